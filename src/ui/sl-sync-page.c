/* sl-sync-page.c
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

#define G_LOG_DOMAIN "sl-sync-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sl-bundle.h"
#include "sl-change-log.h"
#include "sl-codebook.h"
#include "sl-identity.h"
#include "sl-sync-page.h"
#include "sl-utils-private.h"

/*
 * SlSyncPage: how this vault exchanges changes with the other devices of
 * the inquiry (the other laptops, the secretariat). In groups:
 *
 * - This Device: the fingerprint to read aloud, and the card to give;
 * - Trusted Devices: the peers, added from their cards (after comparing
 *   fingerprints) and removed after a confirmation;
 * - Send Changes: a bundle per peer, written into a chosen folder;
 * - Receive Changes: a bundle is read first (a dry run) and what it would
 *   change shown; only then imported;
 * - Conflicts: the values competing for a field, one to keep.
 *
 * Bundles are written and read in a worker thread (one job at a time),
 * with a progress bar and a Cancel button. The job does not keep the
 * page alive: the page cancels it when it goes, and the job's callback
 * finds the page through a weak reference.
 */

typedef enum
{
  JOB_EXPORT,
  JOB_PREVIEW,
  JOB_IMPORT,
} JobKind;

struct _SlSyncPage
{
  AdwBin                parent_instance;

  /* Template widgets */
  GtkButton            *back_button;
  GtkLabel             *fingerprint_label;
  AdwPreferencesGroup  *peers_group;
  AdwPreferencesGroup  *send_group;
  AdwPreferencesGroup  *conflicts_group;
  GtkWidget            *send_progress_box;
  GtkLabel             *send_progress_label;
  GtkProgressBar       *send_progress;
  GtkButton            *send_cancel_button;
  GtkWidget            *receive_progress_box;
  GtkLabel             *receive_progress_label;
  GtkProgressBar       *receive_progress;
  GtkButton            *receive_cancel_button;

  /* Owned references */
  SlVault              *vault;
  GCancellable         *cancellable;    /* the job running, or NULL */
  GtkFileChooserNative *chooser;
  GFile                *last_export;
  char                 *chooser_peer;   /* whom the folder chooser is for */
  gboolean              chooser_everything; /* and whether for every change */
  char                 *fingerprint;
  char                 *conflicts_shown; /* what the conflict rows show */

  /* Borrowed references */
  GPtrArray            *peer_rows;      /* rows of peers_group */
  GPtrArray            *send_rows;      /* rows of send_group */
  GPtrArray            *conflict_rows;  /* rows of conflicts_group */
  AdwMessageDialog     *dialog;         /* the dialog shown; a weak pointer */

  /* State */
  JobKind               job_kind;
  guint                 refresh_id;
};

G_DEFINE_FINAL_TYPE (SlSyncPage, sl_sync_page, ADW_TYPE_BIN)

/* Progress, from the worker thread to the main loop */

typedef struct
{
  GMutex   mutex;
  double   fraction;
  gboolean queued;
  GWeakRef bar;        /* GtkProgressBar, used in the main thread only */
} Progress;

static void
progress_clear (gpointer data)
{
  Progress *p = data;

  g_mutex_clear (&p->mutex);
  g_weak_ref_clear (&p->bar);
}

static Progress *
progress_new (GtkProgressBar *bar)
{
  Progress *p = g_atomic_rc_box_new0 (Progress);

  g_mutex_init (&p->mutex);
  g_weak_ref_init (&p->bar, bar);
  return p;
}

static void
progress_unref (gpointer data)
{
  g_atomic_rc_box_release_full (data, progress_clear);
}

static gboolean
progress_idle_cb (gpointer data)
{
  Progress *p = data;
  g_autoptr(GtkProgressBar) bar = g_weak_ref_get (&p->bar);
  double fraction;

  g_mutex_lock (&p->mutex);
  fraction = p->fraction;
  p->queued = FALSE;
  g_mutex_unlock (&p->mutex);

  if (bar != NULL)
    gtk_progress_bar_set_fraction (bar, CLAMP (fraction, 0.0, 1.0));
  return G_SOURCE_REMOVE;
}

/* Called in the worker thread. Not g_main_context_invoke(): it runs the
 * function in the calling thread whenever that thread can acquire the
 * main context, and widgets belong to the main thread. An idle source
 * runs where the main loop runs. At most one is pending at a time. */
static void
progress_cb (double   fraction,
             gpointer data)
{
  Progress *p = data;
  gboolean queue;

  g_mutex_lock (&p->mutex);
  p->fraction = fraction;
  queue = !p->queued;
  p->queued = TRUE;
  g_mutex_unlock (&p->mutex);

  if (queue)
    g_idle_add_full (G_PRIORITY_DEFAULT, progress_idle_cb, g_atomic_rc_box_acquire (p),
                     progress_unref);
}

/* Jobs: writing a bundle, reading one (a dry run), importing one */

typedef struct
{
  JobKind   kind;
  GWeakRef  page;
  SlVault  *vault;
  char     *peer_id;
  char     *peer_name;
  GFile    *file;
  Progress *progress;
  gboolean  everything;   /* export: every change, acknowledged or not */
} Job;

static void
job_free (Job *job)
{
  g_weak_ref_clear (&job->page);
  g_clear_object (&job->vault);
  g_clear_pointer (&job->peer_id, g_free);
  g_clear_pointer (&job->peer_name, g_free);
  g_clear_object (&job->file);
  g_clear_pointer (&job->progress, progress_unref);
  g_free (job);
}

static void
job_thread (GTask        *task,
            gpointer      source,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;
  SlBundleSummary *summary;

  if (job->kind == JOB_EXPORT)
    summary = (!job->everything || sl_vault_forget_peer_acks (job->vault, job->peer_id, &error)) ?
              sl_vault_export_bundle (job->vault, job->peer_id, job->file,
                                      progress_cb, job->progress, cancellable, &error) : NULL;
  else
    summary = sl_vault_import_bundle (job->vault, job->file, job->kind == JOB_PREVIEW,
                                      progress_cb, job->progress, cancellable, &error);

  if (summary != NULL)
    g_task_return_pointer (task, summary, (GDestroyNotify) sl_bundle_summary_free);
  else if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, "No summary and no error");
}

