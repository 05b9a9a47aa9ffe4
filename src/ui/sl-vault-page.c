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

#include <glib/gi18n.h>

#include "sl-bundle.h"
#include "sl-history-page.h"
#include "sl-note-editor.h"
#include "sl-notes.h"
#include "sl-record.h"
#include "sl-record-form.h"
#include "sl-record-list-page.h"
#include "sl-pack-dialog.h"
#include "sl-return-import-dialog.h"
#include "sl-sync-page.h"
#include "sl-tables-page.h"
#include "sl-utils-private.h"
#include "sl-vault-page.h"

/*
 * SlVaultPage: the main page, shown while a vault is unlocked. The window
 * builds one on unlock and destroys it on lock, so nothing read from the
 * vault outlives the key.
 *
 * A sidebar lists the codebook's record types with their counts, then
 * (after a separator, in the same list) the tables; the content is a stack of pages one navigates (nav, an AdwLeaflet that
 * never unfolds): the selected type's list, then a record's form, then
 * its history or a new record's form. Pages navigate through the page.*
 * actions installed here; Escape goes back.
 *
 * Below the tables, in a list of its own (the type list ends with the
 * tables), is Sync, with the number of conflicts to resolve. At the foot
 * of the sidebar, the number of notes not yet reviewed, when there are
 * any; a note opens in its editor (page.edit-note) from its record. The Sync
 * page is kept while the vault page lives, so that a bundle being written
 * or imported carries on while one looks at the records.
 */
struct _SlVaultPage
{
  AdwBin          parent_instance;

  /* Template widgets */
  AdwToastOverlay *toast_overlay;  /* borrowed: the bin's child */
  AdwLeaflet     *leaflet;
  AdwLeaflet     *nav;
  GtkListBox     *type_list;
  GtkListBox     *sync_list;
  AdwWindowTitle *window_title;
  GtkButton      *lock_button;
  GtkWidget      *unreviewed_box;
  GtkLabel       *unreviewed_label;

  /* Owned references */
  SlVault        *vault;
  GPtrArray      *count_labels;   /* GtkLabel per sidebar row, borrowed */
  GtkWidget      *sync_page;      /* made when first shown */

  /* Borrowed references */
  GtkWidget      *tables_row;     /* the type list's last row */
  GtkWidget      *sync_row;       /* the sync list's row */
  GtkWidget      *conflict_count; /* GtkLabel in sync_row */
  GtkWidget      *root_page;      /* the nav's first page to keep */

  /* State */
  guint           clean_up_id;
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


/* Navigation */

static GtkWidget *
nav_visible (SlVaultPage *self)
{
  return adw_leaflet_get_visible_child (self->nav);
}

/* The nav's pages in order (its widget children include more). */
static GPtrArray *
nav_pages (SlVaultPage *self)
{
  g_autoptr(GtkSelectionModel) pages = adw_leaflet_get_pages (self->nav);
  GPtrArray *ret = g_ptr_array_new ();
  guint n = g_list_model_get_n_items (G_LIST_MODEL (pages));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AdwLeafletPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);

      if (adw_leaflet_page_get_child (page) != NULL)
        g_ptr_array_add (ret, adw_leaflet_page_get_child (page));
    }
  return ret;
}

/* Removes the pages one has left: after the visible one (gone back
 * from), and before the root page, the first of the type, tables or
 * Sync switched to last (whatever was pushed on it since stays). Not
 * while the leaflet animates: it still draws the page it leaves. */
static void
clean_up_pages (SlVaultPage *self)
{
  g_autoptr(GPtrArray) pages = NULL;
  GtkWidget *visible = nav_visible (self);
  gboolean before_root;
  gboolean after = FALSE;

  if (adw_leaflet_get_child_transition_running (self->nav))
    return;

  pages = nav_pages (self);
  before_root = self->root_page != NULL && g_ptr_array_find (pages, self->root_page, NULL);
  for (guint i = 0; i < pages->len; i++)
    {
      GtkWidget *page = g_ptr_array_index (pages, i);

      if (page == self->root_page)
        before_root = FALSE;
      if (page == visible)
        after = TRUE;
      else if (after || before_root)
        {
          if (page == self->root_page)
            self->root_page = NULL;
          adw_leaflet_remove (self->nav, page);
        }
    }
}

