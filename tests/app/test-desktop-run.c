/* test-desktop-run.c: a GTK 4 program started from the Run area shows its window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * As a user would: a new window, the Desktop app preset on top of what it
 * starts with, "gtk4-widget-factory" in the Run area. The program's window
 * is looked for on the X display with xwininfo (x11-utils).
 */
#include "config.h"

#include <string.h>

#include "app-test-util.h"
#include "cordon-run-panel-private.h"
#include "cordon-window-private.h"
#include "run-test-util.h"

static CordonApplication *app;

static gboolean
window_on_display (gpointer data)
{
  const char *title = data;
  const char *argv[] = { "xwininfo", "-root", "-tree", NULL };
  g_autofree char *out = NULL;
  g_autofree char *quoted = g_strdup_printf ("\"%s\"", title);

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, NULL, NULL))
    return FALSE;
  return strstr (out, quoted) != NULL;
}

static gboolean
window_gone (gpointer data)
{
  return !window_on_display (data);
}

static gboolean
program_ended (gpointer data)
{
  return !cordon_run_panel_get_running (data);
}

static char *
panel_output (CordonRunPanel *panel)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (cordon_run_panel_get_output_view (panel));
  GtkTextIter start;
  GtkTextIter end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
test_widget_factory (void)
{
  g_autofree char *factory = g_find_program_in_path ("gtk4-widget-factory");
  g_autofree char *xwininfo = g_find_program_in_path ("xwininfo");
  g_autofree char *output = NULL;
  CordonWindow *window;
  CordonRunPanel *panel;

  if (factory == NULL || xwininfo == NULL || g_getenv ("DISPLAY") == NULL)
    {
      g_test_skip ("needs an X display, gtk4-widget-factory (gtk-4-examples) and xwininfo "
                   "(x11-utils); build-aux/dev test provides them");
      return;
    }

  window = cordon_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  app_test_spin ();
  panel = cordon_window_get_run_panel (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.apply-preset", "s",
                                             "desktop-app"));
  g_assert_false (window_on_display ("GTK Widget Factory"));

  gtk_editable_set_text (GTK_EDITABLE (cordon_run_panel_get_command_entry (panel)),
                         "gtk4-widget-factory");
  cordon_run_panel_run (panel);
  if (!run_test_wait_for (window_on_display, "GTK Widget Factory", 60))
    {
      output = panel_output (panel);
      g_error ("no GTK Widget Factory window; the run said: %s", output);
    }
  g_assert_true (cordon_run_panel_get_running (panel));

  cordon_run_panel_stop (panel);
  g_assert_true (run_test_wait_for (program_ended, panel, 30));
  /* Stopping the program takes its window away. */
  g_assert_true (run_test_wait_for (window_gone, "GTK Widget Factory", 30));

  cordon_document_set_modified (cordon_window_get_document (window), FALSE);
  app_test_destroy_window (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  app = app_test_init (&argc, &argv);

  g_test_add_func ("/desktop-run/widget-factory", test_widget_factory);

  return g_test_run ();
}
