/* sl-lock-monitor.c
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

#define G_LOG_DOMAIN "sl-lock-monitor"

#include "config.h"

#include <unistd.h>

#include <gio/gunixfdlist.h>
#include <glib/gi18n.h>

#include "sl-lock-monitor.h"

/*
 * SlLockMonitor: says when the open vaults should be locked.
 *
 *  - idle: no key press, click, scroll or pointer motion in any window it
 *    watches for `idle-lock-minutes`. Activity only stamps the time; the
 *    single timeout, when it fires early, sleeps again for what remains,
 *    so a flood of motion events costs nothing.
 *  - screen locked: org.gnome.ScreenSaver ActiveChanged(true) on the
 *    session bus, or logind's Session.Lock for this process's session.
 *  - suspend: logind's PrepareForSleep(true). A "delay" inhibitor on
 *    "sleep" holds the suspend until the lock is done (and the window has
 *    had a moment to repaint); it is taken again after resume.
 *
 * A bus, or logind, that is not there is skipped with a debug message:
 * containers and CI have neither.
 */

#define LOGIND_NAME              "org.freedesktop.login1"
#define LOGIND_PATH              "/org/freedesktop/login1"
#define LOGIND_MANAGER_INTERFACE "org.freedesktop.login1.Manager"
#define LOGIND_SESSION_INTERFACE "org.freedesktop.login1.Session"
#define SCREENSAVER_NAME         "org.gnome.ScreenSaver"
#define SCREENSAVER_PATH         "/org/gnome/ScreenSaver"
#define SCREENSAVER_INTERFACE    "org.gnome.ScreenSaver"

#define DEFAULT_IDLE_MINUTES     5
/* How long the suspend waits, after the lock, for the window to repaint. */
#define RELEASE_DELAY_MS         250

struct _SlLockMonitor
{
  GObject          parent_instance;

  /* Owned references */
  GSettings       *settings;
  GCancellable    *cancellable;
  GDBusConnection *session_bus;
  GDBusConnection *system_bus;
  char            *session_path;

  /* State */
  gint64           last_activity;
  guint            idle_timeout_ms;
  guint            idle_source_id;
  guint            release_source_id;
  guint            screensaver_subscription;
  guint            session_lock_subscription;
  guint            sleep_subscription;
  int              inhibitor_fd;
  guint            started : 1;
  guint            inhibiting : 1;
};

