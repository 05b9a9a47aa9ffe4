/* sl-record-form.c
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

#define G_LOG_DOMAIN "sl-record-form"

#include "config.h"

#include <glib/gi18n.h>

#include "sl-record-form.h"
#include "sl-record.h"
#include "sl-utils-private.h"

/*
 * SlRecordForm: a record as a form built from the codebook alone: one
 * SlFieldRow per field of its type.
 *
 * Editing a record, each valid field is saved as soon as it is applied
 * (one change in the log per field); there is no Save button. Creating
 * one (a new submission, or a victim from its submission), the values
 * are kept until "Add", which adds the record once every field is valid
 * and the required ones are filled.
 *
 * The form navigates through actions of the page that holds it:
 * page.back, page.open-record, page.new-record, page.show-history,
 * page.edit-note, page.record-created, page.record-deleted and
 * page.toast. Each note shows whether it was reviewed, read again when
 * the form is shown (coming back from the note's editor).
 */
struct _SlRecordForm
{
  AdwBin          parent_instance;

  /* Template widgets */
  AdwWindowTitle *window_title;
  GtkButton      *back_button;
  GtkButton      *cancel_button;
  GtkButton      *add_button;
  GtkButton      *delete_button;
  GtkButton      *history_button;
  GtkButton      *undo_button;
  GtkLabel       *message_label;
  GtkBox         *people_box;
  GtkListBox     *people_list;
  GtkBox         *people_buttons;
  GtkLabel       *fields_heading;
  GtkBox         *fields_box;

  /* Owned references */
  SlVault        *vault;
  SlRecord       *record;
  char           *id;
  char           *type_id;
  char           *parent;
  GPtrArray      *rows;      /* SlFieldRow, borrowed */

  /* Borrowed references */
  SlRecordType   *type;

  /* State */
  guint           creating : 1;
};

G_DEFINE_FINAL_TYPE (SlRecordForm, sl_record_form, ADW_TYPE_BIN)

/* Helpers */

static void
toast (SlRecordForm *self,
       const char   *message)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "page.toast", "s", message);
}

static void
show_message (SlRecordForm *self,
              const char   *message)
{
  gtk_label_set_text (self->message_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

static void
update_title (SlRecordForm *self)
{
  if (self->creating)
    {
      /* Translators: the title of the form for a new record; %s is a
       * record type such as "Victim" */
      g_autofree char *title = g_strdup_printf (_("New %s"), self->type->label);

      adw_window_title_set_title (self->window_title, title);
      return;
    }

  adw_window_title_set_title (self->window_title,
                              self->record && sl_record_get_title (self->record)[0] != '\0' ?
                              sl_record_get_title (self->record) : _("Untitled"));
  adw_window_title_set_subtitle (self->window_title, self->type->label);
}

static GtkWidget *
make_child_row (SlRecordForm *self,
                SlRecord     *child)
{
  SlCodebook *book = sl_vault_get_codebook (self->vault);
  SlRecordType *type = sl_codebook_lookup_type (book, sl_record_get_record_type (child), NULL);
  GtkWidget *row = adw_action_row_new ();
  const char *title = sl_record_get_title (child);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title[0] ? title : _("Untitled"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), type ? type->label : "");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "page.open-record");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", sl_record_get_id (child));
  return row;
}

static void
load_children (SlRecordForm *self)
{
  g_autoptr(GPtrArray) children = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  if (self->creating || !gtk_widget_get_visible (GTK_WIDGET (self->people_box)))
    return;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->people_list))) != NULL)
    gtk_list_box_remove (self->people_list, child);

  if (!(children = sl_vault_list_children (self->vault, self->id, &error)))
    {
      g_debug ("Cannot list the children of %s: %s", self->id, error->message);
      return;
    }

  for (guint i = 0; i < children->len; i++)
    gtk_list_box_append (self->people_list, make_child_row (self, g_ptr_array_index (children, i)));

  if (children->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No one coded yet"));
      gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_append (self->people_list, row);
    }
}

/* The child types whose parents include this type: victims and
 * perpetrators of a submission, a site visit or a session. */
