/* test-age.c
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

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "sl-age.h"

/* The X25519 identity used by the public conformance vectors. */
#define CCTV_IDENTITY "AGE-SECRET-KEY-1EGTZVFFV20835NWYV6270LXYVK2VKNX2MMDKWYKLMGR48UAWX40Q2P2LM0"

/* Helpers */

static GBytes *
make_plaintext (gsize size)
{
  guint8 *data = g_malloc (MAX (size, 1));

  for (gsize i = 0; i < size; i++)
    data[i] = (guint8) (i * 31 + i / 65536 + 7);
  return g_bytes_new_take (data, size);
}

static GPtrArray *
secret_array (SlSecret *first,
              ...)
{
  GPtrArray *array = g_ptr_array_new_with_free_func ((GDestroyNotify) sl_secret_unref);
  va_list args;

  va_start (args, first);
  for (SlSecret *s = first; s != NULL; s = va_arg (args, SlSecret *))
    g_ptr_array_add (array, sl_secret_ref (s));
  va_end (args);
  return array;
}

static GPtrArray *
recipient_array (SlSecret *first,
                 ...)
{
  GPtrArray *array = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  va_list args;

  va_start (args, first);
  for (SlSecret *s = first; s != NULL; s = va_arg (args, SlSecret *))
    g_ptr_array_add (array, sl_age_identity_to_recipient (s));
  va_end (args);
  return array;
}

static GBytes *
bytes_with_change (GBytes *bytes,
                   gsize   offset,
                   guint8  value)
{
  gsize len = 0;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  guint8 *copy = g_memdup2 (data, len);

  g_assert_cmpuint (offset, <, len);
  copy[offset] = value;
  return g_bytes_new_take (copy, len);
}

/* Offset of @needle in @bytes, which must contain it. */
static gsize
find (GBytes     *bytes,
      const char *needle)
{
  gsize len = 0;
  const char *data = g_bytes_get_data (bytes, &len);
  const char *hit = g_strstr_len (data, MIN (len, 4096), needle);

  g_assert_nonnull (hit);
  return hit - data;
}

static gsize
payload_offset (GBytes *file)
{
  gsize mac = find (file, "\n--- ");
  gsize len = 0;
  const char *data = g_bytes_get_data (file, &len);
  const char *nl = memchr (data + mac + 1, '\n', len - mac - 1);

  g_assert_nonnull (nl);
  return nl + 1 - data;
}

/* Keys */

static void
test_keys_roundtrip (void)
{
  g_autoptr(SlSecret) identity = sl_age_x25519_generate ();
  g_autoptr(SlSecret) text = sl_age_identity_to_string (identity);
  g_autoptr(SlSecret) parsed = NULL;
  g_autoptr(GBytes) recipient = sl_age_identity_to_recipient (identity);
  g_autofree char *recipient_text = sl_age_recipient_to_string (recipient);
  g_autoptr(GBytes) parsed_recipient = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_str_has_prefix (sl_secret_get_string (text), "AGE-SECRET-KEY-1"));
  g_assert_cmpuint (strlen (sl_secret_get_string (text)), ==, 74);
  g_assert_true (g_str_has_prefix (recipient_text, "age1"));
  g_assert_cmpuint (strlen (recipient_text), ==, 62);

  parsed = sl_age_identity_from_string (sl_secret_get_string (text), &error);
  g_assert_no_error (error);
  g_assert_true (sl_secret_equal (parsed, identity));

  parsed_recipient = sl_age_recipient_from_string (recipient_text, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (parsed_recipient, recipient));
}

static void
test_keys_known (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlSecret) identity = sl_age_identity_from_string (CCTV_IDENTITY, &error);
  g_autoptr(SlSecret) lower = NULL;
  g_autoptr(SlSecret) again = NULL;
  g_autofree char *lower_text = g_ascii_strdown (CCTV_IDENTITY, -1);

  g_assert_no_error (error);
  g_assert_nonnull (identity);
  again = sl_age_identity_to_string (identity);
  g_assert_cmpstr (sl_secret_get_string (again), ==, CCTV_IDENTITY);

  /* Bech32 allows all lower case too. */
  lower = sl_age_identity_from_string (lower_text, &error);
  g_assert_no_error (error);
  g_assert_true (sl_secret_equal (lower, identity));
}

static void
test_keys_invalid (void)
{
  static const char *bad_identities[] = {
    "",
    "AGE-SECRET-KEY-1",
    /* mixed case */
    "AGE-SECRET-KEY-1EGTZVFFV20835NWYV6270LXYVK2VKNX2MMDKWYKLMGR48UAWX40Q2P2Lm0",
    /* checksum */
    "AGE-SECRET-KEY-1EGTZVFFV20835NWYV6270LXYVK2VKNX2MMDKWYKLMGR48UAWX40Q2P2LM2",
    /* wrong HRP */
    "AGE-SECRET-KEZ-1EGTZVFFV20835NWYV6270LXYVK2VKNX2MMDKWYKLMGR48UAWX40Q2P2LM0",
    /* invalid character 'B' */
    "AGE-SECRET-KEY-1BGTZVFFV20835NWYV6270LXYVK2VKNX2MMDKWYKLMGR48UAWX40Q2P2LM0",
    /* post-quantum identities are not supported */
    "AGE-SECRET-KEY-PQ-1HZLGZUPT4ETPKDEV8HSGFDCYZ4E522W0A7PU2LHT8EH9W6YLNC3SW78XKG",
  };
  g_autoptr(SlSecret) identity = sl_age_x25519_generate ();
  g_autoptr(GBytes) recipient = sl_age_identity_to_recipient (identity);
  g_autofree char *text = sl_age_recipient_to_string (recipient);
  g_autofree char *upper = g_ascii_strup (text, -1);
  g_autofree char *mixed = g_strdup (text);
  g_autoptr(SlSecret) id_text = sl_age_identity_to_string (identity);
  g_autoptr(GBytes) ok = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad_identities); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SlSecret) parsed = sl_age_identity_from_string (bad_identities[i], &error);

      g_assert_error (error, SL_AGE_ERROR, SL_AGE_ERROR_KEY);
      g_assert_null (parsed);
    }

  mixed[10] = g_ascii_isdigit (mixed[10]) ? mixed[10] : g_ascii_toupper (mixed[10]);
  mixed[11] = g_ascii_isdigit (mixed[11]) ? mixed[11] : g_ascii_toupper (mixed[11]);
  mixed[12] = g_ascii_isdigit (mixed[12]) ? mixed[12] : g_ascii_toupper (mixed[12]);
  {
    const char *bad_recipients[] = { mixed, "age1", "age1qqqqqqqq",
                                     sl_secret_get_string (id_text) };

    if (g_strcmp0 (mixed, text) == 0)
      bad_recipients[0] = "Age1zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz";
    for (guint i = 0; i < G_N_ELEMENTS (bad_recipients); i++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(GBytes) parsed = sl_age_recipient_from_string (bad_recipients[i], &error);

        g_assert_error (error, SL_AGE_ERROR, SL_AGE_ERROR_KEY);
        g_assert_null (parsed);
      }
  }

  /* All upper case is valid Bech32. */
  ok = sl_age_recipient_from_string (upper, NULL);
  g_assert_nonnull (ok);
  g_assert_true (g_bytes_equal (ok, recipient));
}

