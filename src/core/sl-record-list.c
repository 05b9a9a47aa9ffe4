/* sl-record-list.c
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

#define G_LOG_DOMAIN "sl-record-list"

#include "config.h"

#include <string.h>

#include "sl-codebook.h"
#include "sl-record-list.h"
#include "sl-record-private.h"
#include "sl-vault-private.h"

/*
 * The records of one type as a GListModel, for lists of 100,000 people.
 * Opening reads only each record's id and its search text (kept in step
 * with the values when they are written); a record's values are loaded
 * when a row asks for it. Text filtering is one scan of those strings,
 * laid end to end.
 */

typedef struct
{
  char     *id;
  char     *search;     /* case-folded */
  SlRecord *record;     /* loaded on demand */
  gint64    no;         /* the order records were added in */
} Entry;

typedef struct
{
  char       *field;
  GHashTable *ids;      /* records whose field holds the value */
} FieldFilter;

struct _SlRecordList
{
  GObject     parent_instance;

  /* Owned references */
  SlVault    *vault;
  char       *type;
  GArray     *entries;   /* Entry */
  GArray     *visible;   /* guint index into entries */
  GPtrArray  *field_filters;
  char       *filter_text;

  /* Every entry's search text end to end, each ending in a NUL, and
   * where each starts (one more: the end): a search is one memmem() run
   * through it. Made again after entries change. */
  GString    *arena;
  GArray     *starts;     /* gsize */
  gulong      changed_id;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SlRecordList, sl_record_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
entry_clear (Entry *e)
{
  g_clear_pointer (&e->id, g_free);
  g_clear_pointer (&e->search, g_free);
  g_clear_object (&e->record);
}

static void
field_filter_free (FieldFilter *f)
{
  g_free (f->field);
  g_hash_table_unref (f->ids);
  g_free (f);
}

static gboolean
entry_visible_by_fields (SlRecordList *self,
                         Entry        *e)
{
  for (guint i = 0; i < self->field_filters->len; i++)
    {
      FieldFilter *f = g_ptr_array_index (self->field_filters, i);

      if (!g_hash_table_contains (f->ids, e->id))
        return FALSE;
    }
  return TRUE;
}

static void
forget_arena (SlRecordList *self)
{
  if (self->arena != NULL)
    g_string_free (self->arena, TRUE);
  self->arena = NULL;
  g_clear_pointer (&self->starts, g_array_unref);
}

static void
ensure_arena (SlRecordList *self)
{
  gsize end;

  if (self->arena != NULL)
    return;
  self->arena = g_string_sized_new (64 * (gsize) self->entries->len + 1);
  self->starts = g_array_sized_new (FALSE, FALSE, sizeof (gsize), self->entries->len + 1);
  for (guint k = 0; k < self->entries->len; k++)
    {
      Entry *e = &g_array_index (self->entries, Entry, k);

      g_array_append_val (self->starts, self->arena->len);
      g_string_append_len (self->arena, e->search, (gssize) strlen (e->search) + 1);
    }
  end = self->arena->len;
  g_array_append_val (self->starts, end);
}

/* Recomputes the visible rows and tells the views, once. */
static void
refilter (SlRecordList *self)
{
  g_autoptr(GArray) old = self->visible;
  GArray *visible = g_array_sized_new (FALSE, FALSE, sizeof (guint), self->entries->len);
  g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (guint) * 4);
  guint i = 0, j = 0;

  if (self->filter_text == NULL)
    {
      for (guint k = 0; k < self->entries->len; k++)
        if (entry_visible_by_fields (self, &g_array_index (self->entries, Entry, k)))
          g_array_append_val (visible, k);
    }
  else
    {
      /* One run through all the search texts: each match is an entry's,
       * found from where the entries start; then on to the next entry. */
      gsize needle = strlen (self->filter_text);
      const char *hay;
      gsize pos = 0;
      guint k = 0;

      ensure_arena (self);
      hay = self->arena->str;
      while (pos < self->arena->len)
        {
          const char *hit = memmem (hay + pos, self->arena->len - pos, self->filter_text, needle);
          gsize at;

          if (hit == NULL)
            break;
          at = (gsize) (hit - hay);
          while (g_array_index (self->starts, gsize, k + 1) <= at)
            k++;
          if (entry_visible_by_fields (self, &g_array_index (self->entries, Entry, k)))
            g_array_append_val (visible, k);
          pos = g_array_index (self->starts, gsize, k + 1);
          k++;
        }
    }
  self->visible = visible;

