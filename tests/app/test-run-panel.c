/* test-run-panel.c: the Run area driven as a person drives it, running real programs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "app-test-util.h"
#include "cordon-recent-commands.h"
#include "cordon-run-panel-private.h"
#include "cordon-window-private.h"
#include "run-test-util.h"

static CordonApplication *app;

typedef struct
{
  GtkWindow      *window;
  CordonRunPanel *panel;
  CordonDocument *document;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->document = run_test_default_document ();
  fixture->panel = CORDON_RUN_PANEL (cordon_run_panel_new ());
  cordon_run_panel_set_document (fixture->panel, fixture->document);
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->panel));
  gtk_window_present (fixture->window);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  cordon_run_panel_stop (fixture->panel);
  app_test_destroy_window (fixture->window);
  g_assert_finalize_object (fixture->document);
}

static GtkWidget *
find_button (CordonRunPanel *panel,
             const char     *action)
{
  g_autoptr(GPtrArray) buttons = app_test_find_widgets (GTK_WIDGET (panel), GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    {
      const char *name = gtk_actionable_get_action_name (buttons->pdata[i]);

      if (name != NULL && g_str_equal (name, action))
        return buttons->pdata[i];
    }
  g_assert_not_reached ();
}

static gboolean
can_run (CordonRunPanel *panel)
{
  return gtk_widget_is_sensitive (find_button (panel, "run.start"));
}

static gboolean
is_not_running (gpointer data)
{
  return !cordon_run_panel_get_running (data);
}

static gboolean
has_output (gpointer data)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (cordon_run_panel_get_output_view (data));

  return gtk_text_buffer_get_char_count (buffer) > 0;
}

static char *
output_text (CordonRunPanel *panel)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (cordon_run_panel_get_output_view (panel));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static const char *
status_text (CordonRunPanel *panel)
{
  return gtk_label_get_label (cordon_run_panel_get_status_label (panel));
}

/* Whether the status line's icon is styled with @css_class. */
static gboolean
status_has_class (CordonRunPanel *panel,
                  const char     *css_class)
{
  GtkWidget *row = gtk_widget_get_parent (GTK_WIDGET (cordon_run_panel_get_status_label (panel)));

  for (GtkWidget *child = gtk_widget_get_first_child (row);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_IMAGE (child) && gtk_widget_get_visible (child)
        && gtk_widget_has_css_class (child, css_class))
      return TRUE;
  return FALSE;
}

/* Types @command and clicks Run. */
static void
press_run (CordonRunPanel *panel,
           const char     *command)
{
  gtk_editable_set_text (GTK_EDITABLE (cordon_run_panel_get_command_entry (panel)), command);
  g_assert_true (can_run (panel));
  g_signal_emit_by_name (find_button (panel, "run.start"), "clicked");
}

/* Runs @command to its end; returns the output. */
static char *
run_command (CordonRunPanel *panel,
             const char     *command)
{
  press_run (panel, command);
  g_assert_cmpstr (status_text (panel), ==, "Running…");
  g_assert_true (cordon_run_panel_get_running (panel));
  g_assert_true (run_test_wait_for (is_not_running, panel, 30));
  g_assert_true (can_run (panel));
  return output_text (panel);
}

static void
test_lifecycle (void)
{
  GtkWidget *panel = g_object_ref_sink (cordon_run_panel_new ());
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_child (GTK_WINDOW (window), panel);
  gtk_window_present (GTK_WINDOW (window));
  app_test_spin ();
  /* Nothing to run yet: no command, no profile. */
  g_assert_false (can_run (CORDON_RUN_PANEL (panel)));
  app_test_destroy_window (GTK_WINDOW (window));
  g_assert_finalize_object (panel);
}

static void
test_echo (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *output = NULL;

  g_assert_false (gtk_widget_is_sensitive (find_button (fixture->panel, "run.stop")));
  output = run_command (fixture->panel, "/bin/echo hello");
  g_assert_cmpstr (output, ==, "hello\n");
  g_assert_cmpstr (status_text (fixture->panel), ==, "Exited with status 0");
  g_assert_false (gtk_widget_is_sensitive (find_button (fixture->panel, "run.stop")));
}

