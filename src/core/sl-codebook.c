/* sl-codebook.c
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

#define G_LOG_DOMAIN "sl-codebook"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sl-codebook.h"
#include "sl-core-resources.h"
#include "sl-json-private.h"

#define CODEBOOK_FORMAT "sightline-codebook"
#define CODEBOOK_FORMAT_VERSION 1
#define DEFAULT_CODEBOOK "/io/github/sightline/Sightline/core/codebooks/csegg-2012.json"

struct _SlCodebook
{
  GObject    parent_instance;

  char      *id;
  char      *title;
  char      *json;
  gint64     version;
  gint64     missing_unknown;
  gint64     missing_not_recorded;
  GPtrArray *record_types;   /* SlRecordType */
};

G_DEFINE_FINAL_TYPE (SlCodebook, sl_codebook, G_TYPE_OBJECT)

G_DEFINE_QUARK (sl-codebook-error-quark, sl_codebook_error)

static const char *field_type_names[] = {
  "text", "long_text", "integer", "count", "date", "partial_date", "boolean",
  "choice", "multi_choice", "reference",
};

static const char *generalise_names[] = {
  "none", "bands", "group", "any", "suppress",
};

static const char *month_names[] = {
  "january", "february", "march", "april", "may", "june", "july", "august",
  "september", "october", "november", "december",
};

/* Structs */

static void
option_free (SlOption *o)
{
  g_free (o->code);
  g_free (o->label);
  g_free (o->group);
  g_free (o->written_label);
  g_free (o);
}

static void
band_free (SlBand *b)
{
  g_free (b->label);
  g_free (b);
}

static void
field_free (SlField *f)
{
  g_free (f->id);
  g_free (f->label);
  g_free (f->help);
  g_free (f->spss);
  g_free (f->references);
  g_free (f->min_date);
  g_free (f->max_date);
  g_clear_pointer (&f->options, g_ptr_array_unref);
  g_clear_pointer (&f->groups, g_ptr_array_unref);
  g_clear_pointer (&f->bands, g_ptr_array_unref);
  g_free (f);
}

static void
record_type_free (SlRecordType *t)
{
  g_free (t->id);
  g_free (t->label);
  g_free (t->plural);
  g_free (t->description);
  g_free (t->title_field);
  g_strfreev (t->parents);
  g_clear_pointer (&t->fields, g_ptr_array_unref);
  g_free (t);
}

/* The parser: collects every problem with its JSON path. */

typedef struct
{
  GPtrArray  *problems;
  JsonObject *option_lists;
  SlCodebook *book;
  gboolean    as_written;   /* labels untranslated */
} Parser;

static void
problem (Parser     *p,
         const char *path,
         const char *fmt,
         ...) G_GNUC_PRINTF (3, 4);

static void
problem (Parser     *p,
         const char *path,
         const char *fmt,
         ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, fmt);
  msg = g_strdup_vprintf (fmt, args);
  va_end (args);
  g_ptr_array_add (p->problems, g_strdup_printf ("%s: %s", path, msg));
}

static gboolean
is_identifier (const char *s,
               gboolean    allow_dash)
{
  if (s == NULL || !g_ascii_islower (*s))
    return FALSE;
  for (const char *c = s; *c; c++)
    if (!g_ascii_islower (*c) && !g_ascii_isdigit (*c) && *c != '_' && !(allow_dash && *c == '-'))
      return FALSE;
  return TRUE;
}

static gboolean
is_code (const char *s)
{
  if (s == NULL || *s == '\0')
    return FALSE;
  for (const char *c = s; *c; c++)
    if (!g_ascii_islower (*c) && !g_ascii_isdigit (*c) && *c != '_')
      return FALSE;
  return TRUE;
}

static const char *spss_reserved[] = {
  "ALL", "AND", "BY", "EQ", "GE", "GT", "LE", "LT", "NE", "NOT", "OR", "TO", "WITH",
};

/* Returns NULL if @name is a valid SPSS variable name, else why not. */
static const char *
spss_name_problem (const char *name)
{
  gsize len = strlen (name);

  if (len == 0)
    return "it is empty";
  if (len > 64)
    return "it is longer than 64 bytes";
  if (!g_ascii_isalpha (name[0]))
    return "it must start with a letter";
  for (const char *c = name; *c; c++)
    if (!g_ascii_isalnum (*c) && !strchr ("._$#@", *c))
      return "it may hold only letters, digits and . _ $ # @";
  if (name[len - 1] == '.' || name[len - 1] == '_')
    return "it must not end with '.' or '_'";
  for (guint i = 0; i < G_N_ELEMENTS (spss_reserved); i++)
    if (g_ascii_strcasecmp (name, spss_reserved[i]) == 0)
      return "it is an SPSS reserved word";
  return NULL;
}

/* A misspelt key ("requried") would silently change nothing: name it. */
static void
check_keys (Parser      *p,
            JsonObject  *obj,
            const char  *path,
            const char **known)
{
  g_autoptr(GList) members = json_object_get_members (obj);

  for (GList *l = members; l; l = l->next)
    if (!g_strv_contains (known, l->data))
      {
        g_autofree char *list = g_strjoinv (", ", (char **) known);

        problem (p, path, "unknown key \"%s\"; the keys here are %s", (char *) l->data, list);
      }
}

static const char *root_keys[] = { "format", "format_version", "id", "version", "title",
                                   "description", "missing_values", "option_lists",
                                   "record_types", NULL };
static const char *type_keys[] = { "id", "label", "plural", "description", "title_field",
                                   "parents", "fields", NULL };
static const char *field_keys[] = { "id", "type", "label", "help", "required", "spss",
                                    "identifying", "quasi_identifier", "min", "max", "options",
                                    "allow_other", "references", "groups", "generalise", NULL };
static const char *option_keys[] = { "code", "value", "label", "group", "retired", NULL };
static const char *band_keys[] = { "min", "max", "label", NULL };
static const char *generalise_keys[] = { "method", "bands", NULL };

static const char *
member_string (Parser     *p,
               JsonObject *obj,
               const char *member,
               const char *path,
               gboolean    required)
{
  JsonNode *node = json_object_get_member (obj, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        problem (p, path, "\"%s\" is missing; add it", member);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      problem (p, path, "\"%s\" must be a string", member);
      return NULL;
    }
  return json_node_get_string (node);
}

static gboolean
member_int (Parser     *p,
            JsonObject *obj,
            const char *member,
            const char *path,
            gint64     *out)
{
  JsonNode *node = json_object_get_member (obj, member);

  if (node == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    {
      problem (p, path, "\"%s\" must be a whole number", member);
      return FALSE;
    }
  *out = json_node_get_int (node);
  return TRUE;
}

static gboolean
member_bool (Parser     *p,
             JsonObject *obj,
             const char *member,
             const char *path)
{
  JsonNode *node = json_object_get_member (obj, member);

  if (node == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      problem (p, path, "\"%s\" must be true or false", member);
      return FALSE;
    }
  return json_node_get_boolean (node);
}

static gboolean
parse_iso_date (const char *s,
                int        *y,
                int        *m,
                int        *d)
{
  int n = 0;

  if (s == NULL || sscanf (s, "%4d-%2d-%2d%n", y, m, d, &n) != 3 || s[n] != '\0' ||
      strlen (s) != 10)
    return FALSE;
  return g_date_valid_dmy ((GDateDay) *d, (GDateMonth) *m, (GDateYear) *y);
}

/* A label a person reads, in the language of the interface when the
 * catalogue has it (tools/codebook-strings.py lists those of the bundled
 * codebooks), else as written. Codes, ids and SPSS names are never looked
 * up, and the codebook's JSON stays as written: it is stored and synced. */
static char *
dup_label (Parser     *p,
           const char *label)
{
  /* "" would fetch the catalogue's header */
  if (label == NULL || *label == '\0' || p->as_written)
    return g_strdup (label);
  return g_strdup (g_dgettext (GETTEXT_PACKAGE, label));
}

static GPtrArray *
parse_options (Parser     *p,
               JsonArray  *array,
               const char *path,
               gboolean    is_groups)
{
  GPtrArray *options = g_ptr_array_new_with_free_func ((GDestroyNotify) option_free);
  g_autoptr(GHashTable) codes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) values = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *opath = g_strdup_printf ("%s[%u]", path, i);
      g_autofree char *cpath = g_strdup_printf ("%s[%u].code", path, i);
      g_autofree char *vpath = g_strdup_printf ("%s[%u].value", path, i);
      JsonObject *obj;
      SlOption *o;
      const char *code;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          problem (p, opath, "an option must be an object with \"code\", \"value\" and \"label\"");
          continue;
        }
      obj = json_node_get_object (node);
      check_keys (p, obj, opath, option_keys);
      o = g_new0 (SlOption, 1);
      g_ptr_array_add (options, o);

      code = member_string (p, obj, "code", opath, TRUE);
      o->code = g_strdup (code);
      o->written_label = g_strdup (member_string (p, obj, "label", opath, TRUE));
      o->label = dup_label (p, o->written_label);
      o->group = g_strdup (member_string (p, obj, "group", opath, FALSE));
      o->retired = member_bool (p, obj, "retired", opath);
      if (!member_int (p, obj, "value", opath, &o->value))
        {
          if (!json_object_has_member (obj, "value"))
            problem (p, opath, "\"value\" is missing; give the option a whole number for SPSS");
        }
      else if (o->value <= 0)
        problem (p, vpath, "option values must be positive (the missing values use %"
                 G_GINT64_FORMAT " and %" G_GINT64_FORMAT ")",
                 p->book->missing_unknown, p->book->missing_not_recorded);
      else if (g_hash_table_contains (values, &o->value))
        problem (p, vpath, "value %" G_GINT64_FORMAT " is used twice in this list; give each "
                 "option its own", o->value);
      else
        g_hash_table_add (values, &o->value);

      if (code == NULL)
        continue;
      if (!is_code (code))
        problem (p, cpath, "'%s' is not a valid code; use lower-case letters, digits and _", code);
      else if (!is_groups && (g_str_equal (code, SL_MISSING_UNKNOWN) ||
                              g_str_equal (code, SL_MISSING_NOT_RECORDED) ||
                              g_str_equal (code, "other")))
        problem (p, cpath, "'%s' is reserved: every field already offers \"unknown\", "
                 "\"not recorded\" and (with allow_other) \"other\"; remove this option", code);
      else if (g_hash_table_contains (codes, code))
        problem (p, cpath, "the code '%s' is used twice in this list; codes must be unique", code);
      else
        g_hash_table_add (codes, o->code);
    }
  return options;
}

