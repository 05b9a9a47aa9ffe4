/* test-ui-sync.c
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

/* Drives the Sync page under Xvfb: this device's fingerprint and the
 * sidebar's Sync row; trusting a device from its card file (after its
 * fingerprint is shown) and removing it; a bundle written on a laptop and
 * imported at the office through the preview; a replayed bundle refused
 * with the core's words; and a conflict listed, then settled with "Keep
 * This"; every control with a name for a screen reader. Run with
 * GSETTINGS_BACKEND=memory (GTK_A11Y is set to "test" here). With
 * SIGHTLINE_TEST_SCREENSHOT_DIR set, it saves a PNG of the page and of
 * the preview there. */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "sl-bundle.h"
#include "sl-change-log.h"
#include "sl-identity.h"
#include "sl-record.h"
#include "sl-sync-page.h"
#include "sl-test-ui-utils.h"
#include "sl-test-utils.h"
#include "sl-vault-page.h"

typedef struct
{
  char        *tmpdir;
  SlVault     *vault;      /* the laptop */
  GtkWindow   *window;
  SlVaultPage *page;

  /* The office, for the tests that exchange bundles */
  char        *office_dir;
  SlVault     *office;
  GtkWindow   *office_window;
  SlVaultPage *office_page;
} Fixture;

/* Helpers */

static char *
add (SlVault    *vault,
     const char *type,
     const char *assignments)
{
  g_auto(GStrv) a = g_strsplit (assignments, "|", -1);
  SlRecordType *rt = sl_codebook_lookup_type (sl_vault_get_codebook (vault), type, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) v = sl_values_from_assignments (rt, (const char * const *) a, &error);
  char *id;

  g_assert_no_error (error);
  id = sl_vault_add_record (vault, type, NULL, v, &error);
  g_assert_no_error (error);
  return id;
}

static void
edit (SlVault    *vault,
      const char *id,
      const char *assignment)
{
  const char *a[] = { assignment, NULL };
  SlRecordType *rt = sl_codebook_lookup_type (sl_vault_get_codebook (vault), "submission", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) v = sl_values_from_assignments (rt, a, &error);

  g_assert_no_error (error);
  g_assert_true (sl_vault_edit_record (vault, id, v, &error));
  g_assert_no_error (error);
}

/* A card named @name, in a file. */
static GFile *
card_file (SlVault    *vault,
           const char *name,
           const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *card = sl_vault_dup_identity_card (vault, name, &error);
  g_autofree char *file = g_strconcat (name, "-card.txt", NULL);
  g_autofree char *path = g_build_filename (dir, file, NULL);

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, card, -1, &error));
  return g_file_new_for_path (path);
}

static void
trust (SlVault    *vault,
       SlVault    *other,
       const char *other_name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *card = sl_vault_dup_identity_card (other, other_name, &error);
  g_autoptr(SlPeer) peer = NULL;

  g_assert_no_error (error);
  peer = sl_vault_add_peer (vault, card, &error);
  g_assert_no_error (error);
}

static char *
peer_id (SlVault *vault,
         SlVault *other)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *card = sl_vault_dup_identity_card (other, NULL, &error);
  g_autoptr(SlPeer) peer = sl_identity_parse_card (card, &error);

  g_assert_no_error (error);
  return g_strdup (peer->id);
}

static SlSyncPage *
show_sync (SlVaultPage *page)
{
  GtkWidget *w;

  sl_vault_page_show_sync (page);
  spin (50);
  w = sl_vault_page_get_visible_page (page);
  g_assert_true (SL_IS_SYNC_PAGE (w));
  return SL_SYNC_PAGE (w);
}

static gboolean
page_idle (gpointer data)
{
  return !sl_sync_page_get_busy (data);
}

static gboolean
dialog_shown (gpointer data)
{
  AdwMessageDialog *dialog = _sl_sync_page_get_dialog (data);

  return dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (dialog));
}

static gboolean
no_dialog (gpointer data)
{
  return _sl_sync_page_get_dialog (data) == NULL;
}

