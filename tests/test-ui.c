/* test-ui.c
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

/* Drives the real windows under Xvfb: create a vault through the dialog,
 * lock, fail with a wrong passphrase, unlock, open a recent vault.
 * Run with GSETTINGS_BACKEND=memory, GSETTINGS_SCHEMA_DIR set to the
 * compiled schema and GTK_A11Y=none. */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "sl-application.h"
#include "sl-create-dialog-private.h"
#include "sl-test-ui-utils.h"
#include "sl-test-utils.h"
#include "sl-unlock-page.h"
#include "sl-vault-page.h"
#include "sl-welcome-page.h"
#include "sl-window.h"

#define VAULT_TITLE          "CSEGG inquiry"
#define STRONG_PASSPHRASE    "violet marmalade under the old bridge"
#define WRONG_PASSPHRASE     "amber pelican over the new harbour"
#define WRONG_MESSAGE        "The passphrase is wrong. Check Caps Lock and try again."

typedef struct
{
  SlWindow  *window;
  GSettings *settings;

  /* Weak pointers: must be finalized by tear-down. */
  GObject   *window_watch;
  GObject   *vault_watch;
} UiFixture;

/* Helpers */

static SlUnlockPage *
get_unlock_page (SlWindow *window)
{
  return SL_UNLOCK_PAGE (template_child (window, SL_TYPE_WINDOW, "unlock_page"));
}

static GtkStack *
get_stack (SlWindow *window)
{
  return GTK_STACK (template_child (window, SL_TYPE_WINDOW, "stack"));
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

static void
set_text (gpointer    widget,
          GType       type,
          const char *name,
          const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (template_child (widget, type, name)), text);
}

static gboolean
page_is_main (gpointer data)
{
  return g_strcmp0 (sl_window_get_visible_page_name (data), "main") == 0;
}

static gboolean
unlock_page_is_idle (gpointer data)
{
  return !sl_unlock_page_get_busy (data);
}

static gboolean
no_create_dialog (gpointer data)
{
  return find_create_dialog () == NULL;
}

static SlCreateDialog *
open_create_dialog (SlWindow *window)
{
  SlCreateDialog *dialog;
  SlKdfParams params = sl_test_kdf_params ();

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.create-vault", NULL));

  dialog = find_create_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));

  _sl_create_dialog_set_kdf_params (dialog, &params);

  return dialog;
}

static gboolean
widget_is_shown (gpointer    widget,
                 GType       type,
                 const char *name)
{
  return gtk_widget_get_visible (GTK_WIDGET (template_child (widget, type, name)));
}

static const char *
label_text (gpointer    widget,
            GType       type,
            const char *name)
{
  return gtk_label_get_text (GTK_LABEL (template_child (widget, type, name)));
}

/* G_TEST_OPTION_ISOLATE_DIRS points HOME at a new path but does not make it. */
static void
make_home (void)
{
  g_assert_cmpint (g_mkdir_with_parents (g_get_home_dir (), 0700), ==, 0);
}

/* Fixture */

static void
ui_fixture_set_up (UiFixture     *fixture,
                   gconstpointer  data)
{
  make_home ();

  fixture->settings = g_settings_new ("io.github.sightline.Sightline");
  g_settings_reset (fixture->settings, "recent-vaults");

  if (data != NULL)
    g_settings_set_strv (fixture->settings, "recent-vaults", data);

  fixture->window = g_object_ref_sink (sl_window_new (GTK_APPLICATION (g_application_get_default ())));
  fixture->window_watch = G_OBJECT (fixture->window);
  g_object_add_weak_pointer (fixture->window_watch, (gpointer *) &fixture->window_watch);
  gtk_window_present (GTK_WINDOW (fixture->window));
  spin (50);
}

/* Keeps an eye on @vault: tear-down checks that nothing kept it alive. */
static void
watch_vault (UiFixture *fixture,
             SlVault   *vault)
{
  g_assert_null (fixture->vault_watch);
  fixture->vault_watch = G_OBJECT (vault);
  g_object_add_weak_pointer (fixture->vault_watch, (gpointer *) &fixture->vault_watch);
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

  /* The window, and the vault it held, must go: a leaked reference would
   * keep a vault, and perhaps its key, alive. */
  wait_until (fixture_released, fixture, "the window and the vault to be finalized");
}