/* Round trips */

static void
roundtrip (gsize    size,
           gboolean armor)
{
  g_autoptr(SlSecret) identity = sl_age_x25519_generate ();
  g_autoptr(GPtrArray) recipients = recipient_array (identity, NULL);
  g_autoptr(GPtrArray) identities = secret_array (identity, NULL);
  g_autoptr(GBytes) plaintext = make_plaintext (size);
  g_autoptr(GBytes) file = NULL;
  g_autoptr(GBytes) decrypted = NULL;
  g_autoptr(GError) error = NULL;
  gsize chunks = size == 0 ? 1 : (size + 65535) / 65536;

  file = sl_age_encrypt (plaintext, recipients, NULL, armor, &error);
  g_assert_no_error (error);
  g_assert_nonnull (file);

  if (armor)
    {
      g_autoptr(GBytes) binary = sl_age_armor_decode (file, &error);

      g_assert_no_error (error);
      g_assert_true (g_str_has_prefix (g_bytes_get_data (file, NULL),
                                       "-----BEGIN AGE ENCRYPTED FILE-----\n"));
      g_assert_cmpuint (g_bytes_get_size (binary) - payload_offset (binary), ==,
                        16 + size + 16 * chunks);
    }
  else
    {
      g_assert_true (g_str_has_prefix (g_bytes_get_data (file, NULL), "age-encryption.org/v1\n"));
      g_assert_cmpuint (g_bytes_get_size (file) - payload_offset (file), ==,
                        16 + size + 16 * chunks);
    }

  decrypted = sl_age_decrypt (file, identities, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (decrypted, plaintext));
}

static gboolean
append_sink (const guint8  *data,
             gsize          len,
             gpointer       user_data,
             GError       **error)
{
  g_byte_array_append (user_data, data, (guint) len);
  return TRUE;
}

/* @plaintext sealed by an SlAgeWriter fed pieces of @piece bytes. */
static GBytes *
writer_encrypt (GBytes    *plaintext,
                GPtrArray *recipients,
                gsize      piece)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(SlAgeWriter) w = NULL;
  g_autoptr(GError) error = NULL;
  gsize len = 0;
  const guint8 *data = g_bytes_get_data (plaintext, &len);

  w = sl_age_writer_new (recipients, append_sink, out, &error);
  g_assert_no_error (error);
  for (gsize at = 0; at < len; at += piece)
    {
      g_assert_true (sl_age_writer_write (w, data + at, MIN (piece, len - at), &error));
      g_assert_no_error (error);
    }
  g_assert_true (sl_age_writer_close (w, &error));
  g_assert_no_error (error);
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

/* A file written piece by piece is the same age file as one sealed whole:
 * same length, opened alike, at every size around the chunk boundary and
 * however the pieces fall. */
static void
test_writer (void)
{
  static const gsize sizes[] = { 0, 1, 65535, 65536, 65537, 131072, 300000 };
  static const gsize pieces[] = { 1, 7, 65536, 100000 };
  g_autoptr(SlSecret) identity = sl_age_x25519_generate ();
  g_autoptr(GPtrArray) recipients = recipient_array (identity, NULL);
  g_autoptr(GPtrArray) identities = secret_array (identity, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    for (guint k = 0; k < G_N_ELEMENTS (pieces); k++)
      {
        g_autoptr(GBytes) plaintext = make_plaintext (sizes[i]);
        g_autoptr(GBytes) whole = NULL;
        g_autoptr(GBytes) file = NULL;
        g_autoptr(GBytes) decrypted = NULL;
        g_autoptr(GError) error = NULL;

        if (sizes[i] > 70000 && pieces[k] == 1)
          continue;   /* (slow, and nothing more to learn) */
        file = writer_encrypt (plaintext, recipients, pieces[k]);
        whole = sl_age_encrypt (plaintext, recipients, NULL, FALSE, &error);
        g_assert_no_error (error);
        g_assert_cmpuint (g_bytes_get_size (file), ==, g_bytes_get_size (whole));
        decrypted = sl_age_decrypt (file, identities, NULL, &error);
        g_assert_no_error (error);
        g_assert_true (g_bytes_equal (decrypted, plaintext));
      }
}

/* A sink that fails is reported, and nothing more is asked of it. */
static gboolean
failing_sink (const guint8  *data,
              gsize          len,
              gpointer       user_data,
              GError       **error)
{
  guint *calls = user_data;

  if (++*calls < 3)
    return TRUE;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "No space left on device");
  return FALSE;
}

