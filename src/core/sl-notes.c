/* sl-notes.c
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

#define G_LOG_DOMAIN "sl-notes"

#include "config.h"

#include <json-glib/json-glib.h>
#include <sodium.h>
#include <string.h>

#include "sl-change-log.h"
#include "sl-codebook.h"
#include "sl-notes.h"
#include "sl-record.h"
#include "sl-redactor.h"
#include "sl-vault-private.h"

/*
 * Notes are the codebook's long text fields, stored as written (and synced
 * like any field). Before a note leaves the vault, the people, places,
 * institutions and references in it are found and replaced:
 *
 * - the pseudonym registry holds each one a reviewer marked in a case
 *   (the submission, visit or session and the people coded in it), with
 *   the forms it is written in and a pseudonym that is the same in every
 *   note of the case ("Child A", "Suspect 1", "[school 2]");
 * - the detector (sl-redactor.c) finds the rest: numbers, postcodes,
 *   addresses, and names the registry does not hold yet;
 * - a review records which text was reviewed, by whom, and which detected
 *   strings were judged not identifying; a note edited since is flagged.
 *
 * The registry and the reviews stay in this vault: they are never written
 * to a bundle or a pack.
 */

G_DEFINE_QUARK (sl-notes-error-quark, sl_notes_error)

void
sl_pseudonym_free (SlPseudonym *pseudonym)
{
  g_free (pseudonym->case_id);
  g_free (pseudonym->kind);
  g_free (pseudonym->role);
  g_free (pseudonym->name);
  g_free (pseudonym->pseudonym);
  g_clear_pointer (&pseudonym->forms, g_ptr_array_unref);
  g_free (pseudonym);
}

static void
note_span_clear (SlNoteSpan *span)
{
  g_free (span->replacement);
}

void
sl_note_spans_free (GArray *spans)
{
  g_array_unref (spans);
}

static GArray *
note_spans_new (void)
{
  GArray *spans = g_array_new (FALSE, TRUE, sizeof (SlNoteSpan));

  g_array_set_clear_func (spans, (GDestroyNotify) note_span_clear);
  return spans;
}

static gboolean
locked (SlVault  *self,
        GError  **error)
{
  g_set_error (error, SL_VAULT_ERROR, SL_VAULT_ERROR_LOCKED,
               "The vault %s is locked. Unlock it first", sl_vault_get_name (self));
  return FALSE;
}

/* Cases */

/**
 * sl_vault_dup_case_id:
 * @self: an unlocked vault
 * @record: any record of the case (or a record id's first characters)
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the id of the case the record
 *   belongs to: the submission, visit or session at the top of its
 *   parents
 */
char *
sl_vault_dup_case_id (SlVault     *self,
                      const char  *record,
                      GError     **error)
{
  g_autofree char *id = sl_vault_resolve_record_id (self, record, error);

  for (guint depth = 0; id != NULL && depth < 16; depth++)
    {
      g_autoptr(SlRecord) r = sl_vault_load_record (self, id, error);

      if (r == NULL)
        return NULL;
      if (sl_record_get_parent (r) == NULL)
        return g_steal_pointer (&id);
      g_free (id);
      id = g_strdup (sl_record_get_parent (r));
    }
  if (id != NULL)
    g_set_error (error, SL_NOTES_ERROR, SL_NOTES_ERROR_INVALID,
                 "The record %s is nested too deeply to find its case", record);
  return NULL;
}

