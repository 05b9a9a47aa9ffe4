/* sl-vault.h
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

#include "sl-secret.h"

G_BEGIN_DECLS

typedef struct _SlCodebook SlCodebook;

/**
 * SlVaultError:
 * @SL_VAULT_ERROR_WRONG_PASSPHRASE: no key slot opens with the passphrase given
 * @SL_VAULT_ERROR_BAD_RECOVERY_KEY: the recovery key is mistyped (its check fails)
 *   or opens no slot
 * @SL_VAULT_ERROR_NOT_A_VAULT: the path is not a Sightline vault at all
 * @SL_VAULT_ERROR_CORRUPT: the vault is damaged (truncated or altered files)
 * @SL_VAULT_ERROR_VERSION: the vault was written by a newer Sightline
 * @SL_VAULT_ERROR_LOCKED: the operation needs an unlocked vault
 * @SL_VAULT_ERROR_EXISTS: something already exists where a vault was to be created
 * @SL_VAULT_ERROR_WEAK_PASSPHRASE: a new passphrase is too easy to guess
 * @SL_VAULT_ERROR_NO_SUCH_SLOT: no key slot has that number
 * @SL_VAULT_ERROR_LAST_SLOT: removing the slot would leave no passphrase
 * @SL_VAULT_ERROR_NO_CIPHER: the SQLite library linked is not SQLCipher,
 *   so nothing would be encrypted
 * @SL_VAULT_ERROR_FAILED: the database reported an error
 *
 * Errors from #SlVault.
 */
typedef enum
{
  SL_VAULT_ERROR_WRONG_PASSPHRASE,
  SL_VAULT_ERROR_BAD_RECOVERY_KEY,
  SL_VAULT_ERROR_NOT_A_VAULT,
  SL_VAULT_ERROR_CORRUPT,
  SL_VAULT_ERROR_VERSION,
  SL_VAULT_ERROR_LOCKED,
  SL_VAULT_ERROR_EXISTS,
  SL_VAULT_ERROR_WEAK_PASSPHRASE,
  SL_VAULT_ERROR_NO_SUCH_SLOT,
  SL_VAULT_ERROR_LAST_SLOT,
  SL_VAULT_ERROR_NO_CIPHER,
  SL_VAULT_ERROR_FAILED,
} SlVaultError;

#define SL_VAULT_ERROR (sl_vault_error_quark ())
GQuark sl_vault_error_quark (void);

/**
 * SlKdfParams:
 * @opslimit: Argon2id passes
 * @memlimit: Argon2id memory in bytes
 *
 * The cost of deriving a key-slot key from a passphrase.
 */
typedef struct
{
  guint64 opslimit;
  gsize   memlimit;
} SlKdfParams;

/* The default: 256 MiB, 3 passes (libsodium's MODERATE). */
#define SL_KDF_DEFAULT_OPSLIMIT 3
#define SL_KDF_DEFAULT_MEMLIMIT ((gsize) 256 * 1024 * 1024)

typedef enum
{
  SL_KEY_SLOT_PASSPHRASE,
  SL_KEY_SLOT_RECOVERY,
} SlKeySlotKind;

/**
 * SlKeySlotInfo:
 * @id: the slot's number, as `slot remove` takes it
 * @kind: a passphrase or a recovery key
 * @opslimit: Argon2id passes (0 for a recovery key)
 * @memlimit: Argon2id memory in bytes (0 for a recovery key)
 * @created: when the slot was written (UTC, ISO 8601)
 *
 * What may be said about a key slot without unlocking: no secret.
 */
typedef struct
{
  guint          id;
  SlKeySlotKind  kind;
  guint64        opslimit;
  gsize          memlimit;
  char          *created;
} SlKeySlotInfo;

void sl_key_slot_info_free (SlKeySlotInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlKeySlotInfo, sl_key_slot_info_free)

#define SL_VAULT_SCHEMA_VERSION 6
#define SL_VAULT_FORMAT_VERSION 1
#define SL_VAULT_RECOVERY_KEY_BYTES 32

#define SL_TYPE_VAULT (sl_vault_get_type ())
G_DECLARE_FINAL_TYPE (SlVault, sl_vault, SL, VAULT, GObject)

SlVault      *sl_vault_new                   (GFile               *location);
GFile        *sl_vault_get_location          (SlVault             *self);
const char   *sl_vault_get_name              (SlVault             *self);
gboolean      sl_vault_get_locked            (SlVault             *self);
guint         sl_vault_get_unlocked_slot     (SlVault             *self);

gboolean      sl_vault_create_sync           (SlVault             *self,
                                              const char          *title,
                                              SlSecret            *passphrase,
                                              const SlKdfParams   *params,
                                              GCancellable        *cancellable,
                                              GError             **error);
void          sl_vault_create_async          (SlVault             *self,
                                              const char          *title,
                                              SlSecret            *passphrase,
                                              const SlKdfParams   *params,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean      sl_vault_create_finish         (SlVault             *self,
                                              GAsyncResult        *result,
                                              GError             **error);

gboolean      sl_vault_unlock_sync           (SlVault             *self,
                                              SlSecret            *passphrase,
                                              GCancellable        *cancellable,
                                              GError             **error);
void          sl_vault_unlock_async          (SlVault             *self,
                                              SlSecret            *passphrase,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean      sl_vault_unlock_finish         (SlVault             *self,
                                              GAsyncResult        *result,
                                              GError             **error);
gboolean      sl_vault_unlock_with_recovery_key_sync
                                             (SlVault             *self,
                                              const char          *recovery_key,
                                              GCancellable        *cancellable,
                                              GError             **error);
void          sl_vault_lock                  (SlVault             *self);

GPtrArray    *sl_vault_list_slots            (SlVault             *self,
                                              GError             **error);
gboolean      sl_vault_set_passphrase_sync   (SlVault             *self,
                                              guint                slot,
                                              SlSecret            *passphrase,
                                              const SlKdfParams   *params,
                                              GCancellable        *cancellable,
                                              GError             **error);
gboolean      sl_vault_add_passphrase_sync   (SlVault             *self,
                                              SlSecret            *passphrase,
                                              const SlKdfParams   *params,
                                              guint               *slot,
                                              GCancellable        *cancellable,
                                              GError             **error);
char         *sl_vault_add_recovery_key_sync (SlVault             *self,
                                              guint               *slot,
                                              GCancellable        *cancellable,
                                              GError             **error);
gboolean      sl_vault_remove_slot           (SlVault             *self,
                                              guint                slot,
                                              GError             **error);

char         *sl_vault_dup_title             (SlVault             *self,
                                              GError             **error);
gboolean      sl_vault_set_title             (SlVault             *self,
                                              const char          *title,
                                              GError             **error);
int           sl_vault_get_schema_version    (SlVault             *self);
char         *sl_vault_dup_vault_id          (SlVault             *self,
                                              GError             **error);
GStrv         sl_vault_check_sync            (SlVault             *self,
                                              GCancellable        *cancellable,
                                              GError             **error);

char         *sl_vault_dup_cipher_version    (GError             **error);
gboolean      sl_vault_check_passphrase_strength
                                             (SlSecret            *passphrase,
                                              GError             **error);
gboolean      sl_vault_is_vault              (GFile               *location);
SlKdfParams   sl_kdf_params_default          (void);
SlCodebook   *sl_vault_get_codebook          (SlVault             *self);
gboolean      sl_vault_install_codebook      (SlVault             *self,
                                              SlCodebook          *codebook,
                                              GError             **error);

G_END_DECLS