static void
test_writer_sink_fails (void)
{
  g_autoptr(SlSecret) identity = sl_age_x25519_generate ();
  g_autoptr(GPtrArray) recipients = recipient_array (identity, NULL);
  g_autoptr(GBytes) plaintext = make_plaintext (300000);
  g_autoptr(SlAgeWriter) w = NULL;
  g_autoptr(GError) error = NULL;
  guint calls = 0;

  /* The header and the nonce go through; the first chunk does not. */
  w = sl_age_writer_new (recipients, failing_sink, &calls, &error);
  g_assert_no_error (error);
  g_assert_false (sl_age_writer_write (w, g_bytes_get_data (plaintext, NULL), 300000, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_assert_cmpuint (calls, ==, 3);
}

static void
test_roundtrip_size (gconstpointer data)
{
  gsize size = GPOINTER_TO_SIZE (data);

  roundtrip (size, FALSE);
  roundtrip (size, TRUE);
}

static void
test_roundtrip_two_recipients (void)
{
  g_autoptr(SlSecret) alice = sl_age_x25519_generate ();
  g_autoptr(SlSecret) bob = sl_age_x25519_generate ();
  g_autoptr(GPtrArray) recipients = recipient_array (alice, bob, NULL);
  g_autoptr(GBytes) plaintext = make_plaintext (100000);
  g_autoptr(GBytes) file = NULL;
  g_autoptr(GError) error = NULL;
  SlSecret *each[] = { alice, bob };

  file = sl_age_encrypt (plaintext, recipients, NULL, FALSE, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (each); i++)
    {
      g_autoptr(GPtrArray) identities = secret_array (each[i], NULL);
      g_autoptr(GBytes) decrypted = sl_age_decrypt (file, identities, NULL, &error);

      g_assert_no_error (error);
      g_assert_true (g_bytes_equal (decrypted, plaintext));
    }
}

static void
test_roundtrip_scrypt (void)
{
  g_autoptr(SlSecret) passphrase = sl_secret_new_from_string ("correct horse battery staple");
  g_autoptr(SlSecret) wrong = sl_secret_new_from_string ("incorrect horse");
  g_autoptr(SlSecret) identity = sl_age_x25519_generate ();
  g_autoptr(GPtrArray) identities = secret_array (identity, NULL);
  g_autoptr(GPtrArray) recipients = recipient_array (identity, NULL);
  g_autoptr(GBytes) plaintext = make_plaintext (70000);
  g_autoptr(GBytes) file = NULL;
  g_autoptr(GBytes) decrypted = NULL;
  g_autoptr(GError) error = NULL;

  sl_age_set_scrypt_work_factor_for_testing (10);
  file = sl_age_encrypt (plaintext, NULL, passphrase, TRUE, &error);
  g_assert_no_error (error);
  g_assert_true (g_strstr_len (g_bytes_get_data (file, NULL), 200, "-----BEGIN") != NULL);

  decrypted = sl_age_decrypt (file, NULL, passphrase, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (decrypted, plaintext));
  g_clear_pointer (&decrypted, g_bytes_unref);

  decrypted = sl_age_decrypt (file, NULL, wrong, &error);
  g_assert_error (error, SL_AGE_ERROR, SL_AGE_ERROR_NO_IDENTITY);
  g_assert_null (decrypted);
  g_clear_error (&error);

  decrypted = sl_age_decrypt (file, identities, NULL, &error);
  g_assert_error (error, SL_AGE_ERROR, SL_AGE_ERROR_NO_IDENTITY);
  g_clear_error (&error);

  /* age forbids mixing a passphrase with other recipients. */
  g_clear_pointer (&file, g_bytes_unref);
  file = sl_age_encrypt (plaintext, recipients, passphrase, FALSE, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_null (file);
  g_clear_error (&error);

  sl_age_set_scrypt_work_factor_for_testing (SL_AGE_SCRYPT_WORK_FACTOR);
}

static void
test_roundtrip_scrypt_default (void)
{
  g_autoptr(SlSecret) passphrase = sl_secret_new_from_string ("correct horse battery staple");
  g_autoptr(GBytes) plaintext = make_plaintext (10);
  g_autoptr(GBytes) file = NULL;
  g_autoptr(GBytes) decrypted = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_test_slow ())
    {
      g_test_skip ("scrypt at the default work factor (256 MiB) only runs with -m slow");
      return;
    }

  file = sl_age_encrypt (plaintext, NULL, passphrase, FALSE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (file, NULL), 200, " 18\n"));
  decrypted = sl_age_decrypt (file, NULL, passphrase, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (decrypted, plaintext));
}

/* Refusals */

typedef struct
{
  SlSecret  *alice;
  SlSecret  *bob;
  GPtrArray *alice_only;
  GBytes    *plaintext;
  GBytes    *file;       /* to alice then bob, 64 KiB + 1 */
} TamperFixture;

static void
tamper_setup (TamperFixture *f,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) recipients = NULL;
  g_autoptr(GError) error = NULL;

  f->alice = sl_age_x25519_generate ();
  f->bob = sl_age_x25519_generate ();
  f->alice_only = secret_array (f->alice, NULL);
  recipients = recipient_array (f->alice, f->bob, NULL);
  f->plaintext = make_plaintext (65537);
  f->file = sl_age_encrypt (f->plaintext, recipients, NULL, FALSE, &error);
  g_assert_no_error (error);
}

static void
tamper_teardown (TamperFixture *f,
                 gconstpointer  data)
{
  g_clear_pointer (&f->alice, sl_secret_unref);
  g_clear_pointer (&f->bob, sl_secret_unref);
  g_clear_pointer (&f->alice_only, g_ptr_array_unref);
  g_clear_pointer (&f->plaintext, g_bytes_unref);
  g_clear_pointer (&f->file, g_bytes_unref);
}

static void
assert_refused (TamperFixture *f,
                GBytes        *file,
                int            code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) plain = sl_age_decrypt (file, f->alice_only, NULL, &error);

  g_assert_error (error, SL_AGE_ERROR, code);
  g_assert_null (plain);
}

static void
test_tamper_control (TamperFixture *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) plain = sl_age_decrypt (f->file, f->alice_only, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (plain, f->plaintext));
}

