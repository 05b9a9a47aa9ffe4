/* fuzz-redactor.c
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

#define G_LOG_DOMAIN "fuzz-redactor"

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "sl-redactor.h"

/* Free text from any source, UTF-8 or not: the spans found must lie in the
 * text, sorted and never overlapping, as sl_redactor_detect() promises. */

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static void
check_spans (GArray *spans,
             gsize   len)
{
  gsize last_end = 0;

  g_assert_nonnull (spans);
  for (guint i = 0; i < spans->len; i++)
    {
      const SlSpan *span = &g_array_index (spans, SlSpan, i);

      g_assert_cmpuint (span->start, <, span->end);
      g_assert_cmpuint (span->end, <=, len);
      g_assert_cmpuint (span->start, >=, last_end);
      g_assert_nonnull (span->type);
      g_assert_nonnull (sl_redactor_get_label (span->type));
      last_end = span->end;
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = NULL;
  g_autofree char *redacted = NULL;
  g_autoptr(GArray) spans = NULL;

  if (size > G_MAXSSIZE)
    return 0;

  /* With a length: not NUL-terminated, as a slice of a larger buffer. */
  spans = sl_redactor_detect ((const char *) data, (gssize) size);
  check_spans (spans, size);
  g_clear_pointer (&spans, g_array_unref);

  text = g_strndup ((const char *) data, size);
  spans = sl_redactor_detect (text, -1);
  check_spans (spans, strlen (text));
  redacted = sl_redactor_redact_structured (text);
  g_assert_nonnull (redacted);
  return 0;
}
