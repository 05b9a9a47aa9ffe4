/* sl-tables.c
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

#define G_LOG_DOMAIN "sl-tables"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "sl-codebook.h"
#include "sl-core-resources.h"
#include "sl-csv.h"
#include "sl-record.h"
#include "sl-returns.h"
#include "sl-tables.h"

/*
 * The inquiry's tables, defined as data beside the codebook
 * (codebooks/ID.tables.json), computed from the live records. Three kinds:
 *
 *   count  records of a type counted by the categories of a field (its
 *          options, "other", "unknown", "not recorded"), in columns split
 *          by another field (own or the parent's: "parent.region") or
 *          drawn from several sources (type and field) sharing an option
 *          list; a selection of a multiple choice counts once per option.
 *   list   one row per record with chosen fields, sums and ratios, and
 *          totals overall and where a condition holds.
 *   share  for each item, how many records of a type have a field equal
 *          to a value, of how many.
 *
 * Anything that leaves the vault is suppressed: counts under the
 * threshold are hidden, and then more cells, until no hidden cell can be
 * worked out from a total.
 */

#define MARKER "[c]"

G_DEFINE_QUARK (sl-tables-error-quark, sl_tables_error)

typedef struct
{
  char *code;
  char *label;
  char *group;
} Category;

static void
category_free (Category *c)
{
  g_free (c->code);
  g_free (c->label);
  g_free (c->group);
  g_free (c);
}

static void
row_free (SlTableRow *row)
{
  for (guint i = 0; i < row->cells->len; i++)
    g_free (g_array_index (row->cells, SlCell, i).text);
  g_array_unref (row->cells);
  g_free (row->label);
  g_free (row);
}

void
sl_table_free (SlTable *table)
{
  g_free (table->id);
  g_free (table->title);
  g_free (table->note);
  g_clear_pointer (&table->columns, g_ptr_array_unref);
  g_clear_pointer (&table->rows, g_ptr_array_unref);
  g_free (table);
}

/* A title, note or heading of the table definitions, in the language of
 * the interface when the catalogue has it (tools/codebook-strings.py lists
 * those of the bundled tables), else as written. */
static const char *
text_of (const char *text)
{
  /* "" would fetch the catalogue's header */
  if (text == NULL || *text == '\0')
    return text;
  return g_dgettext (GETTEXT_PACKAGE, text);
}

/* The "label" of a source, column, total or item, looked up likewise. */
static const char *
label_of (JsonObject *obj,
          const char *fallback)
{
  return text_of (json_object_get_string_member_with_default (obj, "label", fallback));
}

static SlTable *
table_new (const char *id,
           const char *title)
{
  SlTable *t = g_new0 (SlTable, 1);

  t->id = g_strdup (id);
  t->title = g_strdup (text_of (title));
  t->columns = g_ptr_array_new_with_free_func (g_free);
  t->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  return t;
}

static SlTableRow *
add_row (SlTable    *t,
         const char *label,
         guint       n_cells)
{
  SlTableRow *row = g_new0 (SlTableRow, 1);

  row->label = g_strdup (label);
  row->cells = g_array_sized_new (FALSE, TRUE, sizeof (SlCell), n_cells);
  g_array_set_size (row->cells, n_cells);
  g_ptr_array_add (t->rows, row);
  return row;
}

static SlCell *
cell (SlTableRow *row,
      guint       col)
{
  return &g_array_index (row->cells, SlCell, col);
}

static void
set_count (SlTableRow *row,
           guint       col,
           double      value)
{
  cell (row, col)->kind = SL_CELL_COUNT;
  cell (row, col)->value = value;
}

static void
set_percent (SlTableRow *row,
             guint       col,
             double      num,
             double      den)
{
  cell (row, col)->kind = den > 0 ? SL_CELL_PERCENT : SL_CELL_EMPTY;
  cell (row, col)->value = den > 0 ? 100.0 * num / den : 0;
}

static void
set_text (SlTableRow *row,
          guint       col,
          const char *text)
{
  cell (row, col)->kind = SL_CELL_TEXT;
  g_free (cell (row, col)->text);
  cell (row, col)->text = g_strdup (text);
}

/* Definitions */

static JsonObject *
load_definitions (SlCodebook  *book,
                  JsonParser  *parser,
                  GError     **error)
{
  g_autofree char *path = g_strdup_printf ("/io/github/sightline/Sightline/core/codebooks/%s.tables.json",
                                           sl_codebook_get_id (book));
  g_autoptr(GBytes) bytes = g_resource_lookup_data (sl_core_get_resource (), path,
                                                    G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  gsize len = 0;
  const char *data;

  if (bytes == NULL)
    return NULL;   /* this inquiry defines no tables */
  data = g_bytes_get_data (bytes, &len);
  if (!json_parser_load_from_data (parser, data, (gssize) len, error) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, SL_TABLES_ERROR, SL_TABLES_ERROR_INVALID,
                   "The table definitions of %s are not valid", sl_codebook_get_id (book));
      return NULL;
    }
  return json_node_get_object (json_parser_get_root (parser));
}

static JsonArray *
definitions_array (JsonObject *root)
{
  return root && json_object_has_member (root, "tables") ?
         json_object_get_array_member (root, "tables") : NULL;
}

/**
 * sl_tables_list:
 * @vault: an unlocked vault
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type SlTable): the tables the vault's
 *   codebook defines, with their ids and titles only
 */
GPtrArray *
sl_tables_list (SlVault  *vault,
                GError  **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  GPtrArray *ret = g_ptr_array_new_with_free_func ((GDestroyNotify) sl_table_free);
  SlCodebook *book = sl_vault_get_codebook (vault);
  JsonArray *defs;

  if (book == NULL)
    {
      g_set_error (error, SL_VAULT_ERROR, SL_VAULT_ERROR_LOCKED, "The vault is locked");
      g_ptr_array_unref (ret);
      return NULL;
    }
  defs = definitions_array (load_definitions (book, parser, NULL));
  for (guint i = 0; defs && i < json_array_get_length (defs); i++)
    {
      JsonObject *d = json_array_get_object_element (defs, i);

      g_ptr_array_add (ret, table_new (json_object_get_string_member_with_default (d, "id", ""),
                                       json_object_get_string_member_with_default (d, "title", "")));
    }
  return ret;
}

