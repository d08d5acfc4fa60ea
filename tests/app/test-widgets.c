/* test-widgets.c: every templated class builds and is freed; the words the app uses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "app-test-util.h"
#include "cordon-app-util.h"
#include "cordon-check-panel-private.h"
#include "cordon-document.h"
#include "cordon-mode-selector.h"
#include "cordon-rule-list-private.h"
#include "cordon-rule-row.h"
#include "cordon-window-private.h"

static CordonApplication *app;

/* A widget inside a window, shown, then destroyed: template errors warn
 * (fatal here) and a leaked reference fails g_assert_finalize_object. */
static void
check_widget_lifecycle (GtkWidget *widget)
{
  GtkWidget *window = gtk_window_new ();

  g_object_ref_sink (widget);
  gtk_window_set_child (GTK_WINDOW (window), widget);
  gtk_window_present (GTK_WINDOW (window));
  app_test_spin ();
  app_test_destroy_window (GTK_WINDOW (window));
  g_assert_finalize_object (widget);
}

static void
test_mode_selector_lifecycle (void)
{
  GtkWidget *selector = cordon_mode_selector_new ();

  g_assert_cmpint (cordon_mode_selector_get_mode (CORDON_MODE_SELECTOR (selector)), ==,
                   CORDON_ACCESS_READ);
  cordon_mode_selector_set_mode (CORDON_MODE_SELECTOR (selector), CORDON_ACCESS_READ_WRITE);
  g_assert_cmpint (cordon_mode_selector_get_mode (CORDON_MODE_SELECTOR (selector)), ==,
                   CORDON_ACCESS_READ_WRITE);
  check_widget_lifecycle (selector);
}

static void
test_mode_selector_buttons (void)
{
  GtkWidget *selector = g_object_ref_sink (cordon_mode_selector_new ());
  g_autoptr(GPtrArray) buttons = app_test_find_widgets (selector, GTK_TYPE_TOGGLE_BUTTON);

  g_assert_cmpuint (buttons->len, ==, 3);
  /* Clicking "Write" is what a person does. */
  gtk_toggle_button_set_active (buttons->pdata[1], TRUE);
  g_assert_cmpint (cordon_mode_selector_get_mode (CORDON_MODE_SELECTOR (selector)), ==,
                   CORDON_ACCESS_WRITE);
  g_assert_false (gtk_toggle_button_get_active (buttons->pdata[0]));
  gtk_toggle_button_set_active (buttons->pdata[2], TRUE);
  g_assert_cmpint (cordon_mode_selector_get_mode (CORDON_MODE_SELECTOR (selector)), ==,
                   CORDON_ACCESS_READ_WRITE);
  g_assert_false (gtk_toggle_button_get_active (buttons->pdata[1]));
  g_assert_finalize_object (selector);
}

static void
test_rule_row_lifecycle (void)
{
  GtkWidget *row = cordon_rule_row_new ();
  g_autoptr(CordonFsCapability) rule = cordon_fs_capability_new ("/tmp", "/tmp",
                                                                 CORDON_ACCESS_READ_WRITE, FALSE);

  cordon_rule_row_set_capability (CORDON_RULE_ROW (row), rule);
  g_assert_true (cordon_rule_row_get_capability (CORDON_RULE_ROW (row)) == rule);
  g_assert_false (cordon_rule_row_get_missing (CORDON_RULE_ROW (row)));
  check_widget_lifecycle (row);
}

static void
on_mode_requested (CordonRuleRow    *row,
                   CordonAccessMode  mode,
                   CordonAccessMode *out)
{
  *out = mode;
}

