/* cordon-run-panel.c: the Run area: a command, its output, its end
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sys/stat.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cordon-app-util.h"
#include "cordon-blocked-list.h"
#include "cordon-export-flow.h"
#include "cordon-file-chooser.h"
#include "cordon-learn-flow.h"
#include "cordon-recent-commands.h"
#include "cordon-run-panel-private.h"
#include "cordon-toast.h"

/* How long an unfinished line (a prompt) waits before it is shown anyway. */
#define PENDING_LINE_DELAY_MS 150

struct _CordonRunPanel
{
  GtkWidget        parent_instance;

  GtkEntry        *command_entry;
  GtkLabel        *command_error;
  GtkMenuButton   *recent_button;
  GMenu           *recent_menu;
  GtkWidget       *folder_row;
  GtkLabel        *folder_label;
  GtkStack        *run_stop_stack;
  GtkWidget       *run_button;
  GtkWidget       *stop_button;
  GtkSpinner      *status_spinner;
  GtkImage        *status_icon;
  GtkLabel        *status_label;
  GtkScrolledWindow *output_scroller;
  GtkTextView     *output_view;
  GtkBox          *sections;
  CordonOutputBuffer *output;

  CordonDocument  *document;
  CordonRunner    *runner;
  CordonBlockedList *blocked_list;
  GSettings       *settings;

  char           **argv;         /* the parsed command, NULL when empty or unreadable */
  char            *working_dir;
  char            *unsupported;  /* why this kernel cannot sandbox, or NULL */
  gboolean         focus_run_stop; /* keyboard focus stays on Run/Stop */
  gboolean         follow_end;     /* the view shows the newest output */
  guint            follow_tick;
  gboolean         stop_requested; /* this run ends because of Stop */
  gboolean         showing_vanished; /* the status names rules whose paths are gone */
  char            *hint;           /* the status line before any run */
  char            *recent_key;     /* the profile key the recent commands were kept under */
  CordonCapabilitySet *watched_caps;
  guint            flush_source;
};

G_DEFINE_FINAL_TYPE (CordonRunPanel, cordon_run_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_RUNNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_message (CordonRunPanel *self,
              const char     *text)
{
  cordon_toast_show_text (GTK_WIDGET (self), text);
}

/* Status ----------------------------------------------------------------- */

typedef enum
{
  STATUS_HINT,
  STATUS_STOPPED,
  STATUS_RUNNING,
  STATUS_SUCCESS,
  STATUS_WARNING,
  STATUS_ERROR,
} StatusKind;

static void
set_status (CordonRunPanel *self,
            StatusKind      kind,
            const char     *text)
{
  static const char * const classes[] = { "dim-label", "success", "warning", "error" };
  const char *icon = NULL;
  const char *css = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_icon), classes[i]);
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "dim-label");

  switch (kind)
    {
    case STATUS_HINT:
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "dim-label");
      break;
    case STATUS_STOPPED:
      icon = "media-playback-stop-symbolic";
      css = "dim-label";
      break;
    case STATUS_RUNNING:
      break;
    case STATUS_SUCCESS:
      icon = "emblem-ok-symbolic";
      css = "success";
      break;
    case STATUS_WARNING:
      icon = "dialog-warning-symbolic";
      css = "warning";
      break;
    case STATUS_ERROR:
    default:
      icon = "dialog-error-symbolic";
      css = "error";
      break;
    }

  self->showing_vanished = FALSE;
  gtk_spinner_set_spinning (self->status_spinner, kind == STATUS_RUNNING);
  gtk_widget_set_visible (GTK_WIDGET (self->status_spinner), kind == STATUS_RUNNING);
  gtk_widget_set_visible (GTK_WIDGET (self->status_icon), icon != NULL);
  if (icon != NULL)
    {
      gtk_image_set_from_icon_name (self->status_icon, icon);
      gtk_widget_add_css_class (GTK_WIDGET (self->status_icon), css);
    }
  gtk_label_set_label (self->status_label, text);
}

/* Stop takes Run's place while the program runs, and keyboard focus follows:
 * Space on Run, then Space again stops what it started. A disabled button
 * drops the focus before the other one shows (and between start and
 * running, Run is briefly disabled), so the wish is kept until a button can
 * take it, unless the focus has gone somewhere else meanwhile. */
