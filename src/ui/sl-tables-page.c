/* sl-tables-page.c
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

#define G_LOG_DOMAIN "sl-tables-page"

#include "config.h"

#include <glib/gi18n.h>

#include "sl-chart.h"
#include "sl-tables-page.h"
#include "sl-utils-private.h"

/*
 * SlTablesPage: the codebook's tables, computed from the records. A list
 * of the tables; for the selected one, the table itself, its note and a
 * bar chart (with its text alternative for a screen reader). Inside the
 * app the secretariat sees exact counts; the "Exact Counts" switch shows
 * the table as it would leave the vault, with small counts suppressed.
 * The table is computed again whenever the records change.
 *
 * Exports (CSV for the table, SVG/PNG/PDF for the chart) are suppressed
 * unless the user chooses exact counts in the file dialog itself,
 * whatever the switch shows.
 */

/* The chart's layout, as sl-chart.c draws it: used to size the drawing
 * area so that the whole chart shows. */
#define CHART_MARGIN      16.0
#define CHART_BAR_HEIGHT  14.0
#define CHART_ROW_GAP     10.0
#define CHART_TITLE_SPACE 44.0
#define CHART_AXIS_SPACE  28.0
#define CHART_LEGEND_ROW  18.0
#define CHART_MIN_WIDTH   560

#define SUPPRESSED_MARKER "[c]"

struct _SlTablesPage
{
  AdwBin                parent_instance;

  /* Template widgets */
  AdwWindowTitle       *window_title;
  GtkButton            *back_button;
  GtkMenuButton        *export_button;
  GtkListBox           *table_list;
  GtkStack             *stack;
  GtkLabel             *title_label;
  GtkLabel             *mode_label;
  GtkSwitch            *exact_switch;
  GtkGrid              *grid;
  GtkLabel             *note_label;
  GtkDrawingArea       *chart;
  AdwStatusPage        *status_page;

  /* Owned references */
  SlVault              *vault;
  SlTable              *table;
  GtkFileChooserNative *native;
  char                 *table_id;
  char                 *description;
  char                 *export_format;
};

G_DEFINE_FINAL_TYPE (SlTablesPage, sl_tables_page, ADW_TYPE_BIN)

/* Helpers */

static guint
threshold (gboolean exact)
{
  return exact ? 0 : SL_TABLES_DEFAULT_THRESHOLD;
}

static char *
cell_text (SlCell *c)
{
  if (c->suppressed)
    return g_strdup (SUPPRESSED_MARKER);
  switch (c->kind)
    {
    case SL_CELL_COUNT:
      return g_strdup_printf ("%.0f", c->value);
    case SL_CELL_PERCENT:
      return g_strdup_printf ("%.1f%%", c->value);
    case SL_CELL_TEXT:
      return g_strdup (c->text ? c->text : "");
    case SL_CELL_EMPTY:
    default:
      return g_strdup ("");
    }
}

/* How tall sl_chart_draw() draws @t: its rows (not the totals) times its
 * series (the numeric columns charted), plus title, axis and legend. */
static int
chart_height (SlTable *t)
{
  gboolean percent = FALSE;
  guint series = 0;
  guint rows = 0;

  for (guint c = 0; c < t->columns->len; c++)
    if (g_str_equal (g_ptr_array_index (t->columns, c), "%"))
      percent = TRUE;

  for (guint c = 0; c < t->columns->len; c++)
    {
      const char *label = g_ptr_array_index (t->columns, c);
      gboolean numeric = FALSE;

      if (g_str_equal (label, "Total") && t->columns->len > 2)
        continue;
      for (guint r = 0; r < t->rows->len && !numeric; r++)
        {
          SlTableRow *row = g_ptr_array_index (t->rows, r);
          SlCellKind kind = g_array_index (row->cells, SlCell, c).kind;

          numeric = percent ? kind == SL_CELL_PERCENT : kind == SL_CELL_COUNT;
        }
      if (!numeric)
        continue;
      if (percent && g_str_equal (label, "%") && c > 0 &&
          g_str_equal (g_ptr_array_index (t->columns, c - 1), "Total") && t->columns->len > 2)
        continue;
      series++;
    }

  for (guint r = 0; r < t->rows->len; r++)
    {
      SlTableRow *row = g_ptr_array_index (t->rows, r);

      if (!row->is_total && !g_str_equal (row->label, "Records"))
        rows++;
    }

  series = MAX (series, 1);
  return (int) (CHART_TITLE_SPACE + rows * (series * CHART_BAR_HEIGHT + CHART_ROW_GAP) +
                CHART_AXIS_SPACE + (series > 1 ? series * CHART_LEGEND_ROW : 0) + CHART_MARGIN);
}