/* Answers the dialog shown as a click on its button would. */
static void
respond (SlSyncPage *page,
         const char *response)
{
  AdwMessageDialog *dialog = _sl_sync_page_get_dialog (page);

  g_assert_nonnull (dialog);
  g_assert_true (adw_message_dialog_has_response (dialog, response));
  adw_message_dialog_response (dialog, response);
  if (_sl_sync_page_get_dialog (page) != NULL)
    gtk_window_close (GTK_WINDOW (dialog));
  wait_until (no_dialog, page, "the dialog to close");
}

static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *hit = find_named (child, name);

      if (hit != NULL)
        return hit;
    }
  return NULL;
}

static void
find_all_named (GtkWidget  *root,
                const char *name,
                GPtrArray  *found)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    g_ptr_array_add (found, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    find_all_named (child, name, found);
}

/* The text of the preview's line named @name. */
static const char *
preview_value (SlSyncPage *page,
               const char *name)
{
  GtkWidget *w = find_named (GTK_WIDGET (_sl_sync_page_get_dialog (page)), name);

  if (w == NULL)
    g_error ("No line “%s” in the preview", name);
  g_assert_true (GTK_IS_LABEL (w));
  return gtk_label_get_text (GTK_LABEL (w));
}

static const char *
dialog_body (SlSyncPage *page)
{
  return adw_message_dialog_get_body (_sl_sync_page_get_dialog (page));
}

/* Every button, toggle and entry in @root has a name a screen reader can
 * read: its own label, or an accessible label. */
static void
assert_named (GtkWidget *root)
{
  /* GTK's own window buttons are not ours to name. */
  if (!gtk_widget_get_visible (root) || GTK_IS_WINDOW_CONTROLS (root))
    return;
  if (GTK_IS_BUTTON (root) || GTK_IS_EDITABLE (root) || GTK_IS_SWITCH (root) ||
      GTK_IS_MENU_BUTTON (root))
    {
      gboolean named = gtk_test_accessible_has_property (GTK_ACCESSIBLE (root),
                                                         GTK_ACCESSIBLE_PROPERTY_LABEL) ||
                       gtk_test_accessible_has_relation (GTK_ACCESSIBLE (root),
                                                         GTK_ACCESSIBLE_RELATION_LABELLED_BY) ||
                       (GTK_IS_BUTTON (root) && gtk_button_get_label (GTK_BUTTON (root)) != NULL);

      if (!named)
        {
          g_autoptr(GString) path = g_string_new (NULL);

          for (GtkWidget *w = root; w != NULL; w = gtk_widget_get_parent (w))
            g_string_prepend (path, G_OBJECT_TYPE_NAME (w)), g_string_prepend (path, "/");
          g_error ("A %s (%s, “%s”) has no accessible name: %s", G_OBJECT_TYPE_NAME (root),
                   gtk_widget_get_name (root), gtk_widget_get_tooltip_text (root), path->str);
        }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    assert_named (child);
}

static guint
n_bundles (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, ".slbundle"))
      n++;
  return n;
}

/* Writes a bundle from @from (the laptop or the office) to @to, with the
 * page; every change it has with @everything. */
static GFile *
export_bundle (SlVault    *from,
               SlSyncPage *laptop,
               SlVault    *to,
               const char *folder_path,
               gboolean    everything)
{
  g_autoptr(GFile) folder = g_file_new_for_path (folder_path);
  g_autofree char *to_id = peer_id (from, to);
  guint before = n_bundles (folder_path);
  GFile *bundle;

  if (everything)
    sl_sync_page_export_everything_to_folder (laptop, to_id, folder);
  else
    sl_sync_page_export_to_folder (laptop, to_id, folder);
  g_assert_true (sl_sync_page_get_busy (laptop));
  wait_until (page_idle, laptop, "the bundle to be written");
  g_assert_null (_sl_sync_page_get_dialog (laptop));
  g_assert_cmpuint (n_bundles (folder_path), ==, before + 1);
  bundle = _sl_sync_page_get_last_export (laptop);
  g_assert_nonnull (bundle);
  g_assert_true (g_file_query_exists (bundle, NULL));
  return g_object_ref (bundle);
}

static GFile *
export_to_office (Fixture    *f,
                  SlSyncPage *laptop,
                  const char *folder_path)
{
  return export_bundle (f->vault, laptop, f->office, folder_path, FALSE);
}