G_DEFINE_FINAL_TYPE (SlLockMonitor, sl_lock_monitor, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (SlLockReason, sl_lock_reason,
  G_DEFINE_ENUM_VALUE (SL_LOCK_REASON_IDLE, "idle"),
  G_DEFINE_ENUM_VALUE (SL_LOCK_REASON_SCREEN_LOCKED, "screen-locked"),
  G_DEFINE_ENUM_VALUE (SL_LOCK_REASON_SUSPEND, "suspend"))

enum {
  LOCK_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void take_inhibitor (SlLockMonitor *self);

/* Helpers */

static gboolean
get_setting (SlLockMonitor *self,
             const char    *key)
{
  /* Without settings, lock in every case: the safe default. */
  return self->settings == NULL || g_settings_get_boolean (self->settings, key);
}

static guint
compute_idle_timeout_ms (SlLockMonitor *self)
{
  guint minutes = DEFAULT_IDLE_MINUTES;

  if (self->idle_timeout_ms > 0)
    return self->idle_timeout_ms;

  if (self->settings != NULL)
    minutes = g_settings_get_uint (self->settings, "idle-lock-minutes");

  return CLAMP (minutes, 1, 120) * 60 * 1000;
}

static gboolean idle_timeout_cb (gpointer user_data);

/* Arms the timer to fire @ms from now. */
static void
arm_idle_timer (SlLockMonitor *self,
                guint          ms)
{
  g_clear_handle_id (&self->idle_source_id, g_source_remove);

  if (ms % 1000 == 0)
    self->idle_source_id = g_timeout_add_seconds (ms / 1000, idle_timeout_cb, self);
  else
    self->idle_source_id = g_timeout_add (ms, idle_timeout_cb, self);
}

static void
emit_lock_requested (SlLockMonitor *self,
                     SlLockReason   reason)
{
  g_debug ("Lock requested (reason %d)", reason);
  g_signal_emit (self, signals[LOCK_REQUESTED], 0, reason);
}

static void
release_inhibitor (SlLockMonitor *self)
{
  g_clear_handle_id (&self->release_source_id, g_source_remove);

  if (self->inhibitor_fd >= 0)
    {
      g_debug ("Releasing the sleep inhibitor");
      close (self->inhibitor_fd);
      self->inhibitor_fd = -1;
    }
}

static void
subscribe_session_lock (SlLockMonitor *self,
                        const char    *session_path);

/* Callbacks */

static gboolean
idle_timeout_cb (gpointer user_data)
{
  SlLockMonitor *self = user_data;
  guint timeout_ms = compute_idle_timeout_ms (self);
  gint64 idle_ms = (g_get_monotonic_time () - self->last_activity) / 1000;

  self->idle_source_id = 0;

  if (idle_ms + 10 < timeout_ms)
    {
      /* Used meanwhile: sleep for what remains. */
      arm_idle_timer (self, timeout_ms - (guint) idle_ms);
      return G_SOURCE_REMOVE;
    }

  /* Counts as a fresh start: fires again after another idle period, in
   * case something was unlocked without any input. */
  self->last_activity = g_get_monotonic_time ();
  arm_idle_timer (self, timeout_ms);

  emit_lock_requested (self, SL_LOCK_REASON_IDLE);

  return G_SOURCE_REMOVE;
}

static gboolean
release_inhibitor_cb (gpointer user_data)
{
  SlLockMonitor *self = user_data;

  self->release_source_id = 0;
  release_inhibitor (self);

  return G_SOURCE_REMOVE;
}

static void
on_settings_changed_cb (SlLockMonitor *self,
                        const char    *key,
                        GSettings     *settings)
{
  if (g_strcmp0 (key, "idle-lock-minutes") == 0)
    {
      /* Count the new time from the last activity. */
      arm_idle_timer (self, 1);
    }
  else if (g_strcmp0 (key, "lock-on-suspend") == 0)
    {
      if (get_setting (self, "lock-on-suspend"))
        take_inhibitor (self);
      else
        release_inhibitor (self);
    }
}

static gboolean
on_key_pressed_cb (SlLockMonitor         *self,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   GtkEventControllerKey *controller)
{
  sl_lock_monitor_notify_activity (self);
  return GDK_EVENT_PROPAGATE;
}

static void
on_motion_cb (SlLockMonitor            *self,
              double                    x,
              double                    y,
              GtkEventControllerMotion *controller)
{
  sl_lock_monitor_notify_activity (self);
}

static gboolean
on_legacy_event_cb (SlLockMonitor            *self,
                    GdkEvent                 *event,
                    GtkEventControllerLegacy *controller)
{
  switch ((int) gdk_event_get_event_type (event))
    {
    case GDK_BUTTON_PRESS:
    case GDK_SCROLL:
    case GDK_TOUCH_BEGIN:
    case GDK_TOUCHPAD_SWIPE:
    case GDK_TOUCHPAD_PINCH:
      sl_lock_monitor_notify_activity (self);
      break;

    default:
      break;
    }

  return GDK_EVENT_PROPAGATE;
}

static void
on_dbus_signal_cb (GDBusConnection *connection,
                   const char      *sender_name,
                   const char      *object_path,
                   const char      *interface_name,
                   const char      *signal_name,
                   GVariant        *parameters,
                   gpointer         user_data)
{
  _sl_lock_monitor_handle_signal (SL_LOCK_MONITOR (user_data),
                                  interface_name,
                                  signal_name,
                                  parameters);
}

static void
inhibit_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GUnixFDList) fd_list = NULL;
  g_autoptr(GVariant) reply = NULL;
  SlLockMonitor *self;
  int index = -1;
  int fd;

  reply = g_dbus_connection_call_with_unix_fd_list_finish (G_DBUS_CONNECTION (object),
                                                          &fd_list,
                                                          result,
                                                          &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = SL_LOCK_MONITOR (user_data);
  self->inhibiting = FALSE;

  if (reply == NULL)
    {
      g_debug ("No sleep inhibitor from logind: %s", error->message);
      return;
    }

  g_variant_get (reply, "(h)", &index);
  if (fd_list == NULL || (fd = g_unix_fd_list_get (fd_list, index, &error)) < 0)
    {
      g_debug ("No file descriptor for the sleep inhibitor: %s",
               error != NULL ? error->message : "none sent");
      return;
    }

  /* Not wanted any more, or one is held already. */
  if (self->inhibitor_fd >= 0 || !get_setting (self, "lock-on-suspend"))
    {
      close (fd);
      return;
    }

  g_debug ("Holding a sleep inhibitor");
  self->inhibitor_fd = fd;
}

static void
get_session_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  const char *path = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (reply == NULL)
    {
      g_debug ("No logind session to follow: %s", error->message);
      return;
    }

  g_variant_get (reply, "(&o)", &path);
  subscribe_session_lock (SL_LOCK_MONITOR (user_data), path);
}

