/* sl-vault.c
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

#define G_LOG_DOMAIN "sl-vault"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <pwquality.h>
#include <sodium.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sl-change-log.h"
#include "sl-codebook.h"
#include "sl-json-private.h"
#include "sl-vault-private.h"

/*
 * A vault is a folder:
 *
 *   NAME/vault.db    SQLCipher database, keyed with a random 256-bit key
 *   NAME/keys.json   key slots: the database key wrapped (XChaCha20-Poly1305)
 *                    under a key derived from each passphrase (Argon2id) or
 *                    from the recovery key (BLAKE2b)
 *
 * Changing a passphrase rewrites one slot of keys.json, never the data.
 * keys.json is replaced by write-to-temporary, fsync, rename, fsync of the
 * folder, so after a crash either the old or the new file is in place.
 */

#define KEYS_FORMAT   "sightline-vault"
#define AD_PREFIX     "sightline-keyslot-v1"
#define MASTER_BYTES  32
#define KEK_BYTES     32
#define SALT_BYTES    crypto_pwhash_SALTBYTES
#define NONCE_BYTES   crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define WRAPPED_BYTES (MASTER_BYTES + crypto_aead_xchacha20poly1305_ietf_ABYTES)

/* Recovery key: 32 random bytes and 3 check bytes, 56 Crockford base32
 * characters shown as 14 groups of 4. */
#define SL_VAULT_PAGE_SIZE 4096

#define RECOVERY_CHECK_BYTES 3
#define RECOVERY_CHARS       56
#define RECOVERY_GROUP       4

typedef struct
{
  guint          id;
  SlKeySlotKind  kind;
  guint64        opslimit;
  gsize          memlimit;
  guint8         salt[SALT_BYTES];
  guint8         nonce[NONCE_BYTES];
  guint8         wrapped[WRAPPED_BYTES];
  char          *created;
} KeySlot;

typedef struct
{
  int        version;
  int        page_size;
  char      *vault_id;
  GPtrArray *slots;   /* of KeySlot */
} KeyFile;

struct _SlVault
{
  GObject    parent_instance;

  /* Owned references */
  GFile     *location;
  char      *name;

  /* Set while sl_vault_lock() waits for the mutex: a long job holding
   * it sees this and gives up (_sl_txn_cancelled()), so that locking
   * never waits for an import to finish. */
  int        lock_requested;   /* atomic */

  /* State, guarded by mutex */
  GMutex     mutex;
  sqlite3   *db;
  SlSecret  *master;
  guint      unlocked_slot;
  int        schema_version;
  SlCodebook *codebook;
  char      *device_id;
  char      *author;

  GThread   *thread;    /* the thread that made it: where signals are emitted */
};

G_DEFINE_FINAL_TYPE (SlVault, sl_vault, G_TYPE_OBJECT)

G_DEFINE_QUARK (sl-vault-error-quark, sl_vault_error)

enum {
  PROP_0,
  PROP_LOCATION,
  PROP_NAME,
  PROP_LOCKED,
  N_PROPS
};

enum {
  RECORDS_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char *migrations[] = {
  /* 1: the vault itself */
  "CREATE TABLE vault_meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);",

  /* 2: the codebook, records and the change log. Rows refer to each other
   * by small integers (records.no, devices.no, authors.no); the UUIDs that
   * travel between vaults are stored once. */
  "CREATE TABLE codebooks (id TEXT NOT NULL, version INTEGER NOT NULL, json TEXT NOT NULL,"
  "  loaded TEXT NOT NULL, PRIMARY KEY (id, version));"
  "CREATE TABLE devices (no INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,"
  "  last_seq INTEGER NOT NULL DEFAULT 0, last_hash BLOB, last_hlc INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE authors (no INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);"
  "CREATE TABLE records (no INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, type TEXT NOT NULL,"
  "  parent INTEGER REFERENCES records (no), codebook_version INTEGER NOT NULL,"
  "  created_hlc INTEGER NOT NULL, updated_hlc INTEGER NOT NULL,"
  "  deleted INTEGER NOT NULL DEFAULT 0, title TEXT NOT NULL DEFAULT '',"
  "  search TEXT NOT NULL DEFAULT '');"
  "CREATE INDEX records_by_type ON records (type);"
  "CREATE INDEX records_by_parent ON records (parent);"
  "CREATE TABLE record_values (record INTEGER NOT NULL REFERENCES records (no),"
  "  field TEXT NOT NULL, value TEXT NOT NULL, hlc INTEGER NOT NULL,"
  "  PRIMARY KEY (record, field)) WITHOUT ROWID;"
  "CREATE TABLE changes (seq INTEGER PRIMARY KEY, device INTEGER NOT NULL REFERENCES devices (no),"
  "  device_seq INTEGER NOT NULL, hlc INTEGER NOT NULL,"
  "  record INTEGER NOT NULL REFERENCES records (no), op TEXT NOT NULL, field TEXT, value TEXT,"
  "  author INTEGER NOT NULL REFERENCES authors (no), codebook_version INTEGER NOT NULL,"
  "  hash BLOB NOT NULL, UNIQUE (device, device_seq));"
  "CREATE INDEX changes_by_record ON changes (record);",

  /* 3: indicator data returns, keyed at the agencies */
  "CREATE TABLE return_hits (provider TEXT NOT NULL, child_key TEXT NOT NULL,"
  "  indicator TEXT NOT NULL, hits INTEGER NOT NULL DEFAULT 1,"
  "  PRIMARY KEY (provider, child_key, indicator)) WITHOUT ROWID;"
  "CREATE INDEX return_hits_by_child ON return_hits (child_key);",

  /* 4: peers trusted for sync */
  "CREATE TABLE peers (id TEXT PRIMARY KEY NOT NULL, name TEXT NOT NULL,"
  "  recipient TEXT NOT NULL, signing_key TEXT NOT NULL, fingerprint TEXT NOT NULL,"
  "  added TEXT NOT NULL, acked_seq INTEGER NOT NULL DEFAULT 0);",

  /* 5: sync. Each change names, per other device, the last change of that
   * device to the same record it knew of (base), so that concurrent edits
   * are told from later ones; the conflicts found; per peer, the device it
   * runs, the clock of the last bundle taken from it and how far it holds
   * each device's changes. */
  "ALTER TABLE changes ADD COLUMN base TEXT;"
  "CREATE TABLE conflicts (record INTEGER NOT NULL REFERENCES records (no),"
  "  field TEXT NOT NULL, PRIMARY KEY (record, field)) WITHOUT ROWID;"
  "ALTER TABLE peers ADD COLUMN device TEXT;"
  "ALTER TABLE peers ADD COLUMN last_bundle INTEGER NOT NULL DEFAULT 0;"
  "CREATE TABLE peer_acks (peer TEXT NOT NULL, device TEXT NOT NULL, seq INTEGER NOT NULL,"
  "  PRIMARY KEY (peer, device)) WITHOUT ROWID;",

  /* 6: anonymising notes. The pseudonym registry (each person, place,
   * institution and reference marked in a case, the forms it is written
   * in, and what replaces it) and the reviews of notes (which text was
   * reviewed, by whom, and what was judged not identifying). */
  "CREATE TABLE pseudonyms (no INTEGER PRIMARY KEY, case_record INTEGER NOT NULL "
  "  REFERENCES records (no), kind TEXT NOT NULL, role TEXT NOT NULL, name TEXT NOT NULL,"
  "  pseudonym TEXT NOT NULL, added TEXT NOT NULL, UNIQUE (case_record, kind, name));"
  "CREATE TABLE pseudonym_forms (pseudonym INTEGER NOT NULL REFERENCES pseudonyms (no),"
  "  form TEXT NOT NULL, PRIMARY KEY (pseudonym, form)) WITHOUT ROWID;"
  "CREATE TABLE note_reviews (record INTEGER NOT NULL REFERENCES records (no),"
  "  field TEXT NOT NULL, text_hash BLOB NOT NULL, reviewer TEXT NOT NULL,"
  "  reviewed TEXT NOT NULL, rejected TEXT NOT NULL, PRIMARY KEY (record, field)) WITHOUT ROWID;",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == SL_VAULT_SCHEMA_VERSION);

/* Helpers */

static void
key_slot_free (KeySlot *slot)
{
  g_free (slot->created);
  sodium_memzero (slot, sizeof *slot);
  g_free (slot);
}

static void
key_file_free (KeyFile *kf)
{
  g_clear_pointer (&kf->slots, g_ptr_array_unref);
  g_free (kf->vault_id);
  g_free (kf);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KeyFile, key_file_free)

static KeyFile *
key_file_new (void)
{
  KeyFile *kf = g_new0 (KeyFile, 1);

  kf->version = SL_VAULT_FORMAT_VERSION;
  kf->page_size = SL_VAULT_PAGE_SIZE;
  kf->slots = g_ptr_array_new_with_free_func ((GDestroyNotify) key_slot_free);
  return kf;
}

void
sl_key_slot_info_free (SlKeySlotInfo *info)
{
  g_free (info->created);
  g_free (info);
}

static char *
child_path (GFile      *location,
            const char *name)
{
  g_autoptr(GFile) child = g_file_get_child (location, name);

  return g_file_get_path (child);
}

/* Now, as every file and table of the vault writes a time: UTC, to the
 * second. */
char *
_sl_now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

void
_sl_set_error_from_db (GError    **error,
                       sqlite3    *db,
                       int         rc,
                       const char *what)
{
  int code = SL_VAULT_ERROR_FAILED;
  const char *msg = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      g_set_error (error, SL_VAULT_ERROR, SL_VAULT_ERROR_CORRUPT,
                   "%s: the vault's database is damaged or has been altered (%s). "
                   "Restore the vault from a backup copy", what, msg);
      return;

    case SQLITE_FULL:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                   "%s: the disk is full. Free some space and try again; "
                   "nothing was changed", what);
      return;

    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   "%s: the vault's files cannot be opened for writing (%s). "
                   "Check the folder's permissions", what, msg);
      return;

    default:
      g_set_error (error, SL_VAULT_ERROR, code, "%s: %s", what, msg);
      return;
    }
}