static void
test_denied (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *dir = run_test_make_outside_dir ();
  g_autofree char *secret = app_test_write_file (dir, "secret.txt", "not for the sandbox\n");
  g_autofree char *command = g_strdup_printf ("cat '%s'", secret);
  g_autofree char *output = run_command (fixture->panel, command);

  g_assert_nonnull (strstr (output, "Permission denied"));
  g_assert_null (strstr (output, "not for the sandbox"));
  g_assert_cmpstr (status_text (fixture->panel), ==, "Exited with status 1");
  app_test_remove_tree (dir);
}

/* Error output is tagged (italic and coloured), ordinary output is not. */
static void
test_stderr_marked (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *output = run_command (fixture->panel,
                                         "sh -c 'echo to-out; sleep 0.2; echo to-err >&2'");
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (cordon_run_panel_get_output_view (fixture->panel));
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), "stderr");
  GtkTextIter out_start, err_start, err_end;
  PangoStyle style;

  g_assert_cmpstr (output, ==, "to-out\nto-err\n");
  g_assert_nonnull (tag);
  g_object_get (tag, "style", &style, NULL);
  g_assert_cmpint (style, ==, PANGO_STYLE_ITALIC);

  gtk_text_buffer_get_start_iter (buffer, &out_start);
  g_assert_false (gtk_text_iter_has_tag (&out_start, tag));
  gtk_text_buffer_get_iter_at_line (buffer, &err_start, 1);
  err_end = err_start;
  gtk_text_iter_forward_to_line_end (&err_end);
  g_assert_true (gtk_text_iter_has_tag (&err_start, tag));
  g_assert_true (gtk_text_iter_starts_tag (&err_start, tag));
  gtk_text_iter_backward_char (&err_end);
  g_assert_true (gtk_text_iter_has_tag (&err_end, tag));
}

/* Run and Stop share one place: only the button that can act shows, and
 * the keyboard focus moves from one to the other. */
static void
test_stop (Fixture       *fixture,
           gconstpointer  data)
{
  GtkWidget *run = find_button (fixture->panel, "run.start");
  GtkWidget *stop = find_button (fixture->panel, "run.stop");

  g_assert_true (gtk_widget_get_child_visible (run));
  g_assert_false (gtk_widget_get_child_visible (stop));

  gtk_editable_set_text (GTK_EDITABLE (cordon_run_panel_get_command_entry (fixture->panel)),
                         "sleep 60");
  g_assert_true (gtk_widget_grab_focus (run));
  press_run (fixture->panel, "sleep 60");
  g_assert_true (gtk_widget_is_sensitive (stop));
  g_assert_false (can_run (fixture->panel));
  g_assert_true (gtk_widget_get_child_visible (stop));
  g_assert_false (gtk_widget_get_child_visible (run));
  g_assert_true (gtk_widget_is_focus (stop));

  g_signal_emit_by_name (stop, "clicked");
  g_assert_true (run_test_wait_for (is_not_running, fixture->panel, 20));
  /* The person asked for it: said plainly, not as a warning. */
  g_assert_cmpstr (status_text (fixture->panel), ==, "Stopped. Killed by signal 15 (Terminated)");
  g_assert_false (status_has_class (fixture->panel, "warning"));
  g_assert_false (gtk_widget_is_sensitive (stop));
  g_assert_true (gtk_widget_get_child_visible (run));
  g_assert_true (gtk_widget_is_focus (run));
}

static void
test_missing_program (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *output = run_command (fixture->panel, "cordon-no-such-program --flag");

  g_assert_cmpstr (status_text (fixture->panel), ==,
                   "Could not start: cordon-no-such-program: not found");
  /* The status line says it; the output does not say it again. */
  g_assert_cmpstr (output, ==, "");
}

/* A program that dies of a signal by itself is worth a warning. */
static void
test_killed_is_warning (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *output = run_command (fixture->panel, "sh -c 'kill -TERM $$'");

  g_assert_cmpstr (status_text (fixture->panel), ==, "Killed by signal 15 (Terminated)");
  g_assert_true (status_has_class (fixture->panel, "warning"));
}