/* Helpers */

static void
toast (SlSyncPage *self,
       const char *message)
{
  /* A toast's title is markup; names and file names are not. */
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  /* The vault page shows it; a page on its own has nowhere to. */
  if (!gtk_widget_activate_action (GTK_WIDGET (self), "page.toast", "s", escaped))
    g_message ("%s", message);
}

static void
forget_dialog (SlSyncPage *self)
{
  if (self->dialog == NULL)
    return;
  g_object_remove_weak_pointer (G_OBJECT (self->dialog), (gpointer *) &self->dialog);
  gtk_window_destroy (GTK_WINDOW (self->dialog));
  self->dialog = NULL;
}

/* A modal message over the window, the only one the page shows. */
static AdwMessageDialog *
message_dialog_new (SlSyncPage *self,
                    const char *heading,
                    const char *body)
{
  AdwMessageDialog *dialog;

  forget_dialog (self);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (_sl_widget_get_window (GTK_WIDGET (self)), heading, body));
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  self->dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->dialog);
  return dialog;
}

/* A blocking error: what failed, then the core's words, which say what
 * was wrong and what to do. */
static void
show_error (SlSyncPage *self,
            const char *heading,
            const char *message)
{
  AdwMessageDialog *dialog = message_dialog_new (self, heading, message);

  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

/* "14 May 2026, 09:30", in local time, from ISO 8601. */
static char *
format_when (const char *iso)
{
  g_autoptr(GDateTime) utc = iso != NULL ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;

  if (local == NULL)
    return g_strdup (iso != NULL ? iso : "");
  return g_strstrip (g_date_time_format (local, "%e %B %Y, %H:%M"));
}

/* A name as part of a file name: letters and digits, the rest as "-". */
static char *
file_name_part (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  GString *out = g_string_new (NULL);

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c) || c == '_')
        g_string_append_unichar (out, c);
      else if (out->len > 0 && out->str[out->len - 1] != '-')
        g_string_append_c (out, '-');
    }
  while (out->len > 0 && out->str[out->len - 1] == '-')
    g_string_truncate (out, out->len - 1);
  if (out->len == 0)
    g_string_append (out, "device");
  return g_string_free (out, FALSE);
}

/* <vault>-to-<peer>-<YYYYMMDD-HHMM>.slbundle in @folder, with a number
 * added when two are made within a minute. */
static GFile *
bundle_file (SlSyncPage *self,
             GFile      *folder,
             const char *peer_name)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M");
  g_autofree char *from = file_name_part (sl_vault_get_name (self->vault));
  g_autofree char *to = file_name_part (peer_name);
  GFile *file = NULL;

  for (guint i = 1; i < 100; i++)
    {
      g_autofree char *name = NULL;

      g_clear_object (&file);
      if (i == 1)
        name = g_strdup_printf ("%s-to-%s-%s.slbundle", from, to, stamp);
      else
        name = g_strdup_printf ("%s-to-%s-%s-%u.slbundle", from, to, stamp, i);
      file = g_file_get_child (folder, name);
      if (!g_file_query_exists (file, NULL))
        break;
    }
  return file;
}

static SlPeer *
dup_peer (SlSyncPage *self,
          const char *id)
{
  g_autoptr(GPtrArray) peers = sl_vault_list_peers (self->vault, NULL);

  for (guint i = 0; peers != NULL && i < peers->len; i++)
    {
      SlPeer *peer = g_ptr_array_index (peers, i);

      if (g_strcmp0 (peer->id, id) == 0)
        return g_ptr_array_steal_index (peers, i);
    }
  return NULL;
}

static void
update_actions (SlSyncPage *self)
{
  gboolean idle = self->cancellable == NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sync.export", idle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sync.export-everything", idle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sync.import", idle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sync.remove-device", idle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sync.keep", idle);
}

