/* fuzz-age.c
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

#define G_LOG_DOMAIN "fuzz-age"

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "sl-age.h"

/* Bundles arrive as age files, binary or armored. Decrypt the bytes with a
 * fixed X25519 identity and a fixed passphrase, and read them as armor, as
 * a recipient and as an identity.
 *
 * The identity and the passphrase are those of the public age test vectors
 * (C2SP CCTV: "x25519", "scrypt"), so that those files, which tools/fuzz.sh
 * adds to the corpus when ../shared/testdata/age-cctv exists, open. */

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

#define IDENTITY   "AGE-SECRET-KEY-1EGTZVFFV20835NWYV6270LXYVK2VKNX2MMDKWYKLMGR48UAWX40Q2P2LM0"
#define PASSPHRASE "password"

/* age accepts scrypt work factors up to 22: 4 GiB and seconds per file, by
 * design. A stanza asking that much is not a bug but would stall the
 * fuzzer or trip its memory limit, so the passphrase is only offered to
 * files whose scrypt stanzas ask for at most this one. */
#define MAX_WORK_FACTOR 12

static GPtrArray *identities;
static SlSecret *passphrase;

static gboolean
scrypt_is_cheap_in (const guint8 *data,
                    gsize         len)
{
  static const char marker[] = "-> scrypt ";
  const guint8 *p = data;
  const guint8 *end;

  if (data == NULL || len == 0)
    return TRUE;
  end = data + len;
  while (p < end && (p = memmem (p, (gsize) (end - p), marker, strlen (marker))) != NULL)
    {
      const guint8 *eol = memchr (p, '\n', (gsize) (end - p));
      g_autofree char *line = g_strndup ((const char *) p, (eol ? eol : end) - p);
      g_auto(GStrv) args = g_strsplit (line, " ", -1);

      for (guint i = 2; args[i] != NULL; i++)
        {
          guint64 value = 0;
          gboolean digits = args[i][0] != '\0';

          for (const char *c = args[i]; *c != '\0'; c++)
            digits = digits && g_ascii_isdigit (*c);
          if (digits && (strlen (args[i]) > 2 ||
                         (g_ascii_string_to_unsigned (args[i], 10, 0, 99, &value, NULL) &&
                          value > MAX_WORK_FACTOR)))
            return FALSE;
        }
      p += strlen (marker);
    }
  return TRUE;
}

static gboolean
scrypt_is_cheap (GBytes *file)
{
  gsize len = 0;
  const guint8 *data = g_bytes_get_data (file, &len);

  if (len == 0)
    return TRUE;
  if (!scrypt_is_cheap_in (data, len))
    return FALSE;
  if (memmem (data, len, "-----BEGIN", strlen ("-----BEGIN")) != NULL)
    {
      g_autoptr(GBytes) binary = sl_age_armor_decode (file, NULL);

      if (binary != NULL)
        {
          data = g_bytes_get_data (binary, &len);
          return scrypt_is_cheap_in (data, len);
        }
    }
  return TRUE;
}

static void
init (void)
{
  g_autoptr(GError) error = NULL;
  SlSecret *identity;

  sl_age_set_scrypt_work_factor_for_testing (1);
  identity = sl_age_identity_from_string (IDENTITY, &error);
  g_assert_no_error (error);
  identities = g_ptr_array_new_with_free_func ((GDestroyNotify) sl_secret_unref);
  g_ptr_array_add (identities, identity);
  passphrase = sl_secret_new_from_string (PASSPHRASE);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) file = g_bytes_new (data, size);
  g_autofree char *text = g_strndup ((const char *) data, size);

  if (identities == NULL)
    init ();

  {
    g_autoptr(GBytes) plain = NULL;
    g_autoptr(GError) error = NULL;

    plain = sl_age_decrypt (file, identities, scrypt_is_cheap (file) ? passphrase : NULL, &error);
    g_assert_true ((plain == NULL) == (error != NULL));
  }

  {
    g_autoptr(GBytes) binary = NULL;
    g_autoptr(GError) error = NULL;

    binary = sl_age_armor_decode (file, &error);
    g_assert_true ((binary == NULL) == (error != NULL));
    if (binary != NULL)
      {
        /* What was read must write and read back the same. */
        g_autoptr(GBytes) armored = sl_age_armor_encode (binary);
        g_autoptr(GBytes) again = sl_age_armor_decode (armored, &error);

        g_assert_no_error (error);
        g_assert_true (g_bytes_equal (again, binary));
      }
  }

  {
    g_autoptr(GBytes) recipient = NULL;
    g_autoptr(GError) error = NULL;

    recipient = sl_age_recipient_from_string (text, &error);
    g_assert_true ((recipient == NULL) == (error != NULL));
    if (recipient != NULL)
      {
        g_autofree char *again = sl_age_recipient_to_string (recipient);

        g_assert_cmpuint (g_bytes_get_size (recipient), ==, SL_AGE_KEY_SIZE);
        g_assert_nonnull (again);
      }
  }

  {
    g_autoptr(SlSecret) identity = NULL;
    g_autoptr(GError) error = NULL;

    identity = sl_age_identity_from_string (text, &error);
    g_assert_true ((identity == NULL) == (error != NULL));
    if (identity != NULL)
      {
        g_autoptr(GBytes) recipient = sl_age_identity_to_recipient (identity);

        g_assert_cmpuint (sl_secret_get_size (identity), ==, SL_AGE_KEY_SIZE);
        g_assert_nonnull (recipient);
      }
  }
  return 0;
}