static char *
menu_item_target (GMenuModel *menu,
                  guint       index)
{
  g_autoptr(GVariant) target = g_menu_model_get_item_attribute_value (menu, index,
                                                                      G_MENU_ATTRIBUTE_TARGET,
                                                                      G_VARIANT_TYPE_STRING);

  return g_variant_dup_string (target, NULL);
}

/* Issue 18: `sh -c 'seq 1 30000; echo LAST >&2'` showed "1277LAST"; and
 * colour codes showed raw. */
static void
test_escapes_and_splicing (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *output =
    run_command (fixture->panel,
                 "sh -c 'seq 1 30000; echo LAST >&2; printf \"\\033[1;31mred\\033[0m\\n\"'");
  g_auto(GStrv) lines = g_strsplit (output, "\n", -1);
  guint next = 1;
  gboolean last_seen = FALSE;

  for (guint i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      if (g_str_equal (lines[i], "LAST"))
        last_seen = TRUE;
      else if (next <= 30000)
        g_assert_cmpint (g_ascii_strtoll (lines[i], NULL, 10), ==, next++);
      else
        g_assert_cmpstr (lines[i], ==, "red");
    }
  g_assert_true (last_seen);
  g_assert_cmpuint (next, ==, 30001);
}

static gboolean
at_end (gpointer data)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (data);

  return gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment)
         >= gtk_adjustment_get_upper (adjustment) - 1;
}

static gboolean
is_long (gpointer data)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (data);

  return gtk_adjustment_get_upper (adjustment) > 10 * gtk_adjustment_get_page_size (adjustment);
}

/* Large output: the view still shows its end once the text is measured,
 * and a new run follows its end again. */
static void
test_follows_the_end (Fixture       *fixture,
                      gconstpointer  data)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (cordon_run_panel_get_output_view (fixture->panel)),
                                                 GTK_TYPE_SCROLLED_WINDOW);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  gtk_window_set_default_size (fixture->window, 600, 400);
  first = run_command (fixture->panel, "seq 1 60000");
  /* Measuring that much text takes the view a while on a busy machine. */
  g_assert_true (run_test_wait_for (is_long, scroller, 30));
  g_assert_true (run_test_wait_for (at_end, scroller, 30));

  second = run_command (fixture->panel, "seq 1 300");
  /* A new run starts at its top and follows its end again. */
  g_assert_true (run_test_wait_for (at_end, scroller, 30));
}

/* The recent commands of an unsaved profile go with it when it is saved. */
static void
test_recent_follow_save_as (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GSettings) settings = cordon_recent_commands_settings ();
  GMenuModel *menu = cordon_run_panel_get_recent_menu (fixture->panel);
  g_autofree char *dir = app_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "named.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  g_autofree char *kept = NULL;

  g_settings_reset (settings, "recent-commands");
  output = run_command (fixture->panel, "/bin/echo before saving");
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 1);
  g_assert_true (app_test_save_document (fixture->document, file, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 1);
  kept = menu_item_target (menu, 0);
  g_assert_cmpstr (kept, ==, "/bin/echo before saving");
  app_test_remove_tree (dir);
}

/* Choosing a program starts a new command: the old arguments go. */
static void
test_program_replaces_command (Fixture       *fixture,
                               gconstpointer  data)
{
  GtkEditable *entry = GTK_EDITABLE (cordon_run_panel_get_command_entry (fixture->panel));

  gtk_editable_set_text (entry, "ls -l /usr");
  cordon_run_panel_set_program (fixture->panel, "/usr/bin/my program");
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "'/usr/bin/my program'");
}