static void
test_tamper_header (TamperFixture *f,
                    gconstpointer  data)
{
  gsize second = find (f->file, "-> X25519 ");
  gsize len = g_bytes_get_size (f->file);
  const char *text = g_bytes_get_data (f->file, NULL);
  g_autoptr(GBytes) version = bytes_with_change (f->file, strlen ("age-encryption.org/v") , '2');
  g_autoptr(GBytes) intro = bytes_with_change (f->file, 0, 'A');
  g_autoptr(GBytes) type = NULL;
  g_autoptr(GBytes) bob_body = NULL;
  g_autoptr(GBytes) bob_share = NULL;
  const char *bob;

  assert_refused (f, version, SL_AGE_ERROR_UNSUPPORTED);
  assert_refused (f, intro, SL_AGE_ERROR_HEADER);

  /* Alice's stanza no longer looks like X25519: it is ignored. */
  type = bytes_with_change (f->file, second + strlen ("-> X2551"), '8');
  assert_refused (f, type, SL_AGE_ERROR_NO_IDENTITY);

  /* Bob's stanza is not Alice's business, but the MAC covers it. */
  bob = g_strstr_len (text + second + 1, len - second - 1, "-> X25519 ");
  g_assert_nonnull (bob);
  bob_share = bytes_with_change (f->file, bob - text + strlen ("-> X25519 ") + 5,
                                 text[bob - text + strlen ("-> X25519 ") + 5] == 'A' ? 'B' : 'A');
  assert_refused (f, bob_share, SL_AGE_ERROR_MAC);
  {
    const char *body = strchr (bob, '\n') + 1;

    bob_body = bytes_with_change (f->file, body - text + 3, body[3] == 'A' ? 'B' : 'A');
    assert_refused (f, bob_body, SL_AGE_ERROR_MAC);
  }
}

static void
test_tamper_mac (TamperFixture *f,
                 gconstpointer  data)
{
  gsize mac = find (f->file, "\n--- ") + strlen ("\n--- ");
  const char *text = g_bytes_get_data (f->file, NULL);
  g_autoptr(GBytes) flipped = bytes_with_change (f->file, mac + 2,
                                                 text[mac + 2] == 'A' ? 'B' : 'A');
  g_autoptr(GBytes) space = bytes_with_change (f->file, mac + 2, ' ');

  assert_refused (f, flipped, SL_AGE_ERROR_MAC);
  assert_refused (f, space, SL_AGE_ERROR_HEADER);
}

static void
test_tamper_payload (TamperFixture *f,
                     gconstpointer  data)
{
  gsize start = payload_offset (f->file);
  gsize len = g_bytes_get_size (f->file);
  const guint8 *bytes = g_bytes_get_data (f->file, NULL);
  gsize offsets[] = { start, start + 20, start + 16 + 65536 + 3, len - 1 };

  for (guint i = 0; i < G_N_ELEMENTS (offsets); i++)
    {
      g_autoptr(GBytes) flipped = bytes_with_change (f->file, offsets[i], bytes[offsets[i]] ^ 0x01);

      assert_refused (f, flipped, SL_AGE_ERROR_PAYLOAD);
    }
}

static void
test_tamper_truncate (TamperFixture *f,
                      gconstpointer  data)
{
  gsize start = payload_offset (f->file);
  gsize len = g_bytes_get_size (f->file);
  /* Inside the nonce, in the last chunk, at the chunk boundary, in the first. */
  gsize cuts[] = { len - 1, len - 17, start + 16 + 65536 + 16, start + 16 + 1000, start + 16 };

  for (guint i = 0; i < G_N_ELEMENTS (cuts); i++)
    {
      g_autoptr(GBytes) cut = g_bytes_new_from_bytes (f->file, 0, cuts[i]);

      assert_refused (f, cut, SL_AGE_ERROR_PAYLOAD);
    }
  {
    g_autoptr(GBytes) no_nonce = g_bytes_new_from_bytes (f->file, 0, start + 5);
    g_autoptr(GBytes) in_header = g_bytes_new_from_bytes (f->file, 0, start - 10);

    assert_refused (f, no_nonce, SL_AGE_ERROR_HEADER);
    assert_refused (f, in_header, SL_AGE_ERROR_HEADER);
  }
}

static void
test_tamper_trailing (TamperFixture *f,
                      gconstpointer  data)
{
  g_autoptr(GByteArray) longer = g_byte_array_new ();
  g_autoptr(GBytes) file = NULL;

  g_byte_array_append (longer, g_bytes_get_data (f->file, NULL), g_bytes_get_size (f->file));
  g_byte_array_append (longer, (const guint8 *) "x", 1);
  file = g_byte_array_free_to_bytes (g_steal_pointer (&longer));
  assert_refused (f, file, SL_AGE_ERROR_PAYLOAD);
}

static void
test_tamper_reorder (void)
{
  /* Three chunks; swap the first two. */
  g_autoptr(SlSecret) identity = sl_age_x25519_generate ();
  g_autoptr(GPtrArray) recipients = recipient_array (identity, NULL);
  g_autoptr(GPtrArray) identities = secret_array (identity, NULL);
  g_autoptr(GBytes) plaintext = make_plaintext (3 * 65536 - 5);
  g_autoptr(GBytes) file = NULL;
  g_autoptr(GBytes) swapped = NULL;
  g_autoptr(GBytes) plain = NULL;
  g_autoptr(GError) error = NULL;
  guint8 *copy;
  gsize len = 0;
  gsize start;
  const gsize enc = 65536 + 16;

  file = sl_age_encrypt (plaintext, recipients, NULL, FALSE, &error);
  g_assert_no_error (error);
  start = payload_offset (file) + 16;
  len = g_bytes_get_size (file);
  copy = g_memdup2 (g_bytes_get_data (file, NULL), len);
  memcpy (copy + start, (const guint8 *) g_bytes_get_data (file, NULL) + start + enc, enc);
  memcpy (copy + start + enc, (const guint8 *) g_bytes_get_data (file, NULL) + start, enc);
  swapped = g_bytes_new_take (copy, len);

  plain = sl_age_decrypt (swapped, identities, NULL, &error);
  g_assert_error (error, SL_AGE_ERROR, SL_AGE_ERROR_PAYLOAD);
  g_assert_null (plain);
}

/* A file large enough for its chunks to be opened on two threads: a chunk
 * altered, moved or cut in either half is refused all the same. */