static void
system_bus_ready_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) bus = NULL;
  SlLockMonitor *self;
  const char *session_id;

  bus = g_bus_get_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (bus == NULL)
    {
      g_debug ("No system bus: not following logind (lock and suspend): %s", error->message);
      return;
    }

  self = SL_LOCK_MONITOR (user_data);
  self->system_bus = g_steal_pointer (&bus);

  self->sleep_subscription =
    g_dbus_connection_signal_subscribe (self->system_bus,
                                        LOGIND_NAME,
                                        LOGIND_MANAGER_INTERFACE,
                                        "PrepareForSleep",
                                        LOGIND_PATH,
                                        NULL,
                                        G_DBUS_SIGNAL_FLAGS_NONE,
                                        on_dbus_signal_cb,
                                        self,
                                        NULL);

  session_id = g_getenv ("XDG_SESSION_ID");
  if (session_id != NULL && *session_id != '\0')
    g_dbus_connection_call (self->system_bus,
                            LOGIND_NAME, LOGIND_PATH, LOGIND_MANAGER_INTERFACE,
                            "GetSession",
                            g_variant_new ("(s)", session_id),
                            G_VARIANT_TYPE ("(o)"),
                            G_DBUS_CALL_FLAGS_NONE, -1,
                            self->cancellable,
                            get_session_cb,
                            self);
  else
    g_dbus_connection_call (self->system_bus,
                            LOGIND_NAME, LOGIND_PATH, LOGIND_MANAGER_INTERFACE,
                            "GetSessionByPID",
                            g_variant_new ("(u)", (guint32) getpid ()),
                            G_VARIANT_TYPE ("(o)"),
                            G_DBUS_CALL_FLAGS_NONE, -1,
                            self->cancellable,
                            get_session_cb,
                            self);

  take_inhibitor (self);
}

/* Helpers needing the callbacks */

static void
subscribe_session_lock (SlLockMonitor *self,
                        const char    *session_path)
{
  if (self->system_bus == NULL || self->session_lock_subscription != 0)
    return;

  g_debug ("Following logind session %s", session_path);
  self->session_path = g_strdup (session_path);
  self->session_lock_subscription =
    g_dbus_connection_signal_subscribe (self->system_bus,
                                        LOGIND_NAME,
                                        LOGIND_SESSION_INTERFACE,
                                        "Lock",
                                        self->session_path,
                                        NULL,
                                        G_DBUS_SIGNAL_FLAGS_NONE,
                                        on_dbus_signal_cb,
                                        self,
                                        NULL);
}

