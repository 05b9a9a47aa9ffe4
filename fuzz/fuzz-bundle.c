/* fuzz-bundle.c
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

#define G_LOG_DOMAIN "fuzz-bundle"

#include "config.h"

#include <stdint.h>

#include "sl-bundle.h"
#include "sl-vault-private.h"

/* A sync bundle's change set, as an import reads it once the age layer is
 * open and the signature checked (_sl_bundle_parse_body_for_testing()):
 * the format line, the header line, then device and change lines. The
 * signature is what keeps strangers out, but a trusted peer's bundle is
 * still outside input. */

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  gint64 n;

  n = _sl_bundle_parse_body_for_testing ((const char *) data, size, &error);
  g_assert_true ((n < 0) == (error != NULL));
  g_assert_cmpint (n, >=, -1);
  return 0;
}
