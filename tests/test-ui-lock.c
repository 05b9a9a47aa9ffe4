/* test-ui-lock.c
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

/* The auto-lock, under Xvfb: idle time, activity, the screen-lock and
 * suspend signals (fed to the monitor directly: CI has no session or
 * system bus), what a lock clears (clipboard, dialogs, the main page) and
 * the preferences window.
 * Run with GSETTINGS_BACKEND=memory, GSETTINGS_SCHEMA_DIR set to the
 * compiled schema and GTK_A11Y=none. */

#include "config.h"

#include <adwaita.h>
#include <string.h>
#include <unistd.h>

#include "sl-application.h"
#include "sl-lock-monitor.h"
#include "sl-preferences-window.h"
#include "sl-test-ui-utils.h"
#include "sl-test-utils.h"
#include "sl-unlock-page.h"
#include "sl-vault-page.h"
#include "sl-window.h"

#define IDLE_TIMEOUT_MS      300
#define ACTIVE_TIMEOUT_MS    3000

typedef struct
{
  SlWindow      *window;
  GSettings     *settings;
  SlLockMonitor *monitor;
  SlVault       *vault;

  /* Weak pointers: must be finalized by tear-down. */
  GObject       *window_watch;
  GObject       *vault_watch;
} LockFixture;

/* Helpers */

static SlApplication *
get_app (void)
{
  return SL_APPLICATION (g_application_get_default ());
}

static gboolean
page_is_main (gpointer data)
{
  return g_strcmp0 (sl_window_get_visible_page_name (data), "main") == 0;
}

static gboolean
vault_is_locked (gpointer data)
{
  LockFixture *fixture = data;

  return sl_vault_get_locked (fixture->vault);
}

static void
make_home (void)
{
  g_assert_cmpint (g_mkdir_with_parents (g_get_home_dir (), 0700), ==, 0);
}

/* Through the unlock page, as a person would. */
static void
unlock (LockFixture *fixture)
{
  SlUnlockPage *unlock_page;

  unlock_page = SL_UNLOCK_PAGE (template_child (fixture->window, SL_TYPE_WINDOW, "unlock_page"));
  gtk_editable_set_text (GTK_EDITABLE (template_child (unlock_page, SL_TYPE_UNLOCK_PAGE, "passphrase_row")),
                         SL_TEST_PASSPHRASE);
  g_signal_emit_by_name (template_child (unlock_page, SL_TYPE_UNLOCK_PAGE, "unlock_button"), "clicked");
  wait_until (page_is_main, fixture->window, "the vault to unlock");
  g_assert_false (sl_vault_get_locked (fixture->vault));
}

/* What every lock must leave: the unlock page, no main page. */
static void
assert_locked_view (LockFixture *fixture)
{
  GtkStack *stack = GTK_STACK (template_child (fixture->window, SL_TYPE_WINDOW, "stack"));

  g_assert_true (sl_vault_get_locked (fixture->vault));
  g_assert_cmpstr (sl_window_get_visible_page_name (fixture->window), ==, "unlock");
  g_assert_null (gtk_stack_get_child_by_name (stack, "main"));
}

static GtkWindow *
find_toplevel (GType type)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (const GList *l = toplevels; l != NULL; l = l->next)
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type))
        return l->data;
    }

  return NULL;
}

static GtkEventController *
find_controller (GtkWidget  *widget,
                 const char *name)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (g_strcmp0 (gtk_event_controller_get_name (controller), name) == 0)
        return controller;
    }

  return NULL;
}

typedef struct
{
  gboolean  done;
  char     *text;
} ReadText;

static void
read_text_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  ReadText *read = user_data;

  read->text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, NULL);
  read->done = TRUE;
}

static gboolean
read_done (gpointer data)
{
  return ((ReadText *) data)->done;
}

/* Returns: (transfer full) (nullable): what pasting would give */
static char *
read_clipboard (GdkClipboard *clipboard)
{
  ReadText read = { FALSE, NULL };

  gdk_clipboard_read_text_async (clipboard, NULL, read_text_cb, &read);
  wait_until (read_done, &read, "the clipboard to be read");

  return read.text;
}

/* Fixture */