/* Data */

typedef struct
{
  SlVault    *vault;
  SlCodebook *book;
  GHashTable *by_type;   /* type -> GPtrArray of SlRecord */
  GHashTable *by_id;     /* id -> SlRecord (borrowed) */
} Data;

static void
data_clear (Data *d)
{
  g_clear_pointer (&d->by_type, g_hash_table_unref);
  g_clear_pointer (&d->by_id, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Data, data_clear)

static GPtrArray *
records_of (Data        *d,
            const char  *type,
            GError     **error)
{
  GPtrArray *records = g_hash_table_lookup (d->by_type, type);

  if (records == NULL)
    {
      if (!(records = sl_vault_list_records (d->vault, type, FALSE, error)))
        return NULL;
      g_hash_table_insert (d->by_type, g_strdup (type), records);
      for (guint i = 0; i < records->len; i++)
        {
          SlRecord *r = g_ptr_array_index (records, i);

          g_hash_table_insert (d->by_id, (gpointer) sl_record_get_id (r), r);
        }
    }
  return records;
}

static SlRecord *
parent_of (Data     *d,
           SlRecord *rec)
{
  SlRecord *p;

  if (sl_record_get_parent (rec) == NULL)
    return NULL;
  if ((p = g_hash_table_lookup (d->by_id, sl_record_get_parent (rec))))
    return p;
  /* load the parent's type once */
  p = sl_vault_load_record (d->vault, sl_record_get_parent (rec), NULL);
  if (p != NULL)
    {
      g_autofree char *type = g_strdup (sl_record_get_record_type (p));

      g_object_unref (p);
      records_of (d, type, NULL);
      return g_hash_table_lookup (d->by_id, sl_record_get_parent (rec));
    }
  return NULL;
}

static SlField *
lookup_field (Data        *d,
              const char  *type,
              const char  *field,
              GError     **error)
{
  SlRecordType *rt = sl_codebook_lookup_type (d->book, type, error);

  return rt ? sl_record_type_lookup_field (rt, field, error) : NULL;
}

/* The categories a field's values fall into, in order. */
static GPtrArray *
categories_of (SlField *f)
{
  GPtrArray *cats = g_ptr_array_new_with_free_func ((GDestroyNotify) category_free);
  Category *c;

  if (f->type == SL_FIELD_BOOLEAN)
    {
      c = g_new0 (Category, 1);
      c->code = g_strdup ("true");
      c->label = g_strdup (_("Yes"));
      g_ptr_array_add (cats, c);
      c = g_new0 (Category, 1);
      c->code = g_strdup ("false");
      c->label = g_strdup (_("No"));
      g_ptr_array_add (cats, c);
    }
  for (guint i = 0; f->options && i < f->options->len; i++)
    {
      SlOption *o = g_ptr_array_index (f->options, i);

      c = g_new0 (Category, 1);
      c->code = g_strdup (o->code);
      c->label = g_strdup (o->label);
      c->group = g_strdup (o->group);
      g_ptr_array_add (cats, c);
    }
  if (f->allow_other)
    {
      c = g_new0 (Category, 1);
      c->code = g_strdup ("other");
      /* Translators: a row of a table: the records whose value is not one
       * of the options */
      c->label = g_strdup (C_("table row", "Other"));
      g_ptr_array_add (cats, c);
    }
  c = g_new0 (Category, 1);
  c->code = g_strdup (SL_MISSING_UNKNOWN);
  c->label = g_strdup (_("Unknown"));
  g_ptr_array_add (cats, c);
  c = g_new0 (Category, 1);
  c->code = g_strdup (SL_MISSING_NOT_RECORDED);
  c->label = g_strdup (_("Not recorded"));
  g_ptr_array_add (cats, c);
  return cats;
}

/* The category codes a value counts under: several for a multiple choice. */
static GStrv
value_codes (SlField  *f,
             JsonNode *v)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  const char *missing = sl_value_get_missing (v);

  if (missing != NULL)
    g_strv_builder_add (b, missing);
  else if (v == NULL || JSON_NODE_HOLDS_NULL (v))
    g_strv_builder_add (b, SL_MISSING_NOT_RECORDED);
  else if (JSON_NODE_HOLDS_ARRAY (v))
    {
      JsonArray *a = json_node_get_array (v);

      if (json_array_get_length (a) == 0)
        g_strv_builder_add (b, SL_MISSING_NOT_RECORDED);
      for (guint i = 0; i < json_array_get_length (a); i++)
        {
          JsonNode *item = json_array_get_element (a, i);

          g_strv_builder_add (b, JSON_NODE_HOLDS_OBJECT (item) ? "other" : json_node_get_string (item));
        }
    }
  else if (JSON_NODE_HOLDS_OBJECT (v))
    g_strv_builder_add (b, "other");
  else if (json_node_get_value_type (v) == G_TYPE_BOOLEAN)
    g_strv_builder_add (b, json_node_get_boolean (v) ? "true" : "false");
  else if (json_node_get_value_type (v) == G_TYPE_STRING)
    g_strv_builder_add (b, json_node_get_string (v));
  return g_strv_builder_end (b);
}

static int
category_index (GPtrArray  *cats,
                const char *code)
{
  for (guint i = 0; i < cats->len; i++)
    if (g_strcmp0 (((Category *) g_ptr_array_index (cats, i))->code, code) == 0)
      return (int) i;
  return -1;
}

/* Suppression */

typedef struct
{
  GArray *members;   /* of guint: row << 16 | col */
  guint   total;     /* row << 16 | col, or G_MAXUINT */
} Line;

static SlCell *
cell_at (SlTable *t,
         guint    rc)
{
  return cell (g_ptr_array_index (t->rows, rc >> 16), rc & 0xffff);
}

static void
line_free (Line *l)
{
  g_array_unref (l->members);
  g_free (l);
}

