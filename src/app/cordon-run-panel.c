/* cordon-run-panel.c: the Run area: a command, its output, its end
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sys/stat.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cordon-app-util.h"
#include "cordon-desktop-export.h"
#include "cordon-file-chooser.h"
#include "cordon-recent-commands.h"
#include "cordon-run-panel-private.h"
#include "cordon-window.h"

/* Trimming goes a little below the cap, so it happens once in a while
 * rather than on every read. */
#define OUTPUT_TRIM_TO (CORDON_RUN_PANEL_OUTPUT_CAP - CORDON_RUN_PANEL_OUTPUT_CAP / 16)

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
  GtkTextTag      *stderr_tag;
  GtkTextTag      *notice_tag;

  CordonDocument  *document;
  CordonRunner    *runner;
  GSettings       *settings;

  char           **argv;         /* the parsed command, NULL when empty or unreadable */
  char            *working_dir;
  char            *unsupported;  /* why this kernel cannot sandbox, or NULL */
  gboolean         focus_run_stop; /* keyboard focus stays on Run/Stop */
  gsize            output_bytes; /* the program's output in the view */
  gboolean         output_trimmed;
  char            *last_message;
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
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), CORDON_TYPE_WINDOW);
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  g_free (self->last_message);
  self->last_message = g_strdup (text);
  if (window != NULL)
    cordon_window_show_toast (CORDON_WINDOW (window), adw_toast_new (text));
  else if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (text));
}

static void
show_error_dialog (CordonRunPanel *self,
                   const char     *heading,
                   const char     *body)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Status ----------------------------------------------------------------- */

typedef enum
{
  STATUS_HINT,
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

static void
set_program (CordonRunPanel *self,
             const char     *program)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *first = shell_word (program);

  g_string_append (text, first);
  /* Keep the arguments already typed; only the program changes. */
  for (guint i = 1; self->argv != NULL && self->argv[i] != NULL; i++)
    {
      g_autofree char *word = shell_word (self->argv[i]);

      g_string_append_printf (text, " %s", word);
    }
  gtk_editable_set_text (GTK_EDITABLE (self->command_entry), text->str);
  gtk_editable_set_position (GTK_EDITABLE (self->command_entry), -1);
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

static gboolean
output_at_bottom (CordonRunPanel *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->output_scroller);

  return gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment)
         >= gtk_adjustment_get_upper (adjustment) - 4;
}

static void
clear_output (CordonRunPanel *self)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->output_view), "", 0);
  self->output_bytes = 0;
  self->output_trimmed = FALSE;
}

/* Moves @iter forward by at most @bytes of text, to a character boundary. */
static gsize
forward_bytes (GtkTextIter *iter,
               gsize        bytes)
{
  gsize moved = 0;

  while (moved < bytes && !gtk_text_iter_is_end (iter))
    {
      gsize left_in_line = gtk_text_iter_get_bytes_in_line (iter)
                           - gtk_text_iter_get_line_index (iter);

      if (moved + left_in_line <= bytes)
        {
          moved += left_in_line;
          if (!gtk_text_iter_forward_line (iter))
            break;
        }
      else
        {
          /* A line longer than what is left to drop: cut inside it. */
          GtkTextIter line_end = *iter;
          g_autofree char *rest = NULL;
          const char *cut;

          gtk_text_iter_forward_to_line_end (&line_end);
          rest = gtk_text_iter_get_text (iter, &line_end);
          cut = g_utf8_find_next_char (rest + (bytes - moved) - 1, NULL);
          gtk_text_iter_forward_chars (iter, g_utf8_pointer_to_offset (rest, cut));
          moved += cut - rest;
          break;
        }
    }
  return moved;
}

/* Keeps the last OUTPUT_TRIM_TO bytes, the rest of their line included, so
 * the view starts at a line whenever it can, and says output was dropped. */
