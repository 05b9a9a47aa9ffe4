/* sl-zip.c
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

#define G_LOG_DOMAIN "sl-zip"

#include "config.h"

#include <string.h>
#include <zlib.h>

#include "sl-zip.h"

/*
 * A minimal writer of .zip files (PKWARE APPNOTE 6.3.10), in memory: a
 * local header and the data of each entry, then the central directory and
 * its end record. Entries are deflated (zlib, raw) when that makes them
 * smaller, stored otherwise; names are UTF-8 (general purpose bit 11).
 * No ZIP64, encryption, data descriptors or extra fields: a pack that
 * needs more than 65,535 entries or 4 GiB is refused, and written as a
 * folder instead.
 *
 * The whole archive is built in memory so that it can be encrypted before
 * any byte of it reaches a disk.
 */

#define SIG_LOCAL     0x04034b50
#define SIG_CENTRAL   0x02014b50
#define SIG_END       0x06054b50

#define FLAG_UTF8     0x0800
#define METHOD_STORE  0
#define METHOD_DEFLATE 8
#define VERSION_NEEDED 20         /* 2.0: deflate and folders */
#define VERSION_MADE_BY ((3 << 8) | 20)   /* Unix, 2.0 */

typedef struct
{
  char    *name;
  guint32  crc;
  guint32  compressed;
  guint32  size;
  guint32  offset;
  guint16  method;
  guint32  external;
} Entry;

struct _SlZipWriter
{
  GByteArray *out;
  GPtrArray  *entries;   /* Entry */
  GHashTable *names;
  guint16     dos_time;
  guint16     dos_date;
  gboolean    finished;
};

static void
entry_free (Entry *e)
{
  g_free (e->name);
  g_free (e);
}

static void
put16 (GByteArray *out,
       guint16     v)
{
  guint8 b[2] = { v & 0xff, v >> 8 };

  g_byte_array_append (out, b, 2);
}

static void
put32 (GByteArray *out,
       guint32     v)
{
  guint8 b[4] = { v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, v >> 24 };

  g_byte_array_append (out, b, 4);
}

/**
 * sl_zip_crc32:
 * @data: (array length=length): bytes
 * @length: their number
 *
 * Returns: the CRC-32 of @data as .zip files (and gzip, PNG) use it
 */
guint32
sl_zip_crc32 (const void *data,
              gsize       length)
{
  const guint8 *p = data;
  uLong crc = crc32 (0L, Z_NULL, 0);

  /* zlib takes a uInt length at a time */
  while (length > 0)
    {
      uInt n = (uInt) MIN (length, (gsize) G_MAXUINT32 / 2);

      crc = crc32 (crc, p, n);
      p += n;
      length -= n;
    }
  return (guint32) crc;
}

/**
 * sl_zip_writer_new:
 * @mtime: (nullable): the modification time of every entry; %NULL for now
 *
 * Returns: (transfer full): a writer of one .zip archive, in memory
 */
SlZipWriter *
sl_zip_writer_new (GDateTime *mtime)
{
  SlZipWriter *self = g_new0 (SlZipWriter, 1);
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) local = NULL;
  int year;

  if (mtime == NULL)
    mtime = now = g_date_time_new_now_local ();
  /* .zip times are local times, in two-second steps, from 1980. */
  local = g_date_time_to_local (mtime);
  year = CLAMP (g_date_time_get_year (local), 1980, 2107);
  self->dos_date = (guint16) (((year - 1980) << 9) | (g_date_time_get_month (local) << 5) |
                              g_date_time_get_day_of_month (local));
  self->dos_time = (guint16) ((g_date_time_get_hour (local) << 11) |
                              (g_date_time_get_minute (local) << 5) |
                              (g_date_time_get_second (local) / 2));
  self->out = g_byte_array_new ();
  self->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  self->names = g_hash_table_new (g_str_hash, g_str_equal);
  return self;
}

/**
 * sl_zip_writer_free:
 * @self: a writer
 *
 * Frees the writer and wipes what it had written.
 */
void
sl_zip_writer_free (SlZipWriter *self)
{
  if (self == NULL)
    return;
  if (self->out != NULL)
    {
      memset (self->out->data, 0, self->out->len);
      g_byte_array_unref (self->out);
    }
  g_hash_table_unref (self->names);
  g_ptr_array_unref (self->entries);
  g_free (self);
}

/* Relative, '/'-separated, valid UTF-8, no empty, "." or ".." part: a name
 * that unpacks where it should and nowhere else. */
