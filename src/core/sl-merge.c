/* sl-merge.c
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

#define G_LOG_DOMAIN "sl-merge"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "sl-bundle.h"
#include "sl-change-log.h"
#include "sl-json-private.h"
#include "sl-record-private.h"

/*
 * A record's current state is a function of the set of its changes, not
 * of the order they arrived in, so that any vault holding the same
 * changes shows the same record:
 *
 * - each field holds the value of its latest edit (by hybrid logical
 *   clock, then device id), or the record's first value;
 * - the record is deleted if its latest deletion or undeletion is a
 *   deletion;
 * - two edits of one field that did not know of each other are a
 *   conflict, as is an edit the latest deletion did not know of. "Knew"
 *   is exact: a change's base names, per other device, the last of that
 *   device's changes to the record held when it was made, and a device's
 *   changes always arrive in order.
 *
 * Nothing is dropped: every value stays in the log, and the conflict
 * register points at the fields where a person must choose.
 */

typedef struct
{
  const char *device;
  gint64      seq;
  gint64      hlc;
  const char *op;
  const char *field;
  const char *value;
  const char *author;
  GHashTable *base;     /* device id -> seq (boxed gint64) */
  char       *owned;    /* the strings above, when read from the log */
} MChange;

static void
mchange_free (MChange *c)
{
  g_free (c->owned);
  g_clear_pointer (&c->base, g_hash_table_unref);
  g_free (c);
}

static GHashTable *
parse_base (const char *json)
{
  g_autoptr(JsonNode) node = NULL;
  GHashTable *base;
  JsonObject *obj;
  g_autoptr(GList) members = NULL;

  if (json == NULL || !(node = _sl_json_parse (json, -1, NULL)) || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  obj = json_node_get_object (node);
  base = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  members = json_object_get_members (obj);
  for (GList *l = members; l; l = l->next)
    {
      gint64 *seq = g_new (gint64, 1);

      *seq = json_object_get_int_member (obj, l->data);
      g_hash_table_insert (base, g_strdup (l->data), seq);
    }
  return base;
}

/* Does @b know of @a (was @a held where and when @b was made)? */
static gboolean
knows (const MChange *b,
       const MChange *a)
{
  const gint64 *seen;

  if (g_str_equal (a->device, b->device))
    return a->seq <= b->seq;
  seen = b->base ? g_hash_table_lookup (b->base, a->device) : NULL;
  return seen != NULL && a->seq <= *seen;
}

static gboolean
concurrent (const MChange *a,
            const MChange *b)
{
  return !knows (a, b) && !knows (b, a);
}

/* Clock order, the device id breaking ties: the same in every vault. */
static int
later (const MChange *a,
       const MChange *b)
{
  if (a->hlc != b->hlc)
    return a->hlc > b->hlc ? 1 : -1;
  return strcmp (a->device, b->device);
}

static int
later_first_cmp (gconstpointer a,
                 gconstpointer b)
{
  return later (*(MChange **) b, *(MChange **) a);
}

/* Every change to one record, from the log. */
static GPtrArray *
load_changes (sqlite3_stmt *stmt,
              gint64        record_no)
{
  GPtrArray *changes = g_ptr_array_new_with_free_func ((GDestroyNotify) mchange_free);

  sqlite3_bind_int64 (stmt, 1, record_no);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      MChange *c = g_new0 (MChange, 1);
      static const int cols[] = { 0, 3, 4, 5, 7 };
      const char **dest[] = { &c->device, &c->op, &c->field, &c->value, &c->author };
      gsize size = 0;
      char *p;

      /* One allocation for the five strings */
      for (guint k = 0; k < G_N_ELEMENTS (cols); k++)
        size += (gsize) sqlite3_column_bytes (stmt, cols[k]) + 1;
      p = c->owned = g_malloc (size);
      for (guint k = 0; k < G_N_ELEMENTS (cols); k++)
        {
          const char *text = (const char *) sqlite3_column_text (stmt, cols[k]);
          gsize len = (gsize) sqlite3_column_bytes (stmt, cols[k]);

          if (text == NULL)
            continue;
          memcpy (p, text, len);
          p[len] = '\0';
          *dest[k] = p;
          p += len + 1;
        }
      c->seq = sqlite3_column_int64 (stmt, 1);
      c->hlc = sqlite3_column_int64 (stmt, 2);
      c->base = parse_base ((const char *) sqlite3_column_text (stmt, 6));
      g_ptr_array_add (changes, c);
    }
  return changes;
}

