/* test-ui-notes.c
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

/* Drives the note editor under Xvfb: a victim's case notes opened from
 * the record's form, a note typed with a name, a phone number and a town
 * in it; the marks laid as one types (found in a worker thread, never on
 * stale text) and the side list grouped by kind; the town judged not
 * identifying; the name added to the case's pseudonyms with "This Is a
 * Name", then shown as "Child A" in the redacted view beside the original;
 * the note marked as reviewed, then edited again; the count of notes to
 * review on the vault page; the note saved after a pause with no button
 * pressed; every control named for a screen reader; and the text gone
 * when the vault locks. Each step is checked in the vault through the
 * core as well. Run with GSETTINGS_BACKEND=memory (GTK_A11Y is set to
 * "test" here). With SIGHTLINE_TEST_SCREENSHOT_DIR set, it saves a PNG of
 * the editor there; with SIGHTLINE_TEST_HOLD_MS, it waits that long with
 * the editor on screen (for a screenshot of the display). */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "sl-change-log.h"
#include "sl-field-row.h"
#include "sl-note-editor.h"
#include "sl-notes.h"
#include "sl-record.h"
#include "sl-record-form.h"
#include "sl-redactor.h"
#include "sl-test-ui-utils.h"
#include "sl-test-utils.h"
#include "sl-vault-page.h"

#define NOTE "Met Jade Thompson after school. Jade's mum rang from 07700 900123."
#define MORE " They went to Rochdale on the bus."

typedef struct
{
  char        *tmpdir;
  SlVault     *vault;
  GtkWindow   *window;
  SlVaultPage *page;
  char        *submission;
  char        *victim;
} Fixture;

/* Helpers */

static void
hold (void)
{
  const char *ms = g_getenv ("SIGHTLINE_TEST_HOLD_MS");

  if (ms != NULL && *ms != '\0')
    {
      g_test_message ("Holding for %s ms", ms);
      spin ((guint) g_ascii_strtoull (ms, NULL, 10));
    }
}

static char *
add (SlVault    *vault,
     const char *type,
     const char *parent,
     const char *assignments)
{
  g_auto(GStrv) a = g_strsplit (assignments, "|", -1);
  SlRecordType *rt = sl_codebook_lookup_type (sl_vault_get_codebook (vault), type, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) v = sl_values_from_assignments (rt, (const char * const *) a, &error);
  char *id;

  g_assert_no_error (error);
  id = sl_vault_add_record (vault, type, parent, v, &error);
  g_assert_no_error (error);
  return id;
}

static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *hit = find_named (child, name);

      if (hit != NULL)
        return hit;
    }
  return NULL;
}

/* Every button, toggle, drop-down and text in @root has a name a screen
 * reader can read. */
static void
assert_named (GtkWidget *root)
{
  if (!gtk_widget_get_visible (root) || GTK_IS_WINDOW_CONTROLS (root))
    return;
  if (GTK_IS_BUTTON (root) || GTK_IS_EDITABLE (root) || GTK_IS_SWITCH (root) ||
      GTK_IS_MENU_BUTTON (root) || GTK_IS_DROP_DOWN (root) || GTK_IS_TEXT_VIEW (root))
    {
      gboolean named = gtk_test_accessible_has_property (GTK_ACCESSIBLE (root),
                                                         GTK_ACCESSIBLE_PROPERTY_LABEL) ||
                       gtk_test_accessible_has_relation (GTK_ACCESSIBLE (root),
                                                         GTK_ACCESSIBLE_RELATION_LABELLED_BY) ||
                       (GTK_IS_BUTTON (root) && gtk_button_get_label (GTK_BUTTON (root)) != NULL);

      if (!named)
        {
          g_autoptr(GString) path = g_string_new (NULL);

          for (GtkWidget *w = root; w != NULL; w = gtk_widget_get_parent (w))
            g_string_prepend (path, G_OBJECT_TYPE_NAME (w)), g_string_prepend (path, "/");
          g_error ("A %s (%s, “%s”) has no accessible name: %s", G_OBJECT_TYPE_NAME (root),
                   gtk_widget_get_name (root), gtk_widget_get_tooltip_text (root), path->str);
        }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    assert_named (child);
}

static SlRecordForm *
open_victim (Fixture *f)
{
  GtkWidget *w;

  gtk_widget_activate_action (GTK_WIDGET (f->page), "page.open-record", "s", f->victim);
  spin (50);
  w = sl_vault_page_get_visible_page (f->page);
  g_assert_true (SL_IS_RECORD_FORM (w));
  return SL_RECORD_FORM (w);
}

static const char *
note_row_subtitle (SlRecordForm *form)
{
  SlFieldRow *row = sl_record_form_get_field_row (form, "notes");
  GtkWidget *button;
  GtkWidget *action_row;

  g_assert_nonnull (row);
  button = sl_field_row_get_note_button (row);
  g_assert_nonnull (button);
  action_row = gtk_widget_get_ancestor (button, ADW_TYPE_ACTION_ROW);
  g_assert_nonnull (action_row);
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (action_row));
}

