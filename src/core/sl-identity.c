/* sl-identity.c
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

#define G_LOG_DOMAIN "sl-identity"

#include "config.h"

#include <sodium.h>
#include <string.h>

#include "sl-age.h"
#include "sl-change-log.h"
#include "sl-identity.h"
#include "sl-vault-private.h"

/*
 * Each vault is a device with two keys, kept inside the vault: an X25519
 * key that bundles are encrypted to (as an age recipient) and an Ed25519
 * key that signs the bundles it sends. Its public half travels as a small
 * text card, signed by the card's own key so that a card altered on the
 * way is refused; whether a card really comes from the secretariat is
 * settled by two people reading its fingerprint to each other.
 */

#define CARD_BEGIN "-----BEGIN SIGHTLINE DEVICE CARD-----"
#define CARD_END   "-----END SIGHTLINE DEVICE CARD-----"

G_DEFINE_QUARK (sl-identity-error-quark, sl_identity_error)

void
sl_peer_free (SlPeer *peer)
{
  g_free (peer->id);
  g_free (peer->name);
  g_free (peer->recipient);
  g_free (peer->signing_key);
  g_free (peer->device);
  g_free (peer->fingerprint);
  g_free (peer->added);
  g_free (peer);
}

static char *
b64 (const guint8 *data,
     gsize         len)
{
  gsize out_len = sodium_base64_ENCODED_LEN (len, sodium_base64_VARIANT_ORIGINAL);
  char *out = g_malloc (out_len);

  return sodium_bin2base64 (out, out_len, data, len, sodium_base64_VARIANT_ORIGINAL);
}

static gboolean
unb64 (const char *text,
       guint8     *out,
       gsize       len)
{
  size_t got = 0;

  return text != NULL &&
         sodium_base642bin (out, len, text, strlen (text), NULL, &got, NULL,
                            sodium_base64_VARIANT_ORIGINAL) == 0 && got == len;
}

/* 80 bits of the hash of both public keys, as five groups of five digits
 * that two people can read to each other. */
static char *
fingerprint (const guint8 *recipient,
             const guint8 *signing)
{
  guint8 h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_state st;

  crypto_hash_sha256_init (&st);
  crypto_hash_sha256_update (&st, (const guint8 *) "sightline-fingerprint-v1", 24);
  crypto_hash_sha256_update (&st, recipient, 32);
  crypto_hash_sha256_update (&st, signing, crypto_sign_PUBLICKEYBYTES);
  crypto_hash_sha256_final (&st, h);
  return g_strdup_printf ("%05u %05u %05u %05u %05u",
                          h[0] << 8 | h[1], h[2] << 8 | h[3], h[4] << 8 | h[5],
                          h[6] << 8 | h[7], h[8] << 8 | h[9]);
}

char *
_sl_identity_peer_id (const guint8 *signing)
{
  guint8 h[crypto_hash_sha256_BYTES];
  char hex[17];

  crypto_hash_sha256 (h, signing, crypto_sign_PUBLICKEYBYTES);
  sodium_bin2hex (hex, sizeof hex, h, 8);
  return g_strdup (hex);
}

/* This vault's keys, made on first use. Caller holds the vault's lock. */
static gboolean
load_keys (sqlite3   *db,
           SlSecret **x25519,
           SlSecret **ed25519,
           GError   **error)
{
  g_autofree char *x = _sl_db_dup_meta (db, "identity_x25519");
  g_autofree char *e = _sl_db_dup_meta (db, "identity_ed25519");

  *x25519 = sl_secret_new (32);
  *ed25519 = sl_secret_new (crypto_sign_SECRETKEYBYTES);

  if (x == NULL || e == NULL)
    {
      guint8 pk[crypto_sign_PUBLICKEYBYTES];
      g_autofree char *xs = NULL;
      g_autofree char *es = NULL;
      gboolean ok;

      randombytes_buf (sl_secret_get_data (*x25519), 32);
      crypto_sign_keypair (pk, sl_secret_get_data (*ed25519));
      xs = b64 (sl_secret_get_data (*x25519), 32);
      es = b64 (sl_secret_get_data (*ed25519), crypto_sign_SECRETKEYBYTES);
      sqlite3_exec (db, "SAVEPOINT sl_identity", NULL, NULL, NULL);
      ok = _sl_db_set_meta (db, "identity_x25519", xs, error) && _sl_db_set_meta (db, "identity_ed25519", es, error);
      sqlite3_exec (db, ok ? "RELEASE sl_identity" : "ROLLBACK TO sl_identity; RELEASE sl_identity",
                    NULL, NULL, NULL);
      sodium_memzero (xs, strlen (xs));
      sodium_memzero (es, strlen (es));
      return ok;
    }

  if (!unb64 (x, sl_secret_get_data (*x25519), 32) ||
      !unb64 (e, sl_secret_get_data (*ed25519), crypto_sign_SECRETKEYBYTES))
    {
      g_set_error (error, SL_VAULT_ERROR, SL_VAULT_ERROR_CORRUPT,
                   "The vault's device keys are damaged. Restore the vault from a backup copy");
      return FALSE;
    }
  sodium_memzero (x, strlen (x));
  sodium_memzero (e, strlen (e));
  return TRUE;
}