static void
clear_rows (AdwPreferencesGroup *group,
            GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

static GtkWidget *
placeholder_row_new (const char *name,
                     const char *title,
                     const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  gtk_widget_set_name (row, name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_add_css_class (row, "dim-label");
  return row;
}

/* The send row's menu: other ways to write a bundle for @peer. */
static GtkWidget *
export_menu_button_new (SlPeer *peer)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenuItem) item = g_menu_item_new (_("Export _Every Change…"), NULL);
  g_autofree char *name = NULL;
  GtkWidget *button;

  g_menu_item_set_action_and_target_value (item, "sync.export-everything",
                                           g_variant_new_string (peer->id));
  g_menu_append_item (menu, item);
  button = g_object_new (GTK_TYPE_MENU_BUTTON,
                         "icon-name", "view-more-symbolic",
                         "menu-model", menu,
                         "valign", GTK_ALIGN_CENTER,
                         "tooltip-text", _("Other Ways to Export"),
                         NULL);
  gtk_widget_set_name (button, "export-menu");
  gtk_widget_add_css_class (button, "flat");
  /* Translators: %s is a trusted device's name */
  name = g_strdup_printf (_("Other Ways to Export for “%s”"), peer->name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  return button;
}

/* A row naming @peer; markup off: the name comes from a card. */
static GtkWidget *
peer_row_new (SlPeer     *peer,
              const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  gtk_widget_set_name (row, peer->id);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), peer->name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

static void
refresh_peers (SlSyncPage *self)
{
  g_autoptr(GPtrArray) peers = NULL;
  g_autoptr(GError) error = NULL;

  clear_rows (self->peers_group, self->peer_rows);
  clear_rows (self->send_group, self->send_rows);

  if (!(peers = sl_vault_list_peers (self->vault, &error)))
    {
      g_debug ("Cannot list the peers: %s", error->message);
      peers = g_ptr_array_new ();
    }

  if (peers->len == 0)
    {
      GtkWidget *row = placeholder_row_new ("no-peers", _("No trusted devices yet"),
                                            _("Add the card of another laptop or of the secretariat"));
      GtkWidget *send = placeholder_row_new ("no-peers", _("No device to send changes to"),
                                             _("Add a trusted device first"));

      adw_preferences_group_add (self->peers_group, row);
      g_ptr_array_add (self->peer_rows, row);
      adw_preferences_group_add (self->send_group, send);
      g_ptr_array_add (self->send_rows, send);
    }

  for (guint i = 0; i < peers->len; i++)
    {
      SlPeer *peer = g_ptr_array_index (peers, i);
      g_autofree char *subtitle = NULL;
      g_autofree char *remove_name = NULL;
      g_autofree char *export_name = NULL;
      GtkWidget *row;
      GtkWidget *button;

      /* Translators: a trusted device's fingerprint (digits), then its id */
      subtitle = g_strdup_printf (_("Fingerprint %s · id %s"), peer->fingerprint, peer->id);
      row = peer_row_new (peer, subtitle);
      button = g_object_new (GTK_TYPE_BUTTON,
                             "icon-name", "user-trash-symbolic",
                             "valign", GTK_ALIGN_CENTER,
                             "tooltip-text", _("Remove this device: its bundles will be refused"),
                             "action-name", "sync.remove-device",
                             "action-target", g_variant_new_string (peer->id),
                             NULL);
      gtk_widget_set_name (button, "remove");
      gtk_widget_add_css_class (button, "flat");
      /* Translators: %s is a trusted device's name */
      remove_name = g_strdup_printf (_("Remove “%s”"), peer->name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, remove_name, -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_preferences_group_add (self->peers_group, row);
      g_ptr_array_add (self->peer_rows, row);

      row = peer_row_new (peer, _("The changes it has not had yet"));
      button = g_object_new (GTK_TYPE_BUTTON,
                             "label", _("_Export Bundle…"),
                             "use-underline", TRUE,
                             "valign", GTK_ALIGN_CENTER,
                             "tooltip-text", _("Choose a folder; the bundle is written there"),
                             "action-name", "sync.export",
                             "action-target", g_variant_new_string (peer->id),
                             NULL);
      gtk_widget_set_name (button, "export");
      /* Translators: %s is a trusted device's name */
      export_name = g_strdup_printf (_("Export a Bundle for “%s”"), peer->name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, export_name, -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), export_menu_button_new (peer));
      adw_preferences_group_add (self->send_group, row);
      g_ptr_array_add (self->send_rows, row);
    }
}

/* A competing value as a person reads it. */
static const char *
value_text (SlConflictValue *value)
{
  if (g_strcmp0 (value->op, "delete") == 0)
    return _("Deleted");
  if (g_strcmp0 (value->op, "undelete") == 0)
    return _("Restored");
  if (value->value == NULL || value->text == NULL || value->text[0] == '\0')
    return _("(empty)");
  return value->text;
}

/* Who made a value, when, on which device (@devices: the trusted
 * devices' names, by device id). */
static char *
describe_value (SlSyncPage      *self,
                SlConflictValue *value,
                GHashTable      *devices)
{
  g_autofree char *when = format_when (value->when);
  g_autofree char *device = NULL;
  const char *peer = value->device != NULL ? g_hash_table_lookup (devices, value->device) : NULL;

  if (g_strcmp0 (value->device, sl_vault_get_device_id (self->vault)) == 0)
    device = g_strdup (_("this device"));
  else if (peer != NULL)
    device = g_strdup (peer);
  else
    {
      g_autofree char *short_id = g_strndup (value->device != NULL ? value->device : "", 8);

      /* Translators: %s is a device's short id */
      device = g_strdup_printf (_("device %s"), short_id);
    }
  /* Translators: who made a change, when, and on which device */
  return g_strdup_printf (_("%s · %s · %s"),
                          value->author && value->author[0] ? value->author : _("Unknown author"),
                          when, device);
}

static GtkWidget *
value_row_new (SlSyncPage      *self,
               SlConflict      *conflict,
               SlConflictValue *value,
               gboolean         in_force,
               GHashTable      *devices)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = describe_value (self, value, devices);
  g_autofree char *keep_name = NULL;
  const char *text = value_text (value);
  GtkWidget *button;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  if (in_force)
    {
      GtkWidget *label = gtk_label_new (_("In force"));

      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "caption");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }

  button = g_object_new (GTK_TYPE_BUTTON,
                         "label", _("_Keep This"),
                         "use-underline", TRUE,
                         "valign", GTK_ALIGN_CENTER,
                         "tooltip-text", _("Keep this value; the others stay in the history"),
                         "action-name", "sync.keep",
                         "action-target", g_variant_new ("(sss)", conflict->record,
                                                         conflict->field ? conflict->field : "",
                                                         value->clock),
                         NULL);
  gtk_widget_set_name (button, "keep");
  /* Translators: %s is one of the values competing in a conflict */
  keep_name = g_strdup_printf (_("Keep “%s”"), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, keep_name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle,
                                  -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

/* What identifies a list of conflicts: each one's values, by clock. */
static char *
conflicts_key (GPtrArray *conflicts)
{
  GString *key = g_string_new (NULL);

  for (guint i = 0; i < conflicts->len; i++)
    {
      SlConflict *conflict = g_ptr_array_index (conflicts, i);

      g_string_append_printf (key, "%s/%s:", conflict->record, conflict->field);
      for (guint v = 0; conflict->values != NULL && v < conflict->values->len; v++)
        g_string_append_printf (key, "%s,", ((SlConflictValue *) g_ptr_array_index (conflict->values, v))->clock);
      g_string_append_c (key, ';');
    }
  return g_string_free (key, FALSE);
}

/* Rebuilds the conflict rows, unless they show these conflicts already:
 * records change often, and a rebuilt list loses the keyboard focus. */
static void
refresh_conflicts (SlSyncPage *self)
{
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GPtrArray) peers = NULL;
  g_autoptr(GHashTable) devices = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;

  if (!(conflicts = sl_vault_list_conflicts (self->vault, &error)))
    {
      g_debug ("Cannot list the conflicts: %s", error->message);
      conflicts = g_ptr_array_new ();
    }

  key = conflicts_key (conflicts);
  if (self->conflicts_shown != NULL && g_str_equal (key, self->conflicts_shown))
    return;
  g_free (self->conflicts_shown);
  self->conflicts_shown = g_steal_pointer (&key);

  clear_rows (self->conflicts_group, self->conflict_rows);

  if (conflicts->len == 0)
    {
      GtkWidget *row = placeholder_row_new ("no-conflicts", _("No conflicts"),
                                            _("Every field has one value"));

      adw_preferences_group_add (self->conflicts_group, row);
      g_ptr_array_add (self->conflict_rows, row);
      return;
    }

  peers = sl_vault_list_peers (self->vault, NULL);
  for (guint i = 0; peers != NULL && i < peers->len; i++)
    {
      SlPeer *peer = g_ptr_array_index (peers, i);

      if (peer->device != NULL)
        g_hash_table_insert (devices, peer->device, peer->name);
    }

  for (guint i = 0; i < conflicts->len; i++)
    {
      SlConflict *conflict = g_ptr_array_index (conflicts, i);
      GtkWidget *row = adw_expander_row_new ();
      const char *label;

      if (conflict->field == NULL || conflict->field[0] == '\0')
        label = _("Deleted while being edited");
      else
        label = conflict->label ? conflict->label : conflict->field;

      gtk_widget_set_name (row, conflict->record);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     conflict->title && conflict->title[0] ? conflict->title : conflict->record);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), label);
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);

      for (guint v = 0; conflict->values != NULL && v < conflict->values->len; v++)
        adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                                  value_row_new (self, conflict, g_ptr_array_index (conflict->values, v),
                                                 v == 0, devices));

      adw_preferences_group_add (self->conflicts_group, row);
      g_ptr_array_add (self->conflict_rows, row);
    }
}