static gint64
record_no (sqlite3    *db,
           const char *id)
{
  sqlite3_stmt *stmt = NULL;
  gint64 no = 0;

  sqlite3_prepare_v2 (db, "SELECT no FROM records WHERE id = ?1", -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    no = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return no;
}

/* The registry */

static const char *person_roles[] = { "child", "adult", "suspect", "professional", NULL };
static const char *institution_roles[] = { "school", "home", "hotel", "takeaway", "taxi", "pub",
                                           "gp", "shop", "club", "other", NULL };
static const char *place_roles[] = { "town", "area", "street", NULL };

/* Letters for children and adults (A…Z, AA, AB…), numbers for the rest. */
static char *
make_pseudonym (const char *kind,
                const char *role,
                guint       n)
{
  if (g_str_equal (kind, "person") && (g_str_equal (role, "child") || g_str_equal (role, "adult")))
    {
      char letters[8] = "";
      guint k = n;
      int len = 0;
      char tmp[8];

      do
        {
          tmp[len++] = (char) ('A' + k % 26);
          k = k / 26;
        }
      while (k-- > 0 && len < 6);
      for (int i = 0; i < len; i++)
        letters[i] = tmp[len - 1 - i];
      return g_strdup_printf ("%s %s", g_str_equal (role, "child") ? "Child" : "Adult", letters);
    }
  if (g_str_equal (kind, "person"))
    return g_strdup_printf ("%s %u", g_str_equal (role, "suspect") ? "Suspect" : "Professional",
                            n + 1);
  if (g_str_equal (kind, "reference"))
    return g_strdup_printf ("[reference %u]", n + 1);
  return g_strdup_printf ("[%s %u]", role, n + 1);
}

static char *
lower (const char *text)
{
  return g_utf8_strdown (text, -1);
}

static gboolean
is_particle (const char *word)
{
  static const char *particles[] = { "de", "da", "del", "della", "di", "du", "van", "von", "der",
                                     "den", "la", "le", "al", "el", "bin", "bint", "ibn", "ní",
                                     "nic", "ó", "ua", "mac", "mc", "st", NULL };

  return g_strv_contains (particles, word);
}

/* The forms a name is written in: for a person "Jane Smith": jane smith,
 * jane, smith, j smith, j. smith, smith jane; the possessive ('s) is
 * matched on any form. */
static GPtrArray *
name_forms (const char *kind,
            const char *name)
{
  GPtrArray *forms = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *low = lower (name);
  g_auto(GStrv) words = NULL;
  guint n;

  g_strstrip (low);
  g_ptr_array_add (forms, g_strdup (low));
  if (!g_str_equal (kind, "person"))
    {
      if (g_str_has_prefix (low, "the ") && low[4] != '\0')
        g_ptr_array_add (forms, g_strdup (low + 4));
      return forms;
    }

  words = g_regex_split_simple ("\\s+", low, 0, 0);
  n = g_strv_length (words);
  if (n >= 2)
    {
      g_autofree char *surname = g_strjoinv (" ", words + 1);
      guint last = n - 1;
      gunichar initial = g_utf8_get_char (words[0]);
      char buf[8] = { 0 };

      g_unichar_to_utf8 (initial, buf);
      g_ptr_array_add (forms, g_strdup (words[0]));
      g_ptr_array_add (forms, g_strdup (surname));
      /* "de souza" is also written "souza", "al-hassan" "hassan" */
      while (last > 1 && is_particle (words[last - 1]))
        last--;
      if (!is_particle (words[n - 1]) && !g_str_equal (words[n - 1], surname))
        g_ptr_array_add (forms, g_strdup (words[n - 1]));
      if (strchr (words[n - 1], '-') && n == 2)
        {
          const char *after = strchr (words[n - 1], '-') + 1;
          g_autofree char *before = g_strndup (words[n - 1], (gsize) (after - 1 - words[n - 1]));

          if (*after != '\0' && is_particle (before))
            g_ptr_array_add (forms, g_strdup (after));
        }
      g_ptr_array_add (forms, g_strdup_printf ("%s %s", buf, surname));
      g_ptr_array_add (forms, g_strdup_printf ("%s. %s", buf, surname));
      g_ptr_array_add (forms, g_strdup_printf ("%s %s", surname, words[0]));
      g_ptr_array_add (forms, g_strdup_printf ("%s, %s", surname, words[0]));
    }
  return forms;
}

static gboolean
check_kind_role (const char  *kind,
                 const char  *role,
                 GError     **error)
{
  const char **roles = NULL;

  if (g_strcmp0 (kind, "person") == 0)
    roles = person_roles;
  else if (g_strcmp0 (kind, "institution") == 0)
    roles = institution_roles;
  else if (g_strcmp0 (kind, "place") == 0)
    roles = place_roles;
  else if (g_strcmp0 (kind, "reference") == 0)
    return TRUE;
  else
    {
      g_set_error (error, SL_NOTES_ERROR, SL_NOTES_ERROR_INVALID,
                   "\"%s\" is not a kind of name: use person, place, institution or reference",
                   kind ? kind : "");
      return FALSE;
    }
  if (!g_strv_contains (roles, role ? role : ""))
    {
      g_autofree char *all = g_strjoinv (", ", (char **) roles);

      g_set_error (error, SL_NOTES_ERROR, SL_NOTES_ERROR_INVALID,
                   "\"%s\" is not a role for a %s: use one of %s", role ? role : "", kind, all);
      return FALSE;
    }
  return TRUE;
}

static const char *
default_role (const char *kind)
{
  if (g_strcmp0 (kind, "person") == 0)
    return "child";
  if (g_strcmp0 (kind, "place") == 0)
    return "town";
  if (g_strcmp0 (kind, "institution") == 0)
    return "other";
  return "";
}

/**
 * sl_vault_add_pseudonym:
 * @self: an unlocked vault
 * @record: any record of the case
 * @kind: "person", "place", "institution" or "reference"
 * @role: (nullable): see #SlPseudonym (%NULL: child, town, other)
 * @name: the name as a reviewer marked it
 * @error: return location for a #GError
 *
 * Enters a name in the case's pseudonym registry. From then on it is
 * found in every note of the case, in any letter case and in its other
 * forms, and replaced by the same pseudonym.
 *
 * Returns: (transfer full) (nullable): the registry entry
 */
SlPseudonym *
sl_vault_add_pseudonym (SlVault     *self,
                        const char  *record,
                        const char  *kind,
                        const char  *role,
                        const char  *name,
                        GError     **error)
{
  g_autoptr(SlPseudonym) p = g_new0 (SlPseudonym, 1);
  g_autofree char *added = _sl_now_iso8601 ();
  g_autofree char *trimmed = g_strstrip (g_strdup (name ? name : ""));
  sqlite3_stmt *stmt = NULL;
  gint64 case_no, no;
  sqlite3 *db;
  guint n = 0;
  int rc;

  g_return_val_if_fail (SL_IS_VAULT (self), NULL);

  if (role == NULL)
    role = default_role (kind);
  if (!check_kind_role (kind, role, error))
    return NULL;
  if (g_utf8_strlen (trimmed, -1) < 2 || !g_utf8_validate (trimmed, -1, NULL))
    {
      g_set_error (error, SL_NOTES_ERROR, SL_NOTES_ERROR_INVALID,
                   "A name to replace needs at least two letters");
      return NULL;
    }
  if (!(p->case_id = sl_vault_dup_case_id (self, record, error)))
    return NULL;
  p->kind = g_strdup (kind);
  p->role = g_strdup (role);
  p->name = g_steal_pointer (&trimmed);
  p->forms = name_forms (kind, p->name);

  _sl_vault_lock_db (self);
  if ((db = _sl_vault_get_db (self)) == NULL)
    {
      _sl_vault_unlock_db (self);
      return locked (self, error), NULL;
    }
  sqlite3_exec (db, "SAVEPOINT sl_pseudonym", NULL, NULL, NULL);
  case_no = record_no (db, p->case_id);
  sqlite3_prepare_v2 (db, "SELECT count(*) FROM pseudonyms WHERE case_record = ?1 AND kind = ?2 "
                      "AND role = ?3", -1, &stmt, NULL);
  sqlite3_bind_int64 (stmt, 1, case_no);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, role, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = (guint) sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  p->pseudonym = make_pseudonym (kind, role, n);

  sqlite3_prepare_v2 (db, "INSERT INTO pseudonyms (case_record, kind, role, name, pseudonym, added) "
                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", -1, &stmt, NULL);
  sqlite3_bind_int64 (stmt, 1, case_no);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, role, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, p->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, p->pseudonym, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, added, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  no = sqlite3_last_insert_rowid (db);
  for (guint i = 0; rc == SQLITE_DONE && i < p->forms->len; i++)
    {
      sqlite3_prepare_v2 (db, "INSERT OR IGNORE INTO pseudonym_forms (pseudonym, form) "
                          "VALUES (?1, ?2)", -1, &stmt, NULL);
      sqlite3_bind_int64 (stmt, 1, no);
      sqlite3_bind_text (stmt, 2, g_ptr_array_index (p->forms, i), -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        rc = SQLITE_ERROR;
      sqlite3_finalize (stmt);
    }
  if (rc == SQLITE_DONE)
    sqlite3_exec (db, "RELEASE sl_pseudonym", NULL, NULL, NULL);
  else
    {
      if ((rc & 0xff) == SQLITE_CONSTRAINT)
        g_set_error (error, SL_NOTES_ERROR, SL_NOTES_ERROR_KNOWN,
                     "\"%s\" is in this case's registry already", p->name);
      else
        _sl_set_error_from_db (error, db, rc, "The name could not be added to the registry");
      sqlite3_exec (db, "ROLLBACK TO sl_pseudonym; RELEASE sl_pseudonym", NULL, NULL, NULL);
      g_clear_pointer (&p, sl_pseudonym_free);
    }
  _sl_vault_unlock_db (self);
  return g_steal_pointer (&p);
}

/**
 * sl_vault_add_pseudonym_form:
 * @self: an unlocked vault
 * @record: any record of the case
 * @pseudonym: the pseudonym ("Child A")
 * @form: another way the name is written (a nickname, a misspelling)
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
sl_vault_add_pseudonym_form (SlVault     *self,
                             const char  *record,
                             const char  *pseudonym,
                             const char  *form,
                             GError     **error)
{
  g_autofree char *case_id = sl_vault_dup_case_id (self, record, error);
  g_autofree char *low = form ? lower (form) : NULL;
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db;
  int changed = 0;

  if (case_id == NULL)
    return FALSE;
  if (low == NULL || g_utf8_strlen (g_strstrip (low), -1) < 2)
    {
      g_set_error (error, SL_NOTES_ERROR, SL_NOTES_ERROR_INVALID,
                   "A form of a name needs at least two letters");
      return FALSE;
    }
  _sl_vault_lock_db (self);
  if ((db = _sl_vault_get_db (self)) == NULL)
    {
      _sl_vault_unlock_db (self);
      return locked (self, error);
    }
  sqlite3_prepare_v2 (db, "INSERT OR IGNORE INTO pseudonym_forms (pseudonym, form) "
                      "SELECT p.no, ?3 FROM pseudonyms p JOIN records r ON r.no = p.case_record "
                      "WHERE r.id = ?1 AND p.pseudonym = ?2", -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, case_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, pseudonym, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, low, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_DONE)
    changed = sqlite3_changes (db);
  sqlite3_finalize (stmt);
  _sl_vault_unlock_db (self);
  if (changed == 0)
    {
      g_set_error (error, SL_NOTES_ERROR, SL_NOTES_ERROR_INVALID,
                   "This case has no %s, or it is written that way already; `sightline-cli "
                   "pseudonym list` shows the registry", pseudonym);
      return FALSE;
    }
  return TRUE;
}

/**
 * sl_vault_list_pseudonyms:
 * @self: an unlocked vault
 * @record: (nullable): any record of a case, or %NULL for every case
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type SlPseudonym): the registry
 */
GPtrArray *
sl_vault_list_pseudonyms (SlVault     *self,
                          const char  *record,
                          GError     **error)
{
  g_autoptr(GPtrArray) ret = g_ptr_array_new_with_free_func ((GDestroyNotify) sl_pseudonym_free);
  g_autofree char *case_id = NULL;
  sqlite3_stmt *stmt = NULL;
  sqlite3_stmt *forms = NULL;
  sqlite3 *db;

  g_return_val_if_fail (SL_IS_VAULT (self), NULL);

  if (record != NULL && !(case_id = sl_vault_dup_case_id (self, record, error)))
    return NULL;
  _sl_vault_lock_db (self);
  if ((db = _sl_vault_get_db (self)) == NULL)
    {
      _sl_vault_unlock_db (self);
      return locked (self, error), NULL;
    }
  sqlite3_prepare_v2 (db, "SELECT p.no, r.id, p.kind, p.role, p.name, p.pseudonym "
                      "FROM pseudonyms p JOIN records r ON r.no = p.case_record "
                      "WHERE ?1 IS NULL OR r.id = ?1 ORDER BY r.created_hlc, p.no", -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, case_id, -1, SQLITE_STATIC);
  sqlite3_prepare_v2 (db, "SELECT form FROM pseudonym_forms WHERE pseudonym = ?1 "
                      "ORDER BY length (form) DESC, form", -1, &forms, NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      SlPseudonym *p = g_new0 (SlPseudonym, 1);

      p->case_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      p->kind = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      p->role = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      p->name = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      p->pseudonym = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      p->forms = g_ptr_array_new_with_free_func (g_free);
      sqlite3_reset (forms);
      sqlite3_bind_int64 (forms, 1, sqlite3_column_int64 (stmt, 0));
      while (sqlite3_step (forms) == SQLITE_ROW)
        g_ptr_array_add (p->forms, g_strdup ((const char *) sqlite3_column_text (forms, 0)));
      g_ptr_array_add (ret, p);
    }
  sqlite3_finalize (stmt);
  sqlite3_finalize (forms);
  _sl_vault_unlock_db (self);
  return g_steal_pointer (&ret);
}

/* Finding and replacing */

/* @text in lower case, with each byte's offset in @text. */
static char *
lower_with_map (const char  *text,
                GArray     **map)
{
  GString *out = g_string_sized_new (strlen (text));

  *map = g_array_sized_new (FALSE, FALSE, sizeof (gsize), strlen (text) + 1);
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char_validated (p, -1);
      char buf[8];
      int len;
      gsize at = (gsize) (p - text);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          /* Not UTF-8: kept as it is. */
          g_string_append_c (out, *p);
          g_array_append_val (*map, at);
          continue;
        }
      len = g_unichar_to_utf8 (g_unichar_tolower (c), buf);
      g_string_append_len (out, buf, len);
      for (int k = 0; k < len; k++)
        g_array_append_val (*map, at);
    }
  {
    gsize end = strlen (text);

    g_array_append_val (*map, end);
  }
  return g_string_free (out, FALSE);
}

static gboolean
is_word_char_before (const char *text,
                     const char *at)
{
  const char *prev;

  if (at == text)
    return FALSE;
  prev = g_utf8_find_prev_char (text, at);
  return prev != NULL && (g_unichar_isalnum (g_utf8_get_char (prev)) || *prev == '_');
}

static gboolean
is_word_char_at (const char *at)
{
  return *at != '\0' && (g_unichar_isalnum (g_utf8_get_char (at)) || *at == '_');
}

typedef struct
{
  const char *form;
  const char *replacement;
  const char *type;
} Form;

static int
longer_first (gconstpointer a,
              gconstpointer b)
{
  return (int) strlen (((const Form *) b)->form) - (int) strlen (((const Form *) a)->form);
}

static gboolean
overlaps (GArray *spans,
          gsize   start,
          gsize   end)
{
  for (guint i = 0; i < spans->len; i++)
    {
      SlNoteSpan *s = &g_array_index (spans, SlNoteSpan, i);

      if (start < s->end && s->start < end)
        return TRUE;
    }
  return FALSE;
}

static int
by_start (gconstpointer a,
          gconstpointer b)
{
  const SlNoteSpan *x = a;
  const SlNoteSpan *y = b;

  return x->start < y->start ? -1 : x->start > y->start;
}

/* The registry's forms for @case_id; names of other cases are replaced too,
 * by a label that says only what they are. */
static GArray *
load_forms (SlVault     *self,
            const char  *case_id,
            GStringChunk *strings)
{
  GArray *forms = g_array_new (FALSE, FALSE, sizeof (Form));
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db;

  _sl_vault_lock_db (self);
  if ((db = _sl_vault_get_db (self)) != NULL)
    {
      sqlite3_prepare_v2 (db, "SELECT f.form, p.pseudonym, p.kind, r.id = ?1 FROM pseudonym_forms f "
                          "JOIN pseudonyms p ON p.no = f.pseudonym "
                          "JOIN records r ON r.no = p.case_record", -1, &stmt, NULL);
      sqlite3_bind_text (stmt, 1, case_id, -1, SQLITE_STATIC);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *kind = (const char *) sqlite3_column_text (stmt, 2);
          Form f;

          f.form = g_string_chunk_insert (strings, (const char *) sqlite3_column_text (stmt, 0));
          f.type = g_str_equal (kind, "person") ? SL_SPAN_PERSON :
                   g_str_equal (kind, "place") ? SL_SPAN_PLACE :
                   g_str_equal (kind, "institution") ? SL_SPAN_INSTITUTION : SL_SPAN_REFERENCE;
          if (sqlite3_column_int (stmt, 3))
            f.replacement = g_string_chunk_insert (strings,
                                                   (const char *) sqlite3_column_text (stmt, 1));
          else
            f.replacement = g_str_equal (kind, "person") ? "[name]" :
                            g_str_equal (kind, "place") ? "[place]" :
                            g_str_equal (kind, "institution") ? "[institution]" : "[reference]";
          g_array_append_val (forms, f);
        }
      sqlite3_finalize (stmt);
    }
  _sl_vault_unlock_db (self);
  g_array_sort (forms, longer_first);
  return forms;
}

