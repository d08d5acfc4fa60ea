/* cordon-window.c: one profile in one window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <unistd.h>

#include "cordon-app-util.h"
#include "cordon-check-panel.h"
#include "cordon-file-chooser.h"
#include "cordon-rule-list.h"
#include "cordon-run-panel.h"
#include "cordon-save-flow.h"
#include "cordon-session-bus.h"
#include "cordon-socket-list.h"
#include "cordon-window-private.h"

struct _CordonWindow
{
  AdwApplicationWindow parent_instance;

  AdwToastOverlay     *toast_overlay;
  AdwWindowTitle      *window_title;
  GtkRevealer         *support_banner;
  GtkLabel            *support_heading;
  GtkLabel            *support_details;
  CordonRuleList      *rule_list;
  CordonCheckPanel    *check_panel;
  CordonSocketList    *socket_list;
  CordonSessionBus    *session_bus;
  GtkSwitch           *network_switch;
  AdwFlap             *side_flap;
  GtkWidget           *side_button;
  guint                side_button_source;
  GtkWidget           *run_area;
  CordonRunPanel      *run_panel;
  GMenu               *presets_menu;

  CordonDocument      *document;
  GSettings           *settings;

  /* The last removal, for the toast's Undo. */
  GPtrArray           *removed;            /* the rules, in profile order */
  GArray              *removed_positions;  /* where each one was, ascending */
  CordonCapabilitySet *removed_from;
  AdwToast            *undo_toast;

  /* The file being read into this window, if any: the window is taken. */
  GFile               *loading;

  /* The close question on screen, if any: asking twice presents it. */
  GTask               *close_request;
};

