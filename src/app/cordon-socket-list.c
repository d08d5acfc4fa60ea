/* cordon-socket-list.c: Local Services, the named sockets a program may reach
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "cordon-app-util.h"
#include "cordon-file-chooser.h"
#include "cordon-socket-list-private.h"
#include "cordon-toast.h"

struct _CordonSocketList
{
  GtkWidget               parent_instance;

  GtkListBox             *list_box;
  AdwEntryRow            *path_entry;
  GtkButton              *add_button;
  GtkLabel               *validation_label;

  CordonCapabilitySet    *caps;

  /* The last removal, for the toast's Undo. */
  CordonSocketCapability *removed;
  guint                   removed_position;
  CordonCapabilitySet    *removed_from;
  AdwToast               *undo_toast;
};

G_DEFINE_FINAL_TYPE (CordonSocketList, cordon_socket_list, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CAPS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- ways out ------------------------------------------------------------ */

/* Sockets whose server runs programs on request, outside any sandbox: one
 * message to them and the sandbox is gone. */
typedef enum
{
  WAY_OUT_NONE,
  WAY_OUT_SESSION_BUS,
  WAY_OUT_SYSTEM_BUS,
  WAY_OUT_SYSTEMD,
  WAY_OUT_CONTAINERS,
  WAY_OUT_TMUX,
  WAY_OUT_SSH_AGENT,
  WAY_OUT_X11,
} WayOut;

static const char *
way_out_warning (WayOut way_out)
{
  switch (way_out)
    {
    case WAY_OUT_SESSION_BUS:
      return _("The session bus: lets the program start programs outside the sandbox; a "
               "Filtered Session Bus gives it only the names it needs");
    case WAY_OUT_SYSTEM_BUS:
      return _("The system bus: lets the program start programs outside the sandbox");
    case WAY_OUT_SYSTEMD:
      return _("systemd’s control socket: lets the program start programs outside the sandbox");
    case WAY_OUT_CONTAINERS:
      return _("A container engine: lets the program start programs outside the sandbox");
    case WAY_OUT_TMUX:
      return _("A tmux server: lets the program start programs outside the sandbox");
    case WAY_OUT_SSH_AGENT:
      return _("An ssh-agent: lets the program start programs outside the sandbox");
    case WAY_OUT_X11:
      return _("An X server: lets the program type into other windows, and so start programs "
               "outside the sandbox");
    case WAY_OUT_NONE:
    default:
      return NULL;
    }
}

/* Rules hold resolved paths: compare with the well-known places resolved
 * the same way (/var/run is a link to /run on most systems). */
static char *
resolve_known (const char *path)
{
  char *real = realpath (path, NULL);
  char *copy;

  if (real == NULL)
    return g_strdup (path);
  copy = g_strdup (real);
  free (real);
  return copy;
}

static gboolean
is_within (const char *path,
           const char *folder)
{
  gsize len = strlen (folder);

  if (g_str_equal (folder, "/"))
    return TRUE;
  return strncmp (path, folder, len) == 0 && (path[len] == '\0' || path[len] == '/');
}

/* A component of @path that starts with @prefix ("tmux-1000"). */
static gboolean
has_component_with_prefix (const char *path,
                           const char *prefix)
{
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    if (g_str_has_prefix (parts[i], prefix))
      return TRUE;
  return FALSE;
}

static WayOut
find_way_out (const char *resolved,
              gboolean    is_file)
{
  const char *runtime = g_get_user_runtime_dir ();
  const char *agent = g_getenv ("SSH_AUTH_SOCK");
  g_autofree char *tmp = resolve_known ("/tmp");
  g_autofree char *x11_dir = g_build_filename (tmp, ".X11-unix", NULL);
  g_autofree char *basename = g_path_get_basename (resolved);
  g_autofree char *dirname = g_path_get_dirname (resolved);
  struct
  {
    char   *path;
    WayOut  way_out;
  } known[] = {
    { g_build_filename (runtime, "bus", NULL), WAY_OUT_SESSION_BUS },
    { g_build_filename (runtime, "systemd", "private", NULL), WAY_OUT_SYSTEMD },
    { g_build_filename (runtime, "docker.sock", NULL), WAY_OUT_CONTAINERS },
    { g_build_filename (runtime, "podman", "podman.sock", NULL), WAY_OUT_CONTAINERS },
    { g_build_filename (runtime, "keyring", "ssh", NULL), WAY_OUT_SSH_AGENT },
    { g_build_filename (runtime, "gcr", "ssh", NULL), WAY_OUT_SSH_AGENT },
    { resolve_known ("/run/dbus/system_bus_socket"), WAY_OUT_SYSTEM_BUS },
    { resolve_known ("/var/run/dbus/system_bus_socket"), WAY_OUT_SYSTEM_BUS },
    { resolve_known ("/run/systemd/private"), WAY_OUT_SYSTEMD },
    { resolve_known ("/run/docker.sock"), WAY_OUT_CONTAINERS },
    { resolve_known ("/var/run/docker.sock"), WAY_OUT_CONTAINERS },
    { resolve_known ("/run/podman/podman.sock"), WAY_OUT_CONTAINERS },
    { agent != NULL && agent[0] == '/' ? resolve_known (agent) : NULL, WAY_OUT_SSH_AGENT },
  };
  WayOut found = WAY_OUT_NONE;

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    {
      g_autofree char *path = known[i].path;
      g_autofree char *real = NULL;

      if (path == NULL || found != WAY_OUT_NONE)
        continue;
      /* The runtime folder may itself be reached through a link. */
      real = resolve_known (path);
      if (is_file ? (g_str_equal (resolved, path) || g_str_equal (resolved, real))
                  : (is_within (path, resolved) || is_within (real, resolved)))
        found = known[i].way_out;
    }
  if (found != WAY_OUT_NONE)
    return found;

  /* Wherever they are: docker.sock, tmux-UID/…, /tmp/ssh-XXXX/agent.N. */
  if (is_file && g_str_equal (basename, "docker.sock"))
    return WAY_OUT_CONTAINERS;
  if (has_component_with_prefix (resolved, "tmux-"))
    return WAY_OUT_TMUX;
  if (is_file && g_str_has_prefix (basename, "agent.")
      && has_component_with_prefix (dirname, "ssh-"))
    return WAY_OUT_SSH_AGENT;
  if (!is_file && g_str_has_prefix (basename, "ssh-") && g_str_equal (dirname, tmp))
    return WAY_OUT_SSH_AGENT;
  /* Any X client can send keystrokes to the others, a terminal among them. */
  if (is_within (resolved, x11_dir) || (!is_file && g_str_equal (resolved, x11_dir)))
    return WAY_OUT_X11;
  /* /tmp, or a folder above it, holds tmux's and ssh-agent's sockets. */
  if (!is_file && is_within (tmp, resolved))
    return WAY_OUT_TMUX;
  if (!is_file && runtime != NULL && is_within (runtime, resolved))
    return WAY_OUT_SESSION_BUS;
  return WAY_OUT_NONE;
}

char *
cordon_socket_dup_warning (const char *resolved,
                           gboolean    is_file)
{
  g_return_val_if_fail (resolved != NULL, NULL);

  return g_strdup (way_out_warning (find_way_out (resolved, is_file)));
}

/* ---- rows ---------------------------------------------------------------- */

static void
show_toast_text (CordonSocketList *self,
                 const char       *text)
{
  cordon_toast_show_text (GTK_WIDGET (self), text);
}

static gboolean
find_position (CordonSocketList       *self,
               CordonSocketCapability *cap,
               guint                  *out_position)
{
  GListModel *sockets;

  if (self->caps == NULL)
    return FALSE;
  sockets = cordon_capability_set_get_sockets (self->caps);
  for (guint i = 0; i < g_list_model_get_n_items (sockets); i++)
    {
      g_autoptr(CordonSocketCapability) item = g_list_model_get_item (sockets, i);

      if (item == cap)
        {
          *out_position = i;
          return TRUE;
        }
    }
  return FALSE;
}

static void
on_remove_clicked (GtkButton *button,
                   gpointer   user_data)
{
  CordonSocketCapability *cap = user_data;
  CordonSocketList *self = CORDON_SOCKET_LIST (gtk_widget_get_ancestor (GTK_WIDGET (button),
                                                                         CORDON_TYPE_SOCKET_LIST));
  guint position;

  if (self != NULL && find_position (self, cap, &position))
    gtk_widget_activate_action (GTK_WIDGET (self), "sockets.remove", "u", position);
}

static void
unref_closure_data (gpointer  data,
                    GClosure *closure)
{
  g_object_unref (data);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  CordonSocketCapability *cap = item;
  const char *resolved = cordon_socket_capability_get_resolved (cap);
  gboolean is_file = cordon_socket_capability_get_is_file (cap);
  g_autofree char *display = cordon_path_to_display (resolved);
  g_autofree char *warning = cordon_socket_dup_warning (resolved, is_file);
  g_autofree char *subtitle = NULL;
  g_autofree char *remove_label = NULL;
  const char *kind;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon;
  GtkWidget *remove;

  if (!g_file_test (resolved, G_FILE_TEST_EXISTS))
    kind = _("Missing on this computer: the sandbox cannot start until it exists again or the "
             "rule is removed");
  else if (is_file)
    kind = _("This socket");
  else
    kind = _("Every socket in this folder");

  subtitle = warning != NULL ? g_strconcat (kind, "\n", warning, NULL) : g_strdup (kind);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), display);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  icon = gtk_image_new_from_icon_name (warning != NULL ? "dialog-warning-symbolic"
                                       : is_file ? "network-server-symbolic" : "folder-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  is_file ? _("Socket") : _("Folder"), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  if (warning != NULL)
    gtk_widget_add_css_class (row, "way-out");

  remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove Rule"));
  /* Translators: %s is a path */
  remove_label = g_strdup_printf (_("Remove the rule for %s"), display);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  remove_label, -1);
  g_signal_connect_data (remove, "clicked", G_CALLBACK (on_remove_clicked), g_object_ref (cap),
                         unref_closure_data, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);

  g_object_set_data_full (G_OBJECT (row), "cordon-socket", g_object_ref (cap), g_object_unref);
  return row;
}