static void
parse_bands (Parser     *p,
             SlField    *f,
             JsonObject *gen,
             const char *path)
{
  JsonNode *node = json_object_get_member (gen, "bands");
  g_autofree char *bpath = g_strdup_printf ("%s.bands", path);
  JsonArray *array;

  f->bands = g_ptr_array_new_with_free_func ((GDestroyNotify) band_free);
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node) ||
      json_array_get_length (json_node_get_array (node)) == 0)
    {
      problem (p, bpath, "\"bands\" must be a list of {\"min\", \"max\", \"label\"}");
      return;
    }
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *bn = json_array_get_element (array, i);
      g_autofree char *ipath = g_strdup_printf ("%s[%u]", bpath, i);
      SlBand *b;

      if (!JSON_NODE_HOLDS_OBJECT (bn))
        {
          problem (p, ipath, "a band must be an object with \"min\", \"max\" and \"label\"");
          continue;
        }
      check_keys (p, json_node_get_object (bn), ipath, band_keys);
      b = g_new0 (SlBand, 1);
      g_ptr_array_add (f->bands, b);
      if (!member_int (p, json_node_get_object (bn), "min", ipath, &b->min) ||
          !member_int (p, json_node_get_object (bn), "max", ipath, &b->max))
        {
          problem (p, ipath, "a band needs whole-number \"min\" and \"max\"");
          continue;
        }
      b->label = dup_label (p, member_string (p, json_node_get_object (bn), "label", ipath, TRUE));
      if (b->max < b->min)
        problem (p, ipath, "the band's max (%" G_GINT64_FORMAT ") is below its min (%"
                 G_GINT64_FORMAT ")", b->max, b->min);
      if (i > 0)
        {
          SlBand *prev = g_ptr_array_index (f->bands, i - 1);

          if (b->min != prev->max + 1)
            problem (p, ipath, "bands must follow on without gaps or overlaps: this one should "
                     "start at %" G_GINT64_FORMAT, prev->max + 1);
        }
    }
  if (f->bands->len > 0 && f->has_min && f->has_max)
    {
      SlBand *first = g_ptr_array_index (f->bands, 0);
      SlBand *last = g_ptr_array_index (f->bands, f->bands->len - 1);

      if (first->min > f->min || last->max < f->max)
        problem (p, bpath, "the bands cover %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT
                 " but the field allows %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT
                 "; every allowed value needs a band", first->min, last->max, f->min, f->max);
    }
}

