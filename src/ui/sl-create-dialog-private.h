/* sl-create-dialog-private.h
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

#include "sl-create-dialog.h"

G_BEGIN_DECLS

/* For tests only: a cheap key derivation. People always get
 * sl_kdf_params_default(). */
void  _sl_create_dialog_set_kdf_params  (SlCreateDialog    *self,
                                         const SlKdfParams *params);
char *_sl_create_dialog_dup_folder_name (const char        *title);

G_END_DECLS
