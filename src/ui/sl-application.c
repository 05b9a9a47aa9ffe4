/* sl-application.c
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

#define G_LOG_DOMAIN "sl-application"

#include "config.h"

#include <stdio.h>
#include <sys/prctl.h>
#include <sys/resource.h>

#include <glib/gi18n.h>

#include "sl-application.h"
#include "sl-lock-monitor.h"
#include "sl-preferences-window.h"
#include "sl-utils-private.h"
#include "sl-window.h"

/*
 * SlApplication: app-wide actions and the auto-lock. The lock monitor
 * watches every window added; when it asks for a lock, every window locks
 * its vault. Every lock empties the clipboard and the primary selection
 * if they still hold what this process put there: text copied from a
 * vault, by sl_application_copy_text() or by Ctrl+C in a field or note.
 */
struct _SlApplication
{
  AdwApplication      parent_instance;

  /* Owned references */
  GSettings          *settings;
  SlLockMonitor      *lock_monitor;

  /* Borrowed references */
  /* Weak */
  GtkWidget          *preferences_window;

  /* State */
  gint64              start_time;
  guint               benchmark_startup : 1;
};

G_DEFINE_FINAL_TYPE (SlApplication, sl_application, ADW_TYPE_APPLICATION)

static const GOptionEntry main_entries[] = {
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and quit"), NULL },
  /* Prints the seconds from start to the first frame, then quits. */
  { "benchmark-startup", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, NULL, NULL, NULL },
  { NULL }
};

/* Helpers */

/* Keys live in this process: never let them reach a core file, and keep
 * other processes of the same user from reading its memory. */
static void
harden_process (void)
{
  struct rlimit no_core = { 0, 0 };

  if (prctl (PR_SET_DUMPABLE, 0, 0, 0, 0) != 0)
    g_warning ("Cannot make the process non-dumpable: %s", g_strerror (errno));

  if (setrlimit (RLIMIT_CORE, &no_core) != 0)
    g_warning ("Cannot disable core dumps: %s", g_strerror (errno));
}

static void
on_frame_clock_after_paint_cb (GdkFrameClock *frame_clock,
                               SlApplication *self)
{
  gint64 now = g_get_monotonic_time ();

  g_signal_handlers_disconnect_by_func (frame_clock, on_frame_clock_after_paint_cb, self);

  g_print ("%.6f\n", (double) (now - self->start_time) / G_USEC_PER_SEC);
  fflush (stdout);

  g_application_quit (G_APPLICATION (self));
}

static SlWindow *
dup_window (SlApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (SL_IS_WINDOW (window))
    return g_object_ref (SL_WINDOW (window));

  return g_object_ref_sink (sl_window_new (GTK_APPLICATION (self)));
}

static void
present_window (SlApplication *self,
                SlWindow      *window)
{
  gtk_window_present (GTK_WINDOW (window));

  if (self->benchmark_startup)
    {
      GdkFrameClock *frame_clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));

      self->benchmark_startup = FALSE;

      if (frame_clock != NULL)
        g_signal_connect_object (frame_clock,
                                 "after-paint",
                                 G_CALLBACK (on_frame_clock_after_paint_cb),
                                 self,
                                 0);
    }
}

static void
on_lock_monitor_lock_requested_cb (SlApplication *self,
                                   SlLockReason   reason,
                                   SlLockMonitor *monitor)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  g_debug ("Locking every vault (reason %d)", reason);

  for (const GList *l = windows; l != NULL; l = l->next)
    {
      if (SL_IS_WINDOW (l->data))
        sl_window_lock (SL_WINDOW (l->data));
    }

  /* Also when no window had a vault open. */
  sl_application_clear_clipboard (self);
}

