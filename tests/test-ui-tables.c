/* test-ui-tables.c
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

/* Drives the tables page under Xvfb: Table 10 of the 2012 report from its
 * nine submissions, shown with exact counts and suppressed, its chart's
 * text alternative, updated when a record is added, and exported as CSV
 * and as a chart. Run with GSETTINGS_BACKEND=memory and GTK_A11Y=none. */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "sl-change-log.h"
#include "sl-record.h"
#include "sl-tables-page.h"
#include "sl-test-ui-utils.h"
#include "sl-test-utils.h"
#include "sl-vault-page.h"

typedef struct
{
  char        *tmpdir;
  SlVault     *vault;
  GtkWindow   *window;
  SlVaultPage *page;
} Fixture;

/* Table 10 of the 2012 report, as tests/test-tables.c enters it. */
static const char *table10_rows[] = {
  "reference=A|victims_count=306|victims_in_care_count=19|within_window=no",
  "reference=B|victims_count=221|victims_in_care_count=74|within_window=no",
  "reference=C|victims_count=26|victims_in_care_count=9|within_window=yes",
  "reference=D|victims_count=7|victims_in_care_count=6|within_window=yes",
  "reference=E|victims_count=56|victims_in_care_count=23|within_window=yes",
  "reference=F|victims_count=60|victims_in_care_count=42|within_window=yes",
  "reference=G|victims_count=135|victims_in_care_count=11|within_window=yes",
  "reference=H|victims_count=509|victims_in_care_count=125|within_window=yes",
  "reference=I|victims_count=511|victims_in_care_count=51|within_window=yes",
};

/* Helpers */

static char *
add (SlVault    *vault,
     const char *type,
     const char *assignments)
{
  g_auto(GStrv) a = g_strsplit (assignments, "|", -1);
  SlRecordType *rt = sl_codebook_lookup_type (sl_vault_get_codebook (vault), type, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) v = sl_values_from_assignments (rt, (const char * const *) a, &error);
  char *id;

  g_assert_no_error (error);
  id = sl_vault_add_record (vault, type, NULL, v, &error);
  g_assert_no_error (error);
  return id;
}

static SlTablesPage *
tables_page (Fixture *f)
{
  GtkWidget *w = sl_vault_page_get_visible_page (f->page);

  g_assert_true (SL_IS_TABLES_PAGE (w));
  return SL_TABLES_PAGE (w);
}

/* The grid's column for @heading (in its first row), or -1. */
static int
grid_column (GtkGrid    *grid,
             const char *heading)
{
  for (int c = 1; c < 32; c++)
    {
      GtkWidget *w = gtk_grid_get_child_at (grid, c, 0);

      if (w == NULL)
        break;
      if (g_strcmp0 (gtk_label_get_text (GTK_LABEL (w)), heading) == 0)
        return c;
    }
  return -1;
}

static int
grid_row (GtkGrid    *grid,
          const char *label)
{
  for (int r = 1; r < 256; r++)
    {
      GtkWidget *w = gtk_grid_get_child_at (grid, 0, r);

      if (w == NULL)
        break;
      if (g_strcmp0 (gtk_label_get_text (GTK_LABEL (w)), label) == 0)
        return r;
    }
  return -1;
}

static GtkLabel *
grid_cell (SlTablesPage *page,
           const char   *row,
           const char   *column)
{
  GtkGrid *grid = _sl_tables_page_get_grid (page);
  int r = grid_row (grid, row);
  int c = grid_column (grid, column);
  GtkWidget *w;

  if (r < 0)
    g_error ("No row “%s” in the grid", row);
  if (c < 0)
    g_error ("No column “%s” in the grid", column);
  w = gtk_grid_get_child_at (grid, c, r);
  g_assert_true (GTK_IS_LABEL (w));
  return GTK_LABEL (w);
}

static const char *
cell_text (SlTablesPage *page,
           const char   *row,
           const char   *column)
{
  return gtk_label_get_text (grid_cell (page, row, column));
}

static gboolean
is_bold (GtkLabel *label)
{
  PangoAttrList *attrs = gtk_label_get_attributes (label);
  g_autoptr(PangoAttrIterator) it = NULL;
  PangoAttribute *weight;

  if (attrs == NULL)
    return FALSE;
  it = pango_attr_list_get_iterator (attrs);
  weight = pango_attr_iterator_get (it, PANGO_ATTR_WEIGHT);
  return weight != NULL && ((PangoAttrInt *) weight)->value >= PANGO_WEIGHT_BOLD;
}

