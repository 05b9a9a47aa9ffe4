/* fuzz-card.c
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

#define G_LOG_DOMAIN "fuzz-card"

#include "config.h"

#include <stdint.h>

#include "sl-identity.h"

/* A device card is pasted in from another device: parse it as the text
 * sl_identity_parse_card() takes (NUL-terminated). */

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *card = g_strndup ((const char *) data, size);
  g_autoptr(SlPeer) peer = NULL;
  g_autoptr(GError) error = NULL;

  peer = sl_identity_parse_card (card, &error);
  g_assert_true ((peer == NULL) == (error != NULL));
  if (peer != NULL)
    {
      g_assert_nonnull (peer->id);
      g_assert_nonnull (peer->name);
      g_assert_nonnull (peer->recipient);
      g_assert_nonnull (peer->signing_key);
      g_assert_nonnull (peer->fingerprint);
    }
  return 0;
}
