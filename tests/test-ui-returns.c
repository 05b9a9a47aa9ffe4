/* test-ui-returns.c
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

/* Drives the Import Indicator Return dialog under Xvfb: a keyed return's
 * preview, the Import button's sensitivity, the import itself (Table 8
 * counts the child), and a raw return that is refused. Run with
 * GSETTINGS_BACKEND=memory and GTK_A11Y=none. */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "sl-return-import-dialog.h"
#include "sl-returns.h"
#include "sl-tables.h"
#include "sl-test-ui-utils.h"
#include "sl-test-utils.h"
#include "sl-vault-page.h"

static const char *raw_return =
  "name,dob,postcode,missing_education,in_care\n"
  "Jade Smith,14/05/2002,M1 2AB,yes,yes\n";

typedef struct
{
  char        *tmpdir;
  SlVault     *vault;
  GtkWindow   *window;
  SlVaultPage *page;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->tmpdir = sl_test_make_tmpdir ();
  f->vault = sl_test_create_vault (f->tmpdir, "Inquiry.sightline", SL_TEST_PASSPHRASE);
  g_assert_nonnull (f->vault);

  f->page = SL_VAULT_PAGE (sl_vault_page_new (f->vault));
  f->window = sl_test_show_in_window (GTK_WIDGET (f->page), 1000, 700);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  sl_test_close_vault_window (f->window, &f->vault, &f->tmpdir);
}

/* Helpers */

static char *
keyed_return (void)
{
  g_autoptr(SlSecret) secret = sl_returns_secret_new ();
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  guint n = 0;

  g_assert_true (sl_returns_key_csv (secret, SL_MATCH_PERSON, raw_return, strlen (raw_return),
                                     out, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  g_assert_null (strstr (out->str, "Jade"));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static SlReturnImportDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

      if (SL_IS_RETURN_IMPORT_DIALOG (w))
        return SL_RETURN_IMPORT_DIALOG (w);
    }
  return NULL;
}

static gboolean
dialog_closed (gpointer data)
{
  return find_dialog () == NULL;
}

static AdwActionRow *
column_row (SlReturnImportDialog *dialog,
            const char           *header)
{
  GPtrArray *rows = _sl_return_import_dialog_get_column_rows (dialog);

  for (guint i = 0; i < rows->len; i++)
    {
      AdwPreferencesRow *row = g_ptr_array_index (rows, i);

      if (g_strcmp0 (adw_preferences_row_get_title (row), header) == 0)
        return ADW_ACTION_ROW (row);
    }
  g_error ("No row for the column “%s”", header);
  return NULL;
}

static double
table8_first (SlVault *vault)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlTable) t8 = sl_tables_compute (vault, "table8", 0, &error);
  SlTableRow *row;

  g_assert_no_error (error);
  if (t8->rows->len == 0)
    return 0;
  row = g_ptr_array_index (t8->rows, 0);
  g_assert_cmpstr (row->label, ==, "1 or more");
  return g_array_index (row->cells, SlCell, 0).value;
}

static gboolean
is_sensitive (SlReturnImportDialog *dialog)
{
  return gtk_widget_get_sensitive (GTK_WIDGET (_sl_return_import_dialog_get_import_button (dialog)));
}

static gboolean
has_accessible_label (GtkWidget *widget)
{
  /* The template sets them; a button with a mnemonic label has one too. */
  return GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL;
}

/* Tests */

/* Through the primary menu: a keyed return previews, imports and closes. */
static void
test_import (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *keyed = keyed_return ();
  SlReturnImportDialog *dialog;
  AdwEntryRow *provider;
  GtkButton *import;

  g_assert_null (find_dialog ());
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "page.import-return", NULL));
  spin (50);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == f->window);
  import = _sl_return_import_dialog_get_import_button (dialog);
  provider = _sl_return_import_dialog_get_provider_row (dialog);
  g_assert_true (has_accessible_label (GTK_WIDGET (import)));
  g_assert_true (has_accessible_label (GTK_WIDGET (_sl_return_import_dialog_get_choose_button (dialog))));
  g_assert_false (is_sensitive (dialog));

  _sl_return_import_dialog_load_data (dialog, keyed, strlen (keyed));
  spin (20);
  g_assert_cmpuint (_sl_return_import_dialog_get_n_children (dialog), ==, 1);
  g_assert_cmpuint (_sl_return_import_dialog_get_column_rows (dialog)->len, ==, 3);
  g_assert_cmpstr (adw_action_row_get_subtitle (column_row (dialog, "child_key")), ==, "Child key");
  g_assert_nonnull (adw_action_row_get_subtitle (column_row (dialog, "missing_education")));
  g_assert_cmpstr (adw_action_row_get_subtitle (column_row (dialog, "missing_education")), !=, "missing_education");
  g_assert_null (strstr (adw_action_row_get_subtitle (column_row (dialog, "in_care")), "refused"));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (_sl_return_import_dialog_get_error_label (dialog))));

  /* Not without a provider. */
  g_assert_false (is_sensitive (dialog));
  gtk_editable_set_text (GTK_EDITABLE (provider), "   ");
  g_assert_false (is_sensitive (dialog));
  gtk_editable_set_text (GTK_EDITABLE (provider), "Police");
  g_assert_true (is_sensitive (dialog));

  g_assert_cmpfloat (table8_first (f->vault), ==, 0);
  g_signal_emit_by_name (import, "clicked");
  wait_until (dialog_closed, NULL, "the dialog to close after the import");
  g_assert_cmpfloat (table8_first (f->vault), ==, 1);
}

