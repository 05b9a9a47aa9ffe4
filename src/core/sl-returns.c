/* sl-returns.c
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

#define G_LOG_DOMAIN "sl-returns"

#include "config.h"

#include <sodium.h>
#include <string.h>

#include "sl-codebook.h"
#include "sl-csv.h"
#include "sl-returns.h"
#include "sl-vault-private.h"

/*
 * Indicator data returns, linked without names.
 *
 * Each agency keys its own file before it leaves the agency: the columns
 * that identify a child (an NHS number, or name, date of birth and
 * postcode) are normalised and become one pseudonym,
 * HMAC-SHA256(secret, "nhs:" number) or HMAC-SHA256(secret, "person:" name
 * "|" date of birth "|" postcode), and are dropped. The secret is made by
 * the inquiry and shared with the agencies, so the same child gets the
 * same key in every agency's file, while the inquiry, which never
 * receives the identifiers, cannot key a name it does not already hold
 * without the agencies' data.
 */

#define SECRET_BYTES 32
#define SECRET_PREFIX "sightline-linkage-secret-v1:"
#define KEY_COLUMN "child_key"

G_DEFINE_QUARK (sl-returns-error-quark, sl_returns_error)

typedef enum
{
  COL_OTHER,
  COL_NHS,
  COL_NAME,
  COL_FIRST,
  COL_LAST,
  COL_DOB,
  COL_POSTCODE,
} ColumnKind;

static const struct { const char *name; ColumnKind kind; } identifying[] = {
  { "nhs", COL_NHS }, { "nhsnumber", COL_NHS }, { "nhsno", COL_NHS },
  { "name", COL_NAME }, { "fullname", COL_NAME }, { "childname", COL_NAME },
  { "firstname", COL_FIRST }, { "forename", COL_FIRST }, { "forenames", COL_FIRST },
  { "givenname", COL_FIRST }, { "surname", COL_LAST }, { "lastname", COL_LAST },
  { "familyname", COL_LAST }, { "dob", COL_DOB }, { "dateofbirth", COL_DOB },
  { "birthdate", COL_DOB }, { "postcode", COL_POSTCODE }, { "postalcode", COL_POSTCODE },
};

static ColumnKind
column_kind (const char *header)
{
  g_autoptr(GString) squeezed = g_string_new (NULL);

  for (const char *c = header; *c; c++)
    if (g_ascii_isalnum (*c))
      g_string_append_c (squeezed, g_ascii_tolower (*c));
  for (guint i = 0; i < G_N_ELEMENTS (identifying); i++)
    if (g_str_equal (squeezed->str, identifying[i].name))
      return identifying[i].kind;
  return COL_OTHER;
}

/* Secrets */

SlSecret *
sl_returns_secret_new (void)
{
  SlSecret *s = sl_secret_new (SECRET_BYTES);

  randombytes_buf (sl_secret_get_data (s), SECRET_BYTES);
  return s;
}

/**
 * sl_returns_secret_to_text:
 * @secret: a linkage secret
 *
 * Returns: (transfer full): the secret as one line of text, for its file
 */
char *
sl_returns_secret_to_text (SlSecret *secret)
{
  gsize len = sodium_base64_ENCODED_LEN (SECRET_BYTES, sodium_base64_VARIANT_ORIGINAL);
  g_autofree char *b64 = g_malloc (len);

  sodium_bin2base64 (b64, len, sl_secret_get_data (secret), SECRET_BYTES,
                     sodium_base64_VARIANT_ORIGINAL);
  return g_strconcat (SECRET_PREFIX, b64, "\n", NULL);
}