static Line *
line_new (void)
{
  Line *l = g_new0 (Line, 1);

  l->members = g_array_new (FALSE, FALSE, sizeof (guint));
  l->total = G_MAXUINT;
  return l;
}

/* Lines whose members add up to their total: each count column against
 * the Total row and each group against its heading; each row against a
 * Total column. */
static GPtrArray *
table_lines (SlTable *t,
             int      total_col)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func ((GDestroyNotify) line_free);
  guint ncols = t->columns->len;

  for (guint c = 0; c < ncols; c++)
    {
      Line *col_line = line_new ();
      Line *group_line = NULL;

      for (guint r = 0; r < t->rows->len; r++)
        {
          SlTableRow *row = g_ptr_array_index (t->rows, r);
          guint rc = r << 16 | c;

          if (cell (row, c)->kind != SL_CELL_COUNT)
            continue;
          if (row->is_total)
            {
              /* The first total is what the rows add up to; later ones
               * (a total of some rows) only sit beside it. */
              if (col_line->total == G_MAXUINT)
                col_line->total = rc;
            }
          else if (row->is_group)
            {
              if (group_line)
                g_ptr_array_add (lines, group_line);
              group_line = line_new ();
              group_line->total = rc;
              g_array_append_val (col_line->members, rc);
            }
          else if (group_line != NULL)
            g_array_append_val (group_line->members, rc);
          else
            g_array_append_val (col_line->members, rc);
        }
      if (group_line)
        g_ptr_array_add (lines, group_line);
      g_ptr_array_add (lines, col_line);
    }

  if (total_col >= 0)
    for (guint r = 0; r < t->rows->len; r++)
      {
        SlTableRow *row = g_ptr_array_index (t->rows, r);
        Line *l = line_new ();

        for (guint c = 0; c < ncols; c++)
          {
            guint rc = r << 16 | c;

            if (cell (row, c)->kind != SL_CELL_COUNT)
              continue;
            if ((int) c == total_col)
              l->total = rc;
            else
              g_array_append_val (l->members, rc);
          }
        g_ptr_array_add (lines, l);
      }
  return lines;
}

static int total_column (SlTable *t);

/**
 * sl_table_suppress:
 * @table: a computed table
 * @threshold: counts from 1 to @threshold - 1 are hidden; 0 hides nothing
 *
 * Primary suppression hides small counts; secondary suppression then
 * hides the next smallest count of any line (a column against its total,
 * a group against its heading, a row against its total) that has exactly
 * one hidden cell, until none can be worked out by subtraction.
 * Percentages of hidden counts are hidden with them.
 */
void
sl_table_suppress (SlTable *table,
                   guint    threshold)
{
  g_autoptr(GPtrArray) lines = NULL;
  gboolean changed = TRUE;

  table->threshold = threshold;
  if (threshold == 0)
    return;

  for (guint r = 0; r < table->rows->len; r++)
    {
      SlTableRow *row = g_ptr_array_index (table->rows, r);

      for (guint c = 0; c < row->cells->len; c++)
        {
          SlCell *x = cell (row, c);

          if (x->kind == SL_CELL_COUNT && x->value > 0 && x->value < threshold)
            x->suppressed = TRUE;
          /* a share of a subset gives away the subset's count: the share of
           * 3 in 10 is "3" */
          if (x->kind == SL_CELL_PERCENT && x->numerator > 0 && x->numerator < threshold)
            x->suppressed = TRUE;
        }
    }

  lines = table_lines (table, total_column (table));
  while (changed)
    {
      changed = FALSE;
      for (guint i = 0; i < lines->len; i++)
        {
          Line *l = g_ptr_array_index (lines, i);
          guint hidden = 0;
          int best = -1;

          if (l->total == G_MAXUINT || cell_at (table, l->total)->suppressed)
            continue;
          for (guint m = 0; m < l->members->len; m++)
            {
              SlCell *x = cell_at (table, g_array_index (l->members, guint, m));

              /* A hidden zero protects nothing (a reader can often tell
               * it is empty): the partner is the smallest count above it. */
              if (x->suppressed)
                hidden++;
              else if (x->value > 0 &&
                       (best < 0 ||
                        x->value < cell_at (table, g_array_index (l->members, guint, best))->value))
                best = (int) m;
            }
          if (hidden != 1)
            continue;
          if (best < 0)
            {
              /* Nothing left to hide beside it: hide the total instead. */
              cell_at (table, l->total)->suppressed = TRUE;
              cell_at (table, l->total)->secondary = TRUE;
            }
          else
            {
              SlCell *x = cell_at (table, g_array_index (l->members, guint, best));

              x->suppressed = TRUE;
              x->secondary = TRUE;
            }
          changed = TRUE;
        }
    }

  /* Percentages follow the count to their left. */
  table->suppressed = 0;
  for (guint r = 0; r < table->rows->len; r++)
    {
      SlTableRow *row = g_ptr_array_index (table->rows, r);

      for (guint c = 0; c < row->cells->len; c++)
        {
          if (cell (row, c)->kind == SL_CELL_PERCENT && c > 0 && cell (row, c - 1)->suppressed)
            cell (row, c)->suppressed = TRUE;
          if (cell (row, c)->kind == SL_CELL_COUNT && cell (row, c)->suppressed)
            table->suppressed++;
        }
    }
}

static int
total_column (SlTable *t)
{
  for (guint c = 0; c < t->columns->len; c++)
    if (g_str_equal (g_ptr_array_index (t->columns, c), "Total"))
      return (int) c;
  return -1;
}

/* Kinds */

static SlTable *
table_for (JsonObject *def)
{
  return table_new (json_object_get_string_member_with_default (def, "id", ""),
                    json_object_get_string_member_with_default (def, "title", ""));
}

/* The field a table splits its columns by: one of @type's own, or with
 * "parent.FIELD" one of the first parent type that has it. */