static SlField *
parse_field (Parser     *p,
             JsonObject *obj,
             const char *path)
{
  SlField *f = g_new0 (SlField, 1);
  const char *type;
  JsonNode *opts;
  JsonNode *gen;

  check_keys (p, obj, path, field_keys);
  f->id = g_strdup (member_string (p, obj, "id", path, TRUE));
  if (f->id != NULL && !is_identifier (f->id, FALSE))
    problem (p, path, "the field id '%s' must start with a lower-case letter and hold only "
             "lower-case letters, digits and _", f->id);
  f->label = dup_label (p, member_string (p, obj, "label", path, TRUE));
  f->help = dup_label (p, member_string (p, obj, "help", path, FALSE));
  f->spss = g_strdup (member_string (p, obj, "spss", path, TRUE));
  f->required = member_bool (p, obj, "required", path);
  f->identifying = member_bool (p, obj, "identifying", path);
  f->quasi_identifier = member_bool (p, obj, "quasi_identifier", path);
  f->allow_other = member_bool (p, obj, "allow_other", path);
  f->references = g_strdup (member_string (p, obj, "references", path, FALSE));

  if (f->spss != NULL)
    {
      const char *why = spss_name_problem (f->spss);

      if (why != NULL)
        {
          g_autofree char *spath = g_strdup_printf ("%s.spss", path);

          problem (p, spath, "'%s' is not a valid SPSS variable name: %s", f->spss, why);
        }
    }

  type = member_string (p, obj, "type", path, TRUE);
  if (type != NULL)
    {
      guint i;

      for (i = 0; i < G_N_ELEMENTS (field_type_names); i++)
        if (g_str_equal (type, field_type_names[i]))
          break;
      if (i == G_N_ELEMENTS (field_type_names))
        {
          g_autofree char *tpath = g_strdup_printf ("%s.type", path);
          g_autofree char *known = g_strjoinv (", ", (char **) field_type_names);

          problem (p, tpath, "unknown field type '%s'; use one of %s", type, known);
          f->type = SL_FIELD_TEXT;
        }
      else
        f->type = (SlFieldType) i;
    }

  /* Ranges */
  if (f->type == SL_FIELD_DATE || f->type == SL_FIELD_PARTIAL_DATE)
    {
      int y, m, d;

      f->min_date = g_strdup (member_string (p, obj, "min", path, FALSE));
      f->max_date = g_strdup (member_string (p, obj, "max", path, FALSE));
      if (f->min_date && !parse_iso_date (f->min_date, &y, &m, &d))
        problem (p, path, "\"min\" must be a date written YYYY-MM-DD");
      if (f->max_date && !parse_iso_date (f->max_date, &y, &m, &d))
        problem (p, path, "\"max\" must be a date written YYYY-MM-DD");
    }
  else
    {
      f->has_min = member_int (p, obj, "min", path, &f->min);
      f->has_max = member_int (p, obj, "max", path, &f->max);
      if (f->type == SL_FIELD_COUNT && !f->has_min)
        {
          f->has_min = TRUE;
          f->min = 0;
        }
      if (f->has_min && f->has_max && f->max < f->min)
        problem (p, path, "\"max\" (%" G_GINT64_FORMAT ") is below \"min\" (%" G_GINT64_FORMAT ")",
                 f->max, f->min);
      if ((f->type == SL_FIELD_TEXT || f->type == SL_FIELD_LONG_TEXT) && f->has_min)
        problem (p, path, "text fields take only \"max\" (a length), not \"min\"");
    }

  /* Groups and options */
  if (json_object_has_member (obj, "groups"))
    {
      JsonNode *groups = json_object_get_member (obj, "groups");
      g_autofree char *gpath = g_strdup_printf ("%s.groups", path);

      if (!JSON_NODE_HOLDS_ARRAY (groups))
        problem (p, gpath, "\"groups\" must be a list of options");
      else
        f->groups = parse_options (p, json_node_get_array (groups), gpath, TRUE);
    }

  opts = json_object_get_member (obj, "options");
  if (f->type == SL_FIELD_CHOICE || f->type == SL_FIELD_MULTI_CHOICE)
    {
      g_autofree char *opath = g_strdup_printf ("%s.options", path);

      if (opts == NULL)
        problem (p, path, "a %s field needs \"options\"", field_type_names[f->type]);
      else if (JSON_NODE_HOLDS_VALUE (opts) && json_node_get_value_type (opts) == G_TYPE_STRING &&
               json_node_get_string (opts)[0] == '@')
        {
          const char *name = json_node_get_string (opts) + 1;
          JsonNode *list = p->option_lists ? json_object_get_member (p->option_lists, name) : NULL;
          g_autofree char *lpath = g_strdup_printf ("$.option_lists.%s", name);

          if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
            problem (p, opath, "there is no option list '%s' in \"option_lists\"", name);
          else
            {
              /* Shared lists are reported once, where they are declared. */
              guint before = p->problems->len;

              f->options = parse_options (p, json_node_get_array (list), lpath, FALSE);
              while (p->problems->len > before)
                g_ptr_array_remove_index (p->problems, p->problems->len - 1);
            }
        }
      else if (!JSON_NODE_HOLDS_ARRAY (opts))
        problem (p, opath, "\"options\" must be a list, or \"@name\" of a shared list");
      else
        f->options = parse_options (p, json_node_get_array (opts), opath, FALSE);

      if (f->options != NULL && f->options->len == 0)
        problem (p, opath, "the list of options is empty");
    }
  else if (opts != NULL)
    problem (p, path, "only choice and multi_choice fields take \"options\"");

  if (f->options != NULL)
    for (guint i = 0; i < f->options->len; i++)
      {
        SlOption *o = g_ptr_array_index (f->options, i);
        g_autofree char *gpath = g_strdup_printf ("%s.options[%u].group", path, i);
        gboolean found = FALSE;

        if (o->group == NULL)
          continue;
        for (guint j = 0; f->groups && j < f->groups->len && !found; j++)
          found = g_strcmp0 (((SlOption *) g_ptr_array_index (f->groups, j))->code, o->group) == 0;
        if (!found)
          problem (p, gpath, "the group '%s' is not one of the field's \"groups\"", o->group);
      }

  if (f->type == SL_FIELD_REFERENCE && f->references == NULL)
    problem (p, path, "a reference field needs \"references\": the record type it points to");
  if (f->type != SL_FIELD_REFERENCE && f->references != NULL)
    problem (p, path, "only reference fields take \"references\"");
  if (f->allow_other && f->type != SL_FIELD_CHOICE && f->type != SL_FIELD_MULTI_CHOICE)
    problem (p, path, "only choice and multi_choice fields take \"allow_other\"");

  /* Generalisation */
  gen = json_object_get_member (obj, "generalise");
  if (gen != NULL)
    {
      g_autofree char *gpath = g_strdup_printf ("%s.generalise", path);
      const char *method;
      guint i;

      if (!JSON_NODE_HOLDS_OBJECT (gen))
        problem (p, gpath, "\"generalise\" must be an object with a \"method\"");
      else if ((method = member_string (p, json_node_get_object (gen), "method", gpath, TRUE)))
        {
          check_keys (p, json_node_get_object (gen), gpath, generalise_keys);
          for (i = 1; i < G_N_ELEMENTS (generalise_names); i++)
            if (g_str_equal (method, generalise_names[i]))
              break;
          if (i == G_N_ELEMENTS (generalise_names))
            problem (p, gpath, "unknown method '%s'; use bands, group, any or suppress", method);
          else
            f->generalise = (SlGeneraliseMethod) i;

          if (f->generalise == SL_GENERALISE_BANDS)
            {
              if (f->type != SL_FIELD_INTEGER && f->type != SL_FIELD_COUNT)
                problem (p, gpath, "bands apply to integer and count fields only");
              parse_bands (p, f, json_node_get_object (gen), gpath);
            }
          else if (f->type != SL_FIELD_CHOICE && f->generalise == SL_GENERALISE_GROUP)
            problem (p, gpath, "\"group\" applies to choice fields only");
          else if (f->generalise == SL_GENERALISE_GROUP)
            {
              if (f->groups == NULL || f->groups->len == 0)
                problem (p, gpath, "\"group\" needs the field's \"groups\"");
              for (guint j = 0; f->options && j < f->options->len; j++)
                if (((SlOption *) g_ptr_array_index (f->options, j))->group == NULL)
                  {
                    g_autofree char *opath = g_strdup_printf ("%s.options[%u]", path, j);

                    problem (p, opath, "the option '%s' has no \"group\", so it cannot be "
                             "generalised; give it one of the field's groups",
                             ((SlOption *) g_ptr_array_index (f->options, j))->code);
                  }
            }
          else if (f->generalise == SL_GENERALISE_ANY && f->type != SL_FIELD_MULTI_CHOICE)
            problem (p, gpath, "\"any\" applies to multi_choice fields only");
        }
    }

  return f;
}

static SlRecordType *
parse_record_type (Parser     *p,
                   JsonObject *obj,
                   const char *path)
{
  SlRecordType *t = g_new0 (SlRecordType, 1);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) spss = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GStrvBuilder) parents = g_strv_builder_new ();
  JsonNode *fields = json_object_get_member (obj, "fields");
  JsonNode *pnode = json_object_get_member (obj, "parents");
  g_autofree char *default_plural = NULL;
  const char *label;
  const char *plural;

  check_keys (p, obj, path, type_keys);
  t->id = g_strdup (member_string (p, obj, "id", path, TRUE));
  if (t->id != NULL && !is_identifier (t->id, FALSE))
    problem (p, path, "the record type id '%s' must start with a lower-case letter and hold "
             "only lower-case letters, digits and _", t->id);
  label = member_string (p, obj, "label", path, TRUE);
  t->label = dup_label (p, label);
  plural = member_string (p, obj, "plural", path, FALSE);
  /* The default plural is made in English, then looked up like any other
   * (tools/codebook-strings.py lists it). */
  if (plural == NULL)
    default_plural = g_strconcat (label ? label : "", "s", NULL);
  t->plural = dup_label (p, plural ? plural : default_plural);
  t->description = dup_label (p, member_string (p, obj, "description", path, FALSE));
  t->title_field = g_strdup (member_string (p, obj, "title_field", path, FALSE));
  t->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) field_free);

  if (pnode != NULL)
    {
      if (!JSON_NODE_HOLDS_ARRAY (pnode))
        problem (p, path, "\"parents\" must be a list of record type ids");
      else
        for (guint i = 0; i < json_array_get_length (json_node_get_array (pnode)); i++)
          {
            const char *s = json_array_get_string_element (json_node_get_array (pnode), i);

            if (s != NULL)
              g_strv_builder_add (parents, s);
          }
    }
  t->parents = g_strv_builder_end (parents);

  if (fields == NULL || !JSON_NODE_HOLDS_ARRAY (fields) ||
      json_array_get_length (json_node_get_array (fields)) == 0)
    {
      problem (p, path, "\"fields\" must be a non-empty list");
      return t;
    }

  for (guint i = 0; i < json_array_get_length (json_node_get_array (fields)); i++)
    {
      JsonNode *node = json_array_get_element (json_node_get_array (fields), i);
      g_autofree char *fpath = g_strdup_printf ("%s.fields[%u]", path, i);
      SlField *f;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          problem (p, fpath, "a field must be an object");
          continue;
        }
      f = parse_field (p, json_node_get_object (node), fpath);
      g_ptr_array_add (t->fields, f);
      if (f->id != NULL)
        {
          if (g_hash_table_contains (ids, f->id))
            problem (p, fpath, "the field id '%s' is used twice in this record type", f->id);
          g_hash_table_add (ids, f->id);
        }
      if (f->spss != NULL)
        {
          g_autofree char *upper = g_ascii_strup (f->spss, -1);
          g_autofree char *spath = g_strdup_printf ("%s.spss", fpath);

          if (g_hash_table_contains (spss, upper))
            problem (p, spath, "the SPSS name '%s' is used twice in this record type (SPSS "
                     "ignores case)", f->spss);
          else
            g_hash_table_add (spss, g_steal_pointer (&upper));
        }
    }

  if (t->title_field != NULL && !g_hash_table_contains (ids, t->title_field))
    problem (p, path, "\"title_field\" names '%s', which is not one of its fields",
             t->title_field);
  else if (t->title_field != NULL)
    {
      SlField *tf = sl_record_type_lookup_field (t, t->title_field, NULL);

      /* Titles appear in lists, histories and references to the record. */
      if (tf != NULL && tf->identifying)
        problem (p, path, "\"title_field\" names '%s', which identifies someone directly; "
                 "title records by a reference or a pseudonymous label instead",
                 t->title_field);
    }
  return t;
}

