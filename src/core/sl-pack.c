/* sl-pack.c
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

#define G_LOG_DOMAIN "sl-pack"

#include "config.h"

#include <errno.h>
#include <float.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <readstat.h>
#include <sodium.h>

#include "sl-age.h"
#include "sl-codebook.h"
#include "sl-json-private.h"
#include "sl-notes.h"
#include "sl-pack.h"
#include "sl-record.h"
#include "sl-vault-private.h"
#include "sl-zip.h"

/*
 * An analyst pack is a folder an analyst can open in SPSS, NVivo and
 * Excel without learning who the data is about:
 *
 *   data/<type>.csv, data/<type>.sav   one row per record, pack-local ids
 *   codebook.json, codebook.txt        the variables written
 *   notes/<id>-<field>.txt             reviewed notes, redacted
 *   notes/classification.csv           a classification sheet for NVivo
 *   disclosure-report.txt, .json       what was written and left out
 *   MANIFEST                           SHA-256 of every other file
 *
 * What never goes in: fields the codebook marks identifying; free-text
 * quasi-identifiers the codebook says to suppress (local areas: the region
 * is a field of its own; nationality and faith as written); the text of an
 * "other: …" choice; record UUIDs; notes nobody reviewed.
 *
 * The pack is written into a hidden folder (or file) beside the target and
 * renamed into place only when complete, after a last scan of every byte
 * for the direct identifiers the vault holds. On any failure or
 * cancellation the hidden folder is removed: either the whole pack
 * exists, or nothing.
 *
 * Disclosure control: k-anonymity over the codebook's quasi-identifiers,
 * generalising along its hierarchies (bands, groups, "any") and
 * suppressing what still stands out (see anonymise()).
 *
 * A pack may be built from some submissions, visits and sessions only
 * (the scope): then it holds them, the records that belong to them and
 * their notes, and disclosure control counts those records alone.
 *
 * The pack is built in memory, then written out as a folder, as one .zip,
 * or as a .zip encrypted to an analyst's age recipient: then nothing
 * unencrypted reaches a disk.
 */

G_DEFINE_QUARK (sl-pack-error-quark, sl_pack_error)

typedef enum
{
  COL_ID,
  COL_PARENT,
  COL_VALUE,
  COL_OPTION,
  COL_OTHER,
  COL_ANY,
} ColumnKind;

typedef struct
{
  ColumnKind  kind;
  SlField    *field;     /* borrowed from the codebook */
  SlOption   *option;    /* borrowed, for COL_OPTION */
  char       *name;
  char       *label;
  gsize       width;     /* the longest string, in bytes */
  guint       slot;      /* the field's index in its type */
  guint       level;     /* generalisation level of a quasi-identifier */
  guint       top;       /* the level that suppresses it; 0: not a QI */
  guint       numeric : 1;
} Column;

typedef struct
{
  SlRecordType *type;       /* borrowed */
  GPtrArray    *records;    /* Record */
  GPtrArray    *columns;    /* Column */
  GPtrArray    *withheld;   /* Withheld */
  char         *prefix;
  guint        *levels;     /* per field of the type: generalisation level */
  GPtrArray    *qis;        /* SlField, the quasi-identifiers written */
  guint        *qi_slots;   /* per quasi-identifier: its field's index */
  guint        *key_counts; /* per quasi-identifier and level: distinct keys + 1 */
  guint         n_suppressed;
  guint         k_reached;
  guint         n_classes;
  guint         n_nodes;    /* combinations of levels tried */
} TypeData;

typedef struct
{
  char *type;
  char *field;
  char *reason;
} Withheld;

/* A file of the pack. The pack is built in memory, scanned, and only then
 * written out: as a folder, a .zip, or a .zip encrypted with age. */
typedef enum
{
  SEAL_HASH,
  SEAL_SCAN,
  SEAL_ZIP,
  N_SEALS,
} SealPart;

typedef struct _Entry Entry;

/* One piece of work on a file for the workers */
typedef struct
{
  Entry    *entry;
  SealPart  part;
} Seal;

struct _Entry
{
  char      *rel;     /* its path in the pack, '/' between folders */
  GBytes    *bytes;
  /* Worked out by the workers as soon as the file is made, each part
   * apart (the hash of a large file beside its scan and compression): */
  Seal       seals[N_SEALS];
  guchar     hash[crypto_hash_sha256_BYTES];
  guint8    *hits;    /* per needle: found in this file; NULL: none */
  SlZipBody *body;    /* for a .zip */
  gsize      sav_data; /* a compressed .sav: where its cases start; else 0 */
  gboolean   hashed;
  gboolean   scanned;
  gboolean   unscannable;
};

typedef struct _Scanner Scanner;

typedef struct
{
  SlVault            *vault;
  SlCodebook         *codebook;   /* owned: its labels as written */
  const SlPackOptions *options;
  GCancellable       *cancellable;
  SlProgressFunc      progress;
  gpointer            progress_data;
  GPtrArray          *types;      /* TypeData */
  GHashTable         *ids;        /* record UUID -> pack id */
  GHashTable         *suppressed; /* record UUIDs whose quasi-identifiers are withheld */
  guint               k;
  double              max_suppression;
  GPtrArray          *entries;    /* Entry: the files of the pack, in memory */
  GPtrArray          *note_rows;  /* GStrv for classification.csv */
  GPtrArray          *note_attrs; /* column names in classification.csv */
  GPtrArray          *scope_ids;  /* pack ids of the records in the scope; empty: all */
  SlPackReport       *report;
  gint64              unknown;
  gint64              not_recorded;
  gboolean            zip;        /* written as a .zip (encrypted or not) */
  GThread            *needles_thread;
  GError             *needles_error;
  Scanner            *scanner;
  GThreadPool        *sealer;     /* seal_entry() for each file made */
  GMutex              entries_lock;
  GThread            *sav_thread; /* the .sav files, made beside the .csv */
  GError             *sav_error;
} Pack;

/* A record as the pack reads it: the vault's records of a type are loaded
 * in two queries, not two per record as sl_vault_list_records() does. */
typedef struct
{
  gatomicrefcount  ref;
  char            *id;
  char            *parent;   /* the parent's id, or NULL */
  JsonNode       **values;   /* per field of the type, in its order; NULL: none */
  guint            n_values;
  const char      *pack_id;  /* borrowed from Pack.ids */
  gboolean         suppressed;
} Record;

static void      seal_entry  (gpointer    data,
                              gpointer    user_data);
static gboolean  field_is_qi (SlField    *f);
static guint     field_top   (SlField    *f);
static int       find_band   (SlField    *f,
                              gint64      v);
static SlOption *find_group  (SlField    *f,
                              const char *code);

/* Helpers */

static Record *
record_ref (Record *r)
{
  g_atomic_ref_count_inc (&r->ref);
  return r;
}

static void
record_unref (Record *r)
{
  if (!g_atomic_ref_count_dec (&r->ref))
    return;
  g_free (r->id);
  g_free (r->parent);
  for (guint i = 0; i < r->n_values; i++)
    g_clear_pointer (&r->values[i], json_node_unref);
  g_free (r->values);
  g_free (r);
}

static inline const char *
record_id (Record *r)
{
  return r->id;
}

static inline const char *
record_parent (Record *r)
{
  return r->parent;
}

/* The value of the field at @slot of the record's type */
static inline JsonNode *
record_value (Record *r,
              guint   slot)
{
  return slot < r->n_values ? r->values[slot] : NULL;
}

/* A string without escapes, between its quotes */
static gboolean
plain_string (const char *json,
              gsize       len)
{
  return len >= 2 && json[0] == '"' && json[len - 1] == '"' &&
         memchr (json + 1, '\\', len - 2) == NULL && memchr (json + 1, '"', len - 2) == NULL;
}

/* The stored JSON of a value. The shapes nearly every value has (a string,
 * a whole number, a boolean, a list of strings, a missing value) are read
 * here, a JsonParser for each of a million values being most of the time a
 * pack takes; anything else goes to the vault's own parser. */
static JsonNode *
parse_value (const char *json,
             gsize       len)
{
  if (plain_string (json, len))
    {
      g_autofree char *text = g_strndup (json + 1, len - 2);

      return json_node_init_string (json_node_alloc (), text);
    }
  if (len > 0 && len < 18 && (g_ascii_isdigit (json[0]) || (json[0] == '-' && len > 1)) &&
      strspn (json + 1, "0123456789") == len - 1)
    return json_node_init_int (json_node_alloc (), g_ascii_strtoll (json, NULL, 10));
  if (len == 4 && memcmp (json, "true", 4) == 0)
    return json_node_init_boolean (json_node_alloc (), TRUE);
  if (len == 5 && memcmp (json, "false", 5) == 0)
    return json_node_init_boolean (json_node_alloc (), FALSE);
  if (len == 4 && memcmp (json, "null", 4) == 0)
    return json_node_init_null (json_node_alloc ());
  if ((len == strlen ("{\"missing\":\"unknown\"}") &&
       memcmp (json, "{\"missing\":\"unknown\"}", len) == 0) ||
      (len == strlen ("{\"missing\":\"not_recorded\"}") &&
       memcmp (json, "{\"missing\":\"not_recorded\"}", len) == 0))
    {
      JsonObject *obj = json_object_new ();

      json_object_set_string_member (obj, "missing", json[12] == 'u' ? SL_MISSING_UNKNOWN
                                                                     : SL_MISSING_NOT_RECORDED);
      return json_node_init_object (json_node_alloc (), obj);
    }
  if (len >= 2 && json[0] == '[' && json[len - 1] == ']')
    {
      g_autoptr(JsonArray) arr = json_array_new ();
      const char *p = json + 1;
      const char *end = json + len - 1;

      while (p < end)
        {
          const char *q;

          if (*p != '"' || (q = memchr (p + 1, '"', (gsize) (end - p - 1))) == NULL ||
              memchr (p + 1, '\\', (gsize) (q - p - 1)) != NULL)
            return sl_value_from_json (json, NULL);
          {
            g_autofree char *item = g_strndup (p + 1, (gsize) (q - p - 1));

            json_array_add_string_element (arr, item);
          }
          p = q + 1;
          if (p < end && *p++ != ',')
            return sl_value_from_json (json, NULL);
        }
      return json_node_init_array (json_node_alloc (), arr);
    }
  return sl_value_from_json (json, NULL);
}

/* The longest stored value (in bytes of JSON) shared between records */
#define SHARED_VALUE_MAX 64

/* Whether the pack reads the field's values at all: direct identifiers
 * and free-text quasi-identifiers are never written, so never read (notes
 * are read, to know which records have one). */
static gboolean
field_is_read (SlField *f)
{
  if (f->type == SL_FIELD_LONG_TEXT)
    return TRUE;
  return !f->identifying && !(f->quasi_identifier && f->type == SL_FIELD_TEXT);
}

/* A record read, in the order of records.no */
typedef struct
{
  gint64      no;
  Record     *record;
  GHashTable *slots;    /* its type's: field id -> index + 1 */
} Loaded;

/* The undeleted records of every record type of the codebook, each type's
 * in the order they were added, into @pack's TypeData: two queries for the
 * whole vault, both read in the order of records.no (the values table's
 * own order), so that the values are matched to their records by a merge.
 * Short values (codes, numbers, lists of codes) are shared between the
 * records that hold the same: one node each, not one per record. */
static gboolean
load_records (Pack    *pack,
              GError **error)
{
  g_autoptr(GHashTable) types = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) all_slots = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  g_autoptr(GHashTable) shared = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        (GDestroyNotify) json_node_unref);
  g_autoptr(GArray) loaded = g_array_new (FALSE, FALSE, sizeof (Loaded));
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db;
  guint at = 0;
  guint n = 0;

  for (guint i = 0; i < pack->types->len; i++)
    {
      TypeData *td = g_ptr_array_index (pack->types, i);
      GHashTable *slots = g_hash_table_new (g_str_hash, g_str_equal);

      /* field id -> its index + 1, for the fields the pack reads */
      for (guint f = 0; f < td->type->fields->len; f++)
        if (field_is_read (g_ptr_array_index (td->type->fields, f)))
          g_hash_table_insert (slots, ((SlField *) g_ptr_array_index (td->type->fields, f))->id,
                               GUINT_TO_POINTER (f + 1));
      g_ptr_array_add (all_slots, slots);
      g_hash_table_insert (types, td->type->id, GUINT_TO_POINTER (i + 1));
    }

  _sl_vault_lock_db (pack->vault);
  if ((db = _sl_vault_get_db (pack->vault)) == NULL)
    {
      _sl_vault_unlock_db (pack->vault);
      g_set_error (error, SL_VAULT_ERROR, SL_VAULT_ERROR_LOCKED, "The vault is locked");
      return FALSE;
    }
  sqlite3_exec (db, "SAVEPOINT sl_pack_read", NULL, NULL, NULL);
  sqlite3_prepare_v2 (db, "SELECT r.no, r.type, r.id, p.id FROM records r LEFT JOIN records p "
                      "ON p.no = r.parent WHERE r.deleted = 0 ORDER BY r.no",
                      -1, &stmt, NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      guint t = GPOINTER_TO_UINT (g_hash_table_lookup (types, sqlite3_column_text (stmt, 1)));
      TypeData *td;
      Record *r;
      Loaded l;

      /* a type the codebook no longer has is not written */
      if (t == 0)
        continue;
      td = g_ptr_array_index (pack->types, t - 1);
      r = g_new0 (Record, 1);
      g_atomic_ref_count_init (&r->ref);
      r->id = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      r->parent = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      r->n_values = td->type->fields->len;
      r->values = g_new0 (JsonNode *, r->n_values + 1);
      g_ptr_array_add (td->records, r);
      l.no = sqlite3_column_int64 (stmt, 0);
      l.record = r;
      l.slots = g_ptr_array_index (all_slots, t - 1);
      g_array_append_val (loaded, l);
    }
  sqlite3_finalize (stmt);

  sqlite3_prepare_v2 (db, "SELECT record, field, value FROM record_values ORDER BY record",
                      -1, &stmt, NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 no = sqlite3_column_int64 (stmt, 0);
      const char *json;
      gsize len;
      JsonNode *value;
      Loaded *l;
      guint slot;

      while (at < loaded->len && g_array_index (loaded, Loaded, at).no < no)
        at++;
      if (at == loaded->len || (l = &g_array_index (loaded, Loaded, at))->no != no)
        continue;
      /* Not written, or a field the codebook no longer has */
      slot = GPOINTER_TO_UINT (g_hash_table_lookup (l->slots, sqlite3_column_text (stmt, 1)));
      if (slot == 0 || (json = (const char *) sqlite3_column_text (stmt, 2)) == NULL)
        continue;
      len = (gsize) sqlite3_column_bytes (stmt, 2);
      if (len <= SHARED_VALUE_MAX && (value = g_hash_table_lookup (shared, json)) != NULL)
        value = json_node_ref (value);
      else if ((value = parse_value (json, len)) != NULL && len <= SHARED_VALUE_MAX)
        g_hash_table_insert (shared, g_strndup (json, len), json_node_ref (value));
      if (value != NULL)
        {
          g_clear_pointer (&l->record->values[slot - 1], json_node_unref);
          l->record->values[slot - 1] = value;
        }
      if (++n % 65536 == 0 && g_cancellable_is_cancelled (pack->cancellable))
        break;
    }
  sqlite3_finalize (stmt);
  sqlite3_exec (db, "RELEASE sl_pack_read", NULL, NULL, NULL);
  _sl_vault_unlock_db (pack->vault);
  return !g_cancellable_set_error_if_cancelled (pack->cancellable, error);
}

static void
column_free (Column *col)
{
  g_free (col->name);
  g_free (col->label);
  g_free (col);
}

static void
withheld_free (Withheld *w)
{
  g_free (w->type);
  g_free (w->field);
  g_free (w->reason);
  g_free (w);
}

static void
entry_free (Entry *e)
{
  gsize size = 0;
  gpointer data;

  /* Wiped when the last reference goes: the pack is anonymised, but it
   * need not linger in freed memory either. */
  data = g_bytes_unref_to_data (e->bytes, &size);
  sodium_memzero (data, size);
  g_free (data);
  g_clear_pointer (&e->body, sl_zip_body_free);
  g_free (e->hits);
  g_free (e->rel);
  g_free (e);
}

static void
type_data_free (TypeData *td)
{
  g_clear_pointer (&td->records, g_ptr_array_unref);
  g_clear_pointer (&td->columns, g_ptr_array_unref);
  g_clear_pointer (&td->withheld, g_ptr_array_unref);
  g_clear_pointer (&td->qis, g_ptr_array_unref);
  g_free (td->levels);
  g_free (td->qi_slots);
  g_free (td->key_counts);
  g_free (td->prefix);
  g_free (td);
}

void
sl_pack_report_free (SlPackReport *report)
{
  g_free (report);
}

static void
report_progress (Pack   *pack,
                 double  fraction)
{
  if (pack->progress)
    pack->progress (CLAMP (fraction, 0.0, 1.0), pack->progress_data);
}

