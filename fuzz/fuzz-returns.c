/* fuzz-returns.c
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

#define G_LOG_DOMAIN "fuzz-returns"

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "sl-csv.h"
#include "sl-returns.h"

/* An agency's indicator return, keyed as `sightline-cli returns key` does
 * (sl_returns_key_csv()), with a fixed linkage secret, by each kind of
 * match. A keyed return must read back as CSV: a header starting with
 * child_key, then one row per child keyed, all as wide as the header. */

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static SlSecret *secret;

static void
check_keyed (GString *out,
             guint    n_rows)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *header;

  rows = sl_csv_parse (out->str, out->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, n_rows + 1);
  header = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (g_ptr_array_index (header, 0), ==, "child_key");
  for (guint r = 1; r < rows->len; r++)
    {
      GPtrArray *row = g_ptr_array_index (rows, r);

      g_assert_cmpuint (row->len, ==, header->len);
      g_assert_cmpuint (strlen (g_ptr_array_index (row, 0)), ==, 64);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const SlMatch matches[] = { SL_MATCH_AUTO, SL_MATCH_NHS, SL_MATCH_PERSON };

  if (secret == NULL)
    {
      guint8 key[32];

      for (guint i = 0; i < sizeof key; i++)
        key[i] = (guint8) (i * 7 + 1);
      secret = sl_secret_new_from_data (key, sizeof key);
    }

  for (guint m = 0; m < G_N_ELEMENTS (matches); m++)
    {
      g_autoptr(GString) out = g_string_new (NULL);
      g_autoptr(GError) error = NULL;
      guint n_rows = 0;
      gboolean ok;

      ok = sl_returns_key_csv (secret, matches[m], (const char *) data, size, out, &n_rows, &error);
      g_assert_true (ok == (error == NULL));
      if (ok)
        check_keyed (out, n_rows);
      else
        g_assert_cmpuint (out->len, ==, 0);
    }
  return 0;
}
