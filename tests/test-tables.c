/* test-tables.c
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

#include "config.h"

#include <math.h>
#include <string.h>

#include "sl-chart.h"
#include "sl-record.h"
#include "sl-tables.h"
#include "sl-test-utils.h"

typedef struct
{
  char    *tmpdir;
  SlVault *vault;
} TablesFixture;

static void
tables_setup (TablesFixture *fx,
              gconstpointer  data)
{
  fx->tmpdir = sl_test_make_tmpdir ();
  fx->vault = sl_test_create_vault (fx->tmpdir, "t.sightline", SL_TEST_PASSPHRASE);
}

static void
tables_teardown (TablesFixture *fx,
                 gconstpointer  data)
{
  g_clear_object (&fx->vault);
  sl_test_remove_tree (fx->tmpdir);
  g_free (fx->tmpdir);
}

static char *
add (SlVault    *vault,
     const char *type,
     const char *parent,
     const char *assignments)
{
  g_auto(GStrv) a = g_strsplit (assignments, "|", -1);
  SlRecordType *rt = sl_codebook_lookup_type (sl_vault_get_codebook (vault), type, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) v = sl_values_from_assignments (rt, (const char * const *) a, &error);
  char *id;

  g_assert_no_error (error);
  id = sl_vault_add_record (vault, type, parent, v, &error);
  g_assert_no_error (error);
  return id;
}

static SlTableRow *
find_row (SlTable    *t,
          const char *label)
{
  for (guint i = 0; i < t->rows->len; i++)
    if (g_str_equal (((SlTableRow *) g_ptr_array_index (t->rows, i))->label, label))
      return g_ptr_array_index (t->rows, i);
  g_error ("no row '%s' in %s", label, t->id);
  return NULL;
}

static int
find_column (SlTable    *t,
             const char *label)
{
  for (guint i = 0; i < t->columns->len; i++)
    if (g_str_equal (g_ptr_array_index (t->columns, i), label))
      return (int) i;
  g_error ("no column '%s' in %s", label, t->id);
  return -1;
}

static SlCell *
at (SlTable    *t,
    const char *row,
    const char *column)
{
  return &g_array_index (find_row (t, row)->cells, SlCell, find_column (t, column));
}

/* Table 10 of the 2012 report, entered from its nine rows (the reference
 * text has them out of order, with some letters garbled). */
