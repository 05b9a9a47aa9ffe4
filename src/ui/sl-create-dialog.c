/* sl-create-dialog.c
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

#define G_LOG_DOMAIN "sl-create-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "sl-create-dialog-private.h"
#include "sl-utils-private.h"

/* Leaves room under NAME_MAX (255 bytes) for the suffix and a margin. */
#define MAX_FOLDER_NAME_BYTES 200
#define VAULT_SUFFIX          ".sightline"

/*
 * SlCreateDialog: asks for a title, a location and a passphrase (twice),
 * then creates the vault off the main thread. On success it emits
 * SlCreateDialog::created with the new, unlocked vault and closes.
 */
struct _SlCreateDialog
{
  AdwWindow             parent_instance;

  /* Template widgets */
  AdwPreferencesPage   *form;
  AdwEntryRow          *title_row;
  AdwActionRow         *folder_row;
  GtkLabel             *location_label;
  AdwPasswordEntryRow  *passphrase_row;
  AdwPasswordEntryRow  *repeat_row;
  GtkLabel             *message_label;
  GtkLabel             *error_label;
  GtkButton            *cancel_button;
  GtkButton            *create_button;
  GtkSpinner           *spinner;

  /* Owned references */
  GFile                *folder;
  GCancellable         *cancellable;
  GtkFileChooserNative *chooser;

  /* State */
  SlKdfParams           kdf_params;
  guint                 busy : 1;
};

G_DEFINE_FINAL_TYPE (SlCreateDialog, sl_create_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_FOLDER,
  N_PROPS
};

enum {
  CREATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Helpers */

static void
set_message (GtkLabel   *label,
             const char *message,
             const char *style)
{
  static const char * const styles[] = { "error", "success", "dim-label" };

  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (label), styles[i]);

  if (style != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (label), style);

  gtk_label_set_text (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
}

static char *
dup_title (SlCreateDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->title_row));

  return g_strstrip (g_strdup (text));
}

static GFile *
dup_location (SlCreateDialog *self)
{
  g_autofree char *title = dup_title (self);
  g_autofree char *name = _sl_create_dialog_dup_folder_name (title);

  if (name == NULL || self->folder == NULL)
    return NULL;

  return g_file_get_child (self->folder, name);
}

/* Returns whether the location may be used, and says why not. */
static gboolean
update_location (SlCreateDialog *self)
{
  g_autoptr(GFile) location = dup_location (self);
  g_autofree char *display = NULL;
  g_autofree char *message = NULL;

  if (location == NULL)
    {
      set_message (self->location_label, NULL, NULL);
      return FALSE;
    }

  display = _sl_dup_display_path (location);

  if (g_file_query_exists (location, NULL))
    {
      /* Translators: %s is a path, as in "~/Documents/Inquiry.sightline" */
      message = g_strdup_printf (_("%s already exists. Choose another title or location."), display);
      set_message (self->location_label, message, "error");
      return FALSE;
    }

  /* Translators: %s is a path, as in "~/Documents/Inquiry.sightline" */
  message = g_strdup_printf (_("The vault will be saved as the folder %s"), display);
  set_message (self->location_label, message, "dim-label");

  return TRUE;
}

/* Returns whether the passphrase is strong and typed twice alike. */
static gboolean
update_passphrase (SlCreateDialog *self)
{
  const char *passphrase = gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row));
  const char *repeat = gtk_editable_get_text (GTK_EDITABLE (self->repeat_row));
  g_autoptr(SlSecret) secret = NULL;
  g_autoptr(GError) error = NULL;

  if (passphrase[0] == '\0')
    {
      set_message (self->message_label, NULL, NULL);
      return FALSE;
    }

  secret = sl_secret_new_from_string (passphrase);

  if (!sl_vault_check_passphrase_strength (secret, &error))
    {
      g_autofree char *message = NULL;

      /* The core says why, and what to do instead. */
      message = g_str_has_suffix (error->message, ".")
        ? g_strdup (error->message)
        : g_strconcat (error->message, ".", NULL);
      set_message (self->message_label, message, "error");
      return FALSE;
    }

  if (repeat[0] == '\0')
    {
      set_message (self->message_label,
                   _("This passphrase is strong enough. Type it again below."),
                   "dim-label");
      return FALSE;
    }

  if (strcmp (passphrase, repeat) != 0)
    {
      /* Not an error yet while the repeat is still being typed. */
      if (g_str_has_prefix (passphrase, repeat))
        set_message (self->message_label,
                     _("This passphrase is strong enough. Type it again below."),
                     "dim-label");
      else
        set_message (self->message_label, _("The passphrases do not match."), "error");
      return FALSE;
    }

  set_message (self->message_label, _("The passphrases match."), "success");

  return TRUE;
}