G_DEFINE_FINAL_TYPE (CordonWindow, cordon_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_DOCUMENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
toast_text (CordonWindow *self,
            const char   *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

static void
show_error (CordonWindow *self,
            const char   *heading,
            const char   *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static char *
file_display_name (GFile *file)
{
  return g_file_get_basename (file);
}

static void
add_to_recent (GFile *file)
{
  g_autofree char *uri = g_file_get_uri (file);

  gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
}

static void
update_title (CordonWindow *self)
{
  g_autofree char *title = cordon_document_dup_title (self->document);
  g_autofree char *subtitle = cordon_document_dup_subtitle (self->document);
  g_autofree char *shown = NULL;

  /* The dot is how GNOME's editors mark unsaved changes. */
  if (cordon_document_get_modified (self->document))
    shown = g_strdup_printf ("• %s", title);
  else
    shown = g_strdup (title);

  adw_window_title_set_title (self->window_title, shown);
  adw_window_title_set_subtitle (self->window_title, subtitle != NULL ? subtitle : "");
  gtk_window_set_title (GTK_WINDOW (self), shown);
}

static void
on_caps_replaced (CordonWindow *self)
{
  CordonCapabilitySet *caps = cordon_document_get_caps (self->document);

  cordon_rule_list_set_caps (self->rule_list, caps);
  cordon_check_panel_set_caps (self->check_panel, caps);
  cordon_socket_list_set_caps (self->socket_list, caps);
  cordon_session_bus_set_caps (self->session_bus, caps);
}

/* Files ------------------------------------------------------------------ */

static CordonWindow *
find_window_for_file (CordonWindow *self,
                      GFile        *file)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (app == NULL)
    return NULL;
  for (GList *l = gtk_application_get_windows (app); l != NULL; l = l->next)
    {
      GFile *other;

      if (!CORDON_IS_WINDOW (l->data))
        continue;
      other = cordon_document_get_file (CORDON_WINDOW (l->data)->document);
      if (other != NULL && g_file_equal (other, file))
        return l->data;
      other = CORDON_WINDOW (l->data)->loading;
      if (other != NULL && g_file_equal (other, file))
        return l->data;
    }
  return NULL;
}

typedef struct
{
  CordonWindow *asker;   /* where the error is shown */
  CordonWindow *target;  /* where the file opens */
  GFile        *file;
} OpenData;

static void
open_data_free (OpenData *data)
{
  g_clear_object (&data->asker);
  g_clear_object (&data->target);
  g_clear_object (&data->file);
  g_free (data);
}

static void
on_file_loaded (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  OpenData *data = user_data;
  g_autoptr(GError) error = NULL;

  g_clear_object (&data->target->loading);
  if (!cordon_document_load_finish (CORDON_DOCUMENT (source), result, &error))
    {
      g_autofree char *name = file_display_name (data->file);
      g_autofree char *heading = NULL;

      if (data->target != data->asker)
        gtk_window_destroy (GTK_WINDOW (data->target));
      /* Translators: %s is a file name */
      heading = g_strdup_printf (_("Could Not Open “%s”"), name);
      show_error (data->asker, heading, error->message);
    }
  else
    {
      add_to_recent (data->file);
      gtk_window_present (GTK_WINDOW (data->target));
    }
  open_data_free (data);
}

void
cordon_window_open_file (CordonWindow *self,
                         GFile        *file)
{
  CordonWindow *target;
  OpenData *data;

  g_return_if_fail (CORDON_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if ((target = find_window_for_file (self, file)) != NULL)
    {
      gtk_window_present (GTK_WINDOW (target));
      return;
    }

  /* Never over somebody's work: only an untouched new profile is replaced. */
  if (cordon_document_is_pristine (self->document) && self->loading == NULL)
    target = self;
  else
    target = cordon_window_new (CORDON_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));

  data = g_new0 (OpenData, 1);
  data->asker = g_object_ref (self);
  data->target = g_object_ref (target);
  data->file = g_object_ref (file);
  g_set_object (&target->loading, file);
  cordon_document_load_async (target->document, file, NULL, on_file_loaded, data);
}

static void
on_open_chosen (GFile    *file,
                gpointer  user_data)
{
  g_autoptr(CordonWindow) self = user_data;

  if (file != NULL)
    cordon_window_open_file (self, file);
}

static GFile *
current_folder (CordonWindow *self)
{
  GFile *file = cordon_document_get_file (self->document);

  return file != NULL ? g_file_get_parent (file) : NULL;
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CordonWindow *self = CORDON_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = cordon_file_chooser_profile_filter ();
  g_autoptr(GFile) folder = current_folder (self);

  cordon_file_chooser_run (GTK_WINDOW (self), CORDON_CHOOSE_OPEN_FILE, _("Open Profile"),
                           _("_Open"), filter, NULL, folder,
                           on_open_chosen, g_object_ref (self));
}

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  /* The flow explained any failure; nothing else to do. */
  cordon_save_flow_run_finish (result, NULL);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CordonWindow *self = CORDON_WINDOW (widget);

  cordon_save_flow_run_async (GTK_WINDOW (self), self->document, FALSE, NULL, on_saved, NULL);
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CordonWindow *self = CORDON_WINDOW (widget);

  cordon_save_flow_run_async (GTK_WINDOW (self), self->document, TRUE, NULL, on_saved, NULL);
}

/* Running programs ------------------------------------------------------ */

static void
run_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  cordon_run_panel_run (CORDON_WINDOW (widget)->run_panel);
}

static void
stop_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  cordon_run_panel_stop (CORDON_WINDOW (widget)->run_panel);
}

/* The flap folds while the window is being laid out; showing the header's
 * button right then would change the header bar in the middle of drawing
 * it, so it waits for the next turn of the main loop. */
static gboolean
update_side_button (gpointer data)
{
  CordonWindow *self = data;

  self->side_button_source = 0;
  gtk_widget_set_visible (self->side_button, adw_flap_get_folded (self->side_flap));
  return G_SOURCE_REMOVE;
}

static void
on_side_folded (CordonWindow *self)
{
  if (self->side_button_source == 0)
    self->side_button_source = g_idle_add (update_side_button, self);
}

static void
toggle_side_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CordonWindow *self = CORDON_WINDOW (widget);

  if (adw_flap_get_folded (self->side_flap))
    adw_flap_set_reveal_flap (self->side_flap, !adw_flap_get_reveal_flap (self->side_flap));
}

/* Closing ---------------------------------------------------------------- *
 *
 * As in GNOME Console: one request asks everything closing needs (stop the
 * program? save the changes?) and answers close or cancel. Nothing is
 * stopped or thrown away until the whole answer is "close", and nothing is
 * remembered between requests. */

static void ask_save (GTask *task);

