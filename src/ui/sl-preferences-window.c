/* sl-preferences-window.c
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

#define G_LOG_DOMAIN "sl-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "sl-preferences-window.h"
#include "sl-utils-private.h"

/*
 * SlPreferencesWindow: when to lock. Every row is bound to its GSettings
 * key, so a change applies at once (the lock monitor follows the keys).
 * Without the schema, the rows are shown but insensitive.
 */
struct _SlPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  AdwPreferencesGroup  *lock_group;
  GtkAdjustment        *idle_adjustment;
  GtkSpinButton        *idle_spin;
  GtkSwitch            *screen_lock_switch;
  GtkSwitch            *suspend_switch;

  /* Owned references */
  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (SlPreferencesWindow, sl_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* GObject overrides */

static void
sl_preferences_window_dispose (GObject *object)
{
  SlPreferencesWindow *self = SL_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SL_TYPE_PREFERENCES_WINDOW);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (sl_preferences_window_parent_class)->dispose (object);
}

static void
sl_preferences_window_class_init (SlPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               SL_RESOURCE_BASE_PATH "/ui/sl-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SlPreferencesWindow, lock_group);
  gtk_widget_class_bind_template_child (widget_class, SlPreferencesWindow, idle_adjustment);
  gtk_widget_class_bind_template_child (widget_class, SlPreferencesWindow, idle_spin);
  gtk_widget_class_bind_template_child (widget_class, SlPreferencesWindow, screen_lock_switch);
  gtk_widget_class_bind_template_child (widget_class, SlPreferencesWindow, suspend_switch);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sl_preferences_window_init (SlPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = _sl_settings_new ();

  if (self->settings == NULL)
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->lock_group), FALSE);
      return;
    }

  g_settings_bind (self->settings, "idle-lock-minutes",
                   self->idle_adjustment, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "lock-on-screen-lock",
                   self->screen_lock_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "lock-on-suspend",
                   self->suspend_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
}

/* Public API */

/**
 * sl_preferences_window_new:
 * @parent: (nullable): the window it belongs to
 *
 * Returns: (transfer floating): a new #SlPreferencesWindow, transient for
 *   @parent
 */
GtkWidget *
sl_preferences_window_new (GtkWindow *parent)
{
  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (SL_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "application", parent != NULL ? gtk_window_get_application (parent) : NULL,
                       NULL);
}
