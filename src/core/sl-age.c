/* sl-age.c
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

#define G_LOG_DOMAIN "sl-age"

#include "config.h"

#include <string.h>

#include <sodium.h>

#include "sl-age.h"

/*
 * The age v1 file format (https://age-encryption.org/v1, C2SP age.md),
 * whole-buffer: X25519 and scrypt recipients, header MAC, STREAM payload
 * in 64 KiB chunks, and the strict ASCII armor. Parsing is as strict as
 * the reference implementation, so that the public conformance vectors
 * (C2SP CCTV) pass.
 */

#define AGE_INTRO          "age-encryption.org/v1"
#define AGE_INTRO_PREFIX   "age-encryption.org/"
#define AGE_X25519_LABEL   "age-encryption.org/v1/X25519"
#define AGE_SCRYPT_LABEL   "age-encryption.org/v1/scrypt"
#define ARMOR_BEGIN        "-----BEGIN AGE ENCRYPTED FILE-----"
#define ARMOR_END          "-----END AGE ENCRYPTED FILE-----"
#define ARMOR_COLUMNS      64
#define STANZA_COLUMNS     64
#define FILE_KEY_SIZE      16
#define WRAPPED_KEY_SIZE   (FILE_KEY_SIZE + crypto_aead_chacha20poly1305_ietf_ABYTES)
#define PAYLOAD_NONCE_SIZE 16
#define SCRYPT_SALT_SIZE   16
#define CHUNK_SIZE         (64 * 1024)
#define TAG_SIZE           crypto_aead_chacha20poly1305_ietf_ABYTES
#define ENC_CHUNK_SIZE     (CHUNK_SIZE + TAG_SIZE)
#define MAC_SIZE           crypto_auth_hmacsha256_BYTES
#define MAC_B64_LEN        43

typedef struct
{
  GPtrArray *args;   /* char*, args[0] is the type */
  GByteArray *body;
} Stanza;

typedef enum
{
  UNWRAP_OK,
  UNWRAP_NOT_MINE,
  UNWRAP_ERROR,
} UnwrapResult;

static guint scrypt_work_factor = SL_AGE_SCRYPT_WORK_FACTOR;

static const char bech32_charset[] = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

G_DEFINE_QUARK (sl-age-error-quark, sl_age_error)

/* Helpers */

static void
stanza_free (Stanza *stanza)
{
  g_clear_pointer (&stanza->args, g_ptr_array_unref);
  g_clear_pointer (&stanza->body, g_byte_array_unref);
  g_free (stanza);
}

static void
ensure_sodium (void)
{
  if (sodium_init () < 0)
    g_error ("libsodium could not be initialised");
}

/* HKDF-SHA256 (RFC 5869) for a single 32-byte output block. An empty salt
 * means HashLen zero bytes, which is also what HMAC does with an empty key. */
static void
hkdf_sha256 (const guint8 *salt,
             gsize         salt_len,
             const guint8 *ikm,
             gsize         ikm_len,
             const char   *info,
             guint8        out[32])
{
  static const guint8 zero_salt[crypto_auth_hmacsha256_BYTES] = { 0 };
  static const guint8 one = 1;
  crypto_auth_hmacsha256_state state;
  guint8 prk[crypto_auth_hmacsha256_BYTES];

  if (salt_len == 0)
    {
      salt = zero_salt;
      salt_len = sizeof zero_salt;
    }

  crypto_auth_hmacsha256_init (&state, salt, salt_len);
  crypto_auth_hmacsha256_update (&state, ikm, ikm_len);
  crypto_auth_hmacsha256_final (&state, prk);

  crypto_auth_hmacsha256_init (&state, prk, sizeof prk);
  crypto_auth_hmacsha256_update (&state, (const guint8 *) info, strlen (info));
  crypto_auth_hmacsha256_update (&state, &one, 1);
  crypto_auth_hmacsha256_final (&state, out);

  sodium_memzero (prk, sizeof prk);
  sodium_memzero (&state, sizeof state);
}

static char *
b64_encode_raw (const guint8 *data,
                gsize         len)
{
  gsize enc_len = sodium_base64_encoded_len (len, sodium_base64_VARIANT_ORIGINAL_NO_PADDING);
  char *out = g_malloc (enc_len);

  sodium_bin2base64 (out, enc_len, data, len, sodium_base64_VARIANT_ORIGINAL_NO_PADDING);
  return out;
}

/* Strict, canonical, unpadded standard base64 (age's header encoding).
 * Appends to @out; FALSE on any invalid character, padding, impossible
 * length or non-zero trailing bits. */
static gboolean
b64_decode_raw_append (const char *text,
                       gsize       len,
                       GByteArray *out)
{
  gsize max = len / 4 * 3 + 3;
  gsize bin_len = 0;
  guint old = out->len;

  if (len % 4 == 1)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (text[i]) && text[i] != '+' && text[i] != '/')
      return FALSE;

  g_byte_array_set_size (out, old + max);
  if (sodium_base642bin (out->data + old, max, text, len, NULL, &bin_len, NULL,
                         sodium_base64_VARIANT_ORIGINAL_NO_PADDING) != 0)
    {
      g_byte_array_set_size (out, old);
      return FALSE;
    }
  g_byte_array_set_size (out, old + bin_len);
  return TRUE;
}

/* Decodes @text into exactly @size bytes. */
static gboolean
b64_decode_raw_exact (const char *text,
                      guint8     *out,
                      gsize       size)
{
  g_autoptr(GByteArray) buf = g_byte_array_new ();
  gboolean ok;

  ok = b64_decode_raw_append (text, strlen (text), buf) && buf->len == size;
  if (ok)
    memcpy (out, buf->data, size);
  sodium_memzero (buf->data, buf->len);
  return ok;
}

/* Bech32 (BIP 173, without the 90-character limit, as age uses it). */

static guint32
bech32_polymod_step (guint32 chk,
                     guint8  value)
{
  static const guint32 gen[5] = { 0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3 };
  guint8 top = chk >> 25;

  chk = ((chk & 0x1ffffff) << 5) ^ value;
  for (guint i = 0; i < 5; i++)
    if ((top >> i) & 1)
      chk ^= gen[i];
  return chk;
}

static guint32
bech32_polymod (const char   *hrp,
                const guint8 *values,
                gsize         n_values)
{
  gsize hrp_len = strlen (hrp);
  guint32 chk = 1;

  for (gsize i = 0; i < hrp_len; i++)
    chk = bech32_polymod_step (chk, ((guint8) hrp[i]) >> 5);
  chk = bech32_polymod_step (chk, 0);
  for (gsize i = 0; i < hrp_len; i++)
    chk = bech32_polymod_step (chk, ((guint8) hrp[i]) & 31);
  for (gsize i = 0; i < n_values; i++)
    chk = bech32_polymod_step (chk, values[i]);
  return chk;
}