static void
show_run_or_stop (CordonRunPanel *self,
                  gboolean        running,
                  GtkWidget      *focus)
{
  GtkWidget *shown = running ? self->stop_button : self->run_button;

  if (focus == self->run_button || focus == self->stop_button)
    self->focus_run_stop = TRUE;
  else if (focus != NULL)
    self->focus_run_stop = FALSE;

  gtk_stack_set_visible_child (self->run_stop_stack, shown);
  if (self->focus_run_stop && gtk_widget_is_sensitive (shown))
    gtk_widget_grab_focus (shown);
}

static void
update_actions (CordonRunPanel *self)
{
  gboolean running = cordon_runner_get_running (self->runner);
  gboolean can_run = !running && self->argv != NULL && self->unsupported == NULL
                     && self->document != NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  /* Before the actions change it. */
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "run.start", can_run);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "run.stop", running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "run.clear-folder",
                                 self->working_dir != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "run.add-to-applications",
                                 self->argv != NULL && self->document != NULL);
  gtk_widget_set_tooltip_text (self->run_button,
                               self->unsupported != NULL
                                 ? self->unsupported
                                 : _("Run the Program in the Sandbox (Ctrl+R)"));
  show_run_or_stop (self, running, focus);
}

/* The command ------------------------------------------------------------ */

static void
on_command_changed (CordonRunPanel *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->command_entry));
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) argv = NULL;
  gboolean blank = TRUE;

  for (const char *p = text; *p != '\0'; p++)
    blank = blank && g_ascii_isspace (*p);

  g_clear_pointer (&self->argv, g_strfreev);
  if (!blank && g_shell_parse_argv (text, NULL, &argv, &error))
    self->argv = g_steal_pointer (&argv);

  if (error != NULL)
    {
      g_autofree char *message = NULL;

      /* Translators: %s is GLib's reason, e.g. "Text ended before matching quote was found" */
      message = g_strdup_printf (_("This command cannot be read: %s"), error->message);
      gtk_label_set_label (self->command_error, message);
      gtk_widget_add_css_class (GTK_WIDGET (self->command_entry), "error");
    }
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->command_entry), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->command_error), error != NULL);
  update_actions (self);
}

/* A shell word as short as it can be: bare when nothing in it is special. */
static char *
shell_word (const char *word)
{
  for (const char *p = word; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && strchr ("@%+=:,./_-", *p) == NULL)
      return g_shell_quote (word);
  return *word == '\0' ? g_shell_quote (word) : g_strdup (word);
}

void
cordon_run_panel_set_program (CordonRunPanel *self,
                              const char     *program)
{
  g_autofree char *first = shell_word (program);

  /* A new program: the old one's arguments rarely fit it. */
  gtk_editable_set_text (GTK_EDITABLE (self->command_entry), first);
  gtk_editable_set_position (GTK_EDITABLE (self->command_entry), -1);
  gtk_widget_grab_focus (GTK_WIDGET (self->command_entry));
}

char *
cordon_run_panel_dup_program_name (CordonRunPanel *self)
{
  g_return_val_if_fail (CORDON_IS_RUN_PANEL (self), NULL);

  return self->argv != NULL ? g_path_get_basename (self->argv[0]) : NULL;
}

/* Recent commands -------------------------------------------------------- */

static char *
profile_key (CordonRunPanel *self)
{
  GFile *file = self->document != NULL ? cordon_document_get_file (self->document) : NULL;
  char *path = file != NULL ? g_file_get_path (file) : NULL;

  return path != NULL ? path : g_strdup ("");
}

static void
refresh_recent (CordonRunPanel *self)
{
  g_autofree char *key = profile_key (self);
  g_auto(GStrv) commands = cordon_recent_commands_get (self->settings, key);

  g_menu_remove_all (self->recent_menu);
  for (guint i = 0; commands[i] != NULL; i++)
    {
      g_autoptr(GMenuItem) item = NULL;
      g_auto(GStrv) parts = g_strsplit (commands[i], "_", -1);
      /* Menus read "_" as a mnemonic: "__" shows one. */
      g_autofree char *label = g_strjoinv ("__", parts);

      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (item, "run.use-recent",
                                               g_variant_new_string (commands[i]));
      g_menu_append_item (self->recent_menu, item);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->recent_button), commands[0] != NULL);
}