static void
lock_fixture_set_up (LockFixture   *fixture,
                     gconstpointer  data)
{
  g_autoptr(SlVault) made = NULL;
  g_autoptr(GFile) location = NULL;

  make_home ();

  fixture->settings = g_settings_new ("io.github.sightline.Sightline");
  g_settings_reset (fixture->settings, "idle-lock-minutes");
  g_settings_reset (fixture->settings, "lock-on-screen-lock");
  g_settings_reset (fixture->settings, "lock-on-suspend");

  fixture->monitor = sl_application_get_lock_monitor (get_app ());
  g_assert_nonnull (fixture->monitor);
  _sl_lock_monitor_set_idle_timeout_ms (fixture->monitor, 0);

  made = sl_test_create_vault (g_get_home_dir (), "Lock.sightline", SL_TEST_PASSPHRASE);
  location = g_object_ref (sl_vault_get_location (made));
  sl_vault_lock (made);

  fixture->window = g_object_ref_sink (sl_window_new (GTK_APPLICATION (get_app ())));
  fixture->window_watch = G_OBJECT (fixture->window);
  g_object_add_weak_pointer (fixture->window_watch, (gpointer *) &fixture->window_watch);
  gtk_window_present (GTK_WINDOW (fixture->window));
  spin (50);

  sl_window_open_vault (fixture->window, location);
  fixture->vault = sl_window_get_vault (fixture->window);
  g_assert_nonnull (fixture->vault);
  fixture->vault_watch = G_OBJECT (fixture->vault);
  g_object_add_weak_pointer (fixture->vault_watch, (gpointer *) &fixture->vault_watch);

  unlock (fixture);
}

static gboolean
fixture_released (gpointer data)
{
  LockFixture *fixture = data;

  return fixture->window_watch == NULL && fixture->vault_watch == NULL;
}

static void
lock_fixture_tear_down (LockFixture   *fixture,
                        gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (g_get_home_dir (), "Lock.sightline", NULL);

  _sl_lock_monitor_set_idle_timeout_ms (fixture->monitor, 0);

  fixture->vault = NULL;
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->window);
  g_clear_object (&fixture->settings);

  wait_until (fixture_released, fixture, "the window and the vault to be finalized");

  sl_test_remove_tree (dir);
}

/* Tests */

static void
test_idle_locks (LockFixture   *fixture,
                 gconstpointer  data)
{
  gint64 start;
  gint64 elapsed_ms;

  /* The default: 5 minutes, from the settings. */
  g_assert_cmpuint (sl_lock_monitor_get_idle_timeout_ms (fixture->monitor), ==, 5 * 60 * 1000);

  start = g_get_monotonic_time ();
  _sl_lock_monitor_set_idle_timeout_ms (fixture->monitor, IDLE_TIMEOUT_MS);
  wait_until (vault_is_locked, fixture, "the idle lock");
  elapsed_ms = (g_get_monotonic_time () - start) / 1000;

  g_test_message ("Locked after %" G_GINT64_FORMAT " ms idle", elapsed_ms);
  g_assert_cmpint (elapsed_ms, >=, IDLE_TIMEOUT_MS - 20);
  g_assert_cmpint (elapsed_ms, <, IDLE_TIMEOUT_MS + 2000);
  assert_locked_view (fixture);

  /* The idle time does not lock an unlock under way: once unlocked again,
   * it runs from the last activity. */
  _sl_lock_monitor_set_idle_timeout_ms (fixture->monitor, 0);
  unlock (fixture);
  _sl_lock_monitor_set_idle_timeout_ms (fixture->monitor, IDLE_TIMEOUT_MS);
  wait_until (vault_is_locked, fixture, "the second idle lock");
  assert_locked_view (fixture);
}

