/* sl-welcome-page.c
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

#define G_LOG_DOMAIN "sl-welcome-page"

#include "config.h"

#include <glib/gi18n.h>

#include "sl-vault.h"
#include "sl-utils-private.h"
#include "sl-welcome-page.h"

/*
 * SlWelcomePage: the first page. It offers to create a vault or open one,
 * and lists the vaults opened recently (GSettings `recent-vaults`). Each row
 * activates `win.open-path` with the vault's path.
 */
struct _SlWelcomePage
{
  AdwBin               parent_instance;

  /* Template widgets */
  AdwStatusPage       *status_page;
  AdwPreferencesGroup *recent_group;
  GtkListBox          *recent_list;

  /* Owned references */
  GSettings           *settings;
  GtkStringList       *recent;
};

G_DEFINE_FINAL_TYPE (SlWelcomePage, sl_welcome_page, ADW_TYPE_BIN)

static void
reload_recent (SlWelcomePage *self)
{
  g_auto(GStrv) paths = NULL;
  guint n_items;

  if (self->settings != NULL)
    paths = g_settings_get_strv (self->settings, "recent-vaults");

  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->recent));
  gtk_string_list_splice (self->recent, 0, n_items, (const char * const *) paths);

  gtk_widget_set_visible (GTK_WIDGET (self->recent_group),
                          paths != NULL && paths[0] != NULL);
}

static void
on_remove_button_clicked_cb (GtkButton     *button,
                             SlWelcomePage *self)
{
  const char *path = g_object_get_data (G_OBJECT (button), "sl-path");

  _sl_settings_remove_recent (self->settings, path);
}

static GtkWidget *
create_recent_row (gpointer item,
                   gpointer user_data)
{
  SlWelcomePage *self = user_data;
  const char *path = gtk_string_object_get_string (item);
  g_autoptr(GFile) location = g_file_new_for_path (path);
  g_autoptr(GFile) parent = g_file_get_parent (location);
  g_autoptr(SlVault) vault = sl_vault_new (location);
  g_autofree char *where = NULL;
  GtkWidget *row;

  where = parent != NULL ? _sl_dup_display_path (parent) : g_strdup (path);

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), sl_vault_get_name (vault));

  if (sl_vault_is_vault (location))
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), where);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 g_object_new (GTK_TYPE_IMAGE,
                                               "icon-name", "go-next-symbolic",
                                               "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                               NULL));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.open-path");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", path);
    }
  else
    {
      g_autofree char *subtitle = NULL;
      GtkWidget *button;

      /* Translators: %s is a folder, as in "~/Documents" */
      subtitle = g_strdup_printf (_("Not found in %s"), where);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_add_css_class (row, "sl-missing");
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

      button = gtk_button_new_from_icon_name ("window-close-symbolic");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_add_css_class (button, "circular");
      gtk_widget_set_tooltip_text (button, _("Remove From List"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove From List"),
                                      -1);
      g_object_set_data_full (G_OBJECT (button), "sl-path", g_strdup (path), g_free);
      g_signal_connect_object (button, "clicked",
                               G_CALLBACK (on_remove_button_clicked_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }

  return row;
}

static void
on_settings_changed_cb (SlWelcomePage *self,
                        const char    *key,
                        GSettings     *settings)
{
  reload_recent (self);
}

static void
sl_welcome_page_map (GtkWidget *widget)
{
  SlWelcomePage *self = SL_WELCOME_PAGE (widget);

  /* A vault may have come back (a drive plugged in) or gone since. */
  reload_recent (self);

  GTK_WIDGET_CLASS (sl_welcome_page_parent_class)->map (widget);
}

static void
sl_welcome_page_dispose (GObject *object)
{
  SlWelcomePage *self = SL_WELCOME_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SL_TYPE_WELCOME_PAGE);

  g_clear_object (&self->settings);
  g_clear_object (&self->recent);

  G_OBJECT_CLASS (sl_welcome_page_parent_class)->dispose (object);
}

static void
sl_welcome_page_class_init (SlWelcomePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_welcome_page_dispose;

  widget_class->map = sl_welcome_page_map;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               SL_RESOURCE_BASE_PATH "/ui/sl-welcome-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SlWelcomePage, recent_group);
  gtk_widget_class_bind_template_child (widget_class, SlWelcomePage, recent_list);
  gtk_widget_class_bind_template_child (widget_class, SlWelcomePage, status_page);
}

static void
sl_welcome_page_init (SlWelcomePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  adw_status_page_set_icon_name (self->status_page, APP_ID);

  self->recent = gtk_string_list_new (NULL);
  gtk_list_box_bind_model (self->recent_list,
                           G_LIST_MODEL (self->recent),
                           create_recent_row,
                           self,
                           NULL);

  self->settings = _sl_settings_new ();
  if (self->settings != NULL)
    g_signal_connect_object (self->settings,
                             "changed::recent-vaults",
                             G_CALLBACK (on_settings_changed_cb),
                             self,
                             G_CONNECT_SWAPPED);

  reload_recent (self);
}

/**
 * sl_welcome_page_new:
 *
 * Returns: (transfer floating): a new #SlWelcomePage
 */
GtkWidget *
sl_welcome_page_new (void)
{
  return g_object_new (SL_TYPE_WELCOME_PAGE, NULL);
}