/* Returns a newly allocated lower-case string; @hrp must be lower case. */
static char *
bech32_encode (const char   *hrp,
               const guint8 *data,
               gsize         len)
{
  gsize n_values = (len * 8 + 4) / 5;
  g_autofree guint8 *values = g_malloc0 (n_values + 6);
  /* Sized once: no reallocation leaves copies of a secret behind. */
  GString *out = g_string_sized_new (strlen (hrp) + 1 + n_values + 6 + 1);
  guint32 acc = 0;
  guint bits = 0;
  gsize k = 0;
  guint32 chk;

  for (gsize i = 0; i < len; i++)
    {
      acc = (acc << 8) | data[i];
      bits += 8;
      while (bits >= 5)
        {
          bits -= 5;
          values[k++] = (acc >> bits) & 31;
        }
    }
  if (bits > 0)
    values[k++] = (acc << (5 - bits)) & 31;
  g_assert (k == n_values);

  chk = bech32_polymod (hrp, values, n_values + 6) ^ 1;
  for (guint i = 0; i < 6; i++)
    values[n_values + i] = (chk >> (5 * (5 - i))) & 31;

  g_string_append (out, hrp);
  g_string_append_c (out, '1');
  for (gsize i = 0; i < n_values + 6; i++)
    g_string_append_c (out, bech32_charset[values[i]]);

  sodium_memzero (values, n_values + 6);
  acc = 0;
  return g_string_free (out, FALSE);
}

/* Decodes @string; returns the lower-cased HRP and fills @out with the data.
 * Rejects mixed case, bad characters, bad checksums and bad padding. */
static char *
bech32_decode (const char *string,
               GByteArray *out)
{
  gsize len = strlen (string);
  gboolean has_lower = FALSE;
  gboolean has_upper = FALSE;
  g_autofree char *lower = NULL;
  g_autofree guint8 *values = NULL;
  const char *sep;
  gsize hrp_len;
  gsize n_values;
  guint32 acc = 0;
  guint bits = 0;
  char *hrp;
  gboolean ok = TRUE;

  for (gsize i = 0; i < len; i++)
    {
      guchar c = string[i];

      if (c < 33 || c > 126)
        return NULL;
      if (g_ascii_islower (c))
        has_lower = TRUE;
      if (g_ascii_isupper (c))
        has_upper = TRUE;
    }
  if (has_lower && has_upper)
    return NULL;

  lower = g_ascii_strdown (string, len);
  sep = strrchr (lower, '1');
  if (sep == NULL)
    return NULL;
  hrp_len = sep - lower;
  if (hrp_len < 1 || len - hrp_len - 1 < 6)
    return NULL;

  n_values = len - hrp_len - 1;
  values = g_malloc (n_values);
  for (gsize i = 0; i < n_values; i++)
    {
      const char *p = strchr (bech32_charset, sep[1 + i]);

      if (p == NULL || sep[1 + i] == '\0')
        return NULL;
      values[i] = p - bech32_charset;
    }

  hrp = g_strndup (lower, hrp_len);
  if (bech32_polymod (hrp, values, n_values) != 1)
    ok = FALSE;

  for (gsize i = 0; ok && i < n_values - 6; i++)
    {
      acc = (acc << 5) | values[i];
      bits += 5;
      if (bits >= 8)
        {
          guint8 byte;

          bits -= 8;
          byte = (acc >> bits) & 0xff;
          g_byte_array_append (out, &byte, 1);
        }
    }
  if (ok && (bits >= 5 || (acc & ((1u << bits) - 1)) != 0))
    ok = FALSE;

  sodium_memzero (values, n_values);
  sodium_memzero (lower, len);
  acc = 0;
  if (!ok)
    {
      g_free (hrp);
      return NULL;
    }
  return hrp;
}

/* Header writing */

static void
append_stanza (GString      *header,
               const char   *args,
               const guint8 *body,
               gsize         body_len)
{
  g_autofree char *b64 = b64_encode_raw (body, body_len);
  gsize b64_len = strlen (b64);
  gsize pos = 0;

  g_string_append_printf (header, "-> %s\n", args);
  /* Full 64-column lines, then always a final short (possibly empty) one. */
  while (b64_len - pos >= STANZA_COLUMNS)
    {
      g_string_append_len (header, b64 + pos, STANZA_COLUMNS);
      g_string_append_c (header, '\n');
      pos += STANZA_COLUMNS;
    }
  g_string_append_len (header, b64 + pos, b64_len - pos);
  g_string_append_c (header, '\n');
}

static gboolean
wrap_x25519 (GString      *header,
             const guint8  file_key[FILE_KEY_SIZE],
             GBytes       *recipient,
             GError      **error)
{
  static const guint8 zero_nonce[crypto_aead_chacha20poly1305_ietf_NPUBBYTES] = { 0 };
  const guint8 *pk;
  gsize pk_len = 0;
  guint8 eph[crypto_scalarmult_SCALARBYTES];
  guint8 share[crypto_scalarmult_BYTES];
  guint8 shared[crypto_scalarmult_BYTES];
  guint8 salt[2 * crypto_scalarmult_BYTES];
  guint8 wrap_key[32];
  guint8 body[WRAPPED_KEY_SIZE];
  g_autofree char *share_b64 = NULL;
  g_autofree char *args = NULL;
  gboolean ok = TRUE;

  pk = g_bytes_get_data (recipient, &pk_len);
  if (pk_len != SL_AGE_KEY_SIZE)
    {
      g_set_error (error, SL_AGE_ERROR, SL_AGE_ERROR_KEY,
                   "An X25519 recipient is %" G_GSIZE_FORMAT " bytes, not 32", pk_len);
      return FALSE;
    }

  randombytes_buf (eph, sizeof eph);
  crypto_scalarmult_base (share, eph);
  if (crypto_scalarmult (shared, eph, pk) != 0)
    {
      g_set_error (error, SL_AGE_ERROR, SL_AGE_ERROR_KEY,
                   "The X25519 recipient is a low-order point");
      ok = FALSE;
      goto out;
    }

  memcpy (salt, share, sizeof share);
  memcpy (salt + sizeof share, pk, SL_AGE_KEY_SIZE);
  hkdf_sha256 (salt, sizeof salt, shared, sizeof shared, AGE_X25519_LABEL, wrap_key);
  crypto_aead_chacha20poly1305_ietf_encrypt (body, NULL, file_key, FILE_KEY_SIZE,
                                             NULL, 0, NULL, zero_nonce, wrap_key);

  share_b64 = b64_encode_raw (share, sizeof share);
  args = g_strconcat ("X25519 ", share_b64, NULL);
  append_stanza (header, args, body, sizeof body);

out:
  sodium_memzero (eph, sizeof eph);
  sodium_memzero (shared, sizeof shared);
  sodium_memzero (wrap_key, sizeof wrap_key);
  return ok;
}

static gboolean
scrypt_derive (SlSecret     *passphrase,
               const guint8  salt[SCRYPT_SALT_SIZE],
               guint         work_factor,
               guint8        key[32])
{
  guint8 full_salt[sizeof AGE_SCRYPT_LABEL - 1 + SCRYPT_SALT_SIZE];

  memcpy (full_salt, AGE_SCRYPT_LABEL, sizeof AGE_SCRYPT_LABEL - 1);
  memcpy (full_salt + sizeof AGE_SCRYPT_LABEL - 1, salt, SCRYPT_SALT_SIZE);
  return crypto_pwhash_scryptsalsa208sha256_ll (sl_secret_get_data (passphrase),
                                                 sl_secret_get_size (passphrase),
                                                 full_salt, sizeof full_salt,
                                                 (guint64) 1 << work_factor, 8, 1,
                                                 key, 32) == 0;
}

