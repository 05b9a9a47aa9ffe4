/* test-cli.c
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

#include <string.h>
#include <unistd.h>

#include "sl-age.h"
#include "sl-test-utils.h"
#include "sl-vault-private.h"

#define PASS SL_TEST_PASSPHRASE "\n"
#define PASS2 SL_TEST_PASSPHRASE_2 "\n"
#define CHEAP "--kdf-memory", "8", "--kdf-passes", "1"

typedef struct
{
  char *tmpdir;
  char *path;
} CliFixture;

static void
cli_setup (CliFixture    *fx,
           gconstpointer  data)
{
  g_autofree char *err = NULL;
  int rc;

  fx->tmpdir = sl_test_make_tmpdir ();
  fx->path = g_build_filename (fx->tmpdir, "csegg.sightline", NULL);
  rc = sl_test_run_cli (PASS, NULL, &err, "create", fx->path, "--new-passphrase-fd", "0",
                        "--title", "CSEGG inquiry", CHEAP, NULL);
  g_assert_cmpint (rc, ==, 0);
}

static void
cli_teardown (CliFixture    *fx,
              gconstpointer  data)
{
  sl_test_remove_tree (fx->tmpdir);
  g_free (fx->path);
  g_free (fx->tmpdir);
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (haystack == NULL || strstr (haystack, needle) == NULL)
    g_error ("expected '%s' in: %s", needle, haystack ? haystack : "(null)");
}

static void
test_create_and_info (CliFixture    *fx,
                      gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int rc;

  rc = sl_test_run_cli (PASS, &out, &err, "info", fx->path, "--passphrase-fd", "0", NULL);
  g_assert_cmpint (rc, ==, 0);
  assert_contains (out, "Title:           CSEGG inquiry");
  assert_contains (out, "Schema version:  " G_STRINGIFY (SL_VAULT_SCHEMA_VERSION));
  assert_contains (out, "Cipher:          SQLCipher 3.");
  assert_contains (out, "Argon2id, 8 MiB, 1 pass");
  /* No secret appears: not the passphrase, not a key. */
  g_assert_null (strstr (out, SL_TEST_PASSPHRASE));
  g_assert_null (strstr (out, "wrapped"));
  g_clear_pointer (&out, g_free);

  /* Without the passphrase, what the key file tells. */
  rc = sl_test_run_cli (NULL, &out, NULL, "info", fx->path, "--locked", NULL);
  g_assert_cmpint (rc, ==, 0);
  assert_contains (out, "Schema version:  (locked");
  assert_contains (out, "Key slots:       1");
}

static void
test_wrong_passphrase (CliFixture    *fx,
                       gconstpointer  data)
{
  g_autoptr(GHashTable) before = sl_test_snapshot (fx->tmpdir);
  g_autoptr(GHashTable) after = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int rc;

  rc = sl_test_run_cli ("not the passphrase\n", &out, &err, "info", fx->path,
                        "--passphrase-fd", "0", NULL);
  g_assert_cmpint (rc, ==, 1);
  g_assert_true (g_str_has_prefix (err, "sightline: The passphrase is wrong"));
  g_assert_cmpstr (out, ==, "");
  after = sl_test_snapshot (fx->tmpdir);
  sl_test_assert_snapshot_equal (before, after);
}

static void
test_passwd (CliFixture    *fx,
             gconstpointer  data)
{
  g_autofree char *err = NULL;
  g_autofree char *weak_err = NULL;
  int rc;

  /* A weak new passphrase is refused with the reason, and nothing changes. */
  rc = sl_test_run_cli (PASS "secret\n", NULL, &weak_err, "passwd", fx->path,
                        "--passphrase-fd", "0", "--new-passphrase-fd", "0", CHEAP, NULL);
  g_assert_cmpint (rc, ==, 1);
  assert_contains (weak_err, "too weak");
  rc = sl_test_run_cli (PASS, NULL, NULL, "check", fx->path, "--passphrase-fd", "0", NULL);
  g_assert_cmpint (rc, ==, 0);

  rc = sl_test_run_cli (PASS PASS2, NULL, &err, "passwd", fx->path, "--passphrase-fd", "0",
                        "--new-passphrase-fd", "0", CHEAP, NULL);
  g_assert_cmpint (rc, ==, 0);
  rc = sl_test_run_cli (PASS, NULL, NULL, "check", fx->path, "--passphrase-fd", "0", NULL);
  g_assert_cmpint (rc, ==, 1);
  rc = sl_test_run_cli (PASS2, NULL, NULL, "check", fx->path, "--passphrase-fd", "0", NULL);
  g_assert_cmpint (rc, ==, 0);
}

