/* app-test-util.c: driving the real app in tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "app-test-util.h"

CordonApplication *
app_test_init (int    *argc,
               char ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data_home = NULL;
  CordonApplication *app;

  g_test_init (argc, argv, NULL);

  data_home = g_dir_make_tmp ("cordon-test-data-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  gtk_init ();
  adw_init ();

  app = g_object_new (CORDON_TYPE_APPLICATION,
                      "application-id", APP_ID,
                      "flags", G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE,
                      "resource-base-path", RESOURCE_PREFIX,
                      NULL);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  /* Windows come and go in tests; the app must not quit in between. */
  g_application_hold (G_APPLICATION (app));
  return app;
}

static gboolean
on_timeout (gpointer data)
{
  gboolean *timed_out = data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
app_test_wait (gboolean (*condition) (gpointer),
               gpointer  data)
{
  gboolean timed_out = FALSE;
  guint source = g_timeout_add_seconds (5, on_timeout, &timed_out);
  gboolean result;

  /* Without a condition: run what is pending. A spinner or any animation
   * keeps work pending forever, so the timeout ends this too. */
  if (condition == NULL)
    {
      while (!timed_out && g_main_context_iteration (NULL, FALSE))
        ;
      if (!timed_out)
        g_source_remove (source);
      return TRUE;
    }

  while (!(result = condition (data)) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (source);
  return result;
}

void
app_test_spin (void)
{
  app_test_wait (NULL, NULL);
}

static gboolean
count_frame (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       data)
{
  guint *left = data;

  if (*left > 0)
    (*left)--;
  return *left > 0 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static gboolean
no_frames_left (gpointer data)
{
  return *(guint *) data == 0;
}

void
app_test_wait_frames (GtkWidget *widget,
                      guint      n)
{
  guint left = n;

  gtk_widget_queue_draw (widget);
  gtk_widget_add_tick_callback (widget, count_frame, &left, NULL);
  g_assert_true (app_test_wait (no_frames_left, &left));
}

static gboolean
is_last_reference (gpointer data)
{
  return G_OBJECT (data)->ref_count == 1;
}

void
app_test_destroy_window (GtkWindow *window)
{
  g_object_ref (window);
  gtk_window_destroy (window);
  /* GTK lets go of its references over the next iterations. */
  app_test_wait (is_last_reference, window);
  g_assert_finalize_object (window);
}

static void
find_widgets (GtkWidget *widget,
              GType      type,
              GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    find_widgets (child, type, found);
}

GPtrArray *
app_test_find_widgets (GtkWidget *widget,
                       GType      type)
{
  GPtrArray *found = g_ptr_array_new ();

  find_widgets (widget, type, found);
  return found;
}

AdwMessageDialog *
app_test_find_dialog (GtkWindow *parent)
{
  GListModel *toplevels = gtk_window_get_toplevels (); /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_window_get_transient_for (window) == parent)
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

char *
app_test_make_tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("cordon-app-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

char *
app_test_write_file (const char *dir,
                     const char *name,
                     const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

void
app_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        app_test_remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}
