/* sl-window.c
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

#define G_LOG_DOMAIN "sl-window"

#include "config.h"

#include <glib/gi18n.h>

#include "sl-application.h"
#include "sl-create-dialog.h"
#include "sl-preferences-window.h"
#include "sl-unlock-page.h"
#include "sl-utils-private.h"
#include "sl-vault-page.h"
#include "sl-welcome-page.h"
#include "sl-window.h"

/*
 * SlWindow: a stack of three pages.
 *
 *  - "welcome": create a vault or open one (SlWelcomePage);
 *  - "unlock": the passphrase for the vault chosen (SlUnlockPage);
 *  - "main": the unlocked vault (SlVaultPage), built on unlock and
 *    destroyed on lock.
 *
 * The window owns the vault and runs its unlock; `cancellable` is cancelled
 * by the Cancel button (then replaced) and when the window goes.
 *
 * Whenever the vault locks (Ctrl+L, the auto-lock, the vault closing or
 * locked from elsewhere), forget_vault_data() drops what showed it: the
 * main page, the dialogs over the window, and the clipboard if it holds
 * text copied from the vault.
 */
struct _SlWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  SlWelcomePage        *welcome_page;
  SlUnlockPage         *unlock_page;

  /* Owned references */
  GCancellable         *cancellable;
  GSettings            *settings;
  SlVault              *vault;
  GtkFileChooserNative *open_chooser;

  /* Borrowed references */
  SlVaultPage          *vault_page;
  SlCreateDialog       *create_dialog;

  /* State */
  guint                 unlocking : 1;
};

G_DEFINE_FINAL_TYPE (SlWindow, sl_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_VAULT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers */

static void
update_actions (SlWindow *self)
{
  gboolean has_vault = self->vault != NULL;
  gboolean locked = has_vault && sl_vault_get_locked (self->vault);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.lock", has_vault && !locked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.unlock", locked && !self->unlocking);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-unlock", self->unlocking);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-welcome", !self->unlocking);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.create-vault", !self->unlocking);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-vault", !self->unlocking);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-path", !self->unlocking);
}

static void
show_page (SlWindow   *self,
           const char *name)
{
  gtk_stack_set_visible_child_name (self->stack, name);

  if (self->vault != NULL && g_strcmp0 (name, "welcome") != 0)
    gtk_window_set_title (GTK_WINDOW (self), sl_vault_get_name (self->vault));
  else
    gtk_window_set_title (GTK_WINDOW (self), _("Sightline"));

  if (g_strcmp0 (name, "unlock") == 0)
    sl_unlock_page_focus (self->unlock_page);

  update_actions (self);
}

static void
drop_vault_page (SlWindow *self)
{
  if (self->vault_page != NULL)
    {
      gtk_stack_remove (self->stack, GTK_WIDGET (self->vault_page));
      self->vault_page = NULL;
    }
}

static void
show_vault_page (SlWindow *self)
{
  GtkWidget *page;

  g_assert (self->vault != NULL);
  g_assert (!sl_vault_get_locked (self->vault));

  drop_vault_page (self);

  page = sl_vault_page_new (self->vault);
  gtk_stack_add_named (self->stack, page, "main");
  self->vault_page = SL_VAULT_PAGE (page);

  show_page (self, "main");
}

/* Whether @window is one of the dialogs over @self (at any depth). */
static gboolean
is_transient_for (GtkWindow *window,
                  GtkWindow *parent)
{
  for (GtkWindow *w = gtk_window_get_transient_for (window);
       w != NULL;
       w = gtk_window_get_transient_for (w))
    {
      if (w == parent)
        return TRUE;
    }

  return FALSE;
}

