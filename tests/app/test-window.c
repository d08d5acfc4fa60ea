/* test-window.c: the real window, driven through its actions and the model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <unistd.h>

#include "app-test-util.h"
#include "cordon-check-panel-private.h"
#include "cordon-mode-selector.h"
#include "cordon-rule-group.h"
#include "cordon-rule-list-private.h"
#include "cordon-rule-row.h"
#include "cordon-run-panel-private.h"
#include "cordon-window-private.h"

static CordonApplication *app;

static guint
n_rules (CordonWindow *window)
{
  return g_list_model_get_n_items (G_LIST_MODEL (app_test_window_caps (window)));
}

static CordonFsCapability *
rule_at (CordonWindow *window,
         guint         position)
{
  /* The set keeps its own reference; the tests only look. */
  g_autoptr(CordonFsCapability) rule = g_list_model_get_item (G_LIST_MODEL (app_test_window_caps (window)),
                                                              position);
  return rule;
}

static gboolean
has_rows (gpointer data)
{
  g_autoptr(GPtrArray) rows = app_test_find_widgets (data, CORDON_TYPE_RULE_ROW);

  return rows->len > 0;
}

static CordonRuleRow *
find_row (CordonWindow *window,
          const char   *resolved)
{
  g_autoptr(GPtrArray) rows = NULL;
  CordonCapabilitySet *caps = cordon_document_get_caps (cordon_window_get_document (window));

  /* A preset's rules sit in a collapsed group: show the rule first, as
   * the list does when one is added or asked for. */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (caps)); i++)
    {
      g_autoptr(CordonFsCapability) rule = g_list_model_get_item (G_LIST_MODEL (caps), i);

      if (g_str_equal (cordon_fs_capability_get_resolved (rule), resolved))
        cordon_rule_list_reveal (cordon_window_get_rule_list (window), rule);
    }
  app_test_spin ();
  g_assert_true (app_test_wait (has_rows, window));
  rows = app_test_find_widgets (GTK_WIDGET (window), CORDON_TYPE_RULE_ROW);
  for (guint i = 0; i < rows->len; i++)
    {
      CordonFsCapability *rule = cordon_rule_row_get_capability (rows->pdata[i]);

      if (rule != NULL && g_str_equal (cordon_fs_capability_get_resolved (rule), resolved))
        return rows->pdata[i];
    }
  return NULL;
}

/* Opening reads the file asynchronously: wait until a window shows it. */
static void
open_and_wait (CordonWindow *window,
               GFile        *file)
{
  cordon_window_open_file (window, file);
  g_assert_true (app_test_wait (app_test_file_is_open, file));
  app_test_spin ();
}

static char *
fixture_path (void)
{
  return g_test_build_filename (G_TEST_DIST, "app", "profile-fixture.json", NULL);
}

/* A copy of the fixture that a test may overwrite. */
static char *
copy_fixture (const char *dir,
              const char *name)
{
  g_autofree char *fixture = fixture_path ();
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (fixture, &contents, NULL, &error);
  g_assert_no_error (error);
  return app_test_write_file (dir, name, contents);
}

/* Destroys a window whose unsaved changes the test does not care about. */
static void
discard_and_destroy (CordonWindow *window)
{
  cordon_document_set_modified (cordon_window_get_document (window), FALSE);
  app_test_destroy_window (GTK_WINDOW (window));
}

static gboolean
dialog_exists (gpointer data)
{
  return app_test_find_dialog (data) != NULL;
}

static void
close_dialog (AdwMessageDialog *dialog,
              const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  app_test_spin ();
}

/* Tests ------------------------------------------------------------------ */

