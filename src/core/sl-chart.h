/* sl-chart.h
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

#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "sl-tables.h"

G_BEGIN_DECLS

/**
 * SlChartBar:
 * @x: left edge, in chart units
 * @y: top edge
 * @width: width
 * @height: height
 * @series: which column (series) it shows
 * @row: which row
 */
typedef struct
{
  double x, y, width, height;
  guint  series;
  guint  row;
} SlChartBar;

void       sl_chart_draw        (SlTable     *table,
                                 cairo_t     *cr,
                                 double       width,
                                 double       height,
                                 GArray     **bars);
gboolean   sl_chart_write       (SlTable     *table,
                                 const char  *path,
                                 GError     **error);
char      *sl_chart_describe    (SlTable     *table);
void       sl_chart_series_rgb  (guint        series,
                                 double      *r,
                                 double      *g,
                                 double      *b);

G_END_DECLS
