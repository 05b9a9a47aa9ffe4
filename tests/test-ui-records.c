/* test-ui-records.c
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

/* Drives the record pages under Xvfb as a person would: add a submission
 * through its form, code two victims from it, get a validation message,
 * search, delete and undo, undo an edit, read the history; then checks
 * what the vault holds. Run with GSETTINGS_BACKEND=memory and
 * GTK_A11Y=none. */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "sl-change-log.h"
#include "sl-field-row.h"
#include "sl-history-page.h"
#include "sl-record.h"
#include "sl-record-form.h"
#include "sl-record-list-page.h"
#include "sl-test-ui-utils.h"
#include "sl-test-utils.h"
#include "sl-vault-page.h"


typedef struct
{
  char        *tmpdir;
  SlVault     *vault;
  GtkWindow   *window;
  SlVaultPage *page;
} Fixture;

/* Helpers */

static GtkWidget *
visible_page (Fixture *f)
{
  return sl_vault_page_get_visible_page (f->page);
}

static SlRecordForm *
visible_form (Fixture *f)
{
  GtkWidget *w = visible_page (f);

  g_assert_true (SL_IS_RECORD_FORM (w));
  return SL_RECORD_FORM (w);
}

static SlFieldRow *
field_row (SlRecordForm *form,
           const char   *field)
{
  SlFieldRow *row = sl_record_form_get_field_row (form, field);

  g_assert_nonnull (row);
  return row;
}

/* Types into an entry row, as a person would, without applying. */
static void
type_into (SlRecordForm *form,
           const char   *field,
           const char   *text)
{
  GtkWidget *input = sl_field_row_get_input (field_row (form, field));

  g_assert_true (ADW_IS_ENTRY_ROW (input));
  gtk_editable_set_text (GTK_EDITABLE (input), text);
}

/* Types and presses the apply button. */
static void
type_and_apply (SlRecordForm *form,
                const char   *field,
                const char   *text)
{
  type_into (form, field, text);
  g_signal_emit_by_name (sl_field_row_get_input (field_row (form, field)), "apply");
}

static void
choose (SlRecordForm *form,
        const char   *field,
        const char   *label)
{
  AdwComboRow *combo = ADW_COMBO_ROW (sl_field_row_get_input (field_row (form, field)));
  GListModel *model = adw_combo_row_get_model (combo);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      const char *s = gtk_string_list_get_string (GTK_STRING_LIST (model), i);

      if (g_strcmp0 (s, label) == 0)
        {
          adw_combo_row_set_selected (combo, i);
          return;
        }
    }
  g_error ("No choice %s in %s", label, field);
}

static GtkWidget *
find_descendant (GtkWidget  *root,
                 GType       type,
                 const char *action)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type) &&
          (action == NULL ||
           g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (child)), action) == 0))
        return child;
      if ((found = find_descendant (child, type, action)) != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_named_button (GtkWidget  *root,
                   const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) && g_strcmp0 (gtk_widget_get_name (child), name) == 0)
        return child;
      if ((found = find_named_button (child, name)) != NULL)
        return found;
    }
  return NULL;
}

static GPtrArray *
list_records (Fixture    *f,
              const char *type)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *records = sl_vault_list_records (f->vault, type, FALSE, &error);

  g_assert_no_error (error);
  return records;
}

static SlRecord *
find_record (GPtrArray  *records,
             const char *title)
{
  for (guint i = 0; i < records->len; i++)
    if (g_strcmp0 (sl_record_get_title (g_ptr_array_index (records, i)), title) == 0)
      return g_ptr_array_index (records, i);
  return NULL;
}

static char *
value_json (SlRecord   *record,
            const char *field)
{
  JsonNode *node = sl_record_get_value (record, field);

  return node ? sl_value_to_json (node) : g_strdup ("null");
}

static void
assert_value (SlRecord   *record,
              const char *field,
              const char *json)
{
  g_autofree char *got = value_json (record, field);

  g_assert_cmpstr (got, ==, json);
}

