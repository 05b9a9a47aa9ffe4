/* sl-record-list-page.c
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

#define G_LOG_DOMAIN "sl-record-list-page"

#include "config.h"

#include <glib/gi18n.h>

#include "sl-record-list.h"
#include "sl-record-list-page.h"
#include "sl-utils-private.h"

/*
 * SlRecordListPage: the records of one type, searched as you type and
 * filtered on one of the type's single-choice fields. Activating a row
 * activates page.open-record; "Add" activates page.new-record.
 */
struct _SlRecordListPage
{
  AdwBin          parent_instance;

  /* Template widgets */
  AdwWindowTitle *window_title;
  GtkButton      *back_button;
  GtkButton      *add_button;
  GtkSearchEntry *search_entry;
  GtkDropDown    *field_dropdown;
  GtkDropDown    *option_dropdown;
  GtkStack       *stack;
  GtkListView    *list_view;
  AdwStatusPage  *empty_page;

  /* Owned references */
  SlVault        *vault;
  SlRecordList   *list;
  GPtrArray      *filter_fields;   /* SlField, borrowed from the codebook */
  GPtrArray      *filter_codes;    /* option position -> input code */

  /* Borrowed references */
  SlRecordType   *type;
};

G_DEFINE_FINAL_TYPE (SlRecordListPage, sl_record_list_page, ADW_TYPE_BIN)

/*
 * Rows: what the list view shows. One SlRecordListRow a position, made when
 * the view first asks for it and kept; when the records change (a search,
 * a filter, an edit), each row made so far is told, and the view is told
 * only that the list grew or shrank at its end. The view then keeps its
 * row widgets and sets their text again, where a change of items would
 * have it destroy them and build new ones, which was most of the time a
 * keystroke in the search took.
 */
#define SL_TYPE_RECORD_LIST_ROW (sl_record_list_row_get_type ())
G_DECLARE_FINAL_TYPE (SlRecordListRow, sl_record_list_row, SL, RECORD_LIST_ROW, GObject)

#define SL_TYPE_RECORD_LIST_ROWS (sl_record_list_rows_get_type ())
G_DECLARE_FINAL_TYPE (SlRecordListRows, sl_record_list_rows, SL, RECORD_LIST_ROWS, GObject)

struct _SlRecordListRow
{
  GObject           parent_instance;

  SlRecordListRows *rows;       /* borrowed; cleared when the rows go */
  guint             position;
  SlRecord         *record;     /* loaded when first asked for */
};

struct _SlRecordListRows
{
  GObject     parent_instance;

  GListModel *records;          /* the SlRecordList */
  GPtrArray  *rows;             /* SlRecordListRow by position, or NULL */
  guint       n_items;
  guint       changed_from;     /* rows to tell, from here on */
  guint       changed_id;       /* the idle that tells them */
  guint       late_from;        /* rows past the first page still to tell */
  GtkWidget  *view;             /* weak: the view whose frames tell them */
  guint       late_tick;        /* its tick callback, while there are some */
};

/* The rows told at once after a change: a window's worth from where the
 * change starts (a search shows the list from its top). GTK keeps about
 * 200 rows made; the others are told a few a frame, so that no frame
 * carries them all, and all at once if the list is scrolled first. */
#define EAGER_ROWS 20
#define LATE_STEP  8

G_DEFINE_FINAL_TYPE (SlRecordListRow, sl_record_list_row, G_TYPE_OBJECT)

static guint row_changed_signal;

static void
sl_record_list_row_finalize (GObject *object)
{
  g_clear_object (&SL_RECORD_LIST_ROW (object)->record);
  G_OBJECT_CLASS (sl_record_list_row_parent_class)->finalize (object);
}