static char *
redact (SlVault     *self,
        const char  *case_id,
        const char  *text,
        GStrv        rejected,
        GArray     **spans_out)
{
  g_autoptr(GStringChunk) strings = g_string_chunk_new (1024);
  g_autoptr(GArray) forms = load_forms (self, case_id, strings);
  g_autoptr(GArray) map = NULL;
  g_autoptr(GArray) detected = NULL;
  g_autofree char *low = lower_with_map (text, &map);
  GArray *spans = note_spans_new ();
  GString *out = g_string_sized_new (strlen (text));
  gsize at = 0;

  /* 1. Every form of every registered name, longest first. */
  for (guint i = 0; i < forms->len; i++)
    {
      const Form *f = &g_array_index (forms, Form, i);
      gsize flen = strlen (f->form);

      for (const char *hit = strstr (low, f->form); hit; hit = strstr (hit + 1, f->form))
        {
          gsize s = g_array_index (map, gsize, hit - low);
          gsize e = g_array_index (map, gsize, hit - low + (gssize) flen);
          SlNoteSpan span = { s, e, f->type, NULL, FALSE, TRUE };

          if (is_word_char_before (low, hit) || is_word_char_at (hit + flen) ||
              overlaps (spans, s, e))
            continue;
          span.replacement = g_strdup (f->replacement);
          g_array_append_val (spans, span);
        }
    }

  /* 2. What the detector finds, unless a reviewer judged it harmless. */
  detected = sl_redactor_detect (text, -1);
  for (guint i = 0; i < detected->len; i++)
    {
      SlSpan *d = &g_array_index (detected, SlSpan, i);
      g_autofree char *piece = g_strndup (text + d->start, d->end - d->start);
      g_autofree char *piece_low = lower (piece);
      SlNoteSpan span = { d->start, d->end, d->type, NULL, FALSE, FALSE };

      if (overlaps (spans, d->start, d->end))
        continue;
      span.rejected = rejected != NULL && g_strv_contains ((const char * const *) rejected,
                                                           piece_low);
      span.replacement = g_strdup (sl_redactor_get_label (d->type));
      g_array_append_val (spans, span);
    }
  g_array_sort (spans, by_start);

  for (guint i = 0; i < spans->len; i++)
    {
      SlNoteSpan *s = &g_array_index (spans, SlNoteSpan, i);

      if (s->rejected)
        continue;
      g_string_append_len (out, text + at, (gssize) (s->start - at));
      g_string_append (out, s->replacement);
      at = s->end;
    }
  g_string_append (out, text + at);
  sodium_memzero (low, strlen (low));

  if (spans_out != NULL)
    *spans_out = spans;
  else
    g_array_unref (spans);
  return g_string_free (out, FALSE);
}