static void
set_bold (GtkWidget *label)
{
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  gtk_label_set_attributes (GTK_LABEL (label), attrs);
  pango_attr_list_unref (attrs);
}

static void
clear_grid (SlTablesPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->grid))) != NULL)
    gtk_grid_remove (self->grid, child);
}

static void
fill_grid (SlTablesPage *self)
{
  SlTable *t = self->table;
  gboolean has_groups = FALSE;

  clear_grid (self);

  for (guint r = 0; r < t->rows->len; r++)
    if (((SlTableRow *) g_ptr_array_index (t->rows, r))->is_group)
      has_groups = TRUE;

  /* Column headings */
  for (guint c = 0; c < t->columns->len; c++)
    {
      GtkWidget *label = gtk_label_new (g_ptr_array_index (t->columns, c));

      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 14);
      gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_RIGHT);
      gtk_widget_set_valign (label, GTK_ALIGN_END);
      gtk_widget_add_css_class (label, "heading");
      gtk_grid_attach (self->grid, label, (int) c + 1, 0, 1, 1);
    }

  for (guint r = 0; r < t->rows->len; r++)
    {
      SlTableRow *row = g_ptr_array_index (t->rows, r);
      gboolean bold = row->is_group || row->is_total;
      GtkWidget *label = gtk_label_new (row->label);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 36);
      if (has_groups && !bold)
        gtk_widget_set_margin_start (label, 18);
      if (bold)
        set_bold (label);
      if (row->is_total && r > 0)
        gtk_widget_set_margin_top (label, 6);
      gtk_grid_attach (self->grid, label, 0, (int) r + 1, 1, 1);

      for (guint c = 0; c < row->cells->len && c < t->columns->len; c++)
        {
          SlCell *cell = &g_array_index (row->cells, SlCell, c);
          g_autofree char *text = cell_text (cell);
          g_autofree char *name = NULL;
          GtkWidget *value = gtk_label_new (text);

          gtk_label_set_xalign (GTK_LABEL (value), cell->kind == SL_CELL_TEXT ? 0 : 1);
          gtk_widget_add_css_class (value, "numeric");
          gtk_widget_set_valign (value, GTK_ALIGN_START);
          if (bold)
            set_bold (value);
          if (row->is_total && r > 0)
            gtk_widget_set_margin_top (value, 6);

          /* A screen reader reads each cell with its row and column. */
          if (cell->suppressed)
            {
              const char *why = cell->secondary ?
                                _("Suppressed, so that another suppressed count cannot be worked out") :
                                _("Suppressed: a small count");

              gtk_widget_add_css_class (value, "dim-label");
              gtk_widget_set_tooltip_text (value, why);
              /* Translators: the row, the column, then "suppressed" */
              name = g_strdup_printf (_("%s, %s: suppressed"), row->label,
                                      (char *) g_ptr_array_index (t->columns, c));
              gtk_accessible_update_property (GTK_ACCESSIBLE (value),
                                              GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                              GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, why,
                                              -1);
            }
          else if (text[0] != '\0')
            {
              /* Translators: the row, the column, then the value */
              name = g_strdup_printf (_("%s, %s: %s"), row->label,
                                      (char *) g_ptr_array_index (t->columns, c), text);
              gtk_accessible_update_property (GTK_ACCESSIBLE (value),
                                              GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                              -1);
            }
          gtk_grid_attach (self->grid, value, (int) c + 1, (int) r + 1, 1, 1);
        }
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->grid),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, t->title,
                                  -1);
}

