/* sl-field-row.c
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

#define G_LOG_DOMAIN "sl-field-row"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sl-field-row.h"
#include "sl-note-editor.h"

/*
 * SlFieldRow: one codebook field as an input, built from the field alone:
 *
 *  - text, numbers, dates and references: an AdwEntryRow;
 *  - long text: a multi-line GtkTextView and, once the record exists, a
 *    row with the note's review state and a button that opens it in the
 *    note editor (page.edit-note);
 *  - single choice and yes/no: an AdwComboRow whose choices include
 *    "Unknown" and "Not recorded" (and "Other…" with an entry when the
 *    field allows it);
 *  - multiple choice: an AdwExpanderRow of check buttons.
 *
 * Whatever the widget, its input becomes the text sl_field_parse_input()
 * reads (codes for choices), so the core alone decides what is valid. An
 * invalid input shows the core's message, with the field's label instead
 * of its id, under the row. A valid input that differs from the value
 * shown is announced with ::value-committed; the form saves it.
 */
struct _SlFieldRow
{
  GtkBox          parent_instance;

  /* Borrowed references */
  SlField        *field;

  /* Owned widgets (children) */
  GtkListBox     *list;
  GtkWidget      *row;
  GtkLabel       *help_label;
  GtkLabel       *error_label;
  GtkEditable    *entry;        /* entry rows */
  GtkTextView    *text_view;    /* long text */
  AdwActionRow   *note_row;     /* long text: the review state */
  GtkWidget      *note_button;
  AdwComboRow    *combo;        /* choice, boolean */
  AdwEntryRow    *other_row;    /* "Other…" text (choice, multi choice) */
  GPtrArray      *checks;       /* GtkCheckButton, multi choice; code as data */
  GtkCheckButton *unknown_check;
  GtkCheckButton *not_recorded_check;

  /* State */
  GPtrArray      *codes;        /* combo position -> input code */
  JsonNode       *value;
  char           *error;
  guint           updating : 1;
};

G_DEFINE_FINAL_TYPE (SlFieldRow, sl_field_row, GTK_TYPE_BOX)

enum {
  VALUE_COMMITTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define CODE_NONE  ""
#define CODE_OTHER "\x01other"

/* Helpers */

static char *
dup_title (SlField *field)
{
  /* Translators: a required field's title: the field's label and a mark */
  return field->required ? g_strdup_printf (_("%s *"), field->label) : g_strdup (field->label);
}

static void
describe (SlFieldRow *self,
          GtkWidget  *widget)
{
  g_autofree char *description = NULL;

  if (self->field->required)
    description = g_strdup_printf ("%s. %s", _("Required"), self->field->help ? self->field->help : "");
  else
    description = g_strdup (self->field->help ? self->field->help : "");

  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->field->label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  GTK_ACCESSIBLE_PROPERTY_REQUIRED, (gboolean) self->field->required,
                                  -1);
}

static gboolean
is_combo_field (SlField *field)
{
  return field->type == SL_FIELD_CHOICE || field->type == SL_FIELD_BOOLEAN;
}

static gboolean
is_entry_field (SlField *field)
{
  return !is_combo_field (field) &&
         field->type != SL_FIELD_LONG_TEXT &&
         field->type != SL_FIELD_MULTI_CHOICE;
}

