/* test-bundle.c
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

#include <glib/gstdio.h>
#include <signal.h>
#include <sodium.h>
#include <string.h>
#include <sys/wait.h>

#include "sl-age.h"
#include "sl-bundle.h"
#include "sl-change-log.h"
#include "sl-codebook.h"
#include "sl-identity.h"
#include "sl-json-private.h"
#include "sl-record.h"
#include "sl-test-utils.h"
#include "sl-vault-private.h"

/* A vault with its peer id */
typedef struct
{
  char    *name;
  char    *path;
  SlVault *vault;
  char    *peer_id;
} Device;

static void
device_free (Device *d)
{
  g_free (d->name);
  g_free (d->path);
  g_clear_object (&d->vault);
  g_free (d->peer_id);
  g_free (d);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Device, device_free)

static Device *
device_new (const char *tmpdir,
            const char *name)
{
  Device *d = g_new0 (Device, 1);
  g_autofree char *folder = g_strdup_printf ("%s.sightline", name);
  g_autofree char *card = NULL;
  g_autoptr(SlPeer) me = NULL;
  g_autoptr(GError) error = NULL;

  d->name = g_strdup (name);
  d->path = g_build_filename (tmpdir, folder, NULL);
  d->vault = sl_test_create_vault (tmpdir, folder, SL_TEST_PASSPHRASE);
  sl_vault_set_author (d->vault, name);
  card = sl_vault_dup_identity_card (d->vault, name, &error);
  g_assert_no_error (error);
  me = sl_identity_parse_card (card, &error);
  g_assert_no_error (error);
  d->peer_id = g_strdup (me->id);
  return d;
}

static void
trust (Device *a,
       Device *b)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *card_a = sl_vault_dup_identity_card (a->vault, a->name, &error);
  g_autofree char *card_b = sl_vault_dup_identity_card (b->vault, b->name, &error);
  g_autoptr(SlPeer) pa = NULL;
  g_autoptr(SlPeer) pb = NULL;

  pb = sl_vault_add_peer (a->vault, card_b, &error);
  g_assert_no_error (error);
  pa = sl_vault_add_peer (b->vault, card_a, &error);
  g_assert_no_error (error);
}

static GFile *
bundle_file (const char *tmpdir,
             const char *name)
{
  g_autofree char *path = g_build_filename (tmpdir, name, NULL);

  return g_file_new_for_path (path);
}

static void
export_to (Device *from,
           Device *to,
           GFile  *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlBundleSummary) s = sl_vault_export_bundle (from->vault, to->peer_id, file, NULL,
                                                         NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (s);
}

/* Every row refers to rows that exist (an import writes without SQLite's
 * check of each reference, and makes sure of it itself), and the check is
 * back on for what follows. */
static void
assert_references (SlVault *vault)
{
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db;

  _sl_vault_lock_db (vault);
  db = _sl_vault_get_db (vault);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA foreign_key_check", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_error ("table %s, row %" G_GINT64_FORMAT ": a reference to a missing row of %s",
             sqlite3_column_text (stmt, 0), (gint64) sqlite3_column_int64 (stmt, 1),
             sqlite3_column_text (stmt, 2));
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA foreign_keys", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  sqlite3_finalize (stmt);
  _sl_vault_unlock_db (vault);
}

static SlBundleSummary *
import_ok (Device *into,
           GFile  *file)
{
  g_autoptr(GError) error = NULL;
  SlBundleSummary *s = sl_vault_import_bundle (into->vault, file, FALSE, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (s);
  assert_references (into->vault);
  return s;
}

/* Export from @from to @to and import there. */
static void
sync_one_way (const char *tmpdir,
              Device     *from,
              Device     *to)
{
  static guint n;
  g_autofree char *name = g_strdup_printf ("sync-%u.slbundle", n++);
  g_autoptr(GFile) file = bundle_file (tmpdir, name);
  g_autoptr(SlBundleSummary) s = NULL;

  export_to (from, to, file);
  s = import_ok (to, file);
  g_file_delete (file, NULL, NULL);
}

static char *
add (SlVault     *vault,
     const char  *type,
     const char  *parent,
     ...)
{
  g_autoptr(GPtrArray) assignments = g_ptr_array_new ();
  g_autoptr(GHashTable) values = NULL;
  g_autoptr(GError) error = NULL;
  SlRecordType *rt = sl_codebook_lookup_type (sl_vault_get_codebook (vault), type, NULL);
  const char *a;
  va_list args;
  char *id;

  va_start (args, parent);
  while ((a = va_arg (args, const char *)))
    g_ptr_array_add (assignments, (gpointer) a);
  va_end (args);
  g_ptr_array_add (assignments, NULL);
  values = sl_values_from_assignments (rt, (const char * const *) assignments->pdata, &error);
  g_assert_no_error (error);
  id = sl_vault_add_record (vault, type, parent, values, &error);
  g_assert_no_error (error);
  return id;
}

static void
edit (SlVault    *vault,
      const char *id,
      const char *assignment)
{
  g_autoptr(SlRecord) record = sl_vault_load_record (vault, id, NULL);
  SlRecordType *rt = sl_codebook_lookup_type (sl_vault_get_codebook (vault),
                                              sl_record_get_record_type (record), NULL);
  const char *list[] = { assignment, NULL };
  g_autoptr(GHashTable) values = NULL;
  g_autoptr(GError) error = NULL;

  values = sl_values_from_assignments (rt, list, &error);
  g_assert_no_error (error);
  g_assert_true (sl_vault_edit_record (vault, id, values, &error));
  g_assert_no_error (error);
}

static char *
value_text (SlVault    *vault,
            const char *id,
            const char *field)
{
  g_autoptr(SlRecord) record = sl_vault_load_record (vault, id, NULL);
  JsonNode *v;

  g_assert_nonnull (record);
  v = sl_record_get_value (record, field);
  return v ? sl_value_to_json (v) : NULL;
}

static void
assert_audit_clean (SlVault *vault)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlAuditReport) report = sl_vault_audit_sync (vault, NULL, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < report->problems->len; i++)
    g_printerr ("audit: %s\n", (char *) g_ptr_array_index (report->problems, i));
  g_assert_cmpuint (report->problems->len, ==, 0);
}

/* The vault as a person sees it: every record (type, parent, deleted,
 * values) and every conflict, in a stable order. */