static void
test_new_profile (void)
{
  CordonWindow *window = app_test_new_window ();
  CordonDocument *document = cordon_window_get_document (window);
  gboolean has_tmp = FALSE;

  g_assert_cmpuint (n_rules (window), >, 5);
  for (guint i = 0; i < n_rules (window); i++)
    {
      CordonFsCapability *rule = rule_at (window, i);

      if (g_str_equal (cordon_fs_capability_get_resolved (rule), "/tmp"))
        has_tmp = cordon_fs_capability_get_access (rule) == CORDON_ACCESS_READ_WRITE;
    }
  g_assert_true (has_tmp);
  g_assert_true (cordon_document_get_network_blocked (document));
  g_assert_false (gtk_switch_get_active (cordon_window_get_network_switch (window)));
  g_assert_false (cordon_document_get_modified (document));
  g_assert_cmpstr (adw_window_title_get_title (cordon_window_get_window_title (window)), ==,
                   "New Profile");

  /* The starter presets' rules are two collapsed rows, not 29. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (
                      gtk_list_view_get_model (cordon_rule_list_get_list_view (
                        cordon_window_get_rule_list (window))))), ==, 2);
  g_assert_nonnull (find_row (window, "/usr"));

  app_test_destroy_window (GTK_WINDOW (window));
}

/* Not gtk_recent_manager_has_item(): until the manager has finished adding
 * its first item (a query_info in a thread) it holds no list at all, and
 * has_item() then fails its precondition with a critical. get_items() answers
 * an empty list instead. */
static gboolean
in_recent_files (gpointer data)
{
  g_autofree char *uri = g_file_get_uri (data);
  GList *items = gtk_recent_manager_get_items (gtk_recent_manager_get_default ());
  gboolean found = FALSE;

  for (GList *l = items; l != NULL && !found; l = l->next)
    found = g_str_equal (gtk_recent_info_get_uri (l->data), uri);
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
  return found;
}

static void
test_open_fixture (void)
{
  CordonWindow *window = app_test_new_window ();
  g_autofree char *path = fixture_path ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  CordonRuleRow *row;

  open_and_wait (window, file);

  /* An untouched new profile's window is reused. */
  g_assert_true (g_file_equal (cordon_document_get_file (cordon_window_get_document (window)), file));
  g_assert_cmpuint (n_rules (window), ==, 4);
  g_assert_cmpstr (cordon_fs_capability_get_resolved (rule_at (window, 2)), ==, "/etc/hosts");
  g_assert_true (cordon_fs_capability_get_is_file (rule_at (window, 2)));
  g_assert_cmpint (cordon_fs_capability_get_access (rule_at (window, 3)), ==, CORDON_ACCESS_WRITE);
  /* "net_blocked": false */
  g_assert_true (gtk_switch_get_active (cordon_window_get_network_switch (window)));
  g_assert_false (cordon_document_get_modified (cordon_window_get_document (window)));
  g_assert_cmpstr (adw_window_title_get_title (cordon_window_get_window_title (window)), ==,
                   "profile-fixture.json");

  row = find_row (window, "/var/tmp");
  g_assert_nonnull (row);
  g_assert_true (cordon_rule_row_get_capability (row) == rule_at (window, 3));

  /* Opened profiles are offered again by the desktop's recent files. */
  g_assert_true (app_test_wait (in_recent_files, file));

  app_test_destroy_window (GTK_WINDOW (window));
}

static void
test_open_vanished_paths_flagged (void)
{
  g_autofree char *dir = app_test_make_tmp_dir ();
  g_autofree char *gone = g_build_filename (dir, "gone", NULL);
  g_autofree char *json = NULL;
  g_autofree char *profile = NULL;
  g_autoptr(GFile) file = NULL;
  CordonWindow *window = app_test_new_window ();
  CordonRuleRow *row;

  g_assert_cmpint (g_mkdir (gone, 0700), ==, 0);
  json = g_strdup_printf ("{\"fs\": [{\"path\": \"%s\", \"access\": \"Read\", \"is_file\": false},"
                          " {\"path\": \"/usr\", \"access\": \"Read\", \"is_file\": false}],"
                          " \"net_blocked\": true}", gone);
  profile = app_test_write_file (dir, "vanished.json", json);
  g_assert_cmpint (g_rmdir (gone), ==, 0);

  file = g_file_new_for_path (profile);
  open_and_wait (window, file);

  g_assert_null (app_test_find_dialog (GTK_WINDOW (window)));
  g_assert_cmpuint (n_rules (window), ==, 2);
  row = find_row (window, gone);
  g_assert_nonnull (row);
  g_assert_true (cordon_rule_row_get_missing (row));
  g_assert_false (cordon_rule_row_get_missing (find_row (window, "/usr")));

  app_test_destroy_window (GTK_WINDOW (window));
  app_test_remove_tree (dir);
}

static gboolean
answer_is (gpointer data)
{
  const char * const *args = data;

  return g_strcmp0 (cordon_check_panel_get_answer (CORDON_CHECK_PANEL ((gpointer) args[0])),
                    args[1]) == 0;
}

static void
assert_answer (CordonCheckPanel *panel,
               const char       *expected)
{
  const char *args[] = { (const char *) panel, expected };

  if (!app_test_wait (answer_is, args))
    g_assert_cmpstr (cordon_check_panel_get_answer (panel), ==, expected);
}

/* Check Access says what it really checked: a link's target, or a path
 * that is not there yet. */
static void
test_check_says_link_and_missing (void)
{
  CordonWindow *window = app_test_new_window ();
  CordonCheckPanel *panel = cordon_window_get_check_panel (window);
  GtkEditable *entry = GTK_EDITABLE (cordon_check_panel_get_path_entry (panel));
  g_autofree char *dir = app_test_make_tmp_dir ();
  g_autofree char *target = app_test_write_file (dir, "target", "");
  g_autofree char *link = g_build_filename (dir, "l", NULL);
  g_autofree char *dangling = g_build_filename (dir, "dangling", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing", NULL);
  g_autofree char *expected = NULL;

  g_assert_no_errno (symlink (target, link));
  g_assert_no_errno (symlink (missing, dangling));

  gtk_editable_set_text (entry, target);
  app_test_spin ();
  g_assert_null (cordon_check_panel_get_path_note (panel));

  gtk_editable_set_text (entry, link);
  app_test_spin ();
  expected = g_strdup_printf ("Follows a link: %s → %s", link, target);
  g_assert_cmpstr (cordon_check_panel_get_path_note (panel), ==, expected);

  gtk_editable_set_text (entry, dangling);
  app_test_spin ();
  g_free (expected);
  expected = g_strdup_printf ("Follows a link: %s → %s, which does not exist yet; creating it "
                              "through the link would create it there", dangling, missing);
  g_assert_cmpstr (cordon_check_panel_get_path_note (panel), ==, expected);

  gtk_editable_set_text (entry, missing);
  app_test_spin ();
  g_assert_cmpstr (cordon_check_panel_get_path_note (panel), ==,
                   "Nothing exists at this path yet: the answer is for creating it");

  discard_and_destroy (window);
  app_test_remove_tree (dir);
}

/* A message under the path entry does not move the columns. */
static void
test_message_keeps_columns (void)
{
  CordonWindow *window = cordon_window_new (app);
  CordonRuleList *list = cordon_window_get_rule_list (window);
  GtkEditable *entry = GTK_EDITABLE (cordon_rule_list_get_path_entry (list));
  int before, after;

  gtk_window_set_default_size (GTK_WINDOW (window), 1040, 780);
  gtk_window_present (GTK_WINDOW (window));
  app_test_wait_frames (GTK_WIDGET (window), 3);
  before = gtk_widget_get_width (GTK_WIDGET (list));

  gtk_editable_set_text (entry, "/cordon-nothing-here/at-all");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (cordon_rule_list_get_validation_label (list))));
  app_test_wait_frames (GTK_WIDGET (window), 3);
  after = gtk_widget_get_width (GTK_WIDGET (list));
  g_assert_cmpint (before, ==, after);

  gtk_editable_set_text (entry, "");
  discard_and_destroy (window);
}

static gboolean
is_folded (gpointer data)
{
  return adw_flap_get_folded (data);
}

static gboolean
is_unfolded (gpointer data)
{
  return !adw_flap_get_folded (data);
}

/* Wide, two columns; narrow, one, with the side column behind a button
 * and F9. */
static void
test_narrow_window_one_column (void)
{
  CordonWindow *wide = cordon_window_new (app);
  CordonWindow *window = cordon_window_new (app);
  AdwFlap *flap = cordon_window_get_side_flap (window);

  gtk_window_set_default_size (GTK_WINDOW (wide), 1200, 800);
  gtk_window_present (GTK_WINDOW (wide));
  g_assert_true (app_test_wait (is_unfolded, cordon_window_get_side_flap (wide)));
  app_test_destroy_window (GTK_WINDOW (wide));

  gtk_window_set_default_size (GTK_WINDOW (window), 640, 700);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (app_test_wait (is_folded, flap));
  g_assert_false (adw_flap_get_reveal_flap (flap));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-side", NULL));
  g_assert_true (adw_flap_get_reveal_flap (flap));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-side", NULL));
  g_assert_false (adw_flap_get_reveal_flap (flap));

  discard_and_destroy (window);
}

static GListModel *
shown_model (CordonWindow *window)
{
  return G_LIST_MODEL (gtk_list_view_get_model (cordon_rule_list_get_list_view (
                         cordon_window_get_rule_list (window))));
}

/* The item at @position of what the list shows, unwrapped from its tree row. */
static GObject *
shown_item (CordonWindow *window,
            guint         position)
{
  g_autoptr(GObject) item = g_list_model_get_item (shown_model (window), position);

  if (GTK_IS_TREE_LIST_ROW (item))
    return gtk_tree_list_row_get_item (GTK_TREE_LIST_ROW (item));
  return g_steal_pointer (&item);
}

