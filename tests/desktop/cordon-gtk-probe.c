/* cordon-gtk-probe.c: a GTK 4 program that opens a window and says so
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run inside the sandbox by test-desktop-programs: it exits 0 once its
 * window is mapped on the display, 1 if GTK cannot open the display (GTK
 * says why on stderr), 2 if the window never shows.
 */
#include "config.h"

#include <gtk/gtk.h>

static gboolean shown;

static void
on_map (GtkWidget *window)
{
  shown = TRUE;
}

static gboolean
on_timeout (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

int
main (int    argc,
      char **argv)
{
  GtkWidget *window;
  gboolean timed_out = FALSE;

  if (!gtk_init_check ())
    return 1;

  window = gtk_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), "Cordon GTK probe");
  gtk_window_set_child (GTK_WINDOW (window), gtk_label_new ("Inside the sandbox"));
  g_signal_connect (window, "map", G_CALLBACK (on_map), NULL);
  gtk_window_present (GTK_WINDOW (window));

  g_timeout_add_seconds (20, on_timeout, &timed_out);
  while (!shown && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!shown)
    return 2;

  g_print ("window shown on %s (%s)\n",
           gdk_display_get_name (gtk_widget_get_display (window)),
           G_OBJECT_TYPE_NAME (gtk_widget_get_display (window)));
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
