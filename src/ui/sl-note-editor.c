/* sl-note-editor.c
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

#define G_LOG_DOMAIN "sl-note-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sl-note-editor.h"
#include "sl-record.h"
#include "sl-redactor.h"
#include "sl-utils-private.h"

/*
 * SlNoteEditor: one note (a long text field of a record) being written
 * and reviewed, as a page of the vault page.
 *
 * - What could identify someone is marked as one types: a pause of
 *   DETECT_DELAY_MS after an edit starts a detection run in a worker
 *   thread (sl_vault_redact_text(), which uses the case's pseudonym
 *   registry). Each edit bumps a generation number; a run started for an
 *   older generation is cancelled and its result, if it still comes, is
 *   thrown away, so marks are only ever laid on the text they were found
 *   in. Typing never waits for a run.
 * - The side list groups what was found by kind. For each thing found,
 *   "Redact" (the default) keeps it redacted and "Keep" judges it not
 *   identifying; names in the registry show their pseudonym.
 * - Selected text can be added to the case's registry as a name, a place
 *   or an institution; it is then found in every note of the case.
 * - "Mark as Reviewed" saves the note and records the review with what
 *   was judged harmless (sl_vault_review_note()).
 * - The note is saved, as one change like any field, after a pause of
 *   SAVE_DELAY_MS, when the editor is hidden or loses the focus, and
 *   before a shortcut that could lock the vault or close the window.
 *
 * When the vault locks, the buffers are emptied and any run is
 * cancelled; the window destroys the vault page, and this page with it.
 */

#define DETECT_DELAY_MS 200
#define SAVE_DELAY_MS   800

struct _SlNoteEditor
{
  AdwBin          parent_instance;

  /* Template widgets */
  AdwWindowTitle *window_title;
  GtkButton      *review_button;
  GtkToggleButton *redacted_toggle;
  GtkLabel       *status_label;
  GtkLabel       *save_label;
  GtkSpinner     *spinner;
  GtkTextView    *text_view;
  GtkTextView    *redacted_view;
  GtkDropDown    *role_dropdown;
  GtkDropDown    *institution_dropdown;
  GtkButton      *mark_person_button;
  GtkButton      *mark_place_button;
  GtkButton      *mark_institution_button;
  GtkLabel       *found_summary;
  GtkBox         *found_box;

  /* Owned references */
  SlVault        *vault;
  char           *record_id;
  char           *field_id;
  GCancellable   *cancellable;  /* the detection run in flight */
  GHashTable     *rejected;     /* lower-case text judged not identifying */
  GArray         *spans;        /* SlNoteSpan, of text */
  char           *text;         /* the text the spans were found in */
  char           *list_signature;

  /* Borrowed references */
  SlField        *field;
  GtkTextBuffer  *buffer;

  /* State */
  SlNoteStatus    status;
  guint           generation;   /* bumped by every edit */
  guint           shown;        /* the generation the marks belong to */
  guint           detect_id;
  guint           save_id;
  guint           loading : 1;
  guint           dirty : 1;
  guint           review_pending : 1;
  guint           save_failed : 1;
};

G_DEFINE_FINAL_TYPE (SlNoteEditor, sl_note_editor, ADW_TYPE_BIN)

typedef struct
{
  const char *type;
  const char *group;  /* the side list's heading */
  const char *colour; /* the mark's background */
} Kind;

static const Kind kinds[] = {
  { SL_SPAN_PERSON, N_("Names"), "rgba(53,132,228,0.28)" },
  { SL_SPAN_PLACE, N_("Places"), "rgba(46,194,126,0.30)" },
  { SL_SPAN_INSTITUTION, N_("Institutions"), "rgba(145,65,172,0.26)" },
  { SL_SPAN_ADDRESS, N_("Addresses"), "rgba(230,97,0,0.28)" },
  { SL_SPAN_POSTCODE, N_("Postcodes"), "rgba(230,97,0,0.28)" },
  { SL_SPAN_PHONE, N_("Phone Numbers"), "rgba(230,97,0,0.28)" },
  { SL_SPAN_EMAIL, N_("Email Addresses"), "rgba(230,97,0,0.28)" },
  { SL_SPAN_URL, N_("Web Addresses"), "rgba(230,97,0,0.28)" },
  { SL_SPAN_SOCIAL_HANDLE, N_("Social Media Handles"), "rgba(230,97,0,0.28)" },
  { SL_SPAN_DATE_OF_BIRTH, N_("Dates of Birth"), "rgba(230,97,0,0.28)" },
  { SL_SPAN_VEHICLE_REG, N_("Vehicle Registrations"), "rgba(230,97,0,0.28)" },
  { SL_SPAN_NHS_NUMBER, N_("NHS Numbers"), "rgba(230,97,0,0.28)" },
  { SL_SPAN_NI_NUMBER, N_("National Insurance Numbers"), "rgba(230,97,0,0.28)" },
  { SL_SPAN_UPN, N_("Unique Pupil Numbers"), "rgba(230,97,0,0.28)" },
  { SL_SPAN_REFERENCE, N_("References"), "rgba(230,97,0,0.28)" },
};

