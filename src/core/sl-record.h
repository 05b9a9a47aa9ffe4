/* sl-record.h
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

#include <json-glib/json-glib.h>

#include "sl-codebook.h"
#include "sl-vault.h"

G_BEGIN_DECLS

/**
 * SlRecordError:
 * @SL_RECORD_ERROR_NOT_FOUND: no record has that id
 * @SL_RECORD_ERROR_INVALID: the values break the codebook's rules
 * @SL_RECORD_ERROR_DELETED: the record is deleted
 * @SL_RECORD_ERROR_NOT_DELETED: the record is not deleted (undelete)
 * @SL_RECORD_ERROR_IMPORT: an import was refused; the message lists each
 *   bad row, column and reason
 */
typedef enum
{
  SL_RECORD_ERROR_NOT_FOUND,
  SL_RECORD_ERROR_INVALID,
  SL_RECORD_ERROR_DELETED,
  SL_RECORD_ERROR_NOT_DELETED,
  SL_RECORD_ERROR_IMPORT,
} SlRecordError;

#define SL_RECORD_ERROR (sl_record_error_quark ())
GQuark sl_record_error_quark (void);

#define SL_TYPE_RECORD (sl_record_get_type ())
G_DECLARE_FINAL_TYPE (SlRecord, sl_record, SL, RECORD, GObject)

const char  *sl_record_get_id               (SlRecord     *self);
const char  *sl_record_get_record_type      (SlRecord     *self);
const char  *sl_record_get_parent           (SlRecord     *self);
const char  *sl_record_get_title            (SlRecord     *self);
gboolean     sl_record_get_deleted          (SlRecord     *self);
gint64       sl_record_get_codebook_version (SlRecord     *self);
const char  *sl_record_get_updated          (SlRecord     *self);
JsonNode    *sl_record_get_value            (SlRecord     *self,
                                             const char   *field);
GHashTable  *sl_record_get_values           (SlRecord     *self);

GHashTable  *sl_values_new                  (void);
GHashTable  *sl_values_from_assignments     (SlRecordType *type,
                                             const char * const *assignments,
                                             GError      **error);
GHashTable  *sl_values_from_json            (SlRecordType *type,
                                             JsonObject   *object,
                                             GError      **error);

char        *sl_vault_add_record            (SlVault      *self,
                                             const char   *type,
                                             const char   *parent,
                                             GHashTable   *values,
                                             GError      **error);
gboolean     sl_vault_add_records           (SlVault      *self,
                                             const char   *type,
                                             GPtrArray    *parents,
                                             GPtrArray    *values,
                                             GPtrArray   **ids,
                                             GCancellable *cancellable,
                                             GError      **error);
gboolean     sl_vault_edit_record           (SlVault      *self,
                                             const char   *id,
                                             GHashTable   *values,
                                             GError      **error);
gboolean     sl_vault_edit_records          (SlVault      *self,
                                             GPtrArray    *ids,
                                             GPtrArray    *values,
                                             GCancellable *cancellable,
                                             GError      **error);
gboolean     sl_vault_delete_record         (SlVault      *self,
                                             const char   *id,
                                             GError      **error);
gboolean     sl_vault_undelete_record       (SlVault      *self,
                                             const char   *id,
                                             GError      **error);
SlRecord    *sl_vault_load_record           (SlVault      *self,
                                             const char   *id,
                                             GError      **error);
GPtrArray   *sl_vault_list_records          (SlVault      *self,
                                             const char   *type,
                                             gboolean      include_deleted,
                                             GError      **error);
GPtrArray   *sl_vault_list_children         (SlVault      *self,
                                             const char   *parent,
                                             GError      **error);
GHashTable  *sl_vault_count_records         (SlVault      *self,
                                             GError      **error);
gboolean     sl_vault_undo_last_change      (SlVault      *self,
                                             char        **record,
                                             GError      **error);
char        *sl_vault_resolve_record_id     (SlVault      *self,
                                             const char   *prefix,
                                             GError      **error);
gboolean     sl_vault_import_csv            (SlVault      *self,
                                             const char   *type,
                                             const char   *data,
                                             gsize         length,
                                             guint        *n_imported,
                                             GCancellable *cancellable,
                                             GError      **error);

G_END_DECLS