/* Tests */

static void
test_create_lock_unlock (UiFixture     *fixture,
                         gconstpointer  data)
{
  SlWindow *window = fixture->window;
  SlUnlockPage *unlock_page = get_unlock_page (window);
  SlCreateDialog *dialog;
  GtkWidget *create_button;
  GtkWidget *page;
  g_autoptr(GFile) expected = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(SlSecret) strong = sl_secret_new_from_string (STRONG_PASSPHRASE);
  g_autofree char *title = NULL;
  g_auto(GStrv) recent = NULL;
  SlVault *vault;

  g_assert_true (sl_vault_check_passphrase_strength (strong, NULL));
  g_assert_cmpstr (sl_window_get_visible_page_name (window), ==, "welcome");

  /* Create: fill the form as a person would, then click Create. */
  dialog = open_create_dialog (window);
  folder = g_file_new_for_path (g_get_home_dir ());
  g_assert_true (g_file_equal (sl_create_dialog_get_folder (dialog), folder));

  create_button = GTK_WIDGET (template_child (dialog, SL_TYPE_CREATE_DIALOG, "create_button"));
  g_assert_false (gtk_widget_is_sensitive (create_button));

  set_text (dialog, SL_TYPE_CREATE_DIALOG, "title_row", VAULT_TITLE);
  set_text (dialog, SL_TYPE_CREATE_DIALOG, "passphrase_row", STRONG_PASSPHRASE);
  g_assert_false (gtk_widget_is_sensitive (create_button));
  set_text (dialog, SL_TYPE_CREATE_DIALOG, "repeat_row", STRONG_PASSPHRASE);
  g_assert_true (gtk_widget_is_sensitive (create_button));
  g_assert_cmpstr (label_text (dialog, SL_TYPE_CREATE_DIALOG, "message_label"), ==,
                   "The passphrases match.");

  g_signal_emit_by_name (create_button, "clicked");

  /* Busy: the passphrases have left the entries, the spinner turns. */
  g_assert_true (widget_is_shown (dialog, SL_TYPE_CREATE_DIALOG, "spinner"));
  g_assert_false (gtk_widget_is_sensitive (create_button));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (template_child (dialog, SL_TYPE_CREATE_DIALOG, "passphrase_row"))), ==, "");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (template_child (dialog, SL_TYPE_CREATE_DIALOG, "repeat_row"))), ==, "");

  wait_until (page_is_main, window, "the vault to be created");
  wait_until (no_create_dialog, NULL, "the dialog to close");

  /* The main page shows the new, unlocked vault. */
  vault = sl_window_get_vault (window);
  g_assert_nonnull (vault);
  watch_vault (fixture, vault);
  g_assert_false (sl_vault_get_locked (vault));
  g_assert_cmpstr (sl_vault_get_name (vault), ==, VAULT_TITLE);
  title = sl_vault_dup_title (vault, NULL);
  g_assert_cmpstr (title, ==, VAULT_TITLE);

  expected = g_file_get_child (folder, VAULT_TITLE ".sightline");
  g_assert_true (g_file_equal (sl_vault_get_location (vault), expected));
  g_assert_true (sl_vault_is_vault (expected));

  page = gtk_stack_get_visible_child (get_stack (window));
  g_assert_true (SL_IS_VAULT_PAGE (page));
  g_assert_cmpstr (adw_window_title_get_title (ADW_WINDOW_TITLE (template_child (page, SL_TYPE_VAULT_PAGE, "window_title"))),
                   ==, VAULT_TITLE);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, VAULT_TITLE);

  recent = g_settings_get_strv (fixture->settings, "recent-vaults");
  g_assert_cmpuint (g_strv_length (recent), ==, 1);
  g_assert_cmpstr (recent[0], ==, g_file_peek_path (expected));

  /* Lock: back to the unlock page, the main page gone. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.lock", NULL));
  g_assert_cmpstr (sl_window_get_visible_page_name (window), ==, "unlock");
  g_assert_true (sl_vault_get_locked (vault));
  g_assert_null (gtk_stack_get_child_by_name (get_stack (window), "main"));
  g_assert_true (sl_unlock_page_get_vault (unlock_page) == vault);
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (template_child (unlock_page, SL_TYPE_UNLOCK_PAGE, "status_page"))),
                   ==, VAULT_TITLE);

  /* A wrong passphrase: a plain message, still locked, entry emptied. */
  set_text (unlock_page, SL_TYPE_UNLOCK_PAGE, "passphrase_row", WRONG_PASSPHRASE);
  g_signal_emit_by_name (template_child (unlock_page, SL_TYPE_UNLOCK_PAGE, "unlock_button"), "clicked");
  g_assert_true (sl_unlock_page_get_busy (unlock_page));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (template_child (unlock_page, SL_TYPE_UNLOCK_PAGE, "action_stack"))),
                   ==, "busy");
  wait_until (unlock_page_is_idle, unlock_page, "the wrong passphrase to be refused");

  g_assert_cmpstr (sl_window_get_visible_page_name (window), ==, "unlock");
  g_assert_true (sl_vault_get_locked (vault));
  g_assert_true (widget_is_shown (unlock_page, SL_TYPE_UNLOCK_PAGE, "error_label"));
  g_assert_cmpstr (label_text (unlock_page, SL_TYPE_UNLOCK_PAGE, "error_label"), ==, WRONG_MESSAGE);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (template_child (unlock_page, SL_TYPE_UNLOCK_PAGE, "passphrase_row"))), ==, "");

  /* The right one, with Enter this time. */
  set_text (unlock_page, SL_TYPE_UNLOCK_PAGE, "passphrase_row", STRONG_PASSPHRASE);
  g_assert_false (widget_is_shown (unlock_page, SL_TYPE_UNLOCK_PAGE, "error_label"));
  g_signal_emit_by_name (template_child (unlock_page, SL_TYPE_UNLOCK_PAGE, "passphrase_row"), "entry-activated");
  wait_until (page_is_main, window, "the vault to unlock");

  g_assert_false (sl_vault_get_locked (vault));
  g_assert_true (SL_IS_VAULT_PAGE (gtk_stack_get_visible_child (get_stack (window))));
  g_assert_false (sl_unlock_page_get_busy (unlock_page));
}

