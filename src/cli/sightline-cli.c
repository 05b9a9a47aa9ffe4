/* sightline-cli.c
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

#define G_LOG_DOMAIN "sightline-cli"

#include "config.h"

#include <fcntl.h>
#include <gio/gunixinputstream.h>
#include <locale.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <termios.h>
#include <unistd.h>

#include "sl-bundle.h"
#include "sl-change-log.h"
#include "sl-codebook.h"
#include "sl-csv.h"
#include "sl-identity.h"
#include "sl-notes.h"
#include "sl-pack.h"
#include "sl-record.h"
#include "sl-redactor.h"
#include "sl-returns.h"
#include "sl-chart.h"
#include "sl-tables.h"
#include "sl-vault.h"

/* Exit codes, as documented in `sightline-cli --help` and README.md. */
#define EXIT_OK      0
#define EXIT_FAIL    1
#define EXIT_USAGE   2

typedef struct
{
  /* options shared by the commands that unlock a vault */
  int       passphrase_fd;
  int       recovery_key_fd;
  gboolean  recovery;
  /* options for commands that set a new passphrase */
  int       new_passphrase_fd;
  int       kdf_memory_mib;
  int       kdf_passes;
  /* other options */
  char     *title;
  gboolean  locked;
  int       slot;
  char     *codebook;
  char     *author;
  char     *parent;
  char     *format;
  char     *against;
  gboolean  json;
  gboolean  deleted;
  gboolean  codes;
  gboolean  exact;
  int       threshold;
  char     *chart;
  char     *secret_file;
  char     *output;
  char     *match;
  char     *provider;
  char     *name;
  char     *to;
  gboolean  full;
  gboolean  dry_run;
  char     *field;
  gboolean  redacted;
  char    **keep;
  char     *kind;
  char     *role;
  int       k;
  double    max_suppression;
  gboolean  labels;
  char    **scope;
  gboolean  zip;
} Options;

static Options cli_options = { -1, -1, FALSE, -1, 0, 0, NULL, FALSE, -1,
                        NULL, NULL, NULL, NULL, NULL, FALSE, FALSE, FALSE, FALSE,
                        SL_TABLES_DEFAULT_THRESHOLD, NULL, NULL, NULL, NULL, NULL, NULL };

typedef int (*CommandFunc) (Options *opts, int argc, char **argv);

typedef struct
{
  const char  *name;
  const char  *args;
  const char  *summary;
  const char  *description;
  CommandFunc         func;
  const GOptionEntry *entries;
  guint               unlocks : 1;
  guint               sets_passphrase : 1;
} Command;

static const char *prog_command = NULL;

static int
fail (GError *error)
{
  g_printerr ("sightline: %s\n", error->message);
  g_error_free (error);
  return EXIT_FAIL;
}

static int
usage_error (const char *fmt,
             ...) G_GNUC_PRINTF (1, 2);

static int
usage_error (const char *fmt,
             ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, fmt);
  msg = g_strdup_vprintf (fmt, args);
  va_end (args);
  g_printerr ("sightline: %s\nRun `sightline-cli %s --help` for how to use it.\n",
              msg, prog_command != NULL ? prog_command : "");
  return EXIT_USAGE;
}

/* Passphrases */

static SlSecret *
prompt_tty (const char  *prompt,
            GError     **error)
{
  struct termios old, quiet;
  SlSecret *ret;
  int tty = open ("/dev/tty", O_RDWR | O_CLOEXEC);

  if (tty < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   "there is no terminal to ask for the passphrase; "
                   "for scripts, pass it on a file descriptor with --passphrase-fd N");
      return NULL;
    }

  if (write (tty, prompt, strlen (prompt)) < 0)
    {
      /* the prompt is a courtesy; reading still works */
    }
  tcgetattr (tty, &old);
  quiet = old;
  quiet.c_lflag &= ~(tcflag_t) ECHO;
  quiet.c_lflag |= ECHONL;
  tcsetattr (tty, TCSAFLUSH, &quiet);
  ret = sl_secret_read_line_fd (tty, error);
  tcsetattr (tty, TCSAFLUSH, &old);
  close (tty);
  return ret;
}

static SlSecret *
read_secret (int          fd,
             const char  *prompt,
             GError     **error)
{
  if (fd >= 0)
    return sl_secret_read_line_fd (fd, error);
  return prompt_tty (prompt, error);
}

static SlSecret *
read_new_passphrase (Options  *opts,
                     GError  **error)
{
  g_autoptr(SlSecret) first = NULL;
  g_autoptr(SlSecret) again = NULL;

  if (!(first = read_secret (opts->new_passphrase_fd, "New passphrase: ", error)))
    return NULL;
  if (!sl_vault_check_passphrase_strength (first, error))
    return NULL;
  if (opts->new_passphrase_fd < 0)
    {
      if (!(again = read_secret (-1, "Repeat the new passphrase: ", error)))
        return NULL;
      if (!sl_secret_equal (first, again))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "the two passphrases differ; nothing was changed. Run the command "
                       "again and type the same passphrase twice");
          return NULL;
        }
    }
  return g_steal_pointer (&first);
}

static gboolean
kdf_params_from_options (Options      *opts,
                         SlKdfParams  *params,
                         GError      **error)
{
  *params = sl_kdf_params_default ();
  if (opts->kdf_memory_mib > 0)
    params->memlimit = (gsize) opts->kdf_memory_mib * 1024 * 1024;
  if (opts->kdf_passes > 0)
    params->opslimit = (guint64) opts->kdf_passes;
  if (opts->kdf_memory_mib < 0 || opts->kdf_passes < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "--kdf-memory and --kdf-passes take positive numbers");
      return FALSE;
    }
  if (params->memlimit < SL_KDF_DEFAULT_MEMLIMIT || params->opslimit < SL_KDF_DEFAULT_OPSLIMIT)
    g_printerr ("sightline: warning: the key derivation cost is below the default "
                "(256 MiB, 3 passes); a stolen vault is cheaper to attack\n");
  return TRUE;
}

static SlVault *
open_vault (const char  *path,
            Options     *opts,
            GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(SlVault) vault = sl_vault_new (file);
  g_autoptr(GPtrArray) slots = NULL;

  /* Read the key file first, so a path that is not a vault is reported
   * before anyone is asked for a passphrase. */
  if (!(slots = sl_vault_list_slots (vault, error)))
    return NULL;

  if (opts->recovery || opts->recovery_key_fd >= 0)
    {
      g_autoptr(SlSecret) key = read_secret (opts->recovery_key_fd, "Recovery key: ", error);

      if (key == NULL ||
          !sl_vault_unlock_with_recovery_key_sync (vault, sl_secret_get_string (key), NULL, error))
        return NULL;
    }
  else
    {
      g_autofree char *prompt = g_strdup_printf ("Passphrase for %s: ", sl_vault_get_name (vault));
      g_autoptr(SlSecret) passphrase = read_secret (opts->passphrase_fd, prompt, error);

      if (passphrase == NULL || !sl_vault_unlock_sync (vault, passphrase, NULL, error))
        return NULL;
    }
  if (opts->author != NULL)
    sl_vault_set_author (vault, opts->author);
  return g_steal_pointer (&vault);
}

/* Commands */

static int
cmd_create (Options  *opts,
            int       argc,
            char    **argv)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(SlVault) vault = NULL;
  g_autoptr(SlSecret) passphrase = NULL;
  g_autofree char *path = NULL;
  g_autofree char *title = NULL;
  g_autoptr(SlCodebook) codebook = NULL;
  SlKdfParams params;
  GError *error = NULL;

  if (argc != 1)
    return usage_error ("create takes one VAULT path (the folder to create)");

  file = g_file_new_for_commandline_arg (argv[0]);
  path = g_file_get_path (file);
  if (g_file_query_exists (file, NULL))
    return usage_error ("%s already exists; choose a new path for the vault", path);
  if (!kdf_params_from_options (opts, &params, &error))
    {
      usage_error ("%s", error->message);
      g_error_free (error);
      return EXIT_USAGE;
    }
  if (!(passphrase = read_new_passphrase (opts, &error)))
    return fail (error);

  if (opts->codebook != NULL)
    {
      g_autoptr(GFile) cb_file = g_file_new_for_commandline_arg (opts->codebook);

      if (!(codebook = sl_codebook_new_from_file (cb_file, &error)))
        return fail (error);
    }
  vault = sl_vault_new (file);
  title = g_strdup (opts->title != NULL ? opts->title : sl_vault_get_name (vault));
  if (!sl_vault_create_sync (vault, title, passphrase, &params, NULL, &error))
    return fail (error);
  if (codebook != NULL && !sl_vault_install_codebook (vault, codebook, &error))
    return fail (error);

  g_print ("Created the vault %s at %s.\n", sl_vault_get_name (vault), path);
  g_print ("Keep the passphrase safe: without it, or a recovery key "
           "(`sightline-cli recovery-key`), the vault cannot be opened.\n");
  return EXIT_OK;
}

static const char *
slot_kind_name (SlKeySlotKind kind)
{
  return kind == SL_KEY_SLOT_RECOVERY ? "recovery key" : "passphrase";
}

static int
cmd_info (Options  *opts,
          int       argc,
          char    **argv)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(SlVault) vault = NULL;
  g_autoptr(GPtrArray) slots = NULL;
  g_autofree char *cipher = NULL;
  g_autofree char *vault_id = NULL;
  g_autofree char *path = NULL;
  g_autofree char *title = NULL;
  GError *error = NULL;

  if (argc != 1)
    return usage_error ("info takes one VAULT path");

  if (!(cipher = sl_vault_dup_cipher_version (&error)))
    return fail (error);

  if (opts->locked)
    {
      file = g_file_new_for_commandline_arg (argv[0]);
      vault = sl_vault_new (file);
      if (!(slots = sl_vault_list_slots (vault, &error)))
        return fail (error);
    }
  else
    {
      if (!(vault = open_vault (argv[0], opts, &error)))
        return fail (error);
      if (!(slots = sl_vault_list_slots (vault, &error)) ||
          !(title = sl_vault_dup_title (vault, &error)))
        return fail (error);
    }

  if (!(vault_id = sl_vault_dup_vault_id (vault, &error)))
    return fail (error);
  path = g_file_get_path (sl_vault_get_location (vault));

  g_print ("Vault:           %s\n", sl_vault_get_name (vault));
  g_print ("Path:            %s\n", path);
  if (title != NULL)
    g_print ("Title:           %s\n", title);
  g_print ("Vault id:        %s\n", vault_id);
  g_print ("Format:          %d\n", SL_VAULT_FORMAT_VERSION);
  if (sl_vault_get_locked (vault))
    g_print ("Schema version:  (locked; give the passphrase to read it)\n");
  else
    g_print ("Schema version:  %d\n", sl_vault_get_schema_version (vault));
  g_print ("Cipher:          SQLCipher %s, raw 256-bit key\n", cipher);
  g_print ("Key slots:       %u\n", slots->len);
  for (guint i = 0; i < slots->len; i++)
    {
      SlKeySlotInfo *info = g_ptr_array_index (slots, i);

      if (info->kind == SL_KEY_SLOT_RECOVERY)
        g_print ("  %u  %-13s BLAKE2b of a 256-bit key            created %s\n",
                 info->id, slot_kind_name (info->kind), info->created);
      else
        g_print ("  %u  %-13s Argon2id, %" G_GSIZE_FORMAT " MiB, %" G_GUINT64_FORMAT
                 " %s%s  created %s\n",
                 info->id, slot_kind_name (info->kind), info->memlimit / (1024 * 1024),
                 info->opslimit, info->opslimit == 1 ? "pass" : "passes",
                 !sl_vault_get_locked (vault) && sl_vault_get_unlocked_slot (vault) == info->id ?
                   " (used now)" : "",
                 info->created);
    }
  return EXIT_OK;
}

