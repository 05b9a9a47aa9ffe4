/* sl-record-list-page.h
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

#define SL_TYPE_RECORD_LIST_PAGE (sl_record_list_page_get_type ())

G_DECLARE_FINAL_TYPE (SlRecordListPage, sl_record_list_page, SL, RECORD_LIST_PAGE, AdwBin)

GtkWidget  *sl_record_list_page_new             (SlVault          *vault,
                                                 const char       *type);
const char *sl_record_list_page_get_record_type (SlRecordListPage *self);
GListModel *sl_record_list_page_get_model       (SlRecordListPage *self);
void        sl_record_list_page_set_show_back   (SlRecordListPage *self,
                                                 gboolean          show);

G_END_DECLS
