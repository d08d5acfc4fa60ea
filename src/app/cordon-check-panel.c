/* cordon-check-panel.c: "would the sandbox allow this?", answered live
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <sys/stat.h>

#include "cordon-app-util.h"
#include "cordon-blocked-access.h"
#include "cordon-check-panel-private.h"
#include "cordon-rule-grant.h"
#include "cordon-toast.h"
#include "cordon-file-chooser.h"
#include "cordon-mode-selector.h"

struct _CordonCheckPanel
{
  GtkWidget            parent_instance;

  AdwEntryRow         *path_entry;
  CordonModeSelector  *mode_selector;
  GtkImage            *answer_icon;
  GtkLabel            *answer_label;
  GtkLabel            *path_note;
  GtkWidget           *allow_button;
  GtkImage            *network_icon;
  GtkLabel            *network_label;
  GtkWidget           *socket_row;
  GtkImage            *socket_icon;
  GtkLabel            *socket_label;

  CordonCapabilitySet *caps;
  /* A snapshot of caps; rebuilt lazily after the model changes. */
  CordonQueryContext  *context;
  guint                update_source;
};

G_DEFINE_FINAL_TYPE (CordonCheckPanel, cordon_check_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CAPS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_answer (GtkImage   *icon,
            GtkLabel   *label,
            const char *text,
            int         allowed)
{
  static const char * const classes[] = { "success", "error", "dim-label" };

  gtk_label_set_label (label, text);
  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (icon), classes[i]);
      gtk_widget_remove_css_class (GTK_WIDGET (label), classes[i]);
    }

  /* allowed: 1 yes, 0 no, -1 no answer yet */
  if (allowed < 0)
    {
      gtk_image_set_from_icon_name (icon, "edit-find-symbolic");
      gtk_widget_add_css_class (GTK_WIDGET (icon), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (label), "dim-label");
    }
  else
    {
      const char *class = allowed ? "success" : "error";

      gtk_image_set_from_icon_name (icon, allowed ? "object-select-symbolic"
                                                  : "action-unavailable-symbolic");
      gtk_widget_add_css_class (GTK_WIDGET (icon), class);
    }
}

/* For a socket on disk, or a missing path a socket rule covers (a socket
 * yet to be made): would connecting to it work? Reading and writing the
 * file say nothing about that. */
static void
update_socket_answer (CordonCheckPanel *self,
                      const char       *path)
{
  g_autoptr(CordonQueryResult) result = NULL;
  g_autofree char *answer = NULL;
  struct stat st;
  gboolean exists = stat (path, &st) == 0;

  if (exists && !S_ISSOCK (st.st_mode))
    return;
  result = cordon_query_context_query_socket (self->context, path, NULL);
  if (result == NULL || (!exists && !cordon_query_result_is_allowed (result)))
    return;
  answer = cordon_app_query_result_describe (result);
  set_answer (self->socket_icon, self->socket_label, answer,
              cordon_query_result_is_allowed (result));
  gtk_widget_set_visible (self->socket_row, TRUE);
}

/* Whether a component of @path, itself included, is a symbolic link. */
static gboolean
passes_a_link (const char *path)
{
  g_autofree char *prefix = g_strdup (path);

  for (char *end = prefix + strlen (prefix); end > prefix; )
    {
      struct stat st;

      *end = '\0';
      if (lstat (prefix, &st) == 0 && S_ISLNK (st.st_mode))
        return TRUE;
      while (end > prefix && *(end - 1) == '/')
        end--;
      while (end > prefix && *(end - 1) != '/')
        end--;
      if (end > prefix)
        end--;
    }
  return FALSE;
}

/* What the answer is about, when it is not simply the path typed: the
 * place a link leads to (what the kernel checks), or a path that does not
 * exist yet (the answer is for creating it). */
static char *
describe_path (const char *typed,
               const char *checked)
{
  g_autofree char *shown_typed = cordon_path_to_display (typed);
  g_autofree char *shown_checked = cordon_path_to_display (checked);
  struct stat st;
  gboolean exists = stat (checked, &st) == 0;

  if (checked != NULL && passes_a_link (typed))
    {
      if (!exists)
        /* Translators: "/tmp/l → /etc/x"; the link's target does not exist */
        return g_strdup_printf (_("Follows a link: %s → %s, which does not exist yet; creating "
                                  "it through the link would create it there"),
                                shown_typed, shown_checked);
      /* Translators: "/tmp/l → /etc/shadow" */
      return g_strdup_printf (_("Follows a link: %s → %s"), shown_typed, shown_checked);
    }
  if (!exists)
    return g_strdup (_("Nothing exists at this path yet: the answer is for creating it"));
  return NULL;
}