static gboolean
fsync_path (const char  *path,
            GError     **error)
{
  int fd = open (path, O_RDONLY | O_CLOEXEC);
  int saved;

  if (fd < 0)
    {
      saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s", path,
                   g_strerror (saved));
      return FALSE;
    }
  if (fsync (fd) != 0 && errno != EINVAL)
    {
      saved = errno;
      close (fd);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s", path,
                   g_strerror (saved));
      return FALSE;
    }
  close (fd);
  return TRUE;
}

/* Adds @rel to the pack, taking @bytes; @sav_data is where the cases of
 * a compressed .sav start, 0 for any other file. */
static void
add_file (Pack       *pack,
          const char *rel,
          GBytes     *bytes,
          gsize       sav_data)
{
  Entry *e = g_new0 (Entry, 1);

  e->rel = g_strdup (rel);
  e->bytes = bytes;
  e->sav_data = sav_data;
  g_mutex_lock (&pack->entries_lock);
  g_ptr_array_add (pack->entries, e);
  g_mutex_unlock (&pack->entries_lock);
  /* Hashed, scanned and compressed by the workers as the next file is
   * made; the manifest, made last, here. */
  for (guint part = 0; part < N_SEALS; part++)
    {
      e->seals[part].entry = e;
      e->seals[part].part = part;
      if (part == SEAL_ZIP && !pack->zip)
        continue;
      if (pack->sealer != NULL)
        g_thread_pool_push (pack->sealer, &e->seals[part], NULL);
      else if (pack->scanner != NULL)
        seal_entry (&e->seals[part], pack);
    }
}

static void
add_entry (Pack       *pack,
           const char *rel,
           GBytes     *bytes)
{
  add_file (pack, rel, bytes, 0);
}

static gboolean
write_file (Pack        *pack,
            const char  *rel,
            const char  *data,
            gsize        length,
            GError     **error)
{
  add_entry (pack, rel, g_bytes_new (data, length));
  return TRUE;
}

/* Adds @rel to the pack, taking the contents of @out. */
static gboolean
write_string (Pack        *pack,
              const char  *rel,
              GString     *out,
              GError     **error)
{
  add_entry (pack, rel, g_string_free_to_bytes (out));
  return TRUE;
}

/* Cuts @s to at most @max bytes at a character boundary. */
static char *
utf8_cut (const char *s,
          gsize       max)
{
  const char *end;

  if (s == NULL)
    return g_strdup ("");
  if (strlen (s) <= max)
    return g_strdup (s);
  end = s + max;
  while (end > s && (((guchar) *end) & 0xC0) == 0x80)
    end--;
  return g_strndup (s, (gsize) (end - s));
}

static void
csv_append (GString    *out,
            const char *cell)
{
  if (cell == NULL)
    return;
  if (strpbrk (cell, ",\"\r\n") != NULL || g_ascii_isspace (cell[0]) ||
      (*cell != '\0' && g_ascii_isspace (cell[strlen (cell) - 1])))
    {
      g_string_append_c (out, '"');
      for (const char *p = cell; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else
    g_string_append (out, cell);
}

/* A text cell Excel would read as a formula ("=HYPERLINK(…)", "+1", "@SUM")
 * gets a leading apostrophe, which Excel shows as text. */
static gboolean
looks_like_formula (const char *cell)
{
  char *end = NULL;

  if (cell == NULL || strchr ("=+@\t\r", cell[0]) == NULL || cell[0] == '\0')
    {
      if (cell == NULL || cell[0] != '-')
        return FALSE;
      g_ascii_strtod (cell, &end);
      return end == NULL || *end != '\0';
    }
  return TRUE;
}

static void
csv_row (GString           *out,
         const char * const *cells,
         guint               n)
{
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      csv_append (out, cells[i]);
    }
  g_string_append (out, "\r\n");
}

static GString *
csv_new (void)
{
  GString *out = g_string_new (NULL);

  g_string_append (out, "\xEF\xBB\xBF");
  return out;
}

/* "site_visit" -> "SV", "victim" -> "V" */
static char *
type_prefix (const char *type_id,
             GHashTable *taken)
{
  g_auto(GStrv) words = g_strsplit (type_id, "_", -1);
  GString *s = g_string_new (NULL);
  g_autofree char *first = NULL;

  for (guint i = 0; words[i]; i++)
    if (words[i][0] != '\0')
      g_string_append_c (s, g_ascii_toupper (words[i][0]));
  first = g_strdup (s->str);
  /* Another type has these initials: lengthen with the next letters. */
  for (gsize i = 1; g_hash_table_contains (taken, s->str) && type_id[i] != '\0'; i++)
    if (g_ascii_isalpha (type_id[i]))
      g_string_append_c (s, g_ascii_toupper (type_id[i]));
  for (guint n = 2; g_hash_table_contains (taken, s->str); n++)
    {
      g_string_assign (s, first);
      g_string_append_printf (s, "%u", n);
    }
  g_hash_table_add (taken, g_strdup (s->str));
  return g_string_free (s, FALSE);
}

static const char *
field_name (SlField *field)
{
  return field->spss && *field->spss ? field->spss : field->id;
}

static const char *
measure_name (readstat_measure_t m)
{
  switch (m)
    {
    case READSTAT_MEASURE_SCALE:
      return "scale";
    case READSTAT_MEASURE_ORDINAL:
      return "ordinal";
    case READSTAT_MEASURE_NOMINAL:
    case READSTAT_MEASURE_UNKNOWN:
    default:
      return "nominal";
    }
}

typedef struct
{
  gint64      value;
  const char *code;
  const char *label;
} ValueLabel;

/* The codes a numeric column holds, besides the missing values. */
static GArray *
column_labels (Column *col)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (ValueLabel));
  ValueLabel vl;
  SlField *f = col->field;

  if (!col->numeric || f == NULL || (col->top > 0 && col->level >= col->top))
    return out;
  if (col->kind != COL_VALUE || f->type == SL_FIELD_BOOLEAN)
    {
      vl = (ValueLabel) { 0, "no", "No" };
      g_array_append_val (out, vl);
      vl = (ValueLabel) { 1, "yes", "Yes" };
      g_array_append_val (out, vl);
    }
  else if ((f->type == SL_FIELD_INTEGER || f->type == SL_FIELD_COUNT) && col->level == 1)
    for (guint j = 0; f->bands && j < f->bands->len; j++)
      {
        SlBand *b = g_ptr_array_index (f->bands, j);

        vl = (ValueLabel) { j + 1, NULL, b->label };
        g_array_append_val (out, vl);
      }
  else if (f->type == SL_FIELD_CHOICE)
    {
      GPtrArray *opts = col->level == 1 ? f->groups : f->options;

      for (guint j = 0; opts && j < opts->len; j++)
        {
          SlOption *o = g_ptr_array_index (opts, j);

          vl = (ValueLabel) { o->value, o->code, o->label };
          g_array_append_val (out, vl);
        }
      if (f->allow_other)
        {
          vl = (ValueLabel) { SL_PACK_OTHER_VALUE, "other", "Other" };
          g_array_append_val (out, vl);
        }
    }
  return out;
}

static readstat_measure_t
column_measure (Column *col)
{
  if (col->kind == COL_VALUE && (col->top == 0 || col->level < col->top) &&
      (col->field->type == SL_FIELD_INTEGER || col->field->type == SL_FIELD_COUNT))
    return col->level == 1 ? READSTAT_MEASURE_ORDINAL : READSTAT_MEASURE_SCALE;
  return READSTAT_MEASURE_NOMINAL;
}

static Column *
column_new (ColumnKind  kind,
            SlField    *field,
            SlOption   *option,
            const char *name,
            const char *label,
            gboolean    numeric)
{
  Column *col = g_new0 (Column, 1);

  col->kind = kind;
  col->field = field;
  col->option = option;
  col->name = g_strdup (name);
  col->label = g_strdup (label);
  col->numeric = numeric;
  col->width = 1;
  return col;
}

static void
add_column (GPtrArray  *columns,
            GHashTable *names,
            Column     *col)
{
  /* Two fields with the same SPSS name would make an unreadable .sav. */
  if (g_hash_table_contains (names, col->name))
    {
      g_autofree char *base = col->name;

      for (guint n = 2;; n++)
        {
          col->name = g_strdup_printf ("%s_%u", base, n);
          if (!g_hash_table_contains (names, col->name))
            break;
          g_free (col->name);
        }
    }
  g_hash_table_add (names, g_strdup (col->name));
  g_ptr_array_add (columns, col);
}

static void
withhold (TypeData   *td,
          SlField    *field,
          const char *reason)
{
  Withheld *w = g_new0 (Withheld, 1);

  w->type = g_strdup (td->type->id);
  w->field = g_strdup (field->id);
  w->reason = g_strdup (reason);
  g_ptr_array_add (td->withheld, w);
}

/* Whether @rt has a region of its own, besides @except */
static gboolean
type_has_region (SlRecordType *rt,
                 SlField      *except)
{
  for (guint i = 0; i < rt->fields->len; i++)
    {
      SlField *f = g_ptr_array_index (rt->fields, i);

      if (f != except && g_str_equal (f->id, "region") && !f->identifying &&
          f->type == SL_FIELD_CHOICE)
        return TRUE;
    }
  return FALSE;
}

static void
plan_columns (TypeData *td)
{
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  td->columns = g_ptr_array_new_with_free_func ((GDestroyNotify) column_free);
  td->withheld = g_ptr_array_new_with_free_func ((GDestroyNotify) withheld_free);
  add_column (td->columns, names, column_new (COL_ID, NULL, NULL, "PACKID", "Pack id", FALSE));
  if (td->type->parents && td->type->parents[0])
    add_column (td->columns, names,
                column_new (COL_PARENT, NULL, NULL, "PARENTID",
                            "Pack id of the submission, visit or session", FALSE));

  for (guint i = 0; i < td->type->fields->len; i++)
    {
      SlField *f = g_ptr_array_index (td->type->fields, i);
      guint top, level, first;

      if (f->identifying)
        {
          withhold (td, f, "direct identifier");
          continue;
        }
      if (f->type == SL_FIELD_LONG_TEXT)
        {
          withhold (td, f, "note: reviewed notes are in notes/");
          continue;
        }
      if (f->quasi_identifier && f->type == SL_FIELD_TEXT)
        {
          /* A local area, or a nationality or faith as written: free text
           * that cannot be generalised. Areas go to their region, where
           * the record type has one as a field of its own. */
          if (f->generalise != SL_GENERALISE_SUPPRESS)
            withhold (td, f, "free-text quasi-identifier: free text cannot be generalised");
          else if (type_has_region (td->type, f))
            withhold (td, f, "free-text quasi-identifier, suppressed: an area finer than a "
                             "region (the region is written)");
          else
            withhold (td, f, "free-text quasi-identifier, suppressed: as written it cannot be "
                             "generalised, and a rare answer could single a person out");
          continue;
        }

      top = field_is_qi (f) ? field_top (f) : 0;
      level = top ? td->levels[i] : 0;
      first = td->columns->len;
      if (top && level >= top)
        {
          g_autofree char *label = g_strdup_printf ("%s (suppressed)", f->label);

          add_column (td->columns, names, column_new (COL_VALUE, f, NULL, field_name (f), label, TRUE));
        }
      else if (top && level == 1 && f->type == SL_FIELD_MULTI_CHOICE)
        {
          g_autofree char *name = g_strdup_printf ("%s_ANY", field_name (f));
          g_autofree char *label = g_strdup_printf ("%s: any", f->label);

          add_column (td->columns, names, column_new (COL_ANY, f, NULL, name, label, TRUE));
        }
      else switch (f->type)
        {
        case SL_FIELD_MULTI_CHOICE:
          for (guint j = 0; f->options && j < f->options->len; j++)
            {
              SlOption *o = g_ptr_array_index (f->options, j);
              g_autofree char *name = g_strdup_printf ("%s_%" G_GINT64_FORMAT, field_name (f),
                                                       o->value);
              g_autofree char *label = g_strdup_printf ("%s: %s", f->label, o->label);

              add_column (td->columns, names, column_new (COL_OPTION, f, o, name, label, TRUE));
            }
          if (f->allow_other)
            {
              g_autofree char *name = g_strdup_printf ("%s_OTH", field_name (f));
              g_autofree char *label = g_strdup_printf ("%s: Other", f->label);

              add_column (td->columns, names, column_new (COL_OTHER, f, NULL, name, label, TRUE));
            }
          break;

        case SL_FIELD_CHOICE:
        case SL_FIELD_BOOLEAN:
        case SL_FIELD_INTEGER:
        case SL_FIELD_COUNT:
          add_column (td->columns, names,
                      column_new (COL_VALUE, f, NULL, field_name (f), f->label, TRUE));
          break;

        case SL_FIELD_TEXT:
        case SL_FIELD_DATE:
        case SL_FIELD_PARTIAL_DATE:
        case SL_FIELD_REFERENCE:
        case SL_FIELD_LONG_TEXT:
        default:
          {
            Column *col = column_new (COL_VALUE, f, NULL, field_name (f), f->label, FALSE);

            /* Dates are YYYY-MM-DD, or shorter when partial */
            if (f->type == SL_FIELD_DATE || f->type == SL_FIELD_PARTIAL_DATE)
              col->width = 10;
            add_column (td->columns, names, col);
          }
          break;
        }
      for (guint c = first; c < td->columns->len; c++)
        {
          Column *col = g_ptr_array_index (td->columns, c);

          col->slot = i;
          col->level = level;
          col->top = top;
        }
    }
}

static gboolean
item_is (JsonNode   *item,
         const char *code)
{
  return JSON_NODE_HOLDS_VALUE (item) && json_node_get_value_type (item) == G_TYPE_STRING &&
         g_strcmp0 (json_node_get_string (item), code) == 0;
}

static gboolean
item_is_other (JsonNode *item)
{
  return JSON_NODE_HOLDS_OBJECT (item);
}

/* A number as text: the cells of a pack are millions of these, too many
 * for printf. */
static char *
int_text (gint64 v)
{
  char buf[24];
  char *p = buf + sizeof buf;
  guint64 u = v < 0 ? (guint64) 0 - (guint64) v : (guint64) v;

  *--p = '\0';
  do
    *--p = (char) ('0' + u % 10);
  while ((u /= 10) > 0);
  if (v < 0)
    *--p = '-';
  return g_strdup (p);
}

typedef enum
{
  CELL_EMPTY,    /* no value: an empty cell, a system-missing value */
  CELL_NUMBER,
  CELL_TEXT,
} CellKind;

static CellKind
number_cell (gint64  v,
             gint64 *num)
{
  *num = v;
  return CELL_NUMBER;
}

static CellKind
text_cell (const char  *s,
           const char **text)
{
  *text = s;
  return s == NULL || *s == '\0' ? CELL_EMPTY : CELL_TEXT;
}

/* A code, or with @labels the label of one */
static CellKind
coded_cell (gint64       code,
            const char  *label,
            gboolean     labels,
            gint64      *num,
            const char **text)
{
  return labels ? text_cell (label, text) : number_cell (code, num);
}

/* The cell of @col for @record: a number (a code in a numeric column), a
 * text, or nothing; with @labels, codes are given as what a person reads.
 * Texts are borrowed (from the record, the codebook or the pack ids):
 * a pack's millions of cells take no memory of their own. */