/* The input as the text sl_field_parse_input() reads. */
static char *
dup_input_text (SlFieldRow *self)
{
  if (self->entry != NULL)
    return g_strdup (gtk_editable_get_text (self->entry));

  if (self->text_view != NULL)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    }

  if (self->combo != NULL)
    {
      guint pos = adw_combo_row_get_selected (self->combo);
      const char *code = pos < self->codes->len ? g_ptr_array_index (self->codes, pos) : CODE_NONE;

      if (g_str_equal (code, CODE_OTHER))
        return g_strdup_printf ("other: %s", gtk_editable_get_text (GTK_EDITABLE (self->other_row)));
      return g_strdup (code);
    }

  if (self->checks != NULL)
    {
      g_autoptr(GString) s = g_string_new (NULL);
      const char *other;

      if (gtk_check_button_get_active (self->unknown_check))
        return g_strdup (SL_MISSING_UNKNOWN);
      if (gtk_check_button_get_active (self->not_recorded_check))
        return g_strdup ("not recorded");

      for (guint i = 0; i < self->checks->len; i++)
        {
          GtkCheckButton *check = g_ptr_array_index (self->checks, i);

          if (gtk_check_button_get_active (check))
            g_string_append_printf (s, "%s%s", s->len ? ";" : "",
                                    (const char *) g_object_get_data (G_OBJECT (check), "code"));
        }
      other = self->other_row ? gtk_editable_get_text (GTK_EDITABLE (self->other_row)) : "";
      if (other[0] != '\0')
        g_string_append_printf (s, "%sother: %s", s->len ? ";" : "", other);
      return g_string_free (g_steal_pointer (&s), FALSE);
    }

  return g_strdup ("");
}

static gboolean
values_equal (JsonNode *a,
              JsonNode *b)
{
  gboolean a_empty = a == NULL || JSON_NODE_HOLDS_NULL (a);
  gboolean b_empty = b == NULL || JSON_NODE_HOLDS_NULL (b);

  if (a_empty || b_empty)
    return a_empty == b_empty;
  return json_node_equal (a, b);
}

static void
update_expander_subtitle (SlFieldRow *self)
{
  g_autofree char *text = NULL;

  if (!ADW_IS_EXPANDER_ROW (self->row))
    return;
  text = sl_field_format_value (self->field, self->value);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self->row),
                                 text[0] != '\0' ? text : _("None chosen"));
}

static void
show_value (SlFieldRow *self)
{
  JsonNode *value = self->value;
  const char *missing = sl_value_get_missing (value);

  self->updating = TRUE;

  if (self->entry != NULL)
    {
      g_autofree char *text = sl_field_format_value (self->field, value);

      gtk_editable_set_text (self->entry, text);
    }
  else if (self->text_view != NULL)
    {
      g_autofree char *text = sl_field_format_value (self->field, value);

      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), text, -1);
    }
  else if (self->combo != NULL)
    {
      const char *code = CODE_NONE;
      const char *other = "";
      guint pos = 0;

      if (missing != NULL)
        code = g_str_equal (missing, SL_MISSING_UNKNOWN) ? SL_MISSING_UNKNOWN : "not recorded";
      else if (value != NULL && JSON_NODE_HOLDS_OBJECT (value))
        {
          code = CODE_OTHER;
          other = json_object_get_string_member_with_default (json_node_get_object (value),
                                                              "other", "");
        }
      else if (value != NULL && JSON_NODE_HOLDS_VALUE (value))
        {
          if (self->field->type == SL_FIELD_BOOLEAN)
            code = json_node_get_boolean (value) ? "yes" : "no";
          else
            code = json_node_get_string (value);
        }

      for (guint i = 0; i < self->codes->len; i++)
        if (g_strcmp0 (g_ptr_array_index (self->codes, i), code) == 0)
          pos = i;
      adw_combo_row_set_selected (self->combo, pos);
      if (self->other_row != NULL)
        {
          gtk_editable_set_text (GTK_EDITABLE (self->other_row), other);
          gtk_widget_set_visible (GTK_WIDGET (self->other_row), g_str_equal (code, CODE_OTHER));
        }
    }
  else if (self->checks != NULL)
    {
      JsonArray *array = value && JSON_NODE_HOLDS_ARRAY (value) ? json_node_get_array (value) : NULL;
      const char *other = "";

      for (guint i = 0; i < self->checks->len; i++)
        {
          GtkCheckButton *check = g_ptr_array_index (self->checks, i);
          const char *code = g_object_get_data (G_OBJECT (check), "code");
          gboolean active = FALSE;

          for (guint j = 0; array != NULL && j < json_array_get_length (array); j++)
            {
              JsonNode *item = json_array_get_element (array, j);

              if (JSON_NODE_HOLDS_VALUE (item) && g_strcmp0 (json_node_get_string (item), code) == 0)
                active = TRUE;
              else if (JSON_NODE_HOLDS_OBJECT (item))
                other = json_object_get_string_member_with_default (json_node_get_object (item),
                                                                    "other", "");
            }
          gtk_check_button_set_active (check, active);
        }
      gtk_check_button_set_active (self->unknown_check, g_strcmp0 (missing, SL_MISSING_UNKNOWN) == 0);
      gtk_check_button_set_active (self->not_recorded_check,
                                   g_strcmp0 (missing, SL_MISSING_NOT_RECORDED) == 0);
      if (self->other_row != NULL)
        gtk_editable_set_text (GTK_EDITABLE (self->other_row), other);
      update_expander_subtitle (self);
    }

  self->updating = FALSE;
}