static int
cmd_passwd (Options  *opts,
            int       argc,
            char    **argv)
{
  g_autoptr(SlVault) vault = NULL;
  g_autoptr(SlSecret) passphrase = NULL;
  g_autoptr(GPtrArray) slots = NULL;
  SlKdfParams params;
  GError *error = NULL;
  guint slot;

  if (argc != 1)
    return usage_error ("passwd takes one VAULT path");
  if (!kdf_params_from_options (opts, &params, &error))
    return fail (error);
  if (!(vault = open_vault (argv[0], opts, &error)))
    return fail (error);

  if (opts->slot >= 0)
    slot = (guint) opts->slot;
  else if (!opts->recovery && opts->recovery_key_fd < 0)
    slot = sl_vault_get_unlocked_slot (vault);
  else
    {
      /* Unlocked with the recovery key: reset the first passphrase. */
      if (!(slots = sl_vault_list_slots (vault, &error)))
        return fail (error);
      slot = G_MAXUINT;
      for (guint i = 0; i < slots->len && slot == G_MAXUINT; i++)
        if (((SlKeySlotInfo *) g_ptr_array_index (slots, i))->kind == SL_KEY_SLOT_PASSPHRASE)
          slot = ((SlKeySlotInfo *) g_ptr_array_index (slots, i))->id;
    }

  if (!(passphrase = read_new_passphrase (opts, &error)) ||
      !sl_vault_set_passphrase_sync (vault, slot, passphrase, &params, NULL, &error))
    return fail (error);

  g_print ("Changed the passphrase in key slot %u. The old one no longer opens the vault.\n",
           slot);
  return EXIT_OK;
}

static int
cmd_slot_add (Options  *opts,
              int       argc,
              char    **argv)
{
  g_autoptr(SlVault) vault = NULL;
  g_autoptr(SlSecret) passphrase = NULL;
  SlKdfParams params;
  GError *error = NULL;
  guint slot = 0;

  if (argc != 1)
    return usage_error ("slot add takes one VAULT path");
  if (!kdf_params_from_options (opts, &params, &error))
    return fail (error);
  if (!(vault = open_vault (argv[0], opts, &error)) ||
      !(passphrase = read_new_passphrase (opts, &error)) ||
      !sl_vault_add_passphrase_sync (vault, passphrase, &params, &slot, NULL, &error))
    return fail (error);

  g_print ("Added a passphrase in key slot %u.\n", slot);
  return EXIT_OK;
}

static int
cmd_slot_remove (Options  *opts,
                 int       argc,
                 char    **argv)
{
  g_autoptr(SlVault) vault = NULL;
  GError *error = NULL;
  guint64 slot;

  if (argc != 2)
    return usage_error ("slot remove takes a VAULT path and a slot number N");
  if (!g_ascii_string_to_unsigned (argv[1], 10, 0, G_MAXUINT, &slot, NULL))
    return usage_error ("'%s' is not a slot number; `sightline-cli info VAULT` lists them",
                        argv[1]);
  if (!(vault = open_vault (argv[0], opts, &error)) ||
      !sl_vault_remove_slot (vault, (guint) slot, &error))
    return fail (error);

  g_print ("Removed key slot %u.\n", (guint) slot);
  return EXIT_OK;
}

static int
cmd_recovery_key (Options  *opts,
                  int       argc,
                  char    **argv)
{
  g_autoptr(SlVault) vault = NULL;
  char *key;
  GError *error = NULL;
  guint slot = 0;

  if (argc != 1)
    return usage_error ("recovery-key takes one VAULT path");
  if (!(vault = open_vault (argv[0], opts, &error)) ||
      !(key = sl_vault_add_recovery_key_sync (vault, &slot, NULL, &error)))
    return fail (error);

  g_print ("A new recovery key is in key slot %u; any earlier recovery key no longer works.\n"
           "Write it down now and keep it apart from this computer. It is shown only once:\n\n"
           "    %s\n\n"
           "To open the vault with it: sightline-cli passwd VAULT --recovery\n",
           slot, key);
  sodium_memzero (key, strlen (key));
  g_free (key);
  return EXIT_OK;
}

static int
cmd_check (Options  *opts,
           int       argc,
           char    **argv)
{
  g_autoptr(SlVault) vault = NULL;
  g_auto(GStrv) problems = NULL;
  GError *error = NULL;

  if (argc != 1)
    return usage_error ("check takes one VAULT path");
  if (!(vault = open_vault (argv[0], opts, &error)) ||
      !(problems = sl_vault_check_sync (vault, NULL, &error)))
    return fail (error);

  if (problems[0] != NULL)
    {
      for (guint i = 0; problems[i]; i++)
        g_printerr ("sightline: %s\n", problems[i]);
      g_printerr ("sightline: the vault %s is damaged (%u problems). Restore it from a backup "
                  "copy\n", sl_vault_get_name (vault), g_strv_length (problems));
      return EXIT_FAIL;
    }
  g_print ("The vault %s is sound: every page decrypted and passed its checks.\n",
           sl_vault_get_name (vault));
  return EXIT_OK;
}

/* Codebooks and records */

static char *
read_file_arg (const char  *path,
               gsize       *len,
               GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  char *contents = NULL;

  if (!g_file_load_contents (file, NULL, &contents, len, NULL, error))
    return NULL;
  return contents;
}

static int
cmd_codebook_check (Options  *o,
                    int       argc,
                    char    **argv)
{
  g_autofree char *data = NULL;
  g_autoptr(SlCodebook) previous = NULL;
  g_autoptr(SlCodebook) book = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  GError *error = NULL;
  guint n_fields = 0;
  gsize len = 0;

  if (argc != 1)
    return usage_error ("codebook check takes one FILE");
  if (!(data = read_file_arg (argv[0], &len, &error)))
    return fail (error);
  if (o->against != NULL)
    {
      g_autoptr(GFile) old = g_file_new_for_commandline_arg (o->against);

      if (!(previous = sl_codebook_new_from_file (old, &error)))
        {
          g_prefix_error (&error, "%s: ", o->against);
          return fail (error);
        }
    }

  problems = sl_codebook_check_data (data, (gssize) len, previous);
  if (problems->len > 0)
    {
      for (guint i = 0; i < problems->len; i++)
        g_printerr ("sightline: %s: %s\n", argv[0], (char *) g_ptr_array_index (problems, i));
      g_printerr ("sightline: %s: %u problem%s; correct %s and check again\n", argv[0],
                  problems->len, problems->len == 1 ? "" : "s",
                  problems->len == 1 ? "it" : "them");
      return EXIT_FAIL;
    }

  book = sl_codebook_new_from_data (data, (gssize) len, NULL);
  for (guint i = 0; i < sl_codebook_get_record_types (book)->len; i++)
    n_fields += ((SlRecordType *) g_ptr_array_index (sl_codebook_get_record_types (book), i))->fields->len;
  g_print ("%s: the codebook %s version %" G_GINT64_FORMAT " is valid: %u record types, %u "
           "fields.\n", argv[0], sl_codebook_get_id (book), sl_codebook_get_version (book),
           sl_codebook_get_record_types (book)->len, n_fields);
  return EXIT_OK;
}

static int
cmd_codebook_load (Options  *o,
                   int       argc,
                   char    **argv)
{
  g_autoptr(SlVault) vault = NULL;
  g_autoptr(SlCodebook) book = NULL;
  g_autoptr(GFile) file = NULL;
  GError *error = NULL;

  if (argc != 2)
    return usage_error ("codebook load takes a VAULT and a codebook FILE");
  file = g_file_new_for_commandline_arg (argv[1]);
  if (!(book = sl_codebook_new_from_file (file, &error)))
    return fail (error);
  if (!(vault = open_vault (argv[0], o, &error)) ||
      !sl_vault_install_codebook (vault, book, &error))
    return fail (error);
  g_print ("The vault now uses the codebook %s version %" G_GINT64_FORMAT "; every existing "
           "value is kept.\n", sl_codebook_get_id (book), sl_codebook_get_version (book));
  return EXIT_OK;
}

static char *
resolve_id (SlVault     *vault,
            const char  *arg,
            GError     **error)
{
  return sl_vault_resolve_record_id (vault, arg, error);
}

static GHashTable *
values_from_args (SlRecordType  *rt,
                  Options       *o,
                  int            argc,
                  char         **argv,
                  GError       **error)
{
  if (o->json)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GInputStream) in = g_unix_input_stream_new (0, FALSE);

      if (argc > 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       "with --json the values come from standard input, not FIELD=VALUE");
          return NULL;
        }
      if (!json_parser_load_from_stream (parser, in, NULL, error))
        {
          g_prefix_error (error, "standard input is not JSON: ");
          return NULL;
        }
      if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "standard input must hold one JSON object of field names and values");
          return NULL;
        }
      return sl_values_from_json (rt, json_node_get_object (json_parser_get_root (parser)), error);
    }
  return sl_values_from_assignments (rt, (const char * const *) argv, error);
}

static int
cmd_record_add (Options  *o,
                int       argc,
                char    **argv)
{
  g_autoptr(SlVault) vault = NULL;
  g_autoptr(GHashTable) values = NULL;
  g_autofree char *parent = NULL;
  g_autofree char *id = NULL;
  SlRecordType *rt;
  GError *error = NULL;

  if (argc < 2)
    return usage_error ("record add takes a VAULT, a record TYPE and FIELD=VALUE pairs");
  if (!(vault = open_vault (argv[0], o, &error)) ||
      !(rt = sl_codebook_lookup_type (sl_vault_get_codebook (vault), argv[1], &error)) ||
      !(values = values_from_args (rt, o, argc - 2, argv + 2, &error)))
    return fail (error);
  if (o->parent != NULL && !(parent = resolve_id (vault, o->parent, &error)))
    return fail (error);
  if (!(id = sl_vault_add_record (vault, argv[1], parent, values, &error)))
    return fail (error);
  g_print ("%s\n", id);
  return EXIT_OK;
}

static int
cmd_record_edit (Options  *o,
                 int       argc,
                 char    **argv)
{
  g_autoptr(SlVault) vault = NULL;
  g_autoptr(GHashTable) values = NULL;
  g_autoptr(SlRecord) rec = NULL;
  g_autofree char *id = NULL;
  SlRecordType *rt;
  GError *error = NULL;

  if (argc < 2 || (argc < 3 && !o->json))
    return usage_error ("record edit takes a VAULT, a record ID and FIELD=VALUE pairs");
  if (!(vault = open_vault (argv[0], o, &error)) ||
      !(id = resolve_id (vault, argv[1], &error)) ||
      !(rec = sl_vault_load_record (vault, id, &error)) ||
      !(rt = sl_codebook_lookup_type (sl_vault_get_codebook (vault),
                                      sl_record_get_record_type (rec), &error)) ||
      !(values = values_from_args (rt, o, argc - 2, argv + 2, &error)) ||
      !sl_vault_edit_record (vault, id, values, &error))
    return fail (error);
  g_print ("Saved %s.\n", id);
  return EXIT_OK;
}

static int
cmd_record_show (Options  *o,
                 int       argc,
                 char    **argv)
{
  g_autoptr(SlVault) vault = NULL;
  g_autoptr(SlRecord) rec = NULL;
  g_autofree char *id = NULL;
  SlRecordType *rt;
  GError *error = NULL;
  guint width = 0;

  if (argc != 2)
    return usage_error ("record show takes a VAULT and a record ID");
  if (!(vault = open_vault (argv[0], o, &error)) ||
      !(id = resolve_id (vault, argv[1], &error)) ||
      !(rec = sl_vault_load_record (vault, id, &error)) ||
      !(rt = sl_codebook_lookup_type (sl_vault_get_codebook (vault),
                                      sl_record_get_record_type (rec), &error)))
    return fail (error);

  for (guint i = 0; i < rt->fields->len; i++)
    width = MAX (width, g_utf8_strlen (((SlField *) g_ptr_array_index (rt->fields, i))->label, -1));

  g_print ("%s: %s%s\n", rt->label, sl_record_get_title (rec),
           sl_record_get_deleted (rec) ? " (deleted)" : "");
  g_print ("  id %s, codebook version %" G_GINT64_FORMAT "\n", id,
           sl_record_get_codebook_version (rec));
  if (sl_record_get_parent (rec) != NULL)
    {
      g_autoptr(SlRecord) parent = sl_vault_load_record (vault, sl_record_get_parent (rec), NULL);

      g_print ("  belongs to %s %s\n", parent ? sl_record_get_title (parent) : "",
               sl_record_get_parent (rec));
    }
  for (guint i = 0; i < rt->fields->len; i++)
    {
      SlField *f = g_ptr_array_index (rt->fields, i);
      JsonNode *v = sl_record_get_value (rec, f->id);
      g_autofree char *text = NULL;

      if (v == NULL)
        continue;
      text = sl_field_format_value (f, v);
      g_print ("%s:%*s %s\n", f->label, (int) (width - g_utf8_strlen (f->label, -1)), "", text);
    }
  return EXIT_OK;
}

