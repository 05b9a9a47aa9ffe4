/* sl-redactor.c
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

#define G_LOG_DOMAIN "sl-redactor"

#include "config.h"

#include <string.h>

#include "sl-redactor.h"

/*
 * First slice of the detector: structured UK identifiers only. Each
 * recogniser is a regular expression, compiled once, that proposes
 * candidates, and a validator that applies the identifier's own rules
 * (check digits, letter sets, a birth context for dates). Phone numbers use
 * a hand-written scanner because their grouping varies too much for a
 * readable pattern. The patterns are compiled with G_REGEX_RAW, so offsets
 * are bytes and text that is not valid UTF-8 is still scanned.
 */

typedef gboolean (*ValidateFunc) (const char *text,
                                  GMatchInfo *match,
                                  gsize      *start,
                                  gsize      *end);

typedef struct
{
  const char         *type;
  const char         *pattern;
  GRegexCompileFlags  flags;
  ValidateFunc        validate;
} Recogniser;

typedef struct
{
  const char *type;
  const char *label;
} Label;

#define MONTHS "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|" \
               "aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"

#define STREET_SUFFIXES "(?:Street|St|Road|Rd|Lane|Ln|Avenue|Ave|Close|Cl|Drive|Dr|Way|" \
                        "Court|Ct|Crescent|Cres|Grove|Place|Pl|Terrace|Tce|Gardens|Gdns|" \
                        "Mews|Walk|Row|Hill|Square|Sq|Park|Parade|Rise|View|Green|Vale|" \
                        "Fold|Croft|Brow|Gate|Meadows?|Boulevard|Embankment|Wharf|Yard|" \
                        "Quay|Broadway)"

static gboolean validate_nhs (const char *, GMatchInfo *, gsize *, gsize *);
static gboolean validate_ni (const char *, GMatchInfo *, gsize *, gsize *);
static gboolean validate_upn (const char *, GMatchInfo *, gsize *, gsize *);
static gboolean validate_one_case (const char *, GMatchInfo *, gsize *, gsize *);
static gboolean validate_url (const char *, GMatchInfo *, gsize *, gsize *);
static gboolean validate_handle (const char *, GMatchInfo *, gsize *, gsize *);
static gboolean validate_vehicle (const char *, GMatchInfo *, gsize *, gsize *);
static gboolean validate_dob (const char *, GMatchInfo *, gsize *, gsize *);
static gboolean validate_reference (const char *, GMatchInfo *, gsize *, gsize *);

