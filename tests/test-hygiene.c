/* test-hygiene.c
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

/* Memory hygiene: once a vault is locked, neither its passphrase nor its
 * key is anywhere in the process's memory; and no core dump can carry
 * them off while it is open.
 *
 * The test reads its own memory through /proc/self/mem. It never holds a
 * plain copy of what it looks for: the passphrase and the text are made
 * from random letters straight into the places they are used, and the
 * test keeps them, and the key, only XOR a mask. */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

#include "sl-test-utils.h"
#include "sl-record.h"
#include "sl-vault-private.h"

#define MASK 0xa5
#define CHUNK (1 << 20)

typedef struct
{
  guint8 bytes[128];
  gsize  len;
} Needle;

typedef struct
{
  guint8 *buf;     /* where /proc/self/mem is read into: not scanned */
  gsize   scanned;
} Scanner;

/* Random lower-case letters, written at @out and kept masked in @needle. */
static void
random_letters (char   *out,
                gsize   len,
                Needle *needle)
{
  g_assert_cmpuint (len, <=, sizeof needle->bytes);
  for (gsize i = 0; i < len; i++)
    {
      out[i] = (char) ('a' + randombytes_uniform (26));
      needle->bytes[i] = (guint8) out[i] ^ MASK;
    }
  needle->len = len;
}

static gsize
count_in (const guint8 *hay,
          gsize         len,
          const Needle *needle)
{
  guint8 first = needle->bytes[0] ^ MASK;
  gsize hits = 0;

  for (const guint8 *p = hay; len >= needle->len && (p = memchr (p, first, len - needle->len + 1));)
    {
      gsize j = 1;

      while (j < needle->len && (p[j] ^ MASK) == needle->bytes[j])
        j++;
      if (j == needle->len)
        hits++;
      p++;
      len = (gsize) (hay + len - p);
      hay = p;
    }
  return hits;
}

/* Counts, for each needle, where it occurs in every readable mapping of
 * this process. Mappings of more than 1 GiB are AddressSanitizer's shadow
 * and reserve, which hold no program data. */
static void
scan_memory (Scanner      *scanner,
             const Needle *needles,
             gsize        *hits,
             guint         n_needles)
{
  g_autofree char *maps = NULL;
  g_auto(GStrv) lines = NULL;
  int fd;

  g_assert_true (g_file_get_contents ("/proc/self/maps", &maps, NULL, NULL));
  fd = open ("/proc/self/mem", O_RDONLY | O_CLOEXEC);
  g_assert_cmpint (fd, >=, 0);
  memset (hits, 0, n_needles * sizeof *hits);
  scanner->scanned = 0;

  lines = g_strsplit (maps, "\n", -1);
  for (guint l = 0; lines[l] && lines[l][0]; l++)
    {
      guint64 start, end;
      char perms[5] = { 0 };
      guint64 at;

      if (sscanf (lines[l], "%" G_GINT64_MODIFIER "x-%" G_GINT64_MODIFIER "x %4s",
                  &start, &end, perms) != 3)
        continue;
      if (perms[0] != 'r' || end - start > (G_GUINT64_CONSTANT (1) << 30) ||
          strstr (lines[l], "[vvar]") || strstr (lines[l], "[vsyscall]") ||
          (start <= (guint64) (guintptr) scanner->buf &&
           (guint64) (guintptr) scanner->buf < end))
        continue;

      for (at = start; at < end;)
        {
          gsize want = (gsize) MIN ((guint64) CHUNK, end - at);
          ssize_t got = pread (fd, scanner->buf, want, (off_t) at);
          gsize step;

          if (got <= 0)
            break;   /* a guard page, or a mapping gone since */
          scanner->scanned += (gsize) got;
          /* The next chunk starts 127 bytes back, so that a needle across
           * the boundary is seen whole; here count only the needles that
           * start before it. */
          step = (gsize) got > 127 && at + (guint64) got < end ? (gsize) got - 127 : (gsize) got;
          for (guint n = 0; n < n_needles; n++)
            hits[n] += count_in (scanner->buf, MIN ((gsize) got, step + needles[n].len - 1),
                                 &needles[n]);
          at += step;
        }
    }
  close (fd);
}