#define REJECTED_TAG    "sl-rejected"
#define REPLACEMENT_TAG "sl-replacement"
#define PSEUDONYM_TAG   "sl-pseudonym"

/* In the order of the drop-downs beside This Is a Name and This Is an
 * Institution. */
static const char *person_roles[] = { "child", "adult", "suspect", "professional" };
static const char *institution_roles[] = { "school", "home", "hotel", "takeaway", "taxi", "pub",
                                           "gp", "shop", "club", "other" };

/* One thing found, as the side list shows it: every span of one kind
 * with the same text (in any case). */
typedef struct
{
  const char *type;
  char       *key;          /* lower case, as reviews keep it */
  char       *text;         /* as first written */
  char       *replacement;
  guint       count;
  gboolean    registered;
} Item;

/* Text from the note is wiped before it is freed. */
static void
wipe (char *text)
{
  if (text != NULL)
    explicit_bzero (text, strlen (text));
  g_free (text);
}

static void
item_free (Item *item)
{
  wipe (item->key);
  wipe (item->text);
  g_free (item->replacement);
  g_free (item);
}

/* A detection run, in a worker thread. */
typedef struct
{
  SlVault  *vault;
  char     *record_id;
  char     *text;
  guint     generation;
  GWeakRef  editor;
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->vault);
  g_free (job->record_id);
  wipe (job->text);
  g_weak_ref_clear (&job->editor);
  g_free (job);
}

/* Helpers */

static void
toast (SlNoteEditor *self,
       const char   *message)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "page.toast", "s", message);
}

static const Kind *
lookup_kind (const char *type)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kinds[i].type, type) == 0)
      return &kinds[i];
  return &kinds[G_N_ELEMENTS (kinds) - 1];
}

static char *
dup_buffer_text (SlNoteEditor *self)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  return gtk_text_buffer_get_text (self->buffer, &start, &end, TRUE);
}

static char *
dup_key (const char *text,
         gsize       len)
{
  g_autofree char *piece = g_strndup (text, len);
  char *key = g_utf8_strdown (piece, -1);

  explicit_bzero (piece, strlen (piece));
  return g_strstrip (key);
}

static void
clear_text_state (SlNoteEditor *self)
{
  g_clear_pointer (&self->spans, g_array_unref);
  g_clear_pointer (&self->text, wipe);
  g_clear_pointer (&self->list_signature, wipe);
}

static void
update_status (SlNoteEditor *self)
{
  g_autoptr(GError) error = NULL;
  const char *css[] = { "success", "warning" };

  self->status = sl_vault_get_note_status (self->vault, self->record_id, self->field_id, &error);
  if (error != NULL)
    g_debug ("Cannot read the note's review: %s", error->message);

  gtk_label_set_text (self->status_label, sl_note_status_to_string (self->status));
  for (guint i = 0; i < G_N_ELEMENTS (css); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), css[i]);
  if (self->status == SL_NOTE_REVIEWED)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "success");
  else if (self->status != SL_NOTE_EMPTY)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "warning");
}

static void
update_busy (SlNoteEditor *self)
{
  gboolean busy = sl_note_editor_get_busy (self);

  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
}

static void
update_save_label (SlNoteEditor *self)
{
  if (self->save_failed)
    gtk_label_set_text (self->save_label,
                        _("Not saved: the note is too long or the vault is locked"));
  else if (self->dirty)
    gtk_label_set_text (self->save_label, _("Editing…"));
  else
    gtk_label_set_text (self->save_label, _("Saved in the vault"));
}

static gboolean
is_rejected (SlNoteEditor     *self,
             const SlNoteSpan *span,
             const char       *text)
{
  g_autofree char *key = NULL;

  if (span->registered)
    return FALSE;
  key = dup_key (text + span->start, span->end - span->start);
  return g_hash_table_contains (self->rejected, key);
}

/* The marks in the note, from the spans found in its current text. */
static void
apply_marks (SlNoteEditor *self)
{
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (self->buffer);
  GtkTextIter start, end;
  glong offset = 0;
  gsize at = 0;

  /* Marks found in an older text stay where the edits moved them until
   * the next run. */
  if (self->spans == NULL || self->shown != self->generation)
    return;

  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    gtk_text_buffer_remove_tag_by_name (self->buffer, kinds[i].type, &start, &end);
  gtk_text_buffer_remove_tag_by_name (self->buffer, REJECTED_TAG, &start, &end);

  for (guint i = 0; i < self->spans->len; i++)
    {
      SlNoteSpan *span = &g_array_index (self->spans, SlNoteSpan, i);
      GtkTextTag *tag;
      glong span_start, span_end;

      /* Byte offsets into the text to character offsets into the buffer. */
      offset += g_utf8_strlen (self->text + at, (gssize) (span->start - at));
      span_start = offset;
      span_end = span_start + g_utf8_strlen (self->text + span->start,
                                             (gssize) (span->end - span->start));
      offset = span_end;
      at = span->end;

      tag = gtk_text_tag_table_lookup (table, is_rejected (self, span, self->text) ?
                                              REJECTED_TAG : lookup_kind (span->type)->type);
      gtk_text_buffer_get_iter_at_offset (self->buffer, &start, (int) span_start);
      gtk_text_buffer_get_iter_at_offset (self->buffer, &end, (int) span_end);
      gtk_text_buffer_apply_tag (self->buffer, tag, &start, &end);
    }
}

