/* sl-vault-private.h
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

#include <sqlite3.h>

#include "sl-secret.h"
#include "sl-vault.h"

G_BEGIN_DECLS

#define SL_VAULT_DB_NAME   "vault.db"
#define SL_VAULT_KEYS_NAME "keys.json"

/* The page cache, as PRAGMA cache_size takes it (negative: KiB). */
#define SL_VAULT_CACHE_SIZE -16384

/* The connection of an unlocked vault. Callers hold the vault's mutex
 * (_sl_vault_lock_db / _sl_vault_unlock_db) while they use it. */
sqlite3  *_sl_vault_get_db      (SlVault  *self);
void      _sl_vault_lock_db     (SlVault  *self);
void      _sl_vault_unlock_db   (SlVault  *self);
gboolean  _sl_vault_exec        (SlVault  *self,
                                 const char *sql,
                                 GError  **error);
void      _sl_set_error_from_db (GError  **error,
                                 sqlite3  *db,
                                 int       rc,
                                 const char *what);

typedef struct _SlTxn SlTxn;

SlCodebook *_sl_vault_get_codebook        (SlVault    *self);
gsize       _sl_vault_copy_key_masked     (SlVault    *self,
                                           guint8      mask,
                                           guint8     *out,
                                           gsize       out_size);
void        _sl_vault_emit_records_changed (SlVault   *self,
                                            GPtrArray *ids);

SlTxn    *_sl_txn_begin     (SlVault     *self,
                             GError     **error);
gboolean  _sl_txn_commit    (SlTxn       *txn,
                             GPtrArray  **touched,
                             GError     **error);
void      _sl_txn_rollback  (SlTxn       *txn);
gboolean  _sl_txn_cancelled (SlTxn        *txn,
                             GCancellable *cancellable,
                             GError      **error);
gboolean  _sl_vault_lock_requested (SlVault *self);
sqlite3  *_sl_txn_get_db    (SlTxn       *txn);
SlVault  *_sl_txn_get_vault (SlTxn       *txn);
sqlite3_stmt *_sl_txn_stmt  (SlTxn       *txn,
                             const char  *sql);
gint64    _sl_txn_tick      (SlTxn       *txn);
gboolean  _sl_txn_append    (SlTxn       *txn,
                             gint64       record_no,
                             const char  *record,
                             const char  *op,
                             const char  *field,
                             const char  *value,
                             gint64      *hlc,
                             GError     **error);

gboolean  _sl_db_store_codebook   (sqlite3    *db,
                                   SlCodebook *codebook,
                                   GError    **error);
void      _sl_vault_adopt_codebook (SlVault    *self,
                                    SlCodebook *codebook);
void      _sl_txn_observe_clock (SlTxn      *txn,
                                 gint64      hlc);
gint64    _sl_txn_get_device_no (SlTxn      *txn);
gint64    _sl_txn_author_no     (SlTxn      *txn,
                                 const char *name);
void      _sl_change_hash       (const char   *device,
                                 gint64        device_seq,
                                 const char   *hlc,
                                 const char   *record,
                                 const char   *op,
                                 const char   *field,
                                 const char   *value,
                                 const char   *author,
                                 gint64        codebook_version,
                                 const char   *base,
                                 const guint8 *prev_hash,
                                 guint8       *out);
gboolean  _sl_vault_load_device_keys (SlVault   *self,
                                      SlSecret **x25519,
                                      SlSecret **ed25519,
                                      GError   **error);
char     *_sl_identity_peer_id  (const guint8 *signing_key);
gint64    _sl_bundle_parse_body_for_testing (const char  *data,
                                             gsize        len,
                                             GError     **error);

char     *_sl_now_iso8601      (void);

char     *_sl_db_dup_meta    (sqlite3     *db,
                             const char  *key);
gboolean  _sl_db_set_meta    (sqlite3     *db,
                             const char  *key,
                             const char  *value,
                             GError     **error);

char     *_sl_recovery_key_encode (const guint8 *key);
SlSecret *_sl_recovery_key_decode (const char   *text,
                                   GError      **error);

gboolean  _sl_remove_tree          (const char   *path);
gboolean  _sl_write_all            (int           fd,
                                    const guint8 *data,
                                    gsize         len,
                                    GError      **error);

G_END_DECLS
