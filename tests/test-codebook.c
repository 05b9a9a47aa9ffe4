/* test-codebook.c
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

#include <locale.h>
#include <string.h>

#include "sl-codebook.h"

static char *
codebook_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "codebooks", name, NULL);
}

static SlCodebook *
load_codebook (const char *name)
{
  g_autofree char *path = codebook_path (name);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  SlCodebook *book = sl_codebook_new_from_file (file, &error);

  g_assert_no_error (error);
  return book;
}

static void
test_bundled_csegg (void)
{
  g_autoptr(SlCodebook) book = load_codebook ("csegg-2012.json");
  g_autoptr(SlCodebook) builtin = sl_codebook_new_default ();
  static const char *types[] = { "submission", "site_visit", "oral_session", "victim",
                                 "perpetrator" };
  static const char *submission_fields[] = { "reference", "organisation_name",
                                             "organisation_type", "date_received", "summary",
                                             "victims_count", "victims_in_care_count",
                                             "within_window" };
  static const char *victim_fields[] = { "gender", "age", "ethnicity_broad",
                                         "ethnicity_specific", "disability", "care_status",
                                         "missing" };
  SlRecordType *t;
  SlField *f;

  g_assert_cmpstr (sl_codebook_get_id (book), ==, "csegg-2012");
  g_assert_cmpstr (sl_codebook_get_json (builtin), ==, sl_codebook_get_json (book));
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    g_assert_nonnull (sl_codebook_lookup_type (book, types[i], NULL));

  t = sl_codebook_lookup_type (book, "submission", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (submission_fields); i++)
    g_assert_nonnull (sl_record_type_lookup_field (t, submission_fields[i], NULL));
  f = sl_record_type_lookup_field (t, "organisation_name", NULL);
  g_assert_true (f->identifying);
  f = sl_record_type_lookup_field (t, "organisation_type", NULL);
  g_assert_cmpint (f->type, ==, SL_FIELD_CHOICE);
  /* Table 2 lists 24 organisation types. */
  g_assert_cmpuint (f->options->len, >=, 24);
  g_assert_cmpint (sl_record_type_lookup_field (t, "summary", NULL)->type, ==, SL_FIELD_LONG_TEXT);

  t = sl_codebook_lookup_type (book, "victim", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (victim_fields); i++)
    g_assert_nonnull (sl_record_type_lookup_field (t, victim_fields[i], NULL));
  g_assert_true (sl_record_type_allows_parent (t, "submission"));
  g_assert_true (sl_record_type_allows_parent (t, "site_visit"));
  f = sl_record_type_lookup_field (t, "ethnicity_specific", NULL);
  g_assert_cmpint (f->generalise, ==, SL_GENERALISE_GROUP);
  g_assert_nonnull (f->groups);
  f = sl_record_type_lookup_field (t, "age", NULL);
  g_assert_cmpint (f->generalise, ==, SL_GENERALISE_BANDS);
  g_assert_true (f->quasi_identifier);
}

static void
test_bundled_far_from_home (void)
{
  g_autoptr(SlCodebook) book = load_codebook ("placed-far-from-home.json");
  g_autofree char *path = codebook_path ("placed-far-from-home.json");
  g_autofree char *data = NULL;
  g_autoptr(GPtrArray) problems = NULL;

  g_assert_cmpstr (sl_codebook_get_id (book), ==, "placed-far-from-home");
  g_assert_true (g_file_get_contents (path, &data, NULL, NULL));
  problems = sl_codebook_check_data (data, -1, NULL);
  g_assert_cmpuint (problems->len, ==, 0);
}