/* Callbacks */

static void
on_apply_cb (SlFieldRow *self)
{
  if (!self->updating)
    sl_field_row_commit (self);
}

static void
on_entry_activated_cb (SlFieldRow *self)
{
  /* Enter saves and moves on to the next field. */
  if (sl_field_row_commit (self))
    {
      GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (self)));

      if (root != NULL)
        gtk_widget_child_focus (root, GTK_DIR_TAB_FORWARD);
    }
}

static void
on_focus_leave_cb (SlFieldRow *self)
{
  g_autofree char *shown = NULL;
  g_autofree char *text = NULL;

  if (self->updating || gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;

  /* Only if the text was changed: leaving an untouched field says nothing. */
  text = dup_input_text (self);
  shown = sl_field_format_value (self->field, self->value);
  if (g_strcmp0 (text, shown) != 0 || self->error != NULL)
    sl_field_row_commit (self);
}

static void
on_combo_selected_cb (SlFieldRow *self)
{
  guint pos;
  gboolean other;

  if (self->updating)
    return;

  pos = adw_combo_row_get_selected (self->combo);
  other = pos < self->codes->len && g_str_equal (g_ptr_array_index (self->codes, pos), CODE_OTHER);
  if (self->other_row != NULL)
    gtk_widget_set_visible (GTK_WIDGET (self->other_row), other);

  if (other)
    gtk_widget_grab_focus (GTK_WIDGET (self->other_row));
  else
    sl_field_row_commit (self);
}

static void
on_check_toggled_cb (GtkCheckButton *check,
                     SlFieldRow     *self)
{
  if (self->updating || !gtk_check_button_get_active (check))
    {
      if (!self->updating)
        sl_field_row_commit (self);
      return;
    }

  /* "Unknown" and "Not recorded" exclude everything else. */
  self->updating = TRUE;
  if (check == self->unknown_check || check == self->not_recorded_check)
    {
      for (guint i = 0; i < self->checks->len; i++)
        gtk_check_button_set_active (g_ptr_array_index (self->checks, i), FALSE);
      gtk_check_button_set_active (check == self->unknown_check ? self->not_recorded_check
                                                                : self->unknown_check, FALSE);
    }
  else
    {
      gtk_check_button_set_active (self->unknown_check, FALSE);
      gtk_check_button_set_active (self->not_recorded_check, FALSE);
    }
  self->updating = FALSE;

  sl_field_row_commit (self);
}

static gboolean
on_text_view_key_pressed_cb (SlFieldRow            *self,
                             guint                  keyval,
                             guint                  keycode,
                             GdkModifierType        state,
                             GtkEventControllerKey *controller)
{
  /* Enter starts a new line; Ctrl+Enter saves. */
  if ((keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter) && (state & GDK_CONTROL_MASK))
    {
      sl_field_row_commit (self);
      return GDK_EVENT_STOP;
    }
  return GDK_EVENT_PROPAGATE;
}

/* Building */

static void
watch_focus (SlFieldRow *self,
             GtkWidget  *widget)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_signal_connect_object (focus, "leave", G_CALLBACK (on_focus_leave_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (widget, focus);
}

static GtkWidget *
make_entry_row (SlFieldRow *self,
                const char *title)
{
  AdwEntryRow *row = ADW_ENTRY_ROW (adw_entry_row_new ());

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_entry_row_set_show_apply_button (row, TRUE);
  g_signal_connect_object (row, "apply", G_CALLBACK (on_apply_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "entry-activated", G_CALLBACK (on_entry_activated_cb), self,
                           G_CONNECT_SWAPPED);
  watch_focus (self, GTK_WIDGET (row));
  return GTK_WIDGET (row);
}

static void
add_combo_choice (SlFieldRow    *self,
                  GtkStringList *labels,
                  const char    *label,
                  const char    *code)
{
  gtk_string_list_append (labels, label);
  g_ptr_array_add (self->codes, g_strdup (code));
}

static GtkWidget *
make_combo_row (SlFieldRow *self,
                const char *title)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());

  self->codes = g_ptr_array_new_with_free_func (g_free);
  /* Translators: a choice not made yet */
  add_combo_choice (self, labels, _("Not set"), CODE_NONE);
  if (self->field->type == SL_FIELD_BOOLEAN)
    {
      add_combo_choice (self, labels, _("Yes"), "yes");
      add_combo_choice (self, labels, _("No"), "no");
    }
  else
    {
      for (guint i = 0; self->field->options && i < self->field->options->len; i++)
        {
          SlOption *o = g_ptr_array_index (self->field->options, i);

          if (!o->retired)
            add_combo_choice (self, labels, o->label, o->code);
        }
    }
  add_combo_choice (self, labels, _("Unknown"), SL_MISSING_UNKNOWN);
  add_combo_choice (self, labels, _("Not recorded"), "not recorded");
  if (self->field->allow_other)
    add_combo_choice (self, labels, _("Other…"), CODE_OTHER);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (row, G_LIST_MODEL (labels));
  g_signal_connect_object (row, "notify::selected", G_CALLBACK (on_combo_selected_cb), self,
                           G_CONNECT_SWAPPED);
  self->combo = row;
  return GTK_WIDGET (row);
}

static GtkCheckButton *
add_check (SlFieldRow  *self,
           AdwExpanderRow *expander,
           const char  *label,
           const char  *code)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  if (code != NULL)
    g_object_set_data_full (G_OBJECT (check), "code", g_strdup (code), g_free);
  g_signal_connect_object (check, "toggled", G_CALLBACK (on_check_toggled_cb), self, 0);
  adw_expander_row_add_row (expander, row);
  return GTK_CHECK_BUTTON (check);
}

