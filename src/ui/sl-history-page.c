/* sl-history-page.c
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

#define G_LOG_DOMAIN "sl-history-page"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "sl-change-log.h"
#include "sl-history-page.h"
#include "sl-record.h"
#include "sl-utils-private.h"

/*
 * SlHistoryPage: a record's changes from the log, newest first: what
 * changed ("Set Age to 15"), who, when and from which device.
 */
struct _SlHistoryPage
{
  AdwBin          parent_instance;

  /* Template widgets */
  AdwWindowTitle *window_title;
  GtkListBox     *list;
};

G_DEFINE_FINAL_TYPE (SlHistoryPage, sl_history_page, ADW_TYPE_BIN)

/* Helpers */

static char *
describe_change (SlRecordType *type,
                 SlChange     *change)
{
  if (g_strcmp0 (change->op, "create") == 0)
    return g_strdup (_("Created"));
  if (g_strcmp0 (change->op, "delete") == 0)
    return g_strdup (_("Deleted"));
  if (g_strcmp0 (change->op, "undelete") == 0)
    return g_strdup (_("Restored"));

  if (g_strcmp0 (change->op, "set") == 0)
    {
      SlField *field = type ? sl_record_type_lookup_field (type, change->field, NULL) : NULL;
      g_autoptr(JsonNode) value = change->value ? sl_value_from_json (change->value, NULL) : NULL;
      g_autofree char *text = NULL;
      const char *label = field ? field->label : change->field;

      if (field != NULL && value != NULL)
        text = sl_field_format_value (field, value);
      else
        text = g_strdup (change->value ? change->value : "");

      if (text[0] == '\0')
        /* Translators: %s is a field's label */
        return g_strdup_printf (_("Cleared %s"), label);
      /* Translators: a change: "Set Age to 15" */
      return g_strdup_printf (_("Set %s to %s"), label, text);
    }

  return g_strdup (change->op);
}

static char *
describe_when (SlChange *change)
{
  gint64 ms = change->hlc ? g_ascii_strtoll (change->hlc, NULL, 10) : 0;
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (ms / 1000);
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;
  g_autofree char *when = local ? g_date_time_format (local, "%e %B %Y, %H:%M") : g_strdup ("?");
  g_autofree char *device = g_strndup (change->device ? change->device : "", 8);

  g_strstrip (when);
  /* Translators: who made a change, when, and the device's short id */
  return g_strdup_printf (_("%s · %s · device %s"),
                          change->author && change->author[0] ? change->author : _("Unknown author"),
                          when, device);
}

/* GObject overrides */

static void
sl_history_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SL_TYPE_HISTORY_PAGE);

  G_OBJECT_CLASS (sl_history_page_parent_class)->dispose (object);
}

static void
sl_history_page_class_init (SlHistoryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_history_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               SL_RESOURCE_BASE_PATH "/ui/sl-history-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SlHistoryPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, SlHistoryPage, list);
}

static void
sl_history_page_init (SlHistoryPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

/**
 * sl_history_page_new:
 * @vault: an unlocked vault
 * @record_id: a record's id
 *
 * Returns: (transfer floating): the record's history
 */
GtkWidget *
sl_history_page_new (SlVault    *vault,
                     const char *record_id)
{
  g_autoptr(SlRecord) record = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GError) error = NULL;
  SlRecordType *type = NULL;
  SlHistoryPage *self;

  g_return_val_if_fail (SL_IS_VAULT (vault), NULL);
  g_return_val_if_fail (record_id != NULL, NULL);

  self = g_object_new (SL_TYPE_HISTORY_PAGE, NULL);

  if ((record = sl_vault_load_record (vault, record_id, NULL)) != NULL)
    {
      type = sl_codebook_lookup_type (sl_vault_get_codebook (vault),
                                      sl_record_get_record_type (record), NULL);
      adw_window_title_set_subtitle (self->window_title, sl_record_get_title (record));
    }

  if (!(changes = sl_vault_dup_history (vault, record_id, &error)))
    {
      g_warning ("Cannot read the history of %s: %s", record_id, error->message);
      return GTK_WIDGET (self);
    }

  /* The log is oldest first; show the newest first. */
  for (guint i = changes->len; i > 0; i--)
    {
      SlChange *change = g_ptr_array_index (changes, i - 1);
      g_autofree char *what = describe_change (type, change);
      g_autofree char *when = describe_when (change);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), what);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), when);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
      gtk_list_box_append (self->list, row);
    }

  return GTK_WIDGET (self);
}

/**
 * sl_history_page_get_list:
 * @self: a #SlHistoryPage
 *
 * Returns: (transfer none): the list of changes, one #AdwActionRow each
 */
GtkListBox *
sl_history_page_get_list (SlHistoryPage *self)
{
  g_return_val_if_fail (SL_IS_HISTORY_PAGE (self), NULL);

  return self->list;
}