static char *
dump (SlVault *vault)
{
  GString *out = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db;

  _sl_vault_lock_db (vault);
  db = _sl_vault_get_db (vault);
  sqlite3_prepare_v2 (db, "SELECT r.id, r.type, p.id, r.deleted, r.title, "
                      "(SELECT group_concat(field || '=' || value, '|') FROM "
                      "  (SELECT field, value FROM record_values WHERE record = r.no ORDER BY field)), "
                      "(SELECT group_concat(field, '|') FROM "
                      "  (SELECT field FROM conflicts WHERE record = r.no ORDER BY field)) "
                      "FROM records r LEFT JOIN records p ON p.no = r.parent ORDER BY r.id",
                      -1, &stmt, NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (out, "%s %s parent=%s deleted=%d title=%s values=%s conflicts=%s\n",
                            sqlite3_column_text (stmt, 0), sqlite3_column_text (stmt, 1),
                            sqlite3_column_text (stmt, 2), sqlite3_column_int (stmt, 3),
                            sqlite3_column_text (stmt, 4), sqlite3_column_text (stmt, 5),
                            sqlite3_column_text (stmt, 6));
  sqlite3_finalize (stmt);
  _sl_vault_unlock_db (vault);
  return g_string_free (out, FALSE);
}

static void
test_round_trip (void)
{
  g_autofree char *tmpdir = sl_test_make_tmpdir ();
  g_autoptr(Device) laptop = device_new (tmpdir, "laptop");
  g_autoptr(Device) office = device_new (tmpdir, "office");
  g_autoptr(GFile) first = bundle_file (tmpdir, "first.slbundle");
  g_autoptr(GFile) back = bundle_file (tmpdir, "back.slbundle");
  g_autoptr(GFile) again = bundle_file (tmpdir, "again.slbundle");
  g_autoptr(SlBundleSummary) dry = NULL;
  g_autoptr(SlBundleSummary) s = NULL;
  g_autoptr(SlBundleSummary) s2 = NULL;
  g_autoptr(SlBundleSummary) s3 = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sub = NULL;
  g_autofree char *v1 = NULL;
  g_autofree char *v2 = NULL;
  g_autofree char *age = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *on_laptop = NULL;
  g_autofree char *on_office = NULL;
  g_autoptr(GBytes) raw = NULL;

  trust (laptop, office);
  sub = add (laptop->vault, "submission", NULL, "reference=CFE-001",
             "organisation_name=Northshire Police", "organisation_type=Police",
             "date_received=14 May 2011", NULL);
  v1 = add (laptop->vault, "victim", sub, "label=Child A", "age=14", "gender=female", NULL);
  v2 = add (laptop->vault, "victim", sub, "label=Child B", "age=15", NULL);
  edit (laptop->vault, v1, "age=13");

  export_to (laptop, office, first);

  /* The file is an age file and holds nothing in clear. */
  raw = g_file_load_bytes (first, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (g_bytes_get_data (raw, NULL), "age-encryption.org/v1\n"));
  g_assert_null (memmem (g_bytes_get_data (raw, NULL), g_bytes_get_size (raw), "Northshire", 10));
  g_assert_null (memmem (g_bytes_get_data (raw, NULL), g_bytes_get_size (raw), "Child A", 7));

  /* A dry run tells what would change and changes nothing. */
  before = dump (office->vault);
  dry = sl_vault_import_bundle (office->vault, first, TRUE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dry->n_changes, ==, 4);
  g_assert_cmpuint (dry->n_new, ==, 4);
  g_assert_cmpuint (dry->n_new_records, ==, 3);
  g_assert_cmpstr (dry->peer_name, ==, "laptop");
  g_assert_cmpuint (dry->by_type->len, ==, 2);
  after = dump (office->vault);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpstr (before, ==, "");

  s = import_ok (office, first);
  g_assert_cmpuint (s->n_new_records, ==, 3);
  age = value_text (office->vault, v1, "age");
  g_assert_cmpstr (age, ==, "13");
  assert_audit_clean (office->vault);

  /* Back: the office edits; the laptop receives only what it lacks. */
  edit (office->vault, v2, "age=16");
  export_to (office, laptop, back);
  s2 = import_ok (laptop, back);
  g_assert_cmpuint (s2->n_changes, ==, 1);
  g_assert_cmpuint (s2->n_new, ==, 1);
  g_clear_pointer (&age, g_free);
  age = value_text (laptop->vault, v2, "age");
  g_assert_cmpstr (age, ==, "16");

  /* The laptop now knows the office holds its four changes: nothing to
   * send but the office's own, which it holds too. */
  export_to (laptop, office, again);
  s3 = import_ok (office, again);
  g_assert_cmpuint (s3->n_new, ==, 0);

  on_laptop = dump (laptop->vault);
  on_office = dump (office->vault);
  g_assert_cmpstr (on_laptop, ==, on_office);
  assert_audit_clean (laptop->vault);
  assert_audit_clean (office->vault);

  sl_test_remove_tree (tmpdir);
}

static void
test_concurrent_edits (void)
{
  g_autofree char *tmpdir = sl_test_make_tmpdir ();
  g_autoptr(Device) a = device_new (tmpdir, "laptop-a");
  g_autoptr(Device) b = device_new (tmpdir, "laptop-b");
  g_autoptr(Device) office = device_new (tmpdir, "office");
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sub = NULL;
  g_autofree char *v = NULL;
  g_autofree char *age = NULL;
  g_autofree char *gender = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *on_a = NULL;
  g_autofree char *on_b = NULL;
  g_autofree char *on_office = NULL;
  SlConflict *c;

  trust (a, office);
  trust (b, office);
  sub = add (office->vault, "submission", NULL, "reference=CFE-002", NULL);
  v = add (office->vault, "victim", sub, "label=Child C", "age=12", NULL);
  sync_one_way (tmpdir, office, a);
  sync_one_way (tmpdir, office, b);

  /* Different fields of one record: no conflict, both kept. */
  edit (a->vault, v, "age=13");
  edit (b->vault, v, "gender=male");
  sync_one_way (tmpdir, a, office);
  sync_one_way (tmpdir, b, office);
  age = value_text (office->vault, v, "age");
  gender = value_text (office->vault, v, "gender");
  g_assert_cmpstr (age, ==, "13");
  g_assert_cmpstr (gender, ==, "\"male\"");
  g_assert_cmpuint (sl_vault_count_conflicts (office->vault), ==, 0);

  /* The same field, without either knowing: a conflict, both values kept. */
  sync_one_way (tmpdir, office, a);
  sync_one_way (tmpdir, office, b);
  edit (a->vault, v, "age=14");
  edit (b->vault, v, "age=15");
  sync_one_way (tmpdir, a, office);
  sync_one_way (tmpdir, b, office);
  g_assert_cmpuint (sl_vault_count_conflicts (office->vault), ==, 1);
  conflicts = sl_vault_list_conflicts (office->vault, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 1);
  c = g_ptr_array_index (conflicts, 0);
  g_assert_cmpstr (c->record, ==, v);
  g_assert_cmpstr (c->field, ==, "age");
  g_assert_cmpstr (c->label, ==, "Age");
  g_assert_cmpuint (c->values->len, ==, 2);
  /* The latest is in force, and listed first; both name who and where. */
  g_assert_cmpstr (((SlConflictValue *) g_ptr_array_index (c->values, 0))->value, ==, "15");
  g_assert_cmpstr (((SlConflictValue *) g_ptr_array_index (c->values, 0))->author, ==, "laptop-b");
  g_assert_cmpstr (((SlConflictValue *) g_ptr_array_index (c->values, 1))->value, ==, "14");
  g_assert_cmpstr (((SlConflictValue *) g_ptr_array_index (c->values, 1))->author, ==, "laptop-a");
  g_clear_pointer (&age, g_free);
  age = value_text (office->vault, v, "age");
  g_assert_cmpstr (age, ==, "15");

  /* The laptops see the same conflict once they hear of the other edit. */
  sync_one_way (tmpdir, office, a);
  g_assert_cmpuint (sl_vault_count_conflicts (a->vault), ==, 1);

  /* A wrong choice is refused; the right one settles it, and syncs. */
  g_assert_false (sl_vault_resolve_conflict (office->vault, v, "age", "nonsense", &error));
  g_assert_error (error, SL_BUNDLE_ERROR, SL_BUNDLE_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_true (sl_vault_resolve_conflict (office->vault, v, "age",
                                            ((SlConflictValue *) g_ptr_array_index (c->values, 1))->clock,
                                            &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sl_vault_count_conflicts (office->vault), ==, 0);
  kept = value_text (office->vault, v, "age");
  g_assert_cmpstr (kept, ==, "14");
  sync_one_way (tmpdir, office, a);
  sync_one_way (tmpdir, office, b);
  g_assert_cmpuint (sl_vault_count_conflicts (a->vault), ==, 0);
  g_assert_cmpuint (sl_vault_count_conflicts (b->vault), ==, 0);

  /* A deletion that did not know of an edit is a conflict too. */
  edit (a->vault, v, "label=Child C (renamed)");
  g_assert_true (sl_vault_delete_record (b->vault, v, &error));
  sync_one_way (tmpdir, a, office);
  sync_one_way (tmpdir, b, office);
  g_clear_pointer (&conflicts, g_ptr_array_unref);
  conflicts = sl_vault_list_conflicts (office->vault, &error);
  g_assert_cmpuint (conflicts->len, ==, 1);
  c = g_ptr_array_index (conflicts, 0);
  g_assert_cmpstr (c->field, ==, "");
  g_assert_cmpstr (((SlConflictValue *) g_ptr_array_index (c->values, 0))->op, ==, "delete");
  g_assert_cmpstr (((SlConflictValue *) g_ptr_array_index (c->values, 1))->op, ==, "set");
  /* Keep the record: an undeletion, with the edit. */
  g_assert_true (sl_vault_resolve_conflict (office->vault, v, "",
                                            ((SlConflictValue *) g_ptr_array_index (c->values, 1))->clock,
                                            &error));
  g_assert_no_error (error);
  {
    g_autoptr(SlRecord) r = sl_vault_load_record (office->vault, v, NULL);

    g_assert_false (sl_record_get_deleted (r));
    g_assert_cmpstr (sl_record_get_title (r), ==, "Child C (renamed)");
  }

  /* After a full round every vault shows the same records. */
  sync_one_way (tmpdir, office, a);
  sync_one_way (tmpdir, office, b);
  sync_one_way (tmpdir, a, office);
  sync_one_way (tmpdir, b, office);
  sync_one_way (tmpdir, office, a);
  sync_one_way (tmpdir, office, b);
  on_a = dump (a->vault);
  on_b = dump (b->vault);
  on_office = dump (office->vault);
  g_assert_cmpstr (on_a, ==, on_office);
  g_assert_cmpstr (on_b, ==, on_office);
  assert_audit_clean (a->vault);
  assert_audit_clean (b->vault);
  assert_audit_clean (office->vault);

  sl_test_remove_tree (tmpdir);
}

/* The secretariat's newer codebook reaches the laptops in its bundles. */
static void
test_codebook_update (void)
{
  g_autofree char *tmpdir = sl_test_make_tmpdir ();
  g_autoptr(Device) laptop = device_new (tmpdir, "laptop");
  g_autoptr(Device) office = device_new (tmpdir, "office");
  g_autoptr(GFile) file = bundle_file (tmpdir, "update.slbundle");
  g_autoptr(SlBundleSummary) dry = NULL;
  g_autoptr(SlBundleSummary) s = NULL;
  g_autoptr(SlCodebook) v2 = NULL;
  g_autoptr(GError) error = NULL;
  const char *json = sl_codebook_get_json (sl_vault_get_codebook (office->vault));
  g_auto(GStrv) parts = g_strsplit (json, "\"version\": 1", 2);
  g_autofree char *text = g_strjoinv ("\"version\": 2", parts);
  g_autofree char *sub = NULL;

  trust (laptop, office);
  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  v2 = sl_codebook_new_from_data (text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (sl_vault_install_codebook (office->vault, v2, &error));
  sub = add (office->vault, "submission", NULL, "reference=CFE-006", NULL);
  export_to (office, laptop, file);

  /* A dry run names the update and puts nothing in force. */
  dry = sl_vault_import_bundle (laptop->vault, file, TRUE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (dry->codebook);
  g_assert_cmpint (sl_codebook_get_version (sl_vault_get_codebook (laptop->vault)), ==, 1);

  s = import_ok (laptop, file);
  g_assert_cmpstr (s->codebook, ==, dry->codebook);
  g_assert_cmpint (sl_codebook_get_version (sl_vault_get_codebook (laptop->vault)), ==, 2);

  /* ...and is still in force after the vault is locked and opened again. */
  sl_vault_lock (laptop->vault);
  {
    g_autoptr(SlSecret) pass = sl_test_secret (SL_TEST_PASSPHRASE);

    g_assert_true (sl_vault_unlock_sync (laptop->vault, pass, NULL, &error));
  }
  g_assert_cmpint (sl_codebook_get_version (sl_vault_get_codebook (laptop->vault)), ==, 2);
  {
    g_autoptr(SlRecord) r = sl_vault_load_record (laptop->vault, sub, NULL);

    g_assert_nonnull (r);
  }
  assert_audit_clean (laptop->vault);
  sl_test_remove_tree (tmpdir);
}

/* Refusals */

/* Signs @body with @device's own key and seals it for @to, as a bundle. */
static void
write_crafted (Device     *signer,
               Device     *to,
               const char *body,
               GFile      *file)
{
  g_autoptr(SlSecret) x = NULL;
  g_autoptr(SlSecret) e = NULL;
  g_autoptr(GString) text = g_string_new (body);
  g_autoptr(GPtrArray) recipients = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GBytes) plain = NULL;
  g_autoptr(GBytes) sealed = NULL;
  g_autoptr(SlSecret) to_x = NULL;
  g_autoptr(SlSecret) to_e = NULL;
  g_autoptr(GError) error = NULL;
  guint8 sig[crypto_sign_BYTES];
  char b64[sodium_base64_ENCODED_LEN (crypto_sign_BYTES, sodium_base64_VARIANT_ORIGINAL)];

  g_assert_true (_sl_vault_load_device_keys (signer->vault, &x, &e, &error));
  g_assert_true (_sl_vault_load_device_keys (to->vault, &to_x, &to_e, &error));
  crypto_sign_detached (sig, NULL, (const guint8 *) text->str, text->len, sl_secret_get_data (e));
  sodium_bin2base64 (b64, sizeof b64, sig, sizeof sig, sodium_base64_VARIANT_ORIGINAL);
  g_string_append_printf (text, "signature\t%s\n", b64);
  g_ptr_array_add (recipients, sl_age_identity_to_recipient (to_x));
  plain = g_bytes_new (text->str, text->len);
  sealed = sl_age_encrypt (plain, recipients, NULL, FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_replace_contents (file, g_bytes_get_data (sealed, NULL),
                                          g_bytes_get_size (sealed), NULL, FALSE, 0, NULL, NULL,
                                          &error));
}

/* The body of a real bundle (decrypted by its receiver), without its
 * signature line. */
static char *
body_of (Device *receiver,
         GFile  *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) plain = sl_vault_decrypt_bundle (receiver->vault, file, &error);
  g_autofree char *text = NULL;
  char *sig;

  g_assert_no_error (error);
  text = g_strndup (g_bytes_get_data (plain, NULL), g_bytes_get_size (plain));
  sig = strstr (text, "\nsignature\t");
  g_assert_nonnull (sig);
  sig[1] = '\0';
  return g_steal_pointer (&text);
}

static char *
replace_once (const char *text,
              const char *from,
              const char *to)
{
  const char *at = strstr (text, from);

  g_assert_nonnull (at);
  return g_strdup_printf ("%.*s%s%s", (int) (at - text), text, to, at + strlen (from));
}

/* The vault's files while it is open. The -shm file is left out: it is
 * SQLite's shared-memory index of the WAL, which every read touches and
 * which is deleted on close; it holds no data. */
static GHashTable *
snapshot_open_vault (const char *path)
{
  GHashTable *snap = sl_test_snapshot (path);
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, snap);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (g_str_has_suffix (key, "-shm"))
      g_hash_table_iter_remove (&iter);
  return snap;
}

static void
assert_refused (Device     *into,
                GFile      *file,
                int         code,
                const char *message_part)
{
  g_autoptr(GHashTable) before = snapshot_open_vault (into->path);
  g_autoptr(GHashTable) after = NULL;
  g_autofree char *dump_before = dump (into->vault);
  g_autofree char *dump_after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SlBundleSummary) s = sl_vault_import_bundle (into->vault, file, FALSE, NULL, NULL,
                                                         NULL, &error);

  g_assert_null (s);
  /* A damaged key stanza cannot be told from one for another vault. */
  if (code == -1)
    g_assert_true (g_error_matches (error, SL_BUNDLE_ERROR, SL_BUNDLE_ERROR_DAMAGED) ||
                   g_error_matches (error, SL_BUNDLE_ERROR, SL_BUNDLE_ERROR_NOT_FOR_THIS_VAULT));
  else
    g_assert_error (error, SL_BUNDLE_ERROR, code);
  if (g_test_verbose ())
    g_printerr ("refused: %s\n", error->message);
  g_assert_nonnull (strstr (error->message, message_part));
  g_assert_nonnull (strstr (error->message, "Nothing was changed"));
  dump_after = dump (into->vault);
  g_assert_cmpstr (dump_before, ==, dump_after);
  assert_references (into->vault);
  after = snapshot_open_vault (into->path);
  sl_test_assert_snapshot_equal (before, after);
}

/* Text with tabs, line breaks and backslashes arrives as it was written. */
static void
test_escapes (void)
{
  g_autofree char *tmpdir = sl_test_make_tmpdir ();
  g_autoptr(Device) laptop = device_new (tmpdir, "laptop");
  g_autoptr(Device) office = device_new (tmpdir, "office");
  g_autofree char *sub = NULL;
  g_autofree char *v = NULL;
  g_autofree char *on_laptop = NULL;
  g_autofree char *on_office = NULL;
  g_autofree char *dump_laptop = NULL;
  g_autofree char *dump_office = NULL;

  trust (laptop, office);
  /* Values travel as JSON, which escapes its own; an author's name does not. */
  sl_vault_set_author (laptop->vault, "Ann\tB\\C\r\nD \\N");
  sub = add (laptop->vault, "submission", NULL, "reference=CFE\\7\tA", NULL);
  v = add (laptop->vault, "victim", sub, "label=Child \\N\tone\r\ntwo \\\\ end", NULL);
  edit (laptop->vault, v, "label=\\\tagain\n");
  sync_one_way (tmpdir, laptop, office);

  on_laptop = value_text (laptop->vault, v, "label");
  on_office = value_text (office->vault, v, "label");
  g_assert_nonnull (strchr (on_laptop, '\\'));
  g_assert_cmpstr (on_office, ==, on_laptop);
  dump_laptop = dump (laptop->vault);
  dump_office = dump (office->vault);
  g_assert_cmpstr (dump_office, ==, dump_laptop);
  assert_audit_clean (office->vault);
  {
    g_autoptr(GPtrArray) history = sl_vault_dup_history (office->vault, v, NULL);

    g_assert_nonnull (history);
    g_assert_cmpuint (history->len, ==, 2);
    for (guint i = 0; i < history->len; i++)
      g_assert_cmpstr (((SlChange *) g_ptr_array_index (history, i))->author, ==,
                       "Ann\tB\\C\r\nD \\N");
  }
}

/* The change lines as an import reads them: escapes, missing fields. */
/* A bundle is written beside its place and renamed when whole: a folder
 * that is not there is refused with a message, and a bundle of many
 * pieces leaves nothing but itself behind. */
static void
test_export_writes_whole (void)
{
  g_autofree char *tmpdir = sl_test_make_tmpdir ();
  g_autofree char *out = g_build_filename (tmpdir, "out", NULL);
  g_autoptr(Device) laptop = device_new (tmpdir, "laptop");
  g_autoptr(Device) office = device_new (tmpdir, "office");
  g_autoptr(GFile) missing = bundle_file (tmpdir, "gone/x.slbundle");
  g_autofree char *path = g_build_filename (out, "big.slbundle", NULL);
  g_autoptr(GFile) big = g_file_new_for_path (path);
  g_autoptr(SlBundleSummary) s = NULL;
  g_autoptr(SlBundleSummary) in = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autofree char *sub = NULL;
  g_autofree char *text = g_strnfill (2000, 'x');
  GStatBuf st;

  trust (laptop, office);
  sub = add (laptop->vault, "submission", NULL, "reference=CFE-001", NULL);
  /* About 2 MB of changes: more than one piece of the sealing. */
  for (guint i = 0; i < 1000; i++)
    {
      g_autofree char *name = g_strdup_printf ("summary=Northshire %u %s", i, text);

      edit (laptop->vault, sub, name);
    }

  s = sl_vault_export_bundle (laptop->vault, office->peer_id, missing, NULL, NULL, NULL, &error);
  g_assert_null (s);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "could not be written"));
  g_assert_nonnull (strstr (error->message, "gone"));
  g_clear_error (&error);

  g_assert_cmpint (g_mkdir (out, 0700), ==, 0);
  s = sl_vault_export_bundle (laptop->vault, office->peer_id, big, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_size, >, 2 * 1024 * 1024);
  dir = g_dir_open (out, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_dir_read_name (dir), ==, "big.slbundle");
  g_assert_null (g_dir_read_name (dir));

  in = sl_vault_import_bundle (office->vault, big, FALSE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (in->n_new, ==, s->n_changes);
  g_assert_cmpuint (s->n_changes, >, 1000);
  assert_references (office->vault);
}