static void
test_slots_and_recovery (CliFixture    *fx,
                         gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *key_line = NULL;
  g_autofree char *in = NULL;
  g_auto(GStrv) lines = NULL;
  int rc;

  rc = sl_test_run_cli (PASS PASS2, &out, NULL, "slot", "add", fx->path, "--passphrase-fd", "0",
                        "--new-passphrase-fd", "0", CHEAP, NULL);
  g_assert_cmpint (rc, ==, 0);
  assert_contains (out, "key slot 1");
  g_clear_pointer (&out, g_free);

  rc = sl_test_run_cli (PASS2, &out, NULL, "recovery-key", fx->path, "--passphrase-fd", "0",
                        NULL);
  g_assert_cmpint (rc, ==, 0);
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      g_autofree char *t = g_strstrip (g_strdup (lines[i]));

      if (strlen (t) == 69 && t[4] == '-')
        key_line = g_steal_pointer (&t);
    }
  g_assert_nonnull (key_line);

  /* Forgotten passphrases: reset slot 0 with the recovery key. */
  in = g_strdup_printf ("%s\n%s", key_line, "marble orchestra quietly folding\n");
  rc = sl_test_run_cli (in, NULL, &err, "passwd", fx->path, "--recovery-key-fd", "0",
                        "--new-passphrase-fd", "0", CHEAP, NULL);
  g_assert_cmpint (rc, ==, 0);
  rc = sl_test_run_cli ("marble orchestra quietly folding\n", NULL, NULL, "check", fx->path,
                        "--passphrase-fd", "0", NULL);
  g_assert_cmpint (rc, ==, 0);
  rc = sl_test_run_cli (PASS, NULL, NULL, "check", fx->path, "--passphrase-fd", "0", NULL);
  g_assert_cmpint (rc, ==, 1);

  /* Remove slot 1; its passphrase fails; the last passphrase stays. */
  rc = sl_test_run_cli (PASS2, NULL, NULL, "slot", "remove", fx->path, "1",
                        "--passphrase-fd", "0", NULL);
  g_assert_cmpint (rc, ==, 0);
  rc = sl_test_run_cli (PASS2, NULL, NULL, "check", fx->path, "--passphrase-fd", "0", NULL);
  g_assert_cmpint (rc, ==, 1);
  g_clear_pointer (&err, g_free);
  rc = sl_test_run_cli ("marble orchestra quietly folding\n", NULL, &err, "slot", "remove",
                        fx->path, "0", "--passphrase-fd", "0", NULL);
  g_assert_cmpint (rc, ==, 1);
  assert_contains (err, "only passphrase");
}

static void
test_check_detects_damage (CliFixture    *fx,
                           gconstpointer  data)
{
  g_autofree char *db = g_build_filename (fx->path, SL_VAULT_DB_NAME, NULL);
  g_autofree char *contents = NULL;
  g_autofree char *err = NULL;
  gsize len;
  int rc;

  g_assert_true (g_file_get_contents (db, &contents, &len, NULL));
  g_assert_cmpuint (len, >=, 2048);
  /* in the middle of the last page (its last bytes are unused padding) */
  contents[len - 600] ^= 0x40;
  g_assert_true (g_file_set_contents (db, contents, (gssize) len, NULL));

  rc = sl_test_run_cli (PASS, NULL, &err, "check", fx->path, "--passphrase-fd", "0", NULL);
  g_assert_cmpint (rc, ==, 1);
  assert_contains (err, "sightline: ");
  assert_contains (err, "backup");
}


static char *
first_line (const char *text)
{
  const char *nl = strchr (text, '\n');

  return nl ? g_strndup (text, (gsize) (nl - text)) : g_strdup (text);
}