static void
add_victim (Fixture    *f,
            const char *label,
            const char *age)
{
  SlRecordForm *parent = visible_form (f);
  GtkWidget *button = find_named_button (GTK_WIDGET (parent), "victim");
  SlRecordForm *form;

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  form = visible_form (f);
  g_assert_true (sl_record_form_get_creating (form));

  type_into (form, "label", label);
  type_into (form, "age", age);
  choose (form, "gender", "Unknown");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (form), "form.add", NULL));

  /* Back on the submission. */
  g_assert_true (visible_page (f) == GTK_WIDGET (parent));
}

/* Fixture */

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->tmpdir = sl_test_make_tmpdir ();
  f->vault = sl_test_create_vault (f->tmpdir, "Inquiry.sightline", SL_TEST_PASSPHRASE);
  g_assert_nonnull (f->vault);
  sl_vault_set_author (f->vault, "Tester");

  f->page = SL_VAULT_PAGE (sl_vault_page_new (f->vault));
  f->window = sl_test_show_in_window (GTK_WIDGET (f->page), 1000, 700);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  sl_test_close_vault_window (f->window, &f->vault, &f->tmpdir);
}

/* Tests */

/* The text of every label drawn inside @widget, each between bars. */
static void
shown_labels (GtkWidget *widget,
              GString   *out)
{
  if (!gtk_widget_get_mapped (widget) || !gtk_widget_get_child_visible (widget))
    return;
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (out, "|%s|", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    shown_labels (c, out);
}

static gboolean
view_shows_only_victim_2 (gpointer data)
{
  g_autoptr(GString) shown = g_string_new (NULL);

  shown_labels (GTK_WIDGET (data), shown);
  return strstr (shown->str, "|Victim 2|") != NULL && strstr (shown->str, "|Victim 1|") == NULL;
}

static gboolean
list_has_one (gpointer data)
{
  return g_list_model_get_n_items (sl_record_list_page_get_model (data)) == 1;
}

static void
test_records (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) submissions = NULL;
  g_autoptr(GPtrArray) victims = NULL;
  g_autofree char *submission_id = NULL;
  g_autofree char *victim1_id = NULL;
  g_autofree char *victim2_id = NULL;
  SlRecordListPage *list_page;
  SlRecordForm *form;
  SlRecord *record;
  GtkWidget *widget;
  GtkListBox *history;
  GtkListBoxRow *row;
  const char *error;

  /* The first type's list shows, empty; the sidebar counts. */
  widget = visible_page (f);
  g_assert_true (SL_IS_RECORD_LIST_PAGE (widget));
  list_page = SL_RECORD_LIST_PAGE (widget);
  g_assert_cmpstr (sl_record_list_page_get_record_type (list_page), ==, "submission");
  g_assert_cmpstr (sl_vault_page_get_count_label (f->page, "submission"), ==, "0");

  /* Add a submission through the creation form; the required reference
   * is asked for first. */
  g_assert_true (gtk_widget_activate_action (widget, "list.add", NULL));
  form = visible_form (f);
  g_assert_true (sl_record_form_get_creating (form));
  type_into (form, "date_received", "14/05/2011");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (form), "form.add", NULL));
  g_assert_true (visible_page (f) == GTK_WIDGET (form));
  error = sl_field_row_get_error (field_row (form, "reference"));
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (error, "Reference:"));
  submissions = list_records (f, "submission");
  g_assert_cmpuint (submissions->len, ==, 0);
  g_clear_pointer (&submissions, g_ptr_array_unref);

  type_into (form, "reference", "SUB-001");
  type_into (form, "period_from", "May 2011");
  choose (form, "region", "Unknown");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (sl_field_row_get_input (field_row (form, "summary")))),
                            "Two girls, placed out of area.", -1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (form), "form.add", NULL));

  /* The new submission opens as a form that saves as it goes. */
  form = visible_form (f);
  g_assert_false (sl_record_form_get_creating (form));
  submission_id = g_strdup (sl_record_form_get_record_id (form));
  g_assert_cmpstr (sl_vault_page_get_count_label (f->page, "submission"), ==, "1");
  submissions = list_records (f, "submission");
  g_assert_cmpuint (submissions->len, ==, 1);
  record = g_ptr_array_index (submissions, 0);
  g_assert_cmpstr (sl_record_get_id (record), ==, submission_id);
  assert_value (record, "reference", "\"SUB-001\"");
  assert_value (record, "date_received", "\"2011-05-14\"");
  assert_value (record, "period_from", "\"2011-05\"");
  assert_value (record, "region", "{\"missing\":\"unknown\"}");
  assert_value (record, "summary", "\"Two girls, placed out of area.\"");
  g_clear_pointer (&submissions, g_ptr_array_unref);

  /* An edit is saved at once; "Not recorded" is not "Unknown". */
  choose (form, "region", "Not recorded");
  type_and_apply (form, "victims_count", "2");
  submissions = list_records (f, "submission");
  record = g_ptr_array_index (submissions, 0);
  assert_value (record, "region", "{\"missing\":\"not_recorded\"}");
  assert_value (record, "victims_count", "2");
  g_clear_pointer (&submissions, g_ptr_array_unref);

  /* Two coded victims, added from the submission. A bad age is refused
   * with the field named by its label, and nothing is added. */
  {
    GtkWidget *button = find_named_button (GTK_WIDGET (form), "victim");
    SlRecordForm *creating;

    g_signal_emit_by_name (button, "clicked");
    creating = visible_form (f);
    type_into (creating, "label", "Victim 1");
    type_into (creating, "age", "200");
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (creating), "form.add", NULL));
    error = sl_field_row_get_error (field_row (creating, "age"));
    g_assert_nonnull (error);
    g_test_message ("Validation message: %s", error);
    g_assert_true (g_str_has_prefix (error, "Age:"));
    g_assert_true (visible_page (f) == GTK_WIDGET (creating));
    victims = list_records (f, "victim");
    g_assert_cmpuint (victims->len, ==, 0);
    g_clear_pointer (&victims, g_ptr_array_unref);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (creating), "page.back", NULL));
    g_assert_true (visible_page (f) == GTK_WIDGET (form));
  }
  add_victim (f, "Victim 1", "15");
  add_victim (f, "Victim 2", "12");
  g_assert_cmpstr (sl_vault_page_get_count_label (f->page, "victim"), ==, "2");

  victims = list_records (f, "victim");
  g_assert_cmpuint (victims->len, ==, 2);
  record = find_record (victims, "Victim 1");
  g_assert_nonnull (record);
  g_assert_cmpstr (sl_record_get_parent (record), ==, submission_id);
  assert_value (record, "age", "15");
  assert_value (record, "gender", "{\"missing\":\"unknown\"}");
  victim1_id = g_strdup (sl_record_get_id (record));
  record = find_record (victims, "Victim 2");
  g_assert_nonnull (record);
  assert_value (record, "age", "12");
  victim2_id = g_strdup (sl_record_get_id (record));
  g_clear_pointer (&victims, g_ptr_array_unref);

  /* The submission lists its coded people. */
  {
    GtkWidget *people = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (form), SL_TYPE_RECORD_FORM,
                                                       "people_list");

    row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (people), 1);
    g_assert_nonnull (row);
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Victim 2");
  }

  /* Editing: a bad value shows the message and saves nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "page.open-record", "s", victim1_id));
  form = visible_form (f);
  type_and_apply (form, "age", "200");
  error = sl_field_row_get_error (field_row (form, "age"));
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (error, "Age:"));
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_next_sibling (gtk_widget_get_first_child (GTK_WIDGET (field_row (form, "age"))))));
  victims = list_records (f, "victim");
  assert_value (find_record (victims, "Victim 1"), "age", "15");
  g_clear_pointer (&victims, g_ptr_array_unref);

  type_and_apply (form, "age", "16");
  g_assert_null (sl_field_row_get_error (field_row (form, "age")));
  victims = list_records (f, "victim");
  assert_value (find_record (victims, "Victim 1"), "age", "16");
  g_clear_pointer (&victims, g_ptr_array_unref);

  /* Undo the last change (Ctrl+Z): the age goes back, the form shows it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (form), "form.undo", NULL));
  victims = list_records (f, "victim");
  assert_value (find_record (victims, "Victim 1"), "age", "15");
  g_clear_pointer (&victims, g_ptr_array_unref);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (sl_field_row_get_input (field_row (form, "age")))),
                   ==, "15");

  /* The history, newest first. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (form), "form.history", NULL));
  widget = visible_page (f);
  g_assert_true (SL_IS_HISTORY_PAGE (widget));
  history = sl_history_page_get_list (SL_HISTORY_PAGE (widget));
  row = gtk_list_box_get_row_at_index (history, 0);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Set Age to 15");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Tester"));
  row = gtk_list_box_get_row_at_index (history, 1);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Set Age to 16");
  row = gtk_list_box_get_row_at_index (history, 2);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Created");
  g_assert_null (gtk_list_box_get_row_at_index (history, 3));
  g_assert_true (gtk_widget_activate_action (widget, "page.back", NULL));
  g_assert_true (visible_page (f) == GTK_WIDGET (form));

  /* Search the victims as you type. */
  sl_vault_page_show_record_type (f->page, "victim");
  list_page = SL_RECORD_LIST_PAGE (visible_page (f));
  g_assert_cmpuint (g_list_model_get_n_items (sl_record_list_page_get_model (list_page)), ==, 2);
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (list_page),
                                                                      SL_TYPE_RECORD_LIST_PAGE,
                                                                      "search_entry")),
                         "victim 2");
  wait_until (list_has_one, list_page, "the search to narrow the list");
  {
    g_autoptr(SlRecord) found = g_list_model_get_item (sl_record_list_page_get_model (list_page), 0);

    g_assert_cmpstr (sl_record_get_id (found), ==, victim2_id);
  }
  /* And the view shows it, in the row that showed the first victim. */
  wait_until (view_shows_only_victim_2,
              gtk_widget_get_template_child (GTK_WIDGET (list_page), SL_TYPE_RECORD_LIST_PAGE,
                                             "list_view"),
              "the list to show the one victim found");

  /* Open the found record, delete it, and undo from the toast. */
  g_signal_emit_by_name (gtk_widget_get_template_child (GTK_WIDGET (list_page), SL_TYPE_RECORD_LIST_PAGE,
                                                        "list_view"), "activate", 0);
  form = visible_form (f);
  g_assert_cmpstr (sl_record_form_get_record_id (form), ==, victim2_id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (form), "form.delete", NULL));
  spin (50);
  g_assert_true (visible_page (f) == GTK_WIDGET (list_page));
  g_assert_cmpstr (sl_vault_page_get_count_label (f->page, "victim"), ==, "1");
  victims = list_records (f, "victim");
  g_assert_cmpuint (victims->len, ==, 1);
  g_clear_pointer (&victims, g_ptr_array_unref);

  widget = find_descendant (GTK_WIDGET (f->page), GTK_TYPE_BUTTON, "page.undelete");
  g_assert_nonnull (widget);
  g_assert_true (gtk_widget_get_visible (widget));
  g_signal_emit_by_name (widget, "clicked");
  spin (50);
  g_assert_cmpstr (sl_vault_page_get_count_label (f->page, "victim"), ==, "2");
  victims = list_records (f, "victim");
  g_assert_cmpuint (victims->len, ==, 2);
  g_assert_nonnull (find_record (victims, "Victim 2"));
  g_clear_pointer (&victims, g_ptr_array_unref);
  wait_until (list_has_one, list_page, "the restored record in the search");

  /* The history of the restored record says so. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "page.show-history", "s", victim2_id));
  history = sl_history_page_get_list (SL_HISTORY_PAGE (visible_page (f)));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (gtk_list_box_get_row_at_index (history, 0))),
                   ==, "Restored");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (gtk_list_box_get_row_at_index (history, 1))),
                   ==, "Deleted");
}

/* Every field of every type gets a row with an accessible input. */
static void
test_every_type (Fixture       *f,
                 gconstpointer  data)
{
  GPtrArray *types = sl_codebook_get_record_types (sl_vault_get_codebook (f->vault));

  for (guint i = 0; i < types->len; i++)
    {
      SlRecordType *type = g_ptr_array_index (types, i);
      SlRecordForm *form;

      sl_vault_page_show_record_type (f->page, type->id);
      g_assert_true (SL_IS_RECORD_LIST_PAGE (visible_page (f)));
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "page.new-record", "(ss)",
                                                 type->id, ""));
      form = visible_form (f);
      for (guint j = 0; j < type->fields->len; j++)
        {
          SlField *field = g_ptr_array_index (type->fields, j);
          SlFieldRow *row = field_row (form, field->id);

          g_assert_nonnull (sl_field_row_get_input (row));
        }
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (form), "page.back", NULL));
    }
}