static void
test_activity_postpones (LockFixture   *fixture,
                         gconstpointer  data)
{
  GtkWidget *widget = GTK_WIDGET (fixture->window);
  GtkEventController *key = find_controller (widget, "sl-lock-monitor-key");
  GtkEventController *motion = find_controller (widget, "sl-lock-monitor-motion");
  gint64 start;

  /* The window is watched: its controllers run in the capture phase. */
  g_assert_nonnull (key);
  g_assert_nonnull (motion);
  g_assert_nonnull (find_controller (widget, "sl-lock-monitor-legacy"));
  g_assert_cmpint (gtk_event_controller_get_propagation_phase (key), ==, GTK_PHASE_CAPTURE);
  g_assert_cmpint (gtk_event_controller_get_propagation_phase (motion), ==, GTK_PHASE_CAPTURE);

  /* Longer than elsewhere: under AddressSanitizer a main-loop iteration
   * (a frame) can take half a second. */
  _sl_lock_monitor_set_idle_timeout_ms (fixture->monitor, ACTIVE_TIMEOUT_MS);

  /* Three times the idle time, with activity every 100 ms: key presses
   * and motion as the controllers see them, and the hook itself. */
  start = g_get_monotonic_time ();
  for (guint i = 0; g_get_monotonic_time () - start < 3 * ACTIVE_TIMEOUT_MS * 1000; i++)
    {
      gboolean handled = TRUE;

      switch (i % 3)
        {
        case 0:
          g_signal_emit_by_name (key, "key-pressed", GDK_KEY_a, 38, 0, &handled);
          g_assert_false (handled);
          break;

        case 1:
          g_signal_emit_by_name (motion, "motion", 10.0, 20.0);
          break;

        default:
          sl_lock_monitor_notify_activity (fixture->monitor);
          break;
        }

      spin (100);
      g_assert_false (sl_vault_get_locked (fixture->vault));
    }

  g_assert_cmpstr (sl_window_get_visible_page_name (fixture->window), ==, "main");

  /* Then nothing: it locks. */
  start = g_get_monotonic_time ();
  wait_until (vault_is_locked, fixture, "the idle lock after activity stopped");
  g_assert_cmpint ((g_get_monotonic_time () - start) / 1000, >=, ACTIVE_TIMEOUT_MS - 120);
  assert_locked_view (fixture);
}

static void
test_idle_minutes_setting (LockFixture   *fixture,
                           gconstpointer  data)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsSchemaKey) key = NULL;

  g_settings_set_uint (fixture->settings, "idle-lock-minutes", 12);
  g_assert_cmpuint (sl_lock_monitor_get_idle_timeout_ms (fixture->monitor), ==, 12 * 60 * 1000);

  /* Out of range: refused by the schema. */
  g_object_get (fixture->settings, "settings-schema", &schema, NULL);
  key = g_settings_schema_get_key (schema, "idle-lock-minutes");
  g_assert_false (g_settings_schema_key_range_check (key, g_variant_new_uint32 (0)));
  g_assert_false (g_settings_schema_key_range_check (key, g_variant_new_uint32 (121)));
  g_assert_true (g_settings_schema_key_range_check (key, g_variant_new_uint32 (120)));

  spin (100);
  g_assert_false (sl_vault_get_locked (fixture->vault));
}

static gboolean
clipboard_is_remote (gpointer data)
{
  return !gdk_clipboard_is_local (GDK_CLIPBOARD (data));
}

static void
test_clipboard (LockFixture   *fixture,
                gconstpointer  data)
{
  GdkClipboard *clipboard = gdk_display_get_clipboard (gdk_display_get_default ());
  GdkClipboard *primary = gdk_display_get_primary_clipboard (gdk_display_get_default ());
  g_autofree char *pasted = NULL;
  g_autofree char *after = NULL;
  g_autofree char *other = NULL;

  /* Copied from the vault: on the clipboard until the lock. */
  sl_application_copy_text (get_app (), "Witness: Jane Roe, 14");
  g_assert_true (gdk_clipboard_is_local (clipboard));
  pasted = read_clipboard (clipboard);
  g_assert_cmpstr (pasted, ==, "Witness: Jane Roe, 14");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.lock", NULL));
  assert_locked_view (fixture);
  g_assert_null (gdk_clipboard_get_content (clipboard));
  after = read_clipboard (clipboard);
  g_assert_true (after == NULL || *after == '\0');

  /* Copied with Ctrl+C from a field: the clipboard and the primary
   * selection hold it, and both are emptied by the lock. */
  unlock (fixture);
  gdk_clipboard_set_text (clipboard, "Suspect: John Doe");
  gdk_clipboard_set_text (primary, "John Doe");
  sl_window_lock (fixture->window);
  assert_locked_view (fixture);
  g_assert_null (gdk_clipboard_get_content (clipboard));
  g_assert_null (gdk_clipboard_get_content (primary));

  /* Copied from the vault, then another application copied over it: the
   * lock leaves the other text alone. */
  unlock (fixture);
  sl_application_copy_text (get_app (), "Witness: Jane Roe, 14");
  if (!g_file_test ("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_message ("no /usr/bin/python3 to play another application: that part is skipped");
      return;
    }
  {
    g_autofree char *script = g_test_build_filename (G_TEST_DIST, "clipboard.py", NULL);
    g_autoptr(GError) error = NULL;
    g_autoptr(GSubprocess) owner = NULL;
    g_autoptr(GDataInputStream) out = NULL;
    g_autofree char *ready = NULL;

    owner = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                              "/usr/bin/python3", script, "own", "the bus timetable", NULL);
    g_assert_no_error (error);
    out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (owner));
    ready = g_data_input_stream_read_line (out, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (ready, ==, "ready");
    wait_until (clipboard_is_remote, clipboard, "the other application's copy");

    sl_window_lock (fixture->window);
    assert_locked_view (fixture);
    other = read_clipboard (clipboard);
    g_assert_cmpstr (other, ==, "the bus timetable");

    /* Clearing with nothing of ours is a no-op. */
    sl_application_clear_clipboard (get_app ());
    g_clear_pointer (&other, g_free);
    other = read_clipboard (clipboard);
    g_assert_cmpstr (other, ==, "the bus timetable");
    g_subprocess_force_exit (owner);
  }
}

