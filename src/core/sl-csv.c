/* sl-csv.c
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

#define G_LOG_DOMAIN "sl-csv"

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "sl-csv.h"

/**
 * sl_csv_parse:
 * @data: CSV text as RFC 4180 has it (UTF-8; a byte-order mark, CRLF or
 *   LF line ends, quoted fields with "" for a quote and line breaks)
 * @length: its length in bytes
 * @error: return location for a #GError
 *
 * Blank lines are skipped.
 *
 * Returns: (transfer full) (nullable) (element-type GPtrArray): rows of
 *   fields (strings)
 */
GPtrArray *
sl_csv_parse (const char  *data,
              gsize        length,
              GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GString) field = g_string_new (NULL);
  g_autoptr(GPtrArray) row = NULL;
  const char *p = data;
  const char *end = data + length;
  const char *bad = NULL;
  guint line = 1;
  gboolean quoted = FALSE;
  gboolean was_quoted = FALSE;

  if (!g_utf8_validate_len (data, length, &bad))
    {
      guint at = 1;

      for (const char *c = data; c < bad; c++)
        at += *c == '\n';
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "line %u is not UTF-8 text; save the file as \"CSV UTF-8\"", at);
      return NULL;
    }
  if (length >= 3 && memcmp (p, "\xEF\xBB\xBF", 3) == 0)
    p += 3;

  row = g_ptr_array_new_with_free_func (g_free);
  while (p < end)
    {
      char c = *p++;

      if (quoted)
        {
          if (c == '"')
            {
              if (p < end && *p == '"')
                {
                  g_string_append_c (field, '"');
                  p++;
                }
              else
                quoted = FALSE;
            }
          else
            {
              if (c == '\n')
                line++;
              g_string_append_c (field, c);
            }
          continue;
        }

      if (c == '"' && field->len == 0 && !was_quoted)
        {
          quoted = TRUE;
          was_quoted = TRUE;
        }
      else if (c == '"')
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "line %u has a quote inside a field that does not start with one; "
                       "write it as \"\" inside a quoted field", line);
          return NULL;
        }
      else if (c == ',')
        {
          g_ptr_array_add (row, g_strndup (field->str, field->len));
          g_string_truncate (field, 0);
          was_quoted = FALSE;
        }
      else if (c == '\r' && p < end && *p == '\n')
        continue;
      else if (c == '\n' || c == '\r')
        {
          if (row->len > 0 || field->len > 0 || was_quoted)
            {
              g_ptr_array_add (row, g_strndup (field->str, field->len));
              g_ptr_array_add (rows, g_steal_pointer (&row));
              row = g_ptr_array_new_with_free_func (g_free);
            }
          g_string_truncate (field, 0);
          was_quoted = FALSE;
          line++;
        }
      else if (was_quoted)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "line %u has text after a closing quote", line);
          return NULL;
        }
      else
        g_string_append_c (field, c);
    }

  if (quoted)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "a quoted field is never closed (it starts before line %u); the file may be "
                   "cut short", line);
      return NULL;
    }
  if (row->len > 0 || field->len > 0 || was_quoted)
    {
      g_ptr_array_add (row, g_strndup (field->str, field->len));
      g_ptr_array_add (rows, g_steal_pointer (&row));
    }
  return g_steal_pointer (&rows);
}

/**
 * sl_csv_append_field:
 * @out: the line being written
 * @field: a field's text
 *
 * Appends @field, quoted when it holds a comma, a quote or a line break.
 */
void
sl_csv_append_field (GString    *out,
                     const char *field)
{
  if (field == NULL)
    return;
  if (strpbrk (field, ",\"\r\n") == NULL)
    {
      g_string_append (out, field);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *c = field; *c; c++)
    {
      if (*c == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *c);
    }
  g_string_append_c (out, '"');
}
