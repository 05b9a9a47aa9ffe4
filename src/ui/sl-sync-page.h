/* sl-sync-page.h
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

#define SL_TYPE_SYNC_PAGE (sl_sync_page_get_type ())

G_DECLARE_FINAL_TYPE (SlSyncPage, sl_sync_page, SL, SYNC_PAGE, AdwBin)

GtkWidget *sl_sync_page_new               (SlVault    *vault);
void       sl_sync_page_set_show_back     (SlSyncPage *self,
                                           gboolean    show);
gboolean   sl_sync_page_get_busy          (SlSyncPage *self);

/* What the file choosers do once a file or folder is chosen; the tests
 * call them directly. */
void       sl_sync_page_export_to_folder  (SlSyncPage *self,
                                           const char *peer_id,
                                           GFile      *folder);
void       sl_sync_page_export_everything_to_folder (SlSyncPage *self,
                                                     const char *peer_id,
                                                     GFile      *folder);
void       sl_sync_page_import_file       (SlSyncPage *self,
                                           GFile      *file);
void       sl_sync_page_add_card_file     (SlSyncPage *self,
                                           GFile      *file);

/* For the tests. */
GtkLabel         *_sl_sync_page_get_fingerprint_label (SlSyncPage *self);
AdwMessageDialog *_sl_sync_page_get_dialog            (SlSyncPage *self);
GFile            *_sl_sync_page_get_last_export       (SlSyncPage *self);
GPtrArray        *_sl_sync_page_get_peer_rows         (SlSyncPage *self);
GPtrArray        *_sl_sync_page_get_conflict_rows     (SlSyncPage *self);
GtkButton        *_sl_sync_page_get_cancel_button     (SlSyncPage *self);

G_END_DECLS