static void
update_mode (SlTablesPage *self)
{
  g_autofree char *text = NULL;
  gboolean exact = gtk_switch_get_active (self->exact_switch);

  if (exact)
    text = g_strdup (_("For use inside the vault only: exact counts must not leave it"));
  else if (self->table == NULL || self->table->suppressed == 0)
    text = g_strdup_printf (_("As it would leave the vault: no count needed suppression (under %u)"),
                            SL_TABLES_DEFAULT_THRESHOLD);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "As it would leave the vault: %u cell suppressed, shown as [c]",
                                         "As it would leave the vault: %u cells suppressed, shown as [c]",
                                         self->table->suppressed),
                            self->table->suppressed);
  gtk_label_set_text (self->mode_label, text);
  adw_window_title_set_subtitle (self->window_title,
                                 exact ? _("Exact Counts") : _("Suppressed"));
}

static void
show_error (SlTablesPage *self,
            const char   *message)
{
  g_clear_pointer (&self->table, sl_table_free);
  g_clear_pointer (&self->description, g_free);
  clear_grid (self);
  adw_status_page_set_title (self->status_page, _("The Table Could Not Be Computed"));
  adw_status_page_set_description (self->status_page, message);
  gtk_stack_set_visible_child_name (self->stack, "error");
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), FALSE);
}

static void
recompute (SlTablesPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *chart_label = NULL;
  SlTable *table;

  if (self->table_id == NULL)
    return;

  table = sl_tables_compute (self->vault, self->table_id,
                             threshold (gtk_switch_get_active (self->exact_switch)), &error);
  if (table == NULL)
    {
      g_warning ("Cannot compute %s: %s", self->table_id, error->message);
      show_error (self, _("Check the codebook's table definitions"));
      return;
    }

  g_clear_pointer (&self->table, sl_table_free);
  self->table = table;

  gtk_label_set_text (self->title_label, table->title);
  gtk_label_set_text (self->note_label, table->note ? table->note : "");
  gtk_widget_set_visible (GTK_WIDGET (self->note_label), table->note && table->note[0]);
  fill_grid (self);
  update_mode (self);

  g_free (self->description);
  self->description = sl_chart_describe (table);
  /* Translators: %s is a table's title */
  chart_label = g_strdup_printf (_("Chart of %s"), table->title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->chart),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, chart_label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->description,
                                  -1);
  gtk_drawing_area_set_content_height (self->chart, chart_height (table));
  gtk_widget_queue_draw (GTK_WIDGET (self->chart));

  gtk_stack_set_visible_child_name (self->stack, "table");
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), TRUE);
}

static void
toast (SlTablesPage *self,
       const char   *message)
{
  /* The vault page shows it; a page on its own has nowhere to. */
  if (!gtk_widget_activate_action (GTK_WIDGET (self), "page.toast", "s", message))
    g_message ("%s", message);
}

static const char *
format_label (const char *format)
{
  if (g_str_equal (format, "csv"))
    return "CSV";
  if (g_str_equal (format, "svg"))
    return "SVG";
  if (g_str_equal (format, "png"))
    return "PNG";
  return "PDF";
}

static const char *
format_mime_type (const char *format)
{
  if (g_str_equal (format, "csv"))
    return "text/csv";
  if (g_str_equal (format, "svg"))
    return "image/svg+xml";
  if (g_str_equal (format, "png"))
    return "image/png";
  return "application/pdf";
}

static gboolean
valid_format (const char *format)
{
  return g_strcmp0 (format, "csv") == 0 || g_strcmp0 (format, "svg") == 0 ||
         g_strcmp0 (format, "png") == 0 || g_strcmp0 (format, "pdf") == 0;
}

/* Callbacks */

static void
on_table_selected_cb (SlTablesPage  *self,
                      GtkListBoxRow *row)
{
  const char *id;

  if (row == NULL)
    return;
  id = gtk_widget_get_name (GTK_WIDGET (row));
  if (g_strcmp0 (id, self->table_id) == 0 && self->table != NULL)
    return;
  g_free (self->table_id);
  self->table_id = g_strdup (id);
  recompute (self);
}

