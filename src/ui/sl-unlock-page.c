/* sl-unlock-page.c
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

#define G_LOG_DOMAIN "sl-unlock-page"

#include "config.h"

#include <glib/gi18n.h>

#include "sl-unlock-page.h"
#include "sl-utils-private.h"

/*
 * SlUnlockPage: asks for the passphrase of a locked vault.
 *
 * The page is a form only: its buttons activate `win.unlock` and
 * `win.cancel-unlock`, and the window runs the unlock, which owns the
 * cancellable. The passphrase leaves the entry through
 * sl_unlock_page_take_passphrase(), which empties the entry.
 */
struct _SlUnlockPage
{
  AdwBin               parent_instance;

  /* Template widgets */
  AdwStatusPage       *status_page;
  AdwPasswordEntryRow *passphrase_row;
  GtkLabel            *error_label;
  GtkStack            *action_stack;
  GtkButton           *unlock_button;
  GtkButton           *cancel_button;
  GtkButton           *back_button;
  GtkSpinner          *spinner;

  /* Owned references */
  SlVault             *vault;

  /* State */
  guint                busy : 1;
};

G_DEFINE_FINAL_TYPE (SlUnlockPage, sl_unlock_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_VAULT,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
on_passphrase_row_entry_activated_cb (SlUnlockPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.unlock", NULL);
}

static void
on_passphrase_row_changed_cb (SlUnlockPage *self)
{
  /* Typing again answers the error: take it away. */
  if (gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row))[0] != '\0')
    sl_unlock_page_set_error (self, NULL);
}

static void
sl_unlock_page_dispose (GObject *object)
{
  SlUnlockPage *self = SL_UNLOCK_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SL_TYPE_UNLOCK_PAGE);

  g_clear_object (&self->vault);

  G_OBJECT_CLASS (sl_unlock_page_parent_class)->dispose (object);
}