static gboolean
exec_sql (sqlite3     *db,
          const char  *sql,
          GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      _sl_set_error_from_db (error, db, rc, "The vault could not be updated");
      return FALSE;
    }
  return TRUE;
}

static gboolean
query_int (sqlite3     *db,
           const char  *sql,
           int         *out,
           GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _sl_set_error_from_db (error, db, rc, "The vault could not be read");
      sqlite3_finalize (stmt);
      return FALSE;
    }
  *out = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return TRUE;
}

static char *
query_text (sqlite3     *db,
            const char  *sql,
            const char  *arg,
            GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  char *ret = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK && arg != NULL)
    sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_TRANSIENT);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    ret = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  else if (rc == SQLITE_DONE)
    g_set_error (error, SL_VAULT_ERROR, SL_VAULT_ERROR_CORRUPT,
                 "The vault's database lacks an entry it should have. "
                 "Restore the vault from a backup copy");
  else
    _sl_set_error_from_db (error, db, rc, "The vault could not be read");
  sqlite3_finalize (stmt);
  return ret;
}

static gboolean
set_meta (sqlite3     *db,
          const char  *key,
          const char  *value,
          GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db,
                               "INSERT OR REPLACE INTO vault_meta (key, value) VALUES (?1, ?2)",
                               -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _sl_set_error_from_db (error, db, rc, "The vault could not be updated");
      return FALSE;
    }
  return TRUE;
}

/**
 * sl_vault_dup_cipher_version:
 * @error: return location for a #GError
 *
 * Asks the linked library for its SQLCipher version. A plain SQLite
 * library answers nothing: then the keys would be ignored and every vault
 * written in clear text, so callers must refuse to go on.
 *
 * Returns: (transfer full) (nullable): the version, or %NULL with
 *   %SL_VAULT_ERROR_NO_CIPHER
 */
char *
sl_vault_dup_cipher_version (GError **error)
{
  sqlite3 *db = NULL;
  char *version = NULL;

  if (sqlite3_open_v2 (":memory:", &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK)
    version = query_text (db, "PRAGMA cipher_version", NULL, NULL);
  sqlite3_close (db);

  if (version == NULL || *version == '\0')
    {
      g_free (version);
      g_set_error (error, SL_VAULT_ERROR, SL_VAULT_ERROR_NO_CIPHER,
                   "The SQLite library in use is not SQLCipher, so a vault would not be "
                   "encrypted. Reinstall Sightline built against libsqlcipher");
      return NULL;
    }
  return version;
}

/* Opens and keys a connection, then proves the key by a read. */
static sqlite3 *
open_db (const char  *path,
         SlSecret    *master,
         int          page_size,
         gboolean     create,
         GError     **error)
{
  g_autofree char *page_pragma = g_strdup_printf ("PRAGMA cipher_page_size = %d", page_size);
  g_autoptr(SlSecret) hex = sl_secret_new (3 + 2 * MASTER_BYTES);
  g_autofree char *cipher = NULL;
  sqlite3 *db = NULL;
  guint8 *h;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX;
  int rc;
  int n;

  if (create)
    flags |= SQLITE_OPEN_CREATE;
  else
    {
      GStatBuf st;

      if (g_stat (path, &st) != 0 || !S_ISREG (st.st_mode))
        {
          g_set_error (error, SL_VAULT_ERROR, SL_VAULT_ERROR_CORRUPT,
                       "The vault's database file %s is missing. A vault is a folder: "
                       "copy the whole folder, not only some of its files", path);
          return NULL;
        }
      if (st.st_size == 0)
        {
          g_set_error (error, SL_VAULT_ERROR, SL_VAULT_ERROR_CORRUPT,
                       "The vault's database file %s is empty (0 bytes): it is damaged, "
                       "cut short by a failed copy. Restore the vault from a backup copy", path);
          return NULL;
        }
    }

  rc = sqlite3_open_v2 (path, &db, flags, NULL);
  if (rc != SQLITE_OK)
    {
      _sl_set_error_from_db (error, db, rc, "The vault could not be opened");
      sqlite3_close (db);
      return NULL;
    }

  /* A raw key: "x'" + 64 hex digits + "'". Built in guarded memory; a key
   * of the wrong length would be taken as a passphrase, so check it. */
  g_assert (sl_secret_get_size (master) == MASTER_BYTES);
  h = sl_secret_get_data (hex);
  h[0] = 'x';
  h[1] = '\'';
  sodium_bin2hex ((char *) h + 2, 2 * MASTER_BYTES + 1,
                  sl_secret_get_data (master), MASTER_BYTES);
  h[2 + 2 * MASTER_BYTES] = '\'';
  rc = sqlite3_key (db, h, (int) sl_secret_get_size (hex));
  if (rc != SQLITE_OK)
    {
      _sl_set_error_from_db (error, db, rc, "The vault's key could not be set");
      sqlite3_close (db);
      return NULL;
    }

  /* 4 KiB pages: SQLCipher's cost is mostly per page (a fresh IV, an HMAC),
   * so larger pages make bulk writes cheaper. SQLCipher 3 does not record
   * the page size in the database: the key file does, and every open sets
   * it. */
  if (sqlite3_exec (db, page_pragma, NULL, NULL, NULL) != SQLITE_OK)
    {
      _sl_set_error_from_db (error, db, SQLITE_ERROR, "The vault's page size could not be set");
      sqlite3_close (db);
      return NULL;
    }

  cipher = query_text (db, "PRAGMA cipher_version", NULL, NULL);
  if (cipher == NULL || *cipher == '\0')
    {
      g_set_error (error, SL_VAULT_ERROR, SL_VAULT_ERROR_NO_CIPHER,
                   "The SQLite library in use is not SQLCipher, so the vault would not be "
                   "encrypted. Reinstall Sightline built against libsqlcipher");
      sqlite3_close (db);
      return NULL;
    }

  /* A wrong key or a damaged file shows up on the first read. */
  if (!query_int (db, "SELECT count(*) FROM sqlite_master", &n, error))
    {
      sqlite3_close (db);
      return NULL;
    }

  return db;
}

static gboolean
configure_db (sqlite3  *db,
              GError  **error)
{
  g_autofree char *mode = NULL;

  if (!exec_sql (db,
                 "PRAGMA secure_delete = ON;"
                 "PRAGMA temp_store = MEMORY;"
                 "PRAGMA foreign_keys = ON;"
                 "PRAGMA synchronous = FULL;"
                 /* 16 MiB of decrypted pages. */
                 "PRAGMA cache_size = " G_STRINGIFY (SL_VAULT_CACHE_SIZE) ";",
                 error))
    return FALSE;

  mode = query_text (db, "PRAGMA journal_mode = WAL", NULL, error);
  if (mode == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (mode, "wal") != 0)
    {
      g_set_error (error, SL_VAULT_ERROR, SL_VAULT_ERROR_FAILED,
                   "The vault's database could not use write-ahead logging (it reports %s)",
                   mode);
      return FALSE;
    }
  return TRUE;
}

static gboolean
migrate_db (sqlite3  *db,
            int       from,
            GError  **error)
{
  for (int v = from; v < SL_VAULT_SCHEMA_VERSION; v++)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d;", v + 1);

      if (!exec_sql (db, "BEGIN IMMEDIATE;", error))
        return FALSE;
      if (!exec_sql (db, migrations[v], error) ||
          !exec_sql (db, bump, error) ||
          !exec_sql (db, "COMMIT;", error))
        {
          sqlite3_exec (db, "ROLLBACK;", NULL, NULL, NULL);
          g_prefix_error (error, "Upgrading the vault to schema %d failed: ", v + 1);
          return FALSE;
        }
    }
  return TRUE;
}

/* Key slots */

static void
slot_ad (const char    *vault_id,
         const KeySlot *slot,
         GString       *ad)
{
  g_string_printf (ad, "%s|%s|%s|%" G_GUINT64_FORMAT "|%" G_GSIZE_FORMAT "|",
                   AD_PREFIX, vault_id,
                   slot->kind == SL_KEY_SLOT_RECOVERY ? "recovery" : "passphrase",
                   slot->opslimit, slot->memlimit);
  g_string_append_len (ad, (const char *) slot->salt, SALT_BYTES);
}

static SlSecret *
derive_kek (const KeySlot  *slot,
            SlSecret       *secret,
            GError        **error)
{
  g_autoptr(SlSecret) kek = sl_secret_new (KEK_BYTES);

  if (slot->kind == SL_KEY_SLOT_RECOVERY)
    {
      /* The recovery key already holds 256 bits of entropy: no stretching. */
      crypto_generichash (sl_secret_get_data (kek), KEK_BYTES,
                          sl_secret_get_data (secret), sl_secret_get_size (secret),
                          slot->salt, SALT_BYTES);
      return g_steal_pointer (&kek);
    }

  if (crypto_pwhash (sl_secret_get_data (kek), KEK_BYTES,
                     sl_secret_get_string (secret), sl_secret_get_size (secret),
                     slot->salt, slot->opslimit, slot->memlimit,
                     crypto_pwhash_ALG_ARGON2ID13) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                   "Not enough memory to derive the key (%" G_GSIZE_FORMAT " MiB needed). "
                   "Close other programs and try again",
                   slot->memlimit / (1024 * 1024));
      return NULL;
    }
  return g_steal_pointer (&kek);
}

static gboolean
kdf_params_valid (guint64   opslimit,
                  gsize     memlimit,
                  GError  **error)
{
  if (opslimit < crypto_pwhash_OPSLIMIT_MIN || opslimit > crypto_pwhash_OPSLIMIT_MAX ||
      memlimit < crypto_pwhash_MEMLIMIT_MIN || memlimit > crypto_pwhash_MEMLIMIT_MAX ||
      memlimit > (gsize) 4 * 1024 * 1024 * 1024)
    {
      g_set_error (error, SL_VAULT_ERROR, SL_VAULT_ERROR_CORRUPT,
                   "The key derivation cost (%" G_GUINT64_FORMAT " passes, %" G_GSIZE_FORMAT
                   " bytes) is out of range", opslimit, memlimit);
      return FALSE;
    }
  return TRUE;
}

