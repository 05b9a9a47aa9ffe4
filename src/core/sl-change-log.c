/* sl-change-log.c
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

#define G_LOG_DOMAIN "sl-change-log"

#include "config.h"

#include <json-glib/json-glib.h>
#include <openssl/evp.h>
#include <sodium.h>
#include <string.h>

#include "sl-change-log.h"
#include "sl-codebook.h"
#include "sl-vault-private.h"

/*
 * Every edit is a change appended to the log, in the same transaction
 * that brings the current values (records, record_values) in step with
 * it. Each change carries the SHA-256 of its device's previous change, so
 * the log of each device is a hash chain: a change edited, removed or
 * moved breaks it, and `audit` names the first break.
 */

#define HASH_BYTES crypto_hash_sha256_BYTES

struct _SlTxn
{
  SlVault      *vault;
  sqlite3      *db;
  sqlite3_stmt *insert_change;
  char         *device;
  gint64        device_no;
  char         *author;
  gint64        author_no;
  gint64        codebook_version;
  gint64        seq;
  gint64        hlc;
  guint8        hash[HASH_BYTES];
  gboolean      has_hash;
  GHashTable   *touched;   /* record ids changed in this transaction */
  GHashTable   *stmts;     /* SQL text -> prepared statement */
  gboolean      bulk;      /* foreign keys left unchecked until it ends */
};

void
sl_change_free (SlChange *change)
{
  g_free (change->device);
  g_free (change->hlc);
  g_free (change->record);
  g_free (change->op);
  g_free (change->field);
  g_free (change->value);
  g_free (change->author);
  g_free (change->base);
  g_free (change);
}

void
sl_audit_report_free (SlAuditReport *report)
{
  g_clear_pointer (&report->problems, g_ptr_array_unref);
  g_free (report);
}

/* Writes @s at *@p, its length first (big-endian; all ones for NULL). */
static void
put_hash_field (guint8     **p,
                const char  *s,
                gsize        len)
{
  guint32 n = s ? (guint32) len : G_MAXUINT32;

  (*p)[0] = n >> 24;
  (*p)[1] = n >> 16;
  (*p)[2] = n >> 8;
  (*p)[3] = n;
  *p += 4;
  if (s)
    {
      memcpy (*p, s, len);
      *p += len;
    }
}

static gpointer
fetch_sha256 (gpointer data)
{
  return EVP_MD_fetch (NULL, "SHA256", NULL);
}

/* SHA-256. OpenSSL's uses the processor's SHA instructions where it has
 * them, several times faster than libsodium's portable code: an import
 * of a million changes hashes every one. */
static void
sha256 (const guint8 *data,
        gsize         len,
        guint8       *out)
{
  static GOnce once = G_ONCE_INIT;
  const EVP_MD *md = g_once (&once, fetch_sha256, NULL);

  if (md == NULL || !EVP_Digest (data, len, out, NULL, md, NULL))
    crypto_hash_sha256 (out, data, len);
}

/* The hash covers every column and the previous hash, each length-prefixed
 * so that no two different changes serialise alike. The base joined the
 * log later: a change without one hashes as it always did. */
void
_sl_change_hash (const char   *device,
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
                 guint8       *out)
{
  char seq[32];
  char version[32];
  const char *parts[] = { "sightline-change-v1", device, seq, hlc, record, op, field, value,
                          author, version, base ? "base" : NULL, base };
  guint n_parts = base ? G_N_ELEMENTS (parts) : G_N_ELEMENTS (parts) - 2;
  gsize lens[G_N_ELEMENTS (parts)];
  gsize size = HASH_BYTES;
  guint8 stack[1024];
  g_autofree guint8 *heap = NULL;
  guint8 *buf;
  guint8 *p;

  g_snprintf (seq, sizeof seq, "%" G_GINT64_FORMAT, device_seq);
  g_snprintf (version, sizeof version, "%" G_GINT64_FORMAT, codebook_version);
  for (guint i = 0; i < n_parts; i++)
    {
      lens[i] = parts[i] ? strlen (parts[i]) : 0;
      size += 4 + lens[i];
    }
  /* Most changes fit on the stack; a long note goes to the heap. */
  p = buf = size <= sizeof stack ? stack : (heap = g_malloc (size));
  for (guint i = 0; i < n_parts; i++)
    put_hash_field (&p, parts[i], lens[i]);
  if (prev_hash)
    {
      memcpy (p, prev_hash, HASH_BYTES);
      p += HASH_BYTES;
    }
  sha256 (buf, (gsize) (p - buf), out);
}