static SlField *
split_field (Data        *d,
             const char  *table,
             const char  *type,
             const char  *by,
             gboolean    *by_parent,
             GError     **error)
{
  SlRecordType *rt = sl_codebook_lookup_type (d->book, type, error);
  SlField *f = NULL;

  if (rt == NULL)
    return NULL;
  *by_parent = g_str_has_prefix (by, "parent.");
  if (!*by_parent)
    return sl_record_type_lookup_field (rt, by, error);
  for (guint i = 0; rt->parents[i] && f == NULL; i++)
    f = lookup_field (d, rt->parents[i], by + 7, NULL);
  if (f == NULL)
    g_set_error (error, SL_TABLES_ERROR, SL_TABLES_ERROR_INVALID,
                 "table %s: no parent of %s has the field %s", table, type, by + 7);
  return f;
}

typedef struct
{
  char    *label;
  SlField *field;
  GPtrArray *records;
} Source;

static void
source_free (Source *s)
{
  g_free (s->label);
  g_free (s);
}

static SlTable *
compute_count (Data        *d,
               JsonObject  *def,
               GError     **error)
{
  g_autoptr(SlTable) t = table_for (def);
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify) source_free);
  g_autoptr(GPtrArray) cats = NULL;
  g_autoptr(GPtrArray) by_cats = NULL;
  g_autofree double *counts = NULL;     /* [cat][col] */
  g_autofree double *col_records = NULL; /* [col] */
  gboolean percent = json_object_get_boolean_member_with_default (def, "percent", FALSE);
  gboolean group_rows = json_object_get_boolean_member_with_default (def, "group_rows", FALSE);
  const char *by = json_object_get_string_member_with_default (def, "by", NULL);
  SlField *row_field = NULL;
  SlField *by_field = NULL;
  gboolean by_parent = FALSE;
  guint ncols, width, n_data_cols;

  if (json_object_has_member (def, "sources"))
    {
      JsonArray *a = json_object_get_array_member (def, "sources");

      for (guint i = 0; i < json_array_get_length (a); i++)
        {
          JsonObject *so = json_array_get_object_element (a, i);
          Source *s = g_new0 (Source, 1);
          const char *type = json_object_get_string_member_with_default (so, "type", "");

          g_ptr_array_add (sources, s);
          s->label = g_strdup (label_of (so, type));
          if (!(s->field = lookup_field (d, type, json_object_get_string_member_with_default (so, "field", ""), error)) ||
              !(s->records = records_of (d, type, error)))
            return NULL;
        }
    }
  else
    {
      const char *type = json_object_get_string_member_with_default (def, "type", "");
      Source *s = g_new0 (Source, 1);

      g_ptr_array_add (sources, s);
      /* Translators: the heading of a table's only column of counts */
      s->label = g_strdup (C_("table column", "All"));
      if (!(s->field = lookup_field (d, type, json_object_get_string_member_with_default (def, "rows", ""), error)) ||
          !(s->records = records_of (d, type, error)))
        return NULL;
      if (by != NULL)
        {
          if (!(by_field = split_field (d, t->id, type, by, &by_parent, error)))
            return NULL;
          by_cats = categories_of (by_field);
        }
    }
  row_field = ((Source *) g_ptr_array_index (sources, 0))->field;
  cats = categories_of (row_field);

  /* Columns: one per source, or one per category of the split (those
   * with records) and a Total. */
  n_data_cols = by_cats ? by_cats->len : sources->len;
  counts = g_new0 (double, cats->len * (n_data_cols + 1));
  col_records = g_new0 (double, n_data_cols + 1);

  for (guint s = 0; s < sources->len; s++)
    {
      Source *src = g_ptr_array_index (sources, s);

      for (guint i = 0; i < src->records->len; i++)
        {
          SlRecord *rec = g_ptr_array_index (src->records, i);
          g_auto(GStrv) codes = value_codes (src->field, sl_record_get_value (rec, src->field->id));
          guint col = s;

          if (by_cats != NULL)
            {
              SlRecord *holder = by_parent ? parent_of (d, rec) : rec;
              g_auto(GStrv) bc = value_codes (by_field, holder ? sl_record_get_value (holder, by_field->id) : NULL);
              int bi = category_index (by_cats, bc[0] ? bc[0] : SL_MISSING_NOT_RECORDED);

              col = bi < 0 ? by_cats->len - 1 : (guint) bi;
            }
          col_records[col]++;
          col_records[n_data_cols]++;
          for (guint k = 0; codes[k]; k++)
            {
              int ci = category_index (cats, codes[k]);

              if (ci < 0)
                continue;   /* a code no longer in the codebook: counted in the total only */
              counts[ci * (n_data_cols + 1) + col]++;
              counts[ci * (n_data_cols + 1) + n_data_cols]++;
            }
        }
    }

  /* Drop split columns with no records. */
  {
    g_autoptr(GArray) keep = g_array_new (FALSE, FALSE, sizeof (guint));

    for (guint c = 0; c < n_data_cols; c++)
      if (by_cats == NULL || col_records[c] > 0)
        g_array_append_val (keep, c);
    if (by_cats != NULL)
      {
        guint total = n_data_cols;

        g_array_append_val (keep, total);
      }

    width = percent ? 2 : 1;
    ncols = keep->len * width;
    for (guint k = 0; k < keep->len; k++)
      {
        guint c = g_array_index (keep, guint, k);
        const char *label = c == n_data_cols ? "Total" :
                            by_cats ? ((Category *) g_ptr_array_index (by_cats, c))->label :
                            ((Source *) g_ptr_array_index (sources, c))->label;

        g_ptr_array_add (t->columns, g_strdup (label));
        if (percent)
          g_ptr_array_add (t->columns, g_strdup ("%"));
      }

    /* Rows: groups with their subtotals first, then the rest. */
    {
      g_autoptr(GHashTable) done = g_hash_table_new (NULL, NULL);

      if (group_rows && row_field->groups != NULL)
        for (guint g = 0; g < row_field->groups->len; g++)
          {
            SlOption *grp = g_ptr_array_index (row_field->groups, g);
            g_autofree double *sub = g_new0 (double, n_data_cols + 1);
            SlTableRow *head;

            for (guint i = 0; i < cats->len; i++)
              if (g_strcmp0 (((Category *) g_ptr_array_index (cats, i))->group, grp->code) == 0)
                for (guint c = 0; c <= n_data_cols; c++)
                  sub[c] += counts[i * (n_data_cols + 1) + c];
            head = add_row (t, grp->label, ncols);
            head->is_group = TRUE;
            for (guint k = 0; k < keep->len; k++)
              {
                guint c = g_array_index (keep, guint, k);

                set_count (head, k * width, sub[c]);
                if (percent)
                  set_percent (head, k * width + 1, sub[c], col_records[c]);
              }
            for (guint i = 0; i < cats->len; i++)
              {
                Category *cat = g_ptr_array_index (cats, i);
                SlTableRow *row;

                if (g_strcmp0 (cat->group, grp->code) != 0)
                  continue;
                g_hash_table_add (done, cat);
                row = add_row (t, cat->label, ncols);
                for (guint k = 0; k < keep->len; k++)
                  {
                    guint c = g_array_index (keep, guint, k);

                    set_count (row, k * width, counts[i * (n_data_cols + 1) + c]);
                    if (percent)
                      set_percent (row, k * width + 1, counts[i * (n_data_cols + 1) + c], col_records[c]);
                  }
              }
          }
      for (guint i = 0; i < cats->len; i++)
        {
          Category *cat = g_ptr_array_index (cats, i);
          SlTableRow *row;

          if (g_hash_table_contains (done, cat))
            continue;
          row = add_row (t, cat->label, ncols);
          for (guint k = 0; k < keep->len; k++)
            {
              guint c = g_array_index (keep, guint, k);

              set_count (row, k * width, counts[i * (n_data_cols + 1) + c]);
              if (percent)
                set_percent (row, k * width + 1, counts[i * (n_data_cols + 1) + c], col_records[c]);
            }
        }
    }

    /* The Total row counts records (a record with several selections is
     * one record), so it is a total of the rows only for a single choice.
     * It is marked is_total, so its label may be translated; the Total
     * column keeps its English heading, as sl-chart.c and the tables page
     * find it by name. */
    if (row_field->type != SL_FIELD_MULTI_CHOICE)
      {
        SlTableRow *total = add_row (t, _("Total"), ncols);

        total->is_total = TRUE;
        for (guint k = 0; k < keep->len; k++)
          {
            guint c = g_array_index (keep, guint, k);

            set_count (total, k * width, col_records[c]);
            if (percent)
              set_percent (total, k * width + 1, col_records[c], col_records[c]);
          }
      }
    else
      {
        SlTableRow *people = add_row (t, "Records", ncols);

        for (guint k = 0; k < keep->len; k++)
          set_count (people, k * width, col_records[g_array_index (keep, guint, k)]);
        t->note = g_strdup (_("Several selections for one record are each counted, so the rows "
                              "add up to more than the records; percentages are of records."));
      }
  }
  return g_steal_pointer (&t);
}

