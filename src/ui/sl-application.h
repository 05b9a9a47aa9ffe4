/* sl-application.h
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

#include <adwaita.h>

#include "sl-lock-monitor.h"

G_BEGIN_DECLS

#define SL_TYPE_APPLICATION    (sl_application_get_type ())
#define SL_APPLICATION_DEFAULT (SL_APPLICATION (g_application_get_default ()))

G_DECLARE_FINAL_TYPE (SlApplication, sl_application, SL, APPLICATION, AdwApplication)

SlApplication *sl_application_new            (void);
void           sl_application_set_start_time (SlApplication *self,
                                              gint64         monotonic_time);
SlLockMonitor *sl_application_get_lock_monitor (SlApplication *self);
void           sl_application_copy_text      (SlApplication *self,
                                              const char    *text);
void           sl_application_clear_clipboard (SlApplication *self);

G_END_DECLS
