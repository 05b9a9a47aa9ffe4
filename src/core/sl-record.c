/* sl-record.c
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

#define G_LOG_DOMAIN "sl-record"

#include "config.h"

#include <string.h>

#include "sl-change-log.h"
#include "sl-csv.h"
#include "sl-record.h"
#include "sl-record-private.h"
#include "sl-vault-private.h"

struct _SlRecord
{
  GObject     parent_instance;

  char       *id;
  char       *type;
  char       *parent;
  char       *title;
  char       *updated;
  GHashTable *values;    /* field -> JsonNode */
  gint64      codebook_version;
  guint       deleted : 1;
};

G_DEFINE_FINAL_TYPE (SlRecord, sl_record, G_TYPE_OBJECT)

G_DEFINE_QUARK (sl-record-error-quark, sl_record_error)

#define SQL_RECORD_INSERT \
  "INSERT INTO records (id, type, parent, codebook_version, created_hlc, updated_hlc, title, " \
  "search) VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6, ?7)"
#define SQL_VALUE_UPDATE \
  "UPDATE record_values SET value = ?3, hlc = ?4 WHERE record = ?1 AND field = ?2"
#define SQL_VALUE_INSERT \
  "INSERT INTO record_values (record, field, value, hlc) VALUES (?1, ?2, ?3, ?4)"
#define SQL_VALUE_DELETE "DELETE FROM record_values WHERE record = ?1 AND field = ?2"
#define SQL_RECORD_GET \
  "SELECT r.no, r.type, p.id, r.deleted FROM records r LEFT JOIN records p ON p.no = r.parent " \
  "WHERE r.id = ?1"
#define SQL_VALUES_GET "SELECT field, value FROM record_values WHERE record = ?1"

/* Record ids are random UUIDs (version 4), so that the first few
 * characters a person types (`record show VAULT 3f2a91c0`) are enough. */
static char *
new_record_id (void)
{
  return g_uuid_string_random ();
}

/* GObject */

static void
sl_record_finalize (GObject *object)
{
  SlRecord *self = SL_RECORD (object);

  g_free (self->id);
  g_free (self->type);
  g_free (self->parent);
  g_free (self->title);
  g_free (self->updated);
  g_clear_pointer (&self->values, g_hash_table_unref);

  G_OBJECT_CLASS (sl_record_parent_class)->finalize (object);
}

static void
sl_record_class_init (SlRecordClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sl_record_finalize;
}

static void
sl_record_init (SlRecord *self)
{
  self->values = sl_values_new ();
}

const char *
sl_record_get_id (SlRecord *self)
{
  g_return_val_if_fail (SL_IS_RECORD (self), NULL);
  return self->id;
}

const char *
sl_record_get_record_type (SlRecord *self)
{
  g_return_val_if_fail (SL_IS_RECORD (self), NULL);
  return self->type;
}

const char *
sl_record_get_parent (SlRecord *self)
{
  g_return_val_if_fail (SL_IS_RECORD (self), NULL);
  return self->parent;
}

const char *
sl_record_get_title (SlRecord *self)
{
  g_return_val_if_fail (SL_IS_RECORD (self), NULL);
  return self->title;
}

gboolean
sl_record_get_deleted (SlRecord *self)
{
  g_return_val_if_fail (SL_IS_RECORD (self), FALSE);
  return self->deleted;
}

gint64
sl_record_get_codebook_version (SlRecord *self)
{
  g_return_val_if_fail (SL_IS_RECORD (self), 0);
  return self->codebook_version;
}

/**
 * sl_record_get_updated:
 * @self: a record
 *
 * Returns: (transfer none): the clock of the record's latest change
 */
const char *
sl_record_get_updated (SlRecord *self)
{
  g_return_val_if_fail (SL_IS_RECORD (self), NULL);
  return self->updated;
}

/**
 * sl_record_get_value:
 * @self: a record
 * @field: a field id
 *
 * Returns: (transfer none) (nullable): the field's value, %NULL if none
 */
JsonNode *
sl_record_get_value (SlRecord   *self,
                     const char *field)
{
  g_return_val_if_fail (SL_IS_RECORD (self), NULL);
  return g_hash_table_lookup (self->values, field);
}

/**
 * sl_record_get_values:
 * @self: a record
 *
 * Returns: (transfer none) (element-type utf8 JsonNode): every value
 */
GHashTable *
sl_record_get_values (SlRecord *self)
{
  g_return_val_if_fail (SL_IS_RECORD (self), NULL);
  return self->values;
}

/* Values */

/**
 * sl_values_new:
 *
 * Returns: (transfer full) (element-type utf8 JsonNode): an empty table of
 *   field values; a JSON null clears a field
 */
GHashTable *
sl_values_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) json_node_unref);
}

/**
 * sl_values_from_assignments:
 * @type: the record type
 * @assignments: `FIELD=VALUE` strings, values as a person types them
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the values, or %NULL with @error
 *   naming the field and what to write
 */
GHashTable *
sl_values_from_assignments (SlRecordType       *type,
                            const char * const *assignments,
                            GError            **error)
{
  g_autoptr(GHashTable) values = sl_values_new ();

  for (guint i = 0; assignments && assignments[i]; i++)
    {
      const char *eq = strchr (assignments[i], '=');
      g_autofree char *name = NULL;
      SlField *field;
      JsonNode *value;

      if (eq == NULL || eq == assignments[i])
        {
          g_set_error (error, SL_RECORD_ERROR, SL_RECORD_ERROR_INVALID,
                       "'%s' is not FIELD=VALUE; write for example age=14", assignments[i]);
          return NULL;
        }
      name = g_strndup (assignments[i], (gsize) (eq - assignments[i]));
      g_strstrip (name);
      if (!(field = sl_record_type_lookup_field (type, name, error)) ||
          !(value = sl_field_parse_input (field, eq + 1, error)))
        return NULL;
      g_hash_table_replace (values, g_strdup (field->id), value);
    }
  return g_steal_pointer (&values);
}

/* Stored values may hold codes a newer codebook dropped; new input may
 * use only the codes on offer. */