static gboolean
wrap_scrypt (GString      *header,
             const guint8  file_key[FILE_KEY_SIZE],
             SlSecret     *passphrase,
             GError      **error)
{
  static const guint8 zero_nonce[crypto_aead_chacha20poly1305_ietf_NPUBBYTES] = { 0 };
  guint8 salt[SCRYPT_SALT_SIZE];
  guint8 key[32];
  guint8 body[WRAPPED_KEY_SIZE];
  g_autofree char *salt_b64 = NULL;
  g_autofree char *args = NULL;

  randombytes_buf (salt, sizeof salt);
  if (!scrypt_derive (passphrase, salt, scrypt_work_factor, key))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                   "Not enough memory for scrypt with work factor %u", scrypt_work_factor);
      return FALSE;
    }
  crypto_aead_chacha20poly1305_ietf_encrypt (body, NULL, file_key, FILE_KEY_SIZE,
                                             NULL, 0, NULL, zero_nonce, key);
  sodium_memzero (key, sizeof key);

  salt_b64 = b64_encode_raw (salt, sizeof salt);
  args = g_strdup_printf ("scrypt %s %u", salt_b64, scrypt_work_factor);
  append_stanza (header, args, body, sizeof body);
  return TRUE;
}

static void
header_mac (const guint8 file_key[FILE_KEY_SIZE],
            const guint8 *header,
            gsize         header_len,
            guint8        mac[MAC_SIZE])
{
  guint8 mac_key[32];

  hkdf_sha256 (NULL, 0, file_key, FILE_KEY_SIZE, "header", mac_key);
  crypto_auth_hmacsha256 (mac, header, header_len, mac_key);
  sodium_memzero (mac_key, sizeof mac_key);
}

static void
stream_nonce (guint8  nonce[crypto_aead_chacha20poly1305_ietf_NPUBBYTES],
              guint64 counter,
              gboolean last)
{
  memset (nonce, 0, crypto_aead_chacha20poly1305_ietf_NPUBBYTES);
  for (guint i = 0; i < 8; i++)
    nonce[10 - i] = (counter >> (8 * i)) & 0xff;
  nonce[11] = last ? 1 : 0;
}

/* Large payloads: the chunks are independent, so two threads share them
 * (the machines Sightline runs on have two cores or more). */
#define PARALLEL_MIN_CHUNKS 64

typedef struct
{
  const guint8 *key;
  const guint8 *in;       /* the first chunk of the payload */
  guint8       *out;
  gsize         from;     /* chunks [from, to) */
  gsize         to;
  gsize         plain_len;   /* encryption: the whole plaintext's length */
  gsize         n_chunks;    /* encryption: how many in all */
  gsize         first_bad;   /* decryption: the first chunk that fails, or to */
} ChunkJob;

/* Decrypts full chunks that are not the last: how far they authenticate. */
static gpointer
decrypt_full_chunks (gpointer data)
{
  ChunkJob *job = data;
  guint8 nonce[crypto_aead_chacha20poly1305_ietf_NPUBBYTES];

  for (job->first_bad = job->from; job->first_bad < job->to; job->first_bad++)
    {
      gsize i = job->first_bad;

      stream_nonce (nonce, i, FALSE);
      if (crypto_aead_chacha20poly1305_ietf_decrypt (job->out + i * CHUNK_SIZE, NULL, NULL,
                                                     job->in + i * ENC_CHUNK_SIZE, ENC_CHUNK_SIZE,
                                                     NULL, 0, nonce, job->key) != 0)
        break;
    }
  return NULL;
}

static gpointer
encrypt_chunks (gpointer data)
{
  ChunkJob *job = data;
  guint8 nonce[crypto_aead_chacha20poly1305_ietf_NPUBBYTES];

  for (gsize i = job->from; i < job->to; i++)
    {
      gsize off = i * CHUNK_SIZE;
      gsize clen = MIN (CHUNK_SIZE, job->plain_len - off);

      stream_nonce (nonce, i, i + 1 == job->n_chunks);
      /* An empty plaintext still makes one chunk: its tag. */
      crypto_aead_chacha20poly1305_ietf_encrypt (job->out + i * ENC_CHUNK_SIZE, NULL,
                                                 clen > 0 ? job->in + off : job->key, clen,
                                                 NULL, 0, NULL, nonce, job->key);
    }
  return NULL;
}

/* Runs @func over chunks [0, n) split in two, the second half on a
 * thread of its own; @a and @b are filled in with the halves. */
static void
run_chunks (GThreadFunc  func,
            ChunkJob    *a,
            ChunkJob    *b,
            gsize        n)
{
  GThread *thread = NULL;

  *b = *a;
  a->from = 0;
  a->to = n >= PARALLEL_MIN_CHUNKS ? n / 2 : n;
  b->from = a->to;
  b->to = n;
  if (b->from < b->to &&
      !(thread = g_thread_try_new ("sl-age", func, b, NULL)))
    {
      a->to = n;
      b->from = b->to = n;
    }
  func (a);
  if (thread != NULL)
    g_thread_join (thread);
  else
    b->first_bad = b->to;
}

/* Header parsing */

/* The next line ending in LF, without the LF. FALSE at the end of input. */
static gboolean
next_line (const guint8  *data,
           gsize          len,
           gsize         *pos,
           const char   **line,
           gsize         *line_len)
{
  const guint8 *nl;

  if (*pos >= len)
    return FALSE;
  nl = memchr (data + *pos, '\n', len - *pos);
  if (nl == NULL)
    return FALSE;
  *line = (const char *) data + *pos;
  *line_len = nl - (data + *pos);
  *pos += *line_len + 1;
  return TRUE;
}