#define SQL_RECORD_CHANGES \
  "SELECT d.id, c.device_seq, c.hlc, c.op, c.field, c.value, c.base, a.name " \
  "FROM changes c JOIN devices d ON d.no = c.device JOIN authors a ON a.no = c.author " \
  "WHERE c.record = ?1"

/* A record's state, worked out from its changes. */
typedef struct
{
  MChange    *create;
  MChange    *existence;   /* latest deletion or undeletion */
  GHashTable *winners;     /* field -> latest MChange "set" */
  GHashTable *heads;       /* field -> GPtrArray of MChange: edits no other knew of */
  GPtrArray  *edits_unknown_to_deletion;
} RecordState;

static void
record_state_clear (RecordState *st)
{
  g_clear_pointer (&st->winners, g_hash_table_unref);
  g_clear_pointer (&st->heads, g_hash_table_unref);
  g_clear_pointer (&st->edits_unknown_to_deletion, g_ptr_array_unref);
}

static void
work_out_state (GPtrArray   *changes,
                RecordState *st)
{
  st->winners = g_hash_table_new (g_str_hash, g_str_equal);
  st->heads = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                     (GDestroyNotify) g_ptr_array_unref);
  st->edits_unknown_to_deletion = g_ptr_array_new ();

  for (guint i = 0; i < changes->len; i++)
    {
      MChange *c = g_ptr_array_index (changes, i);

      if (g_str_equal (c->op, "create"))
        st->create = c;
      else if (g_str_equal (c->op, "delete") || g_str_equal (c->op, "undelete"))
        {
          if (st->existence == NULL || later (c, st->existence) > 0)
            st->existence = c;
        }
      else if (g_str_equal (c->op, "set") && c->field != NULL)
        {
          MChange *w = g_hash_table_lookup (st->winners, c->field);

          if (w == NULL || later (c, w) > 0)
            g_hash_table_insert (st->winners, (gpointer) c->field, c);
        }
    }

  for (guint i = 0; i < changes->len; i++)
    {
      MChange *c = g_ptr_array_index (changes, i);
      gboolean known = FALSE;
      GPtrArray *heads;

      if (!g_str_equal (c->op, "set") || c->field == NULL)
        continue;
      for (guint j = 0; j < changes->len && !known; j++)
        {
          MChange *d = g_ptr_array_index (changes, j);

          known = d != c && g_str_equal (d->op, "set") && g_strcmp0 (d->field, c->field) == 0 &&
                  knows (d, c);
        }
      if (!known)
        {
          if (!(heads = g_hash_table_lookup (st->heads, c->field)))
            g_hash_table_insert (st->heads, (gpointer) c->field, heads = g_ptr_array_new ());
          g_ptr_array_add (heads, c);
        }
    }

  if (st->existence != NULL && g_str_equal (st->existence->op, "delete"))
    for (guint i = 0; i < changes->len; i++)
      {
        MChange *c = g_ptr_array_index (changes, i);

        if (g_str_equal (c->op, "set") && concurrent (c, st->existence))
          g_ptr_array_add (st->edits_unknown_to_deletion, c);
      }
}

