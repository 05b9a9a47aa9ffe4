/* sl-bundle.c
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

#define G_LOG_DOMAIN "sl-bundle"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sodium.h>
#include <string.h>
#include <unistd.h>

#include "sl-age.h"
#include "sl-bundle.h"
#include "sl-change-log.h"
#include "sl-codebook.h"
#include "sl-json-private.h"
#include "sl-record-private.h"

/*
 * A bundle carries changes from one vault to another on a stick.
 *
 * Its plaintext is text, one item a line, fields separated by tabs (a tab,
 * newline, carriage return or backslash inside a field is escaped with a
 * backslash; \N is a missing field):
 *
 *   sightline-bundle 1
 *   {header: sender, recipient, bundle clock, codebooks, what the sender holds}
 *   D  device  first-seq  last-seq  hash-of-last-change       (one per device)
 *   C  seq  clock  record  op  field  value  author  codebook-version  base
 *   ...
 *   signature  base64(Ed25519 over every byte before this line)
 *
 * The sender holds each device's changes after the last one the receiver
 * is known to hold (learnt from the receiver's own bundles). The receiver
 * checks each device's hash chain against its own log, so a bundle can
 * neither rewrite history nor leave a gap, then merges field by field
 * (sl-merge.c). The whole file is an age v1 file for the receiver's
 * X25519 recipient, so `age -d` opens it too.
 */

G_DEFINE_QUARK (sl-bundle-error-quark, sl_bundle_error)

#define MAGIC          "sightline-bundle "
#define SIGNATURE_TAG  "signature\t"
#define HASH_BYTES     crypto_hash_sha256_BYTES
#define PROGRESS_EVERY 4096
#ifndef CACHE_BYTES_PER_CHANGE
#define CACHE_BYTES_PER_CHANGE 256
#endif

void
sl_bundle_summary_free (SlBundleSummary *summary)
{
  g_free (summary->peer_id);
  g_free (summary->peer_name);
  g_free (summary->created);
  g_free (summary->codebook);
  g_clear_pointer (&summary->by_type, g_ptr_array_unref);
  g_clear_pointer (&summary->touched, g_ptr_array_unref);
  g_free (summary);
}

static void
type_count_free (SlBundleTypeCount *count)
{
  g_free (count->type);
  g_free (count);
}

static SlBundleSummary *
summary_new (void)
{
  SlBundleSummary *s = g_new0 (SlBundleSummary, 1);

  s->by_type = g_ptr_array_new_with_free_func ((GDestroyNotify) type_count_free);
  s->touched = g_ptr_array_new_with_free_func (g_free);
  return s;
}

static SlBundleTypeCount *
summary_type (SlBundleSummary *s,
              const char      *type)
{
  SlBundleTypeCount *count;

  for (guint i = 0; i < s->by_type->len; i++)
    if (g_str_equal (((SlBundleTypeCount *) g_ptr_array_index (s->by_type, i))->type, type))
      return g_ptr_array_index (s->by_type, i);
  count = g_new0 (SlBundleTypeCount, 1);
  count->type = g_strdup (type);
  g_ptr_array_add (s->by_type, count);
  return count;
}

static void
report (SlProgressFunc progress,
        gpointer       data,
        double         fraction)
{
  if (progress != NULL)
    progress (CLAMP (fraction, 0.0, 1.0), data);
}

/* Escaping */

static void
put_field (GString    *out,
           const char *s)
{
  gsize at = out->len;
  char *w;

  if (s == NULL)
    {
      g_string_append_len (out, "\t\\N", 3);
      return;
    }
  /* Written straight into the buffer, with room for every byte escaped. */
  g_string_set_size (out, at + 1 + 2 * strlen (s));
  w = out->str + at;
  *w++ = '\t';
  for (const char *p = s; *p; p++)
    switch (*p)
      {
      case '\\': *w++ = '\\'; *w++ = '\\'; break;
      case '\t': *w++ = '\\'; *w++ = 't'; break;
      case '\n': *w++ = '\\'; *w++ = 'n'; break;
      case '\r': *w++ = '\\'; *w++ = 'r'; break;
      default: *w++ = *p;
      }
  g_string_truncate (out, (gsize) (w - out->str));
}

/* A tab, then @n in decimal. */
static void
put_int (GString *out,
         gint64   n)
{
  g_string_append_c (out, '\t');
  _sl_string_append_int (out, n);
}

/* Splits @line (NUL-terminated, modified in place) at tabs and unescapes
 * each field; \N gives NULL. Returns FALSE on a bad escape. */
static gboolean
split_line (char   *line,
            char  **fields,
            guint   max,
            guint  *n)
{
  char *p = line;

  for (*n = 0; *n < max; (*n)++)
    {
      char *tab = strchr (p, '\t');
      char *end = tab ? tab : p + strlen (p);
      char *r;

      fields[*n] = p;
      if (end - p == 2 && p[0] == '\\' && p[1] == 'N')
        fields[*n] = NULL;
      else if ((r = memchr (p, '\\', (gsize) (end - p))) != NULL)
        {
          /* Unescaped in place, from the first backslash on. */
          char *w = r;

          while (r < end)
            {
              if (*r != '\\')
                {
                  *w++ = *r++;
                  continue;
                }
              if (r + 1 == end)
                return FALSE;
              switch (r[1])
                {
                case '\\': *w++ = '\\'; break;
                case 't': *w++ = '\t'; break;
                case 'n': *w++ = '\n'; break;
                case 'r': *w++ = '\r'; break;
                default: return FALSE;
                }
              r += 2;
            }
          *w = '\0';
        }
      if (tab == NULL)
        {
          (*n)++;
          return TRUE;
        }
      *tab = '\0';
      p = tab + 1;
    }
  return FALSE;   /* more fields than expected */
}

static gboolean
parse_int (const char *s,
           gint64     *out)
{
  char *end = NULL;

  if (s == NULL || *s == '\0')
    return FALSE;
  *out = g_ascii_strtoll (s, &end, 10);
  return end != NULL && *end == '\0';
}

/* Peers */

typedef struct
{
  char   *id;
  char   *name;
  char   *recipient;
  char   *device;
  guint8  signing[crypto_sign_PUBLICKEYBYTES];
  gint64  last_bundle;
} PeerRow;

static void
peer_row_free (PeerRow *p)
{
  g_free (p->id);
  g_free (p->name);
  g_free (p->recipient);
  g_free (p->device);
  g_free (p);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PeerRow, peer_row_free)

static PeerRow *
lookup_peer (sqlite3    *db,
             const char *id)
{
  sqlite3_stmt *stmt = NULL;
  PeerRow *p = NULL;

  sqlite3_prepare_v2 (db, "SELECT id, name, recipient, device, signing_key, last_bundle "
                      "FROM peers WHERE id = ?1", -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *key = (const char *) sqlite3_column_text (stmt, 4);
      size_t got = 0;

      p = g_new0 (PeerRow, 1);
      p->id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      p->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      p->recipient = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      p->device = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      if (key == NULL ||
          sodium_base642bin (p->signing, sizeof p->signing, key, strlen (key), NULL, &got, NULL,
                             sodium_base64_VARIANT_ORIGINAL) != 0 || got != sizeof p->signing)
        g_clear_pointer (&p, peer_row_free);
      else
        p->last_bundle = sqlite3_column_int64 (stmt, 5);
    }
  sqlite3_finalize (stmt);
  return p;
}

static char *
my_peer_id (SlSecret *ed25519)
{
  guint8 pk[crypto_sign_PUBLICKEYBYTES];

  crypto_sign_ed25519_sk_to_pk (pk, sl_secret_get_data (ed25519));
  return _sl_identity_peer_id (pk);
}

static gboolean
locked_error (SlVault  *self,
              GError  **error)
{
  g_set_error (error, SL_VAULT_ERROR, SL_VAULT_ERROR_LOCKED,
               "The vault %s is locked. Unlock it first", sl_vault_get_name (self));
  return FALSE;
}

/* Export */

static void
add_header (GString     *out,
            const char  *sender,
            const char  *sender_name,
            const char  *sender_device,
            const char  *recipient,
            gint64       clock,
            const char  *created,
            SlCodebook  *book,
            sqlite3     *db,
            GHashTable  *have,
            guint64      n_changes)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  sqlite3_stmt *stmt = NULL;
  GHashTableIter iter;
  gpointer key, value;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "format");
  json_builder_add_int_value (b, SL_BUNDLE_FORMAT);
  json_builder_set_member_name (b, "sender");
  json_builder_add_string_value (b, sender);
  json_builder_set_member_name (b, "sender_name");
  json_builder_add_string_value (b, sender_name);
  json_builder_set_member_name (b, "sender_device");
  json_builder_add_string_value (b, sender_device);
  json_builder_set_member_name (b, "recipient");
  json_builder_add_string_value (b, recipient);
  json_builder_set_member_name (b, "clock");
  json_builder_add_int_value (b, clock);
  json_builder_set_member_name (b, "created");
  json_builder_add_string_value (b, created);
  json_builder_set_member_name (b, "changes");
  json_builder_add_int_value (b, (gint64) n_changes);

  /* Every version of the codebook in the sender's vault: changes name the
   * version they were made under, and the newest may be an update. */
  json_builder_set_member_name (b, "codebook");
  json_builder_add_string_value (b, sl_codebook_get_id (book));
  json_builder_set_member_name (b, "codebooks");
  json_builder_begin_array (b);
  sqlite3_prepare_v2 (db, "SELECT version, json FROM codebooks WHERE id = ?1 ORDER BY version",
                      -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, sl_codebook_get_id (book), -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "version");
      json_builder_add_int_value (b, sqlite3_column_int64 (stmt, 0));
      json_builder_set_member_name (b, "json");
      json_builder_add_string_value (b, (const char *) sqlite3_column_text (stmt, 1));
      json_builder_end_object (b);
    }
  sqlite3_finalize (stmt);
  json_builder_end_array (b);

  /* What the sender holds: the receiver need not send it back. */
  json_builder_set_member_name (b, "have");
  json_builder_begin_object (b);
  g_hash_table_iter_init (&iter, have);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      json_builder_set_member_name (b, key);
      json_builder_add_int_value (b, *(gint64 *) value);
    }
  json_builder_end_object (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  text = json_to_string (root, FALSE);
  g_string_append (out, text);
  g_string_append_c (out, '\n');
}

