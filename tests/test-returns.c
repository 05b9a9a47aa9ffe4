/* test-returns.c
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

#include "sl-returns.h"
#include "sl-tables.h"
#include "sl-test-utils.h"

/* Three agencies' returns, keyed by person. Jade Smith born 14/05/2002 is
 * written four ways and is one child; Jadé Smith born a day later is
 * another; Amir Khan's postcode is spaced two ways. */
static const char *la_return =
  "name,date_of_birth,postcode,missing_education,in_care\r\n"
  "Jade Smith,14/05/2002,M1 2AB,yes,yes\r\n"
  "Amir Khan,01/02/2003,LS1 4AP,yes,no\r\n"
  "Ella Jones,3 March 2001,B1 1AA,no,yes\r\n";
static const char *police_return =
  "first_name,surname,dob,postcode,reported_missing,repeat_missing\n"
  "JADE,SMITH,2002-05-14,m12ab,1,1\n"
  "Jadé,Smith,15/05/2002,M1 2AB,1,0\n"
  "amir,KHAN,1st February 2003,LS14AP,yes,no\n";
static const char *health_return =
  "name,dob,postcode,sexual_health_presentation\n"
  "\"Smith, Jade\",14-05-2002,\"M1  2AB\",3\n";

static const char *planted[] = { "Jade", "JADE", "Smith", "SMITH", "Khan", "Amir", "Ella",
                                  "2002", "2003", "M1 2AB", "m12ab", "LS1", "B1 1AA" };

static char *
key (SlSecret   *secret,
     const char *data)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  guint n = 0;

  sl_returns_key_csv (secret, SL_MATCH_PERSON, data, strlen (data), out, &n, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (planted); i++)
    if (strstr (out->str, planted[i]) != NULL)
      g_error ("the keyed return still holds '%s'", planted[i]);
  g_assert_true (g_str_has_prefix (out->str, "child_key,"));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
assert_cumulative (SlTable     *t,
                   const guint *expected,
                   guint        n)
{
  g_assert_cmpuint (t->rows->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      SlTableRow *row = g_ptr_array_index (t->rows, i);
      g_autofree char *label = g_strdup_printf ("%u or more", i + 1);

      g_assert_cmpstr (row->label, ==, label);
      g_assert_cmpfloat (g_array_index (row->cells, SlCell, 0).value, ==, expected[i]);
    }
}