static void
on_exact_changed_cb (SlTablesPage *self)
{
  recompute (self);
}

static void
on_records_changed_cb (SlTablesPage  *self,
                       char         **ids,
                       SlVault       *vault)
{
  /* A few thousand records take milliseconds: on the main thread. */
  if (sl_vault_get_codebook (self->vault) != NULL)
    recompute (self);
}

static void
draw_chart_cb (GtkDrawingArea *area,
               cairo_t        *cr,
               int             width,
               int             height,
               gpointer        data)
{
  SlTablesPage *self = data;

  if (self->table != NULL)
    sl_chart_draw (self->table, cr, width, height, NULL);
}

static void
on_export_response_cb (SlTablesPage         *self,
                       int                   response,
                       GtkFileChooserNative *native)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *suffix = NULL;
  g_autofree char *message = NULL;
  g_autofree char *basename = NULL;
  gboolean exact;

  if (response != GTK_RESPONSE_ACCEPT)
    goto out;

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  path = file ? g_file_get_path (file) : NULL;
  if (path == NULL)
    goto out;

  /* The ending picks the chart's format: add it when left out. */
  suffix = g_strconcat (".", self->export_format, NULL);
  if (!g_str_has_suffix (path, suffix))
    {
      char *with = g_strconcat (path, suffix, NULL);

      g_free (path);
      path = with;
    }

  basename = g_path_get_basename (path);
  exact = g_strcmp0 (gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (native), "counts"), "exact") == 0;
  if (!_sl_tables_page_export (self, path, self->export_format, exact, &error))
    {
      g_warning ("Cannot export %s: %s", self->table_id, error->message);
      /* Translators: %s is a file's name */
      message = g_strdup_printf (_("“%s” could not be written"), basename);
    }
  else if (exact)
    /* Translators: %s is a file's name */
    message = g_strdup_printf (_("“%s” exported with exact counts: keep it inside the vault"), basename);
  else
    /* Translators: %s is a file's name */
    message = g_strdup_printf (_("“%s” exported, small counts suppressed"), basename);
  toast (self, message);

out:
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (native));
  g_clear_object (&self->native);
}

/* Actions */

static void
export_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  SlTablesPage *self = SL_TABLES_PAGE (widget);
  const char *format = g_variant_get_string (param, NULL);
  g_autofree char *title = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  const char *options[] = { "suppressed", "exact", NULL };
  const char *labels[] = {
    N_("Suppressed, as it may leave the vault"),
    N_("Exact counts, which must not leave the vault"),
    NULL,
  };
  const char *translated[3] = { _(labels[0]), _(labels[1]), NULL };

  if (self->table == NULL || !valid_format (format))
    return;

  if (self->native != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->native));
      g_clear_object (&self->native);
    }

  g_free (self->export_format);
  self->export_format = g_strdup (format);

  if (g_str_equal (format, "csv"))
    /* Translators: the title of a file dialog; the warning is part of it */
    title = g_strdup (_("Export Table as CSV — Exact Counts Must Not Leave the Vault"));
  else
    /* Translators: %s is SVG, PNG or PDF; the warning is part of the title */
    title = g_strdup_printf (_("Export Chart as %s — Exact Counts Must Not Leave the Vault"),
                             format_label (format));

  self->native = gtk_file_chooser_native_new (title,
                                              _sl_widget_get_window (widget),
                                              GTK_FILE_CHOOSER_ACTION_SAVE,
                                              _("_Export"),
                                              _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->native), TRUE);

  name = g_strdup_printf ("%s.%s", self->table_id, format);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->native), name);

  gtk_file_filter_set_name (filter, format_label (format));
  gtk_file_filter_add_mime_type (filter, format_mime_type (format));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->native), filter);

  /* Suppressed unless the user picks exact counts here, whatever the
   * page shows. */
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (self->native), "counts", _("Counts"),
                               options, translated);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (self->native), "counts", "suppressed");

  g_signal_connect_object (self->native, "response", G_CALLBACK (on_export_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->native));
}

