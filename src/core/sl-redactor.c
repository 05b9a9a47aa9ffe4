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

#include <gio/gio.h>

#include "sl-core-resources.h"
#include "sl-redactor.h"

/*
 * Structured UK identifiers (below) and names of people, places and
 * institutions (the "Names, places and institutions" section). Each
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

/* Where a pattern can start, if not anywhere: one pass over the text
 * (find_starts) lists the places where each could, by the shape of the
 * bytes its match must begin with, and the pattern is tried only there,
 * anchored. That saves a pass of the regex engine over the text for each
 * pattern, which tried every letter a pattern may start with. */
typedef enum
{
  START_ANYWHERE,
  START_NHS, /* three digits, not after one */
  START_NI, /* two letters at a word's start, then two digits */
  START_UPN, /* a letter at a word's start, then twelve digits */
  START_POSTCODE, /* a letter at a word's start; a digit and two letters soon after */
  START_EMAIL, /* the start of the run of bytes before an "@" */
  START_URL, /* "http" or "www" after no letter or digit */
  START_VEHICLE, /* two letters at a word's start, then two digits and a letter */
  START_DATE, /* a day or a year at a word's start, or a month's name */
  START_REFERENCE, /* a reference's keyword ("crime", "ref", "log"...) */
  START_ADDRESS, /* a house's number, or "flat", "apartment", "apt", "unit", "room" */
  N_STARTS
} Start;

typedef struct
{
  const char         *type;
  const char         *pattern;
  GRegexCompileFlags  flags;
  ValidateFunc        validate;
  Start               start;
} Recogniser;

typedef struct
{
  const char *type;
  const char *label;
} Label;

#define MONTH_NAMES "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|" \
                    "aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
#define MONTHS "(?:" MONTH_NAMES ")"
/* after a day, Welsh months too ("12 Rhagfyr 2009"); only there, as a
 * pattern that may start at any word costs the scan its speed */
#define DAY_MONTHS "(?:" MONTH_NAMES "|ionawr|chwefror|mawrth|ebrill|mai|mehefin|gorffennaf|" \
                   "awst|medi|hydref|tachwedd|rhagfyr)"

#define STREET_SUFFIXES "(?:Street|St|Road|Rd|Lane|Ln|Avenue|Ave|Close|Cl|Drive|Dr|Way|" \
                        "Court|Ct|Crescent|Cres|Grove|Place|Pl|Terrace|Tce|Gardens|Gdns|" \
                        "Mews|Walk|Row|Hill|Square|Sq|Park|Parade|Rise|View|Green|Vale|" \
                        "Fold|Croft|Brow|Gate|Meadows?|Boulevard|Embankment|Wharf|Yard|" \
                        "Quay|Broadway|Wynd|Brae|Loan|Circus|Approach|Heights|Bank|Chase|" \
                        "Dene|Mount|Ridge|Causeway|Villas|Garth|Paddock|Glade|Dell|Nook|End)"

/* Welsh street words come first: "Heol y Nant", "Ffordd Las"; and the
 * words that start streets' names in Gaelic ("Cnoc an t-Sìthein",
 * "Sràid", "Rathad") and in Cornish ("Chy-an-Dour") */
#define WELSH_STREETS "(?:Heol|Ffordd|Stryd|L\xc3\xb4n|Lon|Rhodfa|Maes|Cwrt|Clos|Llys|Bryn|Cae|Nant|" \
                      "Pant|Coed|Parc|Glan|Bron|Cnoc|Sr\xc3\xa0id|Rathad|Chy)"

static gboolean validate_nhs (const char *, GMatchInfo *, gsize *, gsize *);
static gboolean validate_ni (const char *, GMatchInfo *, gsize *, gsize *);
static gboolean validate_upn (const char *, GMatchInfo *, gsize *, gsize *);
static gboolean validate_one_case (const char *, GMatchInfo *, gsize *, gsize *);
static gboolean validate_url (const char *, GMatchInfo *, gsize *, gsize *);
static gboolean validate_handle (const char *, GMatchInfo *, gsize *, gsize *);
static gboolean validate_vehicle (const char *, GMatchInfo *, gsize *, gsize *);
static gboolean validate_dob (const char *, GMatchInfo *, gsize *, gsize *);
static gboolean validate_reference (const char *, GMatchInfo *, gsize *, gsize *);
static gboolean validate_address (const char *, GMatchInfo *, gsize *, gsize *);

static const Recogniser recognisers[] = {
  { SL_SPAN_NHS_NUMBER,
    "(?<![0-9])[0-9]{3}[ -]?[0-9]{3}[ -]?[0-9]{4}(?![0-9])",
    0, validate_nhs, START_NHS },
  { SL_SPAN_NI_NUMBER,
    "\\b[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?[0-9]{2} ?[0-9]{2} ?[0-9]{2} ?[A-D]\\b",
    G_REGEX_CASELESS, validate_ni, START_NI },
  { SL_SPAN_UPN,
    "\\b[A-HJ-NP-RT-Z][0-9]{12}\\b",
    G_REGEX_CASELESS, validate_upn, START_UPN },
  { SL_SPAN_POSTCODE,
    "\\b(?:[A-PR-UWYZ][0-9][0-9A-HJKPSTUW]?|[A-PR-UWYZ][A-HK-Y][0-9][0-9ABEHMNPRVWXY]?)"
    " ?[0-9][ABD-HJLNP-UW-Z]{2}\\b",
    G_REGEX_CASELESS, validate_one_case, START_POSTCODE },
  { SL_SPAN_EMAIL,
    "(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\\.)+"
    "[A-Za-z]{2,}\\b",
    0, NULL, START_EMAIL },
  { SL_SPAN_URL,
    "(?<![A-Za-z0-9])(?:https?://|www\\.)[^\\s<>\"]+",
    G_REGEX_CASELESS, validate_url, START_URL },
  { SL_SPAN_SOCIAL_HANDLE,
    "(?<![A-Za-z0-9_@.])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?",
    0, validate_handle },
  { SL_SPAN_VEHICLE_REG,
    /* "YE22 KWT", "HF16-GXS"; a partial plate, "YE22 K??"; a Northern
     * Irish plate, its county's letters with an I or a Z, "AXZ 1234" */
    "\\b(?:[A-HJ-PR-Y][A-HJ-PR-Z] ?[0-9]{2}[ -]?"
    "(?:[A-HJ-PR-Z]{3}\\b|(?:[A-HJ-PR-Z][?*]{2}|[A-HJ-PR-Z]{2}[?*])(?![A-Za-z0-9?*]))"
    "|(?-i:[A-HJ-PR-Z](?:[A-HJ-NPR-Y]Z|IA|IB|IG|IJ|IL|IW|JI|OI|UI|XI) ?[0-9]{1,4})\\b)",
    G_REGEX_CASELESS, validate_vehicle, START_VEHICLE },
  { SL_SPAN_DATE_OF_BIRTH,
    "\\b(?:[0-9]{1,2}[/.-][0-9]{1,2}[/.-](?:[0-9]{4}|[0-9]{2})"
    "|[0-9]{4}(?:-[0-9]{1,2}-|/[0-9]{1,2}/|\\.[0-9]{1,2}\\.)[0-9]{1,2}"
    "|[0-9]{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?" DAY_MONTHS "\\.?,?\\s+(?:[0-9]{4}|'?[0-9]{2}(?![:.][0-9]))"
    "|[0-9]{1,2}-" MONTHS "-(?:[0-9]{4}|[0-9]{2})"
    "|" MONTHS "\\.?\\s+[0-9]{1,2}(?:st|nd|rd|th)?,?\\s+[0-9]{4})\\b",
    G_REGEX_CASELESS, validate_dob, START_DATE },
  { SL_SPAN_REFERENCE,
    "\\b(?:crime\\s+ref(?:erence)?|crime\\s+(?:no|number|report)|crn|urn"
    "|(?:incident|occurrence)\\s+(?:no|number|ref)"
    "|ref(?:erence)?\\s+(?:no|number)|reference|ref|lcs(?:\\s+id)?"
    "|mosaic(?:\\s+(?:id|no|number|ref))?|cp\\s+ref|court\\s+ref|cad|log"
    "|(?:contact|referral|case)\\s+(?:id|ref|no|number)"
    "|(?:social\\s+care|client|person|child|family)\\s+id"
    /* a hospital's, a survey's, an employer's, a court's, a regulator's
     * number for someone: "MRN: M4471902", "Respondent ID: 11893456720",
     * "Payroll no. P-118204", "Claim no. G70BD418", "GMC 7044189" */
    "|mrn|hospital\\s+(?:no|number)"
    "|(?:respondent|response|childview|pnc|employee|staff|payroll)\\s+(?:id|no|number)"
    "|(?:claim|cro|dfe|hcpc|nmc|gmc)\\s+(?:no|number)|gmc|nmc\\s+pin|laestab"
    /* a small provider's or charity's registration, which names it:
     * "Registered charity no. 1102846", "company number 09481736",
     * "Registered in England No. 07755312", "ODS code M88047" */
    "|registered\\s+charity(?:\\s+(?:no|number))?|(?:charity|company)\\s+(?:no|number)"
    "|registered(?:\\s+in\\s+England(?:\\s+and\\s+Wales)?)?,?\\s+(?:no|number)|ods\\s+code"
    /* "Company 13004412", "the company's number is 11267390", "limited by
     * guarantee (no. 11302958)", "Care service number: CS2011293540",
     * "Social Work England register no. SW44718", "SWIFT ID 1844021" */
    "|company(?=\\s+\\(?(?:[0-9]{8}|[A-Z]{2}[0-9]{6})\\b)|company's\\s+number"
    "|limited\\s+by\\s+guarantee\\s+\\(no|care\\s+service\\s+(?:no|number)"
    "|register\\s+(?:no|number)|swift\\s+id"
    /* "Companies House no. 06218845", "Liquidlogic ID 309218", "crime
     * 13220322471" */
    "|companies\\s+house(?:\\s+(?:no|number))?|liquidlogic(?:\\s+id)?|crime(?=\\s+[0-9])"
    /* a Scottish patient's CHI number */
    "|chi"
    /* "File: MR/FAM/8831", a solicitor's or a court's file, with its colon */
    "|file(?=\\s*[:#])"
    /* "logged as SUB 0398", "logged under SUB 0398" */
    "|logged\\s+(?:as|under))\\b"
    /* "the police reference is 2500271836", "the crime reference at the
     * time was 13070023916", "our social care ID for Child M is 1288104" */
    "\\.?(?:\\s+(?:no|number|id)\\b\\.?)?"
    "(?:(?:\\s+(?:for|at|of)(?:\\s+[A-Za-z]+){1,3})?\\s+(?:is|was)\\b)?\\s*[:#,(]?\\s*"
    /* "log 0712 160524", "log 1154 08/11": a log number and the day it was
     * opened; "CW 1190 of 14/02/24", "HCC 448120": a force's or a
     * council's letters, a number, and the day */
    "((?:(?=[A-Za-z/-]*[0-9])[A-Za-z0-9](?:[A-Za-z0-9/-]*[A-Za-z0-9])?(?: [0-9]{6}(?![0-9/]))?"
    "|(?-i:(?!(?:LCS|CAD|URN|CRN|LOG)\\b)[A-Z]{1,4}) [0-9]{3,}(?:/[0-9]{2,4}| [0-9]{6})?(?![0-9]))"
    "(?: of [0-9]{1,2}/[0-9]{1,2}(?:/(?:[0-9]{4}|[0-9]{2}))?(?![0-9/])"
    "| [0-9]{1,2}/[0-9]{1,2}(?:/(?:[0-9]{4}|[0-9]{2}))?(?![0-9/]))?)",
    G_REGEX_CASELESS, validate_reference, START_REFERENCE },
  { SL_SPAN_ADDRESS,
    "\\b(?:"
    /* "Flat 12, Parkside Court": a flat in a named block */
    /* "Block D, Linnet House": a block of flats by its letter */
    "(?:(?i:flat|apartment|apt|unit)\\.?[ \\t]+[0-9]{1,4}(?:/[0-9]{1,2})?[A-Za-z]?|(?i:block)[ \\t]+[A-Z])"
    ",?[ \\t]+(?:[A-Z][A-Za-z'-]+[ \\t]+){1,2}"
    "(?:Court|House|Tower|Towers|Heights|Lodge|Mansions|Point|Buildings|Apartments|Hall|Chambers"
    /* "Unit 7, Meridian Business Park" */
    "|Park|Estate)"
    /* "Flat 6, Carlton House, Birchills St": and its street */
    "(?:,[ \\t]+(?:[A-Z][A-Za-z'-]*[ \\t]+){1,2}" STREET_SUFFIXES "(?![A-Za-z]))?"
    /* "Flat 3, 45 Hope Road"; a Glasgow flat's floor and door, "2/1, 17
     * Strathmartine Road", an Edinburgh one's, "3F2, 47 Easter Road" */
    /* "Flat B, 17 Church Road", "Room 3, 27 Stoney Stanton Road" */
    "|(?:(?:(?i:flat|apartment|apt|unit|room)\\.?[ \\t]+(?:[0-9]{1,4}(?:/[0-9]{1,2})?[A-Za-z]?|[A-Z])"
    "|[0-9]{1,2}/[0-9]{1,2}|[0-9][Ff][0-9]{1,2}),?[ \\t]+)?"
    /* "212-214 Coventry Road", "23–25 Station Road" */
    "[0-9]{1,4}(?:(?:-|\xe2\x80\x93)[0-9]{1,4})?[A-Za-z]?,?[ \\t]+(?:"
    /* "32 wharncliffe road": the street in lower case */
    "(?!(?:the|a|an|of|to|up|down|on|in|at|by|and|or|off|min|mins|minutes"
    "|miles?|yards|metres|doors|houses|more|other|main|side|back|slip|ring|trunk|way)\\s)"
    "[a-z][a-z'-]+[ \\t]+(?:[a-z][a-z'-]+[ \\t]+)?(?:street|road|lane|avenue|close|drive|crescent"
    "|terrace|grove|gardens|park|way|place|court|walk|rise|mews|square|st|rd)"
    /* "31 ffordd las": a Welsh street in lower case */
    "|(?:heol|ffordd|stryd|lon|maes|cwrt|clos|llys)[ \\t]+(?:(?:y|yr)[ \\t]+)?[a-z][a-z'-]{2,}"
    /* "21 Restalrig Road South", "14A Queen’s Road" */
    "|(?:[A-Z](?:[A-Za-z'-]|\xe2\x80\x99)*[ \\t]+){1,3}" STREET_SUFFIXES
    "(?:[ \\t]+(?:North|South|East|West)\\b)?"
    /* "14 Marketgait", "38 Kingsway": a street of one word */
    "|(?:[A-Z][A-Za-z'-]*[ \\t]+)?[A-Z][a-z]+(?:gate|gait|way)|" WELSH_STREETS
    /* "44 Maes-y-Coed": joined by hyphens */
    "(?:-(?:y|yr|an)-[A-Z][A-Za-z\\x80-\\xff']*|(?:[ \\t]+(?:y|yr|'r|an|na))?"
    /* "18 Heol Tyn y Coed": an article between the words too */
    "[ \\t]+(?:t-)?[A-Z][A-Za-z\\x80-\\xff'-]*(?:[ \\t]+(?:(?:y|yr|'r)[ \\t]+)?[A-Z][A-Za-z\\x80-\\xff'-]*)?)"
    /* "14 SCHOLES LANE": the same in capitals */
    "|((?:(?!(?:FROM|TO|AT|IN|ON|WITH|AND|OF|FOR|BY|NEAR|OUTSIDE)\\s)[A-Z][A-Z'-]*[ \\t]+){1,3}"
    "(?i:" STREET_SUFFIXES "))))\\b",
    0, validate_address, START_ADDRESS },
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
  { SL_SPAN_PERSON, "[name]" },
  { SL_SPAN_PLACE, "[place]" },
  { SL_SPAN_INSTITUTION, "[institution]" },
};

/* Words a pattern may start with (see find_starts), looked up first by
 * their length and first letter, as most words of a text are not one */
typedef struct
{
  const char *words[56];
  guint32     firsts[12]; /* by length: a bit for each first letter */
} StartWords;

static StartWords month_words = {
  { "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec" }
};
static StartWords reference_words = {
  { "crime", "crn", "urn", "incident", "occurrence", "ref", "reference", "lcs", "mosaic", "cp",
    "court", "cad", "log", "contact", "referral", "case", "social", "client", "person", "child",
    "family", "chi", "file", "mrn", "hospital", "respondent", "response", "childview", "pnc",
    "employee", "staff", "payroll", "claim", "cro", "dfe", "hcpc", "nmc", "gmc", "laestab",
    "logged", "registered", "charity", "company", "ods", "companies", "liquidlogic", "limited",
    "care", "register", "swift" }
};
static StartWords flat_words = { { "flat", "apartment", "apt", "unit", "room", "block" } };

static void
start_words_init (StartWords *set)
{
  for (guint k = 0; set->words[k] != NULL; k++)
    set->firsts[strlen (set->words[k])] |= 1u << (set->words[k][0] - 'a');
}

/* The ASCII letters [i, i + len) of text are, in any case, one of set's
 * words. */
static inline gboolean
starts_with_word (const StartWords *set,
                  const char       *text,
                  gsize             i,
                  gsize             len)
{
  char first = text[i] | 0x20; /* an ASCII letter's lower case */

  if (len >= G_N_ELEMENTS (set->firsts) || !(set->firsts[len] & (1u << (first - 'a'))))
    return FALSE;
  for (guint k = 0; set->words[k] != NULL; k++)
    {
      const char *w = set->words[k];
      gsize q = 1;

      if (w[0] != first)
        continue;
      /* (the letters are ASCII: their lower case is the byte's | 0x20) */
      while (q < len && w[q] == (text[i + q] | 0x20))
        q++;
      if (q == len && w[len] == '\0')
        return TRUE;
    }
  return FALSE;
}

static GRegex *compiled[G_N_ELEMENTS (recognisers)];
static GRegex *birth_context;
static GRegex *owner_heading;
static GRegex *venue_heading;
static GRegex *place_heading;
/* the same headings as a table's cell anywhere in a text, to know whether
 * a text has such a column at all before its cells are read */
static GRegex *venue_heading_cell;
static GRegex *place_heading_cell;
/* the headings of columns of venues ("Venue", "Premises", "Firm"), of where
 * children are placed and by whom ("Placement", "Provider"), and of places
 * ("Location", "Area", "Found at") */
#define VENUE_HEADINGS "venues?|premises|business(?:es)?|firms?|operators?" \
  "|company|companies|employer|hotels?|takeaways?|shops?|placements?|providers?|settings?" \
  "|schools?|homes?|agency|agencies|organisations?|organizations?|schemes?|sites?|projects?"
#define PLACE_HEADINGS "locations?|areas?|local\\s+area|towns?|districts?|locality" \
  "|neighbourhood|base|where|found\\s+at|missing\\s+from|lives\\s+in|home\\s+area"
#define HEADING_CELL(words) "(?:^|[|\\t,])[ \\t]*(?:" words ")(?:\\(s\\))?[ \\t]*(?=[|\\t,\\r\\n]|$)"

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

          /* anchored when compiled, not when matched: PCRE2's JIT
           * compiler cannot honour anchoring asked for at match time */
          compiled[i] = g_regex_new (recognisers[i].pattern,
                                     recognisers[i].flags | G_REGEX_RAW | G_REGEX_OPTIMIZE |
                                     (recognisers[i].start != START_ANYWHERE ? G_REGEX_ANCHORED : 0),
                                     0, &error);
          if (compiled[i] == NULL)
            g_error ("recogniser %s does not compile: %s", recognisers[i].type, error->message);
        }
      /* "ganwyd": born, in Welsh */
      birth_context = g_regex_new ("(?:\\bd\\.?\\s?o\\.?\\s?b\\b"
                                   "|\\bdates?\\s+(?:and\\s+place\\s+)?of\\s+birth\\b"
                                   "|\\bbirth\\s*date\\b|\\bborn\\b|\\bganwyd\\b|\\bb\\.)",
                                   G_REGEX_RAW | G_REGEX_OPTIMIZE | G_REGEX_CASELESS, 0, NULL);
      /* the heading of a column of who is to act: "Owner", "Who", "Lead" */
      owner_heading = g_regex_new ("(?:owner|who|lead|by|action\\s+by|by\\s+whom|responsible"
                                   "|assigned(?:\\s+to)?|initials)\\s*$",
                                   G_REGEX_RAW | G_REGEX_OPTIMIZE | G_REGEX_CASELESS, 0, NULL);
      venue_heading = g_regex_new ("(?:" VENUE_HEADINGS ")(?:\\(s\\))?\\s*$",
                                   G_REGEX_RAW | G_REGEX_OPTIMIZE | G_REGEX_CASELESS, 0, NULL);
      venue_heading_cell = g_regex_new (HEADING_CELL (VENUE_HEADINGS),
                                        G_REGEX_RAW | G_REGEX_OPTIMIZE | G_REGEX_CASELESS |
                                        G_REGEX_MULTILINE, 0, NULL);
      place_heading = g_regex_new ("(?:" PLACE_HEADINGS ")\\s*$",
                                   G_REGEX_RAW | G_REGEX_OPTIMIZE | G_REGEX_CASELESS, 0, NULL);
      place_heading_cell = g_regex_new (HEADING_CELL (PLACE_HEADINGS),
                                        G_REGEX_RAW | G_REGEX_OPTIMIZE | G_REGEX_CASELESS |
                                        G_REGEX_MULTILINE, 0, NULL);
      start_words_init (&month_words);
      start_words_init (&reference_words);
      start_words_init (&flat_words);
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
validate_address (const char *text,
                  GMatchInfo *match,
                  gsize      *start,
                  gsize      *end)
{
  int s = -1, e = -1;

  static const char *const banks[] = { "Lloyds Bank", "Barclays Bank", "Santander Bank",
                                       "Halifax Bank", "Food Bank", "Clothes Bank",
                                       "Baby Bank" };

  /* The street in capitals: the rest of it too ("14 SCHOLES LANE") */
  if (g_match_info_fetch_pos (match, 1, &s, &e) && s >= 0)
    for (int i = s; i < e; i++)
      if (g_ascii_islower (text[i]))
        return FALSE;
  /* "19:40 Williamson Square": a time's minutes, no house's number */
  if (*start >= 3 && text[*start - 1] == ':' && g_ascii_isdigit (text[*start - 2]))
    return FALSE;
  /* "14 October 2025, Coed Pella": a year, then a place */
  if (*end - *start > 6 && (text[*start] == '1' || text[*start] == '2') &&
      g_ascii_isdigit (text[*start + 1]) && g_ascii_isdigit (text[*start + 2]) &&
      g_ascii_isdigit (text[*start + 3]) && text[*start + 4] == ',')
    return FALSE;
  /* "7 Hylton Bank" is a street, "3 Lloyds Bank" a bank's branch */
  for (guint k = 0; k < G_N_ELEMENTS (banks); k++)
    {
      gsize len = strlen (banks[k]);

      if (*end - *start > len && g_ascii_strncasecmp (text + *end - len, banks[k], len) == 0 &&
          text[*end - len - 1] == ' ')
        return FALSE;
    }
  return TRUE;
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
  gsize d = *start + 2;
  guint age;

  /* a Northern Irish plate: three capitals and a number, matched so */
  if (g_ascii_isalpha (text[d]))
    return TRUE;

  /* "KM 19 XYZ": a space inside the letters' pair and the number only in
   * capitals, and with the space after the number too */
  if (text[d] == ' ')
    {
      d++;
      if (text[d + 2] != ' ')
        return FALSE;
      for (gsize i = *start; i < *end; i++)
        if (g_ascii_islower (text[i]))
          return FALSE;
    }
  age = (guint) (text[d] - '0') * 10 + (guint) (text[d + 1] - '0');
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
  /* "03/21/1988": in American order, as survey platforms export dates */
  if (parts[0] >= 1 && parts[0] <= 12 && parts[1] > 12 && parts[1] <= 31 && widths[2] == 4)
    return TRUE;
  return parts[0] >= 1 && parts[0] <= 31 && parts[1] >= 1 && parts[1] <= 12;
}

/* This year, looked up once */
static int
current_year (void)
{
  static int this_year;

  if (g_atomic_int_get (&this_year) == 0)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      g_atomic_int_set (&this_year, g_date_time_get_year (now));
    }
  return g_atomic_int_get (&this_year);
}

/* Is @year one a child of eight or more, or an adult, was born in? */
static gboolean
birth_year_plausible (int year)
{
  return year >= 1920 && year <= current_year () - 8;
}

/* The year of the date at text[start, end): its last four digits, or
 * its first four before a "-" ("1996-11-23"); 0 if neither */
static int
date_year (const char *text,
           gsize       start,
           gsize       end)
{
  int year = 0, digits = 0;

  if (end - start >= 8 && g_ascii_isdigit (text[start]) && g_ascii_isdigit (text[start + 3]) &&
      strchr ("-/.", text[start + 4]) != NULL)
    return atoi (text + start);
  for (gsize i = end; i > start && g_ascii_isdigit (text[i - 1]) && digits < 4; i--, digits++)
    year += (text[i - 1] - '0') * (digits == 0 ? 1 : digits == 1 ? 10 : digits == 2 ? 100 : 1000);
  return digits == 4 ? year : 0;
}

/* A name's last word ends at text[q - 1] and starts with a capital
 * (after a closing quote: 'aka "Freddie"') */
static gboolean
name_ends_at (const char *text,
              gsize       q)
{
  gsize p = q;

  if (p > 0 && text[p - 1] == '"')
    p--;
  else if (p >= 3 && (guchar) text[p - 3] == 0xE2 && (guchar) text[p - 2] == 0x80 &&
           (guchar) text[p - 1] == 0x9D)
    p -= 3;
  if (p == 0 || !(g_ascii_isalpha (text[p - 1]) || (guchar) text[p - 1] >= 0x80))
    return FALSE;
  while (p > 0 && (g_ascii_isalpha (text[p - 1]) || text[p - 1] == '\'' || text[p - 1] == '-' ||
                   (guchar) text[p - 1] >= 0x80))
    p--;
  return g_ascii_isupper (text[p]) || (guchar) text[p] >= 0x80;
}

/* "Jordan Pearce (14/03/2009)", 'aka "Freddie" (1996-11-23)', "SAYAR,
 * Mehmet — 19/04/1990 — owner": a date of a plausible birth year in
 * brackets or between dashes after a name */
static gboolean
in_brackets_after_name (const char *text,
                        gsize       start,
                        gsize       end)
{
  gsize q;

  if (start >= 3 && text[start - 1] == '(' && text[start - 2] == ' ' && text[end] == ')')
    q = start - 2;
  else if (start >= 5 && strncmp (text + start - 5, " \xe2\x80\x94 ", 5) == 0 &&
           strncmp (text + end, " \xe2\x80\x94 ", 5) == 0)
    q = start - 5;
  else
    return FALSE;
  return name_ends_at (text, q) && birth_year_plausible (date_year (text, start, end));
}

static gboolean
table_separator (char ch)
{
  return ch == '|' || ch == ',' || ch == '\t';
}

/* Column @col of the line from @ls, trimmed, in @cs and @ce. */
static gboolean
table_cell (const char *text,
            gsize       ls,
            char        sep,
            guint       col,
            gsize      *cs,
            gsize      *ce)
{
  gsize p = ls;

  for (guint k = 0; k < col; k++)
    {
      while (text[p] != sep && text[p] != '\n' && text[p] != '\0')
        p++;
      if (text[p] != sep)
        return FALSE;
      p++;
    }
  while (text[p] == ' ')
    p++;
  *cs = p;
  while (text[p] != sep && text[p] != '\n' && text[p] != '\0')
    p++;
  while (p > *cs && (text[p - 1] == ' ' || text[p - 1] == '\r'))
    p--;
  *ce = p;
  return TRUE;
}

/* Is text[start, end) alone in its cell of a pasted table, comma-, tab-
 * or pipe-separated, under a heading that @heading matches at the start of
 * a cell (at least @min_len bytes of it), however many rows down? text
 * ends in a NUL. */
static gboolean
in_column_headed (const char *text,
                  gsize       start,
                  gsize       end,
                  GRegex     *heading,
                  gint        min_len)
{
  gsize ls = start, p;
  char sep = 0;
  guint col = 0, lines = 0;

  while (ls > 0 && text[ls - 1] != '\n')
    ls--;
  for (p = start; p > ls && text[p - 1] == ' '; p--)
    ;
  if (p > ls && table_separator (text[p - 1]))
    sep = text[p - 1];
  for (p = end; text[p] == ' ' || text[p] == '\r'; p++)
    ;
  if (table_separator (text[p]) && (sep == 0 || sep == text[p]))
    sep = text[p];
  else if (sep == 0 || (text[p] != '\n' && text[p] != '\0'))
    return FALSE;
  for (p = ls; p < start; p++)
    col += text[p] == sep;

  /* up the table, a line at a time, while its lines have the separator */
  while (ls > 0 && lines++ < 40)
    {
      gsize le = ls - 1, cs, ce;
      g_autoptr(GMatchInfo) m = NULL;

      ls = le;
      while (ls > 0 && text[ls - 1] != '\n')
        ls--;
      if (memchr (text + ls, sep, le - ls) == NULL)
        return FALSE;
      if (!table_cell (text, ls, sep, col, &cs, &ce) || ce - cs > 24 || ce == cs)
        continue;
      if (g_regex_match_full (heading, text, (gssize) ce, (gint) cs, G_REGEX_MATCH_ANCHORED,
                              &m, NULL))
        {
          gint ms, me;

          g_match_info_fetch_pos (m, 0, &ms, &me);
          return me - ms >= min_len;
        }
    }
  return FALSE;
}

/* "Name,DOB,Role" over rows of a table: a date alone in its cell, under a
 * heading that names a date of birth ("DOB", "Date of birth", "D.O.B.",
 * "DOB (dd/mm/yyyy)", not "b.") */
static gboolean
in_birth_column (const char *text,
                 gsize       start,
                 gsize       end)
{
  return in_column_headed (text, start, end, birth_context, 3);
}

/* Does the line text[ls, le) hold two gaps of two spaces or more, as a
 * row of a table laid out with spaces does? */
static gboolean
spaced_row (const char *text,
            gsize       ls,
            gsize       le)
{
  guint gaps = 0;

  for (gsize p = ls + 1; p + 1 < le; p++)
    if (text[p] == ' ' && text[p + 1] == ' ' && text[p - 1] != ' ')
      gaps++;
  return gaps >= 2;
}

/* "Kacey-Leigh Dunn      11    V919450110996     04.03.10": a date in a
 * table laid out with spaces, under a heading that names a date of birth
 * starting in the same column of characters, however many rows up (each
 * row between one of the table's). text ends in a NUL. */
static gboolean
in_aligned_birth_column (const char *text,
                         gsize       start)
{
  gsize ls = start, le0 = start;
  glong col;

  /* two spaces or more before it, in a row of such gaps: a column, not a
   * sentence; a row of a table is short */
  if (start < 2 || text[start - 1] != ' ' || text[start - 2] != ' ')
    return FALSE;
  while (ls > 0 && text[ls - 1] != '\n' && start - ls < 512)
    ls--;
  while (text[le0] != '\0' && text[le0] != '\n' && le0 - start < 512)
    le0++;
  if ((ls > 0 && text[ls - 1] != '\n') || (text[le0] != '\0' && text[le0] != '\n') ||
      !spaced_row (text, ls, le0))
    return FALSE;
  col = g_utf8_strlen (text + ls, (gssize) (start - ls));
  for (guint lines = 0; ls > 0 && lines < 40; lines++)
    {
      gsize le = ls - 1, p;
      glong k = 0;

      ls = le;
      while (ls > 0 && text[ls - 1] != '\n')
        ls--;
      /* up the table only: no blank line, no line of prose */
      if (le == ls || !spaced_row (text, ls, le))
        return FALSE;
      /* the characters at @col of the line above, give or take two (a
       * column typed by hand drifts) */
      for (p = ls; p < le && k < col - 2; p = (gsize) (g_utf8_next_char (text + p) - text))
        k++;
      for (; p < le && k <= col + 2; p = (gsize) (g_utf8_next_char (text + p) - text), k++)
        if (k >= col - 2 && (p == ls || text[p - 1] == ' ') && text[p] != ' ')
          {
            g_autoptr(GMatchInfo) m = NULL;
            gint ms, me;

            if (!g_regex_match_full (birth_context, text, (gssize) le, (gint) p,
                                     G_REGEX_MATCH_ANCHORED, &m, NULL))
              continue;
            g_match_info_fetch_pos (m, 0, &ms, &me);
            /* the heading is the whole cell ("DOB", "Date of birth
             * (dd/mm/yy)"), not a word of a longer one */
            if (text[me] == ' ' && (gsize) me + 1 < le && text[me + 1] == '(')
              me++;
            if (text[me] == '(')
              while ((gsize) me < le && text[me] != ')')
                me++;
            if (text[me] == ')')
              me++;
            return (gsize) me >= le || (text[me] == ' ' && text[me + 1] == ' ');
          }
    }
  return FALSE;
}

/* "Ahmadi, Shafiq; 09-09-1990; 33 Cheetham Hill Road", "| Whelan, Liam
 * | 5/5/85 |": a date as a field of a row, straight after a field of a
 * name in capitalised words, if it is at least eight years old. text
 * ends in a NUL. */
static gboolean
in_row_after_name (const char *text,
                   gsize       start,
                   gsize       end)
{
  gsize p = start, q = end, f;
  guint words = 0, groups = 0, digits = 0, year = 0;
  gboolean at_word = TRUE;
  char sep;

  while (p > 0 && text[p - 1] == ' ')
    p--;
  if (p < 2)
    return FALSE;
  sep = text[p - 1];
  if (sep != ';' && sep != '|' && sep != '\t')
    return FALSE;
  while (text[q] == ' ')
    q++;
  if (text[q] != sep && text[q] != '\n' && text[q] != '\r' && text[q] != '\0')
    return FALSE;
  /* the field before: two to four capitalised words, a comma perhaps */
  for (f = p - 1; f > 0 && text[f - 1] != sep && text[f - 1] != '\n'; f--)
    ;
  for (gsize i = f; i < p - 1; i++)
    {
      guchar ch = (guchar) text[i];

      if (ch == ' ' || ch == ',')
        {
          at_word = TRUE;
          continue;
        }
      if (!g_ascii_isalpha (ch) && ch < 0x80 && ch != '-' && ch != '\'')
        return FALSE;
      if (at_word)
        {
          if (!g_ascii_isupper (ch) && ch < 0xC3)
            return FALSE;
          words++;
          at_word = FALSE;
        }
    }
  if (words < 2 || words > 4)
    return FALSE;
  /* the year: first if of four digits, else last; "85" is 1985 */
  for (gsize i = start; i < end; i++)
    if (g_ascii_isdigit (text[i]))
      {
        if (digits == 0)
          {
            groups++;
            year = 0;
          }
        year = year * 10 + (guint) (text[i] - '0');
        digits++;
      }
    else if (digits > 0)
      {
        if (groups == 1 && digits == 4)
          break;
        digits = 0;
      }
  if (year < 100)
    year += year + 2000 > (guint) current_year () ? 1900 : 2000;
  return birth_year_plausible ((int) year);
}

/* "Dates of birth\n- Aisha: 3rd Feb 2011; Jordan: 14.7.2010": a date
 * after a name and a colon, on the line under a short heading that names
 * dates of birth */
static gboolean
in_birth_list (const char *text,
               gsize       start)
{
  gsize ls = start, ps;

  if (start < 4 || text[start - 1] != ' ' || text[start - 2] != ':' ||
      !g_ascii_isalpha (text[start - 3]))
    return FALSE;
  while (ls > 0 && text[ls - 1] != '\n')
    ls--;
  if (ls == 0)
    return FALSE;
  ps = ls - 1;
  while (ps > 0 && text[ps - 1] != '\n')
    ps--;
  return ls - 1 - ps <= 30 && ls - 1 > ps &&
         g_regex_match_full (birth_context, text, (gssize) (ls - 1), (gint) ps, 0, NULL, NULL);
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
  for (gsize i = last_end; found && i < *start; i++)
    {
      /* "DOB: 12 Rhagfyr 2009 (12 Dec 2009)": a bracket or a colon is no word */
      gboolean space = g_ascii_isspace (text[i]) || text[i] == '(' || text[i] == ':';

      /* "DOB 14/12/1998, as the adult.\n15/03/2024": the keyword's date
       * came first, on a line before */
      if (i + 2 < *start && g_ascii_isdigit (text[i]) && strchr ("/.-", text[i + 1]) != NULL &&
          g_ascii_isdigit (text[i + 2]) && memchr (text + i, '\n', *start - i) != NULL)
        found = FALSE;

      if (!space && !in_word)
        words++;
      in_word = !space;
    }
  /* "date of birth was given by the interpreter as 2.11.2008": the words
   * "date of birth" reach to the end of their sentence */
  if (found && words > 4 && words <= 10 && last_end >= 5 &&
      g_ascii_strncasecmp (text + last_end - 5, "birth", 5) == 0)
    {
      gboolean stop = FALSE;

      for (gsize i = last_end; i + 1 < *start && !stop; i++)
        stop = strchr (".;\n", text[i]) != NULL && (text[i] != '.' || text[i + 1] == ' ');
      if (!stop)
        return TRUE;
    }
  return (found && words <= 4) ||
         in_brackets_after_name (text, *start, *end) || in_birth_column (text, *start, *end) ||
         in_row_after_name (text, *start, *end) || in_birth_list (text, *start) ||
         in_aligned_birth_column (text, *start);
}

static gboolean
validate_reference (const char *text,
                    GMatchInfo *match,
                    gsize      *start,
                    gsize      *end)
{
  guint d[1];
  guint groups = 1, digits = 0, len[3] = { 0, };

  match_bounds (match, 1, start, end);
  /* "log 14/03/25": the day a log was written, not its number; "Crime ref
   * 36/4417/24" is one */
  for (gsize i = *start; i < *end; i++)
    {
      if (text[i] == '/' || text[i] == '.')
        groups++;
      else if (!g_ascii_isdigit (text[i]))
        groups = 0;
      else
        {
          digits++;
          if (groups <= 3)
            len[groups - 1]++;
        }
      if (groups == 0)
        break;
    }
  if (groups == 3 && digits <= 8 && len[0] <= 2 && len[1] <= 2)
    return FALSE;
  return collect_digits (text, *start, *end, d, 0) >= 4;
}

/* Is the group text[0, len) a standard's letters ("ISO", "BS") or a
 * road's number ("M62", "A580")? */
static gboolean
standard_or_road (const char *text,
                  gsize       len)
{
  static const char *const standards[] = { "ISO", "BS", "EN", "IEC", "ISBN", "ISSN", "PAS" };
  gsize k = 1;

  for (guint s = 0; s < G_N_ELEMENTS (standards); s++)
    if (strlen (standards[s]) == len && strncmp (text, standards[s], len) == 0)
      return TRUE;
  if (len < 2 || len > 5 || (text[0] != 'M' && text[0] != 'A' && text[0] != 'B'))
    return FALSE;
  while (k < len && g_ascii_isdigit (text[k]))
    k++;
  return k == len;
}

/* A reference without its keyword: groups of letters and digits joined by
 * "/" or "-", at least three of them and six digits ("13/44512/11",
 * "PS-230914-1187"). Returns its end if one starts at text[i], or 0. */
static gsize
scan_bare_reference (const char *text,
                     gsize       n,
                     gsize       i)
{
  guint digits = 0, groups = 1, group_len = 0, numeric_groups = 0, group_digits = 0;
  guint longest = 0;
  gboolean letters = FALSE, lower = FALSE, dash = FALSE, month = FALSE, first_letters = FALSE;
  gsize group_start = i, last_start = i, first_len = 0;
  gsize e = i;

  if (i > 0 && (g_ascii_isalnum (text[i - 1]) || strchr ("/.-", text[i - 1]) != NULL))
    return 0;
  for (; e < n; e++)
    {
      char ch = text[e];

      if (g_ascii_isalnum (ch))
        {
          if (++group_len > 12)
            return 0;
          if (g_ascii_isdigit (ch))
            {
              digits++;
              group_digits++;
              longest = MAX (longest, group_digits);
            }
          else
            {
              letters = TRUE;
              lower = lower || g_ascii_islower (ch);
              first_letters = first_letters || groups == 1;
            }
          continue;
        }
      if ((ch == '/' || ch == '-') && group_len > 0 && e + 1 < n && g_ascii_isalnum (text[e + 1]))
        {
          /* "01-Feb-2009" is a date */
          if (group_digits == 0 && group_len >= 3 && group_len <= 9)
            {
              static const char *const months[] = { "jan", "feb", "mar", "apr", "may", "jun",
                                                     "jul", "aug", "sep", "oct", "nov", "dec" };

              for (guint m = 0; m < G_N_ELEMENTS (months); m++)
                month = month || g_ascii_strncasecmp (text + group_start, months[m], 3) == 0;
            }
          if (groups == 1)
            first_len = group_len;
          group_start = last_start = e + 1;
          numeric_groups += group_digits == group_len;
          groups++;
          dash = dash || ch == '-';
          group_len = group_digits = 0;
          continue;
        }
      break;
    }
  numeric_groups += group_len > 0 && group_digits == group_len;
  if (month || groups > 5 || (e < n && (text[e] == '/' || text[e] == '-')))
    return 0;
  /* "LIC/TX/0456", "IQ-SCO-0044", "HOT/0015", "S21/007", "P-118204": a
   * body's capitals first and a number of three digits or more; not a
   * year ("Q3-2024") */
  if (first_letters && !lower && groups >= 2 && digits >= 3 && longest >= 3 &&
      !standard_or_road (text + i, first_len) &&
      !(groups == 2 && group_len == 4 && group_digits == 4 &&
        (strncmp (text + last_start, "19", 2) == 0 || strncmp (text + last_start, "20", 2) == 0)))
    return e;
  /* "17A/19C/20B" lists offence codes: a reference has a run of four digits */
  if (groups < 3 || digits < 6 || longest < 4)
    return 0;
  /* Dates and hyphenated phone or NHS numbers are all digits; a reference
   * written with hyphens has letters too. */
  if (dash && !letters)
    return 0;
  /* "14/05/2019", and "32/05/2002" too: shaped like a date */
  if (numeric_groups == 3 && groups == 3 && digits <= 8)
    return 0;
  return e;
}

/* Returns the end of a UK phone number starting at text[i], or 0; after
 * a slash only if @after_number (a second number after one found:
 * "07700 900123/07700 900456"). */
static gsize
scan_phone (const char *text,
            gsize       len,
            gsize       i,
            gboolean    after_number)
{
  gsize q = i;
  gboolean in_paren = FALSE;
  gboolean prev_sep = FALSE;
  guint got = 0;

  if (i > 0 && (g_ascii_isalnum (text[i - 1]) || text[i - 1] == '+' ||
                (text[i - 1] == '/' && !after_number) || text[i - 1] == '.'))
    return 0;
  if (text[q] == '+' || (q + 4 < len && memcmp (text + q, "0044", 4) == 0))
    {
      if (text[q] == '0')
        q++; /* "0044 7700 900461": dialled from abroad */
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
      else if ((c == ' ' || c == '-' || (c == '.' && q + 1 < len && g_ascii_isdigit (text[q + 1]))) &&
               !prev_sep)
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

/* "instagram.com/joshp_kernow": an address without "http" or "www", known
 * by a domain ending just before a slash. Returns the span around the
 * slash at text[i], or FALSE. */
static gboolean
scan_bare_url (const char *text,
               gsize       n,
               gsize       i,
               gsize      *start,
               gsize      *end)
{
  static const char *const tlds[] = { ".com", ".co.uk", ".org.uk", ".org", ".net", ".uk", ".io",
                                      ".me", ".tv", ".app", ".ly", ".gg" };
  gboolean tld = FALSE;
  gsize s = i, e = i + 1;

  for (guint k = 0; k < G_N_ELEMENTS (tlds) && !tld; k++)
    {
      gsize len = strlen (tlds[k]);

      tld = i >= len + 1 && g_ascii_strncasecmp (text + i - len, tlds[k], len) == 0 &&
            g_ascii_isalnum (text[i - len - 1]);
    }
  if (!tld)
    return FALSE;
  while (s > 0 && (g_ascii_isalnum (text[s - 1]) || text[s - 1] == '.' || text[s - 1] == '-'))
    s--;
  if (s > 0 && (text[s - 1] == '@' || text[s - 1] == '/' || text[s - 1] == '_'))
    return FALSE;
  while (e < n && !g_ascii_isspace (text[e]) && strchr ("<>\"()[]", text[e]) == NULL)
    e++;
  while (e > i + 1 && strchr (".,;:!?'", text[e - 1]) != NULL)
    e--;
  *start = s;
  *end = e;
  return TRUE;
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

/* Sorts spans by start, the longer first where two start together, keeping
 * the order they were found in where both agree, as g_array_sort() does.
 * Many spans (8,192 or more: a long text in one call) are sorted by a
 * radix sort on 16-bit digits, four passes in all, where a merge sort
 * would move each span some twenty times. */
static void
sort_spans (GArray *found)
{
  SlSpan *a = (SlSpan *) (void *) found->data, *tmp, *src, *dst;
  guint n = found->len, *count;
  gsize max = 0;

  if (n >= 8192)
    for (guint i = 0; i < n; i++)
      max = MAX (max, a[i].end);
  if (n < 8192 || max > G_MAXUINT32)
    {
      g_array_sort (found, compare_spans);
      return;
    }
  tmp = g_new (SlSpan, n);
  count = g_new (guint, 65537);
  src = a;
  dst = tmp;
  /* the end, longest first, then the start, each a low digit and a high */
  for (guint pass = 0; pass < 4; pass++)
    {
      SlSpan *swap;

      memset (count, 0, 65537 * sizeof *count);
      for (guint i = 0; i < n; i++)
        {
          guint32 key = pass < 2 ? ~(guint32) src[i].end : (guint32) src[i].start;

          count[((key >> (16 * (pass % 2))) & 0xFFFF) + 1]++;
        }
      for (guint d = 0; d < 65536; d++)
        count[d + 1] += count[d];
      for (guint i = 0; i < n; i++)
        {
          guint32 key = pass < 2 ? ~(guint32) src[i].end : (guint32) src[i].start;

          dst[count[(key >> (16 * (pass % 2))) & 0xFFFF]++] = src[i];
        }
      swap = src;
      src = dst;
      dst = swap;
    }
  /* after four passes the sorted spans are in the array's own storage */
  g_free (count);
  g_free (tmp);
}

/* Names, places and institutions */

/*
 * The gazetteers (data/gazetteers/, shipped in the core's resources) are
 * loaded once into one open-addressing table keyed by a 64-bit FNV-1a hash
 * of the casefolded word or phrase, whose value is a set of G_* bits. The
 * text is tokenised once; each word costs one hash and one probe, and the
 * rules below look only at the bits of a word and its neighbours.
 */

enum
{
  G_FIRST        = 1 << 0,  /* a first name */
  G_FIRST_POP    = 1 << 1,  /* a first name in common use */
  G_SUR          = 1 << 2,  /* a surname */
  G_SUR_POP      = 1 << 3,  /* a common surname */
  G_PLACE        = 1 << 4,  /* a one-word place */
  G_PLACE_START  = 1 << 5,  /* the first word of a place of several words */
  G_COMMON       = 1 << 6,  /* an ordinary word too: needs context */
  G_STOP         = 1 << 7,  /* never a name on its own */
  G_CUE          = 1 << 8,  /* ends an institution's name ("School") */
  G_CUE_START    = 1 << 9,  /* first word of a cue of several words */
  G_PUB_START    = 1 << 10, /* first word of a pub's name */
  G_TITLE        = 1 << 11, /* Mr, Mrs, DC, Sgt… */
  G_KIN          = 1 << 12, /* mum, uncle, boyfriend… */
  G_VERB         = 1 << 13, /* said, told, disclosed… */
  G_PARTICLE     = 1 << 14, /* de, van, al, bin, Ní… */
  G_STREET       = 1 << 15, /* Road, Street… */
  G_PREP         = 1 << 16, /* in, from, to, near… (before a place) */
  G_COUNCIL      = 1 << 17, /* Council, Borough… (after a place) */
  G_SAINT        = 1 << 18, /* St, Saint */
  G_NAME_ROLE    = 1 << 19, /* Child, Victim, YP… (before a role letter) */
  /* phrases */
  P_PLACE        = 1 << 20,
  P_CUE          = 1 << 21,
  P_PUB          = 1 << 22,
  G_SVERB        = 1 << 23, /* a reporting verb strong enough alone */
  G_HARD         = 1 << 24, /* a name that is an everyday word (Will, Hope) */
  G_WEAK_CUE     = 1 << 25, /* a cue that needs a proper name ("Centre", "Club") */
  G_WORD         = 1 << 26, /* in an English dictionary, even if a popular name */
  G_ENGLISH      = 1 << 27, /* any lower-case English word */
  G_PUB          = 1 << 28, /* a pub's or venue's name of one word (the Wheatsheaf, Mirage) */
  G_HEADER       = 1 << 29, /* a header key before a name ("Name:", "Mother:") */
  G_PLACE_MINOR  = 1u << 30, /* a hamlet: a place only after "in", "from"… */
  G_KEYWORD      = 1u << 31, /* an app or a police system: a handle or a number follows */
};

typedef struct
{
  guint64 key;
  guint32 bits;
} Entry;

typedef struct
{
  gsize   start;
  gsize   end;      /* without a possessive "'s" */
  gsize   full_end; /* with it */
  guint64 hash;
  guint32 bits;
  guint8  flen;         /* the length of the casefolded word hashed */
  guint   cap : 1;      /* first letter upper case */
  guint   upper : 1;    /* every letter upper case, two or more letters */
  guint   lower : 1;    /* every letter lower case */
  guint   sentence : 1; /* first word of a sentence, line or header value */
  guint   poss : 1;     /* ends in 's */
  guint   initial : 1;  /* a single upper-case letter */
  guint   ascii : 1;
  guint   text_al : 1;  /* "al-Rashid", "el-Amin": a particle and a capital */
  guint   brand : 1;    /* "McDonald's": a name only after a title */
  guint   casual : 1;   /* on a line written in lower case, as chats and texts are */
} Token;

#define TABLE_BITS 19
#define TABLE_SIZE (1u << TABLE_BITS)
#define FNV_OFFSET G_GUINT64_CONSTANT (14695981039346656037)
#define FNV_PRIME  G_GUINT64_CONSTANT (1099511628211)

static Entry *table;
static guint table_used;

/* Token types, compared by pointer. */
static const char *const type_person = SL_SPAN_PERSON;
static const char *const type_place = SL_SPAN_PLACE;
static const char *const type_institution = SL_SPAN_INSTITUTION;
/* Words that are no name whatever the rules say ("Operation Linden") */
static const char *const type_none = "";

static const char *const titles[] = {
  "mr", "mrs", "ms", "miss", "mx", "dr", "dc", "pc", "ds", "di", "dci", "dsi", "sgt", "pcso",
  "ps",
  "cllr", "prof", "rev", "revd", "sir", "dame", "lady", "lord", "insp", "supt", "det", "detective",
  "sergeant", "constable", "inspector", "councillor", "professor", "nurse", "imam", "father",
  "superintendent", "chief", "commander", "judge", "canon", "reverend", "headteacher", "fr",
  "doctor",
  "ch",
  /* only when capitalised before a name: "Sister Bernadette", "Uncle Ray" */
  "sister", "brother", "uncle", "aunt", "auntie", "aunty",
  /* the bench and the pulpit: "HHJ Whitworth", "Recorder Naylor", "Pastor Ade" */
  "hhj", "recorder", "magistrate", "pastor", "rabbi", "bishop", "baroness", "baron",
  /* a gurdwara's: "Bhai Sandhu", "Giani Harpal Singh" */
  "bhai", "giani",
};
/* A list of words (casefolded) and their hashes, worked out once. */
typedef struct
{
  const char *const *words;
  guint              n;
  guint64           *hashes;
  gsize              ready;
  guint64            bloom; /* a bit for each word's hash's top six bits */
} WordSet;

#define WORD_SET(words) { words, G_N_ELEMENTS (words), NULL, 0, 0 }

static const char *const irish_counties[] = {
  "antrim", "armagh", "down", "fermanagh", "londonderry", "derry", "tyrone", "donegal", "dublin",
  "cork", "kerry", "galway", "mayo", "sligo", "louth", "meath", "monaghan", "cavan", "leitrim",
  "wexford", "wicklow", "kildare", "limerick", "clare", "tipperary", "waterford", "kilkenny",
  "carlow", "laois", "offaly", "westmeath", "longford", "roscommon",
};
static WordSet irish_counties_set = WORD_SET (irish_counties);
/* what may follow a business's name with "'s", where a noun it owned
 * would: "Mo's in Normacot", "Bashir's closes at 2am", not "Tony's mum" */
static const char *const after_business[] = {
  "in", "on", "at", "near", "by", "off", "and", "or", "which", "where", "was", "were", "is", "are",
  "has", "had", "closes", "closed", "opens", "opened", "said", "says", "stays",
};
static WordSet after_business_set = WORD_SET (after_business);
/* what a person has: "Jordan's house" */
static const char *const belongings[] = {
  "house", "flat", "home", "place", "room", "bedroom", "car", "phone", "bike", "party",
  "birthday", "family", "mates", "friends",
};
static WordSet belongings_set = WORD_SET (belongings);
/* words of a venue's kind or place, no part of its name: "town centre",
 * "local shops", "fast food places" */
/* words streets are named with, which are also the names of some place */
static const char *const street_words[] = {
  "church", "park", "station", "high", "mill", "hope", "green", "new", "old", "north", "south",
  "east", "west", "king", "queen", "kings", "queens", "market", "bridge", "castle", "chapel",
  "school", "manor", "grange", "hall", "farm", "wood", "lake", "river", "water", "spring", "hill",
  "field", "meadow", "orchard", "garden", "forest", "moor", "common", "lodge", "cross", "long",
  "broad", "main", "back", "front", "upper", "lower", "middle", "little", "great", "princes",
  "elm", "oak", "ash", "beech", "birch", "cedar", "willow", "holly", "rose", "lime", "chestnut",
  "pine", "poplar", "maple", "heath", "mount", "union", "canal", "dock", "quay", "harbour",
  "beach", "sea", "marine", "central", "commercial", "victoria", "albert", "george", "vicarage",
  "rectory", "abbey", "priory", "cemetery", "hospital", "college", "tower", "coronation",
  "jubilee", "well", "wells", "marsh", "bank", "end", "gate", "town", "city", "valley", "view",
  "grove", "brook", "ford", "hollow", "stone", "sand", "sands", "links", "shore", "cliff", "strand",
};
static WordSet street_words_set = WORD_SET (street_words);

static const char *const generic[] = {
  "local", "town", "city", "bus", "train", "main", "high", "old", "new", "big", "little",
  "corner", "shops", "shop", "car", "back", "side", "retail", "industrial", "council", "school",
  "play", "skate", "multi", "storey", "fast", "food", "chip", "places", "spots", "areas",
  "flats", "houses", "parks", "streets", "estates", "takeaways", "bars", "pubs", "cafes",
  "nearest", "usual", "same", "other", "nearby", "civic", "shopping", "health", "medical",
  "family", "sports", "day", "resource", "visitor", "arts", "job", "contact", "business",
  "enterprise", "learning", "training", "garden", "conference", "community", "youth", "leisure",
  "village", "sexual", "advice", "support", "indoor", "covered", "farmers", "christmas",
  "street", "night", "fish", "flea", "cattle", "outdoor", "sunday", "craft",
};
static WordSet generic_set = WORD_SET (generic);
/* words of agencies, services, events and times, which make no business's
 * name on their own ("at Social Services", "at Early Help", "at Pride") */
static const char *const agency_words[] = {
  "social", "services", "service", "children's", "team", "unit", "office", "police",
  "council", "board", "health", "help", "care", "support", "safeguarding", "court", "hub",
  "department", "family", "early", "youth", "offending", "protection", "public", "home",
  "missing", "persons", "sexual", "exploitation", "national", "county", "city", "borough",
  "school", "house", "centre", "station", "custody", "hospital", "a&e", "emergency",
  "accident", "ward", "clinic", "surgery", "crown", "magistrates", "prison",
  "probation", "housing", "benefits", "job", "jobcentre", "plus", "street", "road", "lane",
  "town", "village", "market", "park", "beach", "bus", "train", "rail", "airport", "christmas",
  "easter", "new", "year", "half", "term", "end", "night", "day", "morning", "evening",
  "north", "south", "east", "west", "midlands", "central", "greater", "upper", "lower",
  /* national charities' words: "Citizens Advice", "Women's Aid", "Safe Lives" */
  "advice", "crisis", "aid", "lives", "minds", "line", "trust", "society", "action",
  "justice", "victim", "victims", "women's", "womens", "men's", "rape", "citizens", "refuge",
  "samaritans", "childline", "charity", "foundation", "cross",
  /* events: "Pride March", "Black History Month", "Summer Camp" */
  "month", "week", "march", "camp", "festival", "event", "party", "fair", "show", "match",
  "game", "concert", "meeting", "session", "class", "lesson", "assembly", "awards",
  "holiday", "break", "cup", "league", "final", "weekend",
};
static WordSet agency_set = WORD_SET (agency_words);
/* what a table's cell holds where no one is named: "| Anonymous |" */
static const char *const nobody[] = { "anonymous", "unknown", "none", "various", "individual",
                                      "private", "confidential", "withheld", "other", "self",
                                      "parent", "member", "tbc", "tbd", "nil", "not", "no" };
static WordSet nobody_set = WORD_SET (nobody);
/* words that make a kind of service, not a name, before a kind's word */
static const char *const kinds_of_service[] = {
  "assessment", "walk-in", "drop-in", "treatment", "reception", "children's", "childrens",
  "respite", "residential", "secure", "care", "local", "central", "main", "general", "city",
  "county", "district", "regional", "national", "royal", "university", "maternity", "mental",
  "dental", "eye", "women's", "men's", "boys'", "girls'", "refugee", "asylum", "homeless",
  "emergency", "urgent", "primary", "secondary", "special", "independent", "private",
  "police", "fire", "ambulance", "probation", "social", "education", "learning", "training",
  /* "the Snack Bar", "the Coffee Shop" */
  "snack", "coffee", "tea", "sandwich", "juice", "cocktail", "wine", "beer", "burger", "kebab",
  "pizza", "games", "gaming", "internet", "phone", "mobile", "vape", "nail", "beauty", "hair",
};
static WordSet kinds_of_service_set = WORD_SET (kinds_of_service);
/* the kinds of place that follow a name in brackets: "Orchard View
 * (residential)", besides the cue words */
static const char *const bracket_kinds[] = {
  "residential", "home", "house", "unit", "hostel", "school", "refuge", "charity", "cic", "nursery",
  /* "Fairfield Court, a supported housing scheme", "Kennet View
   * (semi-independent, run by …)", "Hope House (supported lodgings)" */
  "scheme", "semi-independent", "lodgings", "accommodation",
};
static WordSet bracket_kinds_set = WORD_SET (bracket_kinds);
/* verbs of what people say and do, after a name: "Tiernan said" */
static const char *const does[] = {
  "said", "says", "told", "tells", "works", "worked", "lives", "lived", "runs", "ran", "drives",
  "drove", "disclosed", "reported", "went", "goes", "stays", "stayed", "met", "knows", "knew",
  "gave", "gives", "admitted", "denied", "denies", "explained", "described", "asked", "agreed",
  "confirmed", "cried", "refused", "wants", "wanted", "spoke", "rang", "rings", "texted",
  "messaged", "saw",
};
static WordSet does_set = WORD_SET (does);
/* verbs of meeting and speaking to someone, before their name or "to" or
 * "with" and their name: "spoke to LB", "met with TM", "rang KM" */
static const char *const contact[] = {
  "spoke", "speak", "speaking", "spoken", "talked", "talk", "talking", "met", "meet", "meeting",
  "rang", "phoned", "called", "emailed", "e-mailed", "texted", "messaged", "told", "asked",
  "saw", "visited", "chatted", "interviewed",
};
static WordSet contact_set = WORD_SET (contact);
/* where someone went: before a place, a venue or a name with "'s" */
static const char *const went_to[] = { "at", "to", "from", "outside", "near", "behind", "above",
                                       "inside", "into", "past", "opposite" };
static WordSet went_to_set = WORD_SET (went_to);
/* cuisines and peoples a venue's kind is named by ("- arezo - afghan grill") */
static const char *const cuisines[] = {
  "afghan", "albanian", "caribbean", "chinese", "greek", "indian", "italian", "jamaican",
  "kurdish", "lebanese", "persian", "polish", "portuguese", "romanian", "somali", "eritrean",
  "ethiopian", "syrian", "thai", "turkish", "vietnamese", "irish", "spanish", "mexican",
  "nepalese", "bangladeshi", "pakistani", "punjabi", "kashmiri", "african", "nigerian",
  "ghanaian", "lithuanian", "bulgarian", "iranian", "iraqi", "moroccan", "egyptian",
  "korean", "japanese", "cypriot", "balti", "halal",
};
static WordSet cuisines_set = WORD_SET (cuisines);
/* a business's people, before a name in lower case: "owner costas" */
static const char *const business_people[] = {
  "owner", "manager", "landlord", "landlady", "boss", "driver", "bouncer",
};
static WordSet business_people_set = WORD_SET (business_people);
/* what follows "Club" or "Gym" that is no club's name */
static const char *const club_posts[] = {
  "secretary", "leader", "leaders", "manager", "member", "members", "night", "nights", "rules",
  "session", "sessions", "staff", "owner", "owners", "coach", "coaches", "treasurer", "chair",
  "committee", "trip", "instructor", "membership",
};
static WordSet club_posts_set = WORD_SET (club_posts);
static const char *const kin[] = {
  "mum", "mother", "dad", "father", "stepdad", "step-dad", "stepfather", "stepmum",
  "stepmother", "sister", "brother", "half-brother", "half-sister", "aunt", "auntie", "aunty",
  "uncle", "nan", "nana", "nanna", "gran", "granny", "grandma", "grandmother", "grandad",
  "granddad", "grandfather", "cousin", "boyfriend", "girlfriend", "partner", "friend", "son",
  "daughter", "niece", "nephew", "carer", "husband", "wife", "sibling", "mate", "friends",
  "named", "called", "nicknamed", "known", "alias", "aka", "pupil", "classmate",
  "mam", "mammy", "mummy", "daddy", "grandpa", "grampa", "bro", "sis",
};
static const char *const verbs[] = {
  "said", "says", "told", "tells", "disclosed", "discloses", "reported", "reports", "stated",
  "states", "explained", "alleged", "alleges", "admitted", "claimed", "claims", "confirmed",
  "denied", "denies", "added", "agreed", "asked", "described", "mentioned", "refused",
  "aged", "age", "texted", "messaged", "rang", "phoned", "visited", "met", "attended",
  "collected", "picked", "drove", "arrived", "left", "went", "lives", "lived", "stayed",
  "introduced", "gave", "took", "bought", "sent", "showed", "threatened", "assaulted",
  "raped", "groomed", "abused", "recruited", "contacted", "spoke", "spoken", "saw",
  "returned", "ran", "absconded", "disclose", "tell", "wrote", "posted", "shared",
  "dob", "b", "is", "was", "has", "had", "and", "who", "whose", "herself", "himself", "will",
  "would", "could", "can", "did", "does", "drives", "works", "picks", "pick",
};
static const char *const strong_verbs[] = {
  "said", "says", "told", "tells", "disclosed", "discloses", "reported", "stated", "explained",
  "alleged", "admitted", "claimed", "confirmed", "denied", "added", "agreed", "asked",
  "described", "mentioned", "refused", "aged", "texted", "messaged", "rang", "phoned",
  "threatened", "assaulted", "groomed", "absconded",
};
static const char *const platforms[] = {
  "snap", "snapchat", "sc", "insta", "instagram", "ig", "tiktok", "twitter", "kik", "telegram",
  "handle", "username", "gamertag",
};
/* Surnames that are words of the stop list too ("foster carer", "young
 * people"): a surname only after a first name */
static const char *const stop_surnames[] = {
  "foster", "young", "white", "black", "welsh",
};
static const char *const systems[] = {
  "incident", "occurrence", "niche", "storm", "athena", "pnc", "pnd", "cris", "crimint",
  "misper",
};
static const char *const particles[] = {
  "de", "da", "di", "del", "della", "der", "den", "van", "von", "le", "la", "du", "dos", "das",
  "al", "el", "bin", "bint", "ibn", "abu", "ní", "nic", "ni", "mac", "mc", "ap", "ab", "ter",
  "ten", "st", "ul", "ud", "ó", "o", "ua", "uí", "mag", "bean", "ferch", "verch", "mhic",
};
static const char *const streets[] = {
  "street", "st", "road", "rd", "lane", "ln", "avenue", "ave", "close", "drive", "way",
  "court", "crescent", "grove", "place", "terrace", "gardens", "mews", "walk", "row",
  "square", "parade", "rise", "view", "vale", "fold", "croft", "brow", "gate", "meadows",
  "boulevard", "embankment", "wharf", "yard", "quay", "broadway", "estate", "park", "green",
  "hill", "bridge", "station", "airport", "interchange", "retail", "shopping", "centre",
  "market", "precinct", "bus", "canal", "river", "beach", "pier", "woods", "wood",
  "promenade",
};
static const char *const preps[] = {
  "in", "from", "to", "at", "near", "around", "towards", "outside", "across", "between",
  "into", "within", "of", "via", "through", "covering", "visited", "visit",
  "moved", "placed", "travelled", "taken", "trafficked", "areas", "area", "towns", "revisit",
  "revisited", "visiting", "lives", "lived", "living", "based", "born", "back",
  "above", "behind", "opposite", "beside",
};
static const char *const councils[] = {
  "council", "borough", "city", "county", "metropolitan", "district", "mbc", "cc", "bc",
  "police", "constabulary", "safeguarding", "children's",
  "lscb", "scb", "lsab", "yot", "mash", "ccg", "hospital", "college", "university",
};
static const char *const headers[] = {
  "name", "names", "mother", "father", "mum", "dad", "parent", "parents", "carer", "contact",
  "worker", "associate", "associates", "suspect", "alias", "aka", "from", "to", "cc", "child",
  "victim", "perpetrator", "author", "officer", "sw", "keyworker", "dsl", "present", "attendees",
  "apologies", "chair", "minutes", "interviewer", "interviewee", "nickname", "known",
  "aunt", "auntie", "uncle", "nan", "gran", "grandmother", "grandfather", "brother", "sister",
  "siblings", "sibling", "cousin", "boyfriend", "girlfriend", "partner", "stepfather",
  "stepmother", "stepdad", "stepmum", "referrer", "caller", "informant", "driver", "owner",
  "landlord", "teacher", "interpreter", "signed", "subject", "re", "fao", "attn", "witness",
  "witnesses", "reporter", "manager", "occupant", "tenant", "resident", "yp", "by",
  "lead", "secretary", "scribe", "notetaker", "note-taker", "responsible", "who", "panel",
  "workers", "staff",
};

/* The head words of firms and organisations, in the order of
 * W_SOLICITORS…W_TRADING */
#define FIRM_HEAD_WORDS \
  "solicitors", "accountants", "fostering", "nurseries", "preschool", "pre-school", "playgroup", \
  "creche", "cr\xc3\xa8" "che", "coaches", "couriers", "removals", "haulage", "logistics", \
  "recruitment", "catering", "builders", "construction", "scaffolding", "roofing", "guarding", \
  "butchers", "opticians", "dental", "mobile", "mobiles", "suite", "cottage", "cottages", "farm", \
  "stables", "kennels", "project", "projects", "studio", "studios", "theatre", "cinema", \
  "library", "museum", "stadium", "arena", "institute", "campus", "refuge", "chapel", \
  "institution", "rink", "parlour", "tuition", "properties", "holdings", "enterprises", "beauty", \
  "synagogue", "cathedral", "casino", "hairdressers", "bakers", "grocers", "carwash", \
  "produce", "wholesale", "wholesalers", "supplies", \
  "housing", "retail", "business", "industrial", "trading"

static const char *const weak_cues[] = {
  "meat", "grocery", "groceries", "repairs", "wines", "fashion", "fashions", "exhausts",
  "boutique", "initiative", "rooms",
  "centre", "club", "house", "home", "homes", "bar", "shop", "stores", "store", "practice",
  "clinic", "church", "lodge", "garage", "motors", "grill", "cafe", "café", "pub",
  "restaurant", "diner", "chicken", "pizza", "foyer", "hostel", "temple", "mosque", "kitchen",
  "burger", "burgers", "bakery", "salon", "nails", "vape", "supermarket", "minimarket",
  "lounge", "hospital", "infirmary", "hospice", "stays", "apartments", "lettings", "hut",
  "shack", "lets",
  FIRM_HEAD_WORDS,
};
static const char *const roles[] = {
  "child", "children", "victim", "victims", "suspect", "suspects", "yp", "perpetrator",
  "offender", "witness", "girl", "boy", "young", "person", "adult", "case", "family", "site",
  "area", "school", "home", "parent", "carer", "worker", "sw", "member", "officer", "male",
  "female", "sibling", "friend", "peer", "pupil", "resident", "complainant", "student",
};

/* Words the rules look for, hashed once: ranges of them are compared with
 * word_in (). */
enum
{
  W_OPERATION, W_OP, W_PROJECT,
  W_GUIDELINES, W_COMPETENCE, W_COMPETENT, W_COMPETENCY, W_PRINCIPLES, W_RULING,
  W_MON, W_TUE, W_TUES, W_WED, W_THU, W_THUR, W_THURS, W_FRI, W_SAT, W_SUN,
  W_DISTRICT, W_DEPUTY, W_CIRCUIT, W_STAFF, W_CHARGE, W_SENIOR, W_POLICE, W_HONOUR, W_HIS,
  W_HER,
  W_HMP, W_HMYOI,
  W_RD, W_ROAD, W_ST, W_STREET, W_LANE, W_LN,
  W_HIGH, W_KNOWN, W_FRIENDS,
  /* before a street in lower case: "on chapel st" */
  W_ON, W_OFF, W_DOWN, W_UP, W_ALONG,
  /* a line about a taxi driver's licence: the codes on it are numbers */
  W_BADGE, W_BADGES, W_LICENCE, W_LICENCES, W_LICENSE, W_LICENSED, W_LICENSING, W_PLATE,
  W_PLATES, W_HACKNEY, W_HIRE,
  /* first words of institutions' names */
  W_YSGOL, W_SCOIL, W_GAELSCOIL, W_BUNSCOIL, W_GAELCHOLAISTE, W_COLAISTE, W_COLEG, W_PIZZA,
  W_TANDOORI, W_BALTI, W_KEBAB, W_MASJID, W_JAMIA, W_GURDWARA,
  W_MADRASA, W_MADRASSA, W_EGLWYS, W_CAPEL, W_HAFAN, W_CANOLFAN, W_CARTREF, W_YSBYTY, W_GWESTY,
  W_MEDDYGFA, W_CLWB, W_PARC, W_TY, W_CHIPPY, W_CLUB, W_GYM, W_SPICE,
  /* before a street name's nickname */
  W_BIG, W_LIL, W_LITTLE,
  /* cues in lower case after a name: "the Junction pub", "the Ashiana restaurant" */
  W_PUB, W_HOTEL, W_INN, W_APARTMENT, W_RESTAURANT, W_TAKEAWAY, W_TAKE_AWAY, W_CAFE, W_CAFE2, W_SALON,
  /* food that names a take-away before another word: "Chicken Spot", "kebab king" */
  W_CHICKEN, W_BURGER, W_GRILL, W_CURRY,
  /* courts named after their town: "Leeds Crown Court" */
  W_CROWN, W_MAGISTRATES, W_COMBINED, W_COUNTY, W_FAMILY, W_YOUTH, W_COURT,
  /* trades that a business is named for: "the Anchor Bar", "Harbourside Stays" */
  W_BAR, W_LOUNGE, W_KITCHEN, W_DINER, W_BAKERY, W_NAILS, W_GARAGE, W_MOTORS, W_BURGERS,
  W_PIZZAS, W_KEBABS, W_HUT, W_SHACK, W_STAYS, W_APARTMENTS, W_VAPE, W_VAPES, W_LETTINGS,
  /* taxi firms: "from ace cars" */
  W_CARS, W_CABS, W_TAXIS, W_KARS, W_KABS,
  /* the head words of firms and organisations of every kind, which name one
   * only after a word that is no English word: "Calder Vale Solicitors",
   * "Moorside Cottage", not "Safer Recruitment", "the Community Project" */
  W_SOLICITORS, W_ACCOUNTANTS, W_FOSTERING, W_NURSERIES, W_PRESCHOOL, W_PRE_SCHOOL, W_PLAYGROUP,
  W_CRECHE, W_CRECHE2, W_COACHES, W_COURIERS, W_REMOVALS, W_HAULAGE, W_LOGISTICS,
  W_RECRUITMENT, W_CATERING, W_BUILDERS, W_CONSTRUCTION, W_SCAFFOLDING, W_ROOFING, W_GUARDING,
  W_BUTCHERS, W_OPTICIANS, W_DENTAL, W_MOBILE, W_MOBILES, W_SUITE, W_COTTAGE, W_COTTAGES, W_FARM,
  W_STABLES, W_KENNELS, W_PROJECT2, W_PROJECTS, W_STUDIO, W_STUDIOS, W_THEATRE, W_CINEMA,
  W_LIBRARY, W_MUSEUM, W_STADIUM, W_ARENA, W_INSTITUTE, W_CAMPUS, W_REFUGE, W_CHAPEL,
  W_INSTITUTION, W_RINK, W_PARLOUR, W_TUITION, W_PROPERTIES, W_HOLDINGS, W_ENTERPRISES, W_BEAUTY,
  W_SYNAGOGUE, W_CATHEDRAL, W_CASINO, W_HAIRDRESSERS, W_BAKERS, W_GROCERS, W_CARWASH,
  W_PRODUCE, W_WHOLESALE, W_WHOLESALERS, W_SUPPLIES,
  /* first words of such cues: "Housing Association", "Retail Park" */
  W_HOUSING, W_RETAIL, W_BUSINESS, W_INDUSTRIAL, W_TRADING,
  /* car makes: the word after one is a model ("a red Seat Leon", "Kia Ceed") */
  W_FORD, W_VAUXHALL, W_SEAT, W_SKODA, W_VOLKSWAGEN, W_VW, W_AUDI, W_BMW, W_MERCEDES, W_TOYOTA,
  W_NISSAN, W_HONDA, W_KIA, W_HYUNDAI, W_PEUGEOT, W_RENAULT, W_CITROEN, W_FIAT, W_MAZDA,
  W_MITSUBISHI, W_SUZUKI, W_VOLVO, W_DACIA, W_CUPRA, W_LEXUS, W_JAGUAR, W_PORSCHE, W_SUBARU,
  W_TESLA, W_JEEP,
  /* features named after a place: "Lunan Bay", "Clapham Common" */
  W_BAY, W_BEACH, W_SANDS, W_HARBOUR, W_POINT, W_ISLAND, W_LOCH, W_LAKE, W_FOREST, W_MOOR,
  W_MOORS, W_HILLS, W_VALLEY, W_COMMON, W_HEATH, W_MARINA, W_QUAY, W_COVE, W_WOODS, W_WATER,
  W_FLASH, W_RESERVOIR, W_PROMENADE, W_DOCKS, W_MARSHES,
  /* sports whose name is a town's too: "Rugby Union" */
  W_UNION, W_LEAGUE,
  /* a number before a firm's name: "Five Star Private Hire" */
  W_ONE, W_TWO, W_THREE, W_FOUR, W_FIVE, W_SIX, W_SEVEN, W_EIGHT, W_NINE, W_TEN,
  /* months' short forms: "Jan 2024", "5 Nov" */
  W_JAN, W_FEB, W_MAR, W_APR, W_JUN, W_JUL, W_AUG, W_SEP, W_SEPT, W_OCT, W_NOV, W_DEC,
  /* the last word of an agency's team: "Public Protection Unit" */
  W_TEAM, W_UNIT, W_SQUAD, W_DEPARTMENT, W_DIRECTORATE, W_DIVISION, W_COMMAND,
  /* the last word of a body of the health service: "… Health Board" */
  W_BOARD, W_PARTNERSHIP, W_TRUST,
  /* where someone works, eats, or what they run: "works at", "ate at", "runs" */
  W_AT, W_FOR, W_FROM,
  W_WORKS, W_WORKED, W_WORKING, W_JOB, W_SHIFTS, W_EMPLOYED,
  W_ATE, W_EAT, W_EATING, W_ORDERED, W_ORDER, W_DELIVERED, W_FOOD,
  W_RUNS, W_RAN, W_OWNS, W_OWNED, W_MANAGES,
  N_WORDS
};
static const char *const word_texts[N_WORDS] = {
  "operation", "op", "project",
  "guidelines", "competence", "competent", "competency", "principles", "ruling",
  "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
  "district", "deputy", "circuit", "staff", "charge", "senior", "police", "honour", "his",
  "her",
  "hmp", "hmyoi",
  "rd", "road", "st", "street", "lane", "ln",
  "high", "known", "friends",
  "on", "off", "down", "up", "along",
  "badge", "badges", "licence", "licences", "license", "licensed", "licensing", "plate",
  "plates", "hackney", "hire",
  "ysgol", "scoil", "gaelscoil", "bunscoil", "gaelchol\xc3\xa1iste", "col\xc3\xa1iste", "coleg",
  "pizza", "tandoori", "balti", "kebab", "masjid", "jamia", "gurdwara",
  "madrasa", "madrassa", "eglwys", "capel", "hafan", "canolfan", "cartref", "ysbyty", "gwesty",
  "meddygfa", "clwb", "parc", "t\xc5\xb7", "chippy", "club", "gym", "spice",
  "big", "lil", "little",
  "pub", "hotel", "inn", "apartment", "restaurant", "takeaway", "take-away", "cafe", "caf\xc3\xa9", "salon",
  "chicken", "burger", "grill", "curry",
  "crown", "magistrates", "combined", "county", "family", "youth", "court",
  "bar", "lounge", "kitchen", "diner", "bakery", "nails", "garage", "motors", "burgers",
  "pizzas", "kebabs", "hut", "shack", "stays", "apartments", "vape", "vapes", "lettings",
  "cars", "cabs", "taxis", "kars", "kabs",
  FIRM_HEAD_WORDS,
  "ford", "vauxhall", "seat", "skoda", "volkswagen", "vw", "audi", "bmw", "mercedes", "toyota",
  "nissan", "honda", "kia", "hyundai", "peugeot", "renault", "citroen", "fiat", "mazda",
  "mitsubishi", "suzuki", "volvo", "dacia", "cupra", "lexus", "jaguar", "porsche", "subaru",
  "tesla", "jeep",
  "bay", "beach", "sands", "harbour", "point", "island", "loch", "lake", "forest", "moor",
  "moors", "hills", "valley", "common", "heath", "marina", "quay", "cove", "woods", "water",
  "flash", "reservoir", "promenade", "docks", "marshes",
  "union", "league",
  "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
  "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
  "team", "unit", "squad", "department", "directorate", "division", "command",
  "board", "partnership", "trust",
  "at", "for", "from",
  "works", "worked", "working", "job", "shifts", "employed",
  "ate", "eat", "eating", "ordered", "order", "delivered", "food",
  "runs", "ran", "owns", "owned", "manages",
};
static guint64 word_hashes[N_WORDS];

/* Chains, brands and programmes named without a cue word, from
 * chains.txt: one to three words each. */
#define CHAIN_WORDS 3

typedef struct
{
  guint64 word[CHAIN_WORDS];
  guint8  n;
  guint8  poss;  /* which words end in "'s" (bit k for word k) */
  char    kind;  /* '=' anywhere, '@' a shop only where someone was, '!' no one */
} Chain;

static GArray *chain_table;        /* of Chain */
static guint64 chain_first[1024];  /* the first words' hashes, open addressing */
static guint chain_start[1024];    /* where the chains of that first word start */

static guint64
fnv_feed (guint64     h,
          const char *s,
          gsize       n)
{
  for (gsize i = 0; i < n; i++)
    {
      h ^= (guchar) s[i];
      h *= FNV_PRIME;
    }
  return h;
}

static guint64
finish_hash (guint64 h)
{
  return h == 0 ? 1 : h;
}

static Entry *
table_slot (guint64 key)
{
  guint32 i = (guint32) (key ^ (key >> 32)) & (TABLE_SIZE - 1);

  while (table[i].key != 0 && table[i].key != key)
    i = (i + 1) & (TABLE_SIZE - 1);
  return &table[i];
}

static guint32
table_get (guint64 key)
{
  const Entry *e = table_slot (key);

  return e->key == key ? e->bits : 0;
}

static void
table_add (const char *word,
           gsize       len,
           guint32     bits)
{
  Entry *e = table_slot (finish_hash (fnv_feed (FNV_OFFSET, word, len)));

  if (e->key == 0)
    {
      /* Open addressing needs room: more entries than this make probes long. */
      if (++table_used > TABLE_SIZE / 4 * 3)
        g_error ("the gazetteers hold more than %u entries; raise TABLE_BITS", TABLE_SIZE / 4 * 3);
      e->key = finish_hash (fnv_feed (FNV_OFFSET, word, len));
    }
  e->bits |= bits;
}

/* The first words of towns named "X-on-Y", "X upon Y": a town alone too,
 * when no other list has the word (checked once all are loaded). */
static GPtrArray *short_places;

static void
note_short_place (const char *entry)
{
  static const char *const joins[] = { " on ", " upon ", " in ", " under ", " le ", " by ",
                                       " next ", " cum " };
  const char *space = strchr (entry, ' ');

  if (space == NULL || space - entry < 5)
    return;
  for (guint k = 0; k < G_N_ELEMENTS (joins); k++)
    if (strncmp (space, joins[k], strlen (joins[k])) == 0)
      {
        if (short_places == NULL)
          short_places = g_ptr_array_new_with_free_func (g_free);
        g_ptr_array_add (short_places, g_strndup (entry, (gsize) (space - entry)));
        return;
      }
}

/* Adds a word, or a phrase (phrase_bits, and start_bits on its first word). */
static void
add_entry (const char *entry,
           guint32     word_bits,
           guint32     phrase_bits,
           guint32     start_bits)
{
  const char *space = strchr (entry, ' ');

  if (space == NULL)
    table_add (entry, strlen (entry), word_bits);
  else if (phrase_bits != 0)
    {
      table_add (entry, strlen (entry), phrase_bits);
      table_add (entry, (gsize) (space - entry), start_bits);
      /* "children's home" starts at the token "children", as a token's
       * hash leaves its "'s" out */
      if (space - entry > 2 && space[-2] == '\'' && space[-1] == 's')
        table_add (entry, (gsize) (space - entry) - 2, start_bits);
    }
  /* "Sutton in Ashfield" is written "SUTTON-IN-ASHFIELD" too: one word */
  if (space != NULL && phrase_bits == P_PLACE && strlen (entry) < 64)
    {
      static const char *const joins[] = { " in ", " on ", " upon ", " under ", " le ",
                                           " by ", " next ", " cum ", " en ", " y " };
      gboolean join = FALSE;

      for (guint k = 0; k < G_N_ELEMENTS (joins) && !join; k++)
        join = strstr (entry, joins[k]) != NULL;
      note_short_place (entry);
      if (join)
        {
          char word[64];
          gsize len = strlen (entry);

          for (gsize k = 0; k < len; k++)
            word[k] = entry[k] == ' ' ? '-' : entry[k];
          table_add (word, len, word_bits);
        }
    }
  /* and "Cefn-mawr" is written "Cefn Mawr": a phrase */
  if (space == NULL && phrase_bits == P_PLACE && strchr (entry, '-') != NULL &&
      strlen (entry) < 64)
    {
      char words[64];
      gsize len = strlen (entry);

      for (gsize k = 0; k < len; k++)
        words[k] = entry[k] == '-' ? ' ' : entry[k];
      words[len] = '\0';
      note_short_place (words);
      table_add (words, len, phrase_bits);
      table_add (words, (gsize) (strchr (entry, '-') - entry), start_bits);
    }
}

/* The text of the gazetteer @name, a copy to cut into lines. */
static char *
gazetteer_text (const char *name)
{
  g_autofree char *path = g_strconcat ("/io/github/sightline/Sightline/core/gazetteers/",
                                       name, NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  bytes = g_resource_lookup_data (sl_core_get_resource (), path, G_RESOURCE_LOOKUP_FLAGS_NONE,
                                  &error);
  if (bytes == NULL)
    g_error ("gazetteer %s is missing: %s", name, error->message);
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* The line at *@at, cut off, with *@at moved past it; NULL at the end. */
static char *
next_line (char **at)
{
  char *line = *at, *end;

  if (line == NULL || *line == '\0')
    return NULL;
  end = strchr (line, '\n');
  if (end != NULL)
    *end++ = '\0';
  *at = end;
  return line;
}

static void
load_list (const char *name,
           guint32     word_bits,
           guint32     phrase_bits,
           guint32     start_bits)
{
  g_autofree char *copy = gazetteer_text (name);
  char *at = copy, *line;

  while ((line = next_line (&at)) != NULL)
    if (line[0] != '#' && line[0] != '\0' && strchr (line, ',') == NULL)
      add_entry (line, word_bits, phrase_bits, start_bits);
}

static void
add_words (const char *const *words,
           guint               n,
           guint32             bits)
{
  for (guint i = 0; i < n; i++)
    table_add (words[i], strlen (words[i]), bits);
}

/* A word of a chain's name is hashed as a token is: "sainsbury's" as
 * "sainsbury", with its "'s" noted in the chain's poss. */
static void
add_chain (const char *line)
{
  g_auto(GStrv) words = NULL;
  Chain ch = { { 0, }, 0, 0, '=' };

  if (line[0] == '@' || line[0] == '!')
    ch.kind = *line++;
  words = g_strsplit (line, " ", CHAIN_WORDS);
  for (guint k = 0; words[k] != NULL && ch.n < CHAIN_WORDS; k++)
    {
      gsize len = strlen (words[k]);

      if (len > 2 && g_str_has_suffix (words[k], "'s"))
        {
          ch.poss |= 1 << ch.n;
          len -= 2;
        }
      ch.word[ch.n++] = finish_hash (fnv_feed (FNV_OFFSET, words[k], len));
    }
  if (ch.n > 0)
    g_array_append_val (chain_table, ch);
}

static int
compare_chains (gconstpointer a,
                gconstpointer b)
{
  guint64 x = ((const Chain *) a)->word[0], y = ((const Chain *) b)->word[0];

  return x < y ? -1 : x > y;
}

static void
load_chains (void)
{
  g_autofree char *copy = gazetteer_text ("chains.txt");
  char *at = copy, *line;

  chain_table = g_array_new (FALSE, TRUE, sizeof (Chain));
  while ((line = next_line (&at)) != NULL)
    if (line[0] != '#' && line[0] != '\0')
      add_chain (line);
  /* the chains of one first word side by side, found from its slot */
  g_array_sort (chain_table, compare_chains);
  for (guint k = 0; k < chain_table->len; k++)
    {
      guint64 h = g_array_index (chain_table, Chain, k).word[0];
      guint s = h % G_N_ELEMENTS (chain_first), tries = 0;

      if (k > 0 && g_array_index (chain_table, Chain, k - 1).word[0] == h)
        continue;
      while (chain_first[s] != 0)
        {
          if (++tries == G_N_ELEMENTS (chain_first))
            g_error ("chains.txt has more first words than its table holds");
          s = (s + 1) % G_N_ELEMENTS (chain_first);
        }
      chain_first[s] = h;
      chain_start[s] = k;
    }
}

static void
load_gazetteers (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      table = g_new0 (Entry, TABLE_SIZE);
      load_list ("first-names.txt", G_FIRST, 0, 0);
      load_list ("first-names-popular.txt", G_FIRST_POP, 0, 0);
      load_list ("surnames.txt", G_SUR, 0, 0);
      load_list ("surnames-popular.txt", G_SUR_POP, 0, 0);
      load_list ("places.txt", G_PLACE, P_PLACE, G_PLACE_START);
      load_list ("places-minor.txt", G_PLACE_MINOR, 0, 0);
      load_list ("common-words.txt", G_COMMON, 0, 0);
      load_list ("ambiguous.txt", G_HARD | G_COMMON, 0, 0);
      load_list ("dictionary-words.txt", G_WORD, 0, 0);
      load_list ("english-words.txt", G_ENGLISH, 0, 0);
      load_list ("stopwords.txt", G_STOP, 0, 0);
      load_list ("institution-cues.txt", G_CUE, P_CUE, G_CUE_START);
      load_list ("pub-names.txt", G_PUB, P_PUB, G_PUB_START);
      load_list ("venue-names.txt", G_PUB, P_PUB, G_PUB_START);
      /* "THORNABY" for Thornaby-on-Tees, but not "Sutton" nor "Ashby" */
      for (guint k = 0; short_places != NULL && k < short_places->len; k++)
        {
          const char *word = g_ptr_array_index (short_places, k);
          guint64 h = finish_hash (fnv_feed (FNV_OFFSET, word, strlen (word)));

          if (!(table_get (h) & (G_PLACE | G_FIRST | G_SUR | G_COMMON | G_WORD | G_ENGLISH |
                                 G_STOP | G_CUE)))
            table_add (word, strlen (word), G_PLACE);
        }
      g_clear_pointer (&short_places, g_ptr_array_unref);
      for (guint k = 0; k < N_WORDS; k++)
        word_hashes[k] = finish_hash (fnv_feed (FNV_OFFSET, word_texts[k], strlen (word_texts[k])));
      add_words (titles, G_N_ELEMENTS (titles), G_TITLE);
      add_words (kin, G_N_ELEMENTS (kin), G_KIN);
      add_words (verbs, G_N_ELEMENTS (verbs), G_VERB);
      add_words (strong_verbs, G_N_ELEMENTS (strong_verbs), G_SVERB);
      add_words (particles, G_N_ELEMENTS (particles), G_PARTICLE);
      add_words (streets, G_N_ELEMENTS (streets), G_STREET);
      add_words (preps, G_N_ELEMENTS (preps), G_PREP);
      add_words (councils, G_N_ELEMENTS (councils), G_COUNCIL);
      add_words (roles, G_N_ELEMENTS (roles), G_NAME_ROLE);
      add_words (weak_cues, G_N_ELEMENTS (weak_cues), G_WEAK_CUE);
      add_words (headers, G_N_ELEMENTS (headers), G_HEADER);
      add_words (platforms, G_N_ELEMENTS (platforms), G_KEYWORD);
      add_words (systems, G_N_ELEMENTS (systems), G_KEYWORD);
      add_words (stop_surnames, G_N_ELEMENTS (stop_surnames), G_SUR);
      table_add ("st", 2, G_SAINT);
      table_add ("saint", 5, G_SAINT);
      load_chains ();
      g_once_init_leave (&once, 1);
    }
}

/* A byte that can be part of a word: a letter, or any byte of a non-ASCII
 * character except the punctuation block U+2000–U+206F (’ — “ …). */
static inline gboolean
word_byte (const char *text,
           gsize       n,
           gsize       i)
{
  guchar c = (guchar) text[i];

  if (c < 0x80)
    return g_ascii_isalpha (c);
  /* U+2000–U+27FF: punctuation, arrows, mathematical signs, boxes,
   * symbols and dingbats ("→", "✓"), no letters */
  if (c == 0xE2 && i + 1 < n && (guchar) text[i + 1] >= 0x80 && (guchar) text[i + 1] <= 0x9F)
    return FALSE;
  if (c == 0xC2 && i + 1 < n && (guchar) text[i + 1] < 0xC0)
    return FALSE; /* Latin-1 punctuation: « » £ § … */
  return TRUE;
}

static inline gboolean
is_apostrophe (const char *text,
               gsize       n,
               gsize       i,
               gsize      *width)
{
  if (text[i] == '\'')
    {
      *width = 1;
      return TRUE;
    }
  if (i + 2 < n && (guchar) text[i] == 0xE2 && (guchar) text[i + 1] == 0x80 &&
      ((guchar) text[i + 2] == 0x99 || (guchar) text[i + 2] == 0x98))
    {
      *width = 3;
      return TRUE;
    }
  return FALSE;
}

/* Casefolds text[start, end) into buf (’ becomes '); returns the length. */
static gsize
fold_word (const char *text,
           gsize       start,
           gsize       end,
           gboolean    ascii,
           char       *buf,
           gsize       size)
{
  gsize k = 0;

  /* Bytes that are not UTF-8 are folded as if they were ASCII. */
  if (ascii || !g_utf8_validate (text + start, (gssize) (end - start), NULL))
    {
      for (gsize i = start; i < end && k < size; i++)
        {
          char ch = text[i];

          buf[k++] = ch >= 'A' && ch <= 'Z' ? (char) (ch + 32) : ch;
        }
      return k;
    }
  else
    {
      g_autofree char *down = g_utf8_strdown (text + start, (gssize) (end - start));

      for (const char *p = down; *p != '\0' && k < size; p++)
        {
          if ((guchar) p[0] == 0xE2 && (guchar) p[1] == 0x80 &&
              ((guchar) p[2] == 0x99 || (guchar) p[2] == 0x98))
            {
              buf[k++] = '\'';
              p += 2;
            }
          else
            buf[k++] = *p;
        }
      return k;
    }
}

static gboolean
boundary_before (const char *text,
                 gsize       from,
                 gsize       to)
{
  if (from == 0 && to == 0)
    return TRUE;
  for (gsize i = from; i < to; i++)
    if (strchr (".!?\n:;()[]*|\t", text[i]) != NULL || (text[i] == '-' && i + 1 < to &&
                                                             text[i + 1] == ' ') ||
        /* "→ NHL to call" */
        ((guchar) text[i] == 0xE2 && i + 2 < to && (guchar) text[i + 1] == 0x86 &&
         (guchar) text[i + 2] == 0x92))
      return TRUE;
  return from == 0;
}

#define CACHE_SIZE 2048

typedef struct
{
  Token *t;
  guint  len;
  guint  alloc;
  Entry *cache; /* the last look-ups, small enough to stay in the CPU's cache */
  guint  cache_mask; /* its size less one: smaller for a short note */
  /* per token, kept from one stretch of text to the next */
  const char **type;
  guint8      *joined;
  gsize       *lead;
  guint8      *near;
  guint        marks_alloc;
} TokenBuf;

/* Most words of a note are the same few hundred: a small direct-mapped
 * cache in front of the big table saves a trip to memory for each. */
static inline guint32
cached_get (TokenBuf *toks,
            guint64   key)
{
  Entry *e = &toks->cache[key & toks->cache_mask];

  if (e->key != key)
    {
      e->key = key;
      e->bits = table_get (key);
    }
  return e->bits;
}

/* word[0, k), casefolded, is the British spelling of an English word of
 * the (American) word list: "neighbours", "offences", "centres", "organised" */
static gboolean
american_spelling_is_english (const char *word,
                              gsize       k)
{
  char us[64];
  const char *our;
  gsize end = word[k - 1] == 's' ? k - 1 : k;

  if (k >= sizeof us)
    return FALSE;
  /* -our- is -or- */
  if ((our = memmem (word + 1, k - 1, "our", 3)) != NULL && our - word + 3 < (gssize) k)
    {
      gsize at = (gsize) (our - word);

      memcpy (us, word, at + 1);
      memcpy (us + at + 1, our + 2, k - at - 2);
      if (table_get (finish_hash (fnv_feed (FNV_OFFSET, us, k - 1))) & G_ENGLISH)
        return TRUE;
    }
  memcpy (us, word, k);
  /* -ence is -ense; -tre is -ter */
  if (end >= 5 && memcmp (word + end - 4, "ence", 4) == 0)
    {
      us[end - 2] = 's';
      if (table_get (finish_hash (fnv_feed (FNV_OFFSET, us, k))) & G_ENGLISH)
        return TRUE;
      us[end - 2] = 'c';
    }
  if (end >= 5 && memcmp (word + end - 3, "tre", 3) == 0)
    {
      us[end - 2] = 'e';
      us[end - 1] = 'r';
      if (table_get (finish_hash (fnv_feed (FNV_OFFSET, us, k))) & G_ENGLISH)
        return TRUE;
      us[end - 2] = 'r';
      us[end - 1] = 'e';
    }
  /* -ise, -ised, -ising, -isation are -ize… */
  for (gsize q = 3; q + 2 < k; q++)
    if (word[q] == 'i' && word[q + 1] == 's' &&
        (strcmp (word + q + 2, "e") == 0 || strncmp (word + q + 2, "ed", 2) == 0 ||
         strncmp (word + q + 2, "es", 2) == 0 || strncmp (word + q + 2, "ing", 3) == 0 ||
         strncmp (word + q + 2, "ation", 5) == 0))
      {
        us[q + 1] = 'z';
        if (table_get (finish_hash (fnv_feed (FNV_OFFSET, us, k))) & G_ENGLISH)
          return TRUE;
        us[q + 1] = 's';
      }
  return FALSE;
}

static void
tokenise (const char *text,
          gsize       n,
          TokenBuf   *toks)
{
  gsize i = 0, prev_end = 0;
  gboolean first = TRUE;

  while (i < n)
    {
      Token t = { 0, };
      gboolean has_upper = FALSE, has_lower = FALSE, ascii = TRUE;
      guint letters = 0;
      char buf[64];
      gsize k;

      if (!word_byte (text, n, i) || ((guchar) text[i] & 0xC0) == 0x80)
        {
          /* Skip a whole character, so that no word starts inside one. */
          guchar c0 = (guchar) text[i];

          i += c0 >= 0xF0 ? 4 : c0 >= 0xE0 ? 3 : c0 >= 0xC0 ? 2 : 1;
          if (i > n)
            i = n;
          continue;
        }
      /* A word glued to digits ("YP3", "17A") is a code, not a name. */
      if (i > 0 && (g_ascii_isdigit (text[i - 1]) || text[i - 1] == '@' || text[i - 1] == '_' ||
                    text[i - 1] == '/' || text[i - 1] == '.'))
        {
          gboolean glued = g_ascii_isdigit (text[i - 1]) || text[i - 1] == '@' ||
                           text[i - 1] == '_' || text[i - 1] == '/' ||
                           (i > 1 && text[i - 1] == '.' && g_ascii_isalnum (text[i - 2]));

          if (glued)
            {
              while (i < n && (word_byte (text, n, i) || g_ascii_isdigit (text[i]) ||
                               text[i] == '_'))
                i++;
              continue;
            }
        }
      t.start = i;
      for (;;)
        {
          gsize w;

          while (i < n && word_byte (text, n, i))
            {
              guchar c = (guchar) text[i];

              if (c >= 0x80)
                {
                  ascii = FALSE;
                  if ((c & 0xC0) != 0x80)
                    {
                      gunichar u = g_utf8_get_char_validated (text + i, (gssize) (n - i));

                      letters++;
                      if (u != (gunichar) -1 && u != (gunichar) -2)
                        {
                          if (g_unichar_isupper (u))
                            has_upper = TRUE;
                          else if (g_unichar_islower (u))
                            has_lower = TRUE;
                        }
                    }
                }
              else
                {
                  letters++;
                  if (g_ascii_isupper (c))
                    {
                      has_upper = TRUE;
                      if (letters == 1)
                        t.cap = TRUE;
                    }
                  else
                    has_lower = TRUE;
                }
              if (letters == 1 && c >= 0xC0)
                {
                  gunichar u = g_utf8_get_char_validated (text + i, (gssize) (n - i));

                  t.cap = u != (gunichar) -1 && u != (gunichar) -2 && g_unichar_isupper (u);
                }
              i++;
            }
          if (i < n && text[i] == '-' && i + 1 < n && word_byte (text, n, i + 1))
            {
              i++;
              continue;
            }
          if (i < n && is_apostrophe (text, n, i, &w) && i + w < n && word_byte (text, n, i + w))
            {
              if (w > 1)
                ascii = FALSE;
              i += w;
              continue;
            }
          break;
        }
      /* Words glued to digits after them ("A1", "M62") are codes too. */
      if (i < n && (g_ascii_isdigit (text[i]) || text[i] == '@' || text[i] == '_'))
        {
          while (i < n && (word_byte (text, n, i) || g_ascii_isdigit (text[i]) || text[i] == '_'))
            i++;
          prev_end = i;
          continue;
        }
      t.full_end = t.end = i;
      /* "Kings Norton Boys' School": a plural's apostrophe is the word's */
      if (i + 2 < n && letters >= 3 && (text[i - 1] == 's' || text[i - 1] == 'S') &&
          (text[i] == '\'' || (guchar) text[i] == 0xE2) && t.cap)
        {
          gsize w;

          if (is_apostrophe (text, n, i, &w) && i + w < n && text[i + w] == ' ')
            {
              t.full_end = i + w;
              t.poss = TRUE;
            }
        }
      /* "al-Hassan", "el-Masri", "an-Noor", "ar-Rahman" */
      if (i - t.start > 3 && text[t.start + 2] == '-' && g_ascii_isupper (text[t.start + 3]) &&
          strchr ("aeu", text[t.start]) != NULL && strchr ("ldnrstz", text[t.start + 1]) != NULL)
        t.text_al = TRUE;
      t.upper = has_upper && !has_lower && letters >= 2;
      /* "McGOVERN", "MacDONALD": a name in capitals keeps its "c" */
      if (has_lower && letters >= 5 && text[t.start] == 'M' &&
          (text[t.start + 1] == 'c' || (text[t.start + 1] == 'a' && text[t.start + 2] == 'c')))
        {
          gsize q = t.start + (text[t.start + 1] == 'c' ? 2 : 3);

          while (q < i && (g_ascii_isupper (text[q]) || text[q] == '\''))
            q++;
          t.upper = q == i && g_ascii_isupper (text[i - 1]);
        }
      t.lower = has_lower && !has_upper;
      t.initial = letters == 1 && has_upper;
      t.ascii = ascii;
      t.sentence = first || boundary_before (text, prev_end, t.start);
      first = FALSE;
      k = fold_word (text, t.start, t.end, ascii, buf, sizeof buf);
      if (k >= 2 && buf[k - 1] == 's' && buf[k - 2] == '\'')
        {
          t.poss = TRUE;
          k -= 2;
          /* "KB's" is upper case */
          if (has_upper && letters >= 3 && g_ascii_islower (text[t.end - 1]))
            {
              gboolean all = TRUE;

              for (gsize q = t.start; q < t.end - 2 && text[q] != '\'' && (guchar) text[q] < 0x80; q++)
                if (g_ascii_islower (text[q]))
                  all = FALSE;
              t.upper = all;
              t.lower = FALSE;
            }
          t.end -= text[t.end - 2] == '\'' ? 2 : 4;
        }
      else if (k >= 2 && buf[k - 1] == '\'' )
        k--;
      t.hash = finish_hash (fnv_feed (FNV_OFFSET, buf, k));
      t.flen = (guint8) MIN (k, 255);
      t.bits = cached_get (toks, t.hash);
      /* "McDonald's", "Sainsbury's": a brand in the stop list with its 's */
      if (t.poss && !(t.bits & G_STOP) &&
          (table_get (finish_hash (fnv_feed (FNV_OFFSET, buf, k + 2))) & G_STOP))
        t.brand = TRUE;
      if (!(t.bits & (G_SUR | G_FIRST)) && memchr (buf, '-', k) != NULL && k < sizeof buf)
        {
          /* "Mahoney-Price": a double-barrelled name whose parts are names */
          gsize p = 0;
          gboolean all = TRUE;

          while (p < k && all)
            {
              gsize q = p;

              while (q < k && buf[q] != '-')
                q++;
              if (!(table_get (finish_hash (fnv_feed (FNV_OFFSET, buf + p, q - p))) &
                    (G_SUR | G_FIRST)))
                all = FALSE;
              p = q + 1;
            }
          if (all)
            t.bits |= G_SUR;
          else if (t.bits == 0)
            {
              /* "Well-being", "Drop-in": English words joined */
              all = TRUE;
              for (p = 0; p < k && all; p++)
                {
                  gsize q = p;

                  while (q < k && buf[q] != '-')
                    q++;
                  /* not "J-Dog" */
                  if (q - p < 2 ||
                      !(table_get (finish_hash (fnv_feed (FNV_OFFSET, buf + p, q - p))) & G_ENGLISH))
                    all = FALSE;
                  p = q;
                }
              if (all)
                t.bits |= G_ENGLISH;
            }
        }
      /* "Neighbours", "Offences", "Organised": a British spelling of an
       * English word (the word list is American) is no surname */
      if (!(t.bits & G_ENGLISH) && t.cap && k >= 6 && k < sizeof buf && ascii &&
          american_spelling_is_english (buf, k))
        t.bits |= G_ENGLISH | G_COMMON | G_WORD;
      if (t.bits == 0 && !ascii)
        {
          /* "Zoë", "Jovanović": also look the word up without its accents. */
          g_autofree char *key = g_strndup (buf, k);
          g_autofree char *plain = g_str_to_ascii (key, "C");

          t.bits = table_get (finish_hash (fnv_feed (FNV_OFFSET, plain, strlen (plain))));
        }
      if (toks->len == toks->alloc)
        {
          toks->alloc = toks->alloc * 2 + 256;
          toks->t = g_renew (Token, toks->t, toks->alloc);
        }
      toks->t[toks->len++] = t;
      prev_end = i;
    }
}

typedef struct
{
  const char *text;
  gsize       n;
  Token      *t;
  guint       len;
  const char **type;  /* per token: the span type it belongs to, or NULL */
  guint8      *joined; /* per token: in the same span as the token before */
  gsize       *lead;   /* per token: where its span starts, if before the token */
  GArray      *found;  /* spans that are not made of tokens ("S.O.") */
  gsize        offset;
  guint8      *near;   /* per token: NEAR_* bits */
  guint        found_from; /* the first of found's spans this stretch added */
  gboolean     casual;     /* some line is written in lower case */
} Ctx;

enum
{
  NEAR_AFTER_ADDRESS = 1 << 0, /* "12 Clover Street, Reading" */
  NEAR_BEFORE_POSTCODE = 1 << 1, /* "Hull HU1 2AB" */
};

#define BITS(c, i) ((i) < (c)->len ? (c)->t[i].bits : 0)

/* The token is in no list: no name, place, word of the language or cue;
 * the names pubs and venues trade under do not count, as most are also
 * words of no list ("Zaiqa"), and rules for unknown words should find them */
static inline gboolean
unlisted (const Token *t)
{
  return (t->bits & ~(G_PUB | G_PUB_START)) == 0;
}

/* Only spaces (at most two) between token a and the next token. */
static inline __attribute__ ((always_inline)) gboolean
gap_spaces (const Ctx *c,
            guint      a)
{
  gsize s, e;

  if (a + 1 >= c->len)
    return FALSE;
  s = c->t[a].full_end;
  e = c->t[a + 1].start;
  if (e == s || e - s > 2)
    return FALSE;
  for (gsize i = s; i < e; i++)
    if (c->text[i] != ' ')
      return FALSE;
  return TRUE;
}

/* The gap after token a is exactly str. */
static inline __attribute__ ((always_inline)) gboolean
gap_is (const Ctx  *c,
        guint       a,
        const char *str)
{
  gsize len = strlen (str);

  if (a + 1 >= c->len)
    return FALSE;
  return c->t[a + 1].start - c->t[a].full_end == len &&
         memcmp (c->text + c->t[a].full_end, str, len) == 0;
}

/* Token i is the word w (casefolded). Inlined, so that the length of a
 * literal w is known when it is built. */
static inline __attribute__ ((always_inline)) gboolean
token_is (const Ctx  *c,
          guint       i,
          const char *w)
{
  /* the lengths first: most words differ in theirs, and the hash of @w is
   * then never worked out */
  return i < c->len && c->t[i].flen == strlen (w) &&
         c->t[i].hash == finish_hash (fnv_feed (FNV_OFFSET, w, strlen (w)));
}

/* Token i ends in the letters @suffix, in lower case ("parked": "ed") */
static gboolean
token_ends_in (const Ctx  *c,
               guint       i,
               const char *suffix)
{
  gsize len = strlen (suffix);

  return c->t[i].end - c->t[i].start > len &&
         memcmp (c->text + c->t[i].end - len, suffix, len) == 0;
}

/* Token i is one of the set's words. */
static gboolean
token_in (const Ctx *c,
          guint      i,
          WordSet   *set)
{
  if (g_once_init_enter (&set->ready))
    {
      guint64 *hashes = g_new (guint64, set->n);

      for (guint k = 0; k < set->n; k++)
        {
          hashes[k] = finish_hash (fnv_feed (FNV_OFFSET, set->words[k], strlen (set->words[k])));
          set->bloom |= G_GUINT64_CONSTANT (1) << (hashes[k] >> 58);
        }
      set->hashes = hashes;
      g_once_init_leave (&set->ready, 1);
    }
  /* most words are in no set: one bit says so */
  if (i >= c->len || !(set->bloom & (G_GUINT64_CONSTANT (1) << (c->t[i].hash >> 58))))
    return FALSE;
  for (guint k = 0; k < set->n; k++)
    if (c->t[i].hash == set->hashes[k])
      return TRUE;
  return FALSE;
}

/* Token i is one of the words first to last (W_*) */
static gboolean
word_in (const Ctx *c,
         guint      i,
         guint      first,
         guint      last)
{
  if (i >= c->len)
    return FALSE;
  for (guint k = first; k <= last; k++)
    if (c->t[i].hash == word_hashes[k])
      return TRUE;
  return FALSE;
}

static gboolean
determiner (const Ctx *c,
            guint      i)
{
  static const char *const words[] = { "the", "a", "an", "this", "that", "his", "her", "my",
                                       "your", "their", "our", "its", "no", "every", "each" };
  static WordSet words_set = WORD_SET (words);

  return gap_spaces (c, i) && token_in (c, i, &words_set);
}

/* "two", "three"… before a word: "two lads (17)" */
static gboolean
number_word (const Ctx *c,
             guint      i)
{
  static const char *const words[] = { "two", "three", "four", "five", "six", "some", "several",
                                       "older", "young", "younger", "other" };

  if (!gap_spaces (c, i))
    return FALSE;
  for (guint k = 0; k < G_N_ELEMENTS (words); k++)
    if (token_is (c, i, words[k]))
      return TRUE;
  return FALSE;
}

/* The gap after token a separates two items of a list: ", ", " & " or "/",
 * quotes aside ("Liam, Cody, \"Skinny\""). */
static gboolean
list_gap (const Ctx *c,
          guint      a)
{
  static const char *const seps[] = { ", ", " & ", "/" };
  char gap[8];
  gsize k = 0;

  if (a + 1 >= c->len || c->t[a + 1].start - c->t[a].full_end > 6)
    return FALSE;
  for (gsize q = c->t[a].full_end; q < c->t[a + 1].start; q++)
    if (c->text[q] != '"')
      gap[k++] = c->text[q];
  gap[k] = '\0';
  for (guint i = 0; i < G_N_ELEMENTS (seps); i++)
    if (g_str_equal (gap, seps[i]))
      return TRUE;
  return FALSE;
}

/* "Kelly Gregson (provider), Martin Whittle": a person, a bracket of a
 * few words, a comma and token i, in a list of those present. */
static gboolean
person_bracket_before (const Ctx *c,
                       guint      i)
{
  gsize p = c->t[i].start, open;
  guint j = i;

  if (i < 2 || p < 4 || c->text[p - 1] != ' ' || c->text[p - 2] != ',' || c->text[p - 3] != ')')
    return FALSE;
  for (open = p - 3; open > 0 && p - open < 48 && c->text[open] != '(' && c->text[open] != '\n';
       open--)
    ;
  if (c->text[open] != '(' || open == 0 || c->text[open - 1] != ' ')
    return FALSE;
  while (j > 0 && c->t[j - 1].start > open)
    j--;
  return j > 0 && c->type[j - 1] == type_person && c->t[j - 1].full_end + 1 == open;
}

static gboolean nickname_quote_before (const Ctx *c,
                                       guint      i);

/* "known as", "called", "aka", "calls him": what follows is a name, even a
 * word ("Spider") or one in capitals ("ZUBY"). */
static gboolean
naming_cue_before (const Ctx *c,
                   guint      i)
{
  guint k = i - 1;

  if (i == 0)
    return FALSE;
  if (nickname_quote_before (c, i))
    return TRUE;
  if (c->t[i].start - c->t[k].full_end > 4)
    return FALSE;
  if (token_is (c, k, "called") || token_is (c, k, "named") || token_is (c, k, "nicknamed") ||
      token_is (c, k, "aka") || token_is (c, k, "alias") || token_is (c, k, "nickname") ||
      (token_is (c, k, "names") && c->t[k].lower && c->t[i].start > c->t[k].full_end + 1))
    return TRUE;
  if (k == 0)
    return FALSE;
  /* "a woman they call Bev", "everyone calls Spud" */
  if ((token_is (c, k, "call") || token_is (c, k, "calls")) &&
      (token_is (c, k - 1, "they") || token_is (c, k - 1, "we") || token_is (c, k - 1, "she") ||
       token_is (c, k - 1, "he") || token_is (c, k - 1, "everyone") ||
       token_is (c, k - 1, "girls") || token_is (c, k - 1, "people")))
    return TRUE;
  /* "known as", "knew only as Spud", "knew him as", "known to staff as",
   * "known to source only as", "known to the lads at the rank as" */
  if (token_is (c, k, "as"))
    for (guint q = k; q > 0 && k - q < 7; q--)
      if (token_is (c, q - 1, "knew") || token_is (c, q - 1, "known") ||
          token_is (c, q - 1, "know") || token_is (c, q - 1, "knows"))
        return TRUE;
  if (token_is (c, k, "by") && token_is (c, k - 1, "goes"))
    return TRUE;
  /* "her name was Summer", "GAVE NAME AS KIERAN" */
  if ((token_is (c, k, "was") || token_is (c, k, "is") || token_is (c, k, "as")) &&
      token_is (c, k - 1, "name"))
    return TRUE;
  /* "calls himself Lucky", "they called me Princess" */
  return (token_is (c, k, "him") || token_is (c, k, "her") || token_is (c, k, "me") ||
          token_is (c, k, "himself") || token_is (c, k, "herself")) &&
         (token_is (c, k - 1, "called") || token_is (c, k - 1, "calls") ||
          token_is (c, k - 1, "call"));
}

/* who is called something: "a man they call Tank", "the one they call
 * Sniper", "a lad everyone calls Spud" */
static const char *const called_ones[] = { "one", "man", "lad", "woman", "girl", "guy", "bloke",
                                           "boy", "male", "female", "fella", "geezer", "someone" };
static WordSet called_ones_set = WORD_SET (called_ones);

/* Does a deed follow token i: a verb, or a word in "-s" or "-ed" ("ME
 * takes", "Keystone sent", "OR flagged")? */
static gboolean
deed_after (const Ctx *c,
            guint      i)
{
  return i + 1 < c->len && gap_spaces (c, i) && c->t[i + 1].lower &&
         ((c->t[i + 1].bits & G_VERB) || token_ends_in (c, i + 1, "s") ||
          token_ends_in (c, i + 1, "ed"));
}

/* Token i is the word "and" (lists: "Jade and Amber"). */
static gboolean
is_and (const Ctx *c,
        guint      i)
{
  return c->t[i].end - c->t[i].start == 3 &&
         g_ascii_strncasecmp (c->text + c->t[i].start, "and", 3) == 0;
}

static gboolean
capish (const Token *t)
{
  return t->cap || t->upper;
}

/* Could be part of a person's name after a first name or a title. */
static gboolean
name_part (const Ctx *c,
           guint      i)
{
  const Token *t = &c->t[i];
  guint32 b = t->bits;

  if (!capish (t) && t->end - t->start > 3 && t->text_al)
    return TRUE;
  if (!capish (t) || t->initial)
    return FALSE;
  /* "BHAI SANDHU SAID": in capitals, a verb is no name */
  if ((b & G_VERB) && t->upper)
    return FALSE;
  if (b & (G_STOP | G_CUE | G_CUE_START | G_STREET | G_VERB | G_TITLE | G_COUNCIL))
    return (b & (G_SUR | G_FIRST)) != 0 && !(b & (G_STOP | G_STREET | G_CUE | G_TITLE)) &&
           !(b & G_COMMON);
  if ((b & G_PLACE) && !(b & (G_SUR | G_FIRST)))
    return FALSE;
  /* "Rainbow Project": an ordinary word after a name makes it a thing */
  if ((b & G_ENGLISH) && !(b & (G_SUR | G_FIRST)))
    return FALSE;
  /* "GRACE WERE WORDS": in capitals, an everyday word is no more of a name */
  if ((b & G_COMMON) && t->upper && !(b & G_SUR_POP))
    return FALSE;
  if (b & G_COMMON)
    return (b & (G_SUR | G_FIRST)) != 0 && !t->sentence;
  return TRUE;
}

static void
mark (Ctx        *c,
      guint       from,
      guint       to,
      const char *type)
{
  for (guint i = from; i <= to; i++)
    {
      c->type[i] = type;
      c->joined[i] = i > from;
    }
}

/* The last token of the span that token i starts. */
static guint
span_end (const Ctx *c,
          guint      i)
{
  while (i + 1 < c->len && c->joined[i + 1] && c->type[i + 1] == c->type[i])
    i++;
  return i;
}

/* Marks tokens from..to as one span of @type, and the last one's "'s"
 * with it when it has one ("Sainsbury's", "St Mary's"), as no token
 * takes it in. */
static void
mark_with_poss (Ctx        *c,
                guint       from,
                guint       to,
                const char *type)
{
  if (c->t[to].poss && c->t[to].full_end - c->t[to].end >= 2)
    {
      SlSpan span = { c->offset + c->t[from].start, c->offset + c->t[to].full_end, type };

      g_array_append_val (c->found, span);
      mark (c, from, to, type_none);
    }
  else
    mark (c, from, to, type);
}

/* Is one of tokens first..last a word of no dictionary? A kind's, a
 * team's or a term's name is made of words ("Operational Group", "Inquiry
 * Secretariat", "Young Offender Institution"); a body's has a name in it
 * ("Harewood Care Group", "Tayside Youth Link"). */
static gboolean
unknown_word_in (const Ctx *c,
                 guint      first,
                 guint      last)
{
  for (guint k = first; k <= last; k++)
    if (!(c->t[k].bits & G_ENGLISH))
      return TRUE;
  return FALSE;
}

/* Marks as someone's every word of the note not marked yet that is token
 * k's word in lower case ("hr" … "hr is back"); with @not_after_number,
 * not one after a number ("2 hr") */
static void
mark_lower_again (Ctx      *c,
                  guint     k,
                  gboolean  not_after_number)
{
  for (guint q = 0; q < c->len; q++)
    if (c->type[q] == NULL && c->t[q].lower && c->t[q].hash == c->t[k].hash &&
        c->t[q].end - c->t[q].start == c->t[k].end - c->t[k].start &&
        !(not_after_number && c->t[q].start >= 2 && g_ascii_isdigit (c->text[c->t[q].start - 2])))
      mark (c, q, q, type_person);
}

/* Is the text at p an opening quote ('"', '“'); its length, or 0. */
static gsize
quote_at (const Ctx *c,
          gsize      p,
          gboolean   closing)
{
  if (p < c->n && c->text[p] == '"')
    return 1;
  if (p + 2 < c->n && (guchar) c->text[p] == 0xE2 && (guchar) c->text[p + 1] == 0x80 &&
      (guchar) c->text[p + 2] == (closing ? 0x9D : 0x9C))
    return 3;
  return 0;
}

/* Does the quote that opens token i give someone's nickname: after a
 * kinship word ('his friend, "Shaggy"', 'her mate “Little B”') or in
 * brackets after a name ('Jermaine Clarke ("JJ")')? */
static gboolean
nickname_quote_before (const Ctx *c,
                  guint      i)
{
  gsize p;

  /* 'Jermaine Clarke ("JJ")', 'darren mills ("daz")': a nickname in
   * brackets after a name */
  if (i > 0 && c->type[i - 1] == type_person)
    {
      p = c->t[i - 1].full_end;
      return p + 2 < c->n && c->text[p] == ' ' && c->text[p + 1] == '(' &&
             quote_at (c, p + 2, FALSE) > 0 && p + 2 + quote_at (c, p + 2, FALSE) == c->t[i].start;
    }
  /* 'her brother "Ginge"', not 'calls a pupil "Amber"', a grade; 'seen
   * with "Tiny"', 'met "Dex"' */
  if (i == 0 || !c->t[i - 1].lower || token_is (c, i - 1, "pupil") ||
      !((c->t[i - 1].bits & G_KIN) || token_is (c, i - 1, "with") || token_is (c, i - 1, "met")))
    return FALSE;
  p = c->t[i - 1].full_end;
  if (p < c->n && c->text[p] == ',')
    p++;
  if (p >= c->n || c->text[p] != ' ')
    return FALSE;
  p++;
  return quote_at (c, p, FALSE) > 0 && p + quote_at (c, p, FALSE) == c->t[i].start;
}

/* 'Jordan "JJ" Pearce': a nickname of one or two words in quotes after
 * token a, then a surname; returns the surname's token, or 0. */
static guint
quoted_nickname (const Ctx *c,
                 guint      a)
{
  gsize p, q;
  guint k = a + 1, m;
  gboolean bracket;

  if (k + 1 >= c->len)
    return 0;
  p = c->t[a].full_end;
  /* 'Robert ("Robbie") Cairncross': in brackets too */
  bracket = p + 1 < c->n && c->text[p] == ' ' && c->text[p + 1] == '(';
  if (bracket)
    p++;
  if (p >= c->n || (c->text[p] != ' ' && !bracket) || (q = quote_at (c, p + 1, FALSE)) == 0 ||
      c->t[k].start != p + 1 + q || !capish (&c->t[k]))
    return 0;
  if (k + 2 < c->len && gap_spaces (c, k) && capish (&c->t[k + 1]) &&
      quote_at (c, c->t[k + 1].full_end, TRUE) > 0)
    k++;
  p = c->t[k].full_end;
  q = quote_at (c, p, TRUE);
  if (bracket && q > 0 && p + q < c->n && c->text[p + q] == ')')
    q++;
  else if (bracket)
    return 0;
  m = k + 1;
  if (q == 0 || m >= c->len || p + q >= c->n || c->text[p + q] != ' ' ||
      c->t[m].start != p + q + 1 || !name_part (c, m) || !(c->t[m].bits & G_SUR))
    return 0;
  return m;
}

/* "tSaoi", "hÉireann", "nGallchóir": an Irish name after a particle takes
 * a lower-case letter before its capital. */
static gboolean
gaelic_prefixed (const Ctx *c,
                 guint      k)
{
  const char *w = c->text + c->t[k].start;

  /* "tSaoi", "t-Saoir", "hÉireann", "nGael" */
  if (c->t[k].end - c->t[k].start >= 5 && strchr ("thn", w[0]) != NULL && w[1] == '-')
    w++;
  return c->t[k].end - c->t[k].start >= 4 && strchr ("thn", c->text[c->t[k].start]) != NULL &&
         (g_ascii_isupper (w[1]) ||
          ((guchar) w[1] == 0xC3 && (guchar) w[2] >= 0x80 && (guchar) w[2] <= 0x9E));
}

/* Extends a name from token i over surnames, particles and hyphenated
 * parts; returns the last token of the name. */
static guint
extend_name (const Ctx *c,
             guint      i)
{
  guint last = i, added = 0;

  while (added < 3)
    {
      guint k = last + 1, nick = quoted_nickname (c, last);

      if (nick > 0)
        {
          last = nick;
          added += 2;
          continue;
        }
      if (!gap_spaces (c, last))
        break;

      /* "Mr Mac an t-Saoir": "an" after a particle is one too */
      if ((c->t[k].bits & G_PARTICLE) ||
          ((c->t[last].bits & G_PARTICLE) && token_is (c, k, "an") && k + 1 < c->len &&
           gaelic_prefixed (c, k + 1)))
        {
          guint m = k;

          /* "van der Berg", "Mac an tSaoi", "Ní Bhriain" */
          while (m + 1 < c->len && m < k + 3 && gap_spaces (c, m) &&
                 ((c->t[m + 1].bits & G_PARTICLE) || token_is (c, m + 1, "an")) &&
                 !capish (&c->t[m + 1]))
            m++;
          if (m + 1 < c->len && gap_spaces (c, m) &&
              (name_part (c, m + 1) || (c->t[m + 1].lower && m > k) ||
               gaelic_prefixed (c, m + 1)))
            {
              last = m + 1;
              added += 2;
              continue;
            }
        }
      /* "Little B", "Big T": a street name's letter */
      if (c->t[k].initial && word_in (c, last, W_BIG, W_LITTLE) &&
          strchr ("AI", c->text[c->t[k].start]) == NULL)
        {
          last = k;
          break;
        }
      if (c->t[k].initial && k + 1 < c->len && c->text[c->t[k].end] == '.' &&
          c->t[k + 1].start == c->t[k].end + 2 && name_part (c, k + 1))
        {
          last = k + 1;
          added += 2;
          continue;
        }
      /* "Maxine Foster (mother)": a surname that is a word of the stop list,
       * after a first name and before no noun of care */
      if ((c->t[k].bits & G_STOP) && (c->t[k].bits & G_SUR) && c->t[k].cap && !c->t[k].upper &&
          (c->t[last].bits & G_FIRST) && !(c->t[last].bits & G_STOP) &&
          !(c->t[k].bits & (G_TITLE | G_CUE | G_CUE_START | G_STREET | G_COUNCIL)) &&
          !(k + 1 < c->len && gap_spaces (c, k) &&
            (capish (&c->t[k + 1]) || token_is (c, k + 1, "carer") ||
             token_is (c, k + 1, "carers") || token_is (c, k + 1, "care") ||
             token_is (c, k + 1, "placement") || token_is (c, k + 1, "parent") ||
             token_is (c, k + 1, "parents") || token_is (c, k + 1, "home") ||
             token_is (c, k + 1, "family"))))
        {
          last = k;
          break;
        }
      /* "Ms Kerry-Ann Bishop (support worker)": a title that is a surname
       * too, after a first name and before no other name */
      if ((c->t[k].bits & G_TITLE) && (c->t[k].bits & G_SUR) && capish (&c->t[k]) &&
          !c->t[k].upper && (c->t[last].bits & G_FIRST) &&
          !(k + 1 < c->len && gap_spaces (c, k) && capish (&c->t[k + 1])))
        {
          last = k;
          break;
        }
      if (!name_part (c, k))
        break;
      /* "Chase Derby City Council" is a council, not a person. */
      if (k + 1 < c->len && (c->t[k + 1].bits & G_COUNCIL) && capish (&c->t[k + 1]) &&
          gap_spaces (c, k) && (c->t[k].bits & (G_PLACE | G_PLACE_START)))
        break;
      /* "Jade Smith Road" is a street, not a person. */
      if (k + 1 < c->len && (c->t[k + 1].bits & G_STREET) && capish (&c->t[k + 1]) &&
          gap_spaces (c, k))
        break;
      last = k;
      added++;
    }
  return last;
}

/* "NVivo", "McDonald" and "SlWindow" have a capital inside. */
static gboolean
mixed_case (const char *text,
            gsize       start,
            gsize       end)
{
  for (gsize i = start + 1; i < end; i++)
    if (g_ascii_isupper (text[i]))
      return TRUE;
  return FALSE;
}

/* An age at p, after a space and perhaps "now", "only", "just": "15",
 * "14 and", not "15:30", "12.5", "20%", "10 minutes", "3 weeks". */
static gboolean
age_at (const Ctx *c,
        gsize      p)
{
  static const char *const fillers[] = { "now ", "only ", "just ", "still " };
  gsize q;

  if (p >= c->n || c->text[p] != ' ')
    return FALSE;
  p++;
  for (guint k = 0; k < G_N_ELEMENTS (fillers); k++)
    if (g_str_has_prefix (c->text + p, fillers[k]))
      {
        p += strlen (fillers[k]);
        break;
      }
  q = p;
  while (q < c->n && g_ascii_isdigit (c->text[q]) && q - p < 3)
    q++;
  if (q == p || q - p > 2 || (q < c->n && (g_ascii_isalnum (c->text[q]) ||
                                          strchr (":%/-", c->text[q]) != NULL)))
    return FALSE;
  if (q + 1 < c->n && c->text[q] == '.' && g_ascii_isdigit (c->text[q + 1]))
    return FALSE;
  /* "is 10 minutes away": a unit after the number */
  if (q < c->n && c->text[q] == ' ')
    {
      static const char *const units[] = { "min", "hour", "day", "week", "month", "mile", "km",
                                           "metre", "meter", "per", "percent", "times", "of",
                                           "am", "pm", "o'clock", "people", "girls", "boys",
                                           "children", "men", "women", "victims", "cases" };

      for (guint k = 0; k < G_N_ELEMENTS (units); k++)
        if (g_ascii_strncasecmp (c->text + q + 1, units[k], strlen (units[k])) == 0)
          return FALSE;
    }
  return TRUE;
}

/* Text after token i (skipping ", " and spaces) starts an age or a
 * reporting verb: "Jade (14)", "Jade, aged 14", "Jade said". */
static gboolean
person_context_after (const Ctx *c,
                      guint      i)
{
  gsize p = c->t[i].full_end;

  /* "Rebin Hawrami, 27, works": an age between commas */
  if (p + 3 < c->n && c->text[p] == ',' && c->text[p + 1] == ' ' && g_ascii_isdigit (c->text[p + 2]))
    {
      gsize q = p + 2;

      while (q < c->n && q - p < 5 && g_ascii_isdigit (c->text[q]))
        q++;
      if (q - p <= 4 && q < c->n && (c->text[q] == ',' || c->text[q] == ';' || c->text[q] == '\n' ||
                                      (c->text[q] == '.' && (q + 1 == c->n || c->text[q + 1] == ' ' ||
                                                             c->text[q + 1] == '\n'))))
        return TRUE;
    }
  while (p < c->n && (c->text[p] == ' ' || c->text[p] == ','))
    p++;
  if (p + 1 < c->n && c->text[p] == '(' && g_ascii_isdigit (c->text[p + 1]))
    return TRUE;
  if (p + 1 < c->n && c->text[p] == '(' && g_ascii_strncasecmp (c->text + p + 1, "aged", 4) == 0)
    return TRUE;
  if (i + 1 < c->len && c->t[i + 1].start == p && c->t[i + 1].lower)
    {
      if (c->t[i + 1].bits & G_SVERB)
        return TRUE;
      if (token_is (c, i + 1, "is") || token_is (c, i + 1, "was") ||
          token_is (c, i + 1, "turned") || token_is (c, i + 1, "turns"))
        return age_at (c, c->t[i + 1].full_end);
    }
  return FALSE;
}

static gboolean
person_context_before (const Ctx *c,
                       guint      i)
{
  if (i == 0)
    return FALSE;
  /* Key/value headers: "Name: Amber Hope", "Mother: Grace", "From: …",
   * "Known as: TJ" */
  if (c->t[i].start - c->t[i - 1].full_end == 2 && c->text[c->t[i - 1].full_end] == ':' &&
      ((c->t[i - 1].bits & G_HEADER) ||
       (i > 1 && token_is (c, i - 1, "as") && token_is (c, i - 2, "known") &&
        gap_spaces (c, i - 2))))
    return TRUE;
  /* "a friend, Aušra, in Boston": a name between commas after a kinship word */
  if (c->t[i - 1].lower && (c->t[i - 1].bits & G_KIN) && !(c->t[i - 1].bits & G_TITLE) &&
      gap_is (c, i - 1, ", ") && c->t[i].full_end < c->n && c->text[c->t[i].full_end] == ',')
    return TRUE;
  if ((c->t[i - 1].bits & (G_KIN | G_TITLE)) &&
      (!(c->t[i - 1].bits & G_NAME_ROLE) || ((c->t[i - 1].bits & G_KIN) && !c->t[i].initial)) &&
      c->t[i].start - c->t[i - 1].full_end <= 3)
    {
      /* "her uncle Tariq", "Dr. Aziz", "called \"Bash\"", not "nurse. Discussed" */
      gsize s = c->t[i - 1].full_end, e = c->t[i].start;
      gboolean ok = TRUE;

      for (gsize q = s; q < e; q++)
        if (c->text[q] != ' ' && c->text[q] != '"' &&
            !(c->text[q] == '.' && c->t[i - 1].end - c->t[i - 1].start <= 4))
          ok = FALSE;
      /* 'calls a pupil "Amber"': a grade in quotes, no pupil's name */
      if (ok && token_is (c, i - 1, "pupil") && (c->t[i].bits & G_HARD) &&
          memchr (c->text + s, '"', e - s) != NULL)
        ok = FALSE;
      return ok;
    }
  /* "told Jade", "asked Jade" */
  if (c->t[i - 1].lower && (c->t[i - 1].bits & G_VERB) && gap_spaces (c, i - 1))
    {
      const char *w = c->text + c->t[i - 1].start;

      return g_str_has_prefix (w, "told") || g_str_has_prefix (w, "asked") ||
             g_str_has_prefix (w, "with") || g_str_has_prefix (w, "met") ||
             g_str_has_prefix (w, "contacted") || g_str_has_prefix (w, "visited") ||
             g_str_has_prefix (w, "texted") || g_str_has_prefix (w, "messaged");
    }
  return FALSE;
}

/* A role pseudonym: "Child A", "Victim 2", "YP3". */
static gboolean
role_letter (const Ctx *c,
             guint      i)
{
  /* not "panel member R. Okafor": an initial, its full stop and a surname
   * after a role in lower case ("Child B. Okafor" stays a role) */
  if (i > 0 && c->t[i - 1].lower && i + 1 < c->len && gap_is (c, i, ". ") &&
      c->t[i + 1].cap && !c->t[i + 1].upper &&
      (c->t[i + 1].bits & G_SUR) && !(c->t[i + 1].bits & (G_ENGLISH | G_COMMON | G_STOP)))
    return FALSE;
  return c->t[i].initial && i > 0 && (c->t[i - 1].bits & G_NAME_ROLE) && gap_spaces (c, i - 1);
}

/* Token k starts a sentence with a verb: "Attending St Cecilia's
 * College", "Attends Gaelscoil Uí Néill", "Visited Park Academy" */
static gboolean
sentence_verb (const Ctx *c,
               guint      k)
{
  const Token *t = &c->t[k];
  gsize n = t->end - t->start;
  const char *e = c->text + t->end;

  if (!t->sentence || !t->cap || t->upper || n < 5 || !(t->bits & G_ENGLISH) ||
      (t->bits & (G_PLACE | G_PLACE_START | G_FIRST | G_SUR | G_CUE | G_CUE_START | G_PUB_START)))
    return FALSE;
  return (strncmp (e - 3, "ing", 3) == 0 || strncmp (e - 2, "ed", 2) == 0 ||
          token_is (c, k, "attends") || token_is (c, k, "visits") || token_is (c, k, "joins") ||
          token_is (c, k, "leaves") || token_is (c, k, "goes"));
}

/* Token i is a role and its letter or number joined by a hyphen ("YP-B",
 * "CSE-3"): a pseudonym, not someone's initials */
static gboolean
role_code (const Ctx *c,
           guint      i)
{
  const Token *t = &c->t[i];
  const char *dash = memchr (c->text + t->start, '-', t->end - t->start);
  char buf[16];
  gsize tail, len;

  if (dash == NULL || !t->ascii)
    return FALSE;
  tail = c->text + t->end - dash - 1;
  if (tail == 0 || tail > 3 || !(tail == 1 ? g_ascii_isalpha (dash[1]) : g_ascii_isdigit (dash[1])))
    return FALSE;
  len = fold_word (c->text, t->start, dash - c->text, TRUE, buf, sizeof buf);
  return (table_get (finish_hash (fnv_feed (FNV_OFFSET, buf, len))) & G_NAME_ROLE) != 0;
}

/* Longest phrase of up to 5 words starting at token i whose hash has bit;
 * returns its number of words, or 0. */
static guint
match_phrase (const Ctx *c,
              guint      i,
              guint32    bit)
{
  guint best = 0;
  guint64 h = FNV_OFFSET;
  char buf[64];

  for (guint k = i; k < c->len && k < i + 5; k++)
    {
      gsize len;

      if (k > i)
        {
          if (!gap_spaces (c, k - 1) && !gap_is (c, k - 1, ", "))
            break;
          if (gap_is (c, k - 1, ", "))
            break;
          h = fnv_feed (h, " ", 1);
        }
      len = fold_word (c->text, c->t[k].start, c->t[k].full_end, c->t[k].ascii, buf, sizeof buf);
      h = fnv_feed (h, buf, len);
      if (k > i && (table_get (finish_hash (h)) & bit))
        best = k - i + 1;
    }
  return best;
}

/* The gap after token k is one short code between spaces: "Cloud 9 Shisha
 * Lounge", "Club 2000 Taxis". */
static gboolean
code_gap (const Ctx *c,
          guint      k)
{
  gsize s, e;

  if (k + 1 >= c->len)
    return FALSE;
  s = c->t[k].full_end;
  e = c->t[k + 1].start;
  if (e - s < 3 || e - s > 8 || c->text[s] != ' ' || c->text[e - 1] != ' ')
    return FALSE;
  for (gsize q = s + 1; q < e - 1; q++)
    if (!g_ascii_isalnum (c->text[q]))
      return FALSE;
  for (gsize q = s + 1; q < e - 1; q++)
    if (g_ascii_isdigit (c->text[q]))
      return TRUE;
  return FALSE;
}

/* Where a code of letters and digits just before token k starts ("A2B
 * Cars"), plus one; or 0. */
static gsize
code_before (const Ctx *c,
             guint      k)
{
  gsize e = c->t[k].start, s, floor = k > 0 ? c->t[k - 1].full_end : 0;
  gboolean digit = FALSE, letter = FALSE;

  if (e < 3 || c->text[e - 1] != ' ')
    return 0;
  s = e - 1;
  while (s > floor && g_ascii_isalnum (c->text[s - 1]) && e - s < 8)
    {
      s--;
      digit = digit || g_ascii_isdigit (c->text[s]);
      letter = letter || g_ascii_isupper (c->text[s]);
    }
  if (!digit || !letter || !g_ascii_isupper (c->text[s]) || s == e - 1 ||
      (s > 0 && (g_ascii_isalnum (c->text[s - 1]) || strchr ("/-.@", c->text[s - 1]) != NULL)))
    return 0;
  /* "YP3 Cars" is a role pseudonym before a word, not a firm */
  {
    char buf[8];
    gsize len = 0;

    while (s + len < e && g_ascii_isalpha (c->text[s + len]) && len < sizeof buf)
      {
        buf[len] = g_ascii_tolower (c->text[s + len]);
        len++;
      }
    if (len >= 2 && (table_get (finish_hash (fnv_feed (FNV_OFFSET, buf, len))) &
                     (G_NAME_ROLE | G_STOP)))
      return 0;
  }
  return s + 1;
}

/* The words before the shop at token i (at p, after "the" if @the) that
 * say someone was there: "outside tesco", "at the Spar", "by the
 * Sainsbury's". */
static gboolean
where_it_is_before (const Ctx *c,
                    guint      i,
                    guint      p,
                    gboolean   the)
{
  /* the first six name a spot even before a town's name */
  static const char *const before[] = {
    "at", "outside", "near", "behind", "opposite", "inside", "in", "into", "to", "past",
    "round", "towards", "beside", "around", "nr", "above",
  };

  /* ('went to "Costa"') */
  if (p == 0 || !(gap_spaces (c, p - 1) || gap_is (c, p - 1, " \"")) || !c->t[p - 1].lower)
    return FALSE;
  /* "picked her up from Lidl", but "trainers from JD Sports" are a brand's */
  if (token_is (c, p - 1, "from") && p > 1 && gap_spaces (c, p - 2) &&
      (token_is (c, p - 2, "up") || token_is (c, p - 2, "her") || token_is (c, p - 2, "him") ||
       token_is (c, p - 2, "them") || token_is (c, p - 2, "me") || token_is (c, p - 2, "u")))
    return TRUE;
  /* "by the Co-op", "by tesco", but "seen by Coral" is a woman */
  if (token_is (c, p - 1, "by") && (the || !(c->t[i].bits & (G_FIRST | G_SUR))))
    return TRUE;
  /* "lives in Westfield", a district, but "at Westfield", the shops */
  for (guint k = 0; k < G_N_ELEMENTS (before); k++)
    if (token_is (c, p - 1, before[k]))
      return !(c->t[i].bits & (G_PLACE | G_PLACE_START)) || the || k < 6;
  return FALSE;
}

/* Is the shop at token i named where someone was, by the words before it
 * or by where it is said to be ("Bargain Booze on Uttoxeter Road"), not as
 * a brand ("a Tesco bag")? */
static gboolean
where_someone_was (const Ctx *c,
                   guint      i)
{
  gboolean the = i > 1 && token_is (c, i - 1, "the") && gap_spaces (c, i - 1);
  guint e = i;

  if (where_it_is_before (c, i, the ? i - 1 : i, the))
    return TRUE;
  while (e + 1 < c->len && e < i + 3 && gap_spaces (c, e) && capish (&c->t[e + 1]))
    e++;
  /* "the McDonald's near the bus station", "the Costa in town" */
  if (the && e + 2 < c->len && gap_spaces (c, e) && c->t[e + 1].lower &&
      (token_is (c, e + 1, "near") || token_is (c, e + 1, "opposite") ||
       token_is (c, e + 1, "by") || token_is (c, e + 1, "behind") ||
       (token_is (c, e + 1, "in") && gap_spaces (c, e + 1) &&
        (token_is (c, e + 2, "town") || token_is (c, e + 2, "the")))))
    return TRUE;
  /* "Found Rhyl, Costa on the high street", "Greggs on the front" */
  if (e + 3 < c->len && gap_spaces (c, e) && gap_spaces (c, e + 1) && gap_spaces (c, e + 2) &&
      c->t[e + 1].lower && token_is (c, e + 1, "on") && token_is (c, e + 2, "the") &&
      (token_is (c, e + 3, "high") || token_is (c, e + 3, "front") ||
       token_is (c, e + 3, "seafront") || token_is (c, e + 3, "prom") ||
       token_is (c, e + 3, "promenade") || token_is (c, e + 3, "precinct") ||
       token_is (c, e + 3, "parade") || token_is (c, e + 3, "corner")))
    return TRUE;
  return e + 2 < c->len && gap_spaces (c, e) && gap_spaces (c, e + 1) && c->t[e + 1].lower &&
         (token_is (c, e + 1, "on") || token_is (c, e + 1, "in")) && capish (&c->t[e + 2]) &&
         ((c->t[e + 2].bits & (G_PLACE | G_PLACE_START)) ||
          (e + 3 < c->len && gap_spaces (c, e + 2) && (c->t[e + 3].bits & G_STREET)));
}

/* Where the chains whose name starts with the word of hash @h start in
 * the table, or -1 when none does. */
static gint
chain_first_word (guint64 h)
{
  for (guint64 s = h % G_N_ELEMENTS (chain_first);; s = (s + 1) % G_N_ELEMENTS (chain_first))
    if (chain_first[s] == h)
      return (gint) chain_start[s];
    else if (chain_first[s] == 0)
      return -1;
}

/* The number of words of the longest chain's name at token i, or 0; in
 * @none whether it names no place at all, in @whole whether its "'s" is
 * part of the name ("Sainsbury's"). */

static guint
chain_at (const Ctx *c,
          guint      i,
          gboolean  *none,
          gboolean  *whole)
{
  guint best = 0;
  gint where = -1; /* where_someone_was (), once known */
  gint from = chain_first_word (c->t[i].hash);

  if (from < 0)
    return 0;
  for (guint k = (guint) from; k < chain_table->len; k++)
    {
      const Chain *ch = &g_array_index (chain_table, Chain, k);
      gboolean shop = ch->kind == '@';
      guint w = 0;

      if (ch->word[0] != c->t[i].hash)
        break;
      if (ch->n <= best)
        continue;
      /* in lower case ("premier inn", "greggs", "outside boots") unless an
       * English word alone ("ibis") */
      if (c->t[i].lower && (c->t[i].bits & (G_ENGLISH | G_COMMON | G_WORD)) && !shop &&
          ch->n == 1)
        continue;
      if (shop && where < 0)
        where = where_someone_was (c, i);
      if (shop && !where)
        continue;
      /* "Sainsbury's" with its "'s"; "Greggs" or "Tesco's" without */
      while (w < ch->n && i + w < c->len && c->t[i + w].hash == ch->word[w] &&
             (w == 0 || gap_spaces (c, i + w - 1)) &&
             (!(ch->poss & (1 << w)) || c->t[i + w].poss) &&
             (!c->t[i + w].poss || (ch->poss & (1 << w)) || w + 1 == ch->n))
        w++;
      if (w == ch->n)
        {
          best = w;
          *none = ch->kind == '!';
          *whole = (ch->poss & (1 << (w - 1))) != 0;
        }
    }
  /* "a premier inn": any one of them */
  if (best > 0 && c->t[i].lower && i > 0 && gap_spaces (c, i - 1) &&
      (token_is (c, i - 1, "a") || token_is (c, i - 1, "an")))
    return 0;
  return best;
}

/* text[s, e) is ".", ".C.", ".C.E." perhaps with a space after: the rest
 * of "R.C." after its first letter */
static gboolean
dotted_initials (const Ctx *c,
                 gsize      s,
                 gsize      e)
{
  if (e > s && c->text[e - 1] == ' ')
    e--;
  if (e == s || e - s > 7 || c->text[s] != '.')
    return FALSE;
  for (gsize q = s + 1; q < e; q += 2)
    if (q + 1 >= e || !g_ascii_isupper (c->text[q]) || c->text[q + 1] != '.')
      return FALSE;
  return TRUE;
}

/* Token i names a trade that a business is named for ("Bar", "Chicken",
 * "Grill", "Stays"), not a kind of public place ("Club", "Centre") */
static gboolean
trade_cue (const Ctx *c,
           guint      i)
{
  return word_in (c, i, W_BAR, W_LETTINGS) || word_in (c, i, W_PIZZA, W_KEBAB) ||
         word_in (c, i, W_CHICKEN, W_CURRY) || word_in (c, i, W_RESTAURANT, W_SALON);
}

static void
detect_institutions (Ctx *c)
{
  for (guint i = 0; i < c->len; i++)
    {
      const Token *t = &c->t[i];
      guint cue_len = 0, first, last;
      gboolean named = FALSE, proper = FALSE, strange = FALSE;

      /* a name or a public body already */
      if (c->type[i] != NULL)
        continue;
      /* "at the Zanzibar", "went to the Palais": a name in no list after
       * "the", where someone was, is a venue's */
      if (t->cap && !t->upper && unlisted (t) && !t->sentence && !t->poss && i > 1 &&
          gap_spaces (c, i - 1) && token_is (c, i - 1, "the") && c->t[i - 1].lower &&
          gap_spaces (c, i - 2) && c->t[i - 2].lower &&
          (token_is (c, i - 2, "at") || token_is (c, i - 2, "to") ||
           token_is (c, i - 2, "outside") || token_is (c, i - 2, "from") ||
           token_is (c, i - 2, "near") || token_is (c, i - 2, "inside")) &&
          !(i + 1 < c->len && gap_spaces (c, i) && (capish (&c->t[i + 1]) ||
                                                    (c->t[i + 1].bits & G_CUE))))
        {
          mark (c, i, i, type_institution);
          continue;
        }
      /* In lower case: "works at iron forge gym", "at sparkle hand car
       * wash": words after "at", "outside"… and before a trade's cue, not
       * "at the gym" nor "at my gym" */
      if (t->lower && t->casual && i > 1 && (t->bits & (G_CUE | G_CUE_START)) &&
          c->type[i - 1] == NULL && c->t[i - 1].lower && gap_spaces (c, i - 1) &&
          !(c->t[i - 1].bits & (G_STOP | G_PREP | G_VERB | G_KIN | G_CUE)) &&
          !determiner (c, i - 1))
        {
          guint from = i - 1, len = (t->bits & G_CUE_START) ? match_phrase (c, i, P_CUE) : 0;
          guint end;

          if (len == 0 && (t->bits & G_CUE))
            len = 1;
          end = i + len - 1;
          if (from > 0 && c->t[from - 1].lower && gap_spaces (c, from - 1) &&
              c->type[from - 1] == NULL &&
              !(c->t[from - 1].bits & (G_STOP | G_PREP | G_VERB | G_KIN)) &&
              !determiner (c, from - 1))
            from--;
          /* a trade, not "at big school", "at nans house", "at corner shop" */
          if (len > 0 && from > 0 && gap_spaces (c, from - 1) && c->t[from - 1].lower &&
              !token_is (c, from, "corner") && !token_is (c, from, "local") &&
              !token_is (c, from, "chip") && !token_is (c, from, "paper") &&
              !token_is (c, from, "sweet") && !token_is (c, from, "charity") &&
              !token_is (c, from, "phone") && !token_is (c, from, "vape") &&
              !token_is (c, from, "betting") && !token_is (c, from, "nail") &&
              !token_is (c, from, "hair") && !token_is (c, from, "fish") &&
              (trade_cue (c, end) || token_is (c, end, "gym") || token_is (c, end, "wash") ||
               token_is (c, end, "barbers") || token_is (c, end, "barber") ||
               token_is (c, end, "shop") || token_is (c, end, "chippy") ||
               token_is (c, end, "takeaway")) &&
              (token_is (c, from - 1, "at") || token_is (c, from - 1, "outside") ||
               token_is (c, from - 1, "from") || token_is (c, from - 1, "near")))
            {
              mark (c, from, end, type_institution);
              i = end;
              continue;
            }
        }
      /* "at Merseyway shopping centre", "Kirkgate retail park": a name no
       * dictionary has before a cue of several words in lower case */
      if (t->lower && (t->bits & G_CUE_START) && i > 0 && capish (&c->t[i - 1]) &&
          !c->t[i - 1].upper && !c->t[i - 1].poss && gap_spaces (c, i - 1) &&
          c->type[i - 1] == NULL &&
          (cue_len = match_phrase (c, i, P_CUE)) > 1)
        {
          /* "Solway View children's home": a word no dictionary has first */
          guint from = i - 1;
          guint32 no = G_STOP | G_TITLE | G_COUNCIL | G_CUE | G_CUE_START;

          /* ("the Sugar Shack dessert parlour": a trade's word second) */
          /* ("the Castle Court shopping centre": a street's word, though
           * a stop word too) */
          if (from > 0 && (c->t[from].bits & (G_ENGLISH | G_STREET)) &&
              (!(c->t[from].bits & G_STOP) || (c->t[from].bits & G_STREET)) &&
              !(c->t[from].bits & (G_TITLE | G_COUNCIL | G_CUE_START)) &&
              capish (&c->t[from - 1]) && !c->t[from - 1].upper && gap_spaces (c, from - 1) &&
              c->type[from - 1] == NULL)
            from--;
          /* "Solway View children's home": a place's word starts a name of
           * two; "the Fort shopping centre": a word after "the", but not
           * "the main shopping centre" */
          if (from + 1 == i)
            no |= G_PLACE;
          if (!(from > 0 && token_is (c, from - 1, "the") && c->t[from - 1].lower &&
                gap_spaces (c, from - 1)) ||
              token_is (c, from, "main") || token_is (c, from, "local") ||
              token_is (c, from, "new") || token_is (c, from, "old") ||
              token_is (c, from, "town") || token_is (c, from, "city") ||
              token_is (c, from, "big") || token_is (c, from, "central"))
            no |= G_ENGLISH;
          if ((!c->t[from].sentence || from + 1 < i) && !(c->t[from].bits & no))
            {
              mark (c, from, i + cue_len - 1, type_institution);
              i += cue_len - 1;
              continue;
            }
        }
      cue_len = 0;
      if ((t->bits & G_CUE) && t->lower && i > 1 && capish (&c->t[i - 1]) &&
          gap_spaces (c, i - 1) && c->type[i - 1] == NULL &&
          (word_in (c, i, W_PUB, W_APARTMENT) || word_in (c, i, W_RESTAURANT, W_SALON) ||
           token_is (c, i, "nightclub") || token_is (c, i, "club") || trade_cue (c, i) ||
           token_is (c, i, "barbers") || token_is (c, i, "barber") || token_is (c, i, "gym") ||
           token_is (c, i, "chippy")))
        {
          /* "the Junction pub": the name is the capitalised words after "the";
           * "the Ashiana restaurant": a proper name, not "the Youth club" */
          guint k = i - 1;
          gboolean named_so = word_in (c, i, W_PUB, W_APARTMENT);

          while (k > 0 && capish (&c->t[k - 1]) && gap_spaces (c, k - 1) && k + 3 > i &&
                 !(c->t[k - 1].bits & G_STOP))
            k--;
          for (guint q = k; q < i && !named_so; q++)
            named_so = !(c->t[q].bits & (G_ENGLISH | G_COMMON | G_WORD)) ||
                     (c->t[q].bits & (G_FIRST | G_SUR));
          /* "outside Lucky Star takeaway": after "at", "outside" too;
           * "(Top Kutz barbers)": in brackets */
          if (named_so && k > 0 &&
              ((gap_spaces (c, k - 1) &&
                (token_is (c, k - 1, "the") ||
                 ((c->t[k - 1].bits & G_PREP) && c->t[k - 1].lower && !c->t[k].sentence &&
                  /* "went to Leeds hotel": a town */
                  !(k + 1 == i && (c->t[k].bits & (G_PLACE | G_PLACE_START)))))) ||
               (c->text[c->t[k].start - 1] == '(' && k + 1 < i &&
                (i + 1 >= c->len || c->t[i].full_end >= c->n || c->text[c->t[i].full_end] == ')'))) &&
              !(c->t[k].bits & (G_STOP | G_TITLE)) && !c->t[k].upper)
            {
              /* "the Lucky Star Chinese takeaway": the cuisine is no name */
              guint end = i - 1;

              while (end > k && (c->t[end].bits & G_STOP))
                end--;
              /* "the Cinderella's nightclub": with its "'s" */
              mark_with_poss (c, k, end, type_institution);
              continue;
            }
        }
      /* Lower case: "sandwell academy", "st bedes school" */
      if (t->lower && (t->bits & (G_CUE | G_CUE_START)) && i > 0 && c->type[i - 1] == NULL &&
          /* "gateshead high street" is no school */
          !(word_in (c, i, W_HIGH, W_HIGH) && i + 1 < c->len && gap_spaces (c, i) &&
            (c->t[i + 1].bits & G_STREET)) &&
          ((cue_len = (t->bits & G_CUE_START) ? match_phrase (c, i, P_CUE) : 0) > 0 ||
           ((t->bits & G_CUE) && !(t->bits & G_WEAK_CUE))))
        {
          first = i;
          while (first > 0 && i - first < 3 && gap_spaces (c, first - 1) &&
                 c->t[first - 1].lower && c->type[first - 1] == NULL &&
                 c->t[first - 1].end - c->t[first - 1].start >= 3 &&
                 !(c->t[first - 1].bits & (G_ENGLISH | G_COMMON | G_WORD | G_STOP | G_VERB |
                                           G_PREP | G_KIN | G_CUE | G_TITLE | G_HEADER)))
            first--;
          /* "leyton fields academy": ordinary words after a town's or a
           * person's name */
          if (first == i)
            {
              guint k = i;

              while (k > 0 && i - k < 2 && gap_spaces (c, k - 1) && c->t[k - 1].lower &&
                     c->type[k - 1] == NULL && c->t[k - 1].end - c->t[k - 1].start >= 3 &&
                     (c->t[k - 1].bits & G_ENGLISH) &&
                     !(c->t[k - 1].bits & (G_STOP | G_VERB | G_PREP | G_KIN | G_CUE | G_TITLE |
                                           G_HEADER)))
                k--;
              if (k < i && k > 0 && gap_spaces (c, k - 1) && c->t[k - 1].lower &&
                  c->type[k - 1] == NULL &&
                  (c->t[k - 1].bits & (G_PLACE | G_SUR_POP | G_FIRST_POP)) &&
                  !(c->t[k - 1].bits & (G_ENGLISH | G_COMMON | G_WORD | G_STOP | G_VERB |
                                        G_PREP | G_KIN | G_CUE | G_TITLE | G_HEADER)))
                first = k - 1;
            }
          /* in rough notes and chats, where a name stands ("go to pulse
           * gym", "- swift cabs", "- sea breeze b&b"), a
           * word or two of the language too, but no kind of place ("the
           * sports centre"), no cuisine ("the chinese takeaway"), no
           * grammar ("his old school") */
          if (first == i && t->casual &&
              /* (a trade, a taxi firm, an arcade, a gym, a hotel:
               * "summer school" and "upper arms" are words) */
              (trade_cue (c, i) || word_in (c, i, W_CARS, W_KABS) ||
               word_in (c, i, W_HOTEL, W_INN) ||
               token_is (c, i, "gym") || token_is (c, i, "fitness") ||
               token_is (c, i, "bowl") || token_is (c, i, "amusements") ||
               token_is (c, i, "arcade") || token_is (c, i, "lodge") ||
               token_is (c, i, "centre") || token_is (c, i, "b&b")))
            {
              guint k = i;

              while (k > 0 && i - k < 2 && gap_spaces (c, k - 1) && c->t[k - 1].lower &&
                     c->type[k - 1] == NULL && c->t[k - 1].end - c->t[k - 1].start >= 3 &&
                     !c->t[k - 1].poss &&
                     !(c->t[k - 1].bits & (G_STOP | G_VERB | G_PREP | G_KIN | G_CUE | G_CUE_START |
                                           G_TITLE | G_HEADER | G_STREET)) &&
                     !token_in (c, k - 1, &generic_set) && !token_in (c, k - 1, &cuisines_set) &&
                     !determiner (c, k - 1) &&
                     /* ("the parked cars", "the waiting taxis") */
                     !token_ends_in (c, k - 1, "ed") && !token_ends_in (c, k - 1, "ing"))
                k--;
              if (k < i &&
                  (k == 0 || (gap_spaces (c, k - 1) &&
                              ((token_is (c, k - 1, "the") && c->t[k - 1].lower) ||
                               token_in (c, k - 1, &went_to_set))) ||
                   strchr ("-+(\n", c->text[c->t[k].start - 1]) != NULL ||
                   (c->t[k].start >= 2 && strchr ("-+(", c->text[c->t[k].start - 2]) != NULL)))
                first = k;
            }
          /* "st michael's school", "st. michael's school" */
          if (first > 0 && first < i &&
              (gap_spaces (c, first - 1) || gap_is (c, first - 1, ". ")) &&
              (c->t[first - 1].bits & G_SAINT) && c->t[first - 1].lower)
            first--;
          if (first < i)
            {
              last = i + (cue_len > 0 ? cue_len - 1 : 0);
              while (last + 1 < c->len && gap_spaces (c, last) && c->t[last + 1].lower &&
                     (c->t[last + 1].bits & G_CUE) && last < i + 2)
                last++;
              mark (c, first, last, type_institution);
              i = last;
              continue;
            }
          cue_len = 0;
        }
      /* Chains of hotels and take-aways: "the Travelodge", "Holiday Inn
       * Express", "greggs" */
      {
        gboolean none = FALSE, whole = FALSE;
        guint len = c->type[i] == NULL ? chain_at (c, i, &none, &whole) : 0;

        /* "Merseyway shopping centre", "the Travelodge Hotel": its cue too */
        if (len > 0 && !none && !whole && i + len < c->len && gap_spaces (c, i + len - 1) &&
            (c->t[i + len].bits & (G_CUE | G_CUE_START)))
          {
            guint more = (c->t[i + len].bits & G_CUE_START) ? match_phrase (c, i + len, P_CUE) : 0;

            if (more == 0 && (c->t[i + len].bits & G_CUE) &&
                c->t[i + len].lower == c->t[i + len - 1].lower)
              more = 1;
            len += more;
          }

        if (len > 0 && whole && !none)
          mark_with_poss (c, i, i + len - 1, type_institution);
        else if (len > 0)
          mark (c, i, i + len - 1, none ? type_none : type_institution);
        if (len > 0)
          {
            i += len - 1;
            continue;
          }
      }
      if (!capish (t))
        continue;
      /* Pubs: "the Royal Oak", "The Red Lion"; "at Wagon and Horses", a
       * name of several words, without "the" */
      if ((t->bits & (G_PUB_START | G_PUB)) && i > 0 && gap_spaces (c, i - 1) &&
          ((g_ascii_strncasecmp (c->text + c->t[i - 1].start, "the", 3) == 0 &&
            c->t[i - 1].end - c->t[i - 1].start == 3) ||
           ((t->bits & G_PUB_START) && c->t[i - 1].lower &&
            (token_is (c, i - 1, "at") || token_is (c, i - 1, "outside") ||
             token_is (c, i - 1, "in") || token_is (c, i - 1, "near") ||
             token_is (c, i - 1, "behind") || token_is (c, i - 1, "from")) &&
            match_phrase (c, i, P_PUB) >= 2)))
        {
          guint len = (t->bits & G_PUB_START) ? match_phrase (c, i, P_PUB) : 0;
          gboolean the = token_is (c, i - 1, "the");

          if (len == 0 && (t->bits & G_PUB))
            len = 1;
          /* "the Crown Prosecution Service", "the Crown Court"; "the Anchor
           * Bar" and "the Seaview Hotel" are named with their trade, which
           * the rules for cue words find */
          if (len > 0 && i + len < c->len && gap_spaces (c, i + len - 1) &&
              capish (&c->t[i + len]) &&
              /* "THE ROYAL OAK IN ROCHDALE": in capitals, "IN" is a word,
               * but "THE SEAVIEW COURT HOTEL" a name */
              !(c->t[i + len].upper && (c->t[i + len].bits & G_STOP) &&
                !(c->t[i + len].bits & (G_CUE | G_CUE_START | G_WEAK_CUE | G_STREET))))
            len = 0;

          /* "counsel for the Crown", "R v the Crown": the prosecution */
          if (len == 1 && the && token_is (c, i, "crown") && i > 1 && gap_spaces (c, i - 2) &&
              (token_is (c, i - 2, "for") || token_is (c, i - 2, "against") ||
               token_is (c, i - 2, "v") || token_is (c, i - 2, "by")))
            len = 0;
          /* "the" is part of the span: a reader who labels "the Royal Oak"
           * and one who labels "Royal Oak" are both covered. */
          if (len > 0)
            {
              mark (c, the ? i - 1 : i, i + len - 1, type_institution);
              i += len - 1;
              continue;
            }
        }
      /* "Masjid-e-Noor" */
      if (t->end - t->start > 7 && g_ascii_strncasecmp (c->text + t->start, "masjid-", 7) == 0)
        {
          mark (c, i, i, type_institution);
          continue;
        }
      /* Welsh names put the cue first ("Ysgol Gyfun Cwm Rhondda",
       * "Ysbyty Glan Clywedog"), and so do
       * takeaways ("Pizza Palace", "Tandoori Nights", "Chippy Chapmans",
       * "Spice Junction") and places of worship ("Masjid Al-Noor",
       * "Gurdwara Guru Nanak", "Capel Bethel") */
      if ((word_in (c, i, W_YSGOL, W_SPICE) || word_in (c, i, W_CHICKEN, W_CURRY)) &&
          i + 1 < c->len && gap_spaces (c, i) &&
          (capish (&c->t[i + 1]) || (c->t[i + 1].text_al && word_in (c, i, W_YSGOL, W_SPICE)) ||
           ((token_is (c, i + 1, "y") || token_is (c, i + 1, "yr")) && word_in (c, i, W_YSGOL, W_TY) &&
            i + 2 < c->len && gap_spaces (c, i + 1) && c->t[i + 2].cap)) &&
          /* "Chicken Spot", not "Chicken Cottage" nor "Chicken and" */
          !(word_in (c, i, W_CHICKEN, W_CURRY) &&
            (c->t[i + 1].bits & (G_STOP | G_CUE | G_CUE_START))) &&
          /* "Club Neon", "Gym Nation", but not "Youth Club Leader" nor "the
           * club Secretary" */
          !(word_in (c, i, W_CLUB, W_GYM) &&
            (!t->cap || t->upper || (i > 0 && capish (&c->t[i - 1]) && gap_spaces (c, i - 1)) ||
             (c->t[i + 1].bits & (G_STOP | G_CUE | G_CUE_START | G_TITLE | G_HEADER | G_KEYWORD)) ||
             token_in (c, i + 1, &club_posts_set) || word_in (c, i + 1, W_MON, W_SUN) ||
             word_in (c, i + 1, W_JAN, W_DEC))))
        {
          guint from = i;

          last = i;
          /* "Gurdwara Sri Guru Nanak Darbar", "Masjid an-Noor" */
          while (last + 1 < c->len && last < i + 5 && gap_spaces (c, last) &&
                 /* "THE GURDWARA HAD BECOME AWARE": in capitals, no words */
                 !(c->t[last + 1].upper && (c->t[last + 1].bits & (G_ENGLISH | G_VERB | G_STOP)) &&
                   !(c->t[last + 1].bits & (G_FIRST | G_SUR | G_TITLE | G_PLACE))) &&
                 ((capish (&c->t[last + 1]) &&
                   (!(c->t[last + 1].bits & G_STOP) ||
                    (((c->t[last + 1].bits & G_TITLE) ||
                      c->t[last + 1].end - c->t[last + 1].start <= 3) &&
                     last + 2 < c->len && gap_spaces (c, last + 1) &&
                     capish (&c->t[last + 2])))) ||
                  c->t[last + 1].text_al ||
                  /* "Ysgol Maes y Gwynt", "Capel y Groes" */
                  ((token_is (c, last + 1, "y") || token_is (c, last + 1, "yr")) &&
                   c->t[last + 1].lower && last + 2 < c->len && gap_spaces (c, last + 1) &&
                   c->t[last + 2].cap)))
            last++;
          /* "Royal Spice Grill": a word of the name before the cue too */
          if (i > 0 && gap_spaces (c, i - 1) && capish (&c->t[i - 1]) && c->type[i - 1] == NULL &&
              c->t[i - 1].upper == t->upper && !c->t[i - 1].initial &&
              !(c->t[i - 1].bits & (G_STOP | G_TITLE | G_VERB | G_PREP | G_KIN | G_HEADER |
                                    G_COUNCIL | G_CUE)) &&
              !sentence_verb (c, i - 1))
            from = i - 1;
          /* the cue alone names nothing */
          if (from == last)
            continue;
          mark (c, from, last, type_institution);
          i = last;
          continue;
        }
      /* "the University of Wearside", "Spice of Sylhet", "College of
       * Arts Llandrillo" not, "the Royal College of Nursing" not: a cue
       * before "of" and a name no dictionary has */
      if (capish (t) && i + 2 < c->len && gap_spaces (c, i) && token_is (c, i + 1, "of") &&
          gap_spaces (c, i + 1) &&
          capish (&c->t[i + 2]) && c->t[i + 2].upper == t->upper &&
          !(c->t[i + 2].bits & (G_ENGLISH | G_STOP | G_TITLE)) &&
          (token_is (c, i, "university") || token_is (c, i, "college") ||
           token_is (c, i, "institute") || word_in (c, i, W_SPICE, W_SPICE) ||
           token_is (c, i, "taste") || token_is (c, i, "pride") || token_is (c, i, "star")) &&
          !(i > 0 && gap_spaces (c, i - 1) && capish (&c->t[i - 1]) &&
            (c->t[i - 1].bits & G_STOP)))
        {
          last = i + 2;
          while (last + 1 < c->len && last < i + 4 && gap_spaces (c, last) &&
                 capish (&c->t[last + 1]) && !(c->t[last + 1].bits & (G_STOP | G_ENGLISH)))
            last++;
          mark (c, i, last, type_institution);
          i = last;
          continue;
        }
      /* "goes to St Mary's", "St Saviour's youth group": a saint's church,
       * school or hospital named without its cue; not "St Patrick's Day" */
      if ((t->bits & G_SAINT) && t->cap && !t->upper && i + 1 < c->len &&
          (gap_spaces (c, i) || (c->text[t->end] == '.' && c->t[i + 1].start == t->end + 2)) &&
          c->t[i + 1].cap && c->t[i + 1].poss && c->t[i + 1].full_end - c->t[i + 1].end >= 2 &&
          c->type[i + 1] == NULL && !(c->t[i + 1].bits & G_STOP) &&
          !(i + 2 < c->len && gap_spaces (c, i + 1) && capish (&c->t[i + 2])))
        {
          mark_with_poss (c, i, i + 1, type_institution);
          i++;
          continue;
        }
      /* Prisons: "HMP Magilligan", "HMYOI Wetherby" */
      if (t->upper && word_in (c, i, W_HMP, W_HMYOI) && i + 1 < c->len &&
          gap_spaces (c, i) && c->t[i + 1].cap && !(c->t[i + 1].bits & G_STOP))
        {
          last = i + 1;
          while (last + 1 < c->len && last < i + 3 && gap_spaces (c, last) &&
                 c->t[last + 1].cap && !(c->t[last + 1].bits & (G_STOP | G_VERB)))
            last++;
          mark (c, i, last, type_institution);
          i = last;
          continue;
        }
      if (t->bits & G_CUE_START)
        cue_len = match_phrase (c, i, P_CUE);
      if (cue_len == 0 && (t->bits & G_CUE))
        cue_len = 1;
      if (cue_len == 0 || (i == 0 && code_before (c, i) == 0))
        continue;
      /* Walk back over the name: capitalised words, "St", "of", "&". */
      first = i;
      while (first > 0)
        {
          guint k = first - 1;
          const Token *p = &c->t[k];
          /* (not in a line in capitals, where a plate stands between words:
           * "BMW 3 SERIES YF66 KLO OUTSIDE SHOP") */
          gboolean code = code_gap (c, k) && capish (p) && !p->upper;
          /* "St Aidan's R.C. High School", "C.E." */
          gboolean dotted = p->initial && dotted_initials (c, p->end, c->t[first].start) &&
                            (c->t[first].bits & (G_CUE | G_CUE_START));
          /* "Gwilym Lister & Co Solicitors", "Gold Nails & Beauty" */
          gboolean amp = gap_is (c, k, " & ") && capish (p) && capish (&c->t[first]) && !p->poss;
          gboolean sep = gap_spaces (c, k) || code || dotted || amp ||
                         ((p->bits & G_SAINT) && c->t[first].start - p->end <= 2 &&
                          c->text[p->end] == '.');

          /* ("… KLO OUTSIDE SHOP": a preposition in capitals ends a name) */
          if (!sep || sentence_verb (c, k) || (p->upper && (p->bits & G_PREP) && !(p->bits & G_CUE)))
            break;
          if (dotted)
            {
              first = k;
              continue;
            }
          if (code)
            named = proper = TRUE;
          if (capish (p) && !(p->bits & G_VERB) &&
              (!(p->bits & G_STOP) || (p->bits & (G_CUE | G_TITLE)) ||
               g_ascii_strncasecmp (c->text + p->start, "children", 8) == 0 ||
               /* "Northern Lights Care Ltd": any capitalised word before a
                * company's legal suffix */
               (k + 4 > i && !p->upper && (token_is (c, i, "ltd") || token_is (c, i, "limited") ||
                                          token_is (c, i, "plc") || token_is (c, i, "llp"))) ||
               /* "the Seaview Court Hotel": a street's word inside a name;
                * "Leeds Combined Court Centre" is the court's */
               ((p->bits & G_STREET) && k > 0 && gap_spaces (c, k - 1) &&
                capish (&c->t[k - 1]) && !(c->t[k - 1].bits & (G_STOP | G_STREET)) &&
                !word_in (c, k - 1, W_CROWN, W_COURT)) ||
               /* "Five Star Private Hire" */
               (word_in (c, k, W_ONE, W_TEN) && !p->upper && k + 1 == first && first < i) ||
               /* "Cloud Nine Vapes" */
               (word_in (c, k, W_ONE, W_TEN) && !p->upper && k + 1 == i && k > 0 &&
                gap_spaces (c, k - 1) && capish (&c->t[k - 1]) && !c->t[k - 1].upper &&
                !(c->t[k - 1].bits & (G_STOP | G_VERB)))))
            {
              /* "the Girls' School" is named by no one word */
              gboolean plural = p->full_end - p->end == 1 ||
                                (p->full_end - p->end == 3 && (guchar) c->text[p->end] == 0xE2);

              /* "Town Cars": "Town" starts a cue ("Town Hall") but not
               * here; "Youth Club" names none, as its cue is weak */
              gboolean cue_here = (p->bits & G_CUE) ||
                                  ((p->bits & G_CUE_START) &&
                                   ((t->bits & G_WEAK_CUE) || match_phrase (c, k, P_CUE) > 0));

              if ((!cue_here && !(p->bits & G_STOP) &&
                   !(plural && (p->bits & (G_ENGLISH | G_COMMON | G_WORD)))) ||
                  (p->bits & G_TITLE))
                named = TRUE;
              if (!(p->bits & (G_COMMON | G_STOP | G_CUE)) || (p->bits & (G_TITLE | G_SAINT)))
                proper = TRUE;
              /* a word no dictionary has, or a name that is no word */
              if (!(p->bits & (G_ENGLISH | G_STOP | G_CUE)) ||
                  ((p->bits & (G_FIRST | G_SUR | G_PLACE)) && !(p->bits & (G_COMMON | G_STOP))))
                strange = TRUE;
              /* "the Marine Bar": a word that is also a name, inside a sentence */
              if ((p->bits & G_FIRST) && !(p->bits & (G_STOP | G_CUE | G_HARD)) &&
                  !p->sentence && !p->upper)
                proper = TRUE;
              first = k;
              /* "St. Joseph's": the dot of "St." ends no sentence */
              if (p->sentence &&
                  !(k > 0 && (c->t[k - 1].bits & G_SAINT) && c->t[k - 1].end + 2 == p->start &&
                    c->text[c->t[k - 1].end] == '.' && capish (&c->t[k - 1]) &&
                    /* "Park St. Joseph's": a street's end */
                    !(k > 1 && capish (&c->t[k - 2]) && gap_spaces (c, k - 2))))
                break;
              continue;
            }
          if (capish (p) && (p->bits & G_STOP) && k + 1 == first &&
              (g_ascii_strncasecmp (c->text + p->start, "all ", 4) == 0 ||
               g_ascii_strncasecmp (c->text + p->start, "our ", 4) == 0))
            {
              first = k;
              continue;
            }
          /* "Our Lady of the Quays College": "the" after "of" */
          if (p->lower && token_is (c, k, "the") && k > 1 && c->t[k - 1].lower &&
              token_is (c, k - 1, "of") && gap_spaces (c, k - 1) && capish (&c->t[k - 2]) &&
              first == k + 1 && !(c->t[first].bits & (G_STOP | G_CUE)))
            {
              first = k;
              continue;
            }
          /* "Bolton Lads and Girls Club", "CAMBORNE SCIENCE AND INTERNATIONAL
           * ACADEMY", but not across "… Home and Haywood Academy", two
           * institutions of a list */
          if ((p->lower || (p->upper && t->upper && token_is (c, k, "and"))) &&
              (g_ascii_strncasecmp (c->text + p->start, "of ", 3) == 0 ||
               g_ascii_strncasecmp (c->text + p->start, "and ", 4) == 0) &&
              k > 0 && capish (&c->t[k - 1]) &&
              /* "in Darlaston and Royal Grill": a town and a business */
              !((c->text[p->start] | 0x20) == 'a' && (c->t[k - 1].bits & G_PLACE) &&
                !(c->t[k - 1].bits & (G_ENGLISH | G_COMMON))) &&
              /* "Oakwood Recreation Ground and Broad Street Bus Station" */
              !((c->text[p->start] | 0x20) == 'a' && k > 1 && match_phrase (c, k - 2, P_CUE) == 2) &&
              !((c->text[p->start] | 0x20) == 'a' && (c->t[k - 1].bits & G_CUE) &&
                (!(c->t[k - 1].bits & G_WEAK_CUE) ||
                 (k > 1 && g_ascii_strncasecmp (c->text + c->t[k - 2].start, "children", 8) == 0) ||
                 /* "Dallas Chicken and Sultan Grill", not "Bar and Grill" */
                 !(c->t[first].bits & (G_CUE | G_CUE_START)))))
            {
              first = k;
              continue;
            }
          break;
        }
      if (code_before (c, first) > 0 && c->type[first] == NULL &&
          !(first > 0 && c->type[first - 1] != NULL))
        {
          c->lead[first] = code_before (c, first);
          named = proper = TRUE;
        }
      /* "Riverside Children's Home": no weak cue after "children's" */
      if (named && !proper && cue_len == 1 && i > first + 1 &&
          g_ascii_strncasecmp (c->text + c->t[i - 1].start, "children", 8) == 0)
        proper = TRUE;
      /* "placed at Amber House", "visit to Riverside House": a home named
       * with a word, after a preposition and inside a sentence */
      if (named && !proper && cue_len == 1 && first + 1 == i && first > 0 &&
          c->t[first].cap && !c->t[first].upper && !c->t[first].sentence &&
          !(c->t[first].bits & (G_STOP | G_COUNCIL | G_TITLE)) &&
          (c->t[first - 1].bits & G_PREP) &&
          c->t[first - 1].lower && gap_spaces (c, first - 1) &&
          (token_is (c, i, "house") || token_is (c, i, "lodge")))
        proper = TRUE;
      /* "Perfect Fried Chicken", "the Anchor Bar", "Sunny's Chicken": a
       * business named with ordinary words before its trade, inside a
       * sentence or after a possessive */
      if (named && !proper && cue_len == 1 && first < i && !t->upper && trade_cue (c, i) &&
          (c->t[i - 1].poss ||
           (!c->t[first].sentence &&
            /* "the Anchor Bar", "Royal Grill", not "the Snack Bar": one word
             * that names things too */
            (first + 1 < i || !(c->t[first].bits & G_ENGLISH) ||
             (c->t[first].bits & (G_FIRST | G_PUB | G_PUB_START | G_PLACE | G_PLACE_START))))))
        proper = TRUE;
      /* "Lighthouse Youth Project", "Cue Ball Club", "Cloud Nine Lounge": a
       * venue's or a project's cue after two capitalised words or more;
       * "at Lush Nails", "at Pilgrim Hospital": after one, where someone
       * was (not "the Early Help Hub", nor "in the Town Centre") */
      if (named && (!proper || !strange) && cue_len == 1 && first < i && !t->upper &&
          (word_in (c, i, W_PROJECT, W_PROJECT) || word_in (c, i, W_PROJECT2, W_PROJECTS) ||
           token_is (c, i, "initiative") || token_is (c, i, "club") ||
           token_is (c, i, "lounge") || token_is (c, i, "rooms") || trade_cue (c, i) ||
           token_is (c, i, "hospital") || token_is (c, i, "shop") || token_is (c, i, "centre") ||
           token_is (c, i, "mall") || token_is (c, i, "market")))
        {
          guint words = 0;

          /* "Operation Span and Project Phoenix": operations' and
           * projects' names come after their word */
          for (guint k = first; k < i; k++)
            words += capish (&c->t[k]) && !word_in (c, k, W_OPERATION, W_OP) &&
                     !(c->t[k].bits & (G_TITLE | G_NAME_ROLE)) ? 1 : 0;
          if (i + 1 < c->len && gap_spaces (c, i) && capish (&c->t[i + 1]))
            words = 0;
          else if (words >= 2 ||
              /* "jade from the Ark Project", "girls from the Beaches Project",
               * "at the Sovereign Centre", "near the County Mall" */
              (first > 1 && words == 1 &&
               (word_in (c, i, W_PROJECT, W_PROJECT) ||
                ((token_is (c, i, "centre") || token_is (c, i, "mall") ||
                  token_is (c, i, "market")) &&
                 !token_in (c, first, &generic_set) &&
                 !(c->t[first].bits & (G_CUE_START | G_COUNCIL | G_PLACE)))) &&
               gap_spaces (c, first - 1) && token_is (c, first - 1, "the") &&
               c->t[first - 1].lower && gap_spaces (c, first - 2) && c->t[first - 2].lower &&
               (token_is (c, first - 2, "from") || token_is (c, first - 2, "at") ||
                token_is (c, first - 2, "with") || token_is (c, first - 2, "to"))) ||
              (first > 0 && gap_spaces (c, first - 1) && c->t[first - 1].lower &&
               !c->t[first].sentence &&
               (token_is (c, first - 1, "at") || token_is (c, first - 1, "outside") ||
                token_is (c, first - 1, "from") || token_is (c, first - 1, "to") ||
                token_is (c, first - 1, "near") || token_is (c, first - 1, "in") ||
                token_is (c, first - 1, "attends") || token_is (c, first - 1, "attended") ||
                token_is (c, first - 1, "visits") || token_is (c, first - 1, "visited"))))
            proper = strange = TRUE;
          for (guint k = first; k < i; k++)
            if (word_in (c, k, W_OPERATION, W_OP))
              proper = strange = named = FALSE;
        }
      /* "works for Sentinel Guarding", "a driver at Fenland Fresh Produce":
       * a firm named with English words, where someone works or was */
      if (named && !strange && word_in (c, i, W_SOLICITORS, W_TRADING) && first < i &&
          first > 0 && !c->t[first].sentence && c->t[first - 1].lower &&
          ((gap_spaces (c, first - 1) &&
            (token_is (c, first - 1, "for") || token_is (c, first - 1, "at") ||
             token_is (c, first - 1, "from") || token_is (c, first - 1, "with") ||
             token_is (c, first - 1, "by") || token_is (c, first - 1, "via"))) ||
           /* "the security company, Sentinel Guarding," */
           (gap_is (c, first - 1, ", ") &&
            (token_is (c, first - 1, "company") || token_is (c, first - 1, "firm") ||
             token_is (c, first - 1, "business") || token_is (c, first - 1, "employer") ||
             token_is (c, first - 1, "there")))))
        strange = proper = TRUE;
      /* "Town Centre" and "Youth Club" name no one place; "Safer
       * Recruitment" and "the Community Project" no one firm. */
      if (!named || (!proper && cue_len == 1 && (t->bits & G_WEAK_CUE)) ||
          (!strange && word_in (c, i, W_SOLICITORS, W_TRADING)))
        {
          c->lead[first] = 0;
          continue;
        }
      while (first < i && c->t[first].lower)
        first++;
      /* "the Walk-in Centre", "the Assessment Centre": a kind of service */
      {
        static const char *const services[] = { "assessment", "walk-in", "drop-in", "treatment",
                                                "reception", "respite", "maternity", "dental",
                                                "urgent", "emergency" };
        static WordSet services_set = WORD_SET (services);
        gboolean kind = first < i;

        for (guint k = first; k < i && kind; k++)
          kind = token_in (c, k, &services_set);
        if (kind)
          {
            c->lead[first] = 0;
            continue;
          }
      }
      /* "The Willows Children's Home": a capital "The" is the name's */
      if (first > 0 && c->lead[first] == 0 && c->type[first - 1] == NULL &&
          gap_spaces (c, first - 1) && c->t[first - 1].end - c->t[first - 1].start == 3 &&
          strncmp (c->text + c->t[first - 1].start, "The", 3) == 0)
        first--;
      last = i + cue_len - 1;
      /* "… Primary School", "… Children's Home", "… High School" */
      while (last + 1 < c->len && gap_spaces (c, last) && capish (&c->t[last + 1]) &&
             (c->t[last + 1].bits & (G_CUE | G_CUE_START)))
        {
          guint more = (c->t[last + 1].bits & G_CUE_START) ? match_phrase (c, last + 1, P_CUE) : 0;

          last += more > 0 ? more : 1;
        }
      /* "Gravesend Grammar School for Girls" */
      if (last + 2 < c->len && (token_is (c, last, "school") || token_is (c, last, "college") ||
                                token_is (c, last, "academy")) &&
          gap_spaces (c, last) && token_is (c, last + 1, "for") && c->t[last + 1].lower &&
          gap_spaces (c, last + 1) && c->t[last + 2].cap &&
          (token_is (c, last + 2, "girls") || token_is (c, last + 2, "boys")))
        last += 2;
      /* "Wrexham Kebab & Pizza", "Gold Nails & Beauty": a second trade
       * after "&" */
      if ((c->t[last].bits & G_CUE) && last + 1 < c->len && gap_is (c, last, " & ") &&
          capish (&c->t[last + 1]) && (c->t[last + 1].bits & G_CUE) &&
          c->t[last + 1].upper == c->t[last].upper)
        last++;
      /* "Oasis Academy Parkwood", "Sirius Academy West": an academy of a
       * trust is named after the trust, then the school */
      if (token_is (c, last, "academy") && last + 1 < c->len && gap_spaces (c, last) &&
          capish (&c->t[last + 1]) && !c->t[last + 1].initial &&
          (!(c->t[last + 1].bits & (G_STOP | G_CUE | G_CUE_START | G_TITLE | G_VERB | G_KIN |
                                    G_HEADER | G_COUNCIL | G_STREET)) ||
           token_is (c, last + 1, "north") || token_is (c, last + 1, "south") ||
           token_is (c, last + 1, "east") || token_is (c, last + 1, "west") ||
           token_is (c, last + 1, "central")) &&
          !(last + 2 < c->len && gap_spaces (c, last + 1) && capish (&c->t[last + 2])))
        last++;
      mark (c, first, last, type_institution);
      i = last;
    }
}

/* Token i is on a line written all in capitals ("JERMAINE CLARKE - 31 -
 * ASTON"), where capitals say nothing about a word. */
static gboolean
shouting (const Ctx *c,
          guint      i)
{
  gsize s = c->t[i].start, e = c->t[i].end;
  guint letters = 0, lower = 0;

  while (s > 0 && c->text[s - 1] != '\n' && c->t[i].start - s < 200)
    s--;
  while (e < c->n && c->text[e] != '\n' && e - c->t[i].end < 200)
    e++;
  for (gsize q = s; q < e; q++)
    {
      if (g_ascii_islower (c->text[q]))
        lower++;
      if (g_ascii_isupper (c->text[q]))
        letters++;
    }
  /* the line holds more than the word itself, and a lower-case letter
   * only where a name is written so ("MS McGOVERN DESCRIBED") */
  return letters > (guint) (c->t[i].end - c->t[i].start) && lower * 20 <= letters;
}

/* "both deny knowing HOXHA": a name in capitals among words that are not,
 * where capitals mark the name; not an acronym (no word, no agency) nor a
 * heading. */
static gboolean
caps_name (const Ctx *c,
           guint      i)
{
  const Token *t = &c->t[i];

  if (!t->upper || t->end - t->start < 4 || !t->ascii || !(t->bits & (G_SUR | G_FIRST)) ||
      (t->bits & (G_COMMON | G_WORD | G_ENGLISH | G_STOP | G_PLACE | G_PLACE_START | G_CUE |
                  G_CUE_START | G_STREET | G_TITLE | G_KIN | G_VERB | G_HEADER | G_KEYWORD |
                  G_NAME_ROLE | G_COUNCIL | G_PARTICLE | G_PREP)))
    return FALSE;
  if ((i > 0 && c->t[i - 1].upper && gap_spaces (c, i - 1)) ||
      (i + 1 < c->len && c->t[i + 1].upper && gap_spaces (c, i)))
    return FALSE;
  return !shouting (c, i);
}

static gboolean
place_context (const Ctx *c,
               guint      i,
               guint      last)
{
  /* "from Hayle", "TO HAYLE" in a line in capitals */
  if (i > 0 && (c->t[i - 1].bits & G_PREP) &&
      (c->t[i - 1].lower || c->t[i - 1].sentence || (c->t[i].upper && shouting (c, i))) &&
      c->t[i].start - c->t[i - 1].full_end <= 2)
    return TRUE;
  /* "to the Western Isles", "in the Fylde": a place of several words, or
   * one in no dictionary, after a preposition and "the" */
  if (i > 1 && token_is (c, i - 1, "the") && c->t[i - 1].lower && gap_spaces (c, i - 1) &&
      gap_spaces (c, i - 2) && (c->t[i - 2].bits & G_PREP) && c->t[i - 2].lower &&
      !(c->t[i].bits & G_STOP) && (last > i || !(c->t[i].bits & (G_ENGLISH | G_COMMON))))
    {
      /* not "in the Town Centre" */
      for (guint k = i; k <= last; k++)
        if (c->t[k].bits & (G_CUE | G_WEAK_CUE | G_CUE_START | G_STREET))
          return FALSE;
      return TRUE;
    }
  if (last + 1 < c->len && gap_spaces (c, last) && (c->t[last + 1].bits & G_COUNCIL) &&
      capish (&c->t[last + 1]))
    return TRUE;
  /* "Barking visit", "the Reading area", "Deal station": a noun of a
   * place's after it */
  if (last + 1 < c->len && gap_spaces (c, last) && c->t[last + 1].lower &&
      !(c->t[i].bits & G_HARD) &&
      (token_is (c, last + 1, "visit") || token_is (c, last + 1, "area") ||
       token_is (c, last + 1, "branch") || token_is (c, last + 1, "office") ||
       token_is (c, last + 1, "station") || token_is (c, last + 1, "borough") ||
       token_is (c, last + 1, "areas") || token_is (c, last + 1, "visits")))
    return TRUE;
  /* "in Byker, Jarrow and South Shields": next to a town in a list */
  if (i > 1 && is_and (c, i - 1) && gap_spaces (c, i - 1) && gap_spaces (c, i - 2) &&
      c->type[i - 2] == type_place)
    return TRUE;
  if (i > 0 && gap_is (c, i - 1, ", ") && c->type[i - 1] == type_place)
    return TRUE;
  /* "Kingsbridge (South Hams)": its district in brackets after a town */
  if (i > 0 && gap_is (c, i - 1, " (") && c->type[i - 1] == type_place &&
      c->t[last].full_end < c->n && c->text[c->t[last].full_end] == ')')
    return TRUE;
  /* "Kingsland Fields Health Centre, Hackney": an institution's town after
   * it, where the phrase ends */
  if (i > 0 && gap_is (c, i - 1, ", ") && c->type[i - 1] == type_institution &&
      !(last + 1 < c->len && gap_spaces (c, last)))
    return TRUE;
  return FALSE;
}

/* The words after token last that make a place into a street: "Road",
 * "New Road"; their number, or 0. */
static guint
town_street (const Ctx *c,
             guint      last)
{
  static const char *const words[] = { "road", "rd", "street", "lane", "avenue", "ave",
                                       "drive", "way", "crescent", "terrace", "grove", "parade",
                                       "row", "close", "gardens", "mews" };
  guint k = last + 1;

  if (k >= c->len || !gap_spaces (c, last) || !capish (&c->t[k]))
    return 0;
  if ((token_is (c, k, "new") || token_is (c, k, "old")) && gap_spaces (c, k))
    k++;
  if (k >= c->len || !capish (&c->t[k]) || !(c->t[k].bits & G_STREET))
    return 0;
  for (guint w = 0; w < G_N_ELEMENTS (words); w++)
    if (token_is (c, k, words[w]))
      return k - last;
  /* "on Stafford St.", but "Stafford St Mary's" is a saint's */
  if (token_is (c, k, "st") && !(k + 1 < c->len && gap_spaces (c, k) && capish (&c->t[k + 1])))
    return k - last;
  return 0;
}

static guint
extend_council (const Ctx *c,
                guint      last)
{
  static const char *const words[] = { "council", "borough", "city", "county", "metropolitan",
                                       "district", "mbc" };
  /* "herefordshire council": in lower case after a place in lower case,
   * but "leeds city centre" is no council */
  gboolean lower = c->t[last].lower;
  guint from = last;

  while (last + 1 < c->len && gap_spaces (c, last) &&
         (capish (&c->t[last + 1]) || (lower && c->t[last + 1].lower)))
    {
      gboolean ok = FALSE;

      for (guint k = 0; k < G_N_ELEMENTS (words); k++)
        if (c->t[last + 1].hash == finish_hash (fnv_feed (FNV_OFFSET, words[k],
                                                          strlen (words[k]))))
          ok = TRUE;
      if (!ok)
        break;
      last++;
    }
  /* "Borough" or "City" alone after a place, without "Council", stays. */
  while (last > 0 && c->t[last].hash != finish_hash (fnv_feed (FNV_OFFSET, "council", 7)) &&
         c->t[last].hash != finish_hash (fnv_feed (FNV_OFFSET, "mbc", 3)) &&
         (c->t[last].bits & G_COUNCIL) && !(c->t[last].bits & (G_PLACE | G_PLACE_START)))
    last--;
  if (lower && last > from && !c->t[last].cap &&
      c->t[last].hash != finish_hash (fnv_feed (FNV_OFFSET, "council", 7)))
    return from;
  return last;
}

/* Token i is a word after a town that names a place in it: "Green",
 * "Station", "Interchange", "Market", "Pier", "Airport", "Precinct" */
static gboolean
landmark_word (const Ctx *c,
               guint      i)
{
  static const char *const words[] = { "green", "station", "interchange", "market", "pier",
                                       "airport", "precinct" };
  static WordSet words_set = WORD_SET (words);

  return token_in (c, i, &words_set);
}

/* The number of characters of token i: "DÓD" is three. */
static glong
token_chars (const Ctx *c,
             guint      i)
{
  const Token *t = &c->t[i];

  return t->ascii ? (glong) (t->end - t->start)
                  : g_utf8_strlen (c->text + t->start, (gssize) (t->end - t->start));
}

/* Token i is written as initials are, two capitals or more among at most
 * eight letters and no digit ("SaG", "LÓDB", "RNíF"), not an acronym's
 * plural ("UPNs") */
static gboolean
initials_shape (const Ctx *c,
                guint      i)
{
  guint caps = 0, small = 0;

  for (const char *p = c->text + c->t[i].start; p < c->text + c->t[i].end; p = g_utf8_next_char (p))
    {
      gunichar u = g_utf8_get_char (p);

      if (g_unichar_isupper (u))
        caps++;
      else if (g_unichar_islower (u))
        small++;
      else
        return FALSE;
    }
  /* "UPNs", "RHIs": an acronym's plural */
  if (small == 1 && c->text[c->t[i].end - 1] == 's')
    return FALSE;
  return caps >= 2 && caps >= small && caps + small <= 8;
}

/* Token i is initials that keep a surname's "Mc", "Mac", "ap" or "ab":
 * "GMcL", "KMacA", "GapD", "ÉMcG", and "bmca" in lower case */
static gboolean
mixed_initials (const Ctx *c,
                guint      i)
{
  static const char *const middles[] = { "Mc", "Mac", "ap", "ab" };
  const Token *t = &c->t[i];
  const char *p = c->text + t->start, *end = c->text + t->end;

  /* "ic + bmca" in rough notes: in lower case, a word in no list */
  if (t->lower && (end - p == 4 || end - p == 5) && unlisted (t) && p[1] == 'm' &&
      (p[2] == 'c' || (p[2] == 'a' && p[3] == 'c')))
    return TRUE;
  if (!t->cap || t->upper || t->lower || end - p < 4 || end - p > 6)
    return FALSE;
  if (g_ascii_isupper (p[0]))
    p++;
  else if ((guchar) p[0] == 0xC3 && (guchar) p[1] >= 0x80 && (guchar) p[1] <= 0x9E)
    p += 2;
  else
    return FALSE;
  for (guint k = 0; k < G_N_ELEMENTS (middles); k++)
    {
      gsize n = strlen (middles[k]);

      if (end - p == (gssize) n + 1 && memcmp (p, middles[k], n) == 0 && g_ascii_isupper (p[n]))
        return TRUE;
    }
  return FALSE;
}

/* Someone's initials stand before token i on its line */
static gboolean
earlier_initials (const Ctx *c,
                  guint      i)
{
  for (guint k = i; k > 0 && i - k < 30; k--)
    {
      if (memchr (c->text + c->t[k - 1].full_end, '\n', c->t[k].start - c->t[k - 1].full_end))
        return FALSE;
      if (c->type[k - 1] == type_person && c->t[k - 1].upper && !c->joined[k - 1] &&
          c->t[k - 1].end - c->t[k - 1].start <= 4)
        return TRUE;
    }
  return FALSE;
}

/* Initials in an action log: "1. RK – obtain the minutes", "JS/KL to meet
 * Mrs Begum" (both), "RK: send", at the start of a line or item, before a
 * verb in lower case; not an acronym that is a word */
static gboolean
action_initials (const Ctx *c,
                 guint      i,
                 gsize     *slashed)
{
  const Token *t = &c->t[i];
  gsize p = t->full_end;
  guint k = i;

  *slashed = 0;
  if (!t->upper || (t->bits & G_NAME_ROLE) || token_chars (c, i) > 4)
    return FALSE;
  /* "HB to chase the log, KOD to write": another action on the line;
   * "follow up: AN to ask" */
  if (!t->sentence &&
      !(i > 0 && (gap_is (c, i - 1, ", ") || gap_is (c, i - 1, "; ")) && earlier_initials (c, i)) &&
      !(i > 1 && gap_is (c, i - 1, ": ") && token_is (c, i - 1, "up") &&
        token_is (c, i - 2, "follow")))
    return FALSE;
  /* "JB — share the terms; AS — letter of thanks": a word among others'
   * initials, before a dash */
  if ((t->bits & (G_COMMON | G_ENGLISH | G_STOP)) && !t->sentence && p + 4 < c->n &&
      strncmp (c->text + p, " \xe2\x80\x94 ", 5) == 0)
    return TRUE;
  /* "TO to write", "COD to send", "AD to follow up": initials that spell a
   * word, where no body's acronym ("GP", "LA") could stand */
  if ((t->bits & (G_COMMON | G_ENGLISH | G_STOP)) &&
      !(((t->bits & G_STOP) && (t->bits & G_ENGLISH)) ||
        ((t->bits & G_ENGLISH) && !(t->bits & (G_STOP | G_COMMON)) &&
         (t->end - t->start == 3 ||
          (t->end - t->start == 2 && !token_is (c, i, "ok") && !token_is (c, i, "id") &&
           !token_is (c, i, "tv") && !token_is (c, i, "pc") && !token_is (c, i, "uk"))))))
    return FALSE;
  if ((t->bits & (G_COMMON | G_ENGLISH | G_STOP)) &&
      (!(token_is (c, i + 1, "to") && c->t[i + 1].start == p + 1 && c->text[p] == ' ') ||
       /* "IT to fix the laptop", "US to" */
       token_is (c, i, "it") || token_is (c, i, "us")))
    return FALSE;
  /* "JS/KL": the other initials, which are no word of their own */
  if (p + 2 < c->n && c->text[p] == '/' && g_ascii_isupper (c->text[p + 1]))
    {
      gsize q = p + 1;

      while (q < c->n && q - p <= 4 && g_ascii_isupper (c->text[q]))
        q++;
      if (q - p < 3 || q - p > 4 || q >= c->n || c->text[q] != ' ')
        return FALSE;
      *slashed = q;
      p = q;
      while (k + 1 < c->len && c->t[k + 1].start < p)
        k++;
    }
  if (k + 1 >= c->len)
    return FALSE;
  /* " – ", " - ", ": ", " to " or " will " before a verb in lower case */
  if ((token_is (c, k + 1, "to") || token_is (c, k + 1, "will") ||
       token_is (c, k + 1, "would")) &&
      (c->t[k + 1].lower || (c->t[k + 1].upper && shouting (c, k + 1))) &&
      c->t[k + 1].start == p + 1 && c->text[p] == ' ')
    return k + 2 < c->len && gap_spaces (c, k + 1) &&
           (c->t[k + 2].lower || (c->t[k + 2].upper && c->t[k + 1].upper)) &&
           !determiner (c, k + 2);
  while (p < c->n && (c->text[p] == ' ' || c->text[p] == ':' || c->text[p] == '-'))
    p++;
  if (p + 3 < c->n && (guchar) c->text[p] == 0xE2 && (guchar) c->text[p + 1] == 0x80 &&
      ((guchar) c->text[p + 2] == 0x93 || (guchar) c->text[p + 2] == 0x94))
    p += 3;
  while (p < c->n && c->text[p] == ' ')
    p++;
  return p > c->t[k].full_end + 1 && c->t[k + 1].start == p && c->t[k + 1].lower &&
         c->t[k + 1].end - c->t[k + 1].start >= 3 &&
         /* "RK: send", though SEND is an acronym too */
         !(c->t[k + 1].bits & G_PREP) && !determiner (c, k + 1) && !is_and (c, k + 1);
}

/* Does token i stand on a line that starts with a header of people
 * ("Present:", "Attendees:", "cc:")? */
static gboolean
people_header_line (const Ctx *c,
                    guint      i)
{
  guint k = i;

  /* back to the line's first word */
  while (k > 0 && i - k < 40)
    {
      gboolean nl = FALSE;

      for (gsize q = c->t[k - 1].full_end; q < c->t[k].start && !nl; q++)
        nl = c->text[q] == '\n';
      if (nl)
        break;
      k--;
    }
  /* "Logged by: TA", "Checked by: PC": the word before the colon */
  if (k + 1 < i && c->t[k].full_end < c->n && c->text[c->t[k].full_end] != ':' &&
      gap_spaces (c, k) && token_is (c, k + 1, "by"))
    k++;
  return k < i && (c->t[k].bits & G_HEADER) && c->t[k].full_end < c->n &&
         c->text[c->t[k].full_end] == ':' &&
         (token_is (c, k, "present") || token_is (c, k, "attendees") ||
          token_is (c, k, "apologies") || token_is (c, k, "minutes") ||
          token_is (c, k, "chair") || token_is (c, k, "lead") || token_is (c, k, "owner") ||
          token_is (c, k, "secretary") || token_is (c, k, "scribe") ||
          token_is (c, k, "notetaker") || token_is (c, k, "note-taker") || token_is (c, k, "notes") ||
          token_is (c, k, "responsible") || token_is (c, k, "who") || token_is (c, k, "cc") ||
          token_is (c, k, "panel") || token_is (c, k, "by") || token_is (c, k, "workers") ||
          token_is (c, k, "staff"));
}

/* Token i is two or three capitals on a line that starts with a header
 * of people ("Attendees: Panel (GT, RB)", "Present: SK, Mrs Lee"); when
 * they spell a word ("KM", "AM"), only as an item of their own
 * ("Present: JB, KM, AS") */
static gboolean
initials_in_header_line (const Ctx *c,
                         guint      i)
{
  const Token *t = &c->t[i];
  gsize b = t->start, e = t->full_end;

  if (!t->upper || t->poss || token_chars (c, i) > 4 ||
      (t->bits & (G_STOP | G_NAME_ROLE | G_TITLE)) ||
      (e < c->n && (g_ascii_isalnum (c->text[e]) || c->text[e] == '.')))
    return FALSE;
  if (t->bits & (G_COMMON | G_ENGLISH))
    {
      while (b > 0 && c->text[b - 1] == ' ')
        b--;
      while (e < c->n && c->text[e] == ' ')
        e++;
      if (b == 0 || strchr (",;:(", c->text[b - 1]) == NULL ||
          (e < c->n && strchr (",;)\n(", c->text[e]) == NULL))
        return FALSE;
    }
  return people_header_line (c, i);
}

/* Token i is someone's initials by where they stand, though the note
 * never spells the name out: in a table's column of who is to act ("|
 * SIR |"), as a possessive ("AGT's notes"), after "notes" or "by" ("notes
 * TW", "typed by NHL:"), in brackets before a colon ("Q (HKS):", "Panel
 * note (FB):"), between dashes in a heading ("Tel. note — TW — 15/10"),
 * or before what they did ("AGT present", "SIR asked"). */
static gboolean
initials_by_place (const Ctx *c,
                   guint      i)
{
  static const char *const after[] = { "present", "typing", "chairing", "absent", "asked",
                                       "noted", "agreed", "confirmed", "said", "explained",
                                       "queried", "raised", "replied", "reported", "notes",
                                       "note" };
  static WordSet after_set = WORD_SET (after);
  /* "Passed to JT", "copied to KM" */
  static const char *const handed[] = { "passed", "handed", "sent", "copied", "forwarded",
                                        "referred", "given", "reported", "spoke", "spoken" };
  static WordSet handed_set = WORD_SET (handed);
  static const char *const before[] = { "notes", "note", "by", "typed", "transcribed",
                                        "minuted", "per", "initials" };
  static WordSet before_set = WORD_SET (before);
  const Token *t = &c->t[i];
  glong len = token_chars (c, i);
  gboolean word = (t->bits & (G_STOP | G_ENGLISH | G_COMMON)) != 0;
  gsize p = t->full_end, b = t->start;

  if (!t->upper || len < 2 || len > 4 || (t->bits & (G_NAME_ROLE | G_KEYWORD)) ||
      token_is (c, i, "it") || token_is (c, i, "us") ||
      /* "SIR JOHN": a title in capitals */
      ((t->bits & G_TITLE) && i + 1 < c->len && gap_spaces (c, i) && capish (&c->t[i + 1])))
    return FALSE;
  /* "| SIR | 31/10 |" under "Owner" */
  if (in_column_headed (c->text - c->offset, c->offset + t->start, c->offset + t->end,
                        owner_heading, 2))
    return TRUE;
  /* "(FB):", "note (FB)"; "Mr Kaczmarek (PE):" is his subject */
  if (b > 0 && c->text[b - 1] == '(' && p < c->n && c->text[p] == ')' &&
      !(i > 0 && c->type[i - 1] == type_person) &&
      ((p + 1 < c->n && c->text[p + 1] == ':') ||
       (i > 0 && (token_is (c, i - 1, "note") || token_is (c, i - 1, "notes") ||
                  token_is (c, i - 1, "secretariat") || token_is (c, i - 1, "q") ||
                  token_is (c, i - 1, "a")))))
    return TRUE;
  /* "— TW —", "— TW, 29 September", not "- IRH, 2 hours" */
  if (b >= 4 && c->text[b - 1] == ' ' &&
      ((guchar) c->text[b - 2] == 0x94 || (guchar) c->text[b - 2] == 0x93 ||
       c->text[b - 2] == '-') &&
      p + 3 < c->n && ((c->text[p] == ' ' && ((guchar) c->text[p + 1] == 0xE2 ||
                                              c->text[p + 1] == '-')) ||
                       (c->text[p] == ',' && c->text[p + 1] == ' ' &&
                        g_ascii_isdigit (c->text[p + 2]) &&
                        (g_ascii_isdigit (c->text[p + 3]) || c->text[p + 3] == ' ') &&
                        !g_str_has_prefix (c->text + p + 2 + (c->text[p + 3] == ' ' ? 2 : 3),
                                           "hour"))))
    return !word;
  /* "… turns up. — JB", "— BM" on a line of its own, "— PS", "— RH
   * (SENIOR)": who signed the note; "… breakfast. RG", "… school. JK/EM":
   * a log's entry signed at the end of its line */
  {
    gsize e = p;
    gboolean dash = b >= 3 && c->text[b - 1] == ' ' &&
                    ((guchar) c->text[b - 2] == 0x94 || (guchar) c->text[b - 2] == 0x93);

    /* "JK/EM": the other initials */
    if (e + 2 < c->n && c->text[e] == '/' && g_ascii_isupper (c->text[e + 1]))
      for (e++; e < c->n && g_ascii_isupper (c->text[e]) && e - p <= 4; e++)
        ;
    /* "(SENIOR)": a role after them */
    if (dash && e + 2 < c->n && c->text[e] == ' ' && c->text[e + 1] == '(')
      {
        const char *close = memchr (c->text + e, ')', MIN (c->n - e, 24));

        if (close != NULL)
          e = close + 1 - c->text;
      }
    if (e == c->n || c->text[e] == '\n')
      {
        if (dash && (!word || (len == 2 && !(t->bits & G_STOP))))
          return TRUE;
        if (!word && b >= 4 && c->text[b - 1] == ' ' && c->text[b - 2] == '-' &&
            c->text[b - 3] == ' ' && strchr (".!?", c->text[b - 4]))
          return TRUE;
        if (!word && b >= 2 && c->text[b - 1] == ' ' && strchr (".!?", c->text[b - 2]) &&
            len <= 3)
          return TRUE;
      }
  }
  /* "spoke to LB about it", "met with TM and her mum", "rang KM": after a
   * verb of meeting or speaking, initials in no list, or two letters that
   * are a rare word ("lb", "rs") */
  if ((!word || (len == 2 && !(t->bits & (G_STOP | G_COMMON)))) && i > 0 &&
      gap_spaces (c, i - 1) && (c->t[i - 1].lower || c->t[i - 1].sentence) &&
      (token_in (c, i - 1, &contact_set) || (!word && token_is (c, i - 1, "with")) ||
       (i > 1 && (token_is (c, i - 1, "to") || token_is (c, i - 1, "with")) &&
        gap_spaces (c, i - 2) && (c->t[i - 2].lower || c->t[i - 2].sentence) &&
        (token_in (c, i - 2, &contact_set) ||
         (token_is (c, i - 1, "to") && token_in (c, i - 2, &handed_set))))))
    return TRUE;
  /* "MH spoke with", "IN had sent a note": initials in no list before what
   * someone did */
  if (!word && i + 1 < c->len && gap_spaces (c, i) && c->t[i + 1].lower &&
      (token_in (c, i + 1, &contact_set) || token_in (c, i + 1, &does_set) ||
       token_is (c, i + 1, "had") || token_is (c, i + 1, "has") || token_is (c, i + 1, "was") ||
       token_is (c, i + 1, "thanked") || token_is (c, i + 1, "showed") ||
       token_is (c, i + 1, "attended") || token_is (c, i + 1, "chaired") ||
       token_is (c, i + 1, "chairing")))
    return TRUE;
  if (word && !(t->bits & G_ENGLISH))
    return FALSE;
  /* "AGT's handwritten notes" */
  if (t->poss && !word)
    return TRUE;
  if (i + 1 < c->len && gap_spaces (c, i) && c->t[i + 1].lower &&
      token_in (c, i + 1, &after_set))
    return TRUE;
  return !word && i > 0 && gap_spaces (c, i - 1) && c->t[i - 1].lower &&
         (p == c->n || strchr ("\n,:;.)", c->text[p]) != NULL ||
          (p + 1 < c->n && c->text[p] == ' ' && ((guchar) c->text[p + 1] == 0xE2 ||
                                                c->text[p + 1] == '-'))) &&
         token_in (c, i - 1, &before_set);
}

/* Token i is two or three capitals in brackets at the end of a sentence,
 * after a word in lower case: who is to do it ("Write to the council
 * (FB).", "Chase the data (TW, by Friday)"), not an acronym defined after
 * its name ("the Safeguarding Partnership (LSP)") */
static gboolean
initials_owning_action (const Ctx *c,
                        guint      i)
{
  const Token *t = &c->t[i];
  gsize p = t->full_end;

  if (!t->upper || !t->ascii || t->end - t->start > 3 || i == 0 ||
      (t->bits & (G_COMMON | G_ENGLISH | G_STOP | G_NAME_ROLE)) ||
      t->start < 2 || c->text[t->start - 1] != '(' || c->text[t->start - 2] != ' ' ||
      !c->t[i - 1].lower || c->t[i - 1].full_end + 2 != t->start)
    return FALSE;
  /* ", by Friday)" */
  if (p < c->n && c->text[p] == ',')
    while (p < c->n && c->text[p] != ')' && c->text[p] != '\n' && p - t->full_end < 40)
      p++;
  if (p >= c->n || c->text[p] != ')')
    return FALSE;
  p++;
  return p == c->n || c->text[p] == '\n' ||
         ((c->text[p] == '.' || c->text[p] == ';') &&
          (p + 1 == c->n || c->text[p + 1] == ' ' || c->text[p + 1] == '\n'));
}

/* An institution named after its street: "Bridge Street Clinic", "Hill
 * Street Centre", "Whitegate Drive Sexual Health Clinic" */
static void
detect_street_named (Ctx *c)
{
  for (guint s = 1; s + 1 < c->len; s++)
    {
      guint first = s, last = s;

      if (!c->t[s].cap || c->t[s].upper || !(c->t[s].bits & G_STREET) || c->joined[s + 1] ||
          !(c->type[s] == NULL || c->type[s] == type_place) ||
          /* "Leeds Combined Court Centre" is a court's */
          word_in (c, s - 1, W_CROWN, W_COURT))
        continue;
      while (first > 0 && s - first < 2 && gap_spaces (c, first - 1) && capish (&c->t[first - 1]) &&
             !c->t[first - 1].upper && !(c->t[first - 1].bits & (G_STOP | G_TITLE)) &&
             (c->type[first - 1] == NULL || c->type[first - 1] == type_place))
        first--;
      while (last + 1 < c->len && last - s < 4 && gap_spaces (c, last) && c->t[last + 1].cap &&
             !c->t[last + 1].upper && c->type[last + 1] == NULL &&
             (!(c->t[last + 1].bits & G_STREET) || (c->t[last + 1].bits & (G_CUE | G_WEAK_CUE))))
        last++;
      /* the last word a cue, and the name ends there */
      while (last > s && !(c->t[last].bits & (G_CUE | G_WEAK_CUE)))
        last--;
      /* "Park Road Home Office" */
      if (last + 1 < c->len && gap_spaces (c, last) && capish (&c->t[last + 1]))
        continue;
      if (first == s || last == s)
        continue;
      while (first > 0 && c->joined[first])
        first--;
      mark (c, first, last, type_institution);
      s = last;
    }
}

/* A charity or a project named with its town last, after someone's name
 * or where something came from: "(Anya Bright, Checkpoint Torbay)", "a
 * submission from Safe Harbour Thanet"; not a public body's ("Children's
 * Services Derby", "Youth Justice Torbay") */
static void
detect_town_named (Ctx *c)
{
  static const char *const bodies[] = {
    "police", "council", "services", "service", "team", "partnership", "board", "nhs", "trust",
    "health", "safeguarding", "constabulary", "county", "city", "borough", "university",
    "justice", "help", "social", "department", "directorate", "authority", "north", "south",
    "east", "west", "central", "greater", "upper", "lower", "mid", "royal", "new", "old",
  };
  static WordSet bodies_set = WORD_SET (bodies);
  static const char *const from[] = { "from", "at", "with", "by", "for", "via" };
  static WordSet from_set = WORD_SET (from);

  for (guint p = 2; p < c->len; p++)
    {
      guint first = p;
      gboolean word = FALSE, lead;

      if (c->type[p] != type_place || c->joined[p] || c->t[p].upper ||
          (p + 1 < c->len && c->joined[p + 1]) || !gap_spaces (c, p - 1))
        continue;
      while (first > 0 && p - first < 3 && gap_spaces (c, first - 1) &&
             capish (&c->t[first - 1]) && !c->t[first - 1].upper &&
             (c->type[first - 1] == NULL || c->type[first - 1] == type_person) &&
             !(c->t[first - 1].bits & (G_STOP | G_TITLE | G_NAME_ROLE | G_HEADER | G_KIN)) &&
             !token_in (c, first - 1, &bodies_set))
        first--;
      if (first == p || c->joined[first] || c->t[first].sentence)
        continue;
      for (guint q = first; q < p; q++)
        word = word || (c->t[q].bits & (G_ENGLISH | G_COMMON)) != 0;
      /* "Jade Smith Derby" is no charity: a word of the language among them */
      if (!word || first == 0)
        continue;
      lead = (gap_is (c, first - 1, ", ") && c->type[first - 1] == type_person) ||
             c->text[c->t[first].start - 1] == '(' ||
             (gap_spaces (c, first - 1) && c->t[first - 1].lower &&
              token_in (c, first - 1, &from_set));
      if (!lead)
        continue;
      mark (c, first, p, type_institution);
    }
}

/* "LATE SHIFT — RHIANNON / GARETH / OLU": first names in capitals
 * between slashes, a rota's */
static void
detect_rota_names (Ctx *c)
{
  for (guint i = 0; i + 1 < c->len; i++)
    if (c->t[i].upper && gap_is (c, i, " / ") && (i == 0 || !gap_is (c, i - 1, " / ")))
      {
        guint last = i, firsts = 0;
        gboolean ok = TRUE;

        while (last + 1 < c->len && gap_is (c, last, " / ") && c->t[last + 1].upper)
          last++;
        for (guint k = i; k <= last && ok; k++)
          {
            ok = (c->type[k] == NULL || c->type[k] == type_person) && !c->t[k].initial &&
                 !(c->t[k].bits & (G_STOP | G_NAME_ROLE | G_TITLE | G_PLACE));
            firsts += (c->t[k].bits & G_FIRST) && !(c->t[k].bits & (G_ENGLISH | G_COMMON));
          }
        if (ok && last > i && firsts >= 2)
          for (guint k = i; k <= last; k++)
            if (c->type[k] == NULL)
              mark (c, k, k, type_person);
        i = last;
      }
}

/* A station or a pier named with a capital: "Reading Station", "Peartree
 * Station", "Hull Paragon Interchange", "Clacton Pier" are the station or
 * the pier; "the Leeds station" in lower case is only its town. */
static void
detect_named_stations (Ctx *c)
{
  static const char *const kinds[] = { "railway", "train", "rail", "bus", "coach", "tram" };
  static WordSet kinds_set = WORD_SET (kinds);

  for (guint k = 1; k < c->len; k++)
    {
      guint first = k, last = k;
      gboolean named = FALSE;

      if (!c->t[k].cap || c->t[k].upper || c->type[k] != NULL ||
          !(token_is (c, k, "station") || token_is (c, k, "interchange") ||
            token_is (c, k, "pier")))
        continue;
      while (first > 0 && k - first < 4 && gap_spaces (c, first - 1) && capish (&c->t[first - 1]) &&
             !c->t[first - 1].upper &&
             (c->type[first - 1] == NULL || c->type[first - 1] == type_place) &&
             !(c->t[first - 1].bits & (G_STOP | G_TITLE | G_NAME_ROLE)))
        {
          first--;
          if (token_in (c, first, &kinds_set))
            continue;
          named = named || c->type[first] == type_place ||
                  (c->t[first].bits & (G_PLACE | G_PLACE_START)) ||
                  !(c->t[first].bits & (G_ENGLISH | G_COMMON));
        }
      /* "Grand Pier", "North Pier": a pier by any name */
      named = named || (first < k && token_is (c, k, "pier"));
      if (!named || (c->t[first].sentence && !(c->t[first].bits & (G_PLACE | G_PLACE_START)) &&
                     c->type[first] != type_place))
        continue;
      /* the town's span becomes the station's */
      while (first > 0 && c->joined[first])
        first--;
      mark (c, first, last, type_institution);
    }
}

/* A house number and a street at p: "4 Park Road", not "3 May 2024" */
static gboolean
house_number_at (const Ctx *c,
                 gsize      p)
{
  static const char *const months[] = { "jan", "feb", "mar", "apr", "may", "jun", "jul",
                                         "aug", "sep", "oct", "nov", "dec" };
  gsize q = p;

  while (q < c->n && q - p < 4 && g_ascii_isdigit (c->text[q]))
    q++;
  if (q < c->n && g_ascii_isalpha (c->text[q]) && q + 1 < c->n && c->text[q + 1] == ' ')
    q++;
  if (q == p || q + 4 > c->n || c->text[q] != ' ' || !g_ascii_isupper (c->text[q + 1]))
    return FALSE;
  for (guint m = 0; m < G_N_ELEMENTS (months); m++)
    if (g_ascii_strncasecmp (c->text + q + 1, months[m], 3) == 0)
      return FALSE;
  return TRUE;
}

/* Token i is "rd", "road", "st", "street", "lane" or "ln" */
static gboolean
street_word (const Ctx *c,
             guint      i)
{
  char ch = i < c->len ? (char) (c->text[c->t[i].start] | 0x20) : 0;

  return (ch == 'r' || ch == 's' || ch == 'l') &&
         c->t[i].end - c->t[i].start <= 6 && word_in (c, i, W_RD, W_LN);
}

static void
detect_people_and_places (Ctx *c)
{
  for (guint i = 0; i < c->len; i++)
    {
      const Token *t = &c->t[i];
      guint32 b = t->bits;
      gsize slashed0 = 0;

      if (c->type[i] != NULL || (t->brand && !(i > 0 && (c->t[i - 1].bits & G_TITLE))))
        continue;

      /* "on the North Peckham estate", "the Manor Royal Estate": capitals
       * between "the" and "estate" name a place; "the Isle of Arran" */
      if (t->cap && !t->upper && !t->initial && i > 0 && gap_spaces (c, i - 1) &&
          token_is (c, i - 1, "the") && !(b & (G_COUNCIL | G_TITLE | G_VERB | G_HEADER)))
        {
          guint k = i;

          if (token_is (c, i, "isle") && i + 2 < c->len && gap_spaces (c, i) &&
              token_is (c, i + 1, "of") && c->t[i + 1].lower && gap_spaces (c, i + 1) &&
              c->t[i + 2].cap && !c->t[i + 2].upper && c->type[i + 2] == NULL &&
              !(c->t[i + 2].bits & G_STOP))
            {
              mark (c, i, i + 2, type_place);
              i += 2;
              continue;
            }
          while (k + 1 < c->len && k < i + 2 && gap_spaces (c, k) && c->t[k + 1].cap &&
                 !c->t[k + 1].upper && c->type[k + 1] == NULL &&
                 !(c->t[k + 1].bits & (G_COUNCIL | G_TITLE | G_VERB | G_HEADER)))
            k++;
          for (guint q = i; q <= k; q++)
            if (q + 1 < c->len && token_is (c, q + 1, "estate"))
              {
                k = q;
                break;
              }
          if (k + 1 < c->len && token_is (c, k + 1, "estate") && gap_spaces (c, k) &&
              !(c->t[k].bits & G_STOP) && (c->t[k + 1].lower || c->t[k + 1].cap))
            {
              guint last = c->t[k + 1].cap ? k + 1 : k;

              mark (c, i, last, type_place);
              i = last;
              continue;
            }
        }

      /* "Mr and Mrs Qureshi" */
      if ((b & G_TITLE) && capish (t) && i + 3 < c->len && gap_spaces (c, i) &&
          is_and (c, i + 1) && gap_spaces (c, i + 1) &&
          (c->t[i + 2].bits & G_TITLE) && capish (&c->t[i + 2]) && gap_spaces (c, i + 2) &&
          capish (&c->t[i + 3]) && !(c->t[i + 3].bits & (G_STOP | G_CUE)))
        {
          guint last = extend_name (c, i + 3);

          mark (c, i, last, type_person);
          i = last;
          continue;
        }

      /* Titles: "Mr Smith", "DC Jones", "Mrs. Ní Bhriain" */
      if ((b & G_TITLE) && (capish (t) || (t->lower && t->end - t->start <= 3)) &&
          i + 1 < c->len && c->type[i + 1] == NULL)
        {
          gsize gap = c->t[i + 1].start - t->full_end;
          gboolean dot = gap == 2 && c->text[t->full_end] == '.';
          gboolean number = FALSE;
          guint k = i + 1, from = i;

          /* "PC 4471 Harrington": a collar number between title and name */
          if (gap > 2 && gap < 10 && c->text[t->full_end] == ' ' &&
              c->text[c->t[i + 1].start - 1] == ' ')
            {
              number = TRUE;
              for (gsize q = t->full_end + 1; q < c->t[i + 1].start - 1; q++)
                if (!g_ascii_isdigit (c->text[q]))
                  number = FALSE;
            }

          if ((gap == 1 && c->text[t->full_end] == ' ') || dot || number)
            {
              const Token *u = &c->t[k];

              /* "mrs j. vaughan-pugh", "pc alys lloyd": in lower case, an
               * initial with its dot or a first name that is no word */
              gboolean lower_name =
                t->lower && u->lower && k + 1 < c->len &&
                ((u->end == u->start + 1 && c->text[u->end] == '.' &&
                  c->t[k + 1].start == u->end + 2 &&
                  c->t[k + 1].lower && c->t[k + 1].end - c->t[k + 1].start >= 3 &&
                  ((c->t[k + 1].bits & G_SUR) ||
                   !(c->t[k + 1].bits & (G_ENGLISH | G_STOP | G_VERB | G_PREP | G_KIN)))) ||
                 ((u->bits & G_FIRST_POP) && u->end - u->start >= 3 &&
                  !(u->bits & (G_ENGLISH | G_WORD | G_COMMON | G_STOP | G_VERB | G_PREP | G_KIN))) ||
                 /* "mrs o'driscoll": after "mr", "mrs" or "ms", a word in no list */
                 ((token_is (c, i, "mr") || token_is (c, i, "mrs") || token_is (c, i, "ms")) &&
                  u->end - u->start >= 3 &&
                  !(u->bits & (G_ENGLISH | G_WORD | G_COMMON | G_STOP | G_VERB | G_PREP | G_KIN |
                               G_CUE | G_TITLE | G_HEADER))));

              /* "Mr B", "Mr A": an initial alone, though a word too */
              if ((capish (u) || (t->lower && u->lower && (u->bits & G_SUR)) || lower_name ||
                   ((u->bits & G_PARTICLE) && extend_name (c, i) > k)) &&
                  (!(u->bits & (G_STOP | G_VERB | G_CUE)) || (u->initial && capish (t))) &&
                  !role_letter (c, k))
                {
                  guint last = k;

                  if (u->initial && k + 1 < c->len && c->text[u->end] == '.')
                    last = k + 1 < c->len ? extend_name (c, k) : k;
                  if (lower_name && u->end == u->start + 1)
                    last = k + 1;
                  else if (u->initial && c->t[k + 1].start <= u->end + 2 && k + 1 < c->len &&
                      name_part (c, k + 1))
                    last = extend_name (c, k + 1);
                  else
                    last = extend_name (c, k);
                  /* "(mrs margaret hill)": in lower case, a surname that is a
                   * word too, where the name ends */
                  if (t->lower && u->lower && last == k && k + 1 < c->len && gap_spaces (c, k) &&
                      c->t[k + 1].lower && (c->t[k + 1].bits & G_SUR) &&
                      !(c->t[k + 1].bits & (G_STOP | G_VERB | G_PREP | G_KIN)) &&
                      (c->t[k + 1].full_end == c->n ||
                       strchr (").,;:\n", c->text[c->t[k + 1].full_end]) != NULL))
                    last = k + 1;
                  /* "Miss Harriet Cleeve": after a title and a first name,
                   * a town's name that is no word is her surname */
                  if (last == k && capish (u) && (u->bits & G_FIRST) && k + 1 < c->len &&
                      gap_spaces (c, k) && capish (&c->t[k + 1]) && !c->t[k + 1].initial &&
                      c->type[k + 1] == NULL && (c->t[k + 1].bits & G_PLACE) &&
                      !(c->t[k + 1].bits & (G_ENGLISH | G_COMMON | G_STOP | G_COUNCIL |
                                             G_STREET | G_CUE | G_CUE_START | G_TITLE)) &&
                      !(k + 2 < c->len && gap_spaces (c, k + 1) && capish (&c->t[k + 2])))
                    last = k + 1;
                  /* "District Judge Ahmed", "Deputy District Judge Rees",
                   * "His Honour Judge Patel", "Staff Nurse Zielińska",
                   * "Police Constable Hart" */
                  while (from > 0 && i - from < 2 && gap_spaces (c, from - 1) &&
                         capish (&c->t[from - 1]) &&
                         (c->type[from - 1] == NULL || word_in (c, from - 1, W_HONOUR, W_HONOUR)) &&
                         word_in (c, from - 1, W_DISTRICT, W_HONOUR))
                    from--;
                  if (from > 0 && word_in (c, from, W_HONOUR, W_HONOUR) &&
                      gap_spaces (c, from - 1) && capish (&c->t[from - 1]) &&
                      word_in (c, from - 1, W_HIS, W_HER))
                    from--;
                  mark (c, from, last, type_person);
                  i = last;
                  continue;
                }
            }
        }

      /* "The Elms, 4 Park Road": a house or a home named before its address */
      if (t->cap && !t->upper && t->end - t->start == 3 && token_is (c, i, "the") &&
          i + 1 < c->len && gap_spaces (c, i) && c->t[i + 1].cap && !c->t[i + 1].upper &&
          c->type[i + 1] == NULL &&
          !(c->t[i + 1].bits & (G_STOP | G_TITLE | G_COUNCIL | G_NAME_ROLE | G_HEADER)))
        {
          guint last = i + 1;
          gsize e;

          if (last + 1 < c->len && gap_spaces (c, last) && c->t[last + 1].cap &&
              !c->t[last + 1].upper && !(c->t[last + 1].bits & (G_STOP | G_TITLE)))
            last++;
          e = c->t[last].full_end;
          if (e + 2 < c->n && c->text[e] == ',' && c->text[e + 1] == ' ' &&
              g_ascii_isdigit (c->text[e + 2]) && house_number_at (c, e + 2))
            {
              mark (c, i, last, type_institution);
              i = last;
              continue;
            }
        }

      /* "Ms Leanne Hussain (nee Booth)": a maiden name */
      if (t->lower && c->text[t->start] == 'n' && t->end - t->start <= 4 && i + 1 < c->len &&
          gap_spaces (c, i) && capish (&c->t[i + 1]) &&
          c->type[i + 1] == NULL && !(c->t[i + 1].bits & (G_STOP | G_TITLE)) &&
          (token_is (c, i, "nee") || token_is (c, i, "n\xc3\xa9" "e")))
        {
          guint last = extend_name (c, i + 1);

          mark (c, i + 1, last, type_person);
          i = last;
          continue;
        }

      /* "Fenland District Council": a council names its place */
      if (capish (t) && !t->initial && t->end - t->start >= 4 &&
          !(b & (G_STOP | G_COMMON | G_CUE | G_CUE_START | G_TITLE | G_COUNCIL | G_STREET |
                 G_VERB | G_KIN | G_HEADER | G_NAME_ROLE)) &&
          i + 1 < c->len && (c->t[i + 1].bits & G_COUNCIL) && gap_spaces (c, i) &&
          capish (&c->t[i + 1]))
        {
          guint k = i + 1;

          if (token_is (c, k, "metropolitan") && k + 2 < c->len && gap_spaces (c, k + 1))
            k++;
          if (k + 1 < c->len && capish (&c->t[k + 1]) &&
              (word_in (c, k, W_DISTRICT, W_DISTRICT) || word_in (c, k, W_COUNTY, W_COUNTY) ||
               token_is (c, k, "borough") || token_is (c, k, "city")) &&
              gap_spaces (c, k) && token_is (c, k + 1, "council"))
            {
              mark (c, i, k + 1, type_place);
              i = k + 1;
              continue;
            }
          /* "Cumberland Council", "Westmorland and Furness Council": a
           * word no dictionary has, before "Council", is the council's
           * place; "Youth Council", "Arts Council" are English words */
          if (k == i + 1 && token_is (c, k, "council") &&
              (!(b & G_ENGLISH) || (b & (G_PLACE | G_PLACE_START))))
            {
              guint first = i;

              if (i > 1 && is_and (c, i - 1) && gap_spaces (c, i - 2) && gap_spaces (c, i - 1) &&
                  capish (&c->t[i - 2]) && c->type[i - 2] == NULL &&
                  !(c->t[i - 2].bits & (G_ENGLISH | G_STOP | G_TITLE)))
                first = i - 2;
              mark (c, first, k, type_place);
              i = k;
              continue;
            }
        }

      /* Places, longest first: "Milton Keynes", "Stoke-on-Trent" */
      if (capish (t) && (b & (G_PLACE | G_PLACE_START)) && !role_letter (c, i))
        {
          guint len = (b & G_PLACE_START) ? match_phrase (c, i, P_PLACE) : 0;
          gboolean person_like = len < 2 && (b & G_FIRST) && !(b & G_COMMON) && i + 1 < c->len &&
                                 gap_spaces (c, i) && name_part (c, i + 1) &&
                                 !(c->t[i + 1].bits & (G_PLACE | G_COUNCIL | G_STREET));
          guint street;

          /* 'Jordan "JJ" Pearce' */
          person_like = person_like || (len < 2 && (b & G_FIRST) && quoted_nickname (c, i) > 0);
          /* "Lee SHARPLES": a first name, then a surname in capitals */
          person_like = person_like || (len < 2 && (b & G_FIRST) && !t->upper && i + 1 < c->len &&
                                        gap_spaces (c, i) && c->t[i + 1].upper &&
                                        c->t[i + 1].end - c->t[i + 1].start >= 3 &&
                                        (c->t[i + 1].bits & G_SUR) &&
                                        !(c->t[i + 1].bits & (G_COMMON | G_STOP | G_STREET |
                                                              G_COUNCIL | G_CUE)));

          if (len == 0 && (b & G_PLACE))
            len = 1;
          street = len > 0 ? town_street (c, i + len - 1) : 0;
          if (len > 0 && !person_like &&
              /* "Visit to: Kirklees Council": a council after a header is its place */
              (!person_context_before (c, i) ||
               (i + len < c->len && gap_spaces (c, i + len - 1) && capish (&c->t[i + len]) &&
                (c->t[i + len].bits & G_COUNCIL))) &&
              !(i > 0 && c->type[i - 1] == type_person && gap_spaces (c, i - 1)) &&
              !(street == 0 && len == 1 && i + 1 < c->len && gap_spaces (c, i) &&
                capish (&c->t[i + 1]) &&
                (((c->t[i + 1].bits & (G_STREET | G_CUE)) &&
                  /* "Edmonton Green", "Bolton Interchange": the town, as in
                   * a street's name */
                  !(landmark_word (c, i + 1) && !(b & (G_COMMON | G_FIRST_POP | G_SUR_POP)))) ||
                 /* "Belfast Health and Social Care Trust": "Health" starts
                  * no cue here */
                 ((c->t[i + 1].bits & G_CUE_START) &&
                  ((c->t[i + 1].bits & G_COUNCIL) || match_phrase (c, i + 1, P_CUE) > 0)))) &&
              /* "Bury New Road" is a street; "Leeds Crown Court" no street */
              !(street == 0 && i + len + 1 < c->len && gap_spaces (c, i + len - 1) &&
                gap_spaces (c, i + len) && capish (&c->t[i + len]) &&
                capish (&c->t[i + len + 1]) && (c->t[i + len + 1].bits & G_STREET) &&
                !(word_in (c, i + len, W_CROWN, W_YOUTH) &&
                  word_in (c, i + len + 1, W_COURT, W_COURT))))
            {
              guint last = i + len - 1;
              gboolean ambiguous = len == 1 && ((b & G_COMMON) || (t->upper && !shouting (c, i)) ||
                                                ((b & G_FIRST) && person_context_after (c, i)));

              /* "Bath time routines reviewed": a town that is a word, first
               * in a sentence before a word that is no verb */
              if (len == 1 && (b & G_ENGLISH) && t->sentence && !t->upper && i + 1 < c->len &&
                  gap_spaces (c, i) && c->t[i + 1].lower && (c->t[i + 1].bits & G_ENGLISH) &&
                  !(c->t[i + 1].bits & (G_VERB | G_STOP | G_PREP | G_COUNCIL | G_CUE | G_STREET)))
                ambiguous = TRUE;

              /* "Town Centre", "Church End": every word an ordinary one */
              if (len > 1)
                {
                  ambiguous = TRUE;
                  for (guint k = i; k <= last; k++)
                    if (!(c->t[k].bits & (G_COMMON | G_STOP | G_STREET)) || c->t[k].text_al)
                      ambiguous = FALSE;
                }

              /* "Oldham Road", "Bury New Road": the street named after a
               * town is covered whole; and after a town whose name is a
               * word too ("Leek Road", "Mold Road", "Pear Tree Road"), but
               * not a word streets are named with ("Church Road", "Park
               * Lane", "Hope Street") */
              if (street > 0 && ambiguous && !t->upper && !(b & G_FIRST_POP))
                {
                  ambiguous = FALSE;
                  for (guint k = i; k <= last && !ambiguous; k++)
                    ambiguous = token_in (c, k, &street_words_set);
                }
              if (street > 0 && !ambiguous)
                {
                  mark (c, i, last + street, type_place);
                  i = last + street;
                  continue;
                }
              if (street == 0 && (!ambiguous || place_context (c, i, last) ||
                                  (c->near[i] & NEAR_AFTER_ADDRESS) ||
                                  (c->near[last] & NEAR_BEFORE_POSTCODE)))
                {
                  last = extend_council (c, last);
                  /* "Lunan Bay", "Clapham Common": a feature named after
                   * its place is the place too */
                  if (last + 1 < c->len && gap_spaces (c, last) && c->type[last + 1] == NULL &&
                      c->t[last + 1].cap && c->t[last + 1].upper == c->t[last].upper &&
                      word_in (c, last + 1, W_BAY, W_MARSHES) &&
                      !(last + 2 < c->len && gap_spaces (c, last + 1) && capish (&c->t[last + 2])))
                    last++;
                  mark (c, i, last, type_place);
                  i = last;
                  continue;
                }
            }
        }

      /* "AHMED, Rizwan": a surname in capitals, a comma, a first name */
      if (t->upper && !(b & G_STOP) && ((b & G_SUR) || !(b & G_COMMON)) &&
          t->end - t->start >= 3 && gap_is (c, i, ", ") &&
          c->t[i + 1].cap &&
          /* "TAHIRI, Ergys": a given name no list holds, in its own case */
          ((c->t[i + 1].bits & G_FIRST) ||
           (unlisted (&c->t[i + 1]) && !c->t[i + 1].upper && c->t[i + 1].end - c->t[i + 1].start >= 3 &&
            !initials_shape (c, i + 1) && !mixed_initials (c, i + 1))) &&
          !(c->t[i + 1].bits & (G_STOP | G_HARD)) &&
          /* "KHAN, IMRAN" in capitals too */
          (!c->t[i + 1].upper || ((b & G_SUR) && !(c->t[i + 1].bits & G_COMMON))))
        {
          /* "DA SILVA, João Pedro": the particle, and every first name */
          guint from = i > 0 && c->type[i - 1] == NULL && c->t[i - 1].upper &&
                       (c->t[i - 1].bits & G_PARTICLE) && gap_spaces (c, i - 1) ? i - 1 : i;
          guint last = extend_name (c, i + 1);

          /* "KHAN, IMRAN ALI": the other names in capitals */
          while (c->t[i + 1].upper && last + 1 < c->len && last < i + 4 &&
                 gap_spaces (c, last) && c->t[last + 1].upper &&
                 (c->t[last + 1].bits & (G_SUR | G_FIRST)) &&
                 !(c->t[last + 1].bits & (G_STOP | G_STREET)))
            last++;
          mark (c, from, last, type_person);
          i = last;
          continue;
        }

      /* Hamlets and small settlements: "a farm near Bould"; inside a
       * sentence, one that is no other word alone ("-> Dagenham ->") */
      if (capish (t) && (b & G_PLACE_MINOR) && !role_letter (c, i) &&
          (place_context (c, i, i) ||
           (t->cap && !t->upper && !t->sentence && (b & ~G_PLACE_MINOR) == 0 && !t->poss &&
            t->end - t->start >= 4)) &&
          !(i > 0 && c->type[i - 1] == type_person && gap_spaces (c, i - 1)))
        {
          guint last = extend_council (c, i);

          mark (c, i, last, type_place);
          i = last;
          continue;
        }

      /* First names: strong ones alone, ordinary words only with context */
      if ((b & G_FIRST) && !(b & G_STOP) && !role_letter (c, i) &&
          (t->cap || (t->upper && t->end - t->start >= 3)) &&
          !(i > 0 && (c->t[i - 1].bits & G_SAINT) && capish (&c->t[i - 1])))
        {
          gboolean strong = !(b & G_COMMON) && !t->upper && !(t->sentence && (b & G_WORD)) &&
                            !((b & G_WORD) && i + 1 < c->len && gap_spaces (c, i) &&
                              c->t[i + 1].cap && (c->t[i + 1].bits & G_ENGLISH) &&
                              !(c->t[i + 1].bits & (G_SUR | G_FIRST)));
          guint last = extend_name (c, i);
          gboolean street = last + 1 < c->len && gap_spaces (c, last) &&
                            (c->t[last + 1].bits & G_STREET) && capish (&c->t[last + 1]);

          if (!strong)
            strong = (last > i && !(c->t[last].bits & G_COMMON) &&
                      (c->t[last].bits & (G_SUR | G_FIRST))) ||
                     (last > i && !t->sentence) ||
                     person_context_after (c, last) || person_context_before (c, i) ||
                     (t->poss && !t->sentence);
          if (t->upper)
            strong = (last > i && c->t[last].upper) || person_context_after (c, last) ||
                     person_context_before (c, i);
          /* "Mikey P": an initial after the name, then no more of it */
          if (strong && !street && last + 1 < c->len && c->t[last + 1].initial && !t->upper &&
              gap_spaces (c, last) && c->type[last + 1] == NULL)
            {
              gsize e = c->t[last + 1].full_end;

              if (e == c->n || strchr ("\"),;:", c->text[e]) != NULL ||
                  (c->text[e] == ' ' && last + 2 < c->len && c->t[last + 2].start == e + 1 &&
                   c->t[last + 2].lower))
                last++;
            }
          if (strong && !street)
            {
              mark (c, i, last, type_person);
              i = last;
              continue;
            }
        }

      /* Dotted initials with a person's context: "J.S. (16)", "K.M. said" */
      if (t->initial && c->type[i] == NULL && t->end + 3 <= c->n && c->text[t->end] == '.' &&
          g_ascii_isupper (c->text[t->end + 1]) && c->text[t->end + 2] == '.' &&
          (t->end + 3 == c->n || !g_ascii_isalnum (c->text[t->end + 3])))
        {
          /* "Present: AB, R.T.", "note by T.O.": dotted initials alone are
           * someone's, but for "U.K.", "P.S.", "N.B." and the like */
          static const char abbreviations[] = "AMPMEGIENBUKUSPSADBCREOKTVPCMPGB";
          gboolean abbreviation = FALSE;
          gsize p = t->end + 3;

          while (p < c->n && c->text[p] == ' ')
            p++;

          for (guint q = 0; q + 1 < sizeof abbreviations && !abbreviation; q += 2)
            abbreviation = c->text[t->start] == abbreviations[q] &&
                           c->text[t->end + 1] == abbreviations[q + 1];
          if (!abbreviation ||
              (p + 1 < c->n && c->text[p] == '(' && g_ascii_isdigit (c->text[p + 1])) ||
              (i + 1 < c->len && c->t[i + 1].start == p && c->t[i + 1].lower &&
               (c->t[i + 1].bits & G_SVERB)) ||
              /* "J.S., the family support worker" */
              (t->end + 5 < c->n && c->text[t->end + 3] == ',' && c->text[t->end + 4] == ' ' &&
               !(i > 0 && determiner (c, i - 1)) &&
               i + 1 < c->len && c->t[i + 1].start == t->end + 5 && (token_is (c, i + 1, "the") || token_is (c, i + 1, "our"))))
            {
              SlSpan span = { c->offset + t->start, c->offset + t->end + 3, type_person };

              g_array_append_val (c->found, span);
              continue;
            }
        }

      /* Initials with a surname: "J. Smith", "J Smith"; not "BY A MAN" */
      if (t->initial && i + 1 < c->len && !role_letter (c, i) && c->type[i + 1] == NULL &&
          !((c->text[t->start] == 'A' || c->text[t->start] == 'I') && c->t[i + 1].upper) &&
          ((c->text[t->end] == '.' && c->t[i + 1].start == t->end + 2) || gap_spaces (c, i)))
        {
          const Token *u = &c->t[i + 1];

          gboolean dotted = c->text[t->end] == '.';

          if ((capish (u) && (u->bits & G_SUR) && !(u->bits & (G_COMMON | G_STOP | G_PLACE)) &&
               !(u->bits & G_STREET)) ||
              (dotted && name_part (c, i + 1) && !(u->bits & (G_STREET | G_COMMON))) ||
              (dotted && (u->bits & G_PARTICLE) && extend_name (c, i + 1) > i + 1))
            {
              guint last = extend_name (c, i + 1);

              mark (c, i, last, type_person);
              i = last;
              continue;
            }
        }

      /* "Name: Dumitrescu, Bianca": a surname first, where a name is expected */
      if (t->cap && !t->upper && (b & G_SUR) && !(b & (G_STOP | G_COMMON)) && gap_is (c, i, ", ") &&
          (t->sentence || person_context_before (c, i)) &&
          c->t[i + 1].cap && !c->t[i + 1].upper && (c->t[i + 1].bits & G_FIRST) &&
          !(c->t[i + 1].bits & (G_STOP | G_HARD)) &&
          (i + 2 >= c->len || memchr (c->text + c->t[i + 1].full_end, '\n',
                                      c->t[i + 2].start - c->t[i + 1].full_end) != NULL ||
           c->text[c->t[i + 1].full_end] == ' ' || c->text[c->t[i + 1].full_end] == '(' ||
           /* a row of a list: "Ahmadi, Shafiq; 09-09-1990" */
           c->text[c->t[i + 1].full_end] == ';' || c->text[c->t[i + 1].full_end] == '|' ||
           c->text[c->t[i + 1].full_end] == '\t'))
        {
          guint last = extend_name (c, i + 1);

          mark (c, i, last, type_person);
          i = last;
          continue;
        }

      /* Surnames alone, and unknown words with a person's context */
      if (t->cap && !(b & (G_STOP | G_CUE | G_STREET | G_TITLE | G_VERB | G_KIN)) &&
          !role_letter (c, i) && !t->initial &&
          (!t->upper || ((b & G_SUR_POP) && (person_context_after (c, i) ||
                                             person_context_before (c, i)))) &&
          !(i > 0 && (c->t[i - 1].bits & G_SAINT) && capish (&c->t[i - 1])))
        {
          gboolean known = (b & G_SUR) && !(b & G_COMMON) && !(b & G_PLACE);
          gboolean context = person_context_after (c, i) || person_context_before (c, i);

          if ((known && (!t->sentence || context || t->poss ||
                         (i + 1 < c->len && gap_spaces (c, i) && !(b & G_WORD)))) ||
              (context && !(b & (G_COMMON | G_ENGLISH)) && (!t->sentence || (b & G_SUR))) ||
              (person_context_before (c, i) && !(b & G_COMMON)) ||
              (context && (b & (G_FIRST | G_SUR)) && !t->sentence))
            {
              guint last = extend_name (c, i);

              if (!(last + 1 < c->len && gap_spaces (c, last) && (c->t[last + 1].bits & G_STREET) &&
                    capish (&c->t[last + 1])))
                {
                  mark (c, i, last, type_person);
                  i = last;
                  continue;
                }
            }
        }

      /* lower case, a town in a street's name: "on sheffield rd", "felling high street" */
      if (t->lower && (b & G_PLACE) && !(b & (G_COMMON | G_WORD | G_STOP | G_FIRST_POP)) &&
          t->end - t->start >= 4 && i + 1 < c->len && gap_spaces (c, i) && c->t[i + 1].lower)
        {
          guint k = i + 1;

          if (word_in (c, k, W_HIGH, W_HIGH) && k + 1 < c->len && gap_spaces (c, k))
            k++;
          if (word_in (c, k, W_RD, W_LN))
            {
              mark (c, i, i, type_place);
              continue;
            }
        }

      /* Street names: "big tariq", "lil k", "Big T"; not "a big a" */
      if (word_in (c, i, W_BIG, W_LITTLE) && (t->lower || t->cap) && i + 1 < c->len &&
          gap_spaces (c, i) && c->type[i + 1] == NULL && !t->upper)
        {
          const Token *u = &c->t[i + 1];
          gboolean letter = u->end - u->start == 1 && u->full_end == u->end &&
                            strchr ("aAiI", c->text[u->start]) == NULL &&
                            (u->end == c->n || strchr (" \"),;:.!?\n", c->text[u->end]) != NULL);
          gboolean name = (u->bits & G_FIRST) && u->end - u->start >= 2 &&
                          !(u->bits & (G_HARD | G_STOP | G_VERB | G_PREP | G_KIN | G_TITLE |
                                       G_COMMON)) &&
                          (!(u->bits & (G_WORD | G_ENGLISH)) ||
                           (u->cap && (u->bits & G_FIRST_POP))) &&
                          (u->lower == t->lower) && !mixed_case (c->text, u->start, u->end);

          if (letter || name)
            {
              mark (c, i, i + 1, type_person);
              i++;
              continue;
            }
        }

      /* lower case, a first name after a kinship word: "nana pat", "his mate dan" */
      if (t->lower && (b & G_FIRST) && t->end - t->start >= 2 && !t->poss &&
          !(b & (G_HARD | G_STOP | G_VERB | G_PREP | G_KIN | G_TITLE | G_HEADER)) && i > 0 &&
          c->t[i - 1].lower && (c->t[i - 1].bits & G_KIN) && gap_spaces (c, i - 1) &&
          !is_and (c, i - 1) && !word_in (c, i - 1, W_KNOWN, W_FRIENDS))
        {
          guint last = i;

          if (i + 1 < c->len && gap_spaces (c, i) && c->t[i + 1].lower &&
              (c->t[i + 1].bits & G_SUR) && !(c->t[i + 1].bits & (G_COMMON | G_WORD | G_STOP)))
            last = i + 1;
          mark (c, i, last, type_person);
          i = last;
          continue;
        }

      /* lower case, a place of several words after a preposition: "in west bromwich" */
      if (t->lower && (b & G_PLACE_START) && !determiner (c, i) && i > 0 && c->t[i - 1].lower &&
          (c->t[i - 1].bits & G_PREP) && gap_spaces (c, i - 1))
        {
          guint len = match_phrase (c, i, P_PLACE);

          for (guint k = i + 1; k < i + len; k++)
            if (!c->t[k].lower)
              len = 0;
          if (len >= 2)
            {
              mark (c, i, i + len - 1, type_place);
              i += len - 1;
              continue;
            }
        }

      /* A family: "the Fitzgeralds", "the Hussains"; not "the Browns" */
      if (t->cap && !t->upper && t->ascii && !t->poss && t->end - t->start >= 5 &&
          c->text[t->end - 1] == 's' && c->text[t->end - 2] != 's' && b == 0 && i > 0 &&
          determiner (c, i - 1) && token_is (c, i - 1, "the"))
        {
          char buf[64];
          gsize k = fold_word (c->text, t->start, t->end - 1, TRUE, buf, sizeof buf);
          guint32 stem = table_get (finish_hash (fnv_feed (FNV_OFFSET, buf, k)));

          if ((stem & G_SUR) &&
              !(stem & (G_ENGLISH | G_COMMON | G_WORD | G_STOP | G_PLACE | G_CUE | G_STREET)))
            {
              mark (c, i, i, type_person);
              continue;
            }
        }

      /* lower case places after a preposition: "a house in leicester" */
      /* ("in preston", "near preston": a town, though a first name too) */
      if (t->lower && (b & G_PLACE) && !(b & (G_COMMON | G_WORD | G_STOP)) &&
          (!(b & G_FIRST_POP) ||
           (i > 0 && (token_is (c, i - 1, "in") || token_is (c, i - 1, "near") ||
                      token_is (c, i - 1, "around")))) &&
          t->end - t->start >= 4 &&
          ((i > 0 && c->t[i - 1].lower && (c->t[i - 1].bits & G_PREP) && gap_spaces (c, i - 1)) ||
           (c->near[i] & (NEAR_AFTER_ADDRESS | NEAR_BEFORE_POSTCODE))))
        {
          guint last = extend_council (c, i);

          mark (c, i, last, type_place);
          i = last;
          continue;
        }

      /* After "known as", "aka", "called him", without quotes: a word with
       * a capital is a name ("knew him as Pops", "aka Tink") */
      if (capish (t) && !t->initial && !(b & (G_STOP | G_TITLE | G_NAME_ROLE | G_KIN)) &&
          i > 0 && t->start == c->t[i - 1].full_end + 1 && c->text[t->start - 1] == ' ' &&
          (c->t[i - 1].lower ||
           /* "KNOWN TO OFFICERS AS TANK"; not "A LOUNGE CALLED MIDNIGHT" */
           (t->upper && c->t[i - 1].upper &&
            (token_is (c, i - 1, "as") || token_is (c, i - 1, "aka")))) &&
          /* "called", "aka"… are kinship words; "as", "him", "her", "by"
           * short; "nickname", "himself" */
          ((c->t[i - 1].bits & G_KIN) || c->t[i - 1].end - c->t[i - 1].start <= 3 ||
           g_ascii_tolower (c->text[c->t[i - 1].start]) == 'n' ||
           token_is (c, i - 1, "himself") || token_is (c, i - 1, "herself") ||
           /* "they call Bev", not "we call Reading a town"; "the girls
            * call Chalky, and" */
           ((token_is (c, i - 1, "call") || token_is (c, i - 1, "calls")) &&
            (!(b & (G_HARD | G_COMMON | G_ENGLISH | G_PLACE | G_PLACE_START)) ||
             (!(b & (G_PLACE | G_PLACE_START)) && t->full_end < c->n &&
              strchr (",.;:)\n", c->text[t->full_end]) != NULL) ||
             /* "the one they call Sniper was", "a man they call Tank
              * offered": someone they call it, any word */
             (!(b & (G_PLACE | G_PLACE_START)) && i >= 3 && c->t[i - 3].lower &&
              token_in (c, i - 3, &called_ones_set))))) &&
          naming_cue_before (c, i) && !role_letter (c, i) &&
          /* "known as Complainant 3": a role and its number */
          !(t->full_end + 1 < c->n && c->text[t->full_end] == ' ' &&
            (g_ascii_isdigit (c->text[t->full_end + 1]) ||
             (i + 1 < c->len && c->t[i + 1].initial && c->t[i + 1].start == t->full_end + 1))))
        {
          guint last = extend_name (c, i);

          mark (c, i, last, type_person);
          i = last;
          continue;
        }

      /* "a girl called precious adjei": after a naming word, in lower case,
       * a word and a surname that is none */
      if (t->lower && i > 0 && c->type[i] == NULL && gap_spaces (c, i - 1) &&
          !(b & (G_STOP | G_VERB | G_PREP | G_KIN | G_TITLE)) && i + 1 < c->len &&
          gap_spaces (c, i) && c->t[i + 1].lower && c->t[i + 1].end - c->t[i + 1].start >= 3 &&
          !(c->t[i + 1].bits & (G_ENGLISH | G_STOP | G_VERB | G_PREP | G_KIN | G_PLACE)) &&
          naming_cue_before (c, i))
        {
          mark (c, i, i + 1, type_person);
          i++;
          continue;
        }

      /* Nicknames in quotes: "Bash", "Big Al"; after "known as" or in a
       * list of names, any word: "Spider", "ZUBY" */
      /* ('a lad called "smokey"', 'aka "Del Boy"': after a cue, in lower case
       * too, and a word of the stop list too) */
      if ((capish (t) ||
           (t->lower && !(b & (G_STOP | G_VERB | G_PREP | G_KIN)) &&
            (!(b & (G_ENGLISH | G_WORD)) || (b & (G_FIRST | G_SUR))) &&
            naming_cue_before (c, i))) && t->start > 0 &&
          (c->text[t->start - 1] == '"' ||
           (t->start >= 3 && (guchar) c->text[t->start - 3] == 0xE2 &&
            (guchar) c->text[t->start - 1] == 0x9C)) &&
          ((!t->upper && !(b & G_STOP)) || naming_cue_before (c, i)))
        {
          guint last = i;
          gboolean cued = naming_cue_before (c, i) || nickname_quote_before (c, i);
          /* 'the "Safe Place" scheme': a thing's name after an article */
          gboolean titled = i > 0 && !c->t[i - 1].upper &&
                            c->t[i - 1].end - c->t[i - 1].start <= 3 &&
                            (token_is (c, i - 1, "the") || token_is (c, i - 1, "a") ||
                             token_is (c, i - 1, "an")) &&
                            c->text[c->t[i - 1].full_end] == ' ' &&
                            c->t[i].start - c->t[i - 1].full_end <= 4;
          /* 'She said "Amber" when asked': a word that is a name only
           * sometimes, said, is a word, unless someone is called it */
          /* ('calls a pupil "Amber" when', 'rate it "Amber"': after any
           * word in lower case, as after a verb) */
          gboolean said = i > 0 && (b & G_HARD) && c->t[i - 1].lower &&
                          ((c->t[i - 1].bits & G_VERB) || quote_at (c, t->full_end, TRUE) > 0) &&
                          c->text[c->t[i - 1].full_end] == ' ' &&
                          c->t[i].start - c->t[i - 1].full_end <= 4;
          gboolean proper = !(b & (G_COMMON | G_WORD | G_ENGLISH)) ||
                            ((b & (G_FIRST | G_SUR)) && !said && !titled);
          gsize e;

          proper = proper || cued ||
                   (i > 0 && c->type[i - 1] == type_person && list_gap (c, i - 1));

          if (i + 1 < c->len && gap_spaces (c, i) &&
              (capish (&c->t[i + 1]) || (t->lower && c->t[i + 1].lower && cued) ||
               /* "Little B" */
               (c->t[i + 1].initial && quote_at (c, c->t[i + 1].full_end, TRUE) > 0)) &&
              (!(c->t[i + 1].bits & G_STOP) || cued))
            {
              last = i + 1;
              proper = proper ||
                       !(c->t[last].bits & (G_COMMON | G_WORD | G_ENGLISH)) ||
                       ((c->t[last].bits & (G_FIRST | G_SUR)) && !titled &&
                        !(c->t[last].bits & (G_HARD | G_COMMON)));
            }
          e = c->t[last].full_end;
          /* '"Dizzy" Craig Munro': a nickname before a first name */
          if (!proper && quote_at (c, e, TRUE) > 0)
            {
              gsize q = e + quote_at (c, e, TRUE);
              const Token *u = last + 1 < c->len ? &c->t[last + 1] : NULL;

              proper = u != NULL && q < c->n && c->text[q] == ' ' && u->start == q + 1 &&
                       u->cap && !u->upper && (u->bits & G_FIRST) &&
                       !(u->bits & (G_COMMON | G_STOP | G_HARD)) && name_part (c, last + 1);
            }
          if (proper && e < c->n &&
              (c->text[e] == '"' || (e + 2 < c->n && (guchar) c->text[e] == 0xE2 &&
                                    (guchar) c->text[e + 2] == 0x9D)))
            {
              mark (c, i, last, type_person);
              i = last;
              continue;
            }
        }

      /* An unknown capitalised word before a verb: "Jonno will pick her up" */
      if (t->cap && !t->upper && !t->sentence && (b & ~(G_PARTICLE)) == 0 &&
          t->end - t->start >= 3 && i + 1 < c->len && gap_spaces (c, i) && c->t[i + 1].lower &&
          (c->t[i + 1].bits & G_VERB) && c->text[c->t[i + 1].start] != 'a' &&
          c->text[c->t[i + 1].start] != 'w' && !mixed_case (c->text, t->start, t->end))
        {
          mark (c, i, i, type_person);
          continue;
        }
      /* "Jurgita works nights", "Tiernan said": first in a sentence, a word
       * in no list before a verb of what people say and do */
      if (t->cap && !t->upper && t->sentence && (b & ~(G_PARTICLE)) == 0 && t->ascii == 1 &&
          t->end - t->start >= 4 && i + 1 < c->len && gap_spaces (c, i) && c->t[i + 1].lower &&
          !mixed_case (c->text, t->start, t->end) && !t->brand)
        {
          if (token_in (c, i + 1, &does_set))
            {
              mark (c, i, i, type_person);
              continue;
            }
        }

      /* "jade spoke to her", "tony rang back": in lower case, a first name
       * before a verb of what people say and do */
      if (t->lower && c->type[i] == NULL && (b & G_FIRST_POP) && t->end - t->start >= 3 &&
          !(b & (G_STOP | G_VERB | G_PREP | G_KIN | G_TITLE)) && i + 1 < c->len &&
          gap_spaces (c, i) && c->t[i + 1].lower && token_in (c, i + 1, &does_set) &&
          !(i > 0 && (determiner (c, i - 1) || (c->t[i - 1].bits & G_PREP))))
        {
          mark (c, i, i, type_person);
          continue;
        }

      if (c->type[i] == NULL && ((t->cap && !t->upper && !t->lower) || (t->lower && b == 0)) &&
          mixed_initials (c, i))
        {
          mark (c, i, i, type_person);
          continue;
        }

      /* ALL CAPS names and initials with context: "JADE SMITH", "JS said";
       * "SIR to draft the letter": initials that spell a stop word */
      if (t->upper && !(b & G_PARTICLE) && !role_code (c, i) &&
          /* "CHI 0305081826": a patient number's keyword */
          !(token_is (c, i, "chi") && t->full_end + 1 < c->n && c->text[t->full_end] == ' ' &&
            g_ascii_isdigit (c->text[t->full_end + 1])) &&
          (!(b & G_STOP) ||
           ((b & G_ENGLISH) && (action_initials (c, i, &slashed0) || initials_by_place (c, i)))))
        {
          gsize slashed = 0;
          /* "THE POSTER SAID AMBER": words that are names too are no
           * pair of names in capitals */
          gboolean name = ((b & G_FIRST) && i + 1 < c->len && gap_spaces (c, i) &&
                           c->t[i + 1].upper && (c->t[i + 1].bits & G_SUR) &&
                           !(c->t[i + 1].bits & G_STOP) &&
                           !((b & (G_VERB | G_HARD | G_COMMON)) &&
                             (c->t[i + 1].bits & (G_VERB | G_HARD | G_COMMON)) &&
                             !(c->t[i + 1].bits & G_SUR_POP))) ||
                          ((b & G_SUR_POP) && i > 0 && c->type[i - 1] == type_person &&
                           gap_spaces (c, i - 1)) ||
                          (t->end - t->start <= 3 && !(b & G_COMMON) &&
                           (person_context_after (c, i) || person_context_before (c, i))) ||
                          caps_name (c, i) ||
                          /* "A13 - SK to check the database": initials in an action log */
                          (t->end - t->start <= 3 && t->sentence && !(b & (G_COMMON | G_ENGLISH)) &&
                           i + 2 < c->len && gap_spaces (c, i) && token_is (c, i + 1, "to") &&
                           gap_spaces (c, i + 1) && c->t[i + 2].lower) ||
                          action_initials (c, i, &slashed) ||
                          initials_in_header_line (c, i) || initials_owning_action (c, i) ||
                          initials_by_place (c, i);

          if (name)
            {
              guint last = i;

              while (last + 1 < c->len && gap_spaces (c, last) && c->t[last + 1].upper &&
                     (c->t[last + 1].bits & (G_SUR | G_FIRST)) &&
                     !(c->t[last + 1].bits & (G_STOP | G_STREET)) && last < i + 3 &&
                     /* "GRACE WERE WORDS" */
                     !((c->t[last + 1].bits & (G_COMMON | G_HARD | G_VERB)) &&
                       !(c->t[last + 1].bits & G_SUR_POP)))
                last++;
              if (slashed > 0)
                {
                  /* "JS/KL to meet": both */
                  SlSpan span = { c->offset + t->start, c->offset + slashed, type_person };

                  g_array_append_val (c->found, span);
                }
              mark (c, i, last, type_person);
              i = last;
              continue;
            }
        }

      /* lower case: "jade smith", "tariq said", "mr khan" */
      if (t->lower && (b & G_FIRST) && !(b & (G_HARD | G_STOP | G_VERB | G_PREP | G_KIN)) &&
          !t->poss &&
          ((b & G_FIRST_POP) || !(b & G_COMMON)) && t->end - t->start >= 3)
        {
          gboolean pair = i + 1 < c->len && gap_spaces (c, i) && c->t[i + 1].lower &&
                          (c->t[i + 1].bits & G_SUR) &&
                          !(c->t[i + 1].bits & (G_STOP | G_VERB | G_PREP)) &&
                          (!(c->t[i + 1].bits & (G_COMMON | G_WORD)) ||
                           (c->t[i + 1].bits & G_SUR_POP));

          if (pair)
            {
              mark (c, i, i + 1, type_person);
              i++;
              continue;
            }
          if (!(b & (G_COMMON | G_WORD)) && t->end - t->start >= 4 &&
              ((b & G_FIRST_POP) || person_context_after (c, i) || person_context_before (c, i)))
            {
              mark (c, i, i, type_person);
              continue;
            }
          /* "kev says": a short name with a person's context */
          if (!(b & (G_COMMON | G_WORD)) && person_context_after (c, i))
            {
              mark (c, i, i, type_person);
              continue;
            }
        }

      /* "my daughter amber is 13", "her friend Precious said": a kinship
       * word before and an age or a reporting verb after make even an
       * everyday word a name */
      if ((b & G_FIRST) && !(b & (G_STOP | G_VERB | G_PREP | G_KIN | G_TITLE)) &&
          (t->lower || (t->cap && !t->upper)) && !t->initial && i > 0 &&
          gap_spaces (c, i - 1) && (c->t[i - 1].bits & G_KIN) && c->t[i - 1].lower &&
          person_context_after (c, i))
        {
          mark (c, i, i, type_person);
          continue;
        }

      /* "mo (17)", "dean is 19": a first name in lower case, even a word,
       * with an age; not "a man (30)" */
      if (t->lower && (b & G_FIRST) && !(b & (G_HARD | G_STOP | G_VERB | G_PREP | G_KIN)) &&
          !(i > 0 && (determiner (c, i - 1) || number_word (c, i - 1))) &&
          t->end - t->start >= 2 && t->full_end + 2 < c->n && c->text[t->full_end] == ' ' &&
          ((c->text[t->full_end + 1] == '(' && g_ascii_isdigit (c->text[t->full_end + 2])) ||
           /* "dean is 19" */
           (i + 1 < c->len && gap_spaces (c, i) &&
            (token_is (c, i + 1, "is") || token_is (c, i + 1, "was")) &&
            age_at (c, c->t[i + 1].full_end))))
        {
          mark (c, i, i, type_person);
          continue;
        }

      /* "tash's mum", "Kez's boyfriend": a possessive before a kinship word */
      if (t->poss && !t->initial && t->end - t->start >= 2 && i + 1 < c->len &&
          gap_spaces (c, i) && (c->t[i + 1].bits & G_KIN) && !capish (&c->t[i + 1]) &&
          !(b & (G_STOP | G_KIN | G_NAME_ROLE | G_VERB | G_PREP | G_HARD | G_TITLE)) &&
          ((b & (G_FIRST | G_SUR)) || !(b & (G_COMMON | G_WORD | G_ENGLISH))) &&
          !mixed_case (c->text, t->start, t->end) && (t->lower || t->cap) &&
          !(i > 0 && determiner (c, i - 1)))
        {
          mark (c, i, i, type_person);
          continue;
        }

      if (!t->lower)
        continue;

      /* A street without a number, in lower case: "on chapel st", "down
       * lodge lane"; one or two words before the street's word */
      if (!(b & (G_STOP | G_VERB | G_KIN | G_TITLE | G_PREP | G_STREET)) && i > 0 &&
          i + 1 < c->len && t->end - t->start >= 3 &&
          (street_word (c, i + 1) || street_word (c, i + 2)) &&
          gap_spaces (c, i - 1) && c->t[i - 1].lower &&
          ((c->t[i - 1].bits & G_PREP) || word_in (c, i - 1, W_ON, W_ALONG)) &&
          !determiner (c, i) && !word_in (c, i, W_HIGH, W_HIGH) && gap_spaces (c, i))
        {
          guint k = i + 1;

          if (!word_in (c, k, W_RD, W_LN) && c->t[k].lower && k + 1 < c->len &&
              gap_spaces (c, k) &&
              !(c->t[k].bits & (G_STOP | G_VERB | G_KIN | G_TITLE | G_PREP | G_STREET)))
            k++;
          if (word_in (c, k, W_RD, W_LN) && c->t[k].lower && !c->t[k].poss &&
              !(k + 1 < c->len && gap_spaces (c, k) && c->t[k + 1].lower &&
                !(c->t[k + 1].bits & (G_STOP | G_PREP | G_VERB))))
            {
              /* "on felling high street": the town, as "Oldham Road" */
              if ((b & G_PLACE) && k > i + 1)
                k = i;
              mark (c, i, k, type_place);
              i = k;
              continue;
            }
        }

      /* A saint's name in lower case names a school or a church: "from st
       * bedes"; "st helens" is a town */
      if (word_in (c, i, W_ST, W_ST) && i > 0 && gap_spaces (c, i - 1) && c->t[i - 1].lower &&
          ((c->t[i - 1].bits & G_PREP) || token_is (c, i - 1, "the")) && i + 1 < c->len &&
          gap_spaces (c, i) && c->t[i + 1].lower && c->t[i + 1].end - c->t[i + 1].start >= 3 &&
          !(c->t[i + 1].bits & (G_STOP | G_VERB | G_PREP | G_KIN)))
        {
          guint len = match_phrase (c, i, P_PLACE);

          mark (c, i, i + (len >= 2 ? len - 1 : 1), len >= 2 ? type_place : type_institution);
          i += len >= 2 ? len - 1 : 1;
          continue;
        }

      /* "ysgol bryn elian", "masjid al noor": named cue first, in lower case */
      if ((c->text[t->start] == 'y' || c->text[t->start] == 'c' || c->text[t->start] == 'm' ||
           c->text[t->start] == 'j' || c->text[t->start] == 'g' || c->text[t->start] == 'e' ||
           c->text[t->start] == 'h') &&
          (word_in (c, i, W_YSGOL, W_COLEG) || word_in (c, i, W_MASJID, W_MADRASSA) ||
           word_in (c, i, W_EGLWYS, W_CARTREF)))
        {
          guint last = i;

          while (last + 1 < c->len && last < i + 3 && gap_spaces (c, last) &&
                 c->t[last + 1].lower &&
                 !(c->t[last + 1].bits & (G_STOP | G_VERB | G_PREP | G_KIN | G_ENGLISH)))
            last++;
          if (last > i)
            {
              mark (c, i, last, type_institution);
              i = last;
              continue;
            }
        }

      if (!t->casual)
        continue;

      /* In a chat, a take-away after "at", "from": "at kebab king", "from
       * tasty chicken"; or before "on", "in": "chicken king on lodge lane";
       * not "the chicken shop" */
      if (((i > 0 && gap_spaces (c, i - 1) && c->t[i - 1].lower && (c->t[i - 1].bits & G_PREP)) ||
           (i + 2 < c->len && gap_spaces (c, i + 1) && c->t[i + 2].lower &&
            /* named food first */
            (word_in (c, i, W_PIZZA, W_KEBAB) || word_in (c, i, W_CHICKEN, W_CURRY)) &&
            (token_is (c, i + 2, "on") || token_is (c, i + 2, "in") || token_is (c, i + 2, "near")) &&
            i + 3 < c->len && gap_spaces (c, i + 2) && !(c->t[i + 3].bits & G_STOP) &&
            /* a town or a street after it */
            ((c->t[i + 3].bits & (G_PLACE | G_PLACE_START)) ||
             (i + 4 < c->len && gap_spaces (c, i + 3) && (c->t[i + 4].bits & G_STREET))) &&
            !(i > 0 && (determiner (c, i - 1) || number_word (c, i - 1))))) &&
          i + 1 < c->len && gap_spaces (c, i) && c->t[i + 1].lower &&
          !(b & (G_STOP | G_VERB | G_KIN | G_PREP | G_TITLE)) &&
          !(c->t[i + 1].bits & (G_STOP | G_VERB | G_KIN | G_PREP | G_TITLE)) &&
          (((word_in (c, i, W_PIZZA, W_KEBAB) || word_in (c, i, W_CHICKEN, W_CURRY)) &&
            !word_in (c, i + 1, W_CHICKEN, W_CURRY) && !(c->t[i + 1].bits & G_CUE)) ||
           ((word_in (c, i + 1, W_CHICKEN, W_GRILL) || word_in (c, i + 1, W_PIZZA, W_KEBAB) ||
             word_in (c, i + 1, W_CARS, W_KABS)) &&
            !(b & (G_CUE | G_COUNCIL)) && !number_word (c, i))))
        {
          mark (c, i, i + 1, type_institution);
          i++;
          continue;
        }

      /* In a chat: "the wheatsheaf", "the red lion" */
      if ((b & (G_PUB_START | G_PUB)) && i > 0 && gap_spaces (c, i - 1) &&
          token_is (c, i - 1, "the") && c->t[i - 1].lower)
        {
          guint len = (b & G_PUB_START) ? match_phrase (c, i, P_PUB) : 0;

          /* "the wheatsheaf", but not "the vault", "the pulse": one word
           * of the language in lower case is no venue's name */
          if (len == 0 && (b & G_PUB) && !(b & G_ENGLISH))
            len = 1;
          /* "the crown jewels" */
          if (len > 0 && i + len < c->len && gap_spaces (c, i + len - 1) &&
              c->t[i + len].lower && !(c->t[i + len].bits & (G_STOP | G_PREP | G_VERB)))
            len = 0;
          if (len > 0)
            {
              mark (c, i, i + len - 1, type_institution);
              i += len - 1;
              continue;
            }
        }

      /* In a chat, a possessive without its apostrophe after "at", "to":
       * "at nathans", "to tyrones yard" */
      if ((b & ~(G_SUR | G_PLACE_MINOR)) == 0 && t->ascii && t->end - t->start >= 5 &&
          c->text[t->end - 1] == 's' && i > 0 && gap_spaces (c, i - 1) &&
          (c->t[i - 1].bits & G_PREP) && c->t[i - 1].lower)
        {
          char buf[64];
          gsize k = fold_word (c->text, t->start, t->end - 1, TRUE, buf, sizeof buf);
          guint32 stem = table_get (finish_hash (fnv_feed (FNV_OFFSET, buf, k)));

          /* "at nathans", "to reeceys in kirkby": a first name, or a word of
           * no list before "in", "on" */
          if (((stem & G_FIRST_POP) ||
               (t->end - t->start >= 6 && (stem & ~G_FIRST) == 0 && i + 1 < c->len &&
                gap_spaces (c, i) &&
                (token_is (c, i + 1, "in") || token_is (c, i + 1, "on")))) &&
              !(stem & (G_COMMON | G_WORD | G_ENGLISH | G_STOP | G_HARD | G_PLACE)))
            {
              mark (c, i, i, type_person);
              continue;
            }
        }

      /* In a chat: towns ("hartlepool", "colwyn bay") and first names in
       * lower case, with no other context, when they are no English word */
      {
        guint len = (b & G_PLACE_START) ? match_phrase (c, i, P_PLACE) : 0;

        for (guint k = i + 1; k < i + len; k++)
          if (!c->t[k].lower)
            len = 0;
        /* "high street" is a street in every town */
        /* "at the willows", "north shields", not "the high st" */
        if (len >= 2 && !(i > 0 && determiner (c, i - 1)) &&
            !(i + len < c->len && gap_spaces (c, i + len - 1) &&
              (c->t[i + len].bits & G_STREET)) &&
            !(c->t[i + len - 1].bits & G_STREET))
          {
            mark (c, i, i + len - 1, type_place);
            i += len - 1;
            continue;
          }
      }
      if ((b & G_PLACE) && t->end - t->start >= 4 &&
          !(b & (G_COMMON | G_WORD | G_ENGLISH | G_STOP | G_VERB | G_KIN | G_TITLE | G_CUE)) &&
          (!(b & G_FIRST) ||
           (i > 0 && (c->t[i - 1].bits & G_PREP) && gap_spaces (c, i - 1))))
        {
          /* "suffolk county council" */
          guint last = extend_council (c, i);

          mark (c, i, last, type_place);
          i = last;
          continue;
        }
      if ((b & G_FIRST_POP) && t->end - t->start >= 3 && !t->poss &&
          !(b & (G_COMMON | G_WORD | G_ENGLISH | G_STOP | G_VERB | G_PREP | G_KIN | G_HARD |
                 G_TITLE | G_HEADER | G_CUE | G_STREET | G_PLACE)) &&
          !(i > 0 && determiner (c, i - 1)))
        {
          guint last = i;

          if (i + 1 < c->len && gap_spaces (c, i) && c->t[i + 1].lower &&
              (c->t[i + 1].bits & G_SUR_POP) &&
              !(c->t[i + 1].bits & (G_COMMON | G_WORD | G_ENGLISH | G_STOP | G_VERB | G_PREP)))
            last = i + 1;
          mark (c, i, last, type_person);
          i = last;
          continue;
        }
    }
}

/* "Jade, Amber and Tariq": capitalised words listed next to a name. */
static void
extend_lists (Ctx *c)
{
  gboolean changed = TRUE;

  while (changed)
    {
      changed = FALSE;
      for (guint i = 0; i < c->len; i++)
        {
          guint32 b = c->t[i].bits;
          gboolean left, right;

          if (c->type[i] == NULL && c->t[i].lower && (b & G_FIRST) &&
              ((b & G_FIRST_POP) || !(b & G_COMMON)) && c->t[i].end - c->t[i].start >= 3 &&
              !(b & (G_STOP | G_VERB | G_PREP | G_KIN | G_HARD | G_TITLE | G_STREET)))
            {
              /* "dan and liam", "kez, dan" */
              left = i > 1 && c->type[i - 2] == type_person && c->t[i - 2].lower &&
                     is_and (c, i - 1) && gap_spaces (c, i - 2) && gap_spaces (c, i - 1);
              /* not "an older man, jade spoke": an everyday word before a comma */
              left = left || (i > 0 && c->type[i - 1] == type_person && c->t[i - 1].lower &&
                              list_gap (c, i - 1) && !(b & G_ENGLISH));
              right = i + 2 < c->len && c->type[i + 2] == type_person && c->t[i + 2].lower &&
                      is_and (c, i + 1) && gap_spaces (c, i) && gap_spaces (c, i + 1);
              right = right || (i + 1 < c->len && c->type[i + 1] == type_person &&
                                c->t[i + 1].lower && list_gap (c, i) && !(b & G_ENGLISH));
              if (left || right)
                {
                  mark (c, i, i, type_person);
                  changed = TRUE;
                }
              continue;
            }
          /* a first name, even a place's ("Martin"), after "(role), " */
          if (c->type[i] == NULL && c->t[i].cap && !c->t[i].initial && (b & G_FIRST) &&
              !(b & (G_STOP | G_CUE | G_STREET | G_TITLE | G_KIN | G_COUNCIL)) &&
              person_bracket_before (c, i))
            {
              mark (c, i, extend_name (c, i), type_person);
              changed = TRUE;
              continue;
            }
          if (c->type[i] != NULL || !c->t[i].cap || c->t[i].initial || c->t[i].brand ||
              (b & (G_STOP | G_CUE | G_STREET | G_TITLE | G_KIN | G_PLACE | G_COUNCIL)) ||
              (!(b & (G_FIRST | G_SUR)) && (b & G_COMMON)) || role_letter (c, i) ||
              ((b & G_ENGLISH) && !(b & (G_FIRST | G_SUR))))
            continue;
          /* "Carys Llewellyn, Head of Service": a word before "of" is a job */
          if ((b & (G_COMMON | G_WORD | G_ENGLISH)) && i + 1 < c->len && gap_spaces (c, i) &&
              (token_is (c, i + 1, "of") || token_is (c, i + 1, "for")))
            continue;
          left = i > 0 && c->type[i - 1] == type_person && c->t[i - 1].cap && list_gap (c, i - 1);

          /* "Ravi or Cath", "Ravi and Cath" */
          left = left || (i > 1 && (is_and (c, i - 1) || token_is (c, i - 1, "or")) &&
                          c->type[i - 2] == type_person &&
                          c->t[i - 2].cap && gap_spaces (c, i - 2) && gap_spaces (c, i - 1));
          right = i + 1 < c->len && c->type[i + 1] == type_person && !c->joined[i + 1] &&
                  list_gap (c, i);
          right = right || (i + 2 < c->len && (is_and (c, i + 1) || token_is (c, i + 1, "or")) &&
                            c->type[i + 2] == type_person &&
                            !c->joined[i + 2] && gap_spaces (c, i) && gap_spaces (c, i + 1));
          if (left || right)
            {
              guint last = extend_name (c, i);

              mark (c, i, last, type_person);
              changed = TRUE;
            }
        }
    }
}

/* "Bill found texts", not "Will follow up": a name that is also a word
 * starts a sentence as a name when a verb in the past or in -s follows. */
static gboolean
past_verb_after (const Ctx *c,
                 guint      i)
{
  static const char *const irregular[] = { "found", "went", "took", "gave", "saw", "came", "got",
                                           "rang", "ran", "left", "met", "made", "sent",
                                           "thought", "knew", "felt", "kept", "brought",
                                           "bought", "told", "said", "drove", "spoke", "wrote" };
  const Token *u;
  gsize len;

  if (i + 1 >= c->len || !gap_spaces (c, i) || !c->t[i + 1].lower)
    return FALSE;
  u = &c->t[i + 1];
  len = u->end - u->start;
  if (len >= 4 && c->text[u->end - 2] == 'e' && c->text[u->end - 1] == 'd')
    return TRUE;
  if (len >= 4 && c->text[u->end - 1] == 's' && c->text[u->end - 2] != 's' &&
      (u->bits & G_VERB))
    return TRUE;
  for (guint k = 0; k < G_N_ELEMENTS (irregular); k++)
    if (token_is (c, i + 1, irregular[k]))
      return TRUE;
  return FALSE;
}

/* A name found once is found everywhere in the note: "Smith" after
 * "Jade Smith", "JADE" after "Jade". */
static void
propagate (Ctx *c)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  guint64 bloom = 0;

  /* names that are words of the stop list or words too ("Major", after
   * "were called Major"): again only where a person is said to do
   * something ("Major is a nickname", "Major said") */
  {
    guint64 words[16];
    guint n_words = 0;

    for (guint i = 0; i < c->len && n_words < G_N_ELEMENTS (words); i++)
      if (c->type[i] == type_person && (c->t[i].bits & (G_STOP | G_HARD)) &&
          !(c->t[i].bits & G_TITLE) &&
          !(c->t[i].bits & G_PARTICLE) && capish (&c->t[i]) && !c->t[i].upper &&
          c->t[i].end - c->t[i].start >= 4 &&
          (c->joined[i] ? (c->t[i - 1].bits & G_TITLE) && !(i + 1 < c->len && c->joined[i + 1])
                        : !(i + 1 < c->len && c->joined[i + 1])))
        words[n_words++] = c->t[i].hash;
    for (guint i = 0; i + 1 < c->len && n_words > 0; i++)
      if (c->type[i] == NULL && c->t[i].cap && !c->t[i].upper && !c->t[i].initial)
        for (guint k = 0; k < n_words; k++)
          if (words[k] == c->t[i].hash)
            {
              if ((person_context_after (c, i) || past_verb_after (c, i) ||
                   (gap_spaces (c, i) && (token_is (c, i + 1, "is") || token_is (c, i + 1, "has")))) &&
                  !(i > 0 && gap_spaces (c, i - 1) && (c->t[i - 1].bits & G_TITLE)))
                mark (c, i, i, type_person);
              break;
            }
  }
  for (guint i = 0; i < c->len; i++)
    if (c->type[i] == type_person && !(c->t[i].bits & (G_TITLE | G_STOP | G_PARTICLE)) &&
        !c->t[i].initial &&
        (c->t[i].end - c->t[i].start >= 3 ||
         /* "Known as: TJ", then "TJ was found": two capitals, a name alone */
         (c->t[i].upper && !c->joined[i] && !(i + 1 < c->len && c->joined[i + 1]) &&
          c->type[i] == type_person && !(c->t[i].bits & (G_COMMON | G_ENGLISH)))))
      {
        g_hash_table_add (seen, &c->t[i].hash);
        bloom |= G_GUINT64_CONSTANT (1) << (c->t[i].hash >> 58);
      }
  if (g_hash_table_size (seen) == 0)
    return;
  /* "HB" after "Hardeep Bains" */
  {
    guint16 initials[64];
    guint n_initials = 0;

    for (guint i = 0; i + 1 < c->len && n_initials < G_N_ELEMENTS (initials); i++)
      if (c->type[i] == type_person && !c->joined[i])
        {
          guint last = i, first = i;

          while (last + 1 < c->len && c->joined[last + 1])
            last++;
          /* "Ms Roxanne Gillespie" is RG */
          while (first < last && (c->t[first].bits & G_TITLE))
            first++;
          if (last > first)
            initials[n_initials++] =
              (guint16) ((guint) (guchar) g_ascii_toupper (c->text[c->t[first].start]) << 8 |
                         (guint) (guchar) g_ascii_toupper (c->text[c->t[last].start]));
          /* "KHAN, Imran Ali" is IK, and IA */
          if (last > first + 1 && gap_is (c, first, ", ") && n_initials + 2 <= G_N_ELEMENTS (initials))
            {
              guint16 given = (guint16) ((guint) (guchar) g_ascii_toupper (c->text[c->t[first + 1].start]) << 8);

              initials[n_initials++] =
                given | (guint16) (guchar) g_ascii_toupper (c->text[c->t[first].start]);
              initials[n_initials++] =
                given | (guint16) (guchar) g_ascii_toupper (c->text[c->t[last].start]);
            }
          i = last;
        }
    for (guint k = 0; k < c->len && n_initials > 0; k++)
      if (c->type[k] == NULL && c->t[k].upper && c->t[k].end - c->t[k].start == 2 &&
          !(c->t[k].bits & G_STOP))
        {
          guint16 pair = (guint16) ((guint) (guchar) c->text[c->t[k].start] << 8 |
                                    (guint) (guchar) c->text[c->t[k].start + 1]);

          for (guint q = 0; q < n_initials; q++)
            if (initials[q] == pair)
              mark (c, k, k, type_person);
        }
      else if (c->type[k] == NULL && c->t[k].initial && c->t[k].end + 3 <= c->n &&
               c->text[c->t[k].end] == '.' && g_ascii_isupper (c->text[c->t[k].end + 1]) &&
               c->text[c->t[k].end + 2] == '.' &&
               (c->t[k].end + 3 == c->n || !g_ascii_isalnum (c->text[c->t[k].end + 3])))
        {
          /* "S.O." after "Sarah Ojo": the tokens stop at the first dot */
          guint16 pair = (guint16) ((guint) (guchar) c->text[c->t[k].start] << 8 |
                                    (guint) (guchar) c->text[c->t[k].end + 1]);

          for (guint q = 0; q < n_initials; q++)
            if (initials[q] == pair)
              {
                SlSpan span = { c->offset + c->t[k].start, c->offset + c->t[k].end + 3,
                                type_person };

                g_array_append_val (c->found, span);
                break;
              }
        }
  }
  for (guint i = 0; i < c->len; i++)
    {
      const Token *t = &c->t[i];

      if (c->type[i] == NULL && !(t->bits & (G_ENGLISH | G_COMMON | G_WORD | G_STOP | G_VERB)) &&
          t->lower && t->end - t->start >= 4 &&
          c->text[t->end - 1] == 's' && t->ascii)
        {
          /* "at aarons wiv keeley": a possessive written without its apostrophe */
          guint64 h = finish_hash (fnv_feed (FNV_OFFSET, c->text + t->start,
                                             t->end - t->start - 1));

          if ((bloom & (G_GUINT64_CONSTANT (1) << (h >> 58))) && g_hash_table_contains (seen, &h))
            {
              mark (c, i, i, type_person);
              continue;
            }
        }
      if (c->type[i] != NULL || !(bloom & (G_GUINT64_CONSTANT (1) << (t->hash >> 58))) ||
          !g_hash_table_contains (seen, &t->hash) || role_letter (c, i) || t->brand)
        continue;
      if (!capish (t) && (t->bits & (G_COMMON | G_WORD | G_VERB | G_PREP | G_STOP)))
        continue;
      /* "the Bill for her phone" after "Bill Ormerod": a word after a determiner */
      if ((t->bits & (G_COMMON | G_WORD)) && i > 0 && determiner (c, i - 1))
        continue;
      if (t->sentence && (t->bits & G_HARD) && !person_context_after (c, i) && !t->poss &&
          !past_verb_after (c, i))
        continue;
      mark (c, i, i, type_person);
    }
}

/* Is token k the first of a list's item after token j: ", ", " and " or
 * " or " between them? */
static gboolean
list_next (const Ctx *c,
           guint      j,
           guint      k)
{
  if (k == j + 1)
    return gap_is (c, j, ", ");
  return k == j + 2 && gap_spaces (c, j) && gap_spaces (c, j + 1) &&
         (is_and (c, j + 1) || token_is (c, j + 1, "or")) && c->t[j + 1].lower;
}

/* "from Page Hall, Firth Park and Tinsley", "Townhill, Mayhill, Blaenymaes,
 * Penlan", "St Pauls and Knowle West": in a list of places, an item of one
 * or two capitalised words beside a place, which a list of places holds
 * or no list holds, is a place too (taken for a person or a business
 * alone) */
static void
places_in_lists (Ctx *c)
{
  for (guint j = 0; j + 2 < c->len; j++)
    {
      guint k, last, q, first;

      if (c->type[j] != type_place)
        continue;
      /* the item before a place and "and": "Firth Park and Tinsley"; not
       * before a comma ("Kirkgate, Wakefield" is a street and its town) */
      if (!c->joined[j] && j >= 3 && gap_spaces (c, j - 1) && gap_spaces (c, j - 2) &&
          is_and (c, j - 1) && c->t[j - 1].lower && c->t[j - 2].cap &&
          c->t[j - 2].upper == c->t[j].upper &&
          (c->type[j - 2] == NULL || c->type[j - 2] == type_person ||
           c->type[j - 2] == type_institution))
        {
          q = j - 2;
          first = q;
          while (first > 0 && c->type[q] != NULL && c->joined[first])
            first--;
          if (c->type[q] == NULL && first > 0 && gap_spaces (c, first - 1) &&
              c->t[first - 1].cap && c->type[first - 1] == NULL &&
              !(c->t[first - 1].bits & (G_STOP | G_TITLE | G_PREP)))
            first--;
          if (q <= first + 1 &&
              ((c->t[first].bits & (G_PLACE | G_PLACE_START)) || unlisted (&c->t[first])) &&
              !(c->t[first].bits & (G_STOP | G_TITLE | G_CUE | G_COUNCIL)) &&
              !(c->t[q].bits & (G_CUE | G_STREET)) && !c->t[q].poss &&
              !(first > 0 && c->joined[first]) &&
              !(first > 0 && gap_spaces (c, first - 1) && capish (&c->t[first - 1])))
            mark (c, first, q, type_place);
        }
      /* the item after it */
      if (c->joined[j + 1] && c->type[j + 1] == type_place)
        continue;
      for (k = j + 1; k <= j + 2 && !list_next (c, j, k); k++)
        ;
      if (k > j + 2 || !c->t[k].cap || c->t[k].upper != c->t[j].upper || c->joined[k] ||
          !(c->type[k] == NULL || c->type[k] == type_person || c->type[k] == type_institution))
        continue;
      last = c->type[k] == NULL ? k : span_end (c, k);
      if (c->type[k] == NULL && last + 1 < c->len && gap_spaces (c, last) &&
          c->t[last + 1].cap && c->type[last + 1] == NULL)
        last++;
      if (last > k + 1 ||
          !((c->t[k].bits & (G_PLACE | G_PLACE_START)) || unlisted (&c->t[k])) ||
          (c->t[k].bits & (G_STOP | G_TITLE | G_CUE | G_COUNCIL)) ||
          (c->t[last].bits & (G_CUE | G_STREET)) || c->t[last].poss ||
          /* the item ends there: a comma, "and", a stop or the line's end */
          !(last + 1 >= c->len || !gap_spaces (c, last) || is_and (c, last + 1) ||
            token_is (c, last + 1, "or") || c->t[last + 1].lower))
        continue;
      mark (c, k, last, type_place);
      j = last - 1;
    }
}

/* A district named in a street without a house number: "on Firth Park
 * Road", "on Page Hall Road", "near the tesco on cheetham hill rd", "the
 * takeaway on Childwall Valley Road": the place alone, as the street's
 * own words are no one's. A place of one word only where it is no word of
 * the language ("Leek Road", "Bank Street" stay) */
static void
places_in_streets (Ctx *c)
{
  /* a road's words, not a park's, a view's or a green's, which name
   * homes and parks ("Kennet View", "Broadfield Park") */
  static const char *const roads[] = { "road", "rd", "street", "st", "lane", "avenue", "ave",
                                       "drive", "way", "walk", "terrace", "crescent", "close" };
  static WordSet roads_set = WORD_SET (roads);

  /* by the road's word, which few words are, then the place before it */
  for (guint r = 2; r < c->len; r++)
    {
      if (!(c->t[r].bits & G_STREET) || !(c->type[r] == NULL || c->type[r] == type_place) ||
          !token_in (c, r, &roads_set))
        continue;
      for (guint i = r >= 4 ? r - 3 : 1; i < r; i++)
        {
          const Token *t = &c->t[i];
          guint len = 0, s;

          if (c->type[i] != NULL || !(t->bits & (G_PLACE | G_PLACE_START)) || t->upper ||
              !(t->cap || (t->lower && t->casual)) || !gap_spaces (c, i - 1) ||
              g_ascii_isdigit (c->text[c->t[i - 1].end - 1]) || token_is (c, i, "the"))
            continue;
          if (t->bits & G_PLACE_START)
            len = match_phrase (c, i, P_PLACE);
          if (len < 2 &&
              ((t->bits & (G_COMMON | G_WORD | G_ENGLISH | G_STOP | G_FIRST_POP | G_SUR_POP)) ||
               !(t->bits & G_PLACE)))
            continue;
          len = MAX (len, 1);
          s = i + len;
          /* "Childwall Valley Road": one more word of the street's name */
          if (s + 1 == r && gap_spaces (c, s - 1) && c->t[s].cap == t->cap &&
              c->t[s].lower == t->lower && !(c->t[s].bits & G_STREET) && c->type[s] == NULL)
            s++;
          if (s != r || !gap_spaces (c, s - 1) || c->t[s].cap != t->cap ||
              c->t[s].lower != t->lower)
            continue;
          for (guint k = i + 1; k < i + len; k++)
            if (c->type[k] != NULL)
              len = 0;
          if (len == 0)
            continue;
          mark (c, i, i + len - 1, type_place);
          break;
        }
    }
}

/* A town or an institution found once is found everywhere in the note:
 * "Hartlepool" after "HARTLEPOOL BOROUGH COUNCIL", "Brambles said" after
 * "Brambles Children's Home". Only words that are no English word and no
 * name are carried in any case; an institution's first word that is a
 * word ("Brambles") only with a capital, alone, inside a sentence. */
static void
propagate_places (Ctx *c)
{
  guint64 places[32], homes[32], bloom = 0;
  guint n_places = 0, n_homes = 0;

  for (guint i = 0; i < c->len; i++)
    {
      const Token *t = &c->t[i];
      gboolean alone = !c->joined[i] && !(i + 1 < c->len && c->joined[i + 1]);

      /* "HARTLEPOOL BOROUGH COUNCIL" names Hartlepool */
      if (c->type[i] == type_place && !c->joined[i] && !alone &&
          (c->t[i + 1].bits & G_COUNCIL) && !(i + 2 < c->len && c->joined[i + 2] &&
                                              !(c->t[i + 2].bits & G_COUNCIL)))
        alone = TRUE;
      if (c->type[i] == type_place && alone && n_places < G_N_ELEMENTS (places) &&
          t->end - t->start >= 4 &&
          !(t->bits & (G_COMMON | G_WORD | G_ENGLISH | G_HARD | G_STOP | G_FIRST)))
        {
          places[n_places++] = t->hash;
          bloom |= G_GUINT64_CONSTANT (1) << (t->hash >> 58);
        }
      else if (c->type[i] == type_institution && !c->joined[i] && !alone &&
               n_homes < G_N_ELEMENTS (homes) && capish (t) && t->end - t->start >= 4 &&
               !(t->bits & (G_COMMON | G_STOP | G_CUE | G_CUE_START | G_SAINT | G_TITLE |
                            G_FIRST | G_SUR | G_PUB | G_PUB_START)))
        {
          homes[n_homes++] = t->hash;
          bloom |= G_GUINT64_CONSTANT (1) << (t->hash >> 58);
        }
    }
  if (n_places == 0 && n_homes == 0)
    return;
  for (guint i = 0; i < c->len; i++)
    {
      const Token *t = &c->t[i];
      gboolean known = FALSE;

      if (c->type[i] != NULL || !(bloom & (G_GUINT64_CONSTANT (1) << (t->hash >> 58))))
        continue;
      for (guint k = 0; k < n_places && !known; k++)
        known = places[k] == t->hash;
      for (guint k = 0; k < n_homes && !known; k++)
        known = homes[k] == t->hash;
      if (!known || role_letter (c, i) || (i > 0 && determiner (c, i - 1)))
        continue;
      for (guint k = 0; k < n_places; k++)
        /* "Cornwall Police", a force, is left to the rules for places */
        if (places[k] == t->hash &&
            !(i + 1 < c->len && gap_spaces (c, i) && (c->t[i + 1].bits & G_COUNCIL) &&
              (token_is (c, i + 1, "police") || token_is (c, i + 1, "constabulary"))))
          {
            mark (c, i, i, type_place);
            break;
          }
      if (c->type[i] != NULL || !capish (t) || t->upper)
        continue;
      for (guint k = 0; k < n_homes; k++)
        if (homes[k] == t->hash && (!t->sentence || !(t->bits & (G_ENGLISH | G_WORD))) &&
            !(i + 1 < c->len && gap_spaces (c, i) && capish (&c->t[i + 1])) &&
            !(i > 0 && gap_spaces (c, i - 1) && capish (&c->t[i - 1])))
          {
            mark (c, i, i, type_institution);
            break;
          }
    }
}

/* Skips spaces, then the word w if it comes next (any case); returns the
 * new position. */
static gsize
skip_word (const Ctx  *c,
           gsize       p,
           const char *w)
{
  gsize len = strlen (w);

  while (p < c->n && c->text[p] == ' ')
    p++;
  if (p + len <= c->n && g_ascii_strncasecmp (c->text + p, w, len) == 0 &&
      (p + len == c->n || !g_ascii_isalnum (c->text[p + len])))
    p += len;
  return p;
}

/* "snap: kaz_w0jcik", "insta lil.mo.x", "incident 4471 of 12/3": an account
 * named without its @ after an app, a number after a police system. */
static void
detect_keyword_values (Ctx *c)
{
  for (guint i = 0; i < c->len; i++)
    {
      gboolean handle = FALSE, letter = FALSE, mark = FALSE;
      guint digits = 0;
      gsize p, s;

      if (!(c->t[i].bits & G_KEYWORD))
        continue;
      for (guint k = 0; k < G_N_ELEMENTS (platforms) && !handle; k++)
        handle = token_is (c, i, platforms[k]);
      p = c->t[i].full_end;
      if (handle)
        {
          static const char *const words[] = { "name", "handle", "username", "id", "account" };

          for (guint k = 0; k < G_N_ELEMENTS (words); k++)
            p = skip_word (c, p, words[k]);
          p = skip_word (c, p, "is");
          /* 'VIA SNAPCHAT USING "kerensa.kernow"', "on snap as jay_b" */
          p = skip_word (c, p, "using");
          p = skip_word (c, p, "as");
        }
      else
        {
          static const char *const words[] = { "no", "number", "id", "ref", "log" };

          if (p < c->n && c->text[p] == '.')
            p++;
          for (guint k = 0; k < G_N_ELEMENTS (words); k++)
            p = skip_word (c, p, words[k]);
          if (p < c->n && c->text[p] == '.')
            p++;
        }
      while (p < c->n && c->text[p] == ' ')
        p++;
      /* "a Snapchat account, daz.g31, which": a comma too before a handle,
       * or a bracket ("ON SNAPCHAT (elona.x.bd)") */
      if (p < c->n && strchr (handle ? ":=-,(" : ":#", c->text[p]) != NULL)
        p++;
      while (p < c->n && c->text[p] == ' ')
        p++;
      /* 'Instagram handle "tyrone.official"' */
      if (handle && quote_at (c, p, FALSE) > 0)
        p += quote_at (c, p, FALSE);
      s = p;
      /* "occurrence 24*123456" */
      while (p < c->n && (g_ascii_isalnum (c->text[p]) ||
                          strchr (handle ? "._" : "/-*", c->text[p]) != NULL))
        p++;
      while (p > s && !g_ascii_isalnum (c->text[p - 1]))
        p--;
      for (gsize q = s; q < p; q++)
        {
          if (g_ascii_isdigit (c->text[q]))
            digits++;
          if (g_ascii_isalpha (c->text[q]))
            letter = TRUE;
          else
            mark = TRUE;
        }
      /* "incident 2211 of 03/11/25": the day the log was opened */
      if (!handle && digits >= 4 && p + 7 <= c->n && strncmp (c->text + p, " of ", 4) == 0 &&
          g_ascii_isdigit (c->text[p + 4]))
        {
          gsize q = p + 4, slashes = 0;

          while (q < c->n && (g_ascii_isdigit (c->text[q]) ||
                              (c->text[q] == '/' && q + 1 < c->n && g_ascii_isdigit (c->text[q + 1]))))
            slashes += c->text[q++] == '/';
          if (slashes >= 1 && slashes <= 2)
            p = q;
        }
      if (p > s + 2 && g_ascii_isalnum (c->text[s]) &&
          (handle ? letter && mark : digits >= 4))
        {
          SlSpan span = { c->offset + s, c->offset + p,
                          handle ? SL_SPAN_SOCIAL_HANDLE : SL_SPAN_REFERENCE };

          g_array_append_val (c->found, span);
          /* "Athena 4525…": the system is no one's name */
          if (c->type[i] == NULL)
            c->type[i] = type_none;
        }
    }
}

/* "HH:MM" or "HH:MM:SS" at p: returns its end, or 0 */
static gsize
clock_time_at (const char *text,
               gsize       n,
               gsize       p)
{
  gsize q = p;

  while (q < n && q < p + 2 && g_ascii_isdigit (text[q]))
    q++;
  if (q == p || q + 3 > n || text[q] != ':' || !g_ascii_isdigit (text[q + 1]) ||
      !g_ascii_isdigit (text[q + 2]))
    return 0;
  q += 3;
  if (q + 3 <= n && text[q] == ':' && g_ascii_isdigit (text[q + 1]) && g_ascii_isdigit (text[q + 2]))
    q += 3;
  return q;
}

static gboolean
speaker_word (const Ctx *c,
              guint      i)
{
  guint32 b = c->t[i].bits;

  return c->type[i] == NULL &&
         !(b & (G_STOP | G_HEADER | G_TITLE | G_KIN | G_VERB | G_PREP | G_NAME_ROLE | G_CUE)) &&
         (!(b & (G_ENGLISH | G_COMMON | G_WORD)) || ((b & G_FIRST) && !(b & G_COMMON)));
}

/* A date in figures at text[p] ("12/04/2024", "5.11.23", "2024-04-12"),
 * before n: where it ends, or 0 */
static gsize
numeric_date_at (const char *text,
                 gsize       n,
                 gsize       p)
{
  gsize q = p;
  guint groups = 0;
  char sep = 0;

  while (q < n && groups < 3)
    {
      gsize d = q;

      while (q < n && q - d < 4 && g_ascii_isdigit (text[q]))
        q++;
      if (q == d || (q < n && g_ascii_isdigit (text[q])))
        return 0;
      groups++;
      if (groups == 3)
        break;
      if (q >= n || (text[q] != '/' && text[q] != '.' && text[q] != '-') ||
          (sep != 0 && text[q] != sep))
        return 0;
      sep = text[q++];
    }
  return groups == 3 ? q : 0;
}

/* Token i, an everyday word with a capital ("Adz"), starts a line
 * before a colon or a time and a colon, and so does the same word on
 * another line: it is who speaks */
static gboolean
speaks_again (const Ctx *c,
              guint      i)
{
  guint n = 0;

  if (c->type[i] != NULL || !c->t[i].cap || c->t[i].upper || c->t[i].end - c->t[i].start < 3 ||
      (c->t[i].bits & (G_STOP | G_HEADER | G_TITLE | G_KIN | G_VERB | G_PREP | G_NAME_ROLE |
                       G_CUE)))
    return FALSE;
  for (guint k = 0; k < c->len && n < 2; k++)
    {
      gsize e = c->t[k].full_end, p;

      if (c->t[k].hash != c->t[i].hash || !c->t[k].sentence ||
          (k > 0 && memchr (c->text + c->t[k - 1].full_end, '\n',
                            c->t[k].start - c->t[k - 1].full_end) == NULL))
        continue;
      if ((e < c->n && c->text[e] == ':') ||
          (e + 1 < c->n && c->text[e] == ' ' && (p = clock_time_at (c->text, c->n, e + 1)) > 0 &&
           p < c->n && c->text[p] == ':'))
        n++;
    }
  return n >= 2;
}

/* Who speaks in a chat log: "[22:41] kels: u up", "Kamil 14:22: bro",
 * one or two words at the start of a line, next to the time. */
static void
detect_speakers (Ctx *c)
{
  gsize prev_end = 0;

  for (guint i = 0; i < c->len; prev_end = c->t[i].full_end, i++)
    {
      const Token *t = &c->t[i];
      gsize ls, p, e;
      gboolean stamped = FALSE;
      guint last = i;

      if (!t->sentence ||
          (i > 0 && memchr (c->text + prev_end, '\n', t->start - prev_end) == NULL))
        continue;
      ls = t->start;
      while (ls > prev_end && c->text[ls - 1] != '\n')
        ls--;
      p = ls;
      if (p < t->start && c->text[p] == '[')
        p++;
      if (p < t->start)
        {
          gsize q;

          /* a chat export's date first: "12/04/2024, 22:14 - Mia:", "[05.11.23 23:02] Dom:" */
          if (g_ascii_isdigit (c->text[p]) && (q = numeric_date_at (c->text, t->start, p)) > 0)
            {
              p = q;
              if (p < t->start && c->text[p] == ',')
                p++;
              if (p < t->start && c->text[p] == ' ')
                p++;
            }
          q = clock_time_at (c->text, c->n, p);
          if (q == 0)
            continue;
          if (q < c->n && c->text[q] == ']')
            q++;
          else if (q + 3 < c->n && c->text[q] == ' ' && c->text[q + 1] == '-' && c->text[q + 2] == ' ')
            q += 2;
          if (q + 1 != t->start || c->text[q] != ' ')
            continue;
          stamped = TRUE;
        }
      if (t->initial || (!speaker_word (c, i) && !speaks_again (c, i)))
        continue;
      for (guint k = 0; k < 2; k++, last++)
        {
          e = c->t[last].full_end;
          if (stamped ? (e < c->n && c->text[e] == ':')
                      : (e + 1 < c->n && c->text[e] == ' ' &&
                         (p = clock_time_at (c->text, c->n, e + 1)) > 0 && p < c->n &&
                         c->text[p] == ':'))
            {
              mark (c, i, last, type_person);
              break;
            }
          if (last + 1 >= c->len || !gap_spaces (c, last) || !speaker_word (c, last + 1))
            break;
        }
    }
}

/* The areas of the police forces of the United Kingdom, as a force is
 * named: "Suffolk police", "north wales police". Two words when the
 * second alone would name a town or a nation. */
static const char *const force_areas[] = {
  "avon", "somerset", "bedfordshire", "cambridgeshire", "cheshire", "cleveland", "cumbria",
  "derbyshire", "devon", "cornwall", "dorset", "durham", "dyfed-powys", "powys", "essex",
  "gloucestershire", "gwent", "hampshire", "hertfordshire", "humberside", "kent", "lancashire",
  "leicestershire", "lincolnshire", "merseyside", "metropolitan", "met", "norfolk",
  "northamptonshire", "northumbria", "nottinghamshire", "staffordshire", "suffolk", "surrey",
  "sussex", "warwickshire", "wiltshire", "yorkshire", "midlands", "mercia", "valley",
  "transport",
};

/* Tokens first to i - 1 name a police force's area: "Kent" in "Kent
 * Police", "North Wales" in "north wales police"; the first of them, or i */
static guint
force_area_before (const Ctx *c,
                   guint      i)
{
  guint first = i;
  gboolean known = FALSE;

  if (i == 0 || !gap_spaces (c, i - 1))
    return i;
  for (guint k = 0; k < G_N_ELEMENTS (force_areas) && !known; k++)
    known = token_is (c, i - 1, force_areas[k]);
  first = i - 1;
  /* "West Yorkshire", "North Wales", "Greater Manchester", "Avon and Somerset" */
  if (first > 0 && gap_spaces (c, first - 1) &&
      (token_is (c, first - 1, "north") || token_is (c, first - 1, "south") ||
       token_is (c, first - 1, "west") || token_is (c, first - 1, "east") ||
       token_is (c, first - 1, "greater") || token_is (c, first - 1, "thames") ||
       token_is (c, first - 1, "british")))
    {
      first--;
      known = known || token_is (c, i - 1, "wales") || token_is (c, i - 1, "manchester");
    }
  else if (first > 1 && gap_spaces (c, first - 2) && gap_spaces (c, first - 1) &&
           is_and (c, first - 1) && (token_is (c, first - 2, "avon") || token_is (c, first - 2, "devon")))
    first -= 2;
  /* "Cornwall Police", "Powys Police": a force's name, capitalised whole */
  if (!known && c->t[i].cap)
    {
      known = TRUE;
      for (guint k = first; k < i && known; k++)
        known = capish (&c->t[k]) || is_and (c, k);
    }
  return known ? first : i;
}

/* Does token i end a body of the health service: "… Health Board", "… NHS
 * Trust", "… NHS Foundation Trust", "… Health and Social Care Trust", "…
 * ICB"? */
static gboolean
health_body_end (const Ctx *c,
                 guint      i)
{
  /* "Cambridgeshire and Peterborough ICB": an integrated care board */
  if (c->t[i].upper && token_is (c, i, "icb"))
    return TRUE;
  if (!word_in (c, i, W_BOARD, W_TRUST))
    return FALSE;
  if (!word_in (c, i, W_TRUST, W_TRUST))
    return token_is (c, i - 1, "health") && gap_spaces (c, i - 1);
  if (i > 1 && token_is (c, i - 1, "foundation") && gap_spaces (c, i - 1))
    i--;
  return (token_is (c, i - 1, "nhs") && gap_spaces (c, i - 1)) ||
         (i > 3 && token_is (c, i - 1, "care") && token_is (c, i - 2, "social") &&
          is_and (c, i - 3) && token_is (c, i - 4, "health"));
}

/* Is token i a word that ends the name of a team of an agency ("Team",
 * "Unit", "Squad")? */
static gboolean
team_word (const Ctx *c,
           guint      i)
{
  return word_in (c, i, W_TEAM, W_COMMAND);
}

/* A day of the month (1–31) written in digits that ends at p, preceded by
 * a space or line start; its start, or G_MAXSIZE. */
static gsize
day_number_before (const Ctx *c,
                   gsize      p)
{
  gsize q = p;
  guint day = 0;

  while (q > 0 && p - q < 2 && g_ascii_isdigit (c->text[q - 1]))
    q--;
  if (q == p || (q > 0 && !g_ascii_isspace (c->text[q - 1]) && c->text[q - 1] != '('))
    return G_MAXSIZE;
  for (gsize k = q; k < p; k++)
    day = day * 10 + (guint) (c->text[k] - '0');
  return day >= 1 && day <= 31 ? q : G_MAXSIZE;
}

/* Is token i a month, in a date: "10 Medi 2025", "Fri 5 Sept", "Jan
 * 2024", "since Aug"? */
static gboolean
month_in_date (const Ctx *c,
               guint      i)
{
  const Token *t = &c->t[i];
  gsize day, e = t->full_end;
  gboolean year_after, short_month = word_in (c, i, W_JAN, W_DEC);

  if (e < c->n && c->text[e] == '.')
    e++;
  year_after = e + 5 <= c->n && c->text[e] == ' ' &&
               (c->text[e + 1] == '1' || c->text[e + 1] == '2') &&
               g_ascii_isdigit (c->text[e + 2]) && g_ascii_isdigit (c->text[e + 3]) &&
               g_ascii_isdigit (c->text[e + 4]) &&
               (e + 5 == c->n || !g_ascii_isalnum (c->text[e + 5]));
  /* "Charged Aug.", "Jan-24": short forms no one is called ("Jan", "Jun",
   * "Jul" and "Dec" are names too) */
  if (short_month && !t->upper &&
      (word_in (c, i, W_FEB, W_APR) || word_in (c, i, W_AUG, W_NOV) ||
       (e + 2 < c->n && c->text[e] == '-' && g_ascii_isdigit (c->text[e + 1]) &&
        g_ascii_isdigit (c->text[e + 2]))))
    return TRUE;
  /* "Jan 2024", "since Aug": a month's short form, but "Jan Kowalski" */
  if (short_month && !t->upper &&
      (year_after ||
       (i > 0 && gap_spaces (c, i - 1) && c->t[i - 1].lower &&
        (token_is (c, i - 1, "in") || token_is (c, i - 1, "since") ||
         token_is (c, i - 1, "from") || token_is (c, i - 1, "until") ||
         token_is (c, i - 1, "till") || token_is (c, i - 1, "by") ||
         token_is (c, i - 1, "early") || token_is (c, i - 1, "late") ||
         token_is (c, i - 1, "mid") || token_is (c, i - 1, "end") ||
         token_is (c, i - 1, "last") || token_is (c, i - 1, "next")))))
    return TRUE;
  if (t->start < 2 || c->text[t->start - 1] != ' ' ||
      (day = day_number_before (c, t->start - 1)) == G_MAXSIZE)
    return FALSE;
  /* a year after it */
  if (year_after)
    return TRUE;
  /* a short month after a day's number; a weekday before the number */
  return short_month ||
         (i > 0 && c->t[i - 1].full_end + 1 == day && word_in (c, i - 1, W_MON, W_SUN));
}

/* Do the three letters at s start a month's name ("Jan", "aug")? */
static gboolean
month_prefix (const char *s)
{
  static const char months[] = "janfebmaraprmayjunjulaugsepoctnovdec";

  for (guint m = 0; m < 12; m++)
    if (g_ascii_strncasecmp (s, months + 3 * m, 3) == 0)
      return TRUE;
  return FALSE;
}

/* What names no one: an operation's or a project's code name ("Operation
 * Linden", "Project Phoenix") and guidance named after a case ("Fraser
 * guidelines", "Gillick competence").
 * Marked first, so that no rule takes these words for a person or a
 * place. A police force's name ("Derbyshire police") still names its
 * county, so it is left to the rules for places. */
static void
detect_non_names (Ctx *c)
{
  guint64 ops[8];
  guint n_ops = 0;

  for (guint i = 0; i < c->len; i++)
    {
      const Token *t = &c->t[i];

      if (capish (t) && word_in (c, i, W_OPERATION, W_PROJECT) &&
          gap_spaces (c, i) && capish (&c->t[i + 1]))
        {
          guint last = i + 1;

          if (last + 1 < c->len && gap_spaces (c, last) && capish (&c->t[last + 1]) &&
              c->t[last + 1].upper == c->t[last].upper &&
              !(c->t[last + 1].bits & (G_STOP | G_CUE | G_CUE_START | G_STREET)))
            last++;
          mark (c, i + 1, last, type_none);
          /* "Operation Harrier", then "the URN for Harrier" */
          if (last == i + 1 && n_ops < G_N_ELEMENTS (ops) && !word_in (c, i, W_PROJECT, W_PROJECT))
            ops[n_ops++] = c->t[i + 1].hash;
          i = last;
          continue;
        }
      /* "Resident 2", "Participant 14", "Survivor 3": a word of the
       * language and a number, a label a review gives someone; not a name
       * nor a place ("Leeds 6") */
      if (t->cap && !t->upper && (t->bits & G_ENGLISH) && !t->poss &&
          !(t->bits & (G_FIRST | G_SUR | G_PLACE | G_PLACE_START | G_TITLE)) &&
          t->full_end + 2 < c->n && c->text[t->full_end] == ' ' &&
          g_ascii_isdigit (c->text[t->full_end + 1]) && c->type[i] == NULL &&
          /* ("Number 9", "Unit 4": a home's or a business's name) */
          !token_is (c, i, "number") && !token_is (c, i, "unit") && !token_is (c, i, "studio"))
        {
          gsize e = t->full_end + 1;

          while (e < c->n && e < t->full_end + 4 && g_ascii_isdigit (c->text[e]))
            e++;
          if (e >= c->n || !(g_ascii_isalnum (c->text[e]) || c->text[e] == '/' ||
                             c->text[e] == '.' || c->text[e] == ':' || c->text[e] == '-'))
            {
              mark (c, i, i, type_none);
              continue;
            }
        }
      /* "the Freedom of Information Act 2000", "the Youth Justice and
       * Criminal Evidence Act 1999", "the Family Procedure Rules 2010": a
       * law's title, capitalised words before "Act", "Rules" or
       * "Regulations" and a year, or after "the" */
      if (t->cap && !t->upper && c->type[i] == NULL && i > 0 &&
          (token_is (c, i, "act") || token_is (c, i, "rules") || token_is (c, i, "regulations")) &&
          capish (&c->t[i - 1]) && gap_spaces (c, i - 1))
        {
          guint first = i;
          gsize e = t->full_end;
          gboolean year = e + 5 <= c->n && c->text[e] == ' ' &&
                          (strncmp (c->text + e + 1, "19", 2) == 0 ||
                           strncmp (c->text + e + 1, "20", 2) == 0) &&
                          g_ascii_isdigit (c->text[e + 3]) && g_ascii_isdigit (c->text[e + 4]);

          while (first > 0 && i - first < 10 && gap_spaces (c, first - 1) &&
                 (capish (&c->t[first - 1]) ||
                  (c->t[first - 1].lower && (token_is (c, first - 1, "of") ||
                                             is_and (c, first - 1) ||
                                             token_is (c, first - 1, "for")) &&
                   first > 1 && capish (&c->t[first - 2]))) &&
                 !token_is (c, first - 1, "the"))
            first--;
          if (first < i && (year || (first > 0 && token_is (c, first - 1, "the") &&
                                     gap_spaces (c, first - 1))))
            {
              for (guint k = first; k <= i; k++)
                if (c->type[k] == NULL)
                  c->type[k] = type_none;
              continue;
            }
        }
      /* "Jan-Aug", "Mar-May": a span of months */
      if (t->cap && t->ascii && t->end - t->start >= 7 && t->end - t->start <= 9 &&
          c->text[t->start + 3] == '-' && month_prefix (c->text + t->start) &&
          month_prefix (c->text + t->start + 4))
        {
          mark (c, i, i, type_none);
          continue;
        }
      /* "closed with Grace", "said grace": a prayer */
      if (token_is (c, i, "grace") && c->type[i] == NULL && i > 0 && gap_spaces (c, i - 1) &&
          c->t[i - 1].lower &&
          (token_is (c, i - 1, "said") || token_is (c, i - 1, "say") ||
           (token_is (c, i - 1, "with") && i > 1 && gap_spaces (c, i - 2) &&
            (token_is (c, i - 2, "closed") || token_is (c, i - 2, "opened") ||
             token_is (c, i - 2, "ended") || token_is (c, i - 2, "began") ||
             token_is (c, i - 2, "started")))))
        {
          mark (c, i, i, type_none);
          continue;
        }
      /* "Bath and a hot meal first": a town that is a word, first in a
       * sentence, before "and" and a word in lower case */
      if (t->sentence && t->cap && !t->upper && (t->bits & G_PLACE) && (t->bits & G_ENGLISH) &&
          c->type[i] == NULL && i + 2 < c->len && gap_spaces (c, i) && is_and (c, i + 1) &&
          c->t[i + 1].lower && gap_spaces (c, i + 1) && c->t[i + 2].lower &&
          (c->t[i + 2].bits & (G_ENGLISH | G_STOP)))
        {
          mark (c, i, i, type_none);
          continue;
        }
      /* "(CPC Chair)", "MASH Lead": a body's letters before a post in it */
      if (t->upper && t->ascii && c->type[i] == NULL && t->end - t->start >= 2 &&
          t->end - t->start <= 5 && i + 1 < c->len && gap_spaces (c, i) && c->t[i + 1].cap &&
          !c->t[i + 1].upper &&
          (token_is (c, i + 1, "chair") || token_is (c, i + 1, "chairperson") ||
           token_is (c, i + 1, "lead") || token_is (c, i + 1, "manager") ||
           token_is (c, i + 1, "coordinator") || token_is (c, i + 1, "secretary") ||
           token_is (c, i + 1, "rep") || token_is (c, i + 1, "representative")))
        {
          mark (c, i, i + 1, type_none);
          i++;
          continue;
        }
      /* "Senior Practitioner", "Deputy Manager", "Senior Social Worker",
       * "Designated Safeguarding Lead": a job's title */
      if (capish (t) && !t->upper && c->type[i] == NULL && i + 1 < c->len && gap_spaces (c, i) &&
          (word_in (c, i, W_SENIOR, W_SENIOR) || token_is (c, i, "principal") ||
           token_is (c, i, "assistant") || word_in (c, i, W_DEPUTY, W_DEPUTY) ||
           token_is (c, i, "designated") || token_is (c, i, "named")))
        {
          static const char *const jobs[] = {
            "practitioner", "officer", "manager", "lecturer", "analyst", "caseworker", "nurse",
            "worker", "teacher", "head", "lead", "coordinator", "co-ordinator", "adviser",
            "advisor", "investigator", "solicitor", "psychologist", "therapist", "director",
            "consultant", "headteacher", "leader",
          };
          static WordSet jobs_set = WORD_SET (jobs);
          guint k = i + 1;

          while (k < c->len && k < i + 3 && capish (&c->t[k]) && !c->t[k].upper &&
                 !token_in (c, k, &jobs_set) && gap_spaces (c, k) &&
                 !(c->t[k].bits & (G_FIRST_POP | G_SUR_POP)))
            k++;
          if (k < c->len && capish (&c->t[k]) && token_in (c, k, &jobs_set))
            {
              mark (c, i, k, type_none);
              i = k;
              continue;
            }
        }
      /* "a red Seat Leon", "his Kia Rio": after a car's make, its model is
       * no name; "Rugby Union" is a sport, not the town */
      if (capish (t) && i + 1 < c->len && gap_spaces (c, i) && capish (&c->t[i + 1]) &&
          c->type[i + 1] == NULL && !c->t[i + 1].initial &&
          ((word_in (c, i, W_FORD, W_JEEP) && !(c->t[i + 1].bits & (G_STREET | G_CUE)) &&
            /* "Ford Smith", a man called Ford: no title or verb before */
            i > 0 && !(c->t[i - 1].bits & (G_TITLE | G_VERB | G_PREP)) && c->t[i - 1].lower) ||
           (token_is (c, i, "rugby") && word_in (c, i + 1, W_UNION, W_LEAGUE))))
        {
          guint first = token_is (c, i, "rugby") ? i : i + 1;

          mark (c, first, i + 1, type_none);
          i++;
          continue;
        }
      /* "Birmingham Children's Trust": a city's public body, as its police
       * force, names no one place */
      if (t->cap && i > 0 && c->type[i - 1] == NULL && capish (&c->t[i - 1]) &&
          gap_spaces (c, i - 1) && t->poss && token_is (c, i, "children") &&
          gap_spaces (c, i) && token_is (c, i + 1, "trust") && c->t[i + 1].cap &&
          !(c->t[i - 1].bits & (G_STOP | G_TITLE)))
        {
          mark (c, i - 1, i - 1, type_none);
          continue;
        }
      /* "Betsi Cadwaladr University Health Board", "Leeds Teaching Hospitals
       * NHS Trust", "Belfast Health and Social Care Trust", "NHS Lothian":
       * the health service's bodies name no one place */
      if (t->cap && i > 0 && c->type[i] == NULL && health_body_end (c, i))
        {
          guint first = i;

          while (first > 0 && first + 6 > i && gap_spaces (c, first - 1) &&
                 c->type[first - 1] == NULL &&
                 ((capish (&c->t[first - 1]) && !(c->t[first - 1].bits & G_TITLE)) ||
                  (is_and (c, first - 1) && first > 1 && capish (&c->t[first - 2]))))
            first--;
          mark (c, first, i, type_none);
          continue;
        }
      if (t->upper && token_is (c, i, "nhs") && i + 1 < c->len && gap_spaces (c, i) &&
          c->t[i + 1].cap && c->type[i + 1] == NULL && !health_body_end (c, i + 1) &&
          !token_is (c, i + 1, "foundation") &&
          !(c->t[i + 1].bits & (G_CUE | G_CUE_START | G_WEAK_CUE)) &&
          !token_is (c, i + 1, "number") && !token_is (c, i + 1, "no"))
        {
          /* "NHS Ayrshire & Arran", "NHS Greater Glasgow and Clyde" */
          guint last = i + 1;

          for (;;)
            if (last + 1 < c->len && last < i + 5 && gap_is (c, last, " & ") &&
                c->t[last + 1].cap && c->type[last + 1] == NULL)
              last++;
            else if (last + 2 < c->len && last < i + 5 && gap_spaces (c, last) &&
                     is_and (c, last + 1) && gap_spaces (c, last + 1) && c->t[last + 2].cap &&
                     (c->type[last + 2] == NULL || c->type[last + 2] == type_person) &&
                     /* "and Clyde", "and Galloway": a river, a surname, but no one's name */
                     !(c->t[last + 2].bits & (G_STOP | G_TITLE)) &&
                     !((c->t[last + 2].bits & G_FIRST_POP) && last + 3 < c->len &&
                       gap_spaces (c, last + 2) && capish (&c->t[last + 3])))
              last += 2;
            else if (last + 1 < c->len && last < i + 5 && gap_spaces (c, last) &&
                     c->t[last + 1].cap && c->type[last + 1] == NULL &&
                     (c->t[last + 1].bits & G_PLACE) && !(c->t[last + 1].bits & G_CUE))
              last++;
            else
              break;
          mark (c, i + 1, last, type_none);
          i = last;
          continue;
        }
      /* "Slough Children First", "Doncaster Children's Services Trust", the
       * belfast trust: a town's children's company or health trust */
      if ((t->bits & (G_PLACE | G_PLACE_START)) && !(t->bits & G_STOP))
        {
          guint k = i + 1;

          if (k < c->len && gap_spaces (c, i) && c->type[i] == NULL &&
              (token_is (c, k, "trust") ||
               (token_is (c, k, "children") && k + 1 < c->len && gap_spaces (c, k) &&
                (token_is (c, k + 1, "first") ||
                 (c->t[k].poss && token_is (c, k + 1, "services") && k + 2 < c->len &&
                  token_is (c, k + 2, "trust"))))))
            {
              mark (c, i, i, type_none);
              continue;
            }
        }
      /* "Major Crime Review Team", "Public Protection Unit": a team of
       * English words names no one; "Brookfield Pupil Referral Unit" is
       * named, and a school */
      if (capish (t) && !t->upper && c->type[i] == NULL && (t->bits & G_ENGLISH) &&
          !(t->bits & (G_TITLE | G_CUE | G_CUE_START)) &&
          !(i > 0 && gap_spaces (c, i - 1) && capish (&c->t[i - 1])))
        {
          guint k = i + 1;

          while (k < c->len && k < i + 4 && gap_spaces (c, k - 1) && capish (&c->t[k]) &&
                 !c->t[k].upper && (c->t[k].bits & G_ENGLISH) &&
                 !(c->t[k].bits & (G_CUE | G_CUE_START)) && !team_word (c, k))
            k++;
          if (k > i && k < c->len && k < i + 5 && gap_spaces (c, k - 1) && c->t[k].cap &&
              team_word (c, k))
            {
              mark (c, i, k - 1, type_none);
              i = k;
              continue;
            }
        }
      /* "Fri 5 Sept", "10 Medi 2025": a month between a day's number and a
       * year, or after a weekday and a day's number, in any language */
      if (capish (t) && c->type[i] == NULL && month_in_date (c, i))
        {
          mark (c, i, i, type_none);
          continue;
        }
      /* A chat group's name in quotes: 'WhatsApp group "Sound Crew"', 'a
       * group chat called "The Block"' */
      if (t->lower && (token_is (c, i, "group") || token_is (c, i, "groupchat") ||
                       token_is (c, i, "channel") ||
                       ((token_is (c, i, "called") || token_is (c, i, "named")) && i > 0 &&
                        (token_is (c, i - 1, "chat") || token_is (c, i - 1, "group") ||
                         token_is (c, i - 1, "groupchat") || token_is (c, i - 1, "page") ||
                         token_is (c, i - 1, "account") || token_is (c, i - 1, "channel") ||
                         token_is (c, i - 1, "server")))))
        {
          gsize q = t->full_end, ql;

          while (q < c->n && c->text[q] == ' ')
            q++;
          if (q < c->n && (ql = quote_at (c, q, FALSE)) > 0)
            {
              guint k = i + 1;
              gboolean words = TRUE;

              /* English words, not a person's name in quotes */
              while (k < c->len && k < i + 5 && c->t[k].start >= q + ql &&
                     (k == i + 1 || quote_at (c, c->t[k - 1].full_end, TRUE) == 0) &&
                     capish (&c->t[k]))
                {
                  if (!(c->t[k].bits & G_ENGLISH) || (c->t[k].bits & (G_FIRST_POP | G_SUR_POP)))
                    words = FALSE;
                  k++;
                }
              for (guint m = i + 1; words && m < k; m++)
                if (c->type[m] == NULL)
                  c->type[m] = type_none;
              i = k - 1;
              continue;
            }
        }
      /* A police force's area names no one place: "Kent Police", "Greater
       * Manchester Combined Authority"; "at Croydon police station" does */
      if (i > 0 && c->type[i - 1] == NULL &&
          (((t->bits & G_COUNCIL) &&
            (token_is (c, i, "police") || token_is (c, i, "constabulary"))) ||
           (t->cap && word_in (c, i, W_COMBINED, W_COMBINED) && token_is (c, i + 1, "authority"))))
        {
          guint first = force_area_before (c, i);

          if (first < i)
            mark (c, first, i - 1, type_none);
          continue;
        }
      /* "for the LA", "the DSL said": capitals after "the" are a body or a
       * role, no one's initials */
      if (t->upper && t->end - t->start <= 3 && c->type[i] == NULL && i > 0 &&
          gap_spaces (c, i - 1) && c->t[i - 1].lower && token_is (c, i - 1, "the") &&
          !(t->bits & (G_PUB | G_PUB_START | G_CUE | G_CUE_START)))
        {
          mark (c, i, i, type_none);
          continue;
        }
      /* "on Tue", "meeting Wed.", "next Fri": a day after a word of time */
      if (capish (t) && !t->upper && c->type[i] == NULL && i > 0 && gap_spaces (c, i - 1) &&
          c->t[i - 1].lower && word_in (c, i, W_MON, W_SUN) && !word_in (c, i, W_SUN, W_SUN) &&
          (token_is (c, i - 1, "on") || token_is (c, i - 1, "next") ||
           token_is (c, i - 1, "last") || token_is (c, i - 1, "every") ||
           token_is (c, i - 1, "this") || token_is (c, i - 1, "until") ||
           token_is (c, i - 1, "meeting") || token_is (c, i - 1, "by") ||
           token_is (c, i - 1, "from") || token_is (c, i - 1, "since") ||
           /* "update Mon.", "review Thu" */
           (t->end - t->start == 3 &&
            (t->full_end >= c->n || strchr (".;,)\n", c->text[t->full_end]) != NULL))))
        {
          mark (c, i, i, type_none);
          continue;
        }
      /* "Mon: absent", "Sat 14:00", "Thu — drop-in": the days of a log */
      if (capish (t) && c->type[i] == NULL && t->full_end < c->n &&
          (c->text[t->full_end] == ':' ||
           (c->text[t->full_end] == ' ' && t->full_end + 1 < c->n &&
            (g_ascii_isdigit (c->text[t->full_end + 1]) ||
             (t->sentence && (c->text[t->full_end + 1] == '-' ||
                              (t->full_end + 3 < c->n &&
                               (guchar) c->text[t->full_end + 1] == 0xE2 &&
                               (guchar) c->text[t->full_end + 2] == 0x80 &&
                               ((guchar) c->text[t->full_end + 3] == 0x93 ||
                                (guchar) c->text[t->full_end + 3] == 0x94))))))) &&
          word_in (c, i, W_MON, W_SUN))
        {
          mark (c, i, i, type_none);
          continue;
        }
      if (capish (t) && !t->upper && gap_spaces (c, i) && c->t[i + 1].lower &&
          word_in (c, i + 1, W_GUIDELINES, W_RULING))
        mark (c, i, i, type_none);
    }
  for (guint i = 0; i < c->len && n_ops > 0; i++)
    if (c->type[i] == NULL && capish (&c->t[i]))
      for (guint k = 0; k < n_ops; k++)
        if (ops[k] == c->t[i].hash)
          c->type[i] = type_none;
}

/* One stretch of text, at most a few kB, ending at a line break. */
/* The token that starts at p, or that ends at p; or len */
static guint
token_at (const Token *t,
          guint        len,
          gsize        p,
          gboolean     ending)
{
  guint lo = 0, hi = len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if ((ending ? t[mid].full_end : t[mid].start) < p)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo < len && (ending ? t[lo].full_end : t[lo].start) == p ? lo : len;
}

/* Marks the words next to addresses and postcodes found by the patterns
 * (anchors: positions, sorted, odd for a postcode's start) */
static void
mark_near (Ctx         *c,
           const gsize *anchors,
           guint        n_anchors)
{
  guint lo = 0, hi = n_anchors;

  /* the first anchor in this stretch */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (anchors[mid] / 2 < c->offset)
        lo = mid + 1;
      else
        hi = mid;
    }
  for (guint a = lo; a < n_anchors && anchors[a] / 2 <= c->offset + c->n; a++)
    {
      gsize p = anchors[a] / 2 - c->offset;
      guint k;

      if (anchors[a] & 1)
        {
          /* "Hull HU1 2AB", "Beeston, NG9 3FL" */
          while (p > 0 && c->text[p - 1] == ' ')
            p--;
          if (p > 0 && c->text[p - 1] == ',')
            p--;
          if ((k = token_at (c->t, c->len, p, TRUE)) < c->len)
            c->near[k] |= NEAR_BEFORE_POSTCODE;
          continue;
        }
      /* "12 Clover Street, Reading" */
      if (p >= c->n || c->text[p] != ',')
        continue;
      p++;
      while (p < c->n && c->text[p] == ' ')
        p++;
      if ((k = token_at (c->t, c->len, p, FALSE)) < c->len)
        {
          c->near[k] |= NEAR_AFTER_ADDRESS;
          /* "Flat 9, Humber View House, Wincolmlee, Hull": a district, then the town */
          if (k + 1 < c->len && c->t[k].start == p && c->t[k].cap && gap_is (c, k, ", ") &&
              c->t[k + 1].cap)
            c->near[k + 1] |= NEAR_AFTER_ADDRESS;
        }
    }
}

/* A licence, badge or plate number at text[i]: one to four capitals, a
 * space or hyphen perhaps, three to six digits, perhaps a letter ("DB04417",
 * "PH 552", "HCV-0419"); returns its end, or 0. */
static gsize
scan_licence_code (const char *text,
                   gsize       n,
                   gsize       i)
{
  gsize p = i, d;
  char buf[4];

  if (i > 0 && (g_ascii_isalnum (text[i - 1]) || strchr ("/-.@_", text[i - 1]) != NULL))
    return 0;
  while (p < n && p - i < 5 && g_ascii_isupper (text[p]))
    p++;
  if (p == i || p - i > 4)
    return 0;
  for (gsize q = i; q < p; q++)
    buf[q - i] = g_ascii_tolower (text[q]);
  /* "YP 123" is a role */
  if (p - i >= 2 && (table_get (finish_hash (fnv_feed (FNV_OFFSET, buf, p - i))) & G_NAME_ROLE))
    return 0;
  /* "PH/OP/0123": more groups of capitals */
  for (guint groups = 0; groups < 3 && p + 1 < n && (text[p] == '/' || text[p] == '-') &&
                         g_ascii_isupper (text[p + 1]); groups++)
    {
      gsize q = p + 1;

      while (q < n && q - p <= 5 && g_ascii_isupper (text[q]))
        q++;
      if (q - p > 5)
        return 0;
      p = q;
    }
  if (p + 1 < n && (text[p] == ' ' || text[p] == '-' || text[p] == '/') &&
      g_ascii_isdigit (text[p + 1]))
    p++;
  d = p;
  while (p < n && p - d < 7 && g_ascii_isdigit (text[p]))
    p++;
  if (p - d < 3 || p - d > 6)
    return 0;
  /* "JULY 2022": a year after a word */
  if (d > i && text[d - 1] == ' ' && p - d == 4 &&
      ((text[d] == '1' && text[d + 1] == '9') || (text[d] == '2' && text[d + 1] == '0')))
    return 0;
  if (p < n && g_ascii_isupper (text[p]))
    p++;
  if (p < n && (g_ascii_isalnum (text[p]) || text[p] == '_' || text[p] == '@' ||
                ((text[p] == '/' || text[p] == '-' || text[p] == '.') && p + 1 < n &&
                 g_ascii_isalnum (text[p + 1]))))
    return 0;
  return p;
}

static gboolean
table_row_cells (const char *text,
                 gsize       ls,
                 gsize       le,
                 char       *sep,
                 guint      *cells)
{
  for (guint k = 0; k < 2; k++)
    {
      char s = "|\t"[k];
      guint c = 0;

      for (gsize p = ls; p < le; p++)
        c += text[p] == s;
      if (c >= 2)
        {
          *sep = s;
          *cells = c;
          return TRUE;
        }
    }
  return FALSE;
}

/* Taxi drivers' badges and licences, and their cars' plates, are numbered
 * without a keyword just before the number: on a line that speaks of a
 * badge, a licence or a plate, or in the rows of a table under such a
 * heading, a code of capitals and digits is one. Offence codes and
 * paragraphs elsewhere stay. */
static void
detect_licence_codes (Ctx *c)
{
  gsize done = 0;

  for (guint i = 0; i < c->len; i++)
    {
      gsize ls, le;
      char sep = 0;
      guint cells = 0;
      gboolean rows;
      char ch = (char) (c->text[c->t[i].start] | 0x20);

      if ((ch != 'b' && ch != 'l' && ch != 'p' && ch != 'h') ||
          !word_in (c, i, W_BADGE, W_HIRE) ||
          (word_in (c, i, W_HIRE, W_HIRE) && !(i > 0 && token_is (c, i - 1, "private"))))
        continue;
      /* "badge number 4471", "licence no. 2290", "plate 118": digits alone
       * right after the word */
      {
        gsize p = c->t[i].full_end, d;

        for (guint k = 0; k < 2; k++)
          {
            static const char *const words[] = { "number", "no", "num" };

            while (p < c->n && c->text[p] == ' ')
              p++;
            for (guint w = 0; w < G_N_ELEMENTS (words); w++)
              {
                gsize l = strlen (words[w]);

                if (p + l < c->n && g_ascii_strncasecmp (c->text + p, words[w], l) == 0 &&
                    !g_ascii_isalpha (c->text[p + l]))
                  {
                    p += l;
                    break;
                  }
              }
            if (p < c->n && strchr (".:#", c->text[p]) != NULL)
              p++;
          }
        while (p < c->n && c->text[p] == ' ')
          p++;
        for (d = p; d < c->n && d - p < 7 && g_ascii_isdigit (c->text[d]); d++)
          ;
        /* not "licensed 2019" */
        if (d - p >= 3 && d - p <= 6 && (d == c->n || !g_ascii_isalnum (c->text[d])) &&
            !(d - p == 4 && (c->text[p] == '1' || c->text[p] == '2') &&
              (c->text[p + 1] == '9' || c->text[p + 1] == '0')) &&
            !(d < c->n && (c->text[d] == '/' || c->text[d] == '.') && d + 1 < c->n &&
              g_ascii_isdigit (c->text[d + 1])))
          {
            SlSpan span = { c->offset + p, c->offset + d, SL_SPAN_REFERENCE };

            g_array_append_val (c->found, span);
          }
      }
      if (c->t[i].start < done)
        continue;
      ls = c->t[i].start;
      while (ls > 0 && c->text[ls - 1] != '\n')
        ls--;
      {
        const char *nl = memchr (c->text + ls, '\n', c->n - ls);

        le = nl != NULL ? (gsize) (nl - c->text) : c->n;
      }
      rows = table_row_cells (c->text, ls, le, &sep, &cells);
      for (;;)
        {
          for (gsize p = ls; p < le; p++)
            if (g_ascii_isupper (c->text[p]))
              {
                gsize e = scan_licence_code (c->text, le, p);

                if (e > 0)
                  {
                    SlSpan span = { c->offset + p, c->offset + e, SL_SPAN_REFERENCE };

                    g_array_append_val (c->found, span);
                    p = e;
                  }
              }
          if (!rows || le >= c->n)
            break;
          /* the next row, if it has as many cells */
          ls = le + 1;
          {
            const char *nl = memchr (c->text + ls, '\n', c->n - ls);
            char s2 = 0;
            guint c2 = 0;

            le = nl != NULL ? (gsize) (nl - c->text) : c->n;
            if (!table_row_cells (c->text, ls, le, &s2, &c2) || s2 != sep || c2 != cells)
              break;
          }
        }
      done = le;
    }
}

/* The capital at text[p] (the first letter of a word or of a part after
 * a hyphen), or 0 if it is none. */
static gunichar
capital_at (const Ctx *c,
            gsize      p)
{
  gunichar u = g_utf8_get_char_validated (c->text + p, (gssize) (c->n - p));

  return u != (gunichar) -1 && u != (gunichar) -2 && g_unichar_isupper (u) ? u : 0;
}

#define MAX_KNOWN_INITIALS 60

/* Two or three letters packed into one number, to compare initials. */
static guint64
pack_initials (const gunichar *u,
               guint           n)
{
  guint64 v = n;

  /* "COD" for Cormac Ó Dálaigh as well as "CÓD": letters without accents */
  for (guint k = 0; k < n; k++)
    {
      gunichar base[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];

      v = (v << 21) | (g_unichar_fully_decompose (u[k], FALSE, base, G_N_ELEMENTS (base)) > 0
                       ? base[0] : u[k]);
    }
  return v;
}

/* Does token i stand for a person by what stands around it, not for the
 * acronym its letters may spell: not after "the" or "her" ("the DS from
 * GMP", "her own SW", "the local MP") or a capitalised word of the
 * language ("Specialist HV"), not a rank before a name ("DS Kenyon"), not before a
 * noun that follows a body's acronym ("CP plan", "MP report"), not a
 * time ("9 AM")? */
static gboolean
initials_stand_alone (const Ctx *c,
                      guint      i)
{
  static const char *const nouns[] = {
    "plan", "plans", "report", "reports", "number", "surgery", "practice", "team", "referral",
    "referrals", "meeting", "meetings", "conference", "register", "case", "cases", "list",
    "office", "staff", "support", "worker", "workers", "check", "checks", "record", "records",
    "officer", "officers", "visit", "visits", "appointment", "appointments", "unit", "notes",
    "level", "rank", "status", "order", "orders",
  };
  static WordSet nouns_set = WORD_SET (nouns);
  gsize b = c->t[i].start;

  /* "the SW", "her own SW", "the local MP", "Specialist HV" */
  if (i > 0 && (determiner (c, i - 1) ||
                (i > 1 && c->t[i - 1].lower && gap_spaces (c, i - 1) && determiner (c, i - 2)) ||
                (capish (&c->t[i - 1]) && !c->t[i - 1].upper && (c->t[i - 1].bits & G_ENGLISH) &&
                 c->type[i - 1] == NULL && gap_spaces (c, i - 1) &&
                 /* "Rang OR." */
                 !token_in (c, i - 1, &contact_set))))
    return FALSE;
  while (b > 0 && c->text[b - 1] == ' ')
    b--;
  if (b > 0 && g_ascii_isdigit (c->text[b - 1]))
    return FALSE;
  if (i + 1 < c->len && gap_spaces (c, i) &&
      (capish (&c->t[i + 1]) || (c->t[i + 1].lower && token_in (c, i + 1, &nouns_set))))
    return FALSE;
  return TRUE;
}

/* Does token i stand where a person stands, as initials do in minutes and
 * logs: before what someone did ("NO took it", "UP spoke to"), before
 * "to" and what they are to do, after "per", "by" or "thanks", joined to
 * other initials by a slash ("AM/UP"), alone in brackets ("(SO)"), or
 * signing a line ("… no photo. AT")? */
static gboolean
person_slot (const Ctx *c,
             guint      i)
{
  const Token *t = &c->t[i];
  gsize b = t->start, e = t->full_end;

  /* ("by fri": a day) */
  if (word_in (c, i, W_MON, W_SUN) || word_in (c, i, W_JAN, W_DEC))
    return FALSE;
  if (i + 1 < c->len && gap_spaces (c, i) && c->t[i + 1].lower &&
      ((c->t[i + 1].bits & G_SVERB) || token_in (c, i + 1, &does_set) ||
       token_in (c, i + 1, &contact_set) || token_is (c, i + 1, "took") ||
       token_is (c, i + 1, "has") || token_is (c, i + 1, "had") || token_is (c, i + 1, "was") ||
       token_is (c, i + 1, "will") || token_is (c, i + 1, "thinks") ||
       token_is (c, i + 1, "can") || token_is (c, i + 1, "here") ||
       (token_is (c, i + 1, "to") && i + 2 < c->len && gap_spaces (c, i + 1) &&
        c->t[i + 2].lower && !determiner (c, i + 2))))
    return TRUE;
  if (i > 0 && gap_spaces (c, i - 1) && c->t[i - 1].lower &&
      (token_is (c, i - 1, "per") || token_is (c, i - 1, "by") || token_is (c, i - 1, "thanks")))
    return TRUE;
  if ((e + 1 < c->n && c->text[e] == '/' && g_ascii_isupper (c->text[e + 1])) ||
      (b > 1 && c->text[b - 1] == '/' && g_ascii_isupper (c->text[b - 2])))
    return TRUE;
  if (b > 0 && c->text[b - 1] == '(' && e < c->n && c->text[e] == ')')
    return TRUE;
  return (e == c->n || c->text[e] == '\n') && b >= 2 && c->text[b - 1] == ' ' &&
         strchr (".!?", c->text[b - 2]) != NULL;
}

/* Initials of a person the note names in full, wherever they stand:
 * "GPD" for Gareth Pugh-Davies, "TÓM" for Tadhg Ó Murchú, "N.I." for
 * Nkechi Ibekwe; two or three capitals, with or without dots. */
static void
detect_initials_of_people (Ctx *c)
{
  guint64 known[MAX_KNOWN_INITIALS];
  guint n_known = 0;

  for (guint i = 0; i < c->len && n_known + 3 <= MAX_KNOWN_INITIALS; i++)
    {
      gunichar all[3], words[3], plain[3];
      guint n_all = 0, n_words = 0, n_plain = 0, last = i, parts = 0;
      gboolean ok = TRUE;

      if (c->type[i] != type_person || c->joined[i])
        continue;
      last = span_end (c, i);
      for (guint k = i; k <= last && ok; k++)
        {
          const Token *t = &c->t[k];
          gunichar u;

          if ((t->bits & G_TITLE) && parts == 0)
            continue;
          if ((t->initial && !(t->bits & G_PARTICLE)) || !(u = capital_at (c, t->start)))
            {
              ok = FALSE;
              break;
            }
          u = g_unichar_toupper (u);
          parts++;
          if (n_words < 3)
            words[n_words++] = u;
          if (!(t->bits & G_PARTICLE) && n_plain < 3)
            plain[n_plain++] = u;
          if (n_all < 3)
            all[n_all++] = u;
          for (gsize q = t->start + 1; q + 1 < t->end; q++)
            if (c->text[q] == '-' && (u = capital_at (c, q + 1)) && n_all < 3)
              all[n_all++] = g_unichar_toupper (u);
        }
      /* only whole names of two or three words: "Gareth Pugh-Davies" */
      if (ok && parts >= 2 && parts <= 3)
        {
          known[n_known++] = pack_initials (words, n_words);
          if (n_all != n_words && n_all >= 2)
            known[n_known++] = pack_initials (all, n_all);
          if (n_plain != n_words && n_plain >= 2)
            known[n_known++] = pack_initials (plain, n_plain);
        }
      i = last;
    }
  if (n_known == 0)
    return;

  for (guint i = 0; i < c->len; i++)
    {
      const Token *t = &c->t[i];
      gunichar u[3];
      guint n_u = 0, last = i;
      gsize dot_end = 0;
      guint64 v;
      gboolean hit = FALSE;

      if (c->type[i] != NULL || !capish (t) || t->poss ||
          (t->bits & (G_TITLE | G_NAME_ROLE | G_KEYWORD)))
        continue;
      if (t->upper && t->end - t->start <= 6)
        {
          /* "GPD", "TÓM", not "NHS" unless someone is so named */
          for (const char *p = c->text + t->start; p < c->text + t->end && n_u < 4;
               p = g_utf8_next_char (p))
            {
              if (n_u == 3)
                {
                  n_u = 4;
                  break;
                }
              u[n_u++] = g_utf8_get_char (p);
            }
          if (n_u > 3 || (t->full_end < c->n && (c->text[t->full_end] == '.' ||
                                                  c->text[t->full_end] == '-')))
            continue;
        }
      else if (t->initial && t->ascii)
        {
          /* "J.S.": the letters after the first are no tokens */
          u[n_u++] = (guchar) c->text[t->start];
          dot_end = t->end;
          while (dot_end + 1 < c->n && c->text[dot_end] == '.' &&
                 g_ascii_isupper (c->text[dot_end + 1]) &&
                 (dot_end + 2 == c->n || !g_ascii_isalnum (c->text[dot_end + 2])) && n_u < 4)
            {
              u[n_u < 3 ? n_u : 2] = (guchar) c->text[dot_end + 1];
              n_u++;
              dot_end += 2;
            }
          if (n_u > 3)
            continue;
          if (dot_end < c->n && c->text[dot_end] == '.')
            dot_end++;
          while (last + 1 < c->len && c->t[last + 1].start < dot_end)
            last++;
        }
      else
        continue;
      if (n_u < 2)
        continue;
      v = pack_initials (u, n_u);
      for (guint k = 0; k < n_known && !hit; k++)
        hit = known[k] == v;
      /* "GP", "NI", "TO" are words of the stop list too: as someone's
       * initials only alone in a table's cell ("| NI | done") or before
       * what they are to do ("GP to send the minutes") */
      if (hit && (t->bits & G_STOP) && dot_end == 0 &&
          /* "09:02 Usha Patel: … UP in Rochdale"; "NO took it" */
          !(person_slot (c, i) && initials_stand_alone (c, i) && !token_is (c, i, "nb") &&
            !token_is (c, i, "ps") && !token_is (c, i, "yp") && !token_is (c, i, "uk")) &&
          !(i + 2 < c->len && gap_spaces (c, i) && token_is (c, i + 1, "to") &&
            gap_spaces (c, i + 1) && c->t[i + 2].lower && (c->t[i + 2].bits & G_ENGLISH) &&
            !determiner (c, i + 2) && !(c->t[i + 2].bits & G_PREP) &&
            /* "the GP to review", "her GP to refer" */
            !(i > 0 && determiner (c, i - 1))))
        {
          gsize b = t->start, a = t->full_end;

          while (b > 0 && c->text[b - 1] == ' ')
            b--;
          while (a < c->n && c->text[a] == ' ')
            a++;
          hit = b > 0 && (c->text[b - 1] == '|' || c->text[b - 1] == '\t') &&
                (a == c->n || c->text[a] == '|' || c->text[a] == '\t' || c->text[a] == '\n');
        }
      /* "NI number" */
      if (hit && last + 1 < c->len &&
          (token_is (c, last + 1, "number") || token_is (c, last + 1, "no") ||
           token_is (c, last + 1, "insurance")))
        hit = FALSE;
      if (hit && dot_end > 0)
        {
          SlSpan span = { c->offset + t->start, c->offset + dot_end, type_person };

          g_array_append_val (c->found, span);
        }
      else if (hit)
        mark (c, i, last, type_person);
      i = last;
    }
}

/* Initials found once as someone's are theirs wherever else they stand
 * alone in the note: "SIR" of "SIR asked" in "FB typing, SIR + AGT
 * present"; but "her GP" and "the GP" are a doctor, whoever GP is. */
static void
propagate_initials (Ctx *c)
{
  guint64 known[32];
  guint n_known = 0;

  for (guint i = 0; i < c->len && n_known < G_N_ELEMENTS (known); i++)
    if (c->type[i] == type_person && (c->t[i].upper || mixed_initials (c, i)) && !c->joined[i] &&
        !(i + 1 < c->len && c->joined[i + 1]) && c->t[i].end - c->t[i].start <= 6)
      {
        gboolean dup = FALSE;

        for (guint k = 0; k < n_known && !dup; k++)
          dup = known[k] == c->t[i].hash;
        if (!dup)
          known[n_known++] = c->t[i].hash;
      }
  for (guint i = 0; i < c->len && n_known > 0; i++)
    {
      const Token *t = &c->t[i];
      gboolean hit = FALSE;

      if (c->type[i] != NULL || !t->upper || t->end - t->start > 6 ||
          (i > 0 && determiner (c, i - 1)) ||
          /* "the local MP", "Specialist HV" */
          ((t->bits & G_STOP) && !initials_stand_alone (c, i)) ||
          (t->full_end < c->n && (c->text[t->full_end] == '.' || c->text[t->full_end] == '-') &&
           t->full_end + 1 < c->n && g_ascii_isalnum (c->text[t->full_end + 1])))
        continue;
      /* "NI number", "GP surgery": a word of the stop list before a noun */
      if ((t->bits & G_STOP) && i + 1 < c->len && gap_spaces (c, i) && c->t[i + 1].lower &&
          !(c->t[i + 1].bits & (G_VERB | G_SVERB)) && !is_and (c, i + 1) &&
          !token_is (c, i + 1, "to"))
        continue;
      for (guint k = 0; k < n_known && !hit; k++)
        hit = known[k] == t->hash;
      if (hit)
        mark (c, i, i, type_person);
    }
}

/* "KM/JT to follow up", "AB/km", "JT and RS": initials joined by a slash,
 * "and", "&" or "+" to someone's initials are someone's too */
static void
initials_partners (Ctx *c)
{
  for (guint i = 0; i + 1 < c->len; i++)
    {
      guint k = i + 1;
      const Token *u;

      if (c->type[i] != type_person || !(c->t[i].upper || mixed_initials (c, i)) ||
          c->t[i].end - c->t[i].start > 5 || (k < c->len && c->joined[k]))
        continue;
      /* "JT and RS": past the "and" */
      if (is_and (c, k) && gap_spaces (c, i) && k + 1 < c->len && gap_spaces (c, k))
        k++;
      else if (!gap_is (c, i, " & ") && !gap_is (c, i, " + ") && !gap_is (c, i, "/"))
        continue;
      u = &c->t[k];
      if (c->type[k] == NULL && u->end - u->start >= 2 && u->end - u->start <= 4 &&
          ((u->upper && !(u->bits & (G_STOP | G_NAME_ROLE | G_TITLE))) ||
           (u->lower && unlisted (u) && gap_is (c, i, "/"))) &&
          (u->full_end >= c->n || !g_ascii_isalnum (c->text[u->full_end])))
        mark (c, k, k, type_person);
    }
}

/* Token i starts its line (after spaces or a bullet) and a colon follows
 * it: a speaker's label ("DS: he picked me up", "- KM: agreed") */
static gboolean
label_of_line (const Ctx *c,
               guint      i)
{
  gsize b = c->t[i].start, e = c->t[i].full_end;

  if (e + 1 >= c->n || c->text[e] != ':')
    return FALSE;
  while (b > 0 && (c->text[b - 1] == ' ' || c->text[b - 1] == '\t' || c->text[b - 1] == '-' ||
                   c->text[b - 1] == '*'))
    b--;
  return (b == 0 || c->text[b - 1] == '\n') && c->text[e + 1] == ' ';
}

/* Is token i written as someone's initials could be, as a speaker's
 * label: up to four capitals that are no word ("JB", "AOK", not "NOTE"
 * or "VENUE"), or capitals with small letters between ("SaG", "LÓDB",
 * "RNíF")? */
static gboolean
speaker_initials (const Ctx *c,
                  guint      i)
{
  const Token *t = &c->t[i];

  if (t->upper)
    return token_chars (c, i) <= 4 && !(t->bits & (G_ENGLISH | G_COMMON));
  return mixed_initials (c, i) || initials_shape (c, i);
}

/* Do other lines of the note start with someone's initials as a
 * speaker's label, other than token i's ("JB:" beside "DS:"): initials
 * found as someone's, or initials of no list? */
static gboolean
speaker_peers (const Ctx *c,
               guint      i)
{
  if (i + 1 < c->len && c->type[i + 1] != NULL && c->type[i + 1] != type_none)
    return FALSE;
  for (guint k = 0; k < c->len; k++)
    if (k != i && !c->joined[k] && c->t[k].end - c->t[k].start <= 8 &&
        c->t[k].hash != c->t[i].hash &&
        (c->type[k] == type_person ||
         (c->type[k] == NULL && !(c->t[k].bits & (G_STOP | G_KEYWORD | G_HEADER | G_NAME_ROLE)))) &&
        speaker_initials (c, k) && label_of_line (c, k))
      return TRUE;
  return FALSE;
}

/* Two capitals that spell an acronym or a word of the stop list ("DR",
 * "DS", "CP", "SW", "GP", "AS") stand for someone where only someone's
 * initials stand:
 * alone in a table's column of who is to act ("| DR |"), alone among the
 * initials of a line of those present ("Present: JB, DS, AS"), signing a
 * note after a dash ("— DS", not a word), or labelling what someone said in a note
 * whose other speakers are labelled by their initials ("DS: he picked me
 * up" after "JB: where?"). Not a rank before a name ("DS Khan"), a
 * field's key before a name ("GP: Dr Aziz"), nor the acronyms that are
 * never anyone's ("YP", "NB", "PS:" as a postscript, "UK"). */
/* Token i is two or three capitals that end a line after a sentence, a
 * dash or a bracket, alone or with other initials by a slash: the
 * initials that sign a log's entry ("… No photo. AT", "… Finish.
 * AT/WE", "… the hall. — ME"), not a note marker ("NB", "PS") */
static gboolean
line_signature (const Ctx *c,
                guint      i)
{
  const Token *t = &c->t[i];
  gsize b = t->start, e = t->full_end;

  if (!t->upper || t->poss || token_chars (c, i) > 3 || token_is (c, i, "nb") ||
      token_is (c, i, "ps") || token_is (c, i, "ok") || token_is (c, i, "uk") ||
      token_is (c, i, "yp") || (t->bits & G_NAME_ROLE))
    return FALSE;
  /* "AT/WE": the other initials */
  if (e + 1 < c->n && c->text[e] == '/' && g_ascii_isupper (c->text[e + 1]))
    for (e++; e < c->n && g_ascii_isupper (c->text[e]) && e - t->full_end <= 4; e++)
      ;
  else if (b > 1 && c->text[b - 1] == '/' && g_ascii_isupper (c->text[b - 2]))
    {
      for (b--; b > 0 && g_ascii_isupper (c->text[b - 1]) && t->start - b <= 4; b--)
        ;
    }
  while (e < c->n && c->text[e] == ' ')
    e++;
  if (e < c->n && c->text[e] != '\n')
    return FALSE;
  if (b < 3 || c->text[b - 1] != ' ')
    return FALSE;
  return strchr (".!?)", c->text[b - 2]) != NULL ||
         ((guchar) c->text[b - 2] == 0x94 && (guchar) c->text[b - 3] == 0x80);
}

#define NAME_BITS (G_FIRST | G_FIRST_POP | G_SUR | G_SUR_POP)

static const char *const role_words[] = { "gp", "hv", "sw", "dc", "pc", "ds", "di", "cp", "mp",
                                          "ta", "dr", "yp", "dsl", "iro", "pcso", "sgt" };

/* Are the n letters at p the acronym of a role? */
static gboolean
role_text (const char *p,
           gsize       n)
{
  for (guint k = 0; k < G_N_ELEMENTS (role_words); k++)
    if (strlen (role_words[k]) == n && g_ascii_strncasecmp (p, role_words[k], n) == 0)
      return TRUE;
  return FALSE;
}

/* Is token i the acronym of a role ("GP", "HV", "SW", "DS")? */
static gboolean
role_initials (const Ctx *c,
               guint      i)
{
  static WordSet role_set = WORD_SET (role_words);

  return token_in (c, i, &role_set);
}

/* Token i is two or three small letters in no list but of names, in
 * rough notes: someone's initials where a person stands ("kd", "kod") */
static gboolean
lower_initials (const Ctx *c,
                guint      i)
{
  const Token *t = &c->t[i];

  return t->lower && !(t->bits & ~NAME_BITS) && t->ascii && !t->poss &&
         t->end - t->start >= 2 && t->end - t->start <= 3 && t->casual;
}

/* Could token i be someone's initials standing alone: two to four
 * capitals that are no word and no list's ("JS", "RJH", "DMcG"), not a
 * role's, an agency's or a keyword's ("DSL", "NB", "DOB")? */
static gboolean
lone_initials (const Ctx *c,
               guint      i)
{
  const Token *t = &c->t[i];

  if (c->type[i] != NULL || t->poss || token_chars (c, i) < 2)
    return FALSE;
  /* in capitals, as a speaker's label could be, and no word of the stop
   * list, no keyword, no title */
  return t->upper ? speaker_initials (c, i) && !(t->bits & (G_STOP | G_HEADER | G_TITLE | G_KEYWORD))
                  : token_chars (c, i) <= 4 && mixed_initials (c, i) && unlisted (t);
}

/* Back from byte b, no further than lo, over spaces and dashes ("-",
 * "–", "—"); in *dash whether a dash was among them. */
static gsize
back_over_dashes (const Ctx *c,
                  gsize      lo,
                  gsize      b,
                  gboolean  *dash)
{
  while (b > lo && (c->text[b - 1] == ' ' || c->text[b - 1] == '-' ||
                    (guchar) c->text[b - 1] == 0xE2 || (guchar) c->text[b - 1] == 0x80 ||
                    (guchar) c->text[b - 1] == 0x94 || (guchar) c->text[b - 1] == 0x93))
    {
      if (dash != NULL && c->text[b - 1] != ' ')
        *dash = TRUE;
      b--;
    }
  return b;
}

/* Marks as a person each token that stands alone as someone's initials
 * (lone_initials) and is one of the @n initials found (their hashes) */
static void
mark_initials_again (Ctx           *c,
                     const guint64 *found,
                     guint          n)
{
  for (guint i = 0; i < c->len && n > 0; i++)
    if (c->type[i] == NULL && (c->t[i].upper || c->t[i].cap) && !c->t[i].poss)
      for (guint k = 0; k < n; k++)
        if (found[k] == c->t[i].hash && lone_initials (c, i))
          {
            mark (c, i, i, type_person);
            break;
          }
}

/* Initials on their own as people sign and label: a note's or a
 * paragraph's last line that is only initials ("— TT / JR", "DMcG /
 * TB", "RJH"); initials labelling a dialogue's line beside two other
 * labels, or twice beside one ("JS: Did anyone…" among "HA:" and
 * "W:"); then wherever else they stand */
static void
initials_on_their_own (Ctx *c)
{
  enum { MAX_LABELS = 32 };
  guint64 found[16], label_hashes[MAX_LABELS];
  guint n_found = 0, counts[MAX_LABELS], n_labels = 0, peers = 0;
  gboolean counted = FALSE;

  for (guint i = 0; i < c->len && n_found < G_N_ELEMENTS (found); i++)
    {
      gsize p, e;
      guint last = i;
      gboolean hit = FALSE;

      /* (cheap tests first: capitals, short, none found) */
      if (c->type[i] != NULL || !c->t[i].cap || c->t[i].end - c->t[i].start > 8)
        continue;
      /* at the line's start, perhaps after "— " or "- ": the gap before
       * holds a line break and then only spaces and dashes */
      p = back_over_dashes (c, i > 0 ? c->t[i - 1].full_end : 0, c->t[i].start, NULL);
      if ((p > 0 && c->text[p - 1] != '\n') || !lone_initials (c, i))
        continue;
      /* a signature: initials, " / " and initials, to the line's end, at
       * the note's end or before a blank line ("\n" or "\r\n" lines) */
      while (last + 1 < c->len && (gap_is (c, last, " / ") || gap_is (c, last, "/")) &&
             lone_initials (c, last + 1))
        last++;
      e = c->t[last].full_end;
      while (e < c->n && (c->text[e] == ' ' || c->text[e] == '.' || c->text[e] == '\r'))
        e++;
      if (e >= c->n)
        hit = TRUE;
      else if (c->text[e] == '\n')
        {
          e++;
          if (e < c->n && c->text[e] == '\r')
            e++;
          hit = e >= c->n || c->text[e] == '\n';
        }
      /* a dialogue's label, twice or more, beside another label: the
       * labels of the stretch counted once */
      if (!hit && last == i && label_of_line (c, i))
        {
          guint same = 0;

          if (!counted)
            {
              counted = TRUE;
              for (guint k = 0; k < c->len; k++)
                if (label_of_line (c, k) && token_chars (c, k) <= 4 &&
                    (lone_initials (c, k) || c->type[k] == type_person || c->t[k].initial))
                  {
                    guint q = 0;

                    peers++;
                    while (q < n_labels && label_hashes[q] != c->t[k].hash)
                      q++;
                    if (q == n_labels && n_labels < MAX_LABELS)
                      {
                        label_hashes[n_labels] = c->t[k].hash;
                        counts[n_labels++] = 0;
                      }
                    if (q < n_labels)
                      counts[q]++;
                  }
            }
          for (guint q = 0; q < n_labels; q++)
            if (label_hashes[q] == c->t[i].hash)
              same = counts[q];
          /* (the other labels: all but this one's) */
          hit = peers >= same + 2 || (same >= 2 && peers >= same + 1);
        }
      if (!hit)
        continue;
      for (guint k = i; k <= last && n_found < G_N_ELEMENTS (found); k++)
        {
          mark (c, k, k, type_person);
          found[n_found++] = c->t[k].hash;
        }
      i = last;
    }
  mark_initials_again (c, found, n_found);
}

/* A log's entry signed at its end: "Not there. (AH)", "refused. - IaG",
 * "contacts list. -- MK": initials in brackets or after a dash, after a
 * sentence, to the line's end; and wherever else they stand alone */
static void
signed_entries (Ctx *c)
{
  guint64 found[16] = { 0 };
  guint n_found = 0;

  for (guint i = 1; i < c->len && n_found < G_N_ELEMENTS (found); i++)
    {
      const Token *t = &c->t[i];
      gsize b = t->start, e = t->full_end;
      gboolean bracket;

      /* (initials that spell a word of the stop list too, "AH", "SO", here
       * where only a signature stands; not an agency's letters, "GP") */
      if (!t->cap || t->end - t->start < 2 || t->end - t->start > 4 || c->type[i] != NULL ||
          !(lone_initials (c, i) ||
            (t->upper && t->ascii && t->end - t->start <= 3 && (t->bits & G_STOP) &&
             (t->bits & G_ENGLISH) &&
             !(t->bits & (G_KEYWORD | G_TITLE | G_HEADER | G_NAME_ROLE | G_KIN)))))
        continue;
      bracket = c->text[b - 1] == '(' && e < c->n && c->text[e] == ')';
      if (bracket)
        {
          b--;
          e++;
        }
      while (e < c->n && (c->text[e] == ' ' || c->text[e] == '\r'))
        e++;
      if (e < c->n && c->text[e] != '\n')
        continue;
      /* before: a sentence's end, then spaces and a dash, or a bracket */
      if (bracket)
        {
          if (b < 2 || c->text[b - 1] != ' ')
            continue;
          b--;
        }
      else
        {
          gsize q = b;

          while (q > 0 && c->text[q - 1] == ' ')
            q--;
          if (q == b || q < 2)
            continue;
          if (c->text[q - 1] == '-')
            {
              q--;
              if (q > 0 && c->text[q - 1] == '-')
                q--;
            }
          else if (q >= 3 && (guchar) c->text[q - 3] == 0xE2 && (guchar) c->text[q - 2] == 0x80 &&
                   ((guchar) c->text[q - 1] == 0x94 || (guchar) c->text[q - 1] == 0x93))
            q -= 3;
          else
            continue;
          if (q == 0 || c->text[q - 1] != ' ')
            continue;
          b = q - 1;
        }
      if (b == 0 || strchr (".!?)", c->text[b - 1]) == NULL)
        continue;
      mark (c, i, i, type_person);
      found[n_found++] = t->hash;
    }
  mark_initials_again (c, found, n_found);
}

/* Token i, two to four small letters in no list but of names, alone
 * signs the note's last line ("-- hks", "rnh") */
static gboolean
signs_rough_notes (const Ctx *c,
                   guint      i)
{
  const Token *t = &c->t[i];
  gsize b = t->start, e = t->full_end;

  static const char *const sign_offs[] = { "lol", "thx", "end", "bye", "cya", "ta", "xx", "xxx",
                                            "ok", "tbc", "nfa", "eod", "fyi", "nb", "ps", "tx" };
  static WordSet sign_offs_set = WORD_SET (sign_offs);
  gboolean dash = FALSE;

  /* in no list but of names, or a word only of the long list ("ks") */
  if (!t->lower || ((t->bits & ~NAME_BITS) && (t->bits & ~(NAME_BITS | G_ENGLISH))) ||
      !t->ascii || t->end - t->start < 2 || t->end - t->start > 4)
    return FALSE;
  /* after spaces and a dash ("-- hks", "— mk"), or a signature's other
   * initials and a slash ("sh / kb") */
  b = back_over_dashes (c, 0, b, &dash);
  if (b > 0 && c->text[b - 1] == '/' && i > 0 && c->t[i - 1].end - c->t[i - 1].start <= 3 &&
      (c->t[i - 1].lower || c->t[i - 1].upper) && !(c->t[i - 1].bits & ~NAME_BITS))
    b = back_over_dashes (c, 0, c->t[i - 1].start, &dash);
  /* at the line's start, or after a sentence and a dash ("… envelope. —
   * hn") */
  if (b > 0 && c->text[b - 1] != '\n' &&
      !(dash && (c->text[b - 1] == '.' || c->text[b - 1] == '!' || c->text[b - 1] == ')')))
    return FALSE;
  while (e < c->n && g_ascii_isspace (c->text[e]))
    e++;
  return e == c->n && i + 1 == c->len && !token_in (c, i, &sign_offs_set);
}

static void
detect_stop_initials (Ctx *c)
{
  for (guint i = 0; i < c->len; i++)
    {
      const Token *t = &c->t[i];
      gsize b = t->start, e = t->full_end;
      gboolean hit = FALSE;

      /* what no branch below takes, first: a word found, a long word, a
       * word in lower case outside rough notes */
      if (c->type[i] != NULL || t->end - t->start > 8 ||
          (t->lower && (t->end - t->start > 3 || !t->casual) && !signs_rough_notes (c, i)))
        continue;
      /* "EaI to share", "RMacL/CNicD to visit", "per DÓD": initials
       * written with small letters between ("ap", "Nic", "Ó") in no
       * list, where a person stands */
      if (c->type[i] == NULL && t->cap && !t->upper && unlisted (t) && !t->poss &&
          t->end - t->start <= 8 && initials_shape (c, i) &&
          !(token_is (c, i, "moj") || token_is (c, i, "mod") || token_is (c, i, "phd") ||
            token_is (c, i, "doh")) &&
          (person_slot (c, i) || label_of_line (c, i)))
        {
          /* and wherever else they stand in the note */
          for (guint k = 0; k < c->len; k++)
            if (c->type[k] == NULL && c->t[k].hash == t->hash &&
                c->t[k].end - c->t[k].start == t->end - t->start &&
                memcmp (c->text + c->t[k].start, c->text + t->start, t->end - t->start) == 0)
              mark (c, k, k, type_person);
          continue;
        }
      /* "kd and mj both said", "kod + ek speak to", "dm to chase": in
       * lower case, two or three letters in no list but of names, where
       * a person stands or beside someone's by "and" or "+" */
      if (c->type[i] == NULL && t->lower && !t->poss &&
          ((lower_initials (c, i) &&
            (person_slot (c, i) ||
             /* "pk + ej w/ street pastors": two such joined by "+" */
             (i + 1 < c->len && gap_is (c, i, " + ") && lower_initials (c, i + 1)))) ||
           signs_rough_notes (c, i)))
        {
          guint who[3] = { i, i, i };

          /* "kd and mj both said", "kod + ek speak to": the one before */
          if (i >= 2 && is_and (c, i - 1) && gap_spaces (c, i - 1) && gap_spaces (c, i - 2))
            who[1] = i - 2;
          else if (i >= 1 && (gap_is (c, i - 1, " + ") ||
                              /* "sh / kb" signing a note */
                              ((gap_is (c, i - 1, " / ") || gap_is (c, i - 1, "/")) &&
                               signs_rough_notes (c, i))))
            who[1] = i - 1;
          if (i + 1 < c->len && gap_is (c, i, " + "))
            who[2] = i + 1;
          for (guint w = 0; w < G_N_ELEMENTS (who); w++)
            {
              guint k = who[w];

              if (k != i && (c->type[k] != NULL ||
                             !(lower_initials (c, k) ||
                               ((c->t[k].lower || c->t[k].upper) && !(c->t[k].bits & ~NAME_BITS) &&
                                c->t[k].end - c->t[k].start <= 3 && signs_rough_notes (c, i)))))
                continue;
              /* and wherever else they stand alone in the note ("ej
               * recognised him", "told pk") */
              mark (c, k, k, type_person);
              mark_lower_again (c, k, FALSE);
            }
          continue;
        }
      /* "SW/CP to write", "NO/DR to sort", "| ME/AS |" under "Owner",
       * "… Finish. AT/WE": two initials joined by a slash (the second no
       * token of its own), before what they are to do, in a column of who
       * is to act or signing a line, though they spell acronyms; not two
       * roles ("GP/HV") */
      if (c->type[i] == NULL && t->upper && t->end - t->start >= 2 && t->end - t->start <= 3 &&
          e + 3 < c->n && c->text[e] == '/' && g_ascii_isupper (c->text[e + 1]) &&
          !(b > 0 && (c->text[b - 1] == '/' || g_ascii_isalnum (c->text[b - 1]))))
        {
          gsize q = e + 1;

          while (q < c->n && g_ascii_isupper (c->text[q]) && q - e <= 4)
            q++;
          if (q - e - 1 >= 2 && q - e - 1 <= 3 && (q == c->n || (!g_ascii_isalnum (c->text[q]) &&
                                                                 c->text[q] != '/')) &&
              !(role_initials (c, i) && role_text (c->text + e + 1, q - e - 1)) &&
              ((q + 4 < c->n && strncmp (c->text + q, " to ", 4) == 0 &&
                g_ascii_islower (c->text[q + 4]) && i + 2 < c->len && c->t[i + 2].lower &&
                !determiner (c, i + 2)) ||
               in_column_headed (c->text - c->offset, c->offset + t->start, c->offset + q,
                                 owner_heading, 2) ||
               line_signature (c, i)))
            {
              SlSpan span = { c->offset + t->start, c->offset + q, type_person };

              g_array_append_val (c->found, span);
              c->type[i] = type_none;
              continue;
            }
        }
      /* "LÓDB: No comment." beside "DI:" and "CS:": any initials of no
       * list as a speaker's label beside others' */
      if (c->type[i] == NULL && !(t->bits & (G_STOP | G_KEYWORD | G_HEADER | G_NAME_ROLE)) &&
          !t->poss && !t->initial && t->end - t->start >= 2 && t->end - t->start <= 8 &&
          !t->lower && label_of_line (c, i) && speaker_initials (c, i) && speaker_peers (c, i))
        {
          mark (c, i, i, type_person);
          continue;
        }
      if (c->type[i] != NULL || !t->upper || !(t->bits & G_STOP) || t->poss ||
          t->end - t->start != 2 ||
          (e < c->n && (g_ascii_isalnum (c->text[e]) || c->text[e] == '.' ||
                        c->text[e] == '/' || c->text[e] == '-')) ||
          (i + 1 < c->len && gap_spaces (c, i) && capish (&c->t[i + 1])) ||
          token_is (c, i, "yp") || token_is (c, i, "nb") || token_is (c, i, "uk") ||
          token_is (c, i, "re") || token_is (c, i, "fw") || token_is (c, i, "pp") ||
          token_is (c, i, "ni"))
        continue;
      while (b > 0 && c->text[b - 1] == ' ')
        b--;
      while (e < c->n && c->text[e] == ' ')
        e++;
      /* "| DR | 24 Sept |" under "Owner" */
      if (in_column_headed (c->text - c->offset, c->offset + t->start, c->offset + t->end,
                            owner_heading, 2))
        hit = TRUE;
      /* "Present: JB, DS, KM": an item of its own, among others' initials */
      /* ("Panel: HR (chair), OA.": the last item with its stop) */
      else if (b > 0 && (c->text[b - 1] == ',' || c->text[b - 1] == ';' || c->text[b - 1] == ':') &&
               (e == c->n || strchr (",;\n(", c->text[e]) != NULL ||
                (c->text[e] == '.' && (e + 1 == c->n || g_ascii_isspace (c->text[e + 1])))) &&
               people_header_line (c, i))
        {
          guint first = i, last = i;

          while (first > 0 && !memchr (c->text + c->t[first - 1].full_end, '\n',
                                       c->t[first].start - c->t[first - 1].full_end))
            first--;
          while (last + 1 < c->len && !memchr (c->text + c->t[last].full_end, '\n',
                                               c->t[last + 1].start - c->t[last].full_end))
            last++;
          for (guint k = first; k <= last && !hit; k++)
            hit = k != i && c->type[k] == type_person && c->t[k].upper && token_chars (c, k) <= 4;
          /* "Cc: AM; UP; SO", "Workers: AT, WE": every item initials, and
           * not all of them a role's ("Apologies: GP, HV") */
          if (!hit)
            {
              guint items = 0, n_roles = 0;
              gboolean all = TRUE;

              for (guint k = first + 1; k <= last && all; k++)
                {
                  gsize kb = c->t[k].start, ke = c->t[k].full_end;

                  while (kb > 0 && c->text[kb - 1] == ' ')
                    kb--;
                  while (ke < c->n && c->text[ke] == ' ')
                    ke++;
                  if (c->t[k].upper && token_chars (c, k) <= 3 && kb > 0 &&
                      strchr (",;:", c->text[kb - 1]) != NULL &&
                      (ke == c->n || strchr (",;.\n(", c->text[ke]) != NULL))
                    {
                      items++;
                      n_roles += role_initials (c, k);
                    }
                  else if (capish (&c->t[k]))
                    all = FALSE;
                }
              hit = all && items >= 2 && n_roles < items;
            }
        }
      /* "— DS" at a line's end */
      else if (b >= 3 && (e == c->n || c->text[e] == '\n') && b == t->start - 1 &&
               (guchar) c->text[b - 3] == 0xE2 && (guchar) c->text[b - 2] == 0x80 &&
               ((guchar) c->text[b - 1] == 0x94 || (guchar) c->text[b - 1] == 0x93) &&
               !(t->bits & G_ENGLISH) && !token_is (c, i, "ps"))
        hit = TRUE;
      /* "DS: he picked me up", where "JB:" labels another line */
      else if (label_of_line (c, i) && !token_is (c, i, "ps") &&
               !(i + 1 < c->len && c->type[i + 1] != NULL))
        hit = speaker_peers (c, i);
      if (hit)
        mark (c, i, i, type_person);
    }
}

/* The base letter of the character at p, upper case: "Ó" gives "O" */
static gunichar
base_letter_at (const Ctx *c,
                gsize      p)
{
  gunichar u = g_utf8_get_char_validated (c->text + p, (gssize) (c->n - p));
  gunichar base[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];

  if (u == (gunichar) -1 || u == (gunichar) -2)
    return 0;
  if (g_unichar_fully_decompose (u, FALSE, base, G_N_ELEMENTS (base)) > 0)
    u = base[0];
  return g_unichar_toupper (u);
}

/* Could token k be the initials of the person whose name runs from token
 * first to last: its first letter the name's first (after a title), its
 * last capital one of the capitals of the name's last word ("DR" for Dr
 * Dominic Reilly, "NO" for Niamh O'Neill, "SaG" for Siân ap Gwilym,
 * "CNicD" for Catrìona NicDhòmhnaill)? */
static gboolean
initials_of (const Ctx *c,
             guint      k,
             guint      first,
             guint      last)
{
  const Token *t = &c->t[k];
  gunichar tail = 0;
  guint caps = 0;

  if (t->end - t->start < 2 || t->end - t->start > 8 || !capital_at (c, t->start) || t->poss)
    return FALSE;
  for (const char *p = c->text + t->start; p < c->text + t->end; p = g_utf8_next_char (p))
    if (g_unichar_isdigit (g_utf8_get_char (p)))
      return FALSE;
    else if (capital_at (c, p - c->text))
      {
        caps++;
        tail = base_letter_at (c, p - c->text);
      }
  while (first < last && (c->t[first].bits & G_TITLE))
    first++;
  if (caps < 2 || first == last || base_letter_at (c, t->start) != base_letter_at (c, c->t[first].start))
    return FALSE;
  for (gsize p = c->t[last].start; p < c->t[last].end; p = g_utf8_next_char (c->text + p) - c->text)
    if (capital_at (c, p) && base_letter_at (c, p) == tail)
      return TRUE;
  return FALSE;
}

/* Initials a note defines for someone, "Dr Dominic Reilly (DR)",
 * "Professor Siân ap Gwilym (SaG, panel)", "DS = Danielle Shaw",
 * "checked by DS (Danielle Shaw)", stand for that person wherever they
 * stand alone in the note, though they spell an acronym or a word ("PP:
 * And the first referral", "NO took it"); initials that sign two lines
 * of a log or more do where a person stands ("YP2 told WE", "Rang OR.
 * OR said") */
static void
detect_defined_initials (Ctx *c)
{
  guint defined[16];
  gboolean signed_off[16] = { FALSE, }, role_given[16] = { FALSE, };
  guint n_defined = 0;

  /* only where " (" or " = " stands, found by memchr: the word before it
   * and the word after */
  for (guint pass = 0; pass < 2; pass++)
    for (const char *m = memchr (c->text, "(="[pass], c->n);
         m != NULL && n_defined < G_N_ELEMENTS (defined);
         m = memchr (m + 1, "(="[pass], c->n - (m + 1 - c->text)))
      {
        gsize at = m - c->text;
        guint k = token_at (c->t, c->len, at + (pass == 0 ? 1 : 2), FALSE), i, first, last;

        if (at < 2 || c->text[at - 1] != ' ' || k == 0 || k >= c->len)
          continue;
        i = k - 1;
        /* "Dominic Reilly (DR)", "(SaG, panel)" */
        if (pass == 0 && c->type[i] == type_person && gap_is (c, i, " (") &&
            (i + 1 >= c->len || !c->joined[i + 1]) && c->t[k].full_end < c->n &&
            strchr ("),;", c->text[c->t[k].full_end]) != NULL)
          {
            for (first = i; first > 0 && c->joined[first]; first--)
              ;
            if (first < i && initials_of (c, k, first, i))
              defined[n_defined++] = k;
          }
        /* "Attendees: AS (SW, chair), NB (DSL, Airedale Grange)": who they
         * are in brackets after them, a role first */
        else if (pass == 0 && c->t[i].upper && (c->type[i] == NULL || c->type[i] == type_none) &&
                 c->t[i].end - c->t[i].start >= 2 && c->t[i].end - c->t[i].start <= 3 &&
                 c->t[i].end == c->t[i].full_end && gap_is (c, i, " (") &&
                 !role_initials (c, i) && !(c->t[i].bits & G_KEYWORD) &&
                 c->t[k].full_end < c->n && strchr (",)", c->text[c->t[k].full_end]) &&
                 (role_initials (c, k) || (c->t[k].upper && (c->t[k].bits & G_STOP)) ||
                  token_is (c, k, "chair") || token_is (c, k, "panel") ||
                  token_is (c, k, "secretariat") || token_is (c, k, "notes")))
          {
            role_given[n_defined] = (c->t[i].bits & G_STOP) != 0;
            defined[n_defined++] = i;
          }
        /* "DS = Danielle Shaw", "DS (Danielle Shaw)" */
        else if (c->t[i].cap && c->type[i] != type_person && c->t[i].end == c->t[i].full_end &&
                 c->type[k] == type_person && !c->joined[k] &&
                 gap_is (c, i, pass == 0 ? " (" : " = ") && (last = span_end (c, k)) > k &&
                 initials_of (c, i, k, last))
          defined[n_defined++] = i;
      }
  /* "… No photo. AT" twice or more: a log's lines signed with initials */
  for (guint i = 0; i < c->len && n_defined < G_N_ELEMENTS (defined); i++)
    {
      guint seen = 0;
      gboolean known = FALSE;

      if (c->type[i] != NULL || !c->t[i].upper ||
          (c->t[i].full_end < c->n && !strchr ("\n /", c->text[c->t[i].full_end])) ||
          !line_signature (c, i))
        continue;
      for (guint q = 0; q < n_defined && !known; q++)
        known = c->t[defined[q]].hash == c->t[i].hash;
      for (guint k = i + 1; k < c->len && seen == 0 && !known; k++)
        seen += c->t[k].hash == c->t[i].hash && c->type[k] == NULL && line_signature (c, k);
      if (seen > 0)
        {
          signed_off[n_defined] = TRUE;
          defined[n_defined++] = i;
        }
    }
  for (guint i = 0; i < c->len && n_defined > 0; i++)
    {
      const Token *t = &c->t[i];
      gboolean hit = FALSE;

      if (c->type[i] != NULL && c->type[i] != type_none)
        continue;
      for (guint q = 0; q < n_defined && !hit; q++)
        {
          const Token *d = &c->t[defined[q]];

          hit = d->end - d->start == t->end - t->start &&
                memcmp (c->text + d->start, c->text + t->start, t->end - t->start) == 0 &&
                (i == defined[q] ||
                 (initials_stand_alone (c, i) &&
                  /* ("NB (DSL)", then "NB: her sister…", a note's "NB") */
                  (!(signed_off[q] || role_given[q]) || line_signature (c, i) ||
                   person_slot (c, i) || (!role_given[q] && label_of_line (c, i)) ||
                   (i > 0 && token_in (c, i - 1, &contact_set)) ||
                   (i > 0 && gap_spaces (c, i - 1) &&
                    (token_is (c, i - 1, "showed") || token_is (c, i - 1, "to"))))));
        }
      if (hit && !(t->full_end < c->n && (g_ascii_isalnum (c->text[t->full_end]) ||
                                          c->text[t->full_end] == '-')))
        mark (c, i, i, type_person);
    }
}

/* Marks as someone's each word of the note not yet found whose hash is
 * one of the @n_names in @names, not after "a", "the" or a number: a name
 * found once, found again ("jade quiet", "Toots is his cousin"). Only in
 * lower case on lines written so if @lower_only (else capitalised too),
 * and never a word with one of the @excluded bits. */
static void
mark_names_again (Ctx           *c,
                  const guint64 *names,
                  guint          n_names,
                  gboolean       lower_only,
                  guint32        excluded)
{
  for (guint i = 0; i < c->len && n_names > 0; i++)
    {
      const Token *t = &c->t[i];
      gboolean known = FALSE;

      if (c->type[i] != NULL || (t->bits & excluded) ||
          !((t->lower && t->casual) || (!lower_only && capish (t))) ||
          (i > 0 && (determiner (c, i - 1) || number_word (c, i - 1))))
        continue;
      for (guint q = 0; q < n_names && !known; q++)
        known = names[q] == t->hash;
      if (known)
        mark (c, i, i, type_person);
    }
}

/* Some byte of accept stands in s[0, n) */
static gboolean
any_byte_of (const char *s,
             gsize       n,
             const char *accept)
{
  for (gsize k = 0; k < n; k++)
    if (strchr (accept, s[k]) != NULL && s[k] != '\0')
      return TRUE;
  return FALSE;
}

/* In lower case, where case tells nothing: a first name, or a word of no
 * list with a vowel, after a verb of meeting or speaking ("met jade and
 * her mum", "spoke to tash"), before "'s" and a word of kin or of what is
 * someone's ("jade's dob", "ruby's mum"), before who they are in brackets
 * ("florica (mum)") or beside someone by "+" ("akosua + efua"); then the
 * same name wherever else it stands in the note
 * in lower case, not after "a" or "the" ("jade quiet", "ruby off school
 * today", but "a ruby ring") */
static void
lower_case_first_names (Ctx *c)
{
  static const char *const owned[] = {
    "dob", "mum", "dad", "mam", "nan", "phone", "number", "mate", "mates", "boyfriend",
    "girlfriend", "brother", "sister", "cousin", "uncle", "aunt", "auntie", "house", "flat",
    "room", "school", "sw", "address", "snap", "snapchat", "insta", "instagram", "tiktok",
  };
  static WordSet owned_set = WORD_SET (owned);
  guint64 names[16];
  guint n_names = 0;

  if (!c->casual)
    return;
  for (guint i = 1; i < c->len && n_names < G_N_ELEMENTS (names); i++)
    {
      const Token *t = &c->t[i];
      gboolean hit;

      /* a first name, or a word in no list but of names ("florica"), not
       * a short form without a vowel ("met grp of 6") */
      if (c->type[i] != NULL || !t->lower || !t->casual ||
          !((t->bits & G_FIRST) ||
            (!(t->bits & ~NAME_BITS) &&
             any_byte_of (c->text + t->start, t->end - t->start, "aeiouy"))) ||
          (t->bits & (G_STOP | G_VERB | G_PREP | G_KIN | G_TITLE | G_CUE | G_STREET)) ||
          t->end - t->start < 3)
        continue;
      hit = gap_spaces (c, i - 1) && c->t[i - 1].lower &&
            (token_in (c, i - 1, &contact_set) ||
             (i > 1 && (token_is (c, i - 1, "to") || token_is (c, i - 1, "with")) &&
              gap_spaces (c, i - 2) && token_in (c, i - 2, &contact_set)));
      /* ("connor's older brother": a word between) */
      hit = hit || (t->poss && i + 1 < c->len && gap_spaces (c, i) &&
                    (token_in (c, i + 1, &owned_set) ||
                     (i + 2 < c->len && c->t[i + 1].lower && gap_spaces (c, i + 1) &&
                      !(c->t[i + 1].bits & (G_STOP | G_VERB | G_PREP)) &&
                      token_in (c, i + 2, &owned_set))));
      /* "summer and lacey-jo came", "re summer / lacey-jo", "baz or bazza":
       * beside someone found; "summer said"; "ask jen", "w/ jen" */
      hit = hit || (!t->poss && !determiner (c, i - 1) &&
                    ((i + 1 < c->len && c->type[i + 1] == type_person &&
                      (gap_is (c, i, " & ") || gap_is (c, i, " / "))) ||
                     (i + 2 < c->len && c->type[i + 2] == type_person && (t->bits & G_FIRST) &&
                      (is_and (c, i + 1) || token_is (c, i + 1, "or")) && c->t[i + 1].lower &&
                      gap_spaces (c, i) && gap_spaces (c, i + 1)) ||
                     (i > 1 && c->type[i - 2] == type_person && c->t[i - 1].lower &&
                      (token_is (c, i - 1, "or") || (is_and (c, i - 1) && (t->bits & G_FIRST))) &&
                      gap_spaces (c, i - 2) && gap_spaces (c, i - 1)) ||
                     (i + 1 < c->len && gap_spaces (c, i) && token_in (c, i + 1, &does_set) &&
                      ((t->bits & G_FIRST_POP) ||
                       ((t->bits & G_FIRST) && !(t->bits & (G_ENGLISH | G_COMMON | G_WORD)))) &&
                      memchr (c->text + t->start, '\'', t->end - t->start) == NULL) ||
                     (gap_spaces (c, i - 1) &&
                      (token_is (c, i - 1, "ask") || token_is (c, i - 1, "tell"))) ||
                     (gap_is (c, i - 1, "/ ") && token_is (c, i - 1, "w"))));
      /* "florica (mum) + nicu (dad)", "akosua + efua": beside someone by
       * "+", or who they are in brackets */
      hit = hit || (i + 1 < c->len && gap_is (c, i, " (") && (c->t[i + 1].bits & G_KIN) &&
                    c->t[i + 1].full_end < c->n && c->text[c->t[i + 1].full_end] == ')');
      hit = hit || (gap_is (c, i - 1, " + ") && c->type[i - 1] == type_person) ||
            (i + 1 < c->len && gap_is (c, i, " + ") && c->type[i + 1] == type_person);
      /* a name that is no word of the language: "with rushane", "named
       * dudu", "tell tobz" */
      hit = hit || (!(t->bits & (G_ENGLISH | G_WORD | G_COMMON)) && !t->poss &&
                    gap_spaces (c, i - 1) && c->t[i - 1].lower &&
                    (token_is (c, i - 1, "with") || token_is (c, i - 1, "called") ||
                     token_is (c, i - 1, "named") || token_is (c, i - 1, "aka") ||
                     token_is (c, i - 1, "tell") || token_is (c, i - 1, "told")));
      if (hit)
        {
          mark (c, i, i, type_person);
          names[n_names++] = t->hash;
        }
    }
  /* and names found in lower case by other rules */
  for (guint i = 0; i < c->len && n_names < G_N_ELEMENTS (names); i++)
    if (c->type[i] == type_person && c->t[i].lower && c->t[i].casual && !c->joined[i] &&
        !(i + 1 < c->len && c->joined[i + 1]) &&
        ((c->t[i].bits & G_FIRST) || !(c->t[i].bits & ~NAME_BITS)) &&
        c->t[i].end - c->t[i].start >= 3)
      names[n_names++] = c->t[i].hash;
  mark_names_again (c, names, n_names, TRUE, G_STOP | G_PREP);
}

/* Where an acting or temporary rank before token i starts, plus one, or
 * 0: "D/Supt Karen", "D/Supt. Karen", "T/DS Pugh" (the rank after the
 * slash is no token of its own) */
static gsize
rank_with_slash_before (const Ctx *c,
                        guint      i)
{
  static const char *const ranks[] = { "supt", "sgt", "insp", "ds", "dc", "di", "dci", "dsi", "pc",
                                       "ps", "ci", "con", "det" };
  gsize w = c->t[i].start, q;

  if (w < 5 || memchr (c->text + w - MIN (w, 10), '/', MIN (w, 10)) == NULL)
    return 0;
  if (w >= 5 && c->text[w - 1] == ' ')
    w--;
  if (w >= 5 && c->text[w - 1] == '.')
    w--;
  for (q = w; q > 0 && g_ascii_isalpha (c->text[q - 1]) && w - q < 6; q--)
    ;
  if (q < 2 || q == w || w == c->t[i].start || c->text[q - 1] != '/' ||
      !g_ascii_isupper (c->text[q - 2]) || (q > 2 && g_ascii_isalnum (c->text[q - 3])))
    return 0;
  for (guint r = 0; r < G_N_ELEMENTS (ranks); r++)
    if (strlen (ranks[r]) == w - q && g_ascii_strncasecmp (c->text + q, ranks[r], w - q) == 0)
      return q - 2 + 1;
  return 0;
}

/* Nicknames: a word in quotes after a word that gives a name ('GAVE NAME
 * "DRITAN"', 'LEFT WITH "TOOTS" AND "MACKER"', 'Lee Hulme ("Skinny")'; a
 * word of the language only after "name" or "known as", not 'for
 * "parties"' nor 'he called "help"'), a word in no list in brackets after a name and used
 * again ("Shoaib Chaudhry (Shabs)" … "Del–Shabs"); then the same word
 * wherever else it stands in the note, not after "a" or "the" */
static void
detect_quoted_nicknames (Ctx *c)
{
  static const char *const giving[] = { "name", "named", "called", "as", "with", "for", "aka",
                                        "nicknamed", "known", "by", "and", "from", "to" };
  static WordSet giving_set = WORD_SET (giving);
  guint64 names[16];
  guint n_names = 0;

  /* only where a quote or a bracket opens, found by memchr, not word by
   * word: '"', '(' and '“' in turn */
  for (guint pass = 0; pass < 3 && n_names < G_N_ELEMENTS (names); pass++)
    for (const char *m = memchr (c->text, "\"(\xe2"[pass], c->n);
         m != NULL && n_names < G_N_ELEMENTS (names);
         m = memchr (m + 1, "\"(\xe2"[pass], c->n - (m + 1 - c->text)))
    {
      gsize open = m - c->text, e;
      guint i;
      const Token *t;
      gboolean hit = FALSE;

      if (pass == 2 && !(m + 2 < c->text + c->n && m[1] == '\x80' && m[2] == '\x9c'))
        continue;
      /* the word that starts just after the quote or the bracket */
      i = token_at (c->t, c->len, open + (pass == 2 ? 3 : 1), FALSE);
      if (i == 0 || i >= c->len)
        continue;
      t = &c->t[i];
      e = t->full_end;
      if (c->type[i] != NULL || t->initial || (t->bits & (G_STOP | G_TITLE | G_KIN | G_PREP)) ||
          t->end - t->start < 3)
        continue;
      /* 'with "TOOTS"', '("Skinny")' */
      if (pass != 1)
        {
          if (e < c->n && (quote_at (c, e, TRUE) > 0 || c->text[e] == '"'))
            {
              if (open > 0 && c->text[open - 1] == '(' && i > 1 && c->type[i - 1] == type_person)
                hit = TRUE;
              else if (open > 1 && c->text[open - 1] == ' ' && c->t[i - 1].full_end == open - 1 &&
                       token_in (c, i - 1, &giving_set) &&
                       (c->t[i - 1].lower || c->t[i - 1].upper))
                /* 'for "parties"', 'to "chill"': a word of the language
                 * only after a word that names */
                hit = (t->bits & (G_ENGLISH | G_COMMON | G_WORD))
                        ? (token_is (c, i - 1, "name") || token_is (c, i - 1, "named") ||
                           token_is (c, i - 1, "aka") ||
                           token_is (c, i - 1, "nicknamed") ||
                           (token_is (c, i - 1, "as") && i > 1 && token_is (c, i - 2, "known")))
                        : !(token_is (c, i - 1, "and") || token_is (c, i - 1, "to") ||
                            token_is (c, i - 1, "from") || token_is (c, i - 1, "by")) ||
                          (i > 1 && c->type[i - 2] == type_person);
            }
        }
      /* "Shoaib Chaudhry (Shabs)" */
      else if (unlisted (t) && capish (t) && !t->upper &&
               e < c->n && (c->text[e] == ')' || c->text[e] == ',') && i > 1 &&
               c->type[i - 1] == type_person && span_end (c, i - 1) == i - 1)
        /* and used again: not a role in brackets ("(Granthi)") */
        for (guint k = 0; k < c->len && !hit; k++)
          hit = k != i && c->t[k].hash == t->hash;
      if (hit)
        {
          mark (c, i, i, type_person);
          names[n_names++] = t->hash;
        }
    }
  mark_names_again (c, names, n_names, FALSE, 0);
}

/* A person's name at its edges, once names are found: a rank or a title
 * with a full stop before it ("Revd. Ifeoma Nwosu", "Det. Sgt. Rhys
 * Pugh"), an acting or temporary rank ("D/Supt Karen Oxley"), "Mr &"
 * before "Mrs Oyelaran", a particle and the capitalised name before it
 * ("Dos Santos", "Mererid ab Iorwerth"), and a particle and the name
 * after it ("Sofia Marques da Costa"). */
static void
widen_people (Ctx *c)
{
  /* "D/Supt Oxley": a surname taken for a town after an acting rank */
  for (guint i = 1; i < c->len; i++)
    if (c->type[i] == type_place && !c->joined[i] && !(i + 1 < c->len && c->joined[i + 1]) &&
        c->t[i].cap && c->t[i].start >= 5 && c->text[c->t[i].start - 1] == ' ' &&
        (c->lead[i] = rank_with_slash_before (c, i)) > 0)
      c->type[i] = type_person;
  for (guint i = 1; i < c->len; i++)
    {
      guint first = i, last;

      if (c->type[i] != type_person || c->joined[i])
        continue;
      while (first > 0)
        {
          guint k = first - 1;
          const Token *p = &c->t[k];
          gboolean free;

          /* every case below has a title or a particle before the name */
          if (!(p->bits & (G_TITLE | G_PARTICLE)))
            break;
          /* "BJ, Revd.": a title taken as the end of a name before it */
          free = c->type[k] == NULL ||
                 (c->type[k] == type_person && c->joined[k] && (p->bits & G_TITLE) &&
                  gap_is (c, k, ". "));
          if (!free)
            break;
          /* "Revd. Ifeoma", "Det. Sgt.", "Supt Karen Oxley" */
          if ((p->bits & G_TITLE) && !(p->bits & G_STOP && p->lower) && capish (p) &&
              (gap_is (c, k, ". ") || gap_spaces (c, k)))
            first = k;
          /* "Mr & Mrs Oyelaran" */
          else if (k > 0 && (p->bits & G_TITLE) && (c->t[first].bits & G_TITLE) && p->cap &&
                   gap_is (c, k, " & "))
            first = k;
          /* "Dos Santos", "De Souza" */
          else if ((p->bits & G_PARTICLE) && p->cap && !p->upper && gap_spaces (c, k) &&
                   p->end - p->start >= 2 && !(c->t[first].bits & G_TITLE))
            first = k;
          /* "Mererid ab Iorwerth", "Jordan de Lacy-Hume" (not the country) */
          else if ((p->bits & G_PARTICLE) && p->lower && gap_spaces (c, k) && k > 0 &&
                   gap_spaces (c, k - 1) &&
                   (c->type[k - 1] == NULL ||
                    (c->type[k - 1] == type_place && !c->joined[k - 1] &&
                     (c->t[k - 1].bits & G_FIRST))) &&
                   c->t[k - 1].cap && !c->t[k - 1].upper && !c->t[k - 1].poss &&
                   !(c->t[k - 1].sentence && c->type[k - 1] == NULL) &&
                   !(c->t[k - 1].bits & (G_STOP | G_TITLE | G_PREP | G_VERB | G_PARTICLE)))
            first = k - 1;
          /* "Cllr. de Búrca", "Mr van Rijn": a title, then a particle */
          else if ((p->bits & G_PARTICLE) && p->lower && p->end - p->start >= 2 &&
                   gap_spaces (c, k) && k > 0 && c->type[k - 1] == NULL &&
                   (c->t[k - 1].bits & G_TITLE) && capish (&c->t[k - 1]) &&
                   (gap_spaces (c, k - 1) || gap_is (c, k - 1, ". ")))
            first = k - 1;
          /* "worried about van Rijn's": the particle alone */
          else if ((p->bits & G_PARTICLE) && p->lower && p->end - p->start >= 2 &&
                   gap_spaces (c, k) && !token_is (c, k, "st") && !token_is (c, k, "o") &&
                   k > 0 && c->t[k - 1].lower && gap_spaces (c, k - 1) &&
                   !(c->t[first].bits & (G_TITLE | G_PLACE)))
            {
              first = k;
              c->type[k] = type_person;
              break;
            }
          else
            break;
          if (c->type[first] == type_person)
            c->joined[first] = FALSE;
        }
      /* "D/Supt Karen Oxley", "T/DS Pugh": an acting or temporary rank,
       * a word after a slash that no token holds */
      if (c->type[first] == type_person && !(c->t[first].bits & G_TITLE) && c->lead[first] == 0)
        c->lead[first] = rank_with_slash_before (c, first);
      last = span_end (c, i);
      /* "Sofia Marques da Costa": a particle, then a capitalised name */
      if (last + 2 < c->len && gap_spaces (c, last) && gap_spaces (c, last + 1) &&
          (c->t[last + 1].bits & G_PARTICLE) && c->t[last + 1].lower &&
          c->type[last + 1] == NULL && c->t[last + 2].cap && !c->t[last + 2].upper &&
          (c->type[last + 2] == NULL ||
           (c->type[last + 2] == type_person && !c->joined[last + 2])) &&
          !(c->t[last + 2].bits & (G_TITLE | G_CUE | G_STREET | G_COUNCIL)))
        last = c->type[last + 2] == type_person ? span_end (c, last + 2) : last + 2;
      if (first < i || last > span_end (c, i))
        {
          gsize lead = c->lead[first];

          mark (c, first, last, type_person);
          c->lead[first] = lead;
        }
      i = last;
    }
}

/* Lines written in lower case, as chats, texts and young people's own
 * words are: a sentence starts in lower case and hardly a word after the
 * first has a capital. There, a word's case says nothing about whether it
 * is a name. */
static void
mark_casual_lines (Ctx *c)
{
  guint first = 0;

  while (first < c->len)
    {
      guint last = first, lower = 0, lower_starts = 0, caps = 0;

      for (;;)
        {
          gboolean nl = FALSE;

          if (last + 1 >= c->len)
            break;
          for (gsize q = c->t[last].full_end; q < c->t[last + 1].start && !nl; q++)
            nl = c->text[q] == '\n';
          if (nl)
            break;
          last++;
        }
      for (guint i = first; i <= last; i++)
        {
          const Token *t = &c->t[i];

          if (t->lower)
            {
              lower++;
              lower_starts += t->sentence;
            }
          else if (capish (t) && !t->sentence && !t->initial)
            caps++;
        }
      if (lower >= 3 && lower_starts > 0 && caps * 6 <= lower)
        {
          for (guint i = first; i <= last; i++)
            c->t[i].casual = TRUE;
          c->casual = TRUE;
        }
      first = last + 1;
    }
}

/* Token i is a trade's word in lower case ("hotel", "taxis", "cars",
 * "kebabs", "convenience") after one or two words in lower case that name
 * a venue, set apart as a name is: after "the", a preposition, a comma or
 * a line's start. The words are no plain adjective (@plain: "the local
 * hotel"), no venue's kind ("the airport hotel"), colour, number or word
 * of the stop list ("the black cabs", "two cars"). Sets *first. */
static gboolean
lower_trade_name (const Ctx *c,
                  guint      i,
                  WordSet   *plain,
                  guint     *first)
{
  static const char *const modifiers[] = {
    "black", "white", "silver", "grey", "gray", "red", "blue", "green", "yellow", "dark",
    "cheap", "posh", "budget", "dodgy", "airport", "station", "seaside", "police", "hire",
    "public", "stolen", "parked", "marked", "unmarked", "private", "tidy", "decent", "cheapest",
    "nice", "fancy", "luxury", "boutique", "chinese", "indian", "turkish", "italian", "kebab",
    "pizza", "chip", "late", "all-night", "24-hour", "taxi", "cab", "minicab", "mini", "hotel",
    "guest", "one", "first", "second", "next", "last", "both", "few", "lads", "mates", "friends",
    "dads", "mums", "brothers", "uncles", "cousins", "own", "owners", "staff", "good", "bad",
    "best", "worst", "shit", "crap", "grim", "rough", "busy", "quiet", "empty", "closed",
  };
  static WordSet modifiers_set = WORD_SET (modifiers);
  const Token *t = &c->t[i];
  guint k = i;
  gsize b;

  if (!t->lower || i == 0 || c->type[i] != NULL ||
      (!(t->bits & G_CUE) && !token_is (c, i, "convenience")) ||
      !(word_in (c, i, W_CARS, W_TAXIS) || word_in (c, i, W_HOTEL, W_HOTEL) ||
        word_in (c, i, W_KEBABS, W_KEBABS) || token_is (c, i, "convenience") ||
        token_is (c, i, "guesthouse") || token_is (c, i, "arcade") ||
        token_is (c, i, "amusements")))
    return FALSE;
  while (k > 0 && i - k < 2 && gap_spaces (c, k - 1) && c->t[k - 1].lower &&
         c->type[k - 1] == NULL && c->t[k - 1].end - c->t[k - 1].start >= 3 &&
         !token_in (c, k - 1, plain) && !token_in (c, k - 1, &generic_set) &&
         !token_in (c, k - 1, &modifiers_set) &&
         !(c->t[k - 1].bits & (G_STOP | G_VERB | G_PREP | G_KIN | G_TITLE | G_HEADER | G_CUE)) &&
         /* "runs amusements", "drives taxis" */
         !word_in (c, k - 1, W_WORKS, W_MANAGES) && !token_in (c, k - 1, &does_set) &&
         /* "the abandoned cars" */
         !(c->text[c->t[k - 1].end - 1] == 'd' && c->text[c->t[k - 1].end - 2] == 'e'))
    k--;
  if (k == i)
    return FALSE;
  /* set apart: after "the", a preposition, "+", a comma, a bracket, a
   * quote or a line's start */
  b = c->t[k].start;
  while (b > 0 && c->text[b - 1] == ' ')
    b--;
  if (!(b == 0 || strchr ("\n,;:(+\"-*", c->text[b - 1]) != NULL ||
        (k > 0 && gap_spaces (c, k - 1) && c->t[k - 1].lower &&
         (token_is (c, k - 1, "the") || (c->t[k - 1].bits & G_PREP) ||
          token_is (c, k - 1, "called") || token_is (c, k - 1, "re")))))
    return FALSE;
  *first = k;
  return TRUE;
}

/* In lower case, as chats and rough notes are written: "the castle court
 * shopping centre", "drove for north city taxis", "ysgol maes y gwynt":
 * ordinary words before a cue of several words or a taxi firm's, after
 * "the" or "for", or Welsh words after "ysgol", are a name */
static void
detect_lower_case_venues (Ctx *c)
{
  static const char *const plain[] = {
    "local", "new", "old", "main", "big", "nearest", "same", "other", "town", "council",
    "only", "usual", "two", "three", "some", "many", "several", "all", "these", "those",
    "different", "black", "private", "hire", "little", "small", "large", "nearby", "his", "her",
    "their", "our", "my", "your", "a", "an", "the", "and", "or", "this", "that", "them", "they",
    "what", "which", "when", "where", "with", "from", "into", "over", "each", "every", "such",
    "most", "more", "very", "just", "also", "then", "there", "here",
  };
  static WordSet plain_set = WORD_SET (plain);
  static const char *const welsh[] = { "y", "yr", "'r", "ap", "ab", "a" };
  static WordSet welsh_set = WORD_SET (welsh);

  for (guint i = 1; i < c->len; i++)
    {
      const Token *t = &c->t[i];
      guint cue_len = 0, first = i;

      if (!t->lower)
        continue;
      /* "ysgol maes y gwynt", found in part already or not */
      if (word_in (c, i, W_YSGOL, W_YSGOL) && i + 1 < c->len && gap_spaces (c, i) &&
          c->t[i + 1].lower &&
          (c->type[i] == NULL || (c->type[i] == type_institution && !c->joined[i])))
        {
          guint last = c->type[i] == NULL ? i : span_end (c, i);

          /* "maes y gwynt": "y" may be no token of its own */
          while (last + 1 < c->len && last < i + 4 &&
                 (gap_spaces (c, last) || gap_is (c, last, " y ") || gap_is (c, last, " yr ")) &&
                 c->t[last + 1].lower &&
                 ((c->type[last + 1] == NULL &&
                   !(c->t[last + 1].bits & (G_ENGLISH | G_STOP | G_VERB | G_PREP))) ||
                  (token_in (c, last + 1, &welsh_set) && last + 2 < c->len &&
                   gap_spaces (c, last + 1) && c->t[last + 2].lower)))
            last++;
          while (last > i && token_in (c, last, &welsh_set))
            last--;
          if (last > i)
            {
              mark (c, i, last, type_institution);
              i = last;
            }
          continue;
        }
      if (c->type[i] != NULL)
        continue;
      /* "the royal hotel on etruria rd", "outside the star taxis office",
       * "sea breeze cars", "abdul's convenience": in lower case, words no
       * venue's kind and no plain adjective before a trade's word */
      if (lower_trade_name (c, i, &plain_set, &first))
        {
          mark_with_poss (c, first, i, type_institution);
          continue;
        }
      if ((t->bits & G_CUE_START) && (cue_len = match_phrase (c, i, P_CUE)) < 2)
        cue_len = 0;
      if (cue_len == 0 && word_in (c, i, W_CARS, W_KABS))
        cue_len = 1;
      if (cue_len == 0)
        continue;
      while (first > 0 && i - first < 3 && gap_spaces (c, first - 1) && c->t[first - 1].lower &&
             c->type[first - 1] == NULL && c->t[first - 1].end - c->t[first - 1].start >= 3 &&
             !token_in (c, first - 1, &plain_set) &&
             /* "the castle court shopping centre", "north city taxis": a
              * word of the stop list too, but none too short to name */
             !(c->t[first - 1].bits & (G_VERB | G_PREP | G_KIN | G_TITLE | G_HEADER)) &&
             !((c->t[first - 1].bits & G_STOP) && c->t[first - 1].end - c->t[first - 1].start < 4))
        first--;
      if (first == i || first == 0 || !gap_spaces (c, first - 1) || !c->t[first - 1].lower ||
          !(cue_len > 1 ? token_is (c, first - 1, "the")
                        : (token_is (c, first - 1, "for") || token_is (c, first - 1, "from") ||
                           token_is (c, first - 1, "with") || token_is (c, first - 1, "called"))))
        continue;
      mark (c, first, i + cue_len - 1, type_institution);
      i += cue_len - 1;
    }
}

/* "picked up outside Phone Zone", "seen at Lucky Star with", "near Cloud
 * Nine.": capitalised words inside a sentence, ordinary ones, where someone
 * was, name a business; not an agency ("at Social Services", "at Early
 * Help") nor a person ("at Grace Baker's") */
static void
detect_named_spots (Ctx *c)
{
  static const char *const where[] = { "at", "outside", "near", "inside", "behind", "opposite",
                                       "above", "nr" };
  static WordSet where_set = WORD_SET (where);
  static const char *const moved[] = { "went", "go", "goes", "going", "gone", "taken", "took",
                                       "take", "driven", "drove", "brought", "invited", "back",
                                       "walked", "ran", "dropped", "came", "come", "comes",
                                       "coming", "got", "get", "headed", "heading", "returned",
                                       "sent" };
  static WordSet moved_set = WORD_SET (moved);
  /* what one word after "the" names that no business is: "at the Inquiry",
   * "went to the Chinese" (a kind of takeaway) */
  static const char *const offices[] = {
    "inquiry", "panel", "committee", "clerk", "chair", "chairman", "convener", "principal",
    "section", "regulator", "authority", "government", "act", "report", "review", "unit",
    "gateway", "front", "back", "door", "window", "top", "bottom", "time", "moment", "end",
    "hearing", "meeting", "launch", "bench", "bar", "dock", "box", "judge", "jury", "crown",
    "chinese", "indian", "turkish", "italian", "polish", "kurdish", "english", "scottish",
    "welsh", "irish", "british",
  };
  static WordSet offices_set = WORD_SET (offices);
  /* the last words of homes' and buildings' names */
  static const char *const dwellings[] = { "court", "view", "rise", "grange", "vale", "lodge",
                                           "house", "hall", "heights", "manor", "towers" };
  static WordSet dwellings_set = WORD_SET (dwellings);

  for (guint i = 1; i + 1 < c->len; i++)
    {
      guint p = i - 1, last = i, english = 0;
      gboolean plain = FALSE, the = FALSE;
      gsize e;

      if (!c->t[i].cap || c->t[i].upper || c->t[i].sentence || c->joined[i] ||
          !(c->type[i] == NULL || c->type[i] == type_person))
        continue;
      if (token_is (c, p, "the") && p > 0 && gap_spaces (c, p - 1) && c->t[p].lower)
        {
          the = TRUE;
          p--;
        }
      /* "taken to Cloud Nine", "went to Lucky Star", "up the Mint" */
      if (!gap_spaces (c, p) || !c->t[p].lower || (p + 1 < i && !gap_spaces (c, p + 1)) ||
          !(token_in (c, p, &where_set) ||
            (the && (token_is (c, p, "up") || token_is (c, p, "down") ||
                     token_is (c, p, "round")) &&
             !(p > 0 && c->t[p - 1].lower &&
               (token_is (c, p - 1, "follow") || token_is (c, p - 1, "follows")))) ||
            (token_is (c, p, "to") && p > 0 && gap_spaces (c, p - 1) &&
             token_in (c, p - 1, &moved_set))))
        continue;
      while (last + 1 < c->len && last < i + 2 && gap_spaces (c, last) && c->t[last + 1].cap &&
             !c->t[last + 1].upper && (c->type[last + 1] == NULL || c->type[last + 1] == type_person))
        last++;
      if (last + 1 < c->len && c->joined[last + 1])
        continue;
      e = c->t[last].full_end;
      if (!(e >= c->n || strchr (",.;:)!?\n", c->text[e]) != NULL ||
            (last + 1 < c->len && gap_spaces (c, last) && c->t[last + 1].lower)))
        continue;
      /* one word, after "the": "trains at the Forge most days", "came to
       * the Orchard at break", "up the Mint every weekend"; not a word
       * before a noun ("at the Summer fair") nor an office's */
      if (last == i &&
          (!the || token_in (c, i, &offices_set) || (c->t[i].bits & G_FIRST_POP) ||
           !(e >= c->n || strchr (",.;:)!?\n", c->text[e]) != NULL ||
             (c->t[i + 1].bits & (G_STOP | G_PREP | G_VERB)))))
        continue;
      /* "at Lavender Court", "to the Fountain Clinic": a home's or a
       * building's word, or a kind's, after words that are no kind's nor an
       * agency's ("the Assessment Centre", "Crown Court") */
      if (last > i && (token_in (c, last, &dwellings_set) || (c->t[last].bits & G_CUE)))
        {
          gboolean kind = FALSE;

          for (guint k = i; k < last && !kind; k++)
            kind = token_in (c, k, &agency_set) || token_in (c, k, &generic_set) ||
                   token_in (c, k, &kinds_of_service_set) ||
                   (c->t[k].bits & (G_CUE | G_STREET | G_COUNCIL | G_TITLE | G_PLACE)) != 0;
          if (!kind)
            {
              mark_with_poss (c, i, last, type_institution);
              i = last;
              continue;
            }
        }
      for (guint k = i; k <= last && !plain; k++)
        {
          const Token *u = &c->t[k];

          /* "Phone Zone", "Cloud Nine", "Lucky Star": words of the stop
           * list or towns too, but everyday words ("Star", Pembrokeshire) */
          /* ("Phone Doctor": a title's word after the first) */
          plain = (u->bits & (G_STREET | G_CUE | G_COUNCIL | G_NAME_ROLE | G_KEYWORD | G_HEADER)) ||
                  ((u->bits & G_TITLE) && k == i) ||
                  ((u->bits & G_CUE_START) && match_phrase (c, k, P_CUE) > 0) ||
                  ((u->bits & G_STOP) && !(u->bits & G_COMMON) && u->end - u->start < 5) ||
                  ((u->bits & (G_PLACE | G_PLACE_START)) && !(u->bits & (G_ENGLISH | G_COMMON))) ||
                  token_in (c, k, &agency_set) || word_in (c, k, W_MON, W_SUN) ||
                  word_in (c, k, W_JAN, W_DEC) || u->brand || u->initial;
          english += (u->bits & G_ENGLISH) && !(u->bits & (G_FIRST_POP | G_SUR_POP));
        }
      /* "at Grace Baker's": a first name and a surname */
      if (plain || (english == 0 && last > i) ||
          ((c->t[i].bits & (G_FIRST | G_FIRST_POP)) && (c->t[last].bits & G_SUR_POP)))
        {
          i = last;
          continue;
        }
      mark_with_poss (c, i, last, type_institution);
      i = last;
    }
}

/* A word in lower case that is in no dictionary and no list ("kingz") */
static gboolean
odd_word (const Token *t)
{
  return t->lower && t->end - t->start >= 3 &&
         !(t->bits & (G_ENGLISH | G_WORD | G_COMMON | G_STOP | G_VERB | G_PREP | G_KIN));
}

/* Could token t be a word of a name: no word of grammar, verb, kin or
 * title ("ON", "AND", "SAID", "MUM", "MR")? */
static gboolean
name_word (const Token *t)
{
  return t->end - t->start >= 2 && !(t->bits & (G_STOP | G_VERB | G_PREP | G_KIN | G_TITLE));
}

/* A word in lower case that may be part of a name ("cloud", "vapez") */
static gboolean
lower_word (const Token *t)
{
  return t->lower && t->end - t->start >= 3 && name_word (t);
}

/* Does a street's name start at token j, as "on" or "off" names one:
 * "Bolton Road", "the Farnham Road", "anlaby rd", "CLAYTON ST"? */
static gboolean
street_from (const Ctx *c,
             guint      j)
{
  if (j + 1 < c->len && token_is (c, j, "the") && c->t[j].lower && gap_spaces (c, j))
    j++;
  for (guint k = j + 1; k < c->len && k <= j + 3; k++)
    {
      const Token *u = &c->t[k - 1];

      if (!gap_spaces (c, k - 1) || !name_word (u) || u->initial ||
          (u->lower != c->t[k].lower && !(capish (u) && capish (&c->t[k]))))
        return FALSE;
      if (c->t[k].bits & G_STREET)
        return TRUE;
    }
  return FALSE;
}

/* Is the gap after token k one inside a business's name: a space, " & ",
 * " + " or a number ("Kutz & Kurlz", "BARBERS 4 MEN")? */
static gboolean
name_gap (const Ctx *c,
          guint      k)
{
  gsize s, e;

  if (k + 1 >= c->len)
    return FALSE;
  if (gap_spaces (c, k) || gap_is (c, k, " & ") || gap_is (c, k, " + "))
    return TRUE;
  s = c->t[k].full_end;
  e = c->t[k + 1].start;
  if (e - s < 3 || e - s > 6 || c->text[s] != ' ' || c->text[e - 1] != ' ')
    return FALSE;
  for (gsize i = s + 1; i + 1 < e; i++)
    if (!g_ascii_isdigit (c->text[i]))
      return FALSE;
  return TRUE;
}

/* the words of venues' kinds a writer explains a name by */
static const char *const venue_kinds[] = {
  "pub", "bar", "club", "gym", "hall", "takeaway", "cafe", "caf\xc3\xa9", "shop", "hotel",
  "arcade", "unit", "hostel", "project", "proj", "restaurant", "chippy", "kebab", "lodge",
  "snooker", "bowling", "garage", "barbers", "salon", "church", "mosque", "nightclub",
  "venue", "lounge", "b&b", "guesthouse", "guest", "home", "school", "academy", "college",
  "centre", "center", "shisha", "bookies", "offy", "carwash", "bakery", "cinema", "casino",
  "motel", "inn", "clinic", "surgery", "pru", "flats", "caravan", "nursery",
  "bistro", "grill", "diner", "pizzeria", "launderette", "workshop", "supermarket", "site",
};
static WordSet venue_kinds_set = WORD_SET (venue_kinds);

/* Does a venue's kind follow token k, within six words in the case of
 * its first ("the youth club in Dowlais", "old pub on freeman st",
 * "youth proj in old methodist hall", "the bike place in the old unit")?
 * Stops at a sentence's end or a word in capitals. */
static gboolean
kind_follows (const Ctx *c,
              guint      k)
{
  for (guint m = k; m < c->len && m < k + 6; m++)
    {
      if (!(c->t[m].lower || c->t[m].upper == c->t[k].upper) || c->t[m].initial ||
          (c->t[m].bits & (G_TITLE | G_KIN)))
        return FALSE;
      if (token_in (c, m, &venue_kinds_set))
        return TRUE;
      if (!gap_spaces (c, m) && !gap_is (c, m, "/") && !gap_is (c, m, "-"))
        return FALSE;
    }
  return FALSE;
}

/* Token k is "a", "an" or "the", and a venue's kind follows within three
 * words of no place nor action ("a caravan site", "the Chinese takeaway") */
static gboolean
kind_soon (const Ctx *c,
           guint      k)
{
  if (!(token_is (c, k, "a") || token_is (c, k, "an") || token_is (c, k, "the")) ||
      !c->t[k].lower)
    return FALSE;
  for (guint m = k + 1; m < c->len && m <= k + 3; m++)
    {
      if (!gap_spaces (c, m - 1) || !(c->t[m].lower || token_in (c, m, &cuisines_set)) ||
          (c->t[m].bits & (G_PREP | G_VERB | G_KIN)))
        return FALSE;
      if (token_in (c, m, &venue_kinds_set))
        return TRUE;
    }
  return FALSE;
}

/* Could the gap after token a start an explanation (explanation_after)?
 * Two bytes' test. */
static inline gboolean
may_explain (const Ctx *c,
             guint      a)
{
  char x, y;

  if (a + 1 >= c->len)
    return FALSE;
  /* the next token starts after the gap, so its first byte is there */
  x = c->text[c->t[a].full_end];
  y = c->text[c->t[a].full_end + 1];
  if (x == ' ')
    return y == '(' || y == '=' || y == '-' || y == '\xe2' || y == 'i' || y == 'w';
  return x == ',' || x == '"' || x == '\'' || x == '\xe2';
}

/* After token last, an explanation's start: " (", " = ", a dash, ", the",
 * ", a", "is the", "\" is" ... The first token of what explains, or 0. */
static guint
explanation_after (const Ctx *c,
                   guint      last)
{
  guint k = last + 1;
  gsize s, e;

  if (k >= c->len)
    return 0;
  s = c->t[last].full_end;
  e = c->t[k].start;
  /* a closing quote may stand before it: "\"kestrel\" is" */
  while (s < e && (c->text[s] == '"' || c->text[s] == '\''))
    s++;
  if (s + 3 <= e && memcmp (c->text + s, "\xe2\x80\x9d", 3) == 0)
    s += 3;
  if (s + 3 <= e && memcmp (c->text + s, "\xe2\x80\x99", 3) == 0)
    s += 3;
  if ((e - s == 2 && memcmp (c->text + s, " (", 2) == 0) ||
      (e - s == 3 && memcmp (c->text + s, " = ", 3) == 0) ||
      (e - s == 3 && memcmp (c->text + s, " - ", 3) == 0) ||
      (e - s == 5 && (memcmp (c->text + s, " \xe2\x80\x93 ", 5) == 0 ||
                      memcmp (c->text + s, " \xe2\x80\x94 ", 5) == 0)))
    return k;
  if ((e - s == 2 && memcmp (c->text + s, ", ", 2) == 0) &&
      (token_is (c, k, "the") || token_is (c, k, "a") || token_is (c, k, "an")) &&
      c->t[k].lower)
    return k;
  if (e - s == 1 && c->text[s] == ' ' && (token_is (c, k, "is") || token_is (c, k, "was")) &&
      c->t[k].lower && gap_spaces (c, k) && k + 1 < c->len)
    return k + 1;
  return 0;
}

/* Could token i start a name explained_venues reads: no word of a kind,
 * an action, a place or a role, nor found already? */
static gboolean
name_of_explained (const Ctx *c,
                   guint      i)
{
  const Token *t = &c->t[i];

  /* a word of a place or a street only after "the" or a quote ("the
   * Bank, pub on Wardwick") */
  return c->type[i] == NULL && !t->initial && t->end - t->start >= 3 &&
         !(t->bits & (G_STOP | G_TITLE | G_KIN | G_CUE | G_CUE_START | G_PREP | G_VERB | G_HEADER |
                      G_COUNCIL)) &&
         (!(t->bits & (G_STREET | G_PLACE)) ||
          (i > 0 && ((token_is (c, i - 1, "the") && gap_spaces (c, i - 1)) ||
                     (c->t[i - 1].full_end < t->start &&
                      (c->text[t->start - 1] == '"' || c->text[t->start - 1] == '\'')))));
}

/* "the Mint (the snooker hall on Magdalen Street)", "the fountain = old
 * pub on freeman st", "the Fed – the youth club in Dowlais", "\"kestrel\"
 * is Kestrel Court, the short breaks unit": a name its writer explains at
 * once as a venue; then the name wherever else it stands after "the", in
 * quotes or with a capital. Not a kind ("the hub (youth club)"), an agency
 * or a defined term ("the Home (the children's home)": a cue). */
static void
explained_venues (Ctx *c)
{
  guint64 names[8][3];
  guint lens[8], n_names = 0;
  gboolean caps[8];

  /* by the gap after a name, which is seldom anything but a space */
  for (guint last = 1; last + 1 < c->len; last++)
    {
      const Token *t;
      guint first, i, k;
      gboolean quoted, after_the;

      if (!may_explain (c, last) || (k = explanation_after (c, last)) == 0)
        continue;
      /* the name: one word, or up to three in the same case, the first
       * of them no word of a kind, an action or a place */
      i = last;
      for (guint f = last >= 3 ? last - 2 : 1; f < last; f++)
        {
          gboolean ok = TRUE;

          for (guint q = f + 1; q <= last && ok; q++)
            ok = gap_spaces (c, q - 1) && c->type[q] == NULL &&
                 c->t[q].lower == c->t[f].lower && c->t[q].upper == c->t[f].upper &&
                 !(c->t[q].bits & (G_STOP | G_TITLE | G_PREP | G_VERB | G_CUE_START));
          if (ok && name_of_explained (c, f))
            {
              i = f;
              break;
            }
        }
      if (i == last && !name_of_explained (c, last))
        continue;
      first = i;
      t = &c->t[i];
      if (token_in (c, i, &generic_set))
        continue;
      /* "the Mint (…)"; "AT SPOONS (THE CLOTH HALL)": or a capitalised
       * name where someone was */
      after_the = gap_spaces (c, i - 1) &&
                  (token_is (c, i - 1, "the") ||
                   (capish (t) && token_in (c, i - 1, &went_to_set) &&
                    c->t[i - 1].upper == t->upper));
      quoted = c->t[i - 1].full_end < t->start &&
               (c->text[t->start - 1] == '"' || c->text[t->start - 1] == '\'' ||
                (t->start >= 3 && memcmp (c->text + t->start - 3, "\xe2\x80\x9c", 3) == 0));
      /* "Seagull Park is a caravan site near …", "(Kowloon is the Chinese
       * takeaway at …)": a capitalised name said to be a kind of venue,
       * the kind at once after "a" or "the" and words of no place */
      if (!(after_the || quoted) && capish (t) && !t->upper &&
          (token_is (c, k - 1, "is") || token_is (c, k - 1, "was")) &&
          !(first == last && (t->bits & (G_FIRST | G_SUR | G_FIRST_POP | G_SUR_POP))) &&
          kind_soon (c, k))
        after_the = TRUE;
      if (!(after_the || quoted) || (!t->lower && !capish (t)))
        continue;
      /* ("the worst place was a shisha lounge", "the clock tower, the sea
       * breeze café": a description, a list) */
      if (t->lower && !quoted &&
          (token_is (c, k - 1, "is") || token_is (c, k - 1, "was") || gap_is (c, last, ", ")))
        continue;
      /* "\"kestrel\" is Kestrel Court, the short breaks unit": the name
       * said again with a capital, and more words */
      if (k < c->len && token_is (c, k, "the") && (c->t[k].lower || t->upper) && gap_spaces (c, k))
        k++;
      if (k < c->len && c->t[k].hash == t->hash && capish (&c->t[k]) && !t->upper)
        {
          guint r = k, q = 0;

          while (q < last - first && r + 1 < c->len && gap_spaces (c, r) &&
                 c->t[r + 1].hash == c->t[first + q + 1].hash)
            r++, q++;
          if (q < last - first)
            continue;
          while (r + 1 < c->len && r < k + 3 && gap_spaces (c, r) && capish (&c->t[r + 1]) &&
                 !(c->t[r + 1].bits & (G_TITLE | G_PREP)) &&
                 (!(c->t[r + 1].bits & G_STOP) || (c->t[r + 1].bits & (G_STREET | G_CUE))))
            r++;
          if (!((c->t[r].bits & G_CUE) || c->type[r] == type_institution ||
                ((c->t[r].bits & G_STREET) && r > k) ||
                (r + 1 < c->len && c->t[r + 1].lower && kind_follows (c, r + 1)) ||
                (r + 2 < c->len && explanation_after (c, r) == r + 1 && kind_follows (c, r + 1)) ||
                /* "the Bank, pub on Wardwick" */
                (r + 1 < c->len && gap_is (c, r, ", ") && c->t[r + 1].lower &&
                 kind_follows (c, r + 1))))
            continue;
          if (c->type[k] == NULL)
            mark (c, k, r, type_institution);
        }
      /* "the Vic (Victoria Tavern)", "'spoons' = the Mill Gate Tap",
       * "SPOONS (THE CLOTH HALL)": explained by a business's whole name */
      else if (k < c->len && capish (&c->t[k]) && c->type[k] == type_institution &&
               !c->joined[k] && (capish (t) || quoted) && !(t->bits & (G_STREET | G_PLACE)))
        ;
      /* (a word of a place or a street only when said again with a
       * capital: "the lodge in the park - the lodge gates") */
      else if (((t->bits & (G_STREET | G_PLACE)) && !capish (t)) || !kind_follows (c, k))
        continue;
      mark_with_poss (c, first, last, type_institution);
      if (n_names < G_N_ELEMENTS (names))
        {
          for (guint q = first; q <= last; q++)
            names[n_names][q - first] = c->t[q].hash;
          caps[n_names] = capish (t);
          lens[n_names++] = last - first + 1;
        }
    }
  /* the name again: after "the", in quotes or with a capital */
  for (guint i = 1; i < c->len && n_names > 0; i++)
    {
      const Token *t = &c->t[i];

      if (c->type[i] != NULL)
        continue;
      for (guint q = 0; q < n_names; q++)
        {
          guint n = lens[q], m = 0;

          while (m < n && i + m < c->len && c->type[i + m] == NULL && c->t[i + m].hash == names[q][m] &&
                 (m == 0 || gap_spaces (c, i + m - 1)))
            m++;
          /* ("the Tower" … "the tower block": a word before a noun) */
          if (m < n || (caps[q] && !capish (t) && gap_spaces (c, i + n - 1) &&
                        c->t[i + n].lower && !(c->t[i + n].bits & (G_STOP | G_PREP | G_VERB))))
            continue;
          if (!((token_is (c, i - 1, "the") && gap_spaces (c, i - 1)) ||
                (capish (t) && !t->sentence) || n > 1 ||
                (gap_spaces (c, i - 1) && c->t[i - 1].lower && token_in (c, i - 1, &went_to_set)) ||
                (c->t[i - 1].full_end < t->start &&
                 (c->text[t->start - 1] == '"' || c->text[t->start - 1] == '\''))))
            continue;
          mark_with_poss (c, i, i + n - 1, type_institution);
          i += n - 1;
          break;
        }
    }
}

/* A home or a project known by its number: "dropped back to Number 9",
 * "Property: Number 9", "the Number 9 project", "\"Number 3\"", "No. 22
 * (move-on house, Litherland)"; not a count's ("He was Number 2 on the
 * list") */
static void
numbered_homes (Ctx *c)
{
  guint known[8], n_known = 0; /* the numbers found, then found again */

  /* by the places "No" and "Number" start at, found by memchr () for
   * "N", not by every token */
  for (guint pass = 0; pass < 2; pass++)
    for (const char *q = c->text; pass == 0 || n_known > 0;)
      {
        const Token *t;
        gsize e, d;
        gboolean before, after, again = FALSE;
        guint number = 0, i;

        if ((q = memchr (q, 'N', c->n - (gsize) (q - c->text))) == NULL)
          break;
        q++;
        if (q >= c->text + c->n || (q[0] != 'o' && q[0] != 'u') ||
            (q - 1 > c->text && g_ascii_isalnum (q[-2])) ||
            (i = token_at (c->t, c->len, (gsize) (q - 1 - c->text), FALSE)) >= c->len)
          continue;
        t = &c->t[i];
        e = t->full_end;
        if (t->upper || c->type[i] != NULL || !(token_is (c, i, "number") || token_is (c, i, "no")))
          continue;
        if (e < c->n && c->text[e] == '.' && token_is (c, i, "no"))
          e++;
        if (e + 1 >= c->n || c->text[e] != ' ' || !g_ascii_isdigit (c->text[e + 1]))
          continue;
        d = e + 1;
        while (d < c->n && d < e + 4 && g_ascii_isdigit (c->text[d]))
          number = number * 10 + (guint) (c->text[d++] - '0');
        for (guint k = 0; k < n_known && pass == 1; k++)
          again = again || known[k] == number;
        if (d < c->n && (g_ascii_isalnum (c->text[d]) || c->text[d] == '/' || c->text[d] == '.' ||
                         c->text[d] == ','))
          {
            /* ("No. 22, …", a count's "Number 2." are no home's name) */
            if (!(c->text[d] == '.' && (d + 1 >= c->n || c->text[d + 1] == '\n')))
              continue;
          }
        before = i > 0 &&
                 ((gap_spaces (c, i - 1) && c->t[i - 1].lower &&
                   (token_in (c, i - 1, &went_to_set) || token_is (c, i - 1, "the"))) ||
                  (c->text[t->start - 1] == '"' && d < c->n && c->text[d] == '"') ||
                  gap_is (c, i - 1, ": "));
        after = d + 2 < c->n && c->text[d] == ' ' &&
                (c->text[d + 1] == '(' ||
                 (i + 1 < c->len && c->t[i + 1].start == d + 1 &&
                  (token_is (c, i + 1, "project") || token_is (c, i + 1, "house") ||
                   token_is (c, i + 1, "unit"))));
        if (pass == 1 ? !again || !token_is (c, i, "number")
                      : !(before || after) || (before && !after && token_is (c, i, "no")))
          continue;
        {
          SlSpan span = { c->offset + t->start, c->offset + d, type_institution };

          g_array_append_val (c->found, span);
          mark (c, i, i, type_none);
          if (pass == 0 && n_known < G_N_ELEMENTS (known))
            known[n_known++] = number;
        }
      }
}

/* "picked up at the Spotland Road Spar", "seen at the Anglia Square
 * Tesco": a chain's shop named by its street or its place, where someone
 * was, is the institution whole */
static void
branches_of_chains (Ctx *c)
{
  for (guint k = 3; k < c->len; k++)
    {
      guint first = k, last = k;

      if (!c->t[k].cap || !capish (&c->t[k - 1]) || !gap_spaces (c, k - 1) ||
          !(c->type[k] == NULL || c->type[k] == type_institution) || c->joined[k] ||
          chain_first_word (c->t[k].hash) < 0)
        continue;
      while (first > 1 && k - first < 3 && gap_spaces (c, first - 1) && capish (&c->t[first - 1]) &&
             c->t[first - 1].upper == c->t[k].upper &&
             !(c->t[first - 1].bits & (G_STOP | G_TITLE)) &&
             (c->type[first - 1] == NULL || c->type[first - 1] == type_place))
        first--;
      if (first == k || first < 2 || !token_is (c, first - 1, "the") ||
          !gap_spaces (c, first - 1) || !gap_spaces (c, first - 2) ||
          !token_in (c, first - 2, &went_to_set))
        continue;
      if (c->type[k] == type_institution)
        last = span_end (c, k);
      mark_with_poss (c, first, last, type_institution);
      k = last;
    }
}

/* "works at Megafone on Clayton St", "outside lucky dragon on anlaby rd",
 * "a flat above Chicken Hut on Bradford Road", "the Empire on Corporation
 * Road": words where someone was, before "on" or "off" and a street, are a
 * business; not a person's home ("at her nan's"), a kind of place ("at the
 * shop", "at bus stop"), an agency ("at Social Services") nor a place */
static void
venues_on_streets (Ctx *c)
{
  static const char *const not_names[] = {
    "flat", "unit", "number", "no", "room", "block", "apartment", "home", "work", "mine",
    "stop", "gates", "gate", "lights", "corner", "end", "bottom", "top", "junction",
  };
  static WordSet not_names_set = WORD_SET (not_names);
  static const char *const runs[] = { "runs", "run", "owns", "owned", "manages", "nr" };
  static WordSet runs_set = WORD_SET (runs);

  for (guint on = 2; on + 2 < c->len; on++)
    {
      guint first, last = on - 1, p, start;
      gboolean lower, the = FALSE, fit = TRUE, odd = FALSE, plain = TRUE;

      if (!(token_is (c, on, "on") || token_is (c, on, "off")) ||
          (c->t[on].cap && !c->t[on].upper) ||
          !gap_spaces (c, on) || !street_from (c, on + 1) || !name_gap (c, last) ||
          gap_is (c, last, " & ") || gap_is (c, last, " + "))
        continue;
      lower = c->t[last].lower;
      if (!(lower || capish (&c->t[last])) || (lower && c->t[on].upper))
        continue;
      first = last;
      while (first > 1 && last - first < 3 && name_gap (c, first - 1) &&
             (lower ? c->t[first - 1].lower : capish (&c->t[first - 1])) &&
             !token_in (c, first - 1, &went_to_set) && !token_in (c, first - 1, &runs_set) &&
             !determiner (c, first - 1) && !is_and (c, first - 1))
        first--;
      p = first - 1;
      start = first;
      if (token_is (c, p, "the") && p > 0)
        {
          the = TRUE;
          /* "at The Compass Centre": a capital "the" inside a sentence is
           * the name's */
          if (c->t[p].cap && !c->t[p].sentence && !lower)
            start = p;
          p--;
        }
      /* before it: where someone was or who runs it, another business and
       * "and", or a capitalised name after "the" */
      if (!(the && !lower) &&
          (!gap_spaces (c, p) || (lower && !c->t[p].lower) ||
           !(token_in (c, p, &went_to_set) || token_in (c, p, &runs_set) ||
             (p > 0 && is_and (c, p) && c->type[p - 1] == type_institution))))
        continue;
      for (guint k = first; k <= last && fit; k++)
        {
          const Token *u = &c->t[k];

          fit = (c->type[k] == NULL || c->type[k] == type_person) && !c->joined[k] &&
                name_word (u) && !(u->bits & G_KIN) && !word_in (c, k, W_MON, W_SUN) &&
                !word_in (c, k, W_JAN, W_DEC) && !token_in (c, k, &not_names_set) &&
                !(k == first && (u->bits & G_TITLE)) && !(lower && (u->bits & G_VERB));
          odd |= odd_word (u) || (!lower && !(u->bits & (G_ENGLISH | G_COMMON)));
          /* a name of a trade's words ("Chicken Hut") is one of two words */
          plain &= token_in (c, k, &agency_set) || token_in (c, k, &generic_set) ||
                   (u->bits & (G_STREET | G_PLACE | G_PLACE_START)) ||
                   ((u->bits & G_CUE) && first == last);
        }
      /* in lower case, one word or a name after "the" needs a word of no
       * dictionary ("megafone"); a first name and a surname are a person */
      /* in lower case, a kind of business ("vape bar") is no name, nor
       * what someone was linked or taken "to" */
      if (!fit || plain || (lower && !odd && (the || first == last)) ||
          (lower && ((c->t[last].bits & G_CUE) || token_is (c, p, "to") ||
                     token_is (c, p, "into") || token_is (c, p, "past"))) ||
          (first < last && (c->t[first].bits & (G_FIRST | G_FIRST_POP)) &&
           (c->t[last].bits & G_SUR_POP)))
        continue;
      mark_with_poss (c, start, last, type_institution);
    }
}

/* The kind of place in brackets after token last, in lower case: "(arcade)",
 * "(shopping centre)", "(residential)"; its last token, or 0 */
static guint
kind_in_brackets (const Ctx *c,
                  guint      last)
{
  guint cue = last + 1;

  if (cue >= c->len || !gap_is (c, last, " ("))
    return 0;
  while (cue + 1 < c->len && cue < last + 3 && c->t[cue].lower && gap_spaces (c, cue) &&
         !token_in (c, cue, &bracket_kinds_set) && !(c->t[cue].bits & G_CUE))
    cue++;
  if (!c->t[cue].lower || c->t[cue].full_end >= c->n || c->text[c->t[cue].full_end] != ')' ||
      !(token_in (c, cue, &bracket_kinds_set) || (c->t[cue].bits & G_CUE)))
    return 0;
  return cue;
}

/* Is token i a festival's name that no list holds ("at Vaisakhi")? */
static gboolean
festival (const Ctx *c,
          guint      i)
{
  static const char *const festivals[] = { "vaisakhi", "baisakhi", "diwali", "navratri",
                                           "ramadan", "ramzan", "hanukkah", "gurpurab", "mela",
                                           "holi", "durga", "puja", "pride", "carnival" };
  static WordSet festivals_set = WORD_SET (festivals);

  return token_in (c, i, &festivals_set);
}


/* Is a word of a venue's kind said of the name that ends at token last:
 * in brackets ("Tropix (shisha, Lincoln Road)", "AURA (BAR)", "BRAVO
 * (CAFE/BAR)", "Smak (a café on Wide Bargate)") or set beside it
 * ("Kubrick, the gaming café", "Pind, a bar on the Farnham Road"), or
 * after a dash in a list's item ("- arezo - afghan grill")? The kind's
 * token, or 0. */
static guint
venue_kind_after (const Ctx *c,
                  guint      last)
{
  gboolean bracket = gap_is (c, last, " (");
  /* "- irie - caribbean takeaway", "O Cantinho — Portuguese café-bar" */
  gboolean dash = gap_is (c, last, " - ") || gap_is (c, last, " \xe2\x80\x94 ") ||
                  gap_is (c, last, " \xe2\x80\x93 ");
  guint k = last + 1;

  if (k >= c->len || !(bracket || dash || gap_is (c, last, ", ")))
    return 0;
  if ((c->t[k].lower || c->t[k].upper) && gap_spaces (c, k) &&
      (token_is (c, k, "a") || token_is (c, k, "an") || token_is (c, k, "the")))
    k++;
  else if (!(bracket || dash))
    return 0;
  if (dash)
    {
      /* only an item of a list: "- arezo - afghan grill", "3. O Cantinho —
       * Portuguese café-bar"; the kind in lower case or a cuisine */
      guint first = last;
      gsize b;

      while (first > 0 && first + 3 > last && gap_spaces (c, first - 1))
        first--;
      b = c->t[first].start;
      while (b > 0 && c->text[b - 1] == ' ')
        b--;
      if (b > 0 && (c->text[b - 1] == '-' || c->text[b - 1] == '*' || c->text[b - 1] == '.' ||
                    c->text[b - 1] == ')'))
        {
          b--;
          while (b > 0 && g_ascii_isdigit (c->text[b - 1]))
            b--;
        }
      if ((b > 0 && c->text[b - 1] != '\n') ||
          (c->t[first].lower && (c->t[first].bits & G_ENGLISH)))
        return 0;
      if (token_in (c, k, &cuisines_set))
        return k;
      /* ("walkabout - middlesbrough town centre": where, not what) */
      if (!c->t[k].lower || (c->t[k].bits & (G_PLACE | G_PLACE_START)))
        return 0;
    }
  for (guint m = k; m < c->len && m < k + 4; m++)
    {
      const Token *t = &c->t[m];
      gsize e = t->full_end;

      if (!(t->lower || t->upper || token_in (c, m, &cuisines_set)) || (t->bits & (G_TITLE | G_KIN)))
        return 0;
      if ((t->bits & G_CUE) || token_in (c, m, &bracket_kinds_set))
        {
          /* what follows the kind: the bracket's end, a comma, a slash, or
           * where the venue is */
          if (e >= c->n || strchr (bracket ? "),;/" : ".,;:)\n", c->text[e]) != NULL)
            return m;
          if (m + 1 < c->len && gap_spaces (c, m) &&
              (token_is (c, m + 1, "on") || token_is (c, m + 1, "in") ||
               token_is (c, m + 1, "near") || token_is (c, m + 1, "by") ||
               token_is (c, m + 1, "off") || token_is (c, m + 1, "behind") ||
               token_is (c, m + 1, "opposite")))
            return m;
        }
      if (!gap_spaces (c, m) && !gap_is (c, m, "/"))
        return 0;
    }
  return 0;
}

/* Could token i start a table's cell: after "|", a tab, a comma with no
 * space or at a line's start? (A cheap test before in_column_headed.) */
static gboolean
table_cell_start (const Ctx *c,
                  guint      i)
{
  gsize b, e = c->t[i].start;

  if (i == 0)
    return TRUE;
  b = c->t[i - 1].full_end;
  if (e - b == 1 && c->text[b] == ',')
    return TRUE;
  for (gsize p = b; p < e; p++)
    if (c->text[p] == '|' || c->text[p] == '\t' || c->text[p] == '\n')
      return TRUE;
  return FALSE;
}


/* Venues named without a cue word: a name with its kind in brackets or
 * set beside it ("Dilkash (shisha, Girlington)", "Barwaaqo, a café on
 * Stapleton Road", "mako (club, fore st)"); a name in no list where
 * someone was outside, above or behind ("outside Yalla", "a flat above
 * Mezze"), or at, before the street it is on ("at Cwtch on Wind
 * Street"); the one joined to such a name by "and" ("Babel and Zeytin
 * (takeaways)"); and then each of them wherever else it stands in the
 * note ("Most reports concern Tropix"). */
static void
detect_named_venues (Ctx *c)
{
  /* who runs a place, or where someone went (went_to_set): before a
   * venue's name */
  static const char *const runs[] = { "runs", "manages", "owns" };
  static WordSet runs_set = WORD_SET (runs);
  static const char *const home[] = { "flat", "house", "home", "place", "room", "car", "mum", "dad",
                                      "nan", "brother", "sister", "cousin" };
  static WordSet home_set = WORD_SET (home);
  guint64 names[24];
  guint n_names = 0;

  for (guint i = 0; i < c->len; i++)
    {
      const Token *t = &c->t[i];
      guint first = i, last = i, kind;
      gboolean casual_word, lower_venue;

      if (c->type[i] != NULL || t->initial)
        continue;
      casual_word = t->lower && t->end - t->start >= 3 &&
                    !(t->bits & (G_STOP | G_VERB | G_PREP | G_KIN | G_CUE | G_TITLE)) &&
                    venue_kind_after (c, i + (i + 1 < c->len && c->t[i + 1].lower &&
                                              gap_spaces (c, i))) > 0 &&
                    !token_in (c, i, &generic_set);

      /* in rough notes and chats, "behind kingz", "at fadez", "going
       * layali": a word in lower case that is no word of the language and
       * in no list but the venues', where someone was */
      lower_venue = t->lower && t->casual && !t->poss && t->end - t->start >= 3 &&
                    unlisted (t) &&
                    any_byte_of (c->text + t->start, t->end - t->start, "aeiouy") &&
                    i > 0 && gap_spaces (c, i - 1) && c->t[i - 1].lower &&
                    (token_in (c, i - 1, &went_to_set) || token_in (c, i - 1, &runs_set) ||
                     token_is (c, i - 1, "going") || token_is (c, i - 1, "gone")) &&
                    /* not someone: "spoke to ronke", "come to dhuux flat" */
                    !(i > 1 && token_is (c, i - 1, "to") && token_in (c, i - 2, &contact_set)) &&
                    !(i + 1 < c->len && gap_spaces (c, i) && token_in (c, i + 1, &home_set));
      if (c->type[i] != NULL || !(capish (t) || casual_word || lower_venue) || t->initial ||
          (t->bits & (G_STOP | G_TITLE | G_PREP | G_VERB | G_CUE | G_HEADER | G_STREET)))
        continue;
      /* the name's words: capitalised, or one or two in lower case */
      while (last + 1 < c->len && last < i + 2 && gap_spaces (c, last) &&
             c->type[last + 1] == NULL &&
             !(c->t[last + 1].bits & (G_STOP | G_TITLE | G_PREP | G_VERB)) &&
             (t->lower ? c->t[last + 1].lower && !(c->t[last + 1].bits & (G_CUE | G_PREP))
                       : capish (&c->t[last + 1]) && c->t[last + 1].upper == t->upper))
        last++;
      /* "| Jalsa | shisha |", "| MALIK, Faisal | Ace |" under "Venue",
       * "Firm" or "Operator": alone in a column of venues */
      if (capish (t) && table_cell_start (c, i) && !token_in (c, i, &nobody_set) &&
          in_column_headed (c->text - c->offset, c->offset + t->start,
                            c->offset + c->t[last].end, venue_heading, 4))
        ;
      else if ((kind = venue_kind_after (c, last)) > 0 &&
          /* "Leeds (city centre)", "Jade (mum's house)": no town, and no
           * one's home; but "ZEUS (BAR)", "Aura (bar)": a trade */
          !(first == last && !t->poss && !(t->bits & G_CUE) &&
            ((t->bits & G_PLACE) ||
             ((t->bits & (G_FIRST | G_SUR)) && !token_in (c, kind, &cuisines_set) &&
              (token_in (c, kind, &bracket_kinds_set) || !(c->t[kind].bits & G_CUE))))) &&
          !(t->lower && !(first == 0 || !c->t[first - 1].lower || !gap_spaces (c, first - 1) ||
                          determiner (c, first - 1) || (c->t[first - 1].bits & G_PREP))))
        ;
      else if (unlisted (t) && capish (t) && !t->sentence && i > 0 && gap_spaces (c, i - 1) &&
               c->t[i - 1].lower &&
               (token_is (c, i - 1, "outside") || token_is (c, i - 1, "above") ||
                token_is (c, i - 1, "behind") ||
                ((token_is (c, i - 1, "at") || token_is (c, i - 1, "from")) &&
                 last + 2 < c->len && gap_spaces (c, last) && token_is (c, last + 1, "on") &&
                 gap_spaces (c, last + 1) && capish (&c->t[last + 2])) ||
                /* "at Xanadu later on", "at KALIMERA, BRADSHAWGATE": a word in
                 * no list where someone was, alone */
                (token_is (c, i - 1, "at") && !t->poss && t->end - t->start >= 4 &&
                 /* ("at IRDs", "at Vaisakhi") */
                 (!g_ascii_isupper (c->text[t->start + 1]) || (t->upper && shouting (c, i))) &&
                 !festival (c, i) &&
                 !(i + 1 < c->len && gap_spaces (c, i) && capish (&c->t[i + 1])))))
        {
          /* the name in no list, alone or with more such words */
          last = i;
          while (last + 1 < c->len && last < i + 2 && gap_spaces (c, last) &&
                 c->type[last + 1] == NULL && unlisted (&c->t[last + 1]) &&
                 capish (&c->t[last + 1]))
            last++;
        }
      /* in rough notes and chats, "behind kingz", "at fadez", "going
       * layali": a word in lower case that is no word of the language and
       * in no list but the venues', where someone was */
      else if (lower_venue)
        last = i;
      /* "at Mirage", "OUTSIDE YALLA", "took her to Rumba": one word of
       * the names venues trade under, where someone was; a first name or
       * a surname only after "at", "outside", "above", "behind" */
      else if ((t->bits & G_PUB) && capish (t) && !t->poss && i > 0 && gap_spaces (c, i - 1) &&
               (c->t[i - 1].lower || (t->upper && c->t[i - 1].upper)) &&
               (token_in (c, i - 1, &went_to_set) || token_in (c, i - 1, &runs_set)) &&
               (!(t->bits & (G_FIRST_POP | G_SUR_POP)) ||
                token_is (c, i - 1, "at") || token_is (c, i - 1, "outside") ||
                token_is (c, i - 1, "above") || token_is (c, i - 1, "behind")) &&
               /* ("at Mirage Lounge" is found with its trade; but "OUTSIDE
                * YALLA WITH TWO MALES") */
               !(i + 1 < c->len && gap_spaces (c, i) && capish (&c->t[i + 1]) &&
                 c->t[i + 1].upper == t->upper &&
                 !(t->upper && (c->t[i + 1].bits & (G_STOP | G_PREP)))))
        last = i;
      else
        continue;
      mark_with_poss (c, first, last, type_institution);
      if (first == last && n_names < G_N_ELEMENTS (names))
        names[n_names++] = t->hash;
      /* "Kokomo, Sands, No.7 or Rumba": the names listed after it, as
       * written, each a word or two */
      for (guint k = last; k + 1 < c->len && n_names < G_N_ELEMENTS (names); )
        {
          guint m = k + 1;
          gboolean comma = gap_is (c, k, ", ") || gap_is (c, k, "; ") || gap_is (c, k, ",  ");

          if (!comma &&
              !((is_and (c, m) || token_is (c, m, "or")) && gap_spaces (c, k) && m + 1 < c->len &&
                gap_spaces (c, m) && ++m))
            break;
          /* ("AT KALIMERA, BRADSHAWGATE": in capitals, after a comma, its
           * street as likely) */
          if (m >= c->len || c->type[m] != NULL || !capish (&c->t[m]) ||
              (comma && t->upper && !(c->t[m].bits & G_PUB)) ||
              c->t[m].upper != t->upper || (c->t[m].bits & (G_STOP | G_TITLE | G_PLACE | G_FIRST_POP)) ||
              (m + 1 < c->len && gap_spaces (c, m) && capish (&c->t[m + 1])))
            break;
          mark_with_poss (c, m, m, type_institution);
          names[n_names++] = c->t[m].hash;
          k = m;
        }
      /* "Babel and Zeytin (takeaways)": the name before "and" */
      if (first >= 2 && is_and (c, first - 1) && gap_spaces (c, first - 1) &&
          gap_spaces (c, first - 2) && c->type[first - 2] == NULL &&
          c->t[first - 2].upper == t->upper && capish (&c->t[first - 2]) == capish (t) &&
          !(c->t[first - 2].bits & (G_STOP | G_TITLE | G_PLACE | G_FIRST_POP)))
        {
          mark (c, first - 2, first - 2, type_institution);
          if (n_names < G_N_ELEMENTS (names))
            names[n_names++] = c->t[first - 2].hash;
        }
      i = last;
    }
  for (guint i = 0; i < c->len && n_names > 0; i++)
    {
      const Token *t = &c->t[i];
      gboolean known = FALSE;

      /* ("the swell was big": a word of the language in lower case is no
       * venue's name again) */
      if (c->type[i] != NULL || !(capish (t) || (t->lower && t->casual && !(t->bits & G_ENGLISH))) ||
          (i > 0 && gap_spaces (c, i - 1) && (token_is (c, i - 1, "a") || token_is (c, i - 1, "an"))) ||
          (i + 1 < c->len && gap_spaces (c, i) && capish (&c->t[i + 1]) && capish (t)))
        continue;
      for (guint q = 0; q < n_names && !known; q++)
        known = names[q] == t->hash;
      if (known)
        mark_with_poss (c, i, i, type_institution);
    }
}

/* "- the ship inn on lumley rd - staff good", "- golden sands amusements -
 * young girl", "- sea breeze b&b: rooms by the night": in rough notes, a
 * list item that starts with a venue's name and its kind in lower case */
static void
detect_bulleted_venues (Ctx *c)
{
  static const char *const after[] = { "on", "in", "at", "near", "by", "off", "opposite" };
  static WordSet after_set = WORD_SET (after);

  for (guint i = 0; i + 1 < c->len; i++)
    {
      gsize ls = c->t[i].start, e;
      guint first = i, cue;
      gboolean named = FALSE;

      /* the item's first word, after "- ", "* " or "• " at a line's start */
      if (!c->t[i].lower || c->type[i] != NULL || ls < 2 || c->text[ls - 1] != ' ')
        continue;
      ls--;
      if (c->text[ls - 1] == '-' || c->text[ls - 1] == '*')
        ls--;
      else if (ls >= 3 && (guchar) c->text[ls - 3] == 0xE2 && (guchar) c->text[ls - 2] == 0x80 &&
               (guchar) c->text[ls - 1] == 0xA2)
        ls -= 3;
      else
        continue;
      if (ls > 0 && c->text[ls - 1] != '\n')
        continue;
      if (token_is (c, i, "the") && gap_spaces (c, i))
        first = i + 1;
      for (cue = first; cue < c->len && cue < first + 4; cue++)
        {
          if (cue > first && !gap_spaces (c, cue - 1))
            break;
          if (!c->t[cue].lower || c->type[cue] != NULL)
            break;
          if (cue > first && (c->t[cue].bits & G_CUE))
            break;
          if (!(lower_word (&c->t[cue]) || token_is (c, cue, "n")))
            break;
          named = named || (!(c->t[cue].bits & (G_CUE | G_CUE_START | G_WEAK_CUE | G_STREET)) &&
                            !token_in (c, cue, &generic_set));
        }
      if (cue >= c->len || cue == first || cue >= first + 4 || !named ||
          !c->t[cue].lower || !(c->t[cue].bits & G_CUE) || c->type[cue] != NULL)
        continue;
      /* then the item goes on: " - ", ":", " (", " on lumley rd", or the line ends */
      e = c->t[cue].full_end;
      if (!(e >= c->n || c->text[e] == '\n' || c->text[e] == ':' ||
            (e + 2 < c->n && c->text[e] == ' ' &&
             (c->text[e + 1] == '-' || c->text[e + 1] == '(' || (guchar) c->text[e + 1] == 0xE2)) ||
            (cue + 1 < c->len && gap_spaces (c, cue) && token_in (c, cue + 1, &after_set))))
        continue;
      mark (c, first, cue, type_institution);
      i = cue;
    }
}

/* "hot spots: Coral Island (arcade), Pleasure Beach gates, promenade nr
 * Central Pier", "Places known to go: Royal Quays outlet, Spanish City": in
 * a list after a heading that names places, each item's capitalised words
 * name a venue, unless a town's */
static void
detect_listed_venues (Ctx *c)
{
  static const char *const keys[] = { "spots", "hotspots", "places", "locations", "venues",
                                      "premises", "businesses", "haunts" };
  static WordSet keys_set = WORD_SET (keys);

  for (guint k = 0; k + 1 < c->len; k++)
    {
      gboolean heading = FALSE;
      guint i;

      if (c->t[k].full_end >= c->n || c->text[c->t[k].full_end] != ':')
        continue;
      for (guint q = k; q + 4 > k && !heading; q--)
        {
          heading = token_in (c, q, &keys_set);
          if (q == 0 || c->text[c->t[q].start - 1] == '\n')
            break;
        }
      if (!heading)
        continue;
      /* each item: its first run of capitalised words */
      for (i = k + 1; i < c->len; i++)
        {
          guint last = i;
          gboolean untyped = TRUE, one_place;

          if (memchr (c->text + c->t[i - 1].full_end, '\n', c->t[i].start - c->t[i - 1].full_end))
            break;
          /* "names of places kids mentioned: chicken stop, wings n things":
           * in rough notes, an item of ordinary words in lower case */
          if (c->t[i].lower && c->type[i] == NULL && lower_word (&c->t[i]) &&
              !determiner (c, i) && (i == k + 1 || gap_is (c, i - 1, ", ")))
            {
              guint named = 0;
              gsize e;

              last = i;
              while (last + 1 < c->len && last < i + 3 && gap_spaces (c, last) &&
                     c->t[last + 1].lower && c->type[last + 1] == NULL &&
                     (lower_word (&c->t[last + 1]) || token_is (c, last + 1, "n")) &&
                     !is_and (c, last + 1))
                last++;
              e = c->t[last].full_end;
              /* not "town centre", "bus station", "local shops": a word of
               * the name that is no venue's kind */
              for (guint q = i; q <= last && named == 0; q++)
                named += !(c->t[q].bits & (G_CUE | G_WEAK_CUE | G_STREET | G_PREP)) &&
                         !token_in (c, q, &generic_set);
              if (last > i && named > 0 &&
                  (e >= c->n || strchr (",;\n", c->text[e]) != NULL ||
                   (last + 1 < c->len && is_and (c, last + 1))))
                mark (c, i, last, type_institution);
            }
          if (!c->t[i].cap || c->t[i].upper || c->joined[i] ||
              (c->t[i].bits & (G_TITLE | G_NAME_ROLE)) || token_is (c, i, "the"))
            continue;
          last = i;
          while (last + 1 < c->len && last < i + 3 && gap_spaces (c, last) &&
                 c->t[last + 1].cap && !c->t[last + 1].upper)
            last++;
          /* "Tynemouth Priory", "Wallsend Metro": a town and more words */
          for (guint q = i; q <= last; q++)
            untyped = untyped && (c->type[q] == NULL || c->type[q] == type_person ||
                                  (q == i && last > i && c->type[q] == type_place &&
                                   (q + 1 > last || !c->joined[q + 1])));
          one_place = last == i && (c->t[i].bits & (G_PLACE | G_FIRST_POP | G_SUR_POP));
          if (untyped && !one_place)
            mark_with_poss (c, i, last, type_institution);
          i = last;
          /* on to the next item */
          while (i + 1 < c->len && !memchr (c->text + c->t[i].full_end, ',',
                                            c->t[i + 1].start - c->t[i].full_end) &&
                 !memchr (c->text + c->t[i].full_end, ';', c->t[i + 1].start - c->t[i].full_end) &&
                 !memchr (c->text + c->t[i].full_end, '\n', c->t[i + 1].start - c->t[i].full_end) &&
                 !is_and (c, i + 1))
            i++;
        }
      k = i > k ? i - 1 : k;
    }
}

/* '"Dai's" — a café in Ystrad Mynach', '"Sal's", a café run by', "Tony's
 * (a café on Roundhay Road)", '"Mo's" (a takeaway)': a name with "'s" and
 * no noun after it, in quotes or before the kind of business it is, is the
 * business's */
static void
detect_possessive_businesses (Ctx *c)
{
  for (guint i = 0; i < c->len; i++)
    {
      const Token *t = &c->t[i];
      gsize e = t->full_end, q;
      gboolean quoted, trade = FALSE;
      guint k;

      if (!t->poss || !t->cap || t->upper || c->joined[i] ||
          !(c->type[i] == NULL || c->type[i] == type_person) ||
          (i + 1 < c->len && c->joined[i + 1]) || (t->bits & (G_TITLE | G_STOP)))
        continue;
      quoted = t->start > 0 && quote_at (c, e, TRUE) > 0 &&
               (c->text[t->start - 1] == '"' ||
                (t->start >= 3 && (guchar) c->text[t->start - 3] == 0xE2 &&
                 (guchar) c->text[t->start - 1] == 0x9C));
      if (quoted)
        e += quote_at (c, e, TRUE);
      /* the kind of business after it: " (a takeaway", " — a café", ", a café" */
      q = e;
      if (q + 2 < c->n && c->text[q] == ' ' && c->text[q + 1] == '(')
        q += 2;
      else if (q + 1 < c->n && c->text[q] == ',' && c->text[q + 1] == ' ')
        q += 2;
      else if (q + 5 <= c->n && strncmp (c->text + q, " \xe2\x80\x94 ", 5) == 0)
        q += 5;
      else if (q + 5 <= c->n && strncmp (c->text + q, " \xe2\x80\x93 ", 5) == 0)
        q += 5;
      else if (q + 3 <= c->n && strncmp (c->text + q, " - ", 3) == 0)
        q += 3;
      if (q > e)
        for (k = i + 1; k < c->len && k < i + 6 && c->t[k].start >= q && !trade; k++)
          {
            if (!c->t[k].lower || (k > i + 1 && !gap_spaces (c, k - 1)))
              break;
            trade = (c->t[k].bits & G_CUE) ||
                    ((c->t[k].bits & G_CUE_START) && match_phrase (c, k, P_CUE) > 1);
          }
      /* "cafe Marina's next to the clock tower", "the chippy, Fryday's on
       * the Ormeau Road": its trade before it, not "the shop Jade's mum
       * runs" */
      if (!quoted && !trade && i > 0 && c->t[i - 1].lower &&
          (gap_spaces (c, i - 1) || gap_is (c, i - 1, ", ")) &&
          ((c->t[i - 1].bits & G_CUE) || trade_cue (c, i - 1) || word_in (c, i - 1, W_CHIPPY, W_CHIPPY)) &&
          !(i + 1 < c->len && c->t[i + 1].lower &&
            ((c->t[i + 1].bits & G_KIN) || token_in (c, i + 1, &belongings_set))))
        trade = TRUE;
      if (!(quoted || trade))
        continue;
      /* '"Chrissy's" mum': a noun after it is hers */
      if (quoted && !trade && i + 1 < c->len && c->t[i + 1].start == e + 1 &&
          c->text[e] == ' ' && c->t[i + 1].lower && !token_in (c, i + 1, &after_business_set))
        continue;
      mark_with_poss (c, i, i, type_institution);
    }
}

/* "placed at Cliff View children's home", "2.2 Gascoigne Nights hostel":
 * capitalised words before their trade in lower case, where someone was
 * or at the head of an item; not a town's ("a Leeds hostel") nor a
 * person's ("Jade Smith hostel worker") */
static void
detect_named_before_trade (Ctx *c)
{
  static const char *const trades[] = {
    "hostel", "hotel", "home", "takeaway", "cafe", "caf\xc3\xa9", "chippy", "pub", "bar", "gym",
    "salon", "barbers", "lounge", "arcade", "arcades", "restaurant", "nightclub", "club",
    "garage", "wash", "b&b",
  };
  static WordSet trades_set = WORD_SET (trades);
  static const char *const where[] = { "at", "to", "from", "in", "near", "outside", "behind",
                                       "opposite", "into", "over", "above" };
  static WordSet where_set = WORD_SET (where);

  for (guint i = 2; i < c->len; i++)
    {
      guint k = i, first, last, named = 0, w;
      gboolean head, caps;

      /* every trade but "wash" is a cue word: test the bit first; "THE
       * COUNT HOUSE PUB" in a line in capitals */
      if (c->type[i] != NULL || !((c->t[i].bits & G_CUE) || token_is (c, i, "wash")) ||
          !token_in (c, i, &trades_set))
        continue;
      caps = c->t[i].upper && shouting (c, i);
      if (!(c->t[i].lower || caps))
        continue;
      /* "children's home", "care home", "guest house", "car wash": the
       * trade's first word */
      if ((token_is (c, i, "home") || token_is (c, i, "wash")) &&
          !((c->t[i - 1].lower || caps) && gap_spaces (c, i - 1) &&
            (g_ascii_strncasecmp (c->text + c->t[i - 1].start, "children", 8) == 0 ||
             token_is (c, i - 1, "care") || token_is (c, i - 1, "car"))))
        continue;
      if (token_is (c, i, "home") || token_is (c, i, "wash"))
        k = i - 1;
      last = k - 1;
      if (!gap_spaces (c, last) || !capish (&c->t[last]) || c->t[last].upper != caps)
        continue;
      first = last;
      while (first > 0 && last - first < 2 && gap_spaces (c, first - 1) &&
             capish (&c->t[first - 1]) && c->t[first - 1].upper == caps)
        first--;
      for (guint q = first; q <= last; q++)
        {
          if (!(c->type[q] == NULL || c->type[q] == type_person) ||
              (c->t[q].bits & (G_STOP | G_TITLE | G_NAME_ROLE | G_COUNCIL)))
            first = q + 1;
        }
      if (first > last || (first > 0 && c->joined[first]))
        continue;
      for (guint q = first; q <= last; q++)
        named += c->type[q] == NULL;
      /* one word that names nothing else, or a name and a word */
      if (named == 0 ||
          (first == last && (c->t[first].bits & (G_ENGLISH | G_COMMON | G_PLACE | G_FIRST))))
        continue;
      /* "2.2 Gascoigne Nights hostel": an item's number before it */
      {
        gsize q = c->t[first].start;

        while (q > 0 && (g_ascii_isdigit (c->text[q - 1]) || c->text[q - 1] == '.' ||
                         c->text[q - 1] == ' ' || c->text[q - 1] == ')'))
          q--;
        head = (q == 0 || c->text[q - 1] == '\n') && q < c->t[first].start &&
               g_ascii_isdigit (c->text[q]);
      }
      /* where someone was: "placed at", "taken to the" */
      w = first;
      if (w > 1 && token_is (c, w - 1, "the") && gap_spaces (c, w - 1))
        w--;
      if (!head && !(w > 0 && gap_spaces (c, w - 1) && (c->t[w - 1].lower || caps) &&
                     token_in (c, w - 1, &where_set)))
        continue;
      mark (c, first, last, type_institution);
    }
}

/* "a barbers, Sharp Fadez, on Stapleton Road", "a shisha lounge on York
 * Road, Smoke Palace, as", "a garage in Sprowston, Norfolk Tyre & Exhaust.",
 * "a café near the Oracle — Bean There Café", "a chippy in Baillieston,
 * the Codfather": a business, after its trade and where it stands, named
 * and set apart */
static void
detect_named_after_trade (Ctx *c)
{
  /* cue words that say no trade ("a house", "a special school") */
  static const char *const no_trade[] = {
    "house", "home", "homes", "high", "independent", "special", "junior", "juniors", "infant",
    "infants", "residential", "catholic", "rc", "ce", "limited", "ltd", "plc", "llp", "mobile",
    "project", "projects", "initiative", "holdings", "enterprises", "associates", "guest",
    "boarding", "cottage", "cottages", "suite", "rooms", "foods", "supplies", "institution",
    "institute", "campus", "properties", "construction",
  };
  static WordSet no_trade_set = WORD_SET (no_trade);
  static const char *const where[] = { "on", "in", "near", "off", "by", "opposite", "behind",
                                       "at", "outside" };
  static WordSet where_set = WORD_SET (where);
  static const char *const then[] = { "on", "in", "near", "had", "has", "as", "which", "where",
                                      "is", "was", "that", "off", "run", "owned", "and", "who",
                                      "since", "until", "for" };
  static WordSet then_set = WORD_SET (then);
  static const char *const inside[] = { "by", "of", "and", "n", "the", "on" };
  static WordSet inside_set = WORD_SET (inside);

  for (guint k = 1; k + 2 < c->len; k++)
    {
      guint d = k, s = k, i, last, n_people = 0;
      gboolean bracket, det;
      gsize e;

      /* "a barbers", "a snooker hall": a cue word, or a cue's last word */
      if (!c->t[k].lower || c->type[k] != NULL ||
          !((c->t[k].bits & G_CUE) ||
            ((c->t[k - 1].bits & G_CUE_START) && c->t[k - 1].lower && gap_spaces (c, k - 1) &&
             match_phrase (c, k - 1, P_CUE) == 2)) ||
          token_in (c, k, &no_trade_set))
        continue;
      /* "a barbers", "a shisha lounge", "the local nail bar" */
      while (d > 0 && k - d < 3 && gap_spaces (c, d - 1) && c->t[d - 1].lower &&
             !(token_is (c, d - 1, "a") || token_is (c, d - 1, "an") || token_is (c, d - 1, "the")))
        d--;
      /* ("vape bar on cavendish st (cloud vapez)": no article where the
       * name is in brackets) */
      det = d > 0 && gap_spaces (c, d - 1) &&
            (token_is (c, d - 1, "a") || token_is (c, d - 1, "an") || token_is (c, d - 1, "the"));
      /* "on the coast road", "in Sprowston", "near the Oracle" */
      if (gap_spaces (c, k) && token_in (c, k + 1, &where_set))
        {
          s = k + 1;
          while (s + 1 < c->len && s < k + 6 && gap_spaces (c, s))
            s++;
          if (s == k + 1)
            continue;
        }
      /* "a barbers on norwich rd (kingz kutz)": in brackets, in lower case too */
      bracket = gap_is (c, s, " (") || gap_is (c, s, "\" (");
      if (!(bracket || gap_is (c, s, ", ") || gap_is (c, s, " \xe2\x80\x94 ") ||
            gap_is (c, s, " \xe2\x80\x93 ") || gap_is (c, s, " - ")) || s + 1 >= c->len ||
          !(det || bracket))
        continue;
      i = s + 1;
      /* "the Codfather" */
      if (token_is (c, i, "the") && c->t[i].lower && i + 1 < c->len && gap_spaces (c, i))
        i++;
      if (!(c->t[i].cap || (bracket && lower_word (&c->t[i]))) || c->t[i].upper ||
          (c->t[i].bits & (G_TITLE | G_STREET)) || c->joined[i] || word_in (c, i, W_MON, W_SUN))
        continue;
      last = i;
      for (;;)
        {
          if (last + 1 < c->len && last < i + 4 &&
              ((c->t[last + 1].cap && !c->t[last + 1].upper) ||
               (bracket && c->t[i].lower && lower_word (&c->t[last + 1]))) &&
              (gap_spaces (c, last) || gap_is (c, last, " & ")))
            last++;
          else if (last + 2 < c->len && last < i + 3 && c->t[last + 1].lower &&
                   token_in (c, last + 1, &inside_set) &&
                   gap_spaces (c, last) && gap_spaces (c, last + 1) && c->t[last + 2].cap &&
                   !c->t[last + 2].upper)
            last += 2;
          else
            break;
        }
      /* "(cloud vapez)", not "(in town)": in lower case, one word at least
       * in no dictionary */
      if (c->t[i].lower)
        {
          gboolean odd = FALSE;

          for (guint q = i; q <= last; q++)
            odd = odd || odd_word (&c->t[q]);
          if (!odd)
            continue;
        }
      e = c->t[last].full_end;
      /* "(Chick King, Portrush)": the town after it */
      if (bracket && last + 1 < c->len && gap_is (c, last, ", ") &&
          c->type[last + 1] == type_place && !c->joined[last + 1])
        e = c->t[span_end (c, last + 1)].full_end;
      if (bracket ? e >= c->n || c->text[e] != ')' :
          !(e == c->n || strchr (",.;:)\n", c->text[e]) != NULL ||
            (last + 1 < c->len && gap_spaces (c, last) && c->t[last + 1].lower &&
             token_in (c, last + 1, &then_set))))
        continue;
      /* "a takeaway on Mill Road, Harehills": a town, no business; "a
       * taxi firm in Rochdale, Ali Khan, said": its owner */
      for (guint q = i; q <= last; q++)
        n_people += (c->type[q] == type_person || (c->t[q].bits & (G_FIRST | G_SUR))) &&
                    !(c->t[q].bits & (G_ENGLISH | G_WORD | G_COMMON));
      if ((last == i && (c->type[i] == type_place || (c->t[i].bits & (G_PLACE | G_PLACE_START)) ||
                         (c->type[i] == type_person && !c->t[i].poss))) ||
          (c->t[last].bits & G_STREET) ||
          (n_people == last - i + 1 && !c->t[last].poss && !(c->t[last].bits & G_CUE)))
        continue;
      if (last + 1 < c->len && c->joined[last + 1] && c->type[last + 1] != NULL)
        continue;
      mark_with_poss (c, i, last, type_institution);
      k = last;
    }
}

/* Tokens i to last name a chain, whose shops are named again only where
 * someone was ("Top Kutz" is no chain, though "Topshop" is) */
static gboolean
names_chain (const Ctx *c,
             guint      i,
             guint      last)
{
  gboolean none = FALSE, whole = FALSE;

  return chain_first_word (c->t[i].hash) >= 0 && chain_at (c, i, &none, &whole) == last - i + 1;
}

/* The most words of an institution's name named again in the note */
#define MAX_NAME_WORDS 6

/* A business or a home named in full is named again in short: by its
 * last word after "the" ("Linthorpe Grill" … "the Grill", "Kirkstall
 * Express" … "the Express", "Marine Lake Hall" … "the Hall"), or by a
 * first word no list holds ("Oakfield Academy" … "Oakfield"). @names
 * holds the hashes of the words of the @n_names names found. */
static void
propagate_short_forms (Ctx           *c,
                       const guint64  names[][MAX_NAME_WORDS],
                       const guint   *n_words,
                       guint          n_names)
{
  guint64 bloom = 0;

  for (guint k = 0; k < n_names; k++)
    if (n_words[k] >= 2)
      bloom |= (G_GUINT64_CONSTANT (1) << (names[k][n_words[k] - 1] >> 58)) |
               (G_GUINT64_CONSTANT (1) << (names[k][0] >> 58));
  if (bloom == 0)
    return;
  for (guint i = 1; i < c->len; i++)
    {
      const Token *t = &c->t[i];
      gboolean hit = FALSE;

      if (!(bloom & (G_GUINT64_CONSTANT (1) << (t->hash >> 58))) ||
          c->type[i] != NULL || !capish (t) ||
          (i + 1 < c->len && gap_spaces (c, i) && capish (&c->t[i + 1])))
        continue;
      for (guint k = 0; k < n_names && !hit; k++)
        {
          guint n = n_words[k];

          if (n < 2)
            continue;
          /* "the Grill", "The Lodge was named" */
          hit = names[k][n - 1] == t->hash && !t->upper && gap_spaces (c, i - 1) &&
                token_is (c, i - 1, "the") &&
                !(i > 1 && capish (&c->t[i - 2]) && gap_spaces (c, i - 2) && !c->t[i - 1].sentence) &&
                !(t->bits & (G_STREET | G_COUNCIL));
          /* "Oakfield"; "FLAT ABOVE ZEYTIN" after "ZEYTIN GRILL" in a line
           * in capitals */
          hit = hit || (names[k][0] == t->hash && unlisted (t) && t->end - t->start >= 4 &&
                        !t->poss && (!t->upper || shouting (c, i)));
          /* "Keystone sent policies only" after "Keystone Childcare",
           * "Horizon - unregulated" after "Horizon Pathways CIC": a
           * word of the language too, capitalised inside a sentence, or
           * first before a deed or a dash */
          hit = hit || (names[k][0] == t->hash && !unlisted (t) && t->cap && !t->upper &&
                        !t->poss && t->end - t->start >= 4 &&
                        !(t->bits & (G_STOP | G_TITLE | G_STREET | G_COUNCIL | G_CUE | G_CUE_START |
                                     G_PLACE | G_FIRST_POP | G_SUR_POP | G_KIN | G_HARD)) &&
                        !(i > 0 && gap_spaces (c, i - 1) && (token_is (c, i - 1, "a") ||
                                                            token_is (c, i - 1, "an"))) &&
                        /* ("American Express": inside another name) */
                        !(i > 0 && gap_spaces (c, i - 1) && capish (&c->t[i - 1])) &&
                        /* ("Level 1") */
                        !(t->full_end + 1 < c->n && c->text[t->full_end] == ' ' &&
                          g_ascii_isdigit (c->text[t->full_end + 1])) &&
                        (!t->sentence || deed_after (c, i) || gap_is (c, i, " - ")));
        }
      if (hit)
        mark (c, i, i, type_institution);
    }
  /* "Octavia Hill" after "Octavia Hill Academy", "Kinder Care" after
   * "Kinder Care Group plc": the first two words or more of a name of three
   * or more, capitalised, no more capitalised words after them */
  for (guint i = 0; i + 1 < c->len; i++)
    {
      guint best = 0;

      if (!(bloom & (G_GUINT64_CONSTANT (1) << (c->t[i].hash >> 58))) || !capish (&c->t[i]) ||
          c->t[i].upper || !(c->type[i] == NULL || c->type[i] == type_person))
        continue;
      for (guint k = 0; k < n_names; k++)
        {
          guint n = n_words[k], m = 1;

          if (n < 3 || names[k][0] != c->t[i].hash)
            continue;
          while (m < n - 1 && i + m < c->len && c->t[i + m].hash == names[k][m] &&
                 gap_spaces (c, i + m - 1) && capish (&c->t[i + m]) &&
                 (c->type[i + m] == NULL || c->type[i + m] == type_person))
            m++;
          if (m >= 2 && m > best &&
              !(i + m < c->len && gap_spaces (c, i + m - 1) && capish (&c->t[i + m])))
            best = m;
        }
      /* not a street ("Hope Street" of "Hope Street Youth Club"), nor a
       * person's name ("Agnes McCready" of "Agnes McCready House") */
      if (best == 0 || (c->t[i + best - 1].bits & G_STREET) ||
          (c->type[i] == type_person &&
           (span_end (c, i) >= i + best ||
            (span_end (c, i) == i + best - 1 && (c->t[i].bits & (G_FIRST | G_FIRST_POP))))) ||
          (c->type[i + best - 1] == type_person && span_end (c, i + best - 1) >= i + best))
        continue;
      mark_with_poss (c, i, i + best - 1, type_institution);
      i += best - 1;
    }
}

/* A business named once is named everywhere in the note: "OFB to raise
 * Smoke Palace with licensing" after "a shisha lounge, Smoke Palace". Only
 * names of two words or more, or of one word in no list ("Fonez4U"). */
static void
propagate_institutions (Ctx *c)
{
  enum { MAX_NAMES = 32 };
  guint64 names[MAX_NAMES][MAX_NAME_WORDS], firsts[MAX_NAMES], bloom = 0;
  guint n_words[MAX_NAMES], n_names = 0;
  gboolean poss[MAX_NAMES];

  for (guint i = 0; i < c->len && n_names < MAX_NAMES; i++)
    {
      guint last;

      if (c->type[i] != type_institution || c->joined[i])
        continue;
      last = span_end (c, i);
      /* a chain's shop is named again only where someone was */
      /* ("Mo's", "Bashir's" with their "'s") */
      if (last - i + 1 <= MAX_NAME_WORDS && capish (&c->t[i]) && !names_chain (c, i, last) &&
          (last > i || (unlisted (&c->t[i]) && c->t[i].end - c->t[i].start >= 4) ||
           (c->t[i].poss && c->t[i].full_end - c->t[i].end >= 2)))
        {
          for (guint q = i; q <= last; q++)
            names[n_names][q - i] = c->t[q].hash;
          poss[n_names] = last == i && c->t[i].poss;
          n_words[n_names++] = last - i + 1;
          bloom |= G_GUINT64_CONSTANT (1) << (c->t[i].hash >> 58);
        }
      i = last;
    }
  /* names with their "'s", found whole ("Mo's", "Frankie & Benny's") */
  for (guint f = c->found_from; f < c->found->len && n_names < MAX_NAMES; f++)
    {
      const SlSpan *span = &g_array_index (c->found, SlSpan, f);
      guint i, last;

      if (span->type != type_institution || span->start < c->offset ||
          span->end > c->offset + c->n ||
          (i = token_at (c->t, c->len, span->start - c->offset, FALSE)) >= c->len ||
          (last = token_at (c->t, c->len, span->end - c->offset, TRUE)) >= c->len ||
          last < i || last - i + 1 > MAX_NAME_WORDS || !capish (&c->t[i]) || names_chain (c, i, last))
        continue;
      for (guint q = i; q <= last; q++)
        names[n_names][q - i] = c->t[q].hash;
      poss[n_names] = last == i && c->t[i].poss;
      n_words[n_names++] = last - i + 1;
      bloom |= G_GUINT64_CONSTANT (1) << (c->t[i].hash >> 58);
    }
  if (n_names == 0)
    return;
  for (guint k = 0; k < n_names; k++)
    firsts[k] = names[k][0];
  propagate_short_forms (c, names, n_words, n_names);
  for (guint i = 0; i < c->len; i++)
    {
      if (!(bloom & (G_GUINT64_CONSTANT (1) << (c->t[i].hash >> 58))))
        continue;
      for (guint k = 0; k < n_names; k++)
        {
          guint n = n_words[k], q;

          /* "Tony's and Blue Lagoon were", though taken for a person's
           * there; "who owned Mo's.", "Bashir's closes at 2am", not "Tony's
           * mum" */
          if (firsts[k] != c->t[i].hash || i + n > c->len || c->joined[i] ||
              !(c->type[i] == NULL || (c->type[i] == type_none && n > 1) ||
                ((c->type[i] == type_person || (c->type[i] == type_place && n > 1)) &&
                 span_end (c, i) <= i + n - 1)) ||
              !capish (&c->t[i]) || (i + n < c->len && c->joined[i + n]) ||
              (poss[k] && (!c->t[i].poss ||
                           !(c->t[i].full_end >= c->n ||
                             strchr (".,;:)!?\"\n", c->text[c->t[i].full_end]) != NULL ||
                             (i + 1 < c->len && gap_spaces (c, i) &&
                              token_in (c, i + 1, &after_business_set))))) ||
              /* "a Riverside House is planned": one like it, not it */
              (i > 0 && gap_spaces (c, i - 1) &&
               (token_is (c, i - 1, "a") || token_is (c, i - 1, "an"))))
            continue;
          for (q = 1; q < n; q++)
            if (c->t[i + q].hash != names[k][q] ||
                !(c->type[i + q] == NULL || c->type[i + q] == type_none ||
                  ((c->type[i + q] == type_person || c->type[i + q] == type_place) &&
                   span_end (c, i + q) <= i + n - 1)) ||
                !(gap_spaces (c, i + q - 1) || gap_is (c, i + q - 1, " & ")))
              break;
          if (q < n)
            continue;
          mark_with_poss (c, i, i + n - 1, type_institution);
          i += n - 1;
          break;
        }
    }
}

/* After token i comes what is said of a person: a verb of saying or
 * doing ("thinks", "said", "not traced"), or an age in brackets ("(17") */
static gboolean
person_follows (const Ctx *c,
                guint      i)
{
  gsize e = c->t[i].full_end;

  if (e + 3 < c->n && c->text[e] == ' ' && c->text[e + 1] == '(' && g_ascii_isdigit (c->text[e + 2]))
    return TRUE;
  return i + 1 < c->len && gap_spaces (c, i) && c->t[i + 1].lower &&
         ((c->t[i + 1].bits & G_SVERB) || token_is (c, i + 1, "thinks") ||
          token_is (c, i + 1, "not"));
}

/* Token i is shaped as a name is: small letters after its capital, no
 * capital inside ("WeChat", "PCs", "TfL"), no short form of a verb ("I'm",
 * "We'll", "Didn't"), and not a street's "-gate" ("Kirkgate") */
static gboolean
plain_name_shape (const Ctx *c,
                  guint      i)
{
  const Token *t = &c->t[i];
  gsize n = t->end - t->start;
  const char *w = c->text + t->start;

  for (gsize k = 1; k < n; k++)
    if (g_ascii_isupper (w[k]) || w[k] == '\'' || (guchar) w[k] == 0xE2)
      return FALSE;
  return !(n > 4 && (g_ascii_strncasecmp (w + n - 4, "gate", 4) == 0 ||
                     g_ascii_strncasecmp (w + n - 4, "gait", 4) == 0));
}

/* Token i's line is written in capitalised words, as a heading is: no
 * more than one word in lower case for every two capitalised */
static gboolean
title_case_line (const Ctx *c,
                 guint      i)
{
  guint caps = 0, lower = 0;
  guint a = i, b = i;

  while (a > 0 && memchr (c->text + c->t[a - 1].full_end, '\n', c->t[a].start - c->t[a - 1].full_end) == NULL)
    a--;
  while (b + 1 < c->len && memchr (c->text + c->t[b].full_end, '\n', c->t[b + 1].start - c->t[b].full_end) == NULL)
    b++;
  for (guint k = a; k <= b; k++)
    {
      if (capish (&c->t[k]))
        caps++;
      else if (c->t[k].lower)
        lower++;
    }
  return lower * 2 < caps;
}

/* The number of @max digits at most at p[*k], past them; -1 if none */
static int
digits_from (const char *p,
             gsize       n,
             gsize      *k,
             guint       max)
{
  int value = -1;

  for (guint d = 0; *k < n && d < max && g_ascii_isdigit (p[*k]); d++)
    value = (value < 0 ? 0 : value * 10) + (p[(*k)++] - '0');
  return value;
}

/* The length of a full date at p ("30.11.1998", "01/01/1991", "3-9-2010"),
 * a year of four digits last, or 0; its day, month and year in @dmy */
static gsize
full_date_at (const char *p,
              gsize       n,
              int         dmy[3])
{
  gsize k = 0, year_at;
  char sep;

  if ((dmy[0] = digits_from (p, n, &k, 2)) < 0 || k >= n || p[k] == '\0' ||
      !strchr ("./-", p[k]))
    return 0;
  sep = p[k++];
  if ((dmy[1] = digits_from (p, n, &k, 2)) < 0 || k >= n || p[k] != sep)
    return 0;
  year_at = ++k;
  dmy[2] = digits_from (p, n, &k, 4);
  /* ("21.09.1993. Phone": a full stop after, not a fourth group) */
  if (k - year_at != 4 ||
      (k < n && (g_ascii_isalnum (p[k]) ||
                 (p[k] == sep && k + 1 < n && !g_ascii_isspace (p[k + 1])))) ||
      !(p[year_at] == '1' || p[year_at] == '2'))
    return 0;
  return k;
}

/* The date at [s, e) of @dmy could be someone's birth: a real day, in a
 * year a child of eight or more or an adult was born in, and eight years
 * or more before any other year the note names ("Jade Smith,
 * 12/03/2024:" in a chronology is the day something happened) */
static gboolean
date_of_birth_shape (const Ctx *c,
                     gsize      s,
                     gsize      e,
                     const int  dmy[3])
{
  int latest = 0;

  if (!g_date_valid_dmy ((GDateDay) dmy[0], (GDateMonth) dmy[1], (GDateYear) dmy[2]) ||
      !birth_year_plausible (dmy[2]))
    return FALSE;
  for (gsize i = 0; i + 4 <= c->n; i++)
    if ((i < s || i >= e) && (c->text[i] == '1' || c->text[i] == '2') &&
        (i == 0 || !g_ascii_isdigit (c->text[i - 1])) &&
        (i + 4 == c->n || !g_ascii_isdigit (c->text[i + 4])))
      {
        gsize k = i;
        int y = digits_from (c->text, c->n, &k, 4);

        /* (not an Act's year: "Sexual Offences Act 2003") */
        if (k == i + 4 && y >= 1900 && y <= current_year () && y > latest &&
            !(i >= 4 && strncmp (c->text + i - 4, "Act ", 4) == 0))
          latest = y;
      }
  return latest == 0 || dmy[2] <= latest - 8;
}

/* "at 17 Moorside, Huyton", "Address: 27 Eastborough, Dewsbury", "taken
 * to 2 Esplanade in Withernsea", "\n6 Tregenna, Camborne TR14 8PB": a
 * house's number and a street of one word, where someone lives or went,
 * before the town it is in; not a count ("from 2 Leeds, 3 Bradford") */
static void
one_word_streets (Ctx *c)
{
  static const char *const lives[] = { "lives", "live", "living", "lived", "address", "stays",
                                       "staying" };
  static WordSet lives_set = WORD_SET (lives);

  for (guint i = 0; i + 1 < c->len; i++)
    {
      const Token *t = &c->t[i];
      gsize d = t->start, digits = 0, b = i > 0 ? c->t[i - 1].full_end : 0, e = t->end;
      gboolean cue;

      if (!(t->cap || t->upper) || t->initial || t->poss || t->end - t->start < 4 ||
          (c->type[i] != NULL && c->type[i] != type_place && c->type[i] != type_person &&
           c->type[i] != type_institution) ||
          c->joined[i] || span_end (c, i) != i ||
          (t->bits & (G_STOP | G_VERB | G_TITLE | G_KIN | G_HEADER | G_CUE | G_STREET | G_PREP)))
        continue;
      /* " 17 " before it */
      if (d == 0 || (c->text[d - 1] != ' ' && c->text[d - 1] != '\t'))
        continue;
      d--;
      while (d > b && g_ascii_isdigit (c->text[d - 1]) && digits < 5)
        d--, digits++;
      if (digits == 0 || digits > 3 || c->text[d] == '0')
        continue;
      /* after where someone lives or went, a header's colon, or first on its
       * line or in its cell */
      if (d == 0 || c->text[d - 1] == '\n' || c->text[d - 1] == '\t')
        cue = TRUE;
      else if (c->text[d - 1] != ' ' || i == 0)
        continue;
      else
        cue = d - 1 == c->t[i - 1].full_end &&
              (token_in (c, i - 1, &went_to_set) || token_in (c, i - 1, &lives_set));
      if (!cue && d >= 2 && c->text[d - 2] == ':' && i > 0 && d - 2 == c->t[i - 1].full_end)
        cue = TRUE;
      if (!cue)
        continue;
      /* then ", Town" or " in Town" */
      if (!(e + 2 < c->n && c->text[e] == ',' && c->text[e + 1] == ' ' && i + 1 < c->len &&
            c->t[i + 1].start == e + 2 && (c->t[i + 1].cap || c->t[i + 1].upper) &&
            !(c->t[i + 1].bits & G_STOP)) &&
          !(i + 2 < c->len && gap_spaces (c, i) && c->t[i + 1].lower &&
            (token_is (c, i + 1, "in") || token_is (c, i + 1, "on")) && gap_spaces (c, i + 1) &&
            c->t[i + 2].cap &&
            ((c->t[i + 2].bits & (G_PLACE | G_PLACE_START)) ||
             !(c->t[i + 2].bits & (G_STOP | G_ENGLISH | G_COMMON | G_WORD)))))
        continue;
      /* not a count in a list of towns: "2 Leeds, 3 Bradford" */
      if ((t->bits & G_PLACE) && i + 1 < c->len && c->t[i + 1].start >= 2 &&
          g_ascii_isdigit (c->text[c->t[i + 1].start - 2]))
        continue;
      {
        SlSpan span = { c->offset + d, c->offset + t->end, SL_SPAN_ADDRESS };

        g_array_append_val (c->found, span);
        mark (c, i, i, type_none);
        /* and its town, in a log in capitals too ("17 MOORSIDE, HUYTON") */
        if (c->text[e] == ',' && c->t[i + 1].upper && c->type[i + 1] == NULL &&
            (c->t[i + 1].bits & G_PLACE) &&
            !(i + 2 < c->len && gap_spaces (c, i + 1) && c->t[i + 2].upper &&
              name_word (&c->t[i + 2])))
          mark (c, i + 1, i + 1, type_place);
      }
    }
}

/* "Callum McCartney aka Cal, 30.11.1998, lives", "Qudratullah, 01/01/1991,
 * address unknown", "Jade Smith (14/03/2009)": a full date set after a
 * person's name is their date of birth, though no keyword says so */
static void
dates_after_people (Ctx *c)
{
  for (guint i = 0; i < c->len; i++)
    {
      gsize e, len;
      guint first = i;
      int dmy[3];

      if (c->type[i] != type_person || (i + 1 < c->len && c->joined[i + 1]))
        continue;
      while (first > 0 && c->joined[first])
        first--;
      /* ("Completed by: Gemma Armstrong-Lowry, 13/11/2025": the day it was
       * written) */
      if (first > 0 && (token_is (c, first - 1, "by") || token_is (c, first - 1, "signed")))
        continue;
      e = c->t[i].full_end;
      /* "Stephen Ruttle (Smiley), 03.08.2001;": after a nickname in brackets */
      if (e + 3 < c->n && c->text[e] == ' ' && c->text[e + 1] == '(')
        {
          const char *close = memchr (c->text + e, ')', MIN (c->n - e, 24));

          if (close != NULL && close + 1 < c->text + c->n && close[1] == ',' &&
              memchr (c->text + e, '\n', (gsize) (close - (c->text + e))) == NULL)
            e = (gsize) (close + 1 - c->text);
        }
      if (e + 2 >= c->n || !((c->text[e] == ',' || c->text[e] == '(') ||
                             (c->text[e] == ' ' && c->text[e + 1] == '(')))
        continue;
      e += c->text[e] == ' ' ? 2 : 1;
      if (c->text[e - 1] == ',' && e < c->n && c->text[e] == ' ')
        e++;
      len = full_date_at (c->text + e, c->n - e, dmy);
      if (len > 0 && (e + len == c->n || strchr (",;) \n", c->text[e + len]) != NULL ||
                      /* "Craig Whyte, 21.09.1993. Phone" */
                      (c->text[e + len] == '.' &&
                       (e + len + 1 == c->n || g_ascii_isspace (c->text[e + len + 1])))) &&
          (c->text[e - 1] != '(' || (e + len < c->n && c->text[e + len] == ')')) &&
          date_of_birth_shape (c, e, e + len, dmy))
        {
          SlSpan span = { c->offset + e, c->offset + e + len, SL_SPAN_DATE_OF_BIRTH };

          g_array_append_val (c->found, span);
        }
    }
}

/* Where a run of digits that names a business ends before byte i ("786
 * Taxis", "24/7 Vapes", "A1 Cars" is a token), or i if none */
static gsize
number_name_before (const Ctx *c,
                    gsize      i)
{
  gsize b = i;

  if (b < 2 || c->text[b - 1] != ' ' || !g_ascii_isdigit (c->text[b - 2]))
    return i;
  b--;
  while (b > 0 && (g_ascii_isdigit (c->text[b - 1]) || c->text[b - 1] == '/') && i - b < 6)
    b--;
  if (b > 0 && (g_ascii_isalnum (c->text[b - 1]) || strchr ("/.:,-", c->text[b - 1]) != NULL))
    return i;
  return b;
}

/* Firms named as firms are: "Mbeki & Co", "Mahmood & Sons", "Ghani Bros
 * Recovery", "Patel Cash & Carry", "786 Food & Wine"; and businesses
 * named by a number and their trade: "786 Taxis", "24/7 Vapes" */
static void
detect_firms (Ctx *c)
{
  static const char *const firm[] = { "co", "sons", "son", "daughters", "partners", "associates",
                                      "brothers", "bros" };
  static WordSet firm_set = WORD_SET (firm);
  static const char *const after[] = { "ltd", "limited", "llp", "plc", "solicitors",
                                       "recovery", "builders", "motors" };
  static WordSet after_set = WORD_SET (after);
  static const char *const org[] = { "fostering", "care", "staffing", "assembly", "fellowship",
                                     "ministries", "lettings", "properties", "holdings",
                                     "enterprises", "logistics", "developments", "suites" };
  static WordSet org_set = WORD_SET (org);

  /* "through Pathways Fostering", "run by Lanterns Care", "from
   * NightForce Staffing", "at Living Waters Assembly": capitalised words
   * inside a sentence before a word organisations end in; not a public
   * service's name ("Children's Social Care", "Kent Fostering") */
  for (guint i = 1; i + 1 < c->len; i++)
    {
      guint first = i, last;
      gboolean plain = TRUE;

      if (!capish (&c->t[i]) || c->t[i].upper || c->t[i].sentence || c->type[i] != NULL ||
          !gap_spaces (c, i - 1) || !c->t[i - 1].lower)
        continue;
      for (last = i; last + 1 < c->len && last < i + 3 && gap_spaces (c, last) &&
           capish (&c->t[last + 1]) && !c->t[last + 1].upper && c->type[last + 1] == NULL; last++)
        ;
      if (last == i || !token_in (c, last, &org_set))
        continue;
      for (guint k = i; k < last && plain; k++)
        plain = !(c->t[k].bits & (G_PLACE | G_PLACE_START | G_STOP | G_TITLE | G_COUNCIL)) &&
                !token_in (c, k, &generic_set) && !c->t[k].poss;
      /* a name, not a kind ("Intensive Care", "Safer Recruitment"): a word
       * of no dictionary, or a noun in the plural first ("Lanterns") */
      if (plain && (c->t[i].bits & G_ENGLISH) && c->text[c->t[i].end - 1] != 's')
        plain = unknown_word_in (c, i, last - 1);
      if (plain && !(last + 1 < c->len && gap_spaces (c, last) && capish (&c->t[last + 1])))
        {
          mark (c, first, last, type_institution);
          i = last;
        }
    }

  for (guint i = 0; i + 1 < c->len; i++)
    {
      const Token *t = &c->t[i];
      guint first = i, last = i;
      gsize start;

      if (!capish (t) || t->upper || (c->joined[i] && c->type[i] != type_person) ||
          (c->type[i] != NULL && c->type[i] != type_person && c->type[i] != type_none))
        continue;
      if (gap_is (c, i, " & ") && capish (&c->t[i + 1]) && !c->t[i + 1].upper &&
          (token_in (c, i + 1, &firm_set) ||
           (token_is (c, i, "cash") && token_is (c, i + 1, "carry")) ||
           (token_is (c, i, "food") && token_is (c, i + 1, "wine"))))
        last = i + 1;
      /* "Ghani Bros": without "&" */
      else if ((token_is (c, i + 1, "bros") || token_is (c, i + 1, "sons")) && gap_spaces (c, i) &&
               !(t->bits & (G_TITLE | G_STOP)))
        last = i + 1;
      /* "786 Taxis", "24/7 Vapes": a number and a trade */
      else if (number_name_before (c, t->start) < t->start && (t->bits & G_CUE) &&
               (trade_cue (c, i) || word_in (c, i, W_CARS, W_KABS) || token_is (c, i, "vapes") ||
                token_is (c, i, "food")))
        ;
      else
        continue;
      /* the name before: capitalised words, no title ("Mr Patel of") */
      if (last > i || !(t->bits & G_CUE))
        while (first > 0 && gap_spaces (c, first - 1) && capish (&c->t[first - 1]) &&
               !c->t[first - 1].upper && i - first < 3 &&
               !(c->t[first - 1].bits & (G_TITLE | G_PREP | G_VERB)) &&
               !(c->type[first - 1] == type_person && c->joined[first - 1]))
          first--;
      if (token_is (c, first, "cash") || token_is (c, first, "food") || first == last)
        {
          /* "Patel Cash & Carry": the name before the trade */
          if (first > 0 && gap_spaces (c, first - 1) && capish (&c->t[first - 1]) &&
              !c->t[first - 1].upper && !(c->t[first - 1].bits & (G_TITLE | G_PREP | G_VERB)))
            first--;
        }
      while (last + 1 < c->len && gap_spaces (c, last) && capish (&c->t[last + 1]) &&
             token_in (c, last + 1, &after_set))
        last++;
      start = number_name_before (c, c->t[first].start);
      if (start < c->t[first].start)
        {
          SlSpan span = { c->offset + start, c->offset + c->t[last].full_end, type_institution };

          g_array_append_val (c->found, span);
          mark (c, first, last, type_none);
        }
      else if (first < last)
        mark_with_poss (c, first, last, type_institution);
      else
        continue;
      i = last;
    }
}

/* words of a public body's name, which no rule for a body's name takes
 * ("Mersey Care NHS Foundation Trust", "Leeds City Council") */
static const char *const public_bodies[] = {
  "nhs", "health", "hospital", "hospitals", "police", "constabulary", "council", "safeguarding",
  "national", "royal", "partnership", "board", "authority", "commissioner", "children's",
  "university", "county", "district", "teaching", "ambulance", "fire", "service",
  "services", "government", "ofsted", "department",
};
static WordSet public_bodies_set = WORD_SET (public_bodies);

/* "| Uncle Sam's | Green Lane Road |", "| The Old Mill, Skipton | 38 |",
 * "| Number 9 / Wardle House |": under a heading of venues, providers or
 * schemes (@heading), a cell's capitalised words up to a comma, a bracket
 * or a slash are a name of @type, whatever words they are; not a
 * council's (a place), a public body's or an agency's, nor words that are
 * no name. Under a heading of places ("Location", "Area", "Found at"), a
 * cell's words are a place: "| Low Fell |", "| Page Hall |". */
static void
column_cells (Ctx        *c,
              GRegex     *heading,
              GRegex     *heading_cell,
              const char *type)
{
  static const char *const joins[] = { "and", "of", "the", "on", "de", "y", "upon", "in", "at" };
  static WordSet joins_set = WORD_SET (joins);

  /* no table of bars or tabs, or no such heading in it: no cell is read */
  if ((memchr (c->text, '|', c->n) == NULL && memchr (c->text, '\t', c->n) == NULL) ||
      !g_regex_match_full (heading_cell, c->text, (gssize) c->n, 0, 0, NULL, NULL))
    return;

  for (guint i = 0; i < c->len; i++)
    {
      const Token *t = &c->t[i];
      gsize cell_end = t->start, name_end;
      guint last = i;
      gboolean plain = TRUE, ok = TRUE;

      if (!capish (t) || t->initial || c->joined[i] || !table_cell_start (c, i))
        continue;
      while (cell_end < c->n && cell_end - t->start <= 64 && c->text[cell_end] != '|' &&
             c->text[cell_end] != '\t' && c->text[cell_end] != '\n')
        cell_end++;
      if (cell_end >= c->n || c->text[cell_end] == '\n' || cell_end - t->start > 64)
        continue;
      name_end = cell_end;
      for (gsize p = t->start; p < cell_end; p++)
        if (c->text[p] == ',' || c->text[p] == '(' || c->text[p] == '/' || c->text[p] == ';')
          {
            name_end = p;
            break;
          }
      while (last + 1 < c->len && c->t[last + 1].full_end <= name_end &&
             (capish (&c->t[last + 1]) || token_in (c, last + 1, &joins_set)))
        last++;
      while (last > i && !capish (&c->t[last]))
        last--;
      /* nothing but the name before the cell's end, or before its comma */
      for (gsize p = c->t[last].full_end; p < name_end && ok; p++)
        ok = c->text[p] == ' ' || c->text[p] == '&' || c->text[p] == '+' || g_ascii_isdigit (c->text[p]);
      while (cell_end > t->start && c->text[cell_end - 1] == ' ')
        cell_end--;
      if (!ok || !in_column_headed (c->text - c->offset, c->offset + t->start,
                                    c->offset + cell_end, heading, 4))
        {
          i = last;
          continue;
        }
      for (guint k = i; k <= last && ok; k++)
        {
          ok = c->type[k] != type_none && !(c->t[k].bits & G_COUNCIL) &&
               !token_in (c, k, &public_bodies_set);
          plain &= token_in (c, k, &agency_set) || token_in (c, k, &generic_set) ||
                   token_in (c, k, &joins_set) ||
                   (type == type_institution ? (c->t[k].bits & G_CUE) != 0
                                             : (c->t[k].bits & (G_STOP | G_CUE)) && !(c->t[k].bits & G_PLACE) && last == i);
        }
      /* one word of the stop list ("Barnardo's") is no business */
      ok = ok && !token_in (c, i, &nobody_set) && !(last == i && (t->bits & G_STOP)) &&
           (type == type_institution ||
            /* a street alone is no place; nor are letters ("MIR") */
            ((c->type[i] == NULL || c->type[i] == type_person) &&
             !(c->t[last].bits & G_STREET) && !(last == i && t->upper && !(t->bits & G_PLACE))));
      if (ok && !plain)
        {
          /* with its number: "Number 9", "Unit 4" */
          gsize e = c->t[last].full_end;

          while (e < name_end && (c->text[e] == ' ' || g_ascii_isdigit (c->text[e])))
            e++;
          while (e > c->t[last].full_end && c->text[e - 1] == ' ')
            e--;
          if (e > c->t[last].full_end)
            {
              SlSpan span = { c->offset + t->start, c->offset + e, type };

              g_array_append_val (c->found, span);
              mark (c, i, last, type_none);
            }
          else
            mark_with_poss (c, i, last, type);
        }
      i = last;
    }
}

/* "Harbour Lights Youth Trust", "Calderdale Private Hire Association",
 * "Bay Community Foundation", "ASHGROVE CARE GROUP LTD": capitalised words
 * before a word a body's name ends in are its name, whatever was found in
 * them before; not a public body's ("Mersey Care NHS Foundation Trust",
 * "Safeguarding Partnership") */
static void
institution_tails (Ctx *c)
{
  static const char *const tails[] = { "association", "forum", "trust", "foundation", "society",
                                       "network", "group", "ltd", "limited", "cic", "federation", "plc",
                                       "llp", "cio" };
  static WordSet tails_set = WORD_SET (tails);

  for (guint k = 1; k < c->len; k++)
    {
      const Token *t = &c->t[k];
      guint first = k, last = k, words = 0;
      gboolean ok = TRUE, upper;

      /* ("Kinder Care Group plc": "plc" in lower case as often as not) */
      if (!(capish (t) || token_is (c, k, "plc")) || !token_in (c, k, &tails_set) ||
          !gap_spaces (c, k - 1) ||
          (c->type[k] != NULL && c->type[k] != type_none && c->type[k] != type_institution))
        continue;
      /* the name's case: "Kinship Lodgings CIC" is no name in capitals */
      upper = t->end - t->start == 3 ? c->t[k - 1].upper : t->upper;
      /* "… Group Ltd" */
      while (last + 1 < c->len && gap_spaces (c, last) && capish (&c->t[last + 1]) &&
             (c->t[last + 1].upper == upper || c->t[last + 1].end - c->t[last + 1].start == 3) &&
             token_in (c, last + 1, &tails_set))
        last++;
      while (first > 0 && k - first < 6 && capish (&c->t[first - 1]) &&
             c->t[first - 1].upper == upper && !c->t[first - 1].initial &&
             (gap_spaces (c, first - 1) || gap_is (c, first - 1, " & ")) &&
             !(c->t[first - 1].bits & (G_TITLE | G_PREP | G_VERB | G_HEADER | G_NAME_ROLE)) &&
             !((c->t[first - 1].bits & G_STOP) && !(c->t[first - 1].bits & (G_CUE | G_CUE_START))) &&
             /* (not into what a rule found to be no name) */
             !(c->joined[first] && c->type[first] == type_none))
        {
          first--;
          words++;
          if (c->t[first].sentence)
            break;
        }
      /* ("The Fostering Network": its "The" is no word of the name) */
      if (words > 0 && token_is (c, first, "the") && c->t[first].end - c->t[first].start == 3)
        words--;
      /* one word before only if no list holds it ("Ashgrove Trust"; not
       * "Belfast Trust", "Southern Trust"); a group's name has a word of
       * no dictionary ("Harewood Care Group", not "Operational Group") */
      if (words == 0 || (words == 1 && !unlisted (&c->t[k - 1])))
        continue;
      if (token_is (c, k, "group"))
        ok = unknown_word_in (c, first, k - 1);
      for (guint q = first; q <= last && ok; q++)
        ok = !token_in (c, q, &public_bodies_set) && !c->t[q].poss;
      /* the words found before lie whole inside: no name runs on into them
       * from before ("Mr Harbour Lights Youth Trust" is no one) */
      ok = ok && !(c->joined[first] && c->type[first] != NULL);
      if (!ok)
        continue;
      mark (c, first, last, type_institution);
      k = last;
    }
}

/* Does the post that ends at token i follow a person's name and a comma
 * ("Kirsty Doig, Development Worker")? */
static gboolean
post_after_person (const Ctx *c,
                   guint      i)
{
  guint k = i;

  while (k > 0 && i - k < 3 && gap_spaces (c, k - 1) && capish (&c->t[k - 1]) &&
         c->type[k - 1] == NULL)
    k--;
  return k > 0 && gap_is (c, k - 1, ", ") && c->type[k - 1] == type_person;
}

/* "Development Worker, Tayside Youth Link", "Director, Foyle Youth Works",
 * "Service Manager | Glenview Supported Housing |": in a signature, the
 * capitalised words after someone's post, to the line's or the cell's
 * end, are the employer's name; not a council (a place), not a public
 * body */
static void
employers_after_posts (Ctx *c)
{
  static const char *const posts[] = { "worker", "officer", "manager", "director", "lead",
                                       "coordinator", "co-ordinator", "chair", "executive",
                                       "secretary", "trustee", "head", "principal", "individual",
                                       "administrator", "adviser", "advisor", "practitioner",
                                       "founder", "owner", "proprietor", "leader", "headteacher" };
  static WordSet posts_set = WORD_SET (posts);

  for (guint i = 0; i + 1 < c->len; i++)
    {
      guint first = i + 1, last;
      gsize e;
      gboolean ok = TRUE;

      if (!c->t[i].cap || c->t[i].upper || !token_in (c, i, &posts_set) ||
          !(gap_is (c, i, ", ") || gap_is (c, i, " | ") || gap_is (c, i, " \xe2\x80\x93 ") ||
            gap_is (c, i, " \xe2\x80\x94 ")) ||
          !capish (&c->t[first]) || c->t[first].upper)
        continue;
      for (last = first; last + 1 < c->len && last < first + 5 && gap_spaces (c, last) &&
           (capish (&c->t[last + 1]) || is_and (c, last + 1)) && !c->t[last + 1].upper; last++)
        ;
      /* to the line's or the cell's end, or in a sentence between commas
       * after a person's name and post ("Kirsty Doig, Development Worker,
       * Taybank Youth Link, said") */
      e = c->t[last].full_end;
      if (!(e >= c->n || c->text[e] == '\n' || c->text[e] == '\r' ||
            (c->text[e] == ' ' && e + 1 < c->n && (c->text[e + 1] == '|' || c->text[e + 1] == '<')) ||
            (gap_is (c, last, ", ") && c->t[last + 1].lower && post_after_person (c, i))))
        continue;
      if (last == first && !unlisted (&c->t[first]))
        continue;
      /* a word of no dictionary in it, not a person's name whole */
      ok = unknown_word_in (c, first, last) &&
           !(c->type[first] == type_person && !c->joined[first] && span_end (c, first) == last);
      for (guint q = first; q <= last && ok; q++)
        ok = !token_in (c, q, &public_bodies_set) && !(c->t[q].bits & (G_COUNCIL | G_TITLE));
      if (!ok || is_and (c, last))
        continue;
      mark (c, first, last, type_institution);
      i = last;
    }
}

/* Is token i a weekday's or a month's short form standing as a date does:
 * before a full stop, a colon, a bracket or a number, or in a range ("Mon.",
 * "Jun: 4 more", "(GH, Mon)", "Jan to Apr"), not after a word of meeting
 * ("spoke to Jan.")? */
static gboolean
day_or_month_short (const Ctx *c,
                    guint      i)
{
  gsize e = c->t[i].full_end;
  gboolean range;

  if (token_chars (c, i) > 4 || !(word_in (c, i, W_MON, W_SUN) || word_in (c, i, W_JAN, W_DEC)) ||
      person_context_after (c, i) || past_verb_after (c, i) ||
      (i > 0 && gap_spaces (c, i - 1) &&
       ((c->t[i - 1].bits & G_TITLE) || token_in (c, i - 1, &contact_set) ||
        token_is (c, i - 1, "to") || token_is (c, i - 1, "with"))))
    return FALSE;
  range = i + 2 < c->len && gap_spaces (c, i) && gap_spaces (c, i + 1) &&
          (token_is (c, i + 1, "to") || is_and (c, i + 1)) &&
          (word_in (c, i + 2, W_MON, W_SUN) || word_in (c, i + 2, W_JAN, W_DEC));
  /* ("Jan: I was there" labels what someone said; "Jun: 4 more" is a
   * month's count) */
  if (e + 2 < c->n && c->text[e] == ':')
    return g_ascii_isdigit (c->text[e + 2]) != 0;
  /* ("Mon. Jas home late" heads a line; "spoke with Jan." does not) */
  if (e < c->n && c->text[e] == '.')
    return c->t[i].start == 0 || c->text[c->t[i].start - 1] == '\n';
  return range || e >= c->n || c->text[e] == ')' || c->text[e] == ',' ||
         (c->text[e] == ' ' && e + 1 < c->n && g_ascii_isdigit (c->text[e + 1]));
}

/* A body named after someone or with a name first, its kind last: "the
 * Annick Sexual Health Clinic", "Kibble Education and Care Centre", "Agnes
 * McCready House": the name found as a person's, and capitalised words to
 * an institution's word after it, are the institution */
static gboolean
person_before_cue_span (Ctx   *c,
                        guint  i,
                        guint  j)
{
  guint cue = 0;

  if (c->lead[i] != 0 || c->t[i].upper || (c->t[i].bits & G_TITLE))
    return FALSE;
  for (guint k = j + 1; k < c->len && k <= j + 5 && gap_spaces (c, k - 1); k++)
    {
      const Token *u = &c->t[k];

      /* (a kind of service alone is no one's: "Sexual Health Clinic") */
      if (!(c->type[k] == NULL || c->type[k] == type_institution || c->type[k] == type_none) ||
          !(u->cap || ((is_and (c, k) || token_is (c, k, "of")) && u->lower)) || u->upper)
        break;
      /* (a weak cue too: the person's name is the proper name it needs) */
      if ((u->bits & G_CUE) && u->cap)
        {
          cue = k;
          if (!(k + 1 < c->len && gap_spaces (c, k) && c->t[k + 1].cap &&
                (c->t[k + 1].bits & G_CUE)))
            break;
        }
    }
  if (cue == 0 || (c->t[cue - 1].lower && cue - 1 == j + 1))
    return FALSE;
  if (c->type[cue] == type_institution)
    cue = span_end (c, cue);
  mark_with_poss (c, i, cue, type_institution);
  return TRUE;
}

/* Two places joined by "and" before an institution's kind ("Dundee and
 * Angus College"), one body; and a firm named with a name and its trade
 * ("Tay Security Services", "Tees Valley Interpreting", "Lanternhouse
 * Youth Services", "Calder Learning Trust"): capitalised words before a
 * trade's word, one of them a name found (a person's or a place's) or a
 * word of no list. Before "Services", "Trust", "Partnership", "Group" or
 * "Care" not a place's, which names a council's or a health service
 * ("Leeds Youth Services") */
static void
trade_names (Ctx *c)
{
  static const char *const trades[] = {
    "training", "solutions", "security", "interpreting", "living", "futures", "pathways",
    "consultancy", "recruitment", "logistics", "properties", "developments", "enterprises",
    "holdings", "associates", "translations", "staffing", "cleaning", "removals", "couriers",
    "lodgings", "outreach", "cadets", "law",
  };
  static WordSet trades_set = WORD_SET (trades);
  static const char *const bodies[] = { "services", "trust", "partnership", "group", "care" };
  static WordSet bodies_set = WORD_SET (bodies);

  for (guint k = 1; k < c->len; k++)
    {
      const Token *t = &c->t[k];
      gboolean trade, named = FALSE, placed = FALSE;
      guint first = k;

      /* "Dundee and Angus College", "Nelson and Colne College": two places
       * joined by "and" before the kind name one body */
      if (k >= 2 && c->type[k] == type_institution && !c->joined[k] && (t->bits & G_PLACE) &&
          is_and (c, k - 1) && c->t[k - 1].lower && gap_spaces (c, k - 1) &&
          gap_spaces (c, k - 2) && c->type[k - 2] == type_place && !c->joined[k - 2] &&
          span_end (c, k - 2) == k - 2 && c->t[k - 2].cap == t->cap && span_end (c, k) > k)
        {
          guint last = span_end (c, k);

          mark (c, k - 2, last, type_institution);
          k = last;
          continue;
        }
      /* (cheap tests first: a trade's word is a word of the language) */
      if (!t->cap || !(t->bits & G_ENGLISH) || t->poss ||
          !(c->type[k] == NULL || c->type[k] == type_none) || !gap_spaces (c, k - 1))
        continue;
      trade = token_in (c, k, &trades_set);
      if (!trade && !token_in (c, k, &bodies_set))
        continue;
      while (first > 0 && k - first < 3 && gap_spaces (c, first - 1) &&
             c->t[first - 1].cap && c->t[first - 1].upper == t->upper && !c->t[first - 1].poss &&
             !(c->t[first - 1].bits & (G_STOP | G_TITLE | G_HEADER)) &&
             (c->type[first - 1] == NULL || c->type[first - 1] == type_person ||
              c->type[first - 1] == type_place || c->type[first - 1] == type_none) &&
             !(c->type[first - 1] != NULL && c->joined[first - 1] == 0 &&
               span_end (c, first - 1) >= k))
        first--;
      for (guint q = first; q < k; q++)
        {
          placed = placed || c->type[q] == type_place || (c->t[q].bits & G_COUNCIL);
          named = named || c->type[q] == type_person || c->type[q] == type_place ||
                  unlisted (&c->t[q]);
        }
      /* the name's first word starts its span, not one found before it */
      if (first == k || !named || (first > 0 && c->joined[first] && c->type[first] != NULL) ||
          (!trade && placed))
        continue;
      /* "Tay Security Services": a trade's words one after another */
      while (k + 1 < c->len && gap_spaces (c, k) && c->t[k + 1].cap && c->type[k + 1] == NULL &&
             (token_in (c, k + 1, &trades_set) || token_in (c, k + 1, &bodies_set)))
        k++;
      mark (c, first, k, type_institution);
    }
}

/* A name and "'s" with no noun after it names a place, the "'s" with it:
 * a business where someone was ("outside Antonio's said", "between Marco's
 * and Nico's", "at Dimitri's until 2am"); at or to a popular first name's,
 * someone's home ("at Kayla's"), still the person's; but a full name's
 * keeps its "'s" outside ("at Grace Baker's") */
static void
standing_possessive_span (Ctx   *c,
                          guint  i,
                          guint  j)
{
  const Token *u = &c->t[j];
  gboolean venue;

  /* ("at Grace Baker's": a full name's, someone's home) */
  if (j != i || c->lead[i] != 0 || !u->poss || u->full_end - u->end < 2 || !u->cap || u->upper ||
      /* a noun after it: "Kayla's mum", "Jimmy's student nights" */
      (j + 1 < c->len && c->t[j + 1].lower &&
       (gap_spaces (c, j) || gap_is (c, j, "\" ") || gap_is (c, j, "' ")) &&
       !(c->t[j + 1].bits & (G_PREP | G_VERB)) && !is_and (c, j + 1) &&
       !token_is (c, j + 1, "or")))
    return;
  /* (at or to someone's, their home, unless the name is in no list of
   * first names: "at Dimitri's") */
  venue = i > 0 && gap_spaces (c, i - 1) && c->t[i - 1].lower &&
          (token_in (c, i - 1, &went_to_set) || token_is (c, i - 1, "between")) &&
          !(c->t[i].bits & G_TITLE) &&
          (!(c->t[i].bits & G_FIRST_POP) ||
           !(token_is (c, i - 1, "at") || token_is (c, i - 1, "to")));
  {
    SlSpan span = { c->offset + c->t[i].start, c->offset + u->full_end,
                    venue ? type_institution : type_person };

    g_array_append_val (c->found, span);
    mark (c, i, j, type_none);
  }
}

/* A person found that is only a post's words, no name: "the Detective
 * Chief Inspector for Public Protection", "the Chief Executive of
 * Rochdale", "The Guardian, Ms Thwaite", "Children and Young People" */
static gboolean
post_alone_span (Ctx   *c,
                 guint  i,
                 guint  last)
{
  static const char *const posts[] = {
    "chief", "executive", "executives", "guardian", "inspector", "detective", "superintendent",
    "constable", "sergeant", "officer", "director", "manager", "member", "members", "chair",
    "consultant", "paediatrician", "individual", "lead", "head", "coordinator", "co-ordinator",
    "commissioner", "recorder", "registrar", "secretary", "governor", "trustee", "solicitor",
    "barrister", "counsel", "coroner", "practitioner", "adviser", "advisor", "assistant",
    "deputy", "principal", "headteacher", "reviewer", "investigator", "people", "honorary",
    "senior", "designated", "named", "independent",
  };
  static WordSet posts_set = WORD_SET (posts);
  gboolean all = TRUE;

  if (!c->t[i].cap || c->t[i].upper)
    return FALSE;
  for (guint k = i; k <= last && all; k++)
    all = c->t[k].cap && !c->t[k].upper && !c->t[k].poss && token_in (c, k, &posts_set);
  if (!all)
    return FALSE;
  /* (not "Ms Head", "the Head's office", nor a post before its holder's
   * name: "Detective Chief Inspector Jamie Kerrigan") */
  if (last + 1 < c->len && gap_spaces (c, last) && c->type[last + 1] == type_person &&
      c->lead[last + 1] == 0)
    c->joined[last + 1] = TRUE;
  else if (c->lead[i] == 0)
    mark (c, i, last, type_none);
  return TRUE;
}

/* The people found, read once more, late: a post's words alone
 * (post_alone_span), a name before an institution's kind
 * (person_before_cue_span), a name's "'s" standing alone
 * (standing_possessive_span) */
static void
late_people (Ctx *c)
{
  for (guint i = 0; i < c->len; i++)
    {
      guint j;

      if (c->type[i] != type_person || c->joined[i])
        continue;
      j = span_end (c, i);
      if (!post_alone_span (c, i, j) && !person_before_cue_span (c, i, j))
        standing_possessive_span (c, i, j);
      i = j;
    }
}

/* What was taken for a person and is none: a weekday or a month alone
 * ("Mon. Jas home late", "Jan to Apr", "(GH, Mon)"), unless a verb says
 * someone did something ("Jan said"); a car's model after its make ("Kia
 * Niro", "Seat Leon") */
static void
days_and_models (Ctx *c)
{
  for (guint i = 0; i < c->len; i++)
    {
      if (c->type[i] != type_person || c->joined[i] || (i + 1 < c->len && c->joined[i + 1]) ||
          !c->t[i].cap || c->t[i].poss)
        continue;
      if (day_or_month_short (c, i))
        mark (c, i, i, type_none);
      else if (i > 0 && gap_spaces (c, i - 1) && capish (&c->t[i - 1]) &&
               word_in (c, i - 1, W_FORD, W_JEEP))
        mark (c, i, i, type_none);
    }
}

/* "Telford & Wrekin Safeguarding Partnership", "Cwm Taf Morgannwg
 * Safeguarding Board", "Cardiff and Vale Health Board": a partnership or
 * a board named after its area is a public body, and its area's name in
 * it is no place of the note's */
static void
partnerships_of_places (Ctx *c)
{
  static const char *const bodies[] = { "safeguarding", "health", "children's", "childrens",
                                        "children", "adults", "regional", "community",
                                        "partnership", "board" };
  static WordSet bodies_set = WORD_SET (bodies);

  for (guint i = 0; i < c->len; i++)
    {
      guint last, k;

      if (c->type[i] != type_place || c->joined[i])
        continue;
      last = span_end (c, i);
      /* "the city's Safer Plymouth partnership" */
      if (i > 0 && gap_spaces (c, i - 1) && c->t[i - 1].cap && token_is (c, i - 1, "safer"))
        {
          mark (c, i, last, type_none);
          i = last;
          continue;
        }
      k = last + 1;
      if (k >= c->len || !gap_spaces (c, last) || !c->t[k].cap || !token_in (c, k, &bodies_set))
        {
          i = last;
          continue;
        }
      while (k + 1 < c->len && k < last + 4 && gap_spaces (c, k) && c->t[k + 1].cap &&
             token_in (c, k + 1, &bodies_set))
        k++;
      if (token_is (c, k, "partnership") || token_is (c, k, "board"))
        mark (c, i, last, type_none);
      i = last;
    }
}

/* "Pennine Pathways Housing ("PPH")", "Tayside Youth Link ("TYL")": a
 * writer defines initials for the capitalised words before them, which
 * are a body's name; not an agency's or a term's ("Multi-Agency
 * Safeguarding Hub (MASH)", "Child Criminal Exploitation (CCE)") */
static void
defined_acronyms (Ctx *c)
{
  static const char *const terms[] = { "safeguarding", "exploitation", "child", "children",
                                       "children's", "sexual", "criminal", "abuse", "health",
                                       "police", "council", "nhs", "national", "multi-agency",
                                       "agency", "team", "hub", "panel", "board", "partnership",
                                       "service", "services", "order", "act", "plan", "officer",
                                       "care", "social", "local", "authority", "referral",
                                       "mechanism", "assessment", "conference", "meeting",
                                       "review", "notice", "protection", "missing" };
  static WordSet terms_set = WORD_SET (terms);

  for (guint i = 1; i < c->len; i++)
    {
      const Token *t = &c->t[i];
      gsize len = t->end - t->start, b = t->start;
      guint k = i, got = 0;
      gboolean ok = TRUE;

      if (!t->upper || len < 2 || len > 6 || (t->bits & G_STOP) || t->poss)
        continue;
      /* "(PPH)", "("PPH")", "(“TYL”)" */
      while (b > 0 && (c->text[b - 1] == '"' || (guchar) c->text[b - 1] == 0x9C ||
                       (guchar) c->text[b - 1] == 0x80 || (guchar) c->text[b - 1] == 0xE2))
        b--;
      if (b < 2 || c->text[b - 1] != '(' || c->text[b - 2] != ' ')
        continue;
      /* the capitalised words before, their first letters the initials */
      while (k > 0 && got < len)
        {
          const Token *w = &c->t[k - 1];

          if (w->full_end > b)
            break;
          k--;
          if (w->lower && (token_is (c, k, "of") || token_is (c, k, "and") ||
                           token_is (c, k, "the") || token_is (c, k, "for")))
            continue;
          if (!capish (w) || g_ascii_toupper (c->text[w->start]) != c->text[t->start + len - 1 - got])
            {
              ok = FALSE;
              break;
            }
          got++;
        }
      if (!ok || got != len)
        continue;
      /* (a person's initials after their name: "Leanne Fitton (LF)") */
      for (guint q = k; q < i && ok; q++)
        ok = !token_in (c, q, &terms_set) && !(c->t[q].bits & (G_TITLE | G_COUNCIL)) &&
             !(c->joined[q] && q == k && c->type[q] != NULL) && c->type[q] != type_person &&
             !(c->t[q].bits & G_FIRST_POP) && !c->t[q].initial;
      /* a word of no dictionary among them ("Young Offender Institution
       * (YOI)" is a kind's name) */
      if (!ok || !unknown_word_in (c, k, i - 1))
        continue;
      mark (c, k, i - 1, type_institution);
      mark (c, i, i, type_institution);
    }
}

/* "referred her to The Nest", "from Seaview Lodge and The Moorings", "at
 * The Kimberley": inside a sentence, a capital "The" and one capitalised
 * word are a place's name, as the writer's capital says; not a paper ("The
 * Times"), not a name of several words ("The Children Act") */
static void
capital_the_names (Ctx *c)
{
  static const char *const papers[] = { "times", "guardian", "sun", "mirror", "independent",
                                        "telegraph", "observer", "star", "express", "mail",
                                        "echo", "post", "herald", "argus", "chronicle",
                                        "gazette", "voice", "scotsman", "stage", "lancet" };
  static WordSet papers_set = WORD_SET (papers);
  /* the parties and bodies legal papers define: "The Intervener shall",
   * "for the Crown" */
  static const char *const parties[] = { "intervener", "intervenor", "appellant", "applicant",
                                         "respondent", "claimant", "defendant", "crown",
                                         "guardian", "prosecution", "accused", "complainant",
                                         "claimants", "defendants", "respondents", "applicants",
                                         "witness", "reviewer", "author", "chair", "secretariat" };
  static WordSet parties_set = WORD_SET (parties);

  for (guint i = 1; i < c->len; i++)
    {
      const Token *t = &c->t[i], *the = &c->t[i - 1];

      /* (a name found already takes its capital "The" anywhere: "- The
       * Laurels, Heywood", "provision, The Loom.") */
      gboolean found = c->type[i] == type_institution && !c->joined[i] && span_end (c, i) == i;

      if (!t->cap || t->upper || t->poss || t->end - t->start < 3 ||
          the->end - the->start != 3 || strncmp (c->text + the->start, "The", 3) != 0 ||
          !gap_spaces (c, i - 1) ||
          !(found || (!the->sentence && i >= 2 && gap_spaces (c, i - 2) &&
                      (c->t[i - 2].lower || is_and (c, i - 2)))) ||
          (c->type[i - 1] != NULL && c->type[i - 1] != type_none) || c->joined[i] ||
          !(c->type[i] == NULL || c->type[i] == type_none || found ||
            ((c->type[i] == type_place || c->type[i] == type_person) && span_end (c, i) == i)) ||
          (t->bits & (G_STOP | G_TITLE | G_KIN | G_HEADER | G_NAME_ROLE | G_COUNCIL | G_STREET |
                      G_VERB | G_PREP)) ||
          token_in (c, i, &papers_set) || token_in (c, i, &parties_set) ||
          (i + 1 < c->len && gap_spaces (c, i) && capish (&c->t[i + 1])))
        continue;
      mark (c, i - 1, i, type_institution);
    }
}

/* Adds to @acronyms (at most @max, each up to 7 letters) the initials of
 * the institution's name of tokens first..last: its capitalised words'
 * first letters, with and without a leading "The" ("Kirkby Youth Project",
 * KYP; "The Compass Centre", TCC and CC). */
static guint
add_acronym (const Ctx *c,
             guint      first,
             guint      last,
             char       acronyms[][8],
             guint      n,
             guint      max)
{
  char a[8];
  guint len = 0;

  for (guint k = first; k <= last && len < sizeof a - 1; k++)
    if (c->t[k].cap && g_ascii_isupper (c->text[c->t[k].start]))
      a[len++] = c->text[c->t[k].start];
  a[len] = '\0';
  if (len >= 3 && n < max)
    memcpy (acronyms[n++], a, len + 1);
  if (len >= 4 && c->t[first].cap && token_is (c, first, "the") && n < max)
    memcpy (acronyms[n++], a + 1, len);
  return n;
}

/* A writer's own initials for an institution the note names in full
 * ("The Kirkby Youth Project (everyone calls us the KYP)", "Park View
 * Academy … PVA"): wherever they stand, unless a list holds them as an
 * agency's ("CCG", "YOT") */
static void
institution_acronyms (Ctx *c)
{
  enum { MAX_ACRONYMS = 32 };
  char acronyms[MAX_ACRONYMS][8];
  guint n = 0;

  for (guint i = 0; i < c->len; i++)
    if (c->type[i] == type_institution && !c->joined[i])
      {
        guint last = span_end (c, i);

        if (last > i)
          n = add_acronym (c, i, last, acronyms, n, MAX_ACRONYMS);
        i = last;
      }
  for (guint f = c->found_from; f < c->found->len; f++)
    {
      const SlSpan *span = &g_array_index (c->found, SlSpan, f);
      guint i, last;

      if (span->type != type_institution || span->start < c->offset ||
          span->end > c->offset + c->n ||
          (i = token_at (c->t, c->len, span->start - c->offset, FALSE)) >= c->len ||
          (last = token_at (c->t, c->len, span->end - c->offset, TRUE)) >= c->len || last <= i)
        continue;
      n = add_acronym (c, i, last, acronyms, n, MAX_ACRONYMS);
    }
  if (n == 0)
    return;
  for (guint i = 0; i < c->len; i++)
    {
      const Token *t = &c->t[i];
      gsize len = t->end - t->start;

      if (!t->upper || len < 3 || len > 7 || (t->bits & G_STOP) || c->joined[i] ||
          (c->type[i] != NULL && c->type[i] != type_person && c->type[i] != type_none) ||
          (c->type[i] == type_person && span_end (c, i) != i) ||
          (i + 1 < c->len && gap_spaces (c, i) && c->t[i + 1].upper))
        continue;
      for (guint k = 0; k < n; k++)
        if (strlen (acronyms[k]) == len && memcmp (acronyms[k], c->text + t->start, len) == 0)
          {
            mark (c, i, i, type_institution);
            break;
          }
    }
}

/* Could token i be someone's initials in a column of who is to act: two
 * to four letters in one case, in no list but of names ("rp", "KM") */
static gboolean
owner_initials (const Ctx *c,
                guint      i)
{
  const Token *t = &c->t[i];

  /* ("hr" is an hour's too, but no agency's nor a role's) */
  return (t->lower || t->upper) && t->ascii && !t->poss && t->end - t->start >= 2 &&
         t->end - t->start <= 4 &&
         !(t->bits & (G_STOP | G_COMMON | G_NAME_ROLE | G_KEYWORD | G_TITLE | G_KIN | G_VERB |
                      G_PREP | G_CUE | G_STREET | G_HEADER)) &&
         !role_initials (c, i);
}

/* "| rp | 05/12 |", "jt/os", "os + hr" in a column headed "Owner", "Who"
 * or "Lead": initials in lower case too, alone or joined, and the same
 * letters wherever else they stand alone in the note ("hr is back") */
static void
owner_column_initials (Ctx *c)
{
  for (guint i = 0; i < c->len; i++)
    {
      guint last = i;
      gboolean lower = FALSE;
      gsize e = c->t[i].end, q = e + 1, ls = c->t[i].start;

      if (c->type[i] != NULL || !owner_initials (c, i) || !table_cell_start (c, i))
        continue;
      /* (a table's row is short: no walk back over a line of 60 KB for
       * every cell of it) */
      while (ls > 0 && c->text[ls - 1] != '\n' && c->t[i].start - ls < 1024)
        ls--;
      if (ls > 0 && c->text[ls - 1] != '\n')
        continue;
      /* "jt/os": the letters after the slash are no token of their own */
      while (q < c->n && g_ascii_islower (c->text[q]) && q - e <= 4)
        q++;
      if (c->t[i].lower && e < c->n && c->text[e] == '/' && q - e - 1 >= 2 && q - e - 1 <= 3 &&
          (q == c->n || !g_ascii_isalnum (c->text[q])) &&
          in_column_headed (c->text - c->offset, c->offset + c->t[i].start, c->offset + q,
                            owner_heading, 2))
        {
          SlSpan span = { c->offset + c->t[i].start, c->offset + q, type_person };

          g_array_append_val (c->found, span);
          c->type[i] = type_none;
          continue;
        }
      while (last + 1 < c->len && owner_initials (c, last + 1) &&
             (gap_is (c, last, "/") || gap_is (c, last, " + ") || gap_is (c, last, " & ") ||
              gap_is (c, last, ", ")))
        last++;
      for (guint k = i; k <= last; k++)
        lower = lower || c->t[k].lower;
      /* (in capitals, the rules for initials have had their say) */
      if (!lower || !in_column_headed (c->text - c->offset, c->offset + c->t[i].start,
                                       c->offset + c->t[last].end, owner_heading, 2))
        {
          i = last;
          continue;
        }
      for (guint k = i; k <= last; k++)
        {
          if (c->type[k] != NULL)
            continue;
          mark (c, k, k, type_person);
          if (c->t[k].lower)
            mark_lower_again (c, k, TRUE);
        }
      i = last;
    }
}

/* Does token i label a line of a chat typed out: first on its line, after
 * a time stamp at most ("[13/06/2025, 21:06] rio:", "20:10 - kush:"), with
 * a colon and a space after it? */
static gboolean
chat_label (const Ctx *c,
            guint      i)
{
  gsize b = c->t[i].start, e = c->t[i].full_end;

  if (e + 1 >= c->n || c->text[e] != ':' || c->text[e + 1] != ' ')
    return FALSE;
  while (b > 0 && c->text[b - 1] != '\n')
    {
      b--;
      if (!g_ascii_isdigit (c->text[b]) && strchr (" \t[]/,:.-", c->text[b]) == NULL)
        return FALSE;
    }
  return TRUE;
}

/* "smiley: u out tonite" … "yp4: maybe" … "smiley: bring kenzie": in a
 * chat typed out, a word in lower case that labels two lines or more,
 * beside a young person's or a named person's label, is who wrote them,
 * and so wherever else the note names it alone */
static void
chat_speakers (Ctx *c)
{
  enum { MAX_LABELS = 256 };
  guint lines[MAX_LABELS], n = 0;
  gboolean other = FALSE;

  for (guint k = 0; k < c->len && n < MAX_LABELS; k++)
    if (chat_label (c, k))
      {
        lines[n++] = k;
        /* "Shanice:", "YP:" */
        other = other || (c->t[k].bits & G_NAME_ROLE) || c->type[k] == type_person;
      }
  if (n < 3)
    return;
  /* "yp4:", a young person's label (no token: it holds a number) */
  for (gsize p = 0; p + 5 < c->n && !other; p++)
    if ((p == 0 || c->text[p - 1] == '\n') && g_ascii_tolower (c->text[p]) == 'y' &&
        g_ascii_tolower (c->text[p + 1]) == 'p' && g_ascii_isdigit (c->text[p + 2]))
      {
        gsize e = p + 2;

        while (e < c->n && g_ascii_isdigit (c->text[e]))
          e++;
        other = e + 1 < c->n && c->text[e] == ':' && c->text[e + 1] == ' ';
      }
  if (!other)
    return;
  for (guint a = 0; a < n; a++)
    {
      const Token *t = &c->t[lines[a]];
      gboolean again = FALSE;

      /* (a word of the language only if a name too: "smiley", not
       * "concern") */
      if (c->type[lines[a]] != NULL || !t->lower || t->poss || t->end - t->start < 3 ||
          (t->bits & (G_STOP | G_HEADER | G_NAME_ROLE | G_KEYWORD | G_VERB | G_PREP | G_KIN |
                      G_TITLE | G_CUE)) ||
          ((t->bits & G_ENGLISH) && !(t->bits & (G_FIRST | G_SUR))))
        continue;
      for (guint b = a + 1; b < n && !again; b++)
        again = c->t[lines[b]].hash == t->hash;
      if (again)
        mark_lower_again (c, lines[a], FALSE);
    }
}

/* "dani w 09:02: morning", "mo 09:04: not me": in a chat copied out with
 * its times, a line's first word in lower case (and an initial) before a
 * time and a colon, twice or more, is who wrote it; and so wherever else
 * the note names it alone in lower case */
static void
timed_speakers (Ctx *c)
{
  enum { MAX_LABELS = 64 };
  guint starts[MAX_LABELS], n = 0;
  gsize ends[MAX_LABELS];

  for (guint i = 0; i < c->len && n < MAX_LABELS; i++)
    {
      const Token *t = &c->t[i];
      gsize p = t->full_end;

      if (!t->lower || (t->start > 0 && c->text[t->start - 1] != '\n') || t->end - t->start < 2 ||
          (t->bits & (G_STOP | G_HEADER | G_VERB | G_PREP | G_KIN | G_TITLE | G_KEYWORD)))
        continue;
      /* "dani w": and the surname's letter */
      if (p + 3 <= c->n && c->text[p] == ' ' && g_ascii_islower (c->text[p + 1]) &&
          c->text[p + 2] == ' ')
        p += 2;
      if (!(p + 7 <= c->n && c->text[p] == ' ' && g_ascii_isdigit (c->text[p + 1]) &&
            g_ascii_isdigit (c->text[p + 2]) && c->text[p + 3] == ':' &&
            g_ascii_isdigit (c->text[p + 4]) && g_ascii_isdigit (c->text[p + 5]) &&
            c->text[p + 6] == ':'))
        continue;
      starts[n] = i;
      ends[n++] = p;
    }
  for (guint a = 0; a < n; a++)
    {
      guint again = 0;

      for (guint b = 0; b < n; b++)
        again += c->t[starts[b]].hash == c->t[starts[a]].hash;
      if (again < 2 ||
          !(c->type[starts[a]] == NULL ||
            (c->type[starts[a]] == type_person && span_end (c, starts[a]) == starts[a] &&
             c->lead[starts[a]] == 0)))
        continue;
      if (ends[a] > c->t[starts[a]].full_end)
        {
          SlSpan span = { c->offset + c->t[starts[a]].start, c->offset + ends[a], type_person };

          g_array_append_val (c->found, span);
          mark (c, starts[a], starts[a], type_none);
        }
      else
        mark (c, starts[a], starts[a], type_person);
      /* (a word of the language only as a label: "mo", not "so") */
      if (!(c->t[starts[a]].bits & G_ENGLISH) || (c->t[starts[a]].bits & (G_FIRST | G_SUR)))
        mark_lower_again (c, starts[a], FALSE);
    }
}

/* "Key: IT Imogen Thurlow, WE Wendy Eke", "Circulation: AS Anjali
 * Sharma; SO Sgt Simon Osei": capitals before a person's name whose
 * words start with them are that person's initials, even where they
 * spell a word; and so where they stand again as someone, doing
 * something or beside other initials ("ME takes the Lakenham group", "In:
 * IT (chair), WE, OR"), not as the word ("WE all need", "OR the tokens") */
static void
keyed_initials (Ctx *c)
{
  guint64 keys[24];
  guint n_keys = 0;

  for (guint i = 0; i + 1 < c->len && n_keys < G_N_ELEMENTS (keys); i++)
    {
      const Token *t = &c->t[i];
      guint j = i + 1, last, w = 0;
      gsize len = t->end - t->start;
      gboolean match = TRUE;

      if (!t->upper || len < 2 || len > 3 || !t->ascii || !gap_spaces (c, i) ||
          c->type[j] != type_person || c->joined[j])
        continue;
      last = span_end (c, j);
      /* the name's words, less a title, start with the letters in turn */
      for (guint k = j; k <= last; k++)
        {
          if ((c->t[k].bits & G_TITLE) && k < last)
            continue;
          if (w >= len || g_ascii_toupper (c->text[c->t[k].start]) != c->text[t->start + w])
            match = FALSE;
          w++;
        }
      if (!match || w != len)
        continue;
      if (c->type[i] == NULL || c->type[i] == type_none)
        mark (c, i, i, type_person);
      keys[n_keys++] = t->hash;
      i = last;
    }
  for (guint i = 0; i < c->len && n_keys > 0; i++)
    {
      const Token *t = &c->t[i];
      gboolean known = FALSE;

      if (!t->upper || (c->type[i] != NULL && c->type[i] != type_none) || t->end - t->start > 3)
        continue;
      for (guint k = 0; k < n_keys && !known; k++)
        known = keys[k] == t->hash;
      /* (the word: before "all", "the" and other words that are no deed;
       * a name's first word: "BE Safe project") */
      if (!known ||
          (i + 1 < c->len && gap_spaces (c, i) && capish (&c->t[i + 1]) &&
           c->type[i + 1] != type_person) ||
          (i + 1 < c->len && gap_spaces (c, i) && c->t[i + 1].lower && !deed_after (c, i) &&
           !is_and (c, i + 1) && !token_is (c, i + 1, "or") && !token_is (c, i + 1, "to")))
        continue;
      mark (c, i, i, type_person);
    }
}

/* "BELIEVED WITH SHANNON AND CAITLIN", "LOCATED WITH CAITLIN": in a log
 * in capitals, a first name no dictionary holds, with someone or beside
 * another such name, is a person's */
static void
caps_first_names (Ctx *c)
{
  for (guint i = 1; i < c->len; i++)
    {
      const Token *t = &c->t[i];
      const Token *p = &c->t[i - 1];

      if (c->type[i] != NULL || !t->upper || !(t->bits & G_FIRST) || t->end - t->start < 3 ||
          (t->bits & (G_ENGLISH | G_COMMON | G_WORD | G_STOP | G_PLACE | G_PLACE_START |
                      G_TITLE | G_KIN | G_CUE | G_STREET | G_NAME_ROLE | G_HARD)) ||
          !gap_spaces (c, i - 1) || !p->upper ||
          !(token_is (c, i - 1, "with") ||
            (is_and (c, i - 1) && i > 1 && c->type[i - 2] == type_person && c->t[i - 2].upper &&
             gap_spaces (c, i - 2))) ||
          /* no word after it but of grammar ("WITH CHELSEA SHIRT ON") */
          (i + 1 < c->len && gap_spaces (c, i) && c->t[i + 1].upper && name_word (&c->t[i + 1])) ||
          !shouting (c, i))
        continue;
      mark (c, i, i, type_person);
      /* "WITH SHANNON AND CAITLIN" */
      if (i + 2 < c->len && is_and (c, i + 1) && gap_spaces (c, i) && gap_spaces (c, i + 1) &&
          c->type[i + 2] == NULL && c->t[i + 2].upper && (c->t[i + 2].bits & G_FIRST) &&
          !(c->t[i + 2].bits & (G_ENGLISH | G_COMMON | G_WORD | G_STOP | G_PLACE | G_HARD)))
        mark (c, i + 2, i + 2, type_person);
    }
}

/* Token i, with its "'s", could name a place after someone: a town's or
 * a person's name found, or a name in capitals in a log, or in lower case
 * in rough notes ("mo's", "stav's"), in no list of words */
static gboolean
possessive_place_name (const Ctx *c,
                       guint      i)
{
  const Token *t = &c->t[i];

  if (t->bits & (G_KIN | G_TITLE | G_STOP))
    return FALSE;
  if (c->type[i] == type_place || c->type[i] == type_person)
    return t->cap || (t->lower && t->casual);
  return c->type[i] == NULL && t->end - t->start >= 2 && !(t->bits & ~(NAME_BITS | G_PLACE)) &&
         (t->upper || (t->lower && t->casual) || t->cap);
}

/* what follows a name with "'s" that owns nothing: "at Kaz's.", "Kaz's and
 * Mirage", "above Kaz's on the same road", "at Marley's all day"; but "at
 * Nathan's in Oldham" is someone's home, named by the person */
static gboolean
nothing_owned_after (const Ctx *c,
                     guint      i)
{
  static const char *const after[] = { "and", "or", "on", "at", "with", "for", "then",
                                       "all", "after", "before", "until", "near", "by", "since",
                                       "again", "tonight", "today", "yesterday", "when", "where",
                                       "but", "so", "because", "every", "most", "last",
                                       /* "at Tony's in August", "Bashir's closes at
                                        * 2am", "Marco's did deliveries" */
                                       "in", "is", "was", "did", "does", "has", "had",
                                       "closes", "closed", "opens", "opened", "holds", "took",
                                       "takes", "under", "once" };
  static WordSet after_set = WORD_SET (after);
  gsize e = c->t[i].full_end;

  return e >= c->n || strchr (".,;:?!)\"\n\t|", c->text[e]) != NULL ||
         /* "Singh's — Singh's Off Licence", "Mo's - pizza" */
         (e + 2 < c->n && c->text[e] == ' ' &&
          (c->text[e + 1] == '-' || c->text[e + 1] == '(' ||
           (e + 4 <= c->n && (guchar) c->text[e + 1] == 0xE2 && (guchar) c->text[e + 2] == 0x80 &&
            ((guchar) c->text[e + 3] == 0x94 || (guchar) c->text[e + 3] == 0x93)))) ||
         (i + 1 < c->len && gap_spaces (c, i) && c->t[i + 1].lower && token_in (c, i + 1, &after_set) &&
          /* "at Keisha's in Handsworth": a friend's home in a district */
          !(token_is (c, i + 1, "in") && i + 2 < c->len && gap_spaces (c, i + 1) &&
            capish (&c->t[i + 2]) && !(c->t[i + 2].bits & G_STOP)));
}

static void
detect_names_in (const char  *text,
                 gsize        offset,
                 gsize        n,
                 TokenBuf    *toks,
                 GArray      *found,
                 const gsize *anchors,
                 guint        n_anchors)
{
  const char **type;
  guint8 *joined, *near;
  gsize *lead;
  Ctx c;

  toks->len = 0;
  tokenise (text, n, toks);
  if (toks->len == 0)
    return;
  if (toks->marks_alloc < toks->len)
    {
      toks->marks_alloc = MAX (toks->len, 2 * toks->marks_alloc);
      toks->type = g_renew (const char *, toks->type, toks->marks_alloc);
      toks->joined = g_renew (guint8, toks->joined, toks->marks_alloc);
      toks->lead = g_renew (gsize, toks->lead, toks->marks_alloc);
      toks->near = g_renew (guint8, toks->near, toks->marks_alloc);
    }
  type = toks->type;
  joined = toks->joined;
  lead = toks->lead;
  near = toks->near;
  memset (type, 0, toks->len * sizeof *type);
  memset (joined, 0, toks->len * sizeof *joined);
  memset (lead, 0, toks->len * sizeof *lead);
  memset (near, 0, toks->len * sizeof *near);
  c = (Ctx) { text, n, toks->t, toks->len, type, joined, lead, found, offset, near, found->len,
              FALSE };
  mark_near (&c, anchors, n_anchors);
  mark_casual_lines (&c);

  detect_non_names (&c);
  detect_speakers (&c);
  detect_keyword_values (&c);
  detect_licence_codes (&c);
  detect_institutions (&c);
  detect_people_and_places (&c);
  extend_lists (&c);
  detect_rota_names (&c);
  caps_first_names (&c);
  propagate (&c);
  propagate_places (&c);
  places_in_streets (&c);
  places_in_lists (&c);
  detect_initials_of_people (&c);
  propagate_initials (&c);
  initials_partners (&c);
  detect_stop_initials (&c);
  initials_on_their_own (&c);
  signed_entries (&c);
  detect_defined_initials (&c);

  /* "tell miss hussain": "miss" in lower case is the title of the name after it */
  for (guint i = 1; i < c.len; i++)
    if (type[i] == type_person && !joined[i] && c.t[i].lower && type[i - 1] == NULL &&
        c.t[i - 1].lower && gap_spaces (&c, i - 1) && token_is (&c, i - 1, "miss") &&
        /* "i miss jordan", "she misses" */
        !(i > 1 && (token_is (&c, i - 2, "i") || token_is (&c, i - 2, "u") ||
                    token_is (&c, i - 2, "we") || token_is (&c, i - 2, "you") ||
                    token_is (&c, i - 2, "they") || token_is (&c, i - 2, "still") ||
                    token_is (&c, i - 2, "really") || token_is (&c, i - 2, "so"))))
      {
        type[i - 1] = type_person;
        joined[i] = TRUE;
      }

  /* "London Borough of Lewisham", "City of Wolverhampton": a council named
   * before its place */
  for (guint i = 2; i < c.len; i++)
    if (type[i] == type_place && !joined[i] && type[i - 1] == NULL &&
        /* "to City of Wolverhampton Council": "City" alone taken as a town */
        (type[i - 2] == NULL || (type[i - 2] == type_place && !joined[i - 2])))
      {
        guint first = i;

        if (token_is (&c, i - 1, "of") && (c.t[i - 1].lower || c.t[i - 1].upper) &&
            gap_spaces (&c, i - 1) &&
            gap_spaces (&c, i - 2) && capish (&c.t[i - 2]) &&
            (token_is (&c, i - 2, "borough") || token_is (&c, i - 2, "city") ||
             token_is (&c, i - 2, "county") || token_is (&c, i - 2, "council")))
          {
            first = i - 2;
            /* "City and County of Swansea" */
            if (first > 1 && token_is (&c, first, "county") && type[first - 1] == NULL &&
                type[first - 2] == NULL && token_is (&c, first - 1, "and") &&
                c.t[first - 1].lower && gap_spaces (&c, first - 1) && gap_spaces (&c, first - 2) &&
                capish (&c.t[first - 2]) && token_is (&c, first - 2, "city"))
              first -= 2;
            if (first > 0 && type[first - 1] == NULL && gap_spaces (&c, first - 1) &&
                capish (&c.t[first - 1]) &&
                (token_is (&c, first - 1, "london") || token_is (&c, first - 1, "royal") ||
                 token_is (&c, first - 1, "metropolitan")))
              first--;
          }
        for (guint k = first; k < i; k++)
          {
            type[k] = type_place;
            joined[k] = k > first;
          }
        if (first < i)
          joined[i] = TRUE;
      }

  /* "the Isle of Wight Council": a place's council after it */
  for (guint i = 0; i + 1 < c.len; i++)
    if (type[i] == type_place && type[i + 1] == NULL && gap_spaces (&c, i) &&
        c.t[i + 1].cap && token_is (&c, i + 1, "council"))
      {
        type[i + 1] = type_place;
        joined[i + 1] = TRUE;
      }

  detect_named_stations (&c);
  detect_town_named (&c);
  detect_street_named (&c);

  /* "met DSL Begum + Tolu (family support)", "Our cleaner, Bev, found":
   * a capitalised word inside a sentence that is in no list at all, no
   * English word and no part of a longer capitalised name, is a name */
  for (guint i = 1; i < c.len; i++)
    if (type[i] == NULL && unlisted (&c.t[i]) && c.t[i].cap && !c.t[i].upper && !c.t[i].sentence &&
        c.t[i].end - c.t[i].start >= 3 && !c.t[i].brand &&
        /* "01-Feb-2009" */
        c.t[i].start > 0 && text[c.t[i].start - 1] != '-' && text[c.t[i].start - 1] != '/' &&
        (c.t[i].full_end >= n || (text[c.t[i].full_end] != '-' && text[c.t[i].full_end] != '/')) &&
        !(capish (&c.t[i - 1]) && gap_spaces (&c, i - 1)) &&
        !(i + 1 < c.len && capish (&c.t[i + 1]) && gap_spaces (&c, i)) &&
        !word_in (&c, i, W_MON, W_SUN) &&
        /* where a person is added or set apart: "+ Tolu", "her cleaner, Bev,";
         * not where an app or a brand is ("used Omegle", "Snapchat, Wizz") */
        ((gap_is (&c, i - 1, " + ") || gap_is (&c, i - 1, " & ")) ||
         (gap_is (&c, i - 1, ", ") && c.t[i - 1].lower && !(c.t[i - 1].bits & G_STOP))) &&
        (c.t[i].full_end >= n || strchr (",.;(", text[c.t[i].full_end]) != NULL ||
         (text[c.t[i].full_end] == ' ' && c.t[i].full_end + 1 < n &&
          text[c.t[i].full_end + 1] == '(')))
      type[i] = type_person;

  /* "works at Luigi's on Mansfield Road", "AT DINO'S.": a business named
   * by a possessive, after "at", before where it is or a stop */
  for (guint i = 1; i < c.len; i++)
    if (c.t[i].poss && capish (&c.t[i]) && !joined[i] && !(i + 1 < c.len && joined[i + 1]) &&
        (type[i] == NULL || type[i] == type_person) && !(c.t[i].bits & (G_STOP | G_TITLE)) &&
        c.t[i].full_end - c.t[i].end >= 2 &&
        ((gap_spaces (&c, i - 1) &&
          (token_is (&c, i - 1, "at") || token_is (&c, i - 1, "outside")) &&
          (c.t[i].full_end == n || strchr (".,;)\n", text[c.t[i].full_end]) != NULL ||
           (i + 2 < c.len && gap_spaces (&c, i) &&
            (token_is (&c, i + 1, "on") || token_is (&c, i + 1, "near")) &&
            capish (&c.t[i + 2])))) ||
         /* "Bailey's on Freeman Street": where it stands, whatever comes before */
         (i + 3 < c.len && gap_spaces (&c, i) && token_is (&c, i + 1, "on") &&
          gap_spaces (&c, i + 1) && capish (&c.t[i + 2]) && gap_spaces (&c, i + 2) &&
          (c.t[i + 3].bits & G_STREET) && capish (&c.t[i + 3]) &&
          !(i > 0 && (c.t[i - 1].bits & G_TITLE)))))
      mark_with_poss (&c, i, i, type_institution);

  detect_named_after_trade (&c);
  detect_named_before_trade (&c);
  detect_lower_case_venues (&c);
  detect_named_spots (&c);
  detect_listed_venues (&c);
  detect_bulleted_venues (&c);
  detect_possessive_businesses (&c);
  detect_named_venues (&c);
  venues_on_streets (&c);
  explained_venues (&c);
  numbered_homes (&c);
  branches_of_chains (&c);
  column_cells (&c, venue_heading, venue_heading_cell, type_institution);
  column_cells (&c, place_heading, place_heading_cell, type_place);

  /* "to Frankie & Benny's in Swindon": two names and "&", the second a
   * possessive with no noun after it, are a business */
  for (guint i = 0; i + 1 < c.len; i++)
    if (capish (&c.t[i]) && capish (&c.t[i + 1]) && c.t[i + 1].poss && !joined[i] &&
        c.t[i + 1].full_end - c.t[i + 1].end >= 2 && gap_is (&c, i, " & ") &&
        !(c.t[i].bits & (G_TITLE | G_STOP)) && !(c.t[i + 1].bits & (G_TITLE | G_STOP)) &&
        (c.t[i + 1].full_end == n || strchr (".,;)\n", text[c.t[i + 1].full_end]) != NULL ||
         (i + 2 < c.len && gap_spaces (&c, i + 1) &&
          (token_is (&c, i + 2, "in") || token_is (&c, i + 2, "on") ||
           token_is (&c, i + 2, "near") || token_is (&c, i + 2, "at")))))
      {
        SlSpan span = { offset + c.t[i].start, offset + c.t[i + 1].full_end, type_institution };

        g_array_append_val (found, span);
        type[i] = type[i + 1] = type_none;
        i++;
      }

  /* "raise w YA-M", "AK-J to call": the initials of a double-barrelled
   * name, one or two capitals either side of a hyphen */
  for (guint i = 0; i < c.len; i++)
    {
      const Token *u = &c.t[i];
      gsize len = u->end - u->start;
      const char *h;

      if (type[i] != NULL || !u->upper || !u->ascii || len < 3 || len > 5 ||
          (u->bits & (G_STOP | G_KEYWORD | G_TITLE)) ||
          (h = memchr (text + u->start, '-', len)) == NULL ||
          h - (text + u->start) > 2 || text + u->end - h - 1 > 2 || text + u->end - h - 1 < 1)
        continue;
      /* not "UK-EU": no part an acronym of the stop list */
      {
        char part[3];
        gsize a = (gsize) (h - (text + u->start)), b = (gsize) (text + u->end - h - 1);

        for (gsize q = 0; q < a; q++)
          part[q] = g_ascii_tolower (text[u->start + q]);
        if (a == 2 && (table_get (finish_hash (fnv_feed (FNV_OFFSET, part, a))) & G_STOP))
          continue;
        for (gsize q = 0; q < b; q++)
          part[q] = g_ascii_tolower (h[1 + q]);
        if (b == 2 && (table_get (finish_hash (fnv_feed (FNV_OFFSET, part, b))) & G_STOP))
          continue;
      }
      type[i] = type_person;
    }

  /* "mo k drives", "not lewis h)": a first name in lower case with the
   * initial of a surname, before a verb or a stop */
  for (guint i = 0; i + 1 < c.len; i++)
    {
      const Token *u = &c.t[i + 1];
      gsize e = u->full_end;

      if (!c.t[i].lower || !u->lower || u->end - u->start != 1 || type[i + 1] != NULL ||
          !gap_spaces (&c, i) || strchr ("abcinoruxy", text[u->start]) != NULL ||
          /* words of a chat that are names too: "so k", "ye k" */
          token_is (&c, i, "so") || token_is (&c, i, "ye") || token_is (&c, i, "ya") ||
          token_is (&c, i, "yo") || token_is (&c, i, "ta"))
        continue;
      if (!(type[i] == type_person && !(i + 2 < c.len && joined[i + 2])) &&
          !(type[i] == NULL && (c.t[i].bits & G_FIRST) && c.t[i].end - c.t[i].start >= 2 &&
            !(c.t[i].bits & (G_STOP | G_VERB | G_PREP | G_KIN | G_TITLE | G_CUE | G_HARD)) &&
            !(i > 0 && determiner (&c, i - 1))))
        continue;
      if (e < n && text[e] == ' ' && e + 1 < n && (text[e + 1] == '=' || text[e + 1] == '('))
        e++;
      if (!(e == n || strchr ("),.;:!?\n=(", text[e]) != NULL ||
            (i + 2 < c.len && gap_spaces (&c, i + 1) && c.t[i + 2].lower &&
             (c.t[i + 2].bits & G_VERB) && !is_and (&c, i + 2))))
        continue;
      type[i] = type_person;
      type[i + 1] = type_person;
      joined[i + 1] = TRUE;
      i++;
    }

  /* '"uncle t"', '"auntie b"': a nickname in quotes, a title and a word */
  for (guint i = 0; i + 1 < c.len; i++)
    if (type[i] == NULL && c.t[i].lower && (c.t[i].bits & G_TITLE) && (c.t[i].bits & G_KIN) &&
        c.t[i].start > 0 && (text[c.t[i].start - 1] == '"' ||
                             (c.t[i].start >= 3 && (guchar) text[c.t[i].start - 3] == 0xE2 &&
                              (guchar) text[c.t[i].start - 1] == 0x9C)) &&
        gap_spaces (&c, i) && c.t[i + 1].lower && type[i + 1] == NULL &&
        !(c.t[i + 1].bits & (G_STOP | G_VERB | G_PREP)) &&
        quote_at (&c, c.t[i + 1].full_end, TRUE) > 0)
      {
        type[i] = type[i + 1] = type_person;
        joined[i] = FALSE;
        joined[i + 1] = TRUE;
        i++;
      }

  /* '"Bilal bhai"': the whole of a nickname in quotes, a word of respect
   * in lower case too */
  for (guint i = 0; i + 1 < c.len; i++)
    if (type[i] == type_person && !joined[i + 1] && type[i + 1] == NULL && c.t[i + 1].lower &&
        gap_spaces (&c, i) && !c.t[i].poss && !(c.t[i + 1].bits & (G_STOP | G_VERB | G_PREP)) &&
        /* not '"Kofi's place"': a word of no list, or a kinship word */
        (!(c.t[i + 1].bits & G_ENGLISH) || (c.t[i + 1].bits & G_KIN)) &&
        quote_at (&c, c.t[i + 1].full_end, TRUE) > 0)
      {
        guint first = i;

        while (first > 0 && joined[first])
          first--;
        if (c.t[first].start > 0 &&
            (text[c.t[first].start - 1] == '"' ||
             (c.t[first].start >= 3 && (guchar) text[c.t[first].start - 3] == 0xE2 &&
              (guchar) text[c.t[first].start - 1] == 0x9C)))
          {
            type[i + 1] = type_person;
            joined[i + 1] = TRUE;
          }
      }

  /* "uncle tel", "auntie mo": in lower case, a word in no dictionary after
   * a kinship title is a name; "owner costas", "the manager vytas" after
   * a business's people */
  for (guint i = 1; i < c.len; i++)
    if (type[i] == NULL && odd_word (&c.t[i]) && type[i - 1] == NULL && c.t[i - 1].lower &&
        gap_spaces (&c, i - 1) &&
        (((c.t[i - 1].bits & G_TITLE) && (c.t[i - 1].bits & G_KIN) &&
          !token_is (&c, i - 1, "father") && !token_is (&c, i - 1, "sister") &&
          !token_is (&c, i - 1, "brother")) ||
         token_in (&c, i - 1, &business_people_set)))
      type[i] = type_person;

  /* "uncle ray", "auntie bev": in lower case too, a name's title */
  for (guint i = 1; i < c.len; i++)
    if (type[i] == type_person && !joined[i] && c.t[i].lower && type[i - 1] == NULL &&
        c.t[i - 1].lower && gap_spaces (&c, i - 1) &&
        (c.t[i - 1].bits & G_TITLE) && (c.t[i - 1].bits & G_KIN) &&
        !token_is (&c, i - 1, "father") && !token_is (&c, i - 1, "sister") &&
        !token_is (&c, i - 1, "brother"))
      {
        type[i - 1] = type_person;
        joined[i] = TRUE;
      }

  for (guint i = 1; i < c.len; i++)
    if (type[i] == type_person && !joined[i] && type[i - 1] == NULL && capish (&c.t[i - 1]) &&
        !c.t[i - 1].upper && gap_spaces (&c, i - 1) &&
        !(c.t[i - 1].bits & ~(G_PARTICLE | G_SUR | G_FIRST)) &&
        !(c.t[i - 1].bits & G_ENGLISH) && !mixed_case (text, c.t[i - 1].start, c.t[i - 1].end))
      {
        /* "Amere Singh Dhaliwal": an unknown word before a name is part of it */
        type[i - 1] = type_person;
        joined[i] = TRUE;
      }
  for (guint i = 1; i < c.len; i++)
    if (type[i] == type_person && type[i - 1] == type_person && !joined[i])
      {
        /* "Darren "Daz" Proctor": one name */
        gboolean quotes_only = c.t[i].start - c.t[i - 1].full_end <= 3;

        for (gsize q = c.t[i - 1].full_end; q < c.t[i].start && quotes_only; q++)
          if (text[q] != ' ' && text[q] != '"')
            quotes_only = FALSE;
        if (quotes_only && memchr (text + c.t[i - 1].full_end, '"',
                                   c.t[i].start - c.t[i - 1].full_end) != NULL)
          joined[i] = TRUE;
      }

  /* "Cyngor Gwynedd": a Welsh council named before its place */
  for (guint i = 0; i + 1 < c.len; i++)
    if (type[i] == NULL && c.t[i].cap && token_is (&c, i, "cyngor") && gap_spaces (&c, i) &&
        type[i + 1] == type_place && !joined[i + 1])
      {
        type[i] = type_place;
        joined[i + 1] = TRUE;
      }

  /* In lower case: "met jo ridley", a short first name before a surname
   * found; "courtney b,", a first name and the letter of a surname */
  for (guint i = 0; i + 1 < c.len; i++)
    if (type[i] == NULL && type[i + 1] == type_person && !joined[i + 1] && c.t[i].lower &&
        c.t[i + 1].lower && (c.t[i].bits & G_FIRST_POP) && gap_spaces (&c, i) &&
        !(c.t[i].bits & (G_STOP | G_VERB | G_PREP | G_KIN | G_ENGLISH)))
      {
        type[i] = type_person;
        joined[i + 1] = TRUE;
      }
    else if (type[i] == type_person && c.t[i].lower && type[i + 1] == NULL &&
             c.t[i + 1].lower && c.t[i + 1].end - c.t[i + 1].start == 1 &&
             c.text[c.t[i + 1].start] != 'a' && c.text[c.t[i + 1].start] != 'i' &&
             gap_spaces (&c, i) &&
             (c.t[i + 1].full_end == n || strchr (",;.)\n", text[c.t[i + 1].full_end]) != NULL))
      {
        type[i + 1] = type_person;
        joined[i + 1] = TRUE;
      }

  lower_case_first_names (&c);
  detect_quoted_nicknames (&c);

  /* "Jordan Salt aka \"Salty\"": the words before "aka" or "alias" are a
   * name */
  for (guint i = 1; i < c.len; i++)
    if (c.t[i].lower && (token_is (&c, i, "aka") || token_is (&c, i, "alias")) &&
        gap_spaces (&c, i - 1) && capish (&c.t[i - 1]) && !c.t[i - 1].upper &&
        (type[i - 1] == NULL || type[i - 1] == type_place) && !joined[i - 1])
      {
        guint first = i - 1;

        while (first > 0 && i - first < 3 && gap_spaces (&c, first - 1) &&
               capish (&c.t[first - 1]) && !c.t[first - 1].upper &&
               (type[first - 1] == NULL || type[first - 1] == type_place) &&
               !(c.t[first - 1].bits & (G_STOP | G_TITLE | G_PREP | G_VERB)))
          first--;
        if (c.t[first].bits & (G_FIRST | G_SUR))
          mark (&c, first, i - 1, type_person);
      }

  /* "(he gives her initials, T.R.)", "DMcC to update", "ONíD to add":
   * initials with dots after "initials", and initials written with "Mc",
   * "Ní" or "Ó" inside, before what they are to do */
  for (guint i = 0; i < c.len; i++)
    {
      const Token *t = &c.t[i];
      guint caps = 0, small = 0;

      if (type[i] != NULL || !t->cap)
        continue;
      if (t->initial && i > 0 && token_is (&c, i - 1, "initials") && t->end + 3 <= n &&
          text[t->end] == '.' && g_ascii_isupper (text[t->end + 1]) && text[t->end + 2] == '.')
        {
          SlSpan span = { offset + t->start, offset + t->end + 3, type_person };

          g_array_append_val (found, span);
          type[i] = type_none;
          continue;
        }
      if (t->upper || t->end - t->start > 8 || (t->bits & (G_FIRST | G_SUR | G_ENGLISH | G_STOP)) ||
          !t->sentence || !(i + 2 < c.len && gap_spaces (&c, i) && token_is (&c, i + 1, "to") &&
                            gap_spaces (&c, i + 1) && c.t[i + 2].lower))
        continue;
      for (const char *q = text + t->start; q < text + t->end; q = g_utf8_next_char (q))
        {
          gunichar u = g_utf8_get_char (q);

          if (g_unichar_isupper (u))
            caps++;
          else
            small++;
        }
      if (caps >= 3 && small <= 2)
        type[i] = type_person;
    }

  /* "works at Zorba", "worked at Marco's", "a job at Kebabland", "runs the
   * Zorba", "owner of Fonez4U": where someone works, or what they run, is a
   * business */
  for (guint i = 2; i < c.len; i++)
    {
      guint v = i - 1, last = i;
      gboolean work, food;

      /* not "works at Subject 1's car wash", a role's pseudonym */
      if (!c.t[i].cap || c.t[i].upper || joined[i] || !gap_spaces (&c, i - 1) ||
          !(type[i] == NULL || type[i] == type_person || type[i] == type_place) ||
          (c.t[i].bits & (G_STOP | G_TITLE | G_NAME_ROLE)) ||
          (c.t[i].full_end + 1 < n && text[c.t[i].full_end] == ' ' &&
           g_ascii_isdigit (text[c.t[i].full_end + 1])))
        continue;
      if (token_is (&c, v, "the") && v > 0 && gap_spaces (&c, v - 1))
        v--;
      /* "ate at Golden Dragon", "ordered from Jade Garden": a restaurant's
       * name of two words, whatever they are (but "ate at the Snack Bar") */
      if (!c.t[v].lower || !(word_in (&c, v, W_AT, W_FROM) || word_in (&c, v, W_RUNS, W_MANAGES) ||
                             token_is (&c, v, "of")))
        continue;
      food = v + 1 == i && v > 0 && gap_spaces (&c, v - 1) && c.t[v - 1].lower &&
             (word_in (&c, v, W_AT, W_AT) || word_in (&c, v, W_FROM, W_FROM)) &&
             (word_in (&c, v - 1, W_ATE, W_FOOD) || word_in (&c, v - 1, W_TAKEAWAY, W_TAKEAWAY)) &&
             ((i + 1 < c.len && gap_spaces (&c, i) && c.t[i + 1].cap &&
               !(c.t[i + 1].bits & G_STOP)) || c.t[i].poss);
      /* "works at Leeds General", "works at Fenland Fresh Packers": a
       * town's name and more words is a business */
      if (!food &&
          (((type[i] == type_place || (c.t[i].bits & (G_PLACE | G_PLACE_START))) &&
            !(i + 1 < c.len && gap_spaces (&c, i) && c.t[i + 1].cap && !c.t[i + 1].upper &&
              type[i + 1] == NULL && !(c.t[i + 1].bits & (G_STREET | G_STOP)))) ||
           (type[i] == type_person && (c.t[i].bits & G_FIRST_POP) && !c.t[i].poss)))
        continue;
      work = (v > 0 && gap_spaces (&c, v - 1) && c.t[v - 1].lower &&
              word_in (&c, v, W_AT, W_FOR) && word_in (&c, v - 1, W_WORKS, W_EMPLOYED)) ||
             /* "works nights at Fenland Fresh Packers" */
             (v > 1 && gap_spaces (&c, v - 1) && gap_spaces (&c, v - 2) &&
              word_in (&c, v, W_AT, W_FOR) && word_in (&c, v - 2, W_WORKS, W_WORKING) &&
              (token_is (&c, v - 1, "nights") || token_is (&c, v - 1, "days") ||
               token_is (&c, v - 1, "evenings") || token_is (&c, v - 1, "weekends") ||
               token_is (&c, v - 1, "shifts") || token_is (&c, v - 1, "part-time") ||
               token_is (&c, v - 1, "full-time"))) ||
             food || (v + 1 < i && word_in (&c, v, W_RUNS, W_MANAGES)) ||
             /* "owner of Fonez4U", "the manager of Halo" */
             (token_is (&c, v, "of") && v > 0 && gap_spaces (&c, v - 1) &&
              (token_is (&c, v - 1, "owner") || token_is (&c, v - 1, "manager") ||
               token_is (&c, v - 1, "proprietor") || token_is (&c, v - 1, "licensee")));
      if (!work)
        continue;
      while (last + 1 < c.len && last < i + 2 && gap_spaces (&c, last) && c.t[last + 1].cap &&
             !c.t[last + 1].upper && (type[last + 1] == NULL || joined[last + 1]) &&
             !(c.t[last + 1].bits & G_STOP))
        last++;
      if (last + 1 < c.len && joined[last + 1])
        continue;
      mark_with_poss (&c, i, last, type_institution);
      i = last;
    }

  /* "the benches in Albert Park", "near Jubilee Gardens": a park after
   * "in", "at", "near"…, named after a person or a word, is a place */
  for (guint i = 1; i + 1 < c.len; i++)
    if (type[i] == NULL && type[i + 1] == NULL && c.t[i].cap && !c.t[i].upper &&
        c.t[i + 1].cap && gap_spaces (&c, i) && gap_spaces (&c, i - 1) && c.t[i - 1].lower &&
        !(c.t[i].bits & (G_STOP | G_TITLE | G_STREET)) &&
        (token_is (&c, i + 1, "park") || token_is (&c, i + 1, "gardens")) &&
        !(i + 2 < c.len && gap_spaces (&c, i + 1) && capish (&c.t[i + 2])) &&
        (token_is (&c, i - 1, "in") || token_is (&c, i - 1, "at") ||
         token_is (&c, i - 1, "near") || token_is (&c, i - 1, "to") ||
         token_is (&c, i - 1, "from") || token_is (&c, i - 1, "behind") ||
         token_is (&c, i - 1, "outside") || token_is (&c, i - 1, "through")))
      {
        mark (&c, i, i + 1, type_place);
        i++;
      }

  /* "a takeaway called Golden Harbour", "a club called Velvet", "a pizza
   * shop called Milano's", "a shisha place on leeds rd called cloud 9
   * lounge", "A SHISHA LOUNGE CALLED MIDNIGHT ON LEEK ROAD": what a place
   * of trade is called is its name, no person's */
  for (guint v = 2; v + 1 < c.len; v++)
    {
      guint i = v + 1, last, q;
      gboolean trade = FALSE, caps = c.t[v].upper;

      if (!(c.t[v].lower || caps) || !(token_is (&c, v, "called") || token_is (&c, v, "named")) ||
          !gap_spaces (&c, v) || (type[i] != NULL && type[i] != type_person) || joined[i])
        continue;
      /* its trade, a few words before in the same clause */
      for (q = v - 1; q + 7 > v && !trade; q--)
        {
          if (!gap_spaces (&c, q) || !(caps ? c.t[q].upper : c.t[q].lower))
            break;
          trade = (c.t[q].bits & G_CUE) || token_is (&c, q, "firm") ||
                  /* "a car wash" */
                  (q > 0 && (c.t[q - 1].bits & G_CUE_START) && c.t[q - 1].lower &&
                   match_phrase (&c, q - 1, P_CUE) == 2) ||
                  token_is (&c, q, "company") || token_is (&c, q, "business") ||
                  token_is (&c, q, "venue") || token_is (&c, q, "place");
          if (q == 0)
            break;
        }
      if (!trade)
        continue;
      last = i;
      if (caps)
        {
          gsize e;

          /* in capitals up to a word no name holds ("ON", "AND", "WHERE") */
          if (!c.t[i].upper || !name_word (&c.t[i]))
            continue;
          while (last + 1 < c.len && last < i + 2 && gap_spaces (&c, last) &&
                 c.t[last + 1].upper && name_word (&c.t[last + 1]))
            last++;
          e = c.t[last].full_end;
          while (e < n && text[e] == ' ')
            e++;
          if (!(e >= n || strchr (",.;:)\n", text[e]) ||
                (last + 1 < c.len && gap_spaces (&c, last) && c.t[last + 1].upper &&
                 (c.t[last + 1].bits & (G_PREP | G_STOP)))))
            continue;
          mark_with_poss (&c, i, last, type_institution);
          /* and where someone was, wherever else the log names it ("DROPPED
           * OUTSIDE MIDNIGHT", "BACK TO MIDNIGHT") */
          for (guint k = 1; k + (last - i) < c.len; k++)
            {
              guint w = 0;

              while (w <= last - i && c.t[k + w].hash == c.t[i + w].hash && type[k + w] == NULL &&
                     (w == 0 || gap_spaces (&c, k + w - 1)))
                w++;
              if (w == last - i + 1 && gap_spaces (&c, k - 1) && c.t[k - 1].upper &&
                  token_in (&c, k - 1, &went_to_set) &&
                  !(k + w < c.len && gap_spaces (&c, k + w - 1) && c.t[k + w].upper &&
                    name_word (&c.t[k + w])))
                mark (&c, k, k + w - 1, type_institution);
            }
          v = last;
          continue;
        }
      if (capish (&c.t[i]) && !c.t[i].upper)
        {
          if (type[i] == type_person)
            last = span_end (&c, i);
          while (last + 1 < c.len && last < i + 3 && gap_spaces (&c, last) &&
                   capish (&c.t[last + 1]) && !c.t[last + 1].upper &&
                   (type[last + 1] == NULL || type[last + 1] == type_none || joined[last + 1]))
              last++;
        }
      else if (c.t[i].lower && lower_word (&c.t[i]))
        {
          gsize e;

          /* "cloud 9 lounge": words, a number between */
          while (last + 1 < c.len && last < i + 3 && c.t[last + 1].lower &&
                 (gap_spaces (&c, last) || code_gap (&c, last)) &&
                 lower_word (&c.t[last + 1]))
            last++;
          e = c.t[last].full_end;

          while (e < n && text[e] == ' ')
            e++;
          if (!(e >= n || strchr (",.;:)+&\n", text[e]) ||
                (last + 1 < c.len && gap_spaces (&c, last) &&
                 (token_is (&c, last + 1, "in") || token_is (&c, last + 1, "on") ||
                  token_is (&c, last + 1, "near") || token_is (&c, last + 1, "by")))))
            continue;
        }
      else
        continue;
      if (last == i && (c.t[i].bits & G_PLACE) && type[i] != type_person)
        continue;
      mark_with_poss (&c, i, last, type_institution);
      v = last;
    }

  /* "the Rose Garden", "The Amber Room": words that are names too, after
   * "the", are a thing's name; "the Jade Smith case" is hers */
  for (guint i = 1; i < c.len; i++)
    if (type[i] == type_person && !joined[i] && i + 1 < c.len && joined[i + 1] &&
        type[i + 1] == type_person && gap_spaces (&c, i - 1) && token_is (&c, i - 1, "the") &&
        !c.t[i - 1].upper)
      {
        guint last = span_end (&c, i);
        gboolean words = TRUE;

        for (guint k = i; k <= last && words; k++)
          words = (c.t[k].bits & G_ENGLISH) && !(c.t[k].bits & G_TITLE) && !c.t[k].upper;
        if (last + 1 < c.len && gap_spaces (&c, last) &&
            (token_is (&c, last + 1, "case") || token_is (&c, last + 1, "family") ||
             token_is (&c, last + 1, "household") || token_is (&c, last + 1, "children") ||
             token_is (&c, last + 1, "siblings")))
          words = FALSE;
        for (guint k = i; k <= last && words; k++)
          type[k] = type_none;
        i = last;
      }

  /* "Jordan Lee Haigh said": places side by side, each found alone, that
   * are a first name and surnames are a person */
  for (guint i = 0; i + 1 < c.len; i++)
    if (type[i] == type_place && !joined[i] && !joined[i + 1] && type[i + 1] == type_place &&
        gap_spaces (&c, i) && (c.t[i].bits & G_FIRST_POP) && (c.t[i + 1].bits & G_SUR) &&
        c.t[i].cap && c.t[i + 1].cap && c.t[i].upper == c.t[i + 1].upper)
      {
        guint last = i + 1;

        if (last + 1 < c.len && type[last + 1] == type_place && !joined[last + 1] &&
            gap_spaces (&c, last) && (c.t[last + 1].bits & G_SUR) && c.t[last + 1].cap &&
            !(last + 2 < c.len && joined[last + 2]))
          last++;
        if (last + 1 < c.len && joined[last + 1])
          continue;
        mark (&c, i, last, type_person);
        i = last;
      }

  /* "the Phoenix team", "the Liberty project": a first name alone between
   * "the" and a word in lower case names a thing; "the Smith family" and
   * "the Amir case" are theirs */
  for (guint i = 1; i + 1 < c.len; i++)
    if (type[i] == type_person && !joined[i] && !(i + 1 < c.len && joined[i + 1]) &&
        c.t[i].cap && !c.t[i].upper && !c.t[i].poss && (c.t[i].bits & G_FIRST) &&
        !(c.t[i].bits & G_SUR_POP) && gap_spaces (&c, i - 1) && token_is (&c, i - 1, "the") &&
        !c.t[i - 1].upper && gap_spaces (&c, i) && c.t[i + 1].lower &&
        (c.t[i + 1].bits & G_ENGLISH) && !(c.t[i + 1].bits & (G_PREP | G_VERB | G_KIN)) &&
        !determiner (&c, i + 1) && !is_and (&c, i + 1) && !token_is (&c, i + 1, "who") &&
        !token_is (&c, i + 1, "family") && !token_is (&c, i + 1, "case") &&
        !token_is (&c, i + 1, "household") && !token_is (&c, i + 1, "children") &&
        !token_is (&c, i + 1, "siblings") && !token_is (&c, i + 1, "twins") &&
        !token_is (&c, i + 1, "brothers") && !token_is (&c, i + 1, "sisters"))
      type[i] = type_none;

  /* "City and County of Swansea": a Welsh council's formal name */
  for (guint i = 0; i + 2 < c.len; i++)
    if (type[i] == type_place && token_is (&c, i, "city") && c.t[i].cap && is_and (&c, i + 1) &&
        type[i + 1] == NULL && type[i + 2] == type_place && token_is (&c, i + 2, "county") &&
        gap_spaces (&c, i) && gap_spaces (&c, i + 1))
      {
        type[i + 1] = type_place;
        joined[i + 1] = joined[i + 2] = TRUE;
      }

  /* "Telford & Wrekin Council", "West Glamorgan County Council": a
   * council's name takes in a town before "&" and a point of the compass */
  for (guint i = 1; i + 1 < c.len; i++)
    if (type[i] == type_place && !joined[i] && joined[i + 1] && type[i + 1] == type_place)
      {
        guint k = span_end (&c, i + 1);

        if (!token_is (&c, k, "council"))
          continue;
        if (type[i - 1] == type_place && gap_is (&c, i - 1, " & "))
          joined[i] = TRUE;
        else if (type[i - 1] == NULL && c.t[i - 1].cap && gap_spaces (&c, i - 1) &&
                 (token_is (&c, i - 1, "west") || token_is (&c, i - 1, "east") ||
                  token_is (&c, i - 1, "north") || token_is (&c, i - 1, "south") ||
                  token_is (&c, i - 1, "mid")))
          {
            type[i - 1] = type_place;
            joined[i] = TRUE;
          }
        i = k;
      }

  /* "Seonaidh Nic a' Phearsain", "Mac a' Ghobhainn": the article between
   * a Gaelic particle and the name */
  for (guint i = 1; i + 2 < c.len; i++)
    if (type[i] == type_person && (token_is (&c, i, "nic") || token_is (&c, i, "mac") ||
                                   token_is (&c, i, "mhic")) &&
        token_is (&c, i + 1, "a") && c.t[i + 1].lower && c.t[i + 1].end < n &&
        text[c.t[i + 1].end] == '\'' && gap_spaces (&c, i) && c.t[i + 2].cap &&
        c.t[i + 2].start == c.t[i + 1].end + 2 && text[c.t[i + 1].end + 1] == ' ' &&
        (type[i + 2] == NULL || type[i + 2] == type_person) && !(i + 3 < c.len && joined[i + 3] &&
                                                                 type[i + 3] != type_person))
      {
        guint last = type[i + 2] == type_person ? span_end (&c, i + 2) : i + 2;

        for (guint k = i + 1; k <= last; k++)
          {
            type[k] = type_person;
            joined[k] = TRUE;
          }
        i = last;
      }

  /* "1. RAHMAN, Shafiqur (b. 1984)": a surname in capitals first in a line,
   * a comma, the given name: one name; but "Apologies: BJ, Mrs Ann Lee"
   * are two people, initials first */
  for (guint i = 0; i + 1 < c.len; i++)
    if (type[i] == type_person && type[i + 1] == type_person && !joined[i] && !joined[i + 1] &&
        c.t[i].upper && c.t[i].sentence && c.t[i + 1].cap && !c.t[i + 1].upper &&
        gap_is (&c, i, ", ") && !(c.t[i + 1].bits & G_TITLE) &&
        !(token_chars (&c, i) <= 3 && !(c.t[i].bits & G_SUR)))
      {
        joined[i + 1] = TRUE;
        i = span_end (&c, i + 1);
      }

  /* "his mate called rizzo", "a lad nicknamed dizzy": in lower case, a
   * word in no dictionary after a naming word is a name */
  for (guint i = 1; i < c.len; i++)
    if (type[i] == NULL && odd_word (&c.t[i]) && gap_spaces (&c, i - 1) && c.t[i - 1].lower &&
        (token_is (&c, i - 1, "called") || token_is (&c, i - 1, "nicknamed") ||
         token_is (&c, i - 1, "aka")))
      type[i] = type_person;

  /* "Cyngor Bwrdeistref Sirol Merthyr Tudful", "Cyngor Sir Ynys Môn" (though
   * "Sir" is a title), "Cyngor Dinas Casnewydd": a Welsh council's name, in
   * a list too */
  for (guint i = 0; i + 1 < c.len; i++)
    if (token_is (&c, i, "cyngor") && capish (&c.t[i]) && !joined[i] &&
        (type[i] == NULL || type[i] == type_person || type[i] == type_place))
      {
        guint k = i + 1, last;

        while (k < c.len && k < i + 3 && gap_spaces (&c, k - 1) && capish (&c.t[k]) &&
               (token_is (&c, k, "bwrdeistref") || token_is (&c, k, "sirol") ||
                token_is (&c, k, "sir") || token_is (&c, k, "dinas") || token_is (&c, k, "bro") ||
                token_is (&c, k, "a")))
          k++;
        if (k >= c.len || !gap_spaces (&c, k - 1) || !capish (&c.t[k]) ||
            !(type[k] == type_place || type[k] == type_person || type[k] == NULL ||
              (c.t[k].bits & (G_PLACE | G_PLACE_START))))
          continue;
        last = k;
        while (last + 1 < c.len && last < k + 3 && gap_spaces (&c, last) && capish (&c.t[last + 1]) &&
               (joined[last + 1] || type[last + 1] == NULL) &&
               !(c.t[last + 1].bits & (G_STOP | G_TITLE)))
          last++;
        mark (&c, i, last, type_place);
        i = last;
      }

  /* "Sunnymead B&B", "the Seaview B&B": a name before "B&B" */
  for (guint i = 0; i + 2 < c.len; i++)
    if (capish (&c.t[i]) && c.t[i + 1].initial &&
        c.t[i + 2].initial && c.t[i].full_end + 4 <= n &&
        strncmp (text + c.t[i].full_end, " B&B", 4) == 0 && c.t[i + 1].start == c.t[i].full_end + 1 &&
        gap_is (&c, i + 1, "&") &&
        type[i] != type_none && !(c.t[i].bits & (G_STOP | G_TITLE)))
      {
        guint first = i;

        /* "THE SEAVIEW LODGE B&B" in capitals too, with a name found before */
        while (first > 0 &&
               (joined[first] ||
                (i - first < 2 && gap_spaces (&c, first - 1) && capish (&c.t[first - 1]) &&
                 c.t[first - 1].upper == c.t[i].upper &&
                 type[first - 1] != type_none &&
                 !(c.t[first - 1].bits & (G_STOP | G_TITLE)))))
          first--;
        mark (&c, first, i + 2, type_institution);
        i += 2;
      }

  /* "Jordan's house", "Chelsea's mum": a town or a country that is a first
   * name too, with "'s" before what a person has, is the person */
  for (guint i = 0; i + 1 < c.len; i++)
    if (type[i] == type_place && !joined[i] && !joined[i + 1] && c.t[i].poss &&
        (c.t[i].bits & (G_FIRST | G_FIRST_POP)) && gap_spaces (&c, i) && c.t[i + 1].lower &&
        ((c.t[i + 1].bits & G_KIN) || token_in (&c, i + 1, &belongings_set)))
      type[i] = type_person;

  /* "Telford & Wrekin", "Redcar & Cleveland": two places joined by "&"
   * name one council's area */
  for (guint i = 0; i + 1 < c.len; i++)
    if (type[i] == type_place && type[i + 1] == type_place && !joined[i + 1] &&
        gap_is (&c, i, " & ") && c.t[i].upper == c.t[i + 1].upper)
      joined[i + 1] = TRUE;

  /* "Co. Antrim", "Co Down", "County Tyrone": an Irish county */
  for (guint i = 0; i + 1 < c.len; i++)
    if ((token_is (&c, i, "co") || token_is (&c, i, "county")) && capish (&c.t[i]) &&
        (gap_spaces (&c, i) || gap_is (&c, i, ". ")) && capish (&c.t[i + 1]) &&
        (i + 2 >= c.len || !joined[i + 2]) &&
        token_in (&c, i + 1, &irish_counties_set))
      {
        mark (&c, i, i + 1, type_place);
        i++;
      }

  /* "Humber Lighthouse Project": a place before a name found as an
   * institution's is part of it */
  for (guint i = 1; i < c.len; i++)
    if (type[i] == type_institution && !joined[i] && type[i - 1] == type_place &&
        capish (&c.t[i - 1]) && c.t[i - 1].upper == c.t[i].upper && gap_spaces (&c, i - 1))
      {
        guint first = i - 1;

        while (first > 0 && joined[first])
          first--;
        for (guint k = first; k < i; k++)
          type[k] = type_institution;
        joined[i] = TRUE;
      }

  /* "Glan y Môr Cottages", "Pen y Bryn Surgery": a Welsh name with "y" */
  for (guint i = 2; i < c.len; i++)
    if (type[i] == type_institution && !joined[i] && c.t[i].cap &&
        (token_is (&c, i - 1, "y") || token_is (&c, i - 1, "yr")) && c.t[i - 1].lower &&
        gap_spaces (&c, i - 1) && gap_spaces (&c, i - 2) && c.t[i - 2].cap &&
        !c.t[i - 2].upper && (type[i - 2] == NULL || type[i - 2] == type_place) &&
        (type[i - 1] == NULL || type[i - 1] == type_none) && !joined[i - 2])
      {
        type[i - 2] = type[i - 1] = type_institution;
        joined[i - 1] = joined[i] = TRUE;
      }

  /* "East Point Academy", "North Leeds College": a point of the compass
   * starts an institution's name */
  for (guint i = 1; i < c.len; i++)
    if (type[i] == type_institution && !joined[i] && type[i - 1] == NULL && c.t[i - 1].cap &&
        !c.t[i - 1].upper && gap_spaces (&c, i - 1) &&
        (token_is (&c, i - 1, "west") || token_is (&c, i - 1, "east") ||
         token_is (&c, i - 1, "north") || token_is (&c, i - 1, "south") ||
         token_is (&c, i - 1, "central")))
      {
        type[i - 1] = type_institution;
        joined[i] = TRUE;
      }

  /* "Hillcrest Primary and Nursery School", "Oakwood Junior and Infant
   * School": a school of two kinds is one name */
  for (guint i = 0; i + 2 < c.len; i++)
    if (type[i] == type_institution && (c.t[i].bits & (G_CUE | G_CUE_START)) && capish (&c.t[i]) &&
        !(i + 1 < c.len && joined[i + 1]) && type[i + 1] == NULL && token_is (&c, i + 1, "and") &&
        gap_spaces (&c, i) && gap_spaces (&c, i + 1) && type[i + 2] == NULL &&
        capish (&c.t[i + 2]) && (c.t[i + 2].bits & (G_CUE | G_CUE_START)))
      {
        guint last = i + 2;

        if (last + 1 < c.len && type[last + 1] == NULL && gap_spaces (&c, last) &&
            capish (&c.t[last + 1]) && (c.t[last + 1].bits & G_CUE))
          last++;
        if (!(c.t[last].bits & G_CUE))
          continue;
        for (guint k = i + 1; k <= last; k++)
          {
            type[k] = type_institution;
            joined[k] = TRUE;
          }
        i = last;
      }

  /* "Orchard View (residential)", "Braeview (children's house)", "Humber
   * Lighthouse Project (registered charity)": a name and the kind of place
   * it is in brackets */
  for (guint i = 0; i + 2 < c.len; i++)
    if (capish (&c.t[i]) && !c.t[i].upper && !joined[i] &&
        (type[i] == NULL || type[i] == type_place || type[i] == type_person) &&
        !(c.t[i].bits & G_TITLE) &&
        /* "Humber", a region, starts a name of several words */
        (!(c.t[i].bits & G_STOP) ||
         (!token_is (&c, i, "the") && i + 1 < c.len && gap_spaces (&c, i) &&
          capish (&c.t[i + 1]))))
      {
        guint last = i, cue;
        gboolean person = type[i] == type_person && (c.t[i].bits & (G_FIRST | G_SUR)) &&
                          !(c.t[i].bits & G_ENGLISH);

        while (last + 1 < c.len && last < i + 2 && gap_spaces (&c, last) &&
               capish (&c.t[last + 1]) && !c.t[last + 1].upper &&
               (type[last + 1] == NULL || joined[last + 1] || type[last + 1] == type_institution))
          last++;
        /* "Amanda Lee (residential)", a worker and her team */
        person = person && span_end (&c, i) >= last;
        /* "Coral Island (arcade)", "Willow Place (shopping centre)": any
         * kind of business too, but not "Leeds (city centre)" */
        cue = kind_in_brackets (&c, last);
        if (cue == 0 || person || (last + 1 < c.len && joined[last + 1]) ||
            (last == i && (type[i] == type_place || (c.t[i].bits & G_PLACE))))
          {
            i = last;
            continue;
          }
        mark (&c, i, last, type_institution);
        i = cue;
      }

  /* "outside the golden nugget (arcade)": in lower case after "the" */
  for (guint i = 1; i + 2 < c.len; i++)
    if (c.t[i].lower && type[i] == NULL && lower_word (&c.t[i]) &&
        token_is (&c, i - 1, "the") && gap_spaces (&c, i - 1) &&
        !token_in (&c, i, &generic_set))
      {
        guint last = i;

        while (last + 1 < c.len && last < i + 2 && gap_spaces (&c, last) &&
               c.t[last + 1].lower && type[last + 1] == NULL && lower_word (&c.t[last + 1]) &&
               !(c.t[last + 1].bits & G_CUE))
          last++;
        if (kind_in_brackets (&c, last) > 0)
          mark (&c, i, last, type_institution);
        i = last;
      }

  /* "Bournemouth, Christchurch and Poole Council": the towns of a council
   * named after them all are the council's name */
  for (guint i = 2; i + 1 < c.len; i++)
    if (type[i] == type_place && !joined[i] && joined[i + 1] && type[i + 1] == type_place &&
        is_and (&c, i - 1) && type[i - 1] == NULL && type[i - 2] == type_place &&
        !(c.t[i - 2].bits & G_COUNCIL) &&
        gap_spaces (&c, i - 2) && gap_spaces (&c, i - 1))
      {
        guint k = span_end (&c, i + 1);
        guint first = i - 2;

        if (!token_is (&c, k, "council"))
          continue;
        while (first > 0 && joined[first])
          first--;
        if (first > 0 && type[first - 1] == type_place && gap_is (&c, first - 1, ", "))
          for (first--; first > 0 && joined[first]; first--)
            ;
        mark (&c, first, i, type_place);
      }

  /* "Kebabish Original, Happy Wok, a car wash called Blue Lagoon": in a
   * list after a business, a name in no list and of no one is one too */
  for (guint i = 1; i + 1 < c.len; i++)
    if ((type[i] == NULL || type[i] == type_none) && c.t[i].cap && !c.t[i].upper &&
        !c.t[i].sentence && type[i - 1] == type_institution && gap_is (&c, i - 1, ", ") &&
        !(c.t[i].bits & (G_TITLE | G_STOP | G_FIRST_POP | G_SUR_POP)))
      {
        guint last = i;

        while (last + 1 < c.len && last < i + 2 && gap_spaces (&c, last) &&
               (type[last + 1] == NULL || type[last + 1] == type_none) &&
               c.t[last + 1].cap && !c.t[last + 1].upper &&
               !(c.t[last + 1].bits & (G_TITLE | G_STOP)))
          last++;
        if (last == i && (c.t[i].bits & (G_FIRST | G_SUR | G_PLACE | G_PLACE_START)))
          continue;
        if (c.t[last].full_end < n && (gap_is (&c, last, ", ") || text[c.t[last].full_end] == ';' ||
                                       (last + 1 < c.len && gap_spaces (&c, last) &&
                                        is_and (&c, last + 1))))
          {
            mark (&c, i, last, type_institution);
            i = last;
          }
      }

  /* "went to Sully's.", "at Kendal's, then", "above Kaz's on the same
   * road", "been at Marley's all day": a place's or a person's name with
   * "'s" and nothing after it that it could own, where someone went, is a
   * business (or a home) named after it, and is so wherever else the
   * note names it so; not "at Mum's" */
  {
    guint64 places[16];
    guint n_places = 0;

    /* "Singh's Off Licence" found, then "drink from Singh's" */
    for (guint i = 0; i < c.len && n_places < G_N_ELEMENTS (places); i++)
      if (type[i] == type_institution && c.t[i].poss && c.t[i].full_end - c.t[i].end >= 2 &&
          i + 1 < c.len && joined[i + 1] && type[i + 1] == type_institution)
        places[n_places++] = c.t[i].hash;
    for (guint i = 1; i < c.len; i++)
      if (c.t[i].poss && !joined[i] && !(i + 1 < c.len && joined[i + 1]) &&
          c.t[i].full_end - c.t[i].end >= 2 && possessive_place_name (&c, i) &&
          nothing_owned_after (&c, i))
        {
          gboolean known = FALSE;

          for (guint q = 0; q < n_places && !known; q++)
            known = places[q] == c.t[i].hash;
          /* "went to Sully's"; in capitals, "JUST AT MO'S" */
          if (!known && !(gap_spaces (&c, i - 1) && token_in (&c, i - 1, &went_to_set) &&
                          (c.t[i].upper ? c.t[i - 1].upper && shouting (&c, i)
                                        : c.t[i - 1].lower)))
            continue;
          mark_with_poss (&c, i, i, type_institution);
          if (!known && n_places < G_N_ELEMENTS (places))
            {
              places[n_places++] = c.t[i].hash;
              /* and where the note named it before */
              i = 0;
            }
        }
  }

  /* "Hotel Solent Vista", "Hotel Rosa (Milnrow)": a hotel named after its
   * cue, capitalised; not "Hotel Manager", "Hotel Staff" nor the "Hotel
   * Watch" scheme */
  for (guint i = 0; i + 1 < c.len; i++)
    if (c.t[i].cap && !c.t[i].upper && token_is (&c, i, "hotel") && !joined[i] &&
        (type[i] == NULL || type[i] == type_none) && gap_spaces (&c, i) &&
        capish (&c.t[i + 1]) && !c.t[i + 1].upper &&
        !(c.t[i + 1].bits & (G_STOP | G_TITLE | G_CUE | G_STREET | G_COUNCIL)) &&
        !(c.t[i + 1].bits & (G_ENGLISH | G_COMMON | G_WORD)) &&
        (type[i + 1] == NULL || type[i + 1] == type_place ||
         (type[i + 1] == type_person && !joined[i + 1])))
      {
        guint last = i + 1;

        while (last + 1 < c.len && last < i + 3 && gap_spaces (&c, last) &&
               capish (&c.t[last + 1]) && !c.t[last + 1].upper &&
               !(c.t[last + 1].bits & (G_STOP | G_TITLE | G_COUNCIL)) &&
               (type[last + 1] == NULL || joined[last + 1]))
          last++;
        while (last + 1 < c.len && joined[last + 1])
          last++;
        mark (&c, i, last, type_institution);
        i = last;
      }

  /* "Kirkstall Express", "Cannon Park Express": a budget hotel or a car
   * wash named after its place or a name, "Express" last; not a paper
   * ("Daily Express") nor a card */
  for (guint i = 1; i < c.len; i++)
    if (capish (&c.t[i]) && token_is (&c, i, "express") && gap_spaces (&c, i - 1) &&
        (type[i] == NULL || (type[i] == type_place && joined[i])) &&
        !(i + 1 < c.len && gap_spaces (&c, i) && capish (&c.t[i + 1])))
      {
        guint first = i;

        while (first > 0 && i - first < 3 && gap_spaces (&c, first - 1) &&
               capish (&c.t[first - 1]) && c.t[first - 1].upper == c.t[i].upper &&
               (type[first - 1] == NULL || type[first - 1] == type_place) &&
               !(c.t[first - 1].bits & (G_STOP | G_TITLE | G_PREP | G_VERB)) &&
               /* "FIRM ALSO RUNS EXPRESS": in capitals, words of the language */
               !(c.t[i].upper && (c.t[first - 1].bits & (G_ENGLISH | G_COMMON))))
          first--;
        if (first < i && !token_is (&c, first, "daily") && !token_is (&c, first, "sunday") &&
            !token_is (&c, first, "american") && !token_is (&c, first, "evening") &&
            !token_is (&c, first, "orient"))
          {
            while (first > 0 && joined[first] && type[first] == type_place)
              first--;
            mark (&c, first, i, type_institution);
          }
      }

  /* "Margate Integrated Sexual Health Clinic", "Three Bridges Foyer": a
   * town's name, then capitalised words and a cue, is an institution
   * named after the town; not a council, a street, a court, nor a line in
   * capitals ("LEEDS COMBINED COURT CENTRE") */
  for (guint i = 0; i + 1 < c.len; i++)
    {
      guint last, k, cue = 0;

      if (type[i] != type_place || joined[i] || c.t[i].upper)
        continue;
      last = span_end (&c, i);
      for (k = last + 1; k < c.len && k <= last + 4; k++)
        {
          if (!gap_spaces (&c, k - 1) || !c.t[k].cap || c.t[k].upper ||
              (type[k] != NULL && type[k] != type_none) ||
              (c.t[k].bits & (G_TITLE | G_COUNCIL | G_STREET | G_PREP | G_VERB)) ||
              token_is (&c, k, "court"))
            break;
          if (c.t[k].bits & G_CUE)
            cue = k;
        }
      if (cue > 0 && !(cue + 1 < c.len && gap_spaces (&c, cue) && capish (&c.t[cue + 1])))
        {
          mark_with_poss (&c, i, cue, type_institution);
          i = cue;
        }
      else
        i = last;
    }

  detect_firms (&c);

  /* "interpreter Zarmina booked", "Everyone said Dhagax.", "believed to
   * be Qudratullah, 01/01/1991": a capitalised word of no list inside a
   * sentence, alone, that no rule took for a place or a venue, is most
   * likely a person's name; at a sentence's start too, before what a
   * person says or an age ("Teklit thinks", "Wahidullah (17)"); not after
   * "the" or "a", nor in a line of capitalised words (a heading) */
  for (guint i = 0; i < c.len; i++)
    if (type[i] == NULL && c.t[i].cap && !c.t[i].upper && unlisted (&c.t[i]) &&
        (!c.t[i].sentence || person_follows (&c, i)) &&
        c.t[i].end - c.t[i].start >= 3 && !(i > 0 && determiner (&c, i - 1)) &&
        !(i + 1 < c.len && gap_spaces (&c, i) && capish (&c.t[i + 1])) &&
        /* ("Interpreter Zarmina booked": a sentence's first word of the
         * language before it is no part of a name) */
        !(i > 0 && gap_spaces (&c, i - 1) && capish (&c.t[i - 1]) &&
          !(c.t[i - 1].sentence && !c.t[i - 1].upper && (c.t[i - 1].bits & G_ENGLISH) &&
            !(c.t[i - 1].bits & (G_FIRST | G_SUR | G_PLACE | G_PLACE_START | G_CUE | G_CUE_START)))) &&
        plain_name_shape (&c, i) &&
        !c.t[i].brand && !(c.near[i] & NEAR_AFTER_ADDRESS) && !festival (&c, i) &&
        !title_case_line (&c, i))
      mark (&c, i, i, type_person);

  /* "The usual group: Smokey, Tiny, Dreadz and two girls", "his nephews,
   * Mushy and Taz": a capitalised word listed beside a one-word name is
   * one too, nickname or not, once the late rules have found names of no
   * list; not a place, a body or a word of the stop list */
  for (gboolean changed = TRUE; changed; )
    {
      changed = FALSE;
      for (guint i = 0; i < c.len; i++)
        {
          guint32 b = c.t[i].bits;
          gboolean left, right;

          if (type[i] != NULL || !c.t[i].cap || c.t[i].upper || c.t[i].initial || c.t[i].poss ||
              c.t[i].end - c.t[i].start < 3 || c.t[i].brand || c.t[i].sentence ||
              (i > 0 && determiner (&c, i - 1)) ||
              (b & (G_STOP | G_CUE | G_CUE_START | G_STREET | G_TITLE | G_KIN | G_PLACE |
                    G_PLACE_START | G_COUNCIL | G_HEADER | G_VERB | G_PREP | G_NAME_ROLE)))
            continue;
          left = i > 0 && type[i - 1] == type_person && !joined[i - 1] &&
                 !(i > 1 && joined[i - 1]) && c.t[i - 1].cap && !c.t[i - 1].upper &&
                 (list_gap (&c, i - 1) ||
                  (i > 1 && is_and (&c, i - 1) && gap_spaces (&c, i - 1) && i >= 2 &&
                   type[i - 2] == type_person && !joined[i - 2] && gap_spaces (&c, i - 2)));
          right = i + 1 < c.len && type[i + 1] == type_person && !joined[i + 1] &&
                  !(i + 2 < c.len && joined[i + 2]) && c.t[i + 1].cap && !c.t[i + 1].upper &&
                  list_gap (&c, i);
          right = right || (i + 2 < c.len && is_and (&c, i + 1) && gap_spaces (&c, i) &&
                            gap_spaces (&c, i + 1) && type[i + 2] == type_person &&
                            !joined[i + 2] && !(i + 3 < c.len && joined[i + 3]) &&
                            c.t[i + 2].cap && !c.t[i + 2].upper);
          if (left || right)
            {
              mark (&c, i, i, type_person);
              changed = TRUE;
            }
        }
    }

  institution_tails (&c);
  employers_after_posts (&c);
  defined_acronyms (&c);
  capital_the_names (&c);
  propagate_institutions (&c);
  /* (and the names found again: "- The Laurels, Heywood") */
  capital_the_names (&c);
  institution_acronyms (&c);
  owner_column_initials (&c);
  chat_speakers (&c);
  timed_speakers (&c);
  keyed_initials (&c);
  widen_people (&c);
  dates_after_people (&c);
  one_word_streets (&c);
  partnerships_of_places (&c);
  days_and_models (&c);
  late_people (&c);
  trade_names (&c);

  /* "KM/JT", "AM/IF", "HMcK/S.B.": the initials after a slash beside
   * someone's are someone's too (no token of their own); not a title
   * before a name ("AS/DC Raza") */
  for (guint i = 0; i < c.len; i++)
    {
      gsize e = c.t[i].full_end, q = e + 1, caps = 0;

      if (type[i] != type_person || joined[i] || span_end (&c, i) != i || c.t[i].lower ||
          c.t[i].end - c.t[i].start > 5 || e + 2 >= n || text[e] != '/' ||
          !g_ascii_isupper (text[e + 1]))
        continue;
      while (q < n && q - e <= 7 && (g_ascii_isalpha (text[q]) || text[q] == '.' || text[q] == '\''))
        caps += g_ascii_isupper (text[q++]) ? 1 : 0;
      if (q - e - 1 < 2 || caps < 2 || caps * 2 < q - e - 1 ||
          (q < n && (g_ascii_isalnum (text[q]) || text[q] == '/')) ||
          (q + 1 < n && text[q] == ' ' && g_ascii_isupper (text[q + 1]) && q + 2 < n &&
           g_ascii_islower (text[q + 2])))
        continue;
      {
        SlSpan span = { offset + e + 1, offset + q, type_person };

        /* (the dot after "S.B." is the initials', a full stop is not:
         * both are kept, as the rules for initials keep them) */
        g_array_append_val (c.found, span);
      }
    }

  /* "MARK HILL": two names found apart, side by side in the same case, are one */
  for (guint i = 1; i < c.len; i++)
    if (type[i] == type_person && type[i - 1] == type_person && !joined[i] &&
        c.t[i].upper && c.t[i - 1].upper && gap_spaces (&c, i - 1))
      joined[i] = TRUE;

  for (guint i = 0; i < c.len; i++)
    {
      SlSpan span;
      guint last;

      if (type[i] == NULL || type[i] == type_none)
        continue;
      last = span_end (&c, i);
      span.start = offset + (lead[i] > 0 ? lead[i] - 1 : c.t[i].start);
      span.end = offset + c.t[last].end;
      span.type = type[i];
      g_array_append_val (found, span);
      i = last;
    }
}

static int
compare_positions (gconstpointer a,
                   gconstpointer b)
{
  gsize x = *(const gsize *) a, y = *(const gsize *) b;

  return x < y ? -1 : x > y;
}

/* A note is scanned whole, so a name found once is found everywhere in
 * it; a long text is cut at line breaks every 64 kB or so, which keeps
 * the work per byte constant. */
static void
detect_names (const char *text,
              gsize       n,
              GArray     *found)
{
  TokenBuf toks = { 0, };
  g_autoptr(GArray) anchors = g_array_new (FALSE, FALSE, sizeof (gsize));
  gsize start = 0;

  /* Where the addresses found so far end and the postcodes start: the
   * words next to them are towns */
  for (guint i = 0; i < found->len; i++)
    {
      const SlSpan *span = &g_array_index (found, SlSpan, i);
      gsize anchor;

      if (strcmp (span->type, SL_SPAN_ADDRESS) == 0)
        anchor = span->end * 2;
      else if (strcmp (span->type, SL_SPAN_POSTCODE) == 0)
        anchor = span->start * 2 + 1;
      else
        continue;
      g_array_append_val (anchors, anchor);
    }
  g_array_sort (anchors, compare_positions);

  load_gazetteers ();
  /* a note of a few lines does not fill, nor need to clear, the whole
   * cache: a word in eight bytes of text at the most */
  for (toks.cache_mask = 64; toks.cache_mask < CACHE_SIZE && toks.cache_mask * 8 < n;)
    toks.cache_mask *= 2;
  toks.cache = g_new0 (Entry, toks.cache_mask);
  toks.cache_mask--;
  while (start < n)
    {
      gsize end = n;

      if (n - start > 65536)
        {
          const char *nl = memchr (text + start + 65536, '\n', n - start - 65536);

          end = nl != NULL ? (gsize) (nl - text) + 1 : n;
        }
      detect_names_in (text + start, start, end - start, &toks, found,
                       (const gsize *) anchors->data, anchors->len);
      start = end;
    }
  g_free (toks.t);
  g_free (toks.cache);
  g_free (toks.type);
  g_free (toks.joined);
  g_free (toks.lead);
  g_free (toks.near);
}

/* Is the cell text[s, e) a heading of names ("Name", "Full name")? */
static gboolean
name_heading (const char *text,
              gsize       s,
              gsize       e)
{
  static const char *const headings[] = { "name", "names", "full name", "child's name",
                                          /* a column of what people are called */
                                          "aka", "a.k.a.", "alias", "aliases", "nickname",
                                          "nicknames", "known as", "street name" };

  for (guint i = 0; i < G_N_ELEMENTS (headings); i++)
    if (e - s == strlen (headings[i]) && g_ascii_strncasecmp (text + s, headings[i], e - s) == 0)
      return TRUE;
  return FALSE;
}

/* Is the cell text[s, e) what a person's name could be: words of letters,
 * hyphens and apostrophes, the first no role or stop word ("YP14", "Child
 * A", "Not known" are not)? */
static gboolean
name_cell (const char *text,
           gsize       s,
           gsize       e)
{
  gsize w = s;
  guint words = 0;
  gboolean cap = FALSE, lower = FALSE;

  if (e - s < 2 || e - s > 48)
    return FALSE;
  for (gsize p = s; p <= e; p++)
    {
      if (p < e && (g_ascii_isalpha (text[p]) || (guchar) text[p] >= 0x80 ||
                    ((text[p] == '-' || text[p] == '\'') && p > w)))
        continue;
      if (p < e && text[p] != ' ')
        return FALSE;
      /* (a word starts with a letter: not "—", "n/k") */
      if (p - w < 2 || !g_unichar_isalpha (g_utf8_get_char_validated (text + w, p - w)))
        return FALSE;
      {
        char buf[64];
        gsize k = 0;
        guint32 bits;

        for (gsize q = w; q < p && k < sizeof buf; q++)
          buf[k++] = g_ascii_tolower (text[q]);
        bits = table_get (finish_hash (fnv_feed (FNV_OFFSET, buf, k)));
        if (words++ == 0 && (bits & (G_STOP | G_NAME_ROLE)))
          return FALSE;
        /* "Pasted from the spreadsheet": capitals and lower case, not a
         * particle ("de", "bin"), are a sentence */
        if (g_ascii_islower (text[w]) && !(bits & G_PARTICLE))
          lower = TRUE;
        else if (!g_ascii_islower (text[w]))
          cap = TRUE;
      }
      w = p + 1;
    }
  return words <= 4 && !(cap && lower);
}

/* Rows of a pasted table under a heading "Name" (pipe-, tab- or
 * comma-separated): the cells of that column are people, though their
 * words be ordinary ("Jade Pike"). */
static void
detect_name_column (const char *text,
                    gsize       n,
                    GArray     *found)
{
  enum { MAX_COLUMNS = 4 };
  char sep = 0;
  guint columns[MAX_COLUMNS], n_columns = 0, cols = 0;

  for (gsize ls = 0; ls < n;)
    {
      const char *nl = memchr (text + ls, '\n', n - ls);
      gsize le = nl != NULL ? (gsize) (nl - text) : n;

      if (sep != 0)
        {
          /* a row has as many cells as the heading */
          guint c = 0;

          for (gsize p = ls; p < le; p++)
            c += text[p] == sep;
          if (c != cols)
            sep = 0;
        }
      if (sep != 0)
        for (guint k = 0; k < n_columns; k++)
          {
            gsize p = ls, cs, ce;

            for (guint m = 0; m < columns[k] && p < le; p++)
              m += text[p] == sep;
            for (cs = p; cs < le && (text[cs] == ' ' || text[cs] == '\t') && text[cs] != sep; cs++)
              ;
            for (ce = cs; ce < le && text[ce] != sep; ce++)
              ;
            while (ce > cs && (text[ce - 1] == ' ' || text[ce - 1] == '\r'))
              ce--;
            if (p <= le && name_cell (text, cs, ce))
              {
                SlSpan span = { cs, ce, SL_SPAN_PERSON };

                g_array_append_val (found, span);
              }
          }
      else
        for (guint k = 0; k < 3 && sep == 0; k++)
          {
            const char s = "|\t,"[k];
            gsize cs = ls;
            guint c = 0;

            if (memchr (text + ls, s, le - ls) == NULL)
              continue;
            n_columns = 0;
            for (gsize p = ls; p <= le; p++)
              if (p == le || text[p] == s)
                {
                  gsize a = cs, b = p;

                  while (a < b && (text[a] == ' ' || text[a] == '\t'))
                    a++;
                  while (b > a && (text[b - 1] == ' ' || text[b - 1] == '\r'))
                    b--;
                  if (name_heading (text, a, b) && n_columns < MAX_COLUMNS)
                    columns[n_columns++] = c;
                  c++;
                  cs = p + 1;
                }
            if (n_columns > 0)
              {
                sep = s;
                cols = 0;
                for (gsize q = ls; q < le; q++)
                  cols += text[q] == s;
              }
          }
      ls = le + 1;
    }
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

static gboolean
handle_byte (char ch)
{
  return g_ascii_isalnum (ch) || ch == '_' || ch == '.';
}

/* Who writes in a chat log, named by an account without its "@": the
 * first word of a line, before a colon, of letters with digits, dots or
 * underscores, in lower case ("gh0stx: they went", "[21:14] tazz.xo: u
 * there"). Its other mentions in the note are the same handle. A word of
 * capitals and digits ("YP12:", "A1:") is a role or an action, and a
 * bare word a person, left to the rules for names. */
static void
detect_chat_handles (const char *text,
                     gsize       n,
                     GArray     *found)
{
  g_autoptr(GArray) cands = NULL;
  guint first = found->len;

  for (gsize ls = 0; ls < n;)
    {
      const char *nl = memchr (text + ls, '\n', n - ls);
      gsize le = nl != NULL ? (gsize) (nl - text) : n;
      gsize p = ls, s, q;
      gboolean stamped = FALSE, lower = FALSE, sign = FALSE;
      guint letters = 0;

      if (p < le && text[p] == '[')
        p++;
      if ((q = clock_time_at (text, le, p)) > 0)
        {
          if (q < le && text[q] == ']')
            q++;
          if (q < le && text[q] == ' ')
            {
              stamped = TRUE;
              p = q + 1;
            }
        }
      if (!stamped)
        p = ls;
      for (s = p; p < le && handle_byte (text[p]); p++)
        {
          letters += g_ascii_isalpha (text[p]) != 0;
          lower = lower || g_ascii_islower (text[p]);
          sign = sign || g_ascii_isdigit (text[p]) || text[p] == '_' || text[p] == '.';
        }
      if (p < le && text[p] == ':' && (p + 1 == le || text[p + 1] == ' ') && letters >= 3 &&
          lower && sign && g_ascii_isalnum (text[s]) && g_ascii_isalnum (text[p - 1]))
        {
          SlSpan span = { s, p, stamped ? SL_SPAN_SOCIAL_HANDLE : NULL };

          if (cands == NULL)
            cands = g_array_new (FALSE, FALSE, sizeof (SlSpan));
          g_array_append_val (cands, span);
        }
      ls = le + 1;
    }
  if (cands == NULL)
    return;

  /* without a time, a speaker must speak twice */
  for (guint i = 0; i < cands->len; i++)
    {
      SlSpan *a = &g_array_index (cands, SlSpan, i);

      for (guint k = 0; k < cands->len && a->type == NULL; k++)
        {
          const SlSpan *b = &g_array_index (cands, SlSpan, k);

          if (k != i && b->end - b->start == a->end - a->start &&
              memcmp (text + a->start, text + b->start, a->end - a->start) == 0)
            a->type = SL_SPAN_SOCIAL_HANDLE;
        }
    }

  for (guint i = 0; i < cands->len; i++)
    {
      const SlSpan *a = &g_array_index (cands, SlSpan, i);
      gsize len = a->end - a->start;
      gboolean seen = FALSE;

      if (a->type == NULL)
        continue;
      for (guint k = first; k < found->len && !seen; k++)
        {
          const SlSpan *f = &g_array_index (found, SlSpan, k);

          seen = f->end - f->start == len && memcmp (text + f->start, text + a->start, len) == 0;
        }
      if (seen)
        continue;
      /* every mention of it */
      for (const char *h = text; h != NULL && (gsize) (h - text) + len <= n;)
        {
          gsize at;

          h = memchr (h, text[a->start], n - len + 1 - (gsize) (h - text));
          if (h == NULL)
            break;
          at = (gsize) (h - text);
          if (memcmp (h, text + a->start, len) == 0 &&
              (at == 0 || !(handle_byte (text[at - 1]) || text[at - 1] == '@')) &&
              (at + len == n || !(g_ascii_isalnum (text[at + len]) || text[at + len] == '_')))
            {
              SlSpan span = { at, at + len, SL_SPAN_SOCIAL_HANDLE };

              g_array_append_val (found, span);
            }
          h++;
        }
    }
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
 * street addresses; and names of people (PERSON), towns and local
 * authorities (PLACE) and named institutions (INSTITUTION), found with the
 * gazetteers in data/gazetteers and context rules. Where candidates
 * overlap, the longest wins.
 *
 * Returns: (transfer full) (element-type SlSpan): the spans, sorted by
 *   start and never overlapping
 */
static inline gboolean
word_char (char ch)
{
  return g_ascii_isalnum (ch) || ch == '_';
}

static inline gboolean
email_char (char ch)
{
  return g_ascii_isalnum (ch) || strchr ("._%+-", ch) != NULL;
}

/* The run of bytes of class is_class from i: its length, at most max. */
static inline gsize
run_of (const char *text,
        gsize       n,
        gsize       i,
        gsize       max,
        gboolean  (*is_class) (gchar))
{
  gsize k = 0;

  while (k < max && i + k < n && is_class (text[i + k]))
    k++;
  return k;
}

static inline gboolean
is_digit (gchar c)
{
  return g_ascii_isdigit (c);
}

static inline gboolean
is_letter (gchar c)
{
  return g_ascii_isalpha (c);
}

/* Digits at i, then perhaps a space, then more digits: "12", "AB 12". */
static inline gboolean
digits_at (const char *text,
           gsize       n,
           gsize       i,
           gsize       count)
{
  if (i < n && text[i] == ' ')
    i++;
  return run_of (text, n, i, count, is_digit) == count;
}

/* Lists, in order, every place where each recogniser's match can start
 * (and some where it cannot): the bytes each pattern must begin with,
 * nothing more, so that trying the pattern anchored at these places finds
 * what a scan of the whole text would. Patterns are bytes (G_REGEX_RAW):
 * a word's start is a byte of [A-Za-z0-9_] after none. */
static void
find_starts (const char *text,
             gsize       n,
             GArray    **starts)
{
  for (guint k = START_ANYWHERE + 1; k < N_STARTS; k++)
    starts[k] = g_array_new (FALSE, FALSE, sizeof (gsize));

  for (gsize i = 0; i < n; i++)
    {
      gboolean word_start = i == 0 || !word_char (text[i - 1]);

      if (g_ascii_isdigit (text[i]))
        {
          gsize digits;
          char next;

          if (i > 0 && g_ascii_isdigit (text[i - 1]))
            continue;
          digits = run_of (text, n, i, 5, is_digit);
          next = i + digits < n ? text[i + digits] : '\0';
          if (digits >= 3)
            g_array_append_val (starts[START_NHS], i);
          if (!word_start)
            continue;
          /* "03/02/1997", "2011-05-14", "14th May", "14 May", "14-May-11" */
          if ((digits <= 2 && (strchr ("/.-sSnNrRtT \t\n\v\f\r", next) != NULL && next != '\0')) ||
              (digits == 4 && next != '\0' && strchr ("-/.", next) != NULL))
            g_array_append_val (starts[START_DATE], i);
          /* "12 Canal Street", "212-214 Coventry Road", "2/1, 17 ...", "3F2" */
          if (digits <= 4 && next != '\0' &&
              (g_ascii_isalpha (next) || strchr ("-/, \t", next) != NULL ||
               (guchar) next == 0xE2 /* "23–25" */))
            g_array_append_val (starts[START_ADDRESS], i);
        }
      else if (g_ascii_isalpha (text[i]))
        {
          gsize letters;

          if (i > 0 && g_ascii_isalnum (text[i - 1]))
            continue;
          letters = run_of (text, n, i, 11, is_letter);
          /* "www." and "https://" may follow an underscore */
          if ((text[i] | 0x20) == 'h' ? letters >= 4 && g_ascii_strncasecmp (text + i, "http", 4) == 0
              : (text[i] | 0x20) == 'w' && letters >= 3 && g_ascii_strncasecmp (text + i, "www", 3) == 0)
            g_array_append_val (starts[START_URL], i);
          if (!word_start)
            continue;
          if (letters == 1 && digits_at (text, n, i + 1, 12) && text[i + 1] != ' ')
            g_array_append_val (starts[START_UPN], i);
          if (letters == 2 && digits_at (text, n, i + 2, 2))
            {
              gsize j = i + 2 + (text[i + 2] == ' ') + 2;

              g_array_append_val (starts[START_NI], i);
              if (j < n && (text[j] == ' ' || text[j] == '-'))
                j++;
              if (j < n && (g_ascii_isalpha (text[j]) || text[j] == '?' || text[j] == '*'))
                g_array_append_val (starts[START_VEHICLE], i);
            }
          /* "AXZ 1234": three capitals and a number */
          else if (letters == 3 && g_ascii_isupper (text[i]) &&
                   (text[i + 1] == 'Z' || text[i + 2] == 'Z' || text[i + 1] == 'I' ||
                    text[i + 2] == 'I') &&
                   i + 4 < n && g_ascii_isdigit (text[i + 3 + (text[i + 3] == ' ')]))
            g_array_append_val (starts[START_VEHICLE], i);
          /* a postcode's outward code is two to four bytes, its inward
           * code a digit and two letters, perhaps after a space */
          if (letters <= 2)
            for (gsize j = i + letters; j <= i + 5 && j + 2 < n; j++)
              {
                if (!g_ascii_isalnum (text[j]) && text[j] != ' ')
                  break;
                if (g_ascii_isdigit (text[j]) && g_ascii_isalpha (text[j + 1]) &&
                    g_ascii_isalpha (text[j + 2]) && j >= i + 2)
                  {
                    g_array_append_val (starts[START_POSTCODE], i);
                    break;
                  }
              }
          if (letters >= 3 && starts_with_word (&month_words, text, i, 3))
            g_array_append_val (starts[START_DATE], i);
          if (starts_with_word (&reference_words, text, i, letters))
            g_array_append_val (starts[START_REFERENCE], i);
          if (starts_with_word (&flat_words, text, i, letters))
            g_array_append_val (starts[START_ADDRESS], i);
        }
      else if (text[i] == '@')
        {
          gsize s = i;

          while (s > 0 && email_char (text[s - 1]))
            s--;
          if (s < i)
            g_array_append_val (starts[START_EMAIL], s);
        }
    }
}

static void
add_match (const Recogniser *r,
           const char       *text,
           GMatchInfo       *match,
           GArray           *found)
{
  SlSpan span = { 0, 0, r->type };

  match_bounds (match, 0, &span.start, &span.end);
  if ((r->validate == NULL || r->validate (text, match, &span.start, &span.end)) &&
      span.end > span.start)
    g_array_append_val (found, span);
}

/* The end of an exhibit's mark at text[i]: an officer's initials, "/"
 * and a number ("KLM/4", "SAB/14", "OC/19"); or 0 */
static gsize
exhibit_mark_end (const char *text,
                  gsize       n,
                  gsize       i)
{
  gsize l = i, e;

  if (i > 0 && (g_ascii_isalnum (text[i - 1]) || text[i - 1] == '/'))
    return 0;
  while (l < n && g_ascii_isupper (text[l]) && l - i <= 4)
    l++;
  if (l - i < 2 || l - i > 4 || l + 1 >= n || text[l] != '/' || !g_ascii_isdigit (text[l + 1]))
    return 0;
  for (e = l + 1; e < n && e - l <= 4 && g_ascii_isdigit (text[e]); e++)
    ;
  if (e - l > 4 || (e < n && (g_ascii_isalnum (text[e]) || text[e] == '/')))
    return 0;
  return e;
}

/* After a cue at text[p] ("exhibits", "boxes"), the mark of an exhibit
 * within a few bytes: its initials are kept in @marks */
static void
exhibit_cue_mark (const char *text,
                  gsize       n,
                  gsize       p,
                  char        marks[][6],
                  guint      *n_marks)
{
  gsize from = p, e;

  /* "exhibits", "exhibited as", "exhibit no." */
  while (p < n && p - from < 14 && !g_ascii_isupper (text[p]) && text[p] != '\n' &&
         (text[p] != '.' || (p >= 2 && text[p - 2] == 'n' && text[p - 1] == 'o')))
    p++;
  if (p < n && (e = exhibit_mark_end (text, n, p)) > 0)
    {
      gsize l = p;

      while (text[l] != '/')
        l++;
      /* (each officer's initials once) */
      for (guint k = 0; k < *n_marks; k++)
        if (strlen (marks[k]) == l - p && memcmp (marks[k], text + p, l - p) == 0)
          return;
      memcpy (marks[*n_marks], text + p, l - p);
      marks[(*n_marks)++][l - p] = '\0';
    }
}

/* The end of a company's number in brackets that starts at text[b]:
 * eight letters and digits, the third and the last digits, then ")"
 * ("07341906", "SC412345"); or 0 */
static gsize
company_number_end (const char *text,
                    gsize       n,
                    gsize       b)
{
  gsize e;

  for (e = b; e < n && e - b < 9 && g_ascii_isalnum (text[e]); e++)
    ;
  return e - b == 8 && e < n && text[e] == ')' && g_ascii_isdigit (text[b + 2]) &&
         g_ascii_isdigit (text[e - 1]) ? e : 0;
}

/* The references of legal papers, without a keyword of the usual kind:
 * - a witness statement's form and number, "MG11/BC/1", "MG11/C22/2";
 * - an exhibit's mark after "exhibit", "exhibited as", "produced as" or
 *   "boxes" ("exhibit KLM/4"), and then every mark of the same initials
 *   ("exhibits SM/1–SM/6");
 * - a document's kind and its number, "SCR 2012/04", "SAR 24/1193", "PNB
 *   118426", "ACC 2009/117", "Datix W118472", "ICOS no. 16/054412";
 * - an inquiry's or an archive's number, capitals and six to eight digits
 *   ("WITN0388002");
 * - a company's number after its name, "Ltd (07341906)";
 * - a Crown Court's case number for sentence or appeal, "S20190088",
 *   "A20190031" (for trial, "T…", found with the family court's) */
static void
legal_references (const char *text,
                  gsize       n,
                  GArray     *found)
{
  static const char *const kinds[] = { "SCR", "SAR", "PNB", "ACC", "FOI", "CSPR", "LCSPR", "DHR",
                                       "LADO", "ICOS", "PNCID", "DATIX", "Datix", "CN", "EXT",
                                       "PPS", "RSC" };
  char marks[8][6];
  guint n_marks = 0;

  for (gsize i = 0; i + 4 < n; i++)
    {
      gsize l, e;

      /* to the next capital, in a tight loop */
      while (i + 4 < n && (guchar) (text[i] - 'A') >= 26)
        i++;
      l = i;
      if (i + 4 >= n || (i > 0 && (g_ascii_isalnum (text[i - 1]) ||
                                                   text[i - 1] == '/' || text[i - 1] == '-')))
        continue;
      while (l < n && g_ascii_isalpha (text[l]) && l - i <= 6)
        l++;
      /* "MG11/BC/1" */
      if (l - i == 2 && text[i] == 'M' && text[i + 1] == 'G' && l < n && g_ascii_isdigit (text[l]))
        {
          guint groups = 0;

          for (e = l; e < n && g_ascii_isdigit (text[e]); e++)
            ;
          if (e < n && g_ascii_isupper (text[e]))
            e++;
          while (e + 1 < n && text[e] == '/' && g_ascii_isalnum (text[e + 1]))
            {
              for (e++; e < n && g_ascii_isalnum (text[e]); e++)
                ;
              groups++;
            }
          if (groups >= 1)
            {
              SlSpan span = { i, e, SL_SPAN_REFERENCE };

              g_array_append_val (found, span);
              i = e;
            }
          continue;
        }
      /* "WITN0388002" */
      if (l - i >= 3 && l - i <= 5 && l < n && g_ascii_isdigit (text[l]))
        {
          gboolean upper = TRUE;

          for (gsize q = i; q < l; q++)
            upper &= g_ascii_isupper (text[q]) != 0;
          for (e = l; e < n && g_ascii_isdigit (text[e]); e++)
            ;
          if (upper && e - l >= 6 && e - l <= 8 && (e == n || !g_ascii_isalnum (text[e])))
            {
              SlSpan span = { i, e, SL_SPAN_REFERENCE };

              g_array_append_val (found, span);
              i = e;
              continue;
            }
        }
      /* "Ltd (07341906)" */
      if (l + 3 < n && text[l] == ' ' && text[l + 1] == '(' &&
          ((l - i == 3 && (strncmp (text + i, "Ltd", 3) == 0 || strncmp (text + i, "LLP", 3) == 0 ||
                           strncmp (text + i, "CIC", 3) == 0 || strncmp (text + i, "PLC", 3) == 0)) ||
           (l - i == 7 && strncmp (text + i, "Limited", 7) == 0)))
        {
          if ((e = company_number_end (text, n, l + 2)) > 0)
            {
              SlSpan span = { l + 2, e, SL_SPAN_REFERENCE };

              g_array_append_val (found, span);
            }
          i = l;
          continue;
        }
      /* "S20190088", "A20190031" */
      if (l - i == 1 && (text[i] == 'S' || text[i] == 'A') && (text[l] == '2' || text[l] == '1'))
        {
          for (e = l; e < n && e - l < 9 && g_ascii_isdigit (text[e]); e++)
            ;
          if (e - l == 8 && (e == n || !g_ascii_isalnum (text[e])))
            {
              SlSpan span = { i, e, SL_SPAN_REFERENCE };

              g_array_append_val (found, span);
              i = e;
            }
          continue;
        }
      /* "SCR 2012/04", "PNB 118426", "ICOS no. 16/054412", "Datix W118472":
       * a space, and a digit, a capital or "no." after it */
      if (l + 2 >= n || text[l] != ' ' ||
          !(g_ascii_isdigit (text[l + 1]) || g_ascii_isupper (text[l + 1]) || text[l + 1] == 'n'))
        {
          i = l;
          continue;
        }
      for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
        if (kinds[k][0] == text[i] && strlen (kinds[k]) == l - i &&
            strncmp (text + i, kinds[k], l - i) == 0)
          {
            gsize b = l, d = 0;
            guint groups = 1;

            if (b + 5 < n && g_ascii_strncasecmp (text + b, " no. ", 5) == 0)
              b += 4;
            if (b + 1 >= n || text[b] != ' ')
              break;
            b++;
            e = b;
            if (e < n && g_ascii_isupper (text[e]) && e + 1 < n && g_ascii_isdigit (text[e + 1]))
              e++;
            for (; e < n; e++)
              {
                if (g_ascii_isdigit (text[e]))
                  d++;
                else if (text[e] == '/' && e + 1 < n && g_ascii_isdigit (text[e + 1]))
                  groups++;
                else
                  break;
              }
            /* "11/4471902K": a check letter */
            if (e + 1 < n && g_ascii_isupper (text[e]) && !g_ascii_isalnum (text[e + 1]) && d >= 6)
              e++;
            /* not a year alone ("SCR 2012") */
            if (d >= 3 && (e == n || !g_ascii_isalnum (text[e])) &&
                !(groups == 1 && d == 4 && (strncmp (text + b, "19", 2) == 0 ||
                                            strncmp (text + b, "20", 2) == 0)))
              {
                SlSpan span = { i, e, SL_SPAN_REFERENCE };

                g_array_append_val (found, span);
                i = e;
              }
            break;
          }
    }
  /* exhibits' marks: those after a cue, then all with the same initials;
   * the cues found by their "x" ("exhibit", "Exhibits", "boxes", "Box")
   * or by memmem ("produced as") */
  for (const char *x = memchr (text, 'x', n); x != NULL && n_marks < 8;
       x = memchr (x + 1, 'x', n - (gsize) (x + 1 - text)))
    {
      gsize q = (gsize) (x - text), p;

      if (q + 6 <= n && q > 0 && (text[q - 1] | 0x20) == 'e' && memcmp (x, "xhibit", 6) == 0)
        p = q + 6;
      else if (q >= 2 && (text[q - 2] | 0x20) == 'b' && text[q - 1] == 'o' &&
               /* ("inbox", "Xbox") */
               (q == 2 || !g_ascii_isalnum (text[q - 3])) &&
               (q + 1 < n && (text[q + 1] == ' ' || (text[q + 1] == 'e' && q + 3 < n &&
                                                     text[q + 2] == 's' && text[q + 3] == ' '))))
        p = q + 1;
      else
        continue;
      exhibit_cue_mark (text, n, p, marks, &n_marks);
    }
  for (const char *t = memmem (text, n, "roduced as", 10); t != NULL && n_marks < 8;
       t = memmem (t + 1, n - (gsize) (t + 1 - text), "roduced as", 10))
    if (t > text && (t[-1] | 0x20) == 'p')
      exhibit_cue_mark (text, n, (gsize) (t - text) + 10, marks, &n_marks);
  /* "Kinder Care Group plc (07341906)": "plc" in lower case, which the
   * scan of capitals passes by */
  for (const char *t = memmem (text, n, "plc (", 5); t != NULL;
       t = memmem (t + 1, n - (gsize) (t + 1 - text), "plc (", 5))
    {
      gsize b = (gsize) (t - text) + 5, e;

      if ((e = company_number_end (text, n, b)) > 0 && (t == text || !g_ascii_isalnum (t[-1])))
        {
          SlSpan span = { b, e, SL_SPAN_REFERENCE };

          g_array_append_val (found, span);
        }
    }
  for (gsize i = 0; i + 3 < n && n_marks > 0; i++)
    {
      gsize e;

      if (!g_ascii_isupper (text[i]) || (e = exhibit_mark_end (text, n, i)) == 0)
        continue;
      for (guint k = 0; k < n_marks; k++)
        if (strncmp (text + i, marks[k], strlen (marks[k])) == 0 && text[i + strlen (marks[k])] == '/')
          {
            SlSpan span = { i, e, SL_SPAN_REFERENCE };

            g_array_append_val (found, span);
            break;
          }
      i = e;
    }
}

/* "SUB 0412" … "SUB 0413", "CASE 1187": capitals, a space and a number
 * of three to five digits, named twice or more in the note with other
 * numbers, as a log numbers what it holds; not an officer's collar
 * number ("PC 2317"), a time ("AT 2355") nor a year */
static void
numbered_references (const char *text,
                     gsize       n,
                     GArray     *found)
{
  static const char *const not_prefixes[] = {
    "PC", "DC", "DS", "DI", "DCI", "DSU", "PS", "SGT", "PCSO", "INSP", "CAD", "LOG", "URN",
    "CRN", "LCS", "CHI", "ISO", "BS", "EN", "NHS", "KS", "YP", "AGE", "AGED", "NO", "TEL",
    "MOB", "FLAT", "UNIT", "ROOM", "APT", "YEAR", "AND", "THE", "OF", "IN", "AT", "ON", "TO",
    "BY", "FROM", "ABT", "APPX", "ONLY", "PAGE", "PARA", "ITEM", "ROW", "BUS", "ROUTE",
  };
  g_autoptr(GArray) numbered = NULL;
  /* each prefix, and the number first seen with it or "" once another
   * number was seen with it too (made when a first one is found) */
  g_autoptr(GHashTable) numbers = NULL;

  for (gsize i = 0; i + 5 < n; i++)
    {
      gsize l, d, e;
      gboolean skip = FALSE;

      while (i + 5 < n && (guchar) (text[i] - 'A') >= 26)
        i++;
      l = i;
      if (i + 5 >= n || (i > 0 && (g_ascii_isalnum (text[i - 1]) ||
                                                   text[i - 1] == '/' || text[i - 1] == '-')))
        continue;
      while (l < n && g_ascii_isupper (text[l]) && l - i <= 4)
        l++;
      if (l - i < 2 || l - i > 4 || l + 1 >= n || text[l] != ' ' || !g_ascii_isdigit (text[l + 1]))
        {
          i = l;
          continue;
        }
      d = l + 1;
      for (e = d; e < n && g_ascii_isdigit (text[e]); e++)
        ;
      if (e - d < 3 || e - d > 5 || (e < n && (g_ascii_isalnum (text[e]) || text[e] == '/' ||
                                                text[e] == ':' || (text[e] == '.' &&
                                                e + 1 < n && g_ascii_isdigit (text[e + 1])))))
        {
          i = e;
          continue;
        }
      for (guint k = 0; k < G_N_ELEMENTS (not_prefixes) && !skip; k++)
        skip = strlen (not_prefixes[k]) == l - i && strncmp (text + i, not_prefixes[k], l - i) == 0;
      /* a year */
      skip = skip || (e - d == 4 && (strncmp (text + d, "19", 2) == 0 ||
                                     strncmp (text + d, "20", 2) == 0));
      if (!skip)
        {
          SlSpan span = { i, e, SL_SPAN_REFERENCE };
          char *prefix = g_strndup (text + i, l - i);
          const char *seen;

          if (numbers == NULL)
            {
              numbers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
              numbered = g_array_new (FALSE, FALSE, sizeof (SlSpan));
            }
          seen = g_hash_table_lookup (numbers, prefix);

          g_array_append_val (numbered, span);
          if (seen == NULL)
            g_hash_table_insert (numbers, prefix, g_strndup (text + d, e - d));
          else
            {
              if (*seen != '\0' && !(strlen (seen) == e - d && strncmp (seen, text + d, e - d) == 0))
                g_hash_table_insert (numbers, g_strdup (prefix), g_strdup (""));
              g_free (prefix);
            }
        }
      i = e;
    }
  for (guint a = 0; numbered != NULL && a < numbered->len; a++)
    {
      const SlSpan *span = &g_array_index (numbered, SlSpan, a);
      gsize l = span->start;
      g_autofree char *prefix = NULL;
      const char *seen;

      while (text[l] != ' ')
        l++;
      prefix = g_strndup (text + span->start, l - span->start);
      seen = g_hash_table_lookup (numbers, prefix);
      if (seen != NULL && *seen == '\0')
        g_array_append_val (found, *span);
    }
}

GArray *
sl_redactor_detect (const char *text,
                    gssize      len)
{
  g_autoptr(GArray) found = NULL;
  g_autofree char *copy = NULL;
  GArray *starts[N_STARTS] = { NULL, };
  GArray *spans;
  gsize n;

  g_return_val_if_fail (text != NULL || len == 0, NULL);

  spans = g_array_new (FALSE, FALSE, sizeof (SlSpan));
  if (text == NULL)
    return spans;
  n = len < 0 ? strlen (text) : (gsize) len;
  /* The rules look at the byte after a word, and stop at a NUL: a slice
   * of a larger buffer is read from a copy that ends in one. */
  if (len >= 0)
    {
      copy = g_malloc (n + 1);
      memcpy (copy, text, n);
      copy[n] = '\0';
      text = copy;
    }
  compile_all ();
  found = g_array_new (FALSE, FALSE, sizeof (SlSpan));

  find_starts (text, n, starts);

  for (guint r = 0; r < G_N_ELEMENTS (recognisers); r++)
    {
      g_autoptr(GMatchInfo) match = NULL;
      GArray *at = starts[recognisers[r].start];
      gsize resume = 0;

      if (at == NULL)
        {
          g_regex_match_full (compiled[r], text, (gssize) n, 0, 0, &match, NULL);
          while (g_match_info_matches (match))
            {
              add_match (&recognisers[r], text, match, found);
              g_match_info_next (match, NULL);
            }
          continue;
        }
      /* the same matches as a pass over the whole text: each tried where
       * it could start, none inside the one before */
      for (guint k = 0; k < at->len; k++)
        {
          gsize p = g_array_index (at, gsize, k);

          if (p < resume)
            continue;
          g_clear_pointer (&match, g_match_info_free);
          if (g_regex_match_full (compiled[r], text, (gssize) n, (gint) p, 0, &match, NULL))
            {
              gint s, e;

              g_match_info_fetch_pos (match, 0, &s, &e);
              resume = (gsize) e;
              add_match (&recognisers[r], text, match, found);
            }
        }
    }
  for (guint k = START_ANYWHERE + 1; k < N_STARTS; k++)
    g_array_unref (starts[k]);

  for (gsize i = 0, after = 0; i < n; i++)
    if (text[i] == '0' || text[i] == '+' || text[i] == '(')
      {
        gsize end = scan_phone (text, n, i, after > 0 && i == after + 1 && text[after] == '/');

        if (end > 0)
          {
            SlSpan span = { i, end, SL_SPAN_PHONE };

            g_array_append_val (found, span);
            after = end;
            i = end - 1;
          }
      }

  for (const char *slash = memchr (text, '/', n); slash != NULL;
       slash = memchr (slash + 1, '/', n - (gsize) (slash + 1 - text)))
    {
      SlSpan span = { 0, 0, SL_SPAN_URL };

      if (scan_bare_url (text, n, (gsize) (slash - text), &span.start, &span.end))
        {
          g_array_append_val (found, span);
          slash = text + span.end - 1;
        }
    }

  for (guint k = 0; k < 2; k++)
    {
      const char sep = k == 0 ? '/' : '-';
      gsize done = 0;

      for (const char *p = memchr (text, sep, n); p != NULL;
           p = memchr (p + 1, sep, n - (gsize) (p + 1 - text)))
        {
          gsize start = (gsize) (p - text), end;

          if (start < done)
            continue;
          while (start > 0 && (gsize) (p - text) - start < 40 &&
                 (g_ascii_isalnum (text[start - 1]) ||
                  ((text[start - 1] == '/' || text[start - 1] == '-') && start > 1 &&
                   g_ascii_isalnum (text[start - 2]))))
            start--;
          end = scan_bare_reference (text, n, start);
          if (end > 0)
            {
              SlSpan span = { start, end, SL_SPAN_REFERENCE };

              g_array_append_val (found, span);
              done = end;
            }
          else
            done = (gsize) (p - text) + 1;
        }
    }

  /* The CPS's unique reference numbers, without a keyword: the force's
   * two digits, the station's two letters, a number ("10HN0439125"); and
   * a body's letters joined to a number of four digits or more
   * ("CFE-0412", "SCR-20931") */
  for (gsize i = 0; i + 10 <= n; i++)
    if (g_ascii_isdigit (text[i]) && g_ascii_isupper (text[i + 2]) &&
        g_ascii_isdigit (text[i + 1]) && g_ascii_isupper (text[i + 3]) &&
        (i == 0 || !g_ascii_isalnum (text[i - 1])))
      {
        gsize e = i + 4;

        while (e < n && e < i + 13 && g_ascii_isdigit (text[e]))
          e++;
        if (e - i >= 10 && (e == n || !g_ascii_isalnum (text[e])))
          {
            SlSpan span = { i, e, SL_SPAN_REFERENCE };

            g_array_append_val (found, span);
            i = e;
          }
      }
  numbered_references (text, n, found);
  legal_references (text, n, found);
  /* a children's home's Ofsted number: "SC", six digits, the first no 0
   * (a Scottish charity's is "SC0…": Barnardo's SC037617) */
  for (const char *t = memchr (text, 'S', n); t != NULL && t + 8 <= text + n;
       t = memchr (t + 1, 'S', n - (gsize) (t + 1 - text)))
    {
      gsize b = (gsize) (t - text), e = b + 2;

      if (text[b + 1] != 'C' || (b > 0 && g_ascii_isalnum (text[b - 1])) || text[e] < '1' ||
          text[e] > '9')
        continue;
      while (e < n && e - b < 9 && g_ascii_isdigit (text[e]))
        e++;
      if (e - b == 8 && (e == n || !g_ascii_isalnum (text[e])))
        {
          SlSpan span = { b, e, SL_SPAN_REFERENCE };

          g_array_append_val (found, span);
        }
    }
  /* the PSNI's occurrence numbers: "CC", the day, a number
   * ("CC2025081100542") */
  for (const char *t = memchr (text, 'C', n); t != NULL && t + 14 <= text + n;
       t = memchr (t + 1, 'C', n - (gsize) (t + 1 - text)))
    {
      gsize b = (gsize) (t - text), e = b + 2;

      if (text[b + 1] != 'C' || (b > 0 && g_ascii_isalnum (text[b - 1])))
        continue;
      while (e < n && e - b < 17 && g_ascii_isdigit (text[e]))
        e++;
      if (e - b - 2 >= 12 && e - b - 2 <= 14 && (e == n || !g_ascii_isalnum (text[e])))
        {
          SlSpan span = { b, e, SL_SPAN_REFERENCE };

          g_array_append_val (found, span);
        }
    }
  for (const char *t = memchr (text, '-', n); t != NULL;
       t = memchr (t + 1, '-', n - (gsize) (t + 1 - text)))
    {
      gsize h = (gsize) (t - text), b = h, e = h + 1;

      while (b > 0 && h - b < 4 && g_ascii_isupper (text[b - 1]))
        b--;
      while (e < n && e - h <= 8 && g_ascii_isdigit (text[e]))
        e++;
      /* "ISO-9001" is a standard */
      if (h - b >= 2 && e - h - 1 >= 4 && e - h - 1 <= 8 &&
          !(h - b == 3 && strncmp (text + b, "ISO", 3) == 0) &&
          (b == 0 || !(g_ascii_isalnum (text[b - 1]) || text[b - 1] == '-')) &&
          (e == n || !(g_ascii_isalnum (text[e]) || text[e] == '-' || text[e] == '/')))
        {
          SlSpan span = { b, e, SL_SPAN_REFERENCE };

          g_array_append_val (found, span);
        }
    }

  /* A police log's number and its date, without a keyword: "CW 1190 of
   * 14/02/24", "CAD 4471 14/02/24" */
  for (gsize i = 0; i + 12 <= n; i++)
    if (g_ascii_isupper (text[i]) && (i == 0 || !g_ascii_isalnum (text[i - 1])))
      {
        gsize e = i, d;
        guint digits = 0;

        while (e < n && e - i < 4 && g_ascii_isupper (text[e]))
          e++;
        /* a keyword's span starts after it ("CAD 4471 …") */
        if (e - i < 2 || e >= n || text[e] != ' ' ||
            (e - i == 3 && (strncmp (text + i, "CAD", 3) == 0 || strncmp (text + i, "LOG", 3) == 0 ||
                            strncmp (text + i, "CRN", 3) == 0 || strncmp (text + i, "URN", 3) == 0 ||
                            strncmp (text + i, "REF", 3) == 0)))
          {
            i = e;
            continue;
          }
        for (d = e + 1; d < n && g_ascii_isdigit (text[d]); d++)
          digits++;
        if (digits < 3 || digits > 5 || d >= n)
          continue;
        e = d;
        if (e + 4 < n && strncmp (text + e, " of ", 4) == 0)
          e += 4;
        else if (text[e] == ' ')
          e++;
        else
          continue;
        /* the date: "14/02/24", "14/02/2024" */
        {
          gsize q = e, f;

          while (q < n && q - e < 2 && g_ascii_isdigit (text[q]))
            q++;
          if (q == e || q >= n || text[q] != '/')
            continue;
          f = ++q;
          while (q < n && q - f < 2 && g_ascii_isdigit (text[q]))
            q++;
          if (q == f || q >= n || text[q] != '/')
            continue;
          f = ++q;
          while (q < n && q - f < 4 && g_ascii_isdigit (text[q]))
            q++;
          if ((q - f != 2 && q - f != 4) || (q < n && g_ascii_isalnum (text[q])))
            continue;
          {
            SlSpan span = { i, q, SL_SPAN_REFERENCE };

            g_array_append_val (found, span);
            i = q;
          }
        }
      }

  /* Case numbers of the courts, without a keyword: Crown Court
   * "T20247031" (T, the year, a number), family court "BD24C00417" (the
   * court, the year, C for care or P for private law, a number). */
  for (const char *t = memchr (text, 'T', n); t != NULL;
       t = memchr (t + 1, 'T', n - (gsize) (t + 1 - text)))
    {
      gsize i = (gsize) (t - text), e = i + 1;

      while (e < n && e < i + 10 && g_ascii_isdigit (text[e]))
        e++;
      if (e == i + 9 && (text[i + 1] == '2' || text[i + 1] == '1') &&
          (i == 0 || !g_ascii_isalnum (text[i - 1])) && (e == n || !g_ascii_isalnum (text[e])))
        {
          SlSpan span = { i, e, SL_SPAN_REFERENCE };

          g_array_append_val (found, span);
        }
    }
  for (guint k = 0; k < 2; k++)
    for (const char *t = memchr (text, k == 0 ? 'C' : 'P', n); t != NULL;
         t = memchr (t + 1, k == 0 ? 'C' : 'P', n - (gsize) (t + 1 - text)))
      {
        gsize i = (gsize) (t - text);

        if (i >= 4 && i + 6 <= n && g_ascii_isdigit (text[i - 1]) && g_ascii_isdigit (text[i - 2]) &&
            g_ascii_isupper (text[i - 3]) && g_ascii_isupper (text[i - 4]) &&
            (i == 4 || !g_ascii_isalnum (text[i - 5])))
          {
            gsize e = i + 1;

            while (e < n && e < i + 7 && g_ascii_isdigit (text[e]))
              e++;
            if (e == i + 6 && (e == n || !g_ascii_isalnum (text[e])))
              {
                SlSpan span = { i - 4, e, SL_SPAN_REFERENCE };

                g_array_append_val (found, span);
              }
          }
      }

  /* "ryanm_07": ordinary words never hold an underscore; account names do. */
  for (const char *u = memchr (text, '_', n); u != NULL;
       u = memchr (u + 1, '_', n - (gsize) (u + 1 - text)))
    {
      SlSpan span = { (gsize) (u - text), (gsize) (u - text) + 1, SL_SPAN_SOCIAL_HANDLE };
      gboolean letter = FALSE;

      while (span.start > 0 && (g_ascii_isalnum (text[span.start - 1]) ||
                                text[span.start - 1] == '_' || text[span.start - 1] == '.'))
        span.start--;
      while (span.end < n && (g_ascii_isalnum (text[span.end]) || text[span.end] == '_' ||
                              (text[span.end] == '.' && span.end + 1 < n &&
                               g_ascii_isalnum (text[span.end + 1]))))
        span.end++;
      while (span.start < span.end && text[span.start] == '.')
        span.start++;
      for (gsize i = span.start; i < span.end; i++)
        letter = letter || g_ascii_isalpha (text[i]);
      if (letter && span.end - span.start >= 4 &&
          !(span.start > 0 && strchr ("@/:", text[span.start - 1]) != NULL))
        g_array_append_val (found, span);
      u = text + span.end - 1;
    }

  load_gazetteers ();
  detect_chat_handles (text, n, found);
  detect_names (text, n, found);
  if (memmem (text, n, "ame", 3) != NULL || memmem (text, n, "AME", 3) != NULL)
    detect_name_column (text, n, found);

  sort_spans (found);
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
 * of its type, such as "[phone]", "[NHS number]" or "[name]".
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
