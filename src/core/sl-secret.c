/* sl-secret.c
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

#define G_LOG_DOMAIN "sl-secret"

#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <sodium.h>
#include <unistd.h>

#include "sl-secret.h"

struct _SlSecret
{
  gatomicrefcount  ref_count;
  gsize            size;
  gsize            capacity;
  guint8          *data;      /* sodium_malloc, capacity + 1 bytes */
};

static SlSecret *
secret_alloc (gsize capacity)
{
  SlSecret *self;

  if (sodium_init () < 0)
    g_error ("libsodium could not be initialised");

  self = g_new0 (SlSecret, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->capacity = capacity;
  self->data = sodium_malloc (capacity + 1);
  if (self->data == NULL)
    g_error ("Out of guarded memory for a secret of %" G_GSIZE_FORMAT " bytes", capacity);
  sodium_memzero (self->data, capacity + 1);
  return self;
}

/**
 * sl_secret_new:
 * @size: the number of bytes
 *
 * Returns: (transfer full): a zero-filled secret of @size bytes
 */
SlSecret *
sl_secret_new (gsize size)
{
  SlSecret *self = secret_alloc (size);

  self->size = size;
  return self;
}

/**
 * sl_secret_new_from_data:
 * @data: the bytes to copy
 * @size: how many
 *
 * Returns: (transfer full): a secret holding a copy of @data
 */
SlSecret *
sl_secret_new_from_data (const void *data,
                         gsize       size)
{
  SlSecret *self = sl_secret_new (size);

  if (size > 0)
    memcpy (self->data, data, size);
  return self;
}

/**
 * sl_secret_new_from_string:
 * @string: a NUL-terminated passphrase
 *
 * Returns: (transfer full): a secret holding a copy of @string
 */
SlSecret *
sl_secret_new_from_string (const char *string)
{
  g_return_val_if_fail (string != NULL, NULL);

  return sl_secret_new_from_data (string, strlen (string));
}

SlSecret *
sl_secret_ref (SlSecret *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

/**
 * sl_secret_unref:
 * @self: a secret
 *
 * Drops a reference; the last one wipes the memory (sodium_free zeroes it
 * before releasing the pages).
 */
void
sl_secret_unref (SlSecret *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      sodium_free (self->data);
      self->data = NULL;
      g_free (self);
    }
}

guint8 *
sl_secret_get_data (SlSecret *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->data;
}

gsize
sl_secret_get_size (SlSecret *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->size;
}

/**
 * sl_secret_get_string:
 * @self: a secret
 *
 * Returns: (transfer none): the secret as a NUL-terminated string
 */
const char *
sl_secret_get_string (SlSecret *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return (const char *) self->data;
}

/**
 * sl_secret_truncate:
 * @self: a secret
 * @size: the new size, no more than the current one
 *
 * Shortens the secret, wiping the bytes that are cut off.
 */
void
sl_secret_truncate (SlSecret *self,
                    gsize     size)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (size <= self->size);

  sodium_memzero (self->data + size, self->capacity + 1 - size);
  self->size = size;
}

/**
 * sl_secret_equal:
 * @a: a secret
 * @b: another
 *
 * Compares in constant time (for equal sizes).
 *
 * Returns: %TRUE if both hold the same bytes
 */
gboolean
sl_secret_equal (SlSecret *a,
                 SlSecret *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  if (a->size != b->size)
    return FALSE;
  return sodium_memcmp (a->data, b->data, a->size) == 0;
}

/**
 * sl_secret_read_line_fd:
 * @fd: a file descriptor opened by the caller (`--passphrase-fd N`)
 * @error: return location for a #GError
 *
 * Reads one line from @fd straight into guarded memory, a byte at a time
 * so that a second line on the same descriptor is left for the next call.
 * The trailing newline (and a carriage return before it) is dropped.
 *
 * Returns: (transfer full) (nullable): the line, or %NULL with @error set
 */
SlSecret *
sl_secret_read_line_fd (int      fd,
                        GError **error)
{
  g_autoptr(SlSecret) self = secret_alloc (SL_SECRET_MAX_PASSPHRASE);
  gboolean got_any = FALSE;

  for (;;)
    {
      guint8 c;
      ssize_t n = read (fd, &c, 1);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       "Could not read from file descriptor %d: %s", fd, g_strerror (saved));
          return NULL;
        }
      if (n == 0)
        break;
      got_any = TRUE;
      if (c == '\n')
        break;
      if (self->size == self->capacity)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "The passphrase on file descriptor %d is longer than %d bytes",
                       fd, SL_SECRET_MAX_PASSPHRASE);
          return NULL;
        }
      self->data[self->size++] = c;
    }

  if (!got_any)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "Nothing could be read from file descriptor %d: "
                   "write the passphrase to it, followed by a newline", fd);
      return NULL;
    }

  if (self->size > 0 && self->data[self->size - 1] == '\r')
    sl_secret_truncate (self, self->size - 1);

  return g_steal_pointer (&self);
}