static gboolean
refresh_idle_cb (gpointer data)
{
  SlSyncPage *self = data;

  self->refresh_id = 0;
  refresh_conflicts (self);
  return G_SOURCE_REMOVE;
}

static void
destroy_chooser (SlSyncPage *self)
{
  if (self->chooser == NULL)
    return;
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
}

static GtkFileChooserNative *
chooser_new (SlSyncPage           *self,
             const char           *title,
             GtkFileChooserAction  action,
             const char           *accept)
{
  destroy_chooser (self);
  self->chooser = gtk_file_chooser_native_new (title, _sl_widget_get_window (GTK_WIDGET (self)), action,
                                               accept, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  return self->chooser;
}

/* A chooser of one file to open: @wanted shown first, any file on request. */
static GtkFileChooserNative *
open_chooser_new (SlSyncPage    *self,
                  const char    *title,
                  GtkFileFilter *wanted)
{
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  GtkFileChooserNative *chooser = chooser_new (self, title, GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Open"));

  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), wanted);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (chooser), wanted);
  return chooser;
}

/* Running a job */

static void
finish_job (SlSyncPage *self)
{
  g_clear_object (&self->cancellable);
  gtk_widget_set_visible (self->send_progress_box, FALSE);
  gtk_widget_set_visible (self->receive_progress_box, FALSE);
  update_actions (self);
}

static void show_preview (SlSyncPage      *self,
                          GFile           *file,
                          SlBundleSummary *summary);

static void
job_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(SlSyncPage) self = g_weak_ref_get (&job->page);
  g_autoptr(SlBundleSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *name = NULL;

  summary = g_task_propagate_pointer (G_TASK (result), &error);

  /* The page went, and cancelled the job as it did. */
  if (self == NULL || self->vault == NULL)
    return;

  finish_job (self);

  if (summary == NULL)
    {
      const char *heading;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_debug ("A bundle job failed: %s", error->message);
      if (job->kind == JOB_EXPORT)
        heading = _("The Bundle Could Not Be Made");
      else if (error->domain == SL_BUNDLE_ERROR)
        heading = _("The Bundle Was Refused");
      else
        heading = _("The Bundle Could Not Be Read");
      show_error (self, heading, error->message);
      if (job->kind == JOB_IMPORT)
        refresh_conflicts (self);
      return;
    }

  switch (job->kind)
    {
    case JOB_EXPORT:
      g_set_object (&self->last_export, job->file);
      name = g_file_get_basename (job->file);
      /* Translators: the number of changes, the device's name, the file's name */
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "Wrote %u change for “%s” in “%s”",
                                              "Wrote %u changes for “%s” in “%s”",
                                              (gulong) summary->n_changes),
                                 (guint) MIN (summary->n_changes, G_MAXUINT), job->peer_name, name);
      toast (self, message);
      break;

    case JOB_PREVIEW:
      show_preview (self, job->file, summary);
      break;

    case JOB_IMPORT:
    default:
      /* Translators: the number of changes, then the device they came from */
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "Imported %u new change from “%s”",
                                              "Imported %u new changes from “%s”",
                                              (gulong) summary->n_new),
                                 (guint) MIN (summary->n_new, G_MAXUINT),
                                 summary->peer_name ? summary->peer_name : "");
      toast (self, message);
      if (summary->n_conflicts > 0)
        {
          g_autofree char *conflicts = NULL;

          conflicts = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                    "%u new conflict: choose a value under Conflicts",
                                                    "%u new conflicts: choose a value under Conflicts",
                                                    summary->n_conflicts),
                                       summary->n_conflicts);
          toast (self, conflicts);
        }
      refresh_conflicts (self);
      /* The conflicts come last on the page: bring them into view. */
      if (summary->n_conflicts > 0 && self->conflict_rows->len > 0 &&
          gtk_widget_get_mapped (GTK_WIDGET (self)))
        gtk_widget_child_focus (g_ptr_array_index (self->conflict_rows, 0), GTK_DIR_TAB_FORWARD);
      break;
    }
}

/* Takes @job. */
static void
start_job (SlSyncPage *self,
           Job        *job)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *text = NULL;
  g_autofree char *name = g_file_get_basename (job->file);
  gboolean sending = job->kind == JOB_EXPORT;
  GtkProgressBar *bar = sending ? self->send_progress : self->receive_progress;

  g_assert (self->cancellable == NULL);

  self->cancellable = g_cancellable_new ();
  self->job_kind = job->kind;
  job->vault = g_object_ref (self->vault);
  job->progress = progress_new (bar);
  g_weak_ref_init (&job->page, self);

  if (job->kind == JOB_EXPORT)
    /* Translators: %s is a trusted device's name */
    text = g_strdup_printf (_("Writing the bundle for “%s”…"), job->peer_name);
  else if (job->kind == JOB_PREVIEW)
    /* Translators: %s is a file's name */
    text = g_strdup_printf (_("Checking “%s”…"), name);
  else
    /* Translators: %s is a file's name */
    text = g_strdup_printf (_("Importing “%s”…"), name);

  gtk_label_set_text (sending ? self->send_progress_label : self->receive_progress_label, text);
  gtk_progress_bar_set_fraction (bar, 0.0);
  gtk_widget_set_visible (sending ? self->send_progress_box : self->receive_progress_box, TRUE);
  update_actions (self);

  task = g_task_new (NULL, self->cancellable, job_done_cb, NULL);
  g_task_set_source_tag (task, start_job);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, job_thread);
}