static int
cmd_record_list (Options  *o,
                 int       argc,
                 char    **argv)
{
  g_autoptr(SlVault) vault = NULL;
  g_autoptr(GPtrArray) records = NULL;
  const char *format = o->format ? o->format : "text";
  SlRecordType *rt;
  GError *error = NULL;

  if (argc != 2)
    return usage_error ("record list takes a VAULT and a record TYPE");
  if (!g_str_equal (format, "text") && !g_str_equal (format, "csv") && !g_str_equal (format, "json"))
    return usage_error ("--format is text, csv or json, not '%s'", format);
  if (!(vault = open_vault (argv[0], o, &error)) ||
      !(rt = sl_codebook_lookup_type (sl_vault_get_codebook (vault), argv[1], &error)) ||
      !(records = sl_vault_list_records (vault, argv[1], o->deleted, &error)))
    return fail (error);

  if (g_str_equal (format, "text"))
    {
      for (guint i = 0; i < records->len; i++)
        {
          SlRecord *rec = g_ptr_array_index (records, i);

          g_print ("%.8s  %s%s\n", sl_record_get_id (rec), sl_record_get_title (rec),
                   sl_record_get_deleted (rec) ? "  (deleted)" : "");
        }
      if (records->len == 0)
        {
          g_autofree char *lower = g_utf8_strdown (rt->plural, -1);

          g_printerr ("No %s yet.\n", lower);
        }
    }
  else if (g_str_equal (format, "csv"))
    {
      g_autoptr(GString) line = g_string_new ("id,parent");

      if (o->deleted)
        g_string_append (line, ",deleted");
      for (guint j = 0; j < rt->fields->len; j++)
        {
          g_string_append_c (line, ',');
          sl_csv_append_field (line, ((SlField *) g_ptr_array_index (rt->fields, j))->id);
        }
      g_print ("%s\r\n", line->str);
      for (guint i = 0; i < records->len; i++)
        {
          SlRecord *rec = g_ptr_array_index (records, i);

          g_string_assign (line, sl_record_get_id (rec));
          g_string_append_c (line, ',');
          sl_csv_append_field (line, sl_record_get_parent (rec));
          if (o->deleted)
            g_string_append (line, sl_record_get_deleted (rec) ? ",yes" : ",no");
          for (guint j = 0; j < rt->fields->len; j++)
            {
              SlField *f = g_ptr_array_index (rt->fields, j);
              JsonNode *v = sl_record_get_value (rec, f->id);
              g_autofree char *text = o->codes ? sl_field_format_value_code (f, v)
                                               : sl_field_format_value (f, v);

              g_string_append_c (line, ',');
              sl_csv_append_field (line, text);
            }
          g_print ("%s\r\n", line->str);
        }
    }
  else
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonGenerator) gen = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *text = NULL;

      json_builder_begin_array (b);
      for (guint i = 0; i < records->len; i++)
        {
          SlRecord *rec = g_ptr_array_index (records, i);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "id");
          json_builder_add_string_value (b, sl_record_get_id (rec));
          json_builder_set_member_name (b, "type");
          json_builder_add_string_value (b, sl_record_get_record_type (rec));
          json_builder_set_member_name (b, "parent");
          if (sl_record_get_parent (rec))
            json_builder_add_string_value (b, sl_record_get_parent (rec));
          else
            json_builder_add_null_value (b);
          json_builder_set_member_name (b, "deleted");
          json_builder_add_boolean_value (b, sl_record_get_deleted (rec));
          json_builder_set_member_name (b, "codebook_version");
          json_builder_add_int_value (b, sl_record_get_codebook_version (rec));
          json_builder_set_member_name (b, "values");
          json_builder_begin_object (b);
          for (guint j = 0; j < rt->fields->len; j++)
            {
              SlField *f = g_ptr_array_index (rt->fields, j);
              JsonNode *v = sl_record_get_value (rec, f->id);

              if (v == NULL)
                continue;
              json_builder_set_member_name (b, f->id);
              json_builder_add_value (b, json_node_copy (v));
            }
          json_builder_end_object (b);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      root = json_builder_get_root (b);
      json_generator_set_root (gen, root);
      json_generator_set_pretty (gen, TRUE);
      text = json_generator_to_data (gen, NULL);
      g_print ("%s\n", text);
    }
  return EXIT_OK;
}

static char *
format_hlc (const char *hlc)
{
  gint64 ms = g_ascii_strtoll (hlc, NULL, 10);
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (ms / 1000);
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;

  return local ? g_date_time_format (local, "%Y-%m-%d %H:%M:%S") : g_strdup (hlc);
}

static int
cmd_record_history (Options  *o,
                    int       argc,
                    char    **argv)
{
  g_autoptr(SlVault) vault = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(SlRecord) rec = NULL;
  g_autofree char *id = NULL;
  SlRecordType *rt;
  GError *error = NULL;

  if (argc != 2)
    return usage_error ("record history takes a VAULT and a record ID");
  if (!(vault = open_vault (argv[0], o, &error)) ||
      !(id = resolve_id (vault, argv[1], &error)) ||
      !(rec = sl_vault_load_record (vault, id, &error)) ||
      !(rt = sl_codebook_lookup_type (sl_vault_get_codebook (vault),
                                      sl_record_get_record_type (rec), &error)) ||
      !(changes = sl_vault_dup_history (vault, id, &error)))
    return fail (error);

  for (guint i = 0; i < changes->len; i++)
    {
      SlChange *c = g_ptr_array_index (changes, i);
      g_autofree char *when = format_hlc (c->hlc);
      g_autofree char *what = NULL;

      if (g_str_equal (c->op, "set"))
        {
          SlField *f = sl_record_type_lookup_field (rt, c->field, NULL);
          g_autoptr(JsonNode) v = c->value ? sl_value_from_json (c->value, NULL) : NULL;
          g_autofree char *text = f && v ? sl_field_format_value (f, v) : g_strdup (c->value);

          what = v ? g_strdup_printf ("set %s to %s", f ? f->label : c->field, text)
                   : g_strdup_printf ("cleared %s", f ? f->label : c->field);
        }
      else if (g_str_equal (c->op, "create"))
        {
          g_autofree char *lower = g_utf8_strdown (rt->label, -1);
          g_autoptr(JsonNode) node = c->value ? sl_value_from_json (c->value, NULL) : NULL;
          JsonObject *obj = node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
          JsonObject *first = obj && json_object_has_member (obj, "values") ?
                              json_object_get_object_member (obj, "values") : NULL;
          g_autoptr(GString) text = g_string_new (NULL);

          g_string_printf (text, "created the %s record", lower);
          for (guint j = 0, n = 0; first && j < rt->fields->len; j++)
            {
              SlField *f = g_ptr_array_index (rt->fields, j);
              g_autofree char *shown = NULL;

              if (!json_object_has_member (first, f->id))
                continue;
              shown = sl_field_format_value (f, json_object_get_member (first, f->id));
              g_string_append_printf (text, "%s%s = %s", n++ ? "; " : ": ", f->label, shown);
            }
          what = g_string_free (g_steal_pointer (&text), FALSE);
        }
      else
        what = g_strdup_printf ("%sd the record", c->op);
      g_print ("%s  %-20s  device %.8s  %s\n", when, c->author, c->device, what);
    }
  return EXIT_OK;
}

static int
delete_or_undelete (Options  *o,
                    int       argc,
                    char    **argv,
                    gboolean  delete)
{
  g_autoptr(SlVault) vault = NULL;
  g_autofree char *id = NULL;
  GError *error = NULL;
  gboolean ok;

  if (argc != 2)
    return usage_error ("this command takes a VAULT and a record ID");
  if (!(vault = open_vault (argv[0], o, &error)) || !(id = resolve_id (vault, argv[1], &error)))
    return fail (error);
  ok = delete ? sl_vault_delete_record (vault, id, &error)
              : sl_vault_undelete_record (vault, id, &error);
  if (!ok)
    return fail (error);
  if (delete)
    g_print ("Deleted %s. It stays in the vault's history; `record undelete` brings it back.\n", id);
  else
    g_print ("Restored %s.\n", id);
  return EXIT_OK;
}

static int
cmd_record_delete (Options  *o,
                   int       argc,
                   char    **argv)
{
  return delete_or_undelete (o, argc, argv, TRUE);
}

static int
cmd_record_undelete (Options  *o,
                     int       argc,
                     char    **argv)
{
  return delete_or_undelete (o, argc, argv, FALSE);
}

static int
cmd_import (Options  *o,
            int       argc,
            char    **argv)
{
  g_autoptr(SlVault) vault = NULL;
  g_autofree char *data = NULL;
  GError *error = NULL;
  guint n = 0;
  gsize len = 0;

  if (argc != 3)
    return usage_error ("import takes a VAULT, a record TYPE and a FILE.csv");
  if (!(data = read_file_arg (argv[2], &len, &error)))
    return fail (error);
  if (!(vault = open_vault (argv[0], o, &error)) ||
      !sl_vault_import_csv (vault, argv[1], data, len, &n, NULL, &error))
    return fail (error);
  g_print ("Imported %u record%s from %s.\n", n, n == 1 ? "" : "s", argv[2]);
  return EXIT_OK;
}

static int
cmd_audit (Options  *o,
           int       argc,
           char    **argv)
{
  g_autoptr(SlVault) vault = NULL;
  g_autoptr(SlAuditReport) report = NULL;
  GError *error = NULL;

  if (argc != 1)
    return usage_error ("audit takes one VAULT");
  if (!(vault = open_vault (argv[0], o, &error)) ||
      !(report = sl_vault_audit_sync (vault, NULL, &error)))
    return fail (error);
  if (report->problems->len > 0)
    {
      for (guint i = 0; i < report->problems->len; i++)
        g_printerr ("sightline: %s\n", (char *) g_ptr_array_index (report->problems, i));
      g_printerr ("sightline: the change log of %s has been tampered with or damaged (%u "
                  "problem%s). Keep this vault as evidence and restore from a backup copy\n",
                  sl_vault_get_name (vault), report->problems->len,
                  report->problems->len == 1 ? "" : "s");
      return EXIT_FAIL;
    }
  g_print ("Verified %" G_GUINT64_FORMAT " change%s from %u device%s: the change log is intact "
           "and the current values match it.\n", report->n_changes,
           report->n_changes == 1 ? "" : "s", report->n_devices,
           report->n_devices == 1 ? "" : "s");
  return EXIT_OK;
}