static void
test_tamper_large (void)
{
  g_autoptr(SlSecret) identity = sl_age_x25519_generate ();
  g_autoptr(GPtrArray) recipients = recipient_array (identity, NULL);
  g_autoptr(GPtrArray) identities = secret_array (identity, NULL);
  g_autoptr(GBytes) plaintext = make_plaintext (130 * 65536 + 100);
  g_autoptr(GBytes) file = NULL;
  g_autoptr(GBytes) plain = NULL;
  g_autoptr(GError) error = NULL;
  const gsize enc = 65536 + 16;
  const guint8 *data;
  gsize start;
  gsize len;

  file = sl_age_encrypt (plaintext, recipients, NULL, FALSE, &error);
  g_assert_no_error (error);
  plain = sl_age_decrypt (file, identities, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (plain, plaintext));
  start = payload_offset (file) + 16;
  data = g_bytes_get_data (file, &len);
  g_assert_cmpuint (len - start, ==, 131 * enc - 65536 + 100);

  /* A byte flipped in the first half, in the second, in the last chunk. */
  {
    gsize offsets[] = { start + 10 * enc + 5, start + 100 * enc + 5, start + 129 * enc + 7,
                        len - 1 };

    for (guint i = 0; i < G_N_ELEMENTS (offsets); i++)
      {
        g_autoptr(GBytes) flipped = bytes_with_change (file, offsets[i], data[offsets[i]] ^ 0x01);
        g_autoptr(GBytes) out = NULL;
        g_autoptr(GError) local_error = NULL;

        out = sl_age_decrypt (flipped, identities, NULL, &local_error);
        g_assert_error (local_error, SL_AGE_ERROR, SL_AGE_ERROR_PAYLOAD);
        g_assert_null (out);
      }
  }

  /* Two chunks of the second half swapped. */
  {
    guint8 *copy = g_memdup2 (data, len);
    g_autoptr(GBytes) swapped = NULL;
    g_autoptr(GBytes) out = NULL;
    g_autoptr(GError) local_error = NULL;

    memcpy (copy + start + 100 * enc, data + start + 101 * enc, enc);
    memcpy (copy + start + 101 * enc, data + start + 100 * enc, enc);
    swapped = g_bytes_new_take (copy, len);
    out = sl_age_decrypt (swapped, identities, NULL, &local_error);
    g_assert_error (local_error, SL_AGE_ERROR, SL_AGE_ERROR_PAYLOAD);
    g_assert_null (out);
  }

  /* Cut at a chunk boundary in each half, and inside a chunk. */
  {
    gsize cuts[] = { start + 20 * enc, start + 100 * enc, start + 100 * enc + 33, len - 1 };

    for (guint i = 0; i < G_N_ELEMENTS (cuts); i++)
      {
        g_autoptr(GBytes) cut = g_bytes_new_from_bytes (file, 0, cuts[i]);
        g_autoptr(GBytes) out = NULL;
        g_autoptr(GError) local_error = NULL;

        out = sl_age_decrypt (cut, identities, NULL, &local_error);
        g_assert_error (local_error, SL_AGE_ERROR, SL_AGE_ERROR_PAYLOAD);
        g_assert_null (out);
      }
  }
}

static void
test_wrong_identity (TamperFixture *f,
                     gconstpointer  data)
{
  g_autoptr(SlSecret) eve = sl_age_x25519_generate ();
  g_autoptr(GPtrArray) identities = secret_array (eve, NULL);
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  g_autoptr(SlSecret) passphrase = sl_secret_new_from_string ("guess");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) plain = sl_age_decrypt (f->file, identities, NULL, &error);

  g_assert_error (error, SL_AGE_ERROR, SL_AGE_ERROR_NO_IDENTITY);
  g_assert_null (plain);
  g_clear_error (&error);

  plain = sl_age_decrypt (f->file, none, passphrase, &error);
  g_assert_error (error, SL_AGE_ERROR, SL_AGE_ERROR_NO_IDENTITY);
  g_clear_error (&error);

  /* Eve first, then Bob: the second identity opens it. */
  g_ptr_array_add (identities, sl_secret_ref (f->bob));
  plain = sl_age_decrypt (f->file, identities, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (plain, f->plaintext));
}

static void
test_armor_strict (void)
{
  g_autoptr(SlSecret) identity = sl_age_x25519_generate ();
  g_autoptr(GPtrArray) recipients = recipient_array (identity, NULL);
  g_autoptr(GPtrArray) identities = secret_array (identity, NULL);
  g_autoptr(GBytes) plaintext = make_plaintext (1000);
  g_autoptr(GBytes) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  guint n;

  file = sl_age_encrypt (plaintext, recipients, NULL, TRUE, &error);
  g_assert_no_error (error);
  text = g_strndup (g_bytes_get_data (file, NULL), g_bytes_get_size (file));
  lines = g_strsplit (text, "\n", -1);
  n = g_strv_length (lines);
  g_assert_cmpuint (n, >=, 4);
  g_assert_cmpstr (lines[0], ==, "-----BEGIN AGE ENCRYPTED FILE-----");
  g_assert_cmpstr (lines[n - 2], ==, "-----END AGE ENCRYPTED FILE-----");
  g_assert_cmpstr (lines[n - 1], ==, "");
  for (guint i = 1; i + 3 < n; i++)
    g_assert_cmpuint (strlen (lines[i]), ==, 64);
  g_assert_cmpuint (strlen (lines[n - 3]), <=, 64);
  g_assert_cmpuint (strlen (lines[n - 3]), >, 0);

  /* A line break moved: no longer canonical. */
  {
    g_autofree char *joined = NULL;
    g_autoptr(GBytes) bad = NULL;
    g_autoptr(GBytes) plain = NULL;
    char *tmp = lines[1];

    lines[1] = g_strconcat (tmp, lines[2], NULL);
    g_free (tmp);
    tmp = lines[2];
    lines[2] = g_strdup ("");
    g_free (tmp);
    joined = g_strjoinv ("\n", lines);
    bad = g_bytes_new (joined, strlen (joined));
    plain = sl_age_decrypt (bad, identities, NULL, &error);
    g_assert_error (error, SL_AGE_ERROR, SL_AGE_ERROR_ARMOR);
    g_assert_null (plain);
  }
}