/* What runs is the profile on screen, not the one on disk. */
static void
test_unsaved_edits_run (Fixture       *fixture,
                        gconstpointer  data)
{
  CordonCapabilitySet *caps = cordon_document_get_caps (fixture->document);
  g_autofree char *dir = run_test_make_outside_dir ();
  g_autofree char *file = app_test_write_file (dir, "visible-to-ls", "");
  g_autofree char *command = g_strdup_printf ("ls '%s'", dir);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  before = run_command (fixture->panel, command);
  g_assert_nonnull (strstr (before, "Permission denied"));
  g_assert_cmpstr (status_text (fixture->panel), !=, "Exited with status 0");

  g_assert_true (cordon_capability_set_allow_path (caps, dir, CORDON_ACCESS_READ, &error));
  g_assert_no_error (error);
  g_assert_true (cordon_document_get_modified (fixture->document));
  g_assert_null (cordon_document_get_file (fixture->document));

  after = run_command (fixture->panel, command);
  g_assert_cmpstr (after, ==, "visible-to-ls\n");
  g_assert_cmpstr (status_text (fixture->panel), ==, "Exited with status 0");
  app_test_remove_tree (dir);
}

/* More than the cap: the start goes, the end stays whole, and the view
 * says so. */
static void
test_output_cap (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *output = run_command (fixture->panel, "seq 1 400000");
  /* Not g_strsplit (): it calls strstr () once a line, and ASan's strstr
   * measures the whole rest of the text each time; 2 MiB of short lines took
   * minutes under --sanitize. g_strsplit_set () makes one pass. */
  g_auto(GStrv) lines = g_strsplit_set (output, "\n", -1);
  guint n = g_strv_length (lines);
  gint64 first;

  g_assert_cmpstr (status_text (fixture->panel), ==, "Exited with status 0");
  g_assert_cmpstr (lines[0], ==, "Earlier output was dropped (kept the last 2 MiB)");
  g_assert_cmpuint (strlen (output), <=, CORDON_OUTPUT_BUFFER_CAP + strlen (lines[0]) + 1);
  g_assert_cmpuint (strlen (output), >=, CORDON_OUTPUT_BUFFER_CAP / 2);
  /* Every kept line is whole and in order, up to the very last one. */
  g_assert_cmpstr (lines[n - 1], ==, "");
  g_assert_cmpstr (lines[n - 2], ==, "400000");
  first = g_ascii_strtoll (lines[1], NULL, 10);
  g_assert_cmpint (first, >, 1);
  for (guint i = 1; i < n - 1; i++)
    g_assert_cmpint (g_ascii_strtoll (lines[i], NULL, 10), ==, first + i - 1);
}

static void
test_vanished_rule_blocks (Fixture       *fixture,
                           gconstpointer  data)
{
  CordonCapabilitySet *caps = cordon_document_get_caps (fixture->document);
  g_autofree char *dir = run_test_make_outside_dir ();
  CordonRunner *runner = cordon_run_panel_get_runner (fixture->panel);
  g_autoptr(GError) error = NULL;

  g_assert_true (cordon_capability_set_allow_path (caps, dir, CORDON_ACCESS_READ, &error));
  g_assert_no_error (error);
  g_rmdir (dir);

  press_run (fixture->panel, "/bin/echo never");
  g_assert_false (cordon_run_panel_get_running (fixture->panel));
  g_assert_cmpint (cordon_runner_get_state (runner), ==, CORDON_RUN_STATE_IDLE);
  g_assert_true (g_str_has_prefix (status_text (fixture->panel), "Cannot run:"));
  g_assert_nonnull (strstr (status_text (fixture->panel), dir));

  /* Removing the rule takes the message with it. */
  cordon_capability_set_remove (caps, g_list_model_get_n_items (G_LIST_MODEL (caps)) - 1);
  g_assert_false (g_str_has_prefix (status_text (fixture->panel), "Cannot run:"));
}

static void
test_missing_cordon_run (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *saved = g_strdup (g_getenv ("CORDON_RUN"));

  g_setenv ("CORDON_RUN", "/nonexistent/cordon-run", TRUE);
  press_run (fixture->panel, "/bin/echo never");
  g_setenv ("CORDON_RUN", saved, TRUE);
  g_assert_false (cordon_run_panel_get_running (fixture->panel));
  g_assert_cmpstr (status_text (fixture->panel), ==,
                   "cordon-run was not found at /nonexistent/cordon-run");
}