/* The type and parent of a new record are read without building its
 * JSON; anything unusual is left to the full parser, never misread. */
static void
test_peek_strings (void)
{
  static const char * const names[] = { "type", "parent" };
  static const struct
  {
    const char *json;
    gboolean    ok;
    const char *type;
    const char *parent;
  } cases[] = {
    { "{\"type\":\"victim\",\"parent\":\"p-1\",\"values\":{\"age\":12}}", TRUE, "victim", "p-1" },
    { " { \"values\" : { \"a\" : [1, {\"type\": \"x\"}], \"b\": \"}\\\"{\" } , \"type\" : \"site_visit\" } ",
      TRUE, "site_visit", NULL },
    { "{\"type\":\"victim\",\"parent\":null}", TRUE, "victim", NULL },
    { "{}", FALSE, NULL, NULL },
    /* escapes, duplicates, other kinds of value: the full parser decides */
    { "{\"type\":\"vic\\u0074im\"}", FALSE, NULL, NULL },
    { "{\"typ\\u0065\":\"victim\"}", FALSE, NULL, NULL },
    { "{\"type\":\"victim\",\"type\":\"perpetrator\"}", FALSE, NULL, NULL },
    { "{\"type\":7}", FALSE, NULL, NULL },
    /* not one object */
    { "{\"type\":\"victim\"} {}", FALSE, NULL, NULL },
    { "{\"type\":\"victim\"", FALSE, NULL, NULL },
    { "{\"values\":{\"a\":1}", FALSE, NULL, NULL },
    { "[\"type\",\"victim\"]", FALSE, NULL, NULL },
    { "{\"type\" \"victim\"}", FALSE, NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      char *values[2] = { (char *) "unset", (char *) "unset" };
      gboolean ok = _sl_json_peek_strings (cases[i].json, names, values, 2);

      g_test_message ("%s", cases[i].json);
      g_assert_cmpint (ok, ==, cases[i].ok);
      g_assert_cmpstr (values[0], ==, cases[i].type);
      g_assert_cmpstr (values[1], ==, cases[i].parent);
      g_free (values[0]);
      g_free (values[1]);
    }
}

static void
test_parse_lines (void)
{
  const char *head = "sightline-bundle 1\n{}\nD\tdev\t1\t2\t"
                     "0000000000000000000000000000000000000000000000000000000000000000\n"
                     "C\t1\t5\trec\tcreate\t\\N\t{\"values\":{}}\tann\t1\t\\N\n";
  struct
  {
    const char *line;   /* change 2 */
    gint64      n;      /* changes read, -1 for a refusal */
  } cases[] = {
    { "C\t2\t6\trec\tset\tnote\t\"a\\tb\\nc\\rd\\\\e\"\tann\t1\t{}", 2 },
    { "C\t2\t6\trec\tset\tnote\t\\N\tann\t1\t\\N", 2 },
    { "C\t2\t6\trec\tset\tnote\t\"\\\\N\"\tann\t1\t\\N", 2 },
    { "C\t2\t6\trec\tset\t\\N\t\"x\"\tann\t1\t\\N", -1 },      /* a set without a field */
    { "C\t2\t6\trec\tset\tnote\t\"x\\q\"\tann\t1\t\\N", -1 },  /* not an escape */
    { "C\t2\t6\trec\tset\tnote\t\\Nx\tann\t1\t\\N", -1 },
    { "C\t2\t6\trec\tset\tnote\t\"x\\\tann\t1\t\\N", -1 },     /* a backslash before a tab */
    { "C\t2\t6\trec\tset\tnote\t\"x\"\tann\t1\t\\", -1 },        /* a backslash at the end */
    { "C\t2\t6\trec\tset\tnote\t\"x\"\tann\t1\t\\N\textra", -1 },
    { "C\t2\t6\trec\tset\tnote\t\"x\"\tann\t1", -1 },
    { "C\t3\t6\trec\tset\tnote\t\"x\"\tann\t1\t\\N", -1 },       /* out of sequence */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *body = g_strdup_printf ("%s%s\n", head, cases[i].line);
      g_autoptr(GError) error = NULL;
      gint64 n = _sl_bundle_parse_body_for_testing (body, strlen (body), &error);

      if (g_test_verbose ())
        g_printerr ("%u: %" G_GINT64_FORMAT " %s\n", i, n, error ? error->message : "");
      g_assert_cmpint (n, ==, cases[i].n);
      if (n < 0)
        g_assert_error (error, SL_BUNDLE_ERROR, SL_BUNDLE_ERROR_MALFORMED);
      else
        g_assert_no_error (error);
    }
}

static void
test_refusals (void)
{
  g_autofree char *tmpdir = sl_test_make_tmpdir ();
  g_autoptr(Device) laptop = device_new (tmpdir, "laptop");
  g_autoptr(Device) office = device_new (tmpdir, "office");
  g_autoptr(Device) other = device_new (tmpdir, "other");
  g_autoptr(Device) stranger = device_new (tmpdir, "stranger");
  g_autoptr(GFile) good = bundle_file (tmpdir, "good.slbundle");
  g_autoptr(GFile) bad = bundle_file (tmpdir, "bad.slbundle");
  g_autoptr(GFile) later = bundle_file (tmpdir, "later.slbundle");
  g_autoptr(GFile) for_other = bundle_file (tmpdir, "for-other.slbundle");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SlBundleSummary) s = NULL;
  g_autofree char *sub = NULL;
  g_autofree char *body = NULL;
  gsize len;
  guint8 *copy;

  trust (laptop, office);
  trust (laptop, other);
  trust (stranger, other);
  sub = add (laptop->vault, "submission", NULL, "reference=CFE-003", NULL);
  g_free (add (laptop->vault, "victim", sub, "label=Child D", NULL));
  export_to (laptop, office, good);
  bytes = g_file_load_bytes (good, NULL, NULL, &error);
  len = g_bytes_get_size (bytes);

  /* Truncated: cut at several places. */
  for (gsize cut = 0; cut < len; cut += len / 5 + 1)
    {
      g_assert_true (g_file_replace_contents (bad, g_bytes_get_data (bytes, NULL), cut, NULL,
                                              FALSE, 0, NULL, NULL, &error));
      assert_refused (office, bad, SL_BUNDLE_ERROR_DAMAGED, cut == 0 ? "empty" : "");
    }
  g_assert_true (g_file_replace_contents (bad, g_bytes_get_data (bytes, NULL), len - 1, NULL,
                                          FALSE, 0, NULL, NULL, &error));
  assert_refused (office, bad, SL_BUNDLE_ERROR_DAMAGED, "incomplete");

  /* Tampered: one bit flipped in the header, in the payload. */
  for (gsize at = 40; at < len; at += len / 3)
    {
      gboolean in_header = at < (gsize) (strstr (g_bytes_get_data (bytes, NULL), "\n---") -
                                         (const char *) g_bytes_get_data (bytes, NULL));

      copy = g_memdup2 (g_bytes_get_data (bytes, NULL), len);
      copy[at] ^= 0x10;
      g_assert_true (g_file_replace_contents (bad, (char *) copy, len, NULL, FALSE, 0, NULL, NULL,
                                              &error));
      g_free (copy);
      assert_refused (office, bad, in_header ? -1 : SL_BUNDLE_ERROR_DAMAGED, in_header ? "" : "altered");
    }

  /* Not for this vault: made for another. */
  export_to (laptop, other, for_other);
  assert_refused (office, for_other, SL_BUNDLE_ERROR_NOT_FOR_THIS_VAULT, "not made for this vault");

  /* From a device this vault does not trust. */
  body = body_of (office, good);
  {
    g_autofree char *claimed = replace_once (body, laptop->peer_id, stranger->peer_id);

    write_crafted (stranger, office, claimed, bad);
    assert_refused (office, bad, SL_BUNDLE_ERROR_UNKNOWN_SENDER, "does not trust");
  }

  /* Claiming to be the laptop, signed with another key. */
  write_crafted (stranger, office, body, bad);
  assert_refused (office, bad, SL_BUNDLE_ERROR_SIGNATURE, "not signed with its key");

  /* Altered content, signed again by the laptop's own key (a faulty or
   * hostile peer): the hash chain catches an edited change. */
  {
    g_autofree char *edited = replace_once (body, "Child D", "Child E");

    write_crafted (laptop, office, edited, bad);
    assert_refused (office, bad, SL_BUNDLE_ERROR_HISTORY, "do not end where");
  }

  /* A newer format. */
  {
    g_autofree char *newer = replace_once (body, "sightline-bundle 1\n", "sightline-bundle 2\n");

    write_crafted (laptop, office, newer, bad);
    assert_refused (office, bad, SL_BUNDLE_ERROR_NEWER_FORMAT, "newer version of Sightline");
  }

  /* Another inquiry's codebook, or a version the vault does not know. */
  {
    g_autofree char *id = g_strdup_printf ("\"codebook\":\"%s\"",
                                           sl_codebook_get_id (sl_vault_get_codebook (office->vault)));
    g_autofree char *foreign = replace_once (body, id, "\"codebook\":\"another-inquiry\"");
    g_autofree char *unknown = replace_once (body, "\t1\t\\N\n", "\t7\t\\N\n");

    write_crafted (laptop, office, foreign, bad);
    assert_refused (office, bad, SL_BUNDLE_ERROR_CODEBOOK, "another-inquiry");
    write_crafted (laptop, office, unknown, bad);
    assert_refused (office, bad, SL_BUNDLE_ERROR_CODEBOOK, "version 7");
  }

  /* The good one is taken once; again, or an older one after a later, is
   * a replay. */
  s = import_ok (office, good);
  assert_refused (office, good, SL_BUNDLE_ERROR_REPLAYED, "imported already");
  export_to (laptop, office, later);
  g_clear_pointer (&s, sl_bundle_summary_free);
  s = import_ok (office, later);
  assert_refused (office, good, SL_BUNDLE_ERROR_REPLAYED, "older than the last one");
  g_file_delete (good, NULL, NULL);
  g_file_delete (later, NULL, NULL);

  /* A history that does not continue this vault's: the laptop restored
   * from an old copy reuses change numbers. */
  {
    g_autofree char *fork = NULL;
    g_autofree char *renamed = NULL;

    export_to (laptop, other, for_other);
    g_clear_pointer (&s, sl_bundle_summary_free);
    s = import_ok (other, for_other);
    g_free (body);
    body = body_of (other, for_other);
    renamed = replace_once (body, "CFE-003", "CFE-999");
    /* signed by the laptop, with a later clock */
    {
      g_autofree char *clock_from = NULL;
      g_autofree char *bumped = NULL;
      const char *at = strstr (renamed, "\"clock\":");
      gint64 clock = g_ascii_strtoll (at + 8, NULL, 10);

      clock_from = g_strdup_printf ("\"clock\":%" G_GINT64_FORMAT, clock);
      bumped = g_strdup_printf ("\"clock\":%" G_GINT64_FORMAT, clock + 1);
      fork = replace_once (renamed, clock_from, bumped);
    }
    write_crafted (laptop, other, fork, bad);
    assert_refused (other, bad, SL_BUNDLE_ERROR_HISTORY, "history");
  }

  /* Locked, the files are as they were too. */
  assert_audit_clean (office->vault);
  sl_test_remove_tree (tmpdir);
}