static CellKind
cell_get (Pack        *pack,
          Column      *col,
          Record      *record,
          gboolean     labels,
          gint64      *num,
          const char **text)
{
  JsonNode *value;
  JsonNodeType node_type;
  const char *missing;

  switch (col->kind)
    {
    case COL_ID:
      return text_cell (record->pack_id, text);
    case COL_PARENT:
      {
        const char *parent = record_parent (record);

        return text_cell (parent ? g_hash_table_lookup (pack->ids, parent) : NULL, text);
      }
    case COL_VALUE:
    case COL_OPTION:
    case COL_OTHER:
    case COL_ANY:
    default:
      break;
    }

  if (col->top > 0 && (col->level >= col->top || record->suppressed))
    return coded_cell (SL_PACK_SUPPRESSED_VALUE, "Suppressed", labels, num, text);

  value = record_value (record, col->slot);
  if (value == NULL)
    return CELL_EMPTY;
  node_type = json_node_get_node_type (value);
  if (node_type == JSON_NODE_NULL)
    return CELL_EMPTY;
  if (node_type == JSON_NODE_OBJECT && (missing = sl_value_get_missing (value)) != NULL)
    {
      gboolean unknown = g_str_equal (missing, SL_MISSING_UNKNOWN);

      return coded_cell (unknown ? pack->unknown : pack->not_recorded,
                         unknown ? "Unknown" : "Not recorded", labels, num, text);
    }

  if (col->kind == COL_ANY)
    {
      gboolean any = node_type == JSON_NODE_ARRAY &&
                     json_array_get_length (json_node_get_array (value)) > 0;

      return coded_cell (any, any ? "Yes" : "No", labels, num, text);
    }
  if (col->kind == COL_OPTION || col->kind == COL_OTHER)
    {
      gboolean found = FALSE;

      if (node_type == JSON_NODE_ARRAY)
        {
          JsonArray *arr = json_node_get_array (value);
          guint len = json_array_get_length (arr);

          for (guint i = 0; !found && i < len; i++)
            {
              JsonNode *item = json_array_get_element (arr, i);

              found = col->kind == COL_OTHER ? item_is_other (item)
                                             : item_is (item, col->option->code);
            }
        }
      return number_cell (found, num);
    }

  switch (col->field->type)
    {
    case SL_FIELD_CHOICE:
      {
        SlOption *o;

        if (node_type == JSON_NODE_OBJECT)
          return coded_cell (SL_PACK_OTHER_VALUE, "Other", labels, num, text);
        if (node_type != JSON_NODE_VALUE)
          return CELL_EMPTY;
        o = sl_field_lookup_option (col->field, json_node_get_string (value));
        if (o != NULL && col->level == 1)
          o = find_group (col->field, o->group);
        if (o == NULL)
          return coded_cell (SL_PACK_SUPPRESSED_VALUE, "Suppressed", labels, num, text);
        return coded_cell (o->value, o->label, labels, num, text);
      }

    case SL_FIELD_BOOLEAN:
      if (node_type != JSON_NODE_VALUE)
        return CELL_EMPTY;
      return coded_cell (json_node_get_boolean (value), json_node_get_boolean (value) ? "Yes" : "No",
                         labels, num, text);

    case SL_FIELD_INTEGER:
    case SL_FIELD_COUNT:
      if (node_type != JSON_NODE_VALUE)
        return CELL_EMPTY;
      if (col->level == 1)
        {
          int band = find_band (col->field, json_node_get_int (value));

          if (band < 0)
            return coded_cell (SL_PACK_SUPPRESSED_VALUE, "Suppressed", labels, num, text);
          return coded_cell (band + 1,
                             ((SlBand *) g_ptr_array_index (col->field->bands, band))->label,
                             labels, num, text);
        }
      return number_cell (json_node_get_int (value), num);

    case SL_FIELD_REFERENCE:
      if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
        return text_cell (g_hash_table_lookup (pack->ids, json_node_get_string (value)), text);
      return CELL_EMPTY;

    case SL_FIELD_TEXT:
    case SL_FIELD_DATE:
    case SL_FIELD_PARTIAL_DATE:
    case SL_FIELD_LONG_TEXT:
    case SL_FIELD_MULTI_CHOICE:
    default:
      if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
        return text_cell (json_node_get_string (value), text);
      return CELL_EMPTY;
    }
}

/* The cell as a string, "" for no value */
static char *
cell (Pack     *pack,
      Column   *col,
      Record   *record,
      gboolean  labels)
{
  gint64 num = 0;
  const char *text = NULL;

  switch (cell_get (pack, col, record, labels, &num, &text))
    {
    case CELL_NUMBER:
      return int_text (num);
    case CELL_TEXT:
      return g_strdup (text);
    case CELL_EMPTY:
    default:
      return g_strdup ("");
    }
}

static guint
pow10_guint (guint n)
{
  guint r = 1;

  while (n-- > 0)
    r *= 10;
  return r;
}

static gboolean
check_cancelled (Pack    *pack,
                 GError **error)
{
  return g_cancellable_set_error_if_cancelled (pack->cancellable, error);
}

/* Disclosure control: k-anonymity over the quasi-identifiers.
 *
 * Each quasi-identifier has a small hierarchy from the codebook: as
 * recorded (0), then its bands, groups or "any" when the codebook gives
 * them (1), then suppressed (top). The search walks the lattice of level
 * combinations by total height, least first, and takes the first height
 * at which some combination leaves at most the allowed share of records in
 * classes smaller than k; among those, the one that suppresses fewest.
 * The records still alone in too small a class then have all their
 * quasi-identifiers suppressed. A class whose quasi-identifiers are all
 * suppressed says nothing, whatever its size. */

static gboolean
field_is_qi (SlField *f)
{
  return f->quasi_identifier && !f->identifying && f->type != SL_FIELD_TEXT &&
         f->type != SL_FIELD_LONG_TEXT;
}

static guint
field_top (SlField *f)
{
  gboolean mid = FALSE;

  if (f->type == SL_FIELD_INTEGER || f->type == SL_FIELD_COUNT)
    mid = f->bands != NULL && f->bands->len > 0;
  else if (f->type == SL_FIELD_CHOICE)
    mid = f->groups != NULL && f->groups->len > 0;
  else if (f->type == SL_FIELD_MULTI_CHOICE)
    mid = f->generalise == SL_GENERALISE_ANY;
  return mid ? 2 : 1;
}

static const char *
level_name (SlField *f,
            guint    level)
{
  if (level == 0)
    return "as recorded";
  if (level >= field_top (f))
    return "suppressed";
  if (f->type == SL_FIELD_MULTI_CHOICE)
    return "any of the options";
  if (f->type == SL_FIELD_CHOICE)
    return "groups";
  return "bands";
}

static int
find_band (SlField *f,
           gint64   v)
{
  for (guint i = 0; f->bands && i < f->bands->len; i++)
    {
      SlBand *b = g_ptr_array_index (f->bands, i);

      if (v >= b->min && v <= b->max)
        return (int) i;
    }
  return -1;
}

static SlOption *
find_group (SlField    *f,
            const char *code)
{
  for (guint i = 0; code && f->groups && i < f->groups->len; i++)
    {
      SlOption *g = g_ptr_array_index (f->groups, i);

      if (g_str_equal (g->code, code))
        return g;
    }
  return NULL;
}

static int
compare_strv_items (gconstpointer a,
                    gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* What a value says about a person at @level, as a key. */
static char *
qi_key (SlField  *f,
        JsonNode *value,
        guint     level)
{
  const char *missing;

  if (level >= field_top (f))
    return g_strdup ("*");
  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return g_strdup ("");
  if ((missing = sl_value_get_missing (value)) != NULL)
    return g_strconcat ("?", missing, NULL);

  switch (f->type)
    {
    case SL_FIELD_INTEGER:
    case SL_FIELD_COUNT:
      if (!JSON_NODE_HOLDS_VALUE (value))
        return g_strdup ("");
      if (level == 0)
        return int_text (json_node_get_int (value));
      return g_strdup_printf ("b%d", find_band (f, json_node_get_int (value)));

    case SL_FIELD_CHOICE:
      {
        SlOption *o;

        if (item_is_other (value))
          return g_strdup ("other");
        if (!JSON_NODE_HOLDS_VALUE (value))
          return g_strdup ("");
        if (level == 0)
          return g_strdup (json_node_get_string (value));
        o = sl_field_lookup_option (f, json_node_get_string (value));
        return g_strconcat ("g:", o && o->group ? o->group : json_node_get_string (value), NULL);
      }

    case SL_FIELD_MULTI_CHOICE:
      {
        g_autoptr(GPtrArray) codes = g_ptr_array_new ();
        JsonArray *arr;

        if (!JSON_NODE_HOLDS_ARRAY (value))
          return g_strdup ("");
        arr = json_node_get_array (value);
        if (level > 0)
          return g_strdup (json_array_get_length (arr) > 0 ? "1" : "0");
        for (guint i = 0; i < json_array_get_length (arr); i++)
          {
            JsonNode *item = json_array_get_element (arr, i);

            g_ptr_array_add (codes, item_is_other (item) ? (gpointer) "other"
                             : JSON_NODE_HOLDS_VALUE (item) ? (gpointer) json_node_get_string (item)
                             : (gpointer) "");
          }
        /* none chosen is not the same as no answer (written as 0s, not
         * empty cells), and the higher levels tell them apart too */
        if (codes->len == 0)
          return g_strdup ("[]");
        g_ptr_array_sort (codes, compare_strv_items);
        g_ptr_array_add (codes, NULL);
        return g_strjoinv (";", (char **) codes->pdata);
      }

    case SL_FIELD_TEXT:
    case SL_FIELD_LONG_TEXT:
    case SL_FIELD_DATE:
    case SL_FIELD_PARTIAL_DATE:
    case SL_FIELD_BOOLEAN:
    case SL_FIELD_REFERENCE:
    default:
      return sl_field_format_value_code (f, value);
    }
}

/* keys[q * 3 + level][record]: the interned key of each value at each level.
 * A value's key at a higher level depends on its key as recorded alone, so
 * the higher levels are worked out once per distinct value, not per
 * record. */
static guint **
intern_keys (TypeData *td,
             guint    *tops)
{
  guint nq = td->qis->len;
  guint n = td->records->len;
  guint **keys = g_new0 (guint *, nq * 3);

  g_free (td->key_counts);
  td->key_counts = g_new0 (guint, nq * 3);
  for (guint q = 0; q < nq; q++)
    {
      SlField *f = g_ptr_array_index (td->qis, q);
      g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_autoptr(GArray) first = g_array_new (FALSE, FALSE, sizeof (guint));   /* id - 1 -> a record */
      guint *row = g_new0 (guint, n);

      for (guint j = 0; j < n; j++)
        {
          char *key = qi_key (f, record_value (g_ptr_array_index (td->records, j),
                                               td->qi_slots[q]), 0);
          gpointer id;

          if (!g_hash_table_lookup_extended (seen, key, NULL, &id))
            {
              id = GUINT_TO_POINTER (g_hash_table_size (seen) + 1);
              g_hash_table_insert (seen, key, id);
              g_array_append_val (first, j);
            }
          else
            g_free (key);
          row[j] = GPOINTER_TO_UINT (id);
        }
      keys[q * 3] = row;
      td->key_counts[q * 3] = g_hash_table_size (seen) + 1;

      for (guint level = 1; level <= tops[q]; level++)
        {
          g_autoptr(GHashTable) upper = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          g_autofree guint *map = g_new0 (guint, first->len + 1);
          guint *up = g_new0 (guint, n);

          for (guint v = 0; v < first->len; v++)
            {
              Record *r = g_ptr_array_index (td->records, g_array_index (first, guint, v));
              char *key = qi_key (f, record_value (r, td->qi_slots[q]), level);
              gpointer id;

              if (!g_hash_table_lookup_extended (upper, key, NULL, &id))
                {
                  id = GUINT_TO_POINTER (g_hash_table_size (upper) + 1);
                  g_hash_table_insert (upper, key, id);
                }
              else
                g_free (key);
              map[v + 1] = GPOINTER_TO_UINT (id);
            }
          for (guint j = 0; j < n; j++)
            up[j] = map[row[j]];
          keys[q * 3 + level] = up;
          td->key_counts[q * 3 + level] = g_hash_table_size (upper) + 1;
        }
    }
  return keys;
}

static guint
class_hash (gconstpointer key)
{
  const guint *k = key;
  guint h = 5381;

  for (guint i = 1; i <= k[0]; i++)
    h = h * 33 + k[i];
  return h;
}

static gboolean
class_equal (gconstpointer a,
             gconstpointer b)
{
  const guint *x = a;
  const guint *y = b;

  return memcmp (x, y, (x[0] + 1) * sizeof (guint)) == 0;
}

/* The most classes counted in a table rather than a hash table */
#define CLASS_TABLE_MAX (G_GUINT64_CONSTANT (1) << 22)

/* Groups the records into classes at @node; returns the class size of
 * each record (G_MAXUINT for a class with everything suppressed). */
static guint *
class_sizes (TypeData  *td,
             guint    **keys,
             guint     *tops,
             guint     *node,
             guint     *n_classes)
{
  guint nq = td->qis->len;
  guint n = td->records->len;
  g_autoptr(GHashTable) classes = NULL;
  g_autofree guint *flat = NULL;
  guint *sizes = g_new0 (guint, n);
  gboolean all_top = TRUE;
  guint64 space = 1;

  for (guint q = 0; q < nq; q++)
    all_top &= node[q] >= tops[q];
  for (guint q = 0; q < nq && space <= CLASS_TABLE_MAX; q++)
    space *= td->key_counts[q * 3 + node[q]];
  if (space <= CLASS_TABLE_MAX)
    {
      /* Few enough combinations to count them in a table: each record's
       * keys, read as the digits of one number, are its class. */
      g_autofree guint *counts = g_new0 (guint, space);
      g_autofree guint *class = g_new (guint, n);
      guint n_found = 0;

      for (guint j = 0; j < n; j++)
        {
          guint64 c = 0;

          for (guint q = 0; q < nq; q++)
            c = c * td->key_counts[q * 3 + node[q]] + keys[q * 3 + node[q]][j];
          class[j] = (guint) c;
          n_found += counts[c]++ == 0;
        }
      for (guint j = 0; j < n; j++)
        sizes[j] = all_top ? G_MAXUINT : counts[class[j]];
      if (n_classes)
        *n_classes = n_found;
      return sizes;
    }

  classes = g_hash_table_new (class_hash, class_equal);
  flat = g_new0 (guint, (gsize) n * (nq + 1));
  for (guint j = 0; j < n; j++)
    {
      guint *k = flat + (gsize) j * (nq + 1);
      gpointer count;

      k[0] = nq;
      for (guint q = 0; q < nq; q++)
        k[q + 1] = keys[q * 3 + node[q]][j];
      count = g_hash_table_lookup (classes, k);
      g_hash_table_insert (classes, k, GUINT_TO_POINTER (GPOINTER_TO_UINT (count) + 1));
    }
  for (guint j = 0; j < n; j++)
    sizes[j] = all_top ? G_MAXUINT
                       : GPOINTER_TO_UINT (g_hash_table_lookup (classes, flat + (gsize) j * (nq + 1)));
  if (n_classes)
    *n_classes = g_hash_table_size (classes);
  return sizes;
}

typedef struct
{
  guint  node;
  double loss;
} NodeCost;

/* Beyond this many combinations (a codebook with a dozen or more
 * quasi-identifiers in one record type), a greedy search instead. */
#define MAX_LATTICE 20000

static guint
count_suppressed (TypeData  *td,
                  guint    **keys,
                  guint     *tops,
                  guint     *node,
                  guint      k)
{
  g_autofree guint *sz = class_sizes (td, keys, tops, node, NULL);
  guint suppressed = 0;

  td->n_nodes++;
  for (guint j = 0; j < td->records->len; j++)
    suppressed += sz[j] < k;
  return suppressed;
}

/* Raises one quasi-identifier a level at a time, the one that leaves the
 * fewest records to suppress, until few enough are left. */
static void
greedy_search (Pack      *pack,
               TypeData  *td,
               guint    **keys,
               guint     *tops,
               guint      allowed,
               guint     *node)
{
  guint nq = td->qis->len;

  memset (node, 0, nq * sizeof (guint));
  while (count_suppressed (td, keys, tops, node, pack->k) > allowed)
    {
      guint best_q = G_MAXUINT, best_n = G_MAXUINT;

      for (guint q = 0; q < nq; q++)
        {
          guint n;

          if (node[q] >= tops[q])
            continue;
          node[q]++;
          n = count_suppressed (td, keys, tops, node, pack->k);
          node[q]--;
          if (n < best_n)
            {
              best_n = n;
              best_q = q;
            }
        }
      if (best_q == G_MAXUINT)
        break;
      node[best_q]++;
    }
}

static int
compare_node_cost (gconstpointer a,
                   gconstpointer b)
{
  const NodeCost *x = a;
  const NodeCost *y = b;

  if (x->loss < y->loss - 1e-9)
    return -1;
  if (x->loss > y->loss + 1e-9)
    return 1;
  return x->node < y->node ? -1 : x->node > y->node;
}

static gboolean
anonymise (Pack      *pack,
           TypeData  *td,
           GError   **error)
{
  guint nq, n = td->records->len;
  guint allowed;
  g_autofree guint *tops = NULL;
  g_autofree guint *best = NULL;
  g_autofree guint *sizes = NULL;
  g_autofree guint *nodes = NULL;
  g_autoptr(GArray) order = NULL;
  guint **keys;
  guint best_suppressed = G_MAXUINT;
  guint n_nodes;
  double best_loss = 0.0;

  td->levels = g_new0 (guint, td->type->fields->len);
  td->qis = g_ptr_array_new ();
  td->qi_slots = g_new0 (guint, td->type->fields->len + 1);
  for (guint i = 0; i < td->type->fields->len; i++)
    if (field_is_qi (g_ptr_array_index (td->type->fields, i)))
      {
        td->qi_slots[td->qis->len] = i;
        g_ptr_array_add (td->qis, g_ptr_array_index (td->type->fields, i));
      }
  nq = td->qis->len;
  td->k_reached = n;
  if (nq == 0 || n == 0)
    return TRUE;

  tops = g_new0 (guint, nq);
  best = g_new0 (guint, nq);
  for (guint q = 0; q < nq; q++)
    tops[q] = field_top (g_ptr_array_index (td->qis, q));
  allowed = (guint) (pack->max_suppression * n);
  keys = intern_keys (td, tops);

  /* Every combination of levels, cheapest first: a step to bands or
   * groups loses half of what suppressing the field loses. */
  n_nodes = 1;
  for (guint q = 0; q < nq && n_nodes <= MAX_LATTICE; q++)
    n_nodes *= tops[q] + 1;
  if (n_nodes > MAX_LATTICE)
    {
      greedy_search (pack, td, keys, tops, allowed, best);
      n_nodes = 0;
    }
  nodes = g_new0 (guint, (gsize) MAX (n_nodes, 1) * nq);
  order = g_array_sized_new (FALSE, FALSE, sizeof (NodeCost), n_nodes);
  for (guint i = 0; i < n_nodes; i++)
    {
      NodeCost nc = { i, 0.0 };
      guint rest = i;

      for (guint q = 0; q < nq; q++)
        {
          nodes[(gsize) i * nq + q] = rest % (tops[q] + 1);
          rest /= tops[q] + 1;
          nc.loss += (double) nodes[(gsize) i * nq + q] / tops[q];
        }
      g_array_append_val (order, nc);
    }
  g_array_sort (order, compare_node_cost);

  for (guint i = 0; i < n_nodes; i++)
    {
      NodeCost *nc = &g_array_index (order, NodeCost, i);
      g_autofree guint *sz = NULL;
      guint suppressed = 0;

      /* Past the cheapest loss that works: done. */
      if (best_suppressed != G_MAXUINT && nc->loss > best_loss + 1e-9)
        break;
      sz = class_sizes (td, keys, tops, nodes + (gsize) nc->node * nq, NULL);
      td->n_nodes++;
      for (guint j = 0; j < n; j++)
        suppressed += sz[j] < pack->k;
      if (suppressed <= allowed && suppressed < best_suppressed)
        {
          best_suppressed = suppressed;
          best_loss = nc->loss;
          memcpy (best, nodes + (gsize) nc->node * nq, nq * sizeof (guint));
        }
      if (i % 16 == 15 && check_cancelled (pack, error))
        {
          for (guint q = 0; q < nq * 3; q++)
            g_free (keys[q]);
          g_free (keys);
          return FALSE;
        }
    }

  sizes = class_sizes (td, keys, tops, best, &td->n_classes);
  td->k_reached = G_MAXUINT;
  for (guint j = 0; j < n; j++)
    {
      if (sizes[j] < pack->k)
        {
          Record *r = g_ptr_array_index (td->records, j);

          g_hash_table_add (pack->suppressed, g_strdup (record_id (r)));
          r->suppressed = TRUE;
          td->n_suppressed++;
        }
      else if (sizes[j] != G_MAXUINT)
        td->k_reached = MIN (td->k_reached, sizes[j]);
    }
  if (td->k_reached == G_MAXUINT)
    td->k_reached = 0;   /* nothing left to single out: all suppressed */
  for (guint q = 0; q < nq; q++)
    for (guint i = 0; i < td->type->fields->len; i++)
      if (g_ptr_array_index (td->type->fields, i) == g_ptr_array_index (td->qis, q))
        td->levels[i] = best[q];

  for (guint q = 0; q < nq * 3; q++)
    g_free (keys[q]);
  g_free (keys);
  return TRUE;
}

/* The records named in the scope: each must exist, stand, and be of a
 * type with no parent (a submission, visit or session). */
static GHashTable *
resolve_scope (Pack    *pack,
               GError **error)
{
  g_autoptr(GHashTable) scope = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char * const *ids = pack->options->scope;

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(SlRecord) record = NULL;
      g_autoptr(GError) local = NULL;
      SlRecordType *rt;

      if ((record = sl_vault_load_record (pack->vault, ids[i], &local)) == NULL)
        {
          if (g_error_matches (local, SL_RECORD_ERROR, SL_RECORD_ERROR_NOT_FOUND))
            g_set_error (error, SL_PACK_ERROR, SL_PACK_ERROR_SCOPE,
                         "The scope names the record %s, but the vault has no such record. "
                         "Name submissions, visits or sessions by their ids, as `record list` "
                         "shows them; nothing was written", ids[i]);
          else
            g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
      rt = sl_codebook_lookup_type (pack->codebook, sl_record_get_record_type (record), NULL);
      if (sl_record_get_deleted (record))
        {
          g_set_error (error, SL_PACK_ERROR, SL_PACK_ERROR_SCOPE,
                       "The scope names the record %.8s, which is deleted. Undelete it or leave "
                       "it out of the scope; nothing was written", ids[i]);
          return NULL;
        }
      if (rt == NULL || (rt->parents != NULL && rt->parents[0] != NULL))
        {
          g_autofree char *what = g_utf8_strdown (rt ? rt->label
                                                     : sl_record_get_record_type (record), -1);

          g_set_error (error, SL_PACK_ERROR, SL_PACK_ERROR_SCOPE,
                       "The scope names the record %.8s, a %s that belongs to another record. "
                       "Name the submission, visit or session it belongs to (its people come "
                       "with it); nothing was written", ids[i], what);
          return NULL;
        }
      g_hash_table_add (scope, g_strdup (sl_record_get_id (record)));
    }
  if (g_hash_table_size (scope) == 0)
    {
      g_set_error (error, SL_PACK_ERROR, SL_PACK_ERROR_SCOPE,
                   "The scope is empty: name at least one submission, visit or session; "
                   "nothing was written");
      return NULL;
    }
  return g_steal_pointer (&scope);
}

/* Keeps the records in @scope and those that belong to them, at any depth. */
static void
apply_scope (Pack       *pack,
             GHashTable *scope)
{
  gboolean changed = TRUE;

  while (changed)
    {
      changed = FALSE;
      for (guint i = 0; i < pack->types->len; i++)
        {
          TypeData *td = g_ptr_array_index (pack->types, i);

          for (guint j = 0; j < td->records->len; j++)
            {
              Record   *r = g_ptr_array_index (td->records, j);
              const char *parent = record_parent (r);

              if (parent != NULL && g_hash_table_contains (scope, parent) &&
                  !g_hash_table_contains (scope, record_id (r)))
                {
                  g_hash_table_add (scope, g_strdup (record_id (r)));
                  changed = TRUE;
                }
            }
        }
    }
  for (guint i = 0; i < pack->types->len; i++)
    {
      TypeData *td = g_ptr_array_index (pack->types, i);
      GPtrArray *kept = g_ptr_array_new_with_free_func ((GDestroyNotify) record_unref);

      for (guint j = 0; j < td->records->len; j++)
        {
          Record   *r = g_ptr_array_index (td->records, j);

          if (g_hash_table_contains (scope, record_id (r)))
            g_ptr_array_add (kept, record_ref (r));
        }
      g_ptr_array_unref (td->records);
      td->records = kept;
    }
}

/* Pack ids: in the order the vault lists the records, by type. */
static gboolean
collect (Pack    *pack,
         GError **error)
{
  GPtrArray *types = sl_codebook_get_record_types (pack->codebook);
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) scope = NULL;

  if (pack->options->scope != NULL && (scope = resolve_scope (pack, error)) == NULL)
    return FALSE;

  for (guint i = 0; i < types->len; i++)
    {
      TypeData *td = g_new0 (TypeData, 1);

      td->type = g_ptr_array_index (types, i);
      td->records = g_ptr_array_new_with_free_func ((GDestroyNotify) record_unref);
      g_ptr_array_add (pack->types, td);
    }
  if (!load_records (pack, error))
    return FALSE;
  if (scope != NULL)
    apply_scope (pack, scope);

  for (guint i = 0; i < pack->types->len; i++)
    {
      TypeData *td = g_ptr_array_index (pack->types, i);
      SlRecordType *rt = td->type;
      guint digits;

      td->prefix = type_prefix (rt->id, taken);
      digits = rt->parents && rt->parents[0] ? 5 : 4;
      while (td->records->len >= pow10_guint (digits))
        digits++;
      for (guint j = 0; j < td->records->len; j++)
        {
          Record   *r = g_ptr_array_index (td->records, j);
          char *pack_id = g_strdup_printf ("%s%0*u", td->prefix, (int) digits, j + 1);

          g_hash_table_insert (pack->ids, g_strdup (record_id (r)), pack_id);
          r->pack_id = pack_id;
          if (scope != NULL && (rt->parents == NULL || rt->parents[0] == NULL))
            g_ptr_array_add (pack->scope_ids, g_strdup (pack_id));
        }
      if (!anonymise (pack, td, error))
        return FALSE;
      plan_columns (td);
      if (check_cancelled (pack, error))
        return FALSE;
    }
  return TRUE;
}