/* The preview of an import */

static GtkWidget *
count_row_new (const char *name,
               const char *title,
               const char *subtitle,
               const char *value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (value);
  g_autofree char *accessible = NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_name (label, name);
  gtk_widget_add_css_class (label, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);

  /* Translators: a line of an import's preview: "New changes: 12" */
  accessible = g_strdup_printf (_("%s: %s"), title, value);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  return row;
}

static GtkWidget *
number_row_new (const char *name,
                const char *title,
                const char *subtitle,
                guint64     n)
{
  g_autofree char *value = g_strdup_printf ("%" G_GUINT64_FORMAT, n);

  return count_row_new (name, title, subtitle, value);
}

static void
on_preview_response_cb (SlSyncPage       *self,
                        const char       *response,
                        AdwMessageDialog *dialog)
{
  GFile *file = g_object_get_data (G_OBJECT (dialog), "file");
  Job *job;

  if (g_strcmp0 (response, "import") != 0 || file == NULL || self->cancellable != NULL)
    return;

  job = g_new0 (Job, 1);
  job->kind = JOB_IMPORT;
  job->file = g_object_ref (file);
  start_job (self, job);
}

static void
show_preview (SlSyncPage      *self,
              GFile           *file,
              SlBundleSummary *summary)
{
  SlCodebook *codebook = sl_vault_get_codebook (self->vault);
  const char *sender = summary->peer_name ? summary->peer_name : summary->peer_id;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  g_autofree char *when = format_when (summary->created);
  AdwMessageDialog *dialog;
  GtkWidget *list;
  GtkWidget *records;
  GtkWidget *label;
  g_autofree char *records_value = NULL;

  /* Translators: %s is the name of the device that made the bundle */
  heading = g_strdup_printf (_("Import Changes From “%s”?"), sender ? sender : "");
  if (summary->n_new == 0)
    /* Translators: %s is a date and time */
    body = g_strdup_printf (_("Made on %s. Every change in it is here already."), when);
  else
    /* Translators: %s is a date and time */
    body = g_strdup_printf (_("Made on %s. Nothing changes here until you choose Import."), when);
  dialog = message_dialog_new (self, heading, body);

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("What the Import Would Change"), -1);

  gtk_list_box_append (GTK_LIST_BOX (list),
                       number_row_new ("new-changes", _("New changes"), NULL, summary->n_new));
  gtk_list_box_append (GTK_LIST_BOX (list),
                       number_row_new ("known-changes", _("Already here"), NULL,
                                       summary->n_changes >= summary->n_new ?
                                       summary->n_changes - summary->n_new : 0));

  /* New records, by type, with the edits of existing ones. */
  records = adw_expander_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (records), _("New records"));
  records_value = g_strdup_printf ("%" G_GUINT64_FORMAT, summary->n_new_records);
  label = gtk_label_new (records_value);
  gtk_widget_set_name (label, "new-records");
  gtk_widget_add_css_class (label, "numeric");
  adw_expander_row_add_action (ADW_EXPANDER_ROW (records), label);
  for (guint i = 0; summary->by_type != NULL && i < summary->by_type->len; i++)
    {
      SlBundleTypeCount *count = g_ptr_array_index (summary->by_type, i);
      SlRecordType *type = codebook != NULL ? sl_codebook_lookup_type (codebook, count->type, NULL) : NULL;
      g_autofree char *name = g_strconcat ("type-", count->type, NULL);
      g_autofree char *edits = NULL;

      if (count->n_new_records == 0 && count->n_edits == 0)
        continue;
      if (count->n_edits > 0)
        edits = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "And %u change to existing ones",
                                              "And %u changes to existing ones",
                                              (gulong) count->n_edits),
                                 (guint) MIN (count->n_edits, G_MAXUINT));
      adw_expander_row_add_row (ADW_EXPANDER_ROW (records),
                                number_row_new (name, type ? type->plural : count->type, edits,
                                                count->n_new_records));
    }
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (records), summary->n_new > 0);
  gtk_list_box_append (GTK_LIST_BOX (list), records);

  gtk_list_box_append (GTK_LIST_BOX (list),
                       number_row_new ("deletions", _("Deletions and restorations"), NULL,
                                       summary->n_deletions));
  gtk_list_box_append (GTK_LIST_BOX (list),
                       number_row_new ("conflicts", _("New conflicts"),
                                       summary->n_conflicts > 0 ?
                                       _("Every value is kept: choose one under Conflicts") : NULL,
                                       summary->n_conflicts));
  if (summary->codebook != NULL)
    gtk_list_box_append (GTK_LIST_BOX (list),
                         count_row_new ("codebook", _("Newer codebook"),
                                        _("It comes into force with the import"), summary->codebook));

  adw_message_dialog_set_extra_child (dialog, list);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "import", _("_Import"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "import", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "import");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "file", g_object_ref (file), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_preview_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Adding a device */

static void
on_trust_response_cb (SlSyncPage       *self,
                      const char       *response,
                      AdwMessageDialog *dialog)
{
  const char *card = g_object_get_data (G_OBJECT (dialog), "card");
  g_autoptr(SlPeer) peer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (g_strcmp0 (response, "trust") != 0 || card == NULL)
    return;

  if (!(peer = sl_vault_add_peer (self->vault, card, &error)))
    {
      show_error (self, _("This Card Cannot Be Added"), error->message);
      return;
    }
  refresh_peers (self);
  /* Translators: %s is a trusted device's name */
  message = g_strdup_printf (_("“%s” is trusted: bundles can be exchanged with it"), peer->name);
  toast (self, message);
}

static gboolean
is_trusted (SlSyncPage *self,
            const char *id)
{
  g_autoptr(SlPeer) peer = dup_peer (self, id);

  return peer != NULL;
}

