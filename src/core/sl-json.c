/* sl-json.c
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

#include <string.h>

#include "sl-json-private.h"

/* json-glib 1.6 (Debian 12) reads text that holds more than one value,
 * such as "0{...}" or "{...} {...}": it keeps one and leaks the nodes of
 * the others. Text from outside (a codebook, a bundle, a card) is checked
 * first to hold exactly one value; json-glib then reports anything else
 * that is wrong with it. */

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static gboolean
is_structural (char c)
{
  return c == '{' || c == '}' || c == '[' || c == ']' || c == '"' || c == ',' || c == ':';
}

/* Returns the byte offset of a second top-level value, or -1 when there is
 * none. Text that is wrong in other ways is left for the parser to explain. */
static gssize
second_value_at (const char *data,
                 gsize       len)
{
  gsize i = 0;
  gsize depth = 0;
  gboolean have_value = FALSE;

  while (i < len)
    {
      char c = data[i];

      if (is_space (c))
        {
          i++;
          continue;
        }
      if (depth == 0 && have_value)
        return (gssize) i;
      if (c == '"')
        {
          for (i++; i < len && data[i] != '"'; i++)
            if (data[i] == '\\')
              i++;
          i++;
          have_value = have_value || depth == 0;
        }
      else if (c == '{' || c == '[')
        {
          depth++;
          i++;
        }
      else if (c == '}' || c == ']')
        {
          if (depth == 0)
            return -1;
          depth--;
          have_value = depth == 0;
          i++;
        }
      else if (c == ',' || c == ':')
        i++;
      else
        {
          while (i < len && !is_space (data[i]) && !is_structural (data[i]))
            i++;
          have_value = have_value || depth == 0;
        }
    }
  return -1;
}

/* Most values the vault stores are a plain string or a whole number: those
 * are read without making a parser, which loading a page of records does
 * hundreds of times. Anything else (escapes, fractions, whitespace around,
 * objects and arrays) is left to json-glib. */
static JsonNode *
parse_scalar (const char *data,
              gsize       len)
{
  if (len >= 2 && data[0] == '"' && data[len - 1] == '"')
    {
      g_autofree char *text = NULL;

      for (gsize i = 1; i < len - 1; i++)
        if (data[i] == '\\' || data[i] == '"' || (guchar) data[i] < 0x20)
          return NULL;
      if (!g_utf8_validate (data + 1, (gssize) len - 2, NULL))
        return NULL;
      text = g_strndup (data + 1, len - 2);
      return json_node_init_string (json_node_alloc (), text);
    }
  if (len > 0 && len <= 18 && (g_ascii_isdigit (data[0]) || (data[0] == '-' && len > 1)))
    {
      gsize start = data[0] == '-' ? 1 : 0;

      if (data[start] == '0' && len > start + 1)
        return NULL;
      for (gsize i = start; i < len; i++)
        if (!g_ascii_isdigit (data[i]))
          return NULL;
      return json_node_init_int (json_node_alloc (), g_ascii_strtoll (data, NULL, 10));
    }
  if (len == 4 && memcmp (data, "null", 4) == 0)
    return json_node_init_null (json_node_alloc ());
  if (len == 4 && memcmp (data, "true", 4) == 0)
    return json_node_init_boolean (json_node_alloc (), TRUE);
  if (len == 5 && memcmp (data, "false", 5) == 0)
    return json_node_init_boolean (json_node_alloc (), FALSE);
  return NULL;
}

/* Skips the JSON value at @data[*i] (a string, an object, an array or a
 * bare word), leaving *i just after it. FALSE when it is cut short. */
static gboolean
skip_value (const char *data,
            gsize       len,
            gsize      *i)
{
  gsize depth = 0;

  do
    {
      while (*i < len && is_space (data[*i]))
        (*i)++;
      if (*i >= len)
        return FALSE;
      if (data[*i] == '"')
        {
          for ((*i)++; *i < len && data[*i] != '"'; (*i)++)
            if (data[*i] == '\\')
              (*i)++;
          if (*i >= len)
            return FALSE;
          (*i)++;
        }
      else if (data[*i] == '{' || data[*i] == '[')
        {
          depth++;
          (*i)++;
        }
      else if (data[*i] == '}' || data[*i] == ']')
        {
          if (depth == 0)
            return FALSE;
          depth--;
          (*i)++;
        }
      else if (data[*i] == ',' || data[*i] == ':')
        {
          if (depth == 0)
            return FALSE;
          (*i)++;
        }
      else
        {
          gsize start = *i;

          while (*i < len && !is_space (data[*i]) && !is_structural (data[*i]))
            (*i)++;
          if (*i == start)
            return FALSE;
        }
    }
  while (depth > 0);
  return TRUE;
}