typedef struct
{
  char   *device;
  gint64  device_no;
  gint64  from;
  gint64  to;
} ExportSection;

static void
export_section_free (ExportSection *s)
{
  g_free (s->device);
  g_free (s);
}

/* A record's id or an author's name by row number, looked up once per
 * export: a bundle names the same few thousand again and again. */
static const char *
name_of (SlTxn       *txn,
         GHashTable  *names,
         const char  *sql,
         gint64       no)
{
  char *name = g_hash_table_lookup (names, &no);
  sqlite3_stmt *stmt;

  if (name != NULL)
    return name;
  stmt = _sl_txn_stmt (txn, sql);
  sqlite3_bind_int64 (stmt, 1, no);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  g_hash_table_insert (names, g_memdup2 (&no, sizeof no), name);
  return name;
}

/* Sealing, as the bundle is written: a second thread encrypts each piece
 * of the plaintext as the export finishes it and writes it to a temporary
 * file beside the bundle's place, renamed into place once it is whole and
 * on the disk. A bundle is whole or absent, never half-written. */

#define SEAL_PIECE (1024 * 1024)

typedef struct
{
  gsize  len;
  guint8 data[];
} Piece;

typedef struct
{
  GAsyncQueue *queue;      /* Piece; one of length 0 ends the file */
  GThread     *thread;
  SlAgeWriter *writer;
  char        *path;
  char        *tmp_path;
  int          fd;
  GError      *error;      /* the second thread's, read after joining */
  gboolean     done;
} SealJob;

static void
piece_free (Piece *piece)
{
  /* The plaintext names children: wiped, not only freed. */
  sodium_memzero (piece->data, piece->len);
  g_free (piece);
}

static gboolean
seal_sink (const guint8  *data,
           gsize          len,
           gpointer       user_data,
           GError       **error)
{
  SealJob *job = user_data;

  return _sl_write_all (job->fd, data, len, error);
}

static gpointer
seal_thread (gpointer data)
{
  SealJob *job = data;

  for (;;)
    {
      Piece *piece = g_async_queue_pop (job->queue);
      gboolean end = piece->len == 0;

      /* After a failure the rest is only taken off the queue. */
      if (!end && job->error == NULL)
        sl_age_writer_write (job->writer, piece->data, piece->len, &job->error);
      piece_free (piece);
      if (end)
        break;
    }
  if (job->error == NULL)
    sl_age_writer_close (job->writer, &job->error);
  return NULL;
}

static void
seal_job_push (SealJob    *job,
               const char *data,
               gsize       len)
{
  Piece *piece = g_malloc (sizeof (Piece) + len);

  piece->len = len;
  if (len > 0)
    memcpy (piece->data, data, len);
  g_async_queue_push (job->queue, piece);
}

/* Ends the second thread's work. */
static void
seal_job_join (SealJob *job)
{
  if (job->thread == NULL)
    return;
  seal_job_push (job, NULL, 0);
  g_thread_join (g_steal_pointer (&job->thread));
}

static void
seal_job_free (SealJob *job)
{
  seal_job_join (job);
  if (job->fd >= 0)
    close (job->fd);
  /* Not finished: nothing is left behind. */
  if (!job->done && job->tmp_path != NULL)
    g_unlink (job->tmp_path);
  g_clear_pointer (&job->writer, sl_age_writer_free);
  g_clear_pointer (&job->queue, g_async_queue_unref);
  g_clear_error (&job->error);
  g_free (job->path);
  g_free (job->tmp_path);
  g_free (job);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SealJob, seal_job_free)

static gboolean
write_error (GError     **error,
             const char  *path,
             const char  *what)
{
  g_autofree char *dir = g_path_get_dirname (path);

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
               "The bundle could not be written to %s: %s. Check that the stick or folder is "
               "there, writable and has room, then export again", dir, what);
  return FALSE;
}

static SealJob *
seal_job_start (GFile       *file,
                const char  *recipient,
                GError     **error)
{
  g_autoptr(SealJob) job = g_new0 (SealJob, 1);
  g_autoptr(GPtrArray) recipients = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GBytes) key = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *base = NULL;

  job->fd = -1;
  job->queue = g_async_queue_new ();
  if (!(job->path = g_file_get_path (file)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   "Bundles can only be written to a folder on this computer or a stick");
      return NULL;
    }
  if (!(key = sl_age_recipient_from_string (recipient, error)))
    return NULL;
  g_ptr_array_add (recipients, g_steal_pointer (&key));

  base = g_path_get_basename (job->path);
  {
    g_autofree char *dir = g_path_get_dirname (job->path);
    g_autofree char *name = g_strdup_printf (".%s.XXXXXX", base);

    job->tmp_path = g_build_filename (dir, name, NULL);
  }
  job->fd = g_mkstemp_full (job->tmp_path, O_WRONLY | O_CLOEXEC, 0600);
  if (job->fd < 0)
    {
      int saved = errno;

      g_clear_pointer (&job->tmp_path, g_free);
      write_error (error, job->path, g_strerror (saved));
      return NULL;
    }
  if (!(job->writer = sl_age_writer_new (recipients, seal_sink, job, &local_error)))
    {
      write_error (error, job->path, local_error->message);
      return NULL;
    }
  if (!(job->thread = g_thread_try_new ("sl-bundle-seal", seal_thread, job, error)))
    return NULL;
  return g_steal_pointer (&job);
}

/* Signs @body and hands on what is left of it from @sent, then puts the
 * finished file in its place. */