static AdwMessageDialog *
new_question (CordonWindow *self,
              const char   *heading)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, NULL));
  adw_message_dialog_set_close_response (dialog, "cancel");
  return dialog;
}

static void
return_close (GTask    *task,
              gboolean  close)
{
  CordonWindow *self = g_task_get_source_object (task);

  if (self->close_request == task)
    g_clear_object (&self->close_request);
  g_task_return_boolean (task, close);
  g_object_unref (task);
}

static void
on_stop_response (AdwMessageDialog *dialog,
                  const char       *response,
                  GTask            *task)
{
  if (g_str_equal (response, "stop"))
    ask_save (task);
  else
    return_close (task, FALSE);
}

/* Closing the window stops its program: ask first. */
static void
ask_stop (GTask *task)
{
  CordonWindow *self = g_task_get_source_object (task);
  g_autofree char *program = NULL;
  AdwMessageDialog *dialog;

  if (!cordon_run_panel_get_running (self->run_panel))
    {
      ask_save (task);
      return;
    }

  program = cordon_run_panel_dup_program_name (self->run_panel);
  dialog = new_question (self, _("Stop the Program?"));
  adw_message_dialog_format_body (dialog,
                                  /* Translators: %s is a program's name, e.g. "ls" */
                                  _("“%s” is still running. Closing the window stops it."),
                                  program != NULL ? program : "");
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "stop", _("_Stop and Close"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "stop", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_stop_response), task);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_close_saved (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  /* Not saved (cancelled, or failed and explained): the window stays. */
  return_close (user_data, cordon_save_flow_run_finish (result, NULL));
}

static void
on_save_response (AdwMessageDialog *dialog,
                  const char       *response,
                  GTask            *task)
{
  CordonWindow *self = g_task_get_source_object (task);

  if (g_str_equal (response, "discard"))
    return_close (task, TRUE);
  else if (g_str_equal (response, "save"))
    cordon_save_flow_run_async (GTK_WINDOW (self), self->document, FALSE, NULL,
                                on_close_saved, task);
  else
    return_close (task, FALSE);
}

static void
ask_save (GTask *task)
{
  CordonWindow *self = g_task_get_source_object (task);
  g_autofree char *title = NULL;
  AdwMessageDialog *dialog;

  if (!cordon_document_get_modified (self->document))
    {
      return_close (task, TRUE);
      return;
    }

  title = cordon_document_dup_title (self->document);
  dialog = new_question (self, _("Save Changes?"));
  adw_message_dialog_format_body (dialog,
                                  /* Translators: %s is the profile's name */
                                  _("“%s” has changes that are not saved. Changes that are "
                                    "not saved will be lost."),
                                  title);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  g_signal_connect (dialog, "response", G_CALLBACK (on_save_response), task);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
needs_asking (CordonWindow *self)
{
  return cordon_run_panel_get_running (self->run_panel)
         || cordon_document_get_modified (self->document);
}

void
cordon_window_confirm_close_async (CordonWindow        *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (CORDON_IS_WINDOW (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cordon_window_confirm_close_async);
  if (self->close_request != NULL)
    {
      /* One question at a time: this request waits for nobody. */
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               "Closing is being asked about already");
      g_object_unref (task);
      gtk_window_present (GTK_WINDOW (self));
      return;
    }
  if (needs_asking (self))
    {
      self->close_request = g_object_ref (task);
      gtk_window_present (GTK_WINDOW (self));
    }
  ask_stop (task);
}

gboolean
cordon_window_confirm_close_finish (CordonWindow  *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
save_window_state (CordonWindow *self)
{
  int width, height;

  if (self->settings == NULL)
    return;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)) && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_apply (self->settings);
}

