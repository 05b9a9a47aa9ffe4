/* sl-codebook.h
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
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * SlCodebookError:
 * @SL_CODEBOOK_ERROR_INVALID: the codebook breaks the format's rules
 * @SL_CODEBOOK_ERROR_INCOMPATIBLE: a newer version changes what an existing
 *   code means
 * @SL_CODEBOOK_ERROR_UNKNOWN_TYPE: no such record type
 * @SL_CODEBOOK_ERROR_UNKNOWN_FIELD: no such field in the record type
 * @SL_CODEBOOK_ERROR_VALUE: a value does not fit its field
 */
typedef enum
{
  SL_CODEBOOK_ERROR_INVALID,
  SL_CODEBOOK_ERROR_INCOMPATIBLE,
  SL_CODEBOOK_ERROR_UNKNOWN_TYPE,
  SL_CODEBOOK_ERROR_UNKNOWN_FIELD,
  SL_CODEBOOK_ERROR_VALUE,
} SlCodebookError;

#define SL_CODEBOOK_ERROR (sl_codebook_error_quark ())
GQuark sl_codebook_error_quark (void);

typedef enum
{
  SL_FIELD_TEXT,
  SL_FIELD_LONG_TEXT,
  SL_FIELD_INTEGER,
  SL_FIELD_COUNT,
  SL_FIELD_DATE,
  SL_FIELD_PARTIAL_DATE,
  SL_FIELD_BOOLEAN,
  SL_FIELD_CHOICE,
  SL_FIELD_MULTI_CHOICE,
  SL_FIELD_REFERENCE,
} SlFieldType;

typedef enum
{
  SL_GENERALISE_NONE,
  SL_GENERALISE_BANDS,
  SL_GENERALISE_GROUP,
  SL_GENERALISE_ANY,
  SL_GENERALISE_SUPPRESS,
} SlGeneraliseMethod;

/* The two missing values every field offers. */
#define SL_MISSING_UNKNOWN      "unknown"
#define SL_MISSING_NOT_RECORDED "not_recorded"

typedef struct
{
  char     *code;
  gint64    value;
  char     *label;           /* in the language of the interface */
  char     *group;
  gboolean  retired;
  char     *written_label;   /* as the codebook writes it, never translated */
} SlOption;

typedef struct
{
  gint64  min;
  gint64  max;
  char   *label;
} SlBand;

typedef struct
{
  char               *id;
  SlFieldType         type;
  char               *label;
  char               *help;
  char               *spss;
  char               *references;
  char               *min_date;
  char               *max_date;
  gint64              min;
  gint64              max;
  GPtrArray          *options;    /* SlOption */
  GPtrArray          *groups;     /* SlOption */
  GPtrArray          *bands;      /* SlBand */
  SlGeneraliseMethod  generalise;
  guint               required : 1;
  guint               identifying : 1;
  guint               quasi_identifier : 1;
  guint               allow_other : 1;
  guint               has_min : 1;
  guint               has_max : 1;
} SlField;

typedef struct
{
  char      *id;
  char      *label;
  char      *plural;
  char      *description;
  char      *title_field;
  GStrv      parents;
  GPtrArray *fields;    /* SlField */
} SlRecordType;

#define SL_TYPE_CODEBOOK (sl_codebook_get_type ())
G_DECLARE_FINAL_TYPE (SlCodebook, sl_codebook, SL, CODEBOOK, GObject)

SlCodebook         *sl_codebook_new_from_data     (const char    *data,
                                                   gssize         length,
                                                   GError       **error);
SlCodebook         *sl_codebook_dup_as_written    (SlCodebook    *self);
SlCodebook         *sl_codebook_new_from_file     (GFile         *file,
                                                   GError       **error);
SlCodebook         *sl_codebook_new_default       (void);
GBytes             *sl_codebook_get_default_bytes (void);
GPtrArray          *sl_codebook_check_data        (const char    *data,
                                                   gssize         length,
                                                   SlCodebook    *previous);
GPtrArray          *sl_codebook_check_upgrade     (SlCodebook    *self,
                                                   SlCodebook    *previous);
void                sl_codebook_bind_textdomain   (const char    *localedir);

const char         *sl_codebook_get_id            (SlCodebook    *self);
gint64              sl_codebook_get_version       (SlCodebook    *self);
const char         *sl_codebook_get_title         (SlCodebook    *self);
const char         *sl_codebook_get_json          (SlCodebook    *self);
gint64              sl_codebook_get_missing_value (SlCodebook    *self,
                                                   const char    *missing);
GPtrArray          *sl_codebook_get_record_types  (SlCodebook    *self);
SlRecordType       *sl_codebook_lookup_type       (SlCodebook    *self,
                                                   const char    *type_id,
                                                   GError       **error);

SlField            *sl_record_type_lookup_field   (SlRecordType  *type,
                                                   const char    *field_id,
                                                   GError       **error);
gboolean            sl_record_type_allows_parent  (SlRecordType  *type,
                                                   const char    *parent_type);

const char         *sl_field_type_to_string       (SlFieldType    type);
SlOption           *sl_field_lookup_option        (SlField       *field,
                                                   const char    *code);
JsonNode           *sl_field_parse_input          (SlField       *field,
                                                   const char    *input,
                                                   GError       **error);
gboolean            sl_field_validate             (SlField       *field,
                                                   JsonNode      *value,
                                                   GError       **error);
char               *sl_field_format_value         (SlField       *field,
                                                   JsonNode      *value);
char               *sl_field_format_value_code    (SlField       *field,
                                                   JsonNode      *value);
const char         *sl_value_get_missing          (JsonNode      *value);
JsonNode           *sl_value_new_missing          (const char    *missing);
char               *sl_value_to_json              (JsonNode      *value);
JsonNode           *sl_value_from_json            (const char    *json,
                                                   GError       **error);
char               *sl_parse_uk_date              (const char    *input,
                                                   gboolean       partial);

G_END_DECLS