SlSecret *
sl_returns_secret_load (const char  *path,
                        GError     **error)
{
  g_autofree char *text = NULL;
  g_autoptr(SlSecret) s = sl_secret_new (SECRET_BYTES);
  g_autoptr(GError) local = NULL;
  size_t got = 0;
  char *b64;

  if (!g_file_get_contents (path, &text, NULL, &local))
    {
      g_set_error (error, SL_RETURNS_ERROR, SL_RETURNS_ERROR_SECRET,
                   "The linkage secret could not be read: %s", local->message);
      return NULL;
    }
  g_strstrip (text);
  b64 = g_str_has_prefix (text, SECRET_PREFIX) ? text + strlen (SECRET_PREFIX) : NULL;
  if (b64 == NULL ||
      sodium_base642bin (sl_secret_get_data (s), SECRET_BYTES, b64, strlen (b64), NULL, &got,
                         NULL, sodium_base64_VARIANT_ORIGINAL) != 0 ||
      got != SECRET_BYTES)
    {
      sodium_memzero (text, strlen (text));
      g_set_error (error, SL_RETURNS_ERROR, SL_RETURNS_ERROR_SECRET,
                   "%s is not a linkage secret made by `sightline-cli returns secret`; ask the "
                   "inquiry for the file it sent", path);
      return NULL;
    }
  sodium_memzero (text, strlen (text));
  return g_steal_pointer (&s);
}

/* Normalising */

/**
 * sl_returns_normalise_name:
 * @name: a name as an agency wrote it
 *
 * Folds case and accents, drops apostrophes, hyphens and full stops, and
 * sorts the words, so that "Jadé O'Brien-Smith", "O'BRIEN-SMITH, Jade" and
 * "jade obriensmith" agree.
 *
 * Returns: (transfer full): the normalised name ("" when none)
 */
char *
sl_returns_normalise_name (const char *name)
{
  g_autofree char *nfkd = g_utf8_normalize (name ? name : "", -1, G_NORMALIZE_NFKD);
  g_autoptr(GString) plain = g_string_new (NULL);
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) parts = NULL;
  g_autofree char *folded = NULL;

  for (const char *p = nfkd; p && *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_type (c) == G_UNICODE_NON_SPACING_MARK || c == '\'' || c == 0x2019 ||
          c == '-' || c == '.')
        continue;
      if (g_unichar_isalpha (c))
        g_string_append_unichar (plain, c);
      else
        g_string_append_c (plain, ' ');
    }
  folded = g_utf8_casefold (plain->str, -1);
  parts = g_strsplit (folded, " ", -1);
  for (guint i = 0; parts[i]; i++)
    if (*parts[i])
      g_ptr_array_add (words, g_strdup (parts[i]));
  {
    /* a few words: insertion sort */
    for (guint i = 1; i < words->len; i++)
      for (guint j = i; j > 0 && strcmp (g_ptr_array_index (words, j - 1), g_ptr_array_index (words, j)) > 0; j--)
        {
          gpointer tmp = g_ptr_array_index (words, j);

          g_ptr_array_index (words, j) = g_ptr_array_index (words, j - 1);
          g_ptr_array_index (words, j - 1) = tmp;
        }
  }
  g_ptr_array_add (words, NULL);
  return g_strjoinv (" ", (char **) words->pdata);
}

/**
 * sl_returns_normalise_postcode:
 * @postcode: a UK postcode as written
 *
 * Returns: (transfer full): upper case, without spaces
 */
char *
sl_returns_normalise_postcode (const char *postcode)
{
  GString *s = g_string_new (NULL);

  for (const char *c = postcode ? postcode : ""; *c; c++)
    if (g_ascii_isalnum (*c))
      g_string_append_c (s, g_ascii_toupper (*c));
  return g_string_free (s, FALSE);
}

/**
 * sl_returns_normalise_nhs:
 * @nhs: an NHS number as written ("943 476 5919")
 *
 * Returns: (transfer full) (nullable): its ten digits, or %NULL if it is
 *   not a valid NHS number (its modulus 11 check digit fails)
 */
char *
sl_returns_normalise_nhs (const char *nhs)
{
  g_autoptr(GString) d = g_string_new (NULL);
  int sum = 0, check;

  for (const char *c = nhs ? nhs : ""; *c; c++)
    {
      if (g_ascii_isdigit (*c))
        g_string_append_c (d, *c);
      else if (*c != ' ' && *c != '-')
        return NULL;
    }
  if (d->len != 10)
    return NULL;
  for (int i = 0; i < 9; i++)
    sum += (d->str[i] - '0') * (10 - i);
  check = 11 - sum % 11;
  if (check == 11)
    check = 0;
  if (check == 10 || check != d->str[9] - '0')
    return NULL;
  return g_string_free (g_steal_pointer (&d), FALSE);
}