/* GObject overrides */

static void
sl_tables_page_dispose (GObject *object)
{
  SlTablesPage *self = SL_TABLES_PAGE (object);

  if (self->native != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->native));
      g_clear_object (&self->native);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), SL_TYPE_TABLES_PAGE);

  g_clear_object (&self->vault);

  G_OBJECT_CLASS (sl_tables_page_parent_class)->dispose (object);
}

static void
sl_tables_page_finalize (GObject *object)
{
  SlTablesPage *self = SL_TABLES_PAGE (object);

  g_clear_pointer (&self->table, sl_table_free);
  g_clear_pointer (&self->table_id, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->export_format, g_free);

  G_OBJECT_CLASS (sl_tables_page_parent_class)->finalize (object);
}

static void
sl_tables_page_class_init (SlTablesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_tables_page_dispose;
  object_class->finalize = sl_tables_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               SL_RESOURCE_BASE_PATH "/ui/sl-tables-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SlTablesPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, SlTablesPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, SlTablesPage, export_button);
  gtk_widget_class_bind_template_child (widget_class, SlTablesPage, table_list);
  gtk_widget_class_bind_template_child (widget_class, SlTablesPage, stack);
  gtk_widget_class_bind_template_child (widget_class, SlTablesPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, SlTablesPage, mode_label);
  gtk_widget_class_bind_template_child (widget_class, SlTablesPage, exact_switch);
  gtk_widget_class_bind_template_child (widget_class, SlTablesPage, grid);
  gtk_widget_class_bind_template_child (widget_class, SlTablesPage, note_label);
  gtk_widget_class_bind_template_child (widget_class, SlTablesPage, chart);
  gtk_widget_class_bind_template_child (widget_class, SlTablesPage, status_page);
  gtk_widget_class_bind_template_callback (widget_class, on_table_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_exact_changed_cb);

  gtk_widget_class_install_action (widget_class, "tables.export", "s", export_action_cb);
}

static void
sl_tables_page_init (SlTablesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_drawing_area_set_draw_func (self->chart, draw_chart_cb, self, NULL);
  gtk_drawing_area_set_content_width (self->chart, CHART_MIN_WIDTH);
}

/* Public API */

/**
 * sl_tables_page_new:
 * @vault: an unlocked vault
 *
 * Returns: (transfer floating): the tables of @vault
 */
GtkWidget *
sl_tables_page_new (SlVault *vault)
{
  g_autoptr(GPtrArray) tables = NULL;
  g_autoptr(GError) error = NULL;
  SlTablesPage *self;

  g_return_val_if_fail (SL_IS_VAULT (vault), NULL);

  self = g_object_new (SL_TYPE_TABLES_PAGE, NULL);
  self->vault = g_object_ref (vault);

  if (!(tables = sl_tables_list (vault, &error)))
    {
      g_warning ("Cannot list the tables: %s", error->message);
      show_error (self, _("Check the codebook's table definitions"));
      return GTK_WIDGET (self);
    }

  for (guint i = 0; i < tables->len; i++)
    {
      SlTable *t = g_ptr_array_index (tables, i);
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *label = gtk_label_new (t->title);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      gtk_widget_set_name (row, t->id);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, t->title, -1);
      gtk_list_box_append (self->table_list, row);
    }

  if (tables->len == 0)
    {
      adw_status_page_set_title (self->status_page, _("No Tables"));
      adw_status_page_set_description (self->status_page, _("The vault's codebook defines no tables"));
      gtk_stack_set_visible_child_name (self->stack, "error");
      gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), FALSE);
    }
  else
    gtk_list_box_select_row (self->table_list, gtk_list_box_get_row_at_index (self->table_list, 0));

  g_signal_connect_object (vault, "records-changed", G_CALLBACK (on_records_changed_cb), self,
                           G_CONNECT_SWAPPED);

  return GTK_WIDGET (self);
}

/**
 * sl_tables_page_set_show_back:
 * @self: a #SlTablesPage
 * @show: whether to show a back button (the sidebar is folded away)
 */
