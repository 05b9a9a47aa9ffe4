/* sl-history-page.h
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

#include "sl-codebook.h"
#include "sl-vault.h"

G_BEGIN_DECLS

#define SL_TYPE_HISTORY_PAGE (sl_history_page_get_type ())

G_DECLARE_FINAL_TYPE (SlHistoryPage, sl_history_page, SL, HISTORY_PAGE, AdwBin)

GtkWidget *sl_history_page_new   (SlVault       *vault,
                                  const char    *record_id);
GtkListBox *sl_history_page_get_list (SlHistoryPage *self);

G_END_DECLS
