/* sl-vault-page.c
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

#define G_LOG_DOMAIN "sl-vault-page"

#include "config.h"

#include "sl-utils-private.h"
#include "sl-vault-page.h"

/*
 * SlVaultPage: the main page, shown while a vault is unlocked. The window
 * builds one on unlock and destroys it on lock, so nothing read from the
 * vault outlives the key.
 */
struct _SlVaultPage
{
  AdwBin          parent_instance;

  /* Template widgets */
  AdwWindowTitle *window_title;
  GtkButton      *lock_button;
  AdwStatusPage  *empty_page;

  /* Owned references */
  SlVault        *vault;
};

G_DEFINE_FINAL_TYPE (SlVaultPage, sl_vault_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_VAULT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_title (SlVaultPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  const char *name;

  name = sl_vault_get_name (self->vault);
  title = sl_vault_dup_title (self->vault, &error);

  if (title == NULL)
    g_debug ("Cannot read the vault's title: %s", error->message);

  /* The folder name usually is the title; show the title only when it says
   * something more, and otherwise where the vault is. */
  if (title != NULL && title[0] != '\0' && g_strcmp0 (title, name) != 0)
    {
      subtitle = g_steal_pointer (&title);
    }
  else
    {
      g_autoptr(GFile) parent = g_file_get_parent (sl_vault_get_location (self->vault));

      if (parent != NULL)
        subtitle = _sl_dup_display_path (parent);
    }

  adw_window_title_set_title (self->window_title, name);
  adw_window_title_set_subtitle (self->window_title, subtitle);
}

static void
sl_vault_page_constructed (GObject *object)
{
  SlVaultPage *self = SL_VAULT_PAGE (object);

  G_OBJECT_CLASS (sl_vault_page_parent_class)->constructed (object);

  g_assert (SL_IS_VAULT (self->vault));

  update_title (self);
}

static void
sl_vault_page_dispose (GObject *object)
{
  SlVaultPage *self = SL_VAULT_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SL_TYPE_VAULT_PAGE);

  g_clear_object (&self->vault);

  G_OBJECT_CLASS (sl_vault_page_parent_class)->dispose (object);
}

static void
sl_vault_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  SlVaultPage *self = SL_VAULT_PAGE (object);

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
sl_vault_page_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  SlVaultPage *self = SL_VAULT_PAGE (object);

  switch (prop_id)
    {
    case PROP_VAULT:
      self->vault = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_vault_page_class_init (SlVaultPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sl_vault_page_constructed;
  object_class->dispose = sl_vault_page_dispose;
  object_class->get_property = sl_vault_page_get_property;
  object_class->set_property = sl_vault_page_set_property;

  /**
   * SlVaultPage:vault:
   *
   * The unlocked vault shown.
   */
  properties[PROP_VAULT] =
    g_param_spec_object ("vault", NULL, NULL,
                         SL_TYPE_VAULT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               SL_RESOURCE_BASE_PATH "/ui/sl-vault-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SlVaultPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, SlVaultPage, lock_button);
  gtk_widget_class_bind_template_child (widget_class, SlVaultPage, window_title);
}

static void
sl_vault_page_init (SlVaultPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * sl_vault_page_new:
 * @vault: an unlocked vault
 *
 * Returns: (transfer floating): a new #SlVaultPage showing @vault
 */
GtkWidget *
sl_vault_page_new (SlVault *vault)
{
  g_return_val_if_fail (SL_IS_VAULT (vault), NULL);

  return g_object_new (SL_TYPE_VAULT_PAGE,
                       "vault", vault,
                       NULL);
}

/**
 * sl_vault_page_get_vault:
 * @self: a #SlVaultPage
 *
 * Returns: (transfer none): the vault shown
 */
SlVault *
sl_vault_page_get_vault (SlVaultPage *self)
{
  g_return_val_if_fail (SL_IS_VAULT_PAGE (self), NULL);

  return self->vault;
}