/* The record's first values, from its creation. */
static JsonObject *
first_values (MChange   *create,
              JsonNode **holder)
{
  JsonObject *obj;

  *holder = create && create->value ? _sl_json_parse (create->value, -1, NULL) : NULL;
  if (*holder == NULL || !JSON_NODE_HOLDS_OBJECT (*holder))
    return NULL;
  obj = json_node_get_object (*holder);
  return json_object_has_member (obj, "values") ? json_object_get_object_member (obj, "values")
                                                : NULL;
}

/* What merging a record comes to: its state, worked out from its changes
 * without the database, then written by apply_plan(). */
struct _SlMergePlan
{
  SlRecordType *type;
  gint64        created_hlc;
  gint64        updated_hlc;
  gboolean      deleted;
  char         *title;
  char         *search;
  GPtrArray    *fields;      /* field ids */
  GPtrArray    *values;      /* each field's value, as stored (JSON) */
  GArray       *hlcs;        /* each value's clock */
  GPtrArray    *conflicts;   /* fields in conflict; "" for a deletion */
};

void
_sl_merge_plan_free (SlMergePlan *plan)
{
  g_free (plan->title);
  g_free (plan->search);
  g_ptr_array_unref (plan->fields);
  g_ptr_array_unref (plan->values);
  g_array_unref (plan->hlcs);
  g_ptr_array_unref (plan->conflicts);
  g_free (plan);
}

/* Works out what a record holds from all of its @changes: its values
 * (its first values, then each field's latest edit), deletion, title and
 * conflicts. Touches no database, so runs on any thread. */
static SlMergePlan *
plan_from_changes (SlCodebook  *codebook,
                   const char  *record,
                   GPtrArray   *changes,
                   GError     **error)
{
  g_autoptr(GHashTable) nodes = sl_values_new ();   /* field -> JsonNode */
  g_autoptr(JsonNode) create_node = NULL;
  RecordState st = { 0 };
  SlRecordType *type = NULL;
  SlMergePlan *plan = NULL;
  JsonObject *first;
  GHashTableIter iter;
  gpointer key, value;

  work_out_state (changes, &st);
  first = first_values (st.create, &create_node);
  if (st.create == NULL || create_node == NULL || !JSON_NODE_HOLDS_OBJECT (create_node) ||
      !(type = sl_codebook_lookup_type (codebook, json_object_get_string_member_with_default (
                                          json_node_get_object (create_node), "type", ""), error)))
    {
      if (error && *error == NULL)
        g_set_error (error, SL_BUNDLE_ERROR, SL_BUNDLE_ERROR_HISTORY,
                     "The record %s has changes but its creation is missing", record);
      record_state_clear (&st);
      return NULL;
    }

  plan = g_new0 (SlMergePlan, 1);
  plan->type = type;
  plan->fields = g_ptr_array_new_with_free_func (g_free);
  plan->values = g_ptr_array_new_with_free_func (g_free);
  plan->hlcs = g_array_new (FALSE, FALSE, sizeof (gint64));
  plan->conflicts = g_ptr_array_new_with_free_func (g_free);

  if (first != NULL)
    {
      g_autoptr(GList) members = json_object_get_members (first);

      for (GList *l = members; l; l = l->next)
        if (!g_hash_table_contains (st.winners, l->data))
          {
            JsonNode *node = json_node_copy (json_object_get_member (first, l->data));

            g_ptr_array_add (plan->fields, g_strdup (l->data));
            g_ptr_array_add (plan->values, sl_value_to_json (node));
            g_array_append_val (plan->hlcs, st.create->hlc);
            g_hash_table_insert (nodes, g_strdup (l->data), node);
          }
    }
  g_hash_table_iter_init (&iter, st.winners);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      MChange *w = value;
      JsonNode *node = w->value ? sl_value_from_json (w->value, NULL) : NULL;

      if (node != NULL)
        {
          g_ptr_array_add (plan->fields, g_strdup (key));
          g_ptr_array_add (plan->values, g_strdup (w->value));
          g_array_append_val (plan->hlcs, w->hlc);
          g_hash_table_insert (nodes, g_strdup (key), node);
        }
    }
  _sl_record_describe (type, nodes, record, &plan->title, &plan->search);

  plan->created_hlc = st.create->hlc;
  for (guint i = 0; i < changes->len; i++)
    plan->updated_hlc = MAX (plan->updated_hlc, ((MChange *) g_ptr_array_index (changes, i))->hlc);
  plan->deleted = st.existence != NULL && g_str_equal (st.existence->op, "delete");

  g_hash_table_iter_init (&iter, st.heads);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (((GPtrArray *) value)->len > 1)
      g_ptr_array_add (plan->conflicts, g_strdup (key));
  if (st.edits_unknown_to_deletion->len > 0)
    g_ptr_array_add (plan->conflicts, g_strdup (""));

  record_state_clear (&st);
  return plan;
}