static void
test_unreadable_command (Fixture       *fixture,
                         gconstpointer  data)
{
  GtkEntry *entry = cordon_run_panel_get_command_entry (fixture->panel);
  GtkLabel *error = cordon_run_panel_get_command_error (fixture->panel);

  gtk_editable_set_text (GTK_EDITABLE (entry), "echo \"not closed");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error)));
  g_assert_true (g_str_has_prefix (gtk_label_get_label (error), "This command cannot be read: "));
  g_assert_false (can_run (fixture->panel));

  gtk_editable_set_text (GTK_EDITABLE (entry), "echo \"closed\"");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (error)));
  g_assert_true (can_run (fixture->panel));

  gtk_editable_set_text (GTK_EDITABLE (entry), "   ");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (error)));
  g_assert_false (can_run (fixture->panel));
}

static void
test_unsupported_kernel (Fixture       *fixture,
                         gconstpointer  data)
{
  GtkWidget *run = find_button (fixture->panel, "run.start");

  gtk_editable_set_text (GTK_EDITABLE (cordon_run_panel_get_command_entry (fixture->panel)),
                         "/bin/echo hello");
  cordon_run_panel_set_unsupported (fixture->panel, "Landlock is not enabled in this kernel");
  g_assert_false (gtk_widget_is_sensitive (run));
  g_assert_nonnull (strstr (status_text (fixture->panel), "Landlock is not enabled"));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (run), "Landlock is not enabled"));
  cordon_run_panel_run (fixture->panel);
  g_assert_false (cordon_run_panel_get_running (fixture->panel));
}

static void
test_recent_commands (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GSettings) settings = cordon_recent_commands_settings ();
  GMenuModel *menu = cordon_run_panel_get_recent_menu (fixture->panel);
  GtkEntry *entry = cordon_run_panel_get_command_entry (fixture->panel);
  g_autofree char *out_a = NULL;
  g_autofree char *out_b = NULL;
  g_autofree char *out_c = NULL;
  g_autofree char *newest = NULL;
  g_autofree char *older = NULL;
  g_autofree char *label = NULL;

  /* Earlier tests ran commands with unsaved profiles too. */
  g_assert_nonnull (settings);
  g_settings_reset (settings, "recent-commands");
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 0);
  out_a = run_command (fixture->panel, "/bin/echo first_one");
  out_b = run_command (fixture->panel, "/bin/echo second");
  out_c = run_command (fixture->panel, "/bin/echo first_one");

  /* Newest first, no repeats; underscores survive the menu's mnemonics. */
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 2);
  newest = menu_item_target (menu, 0);
  older = menu_item_target (menu, 1);
  g_assert_cmpstr (newest, ==, "/bin/echo first_one");
  g_assert_cmpstr (older, ==, "/bin/echo second");
  g_menu_model_get_item_attribute (menu, 0, G_MENU_ATTRIBUTE_LABEL, "s", &label);
  g_assert_cmpstr (label, ==, "/bin/echo first__one");

  gtk_widget_activate_action (GTK_WIDGET (fixture->panel), "run.use-recent", "s", older);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "/bin/echo second");

  /* Another profile has its own list. */
  {
    g_autoptr(CordonDocument) other = run_test_default_document ();
    g_autofree char *dir = app_test_make_tmp_dir ();
    g_autofree char *path = g_build_filename (dir, "other.json", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(GError) error = NULL;

    g_assert_true (app_test_save_document (other, file, &error));
    cordon_run_panel_set_document (fixture->panel, other);
    g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 0);
    cordon_run_panel_set_document (fixture->panel, fixture->document);
    g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 2);
    app_test_remove_tree (dir);
  }
}

static void
test_working_dir (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *dir = app_test_make_tmp_dir ();
  g_autofree char *expected = g_strconcat (dir, "\n", NULL);
  g_autofree char *output = NULL;

  g_assert_false (gtk_widget_is_sensitive (find_button (fixture->panel, "run.clear-folder")));
  cordon_run_panel_set_working_dir (fixture->panel, dir);
  g_assert_true (gtk_widget_is_visible (find_button (fixture->panel, "run.clear-folder")));
  output = run_command (fixture->panel, "pwd");
  g_assert_cmpstr (output, ==, expected);

  g_signal_emit_by_name (find_button (fixture->panel, "run.clear-folder"), "clicked");
  g_assert_null (cordon_run_panel_get_working_dir (fixture->panel));
  g_assert_false (gtk_widget_is_visible (find_button (fixture->panel, "run.clear-folder")));
  app_test_remove_tree (dir);
}