/* A note's text, and the record's number; checks that the field is a note. */
static char *
load_note (SlVault     *self,
           const char  *record,
           const char  *field,
           char       **id_out,
           GError     **error)
{
  g_autofree char *id = sl_vault_resolve_record_id (self, record, error);
  g_autoptr(SlRecord) r = id ? sl_vault_load_record (self, id, error) : NULL;
  SlCodebook *book = sl_vault_get_codebook (self);
  SlRecordType *rt;
  SlField *f;
  JsonNode *v;

  if (r == NULL)
    return NULL;
  rt = sl_codebook_lookup_type (book, sl_record_get_record_type (r), error);
  if (rt == NULL || !(f = sl_record_type_lookup_field (rt, field, error)))
    return NULL;
  if (f->type != SL_FIELD_LONG_TEXT)
    {
      g_set_error (error, SL_NOTES_ERROR, SL_NOTES_ERROR_NOT_A_NOTE,
                   "%s is not a note of a %s (notes are its long text fields)", field, rt->id);
      return NULL;
    }
  if (id_out != NULL)
    *id_out = g_steal_pointer (&id);
  v = sl_record_get_value (r, field);
  return g_strdup (v && JSON_NODE_HOLDS_VALUE (v) && json_node_get_value_type (v) == G_TYPE_STRING ?
                   json_node_get_string (v) : "");
}