static GtkWidget *
make_expander_row (SlFieldRow *self,
                   const char *title)
{
  AdwExpanderRow *row = ADW_EXPANDER_ROW (adw_expander_row_new ());

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  self->checks = g_ptr_array_new ();
  for (guint i = 0; self->field->options && i < self->field->options->len; i++)
    {
      SlOption *o = g_ptr_array_index (self->field->options, i);

      if (!o->retired)
        g_ptr_array_add (self->checks, add_check (self, row, o->label, o->code));
    }
  self->unknown_check = add_check (self, row, _("Unknown"), NULL);
  self->not_recorded_check = add_check (self, row, _("Not recorded"), NULL);
  return GTK_WIDGET (row);
}

static GtkWidget *
make_long_text_row (SlFieldRow *self,
                    const char *title)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *view = gtk_text_view_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_widget_set_size_request (view, -1, 72);
  gtk_widget_add_css_class (view, "inline");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), view);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  gtk_accessible_update_relation (GTK_ACCESSIBLE (view),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL,
                                  -1);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_text_view_key_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (view, keys);
  watch_focus (self, view);
  self->text_view = GTK_TEXT_VIEW (view);
  return row;
}

static void
build (SlFieldRow *self)
{
  g_autofree char *title = dup_title (self->field);
  GtkWidget *input;

  if (is_entry_field (self->field))
    {
      self->row = make_entry_row (self, title);
      self->entry = GTK_EDITABLE (self->row);
      input = self->row;
    }
  else if (is_combo_field (self->field))
    {
      self->row = make_combo_row (self, title);
      input = self->row;
    }
  else if (self->field->type == SL_FIELD_MULTI_CHOICE)
    {
      self->row = make_expander_row (self, title);
      input = self->row;
    }
  else
    {
      self->row = make_long_text_row (self, title);
      input = GTK_WIDGET (self->text_view);
    }

  gtk_list_box_append (self->list, self->row);
  describe (self, input);

  if (self->field->allow_other && self->field->type != SL_FIELD_TEXT)
    {
      self->other_row = ADW_ENTRY_ROW (adw_entry_row_new ());
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->other_row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->other_row),
                                     /* Translators: the text of an "Other" choice */
                                     _("Other (say what)"));
      adw_entry_row_set_show_apply_button (self->other_row, TRUE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->other_row),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Other (say what)"),
                                      -1);
      g_signal_connect_object (self->other_row, "apply", G_CALLBACK (on_apply_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->other_row, "entry-activated",
                               G_CALLBACK (on_entry_activated_cb), self, G_CONNECT_SWAPPED);
      if (self->combo != NULL)
        {
          gtk_widget_set_visible (GTK_WIDGET (self->other_row), FALSE);
          gtk_list_box_append (self->list, GTK_WIDGET (self->other_row));
        }
      else
        {
          adw_expander_row_add_row (ADW_EXPANDER_ROW (self->row), GTK_WIDGET (self->other_row));
        }
    }

  if (self->field->identifying)
    {
      GtkWidget *mark = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      const char *tip = _("Identifies a person: never exported");

      gtk_widget_add_css_class (mark, "warning");
      gtk_widget_set_tooltip_text (mark, tip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (mark), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Identifying"), -1);
      if (ADW_IS_ENTRY_ROW (self->row))
        adw_entry_row_add_prefix (ADW_ENTRY_ROW (self->row), mark);
      else if (ADW_IS_ACTION_ROW (self->row))
        adw_action_row_add_prefix (ADW_ACTION_ROW (self->row), mark);
      else if (ADW_IS_EXPANDER_ROW (self->row))
        adw_expander_row_add_prefix (ADW_EXPANDER_ROW (self->row), mark);
      gtk_widget_add_css_class (GTK_WIDGET (self), "identifying");
    }

  if (self->field->help != NULL && self->field->help[0] != '\0')
    {
      gtk_label_set_text (self->help_label, self->field->help);
      gtk_widget_set_visible (GTK_WIDGET (self->help_label), TRUE);
    }

  show_value (self);
}

