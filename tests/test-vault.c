/* test-vault.c
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

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>

#include "sl-test-utils.h"
#include "sl-vault-private.h"

typedef struct
{
  char    *tmpdir;
  char    *path;
  SlVault *vault;
} VaultFixture;

static void
vault_setup (VaultFixture  *fx,
             gconstpointer  data)
{
  fx->tmpdir = sl_test_make_tmpdir ();
  fx->path = g_build_filename (fx->tmpdir, "inquiry.sightline", NULL);
  fx->vault = sl_test_create_vault (fx->tmpdir, "inquiry.sightline", SL_TEST_PASSPHRASE);
}

static void
vault_teardown (VaultFixture  *fx,
                gconstpointer  data)
{
  g_clear_object (&fx->vault);
  sl_test_remove_tree (fx->tmpdir);
  g_free (fx->path);
  g_free (fx->tmpdir);
}

static SlVault *
reopen (VaultFixture *fx)
{
  g_autoptr(GFile) file = g_file_new_for_path (fx->path);

  return sl_vault_new (file);
}

static gboolean
try_unlock (VaultFixture  *fx,
            const char    *passphrase,
            GError       **error)
{
  g_autoptr(SlVault) vault = reopen (fx);
  g_autoptr(SlSecret) secret = sl_test_secret (passphrase);

  return sl_vault_unlock_sync (vault, secret, NULL, error);
}

static int
pragma_int (SlVault    *vault,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  int ret;

  g_assert_cmpint (sqlite3_prepare_v2 (_sl_vault_get_db (vault), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  ret = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return ret;
}

/* The vault's files hold no plaintext: neither the text written nor the
 * SQLite header, while open (WAL in use) and after closing. */
static void
test_encrypted_on_disk (VaultFixture  *fx,
                        gconstpointer  data)
{
  const char *secret_text = "Jade Whitfield, 14, lives at 12 Canal Street";
  const char *header = "SQLite format 3";
  g_autoptr(GError) error = NULL;
  g_autofree char *where = NULL;
  g_autofree char *wal = g_build_filename (fx->path, SL_VAULT_DB_NAME "-wal", NULL);

  g_assert_true (sl_vault_set_title (fx->vault, secret_text, &error));
  g_assert_no_error (error);
  for (int i = 0; i < 200; i++)
    {
      g_autofree char *sql =
        g_strdup_printf ("INSERT INTO vault_meta VALUES ('note-%d', '%s (note %d)')",
                         i, secret_text, i);

      g_assert_true (_sl_vault_exec (fx->vault, sql, &error));
      g_assert_no_error (error);
    }

  /* While open, the text sits in the write-ahead log: encrypted too. */
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  if (sl_test_dir_contains (fx->path, secret_text, strlen (secret_text), &where))
    g_error ("plaintext found in %s while open", where);
  if (sl_test_dir_contains (fx->path, header, strlen (header), &where))
    g_error ("SQLite header found in %s while open", where);

  sl_vault_lock (fx->vault);
  g_assert_true (sl_vault_get_locked (fx->vault));
  if (sl_test_dir_contains (fx->path, secret_text, strlen (secret_text), &where))
    g_error ("plaintext found in %s after closing", where);
  if (sl_test_dir_contains (fx->path, header, strlen (header), &where))
    g_error ("SQLite header found in %s after closing", where);
  /* A short, distinctive part of the text is not there either. */
  g_assert_false (sl_test_dir_contains (fx->path, "Whitfield", 9, NULL));

  /* And it is all still readable with the key. */
  {
    g_autoptr(SlVault) again = reopen (fx);
    g_autoptr(SlSecret) pass = sl_test_secret (SL_TEST_PASSPHRASE);
    g_autofree char *title = NULL;

    g_assert_true (sl_vault_unlock_sync (again, pass, NULL, &error));
    g_assert_no_error (error);
    title = sl_vault_dup_title (again, &error);
    g_assert_cmpstr (title, ==, secret_text);
  }
}