static GtkWidget *
find_group_remove_button (CordonWindow *window)
{
  g_autoptr(GPtrArray) buttons = app_test_find_widgets (GTK_WIDGET (window), GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    if (gtk_widget_is_drawable (buttons->pdata[i])
        && g_strcmp0 (gtk_widget_get_tooltip_text (buttons->pdata[i]),
                      "Remove the Preset’s Rules") == 0)
      return buttons->pdata[i];
  return NULL;
}

/* A new profile's 29 preset rules are one collapsed row per preset, the
 * person's own rules come first, a preset's rules go and come back (Undo)
 * together, and a long list can be filtered. */
static void
test_preset_groups (void)
{
  CordonWindow *window = app_test_new_window ();
  CordonRuleList *list = cordon_window_get_rule_list (window);
  g_autofree char *dir = app_test_make_tmp_dir ();
  g_autofree char *last = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GObject) first = NULL;
  g_autoptr(GObject) second = NULL;
  GtkWidget *remove;
  guint n = n_rules (window), in_group, n_matching = 0;

  g_assert_cmpuint (g_list_model_get_n_items (shown_model (window)), ==, 2);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (cordon_rule_list_get_filter_entry (list))));

  /* Activating a preset's row (Enter, a click) opens it, and closes it. */
  {
    g_autoptr(GObject) group = shown_item (window, 0);

    in_group = g_list_model_get_n_items (cordon_rule_group_get_rules (CORDON_RULE_GROUP (group)));
  }
  g_signal_emit_by_name (cordon_rule_list_get_list_view (list), "activate", 0);
  g_assert_cmpuint (g_list_model_get_n_items (shown_model (window)), ==, 2 + in_group);
  g_signal_emit_by_name (cordon_rule_list_get_list_view (list), "activate", 0);
  g_assert_cmpuint (g_list_model_get_n_items (shown_model (window)), ==, 2);

  g_assert_true (cordon_rule_list_add_path (list, dir, &error));
  g_assert_no_error (error);
  first = shown_item (window, 0);
  g_assert_true (CORDON_IS_FS_CAPABILITY (first));
  g_assert_cmpstr (cordon_fs_capability_get_resolved (CORDON_FS_CAPABILITY (first)), ==, dir);
  second = shown_item (window, 1);
  g_assert_true (CORDON_IS_RULE_GROUP (second));
  g_assert_cmpstr (cordon_rule_group_get_id (CORDON_RULE_GROUP (second)), ==, "run-programs");
  in_group = g_list_model_get_n_items (cordon_rule_group_get_rules (CORDON_RULE_GROUP (second)));
  g_assert_cmpuint (in_group, >, 10);

  /* The whole group goes, and comes back in its place. */
  app_test_wait_frames (GTK_WIDGET (window), 3);
  remove = find_group_remove_button (window);
  g_assert_nonnull (remove);
  g_signal_emit_by_name (remove, "clicked");
  g_assert_cmpuint (n_rules (window), ==, n + 1 - in_group);
  last = app_test_last_toast (GTK_WIDGET (window));
  expected = g_strdup_printf ("Removed “Run programs” (%u rules)", in_group);
  g_assert_cmpstr (last, ==, expected);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo-remove", NULL));
  g_assert_cmpuint (n_rules (window), ==, n + 1);
  g_assert_cmpstr (cordon_fs_capability_get_resolved (rule_at (window, 0)), ==, "/usr");

  /* A filter shows every matching rule, presets' included, flat. */
  for (guint i = 0; i < n_rules (window); i++)
    if (strstr (cordon_fs_capability_get_resolved (rule_at (window, i)), "ld.so") != NULL)
      n_matching++;
  g_assert_cmpuint (n_matching, >, 0);
  gtk_editable_set_text (cordon_rule_list_get_filter_entry (list), "LD.SO");
  g_assert_true (app_test_wait (NULL, NULL));
  g_signal_emit_by_name (cordon_rule_list_get_filter_entry (list), "search-changed");
  g_assert_cmpuint (g_list_model_get_n_items (shown_model (window)), ==, n_matching);
  gtk_editable_set_text (cordon_rule_list_get_filter_entry (list), "");
  g_signal_emit_by_name (cordon_rule_list_get_filter_entry (list), "search-changed");
  g_assert_cmpuint (g_list_model_get_n_items (shown_model (window)), ==, 3);

  discard_and_destroy (window);
  app_test_remove_tree (dir);
}

/* Adding a place that has a rule already (the same path, or a link to it)
 * shows that rule, focused, and offers to widen it, instead of a second
 * row with a mode of its own. */
static void
test_duplicate_shows_existing (void)
{
  CordonWindow *window = app_test_new_window ();
  CordonRuleList *list = cordon_window_get_rule_list (window);
  g_autofree char *dir = app_test_make_tmp_dir ();
  g_autofree char *target = g_build_filename (dir, "target", NULL);
  g_autofree char *link = g_build_filename (dir, "link", NULL);
  g_autofree char *last = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  CordonRuleRow *row;
  GtkWidget *focus;
  guint n;

  g_assert_no_errno (g_mkdir (target, 0700));
  g_assert_no_errno (symlink (target, link));
  g_assert_true (cordon_rule_list_add_path (list, target, &error));
  g_assert_no_error (error);
  n = n_rules (window);
  /* A new rule is scrolled to and focused. */
  app_test_wait_frames (GTK_WIDGET (window), 3);
  app_test_spin ();
  row = find_row (window, target);
  g_assert_nonnull (row);
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (row)));
  gtk_root_set_focus (GTK_ROOT (window), NULL);
  g_clear_pointer (&last, g_free);
  last = app_test_last_toast (GTK_WIDGET (window));

  g_assert_false (cordon_rule_list_add_path (list, link, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_false (cordon_rule_list_add_path (list, target, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_assert_cmpuint (n_rules (window), ==, n);

  /* Its row has the focus. */
  app_test_wait_frames (GTK_WIDGET (window), 3);
  app_test_spin ();
  row = find_row (window, target);
  g_assert_nonnull (row);
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (row)));

  g_free (last);
  last = app_test_last_toast (GTK_WIDGET (window));
  expected = g_strdup_printf ("“%s” is in the list already (Read)", target);
  g_assert_cmpstr (last, ==, expected);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.widen-rule", "s", target));
  g_assert_cmpint (cordon_fs_capability_get_access (rule_at (window, n - 1)), ==,
                   CORDON_ACCESS_READ_WRITE);

  discard_and_destroy (window);
  app_test_remove_tree (dir);
}

/* The About window's icon comes from the app's own resources, so it shows
 * when the app runs from the build tree too. */
static void
test_icon_from_resources (void)
{
  CordonWindow *window = app_test_new_window ();
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (GTK_WIDGET (window)));

  g_assert_true (gtk_icon_theme_has_icon (theme, APP_ID));
  discard_and_destroy (window);
}

