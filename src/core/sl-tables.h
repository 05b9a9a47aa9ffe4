/* sl-tables.h
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

#include <gio/gio.h>

#include "sl-vault.h"

G_BEGIN_DECLS

typedef enum
{
  SL_TABLES_ERROR_INVALID,
  SL_TABLES_ERROR_UNKNOWN_TABLE,
} SlTablesError;

#define SL_TABLES_ERROR (sl_tables_error_quark ())
GQuark sl_tables_error_quark (void);

/* Cells below this count are suppressed in anything that leaves the vault. */
#define SL_TABLES_DEFAULT_THRESHOLD 5

typedef enum
{
  SL_CELL_EMPTY,
  SL_CELL_TEXT,
  SL_CELL_COUNT,
  SL_CELL_PERCENT,
} SlCellKind;

/**
 * SlCell:
 * @kind: what the cell holds
 * @text: (nullable): the text of a %SL_CELL_TEXT cell
 * @value: a count, or a percentage (0 to 100)
 * @numerator: for a percentage of a subset, the count it is made of (so
 *   that a small one is suppressed too); 0 otherwise
 * @suppressed: hidden for disclosure control: shown as a marker
 * @secondary: suppressed so that another suppressed cell cannot be worked
 *   out from the totals
 */
typedef struct
{
  SlCellKind  kind;
  char       *text;
  double      value;
  double      numerator;
  guint       suppressed : 1;
  guint       secondary : 1;
} SlCell;

/**
 * SlTableRow:
 * @label: the row's heading
 * @cells: (element-type SlCell): one cell per column
 * @is_total: a total of the rows above (or of a group)
 * @is_group: a group heading with its subtotal
 */
typedef struct
{
  char     *label;
  GArray   *cells;
  gboolean  is_total;
  gboolean  is_group;
} SlTableRow;

/**
 * SlTable:
 * @id: the table's id, as `sightline-cli tables VAULT ID` takes it
 * @title: its title
 * @note: (nullable): how it counts, what was suppressed
 * @columns: (element-type utf8): the column headings
 * @rows: (element-type SlTableRow): the rows
 * @suppressed: cells suppressed (primary and secondary)
 * @threshold: the suppression threshold used, 0 for exact counts
 */
typedef struct
{
  char      *id;
  char      *title;
  char      *note;
  GPtrArray *columns;
  GPtrArray *rows;
  guint      suppressed;
  guint      threshold;
} SlTable;

void        sl_table_free          (SlTable     *table);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlTable, sl_table_free)

GPtrArray  *sl_tables_list         (SlVault     *vault,
                                    GError     **error);
SlTable    *sl_tables_compute      (SlVault     *vault,
                                    const char  *id,
                                    guint        threshold,
                                    GError     **error);
char       *sl_table_to_text       (SlTable     *table);
char       *sl_table_to_csv        (SlTable     *table);
char       *sl_table_to_json       (SlTable     *table);
void        sl_table_suppress      (SlTable     *table,
                                    guint        threshold);

G_END_DECLS