/* Writes @plan: for a record the import brings (@row given), its row
 * whole, written once, then its values; for one this vault holds, only
 * what differs from what it holds. Then its conflicts. */
static gboolean
apply_plan (SlTxn             *txn,
            SlMergePlan       *plan,
            gint64             record_no,
            const char        *record,
            const SlNewRecord *row,
            GError           **error)
{
  g_autoptr(GHashTable) stored = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  gboolean is_new = row != NULL;
  GHashTableIter iter;
  gpointer key;
  sqlite3_stmt *stmt;

  if (is_new)
    {
      stmt = _sl_txn_stmt (txn, "INSERT INTO records (no, id, type, parent, codebook_version, "
                           "created_hlc, updated_hlc, deleted, title, search) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
      sqlite3_bind_int64 (stmt, 1, record_no);
      sqlite3_bind_text (stmt, 2, record, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, row->type, -1, SQLITE_STATIC);
      if (row->parent_no != 0)
        sqlite3_bind_int64 (stmt, 4, row->parent_no);
      sqlite3_bind_int64 (stmt, 5, row->codebook_version);
      sqlite3_bind_int64 (stmt, 6, plan->created_hlc);
      sqlite3_bind_int64 (stmt, 7, plan->updated_hlc);
      sqlite3_bind_int (stmt, 8, plan->deleted);
      sqlite3_bind_text (stmt, 9, plan->title, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 10, plan->search, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          _sl_set_error_from_db (error, _sl_txn_get_db (txn), SQLITE_ERROR,
                                 "The bundle could not be imported");
          return FALSE;
        }
    }
  else
    {
      /* What it holds now */
      stmt = _sl_txn_stmt (txn, "SELECT field, value FROM record_values WHERE record = ?1");
      sqlite3_bind_int64 (stmt, 1, record_no);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_hash_table_insert (stored, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                             g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }

  /* Write only what differs: a record merged with itself is untouched.
   * Values are compared as stored: every vault writes them alike. */
  for (guint i = 0; i < plan->fields->len; i++)
    {
      const char *field = g_ptr_array_index (plan->fields, i);
      const char *json = g_ptr_array_index (plan->values, i);

      if (g_strcmp0 (g_hash_table_lookup (stored, field), json) != 0 &&
          !_sl_txn_store_value (txn, record_no, field, json,
                                g_array_index (plan->hlcs, gint64, i), is_new, error))
        return FALSE;
      g_hash_table_remove (stored, field);
    }
  g_hash_table_iter_init (&iter, stored);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!_sl_txn_store_value (txn, record_no, key, NULL, 0, FALSE, error))
      return FALSE;

  if (!is_new)
    {
      stmt = _sl_txn_stmt (txn, "UPDATE records SET deleted = ?2, created_hlc = ?3, "
                           "updated_hlc = ?4, title = ?5, search = ?6 WHERE no = ?1");
      sqlite3_bind_int64 (stmt, 1, record_no);
      sqlite3_bind_int (stmt, 2, plan->deleted);
      sqlite3_bind_int64 (stmt, 3, plan->created_hlc);
      sqlite3_bind_int64 (stmt, 4, plan->updated_hlc);
      sqlite3_bind_text (stmt, 5, plan->title, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, plan->search, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          _sl_set_error_from_db (error, _sl_txn_get_db (txn), SQLITE_ERROR,
                                 "The record could not be merged");
          return FALSE;
        }

      /* The conflict register, afresh */
      stmt = _sl_txn_stmt (txn, "DELETE FROM conflicts WHERE record = ?1");
      sqlite3_bind_int64 (stmt, 1, record_no);
      sqlite3_step (stmt);
    }
  for (guint i = 0; i < plan->conflicts->len; i++)
    {
      stmt = _sl_txn_stmt (txn, "INSERT INTO conflicts (record, field) VALUES (?1, ?2)");
      sqlite3_bind_int64 (stmt, 1, record_no);
      sqlite3_bind_text (stmt, 2, g_ptr_array_index (plan->conflicts, i), -1, SQLITE_STATIC);
      sqlite3_step (stmt);
    }
  return TRUE;
}

/**
 * _sl_txn_merge_record:
 * @txn: the importing transaction
 * @codebook: the codebook in force
 * @record_no: the record's row
 * @record: its id
 * @error: return location for a #GError
 *
 * Brings the current values, deletion, title and conflicts of a record
 * this vault holds in step with all of its changes in the log.
 *
 * Returns: %TRUE on success
 */
gboolean
_sl_txn_merge_record (SlTxn       *txn,
                      SlCodebook  *codebook,
                      gint64       record_no,
                      const char  *record,
                      GError     **error)
{
  g_autoptr(GPtrArray) changes = load_changes (_sl_txn_stmt (txn, SQL_RECORD_CHANGES), record_no);
  SlMergePlan *plan = plan_from_changes (codebook, record, changes, error);
  gboolean ok;

  if (plan == NULL)
    return FALSE;
  ok = apply_plan (txn, plan, record_no, record, NULL, error);
  _sl_merge_plan_free (plan);
  return ok;
}

/**
 * _sl_merge_plan_new_record:
 * @codebook: the codebook in force
 * @record: the id of a record an import brings
 * @held: (element-type SlMergeChange): all of its changes
 * @error: return location for a #GError
 *
 * Works out what a record the import brings will hold, from its changes
 * alone: no database is read, so a second thread can do it while the
 * import writes the change log.
 *
 * Returns: (transfer full) (nullable): the plan, for
 *   _sl_txn_write_new_record()
 */
SlMergePlan *
_sl_merge_plan_new_record (SlCodebook  *codebook,
                           const char  *record,
                           GPtrArray   *held,
                           GError     **error)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_full (held->len, (GDestroyNotify) mchange_free);

  for (guint i = 0; i < held->len; i++)
    {
      SlMergeChange *h = g_ptr_array_index (held, i);
      MChange *c = g_new0 (MChange, 1);

      c->device = h->device;
      c->seq = h->seq;
      c->hlc = h->hlc;
      c->op = h->op;
      c->field = h->field;
      c->value = h->value;
      c->author = h->author;
      c->base = parse_base (h->base);
      g_ptr_array_add (changes, c);
    }
  return plan_from_changes (codebook, record, changes, error);
}