static void
test_rule_row_shows_rule (void)
{
  g_autofree char *missing_path = g_build_filename (g_get_tmp_dir (), "cordon-surely-missing-x", NULL);
  g_autoptr(CordonFsCapability) missing = cordon_fs_capability_new (missing_path, missing_path,
                                                                    CORDON_ACCESS_READ, TRUE);
  g_autoptr(CordonFsCapability) root = cordon_fs_capability_new ("/", "/", CORDON_ACCESS_READ,
                                                                 FALSE);
  GtkWidget *row = g_object_ref_sink (cordon_rule_row_new ());
  g_autoptr(GPtrArray) labels = NULL;
  g_autoptr(GPtrArray) selectors = NULL;
  CordonAccessMode requested = 0;
  gboolean saw_effect = FALSE;
  gboolean saw_warning = FALSE;

  cordon_rule_row_set_capability (CORDON_RULE_ROW (row), missing);
  g_assert_true (cordon_rule_row_get_missing (CORDON_RULE_ROW (row)));

  cordon_rule_row_set_capability (CORDON_RULE_ROW (row), root);
  g_assert_false (cordon_rule_row_get_missing (CORDON_RULE_ROW (row)));
  labels = app_test_find_widgets (row, GTK_TYPE_LABEL);
  for (guint i = 0; i < labels->len; i++)
    {
      const char *text = gtk_label_get_label (labels->pdata[i]);

      saw_effect |= g_str_equal (text, "Can read");
      saw_warning |= g_str_equal (text, "Covers the whole system")
                     && gtk_widget_get_visible (labels->pdata[i]);
    }
  g_assert_true (saw_effect);
  g_assert_true (saw_warning);

  /* Changing the selector asks for the change; the row itself edits nothing. */
  g_signal_connect (row, "mode-requested", G_CALLBACK (on_mode_requested), &requested);
  selectors = app_test_find_widgets (row, CORDON_TYPE_MODE_SELECTOR);
  g_assert_cmpuint (selectors->len, ==, 1);
  cordon_mode_selector_set_mode (selectors->pdata[0], CORDON_ACCESS_WRITE);
  g_assert_cmpint (requested, ==, CORDON_ACCESS_WRITE);
  g_assert_cmpint (cordon_fs_capability_get_access (root), ==, CORDON_ACCESS_READ);

  g_assert_finalize_object (row);
}

/* A saved profile whose Read rule an earlier run turned into a link (issue
 * 12): opening it keeps the rule, flagged on its row, and saving writes it
 * back as it was, never as the place the link now leads. */
static void
test_rule_row_planted_link (void)
{
  g_autofree char *dir = app_test_make_tmp_dir ();
  g_autofree char *scratch = g_build_filename (dir, "scratch", NULL);
  g_autofree char *ref = g_build_filename (scratch, "ref", NULL);
  g_autofree char *secret = g_build_filename (dir, "secret", NULL);
  g_autofree char *aside = g_build_filename (scratch, "ref.old", NULL);
  g_autofree char *profile = g_build_filename (dir, "profile.json", NULL);
  g_autofree char *json = NULL;
  g_autofree char *saved = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (profile);
  g_autoptr(CordonDocument) document = cordon_document_new ();
  g_autoptr(CordonFsCapability) rule = NULL;
  g_autoptr(GPtrArray) labels = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *row = g_object_ref_sink (cordon_rule_row_new ());
  gboolean saw_warning = FALSE;

  g_assert_no_errno (g_mkdir_with_parents (ref, 0700));
  g_assert_no_errno (g_mkdir_with_parents (secret, 0700));
  json = g_strdup_printf ("{ \"fs\": [ { \"path\": \"%s\", \"access\": \"ReadWrite\", "
                          "\"is_file\": false }, { \"path\": \"%s\", \"access\": \"Read\", "
                          "\"is_file\": false } ], \"net_blocked\": false }\n", scratch, ref);
  g_file_set_contents (profile, json, -1, &error);
  g_assert_no_error (error);
  g_assert_no_errno (g_rename (ref, aside));
  g_assert_no_errno (symlink (secret, ref));

  g_assert_true (app_test_load_document (document, file, &error));
  g_assert_no_error (error);
  rule = g_list_model_get_item (G_LIST_MODEL (cordon_document_get_caps (document)), 1);
  g_assert_cmpstr (cordon_fs_capability_get_planted_link (rule), ==, ref);
  g_assert_cmpstr (cordon_fs_capability_get_resolved (rule), ==, secret);

  cordon_rule_row_set_capability (CORDON_RULE_ROW (row), rule);
  labels = app_test_find_widgets (row, GTK_TYPE_LABEL);
  for (guint i = 0; i < labels->len; i++)
    saw_warning |= g_str_has_prefix (gtk_label_get_label (labels->pdata[i]), "Redirected here") &&
                   gtk_widget_get_visible (labels->pdata[i]);
  g_assert_true (saw_warning);

  saved = cordon_document_to_json (document);
  g_assert_null (strstr (saved, secret));
  g_assert_nonnull (strstr (saved, ref));

  g_assert_finalize_object (row);
  g_assert_no_errno (g_unlink (ref));
  g_assert_no_errno (g_rmdir (aside));
  g_assert_no_errno (g_rmdir (scratch));
  g_assert_no_errno (g_rmdir (secret));
  g_assert_no_errno (g_unlink (profile));
  g_assert_no_errno (g_rmdir (dir));
}