static int
cmd_tables (Options  *o,
            int       argc,
            char    **argv)
{
  g_autoptr(SlVault) vault = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  const char *format = o->format ? o->format : "text";
  GError *error = NULL;

  if (argc < 1)
    return usage_error ("tables takes a VAULT and optionally table names");
  if (!g_str_equal (format, "text") && !g_str_equal (format, "csv") && !g_str_equal (format, "json"))
    return usage_error ("--format is text, csv or json, not '%s'", format);
  if (o->threshold < 1)
    return usage_error ("--threshold must be 1 or more");
  if (!(vault = open_vault (argv[0], o, &error)))
    return fail (error);

  if (argc == 1)
    {
      g_autoptr(GPtrArray) all = sl_tables_list (vault, &error);

      if (all == NULL)
        return fail (error);
      for (guint i = 0; i < all->len; i++)
        g_ptr_array_add (ids, g_strdup (((SlTable *) g_ptr_array_index (all, i))->id));
    }
  for (int i = 1; i < argc; i++)
    g_ptr_array_add (ids, g_strdup (argv[i]));

  if (g_str_equal (format, "json"))
    g_print ("[\n");
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(SlTable) t = sl_tables_compute (vault, g_ptr_array_index (ids, i),
                                                o->exact ? 0 : (guint) o->threshold, &error);
      g_autofree char *out = NULL;

      if (t == NULL)
        return fail (error);
      if (o->chart != NULL)
        {
          g_autofree char *chart_path = ids->len == 1 ? g_strdup (o->chart) : NULL;

          if (chart_path == NULL)
            {
              /* several tables: table3.svg, table11.svg… beside the name given */
              g_autofree char *dir = g_path_get_dirname (o->chart);
              const char *ext = strrchr (o->chart, '.');
              g_autofree char *name = g_strconcat (t->id, ext ? ext : ".svg", NULL);

              chart_path = g_build_filename (dir, name, NULL);
            }
          if (!sl_chart_write (t, chart_path, &error))
            return fail (error);
          g_printerr ("Wrote the chart of %s to %s.\n", t->id, chart_path);
          continue;
        }
      if (g_str_equal (format, "csv"))
        out = sl_table_to_csv (t);
      else if (g_str_equal (format, "json"))
        out = sl_table_to_json (t);
      else
        out = sl_table_to_text (t);
      g_print ("%s%s%s", i > 0 ? (g_str_equal (format, "json") ? ",\n" : "\n") : "", out,
               g_str_equal (format, "csv") ? "" : "");
    }
  if (g_str_equal (format, "json"))
    g_print ("\n]\n");
  return EXIT_OK;
}

static int
cmd_returns_secret (Options  *o,
                    int       argc,
                    char    **argv)
{
  g_autoptr(SlSecret) secret = sl_returns_secret_new ();
  g_autofree char *text = sl_returns_secret_to_text (secret);
  GError *error = NULL;
  gboolean ok;

  if (argc != 0)
    return usage_error ("returns secret takes no arguments; write it to a file with -o FILE");
  if (o->output == NULL)
    return usage_error ("name the file to write the secret to, with -o FILE");
  if (g_file_test (o->output, G_FILE_TEST_EXISTS))
    return usage_error ("%s already exists; a new secret would make keys that match no earlier "
                        "return. Choose another file name", o->output);
  ok = g_file_set_contents_full (o->output, text, -1,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, &error);
  sodium_memzero (text, strlen (text));
  if (!ok)
    return fail (error);
  g_print ("Wrote a new linkage secret to %s. Send it to each agency by a secure route, never\n"
           "with the returns; every agency keys its return with the same secret.\n", o->output);
  return EXIT_OK;
}

static int
cmd_returns_key (Options  *o,
                 int       argc,
                 char    **argv)
{
  g_autoptr(SlSecret) secret = NULL;
  g_autoptr(GString) in = g_string_new (NULL);
  g_autoptr(GString) out = g_string_new (NULL);
  SlMatch match = SL_MATCH_AUTO;
  GError *error = NULL;
  guint n = 0;
  char buf[65536];
  ssize_t got;

  if (argc != 0)
    return usage_error ("returns key reads the return on standard input and writes the keyed "
                        "return on standard output");
  if (o->secret_file == NULL)
    return usage_error ("give the inquiry's linkage secret with --secret-file FILE");
  if (o->match != NULL)
    {
      if (g_str_equal (o->match, "nhs"))
        match = SL_MATCH_NHS;
      else if (g_str_equal (o->match, "person"))
        match = SL_MATCH_PERSON;
      else
        return usage_error ("--match is nhs or person, not '%s'", o->match);
    }
  if (!(secret = sl_returns_secret_load (o->secret_file, &error)))
    return fail (error);
  while ((got = read (0, buf, sizeof buf)) > 0)
    g_string_append_len (in, buf, got);
  if (!sl_returns_key_csv (secret, match, in->str, in->len, out, &n, &error))
    {
      sodium_memzero (in->str, in->len);
      return fail (error);
    }
  sodium_memzero (in->str, in->len);
  if (write (1, out->str, out->len) != (ssize_t) out->len)
    {
      g_printerr ("sightline: the keyed return could not be written to standard output\n");
      return EXIT_FAIL;
    }
  g_printerr ("Keyed %u row%s; the identifying columns were dropped.\n", n, n == 1 ? "" : "s");
  return EXIT_OK;
}

static int
cmd_returns_import (Options  *o,
                    int       argc,
                    char    **argv)
{
  g_autoptr(SlVault) vault = NULL;
  g_autofree char *data = NULL;
  GError *error = NULL;
  guint n = 0;
  gsize len = 0;

  if (argc != 2)
    return usage_error ("returns import takes a VAULT and a keyed FILE.csv");
  if (o->provider == NULL)
    return usage_error ("name the agency the return came from, with --provider NAME");
  if (!(data = read_file_arg (argv[1], &len, &error)))
    return fail (error);
  if (!(vault = open_vault (argv[0], o, &error)) ||
      !sl_vault_import_returns (vault, o->provider, data, len, &n, &error))
    return fail (error);
  g_print ("Imported the return of %s: %u children.\n", o->provider, n);
  return EXIT_OK;
}

static int
cmd_identity (Options  *o,
              int       argc,
              char    **argv)
{
  g_autoptr(SlVault) vault = NULL;
  g_autofree char *card = NULL;
  GError *error = NULL;

  if (argc != 1)
    return usage_error ("identity takes one VAULT");
  if (!(vault = open_vault (argv[0], o, &error)) ||
      !(card = sl_vault_dup_identity_card (vault, o->name, &error)))
    return fail (error);
  g_print ("%s", card);
  return EXIT_OK;
}

static int
cmd_peer_add (Options  *o,
              int       argc,
              char    **argv)
{
  g_autoptr(SlVault) vault = NULL;
  g_autoptr(SlPeer) peer = NULL;
  g_autofree char *card = NULL;
  GError *error = NULL;
  gsize len = 0;

  if (argc != 2)
    return usage_error ("peer add takes a VAULT and a CARD_FILE");
  if (!(card = read_file_arg (argv[1], &len, &error)))
    return fail (error);
  if (!(vault = open_vault (argv[0], o, &error)) || !(peer = sl_vault_add_peer (vault, card, &error)))
    return fail (error);
  g_print ("Trusted %s, \"%s\". Compare its fingerprint aloud with the other side:\n    %s\n",
           peer->id, peer->name, peer->fingerprint);
  return EXIT_OK;
}

static int
cmd_peer_list (Options  *o,
               int       argc,
               char    **argv)
{
  g_autoptr(SlVault) vault = NULL;
  g_autoptr(GPtrArray) peers = NULL;
  GError *error = NULL;

  if (argc != 1)
    return usage_error ("peer list takes one VAULT");
  if (!(vault = open_vault (argv[0], o, &error)) || !(peers = sl_vault_list_peers (vault, &error)))
    return fail (error);
  for (guint i = 0; i < peers->len; i++)
    {
      SlPeer *p = g_ptr_array_index (peers, i);

      g_print ("%s  %s  (fingerprint %s, trusted %s)\n", p->id, p->name, p->fingerprint, p->added);
    }
  return EXIT_OK;
}

static int
cmd_peer_remove (Options  *o,
                 int       argc,
                 char    **argv)
{
  g_autoptr(SlVault) vault = NULL;
  GError *error = NULL;

  if (argc != 2)
    return usage_error ("peer remove takes a VAULT and a peer ID");
  if (!(vault = open_vault (argv[0], o, &error)) || !sl_vault_remove_peer (vault, argv[1], &error))
    return fail (error);
  g_print ("No longer trusting %s.\n", argv[1]);
  return EXIT_OK;
}

/* Sync */

static void
print_by_type (SlVault         *vault,
               SlBundleSummary *s)
{
  SlCodebook *book = sl_vault_get_codebook (vault);

  for (guint i = 0; i < s->by_type->len; i++)
    {
      SlBundleTypeCount *t = g_ptr_array_index (s->by_type, i);
      SlRecordType *rt = book ? sl_codebook_lookup_type (book, t->type, NULL) : NULL;

      g_print ("  %-28s %6" G_GUINT64_FORMAT " new, %6" G_GUINT64_FORMAT " changes to "
               "existing records\n", rt ? rt->label : t->type, t->n_new_records, t->n_edits);
    }
}

static int
cmd_bundle_export (Options  *o,
                   int       argc,
                   char    **argv)
{
  g_autoptr(SlVault) vault = NULL;
  g_autoptr(SlBundleSummary) summary = NULL;
  g_autoptr(GFile) file = NULL;
  GError *error = NULL;

  if (argc != 1)
    return usage_error ("bundle export takes one VAULT");
  if (o->to == NULL || o->output == NULL)
    return usage_error ("name the peer with --to PEER_ID and the file with -o FILE");
  file = g_file_new_for_commandline_arg (o->output);
  if (!(vault = open_vault (argv[0], o, &error)) ||
      (o->full && !sl_vault_forget_peer_acks (vault, o->to, &error)) ||
      !(summary = sl_vault_export_bundle (vault, o->to, file, NULL, NULL, NULL, &error)))
    return fail (error);
  g_print ("Wrote %" G_GUINT64_FORMAT " change%s for %s (%s) to %s: %" G_GUINT64_FORMAT
           " new record%s, %" G_GUINT64_FORMAT " deletion%s or undeletion%s.\n",
           summary->n_changes, summary->n_changes == 1 ? "" : "s", summary->peer_name,
           summary->peer_id, o->output, summary->n_new_records,
           summary->n_new_records == 1 ? "" : "s", summary->n_deletions,
           summary->n_deletions == 1 ? "" : "s", summary->n_deletions == 1 ? "" : "s");
  return EXIT_OK;
}

static int
cmd_bundle_import (Options  *o,
                   int       argc,
                   char    **argv)
{
  g_autoptr(SlVault) vault = NULL;
  g_autoptr(SlBundleSummary) s = NULL;
  g_autoptr(GFile) file = NULL;
  GError *error = NULL;

  if (argc != 2)
    return usage_error ("bundle import takes a VAULT and a bundle FILE");
  file = g_file_new_for_commandline_arg (argv[1]);
  if (!(vault = open_vault (argv[0], o, &error)) ||
      !(s = sl_vault_import_bundle (vault, file, o->dry_run, NULL, NULL, NULL, &error)))
    return fail (error);
  g_print ("%s %s (%s), made %s: %" G_GUINT64_FORMAT " change%s, %" G_GUINT64_FORMAT
           " new here.\n", o->dry_run ? "Would import the bundle from" : "Imported the bundle from",
           s->peer_name, s->peer_id, s->created ? s->created : "?", s->n_changes,
           s->n_changes == 1 ? "" : "s", s->n_new);
  print_by_type (vault, s);
  if (s->n_deletions > 0)
    g_print ("  %" G_GUINT64_FORMAT " deletion%s or undeletion%s\n", s->n_deletions,
             s->n_deletions == 1 ? "" : "s", s->n_deletions == 1 ? "" : "s");
  if (s->codebook != NULL)
    g_print ("  codebook updated to %s\n", s->codebook);
  if (s->n_conflicts > 0)
    g_print ("%u new conflict%s to settle: `sightline-cli conflicts list %s`.\n",
             s->n_conflicts, s->n_conflicts == 1 ? "" : "s", argv[0]);
  if (o->dry_run)
    g_print ("Nothing was changed (--dry-run).\n");
  return EXIT_OK;
}

/* Writes @data to @path, readable by its owner only, whole or not at all. */
static gboolean
write_private_file (const char  *path,
                    const void  *data,
                    gsize        len,
                    GError     **error)
{
  return g_file_set_contents_full (path, data, (gssize) len,
                                   G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                   0600, error);
}

