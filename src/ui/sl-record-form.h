/* sl-record-form.h
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
#include "sl-field-row.h"

G_BEGIN_DECLS

#define SL_TYPE_RECORD_FORM (sl_record_form_get_type ())

G_DECLARE_FINAL_TYPE (SlRecordForm, sl_record_form, SL, RECORD_FORM, AdwBin)

GtkWidget  *sl_record_form_new              (SlVault      *vault,
                                             const char   *record_id);
GtkWidget  *sl_record_form_new_for_creation (SlVault      *vault,
                                             const char   *type,
                                             const char   *parent);
const char *sl_record_form_get_record_id    (SlRecordForm *self);
gboolean    sl_record_form_get_creating     (SlRecordForm *self);
SlFieldRow *sl_record_form_get_field_row    (SlRecordForm *self,
                                             const char   *field);
void        sl_record_form_reload           (SlRecordForm *self);

G_END_DECLS