static void
test_create_validation (UiFixture     *fixture,
                        gconstpointer  data)
{
  SlCreateDialog *dialog = open_create_dialog (fixture->window);
  GtkWidget *create_button = GTK_WIDGET (template_child (dialog, SL_TYPE_CREATE_DIALOG, "create_button"));
  GtkWidget *message_label = GTK_WIDGET (template_child (dialog, SL_TYPE_CREATE_DIALOG, "message_label"));
  GtkWidget *location_label = GTK_WIDGET (template_child (dialog, SL_TYPE_CREATE_DIALOG, "location_label"));
  g_autofree char *taken = g_build_filename (g_get_home_dir (), "Taken.sightline", NULL);

  /* A weak passphrase says why. */
  set_text (dialog, SL_TYPE_CREATE_DIALOG, "title_row", "Weak");
  set_text (dialog, SL_TYPE_CREATE_DIALOG, "passphrase_row", "abc");
  set_text (dialog, SL_TYPE_CREATE_DIALOG, "repeat_row", "abc");
  g_assert_true (gtk_widget_get_visible (message_label));
  g_assert_true (gtk_widget_has_css_class (message_label, "error"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (message_label)), "weak"));
  g_assert_false (gtk_widget_is_sensitive (create_button));

  /* Typing the repeat is not a mismatch yet; a different one is. */
  set_text (dialog, SL_TYPE_CREATE_DIALOG, "passphrase_row", STRONG_PASSPHRASE);
  set_text (dialog, SL_TYPE_CREATE_DIALOG, "repeat_row", "violet marm");
  g_assert_false (gtk_widget_has_css_class (message_label, "error"));
  g_assert_false (gtk_widget_is_sensitive (create_button));
  set_text (dialog, SL_TYPE_CREATE_DIALOG, "repeat_row", "violet marmot");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (message_label)), ==, "The passphrases do not match.");
  g_assert_false (gtk_widget_is_sensitive (create_button));
  set_text (dialog, SL_TYPE_CREATE_DIALOG, "repeat_row", STRONG_PASSPHRASE);
  g_assert_true (gtk_widget_is_sensitive (create_button));

  /* No title, no vault. */
  set_text (dialog, SL_TYPE_CREATE_DIALOG, "title_row", "   ");
  g_assert_false (gtk_widget_is_sensitive (create_button));

  /* Never over something that exists. */
  g_assert_cmpint (g_mkdir (taken, 0700), ==, 0);
  set_text (dialog, SL_TYPE_CREATE_DIALOG, "title_row", "Taken");
  g_assert_true (gtk_widget_get_visible (location_label));
  g_assert_true (gtk_widget_has_css_class (location_label, "error"));
  g_assert_false (gtk_widget_is_sensitive (create_button));
  g_rmdir (taken);

  /* Cancel closes it and creates nothing. */
  g_signal_emit_by_name (template_child (dialog, SL_TYPE_CREATE_DIALOG, "cancel_button"), "clicked");
  wait_until (no_create_dialog, NULL, "the dialog to close");
  g_assert_null (sl_window_get_vault (fixture->window));
  g_assert_cmpstr (sl_window_get_visible_page_name (fixture->window), ==, "welcome");
}

