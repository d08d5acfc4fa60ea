/* test-blocked-list.c: "Blocked in This Run" and its Allow buttons, after a
 * real run, as a person uses them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>

#include <glib/gstdio.h>

#include "app-test-util.h"
#include "cordon-blocked-access.h"
#include "cordon-blocked-list.h"
#include "cordon-check-panel-private.h"
#include "cordon-rule-grant.h"
#include "cordon-run-panel-private.h"
#include "run-test-util.h"

static CordonApplication *app;

typedef struct
{
  GtkWindow      *window;
  CordonRunPanel *panel;
  CordonDocument *document;
  char           *dir;     /* outside every rule */
  char           *secret;  /* dir/secret.txt */
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *made = run_test_make_outside_dir ();
  GtkWidget *overlay = adw_toast_overlay_new ();

  fixture->dir = realpath (made, NULL);
  fixture->secret = g_build_filename (fixture->dir, "secret.txt", NULL);
  g_assert_true (g_file_set_contents (fixture->secret, "the secret\n", -1, NULL));
  fixture->document = run_test_default_document ();
  fixture->panel = CORDON_RUN_PANEL (cordon_run_panel_new ());
  cordon_run_panel_set_document (fixture->panel, fixture->document);
  fixture->window = GTK_WINDOW (gtk_window_new ());
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (fixture->panel));
  gtk_window_set_child (fixture->window, overlay);
  gtk_window_present (fixture->window);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  cordon_run_panel_stop (fixture->panel);
  app_test_destroy_window (fixture->window);
  g_assert_finalize_object (fixture->document);
  app_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->secret);
}

static gboolean
is_not_running (gpointer data)
{
  return !cordon_run_panel_get_running (data);
}

static void
run_to_end (Fixture    *fixture,
            const char *command)
{
  GtkWidget *entry = GTK_WIDGET (cordon_run_panel_get_command_entry (fixture->panel));

  gtk_editable_set_text (GTK_EDITABLE (entry), command);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->panel), "run.start", NULL));
  g_assert_true (run_test_wait_for (is_not_running, fixture->panel, 20));
  app_test_spin ();
}

static CordonBlockedList *
blocked_list (Fixture *fixture)
{
  g_autoptr (GPtrArray) lists = app_test_find_widgets (GTK_WIDGET (fixture->panel),
                                                       CORDON_TYPE_BLOCKED_LIST);

  g_assert_cmpuint (lists->len, ==, 1);
  return lists->pdata[0];
}

/* The titles of the list's rows, in order. */
static char *
row_titles (CordonBlockedList *list)
{
  g_autoptr (GPtrArray) rows = app_test_find_widgets (GTK_WIDGET (list), ADW_TYPE_ACTION_ROW);
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; i < rows->len; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? "\n" : "",
                            adw_preferences_row_get_title (rows->pdata[i]));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static GtkWidget *
row_button (CordonBlockedList *list,
            guint              row,
            const char        *action)
{
  g_autoptr (GPtrArray) rows = app_test_find_widgets (GTK_WIDGET (list), ADW_TYPE_ACTION_ROW);
  g_autoptr (GPtrArray) buttons = NULL;

  g_assert_cmpuint (row, <, rows->len);
  buttons = app_test_find_widgets (rows->pdata[row], GTK_TYPE_BUTTON);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_actionable_get_action_name (buttons->pdata[i]), action) == 0)
      return buttons->pdata[i];
  g_assert_not_reached ();
}

static guint
count_rules_for (CordonDocument *document,
                 const char     *path,
                 gboolean        is_file,
                 CordonAccessMode *out_mode)
{
  GListModel *rules = G_LIST_MODEL (cordon_document_get_caps (document));
  guint count = 0;

  for (guint i = 0; i < g_list_model_get_n_items (rules); i++)
    {
      g_autoptr (CordonFsCapability) rule = g_list_model_get_item (rules, i);

      if (g_str_equal (cordon_fs_capability_get_resolved (rule), path)
          && cordon_fs_capability_get_is_file (rule) == is_file)
        {
          count++;
          *out_mode = cordon_fs_capability_get_access (rule);
        }
    }
  return count;
}