static gboolean
clean_up_pages_cb (gpointer data)
{
  SlVaultPage *self = data;

  self->clean_up_id = 0;
  clean_up_pages (self);
  return G_SOURCE_REMOVE;
}

/* Never from inside adw_leaflet_set_visible_child(): it still uses the
 * page it leaves. */
static void
queue_clean_up (SlVaultPage *self)
{
  if (self->clean_up_id == 0)
    self->clean_up_id = g_idle_add (clean_up_pages_cb, self);
}

static void
push_page (SlVaultPage *self,
           GtkWidget   *page)
{
  GtkWidget *visible = nav_visible (self);
  GtkWidget *focus;
  GtkRoot *root;

  /* Right after the visible page: any page beyond it was gone back from
   * and goes when the animation ends. */
  adw_leaflet_append (self->nav, page);
  if (visible != NULL)
    adw_leaflet_reorder_child_after (self->nav, page, visible);
  adw_leaflet_set_visible_child (self->nav, page);
  queue_clean_up (self);

  /* Into the page, unless the leaflet moved the focus there already (it
   * does when the page left had it): once more would skip a control. */
  root = gtk_widget_get_root (GTK_WIDGET (self));
  focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  if (focus == NULL || !gtk_widget_is_ancestor (focus, page))
    gtk_widget_child_focus (page, GTK_DIR_TAB_FORWARD);
}

static gboolean
pop_page (SlVaultPage *self)
{
  GtkWidget *visible = nav_visible (self);
  GtkWidget *prev = NULL;
  g_autoptr(GPtrArray) pages = nav_pages (self);

  for (guint i = 1; i < pages->len; i++)
    if (g_ptr_array_index (pages, i) == visible)
      prev = g_ptr_array_index (pages, i - 1);

  if (prev == NULL)
    return FALSE;
  adw_leaflet_set_visible_child (self->nav, prev);
  queue_clean_up (self);
  return TRUE;
}

static void
show_type (SlVaultPage *self,
           const char  *type)
{
  GtkWidget *page = sl_record_list_page_new (self->vault, type);

  if (page == NULL)
    return;

  sl_record_list_page_set_show_back (SL_RECORD_LIST_PAGE (page), adw_leaflet_get_folded (self->leaflet));
  gtk_list_box_unselect_all (self->sync_list);
  adw_leaflet_append (self->nav, page);
  adw_leaflet_set_visible_child (self->nav, page);
  self->root_page = page;
  queue_clean_up (self);
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->nav));
}

static void
show_tables (SlVaultPage *self)
{
  GtkWidget *page = sl_tables_page_new (self->vault);

  sl_tables_page_set_show_back (SL_TABLES_PAGE (page), adw_leaflet_get_folded (self->leaflet));
  gtk_list_box_unselect_all (self->sync_list);
  adw_leaflet_append (self->nav, page);
  adw_leaflet_set_visible_child (self->nav, page);
  self->root_page = page;
  queue_clean_up (self);
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->nav));
}

static void
show_sync (SlVaultPage *self)
{
  if (self->sync_page == NULL)
    self->sync_page = g_object_ref_sink (sl_sync_page_new (self->vault));

  sl_sync_page_set_show_back (SL_SYNC_PAGE (self->sync_page), adw_leaflet_get_folded (self->leaflet));
  gtk_list_box_unselect_all (self->type_list);
  /* Still in the nav when shown again before the pages were cleaned up. */
  if (gtk_widget_get_parent (self->sync_page) == NULL)
    adw_leaflet_append (self->nav, self->sync_page);
  adw_leaflet_set_visible_child (self->nav, self->sync_page);
  self->root_page = self->sync_page;
  queue_clean_up (self);
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->nav));
}

static void
add_toast (SlVaultPage *self,
           AdwToast    *toast)
{
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Sidebar */

static void
update_counts (SlVaultPage *self)
{
  g_autoptr(GHashTable) counts = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *types = sl_codebook_get_record_types (sl_vault_get_codebook (self->vault));

  if (!(counts = sl_vault_count_records (self->vault, &error)))
    {
      g_debug ("Cannot count records: %s", error->message);
      return;
    }

  for (guint i = 0; i < types->len && i < self->count_labels->len; i++)
    {
      SlRecordType *type = g_ptr_array_index (types, i);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, type->id));
      g_autofree char *text = g_strdup_printf ("%u", n);
      g_autofree char *description = NULL;
      GtkWidget *label = g_ptr_array_index (self->count_labels, i);

      gtk_label_set_text (GTK_LABEL (label), text);
      description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u record", "%u records", n), n);
      gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_ancestor (label, GTK_TYPE_LIST_BOX_ROW)),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                      -1);
    }
}

