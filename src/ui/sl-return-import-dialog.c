/* sl-return-import-dialog.c
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

#define G_LOG_DOMAIN "sl-return-import-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sl-return-import-dialog.h"
#include "sl-returns.h"
#include "sl-utils-private.h"

/*
 * SlReturnImportDialog: imports an agency's keyed indicator return (a CSV
 * file with a child_key column and one column per indicator). It shows how
 * each column will be read before anything is imported, and refuses a
 * file that still identifies children. The import itself is one
 * transaction in the vault (sl_vault_import_returns()).
 *
 * Signals: ::imported (provider, number of children) once a return is in.
 */
struct _SlReturnImportDialog
{
  AdwWindow             parent_instance;

  /* Template widgets */
  GtkButton            *import_button;
  GtkButton            *choose_button;
  AdwActionRow         *file_row;
  AdwEntryRow          *provider_row;
  GtkLabel             *error_label;
  AdwPreferencesGroup  *columns_group;

  /* Owned */
  SlVault              *vault;
  GBytes               *data;           /* the file's contents, or NULL */
  GPtrArray            *column_rows;    /* AdwActionRow, borrowed from the group */
  GtkFileChooserNative *chooser;
  GCancellable         *cancellable;

  /* State */
  guint                 n_children;
  gboolean              refused;        /* a column refuses the file */
};

G_DEFINE_FINAL_TYPE (SlReturnImportDialog, sl_return_import_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_error (SlReturnImportDialog *self,
            const char           *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
update_import_sensitive (SlReturnImportDialog *self)
{
  const char *provider = gtk_editable_get_text (GTK_EDITABLE (self->provider_row));
  g_autofree char *stripped = g_strstrip (g_strdup (provider ? provider : ""));
  gboolean ok = self->data != NULL && !self->refused && self->n_children > 0 &&
                stripped[0] != '\0' && self->cancellable == NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), ok);
}

static void
clear_preview (SlReturnImportDialog *self)
{
  for (guint i = 0; i < self->column_rows->len; i++)
    adw_preferences_group_remove (self->columns_group, g_ptr_array_index (self->column_rows, i));
  g_ptr_array_set_size (self->column_rows, 0);
  g_clear_pointer (&self->data, g_bytes_unref);
  self->n_children = 0;
  self->refused = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->columns_group), FALSE);
  show_error (self, NULL);
}

static GtkWidget *
column_row_new (SlReturnColumn *column)
{
  GtkWidget *row = adw_action_row_new ();
  const char *reading;
  const char *icon = NULL;

  if (column->is_key)
    reading = _("Child key");
  else if (column->identifying)
    {
      reading = _("Identifies a child — the file will be refused: it must be keyed at the agency with sightline-cli returns key");
      icon = "dialog-warning-symbolic";
    }
  else if (column->indicator != NULL)
    reading = column->label ? column->label : column->indicator;
  else
    {
      reading = _("Not an indicator — the file will be refused");
      icon = "dialog-warning-symbolic";
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), column->header);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), reading);
  if (icon != NULL)
    {
      GtkWidget *image = gtk_image_new_from_icon_name (icon);

      gtk_widget_add_css_class (image, "error");
      gtk_accessible_update_property (GTK_ACCESSIBLE (image),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Refused"), -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), image);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, column->header,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, reading,
                                  -1);
  return row;
}

/**
 * _sl_return_import_dialog_load_data:
 * @self: a #SlReturnImportDialog
 * @data: a return's contents
 * @length: the length of @data
 *
 * Previews @data as the chosen file. For tests, and the file chooser.
 */
void
_sl_return_import_dialog_load_data (SlReturnImportDialog *self,
                                    const char           *data,
                                    gsize                 length)
{
  g_autoptr(GPtrArray) columns = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  guint n_rows = 0;

  g_return_if_fail (SL_IS_RETURN_IMPORT_DIALOG (self));

  clear_preview (self);

  columns = sl_vault_preview_return (self->vault, data, length, &n_rows, &error);
  if (columns == NULL)
    {
      show_error (self, error->message);
      update_import_sensitive (self);
      return;
    }

  self->data = g_bytes_new (data, length);
  self->n_children = n_rows;
  for (guint i = 0; i < columns->len; i++)
    {
      SlReturnColumn *column = g_ptr_array_index (columns, i);
      GtkWidget *row = column_row_new (column);

      if (column->identifying || (!column->is_key && column->indicator == NULL))
        self->refused = TRUE;
      adw_preferences_group_add (self->columns_group, row);
      g_ptr_array_add (self->column_rows, row);
    }

  description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u child", "%u children", n_rows), n_rows);
  adw_preferences_group_set_description (self->columns_group, description);
  gtk_widget_set_visible (GTK_WIDGET (self->columns_group), TRUE);
  if (self->refused)
    show_error (self, _("This file cannot be imported: see the columns marked below."));
  else if (n_rows == 0)
    show_error (self, _("This file lists no children."));
  update_import_sensitive (self);
}

/* Choosing a file */

static void
file_loaded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(SlReturnImportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_load_contents_finish (G_FILE (source), result, &contents, &length, NULL, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *message = g_strdup_printf (_("The file could not be read: %s"), error->message);

          clear_preview (self);
          show_error (self, message);
          update_import_sensitive (self);
        }
      return;
    }

  {
    g_autofree char *name = g_file_get_basename (G_FILE (source));

    adw_action_row_set_subtitle (self->file_row, name);
  }
  _sl_return_import_dialog_load_data (self, contents, length);
  /* The contents identify no one once keyed, but do not keep copies. */
  memset (contents, 0, length);
}

