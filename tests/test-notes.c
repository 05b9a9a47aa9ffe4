/* test-notes.c
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

#include <string.h>

#include "sl-change-log.h"
#include "sl-codebook.h"
#include "sl-notes.h"
#include "sl-record.h"
#include "sl-test-utils.h"

typedef struct
{
  char    *tmpdir;
  SlVault *vault;
} NotesFixture;

static void
notes_setup (NotesFixture  *fx,
             gconstpointer  data)
{
  fx->tmpdir = sl_test_make_tmpdir ();
  fx->vault = sl_test_create_vault (fx->tmpdir, "notes.sightline", SL_TEST_PASSPHRASE);
  sl_vault_set_author (fx->vault, "Ann Reviewer");
}

static void
notes_teardown (NotesFixture  *fx,
                gconstpointer  data)
{
  g_clear_object (&fx->vault);
  sl_test_remove_tree (fx->tmpdir);
  g_free (fx->tmpdir);
}

static char *
add (SlVault    *vault,
     const char *type,
     const char *parent,
     const char *a0,
     const char *a1)
{
  const char *a[] = { a0, a1, NULL };
  SlRecordType *rt = sl_codebook_lookup_type (sl_vault_get_codebook (vault), type, NULL);
  g_autoptr(GHashTable) values = NULL;
  g_autoptr(GError) error = NULL;
  char *id;

  values = sl_values_from_assignments (rt, a, &error);
  g_assert_no_error (error);
  id = sl_vault_add_record (vault, type, parent, values, &error);
  g_assert_no_error (error);
  return id;
}

static void
set_note (SlVault    *vault,
          const char *id,
          const char *text)
{
  g_autoptr(GHashTable) values = sl_values_new ();
  g_autoptr(GError) error = NULL;

  g_hash_table_insert (values, g_strdup ("notes"), json_node_init_string (json_node_alloc (), text));
  g_assert_true (sl_vault_edit_record (vault, id, values, &error));
  g_assert_no_error (error);
}

static SlPseudonym *
mark (SlVault    *vault,
      const char *record,
      const char *kind,
      const char *role,
      const char *name)
{
  g_autoptr(GError) error = NULL;
  SlPseudonym *p = sl_vault_add_pseudonym (vault, record, kind, role, name, &error);

  g_assert_no_error (error);
  return p;
}

static void
assert_absent (const char *text,
               const char *needle)
{
  g_autofree char *low_text = g_utf8_strdown (text, -1);
  g_autofree char *low_needle = g_utf8_strdown (needle, -1);

  if (strstr (low_text, low_needle) != NULL)
    g_error ("'%s' is still in: %s", needle, text);
}

static void
assert_present (const char *text,
                const char *needle)
{
  if (strstr (text, needle) == NULL)
    g_error ("expected '%s' in: %s", needle, text);
}

static void
test_pseudonyms_across_a_case (NotesFixture  *fx,
                               gconstpointer  data)
{
  g_autofree char *visit = add (fx->vault, "site_visit", NULL, "reference=SV-01", NULL);
  g_autofree char *other = add (fx->vault, "site_visit", NULL, "reference=SV-02", NULL);
  g_autofree char *victim = add (fx->vault, "victim", visit, "label=Victim 1", NULL);
  g_autoptr(SlPseudonym) jane = NULL;
  g_autoptr(SlPseudonym) mark_jones = NULL;
  g_autoptr(SlPseudonym) zoe = NULL;
  g_autoptr(SlPseudonym) pub = NULL;
  g_autoptr(SlPseudonym) town = NULL;
  g_autoptr(SlPseudonym) adult = NULL;
  g_autoptr(SlPseudonym) suspect2 = NULL;
  g_autoptr(GPtrArray) registry = NULL;
  g_autoptr(GArray) spans = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *r1 = NULL;
  g_autofree char *r2 = NULL;
  g_autofree char *r3 = NULL;

  set_note (fx->vault, visit,
            "Jane Smith (14) told us her uncle Mark Jones drove her to the Royal Oak in Oldham. "
            "Jane's mum rang 07700 900123 twice. J. Smith was seen later with ZOË NÍ BHRIAIN; "
            "smith said Jones had a key. Child A and YP3 were not present.");
  set_note (fx->vault, victim, "JANE SMITH disclosed to staff at the royal oak that Jones, Mark "
                               "paid for taxis. Zoë's friend Bhriain was there too.");
  set_note (fx->vault, other, "Separate case: a girl called Jane Smith was also mentioned.");

  jane = mark (fx->vault, victim, "person", "child", "Jane Smith");
  g_assert_cmpstr (jane->pseudonym, ==, "Child A");
  g_assert_cmpstr (jane->case_id, ==, visit);
  zoe = mark (fx->vault, visit, "person", "child", "Zoë Ní Bhriain");
  g_assert_cmpstr (zoe->pseudonym, ==, "Child B");
  mark_jones = mark (fx->vault, visit, "person", "suspect", "Mark Jones");
  g_assert_cmpstr (mark_jones->pseudonym, ==, "Suspect 1");
  suspect2 = mark (fx->vault, visit, "person", "suspect", "Dean Ashworth");
  g_assert_cmpstr (suspect2->pseudonym, ==, "Suspect 2");
  adult = mark (fx->vault, visit, "person", "adult", "Carol Smith-Hughes");
  g_assert_cmpstr (adult->pseudonym, ==, "Adult A");
  pub = mark (fx->vault, visit, "institution", "pub", "the Royal Oak");
  g_assert_cmpstr (pub->pseudonym, ==, "[pub 1]");
  town = mark (fx->vault, visit, "place", "town", "Oldham");
  g_assert_cmpstr (town->pseudonym, ==, "[town 1]");

  /* Marking the same name twice, or nonsense, is refused. */
  g_assert_null (sl_vault_add_pseudonym (fx->vault, visit, "person", "child", "Jane Smith", &error));
  g_assert_error (error, SL_NOTES_ERROR, SL_NOTES_ERROR_KNOWN);
  g_clear_error (&error);
  g_assert_null (sl_vault_add_pseudonym (fx->vault, visit, "pet", NULL, "Rex", &error));
  g_assert_error (error, SL_NOTES_ERROR, SL_NOTES_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (sl_vault_add_pseudonym (fx->vault, visit, "person", "villain", "Al Capone",
                                         &error));
  g_assert_error (error, SL_NOTES_ERROR, SL_NOTES_ERROR_INVALID);
  g_clear_error (&error);

  /* The visit's note: every form, any letter case, possessives kept. */
  r1 = sl_vault_redact_note (fx->vault, visit, "notes", &spans, &error);
  g_assert_no_error (error);
  g_test_message ("%s", r1);
  assert_present (r1, "Child A (14) told us her uncle Suspect 1 drove her to [pub 1] in [town 1].");
  assert_present (r1, "Child A's mum rang [phone] twice.");
  assert_present (r1, "Child A was seen later with Child B;");
  assert_present (r1, "Child A said Suspect 1 had a key.");
  /* Role pseudonyms are not names. */
  assert_present (r1, "Child A and YP3 were not present.");
  for (const char *const *n = (const char *const []) { "Jane", "Smith", "Mark", "Jones", "Oldham",
                                                       "Royal Oak", "07700", "Bhriain", "Zoë", NULL };
       *n; n++)
    assert_absent (r1, *n);
  g_assert_cmpuint (spans->len, >=, 9);

  /* The victim's note is in the same case: the same pseudonyms. */
  r2 = sl_vault_redact_note (fx->vault, victim, "notes", NULL, &error);
  g_assert_no_error (error);
  assert_present (r2, "Child A disclosed to staff at [pub 1] that Suspect 1 paid for taxis.");
  assert_present (r2, "Child B's friend Child B was there too.");

  /* Another case's note: the name is still replaced, by what it is only. */
  r3 = sl_vault_redact_note (fx->vault, other, "notes", NULL, &error);
  g_assert_no_error (error);
  assert_present (r3, "a girl called [name] was also mentioned.");

  /* A nickname is one more form. */
  g_assert_true (sl_vault_add_pseudonym_form (fx->vault, visit, "Child A", "Janey", &error));
  g_assert_no_error (error);
  {
    g_autofree char *r = sl_vault_redact_text (fx->vault, visit, "Janey came back at 9pm.", NULL,
                                               &error);

    g_assert_cmpstr (r, ==, "Child A came back at 9pm.");
  }
  g_assert_false (sl_vault_add_pseudonym_form (fx->vault, visit, "Child Z", "Zed", &error));
  g_assert_error (error, SL_NOTES_ERROR, SL_NOTES_ERROR_INVALID);
  g_clear_error (&error);

  registry = sl_vault_list_pseudonyms (fx->vault, visit, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (registry->len, ==, 7);
  g_clear_pointer (&registry, g_ptr_array_unref);
  registry = sl_vault_list_pseudonyms (fx->vault, other, &error);
  g_assert_cmpuint (registry->len, ==, 0);

  /* A field that is not a note */
  g_assert_null (sl_vault_redact_note (fx->vault, visit, "reference", NULL, &error));
  g_assert_error (error, SL_NOTES_ERROR, SL_NOTES_ERROR_NOT_A_NOTE);
}

static void
test_review (NotesFixture  *fx,
             gconstpointer  data)
{
  g_autofree char *visit = add (fx->vault, "site_visit", NULL, "reference=SV-03", NULL);
  g_autofree char *victim = add (fx->vault, "victim", visit, "label=Victim 1", NULL);
  g_autoptr(GError) error = NULL;
  const char *keep[] = { "M1 1AE", NULL };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_cmpint (sl_vault_get_note_status (fx->vault, visit, "notes", &error), ==, SL_NOTE_EMPTY);
  g_assert_cmpuint (sl_vault_count_unreviewed_notes (fx->vault, &error), ==, 0);

  set_note (fx->vault, visit, "The drop-in at M1 1AE is run by the council. Call 0161 496 0000.");
  set_note (fx->vault, victim, "Seen twice.");
  g_assert_cmpint (sl_vault_get_note_status (fx->vault, visit, "notes", &error), ==,
                   SL_NOTE_NOT_REVIEWED);
  g_assert_cmpuint (sl_vault_count_unreviewed_notes (fx->vault, &error), ==, 2);

  before = sl_vault_redact_note (fx->vault, visit, "notes", NULL, &error);
  assert_absent (before, "M1 1AE");

  /* The reviewer judges the public building's postcode harmless. */
  g_assert_true (sl_vault_review_note (fx->vault, visit, "notes", keep, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sl_vault_get_note_status (fx->vault, visit, "notes", &error), ==,
                   SL_NOTE_REVIEWED);
  g_assert_cmpuint (sl_vault_count_unreviewed_notes (fx->vault, &error), ==, 1);
  after = sl_vault_redact_note (fx->vault, visit, "notes", NULL, &error);
  assert_present (after, "The drop-in at M1 1AE is run by the council.");
  assert_absent (after, "0161");

  /* An edit after the review makes it unreviewed again. */
  set_note (fx->vault, visit, "The drop-in at M1 1AE is run by the council. Call 0161 496 0001.");
  g_assert_cmpint (sl_vault_get_note_status (fx->vault, visit, "notes", &error), ==,
                   SL_NOTE_CHANGED);
  g_assert_cmpuint (sl_vault_count_unreviewed_notes (fx->vault, &error), ==, 2);
  g_assert_true (sl_vault_review_note (fx->vault, visit, "notes", NULL, &error));
  g_assert_true (sl_vault_review_note (fx->vault, victim, "notes", NULL, &error));
  g_assert_cmpuint (sl_vault_count_unreviewed_notes (fx->vault, &error), ==, 0);

  /* A deleted record's note does not count. */
  set_note (fx->vault, victim, "Seen three times.");
  g_assert_cmpuint (sl_vault_count_unreviewed_notes (fx->vault, &error), ==, 1);
  g_assert_true (sl_vault_delete_record (fx->vault, victim, &error));
  g_assert_cmpuint (sl_vault_count_unreviewed_notes (fx->vault, &error), ==, 0);
}

/* The registry is inside the vault: nothing of it is on disk in clear. */
static void
test_registry_encrypted (NotesFixture  *fx,
                         gconstpointer  data)
{
  g_autofree char *visit = add (fx->vault, "site_visit", NULL, "reference=SV-04", NULL);
  g_autoptr(SlPseudonym) p = mark (fx->vault, visit, "person", "child", "Philippa Quenby");
  g_autofree char *where = NULL;

  g_clear_object (&fx->vault);
  g_assert_false (sl_test_dir_contains (fx->tmpdir, "Quenby", 6, &where));
  g_assert_false (sl_test_dir_contains (fx->tmpdir, "quenby", 6, &where));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define NOTES_TEST(path, fn) \
  g_test_add ("/sightline/notes/" path, NotesFixture, NULL, notes_setup, fn, notes_teardown)

  NOTES_TEST ("pseudonyms-across-a-case", test_pseudonyms_across_a_case);
  NOTES_TEST ("review", test_review);
  NOTES_TEST ("registry-encrypted", test_registry_encrypted);
  return g_test_run ();
}
