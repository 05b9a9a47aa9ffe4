/* bench-records.c
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

/* 100,000 coded people:
 *   - added through the change log (validation, hash chain, current
 *     values, search text), against the same values written by a plain
 *     SQLCipher insert into the same vault, in the same run;
 *   - the list of them opened as a GListModel, and filtered as a person
 *     types a search, keystroke by keystroke;
 *   - the peak memory of a process that holds the open list. */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "sl-record.h"
#include "sl-record-list.h"
#include "sl-vault-private.h"

#define PASSPHRASE "correct horse battery staple"

static double
now (void)
{
  return (double) g_get_monotonic_time () / G_USEC_PER_SEC;
}

static const char *genders[] = { "female", "male" };
static const char *broad[] = { "white", "asian", "black", "mixed" };
static const char *care[] = { "foster_care", "residential_care", "living_at_home" };
static const char *missing[] = { "yes", "no", "unknown" };
static const char *first[] = { "Child", "Victim", "Young person", "Girl", "Boy" };

static GHashTable *
person (SlRecordType *rt,
        guint         i)
{
  g_autofree char *label = g_strdup_printf ("label=%s %u", first[i % 5], i);
  g_autofree char *age = g_strdup_printf ("age=%u", 8 + i % 12);
  g_autofree char *gender = g_strdup_printf ("gender=%s", genders[i % 2]);
  g_autofree char *eth = g_strdup_printf ("ethnicity_broad=%s", broad[i % 4]);
  g_autofree char *cs = g_strdup_printf ("care_status=%s", care[i % 3]);
  g_autofree char *miss = g_strdup_printf ("missing=%s", missing[i % 3]);
  g_autofree char *episodes = g_strdup_printf ("missing_episodes=%u", i % 7);
  const char *a[] = { label, age, gender, eth, cs, miss, episodes,
                      "disability=learning_disability", NULL };
  g_autoptr(GError) error = NULL;
  GHashTable *v = sl_values_from_assignments (rt, a, &error);

  if (v == NULL)
    g_error ("%s", error->message);
  return v;
}