/* Opens the victim's case notes from the form, with its Review button. */
static SlNoteEditor *
open_editor (Fixture      *f,
             SlRecordForm *form)
{
  SlFieldRow *row = sl_record_form_get_field_row (form, "notes");
  GtkWidget *button = sl_field_row_get_note_button (row);
  GtkWidget *w;

  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "page.edit-note");
  g_signal_emit_by_name (button, "clicked");
  spin (50);
  w = sl_vault_page_get_visible_page (f->page);
  g_assert_true (SL_IS_NOTE_EDITOR (w));
  g_assert_cmpstr (sl_note_editor_get_record_id (SL_NOTE_EDITOR (w)), ==, f->victim);
  g_assert_cmpstr (sl_note_editor_get_field (SL_NOTE_EDITOR (w)), ==, "notes");
  return SL_NOTE_EDITOR (w);
}

static gboolean
editor_idle (gpointer data)
{
  return !sl_note_editor_get_busy (data);
}

/* Types @text at the end, a few characters at a time, as a person would. */
static void
type_text (SlNoteEditor *editor,
           const char   *text)
{
  GtkTextBuffer *buffer = sl_note_editor_get_buffer (editor);
  GtkTextIter end;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gtk_text_buffer_get_end_iter (buffer, &end);
      gtk_text_buffer_place_cursor (buffer, &end);
      gtk_text_buffer_insert_at_cursor (buffer, p, (int) (g_utf8_next_char (p) - p));
      /* The marks wait for a pause: typing is never held up by them. */
      g_assert_true (sl_note_editor_get_busy (editor));
      if ((p - text) % 8 == 0)
        g_main_context_iteration (NULL, FALSE);
    }
}

static char *
buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
}

/* The name of the mark on the first character of @needle in the note. */
static const char *
mark_at (SlNoteEditor *editor,
         const char   *needle)
{
  GtkTextBuffer *buffer = sl_note_editor_get_buffer (editor);
  g_autofree char *text = buffer_text (buffer);
  const char *hit = strstr (text, needle);
  g_autoptr(GSList) tags = NULL;
  g_autofree char *name = NULL;
  GtkTextIter iter;

  g_assert_nonnull (hit);
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, (int) g_utf8_pointer_to_offset (text, hit));
  tags = gtk_text_iter_get_tags (&iter);
  g_assert_cmpuint (g_slist_length (tags), <=, 1);
  if (tags == NULL)
    return NULL;
  g_object_get (tags->data, "name", &name, NULL);
  return g_intern_string (name);
}

static GtkWidget *
found_list (SlNoteEditor *editor,
            const char   *kind)
{
  GtkWidget *box = GTK_WIDGET (template_child (editor, SL_TYPE_NOTE_EDITOR, "found_box"));

  return find_named (box, kind);
}

static AdwActionRow *
found_row (SlNoteEditor *editor,
           const char   *kind,
           const char   *title)
{
  GtkWidget *list = found_list (editor, kind);

  g_assert_nonnull (list);
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_ACTION_ROW (row) &&
        g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), title) == 0)
      return ADW_ACTION_ROW (row);
  g_error ("No “%s” among the %s found", title, kind);
  return NULL;
}