static gboolean
codes_offered (SlField   *field,
               JsonNode  *node,
               GError   **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new ();

  if (field->type == SL_FIELD_CHOICE)
    g_ptr_array_add (items, node);
  else if (field->type == SL_FIELD_MULTI_CHOICE && JSON_NODE_HOLDS_ARRAY (node))
    for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
      g_ptr_array_add (items, json_array_get_element (json_node_get_array (node), i));

  for (guint i = 0; i < items->len; i++)
    {
      JsonNode *item = g_ptr_array_index (items, i);
      SlOption *o;

      if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_STRING)
        continue;   /* "other" and missing values were validated already */
      o = sl_field_lookup_option (field, json_node_get_string (item));
      if (o == NULL || o->retired)
        {
          g_set_error (error, SL_CODEBOOK_ERROR, SL_CODEBOOK_ERROR_VALUE,
                       "%s: '%s' is not one of the options offered; use a code the codebook "
                       "lists", field->id, json_node_get_string (item));
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * sl_values_from_json:
 * @type: the record type
 * @object: field names and values: a string is read as typed input, a
 *   number, boolean, array or object as a stored value
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the values
 */
GHashTable *
sl_values_from_json (SlRecordType  *type,
                     JsonObject    *object,
                     GError       **error)
{
  g_autoptr(GHashTable) values = sl_values_new ();
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l; l = l->next)
    {
      JsonNode *node = json_object_get_member (object, l->data);
      SlField *field = sl_record_type_lookup_field (type, l->data, error);
      JsonNode *value;

      if (field == NULL)
        return NULL;
      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
          field->type != SL_FIELD_TEXT && field->type != SL_FIELD_LONG_TEXT)
        {
          if (!(value = sl_field_parse_input (field, json_node_get_string (node), error)))
            return NULL;
        }
      else
        {
          if (!sl_field_validate (field, node, error) || !codes_offered (field, node, error))
            return NULL;
          value = json_node_copy (node);
        }
      g_hash_table_replace (values, g_strdup (field->id), value);
    }
  return g_steal_pointer (&values);
}

static gboolean
is_empty (JsonNode *value)
{
  return value == NULL || JSON_NODE_HOLDS_NULL (value);
}

static gboolean
remove_empty_cb (gpointer key,
                 gpointer value,
                 gpointer data)
{
  return is_empty (value);
}

/* Title and search text, from the full set of values. */
static void
describe (SlRecordType  *type,
          GHashTable    *values,
          const char    *id,
          char         **title,
          char         **search)
{
  g_autoptr(GString) s = g_string_new (NULL);
  JsonNode *t = type->title_field ? g_hash_table_lookup (values, type->title_field) : NULL;

  if (!is_empty (t))
    {
      SlField *f = sl_record_type_lookup_field (type, type->title_field, NULL);

      *title = sl_field_format_value (f, t);
    }
  else
    *title = g_strdup_printf ("%s %.8s", type->label, id);

  for (guint i = 0; i < type->fields->len; i++)
    {
      SlField *f = g_ptr_array_index (type->fields, i);
      JsonNode *v = g_hash_table_lookup (values, f->id);
      g_autofree char *text = NULL;

      if (is_empty (v) || sl_value_get_missing (v))
        continue;
      text = sl_field_format_value (f, v);
      g_string_append (s, text);
      g_string_append_c (s, '\n');
    }
  *search = g_utf8_casefold (s->str, (gssize) s->len);
}

/* Checks parent, references and values against the codebook, inside the
 * transaction (so references see records added earlier in it). */
static gboolean
check_record (SlTxn         *txn,
              SlRecordType  *type,
              const char    *parent,
              GHashTable    *values,
              gboolean       complete,
              gint64        *parent_no,
              GError       **error)
{
  GHashTableIter iter;
  gpointer key, value;

  if (parent != NULL || type->parents[0] != NULL)
    {
      sqlite3_stmt *stmt;
      g_autofree char *parent_type = NULL;
      g_autofree char *allowed = g_strjoinv (", ", type->parents);

      if (type->parents[0] == NULL)
        {
          g_set_error (error, SL_RECORD_ERROR, SL_RECORD_ERROR_INVALID,
                       "a %s stands on its own and belongs to no other record", type->id);
          return FALSE;
        }
      if (parent == NULL)
        {
          g_set_error (error, SL_RECORD_ERROR, SL_RECORD_ERROR_INVALID,
                       "a %s belongs to a %s: name the record it belongs to", type->id, allowed);
          return FALSE;
        }
      stmt = _sl_txn_stmt (txn, SQL_RECORD_GET);
      sqlite3_bind_text (stmt, 1, parent, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          parent_type = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
          if (parent_no != NULL)
            *parent_no = sqlite3_column_int64 (stmt, 0);
        }
      if (parent_type == NULL || !sl_record_type_allows_parent (type, parent_type))
        {
          g_set_error (error, SL_RECORD_ERROR, SL_RECORD_ERROR_INVALID,
                       parent_type == NULL ?
                         "the record %s that this %s should belong to does not exist" :
                         "the record %s is not a %s, so this %s cannot belong to it",
                       parent, parent_type == NULL ? type->id : allowed, type->id);
          return FALSE;
        }
    }

  g_hash_table_iter_init (&iter, values);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      SlField *f = sl_record_type_lookup_field (type, key, error);

      if (f == NULL || !sl_field_validate (f, value, error))
        return FALSE;
      if (f->type == SL_FIELD_REFERENCE && !is_empty (value) && !sl_value_get_missing (value))
        {
          sqlite3_stmt *stmt = _sl_txn_stmt (txn, SQL_RECORD_GET);
          gboolean ok;

          sqlite3_bind_text (stmt, 1, json_node_get_string (value), -1, SQLITE_TRANSIENT);
          ok = sqlite3_step (stmt) == SQLITE_ROW &&
               g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1), f->references) == 0;
          if (!ok)
            {
              g_set_error (error, SL_CODEBOOK_ERROR, SL_CODEBOOK_ERROR_VALUE,
                           "%s: there is no %s with the id %s", f->id, f->references,
                           json_node_get_string (value));
              return FALSE;
            }
        }
    }

  if (complete)
    for (guint i = 0; i < type->fields->len; i++)
      {
        SlField *f = g_ptr_array_index (type->fields, i);

        if (f->required && is_empty (g_hash_table_lookup (values, f->id)))
          {
            g_set_error (error, SL_CODEBOOK_ERROR, SL_CODEBOOK_ERROR_VALUE,
                         "%s: %s is required; fill it in (or write \"unknown\")", f->id, f->label);
            return FALSE;
          }
      }
  return TRUE;
}

static gboolean
step_done (SlTxn         *txn,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE)
    {
      _sl_set_error_from_db (error, _sl_txn_get_db (txn), rc, "The record could not be saved");
      return FALSE;
    }
  return TRUE;
}