static gboolean
check_name (SlZipWriter  *self,
            const char   *name,
            GError      **error)
{
  g_auto(GStrv) parts = NULL;
  gsize len = strlen (name);

  if (len == 0 || len > G_MAXUINT16 || !g_utf8_validate (name, -1, NULL) || name[0] == '/' ||
      strchr (name, '\\') != NULL)
    goto bad;
  parts = g_strsplit (name, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      /* a folder's name ends in '/', leaving one empty part at the end */
      if (parts[i][0] == '\0' && parts[i + 1] == NULL && i > 0)
        break;
      if (parts[i][0] == '\0' || g_str_equal (parts[i], ".") || g_str_equal (parts[i], ".."))
        goto bad;
    }
  if (g_hash_table_contains (self->names, name))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, "%s is in the archive already", name);
      return FALSE;
    }
  if (self->entries->len >= SL_ZIP_MAX_ENTRIES)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   "More than %u files do not fit in a .zip file; write a folder instead",
                   SL_ZIP_MAX_ENTRIES);
      return FALSE;
    }
  return TRUE;

bad:
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
               "'%s' is not a name for a file in a .zip", name);
  return FALSE;
}

struct _SlZipBody
{
  GBytes  *contents;   /* the entry as it is */
  guint8  *packed;     /* deflated, or NULL: stored */
  gsize    packed_len;
  gsize    size;
  guint32  crc;
};

/**
 * sl_zip_body_new:
 * @contents: what an entry holds
 * @compress: deflate it, if that makes it smaller
 *
 * The body of a file entry, worked out (checksum, compression) apart from
 * any writer: bodies can be made in several threads at once, then added
 * in order with sl_zip_writer_add_body().
 *
 * Returns: (transfer full): the body
 */
SlZipBody *
sl_zip_body_new (GBytes   *contents,
                 gboolean  compress)
{
  SlZipBody *body = g_new0 (SlZipBody, 1);
  const guint8 *data;

  g_return_val_if_fail (contents != NULL, NULL);

  body->contents = g_bytes_ref (contents);
  data = g_bytes_get_data (contents, &body->size);
  body->crc = body->size > 0 ? sl_zip_crc32 (data, body->size) : 0;
  if (compress && body->size > 64 && (guint64) body->size <= SL_ZIP_MAX_SIZE)
    {
      z_stream z = { 0 };
      uLong bound;

      if (deflateInit2 (&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -MAX_WBITS, 8,
                        Z_DEFAULT_STRATEGY) == Z_OK)
        {
          bound = deflateBound (&z, (uLong) body->size);
          body->packed = g_malloc (bound);
          z.next_in = (Bytef *) data;
          z.avail_in = (uInt) body->size;
          z.next_out = body->packed;
          z.avail_out = (uInt) bound;
          if (deflate (&z, Z_FINISH) == Z_STREAM_END && z.total_out < body->size)
            body->packed_len = z.total_out;
          else
            {
              memset (body->packed, 0, bound);
              g_clear_pointer (&body->packed, g_free);
            }
          deflateEnd (&z);
        }
    }
  return body;
}

/**
 * sl_zip_body_free:
 * @body: (transfer full): a body
 *
 * Frees the body, wiping its deflated bytes.
 */
void
sl_zip_body_free (SlZipBody *body)
{
  if (body == NULL)
    return;
  if (body->packed != NULL)
    {
      memset (body->packed, 0, body->packed_len);
      g_free (body->packed);
    }
  g_bytes_unref (body->contents);
  g_free (body);
}

static gboolean
add_entry (SlZipWriter  *self,
           const char   *name,
           SlZipBody    *body,
           guint32       mode,
           GError      **error)
{
  const guint8 *data = NULL;
  gsize size = 0;
  gsize body_len = 0;
  Entry *e;

  g_return_val_if_fail (!self->finished, FALSE);

  if (!check_name (self, name, error))
    return FALSE;
  if (body != NULL)
    size = body->size;
  if ((guint64) size > SL_ZIP_MAX_SIZE || (guint64) self->out->len + size > SL_ZIP_MAX_SIZE / 2)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   "%s makes the pack too large for a .zip file (2 GiB); write a folder instead",
                   name);
      return FALSE;
    }

  e = g_new0 (Entry, 1);
  e->name = g_strdup (name);
  e->size = (guint32) size;
  e->offset = self->out->len;
  e->method = METHOD_STORE;
  /* Unix permissions in the high half; 0x10 marks a folder for DOS. */
  e->external = (mode << 16) | ((mode & 0040000) ? 0x10 : 0);
  if (body != NULL)
    {
      e->crc = body->crc;
      if (body->packed != NULL)
        {
          data = body->packed;
          body_len = body->packed_len;
          e->method = METHOD_DEFLATE;
        }
      else
        data = g_bytes_get_data (body->contents, &body_len);
    }
  e->compressed = (guint32) body_len;

  put32 (self->out, SIG_LOCAL);
  put16 (self->out, VERSION_NEEDED);
  put16 (self->out, FLAG_UTF8);
  put16 (self->out, e->method);
  put16 (self->out, self->dos_time);
  put16 (self->out, self->dos_date);
  put32 (self->out, e->crc);
  put32 (self->out, e->compressed);
  put32 (self->out, e->size);
  put16 (self->out, (guint16) strlen (name));
  put16 (self->out, 0);
  g_byte_array_append (self->out, (const guint8 *) name, (guint) strlen (name));
  if (body_len > 0)
    g_byte_array_append (self->out, data, (guint) body_len);

  g_ptr_array_add (self->entries, e);
  g_hash_table_add (self->names, e->name);
  return TRUE;
}