/**
 * _sl_txn_write_new_record:
 * @txn: the importing transaction
 * @plan: from _sl_merge_plan_new_record()
 * @record_no: the row number it takes
 * @record: its id
 * @row: what its row holds besides its state (type, parent, codebook
 *   version)
 * @error: return location for a #GError
 *
 * Adds a record an import brings: its row, written once with its state,
 * then its values and conflicts.
 *
 * Returns: %TRUE on success
 */
gboolean
_sl_txn_write_new_record (SlTxn             *txn,
                          SlMergePlan       *plan,
                          gint64             record_no,
                          const char        *record,
                          const SlNewRecord *row,
                          GError           **error)
{
  g_return_val_if_fail (plan != NULL && row != NULL && record_no > 0, FALSE);

  return apply_plan (txn, plan, record_no, record, row, error);
}

/* The conflict register, for people */

void
sl_conflict_free (SlConflict *conflict)
{
  g_free (conflict->record);
  g_free (conflict->record_type);
  g_free (conflict->title);
  g_free (conflict->field);
  g_free (conflict->label);
  g_clear_pointer (&conflict->values, g_ptr_array_unref);
  g_free (conflict);
}

static void
conflict_value_free (SlConflictValue *v)
{
  g_free (v->clock);
  g_free (v->op);
  g_free (v->value);
  g_free (v->text);
  g_free (v->author);
  g_free (v->device);
  g_free (v->when);
  g_free (v->field);
  g_free (v->field_label);
  g_free (v->value_text);
  g_free (v);
}