/* A read refused, listed in words; Allow adds a Read rule for that one
 * file, and the next run reads it. */
static void
test_allow_read (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *command = g_strdup_printf ("cat %s", fixture->secret);
  g_autofree char *titles = NULL;
  g_autofree char *want = g_strdup_printf ("Wanted to read %s", fixture->secret);
  g_autofree char *toast = NULL;
  CordonBlockedList *list;
  CordonAccessMode mode = 0;

  run_to_end (fixture, command);
  list = blocked_list (fixture);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (list)));
  titles = row_titles (list);
  g_assert_cmpstr (titles, ==, want);

  g_signal_emit_by_name (row_button (list, 0, "blocked.allow"), "clicked");
  g_assert_cmpuint (count_rules_for (fixture->document, fixture->secret, TRUE, &mode), ==, 1);
  g_assert_cmpint (mode, ==, CORDON_ACCESS_READ);
  g_assert_true (cordon_document_get_modified (fixture->document));
  toast = app_test_last_toast (GTK_WIDGET (fixture->panel));
  g_assert_nonnull (toast);
  g_assert_true (g_str_has_prefix (toast, "Allowed reading "));

  run_to_end (fixture, command);
  g_assert_cmpint (cordon_runner_get_exit_status (cordon_run_panel_get_runner (fixture->panel)),
                   ==, 0);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (blocked_list (fixture))));
}

/* Writing a file the profile lets it read: Allow widens that rule to
 * ReadWrite instead of adding a second one. Allow Folder on a create
 * allows writing in the folder. */
static void
test_allow_widens_and_folder (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *command = NULL;
  g_autofree char *created = g_build_filename (fixture->dir, "new.txt", NULL);
  CordonBlockedList *list;
  CordonAccessMode mode = 0;
  g_autoptr (GError) error = NULL;

  g_assert_true (cordon_capability_set_allow_file (cordon_document_get_caps (fixture->document),
                                                   fixture->secret, CORDON_ACCESS_READ, &error));
  g_assert_no_error (error);
  command = g_strdup_printf ("sh -c 'echo x >> %s; echo y > %s'", fixture->secret, created);
  run_to_end (fixture, command);
  list = blocked_list (fixture);
  {
    g_autofree char *titles = row_titles (list);
    g_autofree char *want = g_strdup_printf ("Wanted to write %s\nWanted to create %s",
                                             fixture->secret, created);

    g_assert_cmpstr (titles, ==, want);
  }

  g_signal_emit_by_name (row_button (list, 0, "blocked.allow"), "clicked");
  g_assert_cmpuint (count_rules_for (fixture->document, fixture->secret, TRUE, &mode), ==, 1);
  g_assert_cmpint (mode, ==, CORDON_ACCESS_READ_WRITE);
  g_assert_false (gtk_widget_is_sensitive (row_button (list, 0, "blocked.allow")));

  g_signal_emit_by_name (row_button (list, 1, "blocked.allow-folder"), "clicked");
  g_assert_cmpuint (count_rules_for (fixture->document, fixture->dir, FALSE, &mode), ==, 1);
  g_assert_cmpint (mode, ==, CORDON_ACCESS_WRITE);

  run_to_end (fixture, command);
  g_assert_cmpint (cordon_runner_get_exit_status (cordon_run_panel_get_runner (fixture->panel)),
                   ==, 0);
  g_assert_true (g_file_test (created, G_FILE_TEST_EXISTS));
}

/* Undo takes back exactly what Allow did: the widened mode, the new rule,
 * the network. */