static void
test_rule_list_lifecycle (void)
{
  GtkWidget *list = cordon_rule_list_new ();
  g_autoptr(CordonCapabilitySet) caps = cordon_capability_set_new ();
  g_autoptr(GError) error = NULL;

  cordon_capability_set_allow_path (caps, "/usr", CORDON_ACCESS_READ, &error);
  g_assert_no_error (error);
  cordon_rule_list_set_caps (CORDON_RULE_LIST (list), caps);
  g_assert_true (cordon_rule_list_get_caps (CORDON_RULE_LIST (list)) == caps);
  check_widget_lifecycle (list);
}

static void
test_check_panel_lifecycle (void)
{
  GtkWidget *panel = cordon_check_panel_new ();
  g_autoptr(CordonCapabilitySet) caps = cordon_capability_set_new ();

  cordon_check_panel_set_caps (CORDON_CHECK_PANEL (panel), caps);
  check_widget_lifecycle (panel);
}

static void
test_window_lifecycle (void)
{
  CordonWindow *window = cordon_window_new (app);

  gtk_window_present (GTK_WINDOW (window));
  app_test_spin ();
  app_test_destroy_window (GTK_WINDOW (window));
}

static void
test_path_display (void)
{
  const char *home = g_get_home_dir ();
  g_autofree char *in_home = g_build_filename (home, "Projects", NULL);
  g_autofree char *homeevil = g_strconcat (home, "evil", NULL);
  g_autofree char *shown = NULL;
  g_autofree char *back = NULL;
  g_autofree char *shown_home = cordon_path_to_display (home);
  g_autofree char *shown_evil = cordon_path_to_display (homeevil);
  g_autofree char *shown_etc = cordon_path_to_display ("/etc");
  g_autofree char *relative = cordon_path_from_display ("Projects");

  shown = cordon_path_to_display (in_home);
  g_assert_cmpstr (shown, ==, "~/Projects");
  back = cordon_path_from_display (shown);
  g_assert_cmpstr (back, ==, in_home);
  g_assert_cmpstr (shown_home, ==, "~");
  /* A sibling whose name merely starts like the home folder is not in it. */
  g_assert_cmpstr (shown_evil, ==, homeevil);
  g_assert_cmpstr (shown_etc, ==, "/etc");
  g_assert_null (relative);
}

/* A path a program chose reads as itself: nothing in it moves text,
 * hides, or fakes an escape; ordinary letters stay as they are. */