/* Random histories of several devices, exchanged in random orders: every
 * order of the same bundles gives the same vault, and importing what is
 * already held changes nothing. */
static void
test_order_independence (void)
{
  g_autofree char *tmpdir = sl_test_make_tmpdir ();
  Device *devs[3];
  g_autoptr(Device) x = device_new (tmpdir, "receiver-x");
  g_autoptr(Device) y = device_new (tmpdir, "receiver-y");
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) to_x = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) to_y = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *dx = NULL;
  g_autofree char *dy = NULL;
  guint n_ops = g_test_slow () ? 400 : 120;
  static const char *ages[] = { "age=10", "age=11", "age=12", "age=13", "age=14", "age=unknown" };
  static const char *genders[] = { "gender=female", "gender=male", "gender=not recorded" };

  for (guint i = 0; i < G_N_ELEMENTS (devs); i++)
    {
      g_autofree char *name = g_strdup_printf ("device-%u", i);

      devs[i] = device_new (tmpdir, name);
      trust (devs[i], x);
      trust (devs[i], y);
      for (guint j = 0; j < i; j++)
        trust (devs[i], devs[j]);
    }

  /* One shared submission to start from, so that edits meet. */
  g_ptr_array_add (ids, add (devs[0]->vault, "submission", NULL, "reference=CFE-010", NULL));
  sync_one_way (tmpdir, devs[0], devs[1]);
  sync_one_way (tmpdir, devs[0], devs[2]);

  for (guint op = 0; op < n_ops; op++)
    {
      Device *d = devs[g_test_rand_int_range (0, G_N_ELEMENTS (devs))];
      int kind = g_test_rand_int_range (0, 10);
      const char *id = g_ptr_array_index (ids, g_test_rand_int_range (0, (gint32) ids->len));
      g_autoptr(SlRecord) r = sl_vault_load_record (d->vault, id, NULL);

      if (kind == 0)
        {
          Device *to = devs[g_test_rand_int_range (0, G_N_ELEMENTS (devs))];

          if (to != d)
            sync_one_way (tmpdir, d, to);
        }
      else if (kind == 1 || r == NULL || g_str_equal (sl_record_get_record_type (r), "submission"))
        {
          /* a new person, under a submission this device holds */
          const char *parent = g_ptr_array_index (ids, 0);

          g_ptr_array_add (ids, add (d->vault, "victim", parent, "label=Child",
                                     ages[g_test_rand_int_range (0, G_N_ELEMENTS (ages))], NULL));
        }
      else if (kind == 2)
        {
          g_autoptr(GError) error = NULL;

          if (sl_record_get_deleted (r))
            sl_vault_undelete_record (d->vault, id, &error);
          else
            sl_vault_delete_record (d->vault, id, &error);
          g_assert_no_error (error);
        }
      else if (!sl_record_get_deleted (r))
        edit (d->vault, id, kind < 7 ? ages[g_test_rand_int_range (0, G_N_ELEMENTS (ages))]
                                     : genders[g_test_rand_int_range (0, G_N_ELEMENTS (genders))]);
    }

  /* Each device's bundle for x and for y (their contents are the same). */
  for (guint i = 0; i < G_N_ELEMENTS (devs); i++)
    {
      g_autofree char *nx = g_strdup_printf ("to-x-%u.slbundle", i);
      g_autofree char *ny = g_strdup_printf ("to-y-%u.slbundle", i);
      GFile *fx = bundle_file (tmpdir, nx);
      GFile *fy = bundle_file (tmpdir, ny);

      export_to (devs[i], x, fx);
      export_to (devs[i], y, fy);
      g_ptr_array_add (to_x, fx);
      g_ptr_array_add (to_y, fy);
    }

  /* x takes them in order, y in reverse. */
  for (guint i = 0; i < to_x->len; i++)
    sl_bundle_summary_free (import_ok (x, g_ptr_array_index (to_x, i)));
  for (guint i = to_y->len; i > 0; i--)
    sl_bundle_summary_free (import_ok (y, g_ptr_array_index (to_y, i - 1)));
  dx = dump (x->vault);
  dy = dump (y->vault);
  g_assert_cmpstr (dx, ==, dy);
  g_assert_cmpuint (strlen (dx), >, 0);
  assert_audit_clean (x->vault);
  assert_audit_clean (y->vault);

  /* Idempotent: x's full bundle to y holds only what y has; nothing moves. */
  trust (x, y);
  {
    g_autoptr(GFile) f = bundle_file (tmpdir, "x-to-y.slbundle");
    g_autoptr(SlBundleSummary) s = NULL;
    g_autofree char *again = NULL;

    export_to (x, y, f);
    s = import_ok (y, f);
    g_assert_cmpuint (s->n_changes, >, 0);
    g_assert_cmpuint (s->n_new, ==, 0);
    again = dump (y->vault);
    g_assert_cmpstr (again, ==, dy);
  }

  /* And the devices themselves converge once all is exchanged. */
  for (guint round = 0; round < 2; round++)
    for (guint i = 0; i < G_N_ELEMENTS (devs); i++)
      for (guint j = 0; j < G_N_ELEMENTS (devs); j++)
        if (i != j)
          sync_one_way (tmpdir, devs[i], devs[j]);
  for (guint i = 0; i < G_N_ELEMENTS (devs); i++)
    {
      g_autofree char *di = dump (devs[i]->vault);

      g_assert_cmpstr (di, ==, dx);
      assert_audit_clean (devs[i]->vault);
      device_free (devs[i]);
    }
  sl_test_remove_tree (tmpdir);
}