static KeySlot *
slot_seal (const char        *vault_id,
           guint              id,
           SlKeySlotKind      kind,
           const SlKdfParams *params,
           SlSecret          *secret,
           SlSecret          *master,
           GError           **error)
{
  g_autoptr(GString) ad = g_string_new (NULL);
  g_autoptr(SlSecret) kek = NULL;
  KeySlot *slot = g_new0 (KeySlot, 1);

  slot->id = id;
  slot->kind = kind;
  if (kind == SL_KEY_SLOT_PASSPHRASE)
    {
      slot->opslimit = params->opslimit;
      slot->memlimit = params->memlimit;
    }
  slot->created = _sl_now_iso8601 ();
  randombytes_buf (slot->salt, SALT_BYTES);
  randombytes_buf (slot->nonce, NONCE_BYTES);

  if (!(kek = derive_kek (slot, secret, error)))
    {
      key_slot_free (slot);
      return NULL;
    }

  slot_ad (vault_id, slot, ad);
  crypto_aead_xchacha20poly1305_ietf_encrypt (slot->wrapped, NULL,
                                              sl_secret_get_data (master), MASTER_BYTES,
                                              (const guint8 *) ad->str, ad->len,
                                              NULL, slot->nonce,
                                              sl_secret_get_data (kek));
  return slot;
}

static SlSecret *
slot_open (const char    *vault_id,
           const KeySlot *slot,
           SlSecret      *secret,
           GError       **error)
{
  g_autoptr(GString) ad = g_string_new (NULL);
  g_autoptr(SlSecret) kek = NULL;
  g_autoptr(SlSecret) master = sl_secret_new (MASTER_BYTES);

  if (!(kek = derive_kek (slot, secret, error)))
    return NULL;

  slot_ad (vault_id, slot, ad);
  if (crypto_aead_xchacha20poly1305_ietf_decrypt (sl_secret_get_data (master), NULL, NULL,
                                                  slot->wrapped, WRAPPED_BYTES,
                                                  (const guint8 *) ad->str, ad->len,
                                                  slot->nonce,
                                                  sl_secret_get_data (kek)) != 0)
    return NULL;   /* not this slot's secret: no error, the caller tries the next */

  return g_steal_pointer (&master);
}

static gboolean
decode_b64_field (JsonObject  *obj,
                  const char  *member,
                  guint8      *out,
                  gsize        len)
{
  const char *text;
  size_t got = 0;

  if (!json_object_has_member (obj, member))
    return FALSE;
  text = json_object_get_string_member_with_default (obj, member, NULL);
  if (text == NULL)
    return FALSE;
  if (sodium_base642bin (out, len, text, strlen (text), NULL, &got, NULL,
                         sodium_base64_VARIANT_ORIGINAL) != 0)
    return FALSE;
  return got == len;
}

static KeyFile *
key_file_load (GFile   *location,
               GError **error)
{
  g_autofree char *path = child_path (location, SL_VAULT_KEYS_NAME);
  g_autofree char *dir = g_file_get_path (location);
  g_autofree char *contents = NULL;
  g_autoptr(JsonNode) parsed = NULL;
  g_autoptr(KeyFile) kf = key_file_new ();
  g_autoptr(GError) local_error = NULL;
  JsonObject *root;
  JsonArray *slots;
  gsize len = 0;

  if (!g_file_test (dir, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   "There is no vault at %s. Check the path, or create one with "
                   "`sightline-cli create`", dir);
      return NULL;
    }
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, SL_VAULT_ERROR, SL_VAULT_ERROR_NOT_A_VAULT,
                   "%s is a file, not a Sightline vault. A vault is a folder holding "
                   "%s and %s", dir, SL_VAULT_DB_NAME, SL_VAULT_KEYS_NAME);
      return NULL;
    }
  if (!g_file_get_contents (path, &contents, &len, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_set_error (error, SL_VAULT_ERROR, SL_VAULT_ERROR_NOT_A_VAULT,
                     "%s is not a Sightline vault: it has no %s. If it is a vault copied "
                     "from elsewhere, copy the whole folder", dir, SL_VAULT_KEYS_NAME);
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                     "The vault's key file could not be read: %s", local_error->message);
      return NULL;
    }

  if (len > 0)
    parsed = _sl_json_parse (contents, (gssize) len, NULL);
  if (parsed == NULL || !JSON_NODE_HOLDS_OBJECT (parsed))
    {
      g_set_error (error, SL_VAULT_ERROR, SL_VAULT_ERROR_CORRUPT,
                   "The vault's key file %s is damaged (it is empty, cut short or not "
                   "valid JSON). Restore the vault from a backup copy", path);
      return NULL;
    }

  root = json_node_get_object (parsed);
  if (g_strcmp0 (json_object_get_string_member_with_default (root, "format", ""),
                 KEYS_FORMAT) != 0)
    {
      g_set_error (error, SL_VAULT_ERROR, SL_VAULT_ERROR_NOT_A_VAULT,
                   "%s is not a Sightline vault (its %s is not a Sightline key file)",
                   dir, SL_VAULT_KEYS_NAME);
      return NULL;
    }

  kf->version = (int) json_object_get_int_member_with_default (root, "version", 0);
  if (kf->version > SL_VAULT_FORMAT_VERSION)
    {
      g_set_error (error, SL_VAULT_ERROR, SL_VAULT_ERROR_VERSION,
                   "This vault was written by a newer version of Sightline (vault format "
                   "%d; this version reads up to %d). Update Sightline to open it",
                   kf->version, SL_VAULT_FORMAT_VERSION);
      return NULL;
    }

  kf->vault_id = g_strdup (json_object_get_string_member_with_default (root, "vault_id", NULL));
  kf->page_size = (int) json_object_get_int_member_with_default (root, "page_size", 1024);
  if (kf->page_size < 512 || kf->page_size > 65536 || (kf->page_size & (kf->page_size - 1)))
    goto corrupt;
  slots = json_object_has_member (root, "slots") ?
          json_object_get_array_member (root, "slots") : NULL;
  if (kf->version < 1 || kf->vault_id == NULL || slots == NULL)
    goto corrupt;

  for (guint i = 0; i < json_array_get_length (slots); i++)
    {
      JsonNode *node = json_array_get_element (slots, i);
      JsonObject *obj;
      const char *kind;
      KeySlot *slot;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        goto corrupt;
      obj = json_node_get_object (node);
      slot = g_new0 (KeySlot, 1);
      g_ptr_array_add (kf->slots, slot);

      kind = json_object_get_string_member_with_default (obj, "kind", "");
      if (g_str_equal (kind, "passphrase"))
        slot->kind = SL_KEY_SLOT_PASSPHRASE;
      else if (g_str_equal (kind, "recovery"))
        slot->kind = SL_KEY_SLOT_RECOVERY;
      else
        goto corrupt;

      slot->id = (guint) json_object_get_int_member_with_default (obj, "id", G_MAXUINT);
      slot->opslimit = (guint64) json_object_get_int_member_with_default (obj, "opslimit", 0);
      slot->memlimit = (gsize) json_object_get_int_member_with_default (obj, "memlimit", 0);
      slot->created = g_strdup (json_object_get_string_member_with_default (obj, "created", ""));
      if (slot->id == G_MAXUINT ||
          !decode_b64_field (obj, "salt", slot->salt, SALT_BYTES) ||
          !decode_b64_field (obj, "nonce", slot->nonce, NONCE_BYTES) ||
          !decode_b64_field (obj, "wrapped_key", slot->wrapped, WRAPPED_BYTES))
        goto corrupt;
      if (slot->kind == SL_KEY_SLOT_PASSPHRASE &&
          !kdf_params_valid (slot->opslimit, slot->memlimit, NULL))
        goto corrupt;
    }

  if (kf->slots->len == 0)
    goto corrupt;

  return g_steal_pointer (&kf);

corrupt:
  g_set_error (error, SL_VAULT_ERROR, SL_VAULT_ERROR_CORRUPT,
               "The vault's key file %s is damaged (a key slot is incomplete or altered). "
               "Restore the vault from a backup copy", path);
  return NULL;
}

static char *
b64 (const guint8 *data,
     gsize         len)
{
  gsize out_len = sodium_base64_ENCODED_LEN (len, sodium_base64_VARIANT_ORIGINAL);
  char *out = g_malloc (out_len);

  return sodium_bin2base64 (out, out_len, data, len, sodium_base64_VARIANT_ORIGINAL);
}

static gboolean
sync_dir (const char  *dir,
          GError     **error)
{
  int fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  if (fd < 0 || fsync (fd) != 0)
    {
      int saved = errno;

      if (fd >= 0)
        close (fd);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "The folder %s could not be synced to disk: %s", dir, g_strerror (saved));
      return FALSE;
    }
  close (fd);
  return TRUE;
}

/* Atomic: temporary file, fsync, rename, fsync of the folder. */
static gboolean
key_file_save (KeyFile     *kf,
               GFile       *location,
               GError     **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *path = child_path (location, SL_VAULT_KEYS_NAME);
  g_autofree char *dir = g_file_get_path (location);
  g_autofree char *text = NULL;
  g_autoptr(GError) local_error = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, KEYS_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, kf->version);
  json_builder_set_member_name (builder, "vault_id");
  json_builder_add_string_value (builder, kf->vault_id);
  json_builder_set_member_name (builder, "page_size");
  json_builder_add_int_value (builder, kf->page_size);
  json_builder_set_member_name (builder, "slots");
  json_builder_begin_array (builder);
  for (guint i = 0; i < kf->slots->len; i++)
    {
      KeySlot *slot = g_ptr_array_index (kf->slots, i);
      g_autofree char *salt = b64 (slot->salt, SALT_BYTES);
      g_autofree char *nonce = b64 (slot->nonce, NONCE_BYTES);
      g_autofree char *wrapped = b64 (slot->wrapped, WRAPPED_BYTES);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, slot->id);
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, slot->kind == SL_KEY_SLOT_RECOVERY ?
                                              "recovery" : "passphrase");
      json_builder_set_member_name (builder, "kdf");
      json_builder_add_string_value (builder, slot->kind == SL_KEY_SLOT_RECOVERY ?
                                              "blake2b" : "argon2id13");
      json_builder_set_member_name (builder, "opslimit");
      json_builder_add_int_value (builder, (gint64) slot->opslimit);
      json_builder_set_member_name (builder, "memlimit");
      json_builder_add_int_value (builder, (gint64) slot->memlimit);
      json_builder_set_member_name (builder, "salt");
      json_builder_add_string_value (builder, salt);
      json_builder_set_member_name (builder, "nonce");
      json_builder_add_string_value (builder, nonce);
      json_builder_set_member_name (builder, "wrapped_key");
      json_builder_add_string_value (builder, wrapped);
      json_builder_set_member_name (builder, "created");
      json_builder_add_string_value (builder, slot->created);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  text = json_generator_to_data (gen, NULL);

  if (!g_file_set_contents_full (path, text, -1,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOSPC))
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                     "The disk is full, so the vault's key file could not be written. "
                     "Free some space and try again; nothing was changed");
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                     "The vault's key file could not be written: %s. Nothing was changed",
                     local_error->message);
      return FALSE;
    }
  return sync_dir (dir, error);
}