static void
take_inhibitor (SlLockMonitor *self)
{
  if (self->system_bus == NULL
      || self->inhibitor_fd >= 0
      || self->inhibiting
      || !get_setting (self, "lock-on-suspend"))
    return;

  self->inhibiting = TRUE;
  g_dbus_connection_call_with_unix_fd_list (self->system_bus,
                                            LOGIND_NAME, LOGIND_PATH, LOGIND_MANAGER_INTERFACE,
                                            "Inhibit",
                                            g_variant_new ("(ssss)",
                                                           "sleep",
                                                           _("Sightline"),
                                                           _("Lock the open vault before suspending"),
                                                           "delay"),
                                            G_VARIANT_TYPE ("(h)"),
                                            G_DBUS_CALL_FLAGS_NONE, -1,
                                            NULL,
                                            self->cancellable,
                                            inhibit_cb,
                                            self);
}

/* GObject overrides */

static void
sl_lock_monitor_dispose (GObject *object)
{
  SlLockMonitor *self = SL_LOCK_MONITOR (object);

  g_cancellable_cancel (self->cancellable);

  g_clear_handle_id (&self->idle_source_id, g_source_remove);
  release_inhibitor (self);

  if (self->session_bus != NULL && self->screensaver_subscription != 0)
    g_dbus_connection_signal_unsubscribe (self->session_bus, self->screensaver_subscription);
  self->screensaver_subscription = 0;

  if (self->system_bus != NULL)
    {
      if (self->sleep_subscription != 0)
        g_dbus_connection_signal_unsubscribe (self->system_bus, self->sleep_subscription);
      if (self->session_lock_subscription != 0)
        g_dbus_connection_signal_unsubscribe (self->system_bus, self->session_lock_subscription);
    }
  self->sleep_subscription = 0;
  self->session_lock_subscription = 0;

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_func (self->settings, on_settings_changed_cb, self);

  g_clear_object (&self->session_bus);
  g_clear_object (&self->system_bus);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (sl_lock_monitor_parent_class)->dispose (object);
}

static void
sl_lock_monitor_finalize (GObject *object)
{
  SlLockMonitor *self = SL_LOCK_MONITOR (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->session_path, g_free);

  G_OBJECT_CLASS (sl_lock_monitor_parent_class)->finalize (object);
}

static void
sl_lock_monitor_class_init (SlLockMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sl_lock_monitor_dispose;
  object_class->finalize = sl_lock_monitor_finalize;

  /**
   * SlLockMonitor::lock-requested:
   * @self: the monitor
   * @reason: an #SlLockReason
   *
   * Every open vault should be locked now. Handlers must lock before they
   * return: for %SL_LOCK_REASON_SUSPEND, the suspend waits only for the
   * emission (and a short repaint).
   */
  signals[LOCK_REQUESTED] =
    g_signal_new ("lock-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE,
                  1,
                  SL_TYPE_LOCK_REASON);
}

static void
sl_lock_monitor_init (SlLockMonitor *self)
{
  self->cancellable = g_cancellable_new ();
  self->inhibitor_fd = -1;
  self->last_activity = g_get_monotonic_time ();
}

/* Public API */

/**
 * sl_lock_monitor_new:
 * @settings: (nullable): the application's settings; without them, the
 *   defaults apply (5 minutes, lock on screen lock and before suspend)
 *
 * The idle timer runs from now on; call sl_lock_monitor_start() to follow
 * the screen saver and logind too.
 *
 * Returns: (transfer full): a new #SlLockMonitor
 */
SlLockMonitor *
sl_lock_monitor_new (GSettings *settings)
{
  SlLockMonitor *self;

  g_return_val_if_fail (!settings || G_IS_SETTINGS (settings), NULL);

  self = g_object_new (SL_TYPE_LOCK_MONITOR, NULL);

  if (settings != NULL)
    {
      self->settings = g_object_ref (settings);
      g_signal_connect_object (settings,
                               "changed",
                               G_CALLBACK (on_settings_changed_cb),
                               self,
                               G_CONNECT_SWAPPED);
    }

  arm_idle_timer (self, compute_idle_timeout_ms (self));

  return self;
}

