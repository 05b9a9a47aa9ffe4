/* bench-sync.c
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

/* A bundle of 1,000,000 field changes (100,000 coded people created with
 * their first values, then edited field by field):
 *   - exported from the laptop's vault (read, signed, encrypted, written);
 *   - imported into the secretariat's (decrypted, verified, each device's
 *     hash chain checked, merged record by record, one transaction);
 * against a plain SQLCipher insert of the same rows into the same kind of
 * vault, in the same run. */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#include "sl-bundle.h"
#include "sl-identity.h"
#include "sl-record.h"
#include "sl-vault-private.h"

#define PASSPHRASE "correct horse battery staple"

static double
now (void)
{
  return (double) g_get_monotonic_time () / G_USEC_PER_SEC;
}

static double
rusage_seconds (int who)
{
  struct rusage ru;

  getrusage (who, &ru);
  return (double) ru.ru_utime.tv_sec + (double) ru.ru_utime.tv_usec / 1e6 +
         (double) ru.ru_stime.tv_sec + (double) ru.ru_stime.tv_usec / 1e6;
}

/* CPU time of this process, every thread: steadier than the clock on a
 * shared machine. Export and import hand some of their work (sealing,
 * opening, hashing) to a second thread, so this counts more than the
 * clock would show on an idle machine with two cores. */
static double
cpu (void)
{
  return rusage_seconds (RUSAGE_SELF);
}

/* CPU time of this, the calling thread: what the clock comes to on an
 * idle machine with two cores, less the waits for the disk. */
static double
cpu_main (void)
{
  return rusage_seconds (RUSAGE_THREAD);
}

