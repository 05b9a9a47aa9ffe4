/* sl-lock-monitor.h
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

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/**
 * SlLockReason:
 * @SL_LOCK_REASON_IDLE: nobody used the app for the idle time set
 * @SL_LOCK_REASON_SCREEN_LOCKED: the session's screen locked
 * @SL_LOCK_REASON_SUSPEND: the machine is about to suspend
 *
 * Why #SlLockMonitor::lock-requested was emitted.
 */
typedef enum
{
  SL_LOCK_REASON_IDLE,
  SL_LOCK_REASON_SCREEN_LOCKED,
  SL_LOCK_REASON_SUSPEND,
} SlLockReason;

#define SL_TYPE_LOCK_REASON (sl_lock_reason_get_type ())
GType sl_lock_reason_get_type (void);

#define SL_TYPE_LOCK_MONITOR (sl_lock_monitor_get_type ())

G_DECLARE_FINAL_TYPE (SlLockMonitor, sl_lock_monitor, SL, LOCK_MONITOR, GObject)

SlLockMonitor *sl_lock_monitor_new             (GSettings       *settings);
void           sl_lock_monitor_start           (SlLockMonitor   *self,
                                                GDBusConnection *session_bus);
void           sl_lock_monitor_watch_window    (SlLockMonitor   *self,
                                                GtkWindow       *window);
void           sl_lock_monitor_notify_activity (SlLockMonitor   *self);
guint          sl_lock_monitor_get_idle_timeout_ms
                                               (SlLockMonitor   *self);

/* For tests only: there is no session or system bus in CI. */
void           _sl_lock_monitor_set_idle_timeout_ms (SlLockMonitor *self,
                                                     guint          timeout_ms);
void           _sl_lock_monitor_handle_signal  (SlLockMonitor   *self,
                                                const char      *interface_name,
                                                const char      *signal_name,
                                                GVariant        *parameters);
gboolean       _sl_lock_monitor_get_holds_inhibitor (SlLockMonitor *self);
void           _sl_lock_monitor_set_inhibitor_fd (SlLockMonitor *self,
                                                  int            fd);

G_END_DECLS
