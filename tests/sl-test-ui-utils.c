/* sl-test-ui-utils.c
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

#include "config.h"

#include <adwaita.h>

#include "sl-test-ui-utils.h"
#include "sl-test-utils.h"

static gboolean
flag_timeout_cb (gpointer data)
{
  gboolean *timed_out = data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @condition holds; fails the test after
 * WAIT_TIMEOUT_SECONDS. */
/* Starts a UI test: GLib's test framework with its own home, the
 * system's MIME data, GTK and libadwaita. Some machines fail to load
 * GTK's own SVG icons (a Gtk-WARNING from the pixbuf loader), which says
 * nothing about the pages under test: only criticals are fatal. */
void
sl_test_ui_init (int    *argc,
                 char ***argv)
{
  sl_test_use_system_mime_dirs ();
  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  gtk_init ();
  adw_init ();
}

void
wait_until (Condition   condition,
            gpointer    data,
            const char *what)
{
  gboolean timed_out = FALSE;
  guint timeout_id = g_timeout_add_seconds (WAIT_TIMEOUT_SECONDS, flag_timeout_cb, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (timed_out)
    g_test_message ("Timed out after %d s waiting for %s", WAIT_TIMEOUT_SECONDS, what);
  else
    g_source_remove (timeout_id);

  g_assert_false (timed_out);
}

/* Lets pending idles and callbacks run for @ms milliseconds. */
void
spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, flag_timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

GObject *
template_child (gpointer    widget,
                GType       type,
                const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (child);
  return child;
}

/* A plain window holding @child, presented and drawn once. */
GtkWindow *
sl_test_show_in_window (GtkWidget *child,
                        int        width,
                        int        height)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_default_size (window, width, height);
  gtk_window_set_child (window, child);
  gtk_window_present (window);
  spin (50);
  return window;
}

/* Closes the window, then locks, frees and deletes the vault. */
void
sl_test_close_vault_window (GtkWindow  *window,
                            SlVault   **vault,
                            char      **tmpdir)
{
  gtk_window_destroy (window);
  spin (50);
  sl_vault_lock (*vault);
  g_clear_object (vault);
  sl_test_remove_tree (*tmpdir);
  g_clear_pointer (tmpdir, g_free);
}

/* Saves @widget as it is drawn to $SIGHTLINE_TEST_SCREENSHOT_DIR/@name.png,
 * when that is set. */
void
sl_test_save_screenshot (GtkWidget  *widget,
                         const char *name)
{
  const char *dir = g_getenv ("SIGHTLINE_TEST_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  int width, height;

  if (dir == NULL || *dir == '\0')
    return;

  spin (300);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  if (width <= 0 || height <= 0)
    return;

  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return;
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  file = g_strconcat (name, ".png", NULL);
  path = g_build_filename (dir, file, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Screenshot: %s", path);
}