static gboolean
seal_job_finish (SealJob   *job,
                 GString   *body,
                 gsize      sent,
                 SlSecret  *ed25519,
                 GError   **error)
{
  guint8 sig[crypto_sign_BYTES];
  g_autofree char *sig_text = NULL;
  g_autofree char *dir = NULL;
  int dir_fd;

  crypto_sign_detached (sig, NULL, (const guint8 *) body->str, body->len,
                        sl_secret_get_data (ed25519));
  sig_text = sodium_bin2base64 (g_malloc (sodium_base64_ENCODED_LEN (sizeof sig,
                                            sodium_base64_VARIANT_ORIGINAL)),
                                sodium_base64_ENCODED_LEN (sizeof sig, sodium_base64_VARIANT_ORIGINAL),
                                sig, sizeof sig, sodium_base64_VARIANT_ORIGINAL);
  g_string_append (body, SIGNATURE_TAG);
  g_string_append (body, sig_text);
  g_string_append_c (body, '\n');
  seal_job_push (job, body->str + sent, body->len - sent);
  seal_job_join (job);
  if (job->error != NULL)
    return write_error (error, job->path, job->error->message);

  /* On the disk before it takes the bundle's name */
  if (fsync (job->fd) != 0)
    return write_error (error, job->path, g_strerror (errno));
  close (job->fd);
  job->fd = -1;
  if (g_rename (job->tmp_path, job->path) != 0)
    return write_error (error, job->path, g_strerror (errno));
  job->done = TRUE;
  dir = g_path_get_dirname (job->path);
  if ((dir_fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0)
    {
      fsync (dir_fd);
      close (dir_fd);
    }
  return TRUE;
}

/**
 * sl_vault_export_bundle:
 * @self: an unlocked vault
 * @peer_id: the trusted peer to send to
 * @file: where to write the bundle
 * @progress: (nullable): called as the work goes on
 * @progress_data: data for @progress
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Writes the changes @peer_id is not known to hold (every device's, not
 * only this one's), signed by this vault and encrypted to the peer.
 *
 * Returns: (transfer full) (nullable): what was written
 */
SlBundleSummary *
sl_vault_export_bundle (SlVault         *self,
                        const char      *peer_id,
                        GFile           *file,
                        SlProgressFunc   progress,
                        gpointer         progress_data,
                        GCancellable    *cancellable,
                        GError         **error)
{
  g_autoptr(SlBundleSummary) summary = summary_new ();
  g_autoptr(SlSecret) x25519 = NULL;
  g_autoptr(SlSecret) ed25519 = NULL;
  g_autoptr(PeerRow) peer = NULL;
  g_autoptr(GHashTable) acked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) have = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) sections = g_ptr_array_new_with_free_func ((GDestroyNotify) export_section_free);
  g_autoptr(GHashTable) records = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GHashTable) authors = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GString) body = NULL;
  g_autoptr(SealJob) seal = NULL;
  g_autofree char *me = NULL;
  g_autofree char *title = NULL;
  g_autofree char *recipient = NULL;
  SlCodebook *book = sl_vault_get_codebook (self);
  sqlite3_stmt *stmt;
  sqlite3 *db;
  guint64 total = 0;
  guint64 done = 0;
  gsize sent = 0;
  gint64 clock;
  SlTxn *txn;

  g_return_val_if_fail (SL_IS_VAULT (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (book == NULL)
    return locked_error (self, error), NULL;
  if (!_sl_vault_load_device_keys (self, &x25519, &ed25519, error) ||
      !(txn = _sl_txn_begin (self, error)))
    return NULL;
  db = _sl_txn_get_db (txn);
  me = my_peer_id (ed25519);

  if (!(peer = lookup_peer (db, peer_id)))
    {
      g_set_error (error, SL_BUNDLE_ERROR, SL_BUNDLE_ERROR_NO_SUCH_PEER,
                   "No trusted device has the id %s. `sightline-cli peer list VAULT` lists them; "
                   "add one from its card with `sightline-cli peer add`", peer_id);
      _sl_txn_rollback (txn);
      return NULL;
    }
  summary->peer_id = g_strdup (peer->id);
  summary->peer_name = g_strdup (peer->name);
  summary->created = _sl_now_iso8601 ();
  recipient = g_strdup (peer->recipient);
  title = _sl_db_dup_meta (db, "title");

  /* The bundle's own clock: later than every bundle this vault made
   * before, which is how the receiver knows a replayed one. */
  clock = _sl_txn_tick (txn);

  stmt = _sl_txn_stmt (txn, "SELECT device, seq FROM peer_acks WHERE peer = ?1");
  sqlite3_bind_text (stmt, 1, peer->id, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 *seq = g_new (gint64, 1);

      *seq = sqlite3_column_int64 (stmt, 1);
      g_hash_table_insert (acked, g_strdup ((const char *) sqlite3_column_text (stmt, 0)), seq);
    }

  stmt = _sl_txn_stmt (txn, "SELECT no, id, last_seq FROM devices WHERE last_seq > 0 ORDER BY id");
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *device = (const char *) sqlite3_column_text (stmt, 1);
      gint64 last = sqlite3_column_int64 (stmt, 2);
      gint64 *held = g_hash_table_lookup (acked, device);
      gint64 *have_seq = g_new (gint64, 1);

      *have_seq = last;
      g_hash_table_insert (have, g_strdup (device), have_seq);
      if (held == NULL || *held < last)
        {
          ExportSection *s = g_new0 (ExportSection, 1);

          s->device = g_strdup (device);
          s->device_no = sqlite3_column_int64 (stmt, 0);
          s->from = held ? *held + 1 : 1;
          s->to = last;
          total += (guint64) (s->to - s->from + 1);
          g_ptr_array_add (sections, s);
        }
    }

  /* The file is written as the changes are read. */
  if (!(seal = seal_job_start (file, recipient, error)))
    {
      _sl_txn_rollback (txn);
      return NULL;
    }

  body = g_string_sized_new (256 + total * 120);
  g_string_append_printf (body, MAGIC "%d\n", SL_BUNDLE_FORMAT);
  add_header (body, me, title && *title ? title : sl_vault_get_name (self),
              sl_vault_get_device_id (self), peer->id, clock, summary->created, book, db, have,
              total);

  for (guint i = 0; i < sections->len; i++)
    {
      ExportSection *s = g_ptr_array_index (sections, i);
      char hex[HASH_BYTES * 2 + 1] = "";

      /* Each device's chain ends at its last change. */
      stmt = _sl_txn_stmt (txn, "SELECT hash FROM changes WHERE device = ?1 AND device_seq = ?2");
      sqlite3_bind_int64 (stmt, 1, s->device_no);
      sqlite3_bind_int64 (stmt, 2, s->to);
      if (sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_bytes (stmt, 0) != HASH_BYTES)
        {
          g_set_error (error, SL_VAULT_ERROR, SL_VAULT_ERROR_CORRUPT,
                       "The vault's change log is damaged (device %.8s). Run `sightline-cli "
                       "audit` on it", s->device);
          _sl_txn_rollback (txn);
          return NULL;
        }
      sodium_bin2hex (hex, sizeof hex, sqlite3_column_blob (stmt, 0), HASH_BYTES);

      g_string_append (body, "D");
      put_field (body, s->device);
      g_string_append_printf (body, "\t%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT "\t%s\n",
                              s->from, s->to, hex);

      stmt = _sl_txn_stmt (txn, "SELECT device_seq, hlc, record, op, field, value, author, "
                           "codebook_version, base FROM changes "
                           "WHERE device = ?1 AND device_seq BETWEEN ?2 AND ?3 "
                           "ORDER BY device_seq");
      sqlite3_bind_int64 (stmt, 1, s->device_no);
      sqlite3_bind_int64 (stmt, 2, s->from);
      sqlite3_bind_int64 (stmt, 3, s->to);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *op = (const char *) sqlite3_column_text (stmt, 3);
          const char *record = name_of (txn, records, "SELECT id FROM records WHERE no = ?1",
                                        sqlite3_column_int64 (stmt, 2));
          const char *author = name_of (txn, authors, "SELECT name FROM authors WHERE no = ?1",
                                        sqlite3_column_int64 (stmt, 6));

          if (record == NULL || author == NULL)
            {
              g_set_error (error, SL_VAULT_ERROR, SL_VAULT_ERROR_CORRUPT,
                           "The vault's change log is damaged (a change names a record or "
                           "author it does not hold). Run `sightline-cli audit` on it");
              _sl_txn_rollback (txn);
              return NULL;
            }
          g_string_append_c (body, 'C');
          put_int (body, sqlite3_column_int64 (stmt, 0));
          put_int (body, sqlite3_column_int64 (stmt, 1));
          put_field (body, record);
          put_field (body, op);
          put_field (body, (const char *) sqlite3_column_text (stmt, 4));
          put_field (body, (const char *) sqlite3_column_text (stmt, 5));
          put_field (body, author);
          put_int (body, sqlite3_column_int64 (stmt, 7));
          put_field (body, (const char *) sqlite3_column_text (stmt, 8));
          g_string_append_c (body, '\n');
          if (body->len - sent >= SEAL_PIECE)
            {
              seal_job_push (seal, body->str + sent, body->len - sent);
              sent = body->len;
            }

          if (g_str_equal (op, "create"))
            summary->n_new_records++;
          else if (!g_str_equal (op, "set"))
            summary->n_deletions++;
          if (++done % PROGRESS_EVERY == 0)
            {
              report (progress, progress_data, 0.8 * (double) done / (double) MAX (total, 1));
              if (_sl_txn_cancelled (txn, cancellable, error))
                {
                  _sl_txn_rollback (txn);
                  return NULL;
                }
            }
        }
    }
  if (done != total)
    {
      g_set_error (error, SL_VAULT_ERROR, SL_VAULT_ERROR_CORRUPT,
                   "The vault's change log is damaged (changes are missing). Run "
                   "`sightline-cli audit` on it");
      _sl_txn_rollback (txn);
      return NULL;
    }
  summary->n_changes = done;
  summary->n_new = done;

  /* Save the clock before the file exists: a bundle number is never used
   * twice, even if writing fails. */
  if (!_sl_txn_commit (txn, NULL, error))
    return NULL;
  report (progress, progress_data, 0.85);
  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !seal_job_finish (seal, body, sent, ed25519, error))
    return NULL;
  report (progress, progress_data, 1.0);
  return g_steal_pointer (&summary);
}

/* Opening */

static GBytes *
open_sealed (SlVault   *self,
             GFile     *file,
             SlSecret **ed25519,
             GError   **error)
{
  g_autoptr(SlSecret) x25519 = NULL;
  g_autoptr(GPtrArray) identities = g_ptr_array_new_with_free_func ((GDestroyNotify) sl_secret_unref);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) sealed = NULL;
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *path = g_file_get_path (file);
  GBytes *plain;
  char *data = NULL;
  gsize len = 0;

  /* A file on this computer is read in one go, at its size: a large
   * bundle is not copied over and over as a stream's buffer grows. */
  if (path != NULL)
    {
      if (!g_file_get_contents (path, &data, &len, &local_error))
        {
          g_set_error (error, G_IO_ERROR, g_io_error_from_file_error (local_error->code),
                       "The bundle %s could not be read: %s", name, local_error->message);
          return NULL;
        }
    }
  else if (!g_file_load_contents (file, NULL, &data, &len, NULL, &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code,
                   "The bundle %s could not be read: %s", name, local_error->message);
      return NULL;
    }
  sealed = g_bytes_new_take (data, len);
  if (!_sl_vault_load_device_keys (self, &x25519, ed25519, error))
    return NULL;
  g_ptr_array_add (identities, g_steal_pointer (&x25519));

  if (len < 21 || memcmp (data, "age-encryption.org/", 19) != 0)
    {
      if (len > 0 && memcmp (data, "-----BEGIN AGE", MIN (len, 14)) == 0)
        ;   /* armored: sl_age_decrypt() reads it */
      else
        {
          g_set_error (error, SL_BUNDLE_ERROR, SL_BUNDLE_ERROR_DAMAGED,
                       len == 0 ? "The bundle %s is empty: it was not copied completely. Copy it "
                                  "again from the sender's stick or folder. Nothing was changed"
                                : "%s is not a Sightline bundle (it is not an encrypted age "
                                  "file), or its start was cut off. Choose the .slbundle file the "
                                  "sender exported. Nothing was changed", name);
          return NULL;
        }
    }

  plain = sl_age_decrypt (sealed, identities, NULL, &local_error);
  if (plain != NULL)
    return plain;

  if (g_error_matches (local_error, SL_AGE_ERROR, SL_AGE_ERROR_NO_IDENTITY))
    g_set_error (error, SL_BUNDLE_ERROR, SL_BUNDLE_ERROR_NOT_FOR_THIS_VAULT,
                 "The bundle %s was not made for this vault: it is encrypted to another device "
                 "(or its first lines were damaged). Import it into the vault it was exported "
                 "for, or ask the sender to export a bundle to this vault. Nothing was changed",
                 name);
  else if (g_error_matches (local_error, SL_AGE_ERROR, SL_AGE_ERROR_UNSUPPORTED))
    g_set_error (error, SL_BUNDLE_ERROR, SL_BUNDLE_ERROR_NEWER_FORMAT,
                 "The bundle %s uses an encryption format this version of Sightline does not "
                 "read (%s). Update Sightline, then import it again. Nothing was changed",
                 name, local_error->message);
  else
    g_set_error (error, SL_BUNDLE_ERROR, SL_BUNDLE_ERROR_DAMAGED,
                 "The bundle %s is damaged: it is incomplete (cut short while copying?) or was "
                 "altered after it was made (%s). Copy it again, or ask the sender for a new "
                 "export. Nothing was changed", name, local_error->message);
  return NULL;
}

/* A decrypted bundle, parsed in place. */
typedef struct
{
  gint64  seq;
  gint64  hlc;
  gint64  codebook_version;
  char   *record;
  char   *op;
  char   *field;
  char   *value;
  char   *author;
  char   *base;
} BChange;

typedef struct
{
  char   *device;
  gint64  from;
  gint64  to;
  guint8  end_hash[HASH_BYTES];
  guint   first;   /* index into changes */
  guint   n;
  /* filled in while importing */
  gint64  device_no;
  gint64  last_seq;
  guint8  last_hash[HASH_BYTES];
  gboolean has_last_hash;
  gint64  last_hlc;
  guint8  start_hash[HASH_BYTES];   /* the hash of change from - 1 */
  gboolean has_start;
  gint64  max_hlc;
} BSection;

typedef struct
{
  GBytes     *plain;
  char       *buf;      /* the body, parsed in place */
  gsize       buf_len;
  JsonNode   *header;
  PeerRow    *sender;
  gint64      clock;
  GArray     *changes;  /* BChange */
  GArray     *sections; /* BSection */
  GPtrArray  *codebooks; /* SlCodebook, oldest first */
} Bundle;

