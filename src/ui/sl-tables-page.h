/* sl-tables-page.h
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

#include <adwaita.h>

#include "sl-tables.h"
#include "sl-vault.h"

G_BEGIN_DECLS

#define SL_TYPE_TABLES_PAGE (sl_tables_page_get_type ())

G_DECLARE_FINAL_TYPE (SlTablesPage, sl_tables_page, SL, TABLES_PAGE, AdwBin)

GtkWidget  *sl_tables_page_new              (SlVault      *vault);
void        sl_tables_page_set_show_back    (SlTablesPage *self,
                                             gboolean      show);
gboolean    sl_tables_page_select_table     (SlTablesPage *self,
                                             const char   *id);
const char *sl_tables_page_get_table_id     (SlTablesPage *self);
SlTable    *sl_tables_page_get_table        (SlTablesPage *self);
void        sl_tables_page_set_exact        (SlTablesPage *self,
                                             gboolean      exact);
gboolean    sl_tables_page_get_exact        (SlTablesPage *self);

/* For the tests: what the export menu does once a file is chosen. @format
 * is "csv", "svg", "png" or "pdf"; @exact says whether the user chose
 * exact counts explicitly (otherwise the export is suppressed). */
gboolean    _sl_tables_page_export          (SlTablesPage *self,
                                             const char   *path,
                                             const char   *format,
                                             gboolean      exact,
                                             GError      **error);
GtkGrid    *_sl_tables_page_get_grid        (SlTablesPage *self);
GtkWidget  *_sl_tables_page_get_chart       (SlTablesPage *self);
GtkListBox *_sl_tables_page_get_list        (SlTablesPage *self);
const char *_sl_tables_page_get_description (SlTablesPage *self);
GtkFileChooserNative *_sl_tables_page_get_export_dialog (SlTablesPage *self);

G_END_DECLS