static void
test_records (CliFixture    *fx,
              gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *sub = NULL;
  g_autofree char *victim = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *csv_path = g_build_filename (fx->tmpdir, "victims.csv", NULL);
  g_autofree char *bad_path = g_build_filename (fx->tmpdir, "bad.csv", NULL);
  g_autofree char *bad = NULL;
  int rc;

  rc = sl_test_run_cli (PASS, &out, &err, "record", "add", fx->path, "submission",
                        "reference=CFE-001", "organisation_name=Northshire Police",
                        "organisation_type=Police", "date_received=14 May 2011",
                        "within_window=yes", "--passphrase-fd", "0", "--author", "Ann Clerk",
                        NULL);
  g_assert_cmpint (rc, ==, 0);
  sub = first_line (out);
  g_assert_true (g_uuid_string_is_valid (sub));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A bad value: the field and what to write, exit 1, nothing added. */
  rc = sl_test_run_cli (PASS, NULL, &err, "record", "add", fx->path, "victim", "age=200",
                        "--parent", sub, "--passphrase-fd", "0", NULL);
  g_assert_cmpint (rc, ==, 1);
  assert_contains (err, "sightline: age: 200 is out of range");
  g_clear_pointer (&err, g_free);

  rc = sl_test_run_cli (PASS, &out, NULL, "record", "add", fx->path, "victim", "label=Victim 1",
                        "age=14", "gender=female", "disability=learning_disability; autistic_spectrum",
                        "missing=unknown", "--parent", sub, "--passphrase-fd", "0", NULL);
  g_assert_cmpint (rc, ==, 0);
  victim = first_line (out);
  g_clear_pointer (&out, g_free);

  /* Edit by a shortened id; show; history names the author. */
  {
    g_autofree char *prefix = g_strndup (victim, 8);

    rc = sl_test_run_cli (PASS, NULL, NULL, "record", "edit", fx->path, prefix, "age=15",
                          "--passphrase-fd", "0", "--author", "Bo Panel", NULL);
    g_assert_cmpint (rc, ==, 0);
  }
  rc = sl_test_run_cli (PASS, &out, NULL, "record", "show", fx->path, victim, "--passphrase-fd",
                        "0", NULL);
  g_assert_cmpint (rc, ==, 0);
  assert_contains (out, "Victim 1");
  assert_contains (out, "15");
  assert_contains (out, "Unknown");
  g_clear_pointer (&out, g_free);
  rc = sl_test_run_cli (PASS, &out, NULL, "record", "history", fx->path, victim,
                        "--passphrase-fd", "0", NULL);
  g_assert_cmpint (rc, ==, 0);
  assert_contains (out, "Bo Panel");
  assert_contains (out, "set Age to 15");
  g_clear_pointer (&out, g_free);

  /* CSV out, and back in: the same values. */
  rc = sl_test_run_cli (PASS, &csv, NULL, "record", "list", fx->path, "victim", "--format", "csv",
                        "--passphrase-fd", "0", NULL);
  g_assert_cmpint (rc, ==, 0);
  assert_contains (csv, "Victim 1");
  g_assert_true (g_file_set_contents (csv_path, csv, -1, NULL));
  {
    /* the exported id column is not a field: drop it on import */
    g_auto(GStrv) lines = g_strsplit (csv, "\r\n", -1);
    g_autoptr(GString) again = g_string_new (NULL);

    for (guint i = 0; lines[i] && *lines[i]; i++)
      g_string_append_printf (again, "%s\r\n", strchr (lines[i], ',') + 1);
    g_assert_true (g_file_set_contents (csv_path, again->str, -1, NULL));
  }
  rc = sl_test_run_cli (PASS, &out, &err, "import", fx->path, "victim", csv_path,
                        "--passphrase-fd", "0", NULL);
  if (rc != 0)
    g_error ("import failed: %s", err);
  assert_contains (out, "Imported 1 record");
  g_clear_pointer (&out, g_free);

  /* A bad file: every bad row listed, exit 1, nothing imported. */
  bad = g_strdup_printf ("parent,label,age\n%s,Victim 2,14\n%s,Victim 3,eleven\n", sub, sub);
  g_assert_true (g_file_set_contents (bad_path, bad, -1, NULL));
  g_clear_pointer (&err, g_free);
  rc = sl_test_run_cli (PASS, NULL, &err, "import", fx->path, "victim", bad_path,
                        "--passphrase-fd", "0", NULL);
  g_assert_cmpint (rc, ==, 1);
  assert_contains (err, "row 3, column age");
  rc = sl_test_run_cli (PASS, &out, NULL, "record", "list", fx->path, "victim",
                        "--passphrase-fd", "0", NULL);
  g_assert_null (strstr (out, "Victim 2"));
  g_clear_pointer (&out, g_free);

  /* Delete, undelete, and the log is intact. */
  rc = sl_test_run_cli (PASS, NULL, NULL, "record", "delete", fx->path, victim,
                        "--passphrase-fd", "0", NULL);
  g_assert_cmpint (rc, ==, 0);
  rc = sl_test_run_cli (PASS, NULL, NULL, "record", "undelete", fx->path, victim,
                        "--passphrase-fd", "0", NULL);
  g_assert_cmpint (rc, ==, 0);
  rc = sl_test_run_cli (PASS, &out, NULL, "audit", fx->path, "--passphrase-fd", "0", NULL);
  g_assert_cmpint (rc, ==, 0);
  assert_contains (out, "intact");
  g_clear_pointer (&out, g_free);

  /* JSON output holds stored values. */
  rc = sl_test_run_cli (PASS, &out, NULL, "record", "list", fx->path, "victim", "--format",
                        "json", "--passphrase-fd", "0", NULL);
  g_assert_cmpint (rc, ==, 0);
  assert_contains (out, "\"missing\" : \"unknown\"");
}