static void
bundle_free (Bundle *b)
{
  g_clear_pointer (&b->plain, g_bytes_unref);
  /* The plaintext names children: wiped, not only freed. */
  if (b->buf)
    sodium_memzero (b->buf, b->buf_len);
  g_free (b->buf);
  g_clear_pointer (&b->header, json_node_unref);
  g_clear_pointer (&b->sender, peer_row_free);
  g_clear_pointer (&b->changes, g_array_unref);
  g_clear_pointer (&b->sections, g_array_unref);
  g_clear_pointer (&b->codebooks, g_ptr_array_unref);
  g_free (b);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Bundle, bundle_free)

static gboolean
malformed (GError     **error,
           const char  *sender,
           const char  *what)
{
  g_set_error (error, SL_BUNDLE_ERROR, SL_BUNDLE_ERROR_MALFORMED,
               "The bundle from %s is signed correctly but its content cannot be read (%s). "
               "Nothing was changed. Ask for a new export; if it happens again, the sender's "
               "Sightline may be faulty", sender, what);
  return FALSE;
}

static const char *
header_string (JsonObject *h,
               const char *member)
{
  JsonNode *n = json_object_get_member (h, member);

  return n && JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING ?
         json_node_get_string (n) : NULL;
}

/* The change lines after the header, parsed in place in b->buf. */
static gboolean
parse_changes (Bundle      *b,
               const char  *who,
               GError     **error)
{
  char *p = strchr (strchr (b->buf, '\n') + 1, '\n') + 1;
  BSection *sec = NULL;
  guint line_no = 2;

  b->changes = g_array_new (FALSE, TRUE, sizeof (BChange));
  b->sections = g_array_new (FALSE, TRUE, sizeof (BSection));
  while (*p)
    {
      char *end = strchr (p, '\n');
      char *f[10];
      guint n = 0;

      line_no++;
      if (end == NULL)
        return malformed (error, who, "the last line is cut short");
      *end = '\0';
      if (!split_line (p, f, G_N_ELEMENTS (f), &n))
        return malformed (error, who, "a field is badly escaped");
      if (n == 5 && g_strcmp0 (f[0], "D") == 0)
        {
          BSection s = { 0 };

          if (f[1] == NULL || !parse_int (f[2], &s.from) || !parse_int (f[3], &s.to) ||
              s.from < 1 || s.to < s.from || f[4] == NULL || strlen (f[4]) != HASH_BYTES * 2 ||
              sodium_hex2bin (s.end_hash, HASH_BYTES, f[4], strlen (f[4]), NULL, NULL, NULL) != 0)
            return malformed (error, who, "a device line is malformed");
          s.device = f[1];
          s.first = b->changes->len;
          g_array_append_val (b->sections, s);
          sec = &g_array_index (b->sections, BSection, b->sections->len - 1);
        }
      else if (n == 10 && g_strcmp0 (f[0], "C") == 0 && sec != NULL)
        {
          BChange c = { 0 };

          if (!parse_int (f[1], &c.seq) || !parse_int (f[2], &c.hlc) ||
              !parse_int (f[8], &c.codebook_version) || f[3] == NULL || f[4] == NULL ||
              f[7] == NULL || c.seq != sec->from + sec->n ||
              !(g_str_equal (f[4], "create") || g_str_equal (f[4], "set") ||
                g_str_equal (f[4], "delete") || g_str_equal (f[4], "undelete")) ||
              (g_str_equal (f[4], "set") && f[5] == NULL) ||
              (g_str_equal (f[4], "create") && f[6] == NULL))
            {
              g_autofree char *what = g_strdup_printf ("change line %u is malformed", line_no);

              return malformed (error, who, what);
            }
          c.record = f[3];
          c.op = f[4];
          c.field = f[5];
          c.value = f[6];
          c.author = f[7];
          c.base = f[9];
          g_array_append_val (b->changes, c);
          sec->n++;
        }
      else
        {
          g_autofree char *what = g_strdup_printf ("line %u is not a change", line_no);

          return malformed (error, who, what);
        }
      p = end + 1;
    }
  for (guint i = 0; i < b->sections->len; i++)
    {
      BSection *s = &g_array_index (b->sections, BSection, i);

      if ((gint64) s->n != s->to - s->from + 1)
        return malformed (error, who, "a device's changes are incomplete");
    }
  return TRUE;
}

/**
 * _sl_bundle_parse_body_for_testing:
 * @data: a bundle's plaintext body (format line, header, change lines),
 *   without its signature line
 * @len: its length
 * @error: return location for a #GError
 *
 * Parses the change lines the way an import does, without a vault: for
 * the fuzzer and the tests.
 *
 * Returns: the number of changes, or -1 with @error
 */
gint64
_sl_bundle_parse_body_for_testing (const char  *data,
                                   gsize        len,
                                   GError     **error)
{
  g_autoptr(Bundle) b = g_new0 (Bundle, 1);
  char *first;

  b->buf = g_strndup (data, len);
  b->buf_len = len;
  if (!(first = strchr (b->buf, '\n')) || !strchr (first + 1, '\n'))
    {
      g_set_error (error, SL_BUNDLE_ERROR, SL_BUNDLE_ERROR_MALFORMED, "no header");
      return -1;
    }
  if (!parse_changes (b, "the sender", error))
    return -1;
  return b->changes->len;
}

/* Checks everything that can be checked before touching the vault: who
 * made it, for whom, whether it is new, and with which codebook. */