static void
use_recent_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CordonRunPanel *self = CORDON_RUN_PANEL (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->command_entry),
                         g_variant_get_string (parameter, NULL));
  gtk_editable_set_position (GTK_EDITABLE (self->command_entry), -1);
  gtk_widget_grab_focus (GTK_WIDGET (self->command_entry));
}

/* Output ----------------------------------------------------------------- */

/* Following the end is a state, not a measurement: while the text view
 * measures new text in the background it moves the adjustment about by
 * itself, so "is the view at the bottom?" would say no and the view would
 * stop following. Only the person turns it off, by scrolling up (wheel,
 * keys, the scrollbar); reaching the end again, by any means, turns it on. */
/* Once per frame at most: scrolling makes the view lay out the lines it
 * shows, and doing that for every chunk of a fast program costs seconds. */
static gboolean
follow_tick (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       data)
{
  CordonRunPanel *self = data;
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->output_scroller);

  self->follow_tick = 0;
  if (self->follow_end)
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment)
                                            - gtk_adjustment_get_page_size (adjustment));
  return G_SOURCE_REMOVE;
}

static void
queue_follow (CordonRunPanel *self)
{
  if (self->follow_tick == 0)
    self->follow_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->output_view), follow_tick,
                                                      self, NULL);
}

static void
on_output_scrolled (GtkAdjustment  *adjustment,
                    CordonRunPanel *self)
{
  double bottom = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);

  if (gtk_adjustment_get_value (adjustment) >= bottom - 4)
    self->follow_end = TRUE;
  else if (self->follow_end)
    /* The view moved itself (it keeps its top line in place while it
     * measures); the person did not ask for that. */
    queue_follow (self);
}

static gboolean
on_output_wheel (GtkEventControllerScroll *controller,
                 double                    dx,
                 double                    dy,
                 CordonRunPanel           *self)
{
  if (dy < 0)
    self->follow_end = FALSE;
  return FALSE;
}

static gboolean
on_output_key (GtkEventControllerKey *controller,
               guint                  keyval,
               guint                  keycode,
               GdkModifierType        state,
               CordonRunPanel        *self)
{
  if (keyval == GDK_KEY_Up || keyval == GDK_KEY_Page_Up || keyval == GDK_KEY_Home
      || keyval == GDK_KEY_KP_Up || keyval == GDK_KEY_KP_Page_Up || keyval == GDK_KEY_KP_Home)
    self->follow_end = FALSE;
  return FALSE;
}

static void
on_scrollbar_pressed (GtkGestureClick *gesture,
                      int              n_press,
                      double           x,
                      double           y,
                      CordonRunPanel  *self)
{
  self->follow_end = FALSE;
}

static void
watch_output_scrolling (CordonRunPanel *self)
{
  GtkEventController *controller;

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "scroll", G_CALLBACK (on_output_wheel), self);
  gtk_widget_add_controller (GTK_WIDGET (self->output_scroller), controller);

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (on_output_key), self);
  gtk_widget_add_controller (GTK_WIDGET (self->output_view), controller);

  controller = GTK_EVENT_CONTROLLER (gtk_gesture_click_new ());
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "pressed", G_CALLBACK (on_scrollbar_pressed), self);
  gtk_widget_add_controller (gtk_scrolled_window_get_vscrollbar (self->output_scroller),
                             controller);
}

/* The text grew (or was measured at last): keep showing its end. */
static void
on_output_measured (GtkAdjustment  *adjustment,
                    CordonRunPanel *self)
{
  if (self->follow_end)
    queue_follow (self);
}

static void
clear_output (CordonRunPanel *self)
{
  g_clear_handle_id (&self->flush_source, g_source_remove);
  cordon_output_buffer_clear (self->output);
  self->follow_end = TRUE;
}

static gboolean
flush_pending_line (gpointer data)
{
  CordonRunPanel *self = data;

  self->flush_source = 0;
  cordon_output_buffer_flush (self->output);
  return G_SOURCE_REMOVE;
}