static gboolean
parse_header (const guint8  *data,
              gsize          len,
              GPtrArray     *stanzas,
              gsize         *mac_input_len,
              guint8         mac[MAC_SIZE],
              gsize         *payload_offset,
              GError       **error)
{
  const char *line;
  gsize line_len;
  gsize pos = 0;

  if (!next_line (data, len, &pos, &line, &line_len))
    {
      if (len >= strlen (AGE_INTRO_PREFIX) &&
          memcmp (data, AGE_INTRO_PREFIX, strlen (AGE_INTRO_PREFIX)) == 0 &&
          !(len == strlen (AGE_INTRO) && memcmp (data, AGE_INTRO, len) == 0))
        g_set_error (error, SL_AGE_ERROR, SL_AGE_ERROR_UNSUPPORTED,
                     "Not an age v1 file");
      else
        g_set_error (error, SL_AGE_ERROR, SL_AGE_ERROR_HEADER, "Not an age file");
      return FALSE;
    }
  if (line_len != strlen (AGE_INTRO) || memcmp (line, AGE_INTRO, line_len) != 0)
    {
      if (line_len >= strlen (AGE_INTRO_PREFIX) &&
          memcmp (line, AGE_INTRO_PREFIX, strlen (AGE_INTRO_PREFIX)) == 0)
        g_set_error (error, SL_AGE_ERROR, SL_AGE_ERROR_UNSUPPORTED,
                     "Unsupported age format version");
      else
        g_set_error (error, SL_AGE_ERROR, SL_AGE_ERROR_HEADER, "Not an age file");
      return FALSE;
    }

  for (;;)
    {
      gsize line_start = pos;

      if (!next_line (data, len, &pos, &line, &line_len))
        {
          g_set_error (error, SL_AGE_ERROR, SL_AGE_ERROR_HEADER, "Truncated age header");
          return FALSE;
        }

      if (line_len >= 4 && memcmp (line, "--- ", 4) == 0)
        {
          g_autofree char *b64 = NULL;

          if (stanzas->len == 0)
            {
              g_set_error (error, SL_AGE_ERROR, SL_AGE_ERROR_HEADER,
                           "The age header has no recipient stanza");
              return FALSE;
            }
          if (line_len - 4 != MAC_B64_LEN)
            {
              g_set_error (error, SL_AGE_ERROR, SL_AGE_ERROR_HEADER, "Malformed header MAC");
              return FALSE;
            }
          b64 = g_strndup (line + 4, MAC_B64_LEN);
          if (!b64_decode_raw_exact (b64, mac, MAC_SIZE))
            {
              g_set_error (error, SL_AGE_ERROR, SL_AGE_ERROR_HEADER, "Malformed header MAC");
              return FALSE;
            }
          *mac_input_len = line_start + 3;
          *payload_offset = pos;
          return TRUE;
        }
      else if (line_len >= 3 && memcmp (line, "-> ", 3) == 0)
        {
          g_autofree char *args_line = g_strndup (line + 3, line_len - 3);
          g_auto(GStrv) args = g_strsplit (args_line, " ", -1);
          Stanza *stanza = g_new0 (Stanza, 1);

          stanza->args = g_ptr_array_new_with_free_func (g_free);
          stanza->body = g_byte_array_new ();
          g_ptr_array_add (stanzas, stanza);

          for (guint i = 0; args[i] != NULL; i++)
            {
              if (args[i][0] == '\0')
                {
                  g_set_error (error, SL_AGE_ERROR, SL_AGE_ERROR_HEADER,
                               "Empty stanza argument");
                  return FALSE;
                }
              for (const char *c = args[i]; *c != '\0'; c++)
                if (*c < 33 || *c > 126)
                  {
                    g_set_error (error, SL_AGE_ERROR, SL_AGE_ERROR_HEADER,
                                 "Invalid character in a stanza argument");
                    return FALSE;
                  }
              g_ptr_array_add (stanza->args, g_strdup (args[i]));
            }
          if (stanza->args->len == 0)
            {
              g_set_error (error, SL_AGE_ERROR, SL_AGE_ERROR_HEADER, "Stanza without a type");
              return FALSE;
            }

          /* Body: 64-column lines ended by one shorter (maybe empty) line. */
          for (;;)
            {
              if (!next_line (data, len, &pos, &line, &line_len))
                {
                  g_set_error (error, SL_AGE_ERROR, SL_AGE_ERROR_HEADER,
                               "Truncated stanza body");
                  return FALSE;
                }
              if (line_len > STANZA_COLUMNS ||
                  !b64_decode_raw_append (line, line_len, stanza->body))
                {
                  g_set_error (error, SL_AGE_ERROR, SL_AGE_ERROR_HEADER,
                               "Malformed stanza body");
                  return FALSE;
                }
              if (line_len < STANZA_COLUMNS)
                break;
            }
        }
      else
        {
          g_set_error (error, SL_AGE_ERROR, SL_AGE_ERROR_HEADER, "Malformed age header line");
          return FALSE;
        }
    }
}

static UnwrapResult
unwrap_x25519 (Stanza       *stanza,
               SlSecret     *identity,
               guint8        file_key[FILE_KEY_SIZE],
               GError      **error)
{
  static const guint8 zero_nonce[crypto_aead_chacha20poly1305_ietf_NPUBBYTES] = { 0 };
  guint8 share[crypto_scalarmult_BYTES];
  guint8 pk[crypto_scalarmult_BYTES];
  guint8 shared[crypto_scalarmult_BYTES];
  guint8 salt[2 * crypto_scalarmult_BYTES];
  guint8 wrap_key[32];
  UnwrapResult result = UNWRAP_OK;

  if (g_strcmp0 (g_ptr_array_index (stanza->args, 0), "X25519") != 0)
    return UNWRAP_NOT_MINE;
  if (stanza->args->len != 2)
    {
      g_set_error (error, SL_AGE_ERROR, SL_AGE_ERROR_HEADER,
                   "An X25519 stanza takes exactly one argument");
      return UNWRAP_ERROR;
    }
  if (!b64_decode_raw_exact (g_ptr_array_index (stanza->args, 1), share, sizeof share))
    {
      g_set_error (error, SL_AGE_ERROR, SL_AGE_ERROR_HEADER, "Malformed X25519 share");
      return UNWRAP_ERROR;
    }
  if (stanza->body->len != WRAPPED_KEY_SIZE)
    {
      g_set_error (error, SL_AGE_ERROR, SL_AGE_ERROR_HEADER,
                   "An X25519 stanza body has the wrong length");
      return UNWRAP_ERROR;
    }

  if (crypto_scalarmult (shared, sl_secret_get_data (identity), share) != 0)
    {
      g_set_error (error, SL_AGE_ERROR, SL_AGE_ERROR_HEADER,
                   "The X25519 share is a low-order point");
      result = UNWRAP_ERROR;
      goto out;
    }
  crypto_scalarmult_base (pk, sl_secret_get_data (identity));
  memcpy (salt, share, sizeof share);
  memcpy (salt + sizeof share, pk, sizeof pk);
  hkdf_sha256 (salt, sizeof salt, shared, sizeof shared, AGE_X25519_LABEL, wrap_key);
  if (crypto_aead_chacha20poly1305_ietf_decrypt (file_key, NULL, NULL,
                                                 stanza->body->data, stanza->body->len,
                                                 NULL, 0, zero_nonce, wrap_key) != 0)
    result = UNWRAP_NOT_MINE;

out:
  sodium_memzero (shared, sizeof shared);
  sodium_memzero (wrap_key, sizeof wrap_key);
  return result;
}

static UnwrapResult
unwrap_scrypt (Stanza       *stanza,
               SlSecret     *passphrase,
               guint8        file_key[FILE_KEY_SIZE],
               GError      **error)
{
  static const guint8 zero_nonce[crypto_aead_chacha20poly1305_ietf_NPUBBYTES] = { 0 };
  guint8 salt[SCRYPT_SALT_SIZE];
  guint8 key[32];
  const char *wf;
  guint work_factor = 0;
  UnwrapResult result = UNWRAP_OK;

  if (g_strcmp0 (g_ptr_array_index (stanza->args, 0), "scrypt") != 0)
    return UNWRAP_NOT_MINE;
  if (stanza->args->len != 3)
    {
      g_set_error (error, SL_AGE_ERROR, SL_AGE_ERROR_HEADER,
                   "An scrypt stanza takes exactly two arguments");
      return UNWRAP_ERROR;
    }
  if (!b64_decode_raw_exact (g_ptr_array_index (stanza->args, 1), salt, sizeof salt))
    {
      g_set_error (error, SL_AGE_ERROR, SL_AGE_ERROR_HEADER, "Malformed scrypt salt");
      return UNWRAP_ERROR;
    }

  /* Decimal, no sign, no leading zero, at most two digits. */
  wf = g_ptr_array_index (stanza->args, 2);
  if (wf[0] < '1' || wf[0] > '9' || strlen (wf) > 2 ||
      (wf[1] != '\0' && !g_ascii_isdigit (wf[1])))
    {
      g_set_error (error, SL_AGE_ERROR, SL_AGE_ERROR_HEADER, "Malformed scrypt work factor");
      return UNWRAP_ERROR;
    }
  for (const char *c = wf; *c != '\0'; c++)
    work_factor = work_factor * 10 + (*c - '0');
  if (work_factor > SL_AGE_SCRYPT_MAX_WORK_FACTOR)
    {
      g_set_error (error, SL_AGE_ERROR, SL_AGE_ERROR_HEADER,
                   "scrypt work factor %u is above the limit of %u",
                   work_factor, SL_AGE_SCRYPT_MAX_WORK_FACTOR);
      return UNWRAP_ERROR;
    }
  if (stanza->body->len != WRAPPED_KEY_SIZE)
    {
      g_set_error (error, SL_AGE_ERROR, SL_AGE_ERROR_HEADER,
                   "An scrypt stanza body has the wrong length");
      return UNWRAP_ERROR;
    }

  if (!scrypt_derive (passphrase, salt, work_factor, key))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                   "Not enough memory for scrypt with work factor %u", work_factor);
      result = UNWRAP_ERROR;
      goto out;
    }
  if (crypto_aead_chacha20poly1305_ietf_decrypt (file_key, NULL, NULL,
                                                 stanza->body->data, stanza->body->len,
                                                 NULL, 0, zero_nonce, key) != 0)
    result = UNWRAP_NOT_MINE;