/* Actions */

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  SlApplication *self = user_data;
  g_autoptr(GList) windows = NULL;

  /* Closing, rather than quitting at once, lets each window lock its
   * vault and save its size. */
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  for (const GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  SlApplication *self = user_data;
  static const char *developers[] = { "The Sightline authors", NULL };
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", window,
                        "modal", TRUE,
                        "application-name", _("Sightline"),
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "comments", _("Keep the evidence of an inquiry in an encrypted vault."),
                        "developer-name", _("The Sightline authors"),
                        "developers", developers,
                        "copyright", "© 2026 The Sightline authors",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        /* Translators: your name(s), one a line, as credited */
                        "translator-credits", _("translator-credits"),
                        NULL);

  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  SlApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (self->preferences_window == NULL)
    {
      /* Transient for the main window, not for another dialog. */
      while (window != NULL && gtk_window_get_transient_for (window) != NULL)
        window = gtk_window_get_transient_for (window);

      self->preferences_window = sl_preferences_window_new (window);
      g_object_add_weak_pointer (G_OBJECT (self->preferences_window),
                                 (gpointer *) &self->preferences_window);
    }

  gtk_window_present (GTK_WINDOW (self->preferences_window));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "about", about_action },
  { "preferences", preferences_action },
};

/* GApplication overrides */

static int
sl_application_handle_local_options (GApplication *application,
                                     GVariantDict *options)
{
  SlApplication *self = SL_APPLICATION (application);

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  if (g_variant_dict_contains (options, "benchmark-startup"))
    {
      /* Measure this process, not one already running. */
      self->benchmark_startup = TRUE;
      g_application_set_flags (application,
                               g_application_get_flags (application) | G_APPLICATION_NON_UNIQUE);
    }

  return G_APPLICATION_CLASS (sl_application_parent_class)->handle_local_options (application, options);
}

static void
sl_application_startup (GApplication *application)
{
  SlApplication *self = SL_APPLICATION (application);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };

  harden_process ();

  G_APPLICATION_CLASS (sl_application_parent_class)->startup (application);

  self->settings = _sl_settings_new ();
  self->lock_monitor = sl_lock_monitor_new (self->settings);
  g_signal_connect_object (self->lock_monitor,
                           "lock-requested",
                           G_CALLBACK (on_lock_monitor_lock_requested_cb),
                           self,
                           G_CONNECT_SWAPPED);
  /* The application's own connection: NULL when it has no id (tests). */
  sl_lock_monitor_start (self->lock_monitor,
                         g_application_get_dbus_connection (application));

  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   app_actions,
                                   G_N_ELEMENTS (app_actions),
                                   self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", preferences_accels);

  gtk_window_set_default_icon_name (APP_ID);
}

static void
sl_application_shutdown (GApplication *application)
{
  SlApplication *self = SL_APPLICATION (application);

  /* The vaults are locked by now (each window locks as it closes). */
  sl_application_clear_clipboard (self);

  if (self->lock_monitor != NULL)
    g_object_run_dispose (G_OBJECT (self->lock_monitor));
  g_clear_object (&self->lock_monitor);
  g_clear_object (&self->settings);

  G_APPLICATION_CLASS (sl_application_parent_class)->shutdown (application);
}

static void
sl_application_activate (GApplication *application)
{
  SlApplication *self = SL_APPLICATION (application);
  g_autoptr(SlWindow) window = dup_window (self);

  present_window (self, window);
}

static void
sl_application_open (GApplication  *application,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  SlApplication *self = SL_APPLICATION (application);
  g_autoptr(SlWindow) window = dup_window (self);

  if (n_files > 1)
    g_warning ("Sightline opens one vault at a time; opening the first one");

  if (n_files > 0)
    sl_window_open_vault (window, files[0]);

  present_window (self, window);
}

/* GtkApplication overrides */

static void
sl_application_window_added (GtkApplication *application,
                             GtkWindow      *window)
{
  SlApplication *self = SL_APPLICATION (application);

  GTK_APPLICATION_CLASS (sl_application_parent_class)->window_added (application, window);

  if (self->lock_monitor != NULL)
    sl_lock_monitor_watch_window (self->lock_monitor, window);
}

/* GObject overrides */