static void
on_chooser_response_cb (SlReturnImportDialog *self,
                        int                   response,
                        GtkNativeDialog      *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->chooser);

  if (file != NULL)
    g_file_load_contents_async (file, NULL, file_loaded_cb, g_object_ref (self));
}

static void
on_choose_clicked_cb (SlReturnImportDialog *self)
{
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;

  gtk_file_filter_set_name (csv, _("CSV files"));
  gtk_file_filter_add_mime_type (csv, "text/csv");
  gtk_file_filter_add_suffix (csv, "csv");
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");

  self->chooser = gtk_file_chooser_native_new (_("Choose a Keyed Return"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), csv);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (self->chooser), csv);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_provider_changed_cb (SlReturnImportDialog *self)
{
  update_import_sensitive (self);
}

/* Importing */

typedef struct
{
  SlVault *vault;
  char    *provider;
  GBytes  *data;
  guint    n_rows;
} ImportData;

static void
import_data_free (ImportData *d)
{
  g_clear_object (&d->vault);
  g_free (d->provider);
  g_clear_pointer (&d->data, g_bytes_unref);
  g_free (d);
}

static void
import_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportData *d = task_data;
  GError *error = NULL;
  gsize length;
  const char *data = g_bytes_get_data (d->data, &length);

  if (sl_vault_import_returns (d->vault, d->provider, data, length, &d->n_rows, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  SlReturnImportDialog *self = SL_RETURN_IMPORT_DIALOG (source);
  ImportData *d = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->cancellable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->choose_button), TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->provider_row), TRUE);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      show_error (self, error->message);
      update_import_sensitive (self);
      return;
    }

  g_signal_emit (self, signals[SIGNAL_IMPORTED], 0, d->provider, d->n_rows);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_import_clicked_cb (SlReturnImportDialog *self)
{
  g_autoptr(GTask) task = NULL;
  ImportData *d;

  if (self->data == NULL || self->refused || self->cancellable != NULL)
    return;

  d = g_new0 (ImportData, 1);
  d->vault = g_object_ref (self->vault);
  d->provider = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->provider_row))));
  d->data = g_bytes_ref (self->data);
  if (d->provider[0] == '\0')
    {
      import_data_free (d);
      return;
    }

  self->cancellable = g_cancellable_new ();
  show_error (self, NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->choose_button), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->provider_row), FALSE);

  task = g_task_new (self, NULL, import_done_cb, NULL);
  g_task_set_source_tag (task, on_import_clicked_cb);
  g_task_set_task_data (task, d, (GDestroyNotify) import_data_free);
  g_task_run_in_thread (task, import_thread);
}

/* GObject overrides */

static gboolean
sl_return_import_dialog_close_request (GtkWindow *window)
{
  SlReturnImportDialog *self = SL_RETURN_IMPORT_DIALOG (window);

  /* Not while the vault is being written. */
  return self->cancellable != NULL;
}

static void
sl_return_import_dialog_dispose (GObject *object)
{
  SlReturnImportDialog *self = SL_RETURN_IMPORT_DIALOG (object);

  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), SL_TYPE_RETURN_IMPORT_DIALOG);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->vault);
  g_clear_pointer (&self->data, g_bytes_unref);
  g_clear_pointer (&self->column_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (sl_return_import_dialog_parent_class)->dispose (object);
}

static void
sl_return_import_dialog_class_init (SlReturnImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = sl_return_import_dialog_dispose;
  window_class->close_request = sl_return_import_dialog_close_request;

  /**
   * SlReturnImportDialog::imported:
   * @self: the dialog
   * @provider: the agency named
   * @n_children: the children in its return
   *
   * A return was imported; the dialog closes.
   */
  signals[SIGNAL_IMPORTED] =
    g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               SL_RESOURCE_BASE_PATH "/ui/sl-return-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SlReturnImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, SlReturnImportDialog, choose_button);
  gtk_widget_class_bind_template_child (widget_class, SlReturnImportDialog, file_row);
  gtk_widget_class_bind_template_child (widget_class, SlReturnImportDialog, provider_row);
  gtk_widget_class_bind_template_child (widget_class, SlReturnImportDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, SlReturnImportDialog, columns_group);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_import_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_provider_changed_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sl_return_import_dialog_init (SlReturnImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->column_rows = g_ptr_array_new ();
}

/**
 * sl_return_import_dialog_new:
 * @vault: an unlocked vault
 * @parent: (nullable): the main window
 *
 * Returns: (transfer none): a new modal dialog, not yet shown
 */
GtkWidget *
sl_return_import_dialog_new (SlVault   *vault,
                             GtkWindow *parent)
{
  SlReturnImportDialog *self;

  g_return_val_if_fail (SL_IS_VAULT (vault), NULL);

  self = g_object_new (SL_TYPE_RETURN_IMPORT_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->vault = g_object_ref (vault);
  return GTK_WIDGET (self);
}

/* Test accessors */

GtkButton *
_sl_return_import_dialog_get_import_button (SlReturnImportDialog *self)
{
  return self->import_button;
}

GtkButton *
_sl_return_import_dialog_get_choose_button (SlReturnImportDialog *self)
{
  return self->choose_button;
}

AdwEntryRow *
_sl_return_import_dialog_get_provider_row (SlReturnImportDialog *self)
{
  return self->provider_row;
}

/* (element-type AdwActionRow) (transfer none): a row per column */
GPtrArray *
_sl_return_import_dialog_get_column_rows (SlReturnImportDialog *self)
{
  return self->column_rows;
}

GtkLabel *
_sl_return_import_dialog_get_error_label (SlReturnImportDialog *self)
{
  return self->error_label;
}

guint
_sl_return_import_dialog_get_n_children (SlReturnImportDialog *self)
{
  return self->n_children;
}