/* Two vaults meet through the commands a script would use. */
static void
test_sync (CliFixture    *fx,
           gconstpointer  data)
{
  g_autofree char *office = g_build_filename (fx->tmpdir, "office.sightline", NULL);
  g_autofree char *card_l = g_build_filename (fx->tmpdir, "laptop.card", NULL);
  g_autofree char *card_o = g_build_filename (fx->tmpdir, "office.card", NULL);
  g_autofree char *bundle = g_build_filename (fx->tmpdir, "to-office.slbundle", NULL);
  g_autofree char *key = g_build_filename (fx->tmpdir, "office.key", NULL);
  g_autofree char *plain = g_build_filename (fx->tmpdir, "plain.txt", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *office_id = NULL;
  g_autofree char *sub = NULL;
  int rc;

  g_assert_cmpint (sl_test_run_cli (PASS, NULL, NULL, "create", office, "--new-passphrase-fd",
                                    "0", CHEAP, NULL), ==, 0);
  g_assert_cmpint (sl_test_run_cli (PASS, &out, NULL, "identity", fx->path, "--name", "Laptop",
                                    "--passphrase-fd", "0", NULL), ==, 0);
  g_assert_true (g_file_set_contents (card_l, out, -1, NULL));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (sl_test_run_cli (PASS, &out, NULL, "identity", office, "--name", "Office",
                                    "--passphrase-fd", "0", NULL), ==, 0);
  g_assert_true (g_file_set_contents (card_o, out, -1, NULL));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (sl_test_run_cli (PASS, NULL, NULL, "peer", "add", fx->path, card_o,
                                    "--passphrase-fd", "0", NULL), ==, 0);
  g_assert_cmpint (sl_test_run_cli (PASS, NULL, NULL, "peer", "add", office, card_l,
                                    "--passphrase-fd", "0", NULL), ==, 0);
  g_assert_cmpint (sl_test_run_cli (PASS, &out, NULL, "peer", "list", fx->path,
                                    "--passphrase-fd", "0", NULL), ==, 0);
  office_id = g_strndup (out, 16);
  g_clear_pointer (&out, g_free);

  rc = sl_test_run_cli (PASS, &out, NULL, "record", "add", fx->path, "submission",
                        "reference=CFE-020", "--passphrase-fd", "0", NULL);
  g_assert_cmpint (rc, ==, 0);
  sub = first_line (out);
  g_clear_pointer (&out, g_free);

  /* Usage: the peer and the file are named. */
  rc = sl_test_run_cli (PASS, NULL, &err, "bundle", "export", fx->path, "--passphrase-fd", "0",
                        NULL);
  g_assert_cmpint (rc, ==, 2);
  assert_contains (err, "--to PEER_ID");
  g_clear_pointer (&err, g_free);

  rc = sl_test_run_cli (PASS, &out, NULL, "bundle", "export", fx->path, "--to", office_id, "-o",
                        bundle, "--passphrase-fd", "0", NULL);
  g_assert_cmpint (rc, ==, 0);
  assert_contains (out, "Wrote 1 change for Office");
  g_clear_pointer (&out, g_free);

  /* A dry run says what would change, and changes nothing. */
  rc = sl_test_run_cli (PASS, &out, NULL, "bundle", "import", office, bundle, "--dry-run",
                        "--passphrase-fd", "0", NULL);
  g_assert_cmpint (rc, ==, 0);
  assert_contains (out, "Would import the bundle from");
  assert_contains (out, "Nothing was changed (--dry-run)");
  g_clear_pointer (&out, g_free);
  rc = sl_test_run_cli (PASS, NULL, &err, "record", "show", office, sub, "--passphrase-fd", "0",
                        NULL);
  g_assert_cmpint (rc, ==, 1);
  g_clear_pointer (&err, g_free);

  rc = sl_test_run_cli (PASS, &out, NULL, "bundle", "import", office, bundle, "--passphrase-fd",
                        "0", NULL);
  g_assert_cmpint (rc, ==, 0);
  assert_contains (out, "Imported the bundle from");
  g_clear_pointer (&out, g_free);
  rc = sl_test_run_cli (PASS, &out, NULL, "record", "show", office, sub, "--passphrase-fd", "0",
                        NULL);
  g_assert_cmpint (rc, ==, 0);
  assert_contains (out, "CFE-020");
  g_clear_pointer (&out, g_free);

  /* Again: refused as a replay, exit 1, with what happened. */
  rc = sl_test_run_cli (PASS, NULL, &err, "bundle", "import", office, bundle, "--passphrase-fd",
                        "0", NULL);
  g_assert_cmpint (rc, ==, 1);
  assert_contains (err, "sightline: The bundle to-office.slbundle from");
  assert_contains (err, "imported already");
  g_clear_pointer (&err, g_free);

  /* The identity for `age`, readable by its owner only; decrypt checks. */
  rc = sl_test_run_cli (PASS, NULL, NULL, "bundle", "export-identity", office, "-o", key,
                        "--passphrase-fd", "0", NULL);
  g_assert_cmpint (rc, ==, 0);
  {
    GStatBuf st;
    g_autofree char *text = NULL;

    g_assert_cmpint (g_stat (key, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
    g_assert_true (g_file_get_contents (key, &text, NULL, NULL));
    assert_contains (text, "AGE-SECRET-KEY-1");
  }
  rc = sl_test_run_cli (PASS, NULL, NULL, "bundle", "decrypt", office, bundle, "-o", plain,
                        "--passphrase-fd", "0", NULL);
  g_assert_cmpint (rc, ==, 0);
  {
    g_autofree char *text = NULL;

    g_assert_true (g_file_get_contents (plain, &text, NULL, NULL));
    g_assert_true (g_str_has_prefix (text, "sightline-bundle 1\n"));
    assert_contains (text, "CFE-020");
  }

  rc = sl_test_run_cli (PASS, &out, NULL, "conflicts", "list", office, "--passphrase-fd", "0",
                        NULL);
  g_assert_cmpint (rc, ==, 0);
  assert_contains (out, "No conflicts.");
  g_clear_pointer (&out, g_free);
  rc = sl_test_run_cli (PASS, NULL, &err, "conflicts", "resolve", office, sub, "reference",
                        "nonsense", "--passphrase-fd", "0", NULL);
  g_assert_cmpint (rc, ==, 1);
  assert_contains (err, "There is no conflict on record");
}

/* A note through the commands: a name marked, shown redacted, reviewed. */
static void
test_notes (CliFixture    *fx,
            gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *visit = NULL;
  int rc;

  rc = sl_test_run_cli (PASS, &out, NULL, "record", "add", fx->path, "site_visit", "reference=SV-7",
                        "notes=Kayleigh Dunmore said she met him at 07700 900461.",
                        "--passphrase-fd", "0", NULL);
  g_assert_cmpint (rc, ==, 0);
  visit = first_line (out);
  g_clear_pointer (&out, g_free);

  rc = sl_test_run_cli (PASS, NULL, &err, "pseudonym", "add", fx->path, visit, "Kayleigh Dunmore",
                        "--passphrase-fd", "0", NULL);
  g_assert_cmpint (rc, ==, 2);
  assert_contains (err, "--kind");
  g_clear_pointer (&err, g_free);
  rc = sl_test_run_cli (PASS, &out, NULL, "pseudonym", "add", fx->path, visit, "Kayleigh Dunmore",
                        "--kind", "person", "--role", "child", "--passphrase-fd", "0", NULL);
  g_assert_cmpint (rc, ==, 0);
  g_assert_cmpstr (out, ==, "Child A\n");
  g_clear_pointer (&out, g_free);

  rc = sl_test_run_cli (PASS, &out, NULL, "note", "show", fx->path, visit, "--redacted",
                        "--passphrase-fd", "0", NULL);
  g_assert_cmpint (rc, ==, 0);
  assert_contains (out, "(not reviewed)");
  assert_contains (out, "Child A said she met him at [phone].");
  g_assert_null (strstr (out, "Dunmore"));
  g_assert_null (strstr (out, "900461"));
  g_clear_pointer (&out, g_free);

  /* redact --vault: the registry's names, for text outside the vault */
  rc = sl_test_run_cli (PASS "KAYLEIGH DUNMORE rang 07700 900461 twice.\n", &out, NULL, "redact",
                        "--text", "--vault", fx->path, "--case", visit, "--passphrase-fd", "0",
                        NULL);
  g_assert_cmpint (rc, ==, 0);
  assert_contains (out, "Child A rang [phone] twice.");
  g_clear_pointer (&out, g_free);

  rc = sl_test_run_cli (PASS, &out, NULL, "note", "status", fx->path, "--passphrase-fd", "0", NULL);
  assert_contains (out, "1 note not reviewed");
  g_clear_pointer (&out, g_free);
  rc = sl_test_run_cli (PASS, NULL, NULL, "note", "review", fx->path, visit, "--passphrase-fd", "0",
                        NULL);
  g_assert_cmpint (rc, ==, 0);
  rc = sl_test_run_cli (PASS, &out, NULL, "note", "status", fx->path, "--passphrase-fd", "0", NULL);
  assert_contains (out, "0 notes not reviewed");
  g_clear_pointer (&out, g_free);

  rc = sl_test_run_cli (PASS, NULL, &err, "note", "show", fx->path, visit, "--field", "reference",
                        "--passphrase-fd", "0", NULL);
  g_assert_cmpint (rc, ==, 1);
  assert_contains (err, "reference is not a note");
}

static char *
cli_add (CliFixture *fx,
         const char *type,
         const char *parent,
         const char *value)
{
  g_autofree char *out = NULL;
  int rc;

  if (parent != NULL)
    rc = sl_test_run_cli (PASS, &out, NULL, "record", "add", fx->path, type, "label=Child",
                          value, "--parent", parent, "--passphrase-fd", "0", NULL);
  else
    rc = sl_test_run_cli (PASS, &out, NULL, "record", "add", fx->path, type, value,
                          "--passphrase-fd", "0", NULL);
  g_assert_cmpint (rc, ==, 0);
  return first_line (out);
}

static guint
csv_rows (const char *path)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  g_file_get_contents (path, &data, NULL, &error);
  g_assert_no_error (error);
  for (const char *p = data; (p = strstr (p, "\r\n")) != NULL; p += 2)
    n++;
  return n - 1;
}

/* pack --scope: ids as `record list` shows them, comma-separated or repeated. */
static void
test_pack_scope (CliFixture    *fx,
                 gconstpointer  data)
{
  g_autofree char *s1 = cli_add (fx, "submission", NULL, "reference=CFE-001");
  g_autofree char *s2 = cli_add (fx, "submission", NULL, "reference=CFE-002");
  g_autofree char *visit = cli_add (fx, "site_visit", NULL, "reference=SV-01");
  g_autofree char *v1 = cli_add (fx, "victim", s1, "age=14");
  g_autofree char *v2 = cli_add (fx, "victim", s2, "age=15");
  g_autofree char *v3 = cli_add (fx, "victim", visit, "age=13");
  g_autofree char *list = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *pack = g_build_filename (fx->tmpdir, "pack", NULL);
  g_autofree char *pack2 = g_build_filename (fx->tmpdir, "pack2", NULL);
  g_autofree char *victims = g_build_filename (pack, "data", "victim.csv", NULL);
  g_autofree char *victims2 = g_build_filename (pack2, "data", "victim.csv", NULL);
  g_autofree char *subs = g_build_filename (pack, "data", "submission.csv", NULL);
  g_autofree char *scope = NULL;
  g_autofree char *short_v1 = g_strndup (v1, 8);
  g_autofree char *both = NULL;
  int rc;

  /* The ids exactly as `record list` prints them: eight characters. */
  rc = sl_test_run_cli (PASS, &list, NULL, "record", "list", fx->path, "submission",
                        "--passphrase-fd", "0", NULL);
  g_assert_cmpint (rc, ==, 0);
  scope = g_strndup (list, 8);
  g_assert_true (g_str_has_prefix (s1, scope));

  rc = sl_test_run_cli (PASS, &out, &err, "pack", fx->path, "-o", pack, "--k", "1", "--scope",
                        scope, "--passphrase-fd", "0", NULL);
  g_assert_cmpint (rc, ==, 0);
  assert_contains (out, "2 records");
  g_assert_cmpuint (csv_rows (victims), ==, 1);
  g_assert_cmpuint (csv_rows (subs), ==, 1);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Comma-separated and repeated, full ids and prefixes together. */
  both = g_strdup_printf ("%s,%.8s", s1, visit);
  rc = sl_test_run_cli (PASS, &out, &err, "pack", fx->path, "-o", pack2, "--k", "1", "--scope",
                        both, "--scope", s1, "--passphrase-fd", "0", NULL);
  g_assert_cmpint (rc, ==, 0);
  g_assert_cmpuint (csv_rows (victims2), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* --dry-run: what the pack would be, and nothing written. */
  g_free (pack);
  pack = g_build_filename (fx->tmpdir, "pack3", NULL);
  rc = sl_test_run_cli (PASS, &out, &err, "pack", fx->path, "--dry-run", "--k", "1", "--scope",
                        both, "--passphrase-fd", "0", NULL);
  g_assert_cmpint (rc, ==, 0);
  assert_contains (out, "A pack of 4 records, k = 1");
  assert_contains (out, "Victims: 2 records, 0 suppressed, smallest class 1");
  assert_contains (out, "  age                          as recorded");
  assert_contains (out, "organisation_name            not written: direct identifier");
  assert_contains (out, "Nothing was written");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  rc = sl_test_run_cli (PASS, &out, &err, "pack", fx->path, "--dry-run", "-o", pack,
                        "--passphrase-fd", "0", NULL);
  g_assert_cmpint (rc, ==, 0);
  assert_contains (out, "Victims: 3 records, every quasi-identifier suppressed");
  g_assert_false (g_file_test (pack, G_FILE_TEST_EXISTS));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A coded person, or an id no record has: refused, nothing written. */
  rc = sl_test_run_cli (PASS, &out, &err, "pack", fx->path, "-o", pack, "--scope", short_v1,
                        "--passphrase-fd", "0", NULL);
  g_assert_cmpint (rc, ==, 1);
  assert_contains (err, "belongs to another record");
  g_assert_false (g_file_test (pack, G_FILE_TEST_EXISTS));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  rc = sl_test_run_cli (PASS, &out, &err, "pack", fx->path, "-o", pack, "--scope", "ffffffff",
                        "--passphrase-fd", "0", NULL);
  g_assert_cmpint (rc, ==, 1);
  assert_contains (err, "--scope: There is no record ffffffff");
  g_assert_false (g_file_test (pack, G_FILE_TEST_EXISTS));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  rc = sl_test_run_cli (PASS, &out, &err, "pack", fx->path, "-o", pack, "--scope", ",",
                        "--passphrase-fd", "0", NULL);
  g_assert_cmpint (rc, ==, 2);
  assert_contains (err, "--scope names no record");
  g_assert_false (g_file_test (pack, G_FILE_TEST_EXISTS));
  (void) v2;
  (void) v3;
}

/* pack --zip: one file, a .zip; -o must say so. */
static void
test_pack_zip (CliFixture    *fx,
               gconstpointer  data)
{
  g_autofree char *s1 = cli_add (fx, "submission", NULL, "reference=CFE-001");
  g_autofree char *v1 = cli_add (fx, "victim", s1, "age=14");
  g_autofree char *zip = g_build_filename (fx->tmpdir, "pack.zip", NULL);
  g_autofree char *bare = g_build_filename (fx->tmpdir, "pack", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;
  int rc;

  rc = sl_test_run_cli (PASS, &out, &err, "pack", fx->path, "-o", bare, "--zip",
                        "--passphrase-fd", "0", NULL);
  g_assert_cmpint (rc, ==, 2);
  assert_contains (err, "FILE.zip");
  g_assert_false (g_file_test (bare, G_FILE_TEST_EXISTS));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  rc = sl_test_run_cli (PASS, &out, &err, "pack", fx->path, "-o", zip, "--zip", "--k", "1",
                        "--passphrase-fd", "0", NULL);
  g_assert_cmpint (rc, ==, 0);
  assert_contains (out, "Wrote the pack");
  g_assert_true (g_file_get_contents (zip, &contents, &len, NULL));
  g_assert_cmpuint (len, >, 1000);
  g_assert_cmpmem (contents, 4, "PK\x03\x04", 4);
  g_assert_nonnull (memmem (contents, len, "pack/data/victim.csv", 20));
  (void) v1;
}

/* pack --to: the .zip encrypted to an analyst's age recipient. */
static void
test_pack_age (CliFixture    *fx,
               gconstpointer  data)
{
  g_autoptr(SlSecret) identity = sl_age_x25519_generate ();
  g_autoptr(GBytes) public = sl_age_identity_to_recipient (identity);
  g_autofree char *recipient = sl_age_recipient_to_string (public);
  g_autofree char *s1 = cli_add (fx, "submission", NULL, "reference=CFE-001");
  g_autofree char *sealed = g_build_filename (fx->tmpdir, "pack.zip.age", NULL);
  g_autofree char *plain = g_build_filename (fx->tmpdir, "pack.zip", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GPtrArray) identities = g_ptr_array_new ();
  g_autoptr(GBytes) file = NULL;
  g_autoptr(GBytes) zip = NULL;
  g_autoptr(GError) error = NULL;
  gsize len = 0;
  int rc;

  /* -o must say what it is; a bad recipient is refused; nothing written. */
  rc = sl_test_run_cli (PASS, &out, &err, "pack", fx->path, "-o", plain, "--to", recipient,
                        "--passphrase-fd", "0", NULL);
  g_assert_cmpint (rc, ==, 2);
  assert_contains (err, "FILE.zip.age");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  rc = sl_test_run_cli (PASS, &out, &err, "pack", fx->path, "-o", sealed, "--to", "age1oops",
                        "--passphrase-fd", "0", NULL);
  g_assert_cmpint (rc, ==, 1);
  assert_contains (err, "'age1oops' is not an age recipient");
  g_assert_false (g_file_test (sealed, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (plain, G_FILE_TEST_EXISTS));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  rc = sl_test_run_cli (PASS, &out, &err, "pack", fx->path, "-o", sealed, "--to", recipient,
                        "--k", "1", "--passphrase-fd", "0", NULL);
  g_assert_cmpint (rc, ==, 0);
  assert_contains (out, "Wrote the pack");
  g_assert_false (g_file_test (plain, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_get_contents (sealed, &contents, &len, NULL));
  g_assert_true (g_str_has_prefix (contents, "age-encryption.org/v1\n"));
  file = g_bytes_new_take (g_steal_pointer (&contents), len);
  g_ptr_array_add (identities, identity);
  zip = sl_age_decrypt (file, identities, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (memmem (g_bytes_get_data (zip, NULL), g_bytes_get_size (zip),
                            "pack/data/submission.csv", 24));
  (void) s1;
}

static void
test_codebook_check (void)
{
  g_autofree char *good = g_test_build_filename (G_TEST_DIST, "..", "data", "codebooks",
                                                 "csegg-2012.json", NULL);
  g_autofree char *tmpdir = sl_test_make_tmpdir ();
  g_autofree char *bad = g_build_filename (tmpdir, "bad.json", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int rc;

  rc = sl_test_run_cli (NULL, &out, NULL, "codebook", "check", good, NULL);
  g_assert_cmpint (rc, ==, 0);
  assert_contains (out, "csegg-2012 version 1 is valid");

  g_assert_true (g_file_set_contents (bad, "{\"format\": \"sightline-codebook\", "
                                      "\"format_version\": 1, \"id\": \"x\", \"version\": 1, "
                                      "\"title\": \"X\", \"record_types\": [{\"id\": \"a\", "
                                      "\"label\": \"A\", \"fields\": [{\"id\": \"f\", "
                                      "\"type\": \"colour\", \"label\": \"F\", "
                                      "\"spss\": \"_F\"}]}]}", -1, NULL));
  rc = sl_test_run_cli (NULL, NULL, &err, "codebook", "check", bad, NULL);
  g_assert_cmpint (rc, ==, 1);
  assert_contains (err, "$.record_types[0].fields[0].type: unknown field type 'colour'");
  assert_contains (err, "$.record_types[0].fields[0].spss: '_F' is not a valid SPSS variable name");
  assert_contains (err, "2 problems");
  sl_test_remove_tree (tmpdir);
}

static void
detach_terminal (gpointer data)
{
  setsid ();
}

static void
test_usage (void)
{
  static const char *commands[][2] = {
    { "create", NULL }, { "info", NULL }, { "passwd", NULL }, { "slot", "add" },
    { "slot", "remove" }, { "recovery-key", NULL }, { "check", NULL },
    { "codebook", "check" }, { "codebook", "load" }, { "record", "add" }, { "record", "edit" },
    { "record", "show" }, { "record", "list" }, { "record", "history" }, { "record", "delete" },
    { "record", "undelete" }, { "import", NULL }, { "audit", NULL }, { "bundle", "export" },
    { "bundle", "import" }, { "bundle", "export-identity" }, { "bundle", "decrypt" },
    { "conflicts", "list" }, { "conflicts", "resolve" }, { "note", "show" }, { "note", "review" },
    { "note", "status" }, { "pseudonym", "add" }, { "pseudonym", "form" }, { "pseudonym", "list" },
  };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int rc;

  /* --help on every command, exit 0. */
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *help = NULL;

      if (commands[i][1] != NULL)
        rc = sl_test_run_cli (NULL, &help, NULL, commands[i][0], commands[i][1], "--help", NULL);
      else
        rc = sl_test_run_cli (NULL, &help, NULL, commands[i][0], "--help", NULL);
      g_assert_cmpint (rc, ==, 0);
      assert_contains (help, "Usage:");
      assert_contains (help, "Exit codes");
    }

  rc = sl_test_run_cli (NULL, &out, NULL, "--help", NULL);
  g_assert_cmpint (rc, ==, 0);
  assert_contains (out, "recovery-key");

  /* Usage errors: exit 2 with a sightline: message. */
  rc = sl_test_run_cli (NULL, NULL, &err, "frobnicate", NULL);
  g_assert_cmpint (rc, ==, 2);
  assert_contains (err, "sightline: unknown command");
  g_clear_pointer (&err, g_free);
  rc = sl_test_run_cli (NULL, NULL, &err, "info", NULL);
  g_assert_cmpint (rc, ==, 2);
  g_clear_pointer (&err, g_free);
  rc = sl_test_run_cli (NULL, NULL, &err, "info", "a", "--no-such-option", NULL);
  g_assert_cmpint (rc, ==, 2);
  g_clear_pointer (&err, g_free);
  rc = sl_test_run_cli (NULL, NULL, &err, "slot", "remove", "v", "two", NULL);
  g_assert_cmpint (rc, ==, 2);

  /* No terminal and no descriptor: says how to pass the passphrase. */
  {
    g_autofree char *tmpdir = sl_test_make_tmpdir ();
    g_autofree char *path = g_build_filename (tmpdir, "v", NULL);
    g_autoptr(GSubprocess) proc = NULL;
    g_autoptr(GSubprocessLauncher) launcher =
      g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_PIPE | G_SUBPROCESS_FLAGS_STDIN_PIPE);
    g_autofree char *e = NULL;

    /* setsid: no controlling terminal, as in CI */
    g_subprocess_launcher_set_child_setup (launcher, detach_terminal, NULL, NULL);
    proc = g_subprocess_launcher_spawn (launcher, NULL, g_getenv ("SIGHTLINE_CLI"), "create",
                                        path, NULL);
    g_assert_nonnull (proc);
    g_subprocess_communicate_utf8 (proc, NULL, NULL, NULL, &e, NULL);
    g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 1);
    assert_contains (e, "--passphrase-fd");
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
    sl_test_remove_tree (tmpdir);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define CLI_TEST(path, fn) \
  g_test_add ("/sightline/cli/" path, CliFixture, NULL, cli_setup, fn, cli_teardown)

  CLI_TEST ("create-and-info", test_create_and_info);
  CLI_TEST ("wrong-passphrase", test_wrong_passphrase);
  CLI_TEST ("passwd", test_passwd);
  CLI_TEST ("slots-and-recovery", test_slots_and_recovery);
  CLI_TEST ("check-detects-damage", test_check_detects_damage);
  CLI_TEST ("records", test_records);
  CLI_TEST ("sync", test_sync);
  CLI_TEST ("notes", test_notes);
  CLI_TEST ("pack-scope", test_pack_scope);
  CLI_TEST ("pack-zip", test_pack_zip);
  CLI_TEST ("pack-age", test_pack_age);
  g_test_add_func ("/sightline/cli/usage", test_usage);
  g_test_add_func ("/sightline/cli/codebook-check", test_codebook_check);

  return g_test_run ();
}
