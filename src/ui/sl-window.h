/* sl-window.h
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

#define SL_TYPE_WINDOW (sl_window_get_type ())

G_DECLARE_FINAL_TYPE (SlWindow, sl_window, SL, WINDOW, AdwApplicationWindow)

SlWindow   *sl_window_new                   (GtkApplication *application);
SlVault    *sl_window_get_vault             (SlWindow       *self);
void        sl_window_open_vault            (SlWindow       *self,
                                             GFile          *location);
const char *sl_window_get_visible_page_name (SlWindow       *self);
void        sl_window_lock                  (SlWindow       *self);

G_END_DECLS