void
cordon_window_close_without_asking (CordonWindow *self)
{
  g_return_if_fail (CORDON_IS_WINDOW (self));

  cordon_run_panel_stop (self->run_panel);
  save_window_state (self);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_close_confirmed (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  CordonWindow *self = CORDON_WINDOW (source);

  if (cordon_window_confirm_close_finish (self, result, NULL))
    cordon_window_close_without_asking (self);
}

static gboolean
cordon_window_close_request (GtkWindow *window)
{
  CordonWindow *self = CORDON_WINDOW (window);

  if (needs_asking (self))
    {
      cordon_window_confirm_close_async (self, NULL, on_close_confirmed, NULL);
      return TRUE;
    }

  save_window_state (self);
  return GTK_WINDOW_CLASS (cordon_window_parent_class)->close_request (window);
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

/* Rules ------------------------------------------------------------------ */

static void
on_add_chosen (GFile    *file,
               gpointer  user_data)
{
  g_autoptr(CordonWindow) self = user_data;
  g_autofree char *path = NULL;
  g_autofree char *display = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GError) error = NULL;

  if (file == NULL)
    return;
  if ((path = g_file_get_path (file)) == NULL)
    {
      toast_text (self, _("Only files on this computer can be added"));
      return;
    }
  if (!cordon_rule_list_add_path (self->rule_list, path, &error))
    {
      /* Already there: the list showed that rule, with its own message. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        toast_text (self, error->message);
      return;
    }
  display = cordon_path_to_display (path);
  /* Translators: %s is a path */
  title = g_strdup_printf (_("Added “%s”"), display);
  toast_text (self, title);
}

static void
add_folder_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  cordon_file_chooser_run (GTK_WINDOW (widget), CORDON_CHOOSE_OPEN_FOLDER,
                           _("Add a Folder"), _("_Add"), NULL, NULL, NULL,
                           on_add_chosen, g_object_ref (widget));
}

static void
add_file_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  cordon_file_chooser_run (GTK_WINDOW (widget), CORDON_CHOOSE_OPEN_FILE,
                           _("Add a File"), _("_Add"), NULL, NULL, NULL,
                           on_add_chosen, g_object_ref (widget));
}

static void
on_undo_toast_dismissed (CordonWindow *self)
{
  g_signal_handlers_disconnect_by_data (self->undo_toast, self);
  g_clear_object (&self->undo_toast);
}

static void
forget_removal (CordonWindow *self)
{
  g_ptr_array_set_size (self->removed, 0);
  g_array_set_size (self->removed_positions, 0);
  g_clear_weak_pointer (&self->removed_from);
  if (self->undo_toast != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->undo_toast, self);
      adw_toast_dismiss (self->undo_toast);
    }
  g_clear_object (&self->undo_toast);
}

static int
compare_positions (gconstpointer a,
                   gconstpointer b)
{
  guint pa = *(const guint *) a, pb = *(const guint *) b;

  return pa < pb ? -1 : pa > pb;
}

/* Removes the rules at @positions (any order), keeping them for Undo, and
 * says so with @title. */
static void
remove_rules (CordonWindow *self,
              GArray       *positions,
              const char   *title)
{
  CordonCapabilitySet *caps = cordon_document_get_caps (self->document);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (caps));
  AdwToast *toast;

  forget_removal (self);
  g_array_sort (positions, compare_positions);
  for (guint i = 0; i < positions->len; i++)
    {
      guint position = g_array_index (positions, guint, i);

      if (position >= n || (i > 0 && position == g_array_index (positions, guint, i - 1)))
        continue;
      g_ptr_array_add (self->removed, g_list_model_get_item (G_LIST_MODEL (caps), position));
      g_array_append_val (self->removed_positions, position);
    }
  if (self->removed->len == 0)
    return;
  /* From the end, so the positions still to remove stay where they were. */
  for (guint i = self->removed_positions->len; i > 0; i--)
    cordon_capability_set_remove (caps, g_array_index (self->removed_positions, guint, i - 1));
  g_set_weak_pointer (&self->removed_from, caps);

  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo-remove");
  self->undo_toast = g_object_ref (toast);
  /* Once gone (closed, timed out), it must not be dismissed again. */
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_undo_toast_dismissed), self,
                           G_CONNECT_SWAPPED);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
remove_rule_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CordonWindow *self = CORDON_WINDOW (widget);
  CordonCapabilitySet *caps = cordon_document_get_caps (self->document);
  guint position = g_variant_get_uint32 (parameter);
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(CordonFsCapability) rule = NULL;
  g_autofree char *display = NULL;
  g_autofree char *title = NULL;

  if (position >= g_list_model_get_n_items (G_LIST_MODEL (caps)))
    return;
  rule = g_list_model_get_item (G_LIST_MODEL (caps), position);
  display = cordon_path_to_display (cordon_fs_capability_get_resolved (rule));
  /* Translators: %s is a path */
  title = g_strdup_printf (_("Removed “%s”"), display);
  g_array_append_val (positions, position);
  remove_rules (self, positions, title);
}

