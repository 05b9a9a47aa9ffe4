/* sl-identity.h
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

#include "sl-vault.h"

G_BEGIN_DECLS

/**
 * SlIdentityError:
 * @SL_IDENTITY_ERROR_CARD: the text is not a device card, or it was altered
 * @SL_IDENTITY_ERROR_SELF: the card is this vault's own
 * @SL_IDENTITY_ERROR_KNOWN: the peer is trusted already
 * @SL_IDENTITY_ERROR_NO_SUCH_PEER: no peer has that id
 */
typedef enum
{
  SL_IDENTITY_ERROR_CARD,
  SL_IDENTITY_ERROR_SELF,
  SL_IDENTITY_ERROR_KNOWN,
  SL_IDENTITY_ERROR_NO_SUCH_PEER,
} SlIdentityError;

#define SL_IDENTITY_ERROR (sl_identity_error_quark ())
GQuark sl_identity_error_quark (void);

/**
 * SlPeer:
 * @id: the peer's id: 16 hex digits of the hash of its signing key
 * @name: the name on its card
 * @recipient: its age recipient (`age1…`)
 * @signing_key: its Ed25519 public key, base64
 * @fingerprint: the words to read aloud and compare
 * @added: when it was trusted
 * @device: (nullable): the id of its change log (its device)
 */
typedef struct
{
  char *id;
  char *name;
  char *recipient;
  char *signing_key;
  char *fingerprint;
  char *added;
  char *device;
} SlPeer;

void        sl_peer_free                 (SlPeer      *peer);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlPeer, sl_peer_free)

char       *sl_vault_dup_identity_card   (SlVault     *self,
                                          const char  *name,
                                          GError     **error);
char       *sl_vault_dup_fingerprint     (SlVault     *self,
                                          GError     **error);
SlPeer     *sl_vault_add_peer            (SlVault     *self,
                                          const char  *card,
                                          GError     **error);
GPtrArray  *sl_vault_list_peers          (SlVault     *self,
                                          GError     **error);
gboolean    sl_vault_remove_peer         (SlVault     *self,
                                          const char  *id,
                                          GError     **error);
SlPeer     *sl_identity_parse_card       (const char  *card,
                                          GError     **error);

G_END_DECLS