/* The redacted note: registered names become their pseudonyms, what
 * the detector found its label, except what was judged harmless. */
static void
show_redacted (SlNoteEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->redacted_view);
  GtkTextIter iter;
  gsize at = 0;

  gtk_text_buffer_set_text (buffer, "", 0);
  if (self->spans == NULL || self->text == NULL)
    return;

  gtk_text_buffer_get_end_iter (buffer, &iter);
  for (guint i = 0; i < self->spans->len; i++)
    {
      SlNoteSpan *span = &g_array_index (self->spans, SlNoteSpan, i);

      if (is_rejected (self, span, self->text))
        continue;
      gtk_text_buffer_insert (buffer, &iter, self->text + at, (int) (span->start - at));
      gtk_text_buffer_insert_with_tags_by_name (buffer, &iter, span->replacement, -1,
                                                span->registered ? PSEUDONYM_TAG : REPLACEMENT_TAG,
                                                NULL);
      at = span->end;
    }
  gtk_text_buffer_insert (buffer, &iter, self->text + at, -1);
}

static GPtrArray *
collect_items (SlNoteEditor *self)
{
  g_autoptr(GHashTable) seen = NULL;
  GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);

  seen = g_hash_table_new_full (g_str_hash, g_str_equal, (GDestroyNotify) wipe, NULL);
  for (guint i = 0; self->spans != NULL && i < self->spans->len; i++)
    {
      SlNoteSpan *span = &g_array_index (self->spans, SlNoteSpan, i);
      const char *type = lookup_kind (span->type)->type;
      g_autofree char *key = dup_key (self->text + span->start, span->end - span->start);
      char *seen_key = g_strconcat (type, "\n", key, NULL);
      Item *item = g_hash_table_lookup (seen, seen_key);

      if (item != NULL)
        {
          item->count++;
          wipe (seen_key);
          continue;
        }
      item = g_new0 (Item, 1);
      item->type = type;
      item->key = g_steal_pointer (&key);
      item->text = g_strndup (self->text + span->start, span->end - span->start);
      item->replacement = g_strdup (span->replacement);
      item->registered = span->registered;
      item->count = 1;
      g_ptr_array_add (items, item);
      g_hash_table_insert (seen, seen_key, item);
    }
  return items;
}

static void
update_item_row (SlNoteEditor *self,
                 GtkWidget    *row)
{
  Item *item = g_object_get_data (G_OBJECT (row), "item");
  g_autofree char *subtitle = NULL;

  if (item->registered)
    /* Translators: %s is a pseudonym such as "Child A" */
    subtitle = g_strdup_printf (_("%s in every note of this case"), item->replacement);
  else if (g_hash_table_contains (self->rejected, item->key))
    subtitle = g_strdup (_("Kept as written: not identifying"));
  else
    /* Translators: %s is a label such as "[phone]" */
    subtitle = g_strdup_printf (_("Redacted as %s"), item->replacement);

  if (item->count > 1)
    {
      g_autofree char *times = NULL;

      /* Translators: what the side list says of a name found more than
       * once; %s is what happens to it, %u how many times it was found */
      times = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (%u time)", "%s (%u times)",
                                            item->count),
                               subtitle, item->count);
      g_free (subtitle);
      subtitle = g_steal_pointer (&times);
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
}

static void refresh_after_judgement (SlNoteEditor *self);

static void
on_judgement_toggled_cb (GtkToggleButton *button,
                         SlNoteEditor    *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), ADW_TYPE_ACTION_ROW);
  Item *item = row ? g_object_get_data (G_OBJECT (row), "item") : NULL;
  gboolean reject = g_str_equal (gtk_widget_get_name (GTK_WIDGET (button)), "reject");

  if (item == NULL || !gtk_toggle_button_get_active (button))
    return;

  if (reject)
    g_hash_table_add (self->rejected, g_strdup (item->key));
  else
    g_hash_table_remove (self->rejected, item->key);
  update_item_row (self, row);
  refresh_after_judgement (self);
}

static GtkWidget *
make_item_row (SlNoteEditor *self,
               Item         *item)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), item->text);
  g_object_set_data_full (G_OBJECT (row), "item", item, (GDestroyNotify) item_free);

  if (!item->registered)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
      GtkWidget *accept = gtk_toggle_button_new_with_label (_("Redact"));
      GtkWidget *reject = gtk_toggle_button_new_with_label (_("Keep"));
      g_autofree char *accept_name = NULL;
      g_autofree char *reject_name = NULL;
      gboolean rejected = g_hash_table_contains (self->rejected, item->key);

      /* Translators: %s is what was found in a note, such as a name */
      accept_name = g_strdup_printf (_("Keep “%s” Redacted"), item->text);
      /* Translators: %s is what was found in a note, such as a name */
      reject_name = g_strdup_printf (_("“%s” Is Not Identifying: Keep It"), item->text);
      gtk_widget_set_name (accept, "accept");
      gtk_widget_set_name (reject, "reject");
      gtk_widget_set_tooltip_text (accept, _("It could identify someone: redact it"));
      gtk_widget_set_tooltip_text (reject, _("It identifies no one: keep it as written"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (accept), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      accept_name, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (reject), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      reject_name, -1);
      gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (reject), GTK_TOGGLE_BUTTON (accept));
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (rejected ? reject : accept), TRUE);
      g_signal_connect_object (accept, "toggled", G_CALLBACK (on_judgement_toggled_cb), self, 0);
      g_signal_connect_object (reject, "toggled", G_CALLBACK (on_judgement_toggled_cb), self, 0);
      gtk_widget_add_css_class (box, "linked");
      gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (box), accept);
      gtk_box_append (GTK_BOX (box), reject);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);
    }

  update_item_row (self, row);
  return row;
}