static gboolean
record_matches (SlRecord   *rec,
                JsonObject *where)
{
  const char *field;
  JsonNode *want;
  JsonNode *have;

  if (where == NULL)
    return TRUE;
  field = json_object_get_string_member_with_default (where, "field", "");
  have = sl_record_get_value (rec, field);
  if (json_object_has_member (where, "present"))
    return (have != NULL && sl_value_get_missing (have) == NULL) ==
           json_object_get_boolean_member (where, "present");
  want = json_object_get_member (where, "equals");
  return have != NULL && want != NULL && json_node_equal (have, want);
}

static double
number_of (SlRecord   *rec,
           const char *field,
           gboolean   *ok)
{
  JsonNode *v = sl_record_get_value (rec, field);

  *ok = v && JSON_NODE_HOLDS_VALUE (v) && json_node_get_value_type (v) == G_TYPE_INT64;
  return *ok ? (double) json_node_get_int (v) : 0;
}

static SlTable *
compute_list (Data        *d,
              JsonObject  *def,
              GError     **error)
{
  g_autoptr(SlTable) t = table_for (def);
  const char *type = json_object_get_string_member_with_default (def, "type", "");
  JsonObject *filter = json_object_has_member (def, "filter") ?
                       json_object_get_object_member (def, "filter") : NULL;
  JsonArray *cols = json_object_get_array_member (def, "columns");
  JsonArray *totals = json_object_has_member (def, "totals") ?
                      json_object_get_array_member (def, "totals") : NULL;
  SlRecordType *rt = sl_codebook_lookup_type (d->book, type, error);
  GPtrArray *records;
  g_autoptr(GPtrArray) shown = g_ptr_array_new ();
  guint ncols;

  if (rt == NULL || cols == NULL || !(records = records_of (d, type, error)))
    return NULL;
  ncols = json_array_get_length (cols);
  for (guint c = 0; c < ncols; c++)
    {
      JsonObject *col = json_array_get_object_element (cols, c);
      const char *field = json_object_get_string_member_with_default (col, "field", NULL);
      SlField *f = field ? sl_record_type_lookup_field (rt, field, error) : NULL;

      if (field && f == NULL)
        return NULL;
      g_ptr_array_add (t->columns,
                       g_strdup (label_of (col, f ? f->label : "")));
    }

  for (guint i = 0; i < records->len; i++)
    if (record_matches (g_ptr_array_index (records, i), filter))
      g_ptr_array_add (shown, g_ptr_array_index (records, i));

  for (guint i = 0; i < shown->len; i++)
    {
      SlRecord *rec = g_ptr_array_index (shown, i);
      SlTableRow *row = add_row (t, sl_record_get_title (rec), ncols);

      for (guint c = 0; c < ncols; c++)
        {
          JsonObject *col = json_array_get_object_element (cols, c);
          const char *field = json_object_get_string_member_with_default (col, "field", NULL);
          gboolean ok1, ok2;

          if (json_object_has_member (col, "ratio"))
            {
              JsonArray *r = json_object_get_array_member (col, "ratio");
              double num = number_of (rec, json_array_get_string_element (r, 0), &ok1);
              double den = number_of (rec, json_array_get_string_element (r, 1), &ok2);

              if (ok1 && ok2)
                set_percent (row, c, num, den);
            }
          else if (field != NULL)
            {
              SlField *f = sl_record_type_lookup_field (rt, field, NULL);
              JsonNode *v = sl_record_get_value (rec, field);

              if (f->type == SL_FIELD_COUNT || f->type == SL_FIELD_INTEGER)
                {
                  double n = number_of (rec, field, &ok1);

                  if (ok1)
                    set_count (row, c, n);
                }
              else if (v != NULL)
                {
                  g_autofree char *text = sl_field_format_value (f, v);

                  set_text (row, c, text);
                }
            }
        }
    }

  for (guint k = 0; totals && k < json_array_get_length (totals); k++)
    {
      JsonObject *tot = json_array_get_object_element (totals, k);
      JsonObject *where = json_object_has_member (tot, "where") ?
                          json_object_get_object_member (tot, "where") : NULL;
      SlTableRow *row = add_row (t, label_of (tot, "Total"), ncols);

      row->is_total = TRUE;
      for (guint c = 0; c < ncols; c++)
        {
          JsonObject *col = json_array_get_object_element (cols, c);
          const char *field = json_object_get_string_member_with_default (col, "field", NULL);
          double num = 0, den = 0;
          gboolean ok;

          for (guint i = 0; i < shown->len; i++)
            {
              SlRecord *rec = g_ptr_array_index (shown, i);

              if (!record_matches (rec, where))
                continue;
              if (json_object_has_member (col, "ratio"))
                {
                  JsonArray *r = json_object_get_array_member (col, "ratio");
                  double a = number_of (rec, json_array_get_string_element (r, 0), &ok);
                  gboolean ok2;
                  double b = number_of (rec, json_array_get_string_element (r, 1), &ok2);

                  if (ok && ok2)
                    {
                      num += a;
                      den += b;
                    }
                }
              else if (field != NULL)
                num += number_of (rec, field, &ok);
            }
          if (json_object_has_member (col, "ratio"))
            set_percent (row, c, num, den);
          else if (json_object_get_boolean_member_with_default (col, "sum", FALSE))
            set_count (row, c, num);
        }
    }
  return g_steal_pointer (&t);
}

