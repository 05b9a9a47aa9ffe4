/* sl-age.h
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

#pragma once

#include <gio/gio.h>

#include "sl-secret.h"

G_BEGIN_DECLS

/**
 * SlAgeError:
 * @SL_AGE_ERROR_HEADER: the age header is malformed (bad version line,
 *   stanza, base64, argument count, key or share length, low-order share,
 *   scrypt work factor out of range, scrypt stanza not alone, missing or
 *   short payload nonce)
 * @SL_AGE_ERROR_NO_IDENTITY: none of the identities opens any stanza
 *   (the file is not for us, or the passphrase is wrong)
 * @SL_AGE_ERROR_MAC: the header MAC does not match: the header was altered
 * @SL_AGE_ERROR_PAYLOAD: the payload is truncated, reordered, tampered with
 *   or followed by trailing data
 * @SL_AGE_ERROR_ARMOR: the ASCII armor is not strict canonical PEM-like
 *   base64 as age writes it
 * @SL_AGE_ERROR_UNSUPPORTED: another age format version
 * @SL_AGE_ERROR_KEY: a recipient (`age1…`) or identity
 *   (`AGE-SECRET-KEY-1…`) string is malformed
 */
typedef enum
{
  SL_AGE_ERROR_HEADER,
  SL_AGE_ERROR_NO_IDENTITY,
  SL_AGE_ERROR_MAC,
  SL_AGE_ERROR_PAYLOAD,
  SL_AGE_ERROR_ARMOR,
  SL_AGE_ERROR_UNSUPPORTED,
  SL_AGE_ERROR_KEY,
} SlAgeError;

#define SL_AGE_ERROR (sl_age_error_quark ())
GQuark sl_age_error_quark (void);

/* Size of an X25519 identity (secret key) and recipient (public key). */
#define SL_AGE_KEY_SIZE 32

/* scrypt work factor (log2 N) used when encrypting to a passphrase, and the
 * highest one accepted when decrypting (age's own limit). */
#define SL_AGE_SCRYPT_WORK_FACTOR     18
#define SL_AGE_SCRYPT_MAX_WORK_FACTOR 22

SlSecret     *sl_age_x25519_generate          (void);
GBytes       *sl_age_identity_to_recipient    (SlSecret     *identity);
SlSecret     *sl_age_identity_to_string       (SlSecret     *identity);
SlSecret     *sl_age_identity_from_string     (const char   *string,
                                               GError      **error);
char         *sl_age_recipient_to_string      (GBytes       *recipient);
GBytes       *sl_age_recipient_from_string    (const char   *string,
                                               GError      **error);

GBytes       *sl_age_encrypt                  (GBytes       *plaintext,
                                               GPtrArray    *recipients,
                                               SlSecret     *passphrase,
                                               gboolean      armor,
                                               GError      **error);
/**
 * SlAgeSinkFunc:
 * @data: (array length=len): the next bytes of the file
 * @len: their length
 * @user_data: the sink's data
 * @error: return location for a #GError
 *
 * Returns: %FALSE, with @error set, if the bytes could not be taken
 */
typedef gboolean (*SlAgeSinkFunc) (const guint8  *data,
                                   gsize          len,
                                   gpointer       user_data,
                                   GError       **error);

typedef struct _SlAgeWriter SlAgeWriter;

SlAgeWriter  *sl_age_writer_new               (GPtrArray    *recipients,
                                               SlAgeSinkFunc sink,
                                               gpointer      sink_data,
                                               GError      **error);
gboolean      sl_age_writer_write             (SlAgeWriter  *w,
                                               const guint8 *data,
                                               gsize         len,
                                               GError      **error);
gboolean      sl_age_writer_close             (SlAgeWriter  *w,
                                               GError      **error);
void          sl_age_writer_free              (SlAgeWriter  *w);

GBytes       *sl_age_decrypt                  (GBytes       *file,
                                               GPtrArray    *identities,
                                               SlSecret     *passphrase,
                                               GError      **error);

GBytes       *sl_age_armor_encode             (GBytes       *binary);
GBytes       *sl_age_armor_decode             (GBytes       *armored,
                                               GError      **error);

void          sl_age_set_scrypt_work_factor_for_testing (guint work_factor);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlAgeWriter, sl_age_writer_free)

G_END_DECLS