static guint
next_slot_id (KeyFile *kf)
{
  guint id = 0;

  for (guint i = 0; i < kf->slots->len; i++)
    {
      KeySlot *slot = g_ptr_array_index (kf->slots, i);

      id = MAX (id, slot->id + 1);
    }
  return id;
}

/* Recovery keys */

static const char crockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

static int
crockford_value (char c)
{
  c = g_ascii_toupper (c);
  if (c == 'O')
    c = '0';
  else if (c == 'I' || c == 'L')
    c = '1';
  for (int i = 0; i < 32; i++)
    if (crockford[i] == c)
      return i;
  return -1;
}

/* @key: MASTER_BYTES bytes; returns groups of 4 separated by '-'. */
char *
_sl_recovery_key_encode (const guint8 *key)
{
  guint8 raw[SL_VAULT_RECOVERY_KEY_BYTES + RECOVERY_CHECK_BYTES];
  GString *out = g_string_sized_new (RECOVERY_CHARS + RECOVERY_CHARS / RECOVERY_GROUP);
  guint bits = 0;
  guint32 acc = 0;
  guint nchars = 0;

  memcpy (raw, key, SL_VAULT_RECOVERY_KEY_BYTES);
  crypto_generichash (raw + SL_VAULT_RECOVERY_KEY_BYTES, RECOVERY_CHECK_BYTES,
                      key, SL_VAULT_RECOVERY_KEY_BYTES, NULL, 0);

  for (gsize i = 0; i < sizeof raw; i++)
    {
      acc = (acc << 8) | raw[i];
      bits += 8;
      while (bits >= 5)
        {
          if (nchars > 0 && nchars % RECOVERY_GROUP == 0)
            g_string_append_c (out, '-');
          g_string_append_c (out, crockford[(acc >> (bits - 5)) & 31]);
          bits -= 5;
          nchars++;
        }
    }
  g_assert (bits == 0 && nchars == RECOVERY_CHARS);
  sodium_memzero (raw, sizeof raw);
  sodium_memzero (&acc, sizeof acc);
  return g_string_free (out, FALSE);
}

SlSecret *
_sl_recovery_key_decode (const char  *text,
                         GError     **error)
{
  g_autoptr(SlSecret) raw = sl_secret_new (SL_VAULT_RECOVERY_KEY_BYTES + RECOVERY_CHECK_BYTES);
  guint8 check[RECOVERY_CHECK_BYTES];
  guint8 *r = sl_secret_get_data (raw);
  guint bits = 0;
  guint32 acc = 0;
  guint nchars = 0;
  gsize nbytes = 0;

  for (const char *p = text; *p; p++)
    {
      int v;

      if (*p == '-' || g_ascii_isspace (*p))
        continue;
      if ((v = crockford_value (*p)) < 0)
        {
          g_set_error (error, SL_VAULT_ERROR, SL_VAULT_ERROR_BAD_RECOVERY_KEY,
                       "The recovery key contains '%c', which is not one of its letters "
                       "or digits. Check it against the written copy", *p);
          return NULL;
        }
      nchars++;
      if (nchars > RECOVERY_CHARS)
        continue;
      acc = (acc << 5) | (guint32) v;
      bits += 5;
      if (bits >= 8)
        {
          r[nbytes++] = (acc >> (bits - 8)) & 0xff;
          bits -= 8;
        }
    }
  sodium_memzero (&acc, sizeof acc);

  if (nchars != RECOVERY_CHARS)
    {
      g_set_error (error, SL_VAULT_ERROR, SL_VAULT_ERROR_BAD_RECOVERY_KEY,
                   "A recovery key has %d letters and digits (%d groups of %d); this one "
                   "has %u. Check it against the written copy",
                   RECOVERY_CHARS, RECOVERY_CHARS / RECOVERY_GROUP, RECOVERY_GROUP, nchars);
      return NULL;
    }

  crypto_generichash (check, RECOVERY_CHECK_BYTES, r, SL_VAULT_RECOVERY_KEY_BYTES, NULL, 0);
  if (sodium_memcmp (check, r + SL_VAULT_RECOVERY_KEY_BYTES, RECOVERY_CHECK_BYTES) != 0)
    {
      g_set_error (error, SL_VAULT_ERROR, SL_VAULT_ERROR_BAD_RECOVERY_KEY,
                   "The recovery key has a typing mistake (its check letters do not match). "
                   "Check each group against the written copy");
      return NULL;
    }

  sl_secret_truncate (raw, SL_VAULT_RECOVERY_KEY_BYTES);
  return g_steal_pointer (&raw);
}

/* Stores @book as the vault's codebook (the newest version is in force). */
static gboolean
store_codebook (sqlite3     *db,
                SlCodebook  *book,
                GError     **error)
{
  g_autofree char *loaded = _sl_now_iso8601 ();
  sqlite3_stmt *stmt = NULL;
  int rc;

  sqlite3_prepare_v2 (db, "INSERT OR REPLACE INTO codebooks (id, version, json, loaded) "
                      "VALUES (?1, ?2, ?3, ?4)", -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, sl_codebook_get_id (book), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, sl_codebook_get_version (book));
  sqlite3_bind_text (stmt, 3, sl_codebook_get_json (book), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, loaded, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _sl_set_error_from_db (error, db, rc, "The codebook could not be stored");
      return FALSE;
    }
  return TRUE;
}

/* The device identity of this vault and its codebook in force; a vault
 * from before codebooks gets the bundled one. */
static gboolean
load_session (sqlite3     *db,
              char       **device_id,
              SlCodebook **codebook,
              GError     **error)
{
  g_autofree char *json = NULL;
  g_autoptr(GError) local_error = NULL;

  *device_id = query_text (db, "SELECT value FROM vault_meta WHERE key = ?1", "device_id", NULL);
  if (*device_id == NULL)
    {
      *device_id = g_uuid_string_random ();
      if (!set_meta (db, "device_id", *device_id, error))
        return FALSE;
    }

  {
    sqlite3_stmt *stmt = NULL;
    int rc = sqlite3_prepare_v2 (db, "SELECT json FROM codebooks "
                                 "ORDER BY version DESC, loaded DESC LIMIT 1", -1, &stmt, NULL);

    if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
      json = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    sqlite3_finalize (stmt);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
      {
        /* The key is right (the slot opened), so a failed read is damage. */
        g_set_error (error, SL_VAULT_ERROR, SL_VAULT_ERROR_CORRUPT,
                     "The vault's database is damaged: a page failed its check (%s). "
                     "Restore the vault from a backup copy", sqlite3_errstr (rc));
        return FALSE;
      }
  }
  if (json == NULL)
    {
      *codebook = sl_codebook_new_default ();
      return store_codebook (db, *codebook, error);
    }
  *codebook = sl_codebook_new_from_data (json, -1, &local_error);
  if (*codebook == NULL)
    {
      g_set_error (error, SL_VAULT_ERROR, SL_VAULT_ERROR_CORRUPT,
                   "The vault's codebook cannot be read (%s). Restore the vault from a backup "
                   "copy", local_error->message);
      return FALSE;
    }
  return TRUE;
}

/* Unlocking */

/* Runs in any thread. */
static gboolean
unlock_with (SlVault        *self,
             SlSecret       *secret,
             SlKeySlotKind   kind,
             GCancellable   *cancellable,
             GError        **error)
{
  g_autoptr(KeyFile) kf = NULL;
  g_autoptr(SlSecret) master = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *stored_id = NULL;
  g_autofree char *device_id = NULL;
  g_autoptr(SlCodebook) codebook = NULL;
  sqlite3 *db = NULL;
  guint slot_id = 0;
  int version = 0;

  if (!(kf = key_file_load (self->location, error)))
    return FALSE;

  for (guint i = 0; i < kf->slots->len && master == NULL; i++)
    {
      KeySlot *slot = g_ptr_array_index (kf->slots, i);

      if (slot->kind != kind)
        continue;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      master = slot_open (kf->vault_id, slot, secret, error);
      if (master == NULL && error != NULL && *error != NULL)
        return FALSE;
      slot_id = slot->id;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (master == NULL)
    {
      if (kind == SL_KEY_SLOT_RECOVERY)
        g_set_error (error, SL_VAULT_ERROR, SL_VAULT_ERROR_BAD_RECOVERY_KEY,
                     "This recovery key does not open the vault %s. It may belong to "
                     "another vault, or have been replaced by a newer one", self->name);
      else
        g_set_error (error, SL_VAULT_ERROR, SL_VAULT_ERROR_WRONG_PASSPHRASE,
                     "The passphrase is wrong for the vault %s. Check Caps Lock and the "
                     "keyboard layout, and try again; nothing was changed", self->name);
      return FALSE;
    }

  db_path = child_path (self->location, SL_VAULT_DB_NAME);
  if (!(db = open_db (db_path, master, kf->page_size, FALSE, error)))
    return FALSE;

  /* Refuse newer schemas before anything is written. */
  if (!query_int (db, "PRAGMA user_version", &version, error))
    goto fail;
  if (version > SL_VAULT_SCHEMA_VERSION)
    {
      g_set_error (error, SL_VAULT_ERROR, SL_VAULT_ERROR_VERSION,
                   "This vault was written by a newer version of Sightline (schema %d; this "
                   "version reads up to %d). Update Sightline to open it",
                   version, SL_VAULT_SCHEMA_VERSION);
      goto fail;
    }
  if (version < 1)
    {
      g_set_error (error, SL_VAULT_ERROR, SL_VAULT_ERROR_CORRUPT,
                   "The vault's database is empty: it was never finished. "
                   "Restore the vault from a backup copy");
      goto fail;
    }

  stored_id = query_text (db, "SELECT value FROM vault_meta WHERE key = 'vault_id'", NULL, error);
  if (stored_id == NULL)
    goto fail;
  if (g_strcmp0 (stored_id, kf->vault_id) != 0)
    {
      g_set_error (error, SL_VAULT_ERROR, SL_VAULT_ERROR_CORRUPT,
                   "The vault's key file and database belong to different vaults. "
                   "Restore the vault from a backup copy");
      goto fail;
    }

  if (!configure_db (db, error) || !migrate_db (db, version, error) ||
      !load_session (db, &device_id, &codebook, error))
    goto fail;

  g_mutex_lock (&self->mutex);
  if (self->db != NULL)
    {
      g_mutex_unlock (&self->mutex);
      sqlite3_close (db);
      return TRUE;   /* unlocked meanwhile by another call */
    }
  self->db = db;
  self->master = g_steal_pointer (&master);
  self->unlocked_slot = slot_id;
  self->schema_version = SL_VAULT_SCHEMA_VERSION;
  g_set_object (&self->codebook, codebook);
  g_free (self->device_id);
  self->device_id = g_steal_pointer (&device_id);
  g_mutex_unlock (&self->mutex);

  return TRUE;

fail:
  sqlite3_close (db);
  return FALSE;
}

static gboolean
notify_locked_idle (gpointer data)
{
  SlVault *self = data;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCKED]);
  return G_SOURCE_REMOVE;
}