/**
 * _sl_json_peek_strings:
 * @data: JSON text, NUL-terminated
 * @names: the members wanted
 * @values: (out caller-allocates) (array length=n_names): each member's
 *   string, or %NULL where it is absent or null
 * @n_names: how many
 *
 * Reads a few string members of a JSON object without building it: an
 * import reads the type and parent of each of a hundred thousand new
 * records. Only plain text is taken: a name or value with an escape, a
 * wanted member given twice or holding anything but a string or null, or
 * text that is not one object, gives %FALSE, and the caller parses the
 * whole with _sl_json_parse().
 *
 * Returns: %TRUE if @values holds the members
 */
gboolean
_sl_json_peek_strings (const char         *data,
                       const char * const *names,
                       char              **values,
                       guint               n_names)
{
  gsize len = strlen (data);
  gsize i = 0;
  guint64 seen = 0;

  g_return_val_if_fail (n_names <= 64, FALSE);

  for (guint k = 0; k < n_names; k++)
    values[k] = NULL;
  while (i < len && is_space (data[i]))
    i++;
  if (i >= len || data[i++] != '{')
    return FALSE;
  for (;;)
    {
      gsize key;
      gsize key_len;
      guint k;

      while (i < len && is_space (data[i]))
        i++;
      if (i >= len || data[i] != '"')
        goto bad;
      key = ++i;
      while (i < len && data[i] != '"' && data[i] != '\\')
        i++;
      if (i >= len || data[i] != '"')
        goto bad;
      key_len = i++ - key;
      while (i < len && is_space (data[i]))
        i++;
      if (i >= len || data[i++] != ':')
        goto bad;
      while (i < len && is_space (data[i]))
        i++;

      for (k = 0; k < n_names; k++)
        if (strlen (names[k]) == key_len && memcmp (names[k], data + key, key_len) == 0)
          break;
      if (k < n_names)
        {
          if (seen & (G_GUINT64_CONSTANT (1) << k))
            goto bad;
          seen |= G_GUINT64_CONSTANT (1) << k;
          if (len - i >= 4 && memcmp (data + i, "null", 4) == 0)
            i += 4;
          else if (i < len && data[i] == '"')
            {
              gsize start = ++i;

              while (i < len && data[i] != '"' && data[i] != '\\' && (guchar) data[i] >= 0x20)
                i++;
              if (i >= len || data[i] != '"')
                goto bad;
              values[k] = g_strndup (data + start, i++ - start);
            }
          else
            goto bad;
        }
      else if (!skip_value (data, len, &i))
        goto bad;

      while (i < len && is_space (data[i]))
        i++;
      if (i < len && data[i] == ',')
        {
          i++;
          continue;
        }
      if (i < len && data[i] == '}')
        break;
      goto bad;
    }
  for (i++; i < len && is_space (data[i]); i++)
    ;
  if (i == len)
    return TRUE;

bad:
  for (guint k = 0; k < n_names; k++)
    g_clear_pointer (&values[k], g_free);
  return FALSE;
}

/**
 * _sl_json_parse:
 * @data: JSON text
 * @length: its length, or -1 if NUL-terminated
 * @error: a #JsonParserError, or %G_IO_ERROR_INVALID_DATA when the text
 *   holds more than one value
 *
 * Returns: (transfer full) (nullable): the one value the text holds, or
 *   %NULL for empty text (with no error) or text that is not one JSON value
 */
JsonNode *
_sl_json_parse (const char  *data,
                gssize       length,
                GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  gsize len = length < 0 ? strlen (data) : (gsize) length;
  gssize second;
  JsonNode *root;

  if ((root = parse_scalar (data, len)) != NULL)
    return root;
  second = second_value_at (data, len);
  if (second >= 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "more text follows the end of the JSON value, at byte %" G_GSSIZE_FORMAT,
                   second + 1);
      return NULL;
    }
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, (gssize) len, error))
    return NULL;
  root = json_parser_get_root (parser);
  return root != NULL ? json_node_ref (root) : NULL;
}

/**
 * _sl_string_append_int:
 * @out: where to write
 * @n: a whole number
 *
 * Appends @n in decimal, as JSON and CSV write it, without the cost of a
 * printf format: bundles and packs write millions of them.
 */
void
_sl_string_append_int (GString *out,
                       gint64   n)
{
  char buf[24];
  char *p = buf + sizeof buf;
  guint64 u = n < 0 ? (guint64) 0 - (guint64) n : (guint64) n;

  do
    *--p = (char) ('0' + u % 10);
  while ((u /= 10) != 0);
  if (n < 0)
    *--p = '-';
  g_string_append_len (out, p, (gssize) (buf + sizeof buf - p));
}
