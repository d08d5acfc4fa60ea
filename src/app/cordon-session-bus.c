/* cordon-session-bus.c: the "Session Bus" group: no bus, or a filtered one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The widget edits the capability set's CordonBusPolicy and nothing else;
 * everything it shows is rebuilt from the policy when the set says it
 * changed, so an undo, a preset or a loaded profile all look the same.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cordon-session-bus-private.h"
#include "cordon-toast.h"

struct _CordonSessionBus
{
  GtkWidget            parent_instance;

  GtkSwitch           *bus_switch;
  AdwActionRow        *switch_row;
  GtkWidget           *names_box;
  GtkListBox          *name_list;
  AdwEntryRow         *name_entry;
  GtkDropDown         *access;
  GtkLabel            *error_label;

  CordonCapabilitySet *caps;
  /* What the switch turned off, so turning it on again brings the names back. */
  CordonBusPolicy     *switched_off;
  gboolean             syncing;
};

G_DEFINE_FINAL_TYPE (CordonSessionBus, cordon_session_bus, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CAPS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Names ------------------------------------------------------------------- */

/* Names that reach something able to start programs outside the sandbox
 * (dconf: a custom keyboard shortcut runs any command), or to read every
 * secret the user has. */
static const char * const escaping_names[] = {
  "org.freedesktop.systemd1",
  "org.freedesktop.Flatpak",
  "org.freedesktop.impl.portal.*",
  "org.gnome.Shell",
  "org.gnome.Terminal",
  "org.gnome.Console",
  "org.gtk.vfs.*",
  "org.kde.klauncher5",
  "ca.desrt.dconf",
  "org.freedesktop.secrets",
};

/* "org.a.*" covers "org.a" and "org.a.b"; a plain name covers itself. */
static gboolean
covers (const char *pattern,
        const char *name)
{
  gsize prefix_length;

  if (!g_str_has_suffix (pattern, ".*"))
    return g_str_equal (pattern, name);
  prefix_length = strlen (pattern) - 2;
  if (strncmp (pattern, name, prefix_length) != 0)
    return FALSE;
  return name[prefix_length] == '\0' || name[prefix_length] == '.';
}

static gboolean
escapes (const char *name)
{
  for (gsize i = 0; i < G_N_ELEMENTS (escaping_names); i++)
    {
      /* Either way round: "org.gtk.*" covers the VFS daemons, and
       * "org.gtk.vfs.Daemon" is one of them. */
      if (covers (name, escaping_names[i]) || covers (escaping_names[i], name))
        return TRUE;
    }
  return FALSE;
}

char *
cordon_session_bus_describe_name (const char      *name,
                                  CordonBusAccess  access,
                                  gboolean        *out_escapes)
{
  static const struct
  {
    const char *pattern;
    const char *words;
  } known[] = {
    { "org.freedesktop.portal.*",
      N_("Desktop portals: the program can ask you to choose files, open links, print or take "
         "a screenshot; you answer in dialogs outside the sandbox") },
    { "org.a11y.Bus",
      N_("Accessibility: screen readers can read the program's window, through an "
         "accessibility bus filtered so the program reaches no other window") },
    { "org.freedesktop.Notifications", N_("Notifications: the program can show notifications") },
    { "org.freedesktop.secrets",
      N_("Passwords: the program can read and change every password in your keyrings") },
    { "ca.desrt.dconf", N_("Settings: the program can change every setting of every program") },
    { "org.gtk.vfs.*",
      N_("Virtual file systems: the program can reach network shares, the trash and every "
         "file outside the sandbox") },
    { "org.freedesktop.systemd1",
      N_("systemd: the program can start any program outside the sandbox") },
    { "org.freedesktop.Flatpak",
      N_("Flatpak: the program can start any program outside the sandbox") },
  };
  gboolean wildcard = g_str_has_suffix (name, ".*");
  g_autofree char *prefix = wildcard ? g_strndup (name, strlen (name) - 2) : NULL;
  gboolean escape = escapes (name);
  char *words = NULL;

  if (out_escapes != NULL)
    *out_escapes = escape;

  for (gsize i = 0; i < G_N_ELEMENTS (known) && words == NULL; i++)
    if (g_str_equal (known[i].pattern, name)
        || (!wildcard && covers (known[i].pattern, name)))
      words = g_strdup (_(known[i].words));

  /* The known ways out say so themselves; any other gets it said. */
  if (words == NULL && escape)
    {
      /* Translators: %s is a D-Bus name */
      words = g_strdup_printf (_("The program can call services named %s, some of which can "
                                 "start programs outside the sandbox"),
                               wildcard ? prefix : name);
    }
  else if (words == NULL && wildcard)
    {
      /* Translators: %s is a D-Bus name such as org.example */
      words = g_strdup_printf (_("The program can call the services named %s or any name below "
                                 "it, and receive their signals"),
                               prefix);
    }
  else if (words == NULL)
    {
      /* Translators: %s is a D-Bus name such as org.example.App */
      words = g_strdup_printf (_("The program can call the service named %s and receive its "
                                 "signals"),
                               name);
    }

  if (access == CORDON_BUS_ACCESS_OWN)
    {
      char *with_own;

      /* Translators: %s is what talking to the name allows, in words */
      with_own = g_strdup_printf (_("%s. It can also take the name itself and answer calls to "
                                    "it"),
                                  words);
      g_free (words);
      words = with_own;
    }
  return words;
}

/* Rows -------------------------------------------------------------------- */

static void remove_name (CordonSessionBus *self,
                         const char       *name);

static void
on_remove_clicked (GtkButton        *button,
                   CordonSessionBus *self)
{
  remove_name (self, g_object_get_data (G_OBJECT (button), "cordon-bus-name"));
}

static GtkWidget *
make_row (CordonSessionBus *self,
          const char       *name,
          CordonBusAccess   access)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label;
  GtkWidget *button;
  gboolean escape = FALSE;
  g_autofree char *words = cordon_session_bus_describe_name (name, access, &escape);
  g_autofree char *remove_label = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), words);
  if (escape)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_add_css_class (icon, "warning");
      gtk_widget_set_tooltip_text (icon, _("Lets the program act outside the sandbox"));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
    }

  label = gtk_label_new (access == CORDON_BUS_ACCESS_OWN ? C_("bus access", "Own")
                                                         : C_("bus access", "Talk"));
  gtk_widget_add_css_class (label, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);

  button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  /* Translators: %s is a D-Bus name */
  remove_label = g_strdup_printf (_("Remove %s"), name);
  gtk_widget_set_tooltip_text (button, remove_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  remove_label, -1);
  g_object_set_data_full (G_OBJECT (button), "cordon-bus-name", g_strdup (name), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (on_remove_clicked), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

static void
rebuild_rows (CordonSessionBus *self,
              CordonBusPolicy  *policy)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->name_list))) != NULL)
    gtk_list_box_remove (self->name_list, child);
  if (policy == NULL)
    return;
  for (const char * const *name = cordon_bus_policy_get_own (policy); *name != NULL; name++)
    gtk_list_box_append (self->name_list, make_row (self, *name, CORDON_BUS_ACCESS_OWN));
  for (const char * const *name = cordon_bus_policy_get_talk (policy); *name != NULL; name++)
    gtk_list_box_append (self->name_list, make_row (self, *name, CORDON_BUS_ACCESS_TALK));
}