/* A small valid codebook that each case below breaks in one way. */
static const char *base_codebook =
  "{ \"format\": \"sightline-codebook\", \"format_version\": 1, \"id\": \"mini\","
  "  \"version\": 1, \"title\": \"Mini\","
  "  \"record_types\": ["
  "   { \"id\": \"case\", \"label\": \"Case\", \"title_field\": \"ref\", \"fields\": ["
  "     { \"id\": \"ref\", \"type\": \"text\", \"label\": \"Reference\", \"spss\": \"REF\","
  "       \"required\": true },"
  "     { \"id\": \"age\", \"type\": \"integer\", \"label\": \"Age\", \"spss\": \"AGE\","
  "       \"min\": 0, \"max\": 25, \"generalise\": { \"method\": \"bands\", \"bands\": ["
  "         { \"min\": 0, \"max\": 12, \"label\": \"0-12\" },"
  "         { \"min\": 13, \"max\": 25, \"label\": \"13-25\" } ] } },"
  "     { \"id\": \"eth\", \"type\": \"choice\", \"label\": \"Ethnicity\", \"spss\": \"ETH\","
  "       \"groups\": [ { \"code\": \"white\", \"value\": 1, \"label\": \"White\" },"
  "                    { \"code\": \"black\", \"value\": 2, \"label\": \"Black\" } ],"
  "       \"generalise\": { \"method\": \"group\" }, \"allow_other\": true,"
  "       \"options\": [ { \"code\": \"british\", \"value\": 1, \"label\": \"British\", \"group\": \"white\" },"
  "                      { \"code\": \"somali\", \"value\": 2, \"label\": \"Somali\", \"group\": \"black\" } ] },"
  "     { \"id\": \"dis\", \"type\": \"multi_choice\", \"label\": \"Disability\", \"spss\": \"DIS\","
  "       \"options\": [ { \"code\": \"ld\", \"value\": 1, \"label\": \"Learning disability\" },"
  "                      { \"code\": \"asd\", \"value\": 2, \"label\": \"Autistic spectrum disorder\" } ] },"
  "     { \"id\": \"seen\", \"type\": \"date\", \"label\": \"Seen\", \"spss\": \"SEEN\" },"
  "     { \"id\": \"when\", \"type\": \"partial_date\", \"label\": \"When\", \"spss\": \"WHEN\" },"
  "     { \"id\": \"care\", \"type\": \"boolean\", \"label\": \"In care\", \"spss\": \"CARE\" },"
  "     { \"id\": \"n\", \"type\": \"count\", \"label\": \"Count\", \"spss\": \"N\" } ] } ] }";

typedef struct
{
  const char *from;     /* text in the base codebook */
  const char *to;       /* what it becomes */
  const char *path;     /* the JSON path the problem must name */
  const char *words;    /* and words of the message */
} BrokenCase;

static const BrokenCase broken[] = {
  { "\"code\": \"somali\"", "\"code\": \"british\"", "$.record_types[0].fields[2].options[1].code",
    "used twice" },
  { "\"type\": \"boolean\"", "\"type\": \"yesno\"", "$.record_types[0].fields[6].type",
    "unknown field type 'yesno'" },
  { "\"group\": \"black\"", "\"group\": \"asian\"", "$.record_types[0].fields[2].options[1].group",
    "not one of the field's \"groups\"" },
  { "\"spss\": \"AGE\"", "\"spss\": \"2AGE\"", "$.record_types[0].fields[1].spss",
    "not a valid SPSS variable name" },
  { "\"spss\": \"AGE\"", "\"spss\": \"WITH\"", "$.record_types[0].fields[1].spss", "reserved" },
  { "\"spss\": \"AGE\"", "\"spss\": \"ref\"", "$.record_types[0].fields[1].spss", "used twice" },
  { "\"min\": 13", "\"min\": 14", "$.record_types[0].fields[1].generalise.bands[1]",
    "without gaps" },
  { "\"value\": 2, \"label\": \"Somali\"", "\"value\": 1, \"label\": \"Somali\"",
    "$.record_types[0].fields[2].options[1].value", "used twice" },
  { "\"code\": \"asd\"", "\"code\": \"unknown\"", "$.record_types[0].fields[3].options[1].code",
    "reserved" },
  { "\"title_field\": \"ref\"", "\"title_field\": \"nope\"", "$.record_types[0]",
    "not one of its fields" },
  { "\"format_version\": 1", "\"format_version\": 9", "$.format_version", "newer" },
  { "\"id\": \"case\"", "\"id\": \"Case\"", "$.record_types[0]", "lower-case" },
  { "\"version\": 1,", "", "$", "\"version\" is missing" },
  { "\"generalise\": { \"method\": \"group\" }", "\"generalise\": { \"method\": \"any\" }",
    "$.record_types[0].fields[2].generalise", "multi_choice" },
  { "\"title\": \"Mini\",", "\"title\": \"Mini\" \"x\"", "$", "not valid JSON" },
  { "\"required\": true", "\"requried\": true", "$.record_types[0].fields[0]",
    "unknown key \"requried\"" },
  { "\"label\": \"Count\"", "\"label\": \"Count\", \"allow_other\": true",
    "$.record_types[0].fields[7]", "only choice and multi_choice" },
};