static int
list_phase (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(SlVault) vault = sl_vault_new (file);
  g_autoptr(SlSecret) pass = sl_secret_new_from_string (PASSPHRASE);
  g_autoptr(GError) error = NULL;
  const char *typed = "young person 9";
  double t0, t_open, worst = 0, total = 0;
  double peak_mb;

  if (!sl_vault_unlock_sync (vault, pass, NULL, &error))
    g_error ("%s", error->message);
  {
    g_autoptr(SlRecordList) list = NULL;
    g_autoptr(GObject) item = NULL;

    t0 = now ();
    list = sl_record_list_new (vault, "victim", &error);
    item = g_list_model_get_item (G_LIST_MODEL (list), 0);   /* the first row drawn */
    t_open = now () - t0;
    g_assert_nonnull (item);
    g_print ("open the list of %u people       %7.3f s   (goal <= 0.3 s: %s)\n",
             g_list_model_get_n_items (G_LIST_MODEL (list)), t_open,
             t_open <= 0.3 ? "met" : "MISSED");

    /* 4. Type a search a letter at a time. */
    for (gsize k = 1; k <= strlen (typed); k++)
      {
        g_autofree char *prefix = g_strndup (typed, k);
        double t;

        t0 = now ();
        sl_record_list_set_filter_text (list, prefix);
        if (g_list_model_get_n_items (G_LIST_MODEL (list)) > 0)
          g_object_unref (g_list_model_get_item (G_LIST_MODEL (list), 0));
        t = now () - t0;
        worst = MAX (worst, t);
        total += t;
      }
    g_print ("filter per keystroke ('%s')  mean %5.1f ms, worst %5.1f ms   (goal <= 50 ms: %s)\n",
             typed, 1000 * total / strlen (typed), 1000 * worst, worst <= 0.05 ? "met" : "MISSED");
    g_print ("  %u people match '%s'\n", g_list_model_get_n_items (G_LIST_MODEL (list)), typed);
  }


  /* VmHWM, not getrusage(): the maximum that getrusage() reports survives
   * exec, so a spawned process would report its parent's peak. */
  {
    g_autofree char *status = NULL;
    const char *hwm;

    g_file_get_contents ("/proc/self/status", &status, NULL, NULL);
    hwm = status ? strstr (status, "VmHWM:") : NULL;
    peak_mb = hwm ? g_ascii_strtod (hwm + 6, NULL) / 1024.0 : 0;
  }
  g_print ("peak resident memory, list open %7.1f MB  (goal <= 150 MB: %s)\n",
           peak_mb, peak_mb <= 150 ? "met" : "MISSED");
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- time 100,000 coded people");
  g_autoptr(GError) error = NULL;
  g_autofree char *tmpdir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(SlVault) vault = NULL;
  g_autoptr(SlSecret) pass = NULL;
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  g_autoptr(GPtrArray) parents = g_ptr_array_new ();
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GHashTable) sub = NULL;
  g_autofree char *submission = NULL;
  SlKdfParams cheap = { 1, 8 * 1024 * 1024 };
  SlRecordType *rt;
  int people = 100000;
  g_autofree char *list_only = NULL;
  double t0, t_log, t_plain;
  guint n_values = 0;
  GOptionEntry entries[] = {
    { "people", 'n', 0, G_OPTION_ARG_INT, &people, "How many coded people (default 100000)", "N" },
    { "list-only", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &list_only,
      "Only open and filter the list of an existing vault (run by the benchmark itself)", "PATH" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || people < 1)
    {
      g_printerr ("bench-records: %s\n", error ? error->message : "--people must be positive");
      return 2;
    }

  if (list_only != NULL)
    return list_phase (list_only);

  tmpdir = g_dir_make_tmp ("sightline-bench-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (tmpdir, "bench.sightline", NULL);
  file = g_file_new_for_path (path);
  pass = sl_secret_new_from_string (PASSPHRASE);
  vault = sl_vault_new (file);
  if (!sl_vault_create_sync (vault, "Benchmark", pass, &cheap, NULL, &error))
    g_error ("%s", error->message);

  {
    const char *a[] = { "reference=CFE-001", NULL };

    sub = sl_values_from_assignments (sl_codebook_lookup_type (sl_vault_get_codebook (vault),
                                                               "submission", NULL), a, NULL);
    submission = sl_vault_add_record (vault, "submission", NULL, sub, &error);
    g_assert_no_error (error);
  }

  rt = sl_codebook_lookup_type (sl_vault_get_codebook (vault), "victim", NULL);
  for (int i = 0; i < people; i++)
    {
      GHashTable *v = person (rt, (guint) i);

      n_values += g_hash_table_size (v);
      g_ptr_array_add (values, v);
      g_ptr_array_add (parents, submission);
    }

  g_print ("Sightline %s: %d coded people, %u values\n", PACKAGE_VERSION, people, n_values);

  /* 1. Through the change log, one transaction. */
  t0 = now ();
  if (!sl_vault_add_records (vault, "victim", parents, values, &ids, NULL, &error))
    g_error ("%s", error->message);
  t_log = now () - t0;

  /* 2. The same values with the same ids, plain: one row per value, one
   * transaction. */
  if (!_sl_vault_exec (vault, "CREATE TABLE plain (record TEXT NOT NULL, field TEXT NOT NULL, "
                              "value TEXT NOT NULL, PRIMARY KEY (record, field)) WITHOUT ROWID",
                       &error))
    g_error ("%s", error->message);
  t0 = now ();
  _sl_vault_lock_db (vault);
  {
    sqlite3 *db = _sl_vault_get_db (vault);
    sqlite3_stmt *stmt = NULL;

    sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
    sqlite3_prepare_v2 (db, "INSERT INTO plain VALUES (?1, ?2, ?3)", -1, &stmt, NULL);
    for (guint i = 0; i < values->len; i++)
      {
        const char *id = g_ptr_array_index (ids, i);
        GHashTableIter iter;
        gpointer key, value;

        g_hash_table_iter_init (&iter, g_ptr_array_index (values, i));
        while (g_hash_table_iter_next (&iter, &key, &value))
          {
            g_autofree char *json = sl_value_to_json (value);

            sqlite3_reset (stmt);
            sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
            sqlite3_bind_text (stmt, 2, key, -1, SQLITE_STATIC);
            sqlite3_bind_text (stmt, 3, json, -1, SQLITE_STATIC);
            if (sqlite3_step (stmt) != SQLITE_DONE)
              g_error ("%s", sqlite3_errmsg (db));
          }
      }
    sqlite3_finalize (stmt);
    sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  }
  _sl_vault_unlock_db (vault);
  t_plain = now () - t0;
  _sl_vault_exec (vault, "DROP TABLE plain", NULL);
  g_ptr_array_set_size (values, 0);

  g_print ("insert through the change log   %7.2f s\n", t_log);
  g_print ("plain SQLCipher insert          %7.2f s\n", t_plain);
  g_print ("ratio                           %7.2f x   (goal <= 3x: %s)\n", t_log / t_plain,
           t_log / t_plain <= 3 ? "met" : "MISSED");

  /* 3 and 4 run in a fresh process, so that its memory is the list's,
   * not the benchmark's own input. */
  sl_vault_lock (vault);
  {
    g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
    const char *child_argv[] = { self, "--list-only", path, NULL };
    g_autofree char *out = NULL;
    int status = 0;

    if (!g_spawn_sync (NULL, (char **) child_argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out,
                       NULL, &status, &error))
      g_error ("%s", error->message);
    g_print ("%s", out);
  }

  sl_vault_lock (vault);
  _sl_remove_tree (tmpdir);
  return 0;
}
