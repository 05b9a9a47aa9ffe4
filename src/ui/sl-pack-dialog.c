/* sl-pack-dialog.c
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

#define G_LOG_DOMAIN "sl-pack-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sl-pack.h"
#include "sl-pack-dialog.h"
#include "sl-record.h"
#include "sl-utils-private.h"

/*
 * SlPackDialog: writes an analyst pack (sl_vault_write_pack()). The choices
 * (folder, .zip, or .zip encrypted to an analyst; k; labels or codes; all
 * records or some) are previewed as they change, in a worker: per record
 * type, how each quasi-identifier will be generalised, what is withheld and
 * suppressed, and how many notes are left out for want of a review. Then a
 * file chooser, and the pack is written in a worker with progress and
 * cancel; cancelling, closing or a lock leaves nothing behind.
 *
 * Signals: ::written (a sentence saying what was written) once a pack is.
 */
struct _SlPackDialog
{
  AdwWindow             parent_instance;

  /* Template widgets */
  GtkButton            *cancel_button;
  GtkButton            *export_button;
  AdwComboRow          *format_row;
  AdwEntryRow          *recipient_row;
  GtkSpinButton        *k_spin;
  GtkSwitch            *labels_switch;
  AdwExpanderRow       *scope_row;
  GtkLabel             *error_label;
  GtkProgressBar       *progress_bar;
  AdwPreferencesGroup  *preview_group;

  /* Owned */
  SlVault              *vault;
  GPtrArray            *scope_checks;    /* GtkCheckButton, borrowed; their record id as data */
  GPtrArray            *preview_rows;    /* widgets in preview_group, borrowed */
  GCancellable         *preview_cancellable;
  GCancellable         *write_cancellable;
  GtkFileChooserNative *chooser;

  /* State */
  guint                 preview_id;      /* the pending preview's timeout */
  gboolean              preview_ok;
};

G_DEFINE_FINAL_TYPE (SlPackDialog, sl_pack_dialog, ADW_TYPE_WINDOW)

enum {
  FORMAT_FOLDER,
  FORMAT_ZIP,
  FORMAT_ENCRYPTED,
};

enum {
  SIGNAL_WRITTEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Helpers */

static void
show_error (SlPackDialog *self,
            const char   *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static guint
get_format (SlPackDialog *self)
{
  return adw_combo_row_get_selected (self->format_row);
}

/* The chosen records, or NULL for all. */
static GStrv
dup_scope (SlPackDialog *self)
{
  g_autoptr(GStrvBuilder) builder = NULL;

  if (!adw_expander_row_get_enable_expansion (self->scope_row))
    return NULL;
  builder = g_strv_builder_new ();
  for (guint i = 0; i < self->scope_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->scope_checks, i);

      if (gtk_check_button_get_active (check))
        g_strv_builder_add (builder, g_object_get_data (G_OBJECT (check), "sl-record-id"));
    }
  return g_strv_builder_end (builder);
}

/* Fills @options from the dialog; @scope and @recipient hold its strings. */
static void
get_options (SlPackDialog   *self,
             SlPackOptions  *options,
             GStrv          *scope,
             char          **recipient)
{
  *scope = dup_scope (self);
  *recipient = NULL;
  if (get_format (self) == FORMAT_ENCRYPTED)
    *recipient = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->recipient_row))));

  memset (options, 0, sizeof *options);
  options->k = (guint) gtk_spin_button_get_value_as_int (self->k_spin);
  options->labels = gtk_switch_get_active (self->labels_switch);
  options->scope = (const char * const *) *scope;
  options->zip = get_format (self) != FORMAT_FOLDER;
  options->recipient = *recipient;
}

static gboolean
is_busy (SlPackDialog *self)
{
  return self->write_cancellable != NULL;
}

static void
update_sensitive (SlPackDialog *self)
{
  g_auto(GStrv) scope = dup_scope (self);
  g_autofree char *recipient = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->recipient_row)));
  gboolean ok = self->preview_ok && !is_busy (self);

  if (scope != NULL && scope[0] == NULL)
    ok = FALSE;   /* some records, but none chosen */
  if (get_format (self) == FORMAT_ENCRYPTED && !g_str_has_prefix (g_strstrip (recipient), "age1"))
    ok = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), ok);

  gtk_widget_set_sensitive (GTK_WIDGET (self->format_row), !is_busy (self));
  gtk_widget_set_sensitive (GTK_WIDGET (self->recipient_row), !is_busy (self));
  gtk_widget_set_sensitive (GTK_WIDGET (self->k_spin), !is_busy (self));
  gtk_widget_set_sensitive (GTK_WIDGET (self->labels_switch), !is_busy (self));
  gtk_widget_set_sensitive (GTK_WIDGET (self->scope_row), !is_busy (self));
}