static int
cmd_bundle_export_identity (Options  *o,
                            int       argc,
                            char    **argv)
{
  g_autoptr(SlVault) vault = NULL;
  g_autoptr(SlSecret) identity = NULL;
  g_autoptr(GString) text = NULL;
  GError *error = NULL;
  gboolean ok;

  if (argc != 1)
    return usage_error ("bundle export-identity takes one VAULT");
  if (o->output == NULL)
    return usage_error ("name the file for the secret key with -o FILE");
  if (!(vault = open_vault (argv[0], o, &error)) ||
      !(identity = sl_vault_dup_age_identity (vault, &error)))
    return fail (error);
  text = g_string_new ("# Sightline vault age identity: it decrypts every bundle sent to this "
                       "vault.\n# Keep it as safe as the passphrase; delete it after use.\n");
  g_string_append (text, sl_secret_get_string (identity));
  g_string_append_c (text, '\n');
  ok = write_private_file (o->output, text->str, text->len, &error);
  sodium_memzero (text->str, text->len);
  if (!ok)
    return fail (error);
  g_printerr ("Wrote the vault's secret age identity to %s (readable by you only). With it, "
              "`age -d -i %s BUNDLE` decrypts bundles made for this vault.\n",
              o->output, o->output);
  return EXIT_OK;
}

static int
cmd_bundle_decrypt (Options  *o,
                    int       argc,
                    char    **argv)
{
  g_autoptr(SlVault) vault = NULL;
  g_autoptr(GBytes) plain = NULL;
  g_autoptr(GFile) file = NULL;
  GError *error = NULL;
  const char *data;
  gsize len;

  if (argc != 2)
    return usage_error ("bundle decrypt takes a VAULT and a bundle FILE");
  if (o->output == NULL)
    return usage_error ("name the file for the decrypted change set with -o FILE; it holds "
                        "the records in clear, so put it somewhere encrypted");
  file = g_file_new_for_commandline_arg (argv[1]);
  if (!(vault = open_vault (argv[0], o, &error)) ||
      !(plain = sl_vault_decrypt_bundle (vault, file, &error)))
    return fail (error);
  data = g_bytes_get_data (plain, &len);
  if (!write_private_file (o->output, data, len, &error))
    return fail (error);
  g_printerr ("The bundle is signed by a trusted peer for this vault. Wrote its change set, in "
              "clear, to %s: delete it when done.\n", o->output);
  return EXIT_OK;
}

static int
cmd_conflicts_list (Options  *o,
                    int       argc,
                    char    **argv)
{
  g_autoptr(SlVault) vault = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  GError *error = NULL;

  if (argc != 1)
    return usage_error ("conflicts list takes one VAULT");
  if (!(vault = open_vault (argv[0], o, &error)) ||
      !(conflicts = sl_vault_list_conflicts (vault, &error)))
    return fail (error);
  for (guint i = 0; i < conflicts->len; i++)
    {
      SlConflict *c = g_ptr_array_index (conflicts, i);

      g_print ("%s %s  %s: %s\n", c->record, *c->field ? c->field : "-", c->title, c->label);
      for (guint k = 0; k < c->values->len; k++)
        {
          SlConflictValue *v = g_ptr_array_index (c->values, k);

          g_print ("  %s %s  %s  (%s, %s)\n", k == 0 ? "*" : " ", v->clock, v->text, v->author,
                   v->when);
        }
    }
  if (conflicts->len == 0)
    g_print ("No conflicts.\n");
  else
    g_print ("* the value in force. Settle one with `sightline-cli conflicts resolve %s RECORD "
             "FIELD CLOCK`.\n", argv[0]);
  return EXIT_OK;
}

static int
cmd_conflicts_resolve (Options  *o,
                       int       argc,
                       char    **argv)
{
  g_autoptr(SlVault) vault = NULL;
  GError *error = NULL;
  const char *field;

  if (argc != 4)
    return usage_error ("conflicts resolve takes a VAULT, a RECORD, a FIELD (- for a deletion) "
                        "and the CLOCK of the value to keep");
  field = g_str_equal (argv[2], "-") ? "" : argv[2];
  if (!(vault = open_vault (argv[0], o, &error)) ||
      !sl_vault_resolve_conflict (vault, argv[1], field, argv[3], &error))
    return fail (error);
  g_print ("Settled: the value kept is a new change, and settles the conflict wherever it "
           "syncs.\n");
  return EXIT_OK;
}

/* Notes and the pseudonym registry */

static const char *
note_status_text (SlNoteStatus status)
{
  switch (status)
    {
    case SL_NOTE_EMPTY: return "empty";
    case SL_NOTE_NOT_REVIEWED: return "not reviewed";
    case SL_NOTE_REVIEWED: return "reviewed";
    case SL_NOTE_CHANGED: return "edited since it was reviewed";
    default: return "?";
    }
}

static int
cmd_note_show (Options  *o,
               int       argc,
               char    **argv)
{
  g_autoptr(SlVault) vault = NULL;
  g_autoptr(GArray) spans = NULL;
  g_autofree char *redacted = NULL;
  const char *field = o->field ? o->field : "notes";
  GError *error = NULL;
  SlNoteStatus status;

  if (argc != 2)
    return usage_error ("note show takes a VAULT and a RECORD");
  if (!(vault = open_vault (argv[0], o, &error)) ||
      !(redacted = sl_vault_redact_note (vault, argv[1], field, &spans, &error)))
    return fail (error);
  status = sl_vault_get_note_status (vault, argv[1], field, NULL);
  g_print ("Note %s (%s)\n\n", field, note_status_text (status));
  if (o->redacted)
    g_print ("%s\n", redacted);
  else
    {
      g_autofree char *id = sl_vault_resolve_record_id (vault, argv[1], NULL);
      g_autoptr(SlRecord) rec = id ? sl_vault_load_record (vault, id, NULL) : NULL;
      JsonNode *v = rec ? sl_record_get_value (rec, field) : NULL;
      const char *text = v ? json_node_get_string (v) : "";

      g_print ("%s\n\nFound:\n", text);
      for (guint i = 0; i < spans->len; i++)
        {
          SlNoteSpan *s = &g_array_index (spans, SlNoteSpan, i);

          g_print ("  %-14s %.*s -> %s%s\n", s->type, (int) (s->end - s->start), text + s->start,
                   s->replacement, s->rejected ? " (kept: judged not identifying)" : "");
        }
      if (spans->len == 0)
        g_print ("  nothing\n");
    }
  return EXIT_OK;
}

static int
cmd_note_review (Options  *o,
                 int       argc,
                 char    **argv)
{
  g_autoptr(SlVault) vault = NULL;
  const char *field = o->field ? o->field : "notes";
  GError *error = NULL;

  if (argc != 2)
    return usage_error ("note review takes a VAULT and a RECORD");
  if (!(vault = open_vault (argv[0], o, &error)) ||
      !sl_vault_review_note (vault, argv[1], field, (const char * const *) o->keep, &error))
    return fail (error);
  g_print ("Reviewed the note %s of %s as it stands%s.\n", field, argv[1],
           o->keep ? ", keeping what you named" : "");
  return EXIT_OK;
}

static int
cmd_note_status (Options  *o,
                 int       argc,
                 char    **argv)
{
  g_autoptr(SlVault) vault = NULL;
  GError *error = NULL;
  guint n;

  if (argc != 1)
    return usage_error ("note status takes one VAULT");
  if (!(vault = open_vault (argv[0], o, &error)))
    return fail (error);
  n = sl_vault_count_unreviewed_notes (vault, &error);
  if (error != NULL)
    return fail (error);
  g_print ("%u note%s not reviewed as they stand.\n", n, n == 1 ? "" : "s");
  return EXIT_OK;
}

static int
cmd_pseudonym_add (Options  *o,
                   int       argc,
                   char    **argv)
{
  g_autoptr(SlVault) vault = NULL;
  g_autoptr(SlPseudonym) p = NULL;
  GError *error = NULL;

  if (argc != 3)
    return usage_error ("pseudonym add takes a VAULT, a RECORD of the case and a NAME");
  if (o->kind == NULL)
    return usage_error ("say what the name is with --kind person|place|institution|reference");
  if (!(vault = open_vault (argv[0], o, &error)) ||
      !(p = sl_vault_add_pseudonym (vault, argv[1], o->kind, o->role, argv[2], &error)))
    return fail (error);
  g_print ("%s\n", p->pseudonym);
  return EXIT_OK;
}

static int
cmd_pseudonym_form (Options  *o,
                    int       argc,
                    char    **argv)
{
  g_autoptr(SlVault) vault = NULL;
  GError *error = NULL;

  if (argc != 4)
    return usage_error ("pseudonym form takes a VAULT, a RECORD of the case, a PSEUDONYM and "
                        "a FORM");
  if (!(vault = open_vault (argv[0], o, &error)) ||
      !sl_vault_add_pseudonym_form (vault, argv[1], argv[2], argv[3], &error))
    return fail (error);
  g_print ("%s is now also found as \"%s\".\n", argv[2], argv[3]);
  return EXIT_OK;
}

static int
cmd_pseudonym_list (Options  *o,
                    int       argc,
                    char    **argv)
{
  g_autoptr(SlVault) vault = NULL;
  g_autoptr(GPtrArray) list = NULL;
  GError *error = NULL;

  if (argc != 1 && argc != 2)
    return usage_error ("pseudonym list takes a VAULT and, to show one case, a RECORD of it");
  if (!(vault = open_vault (argv[0], o, &error)) ||
      !(list = sl_vault_list_pseudonyms (vault, argc == 2 ? argv[1] : NULL, &error)))
    return fail (error);
  for (guint i = 0; i < list->len; i++)
    {
      SlPseudonym *p = g_ptr_array_index (list, i);

      g_print ("%.8s  %-14s %-12s %-12s %s\n", p->case_id, p->pseudonym, p->kind, p->role, p->name);
    }
  if (list->len == 0)
    g_print ("The registry is empty.\n");
  return EXIT_OK;
}

/* Analyst packs */

/* --scope ID[,ID…], repeatable: full ids, each resolved from what a person
 * typed (the first characters, as `record list` shows them). */