static void
sl_record_list_row_class_init (SlRecordListRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sl_record_list_row_finalize;
  row_changed_signal = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
sl_record_list_row_init (SlRecordListRow *self)
{
}

/* The record at the row's position now, or NULL. */
static SlRecord *
sl_record_list_row_get_record (SlRecordListRow *self)
{
  if (self->record == NULL && self->rows != NULL &&
      self->position < g_list_model_get_n_items (self->rows->records))
    self->record = g_list_model_get_item (self->rows->records, self->position);
  return self->record;
}

static GType
sl_record_list_rows_get_item_type (GListModel *model)
{
  return SL_TYPE_RECORD_LIST_ROW;
}

static guint
sl_record_list_rows_get_n_items (GListModel *model)
{
  return SL_RECORD_LIST_ROWS (model)->n_items;
}

static gpointer
sl_record_list_rows_get_item (GListModel *model,
                              guint       position)
{
  SlRecordListRows *self = SL_RECORD_LIST_ROWS (model);
  SlRecordListRow *row;

  if (position >= self->n_items)
    return NULL;
  if (position >= self->rows->len)
    g_ptr_array_set_size (self->rows, position + 1);
  if ((row = g_ptr_array_index (self->rows, position)) == NULL)
    {
      row = g_object_new (SL_TYPE_RECORD_LIST_ROW, NULL);
      row->rows = self;
      row->position = position;
      g_ptr_array_index (self->rows, position) = row;
    }
  return g_object_ref (row);
}

static void
sl_record_list_rows_model_init (GListModelInterface *iface)
{
  iface->get_item_type = sl_record_list_rows_get_item_type;
  iface->get_n_items = sl_record_list_rows_get_n_items;
  iface->get_item = sl_record_list_rows_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (SlRecordListRows, sl_record_list_rows, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      sl_record_list_rows_model_init))

static void
forget_row (gpointer data)
{
  SlRecordListRow *row = data;

  if (row != NULL)
    {
      row->rows = NULL;
      g_object_unref (row);
    }
}

static void
tell_row (SlRecordListRows *self,
          guint             position)
{
  g_autoptr(SlRecordListRow) row = NULL;

  if (position >= self->rows->len || g_ptr_array_index (self->rows, position) == NULL)
    return;
  row = g_object_ref (g_ptr_array_index (self->rows, position));
  g_signal_emit (row, row_changed_signal, 0);
}

static gboolean
tell_late_rows (SlRecordListRows *self,
                guint             max)
{
  for (guint told = 0; self->late_from < self->rows->len && told < max; self->late_from++)
    if (g_ptr_array_index (self->rows, self->late_from) != NULL)
      {
        tell_row (self, self->late_from);
        told++;
      }
  return self->late_from < self->rows->len;
}

static gboolean
late_tick_cb (GtkWidget     *view,
              GdkFrameClock *clock,
              gpointer       data)
{
  SlRecordListRows *self = data;

  if (tell_late_rows (self, LATE_STEP))
    return G_SOURCE_CONTINUE;
  self->late_tick = 0;
  return G_SOURCE_REMOVE;
}

static void
sl_record_list_rows_flush (SlRecordListRows *self)
{
  tell_late_rows (self, G_MAXUINT);
}

/* A search comes as one or several changes of the records in a row (all
 * gone then all back, when many runs changed): the view is told after the
 * last, before the next frame is drawn, and only how the length changed. */
static gboolean
tell_rows (gpointer data)
{
  SlRecordListRows *self = data;
  guint old_n = self->n_items;
  guint new_n = g_list_model_get_n_items (self->records);
  guint eager_end;

  self->changed_id = 0;
  if (new_n < self->rows->len)
    g_ptr_array_set_size (self->rows, new_n);
  self->n_items = new_n;
  if (new_n < old_n)
    g_list_model_items_changed (G_LIST_MODEL (self), new_n, old_n - new_n, 0);
  else if (new_n > old_n)
    g_list_model_items_changed (G_LIST_MODEL (self), old_n, 0, new_n - old_n);

  eager_end = MIN (self->rows->len, self->changed_from + EAGER_ROWS);
  for (guint i = self->changed_from; i < eager_end; i++)
    tell_row (self, i);
  self->late_from = self->late_tick ? MIN (self->late_from, eager_end) : eager_end;
  if (self->late_from < self->rows->len && self->late_tick == 0)
    {
      if (self->view != NULL)
        self->late_tick = gtk_widget_add_tick_callback (self->view, late_tick_cb, self, NULL);
      else
        sl_record_list_rows_flush (self);
    }
  return G_SOURCE_REMOVE;
}

static void
records_changed_cb (SlRecordListRows *self,
                    guint             position,
                    guint             removed,
                    guint             added)
{
  /* The records' rows from @position on are out of date; the list's
   * length is told with them, once. Until then a row past the records'
   * new end has no record. */
  for (guint i = position; i < self->rows->len; i++)
    {
      SlRecordListRow *row = g_ptr_array_index (self->rows, i);

      if (row != NULL)
        g_clear_object (&row->record);
    }
  self->changed_from = self->changed_id ? MIN (self->changed_from, position) : position;
  if (self->changed_id == 0)
    self->changed_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, tell_rows, self, NULL);
}