static GStrv
load_rejected (SlVault    *self,
               const char *id,
               const char *field,
               guint8     *hash_out,
               gboolean   *has_review)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db;

  *has_review = FALSE;
  _sl_vault_lock_db (self);
  if ((db = _sl_vault_get_db (self)) != NULL)
    {
      sqlite3_prepare_v2 (db, "SELECT n.text_hash, n.rejected FROM note_reviews n "
                          "JOIN records r ON r.no = n.record WHERE r.id = ?1 AND n.field = ?2",
                          -1, &stmt, NULL);
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, field, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          g_autoptr(JsonNode) node = json_from_string ((const char *) sqlite3_column_text (stmt, 1),
                                                       NULL);

          *has_review = TRUE;
          if (sqlite3_column_bytes (stmt, 0) == crypto_hash_sha256_BYTES && hash_out)
            memcpy (hash_out, sqlite3_column_blob (stmt, 0), crypto_hash_sha256_BYTES);
          if (node && JSON_NODE_HOLDS_ARRAY (node))
            {
              JsonArray *arr = json_node_get_array (node);

              for (guint i = 0; i < json_array_get_length (arr); i++)
                g_strv_builder_add (b, json_array_get_string_element (arr, i));
            }
        }
      sqlite3_finalize (stmt);
    }
  _sl_vault_unlock_db (self);
  return g_strv_builder_end (b);
}