/* Brings the current value in step with a change. */
static gboolean
store_value (SlTxn       *txn,
             gint64       record_no,
             const char  *field,
             const char  *json,
             gint64       hlc,
             gboolean     is_new,
             GError     **error)
{
  sqlite3_stmt *stmt;

  if (is_new)
    {
      stmt = _sl_txn_stmt (txn, SQL_VALUE_INSERT);
      sqlite3_bind_int64 (stmt, 1, record_no);
      sqlite3_bind_text (stmt, 2, field, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, json, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 4, hlc);
    }
  else if (json == NULL)
    {
      stmt = _sl_txn_stmt (txn, SQL_VALUE_DELETE);
      sqlite3_bind_int64 (stmt, 1, record_no);
      sqlite3_bind_text (stmt, 2, field, -1, SQLITE_STATIC);
    }
  else
    {
      /* Not INSERT OR REPLACE: with foreign keys and secure delete, SQLite
       * carries that out as a delete and an insert, several times slower. */
      stmt = _sl_txn_stmt (txn, SQL_VALUE_UPDATE);
      sqlite3_bind_int64 (stmt, 1, record_no);
      sqlite3_bind_text (stmt, 2, field, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, json, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 4, hlc);
      if (!step_done (txn, stmt, error))
        return FALSE;
      if (sqlite3_changes (_sl_txn_get_db (txn)) > 0)
        return TRUE;
      return store_value (txn, record_no, field, json, hlc, TRUE, error);
    }
  return step_done (txn, stmt, error);
}

/* One field's edit: a change, and the current value. */
static gboolean
write_value (SlTxn       *txn,
             gint64       record_no,
             const char  *record,
             const char  *field,
             JsonNode    *value,
             GError     **error)
{
  g_autofree char *json = is_empty (value) ? NULL : sl_value_to_json (value);
  gint64 hlc = 0;

  return _sl_txn_append (txn, record_no, record, "set", field, json, &hlc, error) &&
         store_value (txn, record_no, field, json, hlc, FALSE, error);
}

/* Adds one record inside @txn. */
static gboolean
txn_add_record (SlTxn         *txn,
                SlRecordType  *type,
                const char    *id,
                const char    *parent,
                GHashTable    *values,
                GError       **error)
{
  SlCodebook *book = _sl_vault_get_codebook (_sl_txn_get_vault (txn));
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) create = NULL;
  g_autofree char *create_json = NULL;
  g_autofree char *title = NULL;
  g_autofree char *search = NULL;
  gint64 parent_no = 0;
  gint64 hlc;
  gint64 no;
  sqlite3_stmt *stmt;

  if (!check_record (txn, type, parent, values, TRUE, &parent_no, error))
    return FALSE;

  /* A new record is one change: its type, parent and first values (in
   * codebook order, so the log reads like the form). Later edits are one
   * change per field. */
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, type->id);
  if (parent != NULL)
    {
      json_builder_set_member_name (builder, "parent");
      json_builder_add_string_value (builder, parent);
    }
  json_builder_set_member_name (builder, "values");
  json_builder_begin_object (builder);
  for (guint i = 0; i < type->fields->len; i++)
    {
      SlField *f = g_ptr_array_index (type->fields, i);
      JsonNode *v = g_hash_table_lookup (values, f->id);

      if (is_empty (v))
        continue;
      json_builder_set_member_name (builder, f->id);
      json_builder_add_value (builder, json_node_copy (v));
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  create = json_builder_get_root (builder);
  create_json = sl_value_to_json (create);

  hlc = _sl_txn_tick (txn);
  describe (type, values, id, &title, &search);
  stmt = _sl_txn_stmt (txn, SQL_RECORD_INSERT);
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, type->id, -1, SQLITE_STATIC);
  if (parent_no > 0)
    sqlite3_bind_int64 (stmt, 3, parent_no);
  sqlite3_bind_int64 (stmt, 4, sl_codebook_get_version (book));
  sqlite3_bind_int64 (stmt, 5, hlc);
  sqlite3_bind_text (stmt, 6, title, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, search, -1, SQLITE_STATIC);
  if (!step_done (txn, stmt, error))
    return FALSE;
  no = sqlite3_last_insert_rowid (_sl_txn_get_db (txn));
  if (!_sl_txn_append (txn, no, id, "create", NULL, create_json, &hlc, error))
    return FALSE;

  for (guint i = 0; i < type->fields->len; i++)
    {
      SlField *f = g_ptr_array_index (type->fields, i);
      JsonNode *v = g_hash_table_lookup (values, f->id);
      g_autofree char *json = NULL;

      if (is_empty (v))
        continue;
      json = sl_value_to_json (v);
      if (!store_value (txn, no, f->id, json, hlc, TRUE, error))
        return FALSE;
    }
  return TRUE;
}

/* Loads the stored values of @id within a transaction. */
static GHashTable *
txn_load_values (SlTxn  *txn,
                 gint64  no)
{
  GHashTable *values = sl_values_new ();
  sqlite3_stmt *stmt = _sl_txn_stmt (txn, SQL_VALUES_GET);

  sqlite3_bind_int64 (stmt, 1, no);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      JsonNode *v = sl_value_from_json ((const char *) sqlite3_column_text (stmt, 1), NULL);

      if (v != NULL)
        g_hash_table_replace (values, g_strdup ((const char *) sqlite3_column_text (stmt, 0)), v);
    }
  return values;
}

typedef struct
{
  gint64    no;
  char     *type;
  char     *parent;
  gboolean  deleted;
} RecordRow;

static gboolean
txn_get_record (SlTxn       *txn,
                const char  *id,
                RecordRow   *row,
                GError     **error)
{
  sqlite3_stmt *stmt = _sl_txn_stmt (txn, SQL_RECORD_GET);

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, SL_RECORD_ERROR, SL_RECORD_ERROR_NOT_FOUND,
                   "There is no record %s. `sightline-cli record list VAULT TYPE` shows the "
                   "records", id);
      return FALSE;
    }
  row->no = sqlite3_column_int64 (stmt, 0);
  row->type = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  row->parent = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  row->deleted = sqlite3_column_int (stmt, 3) != 0;
  return TRUE;
}

static void
record_row_clear (RecordRow *row)
{
  g_clear_pointer (&row->type, g_free);
  g_clear_pointer (&row->parent, g_free);
}

static gboolean
txn_update_description (SlTxn        *txn,
                        SlRecordType *type,
                        gint64        no,
                        const char   *id,
                        GError      **error)
{
  g_autoptr(GHashTable) values = txn_load_values (txn, no);
  g_autofree char *title = NULL;
  g_autofree char *search = NULL;
  sqlite3_stmt *stmt;

  describe (type, values, id, &title, &search);
  stmt = _sl_txn_stmt (txn, "UPDATE records SET title = ?2, search = ?3, "
                       "updated_hlc = (SELECT max(hlc) FROM changes WHERE record = ?1) "
                       "WHERE no = ?1");
  sqlite3_bind_int64 (stmt, 1, no);
  sqlite3_bind_text (stmt, 2, title, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, search, -1, SQLITE_STATIC);
  return step_done (txn, stmt, error);
}