/* The conflicts to resolve, beside Sync; nothing when there are none. */
static void
update_conflict_count (SlVaultPage *self)
{
  guint n = sl_vault_count_conflicts (self->vault);
  g_autofree char *text = g_strdup_printf ("%u", n);
  g_autofree char *description = NULL;

  gtk_label_set_text (GTK_LABEL (self->conflict_count), text);
  gtk_widget_set_visible (self->conflict_count, n > 0);
  if (n > 0)
    description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "%u conflict to resolve",
                                                "%u conflicts to resolve", n), n);
  else
    description = g_strdup (_("Exchange changes with trusted devices"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->sync_row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

/* The notes that cannot leave the vault yet: never reviewed, or edited
 * since their review. */
static void
update_unreviewed (SlVaultPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint n = sl_vault_count_unreviewed_notes (self->vault, &error);

  if (error != NULL)
    g_debug ("Cannot count the notes to review: %s", error->message);

  gtk_widget_set_visible (self->unreviewed_box, n > 0);
  if (n == 0)
    return;
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u note not yet reviewed",
                                       "%u notes not yet reviewed", n), n);
  gtk_label_set_text (self->unreviewed_label, text);
}

/* A separator between the record types and the tables. */
static void
update_header_cb (GtkListBoxRow *row,
                  GtkListBoxRow *before,
                  gpointer       data)
{
  SlVaultPage *self = data;

  if (before != NULL && GTK_WIDGET (row) == self->tables_row)
    {
      if (gtk_list_box_row_get_header (row) == NULL)
        gtk_list_box_row_set_header (row, gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
    }
  else
    gtk_list_box_row_set_header (row, NULL);
}

static GtkWidget *
tables_row_new (void)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (_("Tables"));
  GtkWidget *icon = g_object_new (GTK_TYPE_IMAGE,
                                  "icon-name", "x-office-spreadsheet-symbolic",
                                  "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                  NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_tooltip_text (row, _("The report's tables and charts, from the records"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Tables"), -1);
  return row;
}

static GtkWidget *
sync_row_new (GtkWidget **count)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (_("Sync"));
  GtkWidget *icon = g_object_new (GTK_TYPE_IMAGE,
                                  "icon-name", "emblem-synchronizing-symbolic",
                                  "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                  NULL);

  *count = gtk_label_new ("0");
  gtk_widget_add_css_class (*count, "dim-label");
  gtk_widget_add_css_class (*count, "numeric");
  gtk_widget_set_tooltip_text (*count, _("Conflicts to resolve"));
  gtk_widget_set_visible (*count, FALSE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), *count);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_tooltip_text (row, _("Exchange changes with the other laptops and the secretariat, "
                                      "and resolve conflicts"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Sync"), -1);
  return row;
}

static void
build_sidebar (SlVaultPage *self)
{
  GPtrArray *types = sl_codebook_get_record_types (sl_vault_get_codebook (self->vault));

  for (guint i = 0; i < types->len; i++)
    {
      SlRecordType *type = g_ptr_array_index (types, i);
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *label = gtk_label_new (type->plural);
      GtkWidget *count = gtk_label_new ("0");

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_widget_add_css_class (count, "dim-label");
      gtk_widget_add_css_class (count, "numeric");
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (GTK_BOX (box), count);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      gtk_widget_set_name (row, type->id);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, type->plural, -1);
      if (type->description != NULL)
        gtk_widget_set_tooltip_text (row, type->description);
      gtk_list_box_append (self->type_list, row);
      g_ptr_array_add (self->count_labels, count);
    }

  self->tables_row = tables_row_new ();
  gtk_list_box_append (self->type_list, self->tables_row);
  gtk_list_box_set_header_func (self->type_list, update_header_cb, self, NULL);

  self->sync_row = sync_row_new (&self->conflict_count);
  gtk_list_box_append (self->sync_list, self->sync_row);

  update_counts (self);
  update_conflict_count (self);
  update_unreviewed (self);

  if (types->len > 0)
    {
      GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->type_list, 0);

      gtk_list_box_select_row (self->type_list, first);
      show_type (self, ((SlRecordType *) g_ptr_array_index (types, 0))->id);
      adw_leaflet_set_visible_child_name (self->leaflet, "sidebar");
    }
}

