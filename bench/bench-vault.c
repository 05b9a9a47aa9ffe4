/* bench-vault.c
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

/* Measures what a person waits for:
 *   - the key derivation alone (Argon2id at the default cost);
 *   - from passphrase to a usable vault (derivation, SQLCipher keying,
 *     first read, pragmas, a query);
 *   - from starting the application to its first page drawn (needs a
 *     display: run under xvfb-run).
 * Prints the median, minimum and maximum of N runs of each. */

#include "config.h"

#include <sodium.h>
#include <stdio.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "sl-vault.h"

#define PASSPHRASE "correct horse battery staple"

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
report (const char *what,
        double     *runs,
        int         n,
        double      goal)
{
  g_autofree char *verdict = NULL;

  qsort (runs, (size_t) n, sizeof *runs, compare_double);
  if (goal > 0)
    verdict = g_strdup_printf (", goal <= %.2f s %s", goal,
                               runs[n / 2] <= goal ? "met" : "MISSED");
  g_print ("%-30s median %6.3f s  min %6.3f s  max %6.3f s  (n=%d%s)\n",
           what, runs[n / 2], runs[0], runs[n - 1], n, verdict ? verdict : "");
}

static double
now (void)
{
  return (double) g_get_monotonic_time () / G_USEC_PER_SEC;
}

static double
time_app_start (const char *app)
{
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) in = NULL;
  g_autofree char *line = NULL;
  double start = now ();
  double end;

  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                           &error, app, "--benchmark-startup", NULL);
  if (proc == NULL)
    g_error ("could not start %s: %s", app, error->message);
  in = g_data_input_stream_new (g_subprocess_get_stdout_pipe (proc));
  line = g_data_input_stream_read_line (in, NULL, NULL, &error);
  end = now ();
  if (line == NULL)
    g_error ("%s printed nothing: is there a display (xvfb-run)?", app);
  g_subprocess_wait (proc, NULL, NULL);
  return end - start;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- time the vault and the app's start");
  g_autoptr(GError) error = NULL;
  g_autofree char *app = NULL;
  g_autofree char *tmpdir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(SlSecret) pass = NULL;
  int runs = 7;
  GOptionEntry entries[] = {
    { "runs", 'n', 0, G_OPTION_ARG_INT, &runs, "Runs of each measure (default 7)", "N" },
    { "app", 0, 0, G_OPTION_ARG_FILENAME, &app, "The sightline executable to time", "PATH" },
    { NULL }
  };
  double *t;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || runs < 1)
    {
      g_printerr ("bench-vault: %s\n", error ? error->message : "--runs must be positive");
      return 2;
    }
  if (sodium_init () < 0)
    return 1;
  t = g_new0 (double, runs);

  g_print ("Sightline %s, %u cores, Argon2id %d passes %d MiB\n", PACKAGE_VERSION,
           g_get_num_processors (), SL_KDF_DEFAULT_OPSLIMIT,
           (int) (SL_KDF_DEFAULT_MEMLIMIT / (1024 * 1024)));

  /* 1. The key derivation alone. */
  for (int i = 0; i < runs; i++)
    {
      guint8 key[32], salt[crypto_pwhash_SALTBYTES] = { 0 };
      double start = now ();

      if (crypto_pwhash (key, sizeof key, PASSPHRASE, strlen (PASSPHRASE), salt,
                         SL_KDF_DEFAULT_OPSLIMIT, SL_KDF_DEFAULT_MEMLIMIT,
                         crypto_pwhash_ALG_ARGON2ID13) != 0)
        g_error ("out of memory");
      t[i] = now () - start;
    }
  report ("key derivation (Argon2id)", t, runs, 0);

  /* 2. Passphrase to a usable vault. */
  tmpdir = g_dir_make_tmp ("sightline-bench-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (tmpdir, "bench.sightline", NULL);
  file = g_file_new_for_path (path);
  pass = sl_secret_new_from_string (PASSPHRASE);
  {
    g_autoptr(SlVault) vault = sl_vault_new (file);

    if (!sl_vault_create_sync (vault, "Benchmark", pass, NULL, NULL, &error))
      g_error ("%s", error->message);
  }
  for (int i = 0; i < runs; i++)
    {
      g_autoptr(SlVault) vault = sl_vault_new (file);
      g_autofree char *title = NULL;
      double start = now ();

      if (!sl_vault_unlock_sync (vault, pass, NULL, &error) ||
          !(title = sl_vault_dup_title (vault, &error)))
        g_error ("%s", error->message);
      t[i] = now () - start;
    }
  report ("passphrase to usable vault", t, runs, 1.5);

  /* 3. Application start to first page drawn. */
  if (app != NULL)
    {
      time_app_start (app);   /* warm the page cache */
      for (int i = 0; i < runs; i++)
        t[i] = time_app_start (app);
      report ("launch to unlock page", t, runs, 0.4);
    }

  {
    g_autofree char *db = g_build_filename (path, "vault.db", NULL);
    g_autofree char *keys = g_build_filename (path, "keys.json", NULL);

    g_unlink (db);
    g_unlink (keys);
    g_rmdir (path);
    g_rmdir (tmpdir);
  }
  g_free (t);
  return 0;
}