static void
parse_root (Parser     *p,
            JsonObject *root)
{
  SlCodebook *book = p->book;
  JsonNode *types;
  JsonNode *missing;
  JsonNode *lists;
  const char *format;
  gint64 fv = 0;
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);

  check_keys (p, root, "$", root_keys);
  format = member_string (p, root, "format", "$", TRUE);
  if (format != NULL && !g_str_equal (format, CODEBOOK_FORMAT))
    problem (p, "$.format", "must be \"%s\"", CODEBOOK_FORMAT);
  if (!member_int (p, root, "format_version", "$", &fv))
    problem (p, "$", "\"format_version\" is missing; add \"format_version\": 1");
  else if (fv > CODEBOOK_FORMAT_VERSION)
    problem (p, "$.format_version", "format %" G_GINT64_FORMAT " is newer than this version of "
             "Sightline reads (%d); update Sightline", fv, CODEBOOK_FORMAT_VERSION);

  book->id = g_strdup (member_string (p, root, "id", "$", TRUE));
  if (book->id != NULL && !is_identifier (book->id, TRUE))
    problem (p, "$.id", "'%s' must hold only lower-case letters, digits, _ and -", book->id);
  book->title = dup_label (p, member_string (p, root, "title", "$", TRUE));
  if (!member_int (p, root, "version", "$", &book->version))
    problem (p, "$", "\"version\" is missing; add \"version\": 1");
  else if (book->version < 1)
    problem (p, "$.version", "the version must be 1 or more");

  book->missing_unknown = -1;
  book->missing_not_recorded = -2;
  missing = json_object_get_member (root, "missing_values");
  if (missing != NULL)
    {
      if (!JSON_NODE_HOLDS_OBJECT (missing))
        problem (p, "$.missing_values", "must be an object {\"unknown\": N, \"not_recorded\": N}");
      else
        {
          member_int (p, json_node_get_object (missing), "unknown", "$.missing_values",
                      &book->missing_unknown);
          member_int (p, json_node_get_object (missing), "not_recorded", "$.missing_values",
                      &book->missing_not_recorded);
          if (book->missing_unknown == book->missing_not_recorded)
            problem (p, "$.missing_values", "\"unknown\" and \"not_recorded\" need different "
                     "values, as analysts tell them apart");
        }
    }

  lists = json_object_get_member (root, "option_lists");
  if (lists != NULL)
    {
      if (!JSON_NODE_HOLDS_OBJECT (lists))
        problem (p, "$.option_lists", "must be an object of named lists");
      else
        {
          g_autoptr(GList) names = NULL;

          p->option_lists = json_node_get_object (lists);
          names = json_object_get_members (p->option_lists);
          for (GList *l = names; l; l = l->next)
            {
              JsonNode *list = json_object_get_member (p->option_lists, l->data);
              g_autofree char *lpath = g_strdup_printf ("$.option_lists.%s", (char *) l->data);

              if (!JSON_NODE_HOLDS_ARRAY (list))
                problem (p, lpath, "must be a list of options");
              else
                g_ptr_array_unref (parse_options (p, json_node_get_array (list), lpath, FALSE));
            }
        }
    }

  types = json_object_get_member (root, "record_types");
  if (types == NULL || !JSON_NODE_HOLDS_ARRAY (types) ||
      json_array_get_length (json_node_get_array (types)) == 0)
    {
      problem (p, "$", "\"record_types\" must be a non-empty list");
      return;
    }
  for (guint i = 0; i < json_array_get_length (json_node_get_array (types)); i++)
    {
      JsonNode *node = json_array_get_element (json_node_get_array (types), i);
      g_autofree char *tpath = g_strdup_printf ("$.record_types[%u]", i);
      SlRecordType *t;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          problem (p, tpath, "a record type must be an object");
          continue;
        }
      t = parse_record_type (p, json_node_get_object (node), tpath);
      g_ptr_array_add (book->record_types, t);
      if (t->id != NULL)
        {
          if (g_hash_table_contains (ids, t->id))
            problem (p, tpath, "the record type id '%s' is used twice", t->id);
          g_hash_table_add (ids, t->id);
        }
    }

  /* Cross references, once every type is known. */
  for (guint i = 0; i < book->record_types->len; i++)
    {
      SlRecordType *t = g_ptr_array_index (book->record_types, i);
      g_autofree char *tpath = g_strdup_printf ("$.record_types[%u]", i);

      for (guint j = 0; t->parents[j]; j++)
        if (!g_hash_table_contains (ids, t->parents[j]))
          problem (p, tpath, "\"parents\" names '%s', which is not a record type", t->parents[j]);
      for (guint j = 0; j < t->fields->len; j++)
        {
          SlField *f = g_ptr_array_index (t->fields, j);
          g_autofree char *fpath = g_strdup_printf ("%s.fields[%u].references", tpath, j);

          if (f->references != NULL && !g_hash_table_contains (ids, f->references))
            problem (p, fpath, "'%s' is not a record type", f->references);
        }
    }
}

/* GObject */

static void
sl_codebook_finalize (GObject *object)
{
  SlCodebook *self = SL_CODEBOOK (object);

  g_free (self->id);
  g_free (self->title);
  g_free (self->json);
  g_clear_pointer (&self->record_types, g_ptr_array_unref);

  G_OBJECT_CLASS (sl_codebook_parent_class)->finalize (object);
}

static void
sl_codebook_class_init (SlCodebookClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sl_codebook_finalize;
}

static void
sl_codebook_init (SlCodebook *self)
{
  self->record_types = g_ptr_array_new_with_free_func ((GDestroyNotify) record_type_free);
}

/* Loading */

static SlCodebook *
parse_data_full (const char  *data,
                 gssize       length,
                 gboolean     as_written,
                 GPtrArray   *problems)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SlCodebook) book = g_object_new (SL_TYPE_CODEBOOK, NULL);
  Parser p = { problems, NULL, book, as_written };

  root = _sl_json_parse (data, length, &error);
  if (error != NULL)
    {
      g_ptr_array_add (problems, g_strdup_printf ("$: this is not valid JSON (%s)", error->message));
      return NULL;
    }
  /* An empty or blank file parses to no root at all. */
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_ptr_array_add (problems, g_strdup ("$: a codebook must be a JSON object"));
      return NULL;
    }
  parse_root (&p, json_node_get_object (root));
  book->json = length < 0 ? g_strdup (data) : g_strndup (data, (gsize) length);
  return g_steal_pointer (&book);
}

static SlCodebook *
parse_data (const char  *data,
            gssize       length,
            GPtrArray   *problems)
{
  return parse_data_full (data, length, FALSE, problems);
}

/**
 * sl_codebook_check_data:
 * @data: a codebook as JSON
 * @length: its length, or -1 if NUL-terminated
 * @previous: (nullable): the version it replaces, to check that no
 *   existing code changes meaning
 *
 * Returns: (transfer full) (element-type utf8): every problem, each as
 *   "JSON path: what is wrong and what to change"; empty when it is sound
 */
GPtrArray *
sl_codebook_check_data (const char *data,
                        gssize      length,
                        SlCodebook *previous)
{
  GPtrArray *problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(SlCodebook) book = parse_data (data, length, problems);

  if (book != NULL && previous != NULL && problems->len == 0)
    {
      g_autoptr(GPtrArray) more = sl_codebook_check_upgrade (book, previous);

      g_ptr_array_extend_and_steal (problems, g_steal_pointer (&more));
    }
  return problems;
}

/**
 * sl_codebook_new_from_data:
 * @data: a codebook as JSON
 * @length: its length, or -1 if NUL-terminated
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the codebook, or %NULL with
 *   %SL_CODEBOOK_ERROR_INVALID listing every problem
 */
SlCodebook *
sl_codebook_new_from_data (const char  *data,
                           gssize       length,
                           GError     **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(SlCodebook) book = NULL;

  g_return_val_if_fail (data != NULL, NULL);

  book = parse_data (data, length, problems);
  if (problems->len > 0)
    {
      g_autofree char *all = NULL;

      g_ptr_array_add (problems, NULL);
      all = g_strjoinv ("\n  ", (char **) problems->pdata);

      g_set_error (error, SL_CODEBOOK_ERROR, SL_CODEBOOK_ERROR_INVALID,
                   "The codebook has %u problem%s:\n  %s", problems->len - 1,
                   problems->len == 2 ? "" : "s", all);
      return NULL;
    }
  return g_steal_pointer (&book);
}