/* Callbacks */

static void
on_records_changed_cb (SlVaultPage  *self,
                       char        **ids,
                       SlVault      *vault)
{
  update_counts (self);
  update_conflict_count (self);
  update_unreviewed (self);
}

static void
on_type_activated_cb (SlVaultPage   *self,
                      GtkListBoxRow *row)
{
  if (GTK_WIDGET (row) == self->tables_row)
    show_tables (self);
  else
    show_type (self, gtk_widget_get_name (GTK_WIDGET (row)));
}

static void
on_sync_activated_cb (SlVaultPage   *self,
                      GtkListBoxRow *row)
{
  show_sync (self);
}

/* The sidebar is two lists: the arrow keys go from one to the other. */
static gboolean
on_sidebar_keynav_failed_cb (SlVaultPage      *self,
                             GtkDirectionType  direction,
                             GtkListBox       *list)
{
  if (list == self->type_list && direction == GTK_DIR_DOWN)
    return gtk_widget_grab_focus (self->sync_row);
  if (list == self->sync_list && direction == GTK_DIR_UP)
    return gtk_widget_grab_focus (self->tables_row);
  return FALSE;
}

static void
on_leaflet_folded_cb (SlVaultPage *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);
  g_autoptr(GPtrArray) pages = nav_pages (self);
  GtkWidget *first = pages->len ? g_ptr_array_index (pages, 0) : NULL;

  if (first != NULL && SL_IS_RECORD_LIST_PAGE (first))
    sl_record_list_page_set_show_back (SL_RECORD_LIST_PAGE (first), folded);
  if (first != NULL && SL_IS_TABLES_PAGE (first))
    sl_tables_page_set_show_back (SL_TABLES_PAGE (first), folded);
  if (self->sync_page != NULL)
    sl_sync_page_set_show_back (SL_SYNC_PAGE (self->sync_page), folded);
  gtk_list_box_set_selection_mode (self->type_list, folded ? GTK_SELECTION_NONE : GTK_SELECTION_SINGLE);
  gtk_list_box_set_selection_mode (self->sync_list, folded ? GTK_SELECTION_NONE : GTK_SELECTION_SINGLE);
}

static void
on_nav_transition_cb (SlVaultPage *self)
{
  queue_clean_up (self);
}

/* Actions */

static void
back_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  SlVaultPage *self = SL_VAULT_PAGE (widget);

  if (!pop_page (self) && adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
open_record_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  SlVaultPage *self = SL_VAULT_PAGE (widget);
  GtkWidget *form = sl_record_form_new (self->vault, g_variant_get_string (param, NULL));

  if (form != NULL)
    push_page (self, form);
}

static void
new_record_action_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  SlVaultPage *self = SL_VAULT_PAGE (widget);
  const char *type;
  const char *parent;

  g_variant_get (param, "(&s&s)", &type, &parent);
  push_page (self, sl_record_form_new_for_creation (self->vault, type, parent));
}

static void
record_created_action_cb (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  SlVaultPage *self = SL_VAULT_PAGE (widget);
  g_autoptr(SlRecord) record = NULL;
  g_autofree char *message = NULL;
  const char *id;
  const char *parent;
  GtkWidget *form;

  g_variant_get (param, "(&s&s)", &id, &parent);
  record = sl_vault_load_record (self->vault, id, NULL);

  /* Translators: %s is the new record's title */
  message = g_strdup_printf (_("“%s” added"), record ? sl_record_get_title (record) : id);
  add_toast (self, adw_toast_new (message));

  /* A coded person goes back to the record it belongs to; a new
   * top-level record opens, to go on with it. */
  if (parent[0] != '\0')
    {
      pop_page (self);
      return;
    }

  form = sl_record_form_new (self->vault, id);
  pop_page (self);
  if (form != NULL)
    push_page (self, form);
}

