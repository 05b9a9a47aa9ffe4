/* sl-chart.c
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

#define G_LOG_DOMAIN "sl-chart"

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <math.h>
#include <string.h>

#include "sl-chart.h"

/*
 * A horizontal bar chart of a table: one group of bars per row (totals
 * left out), one bar per column of counts, or of percentages where the
 * table has them. Suppressed cells get no bar and the marker instead.
 * Drawn with cairo, so the app and the CLI draw the same picture, and
 * written as SVG, PNG or PDF.
 */

#define MARGIN      16.0
#define LABEL_WIDTH 230.0
#define BAR_HEIGHT  14.0
#define ROW_GAP     10.0
#define TITLE_SPACE 44.0
#define AXIS_SPACE  28.0
#define LEGEND_ROW  18.0

/* GNOME's palette: blue, orange, green, purple, red, brown. */
static const double palette[][3] = {
  { 0.21, 0.52, 0.89 }, { 1.00, 0.47, 0.00 }, { 0.20, 0.82, 0.48 },
  { 0.57, 0.25, 0.67 }, { 0.88, 0.11, 0.14 }, { 0.60, 0.39, 0.20 },
};

void
sl_chart_series_rgb (guint   series,
                     double *r,
                     double *g,
                     double *b)
{
  const double *c = palette[series % G_N_ELEMENTS (palette)];

  *r = c[0];
  *g = c[1];
  *b = c[2];
}

typedef struct
{
  GArray    *columns;   /* guint: the table columns charted */
  GPtrArray *labels;    /* series labels (borrowed) */
  GArray    *rows;      /* guint: the table rows charted */
  gboolean   percent;
} Plan;

static void
plan_clear (Plan *p)
{
  g_clear_pointer (&p->columns, g_array_unref);
  g_clear_pointer (&p->labels, g_ptr_array_unref);
  g_clear_pointer (&p->rows, g_array_unref);
}

static void
plan (SlTable *t,
      Plan    *p)
{
  p->columns = g_array_new (FALSE, FALSE, sizeof (guint));
  p->labels = g_ptr_array_new ();
  p->rows = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint c = 0; c < t->columns->len; c++)
    if (g_str_equal (g_ptr_array_index (t->columns, c), "%"))
      p->percent = TRUE;

  for (guint c = 0; c < t->columns->len; c++)
    {
      const char *label = g_ptr_array_index (t->columns, c);
      gboolean numeric = FALSE;

      if (g_str_equal (label, "Total") && t->columns->len > 2)
        continue;   /* the split, not its sum */
      for (guint r = 0; r < t->rows->len && !numeric; r++)
        {
          SlTableRow *row = g_ptr_array_index (t->rows, r);
          SlCellKind kind = g_array_index (row->cells, SlCell, c).kind;

          numeric = p->percent ? kind == SL_CELL_PERCENT : kind == SL_CELL_COUNT;
        }
      if (!numeric)
        continue;
      if (p->percent && g_str_equal (label, "%") && c > 0)
        {
          if (g_str_equal (g_ptr_array_index (t->columns, c - 1), "Total") && t->columns->len > 2)
            continue;
          label = g_ptr_array_index (t->columns, c - 1);
        }
      g_array_append_val (p->columns, c);
      g_ptr_array_add (p->labels, (gpointer) label);
    }

  for (guint r = 0; r < t->rows->len; r++)
    {
      SlTableRow *row = g_ptr_array_index (t->rows, r);

      if (!row->is_total && !g_str_equal (row->label, "Records"))
        g_array_append_val (p->rows, r);
    }
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Plan, plan_clear)

static double
chart_height (SlTable *t)
{
  g_auto(Plan) p = { 0 };
  guint n;

  plan (t, &p);
  n = MAX (p.columns->len, 1);
  return TITLE_SPACE + p.rows->len * (n * BAR_HEIGHT + ROW_GAP) + AXIS_SPACE +
         (n > 1 ? n * LEGEND_ROW : 0) + MARGIN;
}

static double
nice_max (double max)
{
  double step;

  if (max <= 0)
    return 1;
  step = pow (10, floor (log10 (max)));
  if (max / step <= 2)
    step /= 5;
  else if (max / step <= 5)
    step /= 2;
  return ceil (max / step) * step;
}