/* GObject overrides */

static void
sl_field_row_finalize (GObject *object)
{
  SlFieldRow *self = SL_FIELD_ROW (object);

  g_clear_pointer (&self->checks, g_ptr_array_unref);
  g_clear_pointer (&self->codes, g_ptr_array_unref);
  g_clear_pointer (&self->value, json_node_unref);
  g_clear_pointer (&self->error, g_free);

  G_OBJECT_CLASS (sl_field_row_parent_class)->finalize (object);
}

static void
sl_field_row_class_init (SlFieldRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sl_field_row_finalize;

  /**
   * SlFieldRow::value-committed:
   * @self: the row
   * @value: the new, valid value (a JSON null clears the field)
   *
   * Emitted when the person applies an input that parses and differs
   * from the value shown.
   */
  signals[VALUE_COMMITTED] =
    g_signal_new ("value-committed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, JSON_TYPE_NODE);
}

static void
sl_field_row_init (SlFieldRow *self)
{
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 4);

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->list));

  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->error_label, 0);
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_widget_set_margin_start (GTK_WIDGET (self->error_label), 12);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->error_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Error"), -1);
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->error_label));

  self->help_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->help_label, 0);
  gtk_label_set_wrap (self->help_label, TRUE);
  gtk_widget_set_margin_start (GTK_WIDGET (self->help_label), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->help_label), 12);
  gtk_widget_add_css_class (GTK_WIDGET (self->help_label), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (self->help_label), "dim-label");
  gtk_widget_set_visible (GTK_WIDGET (self->help_label), FALSE);
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->help_label));
}

