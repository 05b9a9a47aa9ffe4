/* test-pack.c
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
#include <unistd.h>

#include <glib/gstdio.h>
#include <sodium.h>

#include "sl-age.h"
#include "sl-change-log.h"
#include "sl-codebook.h"
#include "sl-notes.h"
#include "sl-pack.h"
#include "sl-record.h"
#include "sl-test-utils.h"

#define N_VICTIMS      300
#define N_PERPETRATORS 120

/* Every direct identifier the fixture holds, and the localities. */
static const char *identifiers[] = {
  "Northfield Youth Project",
  "Brambleton Safeguarding Board",
  "St Aldric's Academy Trust",
  "Sue Berelowitz",
  "Marcus Pellingham",
  "Jade Thompson",
  "Thompson",
  "Kieran Walsh",
  "Faith Police",
  "Oldham",
  "Rochdale",
  "Hollinwood",
};

typedef struct
{
  char    *tmpdir;
  char    *out;      /* a folder for packs, beside nothing else */
  SlVault *vault;
  char    *submissions[3];
  char    *visit;
  char    *session;
  char    *victim_noted;
} PackFixture;

static void
set_note (SlVault    *vault,
          const char *id,
          const char *field,
          const char *text)
{
  g_autoptr(GHashTable) values = sl_values_new ();
  g_autoptr(GError) error = NULL;

  g_hash_table_insert (values, g_strdup (field), json_node_init_string (json_node_alloc (), text));
  g_assert_true (sl_vault_edit_record (vault, id, values, &error));
  g_assert_no_error (error);
}

static void
review (SlVault            *vault,
        const char         *id,
        const char         *field,
        const char * const *keep)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sl_vault_review_note (vault, id, field, keep, &error));
  g_assert_no_error (error);
}

static void
mark (SlVault    *vault,
      const char *record,
      const char *kind,
      const char *role,
      const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlPseudonym) p = sl_vault_add_pseudonym (vault, record, kind, role, name, &error);

  g_assert_no_error (error);
}