/* A raw return shows its identifying columns and cannot be imported. */
static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  SlReturnImportDialog *dialog;
  GtkLabel *error_label;
  const char *subtitle;

  dialog = SL_RETURN_IMPORT_DIALOG (sl_return_import_dialog_new (f->vault, f->window));
  gtk_window_present (GTK_WINDOW (dialog));
  spin (20);

  gtk_editable_set_text (GTK_EDITABLE (_sl_return_import_dialog_get_provider_row (dialog)), "Police");
  _sl_return_import_dialog_load_data (dialog, raw_return, strlen (raw_return));
  spin (20);
  g_assert_cmpuint (_sl_return_import_dialog_get_column_rows (dialog)->len, ==, 5);
  g_assert_cmpuint (_sl_return_import_dialog_get_n_children (dialog), ==, 1);
  subtitle = adw_action_row_get_subtitle (column_row (dialog, "name"));
  g_assert_true (g_str_has_prefix (subtitle, "Identifies a child"));
  g_assert_nonnull (strstr (subtitle, "sightline-cli returns key"));
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (column_row (dialog, "postcode")),
                                   "Identifies a child"));
  g_assert_null (strstr (adw_action_row_get_subtitle (column_row (dialog, "in_care")), "refused"));
  error_label = _sl_return_import_dialog_get_error_label (dialog);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  g_assert_false (is_sensitive (dialog));

  /* Clicked anyway: nothing is imported. */
  g_signal_emit_by_name (_sl_return_import_dialog_get_import_button (dialog), "clicked");
  spin (50);
  g_assert_true (find_dialog () == dialog);
  g_assert_cmpfloat (table8_first (f->vault), ==, 0);

  /* An unknown column is refused too. */
  {
    const char *odd = "child_key,shoe_size\nabc,9\n";

    _sl_return_import_dialog_load_data (dialog, odd, strlen (odd));
    g_assert_cmpstr (adw_action_row_get_subtitle (column_row (dialog, "shoe_size")), ==,
                     "Not an indicator — the file will be refused");
    g_assert_false (is_sensitive (dialog));
  }

  gtk_window_close (GTK_WINDOW (dialog));
  wait_until (dialog_closed, NULL, "the dialog to close");
}

/* A keyed-looking file the vault does not accept: the error shows in the
 * dialog, which stays open. */
static void
test_import_error (Fixture       *f,
                   gconstpointer  data)
{
  const char *unkeyed = "child_key,missing_education\nnot-a-key,yes\n";
  SlReturnImportDialog *dialog;
  GtkLabel *error_label;

  dialog = SL_RETURN_IMPORT_DIALOG (sl_return_import_dialog_new (f->vault, f->window));
  gtk_window_present (GTK_WINDOW (dialog));
  spin (20);
  _sl_return_import_dialog_load_data (dialog, unkeyed, strlen (unkeyed));
  gtk_editable_set_text (GTK_EDITABLE (_sl_return_import_dialog_get_provider_row (dialog)), "Schools");
  error_label = _sl_return_import_dialog_get_error_label (dialog);
  /* The preview cannot tell a key from a made-up one; the import can. */
  g_assert_true (is_sensitive (dialog));
  g_signal_emit_by_name (_sl_return_import_dialog_get_import_button (dialog), "clicked");
  while (!gtk_widget_get_visible (GTK_WIDGET (error_label)) && find_dialog () != NULL)
    spin (50);
  /* Ready for another try. */
  g_assert_true (is_sensitive (dialog));
  g_assert_true (find_dialog () == dialog);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  g_assert_cmpstr (gtk_label_get_text (error_label), !=, "");
  g_assert_cmpfloat (table8_first (f->vault), ==, 0);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int   argc,
      char *argv[])
{
  sl_test_ui_init (&argc, &argv);

  g_test_add ("/sightline/ui/returns/import", Fixture, NULL,
              fixture_set_up, test_import, fixture_tear_down);
  g_test_add ("/sightline/ui/returns/refused", Fixture, NULL,
              fixture_set_up, test_refused, fixture_tear_down);
  g_test_add ("/sightline/ui/returns/import-error", Fixture, NULL,
              fixture_set_up, test_import_error, fixture_tear_down);

  return g_test_run ();
}
