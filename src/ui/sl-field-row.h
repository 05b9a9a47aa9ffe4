/* sl-field-row.h
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
#include "sl-notes.h"
#include "sl-vault.h"

G_BEGIN_DECLS

#define SL_TYPE_FIELD_ROW (sl_field_row_get_type ())

G_DECLARE_FINAL_TYPE (SlFieldRow, sl_field_row, SL, FIELD_ROW, GtkBox)

GtkWidget *sl_field_row_new         (SlField     *field);
SlField   *sl_field_row_get_field   (SlFieldRow  *self);
void       sl_field_row_set_value   (SlFieldRow  *self,
                                     JsonNode    *value);
JsonNode  *sl_field_row_dup_input   (SlFieldRow  *self,
                                     GError     **error);
gboolean   sl_field_row_commit      (SlFieldRow  *self);
void       sl_field_row_set_error   (SlFieldRow  *self,
                                     const char  *message);
const char *sl_field_row_get_error  (SlFieldRow  *self);
GtkWidget *sl_field_row_get_input   (SlFieldRow  *self);
void       sl_field_row_set_note_status (SlFieldRow *self,
                                         const char *record_id,
                                         SlNoteStatus status);
GtkWidget *sl_field_row_get_note_button (SlFieldRow *self);

G_END_DECLS