/* A search that changes every row of a long list: each row shown, at the
 * top and scrolled down, comes to show a record the search found. */
static gboolean
every_shown_row_is_even (gpointer data)
{
  g_autoptr(GString) shown = g_string_new (NULL);
  guint rows = 0;

  shown_labels (GTK_WIDGET (data), shown);
  for (const char *p = shown->str; (p = strstr (p, "|Person ")) != NULL; p++)
    {
      rows++;
      if (strncmp (p, "|Person even", 12) != 0)
        return FALSE;
    }
  return rows > 0;
}

static void
test_search_many (Fixture       *f,
                  gconstpointer  data)
{
  SlRecordType *rt = sl_codebook_lookup_type (sl_vault_get_codebook (f->vault), "submission", NULL);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  g_autoptr(GError) error = NULL;
  SlRecordListPage *list_page;
  GtkWidget *view;
  GtkAdjustment *adjustment;

  for (guint i = 0; i < 160; i++)
    {
      g_autofree char *reference = g_strdup_printf ("reference=Person %s %03u", i % 2 ? "odd" : "even", i);
      const char *a[] = { reference, NULL };

      g_ptr_array_add (values, sl_values_from_assignments (rt, a, &error));
      g_assert_no_error (error);
    }
  g_assert_true (sl_vault_add_records (f->vault, "submission", NULL, values, NULL, NULL, &error));
  g_assert_no_error (error);

  sl_vault_page_show_record_type (f->page, "submission");
  list_page = SL_RECORD_LIST_PAGE (visible_page (f));
  view = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (list_page), SL_TYPE_RECORD_LIST_PAGE,
                                                    "list_view"));
  spin (200);
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (list_page),
                                                                      SL_TYPE_RECORD_LIST_PAGE,
                                                                      "search_entry")),
                         "even");
  wait_until (every_shown_row_is_even, view, "every row to show an even person");

  /* Scrolled down, the rows there show even people too. */
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) * 0.3);
  wait_until (every_shown_row_is_even, view, "the rows scrolled to");

  /* A filter chosen then shows the first of its results, not rows from
   * the middle of them. */
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 0);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (gtk_widget_get_template_child (GTK_WIDGET (list_page),
                                                                            SL_TYPE_RECORD_LIST_PAGE,
                                                                            "field_dropdown")),
                              1);
  spin (50);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  sl_test_ui_init (&argc, &argv);

  g_test_add ("/sightline/ui/records/flow", Fixture, NULL,
              fixture_set_up, test_records, fixture_tear_down);
  g_test_add ("/sightline/ui/records/every-type", Fixture, NULL,
              fixture_set_up, test_every_type, fixture_tear_down);
  g_test_add ("/sightline/ui/records/search-many", Fixture, NULL,
              fixture_set_up, test_search_many, fixture_tear_down);

  return g_test_run ();
}
