/* test-record.c
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

#include "sl-change-log.h"
#include "sl-record.h"
#include "sl-record-list.h"
#include "sl-test-utils.h"
#include "sl-vault-private.h"

typedef struct
{
  char    *tmpdir;
  SlVault *vault;
  char    *submission;
} RecordFixture;

static GHashTable *
values (SlVault    *vault,
        const char *type,
        ...) G_GNUC_NULL_TERMINATED;

/* values (vault, "victim", "age=14", "gender=female", NULL) */
static GHashTable *
values (SlVault    *vault,
        const char *type,
        ...)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  g_auto(GStrv) assignments = NULL;
  g_autoptr(GError) error = NULL;
  SlRecordType *rt = sl_codebook_lookup_type (sl_vault_get_codebook (vault), type, NULL);
  GHashTable *ret;
  const char *a;
  va_list args;

  va_start (args, type);
  while ((a = va_arg (args, const char *)))
    g_strv_builder_add (b, a);
  va_end (args);
  assignments = g_strv_builder_end (b);
  ret = sl_values_from_assignments (rt, (const char * const *) assignments, &error);
  g_assert_no_error (error);
  return ret;
}

static void
record_setup (RecordFixture *fx,
              gconstpointer  data)
{
  g_autoptr(GHashTable) v = NULL;
  g_autoptr(GError) error = NULL;

  fx->tmpdir = sl_test_make_tmpdir ();
  fx->vault = sl_test_create_vault (fx->tmpdir, "r.sightline", SL_TEST_PASSPHRASE);
  sl_vault_set_author (fx->vault, "Ann Clerk");
  v = values (fx->vault, "submission", "reference=CFE-001", "organisation_name=Northshire Police",
              "organisation_type=police", "date_received=14/05/2011", "victims_count=12", NULL);
  fx->submission = sl_vault_add_record (fx->vault, "submission", NULL, v, &error);
  g_assert_no_error (error);
}

static void
record_teardown (RecordFixture *fx,
                 gconstpointer  data)
{
  g_clear_object (&fx->vault);
  sl_test_remove_tree (fx->tmpdir);
  g_free (fx->submission);
  g_free (fx->tmpdir);
}

static char *
add_victim (RecordFixture *fx,
            const char    *label,
            const char    *age)
{
  g_autofree char *l = g_strdup_printf ("label=%s", label);
  g_autofree char *a = g_strdup_printf ("age=%s", age);
  g_autoptr(GHashTable) v = values (fx->vault, "victim", l, a, "gender=female",
                                    "ethnicity_broad=white", "missing=yes", NULL);
  g_autoptr(GError) error = NULL;
  char *id = sl_vault_add_record (fx->vault, "victim", fx->submission, v, &error);

  g_assert_no_error (error);
  return id;
}

static void
assert_audit_clean (SlVault *vault)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlAuditReport) report = sl_vault_audit_sync (vault, NULL, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < report->problems->len; i++)
    g_printerr ("%s\n", (char *) g_ptr_array_index (report->problems, i));
  g_assert_cmpuint (report->problems->len, ==, 0);
}