static void
clear_preview (SlPackDialog *self)
{
  for (guint i = 0; i < self->preview_rows->len; i++)
    adw_preferences_group_remove (self->preview_group, g_ptr_array_index (self->preview_rows, i));
  g_ptr_array_set_size (self->preview_rows, 0);
}

static GtkWidget *
add_preview_row (SlPackDialog *self,
                 const char   *title,
                 const char   *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle ? subtitle : "");
  adw_preferences_group_add (self->preview_group, row);
  g_ptr_array_add (self->preview_rows, row);
  return row;
}

/* The preview names types and fields as the pack does, in the codebook's
 * own words; the dialog shows them in the interface's language. */
static SlRecordType *
lookup_type (SlPackDialog      *self,
             SlPackPreviewType *type)
{
  return sl_codebook_lookup_type (sl_vault_get_codebook (self->vault), type->type, NULL);
}

static GtkWidget *
field_row_new (SlRecordType       *type,
               SlPackPreviewField *field,
               const char         *prefix)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = g_strdup_printf ("%s%s", prefix, field->generalisation);
  SlField *shown = type ? sl_record_type_lookup_field (type, field->field, NULL) : NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), shown ? shown->label : field->label);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

static void
show_preview (SlPackDialog  *self,
              SlPackPreview *preview)
{
  g_autofree char *notes = NULL;

  clear_preview (self);
  for (guint t = 0; t < preview->types->len; t++)
    {
      SlPackPreviewType *type = g_ptr_array_index (preview->types, t);
      SlRecordType *shown = lookup_type (self, type);
      g_autofree char *records = NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *row;

      if (type->n_records == 0)
        continue;   /* nothing of it goes in */
      records = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u record", "%u records",
                                              type->n_records), type->n_records);
      if (type->k_reached > 0)
        /* Translators: "512 records · every group at least 5 · 3 suppressed" */
        subtitle = g_strdup_printf (_("%s · every group at least %u · %u suppressed"), records,
                                    type->k_reached, type->n_suppressed);
      else
        subtitle = g_strdup (records);

      row = adw_expander_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     shown ? (shown->plural ? shown->plural : shown->label)
                                           : type->label);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
      for (guint i = 0; i < type->quasi_identifiers->len; i++)
        adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                                  field_row_new (shown, g_ptr_array_index (type->quasi_identifiers, i), ""));
      for (guint i = 0; i < type->withheld->len; i++)
        /* Translators: a field left out of the pack, and why */
        adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                                  field_row_new (shown, g_ptr_array_index (type->withheld, i),
                                                 _("Left out: ")));
      adw_preferences_group_add (self->preview_group, row);
      g_ptr_array_add (self->preview_rows, row);
    }

  if (preview->n_notes_unreviewed > 0)
    /* Translators: notes written to the pack, and notes left out */
    notes = g_strdup_printf (_("%u written; %u left out until someone reviews them"),
                             preview->n_notes_written, preview->n_notes_unreviewed);
  else
    notes = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u written", "%u written",
                                          preview->n_notes_written), preview->n_notes_written);
  add_preview_row (self, _("Notes"), notes);
}

static void
preview_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(SlPackDialog) self = user_data;
  g_autoptr(SlPackPreview) preview = NULL;
  g_autoptr(GError) error = NULL;

  preview = sl_vault_preview_pack_finish (SL_VAULT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;   /* a newer preview is on its way, or the dialog went */
  g_clear_object (&self->preview_cancellable);

  self->preview_ok = preview != NULL;
  if (preview != NULL)
    {
      show_error (self, NULL);
      show_preview (self, preview);
    }
  else
    {
      clear_preview (self);
      show_error (self, error->message);
    }
  update_sensitive (self);
}