/* Conformance vectors (C2SP CCTV age/testdata) */

static char *
cctv_dir (void)
{
  const char *srcdir = g_getenv ("G_TEST_SRCDIR");

  if (srcdir == NULL)
    return NULL;
  return g_build_filename (srcdir, "..", "..", "shared", "testdata", "age-cctv", NULL);
}

static GBytes *
zlib_inflate (GBytes  *compressed,
              GError **error)
{
  g_autoptr(GZlibDecompressor) decompressor =
    g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_ZLIB);
  g_autoptr(GInputStream) memory = g_memory_input_stream_new_from_bytes (compressed);
  g_autoptr(GInputStream) in = g_converter_input_stream_new (memory, G_CONVERTER (decompressor));
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();

  if (g_output_stream_splice (out, in, G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE |
                              G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, error) < 0)
    return NULL;
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

typedef struct
{
  char      *expect;
  char      *payload;
  GPtrArray *passphrases; /* char* */
  GPtrArray *identities;  /* char* */
  gboolean   armored;
  gboolean   compressed;
  GBytes    *body;
} Vector;

static void
vector_free (Vector *v)
{
  g_free (v->expect);
  g_free (v->payload);
  g_clear_pointer (&v->passphrases, g_ptr_array_unref);
  g_clear_pointer (&v->identities, g_ptr_array_unref);
  g_clear_pointer (&v->body, g_bytes_unref);
  g_free (v);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Vector, vector_free)

static Vector *
vector_load (const char *path)
{
  g_autoptr(Vector) v = g_new0 (Vector, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;
  gsize pos = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  v->identities = g_ptr_array_new_with_free_func (g_free);
  v->passphrases = g_ptr_array_new_with_free_func (g_free);

  for (;;)
    {
      const char *nl = memchr (contents + pos, '\n', len - pos);
      g_autofree char *line = NULL;
      const char *colon;

      g_assert_nonnull (nl);
      line = g_strndup (contents + pos, nl - (contents + pos));
      pos = nl - contents + 1;
      if (line[0] == '\0')
        break;
      colon = strstr (line, ": ");
      g_assert_nonnull (colon);
      if (g_str_has_prefix (line, "expect: "))
        v->expect = g_strdup (colon + 2);
      else if (g_str_has_prefix (line, "payload: "))
        v->payload = g_strdup (colon + 2);
      else if (g_str_has_prefix (line, "passphrase: "))
        g_ptr_array_add (v->passphrases, g_strdup (colon + 2));
      else if (g_str_has_prefix (line, "identity: "))
        g_ptr_array_add (v->identities, g_strdup (colon + 2));
      else if (g_str_has_prefix (line, "armored: "))
        v->armored = g_str_equal (colon + 2, "yes");
      else if (g_str_has_prefix (line, "compressed: "))
        {
          g_assert_cmpstr (colon + 2, ==, "zlib");
          v->compressed = TRUE;
        }
    }
  g_assert_nonnull (v->expect);

  v->body = g_bytes_new (contents + pos, len - pos);
  if (v->compressed)
    {
      g_autoptr(GBytes) inflated = zlib_inflate (v->body, &error);

      g_assert_no_error (error);
      g_bytes_unref (v->body);
      v->body = g_steal_pointer (&inflated);
    }
  return g_steal_pointer (&v);
}

static void
test_cctv_vector (gconstpointer data)
{
  const char *path = data;
  g_autoptr(Vector) v = vector_load (path);
  g_autoptr(GPtrArray) identities =
    g_ptr_array_new_with_free_func ((GDestroyNotify) sl_secret_unref);
  g_autoptr(GBytes) file = NULL;
  g_autoptr(GBytes) plain = NULL;
  g_autoptr(GError) error = NULL;
  int expected_code = -1;

  for (guint i = 0; i < v->identities->len; i++)
    {
      const char *text = g_ptr_array_index (v->identities, i);
      SlSecret *identity;

      if (g_str_has_prefix (text, "AGE-SECRET-KEY-PQ-"))
        {
          g_test_skip ("ML-KEM-768 + X25519 hybrid identities are not supported "
                       "(libsodium has no ML-KEM)");
          return;
        }
      identity = sl_age_identity_from_string (text, &error);
      g_assert_no_error (error);
      g_ptr_array_add (identities, identity);
    }

  if (g_str_equal (v->expect, "success"))
    expected_code = -1;
  else if (g_str_equal (v->expect, "HMAC failure"))
    expected_code = SL_AGE_ERROR_MAC;
  else if (g_str_equal (v->expect, "header failure"))
    expected_code = SL_AGE_ERROR_HEADER;
  else if (g_str_equal (v->expect, "armor failure"))
    expected_code = SL_AGE_ERROR_ARMOR;
  else if (g_str_equal (v->expect, "payload failure"))
    expected_code = SL_AGE_ERROR_PAYLOAD;
  else if (g_str_equal (v->expect, "no match"))
    expected_code = SL_AGE_ERROR_NO_IDENTITY;
  else
    g_assert_not_reached ();

  /* The harness knows whether a vector is armored, as age's does. */
  if (v->armored)
    file = sl_age_armor_decode (v->body, &error);
  else
    file = g_bytes_ref (v->body);
  /* One passphrase per call: try each, as several scrypt identities. */
  for (guint i = 0; file != NULL && i < MAX (v->passphrases->len, 1); i++)
    {
      g_autoptr(SlSecret) passphrase = NULL;

      if (i < v->passphrases->len)
        passphrase = sl_secret_new_from_string (g_ptr_array_index (v->passphrases, i));
      g_clear_error (&error);
      plain = sl_age_decrypt (file, identities, passphrase, &error);
      if (!g_error_matches (error, SL_AGE_ERROR, SL_AGE_ERROR_NO_IDENTITY))
        break;
    }

  if (expected_code == -1)
    {
      g_autofree char *sha = NULL;

      g_assert_no_error (error);
      g_assert_nonnull (plain);
      sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, plain);
      g_assert_cmpstr (sha, ==, v->payload);
    }
  else
    {
      g_assert_null (plain);
      g_assert_nonnull (error);
      if (expected_code == SL_AGE_ERROR_HEADER &&
          g_error_matches (error, SL_AGE_ERROR, SL_AGE_ERROR_UNSUPPORTED))
        return;
      g_assert_error (error, SL_AGE_ERROR, expected_code);
    }
}