static SlTable *
compute_share (Data        *d,
               JsonObject  *def,
               GError     **error)
{
  g_autoptr(SlTable) t = table_for (def);
  JsonArray *items = json_object_get_array_member (def, "items");

  /* Translators: the heading of a table's column: how many records refer
   * to the item (as in "Referring: 12, %: 40.0%, Of: 30") */
  g_ptr_array_add (t->columns, g_strdup (C_("table column", "Referring")));
  g_ptr_array_add (t->columns, g_strdup ("%"));
  /* Translators: the heading of a table's column: of how many records */
  g_ptr_array_add (t->columns, g_strdup (C_("table column", "Of")));
  for (guint i = 0; items && i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      const char *type = json_object_get_string_member_with_default (item, "type", "");
      GPtrArray *records = records_of (d, type, error);
      SlTableRow *row;
      double yes = 0;

      if (records == NULL)
        return NULL;
      for (guint k = 0; k < records->len; k++)
        if (record_matches (g_ptr_array_index (records, k), item))
          yes++;
      row = add_row (t, label_of (item, type), 3);
      set_count (row, 0, yes);
      set_percent (row, 1, yes, records->len);
      set_count (row, 2, records->len);
    }
  return g_steal_pointer (&t);
}

/* rate: rows = categories of "rows", columns split by "by"; each cell is
 * the share of the records in it whose "field" equals "equals", beside
 * how many records the cell holds. */
static SlTable *
compute_rate (Data        *d,
              JsonObject  *def,
              GError     **error)
{
  g_autoptr(SlTable) t = table_for (def);
  const char *type = json_object_get_string_member_with_default (def, "type", "");
  const char *by = json_object_get_string_member_with_default (def, "by", "");
  const char *measure = json_object_get_string_member_with_default (def, "field", "");
  JsonNode *equals = json_object_get_member (def, "equals");
  gboolean by_parent = FALSE;
  SlRecordType *rt = sl_codebook_lookup_type (d->book, type, error);
  g_autoptr(GPtrArray) cats = NULL;
  g_autoptr(GPtrArray) by_cats = NULL;
  g_autofree double *n = NULL;
  g_autofree double *yes = NULL;
  g_autoptr(GArray) keep = g_array_new (FALSE, FALSE, sizeof (guint));
  SlField *row_field, *by_field = NULL;
  GPtrArray *records;
  guint ncat, nby;

  if (rt == NULL || !(records = records_of (d, type, error)) ||
      !(row_field = sl_record_type_lookup_field (rt, json_object_get_string_member_with_default (def, "rows", ""), error)) ||
      !sl_record_type_lookup_field (rt, measure, error))
    return NULL;
  if (!(by_field = split_field (d, t->id, type, by, &by_parent, error)))
    return NULL;
  if (equals == NULL)
    {
      g_set_error (error, SL_TABLES_ERROR, SL_TABLES_ERROR_INVALID,
                   "table %s: a rate needs \"equals\", the value whose share it counts", t->id);
      return NULL;
    }
  cats = categories_of (row_field);
  by_cats = categories_of (by_field);
  ncat = cats->len;
  nby = by_cats->len;
  n = g_new0 (double, ncat * nby);
  yes = g_new0 (double, ncat * nby);

  for (guint i = 0; i < records->len; i++)
    {
      SlRecord *rec = g_ptr_array_index (records, i);
      SlRecord *holder = by_parent ? parent_of (d, rec) : rec;
      g_auto(GStrv) rc = value_codes (row_field, sl_record_get_value (rec, row_field->id));
      g_auto(GStrv) bc = value_codes (by_field, holder ? sl_record_get_value (holder, by_field->id) : NULL);
      JsonNode *m = sl_record_get_value (rec, measure);
      int ri = category_index (cats, rc[0] ? rc[0] : SL_MISSING_NOT_RECORDED);
      int bi = category_index (by_cats, bc[0] ? bc[0] : SL_MISSING_NOT_RECORDED);

      if (ri < 0 || bi < 0)
        continue;
      n[ri * nby + bi]++;
      if (m != NULL && json_node_equal (m, equals))
        yes[ri * nby + bi]++;
    }

  for (guint b = 0; b < nby; b++)
    {
      double col = 0;

      for (guint r = 0; r < ncat; r++)
        col += n[r * nby + b];
      if (col > 0)
        {
          g_array_append_val (keep, b);
          g_ptr_array_add (t->columns, g_strdup (((Category *) g_ptr_array_index (by_cats, b))->label));
          g_ptr_array_add (t->columns, g_strdup ("%"));
        }
    }
  for (guint r = 0; r < ncat; r++)
    {
      double row_n = 0;
      SlTableRow *row;

      for (guint b = 0; b < nby; b++)
        row_n += n[r * nby + b];
      if (row_n == 0)
        continue;
      row = add_row (t, ((Category *) g_ptr_array_index (cats, r))->label, keep->len * 2);
      for (guint k = 0; k < keep->len; k++)
        {
          guint b = g_array_index (keep, guint, k);

          set_count (row, k * 2, n[r * nby + b]);
          set_percent (row, k * 2 + 1, yes[r * nby + b], n[r * nby + b]);
          cell (row, k * 2 + 1)->numerator = yes[r * nby + b];
        }
    }
  /* Translators: the first %s is a field's id, the second a value */
  t->note = g_strdup_printf (_("Each count is the records in the cell; the %% beside it is the "
                               "share of them whose %s is %s."), measure,
                             JSON_NODE_HOLDS_VALUE (equals) &&
                             json_node_get_value_type (equals) == G_TYPE_STRING ?
                               json_node_get_string (equals) : _("the value given"));
  return g_steal_pointer (&t);
}