static void
test_validation_messages (void)
{
  g_autoptr(GPtrArray) ok = sl_codebook_check_data (base_codebook, -1, NULL);

  for (guint i = 0; i < ok->len; i++)
    g_printerr ("%s\n", (char *) g_ptr_array_index (ok, i));
  g_assert_cmpuint (ok->len, ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
    {
      g_auto(GStrv) parts = g_strsplit (base_codebook, broken[i].from, 2);
      g_autofree char *text = NULL;
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(GError) error = NULL;
      gboolean found = FALSE;

      g_assert_cmpuint (g_strv_length (parts), ==, 2);
      text = g_strjoinv (broken[i].to, parts);
      problems = sl_codebook_check_data (text, -1, NULL);
      for (guint j = 0; j < problems->len; j++)
        {
          const char *p = g_ptr_array_index (problems, j);

          if (g_str_has_prefix (p, broken[i].path) && p[strlen (broken[i].path)] == ':' &&
              strstr (p, broken[i].words))
            found = TRUE;
        }
      if (!found)
        {
          for (guint j = 0; j < problems->len; j++)
            g_printerr ("  got: %s\n", (char *) g_ptr_array_index (problems, j));
          g_error ("case %u: no problem at %s mentioning '%s'", i, broken[i].path,
                   broken[i].words);
        }
      g_assert_null (sl_codebook_new_from_data (text, -1, &error));
      g_assert_error (error, SL_CODEBOOK_ERROR, SL_CODEBOOK_ERROR_INVALID);
    }

  /* Two values in one file: JSON allows one, and which of them the reader
   * would keep is not for the file's author to guess. */
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *text = i == 0 ? g_strconcat ("0", base_codebook, NULL)
                                     : g_strconcat (base_codebook, "\n{ \"id\": \"x\" }\n", NULL);
      g_autoptr(GPtrArray) problems = sl_codebook_check_data (text, -1, NULL);
      g_autoptr(GError) error = NULL;

      g_assert_cmpuint (problems->len, ==, 1);
      g_assert_nonnull (strstr (g_ptr_array_index (problems, 0), "more text follows"));
      g_assert_null (sl_codebook_new_from_data (text, -1, &error));
      g_assert_error (error, SL_CODEBOOK_ERROR, SL_CODEBOOK_ERROR_INVALID);
    }
}

static void
test_upgrade (void)
{
  g_autoptr(SlCodebook) v1 = sl_codebook_new_from_data (base_codebook, -1, NULL);
  g_auto(GStrv) a = NULL;
  g_autofree char *v2_ok = NULL;
  g_autofree char *v2_code = NULL;
  g_autofree char *v2_value = NULL;
  g_autofree char *tmp = NULL;
  g_autoptr(GPtrArray) problems = NULL;

  g_assert_nonnull (v1);

  /* Version 2 adds an option and retires one: fine. */
  a = g_strsplit (base_codebook, "\"version\": 1", 2);
  tmp = g_strjoinv ("\"version\": 2", a);
  g_clear_pointer (&a, g_strfreev);
  a = g_strsplit (tmp, "\"label\": \"Somali\", \"group\": \"black\" }",  2);
  v2_ok = g_strjoinv ("\"label\": \"Somali\", \"group\": \"black\", \"retired\": true },"
                      " { \"code\": \"irish\", \"value\": 3, \"label\": \"Irish\", \"group\": \"white\" }", a);
  g_clear_pointer (&a, g_strfreev);
  problems = sl_codebook_check_data (v2_ok, -1, v1);
  g_assert_cmpuint (problems->len, ==, 0);
  g_clear_pointer (&problems, g_ptr_array_unref);

  /* The code of an existing option changes: refused, naming both codes. */
  a = g_strsplit (tmp, "\"code\": \"somali\"", 2);
  v2_code = g_strjoinv ("\"code\": \"somalian\"", a);
  g_clear_pointer (&a, g_strfreev);
  problems = sl_codebook_check_data (v2_code, -1, v1);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 0), "'somali'"));
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 0), "'somalian'"));
  g_clear_pointer (&problems, g_ptr_array_unref);

  /* The SPSS value of an existing code changes: refused. */
  a = g_strsplit (tmp, "\"value\": 2, \"label\": \"Somali\"", 2);
  v2_value = g_strjoinv ("\"value\": 7, \"label\": \"Somali\"", a);
  g_clear_pointer (&a, g_strfreev);
  problems = sl_codebook_check_data (v2_value, -1, v1);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 0), "never change"));
}

