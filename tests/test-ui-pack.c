/* test-ui-pack.c
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

/* Drives the Export Analyst Pack dialog under Xvfb: the preview of each
 * record type and of the notes, a pack written to a folder from it, the
 * choices that cannot be written (no record chosen, a key that is not an
 * analyst's), an encrypted pack refused with the core's words and nothing
 * left behind. Run with GSETTINGS_BACKEND=memory. */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "sl-notes.h"
#include "sl-pack-dialog.h"
#include "sl-record.h"
#include "sl-test-ui-utils.h"
#include "sl-test-utils.h"

typedef struct
{
  char         *tmpdir;
  SlVault      *vault;
  SlPackDialog *dialog;
  char         *written;
} Fixture;

static void
written_cb (SlPackDialog *dialog,
            const char   *message,
            Fixture      *f)
{
  g_free (f->written);
  f->written = g_strdup (message);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const char *s[] = { "reference=CFE-001", "organisation_name=Northfield Youth Project",
                      "region=north_west", NULL };
  const char *v[] = { "reference=SV-01", "region=north_west",
                      "notes=The panel met the youth workers; numbers rose last year.", NULL };
  static const char *genders[] = { "female", "male", "female", "unknown" };
  g_autofree char *sub = NULL;
  g_autofree char *visit = NULL;
  g_autoptr(GError) error = NULL;

  f->tmpdir = sl_test_make_tmpdir ();
  f->vault = sl_test_create_vault (f->tmpdir, "vault.sightline", SL_TEST_PASSPHRASE);
  sub = sl_test_add_record (f->vault, "submission", NULL, s);
  visit = sl_test_add_record (f->vault, "site_visit", NULL, v);
  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *label = g_strdup_printf ("label=Victim %u", i + 1);
      g_autofree char *age = g_strdup_printf ("age=%u", 12 + i % 5);
      g_autofree char *gender = g_strdup_printf ("gender=%s", genders[i % G_N_ELEMENTS (genders)]);
      const char *a[] = { label, age, gender, NULL };
      g_autofree char *id = sl_test_add_record (f->vault, "victim", i % 2 ? sub : visit, a);
    }
  g_assert_true (sl_vault_review_note (f->vault, visit, "notes", NULL, &error));
  g_assert_no_error (error);

  f->dialog = sl_pack_dialog_new (f->vault, NULL);
  g_signal_connect (f->dialog, "written", G_CALLBACK (written_cb), f);
  g_object_add_weak_pointer (G_OBJECT (f->dialog), (gpointer *) &f->dialog);
  gtk_window_present (GTK_WINDOW (f->dialog));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (f->dialog));
  spin (50);
  g_clear_object (&f->vault);
  sl_test_remove_tree (f->tmpdir);
  g_free (f->tmpdir);
  g_free (f->written);
}

/* Helpers */

static GtkWidget *
child (Fixture    *f,
       const char *name)
{
  return GTK_WIDGET (template_child (f->dialog, SL_TYPE_PACK_DIALOG, name));
}

static gboolean
export_sensitive (gpointer data)
{
  Fixture *f = data;

  return gtk_widget_get_sensitive (child (f, "export_button"));
}

static gboolean
export_insensitive (gpointer data)
{
  return !export_sensitive (data);
}

static gboolean
written_or_failed (gpointer data)
{
  Fixture *f = data;

  return f->written != NULL ||
         (f->dialog != NULL && !_sl_pack_dialog_get_busy (f->dialog));
}

static gboolean
dialog_gone (gpointer data)
{
  return ((Fixture *) data)->dialog == NULL;
}

static void
collect_titles (GtkWidget *widget,
                GString   *out)
{
  if (ADW_IS_PREFERENCES_ROW (widget))
    g_string_append_printf (out, "|%s|", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)));
  if (ADW_IS_ACTION_ROW (widget) && adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)))
    g_string_append_printf (out, "{%s}", adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)));
  if (ADW_IS_EXPANDER_ROW (widget) && adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (widget)))
    g_string_append_printf (out, "{%s}", adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (widget)));
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    collect_titles (c, out);
}

/* Tests */