/* The longest text of each string column, which the .sav must know
 * before its first row. */
static void
measure_columns (Pack     *pack,
                 TypeData *td)
{
  for (guint c = 0; c < td->columns->len; c++)
    {
      Column *col = g_ptr_array_index (td->columns, c);

      if (col->numeric)
        continue;
      for (guint j = 0; j < td->records->len; j++)
        {
          gint64 num = 0;
          const char *text = NULL;

          if (cell_get (pack, col, g_ptr_array_index (td->records, j), FALSE, &num, &text) ==
              CELL_TEXT)
            col->width = MAX (col->width, strlen (text));
        }
    }
}

/* One CSV file per record type, written straight from the records: codes
 * as numbers, or with the labels option what a person reads. */
static GBytes *
make_csv (Pack          *pack,
          TypeData      *td,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autoptr(GString) out = csv_new ();
  g_autofree const char **header = g_new0 (const char *, td->columns->len + 1);
  gboolean labels = pack->options->labels;
  guint n_cols = td->columns->len;
  Column **cols = (Column **) td->columns->pdata;

  for (guint c = 0; c < n_cols; c++)
    header[c] = cols[c]->name;
  csv_row (out, header, n_cols);
  for (guint j = 0; j < td->records->len; j++)
    {
      Record *r = g_ptr_array_index (td->records, j);

      for (guint c = 0; c < n_cols; c++)
        {
          gint64 num = 0;
          const char *text = NULL;

          if (c > 0)
            g_string_append_c (out, ',');
          switch (cell_get (pack, cols[c], r, labels, &num, &text))
            {
            case CELL_NUMBER:
              _sl_string_append_int (out, num);
              break;
            case CELL_TEXT:
              /* Text Excel would run as a formula is written as text */
              if (!cols[c]->numeric && looks_like_formula (text))
                {
                  g_autofree char *safe = g_strconcat ("'", text, NULL);

                  csv_append (out, safe);
                }
              else
                csv_append (out, text);
              break;
            case CELL_EMPTY:
            default:
              break;
            }
        }
      g_string_append (out, "\r\n");
      if (j % 1024 == 1023 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
    }
  return g_string_free_to_bytes (g_steal_pointer (&out));
}

static ssize_t
sav_write_cb (const void *data,
              size_t      len,
              void       *ctx)
{
  GByteArray *sink = ctx;

  if (len > G_MAXUINT - sink->len)
    return -1;
  g_byte_array_append (sink, data, (guint) len);
  return (ssize_t) len;
}

static void
add_missing_labels (Pack                 *pack,
                    readstat_label_set_t *set)
{
  readstat_label_double_value (set, (double) pack->unknown, "Unknown");
  readstat_label_double_value (set, (double) pack->not_recorded, "Not recorded");
  readstat_label_double_value (set, SL_PACK_SUPPRESSED_VALUE, "Suppressed (disclosure control)");
}

static gboolean
sav_failed (readstat_error_t  rs,
            const char       *rel,
            GError          **error)
{
  g_set_error (error, SL_PACK_ERROR, SL_PACK_ERROR_WRITE, "%s: %s", rel,
               readstat_error_message (rs));
  return FALSE;
}

/* Defines the variables; returns them in column order. */
static GPtrArray *
sav_define (Pack              *pack,
            TypeData          *td,
            readstat_writer_t *writer)
{
  GPtrArray *vars = g_ptr_array_new ();

  for (guint c = 0; c < td->columns->len; c++)
    {
      Column *col = g_ptr_array_index (td->columns, c);
      g_autofree char *label = utf8_cut (col->label, 255);
      readstat_variable_t *var;

      if (col->numeric)
        {
          g_autofree char *set_name = g_strdup_printf ("labels%u", c);
          readstat_label_set_t *set = readstat_add_label_set (writer, READSTAT_TYPE_DOUBLE, set_name);
          g_autoptr(GArray) labels = column_labels (col);

          var = readstat_add_variable (writer, col->name, READSTAT_TYPE_DOUBLE, 0);
          readstat_variable_set_format (var, "F8.0");

          for (guint j = 0; j < labels->len; j++)
            {
              ValueLabel *vl = &g_array_index (labels, ValueLabel, j);
              g_autofree char *text = utf8_cut (vl->label, 120);

              readstat_label_double_value (set, (double) vl->value, text);
            }
          add_missing_labels (pack, set);
          readstat_variable_set_label_set (var, set);
          readstat_variable_add_missing_double_value (var, (double) pack->unknown);
          readstat_variable_add_missing_double_value (var, (double) pack->not_recorded);
          readstat_variable_add_missing_double_value (var, SL_PACK_SUPPRESSED_VALUE);
        }
      else
        var = readstat_add_variable (writer, col->name, READSTAT_TYPE_STRING, col->width);
      readstat_variable_set_label (var, label);
      readstat_variable_set_measure (var, column_measure (col));
      g_ptr_array_add (vars, var);
    }
  return vars;
}

/* The .sav of a record type, from the records: numbers go in as numbers. */
static GBytes *
make_sav (Pack          *pack,
          TypeData      *td,
          gsize         *data_start,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autofree char *rel = g_strdup_printf ("data/%s.sav", td->type->id);
  g_autofree char *file_label = utf8_cut (td->type->plural ? td->type->plural : td->type->label, 64);
  g_autoptr(GPtrArray) vars = NULL;
  g_autoptr(GByteArray) sink = g_byte_array_new ();
  readstat_writer_t *writer;
  readstat_error_t rs = READSTAT_OK;
  Column **cols = (Column **) td->columns->pdata;

  writer = readstat_writer_init ();
  readstat_set_data_writer (writer, sav_write_cb);
  readstat_writer_set_file_label (writer, file_label);
  readstat_writer_set_file_timestamp (writer, 0);
  /* SPSS's own bytecode compression: most cells are small whole numbers,
   * a byte each rather than eight */
  readstat_writer_set_compression (writer, READSTAT_COMPRESS_ROWS);
  *data_start = 0;
  vars = sav_define (pack, td, writer);
  rs = readstat_begin_writing_sav (writer, sink, (long) td->records->len);
  if (rs == READSTAT_OK)
    rs = readstat_validate_metadata (writer);
  for (guint c = 0; rs == READSTAT_OK && c < vars->len; c++)
    rs = readstat_validate_variable (writer, g_ptr_array_index (vars, c));

  for (guint j = 0; rs == READSTAT_OK && j < td->records->len; j++)
    {
      Record *r = g_ptr_array_index (td->records, j);

      rs = readstat_begin_row (writer);
      /* The first row writes the dictionary: what follows is the cases */
      if (j == 0)
        *data_start = sink->len;
      for (guint c = 0; rs == READSTAT_OK && c < vars->len; c++)
        {
          readstat_variable_t *var = g_ptr_array_index (vars, c);
          gint64 num = 0;
          const char *text = NULL;
          CellKind kind = cell_get (pack, cols[c], r, FALSE, &num, &text);

          if (!cols[c]->numeric)
            rs = readstat_insert_string_value (writer, var, kind == CELL_TEXT ? text : "");
          else if (kind == CELL_NUMBER)
            rs = readstat_insert_double_value (writer, var, (double) num);
          else if (kind == CELL_TEXT)
            rs = readstat_insert_double_value (writer, var, g_ascii_strtod (text, NULL));
          else
            rs = readstat_insert_missing_value (writer, var);
        }
      if (rs == READSTAT_OK)
        rs = readstat_end_row (writer);
      if (rs == READSTAT_OK && j % 1024 == 1023 &&
          g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          readstat_writer_free (writer);
          return NULL;
        }
    }
  if (rs == READSTAT_OK)
    rs = readstat_end_writing (writer);
  readstat_writer_free (writer);

  if (rs != READSTAT_OK)
    {
      sav_failed (rs, rel, error);
      sodium_memzero (sink->data, sink->len);
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&sink));
}

/* In a thread of its own: the .sav of every record type, while the .csv
 * files are made. They read the same records and write nothing shared but
 * the list of files, which add_entry() locks. */
static gpointer
sav_thread (gpointer data)
{
  Pack *pack = data;

  for (guint i = 0; i < pack->types->len; i++)
    {
      TypeData *td = g_ptr_array_index (pack->types, i);
      g_autofree char *rel = g_strdup_printf ("data/%s.sav", td->type->id);
      GBytes *bytes;
      gsize data_start = 0;

      if ((bytes = make_sav (pack, td, &data_start, pack->cancellable, &pack->sav_error)) == NULL)
        break;
      add_file (pack, rel, bytes, data_start);
    }
  return NULL;
}

