/* cordon-file-chooser.c: the one place that picks GtkFileChooserNative or GtkFileDialog
 *
 * GTK 4.10 deprecates GtkFileChooserNative for GtkFileDialog, which Debian 12's
 * GTK 4.8 does not have. Callers see one function either way.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cordon-file-chooser.h"

typedef struct
{
  CordonChooseMode        mode;
  CordonFileChosenFunc    callback;
  /* Saving a profile: the format is chosen too, as the file type. */
  CordonProfileChosenFunc profile_callback;
  CordonStateFormat       format;
  GtkFileFilter          *nono_filter;
  gpointer                user_data;
} ChooseData;

static void
choose_data_finish (ChooseData *data,
                    GFile      *file)
{
  if (data->profile_callback != NULL)
    data->profile_callback (file, data->format, data->user_data);
  else
    data->callback (file, data->user_data);
  g_clear_object (&data->nono_filter);
  g_free (data);
}

/* The formats a profile can be saved in, as file types: GTK 4.8's
 * gtk_file_chooser_set_choice() does not select a choice's option, and a
 * file type is where people look for a format anyway. */
static GtkFileFilter *
format_filter (const char *name)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_suffix (filter, "json");
  return filter;
}

static GtkFileFilter *
all_files_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("All Files"));
  gtk_file_filter_add_pattern (filter, "*");
  return filter;
}

GtkFileFilter *
cordon_file_chooser_profile_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Cordon Profiles"));
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_suffix (filter, "json");
  return filter;
}

#if GTK_CHECK_VERSION(4, 10, 0)

G_GNUC_BEGIN_IGNORE_DEPRECATIONS

static void
on_dialog_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  ChooseData *data = user_data;
  GtkFileDialog *dialog = GTK_FILE_DIALOG (source);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  switch (data->mode)
    {
    case CORDON_CHOOSE_OPEN_FOLDER:
      file = gtk_file_dialog_select_folder_finish (dialog, result, &error);
      break;
    case CORDON_CHOOSE_SAVE:
      file = gtk_file_dialog_save_finish (dialog, result, &error);
      break;
    case CORDON_CHOOSE_OPEN_FILE:
    default:
      file = gtk_file_dialog_open_finish (dialog, result, &error);
      break;
    }
  if (error != NULL && !g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED))
    g_warning ("File chooser failed: %s", error->message);

  /* GtkFileDialog has no choices: the format stays the one given. */
  choose_data_finish (data, file);
}

static void
run_chooser (GtkWindow     *parent,
             ChooseData    *data,
             const char    *title,
             const char    *accept_label,
             GtkFileFilter *filter,
             const char    *initial_name,
             GFile         *initial_folder)
{
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();

  gtk_file_dialog_set_title (dialog, title);
  gtk_file_dialog_set_modal (dialog, TRUE);
  if (accept_label != NULL)
    gtk_file_dialog_set_accept_label (dialog, accept_label);
  if (filter != NULL)
    {
      g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
      g_autoptr(GtkFileFilter) all = all_files_filter ();

      g_list_store_append (filters, filter);
      g_list_store_append (filters, all);
      gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
      gtk_file_dialog_set_default_filter (dialog, filter);
    }
  if (initial_name != NULL)
    gtk_file_dialog_set_initial_name (dialog, initial_name);
  if (initial_folder != NULL)
    gtk_file_dialog_set_initial_folder (dialog, initial_folder);

  switch (data->mode)
    {
    case CORDON_CHOOSE_OPEN_FOLDER:
      gtk_file_dialog_select_folder (dialog, parent, NULL, on_dialog_done, data);
      break;
    case CORDON_CHOOSE_SAVE:
      gtk_file_dialog_save (dialog, parent, NULL, on_dialog_done, data);
      break;
    case CORDON_CHOOSE_OPEN_FILE:
    default:
      gtk_file_dialog_open (dialog, parent, NULL, on_dialog_done, data);
      break;
    }
}