static const Recogniser recognisers[] = {
  { SL_SPAN_NHS_NUMBER,
    "(?<![0-9])[0-9]{3}[ -]?[0-9]{3}[ -]?[0-9]{4}(?![0-9])",
    0, validate_nhs },
  { SL_SPAN_NI_NUMBER,
    "\\b[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?[0-9]{2} ?[0-9]{2} ?[0-9]{2} ?[A-D]\\b",
    G_REGEX_CASELESS, validate_ni },
  { SL_SPAN_UPN,
    "\\b[A-HJ-NP-RT-Z][0-9]{12}\\b",
    G_REGEX_CASELESS, validate_upn },
  { SL_SPAN_POSTCODE,
    "\\b(?:[A-PR-UWYZ][0-9][0-9A-HJKPSTUW]?|[A-PR-UWYZ][A-HK-Y][0-9][0-9ABEHMNPRVWXY]?)"
    " ?[0-9][ABD-HJLNP-UW-Z]{2}\\b",
    G_REGEX_CASELESS, validate_one_case },
  { SL_SPAN_EMAIL,
    "(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\\.)+"
    "[A-Za-z]{2,}\\b",
    0, NULL },
  { SL_SPAN_URL,
    "(?<![A-Za-z0-9])(?:https?://|www\\.)[^\\s<>\"]+",
    G_REGEX_CASELESS, validate_url },
  { SL_SPAN_SOCIAL_HANDLE,
    "(?<![A-Za-z0-9_@.])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?",
    0, validate_handle },
  { SL_SPAN_VEHICLE_REG,
    "\\b[A-HJ-PR-Y][A-HJ-PR-Z][0-9]{2} ?[A-HJ-PR-Z]{3}\\b",
    G_REGEX_CASELESS, validate_vehicle },
  { SL_SPAN_DATE_OF_BIRTH,
    "\\b(?:[0-9]{1,2}[/.-][0-9]{1,2}[/.-](?:[0-9]{4}|[0-9]{2})"
    "|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"
    "|[0-9]{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?" MONTHS "\\.?,?\\s+[0-9]{4}"
    "|" MONTHS "\\.?\\s+[0-9]{1,2}(?:st|nd|rd|th)?,?\\s+[0-9]{4})\\b",
    G_REGEX_CASELESS, validate_dob },
  { SL_SPAN_REFERENCE,
    "\\b(?:crime\\s+ref(?:erence)?|crime\\s+(?:no|number)|crn|urn|case\\s+(?:no|number|ref)"
    "|ref(?:erence)?\\s+(?:no|number)|reference|lcs(?:\\s+id)?"
    "|mosaic(?:\\s+(?:id|no|number|ref))?|cp\\s+ref|court\\s+ref|cad)\\b"
    "\\.?(?:\\s+(?:no|number|id)\\b\\.?)?\\s*[:#]?\\s*"
    "([A-Za-z0-9](?:[A-Za-z0-9/-]*[A-Za-z0-9])?)",
    G_REGEX_CASELESS, validate_reference },
  { SL_SPAN_ADDRESS,
    "\\b(?:(?i:flat|apartment|apt|unit)\\.?\\s+[0-9]{1,4}[A-Za-z]?,?\\s+)?"
    "[0-9]{1,4}[A-Za-z]?,?\\s+(?:[A-Z][A-Za-z'-]*\\s+){1,3}" STREET_SUFFIXES "\\b",
    0, NULL },
};

static const Label labels[] = {
  { SL_SPAN_NHS_NUMBER, "[NHS number]" },
  { SL_SPAN_NI_NUMBER, "[NI number]" },
  { SL_SPAN_UPN, "[UPN]" },
  { SL_SPAN_POSTCODE, "[postcode]" },
  { SL_SPAN_PHONE, "[phone]" },
  { SL_SPAN_EMAIL, "[email]" },
  { SL_SPAN_URL, "[URL]" },
  { SL_SPAN_SOCIAL_HANDLE, "[social handle]" },
  { SL_SPAN_VEHICLE_REG, "[vehicle reg]" },
  { SL_SPAN_DATE_OF_BIRTH, "[date of birth]" },
  { SL_SPAN_REFERENCE, "[reference]" },
  { SL_SPAN_ADDRESS, "[address]" },
};

static GRegex *compiled[G_N_ELEMENTS (recognisers)];
static GRegex *birth_context;

/* Helpers */

static void
compile_all (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      for (guint i = 0; i < G_N_ELEMENTS (recognisers); i++)
        {
          g_autoptr(GError) error = NULL;

          compiled[i] = g_regex_new (recognisers[i].pattern,
                                     recognisers[i].flags | G_REGEX_RAW | G_REGEX_OPTIMIZE,
                                     0, &error);
          if (compiled[i] == NULL)
            g_error ("recogniser %s does not compile: %s", recognisers[i].type, error->message);
        }
      birth_context = g_regex_new ("(?:\\bd\\.?\\s?o\\.?\\s?b\\b|\\bdate\\s+of\\s+birth\\b"
                                   "|\\bbirth\\s*date\\b|\\bborn\\b|\\bb\\.)",
                                   G_REGEX_RAW | G_REGEX_OPTIMIZE | G_REGEX_CASELESS, 0, NULL);
      g_once_init_leave (&once, 1);
    }
}

static void
match_bounds (GMatchInfo *match,
              int         group,
              gsize      *start,
              gsize      *end)
{
  int s = -1, e = -1;

  g_match_info_fetch_pos (match, group, &s, &e);
  *start = (gsize) s;
  *end = (gsize) e;
}

/* Copies the digits of text[start, end) into digits; returns their number. */
static guint
collect_digits (const char *text,
                gsize       start,
                gsize       end,
                guint      *digits,
                guint       max)
{
  guint n = 0;

  for (gsize i = start; i < end; i++)
    if (g_ascii_isdigit (text[i]))
      {
        if (n < max)
          digits[n] = (guint) (text[i] - '0');
        n++;
      }
  return n;
}