static void
test_pragmas (VaultFixture  *fx,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cipher = sl_vault_dup_cipher_version (&error);
  sqlite3_stmt *stmt = NULL;

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (cipher, "3.") || g_str_has_prefix (cipher, "4."));

  g_assert_cmpint (pragma_int (fx->vault, "PRAGMA user_version"), ==, SL_VAULT_SCHEMA_VERSION);
  g_assert_cmpint (sl_vault_get_schema_version (fx->vault), ==, SL_VAULT_SCHEMA_VERSION);
  g_assert_cmpint (pragma_int (fx->vault, "PRAGMA secure_delete"), ==, 1);
  g_assert_cmpint (pragma_int (fx->vault, "PRAGMA temp_store"), ==, 2);   /* MEMORY */
  g_assert_cmpint (pragma_int (fx->vault, "PRAGMA foreign_keys"), ==, 1);

  g_assert_cmpint (sqlite3_prepare_v2 (_sl_vault_get_db (fx->vault), "PRAGMA journal_mode",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "wal");
  sqlite3_finalize (stmt);

  /* Files are private to their owner. */
  {
    GStatBuf st;

    g_assert_cmpint (g_stat (fx->path, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0077, ==, 0);
  }
}

static void
test_wrong_passphrase (VaultFixture  *fx,
                       gconstpointer  data)
{
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;
  g_autoptr(GError) error = NULL;

  sl_vault_lock (fx->vault);
  before = sl_test_snapshot (fx->tmpdir);

  g_assert_false (try_unlock (fx, "correct horse battery stapler", &error));
  g_assert_error (error, SL_VAULT_ERROR, SL_VAULT_ERROR_WRONG_PASSPHRASE);
  g_assert_nonnull (strstr (error->message, "passphrase is wrong"));
  g_clear_error (&error);
  g_assert_false (try_unlock (fx, "", &error));
  g_assert_error (error, SL_VAULT_ERROR, SL_VAULT_ERROR_WRONG_PASSPHRASE);

  after = sl_test_snapshot (fx->tmpdir);
  sl_test_assert_snapshot_equal (before, after);
}

static void
write_file (const char   *path,
            const void   *data,
            gssize        len)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);
}

static void
assert_refused_unchanged (VaultFixture *fx,
                          int           code,
                          const char   *message_part)
{
  g_autoptr(GHashTable) before = sl_test_snapshot (fx->tmpdir);
  g_autoptr(GHashTable) after = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (try_unlock (fx, SL_TEST_PASSPHRASE, &error));
  g_assert_error (error, SL_VAULT_ERROR, code);
  if (message_part != NULL && strstr (error->message, message_part) == NULL)
    g_error ("message lacks '%s': %s", message_part, error->message);
  after = sl_test_snapshot (fx->tmpdir);
  sl_test_assert_snapshot_equal (before, after);
}

static void
test_damaged_database (VaultFixture  *fx,
                       gconstpointer  data)
{
  g_autofree char *db = g_build_filename (fx->path, SL_VAULT_DB_NAME, NULL);
  g_autofree char *contents = NULL;
  guint8 noise[8192];
  gsize len = 0;

  sl_vault_lock (fx->vault);
  g_assert_true (g_file_get_contents (db, &contents, &len, NULL));
  g_assert_cmpuint (len, >=, 2048);

  /* Truncated in the middle of the first page. */
  write_file (db, contents, 500);
  assert_refused_unchanged (fx, SL_VAULT_ERROR_CORRUPT, "damaged");

  /* Cut to zero bytes. */
  write_file (db, "", 0);
  assert_refused_unchanged (fx, SL_VAULT_ERROR_CORRUPT, "damaged");

  /* Random bytes. */
  for (gsize i = 0; i < sizeof noise; i++)
    noise[i] = (guint8) g_test_rand_int_range (0, 256);
  write_file (db, noise, sizeof noise);
  assert_refused_unchanged (fx, SL_VAULT_ERROR_CORRUPT, "damaged");

  /* One bit flipped in the second page: caught by the page HMAC on read. */
  contents[1024 + 100] ^= 0x01;
  write_file (db, contents, (gssize) len);
  {
    g_autoptr(SlVault) vault = reopen (fx);
    g_autoptr(SlSecret) pass = sl_test_secret (SL_TEST_PASSPHRASE);
    g_autoptr(GError) error = NULL;
    g_auto(GStrv) problems = NULL;

    /* Page 2 may not be read at unlock; the check reads every page. */
    if (sl_vault_unlock_sync (vault, pass, NULL, &error))
      {
        problems = sl_vault_check_sync (vault, NULL, &error);
        g_assert_no_error (error);
        g_assert_nonnull (problems);
        g_assert_cmpuint (g_strv_length (problems), >, 0);
      }
    else
      g_assert_error (error, SL_VAULT_ERROR, SL_VAULT_ERROR_CORRUPT);
  }

  /* The database is gone. */
  g_unlink (db);
  assert_refused_unchanged (fx, SL_VAULT_ERROR_CORRUPT, "missing");
}

