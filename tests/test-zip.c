/* test-zip.c
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

#include <string.h>

#include <glib/gstdio.h>
#include <sodium.h>

#include "sl-test-utils.h"
#include "sl-zip.h"

static guint16
get16 (const guint8 *p)
{
  return (guint16) (p[0] | (p[1] << 8));
}

static guint32
get32 (const guint8 *p)
{
  return (guint32) p[0] | ((guint32) p[1] << 8) | ((guint32) p[2] << 16) | ((guint32) p[3] << 24);
}

static void
test_crc32 (void)
{
  const char *fox = "The quick brown fox jumps over the lazy dog";

  g_assert_cmphex (sl_zip_crc32 ("", 0), ==, 0);
  g_assert_cmphex (sl_zip_crc32 ("123456789", 9), ==, 0xCBF43926);
  g_assert_cmphex (sl_zip_crc32 (fox, strlen (fox)), ==, 0x414FA339);
}

/* The bytes of a one-file archive, field by field (APPNOTE 4.3.7, 4.3.12,
 * 4.3.16). */
static void
test_layout (void)
{
  g_autoptr(GDateTime) when = g_date_time_new_local (2026, 3, 14, 15, 9, 26);
  g_autoptr(SlZipWriter) zip = sl_zip_writer_new (when);
  g_autoptr(GBytes) hi = g_bytes_new_static ("hi\n", 3);
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GError) error = NULL;
  const guint8 *p;
  gsize len = 0;
  const guint8 *end;
  const guint8 *central;

  g_assert_true (sl_zip_writer_add_file (zip, "ŵ.txt", hi, TRUE, &error));
  g_assert_no_error (error);
  out = sl_zip_writer_finish (zip, &error);
  g_assert_no_error (error);
  p = g_bytes_get_data (out, &len);

  /* local header, then the name, then the data, stored (too small to gain) */
  g_assert_cmphex (get32 (p), ==, 0x04034b50);
  g_assert_cmpuint (get16 (p + 4), ==, 20);
  g_assert_cmphex (get16 (p + 6), ==, 0x0800);
  g_assert_cmpuint (get16 (p + 8), ==, 0);
  g_assert_cmphex (get16 (p + 10), ==, (15 << 11) | (9 << 5) | 13);
  g_assert_cmphex (get16 (p + 12), ==, ((2026 - 1980) << 9) | (3 << 5) | 14);
  g_assert_cmphex (get32 (p + 14), ==, sl_zip_crc32 ("hi\n", 3));
  g_assert_cmpuint (get32 (p + 18), ==, 3);
  g_assert_cmpuint (get32 (p + 22), ==, 3);
  g_assert_cmpuint (get16 (p + 26), ==, strlen ("ŵ.txt"));
  g_assert_cmpuint (get16 (p + 28), ==, 0);
  g_assert_cmpmem (p + 30, strlen ("ŵ.txt"), "ŵ.txt", strlen ("ŵ.txt"));
  g_assert_cmpmem (p + 30 + strlen ("ŵ.txt"), 3, "hi\n", 3);

  /* the end record points at the central directory, which points back */
  end = p + len - 22;
  g_assert_cmphex (get32 (end), ==, 0x06054b50);
  g_assert_cmpuint (get16 (end + 8), ==, 1);
  g_assert_cmpuint (get16 (end + 10), ==, 1);
  g_assert_cmpuint (get32 (end + 16) + get32 (end + 12), ==, len - 22);
  central = p + get32 (end + 16);
  g_assert_cmphex (get32 (central), ==, 0x02014b50);
  g_assert_cmphex (get16 (central + 4), ==, (3 << 8) | 20);
  g_assert_cmphex (get16 (central + 8), ==, 0x0800);
  g_assert_cmphex (get32 (central + 16), ==, sl_zip_crc32 ("hi\n", 3));
  g_assert_cmphex (get32 (central + 38) >> 16, ==, 0100600);
  g_assert_cmpuint (get32 (central + 42), ==, 0);
}