/* Waits for the .sav files; %FALSE if one could not be made. */
static gboolean
join_sav (Pack    *pack,
          GError **error)
{
  if (pack->sav_thread != NULL)
    g_thread_join (g_steal_pointer (&pack->sav_thread));
  if (pack->sav_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&pack->sav_error));
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_data (Pack    *pack,
            GError **error)
{
  /* The .sav needs the width of its texts before its first row */
  for (guint i = 0; i < pack->types->len; i++)
    measure_columns (pack, g_ptr_array_index (pack->types, i));
  pack->sav_thread = g_thread_new ("sl-pack-sav", sav_thread, pack);

  for (guint i = 0; i < pack->types->len; i++)
    {
      TypeData *td = g_ptr_array_index (pack->types, i);
      g_autofree char *rel = g_strdup_printf ("data/%s.csv", td->type->id);
      GBytes *csv;

      if ((csv = make_csv (pack, td, pack->cancellable, error)) == NULL)
        return FALSE;
      add_entry (pack, rel, csv);
      if (check_cancelled (pack, error))
        return FALSE;
      pack->report->n_records += td->records->len;
      pack->report->n_variables += td->columns->len;
      pack->report->n_fields_withheld += td->withheld->len;
      pack->report->n_records_suppressed += td->n_suppressed;
      if (td->qis && td->qis->len > 0 && td->k_reached > 0)
        pack->report->k_reached = pack->report->k_reached == 0
                                  ? td->k_reached : MIN (pack->report->k_reached, td->k_reached);
      report_progress (pack, 0.1 + 0.3 * (i + 1) / pack->types->len);
    }
  return TRUE;
}

static const char *
column_treatment (Column *col)
{
  switch (col->kind)
    {
    case COL_ID:
      return "pack-local id; the record's id stays in the vault";
    case COL_PARENT:
      return "pack-local id of the parent record";
    case COL_OPTION:
      return "one 0/1 column per option of a multiple choice";
    case COL_OTHER:
      return "1 when an \"other\" answer was given; its text stays in the vault";
    case COL_ANY:
    case COL_VALUE:
    default:
      break;
    }
  if (col->kind == COL_ANY)
    return "generalised: 1 when any option was chosen (k-anonymity)";
  if (col->top > 0 && col->level >= col->top)
    return "suppressed for every record (k-anonymity)";
  if (col->top > 0 && col->level == 1)
    return col->field->type == SL_FIELD_CHOICE ? "generalised to its groups (k-anonymity)"
                                               : "generalised to its bands (k-anonymity)";
  if (col->top > 0)
    return "quasi-identifier: as recorded, suppressed where a record stood out";
  if (col->field->type == SL_FIELD_REFERENCE)
    return "record id replaced by its pack-local id";
  if (col->field->type == SL_FIELD_CHOICE && col->field->allow_other)
    return "as recorded; \"other\" answers written as code " G_STRINGIFY (SL_PACK_OTHER_VALUE)
           ", their text stays in the vault";
  return "as recorded";
}

static void
add_value_labels (Pack        *pack,
                  JsonBuilder *b,
                  Column      *col)
{
  g_autoptr(GArray) labels = column_labels (col);

  json_builder_set_member_name (b, "values");
  json_builder_begin_array (b);
  for (guint j = 0; j < labels->len; j++)
    {
      ValueLabel *vl = &g_array_index (labels, ValueLabel, j);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "value");
      json_builder_add_int_value (b, vl->value);
      if (vl->code)
        {
          json_builder_set_member_name (b, "code");
          json_builder_add_string_value (b, vl->code);
        }
      json_builder_set_member_name (b, "label");
      json_builder_add_string_value (b, vl->label);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static const char *
column_type_name (Column *col)
{
  if (col->kind == COL_ID || col->kind == COL_PARENT)
    return "id";
  if (col->kind == COL_OPTION || col->kind == COL_OTHER || col->kind == COL_ANY)
    return "indicator";
  return sl_field_type_to_string (col->field->type);
}

static gboolean
write_codebook (Pack    *pack,
                GError **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;
  g_autoptr(GString) txt = g_string_new (NULL);

  g_string_append_printf (txt, "Codebook of this analyst pack\r\n"
                          "=============================\r\n\r\n"
                          "Codebook: %s (%s, version %" G_GINT64_FORMAT ")\r\n"
                          "Missing values, in every numeric variable (user-missing in .sav):\r\n"
                          "  %" G_GINT64_FORMAT " = Unknown\r\n"
                          "  %" G_GINT64_FORMAT " = Not recorded\r\n"
                          "  %d = Suppressed (disclosure control)\r\n"
                          "An empty cell is no answer. Multiple choices are one column per "
                          "option (NAME_value, NAME_OTH for \"other\"): 1 = chosen, 0 = not.\r\n",
                          sl_codebook_get_title (pack->codebook), sl_codebook_get_id (pack->codebook),
                          sl_codebook_get_version (pack->codebook), pack->unknown, pack->not_recorded,
                          SL_PACK_SUPPRESSED_VALUE);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "pack_format");
  json_builder_add_int_value (b, SL_PACK_FORMAT);
  json_builder_set_member_name (b, "codebook");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, sl_codebook_get_id (pack->codebook));
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, sl_codebook_get_version (pack->codebook));
  json_builder_set_member_name (b, "title");
  json_builder_add_string_value (b, sl_codebook_get_title (pack->codebook));
  json_builder_end_object (b);
  json_builder_set_member_name (b, "missing_values");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, SL_MISSING_UNKNOWN);
  json_builder_add_int_value (b, pack->unknown);
  json_builder_set_member_name (b, SL_MISSING_NOT_RECORDED);
  json_builder_add_int_value (b, pack->not_recorded);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "suppressed_value");
  json_builder_add_int_value (b, SL_PACK_SUPPRESSED_VALUE);
  json_builder_set_member_name (b, "labels_in_csv");
  json_builder_add_boolean_value (b, pack->options->labels);
  json_builder_set_member_name (b, "record_types");
  json_builder_begin_array (b);
  for (guint i = 0; i < pack->types->len; i++)
    {
      TypeData *td = g_ptr_array_index (pack->types, i);
      g_autofree char *csv = g_strdup_printf ("data/%s.csv", td->type->id);
      g_autofree char *sav = g_strdup_printf ("data/%s.sav", td->type->id);

      g_string_append_printf (txt, "\r\n%s (data/%s.csv, data/%s.sav): %u records, ids starting %s\r\n",
                              td->type->plural ? td->type->plural : td->type->label, td->type->id,
                              td->type->id, td->records->len, td->prefix);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, td->type->id);
      json_builder_set_member_name (b, "label");
      json_builder_add_string_value (b, td->type->label);
      json_builder_set_member_name (b, "csv");
      json_builder_add_string_value (b, csv);
      json_builder_set_member_name (b, "sav");
      json_builder_add_string_value (b, sav);
      json_builder_set_member_name (b, "id_prefix");
      json_builder_add_string_value (b, td->prefix);
      json_builder_set_member_name (b, "records");
      json_builder_add_int_value (b, td->records->len);
      json_builder_set_member_name (b, "variables");
      json_builder_begin_array (b);
      for (guint c = 0; c < td->columns->len; c++)
        {
          Column *col = g_ptr_array_index (td->columns, c);

          g_string_append_printf (txt, "  %-12s %s [%s, %s]\r\n", col->name, col->label,
                                  column_type_name (col), measure_name (column_measure (col)));
          if (col->kind == COL_VALUE)
            {
              g_autoptr(GArray) labels = column_labels (col);

              for (guint j = 0; j < labels->len; j++)
                {
                  ValueLabel *vl = &g_array_index (labels, ValueLabel, j);

                  g_string_append_printf (txt, "      %6" G_GINT64_FORMAT " = %s\r\n",
                                          vl->value, vl->label);
                }
            }
          if (!g_str_equal (column_treatment (col), "as recorded") && col->kind != COL_OPTION)
            g_string_append_printf (txt, "           (%s)\r\n", column_treatment (col));

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "name");
          json_builder_add_string_value (b, col->name);
          json_builder_set_member_name (b, "label");
          json_builder_add_string_value (b, col->label);
          json_builder_set_member_name (b, "field");
          if (col->field)
            json_builder_add_string_value (b, col->field->id);
          else
            json_builder_add_null_value (b);
          if (col->option)
            {
              json_builder_set_member_name (b, "option");
              json_builder_add_string_value (b, col->option->code);
            }
          json_builder_set_member_name (b, "type");
          json_builder_add_string_value (b, column_type_name (col));
          json_builder_set_member_name (b, "measure");
          json_builder_add_string_value (b, measure_name (column_measure (col)));
          json_builder_set_member_name (b, "quasi_identifier");
          json_builder_add_boolean_value (b, col->field && col->field->quasi_identifier);
          add_value_labels (pack, b, col);
          json_builder_set_member_name (b, "generalised");
          json_builder_add_string_value (b, column_treatment (col));
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_set_member_name (b, "withheld");
      json_builder_begin_array (b);
      for (guint w = 0; w < td->withheld->len; w++)
        {
          Withheld *wh = g_ptr_array_index (td->withheld, w);

          g_string_append_printf (txt, "  not written: %s (%s)\r\n", wh->field, wh->reason);
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "field");
          json_builder_add_string_value (b, wh->field);
          json_builder_set_member_name (b, "reason");
          json_builder_add_string_value (b, wh->reason);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  json = json_generator_to_data (gen, NULL);
  return write_file (pack, "codebook.json", json, strlen (json), error) &&
         write_string (pack, "codebook.txt", g_steal_pointer (&txt), error);
}

/* Notes: the reviewed ones, redacted, one file each; and the sheet NVivo
 * reads to classify them by the record's quasi-identifiers. With @dry,
 * only counts what would be written and left out. */
static gboolean
write_notes (Pack     *pack,
             gboolean  dry,
             GError  **error)
{
  g_autoptr(GString) sheet = csv_new ();
  g_autoptr(GPtrArray) header = g_ptr_array_new ();
  g_autoptr(GHashTable) attr_index = g_hash_table_new (g_str_hash, g_str_equal);

  /* Attribute columns: every quasi-identifier column written, by name. */
  for (guint i = 0; i < pack->types->len; i++)
    {
      TypeData *td = g_ptr_array_index (pack->types, i);

      for (guint c = 0; c < td->columns->len; c++)
        {
          Column *col = g_ptr_array_index (td->columns, c);

          if (col->field && col->field->quasi_identifier &&
              !g_hash_table_contains (attr_index, col->name))
            {
              g_hash_table_insert (attr_index, col->name,
                                   GUINT_TO_POINTER (pack->note_attrs->len));
              g_ptr_array_add (pack->note_attrs, col->name);
            }
        }
    }

  for (guint i = 0; i < pack->types->len; i++)
    {
      TypeData *td = g_ptr_array_index (pack->types, i);

      for (guint j = 0; j < td->records->len; j++)
        {
          Record   *r = g_ptr_array_index (td->records, j);
          const char *pack_id = g_hash_table_lookup (pack->ids, record_id (r));

          for (guint f = 0; f < td->type->fields->len; f++)
            {
              SlField *field = g_ptr_array_index (td->type->fields, f);
              g_autoptr(GError) local = NULL;
              g_autofree char *text = NULL;
              g_autofree char *name = NULL;
              g_autofree char *rel = NULL;
              const char *parent;
              const char *parent_id;
              char **row;
              SlNoteStatus status;

              JsonNode *value;

              if (field->type != SL_FIELD_LONG_TEXT)
                continue;
              /* Most records have no note: ask for a review only where
               * there is something to review. */
              value = record_value (r, f);
              if (value == NULL || !JSON_NODE_HOLDS_VALUE (value) ||
                  json_node_get_value_type (value) != G_TYPE_STRING ||
                  *json_node_get_string (value) == '\0')
                continue;
              status = sl_vault_get_note_status (pack->vault, record_id (r), field->id, &local);
              if (local != NULL)
                {
                  g_propagate_error (error, g_steal_pointer (&local));
                  return FALSE;
                }
              if (status == SL_NOTE_EMPTY)
                continue;
              if (status != SL_NOTE_REVIEWED)
                {
                  pack->report->n_notes_unreviewed++;
                  continue;
                }
              if (dry)
                {
                  pack->report->n_notes_written++;
                  continue;
                }
              text = sl_vault_redact_note (pack->vault, record_id (r), field->id, NULL, error);
              if (text == NULL)
                return FALSE;
              name = g_strdup_printf ("%s-%s.txt", pack_id, field->id);
              rel = g_build_filename ("notes", name, NULL);
              if (!write_file (pack, rel, text, strlen (text), error))
                return FALSE;
              pack->report->n_notes_written++;

              row = g_new0 (char *, 4 + pack->note_attrs->len + 1);
              row[0] = g_strdup (name);
              row[1] = g_strdup (pack_id);
              row[2] = g_strdup (td->type->label);
              parent = record_parent (r);
              parent_id = parent ? g_hash_table_lookup (pack->ids, parent) : NULL;
              row[3] = g_strdup (parent_id ? parent_id : "");
              for (guint a = 0; a < pack->note_attrs->len; a++)
                row[4 + a] = g_strdup ("");
              for (guint c = 0; c < td->columns->len; c++)
                {
                  Column *col = g_ptr_array_index (td->columns, c);
                  gpointer idx;

                  if (col->field && col->field->quasi_identifier &&
                      g_hash_table_lookup_extended (attr_index, col->name, NULL, &idx))
                    {
                      g_free (row[4 + GPOINTER_TO_UINT (idx)]);
                      row[4 + GPOINTER_TO_UINT (idx)] = cell (pack, col, r, pack->options->labels);
                    }
                }
              g_ptr_array_add (pack->note_rows, row);
            }
          if (j % 64 == 63 && check_cancelled (pack, error))
            return FALSE;
        }
    }

  if (dry)
    return TRUE;
  g_ptr_array_add (header, (gpointer) "File");
  g_ptr_array_add (header, (gpointer) "Case");
  g_ptr_array_add (header, (gpointer) "Record type");
  g_ptr_array_add (header, (gpointer) "Parent");
  for (guint a = 0; a < pack->note_attrs->len; a++)
    g_ptr_array_add (header, g_ptr_array_index (pack->note_attrs, a));
  csv_row (sheet, (const char * const *) header->pdata, header->len);
  for (guint n = 0; n < pack->note_rows->len; n++)
    csv_row (sheet, g_ptr_array_index (pack->note_rows, n), header->len);
  return write_string (pack, "notes/classification.csv", g_steal_pointer (&sheet), error);
}

