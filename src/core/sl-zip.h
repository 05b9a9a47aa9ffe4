/* sl-zip.h
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

G_BEGIN_DECLS

/* The most a .zip without the ZIP64 extension holds. */
#define SL_ZIP_MAX_ENTRIES 0xFFFF
#define SL_ZIP_MAX_SIZE    G_GUINT64_CONSTANT (0xFFFFFFFF)

typedef struct _SlZipWriter SlZipWriter;
typedef struct _SlZipBody   SlZipBody;

SlZipWriter *sl_zip_writer_new            (GDateTime    *mtime);
void         sl_zip_writer_free           (SlZipWriter  *self);
gboolean     sl_zip_writer_add_directory  (SlZipWriter  *self,
                                           const char   *name,
                                           GError      **error);
gboolean     sl_zip_writer_add_file       (SlZipWriter  *self,
                                           const char   *name,
                                           GBytes       *contents,
                                           gboolean      compress,
                                           GError      **error);
gboolean     sl_zip_writer_add_body       (SlZipWriter  *self,
                                           const char   *name,
                                           SlZipBody    *body,
                                           GError      **error);
GBytes      *sl_zip_writer_finish         (SlZipWriter  *self,
                                           GError      **error);

SlZipBody   *sl_zip_body_new              (GBytes       *contents,
                                           gboolean      compress);
void         sl_zip_body_free             (SlZipBody    *body);

guint32      sl_zip_crc32                 (const void   *data,
                                           gsize         length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlZipWriter, sl_zip_writer_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlZipBody, sl_zip_body_free)

G_END_DECLS
