/* sl-return-import-dialog.h
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

#include "sl-vault.h"

G_BEGIN_DECLS

#define SL_TYPE_RETURN_IMPORT_DIALOG (sl_return_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SlReturnImportDialog, sl_return_import_dialog, SL, RETURN_IMPORT_DIALOG, AdwWindow)

GtkWidget *sl_return_import_dialog_new (SlVault   *vault,
                                        GtkWindow *parent);

/* For tests only. */
void          _sl_return_import_dialog_load_data       (SlReturnImportDialog *self,
                                                        const char           *data,
                                                        gsize                 length);
GtkButton    *_sl_return_import_dialog_get_import_button (SlReturnImportDialog *self);
GtkButton    *_sl_return_import_dialog_get_choose_button (SlReturnImportDialog *self);
AdwEntryRow  *_sl_return_import_dialog_get_provider_row  (SlReturnImportDialog *self);
GPtrArray    *_sl_return_import_dialog_get_column_rows   (SlReturnImportDialog *self);
GtkLabel     *_sl_return_import_dialog_get_error_label   (SlReturnImportDialog *self);
guint         _sl_return_import_dialog_get_n_children    (SlReturnImportDialog *self);

G_END_DECLS
