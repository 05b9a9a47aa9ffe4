/* sl-bundle.c -- work in progress skeleton */
#include "config.h"
#include "sl-bundle.h"

G_DEFINE_QUARK (sl-bundle-error-quark, sl_bundle_error)

void sl_bundle_summary_free (SlBundleSummary *s) { g_free (s); }
void sl_conflict_free (SlConflict *c) { g_free (c); }
SlBundleSummary *sl_vault_export_bundle (SlVault *self, const char *peer_id, GFile *file, SlProgressFunc progress, gpointer progress_data, GCancellable *cancellable, GError **error)
{ g_set_error (error, SL_BUNDLE_ERROR, SL_BUNDLE_ERROR_MALFORMED, "not yet"); return NULL; }
SlBundleSummary *sl_vault_import_bundle (SlVault *self, GFile *file, gboolean dry_run, SlProgressFunc progress, gpointer progress_data, GCancellable *cancellable, GError **error)
{ g_set_error (error, SL_BUNDLE_ERROR, SL_BUNDLE_ERROR_MALFORMED, "not yet"); return NULL; }
GBytes *sl_vault_decrypt_bundle (SlVault *self, GFile *file, GError **error)
{ g_set_error (error, SL_BUNDLE_ERROR, SL_BUNDLE_ERROR_MALFORMED, "not yet"); return NULL; }
SlSecret *sl_vault_dup_age_identity (SlVault *self, GError **error)
{ g_set_error (error, SL_BUNDLE_ERROR, SL_BUNDLE_ERROR_MALFORMED, "not yet"); return NULL; }
GPtrArray *sl_vault_list_conflicts (SlVault *self, GError **error) { return g_ptr_array_new (); }
guint sl_vault_count_conflicts (SlVault *self) { return 0; }
gboolean sl_vault_resolve_conflict (SlVault *self, const char *record, const char *field, const char *clock, GError **error)
{ g_set_error (error, SL_BUNDLE_ERROR, SL_BUNDLE_ERROR_CONFLICT, "not yet"); return FALSE; }