static void
test_folder_name (void)
{
  static const struct {
    const char *title;
    const char *name;
  } cases[] = {
    { "CSEGG inquiry", "CSEGG inquiry.sightline" },
    { "  Padded  ", "Padded.sightline" },
    { "North/South: 2024?", "North-South- 2024-.sightline" },
    { "..hidden", "hidden.sightline" },
    { "Ends with dots...", "Ends with dots.sightline" },
    { "Already.sightline", "Already.sightline" },
    { "Ymchwiliad Cymraeg – ŵ ŷ", "Ymchwiliad Cymraeg – ŵ ŷ.sightline" },
    { "", NULL },
    { "   ", NULL },
    { "...", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = _sl_create_dialog_dup_folder_name (cases[i].title);

      g_assert_cmpstr (name, ==, cases[i].name);
    }
}

static void
test_unlock_cancel (UiFixture     *fixture,
                    gconstpointer  data)
{
  SlWindow *window = fixture->window;
  SlUnlockPage *unlock_page = get_unlock_page (window);
  g_autoptr(SlVault) made = sl_test_create_vault (g_get_home_dir (), "Cancelled.sightline", STRONG_PASSPHRASE);
  g_autoptr(GFile) location = g_object_ref (sl_vault_get_location (made));

  sl_vault_lock (made);

  sl_window_open_vault (window, location);
  g_assert_cmpstr (sl_window_get_visible_page_name (window), ==, "unlock");
  watch_vault (fixture, sl_window_get_vault (window));

  set_text (unlock_page, SL_TYPE_UNLOCK_PAGE, "passphrase_row", STRONG_PASSPHRASE);
  g_signal_emit_by_name (template_child (unlock_page, SL_TYPE_UNLOCK_PAGE, "unlock_button"), "clicked");
  g_assert_true (sl_unlock_page_get_busy (unlock_page));

  g_signal_emit_by_name (template_child (unlock_page, SL_TYPE_UNLOCK_PAGE, "cancel_button"), "clicked");
  g_assert_false (sl_unlock_page_get_busy (unlock_page));

  /* Let the worker finish: cancellation stays silent and locked. */
  spin (1500);
  g_assert_cmpstr (sl_window_get_visible_page_name (window), ==, "unlock");
  g_assert_true (sl_vault_get_locked (sl_window_get_vault (window)));
  g_assert_false (widget_is_shown (unlock_page, SL_TYPE_UNLOCK_PAGE, "error_label"));
}

static void
test_not_a_vault (UiFixture     *fixture,
                  gconstpointer  data)
{
  g_autoptr(GFile) home = g_file_new_for_path (g_get_home_dir ());

  sl_window_open_vault (fixture->window, home);
  g_assert_cmpstr (sl_window_get_visible_page_name (fixture->window), ==, "welcome");
  g_assert_null (sl_window_get_vault (fixture->window));
}

static void
test_recent_vaults (void)
{
  UiFixture fixture = { 0 };
  g_autoptr(SlVault) made = NULL;
  g_autofree char *missing = g_build_filename (g_get_home_dir (), "Gone.sightline", NULL);
  const char *recent[3] = { NULL, };
  GtkWidget *welcome_page;
  GtkListBox *list;
  GtkListBoxRow *row;
  SlUnlockPage *unlock_page;

  make_home ();
  made = sl_test_create_vault (g_get_home_dir (), "Recent.sightline", STRONG_PASSPHRASE);
  sl_vault_lock (made);

  recent[0] = g_file_peek_path (sl_vault_get_location (made));
  recent[1] = missing;

  ui_fixture_set_up (&fixture, recent);

  welcome_page = GTK_WIDGET (template_child (fixture.window, SL_TYPE_WINDOW, "welcome_page"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (template_child (welcome_page, SL_TYPE_WELCOME_PAGE, "recent_group"))));
  list = GTK_LIST_BOX (template_child (welcome_page, SL_TYPE_WELCOME_PAGE, "recent_list"));

  row = gtk_list_box_get_row_at_index (list, 0);
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Recent");
  g_assert_true (gtk_list_box_row_get_activatable (row));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (row)), ==, "win.open-path");

  row = gtk_list_box_get_row_at_index (list, 1);
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Gone");
  g_assert_false (gtk_list_box_row_get_activatable (row));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row), "sl-missing"));

  g_assert_null (gtk_list_box_get_row_at_index (list, 2));

  /* Activating the first row goes to the unlock page for that vault. */
  g_signal_emit_by_name (gtk_list_box_get_row_at_index (list, 0), "activate");
  g_assert_cmpstr (sl_window_get_visible_page_name (fixture.window), ==, "unlock");
  unlock_page = get_unlock_page (fixture.window);
  g_assert_cmpstr (sl_vault_get_name (sl_unlock_page_get_vault (unlock_page)), ==, "Recent");

  /* Back goes to the welcome page and forgets the vault. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.show-welcome", NULL));
  g_assert_cmpstr (sl_window_get_visible_page_name (fixture.window), ==, "welcome");
  g_assert_null (sl_window_get_vault (fixture.window));

  ui_fixture_tear_down (&fixture, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SlApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  int ret;

  sl_test_use_system_mime_dirs ();
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gtk_init ();
  adw_init ();

  /* Registered without an id: no D-Bus, but startup runs (resources,
   * accels, app.* actions) and windows may join it. */
  app = g_object_new (SL_TYPE_APPLICATION,
                      "flags", G_APPLICATION_NON_UNIQUE,
                      NULL);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add ("/sightline/ui/create-lock-unlock", UiFixture, NULL,
              ui_fixture_set_up, test_create_lock_unlock, ui_fixture_tear_down);
  g_test_add ("/sightline/ui/create/validation", UiFixture, NULL,
              ui_fixture_set_up, test_create_validation, ui_fixture_tear_down);
  g_test_add_func ("/sightline/ui/create/folder-name", test_folder_name);
  g_test_add ("/sightline/ui/unlock/cancel", UiFixture, NULL,
              ui_fixture_set_up, test_unlock_cancel, ui_fixture_tear_down);
  g_test_add ("/sightline/ui/open/not-a-vault", UiFixture, NULL,
              ui_fixture_set_up, test_not_a_vault, ui_fixture_tear_down);
  g_test_add_func ("/sightline/ui/welcome/recent-vaults", test_recent_vaults);

  ret = g_test_run ();

  g_application_quit (G_APPLICATION (app));

  return ret;
}