static void
record_deleted_action_cb (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  SlVaultPage *self = SL_VAULT_PAGE (widget);
  AdwToast *toast = adw_toast_new (_("Record deleted"));

  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "page.undelete");
  adw_toast_set_action_target_value (toast, param);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  add_toast (self, toast);

  pop_page (self);
}

static void
undelete_action_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  SlVaultPage *self = SL_VAULT_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (!sl_vault_undelete_record (self->vault, g_variant_get_string (param, NULL), &error))
    {
      g_warning ("Cannot restore a record: %s", error->message);
      add_toast (self, adw_toast_new (_("The record could not be restored")));
      return;
    }
  add_toast (self, adw_toast_new (_("Record restored")));
}

static void
show_history_action_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  SlVaultPage *self = SL_VAULT_PAGE (widget);

  push_page (self, sl_history_page_new (self->vault, g_variant_get_string (param, NULL)));
}

static void
edit_note_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  SlVaultPage *self = SL_VAULT_PAGE (widget);
  const char *record;
  const char *field;
  GtkWidget *editor;

  g_variant_get (param, "(&s&s)", &record, &field);
  if ((editor = sl_note_editor_new (self->vault, record, field)) != NULL)
    push_page (self, editor);
}

static void
notes_changed_action_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  update_unreviewed (SL_VAULT_PAGE (widget));
}

static void
toast_action_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  add_toast (SL_VAULT_PAGE (widget), adw_toast_new (g_variant_get_string (param, NULL)));
}

static void
on_return_imported_cb (SlVaultPage          *self,
                       const char           *provider,
                       guint                 n_children,
                       SlReturnImportDialog *dialog)
{
  g_autofree char *message = NULL;

  /* Translators: %s is the agency (Police…), %u the number of children */
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Imported the return of %s: %u child",
                                          "Imported the return of %s: %u children",
                                          n_children),
                             provider, n_children);
  add_toast (self, adw_toast_new (message));
}