void
sl_tables_page_set_show_back (SlTablesPage *self,
                              gboolean      show)
{
  g_return_if_fail (SL_IS_TABLES_PAGE (self));

  gtk_widget_set_visible (GTK_WIDGET (self->back_button), show);
}

/**
 * sl_tables_page_select_table:
 * @self: a #SlTablesPage
 * @id: a table id, such as "table10"
 *
 * Returns: %TRUE if the codebook has such a table, now shown
 */
gboolean
sl_tables_page_select_table (SlTablesPage *self,
                             const char   *id)
{
  g_return_val_if_fail (SL_IS_TABLES_PAGE (self), FALSE);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->table_list));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row) && g_strcmp0 (gtk_widget_get_name (row), id) == 0)
      {
        gtk_list_box_select_row (self->table_list, GTK_LIST_BOX_ROW (row));
        return TRUE;
      }
  return FALSE;
}

/**
 * sl_tables_page_get_table_id:
 * @self: a #SlTablesPage
 *
 * Returns: (nullable): the id of the table shown
 */
const char *
sl_tables_page_get_table_id (SlTablesPage *self)
{
  g_return_val_if_fail (SL_IS_TABLES_PAGE (self), NULL);

  return self->table_id;
}

/**
 * sl_tables_page_get_table:
 * @self: a #SlTablesPage
 *
 * Returns: (transfer none) (nullable): the table shown, as computed
 */
SlTable *
sl_tables_page_get_table (SlTablesPage *self)
{
  g_return_val_if_fail (SL_IS_TABLES_PAGE (self), NULL);

  return self->table;
}

/**
 * sl_tables_page_set_exact:
 * @self: a #SlTablesPage
 * @exact: %TRUE for exact counts, %FALSE for the table as it would
 *   leave the vault
 */
void
sl_tables_page_set_exact (SlTablesPage *self,
                          gboolean      exact)
{
  g_return_if_fail (SL_IS_TABLES_PAGE (self));

  gtk_switch_set_active (self->exact_switch, exact);
}

gboolean
sl_tables_page_get_exact (SlTablesPage *self)
{
  g_return_val_if_fail (SL_IS_TABLES_PAGE (self), FALSE);

  return gtk_switch_get_active (self->exact_switch);
}

/* Writes the shown table (CSV) or its chart (SVG, PNG, PDF) to @path,
 * atomically, computed afresh: suppressed unless @exact. */
gboolean
_sl_tables_page_export (SlTablesPage  *self,
                        const char    *path,
                        const char    *format,
                        gboolean       exact,
                        GError       **error)
{
  g_autoptr(SlTable) table = NULL;

  g_return_val_if_fail (SL_IS_TABLES_PAGE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (valid_format (format), FALSE);

  if (self->table_id == NULL)
    {
      g_set_error (error, SL_TABLES_ERROR, SL_TABLES_ERROR_UNKNOWN_TABLE, "No table is selected");
      return FALSE;
    }
  if (!(table = sl_tables_compute (self->vault, self->table_id, threshold (exact), error)))
    return FALSE;

  if (g_str_equal (format, "csv"))
    {
      g_autofree char *csv = sl_table_to_csv (table);

      return g_file_set_contents_full (path, csv, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0644, error);
    }
  return sl_chart_write (table, path, error);
}

GtkGrid *
_sl_tables_page_get_grid (SlTablesPage *self)
{
  return self->grid;
}

GtkWidget *
_sl_tables_page_get_chart (SlTablesPage *self)
{
  return GTK_WIDGET (self->chart);
}

GtkListBox *
_sl_tables_page_get_list (SlTablesPage *self)
{
  return self->table_list;
}

/* The chart's text alternative, as given to the accessibility tree. */
const char *
_sl_tables_page_get_description (SlTablesPage *self)
{
  return self->description;
}

/* The export's file dialog while it is open. */
GtkFileChooserNative *
_sl_tables_page_get_export_dialog (SlTablesPage *self)
{
  return self->native;
}