/* A preset's group, all at once: (name, positions). */
static void
remove_rules_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CordonWindow *self = CORDON_WINDOW (widget);
  g_autoptr(GVariant) list = NULL;
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *title = NULL;
  const char *name;
  GVariantIter iter;
  guint position;

  g_variant_get (parameter, "(&s@au)", &name, &list);
  g_variant_iter_init (&iter, list);
  while (g_variant_iter_next (&iter, "u", &position))
    g_array_append_val (positions, position);
  /* Translators: %s is a preset's name, %u how many rules */
  title = g_strdup_printf (ngettext ("Removed “%s” (%u rule)", "Removed “%s” (%u rules)",
                                     positions->len),
                           name, positions->len);
  remove_rules (self, positions, title);
}

static void
undo_remove_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CordonWindow *self = CORDON_WINDOW (widget);
  CordonCapabilitySet *caps = cordon_document_get_caps (self->document);

  /* After a load the rules belong to a profile that is gone. In ascending
   * order each goes back exactly where it was. */
  if (self->removed_from == caps)
    for (guint i = 0; i < self->removed->len; i++)
      cordon_capability_set_insert (caps, g_array_index (self->removed_positions, guint, i),
                                    self->removed->pdata[i]);
  g_ptr_array_set_size (self->removed, 0);
  g_array_set_size (self->removed_positions, 0);
  g_clear_weak_pointer (&self->removed_from);
  if (self->undo_toast != NULL)
    g_signal_handlers_disconnect_by_data (self->undo_toast, self);
  g_clear_object (&self->undo_toast);
}

/* From the "is in the list already" toast: Read & Write for that rule. */
static void
widen_rule_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CordonWindow *self = CORDON_WINDOW (widget);
  CordonCapabilitySet *caps = cordon_document_get_caps (self->document);
  const char *resolved = g_variant_get_string (parameter, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (caps)); i++)
    {
      g_autoptr(CordonFsCapability) rule = g_list_model_get_item (G_LIST_MODEL (caps), i);
      g_autoptr(CordonFsCapability) widened = NULL;

      if (!g_str_equal (cordon_fs_capability_get_resolved (rule), resolved))
        continue;
      cordon_capability_set_set_access (caps, i, CORDON_ACCESS_READ_WRITE);
      widened = g_list_model_get_item (G_LIST_MODEL (caps), i);
      cordon_rule_list_reveal (self->rule_list, widened);
      return;
    }
}

static CordonPreset *
apply_preset (CordonWindow *self,
              const char   *id,
              guint        *n_added,
              GError      **error)
{
  g_autoptr(CordonPreset) preset = cordon_preset_lookup (id, error);
  guint added;

  if (preset == NULL)
    return NULL;
  added = cordon_preset_apply (preset, cordon_document_get_caps (self->document), NULL, NULL);
  if (n_added != NULL)
    *n_added = added;
  return g_steal_pointer (&preset);
}

static void
apply_preset_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CordonWindow *self = CORDON_WINDOW (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  g_autoptr(CordonPreset) preset = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;
  guint n_added;

  preset = apply_preset (self, id, &n_added, &error);
  name = preset != NULL ? cordon_preset_get_name (preset) : id;
  if (preset == NULL)
    {
      /* Translators: the first %s is a preset's name, the second the reason */
      title = g_strdup_printf (_("Could not apply “%s”: %s"), name, error->message);
    }
  else if (n_added == 0)
    {
      /* Translators: %s is a preset's name */
      title = g_strdup_printf (_("Nothing to add from “%s”: its paths are allowed already "
                                 "or missing on this computer"),
                               name);
    }
  else
    {
      /* Translators: %u is a number of rules, %s a preset's name */
      title = g_strdup_printf (ngettext ("Added %u rule from “%s”",
                                         "Added %u rules from “%s”", n_added),
                               n_added, name);
    }
  toast_text (self, title);
}