static char *
redacted_text (SlNoteEditor *editor)
{
  GtkTextView *view = GTK_TEXT_VIEW (template_child (editor, SL_TYPE_NOTE_EDITOR, "redacted_view"));

  return buffer_text (gtk_text_view_get_buffer (view));
}

static char *
stored_note (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlRecord) record = sl_vault_load_record (f->vault, f->victim, &error);
  JsonNode *value;

  g_assert_no_error (error);
  value = sl_record_get_value (record, "notes");
  return g_strdup (value && JSON_NODE_HOLDS_VALUE (value) ? json_node_get_string (value) : "");
}

typedef struct
{
  Fixture    *f;
  const char *expect;
} StoredWait;

static gboolean
stored_is (gpointer data)
{
  StoredWait *w = data;
  g_autofree char *stored = stored_note (w->f);

  return g_str_equal (stored, w->expect);
}

static SlNoteStatus
core_status (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  SlNoteStatus status = sl_vault_get_note_status (f->vault, f->victim, "notes", &error);

  g_assert_no_error (error);
  return status;
}

static guint
unreviewed (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  guint n = sl_vault_count_unreviewed_notes (f->vault, &error);

  g_assert_no_error (error);
  return n;
}

static gboolean
widget_visible (gpointer widget)
{
  return gtk_widget_get_visible (widget);
}

static void
click (gpointer widget)
{
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (widget)));
  g_signal_emit_by_name (widget, "clicked");
}

/* Fixtures */

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->tmpdir = sl_test_make_tmpdir ();
  f->vault = sl_test_create_vault (f->tmpdir, "notes.sightline", SL_TEST_PASSPHRASE);
  g_assert_nonnull (f->vault);
  sl_vault_set_author (f->vault, "Reviewer");

  f->submission = add (f->vault, "submission", NULL, "reference=CFE-001|organisation_type=police");
  f->victim = add (f->vault, "victim", f->submission, "label=Victim 1|age=14");

  f->page = SL_VAULT_PAGE (sl_vault_page_new (f->vault));
  f->window = sl_test_show_in_window (GTK_WIDGET (f->page), 1280, 800);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->submission, g_free);
  g_clear_pointer (&f->victim, g_free);
  sl_test_close_vault_window (f->window, &f->vault, &f->tmpdir);
}

/* Tests */