/* Letters all upper case, all lower case, or only the first upper case. */
static gboolean
is_one_case (const char *text,
             gsize       start,
             gsize       end)
{
  gboolean upper = FALSE, lower = FALSE, later_upper = FALSE, first = TRUE;

  for (gsize i = start; i < end; i++)
    {
      if (!g_ascii_isalpha (text[i]))
        continue;
      if (g_ascii_isupper (text[i]))
        {
          upper = TRUE;
          if (!first)
            later_upper = TRUE;
        }
      else
        lower = TRUE;
      first = FALSE;
    }
  return !(upper && lower && later_upper);
}

static gboolean
validate_nhs (const char *text,
              GMatchInfo *match,
              gsize      *start,
              gsize      *end)
{
  guint d[10];
  guint sum = 0, check;

  if (collect_digits (text, *start, *end, d, 10) != 10)
    return FALSE;
  for (guint i = 0; i < 9; i++)
    sum += d[i] * (10 - i);
  check = 11 - sum % 11;
  if (check == 11)
    check = 0;
  return check != 10 && check == d[9];
}

static gboolean
validate_ni (const char *text,
             GMatchInfo *match,
             gsize      *start,
             gsize      *end)
{
  static const char *const invalid[] = { "BG", "GB", "NK", "KN", "TN", "NT", "ZZ" };
  char prefix[3] = { g_ascii_toupper (text[*start]), g_ascii_toupper (text[*start + 1]), 0 };

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    if (g_str_equal (prefix, invalid[i]))
      return FALSE;
  return TRUE;
}

static gboolean
validate_upn (const char *text,
              GMatchInfo *match,
              gsize      *start,
              gsize      *end)
{
  static const char alphabet[] = "ABCDEFGHJKLMNPQRTUVWXYZ";
  guint sum = 0;

  for (guint i = 1; i < 13; i++)
    sum += (guint) (text[*start + i] - '0') * (i + 1);
  return g_ascii_toupper (text[*start]) == alphabet[sum % 23];
}

static gboolean
validate_one_case (const char *text,
                   GMatchInfo *match,
                   gsize      *start,
                   gsize      *end)
{
  return is_one_case (text, *start, *end);
}

static gboolean
validate_url (const char *text,
              GMatchInfo *match,
              gsize      *start,
              gsize      *end)
{
  int open = 0;

  for (gsize i = *start; i < *end; i++)
    {
      if (text[i] == '(')
        open++;
      else if (text[i] == ')')
        open--;
    }
  /* Sentence punctuation and an unbalanced bracket are not part of the address. */
  while (*end > *start)
    {
      char c = text[*end - 1];

      if (strchr (".,;:!?'", c) != NULL || (c == ')' && open < 0))
        {
          if (c == ')')
            open++;
          (*end)--;
        }
      else
        break;
    }
  return *end - *start > 7;
}

static gboolean
validate_handle (const char *text,
                 GMatchInfo *match,
                 gsize      *start,
                 gsize      *end)
{
  /* "@14" is a time or a count, not an account. */
  for (gsize i = *start + 1; i < *end; i++)
    if (g_ascii_isalpha (text[i]) || text[i] == '_')
      return TRUE;
  return FALSE;
}

static gboolean
validate_vehicle (const char *text,
                  GMatchInfo *match,
                  gsize      *start,
                  gsize      *end)
{
  guint age = (guint) (text[*start + 2] - '0') * 10 + (guint) (text[*start + 3] - '0');

  /* Age identifiers run 02–49 (March) and 51–99 (September). */
  if (age < 2 || age == 50)
    return FALSE;
  return is_one_case (text, *start, *end);
}