static void
test_refused (void)
{
  g_autoptr(SlZipWriter) zip = sl_zip_writer_new (NULL);
  g_autoptr(GBytes) b = g_bytes_new_static ("x", 1);
  const char *bad[] = { "/etc/passwd", "../x", "a/../b", "a//b", "./a", "a\\b", "", "\xff.txt" };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (sl_zip_writer_add_file (zip, bad[i], b, FALSE, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME);
      g_clear_error (&error);
    }
  g_assert_true (sl_zip_writer_add_file (zip, "a", b, FALSE, &error));
  g_assert_no_error (error);
  g_assert_false (sl_zip_writer_add_file (zip, "a", b, FALSE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
}

static GBytes *
random_bytes (gsize n)
{
  guint8 *data = g_malloc (n);

  randombytes_buf (data, n);
  return g_bytes_new_take (data, n);
}

static char *
sha256_hex (GBytes *b)
{
  guchar hash[crypto_hash_sha256_BYTES];
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  gsize len = 0;
  const guchar *data = g_bytes_get_data (b, &len);

  crypto_hash_sha256 (hash, data, len);
  sodium_bin2hex (hex, sizeof hex, hash, sizeof hash);
  return g_strdup (hex);
}

/* Other readers open it: Python's zipfile checks every CRC, and unzip -t. */
static void
test_readers (void)
{
  g_autofree char *dir = sl_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "t.zip", NULL);
  g_autoptr(SlZipWriter) zip = sl_zip_writer_new (NULL);
  g_autoptr(GString) csv = g_string_new (NULL);
  g_autoptr(GBytes) text = NULL;
  g_autoptr(GBytes) noise = random_bytes (20000);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stdout_text = NULL;
  g_autofree char *stderr_text = NULL;
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autofree char *unzip = g_find_program_in_path ("unzip");
  const char *script =
    "import hashlib, sys, zipfile\n"
    "z = zipfile.ZipFile(sys.argv[1])\n"
    "assert z.testzip() is None\n"
    "for i in z.infolist():\n"
    "    print(i.filename, i.flag_bits & 0x800, i.compress_type,\n"
    "          hashlib.sha256(z.read(i)).hexdigest())\n";
  int status = 0;

  for (guint i = 0; i < 5000; i++)
    g_string_append_printf (csv, "V%05u,S0001,2,%u,-1,0,1\r\n", i, 10 + i % 9);
  text = g_string_free_to_bytes (g_steal_pointer (&csv));

  g_assert_true (sl_zip_writer_add_directory (zip, "pack/", &error));
  g_assert_true (sl_zip_writer_add_directory (zip, "pack/data/", &error));
  g_assert_true (sl_zip_writer_add_file (zip, "pack/data/victim.csv", text, TRUE, &error));
  g_assert_true (sl_zip_writer_add_file (zip, "pack/data/noise.bin", noise, TRUE, &error));
  g_assert_true (sl_zip_writer_add_file (zip, "pack/Ffeil ŵ.txt", text, FALSE, &error));
  g_assert_true (sl_zip_writer_add_file (zip, "pack/empty", empty, TRUE, &error));
  g_assert_no_error (error);
  out = sl_zip_writer_finish (zip, &error);
  g_assert_no_error (error);
  /* the text deflated: far smaller than its two copies */
  g_assert_cmpuint (g_bytes_get_size (out), <,
                    g_bytes_get_size (text) + g_bytes_get_size (text) / 4 + 21000);
  g_file_set_contents (path, g_bytes_get_data (out, NULL), (gssize) g_bytes_get_size (out),
                       &error);
  g_assert_no_error (error);

  {
    g_autofree char *h_text = sha256_hex (text);
    g_autofree char *h_noise = sha256_hex (noise);
    g_autofree char *h_empty = sha256_hex (empty);

    g_string_append_printf (expected,
                            "pack/ 2048 0 %s\npack/data/ 2048 0 %s\n"
                            "pack/data/victim.csv 2048 8 %s\npack/data/noise.bin 2048 0 %s\n"
                            "pack/Ffeil ŵ.txt 2048 0 %s\npack/empty 2048 0 %s\n",
                            h_empty, h_empty, h_text, h_noise, h_text, h_empty);
  }
  {
    const char *argv[] = { "python3", "-c", script, path, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &stdout_text,
                  &stderr_text, &status, &error);
    g_assert_no_error (error);
    if (!g_spawn_check_wait_status (status, NULL))
      g_error ("python3 could not read the archive: %s", stderr_text);
    g_assert_cmpstr (stdout_text, ==, expected->str);
  }

  if (unzip != NULL)
    {
      const char *argv[] = { "unzip", "-t", path, NULL };

      g_clear_pointer (&stdout_text, g_free);
      g_clear_pointer (&stderr_text, g_free);
      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &stdout_text,
                    &stderr_text, &status, &error);
      g_assert_no_error (error);
      if (!g_spawn_check_wait_status (status, NULL))
        g_error ("unzip -t failed: %s%s", stdout_text, stderr_text);
      g_assert_nonnull (strstr (stdout_text, "No errors detected"));
    }
  else
    g_test_message ("unzip is not installed: checked with Python alone");
  sl_test_remove_tree (dir);
}