static void
test_undo (Fixture       *fixture,
           gconstpointer  data)
{
  CordonCapabilitySet *caps = cordon_document_get_caps (fixture->document);
  g_autofree char *json = g_strdup_printf ("{\"kind\":\"fs\",\"path\":\"%s\",\"access\":\"Write\","
                                           "\"operation\":\"open\"}", fixture->secret);
  g_autoptr (JsonNode) node = json_from_string (json, NULL);
  g_autoptr (JsonNode) net = json_from_string ("{\"kind\":\"network\",\"family\":\"inet\"}", NULL);
  g_autoptr (CordonBlockedAccess) access = cordon_blocked_access_new_from_json (json_node_get_object (node));
  g_autoptr (CordonBlockedAccess) network = cordon_blocked_access_new_from_json (json_node_get_object (net));
  g_autoptr (CordonRuleGrant) added = NULL;
  g_autoptr (CordonRuleGrant) widened = NULL;
  g_autoptr (CordonRuleGrant) unblocked = NULL;
  g_autoptr (GError) error = NULL;
  guint before = g_list_model_get_n_items (G_LIST_MODEL (caps));
  CordonAccessMode mode = 0;

  added = cordon_rule_grant_apply (caps, access, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (caps)), ==, before + 1);
  cordon_rule_grant_undo (added, caps);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (caps)), ==, before);

  g_assert_true (cordon_capability_set_allow_file (caps, fixture->secret, CORDON_ACCESS_READ,
                                                   &error));
  widened = cordon_rule_grant_apply (caps, access, FALSE, &error);
  g_assert_cmpuint (count_rules_for (fixture->document, fixture->secret, TRUE, &mode), ==, 1);
  g_assert_cmpint (mode, ==, CORDON_ACCESS_READ_WRITE);
  cordon_rule_grant_undo (widened, caps);
  g_assert_cmpuint (count_rules_for (fixture->document, fixture->secret, TRUE, &mode), ==, 1);
  g_assert_cmpint (mode, ==, CORDON_ACCESS_READ);

  cordon_capability_set_set_network_blocked (caps, TRUE);
  unblocked = cordon_rule_grant_apply (caps, network, FALSE, &error);
  g_assert_false (cordon_capability_set_is_network_blocked (caps));
  cordon_rule_grant_undo (unblocked, caps);
  g_assert_true (cordon_capability_set_is_network_blocked (caps));
}

/* Check Access offers Allow on a denied answer, and the answer turns. */
static void
test_check_access_allow (Fixture       *fixture,
                         gconstpointer  data)
{
  GtkWidget *panel = cordon_check_panel_new ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *overlay = adw_toast_overlay_new ();
  CordonCapabilitySet *caps = cordon_document_get_caps (fixture->document);
  CordonAccessMode mode = 0;

  cordon_check_panel_set_caps (CORDON_CHECK_PANEL (panel), caps);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), panel);
  gtk_window_set_child (GTK_WINDOW (window), overlay);
  gtk_window_present (GTK_WINDOW (window));
  gtk_editable_set_text (GTK_EDITABLE (cordon_check_panel_get_path_entry (CORDON_CHECK_PANEL (panel))),
                         fixture->secret);
  app_test_spin ();
  g_assert_true (g_str_has_prefix (cordon_check_panel_get_answer (CORDON_CHECK_PANEL (panel)),
                                   "Denied"));
  g_assert_true (gtk_widget_activate_action (panel, "check.allow", NULL));
  g_assert_cmpuint (count_rules_for (fixture->document, fixture->secret, TRUE, &mode), ==, 1);
  g_assert_cmpint (mode, ==, CORDON_ACCESS_READ);
  app_test_spin ();
  g_assert_true (g_str_has_prefix (cordon_check_panel_get_answer (CORDON_CHECK_PANEL (panel)),
                                   "Allowed"));
  app_test_destroy_window (GTK_WINDOW (window));
}

/* The dialog on screen now: one answered a moment ago may linger, hidden. */
static AdwMessageDialog *
shown_dialog (GtkWindow *parent)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  AdwMessageDialog *found = NULL;

  /* The newest: toplevels are listed in the order they were made. */
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_window_get_transient_for (window) == parent
          && gtk_widget_get_visible (GTK_WIDGET (window)))
        found = ADW_MESSAGE_DIALOG (window);
    }
  return found;
}

static gboolean
has_proposals (gpointer data)
{
  AdwMessageDialog *dialog = shown_dialog (data);

  return dialog != NULL
         && g_strcmp0 (adw_message_dialog_get_heading (dialog), "Add the Rules It Used?") == 0;
}

/* Learn from a Run…: asked first; cancelled, nothing runs. Run unconfined,
 * the rules it used are offered as a checklist; the checked ones are
 * added, and the next run, sandboxed, works. */