out:
  sodium_memzero (key, sizeof key);
  return result;
}

static gboolean
unwrap_file_key (GPtrArray  *stanzas,
                 GPtrArray  *identities,
                 SlSecret   *passphrase,
                 guint8      file_key[FILE_KEY_SIZE],
                 GError    **error)
{
  for (guint i = 0; i < stanzas->len; i++)
    {
      Stanza *stanza = g_ptr_array_index (stanzas, i);

      if (g_strcmp0 (g_ptr_array_index (stanza->args, 0), "scrypt") == 0 && stanzas->len != 1)
        {
          g_set_error (error, SL_AGE_ERROR, SL_AGE_ERROR_HEADER,
                       "An scrypt stanza must be the only one in the header");
          return FALSE;
        }
    }

  for (guint i = 0; identities != NULL && i < identities->len; i++)
    {
      SlSecret *identity = g_ptr_array_index (identities, i);

      if (sl_secret_get_size (identity) != SL_AGE_KEY_SIZE)
        {
          g_set_error (error, SL_AGE_ERROR, SL_AGE_ERROR_KEY,
                       "An X25519 identity must be 32 bytes");
          return FALSE;
        }
      for (guint j = 0; j < stanzas->len; j++)
        {
          switch (unwrap_x25519 (g_ptr_array_index (stanzas, j), identity, file_key, error))
            {
            case UNWRAP_OK:
              return TRUE;
            case UNWRAP_ERROR:
              return FALSE;
            case UNWRAP_NOT_MINE:
            default:
              break;
            }
        }
    }

  if (passphrase != NULL)
    {
      for (guint j = 0; j < stanzas->len; j++)
        {
          switch (unwrap_scrypt (g_ptr_array_index (stanzas, j), passphrase, file_key, error))
            {
            case UNWRAP_OK:
              return TRUE;
            case UNWRAP_ERROR:
              return FALSE;
            case UNWRAP_NOT_MINE:
            default:
              break;
            }
        }
    }

  g_set_error (error, SL_AGE_ERROR, SL_AGE_ERROR_NO_IDENTITY,
               "No identity matches any recipient of this age file");
  return FALSE;
}

static GBytes *
decrypt_payload (const guint8 file_key[FILE_KEY_SIZE],
                 const guint8 *data,
                 gsize         len,
                 GError      **error)
{
  guint8 key[crypto_aead_chacha20poly1305_ietf_KEYBYTES];
  guint8 nonce[crypto_aead_chacha20poly1305_ietf_NPUBBYTES];
  guint8 *out = NULL;
  gsize out_len = 0;
  gsize pos = PAYLOAD_NONCE_SIZE;
  guint64 counter = 0;
  gboolean done = FALSE;
  const char *problem = NULL;

  if (len < PAYLOAD_NONCE_SIZE)
    {
      g_set_error (error, SL_AGE_ERROR, SL_AGE_ERROR_HEADER, "Missing payload nonce");
      return NULL;
    }
  hkdf_sha256 (data, PAYLOAD_NONCE_SIZE, file_key, FILE_KEY_SIZE, "payload", key);

  /* The plaintext is at most the ciphertext minus one tag per chunk. */
  out = g_malloc (MAX (len - PAYLOAD_NONCE_SIZE, 1));

  /* Every chunk but the last is full and not marked final: a large
   * payload has those opened two at a time; the loop below takes over at
   * the first that does not open (and says why), or at the last. */
  if ((len - PAYLOAD_NONCE_SIZE) / ENC_CHUNK_SIZE > PARALLEL_MIN_CHUNKS)
    {
      gsize payload = len - PAYLOAD_NONCE_SIZE;
      gsize n_full = (payload - 1) / ENC_CHUNK_SIZE;   /* before the last chunk */
      ChunkJob lo = { key, data + PAYLOAD_NONCE_SIZE, out, 0, 0, 0, 0, 0 };
      ChunkJob hi;
      gsize good;

      run_chunks (decrypt_full_chunks, &lo, &hi, n_full);
      good = lo.first_bad < lo.to ? lo.first_bad : hi.first_bad;
      pos += good * ENC_CHUNK_SIZE;
      out_len = good * CHUNK_SIZE;
      counter = good;
    }

  while (!done)
    {
      gsize remaining = len - pos;
      gsize chunk_len;
      unsigned long long plain_len = 0;

      if (remaining == 0)
        {
          problem = "The age payload is truncated (no final chunk)";
          break;
        }
      if (counter >= (G_GUINT64_CONSTANT (1) << 63))
        {
          problem = "The age payload has too many chunks";
          break;
        }

      if (remaining < ENC_CHUNK_SIZE)
        {
          chunk_len = remaining;
          if (chunk_len < TAG_SIZE)
            {
              problem = "The age payload ends with a truncated chunk";
              break;
            }
          if (chunk_len == TAG_SIZE && counter != 0)
            {
              problem = "The final chunk of the age payload is empty";
              break;
            }
          stream_nonce (nonce, counter, TRUE);
          if (crypto_aead_chacha20poly1305_ietf_decrypt (out + out_len, &plain_len, NULL,
                                                         data + pos, chunk_len, NULL, 0,
                                                         nonce, key) != 0)
            {
              problem = "An age payload chunk fails authentication";
              break;
            }
          done = TRUE;
        }
      else
        {
          chunk_len = ENC_CHUNK_SIZE;
          stream_nonce (nonce, counter, FALSE);
          if (crypto_aead_chacha20poly1305_ietf_decrypt (out + out_len, &plain_len, NULL,
                                                         data + pos, chunk_len, NULL, 0,
                                                         nonce, key) != 0)
            {
              /* Maybe a full-length final chunk. */
              stream_nonce (nonce, counter, TRUE);
              if (crypto_aead_chacha20poly1305_ietf_decrypt (out + out_len, &plain_len, NULL,
                                                             data + pos, chunk_len, NULL, 0,
                                                             nonce, key) != 0)
                {
                  problem = "An age payload chunk fails authentication";
                  break;
                }
              done = TRUE;
            }
        }

      out_len += plain_len;
      pos += chunk_len;
      counter++;
      if (done && pos != len)
        {
          problem = "Trailing data after the end of the age payload";
          break;
        }
    }

  sodium_memzero (key, sizeof key);
  if (problem != NULL)
    {
      sodium_memzero (out, MAX (len - PAYLOAD_NONCE_SIZE, 1));
      g_free (out);
      g_set_error_literal (error, SL_AGE_ERROR, SL_AGE_ERROR_PAYLOAD, problem);
      return NULL;
    }
  return g_bytes_new_take (g_realloc (out, out_len), out_len);
}

