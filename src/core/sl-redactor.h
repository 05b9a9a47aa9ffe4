/* sl-redactor.h
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

#include <glib.h>

G_BEGIN_DECLS

/* Span types: interned, static strings (compare with g_str_equal or by pointer). */
#define SL_SPAN_NHS_NUMBER    "NHS_NUMBER"
#define SL_SPAN_NI_NUMBER     "NI_NUMBER"
#define SL_SPAN_UPN           "UPN"
#define SL_SPAN_POSTCODE      "POSTCODE"
#define SL_SPAN_PHONE         "PHONE"
#define SL_SPAN_EMAIL         "EMAIL"
#define SL_SPAN_URL           "URL"
#define SL_SPAN_SOCIAL_HANDLE "SOCIAL_HANDLE"
#define SL_SPAN_VEHICLE_REG   "VEHICLE_REG"
#define SL_SPAN_DATE_OF_BIRTH "DATE_OF_BIRTH"
#define SL_SPAN_REFERENCE     "REFERENCE"
#define SL_SPAN_ADDRESS       "ADDRESS"
#define SL_SPAN_PERSON        "PERSON"
#define SL_SPAN_PLACE         "PLACE"
#define SL_SPAN_INSTITUTION   "INSTITUTION"

/**
 * SlSpan:
 * @start: byte offset of the first byte of the identifier
 * @end: byte offset just past its last byte
 * @type: one of the `SL_SPAN_*` strings (static; never free it)
 *
 * One identifier found in a text.
 */
typedef struct
{
  gsize       start;
  gsize       end;
  const char *type;
} SlSpan;

GArray     *sl_redactor_detect            (const char *text,
                                           gssize      len);
const char *sl_redactor_get_label         (const char *type);
char       *sl_redactor_redact_structured (const char *text);

G_END_DECLS