/**
 * sl_chart_draw:
 * @table: a computed table
 * @cr: where to draw
 * @width: the width available
 * @height: the height available
 * @bars: (out) (optional) (transfer full) (element-type SlChartBar): the
 *   bars drawn, in @cr's units
 *
 * Draws the table as a horizontal bar chart.
 */
void
sl_chart_draw (SlTable  *table,
               cairo_t  *cr,
               double    width,
               double    height,
               GArray  **bars)
{
  g_auto(Plan) p = { 0 };
  double max = 0, scale, plot_x, plot_w, y;
  guint n;

  plan (table, &p);
  n = MAX (p.columns->len, 1);
  if (bars)
    *bars = g_array_new (FALSE, FALSE, sizeof (SlChartBar));

  for (guint i = 0; i < p.rows->len; i++)
    for (guint k = 0; k < p.columns->len; k++)
      {
        SlTableRow *row = g_ptr_array_index (table->rows, g_array_index (p.rows, guint, i));
        SlCell *c = &g_array_index (row->cells, SlCell, g_array_index (p.columns, guint, k));

        if (!c->suppressed)
          max = MAX (max, c->value);
      }
  max = p.percent ? MAX (100.0, nice_max (max)) : nice_max (max);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  cairo_set_font_size (cr, 15);
  cairo_set_source_rgb (cr, 0.14, 0.14, 0.14);
  cairo_move_to (cr, MARGIN, MARGIN + 14);
  cairo_show_text (cr, table->title);
  cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 11);

  plot_x = MARGIN + LABEL_WIDTH;
  plot_w = MAX (width - plot_x - MARGIN - 40, 50);
  scale = plot_w / max;
  y = TITLE_SPACE;

  for (guint i = 0; i < p.rows->len; i++)
    {
      SlTableRow *row = g_ptr_array_index (table->rows, g_array_index (p.rows, guint, i));
      g_autofree char *label = g_utf8_strlen (row->label, -1) > 36 ?
                               g_strdup_printf ("%.*s…", (int) (g_utf8_offset_to_pointer (row->label, 35) - row->label),
                                                row->label) :
                               g_strdup (row->label);

      cairo_set_source_rgb (cr, 0.14, 0.14, 0.14);
      cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL,
                              row->is_group ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
      cairo_move_to (cr, MARGIN, y + n * BAR_HEIGHT / 2 + 4);
      cairo_show_text (cr, label);
      cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);

      for (guint k = 0; k < p.columns->len; k++)
        {
          SlCell *c = &g_array_index (row->cells, SlCell, g_array_index (p.columns, guint, k));
          double by = y + k * BAR_HEIGHT;
          double r, g, b;

          if (c->suppressed)
            {
              cairo_set_source_rgb (cr, 0.4, 0.4, 0.4);
              cairo_move_to (cr, plot_x + 4, by + BAR_HEIGHT - 3);
              cairo_show_text (cr, "[c]");
              continue;
            }
          if (c->value > 0)
            {
              SlChartBar bar = { plot_x, by + 1, c->value * scale, BAR_HEIGHT - 2, k, i };

              sl_chart_series_rgb (k, &r, &g, &b);
              cairo_set_source_rgb (cr, r, g, b);
              cairo_rectangle (cr, bar.x, bar.y, bar.width, bar.height);
              cairo_fill (cr);
              if (bars)
                g_array_append_val (*bars, bar);
            }
          {
            g_autofree char *v = p.percent ? g_strdup_printf ("%.1f%%", c->value)
                                           : g_strdup_printf ("%.0f", c->value);

            cairo_set_source_rgb (cr, 0.14, 0.14, 0.14);
            cairo_move_to (cr, plot_x + c->value * scale + 4, by + BAR_HEIGHT - 3);
            cairo_show_text (cr, v);
          }
        }
      y += n * BAR_HEIGHT + ROW_GAP;
    }

  /* Axis */
  cairo_set_source_rgb (cr, 0.55, 0.55, 0.55);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, plot_x + 0.5, TITLE_SPACE - 4);
  cairo_line_to (cr, plot_x + 0.5, y);
  cairo_line_to (cr, plot_x + plot_w, y);
  cairo_stroke (cr);
  for (int tick = 0; tick <= 4; tick++)
    {
      double v = max * tick / 4;
      g_autofree char *s = p.percent ? g_strdup_printf ("%.0f%%", v) : g_strdup_printf ("%.0f", v);

      cairo_move_to (cr, plot_x + v * scale - 6, y + 16);
      cairo_show_text (cr, s);
    }
  y += AXIS_SPACE;

  /* Legend */
  if (p.columns->len > 1)
    for (guint k = 0; k < p.columns->len; k++)
      {
        double r, g, b;

        sl_chart_series_rgb (k, &r, &g, &b);
        cairo_set_source_rgb (cr, r, g, b);
        cairo_rectangle (cr, plot_x, y + k * LEGEND_ROW, 12, 12);
        cairo_fill (cr);
        cairo_set_source_rgb (cr, 0.14, 0.14, 0.14);
        cairo_move_to (cr, plot_x + 18, y + k * LEGEND_ROW + 10);
        cairo_show_text (cr, g_ptr_array_index (p.labels, k));
      }
}