static void
test_known_answer (void)
{
  g_autofree char *tmpdir = sl_test_make_tmpdir ();
  g_autoptr(SlVault) vault = sl_test_create_vault (tmpdir, "r.sightline", SL_TEST_PASSPHRASE);
  g_autoptr(SlSecret) secret = sl_returns_secret_new ();
  g_autofree char *la = key (secret, la_return);
  g_autofree char *police = key (secret, police_return);
  g_autofree char *health = key (secret, health_return);
  g_autoptr(SlTable) t8 = NULL;
  g_autoptr(SlTable) t9 = NULL;
  g_autoptr(SlTable) t8c = NULL;
  g_autoptr(GError) error = NULL;
  static const guint datasets[] = { 4, 2, 1 };
  static const guint indicators[] = { 4, 2, 1, 1, 1 };
  g_auto(GStrv) la_rows = g_strsplit (la, "\r\n", -1);
  g_auto(GStrv) health_rows = g_strsplit (health, "\r\n", -1);
  guint n = 0;

  /* The same child keys alike in two agencies' files. */
  g_assert_cmpint (strncmp (la_rows[1], health_rows[1], 64), ==, 0);

  g_assert_true (sl_vault_import_returns (vault, "local_authority", la, strlen (la), &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 3);
  g_assert_true (sl_vault_import_returns (vault, "police", police, strlen (police), &n, &error));
  g_assert_true (sl_vault_import_returns (vault, "health", health, strlen (health), &n, &error));
  g_assert_no_error (error);

  t8 = sl_tables_compute (vault, "table8", 0, &error);
  g_assert_no_error (error);
  assert_cumulative (t8, datasets, G_N_ELEMENTS (datasets));
  t9 = sl_tables_compute (vault, "table9", 0, &error);
  g_assert_no_error (error);
  assert_cumulative (t9, indicators, G_N_ELEMENTS (indicators));

  /* Leaving the vault, counts under 5 are suppressed. */
  t8c = sl_tables_compute (vault, "table8", SL_TABLES_DEFAULT_THRESHOLD, &error);
  g_assert_true (g_array_index (((SlTableRow *) g_ptr_array_index (t8c->rows, 0))->cells,
                                SlCell, 0).suppressed);

  /* Importing a provider again replaces its return. */
  g_assert_true (sl_vault_import_returns (vault, "health", health, strlen (health), &n, &error));
  g_clear_pointer (&t8, sl_table_free);
  t8 = sl_tables_compute (vault, "table8", 0, &error);
  assert_cumulative (t8, datasets, G_N_ELEMENTS (datasets));

  /* The preview says how each column would be read. */
  {
    g_autoptr(GPtrArray) cols = sl_vault_preview_return (vault, police_return,
                                                         strlen (police_return), &n, &error);
    SlReturnColumn *first, *last;

    g_assert_no_error (error);
    g_assert_cmpuint (n, ==, 3);
    g_assert_cmpuint (cols->len, ==, 6);
    first = g_ptr_array_index (cols, 0);
    last = g_ptr_array_index (cols, 5);
    g_assert_true (first->identifying);
    g_assert_cmpstr (last->indicator, ==, "repeat_missing");
    g_assert_nonnull (last->label);
  }

  /* A return with a raw identifier is refused, and nothing changes. */
  g_assert_false (sl_vault_import_returns (vault, "schools", police_return, strlen (police_return),
                                           &n, &error));
  g_assert_error (error, SL_RETURNS_ERROR, SL_RETURNS_ERROR_IDENTIFIER);
  g_assert_nonnull (strstr (error->message, "surname"));
  g_clear_error (&error);
  {
    const char *unkeyed = "child_key,missing_education\nnot-a-key,yes\n";

    g_assert_false (sl_vault_import_returns (vault, "schools", unkeyed, strlen (unkeyed), &n,
                                             &error));
    g_assert_error (error, SL_RETURNS_ERROR, SL_RETURNS_ERROR_INVALID);
    g_clear_error (&error);
  }
  g_clear_pointer (&t8, sl_table_free);
  t8 = sl_tables_compute (vault, "table8", 0, &error);
  assert_cumulative (t8, datasets, G_N_ELEMENTS (datasets));

  sl_test_remove_tree (tmpdir);
}

static void
test_normalising (void)
{
  g_autofree char *a = sl_returns_normalise_name ("Jadé O'Brien-Smith");
  g_autofree char *b = sl_returns_normalise_name ("O'BRIEN-SMITH, Jade");
  g_autofree char *c = sl_returns_normalise_name ("  jade   obriensmith ");
  g_autofree char *pc = sl_returns_normalise_postcode (" sw1a  1aa ");
  g_autofree char *nhs = sl_returns_normalise_nhs ("943 476 5919");
  g_autofree char *bad = sl_returns_normalise_nhs ("943 476 5918");
  g_autoptr(SlSecret) s1 = sl_returns_secret_new ();
  g_autoptr(SlSecret) s2 = sl_returns_secret_new ();
  g_autoptr(GError) error = NULL;
  const char *by_nhs = "nhs_number,in_care\n943 476 5919,yes\n9434765919,no\n";
  const char *bad_nhs = "nhs_number,in_care\n943 476 5918,yes\n";
  g_autoptr(GString) out1 = g_string_new (NULL);
  g_autoptr(GString) out2 = g_string_new (NULL);
  g_auto(GStrv) lines = NULL;

  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (a, ==, c);
  g_assert_cmpstr (pc, ==, "SW1A1AA");
  g_assert_cmpstr (nhs, ==, "9434765919");
  g_assert_null (bad);

  /* Keyed by NHS number, spacing does not matter; another secret gives
   * other keys. */
  g_assert_true (sl_returns_key_csv (s1, SL_MATCH_AUTO, by_nhs, strlen (by_nhs), out1, NULL, &error));
  g_assert_no_error (error);
  lines = g_strsplit (out1->str, "\r\n", -1);
  g_assert_cmpint (strncmp (lines[1], lines[2], 64), ==, 0);
  g_assert_null (strstr (out1->str, "9434765919"));
  g_assert_true (sl_returns_key_csv (s2, SL_MATCH_NHS, by_nhs, strlen (by_nhs), out2, NULL, &error));
  g_assert_cmpint (strncmp (out2->str + 19, out1->str + 19, 64), !=, 0);

  /* An invalid NHS number: nothing is written, the row is named. */
  g_string_truncate (out1, 0);
  g_assert_false (sl_returns_key_csv (s1, SL_MATCH_NHS, bad_nhs, strlen (bad_nhs), out1, NULL, &error));
  g_assert_error (error, SL_RETURNS_ERROR, SL_RETURNS_ERROR_UNKEYABLE);
  g_assert_nonnull (strstr (error->message, "row 2"));
  g_assert_cmpuint (out1->len, ==, 0);
}

static void
test_secret_file (void)
{
  g_autofree char *tmpdir = sl_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (tmpdir, "linkage.secret", NULL);
  g_autofree char *bad = g_build_filename (tmpdir, "bad.secret", NULL);
  g_autoptr(SlSecret) secret = sl_returns_secret_new ();
  g_autofree char *text = sl_returns_secret_to_text (secret);
  g_autoptr(SlSecret) back = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  back = sl_returns_secret_load (path, &error);
  g_assert_no_error (error);
  g_assert_true (sl_secret_equal (secret, back));
  g_assert_true (g_file_set_contents (bad, "hello", -1, NULL));
  g_assert_null (sl_returns_secret_load (bad, &error));
  g_assert_error (error, SL_RETURNS_ERROR, SL_RETURNS_ERROR_SECRET);
  sl_test_remove_tree (tmpdir);
}

/* Found by fuzz-returns: a repeated identifying column leaked the first
 * column's value (never wiped) and keyed by the last one, silently. */
static void
test_repeated_columns (void)
{
  g_autoptr(SlSecret) secret = sl_returns_secret_new ();
  static const char *returns[] = {
    "postcode,postcode,name,dob\nM1 2AB,M1 2AB,Jade Smith,14/05/2002\n",
    "name,dob,dob\nJade Smith,14/05/2002,14/05/2002\n",
    "nhs_number,nhs_number\n9434765919,9434765919\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (returns); i++)
    {
      g_autoptr(GString) out = g_string_new (NULL);
      g_autoptr(GError) error = NULL;

      g_assert_false (sl_returns_key_csv (secret, SL_MATCH_AUTO, returns[i], strlen (returns[i]),
                                          out, NULL, &error));
      g_assert_error (error, SL_RETURNS_ERROR, SL_RETURNS_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "two columns that identify children"));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/sightline/returns/known-answer", test_known_answer);
  g_test_add_func ("/sightline/returns/normalising", test_normalising);
  g_test_add_func ("/sightline/returns/secret-file", test_secret_file);
  g_test_add_func ("/sightline/returns/repeated-columns", test_repeated_columns);

  return g_test_run ();
}
