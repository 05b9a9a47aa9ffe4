/* fuzz-csv.c
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

#define G_LOG_DOMAIN "fuzz-csv"

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "sl-csv.h"

/* Agencies' returns and imported tables arrive as CSV. Parse the bytes, and
 * when they parse, write the rows back with sl_csv_append_field() and check
 * that they read back the same. */

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* Rows the writer cannot express: a row of one empty field is a blank line,
 * which the reader skips, and a leading byte-order mark is dropped. */
static gboolean
can_write (GPtrArray *rows)
{
  for (guint r = 0; r < rows->len; r++)
    {
      GPtrArray *row = g_ptr_array_index (rows, r);

      if (row->len == 0)
        return FALSE;
      if (row->len == 1 && *(const char *) g_ptr_array_index (row, 0) == '\0')
        return FALSE;
    }
  if (rows->len > 0 &&
      g_str_has_prefix (g_ptr_array_index ((GPtrArray *) g_ptr_array_index (rows, 0), 0),
                        "\xEF\xBB\xBF"))
    return FALSE;
  return TRUE;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GString) out = NULL;
  g_autoptr(GError) error = NULL;

  rows = sl_csv_parse ((const char *) data, size, &error);
  g_assert_true ((rows == NULL) == (error != NULL));
  if (rows == NULL || !can_write (rows))
    return 0;

  out = g_string_new (NULL);
  for (guint r = 0; r < rows->len; r++)
    {
      GPtrArray *row = g_ptr_array_index (rows, r);

      for (guint c = 0; c < row->len; c++)
        {
          if (c > 0)
            g_string_append_c (out, ',');
          sl_csv_append_field (out, g_ptr_array_index (row, c));
        }
      g_string_append (out, "\r\n");
    }

  again = sl_csv_parse (out->str, out->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, rows->len);
  for (guint r = 0; r < rows->len; r++)
    {
      GPtrArray *row = g_ptr_array_index (rows, r);
      GPtrArray *row_again = g_ptr_array_index (again, r);

      g_assert_cmpuint (row_again->len, ==, row->len);
      for (guint c = 0; c < row->len; c++)
        g_assert_cmpstr (g_ptr_array_index (row_again, c), ==, g_ptr_array_index (row, c));
    }
  return 0;
}