static void
test_review (Fixture       *f,
             gconstpointer  data)
{
  GtkWidget *unreviewed_box = GTK_WIDGET (template_child (f->page, SL_TYPE_VAULT_PAGE,
                                                          "unreviewed_box"));
  GtkLabel *unreviewed_label = GTK_LABEL (template_child (f->page, SL_TYPE_VAULT_PAGE,
                                                          "unreviewed_label"));
  g_autoptr(GPtrArray) pseudonyms = NULL;
  g_autoptr(GArray) spans = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) rejected = NULL;
  g_autofree char *redacted = NULL;
  g_autofree char *core_redacted = NULL;
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;
  SlPseudonym *p;
  SlRecordForm *form;
  SlNoteEditor *editor;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  AdwActionRow *row;
  GtkWidget *reject;
  StoredWait wait = { f, NOTE MORE };

  /* The form says there is no note yet, and opens the editor. */
  form = open_victim (f);
  g_assert_cmpstr (note_row_subtitle (form), ==, "No note yet");
  g_assert_false (gtk_widget_get_visible (unreviewed_box));
  editor = open_editor (f, form);
  buffer = sl_note_editor_get_buffer (editor);
  wait_until (editor_idle, editor, "the empty note to be read");
  g_assert_null (found_list (editor, "PERSON"));

  /* One lands in the note; nothing to review yet. */
  g_assert_true (gtk_root_get_focus (GTK_ROOT (f->window)) ==
                 GTK_WIDGET (template_child (editor, SL_TYPE_NOTE_EDITOR, "text_view")));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (template_child (editor, SL_TYPE_NOTE_EDITOR,
                                                                       "review_button"))));

  /* Typed with a pause half-way: a run starts on the first half, and is
   * superseded by the whole; only the last one's marks are laid. */
  type_text (editor, NOTE);
  spin (260);
  type_text (editor, MORE);
  g_assert_true (sl_note_editor_get_busy (editor));
  wait_until (editor_idle, editor, "the marks");

  g_assert_cmpstr (mark_at (editor, "Jade Thompson"), ==, "PERSON");
  g_assert_cmpstr (mark_at (editor, "Jade's"), ==, "PERSON");
  g_assert_cmpstr (mark_at (editor, "07700 900123"), ==, "PHONE");
  g_assert_cmpstr (mark_at (editor, "Rochdale"), ==, "PLACE");
  g_assert_null (mark_at (editor, "after school"));
  g_assert_null (mark_at (editor, "mum rang"));

  /* The side list, by kind: names, phone numbers, places. */
  g_assert_nonnull (found_row (editor, SL_SPAN_PERSON, "Jade Thompson"));
  g_assert_nonnull (found_row (editor, SL_SPAN_PERSON, "Jade"));
  row = found_row (editor, SL_SPAN_PHONE, "07700 900123");
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, "Redacted as [phone]");
  row = found_row (editor, SL_SPAN_PLACE, "Rochdale");
  g_assert_null (found_list (editor, SL_SPAN_EMAIL));

  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (template_child (editor, SL_TYPE_NOTE_EDITOR,
                                                                      "review_button"))));

  /* Saved after the pause, with no button pressed. */
  wait_until (stored_is, &wait, "the note to be saved");
  g_assert_cmpint (core_status (f), ==, SL_NOTE_NOT_REVIEWED);
  g_assert_cmpuint (unreviewed (f), ==, 1);
  wait_until (widget_visible, unreviewed_box, "the count of notes to review");
  g_assert_cmpstr (gtk_label_get_text (unreviewed_label), ==, "1 note not yet reviewed");

  /* Rochdale is judged not identifying: kept as written. */
  reject = find_named (GTK_WIDGET (row), "reject");
  g_assert_nonnull (reject);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (reject), TRUE);
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, "Kept as written: not identifying");
  g_assert_cmpstr (mark_at (editor, "Rochdale"), ==, "sl-rejected");

  /* "Jade Thompson" is a child of the case: This Is a Name. */
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (template_child (editor, SL_TYPE_NOTE_EDITOR,
                                                                       "mark_person_button"))));
  text = buffer_text (buffer);
  gtk_text_buffer_get_iter_at_offset (buffer, &start, 4);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, 4 + (int) strlen ("Jade Thompson"));
  gtk_text_buffer_select_range (buffer, &start, &end);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (template_child (editor, SL_TYPE_NOTE_EDITOR,
                                                             "role_dropdown")), 0);
  click (template_child (editor, SL_TYPE_NOTE_EDITOR, "mark_person_button"));
  g_assert_true (sl_note_editor_get_busy (editor));
  wait_until (editor_idle, editor, "the marks with the new name");

  pseudonyms = sl_vault_list_pseudonyms (f->vault, f->victim, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pseudonyms->len, ==, 1);
  p = g_ptr_array_index (pseudonyms, 0);
  g_assert_cmpstr (p->name, ==, "Jade Thompson");
  g_assert_cmpstr (p->kind, ==, "person");
  g_assert_cmpstr (p->role, ==, "child");
  g_assert_cmpstr (p->pseudonym, ==, "Child A");
  g_assert_cmpstr (p->case_id, ==, f->submission);

  /* Found in its forms (the first name, the possessive), as Child A. */
  row = found_row (editor, SL_SPAN_PERSON, "Jade Thompson");
  g_assert_null (find_named (GTK_WIDGET (row), "reject"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "Child A"));
  row = found_row (editor, SL_SPAN_PERSON, "Jade");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "Child A"));
  g_assert_cmpstr (mark_at (editor, "Jade's"), ==, "PERSON");

  /* Side by side: the redacted note, read-only, beside the original. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (template_child (editor, SL_TYPE_NOTE_EDITOR,
                                                                   "redacted_toggle")), TRUE);
  spin (50);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (template_child (editor, SL_TYPE_NOTE_EDITOR,
                                                                    "redacted_view"))));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (template_child (editor, SL_TYPE_NOTE_EDITOR,
                                                                    "text_view"))));
  g_assert_false (gtk_text_view_get_editable (GTK_TEXT_VIEW (template_child (editor,
                                                                             SL_TYPE_NOTE_EDITOR,
                                                                             "redacted_view"))));
  redacted = redacted_text (editor);
  g_assert_cmpstr (redacted, ==,
                   "Met Child A after school. Child A's mum rang from [phone]. "
                   "They went to Rochdale on the bus.");
  g_assert_null (strstr (redacted, "Jade"));
  g_assert_null (strstr (redacted, "07700"));

  assert_named (GTK_WIDGET (editor));
  sl_test_save_screenshot (GTK_WIDGET (f->window), "note-editor");
  hold ();

  /* Mark as Reviewed: the review, with Rochdale judged harmless. */
  click (template_child (editor, SL_TYPE_NOTE_EDITOR, "review_button"));
  g_assert_cmpint (core_status (f), ==, SL_NOTE_REVIEWED);
  g_assert_cmpint (sl_note_editor_get_status (editor), ==, SL_NOTE_REVIEWED);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (template_child (editor, SL_TYPE_NOTE_EDITOR,
                                                                  "status_label"))), ==,
                   "Reviewed");
  rejected = sl_vault_dup_note_rejected (f->vault, f->victim, "notes", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (rejected), ==, 1);
  g_assert_cmpstr (rejected[0], ==, "rochdale");
  g_assert_cmpuint (unreviewed (f), ==, 0);
  g_assert_false (gtk_widget_get_visible (unreviewed_box));

  /* The core redacts the note as the editor showed it. */
  core_redacted = sl_vault_redact_note (f->vault, f->victim, "notes", &spans, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (core_redacted, ==, redacted);

  /* Edited after the review: changed since, and counted again. */
  type_text (editor, " Seen again.");
  g_assert_true (sl_note_editor_save (editor));
  g_assert_cmpint (core_status (f), ==, SL_NOTE_CHANGED);
  g_assert_cmpint (sl_note_editor_get_status (editor), ==, SL_NOTE_CHANGED);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (template_child (editor, SL_TYPE_NOTE_EDITOR,
                                                                  "status_label"))), ==,
                   "Changed since its review");
  g_assert_cmpuint (unreviewed (f), ==, 1);
  g_assert_true (gtk_widget_get_visible (unreviewed_box));
  expected = g_strconcat (NOTE MORE, " Seen again.", NULL);
  wait.expect = expected;
  g_assert_true (stored_is (&wait));

  /* Back on the form, the note's row says so too. */
  gtk_widget_activate_action (GTK_WIDGET (f->page), "page.back", NULL);
  spin (400);
  form = SL_RECORD_FORM (sl_vault_page_get_visible_page (f->page));
  g_assert_true (SL_IS_RECORD_FORM (form));
  g_assert_cmpstr (note_row_subtitle (form), ==, "Changed since its review");
  gtk_widget_grab_focus (sl_field_row_get_note_button (sl_record_form_get_field_row (form,
                                                                                      "notes")));
  sl_test_save_screenshot (GTK_WIDGET (f->window), "note-form");
}