static Bundle *
bundle_open (SlVault      *self,
             GFile        *file,
             gboolean      for_import,
             GError      **error)
{
  g_autoptr(Bundle) b = g_new0 (Bundle, 1);
  g_autoptr(SlSecret) ed25519 = NULL;
  g_autofree char *me = NULL;
  g_autofree char *name = g_file_get_basename (file);
  const char *data;
  const char *sig_line;
  const char *nl;
  JsonObject *h;
  const char *sender_id, *recipient, *cb_id;
  guint8 sig[crypto_sign_BYTES];
  size_t got = 0;
  gsize len;
  gsize body_len;
  gint64 format;
  SlCodebook *book = sl_vault_get_codebook (self);
  sqlite3 *db;

  if (book == NULL)
    return locked_error (self, error), NULL;
  if (!(b->plain = open_sealed (self, file, &ed25519, error)))
    return NULL;
  me = my_peer_id (ed25519);
  data = g_bytes_get_data (b->plain, &len);

  /* The format line comes first: a newer format may sign otherwise. */
  if (len < strlen (MAGIC) || memcmp (data, MAGIC, strlen (MAGIC)) != 0 ||
      !(nl = memchr (data, '\n', len)))
    {
      g_set_error (error, SL_BUNDLE_ERROR, SL_BUNDLE_ERROR_MALFORMED,
                   "%s is an age file but not a Sightline bundle. Choose the .slbundle file "
                   "the sender exported. Nothing was changed", name);
      return NULL;
    }
  {
    g_autofree char *line = g_strndup (data + strlen (MAGIC), (gsize) (nl - data) - strlen (MAGIC));

    if (!parse_int (line, &format) || format < 1)
      {
        g_set_error (error, SL_BUNDLE_ERROR, SL_BUNDLE_ERROR_MALFORMED,
                     "%s is not a Sightline bundle this version understands (its format line "
                     "is \"%s\"). Nothing was changed", name, line);
        return NULL;
      }
    if (format > SL_BUNDLE_FORMAT)
      {
        g_set_error (error, SL_BUNDLE_ERROR, SL_BUNDLE_ERROR_NEWER_FORMAT,
                     "The bundle %s was made by a newer version of Sightline (bundle format %"
                     G_GINT64_FORMAT "; this version reads format %d). Update Sightline on this "
                     "computer, then import it again. Nothing was changed",
                     name, format, SL_BUNDLE_FORMAT);
        return NULL;
      }
  }

  /* The signature is the last line. */
  if (len < 2 || data[len - 1] != '\n')
    sig_line = NULL;
  else
    {
      sig_line = g_strrstr_len (data, (gssize) len - 1, "\n" SIGNATURE_TAG);
      sig_line = sig_line ? sig_line + 1 : NULL;
    }
  if (sig_line == NULL ||
      sodium_base642bin (sig, sizeof sig, sig_line + strlen (SIGNATURE_TAG),
                         (size_t) (data + len - 1 - sig_line - (gssize) strlen (SIGNATURE_TAG)),
                         NULL, &got, NULL, sodium_base64_VARIANT_ORIGINAL) != 0 ||
      got != sizeof sig)
    {
      g_set_error (error, SL_BUNDLE_ERROR, SL_BUNDLE_ERROR_SIGNATURE,
                   "The bundle %s carries no valid signature: it was not made by Sightline or "
                   "was altered. Do not use it; ask the sender for a new export. Nothing was "
                   "changed", name);
      return NULL;
    }

  /* Parsed in place: an import takes the decrypted buffer over (a large
   * bundle is not copied); the signature line is cut off. */
  body_len = (gsize) (sig_line - data);
  if (for_import)
    {
      gsize size = 0;

      b->buf = g_bytes_unref_to_data (g_steal_pointer (&b->plain), &size);
      b->buf_len = size;
      b->buf[body_len] = '\0';
      data = NULL;
      sig_line = NULL;
    }
  else
    {
      b->buf = g_strndup (data, body_len);
      b->buf_len = body_len;
    }
  {
    char *hl = strchr (b->buf, '\n') + 1;
    char *he = strchr (hl, '\n');
    g_autoptr(GError) json_error = NULL;

    if (he == NULL)
      {
        g_set_error (error, SL_BUNDLE_ERROR, SL_BUNDLE_ERROR_MALFORMED,
                     "The bundle %s has no header. Nothing was changed", name);
        return NULL;
      }
    *he = '\0';
    b->header = _sl_json_parse (hl, -1, &json_error);
    *he = '\n';
    if (b->header == NULL || !JSON_NODE_HOLDS_OBJECT (b->header))
      {
        g_set_error (error, SL_BUNDLE_ERROR, SL_BUNDLE_ERROR_MALFORMED,
                     "The bundle %s has a header that cannot be read. Nothing was changed", name);
        return NULL;
      }
  }
  h = json_node_get_object (b->header);
  sender_id = header_string (h, "sender");
  recipient = header_string (h, "recipient");
  cb_id = header_string (h, "codebook");

  _sl_vault_lock_db (self);
  db = _sl_vault_get_db (self);
  b->sender = db && sender_id ? lookup_peer (db, sender_id) : NULL;
  _sl_vault_unlock_db (self);
  if (db == NULL)
    return locked_error (self, error), NULL;
  if (b->sender == NULL)
    {
      const char *claimed = header_string (h, "sender_name");

      g_set_error (error, SL_BUNDLE_ERROR, SL_BUNDLE_ERROR_UNKNOWN_SENDER,
                   "The bundle %s comes from a device this vault does not trust (%s, id %s). If "
                   "you expected it, compare fingerprints with that device and add its card "
                   "(Sync, Trusted devices; or `sightline-cli peer add`), then import it again. "
                   "Nothing was changed", name, claimed ? claimed : "no name",
                   sender_id ? sender_id : "none");
      return NULL;
    }
  if (crypto_sign_verify_detached (sig, (const guint8 *) b->buf, body_len,
                                   b->sender->signing) != 0)
    {
      g_set_error (error, SL_BUNDLE_ERROR, SL_BUNDLE_ERROR_SIGNATURE,
                   "The bundle %s claims to come from %s (%s) but is not signed with its key: it "
                   "was altered or forged. Do not use it; ask %s for a new export. Nothing was "
                   "changed", name, b->sender->name, b->sender->id, b->sender->name);
      return NULL;
    }
  if (g_strcmp0 (recipient, me) != 0)
    {
      g_set_error (error, SL_BUNDLE_ERROR, SL_BUNDLE_ERROR_NOT_FOR_THIS_VAULT,
                   "The bundle %s from %s was made for another vault (%s), not this one (%s). "
                   "Import it there, or ask %s to export a bundle to this vault. Nothing was "
                   "changed", name, b->sender->name, recipient ? recipient : "none", me,
                   b->sender->name);
      return NULL;
    }

  b->clock = json_object_get_int_member_with_default (h, "clock", 0);
  if (for_import && b->clock <= b->sender->last_bundle)
    {
      g_autofree char *made = header_string (h, "created") ? g_strdup (header_string (h, "created")) : g_strdup ("?");

      g_set_error (error, SL_BUNDLE_ERROR, SL_BUNDLE_ERROR_REPLAYED,
                   b->clock == b->sender->last_bundle ?
                   "The bundle %s from %s (made %s) was imported already. Nothing was changed" :
                   "The bundle %s from %s (made %s) is older than the last one imported from it: "
                   "it is a replayed copy. Its changes are here already, or in that later "
                   "bundle. Nothing was changed", name, b->sender->name, made);
      return NULL;
    }

  /* Codebooks: the same codebook, in versions this vault holds or that
   * the bundle brings. */
  if (g_strcmp0 (cb_id, sl_codebook_get_id (book)) != 0)
    {
      g_set_error (error, SL_BUNDLE_ERROR, SL_BUNDLE_ERROR_CODEBOOK,
                   "The bundle %s was built with the codebook \"%s\", which this vault does not "
                   "use (it uses \"%s\"). Both vaults must belong to the same inquiry. Nothing "
                   "was changed", name, cb_id ? cb_id : "none", sl_codebook_get_id (book));
      return NULL;
    }
  b->codebooks = g_ptr_array_new_with_free_func (g_object_unref);
  if (json_object_has_member (h, "codebooks") &&
      JSON_NODE_HOLDS_ARRAY (json_object_get_member (h, "codebooks")))
    {
      JsonArray *arr = json_object_get_array_member (h, "codebooks");

      for (guint i = 0; i < json_array_get_length (arr); i++)
        {
          JsonNode *n = json_array_get_element (arr, i);
          JsonObject *o = JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;
          const char *text = o ? header_string (o, "json") : NULL;
          g_autoptr(GError) cb_error = NULL;
          SlCodebook *cb = text ? sl_codebook_new_from_data (text, -1, &cb_error) : NULL;

          if (cb == NULL || g_strcmp0 (sl_codebook_get_id (cb), cb_id) != 0)
            {
              g_set_error (error, SL_BUNDLE_ERROR, SL_BUNDLE_ERROR_CODEBOOK,
                           "The bundle %s brings a codebook that cannot be read (%s). Nothing "
                           "was changed", name, cb_error ? cb_error->message : "not the same codebook");
              g_clear_object (&cb);
              return NULL;
            }
          g_ptr_array_add (b->codebooks, cb);
        }
    }

  if (for_import && !parse_changes (b, b->sender->name, error))
    return NULL;
  return g_steal_pointer (&b);
}

/**
 * sl_vault_decrypt_bundle:
 * @self: an unlocked vault
 * @file: a bundle made for this vault
 * @error: return location for a #GError
 *
 * Decrypts a bundle and checks that a trusted peer signed it for this
 * vault, without importing it.
 *
 * Returns: (transfer full) (nullable): its plaintext
 */
GBytes *
sl_vault_decrypt_bundle (SlVault  *self,
                         GFile    *file,
                         GError  **error)
{
  g_autoptr(Bundle) b = NULL;

  g_return_val_if_fail (SL_IS_VAULT (self), NULL);

  if (!(b = bundle_open (self, file, FALSE, error)))
    return NULL;
  return g_bytes_ref (b->plain);
}

/**
 * sl_vault_dup_age_identity:
 * @self: an unlocked vault
 * @error: return location for a #GError
 *
 * This vault's age identity (`AGE-SECRET-KEY-1…`), with which the `age`
 * tool decrypts bundles made for it. It is a secret key: whoever holds it
 * can read every bundle sent to this vault.
 *
 * Returns: (transfer full) (nullable): the identity
 */
SlSecret *
sl_vault_dup_age_identity (SlVault  *self,
                           GError  **error)
{
  g_autoptr(SlSecret) x25519 = NULL;
  g_autoptr(SlSecret) ed25519 = NULL;

  g_return_val_if_fail (SL_IS_VAULT (self), NULL);

  if (!_sl_vault_load_device_keys (self, &x25519, &ed25519, error))
    return NULL;
  return sl_age_identity_to_string (x25519);
}

/* Import */

typedef struct
{
  gint64     no;
  char      *type;
  gboolean   is_new;
  gboolean   touched;   /* in summary->touched */
  GPtrArray *held;      /* SlMergeChange: all its changes, when new */
} RecordInfo;

static void
record_info_free (RecordInfo *r)
{
  g_clear_pointer (&r->held, g_ptr_array_unref);
  g_free (r->type);
  g_free (r);
}

static gint64
count_conflicts (SlTxn *txn)
{
  sqlite3_stmt *stmt = _sl_txn_stmt (txn, "SELECT count(*) FROM conflicts");

  return sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
}

static gboolean
history_error (GError     **error,
               const char  *sender,
               const char  *fmt,
               ...) G_GNUC_PRINTF (3, 4);

static gboolean
history_error (GError     **error,
               const char  *sender,
               const char  *fmt,
               ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, fmt);
  what = g_strdup_vprintf (fmt, args);
  va_end (args);
  g_set_error (error, SL_BUNDLE_ERROR, SL_BUNDLE_ERROR_HISTORY,
               "The bundle from %s does not fit this vault's history: %s. Nothing was changed. "
               "Ask %s to send every change again: on its Sync page, Export Every Change "
               "from the menu beside Export Bundle (or `sightline-cli bundle export --full`)",
               sender, what, sender);
  return FALSE;
}

static RecordInfo *
lookup_record (SlTxn       *txn,
               GHashTable  *records,
               const char  *id)
{
  RecordInfo *r = g_hash_table_lookup (records, id);
  sqlite3_stmt *stmt;

  if (r != NULL)
    return r;
  stmt = _sl_txn_stmt (txn, "SELECT no, type FROM records WHERE id = ?1");
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  r = g_new0 (RecordInfo, 1);
  r->no = sqlite3_column_int64 (stmt, 0);
  r->type = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  g_hash_table_insert (records, g_strdup (id), r);
  return r;
}

/* Authors' numbers, remembered for the import: a bundle names a few
 * authors many times. */
static gint64
author_no (SlTxn      *txn,
           GHashTable *authors,
           const char *name)
{
  gpointer no;
  gint64 ret;

  if (g_hash_table_lookup_extended (authors, name, NULL, &no))
    return GPOINTER_TO_SIZE (no);
  ret = _sl_txn_author_no (txn, name);
  g_hash_table_insert (authors, g_strdup (name), GSIZE_TO_POINTER ((gsize) ret));
  return ret;
}

static gboolean
stored_hash (SlTxn   *txn,
             gint64   device_no,
             gint64   seq,
             guint8  *out)
{
  sqlite3_stmt *stmt = _sl_txn_stmt (txn, "SELECT hash FROM changes WHERE device = ?1 AND "
                                     "device_seq = ?2");

  sqlite3_bind_int64 (stmt, 1, device_no);
  sqlite3_bind_int64 (stmt, 2, seq);
  if (sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_bytes (stmt, 0) != HASH_BYTES)
    return FALSE;
  memcpy (out, sqlite3_column_blob (stmt, 0), HASH_BYTES);
  return TRUE;
}

/* The codebook the records are merged under: the newest of the vault's and
 * the bundle's. */
static SlCodebook *
pick_codebook (SlVault     *self,
               Bundle      *b,
               SlCodebook **upgrade,
               const char  *name,
               GError     **error)
{
  SlCodebook *book = sl_vault_get_codebook (self);

  *upgrade = NULL;
  for (guint i = 0; i < b->codebooks->len; i++)
    {
      SlCodebook *cb = g_ptr_array_index (b->codebooks, i);

      if (sl_codebook_get_version (cb) > sl_codebook_get_version (*upgrade ? *upgrade : book))
        *upgrade = cb;
    }
  if (*upgrade != NULL)
    {
      g_autoptr(GPtrArray) problems = sl_codebook_check_upgrade (*upgrade, book);

      if (problems->len > 0)
        {
          g_set_error (error, SL_BUNDLE_ERROR, SL_BUNDLE_ERROR_CODEBOOK,
                       "The bundle %s brings version %" G_GINT64_FORMAT " of the codebook, which "
                       "cannot replace this vault's version %" G_GINT64_FORMAT " (%s). Nothing "
                       "was changed", name, sl_codebook_get_version (*upgrade),
                       sl_codebook_get_version (book), (char *) g_ptr_array_index (problems, 0));
          return NULL;
        }
      return *upgrade;
    }
  return book;
}