/* The `age` tool opens a bundle with the vault's identity. */
static void
test_age_interop (void)
{
  g_autofree char *age = g_find_program_in_path ("age");
  g_autofree char *tmpdir = NULL;
  g_autoptr(Device) laptop = NULL;
  g_autoptr(Device) office = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) ours = NULL;
  g_autofree char *identity_path = NULL;
  g_autofree char *bundle_path = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(SlSecret) identity = NULL;
  gsize out_len = 0;
  int status = 0;

  if (age == NULL)
    {
      g_test_skip ("the age tool is not installed (apt install age)");
      return;
    }
  tmpdir = sl_test_make_tmpdir ();
  laptop = device_new (tmpdir, "laptop");
  office = device_new (tmpdir, "office");
  trust (laptop, office);
  g_free (add (laptop->vault, "submission", NULL, "reference=CFE-004", NULL));
  file = bundle_file (tmpdir, "for-age.slbundle");
  export_to (laptop, office, file);

  identity = sl_vault_dup_age_identity (office->vault, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (sl_secret_get_string (identity), "AGE-SECRET-KEY-1"));
  identity_path = g_build_filename (tmpdir, "office.key", NULL);
  g_assert_true (g_file_set_contents_full (identity_path, sl_secret_get_string (identity), -1,
                                           G_FILE_SET_CONTENTS_NONE, 0600, &error));
  bundle_path = g_file_get_path (file);
  {
    const char *argv[] = { age, "-d", "-i", identity_path, bundle_path, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                 &out, &err, &status, &error));
  }
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  out_len = strlen (out);
  ours = sl_vault_decrypt_bundle (office->vault, file, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (out, out_len, g_bytes_get_data (ours, NULL), g_bytes_get_size (ours));
  g_assert_true (g_str_has_prefix (out, "sightline-bundle 1\n"));

  /* The laptop's identity does not open it. */
  {
    g_autoptr(SlSecret) wrong = sl_vault_dup_age_identity (laptop->vault, &error);
    const char *argv[] = { age, "-d", "-i", identity_path, bundle_path, NULL };

    g_assert_true (g_file_set_contents_full (identity_path, sl_secret_get_string (wrong), -1,
                                             G_FILE_SET_CONTENTS_NONE, 0600, &error));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                 &out, &err, &status, &error));
    g_assert_false (g_spawn_check_wait_status (status, NULL));
  }
  sl_test_remove_tree (tmpdir);
}

