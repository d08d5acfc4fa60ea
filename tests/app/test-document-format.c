/* test-document-format.c: a profile keeps its file's format; Save As offers it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "app-test-util.h"
#include "cordon-document.h"
#include "cordon-window.h"

static CordonApplication *app;

static char *
read_text (const char *path)
{
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} Wait;

static gboolean
wait_done (gpointer data)
{
  return ((Wait *) data)->done;
}

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Wait *wait = user_data;

  wait->ok = cordon_document_load_finish (CORDON_DOCUMENT (source), result, &wait->error);
  wait->done = TRUE;
}

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Wait *wait = user_data;

  wait->ok = cordon_document_save_finish (CORDON_DOCUMENT (source), result, &wait->error);
  wait->done = TRUE;
}

static void
load (CordonDocument *document,
      GFile          *file)
{
  Wait wait = { 0 };

  cordon_document_load_async (document, file, NULL, on_loaded, &wait);
  g_assert_true (app_test_wait (wait_done, &wait));
  g_assert_no_error (wait.error);
  g_assert_true (wait.ok);
}

static void
save (CordonDocument *document)
{
  Wait wait = { 0 };

  cordon_document_save_async (document, NULL, NULL, on_saved, &wait);
  g_assert_true (app_test_wait (wait_done, &wait));
  g_assert_no_error (wait.error);
  g_assert_true (wait.ok);
}

static char *
nono_profile (const char *dir)
{
  return g_strdup_printf ("{\n  \"fs\": [\n    {\n      \"original\": \".\",\n"
                          "      \"resolved\": \"%s\",\n      \"access\": \"read+write\",\n"
                          "      \"is_file\": false\n    }\n  ],\n  \"net_blocked\": true\n}\n",
                          dir);
}

/* Opened in nono's form, saved in nono's form, original as it was typed. */
static void
test_keeps_nono (void)
{
  g_autofree char *dir = app_test_make_tmp_dir ();
  g_autofree char *json = nono_profile (dir);
  g_autofree char *path = app_test_write_file (dir, "nono.json", json);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(CordonDocument) document = cordon_document_new ();
  g_autofree char *saved = NULL;

  g_assert_cmpint (cordon_document_get_format (document), ==, CORDON_STATE_FORMAT_CORDON);
  load (document, file);
  g_assert_cmpint (cordon_document_get_format (document), ==, CORDON_STATE_FORMAT_NATIVE);

  cordon_document_set_network_blocked (document, FALSE);
  save (document);
  saved = read_text (path);
  g_assert_nonnull (strstr (saved, "\"original\": \".\""));
  g_assert_nonnull (strstr (saved, "\"access\": \"read+write\""));
  g_assert_null (strstr (saved, "\"path\""));
  g_assert_nonnull (strstr (saved, "\"net_blocked\": false"));

  app_test_remove_tree (dir);
}

static void
test_keeps_cordon (void)
{
  g_autofree char *dir = app_test_make_tmp_dir ();
  g_autofree char *json = g_strdup_printf ("{\"fs\": [{\"path\": \"%s\", \"access\": \"Read\", "
                                           "\"is_file\": false}], \"net_blocked\": false}", dir);
  g_autofree char *path = app_test_write_file (dir, "cordon.json", json);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(CordonDocument) document = cordon_document_new ();
  g_autofree char *saved = NULL;

  load (document, file);
  g_assert_cmpint (cordon_document_get_format (document), ==, CORDON_STATE_FORMAT_CORDON);
  save (document);
  saved = read_text (path);
  g_assert_nonnull (strstr (saved, "\"path\": "));
  g_assert_null (strstr (saved, "\"original\""));

  app_test_remove_tree (dir);
}

/* The Save As dialog offers the formats as file types, on the document's. */

static GtkFileChooser *
find_file_chooser (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (GTK_IS_FILE_CHOOSER_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return GTK_FILE_CHOOSER (window);
    }
  return NULL;
}