static void
test_check_follows_model (void)
{
  CordonWindow *window = app_test_new_window ();
  CordonCheckPanel *panel = cordon_window_get_check_panel (window);
  CordonCapabilitySet *caps = app_test_window_caps (window);
  g_autofree char *dir = app_test_make_tmp_dir ();
  g_autofree char *inside = g_build_filename (dir, "notes.txt", NULL);
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) selectors = NULL;
  CordonRuleRow *row;

  cordon_capability_set_clear (caps);
  gtk_editable_set_text (GTK_EDITABLE (cordon_check_panel_get_path_entry (panel)), inside);
  assert_answer (panel, "Denied — no rule covers this path");

  g_assert_true (cordon_rule_list_add_path (cordon_window_get_rule_list (window), dir, &error));
  g_assert_no_error (error);
  expected = g_strdup_printf ("Allowed — granted by %s (Read)", dir);
  assert_answer (panel, expected);

  cordon_mode_selector_set_mode (cordon_check_panel_get_mode_selector (panel),
                                 CORDON_ACCESS_WRITE);
  g_free (expected);
  expected = g_strdup_printf ("Denied — %s grants Read only; Write was requested", dir);
  assert_answer (panel, expected);

  /* Change the rule through its row's own mode selector, as a person would. */
  row = find_row (window, dir);
  g_assert_nonnull (row);
  selectors = app_test_find_widgets (GTK_WIDGET (row), CORDON_TYPE_MODE_SELECTOR);
  cordon_mode_selector_set_mode (selectors->pdata[0], CORDON_ACCESS_READ_WRITE);
  g_assert_cmpint (cordon_fs_capability_get_access (rule_at (window, 0)), ==,
                   CORDON_ACCESS_READ_WRITE);
  g_free (expected);
  expected = g_strdup_printf ("Allowed — granted by %s (Read & Write)", dir);
  assert_answer (panel, expected);

  /* The network line follows the switch. */
  g_assert_true (g_str_has_prefix (cordon_check_panel_get_network_answer (panel),
                                   "Network: blocked"));
  gtk_switch_set_active (cordon_window_get_network_switch (window), TRUE);
  g_assert_false (cordon_capability_set_is_network_blocked (caps));
  app_test_spin ();
  g_assert_true (g_str_has_prefix (cordon_check_panel_get_network_answer (panel),
                                   "Network: allowed"));

  app_test_destroy_window (GTK_WINDOW (window));
  app_test_remove_tree (dir);
}

static gboolean
first_rule_writes (gpointer data)
{
  return cordon_fs_capability_get_access (rule_at (data, 0)) == CORDON_ACCESS_WRITE;
}

static void
test_mode_change_keeps_focus (void)
{
  CordonWindow *window = app_test_new_window ();
  CordonRuleRow *row = find_row (window, "/usr");
  g_autoptr(GPtrArray) buttons = app_test_find_widgets (GTK_WIDGET (row), GTK_TYPE_TOGGLE_BUTTON);
  GtkWidget *focus;

  /* Keyboard use: focus on "Write", then Space. */
  g_assert_true (gtk_widget_grab_focus (buttons->pdata[1]));
  gtk_widget_activate (buttons->pdata[1]);
  /* A button activated from the keyboard clicks after a short flash. */
  g_assert_true (app_test_wait (first_rule_writes, window));
  app_test_spin ();

  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  row = CORDON_RULE_ROW (gtk_widget_get_ancestor (focus, CORDON_TYPE_RULE_ROW));
  g_assert_nonnull (row);
  g_assert_true (cordon_rule_row_get_capability (row) == rule_at (window, 0));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (focus)));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (focus)), ==, "Write");

  discard_and_destroy (window);
}

static void
test_remove_and_undo (void)
{
  g_autofree char *last = NULL;
  CordonWindow *window = app_test_new_window ();
  guint n = n_rules (window);
  g_autoptr(CordonFsCapability) second = g_object_ref (rule_at (window, 1));
  g_autofree char *shown = NULL;
  g_autofree char *toast = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.remove-rule", "u", 1));
  g_assert_cmpuint (n_rules (window), ==, n - 1);
  g_assert_true (rule_at (window, 1) != second);
  g_assert_true (cordon_document_get_modified (cordon_window_get_document (window)));
  toast = g_strdup_printf ("Removed “%s”", cordon_fs_capability_get_resolved (second));
  last = app_test_last_toast (GTK_WIDGET (window));
  g_assert_cmpstr (last, ==, toast);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo-remove", NULL));
  g_assert_cmpuint (n_rules (window), ==, n);
  g_assert_true (rule_at (window, 1) == second);

  /* Undo happens once. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo-remove", NULL));
  g_assert_cmpuint (n_rules (window), ==, n);

  discard_and_destroy (window);
}

static void
test_save_matches_engine (void)
{
  g_autofree char *dir = app_test_make_tmp_dir ();
  g_autofree char *path = copy_fixture (dir, "mine.json");
  g_autofree char *saved = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(CordonSandboxState) state = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  CordonWindow *window = app_test_new_window ();
  CordonDocument *document = cordon_window_get_document (window);

  file = g_file_new_for_path (path);
  open_and_wait (window, file);

  g_assert_true (cordon_rule_list_add_path (cordon_window_get_rule_list (window), dir, &error));
  g_assert_no_error (error);
  g_assert_true (cordon_document_get_modified (document));
  g_assert_true (g_str_has_prefix (adw_window_title_get_title (cordon_window_get_window_title (window)),
                                   "•"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  g_assert_true (app_test_wait (app_test_document_is_saved, document));
  app_test_spin ();
  g_assert_null (app_test_find_dialog (GTK_WINDOW (window)));
  g_assert_cmpstr (adw_window_title_get_title (cordon_window_get_window_title (window)), ==,
                   "mine.json");

  g_file_get_contents (path, &saved, NULL, &error);
  g_assert_no_error (error);
  state = cordon_sandbox_state_from_caps (app_test_window_caps (window));
  expected = cordon_sandbox_state_to_json (state, CORDON_STATE_FORMAT_CORDON);
  g_assert_cmpstr (saved, ==, expected);
  g_assert_nonnull (strstr (saved, dir));

  app_test_destroy_window (GTK_WINDOW (window));
  app_test_remove_tree (dir);
}

static void
test_failed_save_keeps_changes (void)
{
  g_autofree char *dir = app_test_make_tmp_dir ();
  g_autofree char *path = copy_fixture (dir, "mine.json");
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  CordonWindow *window = app_test_new_window ();
  CordonDocument *document = cordon_window_get_document (window);
  AdwMessageDialog *dialog;

  file = g_file_new_for_path (path);
  open_and_wait (window, file);
  cordon_document_set_network_blocked (document, TRUE);

  /* A directory where the file was: the atomic rename cannot replace it. */
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  g_assert_true (app_test_wait (dialog_exists, window));
  dialog = app_test_find_dialog (GTK_WINDOW (window));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Could Not Save “mine.json”");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), !=, "");
  g_assert_true (cordon_document_get_modified (document));
  close_dialog (dialog, "close");

  cordon_document_set_modified (document, FALSE);
  app_test_destroy_window (GTK_WINDOW (window));
  app_test_remove_tree (dir);
}

