/* sl-pack-dialog.h
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

#define SL_TYPE_PACK_DIALOG (sl_pack_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SlPackDialog, sl_pack_dialog, SL, PACK_DIALOG, AdwWindow)

SlPackDialog *sl_pack_dialog_new           (SlVault      *vault,
                                            GtkWindow    *parent);
void          _sl_pack_dialog_write_to     (SlPackDialog *self,
                                            GFile        *file);
gboolean      _sl_pack_dialog_get_busy     (SlPackDialog *self);

G_END_DECLS