static gboolean
finish (SlVault  *self,
        SlTxn    *txn,
        gboolean  ok,
        GError  **error)
{
  g_autoptr(GPtrArray) touched = NULL;

  if (!ok)
    {
      _sl_txn_rollback (txn);
      return FALSE;
    }
  if (!_sl_txn_commit (txn, &touched, error))
    return FALSE;
  if (touched->len > 0)
    _sl_vault_emit_records_changed (self, touched);
  return TRUE;
}

static SlCodebook *
require_codebook (SlVault  *self,
                  GError  **error)
{
  SlCodebook *book = _sl_vault_get_codebook (self);

  if (book == NULL)
    g_set_error (error, SL_VAULT_ERROR, SL_VAULT_ERROR_LOCKED,
                 "The vault %s is locked. Unlock it first", sl_vault_get_name (self));
  return book;
}

/**
 * sl_vault_add_record:
 * @self: an unlocked vault
 * @type: the record type's id
 * @parent: (nullable): the record it belongs to (coded people)
 * @values: (element-type utf8 JsonNode): its values
 * @error: return location for a #GError
 *
 * Validates against the codebook and adds the record, as changes in the
 * log, in one transaction.
 *
 * Returns: (transfer full) (nullable): the new record's id
 */
char *
sl_vault_add_record (SlVault     *self,
                     const char  *type,
                     const char  *parent,
                     GHashTable  *values,
                     GError     **error)
{
  g_autofree char *id = NULL;
  SlCodebook *book;
  SlRecordType *rt;
  SlTxn *txn;

  g_return_val_if_fail (SL_IS_VAULT (self), NULL);

  if (!(book = require_codebook (self, error)) ||
      !(rt = sl_codebook_lookup_type (book, type, error)) ||
      !(txn = _sl_txn_begin (self, error)))
    return NULL;

  id = new_record_id ();
  if (!finish (self, txn, txn_add_record (txn, rt, id, parent, values, error), error))
    return NULL;
  return g_steal_pointer (&id);
}

/**
 * sl_vault_add_records:
 * @self: an unlocked vault
 * @type: the record type's id
 * @parents: (nullable) (element-type utf8): each record's parent (an
 *   element may be %NULL), or %NULL when none has one
 * @values: (element-type GHashTable): each record's values
 * @ids: (out) (optional) (transfer full) (element-type utf8): the new ids
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Adds many records in one transaction: all of them, or none.
 *
 * Returns: %TRUE on success
 */
gboolean
sl_vault_add_records (SlVault       *self,
                      const char    *type,
                      GPtrArray     *parents,
                      GPtrArray     *values,
                      GPtrArray    **ids,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(GPtrArray) new_ids = g_ptr_array_new_with_free_func (g_free);
  SlCodebook *book;
  SlRecordType *rt;
  SlTxn *txn;

  g_return_val_if_fail (SL_IS_VAULT (self), FALSE);
  g_return_val_if_fail (parents == NULL || parents->len == values->len, FALSE);

  if (!(book = require_codebook (self, error)) ||
      !(rt = sl_codebook_lookup_type (book, type, error)) ||
      !(txn = _sl_txn_begin (self, error)))
    return FALSE;

  for (guint i = 0; i < values->len; i++)
    {
      char *id = new_record_id ();

      g_ptr_array_add (new_ids, id);
      if ((i % 1024 == 0 && _sl_txn_cancelled (txn, cancellable, error)) ||
          !txn_add_record (txn, rt, id, parents ? g_ptr_array_index (parents, i) : NULL,
                           g_ptr_array_index (values, i), error))
        {
          if (error && *error && (*error)->domain != G_IO_ERROR)
            g_prefix_error (error, "record %u: ", i + 1);
          _sl_txn_rollback (txn);
          return FALSE;
        }
    }
  if (!finish (self, txn, TRUE, error))
    return FALSE;
  if (ids != NULL)
    *ids = g_steal_pointer (&new_ids);
  return TRUE;
}

/* Edits one record inside @txn. */
static gboolean
txn_edit_record (SlTxn       *txn,
                 SlCodebook  *book,
                 const char  *id,
                 GHashTable  *values,
                 GError     **error)
{
  g_autoptr(GHashTable) merged = NULL;
  g_autoptr(GHashTable) current = NULL;
  RecordRow row = { 0 };
  SlRecordType *rt;
  GHashTableIter iter;
  gpointer key, value;
  gboolean ok = FALSE;

  if (!txn_get_record (txn, id, &row, error) ||
      !(rt = sl_codebook_lookup_type (book, row.type, error)))
    goto out;
  if (row.deleted)
    {
      g_set_error (error, SL_RECORD_ERROR, SL_RECORD_ERROR_DELETED,
                   "The record %s is deleted; undelete it before editing", id);
      goto out;
    }

  merged = txn_load_values (txn, row.no);
  current = txn_load_values (txn, row.no);
  g_hash_table_iter_init (&iter, values);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_replace (merged, g_strdup (key), json_node_ref (value));
  g_hash_table_foreach_remove (merged, remove_empty_cb, NULL);
  if (!check_record (txn, rt, row.parent, values, FALSE, NULL, error) ||
      !check_record (txn, rt, row.parent, merged, TRUE, NULL, error))
    goto out;

  for (guint i = 0; i < rt->fields->len; i++)
    {
      SlField *f = g_ptr_array_index (rt->fields, i);
      JsonNode *v;
      JsonNode *old;

      if (!g_hash_table_lookup_extended (values, f->id, NULL, (gpointer *) &v))
        continue;
      old = g_hash_table_lookup (current, f->id);
      if ((is_empty (v) && old == NULL) || (!is_empty (v) && old && json_node_equal (v, old)))
        continue;   /* no real change */
      if (!write_value (txn, row.no, id, f->id, v, error))
        goto out;
    }
  ok = txn_update_description (txn, rt, row.no, id, error);

out:
  record_row_clear (&row);
  return ok;
}

/**
 * sl_vault_edit_record:
 * @self: an unlocked vault
 * @id: the record's id
 * @values: (element-type utf8 JsonNode): the fields to change; a JSON
 *   null clears one
 * @error: return location for a #GError
 *
 * Each field whose value really changes becomes one change in the log.
 *
 * Returns: %TRUE on success
 */
gboolean
sl_vault_edit_record (SlVault     *self,
                      const char  *id,
                      GHashTable  *values,
                      GError     **error)
{
  SlCodebook *book;
  SlTxn *txn;

  g_return_val_if_fail (SL_IS_VAULT (self), FALSE);

  if (!(book = require_codebook (self, error)) || !(txn = _sl_txn_begin (self, error)))
    return FALSE;
  return finish (self, txn, txn_edit_record (txn, book, id, values, error), error);
}