static gboolean
plausible_date (const char *text,
                gsize       start,
                gsize       end)
{
  guint parts[3] = { 0, 0, 0 };
  guint widths[3] = { 0, 0, 0 };
  guint n = 0;
  gboolean numeric = TRUE;

  for (gsize i = start; i < end; i++)
    if (g_ascii_isalpha (text[i]))
      numeric = FALSE;

  for (gsize i = start; i < end && n < 3; i++)
    {
      if (g_ascii_isdigit (text[i]))
        {
          parts[n] = parts[n] * 10 + (guint) (text[i] - '0');
          widths[n]++;
        }
      else if (widths[n] > 0)
        n++;
    }
  if (!numeric)
    return parts[0] >= 1 && parts[0] <= 31;
  if (widths[0] == 4)
    return parts[1] >= 1 && parts[1] <= 12 && parts[2] >= 1 && parts[2] <= 31;
  return parts[0] >= 1 && parts[0] <= 31 && parts[1] >= 1 && parts[1] <= 12;
}

static gboolean
validate_dob (const char *text,
              GMatchInfo *match,
              gsize      *start,
              gsize      *end)
{
  g_autoptr(GMatchInfo) ctx = NULL;
  gsize window = *start > 64 ? *start - 64 : 0;
  gsize last_end = 0;
  gboolean found = FALSE;
  guint words = 0;
  gboolean in_word = FALSE;

  if (!plausible_date (text, *start, *end))
    return FALSE;

  /* A date identifies a child only when it is a birth date: look for
   * "DOB", "date of birth", "born" or "b." a few words before it. */
  g_regex_match_full (birth_context, text + window, (gssize) (*start - window), 0, 0, &ctx, NULL);
  while (g_match_info_matches (ctx))
    {
      int s, e;

      g_match_info_fetch_pos (ctx, 0, &s, &e);
      last_end = window + (gsize) e;
      found = TRUE;
      g_match_info_next (ctx, NULL);
    }
  if (!found)
    return FALSE;
  for (gsize i = last_end; i < *start; i++)
    {
      gboolean space = g_ascii_isspace (text[i]);

      if (!space && !in_word)
        words++;
      in_word = !space;
    }
  return words <= 4;
}

static gboolean
validate_reference (const char *text,
                    GMatchInfo *match,
                    gsize      *start,
                    gsize      *end)
{
  guint d[1];

  match_bounds (match, 1, start, end);
  return collect_digits (text, *start, *end, d, 0) >= 4;
}

/* Returns the end of a UK phone number starting at text[i], or 0. */
static gsize
scan_phone (const char *text,
            gsize       len,
            gsize       i)
{
  gsize q = i;
  gboolean in_paren = FALSE;
  gboolean prev_sep = FALSE;
  guint got = 0;

  if (i > 0 && (g_ascii_isalnum (text[i - 1]) || text[i - 1] == '+' || text[i - 1] == '/' ||
                text[i - 1] == '.'))
    return 0;
  if (text[q] == '+')
    {
      if (q + 3 > len || text[q + 1] != '4' || text[q + 2] != '4')
        return 0;
      q += 3;
      if (q < len && (text[q] == ' ' || text[q] == '-'))
        q++;
      if (q + 3 <= len && memcmp (text + q, "(0)", 3) == 0)
        {
          q += 3;
          if (q < len && text[q] == ' ')
            q++;
        }
    }
  else if (text[q] == '(')
    {
      if (q + 1 >= len || text[q + 1] != '0')
        return 0;
      in_paren = TRUE;
      q += 2;
    }
  else if (text[q] == '0')
    q++;
  else
    return 0;

  if (q >= len || strchr ("1235789", text[q]) == NULL || text[q] == '\0')
    return 0;

  while (got < 10 && q < len)
    {
      char c = text[q];

      if (g_ascii_isdigit (c))
        {
          got++;
          prev_sep = FALSE;
        }
      else if ((c == ' ' || c == '-') && !prev_sep)
        prev_sep = TRUE;
      else if (c == ')' && in_paren && !prev_sep)
        {
          in_paren = FALSE;
          if (q + 1 < len && text[q + 1] == ' ')
            q++;
          prev_sep = TRUE;
        }
      else
        break;
      q++;
    }
  if (got < 10 || in_paren)
    return 0;
  if (q < len && (g_ascii_isalnum (text[q]) || (text[q] == '-' && q + 1 < len &&
                                                g_ascii_isdigit (text[q + 1]))))
    return 0;
  return q;
}