static void
on_runner_output (CordonRunPanel *self,
                  const char     *text,
                  gboolean        is_stderr)
{
  cordon_output_buffer_append (self->output,
                               is_stderr ? CORDON_OUTPUT_STDERR : CORDON_OUTPUT_STDOUT,
                               text);
  /* A prompt ("Password: ") has no newline yet, and must still be seen. */
  g_clear_handle_id (&self->flush_source, g_source_remove);
  if (cordon_output_buffer_get_has_pending (self->output))
    self->flush_source = g_timeout_add (PENDING_LINE_DELAY_MS, flush_pending_line, self);
}

/* cordon-run's own refusal is its only output, and the status line says
 * it already ("Could not start: …"): once is enough. */
static void
forget_own_failure_line (CordonRunPanel *self)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->output);
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  const char *newline;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  newline = strchr (text, '\n');
  if (g_str_has_prefix (text, "cordon-run: ") && (newline == NULL || newline[1] == '\0'))
    cordon_output_buffer_clear (self->output);
}

static void
on_runner_finished (CordonRunPanel *self)
{
  const char *status = cordon_runner_get_status (self->runner);

  g_clear_handle_id (&self->flush_source, g_source_remove);
  cordon_output_buffer_finish (self->output);

  switch (cordon_runner_get_state (self->runner))
    {
    case CORDON_RUN_STATE_EXITED:
      set_status (self, cordon_runner_get_exit_status (self->runner) == 0
                          ? STATUS_SUCCESS : STATUS_WARNING,
                  status);
      break;
    case CORDON_RUN_STATE_SIGNALED:
      /* A Stop the person asked for is what they wanted, not a problem. */
      if (self->stop_requested)
        {
          g_autofree char *stopped = NULL;

          /* Translators: %s says how, e.g. "Killed by signal 15 (Terminated)" */
          stopped = g_strdup_printf (_("Stopped. %s"), status);
          set_status (self, STATUS_STOPPED, stopped);
        }
      else
        set_status (self, STATUS_WARNING, status);
      break;
    case CORDON_RUN_STATE_FAILED:
      forget_own_failure_line (self);
      set_status (self, STATUS_ERROR, status);
      break;
    case CORDON_RUN_STATE_IDLE:
    case CORDON_RUN_STATE_RUNNING:
    default:
      set_status (self, STATUS_ERROR, status);
      break;
    }
}

static void
on_runner_running (CordonRunPanel *self)
{
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

/* Running ---------------------------------------------------------------- */

/* Rules the kernel would be handed but whose paths are gone (or changed
 * from folder to file): cordon-run refuses those profiles, so say which. */
static char *
describe_vanished_rules (CordonRunPanel *self)
{
  GListModel *caps = G_LIST_MODEL (cordon_document_get_caps (self->document));
  g_autoptr(GPtrArray) vanished = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *list = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (caps); i++)
    {
      g_autoptr(CordonFsCapability) rule = g_list_model_get_item (caps, i);
      const char *path = cordon_fs_capability_get_resolved (rule);
      struct stat st;

      if (stat (path, &st) == 0
          && S_ISDIR (st.st_mode) != cordon_fs_capability_get_is_file (rule))
        continue;
      g_ptr_array_add (vanished, cordon_path_to_display (path));
    }
  if (vanished->len == 0)
    return NULL;

  g_ptr_array_add (vanished, NULL);
  list = g_strjoinv (", ", (char **) vanished->pdata);
  return g_strdup_printf (ngettext ("Cannot run: this rule’s path is gone or changed type: %s. "
                                    "Remove the rule or put the path back.",
                                    "Cannot run: these rules’ paths are gone or changed type: "
                                    "%s. Remove the rules or put the paths back.",
                                    vanished->len - 1),
                          list);
}