static gboolean
chooser_shown (gpointer data)
{
  return find_file_chooser () != NULL;
}

static gboolean
chooser_in_folder (gpointer data)
{
  g_autoptr(GFile) folder = gtk_file_chooser_get_current_folder (data);
  g_autoptr(GFile) expected = g_file_new_for_path (g_object_get_data (data, "expected-folder"));

  return folder != NULL && g_file_equal (folder, expected);
}

static gboolean
document_saved (gpointer data)
{
  return !cordon_document_get_modified (data) && cordon_document_get_file (data) != NULL;
}

static void
test_save_as_offers_format (void)
{
  g_autofree char *dir = app_test_make_tmp_dir ();
  g_autofree char *json = nono_profile (dir);
  g_autofree char *path = app_test_write_file (dir, "nono.json", json);
  g_autofree char *copy = g_build_filename (dir, "copy.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) copy_file = NULL;
  CordonWindow *window = cordon_window_new (app);
  CordonDocument *document = cordon_window_get_document (window);
  GtkFileChooser *chooser;
  g_autoptr(GListModel) filters = NULL;
  g_autoptr(GtkFileFilter) cordon_filter = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *original = NULL;

  copy_file = g_file_new_for_path (copy);
  gtk_window_present (GTK_WINDOW (window));
  cordon_window_open_file (window, file);
  g_assert_true (app_test_wait (document_saved, document));
  g_assert_cmpint (cordon_document_get_format (document), ==, CORDON_STATE_FORMAT_NATIVE);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.save-as", NULL);
  g_assert_true (app_test_wait (chooser_shown, NULL));
  chooser = find_file_chooser ();
  g_object_set_data_full (G_OBJECT (chooser), "expected-folder", g_strdup (dir), g_free);
  /* Offered as the file types, set to the format the file is in. */
  filters = gtk_file_chooser_get_filters (chooser);
  g_assert_cmpuint (g_list_model_get_n_items (filters), ==, 2);
  cordon_filter = g_list_model_get_item (filters, 0);
  g_assert_cmpstr (gtk_file_filter_get_name (cordon_filter), ==, "Cordon (seed format)");
  g_assert_cmpstr (gtk_file_filter_get_name (gtk_file_chooser_get_filter (chooser)), ==, "nono");

  /* Choose Cordon's format and another name. */
  gtk_file_chooser_set_filter (chooser, cordon_filter);
  /* It opens in the profile's folder; type another name there. */
  g_assert_true (app_test_wait (chooser_in_folder, chooser));
  gtk_file_chooser_set_current_name (chooser, "copy.json");
  app_test_wait_frames (GTK_WIDGET (chooser), 3);
  cordon_document_set_modified (document, TRUE);
  gtk_widget_activate (gtk_dialog_get_widget_for_response (GTK_DIALOG (chooser),
                                                           GTK_RESPONSE_ACCEPT));
  g_assert_true (app_test_wait (document_saved, document));

  g_assert_cmpint (cordon_document_get_format (document), ==, CORDON_STATE_FORMAT_CORDON);
  g_assert_true (g_file_equal (cordon_document_get_file (document), copy_file));
  saved = read_text (copy);
  g_assert_nonnull (strstr (saved, "\"path\": "));
  g_assert_null (strstr (saved, "\"original\""));
  /* The file it came from is untouched. */
  original = read_text (path);
  g_assert_cmpstr (original, ==, json);

  app_test_destroy_window (GTK_WINDOW (window));
  app_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  int status;

  app = app_test_init (&argc, &argv);

  g_test_add_func ("/document-format/keeps-nono", test_keeps_nono);
  g_test_add_func ("/document-format/keeps-cordon", test_keeps_cordon);
  g_test_add_func ("/document-format/save-as-offers-format", test_save_as_offers_format);

  status = g_test_run ();
  g_application_release (G_APPLICATION (app));
  return status;
}