static void
build_people (SlRecordForm *self)
{
  GPtrArray *types = sl_codebook_get_record_types (sl_vault_get_codebook (self->vault));
  gboolean any = FALSE;

  if (self->creating)
    return;

  for (guint i = 0; i < types->len; i++)
    {
      SlRecordType *child = g_ptr_array_index (types, i);
      g_autofree char *lower = NULL;
      g_autofree char *label = NULL;
      GtkWidget *button;

      if (!sl_record_type_allows_parent (child, self->type->id))
        continue;

      lower = g_utf8_strdown (child->label, -1);
      /* Translators: a button that codes a new person; %s is a record
       * type such as "victim" */
      label = g_strdup_printf (_("Add %s"), lower);
      button = gtk_button_new_with_label (label);
      gtk_widget_add_css_class (button, "pill");
      gtk_widget_set_name (button, child->id);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "page.new-record");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(ss)", child->id, self->id);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      gtk_box_append (self->people_buttons, button);
      any = TRUE;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->people_box), any);
}

static void
save_field_cb (SlFieldRow   *row,
               JsonNode     *value,
               SlRecordForm *self)
{
  g_autoptr(GHashTable) values = NULL;
  g_autoptr(GError) error = NULL;
  SlField *field = sl_field_row_get_field (row);

  if (self->creating)
    return;

  values = sl_values_new ();
  g_hash_table_insert (values, g_strdup (field->id), json_node_copy (value));
  if (!sl_vault_edit_record (self->vault, self->id, values, &error))
    sl_field_row_set_error (row, error->message);
}

static void
build_fields (SlRecordForm *self)
{
  for (guint i = 0; i < self->type->fields->len; i++)
    {
      SlField *field = g_ptr_array_index (self->type->fields, i);
      GtkWidget *row = sl_field_row_new (field);

      g_signal_connect_object (row, "value-committed", G_CALLBACK (save_field_cb), self, 0);
      gtk_box_append (self->fields_box, row);
      g_ptr_array_add (self->rows, row);
    }
}

/* Whether each note was reviewed, under it. */
static void
update_note_statuses (SlRecordForm *self)
{
  if (self->creating || self->record == NULL || sl_vault_get_locked (self->vault))
    return;

  for (guint i = 0; i < self->rows->len; i++)
    {
      SlFieldRow *row = g_ptr_array_index (self->rows, i);
      SlField *field = sl_field_row_get_field (row);
      g_autoptr(GError) error = NULL;
      SlNoteStatus status;

      if (field->type != SL_FIELD_LONG_TEXT)
        continue;
      status = sl_vault_get_note_status (self->vault, self->id, field->id, &error);
      if (error != NULL)
        g_debug ("Cannot read a note's review: %s", error->message);
      sl_field_row_set_note_status (row, self->id, status);
    }
}

static void
show_record (SlRecordForm *self)
{
  gboolean alive = self->record != NULL && !sl_record_get_deleted (self->record);

  for (guint i = 0; i < self->rows->len; i++)
    {
      SlFieldRow *row = g_ptr_array_index (self->rows, i);

      /* Keep what the person is correcting. */
      if (sl_field_row_get_error (row) != NULL)
        continue;
      sl_field_row_set_value (row, self->record ? sl_record_get_value (self->record,
                                                                       sl_field_row_get_field (row)->id)
                                                : NULL);
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->fields_box), alive);
  gtk_widget_set_sensitive (GTK_WIDGET (self->people_box), alive);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "form.delete", alive);
  show_message (self, alive ? NULL : _("This record has been deleted."));
  update_title (self);
  update_note_statuses (self);
  load_children (self);
}

/* Callbacks */

static void
on_records_changed_cb (SlRecordForm  *self,
                       char         **ids,
                       SlVault       *vault)
{
  if (self->creating)
    return;

  if (g_strv_contains ((const char * const *) ids, self->id))
    sl_record_form_reload (self);
  else
    load_children (self);
}

static void
add_action_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  SlRecordForm *self = SL_RECORD_FORM (widget);
  g_autoptr(GHashTable) values = sl_values_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  SlFieldRow *first_bad = NULL;

  for (guint i = 0; i < self->rows->len; i++)
    {
      SlFieldRow *row = g_ptr_array_index (self->rows, i);
      SlField *field = sl_field_row_get_field (row);
      g_autoptr(GError) row_error = NULL;
      g_autoptr(JsonNode) value = sl_field_row_dup_input (row, &row_error);

      if (value == NULL)
        {
          sl_field_row_set_error (row, row_error->message);
        }
      else if (JSON_NODE_HOLDS_NULL (value) && field->required)
        {
          g_autofree char *message = NULL;

          /* Translators: %s is a field's label */
          message = g_strdup_printf (_("%s: fill this in; write “unknown” if it is not known"),
                                     field->label);
          sl_field_row_set_error (row, message);
        }
      else
        {
          sl_field_row_set_error (row, NULL);
          if (!JSON_NODE_HOLDS_NULL (value))
            g_hash_table_insert (values, g_strdup (field->id), g_steal_pointer (&value));
          continue;
        }

      if (first_bad == NULL)
        first_bad = row;
    }

  if (first_bad != NULL)
    {
      show_message (self, _("Some fields need attention before the record can be added."));
      gtk_widget_grab_focus (sl_field_row_get_input (first_bad));
      return;
    }

  if (!(id = sl_vault_add_record (self->vault, self->type->id, self->parent, values, &error)))
    {
      show_message (self, error->message);
      return;
    }

  show_message (self, NULL);
  gtk_widget_activate_action (GTK_WIDGET (self), "page.record-created", "(ss)",
                              id, self->parent ? self->parent : "");
}

