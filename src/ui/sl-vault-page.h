/* sl-vault-page.h
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

#define SL_TYPE_VAULT_PAGE (sl_vault_page_get_type ())

G_DECLARE_FINAL_TYPE (SlVaultPage, sl_vault_page, SL, VAULT_PAGE, AdwBin)

GtkWidget  *sl_vault_page_new                (SlVault     *vault);
SlVault    *sl_vault_page_get_vault          (SlVaultPage *self);
GtkWidget  *sl_vault_page_get_visible_page   (SlVaultPage *self);
void        sl_vault_page_show_record_type   (SlVaultPage *self,
                                              const char  *type);
void        sl_vault_page_show_tables        (SlVaultPage *self);
void        sl_vault_page_show_sync          (SlVaultPage *self);
const char *sl_vault_page_get_count_label    (SlVaultPage *self,
                                              const char  *type);

G_END_DECLS
