/* cordon-save-flow.c: the one way the app saves a profile
 *
 * The window's Save and Save As, the close question's Save and the run
 * panel's "Save the profile first" all come here, so a profile is saved,
 * reported and remembered the same way whoever asks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cordon-file-chooser.h"
#include "cordon-save-flow.h"

typedef struct
{
  CordonDocument    *document;
  GFile             *file;     /* where it is saved, once known */
  CordonStateFormat  previous; /* the format before Save As chose one */
} SaveFlow;

static void
save_flow_free (SaveFlow *flow)
{
  g_clear_object (&flow->document);
  g_clear_object (&flow->file);
  g_free (flow);
}

static void
explain_failure (GtkWindow *parent,
                 GFile     *file,
                 GError    *error)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  /* Translators: %s is a file name */
  heading = g_strdup_printf (_("Could Not Save “%s”"), name);
  dialog = adw_message_dialog_new (parent, heading, error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SaveFlow *flow = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;

  if (!cordon_document_save_finish (flow->document, result, &error))
    {
      /* A failed save leaves the document as it was, format included. */
      cordon_document_set_format (flow->document, flow->previous);
      explain_failure (g_task_get_source_object (task), flow->file, error);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  uri = g_file_get_uri (flow->file);
  gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
  g_task_return_boolean (task, TRUE);
}

static void
save_to (GTask *task,
         GFile *file)
{
  SaveFlow *flow = g_task_get_task_data (task);

  g_set_object (&flow->file, file);
  cordon_document_save_async (flow->document, file, g_task_get_cancellable (task), on_saved,
                              task);
}

static void
on_file_chosen (GFile             *file,
                CordonStateFormat  format,
                gpointer           user_data)
{
  GTask *task = user_data;
  SaveFlow *flow = g_task_get_task_data (task);

  if (file == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s",
                               _("Saving was cancelled"));
      g_object_unref (task);
      return;
    }
  cordon_document_set_format (flow->document, format);
  save_to (task, file);
}

void
cordon_save_flow_run_async (GtkWindow           *parent,
                            CordonDocument      *document,
                            gboolean             choose_file,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  SaveFlow *flow;
  GFile *file;
  GTask *task;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (CORDON_IS_DOCUMENT (document));

  task = g_task_new (parent, cancellable, callback, user_data);
  g_task_set_source_tag (task, cordon_save_flow_run_async);
  flow = g_new0 (SaveFlow, 1);
  flow->document = g_object_ref (document);
  flow->previous = cordon_document_get_format (document);
  g_task_set_task_data (task, flow, (GDestroyNotify) save_flow_free);

  file = cordon_document_get_file (document);
  if (file != NULL && !choose_file)
    save_to (task, file);
  else
    {
      g_autoptr(GFile) folder = file != NULL ? g_file_get_parent (file) : NULL;
      g_autofree char *name = file != NULL ? g_file_get_basename (file) : NULL;

      /* Save As offers the format too, set to the document's. */
      cordon_file_chooser_save_profile (parent,
                                        /* Translators: the suggested file name of a new
                                         * profile */
                                        name != NULL ? name : _("profile.json"),
                                        folder, cordon_document_get_format (document),
                                        on_file_chosen, task);
    }
}

gboolean
cordon_save_flow_run_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