static void
delete_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  SlRecordForm *self = SL_RECORD_FORM (widget);
  g_autoptr(GError) error = NULL;

  if (!sl_vault_delete_record (self->vault, self->id, &error))
    {
      toast (self, _("The record could not be deleted"));
      g_warning ("Cannot delete %s: %s", self->id, error->message);
      return;
    }

  gtk_widget_activate_action (GTK_WIDGET (self), "page.record-deleted", "s", self->id);
}

static void
undo_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  SlRecordForm *self = SL_RECORD_FORM (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *record = NULL;

  if (self->creating)
    return;

  if (!sl_vault_undo_last_change (self->vault, &record, &error))
    {
      toast (self, _("Nothing to undo"));
      g_debug ("Cannot undo: %s", error->message);
      return;
    }

  /* Undoing may touch another record; show this one as it now is. */
  for (guint i = 0; i < self->rows->len; i++)
    sl_field_row_set_error (g_ptr_array_index (self->rows, i), NULL);
  sl_record_form_reload (self);
  toast (self, _("Change undone"));
}

static void
history_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  SlRecordForm *self = SL_RECORD_FORM (widget);

  gtk_widget_activate_action (widget, "page.show-history", "s", self->id);
}

/* GObject overrides */

static void
sl_record_form_dispose (GObject *object)
{
  SlRecordForm *self = SL_RECORD_FORM (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SL_TYPE_RECORD_FORM);

  g_clear_object (&self->record);
  g_clear_object (&self->vault);

  G_OBJECT_CLASS (sl_record_form_parent_class)->dispose (object);
}

static void
sl_record_form_finalize (GObject *object)
{
  SlRecordForm *self = SL_RECORD_FORM (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->type_id, g_free);
  g_clear_pointer (&self->parent, g_free);

  G_OBJECT_CLASS (sl_record_form_parent_class)->finalize (object);
}

static void
sl_record_form_class_init (SlRecordFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_record_form_dispose;
  object_class->finalize = sl_record_form_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               SL_RESOURCE_BASE_PATH "/ui/sl-record-form.ui");
  gtk_widget_class_bind_template_child (widget_class, SlRecordForm, window_title);
  gtk_widget_class_bind_template_child (widget_class, SlRecordForm, back_button);
  gtk_widget_class_bind_template_child (widget_class, SlRecordForm, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, SlRecordForm, add_button);
  gtk_widget_class_bind_template_child (widget_class, SlRecordForm, delete_button);
  gtk_widget_class_bind_template_child (widget_class, SlRecordForm, history_button);
  gtk_widget_class_bind_template_child (widget_class, SlRecordForm, undo_button);
  gtk_widget_class_bind_template_child (widget_class, SlRecordForm, message_label);
  gtk_widget_class_bind_template_child (widget_class, SlRecordForm, people_box);
  gtk_widget_class_bind_template_child (widget_class, SlRecordForm, people_list);
  gtk_widget_class_bind_template_child (widget_class, SlRecordForm, people_buttons);
  gtk_widget_class_bind_template_child (widget_class, SlRecordForm, fields_heading);
  gtk_widget_class_bind_template_child (widget_class, SlRecordForm, fields_box);

  gtk_widget_class_install_action (widget_class, "form.add", NULL, add_action_cb);
  gtk_widget_class_install_action (widget_class, "form.delete", NULL, delete_action_cb);
  gtk_widget_class_install_action (widget_class, "form.undo", NULL, undo_action_cb);
  gtk_widget_class_install_action (widget_class, "form.history", NULL, history_action_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "form.undo", NULL);
}

static void
sl_record_form_init (SlRecordForm *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_ptr_array_new ();
  g_signal_connect (self, "map", G_CALLBACK (update_note_statuses), NULL);
}