static void
notify_locked (SlVault *self)
{
  /* Property notifications belong to the thread that owns the main context. */
  g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT, notify_locked_idle,
                              g_object_ref (self), g_object_unref);
}

/* Creation */

typedef struct
{
  char        *title;
  SlSecret    *passphrase;
  SlKdfParams  params;
} CreateJob;

static void
create_job_free (CreateJob *job)
{
  g_free (job->title);
  g_clear_pointer (&job->passphrase, sl_secret_unref);
  g_free (job);
}

static gboolean
rename_noreplace (const char  *from,
                  const char  *to,
                  GError     **error)
{
  if (renameat2 (AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE) == 0)
    return TRUE;
  if (errno == EEXIST)
    {
      g_set_error (error, SL_VAULT_ERROR, SL_VAULT_ERROR_EXISTS,
                   "%s already exists. Choose another name or folder for the new vault", to);
      return FALSE;
    }
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
               "The vault could not be put in place at %s: %s", to, g_strerror (errno));
  return FALSE;
}

/**
 * _sl_write_all:
 * @fd: a file open for writing
 * @data: (array length=len): what to write
 * @len: its length
 * @error: return location for a #GError (%G_IO_ERROR, its message the
 *   system's words, such as "No space left on device")
 *
 * Writes all of @data, however many writes that takes.
 *
 * Returns: %TRUE on success
 */
gboolean
_sl_write_all (int            fd,
               const guint8  *data,
               gsize          len,
               GError       **error)
{
  while (len > 0)
    {
      gssize n = write (fd, data, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          int saved = n < 0 ? errno : ENOSPC;

          g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved),
                               g_strerror (saved));
          return FALSE;
        }
      data += n;
      len -= (gsize) n;
    }
  return TRUE;
}

/**
 * _sl_remove_tree:
 * @path: a file, or a folder to remove with all it holds
 *
 * Removes @path; a symbolic link is removed, never followed.
 *
 * Returns: %TRUE if @path itself was removed
 */
gboolean
_sl_remove_tree (const char *path)
{
  GDir *dir;
  const char *name;

  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      if ((dir = g_dir_open (path, 0, NULL)) != NULL)
        {
          while ((name = g_dir_read_name (dir)) != NULL)
            {
              g_autofree char *child = g_build_filename (path, name, NULL);

              _sl_remove_tree (child);
            }
          g_dir_close (dir);
        }
      return g_rmdir (path) == 0;
    }
  return g_unlink (path) == 0;
}

static gboolean
create_in_thread (SlVault        *self,
                  CreateJob      *job,
                  GCancellable   *cancellable,
                  GError        **error)
{
  g_autofree char *final = g_file_get_path (self->location);
  g_autofree char *parent = g_path_get_dirname (final);
  g_autofree char *base = g_path_get_basename (final);
  g_autofree char *tmpl = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *vault_id = NULL;
  g_autofree char *created = NULL;
  g_autofree char *cipher = NULL;
  g_autoptr(GFile) tmp_file = NULL;
  g_autoptr(SlSecret) master = sl_secret_new (MASTER_BYTES);
  g_autoptr(KeyFile) kf = key_file_new ();
  g_autoptr(SlCodebook) default_book = sl_codebook_new_default ();
  KeySlot *slot;
  sqlite3 *db = NULL;

  if (!(cipher = sl_vault_dup_cipher_version (error)))
    return FALSE;

  if (g_file_test (final, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, SL_VAULT_ERROR, SL_VAULT_ERROR_EXISTS,
                   "%s already exists. Choose another name or folder for the new vault",
                   final);
      return FALSE;
    }
  if (!g_file_test (parent, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   "The folder %s does not exist. Create it first, or choose another",
                   parent);
      return FALSE;
    }
  if (!kdf_params_valid (job->params.opslimit, job->params.memlimit, error))
    return FALSE;

  randombytes_buf (sl_secret_get_data (master), MASTER_BYTES);
  vault_id = g_uuid_string_random ();
  kf->vault_id = g_strdup (vault_id);

  if (!(slot = slot_seal (vault_id, 0, SL_KEY_SLOT_PASSPHRASE, &job->params,
                          job->passphrase, master, error)))
    return FALSE;
  g_ptr_array_add (kf->slots, slot);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  /* Build the vault under a hidden temporary name beside its final place,
   * then rename it: a failure or a crash never leaves half a vault. */
  tmpl = g_strdup_printf ("%s/.%s.XXXXXX", parent, base);
  if (g_mkdtemp_full (tmpl, 0700) == NULL)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                   "The vault could not be created in %s: %s", parent, g_strerror (errno));
      return FALSE;
    }
  tmp = g_steal_pointer (&tmpl);
  tmp_file = g_file_new_for_path (tmp);
  db_path = g_build_filename (tmp, SL_VAULT_DB_NAME, NULL);
  created = _sl_now_iso8601 ();

  if (!(db = open_db (db_path, master, kf->page_size, TRUE, error)) ||
      !configure_db (db, error) ||
      !migrate_db (db, 0, error) ||
      !exec_sql (db, "BEGIN IMMEDIATE;", error) ||
      !set_meta (db, "vault_id", vault_id, error) ||
      !set_meta (db, "title", job->title != NULL ? job->title : "", error) ||
      !set_meta (db, "created", created, error) ||
      !set_meta (db, "created_with", PACKAGE_VERSION, error) ||
      !store_codebook (db, default_book, error) ||
      !exec_sql (db, "COMMIT;", error) ||
      !key_file_save (kf, tmp_file, error))
    goto fail;

  sqlite3_close (db);
  db = NULL;
  g_chmod (db_path, 0600);

  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !rename_noreplace (tmp, final, error) ||
      !sync_dir (parent, error))
    goto fail;

  return TRUE;

fail:
  if (db != NULL)
    sqlite3_close (db);
  _sl_remove_tree (tmp);
  return FALSE;
}

static void
create_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;

  if (create_in_thread (source_object, task_data, cancellable, &error) &&
      unlock_with (source_object, ((CreateJob *) task_data)->passphrase,
                   SL_KEY_SLOT_PASSPHRASE, NULL, &error))
    {
      notify_locked (source_object);
      g_task_return_boolean (task, TRUE);
    }
  else
    g_task_return_error (task, error);
}

/* GObject */

static void
sl_vault_finalize (GObject *object)
{
  SlVault *self = SL_VAULT (object);

  if (self->db != NULL)
    sqlite3_close (self->db);
  g_clear_pointer (&self->master, sl_secret_unref);
  g_clear_object (&self->codebook);
  g_clear_pointer (&self->device_id, g_free);
  g_clear_pointer (&self->author, g_free);
  g_clear_object (&self->location);
  g_clear_pointer (&self->name, g_free);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (sl_vault_parent_class)->finalize (object);
}