/* A name marked in one note is found in the case's other notes. */
static void
test_registry_across_notes (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(SlPseudonym) p = NULL;
  g_autoptr(GPtrArray) pseudonyms = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *redacted = NULL;
  g_autofree char *other = NULL;
  g_autofree char *text = NULL;
  SlNoteEditor *editor;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  int at;

  other = add (f->vault, "victim", f->submission, "label=Victim 2|age=15");
  p = sl_vault_add_pseudonym (f->vault, other, "person", "suspect", "Kez Marlow", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (p->pseudonym, ==, "Suspect 1");

  editor = open_editor (f, open_victim (f));
  type_text (editor, "Her friend said marlow drove the car.");
  wait_until (editor_idle, editor, "the marks");
  g_assert_cmpstr (mark_at (editor, "marlow"), ==, "PERSON");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (found_row (editor, SL_SPAN_PERSON,
                                                                    "marlow")),
                            "Suspect 1"));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (template_child (editor, SL_TYPE_NOTE_EDITOR,
                                                                   "redacted_toggle")), TRUE);
  redacted = redacted_text (editor);
  g_assert_cmpstr (redacted, ==, "Her friend said Suspect 1 drove the car.");

  /* An institution, of the kind chosen beside the button. */
  type_text (editor, " They met at Zephyr Lounge.");
  wait_until (editor_idle, editor, "the marks");
  buffer = sl_note_editor_get_buffer (editor);
  text = buffer_text (buffer);
  at = (int) g_utf8_pointer_to_offset (text, strstr (text, "Zephyr Lounge"));
  gtk_text_buffer_get_iter_at_offset (buffer, &start, at);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, at + (int) strlen ("Zephyr Lounge"));
  gtk_text_buffer_select_range (buffer, &start, &end);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (template_child (editor, SL_TYPE_NOTE_EDITOR,
                                                             "institution_dropdown")), 5);
  click (template_child (editor, SL_TYPE_NOTE_EDITOR, "mark_institution_button"));
  wait_until (editor_idle, editor, "the marks with the pub");
  g_assert_cmpstr (mark_at (editor, "Zephyr Lounge"), ==, "INSTITUTION");
  g_clear_pointer (&redacted, g_free);
  redacted = redacted_text (editor);
  g_assert_cmpstr (redacted, ==, "Her friend said Suspect 1 drove the car. They met at [pub 1].");
  pseudonyms = sl_vault_list_pseudonyms (f->vault, f->victim, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pseudonyms->len, ==, 2);
  g_assert_cmpstr (((SlPseudonym *) g_ptr_array_index (pseudonyms, 1))->role, ==, "pub");
}