static int
compare_spans (gconstpointer a,
               gconstpointer b)
{
  const SlSpan *x = a;
  const SlSpan *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->end != y->end)
    return x->end > y->end ? -1 : 1;
  return 0;
}

/* Public API */

/**
 * sl_redactor_get_label:
 * @type: one of the `SL_SPAN_*` types
 *
 * Returns: (transfer none): the bracketed label that replaces a span of
 *   @type, such as "[phone]"
 */
const char *
sl_redactor_get_label (const char *type)
{
  g_return_val_if_fail (type != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (labels[i].type, type))
      return labels[i].label;
  return "[redacted]";
}

/**
 * sl_redactor_detect:
 * @text: the text to scan (UTF-8; other bytes are tolerated)
 * @len: its length in bytes, or -1 if it is nul-terminated
 *
 * Finds the structured UK identifiers in @text: NHS numbers (with a valid
 * check digit), NI numbers, unique pupil numbers, postcodes, phone numbers,
 * e-mail addresses, URLs, social media handles, vehicle registrations,
 * dates of birth (only with a birth context), case reference numbers and
 * street addresses. Where candidates overlap, the longest wins.
 *
 * Returns: (transfer full) (element-type SlSpan): the spans, sorted by
 *   start and never overlapping
 */
GArray *
sl_redactor_detect (const char *text,
                    gssize      len)
{
  g_autoptr(GArray) found = NULL;
  GArray *spans;
  gsize n;

  g_return_val_if_fail (text != NULL || len == 0, NULL);

  spans = g_array_new (FALSE, FALSE, sizeof (SlSpan));
  if (text == NULL)
    return spans;
  n = len < 0 ? strlen (text) : (gsize) len;
  compile_all ();
  found = g_array_new (FALSE, FALSE, sizeof (SlSpan));

  for (guint r = 0; r < G_N_ELEMENTS (recognisers); r++)
    {
      g_autoptr(GMatchInfo) match = NULL;

      g_regex_match_full (compiled[r], text, (gssize) n, 0, 0, &match, NULL);
      while (g_match_info_matches (match))
        {
          SlSpan span = { 0, 0, recognisers[r].type };

          match_bounds (match, 0, &span.start, &span.end);
          if ((recognisers[r].validate == NULL ||
               recognisers[r].validate (text, match, &span.start, &span.end)) &&
              span.end > span.start)
            g_array_append_val (found, span);
          g_match_info_next (match, NULL);
        }
    }

  for (gsize i = 0; i < n; i++)
    if (text[i] == '0' || text[i] == '+' || text[i] == '(')
      {
        gsize end = scan_phone (text, n, i);

        if (end > 0)
          {
            SlSpan span = { i, end, SL_SPAN_PHONE };

            g_array_append_val (found, span);
            i = end - 1;
          }
      }

  g_array_sort (found, compare_spans);
  for (guint i = 0; i < found->len; i++)
    {
      const SlSpan *cand = &g_array_index (found, SlSpan, i);
      SlSpan *last = spans->len > 0 ? &g_array_index (spans, SlSpan, spans->len - 1) : NULL;

      if (last == NULL || cand->start >= last->end)
        g_array_append_val (spans, *cand);
      else if (cand->end - cand->start > last->end - last->start)
        *last = *cand;
    }
  return spans;
}

/**
 * sl_redactor_redact_structured:
 * @text: a nul-terminated text
 *
 * Replaces every identifier sl_redactor_detect() finds by a bracketed label
 * of its type, such as "[phone]" or "[NHS number]".
 *
 * Returns: (transfer full): the redacted text
 */
char *
sl_redactor_redact_structured (const char *text)
{
  g_autoptr(GArray) spans = NULL;
  GString *out;
  gsize pos = 0;

  g_return_val_if_fail (text != NULL, NULL);

  spans = sl_redactor_detect (text, -1);
  out = g_string_sized_new (strlen (text));
  for (guint i = 0; i < spans->len; i++)
    {
      const SlSpan *span = &g_array_index (spans, SlSpan, i);

      g_string_append_len (out, text + pos, (gssize) (span->start - pos));
      g_string_append (out, sl_redactor_get_label (span->type));
      pos = span->end;
    }
  g_string_append (out, text + pos);
  return g_string_free (out, FALSE);
}
