/* cordon-export-flow.c: "Add to Applications", from the button to the toast
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cordon-desktop-export.h"
#include "cordon-export-flow.h"
#include "cordon-save-flow.h"
#include "cordon-toast.h"

typedef struct
{
  GtkWidget      *widget;
  CordonDocument *document;
  GStrv           argv;
} Export;

static void
export_free (Export *export)
{
  g_clear_object (&export->widget);
  g_clear_object (&export->document);
  g_strfreev (export->argv);
  g_free (export);
}

static GtkWindow *
parent_window (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

char *
cordon_export_flow_write (GtkWidget          *widget,
                          CordonDocument     *document,
                          const char * const *argv,
                          GError            **error)
{
  GFile *file = cordon_document_get_file (document);
  g_autofree char *profile_path = file != NULL ? g_file_get_path (file) : NULL;
  g_autofree char *name = NULL;
  g_autofree char *written = NULL;
  g_autofree char *message = NULL;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);
  g_return_val_if_fail (argv != NULL && argv[0] != NULL, NULL);
  g_return_val_if_fail (profile_path != NULL, NULL);

  written = cordon_desktop_export_write (profile_path, argv, &name, error);
  if (written == NULL)
    return NULL;
  /* Short, so the toast shows all of it; the menu is where to look. */
  /* Translators: %s is a menu entry's name */
  message = g_strdup_printf (_("Added “%s” to Applications"), name);
  cordon_toast_show_text (widget, message);
  return g_steal_pointer (&written);
}

static void
write_or_explain (Export *export)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *written = cordon_export_flow_write (export->widget, export->document,
                                                       (const char * const *) export->argv,
                                                       &error);

  if (written == NULL)
    {
      GtkWidget *dialog = adw_message_dialog_new (parent_window (export->widget),
                                                  _("Could Not Add to Applications"),
                                                  error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Export *export = user_data;

  /* Not saved: cancelled, or the save flow explained why. */
  if (cordon_save_flow_run_finish (result, NULL))
    write_or_explain (export);
  export_free (export);
}

static void
on_save_first_response (AdwMessageDialog *dialog,
                        const char       *response,
                        Export           *export)
{
  if (!g_str_equal (response, "save"))
    {
      export_free (export);
      return;
    }
  cordon_save_flow_run_async (parent_window (export->widget), export->document, FALSE, NULL,
                              on_saved, export);
}

void
cordon_export_flow_run (GtkWidget          *widget,
                        CordonDocument     *document,
                        const char * const *argv)
{
  g_autofree char *title = NULL;
  AdwMessageDialog *dialog;
  Export *export;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (CORDON_IS_DOCUMENT (document));
  g_return_if_fail (argv != NULL && argv[0] != NULL);

  export = g_new0 (Export, 1);
  export->widget = g_object_ref (widget);
  export->document = g_object_ref (document);
  export->argv = g_strdupv ((char **) argv);
  if (cordon_document_get_file (document) != NULL && !cordon_document_get_modified (document))
    {
      write_or_explain (export);
      export_free (export);
      return;
    }

  title = cordon_document_dup_title (document);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent_window (widget),
                                                       _("Save the Profile First?"), NULL));
  adw_message_dialog_format_body (dialog,
                                  /* Translators: %s is the profile's name */
                                  _("The menu entry runs the profile saved on disk. Save “%s” "
                                    "so that it runs with the rules you see here."),
                                  title);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_save_first_response), export);
  gtk_window_present (GTK_WINDOW (dialog));
}