static SlRecordForm *
form_new (SlVault    *vault,
          const char *type_id)
{
  SlRecordForm *self = g_object_new (SL_TYPE_RECORD_FORM, NULL);
  g_autoptr(GError) error = NULL;

  self->vault = g_object_ref (vault);
  self->type_id = g_strdup (type_id);
  self->type = sl_codebook_lookup_type (sl_vault_get_codebook (vault), type_id, &error);
  if (self->type == NULL)
    {
      g_critical ("Cannot build a form: %s", error->message);
      return self;
    }

  build_fields (self);
  g_signal_connect_object (vault, "records-changed", G_CALLBACK (on_records_changed_cb), self,
                           G_CONNECT_SWAPPED);
  return self;
}

/* Public API */

/**
 * sl_record_form_new:
 * @vault: an unlocked vault
 * @record_id: the record to edit
 *
 * Returns: (transfer floating) (nullable): a form editing the record,
 *   saving each field as it is applied; %NULL if it cannot be read
 */
GtkWidget *
sl_record_form_new (SlVault    *vault,
                    const char *record_id)
{
  g_autoptr(SlRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  SlRecordForm *self;

  g_return_val_if_fail (SL_IS_VAULT (vault), NULL);
  g_return_val_if_fail (record_id != NULL, NULL);

  if (!(record = sl_vault_load_record (vault, record_id, &error)))
    {
      g_warning ("Cannot open record %s: %s", record_id, error->message);
      return NULL;
    }

  self = form_new (vault, sl_record_get_record_type (record));
  self->id = g_strdup (record_id);
  self->record = g_steal_pointer (&record);
  if (self->type == NULL)
    return GTK_WIDGET (self);

  build_people (self);
  show_record (self);
  return GTK_WIDGET (self);
}

/**
 * sl_record_form_new_for_creation:
 * @vault: an unlocked vault
 * @type: the record type
 * @parent: (nullable): the record the new one belongs to
 *
 * Returns: (transfer floating): a form for a new record, added with
 *   form.add once its fields are valid
 */
GtkWidget *
sl_record_form_new_for_creation (SlVault    *vault,
                                 const char *type,
                                 const char *parent)
{
  SlRecordForm *self;

  g_return_val_if_fail (SL_IS_VAULT (vault), NULL);
  g_return_val_if_fail (type != NULL, NULL);

  self = form_new (vault, type);
  self->creating = TRUE;
  self->parent = parent && parent[0] ? g_strdup (parent) : NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->back_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->add_button), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->delete_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->history_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->undo_button), FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "form.delete", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "form.undo", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "form.history", FALSE);

  if (self->type != NULL)
    update_title (self);
  return GTK_WIDGET (self);
}

/**
 * sl_record_form_get_record_id:
 * @self: a #SlRecordForm
 *
 * Returns: (nullable): the record edited; %NULL while creating one
 */
const char *
sl_record_form_get_record_id (SlRecordForm *self)
{
  g_return_val_if_fail (SL_IS_RECORD_FORM (self), NULL);

  return self->id;
}

gboolean
sl_record_form_get_creating (SlRecordForm *self)
{
  g_return_val_if_fail (SL_IS_RECORD_FORM (self), FALSE);

  return self->creating;
}

/**
 * sl_record_form_get_field_row:
 * @self: a #SlRecordForm
 * @field: a field id
 *
 * Returns: (transfer none) (nullable): the row for @field
 */
SlFieldRow *
sl_record_form_get_field_row (SlRecordForm *self,
                              const char   *field)
{
  g_return_val_if_fail (SL_IS_RECORD_FORM (self), NULL);

  for (guint i = 0; i < self->rows->len; i++)
    {
      SlFieldRow *row = g_ptr_array_index (self->rows, i);

      if (g_strcmp0 (sl_field_row_get_field (row)->id, field) == 0)
        return row;
    }
  return NULL;
}

/**
 * sl_record_form_reload:
 * @self: a #SlRecordForm
 *
 * Reads the record again and shows it.
 */
void
sl_record_form_reload (SlRecordForm *self)
{
  g_autoptr(GError) error = NULL;
  SlRecord *record;

  g_return_if_fail (SL_IS_RECORD_FORM (self));

  if (self->creating)
    return;

  if (!(record = sl_vault_load_record (self->vault, self->id, &error)))
    {
      g_debug ("Cannot reload %s: %s", self->id, error->message);
      return;
    }
  g_set_object (&self->record, record);
  g_object_unref (record);
  show_record (self);
}