/**
 * sl_vault_edit_records:
 * @self: an unlocked vault
 * @ids: (element-type utf8): the records
 * @values: (element-type GHashTable): for each, the fields to change
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Edits many records in one transaction: all of the edits, or none (a
 * recoding of many records at once).
 *
 * Returns: %TRUE on success
 */
gboolean
sl_vault_edit_records (SlVault       *self,
                       GPtrArray     *ids,
                       GPtrArray     *values,
                       GCancellable  *cancellable,
                       GError       **error)
{
  SlCodebook *book;
  SlTxn *txn;

  g_return_val_if_fail (SL_IS_VAULT (self), FALSE);
  g_return_val_if_fail (ids->len == values->len, FALSE);

  if (!(book = require_codebook (self, error)) || !(txn = _sl_txn_begin (self, error)))
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    if ((i % 1024 == 0 && _sl_txn_cancelled (txn, cancellable, error)) ||
        !txn_edit_record (txn, book, g_ptr_array_index (ids, i), g_ptr_array_index (values, i),
                          error))
      {
        _sl_txn_rollback (txn);
        return FALSE;
      }
  return finish (self, txn, TRUE, error);
}

static gboolean
txn_set_deleted (SlTxn       *txn,
                 RecordRow   *row,
                 const char  *id,
                 gboolean     deleted,
                 GError     **error)
{
  sqlite3_stmt *stmt;

  if (row->deleted == deleted)
    {
      g_set_error (error, SL_RECORD_ERROR,
                   deleted ? SL_RECORD_ERROR_DELETED : SL_RECORD_ERROR_NOT_DELETED,
                   deleted ? "The record %s is already deleted" : "The record %s is not deleted",
                   id);
      return FALSE;
    }
  if (!_sl_txn_append (txn, row->no, id, deleted ? "delete" : "undelete", NULL, NULL, NULL, error))
    return FALSE;
  stmt = _sl_txn_stmt (txn, "UPDATE records SET deleted = ?2, "
                       "updated_hlc = (SELECT max(hlc) FROM changes WHERE record = ?1) "
                       "WHERE no = ?1");
  sqlite3_bind_int64 (stmt, 1, row->no);
  sqlite3_bind_int (stmt, 2, deleted);
  return step_done (txn, stmt, error);
}

static gboolean
set_deleted (SlVault     *self,
             const char  *id,
             gboolean     deleted,
             GError     **error)
{
  RecordRow row = { 0 };
  gboolean ok = FALSE;
  SlTxn *txn;

  g_return_val_if_fail (SL_IS_VAULT (self), FALSE);

  if (!require_codebook (self, error) || !(txn = _sl_txn_begin (self, error)))
    return FALSE;
  ok = txn_get_record (txn, id, &row, error) && txn_set_deleted (txn, &row, id, deleted, error);
  record_row_clear (&row);
  return finish (self, txn, ok, error);
}

/* The value @field had before the change at @hlc: an earlier edit, or the
 * record's first value, or none. Returns FALSE if there was none. */
static gboolean
txn_value_before (SlTxn       *txn,
                  gint64       no,
                  const char  *field,
                  gint64       hlc,
                  char       **json)
{
  sqlite3_stmt *stmt = _sl_txn_stmt (txn, "SELECT value FROM changes WHERE record = ?1 AND "
                                     "field = ?2 AND op = 'set' AND hlc < ?3 "
                                     "ORDER BY hlc DESC LIMIT 1");

  sqlite3_bind_int64 (stmt, 1, no);
  sqlite3_bind_text (stmt, 2, field, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, hlc);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      *json = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      return *json != NULL;
    }

  stmt = _sl_txn_stmt (txn, "SELECT value FROM changes WHERE record = ?1 AND op = 'create'");
  sqlite3_bind_int64 (stmt, 1, no);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    {
      g_autoptr(JsonNode) create = sl_value_from_json ((const char *) sqlite3_column_text (stmt, 0),
                                                       NULL);
      JsonObject *obj = create && JSON_NODE_HOLDS_OBJECT (create) ? json_node_get_object (create) : NULL;
      JsonObject *first = obj && json_object_has_member (obj, "values") ?
                          json_object_get_object_member (obj, "values") : NULL;

      if (first && json_object_has_member (first, field))
        {
          *json = json_to_string (json_object_get_member (first, field), FALSE);
          return TRUE;
        }
    }
  *json = NULL;
  return FALSE;
}

/**
 * sl_vault_undo_last_change:
 * @self: an unlocked vault
 * @record: (out) (optional) (transfer full): the record it touched
 * @error: return location for a #GError
 *
 * Undoes this device's latest change by appending its inverse (history
 * is never rewritten): an edit puts the field back as it was, a new
 * record is deleted, a deletion is undone and an undeletion redone.
 * Undoing twice undoes the undo.
 *
 * Returns: %TRUE on success
 */
gboolean
sl_vault_undo_last_change (SlVault     *self,
                           char       **record,
                           GError     **error)
{
  g_autofree char *id = NULL;
  g_autofree char *op = NULL;
  g_autofree char *field = NULL;
  RecordRow row = { 0 };
  SlCodebook *book;
  sqlite3_stmt *stmt;
  gint64 hlc = 0;
  gboolean ok = FALSE;
  SlTxn *txn;

  g_return_val_if_fail (SL_IS_VAULT (self), FALSE);

  if (!(book = require_codebook (self, error)) || !(txn = _sl_txn_begin (self, error)))
    return FALSE;

  stmt = _sl_txn_stmt (txn, "SELECT r.id, c.op, c.field, c.hlc FROM changes c "
                       "JOIN records r ON r.no = c.record "
                       "WHERE c.device = (SELECT no FROM devices WHERE id = ?1) "
                       "ORDER BY c.device_seq DESC LIMIT 1");
  sqlite3_bind_text (stmt, 1, sl_vault_get_device_id (self), -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, SL_RECORD_ERROR, SL_RECORD_ERROR_NOT_FOUND,
                   "There is nothing to undo: no change has been made here yet");
      goto out;
    }
  id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  op = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  field = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  hlc = sqlite3_column_int64 (stmt, 3);

  if (!txn_get_record (txn, id, &row, error))
    goto out;

  if (g_str_equal (op, "set") && field != NULL)
    {
      g_autofree char *before = NULL;
      g_autoptr(JsonNode) value = NULL;
      SlRecordType *rt = sl_codebook_lookup_type (book, row.type, error);

      if (rt == NULL)
        goto out;
      if (txn_value_before (txn, row.no, field, hlc, &before))
        value = sl_value_from_json (before, NULL);
      ok = write_value (txn, row.no, id, field, value, error) &&
           txn_update_description (txn, rt, row.no, id, error);
    }
  else if (g_str_equal (op, "create") || g_str_equal (op, "undelete"))
    ok = txn_set_deleted (txn, &row, id, TRUE, error);
  else if (g_str_equal (op, "delete"))
    ok = txn_set_deleted (txn, &row, id, FALSE, error);