/* Bodies made apart, in other threads, make the archive byte for byte as
 * the writer does on its own: stored, deflated, and empty. */
static gpointer
make_body (gpointer data)
{
  return sl_zip_body_new (data, TRUE);
}

static void
test_bodies (void)
{
  g_autoptr(GDateTime) when = g_date_time_new_local (2026, 3, 14, 15, 9, 26);
  g_autoptr(SlZipWriter) direct = sl_zip_writer_new (when);
  g_autoptr(SlZipWriter) apart = sl_zip_writer_new (when);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GBytes) out1 = NULL;
  g_autoptr(GBytes) out2 = NULL;
  g_autoptr(GError) error = NULL;
  GBytes *contents[3];
  GThread *threads[3];
  const char *names[] = { "a/short.txt", "a/long.csv", "a/empty" };

  for (guint i = 0; i < 2000; i++)
    g_string_append_printf (text, "V%05u,1,0,-9,%u\r\n", i, i % 7);
  contents[0] = g_bytes_new_static ("hi\n", 3);
  contents[1] = g_bytes_new (text->str, text->len);
  contents[2] = g_bytes_new_static ("", 0);

  for (guint i = 0; i < 3; i++)
    threads[i] = g_thread_new ("body", make_body, contents[i]);
  g_assert_true (sl_zip_writer_add_directory (direct, "a/", &error));
  g_assert_true (sl_zip_writer_add_directory (apart, "a/", &error));
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(SlZipBody) body = g_thread_join (threads[i]);

      g_assert_true (sl_zip_writer_add_file (direct, names[i], contents[i], TRUE, &error));
      g_assert_no_error (error);
      g_assert_true (sl_zip_writer_add_body (apart, names[i], body, &error));
      g_assert_no_error (error);
    }
  /* a name taken is refused either way */
  {
    g_autoptr(SlZipBody) again = sl_zip_body_new (contents[0], TRUE);

    g_assert_false (sl_zip_writer_add_body (apart, names[0], again, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
    g_clear_error (&error);
  }
  out1 = sl_zip_writer_finish (direct, &error);
  g_assert_no_error (error);
  out2 = sl_zip_writer_finish (apart, &error);
  g_assert_no_error (error);
  /* the long file was deflated: the archive is smaller than its contents */
  g_assert_cmpuint (g_bytes_get_size (out1), <, text->len);
  g_assert_true (g_bytes_equal (out1, out2));
  for (guint i = 0; i < 3; i++)
    g_bytes_unref (contents[i]);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_assert_cmpint (sodium_init (), >=, 0);

  g_test_add_func ("/sightline/zip/crc32", test_crc32);
  g_test_add_func ("/sightline/zip/layout", test_layout);
  g_test_add_func ("/sightline/zip/bodies", test_bodies);
  g_test_add_func ("/sightline/zip/refused", test_refused);
  g_test_add_func ("/sightline/zip/readers", test_readers);
  return g_test_run ();
}