static void
hmac_hex (SlSecret   *secret,
          const char *input,
          GString    *out)
{
  guint8 mac[crypto_auth_hmacsha256_BYTES];
  char hex[2 * crypto_auth_hmacsha256_BYTES + 1];

  crypto_auth_hmacsha256 (mac, (const guint8 *) input, strlen (input),
                          sl_secret_get_data (secret));
  sodium_bin2hex (hex, sizeof hex, mac, sizeof mac);
  g_string_append (out, hex);
  sodium_memzero (mac, sizeof mac);
}

/**
 * sl_returns_key_csv:
 * @secret: the inquiry's linkage secret
 * @match: what keys are made from
 * @data: an agency's return as CSV (first row: column names)
 * @length: its length
 * @out: where the keyed CSV is appended: `child_key` first, then every
 *   column that does not identify the child
 * @n_rows: (out) (optional): rows keyed
 * @error: return location for a #GError
 *
 * Runs at the agency, before the file leaves it. Nothing is written to
 * @out unless every row could be keyed.
 *
 * Returns: %TRUE on success
 */
gboolean
sl_returns_key_csv (SlSecret     *secret,
                    SlMatch       match,
                    const char   *data,
                    gsize         length,
                    GString      *out,
                    guint        *n_rows,
                    GError      **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GString) keyed = g_string_new (KEY_COLUMN);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autofree ColumnKind *kinds = NULL;
  GPtrArray *header;
  gboolean has[COL_POSTCODE + 1] = { FALSE };

  if (!(rows = sl_csv_parse (data, length, error)))
    return FALSE;
  if (rows->len < 1)
    {
      g_set_error (error, SL_RETURNS_ERROR, SL_RETURNS_ERROR_INVALID,
                   "The return is empty; its first row should name the columns");
      return FALSE;
    }
  header = g_ptr_array_index (rows, 0);
  kinds = g_new0 (ColumnKind, header->len);
  for (guint c = 0; c < header->len; c++)
    {
      kinds[c] = column_kind (g_ptr_array_index (header, c));
      /* Two columns of one identifying kind: which one would key the
       * child? Refused rather than guessed. */
      if (kinds[c] != COL_OTHER && has[kinds[c]])
        {
          g_set_error (error, SL_RETURNS_ERROR, SL_RETURNS_ERROR_INVALID,
                       "The return has two columns that identify children the same way "
                       "(column %u, \"%s\", repeats an earlier one); keep one and send the "
                       "return again", c + 1, (char *) g_ptr_array_index (header, c));
          return FALSE;
        }
      has[kinds[c]] = TRUE;
      if (kinds[c] == COL_OTHER)
        {
          g_string_append_c (keyed, ',');
          sl_csv_append_field (keyed, g_ptr_array_index (header, c));
        }
    }
  g_string_append (keyed, "\r\n");

  if (match == SL_MATCH_AUTO)
    match = has[COL_NHS] ? SL_MATCH_NHS : SL_MATCH_PERSON;
  if (match == SL_MATCH_NHS && !has[COL_NHS])
    {
      g_set_error (error, SL_RETURNS_ERROR, SL_RETURNS_ERROR_UNKEYABLE,
                   "The return has no NHS number column (nhs_number); key it by name, date of "
                   "birth and postcode with --match person");
      return FALSE;
    }
  if (match == SL_MATCH_PERSON && (!(has[COL_NAME] || (has[COL_FIRST] && has[COL_LAST])) || !has[COL_DOB]))
    {
      g_set_error (error, SL_RETURNS_ERROR, SL_RETURNS_ERROR_UNKEYABLE,
                   "The return needs a name (name, or first_name and surname) and a "
                   "date_of_birth column to key children by person");
      return FALSE;
    }

  for (guint r = 1; r < rows->len && problems->len < 100; r++)
    {
      GPtrArray *row = g_ptr_array_index (rows, r);
      g_autoptr(GString) name = g_string_new (NULL);
      g_autofree char *dob = NULL;
      g_autofree char *postcode = NULL;
      g_autofree char *nhs = NULL;
      g_autofree char *input = NULL;

      if (row->len != header->len)
        {
          g_ptr_array_add (problems, g_strdup_printf ("row %u: it has %u columns but the first row "
                                                      "has %u", r + 1, row->len, header->len));
          continue;
        }
      for (guint c = 0; c < row->len; c++)
        {
          const char *v = g_ptr_array_index (row, c);

          switch (kinds[c])
            {
            case COL_NHS:
              nhs = sl_returns_normalise_nhs (v);
              break;
            case COL_NAME:
            case COL_FIRST:
            case COL_LAST:
              g_string_append_printf (name, "%s ", v);
              break;
            case COL_DOB:
              dob = sl_parse_uk_date (v, FALSE);
              break;
            case COL_POSTCODE:
              postcode = sl_returns_normalise_postcode (v);
              break;
            case COL_OTHER:
            default:
              break;
            }
        }

      if (match == SL_MATCH_NHS)
        {
          if (nhs == NULL)
            {
              g_ptr_array_add (problems, g_strdup_printf ("row %u: the NHS number is missing or "
                                                          "not valid (its check digit fails)", r + 1));
              continue;
            }
          input = g_strconcat ("nhs:", nhs, NULL);
        }
      else
        {
          g_autofree char *n = sl_returns_normalise_name (name->str);

          if (*n == '\0' || dob == NULL)
            {
              g_ptr_array_add (problems, g_strdup_printf ("row %u: %s", r + 1,
                                                          *n == '\0' ? "the name is empty" :
                                                          "the date of birth is not a date"));
              continue;
            }
          input = g_strdup_printf ("person:%s|%s|%s", n, dob, postcode ? postcode : "");
          sodium_memzero (n, strlen (n));
        }

      hmac_hex (secret, input, keyed);
      sodium_memzero (input, strlen (input));
      for (guint c = 0; c < row->len; c++)
        if (kinds[c] == COL_OTHER)
          {
            g_string_append_c (keyed, ',');
            sl_csv_append_field (keyed, g_ptr_array_index (row, c));
          }
      g_string_append (keyed, "\r\n");
    }

  if (problems->len > 0)
    {
      g_autofree char *all = NULL;
      guint n = problems->len;

      g_ptr_array_add (problems, NULL);
      all = g_strjoinv ("\n  ", (char **) problems->pdata);
      g_set_error (error, SL_RETURNS_ERROR, SL_RETURNS_ERROR_UNKEYABLE,
                   "No keyed file was written: %u row%s could not be keyed:\n  %s", n,
                   n == 1 ? "" : "s", all);
      return FALSE;
    }
  g_string_append_len (out, keyed->str, (gssize) keyed->len);
  if (n_rows)
    *n_rows = rows->len - 1;
  return TRUE;
}