out:
  record_row_clear (&row);
  if (!finish (self, txn, ok, error))
    return FALSE;
  if (record != NULL)
    *record = g_steal_pointer (&id);
  return TRUE;
}

/**
 * sl_vault_delete_record:
 * @self: an unlocked vault
 * @id: the record's id
 * @error: return location for a #GError
 *
 * Deletion is a change too (a tombstone): the record and its history stay
 * in the vault, and sl_vault_undelete_record() brings it back.
 *
 * Returns: %TRUE on success
 */
gboolean
sl_vault_delete_record (SlVault     *self,
                        const char  *id,
                        GError     **error)
{
  return set_deleted (self, id, TRUE, error);
}

gboolean
sl_vault_undelete_record (SlVault     *self,
                          const char  *id,
                          GError     **error)
{
  return set_deleted (self, id, FALSE, error);
}

#define SQL_RECORD_LOAD "SELECT r.no, r.type, p.id, r.deleted, r.codebook_version, r.title, " \
                        "r.updated_hlc FROM records r LEFT JOIN records p ON p.no = r.parent " \
                        "WHERE r.id = ?1"

/* One record, with the two statements prepared (and reset here). */
static SlRecord *
load_record_with (sqlite3_stmt *record_stmt,
                  sqlite3_stmt *values_stmt,
                  const char   *id)
{
  g_autoptr(SlRecord) rec = NULL;
  gint64 no = 0;

  sqlite3_bind_text (record_stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (record_stmt) == SQLITE_ROW)
    {
      rec = g_object_new (SL_TYPE_RECORD, NULL);
      no = sqlite3_column_int64 (record_stmt, 0);
      rec->id = g_strdup (id);
      rec->type = g_strdup ((const char *) sqlite3_column_text (record_stmt, 1));
      rec->parent = g_strdup ((const char *) sqlite3_column_text (record_stmt, 2));
      rec->deleted = sqlite3_column_int (record_stmt, 3) != 0;
      rec->codebook_version = sqlite3_column_int64 (record_stmt, 4);
      rec->title = g_strdup ((const char *) sqlite3_column_text (record_stmt, 5));
      rec->updated = sl_hlc_to_string (sqlite3_column_int64 (record_stmt, 6), "");
    }
  sqlite3_reset (record_stmt);
  if (rec == NULL)
    return NULL;

  sqlite3_bind_int64 (values_stmt, 1, no);
  while (sqlite3_step (values_stmt) == SQLITE_ROW)
    {
      JsonNode *v = sl_value_from_json ((const char *) sqlite3_column_text (values_stmt, 1), NULL);

      if (v != NULL)
        g_hash_table_replace (rec->values, g_strdup ((const char *) sqlite3_column_text (values_stmt, 0)), v);
    }
  sqlite3_reset (values_stmt);
  return g_steal_pointer (&rec);
}

static SlRecord *
load_record (sqlite3    *db,
             const char *id)
{
  sqlite3_stmt *record_stmt = NULL;
  sqlite3_stmt *values_stmt = NULL;
  SlRecord *rec;

  sqlite3_prepare_v2 (db, SQL_RECORD_LOAD, -1, &record_stmt, NULL);
  sqlite3_prepare_v2 (db, SQL_VALUES_GET, -1, &values_stmt, NULL);
  rec = load_record_with (record_stmt, values_stmt, id);
  sqlite3_finalize (record_stmt);
  sqlite3_finalize (values_stmt);
  return rec;
}

/* Appends one record for each id to @into, NULL where there is none,
 * with each statement prepared once. */
static void
load_records (sqlite3            *db,
              const char * const *ids,
              guint               n_ids,
              GPtrArray          *into)
{
  sqlite3_stmt *record_stmt = NULL;
  sqlite3_stmt *values_stmt = NULL;

  sqlite3_prepare_v2 (db, SQL_RECORD_LOAD, -1, &record_stmt, NULL);
  sqlite3_prepare_v2 (db, SQL_VALUES_GET, -1, &values_stmt, NULL);
  for (guint i = 0; i < n_ids; i++)
    g_ptr_array_add (into, load_record_with (record_stmt, values_stmt, ids[i]));
  sqlite3_finalize (record_stmt);
  sqlite3_finalize (values_stmt);
}

static void
unref_record (gpointer record)
{
  if (record != NULL)
    g_object_unref (record);
}

/**
 * _sl_vault_load_records:
 * @self: a vault
 * @ids: record ids
 * @n_ids: how many
 *
 * Loads many records at once, with the vault held once and each
 * statement prepared once: what a list showing a page of rows needs.
 *
 * Returns: (transfer full) (element-type SlRecord): one record for each
 *   id, %NULL where there is none (or the vault is locked)
 */
GPtrArray *
_sl_vault_load_records (SlVault            *self,
                        const char * const *ids,
                        guint               n_ids)
{
  GPtrArray *records = g_ptr_array_new_full (n_ids, unref_record);
  sqlite3 *db;

  _sl_vault_lock_db (self);
  if ((db = _sl_vault_get_db (self)) != NULL)
    load_records (db, ids, n_ids, records);
  else
    for (guint i = 0; i < n_ids; i++)
      g_ptr_array_add (records, NULL);
  _sl_vault_unlock_db (self);
  return records;
}

/**
 * sl_vault_load_record:
 * @self: an unlocked vault
 * @id: the record's id
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the record as it stands now
 */
SlRecord *
sl_vault_load_record (SlVault     *self,
                      const char  *id,
                      GError     **error)
{
  SlRecord *rec = NULL;
  sqlite3 *db;

  g_return_val_if_fail (SL_IS_VAULT (self), NULL);

  _sl_vault_lock_db (self);
  if ((db = _sl_vault_get_db (self)) == NULL)
    g_set_error (error, SL_VAULT_ERROR, SL_VAULT_ERROR_LOCKED, "The vault is locked");
  else if (!(rec = load_record (db, id)))
    g_set_error (error, SL_RECORD_ERROR, SL_RECORD_ERROR_NOT_FOUND,
                 "There is no record %s. `sightline-cli record list VAULT TYPE` shows the "
                 "records", id);
  _sl_vault_unlock_db (self);
  return rec;
}