/**
 * sl_vault_redact_note:
 * @self: an unlocked vault
 * @record: the record (or its id's first characters)
 * @field: the note's field
 * @spans: (out) (optional) (transfer full) (element-type SlNoteSpan): what
 *   was found, in the original's bytes
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the note with every registered
 *   name replaced by its pseudonym and every other identifier found by
 *   its label, except what its review judged harmless
 */
char *
sl_vault_redact_note (SlVault     *self,
                      const char  *record,
                      const char  *field,
                      GArray     **spans,
                      GError     **error)
{
  g_autofree char *id = NULL;
  g_autofree char *text = load_note (self, record, field, &id, error);
  g_autofree char *case_id = NULL;
  g_auto(GStrv) rejected = NULL;
  gboolean reviewed;
  char *ret;

  if (text == NULL || !(case_id = sl_vault_dup_case_id (self, id, error)))
    return NULL;
  rejected = load_rejected (self, id, field, NULL, &reviewed);
  ret = redact (self, case_id, text, rejected, spans);
  sodium_memzero (text, strlen (text));
  return ret;
}

/**
 * sl_vault_redact_text:
 * @self: an unlocked vault
 * @record: (nullable): a record of the case the text belongs to, or %NULL
 * @text: any text
 * @spans: (out) (optional) (transfer full) (element-type SlNoteSpan): what
 *   was found
 * @error: return location for a #GError
 *
 * Like sl_vault_redact_note(), for text that is not (yet) a note: names in
 * the registry of @record's case become their pseudonyms, other cases'
 * names their kind.
 *
 * Returns: (transfer full) (nullable): the redacted text
 */
