/* test-ui-welsh.c
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

/* Drives the real windows under Xvfb in Welsh: the welcome page, the new
 * vault dialog, the unlock page, an unlocked vault's sidebar and a record
 * form show the labels of po/cy.po, the codebook's labels included. Run
 * with LC_ALL=C.UTF-8, LANGUAGE=cy, SIGHTLINE_TEST_LOCALEDIR set to a
 * directory holding cy/LC_MESSAGES/sightline.mo, GSETTINGS_BACKEND=memory,
 * GSETTINGS_SCHEMA_DIR set to the compiled schema and GTK_A11Y=none.
 * With SIGHTLINE_TEST_SCREENSHOT_DIR set, it also saves a PNG of each
 * page there. */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "sl-application.h"
#include "sl-codebook.h"
#include "sl-create-dialog.h"
#include "sl-field-row.h"
#include "sl-pack.h"
#include "sl-pack-dialog.h"
#include "sl-record-form.h"
#include "sl-test-ui-utils.h"
#include "sl-test-utils.h"
#include "sl-unlock-page.h"
#include "sl-vault-page.h"
#include "sl-welcome-page.h"
#include "sl-window.h"

typedef struct
{
  SlWindow  *window;
  GSettings *settings;

  /* Weak pointers: must be finalized by tear-down. */
  GObject   *window_watch;
  GObject   *vault_watch;
} UiFixture;

/* Helpers */

/* G_TEST_OPTION_ISOLATE_DIRS points HOME at a new path but does not make it. */
static void
make_home (void)
{
  g_assert_cmpint (g_mkdir_with_parents (g_get_home_dir (), 0700), ==, 0);
}

static SlCreateDialog *
find_create_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (const GList *l = toplevels; l != NULL; l = l->next)
    {
      if (SL_IS_CREATE_DIALOG (l->data))
        return l->data;
    }

  return NULL;
}

static gboolean
no_create_dialog (gpointer data)
{
  return find_create_dialog () == NULL;
}

static gboolean
visible_page_is_form (gpointer data)
{
  return SL_IS_RECORD_FORM (sl_vault_page_get_visible_page (data));
}

static gboolean
page_is_main (gpointer data)
{
  return g_strcmp0 (sl_window_get_visible_page_name (data), "main") == 0;
}

static const char *
button_label (gpointer    widget,
              GType       type,
              const char *name)
{
  return gtk_button_get_label (GTK_BUTTON (template_child (widget, type, name)));
}

/* The first GtkLabel under @widget, depth first. */
static GtkLabel *
find_label (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    return GTK_LABEL (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *label = find_label (child);

      if (label != NULL)
        return label;
    }

  return NULL;
}

/* The first GtkButton under @widget whose action is @action_name: the
 * welcome page's buttons are not template children. */
static GtkButton *
find_button (GtkWidget  *widget,
             const char *action_name)
{
  if (GTK_IS_BUTTON (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0)
    return GTK_BUTTON (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkButton *button = find_button (child, action_name);

      if (button != NULL)
        return button;
    }

  return NULL;
}

/* Fixture */

static void
ui_fixture_set_up (UiFixture     *fixture,
                   gconstpointer  data)
{
  make_home ();

  fixture->settings = g_settings_new ("io.github.sightline.Sightline");
  g_settings_reset (fixture->settings, "recent-vaults");

  fixture->window = g_object_ref_sink (sl_window_new (GTK_APPLICATION (g_application_get_default ())));
  fixture->window_watch = G_OBJECT (fixture->window);
  g_object_add_weak_pointer (fixture->window_watch, (gpointer *) &fixture->window_watch);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1000, 700);
  gtk_window_present (GTK_WINDOW (fixture->window));
  spin (50);
}

static gboolean
fixture_released (gpointer data)
{
  UiFixture *fixture = data;

  return fixture->window_watch == NULL && fixture->vault_watch == NULL;
}

static void
ui_fixture_tear_down (UiFixture     *fixture,
                      gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->window);
  g_clear_object (&fixture->settings);

  wait_until (fixture_released, fixture, "the window and the vault to be finalized");
}

/* Tests */