/* Transactions */

static void
finalize_stmt (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static SlTxn *
txn_begin (SlVault   *self,
           gboolean   bulk,
           GError   **error)
{
  g_autofree SlTxn *txn = g_new0 (SlTxn, 1);
  sqlite3_stmt *stmt = NULL;
  int rc;

  _sl_vault_lock_db (self);
  txn->vault = self;
  txn->db = _sl_vault_get_db (self);
  if (txn->db == NULL)
    {
      g_set_error (error, SL_VAULT_ERROR, SL_VAULT_ERROR_LOCKED,
                   "The vault %s is locked. Unlock it first", sl_vault_get_name (self));
      _sl_vault_unlock_db (self);
      return NULL;
    }
  /* Only outside a transaction does this take; it is set back before
   * the vault's lock is let go (txn_free()), so no other change runs
   * without the checks. */
  if (bulk)
    txn->bulk = sqlite3_exec (txn->db, "PRAGMA foreign_keys = OFF", NULL, NULL, NULL) == SQLITE_OK;
  if ((rc = sqlite3_exec (txn->db, "BEGIN IMMEDIATE", NULL, NULL, NULL)) != SQLITE_OK)
    {
      _sl_set_error_from_db (error, txn->db, rc, "The vault could not start a change");
      if (txn->bulk)
        sqlite3_exec (txn->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
      _sl_vault_unlock_db (self);
      return NULL;
    }

  txn->device = g_strdup (sl_vault_get_device_id (self));
  txn->author = g_strdup (sl_vault_get_author (self));
  txn->codebook_version = sl_codebook_get_version (_sl_vault_get_codebook (self));
  txn->touched = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  txn->stmts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, finalize_stmt);

  /* This device's chain, and the author's number; both rows are created
   * on first use. */
  sqlite3_exec (txn->db, "SAVEPOINT sl_ids", NULL, NULL, NULL);
  sqlite3_prepare_v2 (txn->db, "INSERT OR IGNORE INTO devices (id) VALUES (?1)", -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, txn->device, -1, SQLITE_STATIC);
  sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  sqlite3_exec (txn->db, "RELEASE sl_ids", NULL, NULL, NULL);

  sqlite3_prepare_v2 (txn->db, "SELECT no, last_seq, last_hash, last_hlc FROM devices WHERE id = ?1",
                      -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, txn->device, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      txn->device_no = sqlite3_column_int64 (stmt, 0);
      txn->seq = sqlite3_column_int64 (stmt, 1);
      if (sqlite3_column_bytes (stmt, 2) == HASH_BYTES)
        {
          memcpy (txn->hash, sqlite3_column_blob (stmt, 2), HASH_BYTES);
          txn->has_hash = TRUE;
        }
      txn->hlc = sqlite3_column_int64 (stmt, 3);
    }
  sqlite3_finalize (stmt);
  txn->author_no = _sl_txn_author_no (txn, txn->author);
  if (txn->device_no == 0 || txn->author_no == 0)
    {
      g_set_error (error, SL_VAULT_ERROR, SL_VAULT_ERROR_FAILED,
                   "The vault could not record this device or author: %s",
                   sqlite3_errmsg (txn->db));
      _sl_txn_rollback (g_steal_pointer (&txn));
      return NULL;
    }

  rc = sqlite3_prepare_v2 (txn->db,
                           "INSERT INTO changes (device, device_seq, hlc, record, op, field, value, "
                           "author, codebook_version, hash, base) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                           -1, &txn->insert_change, NULL);
  if (rc != SQLITE_OK)
    {
      _sl_set_error_from_db (error, txn->db, rc, "The vault's change log could not be written");
      _sl_txn_rollback (g_steal_pointer (&txn));
      return NULL;
    }
  return g_steal_pointer (&txn);
}

/**
 * _sl_txn_begin:
 * @self: an unlocked vault
 * @error: return location for a #GError
 *
 * Takes the vault's lock and starts a write transaction (BEGIN IMMEDIATE,
 * so no other process writes meanwhile), with this device's chain state.
 *
 * Returns: (transfer full) (nullable): the transaction; end it with
 *   _sl_txn_commit() or _sl_txn_rollback()
 */
SlTxn *
_sl_txn_begin (SlVault  *self,
               GError  **error)
{
  return txn_begin (self, FALSE, error);
}

/**
 * _sl_txn_begin_bulk:
 * @self: an unlocked vault
 * @error: return location for a #GError
 *
 * As _sl_txn_begin(), for an import that writes rows by the hundred
 * thousand and makes sure itself that each row it writes refers to rows
 * that exist (the change log's device, record and author; a record's
 * parent): SQLite's own check of each reference, one lookup per
 * reference and row, is left out until the transaction ends.
 *
 * Returns: (transfer full) (nullable): the transaction
 */
SlTxn *
_sl_txn_begin_bulk (SlVault  *self,
                    GError  **error)
{
  return txn_begin (self, TRUE, error);
}

static void
txn_free (SlTxn *txn)
{
  sqlite3_finalize (txn->insert_change);
  g_clear_pointer (&txn->stmts, g_hash_table_unref);
  g_clear_pointer (&txn->touched, g_hash_table_unref);
  if (txn->bulk)
    {
      /* Ended, whatever happened: the checks are back on for what comes next. */
      if (!sqlite3_get_autocommit (txn->db))
        sqlite3_exec (txn->db, "ROLLBACK", NULL, NULL, NULL);
      sqlite3_exec (txn->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
    }
  g_free (txn->device);
  g_free (txn->author);
  _sl_vault_unlock_db (txn->vault);
  g_free (txn);
}

void
_sl_txn_rollback (SlTxn *txn)
{
  sqlite3_exec (txn->db, "ROLLBACK", NULL, NULL, NULL);
  txn_free (txn);
}

/**
 * _sl_txn_cancelled:
 * @txn: a transaction
 * @cancellable: (nullable): the job's #GCancellable
 * @error: return location for a #GError
 *
 * What a long job asks now and then: whether it was cancelled, or the
 * vault is being locked (which must not wait for the job to end). The
 * caller then rolls the transaction back.
 *
 * Returns: %TRUE, with @error set to %G_IO_ERROR_CANCELLED, if the job
 *   must stop
 */
gboolean
_sl_txn_cancelled (SlTxn         *txn,
                   GCancellable  *cancellable,
                   GError       **error)
{
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return TRUE;
  if (_sl_vault_lock_requested (txn->vault))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                   "The vault was locked before this finished, so nothing was changed. "
                   "Unlock it and start again");
      return TRUE;
    }
  return FALSE;
}

/**
 * _sl_txn_commit:
 * @txn: (transfer full): a transaction
 * @touched: (out) (optional) (transfer full): the records it changed
 * @error: return location for a #GError
 *
 * Saves the chain state and commits; on failure rolls back, so the vault
 * holds all of the transaction or none of it.
 *
 * Returns: %TRUE on success
 */
gboolean
_sl_txn_commit (SlTxn       *txn,
                GPtrArray  **touched,
                GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  /* The clock is saved even when this device made no change: an import
   * moves it past every clock it brought. */
    {
      sqlite3_prepare_v2 (txn->db,
                          "UPDATE devices SET last_seq = ?2, last_hash = ?3, last_hlc = ?4 "
                          "WHERE no = ?1", -1, &stmt, NULL);
      sqlite3_bind_int64 (stmt, 1, txn->device_no);
      sqlite3_bind_int64 (stmt, 2, txn->seq);
      if (txn->has_hash)
        sqlite3_bind_blob (stmt, 3, txn->hash, HASH_BYTES, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 4, txn->hlc);
      rc = sqlite3_step (stmt);
      sqlite3_finalize (stmt);
      if (rc != SQLITE_DONE)
        {
          _sl_set_error_from_db (error, txn->db, rc, "The change could not be saved");
          _sl_txn_rollback (txn);
          return FALSE;
        }
    }

  /* A statement left mid-way holds a read of the vault as it was before
   * the transaction, and so keeps the commit's checkpoint from moving
   * the write-ahead log into the database: the log would only grow. */
  {
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init (&iter, txn->stmts);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      sqlite3_reset (value);
  }
  if ((rc = sqlite3_exec (txn->db, "COMMIT", NULL, NULL, NULL)) != SQLITE_OK)
    {
      _sl_set_error_from_db (error, txn->db, rc, "The change could not be saved");
      _sl_txn_rollback (txn);
      return FALSE;
    }

  if (touched != NULL)
    {
      GHashTableIter iter;
      gpointer key;

      *touched = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_iter_init (&iter, txn->touched);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_ptr_array_add (*touched, g_strdup (key));
    }
  txn_free (txn);
  return TRUE;
}

sqlite3 *
_sl_txn_get_db (SlTxn *txn)
{
  return txn->db;
}

SlVault *
_sl_txn_get_vault (SlTxn *txn)
{
  return txn->vault;
}

/**
 * _sl_txn_stmt:
 * @txn: a transaction
 * @sql: a static SQL string
 *
 * Prepares @sql once per transaction (bulk imports run one statement many
 * times) and hands it back reset, with no bindings.
 *
 * Returns: (transfer none): the statement
 */
sqlite3_stmt *
_sl_txn_stmt (SlTxn      *txn,
              const char *sql)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (txn->stmts, sql);

  if (stmt == NULL)
    {
      if (sqlite3_prepare_v2 (txn->db, sql, -1, &stmt, NULL) != SQLITE_OK)
        g_error ("Invalid SQL in Sightline: %s: %s", sql, sqlite3_errmsg (txn->db));
      g_hash_table_insert (txn->stmts, (gpointer) sql, stmt);
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return stmt;
}

/* A hybrid logical clock: wall-clock milliseconds times 65536, plus a
 * counter for changes within one millisecond (or while the wall clock is
 * behind the last change seen). With the device id as tie-break, clock
 * values order every change of every device. */
static gint64
next_hlc (SlTxn *txn)
{
  gint64 wall = (g_get_real_time () / 1000) << 16;

  txn->hlc = wall > txn->hlc ? wall : txn->hlc + 1;
  return txn->hlc;
}

/* The clock value the next change will carry. */
gint64
_sl_txn_tick (SlTxn *txn)
{
  return next_hlc (txn);
}

/**
 * _sl_txn_author_no:
 * @txn: a transaction
 * @name: an author's name
 *
 * Authors are stored once and changes refer to them by number; the row is
 * made on first use.
 *
 * Returns: the author's number, 0 on failure
 */
gint64
_sl_txn_author_no (SlTxn      *txn,
                   const char *name)
{
  sqlite3_stmt *stmt = _sl_txn_stmt (txn, "INSERT OR IGNORE INTO authors (name) VALUES (?1)");
  gint64 no = 0;

  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_step (stmt);
  stmt = _sl_txn_stmt (txn, "SELECT no FROM authors WHERE name = ?1");
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    no = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return no;
}

/* A clock seen in an imported change: this device's next change must
 * come after it, so that the clock orders a change after all it knew. */
void
_sl_txn_observe_clock (SlTxn  *txn,
                       gint64  hlc)
{
  if (hlc > txn->hlc)
    txn->hlc = hlc;
}

gint64
_sl_txn_get_device_no (SlTxn *txn)
{
  return txn->device_no;
}

/* What this device knew of the record when changing it: per other
 * device, the last of its changes to the record held here, as JSON
 * ({"device": seq, ...}), or NULL when no other device touched it. Two
 * changes are concurrent when neither was known to the other's base. */
static char *
txn_base (SlTxn  *txn,
          gint64  record_no)
{
  sqlite3_stmt *stmt = _sl_txn_stmt (txn, "SELECT d.id, max(c.device_seq) FROM changes c "
                                     "JOIN devices d ON d.no = c.device "
                                     "WHERE c.record = ?1 AND c.device != ?2 "
                                     "GROUP BY c.device ORDER BY d.id");
  GString *base = NULL;

  sqlite3_bind_int64 (stmt, 1, record_no);
  sqlite3_bind_int64 (stmt, 2, txn->device_no);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      base = base ? g_string_append_c (base, ',') : g_string_new ("{");
      g_string_append_printf (base, "\"%s\":%" G_GINT64_FORMAT,
                              (const char *) sqlite3_column_text (stmt, 0),
                              (gint64) sqlite3_column_int64 (stmt, 1));
    }
  if (base == NULL)
    return NULL;
  g_string_append_c (base, '}');
  return g_string_free (base, FALSE);
}