static GStrv
resolve_scope (SlVault  *vault,
               char    **args,
               GError  **error)
{
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();

  for (guint i = 0; args[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (args[i], ",", -1);

      for (guint j = 0; parts[j] != NULL; j++)
        {
          g_autofree char *id = NULL;

          g_strstrip (parts[j]);
          if (*parts[j] == '\0')
            continue;
          if (!(id = resolve_id (vault, parts[j], error)))
            {
              g_prefix_error (error, "--scope: ");
              return NULL;
            }
          g_strv_builder_add (ids, id);
        }
    }
  return g_strv_builder_end (ids);
}

static void
print_preview (SlPackPreview *preview)
{
  g_print ("A pack of %u record%s, k = %u (at most %.0f%% of a type's records suppressed):\n",
           preview->n_records, preview->n_records == 1 ? "" : "s", preview->k,
           preview->max_suppression * 100);
  for (guint i = 0; i < preview->types->len; i++)
    {
      SlPackPreviewType *t = g_ptr_array_index (preview->types, i);

      g_print ("\n%s: %u record%s", t->label, t->n_records, t->n_records == 1 ? "" : "s");
      if (t->quasi_identifiers->len > 0 && t->n_records > 0 && t->k_reached == 0)
        g_print (", every quasi-identifier suppressed");
      else if (t->quasi_identifiers->len > 0 && t->n_records > 0)
        g_print (", %u suppressed, smallest class %u", t->n_suppressed, t->k_reached);
      g_print ("\n");
      for (guint q = 0; q < t->quasi_identifiers->len; q++)
        {
          SlPackPreviewField *f = g_ptr_array_index (t->quasi_identifiers, q);

          g_print ("  %-28s %s\n", f->field, f->generalisation);
        }
      for (guint w = 0; w < t->withheld->len; w++)
        {
          SlPackPreviewField *f = g_ptr_array_index (t->withheld, w);

          g_print ("  %-28s not written: %s\n", f->field, f->generalisation);
        }
    }
  g_print ("\nNotes: %u reviewed note%s would be written; %u left out, not reviewed as %s "
           "stand.\nNothing was written (--dry-run).\n", preview->n_notes_written,
           preview->n_notes_written == 1 ? "" : "s", preview->n_notes_unreviewed,
           preview->n_notes_unreviewed == 1 ? "it" : "they");
}

static int
cmd_pack (Options  *o,
          int       argc,
          char    **argv)
{
  g_autoptr(SlVault) vault = NULL;
  g_autoptr(SlPackReport) report = NULL;
  g_autoptr(GFile) folder = NULL;
  g_auto(GStrv) scope = NULL;
  SlPackOptions options = { 0 };
  GError *error = NULL;

  if (argc != 1)
    return usage_error ("pack takes one VAULT");
  if (o->output == NULL && !o->dry_run)
    return usage_error (o->to ? "name the file to write with -o FILE.zip.age (it must not exist yet)"
                        : o->zip ? "name the file to write with -o FILE.zip (it must not exist yet)"
                        : "name the folder to write with -o DIR (it must not exist yet)");
  if (o->k < 0 || o->max_suppression < 0 || o->max_suppression > 1)
    return usage_error ("--k takes a number of records (1 or more; 1 turns k-anonymity off) and "
                        "--max-suppression a share between 0 and 1");
  if (o->to != NULL && o->output != NULL && !g_str_has_suffix (o->output, ".zip.age"))
    return usage_error ("with --to, name the file FILE.zip.age (-o %s.zip.age): it is a .zip "
                        "encrypted with age", o->output);
  if (o->to == NULL && o->zip && o->output != NULL && !g_str_has_suffix (o->output, ".zip"))
    return usage_error ("with --zip, name the file FILE.zip (-o %s.zip)", o->output);
  options.k = (guint) o->k;
  options.max_suppression = o->max_suppression;
  options.labels = o->labels;
  options.zip = o->zip || o->to != NULL;
  options.recipient = o->to;
  if (!(vault = open_vault (argv[0], o, &error)))
    return fail (error);
  if (o->scope != NULL)
    {
      if (!(scope = resolve_scope (vault, o->scope, &error)))
        return fail (error);
      if (scope[0] == NULL)
        return usage_error ("--scope names no record: give the ids of submissions, visits or "
                            "sessions, as `record list` shows them");
      options.scope = (const char * const *) scope;
    }
  if (o->dry_run)
    {
      g_autoptr(SlPackPreview) preview = sl_vault_preview_pack (vault, &options, NULL, &error);

      if (preview == NULL)
        return fail (error);
      print_preview (preview);
      return EXIT_OK;
    }
  folder = g_file_new_for_commandline_arg (o->output);
  if (!sl_vault_write_pack (vault, folder, &options, NULL, NULL, NULL, &report, &error))
    return fail (error);
  g_print ("Wrote the pack %s: %u record%s in %u files, %u note%s; k = %u reached, %u record%s "
           "suppressed. See its disclosure-report.txt; check it with `sha256sum -c MANIFEST`.\n",
           o->output, report->n_records, report->n_records == 1 ? "" : "s", report->n_files,
           report->n_notes_written, report->n_notes_written == 1 ? "" : "s", report->k_reached,
           report->n_records_suppressed, report->n_records_suppressed == 1 ? "" : "s");
  if (report->n_notes_unreviewed > 0)
    g_printerr ("sightline: %u note%s left out: nobody has reviewed %s as %s stand%s "
                "(`sightline-cli note review`)\n", report->n_notes_unreviewed,
                report->n_notes_unreviewed == 1 ? " was" : "s were",
                report->n_notes_unreviewed == 1 ? "it" : "them",
                report->n_notes_unreviewed == 1 ? "it" : "they",
                report->n_notes_unreviewed == 1 ? "s" : "");
  return EXIT_OK;
}

/* Options of each command */

static const GOptionEntry unlock_entries[] = {
  { "passphrase-fd", 0, 0, G_OPTION_ARG_INT, &cli_options.passphrase_fd,
    "Read the passphrase from file descriptor N (one line)", "N" },
  { "recovery", 0, 0, G_OPTION_ARG_NONE, &cli_options.recovery,
    "Unlock with the recovery key instead of a passphrase (asked on the terminal)", NULL },
  { "recovery-key-fd", 0, 0, G_OPTION_ARG_INT, &cli_options.recovery_key_fd,
    "Read the recovery key from file descriptor N (one line)", "N" },
  { NULL }
};
static const GOptionEntry new_entries[] = {
  { "new-passphrase-fd", 0, 0, G_OPTION_ARG_INT, &cli_options.new_passphrase_fd,
    "Read the new passphrase from file descriptor N (one line)", "N" },
  { "kdf-memory", 0, 0, G_OPTION_ARG_INT, &cli_options.kdf_memory_mib,
    "Argon2id memory in MiB (default 256)", "MIB" },
  { "kdf-passes", 0, 0, G_OPTION_ARG_INT, &cli_options.kdf_passes,
    "Argon2id passes (default 3)", "N" },
  { NULL }
};
static const GOptionEntry create_entries[] = {
  { "title", 0, 0, G_OPTION_ARG_STRING, &cli_options.title,
    "The vault's title, shown in the window (default: the folder's name)", "TITLE" },
  { "codebook", 0, 0, G_OPTION_ARG_FILENAME, &cli_options.codebook,
    "The inquiry's codebook (default: the CSEGG 2012 codebook)", "FILE" },
  { NULL }
};
static const GOptionEntry info_entries[] = {
  { "locked", 0, 0, G_OPTION_ARG_NONE, &cli_options.locked,
    "Do not ask for the passphrase; show only what can be read without it", NULL },
  { NULL }
};
static const GOptionEntry passwd_entries[] = {
  { "slot", 0, 0, G_OPTION_ARG_INT, &cli_options.slot,
    "Change the passphrase in slot N (default: the one you unlock with)", "N" },
  { NULL }
};
static const GOptionEntry check_codebook_entries[] = {
  { "against", 0, 0, G_OPTION_ARG_FILENAME, &cli_options.against,
    "The version FILE replaces: no existing code may change meaning", "OLD" },
  { NULL }
};
static const GOptionEntry write_entries[] = {
  { "author", 0, 0, G_OPTION_ARG_STRING, &cli_options.author,
    "Who is named on the changes (default: your name on this computer)", "NAME" },
  { "json", 0, 0, G_OPTION_ARG_NONE, &cli_options.json,
    "Read the values as one JSON object on standard input", NULL },
  { "parent", 0, 0, G_OPTION_ARG_STRING, &cli_options.parent,
    "The record this one belongs to (a coded person's submission, visit or session)", "ID" },
  { NULL }
};
static const GOptionEntry tables_entries[] = {
  { "format", 0, 0, G_OPTION_ARG_STRING, &cli_options.format,
    "text (default), csv or json", "FORMAT" },
  { "exact", 0, 0, G_OPTION_ARG_NONE, &cli_options.exact,
    "Exact counts, without small-cell suppression: for use inside the vault only", NULL },
  { "threshold", 0, 0, G_OPTION_ARG_INT, &cli_options.threshold,
    "Suppress counts under N (default 5)", "N" },
  { "chart", 0, 0, G_OPTION_ARG_FILENAME, &cli_options.chart,
    "Write a bar chart instead, to FILE (.svg, .png or .pdf)", "FILE" },
  { NULL }
};
static const GOptionEntry secret_entries[] = {
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &cli_options.output,
    "Write the secret to FILE (it must not exist)", "FILE" },
  { NULL }
};
static const GOptionEntry key_entries[] = {
  { "secret-file", 0, 0, G_OPTION_ARG_FILENAME, &cli_options.secret_file,
    "The inquiry's linkage secret", "FILE" },
  { "match", 0, 0, G_OPTION_ARG_STRING, &cli_options.match,
    "Key by nhs (the NHS number) or person (name, date of birth, postcode); every agency "
    "must use the same", "HOW" },
  { NULL }
};
static const GOptionEntry returns_import_entries[] = {
  { "provider", 0, 0, G_OPTION_ARG_STRING, &cli_options.provider,
    "The agency the return came from (a data set)", "NAME" },
  { NULL }
};
static const GOptionEntry pack_entries[] = {
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &cli_options.output,
    "The folder to write, or with --zip or --to the file (it must not exist yet)", "DIR" },
  { "k", 0, 0, G_OPTION_ARG_INT, &cli_options.k,
    "Each combination of quasi-identifiers shared by at least N records (default 5; 1: off)",
    "N" },
  { "max-suppression", 0, 0, G_OPTION_ARG_DOUBLE, &cli_options.max_suppression,
    "The largest share of records to suppress (default 0.05)", "SHARE" },
  { "labels", 0, 0, G_OPTION_ARG_NONE, &cli_options.labels,
    "Labels instead of codes in the CSV files", NULL },
  { "zip", 0, 0, G_OPTION_ARG_NONE, &cli_options.zip,
    "Write one .zip file (-o FILE.zip) instead of a folder", NULL },
  { "dry-run", 0, 0, G_OPTION_ARG_NONE, &cli_options.dry_run,
    "Write nothing: say what would be generalised, suppressed and left out", NULL },
  { "to", 0, 0, G_OPTION_ARG_STRING, &cli_options.to,
    "Encrypt the .zip to the analyst's age recipient (age1…; -o FILE.zip.age); nothing "
    "unencrypted is written", "RECIPIENT" },
  { "scope", 0, 0, G_OPTION_ARG_STRING_ARRAY, &cli_options.scope,
    "Only these submissions, visits or sessions (ids as `record list` shows them, comma "
    "separated or repeated), with their people and notes", "ID[,ID…]" },
  { NULL }
};
static const GOptionEntry note_entries[] = {
  { "field", 0, 0, G_OPTION_ARG_STRING, &cli_options.field,
    "The note's field (default: notes)", "FIELD" },
  { "redacted", 0, 0, G_OPTION_ARG_NONE, &cli_options.redacted,
    "Show the note as it leaves the vault", NULL },
  { NULL }
};
static const GOptionEntry review_entries[] = {
  { "field", 0, 0, G_OPTION_ARG_STRING, &cli_options.field,
    "The note's field (default: notes)", "FIELD" },
  { "keep", 0, 0, G_OPTION_ARG_STRING_ARRAY, &cli_options.keep,
    "Something found that is not identifying, kept as written (repeat for more)", "TEXT" },
  { "author", 0, 0, G_OPTION_ARG_STRING, &cli_options.author,
    "Who reviewed it (default: your login name)", "NAME" },
  { NULL }
};
static const GOptionEntry pseudonym_entries[] = {
  { "kind", 0, 0, G_OPTION_ARG_STRING, &cli_options.kind,
    "person, place, institution or reference", "KIND" },
  { "role", 0, 0, G_OPTION_ARG_STRING, &cli_options.role,
    "child, adult, suspect or professional (a person); town, area or street (a place); "
    "school, home, hotel, takeaway, taxi, pub, gp, shop, club or other (an institution)", "ROLE" },
  { NULL }
};
static const GOptionEntry bundle_export_entries[] = {
  { "to", 0, 0, G_OPTION_ARG_STRING, &cli_options.to,
    "The trusted peer to send to (its id, from `peer list`)", "PEER_ID" },
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &cli_options.output,
    "Write the bundle to FILE", "FILE" },
  { "full", 0, 0, G_OPTION_ARG_NONE, &cli_options.full,
    "Send every change, not only those the peer is not known to hold", NULL },
  { NULL }
};
static const GOptionEntry bundle_import_entries[] = {
  { "dry-run", 0, 0, G_OPTION_ARG_NONE, &cli_options.dry_run,
    "Check the bundle and show what would change; change nothing", NULL },
  { NULL }
};
static const GOptionEntry output_entries[] = {
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &cli_options.output, "Write to FILE", "FILE" },
  { NULL }
};
static const GOptionEntry identity_entries[] = {
  { "name", 0, 0, G_OPTION_ARG_STRING, &cli_options.name,
    "The name on the card (default: the vault's title)", "NAME" },
  { NULL }
};
static const GOptionEntry author_entries[] = {
  { "author", 0, 0, G_OPTION_ARG_STRING, &cli_options.author,
    "Who is named on the changes (default: your name on this computer)", "NAME" },
  { NULL }
};
static const GOptionEntry list_entries[] = {
  { "format", 0, 0, G_OPTION_ARG_STRING, &cli_options.format,
    "text (default), csv or json", "FORMAT" },
  { "deleted", 0, 0, G_OPTION_ARG_NONE, &cli_options.deleted, "Include deleted records", NULL },
  { "codes", 0, 0, G_OPTION_ARG_NONE, &cli_options.codes,
    "In CSV, write codes and ISO dates instead of labels", NULL },
  { NULL }
};