static void
sync_from_caps (CordonSessionBus *self)
{
  CordonBusPolicy *policy = self->caps != NULL
                              ? cordon_capability_set_get_bus_policy (self->caps)
                              : NULL;

  self->syncing = TRUE;
  gtk_switch_set_active (self->bus_switch, policy != NULL);
  self->syncing = FALSE;
  adw_action_row_set_subtitle (self->switch_row,
                               policy != NULL
                                 ? _("On: the program reaches only the names below, through "
                                     "xdg-dbus-proxy")
                                 : _("Off: the program has no session bus at all"));
  gtk_widget_set_visible (self->names_box, policy != NULL);
  rebuild_rows (self, policy);
}

/* Editing ----------------------------------------------------------------- */

static void
show_error (CordonSessionBus *self,
            const char       *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->name_entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->name_entry), "error");
}

static void
on_switch_active (CordonSessionBus *self)
{
  CordonBusPolicy *policy;

  if (self->syncing || self->caps == NULL)
    return;
  policy = cordon_capability_set_get_bus_policy (self->caps);
  if (gtk_switch_get_active (self->bus_switch) && policy == NULL)
    {
      g_autoptr(CordonBusPolicy) restored = self->switched_off != NULL
                                              ? g_steal_pointer (&self->switched_off)
                                              : cordon_bus_policy_new ();

      cordon_capability_set_set_bus_policy (self->caps, restored);
    }
  else if (!gtk_switch_get_active (self->bus_switch) && policy != NULL)
    {
      g_set_object (&self->switched_off, policy);
      cordon_capability_set_set_bus_policy (self->caps, NULL);
    }
  show_error (self, NULL);
}

static void
on_add (CordonSessionBus *self)
{
  CordonBusPolicy *policy = cordon_capability_set_get_bus_policy (self->caps);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->name_entry));
  g_autofree char *name = g_strstrip (g_strdup (text));
  CordonBusAccess access = gtk_drop_down_get_selected (self->access) == 1
                             ? CORDON_BUS_ACCESS_OWN
                             : CORDON_BUS_ACCESS_TALK;
  g_autoptr(GError) error = NULL;

  if (policy == NULL || name[0] == '\0')
    return;
  if (!cordon_bus_policy_add (policy, name, access, &error))
    {
      show_error (self, error->message);
      return;
    }
  show_error (self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), "");
}