/* The catalogue is found and used: a plain lookup, outside any widget. */
static void
test_catalogue (void)
{
  g_assert_cmpstr (_("Tables"), ==, "Tablau");
  g_assert_cmpstr (g_dngettext (GETTEXT_PACKAGE, "%u record", "%u records", 2), ==, "%u gofnod");
  g_assert_cmpstr (g_dpgettext2 (GETTEXT_PACKAGE, "shortcut window", "Preferences"), ==, "Dewisiadau");
}

static void
test_welcome (UiFixture     *fixture,
              gconstpointer  data)
{
  SlWindow *window = fixture->window;
  GtkWidget *welcome_page = GTK_WIDGET (template_child (window, SL_TYPE_WINDOW, "welcome_page"));
  AdwStatusPage *status_page = ADW_STATUS_PAGE (template_child (welcome_page, SL_TYPE_WELCOME_PAGE, "status_page"));
  SlCreateDialog *dialog;
  GtkButton *create_button;
  GtkButton *open_button;

  g_assert_cmpstr (sl_window_get_visible_page_name (window), ==, "welcome");

  g_assert_cmpstr (adw_status_page_get_title (status_page), ==, "Sightline");
  g_assert_cmpstr (adw_status_page_get_description (status_page), ==,
                   "Cadw tystiolaeth ymchwiliad mewn claddgell wedi’i hamgryptio");
  create_button = find_button (welcome_page, "win.create-vault");
  open_button = find_button (welcome_page, "win.open-vault");
  g_assert_nonnull (create_button);
  g_assert_nonnull (open_button);
  g_assert_cmpstr (gtk_button_get_label (create_button), ==, "_Creu Claddgell…");
  g_assert_cmpstr (gtk_button_get_label (open_button), ==, "_Agor Claddgell…");
  g_assert_true (gtk_button_get_use_underline (create_button));
  g_assert_cmpstr (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (template_child (welcome_page, SL_TYPE_WELCOME_PAGE, "recent_group"))),
                   ==, "Claddgelloedd Diweddar");

  sl_test_save_screenshot (GTK_WIDGET (window), "welsh-welcome");

  /* The new vault dialog, then Cancel: nothing is created. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.create-vault", NULL));
  dialog = find_create_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Claddgell Newydd");
  g_assert_cmpstr (button_label (dialog, SL_TYPE_CREATE_DIALOG, "create_button"), ==, "C_reu");
  g_assert_cmpstr (button_label (dialog, SL_TYPE_CREATE_DIALOG, "cancel_button"), ==, "_Canslo");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (template_child (dialog, SL_TYPE_CREATE_DIALOG, "title_row"))),
                   ==, "Teitl");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (template_child (dialog, SL_TYPE_CREATE_DIALOG, "repeat_row"))),
                   ==, "Ailadrodd y Cyfrinymadrodd");

  sl_test_save_screenshot (GTK_WIDGET (dialog), "welsh-create-dialog");

  g_signal_emit_by_name (template_child (dialog, SL_TYPE_CREATE_DIALOG, "cancel_button"), "clicked");
  wait_until (no_create_dialog, NULL, "the dialog to close");
  g_assert_null (sl_window_get_vault (window));
}

static void
test_unlock_and_sidebar (UiFixture     *fixture,
                         gconstpointer  data)
{
  SlWindow *window = fixture->window;
  SlUnlockPage *unlock_page = SL_UNLOCK_PAGE (template_child (window, SL_TYPE_WINDOW, "unlock_page"));
  g_autoptr(SlVault) made = sl_test_create_vault (g_get_home_dir (), "Ymchwiliad.sightline", SL_TEST_PASSPHRASE);
  g_autoptr(GFile) location = g_object_ref (sl_vault_get_location (made));
  GtkWidget *page;
  GtkListBox *type_list;
  GtkListBoxRow *tables_row;
  GtkLabel *label;
  GtkWidget *victims_row;
  SlRecordForm *form;
  GtkWidget *input;
  GtkStringList *options;
  guint n_types;

  sl_vault_lock (made);
  g_clear_object (&made);

  sl_window_open_vault (window, location);
  g_assert_cmpstr (sl_window_get_visible_page_name (window), ==, "unlock");
  fixture->vault_watch = G_OBJECT (sl_window_get_vault (window));
  g_object_add_weak_pointer (fixture->vault_watch, (gpointer *) &fixture->vault_watch);

  /* The unlock page. */
  g_assert_cmpstr (button_label (unlock_page, SL_TYPE_UNLOCK_PAGE, "unlock_button"), ==, "_Datgloi");
  g_assert_cmpstr (button_label (unlock_page, SL_TYPE_UNLOCK_PAGE, "cancel_button"), ==, "_Canslo");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (template_child (unlock_page, SL_TYPE_UNLOCK_PAGE, "passphrase_row"))),
                   ==, "Cyfrinymadrodd");
  g_assert_true (g_str_has_prefix (adw_status_page_get_description (ADW_STATUS_PAGE (template_child (unlock_page, SL_TYPE_UNLOCK_PAGE, "status_page"))),
                                   "Rhowch y cyfrinymadrodd i ddatgloi’r gladdgell hon"));

  sl_test_save_screenshot (GTK_WIDGET (window), "welsh-unlock");

  /* Unlock. */
  gtk_editable_set_text (GTK_EDITABLE (template_child (unlock_page, SL_TYPE_UNLOCK_PAGE, "passphrase_row")), SL_TEST_PASSPHRASE);
  g_signal_emit_by_name (template_child (unlock_page, SL_TYPE_UNLOCK_PAGE, "unlock_button"), "clicked");
  wait_until (page_is_main, window, "the vault to unlock");

  page = gtk_stack_get_visible_child (GTK_STACK (template_child (window, SL_TYPE_WINDOW, "stack")));
  g_assert_true (SL_IS_VAULT_PAGE (page));

  /* The sidebar: the record types from the codebook, then Tables. */
  type_list = GTK_LIST_BOX (template_child (page, SL_TYPE_VAULT_PAGE, "type_list"));
  n_types = sl_codebook_get_record_types (sl_vault_get_codebook (sl_window_get_vault (window)))->len;
  tables_row = gtk_list_box_get_row_at_index (type_list, (int) n_types);
  g_assert_nonnull (tables_row);
  g_assert_null (gtk_list_box_get_row_at_index (type_list, (int) n_types + 1));
  label = find_label (GTK_WIDGET (tables_row));
  g_assert_nonnull (label);
  g_assert_cmpstr (gtk_label_get_text (label), ==, "Tablau");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (tables_row)), ==,
                   "Tablau a siartiau’r adroddiad, o’r cofnodion");

  /* The record types come from the codebook, in Welsh: their plurals and
   * descriptions. */
  label = find_label (GTK_WIDGET (gtk_list_box_get_row_at_index (type_list, 0)));
  g_assert_cmpstr (gtk_label_get_text (label), ==, "Cyflwyniadau");
  victims_row = GTK_WIDGET (gtk_list_box_get_row_at_index (type_list, 3));
  label = find_label (victims_row);
  g_assert_cmpstr (gtk_label_get_text (label), ==, "Dioddefwyr");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (victims_row), ==,
                   "Plentyn neu unigolyn ifanc a ddisgrifir fel dioddefwr camfanteisio rhywiol "
                   "mewn cyflwyniad, ymweliad safle neu sesiwn, wedi’i godio heb enw.");

  sl_test_save_screenshot (GTK_WIDGET (window), "welsh-vault");

  /* A new submission's form: the codebook's field and option labels. */
  g_assert_true (gtk_widget_activate_action (page, "page.new-record", "(ss)", "submission", ""));
  wait_until (visible_page_is_form, page, "the form to show");
  form = SL_RECORD_FORM (sl_vault_page_get_visible_page (SL_VAULT_PAGE (page)));
  input = sl_field_row_get_input (sl_record_form_get_field_row (form, "reference"));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (input)), ==, "Cyfeirnod *");
  input = sl_field_row_get_input (sl_record_form_get_field_row (form, "organisation_type"));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (input)), ==,
                   "Math o sefydliad");
  options = GTK_STRING_LIST (adw_combo_row_get_model (ADW_COMBO_ROW (input)));
  g_assert_cmpstr (gtk_string_list_get_string (options, 1), ==, "Bwrdd Diogelu Plant");

  sl_test_save_screenshot (GTK_WIDGET (window), "welsh-form");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (form), "page.back", NULL));

  /* Lock again before tear-down. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.lock", NULL));
  g_assert_cmpstr (sl_window_get_visible_page_name (window), ==, "unlock");
}

static gboolean
pack_preview_shown (gpointer dialog)
{
  return gtk_widget_get_sensitive (GTK_WIDGET (template_child (dialog, SL_TYPE_PACK_DIALOG,
                                                               "export_button")));
}

static void
collect_titles (GtkWidget *widget,
                GString   *out)
{
  if (ADW_IS_PREFERENCES_ROW (widget))
    g_string_append_printf (out, "|%s|", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)));
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    collect_titles (c, out);
}

/* A pack is written in the codebook's own words, whatever the language
 * of the interface: packs from every laptop read alike and match the
 * codebook. The interface itself shows the Welsh labels. */
