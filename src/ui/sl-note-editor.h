/* sl-note-editor.h
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

#include "sl-notes.h"
#include "sl-vault.h"

G_BEGIN_DECLS

#define SL_TYPE_NOTE_EDITOR (sl_note_editor_get_type ())

G_DECLARE_FINAL_TYPE (SlNoteEditor, sl_note_editor, SL, NOTE_EDITOR, AdwBin)

GtkWidget     *sl_note_editor_new           (SlVault      *vault,
                                             const char   *record_id,
                                             const char   *field);
const char    *sl_note_editor_get_record_id (SlNoteEditor *self);
const char    *sl_note_editor_get_field     (SlNoteEditor *self);
GtkTextBuffer *sl_note_editor_get_buffer    (SlNoteEditor *self);
gboolean       sl_note_editor_get_busy      (SlNoteEditor *self);
SlNoteStatus   sl_note_editor_get_status    (SlNoteEditor *self);
gboolean       sl_note_editor_save          (SlNoteEditor *self);

const char    *sl_note_status_to_string     (SlNoteStatus  status);

G_END_DECLS