/* Public API */

/**
 * sl_field_row_new:
 * @field: a codebook field; must outlive the row
 *
 * Returns: (transfer floating): a new row editing @field
 */
GtkWidget *
sl_field_row_new (SlField *field)
{
  SlFieldRow *self;

  g_return_val_if_fail (field != NULL, NULL);

  self = g_object_new (SL_TYPE_FIELD_ROW, NULL);
  self->field = field;
  build (self);
  return GTK_WIDGET (self);
}

SlField *
sl_field_row_get_field (SlFieldRow *self)
{
  g_return_val_if_fail (SL_IS_FIELD_ROW (self), NULL);

  return self->field;
}

/**
 * sl_field_row_get_input:
 * @self: a #SlFieldRow
 *
 * Returns: (transfer none): the row's main input (an AdwEntryRow,
 *   AdwComboRow, AdwExpanderRow or GtkTextView)
 */
GtkWidget *
sl_field_row_get_input (SlFieldRow *self)
{
  g_return_val_if_fail (SL_IS_FIELD_ROW (self), NULL);

  return self->text_view ? GTK_WIDGET (self->text_view) : self->row;
}

/**
 * sl_field_row_set_note_status:
 * @self: a #SlFieldRow for a long text field
 * @record_id: the record the note belongs to
 * @status: whether it was reviewed
 *
 * Shows, below the note, whether it was reviewed, and a button that opens
 * it in the note editor.
 */
void
sl_field_row_set_note_status (SlFieldRow   *self,
                              const char   *record_id,
                              SlNoteStatus  status)
{
  g_return_if_fail (SL_IS_FIELD_ROW (self));
  g_return_if_fail (record_id != NULL);

  if (self->text_view == NULL)
    return;

  if (self->note_row == NULL)
    {
      g_autofree char *name = NULL;

      self->note_row = ADW_ACTION_ROW (adw_action_row_new ());
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->note_row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->note_row),
                                     /* Translators: the row under a note that says
                                      * whether someone checked it for names */
                                     _("Identifiers"));
      self->note_button = gtk_button_new_with_mnemonic (_("_Review…"));
      gtk_widget_set_valign (self->note_button, GTK_ALIGN_CENTER);
      gtk_widget_set_name (self->note_button, "edit-note");
      gtk_widget_set_tooltip_text (self->note_button,
                                   _("Open the note beside what could identify someone in it"));
      /* Translators: %s is a note's label, such as "Case notes" */
      name = g_strdup_printf (_("Edit and Review “%s”"), self->field->label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->note_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      adw_action_row_add_suffix (self->note_row, self->note_button);
      adw_action_row_set_activatable_widget (self->note_row, self->note_button);
      gtk_list_box_append (self->list, GTK_WIDGET (self->note_row));
    }

  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->note_button), "page.edit-note");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->note_button), "(ss)", record_id,
                                    self->field->id);
  adw_action_row_set_subtitle (self->note_row, sl_note_status_to_string (status));
  if (status == SL_NOTE_REVIEWED || status == SL_NOTE_EMPTY)
    gtk_widget_remove_css_class (self->note_button, "suggested-action");
  else
    gtk_widget_add_css_class (self->note_button, "suggested-action");
}