static void
test_open_malformed (void)
{
  static const struct
  {
    const char *contents;
    const char *mentions;
  } cases[] = {
    { "{\"fs\": [ {\"path\": \"/usr\", \"access\": \"Read\" ", "line 1, column 44" },
    { "{\"fs\": [{\"path\": \"/usr\", \"access\": \"Sometimes\", \"is_file\": false}],"
      " \"net_blocked\": true}", "access" },
    { "{\"fs\": []}", "net_blocked" },
  };
  g_autofree char *dir = app_test_make_tmp_dir ();
  CordonWindow *window = app_test_new_window ();
  CordonCapabilitySet *caps = app_test_window_caps (window);
  guint n = n_rules (window);

  /* Work in progress that a bad file must not touch. */
  cordon_capability_set_set_access (caps, 0, CORDON_ACCESS_READ_WRITE);
  g_assert_true (cordon_document_get_modified (cordon_window_get_document (window)));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("bad-%u.json", i);
      g_autofree char *path = app_test_write_file (dir, name, cases[i].contents);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autofree char *heading = g_strdup_printf ("Could Not Open “%s”", name);
      AdwMessageDialog *dialog;

      cordon_window_open_file (window, file);
      g_assert_true (app_test_wait (dialog_exists, window));
      dialog = app_test_find_dialog (GTK_WINDOW (window));
      g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, heading);
      g_test_message ("error shown: %s", adw_message_dialog_get_body (dialog));
      g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), cases[i].mentions));

      g_assert_true (app_test_window_caps (window) == caps);
      g_assert_cmpuint (n_rules (window), ==, n);
      g_assert_cmpint (cordon_fs_capability_get_access (rule_at (window, 0)), ==,
                       CORDON_ACCESS_READ_WRITE);
      g_assert_null (cordon_document_get_file (cordon_window_get_document (window)));
      g_assert_true (cordon_document_get_modified (cordon_window_get_document (window)));
      close_dialog (dialog, "close");
    }

  /* Only this window: a failed open leaves no half-made window behind. */
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 1);

  discard_and_destroy (window);
  app_test_remove_tree (dir);
}

static void
test_open_keeps_work (void)
{
  g_autofree char *fixture = fixture_path ();
  g_autoptr(GFile) file = g_file_new_for_path (fixture);
  CordonWindow *window = app_test_new_window ();
  CordonWindow *other = NULL;
  GList *windows;

  cordon_capability_set_remove (app_test_window_caps (window), 0);
  open_and_wait (window, file);

  /* The modified window keeps its profile; the file opens beside it. */
  g_assert_null (cordon_document_get_file (cordon_window_get_document (window)));
  windows = gtk_application_get_windows (GTK_APPLICATION (app));
  g_assert_cmpuint (g_list_length (windows), ==, 2);
  for (GList *l = windows; l != NULL; l = l->next)
    if (l->data != window)
      other = l->data;
  g_assert_true (g_file_equal (cordon_document_get_file (cordon_window_get_document (other)), file));

  /* Opening it again shows that window instead of a third. */
  open_and_wait (window, file);
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 2);

  app_test_destroy_window (GTK_WINDOW (other));
  discard_and_destroy (window);
}

static void
test_close_guard (void)
{
  CordonWindow *window = app_test_new_window ();
  AdwMessageDialog *dialog;

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);

  gtk_switch_set_active (cordon_window_get_network_switch (window), TRUE);
  g_assert_true (cordon_document_get_modified (cordon_window_get_document (window)));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.close", NULL));
  g_assert_true (app_test_wait (dialog_exists, window));
  dialog = app_test_find_dialog (GTK_WINDOW (window));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Save Changes?");
  g_assert_true (adw_message_dialog_has_response (dialog, "save"));
  g_assert_true (adw_message_dialog_has_response (dialog, "discard"));
  g_assert_true (adw_message_dialog_has_response (dialog, "cancel"));

  close_dialog (dialog, "cancel");
  g_assert_nonnull (window);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_true (cordon_document_get_modified (cordon_window_get_document (window)));

  /* Discard closes without saving. */
  gtk_window_close (GTK_WINDOW (window));
  g_assert_true (app_test_wait (dialog_exists, window));
  dialog = app_test_find_dialog (GTK_WINDOW (window));
  g_object_ref (window);
  close_dialog (dialog, "discard");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_null (gtk_window_get_application (GTK_WINDOW (window)));
  g_object_unref (window);
  app_test_spin ();
  g_assert_null (window);
}

static gboolean
program_running (gpointer data)
{
  return cordon_run_panel_get_running (data);
}

static gboolean
program_ended (gpointer data)
{
  return !cordon_run_panel_get_running (data);
}

static void
start_program (CordonRunPanel *panel)
{
  gtk_editable_set_text (GTK_EDITABLE (cordon_run_panel_get_command_entry (panel)), "sleep 60");
  cordon_run_panel_run (panel);
  g_assert_true (app_test_wait (program_running, panel));
}

static AdwMessageDialog *
wait_for_question (CordonWindow *window,
                   const char   *heading)
{
  AdwMessageDialog *dialog;

  g_assert_true (app_test_wait (dialog_exists, window));
  dialog = app_test_find_dialog (GTK_WINDOW (window));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, heading);
  return dialog;
}

/* A running program's spinner keeps the main context busy, so this does
 * not wait for it to go idle: the next question follows the answer at once. */
static void
answer (AdwMessageDialog *dialog,
        const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  for (guint i = 0; i < 10 && g_main_context_iteration (NULL, FALSE); i++)
    ;
}

static gboolean
runner_ended (gpointer data)
{
  return !cordon_runner_get_running (data);
}

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* Issue 18's steps: "Stop and Close", then Cancel at "Save Changes?", left
 * the window believing the stop was agreed to, so the next close killed a
 * new program without asking. Nothing may stop until the whole answer is
 * "close", and no answer may outlive its question. */
static void
test_close_asks_every_time (void)
{
  CordonWindow *window = app_test_new_window ();
  CordonRunPanel *panel = cordon_window_get_run_panel (window);
  CordonDocument *document = cordon_window_get_document (window);
  g_autofree char *dir = app_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "running.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(CordonRunner) runner = NULL;
  AdwMessageDialog *dialog;

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  start_program (panel);
  gtk_switch_set_active (cordon_window_get_network_switch (window), TRUE);
  gtk_switch_set_active (cordon_window_get_network_switch (window), FALSE);
  g_assert_true (cordon_document_get_modified (document));

  /* 1. Close, "Stop and Close". */
  gtk_window_close (GTK_WINDOW (window));
  dialog = wait_for_question (window, "Stop the Program?");
  answer (dialog, "stop");
  /* 2. Cancel at "Save Changes?": the program was not stopped. */
  dialog = wait_for_question (window, "Save Changes?");
  answer (dialog, "cancel");
  g_assert_nonnull (window);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_true (cordon_run_panel_get_running (panel));

  /* 3. Save, run another program, close again: asked again. */
  g_assert_true (app_test_save_document (document, file, &error));
  g_assert_no_error (error);
  cordon_run_panel_stop (panel);
  g_assert_true (app_test_wait (program_ended, panel));
  start_program (panel);
  gtk_window_close (GTK_WINDOW (window));
  dialog = wait_for_question (window, "Stop the Program?");
  g_assert_true (cordon_run_panel_get_running (panel));
  answer (dialog, "cancel");
  g_assert_true (cordon_run_panel_get_running (panel));

  /* Asking twice shows the one question, not two. */
  gtk_window_close (GTK_WINDOW (window));
  dialog = wait_for_question (window, "Stop the Program?");
  gtk_window_close (GTK_WINDOW (window));
  g_main_context_iteration (NULL, FALSE);
  g_assert_true (app_test_find_dialog (GTK_WINDOW (window)) == dialog);

  /* Nothing unsaved: "Stop and Close" closes, and the program ends. */
  runner = g_object_ref (cordon_run_panel_get_runner (panel));
  answer (dialog, "stop");
  g_assert_true (app_test_wait (is_null, &window));
  g_assert_true (app_test_wait (runner_ended, runner));
  app_test_remove_tree (dir);
}