/* Dialogs that never show what a vault holds, and stay open on lock. */
static gboolean
keeps_open_on_lock (GtkWindow *window)
{
  return ADW_IS_ABOUT_WINDOW (window)
         || SL_IS_PREFERENCES_WINDOW (window)
         || GTK_IS_SHORTCUTS_WINDOW (window)
         /* A new vault's form: closing it could lose one being created. */
         || SL_IS_CREATE_DIALOG (window)
         || GTK_IS_FILE_CHOOSER (window);
}

static void
close_secondary_windows (SlWindow *self)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();
  g_autoptr(GPtrArray) doomed = g_ptr_array_new_with_free_func (g_object_unref);

  for (const GList *l = toplevels; l != NULL; l = l->next)
    {
      GtkWindow *window = l->data;

      if (window != GTK_WINDOW (self)
          && is_transient_for (window, GTK_WINDOW (self))
          && !keeps_open_on_lock (window))
        g_ptr_array_add (doomed, g_object_ref (window));
    }

  for (guint i = 0; i < doomed->len; i++)
    {
      g_debug ("Closing %s on lock", G_OBJECT_TYPE_NAME (doomed->pdata[i]));
      gtk_window_destroy (GTK_WINDOW (doomed->pdata[i]));
    }
}

/* The vault has just locked: nothing it held may stay on screen, or on
 * the clipboard. */
static void
forget_vault_data (SlWindow *self)
{
  GApplication *application = g_application_get_default ();

  if (self->stack != NULL && self->vault_page != NULL)
    {
      /* Switch first so the stack never falls back to another page. */
      if (self->vault != NULL)
        show_page (self, "unlock");
      drop_vault_page (self);
    }

  close_secondary_windows (self);

  if (SL_IS_APPLICATION (application))
    sl_application_clear_clipboard (SL_APPLICATION (application));
}

static void
on_vault_notify_locked_cb (SlWindow   *self,
                           GParamSpec *pspec,
                           SlVault    *vault)
{
  /* Locked from elsewhere (an idle timer, say): follow it. */
  if (sl_vault_get_locked (vault))
    forget_vault_data (self);

  update_actions (self);
}

/* Locks and forgets the vault, if any. */
static void
close_vault (SlWindow *self)
{
  if (self->unlocking)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
      self->cancellable = g_cancellable_new ();
      self->unlocking = FALSE;
      sl_unlock_page_set_busy (self->unlock_page, FALSE);
    }

  if (self->vault != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->vault, on_vault_notify_locked_cb, self);

      if (!sl_vault_get_locked (self->vault))
        sl_vault_lock (self->vault);
    }

  drop_vault_page (self);
  forget_vault_data (self);
  sl_unlock_page_set_vault (self->unlock_page, NULL);

  if (self->vault != NULL)
    {
      g_clear_object (&self->vault);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VAULT]);
    }
}

static void
set_vault (SlWindow *self,
           SlVault  *vault)
{
  if (self->vault == vault)
    return;

  close_vault (self);

  self->vault = g_object_ref (vault);
  g_signal_connect_object (vault,
                           "notify::locked",
                           G_CALLBACK (on_vault_notify_locked_cb),
                           self,
                           G_CONNECT_SWAPPED);
  sl_unlock_page_set_vault (self->unlock_page, vault);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VAULT]);
}

static void
show_toast (SlWindow   *self,
            const char *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
}

static char *
dup_unlock_error_message (const GError *error)
{
  if (g_error_matches (error, SL_VAULT_ERROR, SL_VAULT_ERROR_WRONG_PASSPHRASE))
    return g_strdup (_("The passphrase is wrong. Check Caps Lock and try again."));

  if (g_error_matches (error, SL_VAULT_ERROR, SL_VAULT_ERROR_VERSION))
    return g_strdup (_("This vault was made by a newer version of Sightline. "
                       "Update Sightline to open it."));

  return g_strdup (error->message);
}