static void
test_damaged_key_file (VaultFixture  *fx,
                       gconstpointer  data)
{
  g_autofree char *keys = g_build_filename (fx->path, SL_VAULT_KEYS_NAME, NULL);
  g_autofree char *contents = NULL;
  gsize len = 0;

  sl_vault_lock (fx->vault);
  g_assert_true (g_file_get_contents (keys, &contents, &len, NULL));

  write_file (keys, contents, (gssize) len / 2);
  assert_refused_unchanged (fx, SL_VAULT_ERROR_CORRUPT, "damaged");

  write_file (keys, "", 0);
  assert_refused_unchanged (fx, SL_VAULT_ERROR_CORRUPT, "damaged");

  write_file (keys, "{\"format\": \"something-else\"}", -1);
  assert_refused_unchanged (fx, SL_VAULT_ERROR_NOT_A_VAULT, "not a Sightline");
}

static void
test_not_a_vault (void)
{
  g_autofree char *tmpdir = sl_test_make_tmpdir ();
  g_autofree char *file_path = g_build_filename (tmpdir, "notes.txt", NULL);
  g_autofree char *dir_path = g_build_filename (tmpdir, "photos", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (file_path);
  g_autoptr(GFile) dir = g_file_new_for_path (dir_path);
  g_autoptr(SlVault) v1 = sl_vault_new (file);
  g_autoptr(SlVault) v2 = sl_vault_new (dir);
  g_autoptr(SlSecret) pass = sl_test_secret (SL_TEST_PASSPHRASE);
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;
  g_autoptr(GError) error = NULL;

  write_file (file_path, "a plain text file", -1);
  g_mkdir (dir_path, 0700);
  before = sl_test_snapshot (tmpdir);

  g_assert_false (sl_vault_unlock_sync (v1, pass, NULL, &error));
  g_assert_error (error, SL_VAULT_ERROR, SL_VAULT_ERROR_NOT_A_VAULT);
  g_assert_nonnull (strstr (error->message, "is a file"));
  g_clear_error (&error);

  g_assert_false (sl_vault_unlock_sync (v2, pass, NULL, &error));
  g_assert_error (error, SL_VAULT_ERROR, SL_VAULT_ERROR_NOT_A_VAULT);
  g_assert_false (sl_vault_is_vault (dir));

  after = sl_test_snapshot (tmpdir);
  sl_test_assert_snapshot_equal (before, after);
  sl_test_remove_tree (tmpdir);
}

static void
test_newer_version (VaultFixture  *fx,
                    gconstpointer  data)
{
  g_autofree char *keys = g_build_filename (fx->path, SL_VAULT_KEYS_NAME, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *newer = NULL;
  g_auto(GStrv) parts = NULL;

  /* A schema from the future, in the encrypted database. */
  g_assert_true (_sl_vault_exec (fx->vault, "PRAGMA user_version = 99", &error));
  g_assert_no_error (error);
  sl_vault_lock (fx->vault);
  assert_refused_unchanged (fx, SL_VAULT_ERROR_VERSION, "newer version");

  /* A key-file format from the future. */
  g_assert_true (g_file_get_contents (keys, &contents, NULL, NULL));
  parts = g_strsplit (contents, "\"version\" : 1", 2);
  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  newer = g_strjoinv ("\"version\" : 7", parts);
  write_file (keys, newer, -1);
  assert_refused_unchanged (fx, SL_VAULT_ERROR_VERSION, "Update Sightline");
}

static void
test_change_passphrase (VaultFixture  *fx,
                        gconstpointer  data)
{
  g_autoptr(SlSecret) new_pass = sl_test_secret (SL_TEST_PASSPHRASE_2);
  g_autoptr(GError) error = NULL;
  SlKdfParams params = sl_test_kdf_params ();
  g_autofree char *db = g_build_filename (fx->path, SL_VAULT_DB_NAME, NULL);
  g_autofree char *db_before = NULL;
  g_autofree char *db_after = NULL;
  gsize len_before, len_after;

  sl_vault_lock (fx->vault);
  g_assert_true (g_file_get_contents (db, &db_before, &len_before, NULL));
  g_assert_true (try_unlock (fx, SL_TEST_PASSPHRASE, &error));
  g_assert_no_error (error);
  {
    g_autoptr(SlSecret) pass = sl_test_secret (SL_TEST_PASSPHRASE);

    g_assert_true (sl_vault_unlock_sync (fx->vault, pass, NULL, &error));
  }
  g_assert_true (sl_vault_set_passphrase_sync (fx->vault, sl_vault_get_unlocked_slot (fx->vault),
                                               new_pass, &params, NULL, &error));
  g_assert_no_error (error);
  sl_vault_lock (fx->vault);

  /* The data was not rewritten: only the slot changed. */
  g_assert_true (g_file_get_contents (db, &db_after, &len_after, NULL));
  g_assert_cmpmem (db_before, len_before, db_after, len_after);

  g_assert_false (try_unlock (fx, SL_TEST_PASSPHRASE, &error));
  g_assert_error (error, SL_VAULT_ERROR, SL_VAULT_ERROR_WRONG_PASSPHRASE);
  g_clear_error (&error);
  g_assert_true (try_unlock (fx, SL_TEST_PASSPHRASE_2, &error));
  g_assert_no_error (error);
}

static void
test_second_slot_and_removal (VaultFixture  *fx,
                              gconstpointer  data)
{
  g_autoptr(SlSecret) second = sl_test_secret (SL_TEST_PASSPHRASE_2);
  g_autoptr(GPtrArray) slots = NULL;
  g_autoptr(GError) error = NULL;
  SlKdfParams params = sl_test_kdf_params ();
  guint slot = 0;

  g_assert_true (sl_vault_add_passphrase_sync (fx->vault, second, &params, &slot, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (slot, ==, 1);

  slots = sl_vault_list_slots (fx->vault, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (slots->len, ==, 2);

  g_assert_true (try_unlock (fx, SL_TEST_PASSPHRASE, &error));
  g_assert_true (try_unlock (fx, SL_TEST_PASSPHRASE_2, &error));
  g_assert_no_error (error);

  /* Remove the first; the second still opens, the first no longer. */
  g_assert_true (sl_vault_remove_slot (fx->vault, 0, &error));
  g_assert_no_error (error);
  g_assert_false (try_unlock (fx, SL_TEST_PASSPHRASE, &error));
  g_assert_error (error, SL_VAULT_ERROR, SL_VAULT_ERROR_WRONG_PASSPHRASE);
  g_clear_error (&error);
  g_assert_true (try_unlock (fx, SL_TEST_PASSPHRASE_2, &error));

  /* The last passphrase cannot be removed; a missing slot is named. */
  g_assert_false (sl_vault_remove_slot (fx->vault, 1, &error));
  g_assert_error (error, SL_VAULT_ERROR, SL_VAULT_ERROR_LAST_SLOT);
  g_clear_error (&error);
  g_assert_false (sl_vault_remove_slot (fx->vault, 7, &error));
  g_assert_error (error, SL_VAULT_ERROR, SL_VAULT_ERROR_NO_SUCH_SLOT);
  g_clear_error (&error);
  g_assert_true (try_unlock (fx, SL_TEST_PASSPHRASE_2, &error));
  g_assert_no_error (error);
}

static void
test_recovery_key (VaultFixture  *fx,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  g_autofree char *key2 = NULL;
  g_autofree char *typo = NULL;
  g_autofree char *lower = NULL;
  g_autoptr(GPtrArray) slots = NULL;
  guint slot = 0;

  key = sl_vault_add_recovery_key_sync (fx->vault, &slot, NULL, &error);
  g_assert_no_error (error);
  /* 14 groups of 4 from the Crockford alphabet. */
  g_assert_cmpuint (strlen (key), ==, 14 * 4 + 13);
  for (int i = 0; key[i]; i++)
    {
      if (i % 5 == 4)
        g_assert_cmpint (key[i], ==, '-');
      else
        g_assert_nonnull (strchr ("0123456789ABCDEFGHJKMNPQRSTVWXYZ", key[i]));
    }

  sl_vault_lock (fx->vault);

  /* Opens the vault, also typed in lower case without dashes. */
  {
    g_autoptr(SlVault) v = reopen (fx);
    g_autoptr(GString) s = g_string_new (NULL);

    for (int i = 0; key[i]; i++)
      if (key[i] != '-')
        g_string_append_c (s, g_ascii_tolower (key[i]));
    lower = g_string_free (g_steal_pointer (&s), FALSE);
    g_assert_true (sl_vault_unlock_with_recovery_key_sync (v, lower, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (sl_vault_get_unlocked_slot (v), ==, slot);
  }

  /* One character mistyped: caught by the check letters. */
  typo = g_strdup (key);
  typo[7] = typo[7] == 'A' ? 'B' : 'A';
  {
    g_autoptr(SlVault) v = reopen (fx);

    g_assert_false (sl_vault_unlock_with_recovery_key_sync (v, typo, NULL, &error));
    g_assert_error (error, SL_VAULT_ERROR, SL_VAULT_ERROR_BAD_RECOVERY_KEY);
    g_assert_nonnull (strstr (error->message, "typing mistake"));
    g_clear_error (&error);
    g_assert_false (sl_vault_unlock_with_recovery_key_sync (v, "ABCD-EFGH", NULL, &error));
    g_assert_error (error, SL_VAULT_ERROR, SL_VAULT_ERROR_BAD_RECOVERY_KEY);
    g_clear_error (&error);
    g_assert_true (sl_vault_get_locked (v));
  }

  /* A new recovery key replaces the old one. */
  {
    g_autoptr(SlSecret) pass = sl_test_secret (SL_TEST_PASSPHRASE);
    g_autoptr(SlVault) v = reopen (fx);

    g_assert_true (sl_vault_unlock_sync (fx->vault, pass, NULL, &error));
    key2 = sl_vault_add_recovery_key_sync (fx->vault, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (key, !=, key2);
    slots = sl_vault_list_slots (fx->vault, &error);
    g_assert_cmpuint (slots->len, ==, 2);
    g_assert_false (sl_vault_unlock_with_recovery_key_sync (v, key, NULL, &error));
    g_assert_error (error, SL_VAULT_ERROR, SL_VAULT_ERROR_BAD_RECOVERY_KEY);
    g_clear_error (&error);
    g_assert_true (sl_vault_unlock_with_recovery_key_sync (v, key2, NULL, &error));
    g_assert_no_error (error);
  }

  /* The recovery key's slot can be removed; the passphrase remains. */
  g_assert_true (sl_vault_remove_slot (fx->vault, 2, &error));
  g_assert_no_error (error);
}

static void
test_recovery_key_codec (void)
{
  guint8 raw[SL_VAULT_RECOVERY_KEY_BYTES];
  g_autoptr(GError) error = NULL;

  for (int round = 0; round < 50; round++)
    {
      g_autofree char *text = NULL;
      g_autofree char *confusable = NULL;
      g_autoptr(SlSecret) back = NULL;
      g_autoptr(SlSecret) back2 = NULL;

      for (gsize i = 0; i < sizeof raw; i++)
        raw[i] = (guint8) g_test_rand_int_range (0, 256);
      text = _sl_recovery_key_encode (raw);
      back = _sl_recovery_key_decode (text, &error);
      g_assert_no_error (error);
      g_assert_cmpmem (sl_secret_get_data (back), sl_secret_get_size (back), raw, sizeof raw);

      /* O for 0 and l for 1, as a person copying by hand may write. */
      confusable = g_strdup (text);
      for (char *p = confusable; *p; p++)
        {
          if (*p == '0')
            *p = 'O';
          else if (*p == '1')
            *p = 'l';
        }
      back2 = _sl_recovery_key_decode (confusable, &error);
      g_assert_no_error (error);
      g_assert_cmpmem (sl_secret_get_data (back2), sl_secret_get_size (back2), raw, sizeof raw);
    }

  g_assert_null (_sl_recovery_key_decode ("UUUU", &error));
  g_assert_error (error, SL_VAULT_ERROR, SL_VAULT_ERROR_BAD_RECOVERY_KEY);
}

static void
test_passphrase_strength (void)
{
  static const char *weak[] = { "", "password", "abc123", "qwertyuiop", "aaaaaaaaaaaaaaaa",
                                "Sightline1!", "1234567890123" };
  static const char *strong[] = { SL_TEST_PASSPHRASE, SL_TEST_PASSPHRASE_2,
                                  "tangerine-Volcano-47-drift" };

  for (guint i = 0; i < G_N_ELEMENTS (weak); i++)
    {
      g_autoptr(SlSecret) s = sl_test_secret (weak[i]);
      g_autoptr(GError) error = NULL;

      if (sl_vault_check_passphrase_strength (s, &error))
        g_error ("'%s' was accepted", weak[i]);
      g_assert_error (error, SL_VAULT_ERROR, SL_VAULT_ERROR_WEAK_PASSPHRASE);
      g_assert_cmpuint (strlen (error->message), >, 20);
    }
  for (guint i = 0; i < G_N_ELEMENTS (strong); i++)
    {
      g_autoptr(SlSecret) s = sl_test_secret (strong[i]);
      g_autoptr(GError) error = NULL;

      sl_vault_check_passphrase_strength (s, &error);
      g_assert_no_error (error);
    }
}

static void
test_create_refusals (void)
{
  g_autofree char *tmpdir = sl_test_make_tmpdir ();
  g_autofree char *existing = g_build_filename (tmpdir, "taken", NULL);
  g_autofree char *orphan = g_build_filename (tmpdir, "no", "such", "folder", NULL);
  g_autoptr(GFile) f1 = g_file_new_for_path (existing);
  g_autoptr(GFile) f2 = g_file_new_for_path (orphan);
  g_autoptr(SlVault) v1 = sl_vault_new (f1);
  g_autoptr(SlVault) v2 = sl_vault_new (f2);
  g_autoptr(SlSecret) pass = sl_test_secret (SL_TEST_PASSPHRASE);
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;
  g_autoptr(GError) error = NULL;
  SlKdfParams params = sl_test_kdf_params ();

  g_mkdir (existing, 0700);
  {
    g_autofree char *keep = g_build_filename (existing, "keep.txt", NULL);

    write_file (keep, "keep me", -1);
  }
  before = sl_test_snapshot (tmpdir);

  g_assert_false (sl_vault_create_sync (v1, "x", pass, &params, NULL, &error));
  g_assert_error (error, SL_VAULT_ERROR, SL_VAULT_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_false (sl_vault_create_sync (v2, "x", pass, &params, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);

  after = sl_test_snapshot (tmpdir);
  sl_test_assert_snapshot_equal (before, after);
  sl_test_remove_tree (tmpdir);
}

static void
test_create_leaves_no_temporary (void)
{
  g_autofree char *tmpdir = sl_test_make_tmpdir ();
  g_autoptr(SlVault) vault = sl_test_create_vault (tmpdir, "a.sightline", SL_TEST_PASSPHRASE);
  g_autoptr(GHashTable) snap = NULL;

  sl_vault_lock (vault);
  snap = sl_test_snapshot (tmpdir);
  /* The folder, its database and its key file: nothing else. */
  g_assert_cmpuint (g_hash_table_size (snap), ==, 3);
  g_assert_true (g_hash_table_contains (snap, "a.sightline/"));
  g_assert_true (g_hash_table_contains (snap, "a.sightline/" SL_VAULT_DB_NAME));
  g_assert_true (g_hash_table_contains (snap, "a.sightline/" SL_VAULT_KEYS_NAME));
  g_assert_cmpstr (sl_vault_get_name (vault), ==, "a");
  sl_test_remove_tree (tmpdir);
}

static void
test_default_kdf (void)
{
  g_autofree char *tmpdir = sl_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (tmpdir, "real.sightline", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(SlVault) vault = sl_vault_new (file);
  g_autoptr(SlVault) again = sl_vault_new (file);
  g_autoptr(SlSecret) pass = sl_test_secret (SL_TEST_PASSPHRASE);
  g_autoptr(GPtrArray) slots = NULL;
  g_autoptr(GError) error = NULL;
  SlKeySlotInfo *info;

  g_assert_true (sl_vault_create_sync (vault, NULL, pass, NULL, NULL, &error));
  g_assert_no_error (error);
  slots = sl_vault_list_slots (vault, &error);
  g_assert_cmpuint (slots->len, ==, 1);
  info = g_ptr_array_index (slots, 0);
  g_assert_cmpint (info->kind, ==, SL_KEY_SLOT_PASSPHRASE);
  g_assert_cmpuint (info->memlimit, >=, 256 * 1024 * 1024);
  g_assert_cmpuint (info->opslimit, >=, 3);
  g_assert_true (sl_vault_unlock_sync (again, pass, NULL, &error));
  g_assert_no_error (error);
  sl_test_remove_tree (tmpdir);
}

typedef struct
{
  GMainLoop *loop;
  GError    *error;
  gboolean   done;
} AsyncState;

static void
unlocked_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  AsyncState *state = user_data;

  sl_vault_unlock_finish (SL_VAULT (object), result, &state->error);
  state->done = TRUE;
  g_main_loop_quit (state->loop);
}

static gboolean
timeout_cb (gpointer data)
{
  g_error ("timed out waiting for the unlock");
  return G_SOURCE_REMOVE;
}

static void
test_unlock_async (VaultFixture  *fx,
                   gconstpointer  data)
{
  g_autoptr(SlSecret) pass = sl_test_secret (SL_TEST_PASSPHRASE);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  AsyncState state = { g_main_loop_new (NULL, FALSE), NULL, FALSE };
  guint timeout = g_timeout_add_seconds (20, timeout_cb, NULL);
  /* a pointer, as g_nullify_pointer () writes one: a gboolean here had
   * its neighbour on the stack overwritten in an optimised build */
  gpointer notified = NULL;
  gulong handler;

  sl_vault_lock (fx->vault);
  handler = g_signal_connect_swapped (fx->vault, "notify::locked",
                                      G_CALLBACK (g_nullify_pointer), &notified);
  notified = &notified;

  /* Cancelled before it starts: silent, still locked. */
  g_cancellable_cancel (cancellable);
  sl_vault_unlock_async (fx->vault, pass, cancellable, unlocked_cb, &state);
  g_main_loop_run (state.loop);
  g_assert_error (state.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&state.error);
  g_assert_true (sl_vault_get_locked (fx->vault));

  sl_vault_unlock_async (fx->vault, pass, NULL, unlocked_cb, &state);
  g_main_loop_run (state.loop);
  g_assert_no_error (state.error);
  g_assert_false (sl_vault_get_locked (fx->vault));
  /* notify::locked reaches the main thread */
  while (notified != NULL)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (fx->vault, handler);

  g_source_remove (timeout);
  g_main_loop_unref (state.loop);
}

/* SIGKILL a `sightline-cli passwd` at many moments; the vault must always
 * open with the old or the new passphrase, never neither. */
static void
test_crash_during_passwd (void)
{
  g_autofree char *tmpdir = sl_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (tmpdir, "crash.sightline", NULL);
  g_autoptr(SlVault) vault = sl_test_create_vault (tmpdir, "crash.sightline", SL_TEST_PASSPHRASE);
  const char *pass[2] = { SL_TEST_PASSPHRASE, SL_TEST_PASSPHRASE_2 };
  guint current = 0;
  guint kept_old = 0, got_new = 0;
  gint64 full_run;
  const guint runs = g_test_slow () ? 400 : 60;

  sl_vault_lock (vault);

  /* How long does one whole run take? */
  {
    g_autofree char *in = g_strdup_printf ("%s\n%s\n", pass[0], pass[1]);
    gint64 start = g_get_monotonic_time ();
    int rc = sl_test_run_cli (in, NULL, NULL, "passwd", path, "--passphrase-fd", "0",
                              "--new-passphrase-fd", "0", "--kdf-memory", "8",
                              "--kdf-passes", "1", NULL);

    g_assert_cmpint (rc, ==, 0);
    full_run = g_get_monotonic_time () - start;
    current = 1;
  }

  /* On a busy machine the runs can slow down after the first was timed,
   * and every kill then lands before the change: one run more, killed long
   * after it should have ended, must then find the new passphrase. */
  for (guint i = 0; i < runs || (i == runs && got_new == 0); i++)
    {
      g_autofree char *in = g_strdup_printf ("%s\n%s\n", pass[current], pass[!current]);
      g_autoptr(GSubprocess) proc = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GOutputStream) sink = NULL;
      const char *cli = g_getenv ("SIGHTLINE_CLI");
      /* Spread the kills over the whole run, with some jitter. */
      gint64 delay = i == runs ? full_run * 20 :
                     full_run * (i % 30) / 28 + g_test_rand_int_range (0, 2000);
      gboolean opened_old, opened_new;

      proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                               G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                               cli, "passwd", path, "--passphrase-fd", "0",
                               "--new-passphrase-fd", "0", "--kdf-memory", "8",
                               "--kdf-passes", "1", NULL);
      g_assert_no_error (error);
      sink = g_object_ref (g_subprocess_get_stdin_pipe (proc));
      g_output_stream_write_all (sink, in, strlen (in), NULL, NULL, &error);
      g_assert_no_error (error);
      g_output_stream_close (sink, NULL, NULL);

      g_usleep ((gulong) delay);
      g_subprocess_send_signal (proc, SIGKILL);
      g_subprocess_wait (proc, NULL, NULL);

      {
        g_autoptr(GFile) file = g_file_new_for_path (path);
        g_autoptr(SlVault) v_old = sl_vault_new (file);
        g_autoptr(SlVault) v_new = sl_vault_new (file);
        g_autoptr(SlSecret) s_old = sl_test_secret (pass[current]);
        g_autoptr(SlSecret) s_new = sl_test_secret (pass[!current]);

        opened_old = sl_vault_unlock_sync (v_old, s_old, NULL, NULL);
        opened_new = sl_vault_unlock_sync (v_new, s_new, NULL, NULL);
        if (!opened_old && !opened_new)
          g_error ("run %u (kill after %" G_GINT64_FORMAT " µs): neither passphrase opens "
                   "the vault", i, delay);
        g_assert_true (opened_old != opened_new);
      }

      if (opened_new)
        {
          got_new++;
          current = !current;
        }
      else
        kept_old++;
    }

  g_test_message ("%u kills: %u kept the old passphrase, %u had the new one",
                  kept_old + got_new, kept_old, got_new);
  /* The kills must have landed on both sides of the change. */
  g_assert_cmpuint (kept_old, >, 0);
  g_assert_cmpuint (got_new, >, 0);
  sl_test_remove_tree (tmpdir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define VAULT_TEST(path, fn) \
  g_test_add ("/sightline/vault/" path, VaultFixture, NULL, vault_setup, fn, vault_teardown)

  VAULT_TEST ("encrypted-on-disk", test_encrypted_on_disk);
  VAULT_TEST ("pragmas", test_pragmas);
  VAULT_TEST ("open/wrong-passphrase", test_wrong_passphrase);
  VAULT_TEST ("open/damaged-database", test_damaged_database);
  VAULT_TEST ("open/damaged-key-file", test_damaged_key_file);
  VAULT_TEST ("open/newer-version", test_newer_version);
  VAULT_TEST ("open/async", test_unlock_async);
  VAULT_TEST ("slots/change-passphrase", test_change_passphrase);
  VAULT_TEST ("slots/second-and-removal", test_second_slot_and_removal);
  VAULT_TEST ("slots/recovery-key", test_recovery_key);
  g_test_add_func ("/sightline/vault/open/not-a-vault", test_not_a_vault);
  g_test_add_func ("/sightline/vault/recovery-key-codec", test_recovery_key_codec);
  g_test_add_func ("/sightline/vault/passphrase-strength", test_passphrase_strength);
  g_test_add_func ("/sightline/vault/create/refusals", test_create_refusals);
  g_test_add_func ("/sightline/vault/create/no-temporary", test_create_leaves_no_temporary);
  g_test_add_func ("/sightline/vault/create/default-kdf", test_default_kdf);
  g_test_add_func ("/sightline/vault/crash/passwd", test_crash_during_passwd);

  return g_test_run ();
}