static void
test_learn_from_a_run (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *command = g_strdup_printf ("cat %s", fixture->secret);
  GtkWidget *entry = GTK_WIDGET (cordon_run_panel_get_command_entry (fixture->panel));
  CordonRunner *runner = cordon_run_panel_get_runner (fixture->panel);
  AdwMessageDialog *dialog;
  g_autoptr (GPtrArray) checks = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  CordonAccessMode mode = 0;
  gboolean offered = FALSE;

  gtk_editable_set_text (GTK_EDITABLE (entry), command);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->panel), "run.learn", NULL));
  dialog = shown_dialog (fixture->window);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "unconfined"));
  adw_message_dialog_response (dialog, "cancel");
  app_test_spin ();
  g_assert_cmpint (cordon_runner_get_state (runner), ==, CORDON_RUN_STATE_IDLE);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->panel), "run.learn", NULL));
  adw_message_dialog_response (shown_dialog (fixture->window), "run");
  g_assert_true (run_test_wait_for (has_proposals, fixture->window, 20));
  g_assert_cmpint (cordon_runner_get_exit_status (runner), ==, 0);
  dialog = shown_dialog (fixture->window);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Add the Rules It Used?");

  /* Every row checked; the secret file is among them, Read. */
  rows = app_test_find_widgets (adw_message_dialog_get_extra_child (dialog), ADW_TYPE_ACTION_ROW);
  checks = app_test_find_widgets (adw_message_dialog_get_extra_child (dialog),
                                  GTK_TYPE_CHECK_BUTTON);
  g_assert_cmpuint (rows->len, ==, checks->len);
  for (guint i = 0; i < rows->len; i++)
    {
      g_assert_true (gtk_check_button_get_active (checks->pdata[i]));
      if (strstr (adw_preferences_row_get_title (rows->pdata[i]), "secret.txt") != NULL)
        offered = TRUE;
    }
  g_assert_true (offered);
  adw_message_dialog_response (dialog, "add");
  app_test_spin ();
  g_assert_cmpuint (count_rules_for (fixture->document, fixture->secret, TRUE, &mode), ==, 1);
  g_assert_cmpint (mode, ==, CORDON_ACCESS_READ);

  run_to_end (fixture, command);
  g_assert_cmpint (cordon_runner_get_exit_status (runner), ==, 0);
}

/* The program names the file: "invoice" U+202E "fdp.exe", a newline,
 * "secret.txt" — unescaped, the row would read "…invoiceexe.pdf" on one
 * line and "secret.txt" on the next. */
#define HOSTILE_NAME "invoice\u202Efdp.exe\nsecret.txt"
#define HOSTILE_SHOWN "invoice\\u202Efdp.exe\\nsecret.txt"
/* The same name for dash's printf, so the command line stays one line. */
#define HOSTILE_PRINTF "invoice\\342\\200\\256fdp.exe\\nsecret.txt"

static char *
make_hostile (Fixture *fixture)
{
  char *hostile = g_build_filename (fixture->dir, HOSTILE_NAME, NULL);

  g_assert_true (g_file_set_contents (hostile, "hostile\n", -1, NULL));
  return hostile;
}

/* Every label under @widget: none holds the raw control or bidi characters. */
static gboolean
labels_hold (GtkWidget  *widget,
             const char *want)
{
  g_autoptr (GPtrArray) labels = app_test_find_widgets (widget, GTK_TYPE_LABEL);
  gboolean found = FALSE;

  for (guint i = 0; i < labels->len; i++)
    {
      const char *text = gtk_label_get_text (labels->pdata[i]);

      g_assert_null (strstr (text, "\u202E"));
      g_assert_null (strstr (text, "fdp.exe\n"));
      if (g_str_equal (text, want))
        found = TRUE;
    }
  return found;
}

/* A run really reports the hostile name; the row and its toast show it
 * escaped, and Allow adds the rule for the real file, which the next run
 * then reads. */