static void
test_table10 (TablesFixture *fx,
              gconstpointer  data)
{
  static const char *rows[] = {
    "reference=A|victims_count=306|victims_in_care_count=19|within_window=no",
    "reference=B|victims_count=221|victims_in_care_count=74|within_window=no",
    "reference=C|victims_count=26|victims_in_care_count=9|within_window=yes",
    "reference=D|victims_count=7|victims_in_care_count=6|within_window=yes",
    "reference=E|victims_count=56|victims_in_care_count=23|within_window=yes",
    "reference=F|victims_count=60|victims_in_care_count=42|within_window=yes",
    "reference=G|victims_count=135|victims_in_care_count=11|within_window=yes",
    "reference=H|victims_count=509|victims_in_care_count=125|within_window=yes",
    "reference=I|victims_count=511|victims_in_care_count=51|within_window=yes",
    /* a submission with no figure for children in care is not in the table */
    "reference=J|victims_count=40",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(SlTable) t = NULL;
  g_autofree char *text = NULL;
  g_autofree char *csv = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    g_free (add (fx->vault, "submission", NULL, rows[i]));

  t = sl_tables_compute (fx->vault, "table10", SL_TABLES_DEFAULT_THRESHOLD, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (t->rows->len, ==, 9 + 2);
  g_assert_cmpfloat (at (t, "Total", "Victims")->value, ==, 1831);
  g_assert_cmpfloat (at (t, "Total", "Victims in care")->value, ==, 360);
  /* 20%, as the report has it */
  g_assert_cmpint ((int) lround (at (t, "Total", "% in care")->value), ==, 20);
  g_assert_cmpfloat (at (t, "Total within the 14 months", "Victims")->value, ==, 1304);
  g_assert_cmpfloat (at (t, "Total within the 14 months", "Victims in care")->value, ==, 267);
  /* 267 / 1304 = 20.48%: the report's 21% rounds the 20.5 shown to one place */
  g_assert_cmpfloat_with_epsilon (at (t, "Total within the 14 months", "% in care")->value,
                                  20.475, 0.01);
  g_assert_cmpfloat_with_epsilon (at (t, "D", "% in care")->value, 85.71, 0.01);
  g_assert_cmpuint (t->suppressed, ==, 0);

  text = sl_table_to_text (t);
  g_assert_nonnull (strstr (text, "1831"));
  g_assert_nonnull (strstr (text, "20.5%"));
  csv = sl_table_to_csv (t);
  g_assert_true (g_str_has_prefix (csv, "\"Victims who were children in care, per submission\",Victims,"));
}

/* Two regions, each with a small cell: primary suppression hides them,
 * secondary suppression hides more until none can be worked out. */
static void
test_suppression (TablesFixture *fx,
                  gconstpointer  data)
{
  g_autofree char *nw = add (fx->vault, "submission", NULL, "reference=NW-1|region=north_west");
  g_autofree char *yh = add (fx->vault, "submission", NULL, "reference=YH-1|region=yorkshire_humber");
  g_autoptr(GError) error = NULL;
  g_autoptr(SlTable) exact = NULL;
  g_autoptr(SlTable) t = NULL;
  g_autoptr(GPtrArray) parents = g_ptr_array_new ();
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  SlRecordType *victim = sl_codebook_lookup_type (sl_vault_get_codebook (fx->vault), "victim", NULL);
  /* North West: 12 missing, 3 not, 9 unknown; Yorkshire: 20 missing, 8 not, 6 unknown */
  struct { const char *parent; const char *missing; int n; } groups[] = {
    { nw, "yes", 12 }, { nw, "no", 3 }, { nw, "unknown", 9 },
    { yh, "yes", 20 }, { yh, "no", 8 }, { yh, "unknown", 6 },
  };

  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    for (int i = 0; i < groups[g].n; i++)
      {
        g_autofree char *label = g_strdup_printf ("label=Child %u-%d", g, i);
        g_autofree char *missing = g_strdup_printf ("missing=%s", groups[g].missing);
        const char *a[] = { label, missing, NULL };

        g_ptr_array_add (values, sl_values_from_assignments (victim, a, &error));
        g_assert_no_error (error);
        g_ptr_array_add (parents, (gpointer) groups[g].parent);
      }
  g_assert_true (sl_vault_add_records (fx->vault, "victim", parents, values, NULL, NULL, &error));
  g_assert_no_error (error);

  exact = sl_tables_compute (fx->vault, "table11", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (at (exact, "No", "North West")->value, ==, 3);
  g_assert_cmpfloat (at (exact, "Total", "Total")->value, ==, 58);
  g_assert_cmpuint (exact->suppressed, ==, 0);

  t = sl_tables_compute (fx->vault, "table11", SL_TABLES_DEFAULT_THRESHOLD, &error);
  g_assert_no_error (error);
  /* Primary: the 3. */
  g_assert_true (at (t, "No", "North West")->suppressed);
  g_assert_false (at (t, "No", "North West")->secondary);
  /* Secondary: the North West column and the "No" row each need a second. */
  g_assert_true (at (t, "Unknown", "North West")->suppressed);
  g_assert_true (at (t, "Unknown", "North West")->secondary);
  g_assert_true (at (t, "No", "Yorkshire and the Humber")->suppressed);
  /* Totals stay visible, and so do percentages of visible counts only. */
  g_assert_false (at (t, "Total", "North West")->suppressed);
  g_assert_false (at (t, "Total", "Total")->suppressed);
  g_assert_true (g_array_index (find_row (t, "No")->cells, SlCell,
                                find_column (t, "North West") + 1).suppressed);

  /* No line is left with a single hidden cell beside a visible total. */
  for (guint c = 0; c < t->columns->len; c++)
    {
      guint hidden = 0;

      if (g_str_equal (g_ptr_array_index (t->columns, c), "%"))
        continue;
      for (guint r = 0; r < t->rows->len; r++)
        {
          SlTableRow *row = g_ptr_array_index (t->rows, r);

          if (!row->is_total && g_array_index (row->cells, SlCell, c).suppressed)
            hidden++;
        }
      g_assert_cmpuint (hidden, !=, 1);
    }
  for (guint r = 0; r < t->rows->len; r++)
    {
      SlTableRow *row = g_ptr_array_index (t->rows, r);
      guint hidden = 0;

      for (guint c = 0; c + 2 < t->columns->len; c += 2)   /* count columns, not Total */
        if (g_array_index (row->cells, SlCell, c).suppressed)
          hidden++;
      g_assert_cmpuint (hidden, !=, 1);
    }

  {
    g_autofree char *text = sl_table_to_text (t);
    g_autofree char *json = sl_table_to_json (t);

    g_assert_nonnull (strstr (text, "[c]"));
    g_assert_null (strstr (text, "  3  "));
    g_assert_nonnull (strstr (json, "\"suppressed_cells\" : 4"));
  }
}

static void
test_counts_and_unknown_table (TablesFixture *fx,
                               gconstpointer  data)
{
  g_autofree char *s = add (fx->vault, "submission", NULL, "reference=S1|organisation_type=police|refers_to_children_in_care=yes");
  g_autofree char *s2 = add (fx->vault, "submission", NULL, "reference=S2|organisation_type=police|refers_to_children_in_care=no");
  g_autofree char *v1 = add (fx->vault, "victim", s, "label=V1|disability=learning_disability; autistic_spectrum|ethnicity_specific=White: British");
  g_autofree char *v2 = add (fx->vault, "victim", s, "label=V2|disability=learning_disability|ethnicity_specific=unknown");
  g_autoptr(SlTable) t4 = NULL;
  g_autoptr(SlTable) t3 = NULL;
  g_autoptr(SlTable) head = NULL;
  g_autoptr(SlTable) t2 = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;

  /* Disabilities: each selection counts; percentages are of people. */
  t4 = sl_tables_compute (fx->vault, "table4", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (at (t4, "Learning disability", "All")->value, ==, 2);
  g_assert_cmpfloat (at (t4, "Records", "All")->value, ==, 2);
  g_assert_cmpfloat (g_array_index (find_row (t4, "Learning disability")->cells, SlCell, 1).value, ==, 100);

  /* Ethnicity grouped under the broad groups; "unknown" kept apart. */
  t3 = sl_tables_compute (fx->vault, "table3", 0, &error);
  g_assert_no_error (error);
  g_assert_true (find_row (t3, "White")->is_group);
  g_assert_cmpfloat (at (t3, "White", "All")->value, ==, 1);
  g_assert_cmpfloat (at (t3, "Unknown", "All")->value, ==, 1);
  g_assert_cmpfloat (at (t3, "Not recorded", "All")->value, ==, 0);

  t2 = sl_tables_compute (fx->vault, "table2", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (at (t2, "Police", "Call for evidence")->value, ==, 2);

  head = sl_tables_compute (fx->vault, "headline", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (at (head, "Submissions", "Referring")->value, ==, 1);
  g_assert_cmpfloat (at (head, "Submissions", "%")->value, ==, 50);

  all = sl_tables_list (fx->vault, &error);
  g_assert_cmpuint (all->len, >=, 9);
  g_assert_null (sl_tables_compute (fx->vault, "table99", 0, &error));
  g_assert_error (error, SL_TABLES_ERROR, SL_TABLES_ERROR_UNKNOWN_TABLE);
  g_assert_nonnull (strstr (error->message, "table10"));
}


/* A chart of Table 10, written as SVG and PNG: one bar per count of each
 * submission, drawn where the chart says, in its series' colour. */
static void
test_chart (TablesFixture *fx,
            gconstpointer  data)
{
  static const char *rows[] = {
    "reference=A|victims_count=306|victims_in_care_count=19|within_window=no",
    "reference=D|victims_count=7|victims_in_care_count=6|within_window=yes",
    "reference=H|victims_count=509|victims_in_care_count=125|within_window=yes",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(SlTable) t = NULL;
  g_autoptr(GArray) bars = NULL;
  g_autofree char *svg_path = g_build_filename (fx->tmpdir, "t10.svg", NULL);
  g_autofree char *png_path = g_build_filename (fx->tmpdir, "t10.png", NULL);
  g_autofree char *svg = NULL;
  g_autofree char *words = NULL;
  cairo_surface_t *png;
  cairo_surface_t *scratch;
  cairo_t *cr;
  guint blue = 0;
  const char *p;

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    g_free (add (fx->vault, "submission", NULL, rows[i]));
  t = sl_tables_compute (fx->vault, "table10", 0, &error);
  g_assert_no_error (error);

  /* Where the bars go: 3 rows x 2 series (victims, victims in care). */
  scratch = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 900, 400);
  cr = cairo_create (scratch);
  sl_chart_draw (t, cr, 900, 400, &bars);
  cairo_destroy (cr);
  cairo_surface_destroy (scratch);
  g_assert_cmpuint (bars->len, ==, 6);
  /* The longest bar is H's 509 victims; D's 6 in care is the shortest. */
  for (guint i = 0; i < bars->len; i++)
    {
      SlChartBar *b = &g_array_index (bars, SlChartBar, i);

      g_assert_cmpfloat (b->width, <=, g_array_index (bars, SlChartBar, 4).width);
      g_assert_cmpfloat (b->width, >=, g_array_index (bars, SlChartBar, 3).width);
    }

  g_assert_true (sl_chart_write (t, svg_path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (svg_path, &svg, NULL, NULL));
  g_assert_true (g_str_has_prefix (svg, "<?xml"));
  for (p = svg; (p = strstr (p, "fill:rgb(21%,52%,89%)")); p++)
    blue++;
  g_assert_cmpuint (blue, ==, 3 + 1);   /* three bars and the legend's swatch */

  g_assert_true (sl_chart_write (t, png_path, &error));
  g_assert_no_error (error);
  png = cairo_image_surface_create_from_png (png_path);
  g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_flush (png);
  for (guint i = 0; i < bars->len; i++)
    {
      SlChartBar *b = &g_array_index (bars, SlChartBar, i);
      int x = (int) (b->x + b->width / 2), y = (int) (b->y + b->height / 2);
      guint32 px = *(guint32 *) (cairo_image_surface_get_data (png) +
                                 y * cairo_image_surface_get_stride (png) + x * 4);
      double r, g, bl;

      sl_chart_series_rgb (b->series, &r, &g, &bl);
      /* within one step of the colour (cairo truncates where we round) */
      g_assert_cmpint (ABS ((int) ((px >> 16) & 0xff) - (int) lround (r * 255)), <=, 1);
      g_assert_cmpint (ABS ((int) ((px >> 8) & 0xff) - (int) lround (g * 255)), <=, 1);
      g_assert_cmpint (ABS ((int) (px & 0xff) - (int) lround (bl * 255)), <=, 1);
    }
  cairo_surface_destroy (png);

  words = sl_chart_describe (t);
  g_assert_nonnull (strstr (words, "H: Victims 509, Victims in care 125"));

  g_assert_false (sl_chart_write (t, "/nonexistent/x.gif", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define TABLES_TEST(path, fn) \
  g_test_add ("/sightline/tables/" path, TablesFixture, NULL, tables_setup, fn, tables_teardown)

  TABLES_TEST ("table10", test_table10);
  TABLES_TEST ("suppression", test_suppression);
  TABLES_TEST ("counts", test_counts_and_unknown_table);
  TABLES_TEST ("chart", test_chart);

  return g_test_run ();
}