static void
update_state (SlCreateDialog *self)
{
  g_autofree char *folder = NULL;
  gboolean can_create;

  if (self->folder != NULL)
    folder = _sl_dup_display_path (self->folder);
  adw_action_row_set_subtitle (self->folder_row, folder != NULL ? folder : "");

  if (self->busy)
    {
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.create", FALSE);
      return;
    }

  can_create = update_location (self);
  can_create = update_passphrase (self) && can_create;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.create", can_create);
}

static void
set_busy (SlCreateDialog *self,
          gboolean        busy)
{
  self->busy = !!busy;

  /* Move the focus out of the form before it goes insensitive: a GtkText
   * losing sensitivity while focused keeps blinking and warns. */
  if (busy)
    gtk_widget_grab_focus (GTK_WIDGET (self->cancel_button));

  gtk_widget_set_sensitive (GTK_WIDGET (self->form), !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);

  if (busy)
    {
      set_message (self->error_label, NULL, NULL);
      set_message (self->message_label, _("Creating the vault…"), "dim-label");
    }

  update_state (self);
}

static GFile *
dup_default_folder (void)
{
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  g_autofree char *fallback = NULL;

  if (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR))
    return g_file_new_for_path (documents);

  /* No xdg-user-dirs configuration: the usual name may still be there. */
  fallback = g_build_filename (g_get_home_dir (), "Documents", NULL);
  if (g_file_test (fallback, G_FILE_TEST_IS_DIR))
    return g_file_new_for_path (fallback);

  return g_file_new_for_path (g_get_home_dir ());
}

static void
clear_passphrases (SlCreateDialog *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->repeat_row), "");
}

/* Callbacks */

static void
vault_created_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  SlVault *vault = SL_VAULT (object);
  g_autoptr(SlCreateDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean disposed;

  g_assert (SL_IS_CREATE_DIALOG (self));

  /* The template widgets are gone once the dialog has been disposed. */
  disposed = (self->form == NULL);

  if (!sl_vault_create_finish (vault, result, &error))
    {
      g_autofree char *message = NULL;

      g_debug ("Creating the vault failed: %s", error->message);

      if (disposed)
        return;

      g_clear_object (&self->cancellable);
      set_busy (self, FALSE);

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      if (g_error_matches (error, SL_VAULT_ERROR, SL_VAULT_ERROR_EXISTS))
        message = g_strdup (_("Something is already at that location. Choose another title or location."));
      else
        /* Translators: %s is the reason, from the storage layer */
        message = g_strdup_printf (_("The vault could not be created: %s"), error->message);

      set_message (self->error_label, message, "error");
      gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_row));
      return;
    }

  if (disposed)
    {
      /* Nobody is left to show it: do not leave it open. */
      sl_vault_lock (vault);
      return;
    }

  g_clear_object (&self->cancellable);
  self->busy = FALSE;

  g_signal_emit (self, signals[CREATED], 0, vault);

  gtk_window_destroy (GTK_WINDOW (self));
}