static void
sl_vault_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  SlVault *self = SL_VAULT (object);

  switch (prop_id)
    {
    case PROP_LOCATION:
      g_value_set_object (value, self->location);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_LOCKED:
      g_value_set_boolean (value, sl_vault_get_locked (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_vault_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  SlVault *self = SL_VAULT (object);

  switch (prop_id)
    {
    case PROP_LOCATION:
      {
        g_autofree char *base = NULL;

        self->location = g_value_dup_object (value);
        base = g_file_get_basename (self->location);
        if (g_str_has_suffix (base, ".sightline"))
          base[strlen (base) - strlen (".sightline")] = '\0';
        self->name = g_steal_pointer (&base);
        break;
      }

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_vault_class_init (SlVaultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sl_vault_finalize;
  object_class->get_property = sl_vault_get_property;
  object_class->set_property = sl_vault_set_property;

  /**
   * SlVault:location:
   *
   * The vault's folder.
   */
  properties[PROP_LOCATION] =
    g_param_spec_object ("location", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * SlVault:name:
   *
   * The vault's name: its folder's name without the `.sightline` suffix.
   */
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * SlVault:locked:
   *
   * Whether the vault is locked (no key in memory, no data readable).
   */
  properties[PROP_LOCKED] =
    g_param_spec_boolean ("locked", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SlVault::records-changed:
   * @self: the vault
   * @ids: (array zero-terminated=1): the records that changed
   *
   * Emitted in the main context after a transaction that changed records
   * has been committed; with no ids when other data of the vault changed
   * (an indicator return was imported).
   */
  signals[RECORDS_CHANGED] =
    g_signal_new ("records-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRV);
}

static void
sl_vault_init (SlVault *self)
{
  g_mutex_init (&self->mutex);
  self->thread = g_thread_self ();
}

/* Public API */

/**
 * sl_vault_new:
 * @location: the vault's folder (existing, or to be created)
 *
 * Returns: (transfer full): a locked vault
 */
SlVault *
sl_vault_new (GFile *location)
{
  g_return_val_if_fail (G_IS_FILE (location), NULL);

  return g_object_new (SL_TYPE_VAULT, "location", location, NULL);
}

GFile *
sl_vault_get_location (SlVault *self)
{
  g_return_val_if_fail (SL_IS_VAULT (self), NULL);

  return self->location;
}

const char *
sl_vault_get_name (SlVault *self)
{
  g_return_val_if_fail (SL_IS_VAULT (self), NULL);

  return self->name;
}

gboolean
sl_vault_get_locked (SlVault *self)
{
  gboolean locked;

  g_return_val_if_fail (SL_IS_VAULT (self), TRUE);

  g_mutex_lock (&self->mutex);
  locked = self->db == NULL;
  g_mutex_unlock (&self->mutex);
  return locked;
}

/**
 * sl_vault_get_unlocked_slot:
 * @self: an unlocked vault
 *
 * Returns: the number of the key slot the vault was unlocked with
 */
guint
sl_vault_get_unlocked_slot (SlVault *self)
{
  g_return_val_if_fail (SL_IS_VAULT (self), 0);

  return self->unlocked_slot;
}

/**
 * sl_kdf_params_default:
 *
 * Returns: the default cost of a passphrase slot: Argon2id with 256 MiB
 *   and 3 passes
 */
SlKdfParams
sl_kdf_params_default (void)
{
  return (SlKdfParams) { SL_KDF_DEFAULT_OPSLIMIT, SL_KDF_DEFAULT_MEMLIMIT };
}

/**
 * sl_vault_is_vault:
 * @location: a folder
 *
 * A quick look, reading no secret: whether @location holds a key file.
 *
 * Returns: %TRUE if @location looks like a vault
 */
gboolean
sl_vault_is_vault (GFile *location)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (G_IS_FILE (location), FALSE);

  path = child_path (location, SL_VAULT_KEYS_NAME);
  return g_file_test (path, G_FILE_TEST_IS_REGULAR);
}

/**
 * sl_vault_check_passphrase_strength:
 * @passphrase: a proposed new passphrase
 * @error: return location for a #GError
 *
 * Checks a new passphrase with libpwquality (at least 12 characters, not a
 * dictionary word, not too simple) and says why a weak one is refused.
 *
 * Returns: %TRUE if it is strong enough
 */
gboolean
sl_vault_check_passphrase_strength (SlSecret  *passphrase,
                                    GError   **error)
{
  pwquality_settings_t *pwq;
  void *aux = NULL;
  char buf[PWQ_MAX_ERROR_MESSAGE_LEN];
  int rc;

  g_return_val_if_fail (passphrase != NULL, FALSE);

  if (sl_secret_get_size (passphrase) == 0)
    {
      g_set_error (error, SL_VAULT_ERROR, SL_VAULT_ERROR_WEAK_PASSPHRASE,
                   "The passphrase is empty. Choose a passphrase of several words");
      return FALSE;
    }
  if (!g_utf8_validate (sl_secret_get_string (passphrase), sl_secret_get_size (passphrase), NULL) ||
      strlen (sl_secret_get_string (passphrase)) != sl_secret_get_size (passphrase))
    {
      g_set_error (error, SL_VAULT_ERROR, SL_VAULT_ERROR_WEAK_PASSPHRASE,
                   "The passphrase is not valid text (UTF-8). Type it again");
      return FALSE;
    }

  pwq = pwquality_default_settings ();
  pwquality_set_int_value (pwq, PWQ_SETTING_MIN_LENGTH, 12);
  pwquality_set_int_value (pwq, PWQ_SETTING_MIN_CLASS, 0);
  pwquality_set_int_value (pwq, PWQ_SETTING_DICT_CHECK, 1);
  pwquality_set_int_value (pwq, PWQ_SETTING_MAX_REPEAT, 4);
  rc = pwquality_check (pwq, sl_secret_get_string (passphrase), NULL, NULL, &aux);
  if (rc < 0)
    {
      const char *why = pwquality_strerror (buf, sizeof buf, rc, aux);

      g_set_error (error, SL_VAULT_ERROR, SL_VAULT_ERROR_WEAK_PASSPHRASE,
                   "The passphrase is too weak: %s. Choose a longer passphrase, for example "
                   "four or five unrelated words", why);
      pwquality_free_settings (pwq);
      return FALSE;
    }
  pwquality_free_settings (pwq);
  return TRUE;
}

/**
 * sl_vault_create_sync:
 * @self: a vault whose location does not exist yet
 * @title: (nullable): a title shown in the window (kept encrypted)
 * @passphrase: the first passphrase, already checked for strength
 * @params: (nullable): the key derivation cost, or %NULL for the default
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Creates the vault and leaves it unlocked. Nothing is left behind when it
 * fails or is cancelled.
 *
 * Returns: %TRUE on success
 */
gboolean
sl_vault_create_sync (SlVault            *self,
                      const char         *title,
                      SlSecret           *passphrase,
                      const SlKdfParams  *params,
                      GCancellable       *cancellable,
                      GError            **error)
{
  g_autoptr(GTask) task = NULL;
  CreateJob *job;

  g_return_val_if_fail (SL_IS_VAULT (self), FALSE);
  g_return_val_if_fail (passphrase != NULL, FALSE);

  job = g_new0 (CreateJob, 1);
  job->title = g_strdup (title);
  job->passphrase = sl_secret_ref (passphrase);
  job->params = params != NULL ? *params : sl_kdf_params_default ();

  task = g_task_new (self, cancellable, NULL, NULL);
  g_task_set_source_tag (task, sl_vault_create_sync);
  g_task_set_task_data (task, job, (GDestroyNotify) create_job_free);
  g_task_run_in_thread_sync (task, create_thread);
  return g_task_propagate_boolean (task, error);
}

/**
 * sl_vault_create_async:
 * @self: a vault whose location does not exist yet
 * @title: (nullable): a title
 * @passphrase: the first passphrase
 * @params: (nullable): the key derivation cost, or %NULL for the default
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * Creates the vault in a worker thread (the key derivation takes about
 * half a second at the default cost).
 */
void
sl_vault_create_async (SlVault             *self,
                       const char          *title,
                       SlSecret            *passphrase,
                       const SlKdfParams   *params,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CreateJob *job;

  g_return_if_fail (SL_IS_VAULT (self));
  g_return_if_fail (passphrase != NULL);

  job = g_new0 (CreateJob, 1);
  job->title = g_strdup (title);
  job->passphrase = sl_secret_ref (passphrase);
  job->params = params != NULL ? *params : sl_kdf_params_default ();

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sl_vault_create_async);
  g_task_set_task_data (task, job, (GDestroyNotify) create_job_free);
  g_task_run_in_thread (task, create_thread);
}

gboolean
sl_vault_create_finish (SlVault       *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
unlock_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;

  if (unlock_with (source_object, task_data, SL_KEY_SLOT_PASSPHRASE, cancellable, &error))
    {
      notify_locked (source_object);
      g_task_return_boolean (task, TRUE);
    }
  else
    g_task_return_error (task, error);
}

/**
 * sl_vault_unlock_sync:
 * @self: a vault
 * @passphrase: the passphrase of one of its slots
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Unlocks the vault. A wrong passphrase gives
 * %SL_VAULT_ERROR_WRONG_PASSPHRASE and leaves every file untouched.
 *
 * Returns: %TRUE on success
 */
gboolean
sl_vault_unlock_sync (SlVault       *self,
                      SlSecret      *passphrase,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_return_val_if_fail (SL_IS_VAULT (self), FALSE);
  g_return_val_if_fail (passphrase != NULL, FALSE);

  if (!sl_vault_get_locked (self))
    return TRUE;
  if (!unlock_with (self, passphrase, SL_KEY_SLOT_PASSPHRASE, cancellable, error))
    return FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCKED]);
  return TRUE;
}

/**
 * sl_vault_unlock_async:
 * @self: a vault
 * @passphrase: the passphrase
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * Unlocks the vault in a worker thread.
 */
void
sl_vault_unlock_async (SlVault             *self,
                       SlSecret            *passphrase,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SL_IS_VAULT (self));
  g_return_if_fail (passphrase != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sl_vault_unlock_async);
  g_task_set_task_data (task, sl_secret_ref (passphrase), (GDestroyNotify) sl_secret_unref);
  g_task_run_in_thread (task, unlock_thread);
}

gboolean
sl_vault_unlock_finish (SlVault       *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * sl_vault_unlock_with_recovery_key_sync:
 * @self: a vault
 * @recovery_key: the recovery key as written down (groups, any case)
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
sl_vault_unlock_with_recovery_key_sync (SlVault       *self,
                                        const char    *recovery_key,
                                        GCancellable  *cancellable,
                                        GError       **error)
{
  g_autoptr(SlSecret) key = NULL;

  g_return_val_if_fail (SL_IS_VAULT (self), FALSE);
  g_return_val_if_fail (recovery_key != NULL, FALSE);

  if (!sl_vault_get_locked (self))
    return TRUE;
  if (!(key = _sl_recovery_key_decode (recovery_key, error)))
    return FALSE;
  if (!unlock_with (self, key, SL_KEY_SLOT_RECOVERY, cancellable, error))
    return FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCKED]);
  return TRUE;
}

/**
 * sl_vault_lock:
 * @self: a vault
 *
 * Closes the database and wipes the key from memory.
 */
void
sl_vault_lock (SlVault *self)
{
  gboolean was_unlocked;

  g_return_if_fail (SL_IS_VAULT (self));

  g_atomic_int_inc (&self->lock_requested);
  g_mutex_lock (&self->mutex);
  was_unlocked = self->db != NULL;
  if (self->db != NULL)
    {
      sqlite3_close (self->db);
      self->db = NULL;
    }
  g_clear_pointer (&self->master, sl_secret_unref);
  g_clear_object (&self->codebook);
  self->schema_version = 0;
  g_atomic_int_dec_and_test (&self->lock_requested);
  g_mutex_unlock (&self->mutex);

  if (was_unlocked)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCKED]);
}