/* Import */

static SlField *
indicator_field (SlCodebook *book)
{
  SlRecordType *rt = sl_codebook_lookup_type (book, "indicator_return", NULL);

  return rt ? sl_record_type_lookup_field (rt, "indicators_covered", NULL) : NULL;
}

static SlOption *
indicator_option (SlField    *field,
                  const char *header)
{
  for (guint i = 0; field->options && i < field->options->len; i++)
    {
      SlOption *o = g_ptr_array_index (field->options, i);

      if (g_ascii_strcasecmp (o->code, header) == 0 || g_utf8_collate (o->label, header) == 0)
        return o;
    }
  return NULL;
}

static int
hit_count (const char *cell)
{
  g_autofree char *s = g_strstrip (g_strdup (cell));
  gint64 n;

  if (*s == '\0' || g_ascii_strcasecmp (s, "no") == 0 || g_ascii_strcasecmp (s, "n") == 0 ||
      g_ascii_strcasecmp (s, "false") == 0)
    return 0;
  if (g_ascii_strcasecmp (s, "yes") == 0 || g_ascii_strcasecmp (s, "y") == 0 ||
      g_ascii_strcasecmp (s, "true") == 0)
    return 1;
  if (g_ascii_string_to_signed (s, 10, 0, 100000, &n, NULL))
    return (int) n;
  return -1;
}