static void
sl_record_list_rows_dispose (GObject *object)
{
  SlRecordListRows *self = SL_RECORD_LIST_ROWS (object);

  if (self->records != NULL)
    g_signal_handlers_disconnect_by_func (self->records, records_changed_cb, self);
  g_clear_handle_id (&self->changed_id, g_source_remove);
  if (self->view != NULL && self->late_tick != 0)
    gtk_widget_remove_tick_callback (self->view, self->late_tick);
  self->late_tick = 0;
  if (self->view != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->view), (gpointer *) &self->view);
  self->view = NULL;
  g_clear_object (&self->records);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  G_OBJECT_CLASS (sl_record_list_rows_parent_class)->dispose (object);
}

static void
sl_record_list_rows_class_init (SlRecordListRowsClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sl_record_list_rows_dispose;
}

static void
sl_record_list_rows_init (SlRecordListRows *self)
{
  self->rows = g_ptr_array_new_with_free_func (forget_row);
}

static SlRecordListRows *
sl_record_list_rows_new (GListModel *records,
                         GtkWidget  *view)
{
  SlRecordListRows *self = g_object_new (SL_TYPE_RECORD_LIST_ROWS, NULL);

  self->view = view;
  g_object_add_weak_pointer (G_OBJECT (view), (gpointer *) &self->view);
  self->records = g_object_ref (records);
  self->n_items = g_list_model_get_n_items (records);
  g_signal_connect_object (records, "items-changed", G_CALLBACK (records_changed_cb), self,
                           G_CONNECT_SWAPPED);
  return self;
}

/* Helpers */

static char *
dup_subtitle (SlRecordListPage *self,
              SlRecord         *record)
{
  g_autoptr(GString) s = g_string_new (NULL);
  guint n = 0;

  /* The first few details other than the title say which record it is. */
  for (guint i = 0; i < self->type->fields->len && n < 3; i++)
    {
      SlField *field = g_ptr_array_index (self->type->fields, i);
      g_autofree char *text = NULL;
      JsonNode *value;

      if (g_strcmp0 (field->id, self->type->title_field) == 0 ||
          field->type == SL_FIELD_LONG_TEXT || field->identifying)
        continue;
      value = sl_record_get_value (record, field->id);
      if (value == NULL || JSON_NODE_HOLDS_NULL (value))
        continue;
      text = sl_field_format_value (field, value);
      if (text[0] == '\0')
        continue;
      g_string_append_printf (s, "%s%s: %s", n ? " · " : "", field->label, text);
      n++;
    }

  if (n == 0)
    return g_strdup (_("No details yet"));
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void
update_empty (SlRecordListPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->list));

  if (n > 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "list");
      return;
    }

  if (sl_record_list_get_total (self->list) > 0)
    {
      adw_status_page_set_icon_name (self->empty_page, "edit-find-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Results Found"));
      adw_status_page_set_description (self->empty_page, _("Try a different search or filter"));
    }
  else
    {
      g_autofree char *title = NULL;

      /* Translators: %s is a record type's plural, such as "Submissions" */
      title = g_strdup_printf (_("No %s"), self->type->plural);
      adw_status_page_set_icon_name (self->empty_page, "folder-documents-symbolic");
      adw_status_page_set_title (self->empty_page, title);
      adw_status_page_set_description (self->empty_page,
                                       self->type->parents && self->type->parents[0] ?
                                       _("They are added from the record they belong to") :
                                       _("Add one with the + button"));
    }
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