/* The side list, rebuilt only when what was found changed, so that the
 * focus stays where it is while one types. */
static void
show_items (SlNoteEditor *self)
{
  g_autoptr(GPtrArray) items = collect_items (self);
  g_autoptr(GString) signature = g_string_new (NULL);
  g_autofree char *summary = NULL;
  GtkWidget *child;

  for (guint i = 0; i < items->len; i++)
    {
      Item *item = g_ptr_array_index (items, i);

      g_string_append_printf (signature, "%s\n%s\n%s\n%u\n%d\n", item->type, item->key,
                              item->replacement, item->count, item->registered);
    }
  if (g_strcmp0 (signature->str, self->list_signature) == 0)
    {
      explicit_bzero (signature->str, signature->len);
      return;
    }
  g_clear_pointer (&self->list_signature, wipe);
  self->list_signature = g_string_free (g_steal_pointer (&signature), FALSE);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->found_box))) != NULL)
    gtk_box_remove (self->found_box, child);

  if (items->len == 0)
    summary = g_strdup (self->text && self->text[0] ?
                        _("Nothing that could identify someone was found.") :
                        _("Write the note; what could identify someone is marked as you type."));
  else
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%u thing could identify someone. Check each one.",
                                            "%u things could identify someone. Check each one.",
                                            items->len),
                               items->len);
  gtk_label_set_text (self->found_summary, summary);

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      GtkWidget *group = NULL;
      GtkWidget *list = NULL;

      for (guint i = 0; i < items->len; i++)
        {
          Item *item = g_ptr_array_index (items, i);
          GtkWidget *row;

          if (item->type != kinds[k].type)
            continue;
          if (group == NULL)
            {
              GtkWidget *heading = gtk_label_new (_(kinds[k].group));

              group = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
              list = gtk_list_box_new ();
              gtk_label_set_xalign (GTK_LABEL (heading), 0);
              gtk_widget_add_css_class (heading, "caption-heading");
              gtk_widget_add_css_class (heading, "dim-label");
              gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
              gtk_widget_add_css_class (list, "boxed-list");
              gtk_widget_set_name (list, kinds[k].type);
              gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                              _(kinds[k].group), -1);
              gtk_box_append (GTK_BOX (group), heading);
              gtk_box_append (GTK_BOX (group), list);
              gtk_box_append (self->found_box, group);
            }
          /* The row owns the item from now on. */
          row = make_item_row (self, g_ptr_array_steal_index (items, i--));
          gtk_list_box_append (GTK_LIST_BOX (list), row);
        }
    }
}

static void
refresh_after_judgement (SlNoteEditor *self)
{
  apply_marks (self);
  show_redacted (self);
}

/* Detection */

static void
detect_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  GArray *spans = NULL;
  char *redacted;

  if (g_task_return_error_if_cancelled (task))
    return;

  redacted = sl_vault_redact_text (job->vault, job->record_id, job->text, &spans, &error);
  if (redacted == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  wipe (redacted);
  g_task_return_pointer (task, spans, (GDestroyNotify) g_array_unref);
}

static void
detected_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GTask *task = G_TASK (result);
  Job *job = g_task_get_task_data (task);
  g_autoptr(SlNoteEditor) self = g_weak_ref_get (&job->editor);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) spans = g_task_propagate_pointer (task, &error);

  if (spans == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Cannot look for identifiers: %s", error->message);
      if (self != NULL)
        update_busy (self);
      return;
    }

  /* Gone, or typed in since: another run is on its way. */
  if (self == NULL || job->generation != self->generation)
    return;

  clear_text_state (self);
  self->spans = g_steal_pointer (&spans);
  self->text = g_strdup (job->text);
  self->shown = job->generation;

  apply_marks (self);
  show_items (self);
  show_redacted (self);
  update_busy (self);

  if (self->review_pending)
    {
      self->review_pending = FALSE;
      gtk_widget_activate_action (GTK_WIDGET (self), "note.review", NULL);
    }
}

static void
start_detection (SlNoteEditor *self)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_clear_handle_id (&self->detect_id, g_source_remove);

  if (sl_vault_get_locked (self->vault))
    return;

  /* A newer run supersedes any older one. */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  job = g_new0 (Job, 1);
  job->vault = g_object_ref (self->vault);
  job->record_id = g_strdup (self->record_id);
  job->text = dup_buffer_text (self);
  job->generation = self->generation;
  g_weak_ref_init (&job->editor, self);

  task = g_task_new (NULL, self->cancellable, detected_cb, NULL);
  g_task_set_source_tag (task, start_detection);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, detect_thread);
  update_busy (self);
}