/**
 * sl_lock_monitor_start:
 * @self: a #SlLockMonitor
 * @session_bus: (nullable): the session bus, if the application has it
 *
 * Follows the screen saver on @session_bus, and logind (session lock,
 * suspend) on the system bus. Either may be missing: it is then skipped.
 * The session bus is not looked up here: without one, autolaunching a bus
 * just to watch a screen saver that cannot exist would be wasted.
 */
void
sl_lock_monitor_start (SlLockMonitor   *self,
                       GDBusConnection *session_bus)
{
  g_return_if_fail (SL_IS_LOCK_MONITOR (self));
  g_return_if_fail (!session_bus || G_IS_DBUS_CONNECTION (session_bus));

  if (self->started)
    return;

  self->started = TRUE;

  if (session_bus != NULL)
    {
      self->session_bus = g_object_ref (session_bus);
      self->screensaver_subscription =
        g_dbus_connection_signal_subscribe (self->session_bus,
                                            SCREENSAVER_NAME,
                                            SCREENSAVER_INTERFACE,
                                            "ActiveChanged",
                                            SCREENSAVER_PATH,
                                            NULL,
                                            G_DBUS_SIGNAL_FLAGS_NONE,
                                            on_dbus_signal_cb,
                                            self,
                                            NULL);
    }
  else
    {
      g_debug ("No session bus: not following the screen saver");
    }

  g_bus_get (G_BUS_TYPE_SYSTEM, self->cancellable, system_bus_ready_cb, self);
}

/**
 * sl_lock_monitor_watch_window:
 * @self: a #SlLockMonitor
 * @window: a window of the application
 *
 * Counts key presses, clicks, scrolling and pointer motion in @window as
 * activity. The controllers belong to @window; nothing needs undoing.
 */
void
sl_lock_monitor_watch_window (SlLockMonitor *self,
                              GtkWindow     *window)
{
  GtkEventController *controller;

  g_return_if_fail (SL_IS_LOCK_MONITOR (self));
  g_return_if_fail (GTK_IS_WINDOW (window));

  if (g_object_get_data (G_OBJECT (window), "sl-lock-monitor") == self)
    return;
  g_object_set_data (G_OBJECT (window), "sl-lock-monitor", self);

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_name (controller, "sl-lock-monitor-key");
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "key-pressed",
                           G_CALLBACK (on_key_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (window), controller);

  controller = gtk_event_controller_motion_new ();
  gtk_event_controller_set_name (controller, "sl-lock-monitor-motion");
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "motion",
                           G_CALLBACK (on_motion_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (window), controller);

  controller = gtk_event_controller_legacy_new ();
  gtk_event_controller_set_name (controller, "sl-lock-monitor-legacy");
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "event",
                           G_CALLBACK (on_legacy_event_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (window), controller);
}

/**
 * sl_lock_monitor_notify_activity:
 * @self: a #SlLockMonitor
 *
 * Someone used the application: the idle time starts again.
 */
void
sl_lock_monitor_notify_activity (SlLockMonitor *self)
{
  g_return_if_fail (SL_IS_LOCK_MONITOR (self));

  self->last_activity = g_get_monotonic_time ();

  if (self->idle_source_id == 0)
    arm_idle_timer (self, compute_idle_timeout_ms (self));
}

/**
 * sl_lock_monitor_get_idle_timeout_ms:
 * @self: a #SlLockMonitor
 *
 * Returns: the idle time after which a lock is requested, in milliseconds
 */
guint
sl_lock_monitor_get_idle_timeout_ms (SlLockMonitor *self)
{
  g_return_val_if_fail (SL_IS_LOCK_MONITOR (self), 0);

  return compute_idle_timeout_ms (self);
}

