/* sl-secret.h
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

#include <glib.h>

G_BEGIN_DECLS

/**
 * SlSecret:
 *
 * A passphrase, key or recovery key held in guarded memory
 * (libsodium `sodium_malloc`: locked out of swap, fenced by guard pages)
 * and wiped when the last reference goes. Secrets are never stored in
 * GObject properties, logs, argv or the environment.
 *
 * The data is always followed by a NUL byte, so a passphrase can be read
 * as a string with sl_secret_get_string().
 */
typedef struct _SlSecret SlSecret;

#define SL_SECRET_MAX_PASSPHRASE 1024

SlSecret     *sl_secret_new            (gsize          size);
SlSecret     *sl_secret_new_from_data  (const void    *data,
                                        gsize          size);
SlSecret     *sl_secret_new_from_string (const char   *string);
SlSecret     *sl_secret_ref            (SlSecret      *self);
void          sl_secret_unref          (SlSecret      *self);
guint8       *sl_secret_get_data       (SlSecret      *self);
gsize         sl_secret_get_size       (SlSecret      *self);
const char   *sl_secret_get_string     (SlSecret      *self);
void          sl_secret_truncate       (SlSecret      *self,
                                        gsize          size);
gboolean      sl_secret_equal          (SlSecret      *a,
                                        SlSecret      *b);
SlSecret     *sl_secret_read_line_fd   (int            fd,
                                        GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlSecret, sl_secret_unref)

G_END_DECLS