static SlVault *
make_vault (const char *tmpdir,
            const char *name)
{
  g_autofree char *path = g_build_filename (tmpdir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(SlSecret) pass = sl_secret_new_from_string (PASSPHRASE);
  g_autoptr(GError) error = NULL;
  SlKdfParams cheap = { 1, 8 * 1024 * 1024 };
  SlVault *vault = sl_vault_new (file);

  if (!sl_vault_create_sync (vault, name, pass, &cheap, NULL, &error))
    g_error ("%s", error->message);
  return vault;
}

static char *
peer_id_of (SlVault *vault)
{
  g_autofree char *card = sl_vault_dup_identity_card (vault, NULL, NULL);
  g_autoptr(SlPeer) me = sl_identity_parse_card (card, NULL);

  return g_strdup (me->id);
}

static GHashTable *
values_of (SlRecordType *rt,
           const char   *a0,
           const char   *a1,
           const char   *a2)
{
  const char *a[] = { a0, a1, a2, NULL };
  g_autoptr(GError) error = NULL;
  GHashTable *v = sl_values_from_assignments (rt, a, &error);

  if (v == NULL)
    g_error ("%s", error->message);
  return v;
}

static guint64
count (SlVault    *vault,
       const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  guint64 n = 0;

  _sl_vault_lock_db (vault);
  sqlite3_prepare_v2 (_sl_vault_get_db (vault), sql, -1, &stmt, NULL);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = (guint64) sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  _sl_vault_unlock_db (vault);
  return n;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- time a bundle of 1,000,000 changes");
  g_autoptr(GError) error = NULL;
  g_autofree char *tmpdir = NULL;
  g_autofree char *bundle_path = NULL;
  g_autofree char *laptop_id = NULL;
  g_autofree char *office_id = NULL;
  g_autofree char *submission = NULL;
  g_autoptr(SlVault) laptop = NULL;
  g_autoptr(SlVault) office = NULL;
  g_autoptr(SlVault) plain = NULL;
  g_autoptr(GFile) bundle = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(SlBundleSummary) out = NULL;
  g_autoptr(SlBundleSummary) in = NULL;
  SlRecordType *rt;
  int people = 100000;
  int rounds = 3;
  guint64 n_changes;
  double t0, c0, m0, t_export, t_import, t_plain, c_export, c_import, c_plain, m_export, m_import, m_plain;
  struct stat st;
  GOptionEntry entries[] = {
    { "people", 'n', 0, G_OPTION_ARG_INT, &people, "How many coded people (default 100000)", "N" },
    { "rounds", 'r', 0, G_OPTION_ARG_INT, &rounds,
      "Rounds of three field edits per person (default 3: 1,000,000 changes in all)", "R" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || people < 1 || rounds < 0)
    {
      g_printerr ("bench-sync: %s\n", error ? error->message : "--people must be positive");
      return 2;
    }

  tmpdir = g_dir_make_tmp ("sightline-bench-XXXXXX", &error);
  g_assert_no_error (error);
  laptop = make_vault (tmpdir, "laptop.sightline");
  office = make_vault (tmpdir, "office.sightline");
  laptop_id = peer_id_of (laptop);
  office_id = peer_id_of (office);
  {
    g_autofree char *card_l = sl_vault_dup_identity_card (laptop, "Laptop", NULL);
    g_autofree char *card_o = sl_vault_dup_identity_card (office, "Office", NULL);
    g_autoptr(SlPeer) a = sl_vault_add_peer (laptop, card_o, &error);
    g_autoptr(SlPeer) b = sl_vault_add_peer (office, card_l, &error);

    g_assert_no_error (error);
  }

  /* The laptop's history: people created, then edited field by field. */
  g_print ("Preparing the laptop's history (not timed)...\n");
  {
    g_autoptr(GHashTable) sub = values_of (sl_codebook_lookup_type (sl_vault_get_codebook (laptop),
                                                                    "submission", NULL),
                                           "reference=CFE-001", NULL, NULL);
    g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
    g_autoptr(GPtrArray) parents = g_ptr_array_new ();

    submission = sl_vault_add_record (laptop, "submission", NULL, sub, &error);
    g_assert_no_error (error);
    rt = sl_codebook_lookup_type (sl_vault_get_codebook (laptop), "victim", NULL);
    for (int i = 0; i < people; i++)
      {
        g_autofree char *label = g_strdup_printf ("label=Child %d", i);
        g_autofree char *age = g_strdup_printf ("age=%d", 8 + i % 10);

        g_ptr_array_add (values, values_of (rt, label, age, "gender=female"));
        g_ptr_array_add (parents, submission);
      }
    if (!sl_vault_add_records (laptop, "victim", parents, values, &ids, NULL, &error))
      g_error ("%s", error->message);

    for (int r = 0; r < rounds; r++)
      {
        g_autoptr(GPtrArray) edits = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);

        for (int i = 0; i < people; i++)
          {
            g_autofree char *label = g_strdup_printf ("label=Young person %d.%d", i, r);
            g_autofree char *age = g_strdup_printf ("age=%d", 9 + (i + r) % 9);

            g_ptr_array_add (edits, values_of (rt, label, age,
                                               r % 2 ? "gender=female" : "gender=male"));
          }
        if (!sl_vault_edit_records (laptop, ids, edits, NULL, &error))
          g_error ("%s", error->message);
      }
  }
  n_changes = count (laptop, "SELECT count(*) FROM changes");
  g_print ("Sightline %s: a bundle of %" G_GUINT64_FORMAT " changes (%d people, %d rounds of "
           "edits)\n", PACKAGE_VERSION, n_changes, people, rounds);

  /* 1. Export */
  bundle_path = g_build_filename (tmpdir, "laptop-to-office.slbundle", NULL);
  bundle = g_file_new_for_path (bundle_path);
  t0 = now ();
  c0 = cpu ();
  m0 = cpu_main ();
  out = sl_vault_export_bundle (laptop, office_id, bundle, NULL, NULL, NULL, &error);
  t_export = now () - t0;
  c_export = cpu () - c0;
  m_export = cpu_main () - m0;
  if (out == NULL)
    g_error ("%s", error->message);
  g_stat (bundle_path, &st);

  /* 2. Import and merge */
  t0 = now ();
  c0 = cpu ();
  m0 = cpu_main ();
  in = sl_vault_import_bundle (office, bundle, FALSE, NULL, NULL, NULL, &error);
  t_import = now () - t0;
  c_import = cpu () - c0;
  m_import = cpu_main () - m0;
  if (in == NULL)
    g_error ("%s", error->message);
  g_assert_cmpuint (in->n_new, ==, n_changes);
  g_assert_cmpuint (count (office, "SELECT count(*) FROM records"), ==, (guint64) people + 1);
  {
    g_autofree char *db = g_build_filename (tmpdir, "office.sightline", "vault.db", NULL);
    g_autofree char *wal = g_build_filename (tmpdir, "office.sightline", "vault.db-wal", NULL);
    struct stat dst, wst;

    g_stat (db, &dst);
    if (g_stat (wal, &wst) != 0)
      wst.st_size = 0;
    g_print ("secretariat's vault after import %7.1f MB (and %.1f MB of WAL)\n",
             (double) dst.st_size / 1e6, (double) wst.st_size / 1e6);
  }

  /* 3. The same rows, plain: one row per change, one transaction. */
  plain = make_vault (tmpdir, "plain.sightline");
  if (!_sl_vault_exec (plain, "CREATE TABLE plain (device TEXT NOT NULL, seq INTEGER NOT NULL, "
                              "hlc INTEGER NOT NULL, record TEXT NOT NULL, op TEXT NOT NULL, "
                              "field TEXT, value TEXT, author TEXT NOT NULL, "
                              "codebook_version INTEGER NOT NULL, hash BLOB NOT NULL)", &error))
    g_error ("%s", error->message);
  {
    sqlite3 *src;
    sqlite3 *dst;
    sqlite3_stmt *read = NULL;
    sqlite3_stmt *write = NULL;
    g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

    /* read outside the timing */
    _sl_vault_lock_db (laptop);
    src = _sl_vault_get_db (laptop);
    sqlite3_prepare_v2 (src, "SELECT d.id, c.device_seq, c.hlc, r.id, c.op, c.field, c.value, "
                        "a.name, c.codebook_version, hex(c.hash) FROM changes c "
                        "JOIN devices d ON d.no = c.device JOIN records r ON r.no = c.record "
                        "JOIN authors a ON a.no = c.author", -1, &read, NULL);
    while (sqlite3_step (read) == SQLITE_ROW)
      {
        char **row = g_new0 (char *, 11);

        for (int k = 0; k < 10; k++)
          row[k] = g_strdup ((const char *) sqlite3_column_text (read, k));
        g_ptr_array_add (rows, row);
      }
    sqlite3_finalize (read);
    _sl_vault_unlock_db (laptop);

    t0 = now ();
    c0 = cpu ();
    m0 = cpu_main ();
    _sl_vault_lock_db (plain);
    dst = _sl_vault_get_db (plain);
    sqlite3_exec (dst, "BEGIN IMMEDIATE", NULL, NULL, NULL);
    sqlite3_prepare_v2 (dst, "INSERT INTO plain VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                        -1, &write, NULL);
    for (guint i = 0; i < rows->len; i++)
      {
        char **row = g_ptr_array_index (rows, i);

        sqlite3_reset (write);
        for (int k = 0; k < 10; k++)
          sqlite3_bind_text (write, k + 1, row[k], -1, SQLITE_STATIC);
        if (sqlite3_step (write) != SQLITE_DONE)
          g_error ("%s", sqlite3_errmsg (dst));
      }
    sqlite3_finalize (write);
    sqlite3_exec (dst, "COMMIT", NULL, NULL, NULL);
    _sl_vault_unlock_db (plain);
    t_plain = now () - t0;
    c_plain = cpu () - c0;
    m_plain = cpu_main () - m0;
  }

  g_print ("                                  clock      CPU  main thread\n");
  g_print ("bundle file                     %7.1f MB\n", (double) st.st_size / 1e6);
  g_print ("export                          %7.2f s  %7.2f s  %7.2f s\n", t_export, c_export, m_export);
  g_print ("import and merge                %7.2f s  %7.2f s  %7.2f s\n", t_import, c_import, m_import);
  g_print ("export + merge                  %7.2f s  %7.2f s  %7.2f s   (goal <= 10 s: %s)\n",
           t_export + t_import, c_export + c_import, m_export + m_import,
           t_export + t_import <= 10 ? "met" : "MISSED");
  g_print ("plain SQLCipher insert          %7.2f s  %7.2f s  %7.2f s\n", t_plain, c_plain, m_plain);
  g_print ("ratio                           %7.2f x  %7.2f x  %7.2f x   (goal <= 3x: %s)\n",
           (t_export + t_import) / t_plain, (c_export + c_import) / c_plain,
           (m_export + m_import) / m_plain,
           (t_export + t_import) <= 3 * t_plain ? "met" : "MISSED");

  g_clear_object (&laptop);
  g_clear_object (&office);
  g_clear_object (&plain);
  _sl_remove_tree (tmpdir);
  return 0;
}
