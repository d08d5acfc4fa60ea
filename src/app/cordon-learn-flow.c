/* cordon-learn-flow.c: Learn from a Run…, asked, run unconfined, proposed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Nothing is added without the person seeing it: the learned profile is
 * read back, every rule the document does not grant yet becomes a checked
 * row, and only the rows still checked are added.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "cordon-app-util.h"
#include "cordon-learn-flow.h"
#include "cordon-toast.h"

typedef struct
{
  GtkWidget      *widget;
  CordonDocument *document;
  CordonRunner   *runner;
  char          **argv;
  char           *working_dir;
  char           *file;
  GPtrArray      *proposals;  /* CordonFsCapability / CordonSocketCapability / NULL = network */
  GPtrArray      *checks;     /* the rows' GtkCheckButtons, in step with proposals */
} Learn;

/* NULL (the network) is a proposal too. */
static void
unref_if_any (gpointer item)
{
  if (item != NULL)
    g_object_unref (item);
}

static void
learn_free (Learn *learn)
{
  if (learn->file != NULL)
    g_unlink (learn->file);
  g_object_unref (learn->widget);
  g_object_unref (learn->document);
  g_object_unref (learn->runner);
  g_strfreev (learn->argv);
  g_free (learn->working_dir);
  g_free (learn->file);
  g_clear_pointer (&learn->proposals, g_ptr_array_unref);
  g_clear_pointer (&learn->checks, g_ptr_array_unref);
  g_free (learn);
}

static GtkWindow *
parent_window (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static const char *
mode_in_words (CordonAccessMode mode)
{
  if (mode == CORDON_ACCESS_READ)
    return _("Read");
  if (mode == CORDON_ACCESS_WRITE)
    return _("Write");
  return _("Read & Write");
}

static void
on_add_response (AdwMessageDialog *dialog,
                 const char       *response,
                 Learn            *learn)
{
  CordonCapabilitySet *caps = cordon_document_get_caps (learn->document);
  guint added = 0;

  /* One answer per dialog: it frees what the handler holds. */
  g_signal_handlers_disconnect_by_func (dialog, on_add_response, learn);
  if (g_str_equal (response, "add"))
    for (guint i = 0; i < learn->proposals->len; i++)
      {
        gpointer item = g_ptr_array_index (learn->proposals, i);

        if (!gtk_check_button_get_active (g_ptr_array_index (learn->checks, i)))
          continue;
        added++;
        if (item == NULL)
          cordon_capability_set_set_network_blocked (caps, FALSE);
        else if (CORDON_IS_FS_CAPABILITY (item))
          cordon_capability_set_insert (caps, G_MAXUINT, item);
        else
          cordon_capability_set_insert_socket (caps, G_MAXUINT, item);
      }
  if (added > 0)
    {
      g_autofree char *text = g_strdup_printf (ngettext ("Added %u rule", "Added %u rules", added),
                                               added);

      cordon_toast_show_text (learn->widget, text);
    }
  learn_free (learn);
}

static GtkWidget *
proposal_row (Learn      *learn,
              const char *title,
              const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  g_ptr_array_add (learn->checks, check);
  return row;
}

/* The learned rules the document does not grant yet. */
static void
propose (Learn               *learn,
         CordonCapabilitySet *learned,
         gboolean             learned_network)
{
  CordonCapabilitySet *caps = cordon_document_get_caps (learn->document);
  g_autoptr (CordonQueryContext) query = cordon_query_context_new (caps);
  GListModel *rules = G_LIST_MODEL (learned);
  GListModel *sockets = cordon_capability_set_get_sockets (learned);

  for (guint i = 0; i < g_list_model_get_n_items (rules); i++)
    {
      g_autoptr (CordonFsCapability) rule = g_list_model_get_item (rules, i);
      g_autoptr (CordonQueryResult) result =
        cordon_query_context_query_path (query, cordon_fs_capability_get_resolved (rule),
                                         cordon_fs_capability_get_access (rule), NULL);

      if (result != NULL && cordon_query_result_is_allowed (result))
        continue;
      g_ptr_array_add (learn->proposals, g_steal_pointer (&rule));
    }
  for (guint i = 0; i < g_list_model_get_n_items (sockets); i++)
    {
      g_autoptr (CordonSocketCapability) socket = g_list_model_get_item (sockets, i);

      if (!cordon_capability_set_socket_covered (caps,
                                                 cordon_socket_capability_get_resolved (socket)))
        g_ptr_array_add (learn->proposals, g_steal_pointer (&socket));
    }
  if (learned_network && cordon_capability_set_is_network_blocked (caps))
    g_ptr_array_add (learn->proposals, NULL);
}

static void
show_proposals (Learn *learn)
{
  AdwMessageDialog *dialog;
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  for (guint i = 0; i < learn->proposals->len; i++)
    {
      gpointer item = g_ptr_array_index (learn->proposals, i);
      g_autofree char *shown = NULL;
      g_autofree char *subtitle = NULL;

      if (item == NULL)
        {
          gtk_list_box_append (GTK_LIST_BOX (list),
                               proposal_row (learn, _("Network access"),
                                             _("It opened network sockets")));
          continue;
        }
      if (CORDON_IS_FS_CAPABILITY (item))
        {
          shown = cordon_path_to_display_escaped (cordon_fs_capability_get_resolved (item));
          subtitle = g_strdup_printf ("%s · %s",
                                      mode_in_words (cordon_fs_capability_get_access (item)),
                                      cordon_fs_capability_get_is_file (item) ? _("File")
                                                                              : _("Folder"));
        }
      else
        {
          shown = cordon_path_to_display_escaped (cordon_socket_capability_get_resolved (item));
          subtitle = g_strdup (_("Local socket"));
        }
      gtk_list_box_append (GTK_LIST_BOX (list), proposal_row (learn, shown, subtitle));
    }
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 360);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent_window (learn->widget),
                                                       _("Add the Rules It Used?"),
                                                       _("The program needed these, and the "
                                                         "profile does not allow them yet. "
                                                         "Uncheck what it should not have.")));
  adw_message_dialog_set_extra_child (dialog, scroller);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "add", _("_Add Rules"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "add");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_add_response), learn);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_finished (CordonRunner *runner,
             Learn        *learn)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CordonSandboxState) state = NULL;
  g_autoptr (CordonCapabilitySet) learned = NULL;

  g_signal_handlers_disconnect_by_data (runner, learn);
  if (cordon_runner_get_state (runner) == CORDON_RUN_STATE_FAILED
      || (state = cordon_sandbox_state_load_file (learn->file, &error)) == NULL
      || (learned = cordon_sandbox_state_to_caps (state, &error)) == NULL)
    {
      /* Translators: %s says why, e.g. the run's status */
      g_autofree char *text = g_strdup_printf (_("Nothing learned: %s"),
                                               error != NULL ? error->message
                                                             : cordon_runner_get_status (runner));

      cordon_toast_show_text (learn->widget, text);
      learn_free (learn);
      return;
    }

  learn->proposals = g_ptr_array_new_with_free_func (unref_if_any);
  learn->checks = g_ptr_array_new ();
  propose (learn, learned, !cordon_sandbox_state_get_network_blocked (state));
  if (learn->proposals->len == 0)
    {
      cordon_toast_show_text (learn->widget,
                              _("The profile already allows everything the program used"));
      learn_free (learn);
      return;
    }
  show_proposals (learn);
}

