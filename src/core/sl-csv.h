/* sl-csv.h
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

#include <glib.h>

G_BEGIN_DECLS

GPtrArray *sl_csv_parse        (const char *data,
                                gsize       length,
                                GError    **error);
void       sl_csv_append_field (GString    *out,
                                const char *field);

G_END_DECLS
