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