/* Checks @bundle at the office and waits for the preview. */
static void
preview (SlSyncPage *office,
         GFile      *bundle)
{
  sl_sync_page_import_file (office, bundle);
  g_assert_true (sl_sync_page_get_busy (office));
  wait_until (page_idle, office, "the bundle to be checked");
  wait_until (dialog_shown, office, "the preview");
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->tmpdir = sl_test_make_tmpdir ();
  f->vault = sl_test_create_vault (f->tmpdir, "laptop.sightline", SL_TEST_PASSPHRASE);
  g_assert_nonnull (f->vault);
  sl_vault_set_author (f->vault, "Laptop user");

  f->page = SL_VAULT_PAGE (sl_vault_page_new (f->vault));
  f->window = sl_test_show_in_window (GTK_WIDGET (f->page), 1000, 760);
}

/* The laptop and the office, each trusting the other. */
static void
two_fixture_set_up (Fixture       *f,
                    gconstpointer  data)
{
  fixture_set_up (f, data);

  f->office_dir = sl_test_make_tmpdir ();
  f->office = sl_test_create_vault (f->office_dir, "office.sightline", SL_TEST_PASSPHRASE);
  g_assert_nonnull (f->office);
  sl_vault_set_author (f->office, "Office user");
  trust (f->vault, f->office, "Office");
  trust (f->office, f->vault, "Laptop");

  f->office_page = SL_VAULT_PAGE (sl_vault_page_new (f->office));
  f->office_window = sl_test_show_in_window (GTK_WIDGET (f->office_page), 1000, 760);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->office_window != NULL)
    sl_test_close_vault_window (f->office_window, &f->office, &f->office_dir);
  sl_test_close_vault_window (f->window, &f->vault, &f->tmpdir);
}

/* Tests */

/* The sidebar's Sync row shows the page: this device's fingerprint, no
 * trusted device, no conflict. */
static void
test_fingerprint (Fixture       *f,
                  gconstpointer  data)
{
  GtkListBox *type_list = GTK_LIST_BOX (template_child (f->page, SL_TYPE_VAULT_PAGE, "type_list"));
  GtkListBox *sync_list = GTK_LIST_BOX (template_child (f->page, SL_TYPE_VAULT_PAGE, "sync_list"));
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (sync_list, 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *fingerprint = sl_vault_dup_fingerprint (f->vault, &error);
  GPtrArray *rows;
  SlSyncPage *page;

  g_assert_no_error (error);
  g_assert_nonnull (row);
  g_assert_false (SL_IS_SYNC_PAGE (sl_vault_page_get_visible_page (f->page)));
  g_signal_emit_by_name (sync_list, "row-activated", row);
  spin (50);
  g_assert_true (SL_IS_SYNC_PAGE (sl_vault_page_get_visible_page (f->page)));
  page = SL_SYNC_PAGE (sl_vault_page_get_visible_page (f->page));
  g_assert_null (gtk_list_box_get_selected_row (type_list));

  /* Large, to read aloud: five groups of five digits. */
  g_assert_cmpstr (gtk_label_get_text (_sl_sync_page_get_fingerprint_label (page)), ==, fingerprint);
  g_assert_cmpuint (strlen (fingerprint), ==, 29);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (_sl_sync_page_get_fingerprint_label (page)),
                                           "monospace"));

  rows = _sl_sync_page_get_peer_rows (page);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (gtk_widget_get_name (g_ptr_array_index (rows, 0)), ==, "no-peers");
  rows = _sl_sync_page_get_conflict_rows (page);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (gtk_widget_get_name (g_ptr_array_index (rows, 0)), ==, "no-conflicts");
  assert_named (GTK_WIDGET (page));

  sl_test_save_screenshot (GTK_WIDGET (f->window), "sync-page");

  /* The arrow keys go from Tables to Sync and back. */
  {
    GtkListBoxRow *tables = gtk_list_box_get_row_at_index (
      type_list, (int) sl_codebook_get_record_types (sl_vault_get_codebook (f->vault))->len);

    g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (tables)));
    g_signal_emit_by_name (type_list, "move-cursor", GTK_MOVEMENT_DISPLAY_LINES, 1, FALSE, FALSE);
    g_assert_true (gtk_root_get_focus (GTK_ROOT (f->window)) == GTK_WIDGET (row));
    g_signal_emit_by_name (sync_list, "move-cursor", GTK_MOVEMENT_DISPLAY_LINES, -1, FALSE, FALSE);
    g_assert_true (gtk_root_get_focus (GTK_ROOT (f->window)) == GTK_WIDGET (tables));
  }

  /* Back to a record type and to Sync again: the same page, kept. */
  sl_vault_page_show_record_type (f->page, "submission");
  spin (50);
  g_assert_null (gtk_list_box_get_selected_row (sync_list));
  g_assert_true (show_sync (f->page) == page);
  g_assert_true (gtk_list_box_get_selected_row (sync_list) == row);
}

