/* sl-notes.h
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

#include "sl-vault.h"

G_BEGIN_DECLS

/**
 * SlNotesError:
 * @SL_NOTES_ERROR_NOT_A_NOTE: the field is not a note (a long text field)
 * @SL_NOTES_ERROR_INVALID: a kind, role or name that cannot be used
 * @SL_NOTES_ERROR_KNOWN: the name is in the registry already
 */
typedef enum
{
  SL_NOTES_ERROR_NOT_A_NOTE,
  SL_NOTES_ERROR_INVALID,
  SL_NOTES_ERROR_KNOWN,
} SlNotesError;

#define SL_NOTES_ERROR (sl_notes_error_quark ())
GQuark sl_notes_error_quark (void);

/**
 * SlPseudonym:
 * @case_id: the record of the case (the submission, visit or session)
 * @kind: "person", "place", "institution" or "reference"
 * @role: for a person "child", "adult", "suspect" or "professional"; for an
 *   institution what it is ("school", "home", "hotel", "takeaway", "taxi",
 *   "pub", "gp"…); for a place "town" (or "area"); for a reference ""
 * @name: the name as marked
 * @pseudonym: what replaces it everywhere in the case ("Child A",
 *   "Suspect 1", "[school 2]")
 * @forms: (element-type utf8): the forms it is found in, lower case
 *
 * One entry of the vault's pseudonym registry. The registry never leaves
 * the vault.
 */
typedef struct
{
  char      *case_id;
  char      *kind;
  char      *role;
  char      *name;
  char      *pseudonym;
  GPtrArray *forms;
} SlPseudonym;

void sl_pseudonym_free (SlPseudonym *pseudonym);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlPseudonym, sl_pseudonym_free)

/**
 * SlNoteStatus:
 * @SL_NOTE_EMPTY: there is no note
 * @SL_NOTE_NOT_REVIEWED: nobody has reviewed it
 * @SL_NOTE_REVIEWED: reviewed as it stands
 * @SL_NOTE_CHANGED: edited since it was reviewed
 */
typedef enum
{
  SL_NOTE_EMPTY,
  SL_NOTE_NOT_REVIEWED,
  SL_NOTE_REVIEWED,
  SL_NOTE_CHANGED,
} SlNoteStatus;

/**
 * SlNoteSpan:
 * @start: first byte
 * @end: byte after the last
 * @type: what it is (a #SlSpan type; a registered name's kind as one)
 * @replacement: what the redacted note shows instead (for a registered
 *   name, its pseudonym)
 * @rejected: a reviewer said it is not identifying: it is kept
 * @registered: a form of a name in the pseudonym registry (a reviewer's
 *   mark, which a review cannot reject); otherwise the detector found it
 */
typedef struct
{
  gsize       start;
  gsize       end;
  const char *type;
  char       *replacement;
  gboolean    rejected;
  gboolean    registered;
} SlNoteSpan;

SlPseudonym  *sl_vault_add_pseudonym         (SlVault      *self,
                                            const char   *record,
                                            const char   *kind,
                                            const char   *role,
                                            const char   *name,
                                            GError      **error);
gboolean      sl_vault_add_pseudonym_form  (SlVault      *self,
                                            const char   *record,
                                            const char   *pseudonym,
                                            const char   *form,
                                            GError      **error);
GPtrArray    *sl_vault_list_pseudonyms     (SlVault      *self,
                                            const char   *record,
                                            GError      **error);
char         *sl_vault_dup_case_id         (SlVault      *self,
                                            const char   *record,
                                            GError      **error);

char         *sl_vault_redact_note         (SlVault      *self,
                                            const char   *record,
                                            const char   *field,
                                            GArray      **spans,
                                            GError      **error);
char         *sl_vault_redact_text         (SlVault      *self,
                                            const char   *record,
                                            const char   *text,
                                            GArray      **spans,
                                            GError      **error);
gboolean      sl_vault_review_note         (SlVault      *self,
                                            const char   *record,
                                            const char   *field,
                                            const char * const *rejected,
                                            GError      **error);
SlNoteStatus  sl_vault_get_note_status     (SlVault      *self,
                                            const char   *record,
                                            const char   *field,
                                            GError      **error);
guint         sl_vault_count_unreviewed_notes (SlVault   *self,
                                            GError      **error);
GStrv         sl_vault_dup_note_rejected   (SlVault      *self,
                                            const char   *record,
                                            const char   *field,
                                            GError      **error);

void          sl_note_spans_free           (GArray       *spans);

G_END_DECLS