static void
test_path_display_escaped (void)
{
  struct { const char *path; const char *shown; } cases[] = {
    { "/tmp/plain é ü", "/tmp/plain é ü" },
    { "/tmp/a\nb\tc\rd", "/tmp/a\\nb\\tc\\rd" },
    { "/tmp/invoice\u202Efdp.exe", "/tmp/invoice\\u202Efdp.exe" },
    { "/tmp/\u2066x\u2069\u200E\u200F\u202A\u202B\u202C\u202D\u2067\u2068",
      "/tmp/\\u2066x\\u2069\\u200E\\u200F\\u202A\\u202B\\u202C\\u202D\\u2067\\u2068" },
    { "/tmp/zero\u200Bwidth\u2028line", "/tmp/zero\\u200Bwidth\\u2028line" },
    { "/tmp/tag\U000E0041", "/tmp/tag\\U000E0041" },
    { "/tmp/bell\a\x7f", "/tmp/bell\\u0007\\u007F" },
    /* A real backslash is doubled, so "\\n" in a name is not a newline. */
    { "/tmp/fake\\n", "/tmp/fake\\\\n" },
    { "/tmp/bad\xff\xc3", "/tmp/bad\\xFF\\xC3" },
  };
  g_autofree char *in_home = g_build_filename (g_get_home_dir (), "a\nb", NULL);
  g_autofree char *shown_home = cordon_path_to_display_escaped (in_home);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *shown = cordon_path_to_display_escaped (cases[i].path);

      g_assert_cmpstr (shown, ==, cases[i].shown);
      g_assert_true (g_utf8_validate (shown, -1, NULL));
    }
  g_assert_cmpstr (shown_home, ==, "~/a\\nb");
}

static void
test_path_check (void)
{
  g_autofree char *dir = app_test_make_tmp_dir ();
  g_autofree char *file = app_test_write_file (dir, "notes.txt", "x");
  g_autofree char *missing = g_build_filename (dir, "nope", NULL);
  g_autofree char *path = NULL;
  g_autofree char *message = NULL;

  g_assert_cmpint (cordon_path_check ("", NULL, NULL), ==, CORDON_PATH_CHECK_EMPTY);

  g_assert_cmpint (cordon_path_check ("etc/hosts", &path, &message), ==,
                   CORDON_PATH_CHECK_INVALID);
  g_assert_null (path);
  g_assert_cmpstr (message, ==, "Type a full path, starting with / or ~");
  g_clear_pointer (&message, g_free);

  g_assert_cmpint (cordon_path_check (missing, &path, &message), ==, CORDON_PATH_CHECK_MISSING);
  g_assert_cmpstr (message, ==, "Nothing exists at this path");
  g_clear_pointer (&message, g_free);

  g_assert_cmpint (cordon_path_check (dir, &path, &message), ==, CORDON_PATH_CHECK_FOLDER);
  g_assert_cmpstr (path, ==, dir);
  g_clear_pointer (&path, g_free);
  g_clear_pointer (&message, g_free);

  g_assert_cmpint (cordon_path_check (file, &path, &message), ==, CORDON_PATH_CHECK_FILE);
  g_assert_cmpstr (path, ==, file);
  g_clear_pointer (&path, g_free);
  g_clear_pointer (&message, g_free);

  /* A pasted path with a stray space or newline at an end is found. */
  {
    g_autofree char *padded = g_strdup_printf ("  %s \n", dir);

    g_assert_cmpint (cordon_path_check (padded, &path, &message), ==, CORDON_PATH_CHECK_FOLDER);
    g_assert_cmpstr (path, ==, dir);
    g_clear_pointer (&path, g_free);
    g_clear_pointer (&message, g_free);
  }

  app_test_remove_tree (dir);
}