static gboolean
codebook_known (SlTxn      *txn,
                Bundle     *b,
                const char *id,
                gint64      version)
{
  sqlite3_stmt *stmt;

  for (guint i = 0; i < b->codebooks->len; i++)
    if (sl_codebook_get_version (g_ptr_array_index (b->codebooks, i)) == version)
      return TRUE;
  stmt = _sl_txn_stmt (txn, "SELECT 1 FROM codebooks WHERE id = ?1 AND version = ?2");
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, version);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

static int
by_clock (gconstpointer a,
          gconstpointer b)
{
  const BChange *x = *(BChange **) a;
  const BChange *y = *(BChange **) b;

  return x->hlc < y->hlc ? -1 : x->hlc > y->hlc;
}

/* Work an import hands to a second thread while this one writes; done
 * here and now when it is too small to be worth a thread, or none
 * starts. The work looks at stop now and then. */
typedef struct
{
  GThread *thread;
  gint     stop;
} Aside;

static void
aside_start (Aside       *aside,
             const char  *name,
             GThreadFunc  func,
             gpointer     data,
             gboolean     worth_a_thread)
{
  if (!worth_a_thread || !(aside->thread = g_thread_try_new (name, func, data, NULL)))
    func (data);
}

static void
aside_join (Aside *aside)
{
  if (aside->thread != NULL)
    g_thread_join (g_steal_pointer (&aside->thread));
}

static void
aside_stop (Aside *aside)
{
  g_atomic_int_set (&aside->stop, 1);
  aside_join (aside);
}

/* The hash chains are worked out on a second thread while this one
 * writes: the hashes of a large bundle take a good part of its import,
 * and need nothing from the vault but where each chain starts. */
typedef struct
{
  Bundle  *b;
  guint8  *hashes;   /* HASH_BYTES per change, in the bundle's order */
  Aside    aside;
} HashJob;

static gpointer
hash_chains (gpointer data)
{
  HashJob *job = data;
  Bundle *b = job->b;

  for (guint i = 0; i < b->sections->len; i++)
    {
      BSection *s = &g_array_index (b->sections, BSection, i);
      const guint8 *prev = s->has_start ? s->start_hash : NULL;

      for (guint k = 0; k < s->n; k++)
        {
          guint index = s->first + k;
          BChange *c = &g_array_index (b->changes, BChange, index);
          guint8 *hash = job->hashes + (gsize) index * HASH_BYTES;
          char clock[128];
          int len;

          if (k % PROGRESS_EVERY == 0 && g_atomic_int_get (&job->aside.stop))
            return NULL;
          /* As sl_hlc_to_string() writes it, without an allocation. */
          len = g_snprintf (clock, sizeof clock, "%015" G_GINT64_FORMAT ".%05u.%s",
                            c->hlc >> 16, (guint) (c->hlc & 0xffff), s->device);
          if (len >= (int) sizeof clock)
            {
              g_autofree char *text = sl_hlc_to_string (c->hlc, s->device);

              _sl_change_hash (s->device, c->seq, text, c->record, c->op, c->field, c->value,
                               c->author, c->codebook_version, c->base, prev, hash);
            }
          else
            _sl_change_hash (s->device, c->seq, clock, c->record, c->op, c->field, c->value,
                             c->author, c->codebook_version, c->base, prev, hash);
          prev = hash;
        }
    }
  return NULL;
}

static HashJob *
hash_job_start (Bundle *b)
{
  HashJob *job = g_new0 (HashJob, 1);

  job->b = b;
  job->hashes = g_malloc ((gsize) MAX (b->changes->len, 1) * HASH_BYTES);
  aside_start (&job->aside, "sl-bundle-hash", hash_chains, job,
               b->changes->len >= 2 * PROGRESS_EVERY);
  return job;
}

static void
hash_job_free (HashJob *job)
{
  aside_stop (&job->aside);
  g_free (job->hashes);
  g_free (job);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HashJob, hash_job_free)

/* A record the bundle creates, as it waits for its row. */
typedef struct
{
  BChange    *create;
  const char *type;
  RecordInfo *info;
  RecordInfo *parent;
} NewRecord;

/* What the new records will hold is worked out on another thread too,
 * from their changes alone, while this one writes the change log. */
typedef struct
{
  GArray       *fresh;   /* NewRecord */
  SlCodebook   *book;
  SlMergePlan **plans;   /* one per new record */
  GError       *error;
  Aside         aside;
} PlanJob;

static gpointer
plan_records (gpointer data)
{
  PlanJob *job = data;

  for (guint i = 0; i < job->fresh->len; i++)
    {
      NewRecord *n = &g_array_index (job->fresh, NewRecord, i);

      if (i % 1024 == 0 && g_atomic_int_get (&job->aside.stop))
        return NULL;
      job->plans[i] = _sl_merge_plan_new_record (job->book, n->create->record, n->info->held,
                                                 &job->error);
      if (job->plans[i] == NULL)
        return NULL;
    }
  return NULL;
}

static PlanJob *
plan_job_start (GArray     *fresh,
                SlCodebook *book)
{
  PlanJob *job = g_new0 (PlanJob, 1);

  job->fresh = fresh;
  job->book = book;
  job->plans = g_new0 (SlMergePlan *, MAX (fresh->len, 1));
  aside_start (&job->aside, "sl-bundle-plan", plan_records, job,
               fresh->len >= PROGRESS_EVERY / 8);
  return job;
}

/* Waits for the plans; FALSE, with the reason, if one could not be made. */
static gboolean
plan_job_wait (PlanJob  *job,
               GError  **error)
{
  aside_join (&job->aside);
  if (job->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&job->error));
      return FALSE;
    }
  return TRUE;
}

static void
plan_job_free (PlanJob *job)
{
  aside_stop (&job->aside);
  for (guint i = 0; i < job->fresh->len; i++)
    g_clear_pointer (&job->plans[i], _sl_merge_plan_free);
  g_free (job->plans);
  g_clear_error (&job->error);
  g_free (job);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlanJob, plan_job_free)