/**
 * sl_codebook_dup_as_written:
 * @self: a #SlCodebook
 *
 * A copy of @self with every label as its JSON has it, translated into no
 * language: what leaves the vault (an analyst pack) then reads alike from
 * every laptop, whatever the language of its interface, and matches the
 * codebook it was coded with.
 *
 * Returns: (transfer full): the copy
 */
SlCodebook *
sl_codebook_dup_as_written (SlCodebook *self)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  SlCodebook *copy;

  g_return_val_if_fail (SL_IS_CODEBOOK (self), NULL);

  /* It was read from this very text once already, so cannot fail. */
  copy = parse_data_full (self->json, -1, TRUE, problems);
  if (copy == NULL || problems->len > 0)
    {
      g_clear_object (&copy);
      return g_object_ref (self);
    }
  return copy;
}

SlCodebook *
sl_codebook_new_from_file (GFile   *file,
                           GError **error)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (!g_file_load_contents (file, NULL, &contents, &len, NULL, error))
    return NULL;
  return sl_codebook_new_from_data (contents, (gssize) len, error);
}

/**
 * sl_codebook_get_default_bytes:
 *
 * Returns: (transfer full): the bundled CSEGG 2012 codebook
 */
GBytes *
sl_codebook_get_default_bytes (void)
{
  GBytes *bytes = g_resource_lookup_data (sl_core_get_resource (), DEFAULT_CODEBOOK,
                                          G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);

  g_assert (bytes != NULL);
  return bytes;
}

/**
 * sl_codebook_new_default:
 *
 * Returns: (transfer full): the bundled CSEGG 2012 codebook
 */
SlCodebook *
sl_codebook_new_default (void)
{
  g_autoptr(GBytes) bytes = sl_codebook_get_default_bytes ();
  g_autoptr(GError) error = NULL;
  gsize len = 0;
  const char *data = g_bytes_get_data (bytes, &len);
  SlCodebook *book = sl_codebook_new_from_data (data, (gssize) len, &error);

  if (book == NULL)
    g_error ("The bundled codebook is invalid: %s", error->message);
  return book;
}

/**
 * sl_codebook_check_upgrade:
 * @self: a newer version of a codebook
 * @previous: the version in use
 *
 * A newer version may add types, fields and options and retire options,
 * but never give an existing code another meaning.
 *
 * Returns: (transfer full) (element-type utf8): the problems
 */
GPtrArray *
sl_codebook_check_upgrade (SlCodebook *self,
                           SlCodebook *previous)
{
  GPtrArray *problems = g_ptr_array_new_with_free_func (g_free);

  if (g_strcmp0 (self->id, previous->id) != 0)
    {
      g_ptr_array_add (problems, g_strdup_printf ("$.id: this codebook is '%s' but the vault "
                                                  "uses '%s'; a vault keeps one codebook",
                                                  self->id, previous->id));
      return problems;
    }
  if (self->version < previous->version)
    g_ptr_array_add (problems, g_strdup_printf ("$.version: version %" G_GINT64_FORMAT " is older "
                                                "than the version in use (%" G_GINT64_FORMAT ")",
                                                self->version, previous->version));

  for (guint i = 0; i < previous->record_types->len; i++)
    {
      SlRecordType *old_t = g_ptr_array_index (previous->record_types, i);
      SlRecordType *new_t = sl_codebook_lookup_type (self, old_t->id, NULL);

      if (new_t == NULL)
        {
          g_ptr_array_add (problems, g_strdup_printf ("$.record_types: the record type '%s' of "
                                                      "version %" G_GINT64_FORMAT " is gone; "
                                                      "records of it would be stranded, so keep it",
                                                      old_t->id, previous->version));
          continue;
        }
      for (guint j = 0; j < old_t->fields->len; j++)
        {
          SlField *of = g_ptr_array_index (old_t->fields, j);
          SlField *nf = sl_record_type_lookup_field (new_t, of->id, NULL);
          g_autofree char *where = g_strdup_printf ("%s.%s", old_t->id, of->id);

          if (nf == NULL)
            {
              g_ptr_array_add (problems, g_strdup_printf ("%s: the field is gone; its values "
                                                          "would be stranded, so keep it", where));
              continue;
            }
          if (nf->type != of->type)
            g_ptr_array_add (problems, g_strdup_printf ("%s: its type changed from %s to %s; "
                                                        "existing values would no longer fit. "
                                                        "Add a new field instead", where,
                                                        field_type_names[of->type],
                                                        field_type_names[nf->type]));
          for (guint k = 0; of->options && k < of->options->len; k++)
            {
              SlOption *oo = g_ptr_array_index (of->options, k);
              SlOption *no = sl_field_lookup_option (nf, oo->code);

              if (no != NULL && no->value != oo->value)
                g_ptr_array_add (problems,
                                 g_strdup_printf ("%s: the option '%s' had SPSS value %"
                                                  G_GINT64_FORMAT " and now has %" G_GINT64_FORMAT
                                                  "; codes and values never change. Put back %"
                                                  G_GINT64_FORMAT, where, oo->code, oo->value,
                                                  no->value, oo->value));
              if (no == NULL)
                for (guint l = 0; nf->options && l < nf->options->len; l++)
                  {
                    SlOption *cand = g_ptr_array_index (nf->options, l);

                    if (g_strcmp0 (cand->written_label, oo->written_label) == 0 ||
                        cand->value == oo->value)
                      {
                        g_ptr_array_add (problems,
                                         g_strdup_printf ("%s: the option \"%s\" had the code "
                                                          "'%s' and now has '%s'; codes never "
                                                          "change. Put back '%s' (retire an "
                                                          "option with \"retired\": true)",
                                                          where, oo->written_label, oo->code,
                                                          cand->code, oo->code));
                        break;
                      }
                  }
            }
        }
    }
  return problems;
}

/**
 * sl_codebook_bind_textdomain:
 * @localedir: the folder holding LANG/LC_MESSAGES/sightline.mo, such as
 *   `LOCALEDIR`
 *
 * Tells gettext where the catalogue is, for a program with no GTK (the
 * CLI): the labels of a codebook are looked up in it when it is parsed,
 * in the language of the locale and of `LANGUAGE`.
 */
void
sl_codebook_bind_textdomain (const char *localedir)
{
  g_return_if_fail (localedir != NULL);

  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
}

/* Accessors */

const char *
sl_codebook_get_id (SlCodebook *self)
{
  g_return_val_if_fail (SL_IS_CODEBOOK (self), NULL);
  return self->id;
}

gint64
sl_codebook_get_version (SlCodebook *self)
{
  g_return_val_if_fail (SL_IS_CODEBOOK (self), 0);
  return self->version;
}

const char *
sl_codebook_get_title (SlCodebook *self)
{
  g_return_val_if_fail (SL_IS_CODEBOOK (self), NULL);
  return self->title;
}

/**
 * sl_codebook_get_json:
 * @self: a codebook
 *
 * Returns: (transfer none): the JSON it was loaded from
 */
const char *
sl_codebook_get_json (SlCodebook *self)
{
  g_return_val_if_fail (SL_IS_CODEBOOK (self), NULL);
  return self->json;
}

gint64
sl_codebook_get_missing_value (SlCodebook *self,
                               const char *missing)
{
  g_return_val_if_fail (SL_IS_CODEBOOK (self), 0);
  return g_strcmp0 (missing, SL_MISSING_UNKNOWN) == 0 ? self->missing_unknown
                                                      : self->missing_not_recorded;
}

/**
 * sl_codebook_get_record_types:
 * @self: a codebook
 *
 * Returns: (transfer none) (element-type SlRecordType): the record types
 */
GPtrArray *
sl_codebook_get_record_types (SlCodebook *self)
{
  g_return_val_if_fail (SL_IS_CODEBOOK (self), NULL);
  return self->record_types;
}

SlRecordType *
sl_codebook_lookup_type (SlCodebook  *self,
                         const char  *type_id,
                         GError     **error)
{
  g_autoptr(GString) known = g_string_new (NULL);

  g_return_val_if_fail (SL_IS_CODEBOOK (self), NULL);

  for (guint i = 0; i < self->record_types->len; i++)
    {
      SlRecordType *t = g_ptr_array_index (self->record_types, i);

      if (g_strcmp0 (t->id, type_id) == 0)
        return t;
      g_string_append_printf (known, "%s%s", i ? ", " : "", t->id);
    }
  g_set_error (error, SL_CODEBOOK_ERROR, SL_CODEBOOK_ERROR_UNKNOWN_TYPE,
               "'%s' is not a record type of the codebook %s; use one of %s",
               type_id, self->id, known->str);
  return NULL;
}

