/* sl-returns.h
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
#include "sl-vault.h"

G_BEGIN_DECLS

/**
 * SlReturnsError:
 * @SL_RETURNS_ERROR_SECRET: the linkage secret cannot be read
 * @SL_RETURNS_ERROR_UNKEYABLE: a row lacks what a key is made from
 * @SL_RETURNS_ERROR_IDENTIFIER: a file meant for the inquiry still holds
 *   an identifier
 * @SL_RETURNS_ERROR_INVALID: the file is not a keyed return
 */
typedef enum
{
  SL_RETURNS_ERROR_SECRET,
  SL_RETURNS_ERROR_UNKEYABLE,
  SL_RETURNS_ERROR_IDENTIFIER,
  SL_RETURNS_ERROR_INVALID,
} SlReturnsError;

#define SL_RETURNS_ERROR (sl_returns_error_quark ())
GQuark sl_returns_error_quark (void);

/**
 * SlMatch:
 * @SL_MATCH_AUTO: the NHS number when every row has one, else the person
 * @SL_MATCH_NHS: the NHS number
 * @SL_MATCH_PERSON: name, date of birth and postcode
 *
 * What a child's key is made from. Every agency must use the same.
 */
typedef enum
{
  SL_MATCH_AUTO,
  SL_MATCH_NHS,
  SL_MATCH_PERSON,
} SlMatch;

SlSecret  *sl_returns_secret_new        (void);
char      *sl_returns_secret_to_text    (SlSecret     *secret);
SlSecret  *sl_returns_secret_load       (const char   *path,
                                         GError      **error);
char      *sl_returns_normalise_name    (const char   *name);
char      *sl_returns_normalise_postcode (const char  *postcode);
char      *sl_returns_normalise_nhs     (const char   *nhs);
gboolean   sl_returns_key_csv           (SlSecret     *secret,
                                         SlMatch       match,
                                         const char   *data,
                                         gsize         length,
                                         GString      *out,
                                         guint        *n_rows,
                                         GError      **error);
gboolean   sl_vault_import_returns      (SlVault      *vault,
                                         const char   *provider,
                                         const char   *data,
                                         gsize         length,
                                         guint        *n_rows,
                                         GError      **error);

/**
 * SlReturnColumn:
 * @header: the column's name in the file
 * @indicator: (nullable): the Appendix C indicator's code it maps to
 * @label: (nullable): that indicator's label
 * @identifying: the column identifies a child: the file is refused
 * @is_key: the column is the child_key
 */
typedef struct
{
  char     *header;
  char     *indicator;
  char     *label;
  gboolean  identifying;
  gboolean  is_key;
} SlReturnColumn;

void       sl_return_column_free        (SlReturnColumn *column);

GPtrArray *sl_vault_preview_return      (SlVault      *vault,
                                         const char   *data,
                                         gsize         length,
                                         guint        *n_rows,
                                         GError      **error);
GArray    *sl_vault_dup_return_profile  (SlVault      *vault,
                                         gboolean      datasets,
                                         GError      **error);

G_END_DECLS