static gboolean
detect_timeout_cb (gpointer data)
{
  SlNoteEditor *self = data;

  self->detect_id = 0;
  start_detection (self);
  return G_SOURCE_REMOVE;
}

/* Saving */

static gboolean
save_timeout_cb (gpointer data)
{
  SlNoteEditor *self = data;

  self->save_id = 0;
  sl_note_editor_save (self);
  return G_SOURCE_REMOVE;
}

/* Callbacks */

static void
on_buffer_changed_cb (SlNoteEditor  *self,
                      GtkTextBuffer *buffer)
{
  self->generation++;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "note.review",
                                 gtk_text_buffer_get_char_count (buffer) > 0);

  if (self->loading)
    return;

  self->dirty = TRUE;
  update_save_label (self);

  g_clear_handle_id (&self->detect_id, g_source_remove);
  self->detect_id = g_timeout_add (DETECT_DELAY_MS, detect_timeout_cb, self);
  g_clear_handle_id (&self->save_id, g_source_remove);
  self->save_id = g_timeout_add (SAVE_DELAY_MS, save_timeout_cb, self);
  update_busy (self);
}

static void
on_has_selection_cb (SlNoteEditor *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "note.mark",
                                 gtk_text_buffer_get_has_selection (self->buffer));
}

static void
on_redacted_toggled_cb (SlNoteEditor *self)
{
  show_redacted (self);
}

static void
on_focus_leave_cb (SlNoteEditor *self)
{
  sl_note_editor_save (self);
}

/* Before a shortcut that may lock the vault or close the window: the
 * vault is locked before this page is hidden. */
static gboolean
on_key_pressed_cb (SlNoteEditor          *self,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   GtkEventControllerKey *controller)
{
  if ((state & GDK_CONTROL_MASK) &&
      (keyval == GDK_KEY_l || keyval == GDK_KEY_L || keyval == GDK_KEY_w ||
       keyval == GDK_KEY_W || keyval == GDK_KEY_q || keyval == GDK_KEY_Q))
    sl_note_editor_save (self);
  return GDK_EVENT_PROPAGATE;
}

static void
on_window_active_cb (SlNoteEditor *self,
                     GParamSpec   *pspec,
                     GtkWindow    *window)
{
  if (!gtk_window_is_active (window))
    sl_note_editor_save (self);
}

static void
on_root_changed_cb (SlNoteEditor *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (GTK_IS_WINDOW (root))
    g_signal_connect_object (root, "notify::is-active", G_CALLBACK (on_window_active_cb), self,
                             G_CONNECT_SWAPPED);
}

static void
on_vault_locked_cb (SlNoteEditor *self)
{
  if (!sl_vault_get_locked (self->vault))
    return;

  /* Nothing the vault held stays in memory. */
  g_clear_handle_id (&self->detect_id, g_source_remove);
  g_clear_handle_id (&self->save_id, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  self->loading = TRUE;
  gtk_text_buffer_set_text (self->buffer, "", 0);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->redacted_view), "", 0);
  self->loading = FALSE;
  self->dirty = FALSE;
  clear_text_state (self);
  show_items (self);
  g_hash_table_remove_all (self->rejected);
  gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
}

/* The note changed elsewhere (a bundle imported, an undo): show it,
 * unless one is typing. */
static void
on_records_changed_cb (SlNoteEditor  *self,
                       char         **ids,
                       SlVault       *vault)
{
  g_autoptr(SlRecord) record = NULL;
  g_autofree char *text = NULL;
  JsonNode *value;
  const char *stored;

  if (self->dirty || !g_strv_contains ((const char * const *) ids, self->record_id))
    return;
  if (!(record = sl_vault_load_record (vault, self->record_id, NULL)))
    return;
  value = sl_record_get_value (record, self->field_id);
  stored = value && JSON_NODE_HOLDS_VALUE (value) &&
           json_node_get_value_type (value) == G_TYPE_STRING ? json_node_get_string (value) : "";
  text = dup_buffer_text (self);
  if (!g_str_equal (text, stored))
    {
      self->loading = TRUE;
      gtk_text_buffer_set_text (self->buffer, stored, -1);
      self->loading = FALSE;
      start_detection (self);
    }
  update_status (self);
  wipe (g_steal_pointer (&text));
}

/* Actions */

static void
review_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  SlNoteEditor *self = SL_NOTE_EDITOR (widget);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) rejected = NULL;

  if (!sl_note_editor_save (self))
    {
      toast (self, _("The note could not be saved, so it cannot be reviewed"));
      return;
    }

  /* Review what the reviewer saw: the marks of the text as it stands. */
  if (sl_note_editor_get_busy (self))
    {
      self->review_pending = TRUE;
      if (self->detect_id != 0)
        start_detection (self);
      return;
    }

  items = collect_items (self);
  for (guint i = 0; i < items->len; i++)
    {
      Item *item = g_ptr_array_index (items, i);

      if (!item->registered && g_hash_table_contains (self->rejected, item->key))
        g_strv_builder_add (builder, item->key);
    }
  rejected = g_strv_builder_end (builder);

  if (!sl_vault_review_note (self->vault, self->record_id, self->field_id,
                             (const char * const *) rejected, &error))
    {
      g_warning ("Cannot record a review: %s", error->message);
      toast (self, _("The review could not be saved"));
      return;
    }

  update_status (self);
  toast (self, _("Note marked as reviewed"));
  gtk_widget_activate_action (GTK_WIDGET (self), "page.notes-changed", NULL);
}