/* ---- adding -------------------------------------------------------------- */

gboolean
cordon_socket_list_add_path (CordonSocketList  *self,
                             const char        *path,
                             GError           **error)
{
  g_autofree char *display = NULL;
  g_autofree char *title = NULL;

  g_return_val_if_fail (CORDON_IS_SOCKET_LIST (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (self->caps == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                           _("There is no profile to add to"));
      return FALSE;
    }
  if (!cordon_capability_set_allow_socket (self->caps, path, error))
    return FALSE;

  display = cordon_path_to_display (path);
  /* Translators: %s is a path */
  title = g_strdup_printf (_("Added “%s”"), display);
  show_toast_text (self, title);
  return TRUE;
}

/* Only sockets and folders make sense: connecting to anything else fails. */
static CordonPathCheck
check_typed (const char  *text,
             char       **out_path,
             char       **out_message,
             gboolean    *out_warn)
{
  g_autofree char *path = NULL;
  g_autofree char *message = NULL;
  g_autofree char *warning = NULL;
  CordonPathCheck check = cordon_path_check (text, &path, &message);
  struct stat st;

  *out_warn = FALSE;
  if (check == CORDON_PATH_CHECK_FOLDER || check == CORDON_PATH_CHECK_FILE)
    {
      g_autofree char *resolved = resolve_known (path);
      gboolean is_file = check == CORDON_PATH_CHECK_FILE;

      g_free (message);
      if (is_file && (stat (path, &st) != 0 || !S_ISSOCK (st.st_mode)))
        {
          message = g_strdup (_("Not a socket: choose a socket, or a folder that holds sockets"));
          check = CORDON_PATH_CHECK_INVALID;
        }
      else if ((warning = cordon_socket_dup_warning (resolved, is_file)) != NULL)
        {
          message = g_steal_pointer (&warning);
          *out_warn = TRUE;
        }
      else
        message = g_strdup (is_file ? _("A socket") : _("A folder: every socket inside it"));
    }

  if (out_path != NULL)
    *out_path = check == CORDON_PATH_CHECK_INVALID ? NULL : g_steal_pointer (&path);
  *out_message = g_steal_pointer (&message);
  return check;
}

static void
set_validation (CordonSocketList *self,
                const char       *message,
                gboolean          is_error)
{
  gtk_label_set_label (self->validation_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->validation_label), message != NULL);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->validation_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->validation_label), "error");
}