static void
test_lifecycle (RecordFixture *fx,
                gconstpointer  data)
{
  g_autofree char *id = add_victim (fx, "Victim 1", "14");
  g_autoptr(GHashTable) edit = values (fx->vault, "victim", "age=15", "missing=unknown",
                                       "label=Victim 1", NULL);
  g_autoptr(SlRecord) rec = NULL;
  g_autoptr(SlRecord) after = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GError) error = NULL;
  SlChange *last;

  rec = sl_vault_load_record (fx->vault, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sl_record_get_title (rec), ==, "Victim 1");
  g_assert_cmpstr (sl_record_get_parent (rec), ==, fx->submission);
  g_assert_cmpint (json_node_get_int (sl_record_get_value (rec, "age")), ==, 14);
  g_assert_cmpint (sl_record_get_codebook_version (rec), ==, 1);

  /* An edit that repeats a value records only the real changes. */
  g_assert_true (sl_vault_edit_record (fx->vault, id, edit, &error));
  g_assert_no_error (error);
  after = sl_vault_load_record (fx->vault, id, &error);
  g_assert_cmpint (json_node_get_int (sl_record_get_value (after, "age")), ==, 15);
  g_assert_cmpstr (sl_value_get_missing (sl_record_get_value (after, "missing")), ==,
                   SL_MISSING_UNKNOWN);

  g_assert_true (sl_vault_delete_record (fx->vault, id, &error));
  listed = sl_vault_list_records (fx->vault, "victim", FALSE, &error);
  g_assert_cmpuint (listed->len, ==, 0);
  g_assert_false (sl_vault_delete_record (fx->vault, id, &error));
  g_assert_error (error, SL_RECORD_ERROR, SL_RECORD_ERROR_DELETED);
  g_clear_error (&error);
  g_assert_false (sl_vault_edit_record (fx->vault, id, edit, &error));
  g_assert_error (error, SL_RECORD_ERROR, SL_RECORD_ERROR_DELETED);
  g_clear_error (&error);
  g_assert_true (sl_vault_undelete_record (fx->vault, id, &error));
  g_assert_no_error (error);
  g_clear_pointer (&listed, g_ptr_array_unref);
  listed = sl_vault_list_records (fx->vault, "victim", FALSE, &error);
  g_assert_cmpuint (listed->len, ==, 1);

  /* History: the create (with its first values), 2 edits, delete,
   * undelete; who and where. */
  history = sl_vault_dup_history (fx->vault, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 1 + 2 + 2);
  g_assert_cmpstr (((SlChange *) g_ptr_array_index (history, 0))->op, ==, "create");
  g_assert_nonnull (strstr (((SlChange *) g_ptr_array_index (history, 0))->value, "\"age\":14"));
  g_assert_cmpstr (((SlChange *) g_ptr_array_index (history, 1))->field, ==, "age");
  g_assert_cmpstr (((SlChange *) g_ptr_array_index (history, 1))->value, ==, "15");
  g_assert_cmpstr (((SlChange *) g_ptr_array_index (history, 3))->op, ==, "delete");
  last = g_ptr_array_index (history, 4);
  g_assert_cmpstr (last->op, ==, "undelete");
  g_assert_cmpstr (last->author, ==, "Ann Clerk");
  g_assert_cmpstr (last->device, ==, sl_vault_get_device_id (fx->vault));

  assert_audit_clean (fx->vault);
}