static gboolean
import_changes (SlTxn            *txn,
                Bundle           *b,
                SlCodebook       *book,
                SlBundleSummary  *summary,
                GHashTable       *records,
                SlProgressFunc    progress,
                gpointer          progress_data,
                GCancellable     *cancellable,
                GError          **error)
{
  g_autoptr(GHashTable) authors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) known_versions = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                                g_free, NULL);
  g_autoptr(GPtrArray) creates = g_ptr_array_new ();
  g_autoptr(GArray) fresh = g_array_new (FALSE, TRUE, sizeof (NewRecord));
  g_autofree RecordInfo **target = g_new0 (RecordInfo *, MAX (b->changes->len, 1));
  g_autofree SlMergeChange *held = g_new (SlMergeChange, MAX (b->changes->len, 1));
  g_autoptr(HashJob) job = NULL;
  g_autoptr(PlanJob) plans = NULL;
  const char *self_device = sl_vault_get_device_id (_sl_txn_get_vault (txn));
  const char *who = b->sender->name;
  RecordInfo *last_record = NULL;
  const char *last_id = NULL;
  const char *last_author = NULL;
  gint64 last_author_no = 0;
  gint64 last_version = G_MININT64;
  gint64 next_no = 0;
  guint64 done = 0;
  guint64 total = (guint64) b->changes->len * 2;
  sqlite3_stmt *stmt;

  /* Each device's chain as this vault holds it */
  for (guint i = 0; i < b->sections->len; i++)
    {
      BSection *s = &g_array_index (b->sections, BSection, i);

      stmt = _sl_txn_stmt (txn, "INSERT OR IGNORE INTO devices (id) VALUES (?1)");
      sqlite3_bind_text (stmt, 1, s->device, -1, SQLITE_STATIC);
      sqlite3_step (stmt);
      stmt = _sl_txn_stmt (txn, "SELECT no, last_seq, last_hash, last_hlc FROM devices "
                           "WHERE id = ?1");
      sqlite3_bind_text (stmt, 1, s->device, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        {
          _sl_set_error_from_db (error, _sl_txn_get_db (txn), SQLITE_ERROR,
                                 "The bundle could not be imported");
          return FALSE;
        }
      s->device_no = sqlite3_column_int64 (stmt, 0);
      s->last_seq = sqlite3_column_int64 (stmt, 1);
      s->has_last_hash = sqlite3_column_bytes (stmt, 2) == HASH_BYTES;
      if (s->has_last_hash)
        memcpy (s->last_hash, sqlite3_column_blob (stmt, 2), HASH_BYTES);
      s->last_hlc = sqlite3_column_int64 (stmt, 3);
      if (s->from > s->last_seq + 1)
        return history_error (error, who, "it continues device %.8s from its change %"
                              G_GINT64_FORMAT ", but this vault holds only up to change %"
                              G_GINT64_FORMAT ": the changes between are missing", s->device,
                              s->from, s->last_seq);
      if (g_str_equal (s->device, self_device) && s->to > s->last_seq)
        return history_error (error, who, "it holds changes of this vault (up to %"
                              G_GINT64_FORMAT ") that this vault never made (its last is %"
                              G_GINT64_FORMAT "); was this vault restored from an old copy?",
                              s->to, s->last_seq);
    }

  /* New records first, so that changes from any device can refer to them;
   * in clock order, so that a parent comes before the people in it. Their
   * rows are written once their changes are all known, below. */
  for (guint i = 0; i < b->sections->len; i++)
    {
      BSection *s = &g_array_index (b->sections, BSection, i);

      for (guint k = 0; k < s->n; k++)
        {
          BChange *c = &g_array_index (b->changes, BChange, s->first + k);

          if (c->seq > s->last_seq && g_str_equal (c->op, "create"))
            g_ptr_array_add (creates, c);
        }
    }
  g_ptr_array_sort (creates, by_clock);
  /* Their rows take the next numbers, so that the change log can name
   * them before they are written. */
  stmt = _sl_txn_stmt (txn, "SELECT coalesce(max(no), 0) FROM records");
  if (sqlite3_step (stmt) == SQLITE_ROW)
    next_no = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  for (guint i = 0; i < creates->len; i++)
    {
      BChange *c = g_ptr_array_index (creates, i);
      static const char * const wanted[] = { "type", "parent" };
      char *peeked[G_N_ELEMENTS (wanted)];
      g_autofree char *type = NULL;
      g_autofree char *parent_id = NULL;
      SlRecordType *rt;
      NewRecord n = { c, NULL, NULL, NULL };
      RecordInfo *r;

      /* The whole creation is read on the other thread (below). */
      if (!_sl_json_peek_strings (c->value, wanted, peeked, G_N_ELEMENTS (wanted)))
        {
          g_autoptr(JsonNode) create = _sl_json_parse (c->value, -1, NULL);
          JsonObject *obj = create && JSON_NODE_HOLDS_OBJECT (create) ?
                            json_node_get_object (create) : NULL;

          peeked[0] = g_strdup (obj ? header_string (obj, "type") : NULL);
          peeked[1] = g_strdup (obj ? header_string (obj, "parent") : NULL);
        }
      type = peeked[0];
      parent_id = peeked[1];
      if (type == NULL)
        return malformed (error, who, "a new record has no type");
      if ((rt = sl_codebook_lookup_type (book, type, NULL)) == NULL)
        {
          g_set_error (error, SL_BUNDLE_ERROR, SL_BUNDLE_ERROR_CODEBOOK,
                       "The bundle from %s creates records of type \"%s\", which this vault's "
                       "codebook (version %" G_GINT64_FORMAT ") does not have. Load the newer "
                       "codebook the secretariat issued, then import again. Nothing was changed",
                       who, type, sl_codebook_get_version (book));
          return FALSE;
        }
      if (lookup_record (txn, records, c->record) != NULL)
        return history_error (error, who, "it creates record %s, which this vault holds "
                              "already under another creation", c->record);
      if (parent_id != NULL && !(n.parent = lookup_record (txn, records, parent_id)))
        return history_error (error, who, "record %s belongs to record %s, which is in neither "
                              "the bundle nor this vault", c->record, parent_id);

      r = g_new0 (RecordInfo, 1);
      r->no = ++next_no;
      r->type = g_strdup (type);
      r->is_new = TRUE;
      r->held = g_ptr_array_new ();
      g_hash_table_insert (records, g_strdup (c->record), r);
      n.type = r->type;
      n.info = r;
      g_array_append_val (fresh, n);
      summary->n_new_records++;
      summary_type (summary, type)->n_new_records++;
    }

  /* The changes, each checked against its device's hash chain: where
   * each chain starts here, then the hashes on the second thread while
   * this one looks at what the changes touch. */
  for (guint i = 0; i < b->sections->len; i++)
    {
      BSection *s = &g_array_index (b->sections, BSection, i);

      if (s->from > 1)
        {
          if (s->from - 1 == s->last_seq && s->has_last_hash)
            memcpy (s->start_hash, s->last_hash, HASH_BYTES);
          else if (!stored_hash (txn, s->device_no, s->from - 1, s->start_hash))
            return history_error (error, who, "device %.8s's change %" G_GINT64_FORMAT
                                  " is missing here", s->device, s->from - 1);
          s->has_start = TRUE;
        }
    }
  job = hash_job_start (b);

  for (guint i = 0; i < b->sections->len; i++)
    {
      BSection *s = &g_array_index (b->sections, BSection, i);

      s->max_hlc = s->last_hlc;
      for (guint k = 0; k < s->n; k++)
        {
          guint index = s->first + k;
          BChange *c = &g_array_index (b->changes, BChange, index);
          RecordInfo *r;

          if (c->seq <= s->last_seq)
            goto next;   /* already here: checked against the hashes below */

          if (c->codebook_version != last_version &&
              !g_hash_table_contains (known_versions, &c->codebook_version))
            {
              if (!codebook_known (txn, b, sl_codebook_get_id (book), c->codebook_version))
                {
                  g_set_error (error, SL_BUNDLE_ERROR, SL_BUNDLE_ERROR_CODEBOOK,
                               "The bundle from %s holds changes made under version %"
                               G_GINT64_FORMAT " of the codebook, which this vault does not "
                               "have and the bundle does not bring. Ask the secretariat for "
                               "that codebook, load it, then import again. Nothing was changed",
                               who, c->codebook_version);
                  return FALSE;
                }
              g_hash_table_add (known_versions, g_memdup2 (&c->codebook_version, sizeof (gint64)));
            }
          last_version = c->codebook_version;

          /* A device's changes to one record often follow each other. */
          if (last_id != NULL && strcmp (last_id, c->record) == 0)
            r = last_record;
          else if (!(r = lookup_record (txn, records, c->record)))
            return history_error (error, who, "it changes record %s, whose creation is in neither "
                                  "the bundle nor this vault", c->record);
          last_id = c->record;
          last_record = r;

          target[index] = r;
          summary->n_new++;
          if (r->is_new)
            {
              SlMergeChange *m = &held[index];

              *m = (SlMergeChange) { s->device, c->seq, c->hlc, c->op, c->field, c->value,
                                     c->author, c->base };
              g_ptr_array_add (r->held, m);
            }
          if (!r->is_new && !g_str_equal (c->op, "create"))
            summary_type (summary, r->type)->n_edits++;
          if (g_str_equal (c->op, "delete") || g_str_equal (c->op, "undelete"))
            summary->n_deletions++;
          if (!r->touched)
            {
              r->touched = TRUE;
              g_ptr_array_add (summary->touched, g_strdup (c->record));
            }
          s->max_hlc = MAX (s->max_hlc, c->hlc);

        next:
          if (++done % PROGRESS_EVERY == 0)
            {
              report (progress, progress_data, 0.05 + 0.45 * (double) done / (double) MAX (total, 1));
              if (_sl_txn_cancelled (txn, cancellable, error))
                return FALSE;
            }
        }
    }

  /* What the new records will hold, worked out meanwhile. */
  plans = plan_job_start (fresh, book);

  /* The chains: the changes this vault holds already must be the very
   * same, and each chain must end where the bundle says it ends. */
  aside_join (&job->aside);
  for (guint i = 0; i < b->sections->len; i++)
    {
      BSection *s = &g_array_index (b->sections, BSection, i);
      const guint8 *end = job->hashes + (gsize) (s->first + s->n - 1) * HASH_BYTES;

      for (guint k = 0; k < s->n && s->from + k <= s->last_seq; k++)
        {
          guint8 mine[HASH_BYTES];

          if (!stored_hash (txn, s->device_no, s->from + k, mine) ||
              sodium_memcmp (mine, job->hashes + (gsize) (s->first + k) * HASH_BYTES,
                             HASH_BYTES) != 0)
            return history_error (error, who, "device %.8s's change %" G_GINT64_FORMAT
                                  " differs from the one this vault holds: that device's "
                                  "history was rewritten (restored from an old copy?)",
                                  s->device, s->from + k);
        }
      if (sodium_memcmp (end, s->end_hash, HASH_BYTES) != 0)
        return history_error (error, who, "device %.8s's changes do not end where the bundle "
                              "says they end", s->device);
      if (s->to > s->last_seq)
        {
          stmt = _sl_txn_stmt (txn, "UPDATE devices SET last_seq = ?2, last_hash = ?3, "
                               "last_hlc = max(last_hlc, ?4) WHERE no = ?1");
          sqlite3_bind_int64 (stmt, 1, s->device_no);
          sqlite3_bind_int64 (stmt, 2, s->to);
          sqlite3_bind_blob (stmt, 3, end, HASH_BYTES, SQLITE_STATIC);
          sqlite3_bind_int64 (stmt, 4, s->max_hlc);
          sqlite3_step (stmt);
        }
      _sl_txn_observe_clock (txn, s->max_hlc);
    }
  /* Then the changes themselves, in the bundle's order. */
  stmt = _sl_txn_stmt (txn, "INSERT INTO changes (device, device_seq, hlc, record, op, "
                       "field, value, author, codebook_version, hash, base) "
                       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
  done = b->changes->len;
  for (guint i = 0; i < b->sections->len; i++)
    {
      BSection *s = &g_array_index (b->sections, BSection, i);

      for (guint k = 0; k < s->n; k++)
        {
          guint index = s->first + k;
          BChange *c = &g_array_index (b->changes, BChange, index);
          RecordInfo *r = target[index];

          if (r != NULL)
            {
              if (c->author != last_author && (last_author == NULL ||
                                               strcmp (c->author, last_author) != 0))
                {
                  /* (The transaction leaves reference checks to this code.) */
                  if ((last_author_no = author_no (txn, authors, c->author)) == 0)
                    {
                      _sl_set_error_from_db (error, _sl_txn_get_db (txn), SQLITE_ERROR,
                                             "The bundle could not be imported");
                      return FALSE;
                    }
                  last_author = c->author;
                }
              sqlite3_reset (stmt);
              sqlite3_bind_int64 (stmt, 1, s->device_no);
              sqlite3_bind_int64 (stmt, 2, c->seq);
              sqlite3_bind_int64 (stmt, 3, c->hlc);
              sqlite3_bind_int64 (stmt, 4, r->no);
              sqlite3_bind_text (stmt, 5, c->op, -1, SQLITE_STATIC);
              sqlite3_bind_text (stmt, 6, c->field, -1, SQLITE_STATIC);
              sqlite3_bind_text (stmt, 7, c->value, -1, SQLITE_STATIC);
              sqlite3_bind_int64 (stmt, 8, last_author_no);
              sqlite3_bind_int64 (stmt, 9, c->codebook_version);
              sqlite3_bind_blob (stmt, 10, job->hashes + (gsize) index * HASH_BYTES, HASH_BYTES,
                                 SQLITE_STATIC);
              sqlite3_bind_text (stmt, 11, c->base, -1, SQLITE_STATIC);
              if (sqlite3_step (stmt) != SQLITE_DONE)
                {
                  _sl_set_error_from_db (error, _sl_txn_get_db (txn), SQLITE_ERROR,
                                         "The bundle could not be imported");
                  return FALSE;
                }
            }
          if (++done % PROGRESS_EVERY == 0)
            {
              report (progress, progress_data, 0.05 + 0.45 * (double) done / (double) MAX (total, 1));
              if (_sl_txn_cancelled (txn, cancellable, error))
                return FALSE;
            }
        }
    }

  /* The new records' rows, each whole with its values, in the order of
   * their numbers (a parent before the people in it). */
  if (!plan_job_wait (plans, error))
    return FALSE;
  for (guint i = 0; i < fresh->len; i++)
    {
      NewRecord *n = &g_array_index (fresh, NewRecord, i);
      SlNewRecord row = { n->type, n->parent ? n->parent->no : 0, n->create->codebook_version };

      if (!_sl_txn_write_new_record (txn, plans->plans[i], n->info->no, n->create->record, &row,
                                     error))
        return FALSE;
      g_clear_pointer (&plans->plans[i], _sl_merge_plan_free);
      g_clear_pointer (&n->info->held, g_ptr_array_unref);
    }
  return TRUE;
}

/* touched holds each record once, by id: the ones to merge. */
static gboolean
merge_records (SlTxn            *txn,
               SlCodebook       *book,
               SlBundleSummary  *summary,
               GHashTable       *records,
               SlProgressFunc    progress,
               gpointer          progress_data,
               GCancellable     *cancellable,
               GError          **error)
{
  for (guint i = 0; i < summary->touched->len; i++)
    {
      const char *id = g_ptr_array_index (summary->touched, i);
      RecordInfo *r = g_hash_table_lookup (records, id);

      /* The records the bundle created are merged already. */
      if (!r->is_new && !_sl_txn_merge_record (txn, book, r->no, id, error))
        return FALSE;
      if (i % PROGRESS_EVERY == PROGRESS_EVERY - 1)
        {
          report (progress, progress_data, 0.5 + 0.45 * (double) i / (double) summary->touched->len);
          if (_sl_txn_cancelled (txn, cancellable, error))
            return FALSE;
        }
    }
  return TRUE;
}

static void
record_acks (SlTxn  *txn,
             Bundle *b)
{
  JsonObject *h = json_node_get_object (b->header);
  JsonObject *have = json_object_has_member (h, "have") &&
                     JSON_NODE_HOLDS_OBJECT (json_object_get_member (h, "have")) ?
                     json_object_get_object_member (h, "have") : NULL;
  g_autoptr(GList) members = have ? json_object_get_members (have) : NULL;
  sqlite3_stmt *stmt;

  for (GList *l = members; l; l = l->next)
    {
      /* (SQLCipher's SQLite predates UPSERT.) */
      stmt = _sl_txn_stmt (txn, "INSERT OR IGNORE INTO peer_acks (peer, device, seq) "
                           "VALUES (?1, ?2, 0)");
      sqlite3_bind_text (stmt, 1, b->sender->id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, l->data, -1, SQLITE_STATIC);
      sqlite3_step (stmt);
      stmt = _sl_txn_stmt (txn, "UPDATE peer_acks SET seq = max(seq, ?3) "
                           "WHERE peer = ?1 AND device = ?2");
      sqlite3_bind_text (stmt, 1, b->sender->id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, l->data, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, json_object_get_int_member (have, l->data));
      sqlite3_step (stmt);
    }
  stmt = _sl_txn_stmt (txn, "UPDATE peers SET last_bundle = ?2 WHERE id = ?1");
  sqlite3_bind_text (stmt, 1, b->sender->id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, b->clock);
  sqlite3_step (stmt);
}

/**
 * sl_vault_import_bundle:
 * @self: an unlocked vault
 * @file: a bundle made for this vault
 * @dry_run: work out what would change, and change nothing
 * @progress: (nullable): called as the work goes on
 * @progress_data: data for @progress
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Checks the bundle (who made it, for whom, that it is new and whole, that
 * it continues this vault's history) and merges its changes field by
 * field, in one transaction: all of it, or, on any refusal, nothing.
 *
 * Returns: (transfer full) (nullable): what changed (or would change)
 */
SlBundleSummary *
sl_vault_import_bundle (SlVault         *self,
                        GFile           *file,
                        gboolean         dry_run,
                        SlProgressFunc   progress,
                        gpointer         progress_data,
                        GCancellable    *cancellable,
                        GError         **error)
{
  g_autoptr(SlBundleSummary) summary = summary_new ();
  g_autoptr(GHashTable) records = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                         (GDestroyNotify) record_info_free);
  g_autoptr(Bundle) b = NULL;
  g_autofree char *name = g_file_get_basename (file);
  g_autoptr(GPtrArray) touched = NULL;
  SlCodebook *upgrade = NULL;
  SlCodebook *book;
  JsonObject *h;
  gint64 conflicts_before;
  gboolean ok;
  SlTxn *txn;

  g_return_val_if_fail (SL_IS_VAULT (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  report (progress, progress_data, 0.0);
  if (!(b = bundle_open (self, file, TRUE, error)) ||
      !(book = pick_codebook (self, b, &upgrade, name, error)))
    return NULL;
  h = json_node_get_object (b->header);
  summary->peer_id = g_strdup (b->sender->id);
  summary->peer_name = g_strdup (b->sender->name);
  summary->created = g_strdup (header_string (h, "created"));
  summary->n_changes = b->changes->len;
  if (upgrade != NULL)
    summary->codebook = g_strdup_printf ("%s %" G_GINT64_FORMAT, sl_codebook_get_id (upgrade),
                                         sl_codebook_get_version (upgrade));
  report (progress, progress_data, 0.05);

  /* A large bundle touches pages all over the log's indexes: a page cache
   * in step with its size (about what the changes take in the vault, up to
   * 512 MiB, for this import only) keeps SQLCipher from writing pages out
   * and reading them back, encrypting and decrypting them each time. Set
   * before the transaction starts, or it does not take. */
  {
    gint64 kib = CLAMP ((gint64) b->changes->len * CACHE_BYTES_PER_CHANGE / 1024,
                        -SL_VAULT_CACHE_SIZE, 524288);
    g_autofree char *pragma = g_strdup_printf ("PRAGMA cache_size = -%" G_GINT64_FORMAT, kib);

    _sl_vault_exec (self, pragma, NULL);
  }
  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !(txn = _sl_txn_begin_bulk (self, error)))
    {
      _sl_vault_exec (self, "PRAGMA cache_size = " G_STRINGIFY (SL_VAULT_CACHE_SIZE), NULL);
      return NULL;
    }

  /* Checked again inside the transaction: another import may have taken
   * a later bundle from the same sender meanwhile. */
  {
    sqlite3_stmt *stmt = _sl_txn_stmt (txn, "SELECT last_bundle FROM peers WHERE id = ?1");

    sqlite3_bind_text (stmt, 1, b->sender->id, -1, SQLITE_STATIC);
    if (sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_int64 (stmt, 0) >= b->clock)
      {
        g_set_error (error, SL_BUNDLE_ERROR, SL_BUNDLE_ERROR_REPLAYED,
                     "The bundle %s from %s was imported already. Nothing was changed",
                     name, b->sender->name);
        _sl_txn_rollback (txn);
        return NULL;
      }
  }


  conflicts_before = count_conflicts (txn);
  ok = import_changes (txn, b, book, summary, records, progress, progress_data, cancellable, error);
  ok = ok &&
       merge_records (txn, book, summary, records, progress, progress_data, cancellable, error);
  if (ok && upgrade != NULL)
    ok = _sl_db_store_codebook (_sl_txn_get_db (txn), upgrade, error);
  if (ok)
    {
      gint64 after = count_conflicts (txn);

      summary->n_conflicts = after > conflicts_before ? (guint) (after - conflicts_before) : 0;
      record_acks (txn, b);
    }

  if (!ok || dry_run)
    {
      _sl_txn_rollback (txn);
      _sl_vault_exec (self, "PRAGMA cache_size = " G_STRINGIFY (SL_VAULT_CACHE_SIZE), NULL);
      if (!ok)
        return NULL;
      report (progress, progress_data, 1.0);
      return g_steal_pointer (&summary);
    }
  ok = _sl_txn_commit (txn, NULL, error);
  _sl_vault_exec (self, "PRAGMA cache_size = " G_STRINGIFY (SL_VAULT_CACHE_SIZE), NULL);
  if (!ok)
    return NULL;
  if (upgrade != NULL)
    _sl_vault_adopt_codebook (self, upgrade);
  /* Views learn of records changed, and of conflicts (an empty list). */
  touched = g_ptr_array_new_full (summary->touched->len, g_free);
  for (guint i = 0; i < summary->touched->len; i++)
    g_ptr_array_add (touched, g_strdup (g_ptr_array_index (summary->touched, i)));
  if (touched->len > 0)
    _sl_vault_emit_records_changed (self, touched);
  report (progress, progress_data, 1.0);
  return g_steal_pointer (&summary);
}

/**
 * sl_vault_forget_peer_acks:
 * @self: an unlocked vault
 * @peer_id: a trusted peer
 * @error: return location for a #GError
 *
 * Forgets what @peer_id is known to hold, so that the next bundle to it
 * carries everything: for a peer restored from an old copy.
 *
 * Returns: %TRUE on success
 */
gboolean
sl_vault_forget_peer_acks (SlVault     *self,
                           const char  *peer_id,
                           GError     **error)
{
  sqlite3_stmt *stmt;
  SlTxn *txn;

  g_return_val_if_fail (SL_IS_VAULT (self), FALSE);

  if (!(txn = _sl_txn_begin (self, error)))
    return FALSE;
  stmt = _sl_txn_stmt (txn, "DELETE FROM peer_acks WHERE peer = ?1");
  sqlite3_bind_text (stmt, 1, peer_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      _sl_set_error_from_db (error, _sl_txn_get_db (txn), SQLITE_ERROR,
                             "The vault could not be changed");
      _sl_txn_rollback (txn);
      return FALSE;
    }
  return _sl_txn_commit (txn, NULL, error);
}