static void
test_hostile_name (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *hostile = make_hostile (fixture);
  g_autofree char *command = g_strdup_printf ("sh -c 'cat \"$(printf \"%s/" HOSTILE_PRINTF
                                              "\")\"'", fixture->dir);
  g_autofree char *want = g_strdup_printf ("Wanted to read %s/" HOSTILE_SHOWN, fixture->dir);
  g_autofree char *want_toast = g_strdup_printf ("Allowed reading %s/" HOSTILE_SHOWN,
                                                 fixture->dir);
  g_autofree char *titles = NULL;
  g_autofree char *toast = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  CordonBlockedList *list;
  CordonAccessMode mode = 0;

  run_to_end (fixture, command);
  g_assert_cmpint (cordon_runner_get_exit_status (cordon_run_panel_get_runner (fixture->panel)),
                   !=, 0);
  list = blocked_list (fixture);
  titles = row_titles (list);
  g_assert_cmpstr (titles, ==, want);
  rows = app_test_find_widgets (GTK_WIDGET (list), ADW_TYPE_ACTION_ROW);
  g_assert_true (labels_hold (rows->pdata[0], want));

  g_signal_emit_by_name (row_button (list, 0, "blocked.allow"), "clicked");
  g_assert_cmpuint (count_rules_for (fixture->document, hostile, TRUE, &mode), ==, 1);
  g_assert_cmpint (mode, ==, CORDON_ACCESS_READ);
  toast = app_test_last_toast (GTK_WIDGET (fixture->panel));
  g_assert_cmpstr (toast, ==, want_toast);

  run_to_end (fixture, command);
  g_assert_cmpint (cordon_runner_get_exit_status (cordon_run_panel_get_runner (fixture->panel)),
                   ==, 0);
}

/* Learn from a Run offers the hostile file escaped, and adds its real path. */
static void
test_learn_hostile_name (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *hostile = make_hostile (fixture);
  g_autofree char *command = g_strdup_printf ("sh -c 'cat \"$(printf \"%s/" HOSTILE_PRINTF
                                              "\")\"'", fixture->dir);
  g_autofree char *want = g_strdup_printf ("%s/" HOSTILE_SHOWN, fixture->dir);
  GtkWidget *entry = GTK_WIDGET (cordon_run_panel_get_command_entry (fixture->panel));
  AdwMessageDialog *dialog;
  g_autoptr (GPtrArray) rows = NULL;
  CordonAccessMode mode = 0;
  gboolean offered = FALSE;

  gtk_editable_set_text (GTK_EDITABLE (entry), command);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->panel), "run.learn", NULL));
  adw_message_dialog_response (shown_dialog (fixture->window), "run");
  g_assert_true (run_test_wait_for (has_proposals, fixture->window, 20));
  dialog = shown_dialog (fixture->window);
  rows = app_test_find_widgets (adw_message_dialog_get_extra_child (dialog), ADW_TYPE_ACTION_ROW);
  for (guint i = 0; i < rows->len; i++)
    if (labels_hold (rows->pdata[i], want))
      offered = TRUE;
  g_assert_true (offered);
  adw_message_dialog_response (dialog, "add");
  app_test_spin ();
  g_assert_cmpuint (count_rules_for (fixture->document, hostile, TRUE, &mode), ==, 1);
  g_assert_cmpint (mode, ==, CORDON_ACCESS_READ);
}

int
main (int    argc,
      char **argv)
{
  app = app_test_init (&argc, &argv);
  g_test_add ("/blocked-list/allow-read", Fixture, NULL, fixture_set_up, test_allow_read,
              fixture_tear_down);
  g_test_add ("/blocked-list/allow-widens-and-folder", Fixture, NULL, fixture_set_up,
              test_allow_widens_and_folder, fixture_tear_down);
  g_test_add ("/blocked-list/check-access-allow", Fixture, NULL, fixture_set_up,
              test_check_access_allow, fixture_tear_down);
  g_test_add ("/blocked-list/learn-from-a-run", Fixture, NULL, fixture_set_up,
              test_learn_from_a_run, fixture_tear_down);
  g_test_add ("/blocked-list/hostile-name", Fixture, NULL, fixture_set_up, test_hostile_name,
              fixture_tear_down);
  g_test_add ("/blocked-list/learn-hostile-name", Fixture, NULL, fixture_set_up,
              test_learn_hostile_name, fixture_tear_down);
  g_test_add ("/blocked-list/undo", Fixture, NULL, fixture_set_up, test_undo, fixture_tear_down);
  return g_test_run ();
}