static void
test_validation (RecordFixture *fx,
                 gconstpointer  data)
{
  SlRecordType *victim = sl_codebook_lookup_type (sl_vault_get_codebook (fx->vault), "victim", NULL);
  g_autoptr(GHashTable) v = values (fx->vault, "victim", "label=Victim 9", NULL);
  g_autoptr(GHashTable) no_ref = values (fx->vault, "submission", "victims_count=3", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  const char *bad[] = { "age=200", NULL };
  const char *unknown_field[] = { "shoe_size=9", NULL };
  g_autoptr(GHashTable) none = NULL;

  /* A coded person must belong to something, of the right type. */
  g_assert_null (sl_vault_add_record (fx->vault, "victim", NULL, v, &error));
  g_assert_error (error, SL_RECORD_ERROR, SL_RECORD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "belongs to"));
  g_clear_error (&error);
  id = add_victim (fx, "Victim 2", "12");
  g_assert_null (sl_vault_add_record (fx->vault, "victim", id, v, &error));
  g_assert_error (error, SL_RECORD_ERROR, SL_RECORD_ERROR_INVALID);
  g_clear_error (&error);

  /* Required fields are named. */
  g_assert_null (sl_vault_add_record (fx->vault, "submission", NULL, no_ref, &error));
  g_assert_error (error, SL_CODEBOOK_ERROR, SL_CODEBOOK_ERROR_VALUE);
  g_assert_true (g_str_has_prefix (error->message, "reference:"));
  g_clear_error (&error);

  /* Out of range and unknown fields, from typed input. */
  none = sl_values_from_assignments (victim, bad, &error);
  g_assert_null (none);
  g_assert_error (error, SL_CODEBOOK_ERROR, SL_CODEBOOK_ERROR_VALUE);
  g_assert_nonnull (strstr (error->message, "age: 200 is out of range"));
  g_clear_error (&error);
  none = sl_values_from_assignments (victim, unknown_field, &error);
  g_assert_error (error, SL_CODEBOOK_ERROR, SL_CODEBOOK_ERROR_UNKNOWN_FIELD);
  g_clear_error (&error);

  /* JSON input: stored values as they are, but only codes on offer. */
  {
    g_autoptr(JsonNode) ok = json_from_string ("{\"label\": \"Victim 5\", \"age\": 12, "
                                               "\"disability\": [\"learning_disability\"], "
                                               "\"missing\": {\"missing\": \"unknown\"}}", NULL);
    g_autoptr(JsonNode) bad_code = json_from_string ("{\"disability\": [\"flying\"]}", NULL);
    g_autoptr(GHashTable) from_json = sl_values_from_json (victim, json_node_get_object (ok), &error);

    g_assert_no_error (error);
    g_assert_cmpuint (g_hash_table_size (from_json), ==, 4);
    g_assert_null (sl_values_from_json (victim, json_node_get_object (bad_code), &error));
    g_assert_error (error, SL_CODEBOOK_ERROR, SL_CODEBOOK_ERROR_VALUE);
    g_assert_nonnull (strstr (error->message, "'flying'"));
    g_clear_error (&error);
  }

  g_assert_null (sl_vault_add_record (fx->vault, "ship", NULL, v, &error));
  g_assert_error (error, SL_CODEBOOK_ERROR, SL_CODEBOOK_ERROR_UNKNOWN_TYPE);
}

static void
exec (SlVault    *vault,
      const char *sql)
{
  g_autoptr(GError) error = NULL;

  _sl_vault_exec (vault, sql, &error);
  g_assert_no_error (error);
}

static void
assert_audit_finds (SlVault    *vault,
                    const char *words)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlAuditReport) report = sl_vault_audit_sync (vault, NULL, &error);
  gboolean found = FALSE;

  g_assert_no_error (error);
  for (guint i = 0; i < report->problems->len; i++)
    if (strstr (g_ptr_array_index (report->problems, i), words))
      found = TRUE;
  if (!found)
    {
      for (guint i = 0; i < report->problems->len; i++)
        g_printerr ("  got: %s\n", (char *) g_ptr_array_index (report->problems, i));
      g_error ("audit did not report '%s'", words);
    }
}

