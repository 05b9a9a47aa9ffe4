/* fuzz-codebook.c
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

#define G_LOG_DOMAIN "fuzz-codebook"

#include "config.h"

#include <stdint.h>

#include "sl-codebook.h"

/* A codebook comes from outside (a newer edition sent by the secretariat):
 * parse it, check it, and check it as an upgrade of the built-in one. */

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static SlCodebook *builtin;

static void
walk (SlCodebook *book)
{
  GPtrArray *types = sl_codebook_get_record_types (book);

  g_assert_nonnull (sl_codebook_get_id (book));
  g_assert_nonnull (sl_codebook_get_json (book));
  for (guint t = 0; t < types->len; t++)
    {
      SlRecordType *type = g_ptr_array_index (types, t);
      g_autoptr(GError) error = NULL;

      g_assert_true (sl_codebook_lookup_type (book, type->id, &error) != NULL);
      g_assert_no_error (error);
      for (guint f = 0; f < type->fields->len; f++)
        {
          SlField *field = g_ptr_array_index (type->fields, f);
          g_autoptr(JsonNode) value = NULL;
          g_autoptr(GError) parse_error = NULL;

          g_assert_true (sl_record_type_lookup_field (type, field->id, NULL) != NULL);
          /* A field's first option code, or a fixed text, as a user would type it. */
          value = sl_field_parse_input (field,
                                        field->options && field->options->len > 0 ?
                                          ((SlOption *) g_ptr_array_index (field->options, 0))->code :
                                          "12/03/2011",
                                        &parse_error);
          if (value != NULL)
            {
              g_autofree char *text = sl_field_format_value (field, value);
              g_autofree char *code = sl_field_format_value_code (field, value);

              g_assert_nonnull (text);
              g_assert_nonnull (code);
              sl_field_validate (field, value, NULL);
            }
        }
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = NULL;
  g_autoptr(SlCodebook) book = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) upgrade = NULL;
  g_autoptr(GError) error = NULL;

  if (size > G_MAXSSIZE)
    return 0;
  if (builtin == NULL)
    builtin = sl_codebook_new_default ();

  /* With an explicit length, the bytes are read as they are: not
   * NUL-terminated, so that AddressSanitizer sees any read past them. */
  book = sl_codebook_new_from_data ((const char *) data, (gssize) size, &error);
  g_assert_true ((book == NULL) == (error != NULL));
  if (book != NULL)
    {
      walk (book);
      upgrade = sl_codebook_check_upgrade (book, builtin);
      g_clear_pointer (&upgrade, g_ptr_array_unref);
      upgrade = sl_codebook_check_upgrade (builtin, book);
    }

  text = g_strndup ((const char *) data, size);
  problems = sl_codebook_check_data (text, -1, builtin);
  g_assert_nonnull (problems);
  g_clear_pointer (&problems, g_ptr_array_unref);
  problems = sl_codebook_check_data ((const char *) data, (gssize) size, NULL);
  g_assert_nonnull (problems);
  return 0;
}