static void
import_return_action_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  SlVaultPage *self = SL_VAULT_PAGE (widget);
  GtkWidget *dialog = sl_return_import_dialog_new (self->vault, _sl_widget_get_window (widget));

  g_signal_connect_object (dialog, "imported", G_CALLBACK (on_return_imported_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_pack_written_cb (SlVaultPage  *self,
                    const char   *message,
                    SlPackDialog *dialog)
{
  add_toast (self, adw_toast_new (message));
}

static void
export_pack_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  SlVaultPage *self = SL_VAULT_PAGE (widget);
  SlPackDialog *dialog = sl_pack_dialog_new (self->vault, _sl_widget_get_window (widget));

  g_signal_connect_object (dialog, "written", G_CALLBACK (on_pack_written_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* GObject overrides */

static void
sl_vault_page_constructed (GObject *object)
{
  SlVaultPage *self = SL_VAULT_PAGE (object);

  G_OBJECT_CLASS (sl_vault_page_parent_class)->constructed (object);

  g_assert (SL_IS_VAULT (self->vault));

  update_title (self);
  build_sidebar (self);
  g_signal_connect_object (self->vault, "records-changed", G_CALLBACK (on_records_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
sl_vault_page_dispose (GObject *object)
{
  SlVaultPage *self = SL_VAULT_PAGE (object);

  g_clear_handle_id (&self->clean_up_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), SL_TYPE_VAULT_PAGE);

  g_clear_object (&self->sync_page);
  g_clear_object (&self->vault);
  g_clear_pointer (&self->count_labels, g_ptr_array_unref);

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
  gtk_widget_class_bind_template_child (widget_class, SlVaultPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, SlVaultPage, nav);
  gtk_widget_class_bind_template_child (widget_class, SlVaultPage, type_list);
  gtk_widget_class_bind_template_child (widget_class, SlVaultPage, sync_list);
  gtk_widget_class_bind_template_child (widget_class, SlVaultPage, lock_button);
  gtk_widget_class_bind_template_child (widget_class, SlVaultPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, SlVaultPage, unreviewed_box);
  gtk_widget_class_bind_template_child (widget_class, SlVaultPage, unreviewed_label);
  gtk_widget_class_bind_template_callback (widget_class, on_type_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sync_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_keynav_failed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_folded_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_nav_transition_cb);

  gtk_widget_class_install_action (widget_class, "page.back", NULL, back_action_cb);
  gtk_widget_class_install_action (widget_class, "page.open-record", "s", open_record_action_cb);
  gtk_widget_class_install_action (widget_class, "page.new-record", "(ss)", new_record_action_cb);
  gtk_widget_class_install_action (widget_class, "page.record-created", "(ss)", record_created_action_cb);
  gtk_widget_class_install_action (widget_class, "page.record-deleted", "s", record_deleted_action_cb);
  gtk_widget_class_install_action (widget_class, "page.undelete", "s", undelete_action_cb);
  gtk_widget_class_install_action (widget_class, "page.show-history", "s", show_history_action_cb);
  gtk_widget_class_install_action (widget_class, "page.edit-note", "(ss)", edit_note_action_cb);
  gtk_widget_class_install_action (widget_class, "page.notes-changed", NULL, notes_changed_action_cb);
  gtk_widget_class_install_action (widget_class, "page.toast", "s", toast_action_cb);
  gtk_widget_class_install_action (widget_class, "page.import-return", NULL, import_return_action_cb);
  gtk_widget_class_install_action (widget_class, "page.export-pack", NULL, export_pack_action_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "page.back", NULL);
}

static void
sl_vault_page_init (SlVaultPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Not a bound template child: it is the bin's own child, which
   * AdwBin releases itself. */
  self->toast_overlay = ADW_TOAST_OVERLAY (adw_bin_get_child (ADW_BIN (self)));
  self->count_labels = g_ptr_array_new ();
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

/**
 * sl_vault_page_get_visible_page:
 * @self: a #SlVaultPage
 *
 * Returns: (transfer none) (nullable): the page shown in the content: an
 *   #SlRecordListPage, #SlRecordForm, #SlHistoryPage, #SlNoteEditor,
 *   #SlTablesPage or #SlSyncPage
 */
GtkWidget *
sl_vault_page_get_visible_page (SlVaultPage *self)
{
  g_return_val_if_fail (SL_IS_VAULT_PAGE (self), NULL);

  return nav_visible (self);
}

/**
 * sl_vault_page_show_record_type:
 * @self: a #SlVaultPage
 * @type: a record type id
 *
 * Shows the list of @type's records.
 */
void
sl_vault_page_show_record_type (SlVaultPage *self,
                                const char  *type)
{
  g_return_if_fail (SL_IS_VAULT_PAGE (self));

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->type_list));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    if (row != self->tables_row && g_strcmp0 (gtk_widget_get_name (row), type) == 0)
      gtk_list_box_select_row (self->type_list, GTK_LIST_BOX_ROW (row));
  show_type (self, type);
}

/**
 * sl_vault_page_show_tables:
 * @self: a #SlVaultPage
 *
 * Shows the tables page (an #SlTablesPage) in the content.
 */
void
sl_vault_page_show_tables (SlVaultPage *self)
{
  g_return_if_fail (SL_IS_VAULT_PAGE (self));

  gtk_list_box_select_row (self->type_list, GTK_LIST_BOX_ROW (self->tables_row));
  show_tables (self);
}

/**
 * sl_vault_page_show_sync:
 * @self: a #SlVaultPage
 *
 * Shows the Sync page (an #SlSyncPage) in the content.
 */
void
sl_vault_page_show_sync (SlVaultPage *self)
{
  g_return_if_fail (SL_IS_VAULT_PAGE (self));

  show_sync (self);
  gtk_list_box_select_row (self->sync_list, GTK_LIST_BOX_ROW (self->sync_row));
}

/**
 * sl_vault_page_get_count_label:
 * @self: a #SlVaultPage
 * @type: a record type id
 *
 * Returns: (transfer none) (nullable): the count shown in the sidebar
 */
const char *
sl_vault_page_get_count_label (SlVaultPage *self,
                               const char  *type)
{
  GPtrArray *types;

  g_return_val_if_fail (SL_IS_VAULT_PAGE (self), NULL);

  types = sl_codebook_get_record_types (sl_vault_get_codebook (self->vault));
  for (guint i = 0; i < types->len && i < self->count_labels->len; i++)
    if (g_strcmp0 (((SlRecordType *) g_ptr_array_index (types, i))->id, type) == 0)
      return gtk_label_get_text (g_ptr_array_index (self->count_labels, i));
  return NULL;
}