static cairo_status_t
append_cb (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/**
 * sl_chart_write:
 * @table: a computed table
 * @path: where to write: the ending (.svg, .png, .pdf) picks the format
 * @error: return location for a #GError
 *
 * Writes the chart atomically (a temporary file renamed into place).
 *
 * Returns: %TRUE on success
 */
gboolean
sl_chart_write (SlTable     *table,
                const char  *path,
                GError     **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_t *cr;
  double w = 900, h = chart_height (table);
  cairo_status_t status;

  if (g_str_has_suffix (path, ".svg"))
    surface = cairo_svg_surface_create_for_stream (append_cb, bytes, w, h);
  else if (g_str_has_suffix (path, ".pdf"))
    surface = cairo_pdf_surface_create_for_stream (append_cb, bytes, w, h);
  else if (g_str_has_suffix (path, ".png"))
    surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) w, (int) h);
  else
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "%s: a chart is written as .svg, .png or .pdf; name the file with one of "
                   "those endings", path);
      return FALSE;
    }

  cr = cairo_create (surface);
  sl_chart_draw (table, cr, w, h, NULL);
  cairo_destroy (cr);
  if (g_str_has_suffix (path, ".png"))
    status = cairo_surface_write_to_png_stream (surface, append_cb, bytes);
  else
    {
      cairo_surface_finish (surface);
      status = cairo_surface_status (surface);
    }
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "The chart could not be drawn: %s",
                   cairo_status_to_string (status));
      return FALSE;
    }
  return g_file_set_contents_full (path, (const char *) bytes->data, (gssize) bytes->len,
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0644, error);
}

/**
 * sl_chart_describe:
 * @table: a computed table
 *
 * Returns: (transfer full): the chart in words, for a screen reader
 */
char *
sl_chart_describe (SlTable *table)
{
  g_auto(Plan) p = { 0 };
  GString *s = g_string_new (NULL);

  plan (table, &p);
  g_string_append_printf (s, "Bar chart: %s. ", table->title);
  for (guint i = 0; i < p.rows->len; i++)
    {
      SlTableRow *row = g_ptr_array_index (table->rows, g_array_index (p.rows, guint, i));

      g_string_append_printf (s, "%s: ", row->label);
      for (guint k = 0; k < p.columns->len; k++)
        {
          SlCell *c = &g_array_index (row->cells, SlCell, g_array_index (p.columns, guint, k));

          if (k > 0)
            g_string_append (s, ", ");
          if (p.columns->len > 1)
            g_string_append_printf (s, "%s ", (char *) g_ptr_array_index (p.labels, k));
          if (c->suppressed)
            g_string_append (s, "suppressed");
          else if (p.percent)
            g_string_append_printf (s, "%.1f%%", c->value);
          else
            g_string_append_printf (s, "%.0f", c->value);
        }
      g_string_append (s, ". ");
    }
  return g_string_free (s, FALSE);
}
