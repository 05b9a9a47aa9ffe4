/* sl-welcome-page.h
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

G_BEGIN_DECLS

#define SL_TYPE_WELCOME_PAGE (sl_welcome_page_get_type ())

G_DECLARE_FINAL_TYPE (SlWelcomePage, sl_welcome_page, SL, WELCOME_PAGE, AdwBin)

GtkWidget *sl_welcome_page_new (void);

G_END_DECLS