void
cordon_run_panel_run (CordonRunPanel *self)
{
  g_autofree char *vanished = NULL;
  g_autofree char *cordon_run = NULL;
  g_autofree char *profile = NULL;
  g_autofree char *key = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (CORDON_IS_RUN_PANEL (self));

  if (cordon_runner_get_running (self->runner) || self->document == NULL)
    return;
  if (self->unsupported != NULL)
    {
      set_status (self, STATUS_ERROR, self->unsupported);
      return;
    }
  if (self->argv == NULL)
    {
      set_status (self, STATUS_ERROR,
                  gtk_widget_get_visible (GTK_WIDGET (self->command_error))
                    ? gtk_label_get_label (self->command_error)
                    : _("Type a program to run, with its arguments"));
      gtk_widget_grab_focus (GTK_WIDGET (self->command_entry));
      return;
    }
  if ((vanished = describe_vanished_rules (self)) != NULL)
    {
      set_status (self, STATUS_ERROR, vanished);
      self->showing_vanished = TRUE;
      return;
    }
  if ((cordon_run = cordon_runner_find_cordon_run (&error)) == NULL)
    {
      set_status (self, STATUS_ERROR, error->message);
      return;
    }

  clear_output (self);
  self->stop_requested = FALSE;
  profile = cordon_document_to_json (self->document);
  if (!cordon_runner_start (self->runner, profile, (const char * const *) self->argv,
                            self->working_dir, &error))
    return;  /* ::finished showed why */

  set_status (self, STATUS_RUNNING, cordon_runner_get_status (self->runner));
  key = profile_key (self);
  cordon_recent_commands_add (self->settings, key,
                              gtk_editable_get_text (GTK_EDITABLE (self->command_entry)));
}

void
cordon_run_panel_stop (CordonRunPanel *self)
{
  g_return_if_fail (CORDON_IS_RUN_PANEL (self));

  if (!cordon_runner_get_running (self->runner))
    return;
  self->stop_requested = TRUE;
  cordon_runner_stop (self->runner);
  set_status (self, STATUS_RUNNING, _("Stopping…"));
}

static void
start_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  cordon_run_panel_run (CORDON_RUN_PANEL (widget));
}

static void
stop_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  cordon_run_panel_stop (CORDON_RUN_PANEL (widget));
}

static void
clear_output_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  clear_output (CORDON_RUN_PANEL (widget));
}

/* Choosers --------------------------------------------------------------- */

static GtkWindow *
parent_window (CordonRunPanel *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
on_program_chosen (GFile    *file,
                   gpointer  user_data)
{
  g_autoptr(CordonRunPanel) self = user_data;
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

  if (file != NULL && path == NULL)
    show_message (self, _("Only programs on this computer can be run"));
  else if (path != NULL)
    cordon_run_panel_set_program (self, path);
}

static void
choose_program_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CordonRunPanel *self = CORDON_RUN_PANEL (widget);
  g_autoptr(GFile) folder = g_file_new_for_path ("/usr/bin");

  cordon_file_chooser_run (parent_window (self), CORDON_CHOOSE_OPEN_FILE, _("Choose a Program"),
                           _("_Choose"), NULL, NULL, folder, on_program_chosen,
                           g_object_ref (self));
}

static void
on_folder_chosen (GFile    *file,
                  gpointer  user_data)
{
  g_autoptr(CordonRunPanel) self = user_data;
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

  if (file != NULL && path == NULL)
    show_message (self, _("Only folders on this computer can be used"));
  else if (path != NULL)
    cordon_run_panel_set_working_dir (self, path);
}

static void
choose_folder_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CordonRunPanel *self = CORDON_RUN_PANEL (widget);
  g_autoptr(GFile) folder = self->working_dir != NULL ? g_file_new_for_path (self->working_dir)
                                                      : NULL;

  cordon_file_chooser_run (parent_window (self), CORDON_CHOOSE_OPEN_FOLDER,
                           _("Choose a Working Folder"), _("_Choose"), NULL, NULL, folder,
                           on_folder_chosen, g_object_ref (self));
}

static void
clear_folder_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  cordon_run_panel_set_working_dir (CORDON_RUN_PANEL (widget), NULL);
}

void
cordon_run_panel_set_working_dir (CordonRunPanel *self,
                                  const char     *path)
{
  g_return_if_fail (CORDON_IS_RUN_PANEL (self));

  g_free (self->working_dir);
  self->working_dir = g_strdup (path);
  if (path != NULL)
    {
      g_autofree char *display = cordon_path_to_display (path);
      /* Translators: %s is a folder */
      g_autofree char *text = g_strdup_printf (_("Runs in %s"), display);

      gtk_label_set_label (self->folder_label, text);
    }
  gtk_widget_set_visible (self->folder_row, path != NULL);
  update_actions (self);
}

const char *
cordon_run_panel_get_working_dir (CordonRunPanel *self)
{
  return self->working_dir;
}

/* Add to Applications ---------------------------------------------------- */