static void
test_audit_tampering (RecordFixture *fx,
                      gconstpointer  data)
{
  g_autofree char *a = add_victim (fx, "Victim 1", "14");
  g_autofree char *b = add_victim (fx, "Victim 2", "15");
  g_autofree char *sql = NULL;

  assert_audit_clean (fx->vault);

  /* Someone with the key edits a value in the log (and its current value). */
  sql = g_strdup_printf ("UPDATE changes SET value = replace (value, '\"age\":14', '\"age\":17') "
                         "WHERE op = 'create' AND record = (SELECT no FROM records WHERE id = '%s');"
                         "UPDATE record_values SET value = '17' WHERE field = 'age' AND "
                         "record = (SELECT no FROM records WHERE id = '%s')", a, a);
  exec (fx->vault, "SAVEPOINT t");
  exec (fx->vault, sql);
  assert_audit_finds (fx->vault, "was edited");
  assert_audit_finds (fx->vault, a);
  exec (fx->vault, "ROLLBACK TO t; RELEASE t");
  assert_audit_clean (fx->vault);

  /* A change in the middle is removed. */
  exec (fx->vault, "SAVEPOINT t");
  exec (fx->vault, "DELETE FROM changes WHERE device_seq = 2");
  assert_audit_finds (fx->vault, "change 2 is missing");
  exec (fx->vault, "ROLLBACK TO t; RELEASE t");

  /* The last change is removed. */
  exec (fx->vault, "SAVEPOINT t");
  exec (fx->vault, "DELETE FROM changes WHERE seq = (SELECT max(seq) FROM changes)");
  assert_audit_finds (fx->vault, "the last changes were removed");
  exec (fx->vault, "ROLLBACK TO t; RELEASE t");

  /* Two changes swap places. */
  exec (fx->vault, "SAVEPOINT t");
  exec (fx->vault, "UPDATE changes SET device_seq = -1 WHERE device_seq = 2;"
                   "UPDATE changes SET device_seq = 2 WHERE device_seq = 3;"
                   "UPDATE changes SET device_seq = 3 WHERE device_seq = -1");
  assert_audit_finds (fx->vault, "change 2");
  exec (fx->vault, "ROLLBACK TO t; RELEASE t");

  /* The current value is changed behind the log's back. */
  g_free (sql);
  sql = g_strdup_printf ("UPDATE record_values SET value = '\"male\"' WHERE field = 'gender' "
                         "AND record = (SELECT no FROM records WHERE id = '%s')", b);
  exec (fx->vault, "SAVEPOINT t");
  exec (fx->vault, sql);
  assert_audit_finds (fx->vault, "does not match the change log");
  exec (fx->vault, "ROLLBACK TO t; RELEASE t");

  /* A record is undeleted outside the log. */
  g_assert_true (sl_vault_delete_record (fx->vault, b, NULL));
  g_free (sql);
  sql = g_strdup_printf ("UPDATE records SET deleted = 0 WHERE id = '%s'", b);
  exec (fx->vault, "SAVEPOINT t");
  exec (fx->vault, sql);
  assert_audit_finds (fx->vault, "outside the log");
  exec (fx->vault, "ROLLBACK TO t; RELEASE t");

  assert_audit_clean (fx->vault);
}

static char *
dump (SlVault *vault)
{
  static const char *queries[] = {
    "SELECT id, type, parent, deleted, title, search FROM records ORDER BY id",
    "SELECT record, field, value FROM record_values ORDER BY record, field",
    "SELECT device, device_seq, hlc, record, op, field, value, hex(hash) FROM changes ORDER BY seq",
    "SELECT id, last_seq, hex(last_hash) FROM devices ORDER BY id",
  };
  GString *out = g_string_new (NULL);

  _sl_vault_lock_db (vault);
  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      sqlite3_stmt *stmt = NULL;

      sqlite3_prepare_v2 (_sl_vault_get_db (vault), queries[q], -1, &stmt, NULL);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            g_string_append_printf (out, "%s|", sqlite3_column_text (stmt, c));
          g_string_append_c (out, '\n');
        }
      sqlite3_finalize (stmt);
    }
  _sl_vault_unlock_db (vault);
  return g_string_free (out, FALSE);
}

