/* sl-pack.h
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

#include "sl-bundle.h"
#include "sl-vault.h"

G_BEGIN_DECLS

/**
 * SlPackError:
 * @SL_PACK_ERROR_EXISTS: the target folder exists already
 * @SL_PACK_ERROR_IDENTIFIER: the final scan found a direct identifier in a
 *   file of the pack; nothing was written
 * @SL_PACK_ERROR_WRITE: a file of the pack could not be written
 * @SL_PACK_ERROR_SCOPE: a record named in the scope does not exist, is
 *   deleted, or is not a submission, visit or session (a record of a type
 *   with no parent type)
 * @SL_PACK_ERROR_RECIPIENT: the recipient is not an age X25519 recipient
 *
 * Errors from writing an analyst pack.
 */
typedef enum
{
  SL_PACK_ERROR_EXISTS,
  SL_PACK_ERROR_IDENTIFIER,
  SL_PACK_ERROR_WRITE,
  SL_PACK_ERROR_SCOPE,
  SL_PACK_ERROR_RECIPIENT,
} SlPackError;

#define SL_PACK_ERROR (sl_pack_error_quark ())
GQuark sl_pack_error_quark (void);

/* The version of the pack layout this Sightline writes. */
#define SL_PACK_FORMAT 1

/* The default k of k-anonymity. */
#define SL_PACK_DEFAULT_K 5

/* The code a choice's "other: …" is written as; its text stays in the vault. */
#define SL_PACK_OTHER_VALUE 9999

/* The code of a quasi-identifier withheld by disclosure control (user-missing). */
#define SL_PACK_SUPPRESSED_VALUE -9

/* The share of records whose quasi-identifiers may be suppressed, by default. */
#define SL_PACK_DEFAULT_MAX_SUPPRESSION 0.05

/**
 * SlPackOptions:
 * @k: the k of k-anonymity; 0 for %SL_PACK_DEFAULT_K, 1 to turn it off
 * @max_suppression: the share of a record type's records (0 to 1) whose
 *   quasi-identifiers may be suppressed rather than generalised further;
 *   0 for %SL_PACK_DEFAULT_MAX_SUPPRESSION
 * @labels: write labels rather than codes in the CSV files
 * @scope: (nullable) (array zero-terminated=1): the ids of the records the
 *   pack is built from: submissions, visits, sessions (records of a type
 *   with no parent type), each with the records that belong to it (its
 *   coded people) and their notes; %NULL for every record
 * @zip: write one .zip file rather than a folder
 * @recipient: (nullable): an age X25519 recipient (`age1…`): write the
 *   .zip encrypted to it (implies @zip)
 *
 * How a pack is written. Zero-initialised options are the defaults.
 */
typedef struct
{
  guint               k;
  double              max_suppression;
  gboolean            labels;
  const char * const *scope;
  gboolean            zip;
  const char         *recipient;
} SlPackOptions;

/**
 * SlPackReport:
 * @n_files: files written, MANIFEST included
 * @n_records: records written to the data files
 * @n_variables: variables (columns) written, over all data files
 * @n_notes_written: reviewed notes written to notes/
 * @n_notes_unreviewed: notes left out because they were not reviewed, or
 *   were changed since their review
 * @n_fields_withheld: fields left out of the data files (direct
 *   identifiers, localities finer than a region, free-text
 *   quasi-identifiers)
 * @n_records_suppressed: records whose quasi-identifiers were all
 *   suppressed to reach k
 * @k_reached: the smallest class of quasi-identifiers left, over all
 *   record types (records with every quasi-identifier suppressed aside);
 *   at least the k asked for
 *
 * What a pack holds.
 */
typedef struct
{
  guint n_files;
  guint n_records;
  guint n_variables;
  guint n_notes_written;
  guint n_notes_unreviewed;
  guint n_fields_withheld;
  guint n_records_suppressed;
  guint k_reached;
} SlPackReport;

/**
 * SlPackPreviewField:
 * @field: the field's id
 * @label: its label
 * @level: for a quasi-identifier, the generalisation chosen: 0 as
 *   recorded, up to @top, suppressed for every record
 * @top: the level that suppresses it (0 for a withheld field)
 * @generalisation: the level in words ("as recorded", "bands", "groups",
 *   "any of the options", "suppressed"), or why a field is withheld
 *
 * A field in a #SlPackPreviewType.
 */
typedef struct
{
  char  *field;
  char  *label;
  guint  level;
  guint  top;
  char  *generalisation;
} SlPackPreviewField;

/**
 * SlPackPreviewType:
 * @type: the record type's id
 * @label: its name, in the plural
 * @n_records: records of the type in the pack
 * @n_suppressed: of those, records whose quasi-identifiers would all be
 *   suppressed
 * @k_reached: the smallest class of quasi-identifiers left; 0 when the
 *   type has no quasi-identifier or every record is suppressed
 * @n_classes: classes of quasi-identifiers
 * @quasi_identifiers: (element-type SlPackPreviewField): the
 *   generalisation chosen for each quasi-identifier
 * @withheld: (element-type SlPackPreviewField): fields left out, and why
 *
 * What a pack would hold of one record type.
 */
typedef struct
{
  char      *type;
  char      *label;
  guint      n_records;
  guint      n_suppressed;
  guint      k_reached;
  guint      n_classes;
  GPtrArray *quasi_identifiers;
  GPtrArray *withheld;
} SlPackPreviewType;

/**
 * SlPackPreview:
 * @k: the k asked for
 * @max_suppression: the share of records that may be suppressed
 * @n_records: records the pack would hold
 * @n_records_suppressed: of those, records whose quasi-identifiers would
 *   all be suppressed
 * @k_reached: the smallest class over all record types (0: none)
 * @n_notes_written: reviewed notes that would be written
 * @n_notes_unreviewed: notes that would be left out, not reviewed as they
 *   stand
 * @types: (element-type SlPackPreviewType): per record type
 *
 * What sl_vault_write_pack() would do, from sl_vault_preview_pack().
 */
typedef struct
{
  guint      k;
  double     max_suppression;
  guint      n_records;
  guint      n_records_suppressed;
  guint      k_reached;
  guint      n_notes_written;
  guint      n_notes_unreviewed;
  GPtrArray *types;
} SlPackPreview;

void      sl_pack_report_free  (SlPackReport         *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlPackReport, sl_pack_report_free)
void      sl_pack_preview_free (SlPackPreview        *preview);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlPackPreview, sl_pack_preview_free)

gboolean       sl_vault_write_pack           (SlVault              *self,
                                              GFile                *folder,
                                              const SlPackOptions  *options,
                                              SlProgressFunc        progress,
                                              gpointer              progress_data,
                                              GCancellable         *cancellable,
                                              SlPackReport        **report,
                                              GError              **error);
void           sl_vault_write_pack_async     (SlVault              *self,
                                              GFile                *folder,
                                              const SlPackOptions  *options,
                                              SlProgressFunc        progress,
                                              gpointer              progress_data,
                                              GDestroyNotify        progress_notify,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean       sl_vault_write_pack_finish    (SlVault              *self,
                                              GAsyncResult         *result,
                                              SlPackReport        **report,
                                              GError              **error);
SlPackPreview *sl_vault_preview_pack         (SlVault              *self,
                                              const SlPackOptions  *options,
                                              GCancellable         *cancellable,
                                              GError              **error);
void           sl_vault_preview_pack_async   (SlVault              *self,
                                              const SlPackOptions  *options,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
SlPackPreview *sl_vault_preview_pack_finish  (SlVault              *self,
                                              GAsyncResult         *result,
                                              GError              **error);

G_END_DECLS
