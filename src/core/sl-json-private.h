/* sl-json-private.h
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

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

JsonNode *_sl_json_parse      (const char  *data,
                               gssize       length,
                               GError     **error);
gboolean  _sl_json_peek_strings (const char         *data,
                                 const char * const *names,
                                 char              **values,
                                 guint               n_names);
void      _sl_string_append_int (GString   *out,
                                 gint64     n);

G_END_DECLS