static void
mark_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  SlNoteEditor *self = SL_NOTE_EDITOR (widget);
  const char *kind = g_variant_get_string (param, NULL);
  g_autoptr(SlPseudonym) pseudonym = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *selected = NULL;
  g_autofree char *key = NULL;
  g_autofree char *message = NULL;
  const char *role = NULL;
  GtkTextIter start, end;

  if (!gtk_text_buffer_get_selection_bounds (self->buffer, &start, &end))
    {
      toast (self, _("Select the name in the note first"));
      return;
    }

  /* The registry is for the case: the record must be saved first. */
  sl_note_editor_save (self);

  selected = gtk_text_buffer_get_text (self->buffer, &start, &end, TRUE);
  if (g_str_equal (kind, "person"))
    {
      guint n = gtk_drop_down_get_selected (self->role_dropdown);

      role = person_roles[n < G_N_ELEMENTS (person_roles) ? n : 0];
    }
  else if (g_str_equal (kind, "institution"))
    {
      guint n = gtk_drop_down_get_selected (self->institution_dropdown);

      role = institution_roles[n < G_N_ELEMENTS (institution_roles) ? n : 0];
    }

  pseudonym = sl_vault_add_pseudonym (self->vault, self->record_id, kind, role, selected, &error);
  if (pseudonym == NULL)
    {
      if (g_error_matches (error, SL_NOTES_ERROR, SL_NOTES_ERROR_KNOWN))
        toast (self, _("This name is already among the case’s pseudonyms"));
      else if (g_error_matches (error, SL_NOTES_ERROR, SL_NOTES_ERROR_INVALID))
        toast (self, _("Select a name of at least two letters"));
      else
        {
          g_warning ("Cannot add to the registry: %s",
                     error->domain == SL_NOTES_ERROR ? "invalid" : error->message);
          toast (self, _("The name could not be added to the case’s pseudonyms"));
        }
      wipe (g_steal_pointer (&selected));
      return;
    }

  /* Marked as a name, it can no longer be judged harmless. */
  key = dup_key (selected, strlen (selected));
  g_hash_table_remove (self->rejected, key);
  wipe (g_steal_pointer (&selected));

  /* Translators: %s is a pseudonym such as "Child A" */
  message = g_strdup_printf (_("Shown as %s in every note of this case"), pseudonym->pseudonym);
  toast (self, message);

  /* The marks shown no longer hold: the registry changed. */
  self->generation++;
  start_detection (self);
  gtk_widget_activate_action (GTK_WIDGET (self), "page.notes-changed", NULL);
}

/* Building */

static void
create_tags (SlNoteEditor *self)
{
  GtkTextBuffer *redacted = gtk_text_view_get_buffer (self->redacted_view);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    gtk_text_buffer_create_tag (self->buffer, kinds[i].type,
                                "background", kinds[i].colour,
                                "underline", PANGO_UNDERLINE_SINGLE,
                                NULL);
  /* Judged not identifying: looked at, and kept as written. */
  gtk_text_buffer_create_tag (self->buffer, REJECTED_TAG,
                              "background", "rgba(128,128,128,0.18)",
                              NULL);
  gtk_text_buffer_create_tag (redacted, REPLACEMENT_TAG,
                              "background", "rgba(230,97,0,0.28)",
                              NULL);
  gtk_text_buffer_create_tag (redacted, PSEUDONYM_TAG,
                              "background", "rgba(53,132,228,0.28)",
                              "weight", PANGO_WEIGHT_BOLD,
                              NULL);
}

/* GTK 4.8 gives a drop-down's own button no name: a screen reader would
 * announce a bare toggle inside the combo box. */
static void
name_dropdown_button (GtkDropDown *dropdown,
                      const char  *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (dropdown));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_BUTTON (child))
      gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      name, -1);
}