static void
update_answers (CordonCheckPanel *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->path_entry));
  g_autofree char *path = NULL;
  g_autofree char *answer = NULL;
  g_autofree char *network = NULL;
  g_autofree char *note = NULL;
  g_autoptr(CordonQueryResult) result = NULL;
  g_autoptr(CordonQueryResult) network_result = NULL;
  g_autoptr(GError) error = NULL;

  if (self->caps == NULL)
    return;
  if (self->context == NULL)
    self->context = cordon_query_context_new (self->caps);

  network_result = cordon_query_context_query_network (self->context);
  network = cordon_app_query_result_describe (network_result);
  set_answer (self->network_icon, self->network_label, network,
              cordon_query_result_is_allowed (network_result));

  gtk_widget_set_visible (self->socket_row, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->path_note), FALSE);
  gtk_widget_set_visible (self->allow_button, FALSE);
  if (text[0] == '\0')
    {
      set_answer (self->answer_icon, self->answer_label,
                  _("Type a path to see whether the program could use it"), -1);
      return;
    }
  if ((path = cordon_path_from_display (text)) == NULL)
    {
      set_answer (self->answer_icon, self->answer_label,
                  _("Type a full path, starting with / or ~"), -1);
      return;
    }

  result = cordon_query_context_query_path (self->context, path,
                                            cordon_mode_selector_get_mode (self->mode_selector),
                                            &error);
  if (result == NULL)
    {
      set_answer (self->answer_icon, self->answer_label, error->message, -1);
      return;
    }
  answer = cordon_app_query_result_describe (result);
  set_answer (self->answer_icon, self->answer_label, answer,
              cordon_query_result_is_allowed (result));
  gtk_widget_set_visible (self->allow_button, !cordon_query_result_is_allowed (result));
  note = describe_path (path, cordon_query_result_get_path (result));
  gtk_label_set_label (self->path_note, note != NULL ? note : "");
  gtk_widget_set_visible (GTK_WIDGET (self->path_note), note != NULL);
  update_socket_answer (self, path);
}

static gboolean
update_in_idle (gpointer user_data)
{
  CordonCheckPanel *self = user_data;

  self->update_source = 0;
  update_answers (self);
  return G_SOURCE_REMOVE;
}

/* Rules can change thousands at a time (loading, a benchmark): answer once
 * they settle rather than once per change. */
static void
on_caps_changed (CordonCheckPanel *self)
{
  g_clear_object (&self->context);
  if (self->update_source == 0)
    self->update_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, update_in_idle, self, NULL);
}

/* Allow on a denied answer: the rule the query says is missing, as the
 * Blocked in This Run list would add it (widening a rule for exactly that
 * path first), with an undo toast. */
static void
allow_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  CordonCheckPanel *self = CORDON_CHECK_PANEL (widget);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->path_entry));
  g_autofree char *path = cordon_path_from_display (text);
  g_autoptr(CordonQueryResult) result = NULL;
  g_autoptr(CordonBlockedAccess) access = NULL;
  g_autoptr(JsonObject) record = NULL;
  g_autoptr(GError) error = NULL;
  CordonAccessMode mode = cordon_mode_selector_get_mode (self->mode_selector);
  CordonRuleGrant *grant;

  if (self->caps == NULL || path == NULL)
    return;
  if (self->context == NULL)
    self->context = cordon_query_context_new (self->caps);
  result = cordon_query_context_query_path (self->context, path, mode, NULL);
  if (result == NULL || cordon_query_result_is_allowed (result))
    return;

  record = json_object_new ();
  json_object_set_string_member (record, "kind", "fs");
  json_object_set_string_member (record, "path", cordon_query_result_get_path (result));
  json_object_set_string_member (record, "access", cordon_access_mode_to_string (mode));
  json_object_set_string_member (record, "operation", "open");
  access = cordon_blocked_access_new_from_json (record);
  grant = access != NULL ? cordon_rule_grant_apply (self->caps, access, FALSE, &error) : NULL;
  if (grant == NULL)
    {
      if (error != NULL)
        cordon_toast_show_text (widget, error->message);
      return;
    }
  cordon_rule_grant_show_toast (grant, self->caps, widget);
}

static void
on_browse_chosen (GFile    *file,
                  gpointer  user_data)
{
  g_autoptr(CordonCheckPanel) self = user_data;
  g_autofree char *path = NULL;
  g_autofree char *display = NULL;

  if (file == NULL || (path = g_file_get_path (file)) == NULL)
    return;
  display = cordon_path_to_display (path);
  gtk_editable_set_text (GTK_EDITABLE (self->path_entry), display);
}

static void
on_browse_clicked (CordonCheckPanel *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  cordon_file_chooser_run (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                           CORDON_CHOOSE_OPEN_FILE, _("Choose a File to Check"), _("_Select"),
                           NULL, NULL, NULL, on_browse_chosen, g_object_ref (self));
}