static void
fill_presets_menu (CordonWindow *self)
{
  g_autoptr(GListModel) presets = cordon_preset_list_all ();

  for (guint i = 0; i < g_list_model_get_n_items (presets); i++)
    {
      g_autoptr(CordonPreset) preset = g_list_model_get_item (presets, i);
      g_autoptr(GMenuItem) item = g_menu_item_new (cordon_preset_get_name (preset), NULL);

      g_menu_item_set_action_and_target_value (item, "win.apply-preset",
                                               g_variant_new_string (cordon_preset_get_id (preset)));
      g_menu_append_item (self->presets_menu, item);
    }
}

/* Set-up ----------------------------------------------------------------- */

static void
update_support_banner (CordonWindow *self)
{
  g_autoptr(CordonSupportInfo) info = cordon_support_info_get ();

  gboolean supported = cordon_support_info_get_is_supported (info);

  /* Root keeps the ownership of most of the system, and chmod is not
   * mediated: worth a warning even where the sandbox is complete. */
  if (supported && geteuid () == 0)
    gtk_label_set_label (self->support_heading,
                         _("Running as root: programs can still change the permissions of "
                           "files root owns"));
  gtk_label_set_label (self->support_details, cordon_support_info_get_details (info));
  gtk_revealer_set_reveal_child (self->support_banner, !supported || geteuid () == 0);
}

static void
restore_window_state (CordonWindow *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  /* Run from the build tree without GSETTINGS_SCHEMA_DIR, GSettings would
   * abort on a missing schema: then the window just does not remember. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    return;

  self->settings = g_settings_new_full (schema, NULL, NULL);
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
cordon_window_constructed (GObject *object)
{
  CordonWindow *self = CORDON_WINDOW (object);
  CordonCapabilitySet *caps = cordon_document_get_caps (self->document);
  static const char * const starter_presets[] = { "run-programs", "temporary-files" };

  G_OBJECT_CLASS (cordon_window_parent_class)->constructed (object);

  /* Something a new user can run at once, and safe: no network. */
  for (guint i = 0; i < G_N_ELEMENTS (starter_presets); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CordonPreset) preset = apply_preset (self, starter_presets[i], NULL, &error);

      if (preset == NULL)
        g_warning ("Cannot apply the preset %s: %s", starter_presets[i], error->message);
    }
  cordon_capability_set_set_network_blocked (caps, TRUE);
  cordon_document_set_modified (self->document, FALSE);

  on_caps_replaced (self);
  update_title (self);
  fill_presets_menu (self);
  update_support_banner (self);
  restore_window_state (self);
}

static void
cordon_window_dispose (GObject *object)
{
  CordonWindow *self = CORDON_WINDOW (object);

  if (self->removed != NULL)
    forget_removal (self);
  g_clear_pointer (&self->removed, g_ptr_array_unref);
  g_clear_pointer (&self->removed_positions, g_array_unref);
  g_clear_handle_id (&self->side_button_source, g_source_remove);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), CORDON_TYPE_WINDOW);
  g_clear_object (&self->document);
  g_clear_object (&self->settings);
  g_clear_object (&self->loading);

  G_OBJECT_CLASS (cordon_window_parent_class)->dispose (object);
}