/* A card file shows its fingerprint; trusted, it is listed; removed after
 * a confirmation, it is gone. One's own card is refused. */
static void
test_add_peer (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *office_dir = sl_test_make_tmpdir ();
  g_autoptr(SlVault) office = sl_test_create_vault (office_dir, "office.sightline", SL_TEST_PASSPHRASE);
  g_autoptr(GFile) office_card = card_file (office, "Office", f->tmpdir);
  g_autoptr(GFile) own_card = card_file (f->vault, "Laptop", f->tmpdir);
  g_autoptr(GError) error = NULL;
  g_autofree char *office_print = sl_vault_dup_fingerprint (office, &error);
  g_autofree char *office_id = peer_id (f->vault, office);
  g_autoptr(GPtrArray) peers = NULL;
  SlSyncPage *page = show_sync (f->page);
  AdwPreferencesRow *row;
  GtkWidget *label;

  sl_sync_page_add_card_file (page, office_card);
  wait_until (dialog_shown, page, "the card's fingerprint");
  g_assert_cmpstr (adw_message_dialog_get_heading (_sl_sync_page_get_dialog (page)), ==,
                   "Trust “Office”?");
  label = find_named (GTK_WIDGET (_sl_sync_page_get_dialog (page)), "fingerprint");
  g_assert_nonnull (label);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, office_print);
  sl_test_save_screenshot (GTK_WIDGET (_sl_sync_page_get_dialog (page)), "sync-trust");

  /* Nothing is trusted before the answer, nor on Cancel. */
  peers = sl_vault_list_peers (f->vault, &error);
  g_assert_cmpuint (peers->len, ==, 0);
  g_clear_pointer (&peers, g_ptr_array_unref);
  respond (page, "cancel");
  peers = sl_vault_list_peers (f->vault, &error);
  g_assert_cmpuint (peers->len, ==, 0);
  g_clear_pointer (&peers, g_ptr_array_unref);

  sl_sync_page_add_card_file (page, office_card);
  wait_until (dialog_shown, page, "the card's fingerprint");
  respond (page, "trust");
  peers = sl_vault_list_peers (f->vault, &error);
  g_assert_cmpuint (peers->len, ==, 1);
  g_clear_pointer (&peers, g_ptr_array_unref);

  g_assert_cmpuint (_sl_sync_page_get_peer_rows (page)->len, ==, 1);
  row = g_ptr_array_index (_sl_sync_page_get_peer_rows (page), 0);
  g_assert_cmpstr (adw_preferences_row_get_title (row), ==, "Office");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), office_print));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), office_id));
  g_assert_nonnull (find_named (GTK_WIDGET (page), "export"));
  assert_named (GTK_WIDGET (page));

  /* Again: trusted already. */
  sl_sync_page_add_card_file (page, office_card);
  wait_until (dialog_shown, page, "the refusal");
  g_assert_cmpstr (adw_message_dialog_get_heading (_sl_sync_page_get_dialog (page)), ==,
                   "This Card Cannot Be Added");
  respond (page, "close");

  /* One's own card. */
  sl_sync_page_add_card_file (page, own_card);
  wait_until (dialog_shown, page, "the refusal");
  g_assert_nonnull (strstr (dialog_body (page), "own card"));
  respond (page, "close");

  /* Not a card at all: the core's words. */
  {
    g_autofree char *path = g_build_filename (f->tmpdir, "notes.txt", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);

    g_assert_true (g_file_set_contents (path, "hello", -1, &error));
    sl_sync_page_add_card_file (page, file);
    wait_until (dialog_shown, page, "the refusal");
    g_assert_nonnull (strstr (dialog_body (page), "not a Sightline device card"));
    respond (page, "close");
  }

  /* Removed only after the confirmation. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "sync.remove-device", "s", office_id));
  wait_until (dialog_shown, page, "the confirmation");
  g_assert_cmpstr (adw_message_dialog_get_heading (_sl_sync_page_get_dialog (page)), ==,
                   "Remove “Office”?");
  respond (page, "cancel");
  peers = sl_vault_list_peers (f->vault, &error);
  g_assert_cmpuint (peers->len, ==, 1);
  g_clear_pointer (&peers, g_ptr_array_unref);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "sync.remove-device", "s", office_id));
  wait_until (dialog_shown, page, "the confirmation");
  respond (page, "remove");
  peers = sl_vault_list_peers (f->vault, &error);
  g_assert_cmpuint (peers->len, ==, 0);
  g_assert_cmpstr (gtk_widget_get_name (g_ptr_array_index (_sl_sync_page_get_peer_rows (page), 0)), ==,
                   "no-peers");

  sl_vault_lock (office);
  sl_test_remove_tree (office_dir);
}

/* A submission made on the laptop reaches the office: the bundle is
 * written, previewed with its counts, imported; imported again, refused. */
