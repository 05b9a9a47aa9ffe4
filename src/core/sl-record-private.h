/* sl-record-private.h
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

#include "sl-codebook.h"
#include "sl-record.h"
#include "sl-vault-private.h"

G_BEGIN_DECLS

void        _sl_record_describe         (SlRecordType  *type,
                                         GHashTable    *values,
                                         const char    *id,
                                         char         **title,
                                         char         **search);
gboolean    _sl_txn_store_value         (SlTxn         *txn,
                                         gint64         record_no,
                                         const char    *field,
                                         const char    *json,
                                         gint64         hlc,
                                         gboolean       is_new,
                                         GError       **error);
gboolean    _sl_txn_write_value         (SlTxn         *txn,
                                         gint64         record_no,
                                         const char    *record,
                                         const char    *field,
                                         JsonNode      *value,
                                         GError       **error);
GHashTable *_sl_txn_load_values         (SlTxn         *txn,
                                         gint64         record_no);
gboolean    _sl_txn_update_description  (SlTxn         *txn,
                                         SlRecordType  *type,
                                         gint64         record_no,
                                         const char    *record,
                                         GError       **error);
GPtrArray  *_sl_vault_load_records      (SlVault       *self,
                                         const char * const *ids,
                                         guint          n_ids);
gboolean    _sl_vault_finish_txn        (SlVault       *self,
                                         SlTxn         *txn,
                                         gboolean       ok,
                                         GError       **error);

/* sl-merge.c */

/* One change, as the merge needs it (strings owned by the caller). */
typedef struct
{
  const char *device;
  gint64      seq;
  gint64      hlc;
  const char *op;
  const char *field;
  const char *value;
  const char *author;
  const char *base;
} SlMergeChange;

gboolean    _sl_txn_merge_record        (SlTxn         *txn,
                                         SlCodebook    *codebook,
                                         gint64         record_no,
                                         const char    *record,
                                         GError       **error);

G_END_DECLS