void
sl_return_column_free (SlReturnColumn *column)
{
  g_free (column->header);
  g_free (column->indicator);
  g_free (column->label);
  g_free (column);
}

/**
 * sl_vault_preview_return:
 * @vault: an unlocked vault
 * @data: a keyed return
 * @length: its length
 * @n_rows: (out) (optional): its rows, header excepted
 * @error: return location for a #GError
 *
 * How each column of a return would be read, before anything is written:
 * the key, an indicator of the codebook, an identifier (which refuses the
 * file), or neither (which refuses it too).
 *
 * Returns: (transfer full) (element-type SlReturnColumn) (nullable): the
 *   columns, in the file's order
 */
GPtrArray *
sl_vault_preview_return (SlVault     *vault,
                         const char  *data,
                         gsize        length,
                         guint       *n_rows,
                         GError     **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  SlCodebook *book = sl_vault_get_codebook (vault);
  SlField *field;
  GPtrArray *header;
  GPtrArray *ret;

  if (book == NULL)
    {
      g_set_error (error, SL_VAULT_ERROR, SL_VAULT_ERROR_LOCKED, "The vault is locked");
      return NULL;
    }
  if (!(field = indicator_field (book)))
    {
      g_set_error (error, SL_RETURNS_ERROR, SL_RETURNS_ERROR_INVALID,
                   "The codebook %s has no indicator returns", sl_codebook_get_id (book));
      return NULL;
    }
  if (!(rows = sl_csv_parse (data, length, error)))
    return NULL;
  if (rows->len == 0)
    {
      g_set_error (error, SL_RETURNS_ERROR, SL_RETURNS_ERROR_INVALID, "The return is empty");
      return NULL;
    }
  header = g_ptr_array_index (rows, 0);
  ret = g_ptr_array_new_with_free_func ((GDestroyNotify) sl_return_column_free);
  for (guint c = 0; c < header->len; c++)
    {
      SlReturnColumn *col = g_new0 (SlReturnColumn, 1);
      const char *name = g_ptr_array_index (header, c);
      SlOption *o;

      col->header = g_strdup (name);
      col->is_key = g_str_equal (name, KEY_COLUMN);
      col->identifying = !col->is_key && column_kind (name) != COL_OTHER;
      if (!col->is_key && !col->identifying && (o = indicator_option (field, name)))
        {
          col->indicator = g_strdup (o->code);
          col->label = g_strdup (o->label);
        }
      g_ptr_array_add (ret, col);
    }
  if (n_rows)
    *n_rows = rows->len - 1;
  return ret;
}

/**
 * sl_vault_import_returns:
 * @vault: an unlocked vault
 * @provider: the agency the return came from
 * @data: a keyed return (`child_key` and one column per Appendix C
 *   indicator, by code or label, holding yes/no or a count)
 * @length: its length
 * @n_rows: (out) (optional): children imported
 * @error: return location for a #GError
 *
 * One transaction: a return that still holds an identifier column, an
 * unknown column or a bad row is refused whole, and every problem listed.
 * Importing the same provider again replaces its earlier return.
 *
 * Returns: %TRUE on success
 */