SlField *
sl_record_type_lookup_field (SlRecordType  *type,
                             const char    *field_id,
                             GError       **error)
{
  g_autoptr(GString) known = g_string_new (NULL);

  for (guint i = 0; i < type->fields->len; i++)
    {
      SlField *f = g_ptr_array_index (type->fields, i);

      if (g_strcmp0 (f->id, field_id) == 0)
        return f;
      g_string_append_printf (known, "%s%s", i ? ", " : "", f->id);
    }
  g_set_error (error, SL_CODEBOOK_ERROR, SL_CODEBOOK_ERROR_UNKNOWN_FIELD,
               "'%s' is not a field of %s; its fields are %s", field_id, type->id, known->str);
  return NULL;
}

gboolean
sl_record_type_allows_parent (SlRecordType *type,
                              const char   *parent_type)
{
  return parent_type != NULL && g_strv_contains ((const char * const *) type->parents, parent_type);
}

const char *
sl_field_type_to_string (SlFieldType type)
{
  return field_type_names[type];
}

SlOption *
sl_field_lookup_option (SlField    *field,
                        const char *code)
{
  for (guint i = 0; field->options && i < field->options->len; i++)
    {
      SlOption *o = g_ptr_array_index (field->options, i);

      if (g_strcmp0 (o->code, code) == 0)
        return o;
    }
  return NULL;
}

/* Values */

/**
 * sl_value_new_missing:
 * @missing: %SL_MISSING_UNKNOWN or %SL_MISSING_NOT_RECORDED
 *
 * Returns: (transfer full): `{"missing": "unknown"}` or the other
 */
JsonNode *
sl_value_new_missing (const char *missing)
{
  JsonObject *obj = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_string_member (obj, "missing", missing);
  json_node_take_object (node, obj);
  return node;
}

/**
 * sl_value_get_missing:
 * @value: (nullable): a stored value
 *
 * Returns: (nullable): which missing value @value is, or %NULL
 */
const char *
sl_value_get_missing (JsonNode *value)
{
  JsonObject *obj;
  const char *m;

  if (value == NULL || !JSON_NODE_HOLDS_OBJECT (value))
    return NULL;
  obj = json_node_get_object (value);
  m = json_object_get_string_member_with_default (obj, "missing", NULL);
  if (g_strcmp0 (m, SL_MISSING_UNKNOWN) == 0)
    return SL_MISSING_UNKNOWN;
  if (g_strcmp0 (m, SL_MISSING_NOT_RECORDED) == 0)
    return SL_MISSING_NOT_RECORDED;
  return NULL;
}

char *
sl_value_to_json (JsonNode *value)
{
  return json_to_string (value, FALSE);
}

JsonNode *
sl_value_from_json (const char  *json,
                    GError     **error)
{
  return _sl_json_parse (json, -1, error);
}

static const char *
missing_from_input (const char *s)
{
  static const char *unknown[] = { "unknown", "don't know", "dont know", "not known" };
  static const char *not_recorded[] = { "not recorded", "not_recorded", "no data", "not stated" };

  for (guint i = 0; i < G_N_ELEMENTS (unknown); i++)
    if (g_ascii_strcasecmp (s, unknown[i]) == 0)
      return SL_MISSING_UNKNOWN;
  for (guint i = 0; i < G_N_ELEMENTS (not_recorded); i++)
    if (g_ascii_strcasecmp (s, not_recorded[i]) == 0)
      return SL_MISSING_NOT_RECORDED;
  return NULL;
}

static int
month_from_name (const char *s)
{
  gsize len = strlen (s);

  if (len < 3)
    return 0;
  for (int i = 0; i < 12; i++)
    if (g_ascii_strncasecmp (s, month_names[i], len) == 0 ||
        (len == 4 && g_ascii_strcasecmp (s, "sept") == 0 && i == 8))
      return i + 1;
  return 0;
}

/**
 * sl_parse_uk_date:
 * @input: a date as written in the UK: 14/05/2011, 14-5-2011, 14 May 2011,
 *   14th May 2011, 2011-05-14; with @partial also May 2011, 05/2011,
 *   2011-05 and 2011
 * @partial: whether a month or a year alone is accepted
 *
 * Returns: (transfer full) (nullable): the date in ISO 8601 (YYYY-MM-DD,
 *   YYYY-MM or YYYY), or %NULL if @input is not a date
 */
char *
sl_parse_uk_date (const char *input,
                  gboolean    partial)
{
  g_auto(GStrv) parts = NULL;
  g_autofree char *s = g_strstrip (g_strdup (input));
  int d = 0, m = 0, y = 0;
  guint n;

  for (char *c = s; *c; c++)
    if (*c == '/' || *c == '.' || *c == ',' || (*c == '-' && c != s))
      *c = ' ';
  parts = g_strsplit_set (s, " ", -1);
  {
    g_autoptr(GStrvBuilder) b = g_strv_builder_new ();

    for (guint i = 0; parts[i]; i++)
      if (*parts[i])
        g_strv_builder_add (b, parts[i]);
    g_strfreev (parts);
    parts = g_strv_builder_end (b);
  }
  n = g_strv_length (parts);

#define NUM(str, out) (g_ascii_string_to_signed ((str), 10, 0, 9999, &(gint64){0}, NULL) && \
                       ((out) = (int) g_ascii_strtoll ((str), NULL, 10), TRUE))

  if (n == 3)
    {
      char *day = parts[0];
      gsize dl = strlen (day);

      if (strlen (parts[0]) == 4 && NUM (parts[0], y) && NUM (parts[1], m) && NUM (parts[2], d))
        ; /* ISO */
      else
        {
          /* 1st, 2nd, 3rd, 14th */
          if (dl > 2 && (g_str_has_suffix (day, "st") || g_str_has_suffix (day, "nd") ||
                         g_str_has_suffix (day, "rd") || g_str_has_suffix (day, "th")))
            day[dl - 2] = '\0';
          if (!NUM (day, d))
            return NULL;
          if (!NUM (parts[1], m) && !(m = month_from_name (parts[1])))
            return NULL;
          if (strlen (parts[2]) != 4 || !NUM (parts[2], y))
            return NULL;
        }
      if (!g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y) || y < 1900)
        return NULL;
      return g_strdup_printf ("%04d-%02d-%02d", y, m, d);
    }
  if (!partial)
    return NULL;
  if (n == 2)
    {
      if (strlen (parts[0]) == 4 && NUM (parts[0], y) && NUM (parts[1], m))
        ;
      else if ((NUM (parts[0], m) || (m = month_from_name (parts[0]))) &&
               strlen (parts[1]) == 4 && NUM (parts[1], y))
        ;
      else
        return NULL;
      if (m < 1 || m > 12 || y < 1900)
        return NULL;
      return g_strdup_printf ("%04d-%02d", y, m);
    }
  if (n == 1 && strlen (parts[0]) == 4 && NUM (parts[0], y) && y >= 1900)
    return g_strdup_printf ("%04d", y);
#undef NUM
  return NULL;
}

static gboolean
is_iso_partial (const char *s,
                gboolean    partial)
{
  int y, m, d;

  if (parse_iso_date (s, &y, &m, &d))
    return TRUE;
  if (!partial)
    return FALSE;
  if (strlen (s) == 7 && sscanf (s, "%4d-%2d", &y, &m) == 2)
    return m >= 1 && m <= 12 && y >= 1900;
  if (strlen (s) == 4)
    return g_ascii_isdigit (s[0]) && g_ascii_isdigit (s[1]) && g_ascii_isdigit (s[2]) &&
           g_ascii_isdigit (s[3]);
  return FALSE;
}