static char *
clock_when (gint64 hlc)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc ((hlc >> 16) / 1000);

  return dt ? g_date_time_format (dt, "%Y-%m-%d %H:%M:%S UTC") : g_strdup ("?");
}

static SlConflictValue *
conflict_value_new (MChange    *c,
                    SlField    *field,
                    const char *text)
{
  SlConflictValue *v = g_new0 (SlConflictValue, 1);

  v->clock = sl_hlc_to_string (c->hlc, c->device);
  v->op = g_strdup (c->op);
  v->value = g_strdup (c->value);
  v->field = g_strdup (c->field);
  v->field_label = field ? g_strdup (field->label) : g_strdup (c->field);
  if (c->value != NULL && g_str_equal (c->op, "set"))
    {
      g_autoptr(JsonNode) node = sl_value_from_json (c->value, NULL);

      v->value_text = field && node ? sl_field_format_value (field, node) : g_strdup (c->value);
    }
  if (text != NULL)
    v->text = g_strdup (text);
  else if (v->value_text == NULL)
    v->text = g_strdup ("(left empty)");
  else
    v->text = g_strdup (v->value_text);
  v->author = g_strdup (c->author);
  v->device = g_strdup (c->device);
  v->when = clock_when (c->hlc);
  return v;
}

/* The competing values of one conflict, the one in force first. */
static GPtrArray *
conflict_values (GPtrArray    *changes,
                 SlRecordType *type,
                 const char   *field)
{
  GPtrArray *values = g_ptr_array_new_with_free_func ((GDestroyNotify) conflict_value_free);
  RecordState st = { 0 };

  work_out_state (changes, &st);
  if (*field == '\0')
    {
      if (st.existence != NULL && st.edits_unknown_to_deletion->len > 0)
        {
          g_ptr_array_add (values, conflict_value_new (st.existence, NULL, "Deleted"));
          g_ptr_array_sort (st.edits_unknown_to_deletion, later_first_cmp);
          for (guint i = 0; i < st.edits_unknown_to_deletion->len; i++)
            {
              MChange *e = g_ptr_array_index (st.edits_unknown_to_deletion, i);
              SlField *f = type ? sl_record_type_lookup_field (type, e->field, NULL) : NULL;
              g_autoptr(JsonNode) node = e->value ? sl_value_from_json (e->value, NULL) : NULL;
              g_autofree char *shown = f && node ? sl_field_format_value (f, node) : NULL;
              g_autofree char *text = g_strdup_printf ("Kept and edited: %s %s",
                                                       f ? f->label : e->field,
                                                       shown ? shown : "(left empty)");

              g_ptr_array_add (values, conflict_value_new (e, f, text));
            }
        }
    }
  else
    {
      GPtrArray *heads = g_hash_table_lookup (st.heads, field);
      SlField *f = type ? sl_record_type_lookup_field (type, field, NULL) : NULL;

      if (heads != NULL && heads->len > 1)
        {
          g_ptr_array_sort (heads, later_first_cmp);
          for (guint i = 0; i < heads->len; i++)
            g_ptr_array_add (values, conflict_value_new (g_ptr_array_index (heads, i), f, NULL));
        }
    }
  record_state_clear (&st);
  return values;
}