/* Each panel runs its own program; stopping one leaves the other alone. */
static void
test_two_panels (Fixture       *fixture,
                 gconstpointer  data)
{
  Fixture other;

  fixture_set_up (&other, NULL);
  press_run (fixture->panel, "sleep 60");
  press_run (other.panel, "sh -c 'sleep 0.5; echo second panel'");
  g_assert_true (cordon_run_panel_get_running (fixture->panel));
  g_assert_true (cordon_run_panel_get_running (other.panel));
  g_assert_true (run_test_wait_for (has_output, other.panel, 20));
  g_assert_true (run_test_wait_for (is_not_running, other.panel, 20));
  g_assert_cmpstr (status_text (other.panel), ==, "Exited with status 0");
  g_assert_true (cordon_run_panel_get_running (fixture->panel));
  cordon_run_panel_stop (fixture->panel);
  g_assert_true (run_test_wait_for (is_not_running, fixture->panel, 20));
  fixture_tear_down (&other, NULL);
}

static gboolean
runner_stopped (gpointer data)
{
  return !cordon_runner_get_running (data);
}

/* A panel destroyed while its program runs stops the program. */
static void
test_destroy_while_running (void)
{
  g_autoptr(CordonDocument) document = run_test_default_document ();
  GtkWidget *panel = cordon_run_panel_new ();
  GtkWidget *window = gtk_window_new ();
  g_autoptr(CordonRunner) runner = NULL;

  cordon_run_panel_set_document (CORDON_RUN_PANEL (panel), document);
  gtk_window_set_child (GTK_WINDOW (window), panel);
  gtk_window_present (GTK_WINDOW (window));
  press_run (CORDON_RUN_PANEL (panel), "sleep 60");
  runner = g_object_ref (cordon_run_panel_get_runner (CORDON_RUN_PANEL (panel)));
  app_test_destroy_window (GTK_WINDOW (window));
  g_assert_true (run_test_wait_for (runner_stopped, runner, 20));
  g_assert_cmpstr (cordon_runner_get_status (runner), ==, "Killed by signal 15 (Terminated)");
}

/* The window: a new window runs its default profile through win.run (what
 * Ctrl+R activates), and the output shows the listing a new user expects. */
static void
test_window_runs (void)
{
  CordonWindow *window = cordon_window_new (app);
  CordonRunPanel *panel = cordon_window_get_run_panel (window);
  g_autofree char *output = NULL;
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.run");

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (cordon_run_panel_get_document (panel) == cordon_window_get_document (window));
  g_assert_true (gtk_widget_is_ancestor (GTK_WIDGET (panel), cordon_window_get_run_area (window)));
  g_assert_cmpstr (accels[0], ==, "<Control>r");

  gtk_editable_set_text (GTK_EDITABLE (cordon_run_panel_get_command_entry (panel)), "ls /usr");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL);
  g_assert_true (cordon_run_panel_get_running (panel));
  g_assert_true (run_test_wait_for (is_not_running, panel, 20));
  output = output_text (panel);
  g_assert_nonnull (strstr (output, "bin\n"));
  g_assert_nonnull (strstr (output, "lib\n"));
  g_assert_cmpstr (status_text (panel), ==, "Exited with status 0");

  /* With the network blocked (the default), a connection attempt fails at
   * socket(): EACCES. bash is on every Debian system and its /dev/tcp tells
   * "blocked" (Permission denied) from "allowed" (Connection refused: the
   * socket was made, nobody listens on the discard port). */
  g_clear_pointer (&output, g_free);
  gtk_editable_set_text (GTK_EDITABLE (cordon_run_panel_get_command_entry (panel)),
                         "/bin/bash -c 'exec 3<>/dev/tcp/127.0.0.1/9'");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL);
  g_assert_true (run_test_wait_for (is_not_running, panel, 20));
  output = output_text (panel);
  g_assert_nonnull (strstr (output, "socket: Permission denied"));
  g_assert_cmpstr (status_text (panel), ==, "Exited with status 1");

  /* The switch on, the same program gets its socket. */
  g_clear_pointer (&output, g_free);
  gtk_switch_set_active (cordon_window_get_network_switch (window), TRUE);
  g_assert_false (cordon_document_get_network_blocked (cordon_window_get_document (window)));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL);
  g_assert_true (run_test_wait_for (is_not_running, panel, 20));
  output = output_text (panel);
  g_assert_null (strstr (output, "Permission denied"));
  g_assert_nonnull (strstr (output, "connect: Connection refused"));
  g_assert_cmpstr (status_text (panel), ==, "Exited with status 1");

  app_test_destroy_window (GTK_WINDOW (window));
}