static gboolean
load (SlNoteEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlRecord) record = NULL;
  g_auto(GStrv) rejected = NULL;
  SlRecordType *type;
  JsonNode *value;
  const char *title;

  if (!(record = sl_vault_load_record (self->vault, self->record_id, &error)))
    {
      g_warning ("Cannot open a note: %s", error->message);
      return FALSE;
    }
  type = sl_codebook_lookup_type (sl_vault_get_codebook (self->vault),
                                  sl_record_get_record_type (record), &error);
  if (type == NULL || !(self->field = sl_record_type_lookup_field (type, self->field_id, &error)))
    {
      g_warning ("Cannot open a note: %s", error->message);
      return FALSE;
    }

  title = sl_record_get_title (record);
  adw_window_title_set_title (self->window_title, self->field->label);
  adw_window_title_set_subtitle (self->window_title, title[0] != '\0' ? title : _("Untitled"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_view),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  self->field->help ? self->field->help : "", -1);

  if (!(rejected = sl_vault_dup_note_rejected (self->vault, self->record_id, self->field_id,
                                               &error)))
    {
      g_warning ("Cannot read the note's review: %s", error->message);
      return FALSE;
    }
  for (guint i = 0; rejected[i] != NULL; i++)
    g_hash_table_add (self->rejected, g_strdup (rejected[i]));

  value = sl_record_get_value (record, self->field_id);
  self->loading = TRUE;
  gtk_text_buffer_set_text (self->buffer,
                            value && JSON_NODE_HOLDS_VALUE (value) &&
                            json_node_get_value_type (value) == G_TYPE_STRING ?
                            json_node_get_string (value) : "", -1);
  self->loading = FALSE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "note.review",
                                 gtk_text_buffer_get_char_count (self->buffer) > 0);

  update_status (self);
  update_save_label (self);
  start_detection (self);
  return TRUE;
}

/* GtkWidget overrides */

/* Coming to the page, one lands in the note, ready to write. */
static gboolean
sl_note_editor_focus (GtkWidget        *widget,
                      GtkDirectionType  direction)
{
  SlNoteEditor *self = SL_NOTE_EDITOR (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  if (direction == GTK_DIR_TAB_FORWARD &&
      (focus == NULL || !gtk_widget_is_ancestor (focus, widget)) &&
      gtk_widget_grab_focus (GTK_WIDGET (self->text_view)))
    return TRUE;

  return GTK_WIDGET_CLASS (sl_note_editor_parent_class)->focus (widget, direction);
}

/* GObject overrides */

static void
sl_note_editor_dispose (GObject *object)
{
  SlNoteEditor *self = SL_NOTE_EDITOR (object);

  /* Left without a pause: save what was typed, if the vault is open. */
  if (self->vault != NULL && self->dirty && !sl_vault_get_locked (self->vault))
    sl_note_editor_save (self);

  g_clear_handle_id (&self->detect_id, g_source_remove);
  g_clear_handle_id (&self->save_id, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->buffer != NULL)
    {
      self->loading = TRUE;
      gtk_text_buffer_set_text (self->buffer, "", 0);
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->redacted_view), "", 0);
      self->buffer = NULL;
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), SL_TYPE_NOTE_EDITOR);

  clear_text_state (self);
  g_clear_object (&self->vault);

  G_OBJECT_CLASS (sl_note_editor_parent_class)->dispose (object);
}

static void
sl_note_editor_finalize (GObject *object)
{
  SlNoteEditor *self = SL_NOTE_EDITOR (object);

  g_clear_pointer (&self->rejected, g_hash_table_unref);
  g_clear_pointer (&self->record_id, g_free);
  g_clear_pointer (&self->field_id, g_free);

  G_OBJECT_CLASS (sl_note_editor_parent_class)->finalize (object);
}

static void
sl_note_editor_class_init (SlNoteEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_note_editor_dispose;
  object_class->finalize = sl_note_editor_finalize;

  widget_class->focus = sl_note_editor_focus;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               SL_RESOURCE_BASE_PATH "/ui/sl-note-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, SlNoteEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, SlNoteEditor, review_button);
  gtk_widget_class_bind_template_child (widget_class, SlNoteEditor, redacted_toggle);
  gtk_widget_class_bind_template_child (widget_class, SlNoteEditor, status_label);
  gtk_widget_class_bind_template_child (widget_class, SlNoteEditor, save_label);
  gtk_widget_class_bind_template_child (widget_class, SlNoteEditor, spinner);
  gtk_widget_class_bind_template_child (widget_class, SlNoteEditor, text_view);
  gtk_widget_class_bind_template_child (widget_class, SlNoteEditor, redacted_view);
  gtk_widget_class_bind_template_child (widget_class, SlNoteEditor, role_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SlNoteEditor, institution_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SlNoteEditor, mark_person_button);
  gtk_widget_class_bind_template_child (widget_class, SlNoteEditor, mark_place_button);
  gtk_widget_class_bind_template_child (widget_class, SlNoteEditor, mark_institution_button);
  gtk_widget_class_bind_template_child (widget_class, SlNoteEditor, found_summary);
  gtk_widget_class_bind_template_child (widget_class, SlNoteEditor, found_box);

  gtk_widget_class_install_action (widget_class, "note.review", NULL, review_action_cb);
  gtk_widget_class_install_action (widget_class, "note.mark", "s", mark_action_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "note.review", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                       "note.review", NULL);
}