static gboolean
preview_timeout_cb (gpointer data)
{
  SlPackDialog *self = data;
  g_auto(GStrv) scope = NULL;
  g_autofree char *recipient = NULL;
  SlPackOptions options;

  self->preview_id = 0;
  if (self->preview_cancellable != NULL)
    g_cancellable_cancel (self->preview_cancellable);
  g_clear_object (&self->preview_cancellable);

  get_options (self, &options, &scope, &recipient);
  if (scope != NULL && scope[0] == NULL)
    {
      clear_preview (self);
      add_preview_row (self, _("Nothing"), _("Choose at least one record, or turn off “Only Some Records”"));
      self->preview_ok = FALSE;
      update_sensitive (self);
      return G_SOURCE_REMOVE;
    }
  /* The preview does not encrypt: the key is checked when writing. */
  options.recipient = NULL;
  self->preview_cancellable = g_cancellable_new ();
  sl_vault_preview_pack_async (self->vault, &options, self->preview_cancellable,
                               preview_done_cb, g_object_ref (self));
  return G_SOURCE_REMOVE;
}

/* Previews again once the choices stop changing for a moment. */
static void
queue_preview (SlPackDialog *self)
{
  self->preview_ok = FALSE;
  update_sensitive (self);
  g_clear_handle_id (&self->preview_id, g_source_remove);
  self->preview_id = g_timeout_add (250, preview_timeout_cb, self);
}

static void
add_scope_checks (SlPackDialog *self)
{
  SlCodebook *book = sl_vault_get_codebook (self->vault);
  GPtrArray *types = sl_codebook_get_record_types (book);

  for (guint t = 0; t < types->len; t++)
    {
      SlRecordType *rt = g_ptr_array_index (types, t);
      g_autoptr(GPtrArray) records = NULL;
      g_autoptr(GError) error = NULL;

      if (rt->parents != NULL && rt->parents[0] != NULL)
        continue;   /* coded people and the like come with their record */
      if (!(records = sl_vault_list_records (self->vault, rt->id, FALSE, &error)))
        {
          g_warning ("Cannot list %s: %s", rt->id, error->message);
          continue;
        }
      for (guint i = 0; i < records->len; i++)
        {
          SlRecord *record = g_ptr_array_index (records, i);
          const char *title = sl_record_get_title (record);
          GtkWidget *row = adw_action_row_new ();
          GtkWidget *check = gtk_check_button_new ();

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                         title[0] ? title : _("Untitled"));
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), rt->label);
          gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
          gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          title[0] ? title : _("Untitled"), -1);
          g_object_set_data_full (G_OBJECT (check), "sl-record-id",
                                  g_strdup (sl_record_get_id (record)), g_free);
          g_signal_connect_object (check, "toggled", G_CALLBACK (queue_preview), self,
                                   G_CONNECT_SWAPPED);
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
          adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
          adw_expander_row_add_row (self->scope_row, row);
          g_ptr_array_add (self->scope_checks, check);
        }
    }
}

/* Writing */

static void
progress_cb (double   fraction,
             gpointer data)
{
  SlPackDialog *self = data;

  gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (fraction, 0.0, 1.0));
}

static void
write_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(SlPackDialog) self = user_data;
  g_autoptr(SlPackReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  sl_vault_write_pack_finish (SL_VAULT (object), result, &report, &error);
  g_clear_object (&self->write_cancellable);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);
  update_sensitive (self);

  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error->message);
      return;
    }

  /* Translators: what an analyst pack holds, said once it is written */
  message = g_strdup_printf (_("Pack written: %u records, %u notes; every group at least %u"),
                             report->n_records, report->n_notes_written, report->k_reached);
  g_signal_emit (self, signals[SIGNAL_WRITTEN], 0, message);
  gtk_window_destroy (GTK_WINDOW (self));
}

/**
 * _sl_pack_dialog_write_to:
 * @self: a #SlPackDialog
 * @file: the folder or file to write
 *
 * Writes the pack as chosen, as the file chooser does once a place is
 * chosen (the tests call it directly).
 */
void
_sl_pack_dialog_write_to (SlPackDialog *self,
                          GFile        *file)
{
  g_auto(GStrv) scope = NULL;
  g_autofree char *recipient = NULL;
  SlPackOptions options;

  g_return_if_fail (SL_IS_PACK_DIALOG (self));
  g_return_if_fail (!is_busy (self));

  get_options (self, &options, &scope, &recipient);
  show_error (self, NULL);
  self->write_cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), TRUE);
  update_sensitive (self);
  sl_vault_write_pack_async (self->vault, file, &options, progress_cb, g_object_ref (self),
                             g_object_unref, self->write_cancellable, write_done_cb,
                             g_object_ref (self));
}

gboolean
_sl_pack_dialog_get_busy (SlPackDialog *self)
{
  g_return_val_if_fail (SL_IS_PACK_DIALOG (self), FALSE);
  return is_busy (self);
}