typedef struct
{
  const char *field;
  const char *input;
  const char *json;     /* NULL: refused */
  const char *error;    /* words of the refusal */
} InputCase;

static const InputCase inputs[] = {
  { "care", "yes", "true", NULL },
  { "care", "No", "false", NULL },
  { "care", "1", "true", NULL },
  { "care", "FALSE", "false", NULL },
  { "care", "maybe", NULL, "not yes or no" },
  { "care", "unknown", "{\"missing\":\"unknown\"}", NULL },
  { "care", "Not recorded", "{\"missing\":\"not_recorded\"}", NULL },
  { "care", "no data", "{\"missing\":\"not_recorded\"}", NULL },
  { "age", "14", "14", NULL },
  { "age", " 9 ", "9", NULL },
  { "age", "26", NULL, "between 0 and 25" },
  { "age", "fourteen", NULL, "not a whole number" },
  { "n", "-1", NULL, "cannot be negative" },
  { "seen", "14/05/2011", "\"2011-05-14\"", NULL },
  { "seen", "4/5/2011", "\"2011-05-04\"", NULL },
  { "seen", "14 May 2011", "\"2011-05-14\"", NULL },
  { "seen", "1st June 2012", "\"2012-06-01\"", NULL },
  { "seen", "2011-05-14", "\"2011-05-14\"", NULL },
  { "seen", "31/02/2011", NULL, "not a date" },
  { "seen", "May 2011", NULL, "day/month/year" },
  { "when", "May 2011", "\"2011-05\"", NULL },
  { "when", "sept 2011", "\"2011-09\"", NULL },
  { "when", "05/2011", "\"2011-05\"", NULL },
  { "when", "2011", "\"2011\"", NULL },
  { "when", "14/05/2011", "\"2011-05-14\"", NULL },
  { "eth", "british", "\"british\"", NULL },
  { "eth", "Somali", "\"somali\"", NULL },
  { "eth", "SOMALI", "\"somali\"", NULL },
  { "eth", "other: Roma", "{\"other\":\"Roma\"}", NULL },
  { "eth", "Martian", NULL, "not one of the options" },
  { "eth", "unknown", "{\"missing\":\"unknown\"}", NULL },
  { "dis", "ld; Autistic spectrum disorder", "[\"ld\",\"asd\"]", NULL },
  { "dis", "ld;ld", "[\"ld\"]", NULL },
  { "dis", "ld; other: deaf", NULL, "no \"other\"" },
  { "ref", "  CFE-001 ", "\"CFE-001\"", NULL },
  { "ref", "", "null", NULL },
};

static void
test_parse_input (void)
{
  g_autoptr(SlCodebook) book = sl_codebook_new_from_data (base_codebook, -1, NULL);
  SlRecordType *t = sl_codebook_lookup_type (book, "case", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      SlField *f = sl_record_type_lookup_field (t, inputs[i].field, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) v = sl_field_parse_input (f, inputs[i].input, &error);

      if (inputs[i].json != NULL)
        {
          g_autofree char *json = NULL;
          g_autofree char *code = NULL;
          g_autoptr(JsonNode) back = NULL;

          if (error != NULL)
            g_error ("'%s' for %s: %s", inputs[i].input, inputs[i].field, error->message);
          json = sl_value_to_json (v);
          g_assert_cmpstr (json, ==, inputs[i].json);

          /* What is shown as codes reads back as the same value. */
          code = sl_field_format_value_code (f, v);
          back = sl_field_parse_input (f, code, &error);
          g_assert_no_error (error);
          g_assert_true (json_node_equal (back, v));
        }
      else
        {
          g_assert_null (v);
          g_assert_error (error, SL_CODEBOOK_ERROR, SL_CODEBOOK_ERROR_VALUE);
          /* The message names the field, then says what to write. */
          g_assert_true (g_str_has_prefix (error->message, inputs[i].field));
          if (strstr (error->message, inputs[i].error) == NULL)
            g_error ("'%s' for %s: '%s' lacks '%s'", inputs[i].input, inputs[i].field,
                     error->message, inputs[i].error);
        }
    }
}