/**
 * sl_vault_list_conflicts:
 * @self: an unlocked vault
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type SlConflict): the conflicts a
 *   person must settle, oldest record first
 */
GPtrArray *
sl_vault_list_conflicts (SlVault  *self,
                         GError  **error)
{
  g_autoptr(GPtrArray) ret = g_ptr_array_new_with_free_func ((GDestroyNotify) sl_conflict_free);
  SlCodebook *book = sl_vault_get_codebook (self);
  sqlite3_stmt *list = NULL;
  sqlite3_stmt *changes = NULL;
  sqlite3 *db;

  g_return_val_if_fail (SL_IS_VAULT (self), NULL);

  _sl_vault_lock_db (self);
  if ((db = _sl_vault_get_db (self)) == NULL || book == NULL)
    {
      _sl_vault_unlock_db (self);
      g_set_error (error, SL_VAULT_ERROR, SL_VAULT_ERROR_LOCKED, "The vault is locked");
      return NULL;
    }
  sqlite3_exec (db, "SAVEPOINT sl_conflicts", NULL, NULL, NULL);
  sqlite3_prepare_v2 (db, "SELECT k.record, k.field, r.id, r.type, r.title FROM conflicts k "
                      "JOIN records r ON r.no = k.record ORDER BY r.created_hlc, k.field",
                      -1, &list, NULL);
  sqlite3_prepare_v2 (db, SQL_RECORD_CHANGES, -1, &changes, NULL);
  while (sqlite3_step (list) == SQLITE_ROW)
    {
      SlConflict *c = g_new0 (SlConflict, 1);
      SlRecordType *type;
      g_autoptr(GPtrArray) log = NULL;

      c->field = g_strdup ((const char *) sqlite3_column_text (list, 1));
      c->record = g_strdup ((const char *) sqlite3_column_text (list, 2));
      c->record_type = g_strdup ((const char *) sqlite3_column_text (list, 3));
      c->title = g_strdup ((const char *) sqlite3_column_text (list, 4));
      type = sl_codebook_lookup_type (book, c->record_type, NULL);
      if (*c->field == '\0')
        c->label = g_strdup ("Deleted while being edited");
      else
        {
          SlField *f = type ? sl_record_type_lookup_field (type, c->field, NULL) : NULL;

          c->label = g_strdup (f ? f->label : c->field);
        }
      sqlite3_reset (changes);
      log = load_changes (changes, sqlite3_column_int64 (list, 0));
      c->values = conflict_values (log, type, c->field);
      g_ptr_array_add (ret, c);
    }
  sqlite3_finalize (list);
  sqlite3_finalize (changes);
  sqlite3_exec (db, "RELEASE sl_conflicts", NULL, NULL, NULL);
  _sl_vault_unlock_db (self);
  return g_steal_pointer (&ret);
}

/**
 * sl_vault_count_conflicts:
 * @self: a vault
 *
 * Returns: how many conflicts wait for a person (0 when locked)
 */
guint
sl_vault_count_conflicts (SlVault *self)
{
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db;
  guint n = 0;

  g_return_val_if_fail (SL_IS_VAULT (self), 0);

  _sl_vault_lock_db (self);
  if ((db = _sl_vault_get_db (self)) != NULL)
    {
      sqlite3_prepare_v2 (db, "SELECT count(*) FROM conflicts", -1, &stmt, NULL);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        n = (guint) sqlite3_column_int64 (stmt, 0);
      sqlite3_finalize (stmt);
    }
  _sl_vault_unlock_db (self);
  return n;
}