static void
test_import (RecordFixture *fx,
             gconstpointer  data)
{
  g_autofree char *good = g_strdup_printf (
    "\xEF\xBB\xBFparent,label,gender,age,ethnicity_broad,disability,missing\r\n"
    "%s,Victim 1,female,14,White,learning_disability;autistic_spectrum,yes\r\n"
    "%s,\"Victim 2, the younger\",Female,12,Black,,no data\r\n"
    "%s,Victim 3,male,unknown,asian,,No\r\n", fx->submission, fx->submission, fx->submission);
  g_autofree char *bad = g_strdup_printf (
    "parent,label,gender,age,missing\n"
    "%s,Victim 4,female,14,yes\n"
    "%s,Victim 5,female,99,yes\n"
    "%s,Victim 6,robot,12,perhaps\n"
    ",Victim 7,female,12,yes\n", fx->submission, fx->submission, fx->submission);
  const char *bad_header = "label,shoe_size\nVictim 8,9\n";
  const char *cut_short = "label,age\n\"Victim 9,14\n";
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  guint n = 0;

  g_assert_true (sl_vault_import_csv (fx->vault, "victim", good, strlen (good), &n, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 3);
  listed = sl_vault_list_records (fx->vault, "victim", FALSE, &error);
  g_assert_cmpuint (listed->len, ==, 3);
  g_assert_cmpstr (sl_record_get_title (g_ptr_array_index (listed, 1)), ==, "Victim 2, the younger");
  g_assert_cmpstr (sl_value_get_missing (sl_record_get_value (g_ptr_array_index (listed, 1),
                                                              "missing")), ==,
                   SL_MISSING_NOT_RECORDED);

  /* A file with bad rows: refused whole, each bad row named, nothing changed. */
  before = dump (fx->vault);
  g_assert_false (sl_vault_import_csv (fx->vault, "victim", bad, strlen (bad), &n, NULL, &error));
  g_assert_error (error, SL_RECORD_ERROR, SL_RECORD_ERROR_IMPORT);
  g_assert_nonnull (strstr (error->message, "nothing was changed"));
  g_assert_nonnull (strstr (error->message, "row 3, column age: age: 99 is out of range"));
  g_assert_nonnull (strstr (error->message, "row 4, column gender"));
  g_assert_nonnull (strstr (error->message, "row 4, column missing"));
  g_assert_null (strstr (error->message, "row 2,"));
  after = dump (fx->vault);
  g_assert_cmpstr (before, ==, after);
  g_clear_error (&error);

  /* A row that only fails when written (no parent): still all or nothing. */
  {
    g_autofree char *one_bad = g_strdup_printf ("parent,label\n%s,Victim 10\n,Victim 11\n",
                                                fx->submission);

    g_assert_false (sl_vault_import_csv (fx->vault, "victim", one_bad, strlen (one_bad), &n, NULL,
                                         &error));
    g_assert_error (error, SL_RECORD_ERROR, SL_RECORD_ERROR_IMPORT);
    g_assert_nonnull (strstr (error->message, "row 3: a victim belongs to"));
    g_clear_error (&error);
    g_free (after);
    after = dump (fx->vault);
    g_assert_cmpstr (before, ==, after);
  }

  g_assert_false (sl_vault_import_csv (fx->vault, "victim", bad_header, strlen (bad_header), &n,
                                       NULL, &error));
  g_assert_nonnull (strstr (error->message, "column 2 (shoe_size)"));
  g_clear_error (&error);
  g_assert_false (sl_vault_import_csv (fx->vault, "victim", cut_short, strlen (cut_short), &n,
                                       NULL, &error));
  g_assert_nonnull (strstr (error->message, "never closed"));
  g_clear_error (&error);

  g_free (after);
  after = dump (fx->vault);
  g_assert_cmpstr (before, ==, after);
  assert_audit_clean (fx->vault);
}

static void
count_changes_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gpointer    data)
{
  (*(guint *) data)++;
}