static void
test_pack_as_written (void)
{
  g_autofree char *dir = sl_test_make_tmpdir ();
  g_autofree char *folder_path = g_build_filename (dir, "pack", NULL);
  g_autofree char *codebook_txt = g_build_filename (folder_path, "codebook.txt", NULL);
  g_autofree char *text = NULL;
  g_autofree char *submission = NULL;
  g_autofree char *victim = NULL;
  g_autoptr(SlVault) vault = sl_test_create_vault (dir, "welsh.sightline", SL_TEST_PASSPHRASE);
  g_autoptr(GFile) folder = g_file_new_for_path (folder_path);
  g_autoptr(GError) error = NULL;
  SlRecordType *type;
  const char *sub_values[] = { "reference=CFE-CY-1", NULL };
  const char *victim_values[] = { "label=Child A", "gender=female", "age=14", NULL };

  g_assert_nonnull (vault);
  type = sl_codebook_lookup_type (sl_vault_get_codebook (vault), "victim", NULL);
  g_assert_cmpstr (sl_record_type_lookup_field (type, "gender", NULL)->label, ==, "Rhywedd");

  submission = sl_test_add_record (vault, "submission", NULL, sub_values);
  victim = sl_test_add_record (vault, "victim", submission, victim_values);
  g_assert_true (sl_vault_write_pack (vault, folder, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (codebook_txt, &text, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "Gender"));
  g_assert_null (strstr (text, "Rhywedd"));

  /* The interface's codebook is still in Welsh after the pack, and the
   * Export Analyst Pack dialog's preview speaks it. */
  g_assert_cmpstr (sl_record_type_lookup_field (type, "gender", NULL)->label, ==, "Rhywedd");
  {
    g_autoptr(GString) titles = g_string_new (NULL);
    SlPackDialog *dialog = sl_pack_dialog_new (vault, NULL);

    gtk_window_present (GTK_WINDOW (dialog));
    wait_until (pack_preview_shown, dialog, "the pack's preview");
    collect_titles (GTK_WIDGET (template_child (dialog, SL_TYPE_PACK_DIALOG, "preview_group")),
                    titles);
    g_test_message ("preview: %s", titles->str);
    g_assert_nonnull (strstr (titles->str, "|Dioddefwyr|"));
    g_assert_nonnull (strstr (titles->str, "|Rhywedd|"));
    g_assert_null (strstr (titles->str, "|Gender|"));
    gtk_window_destroy (GTK_WINDOW (dialog));
    spin (50);
  }
  sl_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SlApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  const char *localedir = g_getenv ("SIGHTLINE_TEST_LOCALEDIR");
  int ret;

  sl_test_use_system_mime_dirs ();
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_assert_nonnull (localedir);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  gtk_init ();
  adw_init ();

  /* Registered without an id: no D-Bus, but startup runs (resources,
   * accels, app.* actions) and windows may join it. */
  app = g_object_new (SL_TYPE_APPLICATION,
                      "flags", G_APPLICATION_NON_UNIQUE,
                      NULL);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/sightline/ui/welsh/catalogue", test_catalogue);
  g_test_add_func ("/sightline/ui/welsh/pack-as-written", test_pack_as_written);
  g_test_add ("/sightline/ui/welsh/welcome", UiFixture, NULL,
              ui_fixture_set_up, test_welcome, ui_fixture_tear_down);
  g_test_add ("/sightline/ui/welsh/unlock-and-sidebar", UiFixture, NULL,
              ui_fixture_set_up, test_unlock_and_sidebar, ui_fixture_tear_down);

  ret = g_test_run ();

  g_application_quit (G_APPLICATION (app));

  return ret;
}