static void
test_clipboard_auto_lock (LockFixture   *fixture,
                          gconstpointer  data)
{
  GdkClipboard *clipboard = gdk_display_get_clipboard (gdk_display_get_default ());
  g_autofree char *after = NULL;

  sl_application_copy_text (get_app (), "Suspect: John Doe");
  _sl_lock_monitor_set_idle_timeout_ms (fixture->monitor, IDLE_TIMEOUT_MS);
  wait_until (vault_is_locked, fixture, "the idle lock");

  assert_locked_view (fixture);
  after = read_clipboard (clipboard);
  g_assert_true (after == NULL || *after == '\0');
}

static void
test_secondary_windows (LockFixture   *fixture,
                        gconstpointer  data)
{
  GtkWidget *record_window;
  GtkWidget *nested;
  GtkWindow *about;
  GtkWindow *preferences;
  GObject *record_watch;
  GObject *nested_watch;

  /* A window showing a record, and a dialog over it. */
  record_window = gtk_window_new ();
  gtk_window_set_transient_for (GTK_WINDOW (record_window), GTK_WINDOW (fixture->window));
  gtk_window_set_child (GTK_WINDOW (record_window), gtk_label_new ("Record 7"));
  gtk_window_present (GTK_WINDOW (record_window));
  record_watch = G_OBJECT (record_window);
  g_object_add_weak_pointer (record_watch, (gpointer *) &record_watch);

  nested = gtk_window_new ();
  gtk_window_set_transient_for (GTK_WINDOW (nested), GTK_WINDOW (record_window));
  gtk_window_present (GTK_WINDOW (nested));
  nested_watch = G_OBJECT (nested);
  g_object_add_weak_pointer (nested_watch, (gpointer *) &nested_watch);

  /* About and Preferences hold nothing from the vault. */
  g_action_group_activate_action (G_ACTION_GROUP (get_app ()), "about", NULL);
  g_action_group_activate_action (G_ACTION_GROUP (get_app ()), "preferences", NULL);
  about = find_toplevel (ADW_TYPE_ABOUT_WINDOW);
  preferences = find_toplevel (SL_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (about);
  g_assert_nonnull (preferences);
  spin (50);

  _sl_lock_monitor_handle_signal (fixture->monitor, "org.freedesktop.login1.Session", "Lock", NULL);
  assert_locked_view (fixture);

  g_assert_null (record_watch);
  g_assert_null (nested_watch);
  g_assert_true (find_toplevel (ADW_TYPE_ABOUT_WINDOW) == about);
  g_assert_true (find_toplevel (SL_TYPE_PREFERENCES_WINDOW) == preferences);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (about)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (preferences)));

  gtk_window_destroy (about);
  gtk_window_destroy (preferences);
}

