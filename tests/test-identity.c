/* test-identity.c
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

#include "sl-identity.h"
#include "sl-test-utils.h"

static void
test_cards_and_peers (void)
{
  g_autofree char *tmpdir = sl_test_make_tmpdir ();
  g_autoptr(SlVault) laptop = sl_test_create_vault (tmpdir, "laptop.sightline", SL_TEST_PASSPHRASE);
  g_autoptr(SlVault) office = sl_test_create_vault (tmpdir, "office.sightline", SL_TEST_PASSPHRASE);
  g_autoptr(GError) error = NULL;
  g_autofree char *card = sl_vault_dup_identity_card (office, "Secretariat", &error);
  g_autofree char *again = NULL;
  g_autofree char *own = NULL;
  g_autofree char *altered = NULL;
  g_autoptr(SlPeer) parsed = NULL;
  g_autoptr(SlPeer) added = NULL;
  g_autoptr(GPtrArray) peers = NULL;
  g_auto(GStrv) parts = NULL;

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (card, "-----BEGIN SIGHTLINE DEVICE CARD-----\nname: Secretariat\n"));
  g_assert_nonnull (strstr (card, "recipient: age1"));

  /* The keys are kept: the card is the same on the next unlock. */
  sl_vault_lock (office);
  {
    g_autoptr(SlSecret) pass = sl_test_secret (SL_TEST_PASSPHRASE);

    g_assert_true (sl_vault_unlock_sync (office, pass, NULL, &error));
  }
  again = sl_vault_dup_identity_card (office, "Secretariat", &error);
  g_assert_cmpstr (again, ==, card);

  parsed = sl_identity_parse_card (card, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (parsed->id), ==, 16);
  g_assert_cmpuint (strlen (parsed->fingerprint), ==, 29);

  /* A card altered on the way is refused. */
  parts = g_strsplit (card, "Secretariat", 2);
  altered = g_strjoinv ("Secretarial", parts);
  g_assert_null (sl_vault_add_peer (laptop, altered, &error));
  g_assert_error (error, SL_IDENTITY_ERROR, SL_IDENTITY_ERROR_CARD);
  g_clear_error (&error);
  g_assert_null (sl_vault_add_peer (laptop, "hello", &error));
  g_assert_error (error, SL_IDENTITY_ERROR, SL_IDENTITY_ERROR_CARD);
  g_clear_error (&error);

  /* Trust, once; never one's own card. */
  added = sl_vault_add_peer (laptop, card, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (added->id, ==, parsed->id);
  g_assert_null (sl_vault_add_peer (laptop, card, &error));
  g_assert_error (error, SL_IDENTITY_ERROR, SL_IDENTITY_ERROR_KNOWN);
  g_clear_error (&error);
  own = sl_vault_dup_identity_card (laptop, NULL, &error);
  g_assert_null (sl_vault_add_peer (laptop, own, &error));
  g_assert_error (error, SL_IDENTITY_ERROR, SL_IDENTITY_ERROR_SELF);
  g_clear_error (&error);

  peers = sl_vault_list_peers (laptop, &error);
  g_assert_cmpuint (peers->len, ==, 1);
  g_assert_cmpstr (((SlPeer *) g_ptr_array_index (peers, 0))->name, ==, "Secretariat");
  g_assert_true (sl_vault_remove_peer (laptop, parsed->id, &error));
  g_assert_false (sl_vault_remove_peer (laptop, parsed->id, &error));
  g_assert_error (error, SL_IDENTITY_ERROR, SL_IDENTITY_ERROR_NO_SUCH_PEER);

  sl_test_remove_tree (tmpdir);
}

/* Found by fuzz-card: a last line that overlaps the first one's dashes
 * made a negative length, and an allocation of 16 EiB. */
static void
test_card_overlapping_markers (void)
{
  static const char *cards[] = {
    "-----BEGIN SIGHTLINE DEVICE CARD-----END SIGHTLINE DEVICE CARD-----",
    "-----BEGIN SIGHTLINE DEVICE CARD----END SIGHTLINE DEVICE CARD-----",
    "-----BEGIN SIGHTLINE DEVICE CARD-----\n-----END SIGHTLINE DEVICE CARD-----",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cards); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SlPeer) peer = sl_identity_parse_card (cards[i], &error);

      g_assert_null (peer);
      g_assert_error (error, SL_IDENTITY_ERROR, SL_IDENTITY_ERROR_CARD);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/sightline/identity/cards-and-peers", test_cards_and_peers);
  g_test_add_func ("/sightline/identity/card-overlapping-markers", test_card_overlapping_markers);
  return g_test_run ();
}
