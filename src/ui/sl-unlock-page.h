/* sl-unlock-page.h
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

#define SL_TYPE_UNLOCK_PAGE (sl_unlock_page_get_type ())

G_DECLARE_FINAL_TYPE (SlUnlockPage, sl_unlock_page, SL, UNLOCK_PAGE, AdwBin)

GtkWidget *sl_unlock_page_new             (void);
SlVault   *sl_unlock_page_get_vault       (SlUnlockPage *self);
void       sl_unlock_page_set_vault       (SlUnlockPage *self,
                                           SlVault      *vault);
gboolean   sl_unlock_page_get_busy        (SlUnlockPage *self);
void       sl_unlock_page_set_busy        (SlUnlockPage *self,
                                           gboolean      busy);
void       sl_unlock_page_set_error       (SlUnlockPage *self,
                                           const char   *message);
SlSecret  *sl_unlock_page_take_passphrase (SlUnlockPage *self);
void       sl_unlock_page_focus           (SlUnlockPage *self);

G_END_DECLS