/**
 * _sl_vault_load_device_keys:
 * @self: an unlocked vault
 * @x25519: (out): its age identity (X25519 secret key)
 * @ed25519: (out): its Ed25519 signing key (secret key, 64 bytes)
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
_sl_vault_load_device_keys (SlVault   *self,
                            SlSecret **x25519,
                            SlSecret **ed25519,
                            GError   **error)
{
  sqlite3 *db;
  gboolean ok = FALSE;

  _sl_vault_lock_db (self);
  if ((db = _sl_vault_get_db (self)) == NULL)
    g_set_error (error, SL_VAULT_ERROR, SL_VAULT_ERROR_LOCKED, "The vault is locked");
  else
    ok = load_keys (db, x25519, ed25519, error);
  _sl_vault_unlock_db (self);
  if (!ok)
    {
      g_clear_pointer (x25519, sl_secret_unref);
      g_clear_pointer (ed25519, sl_secret_unref);
    }
  return ok;
}

static char *
card_body (const char *name,
           const char *device,
           const char *recipient,
           const char *signing,
           const char *print)
{
  return g_strdup_printf ("name: %s\ndevice: %s\nrecipient: %s\nsigning-key: %s\nfingerprint: %s\n",
                          name, device, recipient, signing, print);
}

/**
 * sl_vault_dup_identity_card:
 * @self: an unlocked vault
 * @name: (nullable): a name for the card (default: the vault's title)
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): this device's public card: its
 *   name, its age recipient, its signing key and fingerprint, signed
 */
char *
sl_vault_dup_identity_card (SlVault     *self,
                            const char  *name,
                            GError     **error)
{
  g_autoptr(SlSecret) x = NULL;
  g_autoptr(SlSecret) e = NULL;
  g_autoptr(GBytes) recipient = NULL;
  g_autofree char *recipient_text = NULL;
  g_autofree char *signing_text = NULL;
  g_autofree char *print = NULL;
  g_autofree char *body = NULL;
  g_autofree char *sig_text = NULL;
  g_autofree char *title = NULL;
  guint8 pk[crypto_sign_PUBLICKEYBYTES];
  guint8 sig[crypto_sign_BYTES];
  sqlite3 *db;
  gboolean ok;

  g_return_val_if_fail (SL_IS_VAULT (self), NULL);

  _sl_vault_lock_db (self);
  db = _sl_vault_get_db (self);
  ok = db != NULL && load_keys (db, &x, &e, error);
  if (db != NULL && name == NULL)
    title = _sl_db_dup_meta (db, "title");
  _sl_vault_unlock_db (self);
  if (db == NULL)
    g_set_error (error, SL_VAULT_ERROR, SL_VAULT_ERROR_LOCKED, "The vault is locked");
  if (!ok)
    return NULL;

  recipient = sl_age_identity_to_recipient (x);
  recipient_text = sl_age_recipient_to_string (recipient);
  crypto_sign_ed25519_sk_to_pk (pk, sl_secret_get_data (e));
  signing_text = b64 (pk, sizeof pk);
  print = fingerprint (g_bytes_get_data (recipient, NULL), pk);
  body = card_body (name ? name : title && *title ? title : sl_vault_get_name (self),
                    sl_vault_get_device_id (self), recipient_text, signing_text, print);
  crypto_sign_detached (sig, NULL, (const guint8 *) body, strlen (body), sl_secret_get_data (e));
  sig_text = b64 (sig, sizeof sig);
  return g_strdup_printf ("%s\n%ssignature: %s\n%s\n", CARD_BEGIN, body, sig_text, CARD_END);
}