static void
test_exchange (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *id = add (f->vault, "submission", "reference=CFE-001|victims_count=12");
  g_autofree char *outbox = g_build_filename (f->tmpdir, "outbox", NULL);
  g_autoptr(GFile) bundle = NULL;
  g_autoptr(SlRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *expected = NULL;
  SlSyncPage *laptop = show_sync (f->page);
  SlSyncPage *office = show_sync (f->office_page);
  g_autoptr(GPtrArray) history = sl_vault_dup_history (f->vault, id, &error);

  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir_with_parents (outbox, 0700), ==, 0);

  /* Named for the vault, the device and the minute. */
  bundle = export_to_office (f, laptop, outbox);
  basename = g_file_get_basename (bundle);
  g_assert_true (g_str_has_prefix (basename, "laptop-to-Office-"));
  g_assert_true (g_str_has_suffix (basename, ".slbundle"));
  g_assert_cmpuint (strlen (basename), ==, strlen ("laptop-to-Office-YYYYMMDD-HHMM.slbundle"));

  g_assert_null (sl_vault_load_record (f->office, id, NULL));
  preview (office, bundle);
  g_assert_cmpstr (adw_message_dialog_get_heading (_sl_sync_page_get_dialog (office)), ==,
                   "Import Changes From “Laptop”?");
  expected = g_strdup_printf ("%u", history->len);
  g_assert_cmpstr (preview_value (office, "new-changes"), ==, expected);
  g_assert_cmpstr (preview_value (office, "known-changes"), ==, "0");
  g_assert_cmpstr (preview_value (office, "new-records"), ==, "1");
  g_assert_cmpstr (preview_value (office, "type-submission"), ==, "1");
  g_assert_cmpstr (preview_value (office, "deletions"), ==, "0");
  g_assert_cmpstr (preview_value (office, "conflicts"), ==, "0");
  g_assert_null (find_named (GTK_WIDGET (_sl_sync_page_get_dialog (office)), "codebook"));
  sl_test_save_screenshot (GTK_WIDGET (_sl_sync_page_get_dialog (office)), "sync-preview");

  /* The dry run changed nothing; Cancel neither. */
  respond (office, "cancel");
  g_assert_false (sl_sync_page_get_busy (office));
  g_assert_null (sl_vault_load_record (f->office, id, NULL));

  preview (office, bundle);
  respond (office, "import");
  g_assert_true (sl_sync_page_get_busy (office));
  wait_until (page_idle, office, "the import");
  g_assert_null (_sl_sync_page_get_dialog (office));
  record = sl_vault_load_record (f->office, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sl_record_get_title (record), ==, "CFE-001");
  spin (50);
  g_assert_cmpstr (sl_vault_page_get_count_label (f->office_page, "submission"), ==, "1");

  /* The same bundle again: refused, in the core's words. */
  sl_sync_page_import_file (office, bundle);
  wait_until (page_idle, office, "the bundle to be checked");
  wait_until (dialog_shown, office, "the refusal");
  g_assert_cmpstr (adw_message_dialog_get_heading (_sl_sync_page_get_dialog (office)), ==,
                   "The Bundle Was Refused");
  g_assert_nonnull (strstr (dialog_body (office), "imported already"));
  respond (office, "close");

  /* Cancel while it is checked: no preview, no refusal, no progress. */
  sl_sync_page_import_file (office, bundle);
  g_assert_true (sl_sync_page_get_busy (office));
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (_sl_sync_page_get_cancel_button (office))));
  g_signal_emit_by_name (_sl_sync_page_get_cancel_button (office), "clicked");
  wait_until (page_idle, office, "the check to stop");
  spin (50);
  g_assert_null (_sl_sync_page_get_dialog (office));
  g_assert_false (gtk_widget_is_visible (GTK_WIDGET (_sl_sync_page_get_cancel_button (office))));
}