/**
 * sl_vault_list_records:
 * @self: an unlocked vault
 * @type: a record type id
 * @include_deleted: whether to list deleted records too
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type SlRecord): the records of @type,
 *   in the order they were added
 */
GPtrArray *
sl_vault_list_records (SlVault     *self,
                       const char  *type,
                       gboolean     include_deleted,
                       GError     **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *ret = NULL;
  sqlite3_stmt *stmt = NULL;
  SlCodebook *book;
  sqlite3 *db;

  g_return_val_if_fail (SL_IS_VAULT (self), NULL);

  if (!(book = require_codebook (self, error)) || !sl_codebook_lookup_type (book, type, error))
    return NULL;

  _sl_vault_lock_db (self);
  if ((db = _sl_vault_get_db (self)) == NULL)
    {
      g_set_error (error, SL_VAULT_ERROR, SL_VAULT_ERROR_LOCKED, "The vault is locked");
      goto out;
    }
  sqlite3_exec (db, "SAVEPOINT sl_read", NULL, NULL, NULL);
  sqlite3_prepare_v2 (db, "SELECT id FROM records WHERE type = ?1 AND (?2 OR deleted = 0) "
                      "ORDER BY no", -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, type, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, include_deleted);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  ret = g_ptr_array_new_full (ids->len, unref_record);
  load_records (db, (const char * const *) ids->pdata, ids->len, ret);
  for (guint i = ret->len; i > 0; i--)
    if (g_ptr_array_index (ret, i - 1) == NULL)
      g_ptr_array_remove_index (ret, i - 1);
  sqlite3_exec (db, "RELEASE sl_read", NULL, NULL, NULL);

out:
  _sl_vault_unlock_db (self);
  return ret;
}

/**
 * sl_vault_list_children:
 * @self: an unlocked vault
 * @parent: a record's id
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type SlRecord): the undeleted records
 *   that belong to @parent (its coded people), in the order they were added
 */
GPtrArray *
sl_vault_list_children (SlVault     *self,
                        const char  *parent,
                        GError     **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *ret = NULL;
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db;

  g_return_val_if_fail (SL_IS_VAULT (self), NULL);

  _sl_vault_lock_db (self);
  if ((db = _sl_vault_get_db (self)) == NULL)
    {
      g_set_error (error, SL_VAULT_ERROR, SL_VAULT_ERROR_LOCKED, "The vault is locked");
      goto out;
    }
  sqlite3_prepare_v2 (db, "SELECT r.id FROM records r JOIN records p ON p.no = r.parent "
                      "WHERE p.id = ?1 AND r.deleted = 0 ORDER BY r.no", -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, parent, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  ret = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < ids->len; i++)
    {
      SlRecord *rec = load_record (db, g_ptr_array_index (ids, i));

      if (rec != NULL)
        g_ptr_array_add (ret, rec);
    }

out:
  _sl_vault_unlock_db (self);
  return ret;
}

/**
 * sl_vault_count_records:
 * @self: an unlocked vault
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type utf8 guint): the number of
 *   undeleted records of each type (types with none are absent)
 */
GHashTable *
sl_vault_count_records (SlVault  *self,
                        GError  **error)
{
  GHashTable *ret = NULL;
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db;

  g_return_val_if_fail (SL_IS_VAULT (self), NULL);

  _sl_vault_lock_db (self);
  if ((db = _sl_vault_get_db (self)) == NULL)
    g_set_error (error, SL_VAULT_ERROR, SL_VAULT_ERROR_LOCKED, "The vault is locked");
  else
    {
      ret = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      sqlite3_prepare_v2 (db, "SELECT type, count(*) FROM records WHERE deleted = 0 "
                          "GROUP BY type", -1, &stmt, NULL);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_hash_table_insert (ret, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                             GUINT_TO_POINTER ((guint) sqlite3_column_int (stmt, 1)));
      sqlite3_finalize (stmt);
    }
  _sl_vault_unlock_db (self);
  return ret;
}

/**
 * sl_vault_resolve_record_id:
 * @self: an unlocked vault
 * @prefix: a record id, or its first characters (at least 4)
 * @error: return location for a #GError
 *
 * Lets a person type the start of an id, as `record list` shows it.
 *
 * Returns: (transfer full) (nullable): the full id
 */
char *
sl_vault_resolve_record_id (SlVault     *self,
                            const char  *prefix,
                            GError     **error)
{
  g_autofree char *pattern = NULL;
  g_autofree char *found = NULL;
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db;
  guint n = 0;

  g_return_val_if_fail (SL_IS_VAULT (self), NULL);

  if (strlen (prefix) < 4 || strspn (prefix, "0123456789abcdef-") != strlen (prefix))
    {
      g_set_error (error, SL_RECORD_ERROR, SL_RECORD_ERROR_NOT_FOUND,
                   "'%s' is not a record id; give at least its first 4 characters, as "
                   "`record list` shows them", prefix);
      return NULL;
    }
  /* Ids are lower-case hex and dashes, all before '~': the ids starting
   * with @prefix are those from it up to it followed by '~', a range the
   * id index answers (LIKE would read every record). */
  pattern = g_strconcat (prefix, "~", NULL);

  _sl_vault_lock_db (self);
  if ((db = _sl_vault_get_db (self)) != NULL)
    {
      sqlite3_prepare_v2 (db, "SELECT id FROM records WHERE id >= ?1 AND id < ?2 LIMIT 2", -1,
                          &stmt, NULL);
      sqlite3_bind_text (stmt, 1, prefix, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, pattern, -1, SQLITE_STATIC);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          n++;
          g_free (found);
          found = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
        }
      sqlite3_finalize (stmt);
    }
  _sl_vault_unlock_db (self);

  if (n == 1)
    return g_steal_pointer (&found);
  g_set_error (error, SL_RECORD_ERROR, SL_RECORD_ERROR_NOT_FOUND,
               n == 0 ? "There is no record %s. `sightline-cli record list VAULT TYPE` shows the "
                        "records" :
                        "More than one record starts with %s; give more of its id", prefix);
  return NULL;
}

/* Import */

/**
 * sl_vault_import_csv:
 * @self: an unlocked vault
 * @type: the record type of every row
 * @data: CSV text (UTF-8, a byte-order mark is allowed), the first row
 *   naming the fields; a `parent` column names the record each row
 *   belongs to
 * @length: its length
 * @n_imported: (out) (optional): rows added
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Imports in one transaction: if any row is bad, nothing is written and
 * the error lists every bad row, column and reason.
 *
 * Returns: %TRUE on success
 */