/* returns: children matched across the indicator returns, counted by
 * how many data sets ("datasets") or indicators ("indicators") they hit,
 * cumulatively: 1 or more, 2 or more... */
static SlTable *
compute_returns (Data        *d,
                 JsonObject  *def,
                 gboolean     datasets,
                 GError     **error)
{
  g_autoptr(SlTable) t = table_for (def);
  g_autoptr(GArray) profile = sl_vault_dup_return_profile (d->vault, datasets, error);
  guint max = 0;

  if (profile == NULL)
    return NULL;
  for (guint i = 0; i < profile->len; i++)
    max = MAX (max, g_array_index (profile, guint, i));
  /* Translators: the heading of a table's column of counts of children */
  g_ptr_array_add (t->columns, g_strdup (C_("table column", "Children")));
  for (guint n = 1; n <= max; n++)
    {
      /* Translators: a row of a table: children in %u or more data sets
       * (or with %u or more indicators) */
      g_autofree char *label = g_strdup_printf (_("%u or more"), n);
      SlTableRow *row = add_row (t, label, 1);
      double count = 0;

      for (guint i = 0; i < profile->len; i++)
        if (g_array_index (profile, guint, i) >= n)
          count++;
      set_count (row, 0, count);
    }
  t->note = g_strdup (datasets ?
                      _("Each child is counted under every number of data sets up to the number "
                        "they appear in.") :
                      _("Indicators are counted one by one, several inside one data set "
                        "included."));
  return g_steal_pointer (&t);
}

/**
 * sl_tables_compute:
 * @vault: an unlocked vault
 * @id: a table's id
 * @threshold: the small-cell threshold for anything leaving the vault
 *   (%SL_TABLES_DEFAULT_THRESHOLD), or 0 for exact counts
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the table, from the live records
 */
SlTable *
sl_tables_compute (SlVault     *vault,
                   const char  *id,
                   guint        threshold,
                   GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(Data) d = { vault, sl_vault_get_codebook (vault), NULL, NULL };
  g_autoptr(GString) known = g_string_new (NULL);
  JsonArray *defs;
  SlTable *t = NULL;

  if (d.book == NULL)
    {
      g_set_error (error, SL_VAULT_ERROR, SL_VAULT_ERROR_LOCKED, "The vault is locked");
      return NULL;
    }
  d.by_type = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                     (GDestroyNotify) g_ptr_array_unref);
  d.by_id = g_hash_table_new (g_str_hash, g_str_equal);

  defs = definitions_array (load_definitions (d.book, parser, error));
  for (guint i = 0; defs && i < json_array_get_length (defs); i++)
    {
      JsonObject *def = json_array_get_object_element (defs, i);
      const char *did = json_object_get_string_member_with_default (def, "id", "");
      const char *kind = json_object_get_string_member_with_default (def, "kind", "count");

      g_string_append_printf (known, "%s%s", i ? ", " : "", did);
      if (!g_str_equal (did, id))
        continue;
      if (g_str_equal (kind, "list"))
        t = compute_list (&d, def, error);
      else if (g_str_equal (kind, "share"))
        t = compute_share (&d, def, error);
      else if (g_str_equal (kind, "rate"))
        t = compute_rate (&d, def, error);
      else if (g_str_equal (kind, "returns"))
        t = compute_returns (&d, def,
                             g_strcmp0 (json_object_get_string_member_with_default (def, "count", ""),
                                        "datasets") == 0, error);
      else
        t = compute_count (&d, def, error);
      if (t == NULL)
        return NULL;
      if (json_object_has_member (def, "note") && t->note == NULL)
        t->note = g_strdup (text_of (json_object_get_string_member (def, "note")));
      sl_table_suppress (t, threshold);
      return t;
    }

  g_set_error (error, SL_TABLES_ERROR, SL_TABLES_ERROR_UNKNOWN_TABLE,
               "There is no table '%s'; the tables are %s", id,
               known->len ? known->str : "none (this codebook defines no tables)");
  return NULL;
}

/* Output */

static char *
cell_text (SlTable *t,
           SlCell  *c)
{
  if (c->suppressed)
    return g_strdup (MARKER);
  switch (c->kind)
    {
    case SL_CELL_COUNT:
      return g_strdup_printf ("%.0f", c->value);
    case SL_CELL_PERCENT:
      return g_strdup_printf ("%.1f%%", c->value);
    case SL_CELL_TEXT:
      return g_strdup (c->text);
    case SL_CELL_EMPTY:
    default:
      return g_strdup ("");
    }
}