static gboolean
grid_has_marker (SlTablesPage *page)
{
  GtkGrid *grid = _sl_tables_page_get_grid (page);

  for (GtkWidget *w = gtk_widget_get_first_child (GTK_WIDGET (grid)); w != NULL;
       w = gtk_widget_get_next_sibling (w))
    if (g_strcmp0 (gtk_label_get_text (GTK_LABEL (w)), "[c]") == 0)
      return TRUE;
  return FALSE;
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->tmpdir = sl_test_make_tmpdir ();
  f->vault = sl_test_create_vault (f->tmpdir, "Inquiry.sightline", SL_TEST_PASSPHRASE);
  g_assert_nonnull (f->vault);
  sl_vault_set_author (f->vault, "Tester");

  for (guint i = 0; i < G_N_ELEMENTS (table10_rows); i++)
    g_free (add (f->vault, "submission", table10_rows[i]));
  /* Not in the table: no figure for children in care. */
  g_free (add (f->vault, "submission", "reference=J|victims_count=40"));

  f->page = SL_VAULT_PAGE (sl_vault_page_new (f->vault));
  f->window = sl_test_show_in_window (GTK_WIDGET (f->page), 1200, 800);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  sl_test_close_vault_window (f->window, &f->vault, &f->tmpdir);
}

typedef struct
{
  SlTablesPage *page;
  const char   *row;
  const char   *column;
  const char   *text;
} CellWait;

static gboolean
cell_is (gpointer data)
{
  CellWait *w = data;
  GtkGrid *grid = _sl_tables_page_get_grid (w->page);
  int r = grid_row (grid, w->row);
  int c = grid_column (grid, w->column);
  GtkWidget *cell = r >= 0 && c >= 0 ? gtk_grid_get_child_at (grid, c, r) : NULL;

  return cell != NULL && g_strcmp0 (gtk_label_get_text (GTK_LABEL (cell)), w->text) == 0;
}

static gboolean
export_dialog_closed (gpointer data)
{
  return _sl_tables_page_get_export_dialog (data) == NULL;
}

/* Tests */

/* Table 10 in the grid and its chart, updated as records are added. */
static void
test_table10 (Fixture       *f,
              gconstpointer  data)
{
  SlTablesPage *page;
  SlTable *table;
  GtkWidget *chart;
  const char *description;
  int height_before;
  CellWait wait;

  /* The sidebar's Tables entry shows the page. */
  sl_vault_page_show_tables (f->page);
  spin (50);
  page = tables_page (f);

  g_assert_true (sl_tables_page_get_exact (page));
  g_assert_false (sl_tables_page_select_table (page, "no-such-table"));
  g_assert_true (sl_tables_page_select_table (page, "table10"));
  g_assert_cmpstr (sl_tables_page_get_table_id (page), ==, "table10");
  table = sl_tables_page_get_table (page);
  g_assert_nonnull (table);
  g_assert_cmpuint (table->threshold, ==, 0);

  /* The report's totals: 1831 victims, 360 in care, 20%. */
  g_assert_cmpstr (cell_text (page, "Total", "Victims"), ==, "1831");
  g_assert_cmpstr (cell_text (page, "Total", "Victims in care"), ==, "360");
  g_assert_cmpstr (cell_text (page, "Total within the 14 months", "Victims"), ==, "1304");
  g_assert_cmpstr (cell_text (page, "D", "Victims"), ==, "7");
  g_assert_cmpstr (cell_text (page, "D", "% in care"), ==, "85.7%");
  g_assert_true (is_bold (grid_cell (page, "Total", "Victims")));
  g_assert_false (is_bold (grid_cell (page, "D", "Victims")));
  g_assert_cmpint (grid_row (_sl_tables_page_get_grid (page), "J"), ==, -1);
  g_assert_false (grid_has_marker (page));

  /* The chart's text alternative names every row it draws. */
  description = _sl_tables_page_get_description (page);
  g_assert_nonnull (description);
  g_assert_true (g_str_has_prefix (description, "Bar chart: "));
  for (guint i = 0; i < G_N_ELEMENTS (table10_rows); i++)
    {
      g_autofree char *label = g_strdup_printf ("%c: ", 'A' + i);

      g_assert_nonnull (strstr (description, label));
    }
  chart = _sl_tables_page_get_chart (page);
  height_before = gtk_drawing_area_get_content_height (GTK_DRAWING_AREA (chart));
  g_assert_cmpint (height_before, >, 9 * 14);
  g_assert_true (gtk_widget_get_mapped (chart));

  /* A new submission: the table is computed again. */
  g_free (add (f->vault, "submission",
               "reference=K|victims_count=10|victims_in_care_count=3|within_window=yes"));
  wait = (CellWait) { page, "Total", "Victims", "1841" };
  wait_until (cell_is, &wait, "the new total");
  g_assert_cmpstr (cell_text (page, "K", "Victims in care"), ==, "3");
  g_assert_cmpstr (cell_text (page, "Total", "Victims in care"), ==, "363");
  g_assert_nonnull (strstr (_sl_tables_page_get_description (page), "K: "));
  g_assert_cmpint (gtk_drawing_area_get_content_height (GTK_DRAWING_AREA (chart)), >, height_before);
  spin (50);

  /* As it would leave the vault: the small count is suppressed. */
  sl_tables_page_set_exact (page, FALSE);
  g_assert_cmpuint (sl_tables_page_get_table (page)->threshold, ==, SL_TABLES_DEFAULT_THRESHOLD);
  g_assert_cmpstr (cell_text (page, "K", "Victims in care"), ==, "[c]");
  g_assert_nonnull (gtk_widget_get_tooltip_text (GTK_WIDGET (grid_cell (page, "K", "Victims in care"))));
  g_assert_true (grid_has_marker (page));
  g_assert_cmpstr (cell_text (page, "Total", "Victims"), ==, "1841");
  g_assert_nonnull (strstr (_sl_tables_page_get_description (page), "suppressed"));
  spin (50);

  sl_tables_page_set_exact (page, TRUE);
  g_assert_cmpstr (cell_text (page, "K", "Victims in care"), ==, "3");
  g_assert_false (grid_has_marker (page));
}