static void
test_screen_lock (LockFixture   *fixture,
                  gconstpointer  data)
{
  /* The screen saver stopping is no reason. */
  _sl_lock_monitor_handle_signal (fixture->monitor, "org.gnome.ScreenSaver", "ActiveChanged",
                                  g_variant_new ("(b)", FALSE));
  g_assert_false (sl_vault_get_locked (fixture->vault));

  /* Malformed: ignored. */
  _sl_lock_monitor_handle_signal (fixture->monitor, "org.gnome.ScreenSaver", "ActiveChanged",
                                  g_variant_new ("(s)", "true"));
  g_assert_false (sl_vault_get_locked (fixture->vault));

  _sl_lock_monitor_handle_signal (fixture->monitor, "org.gnome.ScreenSaver", "ActiveChanged",
                                  g_variant_new ("(b)", TRUE));
  assert_locked_view (fixture);

  /* logind's Session.Lock too. */
  unlock (fixture);
  _sl_lock_monitor_handle_signal (fixture->monitor, "org.freedesktop.login1.Session", "Lock",
                                  g_variant_new ("()"));
  assert_locked_view (fixture);

  /* Turned off: neither locks. */
  unlock (fixture);
  g_settings_set_boolean (fixture->settings, "lock-on-screen-lock", FALSE);
  _sl_lock_monitor_handle_signal (fixture->monitor, "org.gnome.ScreenSaver", "ActiveChanged",
                                  g_variant_new ("(b)", TRUE));
  _sl_lock_monitor_handle_signal (fixture->monitor, "org.freedesktop.login1.Session", "Lock", NULL);
  g_assert_false (sl_vault_get_locked (fixture->vault));
  g_assert_cmpstr (sl_window_get_visible_page_name (fixture->window), ==, "main");
}

static gboolean
inhibitor_released (gpointer data)
{
  return !_sl_lock_monitor_get_holds_inhibitor (data);
}

static void
test_suspend (LockFixture   *fixture,
              gconstpointer  data)
{
  int fds[2];
  char byte;

  /* A pipe stands for logind's inhibitor: closing our end is releasing. */
  g_assert_cmpint (pipe (fds), ==, 0);
  _sl_lock_monitor_set_inhibitor_fd (fixture->monitor, fds[1]);
  g_assert_true (_sl_lock_monitor_get_holds_inhibitor (fixture->monitor));

  /* Resuming is no reason. */
  _sl_lock_monitor_handle_signal (fixture->monitor, "org.freedesktop.login1.Manager", "PrepareForSleep",
                                  g_variant_new ("(b)", FALSE));
  g_assert_false (sl_vault_get_locked (fixture->vault));

  /* Locked within the emission, the inhibitor held a moment longer. */
  _sl_lock_monitor_handle_signal (fixture->monitor, "org.freedesktop.login1.Manager", "PrepareForSleep",
                                  g_variant_new ("(b)", TRUE));
  assert_locked_view (fixture);
  g_assert_true (_sl_lock_monitor_get_holds_inhibitor (fixture->monitor));

  wait_until (inhibitor_released, fixture->monitor, "the inhibitor to be released");
  g_assert_cmpint (read (fds[0], &byte, 1), ==, 0);
  close (fds[0]);

  /* Turned off: no lock. */
  unlock (fixture);
  g_settings_set_boolean (fixture->settings, "lock-on-suspend", FALSE);
  _sl_lock_monitor_handle_signal (fixture->monitor, "org.freedesktop.login1.Manager", "PrepareForSleep",
                                  g_variant_new ("(b)", TRUE));
  g_assert_false (sl_vault_get_locked (fixture->vault));
}

