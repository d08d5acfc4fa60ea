/* cordon-mode-selector.c: pick Read, Write or Read & Write
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cordon-mode-selector.h"

struct _CordonModeSelector
{
  GtkWidget        parent_instance;

  GtkToggleButton *read_button;
  GtkToggleButton *write_button;
  GtkToggleButton *read_write_button;

  CordonAccessMode mode;
};

G_DEFINE_FINAL_TYPE (CordonModeSelector, cordon_mode_selector, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkToggleButton *
button_for_mode (CordonModeSelector *self,
                 CordonAccessMode    mode)
{
  switch ((int) mode)
    {
    case CORDON_ACCESS_WRITE:
      return self->write_button;
    case CORDON_ACCESS_READ_WRITE:
      return self->read_write_button;
    default:
      return self->read_button;
    }
}

static void
on_button_toggled (GtkToggleButton    *button,
                   CordonModeSelector *self)
{
  /* In a group, the button going inactive is followed by one going active. */
  if (!gtk_toggle_button_get_active (button))
    return;

  if (button == self->write_button)
    cordon_mode_selector_set_mode (self, CORDON_ACCESS_WRITE);
  else if (button == self->read_write_button)
    cordon_mode_selector_set_mode (self, CORDON_ACCESS_READ_WRITE);
  else
    cordon_mode_selector_set_mode (self, CORDON_ACCESS_READ);
}

/* Focus goes to the chosen mode, as in a radio group. */
static gboolean
cordon_mode_selector_grab_focus (GtkWidget *widget)
{
  CordonModeSelector *self = CORDON_MODE_SELECTOR (widget);

  return gtk_widget_grab_focus (GTK_WIDGET (button_for_mode (self, self->mode)));
}

static void
cordon_mode_selector_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CORDON_TYPE_MODE_SELECTOR);
  /* dispose_template only unparents the children it bound to fields. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL;)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (cordon_mode_selector_parent_class)->dispose (object);
}

static void
cordon_mode_selector_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CordonModeSelector *self = CORDON_MODE_SELECTOR (object);

  switch (prop_id)
    {
    case PROP_MODE:
      g_value_set_flags (value, self->mode);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cordon_mode_selector_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  CordonModeSelector *self = CORDON_MODE_SELECTOR (object);

  switch (prop_id)
    {
    case PROP_MODE:
      cordon_mode_selector_set_mode (self, g_value_get_flags (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cordon_mode_selector_class_init (CordonModeSelectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cordon_mode_selector_dispose;
  object_class->get_property = cordon_mode_selector_get_property;
  object_class->set_property = cordon_mode_selector_set_property;
  widget_class->grab_focus = cordon_mode_selector_grab_focus;

  properties[PROP_MODE] =
    g_param_spec_flags ("mode", NULL, NULL, CORDON_TYPE_ACCESS_MODE, CORDON_ACCESS_READ,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/cordon-mode-selector.ui");
  gtk_widget_class_bind_template_child (widget_class, CordonModeSelector, read_button);
  gtk_widget_class_bind_template_child (widget_class, CordonModeSelector, write_button);
  gtk_widget_class_bind_template_child (widget_class, CordonModeSelector, read_write_button);
  gtk_widget_class_bind_template_callback (widget_class, on_button_toggled);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "modeselector");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
cordon_mode_selector_init (CordonModeSelector *self)
{
  self->mode = CORDON_ACCESS_READ;
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_toggle_button_set_active (self->read_button, TRUE);
}

GtkWidget *
cordon_mode_selector_new (void)
{
  return g_object_new (CORDON_TYPE_MODE_SELECTOR, NULL);
}

CordonAccessMode
cordon_mode_selector_get_mode (CordonModeSelector *self)
{
  g_return_val_if_fail (CORDON_IS_MODE_SELECTOR (self), CORDON_ACCESS_READ);
  return self->mode;
}

void
cordon_mode_selector_set_mode (CordonModeSelector *self,
                               CordonAccessMode    mode)
{
  g_return_if_fail (CORDON_IS_MODE_SELECTOR (self));
  g_return_if_fail (mode == CORDON_ACCESS_READ || mode == CORDON_ACCESS_WRITE
                    || mode == CORDON_ACCESS_READ_WRITE);

  if (self->mode == mode)
    return;
  self->mode = mode;
  /* Re-entry through on_button_toggled finds the mode already set. */
  gtk_toggle_button_set_active (button_for_mode (self, mode), TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODE]);
}