/**
 * sl_vault_dup_fingerprint:
 * @self: an unlocked vault
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): this device's fingerprint
 */
char *
sl_vault_dup_fingerprint (SlVault  *self,
                          GError  **error)
{
  g_autofree char *card = sl_vault_dup_identity_card (self, NULL, error);
  g_autoptr(SlPeer) me = card ? sl_identity_parse_card (card, error) : NULL;

  return me ? g_strdup (me->fingerprint) : NULL;
}

static gboolean
card_error (GError    **error,
            const char *why)
{
  g_set_error (error, SL_IDENTITY_ERROR, SL_IDENTITY_ERROR_CARD,
               "This is not a Sightline device card (%s). Ask for the card again, as printed "
               "by `sightline-cli identity`", why);
  return FALSE;
}

/**
 * sl_identity_parse_card:
 * @card: a device card's text
 * @error: return location for a #GError
 *
 * Checks the card's own signature, so that a card altered on the way is
 * refused.
 *
 * Returns: (transfer full) (nullable): the peer the card describes
 */
SlPeer *
sl_identity_parse_card (const char  *card,
                        GError     **error)
{
  g_autoptr(SlPeer) peer = g_new0 (SlPeer, 1);
  g_autoptr(GHashTable) fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GBytes) recipient = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *body = NULL;
  g_autofree char *print = NULL;
  const char *begin, *end;
  guint8 pk[crypto_sign_PUBLICKEYBYTES];
  guint8 sig[crypto_sign_BYTES];

  /* The last line is looked for after the first one ends: the two
   * overlap in their dashes. */
  if (card == NULL || !(begin = strstr (card, CARD_BEGIN)) ||
      !(end = strstr (begin + strlen (CARD_BEGIN), CARD_END)))
    {
      card_error (error, "its first and last lines are missing");
      return NULL;
    }
  {
    g_autofree char *inner = g_strndup (begin + strlen (CARD_BEGIN), (gsize) (end - begin) - strlen (CARD_BEGIN));

    lines = g_strsplit (inner, "\n", -1);
  }
  for (guint i = 0; lines[i]; i++)
    {
      char *colon;

      g_strstrip (lines[i]);
      if (*lines[i] == '\0')
        continue;
      if (!(colon = strstr (lines[i], ": ")))
        {
          card_error (error, "a line is not \"key: value\"");
          return NULL;
        }
      g_hash_table_replace (fields, g_strndup (lines[i], (gsize) (colon - lines[i])),
                            g_strdup (colon + 2));
    }

  peer->name = g_strdup (g_hash_table_lookup (fields, "name"));
  peer->recipient = g_strdup (g_hash_table_lookup (fields, "recipient"));
  peer->signing_key = g_strdup (g_hash_table_lookup (fields, "signing-key"));
  peer->device = g_strdup (g_hash_table_lookup (fields, "device"));
  if (peer->name == NULL || peer->recipient == NULL || peer->signing_key == NULL ||
      g_hash_table_lookup (fields, "device") == NULL ||
      g_hash_table_lookup (fields, "fingerprint") == NULL)
    {
      card_error (error, "a line is missing");
      return NULL;
    }
  if (!(recipient = sl_age_recipient_from_string (peer->recipient, NULL)) ||
      !unb64 (peer->signing_key, pk, sizeof pk) ||
      !unb64 (g_hash_table_lookup (fields, "signature"), sig, sizeof sig))
    {
      card_error (error, "a key or the signature is malformed");
      return NULL;
    }

  body = card_body (peer->name, g_hash_table_lookup (fields, "device"), peer->recipient,
                    peer->signing_key, g_hash_table_lookup (fields, "fingerprint"));
  print = fingerprint (g_bytes_get_data (recipient, NULL), pk);
  if (crypto_sign_verify_detached (sig, (const guint8 *) body, strlen (body), pk) != 0 ||
      g_strcmp0 (print, g_hash_table_lookup (fields, "fingerprint")) != 0)
    {
      card_error (error, "it was altered after it was made: its signature does not match");
      return NULL;
    }
  peer->fingerprint = g_steal_pointer (&print);
  peer->id = _sl_identity_peer_id (pk);
  return g_steal_pointer (&peer);
}

/**
 * sl_vault_add_peer:
 * @self: an unlocked vault
 * @card: the peer's card
 * @error: return location for a #GError
 *
 * Trusts a peer: bundles can then be sent to it and accepted from it.
 * Compare the fingerprint with the peer's, aloud, before trusting it.
 *
 * Returns: (transfer full) (nullable): the peer added
 */
