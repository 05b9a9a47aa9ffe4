/* sl-test-utils.c
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

#include <gio/gunixoutputstream.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <unistd.h>
#include <string.h>

#include "sl-record.h"
#include "sl-test-utils.h"
#include "sl-vault-private.h"

SlKdfParams
sl_test_kdf_params (void)
{
  return (SlKdfParams) { 1, 8 * 1024 * 1024 };
}

char *
sl_test_make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("sightline-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
sl_test_remove_tree (const char *dir)
{
  _sl_remove_tree (dir);
}

static void
snapshot_into (GHashTable *table,
               const char *root,
               const char *rel)
{
  g_autofree char *dir = rel ? g_build_filename (root, rel, NULL) : g_strdup (root);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *key = rel ? g_build_filename (rel, name, NULL) : g_strdup (name);
      char *contents = NULL;
      gsize len = 0;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          g_hash_table_insert (table, g_strconcat (key, "/", NULL), g_bytes_new (NULL, 0));
          snapshot_into (table, root, key);
          continue;
        }
      g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
      g_hash_table_insert (table, g_steal_pointer (&key), g_bytes_new_take (contents, len));
    }
}

/* Every file under @dir (recursively) and its bytes. */
GHashTable *
sl_test_snapshot (const char *dir)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify) g_bytes_unref);

  snapshot_into (table, dir, NULL);
  return table;
}

void
sl_test_assert_snapshot_equal (GHashTable *before,
                               GHashTable *after)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, before);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GBytes *now = g_hash_table_lookup (after, key);

      if (now == NULL)
        g_error ("%s disappeared", (char *) key);
      if (!g_bytes_equal (value, now))
        g_error ("%s changed", (char *) key);
    }
  g_hash_table_iter_init (&iter, after);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (before, key))
      g_error ("%s appeared", (char *) key);
}

/* Searches the raw bytes of every file under @dir. */
gboolean
sl_test_dir_contains (const char  *dir,
                      const void  *needle,
                      gsize        len,
                      char       **where)
{
  g_autoptr(GHashTable) snap = sl_test_snapshot (dir);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, snap);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gsize size = 0;
      const guint8 *data = g_bytes_get_data (value, &size);

      if (size >= len && memmem (data, size, needle, len) != NULL)
        {
          if (where)
            *where = g_strdup (key);
          return TRUE;
        }
    }
  return FALSE;
}

SlSecret *
sl_test_secret (const char *text)
{
  return sl_secret_new_from_string (text);
}

/* Creates dir/name and leaves it unlocked. */
SlVault *
sl_test_create_vault (const char *dir,
                      const char *name,
                      const char *passphrase)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(SlSecret) secret = sl_test_secret (passphrase);
  g_autoptr(GError) error = NULL;
  SlKdfParams params = sl_test_kdf_params ();
  SlVault *vault = sl_vault_new (file);

  sl_vault_create_sync (vault, "Test inquiry", secret, &params, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (sl_vault_get_locked (vault));
  return vault;
}

/* Runs sightline-cli (path from $SIGHTLINE_CLI) with the arguments given,
 * feeding @stdin_text; returns the exit status. */
int
sl_test_run_cli (const char  *stdin_text,
                 char       **out,
                 char       **err,
                 ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *o = NULL;
  g_autofree char *e = NULL;
  const char *cli = g_getenv ("SIGHTLINE_CLI");
  const char *arg;
  va_list args;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  va_start (args, err);
  while ((arg = va_arg (args, const char *)))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  {
    g_autoptr(GSubprocessLauncher) launcher =
      g_subprocess_launcher_new ((stdin_text ? G_SUBPROCESS_FLAGS_STDIN_PIPE : 0) |
                                 G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);

    /* Commands given no input read an empty file, as in CI. */
    if (stdin_text == NULL)
      g_subprocess_launcher_set_stdin_file_path (launcher, "/dev/null");
    proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  }
  g_assert_no_error (error);
  if (stdin_text != NULL)
    {
      /* Written straight to the pipe: a command may exit without reading
       * it all, and then the pipe is simply closed. */
      int fd = g_unix_output_stream_get_fd (G_UNIX_OUTPUT_STREAM (g_subprocess_get_stdin_pipe (proc)));
      gsize len = strlen (stdin_text);
      gsize done = 0;

      signal (SIGPIPE, SIG_IGN);
      while (done < len)
        {
          ssize_t n = write (fd, stdin_text + done, len - done);

          if (n <= 0)
            break;
          done += (gsize) n;
        }
    }
  /* communicate() closes the pipe, with nothing more to write. */
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &o, &e, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));
  if (out)
    *out = g_steal_pointer (&o);
  if (err)
    *err = g_steal_pointer (&e);
  return g_subprocess_get_exit_status (proc);
}

/* G_TEST_OPTION_ISOLATE_DIRS hides the MIME database, without which
 * gdk-pixbuf recognises no SVG icon (and GTK's warning is fatal in tests).
 * Call before g_test_init(). */
void
sl_test_use_system_mime_dirs (void)
{
  const char * const *data_dirs = g_get_system_data_dirs ();
  g_autoptr(GPtrArray) mime_dirs = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; data_dirs[i] != NULL; i++)
    g_ptr_array_add (mime_dirs, g_build_filename (data_dirs[i], "mime", NULL));
  g_ptr_array_add (mime_dirs, NULL);
  g_content_type_set_mime_dirs ((const char * const *) mime_dirs->pdata);
}

/* Adds a record of @type under @parent from "field=value" @assignments,
 * asserting that it goes in; returns its id. */
char *
sl_test_add_record (SlVault            *vault,
                    const char         *type,
                    const char         *parent,
                    const char * const *assignments)
{
  SlRecordType *rt = sl_codebook_lookup_type (sl_vault_get_codebook (vault), type, NULL);
  g_autoptr(GHashTable) values = NULL;
  g_autoptr(GError) error = NULL;
  char *id;

  values = sl_values_from_assignments (rt, assignments, &error);
  g_assert_no_error (error);
  id = sl_vault_add_record (vault, type, parent, values, &error);
  g_assert_no_error (error);
  return id;
}