static void
chooser_response_cb (SlPackDialog *self,
                     int           response)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (self->chooser));
  g_clear_object (&self->chooser);
  if (file != NULL)
    _sl_pack_dialog_write_to (self, file);
}

/* Callbacks */

static void
on_export_clicked_cb (SlPackDialog *self)
{
  const char *name;

  if (is_busy (self) || self->chooser != NULL)
    return;
  switch (get_format (self))
    {
    case FORMAT_ZIP:
      name = _("analyst-pack.zip");
      break;
    case FORMAT_ENCRYPTED:
      name = _("analyst-pack.zip.age");
      break;
    default:
      name = _("analyst-pack");
      break;
    }
  self->chooser = gtk_file_chooser_native_new (_("Write the Pack"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Write"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_cancel_clicked_cb (SlPackDialog *self)
{
  /* Cancelling a pack being written leaves nothing; the dialog stays, to
   * try again. Otherwise Cancel closes it. */
  if (is_busy (self))
    {
      g_cancellable_cancel (self->write_cancellable);
      return;
    }
  gtk_window_close (GTK_WINDOW (self));
}

static void
on_options_changed_cb (SlPackDialog *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->recipient_row), get_format (self) == FORMAT_ENCRYPTED);
  queue_preview (self);
}

/* GObject overrides */

static void
sl_pack_dialog_dispose (GObject *object)
{
  SlPackDialog *self = SL_PACK_DIALOG (object);

  g_clear_handle_id (&self->preview_id, g_source_remove);
  if (self->preview_cancellable != NULL)
    g_cancellable_cancel (self->preview_cancellable);
  g_clear_object (&self->preview_cancellable);
  /* Closed (or the vault locked) while writing: the pack is cancelled,
   * and leaves nothing. */
  if (self->write_cancellable != NULL)
    g_cancellable_cancel (self->write_cancellable);
  g_clear_object (&self->write_cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  gtk_widget_dispose_template (GTK_WIDGET (self), SL_TYPE_PACK_DIALOG);

  G_OBJECT_CLASS (sl_pack_dialog_parent_class)->dispose (object);
}

static void
sl_pack_dialog_finalize (GObject *object)
{
  SlPackDialog *self = SL_PACK_DIALOG (object);

  g_clear_object (&self->vault);
  g_clear_pointer (&self->scope_checks, g_ptr_array_unref);
  g_clear_pointer (&self->preview_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (sl_pack_dialog_parent_class)->finalize (object);
}

static void
sl_pack_dialog_class_init (SlPackDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_pack_dialog_dispose;
  object_class->finalize = sl_pack_dialog_finalize;

  /**
   * SlPackDialog::written:
   * @self: the dialog
   * @message: what was written, in a sentence
   *
   * A pack was written; the dialog closes.
   */
  signals[SIGNAL_WRITTEN] = g_signal_new ("written", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/sightline/Sightline/ui/sl-pack-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SlPackDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, SlPackDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, SlPackDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, SlPackDialog, recipient_row);
  gtk_widget_class_bind_template_child (widget_class, SlPackDialog, k_spin);
  gtk_widget_class_bind_template_child (widget_class, SlPackDialog, labels_switch);
  gtk_widget_class_bind_template_child (widget_class, SlPackDialog, scope_row);
  gtk_widget_class_bind_template_child (widget_class, SlPackDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, SlPackDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, SlPackDialog, preview_group);
  gtk_widget_class_bind_template_callback (widget_class, on_export_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_options_changed_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sl_pack_dialog_init (SlPackDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->scope_checks = g_ptr_array_new ();
  self->preview_rows = g_ptr_array_new ();
  g_signal_connect_object (self->labels_switch, "notify::active", G_CALLBACK (on_options_changed_cb),
                           self, G_CONNECT_SWAPPED);
}

/**
 * sl_pack_dialog_new:
 * @vault: an unlocked vault
 * @parent: (nullable): the window it is over
 *
 * Returns: (transfer none): a new dialog, not shown yet
 */
SlPackDialog *
sl_pack_dialog_new (SlVault   *vault,
                    GtkWindow *parent)
{
  SlPackDialog *self;

  g_return_val_if_fail (SL_IS_VAULT (vault), NULL);

  self = g_object_new (SL_TYPE_PACK_DIALOG, "transient-for", parent, NULL);
  self->vault = g_object_ref (vault);
  add_scope_checks (self);
  queue_preview (self);
  return self;
}