static gboolean
either_asks (gpointer data)
{
  CordonWindow **windows = data;

  return dialog_exists (windows[0]) || dialog_exists (windows[1]);
}

/* Quitting asks each window in turn; a Cancel at the last one leaves every
 * window open and every program running. */
static void
test_quit_chains_windows (void)
{
  CordonWindow *first = app_test_new_window ();
  CordonWindow *second = app_test_new_window ();
  CordonRunPanel *panel = cordon_window_get_run_panel (second);
  CordonWindow *windows[] = { first, second };
  AdwMessageDialog *dialog;

  cordon_capability_set_remove (app_test_window_caps (first), 0);
  start_program (panel);

  /* The windows are asked in the application's order (most recently used
   * first): agree at the first question, cancel at the second. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  g_assert_true (app_test_wait (either_asks, windows));
  if ((dialog = app_test_find_dialog (GTK_WINDOW (first))) != NULL)
    {
      answer (dialog, "discard");
      dialog = wait_for_question (second, "Stop the Program?");
    }
  else
    {
      answer (wait_for_question (second, "Stop the Program?"), "stop");
      /* Agreed to, but nothing stops until every window has answered. */
      g_assert_true (cordon_run_panel_get_running (panel));
      dialog = wait_for_question (first, "Save Changes?");
    }
  g_assert_nonnull (gtk_window_get_application (GTK_WINDOW (first)));
  g_assert_nonnull (gtk_window_get_application (GTK_WINDOW (second)));
  answer (dialog, "cancel");
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 2);
  g_assert_true (cordon_run_panel_get_running (panel));
  g_assert_true (cordon_document_get_modified (cordon_window_get_document (first)));

  cordon_run_panel_stop (panel);
  g_assert_true (app_test_wait (program_ended, panel));
  discard_and_destroy (first);
  app_test_destroy_window (GTK_WINDOW (second));
}

static void
test_quit_guard (void)
{
  CordonWindow *clean = app_test_new_window ();
  CordonWindow *dirty = app_test_new_window ();
  AdwMessageDialog *dialog;

  cordon_capability_set_remove (app_test_window_caps (dirty), 0);
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  g_assert_true (app_test_wait (dialog_exists, dirty));
  dialog = app_test_find_dialog (GTK_WINDOW (dirty));

  /* Cancel stops the whole quit: nothing closes. */
  close_dialog (dialog, "cancel");
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 2);

  discard_and_destroy (dirty);
  app_test_destroy_window (GTK_WINDOW (clean));
}

static void
test_typed_path (void)
{
  CordonWindow *window = app_test_new_window ();
  CordonRuleList *list = cordon_window_get_rule_list (window);
  GtkEditable *entry = GTK_EDITABLE (cordon_rule_list_get_path_entry (list));
  GtkLabel *label = cordon_rule_list_get_validation_label (list);
  GtkWidget *add = GTK_WIDGET (cordon_rule_list_get_add_button (list));
  g_autofree char *dir = app_test_make_tmp_dir ();
  g_autofree char *file = app_test_write_file (dir, "data.csv", "1,2\n");
  g_autofree char *missing = g_build_filename (dir, "missing", NULL);
  guint n = n_rules (window);
  CordonFsCapability *added;

  gtk_editable_set_text (entry, "relative/path");
  g_assert_cmpstr (gtk_label_get_label (label), ==, "Type a full path, starting with / or ~");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (label)));
  g_assert_false (gtk_widget_get_sensitive (add));

  gtk_editable_set_text (entry, missing);
  g_assert_cmpstr (gtk_label_get_label (label), ==, "Nothing exists at this path");
  g_assert_false (gtk_widget_get_sensitive (add));

  gtk_editable_set_text (entry, dir);
  g_assert_cmpstr (gtk_label_get_label (label), ==, "A folder: everything inside it is covered");
  g_assert_true (gtk_widget_get_sensitive (add));

  gtk_editable_set_text (entry, file);
  g_assert_cmpstr (gtk_label_get_label (label), ==, "A single file");
  g_assert_true (gtk_widget_get_sensitive (add));

  g_signal_emit_by_name (add, "clicked");
  g_assert_cmpuint (n_rules (window), ==, n + 1);
  /* Emptied after the add, the entry is not marked as wrong. */
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (entry), "error"));
  added = rule_at (window, n);
  g_assert_cmpstr (cordon_fs_capability_get_resolved (added), ==, file);
  g_assert_true (cordon_fs_capability_get_is_file (added));
  g_assert_cmpint (cordon_fs_capability_get_access (added), ==, CORDON_ACCESS_READ);
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (label)));

  /* Enter in the entry adds too. */
  gtk_editable_set_text (entry, dir);
  g_signal_emit_by_name (entry, "entry-activated");
  g_assert_cmpuint (n_rules (window), ==, n + 2);
  g_assert_false (cordon_fs_capability_get_is_file (rule_at (window, n + 1)));

  discard_and_destroy (window);
  app_test_remove_tree (dir);
}

static void
test_drop_files (void)
{
  g_autofree char *last = NULL;
  CordonWindow *window = app_test_new_window ();
  CordonRuleList *list = cordon_window_get_rule_list (window);
  g_autofree char *dir = app_test_make_tmp_dir ();
  g_autofree char *file = app_test_write_file (dir, "photo.jpg", "jpeg");
  g_autofree char *missing = g_build_filename (dir, "missing", NULL);
  GSList *files = NULL;
  GValue value = G_VALUE_INIT;
  guint n = n_rules (window);

  files = g_slist_append (files, g_file_new_for_path (dir));
  files = g_slist_append (files, g_file_new_for_path (file));
  files = g_slist_append (files, g_file_new_for_path (missing));
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (files));

  g_assert_cmpuint (cordon_rule_list_drop_files (list, &value), ==, 2);
  g_assert_cmpuint (n_rules (window), ==, n + 2);
  g_assert_false (cordon_fs_capability_get_is_file (rule_at (window, n)));
  g_assert_true (cordon_fs_capability_get_is_file (rule_at (window, n + 1)));
  g_assert_cmpint (cordon_fs_capability_get_access (rule_at (window, n)), ==, CORDON_ACCESS_READ);
  /* The missing one is reported, not silently dropped. */
  last = app_test_last_toast (GTK_WIDGET (window));
  g_assert_nonnull (strstr (last, "missing"));

  g_value_unset (&value);
  g_slist_free_full (files, g_object_unref);
  discard_and_destroy (window);
  app_test_remove_tree (dir);
}

