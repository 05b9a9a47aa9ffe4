/* sl-test-utils.h
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

#include "sl-vault.h"

G_BEGIN_DECLS

#define SL_TEST_PASSPHRASE   "correct horse battery staple"
#define SL_TEST_PASSPHRASE_2 "violet marmalade under the bridge"

/* Cheap enough for tests; the defaults are tested once on their own. */
SlKdfParams  sl_test_kdf_params       (void);
char        *sl_test_make_tmpdir      (void);
void         sl_test_remove_tree      (const char  *dir);
GHashTable  *sl_test_snapshot         (const char  *dir);
void         sl_test_assert_snapshot_equal (GHashTable *before,
                                            GHashTable *after);
gboolean     sl_test_dir_contains     (const char  *dir,
                                       const void  *needle,
                                       gsize        len,
                                       char       **where);
SlVault     *sl_test_create_vault     (const char  *dir,
                                       const char  *name,
                                       const char  *passphrase);
SlSecret    *sl_test_secret           (const char  *text);
char        *sl_test_add_record       (SlVault            *vault,
                                       const char         *type,
                                       const char         *parent,
                                       const char * const *assignments);
void         sl_test_use_system_mime_dirs (void);
int          sl_test_run_cli          (const char  *stdin_text,
                                       char       **out,
                                       char       **err,
                                       ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