gboolean
sl_vault_import_csv (SlVault       *self,
                     const char    *type,
                     const char    *data,
                     gsize          length,
                     guint         *n_imported,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) parsed = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  g_autoptr(GError) csv_error = NULL;
  GPtrArray *header;
  SlField **columns;
  int parent_col = -1;
  SlCodebook *book;
  SlRecordType *rt;
  SlTxn *txn;
  gboolean ok = TRUE;

  g_return_val_if_fail (SL_IS_VAULT (self), FALSE);

  if (!(book = require_codebook (self, error)) ||
      !(rt = sl_codebook_lookup_type (book, type, error)))
    return FALSE;

  if (!(rows = sl_csv_parse (data, length, &csv_error)))
    {
      g_set_error (error, SL_RECORD_ERROR, SL_RECORD_ERROR_IMPORT,
                   "The file is not valid CSV: %s. Nothing was imported", csv_error->message);
      return FALSE;
    }
  if (rows->len == 0)
    {
      g_set_error (error, SL_RECORD_ERROR, SL_RECORD_ERROR_IMPORT,
                   "The file is empty. Its first row should name the fields");
      return FALSE;
    }

  header = g_ptr_array_index (rows, 0);
  columns = g_newa (SlField *, header->len + 1);
  for (guint c = 0; c < header->len; c++)
    {
      const char *name = g_ptr_array_index (header, c);
      g_autoptr(GError) e = NULL;

      columns[c] = NULL;
      if (g_ascii_strcasecmp (name, "parent") == 0)
        parent_col = (int) c;
      else if (!(columns[c] = sl_record_type_lookup_field (rt, name, &e)))
        g_ptr_array_add (problems, g_strdup_printf ("row 1, column %u (%s): %s", c + 1, name,
                                                    e->message));
    }

  for (guint r = 1; r < rows->len && problems->len < 200; r++)
    {
      GPtrArray *row = g_ptr_array_index (rows, r);
      GHashTable *values = sl_values_new ();

      g_ptr_array_add (parsed, values);
      if (row->len != header->len)
        {
          g_ptr_array_add (problems, g_strdup_printf ("row %u: it has %u columns but the first "
                                                      "row has %u", r + 1, row->len, header->len));
          continue;
        }
      for (guint c = 0; c < row->len; c++)
        {
          g_autoptr(GError) e = NULL;
          JsonNode *v;

          if (columns[c] == NULL)
            continue;
          if (!(v = sl_field_parse_input (columns[c], g_ptr_array_index (row, c), &e)))
            g_ptr_array_add (problems, g_strdup_printf ("row %u, column %s: %s", r + 1,
                                                        columns[c]->id, e->message));
          else
            g_hash_table_replace (values, g_strdup (columns[c]->id), v);
        }
    }

  /* A parent may be named by the start of its id, as `record list` shows
   * it: resolve each distinct one before the transaction. */
  if (parent_col >= 0)
    for (guint r = 1; r < rows->len && problems->len < 200; r++)
      {
        GPtrArray *row = g_ptr_array_index (rows, r);
        char **parent;
        g_autoptr(GError) e = NULL;
        char *full;

        if (row->len != header->len)
          continue;
        parent = (char **) &g_ptr_array_index (row, parent_col);
        if (**parent == '\0' || g_uuid_string_is_valid (*parent))
          continue;
        if (!(full = sl_vault_resolve_record_id (self, *parent, &e)))
          g_ptr_array_add (problems, g_strdup_printf ("row %u, column parent: %s", r + 1, e->message));
        else
          {
            g_free (*parent);
            *parent = full;
          }
      }

  if (problems->len == 0)
    {
      if (!(txn = _sl_txn_begin (self, error)))
        return FALSE;
      for (guint r = 1; r < rows->len; r++)
        {
          GPtrArray *row = g_ptr_array_index (rows, r);
          const char *parent = parent_col >= 0 ? g_ptr_array_index (row, parent_col) : NULL;
          g_autofree char *id = new_record_id ();
          g_autoptr(GError) e = NULL;

          if (r % 256 == 0 && _sl_txn_cancelled (txn, cancellable, error))
            {
              _sl_txn_rollback (txn);
              return FALSE;
            }
          if (parent != NULL && *parent == '\0')
            parent = NULL;
          if (!txn_add_record (txn, rt, id, parent, g_ptr_array_index (parsed, r - 1), &e))
            {
              if (e->domain != SL_CODEBOOK_ERROR && e->domain != SL_RECORD_ERROR)
                {
                  g_propagate_error (error, g_steal_pointer (&e));
                  _sl_txn_rollback (txn);
                  return FALSE;
                }
              g_ptr_array_add (problems, g_strdup_printf ("row %u: %s", r + 1, e->message));
              ok = FALSE;
            }
        }
      if (!ok)
        _sl_txn_rollback (txn);
      else if (!finish (self, txn, TRUE, error))
        return FALSE;
    }

  if (problems->len > 0)
    {
      g_autofree char *all = NULL;
      guint n = problems->len;

      g_ptr_array_add (problems, NULL);
      all = g_strjoinv ("\n  ", (char **) problems->pdata);
      g_set_error (error, SL_RECORD_ERROR, SL_RECORD_ERROR_IMPORT,
                   "The file was not imported; nothing was changed. %u problem%s to correct:\n  %s",
                   n, n == 1 ? "" : "s", all);
      return FALSE;
    }

  if (n_imported)
    *n_imported = rows->len - 1;
  return TRUE;
}

/* For the merge of imported changes (sl-merge.c), which brings records in
 * step with the log the same way edits made here do. */

void
_sl_record_describe (SlRecordType  *type,
                     GHashTable    *values,
                     const char    *id,
                     char         **title,
                     char         **search)
{
  describe (type, values, id, title, search);
}

gboolean
_sl_txn_store_value (SlTxn       *txn,
                     gint64       record_no,
                     const char  *field,
                     const char  *json,
                     gint64       hlc,
                     gboolean     is_new,
                     GError     **error)
{
  return store_value (txn, record_no, field, json, hlc, is_new, error);
}

gboolean
_sl_txn_write_value (SlTxn       *txn,
                     gint64       record_no,
                     const char  *record,
                     const char  *field,
                     JsonNode    *value,
                     GError     **error)
{
  return write_value (txn, record_no, record, field, value, error);
}

GHashTable *
_sl_txn_load_values (SlTxn  *txn,
                     gint64  record_no)
{
  return txn_load_values (txn, record_no);
}

gboolean
_sl_txn_update_description (SlTxn        *txn,
                            SlRecordType *type,
                            gint64        record_no,
                            const char   *record,
                            GError      **error)
{
  return txn_update_description (txn, type, record_no, record, error);
}

gboolean
_sl_vault_finish_txn (SlVault  *self,
                      SlTxn    *txn,
                      gboolean  ok,
                      GError  **error)
{
  return finish (self, txn, ok, error);
}