/* redact */

static gboolean redact_detect_jsonl = FALSE;
static gboolean redact_text = FALSE;
static char *redact_vault = NULL;
static char *redact_case = NULL;

static const GOptionEntry redact_entries[] = {
  { "detect-jsonl", 0, 0, G_OPTION_ARG_NONE, &redact_detect_jsonl,
    "Read JSON lines {\"id\", \"text\"}; write {\"id\", \"spans\"} lines", NULL },
  { "vault", 0, 0, G_OPTION_ARG_FILENAME, &redact_vault,
    "Also find the names in VAULT's pseudonym registry, replaced by their pseudonyms", "VAULT" },
  { "case", 0, 0, G_OPTION_ARG_STRING, &redact_case,
    "With --vault: the text belongs to RECORD's case (other cases' names become their kind)",
    "RECORD" },
  { "passphrase-fd", 0, 0, G_OPTION_ARG_INT, &cli_options.passphrase_fd,
    "With --vault: read the passphrase from file descriptor N", "N" },
  { "text", 0, 0, G_OPTION_ARG_NONE, &redact_text,
    "Read text; write it with each identifier replaced by its type", NULL },
  { NULL }
};

static char *
detect_jsonl_line (SlVault    *vault,
                   const char *line)
{
  g_autoptr(JsonNode) input = sl_value_from_json (line, NULL);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GArray) spans = NULL;
  JsonObject *obj;
  JsonNode *id;
  JsonNode *text;
  const char *str;

  /* The core's reader: one JSON value a line, or the line is refused. */
  if (input == NULL || !JSON_NODE_HOLDS_OBJECT (input))
    return NULL;
  obj = json_node_get_object (input);
  id = json_object_get_member (obj, "id");
  text = json_object_get_member (obj, "text");
  if (id == NULL || !JSON_NODE_HOLDS_VALUE (id) || text == NULL ||
      !JSON_NODE_HOLDS_VALUE (text) || json_node_get_value_type (text) != G_TYPE_STRING)
    return NULL;
  str = json_node_get_string (text);
  if (vault != NULL)
    {
      /* The registry's names first, then the detector's (as stored). */
      g_autoptr(GArray) found = NULL;
      g_autofree char *redacted = sl_vault_redact_text (vault, redact_case, str, &found, NULL);

      spans = g_array_new (FALSE, FALSE, sizeof (SlSpan));
      for (guint i = 0; found != NULL && i < found->len; i++)
        {
          SlNoteSpan *n = &g_array_index (found, SlNoteSpan, i);
          SlSpan span = { n->start, n->end, n->type };

          g_array_append_val (spans, span);
        }
    }
  else
    spans = sl_redactor_detect (str, -1);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_value (b, json_node_copy (id));
  json_builder_set_member_name (b, "spans");
  json_builder_begin_array (b);
  for (guint i = 0; i < spans->len; i++)
    {
      const SlSpan *span = &g_array_index (spans, SlSpan, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "start");
      json_builder_add_int_value (b, (gint64) span->start);
      json_builder_set_member_name (b, "end");
      json_builder_add_int_value (b, (gint64) span->end);
      json_builder_set_member_name (b, "type");
      json_builder_add_string_value (b, span->type);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

static int
cmd_redact (Options  *o,
            int       argc,
            char    **argv)
{
  g_autoptr(GInputStream) in = g_unix_input_stream_new (0, FALSE);
  g_autoptr(SlVault) vault = NULL;
  GError *error = NULL;

  if (argc != 0)
    return usage_error ("redact reads standard input and takes no arguments");
  if (redact_detect_jsonl == redact_text)
    return usage_error ("redact needs exactly one of --detect-jsonl and --text");
  if (redact_case != NULL && redact_vault == NULL)
    return usage_error ("--case needs --vault");
  if (redact_vault != NULL && !(vault = open_vault (redact_vault, o, &error)))
    return fail (error);

  if (redact_detect_jsonl)
    {
      g_autoptr(GDataInputStream) data = g_data_input_stream_new (in);
      guint64 lineno = 0;

      for (;;)
        {
          g_autofree char *line = NULL;
          g_autofree char *out = NULL;
          gsize len = 0;

          line = g_data_input_stream_read_line (data, &len, NULL, &error);
          if (error != NULL)
            return fail (error);
          if (line == NULL)
            break;
          lineno++;
          if (g_strstrip (line)[0] == '\0')
            continue;
          if (!(out = detect_jsonl_line (vault, line)))
            {
              g_printerr ("sightline: line %" G_GUINT64_FORMAT " is not a JSON object with an "
                          "\"id\" and a \"text\" string\n", lineno);
              return EXIT_FAIL;
            }
          fputs (out, stdout);
          fputc ('\n', stdout);
        }
    }
  else
    {
      g_autoptr(GOutputStream) mem = g_memory_output_stream_new_resizable ();
      g_autofree char *out = NULL;

      if (g_output_stream_splice (mem, in, G_OUTPUT_STREAM_SPLICE_NONE, NULL, &error) < 0 ||
          !g_output_stream_write_all (mem, "", 1, NULL, NULL, &error) ||
          !g_output_stream_close (mem, NULL, &error))
        return fail (error);
      if (vault != NULL)
        {
          if (!(out = sl_vault_redact_text (vault, redact_case,
                                            g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (mem)),
                                            NULL, &error)))
            return fail (error);
        }
      else
        out = sl_redactor_redact_structured (
          g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (mem)));
      fputs (out, stdout);
    }
  if (fflush (stdout) != 0 || ferror (stdout))
    {
      g_printerr ("sightline: standard output could not be written\n");
      return EXIT_FAIL;
    }
  return EXIT_OK;
}