/**
 * sl_hlc_to_string:
 * @hlc: a clock value
 * @device: the device that made the change
 *
 * Returns: (transfer full): the clock as text that sorts like the clock:
 *   milliseconds, counter, device
 */
char *
sl_hlc_to_string (gint64      hlc,
                  const char *device)
{
  return g_strdup_printf ("%015" G_GINT64_FORMAT ".%05u.%s", hlc >> 16, (guint) (hlc & 0xffff),
                          device);
}

/**
 * _sl_txn_append:
 * @txn: a transaction
 * @record_no: the record's row number
 * @record: the record's id
 * @op: "create", "set", "delete" or "undelete"
 * @field: (nullable): the field, for "set"
 * @value: (nullable): the value as JSON
 * @hlc_out: (inout) (optional): the change's clock; a clock from
 *   _sl_txn_tick() on the way in is used as it is, 0 takes the next one
 * @error: return location for a #GError
 *
 * Appends one change to this device's chain.
 *
 * Returns: %TRUE on success
 */
gboolean
_sl_txn_append (SlTxn       *txn,
                gint64       record_no,
                const char  *record,
                const char  *op,
                const char  *field,
                const char  *value,
                gint64      *hlc_out,
                GError     **error)
{
  sqlite3_stmt *stmt = txn->insert_change;
  guint8 hash[HASH_BYTES];
  gint64 hlc = hlc_out != NULL && *hlc_out != 0 ? *hlc_out : next_hlc (txn);
  g_autofree char *hlc_text = sl_hlc_to_string (hlc, txn->device);
  g_autofree char *base = g_str_equal (op, "create") ? NULL : txn_base (txn, record_no);
  gint64 seq = txn->seq + 1;
  int rc;

  _sl_change_hash (txn->device, seq, hlc_text, record, op, field, value, txn->author,
                   txn->codebook_version, base, txn->has_hash ? txn->hash : NULL, hash);

  sqlite3_reset (stmt);
  sqlite3_bind_int64 (stmt, 1, txn->device_no);
  sqlite3_bind_int64 (stmt, 2, seq);
  sqlite3_bind_int64 (stmt, 3, hlc);
  sqlite3_bind_int64 (stmt, 4, record_no);
  sqlite3_bind_text (stmt, 5, op, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, field, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, value, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 8, txn->author_no);
  sqlite3_bind_int64 (stmt, 9, txn->codebook_version);
  sqlite3_bind_blob (stmt, 10, hash, HASH_BYTES, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 11, base, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    {
      _sl_set_error_from_db (error, txn->db, rc, "The change could not be recorded");
      return FALSE;
    }

  /* A change made here knows every value the field (or, for a deletion,
   * the record) had: it settles any conflict there. */
  if (base != NULL)
    {
      sqlite3_stmt *settle = _sl_txn_stmt (txn, "DELETE FROM conflicts WHERE record = ?1 AND "
                                           "field = ?2");

      sqlite3_bind_int64 (settle, 1, record_no);
      sqlite3_bind_text (settle, 2, g_str_equal (op, "set") ? field : "", -1, SQLITE_STATIC);
      if ((rc = sqlite3_step (settle)) != SQLITE_DONE)
        {
          _sl_set_error_from_db (error, txn->db, rc, "The change could not be recorded");
          return FALSE;
        }
    }

  txn->seq = seq;
  memcpy (txn->hash, hash, HASH_BYTES);
  txn->has_hash = TRUE;
  if (!g_hash_table_contains (txn->touched, record))
    g_hash_table_add (txn->touched, g_strdup (record));
  if (hlc_out)
    *hlc_out = hlc;
  return TRUE;
}

/* Reading the log */

static SlChange *
change_from_row (sqlite3_stmt *stmt)
{
  SlChange *c = g_new0 (SlChange, 1);

  c->device = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  c->device_seq = sqlite3_column_int64 (stmt, 1);
  c->hlc = sl_hlc_to_string (sqlite3_column_int64 (stmt, 2), c->device);
  c->record = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  c->op = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  c->field = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
  c->value = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
  c->author = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
  c->codebook_version = sqlite3_column_int64 (stmt, 8);
  c->base = g_strdup ((const char *) sqlite3_column_text (stmt, 9));
  return c;
}

/* Columns 0-9 in the order change_from_row() reads them; 10 is the hash. */
#define CHANGE_SELECT \
  "SELECT d.id, c.device_seq, c.hlc, r.id, c.op, c.field, c.value, a.name, " \
  "c.codebook_version, c.base, c.hash FROM changes c " \
  "LEFT JOIN devices d ON d.no = c.device LEFT JOIN records r ON r.no = c.record " \
  "LEFT JOIN authors a ON a.no = c.author "

/**
 * sl_vault_dup_history:
 * @self: an unlocked vault
 * @record: a record's id
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type SlChange): the record's changes,
 *   oldest first: who changed what, when, from which device
 */
GPtrArray *
sl_vault_dup_history (SlVault     *self,
                      const char  *record,
                      GError     **error)
{
  GPtrArray *ret = NULL;
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db;
  int rc;

  g_return_val_if_fail (SL_IS_VAULT (self), NULL);

  _sl_vault_lock_db (self);
  if ((db = _sl_vault_get_db (self)) == NULL)
    {
      g_set_error (error, SL_VAULT_ERROR, SL_VAULT_ERROR_LOCKED, "The vault is locked");
      goto out;
    }
  sqlite3_prepare_v2 (db, CHANGE_SELECT "WHERE c.record = (SELECT no FROM records WHERE id = ?1) "
                      "ORDER BY c.hlc, d.id", -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, record, -1, SQLITE_STATIC);
  ret = g_ptr_array_new_with_free_func ((GDestroyNotify) sl_change_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (ret, change_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      _sl_set_error_from_db (error, db, rc, "The history could not be read");
      g_clear_pointer (&ret, g_ptr_array_unref);
    }
  sqlite3_finalize (stmt);

out:
  _sl_vault_unlock_db (self);
  return ret;
}

static char *
short_id (const char *id)
{
  return g_strndup (id ? id : "?", 8);
}

static void
audit_problem (SlAuditReport *report,
               const char    *fmt,
               ...) G_GNUC_PRINTF (2, 3);

static void
audit_problem (SlAuditReport *report,
               const char    *fmt,
               ...)
{
  va_list args;

  va_start (args, fmt);
  g_ptr_array_add (report->problems, g_strdup_vprintf (fmt, args));
  va_end (args);
}

/* Walks one device's chain in order; reports the first break only, since
 * everything after a break is unverifiable. */
static void
audit_device (sqlite3       *db,
              gint64         device_no,
              const char    *device,
              gint64         recorded_last,
              const guint8  *recorded_hash,
              SlAuditReport *report)
{
  g_autofree char *dev = short_id (device);
  sqlite3_stmt *stmt = NULL;
  guint8 prev[HASH_BYTES];
  gboolean has_prev = FALSE;
  gint64 expected = 1;
  gboolean broken = FALSE;

  sqlite3_prepare_v2 (db, CHANGE_SELECT "WHERE c.device = ?1 ORDER BY c.device_seq", -1, &stmt,
                      NULL);
  sqlite3_bind_int64 (stmt, 1, device_no);
  while (!broken && sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(SlChange) c = change_from_row (stmt);
      const guint8 *stored = sqlite3_column_blob (stmt, 10);
      int stored_len = sqlite3_column_bytes (stmt, 10);
      guint8 computed[HASH_BYTES];

      report->n_changes++;
      if (c->device_seq != expected)
        {
          audit_problem (report, "device %s: change %" G_GINT64_FORMAT " is missing (the chain "
                         "jumps from %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT "): a change was "
                         "removed", dev, expected, expected - 1, c->device_seq);
          broken = TRUE;
          break;
        }
      /* Each hash covers the one before it: an edited change, or one moved
       * to another place in the chain, no longer matches. */
      _sl_change_hash (device, c->device_seq, c->hlc, c->record, c->op, c->field, c->value,
                       c->author, c->codebook_version, c->base, has_prev ? prev : NULL, computed);
      if (stored_len != HASH_BYTES || memcmp (stored, computed, HASH_BYTES) != 0)
        {
          audit_problem (report, "device %s: change %" G_GINT64_FORMAT " (record %s, %s%s%s) was "
                         "edited, or changes before it were removed or reordered: it no longer "
                         "matches its hash", dev, c->device_seq, c->record, c->op,
                         c->field ? " " : "", c->field ? c->field : "");
          broken = TRUE;
          break;
        }
      memcpy (prev, computed, HASH_BYTES);
      has_prev = TRUE;
      expected++;
    }
  sqlite3_finalize (stmt);

  if (!broken && expected - 1 != recorded_last)
    audit_problem (report, "device %s: the log ends at change %" G_GINT64_FORMAT " but %"
                   G_GINT64_FORMAT " were recorded: the last changes were removed",
                   dev, expected - 1, recorded_last);
  else if (!broken && recorded_hash != NULL && has_prev && memcmp (recorded_hash, prev, HASH_BYTES))
    audit_problem (report, "device %s: the last change does not match the chain's recorded end: "
                   "the log was rewritten", dev);
}

/* The current values must be what the log says: replaying each record's
 * changes in clock order (a create's first values, then each field's
 * edits, deletes and undeletes) must give exactly what is stored. */
static void
audit_current_values (sqlite3       *db,
                      SlAuditReport *report)
{
  sqlite3_stmt *records = NULL;
  sqlite3_stmt *changes = NULL;
  sqlite3_stmt *values = NULL;
  guint found = 0;

  sqlite3_prepare_v2 (db, "SELECT no, id, deleted FROM records ORDER BY no", -1, &records, NULL);
  sqlite3_prepare_v2 (db, "SELECT c.op, c.field, c.value FROM changes c "
                      "JOIN devices d ON d.no = c.device WHERE c.record = ?1 "
                      "ORDER BY c.hlc, d.id", -1, &changes, NULL);
  sqlite3_prepare_v2 (db, "SELECT field, value FROM record_values WHERE record = ?1",
                      -1, &values, NULL);

  while (sqlite3_step (records) == SQLITE_ROW && found < 20)
    {
      g_autoptr(GHashTable) expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      gint64 no = sqlite3_column_int64 (records, 0);
      const char *id = (const char *) sqlite3_column_text (records, 1);
      gboolean deleted = FALSE;
      gboolean created = FALSE;
      GHashTableIter iter;
      gpointer key, value;

      sqlite3_reset (changes);
      sqlite3_bind_int64 (changes, 1, no);
      while (sqlite3_step (changes) == SQLITE_ROW)
        {
          const char *op = (const char *) sqlite3_column_text (changes, 0);
          const char *field = (const char *) sqlite3_column_text (changes, 1);
          const char *val = (const char *) sqlite3_column_text (changes, 2);

          if (g_strcmp0 (op, "create") == 0 && val != NULL)
            {
              g_autoptr(JsonNode) node = json_from_string (val, NULL);
              JsonObject *obj = node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
              JsonObject *first = obj && json_object_has_member (obj, "values") ?
                                  json_object_get_object_member (obj, "values") : NULL;
              g_autoptr(GList) members = first ? json_object_get_members (first) : NULL;

              created = TRUE;
              for (GList *l = members; l; l = l->next)
                g_hash_table_replace (expected, g_strdup (l->data),
                                      json_to_string (json_object_get_member (first, l->data), FALSE));
            }
          else if (g_strcmp0 (op, "set") == 0 && field != NULL)
            {
              if (val == NULL)
                g_hash_table_remove (expected, field);
              else
                g_hash_table_replace (expected, g_strdup (field), g_strdup (val));
            }
          else if (g_strcmp0 (op, "delete") == 0)
            deleted = TRUE;
          else if (g_strcmp0 (op, "undelete") == 0)
            deleted = FALSE;
        }

      if (!created || deleted != (sqlite3_column_int (records, 2) != 0))
        {
          audit_problem (report, "record %s: it is not as the change log says (created or "
                         "deleted outside the log)", id);
          found++;
        }

      sqlite3_reset (values);
      sqlite3_bind_int64 (values, 1, no);
      while (sqlite3_step (values) == SQLITE_ROW)
        {
          const char *field = (const char *) sqlite3_column_text (values, 0);
          const char *val = (const char *) sqlite3_column_text (values, 1);
          const char *want = g_hash_table_lookup (expected, field);

          if (g_strcmp0 (want, val) != 0)
            {
              audit_problem (report, "record %s, field %s: the current value does not match the "
                             "change log (log: %s; current: %s)", id, field,
                             want ? want : "none", val);
              found++;
            }
          g_hash_table_remove (expected, field);
        }
      g_hash_table_iter_init (&iter, expected);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          audit_problem (report, "record %s, field %s: the current value does not match the "
                         "change log (log: %s; current: none)", id, (char *) key, (char *) value);
          found++;
        }
    }
  sqlite3_finalize (records);
  sqlite3_finalize (changes);
  sqlite3_finalize (values);
}