/* Shows the card's fingerprint to compare aloud; trusts it on "Trust". */
static void
confirm_card (SlSyncPage *self,
              const char *card)
{
  g_autoptr(SlPeer) peer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *known = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *label;

  if (!(peer = sl_identity_parse_card (card, &error)))
    {
      show_error (self, _("This Card Cannot Be Added"), error->message);
      return;
    }
  if (g_strcmp0 (peer->fingerprint, self->fingerprint) == 0)
    {
      show_error (self, _("This Card Cannot Be Added"),
                  _("This is this device’s own card. Add the card of another laptop or of the secretariat."));
      return;
    }
  if (is_trusted (self, peer->id))
    {
      /* Translators: %s is a device's name */
      known = g_strdup_printf (_("“%s” is a trusted device already."), peer->name);
      show_error (self, _("This Card Cannot Be Added"), known);
      return;
    }

  /* Translators: %s is the name on a device's card */
  heading = g_strdup_printf (_("Trust “%s”?"), peer->name);
  dialog = message_dialog_new (self, heading,
                               _("Read this fingerprint aloud with the card’s owner, face to face or by phone. "
                                 "Trust the card only if it matches the one on their Sync page, digit for digit."));
  label = gtk_label_new (peer->fingerprint);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "title-2");
  gtk_widget_add_css_class (label, "monospace");
  gtk_widget_set_name (label, "fingerprint");
  gtk_accessible_update_property (GTK_ACCESSIBLE (label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Fingerprint"), -1);
  adw_message_dialog_set_extra_child (dialog, label);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "trust", _("_Trust"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "trust", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "card", g_strdup (card), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_trust_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
card_loaded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(SlSyncPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *message = NULL;

  if (!g_file_load_contents_finish (G_FILE (source), result, &contents, NULL, NULL, &error))
    {
      if (self->vault != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* Translators: %s says why */
          message = g_strdup_printf (_("The file could not be read: %s"), error->message);
          toast (self, message);
        }
      return;
    }
  if (self->vault != NULL)
    confirm_card (self, contents);
}

/* Callbacks */

static void
on_cancel_clicked_cb (SlSyncPage *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

static void
on_records_changed_cb (SlSyncPage  *self,
                       char       **ids,
                       SlVault     *vault)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add (refresh_idle_cb, self);
}

static void
on_remove_response_cb (SlSyncPage       *self,
                       const char       *response,
                       AdwMessageDialog *dialog)
{
  const char *id = g_object_get_data (G_OBJECT (dialog), "peer");
  const char *name = g_object_get_data (G_OBJECT (dialog), "name");
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (g_strcmp0 (response, "remove") != 0 || id == NULL)
    return;

  if (!sl_vault_remove_peer (self->vault, id, &error))
    {
      show_error (self, _("The Device Could Not Be Removed"), error->message);
      refresh_peers (self);
      return;
    }
  refresh_peers (self);
  /* Translators: %s is a device's name */
  message = g_strdup_printf (_("“%s” is no longer trusted"), name);
  toast (self, message);
}

static void
on_card_chosen_cb (SlSyncPage      *self,
                   int              response,
                   GtkNativeDialog *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  destroy_chooser (self);
  if (file != NULL)
    sl_sync_page_add_card_file (self, file);
}

static void
card_saved_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(SlSyncPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (G_FILE (source));
  g_autofree char *message = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Translators: %s says why */
      message = g_strdup_printf (_("The card could not be saved: %s"), error->message);
    }
  else
    /* Translators: %s is a file's name */
    message = g_strdup_printf (_("Card saved as “%s”"), name);
  if (self->vault != NULL)
    toast (self, message);
}

static void
on_card_save_chosen_cb (SlSyncPage      *self,
                        int              response,
                        GtkNativeDialog *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  char *card;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  destroy_chooser (self);
  if (file == NULL)
    return;

  if (!(card = sl_vault_dup_identity_card (self->vault, NULL, &error)))
    {
      show_error (self, _("The Card Could Not Be Made"), error->message);
      return;
    }
  /* The card holds no secret: plain text in a file is what it is for. */
  bytes = g_bytes_new_take (card, strlen (card));
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                       NULL, card_saved_cb, g_object_ref (self));
}

static void
on_folder_chosen_cb (SlSyncPage      *self,
                     int              response,
                     GtkNativeDialog *chooser)
{
  g_autoptr(GFile) folder = NULL;
  g_autofree char *peer = g_steal_pointer (&self->chooser_peer);

  if (response == GTK_RESPONSE_ACCEPT)
    folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  destroy_chooser (self);
  if (folder != NULL && peer != NULL && self->chooser_everything)
    sl_sync_page_export_everything_to_folder (self, peer, folder);
  else if (folder != NULL && peer != NULL)
    sl_sync_page_export_to_folder (self, peer, folder);
}

static void
on_bundle_chosen_cb (SlSyncPage      *self,
                     int              response,
                     GtkNativeDialog *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  destroy_chooser (self);
  if (file != NULL)
    sl_sync_page_import_file (self, file);
}

/* Actions */

static void
copy_card_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  SlSyncPage *self = SL_SYNC_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *card = NULL;

  if (!(card = sl_vault_dup_identity_card (self->vault, NULL, &error)))
    {
      show_error (self, _("The Card Could Not Be Made"), error->message);
      return;
    }
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), card);
  toast (self, _("Card copied: paste it into an email or a message"));
}