static gboolean
write_report (Pack    *pack,
              GError **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;
  g_autoptr(GString) txt = g_string_new (NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *created = g_date_time_format_iso8601 (now);

  g_string_append_printf (txt, "Disclosure report\r\n=================\r\n\r\n"
                          "Written: %s\r\nCodebook: %s, version %" G_GINT64_FORMAT "\r\n\r\n",
                          created, sl_codebook_get_id (pack->codebook),
                          sl_codebook_get_version (pack->codebook));
  g_string_append (txt, "What was written\r\n----------------\r\n");
  if (pack->scope_ids->len == 0)
    g_string_append (txt, "Scope: every record in the vault.\r\n");
  else
    {
      g_string_append (txt, "Scope:");
      for (guint i = 0; i < pack->scope_ids->len; i++)
        g_string_append_printf (txt, "%s %s", i > 0 ? "," : "",
                                (char *) g_ptr_array_index (pack->scope_ids, i));
      g_string_append (txt, ", and the records that belong to them; nothing else in the vault "
                       "was read into this pack, and k-anonymity was computed over these "
                       "records alone.\r\n");
    }
  for (guint i = 0; i < pack->types->len; i++)
    {
      TypeData *td = g_ptr_array_index (pack->types, i);

      g_string_append_printf (txt, "%-20s %6u records, %4u variables (data/%s.csv, .sav)\r\n",
                              td->type->id, td->records->len, td->columns->len, td->type->id);
    }
  g_string_append_printf (txt, "Notes: %u reviewed notes written (redacted); %u left out because "
                          "nobody has reviewed them, or they changed since their review.\r\n\r\n",
                          pack->report->n_notes_written, pack->report->n_notes_unreviewed);
  g_string_append (txt, "Record ids are pack-local (they are not the vault's ids).\r\n"
                   "\"Other: …\" answers are written as \"Other\"; their text stays in the "
                   "vault.\r\n\r\nFields not written\r\n-----------------\r\n");
  for (guint i = 0; i < pack->types->len; i++)
    {
      TypeData *td = g_ptr_array_index (pack->types, i);

      for (guint w = 0; w < td->withheld->len; w++)
        {
          Withheld *wh = g_ptr_array_index (td->withheld, w);

          g_string_append_printf (txt, "%s.%s: %s\r\n", wh->type, wh->field, wh->reason);
        }
    }
  g_string_append_printf (txt, "\r\nk-anonymity\r\n-----------\r\n"
                          "Every combination of quasi-identifiers in a data file is shared by at "
                          "least k = %u records, or the record's quasi-identifiers are all "
                          "suppressed (code %d). Each quasi-identifier was kept as recorded, "
                          "generalised along the codebook's hierarchy (bands, groups, any), or "
                          "suppressed, choosing the least generalisation that leaves at most "
                          "%.0f%% of a file's records to suppress.\r\n"
                          "Not covered: combinations across files (a person's row with the "
                          "region of their submission), and the notes.\r\n",
                          pack->k, SL_PACK_SUPPRESSED_VALUE, pack->max_suppression * 100);
  for (guint i = 0; i < pack->types->len; i++)
    {
      TypeData *td = g_ptr_array_index (pack->types, i);
      guint used = 0, possible = 0;

      if (td->qis == NULL || td->qis->len == 0)
        continue;
      for (guint f = 0; f < td->type->fields->len; f++)
        if (field_is_qi (g_ptr_array_index (td->type->fields, f)))
          {
            used += td->levels[f];
            possible += field_top (g_ptr_array_index (td->type->fields, f));
          }
      g_string_append_printf (txt, "\r\n%s: %u records in %u classes; smallest class %u; "
                              "%u records suppressed; %u combinations tried; generalisation "
                              "used %u of %u steps\r\n", td->type->id, td->records->len,
                              td->n_classes, td->k_reached, td->n_suppressed, td->n_nodes, used,
                              possible);
      for (guint f = 0; f < td->type->fields->len; f++)
        {
          SlField *field = g_ptr_array_index (td->type->fields, f);

          if (field_is_qi (field))
            g_string_append_printf (txt, "  %-28s %s\r\n", field->id,
                                    level_name (field, td->levels[f]));
        }
    }
  g_string_append (txt, "\r\n");
  g_string_append (txt, "Identifier scan\r\n---------------\r\n"
                   "Every file of the pack was searched for every direct identifier the vault "
                   "holds (values of identifying fields, and every name in the pseudonym "
                   "registry and its forms) before the pack was put in place. None was "
                   "found.\r\n");

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "pack_format");
  json_builder_add_int_value (b, SL_PACK_FORMAT);
  json_builder_set_member_name (b, "created");
  json_builder_add_string_value (b, created);
  json_builder_set_member_name (b, "scope");
  if (pack->scope_ids->len == 0)
    json_builder_add_string_value (b, "all");
  else
    {
      json_builder_begin_array (b);
      for (guint i = 0; i < pack->scope_ids->len; i++)
        json_builder_add_string_value (b, g_ptr_array_index (pack->scope_ids, i));
      json_builder_end_array (b);
    }
  json_builder_set_member_name (b, "record_types");
  json_builder_begin_array (b);
  for (guint i = 0; i < pack->types->len; i++)
    {
      TypeData *td = g_ptr_array_index (pack->types, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, td->type->id);
      json_builder_set_member_name (b, "records");
      json_builder_add_int_value (b, td->records->len);
      json_builder_set_member_name (b, "variables");
      json_builder_add_int_value (b, td->columns->len);
      json_builder_set_member_name (b, "withheld");
      json_builder_begin_array (b);
      for (guint w = 0; w < td->withheld->len; w++)
        {
          Withheld *wh = g_ptr_array_index (td->withheld, w);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "field");
          json_builder_add_string_value (b, wh->field);
          json_builder_set_member_name (b, "reason");
          json_builder_add_string_value (b, wh->reason);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "notes");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "written");
  json_builder_add_int_value (b, pack->report->n_notes_written);
  json_builder_set_member_name (b, "left_out_unreviewed");
  json_builder_add_int_value (b, pack->report->n_notes_unreviewed);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "k_anonymity");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "applied");
  json_builder_add_boolean_value (b, TRUE);
  json_builder_set_member_name (b, "k");
  json_builder_add_int_value (b, pack->k);
  json_builder_set_member_name (b, "max_suppression");
  json_builder_add_double_value (b, pack->max_suppression);
  json_builder_set_member_name (b, "suppressed_value");
  json_builder_add_int_value (b, SL_PACK_SUPPRESSED_VALUE);
  json_builder_set_member_name (b, "record_types");
  json_builder_begin_array (b);
  for (guint i = 0; i < pack->types->len; i++)
    {
      TypeData *td = g_ptr_array_index (pack->types, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, td->type->id);
      json_builder_set_member_name (b, "classes");
      json_builder_add_int_value (b, td->n_classes);
      json_builder_set_member_name (b, "smallest_class");
      json_builder_add_int_value (b, td->k_reached);
      json_builder_set_member_name (b, "records_suppressed");
      json_builder_add_int_value (b, td->n_suppressed);
      json_builder_set_member_name (b, "quasi_identifiers");
      json_builder_begin_array (b);
      for (guint f = 0; f < td->type->fields->len; f++)
        {
          SlField *field = g_ptr_array_index (td->type->fields, f);

          if (!field_is_qi (field))
            continue;
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "field");
          json_builder_add_string_value (b, field->id);
          json_builder_set_member_name (b, "level");
          json_builder_add_int_value (b, td->levels[f]);
          json_builder_set_member_name (b, "generalisation");
          json_builder_add_string_value (b, level_name (field, td->levels[f]));
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "identifier_scan");
  json_builder_add_string_value (b, "passed");
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  json = json_generator_to_data (gen, NULL);
  return write_string (pack, "disclosure-report.txt", g_steal_pointer (&txt), error) &&
         write_file (pack, "disclosure-report.json", json, strlen (json), error);
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const Entry *x = *(Entry * const *) a;
  const Entry *y = *(Entry * const *) b;

  return strcmp (x->rel, y->rel);
}

static gboolean
write_manifest (Pack    *pack,
                GError **error)
{
  g_autoptr(GString) out = g_string_new (NULL);

  g_ptr_array_sort (pack->entries, compare_entries);
  for (guint i = 0; i < pack->entries->len; i++)
    {
      Entry *e = g_ptr_array_index (pack->entries, i);
      char hex[crypto_hash_sha256_BYTES * 2 + 1];

      /* hashed by seal_entry() when the file was made */
      if (!e->hashed)
        {
          g_set_error (error, SL_PACK_ERROR, SL_PACK_ERROR_WRITE, "%s was not hashed", e->rel);
          return FALSE;
        }
      sodium_bin2hex (hex, sizeof hex, e->hash, sizeof e->hash);
      g_string_append_printf (out, "%s  %s\n", hex, e->rel);
    }
  return write_string (pack, "MANIFEST", g_steal_pointer (&out), error);
}

/* The identifier scan */

typedef struct
{
  char       *text;   /* lower case */
  char       *kind;
} Needle;

static void
needle_free (Needle *n)
{
  g_free (n->text);
  g_free (n->kind);
  g_free (n);
}

/* Every word of the codebook, in lower case: the runs of characters that
 * are [[:alnum:]] to GRegex. The class of each character beyond ASCII is
 * asked of GRegex once; splitting the whole codebook with it would check
 * the rest of the text as UTF-8 again at every word. */
static GHashTable *
codebook_words (SlCodebook *codebook)
{
  GHashTable *words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *low = g_utf8_strdown (sl_codebook_get_json (codebook), -1);
  g_autoptr(GRegex) alnum = g_regex_new ("[[:alnum:]]", 0, 0, NULL);
  g_autoptr(GHashTable) classes = g_hash_table_new (NULL, NULL);   /* char -> 1 + alnum */
  const char *start = NULL;
  const char *p;

  for (p = low; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean is_alnum;

      if (c < 0x80)
        is_alnum = g_ascii_isalnum ((char) c);
      else
        {
          guint known = GPOINTER_TO_UINT (g_hash_table_lookup (classes, GUINT_TO_POINTER (c)));

          if (known == 0)
            {
              known = 1 + g_regex_match_full (alnum, p, g_utf8_next_char (p) - p, 0, 0, NULL,
                                              NULL);
              g_hash_table_insert (classes, GUINT_TO_POINTER (c), GUINT_TO_POINTER (known));
            }
          is_alnum = known == 2;
        }
      if (is_alnum && start == NULL)
        start = p;
      else if (!is_alnum && start != NULL)
        {
          g_hash_table_add (words, g_strndup (start, (gsize) (p - start)));
          start = NULL;
        }
    }
  if (start != NULL)
    g_hash_table_add (words, g_strndup (start, (gsize) (p - start)));
  return words;
}

static void
add_needle (GPtrArray  *needles,
            GHashTable *seen,
            GHashTable *vocabulary,
            const char *text,
            const char *kind)
{
  g_autofree char *low = NULL;
  Needle *n;

  if (text == NULL)
    return;
  low = g_utf8_strdown (text, -1);
  g_strstrip (low);
  /* One letter is no name; two (an initial pair, "Jo") only as a word. */
  if (strlen (low) < 2 || g_hash_table_contains (seen, low))
    return;
  /* A lone first name or surname that is also a word of the codebook
   * ("Faith", "Police") would refuse every pack: the whole name, and
   * its other forms, are still searched for. */
  if (strpbrk (low, " \t") == NULL && g_hash_table_contains (vocabulary, low))
    return;
  n = g_new0 (Needle, 1);
  n->text = g_strdup (low);
  n->kind = g_strdup (kind);
  g_hash_table_add (seen, g_steal_pointer (&low));
  g_ptr_array_add (needles, n);
}

static GPtrArray *
collect_needles (Pack    *pack,
                 GError **error)
{
  g_autoptr(GPtrArray) needles = g_ptr_array_new_with_free_func ((GDestroyNotify) needle_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) vocabulary = codebook_words (pack->codebook);
  g_autoptr(GRegex) separators = g_regex_new ("\\s*(?:[;,\\n/]|\\band\\b|&)\\s*", 0, 0, NULL);
  g_autoptr(GPtrArray) pseudonyms = NULL;
  GPtrArray *types = sl_codebook_get_record_types (pack->codebook);

  for (guint i = 0; i < types->len; i++)
    {
      SlRecordType *rt = g_ptr_array_index (types, i);
      g_autoptr(GPtrArray) records = NULL;
      gboolean any = FALSE;

      for (guint f = 0; f < rt->fields->len; f++)
        any |= ((SlField *) g_ptr_array_index (rt->fields, f))->identifying;
      if (!any)
        continue;
      /* Deleted records too: their values are no less identifying. */
      if ((records = sl_vault_list_records (pack->vault, rt->id, TRUE, error)) == NULL)
        return NULL;
      for (guint j = 0; j < records->len; j++)
        for (guint f = 0; f < rt->fields->len; f++)
          {
            SlField *field = g_ptr_array_index (rt->fields, f);
            g_autofree char *kind = NULL;
            g_autofree char *text = NULL;
            g_auto(GStrv) parts = NULL;

            if (!field->identifying)
              continue;
            text = sl_field_format_value (field, sl_record_get_value (g_ptr_array_index (records, j),
                                                                      field->id));
            if (text == NULL || *text == '\0')
              continue;
            kind = g_strdup_printf ("the identifying field %s.%s", rt->id, field->id);
            add_needle (needles, seen, vocabulary, text, kind);
            /* "Jane Smith; Dr Ali Khan and Ms Lee": each name on its own */
            parts = g_regex_split (separators, text, 0);
            for (guint p = 0; parts && parts[p]; p++)
              if (g_utf8_strlen (parts[p], -1) >= 3)
                add_needle (needles, seen, vocabulary, parts[p], kind);
          }
    }

  if ((pseudonyms = sl_vault_list_pseudonyms (pack->vault, NULL, error)) == NULL)
    return NULL;
  for (guint i = 0; i < pseudonyms->len; i++)
    {
      SlPseudonym *p = g_ptr_array_index (pseudonyms, i);
      g_autofree char *kind = g_strdup_printf ("a name in the pseudonym registry (%s, %s)",
                                               p->kind, p->role);

      add_needle (needles, seen, vocabulary, p->name, kind);
      for (guint f = 0; p->forms && f < p->forms->len; f++)
        add_needle (needles, seen, vocabulary, g_ptr_array_index (p->forms, f), kind);
    }
  return g_steal_pointer (&needles);
}

static gboolean
is_word_byte (guchar c)
{
  return g_ascii_isalnum (c) || c >= 0x80;
}

/* The needles, filed by their first two bytes: at most positions of a
 * file one bit says no needle starts there. Built once, then only read,
 * by as many threads as scan. */
struct _Scanner
{
  GPtrArray *needles;           /* Needle */
  gsize     *lengths;
  GArray   **by_pair;           /* 65536 buckets of needle indices */
  guint8     pairs[65536 / 8];  /* a bit per pair that has a bucket */
  guint8     lower[256];        /* ASCII lower case, other bytes as they are */
};

static void
scanner_free (Scanner *scanner)
{
  if (scanner == NULL)
    return;
  for (guint p = 0; p < 65536; p++)
    if (scanner->by_pair[p] != NULL)
      g_array_unref (scanner->by_pair[p]);
  g_free (scanner->by_pair);
  g_free (scanner->lengths);
  g_ptr_array_unref (scanner->needles);
  g_free (scanner);
}

static Scanner *
scanner_new (GPtrArray *needles)
{
  Scanner *scanner = g_new0 (Scanner, 1);

  scanner->needles = g_ptr_array_ref (needles);
  scanner->lengths = g_new0 (gsize, needles->len + 1);
  scanner->by_pair = g_new0 (GArray *, 65536);
  for (guint c = 0; c < 256; c++)
    scanner->lower[c] = (guint8) g_ascii_tolower ((char) c);
  for (guint n = 0; n < needles->len; n++)
    {
      Needle *needle = g_ptr_array_index (needles, n);
      guint pair = ((guchar) needle->text[0] << 8) | (guchar) needle->text[1];

      scanner->lengths[n] = strlen (needle->text);
      if (scanner->by_pair[pair] == NULL)
        scanner->by_pair[pair] = g_array_new (FALSE, FALSE, sizeof (guint));
      g_array_append_val (scanner->by_pair[pair], n);
      scanner->pairs[pair >> 3] |= (guint8) (1u << (pair & 7));
    }
  return scanner;
}

/* Whether @needle (lower case) is at @at in @hay, compared in lower case:
 * short needles only as whole words ("Jo" is not in "journey"). */
static gboolean
needle_at (const Scanner *scanner,
           const guchar  *hay,
           gsize          hay_len,
           gsize          at,
           const char    *needle,
           gsize          len)
{
  const guchar *p = hay + at;
  const guint8 *lower = scanner->lower;

  if (len > hay_len - at)
    return FALSE;
  for (gsize i = 2; i < len; i++)
    if (lower[p[i]] != (guchar) needle[i])
      return FALSE;
  return len >= 5 ||
         ((at == 0 || !is_word_byte (lower[p[-1]])) &&
          (at + len >= hay_len || !is_word_byte (lower[p[len]])));
}

/* Marks in @hit the needles found in @hay, in lower case, in one pass. */
static void
scan_lowered (const Scanner *scanner,
              const guchar  *hay,
              gsize          hay_len,
              guint8        *hit)
{
  const guint8 *lower = scanner->lower;

  for (gsize at = 0; at + 1 < hay_len; at++)
    {
      guint pair = ((guint) lower[hay[at]] << 8) | lower[hay[at + 1]];
      GArray *bucket;

      if (G_LIKELY ((scanner->pairs[pair >> 3] & (1u << (pair & 7))) == 0))
        continue;
      bucket = scanner->by_pair[pair];
      for (guint b = 0; b < bucket->len; b++)
        {
          guint n = g_array_index (bucket, guint, b);
          Needle *needle = g_ptr_array_index (scanner->needles, n);

          if (!hit[n] && needle_at (scanner, hay, hay_len, at, needle->text, scanner->lengths[n]))
            hit[n] = 1;
        }
    }
}

/* Every needle in @data: text that is UTF-8 beyond ASCII (a note) is
 * searched case-folded as UTF-8; anything else (the data files, a .sav)
 * with ASCII letters folded as they are read. Returns the needles found,
 * one byte each, or %NULL for none. */
static guint8 *
scan_bytes (const Scanner *scanner,
            const char    *data,
            gsize          length)
{
  g_autofree guint8 *hit = g_new0 (guint8, scanner->needles->len + 1);
  guint8 high = 0;
  gsize from = 0;

  /* A byte order mark (the CSV files') folds to itself */
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    from = 3;
  for (gsize b = from; b < length; b++)
    high |= (guint8) data[b];
  if ((high & 0x80) != 0 && g_utf8_validate_len (data, length, NULL))
    {
      g_autofree char *low = g_utf8_strdown (data, (gssize) length);

      scan_lowered (scanner, (const guchar *) low, strlen (low), hit);
    }
  else
    scan_lowered (scanner, (const guchar *) data, length, hit);
  for (guint n = 0; n < scanner->needles->len; n++)
    if (hit[n])
      return g_steal_pointer (&hit);
  return NULL;
}

/* A compressed .sav (SPSS bytecode, a block of eight control bytes then
 * the eight-byte units they call for) with its cases written out as an
 * uncompressed one holds them; %NULL if it is not one this writer made. */