static char *
footnote (SlTable *t)
{
  if (t->threshold == 0)
    return g_strdup ("Exact counts: for use inside the vault only.");
  if (t->suppressed == 0)
    return g_strdup_printf ("No cell needed suppression (threshold %u).", t->threshold);
  return g_strdup_printf ("%s marks %u suppressed cell%s: counts under %u, and cells hidden so that "
                          "they cannot be worked out from the totals.",
                          MARKER, t->suppressed, t->suppressed == 1 ? "" : "s", t->threshold);
}

/**
 * sl_table_to_text:
 * @table: a table
 *
 * Returns: (transfer full): the table aligned for a terminal
 */
char *
sl_table_to_text (SlTable *table)
{
  GString *out = g_string_new (NULL);
  g_autofree guint *w = g_new0 (guint, table->columns->len + 1);
  g_autofree char *foot = footnote (table);

  for (guint r = 0; r < table->rows->len; r++)
    {
      SlTableRow *row = g_ptr_array_index (table->rows, r);

      w[0] = MAX (w[0], g_utf8_strlen (row->label, -1) + (row->is_group ? 0 : 2));
      for (guint c = 0; c < row->cells->len; c++)
        {
          g_autofree char *s = cell_text (table, cell (row, c));

          w[c + 1] = MAX (w[c + 1], g_utf8_strlen (s, -1));
        }
    }
  for (guint c = 0; c < table->columns->len; c++)
    w[c + 1] = MAX (w[c + 1], g_utf8_strlen (g_ptr_array_index (table->columns, c), -1));

  g_string_append_printf (out, "%s: %s\n\n", table->id, table->title);
  g_string_append_printf (out, "%-*s", w[0], "");
  for (guint c = 0; c < table->columns->len; c++)
    g_string_append_printf (out, "  %*s", w[c + 1], (char *) g_ptr_array_index (table->columns, c));
  g_string_append_c (out, '\n');
  for (guint r = 0; r < table->rows->len; r++)
    {
      SlTableRow *row = g_ptr_array_index (table->rows, r);
      g_autofree char *label = g_strdup_printf ("%s%s", row->is_group || row->is_total ? "" : "  ",
                                                row->label);

      g_string_append (out, label);
      for (guint pad = g_utf8_strlen (label, -1); pad < w[0]; pad++)
        g_string_append_c (out, ' ');
      for (guint c = 0; c < row->cells->len; c++)
        {
          g_autofree char *s = cell_text (table, cell (row, c));
          guint len = g_utf8_strlen (s, -1);

          g_string_append (out, "  ");
          for (guint pad = len; pad < w[c + 1]; pad++)
            g_string_append_c (out, ' ');
          g_string_append (out, s);
        }
      g_string_append_c (out, '\n');
    }
  if (table->note)
    g_string_append_printf (out, "\n%s", table->note);
  g_string_append_printf (out, "\n%s\n", foot);
  return g_string_free (out, FALSE);
}

/**
 * sl_table_to_csv:
 * @table: a table
 *
 * Returns: (transfer full): the table as CSV, the first column naming the
 *   rows; suppressed cells hold the marker
 */
char *
sl_table_to_csv (SlTable *table)
{
  GString *out = g_string_new (NULL);

  sl_csv_append_field (out, table->title);
  for (guint c = 0; c < table->columns->len; c++)
    {
      g_string_append_c (out, ',');
      sl_csv_append_field (out, g_ptr_array_index (table->columns, c));
    }
  g_string_append (out, "\r\n");
  for (guint r = 0; r < table->rows->len; r++)
    {
      SlTableRow *row = g_ptr_array_index (table->rows, r);

      sl_csv_append_field (out, row->label);
      for (guint c = 0; c < row->cells->len; c++)
        {
          g_autofree char *s = cell_text (table, cell (row, c));

          g_string_append_c (out, ',');
          sl_csv_append_field (out, s);
        }
      g_string_append (out, "\r\n");
    }
  return g_string_free (out, FALSE);
}

/**
 * sl_table_to_json:
 * @table: a table
 *
 * Returns: (transfer full): the table as JSON: columns, rows of cells
 *   (numbers, text, or null with "suppressed": true)
 */
char *
sl_table_to_json (SlTable *table)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *foot = footnote (table);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, table->id);
  json_builder_set_member_name (b, "title");
  json_builder_add_string_value (b, table->title);
  json_builder_set_member_name (b, "threshold");
  json_builder_add_int_value (b, table->threshold);
  json_builder_set_member_name (b, "suppressed_cells");
  json_builder_add_int_value (b, table->suppressed);
  json_builder_set_member_name (b, "note");
  json_builder_add_string_value (b, table->note ? table->note : foot);
  json_builder_set_member_name (b, "columns");
  json_builder_begin_array (b);
  for (guint c = 0; c < table->columns->len; c++)
    json_builder_add_string_value (b, g_ptr_array_index (table->columns, c));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "rows");
  json_builder_begin_array (b);
  for (guint r = 0; r < table->rows->len; r++)
    {
      SlTableRow *row = g_ptr_array_index (table->rows, r);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "label");
      json_builder_add_string_value (b, row->label);
      json_builder_set_member_name (b, "total");
      json_builder_add_boolean_value (b, row->is_total);
      json_builder_set_member_name (b, "group");
      json_builder_add_boolean_value (b, row->is_group);
      json_builder_set_member_name (b, "cells");
      json_builder_begin_array (b);
      for (guint c = 0; c < row->cells->len; c++)
        {
          SlCell *x = cell (row, c);

          if (x->suppressed || x->kind == SL_CELL_EMPTY)
            json_builder_add_null_value (b);
          else if (x->kind == SL_CELL_TEXT)
            json_builder_add_string_value (b, x->text);
          else if (x->kind == SL_CELL_COUNT)
            json_builder_add_int_value (b, (gint64) llround (x->value));
          else
            json_builder_add_double_value (b, round (x->value * 10) / 10);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  return json_generator_to_data (gen, NULL);
}