gboolean
sl_vault_import_returns (SlVault     *vault,
                         const char  *provider,
                         const char  *data,
                         gsize        length,
                         guint       *n_rows,
                         GError     **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autofree SlOption **indicators = NULL;
  g_autoptr(GError) csv_error = NULL;
  SlCodebook *book = sl_vault_get_codebook (vault);
  SlField *field;
  GPtrArray *header;
  int key_col = -1;
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  gboolean ok = TRUE;
  int rc;

  if (book == NULL)
    {
      g_set_error (error, SL_VAULT_ERROR, SL_VAULT_ERROR_LOCKED, "The vault is locked");
      return FALSE;
    }
  if (!(field = indicator_field (book)))
    {
      g_set_error (error, SL_RETURNS_ERROR, SL_RETURNS_ERROR_INVALID,
                   "The codebook %s has no indicator returns (no indicator_return record type "
                   "with indicators_covered)", sl_codebook_get_id (book));
      return FALSE;
    }
  if (provider == NULL || *provider == '\0')
    {
      g_set_error (error, SL_RETURNS_ERROR, SL_RETURNS_ERROR_INVALID,
                   "Name the provider of the return (--provider NAME)");
      return FALSE;
    }
  if (!(rows = sl_csv_parse (data, length, &csv_error)) || rows->len == 0)
    {
      g_set_error (error, SL_RETURNS_ERROR, SL_RETURNS_ERROR_INVALID,
                   "The return is not valid CSV%s%s. Nothing was imported",
                   csv_error ? ": " : " (it is empty)", csv_error ? csv_error->message : "");
      return FALSE;
    }

  header = g_ptr_array_index (rows, 0);
  indicators = g_new0 (SlOption *, header->len);
  for (guint c = 0; c < header->len; c++)
    {
      const char *name = g_ptr_array_index (header, c);

      if (g_str_equal (name, KEY_COLUMN))
        key_col = (int) c;
      else if (column_kind (name) != COL_OTHER)
        g_ptr_array_add (problems, g_strdup_printf ("column %u (%s) identifies a child: the return "
                                                    "must be keyed at the agency with `sightline-cli "
                                                    "returns key` before it is sent; delete this file",
                                                    c + 1, name));
      else if (!(indicators[c] = indicator_option (field, name)))
        g_ptr_array_add (problems, g_strdup_printf ("column %u (%s) is not an indicator of the "
                                                    "codebook; name it by an indicator's code, e.g. "
                                                    "missing_education", c + 1, name));
    }
  if (key_col < 0)
    g_ptr_array_add (problems, g_strdup ("there is no child_key column: this is not a keyed "
                                         "return"));

  for (guint r = 1; r < rows->len && problems->len < 100 && key_col >= 0; r++)
    {
      GPtrArray *row = g_ptr_array_index (rows, r);
      const char *key;

      if (row->len != header->len)
        {
          g_ptr_array_add (problems, g_strdup_printf ("row %u: it has %u columns but the first row "
                                                      "has %u", r + 1, row->len, header->len));
          continue;
        }
      key = g_ptr_array_index (row, key_col);
      if (strlen (key) != 64 || strspn (key, "0123456789abcdef") != 64)
        g_ptr_array_add (problems, g_strdup_printf ("row %u: the child_key is not a key made by "
                                                    "`sightline-cli returns key`", r + 1));
      for (guint c = 0; c < row->len; c++)
        if (indicators[c] && hit_count (g_ptr_array_index (row, c)) < 0)
          g_ptr_array_add (problems, g_strdup_printf ("row %u, column %s: '%s' is not yes, no or a "
                                                      "count", r + 1, (char *) g_ptr_array_index (header, c),
                                                      (char *) g_ptr_array_index (row, c)));
    }

  if (problems->len > 0)
    {
      g_autofree char *all = NULL;
      guint n = problems->len;

      g_ptr_array_add (problems, NULL);
      all = g_strjoinv ("\n  ", (char **) problems->pdata);
      g_set_error (error, SL_RETURNS_ERROR,
                   strstr (all, "identifies a child") ? SL_RETURNS_ERROR_IDENTIFIER
                                                      : SL_RETURNS_ERROR_INVALID,
                   "The return was not imported; nothing was changed. %u problem%s:\n  %s",
                   n, n == 1 ? "" : "s", all);
      return FALSE;
    }

  _sl_vault_lock_db (vault);
  db = _sl_vault_get_db (vault);
  if ((rc = sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL)) != SQLITE_OK)
    {
      _sl_set_error_from_db (error, db, rc, "The return could not be imported");
      _sl_vault_unlock_db (vault);
      return FALSE;
    }
  sqlite3_prepare_v2 (db, "DELETE FROM return_hits WHERE provider = ?1", -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, provider, -1, SQLITE_STATIC);
  ok = sqlite3_step (stmt) == SQLITE_DONE;
  sqlite3_finalize (stmt);
  sqlite3_prepare_v2 (db, "INSERT INTO return_hits (provider, child_key, indicator, hits) "
                      "VALUES (?1, ?2, ?3, ?4)", -1, &stmt, NULL);
  for (guint r = 1; ok && r < rows->len; r++)
    {
      GPtrArray *row = g_ptr_array_index (rows, r);

      for (guint c = 0; ok && c < row->len; c++)
        {
          int n;

          if (indicators[c] == NULL || (n = hit_count (g_ptr_array_index (row, c))) <= 0)
            continue;
          sqlite3_reset (stmt);
          sqlite3_bind_text (stmt, 1, provider, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 2, g_ptr_array_index (row, key_col), -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 3, indicators[c]->code, -1, SQLITE_STATIC);
          sqlite3_bind_int (stmt, 4, n);
          rc = sqlite3_step (stmt);
          if (rc == SQLITE_CONSTRAINT)
            {
              /* the same child twice in one return: add the hits up */
              sqlite3_stmt *up = NULL;

              sqlite3_prepare_v2 (db, "UPDATE return_hits SET hits = hits + ?4 WHERE provider = ?1 "
                                  "AND child_key = ?2 AND indicator = ?3", -1, &up, NULL);
              sqlite3_bind_text (up, 1, provider, -1, SQLITE_STATIC);
              sqlite3_bind_text (up, 2, g_ptr_array_index (row, key_col), -1, SQLITE_STATIC);
              sqlite3_bind_text (up, 3, indicators[c]->code, -1, SQLITE_STATIC);
              sqlite3_bind_int (up, 4, n);
              rc = sqlite3_step (up);
              sqlite3_finalize (up);
            }
          ok = rc == SQLITE_DONE;
        }
    }
  sqlite3_finalize (stmt);
  if (ok && (rc = sqlite3_exec (db, "COMMIT", NULL, NULL, NULL)) == SQLITE_OK)
    {
      g_autoptr(GPtrArray) none = g_ptr_array_new ();

      _sl_vault_unlock_db (vault);
      if (n_rows)
        *n_rows = rows->len - 1;
      _sl_vault_emit_records_changed (vault, none);
      return TRUE;
    }
  _sl_set_error_from_db (error, db, sqlite3_errcode (db), "The return could not be imported");
  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  _sl_vault_unlock_db (vault);
  return FALSE;
}

/**
 * sl_vault_dup_return_profile:
 * @vault: an unlocked vault
 * @datasets: count distinct data sets (providers) per child, else
 *   indicators (an indicator in two data sets counts twice)
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type guint): one count per child
 */
GArray *
sl_vault_dup_return_profile (SlVault  *vault,
                             gboolean  datasets,
                             GError  **error)
{
  GArray *ret = NULL;
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db;

  _sl_vault_lock_db (vault);
  if ((db = _sl_vault_get_db (vault)) == NULL)
    g_set_error (error, SL_VAULT_ERROR, SL_VAULT_ERROR_LOCKED, "The vault is locked");
  else
    {
      ret = g_array_new (FALSE, FALSE, sizeof (guint));
      sqlite3_prepare_v2 (db, datasets ?
                          "SELECT count(DISTINCT provider) FROM return_hits GROUP BY child_key" :
                          "SELECT count(*) FROM return_hits GROUP BY child_key", -1, &stmt, NULL);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          guint n = (guint) sqlite3_column_int (stmt, 0);

          g_array_append_val (ret, n);
        }
      sqlite3_finalize (stmt);
    }
  _sl_vault_unlock_db (vault);
  return ret;
}
