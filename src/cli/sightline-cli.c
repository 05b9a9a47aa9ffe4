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
#include <locale.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <termios.h>
#include <unistd.h>

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
} Options;

typedef int (*CommandFunc) (Options *opts, int argc, char **argv);

typedef struct
{
  const char  *name;
  const char  *args;
  const char  *summary;
  const char  *description;
  CommandFunc  func;
  guint        unlocks : 1;
  guint        sets_passphrase : 1;
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

  vault = sl_vault_new (file);
  title = g_strdup (opts->title != NULL ? opts->title : sl_vault_get_name (vault));
  if (!sl_vault_create_sync (vault, title, passphrase, &params, NULL, &error))
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

static const Command commands[] = {
  { "create", "VAULT", "Create a new vault (a folder)",
    "Creates an encrypted vault at VAULT, a folder that must not exist yet, and asks for\n"
    "its first passphrase twice. The key is derived with Argon2id (256 MiB, 3 passes).",
    cmd_create, FALSE, TRUE },
  { "info", "VAULT", "Show slots, key derivation, schema and cipher (no secrets)",
    "Shows the vault's key slots and their key-derivation cost, the schema version and the\n"
    "SQLCipher version. Asks for the passphrase, to read the schema and title; --locked\n"
    "shows what can be read without it.",
    cmd_info, TRUE, FALSE },
  { "passwd", "VAULT", "Change a passphrase",
    "Changes the passphrase you unlock with (or the one in --slot N). Only that key slot is\n"
    "rewritten, atomically: after a crash the old or the new passphrase works. With\n"
    "--recovery, a forgotten passphrase is reset using the recovery key.",
    cmd_passwd, TRUE, TRUE },
  { "slot add", "VAULT", "Add another passphrase",
    "Adds a key slot with a second passphrase; either passphrase then opens the vault.",
    cmd_slot_add, TRUE, TRUE },
  { "slot remove", "VAULT N", "Remove key slot N (never the last passphrase)",
    "Removes key slot N, as `info` numbers them. The vault's only passphrase cannot be\n"
    "removed.",
    cmd_slot_remove, TRUE, FALSE },
  { "recovery-key", "VAULT", "Make a recovery key (shown once)",
    "Makes a new random 256-bit recovery key, shown once as 14 groups of 4 letters and\n"
    "digits, that opens the vault when every passphrase is forgotten. It replaces any\n"
    "earlier recovery key.",
    cmd_recovery_key, TRUE, FALSE },
  { "check", "VAULT", "Verify every page of the vault",
    "Decrypts every page (each page's HMAC is verified) and runs SQLite's integrity check.\n"
    "Exit code 1 if anything is damaged.",
    cmd_check, TRUE, FALSE },
};

static void
print_main_help (void)
{
  g_print ("Usage: sightline-cli COMMAND [OPTION…] ARGS\n\n"
           "Sightline keeps an inquiry's evidence in an encrypted vault.\n\n"
           "Commands:\n");
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_print ("  %-13s %-8s %s\n", commands[i].name, commands[i].args, commands[i].summary);
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
  Options opts = { -1, -1, FALSE, -1, 0, 0, NULL, FALSE, -1 };
  int consumed = 0;
  int rest_argc;
  char **rest;
  int ret;

  GOptionEntry unlock_entries[] = {
    { "passphrase-fd", 0, 0, G_OPTION_ARG_INT, &opts.passphrase_fd,
      "Read the passphrase from file descriptor N (one line)", "N" },
    { "recovery", 0, 0, G_OPTION_ARG_NONE, &opts.recovery,
      "Unlock with the recovery key instead of a passphrase (asked on the terminal)", NULL },
    { "recovery-key-fd", 0, 0, G_OPTION_ARG_INT, &opts.recovery_key_fd,
      "Read the recovery key from file descriptor N (one line)", "N" },
    { NULL }
  };
  GOptionEntry new_entries[] = {
    { "new-passphrase-fd", 0, 0, G_OPTION_ARG_INT, &opts.new_passphrase_fd,
      "Read the new passphrase from file descriptor N (one line)", "N" },
    { "kdf-memory", 0, 0, G_OPTION_ARG_INT, &opts.kdf_memory_mib,
      "Argon2id memory in MiB (default 256)", "MIB" },
    { "kdf-passes", 0, 0, G_OPTION_ARG_INT, &opts.kdf_passes,
      "Argon2id passes (default 3)", "N" },
    { NULL }
  };
  GOptionEntry create_entries[] = {
    { "title", 0, 0, G_OPTION_ARG_STRING, &opts.title,
      "The vault's title, shown in the window (default: the folder's name)", "TITLE" },
    { NULL }
  };
  GOptionEntry info_entries[] = {
    { "locked", 0, 0, G_OPTION_ARG_NONE, &opts.locked,
      "Do not ask for the passphrase; show only what can be read without it", NULL },
    { NULL }
  };
  GOptionEntry passwd_entries[] = {
    { "slot", 0, 0, G_OPTION_ARG_INT, &opts.slot,
      "Change the passphrase in slot N (default: the one you unlock with)", "N" },
    { NULL }
  };

  setlocale (LC_ALL, "");
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
      if (g_str_equal (argv[1], "slot"))
        g_printerr ("sightline: `slot` needs a subcommand: `slot add VAULT` or "
                    "`slot remove VAULT N`\n");
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
  if (cmd->func == cmd_create)
    g_option_context_add_main_entries (context, create_entries, NULL);
  if (cmd->func == cmd_info)
    g_option_context_add_main_entries (context, info_entries, NULL);
  if (cmd->func == cmd_passwd)
    g_option_context_add_main_entries (context, passwd_entries, NULL);

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

  ret = cmd->func (&opts, rest_argc - 1, rest + 1);
  g_free (rest);
  g_free (opts.title);
  return ret;
}