static void
test_record_list (RecordFixture *fx,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlRecordList) list = NULL;
  g_autoptr(SlRecord) first = NULL;
  g_autoptr(JsonNode) yes = json_node_init_string (json_node_alloc (), "yes");
  g_autofree char *a = add_victim (fx, "Victim Alpha", "14");
  g_autofree char *b = add_victim (fx, "Victim Beta", "9");
  g_autofree char *c = NULL;
  guint changes = 0;

  list = sl_record_list_new (fx->vault, "victim", &error);
  g_assert_no_error (error);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == SL_TYPE_RECORD);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpstr (sl_record_get_title (first), ==, "Victim Alpha");
  g_signal_connect (list, "items-changed", G_CALLBACK (count_changes_cb), &changes);

  /* Text filter, ignoring case, over every value. */
  sl_record_list_set_filter_text (list, "BETA");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  sl_record_list_set_filter_text (list, "female");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  sl_record_list_set_filter_text (list, NULL);

  /* A new record appears; a deleted one goes. */
  c = add_victim (fx, "Victim Gamma", "16");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
  g_assert_true (sl_vault_delete_record (fx->vault, b, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  g_assert_cmpuint (sl_record_list_get_total (list), ==, 2);
  g_assert_cmpuint (changes, >=, 3);

  /* Field filter: missing = yes for all; age is a filter too. */
  g_assert_true (sl_record_list_set_field_filter (list, "missing", yes, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  {
    g_autoptr(JsonNode) sixteen = json_node_init_int (json_node_alloc (), 16);

    g_assert_true (sl_record_list_set_field_filter (list, "age", sixteen, &error));
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  }
  sl_record_list_clear_field_filters (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  g_assert_false (sl_record_list_set_field_filter (list, "shoe_size", yes, &error));
  g_assert_error (error, SL_CODEBOOK_ERROR, SL_CODEBOOK_ERROR_UNKNOWN_FIELD);
}

/* A view that follows only ::items-changed sees what the list holds, after
 * every search: a few runs told one by one, or many told at once. */
static void
shadow_changed_cb (GListModel *model,
                   guint       position,
                   guint       removed,
                   guint       added,
                   GPtrArray  *shadow)
{
  g_assert_cmpuint (position + removed, <=, shadow->len);
  g_ptr_array_remove_range (shadow, position, removed);
  for (guint i = 0; i < added; i++)
    {
      g_autoptr(SlRecord) r = g_list_model_get_item (model, position + i);

      g_assert_nonnull (r);
      g_ptr_array_insert (shadow, (gint) (position + i), g_strdup (sl_record_get_id (r)));
    }
  /* The model already holds the change when it is told. */
  g_assert_cmpuint (shadow->len, ==, g_list_model_get_n_items (model));
}

static void
test_record_list_changes (RecordFixture *fx,
                          gconstpointer  data)
{
  g_autoptr(SlRecordList) list = NULL;
  g_autoptr(GPtrArray) shadow = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  static const char *searches[] = { "child 1", "child 1", "child 12", "child 1", "", "child",
                                    "young", "child 3", "child 33", "child 3", "", "zzz", "",
                                    NULL };

  for (guint i = 0; i < 150; i++)
    {
      g_autofree char *label = g_strdup_printf ("%s %u", i % 3 ? "Child" : "Young person", i);

      g_free (add_victim (fx, label, "14"));
    }
  list = sl_record_list_new (fx->vault, "victim", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(SlRecord) r = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_ptr_array_add (shadow, g_strdup (sl_record_get_id (r)));
    }
  g_signal_connect (list, "items-changed", G_CALLBACK (shadow_changed_cb), shadow);

  for (guint s = 0; searches[s]; s++)
    {
      sl_record_list_set_filter_text (list, searches[s]);
      g_assert_cmpuint (shadow->len, ==, g_list_model_get_n_items (G_LIST_MODEL (list)));
      for (guint i = 0; i < shadow->len; i++)
        {
          g_autoptr(SlRecord) r = g_list_model_get_item (G_LIST_MODEL (list), i);

          g_assert_cmpstr (g_ptr_array_index (shadow, i), ==, sl_record_get_id (r));
        }
    }
  g_signal_handlers_disconnect_by_func (list, shadow_changed_cb, shadow);
}

static void
test_codebook_upgrade_keeps_values (RecordFixture *fx,
                                    gconstpointer  data)
{
  g_autofree char *id = add_victim (fx, "Victim 1", "14");
  const char *json = sl_codebook_get_json (sl_vault_get_codebook (fx->vault));
  g_auto(GStrv) parts = g_strsplit (json, "\"version\": 1", 2);
  g_autofree char *v2 = g_strjoinv ("\"version\": 2", parts);
  g_autoptr(SlCodebook) book2 = NULL;
  g_autoptr(SlCodebook) other = NULL;
  g_autoptr(SlRecord) rec = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "codebooks",
                                                 "placed-far-from-home.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  book2 = sl_codebook_new_from_data (v2, -1, &error);
  g_assert_no_error (error);
  g_assert_true (sl_vault_install_codebook (fx->vault, book2, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sl_codebook_get_version (sl_vault_get_codebook (fx->vault)), ==, 2);
  rec = sl_vault_load_record (fx->vault, id, &error);
  g_assert_cmpint (json_node_get_int (sl_record_get_value (rec, "age")), ==, 14);
  g_assert_cmpint (sl_record_get_codebook_version (rec), ==, 1);

  /* Another inquiry's codebook cannot replace one that holds records. */
  other = sl_codebook_new_from_file (file, &error);
  g_assert_no_error (error);
  g_assert_false (sl_vault_install_codebook (fx->vault, other, &error));
  g_assert_error (error, SL_CODEBOOK_ERROR, SL_CODEBOOK_ERROR_INCOMPATIBLE);
}

/* The second example codebook, end to end, with no code of its own. */
static void
test_far_from_home_end_to_end (void)
{
  g_autofree char *tmpdir = sl_test_make_tmpdir ();
  g_autoptr(SlVault) vault = sl_test_create_vault (tmpdir, "f.sightline", SL_TEST_PASSPHRASE);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "codebooks",
                                                 "placed-far-from-home.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(SlCodebook) book = NULL;
  g_autoptr(GError) error = NULL;
  SlRecordType *parent_type = NULL;
  SlRecordType *child_type = NULL;
  g_autofree char *parent = NULL;
  g_autofree char *child = NULL;
  g_autoptr(GHashTable) pv = NULL;
  g_autoptr(GHashTable) cv = NULL;
  g_autoptr(SlRecord) rec = NULL;
  GPtrArray *types;

  book = sl_codebook_new_from_file (file, &error);
  g_assert_no_error (error);
  g_assert_true (sl_vault_install_codebook (vault, book, &error));
  g_assert_no_error (error);

  types = sl_codebook_get_record_types (sl_vault_get_codebook (vault));
  for (guint i = 0; i < types->len; i++)
    {
      SlRecordType *t = g_ptr_array_index (types, i);

      if (t->parents[0] == NULL)
        parent_type = t;
      else
        child_type = t;
    }
  g_assert_nonnull (parent_type);
  g_assert_nonnull (child_type);

  /* Fill every required field with a value its type accepts. */
  pv = sl_values_new ();
  for (guint i = 0; i < parent_type->fields->len; i++)
    {
      SlField *f = g_ptr_array_index (parent_type->fields, i);

      if (f->required)
        g_hash_table_insert (pv, g_strdup (f->id),
                             f->type == SL_FIELD_TEXT ?
                               json_node_init_string (json_node_alloc (), "LA-01") :
                               sl_value_new_missing (SL_MISSING_UNKNOWN));
    }
  parent = sl_vault_add_record (vault, parent_type->id, NULL, pv, &error);
  g_assert_no_error (error);

  {
    const char *typed[] = { "distance_from_home_miles=126", "placements_count=31", NULL };

    cv = sl_values_from_assignments (child_type, typed, &error);
    g_assert_no_error (error);
  }
  for (guint i = 0; i < child_type->fields->len; i++)
    {
      SlField *f = g_ptr_array_index (child_type->fields, i);

      if (f->required && !g_hash_table_contains (cv, f->id))
        g_hash_table_insert (cv, g_strdup (f->id),
                             f->type == SL_FIELD_TEXT ?
                               json_node_init_string (json_node_alloc (), "Child A") :
                               sl_value_new_missing (SL_MISSING_NOT_RECORDED));
    }
  child = sl_vault_add_record (vault, child_type->id, parent, cv, &error);
  g_assert_no_error (error);
  rec = sl_vault_load_record (vault, child, &error);
  g_assert_cmpint (json_node_get_int (sl_record_get_value (rec, "placements_count")), ==, 31);
  g_assert_cmpint (json_node_get_int (sl_record_get_value (rec, "distance_from_home_miles")), ==,
                   126);
  assert_audit_clean (vault);
  sl_test_remove_tree (tmpdir);
}


static void
test_undo_children_counts (RecordFixture *fx,
                           gconstpointer  data)
{
  g_autofree char *a = add_victim (fx, "Victim 1", "14");
  g_autofree char *b = add_victim (fx, "Victim 2", "9");
  g_autoptr(GHashTable) edit = values (fx->vault, "victim", "age=15", NULL);
  g_autoptr(GHashTable) edit2 = values (fx->vault, "victim", "age=16", NULL);
  g_autoptr(GHashTable) counts = NULL;
  g_autoptr(GPtrArray) children = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *touched = NULL;
  SlRecord *rec;

  children = sl_vault_list_children (fx->vault, fx->submission, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (children->len, ==, 2);
  g_assert_cmpstr (sl_record_get_id (g_ptr_array_index (children, 0)), ==, a);
  counts = sl_vault_count_records (fx->vault, &error);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (counts, "victim")), ==, 2);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (counts, "submission")), ==, 1);

  /* Undo an edit back to the first value, then an edit back to the edit. */
  g_assert_true (sl_vault_edit_record (fx->vault, a, edit, &error));
  g_assert_true (sl_vault_edit_record (fx->vault, a, edit2, &error));
  g_assert_true (sl_vault_undo_last_change (fx->vault, &touched, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (touched, ==, a);
  rec = sl_vault_load_record (fx->vault, a, NULL);
  g_assert_cmpint (json_node_get_int (sl_record_get_value (rec, "age")), ==, 15);
  g_object_unref (rec);

  /* Undoing the undo redoes it. */
  g_assert_true (sl_vault_undo_last_change (fx->vault, NULL, &error));
  rec = sl_vault_load_record (fx->vault, a, NULL);
  g_assert_cmpint (json_node_get_int (sl_record_get_value (rec, "age")), ==, 16);
  g_object_unref (rec);

  /* Undo a deletion; undo a new record. */
  g_assert_true (sl_vault_delete_record (fx->vault, b, &error));
  g_assert_true (sl_vault_undo_last_change (fx->vault, NULL, &error));
  rec = sl_vault_load_record (fx->vault, b, NULL);
  g_assert_false (sl_record_get_deleted (rec));
  g_object_unref (rec);
  {
    g_autofree char *c = add_victim (fx, "Victim 3", "11");

    g_assert_true (sl_vault_undo_last_change (fx->vault, NULL, &error));
    rec = sl_vault_load_record (fx->vault, c, NULL);
    g_assert_true (sl_record_get_deleted (rec));
    g_object_unref (rec);
  }
  assert_audit_clean (fx->vault);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define RECORD_TEST(path, fn) \
  g_test_add ("/sightline/record/" path, RecordFixture, NULL, record_setup, fn, record_teardown)

  RECORD_TEST ("lifecycle", test_lifecycle);
  RECORD_TEST ("validation", test_validation);
  RECORD_TEST ("audit-tampering", test_audit_tampering);
  RECORD_TEST ("import-csv", test_import);
  RECORD_TEST ("list-model", test_record_list);
  RECORD_TEST ("codebook-upgrade", test_codebook_upgrade_keeps_values);
  RECORD_TEST ("undo-children-counts", test_undo_children_counts);
  g_test_add_func ("/sightline/record/far-from-home", test_far_from_home_end_to_end);
  RECORD_TEST ("list-changes", test_record_list_changes);

  return g_test_run ();
}