/* The same field changed on both sides: listed at the office after the
 * import, with both values; "Keep This" settles it. */
static void
test_conflict (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *id = add (f->vault, "submission", "reference=CFE-002|victims_count=12");
  g_autoptr(GFile) first = NULL;
  g_autoptr(GFile) second = NULL;
  g_autoptr(GPtrArray) keep = g_ptr_array_new ();
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(SlRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *value;
  SlSyncPage *laptop = show_sync (f->page);
  SlSyncPage *office = show_sync (f->office_page);
  GPtrArray *rows;
  AdwExpanderRow *row;
  GtkWidget *chosen = NULL;

  /* The office has the record. */
  first = export_to_office (f, laptop, f->tmpdir);
  preview (office, first);
  respond (office, "import");
  wait_until (page_idle, office, "the import");

  /* Both change the number of victims, neither knowing. */
  edit (f->vault, id, "victims_count=10");
  edit (f->office, id, "victims_count=14");

  second = export_to_office (f, laptop, f->tmpdir);
  preview (office, second);
  g_assert_cmpstr (preview_value (office, "conflicts"), ==, "1");
  g_assert_cmpstr (preview_value (office, "new-records"), ==, "0");
  respond (office, "import");
  wait_until (page_idle, office, "the import");
  spin (100);
  /* The vault page keeps its Sync page: shown again, it is the same one.
   * (Under a shared X server another test's key presses may have gone to
   * this window's sidebar meanwhile.) */
  g_assert_true (show_sync (f->office_page) == office);
  sl_test_save_screenshot (GTK_WIDGET (f->office_window), "sync-conflict");

  conflicts = sl_vault_list_conflicts (f->office, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 1);

  rows = _sl_sync_page_get_conflict_rows (office);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_true (ADW_IS_EXPANDER_ROW (g_ptr_array_index (rows, 0)));
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "CFE-002");
  g_assert_cmpstr (adw_expander_row_get_subtitle (row), ==,
                   ((SlConflict *) g_ptr_array_index (conflicts, 0))->label);
  g_assert_true (adw_expander_row_get_expanded (row));

  /* Each value with who made it, and a button to keep it. */
  find_all_named (GTK_WIDGET (row), "keep", keep);
  g_assert_cmpuint (keep->len, ==, 2);
  for (guint i = 0; i < keep->len; i++)
    {
      GtkWidget *value_row = gtk_widget_get_ancestor (g_ptr_array_index (keep, i), ADW_TYPE_ACTION_ROW);
      const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (value_row));
      const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (value_row));

      g_assert_true (g_str_equal (title, "10") || g_str_equal (title, "14"));
      if (g_str_equal (title, "10"))
        {
          /* Made on the laptop, named as the office trusts it. */
          g_assert_nonnull (strstr (subtitle, "Laptop user"));
          g_assert_true (g_str_has_suffix (subtitle, " · Laptop"));
          chosen = g_ptr_array_index (keep, i);
        }
      else
        {
          g_assert_nonnull (strstr (subtitle, "Office user"));
          g_assert_nonnull (strstr (subtitle, "this device"));
        }
    }
  g_assert_nonnull (chosen);
  assert_named (GTK_WIDGET (office));

  /* Keep the laptop's. */
  g_assert_true (gtk_widget_is_sensitive (chosen));
  g_signal_emit_by_name (chosen, "clicked");
  spin (50);
  g_assert_null (_sl_sync_page_get_dialog (office));
  rows = _sl_sync_page_get_conflict_rows (office);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (gtk_widget_get_name (g_ptr_array_index (rows, 0)), ==, "no-conflicts");
  g_assert_cmpuint (sl_vault_count_conflicts (f->office), ==, 0);

  record = sl_vault_load_record (f->office, id, &error);
  g_assert_no_error (error);
  value = sl_record_get_value (record, "victims_count");
  g_assert_nonnull (value);
  g_assert_cmpint (json_node_get_int (value), ==, 10);
}