static void
update_subtitle (SlRecordListPage *self)
{
  g_autofree char *subtitle = NULL;
  guint total = sl_record_list_get_total (self->list);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->list));

  if (n == total)
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u record", "%u records", total), total);
  else
    /* Translators: records shown of all records */
    subtitle = g_strdup_printf (_("%u of %u"), n, total);
  adw_window_title_set_subtitle (self->window_title, subtitle);
}

/* Callbacks */

static void
on_items_changed_cb (SlRecordListPage *self)
{
  update_empty (self);
  update_subtitle (self);
}

/* After a search or a filter the rows stay where they were scrolled to:
 * show the first results instead. */
static void
show_first_results (SlRecordListPage *self)
{
  gtk_adjustment_set_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view)), 0);
}

static void
on_search_changed_cb (SlRecordListPage *self)
{
  sl_record_list_set_filter_text (self->list, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  show_first_results (self);
}

static void
on_search_activate_cb (SlRecordListPage *self)
{
  /* Enter moves on to the list. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->list)) > 0)
    gtk_widget_child_focus (GTK_WIDGET (self->list_view), GTK_DIR_TAB_FORWARD);
}

static void
on_list_activate_cb (SlRecordListPage *self,
                     guint             position)
{
  g_autoptr(SlRecord) record = g_list_model_get_item (G_LIST_MODEL (self->list), position);

  if (record != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "page.open-record", "s", sl_record_get_id (record));
}

static void
on_option_selected_cb (SlRecordListPage *self)
{
  guint field_pos = gtk_drop_down_get_selected (self->field_dropdown);
  guint pos = gtk_drop_down_get_selected (self->option_dropdown);
  g_autoptr(JsonNode) value = NULL;
  g_autoptr(GError) error = NULL;
  SlField *field;

  if (self->filter_codes == NULL)
    return;

  sl_record_list_clear_field_filters (self->list);
  show_first_results (self);
  if (field_pos == 0 || field_pos == GTK_INVALID_LIST_POSITION || pos == 0 ||
      pos >= self->filter_codes->len)
    return;

  field = g_ptr_array_index (self->filter_fields, field_pos - 1);
  value = sl_field_parse_input (field, g_ptr_array_index (self->filter_codes, pos), &error);
  if (value == NULL || !sl_record_list_set_field_filter (self->list, field->id, value, &error))
    g_warning ("Cannot filter on %s: %s", field->id, error ? error->message : "?");
}

static void
on_field_selected_cb (SlRecordListPage *self)
{
  g_autoptr(GtkStringList) labels = NULL;
  guint pos = gtk_drop_down_get_selected (self->field_dropdown);
  SlField *field;

  g_clear_pointer (&self->filter_codes, g_ptr_array_unref);
  if (pos == 0 || pos == GTK_INVALID_LIST_POSITION || self->filter_fields == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->option_dropdown), FALSE);
      if (self->list != NULL)
        sl_record_list_clear_field_filters (self->list);
      return;
    }

  field = g_ptr_array_index (self->filter_fields, pos - 1);
  labels = gtk_string_list_new (NULL);
  self->filter_codes = g_ptr_array_new_with_free_func (g_free);

  /* Translators: the filter value that lets every record through */
  gtk_string_list_append (labels, _("Any"));
  g_ptr_array_add (self->filter_codes, g_strdup (""));
  for (guint i = 0; field->options && i < field->options->len; i++)
    {
      SlOption *o = g_ptr_array_index (field->options, i);

      gtk_string_list_append (labels, o->label);
      g_ptr_array_add (self->filter_codes, g_strdup (o->code));
    }
  gtk_string_list_append (labels, _("Unknown"));
  g_ptr_array_add (self->filter_codes, g_strdup ("unknown"));
  gtk_string_list_append (labels, _("Not recorded"));
  g_ptr_array_add (self->filter_codes, g_strdup ("not recorded"));

  gtk_drop_down_set_model (self->option_dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->option_dropdown, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->option_dropdown), TRUE);
  on_option_selected_cb (self);
}

static void
add_action_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  SlRecordListPage *self = SL_RECORD_LIST_PAGE (widget);

  gtk_widget_activate_action (widget, "page.new-record", "(ss)", self->type->id, "");
}

