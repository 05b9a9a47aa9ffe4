/* sl-utils.c
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

#define G_LOG_DOMAIN "sl-utils"

#include "config.h"

#include "sl-utils-private.h"

/*
 * _sl_settings_new:
 *
 * Returns: (transfer full) (nullable): the application's settings, or %NULL
 *   when the schema is not installed (a build run from its tree without
 *   `GSETTINGS_SCHEMA_DIR`); the window then simply remembers nothing.
 */
GSettings *
_sl_settings_new (void)
{
  static gsize warned = 0;
  GSettingsSchemaSource *source;
  g_autoptr(GSettingsSchema) schema = NULL;

  source = g_settings_schema_source_get_default ();
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, SL_SETTINGS_SCHEMA_ID, TRUE);

  if (schema == NULL)
    {
      if (g_once_init_enter (&warned))
        {
          g_warning ("The GSettings schema %s is not installed; "
                     "window size and recent vaults will not be remembered",
                     SL_SETTINGS_SCHEMA_ID);
          g_once_init_leave (&warned, 1);
        }
      return NULL;
    }

  return g_settings_new_full (schema, NULL, NULL);
}

/*
 * _sl_settings_add_recent:
 *
 * Puts @location first in the list of recent vaults, once, and keeps the
 * list to %SL_MAX_RECENT_VAULTS entries.
 */
void
_sl_settings_add_recent (GSettings *settings,
                         GFile     *location)
{
  g_auto(GStrv) recent = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) updated = NULL;
  g_autofree char *path = NULL;
  guint n = 1;

  g_return_if_fail (G_IS_FILE (location));

  if (settings == NULL || (path = g_file_get_path (location)) == NULL)
    return;

  recent = g_settings_get_strv (settings, "recent-vaults");
  builder = g_strv_builder_new ();
  g_strv_builder_add (builder, path);

  for (guint i = 0; recent[i] != NULL && n < SL_MAX_RECENT_VAULTS; i++)
    {
      if (g_strcmp0 (recent[i], path) == 0)
        continue;
      g_strv_builder_add (builder, recent[i]);
      n++;
    }

  updated = g_strv_builder_end (builder);
  g_settings_set_strv (settings, "recent-vaults", (const char * const *) updated);
}

void
_sl_settings_remove_recent (GSettings  *settings,
                            const char *path)
{
  g_auto(GStrv) recent = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) updated = NULL;

  g_return_if_fail (path != NULL);

  if (settings == NULL)
    return;

  recent = g_settings_get_strv (settings, "recent-vaults");
  builder = g_strv_builder_new ();

  for (guint i = 0; recent[i] != NULL; i++)
    {
      if (g_strcmp0 (recent[i], path) != 0)
        g_strv_builder_add (builder, recent[i]);
    }

  updated = g_strv_builder_end (builder);
  g_settings_set_strv (settings, "recent-vaults", (const char * const *) updated);
}

/*
 * _sl_dup_display_path:
 *
 * Returns: (transfer full): the path of @file for people to read, with the
 *   home folder shortened to `~`.
 */
char *
_sl_dup_display_path (GFile *file)
{
  g_autoptr(GFile) home = NULL;
  g_autofree char *relative = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  home = g_file_new_for_path (g_get_home_dir ());

  if (g_file_equal (file, home))
    return g_strdup ("~");

  if ((relative = g_file_get_relative_path (home, file)) != NULL)
    return g_build_filename ("~", relative, NULL);

  if (g_file_is_native (file))
    return g_file_get_path (file);

  return g_file_get_parse_name (file);
}

/* The window @widget is in, to be the parent of a dialog; NULL while it
 * is in none. */
GtkWindow *
_sl_widget_get_window (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}