/**
 * sl_zip_writer_add_directory:
 * @self: a writer
 * @name: the folder's path in the archive, ending in '/'
 * @error: return location for a #GError
 *
 * Returns: %TRUE if it was added
 */
gboolean
sl_zip_writer_add_directory (SlZipWriter  *self,
                             const char   *name,
                             GError      **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (name != NULL && g_str_has_suffix (name, "/"), FALSE);

  return add_entry (self, name, NULL, 0040700, error);
}

/**
 * sl_zip_writer_add_file:
 * @self: a writer
 * @name: the file's path in the archive ('/' between folders)
 * @contents: what it holds
 * @compress: deflate it, if that makes it smaller
 * @error: return location for a #GError
 *
 * Returns: %TRUE if it was added
 */
gboolean
sl_zip_writer_add_file (SlZipWriter  *self,
                        const char   *name,
                        GBytes       *contents,
                        gboolean      compress,
                        GError      **error)
{
  g_autoptr(SlZipBody) body = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (name != NULL && !g_str_has_suffix (name, "/"), FALSE);
  g_return_val_if_fail (contents != NULL, FALSE);

  /* A name that cannot go in costs no compression. */
  if (!check_name (self, name, error))
    return FALSE;
  body = sl_zip_body_new (contents, compress);
  return add_entry (self, name, body, 0100600, error);
}

/**
 * sl_zip_writer_add_body:
 * @self: a writer
 * @name: the file's path in the archive ('/' between folders)
 * @body: what it holds, from sl_zip_body_new()
 * @error: return location for a #GError
 *
 * As sl_zip_writer_add_file(), with the checksum and compression done
 * already.
 *
 * Returns: %TRUE if it was added
 */
gboolean
sl_zip_writer_add_body (SlZipWriter  *self,
                        const char   *name,
                        SlZipBody    *body,
                        GError      **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (name != NULL && !g_str_has_suffix (name, "/"), FALSE);
  g_return_val_if_fail (body != NULL, FALSE);

  return add_entry (self, name, body, 0100600, error);
}

/**
 * sl_zip_writer_finish:
 * @self: a writer
 * @error: return location for a #GError
 *
 * Writes the central directory. The writer can take no more entries.
 *
 * Returns: (transfer full) (nullable): the whole archive
 */
GBytes *
sl_zip_writer_finish (SlZipWriter  *self,
                      GError      **error)
{
  guint32 start, size;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (!self->finished, NULL);

  start = self->out->len;
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *e = g_ptr_array_index (self->entries, i);

      put32 (self->out, SIG_CENTRAL);
      put16 (self->out, VERSION_MADE_BY);
      put16 (self->out, VERSION_NEEDED);
      put16 (self->out, FLAG_UTF8);
      put16 (self->out, e->method);
      put16 (self->out, self->dos_time);
      put16 (self->out, self->dos_date);
      put32 (self->out, e->crc);
      put32 (self->out, e->compressed);
      put32 (self->out, e->size);
      put16 (self->out, (guint16) strlen (e->name));
      put16 (self->out, 0);   /* extra field */
      put16 (self->out, 0);   /* comment */
      put16 (self->out, 0);   /* disk number */
      put16 (self->out, 0);   /* internal attributes */
      put32 (self->out, e->external);
      put32 (self->out, e->offset);
      g_byte_array_append (self->out, (const guint8 *) e->name, (guint) strlen (e->name));
    }
  if ((guint64) self->out->len + 22 > SL_ZIP_MAX_SIZE / 2)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   "The pack is too large for a .zip file (2 GiB); write a folder instead");
      return NULL;
    }
  size = self->out->len - start;
  put32 (self->out, SIG_END);
  put16 (self->out, 0);   /* this disk */
  put16 (self->out, 0);   /* the disk the directory starts on */
  put16 (self->out, (guint16) self->entries->len);
  put16 (self->out, (guint16) self->entries->len);
  put32 (self->out, size);
  put32 (self->out, start);
  put16 (self->out, 0);
  self->finished = TRUE;
  return g_byte_array_free_to_bytes (g_steal_pointer (&self->out));
}