static void
sl_application_dispose (GObject *object)
{
  SlApplication *self = SL_APPLICATION (object);

  if (self->preferences_window != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->preferences_window),
                                    (gpointer *) &self->preferences_window);
      self->preferences_window = NULL;
    }

  g_clear_object (&self->lock_monitor);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (sl_application_parent_class)->dispose (object);
}

static void
sl_application_constructed (GObject *object)
{
  G_OBJECT_CLASS (sl_application_parent_class)->constructed (object);

  /* The same resources serve the .Devel flavour. */
  g_application_set_resource_base_path (G_APPLICATION (object), SL_RESOURCE_BASE_PATH);
}

static void
sl_application_class_init (SlApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);
  GtkApplicationClass *gtk_application_class = GTK_APPLICATION_CLASS (klass);

  object_class->constructed = sl_application_constructed;
  object_class->dispose = sl_application_dispose;

  application_class->handle_local_options = sl_application_handle_local_options;
  application_class->startup = sl_application_startup;
  application_class->activate = sl_application_activate;
  application_class->open = sl_application_open;
  application_class->shutdown = sl_application_shutdown;

  gtk_application_class->window_added = sl_application_window_added;
}

static void
sl_application_init (SlApplication *self)
{
  self->start_time = g_get_monotonic_time ();

  g_application_add_main_option_entries (G_APPLICATION (self), main_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[VAULT]"));
}

/* Public API */

/**
 * sl_application_new:
 *
 * Returns: (transfer full): the application, ready for g_application_run()
 */
SlApplication *
sl_application_new (void)
{
  return g_object_new (SL_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       NULL);
}

/**
 * sl_application_set_start_time:
 * @self: a #SlApplication
 * @monotonic_time: g_get_monotonic_time() when main() began
 *
 * Sets the moment `--benchmark-startup` measures from.
 */
void
sl_application_set_start_time (SlApplication *self,
                               gint64         monotonic_time)
{
  g_return_if_fail (SL_IS_APPLICATION (self));

  self->start_time = monotonic_time;
}

/**
 * sl_application_get_lock_monitor:
 * @self: a #SlApplication
 *
 * Returns: (transfer none) (nullable): the monitor that asks for the
 *   vaults to be locked, from startup to shutdown
 */
SlLockMonitor *
sl_application_get_lock_monitor (SlApplication *self)
{
  g_return_val_if_fail (SL_IS_APPLICATION (self), NULL);

  return self->lock_monitor;
}

/**
 * sl_application_copy_text:
 * @self: a #SlApplication
 * @text: text read from a vault
 *
 * Puts @text on the clipboard. The next lock empties the clipboard,
 * unless something else was copied meanwhile.
 */
void
sl_application_copy_text (SlApplication *self,
                          const char    *text)
{
  GdkDisplay *display;

  g_return_if_fail (SL_IS_APPLICATION (self));
  g_return_if_fail (text != NULL);

  if ((display = gdk_display_get_default ()) != NULL)
    gdk_clipboard_set_text (gdk_display_get_clipboard (display), text);
}

static void
empty_if_local (GdkClipboard *clipboard)
{
  /* Local: this process set it, from a window that showed a vault (a
   * passphrase entry cannot be copied from). What another application
   * copied is left alone. */
  if (gdk_clipboard_is_local (clipboard) && gdk_clipboard_get_content (clipboard) != NULL)
    {
      g_debug ("Emptying a clipboard that held text from this application");
      gdk_clipboard_set_content (clipboard, NULL);
    }
}

/**
 * sl_application_clear_clipboard:
 * @self: a #SlApplication
 *
 * Empties the clipboard and the primary selection if they hold text this
 * application put there; leaves anything else alone.
 */
void
sl_application_clear_clipboard (SlApplication *self)
{
  GdkDisplay *display;

  g_return_if_fail (SL_IS_APPLICATION (self));

  if ((display = gdk_display_get_default ()) == NULL)
    return;
  empty_if_local (gdk_display_get_clipboard (display));
  empty_if_local (gdk_display_get_primary_clipboard (display));
}