static guint8 *
sav_expand (const guint8 *data,
            gsize         length,
            gsize         start,
            gsize        *out_len)
{
  static const guint8 spaces[8] = "        ";
  g_autoptr(GByteArray) out = NULL;
  gint32 compression = 0;
  gint32 record = 0;
  double bias = 0;
  gsize p = start;

  /* the header's compression and bias; the dictionary's end (999) */
  if (length < 92 || start < 8 || start > length)
    return NULL;
  memcpy (&compression, data + 72, sizeof compression);
  memcpy (&bias, data + 84, sizeof bias);
  memcpy (&record, data + start - 8, sizeof record);
  if (compression != 1 || record != 999)
    return NULL;

  out = g_byte_array_sized_new ((guint) MIN ((guint64) length * 4, G_MAXUINT / 2));
  g_byte_array_append (out, data, (guint) start);
  while (p + 8 <= length)
    {
      const guint8 *control = data + p;

      p += 8;
      for (guint k = 0; k < 8; k++)
        {
          double v;

          switch (control[k])
            {
            case 0:     /* padding */
              break;
            case 252:   /* the end */
              goto done;
            case 253:   /* a unit as it is */
              if (p + 8 > length)
                goto done;
              g_byte_array_append (out, data + p, 8);
              p += 8;
              break;
            case 254:   /* eight spaces */
              g_byte_array_append (out, spaces, 8);
              break;
            case 255:   /* system-missing */
              v = -DBL_MAX;
              g_byte_array_append (out, (const guint8 *) &v, 8);
              break;
            default:    /* a whole number, biased */
              v = control[k] - bias;
              g_byte_array_append (out, (const guint8 *) &v, 8);
              break;
            }
        }
    }
done:
  *out_len = out->len;
  return g_byte_array_free (g_steal_pointer (&out), FALSE);
}

/* In a worker: what the manifest, the scan and the .zip need of a file,
 * worked out as soon as the file is made. */
static void
seal_entry (gpointer data,
            gpointer user_data)
{
  Seal *seal = data;
  Entry *e = seal->entry;
  Pack *pack = user_data;
  gsize length = 0;
  const guchar *bytes = g_bytes_get_data (e->bytes, &length);

  switch (seal->part)
    {
    case SEAL_HASH:
      crypto_hash_sha256 (e->hash, bytes, length);
      e->hashed = TRUE;
      break;
    case SEAL_SCAN:
      e->hits = scan_bytes (pack->scanner, (const char *) bytes, length);
      if (e->sav_data > 0)
        {
          /* The cases as a reader gets them: a text split by the
           * compression's control bytes is whole again */
          gsize view_len = 0;
          g_autofree guint8 *view = sav_expand (bytes, length, e->sav_data, &view_len);
          g_autofree guint8 *more = NULL;

          if (view == NULL)
            {
              e->unscannable = TRUE;
              break;
            }
          more = scan_bytes (pack->scanner, (const char *) view, view_len);
          sodium_memzero (view, view_len);
          if (more != NULL && e->hits == NULL)
            e->hits = g_steal_pointer (&more);
          for (guint n = 0; more != NULL && n < pack->scanner->needles->len; n++)
            e->hits[n] |= more[n];
        }
      e->scanned = TRUE;
      break;
    case SEAL_ZIP:
      e->body = sl_zip_body_new (e->bytes, TRUE);
      break;
    case N_SEALS:
    default:
      g_assert_not_reached ();
    }
}

static gpointer
needles_thread (gpointer data)
{
  Pack *pack = data;

  return collect_needles (pack, &pack->needles_error);
}

/* Looks up the identifiers to scan for in a thread of its own, while the
 * records are read and anonymised. */
static void
start_needles (Pack *pack)
{
  pack->needles_thread = g_thread_new ("sl-pack-needles", needles_thread, pack);
}

/* Waits for the needles, and sets the files made from here on to be
 * sealed (hashed, scanned, compressed) by two workers. */
static gboolean
start_sealing (Pack    *pack,
               GError **error)
{
  g_autoptr(GPtrArray) needles = NULL;

  needles = g_thread_join (g_steal_pointer (&pack->needles_thread));
  if (needles == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&pack->needles_error));
      return FALSE;
    }
  pack->scanner = scanner_new (needles);
  pack->sealer = g_thread_pool_new (seal_entry, pack, 2, FALSE, error);
  return pack->sealer != NULL;
}

/* Waits for the workers to seal every file made so far. */
static void
stop_sealing (Pack     *pack,
              gboolean  drop)
{
  if (pack->needles_thread != NULL)
    {
      GPtrArray *needles = g_thread_join (g_steal_pointer (&pack->needles_thread));

      g_clear_pointer (&needles, g_ptr_array_unref);
    }
  g_clear_error (&pack->needles_error);
  if (pack->sealer != NULL)
    g_thread_pool_free (g_steal_pointer (&pack->sealer), drop, TRUE);
}

static gboolean
finish_sealing (Pack    *pack,
                GError **error)
{
  if (!join_sav (pack, error))
    return FALSE;
  stop_sealing (pack, FALSE);
  report_progress (pack, 0.85);
  return TRUE;
}

/* The scan's verdict on every file of the pack: each was searched, as it
 * was made, for every needle. */
static gboolean
scan_pack (Pack    *pack,
           GError **error)
{
  g_autoptr(GString) found = g_string_new (NULL);
  g_autoptr(GHashTable) reported = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n_found = 0;

  for (guint i = 0; i < pack->entries->len; i++)
    {
      Entry *e = g_ptr_array_index (pack->entries, i);

      /* Not one file goes out unscanned. */
      if (!e->scanned || e->unscannable)
        {
          g_set_error (error, SL_PACK_ERROR, SL_PACK_ERROR_IDENTIFIER,
                       "The pack was not written: %s was not scanned", e->rel);
          return FALSE;
        }
      for (guint n = 0; e->hits != NULL && n < pack->scanner->needles->len; n++)
        {
          Needle *needle = g_ptr_array_index (pack->scanner->needles, n);
          g_autofree char *what = NULL;

          if (!e->hits[n])
            continue;
          what = g_strdup_printf ("%s in %s", needle->kind, e->rel);
          if (g_hash_table_contains (reported, what))
            continue;
          if (n_found > 0)
            g_string_append (found, "; ");
          g_string_append (found, what);
          g_hash_table_add (reported, g_steal_pointer (&what));
          n_found++;
        }
    }
  if (n_found > 0)
    {
      g_set_error (error, SL_PACK_ERROR, SL_PACK_ERROR_IDENTIFIER,
                   "The pack was not written: the final scan found %s", found->str);
      return FALSE;
    }
  return TRUE;
}

/* Putting the pack in place */

/* Writes @bytes to @fd; with @flush, waits for them to reach the disk,
 * otherwise only starts them on their way (the caller flushes later). */
static gboolean
write_all (int          fd,
           const char  *what,
           GBytes      *bytes,
           gboolean     flush,
           GError     **error)
{
  g_autoptr(GError) io_error = NULL;
  gsize len = 0;
  const guint8 *p = g_bytes_get_data (bytes, &len);

  if (!_sl_write_all (fd, p, len, &io_error))
    {
      g_set_error (error, SL_PACK_ERROR, SL_PACK_ERROR_WRITE, "%s: %s", what, io_error->message);
      return FALSE;
    }
  if (!flush)
    {
      /* advisory: the flush that counts comes later */
      sync_file_range (fd, 0, 0, SYNC_FILE_RANGE_WRITE);
      return TRUE;
    }
  if (fsync (fd) != 0)
    {
      int saved = errno;

      g_set_error (error, SL_PACK_ERROR, SL_PACK_ERROR_WRITE, "%s: %s", what, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

/* Renames @tmp to @target, never over something already there. */
static gboolean
put_in_place (const char  *tmp,
              const char  *target,
              GError     **error)
{
  int saved;

  if (renameat2 (AT_FDCWD, tmp, AT_FDCWD, target, RENAME_NOREPLACE) == 0)
    return TRUE;
  saved = errno;
  if (saved == EINVAL || saved == ENOSYS)
    {
      /* A file system without RENAME_NOREPLACE: look first. */
      if (g_file_test (target, G_FILE_TEST_EXISTS) || g_file_test (target, G_FILE_TEST_IS_SYMLINK))
        saved = EEXIST;
      else if (rename (tmp, target) == 0)
        return TRUE;
      else
        saved = errno;
    }
  if (saved == EEXIST || saved == ENOTEMPTY)
    g_set_error (error, SL_PACK_ERROR, SL_PACK_ERROR_EXISTS,
                 "%s appeared while the pack was being written; nothing was replaced. Choose "
                 "another name", target);
  else
    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                 "Could not put the pack in place at %s: %s", target, g_strerror (saved));
  return FALSE;
}

/* The folder: every file written into a hidden folder beside the target,
 * flushed, and the folder renamed into place. */
static gboolean
output_folder (Pack        *pack,
               const char  *target,
               const char  *parent_path,
               const char  *base,
               GError     **error)
{
  g_autofree char *tmpl = g_strdup_printf ("%s/.%s.XXXXXX", parent_path, base);
  g_autoptr(GPtrArray) dirs = g_ptr_array_new_with_free_func (g_free);
  gboolean ok = FALSE;

  if (g_mkdtemp_full (tmpl, 0700) == NULL)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "Could not make a folder in %s: %s", parent_path, g_strerror (saved));
      return FALSE;
    }
  g_ptr_array_add (dirs, g_strdup (tmpl));

  for (guint i = 0; i < pack->entries->len; i++)
    {
      Entry *e = g_ptr_array_index (pack->entries, i);
      g_autofree char *path = g_build_filename (tmpl, e->rel, NULL);
      g_autofree char *dir = g_path_get_dirname (path);
      int fd;

      if (!g_ptr_array_find_with_equal_func (dirs, dir, g_str_equal, NULL))
        {
          if (g_mkdir (dir, 0700) != 0)
            {
              int saved = errno;

              g_set_error (error, SL_PACK_ERROR, SL_PACK_ERROR_WRITE, "%s: %s", e->rel,
                           g_strerror (saved));
              goto out;
            }
          g_ptr_array_add (dirs, g_steal_pointer (&dir));
        }
      fd = open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
      if (fd < 0)
        {
          int saved = errno;

          g_set_error (error, SL_PACK_ERROR, SL_PACK_ERROR_WRITE, "%s: %s", e->rel,
                       g_strerror (saved));
          goto out;
        }
      if (!write_all (fd, e->rel, e->bytes, FALSE, error))
        {
          close (fd);
          goto out;
        }
      if (close (fd) != 0)
        {
          int saved = errno;

          g_set_error (error, SL_PACK_ERROR, SL_PACK_ERROR_WRITE, "%s: %s", e->rel,
                       g_strerror (saved));
          goto out;
        }
      if (check_cancelled (pack, error))
        goto out;
      report_progress (pack, 0.9 + 0.1 * (i + 1) / pack->entries->len);
    }
  /* Every file on the disk (their writing began as each was written),
   * then the inner folders, then the pack's own. */
  for (guint i = 0; i < pack->entries->len; i++)
    {
      Entry *e = g_ptr_array_index (pack->entries, i);
      g_autofree char *path = g_build_filename (tmpl, e->rel, NULL);

      if (!fsync_path (path, error))
        goto out;
    }
  for (guint i = dirs->len; i > 0; i--)
    if (!fsync_path (g_ptr_array_index (dirs, i - 1), error))
      goto out;
  if (check_cancelled (pack, error) || !put_in_place (tmpl, target, error))
    goto out;
  /* The rename itself, made durable. Failing here leaves a complete
   * pack, so it is not an error. */
  fsync_path (parent_path, NULL);
  ok = TRUE;

out:
  if (!ok)
    _sl_remove_tree (tmpl);
  return ok;
}

/* The pack as one .zip in memory: a folder named after the file, holding
 * what the folder pack would. */
static GBytes *
build_zip (Pack        *pack,
           const char  *folder,
           GError     **error)
{
  g_autoptr(SlZipWriter) zip = sl_zip_writer_new (NULL);
  g_autoptr(GPtrArray) dirs = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *top = g_strconcat (folder, "/", NULL);

  if (!sl_zip_writer_add_directory (zip, top, error))
    return NULL;
  for (guint i = 0; i < pack->entries->len; i++)
    {
      Entry *e = g_ptr_array_index (pack->entries, i);
      g_autofree char *name = g_strconcat (top, e->rel, NULL);
      const char *slash = strrchr (e->rel, '/');

      if (slash != NULL)
        {
          g_autofree char *dir = g_strdup_printf ("%s%.*s/", top, (int) (slash - e->rel), e->rel);

          if (!g_ptr_array_find_with_equal_func (dirs, dir, g_str_equal, NULL))
            {
              if (!sl_zip_writer_add_directory (zip, dir, error))
                return NULL;
              g_ptr_array_add (dirs, g_steal_pointer (&dir));
            }
        }
      if (!(e->body != NULL ? sl_zip_writer_add_body (zip, name, e->body, error)
                            : sl_zip_writer_add_file (zip, name, e->bytes, TRUE, error)))
        return NULL;
      if (check_cancelled (pack, error))
        return NULL;
      report_progress (pack, 0.9 + 0.05 * (i + 1) / pack->entries->len);
    }
  return sl_zip_writer_finish (zip, error);
}

/* "pack.zip.age" -> "pack": the folder inside the .zip */
static char *
zip_folder_name (const char *base)
{
  g_autofree char *name = g_strdup (base);

  if (g_str_has_suffix (name, ".age"))
    name[strlen (name) - 4] = '\0';
  if (g_str_has_suffix (name, ".zip"))
    name[strlen (name) - 4] = '\0';
  if (*name == '\0' || *name == '.')
    return g_strdup ("pack");
  return g_steal_pointer (&name);
}

static void
wipe_bytes (GBytes **bytes)
{
  gsize size = 0;
  gpointer data;

  if (*bytes == NULL)
    return;
  data = g_bytes_unref_to_data (g_steal_pointer (bytes), &size);
  sodium_memzero (data, size);
  g_free (data);
}

/* The .zip, encrypted first if there is a recipient, written to a hidden
 * file beside the target, flushed and renamed. With a recipient, the
 * clear .zip exists only in memory. */
static gboolean
output_archive (Pack        *pack,
                GBytes      *recipient,
                const char  *target,
                const char  *parent_path,
                const char  *base,
                GError     **error)
{
  g_autofree char *tmp = g_strdup_printf ("%s/.%s.XXXXXX", parent_path, base);
  g_autofree char *folder = zip_folder_name (base);
  g_autoptr(GBytes) out = NULL;
  GBytes *zip;
  int fd;
  gboolean ok = FALSE;

  if ((zip = build_zip (pack, folder, error)) == NULL)
    return FALSE;
  if (recipient != NULL)
    {
      g_autoptr(GPtrArray) recipients = g_ptr_array_new ();

      g_ptr_array_add (recipients, recipient);
      out = sl_age_encrypt (zip, recipients, NULL, FALSE, error);
      wipe_bytes (&zip);
      if (out == NULL)
        return FALSE;
    }
  else
    out = zip;
  report_progress (pack, 0.97);
  if (check_cancelled (pack, error))
    return FALSE;

  if ((fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0600)) < 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "Could not make a file in %s: %s", parent_path, g_strerror (saved));
      return FALSE;
    }
  if (!write_all (fd, base, out, TRUE, error))
    close (fd);
  else if (close (fd) != 0)
    {
      int saved = errno;

      g_set_error (error, SL_PACK_ERROR, SL_PACK_ERROR_WRITE, "%s: %s", base, g_strerror (saved));
    }
  else
    {
      /* written and flushed, not yet in place */
      report_progress (pack, 0.99);
      if (!check_cancelled (pack, error) && put_in_place (tmp, target, error))
        {
          fsync_path (parent_path, NULL);
          ok = TRUE;
        }
    }
  if (!ok)
    g_unlink (tmp);
  return ok;
}

/* Building */

static void
pack_init (Pack                *pack,
           SlVault             *vault,
           const SlPackOptions *options,
           SlProgressFunc       progress,
           gpointer             progress_data,
           GCancellable        *cancellable)
{
  static const SlPackOptions defaults = { 0 };

  pack->vault = vault;
  /* The labels as the codebook has them, not in the language of this
   * laptop's interface: packs from every laptop read alike. */
  pack->codebook = sl_codebook_dup_as_written (sl_vault_get_codebook (vault));
  pack->options = options ? options : &defaults;
  pack->cancellable = cancellable;
  pack->progress = progress;
  pack->progress_data = progress_data;
  pack->types = g_ptr_array_new_with_free_func ((GDestroyNotify) type_data_free);
  pack->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  pack->suppressed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  pack->k = pack->options->k ? pack->options->k : SL_PACK_DEFAULT_K;
  pack->max_suppression = pack->options->max_suppression > 0
                          ? MIN (pack->options->max_suppression, 1.0)
                          : SL_PACK_DEFAULT_MAX_SUPPRESSION;
  pack->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  pack->note_rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  pack->note_attrs = g_ptr_array_new ();
  pack->scope_ids = g_ptr_array_new_with_free_func (g_free);
  pack->report = g_new0 (SlPackReport, 1);
  pack->unknown = sl_codebook_get_missing_value (pack->codebook, SL_MISSING_UNKNOWN);
  pack->not_recorded = sl_codebook_get_missing_value (pack->codebook, SL_MISSING_NOT_RECORDED);
  pack->zip = pack->options->zip || pack->options->recipient != NULL;
  g_mutex_init (&pack->entries_lock);
}