static void
sl_unlock_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  SlUnlockPage *self = SL_UNLOCK_PAGE (object);

  switch (prop_id)
    {
    case PROP_VAULT:
      g_value_set_object (value, self->vault);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_unlock_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  SlUnlockPage *self = SL_UNLOCK_PAGE (object);

  switch (prop_id)
    {
    case PROP_VAULT:
      sl_unlock_page_set_vault (self, g_value_get_object (value));
      break;

    case PROP_BUSY:
      sl_unlock_page_set_busy (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_unlock_page_class_init (SlUnlockPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_unlock_page_dispose;
  object_class->get_property = sl_unlock_page_get_property;
  object_class->set_property = sl_unlock_page_set_property;

  /**
   * SlUnlockPage:vault:
   *
   * The vault to unlock.
   */
  properties[PROP_VAULT] =
    g_param_spec_object ("vault", NULL, NULL,
                         SL_TYPE_VAULT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * SlUnlockPage:busy:
   *
   * Whether an unlock is running: the form is then read-only and a
   * spinner and a Cancel button replace the Unlock button.
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               SL_RESOURCE_BASE_PATH "/ui/sl-unlock-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SlUnlockPage, action_stack);
  gtk_widget_class_bind_template_child (widget_class, SlUnlockPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, SlUnlockPage, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, SlUnlockPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, SlUnlockPage, passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, SlUnlockPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, SlUnlockPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, SlUnlockPage, unlock_button);
  gtk_widget_class_bind_template_callback (widget_class, on_passphrase_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_passphrase_row_entry_activated_cb);
}

static void
sl_unlock_page_init (SlUnlockPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * sl_unlock_page_new:
 *
 * Returns: (transfer floating): a new #SlUnlockPage
 */
GtkWidget *
sl_unlock_page_new (void)
{
  return g_object_new (SL_TYPE_UNLOCK_PAGE, NULL);
}

/**
 * sl_unlock_page_get_vault:
 * @self: a #SlUnlockPage
 *
 * Returns: (transfer none) (nullable): the vault to unlock
 */
SlVault *
sl_unlock_page_get_vault (SlUnlockPage *self)
{
  g_return_val_if_fail (SL_IS_UNLOCK_PAGE (self), NULL);

  return self->vault;
}

/**
 * sl_unlock_page_set_vault:
 * @self: a #SlUnlockPage
 * @vault: (nullable): the vault to unlock
 *
 * Shows @vault's name and clears the form.
 */
void
sl_unlock_page_set_vault (SlUnlockPage *self,
                          SlVault      *vault)
{
  g_return_if_fail (SL_IS_UNLOCK_PAGE (self));
  g_return_if_fail (!vault || SL_IS_VAULT (vault));

  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_row), "");
  sl_unlock_page_set_error (self, NULL);

  if (!g_set_object (&self->vault, vault))
    return;

  if (vault != NULL)
    {
      g_autoptr(GFile) parent = g_file_get_parent (sl_vault_get_location (vault));
      g_autofree char *where = NULL;
      g_autofree char *description = NULL;

      adw_status_page_set_title (self->status_page, sl_vault_get_name (vault));

      if (parent != NULL)
        {
          where = _sl_dup_display_path (parent);
          /* Translators: %s is the folder holding the vault, as in "~/Documents" */
          description = g_strdup_printf (_("Enter the passphrase to unlock this vault in %s"), where);
          adw_status_page_set_description (self->status_page, description);
        }
      else
        adw_status_page_set_description (self->status_page,
                                         _("Enter the passphrase to unlock this vault"));
    }
  else
    {
      adw_status_page_set_title (self->status_page, NULL);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VAULT]);
}

gboolean
sl_unlock_page_get_busy (SlUnlockPage *self)
{
  g_return_val_if_fail (SL_IS_UNLOCK_PAGE (self), FALSE);

  return self->busy;
}

/**
 * sl_unlock_page_set_busy:
 * @self: a #SlUnlockPage
 * @busy: whether an unlock is running
 *
 * Switches between the form and the "Unlocking…" state.
 */
void
sl_unlock_page_set_busy (SlUnlockPage *self,
                         gboolean      busy)
{
  g_return_if_fail (SL_IS_UNLOCK_PAGE (self));

  busy = !!busy;

  if (self->busy == busy)
    return;

  self->busy = busy;

  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_stack_set_visible_child_name (self->action_stack, busy ? "busy" : "idle");

  /* Move the focus before the entry goes insensitive: a GtkText losing
   * sensitivity while focused keeps blinking and warns. */
  if (busy)
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

      if (!gtk_widget_grab_focus (GTK_WIDGET (self->cancel_button)) &&
          focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->passphrase_row)))
        gtk_root_set_focus (root, NULL);

      gtk_widget_set_sensitive (GTK_WIDGET (self->passphrase_row), FALSE);
    }
  else
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->passphrase_row), TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_row));
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/**
 * sl_unlock_page_set_error:
 * @self: a #SlUnlockPage
 * @message: (nullable): a sentence for the person unlocking, or %NULL
 *
 * Shows @message under the passphrase, or hides it.
 */
void
sl_unlock_page_set_error (SlUnlockPage *self,
                          const char   *message)
{
  g_return_if_fail (SL_IS_UNLOCK_PAGE (self));

  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);

  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->passphrase_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->passphrase_row), "error");
}

/**
 * sl_unlock_page_take_passphrase:
 * @self: a #SlUnlockPage
 *
 * Moves the passphrase typed into guarded memory and empties the entry.
 *
 * Returns: (transfer full) (nullable): the passphrase, or %NULL if
 *   nothing was typed
 */
SlSecret *
sl_unlock_page_take_passphrase (SlUnlockPage *self)
{
  const char *text;
  SlSecret *secret;

  g_return_val_if_fail (SL_IS_UNLOCK_PAGE (self), NULL);

  text = gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row));

  if (text == NULL || text[0] == '\0')
    return NULL;

  secret = sl_secret_new_from_string (text);
  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_row), "");

  return secret;
}

/**
 * sl_unlock_page_focus:
 * @self: a #SlUnlockPage
 *
 * Puts the keyboard focus in the passphrase entry.
 */
void
sl_unlock_page_focus (SlUnlockPage *self)
{
  g_return_if_fail (SL_IS_UNLOCK_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_row));
}