static void
cordon_check_panel_dispose (GObject *object)
{
  CordonCheckPanel *self = CORDON_CHECK_PANEL (object);

  g_clear_handle_id (&self->update_source, g_source_remove);
  if (self->caps != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->caps, self);
      g_signal_handlers_disconnect_by_data (cordon_capability_set_get_sockets (self->caps), self);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), CORDON_TYPE_CHECK_PANEL);
  /* dispose_template only unparents the children it bound to fields. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->context);
  g_clear_object (&self->caps);

  G_OBJECT_CLASS (cordon_check_panel_parent_class)->dispose (object);
}

static void
cordon_check_panel_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  CordonCheckPanel *self = CORDON_CHECK_PANEL (object);

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
cordon_check_panel_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  CordonCheckPanel *self = CORDON_CHECK_PANEL (object);

  switch (prop_id)
    {
    case PROP_CAPS:
      cordon_check_panel_set_caps (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cordon_check_panel_class_init (CordonCheckPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cordon_check_panel_dispose;
  object_class->get_property = cordon_check_panel_get_property;
  object_class->set_property = cordon_check_panel_set_property;

  properties[PROP_CAPS] =
    g_param_spec_object ("caps", NULL, NULL, CORDON_TYPE_CAPABILITY_SET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CORDON_TYPE_MODE_SELECTOR);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/cordon-check-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, CordonCheckPanel, path_entry);
  gtk_widget_class_bind_template_child (widget_class, CordonCheckPanel, mode_selector);
  gtk_widget_class_bind_template_child (widget_class, CordonCheckPanel, answer_icon);
  gtk_widget_class_bind_template_child (widget_class, CordonCheckPanel, answer_label);
  gtk_widget_class_bind_template_child (widget_class, CordonCheckPanel, path_note);
  gtk_widget_class_bind_template_child (widget_class, CordonCheckPanel, allow_button);
  gtk_widget_class_install_action (widget_class, "check.allow", NULL, allow_action);
  gtk_widget_class_bind_template_child (widget_class, CordonCheckPanel, network_icon);
  gtk_widget_class_bind_template_child (widget_class, CordonCheckPanel, network_label);
  gtk_widget_class_bind_template_child (widget_class, CordonCheckPanel, socket_row);
  gtk_widget_class_bind_template_child (widget_class, CordonCheckPanel, socket_icon);
  gtk_widget_class_bind_template_child (widget_class, CordonCheckPanel, socket_label);
  gtk_widget_class_bind_template_callback (widget_class, update_answers);
  gtk_widget_class_bind_template_callback (widget_class, on_browse_clicked);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "checkpanel");
}

static void
cordon_check_panel_init (CordonCheckPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
cordon_check_panel_new (void)
{
  return g_object_new (CORDON_TYPE_CHECK_PANEL, NULL);
}

CordonCapabilitySet *
cordon_check_panel_get_caps (CordonCheckPanel *self)
{
  g_return_val_if_fail (CORDON_IS_CHECK_PANEL (self), NULL);
  return self->caps;
}

void
cordon_check_panel_set_caps (CordonCheckPanel    *self,
                             CordonCapabilitySet *caps)
{
  g_return_if_fail (CORDON_IS_CHECK_PANEL (self));
  g_return_if_fail (caps == NULL || CORDON_IS_CAPABILITY_SET (caps));

  if (self->caps == caps)
    return;
  if (self->caps != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->caps, self);
      g_signal_handlers_disconnect_by_data (cordon_capability_set_get_sockets (self->caps), self);
    }
  g_set_object (&self->caps, caps);
  g_clear_object (&self->context);
  if (caps != NULL)
    {
      g_signal_connect_object (cordon_capability_set_get_sockets (caps), "items-changed",
                               G_CALLBACK (on_caps_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (caps, "items-changed", G_CALLBACK (on_caps_changed), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (caps, "notify::network-blocked", G_CALLBACK (on_caps_changed),
                               self, G_CONNECT_SWAPPED);
    }
  update_answers (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAPS]);
}

AdwEntryRow *
cordon_check_panel_get_path_entry (CordonCheckPanel *self)
{
  return self->path_entry;
}

CordonModeSelector *
cordon_check_panel_get_mode_selector (CordonCheckPanel *self)
{
  return self->mode_selector;
}

const char *
cordon_check_panel_get_path_note (CordonCheckPanel *self)
{
  return gtk_widget_get_visible (GTK_WIDGET (self->path_note))
           ? gtk_label_get_label (self->path_note) : NULL;
}

const char *
cordon_check_panel_get_answer (CordonCheckPanel *self)
{
  return gtk_label_get_label (self->answer_label);
}

const char *
cordon_check_panel_get_socket_answer (CordonCheckPanel *self)
{
  return gtk_widget_get_visible (self->socket_row) ? gtk_label_get_label (self->socket_label)
                                                   : NULL;
}

const char *
cordon_check_panel_get_network_answer (CordonCheckPanel *self)
{
  return gtk_label_get_label (self->network_label);
}