static void
on_entry_changed (CordonSessionBus *self)
{
  if (gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    show_error (self, NULL);
}

typedef struct
{
  CordonBusPolicy *policy; /* weak: gone with its profile */
  char            *name;
  CordonBusAccess  access;
} Removal;

static void
removal_free (gpointer data)
{
  Removal *removal = data;

  g_clear_weak_pointer (&removal->policy);
  g_free (removal->name);
  g_free (removal);
}

static void
on_undo_clicked (AdwToast *toast,
                 Removal  *removal)
{
  if (removal->policy != NULL)
    cordon_bus_policy_add (removal->policy, removal->name, removal->access, NULL);
}

static void
remove_name (CordonSessionBus *self,
             const char       *name)
{
  CordonBusPolicy *policy = cordon_capability_set_get_bus_policy (self->caps);
  g_autofree char *title = NULL;
  Removal *removal;
  AdwToast *toast;

  if (policy == NULL)
    return;
  removal = g_new0 (Removal, 1);
  removal->name = g_strdup (name);
  removal->access = cordon_bus_policy_lookup (policy, name);
  g_set_weak_pointer (&removal->policy, policy);
  if (!cordon_bus_policy_remove (policy, name))
    {
      removal_free (removal);
      return;
    }

  /* Translators: %s is a D-Bus name */
  title = g_strdup_printf (_("Removed “%s”"), name);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_clicked), removal,
                         (GClosureNotify) (void (*) (void)) removal_free, 0);
  cordon_toast_show (GTK_WIDGET (self), toast);
}

/* GObject ----------------------------------------------------------------- */

static void
cordon_session_bus_dispose (GObject *object)
{
  CordonSessionBus *self = CORDON_SESSION_BUS (object);

  if (self->caps != NULL)
    g_signal_handlers_disconnect_by_data (self->caps, self);
  g_clear_object (&self->caps);
  g_clear_object (&self->switched_off);
  gtk_widget_dispose_template (GTK_WIDGET (self), CORDON_TYPE_SESSION_BUS);
  /* dispose_template only unparents the children it bound to fields. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (cordon_session_bus_parent_class)->dispose (object);
}

static void
cordon_session_bus_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  CordonSessionBus *self = CORDON_SESSION_BUS (object);

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
cordon_session_bus_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  CordonSessionBus *self = CORDON_SESSION_BUS (object);

  switch (prop_id)
    {
    case PROP_CAPS:
      cordon_session_bus_set_caps (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cordon_session_bus_class_init (CordonSessionBusClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cordon_session_bus_dispose;
  object_class->get_property = cordon_session_bus_get_property;
  object_class->set_property = cordon_session_bus_set_property;

  properties[PROP_CAPS] =
    g_param_spec_object ("caps", NULL, NULL, CORDON_TYPE_CAPABILITY_SET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/cordon-session-bus.ui");
  gtk_widget_class_bind_template_child (widget_class, CordonSessionBus, bus_switch);
  gtk_widget_class_bind_template_child (widget_class, CordonSessionBus, switch_row);
  gtk_widget_class_bind_template_child (widget_class, CordonSessionBus, names_box);
  gtk_widget_class_bind_template_child (widget_class, CordonSessionBus, name_list);
  gtk_widget_class_bind_template_child (widget_class, CordonSessionBus, name_entry);
  gtk_widget_class_bind_template_child (widget_class, CordonSessionBus, access);
  gtk_widget_class_bind_template_child (widget_class, CordonSessionBus, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_switch_active);
  gtk_widget_class_bind_template_callback (widget_class, on_add);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_changed);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sessionbus");
}

static void
cordon_session_bus_init (CordonSessionBus *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  sync_from_caps (self);
}

GtkWidget *
cordon_session_bus_new (void)
{
  return g_object_new (CORDON_TYPE_SESSION_BUS, NULL);
}

CordonCapabilitySet *
cordon_session_bus_get_caps (CordonSessionBus *self)
{
  g_return_val_if_fail (CORDON_IS_SESSION_BUS (self), NULL);
  return self->caps;
}

void
cordon_session_bus_set_caps (CordonSessionBus    *self,
                             CordonCapabilitySet *caps)
{
  g_return_if_fail (CORDON_IS_SESSION_BUS (self));
  g_return_if_fail (caps == NULL || CORDON_IS_CAPABILITY_SET (caps));

  if (self->caps == caps)
    return;
  if (self->caps != NULL)
    g_signal_handlers_disconnect_by_data (self->caps, self);
  g_set_object (&self->caps, caps);
  /* The names a switch remembered belong to the profile that is gone. */
  g_clear_object (&self->switched_off);
  if (caps != NULL)
    g_signal_connect_object (caps, "notify::bus-policy", G_CALLBACK (sync_from_caps), self,
                             G_CONNECT_SWAPPED);
  show_error (self, NULL);
  sync_from_caps (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAPS]);
}

GtkSwitch *
cordon_session_bus_get_switch (CordonSessionBus *self)
{
  return self->bus_switch;
}

AdwEntryRow *
cordon_session_bus_get_name_entry (CordonSessionBus *self)
{
  return self->name_entry;
}

GtkDropDown *
cordon_session_bus_get_access (CordonSessionBus *self)
{
  return self->access;
}

GtkListBox *
cordon_session_bus_get_name_list (CordonSessionBus *self)
{
  return self->name_list;
}