static void
test_format (void)
{
  g_autoptr(SlCodebook) book = sl_codebook_new_from_data (base_codebook, -1, NULL);
  SlRecordType *t = sl_codebook_lookup_type (book, "case", NULL);
  SlField *eth = sl_record_type_lookup_field (t, "eth", NULL);
  SlField *when = sl_record_type_lookup_field (t, "when", NULL);
  g_autoptr(JsonNode) gone = json_node_init_string (json_node_alloc (), "klingon");
  g_autoptr(JsonNode) may = json_node_init_string (json_node_alloc (), "2011-05");
  g_autoptr(JsonNode) unknown = sl_value_new_missing (SL_MISSING_UNKNOWN);
  g_autoptr(JsonNode) not_rec = sl_value_new_missing (SL_MISSING_NOT_RECORDED);
  g_autofree char *a = sl_field_format_value (eth, gone);
  g_autofree char *b = sl_field_format_value (when, may);
  g_autofree char *c = sl_field_format_value (eth, unknown);
  g_autofree char *d = sl_field_format_value (eth, not_rec);

  /* A code a newer codebook dropped is kept and shown as such. */
  g_assert_true (sl_field_validate (eth, gone, NULL));
  g_assert_cmpstr (a, ==, "klingon (no longer in the codebook)");
  g_assert_cmpstr (b, ==, "May 2011");
  /* The two missing values stay apart. */
  g_assert_cmpstr (c, ==, "Unknown");
  g_assert_cmpstr (d, ==, "Not recorded");
  g_assert_cmpint (sl_codebook_get_missing_value (book, SL_MISSING_UNKNOWN), !=,
                   sl_codebook_get_missing_value (book, SL_MISSING_NOT_RECORDED));
}

/* The labels people read come from the catalogue in Welsh, the codes, ids
 * and SPSS names stay as they are, and so does the JSON, which is stored
 * and synced. In a subprocess: LANGUAGE and the locale are process-wide. */