static void
test_preview_and_write (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GString) preview = g_string_new (NULL);
  g_autofree char *folder = g_build_filename (f->tmpdir, "pack", NULL);
  g_autofree char *manifest = g_build_filename (folder, "MANIFEST", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (folder);

  wait_until (export_sensitive, f, "the preview");
  collect_titles (child (f, "preview_group"), preview);
  g_test_message ("preview: %s", preview->str);
  g_assert_nonnull (strstr (preview->str, "|Victims|"));
  g_assert_nonnull (strstr (preview->str, "{12 records"));
  g_assert_nonnull (strstr (preview->str, "|Notes|{1 written}"));
  /* The organisation's name is a direct identifier: left out, and said so. */
  g_assert_nonnull (strstr (preview->str, "{Left out: "));

  _sl_pack_dialog_write_to (f->dialog, file);
  g_assert_true (_sl_pack_dialog_get_busy (f->dialog));
  g_assert_false (gtk_widget_get_sensitive (child (f, "export_button")));
  wait_until (written_or_failed, f, "the pack to be written");
  g_assert_nonnull (f->written);
  g_assert_nonnull (strstr (f->written, "Pack written"));
  wait_until (dialog_gone, f, "the dialog to close once the pack is written");
  g_assert_true (g_file_test (manifest, G_FILE_TEST_IS_REGULAR));
}

static void
test_choices (Fixture       *f,
              gconstpointer  data)
{
  AdwExpanderRow *scope = ADW_EXPANDER_ROW (child (f, "scope_row"));
  GtkWidget *first_check = NULL;
  g_autofree char *target = g_build_filename (f->tmpdir, "pack.zip.age", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (target);
  GtkLabel *error_label;

  wait_until (export_sensitive, f, "the first preview");

  /* Some records, none chosen: nothing to write. Then one. */
  adw_expander_row_set_enable_expansion (scope, TRUE);
  wait_until (export_insensitive, f, "Export to be turned off");
  spin (400);
  g_assert_false (export_sensitive (f));
  for (GtkWidget *w = GTK_WIDGET (scope); w != NULL && first_check == NULL;)
    {
      /* depth-first, to the first check button */
      GtkWidget *next = gtk_widget_get_first_child (w);

      if (GTK_IS_CHECK_BUTTON (w))
        first_check = w;
      while (next == NULL && w != GTK_WIDGET (scope))
        {
          next = gtk_widget_get_next_sibling (w);
          if (next == NULL)
            w = gtk_widget_get_parent (w);
        }
      w = next;
    }
  g_assert_nonnull (first_check);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (first_check), TRUE);
  wait_until (export_sensitive, f, "a preview of the one record");

  /* Encrypted for an analyst: only with a key that looks like one; a key
   * that is not one is refused when writing, and nothing is written. */
  adw_expander_row_set_enable_expansion (scope, FALSE);
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (f, "format_row")), 2);
  g_assert_true (gtk_widget_get_visible (child (f, "recipient_row")));
  spin (400);
  g_assert_false (export_sensitive (f));
  gtk_editable_set_text (GTK_EDITABLE (child (f, "recipient_row")), "age1notakeyatall");
  wait_until (export_sensitive, f, "Export with a key");
  _sl_pack_dialog_write_to (f->dialog, file);
  wait_until (written_or_failed, f, "the pack to be refused");
  g_assert_null (f->written);
  error_label = GTK_LABEL (child (f, "error_label"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  g_assert_nonnull (strstr (gtk_label_get_text (error_label), "age1"));
  g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
  {
    g_autoptr(GDir) dir = g_dir_open (f->tmpdir, 0, NULL);
    const char *name;

    /* No temporary file left either: only the vault. */
    while ((name = g_dir_read_name (dir)) != NULL)
      g_assert_cmpstr (name, ==, "vault.sightline");
  }
}

int
main (int   argc,
      char *argv[])
{
  sl_test_ui_init (&argc, &argv);
  g_assert_true (g_main_context_acquire (NULL));

  g_test_add ("/sightline/ui/pack/preview-and-write", Fixture, NULL,
              fixture_set_up, test_preview_and_write, fixture_tear_down);
  g_test_add ("/sightline/ui/pack/choices", Fixture, NULL,
              fixture_set_up, test_choices, fixture_tear_down);
  return g_test_run ();
}