static void
test_preset_adds_existing_only (void)
{
  g_autofree char *last = NULL;
  g_autofree char *tree = app_test_make_tmp_dir ();
  g_autofree char *there = g_build_filename (tree, "there", NULL);
  g_autofree char *file = app_test_write_file (tree, "there.txt", "x");
  /* A user preset: $XDG_DATA_HOME/cordon/presets (a build folder in tests). */
  g_autofree char *presets = g_build_filename (g_get_user_data_dir (), "cordon", "presets", NULL);
  g_autofree char *id = g_strdup_printf ("mixed-%d", (int) getpid ());
  g_autofree char *basename = g_strconcat (id, ".json", NULL);
  g_autofree char *json = NULL;
  g_autofree char *preset = NULL;
  CordonWindow *window = app_test_new_window ();
  CordonCapabilitySet *caps = app_test_window_caps (window);

  g_assert_cmpint (g_mkdir (there, 0700), ==, 0);
  json = g_strdup_printf ("{\"name\": \"Mixed test\", \"fs\": ["
                          "{\"path\": \"%s\", \"access\": \"ReadWrite\", \"is_file\": false},"
                          "{\"path\": \"%s/not-here\", \"access\": \"Read\", \"is_file\": false},"
                          "{\"path\": \"%s\", \"access\": \"Read\", \"is_file\": true},"
                          "{\"path\": \"/cordon-surely-missing\", \"access\": \"Read\", \"is_file\": true}"
                          "], \"net_blocked\": true}",
                          there, tree, file);
  g_assert_cmpint (g_mkdir_with_parents (presets, 0700), ==, 0);
  preset = app_test_write_file (presets, basename, json);

  cordon_capability_set_clear (caps);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.apply-preset", "s", id));
  g_assert_cmpuint (n_rules (window), ==, 2);
  g_assert_cmpstr (cordon_fs_capability_get_resolved (rule_at (window, 0)), ==, there);
  g_assert_cmpint (cordon_fs_capability_get_access (rule_at (window, 0)), ==,
                   CORDON_ACCESS_READ_WRITE);
  last = app_test_last_toast (GTK_WIDGET (window));
  g_assert_cmpstr (last, ==,
                   "Added 2 rules from “Mixed test”");

  /* Everything in it is allowed now: nothing more to add. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.apply-preset", "s", id));
  g_assert_cmpuint (n_rules (window), ==, 2);
  g_free (last);
  last = app_test_last_toast (GTK_WIDGET (window));
  g_assert_true (g_str_has_prefix (last, "Nothing to add"));

  g_assert_cmpint (g_unlink (preset), ==, 0);
  discard_and_destroy (window);
  app_test_remove_tree (tree);
}

static void
test_builtin_presets (void)
{
  CordonWindow *window = app_test_new_window ();
  CordonCapabilitySet *caps = app_test_window_caps (window);
  static const char * const ids[] = {
    "run-programs", "temporary-files", "desktop-app", "home-read-only",
  };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      cordon_capability_set_clear (caps);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.apply-preset", "s",
                                                 ids[i]));
      g_autofree char *last = app_test_last_toast (GTK_WIDGET (window));

      g_test_message ("%s: %s", ids[i], last);
      g_assert_true (g_str_has_prefix (last, "Added "));
      for (guint j = 0; j < n_rules (window); j++)
        g_assert_true (g_file_test (cordon_fs_capability_get_resolved (rule_at (window, j)),
                                    G_FILE_TEST_EXISTS));
    }
  /* "~" is the home folder. */
  g_assert_cmpstr (cordon_fs_capability_get_original (rule_at (window, 0)), ==, g_get_home_dir ());

  discard_and_destroy (window);
}

static void
test_support_banner (void)
{
  g_autoptr(CordonSupportInfo) info = cordon_support_info_get ();
  CordonWindow *window = app_test_new_window ();
  GtkRevealer *banner = cordon_window_get_support_banner (window);
  g_autoptr(GPtrArray) labels = app_test_find_widgets (GTK_WIDGET (banner), GTK_TYPE_LABEL);
  gboolean shows_details = FALSE;
  gboolean names_root = FALSE;

  g_assert_cmpint (gtk_revealer_get_reveal_child (banner), ==,
                   !cordon_support_info_get_is_supported (info) || geteuid () == 0);
  for (guint i = 0; i < labels->len; i++)
    {
      shows_details |= g_strcmp0 (gtk_label_get_label (labels->pdata[i]),
                                  cordon_support_info_get_details (info)) == 0;
      names_root |= g_str_has_prefix (gtk_label_get_label (labels->pdata[i]), "Running as root");
    }
  g_assert_true (shows_details);
  /* Run as root, the banner says what root keeps (the suite runs untranslated). */
  g_assert_cmpint (names_root, ==, cordon_support_info_get_is_supported (info) && geteuid () == 0);

  app_test_destroy_window (GTK_WINDOW (window));
}

static void
test_command_line_open (void)
{
  g_autofree char *fixture = fixture_path ();
  g_autofree char *dir = app_test_make_tmp_dir ();
  g_autofree char *copy = copy_fixture (dir, "copy.json");
  GFile *files[2];
  GList *windows;

  files[0] = g_file_new_for_path (fixture);
  files[1] = g_file_new_for_path (copy);

  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
  g_application_open (G_APPLICATION (app), files, 2, "");
  g_assert_true (app_test_wait (app_test_file_is_open, files[0]));
  g_assert_true (app_test_wait (app_test_file_is_open, files[1]));

  windows = gtk_application_get_windows (GTK_APPLICATION (app));
  g_assert_cmpuint (g_list_length (windows), ==, 2);
  while ((windows = gtk_application_get_windows (GTK_APPLICATION (app))) != NULL)
    {
      CordonWindow *window = windows->data;
      GFile *file = cordon_document_get_file (cordon_window_get_document (window));

      g_assert_true (g_file_equal (file, files[0]) || g_file_equal (file, files[1]));
      app_test_destroy_window (GTK_WINDOW (window));
    }

  g_object_unref (files[0]);
  g_object_unref (files[1]);
  app_test_remove_tree (dir);
}