static void
test_preferences (LockFixture   *fixture,
                  gconstpointer  data)
{
  g_auto(GStrv) accels = NULL;
  GtkWindow *preferences;
  GtkSpinButton *idle_spin;
  GtkSwitch *screen_lock_switch;
  GtkSwitch *suspend_switch;
  GObject *watch;

  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (get_app ()), "app.preferences");
  g_assert_nonnull (accels);
  g_assert_cmpstr (accels[0], ==, "<Control>comma");

  g_action_group_activate_action (G_ACTION_GROUP (get_app ()), "preferences", NULL);
  preferences = find_toplevel (SL_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (preferences);
  g_assert_true (ADW_IS_PREFERENCES_WINDOW (preferences));
  g_assert_true (gtk_window_get_transient_for (preferences) == GTK_WINDOW (fixture->window));
  watch = G_OBJECT (preferences);
  g_object_add_weak_pointer (watch, (gpointer *) &watch);

  /* Only one. */
  g_action_group_activate_action (G_ACTION_GROUP (get_app ()), "preferences", NULL);
  g_assert_true (find_toplevel (SL_TYPE_PREFERENCES_WINDOW) == preferences);

  idle_spin = GTK_SPIN_BUTTON (template_child (preferences, SL_TYPE_PREFERENCES_WINDOW, "idle_spin"));
  screen_lock_switch = GTK_SWITCH (template_child (preferences, SL_TYPE_PREFERENCES_WINDOW, "screen_lock_switch"));
  suspend_switch = GTK_SWITCH (template_child (preferences, SL_TYPE_PREFERENCES_WINDOW, "suspend_switch"));

  /* The defaults. */
  g_assert_cmpint (gtk_spin_button_get_value_as_int (idle_spin), ==, 5);
  g_assert_true (gtk_switch_get_active (screen_lock_switch));
  g_assert_true (gtk_switch_get_active (suspend_switch));

  /* The spin button sets the key, and the monitor follows. */
  gtk_spin_button_set_value (idle_spin, 17);
  g_assert_cmpuint (g_settings_get_uint (fixture->settings, "idle-lock-minutes"), ==, 17);
  g_assert_cmpuint (sl_lock_monitor_get_idle_timeout_ms (fixture->monitor), ==, 17 * 60 * 1000);

  /* Typed in, as a person would, then Enter. */
  gtk_editable_set_text (GTK_EDITABLE (idle_spin), "45");
  gtk_spin_button_update (idle_spin);
  g_assert_cmpuint (g_settings_get_uint (fixture->settings, "idle-lock-minutes"), ==, 45);

  /* Within the schema's range. */
  gtk_spin_button_set_value (idle_spin, 500);
  g_assert_cmpuint (g_settings_get_uint (fixture->settings, "idle-lock-minutes"), ==, 120);
  gtk_spin_button_set_value (idle_spin, 0);
  g_assert_cmpuint (g_settings_get_uint (fixture->settings, "idle-lock-minutes"), ==, 1);

  /* And the other way. */
  g_settings_set_uint (fixture->settings, "idle-lock-minutes", 30);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (idle_spin), ==, 30);

  gtk_switch_set_active (screen_lock_switch, FALSE);
  g_assert_false (g_settings_get_boolean (fixture->settings, "lock-on-screen-lock"));
  gtk_switch_set_active (suspend_switch, FALSE);
  g_assert_false (g_settings_get_boolean (fixture->settings, "lock-on-suspend"));

  /* Escape closes it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (preferences), "window.close", NULL));
  spin (50);
  g_assert_null (watch);
}

static void
test_help_overlay (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_auto(GStrv) actions = NULL;
  const char *xml;
  static const char *window_accels[] = {
    "&lt;Control&gt;l", "&lt;Control&gt;n", "&lt;Control&gt;o",
  };

  bytes = g_resources_lookup_data ("/io/github/sightline/Sightline/gtk/help-overlay.ui", 0, NULL);
  g_assert_nonnull (bytes);
  xml = g_bytes_get_data (bytes, NULL);

  /* Every application accelerator is listed... */
  actions = gtk_application_list_action_descriptions (GTK_APPLICATION (get_app ()));
  g_assert_cmpuint (g_strv_length (actions), >=, 2);
  for (guint i = 0; actions[i] != NULL; i++)
    {
      g_autofree char *quoted = g_strdup_printf (">%s<", actions[i]);

      g_test_message ("Looking for %s", actions[i]);
      g_assert_nonnull (strstr (xml, quoted));
    }

  /* ...and the window's own. */
  for (guint i = 0; i < G_N_ELEMENTS (window_accels); i++)
    g_assert_nonnull (strstr (xml, window_accels[i]));

  g_assert_nonnull (strstr (xml, ">app.preferences<"));
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

  app = g_object_new (SL_TYPE_APPLICATION,
                      "flags", G_APPLICATION_NON_UNIQUE,
                      NULL);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

#define ADD(path, fn) \
  g_test_add ("/sightline/ui-lock/" path, LockFixture, NULL, \
              lock_fixture_set_up, fn, lock_fixture_tear_down)

  ADD ("idle", test_idle_locks);
  ADD ("idle/activity-postpones", test_activity_postpones);
  ADD ("idle/minutes-setting", test_idle_minutes_setting);
  ADD ("clipboard", test_clipboard);
  ADD ("clipboard/auto-lock", test_clipboard_auto_lock);
  ADD ("secondary-windows", test_secondary_windows);
  ADD ("screen-lock", test_screen_lock);
  ADD ("suspend", test_suspend);
  ADD ("preferences", test_preferences);
  g_test_add_func ("/sightline/ui-lock/help-overlay", test_help_overlay);

#undef ADD

  ret = g_test_run ();

  g_application_quit (G_APPLICATION (app));

  return ret;
}