static void
trim_output (CordonRunPanel *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->output_view);
  GtkTextIter start, cut;
  gsize removed;

  gtk_text_buffer_get_start_iter (buffer, &start);
  if (!self->output_trimmed)
    {
      g_autofree char *notice = NULL;

      /* Translators: %d is a size in MiB */
      notice = g_strdup_printf (_("Earlier output was dropped (kept the last %d MiB)"),
                                CORDON_RUN_PANEL_OUTPUT_CAP / (1024 * 1024));
      gtk_text_buffer_insert_with_tags (buffer, &start, notice, -1, self->notice_tag, NULL);
      gtk_text_buffer_insert_with_tags (buffer, &start, "\n", -1, self->notice_tag, NULL);
      self->output_trimmed = TRUE;
    }
  /* The notice is the first line; the output starts after it. */
  gtk_text_buffer_get_iter_at_line (buffer, &start, 1);
  cut = start;
  removed = forward_bytes (&cut, self->output_bytes - OUTPUT_TRIM_TO);
  if (!gtk_text_iter_starts_line (&cut) && !gtk_text_iter_is_end (&cut))
    {
      gsize left_in_line = gtk_text_iter_get_bytes_in_line (&cut)
                           - gtk_text_iter_get_line_index (&cut);

      /* Unless the line is huge, drop the rest of it too. */
      if (left_in_line < 4096)
        removed += forward_bytes (&cut, left_in_line);
    }
  gtk_text_buffer_delete (buffer, &start, &cut);
  self->output_bytes -= removed;
}

static void
append_output (CordonRunPanel *self,
               const char     *text,
               gboolean        is_stderr)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->output_view);
  gboolean follow = output_at_bottom (self);
  GtkTextIter end;

  gtk_text_buffer_get_end_iter (buffer, &end);
  if (is_stderr)
    gtk_text_buffer_insert_with_tags (buffer, &end, text, -1, self->stderr_tag, NULL);
  else
    gtk_text_buffer_insert (buffer, &end, text, -1);
  self->output_bytes += strlen (text);
  if (self->output_bytes > CORDON_RUN_PANEL_OUTPUT_CAP)
    trim_output (self);

  if (follow)
    {
      GtkTextMark *mark = gtk_text_buffer_get_insert (buffer);

      gtk_text_buffer_get_end_iter (buffer, &end);
      gtk_text_buffer_place_cursor (buffer, &end);
      gtk_text_view_scroll_mark_onscreen (self->output_view, mark);
    }
}

static void
on_runner_output (CordonRunPanel *self,
                  const char     *text,
                  gboolean        is_stderr)
{
  append_output (self, text, is_stderr);
}