static void
setup_item_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               SlRecordListPage         *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_box_append (GTK_BOX (labels), title);
  gtk_box_append (GTK_BOX (labels), subtitle);
  gtk_box_append (GTK_BOX (box), labels);
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_item_set_child (item, box);
}

static void
show_row (GtkListItem *item)
{
  SlRecordListPage *self = g_object_get_data (G_OBJECT (item), "sl-page");
  SlRecord *record = sl_record_list_row_get_record (gtk_list_item_get_item (item));
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *labels = gtk_widget_get_first_child (box);
  GtkLabel *title = GTK_LABEL (gtk_widget_get_first_child (labels));
  GtkLabel *subtitle = GTK_LABEL (gtk_widget_get_next_sibling (GTK_WIDGET (title)));
  g_autofree char *text = NULL;
  const char *record_title;

  if (record == NULL)
    return;   /* gone from the list; the view drops the row next */
  text = dup_subtitle (self, record);
  record_title = sl_record_get_title (record);
  gtk_label_set_text (title, record_title[0] ? record_title : _("Untitled"));
  gtk_label_set_text (subtitle, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, gtk_label_get_text (title),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                  -1);
}

static void
bind_item_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              SlRecordListPage         *self)
{
  g_object_set_data (G_OBJECT (item), "sl-page", self);
  g_signal_connect_object (gtk_list_item_get_item (item), "changed", G_CALLBACK (show_row), item,
                           G_CONNECT_SWAPPED);
  show_row (item);
}

static void
unbind_item_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                SlRecordListPage         *self)
{
  g_signal_handlers_disconnect_by_func (gtk_list_item_get_item (item), show_row, item);
}

/* GObject overrides */

static void
sl_record_list_page_dispose (GObject *object)
{
  SlRecordListPage *self = SL_RECORD_LIST_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SL_TYPE_RECORD_LIST_PAGE);

  g_clear_object (&self->list);
  g_clear_object (&self->vault);

  G_OBJECT_CLASS (sl_record_list_page_parent_class)->dispose (object);
}

static void
sl_record_list_page_finalize (GObject *object)
{
  SlRecordListPage *self = SL_RECORD_LIST_PAGE (object);

  g_clear_pointer (&self->filter_fields, g_ptr_array_unref);
  g_clear_pointer (&self->filter_codes, g_ptr_array_unref);

  G_OBJECT_CLASS (sl_record_list_page_parent_class)->finalize (object);
}

static void
sl_record_list_page_class_init (SlRecordListPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_record_list_page_dispose;
  object_class->finalize = sl_record_list_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               SL_RESOURCE_BASE_PATH "/ui/sl-record-list-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SlRecordListPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, SlRecordListPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, SlRecordListPage, add_button);
  gtk_widget_class_bind_template_child (widget_class, SlRecordListPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SlRecordListPage, field_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SlRecordListPage, option_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SlRecordListPage, stack);
  gtk_widget_class_bind_template_child (widget_class, SlRecordListPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, SlRecordListPage, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_field_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_option_selected_cb);

  gtk_widget_class_install_action (widget_class, "list.add", NULL, add_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "list.add", NULL);
}

static void
sl_record_list_page_init (SlRecordListPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

static void
name_dropdown_button (GtkDropDown *dropdown,
                      const char  *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (dropdown));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_TOGGLE_BUTTON (child))
      gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

/**
 * sl_record_list_page_new:
 * @vault: an unlocked vault
 * @type: a record type id
 *
 * Returns: (transfer floating) (nullable): the list of @type's records
 */
