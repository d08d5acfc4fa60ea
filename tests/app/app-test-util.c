/* app-test-util.c: driving the real app in tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>

#include <glib/gstdio.h>

#include "app-test-util.h"
#include "cordon-window.h"

/* The test program's own XDG_DATA_HOME, removed when it exits. */
static char *data_home;

static void
remove_data_home (void)
{
  app_test_remove_tree (data_home);
  g_clear_pointer (&data_home, g_free);
}

CordonApplication *
app_test_init (int    *argc,
               char ***argv)
{
  g_autoptr(GError) error = NULL;
  CordonApplication *app;

  g_test_init (argc, argv, NULL);

  data_home = g_dir_make_tmp ("cordon-test-data-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  /* Else every run leaves one behind in /tmp. */
  atexit (remove_data_home);

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

static AdwToastOverlay *
find_overlay (GtkWidget *widget)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  g_autoptr(GPtrArray) inside = NULL;

  if (overlay != NULL)
    return ADW_TOAST_OVERLAY (overlay);
  inside = app_test_find_widgets (widget, ADW_TYPE_TOAST_OVERLAY);
  return inside->len > 0 ? inside->pdata[0] : NULL;
}

/* libadwaita shows each toast in an AdwToastWidget (private) with a
 * "toast" property; the ones already read are on their way out. */
static AdwToast *
shown_toast (AdwToastOverlay *overlay,
             GPtrArray       *read)
{
  GType widget_type = g_type_from_name ("AdwToastWidget");
  g_autoptr(GPtrArray) widgets = NULL;

  if (widget_type == 0)
    return NULL;  /* no toast was ever shown */
  widgets = app_test_find_widgets (GTK_WIDGET (overlay), widget_type);
  for (guint i = 0; i < widgets->len; i++)
    {
      g_autoptr(AdwToast) toast = NULL;

      g_object_get (widgets->pdata[i], "toast", &toast, NULL);
      if (toast != NULL && !g_ptr_array_find (read, toast, NULL))
        return g_steal_pointer (&toast);
    }
  return NULL;
}

#define TOAST_SHOW_MS 400

static gboolean
on_slept (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

static void
app_test_sleep (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, on_slept, &done);
  g_assert_true (app_test_wait (is_true, &done));
}

GStrv
app_test_take_toasts (GtkWidget *widget)
{
  AdwToastOverlay *overlay = find_overlay (widget);
  g_autoptr(GPtrArray) read = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GStrvBuilder) titles = g_strv_builder_new ();
  AdwToast *toast;

  if (overlay == NULL)
    return g_strv_builder_end (titles);
  /* Dismissing the shown toast shows the next one in the queue. */
  while ((toast = shown_toast (overlay, read)) != NULL)
    {
      g_strv_builder_add (titles, adw_toast_get_title (toast));
      g_ptr_array_add (read, toast);
      /* libadwaita 1.2 crashes when a toast is dismissed while it is still
       * animating in (its show animation takes 300 ms). */
      app_test_sleep (TOAST_SHOW_MS);
      adw_toast_dismiss (toast);
    }
  return g_strv_builder_end (titles);
}

char *
app_test_last_toast (GtkWidget *widget)
{
  g_auto(GStrv) titles = app_test_take_toasts (widget);
  guint n = g_strv_length (titles);

  return n > 0 ? g_strdup (titles[n - 1]) : NULL;
}

typedef struct
{
  GAsyncResult *result;
} Wait;

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
}

static gboolean
has_result (gpointer data)
{
  return ((Wait *) data)->result != NULL;
}

gboolean
app_test_load_document (CordonDocument *document,
                        GFile          *file,
                        GError        **error)
{
  Wait wait = { NULL };
  gboolean ok;

  cordon_document_load_async (document, file, NULL, on_done, &wait);
  g_assert_true (app_test_wait (has_result, &wait));
  ok = cordon_document_load_finish (document, wait.result, error);
  g_object_unref (wait.result);
  return ok;
}

gboolean
app_test_save_document (CordonDocument *document,
                        GFile          *file,
                        GError        **error)
{
  Wait wait = { NULL };
  gboolean ok;

  cordon_document_save_async (document, file, NULL, on_done, &wait);
  g_assert_true (app_test_wait (has_result, &wait));
  ok = cordon_document_save_finish (document, wait.result, error);
  g_object_unref (wait.result);
  return ok;
}

gboolean
app_test_file_is_open (gpointer data)
{
  GFile *file = data;
  GtkApplication *app = GTK_APPLICATION (g_application_get_default ());

  for (GList *l = gtk_application_get_windows (app); l != NULL; l = l->next)
    {
      GFile *open;

      if (!CORDON_IS_WINDOW (l->data))
        continue;
      open = cordon_document_get_file (cordon_window_get_document (l->data));
      if (open != NULL && g_file_equal (open, file))
        return TRUE;
    }
  return FALSE;
}

gboolean
app_test_document_is_saved (gpointer data)
{
  return !cordon_document_get_modified (data);
}

CordonWindow *
app_test_new_window (void)
{
  CordonWindow *window =
    cordon_window_new (CORDON_APPLICATION (g_application_get_default ()));

  gtk_window_present (GTK_WINDOW (window));
  app_test_spin ();
  return window;
}

CordonCapabilitySet *
app_test_window_caps (CordonWindow *window)
{
  return cordon_document_get_caps (cordon_window_get_document (window));
}
