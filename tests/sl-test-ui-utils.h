/* sl-test-ui-utils.h
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

#include "sl-vault.h"

G_BEGIN_DECLS

/* How long a UI test waits for anything before it fails. */
#define WAIT_TIMEOUT_SECONDS 60

typedef gboolean (*Condition) (gpointer data);

void     sl_test_ui_init (int    *argc,
                          char ***argv);

void     wait_until     (Condition   condition,
                         gpointer    data,
                         const char *what);
void     spin           (guint       ms);
GObject *template_child (gpointer    widget,
                         GType       type,
                         const char *name);
GtkWindow *sl_test_show_in_window (GtkWidget  *child,
                                   int         width,
                                   int         height);
void     sl_test_close_vault_window (GtkWindow  *window,
                                     SlVault   **vault,
                                     char      **tmpdir);
void     sl_test_save_screenshot (GtkWidget  *widget,
                                  const char *name);

G_END_DECLS