static void
create_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  SlCreateDialog *self = SL_CREATE_DIALOG (widget);
  g_autoptr(GFile) location = NULL;
  g_autoptr(SlVault) vault = NULL;
  g_autoptr(SlSecret) passphrase = NULL;
  g_autofree char *title = NULL;

  if (self->busy)
    return;

  if ((location = dup_location (self)) == NULL)
    return;

  title = dup_title (self);
  passphrase = sl_secret_new_from_string (gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row)));
  vault = sl_vault_new (location);

  /* The passphrase now lives in guarded memory only. */
  set_busy (self, TRUE);
  clear_passphrases (self);

  self->cancellable = g_cancellable_new ();

  g_debug ("Creating a vault in %s", g_file_peek_path (location));

  sl_vault_create_async (vault,
                         title,
                         passphrase,
                         &self->kdf_params,
                         self->cancellable,
                         vault_created_cb,
                         g_object_ref (self));
}

static void
on_chooser_response_cb (SlCreateDialog       *self,
                        int                   response,
                        GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (folder != NULL)
        sl_create_dialog_set_folder (self, folder);
    }

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_clear_object (&self->chooser);
}

static void
on_folder_row_activated_cb (SlCreateDialog *self)
{
  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Choose Where to Keep the Vault"),
                                               GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                               _("_Select"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);

  if (self->folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), self->folder, NULL);

  g_signal_connect_object (self->chooser,
                           "response",
                           G_CALLBACK (on_chooser_response_cb),
                           self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_row_changed_cb (SlCreateDialog *self)
{
  set_message (self->error_label, NULL, NULL);
  update_state (self);
}

static void
on_title_row_entry_activated_cb (SlCreateDialog *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_row));
}

static void
on_passphrase_row_entry_activated_cb (SlCreateDialog *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->repeat_row));
}

static void
on_repeat_row_entry_activated_cb (SlCreateDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "dialog.create", NULL);
}

static void
on_cancel_button_clicked_cb (SlCreateDialog *self)
{
  /* While creating, Cancel stops the creation and keeps the form. */
  if (self->busy)
    g_cancellable_cancel (self->cancellable);
  else
    gtk_window_close (GTK_WINDOW (self));
}

/* GObject overrides */

static gboolean
sl_create_dialog_close_request (GtkWindow *window)
{
  SlCreateDialog *self = SL_CREATE_DIALOG (window);

  g_cancellable_cancel (self->cancellable);
  clear_passphrases (self);

  return GTK_WINDOW_CLASS (sl_create_dialog_parent_class)->close_request (window);
}

static void
sl_create_dialog_dispose (GObject *object)
{
  SlCreateDialog *self = SL_CREATE_DIALOG (object);

  g_cancellable_cancel (self->cancellable);

  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), SL_TYPE_CREATE_DIALOG);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->folder);

  G_OBJECT_CLASS (sl_create_dialog_parent_class)->dispose (object);
}