static void
on_warning_response (AdwMessageDialog *dialog,
                     const char       *response,
                     Learn            *learn)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *profile = NULL;
  int fd;

  g_signal_handlers_disconnect_by_func (dialog, on_warning_response, learn);
  if (!g_str_equal (response, "run"))
    {
      learn_free (learn);
      return;
    }
  fd = g_file_open_tmp ("cordon-learn-XXXXXX.json", &learn->file, &error);
  if (fd < 0)
    {
      cordon_toast_show_text (learn->widget, error->message);
      learn_free (learn);
      return;
    }
  close (fd);
  profile = cordon_document_to_json (learn->document);
  cordon_runner_set_learn_file (learn->runner, learn->file);
  g_signal_connect (learn->runner, "finished", G_CALLBACK (on_finished), learn);
  if (!cordon_runner_start (learn->runner, profile, (const char * const *) learn->argv,
                            learn->working_dir, NULL))
    return;  /* ::finished came already, and said why */
}

void
cordon_learn_flow_run (GtkWidget          *widget,
                       CordonDocument     *document,
                       CordonRunner       *runner,
                       const char * const *argv,
                       const char         *working_dir)
{
  AdwMessageDialog *dialog;
  Learn *learn;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (argv != NULL && argv[0] != NULL);

  learn = g_new0 (Learn, 1);
  learn->widget = g_object_ref (widget);
  learn->document = g_object_ref (document);
  learn->runner = g_object_ref (runner);
  learn->argv = g_strdupv ((char **) argv);
  learn->working_dir = g_strdup (working_dir);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent_window (widget),
                                                       _("Run Without the Sandbox?"), NULL));
  adw_message_dialog_format_body (dialog,
                                  /* Translators: %s is a program, e.g. "make" */
                                  _("To learn what it needs, “%s” runs unconfined: it can read, "
                                    "change and delete anything you can, and use the network. "
                                    "Afterwards Cordon shows the rules it used, for you to "
                                    "choose from. Only do this with a program you trust."),
                                  argv[0]);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "run",
                                    _("_Run Unconfined"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "run", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_warning_response), learn);
  gtk_window_present (GTK_WINDOW (dialog));
}