static gboolean
is_armor_space (guint8 c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Public API */

/**
 * sl_age_set_scrypt_work_factor_for_testing:
 * @work_factor: log2 of scrypt's N, from 1 to 22
 *
 * Makes sl_age_encrypt() use a cheaper scrypt for passphrases. Tests only.
 */
void
sl_age_set_scrypt_work_factor_for_testing (guint work_factor)
{
  g_return_if_fail (work_factor >= 1 && work_factor <= SL_AGE_SCRYPT_MAX_WORK_FACTOR);

  scrypt_work_factor = work_factor;
}

/**
 * sl_age_x25519_generate:
 *
 * Generates a new X25519 identity.
 *
 * Returns: (transfer full): the 32-byte secret key
 */
SlSecret *
sl_age_x25519_generate (void)
{
  SlSecret *identity;

  ensure_sodium ();
  identity = sl_secret_new (SL_AGE_KEY_SIZE);
  randombytes_buf (sl_secret_get_data (identity), SL_AGE_KEY_SIZE);
  return identity;
}

/**
 * sl_age_identity_to_recipient:
 * @identity: a 32-byte X25519 secret key
 *
 * Returns: (transfer full): the 32-byte public key (the recipient)
 */
GBytes *
sl_age_identity_to_recipient (SlSecret *identity)
{
  guint8 pk[crypto_scalarmult_BYTES];

  g_return_val_if_fail (identity != NULL, NULL);
  g_return_val_if_fail (sl_secret_get_size (identity) == SL_AGE_KEY_SIZE, NULL);

  ensure_sodium ();
  crypto_scalarmult_base (pk, sl_secret_get_data (identity));
  return g_bytes_new (pk, sizeof pk);
}

/**
 * sl_age_identity_to_string:
 * @identity: a 32-byte X25519 secret key
 *
 * Encodes the identity as age does: upper-case Bech32 `AGE-SECRET-KEY-1…`.
 *
 * Returns: (transfer full): the string, held in guarded memory; read it with
 *   sl_secret_get_string()
 */
SlSecret *
sl_age_identity_to_string (SlSecret *identity)
{
  char *encoded;
  SlSecret *result;
  gsize len;

  g_return_val_if_fail (identity != NULL, NULL);
  g_return_val_if_fail (sl_secret_get_size (identity) == SL_AGE_KEY_SIZE, NULL);

  encoded = bech32_encode ("age-secret-key-", sl_secret_get_data (identity), SL_AGE_KEY_SIZE);
  len = strlen (encoded);
  for (gsize i = 0; i < len; i++)
    encoded[i] = g_ascii_toupper (encoded[i]);
  result = sl_secret_new_from_data (encoded, len);
  sodium_memzero (encoded, len);
  g_free (encoded);
  return result;
}

/**
 * sl_age_identity_from_string:
 * @string: an `AGE-SECRET-KEY-1…` string
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the 32-byte secret key, or %NULL
 *   with %SL_AGE_ERROR_KEY
 */
SlSecret *
sl_age_identity_from_string (const char  *string,
                             GError     **error)
{
  g_autoptr(GByteArray) data = g_byte_array_sized_new (strlen (string));
  g_autofree char *hrp = NULL;
  SlSecret *identity = NULL;

  g_return_val_if_fail (string != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  hrp = bech32_decode (string, data);
  if (hrp != NULL && g_str_equal (hrp, "age-secret-key-") && data->len == SL_AGE_KEY_SIZE)
    identity = sl_secret_new_from_data (data->data, data->len);
  else
    g_set_error (error, SL_AGE_ERROR, SL_AGE_ERROR_KEY, "Not a valid age X25519 identity");
  sodium_memzero (data->data, data->len);
  return identity;
}

/**
 * sl_age_recipient_to_string:
 * @recipient: a 32-byte X25519 public key
 *
 * Returns: (transfer full): the `age1…` string
 */
char *
sl_age_recipient_to_string (GBytes *recipient)
{
  gsize len = 0;
  const guint8 *pk;

  g_return_val_if_fail (recipient != NULL, NULL);
  pk = g_bytes_get_data (recipient, &len);
  g_return_val_if_fail (len == SL_AGE_KEY_SIZE, NULL);

  return bech32_encode ("age", pk, len);
}

/**
 * sl_age_recipient_from_string:
 * @string: an `age1…` string
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the 32-byte public key, or %NULL
 *   with %SL_AGE_ERROR_KEY
 */
GBytes *
sl_age_recipient_from_string (const char  *string,
                              GError     **error)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();
  g_autofree char *hrp = NULL;

  g_return_val_if_fail (string != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  hrp = bech32_decode (string, data);
  if (hrp == NULL || !g_str_equal (hrp, "age") || data->len != SL_AGE_KEY_SIZE)
    {
      g_set_error (error, SL_AGE_ERROR, SL_AGE_ERROR_KEY, "Not a valid age X25519 recipient");
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

/**
 * sl_age_armor_encode:
 * @binary: an age file
 *
 * Wraps @binary in age's ASCII armor: `-----BEGIN AGE ENCRYPTED FILE-----`,
 * padded standard base64 in 64-column lines, and the END line.
 *
 * Returns: (transfer full): the armored file
 */
GBytes *
sl_age_armor_encode (GBytes *binary)
{
  gsize len = 0;
  const guint8 *data;
  g_autofree char *b64 = NULL;
  gsize b64_len;
  GString *out;

  g_return_val_if_fail (binary != NULL, NULL);

  data = g_bytes_get_data (binary, &len);
  b64_len = sodium_base64_encoded_len (len, sodium_base64_VARIANT_ORIGINAL);
  b64 = g_malloc (b64_len);
  sodium_bin2base64 (b64, b64_len, len > 0 ? data : (const guint8 *) "", len,
                     sodium_base64_VARIANT_ORIGINAL);
  b64_len = strlen (b64);

  out = g_string_sized_new (b64_len + b64_len / ARMOR_COLUMNS + 80);
  g_string_append (out, ARMOR_BEGIN "\n");
  for (gsize pos = 0; pos < b64_len; pos += ARMOR_COLUMNS)
    {
      g_string_append_len (out, b64 + pos, MIN (ARMOR_COLUMNS, b64_len - pos));
      g_string_append_c (out, '\n');
    }
  g_string_append (out, ARMOR_END "\n");
  return g_string_free_to_bytes (out);
}

/**
 * sl_age_armor_decode:
 * @armored: an armored age file
 * @error: return location for a #GError
 *
 * Removes age's ASCII armor, strictly: whitespace is allowed only around
 * the whole armor, lines end in LF or CRLF, every line but the last holds
 * exactly 64 columns, and the base64 is padded and canonical.
 *
 * Returns: (transfer full) (nullable): the binary age file, or %NULL with
 *   %SL_AGE_ERROR_ARMOR
 */
GBytes *
sl_age_armor_decode (GBytes  *armored,
                     GError **error)
{
  gsize len = 0;
  const guint8 *data;
  gsize pos = 0;
  gboolean seen_short = FALSE;
  gboolean seen_end = FALSE;
  g_autoptr(GString) b64 = g_string_new (NULL);
  g_autofree guint8 *bin = NULL;
  gsize bin_len = 0;
  gsize max;

  g_return_val_if_fail (armored != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  ensure_sodium ();
  data = g_bytes_get_data (armored, &len);
  while (pos < len && is_armor_space (data[pos]))
    pos++;

  /* Lines, each without its LF and one trailing CR. */
  for (guint n = 0; pos < len && !seen_end; n++)
    {
      const guint8 *nl = memchr (data + pos, '\n', len - pos);
      const char *line = (const char *) data + pos;
      gsize line_len = nl != NULL ? (gsize) (nl - (data + pos)) : len - pos;

      pos += line_len + (nl != NULL ? 1 : 0);
      if (line_len > 0 && line[line_len - 1] == '\r')
        line_len--;

      if (n == 0)
        {
          if (line_len != strlen (ARMOR_BEGIN) || memcmp (line, ARMOR_BEGIN, line_len) != 0)
            {
              g_set_error (error, SL_AGE_ERROR, SL_AGE_ERROR_ARMOR,
                           "Armor does not start with the age BEGIN line");
              return NULL;
            }
          continue;
        }
      if (line_len == strlen (ARMOR_END) && memcmp (line, ARMOR_END, line_len) == 0)
        {
          seen_end = TRUE;
          continue;
        }
      if (seen_short || line_len == 0 || line_len > ARMOR_COLUMNS)
        {
          g_set_error (error, SL_AGE_ERROR, SL_AGE_ERROR_ARMOR,
                       "Armor line has the wrong length");
          return NULL;
        }
      for (gsize i = 0; i < line_len; i++)
        if (!g_ascii_isalnum (line[i]) && line[i] != '+' && line[i] != '/' && line[i] != '=')
          {
            g_set_error (error, SL_AGE_ERROR, SL_AGE_ERROR_ARMOR,
                         "Invalid character in armor");
            return NULL;
          }
      if (line_len < ARMOR_COLUMNS)
        seen_short = TRUE;
      g_string_append_len (b64, line, line_len);
    }

  if (!seen_end)
    {
      g_set_error (error, SL_AGE_ERROR, SL_AGE_ERROR_ARMOR, "Armor has no END line");
      return NULL;
    }
  for (; pos < len; pos++)
    if (!is_armor_space (data[pos]))
      {
        g_set_error (error, SL_AGE_ERROR, SL_AGE_ERROR_ARMOR, "Garbage after the armor");
        return NULL;
      }

  if (b64->len % 4 != 0)
    {
      g_set_error (error, SL_AGE_ERROR, SL_AGE_ERROR_ARMOR, "Armor base64 is not padded");
      return NULL;
    }
  max = b64->len / 4 * 3 + 1;
  bin = g_malloc (max);
  if (b64->len > 0 &&
      sodium_base642bin (bin, max, b64->str, b64->len, NULL, &bin_len, NULL,
                         sodium_base64_VARIANT_ORIGINAL) != 0)
    {
      g_set_error (error, SL_AGE_ERROR, SL_AGE_ERROR_ARMOR, "Armor base64 is not canonical");
      return NULL;
    }
  return g_bytes_new_take (g_realloc (g_steal_pointer (&bin), bin_len), bin_len);
}

/* A new file key, and the header that wraps it for @recipients or
 * @passphrase, MAC included. */
static GString *
make_header (GPtrArray *recipients,
             SlSecret  *passphrase,
             guint8     file_key[FILE_KEY_SIZE],
             GError   **error)
{
  guint n_recipients = recipients != NULL ? recipients->len : 0;
  g_autoptr(GString) header = NULL;
  g_autofree char *mac_b64 = NULL;
  guint8 mac[MAC_SIZE];
  gboolean ok = TRUE;

  ensure_sodium ();
  if (n_recipients == 0 && passphrase == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "No age recipient given");
      return NULL;
    }
  if (n_recipients > 0 && passphrase != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "age cannot encrypt to a passphrase and to other recipients at once");
      return NULL;
    }

  randombytes_buf (file_key, FILE_KEY_SIZE);
  header = g_string_new (AGE_INTRO "\n");
  for (guint i = 0; ok && i < n_recipients; i++)
    ok = wrap_x25519 (header, file_key, g_ptr_array_index (recipients, i), error);
  if (ok && passphrase != NULL)
    ok = wrap_scrypt (header, file_key, passphrase, error);
  if (!ok)
    {
      sodium_memzero (file_key, FILE_KEY_SIZE);
      return NULL;
    }

  g_string_append (header, "---");
  header_mac (file_key, (const guint8 *) header->str, header->len, mac);
  mac_b64 = b64_encode_raw (mac, sizeof mac);
  g_string_append_printf (header, " %s\n", mac_b64);
  return g_steal_pointer (&header);
}

/**
 * sl_age_encrypt:
 * @plaintext: the data to encrypt
 * @recipients: (nullable) (element-type GBytes): 32-byte X25519 public keys
 * @passphrase: (nullable): encrypt to this passphrase with scrypt instead;
 *   age allows no other recipient with it
 * @armor: whether to wrap the result in ASCII armor
 * @error: return location for a #GError
 *
 * Encrypts @plaintext to an age v1 file that `age -d` can open.
 *
 * Returns: (transfer full) (nullable): the age file
 */
GBytes *
sl_age_encrypt (GBytes    *plaintext,
                GPtrArray *recipients,
                SlSecret  *passphrase,
                gboolean   armor,
                GError   **error)
{
  guint8 file_key[FILE_KEY_SIZE];
  guint8 nonce[PAYLOAD_NONCE_SIZE];
  guint8 key[crypto_aead_chacha20poly1305_ietf_KEYBYTES];
  g_autoptr(GString) header = NULL;
  g_autoptr(GByteArray) out = NULL;
  g_autoptr(GBytes) binary = NULL;
  const guint8 *plain;
  gsize plain_len = 0;
  gsize n_chunks;

  g_return_val_if_fail (plaintext != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(header = make_header (recipients, passphrase, file_key, error)))
    return NULL;

  plain = g_bytes_get_data (plaintext, &plain_len);
  n_chunks = plain_len == 0 ? 1 : (plain_len + CHUNK_SIZE - 1) / CHUNK_SIZE;
  out = g_byte_array_sized_new (header->len + PAYLOAD_NONCE_SIZE + plain_len
                                + n_chunks * TAG_SIZE);
  g_byte_array_append (out, (const guint8 *) header->str, header->len);

  randombytes_buf (nonce, sizeof nonce);
  g_byte_array_append (out, nonce, sizeof nonce);
  hkdf_sha256 (nonce, sizeof nonce, file_key, sizeof file_key, "payload", key);
  sodium_memzero (file_key, sizeof file_key);

  {
    guint start = out->len;
    ChunkJob a, b;

    g_byte_array_set_size (out, start + plain_len + n_chunks * TAG_SIZE);
    a = (ChunkJob) { key, plain, out->data + start, 0, 0, plain_len, n_chunks, 0 };
    run_chunks (encrypt_chunks, &a, &b, n_chunks);
  }
  sodium_memzero (key, sizeof key);

  binary = g_byte_array_free_to_bytes (g_steal_pointer (&out));
  if (armor)
    return sl_age_armor_encode (binary);
  return g_steal_pointer (&binary);
}

/* Writing as the plaintext comes */

struct _SlAgeWriter
{
  SlAgeSinkFunc sink;
  gpointer      sink_data;
  guint8        key[crypto_aead_chacha20poly1305_ietf_KEYBYTES];
  guint64       counter;
  guint8       *pending;    /* plaintext not yet sealed, up to a chunk */
  gsize         n_pending;
  guint8       *sealed;     /* one sealed chunk */
  gboolean      closed;
};

/**
 * sl_age_writer_new:
 * @recipients: (element-type GBytes): X25519 recipients (32-byte keys)
 * @sink: where the file's bytes go, in order
 * @sink_data: data for @sink
 * @error: return location for a #GError
 *
 * Starts an age v1 file for @recipients whose payload is given a piece at
 * a time with sl_age_writer_write(), and sealed and handed to @sink one
 * 64 KiB chunk at a time: a payload of a hundred megabytes is never held
 * twice. The file is the same as sl_age_encrypt() makes. The header goes
 * to @sink at once.
 *
 * Returns: (transfer full) (nullable): the writer; end it with
 *   sl_age_writer_close()
 */
SlAgeWriter *
sl_age_writer_new (GPtrArray      *recipients,
                   SlAgeSinkFunc   sink,
                   gpointer        sink_data,
                   GError        **error)
{
  g_autoptr(SlAgeWriter) w = NULL;
  g_autoptr(GString) header = NULL;
  guint8 file_key[FILE_KEY_SIZE];
  guint8 nonce[PAYLOAD_NONCE_SIZE];

  g_return_val_if_fail (recipients != NULL && recipients->len > 0, NULL);
  g_return_val_if_fail (sink != NULL, NULL);

  if (!(header = make_header (recipients, NULL, file_key, error)))
    return NULL;
  w = g_new0 (SlAgeWriter, 1);
  w->sink = sink;
  w->sink_data = sink_data;
  w->pending = g_malloc (CHUNK_SIZE);
  w->sealed = g_malloc (ENC_CHUNK_SIZE);
  randombytes_buf (nonce, sizeof nonce);
  hkdf_sha256 (nonce, sizeof nonce, file_key, sizeof file_key, "payload", w->key);
  sodium_memzero (file_key, sizeof file_key);
  if (!sink ((const guint8 *) header->str, header->len, sink_data, error) ||
      !sink (nonce, sizeof nonce, sink_data, error))
    return NULL;
  return g_steal_pointer (&w);
}

/* Seals the pending plaintext as the next chunk and hands it on. */
static gboolean
writer_seal (SlAgeWriter  *w,
             gboolean      last,
             GError      **error)
{
  guint8 nonce[crypto_aead_chacha20poly1305_ietf_NPUBBYTES];

  stream_nonce (nonce, w->counter++, last);
  crypto_aead_chacha20poly1305_ietf_encrypt (w->sealed, NULL, w->pending, w->n_pending,
                                             NULL, 0, NULL, nonce, w->key);
  if (!w->sink (w->sealed, w->n_pending + TAG_SIZE, w->sink_data, error))
    return FALSE;
  sodium_memzero (w->pending, w->n_pending);
  w->n_pending = 0;
  return TRUE;
}

/**
 * sl_age_writer_write:
 * @w: a writer
 * @data: (array length=len): more of the payload
 * @len: its length
 * @error: return location for a #GError
 *
 * Adds to the payload. A full chunk is sealed only once more follows it,
 * since the last chunk is marked as the last.
 *
 * Returns: %FALSE if the sink failed
 */
gboolean
sl_age_writer_write (SlAgeWriter   *w,
                     const guint8  *data,
                     gsize          len,
                     GError       **error)
{
  g_return_val_if_fail (w != NULL && !w->closed, FALSE);

  while (len > 0)
    {
      gsize take;

      if (w->n_pending == CHUNK_SIZE && !writer_seal (w, FALSE, error))
        return FALSE;
      take = MIN (len, CHUNK_SIZE - w->n_pending);
      memcpy (w->pending + w->n_pending, data, take);
      w->n_pending += take;
      data += take;
      len -= take;
    }
  return TRUE;
}

/**
 * sl_age_writer_close:
 * @w: a writer
 * @error: return location for a #GError
 *
 * Seals the last chunk (an empty payload still has one) and hands it on.
 *
 * Returns: %FALSE if the sink failed
 */
gboolean
sl_age_writer_close (SlAgeWriter  *w,
                     GError      **error)
{
  g_return_val_if_fail (w != NULL && !w->closed, FALSE);

  w->closed = TRUE;
  return writer_seal (w, TRUE, error);
}

void
sl_age_writer_free (SlAgeWriter *w)
{
  sodium_memzero (w->key, sizeof w->key);
  sodium_memzero (w->pending, CHUNK_SIZE);
  g_free (w->pending);
  g_free (w->sealed);
  g_free (w);
}

/**
 * sl_age_decrypt:
 * @file: an age v1 file, binary or armored (detected by its BEGIN line)
 * @identities: (nullable) (element-type SlSecret): 32-byte X25519 secret keys
 * @passphrase: (nullable): a passphrase for an scrypt stanza
 * @error: return location for a #GError
 *
 * Decrypts an age v1 file. Fails with %SL_AGE_ERROR_NO_IDENTITY when no
 * identity opens the file, %SL_AGE_ERROR_MAC when the header was altered,
 * %SL_AGE_ERROR_PAYLOAD when the payload was, and %SL_AGE_ERROR_HEADER,
 * %SL_AGE_ERROR_ARMOR or %SL_AGE_ERROR_UNSUPPORTED for malformed input.
 *
 * Returns: (transfer full) (nullable): the plaintext
 */
GBytes *
sl_age_decrypt (GBytes    *file,
                GPtrArray *identities,
                SlSecret  *passphrase,
                GError   **error)
{
  g_autoptr(GBytes) binary = NULL;
  g_autoptr(GPtrArray) stanzas = NULL;
  const guint8 *data;
  gsize len = 0;
  gsize skip = 0;
  gsize mac_input_len = 0;
  gsize payload_offset = 0;
  guint8 mac[MAC_SIZE];
  guint8 expected_mac[MAC_SIZE];
  guint8 file_key[FILE_KEY_SIZE];
  GBytes *plaintext;

  g_return_val_if_fail (file != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  ensure_sodium ();
  data = g_bytes_get_data (file, &len);
  while (skip < len && is_armor_space (data[skip]))
    skip++;
  if (len - skip >= strlen ("-----BEGIN") &&
      memcmp (data + skip, "-----BEGIN", strlen ("-----BEGIN")) == 0)
    {
      binary = sl_age_armor_decode (file, error);
      if (binary == NULL)
        return NULL;
    }
  else
    binary = g_bytes_ref (file);

  data = g_bytes_get_data (binary, &len);
  stanzas = g_ptr_array_new_with_free_func ((GDestroyNotify) stanza_free);
  if (!parse_header (data, len, stanzas, &mac_input_len, mac, &payload_offset, error))
    return NULL;

  if (!unwrap_file_key (stanzas, identities, passphrase, file_key, error))
    return NULL;

  header_mac (file_key, data, mac_input_len, expected_mac);
  if (sodium_memcmp (mac, expected_mac, MAC_SIZE) != 0)
    {
      sodium_memzero (file_key, sizeof file_key);
      g_set_error (error, SL_AGE_ERROR, SL_AGE_ERROR_MAC, "The age header MAC does not match");
      return NULL;
    }

  plaintext = decrypt_payload (file_key, data + payload_offset, len - payload_offset, error);
  sodium_memzero (file_key, sizeof file_key);
  return plaintext;
}