static void
cordon_window_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CordonWindow *self = CORDON_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cordon_window_class_init (CordonWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = cordon_window_constructed;
  object_class->dispose = cordon_window_dispose;
  object_class->get_property = cordon_window_get_property;
  window_class->close_request = cordon_window_close_request;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, CORDON_TYPE_DOCUMENT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CORDON_TYPE_RULE_LIST);
  g_type_ensure (CORDON_TYPE_CHECK_PANEL);
  g_type_ensure (CORDON_TYPE_SOCKET_LIST);
  g_type_ensure (CORDON_TYPE_SESSION_BUS);
  g_type_ensure (CORDON_TYPE_RUN_PANEL);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/cordon-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CordonWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CordonWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, CordonWindow, support_banner);
  gtk_widget_class_bind_template_child (widget_class, CordonWindow, support_heading);
  gtk_widget_class_bind_template_child (widget_class, CordonWindow, support_details);
  gtk_widget_class_bind_template_child (widget_class, CordonWindow, rule_list);
  gtk_widget_class_bind_template_child (widget_class, CordonWindow, check_panel);
  gtk_widget_class_bind_template_child (widget_class, CordonWindow, socket_list);
  gtk_widget_class_bind_template_child (widget_class, CordonWindow, session_bus);
  gtk_widget_class_bind_template_child (widget_class, CordonWindow, network_switch);
  gtk_widget_class_bind_template_child (widget_class, CordonWindow, side_flap);
  gtk_widget_class_bind_template_child (widget_class, CordonWindow, side_button);
  gtk_widget_class_bind_template_child (widget_class, CordonWindow, run_area);
  gtk_widget_class_bind_template_child (widget_class, CordonWindow, run_panel);
  gtk_widget_class_bind_template_child (widget_class, CordonWindow, presets_menu);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_action);
  gtk_widget_class_install_action (widget_class, "win.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "win.add-folder", NULL, add_folder_action);
  gtk_widget_class_install_action (widget_class, "win.add-file", NULL, add_file_action);
  gtk_widget_class_install_action (widget_class, "win.apply-preset", "s", apply_preset_action);
  gtk_widget_class_install_action (widget_class, "win.remove-rule", "u", remove_rule_action);
  gtk_widget_class_install_action (widget_class, "win.undo-remove", NULL, undo_remove_action);
  gtk_widget_class_install_action (widget_class, "win.remove-rules", "(sau)", remove_rules_action);
  gtk_widget_class_install_action (widget_class, "win.widen-rule", "s", widen_rule_action);
  gtk_widget_class_install_action (widget_class, "win.run", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "win.stop", NULL, stop_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-side", NULL, toggle_side_action);
  /* F9 shows a folded-away side column, as in GNOME's other apps. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-side", NULL);
  /* Run is Ctrl+R (an application accelerator); Stop is its shifted twin.
   * A window binding, so the shortcut lives with the action it triggers. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.stop", NULL);
}

static void
cordon_window_init (CordonWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->removed = g_ptr_array_new_with_free_func (g_object_unref);
  self->removed_positions = g_array_new (FALSE, FALSE, sizeof (guint));

  g_signal_connect_object (self->side_flap, "notify::folded", G_CALLBACK (on_side_folded), self,
                           G_CONNECT_SWAPPED);
  self->document = cordon_document_new ();
  cordon_run_panel_set_document (self->run_panel, self->document);
  g_signal_connect_object (self->document, "notify::caps",
                           G_CALLBACK (on_caps_replaced), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "notify::modified",
                           G_CALLBACK (update_title), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "notify::title",
                           G_CALLBACK (update_title), self, G_CONNECT_SWAPPED);
  g_object_bind_property (self->document, "network-blocked",
                          self->network_switch, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE
                          | G_BINDING_INVERT_BOOLEAN);
}

CordonWindow *
cordon_window_new (CordonApplication *application)
{
  return g_object_new (CORDON_TYPE_WINDOW, "application", application, NULL);
}

CordonDocument *
cordon_window_get_document (CordonWindow *self)
{
  g_return_val_if_fail (CORDON_IS_WINDOW (self), NULL);
  return self->document;
}

CordonRuleList *
cordon_window_get_rule_list (CordonWindow *self)
{
  return self->rule_list;
}

CordonSessionBus *
cordon_window_get_session_bus (CordonWindow *self)
{
  return self->session_bus;
}

CordonCheckPanel *
cordon_window_get_check_panel (CordonWindow *self)
{
  return self->check_panel;
}

CordonSocketList *
cordon_window_get_socket_list (CordonWindow *self)
{
  return self->socket_list;
}

GtkSwitch *
cordon_window_get_network_switch (CordonWindow *self)
{
  return self->network_switch;
}

GtkRevealer *
cordon_window_get_support_banner (CordonWindow *self)
{
  return self->support_banner;
}

AdwWindowTitle *
cordon_window_get_window_title (CordonWindow *self)
{
  return self->window_title;
}

AdwFlap *
cordon_window_get_side_flap (CordonWindow *self)
{
  return self->side_flap;
}

GtkWidget *
cordon_window_get_run_area (CordonWindow *self)
{
  return self->run_area;
}

CordonRunPanel *
cordon_window_get_run_panel (CordonWindow *self)
{
  return self->run_panel;
}