static SlOption *
option_from_input (SlField    *field,
                   const char *s)
{
  for (guint i = 0; field->options && i < field->options->len; i++)
    {
      SlOption *o = g_ptr_array_index (field->options, i);

      /* The label as shown, or as the codebook writes it: a CSV file in
       * English still imports when the interface is in Welsh. */
      if (g_strcmp0 (o->code, s) == 0 || g_utf8_collate (o->label, s) == 0 ||
          g_utf8_collate (o->written_label, s) == 0)
        return o;
    }
  /* Labels ignoring case */
  for (guint i = 0; field->options && i < field->options->len; i++)
    {
      SlOption *o = g_ptr_array_index (field->options, i);
      g_autofree char *a = g_utf8_casefold (o->label, -1);
      g_autofree char *w = g_utf8_casefold (o->written_label, -1);
      g_autofree char *b = g_utf8_casefold (s, -1);

      if (g_strcmp0 (a, b) == 0 || g_strcmp0 (w, b) == 0 || g_ascii_strcasecmp (o->code, s) == 0)
        return o;
    }
  return NULL;
}

static char *
options_hint (SlField *field)
{
  g_autoptr(GString) s = g_string_new (NULL);
  guint shown = 0;

  for (guint i = 0; field->options && i < field->options->len && shown < 6; i++)
    {
      SlOption *o = g_ptr_array_index (field->options, i);

      if (o->retired)
        continue;
      g_string_append_printf (s, "%s%s (%s)", shown ? ", " : "", o->code, o->label);
      shown++;
    }
  if (field->options && field->options->len > shown)
    g_string_append (s, ", …");
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static JsonNode *
choice_from_input (SlField     *field,
                   const char  *s,
                   GError     **error)
{
  SlOption *o;

  if (g_ascii_strncasecmp (s, "other:", 6) == 0 || g_ascii_strncasecmp (s, "other :", 7) == 0)
    {
      const char *text = strchr (s, ':') + 1;
      JsonObject *obj;
      JsonNode *node;

      while (g_ascii_isspace (*text))
        text++;
      if (!field->allow_other)
        {
          g_set_error (error, SL_CODEBOOK_ERROR, SL_CODEBOOK_ERROR_VALUE,
                       "%s: this list has no \"other\"; choose one of its options", field->id);
          return NULL;
        }
      if (*text == '\0')
        {
          g_set_error (error, SL_CODEBOOK_ERROR, SL_CODEBOOK_ERROR_VALUE,
                       "%s: say what the other value is, e.g. \"other: Faith group\"", field->id);
          return NULL;
        }
      obj = json_object_new ();
      json_object_set_string_member (obj, "other", text);
      node = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (node, obj);
      return node;
    }

  if ((o = option_from_input (field, s)) == NULL)
    {
      g_autofree char *hint = options_hint (field);

      g_set_error (error, SL_CODEBOOK_ERROR, SL_CODEBOOK_ERROR_VALUE,
                   "%s: '%s' is not one of the options; use a code or a label: %s%s",
                   field->id, s, hint,
                   field->allow_other ? ". For anything else write \"other: …\"" : "");
      return NULL;
    }
  if (o->retired)
    {
      g_set_error (error, SL_CODEBOOK_ERROR, SL_CODEBOOK_ERROR_VALUE,
                   "%s: the option '%s' (%s) is retired and no longer offered for new values",
                   field->id, o->code, o->label);
      return NULL;
    }
  return json_node_init_string (json_node_alloc (), o->code);
}

/**
 * sl_field_parse_input:
 * @field: a field
 * @input: a value as a person types it
 * @error: return location for a #GError
 *
 * Turns typed text into a stored value: a choice by code or label (or
 * "other: …"), several choices separated by ';', booleans as yes/no,
 * true/false or 1/0, dates as written in the UK, "unknown" and
 * "not recorded" for the missing values. An empty @input clears the field.
 *
 * Returns: (transfer full) (nullable): the value (a JSON null when
 *   cleared), or %NULL with @error naming the field and what to write
 */
JsonNode *
sl_field_parse_input (SlField     *field,
                      const char  *input,
                      GError     **error)
{
  g_autofree char *s = g_strstrip (g_strdup (input ? input : ""));
  g_autoptr(JsonNode) node = NULL;
  const char *missing;

  if (*s == '\0')
    return json_node_new (JSON_NODE_NULL);

  if (field->type != SL_FIELD_TEXT && field->type != SL_FIELD_LONG_TEXT &&
      (missing = missing_from_input (s)))
    return sl_value_new_missing (missing);

  switch (field->type)
    {
    case SL_FIELD_TEXT:
    case SL_FIELD_LONG_TEXT:
    case SL_FIELD_REFERENCE:
      node = json_node_init_string (json_node_alloc (),
                                    field->type == SL_FIELD_LONG_TEXT ? input : s);
      break;

    case SL_FIELD_INTEGER:
    case SL_FIELD_COUNT:
      {
        gint64 v;

        if (!g_ascii_string_to_signed (s, 10, G_MININT64, G_MAXINT64, &v, NULL))
          {
            g_set_error (error, SL_CODEBOOK_ERROR, SL_CODEBOOK_ERROR_VALUE,
                         "%s: '%s' is not a whole number; write digits only, e.g. 14, or "
                         "\"unknown\"", field->id, s);
            return NULL;
          }
        node = json_node_init_int (json_node_alloc (), v);
        break;
      }

    case SL_FIELD_DATE:
    case SL_FIELD_PARTIAL_DATE:
      {
        g_autofree char *iso = sl_parse_uk_date (s, field->type == SL_FIELD_PARTIAL_DATE);

        if (iso == NULL)
          {
            g_set_error (error, SL_CODEBOOK_ERROR, SL_CODEBOOK_ERROR_VALUE,
                         field->type == SL_FIELD_DATE ?
                           "%s: '%s' is not a date; write it as day/month/year, e.g. 14/05/2011 "
                           "or 14 May 2011" :
                           "%s: '%s' is not a date; write a day, a month or a year, e.g. "
                           "14/05/2011, May 2011 or 2011",
                         field->id, s);
            return NULL;
          }
        node = json_node_init_string (json_node_alloc (), iso);
        break;
      }

    case SL_FIELD_BOOLEAN:
      {
        static const char *yes[] = { "yes", "y", "true", "1" };
        static const char *no[] = { "no", "n", "false", "0" };

        for (guint i = 0; i < G_N_ELEMENTS (yes) && node == NULL; i++)
          if (g_ascii_strcasecmp (s, yes[i]) == 0)
            node = json_node_init_boolean (json_node_alloc (), TRUE);
        for (guint i = 0; i < G_N_ELEMENTS (no) && node == NULL; i++)
          if (g_ascii_strcasecmp (s, no[i]) == 0)
            node = json_node_init_boolean (json_node_alloc (), FALSE);
        if (node == NULL)
          {
            g_set_error (error, SL_CODEBOOK_ERROR, SL_CODEBOOK_ERROR_VALUE,
                         "%s: '%s' is not yes or no; write yes/no, true/false or 1/0",
                         field->id, s);
            return NULL;
          }
        break;
      }

    case SL_FIELD_CHOICE:
      if (!(node = choice_from_input (field, s, error)))
        return NULL;
      break;

    case SL_FIELD_MULTI_CHOICE:
      {
        g_auto(GStrv) items = g_strsplit (s, ";", -1);
        g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
        JsonArray *array = json_array_new ();

        node = json_node_new (JSON_NODE_ARRAY);
        json_node_take_array (node, array);
        for (guint i = 0; items[i]; i++)
          {
            JsonNode *item;

            g_strstrip (items[i]);
            if (*items[i] == '\0')
              continue;
            if (!(item = choice_from_input (field, items[i], error)))
              return NULL;
            if (JSON_NODE_HOLDS_VALUE (item))
              {
                if (g_hash_table_contains (seen, json_node_get_string (item)))
                  {
                    json_node_unref (item);
                    continue;
                  }
                g_hash_table_add (seen, (gpointer) json_node_get_string (item));
              }
            json_array_add_element (array, item);
          }
        break;
      }

    default:
      g_assert_not_reached ();
    }

  if (!sl_field_validate (field, node, error))
    return NULL;
  return g_steal_pointer (&node);
}

static gboolean
value_error (GError    **error,
             SlField    *field,
             const char *fmt,
             ...) G_GNUC_PRINTF (3, 4);

static gboolean
value_error (GError    **error,
             SlField    *field,
             const char *fmt,
             ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, fmt);
  msg = g_strdup_vprintf (fmt, args);
  va_end (args);
  g_set_error (error, SL_CODEBOOK_ERROR, SL_CODEBOOK_ERROR_VALUE, "%s: %s", field->id, msg);
  return FALSE;
}