/**
 * sl_field_row_get_note_button:
 * @self: a #SlFieldRow
 *
 * Returns: (transfer none) (nullable): the button that opens the note in
 *   its editor, once sl_field_row_set_note_status() made it
 */
GtkWidget *
sl_field_row_get_note_button (SlFieldRow *self)
{
  g_return_val_if_fail (SL_IS_FIELD_ROW (self), NULL);

  return self->note_button;
}

/**
 * sl_field_row_set_value:
 * @self: a #SlFieldRow
 * @value: (nullable): the stored value
 *
 * Shows @value, as stored, and clears any error. Emits nothing.
 */
void
sl_field_row_set_value (SlFieldRow *self,
                        JsonNode   *value)
{
  g_return_if_fail (SL_IS_FIELD_ROW (self));

  g_clear_pointer (&self->value, json_node_unref);
  if (value != NULL)
    self->value = json_node_copy (value);
  sl_field_row_set_error (self, NULL);
  show_value (self);
}

/**
 * sl_field_row_dup_input:
 * @self: a #SlFieldRow
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the input, parsed by the core (a
 *   JSON null when empty), or %NULL with @error
 */
JsonNode *
sl_field_row_dup_input (SlFieldRow  *self,
                        GError     **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (SL_IS_FIELD_ROW (self), NULL);

  text = dup_input_text (self);
  return sl_field_parse_input (self->field, text, error);
}

/**
 * sl_field_row_commit:
 * @self: a #SlFieldRow
 *
 * Parses the input; shows the error, or emits ::value-committed when the
 * value is new.
 *
 * Returns: %TRUE if the input is valid
 */
gboolean
sl_field_row_commit (SlFieldRow *self)
{
  g_autoptr(JsonNode) value = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (SL_IS_FIELD_ROW (self), FALSE);

  if (!(value = sl_field_row_dup_input (self, &error)))
    {
      sl_field_row_set_error (self, error->message);
      return FALSE;
    }

  sl_field_row_set_error (self, NULL);
  if (!values_equal (value, self->value))
    {
      g_clear_pointer (&self->value, json_node_unref);
      self->value = json_node_copy (value);
      update_expander_subtitle (self);
      g_signal_emit (self, signals[VALUE_COMMITTED], 0, value);
    }
  return TRUE;
}

/**
 * sl_field_row_set_error:
 * @self: a #SlFieldRow
 * @message: (nullable): the core's message, which may start with the
 *   field's id; %NULL clears it
 *
 * Shows @message under the row, naming the field by its label.
 */
void
sl_field_row_set_error (SlFieldRow *self,
                        const char *message)
{
  g_autofree char *text = NULL;
  gsize id_len;

  g_return_if_fail (SL_IS_FIELD_ROW (self));

  g_clear_pointer (&self->error, g_free);
  if (message == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
      gtk_widget_remove_css_class (self->row, "error");
      return;
    }

  id_len = strlen (self->field->id);
  if (strncmp (message, self->field->id, id_len) == 0 && message[id_len] == ':')
    text = g_strdup_printf ("%s:%s", self->field->label, message + id_len + 1);
  else
    text = g_strdup (message);

  self->error = g_steal_pointer (&text);
  gtk_label_set_text (self->error_label, self->error);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
  gtk_widget_add_css_class (self->row, "error");
  gtk_accessible_update_relation (GTK_ACCESSIBLE (sl_field_row_get_input (self)),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->error_label, NULL,
                                  -1);
}

/**
 * sl_field_row_get_error:
 * @self: a #SlFieldRow
 *
 * Returns: (nullable): the message shown under the row
 */
const char *
sl_field_row_get_error (SlFieldRow *self)
{
  g_return_val_if_fail (SL_IS_FIELD_ROW (self), NULL);

  return self->error;
}