/* Whether sl_vault_lock() is waiting: see _sl_txn_cancelled(). */
gboolean
_sl_vault_lock_requested (SlVault *self)
{
  return g_atomic_int_get (&self->lock_requested) > 0;
}

/* For the memory hygiene test: the database key, each byte XOR @mask, so
 * that the test holds no plain copy of what it looks for. Returns the
 * key's size, or 0 when the vault is locked. */
gsize
_sl_vault_copy_key_masked (SlVault *self,
                           guint8   mask,
                           guint8  *out,
                           gsize    out_size)
{
  gsize size = 0;

  g_mutex_lock (&self->mutex);
  if (self->master != NULL && sl_secret_get_size (self->master) <= out_size)
    {
      const guint8 *key = sl_secret_get_data (self->master);

      size = sl_secret_get_size (self->master);
      for (gsize i = 0; i < size; i++)
        out[i] = key[i] ^ mask;
    }
  g_mutex_unlock (&self->mutex);
  return size;
}

static gboolean
require_unlocked (SlVault  *self,
                  GError  **error)
{
  if (self->db == NULL)
    {
      g_set_error (error, SL_VAULT_ERROR, SL_VAULT_ERROR_LOCKED,
                   "The vault %s is locked. Unlock it first", self->name);
      return FALSE;
    }
  return TRUE;
}

/**
 * sl_vault_list_slots:
 * @self: a vault, locked or not
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type SlKeySlotInfo): the key slots
 */
GPtrArray *
sl_vault_list_slots (SlVault  *self,
                     GError  **error)
{
  g_autoptr(KeyFile) kf = NULL;
  GPtrArray *ret;

  g_return_val_if_fail (SL_IS_VAULT (self), NULL);

  if (!(kf = key_file_load (self->location, error)))
    return NULL;

  ret = g_ptr_array_new_with_free_func ((GDestroyNotify) sl_key_slot_info_free);
  for (guint i = 0; i < kf->slots->len; i++)
    {
      KeySlot *slot = g_ptr_array_index (kf->slots, i);
      SlKeySlotInfo *info = g_new0 (SlKeySlotInfo, 1);

      info->id = slot->id;
      info->kind = slot->kind;
      info->opslimit = slot->opslimit;
      info->memlimit = slot->memlimit;
      info->created = g_strdup (slot->created);
      g_ptr_array_add (ret, info);
    }
  return ret;
}

typedef enum
{
  SLOT_REPLACE,
  SLOT_ADD,
  SLOT_REPLACE_RECOVERY,
} SlotEdit;

/* Loads the key file, applies one edit, writes it back atomically. The
 * vault's mutex is held so two edits never interleave. */
static gboolean
edit_slots (SlVault            *self,
            SlotEdit            edit,
            guint               slot_id,
            SlKeySlotKind       kind,
            SlSecret           *secret,
            const SlKdfParams  *params,
            guint              *out_slot,
            GCancellable       *cancellable,
            GError            **error)
{
  g_autoptr(KeyFile) kf = NULL;
  SlKdfParams p = params != NULL ? *params : sl_kdf_params_default ();
  KeySlot *slot;
  gboolean ret = FALSE;
  guint new_id;

  g_mutex_lock (&self->mutex);

  if (!require_unlocked (self, error) ||
      !(kf = key_file_load (self->location, error)) ||
      (kind == SL_KEY_SLOT_PASSPHRASE && !kdf_params_valid (p.opslimit, p.memlimit, error)))
    goto out;

  if (edit == SLOT_REPLACE)
    {
      guint i;

      for (i = 0; i < kf->slots->len; i++)
        if (((KeySlot *) g_ptr_array_index (kf->slots, i))->id == slot_id)
          break;
      if (i == kf->slots->len)
        {
          g_set_error (error, SL_VAULT_ERROR, SL_VAULT_ERROR_NO_SUCH_SLOT,
                       "The vault has no key slot %u. `sightline-cli info` lists its slots",
                       slot_id);
          goto out;
        }
      if (((KeySlot *) g_ptr_array_index (kf->slots, i))->kind != SL_KEY_SLOT_PASSPHRASE)
        {
          g_set_error (error, SL_VAULT_ERROR, SL_VAULT_ERROR_NO_SUCH_SLOT,
                       "Key slot %u holds a recovery key, not a passphrase", slot_id);
          goto out;
        }
      new_id = slot_id;
      if (!(slot = slot_seal (kf->vault_id, new_id, kind, &p, secret, self->master, error)))
        goto out;
      key_slot_free (g_ptr_array_index (kf->slots, i));
      g_ptr_array_index (kf->slots, i) = slot;
    }
  else
    {
      new_id = next_slot_id (kf);
      if (!(slot = slot_seal (kf->vault_id, new_id, kind, &p, secret, self->master, error)))
        goto out;
      if (edit == SLOT_REPLACE_RECOVERY)
        {
          for (guint i = kf->slots->len; i > 0; i--)
            if (((KeySlot *) g_ptr_array_index (kf->slots, i - 1))->kind == SL_KEY_SLOT_RECOVERY)
              g_ptr_array_remove_index (kf->slots, i - 1);
        }
      g_ptr_array_add (kf->slots, slot);
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !key_file_save (kf, self->location, error))
    goto out;

  if (out_slot != NULL)
    *out_slot = new_id;
  ret = TRUE;

out:
  g_mutex_unlock (&self->mutex);
  return ret;
}

/**
 * sl_vault_set_passphrase_sync:
 * @self: an unlocked vault
 * @slot: the passphrase slot to rewrite
 * @passphrase: the new passphrase, already checked for strength
 * @params: (nullable): the key derivation cost, or %NULL for the default
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Changes a passphrase: rewrites one key slot, atomically; the data is
 * not touched. After a crash at any moment the old or the new passphrase
 * opens the vault.
 *
 * Returns: %TRUE on success
 */
gboolean
sl_vault_set_passphrase_sync (SlVault            *self,
                              guint               slot,
                              SlSecret           *passphrase,
                              const SlKdfParams  *params,
                              GCancellable       *cancellable,
                              GError            **error)
{
  g_return_val_if_fail (SL_IS_VAULT (self), FALSE);
  g_return_val_if_fail (passphrase != NULL, FALSE);

  return edit_slots (self, SLOT_REPLACE, slot, SL_KEY_SLOT_PASSPHRASE, passphrase, params,
                     NULL, cancellable, error);
}

/**
 * sl_vault_add_passphrase_sync:
 * @self: an unlocked vault
 * @passphrase: another passphrase that will open the vault
 * @params: (nullable): the key derivation cost, or %NULL for the default
 * @slot: (out) (optional): the new slot's number
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
sl_vault_add_passphrase_sync (SlVault            *self,
                              SlSecret           *passphrase,
                              const SlKdfParams  *params,
                              guint              *slot,
                              GCancellable       *cancellable,
                              GError            **error)
{
  g_return_val_if_fail (SL_IS_VAULT (self), FALSE);
  g_return_val_if_fail (passphrase != NULL, FALSE);

  return edit_slots (self, SLOT_ADD, 0, SL_KEY_SLOT_PASSPHRASE, passphrase, params,
                     slot, cancellable, error);
}

/**
 * sl_vault_add_recovery_key_sync:
 * @self: an unlocked vault
 * @slot: (out) (optional): the new slot's number
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Makes a new random recovery key (256 bits) and a slot for it, replacing
 * any earlier recovery key. The key is returned once, to be shown once.
 *
 * Returns: (transfer full) (nullable): the recovery key as 14 groups of 4
 *   letters and digits; wipe it with sodium_memzero() and free it
 */
char *
sl_vault_add_recovery_key_sync (SlVault       *self,
                                guint         *slot,
                                GCancellable  *cancellable,
                                GError       **error)
{
  g_autoptr(SlSecret) key = sl_secret_new (SL_VAULT_RECOVERY_KEY_BYTES);

  g_return_val_if_fail (SL_IS_VAULT (self), NULL);

  randombytes_buf (sl_secret_get_data (key), SL_VAULT_RECOVERY_KEY_BYTES);
  if (!edit_slots (self, SLOT_REPLACE_RECOVERY, 0, SL_KEY_SLOT_RECOVERY, key, NULL,
                   slot, cancellable, error))
    return NULL;
  return _sl_recovery_key_encode (sl_secret_get_data (key));
}

/**
 * sl_vault_remove_slot:
 * @self: an unlocked vault
 * @slot: the slot's number
 * @error: return location for a #GError
 *
 * Removes a key slot, unless it is the last passphrase.
 *
 * Returns: %TRUE on success
 */
gboolean
sl_vault_remove_slot (SlVault  *self,
                      guint     slot,
                      GError  **error)
{
  g_autoptr(KeyFile) kf = NULL;
  gboolean ret = FALSE;
  guint passphrases = 0;
  gint index = -1;

  g_return_val_if_fail (SL_IS_VAULT (self), FALSE);

  g_mutex_lock (&self->mutex);
  if (!require_unlocked (self, error) || !(kf = key_file_load (self->location, error)))
    goto out;

  for (guint i = 0; i < kf->slots->len; i++)
    {
      KeySlot *s = g_ptr_array_index (kf->slots, i);

      if (s->kind == SL_KEY_SLOT_PASSPHRASE)
        passphrases++;
      if (s->id == slot)
        index = (gint) i;
    }

  if (index < 0)
    {
      g_set_error (error, SL_VAULT_ERROR, SL_VAULT_ERROR_NO_SUCH_SLOT,
                   "The vault has no key slot %u. `sightline-cli info` lists its slots", slot);
      goto out;
    }
  if (((KeySlot *) g_ptr_array_index (kf->slots, index))->kind == SL_KEY_SLOT_PASSPHRASE &&
      passphrases == 1)
    {
      g_set_error (error, SL_VAULT_ERROR, SL_VAULT_ERROR_LAST_SLOT,
                   "Key slot %u holds the vault's only passphrase, so it cannot be removed. "
                   "Add another passphrase first, or change this one", slot);
      goto out;
    }

  g_ptr_array_remove_index (kf->slots, (guint) index);
  ret = key_file_save (kf, self->location, error);

out:
  g_mutex_unlock (&self->mutex);
  return ret;
}