G_GNUC_END_IGNORE_DEPRECATIONS

#else /* GTK < 4.10 */

static void
on_native_response (GtkNativeDialog *native,
                    int              response,
                    gpointer         user_data)
{
  ChooseData *data = user_data;
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      if (data->profile_callback != NULL)
        data->format = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (native)) == data->nono_filter
                         ? CORDON_STATE_FORMAT_NATIVE
                         : CORDON_STATE_FORMAT_CORDON;
    }

  choose_data_finish (data, file);
  /* The reference taken in run_chooser kept the dialog alive until now. */
  g_object_unref (native);
}

static void
run_chooser (GtkWindow     *parent,
             ChooseData    *data,
             const char    *title,
             const char    *accept_label,
             GtkFileFilter *filter,
             const char    *initial_name,
             GFile         *initial_folder)
{
  GtkFileChooserAction action;
  GtkFileChooserNative *native;

  switch (data->mode)
    {
    case CORDON_CHOOSE_OPEN_FOLDER:
      action = GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER;
      break;
    case CORDON_CHOOSE_SAVE:
      action = GTK_FILE_CHOOSER_ACTION_SAVE;
      break;
    case CORDON_CHOOSE_OPEN_FILE:
    default:
      action = GTK_FILE_CHOOSER_ACTION_OPEN;
      break;
    }

  native = gtk_file_chooser_native_new (title, parent, action, accept_label, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  if (data->profile_callback != NULL)
    {
      g_autoptr(GtkFileFilter) cordon = format_filter (_("Cordon (seed format)"));

      data->nono_filter = format_filter (_("nono"));
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), cordon);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), data->nono_filter);
      gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (native),
                                   data->format == CORDON_STATE_FORMAT_NATIVE ? data->nono_filter
                                                                              : cordon);
    }
  else if (filter != NULL)
    {
      g_autoptr(GtkFileFilter) all = all_files_filter ();

      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), all);
      gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (native), filter);
    }
  if (initial_folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), initial_folder, NULL);
  if (initial_name != NULL && data->mode == CORDON_CHOOSE_SAVE)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), initial_name);

  g_signal_connect (native, "response", G_CALLBACK (on_native_response), data);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

#endif

void
cordon_file_chooser_run (GtkWindow           *parent,
                         CordonChooseMode     mode,
                         const char          *title,
                         const char          *accept_label,
                         GtkFileFilter       *filter,
                         const char          *initial_name,
                         GFile               *initial_folder,
                         CordonFileChosenFunc callback,
                         gpointer             user_data)
{
  g_autoptr(GFile) home = NULL;
  ChooseData *data;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (title != NULL);
  g_return_if_fail (callback != NULL);

  data = g_new0 (ChooseData, 1);
  data->mode = mode;
  data->callback = callback;
  data->user_data = user_data;
  /* Without a folder GTK opens on Recent (or, saving, in the current
   * directory, which is wherever the app was started from). */
  if (initial_folder == NULL)
    initial_folder = home = g_file_new_for_path (g_get_home_dir ());
  run_chooser (parent, data, title, accept_label, filter, initial_name, initial_folder);
}

void
cordon_file_chooser_save_profile (GtkWindow              *parent,
                                  const char             *initial_name,
                                  GFile                  *initial_folder,
                                  CordonStateFormat       format,
                                  CordonProfileChosenFunc callback,
                                  gpointer                user_data)
{
  g_autoptr(GtkFileFilter) filter = cordon_file_chooser_profile_filter ();
  ChooseData *data;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (callback != NULL);

  /* GTK >= 4.10's GtkFileDialog reports no file type: there the format
   * stays @format. */
  data = g_new0 (ChooseData, 1);
  data->mode = CORDON_CHOOSE_SAVE;
  data->profile_callback = callback;
  data->format = format;
  data->user_data = user_data;
  run_chooser (parent, data, _("Save Profile"), _("_Save"), filter, initial_name,
               initial_folder);
}