static void
on_runner_finished (CordonRunPanel *self)
{
  const char *status = cordon_runner_get_status (self->runner);

  switch (cordon_runner_get_state (self->runner))
    {
    case CORDON_RUN_STATE_EXITED:
      set_status (self, cordon_runner_get_exit_status (self->runner) == 0
                          ? STATUS_SUCCESS : STATUS_WARNING,
                  status);
      break;
    case CORDON_RUN_STATE_SIGNALED:
      set_status (self, STATUS_WARNING, status);
      break;
    case CORDON_RUN_STATE_FAILED:
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
      return;
    }
  if ((cordon_run = cordon_runner_find_cordon_run (&error)) == NULL)
    {
      set_status (self, STATUS_ERROR, error->message);
      return;
    }

  clear_output (self);
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
    set_program (self, path);
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

char *
cordon_run_panel_export_desktop (CordonRunPanel *self,
                                 GError        **error)
{
  GFile *file = cordon_document_get_file (self->document);
  g_autofree char *profile_path = file != NULL ? g_file_get_path (file) : NULL;
  g_autofree char *name = NULL;
  g_autofree char *written = NULL;
  g_autofree char *display = NULL;
  g_autofree char *message = NULL;

  g_return_val_if_fail (self->argv != NULL, NULL);
  g_return_val_if_fail (profile_path != NULL, NULL);

  written = cordon_desktop_export_write (profile_path, (const char * const *) self->argv, &name,
                                         error);
  if (written == NULL)
    return NULL;
  display = cordon_path_to_display (written);
  /* Translators: the first %s is a menu entry's name, the second a file */
  message = g_strdup_printf (_("Added “%s” to Applications: %s"), name, display);
  show_message (self, message);
  return g_steal_pointer (&written);
}

static void
export_or_explain (CordonRunPanel *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *written = cordon_run_panel_export_desktop (self, &error);

  if (written == NULL)
    show_error_dialog (self, _("Could Not Add to Applications"), error->message);
}

static gboolean
save_document (CordonRunPanel *self,
               GFile          *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;

  if (!cordon_document_save (self->document, file, &error))
    {
      show_error_dialog (self, _("Could Not Save the Profile"), error->message);
      return FALSE;
    }
  uri = g_file_get_uri (cordon_document_get_file (self->document));
  gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
  return TRUE;
}

static void
on_save_chosen (GFile    *file,
                gpointer  user_data)
{
  g_autoptr(CordonRunPanel) self = user_data;

  if (file != NULL && self->argv != NULL && save_document (self, file))
    export_or_explain (self);
}

static void
on_save_first_response (AdwMessageDialog *dialog,
                        const char       *response,
                        CordonRunPanel   *self)
{
  if (!g_str_equal (response, "save") || self->argv == NULL)
    return;
  if (cordon_document_get_file (self->document) != NULL)
    {
      if (save_document (self, NULL))
        export_or_explain (self);
    }
  else
    {
      g_autoptr(GtkFileFilter) filter = cordon_file_chooser_profile_filter ();

      cordon_file_chooser_run (parent_window (self), CORDON_CHOOSE_SAVE, _("Save Profile"),
                               _("_Save"), filter,
                               /* Translators: the suggested file name of a new profile */
                               _("profile.json"), NULL, on_save_chosen, g_object_ref (self));
    }
}

static void
add_to_applications_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  CordonRunPanel *self = CORDON_RUN_PANEL (widget);
  g_autofree char *title = NULL;
  AdwMessageDialog *dialog;

  if (self->argv == NULL || self->document == NULL)
    return;
  if (cordon_document_get_file (self->document) != NULL
      && !cordon_document_get_modified (self->document))
    {
      export_or_explain (self);
      return;
    }

  /* The entry runs the file on disk, so what is on screen must be there. */
  title = cordon_document_dup_title (self->document);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent_window (self),
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
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_save_first_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Set-up ----------------------------------------------------------------- */

static void
update_stderr_colour (CordonRunPanel *self)
{
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

  /* libadwaita's error colours for light and dark backgrounds. */
  g_object_set (self->stderr_tag, "foreground", dark ? "#ff7b63" : "#c01c28", NULL);
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

static void
on_document_file_changed (CordonRunPanel *self)
{
  refresh_recent (self);
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
  if (document != NULL)
    g_signal_connect_object (document, "notify::file", G_CALLBACK (on_document_file_changed),
                             self, G_CONNECT_SWAPPED);
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
  gtk_widget_dispose_template (GTK_WIDGET (self), CORDON_TYPE_RUN_PANEL);
  /* dispose_template only unparents the children it bound to fields. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->document);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (cordon_run_panel_parent_class)->dispose (object);
}

static void
cordon_run_panel_finalize (GObject *object)
{
  CordonRunPanel *self = CORDON_RUN_PANEL (object);

  g_strfreev (self->argv);
  g_free (self->working_dir);
  g_free (self->unsupported);
  g_free (self->last_message);

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
  gtk_widget_class_install_action (widget_class, "run.use-recent", "s", use_recent_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "run.start", NULL);
}

static void
cordon_run_panel_init (CordonRunPanel *self)
{
  GtkTextBuffer *buffer;
  g_autoptr(CordonSupportInfo) support = cordon_support_info_get ();

  gtk_widget_init_template (GTK_WIDGET (self));

  buffer = gtk_text_view_get_buffer (self->output_view);
  /* Not colour alone: the program's error output is italic as well. */
  self->stderr_tag = gtk_text_buffer_create_tag (buffer, "stderr",
                                                 "style", PANGO_STYLE_ITALIC,
                                                 NULL);
  self->notice_tag = gtk_text_buffer_create_tag (buffer, "notice",
                                                 "style", PANGO_STYLE_ITALIC,
                                                 "weight", PANGO_WEIGHT_BOLD,
                                                 "foreground", "#77767b",
                                                 NULL);
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

const char *
cordon_run_panel_get_last_message (CordonRunPanel *self)
{
  return self->last_message;
}