/* Sends Ctrl+L to @widget's key controllers that see keys before its
 * children do, as the window's Lock shortcut would reach them. */
static void
press_ctrl_l (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean sent = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);
      gboolean handled = FALSE;

      if (!GTK_IS_EVENT_CONTROLLER_KEY (controller) ||
          gtk_event_controller_get_propagation_phase (controller) != GTK_PHASE_CAPTURE)
        continue;
      g_signal_emit_by_name (controller, "key-pressed", GDK_KEY_l, 0, GDK_CONTROL_MASK, &handled);
      g_assert_false (handled);
      sent = TRUE;
    }
  g_assert_true (sent);
}

/* Locking drops the text at once, and the run in flight with it. */
static void
test_lock (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *text = NULL;
  g_autofree char *redacted = NULL;
  SlNoteEditor *editor;
  StoredWait wait = { f, NOTE };

  editor = open_editor (f, open_victim (f));
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  type_text (editor, NOTE);
  wait_until (editor_idle, editor, "the marks");
  wait_until (stored_is, &wait, "the note to be saved");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (template_child (editor, SL_TYPE_NOTE_EDITOR,
                                                                   "redacted_toggle")), TRUE);

  /* A run in flight when the vault locks, Ctrl+L pressed before the
   * pause that saves: what was typed is saved first. */
  type_text (editor, MORE);
  spin (250);
  press_ctrl_l (GTK_WIDGET (editor));
  wait.expect = NOTE MORE;
  g_assert_true (stored_is (&wait));
  sl_vault_lock (f->vault);
  spin (300);

  g_assert_nonnull (editor);
  text = buffer_text (sl_note_editor_get_buffer (editor));
  g_assert_cmpstr (text, ==, "");
  redacted = redacted_text (editor);
  g_assert_cmpstr (redacted, ==, "");
  g_assert_null (found_list (editor, SL_SPAN_PERSON));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (editor)));

  /* The window destroys the vault page on lock: the editor goes too. */
  gtk_window_set_child (f->window, NULL);
  f->page = NULL;
  spin (50);
  g_assert_null (editor);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GTK_A11Y", "test", TRUE);
  sl_test_ui_init (&argc, &argv);

  /* The main thread owns the main context, as in the app: the worker's
   * results come back to it. */
  g_assert_true (g_main_context_acquire (NULL));

  g_test_add ("/sightline/ui/notes/review", Fixture, NULL,
              fixture_set_up, test_review, fixture_tear_down);
  g_test_add ("/sightline/ui/notes/registry-across-notes", Fixture, NULL,
              fixture_set_up, test_registry_across_notes, fixture_tear_down);
  g_test_add ("/sightline/ui/notes/lock", Fixture, NULL,
              fixture_set_up, test_lock, fixture_tear_down);

  return g_test_run ();
}