/**
 * sl_vault_resolve_conflict:
 * @self: an unlocked vault
 * @record: the record's id
 * @field: the field's id, or "" for a deletion that met an edit
 * @clock: the clock of the value chosen (#SlConflictValue.clock)
 * @error: return location for a #GError
 *
 * Settles a conflict with a new change that knows of every competing
 * value: the field set to the chosen value, or the record deleted again
 * or kept. The change syncs like any other, and settles the conflict in
 * the vaults that receive it.
 *
 * Returns: %TRUE on success
 */
gboolean
sl_vault_resolve_conflict (SlVault     *self,
                           const char  *record,
                           const char  *field,
                           const char  *clock,
                           GError     **error)
{
  g_autoptr(GPtrArray) log = NULL;
  g_autoptr(GPtrArray) values = NULL;
  g_autofree char *type_id = NULL;
  SlConflictValue *chosen = NULL;
  SlCodebook *book = sl_vault_get_codebook (self);
  SlRecordType *type = NULL;
  sqlite3_stmt *stmt;
  gint64 no = 0;
  gboolean ok = FALSE;
  SlTxn *txn;

  g_return_val_if_fail (SL_IS_VAULT (self), FALSE);

  if (book == NULL || !(txn = _sl_txn_begin (self, error)))
    {
      if (book == NULL)
        g_set_error (error, SL_VAULT_ERROR, SL_VAULT_ERROR_LOCKED, "The vault is locked");
      return FALSE;
    }

  stmt = _sl_txn_stmt (txn, "SELECT r.no, r.type FROM conflicts k JOIN records r "
                       "ON r.no = k.record WHERE r.id = ?1 AND k.field = ?2");
  sqlite3_bind_text (stmt, 1, record, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, field, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      no = sqlite3_column_int64 (stmt, 0);
      type_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  if (no == 0)
    {
      g_set_error (error, SL_BUNDLE_ERROR, SL_BUNDLE_ERROR_CONFLICT,
                   "There is no conflict on record %s%s%s; `sightline-cli conflicts list VAULT` "
                   "lists them", record, *field ? ", field " : "", field);
      goto out;
    }
  type = sl_codebook_lookup_type (book, type_id, NULL);
  log = load_changes (_sl_txn_stmt (txn, SQL_RECORD_CHANGES), no);
  values = conflict_values (log, type, field);
  for (guint i = 0; i < values->len && chosen == NULL; i++)
    if (g_strcmp0 (((SlConflictValue *) g_ptr_array_index (values, i))->clock, clock) == 0)
      chosen = g_ptr_array_index (values, i);
  if (chosen == NULL)
    {
      g_set_error (error, SL_BUNDLE_ERROR, SL_BUNDLE_ERROR_CONFLICT,
                   "%s is not one of the values in conflict; choose one of the clocks that "
                   "`sightline-cli conflicts list VAULT` shows", clock);
      goto out;
    }

  if (*field != '\0')
    {
      g_autoptr(JsonNode) node = chosen->value ? sl_value_from_json (chosen->value, NULL) : NULL;

      ok = _sl_txn_write_value (txn, no, record, field, node, error) &&
           type != NULL && _sl_txn_update_description (txn, type, no, record, error);
    }
  else
    {
      gboolean delete = g_str_equal (chosen->op, "delete");

      ok = _sl_txn_append (txn, no, record, delete ? "delete" : "undelete", NULL, NULL, NULL,
                           error);
      if (ok)
        {
          stmt = _sl_txn_stmt (txn, "UPDATE records SET deleted = ?2, "
                               "updated_hlc = (SELECT max(hlc) FROM changes WHERE record = ?1) "
                               "WHERE no = ?1");
          sqlite3_bind_int64 (stmt, 1, no);
          sqlite3_bind_int (stmt, 2, delete);
          ok = sqlite3_step (stmt) == SQLITE_DONE;
        }
    }

out:
  return _sl_vault_finish_txn (self, txn, ok, error);
}