static void
on_path_entry_changed (CordonSocketList *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->path_entry));
  g_autofree char *message = NULL;
  gboolean warn;
  CordonPathCheck check = check_typed (text, NULL, &message, &warn);
  gboolean usable = check == CORDON_PATH_CHECK_FOLDER || check == CORDON_PATH_CHECK_FILE;

  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), usable);
  /* A way out may be added, knowingly: it is shown as the error it is. */
  set_validation (self, message, !usable || warn);
  if (usable)
    gtk_widget_remove_css_class (GTK_WIDGET (self->path_entry), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->path_entry), "error");
}

static void
on_add_typed_path (CordonSocketList *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->path_entry));
  g_autofree char *path = NULL;
  g_autofree char *message = NULL;
  g_autoptr(GError) error = NULL;
  gboolean warn;
  CordonPathCheck check = check_typed (text, &path, &message, &warn);

  if (check != CORDON_PATH_CHECK_FOLDER && check != CORDON_PATH_CHECK_FILE)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  if (!cordon_socket_list_add_path (self, path, &error))
    {
      set_validation (self, error->message, TRUE);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->path_entry), "");
}

static void
on_socket_chosen (GFile    *file,
                  gpointer  user_data)
{
  g_autoptr(CordonSocketList) self = user_data;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (file == NULL)
    return;
  if ((path = g_file_get_path (file)) == NULL)
    {
      show_toast_text (self, _("Only files on this computer can be added"));
      return;
    }
  if (!cordon_socket_list_add_path (self, path, &error))
    show_toast_text (self, error->message);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GFile) runtime = g_file_new_for_path (g_get_user_runtime_dir ());

  /* Most sockets a desktop program needs live in the runtime folder. */
  cordon_file_chooser_run (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                           CORDON_CHOOSE_OPEN_FILE, _("Add a Socket"), _("_Add"), NULL, NULL,
                           runtime, on_socket_chosen, g_object_ref (widget));
}