/**
 * sl_vault_dup_title:
 * @self: an unlocked vault
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the vault's title
 */
char *
sl_vault_dup_title (SlVault  *self,
                    GError  **error)
{
  char *ret = NULL;

  g_return_val_if_fail (SL_IS_VAULT (self), NULL);

  g_mutex_lock (&self->mutex);
  if (require_unlocked (self, error))
    ret = query_text (self->db, "SELECT value FROM vault_meta WHERE key = ?1", "title", error);
  g_mutex_unlock (&self->mutex);
  return ret;
}

/**
 * sl_vault_set_title:
 * @self: an unlocked vault
 * @title: the new title
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
sl_vault_set_title (SlVault     *self,
                    const char  *title,
                    GError     **error)
{
  gboolean ret = FALSE;

  g_return_val_if_fail (SL_IS_VAULT (self), FALSE);
  g_return_val_if_fail (title != NULL, FALSE);

  g_mutex_lock (&self->mutex);
  if (require_unlocked (self, error))
    ret = set_meta (self->db, "title", title, error);
  g_mutex_unlock (&self->mutex);
  return ret;
}

/**
 * sl_vault_dup_vault_id:
 * @self: a vault
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the vault's UUID (not secret)
 */
char *
sl_vault_dup_vault_id (SlVault  *self,
                       GError  **error)
{
  g_autoptr(KeyFile) kf = NULL;

  g_return_val_if_fail (SL_IS_VAULT (self), NULL);

  if (!(kf = key_file_load (self->location, error)))
    return NULL;
  return g_strdup (kf->vault_id);
}

/**
 * sl_vault_get_schema_version:
 * @self: a vault
 *
 * Returns: the schema version of an unlocked vault, 0 when locked
 */
int
sl_vault_get_schema_version (SlVault *self)
{
  g_return_val_if_fail (SL_IS_VAULT (self), 0);

  return self->schema_version;
}

/**
 * sl_vault_check_sync:
 * @self: an unlocked vault
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads every page of the database (each page's HMAC is verified as it
 * is decrypted) and runs SQLite's integrity check.
 *
 * Returns: (transfer full) (nullable): the problems found (empty when the
 *   vault is sound), or %NULL if the check could not run
 */
GStrv
sl_vault_check_sync (SlVault       *self,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(GStrvBuilder) problems = g_strv_builder_new ();
  sqlite3_stmt *stmt = NULL;
  GStrv ret = NULL;
  int rc;

  g_return_val_if_fail (SL_IS_VAULT (self), NULL);

  g_mutex_lock (&self->mutex);
  if (!require_unlocked (self, error))
    goto out;

  /* SQLCipher 4 offers cipher_integrity_check; SQLCipher 3 verifies each
   * page's HMAC on read, which integrity_check does for every page in use. */
  rc = sqlite3_prepare_v2 (self->db, "PRAGMA integrity_check", -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *line = (const char *) sqlite3_column_text (stmt, 0);

      if (g_strcmp0 (line, "ok") != 0)
        g_strv_builder_add (problems, line);
      if (g_cancellable_is_cancelled (cancellable))
        break;
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto out;
  if (rc != SQLITE_DONE)
    {
      g_autofree char *msg = g_strdup_printf ("the database could not be read: %s",
                                              sqlite3_errstr (rc));

      g_strv_builder_add (problems, msg);
    }

  ret = g_strv_builder_end (problems);

out:
  g_mutex_unlock (&self->mutex);
  return ret;
}

/* Private API */

sqlite3 *
_sl_vault_get_db (SlVault *self)
{
  return self->db;
}

void
_sl_vault_lock_db (SlVault *self)
{
  g_mutex_lock (&self->mutex);
}

void
_sl_vault_unlock_db (SlVault *self)
{
  g_mutex_unlock (&self->mutex);
}

gboolean
_sl_vault_exec (SlVault     *self,
                const char  *sql,
                GError     **error)
{
  gboolean ret = FALSE;

  g_mutex_lock (&self->mutex);
  if (require_unlocked (self, error))
    ret = exec_sql (self->db, sql, error);
  g_mutex_unlock (&self->mutex);
  return ret;
}

/**
 * _sl_vault_get_codebook:
 * @self: an unlocked vault
 *
 * Returns: (transfer none) (nullable): the codebook in force
 */
SlCodebook *
_sl_vault_get_codebook (SlVault *self)
{
  return self->codebook;
}

/**
 * sl_vault_get_codebook:
 * @self: an unlocked vault
 *
 * Returns: (transfer none) (nullable): the codebook in force, %NULL when
 *   locked
 */
SlCodebook *
sl_vault_get_codebook (SlVault *self)
{
  g_return_val_if_fail (SL_IS_VAULT (self), NULL);

  return self->codebook;
}

/**
 * sl_vault_get_device_id:
 * @self: an unlocked vault
 *
 * Returns: (transfer none) (nullable): this vault's device id: every
 *   change made here carries it
 */
const char *
sl_vault_get_device_id (SlVault *self)
{
  g_return_val_if_fail (SL_IS_VAULT (self), NULL);

  return self->device_id;
}

/**
 * sl_vault_get_author:
 * @self: a vault
 *
 * Returns: (transfer none): who is named on new changes: set with
 *   sl_vault_set_author(), else the user's real name
 */
const char *
sl_vault_get_author (SlVault *self)
{
  g_return_val_if_fail (SL_IS_VAULT (self), NULL);

  if (self->author == NULL)
    {
      const char *real = g_get_real_name ();

      self->author = g_strdup (real && *real && !g_str_equal (real, "Unknown") ?
                               real : g_get_user_name ());
    }
  return self->author;
}

void
sl_vault_set_author (SlVault    *self,
                     const char *author)
{
  g_return_if_fail (SL_IS_VAULT (self));

  g_free (self->author);
  self->author = g_strdup (author);
}

typedef struct
{
  SlVault *vault;
  GStrv    ids;
} RecordsChanged;

static gboolean
emit_records_changed_cb (gpointer data)
{
  RecordsChanged *rc = data;

  g_signal_emit (rc->vault, signals[RECORDS_CHANGED], 0, rc->ids);
  g_object_unref (rc->vault);
  g_strfreev (rc->ids);
  g_free (rc);
  return G_SOURCE_REMOVE;
}

/* Emits ::records-changed in the thread that made the vault (the main
 * thread): at once from that thread, queued to the main context from any
 * other (an import in a worker), so that handlers never run in a worker. */
void
_sl_vault_emit_records_changed (SlVault   *self,
                                GPtrArray *ids)
{
  RecordsChanged *rc;

  /* An empty list says data other than records changed (an indicator
   * return): views that count it recompute. */
  if (ids == NULL)
    return;
  rc = g_new0 (RecordsChanged, 1);
  rc->vault = g_object_ref (self);
  rc->ids = g_new0 (char *, ids->len + 1);
  for (guint i = 0; i < ids->len; i++)
    rc->ids[i] = g_strdup (g_ptr_array_index (ids, i));
  if (g_thread_self () == self->thread)
    emit_records_changed_cb (rc);
  else
    g_idle_add_full (G_PRIORITY_DEFAULT, emit_records_changed_cb, rc, NULL);
}

/**
 * sl_vault_install_codebook:
 * @self: an unlocked vault
 * @codebook: a codebook
 * @error: return location for a #GError
 *
 * Puts @codebook in force. A vault with records accepts only a newer
 * version of its own codebook that keeps every existing code; an empty
 * vault accepts any codebook. Existing values are never touched.
 *
 * Returns: %TRUE on success
 */
gboolean
sl_vault_install_codebook (SlVault     *self,
                           SlCodebook  *codebook,
                           GError     **error)
{
  gboolean ret = FALSE;
  int n = 0;

  g_return_val_if_fail (SL_IS_VAULT (self), FALSE);
  g_return_val_if_fail (SL_IS_CODEBOOK (codebook), FALSE);

  g_mutex_lock (&self->mutex);
  if (!require_unlocked (self, error) ||
      !query_int (self->db, "SELECT count(*) FROM records", &n, error))
    goto out;

  if (n > 0)
    {
      g_autoptr(GPtrArray) problems = sl_codebook_check_upgrade (codebook, self->codebook);

      if (problems->len > 0)
        {
          g_autofree char *all = NULL;

          g_ptr_array_add (problems, NULL);
          all = g_strjoinv ("\n  ", (char **) problems->pdata);
          g_set_error (error, SL_CODEBOOK_ERROR, SL_CODEBOOK_ERROR_INCOMPATIBLE,
                       "This codebook cannot replace the vault's (%s version %" G_GINT64_FORMAT
                       "), which already holds records:\n  %s",
                       sl_codebook_get_id (self->codebook),
                       sl_codebook_get_version (self->codebook), all);
          goto out;
        }
    }
  else if (!exec_sql (self->db, "DELETE FROM codebooks", error))
    goto out;

  if (!store_codebook (self->db, codebook, error))
    goto out;
  g_set_object (&self->codebook, codebook);
  ret = TRUE;

out:
  g_mutex_unlock (&self->mutex);
  return ret;
}

/* A codebook that arrived in a bundle: stored inside the importing
 * transaction (the caller holds the lock), put in force once it commits. */
gboolean
_sl_db_store_codebook (sqlite3     *db,
                       SlCodebook  *codebook,
                       GError     **error)
{
  return store_codebook (db, codebook, error);
}

void
_sl_vault_adopt_codebook (SlVault    *self,
                          SlCodebook *codebook)
{
  g_mutex_lock (&self->mutex);
  if (self->db != NULL)
    g_set_object (&self->codebook, codebook);
  g_mutex_unlock (&self->mutex);
}

/* vault_meta, for the other core modules; the caller holds the lock. */
char *
_sl_db_dup_meta (sqlite3    *db,
                 const char *key)
{
  return query_text (db, "SELECT value FROM vault_meta WHERE key = ?1", key, NULL);
}

gboolean
_sl_db_set_meta (sqlite3     *db,
                 const char  *key,
                 const char  *value,
                 GError     **error)
{
  return set_meta (db, key, value, error);
}