static void
test_welsh_labels (void)
{
  g_autofree char *localedir = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
  g_autofree char *mo = g_build_filename (localedir, "cy", "LC_MESSAGES", GETTEXT_PACKAGE ".mo",
                                          NULL);

  if (!g_file_test (mo, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("the build has no Welsh catalogue (po/cy/LC_MESSAGES)");
      return;
    }

  if (g_test_subprocess ())
    {
      g_autoptr(SlCodebook) book = NULL;
      g_autoptr(SlCodebook) pilot = NULL;
      g_autoptr(GBytes) bytes = sl_codebook_get_default_bytes ();
      g_autoptr(GError) error = NULL;
      g_autoptr(GString) edited = NULL;
      static const char *female[] = { "Benyw", "benyw", "Female", "FEMALE", "female" };
      SlRecordType *t;
      SlField *f;
      SlOption *o;

      g_setenv ("LANGUAGE", "cy", TRUE);
      g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));
      sl_codebook_bind_textdomain (localedir);

      book = sl_codebook_new_default ();
      t = sl_codebook_lookup_type (book, "victim", NULL);
      g_assert_nonnull (t);
      g_assert_cmpstr (t->id, ==, "victim");
      g_assert_cmpstr (t->label, ==, "Dioddefwr");
      g_assert_cmpstr (t->plural, ==, "Dioddefwyr");
      f = sl_record_type_lookup_field (t, "gender", NULL);
      g_assert_nonnull (f);
      g_assert_cmpstr (f->label, ==, "Rhywedd");
      g_assert_cmpstr (f->help, ==, "Rhywedd y dioddefwr fel y mae’r ffynhonnell yn ei gofnodi.");
      g_assert_cmpstr (f->spss, ==, "GENDER");
      o = sl_field_lookup_option (f, "female");
      g_assert_nonnull (o);
      g_assert_cmpstr (o->label, ==, "Benyw");
      g_assert_cmpstr (o->written_label, ==, "Female");

      /* Typed or imported, the Welsh label, the English one and the code
       * all mean the option. */
      for (guint i = 0; i < G_N_ELEMENTS (female); i++)
        {
          g_autoptr(JsonNode) v = sl_field_parse_input (f, female[i], &error);
          g_autofree char *json = NULL;

          g_assert_no_error (error);
          json = sl_value_to_json (v);
          g_assert_cmpstr (json, ==, "\"female\"");
        }

      f = sl_record_type_lookup_field (t, "age", NULL);
      g_assert_cmpstr (((SlBand *) g_ptr_array_index (f->bands, 0))->label, ==, "Dan 10");

      /* The JSON is as written, in English. */
      g_assert_cmpmem (sl_codebook_get_json (book), strlen (sl_codebook_get_json (book)),
                       g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      g_assert_nonnull (strstr (sl_codebook_get_json (book), "\"label\": \"Victim\""));

      /* A label the catalogue does not have stays as written. */
      edited = g_string_new_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      g_assert_cmpuint (g_string_replace (edited, "\"label\": \"Victim\"",
                                          "\"label\": \"Victim (pilot)\"", 1), ==, 1);
      pilot = sl_codebook_new_from_data (edited->str, (gssize) edited->len, &error);
      g_assert_no_error (error);
      t = sl_codebook_lookup_type (pilot, "victim", NULL);
      g_assert_cmpstr (t->label, ==, "Victim (pilot)");
      g_assert_cmpstr (t->plural, ==, "Dioddefwyr");
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* Found by fuzz-codebook: an empty or blank file parsed to no JSON root,
 * and the check on it raised a critical. */
static void
test_empty_input (void)
{
  static const char *blank[] = { "", " \n", "\t" };

  for (guint i = 0; i < G_N_ELEMENTS (blank); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SlCodebook) book = sl_codebook_new_from_data (blank[i], -1, &error);

      g_assert_null (book);
      g_assert_nonnull (error);
    }
}

/* Values read back from the vault: plain strings and whole numbers take a
 * short way round json-glib, and must come out as json-glib reads them. */
static void
test_value_from_json (void)
{
  static const char *texts[] = {
    "\"abc\"", "\"\"", "\"Siân O’Neill\"", "\"a\\\"b\"", "\"tab\\there\"", "12", "-7", "0",
    "123456789012345678", "1.5", "-0", "null", "true", "false", "[\"x\",\"y\"]",
    "{\"a\":1}", " 5", "\"\\u00e9\"",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(JsonNode) ours = sl_value_from_json (texts[i], NULL);
      g_autoptr(JsonNode) theirs = json_from_string (texts[i], NULL);

      g_assert_nonnull (ours);
      g_assert_nonnull (theirs);
      if (!json_node_equal (ours, theirs) ||
          json_node_get_value_type (ours) != json_node_get_value_type (theirs))
        g_error ("%s is read differently", texts[i]);
    }
  /* Not JSON, or more than one value: nothing. */
  g_assert_null (sl_value_from_json ("\"open", NULL));
  g_assert_null (sl_value_from_json ("1 2", NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/sightline/codebook/value-from-json", test_value_from_json);
  g_test_add_func ("/sightline/codebook/bundled/csegg", test_bundled_csegg);
  g_test_add_func ("/sightline/codebook/bundled/far-from-home", test_bundled_far_from_home);
  g_test_add_func ("/sightline/codebook/validation-messages", test_validation_messages);
  g_test_add_func ("/sightline/codebook/upgrade", test_upgrade);
  g_test_add_func ("/sightline/codebook/parse-input", test_parse_input);
  g_test_add_func ("/sightline/codebook/format", test_format);
  g_test_add_func ("/sightline/codebook/empty-input", test_empty_input);
  g_test_add_func ("/sightline/codebook/welsh-labels", test_welsh_labels);

  return g_test_run ();
}