char *
sl_vault_redact_text (SlVault     *self,
                      const char  *record,
                      const char  *text,
                      GArray     **spans,
                      GError     **error)
{
  g_autofree char *case_id = NULL;

  g_return_val_if_fail (SL_IS_VAULT (self), NULL);

  if (record != NULL && !(case_id = sl_vault_dup_case_id (self, record, error)))
    return NULL;
  if (sl_vault_get_codebook (self) == NULL)
    return locked (self, error), NULL;
  return redact (self, case_id, text, NULL, spans);
}

/* Reviews */

static void
text_hash (const char *text,
           guint8     *out)
{
  crypto_hash_sha256 (out, (const guint8 *) text, strlen (text));
}

/**
 * sl_vault_review_note:
 * @self: an unlocked vault
 * @record: the record
 * @field: the note's field
 * @rejected: (nullable) (array zero-terminated=1): strings the detector
 *   found that the reviewer judged not identifying (kept as written)
 * @error: return location for a #GError
 *
 * Records that the note, as it stands now, was reviewed by the vault's
 * author. Editing the note afterwards makes it unreviewed again.
 *
 * Returns: %TRUE on success
 */
gboolean
sl_vault_review_note (SlVault             *self,
                      const char          *record,
                      const char          *field,
                      const char * const  *rejected,
                      GError             **error)
{
  g_autofree char *id = NULL;
  g_autofree char *text = load_note (self, record, field, &id, error);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *rejected_json = NULL;
  g_autofree char *when = _sl_now_iso8601 ();
  guint8 hash[crypto_hash_sha256_BYTES];
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db;
  int rc = SQLITE_ERROR;

  if (text == NULL)
    return FALSE;
  text_hash (text, hash);
  sodium_memzero (text, strlen (text));
  json_builder_begin_array (builder);
  for (guint i = 0; rejected != NULL && rejected[i] != NULL; i++)
    {
      g_autofree char *low = lower (rejected[i]);

      json_builder_add_string_value (builder, g_strstrip (low));
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  rejected_json = json_to_string (root, FALSE);

  _sl_vault_lock_db (self);
  if ((db = _sl_vault_get_db (self)) != NULL)
    {
      gint64 no = record_no (db, id);

      sqlite3_exec (db, "SAVEPOINT sl_review", NULL, NULL, NULL);
      sqlite3_prepare_v2 (db, "DELETE FROM note_reviews WHERE record = ?1 AND field = ?2",
                          -1, &stmt, NULL);
      sqlite3_bind_int64 (stmt, 1, no);
      sqlite3_bind_text (stmt, 2, field, -1, SQLITE_STATIC);
      sqlite3_step (stmt);
      sqlite3_finalize (stmt);
      sqlite3_prepare_v2 (db, "INSERT INTO note_reviews (record, field, text_hash, reviewer, "
                          "reviewed, rejected) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", -1, &stmt, NULL);
      sqlite3_bind_int64 (stmt, 1, no);
      sqlite3_bind_text (stmt, 2, field, -1, SQLITE_STATIC);
      sqlite3_bind_blob (stmt, 3, hash, sizeof hash, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, sl_vault_get_author (self), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, when, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, rejected_json, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      sqlite3_finalize (stmt);
      sqlite3_exec (db, rc == SQLITE_DONE ? "RELEASE sl_review"
                                          : "ROLLBACK TO sl_review; RELEASE sl_review",
                    NULL, NULL, NULL);
      if (rc != SQLITE_DONE)
        _sl_set_error_from_db (error, db, rc, "The review could not be saved");
    }
  _sl_vault_unlock_db (self);
  if (db == NULL)
    return locked (self, error);
  return rc == SQLITE_DONE;
}

/**
 * sl_vault_get_note_status:
 * @self: an unlocked vault
 * @record: the record
 * @field: the note's field
 * @error: return location for a #GError
 *
 * Returns: whether the note, as it stands, was reviewed
 */
SlNoteStatus
sl_vault_get_note_status (SlVault     *self,
                          const char  *record,
                          const char  *field,
                          GError     **error)
{
  g_autofree char *id = NULL;
  g_autofree char *text = load_note (self, record, field, &id, error);
  g_auto(GStrv) rejected = NULL;
  guint8 stored[crypto_hash_sha256_BYTES] = { 0 };
  guint8 now[crypto_hash_sha256_BYTES];
  gboolean reviewed = FALSE;

  if (text == NULL || *text == '\0')
    return SL_NOTE_EMPTY;
  rejected = load_rejected (self, id, field, stored, &reviewed);
  if (!reviewed)
    return SL_NOTE_NOT_REVIEWED;
  text_hash (text, now);
  sodium_memzero (text, strlen (text));
  return sodium_memcmp (now, stored, sizeof now) == 0 ? SL_NOTE_REVIEWED : SL_NOTE_CHANGED;
}

/**
 * sl_vault_dup_note_rejected:
 * @self: an unlocked vault
 * @record: the record
 * @field: the note's field
 * @error: return location for a #GError
 *
 * What the note's last review judged not identifying, in lower case, as
 * sl_vault_review_note() was given it; empty when it was never reviewed.
 * The note editor starts from it.
 *
 * Returns: (transfer full) (nullable): the strings, or %NULL with @error
 */
GStrv
sl_vault_dup_note_rejected (SlVault     *self,
                            const char  *record,
                            const char  *field,
                            GError     **error)
{
  g_autofree char *id = NULL;
  g_autofree char *text = NULL;
  gboolean reviewed;

  g_return_val_if_fail (SL_IS_VAULT (self), NULL);

  if (!(text = load_note (self, record, field, &id, error)))
    return NULL;
  sodium_memzero (text, strlen (text));
  return load_rejected (self, id, field, NULL, &reviewed);
}

/**
 * sl_vault_count_unreviewed_notes:
 * @self: an unlocked vault
 * @error: return location for a #GError
 *
 * Returns: how many notes of records not deleted are not reviewed as they
 *   stand (never reviewed, or edited since)
 */
guint
sl_vault_count_unreviewed_notes (SlVault  *self,
                                 GError  **error)
{
  SlCodebook *book = sl_vault_get_codebook (self);
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db;
  guint n = 0;

  _sl_vault_lock_db (self);
  if ((db = _sl_vault_get_db (self)) == NULL || book == NULL)
    {
      _sl_vault_unlock_db (self);
      return locked (self, error), 0;
    }
  sqlite3_prepare_v2 (db, "SELECT r.type, v.field, v.value, n.text_hash FROM record_values v "
                      "JOIN records r ON r.no = v.record LEFT JOIN note_reviews n "
                      "ON n.record = v.record AND n.field = v.field WHERE r.deleted = 0",
                      -1, &stmt, NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      SlRecordType *rt = sl_codebook_lookup_type (book, (const char *) sqlite3_column_text (stmt, 0),
                                                  NULL);
      SlField *f = rt ? sl_record_type_lookup_field (rt, (const char *) sqlite3_column_text (stmt, 1),
                                                     NULL) : NULL;
      g_autoptr(JsonNode) v = NULL;
      guint8 hash[crypto_hash_sha256_BYTES];

      if (f == NULL || f->type != SL_FIELD_LONG_TEXT)
        continue;
      v = sl_value_from_json ((const char *) sqlite3_column_text (stmt, 2), NULL);
      if (v == NULL || !JSON_NODE_HOLDS_VALUE (v) || json_node_get_value_type (v) != G_TYPE_STRING ||
          *json_node_get_string (v) == '\0')
        continue;
      text_hash (json_node_get_string (v), hash);
      if (sqlite3_column_bytes (stmt, 3) != sizeof hash ||
          sodium_memcmp (sqlite3_column_blob (stmt, 3), hash, sizeof hash) != 0)
        n++;
    }
  sqlite3_finalize (stmt);
  _sl_vault_unlock_db (self);
  return n;
}