static gboolean
validate_choice_item (SlField   *field,
                      JsonNode  *item,
                      GError   **error)
{
  if (JSON_NODE_HOLDS_OBJECT (item))
    {
      const char *other = json_object_get_string_member_with_default (json_node_get_object (item),
                                                                      "other", NULL);

      if (other == NULL || *other == '\0')
        return value_error (error, field, "an \"other\" value needs its text");
      if (!field->allow_other)
        return value_error (error, field, "this list has no \"other\"");
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_STRING)
    return value_error (error, field, "a choice is stored as its code");
  /* A code the codebook no longer lists is kept (and shown as such): it
   * was valid when written. New input is checked in parse_input. */
  return TRUE;
}

/**
 * sl_field_validate:
 * @field: a field
 * @value: a stored value (JSON)
 * @error: return location for a #GError
 *
 * Checks a value against the field's type and range. A JSON null (no
 * value) passes; required fields are checked by the record.
 *
 * Returns: %TRUE if it fits
 */
gboolean
sl_field_validate (SlField   *field,
                   JsonNode  *value,
                   GError   **error)
{
  GType vt;

  if (value == NULL || JSON_NODE_HOLDS_NULL (value) || sl_value_get_missing (value) != NULL)
    return TRUE;

  vt = JSON_NODE_HOLDS_VALUE (value) ? json_node_get_value_type (value) : G_TYPE_INVALID;

  switch (field->type)
    {
    case SL_FIELD_TEXT:
    case SL_FIELD_LONG_TEXT:
    case SL_FIELD_REFERENCE:
      if (vt != G_TYPE_STRING)
        return value_error (error, field, "expected text");
      if (!g_utf8_validate (json_node_get_string (value), -1, NULL))
        return value_error (error, field, "the text is not valid UTF-8");
      if (field->has_max && g_utf8_strlen (json_node_get_string (value), -1) > field->max)
        return value_error (error, field, "the text is longer than %" G_GINT64_FORMAT
                            " characters; shorten it", field->max);
      if (field->type == SL_FIELD_REFERENCE && !g_uuid_string_is_valid (json_node_get_string (value)))
        return value_error (error, field, "'%s' is not a record id", json_node_get_string (value));
      return TRUE;

    case SL_FIELD_INTEGER:
    case SL_FIELD_COUNT:
      {
        gint64 v;

        if (vt != G_TYPE_INT64)
          return value_error (error, field, "expected a whole number");
        v = json_node_get_int (value);
        if (field->type == SL_FIELD_COUNT && v < 0)
          return value_error (error, field, "a count cannot be negative (%" G_GINT64_FORMAT ")", v);
        if ((field->has_min && v < field->min) || (field->has_max && v > field->max))
          {
            if (field->has_min && field->has_max)
              return value_error (error, field, "%" G_GINT64_FORMAT " is out of range; it must be "
                                  "between %" G_GINT64_FORMAT " and %" G_GINT64_FORMAT, v,
                                  field->min, field->max);
            if (field->has_min)
              return value_error (error, field, "%" G_GINT64_FORMAT " is too small; the least is %"
                                  G_GINT64_FORMAT, v, field->min);
            return value_error (error, field, "%" G_GINT64_FORMAT " is too large; the most is %"
                                G_GINT64_FORMAT, v, field->max);
          }
        return TRUE;
      }

    case SL_FIELD_DATE:
    case SL_FIELD_PARTIAL_DATE:
      {
        const char *s;

        if (vt != G_TYPE_STRING ||
            !is_iso_partial ((s = json_node_get_string (value)), field->type == SL_FIELD_PARTIAL_DATE))
          return value_error (error, field, "expected a date (YYYY-MM-DD%s)",
                              field->type == SL_FIELD_PARTIAL_DATE ? ", YYYY-MM or YYYY" : "");
        /* Compare the known part with the range. */
        if (field->min_date && strncmp (s, field->min_date, strlen (s)) < 0)
          return value_error (error, field, "%s is before the earliest date allowed, %s", s,
                              field->min_date);
        if (field->max_date && strncmp (s, field->max_date, strlen (s)) > 0)
          return value_error (error, field, "%s is after the latest date allowed, %s", s,
                              field->max_date);
        return TRUE;
      }

    case SL_FIELD_BOOLEAN:
      if (vt != G_TYPE_BOOLEAN)
        return value_error (error, field, "expected yes or no");
      return TRUE;

    case SL_FIELD_CHOICE:
      return validate_choice_item (field, value, error);

    case SL_FIELD_MULTI_CHOICE:
      if (!JSON_NODE_HOLDS_ARRAY (value))
        return value_error (error, field, "expected a list of choices");
      for (guint i = 0; i < json_array_get_length (json_node_get_array (value)); i++)
        if (!validate_choice_item (field, json_array_get_element (json_node_get_array (value), i),
                                   error))
          return FALSE;
      return TRUE;

    default:
      g_assert_not_reached ();
    }
  return FALSE;
}

static void
format_choice_item (SlField   *field,
                    JsonNode  *item,
                    GString   *out,
                    gboolean   codes)
{
  SlOption *o;

  if (JSON_NODE_HOLDS_OBJECT (item))
    {
      g_string_append_printf (out, codes ? "other: %s" : "Other: %s",
                              json_object_get_string_member_with_default (
                                json_node_get_object (item), "other", ""));
      return;
    }
  if (!JSON_NODE_HOLDS_VALUE (item))
    return;
  o = sl_field_lookup_option (field, json_node_get_string (item));
  if (codes)
    g_string_append (out, json_node_get_string (item));
  else if (o != NULL)
    g_string_append (out, o->label);
  else
    g_string_append_printf (out, "%s (no longer in the codebook)", json_node_get_string (item));
}

static char *
format_value (SlField  *field,
              JsonNode *value,
              gboolean  codes)
{
  const char *missing;
  GString *out;

  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return g_strdup ("");
  if ((missing = sl_value_get_missing (value)))
    return g_strdup (codes ? missing :
                     g_str_equal (missing, SL_MISSING_UNKNOWN) ? "Unknown" : "Not recorded");

  out = g_string_new (NULL);
  switch (field->type)
    {
    case SL_FIELD_INTEGER:
    case SL_FIELD_COUNT:
      if (JSON_NODE_HOLDS_VALUE (value))
        g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (value));
      break;

    case SL_FIELD_BOOLEAN:
      if (JSON_NODE_HOLDS_VALUE (value))
        g_string_append (out, json_node_get_boolean (value) ? "yes" : "no");
      break;

    case SL_FIELD_DATE:
    case SL_FIELD_PARTIAL_DATE:
      {
        const char *s = JSON_NODE_HOLDS_VALUE (value) ? json_node_get_string (value) : "";
        int y = 0, m = 0, d = 0;

        if (codes)
          g_string_append (out, s);
        else if (strlen (s) == 10 && sscanf (s, "%d-%d-%d", &y, &m, &d) == 3)
          g_string_append_printf (out, "%02d/%02d/%04d", d, m, y);
        else if (strlen (s) == 7 && sscanf (s, "%d-%d", &y, &m) == 2 && m >= 1 && m <= 12)
          g_string_append_printf (out, "%c%s %04d", g_ascii_toupper (month_names[m - 1][0]),
                                  month_names[m - 1] + 1, y);
        else
          g_string_append (out, s);
        break;
      }

    case SL_FIELD_CHOICE:
      format_choice_item (field, value, out, codes);
      break;

    case SL_FIELD_MULTI_CHOICE:
      if (JSON_NODE_HOLDS_ARRAY (value))
        for (guint i = 0; i < json_array_get_length (json_node_get_array (value)); i++)
          {
            if (i > 0)
              g_string_append (out, "; ");
            format_choice_item (field, json_array_get_element (json_node_get_array (value), i),
                                out, codes);
          }
      break;

    case SL_FIELD_TEXT:
    case SL_FIELD_LONG_TEXT:
    case SL_FIELD_REFERENCE:
    default:
      if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
        g_string_append (out, json_node_get_string (value));
      break;
    }
  return g_string_free (out, FALSE);
}

/**
 * sl_field_format_value:
 * @field: a field
 * @value: (nullable): a stored value
 *
 * Returns: (transfer full): the value as a person reads it (labels, UK
 *   dates, "Unknown", "Not recorded")
 */
char *
sl_field_format_value (SlField  *field,
                       JsonNode *value)
{
  return format_value (field, value, FALSE);
}

/**
 * sl_field_format_value_code:
 * @field: a field
 * @value: (nullable): a stored value
 *
 * Returns: (transfer full): the value as codes (ISO dates), which
 *   sl_field_parse_input() reads back to the same value
 */
char *
sl_field_format_value_code (SlField  *field,
                            JsonNode *value)
{
  return format_value (field, value, TRUE);
}