static void
add_to_applications_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  CordonRunPanel *self = CORDON_RUN_PANEL (widget);

  if (self->argv == NULL || self->document == NULL)
    return;
  cordon_export_flow_run (widget, self->document, (const char * const *) self->argv);
}

char *
cordon_run_panel_export_desktop (CordonRunPanel *self,
                                 GError        **error)
{
  g_return_val_if_fail (self->argv != NULL, NULL);
  return cordon_export_flow_write (GTK_WIDGET (self), self->document,
                                   (const char * const *) self->argv, error);
}

/* Set-up ----------------------------------------------------------------- */

static void
update_stderr_colour (CordonRunPanel *self)
{
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

  /* libadwaita's error colours for light and dark backgrounds. */
  GtkTextTagTable *tags = gtk_text_buffer_get_tag_table (GTK_TEXT_BUFFER (self->output));

  g_object_set (gtk_text_tag_table_lookup (tags, "stderr"),
                "foreground", dark ? "#ff7b63" : "#c01c28", NULL);
}

void
cordon_run_panel_set_unsupported (CordonRunPanel *self,
                                  const char     *details)
{
  g_autofree char *text = NULL;

  g_clear_pointer (&self->unsupported, g_free);
  if (details != NULL)
    {
      /* Translators: %s says what the kernel lacks */
      text = g_strdup_printf (_("Programs cannot run in a sandbox on this computer: %s"), details);
      self->unsupported = g_strdup (text);
      set_status (self, STATUS_ERROR, text);
    }
  update_actions (self);
}

/* Save As gives the profile a new key: its commands go with it, so the
 * list is not lost the moment the profile gets its name. */
static void
on_document_file_changed (CordonRunPanel *self)
{
  g_autofree char *key = profile_key (self);
  g_auto(GStrv) now = cordon_recent_commands_get (self->settings, key);

  if (now[0] == NULL && self->recent_key != NULL && !g_str_equal (self->recent_key, key))
    {
      g_auto(GStrv) before = cordon_recent_commands_get (self->settings, self->recent_key);

      for (guint i = g_strv_length (before); i > 0; i--)
        cordon_recent_commands_add (self->settings, key, before[i - 1]);
    }
  g_free (self->recent_key);
  self->recent_key = g_steal_pointer (&key);
  refresh_recent (self);
}

/* A "paths are gone" message goes once the rules it names are fixed. */
static void
on_rules_changed (CordonRunPanel *self)
{
  g_autofree char *vanished = NULL;

  if (!self->showing_vanished)
    return;
  if ((vanished = describe_vanished_rules (self)) != NULL)
    {
      set_status (self, STATUS_ERROR, vanished);
      self->showing_vanished = TRUE;
    }
  else
    set_status (self, STATUS_HINT, self->hint);
}

static void
watch_rules (CordonRunPanel *self)
{
  CordonCapabilitySet *caps = cordon_document_get_caps (self->document);

  if (self->watched_caps != NULL)
    g_signal_handlers_disconnect_by_data (self->watched_caps, self);
  g_set_weak_pointer (&self->watched_caps, caps);
  g_signal_connect_object (caps, "items-changed", G_CALLBACK (on_rules_changed), self,
                           G_CONNECT_SWAPPED);
  cordon_blocked_list_set_caps (self->blocked_list, caps);
  on_rules_changed (self);
}