static const Command commands[] = {
  { "create", "VAULT", "Create a new vault (a folder)",
    "Creates an encrypted vault at VAULT, a folder that must not exist yet, and asks for\n"
    "its first passphrase twice. The key is derived with Argon2id (256 MiB, 3 passes).",
    cmd_create, create_entries, FALSE, TRUE },
  { "info", "VAULT", "Show slots, key derivation, schema and cipher (no secrets)",
    "Shows the vault's key slots and their key-derivation cost, the schema version and the\n"
    "SQLCipher version. Asks for the passphrase, to read the schema and title; --locked\n"
    "shows what can be read without it.",
    cmd_info, info_entries, TRUE, FALSE },
  { "passwd", "VAULT", "Change a passphrase",
    "Changes the passphrase you unlock with (or the one in --slot N). Only that key slot is\n"
    "rewritten, atomically: after a crash the old or the new passphrase works. With\n"
    "--recovery, a forgotten passphrase is reset using the recovery key.",
    cmd_passwd, passwd_entries, TRUE, TRUE },
  { "slot add", "VAULT", "Add another passphrase",
    "Adds a key slot with a second passphrase; either passphrase then opens the vault.",
    cmd_slot_add, NULL, TRUE, TRUE },
  { "slot remove", "VAULT N", "Remove key slot N (never the last passphrase)",
    "Removes key slot N, as `info` numbers them. The vault's only passphrase cannot be\n"
    "removed.",
    cmd_slot_remove, NULL, TRUE, FALSE },
  { "recovery-key", "VAULT", "Make a recovery key (shown once)",
    "Makes a new random 256-bit recovery key, shown once as 14 groups of 4 letters and\n"
    "digits, that opens the vault when every passphrase is forgotten. It replaces any\n"
    "earlier recovery key.",
    cmd_recovery_key, NULL, TRUE, FALSE },
  { "check", "VAULT", "Verify every page of the vault",
    "Decrypts every page (each page's HMAC is verified) and runs SQLite's integrity check.\n"
    "Exit code 1 if anything is damaged.",
    cmd_check, NULL, TRUE, FALSE },
  { "codebook check", "FILE", "Validate a codebook",
    "Checks a codebook and reports every problem with its JSON path and what to change.\n"
    "With --against OLD, also checks that no code of the version in use changes meaning.",
    cmd_codebook_check, check_codebook_entries, FALSE, FALSE },
  { "codebook load", "VAULT FILE", "Put a newer codebook version in force",
    "Loads a newer version of the vault's codebook. Every existing value is kept; a\n"
    "version that changes an existing code is refused.",
    cmd_codebook_load, NULL, TRUE, FALSE },
  { "record add", "VAULT TYPE FIELD=VALUE…", "Add a record",
    "Adds a record of TYPE (submission, site_visit, oral_session, victim, perpetrator…).\n"
    "Values as a person types them: a choice by code or label (\"other: …\" where allowed),\n"
    "several choices separated by ';', yes/no, dates as 14/05/2011 or May 2011, and\n"
    "\"unknown\" or \"not recorded\". A coded person needs --parent. Prints the new id.",
    cmd_record_add, write_entries, TRUE, FALSE },
  { "record edit", "VAULT ID FIELD=VALUE…", "Change fields of a record",
    "Changes the fields given; FIELD= (nothing after =) clears one. Each real change is\n"
    "one entry in the change log. ID may be the first characters of the id.",
    cmd_record_edit, write_entries, TRUE, FALSE },
  { "record show", "VAULT ID", "Show a record",
    "Shows a record's values with their labels.",
    cmd_record_show, NULL, TRUE, FALSE },
  { "record list", "VAULT TYPE", "List the records of a type",
    "Lists the records of TYPE: as text (id and title), CSV (a column per field; it imports\n"
    "back) or JSON (stored values).",
    cmd_record_list, list_entries, TRUE, FALSE },
  { "record history", "VAULT ID", "Show who changed what, when, from which device",
    "Shows every change to a record, oldest first.",
    cmd_record_history, NULL, TRUE, FALSE },
  { "record delete", "VAULT ID", "Delete a record (it can be undeleted)",
    "Marks the record deleted. Deletion is itself a change: the record and its history stay\n"
    "in the vault.",
    cmd_record_delete, author_entries, TRUE, FALSE },
  { "record undelete", "VAULT ID", "Bring back a deleted record",
    "Restores a deleted record.",
    cmd_record_undelete, author_entries, TRUE, FALSE },
  { "import", "VAULT TYPE FILE.csv", "Import records from a CSV file",
    "Imports one record of TYPE per row. The first row names the fields (a `parent` column\n"
    "names the record each row belongs to). One transaction: if any row is bad, nothing is\n"
    "imported and every bad row, column and reason is listed.",
    cmd_import, author_entries, TRUE, FALSE },
  { "tables", "VAULT [NAME…]", "The inquiry's tables from the live records",
    "Computes the tables the codebook defines (all, or those named) from the records as\n"
    "they stand. Counts under 5 are suppressed, with further cells hidden so that none can\n"
    "be worked out from the totals; --exact shows exact counts, for use inside the vault.",
    cmd_tables, tables_entries, TRUE, FALSE },
  { "returns secret", "", "Make the linkage secret for indicator returns",
    "Makes a random secret that agencies use to key their returns, so that the same child\n"
    "gets the same key everywhere and the inquiry never receives names.",
    cmd_returns_secret, secret_entries, FALSE, FALSE },
  { "returns key", "< RETURN.csv > KEYED.csv", "Key a return at the agency",
    "Replaces the identifying columns (NHS number, or name, date of birth and postcode,\n"
    "normalised) by one keyed pseudonym, child_key, and drops them. Run by the agency, on its\n"
    "own computer, before the return is sent.",
    cmd_returns_key, key_entries, FALSE, FALSE },
  { "returns import", "VAULT FILE.csv", "Import a keyed indicator return",
    "Imports a keyed return: child_key and one column per Appendix C indicator (yes/no or a\n"
    "count). One transaction; a file with an identifying column is refused.",
    cmd_returns_import, returns_import_entries, TRUE, FALSE },
  { "identity", "VAULT", "Print this vault's device card, for its peers",
    "Prints the vault's public identity as a small signed text card: a name, its age\n"
    "recipient (bundles are encrypted to it), its signing key and a fingerprint to read\n"
    "aloud. Give the card to the peer; it holds no secret.",
    cmd_identity, identity_entries, TRUE, FALSE },
  { "peer add", "VAULT CARD_FILE", "Trust a peer from its card",
    "Trusts the laptop or secretariat whose card this is. Compare the fingerprint it prints\n"
    "with the other side's, aloud, before sending anything.",
    cmd_peer_add, NULL, TRUE, FALSE },
  { "peer list", "VAULT", "List the trusted peers, one a line, id first",
    "Lists the peers this vault trusts.", cmd_peer_list, NULL, TRUE, FALSE },
  { "peer remove", "VAULT ID", "Stop trusting a peer",
    "Removes a trusted peer.", cmd_peer_remove, NULL, TRUE, FALSE },
  { "bundle export", "VAULT --to PEER -o FILE", "Write a sync bundle for a peer",
    "Writes the changes the peer is not known to hold (every device's, so the secretariat\n"
    "relays laptops to each other), signed by this vault and encrypted to the peer (an age\n"
    "file). It is written under a temporary name and renamed when complete.",
    cmd_bundle_export, bundle_export_entries, TRUE, FALSE },
  { "bundle import", "VAULT FILE", "Merge a peer's sync bundle",
    "Checks the bundle (a trusted sender, made for this vault, whole, not replayed, the same\n"
    "codebook, continuing this vault's history) and merges it field by field in one\n"
    "transaction. Edits of one field made without knowing of each other are both kept as a\n"
    "conflict; see `conflicts list`. With --dry-run, shows what would change.",
    cmd_bundle_import, bundle_import_entries, TRUE, FALSE },
  { "bundle export-identity", "VAULT -o FILE", "Write the vault's secret age identity",
    "Writes the vault's age identity (AGE-SECRET-KEY-1…), with which the age tool decrypts\n"
    "bundles made for this vault: `age -d -i FILE BUNDLE`. It is a secret key.",
    cmd_bundle_export_identity, output_entries, TRUE, FALSE },
  { "bundle decrypt", "VAULT FILE -o OUT", "Decrypt and verify a bundle, without importing",
    "Checks that a trusted peer signed the bundle for this vault and writes its change set\n"
    "in clear to OUT (readable by you only). For checking and interoperability.",
    cmd_bundle_decrypt, output_entries, TRUE, FALSE },
  { "conflicts list", "VAULT", "List the conflicts sync found",
    "Lists each field edited on two devices without either knowing of the other (and each\n"
    "record deleted on one while edited on another), with every value, who and when.",
    cmd_conflicts_list, NULL, TRUE, FALSE },
  { "conflicts resolve", "VAULT RECORD FIELD CLOCK", "Keep one value of a conflict",
    "Keeps the value with CLOCK (as `conflicts list` shows it); FIELD - settles a deletion\n"
    "that met an edit. The choice is a change like any other, and syncs.",
    cmd_conflicts_resolve, author_entries, TRUE, FALSE },
  { "note show", "VAULT RECORD", "Show a note and the identifiers found in it",
    "Shows a note (a long text field; --field, default notes) with each identifier found\n"
    "and what replaces it, or with --redacted the note as it would leave the vault.",
    cmd_note_show, note_entries, TRUE, FALSE },
  { "note review", "VAULT RECORD", "Mark a note reviewed as it stands",
    "Records that the note was reviewed, by whom; --keep TEXT keeps something the detector\n"
    "found that is not identifying. Editing the note afterwards makes it unreviewed.",
    cmd_note_review, review_entries, TRUE, FALSE },
  { "note status", "VAULT", "Count the notes not reviewed",
    "Counts the notes not reviewed as they stand (never, or edited since).",
    cmd_note_status, NULL, TRUE, FALSE },
  { "pseudonym add", "VAULT RECORD NAME --kind K", "Replace a name in every note of a case",
    "Enters NAME in the pseudonym registry of RECORD's case and prints its pseudonym\n"
    "(Child A, Suspect 1, [school 2]…). It is found in every note of the case, in any\n"
    "letter case, as full name, first name, surname or initial and surname.",
    cmd_pseudonym_add, pseudonym_entries, TRUE, FALSE },
  { "pseudonym form", "VAULT RECORD PSEUDONYM FORM", "Another way a name is written",
    "Adds a nickname or another spelling to a name in the registry.",
    cmd_pseudonym_form, NULL, TRUE, FALSE },
  { "pseudonym list", "VAULT [RECORD]", "The pseudonym registry",
    "Lists the registry (of one case with RECORD). It never leaves the vault.",
    cmd_pseudonym_list, NULL, TRUE, FALSE },
  { "pack", "VAULT -o DIR [--zip|--to AGE1…] [--scope ID,…] [--dry-run]",
    "Write an anonymised pack for analysts",
    "Writes a folder for SPSS, NVivo and Excel: data/*.csv (with a byte-order mark) and\n"
    "data/*.sav with labels, codebook.json and .txt, the reviewed notes redacted, a\n"
    "disclosure report and a MANIFEST of SHA-256 sums. No direct identifier is written;\n"
    "quasi-identifiers are generalised or suppressed until every combination is shared by\n"
    "at least k records; every file is searched for the vault's identifiers before the\n"
    "folder appears. Unreviewed notes are left out. --scope builds it from some\n"
    "submissions, visits or sessions only, with the people coded in them. --zip writes\n"
    "the same as one .zip file holding that folder; --to encrypts that .zip to an\n"
    "analyst's age recipient (`age -d -i KEY FILE.zip.age > FILE.zip` opens it).\n"
    "--dry-run writes nothing and says what the pack would generalise and leave out.",
    cmd_pack, pack_entries, TRUE, FALSE },
  { "audit", "VAULT", "Verify the change log",
    "Verifies every device's hash chain and that the current values match the log, and\n"
    "names the first change that was edited, removed or reordered. Exit code 1 if any.",
    cmd_audit, NULL, TRUE, FALSE },
  { "redact", "< INPUT", "Find or replace identifiers (names, places, NHS, phone…)",
    "Finds structured UK identifiers: NHS, NI and pupil numbers, postcodes, phone numbers,\n"
    "e-mail addresses, URLs, social media handles, vehicle registrations, dates of birth,\n"
    "case references and street addresses; and names of people (PERSON), towns and local\n"
    "authorities (PLACE) and named schools, homes, hotels, takeaways, taxi firms, pubs and\n"
    "GP practices (INSTITUTION). With --detect-jsonl, each input line is a JSON object\n"
    "{\"id\", \"text\"} and each output line {\"id\", \"spans\"} gives byte offsets and\n"
    "types. With --text, the text is written back with each identifier replaced by a label\n"
    "such as [phone] or [name].",
    cmd_redact, redact_entries, FALSE, FALSE },
};

static void
print_main_help (void)
{
  g_print ("Usage: sightline-cli COMMAND [OPTION…] ARGS\n\n"
           "Sightline keeps an inquiry's evidence in an encrypted vault.\n\n"
           "Commands:\n");
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *usage = g_strdup_printf ("%s %s", commands[i].name, commands[i].args);

      /* A long usage gets the summary on a line of its own. */
      if (g_utf8_strlen (usage, -1) > 38)
        g_print ("  %s\n  %-38s %s\n", usage, "", commands[i].summary);
      else
        g_print ("  %s%*s %s\n", usage, (int) (38 - g_utf8_strlen (usage, -1)), "",
                 commands[i].summary);
    }
  g_print ("\nRun `sightline-cli COMMAND --help` for a command's options.\n\n"
           "Passphrases are read from the terminal with echo off, or, for scripts, from a\n"
           "file descriptor (--passphrase-fd N, --new-passphrase-fd N): never from the\n"
           "command line or the environment.\n\n"
           "Exit codes: 0 success, 1 failure (the message says what to do), 2 usage error.\n");
}

static const Command *
find_command (int     argc,
              char  **argv,
              int    *consumed)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      const char *name = commands[i].name;
      const char *space = strchr (name, ' ');

      if (space == NULL && g_str_equal (argv[1], name))
        {
          *consumed = 1;
          return &commands[i];
        }
      if (space != NULL && argc > 2 &&
          strncmp (argv[1], name, (gsize) (space - name)) == 0 &&
          argv[1][space - name] == '\0' && g_str_equal (argv[2], space + 1))
        {
          *consumed = 2;
          return &commands[i];
        }
    }
  return NULL;
}

static void
harden_process (void)
{
  struct rlimit none = { 0, 0 };

  /* A core dump of this process could hold a key or a passphrase. */
  setrlimit (RLIMIT_CORE, &none);
  prctl (PR_SET_DUMPABLE, 0, 0, 0, 0);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autofree char *parameter = NULL;
  g_autoptr(GError) error = NULL;
  const Command *cmd;
  int consumed = 0;
  int rest_argc;
  char **rest;
  int ret;

  setlocale (LC_ALL, "");
  /* The codebook's labels are shown in the language of the locale */
  sl_codebook_bind_textdomain (LOCALEDIR);
  harden_process ();
  if (sodium_init () < 0)
    {
      g_printerr ("sightline: the cryptography library could not start\n");
      return EXIT_FAIL;
    }

  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") ||
      g_str_equal (argv[1], "help"))
    {
      print_main_help ();
      return argc < 2 ? EXIT_USAGE : EXIT_OK;
    }
  if (g_str_equal (argv[1], "--version"))
    {
      g_print ("sightline-cli %s\n", PACKAGE_VERSION);
      return EXIT_OK;
    }

  if (!(cmd = find_command (argc, argv, &consumed)))
    {
      if (g_str_equal (argv[1], "slot") || g_str_equal (argv[1], "record") ||
          g_str_equal (argv[1], "codebook") || g_str_equal (argv[1], "returns") ||
          g_str_equal (argv[1], "peer") || g_str_equal (argv[1], "bundle") ||
          g_str_equal (argv[1], "conflicts") || g_str_equal (argv[1], "note") ||
          g_str_equal (argv[1], "pseudonym"))
        g_printerr ("sightline: `%s` needs a subcommand. Run `sightline-cli --help` for the "
                    "list\n", argv[1]);
      else
        g_printerr ("sightline: unknown command '%s'. Run `sightline-cli --help` for the "
                    "list\n", argv[1]);
      return EXIT_USAGE;
    }
  prog_command = cmd->name;

  parameter = g_strdup_printf ("sightline-cli %s", cmd->name);
  g_set_prgname (parameter);
  context = g_option_context_new (cmd->args);
  g_option_context_set_summary (context, cmd->description);
  g_option_context_set_description (context,
                                    "Exit codes: 0 success, 1 failure, 2 usage error.");
  if (cmd->unlocks)
    g_option_context_add_main_entries (context, unlock_entries, NULL);
  if (cmd->sets_passphrase)
    g_option_context_add_main_entries (context, new_entries, NULL);
  if (cmd->entries != NULL)
    g_option_context_add_main_entries (context, cmd->entries, NULL);

  /* Hand GOption "sightline-cli CMD args…" with the command words removed. */
  rest_argc = argc - consumed;
  rest = g_new0 (char *, rest_argc + 1);
  rest[0] = argv[0];
  for (int i = 1; i < rest_argc; i++)
    rest[i] = argv[i + consumed];

  if (!g_option_context_parse (context, &rest_argc, &rest, &error))
    {
      ret = usage_error ("%s", error->message);
      g_free (rest);
      return ret;
    }

  ret = cmd->func (&cli_options, rest_argc - 1, rest + 1);
  g_free (rest);
  g_free (cli_options.title);
  g_free (cli_options.codebook);
  g_free (cli_options.author);
  g_free (cli_options.parent);
  g_free (cli_options.format);
  g_free (cli_options.against);
  g_free (cli_options.chart);
  g_free (cli_options.secret_file);
  g_free (cli_options.output);
  g_free (cli_options.match);
  g_free (cli_options.provider);
  g_free (cli_options.name);
  g_free (cli_options.to);
  g_free (cli_options.field);
  g_strfreev (cli_options.keep);
  g_free (cli_options.kind);
  g_free (cli_options.role);
  g_strfreev (cli_options.scope);
  g_free (redact_vault);
  g_free (redact_case);
  return ret;
}