static void
add_people (PackFixture *fx,
            const char  *type,
            guint        n)
{
  static const char *genders[] = { "female", "male", "unknown", "not recorded", "female" };
  static const char *eth[] = { "white", "asian", "black", "mixed", "unknown" };
  static const char *dis[] = { "learning_disability", "learning_disability;autistic_spectrum",
                               "unknown", "mental_health_needs", "not recorded", NULL };
  SlRecordType *rt = sl_codebook_lookup_type (sl_vault_get_codebook (fx->vault), type, NULL);
  g_autoptr(GPtrArray) parents = g_ptr_array_new ();
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  g_autoptr(GError) error = NULL;
  gboolean victim = g_str_equal (type, "victim");

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *label = g_strdup_printf ("label=%s %u", victim ? "Victim" : "Suspect", i + 1);
      g_autofree char *gender = g_strdup_printf ("gender=%s", genders[i % G_N_ELEMENTS (genders)]);
      g_autofree char *age = g_strdup_printf ("age=%u", victim ? 10 + i % 9 : 18 + i % 30);
      g_autofree char *ethnicity = g_strdup_printf ("ethnicity_broad=%s", eth[i % G_N_ELEMENTS (eth)]);
      g_autofree char *disability = dis[i % G_N_ELEMENTS (dis)]
        ? g_strdup_printf ("disability=%s", dis[i % G_N_ELEMENTS (dis)]) : NULL;
      const char *extra = victim ? (i % 7 == 0 ? "care_status=other: Kinship placement" :
                                    i % 3 == 0 ? "care_status=foster_care" : "missing=yes")
                                 : (i % 2 ? "group_or_gang=group" : "role=Driver");
      const char *a[] = { label, gender, age, ethnicity, extra, disability, NULL };

      g_ptr_array_add (values, sl_values_from_assignments (rt, a, &error));
      g_assert_no_error (error);
      g_ptr_array_add (parents, i % 10 == 9 ? fx->visit : fx->submissions[i % 3]);
    }
  g_assert_true (sl_vault_add_records (fx->vault, type, parents, values, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
pack_setup (PackFixture   *fx,
            gconstpointer  data)
{
  const char *s0[] = { "reference=CFE-001", "organisation_name=Northfield Youth Project",
                       "organisation_type=voluntary_organisation", "region=north_west",
                       "local_area=Oldham", "victims_count=12", "themes=unknown", NULL };
  const char *s1[] = { "reference=CFE-002", "organisation_name=Brambleton Safeguarding Board",
                       "organisation_type=safeguarding_childrens_board",
                       "region=yorkshire_humber", "local_area=Rochdale", "victims_count=not recorded",
                       NULL };
  const char *s2[] = { "reference=CFE-003", "organisation_name=St Aldric's Academy Trust",
                       "region=north_west", NULL };
  const char *v[] = { "reference=SV-01", "area=Hollinwood", "region=north_west",
                      "panel_members=Sue Berelowitz; Marcus Pellingham", "meetings_held=4", NULL };
  const char *o[] = { "reference=OS-01", "theme=Children in care", "individuals_attending=9",
                      NULL };
  const char *vn[] = { "label=Victim A", "gender=female", "age=14", NULL };
  const char *pf[] = { "label=Suspect F", "role=@SUM(1+1)*cmd", NULL };
  g_autoptr(GPtrArray) victims = NULL;
  g_autoptr(GError) error = NULL;

  fx->tmpdir = sl_test_make_tmpdir ();
  fx->out = g_build_filename (fx->tmpdir, "out", NULL);
  g_assert_cmpint (g_mkdir (fx->out, 0700), ==, 0);
  fx->vault = sl_test_create_vault (fx->tmpdir, "pack.sightline", SL_TEST_PASSPHRASE);
  sl_vault_set_author (fx->vault, "Ann Reviewer");

  fx->submissions[0] = sl_test_add_record (fx->vault, "submission", NULL, s0);
  fx->submissions[1] = sl_test_add_record (fx->vault, "submission", NULL, s1);
  fx->submissions[2] = sl_test_add_record (fx->vault, "submission", NULL, s2);
  fx->visit = sl_test_add_record (fx->vault, "site_visit", NULL, v);
  fx->session = sl_test_add_record (fx->vault, "oral_session", NULL, o);
  add_people (fx, "victim", N_VICTIMS);
  add_people (fx, "perpetrator", N_PERPETRATORS);
  fx->victim_noted = sl_test_add_record (fx->vault, "victim", fx->submissions[0], vn);
  g_free (sl_test_add_record (fx->vault, "perpetrator", fx->submissions[2], pf));

  /* Reviewed, with names in the registry. */
  mark (fx->vault, fx->submissions[0], "person", "child", "Jade Thompson");
  mark (fx->vault, fx->submissions[0], "person", "suspect", "Kieran Walsh");
  mark (fx->vault, fx->submissions[0], "place", "town", "Oldham");
  /* Her first name and surname are words of the codebook: only her whole
   * name is a direct identifier for the scan. */
  mark (fx->vault, fx->submissions[1], "person", "adult", "Faith Police");
  set_note (fx->vault, fx->submissions[0], "summary",
            "Jade Thompson, 14, went missing from her placement in Oldham three times. "
            "Kieran Walsh drove her to parties; Jade said \"Kieran\" gave her a phone.");
  review (fx->vault, fx->submissions[0], "summary", NULL);
  set_note (fx->vault, fx->victim_noted, "notes",
            "Jade was seen with older men in a car park. Thompson family not aware.");
  review (fx->vault, fx->victim_noted, "notes", NULL);
  set_note (fx->vault, fx->session, "notes", "Witnesses spoke about taxis and take-aways.");
  review (fx->vault, fx->session, "notes", NULL);
  /* Not reviewed, or changed since the review. */
  set_note (fx->vault, fx->submissions[1], "summary", "Eleven girls known to the team.");
  set_note (fx->vault, fx->visit, "notes", "Met the CSE team; notes to follow.");
  set_note (fx->vault, fx->visit, "scale_scope", "Scale hard to judge.");
  review (fx->vault, fx->visit, "scale_scope", NULL);
  set_note (fx->vault, fx->visit, "scale_scope", "Scale hard to judge; maybe 40.");

  victims = sl_vault_list_records (fx->vault, "victim", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (victims->len, ==, N_VICTIMS + 1);
}

static void
pack_teardown (PackFixture   *fx,
               gconstpointer  data)
{
  g_clear_object (&fx->vault);
  sl_test_remove_tree (fx->tmpdir);
  for (guint i = 0; i < G_N_ELEMENTS (fx->submissions); i++)
    g_free (fx->submissions[i]);
  g_free (fx->visit);
  g_free (fx->session);
  g_free (fx->victim_noted);
  g_free (fx->tmpdir);
  g_free (fx->out);
}

static char *
read_file (const char *dir,
           const char *rel,
           gsize      *length)
{
  g_autofree char *path = g_build_filename (dir, rel, NULL);
  g_autoptr(GError) error = NULL;
  char *data = NULL;

  g_file_get_contents (path, &data, length, &error);
  g_assert_no_error (error);
  return data;
}

static guint
count_entries (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d != NULL && g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static char *
write_pack (PackFixture         *fx,
            const char          *name,
            const SlPackOptions *options,
            SlPackReport       **report)
{
  g_autofree char *path = g_build_filename (fx->out, name, NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  g_assert_true (sl_vault_write_pack (fx->vault, folder, options, NULL, NULL, NULL, report, &error));
  g_assert_no_error (error);
  g_test_message ("pack written in %.2f s", (g_get_monotonic_time () - start) / 1e6);
  return g_steal_pointer (&path);
}

/* The lines of a CSV without quoted line breaks (the fixture has none). */
static GStrv
csv_lines (const char *data)
{
  GStrv lines;
  guint n;

  g_assert_true (g_str_has_prefix (data, "\xEF\xBB\xBF"));
  g_assert_true (g_str_has_suffix (data, "\r\n"));
  lines = g_strsplit (data + 3, "\r\n", -1);
  n = g_strv_length (lines);
  g_assert_cmpstr (lines[n - 1], ==, "");
  g_free (lines[n - 1]);
  lines[n - 1] = NULL;
  for (guint i = 0; lines[i]; i++)
    g_assert_null (strchr (lines[i], '\n'));
  return lines;
}

static int
column_index (const char *header,
              const char *name)
{
  g_auto(GStrv) cols = g_strsplit (header, ",", -1);

  for (int i = 0; cols[i]; i++)
    if (g_str_equal (cols[i], name))
      return i;
  return -1;
}

static void
test_contents (PackFixture   *fx,
               gconstpointer  data)
{
  /* k = 1: every value as recorded (k-anonymity has a test of its own) */
  SlPackOptions options = { .k = 1 };
  g_autoptr(SlPackReport) report = NULL;
  g_autofree char *pack = write_pack (fx, "pack", &options, &report);
  g_autofree char *victims = read_file (pack, "data/victim.csv", NULL);
  g_autofree char *subs = read_file (pack, "data/submission.csv", NULL);
  g_autofree char *visits = read_file (pack, "data/site_visit.csv", NULL);
  g_autofree char *sheet = read_file (pack, "notes/classification.csv", NULL);
  g_autofree char *report_txt = read_file (pack, "disclosure-report.txt", NULL);
  g_autofree char *codebook_txt = read_file (pack, "codebook.txt", NULL);
  g_autofree char *codebook = read_file (pack, "codebook.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(GStrv) vlines = csv_lines (victims);
  g_auto(GStrv) slines = csv_lines (subs);
  g_auto(GStrv) tlines = csv_lines (visits);
  g_auto(GStrv) nlines = csv_lines (sheet);
  g_autoptr(GError) error = NULL;
  int id_col, parent_col, gender_col;
  const char *row;

  g_test_message ("%s", report_txt);

  /* Each withheld free text says why: areas go to their region; a
   * nationality or faith has no region to go to. */
  g_assert_nonnull (strstr (report_txt, "submission.local_area: free-text quasi-identifier, "
                                        "suppressed: an area finer than a region"));
  g_assert_nonnull (strstr (report_txt, "site_visit.area: free-text quasi-identifier, "
                                        "suppressed: an area finer than a region"));
  for (guint i = 0; i < 2; i++)
    {
      const char *field = i == 0 ? "nationality" : "faith";
      g_autofree char *line = g_strdup_printf ("victim.%s: free-text quasi-identifier, "
                                               "suppressed: as written it cannot be "
                                               "generalised", field);
      g_autofree char *entry = g_strdup_printf ("not written: %s (free-text", field);
      const char *at = strstr (codebook_txt, entry);
      const char *eol;

      g_assert_nonnull (strstr (report_txt, line));
      g_assert_nonnull (at);
      eol = strstr (at, "\r\n");
      g_assert_nonnull (eol);
      g_assert_null (g_strstr_len (at, eol - at, "region"));
    }

  /* Everything in place, and nothing else beside it. */
  g_assert_cmpuint (count_entries (fx->out), ==, 1);
  for (guint i = 0; i < 2; i++)
    {
      const char *files[] = { "data/victim.csv", "data/victim.sav", "data/perpetrator.csv",
                              "data/perpetrator.sav", "data/submission.csv",
                              "data/submission.sav", "data/site_visit.sav",
                              "data/oral_session.csv", "codebook.json", "codebook.txt",
                              "notes/classification.csv", "MANIFEST",
                              "disclosure-report.txt", "disclosure-report.json", NULL };

      for (guint f = 0; files[f]; f++)
        {
          g_autofree char *p = g_build_filename (pack, files[f], NULL);

          g_assert_true (g_file_test (p, G_FILE_TEST_IS_REGULAR));
        }
    }

  /* Victims: one row each, pack ids linking to their submission or visit. */
  g_assert_cmpuint (g_strv_length (vlines), ==, N_VICTIMS + 2);
  g_assert_cmpint ((id_col = column_index (vlines[0], "PACKID")), ==, 0);
  g_assert_cmpint ((parent_col = column_index (vlines[0], "PARENTID")), ==, 1);
  g_assert_cmpint ((gender_col = column_index (vlines[0], "GENDER")), >, 1);
  g_assert_cmpint (column_index (vlines[0], "AGE"), >, 1);
  g_assert_cmpint (column_index (vlines[0], "DISAB_1"), >, 1);
  g_assert_cmpint (column_index (vlines[0], "DISAB_OTH"), >, 1);
  g_assert_cmpint (column_index (vlines[0], "CARESTAT"), >, 1);
  g_assert_cmpint (column_index (vlines[0], "NOTES"), ==, -1);
  g_assert_cmpint (column_index (vlines[0], "NATION"), ==, -1);
  g_assert_true (g_str_has_prefix (vlines[1], "V00001,S0001,"));
  g_assert_true (g_str_has_prefix (vlines[10], "V00010,SV0001,"));
  g_assert_true (g_str_has_prefix (vlines[N_VICTIMS + 1], "V00301,S0001,"));
  for (guint i = 1; vlines[i]; i++)
    g_assert_null (strstr (vlines[i], "-4"));
  /* "female" is 2; "unknown" and "not recorded" are their codes */
  row = vlines[1];
  {
    g_auto(GStrv) cells = g_strsplit (row, ",", -1);
    g_auto(GStrv) cells3 = g_strsplit (vlines[3], ",", -1);
    g_auto(GStrv) cells4 = g_strsplit (vlines[4], ",", -1);

    g_assert_cmpstr (cells[gender_col], ==, "2");
    g_assert_cmpstr (cells3[gender_col], ==, "-1");
    g_assert_cmpstr (cells4[gender_col], ==, "-2");
  }

  /* Submissions: no organisation name, no local area, the region kept. */
  g_assert_cmpint (column_index (slines[0], "ORGNAME"), ==, -1);
  g_assert_cmpint (column_index (slines[0], "LOCAREA"), ==, -1);
  g_assert_cmpint (column_index (slines[0], "REGION"), >, 0);
  g_assert_cmpint (column_index (slines[0], "SUMMARY"), ==, -1);
  g_assert_true (g_str_has_prefix (slines[1], "S0001,CFE-001,"));
  g_assert_cmpint (column_index (tlines[0], "PANEL"), ==, -1);
  g_assert_cmpint (column_index (tlines[0], "AREA"), ==, -1);

  /* Notes: the three reviewed ones, redacted; three left out. */
  g_assert_cmpuint (report->n_notes_written, ==, 3);
  g_assert_cmpuint (report->n_notes_unreviewed, ==, 3);
  g_assert_cmpuint (report->n_records, ==, 3 + 1 + 1 + N_VICTIMS + 1 + N_PERPETRATORS + 1);
  {
    /* Excel would take a cell that starts with @ or = for a formula. */
    g_autofree char *perps = read_file (pack, "data/perpetrator.csv", NULL);

    g_assert_nonnull (strstr (perps, ",'@SUM(1+1)*cmd"));
  }
  {
    g_autofree char *note = read_file (pack, "notes/S0001-summary.txt", NULL);
    g_autofree char *vnote = read_file (pack, "notes/V00301-notes.txt", NULL);
    g_autofree char *onote = read_file (pack, "notes/OS0001-notes.txt", NULL);
    g_autofree char *left = g_build_filename (pack, "notes", "S0002-summary.txt", NULL);

    g_assert_true (g_utf8_validate (note, -1, NULL));
    g_assert_nonnull (strstr (note, "went missing from her placement"));
    g_assert_nonnull (strstr (onote, "taxis"));
    g_assert_null (strstr (vnote, "Jade"));
    g_assert_false (g_file_test (left, G_FILE_TEST_EXISTS));
  }
  g_assert_cmpuint (g_strv_length (nlines), ==, 4);
  g_assert_true (g_str_has_prefix (nlines[0], "File,Case,Record type,Parent,"));
  g_assert_true (g_str_has_prefix (nlines[1], "S0001-summary.txt,S0001,"));
  g_assert_nonnull (strstr (report_txt, "3 left out"));
  g_assert_nonnull (strstr (report_txt, "k = 1"));
  g_assert_cmpuint (report->n_records_suppressed, ==, 0);

  json_parser_load_from_data (parser, codebook, -1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (codebook, "\"ETH_BRD\""));
  g_assert_nonnull (strstr (codebook, "\"organisation_name\""));   /* as withheld */
}

static void
test_no_identifier (PackFixture   *fx,
                    gconstpointer  data)
{
  g_autofree char *pack = write_pack (fx, "pack", NULL, NULL);
  SlPackOptions labels = { .k = 1, .labels = TRUE };
  g_autofree char *pack2 = write_pack (fx, "labels", &labels, NULL);
  g_autoptr(GPtrArray) pseudonyms = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *lab = read_file (pack2, "data/victim.csv", NULL);

  g_assert_nonnull (strstr (lab, ",Female,"));
  g_assert_nonnull (strstr (lab, ",Not recorded,"));

  for (guint i = 0; i < G_N_ELEMENTS (identifiers); i++)
    {
      g_autofree char *low = g_ascii_strdown (identifiers[i], -1);
      g_autofree char *up = g_ascii_strup (identifiers[i], -1);
      const char *forms[] = { identifiers[i], low, up };

      for (guint f = 0; f < G_N_ELEMENTS (forms); f++)
        {
          g_autofree char *where = NULL;

          if (sl_test_dir_contains (fx->out, forms[f], strlen (forms[f]), &where))
            g_error ("'%s' is in %s", forms[f], where);
        }
    }

  /* And every name the registry holds, in every form it knows. */
  pseudonyms = sl_vault_list_pseudonyms (fx->vault, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pseudonyms->len, ==, 4);
  for (guint i = 0; i < pseudonyms->len; i++)
    {
      SlPseudonym *p = g_ptr_array_index (pseudonyms, i);

      for (guint f = 0; f < p->forms->len; f++)
        {
          const char *form = g_ptr_array_index (p->forms, f);
          g_autofree char *where = NULL;

          if (g_str_equal (p->name, "Faith Police") && strchr (form, ' ') == NULL)
            continue;
          if (strlen (form) >= 5 && sl_test_dir_contains (fx->out, form, strlen (form), &where))
            g_error ("'%s' is in %s", form, where);
        }
    }
}

/* Every line of MANIFEST holds for the files in @pack, and every file but
 * MANIFEST has its line. */
static void
check_manifest (const char *pack)
{
  g_autofree char *manifest = read_file (pack, "MANIFEST", NULL);
  g_auto(GStrv) lines = g_strsplit (manifest, "\n", -1);
  g_autoptr(GHashTable) snap = sl_test_snapshot (pack);
  guint n = 0;

  for (guint i = 0; lines[i] && *lines[i]; i++, n++)
    {
      char hex[crypto_hash_sha256_BYTES * 2 + 1];
      guchar hash[crypto_hash_sha256_BYTES];
      const char *rel;
      GBytes *bytes;
      gsize size = 0;
      const guchar *bytes_data;

      g_assert_cmpuint (strlen (lines[i]), >, 66);
      g_assert_cmpint (lines[i][64], ==, ' ');
      g_assert_cmpint (lines[i][65], ==, ' ');
      rel = lines[i] + 66;
      bytes = g_hash_table_lookup (snap, rel);
      if (bytes == NULL)
        g_error ("%s is in the manifest but not the pack", rel);
      bytes_data = g_bytes_get_data (bytes, &size);
      crypto_hash_sha256 (hash, bytes_data, size);
      sodium_bin2hex (hex, sizeof hex, hash, sizeof hash);
      g_assert_cmpmem (hex, 64, lines[i], 64);
    }
  /* Every file but the manifest itself (the snapshot lists folders too). */
  {
    GHashTableIter iter;
    gpointer key;
    guint files = 0;

    g_hash_table_iter_init (&iter, snap);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      files += !g_str_has_suffix (key, "/");
    g_assert_cmpuint (n, ==, files - 1);
  }
}

static void
test_manifest (PackFixture   *fx,
               gconstpointer  data)
{
  g_autofree char *pack = write_pack (fx, "pack", NULL, NULL);

  check_manifest (pack);
}

/* An independent recount: from the CSV files and codebook.json alone, every
 * combination of quasi-identifiers is shared by at least k records, but for
 * rows whose quasi-identifiers are all suppressed. */
static void
recount (const char *pack,
         guint       k)
{
  g_autofree char *codebook = read_file (pack, "codebook.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *types;
  guint n_checked = 0;

  json_parser_load_from_data (parser, codebook, -1, &error);
  g_assert_no_error (error);
  types = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                        "record_types");
  for (guint t = 0; t < json_array_get_length (types); t++)
    {
      JsonObject *type = json_array_get_object_element (types, t);
      JsonArray *vars = json_object_get_array_member (type, "variables");
      g_autofree char *csv = read_file (pack, json_object_get_string_member (type, "csv"), NULL);
      g_auto(GStrv) lines = csv_lines (csv);
      g_autoptr(GArray) qi = g_array_new (FALSE, FALSE, sizeof (int));
      g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      GHashTableIter iter;
      gpointer key, value;

      for (guint v = 0; v < json_array_get_length (vars); v++)
        {
          JsonObject *var = json_array_get_object_element (vars, v);

          if (json_object_get_boolean_member (var, "quasi_identifier"))
            {
              int idx = column_index (lines[0], json_object_get_string_member (var, "name"));

              g_assert_cmpint (idx, >=, 0);
              g_array_append_val (qi, idx);
            }
        }
      if (qi->len == 0)
        continue;
      for (guint r = 1; lines[r]; r++)
        {
          g_auto(GStrv) cells = g_strsplit (lines[r], ",", -1);
          g_autoptr(GString) combo = g_string_new (NULL);
          gboolean all_suppressed = TRUE;

          for (guint q = 0; q < qi->len; q++)
            {
              const char *c = cells[g_array_index (qi, int, q)];

              all_suppressed &= g_str_equal (c, "-9");
              g_string_append_printf (combo, "%s|", c);
            }
          if (all_suppressed)
            continue;
          g_hash_table_insert (counts, g_strdup (combo->str),
                               GUINT_TO_POINTER (GPOINTER_TO_UINT (
                                 g_hash_table_lookup (counts, combo->str)) + 1));
        }
      g_hash_table_iter_init (&iter, counts);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          if (GPOINTER_TO_UINT (value) < k)
            g_error ("%s: the combination %s is shared by only %u records",
                     json_object_get_string_member (type, "id"), (char *) key,
                     GPOINTER_TO_UINT (value));
          n_checked++;
        }
    }
  g_assert_cmpuint (n_checked, >, 0);
}

static void
test_k_anonymity (PackFixture   *fx,
                  gconstpointer  data)
{
  SlPackOptions k10 = { .k = 10 };
  g_autoptr(SlPackReport) report = NULL;
  g_autoptr(SlPackReport) report10 = NULL;
  g_autofree char *pack = write_pack (fx, "pack", NULL, &report);
  g_autofree char *pack10 = write_pack (fx, "k10", &k10, &report10);
  g_autofree char *json = read_file (pack, "disclosure-report.json", NULL);
  g_autofree char *raw = NULL;
  g_autofree char *victims = read_file (pack, "data/victim.csv", NULL);
  SlPackOptions k1 = { .k = 1 };

  recount (pack, SL_PACK_DEFAULT_K);
  recount (pack10, 10);
  g_assert_cmpuint (report->k_reached, >=, SL_PACK_DEFAULT_K);
  g_assert_cmpuint (report10->k_reached, >=, 10);
  /* No more than the allowed share of people lost their quasi-identifiers. */
  g_assert_cmpuint (report->n_records_suppressed, <=,
                    (N_VICTIMS + 1 + N_PERPETRATORS + 1) * SL_PACK_DEFAULT_MAX_SUPPRESSION + 3);
  g_assert_nonnull (strstr (json, "\"applied\" : true"));

  /* Without disclosure control the fixture has people who stand out, so
   * the recount is not vacuous. */
  g_free (write_pack (fx, "raw", &k1, NULL));
  raw = g_build_filename (fx->out, "raw", NULL);
  g_assert_false (g_test_failed ());
  {
    g_autofree char *raw_csv = read_file (raw, "data/victim.csv", NULL);

    g_assert_cmpstr (raw_csv, !=, victims);
  }
}

static char *
run_pspp (const char *dir,
          const char *sav)
{
  g_autofree char *syntax = g_strdup_printf ("GET FILE='%s'.\nDISPLAY DICTIONARY.\n", sav);
  g_autofree char *sps = g_build_filename (dir, "check.sps", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;
  const char *argv[] = { "pspp", "-O", "format=txt", "-o", "-", "check.sps", NULL };

  g_file_set_contents (sps, syntax, -1, &error);
  g_assert_no_error (error);
  g_spawn_sync (dir, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status,
                &error);
  g_assert_no_error (error);
  g_unlink (sps);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("pspp failed on %s: %s\n%s", sav, out, err);
  return out;
}

static void
check_pspp (const char *pack,
            const char *work,
            gboolean    raw)
{
  const char *types[] = { "submission", "site_visit", "oral_session", "victim", "perpetrator",
                          "indicator_return" };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_autofree char *rel = g_strdup_printf ("%s.sav", types[i]);
      g_autofree char *src = g_build_filename (pack, "data", rel, NULL);
      g_autofree char *dst = g_build_filename (work, rel, NULL);
      g_autofree char *contents = NULL;
      g_autofree char *out = NULL;
      gsize len = 0;
      g_autoptr(GError) error = NULL;

      g_file_get_contents (src, &contents, &len, &error);
      g_assert_no_error (error);
      g_file_set_contents (dst, contents, (gssize) len, &error);
      g_assert_no_error (error);
      out = run_pspp (work, rel);
      g_test_message ("%s", out);
      g_assert_nonnull (strstr (out, "PACKID"));
      g_assert_null (strstr (out, "rror"));
      if (g_str_equal (types[i], "victim"))
        {
          g_assert_nonnull (strstr (out, "Gender"));
          g_assert_nonnull (strstr (out, "Female"));
          g_assert_nonnull (strstr (out, "Not recorded"));
          g_assert_nonnull (strstr (out, "Suppressed"));
          g_assert_nonnull (strstr (out, "Ethnicity"));
          g_assert_nonnull (strstr (out, "Nominal"));
          /* unknown, not recorded and suppressed are user-missing */
          g_assert_nonnull (strstr (out, "-1"));
          g_assert_nonnull (strstr (out, "-9"));
          if (raw)
            {
              g_assert_nonnull (strstr (out, "Learning disability"));
              g_assert_nonnull (strstr (out, "Scale"));
            }
        }
      g_unlink (dst);
    }
}

static void
test_pspp (PackFixture   *fx,
           gconstpointer  data)
{
  SlPackOptions k1 = { .k = 1 };
  g_autofree char *raw = write_pack (fx, "raw", &k1, NULL);
  g_autofree char *pack = write_pack (fx, "pack", NULL, NULL);
  g_autofree char *pspp = g_find_program_in_path ("pspp");
  g_autofree char *work = g_build_filename (fx->tmpdir, "pspp", NULL);

  if (pspp == NULL)
    {
      g_test_skip ("pspp is not installed");
      return;
    }
  g_assert_cmpint (g_mkdir (work, 0700), ==, 0);
  check_pspp (raw, work, TRUE);
  check_pspp (pack, work, FALSE);
  g_rmdir (work);
}

static void
cancel_cb (double   fraction,
           gpointer user_data)
{
  if (fraction > 0.3)
    g_cancellable_cancel (user_data);
}

static void
test_cancel (PackFixture   *fx,
             gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fx->out, "pack", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SlPackReport) report = NULL;

  /* Cancelled half-way, from the progress callback. */
  g_assert_false (sl_vault_write_pack (fx->vault, folder, NULL, cancel_cb, cancellable,
                                       cancellable, &report, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (report);
  g_assert_cmpuint (count_entries (fx->out), ==, 0);
  g_clear_error (&error);

  /* Cancelled before it starts. */
  g_assert_false (sl_vault_write_pack (fx->vault, folder, NULL, NULL, NULL, cancellable, NULL,
                                       &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (count_entries (fx->out), ==, 0);
}

static void
test_failures (PackFixture   *fx,
               gconstpointer  data)
{
  g_autofree char *ro = g_build_filename (fx->out, "read-only", NULL);
  g_autofree char *path = g_build_filename (ro, "pack", NULL);
  g_autofree char *existing = g_build_filename (fx->out, "existing", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (path);
  g_autoptr(GFile) there = g_file_new_for_path (existing);
  g_autoptr(GError) error = NULL;

  /* A target that exists is never overwritten. */
  g_assert_cmpint (g_mkdir (existing, 0700), ==, 0);
  g_assert_false (sl_vault_write_pack (fx->vault, there, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, SL_PACK_ERROR, SL_PACK_ERROR_EXISTS);
  g_assert_cmpuint (count_entries (existing), ==, 0);
  g_assert_cmpuint (count_entries (fx->out), ==, 1);
  g_clear_error (&error);

  /* A parent that is not a folder: nothing is made anywhere. */
  {
    g_autofree char *file = g_build_filename (fx->out, "a-file", NULL);
    g_autofree char *under = g_build_filename (file, "pack", NULL);
    g_autoptr(GFile) bad = g_file_new_for_path (under);

    g_file_set_contents (file, "", 0, &error);
    g_assert_no_error (error);
    g_assert_false (sl_vault_write_pack (fx->vault, bad, NULL, NULL, NULL, NULL, NULL, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
    g_assert_cmpuint (count_entries (fx->out), ==, 2);
    g_unlink (file);
  }

  if (geteuid () == 0)
    {
      g_test_skip ("root writes into read-only folders");
      return;
    }
  g_assert_cmpint (g_mkdir (ro, 0500), ==, 0);
  g_assert_false (sl_vault_write_pack (fx->vault, folder, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_assert_cmpuint (count_entries (ro), ==, 0);
  g_chmod (ro, 0700);
}

static void
test_leak_refused (PackFixture   *fx,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fx->out, "pack", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  const char *keep[] = { "Brambleton Safeguarding Board", "Brambleton", NULL };
  g_autofree char *redacted = NULL;

  /* The reviewer judged the organisation's name harmless in the note: the
   * redactor keeps it, and the scan must catch it. */
  set_note (fx->vault, fx->session, "notes",
            "A worker from Brambleton Safeguarding Board described the taxis.");
  review (fx->vault, fx->session, "notes", keep);
  redacted = sl_vault_redact_note (fx->vault, fx->session, "notes", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (redacted, "Brambleton Safeguarding Board"));

  g_assert_false (sl_vault_write_pack (fx->vault, folder, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, SL_PACK_ERROR, SL_PACK_ERROR_IDENTIFIER);
  g_assert_nonnull (strstr (error->message, "submission.organisation_name"));
  g_assert_nonnull (strstr (error->message, "notes/OS0001-notes.txt"));
  g_assert_null (strstr (error->message, "Brambleton"));
  g_assert_cmpuint (count_entries (fx->out), ==, 0);
}

/* A direct identifier in a data file, not a note: the scan finds it in
 * the .csv and in the .sav (compressed, and scanned as a reader gets its
 * cases too), whether the pack is a folder or a .zip. */
static void
test_leak_in_data_refused (PackFixture   *fx,
                           gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fx->out, "pack", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (path);
  g_autofree char *zip_path = g_build_filename (fx->out, "pack.zip", NULL);
  g_autoptr(GFile) zip_file = g_file_new_for_path (zip_path);
  g_autoptr(GError) error = NULL;
  SlPackOptions zip = { .zip = TRUE };
  const char *a[] = { "label=Brambleton Safeguarding Board", "gender=female", "age=15", NULL };

  g_free (sl_test_add_record (fx->vault, "victim", fx->submissions[2], a));

  g_assert_false (sl_vault_write_pack (fx->vault, folder, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, SL_PACK_ERROR, SL_PACK_ERROR_IDENTIFIER);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "submission.organisation_name in data/victim.csv"));
  g_assert_nonnull (strstr (error->message, "submission.organisation_name in data/victim.sav"));
  g_assert_null (strstr (error->message, "Brambleton"));
  g_clear_error (&error);

  g_assert_false (sl_vault_write_pack (fx->vault, zip_file, &zip, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, SL_PACK_ERROR, SL_PACK_ERROR_IDENTIFIER);
  g_assert_nonnull (strstr (error->message, "in data/victim.sav"));
  g_assert_cmpuint (count_entries (fx->out), ==, 0);
}

static guint
count_in (SlVault    *vault,
          const char *type,
          const char *parent_a,
          const char *parent_b)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  records = sl_vault_list_records (vault, type, FALSE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < records->len; i++)
    {
      const char *parent = sl_record_get_parent (g_ptr_array_index (records, i));

      n += g_strcmp0 (parent, parent_a) == 0 || g_strcmp0 (parent, parent_b) == 0;
    }
  return n;
}

static guint
count_rows (const char *pack,
            const char *rel)
{
  g_autofree char *csv = read_file (pack, rel, NULL);
  g_auto(GStrv) lines = csv_lines (csv);

  return g_strv_length (lines) - 1;
}

static void
test_scope (PackFixture   *fx,
            gconstpointer  data)
{
  const char *scope[] = { fx->visit, fx->submissions[0], NULL };
  SlPackOptions options = { .scope = scope };
  g_autoptr(SlPackReport) report = NULL;
  g_autofree char *pack = write_pack (fx, "scoped", &options, &report);
  g_autofree char *json = read_file (pack, "disclosure-report.json", NULL);
  g_autofree char *subs = read_file (pack, "data/submission.csv", NULL);
  g_autofree char *visits = read_file (pack, "data/site_visit.csv", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  guint victims = count_in (fx->vault, "victim", fx->submissions[0], fx->visit);
  guint perps = count_in (fx->vault, "perpetrator", fx->submissions[0], fx->visit);
  JsonArray *ids;
  const char *out_of_scope[] = { "CFE-002", "CFE-003", "OS-01" };

  /* The two records named and the people coded in them, nothing else. */
  g_assert_cmpuint (victims, >, 50);
  g_assert_cmpuint (victims, <, N_VICTIMS);
  g_assert_cmpuint (count_rows (pack, "data/victim.csv"), ==, victims);
  g_assert_cmpuint (count_rows (pack, "data/perpetrator.csv"), ==, perps);
  g_assert_cmpuint (count_rows (pack, "data/submission.csv"), ==, 1);
  g_assert_cmpuint (count_rows (pack, "data/site_visit.csv"), ==, 1);
  g_assert_cmpuint (count_rows (pack, "data/oral_session.csv"), ==, 0);
  g_assert_cmpuint (count_rows (pack, "data/indicator_return.csv"), ==, 0);
  g_assert_cmpuint (report->n_records, ==, 2 + victims + perps);
  g_assert_nonnull (strstr (subs, "\r\nS0001,CFE-001,"));
  g_assert_nonnull (strstr (visits, "\r\nSV0001,SV-01,"));
  for (guint i = 0; i < G_N_ELEMENTS (out_of_scope); i++)
    {
      g_autofree char *where = NULL;

      if (sl_test_dir_contains (pack, out_of_scope[i], strlen (out_of_scope[i]), &where))
        g_error ("'%s', outside the scope, is in %s", out_of_scope[i], where);
    }

  /* Notes of the scoped records only: the submission's and its victim's
   * reviewed notes; the visit's two unreviewed ones left out. */
  g_assert_cmpuint (report->n_notes_written, ==, 2);
  g_assert_cmpuint (report->n_notes_unreviewed, ==, 2);
  {
    g_autofree char *p = g_build_filename (pack, "notes", "S0001-summary.txt", NULL);
    g_autofree char *q = g_build_filename (pack, "notes", "OS0001-notes.txt", NULL);

    g_assert_true (g_file_test (p, G_FILE_TEST_IS_REGULAR));
    g_assert_false (g_file_test (q, G_FILE_TEST_EXISTS));
  }

  /* The report names the scope by pack ids, in the codebook's order. */
  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  ids = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "scope");
  g_assert_cmpuint (json_array_get_length (ids), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (ids, 0), ==, "S0001");
  g_assert_cmpstr (json_array_get_string_element (ids, 1), ==, "SV0001");

  /* k-anonymity over the scoped records themselves. */
  recount (pack, SL_PACK_DEFAULT_K);
  g_assert_cmpuint (report->k_reached, >=, SL_PACK_DEFAULT_K);
}

/* A small scope: classes that are large in the whole vault are small in
 * it, and disclosure control must see that. */
static void
test_scope_k (PackFixture   *fx,
              gconstpointer  data)
{
  const char *scope[] = { fx->submissions[2], NULL };
  SlPackOptions options = { .scope = scope, .k = 10 };
  SlPackOptions all = { .k = 10 };
  g_autoptr(SlPackReport) report = NULL;
  g_autoptr(SlPackReport) report_all = NULL;
  g_autofree char *pack = write_pack (fx, "scoped", &options, &report);
  g_autofree char *whole = write_pack (fx, "whole", &all, &report_all);

  recount (pack, 10);
  recount (whole, 10);
  g_assert_cmpuint (report->n_records, <, report_all->n_records / 2);
  g_assert_cmpuint (report->k_reached, >=, 10);
}

static void
test_scope_refused (PackFixture   *fx,
                    gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fx->out, "pack", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(SlPackReport) report = NULL;
  const char *person[] = { fx->submissions[0], fx->victim_noted, NULL };
  const char *unknown[] = { "0193a4c2-6f1e-7a55-9d0e-2b1f7c1e4a11", NULL };
  const char *empty[] = { NULL };
  const char *deleted[] = { fx->session, NULL };
  struct { const char * const *scope; const char *says; } cases[] = {
    { person, "belongs to another record" },
    { unknown, "no such record" },
    { empty, "scope is empty" },
    { deleted, "deleted" },
  };

  g_assert_true (sl_vault_delete_record (fx->vault, fx->session, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      SlPackOptions options = { .scope = cases[i].scope };

      g_assert_false (sl_vault_write_pack (fx->vault, folder, &options, NULL, NULL, NULL, &report,
                                           &error));
      g_assert_error (error, SL_PACK_ERROR, SL_PACK_ERROR_SCOPE);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, cases[i].says));
      g_assert_nonnull (strstr (error->message, "nothing was written"));
      g_assert_null (report);
      g_assert_cmpuint (count_entries (fx->out), ==, 0);
      g_clear_error (&error);
    }
}

/* Extracts @zip into @dest with Python's zipfile, which checks every CRC;
 * returns the names in the archive, one a line. */
static char *
unzip_with_python (const char *zip,
                   const char *dest)
{
  const char *script =
    "import sys, zipfile\n"
    "z = zipfile.ZipFile(sys.argv[1])\n"
    "assert z.testzip() is None\n"
    "for i in z.infolist():\n"
    "    assert i.flag_bits & 0x800, i.filename\n"
    "    print(i.filename)\n"
    "z.extractall(sys.argv[2])\n";
  const char *argv[] = { "python3", "-c", script, zip, dest, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status,
                &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("python3 could not read %s: %s", zip, err);
  return out;
}

/* The report's time of writing, which two packs never share. */
static GBytes *
without_time (const char *rel,
              GBytes     *bytes)
{
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_autoptr(GRegex) re = NULL;
  char *out;

  if (g_str_equal (rel, "MANIFEST"))
    {
      re = g_regex_new ("^.*disclosure-report.*$", G_REGEX_MULTILINE, 0, NULL);
      out = g_regex_replace_literal (re, text, -1, 0, "", 0, NULL);
    }
  else if (g_str_has_prefix (rel, "disclosure-report"))
    {
      re = g_regex_new ("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z", 0, 0, NULL);
      out = g_regex_replace_literal (re, text, -1, 0, "TIME", 0, NULL);
    }
  else
    return g_bytes_ref (bytes);
  return g_bytes_new_take (out, strlen (out));
}

/* @a and @b hold the same files with the same bytes (the report's time
 * aside). */
static void
assert_same_pack (const char *a,
                  const char *b)
{
  g_autoptr(GHashTable) x = sl_test_snapshot (a);
  g_autoptr(GHashTable) y = sl_test_snapshot (b);
  GHashTableIter iter;
  gpointer key, value;
  guint n = 0;

  g_assert_cmpuint (g_hash_table_size (x), ==, g_hash_table_size (y));
  g_hash_table_iter_init (&iter, x);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GBytes *other = g_hash_table_lookup (y, key);
      g_autoptr(GBytes) p = NULL;
      g_autoptr(GBytes) q = NULL;

      if (other == NULL)
        g_error ("%s is in %s but not in %s", (char *) key, a, b);
      p = without_time (key, value);
      q = without_time (key, other);
      if (!g_bytes_equal (p, q))
        g_error ("%s differs between %s and %s", (char *) key, a, b);
      n += g_bytes_equal (value, other);
    }
  /* all but the two reports and MANIFEST byte for byte */
  g_assert_cmpuint (n, >=, g_hash_table_size (x) - 3);
}

static void
test_zip (PackFixture   *fx,
          gconstpointer  data)
{
  SlPackOptions zip = { .zip = TRUE };
  g_autoptr(SlPackReport) report = NULL;
  g_autoptr(SlPackReport) zip_report = NULL;
  g_autofree char *folder = write_pack (fx, "csegg-pack", NULL, &report);
  g_autofree char *file = write_pack (fx, "csegg-pack.zip", &zip, &zip_report);
  g_autofree char *dest = g_build_filename (fx->tmpdir, "unzipped", NULL);
  g_autofree char *inside = g_build_filename (dest, "csegg-pack", NULL);
  g_autofree char *names = NULL;
  GStatBuf st;

  /* One file beside the folder, nothing else, readable by its owner only. */
  g_assert_cmpuint (count_entries (fx->out), ==, 2);
  g_assert_cmpint (g_stat (file, &st), ==, 0);
  g_assert_true (S_ISREG (st.st_mode));
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpuint (zip_report->n_files, ==, report->n_files);
  g_assert_cmpuint (zip_report->n_records, ==, report->n_records);

  /* A folder named after the file, holding what the folder pack holds. */
  names = unzip_with_python (file, dest);
  g_assert_true (g_str_has_prefix (names, "csegg-pack/\n"));
  g_assert_nonnull (strstr (names, "\ncsegg-pack/data/victim.sav\n"));
  g_assert_nonnull (strstr (names, "\ncsegg-pack/notes/classification.csv\n"));
  g_assert_cmpuint (count_entries (dest), ==, 1);
  assert_same_pack (folder, inside);
  check_manifest (inside);
  recount (inside, SL_PACK_DEFAULT_K);
}

static void
cancel_late_cb (double   fraction,
                gpointer user_data)
{
  /* while the .zip is being put together */
  if (fraction > 0.92 && fraction < 1.0)
    g_cancellable_cancel (user_data);
}

static void
test_zip_cancel (PackFixture   *fx,
                 gconstpointer  data)
{
  SlPackOptions zip = { .zip = TRUE };
  g_autofree char *path = g_build_filename (fx->out, "pack.zip", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_assert_false (sl_vault_write_pack (fx->vault, file, &zip, cancel_late_cb, cancellable,
                                       cancellable, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (count_entries (fx->out), ==, 0);
  g_clear_error (&error);

  /* A file there already is never replaced. */
  g_file_set_contents (path, "mine", -1, &error);
  g_assert_no_error (error);
  g_assert_false (sl_vault_write_pack (fx->vault, file, &zip, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, SL_PACK_ERROR, SL_PACK_ERROR_EXISTS);
  g_assert_cmpuint (count_entries (fx->out), ==, 1);
  {
    g_autofree char *kept = read_file (fx->out, "pack.zip", NULL);

    g_assert_cmpstr (kept, ==, "mine");
  }
}

#define AGE_MAGIC "age-encryption.org/v1\n"

typedef struct
{
  const char *dir;
  guint       n_seen;    /* files seen in the folder while writing */
} Watch;

/* Every file in the output folder, at every step, is already encrypted. */
static void
watch_cb (double   fraction,
          gpointer user_data)
{
  Watch *w = user_data;
  g_autoptr(GHashTable) snap = sl_test_snapshot (w->dir);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, snap);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gsize len = 0;
      const char *data = g_bytes_get_data (value, &len);

      if (g_str_has_suffix (key, "/"))
        g_error ("a folder %s appeared while writing an encrypted pack", (char *) key);
      if (len < strlen (AGE_MAGIC) || memcmp (data, AGE_MAGIC, strlen (AGE_MAGIC)) != 0)
        g_error ("%s, not encrypted, is on the disk at %.2f", (char *) key, fraction);
      w->n_seen++;
    }
}

static void
test_age (PackFixture   *fx,
          gconstpointer  data)
{
  g_autoptr(SlSecret) identity = sl_age_x25519_generate ();
  g_autoptr(GBytes) public = sl_age_identity_to_recipient (identity);
  g_autofree char *recipient = sl_age_recipient_to_string (public);
  SlPackOptions options = { .recipient = recipient };
  g_autoptr(SlPackReport) report = NULL;
  g_autofree char *folder = write_pack (fx, "pack", NULL, NULL);
  g_autofree char *path = g_build_filename (fx->out, "pack.zip.age", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *sealed = NULL;
  g_autofree char *zip_path = g_build_filename (fx->tmpdir, "opened.zip", NULL);
  g_autofree char *dest = g_build_filename (fx->tmpdir, "unzipped", NULL);
  g_autofree char *inside = g_build_filename (dest, "pack", NULL);
  g_autofree char *names = NULL;
  g_autofree char *age = g_find_program_in_path ("age");
  g_autoptr(GPtrArray) identities = g_ptr_array_new ();
  g_autoptr(GBytes) sealed_bytes = NULL;
  g_autoptr(GBytes) zip = NULL;
  g_autoptr(GError) error = NULL;
  Watch watch = { fx->out, 0 };
  gsize len = 0;

  /* The folder pack moved aside; then the folder is watched all along:
   * nothing but age ciphertext ever sits in it. */
  {
    g_autofree char *moved = g_build_filename (fx->tmpdir, "folder-pack", NULL);

    g_assert_cmpint (g_rename (folder, moved), ==, 0);
    g_free (folder);
    folder = g_steal_pointer (&moved);
  }
  g_assert_true (sl_vault_write_pack (fx->vault, file, &options, watch_cb, &watch, NULL, &report,
                                      &error));
  g_assert_no_error (error);
  g_assert_cmpuint (watch.n_seen, >=, 2);   /* the hidden file, then the pack */
  g_assert_cmpuint (count_entries (fx->out), ==, 1);
  sealed = read_file (fx->out, "pack.zip.age", &len);
  g_assert_cmpmem (sealed, strlen (AGE_MAGIC), AGE_MAGIC, strlen (AGE_MAGIC));
  g_assert_null (memmem (sealed, len, "PACKID", 6));
  g_assert_null (memmem (sealed, len, "disclosure-report", 17));

  /* Our own reader opens it with the analyst's identity, and the .zip
   * inside is the folder pack. */
  sealed_bytes = g_bytes_new (sealed, len);
  g_ptr_array_add (identities, identity);
  zip = sl_age_decrypt (sealed_bytes, identities, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (zip, NULL), 4, "PK\x03\x04", 4);
  g_file_set_contents (zip_path, g_bytes_get_data (zip, NULL), (gssize) g_bytes_get_size (zip),
                       &error);
  g_assert_no_error (error);
  names = unzip_with_python (zip_path, dest);
  g_assert_true (g_str_has_prefix (names, "pack/\n"));
  assert_same_pack (folder, inside);
  check_manifest (inside);

  /* Another vault's identity opens nothing. */
  {
    g_autoptr(SlSecret) other = sl_age_x25519_generate ();
    g_autoptr(GPtrArray) wrong = g_ptr_array_new ();
    g_autoptr(GBytes) none = NULL;

    g_ptr_array_add (wrong, other);
    none = sl_age_decrypt (sealed_bytes, wrong, NULL, &error);
    g_assert_null (none);
    g_assert_error (error, SL_AGE_ERROR, SL_AGE_ERROR_NO_IDENTITY);
    g_clear_error (&error);
  }

  /* And so does the age tool, to the same bytes. */
  if (age == NULL)
    {
      g_test_message ("age is not installed: opened with Sightline's own reader only");
      return;
    }
  {
    g_autoptr(SlSecret) key_text = sl_age_identity_to_string (identity);
    g_autofree char *key_path = g_build_filename (fx->tmpdir, "analyst.key", NULL);
    const char *argv[] = { age, "-d", "-i", key_path, path, NULL };
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    gint status = 0;
    gsize out_len;

    g_file_set_contents_full (key_path, (const char *) sl_secret_get_data (key_text),
                              (gssize) sl_secret_get_size (key_text), 0, 0600, &error);
    g_assert_no_error (error);
    g_spawn_sync (NULL, (char **) argv, NULL, 0, NULL, NULL, &out, &err, &status, &error);
    g_assert_no_error (error);
    if (!g_spawn_check_wait_status (status, NULL))
      g_error ("age -d failed: %s", err);
    /* g_spawn_sync's output is NUL-terminated; the .zip holds NULs */
    out_len = g_bytes_get_size (zip);
    g_assert_cmpmem (out, out_len, g_bytes_get_data (zip, NULL), out_len);
  }
}

static void
test_age_refused (PackFixture   *fx,
                  gconstpointer  data)
{
  const char *bad[] = { "age1notarecipient", "AGE-SECRET-KEY-1QQQQ", "" };
  g_autofree char *path = g_build_filename (fx->out, "pack.zip.age", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      SlPackOptions options = { .recipient = bad[i] };
      g_autoptr(GError) error = NULL;

      g_assert_false (sl_vault_write_pack (fx->vault, file, &options, NULL, NULL, NULL, NULL,
                                           &error));
      g_assert_error (error, SL_PACK_ERROR, SL_PACK_ERROR_RECIPIENT);
      g_assert_nonnull (strstr (error->message, "age1"));
      g_assert_cmpuint (count_entries (fx->out), ==, 0);
    }
}

static JsonObject *
report_json_type (JsonParser *parser,
                  const char *pack,
                  const char *type)
{
  g_autofree char *json = read_file (pack, "disclosure-report.json", NULL);
  g_autoptr(GError) error = NULL;
  JsonArray *types;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  types = json_object_get_array_member (
    json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                   "k_anonymity"), "record_types");
  for (guint i = 0; i < json_array_get_length (types); i++)
    {
      JsonObject *o = json_array_get_object_element (types, i);

      if (g_str_equal (json_object_get_string_member (o, "id"), type))
        return o;
    }
  g_error ("%s is not in the disclosure report", type);
  return NULL;
}

/* The preview says what the writer then does, to every level. */
static void
check_preview_matches (PackFixture         *fx,
                       const SlPackOptions *options,
                       const char          *name)
{
  g_autoptr(SlPackPreview) preview = NULL;
  g_autoptr(SlPackReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pack = NULL;
  guint n_generalised = 0;

  preview = sl_vault_preview_pack (fx->vault, options, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (preview);
  /* Nothing written. */
  g_assert_cmpuint (count_entries (fx->out), ==, 0);

  pack = write_pack (fx, name, options, &report);
  g_assert_cmpuint (preview->n_records, ==, report->n_records);
  g_assert_cmpuint (preview->n_records_suppressed, ==, report->n_records_suppressed);
  g_assert_cmpuint (preview->k_reached, ==, report->k_reached);
  g_assert_cmpuint (preview->n_notes_written, ==, report->n_notes_written);
  g_assert_cmpuint (preview->n_notes_unreviewed, ==, report->n_notes_unreviewed);
  g_assert_cmpuint (preview->types->len, ==, 6);
  for (guint i = 0; i < preview->types->len; i++)
    {
      SlPackPreviewType *t = g_ptr_array_index (preview->types, i);
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *o = report_json_type (parser, pack, t->type);
      JsonArray *qis = json_object_get_array_member (o, "quasi_identifiers");

      g_assert_cmpuint (t->n_suppressed, ==, json_object_get_int_member (o, "records_suppressed"));
      g_assert_cmpuint (t->n_classes, ==, json_object_get_int_member (o, "classes"));
      g_assert_cmpuint (t->quasi_identifiers->len, ==, json_array_get_length (qis));
      for (guint q = 0; q < t->quasi_identifiers->len; q++)
        {
          SlPackPreviewField *f = g_ptr_array_index (t->quasi_identifiers, q);
          JsonObject *qo = json_array_get_object_element (qis, q);

          g_assert_cmpstr (f->field, ==, json_object_get_string_member (qo, "field"));
          g_assert_cmpuint (f->level, ==, json_object_get_int_member (qo, "level"));
          g_assert_cmpstr (f->generalisation, ==,
                           json_object_get_string_member (qo, "generalisation"));
          g_assert_cmpuint (f->level, <=, f->top);
          n_generalised += f->level > 0;
        }
      if (g_str_equal (t->type, "submission"))
        {
          gboolean name_withheld = FALSE;

          for (guint w = 0; w < t->withheld->len; w++)
            {
              SlPackPreviewField *f = g_ptr_array_index (t->withheld, w);

              name_withheld |= g_str_equal (f->field, "organisation_name") &&
                               g_str_equal (f->generalisation, "direct identifier");
            }
          g_assert_true (name_withheld);
        }
    }
  /* at k = 5 and more, the fixture needs generalising */
  if (options == NULL || options->k != 1)
    g_assert_cmpuint (n_generalised, >, 0);
  sl_test_remove_tree (pack);
}

static void
test_preview (PackFixture   *fx,
              gconstpointer  data)
{
  const char *scope[] = { fx->submissions[0], fx->visit, NULL };
  SlPackOptions scoped = { .scope = scope, .k = 10 };
  SlPackOptions none = { .k = 1 };
  const char *bad[] = { fx->victim_noted, NULL };
  SlPackOptions refused = { .scope = bad };
  g_autoptr(GError) error = NULL;
  g_autoptr(SlPackPreview) preview = NULL;

  check_preview_matches (fx, NULL, "pack");
  check_preview_matches (fx, &scoped, "scoped");
  check_preview_matches (fx, &none, "raw");

  /* The preview refuses what the writer refuses. */
  preview = sl_vault_preview_pack (fx->vault, &refused, NULL, &error);
  g_assert_null (preview);
  g_assert_error (error, SL_PACK_ERROR, SL_PACK_ERROR_SCOPE);
}

typedef struct
{
  GMainLoop    *loop;
  GThread      *main_thread;
  GCancellable *cancel_on_progress;
  GAsyncResult *result;
  guint         n_progress;
  double        last;
  gboolean      notified;
} AsyncState;

static void
async_progress_cb (double   fraction,
                   gpointer user_data)
{
  AsyncState *st = user_data;

  /* delivered in the caller's main context, in order */
  g_assert_true (g_thread_self () == st->main_thread);
  g_assert_cmpfloat (fraction, >=, st->last);
  st->last = fraction;
  st->n_progress++;
  if (st->cancel_on_progress != NULL && fraction > 0.05)
    g_cancellable_cancel (st->cancel_on_progress);
}

static void
async_notify_cb (gpointer user_data)
{
  AsyncState *st = user_data;

  /* in the caller's context too, though the worker may drop the job */
  g_assert_true (g_thread_self () == st->main_thread);
  st->notified = TRUE;
}

static void
async_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  AsyncState *st = user_data;

  g_assert_true (g_thread_self () == st->main_thread);
  st->result = g_object_ref (result);
  g_main_loop_quit (st->loop);
}

static gboolean
async_timeout_cb (gpointer user_data)
{
  g_error ("the pack took more than a minute");
  return G_SOURCE_REMOVE;
}

static void
run_async (PackFixture  *fx,
           GFile        *file,
           AsyncState   *st,
           GCancellable *cancellable)
{
  guint timeout = g_timeout_add_seconds (60, async_timeout_cb, NULL);

  st->loop = g_main_loop_new (NULL, FALSE);
  st->main_thread = g_thread_self ();
  st->last = 0.0;
  sl_vault_write_pack_async (fx->vault, file, NULL, async_progress_cb, st, async_notify_cb,
                             cancellable, async_done_cb, st);
  g_main_loop_run (st->loop);
  g_source_remove (timeout);
  g_main_loop_unref (st->loop);
}

static void
test_async (PackFixture   *fx,
            gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fx->out, "pack", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (path);
  g_autoptr(SlPackReport) report = NULL;
  g_autoptr(GError) error = NULL;
  AsyncState st = { 0 };

  run_async (fx, folder, &st, NULL);
  g_assert_true (sl_vault_write_pack_finish (fx->vault, st.result, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_records, ==, 3 + 1 + 1 + N_VICTIMS + 1 + N_PERPETRATORS + 1);
  g_assert_cmpuint (st.n_progress, >=, 10);
  g_assert_cmpuint (st.n_progress, <=, 110);
  g_assert_cmpfloat (st.last, ==, 1.0);
  g_clear_object (&st.result);
  /* the progress data is let go once no more progress can come */
  {
    guint guard = g_timeout_add_seconds (30, async_timeout_cb, NULL);

    while (!st.notified)
      g_main_context_iteration (NULL, TRUE);
    g_source_remove (guard);
  }
  check_manifest (path);
  recount (path, SL_PACK_DEFAULT_K);
}

static void
test_async_cancel (PackFixture   *fx,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fx->out, "pack.zip", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GCancellable) before = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  AsyncState st = { 0 };
  AsyncState st2 = { 0 };

  /* Cancelled from the main context while the worker builds it. */
  st.cancel_on_progress = cancellable;
  run_async (fx, file, &st, cancellable);
  g_assert_false (sl_vault_write_pack_finish (fx->vault, st.result, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (count_entries (fx->out), ==, 0);
  g_assert_cmpfloat (st.last, <, 1.0);
  g_clear_object (&st.result);
  g_clear_error (&error);

  /* Cancelled before it starts. */
  g_cancellable_cancel (before);
  run_async (fx, file, &st2, before);
  g_assert_false (sl_vault_write_pack_finish (fx->vault, st2.result, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (count_entries (fx->out), ==, 0);
  g_clear_object (&st2.result);
}

static void
preview_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  AsyncState *st = user_data;

  st->result = g_object_ref (result);
  g_main_loop_quit (st->loop);
}

static void
test_preview_async (PackFixture   *fx,
                    gconstpointer  data)
{
  g_autoptr(SlPackPreview) sync = NULL;
  g_autoptr(SlPackPreview) async = NULL;
  g_autoptr(GError) error = NULL;
  AsyncState st = { 0 };

  sync = sl_vault_preview_pack (fx->vault, NULL, NULL, &error);
  g_assert_no_error (error);
  st.loop = g_main_loop_new (NULL, FALSE);
  sl_vault_preview_pack_async (fx->vault, NULL, NULL, preview_done_cb, &st);
  g_main_loop_run (st.loop);
  g_main_loop_unref (st.loop);
  async = sl_vault_preview_pack_finish (fx->vault, st.result, &error);
  g_assert_no_error (error);
  g_clear_object (&st.result);
  g_assert_cmpuint (async->n_records, ==, sync->n_records);
  g_assert_cmpuint (async->n_records_suppressed, ==, sync->n_records_suppressed);
  g_assert_cmpuint (async->k_reached, ==, sync->k_reached);
  g_assert_cmpuint (count_entries (fx->out), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_assert_cmpint (sodium_init (), >=, 0);

#define PACK_TEST(path, fn) \
  g_test_add ("/sightline/pack/" path, PackFixture, NULL, pack_setup, fn, pack_teardown)

  PACK_TEST ("contents", test_contents);
  PACK_TEST ("no-identifier", test_no_identifier);
  PACK_TEST ("manifest", test_manifest);
  PACK_TEST ("k-anonymity", test_k_anonymity);
  PACK_TEST ("pspp", test_pspp);
  PACK_TEST ("cancel", test_cancel);
  PACK_TEST ("failures", test_failures);
  PACK_TEST ("leak-refused", test_leak_refused);
  PACK_TEST ("leak-in-data-refused", test_leak_in_data_refused);
  PACK_TEST ("scope", test_scope);
  PACK_TEST ("scope-k", test_scope_k);
  PACK_TEST ("scope-refused", test_scope_refused);
  PACK_TEST ("zip", test_zip);
  PACK_TEST ("zip-cancel", test_zip_cancel);
  PACK_TEST ("age", test_age);
  PACK_TEST ("age-refused", test_age_refused);
  PACK_TEST ("preview", test_preview);
  PACK_TEST ("preview-async", test_preview_async);
  PACK_TEST ("async", test_async);
  PACK_TEST ("async-cancel", test_async_cancel);
  return g_test_run ();
}