/* For tests */

/**
 * _sl_lock_monitor_set_idle_timeout_ms:
 * @self: a #SlLockMonitor
 * @timeout_ms: the idle time in milliseconds, or 0 to follow the settings
 *
 * Overrides `idle-lock-minutes`, for tests, and restarts the idle time.
 */
void
_sl_lock_monitor_set_idle_timeout_ms (SlLockMonitor *self,
                                      guint          timeout_ms)
{
  g_return_if_fail (SL_IS_LOCK_MONITOR (self));

  self->idle_timeout_ms = timeout_ms;
  self->last_activity = g_get_monotonic_time ();
  arm_idle_timer (self, compute_idle_timeout_ms (self));
}

/**
 * _sl_lock_monitor_handle_signal:
 * @self: a #SlLockMonitor
 * @interface_name: the D-Bus interface of the signal
 * @signal_name: its name
 * @parameters: its parameters
 *
 * Handles a signal from the screen saver or logind, as received from the
 * bus; tests call it directly.
 */
void
_sl_lock_monitor_handle_signal (SlLockMonitor *self,
                                const char    *interface_name,
                                const char    *signal_name,
                                GVariant      *parameters)
{
  gboolean flag = FALSE;

  g_return_if_fail (SL_IS_LOCK_MONITOR (self));
  g_return_if_fail (interface_name != NULL);
  g_return_if_fail (signal_name != NULL);

  if (parameters != NULL && g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(b)")))
    g_variant_get (parameters, "(b)", &flag);

  if (g_str_equal (interface_name, SCREENSAVER_INTERFACE)
      && g_str_equal (signal_name, "ActiveChanged"))
    {
      if (flag && get_setting (self, "lock-on-screen-lock"))
        emit_lock_requested (self, SL_LOCK_REASON_SCREEN_LOCKED);
    }
  else if (g_str_equal (interface_name, LOGIND_SESSION_INTERFACE)
           && g_str_equal (signal_name, "Lock"))
    {
      if (get_setting (self, "lock-on-screen-lock"))
        emit_lock_requested (self, SL_LOCK_REASON_SCREEN_LOCKED);
    }
  else if (g_str_equal (interface_name, LOGIND_MANAGER_INTERFACE)
           && g_str_equal (signal_name, "PrepareForSleep"))
    {
      if (flag)
        {
          if (get_setting (self, "lock-on-suspend"))
            emit_lock_requested (self, SL_LOCK_REASON_SUSPEND);

          /* Locked: let the window repaint, then let the suspend go on. */
          g_clear_handle_id (&self->release_source_id, g_source_remove);
          if (self->inhibitor_fd >= 0)
            self->release_source_id = g_timeout_add (RELEASE_DELAY_MS, release_inhibitor_cb, self);
        }
      else
        {
          /* Resumed: be ready for the next one. */
          take_inhibitor (self);
        }
    }
}

/**
 * _sl_lock_monitor_get_holds_inhibitor:
 * @self: a #SlLockMonitor
 *
 * Returns: whether a sleep inhibitor is held
 */
gboolean
_sl_lock_monitor_get_holds_inhibitor (SlLockMonitor *self)
{
  g_return_val_if_fail (SL_IS_LOCK_MONITOR (self), FALSE);

  return self->inhibitor_fd >= 0;
}

/**
 * _sl_lock_monitor_set_inhibitor_fd:
 * @self: a #SlLockMonitor
 * @fd: (transfer full): a file descriptor standing for an inhibitor
 *
 * Makes the monitor hold @fd as if logind had sent it, for tests.
 */
void
_sl_lock_monitor_set_inhibitor_fd (SlLockMonitor *self,
                                   int            fd)
{
  g_return_if_fail (SL_IS_LOCK_MONITOR (self));

  release_inhibitor (self);
  self->inhibitor_fd = fd;
}
