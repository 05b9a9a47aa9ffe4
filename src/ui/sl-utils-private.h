/* sl-utils-private.h
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

#define SL_SETTINGS_SCHEMA_ID   "io.github.sightline.Sightline"
#define SL_RESOURCE_BASE_PATH   "/io/github/sightline/Sightline"
#define SL_MAX_RECENT_VAULTS    10

GSettings *_sl_settings_new             (void);
void       _sl_settings_add_recent      (GSettings  *settings,
                                         GFile      *location);
void       _sl_settings_remove_recent   (GSettings  *settings,
                                         const char *path);
char      *_sl_dup_display_path         (GFile      *file);
GtkWindow *_sl_widget_get_window        (GtkWidget  *widget);

G_END_DECLS