SlPeer *
sl_vault_add_peer (SlVault     *self,
                   const char  *card,
                   GError     **error)
{
  g_autoptr(SlPeer) peer = sl_identity_parse_card (card, error);
  g_autofree char *mine = NULL;
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db;
  int rc;

  g_return_val_if_fail (SL_IS_VAULT (self), NULL);

  if (peer == NULL || !(mine = sl_vault_dup_identity_card (self, NULL, error)))
    return NULL;
  {
    g_autoptr(SlPeer) me = sl_identity_parse_card (mine, NULL);

    if (me && g_str_equal (me->id, peer->id))
      {
        g_set_error (error, SL_IDENTITY_ERROR, SL_IDENTITY_ERROR_SELF,
                     "This is this vault's own card; add the card of the other laptop or the "
                     "secretariat");
        return NULL;
      }
  }

  peer->added = _sl_now_iso8601 ();
  _sl_vault_lock_db (self);
  db = _sl_vault_get_db (self);
  sqlite3_prepare_v2 (db, "INSERT INTO peers (id, name, recipient, signing_key, fingerprint, added, "
                      "device) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, peer->id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, peer->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, peer->recipient, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, peer->signing_key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, peer->fingerprint, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, peer->added, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, peer->device, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  _sl_vault_unlock_db (self);

  if ((rc & 0xff) == SQLITE_CONSTRAINT)
    {
      g_set_error (error, SL_IDENTITY_ERROR, SL_IDENTITY_ERROR_KNOWN,
                   "The peer %s (%s) is trusted already", peer->id, peer->name);
      return NULL;
    }
  if (rc != SQLITE_DONE)
    {
      _sl_set_error_from_db (error, db, rc, "The peer could not be added");
      return NULL;
    }
  return g_steal_pointer (&peer);
}

/**
 * sl_vault_list_peers:
 * @self: an unlocked vault
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type SlPeer): the trusted peers
 */
GPtrArray *
sl_vault_list_peers (SlVault  *self,
                     GError  **error)
{
  GPtrArray *ret = NULL;
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db;

  g_return_val_if_fail (SL_IS_VAULT (self), NULL);

  _sl_vault_lock_db (self);
  if ((db = _sl_vault_get_db (self)) == NULL)
    g_set_error (error, SL_VAULT_ERROR, SL_VAULT_ERROR_LOCKED, "The vault is locked");
  else
    {
      ret = g_ptr_array_new_with_free_func ((GDestroyNotify) sl_peer_free);
      sqlite3_prepare_v2 (db, "SELECT id, name, recipient, signing_key, fingerprint, added, "
                          "device FROM peers ORDER BY added, id", -1, &stmt, NULL);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          SlPeer *p = g_new0 (SlPeer, 1);

          p->id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
          p->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
          p->recipient = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
          p->signing_key = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
          p->fingerprint = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
          p->added = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
          p->device = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
          g_ptr_array_add (ret, p);
        }
      sqlite3_finalize (stmt);
    }
  _sl_vault_unlock_db (self);
  return ret;
}

/**
 * sl_vault_remove_peer:
 * @self: an unlocked vault
 * @id: a peer's id
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
sl_vault_remove_peer (SlVault     *self,
                      const char  *id,
                      GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db;
  int changed = 0;

  g_return_val_if_fail (SL_IS_VAULT (self), FALSE);

  _sl_vault_lock_db (self);
  if ((db = _sl_vault_get_db (self)) != NULL)
    {
      sqlite3_prepare_v2 (db, "DELETE FROM peers WHERE id = ?1", -1, &stmt, NULL);
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_DONE)
        changed = sqlite3_changes (db);
      sqlite3_finalize (stmt);
      /* What it was known to hold goes with it: if it is trusted again,
       * its first bundle carries everything. */
      sqlite3_prepare_v2 (db, "DELETE FROM peer_acks WHERE peer = ?1", -1, &stmt, NULL);
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      sqlite3_step (stmt);
      sqlite3_finalize (stmt);
    }
  _sl_vault_unlock_db (self);
  if (changed == 0)
    {
      g_set_error (error, SL_IDENTITY_ERROR, SL_IDENTITY_ERROR_NO_SUCH_PEER,
                   "No trusted peer has the id %s; `sightline-cli peer list VAULT` lists them", id);
      return FALSE;
    }
  return TRUE;
}