  /* The runs that differ, as (old position, removed, new position, added):
   * both lists are in entry order. */
  while (i < old->len || j < visible->len)
    {
      guint run[4] = { i, 0, j, 0 };

      while (i < old->len && j < visible->len &&
             g_array_index (old, guint, i) == g_array_index (visible, guint, j))
        i++, j++;
      run[0] = i;
      run[2] = j;
      while (i < old->len && (j >= visible->len ||
                              g_array_index (old, guint, i) < g_array_index (visible, guint, j)))
        i++;
      while (j < visible->len && (i >= old->len ||
                                  g_array_index (visible, guint, j) < g_array_index (old, guint, i)))
        j++;
      run[1] = i - run[0];
      run[3] = j - run[2];
      if (run[1] + run[3] > 0)
        g_array_append_val (runs, run);
      if (runs->len > 32)
        break;
    }

  if (runs->len == 0)
    return;

  if (runs->len <= 32)
    {
      /* A few runs: told one by one, from the last, the model at each step
       * holding the old rows before the run and the new ones from it on. */
      for (guint r = runs->len; r > 0; r--)
        {
          guint *run = &g_array_index (runs, guint, (r - 1) * 4);
          GArray *step = g_array_sized_new (FALSE, FALSE, sizeof (guint),
                                            run[0] + visible->len - run[2]);

          g_array_append_vals (step, old->data, run[0]);
          g_array_append_vals (step, &g_array_index (visible, guint, run[2]),
                               visible->len - run[2]);
          self->visible = step;
          g_list_model_items_changed (G_LIST_MODEL (self), run[0], run[1], run[3]);
          self->visible = visible;
          g_array_unref (step);
        }
    }
  else
    {
      /* Many: all rows gone, then the new ones (the model empty in
       * between). A view that loses the row it was anchored on in a change
       * looks for it among the rows the same change adds, loading each of
       * them (GTK 4.8's list views do): seconds for a search that kept
       * 20,000 people. */
      GArray *empty = g_array_new (FALSE, FALSE, sizeof (guint));

      self->visible = empty;
      if (old->len > 0)
        g_list_model_items_changed (G_LIST_MODEL (self), 0, old->len, 0);
      self->visible = visible;
      g_array_unref (empty);
      if (visible->len > 0)
        g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, visible->len);
    }
  if (old->len != visible->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static gboolean
load_entries (SlRecordList  *self,
              GError       **error)
{
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db;
  int rc;

  _sl_vault_lock_db (self->vault);
  if ((db = _sl_vault_get_db (self->vault)) == NULL)
    {
      _sl_vault_unlock_db (self->vault);
      g_set_error (error, SL_VAULT_ERROR, SL_VAULT_ERROR_LOCKED, "The vault is locked");
      return FALSE;
    }
  g_array_set_size (self->entries, 0);
  forget_arena (self);
  sqlite3_prepare_v2 (db, "SELECT id, search, no FROM records WHERE type = ?1 AND deleted = 0 "
                      "ORDER BY no", -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, self->type, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Entry e = {
        g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
        g_strdup ((const char *) sqlite3_column_text (stmt, 1)),
        NULL,
        sqlite3_column_int64 (stmt, 2),
      };

      g_array_append_val (self->entries, e);
    }
  sqlite3_finalize (stmt);
  _sl_vault_unlock_db (self->vault);

  if (rc != SQLITE_DONE)
    {
      _sl_set_error_from_db (error, db, rc, "The list could not be read");
      return FALSE;
    }
  ensure_arena (self);   /* now, not on the first key of a search */
  return TRUE;
}

/* Brings one entry in step with the vault: added, changed, deleted or
 * undeleted, or not of this list's type at all. */
static void
update_entry (SlRecordList *self,
              sqlite3      *db,
              const char   *id)
{
  sqlite3_stmt *stmt = NULL;
  gboolean shown = FALSE;
  g_autofree char *search = NULL;
  gint64 no = 0;
  guint i;

  sqlite3_prepare_v2 (db, "SELECT no, search FROM records WHERE id = ?1 AND type = ?2 "
                      "AND deleted = 0", -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, self->type, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      shown = TRUE;
      no = sqlite3_column_int64 (stmt, 0);
      search = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_finalize (stmt);

  for (i = 0; i < self->entries->len; i++)
    if (g_str_equal (g_array_index (self->entries, Entry, i).id, id))
      break;
  forget_arena (self);

  if (i < self->entries->len && !shown)
    g_array_remove_index (self->entries, i);
  else if (i < self->entries->len)
    {
      Entry *e = &g_array_index (self->entries, Entry, i);

      g_free (e->search);
      e->search = g_steal_pointer (&search);
      g_clear_object (&e->record);   /* loaded again when drawn */
    }
  else if (shown)
    {
      Entry e = { g_strdup (id), g_steal_pointer (&search), NULL, no };
      guint at = self->entries->len;

      /* in the order records were added: an undeleted one goes back */
      while (at > 0 && g_array_index (self->entries, Entry, at - 1).no > no)
        at--;
      g_array_insert_val (self->entries, at, e);
    }
}

static void
records_changed_cb (SlRecordList  *self,
                    char         **ids,
                    SlVault       *vault)
{
  guint n = g_strv_length (ids);
  sqlite3 *db;

  if (n == 0)
    return;   /* no record changed */

  /* A few records (an edit, a new record): update their rows. Many (an
   * import): read the list again, which is cheaper than searching it. */
  if (n > 64)
    {
      g_autoptr(GError) error = NULL;

      if (load_entries (self, &error))
        refilter (self);
      return;
    }

  _sl_vault_lock_db (self->vault);
  if ((db = _sl_vault_get_db (self->vault)) == NULL)
    {
      _sl_vault_unlock_db (self->vault);
      return;   /* locked meanwhile: the window drops the list */
    }
  for (guint k = 0; k < n; k++)
    update_entry (self, db, ids[k]);
  _sl_vault_unlock_db (self->vault);
  refilter (self);
}

/* GListModel */

/* A view asks for the rows it shows one by one: load the ones after
 * @position too, up to a page, with one query each. */
#define LOAD_PAGE 64

static void
load_page (SlRecordList *self,
           guint         position)
{
  const char *ids[LOAD_PAGE] = { NULL };
  Entry *page[LOAD_PAGE] = { NULL };
  g_autoptr(GPtrArray) records = NULL;
  guint n = 0;

  for (guint p = position; p < self->visible->len && n < LOAD_PAGE; p++)
    {
      Entry *e = &g_array_index (self->entries, Entry, g_array_index (self->visible, guint, p));

      if (e->record != NULL)
        continue;
      page[n] = e;
      ids[n++] = e->id;
    }
  records = _sl_vault_load_records (self->vault, ids, n);
  for (guint i = 0; i < n; i++)
    page[i]->record = g_steal_pointer (&g_ptr_array_index (records, i));
}

static GType
sl_record_list_get_item_type (GListModel *model)
{
  return SL_TYPE_RECORD;
}

static guint
sl_record_list_get_n_items (GListModel *model)
{
  return SL_RECORD_LIST (model)->visible->len;
}

static gpointer
sl_record_list_get_item (GListModel *model,
                         guint       position)
{
  SlRecordList *self = SL_RECORD_LIST (model);
  Entry *e;

  if (position >= self->visible->len)
    return NULL;
  e = &g_array_index (self->entries, Entry, g_array_index (self->visible, guint, position));
  if (e->record == NULL)
    load_page (self, position);
  return e->record ? g_object_ref (e->record) : NULL;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = sl_record_list_get_item_type;
  iface->get_n_items = sl_record_list_get_n_items;
  iface->get_item = sl_record_list_get_item;
}

/* GObject */

static void
sl_record_list_dispose (GObject *object)
{
  SlRecordList *self = SL_RECORD_LIST (object);

  g_clear_signal_handler (&self->changed_id, self->vault);
  g_clear_object (&self->vault);

  G_OBJECT_CLASS (sl_record_list_parent_class)->dispose (object);
}

static void
sl_record_list_finalize (GObject *object)
{
  SlRecordList *self = SL_RECORD_LIST (object);

  g_clear_pointer (&self->entries, g_array_unref);
  g_clear_pointer (&self->visible, g_array_unref);
  g_clear_pointer (&self->field_filters, g_ptr_array_unref);
  g_clear_pointer (&self->filter_text, g_free);
  g_clear_pointer (&self->type, g_free);
  forget_arena (self);

  G_OBJECT_CLASS (sl_record_list_parent_class)->finalize (object);
}

static void
sl_record_list_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  SlRecordList *self = SL_RECORD_LIST (object);

  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->visible->len);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_record_list_class_init (SlRecordListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sl_record_list_dispose;
  object_class->finalize = sl_record_list_finalize;
  object_class->get_property = sl_record_list_get_property;

  /**
   * SlRecordList:n-items:
   *
   * The number of records shown (after filtering).
   */
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sl_record_list_init (SlRecordList *self)
{
  self->entries = g_array_new (FALSE, TRUE, sizeof (Entry));
  g_array_set_clear_func (self->entries, (GDestroyNotify) entry_clear);
  self->visible = g_array_new (FALSE, FALSE, sizeof (guint));
  self->field_filters = g_ptr_array_new_with_free_func ((GDestroyNotify) field_filter_free);
}

/* Public API */

/**
 * sl_record_list_new:
 * @vault: an unlocked vault
 * @type: a record type id
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the live list of the (undeleted)
 *   records of @type, updated when records change
 */
SlRecordList *
sl_record_list_new (SlVault     *vault,
                    const char  *type,
                    GError     **error)
{
  g_autoptr(SlRecordList) self = NULL;
  SlCodebook *book;

  g_return_val_if_fail (SL_IS_VAULT (vault), NULL);

  if (!(book = sl_vault_get_codebook (vault)))
    {
      g_set_error (error, SL_VAULT_ERROR, SL_VAULT_ERROR_LOCKED, "The vault is locked");
      return NULL;
    }
  if (!sl_codebook_lookup_type (book, type, error))
    return NULL;

  self = g_object_new (SL_TYPE_RECORD_LIST, NULL);
  self->vault = g_object_ref (vault);
  self->type = g_strdup (type);
  if (!load_entries (self, error))
    return NULL;
  for (guint i = 0; i < self->entries->len; i++)
    g_array_append_val (self->visible, i);
  self->changed_id = g_signal_connect_object (vault, "records-changed",
                                              G_CALLBACK (records_changed_cb), self,
                                              G_CONNECT_SWAPPED);
  return g_steal_pointer (&self);
}

const char *
sl_record_list_get_record_type (SlRecordList *self)
{
  g_return_val_if_fail (SL_IS_RECORD_LIST (self), NULL);
  return self->type;
}

/**
 * sl_record_list_get_total:
 * @self: a record list
 *
 * Returns: the number of records before filtering
 */
guint
sl_record_list_get_total (SlRecordList *self)
{
  g_return_val_if_fail (SL_IS_RECORD_LIST (self), 0);
  return self->entries->len;
}

/**
 * sl_record_list_set_filter_text:
 * @self: a record list
 * @text: (nullable): text every shown record must contain (in any of its
 *   values, ignoring case), or %NULL for all
 */
void
sl_record_list_set_filter_text (SlRecordList *self,
                                const char   *text)
{
  g_autofree char *folded = NULL;

  g_return_if_fail (SL_IS_RECORD_LIST (self));

  if (text != NULL && *text != '\0')
    folded = g_utf8_casefold (text, -1);
  if (g_strcmp0 (folded, self->filter_text) == 0)
    return;
  g_free (self->filter_text);
  self->filter_text = g_steal_pointer (&folded);
  refilter (self);
}

/**
 * sl_record_list_set_field_filter:
 * @self: a record list
 * @field: a field of the list's record type
 * @value: (nullable): the value records must hold (for a multiple choice,
 *   a code they must include), or %NULL to drop the filter on @field
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
sl_record_list_set_field_filter (SlRecordList  *self,
                                 const char    *field,
                                 JsonNode      *value,
                                 GError       **error)
{
  FieldFilter *filter;
  SlRecordType *rt;
  SlField *f;
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db;

  g_return_val_if_fail (SL_IS_RECORD_LIST (self), FALSE);

  rt = sl_codebook_lookup_type (sl_vault_get_codebook (self->vault), self->type, error);
  if (rt == NULL || !(f = sl_record_type_lookup_field (rt, field, error)))
    return FALSE;

  for (guint i = 0; i < self->field_filters->len; i++)
    if (g_str_equal (((FieldFilter *) g_ptr_array_index (self->field_filters, i))->field, field))
      g_ptr_array_remove_index (self->field_filters, i--);

  if (value != NULL)
    {
      g_autofree char *json = sl_value_to_json (value);

      filter = g_new0 (FieldFilter, 1);
      filter->field = g_strdup (field);
      filter->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      _sl_vault_lock_db (self->vault);
      if ((db = _sl_vault_get_db (self->vault)) != NULL)
        {
          sqlite3_prepare_v2 (db, "SELECT r.id, v.value FROM record_values v "
                              "JOIN records r ON r.no = v.record "
                              "WHERE r.type = ?1 AND v.field = ?2", -1, &stmt, NULL);
          sqlite3_bind_text (stmt, 1, self->type, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 2, field, -1, SQLITE_STATIC);
          while (sqlite3_step (stmt) == SQLITE_ROW)
            {
              const char *stored = (const char *) sqlite3_column_text (stmt, 1);
              gboolean match = g_strcmp0 (stored, json) == 0;

              if (!match && f->type == SL_FIELD_MULTI_CHOICE && stored[0] == '[')
                {
                  g_autoptr(JsonNode) arr = sl_value_from_json (stored, NULL);

                  for (guint k = 0; arr && JSON_NODE_HOLDS_ARRAY (arr) && !match &&
                       k < json_array_get_length (json_node_get_array (arr)); k++)
                    match = json_node_equal (json_array_get_element (json_node_get_array (arr), k),
                                             value);
                }
              if (match)
                g_hash_table_add (filter->ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
            }
          sqlite3_finalize (stmt);
        }
      _sl_vault_unlock_db (self->vault);
      g_ptr_array_add (self->field_filters, filter);
    }

  refilter (self);
  return TRUE;
}

void
sl_record_list_clear_field_filters (SlRecordList *self)
{
  g_return_if_fail (SL_IS_RECORD_LIST (self));

  if (self->field_filters->len == 0)
    return;
  g_ptr_array_set_size (self->field_filters, 0);
  refilter (self);
}

/**
 * sl_record_list_reload:
 * @self: a record list
 * @error: return location for a #GError
 *
 * Reads the list again from the vault.
 *
 * Returns: %TRUE on success
 */
gboolean
sl_record_list_reload (SlRecordList  *self,
                       GError       **error)
{
  g_return_val_if_fail (SL_IS_RECORD_LIST (self), FALSE);

  if (!load_entries (self, error))
    return FALSE;
  refilter (self);
  return TRUE;
}