/**
 * sl_vault_audit_sync:
 * @self: an unlocked vault
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Verifies every device's hash chain, that each chain ends where it was
 * recorded to end, and that the current values are those the log gives.
 *
 * Returns: (transfer full) (nullable): the report, or %NULL with @error
 */
SlAuditReport *
sl_vault_audit_sync (SlVault       *self,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(SlAuditReport) report = g_new0 (SlAuditReport, 1);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db;
  SlAuditReport *ret = NULL;

  g_return_val_if_fail (SL_IS_VAULT (self), NULL);

  report->problems = g_ptr_array_new_with_free_func (g_free);
  _sl_vault_lock_db (self);
  if ((db = _sl_vault_get_db (self)) == NULL)
    {
      g_set_error (error, SL_VAULT_ERROR, SL_VAULT_ERROR_LOCKED, "The vault is locked");
      goto out;
    }

  sqlite3_exec (db, "SAVEPOINT sl_read", NULL, NULL, NULL);
  sqlite3_prepare_v2 (db, "SELECT no, id, last_seq, last_hash FROM devices WHERE last_seq > 0",
                      -1, &stmt, NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *device = (const char *) sqlite3_column_text (stmt, 1);
      const guint8 *last_hash = sqlite3_column_bytes (stmt, 3) == HASH_BYTES ?
                                sqlite3_column_blob (stmt, 3) : NULL;

      if (g_cancellable_is_cancelled (cancellable))
        break;
      g_hash_table_add (seen, g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, 0)));
      audit_device (db, sqlite3_column_int64 (stmt, 0), device, sqlite3_column_int64 (stmt, 2),
                    last_hash, report);
      report->n_devices++;
    }
  sqlite3_finalize (stmt);

  /* Changes from a device whose chain the vault has no record of. */
  sqlite3_prepare_v2 (db, "SELECT DISTINCT device FROM changes", -1, &stmt, NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *no = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, 0));

      if (!g_hash_table_contains (seen, no))
        audit_problem (report, "device number %s: its changes are in the log but the device's "
                       "chain record is missing: the log was altered", no);
    }
  sqlite3_finalize (stmt);

  audit_current_values (db, report);
  sqlite3_exec (db, "RELEASE sl_read", NULL, NULL, NULL);

  if (!g_cancellable_set_error_if_cancelled (cancellable, error))
    ret = g_steal_pointer (&report);

out:
  _sl_vault_unlock_db (self);
  return ret;
}