static void
pack_clear (Pack *pack)
{
  /* The workers hold files of the pack: they go first. */
  join_sav (pack, NULL);
  stop_sealing (pack, TRUE);
  g_clear_pointer (&pack->scanner, scanner_free);
  g_clear_pointer (&pack->report, sl_pack_report_free);
  g_clear_pointer (&pack->types, g_ptr_array_unref);
  g_clear_pointer (&pack->ids, g_hash_table_unref);
  g_clear_pointer (&pack->suppressed, g_hash_table_unref);
  g_clear_pointer (&pack->entries, g_ptr_array_unref);
  g_clear_pointer (&pack->note_rows, g_ptr_array_unref);
  g_clear_pointer (&pack->note_attrs, g_ptr_array_unref);
  g_clear_pointer (&pack->scope_ids, g_ptr_array_unref);
  g_clear_object (&pack->codebook);   /* last: the rest borrow from it */
  g_mutex_clear (&pack->entries_lock);
}

/* Every file of the pack, in memory, scanned for identifiers. The
 * identifiers are looked up while the records are read; from then on each
 * file is hashed and scanned (and compressed, for a .zip) by two workers
 * as soon as it is made, while the next is being made. */
static gboolean
build (Pack    *pack,
       GError **error)
{
  report_progress (pack, 0.0);
  start_needles (pack);
  return collect (pack, error) &&
         start_sealing (pack, error) &&
         (report_progress (pack, 0.1), write_data (pack, error)) &&
         write_codebook (pack, error) &&
         write_notes (pack, FALSE, error) &&
         (report_progress (pack, 0.7), write_report (pack, error)) &&
         finish_sealing (pack, error) &&
         write_manifest (pack, error) &&
         scan_pack (pack, error) &&
         !check_cancelled (pack, error);
}

/* Public API */

/**
 * sl_vault_write_pack:
 * @self: an unlocked vault
 * @folder: the pack's folder, or its file with @options' zip or recipient;
 *   it must not exist yet
 * @options: (nullable): how to write it; %NULL for the defaults
 * @progress: (nullable) (scope call): called as the work goes on
 * @progress_data: data for @progress
 * @cancellable: (nullable): a #GCancellable
 * @report: (out) (optional) (transfer full): what the pack holds
 * @error: return location for a #GError
 *
 * Writes an analyst pack: anonymised data files (CSV and SPSS), their
 * codebook, the reviewed notes redacted, a disclosure report and a
 * manifest. The pack is built in memory and scanned for every direct
 * identifier the vault holds; then it is written into a hidden folder (or
 * file) beside @folder and renamed to @folder only when complete: on
 * failure or cancellation nothing is left.
 *
 * With @options' zip, @folder is one .zip file holding a folder of the
 * same name (without .zip). With its recipient, that .zip is encrypted to
 * the recipient with age before anything is written: the clear pack never
 * reaches a disk.
 *
 * Returns: %TRUE if the pack was written
 */
gboolean
sl_vault_write_pack (SlVault              *self,
                     GFile                *folder,
                     const SlPackOptions  *options,
                     SlProgressFunc        progress,
                     gpointer              progress_data,
                     GCancellable         *cancellable,
                     SlPackReport        **report,
                     GError              **error)
{
  g_autoptr(GFile) parent = NULL;
  g_autofree char *parent_path = NULL;
  g_autofree char *target = NULL;
  g_autofree char *base = NULL;
  g_autoptr(GBytes) recipient = NULL;
  g_autoptr(GError) local = NULL;
  Pack pack = { 0 };
  gboolean ok = FALSE;

  g_return_val_if_fail (SL_IS_VAULT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (folder), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (report)
    *report = NULL;
  if (sl_vault_get_locked (self))
    {
      g_set_error (error, SL_VAULT_ERROR, SL_VAULT_ERROR_LOCKED, "The vault is locked");
      return FALSE;
    }
  if ((target = g_file_get_path (folder)) == NULL ||
      (parent = g_file_get_parent (folder)) == NULL ||
      (parent_path = g_file_get_path (parent)) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   "A pack is written to a local folder");
      return FALSE;
    }
  if (g_file_test (target, G_FILE_TEST_EXISTS) || g_file_test (target, G_FILE_TEST_IS_SYMLINK))
    {
      g_set_error (error, SL_PACK_ERROR, SL_PACK_ERROR_EXISTS, "%s exists already", target);
      return FALSE;
    }
  if (!g_file_test (parent_path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY,
                   "%s is not a folder; choose a folder to put the pack in", parent_path);
      return FALSE;
    }
  if (options != NULL && options->recipient != NULL &&
      (recipient = sl_age_recipient_from_string (options->recipient, &local)) == NULL)
    {
      g_set_error (error, SL_PACK_ERROR, SL_PACK_ERROR_RECIPIENT,
                   "'%s' is not an age recipient: give the analyst's public key, which starts "
                   "age1; nothing was written", options->recipient);
      return FALSE;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  base = g_file_get_basename (folder);
  pack_init (&pack, self, options, progress, progress_data, cancellable);
  if (build (&pack, &local))
    {
      if (recipient != NULL || pack.options->zip)
        ok = output_archive (&pack, recipient, target, parent_path, base, &local);
      else
        ok = output_folder (&pack, target, parent_path, base, &local);
    }
  if (ok)
    {
      pack.report->n_files = pack.entries->len;
      report_progress (&pack, 1.0);
      if (report)
        *report = g_steal_pointer (&pack.report);
    }
  pack_clear (&pack);

  if (!ok)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return TRUE;
}

/* The preview */

static void
preview_field_free (SlPackPreviewField *f)
{
  g_free (f->field);
  g_free (f->label);
  g_free (f->generalisation);
  g_free (f);
}

static void
preview_type_free (SlPackPreviewType *t)
{
  g_free (t->type);
  g_free (t->label);
  g_clear_pointer (&t->quasi_identifiers, g_ptr_array_unref);
  g_clear_pointer (&t->withheld, g_ptr_array_unref);
  g_free (t);
}

/**
 * sl_pack_preview_free:
 * @preview: (transfer full): a preview
 */
void
sl_pack_preview_free (SlPackPreview *preview)
{
  if (preview == NULL)
    return;
  g_clear_pointer (&preview->types, g_ptr_array_unref);
  g_free (preview);
}

static SlPackPreview *
make_preview (Pack *pack)
{
  SlPackPreview *preview = g_new0 (SlPackPreview, 1);

  preview->k = pack->k;
  preview->max_suppression = pack->max_suppression;
  preview->n_notes_written = pack->report->n_notes_written;
  preview->n_notes_unreviewed = pack->report->n_notes_unreviewed;
  preview->types = g_ptr_array_new_with_free_func ((GDestroyNotify) preview_type_free);
  for (guint i = 0; i < pack->types->len; i++)
    {
      TypeData *td = g_ptr_array_index (pack->types, i);
      SlPackPreviewType *t = g_new0 (SlPackPreviewType, 1);

      t->type = g_strdup (td->type->id);
      t->label = g_strdup (td->type->plural ? td->type->plural : td->type->label);
      t->n_records = td->records->len;
      t->n_suppressed = td->n_suppressed;
      t->k_reached = td->qis && td->qis->len > 0 ? td->k_reached : 0;
      t->n_classes = td->n_classes;
      t->quasi_identifiers = g_ptr_array_new_with_free_func ((GDestroyNotify) preview_field_free);
      t->withheld = g_ptr_array_new_with_free_func ((GDestroyNotify) preview_field_free);
      for (guint f = 0; f < td->type->fields->len; f++)
        {
          SlField *field = g_ptr_array_index (td->type->fields, f);
          SlPackPreviewField *pf;

          if (!field_is_qi (field))
            continue;
          pf = g_new0 (SlPackPreviewField, 1);
          pf->field = g_strdup (field->id);
          pf->label = g_strdup (field->label);
          pf->level = td->levels[f];
          pf->top = field_top (field);
          pf->generalisation = g_strdup (level_name (field, td->levels[f]));
          g_ptr_array_add (t->quasi_identifiers, pf);
        }
      for (guint w = 0; w < td->withheld->len; w++)
        {
          Withheld *wh = g_ptr_array_index (td->withheld, w);
          SlField *field = sl_record_type_lookup_field (td->type, wh->field, NULL);
          SlPackPreviewField *pf = g_new0 (SlPackPreviewField, 1);

          pf->field = g_strdup (wh->field);
          pf->label = g_strdup (field ? field->label : wh->field);
          pf->generalisation = g_strdup (wh->reason);
          g_ptr_array_add (t->withheld, pf);
        }
      preview->n_records += t->n_records;
      preview->n_records_suppressed += t->n_suppressed;
      if (t->k_reached > 0)
        preview->k_reached = preview->k_reached == 0 ? t->k_reached
                                                     : MIN (preview->k_reached, t->k_reached);
      g_ptr_array_add (preview->types, t);
    }
  return preview;
}

/**
 * sl_vault_preview_pack:
 * @self: an unlocked vault
 * @options: (nullable): how the pack would be written; %NULL for the
 *   defaults
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Says what sl_vault_write_pack() would do with @options, without writing
 * anything: per record type, the records, the generalisation chosen for
 * each quasi-identifier, the records suppressed and the k reached; the
 * fields withheld; the notes that would go and those left out because
 * nobody reviewed them. It runs the writer's own scope, disclosure control
 * and note checks, stopping before any file is made (the final
 * identifier scan, which needs the files, is not run).
 *
 * Returns: (transfer full) (nullable): the preview
 */
SlPackPreview *
sl_vault_preview_pack (SlVault              *self,
                       const SlPackOptions  *options,
                       GCancellable         *cancellable,
                       GError              **error)
{
  Pack pack = { 0 };
  SlPackPreview *preview = NULL;

  g_return_val_if_fail (SL_IS_VAULT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (sl_vault_get_locked (self))
    {
      g_set_error (error, SL_VAULT_ERROR, SL_VAULT_ERROR_LOCKED, "The vault is locked");
      return NULL;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  pack_init (&pack, self, options, NULL, NULL, cancellable);
  if (collect (&pack, error) && write_notes (&pack, TRUE, error) &&
      !check_cancelled (&pack, error))
    preview = make_preview (&pack);
  pack_clear (&pack);
  return preview;
}

/* Asynchronous writing and preview */

typedef struct
{
  SlPackOptions   options;      /* with its strings owned below */
  GStrv           scope;
  char           *recipient;
  GFile          *folder;       /* NULL for a preview */
  SlProgressFunc  progress;
  gpointer        progress_data;
  GDestroyNotify  progress_notify;
  GMainContext   *context;      /* the caller's, where progress goes */
  GMutex          mutex;
  double          last_sent;
} Job;

typedef struct
{
  Job     *job;
  GTask   *task;
  double   fraction;
} ProgressMessage;

static gboolean
nothing_cb (gpointer user_data)
{
  return G_SOURCE_REMOVE;
}

static void
job_free (Job *job)
{
  /* The last reference may go in the worker: the progress data is the
   * caller's, let go in the caller's context. */
  if (job->progress_notify)
    {
      GSource *source = g_idle_source_new ();

      g_source_set_callback (source, nothing_cb, job->progress_data, job->progress_notify);
      g_source_set_static_name (source, "[sightline] pack progress done");
      g_source_attach (source, job->context);
      g_source_unref (source);
    }
  g_strfreev (job->scope);
  g_free (job->recipient);
  g_clear_object (&job->folder);
  g_main_context_unref (job->context);
  g_mutex_clear (&job->mutex);
  g_free (job);
}

static Job *
job_new (GFile               *folder,
         const SlPackOptions *options,
         SlProgressFunc       progress,
         gpointer             progress_data,
         GDestroyNotify       progress_notify)
{
  Job *job = g_new0 (Job, 1);

  if (options != NULL)
    {
      job->options = *options;
      job->scope = g_strdupv ((char **) options->scope);
      job->recipient = g_strdup (options->recipient);
      job->options.scope = (const char * const *) job->scope;
      job->options.recipient = job->recipient;
    }
  job->folder = folder ? g_object_ref (folder) : NULL;
  job->progress = progress;
  job->progress_data = progress_data;
  job->progress_notify = progress_notify;
  job->context = g_main_context_ref_thread_default ();
  job->last_sent = -1.0;
  g_mutex_init (&job->mutex);
  return job;
}

static gboolean
deliver_progress_cb (gpointer user_data)
{
  ProgressMessage *msg = user_data;

  msg->job->progress (msg->fraction, msg->job->progress_data);
  return G_SOURCE_REMOVE;
}

static void
progress_message_free (ProgressMessage *msg)
{
  g_object_unref (msg->task);
  g_free (msg);
}

/* In the worker: hands the fraction to the caller's main context, at most
 * once a percent. */
static void
forward_progress (double   fraction,
                  gpointer user_data)
{
  GTask *task = user_data;
  Job *job = g_task_get_task_data (task);
  ProgressMessage *msg;
  GSource *source;

  g_mutex_lock (&job->mutex);
  if (fraction < 1.0 && fraction - job->last_sent < 0.01)
    {
      g_mutex_unlock (&job->mutex);
      return;
    }
  job->last_sent = fraction;
  g_mutex_unlock (&job->mutex);

  msg = g_new0 (ProgressMessage, 1);
  msg->job = job;
  msg->task = g_object_ref (task);
  msg->fraction = fraction;
  /* An idle source, not g_main_context_invoke(): that would run the
   * callback right here in the worker whenever it can acquire the
   * caller's context, which is the global default one. */
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, deliver_progress_cb, msg, (GDestroyNotify) progress_message_free);
  g_source_set_static_name (source, "[sightline] pack progress");
  g_source_attach (source, job->context);
  g_source_unref (source);
}

static void
write_pack_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  Job *job = task_data;
  SlPackReport *report = NULL;
  GError *error = NULL;

  if (sl_vault_write_pack (source_object, job->folder, &job->options,
                           job->progress ? forward_progress : NULL, task, cancellable, &report,
                           &error))
    g_task_return_pointer (task, report, (GDestroyNotify) sl_pack_report_free);
  else
    g_task_return_error (task, error);
}

/**
 * sl_vault_write_pack_async:
 * @self: an unlocked vault
 * @folder: the pack's folder or file, as for sl_vault_write_pack()
 * @options: (nullable): how to write it (copied)
 * @progress: (nullable) (scope notified): called in the thread-default main
 *   context of the caller as the work goes on
 * @progress_data: data for @progress
 * @progress_notify: (nullable): frees @progress_data when no more progress
 *   can come
 * @cancellable: (nullable): a #GCancellable; a cancelled pack leaves nothing
 * @callback: called when the pack is written, or not
 * @user_data: data for @callback
 *
 * Writes the pack as sl_vault_write_pack() does, in a worker thread.
 */
void
sl_vault_write_pack_async (SlVault              *self,
                           GFile                *folder,
                           const SlPackOptions  *options,
                           SlProgressFunc        progress,
                           gpointer              progress_data,
                           GDestroyNotify        progress_notify,
                           GCancellable         *cancellable,
                           GAsyncReadyCallback   callback,
                           gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SL_IS_VAULT (self));
  g_return_if_fail (G_IS_FILE (folder));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sl_vault_write_pack_async);
  g_task_set_task_data (task, job_new (folder, options, progress, progress_data, progress_notify),
                        (GDestroyNotify) job_free);
  g_task_run_in_thread (task, write_pack_thread);
}

/**
 * sl_vault_write_pack_finish:
 * @self: the vault
 * @result: the result given to the callback
 * @report: (out) (optional) (transfer full): what the pack holds
 * @error: return location for a #GError
 *
 * Returns: %TRUE if the pack was written
 */
gboolean
sl_vault_write_pack_finish (SlVault        *self,
                            GAsyncResult   *result,
                            SlPackReport  **report,
                            GError        **error)
{
  SlPackReport *r;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sl_vault_write_pack_async, FALSE);

  if (report)
    *report = NULL;
  if ((r = g_task_propagate_pointer (G_TASK (result), error)) == NULL)
    return FALSE;
  if (report)
    *report = r;
  else
    sl_pack_report_free (r);
  return TRUE;
}

static void
preview_pack_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  Job *job = task_data;
  SlPackPreview *preview;
  GError *error = NULL;

  if ((preview = sl_vault_preview_pack (source_object, &job->options, cancellable, &error)))
    g_task_return_pointer (task, preview, (GDestroyNotify) sl_pack_preview_free);
  else
    g_task_return_error (task, error);
}

/**
 * sl_vault_preview_pack_async:
 * @self: an unlocked vault
 * @options: (nullable): how the pack would be written (copied)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the preview
 * @user_data: data for @callback
 *
 * sl_vault_preview_pack() in a worker thread.
 */
void
sl_vault_preview_pack_async (SlVault              *self,
                             const SlPackOptions  *options,
                             GCancellable         *cancellable,
                             GAsyncReadyCallback   callback,
                             gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SL_IS_VAULT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sl_vault_preview_pack_async);
  g_task_set_task_data (task, job_new (NULL, options, NULL, NULL, NULL), (GDestroyNotify) job_free);
  g_task_run_in_thread (task, preview_pack_thread);
}

/**
 * sl_vault_preview_pack_finish:
 * @self: the vault
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the preview
 */
SlPackPreview *
sl_vault_preview_pack_finish (SlVault       *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sl_vault_preview_pack_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