static void
save_card_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  SlSyncPage *self = SL_SYNC_PAGE (widget);
  g_autofree char *part = file_name_part (sl_vault_get_name (self->vault));
  g_autofree char *name = g_strdup_printf ("%s-card.txt", part);
  GtkFileChooserNative *chooser;

  chooser = chooser_new (self, _("Save This Device’s Card"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_card_save_chosen_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
add_device_action_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  SlSyncPage *self = SL_SYNC_PAGE (widget);
  g_autoptr(GtkFileFilter) text = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  gtk_file_filter_set_name (text, _("Text files"));
  gtk_file_filter_add_mime_type (text, "text/plain");
  chooser = open_chooser_new (self, _("Choose a Device’s Card"), text);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_card_chosen_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
remove_device_action_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  SlSyncPage *self = SL_SYNC_PAGE (widget);
  const char *id = g_variant_get_string (param, NULL);
  g_autoptr(SlPeer) peer = dup_peer (self, id);
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;

  if (peer == NULL)
    {
      refresh_peers (self);
      return;
    }

  /* Translators: %s is a trusted device's name */
  heading = g_strdup_printf (_("Remove “%s”?"), peer->name);
  dialog = message_dialog_new (self, heading,
                               _("Bundles from it will be refused, and none can be made for it. "
                                 "To trust it again, add its card again."));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "peer", g_strdup (peer->id), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "name", g_strdup (peer->name), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* sync.export and sync.export-everything: a folder chooser first. */
static void
export_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  SlSyncPage *self = SL_SYNC_PAGE (widget);
  g_autoptr(SlPeer) peer = dup_peer (self, g_variant_get_string (param, NULL));
  g_autofree char *title = NULL;
  GtkFileChooserNative *chooser;
  gboolean everything = g_str_equal (action_name, "sync.export-everything");

  if (peer == NULL || self->cancellable != NULL)
    return;

  if (everything)
    /* Translators: the title of a folder dialog; %s is a trusted device's name */
    title = g_strdup_printf (_("Choose a Folder for Every Change for “%s”"), peer->name);
  else
    /* Translators: the title of a folder dialog; %s is a trusted device's name */
    title = g_strdup_printf (_("Choose a Folder for the Bundle for “%s”"), peer->name);
  chooser = chooser_new (self, title, GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Export"));
  g_free (self->chooser_peer);
  self->chooser_peer = g_strdup (peer->id);
  self->chooser_everything = everything;
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_folder_chosen_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
import_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  SlSyncPage *self = SL_SYNC_PAGE (widget);
  g_autoptr(GtkFileFilter) bundles = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  if (self->cancellable != NULL)
    return;

  gtk_file_filter_set_name (bundles, _("Sightline bundles"));
  gtk_file_filter_add_suffix (bundles, "slbundle");
  chooser = open_chooser_new (self, _("Choose a Bundle to Import"), bundles);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_bundle_chosen_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
keep_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  SlSyncPage *self = SL_SYNC_PAGE (widget);
  g_autoptr(GError) error = NULL;
  const char *record;
  const char *field;
  const char *clock;

  g_variant_get (param, "(&s&s&s)", &record, &field, &clock);
  if (!sl_vault_resolve_conflict (self->vault, record, field, clock, &error))
    {
      show_error (self, _("The Conflict Could Not Be Resolved"), error->message);
      refresh_conflicts (self);
      return;
    }
  refresh_conflicts (self);
  toast (self, _("Conflict resolved"));
}

/* GObject overrides */

static void
sl_sync_page_dispose (GObject *object)
{
  SlSyncPage *self = SL_SYNC_PAGE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  destroy_chooser (self);
  forget_dialog (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), SL_TYPE_SYNC_PAGE);

  g_clear_object (&self->vault);
  g_clear_object (&self->last_export);

  G_OBJECT_CLASS (sl_sync_page_parent_class)->dispose (object);
}

static void
sl_sync_page_finalize (GObject *object)
{
  SlSyncPage *self = SL_SYNC_PAGE (object);

  g_clear_pointer (&self->chooser_peer, g_free);
  g_clear_pointer (&self->fingerprint, g_free);
  g_clear_pointer (&self->conflicts_shown, g_free);
  g_clear_pointer (&self->peer_rows, g_ptr_array_unref);
  g_clear_pointer (&self->send_rows, g_ptr_array_unref);
  g_clear_pointer (&self->conflict_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (sl_sync_page_parent_class)->finalize (object);
}

static void
sl_sync_page_class_init (SlSyncPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_sync_page_dispose;
  object_class->finalize = sl_sync_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               SL_RESOURCE_BASE_PATH "/ui/sl-sync-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SlSyncPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, SlSyncPage, fingerprint_label);
  gtk_widget_class_bind_template_child (widget_class, SlSyncPage, peers_group);
  gtk_widget_class_bind_template_child (widget_class, SlSyncPage, send_group);
  gtk_widget_class_bind_template_child (widget_class, SlSyncPage, conflicts_group);
  gtk_widget_class_bind_template_child (widget_class, SlSyncPage, send_progress_box);
  gtk_widget_class_bind_template_child (widget_class, SlSyncPage, send_progress_label);
  gtk_widget_class_bind_template_child (widget_class, SlSyncPage, send_progress);
  gtk_widget_class_bind_template_child (widget_class, SlSyncPage, send_cancel_button);
  gtk_widget_class_bind_template_child (widget_class, SlSyncPage, receive_progress_box);
  gtk_widget_class_bind_template_child (widget_class, SlSyncPage, receive_progress_label);
  gtk_widget_class_bind_template_child (widget_class, SlSyncPage, receive_progress);
  gtk_widget_class_bind_template_child (widget_class, SlSyncPage, receive_cancel_button);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked_cb);

  gtk_widget_class_install_action (widget_class, "sync.copy-card", NULL, copy_card_action_cb);
  gtk_widget_class_install_action (widget_class, "sync.save-card", NULL, save_card_action_cb);
  gtk_widget_class_install_action (widget_class, "sync.add-device", NULL, add_device_action_cb);
  gtk_widget_class_install_action (widget_class, "sync.remove-device", "s", remove_device_action_cb);
  gtk_widget_class_install_action (widget_class, "sync.export", "s", export_action_cb);
  gtk_widget_class_install_action (widget_class, "sync.export-everything", "s", export_action_cb);
  gtk_widget_class_install_action (widget_class, "sync.import", NULL, import_action_cb);
  gtk_widget_class_install_action (widget_class, "sync.keep", "(sss)", keep_action_cb);
}

static void
sl_sync_page_init (SlSyncPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->peer_rows = g_ptr_array_new ();
  self->send_rows = g_ptr_array_new ();
  self->conflict_rows = g_ptr_array_new ();
}

/* Public API */

/**
 * sl_sync_page_new:
 * @vault: an unlocked vault
 *
 * Returns: (transfer floating): the Sync page of @vault
 */
GtkWidget *
sl_sync_page_new (SlVault *vault)
{
  g_autoptr(GError) error = NULL;
  SlSyncPage *self;

  g_return_val_if_fail (SL_IS_VAULT (vault), NULL);

  self = g_object_new (SL_TYPE_SYNC_PAGE, NULL);
  self->vault = g_object_ref (vault);

  if (!(self->fingerprint = sl_vault_dup_fingerprint (vault, &error)))
    {
      g_debug ("Cannot read this device's fingerprint: %s", error->message);
      gtk_label_set_text (self->fingerprint_label, _("Unknown"));
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "sync.copy-card", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "sync.save-card", FALSE);
    }
  else
    {
      gtk_label_set_text (self->fingerprint_label, self->fingerprint);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->fingerprint_label),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->fingerprint, -1);
    }

  refresh_peers (self);
  refresh_conflicts (self);
  update_actions (self);

  g_signal_connect_object (vault, "records-changed", G_CALLBACK (on_records_changed_cb), self,
                           G_CONNECT_SWAPPED);

  return GTK_WIDGET (self);
}