static void
restore_window_size (SlWindow *self)
{
  int width;
  int height;

  if (self->settings == NULL)
    return;

  width = g_settings_get_int (self->settings, "window-width");
  height = g_settings_get_int (self->settings, "window-height");

  if (width > 0 && height > 0)
    gtk_window_set_default_size (GTK_WINDOW (self), width, height);

  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
save_window_size (SlWindow *self)
{
  int width;
  int height;

  if (self->settings == NULL)
    return;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);

  g_settings_delay (self->settings);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  g_settings_apply (self->settings);
}

/* Callbacks */

static void
vault_unlocked_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  SlVault *vault = SL_VAULT (object);
  g_autoptr(SlWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  g_assert (SL_IS_WINDOW (self));

  ok = sl_vault_unlock_finish (vault, result, &error);

  /* The window is gone, or shows another vault: nobody wants this one open.
   * (The worker may have unlocked it before seeing the cancellation.) */
  if (self->stack == NULL || vault != self->vault)
    {
      if (!sl_vault_get_locked (vault))
        sl_vault_lock (vault);
      return;
    }

  /* Cancelled: silent. A newer attempt may be running, or may already have
   * unlocked the vault; only otherwise make sure it stays locked. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (!self->unlocking && self->vault_page == NULL && !sl_vault_get_locked (vault))
        sl_vault_lock (vault);
      return;
    }

  self->unlocking = FALSE;
  sl_unlock_page_set_busy (self->unlock_page, FALSE);

  if (ok && sl_vault_get_locked (vault))
    {
      /* Locked again meanwhile: stay on the unlock page. */
      update_actions (self);
      return;
    }

  if (!ok)
    {
      g_autofree char *message = dup_unlock_error_message (error);

      g_debug ("Unlock failed: %s", error->message);
      sl_unlock_page_set_error (self->unlock_page, message);
      sl_unlock_page_focus (self->unlock_page);
      update_actions (self);
      return;
    }

  _sl_settings_add_recent (self->settings, sl_vault_get_location (vault));
  show_vault_page (self);
}

static void
on_create_dialog_created_cb (SlWindow       *self,
                             SlVault        *vault,
                             SlCreateDialog *dialog)
{
  set_vault (self, vault);
  _sl_settings_add_recent (self->settings, sl_vault_get_location (vault));
  show_vault_page (self);
}

static void
on_open_chooser_response_cb (SlWindow             *self,
                             int                   response,
                             GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) location = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (location != NULL)
        sl_window_open_vault (self, location);
    }

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_clear_object (&self->open_chooser);
}

/* Actions */

static void
create_vault_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  SlWindow *self = SL_WINDOW (widget);

  if (self->create_dialog == NULL)
    {
      self->create_dialog = sl_create_dialog_new (GTK_WINDOW (self));
      g_object_add_weak_pointer (G_OBJECT (self->create_dialog),
                                 (gpointer *) &self->create_dialog);
      g_signal_connect_object (self->create_dialog,
                               "created",
                               G_CALLBACK (on_create_dialog_created_cb),
                               self,
                               G_CONNECT_SWAPPED);
    }

  gtk_window_present (GTK_WINDOW (self->create_dialog));
}

static void
open_vault_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  SlWindow *self = SL_WINDOW (widget);

  if (self->open_chooser != NULL)
    return;

  self->open_chooser = gtk_file_chooser_native_new (_("Open Vault"),
                                                    GTK_WINDOW (self),
                                                    GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                                    _("_Open"),
                                                    _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->open_chooser), TRUE);
  g_signal_connect_object (self->open_chooser,
                           "response",
                           G_CALLBACK (on_open_chooser_response_cb),
                           self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->open_chooser));
}

static void
open_path_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  SlWindow *self = SL_WINDOW (widget);
  g_autoptr(GFile) location = g_file_new_for_path (g_variant_get_string (param, NULL));

  sl_window_open_vault (self, location);
}

