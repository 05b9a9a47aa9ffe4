/* sl-record-list.h
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

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "sl-record.h"
#include "sl-vault.h"

G_BEGIN_DECLS

#define SL_TYPE_RECORD_LIST (sl_record_list_get_type ())
G_DECLARE_FINAL_TYPE (SlRecordList, sl_record_list, SL, RECORD_LIST, GObject)

SlRecordList *sl_record_list_new               (SlVault       *vault,
                                                const char    *type,
                                                GError       **error);
const char   *sl_record_list_get_record_type   (SlRecordList  *self);
guint         sl_record_list_get_total         (SlRecordList  *self);
void          sl_record_list_set_filter_text   (SlRecordList  *self,
                                                const char    *text);
gboolean      sl_record_list_set_field_filter  (SlRecordList  *self,
                                                const char    *field,
                                                JsonNode      *value,
                                                GError       **error);
void          sl_record_list_clear_field_filters (SlRecordList *self);
gboolean      sl_record_list_reload            (SlRecordList  *self,
                                                GError       **error);

G_END_DECLS