static void
sl_create_dialog_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SlCreateDialog *self = SL_CREATE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_FOLDER:
      g_value_set_object (value, self->folder);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_create_dialog_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  SlCreateDialog *self = SL_CREATE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_FOLDER:
      sl_create_dialog_set_folder (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_create_dialog_class_init (SlCreateDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = sl_create_dialog_dispose;
  object_class->get_property = sl_create_dialog_get_property;
  object_class->set_property = sl_create_dialog_set_property;

  window_class->close_request = sl_create_dialog_close_request;

  /**
   * SlCreateDialog:folder:
   *
   * The folder the vault's folder is created in.
   */
  properties[PROP_FOLDER] =
    g_param_spec_object ("folder", NULL, NULL,
                         G_TYPE_FILE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SlCreateDialog::created:
   * @self: a #SlCreateDialog
   * @vault: the new vault, unlocked
   *
   * Emitted when the vault has been created, just before the dialog closes.
   */
  signals[CREATED] =
    g_signal_new ("created",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, SL_TYPE_VAULT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               SL_RESOURCE_BASE_PATH "/ui/sl-create-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SlCreateDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, SlCreateDialog, create_button);
  gtk_widget_class_bind_template_child (widget_class, SlCreateDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, SlCreateDialog, folder_row);
  gtk_widget_class_bind_template_child (widget_class, SlCreateDialog, form);
  gtk_widget_class_bind_template_child (widget_class, SlCreateDialog, location_label);
  gtk_widget_class_bind_template_child (widget_class, SlCreateDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, SlCreateDialog, passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, SlCreateDialog, repeat_row);
  gtk_widget_class_bind_template_child (widget_class, SlCreateDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, SlCreateDialog, title_row);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_folder_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_passphrase_row_entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_repeat_row_entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_title_row_entry_activated_cb);

  gtk_widget_class_install_action (widget_class, "dialog.create", NULL, create_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sl_create_dialog_init (SlCreateDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->kdf_params = sl_kdf_params_default ();
  self->folder = dup_default_folder ();

  update_state (self);
}

/* Public API */

/**
 * sl_create_dialog_new:
 * @transient_for: (nullable): the window the dialog belongs to
 *
 * Returns: (transfer full): a new modal #SlCreateDialog
 */
SlCreateDialog *
sl_create_dialog_new (GtkWindow *transient_for)
{
  SlCreateDialog *self;

  g_return_val_if_fail (!transient_for || GTK_IS_WINDOW (transient_for), NULL);

  self = g_object_new (SL_TYPE_CREATE_DIALOG,
                       "transient-for", transient_for,
                       NULL);

  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->title_row));

  return self;
}

/**
 * sl_create_dialog_get_folder:
 * @self: a #SlCreateDialog
 *
 * Returns: (transfer none): the folder the vault goes in
 */
GFile *
sl_create_dialog_get_folder (SlCreateDialog *self)
{
  g_return_val_if_fail (SL_IS_CREATE_DIALOG (self), NULL);

  return self->folder;
}

/**
 * sl_create_dialog_set_folder:
 * @self: a #SlCreateDialog
 * @folder: the folder the vault goes in
 *
 * The vault's own folder is made inside @folder, named after its title.
 */
void
sl_create_dialog_set_folder (SlCreateDialog *self,
                             GFile          *folder)
{
  g_return_if_fail (SL_IS_CREATE_DIALOG (self));
  g_return_if_fail (G_IS_FILE (folder));

  if (self->folder != NULL && g_file_equal (self->folder, folder))
    return;

  g_set_object (&self->folder, folder);
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLDER]);
}

/* Private API */

void
_sl_create_dialog_set_kdf_params (SlCreateDialog    *self,
                                  const SlKdfParams *params)
{
  g_return_if_fail (SL_IS_CREATE_DIALOG (self));
  g_return_if_fail (params != NULL);

  self->kdf_params = *params;
}

/*
 * _sl_create_dialog_dup_folder_name:
 * @title: the vault's title
 *
 * Derives the vault's folder name from its title: "CSEGG inquiry" gives
 * "CSEGG inquiry.sightline". Characters that some file systems refuse
 * (a vault may be copied to a FAT or NTFS drive) become "-", and leading
 * dots go so the folder is never hidden.
 *
 * Returns: (transfer full) (nullable): the name, or %NULL if the title
 *   gives none
 */
char *
_sl_create_dialog_dup_folder_name (const char *title)
{
  g_autoptr(GString) name = NULL;
  g_autofree char *stripped = NULL;
  const char *p;

  if (title == NULL)
    return NULL;

  stripped = g_strstrip (g_strdup (title));
  name = g_string_new (NULL);

  for (p = stripped; *p == '.'; p++)
    ;

  for (; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (name->len + 6 > MAX_FOLDER_NAME_BYTES)
        break;

      if (c == '/' || c == '\\' || c == ':' || c == '*' || c == '?' ||
          c == '"' || c == '<' || c == '>' || c == '|' || g_unichar_iscntrl (c))
        g_string_append_c (name, '-');
      else
        g_string_append_unichar (name, c);
    }

  /* Trailing spaces and dots are trouble on other systems. */
  while (name->len > 0 && (name->str[name->len - 1] == ' ' || name->str[name->len - 1] == '.'))
    g_string_truncate (name, name->len - 1);

  if (name->len == 0)
    return NULL;

  if (!g_str_has_suffix (name->str, VAULT_SUFFIX))
    g_string_append (name, VAULT_SUFFIX);

  return g_string_free (g_steal_pointer (&name), FALSE);
}