static void
unlock_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  SlWindow *self = SL_WINDOW (widget);
  g_autoptr(SlSecret) passphrase = NULL;

  if (self->vault == NULL || self->unlocking || !sl_vault_get_locked (self->vault))
    return;

  if ((passphrase = sl_unlock_page_take_passphrase (self->unlock_page)) == NULL)
    {
      sl_unlock_page_focus (self->unlock_page);
      return;
    }

  /* Actions first: the Cancel button must be sensitive to take the focus. */
  self->unlocking = TRUE;
  update_actions (self);
  sl_unlock_page_set_error (self->unlock_page, NULL);
  sl_unlock_page_set_busy (self->unlock_page, TRUE);

  sl_vault_unlock_async (self->vault,
                         passphrase,
                         self->cancellable,
                         vault_unlocked_cb,
                         g_object_ref (self));
}

static void
cancel_unlock_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  SlWindow *self = SL_WINDOW (widget);

  if (!self->unlocking)
    return;

  /* Cancellation is silent: back to the form, nothing to say. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  self->unlocking = FALSE;
  sl_unlock_page_set_busy (self->unlock_page, FALSE);
  update_actions (self);
}

static void
lock_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  sl_window_lock (SL_WINDOW (widget));
}

static void
show_welcome_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  SlWindow *self = SL_WINDOW (widget);

  show_page (self, "welcome");
  close_vault (self);
  update_actions (self);
}

/* GObject overrides */

static gboolean
sl_window_close_request (GtkWindow *window)
{
  SlWindow *self = SL_WINDOW (window);

  save_window_size (self);

  return GTK_WINDOW_CLASS (sl_window_parent_class)->close_request (window);
}

static void
sl_window_dispose (GObject *object)
{
  SlWindow *self = SL_WINDOW (object);

  g_cancellable_cancel (self->cancellable);

  if (self->vault != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->vault, on_vault_notify_locked_cb, self);

      if (!sl_vault_get_locked (self->vault))
        sl_vault_lock (self->vault);
    }

  if (self->stack != NULL)
    {
      GApplication *application = g_application_get_default ();

      close_secondary_windows (self);
      if (SL_IS_APPLICATION (application))
        sl_application_clear_clipboard (SL_APPLICATION (application));
    }

  if (self->create_dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->create_dialog),
                                    (gpointer *) &self->create_dialog);
      gtk_window_destroy (GTK_WINDOW (self->create_dialog));
      self->create_dialog = NULL;
    }

  if (self->open_chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->open_chooser));
      g_clear_object (&self->open_chooser);
    }

  self->vault_page = NULL;

  gtk_widget_dispose_template (GTK_WIDGET (self), SL_TYPE_WINDOW);

  g_clear_object (&self->vault);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (sl_window_parent_class)->dispose (object);
}

