/* sl-create-dialog.h
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

#define SL_TYPE_CREATE_DIALOG (sl_create_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SlCreateDialog, sl_create_dialog, SL, CREATE_DIALOG, AdwWindow)

SlCreateDialog *sl_create_dialog_new        (GtkWindow      *transient_for);
GFile          *sl_create_dialog_get_folder (SlCreateDialog *self);
void            sl_create_dialog_set_folder (SlCreateDialog *self,
                                             GFile          *folder);

G_END_DECLS