static void
test_cctv_missing (void)
{
  g_test_skip ("The age conformance vectors (shared/testdata/age-cctv) are not there");
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

static void
add_cctv_tests (void)
{
  g_autofree char *dir = cctv_dir ();
  g_autoptr(GDir) gdir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir != NULL)
    gdir = g_dir_open (dir, 0, NULL);
  if (gdir == NULL)
    {
      g_test_add_func ("/sightline/age/cctv/missing", test_cctv_missing);
      return;
    }
  while ((name = g_dir_read_name (gdir)) != NULL)
    if (!g_str_has_suffix (name, ".md"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      const char *n = g_ptr_array_index (names, i);
      g_autofree char *test_path = g_strconcat ("/sightline/age/cctv/", n, NULL);
      /* Freed at exit: the test framework keeps the pointer. */
      char *file_path = g_build_filename (dir, n, NULL);

      g_test_add_data_func_full (test_path, file_path, test_cctv_vector, g_free);
    }
}

/* Interoperability with the age command */

typedef struct
{
  char     *tmpdir;
  SlSecret *identity;
  char     *keyfile;
  char     *recipient;
} InteropFixture;

static void
interop_setup (InteropFixture *f,
               gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlSecret) text = NULL;
  g_autoptr(GBytes) recipient = NULL;
  g_autofree char *contents = NULL;

  f->tmpdir = g_dir_make_tmp ("sightline-age-XXXXXX", &error);
  g_assert_no_error (error);
  f->identity = sl_age_x25519_generate ();
  text = sl_age_identity_to_string (f->identity);
  recipient = sl_age_identity_to_recipient (f->identity);
  f->recipient = sl_age_recipient_to_string (recipient);
  f->keyfile = g_build_filename (f->tmpdir, "key.txt", NULL);
  contents = g_strdup_printf ("# public key: %s\n%s\n", f->recipient, sl_secret_get_string (text));
  g_file_set_contents_full (f->keyfile, contents, -1, G_FILE_SET_CONTENTS_NONE, 0600, &error);
  g_assert_no_error (error);
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (dir);
}

static void
interop_teardown (InteropFixture *f,
                  gconstpointer   data)
{
  remove_dir (f->tmpdir);
  g_clear_pointer (&f->tmpdir, g_free);
  g_clear_pointer (&f->keyfile, g_free);
  g_clear_pointer (&f->recipient, g_free);
  g_clear_pointer (&f->identity, sl_secret_unref);
}

static gboolean
have_age (void)
{
  g_autofree char *age = g_find_program_in_path ("age");
  g_autofree char *keygen = g_find_program_in_path ("age-keygen");

  if (age == NULL || keygen == NULL)
    {
      g_test_skip ("The age command is not installed");
      return FALSE;
    }
  return TRUE;
}

static GBytes *
run_bytes (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) err = NULL;

  proc = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                            &error);
  g_assert_no_error (error);
  g_subprocess_communicate (proc, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_successful (proc))
    g_error ("%s failed: %.*s", argv[0], (int) g_bytes_get_size (err),
             (const char *) g_bytes_get_data (err, NULL));
  return g_steal_pointer (&out);
}

static char *
run (const char * const *argv)
{
  g_autoptr(GBytes) out = run_bytes (argv);

  return g_strndup (g_bytes_get_data (out, NULL), g_bytes_get_size (out));
}

static void
interop_to_age (InteropFixture *f,
                gsize           size,
                gboolean        armor)
{
  g_autoptr(GPtrArray) recipients = recipient_array (f->identity, NULL);
  g_autoptr(GBytes) plaintext = make_plaintext (size);
  g_autoptr(GBytes) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *in = g_build_filename (f->tmpdir, "in.age", NULL);
  g_autoptr(GBytes) result = NULL;

  /* Binary files are made both ways: whole, and piece by piece. */
  if (armor || size % 2 == 0)
    file = sl_age_encrypt (plaintext, recipients, NULL, armor, &error);
  else
    file = writer_encrypt (plaintext, recipients, 12345);
  g_assert_no_error (error);
  g_file_set_contents (in, g_bytes_get_data (file, NULL), g_bytes_get_size (file), &error);
  g_assert_no_error (error);

  /* To stdout: age creates no -o file for an empty plaintext. */
  result = run_bytes ((const char *[]) { "age", "-d", "-i", f->keyfile, in, NULL });
  g_assert_true (g_bytes_equal (result, plaintext));
}

static void
test_interop_to_age (InteropFixture *f,
                     gconstpointer   data)
{
  /* The last two past the size from which chunks are sealed on two threads. */
  static const gsize sizes[] = { 0, 1, 65536, 65537, 300000, 300001, 130 * 65536,
                                 130 * 65536 + 7 };

  if (!have_age ())
    return;
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      interop_to_age (f, sizes[i], FALSE);
      interop_to_age (f, sizes[i], TRUE);
    }
}

static void
interop_from_age (InteropFixture *f,
                  gsize           size,
                  gboolean        armor)
{
  g_autoptr(SlSecret) other = sl_age_x25519_generate ();
  g_autoptr(GBytes) other_pk = sl_age_identity_to_recipient (other);
  g_autofree char *other_text = sl_age_recipient_to_string (other_pk);
  g_autoptr(GPtrArray) identities = secret_array (f->identity, NULL);
  g_autoptr(GBytes) plaintext = make_plaintext (size);
  g_autoptr(GBytes) file = NULL;
  g_autoptr(GBytes) decrypted = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *in = g_build_filename (f->tmpdir, "plain.bin", NULL);
  g_autofree char *out = g_build_filename (f->tmpdir, "from-age.age", NULL);
  g_autofree char *stdout_text = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_file_set_contents (in, g_bytes_get_data (plaintext, NULL), size, &error);
  g_assert_no_error (error);
  stdout_text = run ((const char *[]) { "age", armor ? "-a" : "-e", "-r", other_text,
                                        "-r", f->recipient, "-o", out, in, NULL });
  g_file_get_contents (out, &contents, &len, &error);
  g_assert_no_error (error);
  file = g_bytes_new_take (g_steal_pointer (&contents), len);

  decrypted = sl_age_decrypt (file, identities, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (decrypted, plaintext));
}