static void
test_words (void)
{
  g_autoptr(CordonFsCapability) etc_write = cordon_fs_capability_new ("/etc", "/etc",
                                                                      CORDON_ACCESS_READ_WRITE,
                                                                      FALSE);
  g_autoptr(CordonFsCapability) etc_read = cordon_fs_capability_new ("/etc", "/etc",
                                                                     CORDON_ACCESS_READ, FALSE);
  g_autoptr(CordonFsCapability) home = cordon_fs_capability_new (g_get_home_dir (),
                                                                 g_get_home_dir (),
                                                                 CORDON_ACCESS_READ, FALSE);
  g_autoptr(CordonFsCapability) tmp = cordon_fs_capability_new ("/tmp", "/tmp",
                                                                CORDON_ACCESS_READ_WRITE, FALSE);
  g_autoptr(CordonFsCapability) root = cordon_fs_capability_new ("/", "/", CORDON_ACCESS_READ,
                                                                 FALSE);
  g_autoptr(CordonFsCapability) root_rw = cordon_fs_capability_new ("/", "/",
                                                                    CORDON_ACCESS_READ_WRITE,
                                                                    FALSE);
  const char *root_read, *root_write;
  gboolean severe = TRUE;

  g_assert_cmpstr (cordon_access_mode_to_effect (CORDON_ACCESS_READ), ==, "Can read");
  g_assert_cmpstr (cordon_access_mode_to_effect (CORDON_ACCESS_READ_WRITE), ==,
                   "Can read and write");
  g_assert_cmpstr (cordon_access_mode_to_effect (CORDON_ACCESS_WRITE), ==,
                   "Can write but not read");
  g_assert_cmpstr (cordon_access_mode_to_label (CORDON_ACCESS_READ_WRITE), ==, "Read & Write");

  g_assert_nonnull (cordon_app_capability_get_warning (etc_write, &severe));
  g_assert_false (severe);
  g_assert_null (cordon_app_capability_get_warning (etc_read, NULL));
  g_assert_nonnull (cordon_app_capability_get_warning (home, &severe));
  g_assert_false (severe);
  g_assert_null (cordon_app_capability_get_warning (tmp, NULL));

  /* Writing the whole system is not the mild "covers the whole system". */
  root_read = cordon_app_capability_get_warning (root, &severe);
  g_assert_false (severe);
  root_write = cordon_app_capability_get_warning (root_rw, &severe);
  g_assert_true (severe);
  g_assert_cmpstr (root_read, !=, root_write);
}

static void
test_document_round_trip (void)
{
  g_autoptr(CordonDocument) document = cordon_document_new ();
  g_autoptr(CordonDocument) reopened = cordon_document_new ();
  g_autofree char *dir = app_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "p.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  CordonCapabilitySet *caps = cordon_document_get_caps (document);

  g_assert_true (cordon_document_is_pristine (document));
  cordon_capability_set_allow_path (caps, dir, CORDON_ACCESS_READ_WRITE, &error);
  g_assert_no_error (error);
  g_assert_true (cordon_document_get_modified (document));
  cordon_document_set_network_blocked (document, TRUE);

  g_assert_true (app_test_save_document (document, file, &error));
  g_assert_no_error (error);
  g_assert_false (cordon_document_get_modified (document));
  title = cordon_document_dup_title (document);
  g_assert_cmpstr (title, ==, "p.json");

  g_assert_true (app_test_load_document (reopened, file, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (cordon_document_get_caps (reopened))), ==, 1);
  g_assert_true (cordon_document_get_network_blocked (reopened));
  g_assert_false (cordon_document_get_modified (reopened));
  g_assert_false (cordon_document_is_pristine (reopened));

  app_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CordonApplication) application = app_test_init (&argc, &argv);
  int status;

  app = application;

  g_test_add_func ("/widgets/mode-selector/lifecycle", test_mode_selector_lifecycle);
  g_test_add_func ("/widgets/mode-selector/buttons", test_mode_selector_buttons);
  g_test_add_func ("/widgets/rule-row/lifecycle", test_rule_row_lifecycle);
  g_test_add_func ("/widgets/rule-row/shows-rule", test_rule_row_shows_rule);
  g_test_add_func ("/widgets/rule-row/planted-link", test_rule_row_planted_link);
  g_test_add_func ("/widgets/rule-list/lifecycle", test_rule_list_lifecycle);
  g_test_add_func ("/widgets/check-panel/lifecycle", test_check_panel_lifecycle);
  g_test_add_func ("/widgets/window/lifecycle", test_window_lifecycle);
  g_test_add_func ("/words/path-display", test_path_display);
  g_test_add_func ("/words/path-display-escaped", test_path_display_escaped);
  g_test_add_func ("/words/path-check", test_path_check);
  g_test_add_func ("/words/modes-and-warnings", test_words);
  g_test_add_func ("/document/round-trip", test_document_round_trip);

  status = g_test_run ();
  g_application_release (G_APPLICATION (app));
  return status;
}