static void
test_many_rules_recycled (void)
{
  g_autofree char *dir = app_test_make_tmp_dir ();
  g_autoptr(GString) json = g_string_new ("{\"fs\": [");
  g_autofree char *profile = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  CordonWindow *window = app_test_new_window ();
  const guint n = 3000;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("f%05u", i);
      g_autofree char *path = app_test_write_file (dir, name, "");

      g_string_append_printf (json, "%s{\"path\": \"%s\", \"access\": \"Read\", \"is_file\": true}",
                              i > 0 ? "," : "", path);
    }
  g_string_append (json, "], \"net_blocked\": true}");
  profile = app_test_write_file (dir, "many.json", json->str);
  file = g_file_new_for_path (profile);

  open_and_wait (window, file);
  g_assert_cmpuint (n_rules (window), ==, n);
  g_assert_true (app_test_wait (has_rows, window));
  app_test_wait_frames (GTK_WIDGET (window), 2);

  /* Only what fits on screen (and a little more) has a row widget. */
  rows = app_test_find_widgets (GTK_WIDGET (window), CORDON_TYPE_RULE_ROW);
  g_test_message ("%u rules, %u row widgets", n, rows->len);
  g_assert_cmpuint (rows->len, >, 0);
  g_assert_cmpuint (rows->len, <, 300);

  app_test_destroy_window (GTK_WINDOW (window));
  app_test_remove_tree (dir);
}

static gboolean
about_exists (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_ABOUT_WINDOW (window))
        {
          *(GtkWindow **) data = window;
          return TRUE;
        }
    }
  return FALSE;
}

/* The trigger of the window's own shortcut for @action, or NULL. */
static char *
window_shortcut_for (GtkWidget  *window,
                     const char *action)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (window);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutAction *named = gtk_shortcut_get_action (shortcut);

          if (GTK_IS_NAMED_ACTION (named)
              && g_str_equal (gtk_named_action_get_action_name (GTK_NAMED_ACTION (named)), action))
            return gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));
        }
    }
  return NULL;
}

static void
test_shortcuts_and_about (void)
{
  CordonWindow *window = app_test_new_window ();
  GtkWindow *about = NULL;
  g_auto(GStrv) save_accels = NULL;
  g_autofree char *stop_trigger = NULL;

  /* GtkApplication loads gtk/help-overlay.ui from the resources. */
  g_assert_nonnull (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (window), "show-help-overlay"));
  save_accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.save");
  g_assert_cmpstr (save_accels[0], ==, "<Control>s");
  stop_trigger = window_shortcut_for (GTK_WIDGET (window), "win.stop");
  g_assert_cmpstr (stop_trigger, ==, "<Shift><Control>r");

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  g_assert_true (app_test_wait (about_exists, &about));
  g_assert_cmpstr (adw_about_window_get_application_name (ADW_ABOUT_WINDOW (about)), ==, "Cordon");
  gtk_window_destroy (about);

  app_test_destroy_window (GTK_WINDOW (window));
}

static void
test_window_state_saved (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  CordonWindow *window = app_test_new_window ();

  g_object_ref (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 720);
  gtk_window_close (GTK_WINDOW (window));
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 720);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
  app_test_spin ();
  g_assert_finalize_object (window);

  /* The next window starts that size. */
  window = app_test_new_window ();
  {
    int width, height;

    gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
    g_assert_cmpint (width, ==, 900);
    g_assert_cmpint (height, ==, 720);
  }
  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
  app_test_destroy_window (GTK_WINDOW (window));
}

static void
test_screenshot (void)
{
  CordonWindow *window = app_test_new_window ();
  g_autoptr(GtkSnapshot) snapshot = NULL;
  GtkWidget *content;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, "app", "main-window.png", NULL);
  int width, height;

  gtk_editable_set_text (GTK_EDITABLE (cordon_check_panel_get_path_entry (
                           cordon_window_get_check_panel (window))), "/etc/hosts");
  g_assert_true (app_test_wait (has_rows, window));
  app_test_wait_frames (GTK_WIDGET (window), 3);

  width = gtk_widget_get_width (GTK_WIDGET (window));
  height = gtk_widget_get_height (GTK_WIDGET (window));
  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);

  /* The window's content on the window's background colour, drawn the way
   * the window draws it (a GtkWidgetPaintable of the window draws nothing). */
  content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (window));
  snapshot = gtk_snapshot_new ();
  gtk_snapshot_append_color (snapshot, &(GdkRGBA) { 0.98, 0.98, 0.98, 1.0 },
                             &GRAPHENE_RECT_INIT (0, 0, width, height));
  gtk_widget_snapshot_child (gtk_widget_get_parent (content), content, snapshot);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  app_test_destroy_window (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CordonApplication) application = app_test_init (&argc, &argv);
  int status;

  app = application;

  g_test_add_func ("/window/new-profile", test_new_profile);
  g_test_add_func ("/window/open-fixture", test_open_fixture);
  g_test_add_func ("/window/open-vanished-paths-flagged", test_open_vanished_paths_flagged);
  g_test_add_func ("/window/open-malformed", test_open_malformed);
  g_test_add_func ("/window/open-keeps-work", test_open_keeps_work);
  g_test_add_func ("/window/check-follows-model", test_check_follows_model);
  g_test_add_func ("/window/mode-change-keeps-focus", test_mode_change_keeps_focus);
  g_test_add_func ("/window/remove-and-undo", test_remove_and_undo);
  g_test_add_func ("/window/save-matches-engine", test_save_matches_engine);
  g_test_add_func ("/window/failed-save-keeps-changes", test_failed_save_keeps_changes);
  g_test_add_func ("/window/close-guard", test_close_guard);
  g_test_add_func ("/window/icon-from-resources", test_icon_from_resources);
  g_test_add_func ("/window/preset-groups", test_preset_groups);
  g_test_add_func ("/window/duplicate-shows-existing", test_duplicate_shows_existing);
  g_test_add_func ("/window/message-keeps-columns", test_message_keeps_columns);
  g_test_add_func ("/window/narrow-window-one-column", test_narrow_window_one_column);
  g_test_add_func ("/window/check-says-link-and-missing", test_check_says_link_and_missing);
  g_test_add_func ("/window/close-asks-every-time", test_close_asks_every_time);
  g_test_add_func ("/window/quit-chains-windows", test_quit_chains_windows);
  g_test_add_func ("/window/quit-guard", test_quit_guard);
  g_test_add_func ("/window/typed-path", test_typed_path);
  g_test_add_func ("/window/drop-files", test_drop_files);
  g_test_add_func ("/window/preset-adds-existing-only", test_preset_adds_existing_only);
  g_test_add_func ("/window/builtin-presets", test_builtin_presets);
  g_test_add_func ("/window/support-banner", test_support_banner);
  g_test_add_func ("/window/many-rules-recycled", test_many_rules_recycled);
  g_test_add_func ("/window/shortcuts-and-about", test_shortcuts_and_about);
  g_test_add_func ("/window/state-saved", test_window_state_saved);
  g_test_add_func ("/app/command-line-open", test_command_line_open);
  g_test_add_func ("/window/screenshot", test_screenshot);

  status = g_test_run ();
  g_application_release (G_APPLICATION (app));
  return status;
}