enum { PASSPHRASE, KEY, KEY_HEX, TEXT, N_NEEDLES };

static const char *needle_names[] = { "passphrase", "key", "key as hex", "a record's text" };

static void
test_nothing_left_after_lock (void)
{
  g_autofree char *tmpdir = sl_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (tmpdir, "hygiene", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(SlVault) vault = sl_vault_new (file);
  g_autoptr(GError) error = NULL;
  SlKdfParams params = sl_test_kdf_params ();
  Needle needles[N_NEEDLES];
  gsize hits[N_NEEDLES];
  guint8 key[64];
  gsize key_len;
  Scanner scanner = { 0 };
  g_autofree char *id = NULL;

  if (access ("/proc/self/mem", R_OK) != 0)
    {
      g_test_skip ("/proc/self/mem cannot be read here");
      return;
    }
  scanner.buf = mmap (NULL, CHUNK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  g_assert_true (scanner.buf != MAP_FAILED);

  /* Create, write a record, lock. */
  {
    g_autoptr(SlSecret) pass = sl_secret_new (40);
    g_autoptr(GHashTable) values = NULL;
    SlRecordType *type;
    char *p = (char *) sl_secret_get_data (pass);
    char ref[32] = "reference=";

    memcpy (p, "hygiene ", 8);
    random_letters (p + 8, 32, &needles[PASSPHRASE]);
    memmove (needles[PASSPHRASE].bytes + 8, needles[PASSPHRASE].bytes, 32);
    for (guint i = 0; i < 8; i++)
      needles[PASSPHRASE].bytes[i] = (guint8) p[i] ^ MASK;
    needles[PASSPHRASE].len = 40;

    sl_vault_create_sync (vault, NULL, pass, &params, NULL, &error);
    g_assert_no_error (error);

    random_letters (ref + 10, 20, &needles[TEXT]);
    {
      const char *a[] = { ref, NULL };

      type = sl_codebook_lookup_type (sl_vault_get_codebook (vault), "site_visit", NULL);
      values = sl_values_from_assignments (type, a, &error);
      g_assert_no_error (error);
    }
    sodium_memzero (ref, sizeof ref);
    id = sl_vault_add_record (vault, "site_visit", NULL, values, &error);
    g_assert_no_error (error);
    g_clear_pointer (&values, g_hash_table_unref);

    key_len = _sl_vault_copy_key_masked (vault, MASK, key, sizeof key);
    g_assert_cmpuint (key_len, ==, 32);
    memcpy (needles[KEY].bytes, key, key_len);
    needles[KEY].len = key_len;
    for (gsize i = 0; i < key_len; i++)
      {
        static const char hex[] = "0123456789abcdef";
        guint8 b = key[i] ^ MASK;

        needles[KEY_HEX].bytes[2 * i] = (guint8) hex[b >> 4] ^ MASK;
        needles[KEY_HEX].bytes[2 * i + 1] = (guint8) hex[b & 15] ^ MASK;
      }
    needles[KEY_HEX].len = 2 * key_len;

    /* The scanner finds what is there: the passphrase is held here, the
     * key by the open database. */
    scan_memory (&scanner, needles, hits, N_NEEDLES);
    g_test_message ("unlocked: %zu bytes scanned; passphrase %zu, key %zu, key as hex %zu, "
                    "text %zu", scanner.scanned, hits[PASSPHRASE], hits[KEY], hits[KEY_HEX],
                    hits[TEXT]);
    g_assert_cmpuint (hits[PASSPHRASE], >=, 1);
    g_assert_cmpuint (hits[KEY], >=, 1);

    sl_vault_lock (vault);
  }

  /* Unlock again (the key derivation and unwrapping path), read, lock. */
  {
    g_autoptr(SlSecret) pass = sl_secret_new (needles[PASSPHRASE].len);
    guint8 *p = sl_secret_get_data (pass);
    g_autoptr(SlRecord) record = NULL;

    for (gsize i = 0; i < needles[PASSPHRASE].len; i++)
      p[i] = needles[PASSPHRASE].bytes[i] ^ MASK;
    sl_vault_unlock_sync (vault, pass, NULL, &error);
    g_assert_no_error (error);
    record = sl_vault_load_record (vault, id, &error);
    g_assert_no_error (error);
    g_assert_nonnull (record);
    g_clear_object (&record);
    sl_vault_lock (vault);
  }
  g_assert_cmpuint (_sl_vault_copy_key_masked (vault, MASK, key, sizeof key), ==, 0);

  scan_memory (&scanner, needles, hits, N_NEEDLES);
  g_test_message ("locked: %zu bytes scanned; passphrase %zu, key %zu, key as hex %zu, text %zu",
                  scanner.scanned, hits[PASSPHRASE], hits[KEY], hits[KEY_HEX], hits[TEXT]);
  /* Text read from the vault stays in memory the allocator freed until it
   * is reused: SQLite's page cache and GLib do not wipe what they free.
   * It is counted above; the passphrase and the key must be gone. */
  for (guint n = 0; n < TEXT; n++)
    if (hits[n] != 0)
      g_error ("after lock, the %s is still in memory %zu time%s", needle_names[n], hits[n],
               hits[n] == 1 ? "" : "s");
  g_assert_cmpuint (scanner.scanned, >, 1 << 20);

  munmap (scanner.buf, CHUNK);
  g_clear_object (&vault);
  sl_test_remove_tree (tmpdir);
}

/* The CLI takes core dumps away from itself before it reads a passphrase:
 * started with them allowed, it is seen, while it waits for the
 * passphrase, with a core size limit of 0. */
static void
test_cli_no_core_dumps (void)
{
  const char *cli = g_getenv ("SIGHTLINE_CLI");
  struct rlimit allowed;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tmpdir = sl_test_make_tmpdir ();
  g_autofree char *limits_path = NULL;
  g_autofree char *vault_path = NULL;
  g_autoptr(SlVault) vault = NULL;
  gboolean no_core = FALSE;

  g_assert_nonnull (cli);
  g_assert_cmpint (getrlimit (RLIMIT_CORE, &allowed), ==, 0);
  if (allowed.rlim_max == 0)
    {
      g_test_skip ("core dumps are forbidden here already, so nothing would change");
      return;
    }
  allowed.rlim_cur = allowed.rlim_max;
  g_assert_cmpint (setrlimit (RLIMIT_CORE, &allowed), ==, 0);

  /* a real vault, so that the CLI waits for its passphrase: a folder that
   * is none is refused at once, and the process could be gone before its
   * limits are read */
  vault = sl_test_create_vault (tmpdir, "cores.sightline", SL_TEST_PASSPHRASE);
  vault_path = g_build_filename (tmpdir, "cores.sightline", NULL);
  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                           G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                           cli, "check", vault_path, "--passphrase-fd", "0", NULL);
  g_assert_no_error (error);
  limits_path = g_strdup_printf ("/proc/%s/limits", g_subprocess_get_identifier (proc));
  for (guint tries = 0; tries < 200 && !no_core; tries++)
    {
      g_autofree char *limits = NULL;
      g_auto(GStrv) lines = NULL;

      g_usleep (25000);
      if (!g_file_get_contents (limits_path, &limits, NULL, NULL))
        break;
      lines = g_strsplit (limits, "\n", -1);
      for (guint i = 0; lines[i]; i++)
        if (g_str_has_prefix (lines[i], "Max core file size"))
          {
            g_auto(GStrv) words = g_strsplit_set (lines[i] + strlen ("Max core file size"),
                                                  " ", -1);
            guint w = 0;

            while (words[w] && !*words[w])
              w++;
            no_core = words[w] && g_str_equal (words[w], "0");
          }
    }
  g_subprocess_force_exit (proc);
  g_subprocess_wait (proc, NULL, NULL);
  g_clear_object (&vault);
  sl_test_remove_tree (tmpdir);
  g_assert_true (no_core);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (sodium_init (), >=, 0);
  g_test_add_func ("/hygiene/nothing-left-after-lock", test_nothing_left_after_lock);
  g_test_add_func ("/hygiene/cli-no-core-dumps", test_cli_no_core_dumps);
  return g_test_run ();
}