/* ---- removing, with undo ------------------------------------------------- */

static void
on_undo_toast_dismissed (CordonSocketList *self)
{
  g_signal_handlers_disconnect_by_data (self->undo_toast, self);
  g_clear_object (&self->undo_toast);
}

static void
forget_removal (CordonSocketList *self)
{
  g_clear_object (&self->removed);
  g_clear_weak_pointer (&self->removed_from);
  if (self->undo_toast != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->undo_toast, self);
      adw_toast_dismiss (self->undo_toast);
    }
  g_clear_object (&self->undo_toast);
}

static void
undo_remove (CordonSocketList *self)
{
  /* After a load the rule belongs to a profile that is gone. */
  if (self->removed != NULL && self->removed_from != NULL && self->removed_from == self->caps)
    cordon_capability_set_insert_socket (self->caps, self->removed_position, self->removed);
  g_clear_object (&self->removed);
  g_clear_weak_pointer (&self->removed_from);
  if (self->undo_toast != NULL)
    g_signal_handlers_disconnect_by_data (self->undo_toast, self);
  g_clear_object (&self->undo_toast);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CordonSocketList *self = CORDON_SOCKET_LIST (widget);
  guint position = g_variant_get_uint32 (parameter);
  g_autoptr(CordonSocketCapability) cap = NULL;
  g_autofree char *display = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (self->caps == NULL
      || (cap = g_list_model_get_item (cordon_capability_set_get_sockets (self->caps),
                                       position)) == NULL)
    return;

  forget_removal (self);
  cordon_capability_set_remove_socket (self->caps, position);
  self->removed = g_object_ref (cap);
  self->removed_position = position;
  g_set_weak_pointer (&self->removed_from, self->caps);

  display = cordon_path_to_display (cordon_socket_capability_get_resolved (cap));
  /* Translators: %s is a path */
  title = g_strdup_printf (_("Removed “%s”"), display);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_swapped (toast, "button-clicked", G_CALLBACK (undo_remove), self);
  /* Once gone (closed, timed out), it must not be dismissed again. */
  g_signal_connect_swapped (toast, "dismissed", G_CALLBACK (on_undo_toast_dismissed), self);
  self->undo_toast = g_object_ref (toast);
  cordon_toast_show (GTK_WIDGET (self), toast);
}

