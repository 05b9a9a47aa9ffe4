/* sl-change-log.h
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

/**
 * SlChange:
 * @device: the device (vault) that made the change
 * @device_seq: its position in that device's chain, from 1
 * @hlc: hybrid logical clock: orders changes across devices
 * @record: the record's UUID
 * @op: "create", "set", "delete" or "undelete"
 * @field: (nullable): the field, for "set"
 * @value: (nullable): the value as JSON ("create": the type, the parent and
 *   the record's first values)
 * @author: who made it
 * @codebook_version: the codebook version in force
 * @base: (nullable): what the change knew of the record: per other device,
 *   the last of its changes to the record (JSON); %NULL when none
 *
 * One entry of the append-only change log.
 */
typedef struct
{
  char   *device;
  gint64  device_seq;
  char   *hlc;
  char   *record;
  char   *op;
  char   *field;
  char   *value;
  char   *author;
  gint64  codebook_version;
  char   *base;
} SlChange;

void sl_change_free (SlChange *change);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlChange, sl_change_free)

/**
 * SlAuditReport:
 * @n_changes: changes verified
 * @n_devices: device chains verified
 * @problems: (element-type utf8): what was found edited, removed,
 *   reordered or out of step; empty when the log is intact
 */
typedef struct
{
  guint64    n_changes;
  guint      n_devices;
  GPtrArray *problems;
} SlAuditReport;

void sl_audit_report_free (SlAuditReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlAuditReport, sl_audit_report_free)

SlAuditReport *sl_vault_audit_sync      (SlVault       *self,
                                         GCancellable  *cancellable,
                                         GError       **error);
GPtrArray     *sl_vault_dup_history     (SlVault       *self,
                                         const char    *record,
                                         GError       **error);
const char    *sl_vault_get_device_id   (SlVault       *self);
const char    *sl_vault_get_author      (SlVault       *self);
void           sl_vault_set_author      (SlVault       *self,
                                         const char    *author);
char          *sl_hlc_to_string         (gint64         hlc,
                                         const char    *device);

/* Internal, for the import of bundles (sl-bundle.c, sl-merge.c). */

struct _SlTxn;

struct _SlTxn *_sl_txn_begin_bulk       (SlVault            *self,
                                         GError            **error);

/**
 * SlNewRecord:
 * @type: the record type's id
 * @parent_no: the parent's row number, 0 for none
 * @codebook_version: the codebook version of its creation
 *
 * What a record's row holds besides what its changes give.
 */
typedef struct
{
  const char *type;
  gint64      parent_no;
  gint64      codebook_version;
} SlNewRecord;

typedef struct _SlMergePlan SlMergePlan;

SlMergePlan   *_sl_merge_plan_new_record (SlCodebook        *codebook,
                                          const char        *record,
                                          GPtrArray         *held,
                                          GError           **error);
void           _sl_merge_plan_free       (SlMergePlan       *plan);
gboolean       _sl_txn_write_new_record  (struct _SlTxn     *txn,
                                          SlMergePlan       *plan,
                                          gint64             record_no,
                                          const char        *record,
                                          const SlNewRecord *row,
                                          GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlMergePlan, _sl_merge_plan_free)

G_END_DECLS