void
cordon_run_panel_set_document (CordonRunPanel *self,
                               CordonDocument *document)
{
  g_return_if_fail (CORDON_IS_RUN_PANEL (self));
  g_return_if_fail (document == NULL || CORDON_IS_DOCUMENT (document));

  if (self->document == document)
    return;
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_set_object (&self->document, document);
  g_clear_pointer (&self->recent_key, g_free);
  if (document != NULL)
    {
      g_signal_connect_object (document, "notify::file", G_CALLBACK (on_document_file_changed),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "notify::caps", G_CALLBACK (watch_rules),
                               self, G_CONNECT_SWAPPED);
      self->recent_key = profile_key (self);
      watch_rules (self);
    }
  refresh_recent (self);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

CordonDocument *
cordon_run_panel_get_document (CordonRunPanel *self)
{
  g_return_val_if_fail (CORDON_IS_RUN_PANEL (self), NULL);
  return self->document;
}

gboolean
cordon_run_panel_get_running (CordonRunPanel *self)
{
  g_return_val_if_fail (CORDON_IS_RUN_PANEL (self), FALSE);
  return cordon_runner_get_running (self->runner);
}

GtkWidget *
cordon_run_panel_new (void)
{
  return g_object_new (CORDON_TYPE_RUN_PANEL, NULL);
}

static void
cordon_run_panel_dispose (GObject *object)
{
  CordonRunPanel *self = CORDON_RUN_PANEL (object);

  /* The runner lives on until its program has ended; this panel does not
   * need to hear about it. */
  if (self->runner != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->runner, self);
      cordon_runner_stop (self->runner);
      g_clear_object (&self->runner);
    }
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);
  if (self->follow_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->output_view), self->follow_tick);
  self->follow_tick = 0;
  gtk_widget_dispose_template (GTK_WIDGET (self), CORDON_TYPE_RUN_PANEL);
  /* dispose_template only unparents the children it bound to fields. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_handle_id (&self->flush_source, g_source_remove);
  if (self->watched_caps != NULL)
    g_signal_handlers_disconnect_by_data (self->watched_caps, self);
  g_clear_weak_pointer (&self->watched_caps);
  g_clear_object (&self->document);
  g_clear_object (&self->settings);
  g_clear_object (&self->output);

  G_OBJECT_CLASS (cordon_run_panel_parent_class)->dispose (object);
}

static void
cordon_run_panel_finalize (GObject *object)
{
  CordonRunPanel *self = CORDON_RUN_PANEL (object);

  g_strfreev (self->argv);
  g_free (self->working_dir);
  g_free (self->unsupported);
  g_free (self->hint);
  g_free (self->recent_key);

  G_OBJECT_CLASS (cordon_run_panel_parent_class)->finalize (object);
}

static void
cordon_run_panel_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CordonRunPanel *self = CORDON_RUN_PANEL (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, cordon_run_panel_get_running (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cordon_run_panel_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CordonRunPanel *self = CORDON_RUN_PANEL (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      cordon_run_panel_set_document (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Learn from a Run…: asks first, since the program then runs unconfined. */
static void
learn_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  CordonRunPanel *self = CORDON_RUN_PANEL (widget);

  if (cordon_runner_get_running (self->runner) || self->document == NULL)
    return;
  if (self->argv == NULL)
    {
      set_status (self, STATUS_ERROR, _("Type a program to run, with its arguments"));
      gtk_widget_grab_focus (GTK_WIDGET (self->command_entry));
      return;
    }
  clear_output (self);
  cordon_learn_flow_run (widget, self->document, self->runner,
                         (const char * const *) self->argv, self->working_dir);
}

static void
cordon_run_panel_class_init (CordonRunPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cordon_run_panel_dispose;
  object_class->finalize = cordon_run_panel_finalize;
  object_class->get_property = cordon_run_panel_get_property;
  object_class->set_property = cordon_run_panel_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, CORDON_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/cordon-run-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, CordonRunPanel, command_entry);
  gtk_widget_class_bind_template_child (widget_class, CordonRunPanel, command_error);
  gtk_widget_class_bind_template_child (widget_class, CordonRunPanel, recent_button);
  gtk_widget_class_bind_template_child (widget_class, CordonRunPanel, recent_menu);
  gtk_widget_class_bind_template_child (widget_class, CordonRunPanel, folder_row);
  gtk_widget_class_bind_template_child (widget_class, CordonRunPanel, folder_label);
  gtk_widget_class_bind_template_child (widget_class, CordonRunPanel, run_stop_stack);
  gtk_widget_class_bind_template_child (widget_class, CordonRunPanel, run_button);
  gtk_widget_class_bind_template_child (widget_class, CordonRunPanel, stop_button);
  gtk_widget_class_bind_template_child (widget_class, CordonRunPanel, status_spinner);
  gtk_widget_class_bind_template_child (widget_class, CordonRunPanel, status_icon);
  gtk_widget_class_bind_template_child (widget_class, CordonRunPanel, status_label);
  gtk_widget_class_bind_template_child (widget_class, CordonRunPanel, output_scroller);
  gtk_widget_class_bind_template_child (widget_class, CordonRunPanel, output_view);
  gtk_widget_class_bind_template_child (widget_class, CordonRunPanel, sections);
  gtk_widget_class_bind_template_callback (widget_class, on_command_changed);

  gtk_widget_class_install_action (widget_class, "run.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "run.stop", NULL, stop_action);
  gtk_widget_class_install_action (widget_class, "run.choose-program", NULL,
                                   choose_program_action);
  gtk_widget_class_install_action (widget_class, "run.choose-folder", NULL,
                                   choose_folder_action);
  gtk_widget_class_install_action (widget_class, "run.clear-folder", NULL, clear_folder_action);
  gtk_widget_class_install_action (widget_class, "run.add-to-applications", NULL,
                                   add_to_applications_action);
  gtk_widget_class_install_action (widget_class, "run.clear-output", NULL, clear_output_action);
  gtk_widget_class_install_action (widget_class, "run.learn", NULL, learn_action);
  gtk_widget_class_install_action (widget_class, "run.use-recent", "s", use_recent_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "run.start", NULL);
}