static void
undo_remove_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  undo_remove (CORDON_SOCKET_LIST (widget));
}

/* ---- the widget ---------------------------------------------------------- */

static void
cordon_socket_list_dispose (GObject *object)
{
  CordonSocketList *self = CORDON_SOCKET_LIST (object);

  forget_removal (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), CORDON_TYPE_SOCKET_LIST);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->caps);

  G_OBJECT_CLASS (cordon_socket_list_parent_class)->dispose (object);
}

static void
cordon_socket_list_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  CordonSocketList *self = CORDON_SOCKET_LIST (object);

  switch (prop_id)
    {
    case PROP_CAPS:
      g_value_set_object (value, self->caps);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cordon_socket_list_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  CordonSocketList *self = CORDON_SOCKET_LIST (object);

  switch (prop_id)
    {
    case PROP_CAPS:
      cordon_socket_list_set_caps (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cordon_socket_list_class_init (CordonSocketListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cordon_socket_list_dispose;
  object_class->get_property = cordon_socket_list_get_property;
  object_class->set_property = cordon_socket_list_set_property;

  properties[PROP_CAPS] =
    g_param_spec_object ("caps", NULL, NULL, CORDON_TYPE_CAPABILITY_SET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/cordon-socket-list.ui");
  gtk_widget_class_bind_template_child (widget_class, CordonSocketList, list_box);
  gtk_widget_class_bind_template_child (widget_class, CordonSocketList, path_entry);
  gtk_widget_class_bind_template_child (widget_class, CordonSocketList, add_button);
  gtk_widget_class_bind_template_child (widget_class, CordonSocketList, validation_label);
  gtk_widget_class_bind_template_callback (widget_class, on_path_entry_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_add_typed_path);

  gtk_widget_class_install_action (widget_class, "sockets.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "sockets.remove", "u", remove_action);
  gtk_widget_class_install_action (widget_class, "sockets.undo-remove", NULL,
                                   undo_remove_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "socketlist");
}

static void
cordon_socket_list_init (CordonSocketList *self)
{
  GtkWidget *placeholder;

  gtk_widget_init_template (GTK_WIDGET (self));

  placeholder = gtk_label_new (_("No sockets: the program reaches only the sockets it makes "
                                 "itself"));
  gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
  gtk_label_set_xalign (GTK_LABEL (placeholder), 0);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_add_css_class (placeholder, "placeholder");
  gtk_list_box_set_placeholder (self->list_box, placeholder);
}

GtkWidget *
cordon_socket_list_new (void)
{
  return g_object_new (CORDON_TYPE_SOCKET_LIST, NULL);
}

CordonCapabilitySet *
cordon_socket_list_get_caps (CordonSocketList *self)
{
  g_return_val_if_fail (CORDON_IS_SOCKET_LIST (self), NULL);
  return self->caps;
}

void
cordon_socket_list_set_caps (CordonSocketList    *self,
                             CordonCapabilitySet *caps)
{
  g_return_if_fail (CORDON_IS_SOCKET_LIST (self));
  g_return_if_fail (caps == NULL || CORDON_IS_CAPABILITY_SET (caps));

  if (self->caps == caps)
    return;
  g_set_object (&self->caps, caps);
  gtk_list_box_bind_model (self->list_box,
                           caps != NULL ? cordon_capability_set_get_sockets (caps) : NULL,
                           create_row, NULL, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAPS]);
}

GtkListBox *
cordon_socket_list_get_list_box (CordonSocketList *self)
{
  return self->list_box;
}

AdwEntryRow *
cordon_socket_list_get_path_entry (CordonSocketList *self)
{
  return self->path_entry;
}

GtkLabel *
cordon_socket_list_get_validation_label (CordonSocketList *self)
{
  return self->validation_label;
}

GtkButton *
cordon_socket_list_get_add_button (CordonSocketList *self)
{
  return self->add_button;
}