/**
 * sl_sync_page_set_show_back:
 * @self: a #SlSyncPage
 * @show: whether to show a back button (the sidebar is folded away)
 */
void
sl_sync_page_set_show_back (SlSyncPage *self,
                            gboolean    show)
{
  g_return_if_fail (SL_IS_SYNC_PAGE (self));

  gtk_widget_set_visible (GTK_WIDGET (self->back_button), show);
}

/**
 * sl_sync_page_get_busy:
 * @self: a #SlSyncPage
 *
 * Returns: whether a bundle is being written, checked or imported
 */
gboolean
sl_sync_page_get_busy (SlSyncPage *self)
{
  g_return_val_if_fail (SL_IS_SYNC_PAGE (self), FALSE);

  return self->cancellable != NULL;
}

static void
export_to_folder (SlSyncPage *self,
                  const char *peer_id,
                  GFile      *folder,
                  gboolean    everything)
{
  g_autoptr(SlPeer) peer = NULL;
  Job *job;

  if (self->cancellable != NULL)
    return;

  peer = dup_peer (self, peer_id);
  job = g_new0 (Job, 1);
  job->kind = JOB_EXPORT;
  job->everything = everything;
  job->peer_id = g_strdup (peer_id);
  job->peer_name = g_strdup (peer != NULL ? peer->name : peer_id);
  job->file = bundle_file (self, folder, job->peer_name);
  start_job (self, job);
}

/**
 * sl_sync_page_export_to_folder:
 * @self: a #SlSyncPage
 * @peer_id: a trusted device's id
 * @folder: where to write the bundle
 *
 * Writes a bundle for @peer_id into @folder, named after this vault, the
 * device and the time, in a worker thread. A toast says how many changes
 * it holds; an error, what went wrong. Does nothing while another bundle
 * is being written or read.
 */
void
sl_sync_page_export_to_folder (SlSyncPage *self,
                               const char *peer_id,
                               GFile      *folder)
{
  g_return_if_fail (SL_IS_SYNC_PAGE (self));
  g_return_if_fail (peer_id != NULL);
  g_return_if_fail (G_IS_FILE (folder));

  export_to_folder (self, peer_id, folder, FALSE);
}

/**
 * sl_sync_page_export_everything_to_folder:
 * @self: a #SlSyncPage
 * @peer_id: a trusted device's id
 * @folder: where to write the bundle
 *
 * Like sl_sync_page_export_to_folder(), but the bundle holds every change
 * this vault has, whether @peer_id acknowledged it or not: for a device
 * that lost its vault, was given an old copy, or refused a bundle that did
 * not fit its history. Later bundles start from there.
 */
void
sl_sync_page_export_everything_to_folder (SlSyncPage *self,
                                          const char *peer_id,
                                          GFile      *folder)
{
  g_return_if_fail (SL_IS_SYNC_PAGE (self));
  g_return_if_fail (peer_id != NULL);
  g_return_if_fail (G_IS_FILE (folder));

  export_to_folder (self, peer_id, folder, TRUE);
}

/**
 * sl_sync_page_import_file:
 * @self: a #SlSyncPage
 * @file: a bundle
 *
 * Checks @file in a worker thread (a dry run), then shows what importing
 * it would change, with Cancel and Import. Does nothing while another
 * bundle is being written or read.
 */
void
sl_sync_page_import_file (SlSyncPage *self,
                          GFile      *file)
{
  Job *job;

  g_return_if_fail (SL_IS_SYNC_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->cancellable != NULL)
    return;

  job = g_new0 (Job, 1);
  job->kind = JOB_PREVIEW;
  job->file = g_object_ref (file);
  start_job (self, job);
}

/**
 * sl_sync_page_add_card_file:
 * @self: a #SlSyncPage
 * @file: a device card
 *
 * Reads @file and shows its fingerprint, to compare aloud before trusting
 * the device (the "trust" response).
 */
void
sl_sync_page_add_card_file (SlSyncPage *self,
                            GFile      *file)
{
  g_return_if_fail (SL_IS_SYNC_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  g_file_load_contents_async (file, NULL, card_loaded_cb, g_object_ref (self));
}

/* Test accessors */

GtkLabel *
_sl_sync_page_get_fingerprint_label (SlSyncPage *self)
{
  return self->fingerprint_label;
}

/* (nullable): the dialog shown (a question or an error) */
AdwMessageDialog *
_sl_sync_page_get_dialog (SlSyncPage *self)
{
  return self->dialog;
}

/* (nullable): the bundle the last export wrote */
GFile *
_sl_sync_page_get_last_export (SlSyncPage *self)
{
  return self->last_export;
}

/* (element-type AdwActionRow): a row per trusted device, or a placeholder */
GPtrArray *
_sl_sync_page_get_peer_rows (SlSyncPage *self)
{
  return self->peer_rows;
}

/* (element-type AdwPreferencesRow): an AdwExpanderRow per conflict, or a
 * placeholder row named "no-conflicts" */
GPtrArray *
_sl_sync_page_get_conflict_rows (SlSyncPage *self)
{
  return self->conflict_rows;
}

/* The Cancel button of the job running. */
GtkButton *
_sl_sync_page_get_cancel_button (SlSyncPage *self)
{
  return self->job_kind == JOB_EXPORT ? self->send_cancel_button : self->receive_cancel_button;
}