static void
sl_window_finalize (GObject *object)
{
  SlWindow *self = SL_WINDOW (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (sl_window_parent_class)->finalize (object);
}

static void
sl_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  SlWindow *self = SL_WINDOW (object);

  switch (prop_id)
    {
    case PROP_VAULT:
      g_value_set_object (value, self->vault);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_window_class_init (SlWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = sl_window_dispose;
  object_class->finalize = sl_window_finalize;
  object_class->get_property = sl_window_get_property;

  window_class->close_request = sl_window_close_request;

  /**
   * SlWindow:vault:
   *
   * The vault open in the window, locked or not.
   */
  properties[PROP_VAULT] =
    g_param_spec_object ("vault", NULL, NULL,
                         SL_TYPE_VAULT,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               SL_RESOURCE_BASE_PATH "/ui/sl-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SlWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, unlock_page);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, welcome_page);

  gtk_widget_class_install_action (widget_class, "win.create-vault", NULL, create_vault_action);
  gtk_widget_class_install_action (widget_class, "win.open-vault", NULL, open_vault_action);
  gtk_widget_class_install_action (widget_class, "win.open-path", "s", open_path_action);
  gtk_widget_class_install_action (widget_class, "win.unlock", NULL, unlock_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-unlock", NULL, cancel_unlock_action);
  gtk_widget_class_install_action (widget_class, "win.lock", NULL, lock_action);
  gtk_widget_class_install_action (widget_class, "win.show-welcome", NULL, show_welcome_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "win.lock", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.create-vault", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open-vault", NULL);

  g_type_ensure (SL_TYPE_UNLOCK_PAGE);
  g_type_ensure (SL_TYPE_WELCOME_PAGE);
}

static void
sl_window_init (SlWindow *self)
{
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_window_set_title (GTK_WINDOW (self), _("Sightline"));
  gtk_window_set_default_size (GTK_WINDOW (self), 800, 600);

  self->settings = _sl_settings_new ();
  restore_window_size (self);

  if (g_str_has_suffix (APP_ID, ".Devel"))
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  update_actions (self);
}

/* Public API */

/**
 * sl_window_new:
 * @application: (nullable): the application
 *
 * Returns: (transfer floating): a new #SlWindow showing the welcome page
 */
SlWindow *
sl_window_new (GtkApplication *application)
{
  g_return_val_if_fail (!application || GTK_IS_APPLICATION (application), NULL);

  return g_object_new (SL_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

/**
 * sl_window_get_vault:
 * @self: a #SlWindow
 *
 * Returns: (transfer none) (nullable): the vault open in the window
 */
SlVault *
sl_window_get_vault (SlWindow *self)
{
  g_return_val_if_fail (SL_IS_WINDOW (self), NULL);

  return self->vault;
}

/**
 * sl_window_get_visible_page_name:
 * @self: a #SlWindow
 *
 * Returns: (transfer none): "welcome", "unlock" or "main"
 */
const char *
sl_window_get_visible_page_name (SlWindow *self)
{
  g_return_val_if_fail (SL_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

/**
 * sl_window_open_vault:
 * @self: a #SlWindow
 * @location: a vault's folder
 *
 * Asks for the passphrase of the vault at @location, after locking the
 * vault open before, if another. Says so when @location is not a vault.
 */
void
sl_window_open_vault (SlWindow *self,
                      GFile    *location)
{
  g_autoptr(SlVault) vault = NULL;

  g_return_if_fail (SL_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (location));

  if (self->vault != NULL && g_file_equal (sl_vault_get_location (self->vault), location))
    {
      show_page (self, sl_vault_get_locked (self->vault) ? "unlock" : "main");
      return;
    }

  if (!sl_vault_is_vault (location))
    {
      g_autofree char *display = _sl_dup_display_path (location);
      g_autofree char *message = NULL;

      /* Translators: %s is a folder, as in "~/Documents/Inquiry" */
      message = g_strdup_printf (_("%s is not a Sightline vault"), display);
      show_toast (self, message);
      return;
    }

  vault = sl_vault_new (location);
  set_vault (self, vault);
  show_page (self, "unlock");
}

/**
 * sl_window_lock:
 * @self: a #SlWindow
 *
 * Locks the vault open in the window, if unlocked, and stops an unlock
 * under way; then shows the unlock page, closes the dialogs that may show
 * vault data and empties the clipboard if it holds text from the vault.
 * Does all of it even when the vault was already locked.
 */
void
sl_window_lock (SlWindow *self)
{
  g_return_if_fail (SL_IS_WINDOW (self));

  if (self->unlocking)
    {
      /* It would finish behind a locked screen: stop it. */
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
      self->cancellable = g_cancellable_new ();
      self->unlocking = FALSE;
      sl_unlock_page_set_busy (self->unlock_page, FALSE);
    }

  if (self->vault != NULL && !sl_vault_get_locked (self->vault))
    {
      /* Switch first so the stack never falls back to another page. */
      show_page (self, "unlock");
      sl_vault_lock (self->vault);
    }

  /* Again, in case the vault was locked already. */
  forget_vault_data (self);
  update_actions (self);
}