static gboolean
has_dialog (gpointer data)
{
  return app_test_find_dialog (data) != NULL;
}

static gboolean
has_no_dialog (gpointer data)
{
  return app_test_find_dialog (data) == NULL;
}

static gboolean
is_stopped (gpointer data)
{
  return !cordon_runner_get_running (data);
}

/* Closing over a running program asks; Cancel keeps both, "Stop and Close"
 * stops it and closes. */
static void
test_window_close_asks (void)
{
  CordonWindow *window = cordon_window_new (app);
  CordonRunPanel *panel = cordon_window_get_run_panel (window);
  g_autoptr(CordonRunner) runner = g_object_ref (cordon_run_panel_get_runner (panel));
  AdwMessageDialog *dialog;

  gtk_window_present (GTK_WINDOW (window));
  press_run (panel, "sleep 60");
  gtk_window_close (GTK_WINDOW (window));
  g_assert_true (run_test_wait_for (has_dialog, window, 5));
  dialog = app_test_find_dialog (GTK_WINDOW (window));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Stop the Program?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "“sleep” is still running"));
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  /* Not app_test_spin (): the spinner keeps the main context busy. */
  g_assert_true (run_test_wait_for (has_no_dialog, window, 5));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_true (cordon_run_panel_get_running (panel));

  g_object_ref (window);
  gtk_window_close (GTK_WINDOW (window));
  dialog = app_test_find_dialog (GTK_WINDOW (window));
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "stop");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (run_test_wait_for (is_stopped, runner, 20));
  g_assert_cmpstr (cordon_runner_get_status (runner), ==, "Killed by signal 15 (Terminated)");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_object_unref (window);
}

int
main (int   argc,
      char *argv[])
{
  app = app_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/run-panel/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/run-panel/lifecycle", test_lifecycle);
  ADD ("echo", test_echo);
  ADD ("denied", test_denied);
  ADD ("stderr-marked", test_stderr_marked);
  ADD ("stop", test_stop);
  ADD ("missing-program", test_missing_program);
  ADD ("killed-is-warning", test_killed_is_warning);
  ADD ("escapes-and-splicing", test_escapes_and_splicing);
  ADD ("follows-the-end", test_follows_the_end);
  ADD ("recent-follow-save-as", test_recent_follow_save_as);
  ADD ("program-replaces-command", test_program_replaces_command);
  ADD ("unsaved-edits-run", test_unsaved_edits_run);
  ADD ("output-cap", test_output_cap);
  ADD ("vanished-rule-blocks", test_vanished_rule_blocks);
  ADD ("missing-cordon-run", test_missing_cordon_run);
  ADD ("unreadable-command", test_unreadable_command);
  ADD ("unsupported-kernel", test_unsupported_kernel);
  ADD ("recent-commands", test_recent_commands);
  ADD ("working-dir", test_working_dir);
  ADD ("two-panels", test_two_panels);
  g_test_add_func ("/run-panel/destroy-while-running", test_destroy_while_running);
  g_test_add_func ("/run-panel/window-runs", test_window_runs);
  g_test_add_func ("/run-panel/window-close-asks", test_window_close_asks);

#undef ADD

  return g_test_run ();
}