/* Exports are suppressed unless exact counts are asked for, whatever the
 * page shows. */
static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *csv_path = g_build_filename (f->tmpdir, "table10.csv", NULL);
  g_autofree char *exact_path = g_build_filename (f->tmpdir, "table10-exact.csv", NULL);
  g_autofree char *svg_path = g_build_filename (f->tmpdir, "table10.svg", NULL);
  g_autofree char *png_path = g_build_filename (f->tmpdir, "table10.png", NULL);
  g_autofree char *pdf_path = g_build_filename (f->tmpdir, "table10.pdf", NULL);
  g_autofree char *csv = NULL;
  g_autofree char *svg = NULL;
  g_autofree char *png = NULL;
  g_autofree char *pdf = NULL;
  SlTablesPage *page;

  g_free (add (f->vault, "submission",
               "reference=K|victims_count=10|victims_in_care_count=3|within_window=yes"));
  sl_vault_page_show_tables (f->page);
  spin (50);
  page = tables_page (f);
  g_assert_true (sl_tables_page_select_table (page, "table10"));
  g_assert_true (sl_tables_page_get_exact (page));

  /* The page shows exact counts; the export is still suppressed. */
  g_assert_true (_sl_tables_page_export (page, csv_path, "csv", FALSE, &error));
  g_assert_no_error (error);
  csv = read_file (csv_path);
  g_assert_true (g_str_has_prefix (csv, "\"Victims who were children in care, per submission\",Victims,"));
  g_assert_nonnull (strstr (csv, "[c]"));
  g_assert_nonnull (strstr (csv, "Total,1841,"));
  g_clear_pointer (&csv, g_free);

  g_assert_true (_sl_tables_page_export (page, exact_path, "csv", TRUE, &error));
  g_assert_no_error (error);
  csv = read_file (exact_path);
  g_assert_null (strstr (csv, "[c]"));
  g_assert_nonnull (strstr (csv, "\r\nK,10,3,"));

  g_assert_true (_sl_tables_page_export (page, svg_path, "svg", FALSE, &error));
  g_assert_no_error (error);
  svg = read_file (svg_path);
  g_assert_nonnull (strstr (svg, "<svg"));

  g_assert_true (_sl_tables_page_export (page, png_path, "png", FALSE, &error));
  g_assert_no_error (error);
  png = read_file (png_path);
  g_assert_cmpmem (png, 4, "\x89PNG", 4);

  g_assert_true (_sl_tables_page_export (page, pdf_path, "pdf", FALSE, &error));
  g_assert_no_error (error);
  pdf = read_file (pdf_path);
  g_assert_true (g_str_has_prefix (pdf, "%PDF"));

  /* Through the Export menu: the dialog warns, and offers suppressed
   * counts first; the ending is added when left out. */
  {
    g_autoptr(GFile) folder = g_file_new_for_path (f->tmpdir);
    g_autofree char *menu_path = g_build_filename (f->tmpdir, "from-menu.csv", NULL);
    g_autofree char *menu_csv = NULL;
    GtkFileChooserNative *native;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "tables.export", "s", "csv"));
    native = _sl_tables_page_get_export_dialog (page);
    g_assert_nonnull (native);
    g_assert_nonnull (strstr (gtk_native_dialog_get_title (GTK_NATIVE_DIALOG (native)),
                              "Must Not Leave the Vault"));
    g_assert_cmpstr (gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (native), "counts"), ==, "suppressed");
    {
      /* Under Xvfb the native dialog is GTK's own: answer it. */
      g_autoptr(GFile) file = g_file_get_child (folder, "from-menu");
      GListModel *toplevels = gtk_window_get_toplevels ();
      GtkWidget *dialog = NULL;

      spin (50);
      for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
        {
          g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

          if (GTK_IS_FILE_CHOOSER_DIALOG (w))
            dialog = GTK_WIDGET (w);
        }
      g_assert_nonnull (dialog);
      g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (dialog)), "Must Not Leave the Vault"));
      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), folder, &error);
      g_assert_no_error (error);
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), "from-menu");
      spin (50);
      gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
      /* It checks the folder before it answers. */
      wait_until (export_dialog_closed, page, "the export dialog to answer");
    }
    g_assert_null (_sl_tables_page_get_export_dialog (page));
    menu_csv = read_file (menu_path);
    g_assert_nonnull (strstr (menu_csv, "[c]"));
  }

  /* A chart must be named for its format. */
  g_assert_false (_sl_tables_page_export (page, csv_path, "svg", FALSE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

/* The sidebar's last row, after the record types, shows the tables. */
static void
test_sidebar (Fixture       *f,
              gconstpointer  data)
{
  GtkListBox *type_list = GTK_LIST_BOX (template_child (f->page, SL_TYPE_VAULT_PAGE, "type_list"));
  guint n_types = sl_codebook_get_record_types (sl_vault_get_codebook (f->vault))->len;
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (type_list, (int) n_types);

  g_assert_nonnull (row);
  g_assert_null (gtk_list_box_get_row_at_index (type_list, (int) n_types + 1));
  g_assert_nonnull (gtk_list_box_row_get_header (row));
  g_assert_false (SL_IS_TABLES_PAGE (sl_vault_page_get_visible_page (f->page)));
  g_signal_emit_by_name (type_list, "row-activated", row);
  spin (50);
  g_assert_true (SL_IS_TABLES_PAGE (sl_vault_page_get_visible_page (f->page)));
  /* the first table is shown */
  g_assert_nonnull (sl_tables_page_get_table (SL_TABLES_PAGE (sl_vault_page_get_visible_page (f->page))));

  sl_vault_page_show_record_type (f->page, "submission");
  spin (50);
  g_assert_false (SL_IS_TABLES_PAGE (sl_vault_page_get_visible_page (f->page)));
  g_assert_true (gtk_list_box_get_selected_row (type_list) == gtk_list_box_get_row_at_index (type_list, 0));
  g_assert_cmpstr (sl_vault_page_get_count_label (f->page, "submission"), ==, "10");
}

int
main (int   argc,
      char *argv[])
{
  sl_test_ui_init (&argc, &argv);

  g_test_add ("/sightline/ui/tables/table10", Fixture, NULL,
              fixture_set_up, test_table10, fixture_tear_down);
  g_test_add ("/sightline/ui/tables/export", Fixture, NULL,
              fixture_set_up, test_export, fixture_tear_down);
  g_test_add ("/sightline/ui/tables/sidebar", Fixture, NULL,
              fixture_set_up, test_sidebar, fixture_tear_down);

  return g_test_run ();
}