GtkWidget *
sl_record_list_page_new (SlVault    *vault,
                         const char *type)
{
  g_autoptr(GtkStringList) fields = gtk_string_list_new (NULL);
  g_autoptr(GError) error = NULL;
  GtkListItemFactory *factory;
  SlRecordListPage *self;
  SlRecordType *rt;
  g_autofree char *placeholder = NULL;
  g_autofree char *add_label = NULL;

  g_return_val_if_fail (SL_IS_VAULT (vault), NULL);

  if (!(rt = sl_codebook_lookup_type (sl_vault_get_codebook (vault), type, &error)))
    {
      g_critical ("%s", error->message);
      return NULL;
    }

  self = g_object_new (SL_TYPE_RECORD_LIST_PAGE, NULL);
  self->vault = g_object_ref (vault);
  self->type = rt;
  self->list = sl_record_list_new (vault, type, &error);
  if (self->list == NULL)
    {
      g_warning ("Cannot list %s: %s", type, error->message);
      g_object_ref_sink (self);
      g_object_unref (self);
      return NULL;
    }

  adw_window_title_set_title (self->window_title, rt->plural);
  /* Translators: %s is a record type's plural, such as "Submissions" */
  placeholder = g_strdup_printf (_("Search %s"), rt->plural);
  g_object_set (self->search_entry, "placeholder-text", placeholder, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, placeholder, -1);

  /* Translators: %s is a record type, such as "Submission" */
  add_label = g_strdup_printf (_("Add %s (Ctrl+N)"), rt->label);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->add_button), add_label);
  gtk_widget_set_visible (GTK_WIDGET (self->add_button), rt->parents == NULL || rt->parents[0] == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "list.add",
                                 rt->parents == NULL || rt->parents[0] == NULL);

  /* GtkDropDown's own button carries no name in GTK 4.8: give it the
   * dropdown's, so a screen reader says what it opens. */
  name_dropdown_button (self->field_dropdown, _("Filter by Field"));
  name_dropdown_button (self->option_dropdown, _("Filter Value"));

  /* The filter: the type's single-choice fields, then their options. */
  self->filter_fields = g_ptr_array_new ();
  gtk_string_list_append (fields, _("All Records"));
  for (guint i = 0; i < rt->fields->len; i++)
    {
      SlField *field = g_ptr_array_index (rt->fields, i);

      if (field->type != SL_FIELD_CHOICE)
        continue;
      g_ptr_array_add (self->filter_fields, field);
      gtk_string_list_append (fields, field->label);
    }
  gtk_drop_down_set_model (self->field_dropdown, G_LIST_MODEL (fields));
  gtk_widget_set_visible (GTK_WIDGET (self->field_dropdown), self->filter_fields->len > 0);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_item_cb), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_item_cb), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (unbind_item_cb), self, 0);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (
                             G_LIST_MODEL (sl_record_list_rows_new (G_LIST_MODEL (self->list),
                                                                    GTK_WIDGET (self->list_view))))));
  g_object_unref (gtk_list_view_get_model (self->list_view));
  {
    GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view));
    GListModel *rows = gtk_no_selection_get_model (GTK_NO_SELECTION (gtk_list_view_get_model (self->list_view)));

    /* Scrolled before every row was told: tell them all now. */
    if (adjustment != NULL)
      g_signal_connect_object (adjustment, "value-changed", G_CALLBACK (sl_record_list_rows_flush),
                               rows, G_CONNECT_SWAPPED);
  }

  g_signal_connect_object (self->list, "items-changed", G_CALLBACK (on_items_changed_cb), self,
                           G_CONNECT_SWAPPED);
  on_items_changed_cb (self);

  return GTK_WIDGET (self);
}

const char *
sl_record_list_page_get_record_type (SlRecordListPage *self)
{
  g_return_val_if_fail (SL_IS_RECORD_LIST_PAGE (self), NULL);

  return self->type->id;
}

/**
 * sl_record_list_page_get_model:
 * @self: a #SlRecordListPage
 *
 * Returns: (transfer none): the records shown (#SlRecord)
 */
GListModel *
sl_record_list_page_get_model (SlRecordListPage *self)
{
  g_return_val_if_fail (SL_IS_RECORD_LIST_PAGE (self), NULL);

  return G_LIST_MODEL (self->list);
}

/**
 * sl_record_list_page_set_show_back:
 * @self: a #SlRecordListPage
 * @show: whether to show a back button (the sidebar is folded away)
 */
void
sl_record_list_page_set_show_back (SlRecordListPage *self,
                                   gboolean          show)
{
  g_return_if_fail (SL_IS_RECORD_LIST_PAGE (self));

  gtk_widget_set_visible (GTK_WIDGET (self->back_button), show);
}