static void
copy_vault (const char *from,
            const char *to)
{
  g_autoptr(GDir) dir = g_dir_open (from, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  g_assert_cmpint (g_mkdir_with_parents (to, 0700), ==, 0);
  while ((name = g_dir_read_name (dir)))
    {
      g_autofree char *src = g_build_filename (from, name, NULL);
      g_autofree char *dst = g_build_filename (to, name, NULL);
      g_autofree char *data = NULL;
      gsize len = 0;

      g_assert_true (g_file_get_contents (src, &data, &len, NULL));
      g_assert_true (g_file_set_contents (dst, data, (gssize) len, NULL));
    }
}

static gint64
count_rows (SlVault    *vault,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  _sl_vault_lock_db (vault);
  sqlite3_prepare_v2 (_sl_vault_get_db (vault), sql, -1, &stmt, NULL);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  _sl_vault_unlock_db (vault);
  return n;
}

/* Locking the vault while a bundle is imported stops the import: the lock
 * does not wait for it, and the vault holds none of the bundle. */
typedef struct
{
  SlVault         *vault;
  GFile           *file;
  int              inside;     /* atomic: the import reported progress in its transaction */
  SlBundleSummary *summary;
  GError          *error;
} LockedImport;

static void
locked_import_progress (double   fraction,
                        gpointer data)
{
  LockedImport *li = data;

  /* Past 0.05, the import holds the vault. Wait here until the lock is
   * asked for, so that the import cannot finish first. */
  if (fraction > 0.05 && !g_atomic_int_get (&li->inside))
    {
      g_atomic_int_set (&li->inside, 1);
      for (guint i = 0; i < 2000 && !_sl_vault_lock_requested (li->vault); i++)
        g_usleep (5000);
    }
}

static gpointer
locked_import_thread (gpointer data)
{
  LockedImport *li = data;

  li->summary = sl_vault_import_bundle (li->vault, li->file, FALSE, locked_import_progress, li,
                                        NULL, &li->error);
  return NULL;
}

static void
test_lock_during_import (void)
{
  g_autofree char *tmpdir = sl_test_make_tmpdir ();
  g_autoptr(Device) laptop = device_new (tmpdir, "laptop");
  g_autoptr(Device) office = device_new (tmpdir, "office");
  g_autoptr(GFile) file = bundle_file (tmpdir, "large.slbundle");
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  g_autoptr(GPtrArray) parents = g_ptr_array_new ();
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(SlSecret) pass = sl_test_secret (SL_TEST_PASSPHRASE);
  g_autoptr(GError) error = NULL;
  g_autofree char *sub = NULL;
  LockedImport li = { 0 };
  SlRecordType *rt;
  GThread *thread;
  gint64 before;

  trust (laptop, office);
  sub = add (laptop->vault, "submission", NULL, "reference=CFE-006", NULL);
  rt = sl_codebook_lookup_type (sl_vault_get_codebook (laptop->vault), "victim", NULL);
  /* A change a record: enough for the import to look up twice. */
  for (guint i = 0; i < 10000; i++)
    {
      g_autofree char *label = g_strdup_printf ("label=Child %u", i);
      const char *a[] = { label, "age=12", "gender=female", NULL };

      g_ptr_array_add (values, sl_values_from_assignments (rt, a, NULL));
      g_ptr_array_add (parents, sub);
    }
  g_assert_true (sl_vault_add_records (laptop->vault, "victim", parents, values, &ids, NULL, &error));
  g_assert_no_error (error);
  export_to (laptop, office, file);
  before = count_rows (office->vault, "SELECT count(*) FROM changes");

  li.vault = office->vault;
  li.file = file;
  thread = g_thread_new ("import", locked_import_thread, &li);
  while (!g_atomic_int_get (&li.inside))
    g_usleep (1000);
  sl_vault_lock (office->vault);
  g_thread_join (thread);

  g_assert_null (li.summary);
  g_assert_error (li.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_nonnull (strstr (li.error->message, "locked"));
  g_clear_error (&li.error);
  g_assert_true (sl_vault_get_locked (office->vault));

  /* None of it came in, and the same bundle imports whole afterwards. */
  g_assert_true (sl_vault_unlock_sync (office->vault, pass, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (office->vault, "SELECT count(*) FROM changes"), ==, before);
  {
    g_autoptr(SlBundleSummary) s = import_ok (office, file);

    g_assert_cmpuint (s->n_new_records, ==, 10001);
  }
  sl_test_remove_tree (tmpdir);
}

/* SIGKILL a `sightline-cli bundle import` of a large bundle at many
 * moments: the vault always opens, passes its checks and its audit, and
 * holds all of the bundle or none of it. */
static void
test_crash_during_import (void)
{
  g_autofree char *tmpdir = sl_test_make_tmpdir ();
  g_autoptr(Device) laptop = device_new (tmpdir, "laptop");
  g_autoptr(Device) office = device_new (tmpdir, "office");
  g_autoptr(GFile) file = bundle_file (tmpdir, "large.slbundle");
  g_autofree char *pristine = g_build_filename (tmpdir, "pristine.sightline", NULL);
  g_autofree char *work = g_build_filename (tmpdir, "work.sightline", NULL);
  g_autofree char *bundle_path = g_file_get_path (file);
  g_autofree char *in = g_strdup_printf ("%s\n", SL_TEST_PASSPHRASE);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  g_autoptr(GPtrArray) edits = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  g_autoptr(GPtrArray) parents = g_ptr_array_new ();
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sub = NULL;
  const char *cli = g_getenv ("SIGHTLINE_CLI");
  const guint people = 2000;
  const guint runs = g_test_slow () ? 200 : 24;
  SlRecordType *rt;
  gint64 full_run, total_changes;
  guint none = 0, all = 0;

  trust (laptop, office);
  sub = add (laptop->vault, "submission", NULL, "reference=CFE-005", NULL);
  rt = sl_codebook_lookup_type (sl_vault_get_codebook (laptop->vault), "victim", NULL);
  for (guint i = 0; i < people; i++)
    {
      g_autofree char *label = g_strdup_printf ("label=Child %u", i);
      g_autofree char *age = g_strdup_printf ("age=%u", 8 + i % 10);
      const char *a[] = { label, age, "gender=female", NULL };
      const char *e[] = { "gender=male", NULL };

      g_ptr_array_add (values, sl_values_from_assignments (rt, a, NULL));
      g_ptr_array_add (edits, sl_values_from_assignments (rt, e, NULL));
      g_ptr_array_add (parents, sub);
    }
  g_assert_true (sl_vault_add_records (laptop->vault, "victim", parents, values, &ids, NULL, &error));
  g_assert_true (sl_vault_edit_records (laptop->vault, ids, edits, NULL, &error));
  g_assert_no_error (error);
  total_changes = count_rows (laptop->vault, "SELECT count(*) FROM changes");
  export_to (laptop, office, file);
  g_clear_object (&office->vault);   /* closed: its files are the pristine copy */
  copy_vault (office->path, pristine);

  /* How long does one whole import take? */
  {
    gint64 start = g_get_monotonic_time ();

    copy_vault (pristine, work);
    g_assert_cmpint (sl_test_run_cli (in, NULL, NULL, "bundle", "import", work, bundle_path,
                                      "--passphrase-fd", "0", NULL), ==, 0);
    full_run = g_get_monotonic_time () - start;
    sl_test_remove_tree (work);
  }

  for (guint i = 0; i < runs; i++)
    {
      g_autoptr(GSubprocess) proc = NULL;
      g_autoptr(GOutputStream) sink = NULL;
      g_autoptr(GFile) work_file = g_file_new_for_path (work);
      g_autoptr(SlVault) vault = NULL;
      g_autoptr(SlSecret) pass = sl_test_secret (SL_TEST_PASSPHRASE);
      g_autoptr(SlAuditReport) report = NULL;
      /* Spread over the whole run, with jitter; one in five well past it,
       * so that some imports finish even when the machine is busier than
       * when the run was timed. */
      gint64 delay = (i % 20 < 16 ? full_run * (i % 20) / 16 : 3 * full_run) +
                     g_test_rand_int_range (0, 5000);
      gint64 n_changes, n_records;

      copy_vault (pristine, work);
      proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                               G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                               cli, "bundle", "import", work, bundle_path, "--passphrase-fd", "0",
                               NULL);
      g_assert_no_error (error);
      sink = g_object_ref (g_subprocess_get_stdin_pipe (proc));
      g_output_stream_write_all (sink, in, strlen (in), NULL, NULL, &error);
      g_output_stream_close (sink, NULL, NULL);
      g_usleep ((gulong) delay);
      g_subprocess_send_signal (proc, SIGKILL);
      g_subprocess_wait (proc, NULL, NULL);

      vault = sl_vault_new (work_file);
      if (!sl_vault_unlock_sync (vault, pass, NULL, &error))
        g_error ("run %u (killed after %" G_GINT64_FORMAT " µs): the vault does not open: %s",
                 i, delay, error->message);
      {
        g_auto(GStrv) problems = sl_vault_check_sync (vault, NULL, &error);

        g_assert_no_error (error);
        g_assert_cmpuint (g_strv_length (problems), ==, 0);
      }
      report = sl_vault_audit_sync (vault, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (report->problems->len, ==, 0);

      n_changes = count_rows (vault, "SELECT count(*) FROM changes");
      n_records = count_rows (vault, "SELECT count(*) FROM records");
      if (n_changes == 0 && n_records == 0)
        none++;
      else if (n_changes == total_changes && n_records == people + 1)
        all++;
      else
        g_error ("run %u (killed after %" G_GINT64_FORMAT " µs): the vault holds part of the "
                 "bundle: %" G_GINT64_FORMAT " of %" G_GINT64_FORMAT " changes", i, delay,
                 n_changes, total_changes);
      g_clear_object (&vault);
      sl_test_remove_tree (work);
    }

  g_test_message ("%u kills during a %" G_GINT64_FORMAT "-change import: %u left none of it, "
                  "%u all of it", runs, total_changes, none, all);
  g_assert_cmpuint (none, >, 0);
  g_assert_cmpuint (all, >, 0);
  sl_test_remove_tree (tmpdir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/sightline/bundle/round-trip", test_round_trip);
  g_test_add_func ("/sightline/bundle/concurrent-edits", test_concurrent_edits);
  g_test_add_func ("/sightline/bundle/codebook-update", test_codebook_update);
  g_test_add_func ("/sightline/bundle/parse-lines", test_parse_lines);
  g_test_add_func ("/sightline/bundle/peek-strings", test_peek_strings);
  g_test_add_func ("/sightline/bundle/export-writes-whole", test_export_writes_whole);
  g_test_add_func ("/sightline/bundle/escapes", test_escapes);
  g_test_add_func ("/sightline/bundle/refusals", test_refusals);
  g_test_add_func ("/sightline/bundle/order-independence", test_order_independence);
  g_test_add_func ("/sightline/bundle/age-interop", test_age_interop);
  g_test_add_func ("/sightline/bundle/lock-during-import", test_lock_during_import);
  g_test_add_func ("/sightline/bundle/crash-during-import", test_crash_during_import);
  return g_test_run ();
}