static void
cordon_run_panel_init (CordonRunPanel *self)
{
  GtkAdjustment *adjustment;
  g_autoptr(CordonSupportInfo) support = cordon_support_info_get ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->hint = g_strdup (gtk_label_get_label (self->status_label));

  self->output = cordon_output_buffer_new ();
  gtk_text_view_set_buffer (self->output_view, GTK_TEXT_BUFFER (self->output));
  self->follow_end = TRUE;
  adjustment = gtk_scrolled_window_get_vadjustment (self->output_scroller);
  g_signal_connect_object (adjustment, "value-changed", G_CALLBACK (on_output_scrolled), self, 0);
  g_signal_connect_object (adjustment, "changed", G_CALLBACK (on_output_measured), self, 0);
  watch_output_scrolling (self);
  update_stderr_colour (self);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_stderr_colour), self, G_CONNECT_SWAPPED);

  self->runner = cordon_runner_new ();
  g_signal_connect_object (self->runner, "output", G_CALLBACK (on_runner_output), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->runner, "finished", G_CALLBACK (on_runner_finished), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->runner, "notify::running", G_CALLBACK (on_runner_running),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->command_entry, "activate",
                           G_CALLBACK (cordon_run_panel_run), self, G_CONNECT_SWAPPED);

  /* What the sandbox refused in the run, each with Allow. */
  self->blocked_list = CORDON_BLOCKED_LIST (cordon_blocked_list_new ());
  cordon_blocked_list_set_model (self->blocked_list, cordon_runner_get_blocked (self->runner));
  cordon_run_panel_add_section (self, GTK_WIDGET (self->blocked_list));

  self->settings = cordon_recent_commands_settings ();
  /* Other windows running with the same profile add to the same list. */
  if (self->settings != NULL)
    g_signal_connect_object (self->settings, "changed::recent-commands",
                             G_CALLBACK (refresh_recent), self, G_CONNECT_SWAPPED);
  refresh_recent (self);

  if (!cordon_support_info_get_is_supported (support))
    cordon_run_panel_set_unsupported (self, cordon_support_info_get_details (support));
  else
    update_actions (self);
}

GtkEntry *
cordon_run_panel_get_command_entry (CordonRunPanel *self)
{
  return self->command_entry;
}

GtkLabel *
cordon_run_panel_get_command_error (CordonRunPanel *self)
{
  return self->command_error;
}

GtkLabel *
cordon_run_panel_get_status_label (CordonRunPanel *self)
{
  return self->status_label;
}

GtkTextView *
cordon_run_panel_get_output_view (CordonRunPanel *self)
{
  return self->output_view;
}

CordonRunner *
cordon_run_panel_get_runner (CordonRunPanel *self)
{
  return self->runner;
}

GMenuModel *
cordon_run_panel_get_recent_menu (CordonRunPanel *self)
{
  return G_MENU_MODEL (self->recent_menu);
}

void
cordon_run_panel_add_section (CordonRunPanel *self,
                              GtkWidget      *section)
{
  g_return_if_fail (CORDON_IS_RUN_PANEL (self));
  g_return_if_fail (GTK_IS_WIDGET (section));

  gtk_box_append (self->sections, section);
  gtk_widget_set_visible (GTK_WIDGET (self->sections), TRUE);
}

CordonOutputBuffer *
cordon_run_panel_get_output (CordonRunPanel *self)
{
  return self->output;
}