static void
test_interop_from_age (InteropFixture *f,
                       gconstpointer   data)
{
  /* The last two past the size from which chunks are opened on two threads. */
  static const gsize sizes[] = { 0, 1, 65536, 65537, 300000, 130 * 65536, 130 * 65536 + 7 };

  if (!have_age ())
    return;
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      interop_from_age (f, sizes[i], FALSE);
      interop_from_age (f, sizes[i], TRUE);
    }
}

static void
test_interop_keygen (InteropFixture *f,
                     gconstpointer   data)
{
  g_autofree char *keyfile = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *their_recipient = NULL;
  g_autofree char *our_recipient_text = NULL;
  g_autofree char *mine = NULL;
  g_autoptr(SlSecret) identity = NULL;
  g_autoptr(GBytes) our_recipient = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  const char *secret_line = NULL;

  if (!have_age ())
    return;

  /* age-keygen's identity, read by us; our recipient matches age-keygen -y. */
  keyfile = g_build_filename (f->tmpdir, "keygen.txt", NULL);
  g_free (run ((const char *[]) { "age-keygen", "-o", keyfile, NULL }));
  g_file_get_contents (keyfile, &contents, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "AGE-SECRET-KEY-1"))
      secret_line = lines[i];
  g_assert_nonnull (secret_line);
  identity = sl_age_identity_from_string (secret_line, &error);
  g_assert_no_error (error);
  our_recipient = sl_age_identity_to_recipient (identity);
  our_recipient_text = sl_age_recipient_to_string (our_recipient);
  their_recipient = run ((const char *[]) { "age-keygen", "-y", keyfile, NULL });
  g_strstrip (their_recipient);
  g_assert_cmpstr (our_recipient_text, ==, their_recipient);
  memset (contents, 0, strlen (contents));

  /* Our identity string, read by age-keygen -y. */
  mine = run ((const char *[]) { "age-keygen", "-y", f->keyfile, NULL });
  g_strstrip (mine);
  g_assert_cmpstr (mine, ==, f->recipient);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/sightline/age/keys/roundtrip", test_keys_roundtrip);
  g_test_add_func ("/sightline/age/keys/known", test_keys_known);
  g_test_add_func ("/sightline/age/keys/invalid", test_keys_invalid);

  g_test_add_data_func ("/sightline/age/roundtrip/empty", GSIZE_TO_POINTER (0),
                        test_roundtrip_size);
  g_test_add_data_func ("/sightline/age/roundtrip/one-byte", GSIZE_TO_POINTER (1),
                        test_roundtrip_size);
  g_test_add_data_func ("/sightline/age/roundtrip/chunk-minus-one", GSIZE_TO_POINTER (65535),
                        test_roundtrip_size);
  g_test_add_data_func ("/sightline/age/roundtrip/one-chunk", GSIZE_TO_POINTER (65536),
                        test_roundtrip_size);
  g_test_add_data_func ("/sightline/age/roundtrip/one-chunk-plus-one", GSIZE_TO_POINTER (65537),
                        test_roundtrip_size);
  g_test_add_data_func ("/sightline/age/roundtrip/two-chunks", GSIZE_TO_POINTER (131072),
                        test_roundtrip_size);
  g_test_add_data_func ("/sightline/age/roundtrip/one-mib", GSIZE_TO_POINTER (1024 * 1024),
                        test_roundtrip_size);
  g_test_add_data_func ("/sightline/age/roundtrip/eight-mib-and-some", GSIZE_TO_POINTER (130 * 65536 + 3),
                        test_roundtrip_size);
  g_test_add_func ("/sightline/age/roundtrip/two-recipients", test_roundtrip_two_recipients);
  g_test_add_func ("/sightline/age/writer/pieces", test_writer);
  g_test_add_func ("/sightline/age/writer/sink-fails", test_writer_sink_fails);
  g_test_add_func ("/sightline/age/roundtrip/scrypt", test_roundtrip_scrypt);
  g_test_add_func ("/sightline/age/roundtrip/scrypt-default", test_roundtrip_scrypt_default);

  g_test_add ("/sightline/age/tamper/control", TamperFixture, NULL,
              tamper_setup, test_tamper_control, tamper_teardown);
  g_test_add ("/sightline/age/tamper/header", TamperFixture, NULL,
              tamper_setup, test_tamper_header, tamper_teardown);
  g_test_add ("/sightline/age/tamper/mac", TamperFixture, NULL,
              tamper_setup, test_tamper_mac, tamper_teardown);
  g_test_add ("/sightline/age/tamper/payload", TamperFixture, NULL,
              tamper_setup, test_tamper_payload, tamper_teardown);
  g_test_add ("/sightline/age/tamper/truncate", TamperFixture, NULL,
              tamper_setup, test_tamper_truncate, tamper_teardown);
  g_test_add ("/sightline/age/tamper/trailing", TamperFixture, NULL,
              tamper_setup, test_tamper_trailing, tamper_teardown);
  g_test_add_func ("/sightline/age/tamper/reorder", test_tamper_reorder);
  g_test_add_func ("/sightline/age/tamper/large", test_tamper_large);
  g_test_add ("/sightline/age/tamper/wrong-identity", TamperFixture, NULL,
              tamper_setup, test_wrong_identity, tamper_teardown);
  g_test_add_func ("/sightline/age/armor/strict", test_armor_strict);

  g_test_add ("/sightline/age/interop/to-age", InteropFixture, NULL,
              interop_setup, test_interop_to_age, interop_teardown);
  g_test_add ("/sightline/age/interop/from-age", InteropFixture, NULL,
              interop_setup, test_interop_from_age, interop_teardown);
  g_test_add ("/sightline/age/interop/keygen", InteropFixture, NULL,
              interop_setup, test_interop_keygen, interop_teardown);

  add_cctv_tests ();

  return g_test_run ();
}