static void
sl_note_editor_init (SlNoteEditor *self)
{
  GtkEventController *focus;
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->rejected = g_hash_table_new_full (g_str_hash, g_str_equal, (GDestroyNotify) wipe, NULL);
  self->buffer = gtk_text_view_get_buffer (self->text_view);
  create_tags (self);

  g_signal_connect_object (self->buffer, "changed", G_CALLBACK (on_buffer_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->buffer, "notify::has-selection", G_CALLBACK (on_has_selection_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->redacted_toggle, "toggled", G_CALLBACK (on_redacted_toggled_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::root", G_CALLBACK (on_root_changed_cb), NULL);
  g_signal_connect (self, "unmap", G_CALLBACK (on_focus_leave_cb), NULL);

  focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (focus, "leave", G_CALLBACK (on_focus_leave_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), focus);

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  name_dropdown_button (self->role_dropdown, _("Role of the Person Named"));
  name_dropdown_button (self->institution_dropdown, _("Kind of Institution"));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "note.mark", FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
}

/* Public API */

/**
 * sl_note_editor_new:
 * @vault: an unlocked vault
 * @record_id: the record the note belongs to
 * @field: the note's field (a long text field)
 *
 * Returns: (transfer floating) (nullable): an editor for the note; %NULL
 *   if the record or the field cannot be read
 */
GtkWidget *
sl_note_editor_new (SlVault    *vault,
                    const char *record_id,
                    const char *field)
{
  SlNoteEditor *self;

  g_return_val_if_fail (SL_IS_VAULT (vault), NULL);
  g_return_val_if_fail (record_id != NULL, NULL);
  g_return_val_if_fail (field != NULL, NULL);

  self = g_object_new (SL_TYPE_NOTE_EDITOR, NULL);
  self->vault = g_object_ref (vault);
  self->record_id = g_strdup (record_id);
  self->field_id = g_strdup (field);

  if (!load (self))
    {
      g_object_ref_sink (self);
      g_object_unref (self);
      return NULL;
    }

  g_signal_connect_object (vault, "notify::locked", G_CALLBACK (on_vault_locked_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (vault, "records-changed", G_CALLBACK (on_records_changed_cb), self,
                           G_CONNECT_SWAPPED);
  return GTK_WIDGET (self);
}

const char *
sl_note_editor_get_record_id (SlNoteEditor *self)
{
  g_return_val_if_fail (SL_IS_NOTE_EDITOR (self), NULL);

  return self->record_id;
}

const char *
sl_note_editor_get_field (SlNoteEditor *self)
{
  g_return_val_if_fail (SL_IS_NOTE_EDITOR (self), NULL);

  return self->field_id;
}

/**
 * sl_note_editor_get_buffer:
 * @self: a #SlNoteEditor
 *
 * Returns: (transfer none): the note as written
 */
GtkTextBuffer *
sl_note_editor_get_buffer (SlNoteEditor *self)
{
  g_return_val_if_fail (SL_IS_NOTE_EDITOR (self), NULL);

  return self->buffer;
}

/**
 * sl_note_editor_get_busy:
 * @self: a #SlNoteEditor
 *
 * Returns: %TRUE until the marks shown belong to the text as it stands
 */
gboolean
sl_note_editor_get_busy (SlNoteEditor *self)
{
  g_return_val_if_fail (SL_IS_NOTE_EDITOR (self), FALSE);

  return self->shown != self->generation;
}

/**
 * sl_note_editor_get_status:
 * @self: a #SlNoteEditor
 *
 * Returns: the review state shown (as of the last save)
 */
SlNoteStatus
sl_note_editor_get_status (SlNoteEditor *self)
{
  g_return_val_if_fail (SL_IS_NOTE_EDITOR (self), SL_NOTE_EMPTY);

  return self->status;
}

/**
 * sl_note_editor_save:
 * @self: a #SlNoteEditor
 *
 * Saves the note now if it was edited, as one change of its field.
 *
 * Returns: %TRUE if the note in the vault is the one shown
 */
gboolean
sl_note_editor_save (SlNoteEditor *self)
{
  g_autoptr(GHashTable) values = NULL;
  g_autoptr(JsonNode) value = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (SL_IS_NOTE_EDITOR (self), FALSE);

  g_clear_handle_id (&self->save_id, g_source_remove);
  if (!self->dirty || self->buffer == NULL)
    return !self->save_failed;

  text = dup_buffer_text (self);
  value = sl_field_parse_input (self->field, text, &error);
  wipe (g_steal_pointer (&text));
  if (value == NULL)
    {
      g_debug ("The note is not valid: %s", error->message);
      self->save_failed = TRUE;
      update_save_label (self);
      return FALSE;
    }

  values = sl_values_new ();
  g_hash_table_insert (values, g_strdup (self->field->id), g_steal_pointer (&value));
  /* Cleared first: saving announces the change, which would reload. */
  self->dirty = FALSE;
  if (!sl_vault_edit_record (self->vault, self->record_id, values, &error))
    {
      g_debug ("Cannot save a note: %s", error->message);
      self->dirty = TRUE;
      self->save_failed = TRUE;
      update_save_label (self);
      return FALSE;
    }

  self->save_failed = FALSE;
  update_save_label (self);
  update_status (self);
  return TRUE;
}

/**
 * sl_note_status_to_string:
 * @status: a note's review state
 *
 * Returns: (transfer none): the state, as the editor and the form say it
 */
const char *
sl_note_status_to_string (SlNoteStatus status)
{
  switch (status)
    {
    case SL_NOTE_EMPTY:
      return _("No note yet");
    case SL_NOTE_NOT_REVIEWED:
      return _("Not reviewed");
    case SL_NOTE_REVIEWED:
      return _("Reviewed");
    case SL_NOTE_CHANGED:
      return _("Changed since its review");
    default:
      return "";
    }
}
