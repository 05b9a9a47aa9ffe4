/* sl-bundle.h
 *
 * Copyright 2026 The Sightline authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sl-vault.h"

G_BEGIN_DECLS

/**
 * SlBundleError:
 * @SL_BUNDLE_ERROR_DAMAGED: the file is truncated or was altered on the way
 * @SL_BUNDLE_ERROR_NOT_FOR_THIS_VAULT: the bundle was made for another vault
 * @SL_BUNDLE_ERROR_UNKNOWN_SENDER: the sender is not a trusted peer
 * @SL_BUNDLE_ERROR_SIGNATURE: the signature is not the sender's
 * @SL_BUNDLE_ERROR_REPLAYED: this bundle, or a later one from the same
 *   sender, was imported already
 * @SL_BUNDLE_ERROR_NEWER_FORMAT: made by a newer Sightline
 * @SL_BUNDLE_ERROR_CODEBOOK: built with a codebook this vault does not know
 * @SL_BUNDLE_ERROR_HISTORY: its history does not continue this vault's
 *   (changes missing in between, or a device's history was rewritten)
 * @SL_BUNDLE_ERROR_MALFORMED: signed by a trusted peer, but not a change
 *   set this version can read
 * @SL_BUNDLE_ERROR_NO_SUCH_PEER: no trusted peer has that id
 * @SL_BUNDLE_ERROR_CONFLICT: no such conflict, or the choice is not one of
 *   its values
 */
typedef enum
{
  SL_BUNDLE_ERROR_DAMAGED,
  SL_BUNDLE_ERROR_NOT_FOR_THIS_VAULT,
  SL_BUNDLE_ERROR_UNKNOWN_SENDER,
  SL_BUNDLE_ERROR_SIGNATURE,
  SL_BUNDLE_ERROR_REPLAYED,
  SL_BUNDLE_ERROR_NEWER_FORMAT,
  SL_BUNDLE_ERROR_CODEBOOK,
  SL_BUNDLE_ERROR_HISTORY,
  SL_BUNDLE_ERROR_MALFORMED,
  SL_BUNDLE_ERROR_NO_SUCH_PEER,
  SL_BUNDLE_ERROR_CONFLICT,
} SlBundleError;

#define SL_BUNDLE_ERROR (sl_bundle_error_quark ())
GQuark sl_bundle_error_quark (void);

/* The version of the bundle format this Sightline writes and reads. */
#define SL_BUNDLE_FORMAT 1

/**
 * SlProgressFunc:
 * @fraction: how much is done, 0 to 1
 * @user_data: data given with the function
 *
 * Called from the thread doing the work, a few hundred times at most.
 */
typedef void (*SlProgressFunc) (double   fraction,
                                gpointer user_data);

/**
 * SlBundleSummary:
 * @peer_id: the other side: the receiver on export, the sender on import
 * @peer_name: its name
 * @created: when the bundle was made (ISO 8601, UTC)
 * @n_changes: changes in the bundle
 * @n_new: of those, the changes this vault did not hold yet
 * @n_new_records: records created by those changes
 * @n_deletions: deletions and undeletions among them
 * @n_conflicts: conflicts in the vault after the import that were not
 *   there before
 * @by_type: (element-type SlBundleTypeCount): per record type, the new
 *   records and the edits of existing ones (filled in on import)
 * @codebook: (nullable): "id version" of a newer codebook the bundle
 *   brings, or %NULL
 * @touched: (element-type utf8): ids of the records the import changed
 *
 * What a bundle holds, or what importing it did (or, for a dry run, would
 * do).
 */
typedef struct
{
  char       *peer_id;
  char       *peer_name;
  char       *created;
  guint64     n_changes;
  guint64     n_new;
  guint64     n_new_records;
  guint64     n_deletions;
  guint       n_conflicts;
  GPtrArray  *by_type;
  char       *codebook;
  GPtrArray  *touched;
} SlBundleSummary;

/**
 * SlBundleTypeCount:
 * @type: a record type's id
 * @n_new_records: records of that type the bundle creates
 * @n_edits: field changes, deletions and undeletions of existing ones
 */
typedef struct
{
  char    *type;
  guint64  n_new_records;
  guint64  n_edits;
} SlBundleTypeCount;

void sl_bundle_summary_free (SlBundleSummary *summary);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlBundleSummary, sl_bundle_summary_free)

SlBundleSummary *sl_vault_export_bundle (SlVault         *self,
                                         const char      *peer_id,
                                         GFile           *file,
                                         SlProgressFunc   progress,
                                         gpointer         progress_data,
                                         GCancellable    *cancellable,
                                         GError         **error);
SlBundleSummary *sl_vault_import_bundle (SlVault         *self,
                                         GFile           *file,
                                         gboolean         dry_run,
                                         SlProgressFunc   progress,
                                         gpointer         progress_data,
                                         GCancellable    *cancellable,
                                         GError         **error);
gboolean         sl_vault_forget_peer_acks (SlVault      *self,
                                            const char   *peer_id,
                                            GError      **error);
GBytes          *sl_vault_decrypt_bundle (SlVault        *self,
                                          GFile          *file,
                                          GError        **error);
SlSecret        *sl_vault_dup_age_identity (SlVault      *self,
                                            GError      **error);

/**
 * SlConflictValue:
 * @clock: the change's clock (also how a choice names it)
 * @op: "set", "delete" or "undelete"
 * @value: (nullable): the value as JSON ("set"); %NULL for a cleared field
 * @text: the value as a person reads it (for a deletion: "Deleted"; for
 *   an edit that met a deletion: "Kept and edited: FIELD VALUE")
 * @field: (nullable): the field the change set (for an edit that met a
 *   deletion, the conflict's own field being "")
 * @field_label: (nullable): that field's label
 * @value_text: (nullable): the value alone, as a person reads it; %NULL
 *   for a deletion or a cleared field
 * @author: who made the change
 * @device: the device it was made on
 * @when: when, ISO 8601 UTC
 */
typedef struct
{
  char *clock;
  char *op;
  char *value;
  char *text;
  char *author;
  char *device;
  char *when;
  char *field;
  char *field_label;
  char *value_text;
} SlConflictValue;

/**
 * SlConflict:
 * @record: the record's id
 * @record_type: its type id
 * @title: its title
 * @field: the field's id, or "" when a deletion met an edit
 * @label: the field's label (or "Deleted while being edited")
 * @values: (element-type SlConflictValue): the competing values, the one
 *   in force first
 *
 * Two or more changes to one field (or a deletion and an edit) made
 * without knowing of each other. All are kept; the one in force is the
 * latest, until a person chooses.
 */
typedef struct
{
  char      *record;
  char      *record_type;
  char      *title;
  char      *field;
  char      *label;
  GPtrArray *values;
} SlConflict;

void sl_conflict_free (SlConflict *conflict);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlConflict, sl_conflict_free)

GPtrArray *sl_vault_list_conflicts   (SlVault     *self,
                                      GError     **error);
guint      sl_vault_count_conflicts  (SlVault     *self);
gboolean   sl_vault_resolve_conflict (SlVault     *self,
                                      const char  *record,
                                      const char  *field,
                                      const char  *clock,
                                      GError     **error);

G_END_DECLS