/* Once the office has told the laptop what it holds, a bundle carries
 * only what is new; "Export Every Change" carries all of it again, for an
 * office that lost its vault or refused a bundle. */
static void
test_export_everything (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *id = add (f->vault, "submission", "reference=CFE-002|victims_count=3");
  g_autofree char *expected = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GFile) first = NULL;
  g_autoptr(GFile) back = NULL;
  g_autoptr(GFile) nothing_new = NULL;
  g_autoptr(GFile) everything = NULL;
  g_autoptr(GError) error = NULL;
  SlSyncPage *laptop = show_sync (f->page);
  SlSyncPage *office = show_sync (f->office_page);

  history = sl_vault_dup_history (f->vault, id, &error);
  g_assert_no_error (error);
  expected = g_strdup_printf ("%u", history->len);

  /* The menu names its button for the screen reader. */
  assert_named (GTK_WIDGET (laptop));

  first = export_to_office (f, laptop, f->tmpdir);
  preview (office, first);
  respond (office, "import");
  wait_until (page_idle, office, "the import");
  back = export_bundle (f->office, office, f->vault, f->office_dir, FALSE);
  preview (laptop, back);
  respond (laptop, "import");
  wait_until (page_idle, laptop, "the import back");

  nothing_new = export_to_office (f, laptop, f->tmpdir);
  preview (office, nothing_new);
  g_assert_cmpstr (preview_value (office, "new-changes"), ==, "0");
  g_assert_cmpstr (preview_value (office, "known-changes"), ==, "0");
  respond (office, "cancel");

  everything = export_bundle (f->vault, laptop, f->office, f->tmpdir, TRUE);
  preview (office, everything);
  g_assert_cmpstr (preview_value (office, "new-changes"), ==, "0");
  g_assert_cmpstr (preview_value (office, "known-changes"), ==, expected);
  respond (office, "cancel");
}

int
main (int   argc,
      char *argv[])
{
  /* The accessible names are checked: GTK's test backend records them
   * (with GTK_A11Y=none, as the suite sets, there is nothing to check),
   * and needs no accessibility bus. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  sl_test_ui_init (&argc, &argv);

  /* The main thread owns the main context throughout, as in the app
   * (g_application_run() acquires it): otherwise a worker thread could
   * acquire it between two iterations and run main-context work itself. */
  g_assert_true (g_main_context_acquire (NULL));

  g_test_add ("/sightline/ui/sync/fingerprint", Fixture, NULL,
              fixture_set_up, test_fingerprint, fixture_tear_down);
  g_test_add ("/sightline/ui/sync/add-peer", Fixture, NULL,
              fixture_set_up, test_add_peer, fixture_tear_down);
  g_test_add ("/sightline/ui/sync/exchange", Fixture, NULL,
              two_fixture_set_up, test_exchange, fixture_tear_down);
  g_test_add ("/sightline/ui/sync/export-everything", Fixture, NULL,
              two_fixture_set_up, test_export_everything, fixture_tear_down);
  g_test_add ("/sightline/ui/sync/conflict", Fixture, NULL,
              two_fixture_set_up, test_conflict, fixture_tear_down);

  return g_test_run ();
}
