/* cordon-rule-row.c: one rule of the permissions list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cordon-app-util.h"
#include "cordon-mode-selector.h"
#include "cordon-rule-row.h"

struct _CordonRuleRow
{
  GtkWidget           parent_instance;

  GtkImage           *kind_icon;
  GtkLabel           *path_label;
  GtkLabel           *effect_label;
  GtkLabel           *warning_label;
  GtkImage           *missing_icon;
  CordonModeSelector *mode_selector;
  GtkButton          *remove_button;

  CordonFsCapability *capability;
  gboolean            missing;
  gboolean            updating;
};

G_DEFINE_FINAL_TYPE (CordonRuleRow, cordon_rule_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CAPABILITY,
  N_PROPS
};

enum {
  REMOVE_REQUESTED,
  MODE_REQUESTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
on_mode_changed (CordonRuleRow *self)
{
  CordonAccessMode mode = cordon_mode_selector_get_mode (self->mode_selector);

  if (self->updating || self->capability == NULL)
    return;
  if (mode != cordon_fs_capability_get_access (self->capability))
    g_signal_emit (self, signals[MODE_REQUESTED], 0, mode);
}

static void
on_remove_clicked (CordonRuleRow *self)
{
  if (self->capability != NULL)
    g_signal_emit (self, signals[REMOVE_REQUESTED], 0);
}

/* Tooltips are made when asked for. On X11, GTK 4.8 queries the pointer
 * with a server round trip for every gtk_widget_set_tooltip_text() on a
 * visible widget (about 0.12 ms each here), and rows are rebound all the
 * time while the list scrolls. */
static gboolean
on_query_tooltip (GtkWidget     *widget,
                  int            x,
                  int            y,
                  gboolean       keyboard,
                  GtkTooltip    *tooltip,
                  CordonRuleRow *self)
{
  if (self->capability == NULL)
    return FALSE;
  if (widget == GTK_WIDGET (self->path_label))
    gtk_tooltip_set_text (tooltip, cordon_fs_capability_get_resolved (self->capability));
  else
    gtk_tooltip_set_text (tooltip, cordon_fs_capability_get_is_file (self->capability)
                                     ? _("File")
                                     : _("Folder and everything inside it"));
  return TRUE;
}

static void
update (CordonRuleRow *self)
{
  g_autofree char *display = NULL;
  g_autofree char *remove_label = NULL;
  g_autofree char *planted_warning = NULL;
  const char *planted_link;
  const char *resolved;
  const char *warning;
  gboolean severe = FALSE;
  CordonAccessMode mode;
  gboolean is_file;

  if (self->capability == NULL)
    return;

  resolved = cordon_fs_capability_get_resolved (self->capability);
  mode = cordon_fs_capability_get_access (self->capability);
  is_file = cordon_fs_capability_get_is_file (self->capability);
  display = cordon_path_to_display (resolved);

  gtk_image_set_from_icon_name (self->kind_icon,
                                is_file ? "text-x-generic-symbolic" : "folder-symbolic");
  /* What the tooltips say, for assistive technologies too. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->kind_icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  is_file ? _("File") : _("Folder and everything inside it"),
                                  -1);
  gtk_label_set_label (self->path_label, display);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->path_label),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, resolved,
                                  -1);
  gtk_label_set_label (self->effect_label, cordon_access_mode_to_effect (mode));

  /* The path can vanish after the rule was made; the row stays, flagged, so
   * nothing the user wrote is dropped behind their back. */
  self->missing = !g_file_test (resolved, G_FILE_TEST_EXISTS);
  gtk_widget_set_visible (GTK_WIDGET (self->missing_icon), self->missing);
  gtk_widget_set_opacity (GTK_WIDGET (self->path_label), self->missing ? 0.55 : 1.0);

  warning = cordon_app_capability_get_warning (self->capability, &severe);
  if (self->missing)
    warning = is_file ? _("This file no longer exists") : _("This folder no longer exists");
  planted_link = cordon_fs_capability_get_planted_link (self->capability);
  if (planted_link != NULL)
    {
      g_autofree char *link_display = cordon_path_to_display (planted_link);

      /* Translators: %s is the path of a symbolic link */
      planted_warning = g_strdup_printf (_("Redirected here by the link %s, which a program run "
                                           "with these rules could have made; nothing runs "
                                           "while this rule is in place"),
                                         link_display);
      warning = planted_warning;
    }
  gtk_label_set_label (self->warning_label, warning != NULL ? warning : "");
  if (severe && !self->missing)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->warning_label), "warning");
      gtk_widget_add_css_class (GTK_WIDGET (self->warning_label), "error");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->warning_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->warning_label), "warning");
    }
  gtk_widget_set_visible (GTK_WIDGET (self->warning_label), warning != NULL);

  self->updating = TRUE;
  cordon_mode_selector_set_mode (self->mode_selector, mode);
  self->updating = FALSE;

  /* Translators: %s is a path */
  remove_label = g_strdup_printf (_("Remove the rule for %s"), display);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->remove_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label,
                                  -1);
}

static void
cordon_rule_row_dispose (GObject *object)
{
  CordonRuleRow *self = CORDON_RULE_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CORDON_TYPE_RULE_ROW);
  /* dispose_template only unparents the children it bound to fields. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->capability);

  G_OBJECT_CLASS (cordon_rule_row_parent_class)->dispose (object);
}

static void
cordon_rule_row_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CordonRuleRow *self = CORDON_RULE_ROW (object);

  switch (prop_id)
    {
    case PROP_CAPABILITY:
      g_value_set_object (value, self->capability);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cordon_rule_row_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CordonRuleRow *self = CORDON_RULE_ROW (object);

  switch (prop_id)
    {
    case PROP_CAPABILITY:
      cordon_rule_row_set_capability (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cordon_rule_row_class_init (CordonRuleRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cordon_rule_row_dispose;
  object_class->get_property = cordon_rule_row_get_property;
  object_class->set_property = cordon_rule_row_set_property;

  properties[PROP_CAPABILITY] =
    g_param_spec_object ("capability", NULL, NULL, CORDON_TYPE_FS_CAPABILITY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[REMOVE_REQUESTED] =
    g_signal_new ("remove-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[MODE_REQUESTED] =
    g_signal_new ("mode-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, CORDON_TYPE_ACCESS_MODE);

  g_type_ensure (CORDON_TYPE_MODE_SELECTOR);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/cordon-rule-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CordonRuleRow, kind_icon);
  gtk_widget_class_bind_template_child (widget_class, CordonRuleRow, path_label);
  gtk_widget_class_bind_template_child (widget_class, CordonRuleRow, effect_label);
  gtk_widget_class_bind_template_child (widget_class, CordonRuleRow, warning_label);
  gtk_widget_class_bind_template_child (widget_class, CordonRuleRow, missing_icon);
  gtk_widget_class_bind_template_child (widget_class, CordonRuleRow, mode_selector);
  gtk_widget_class_bind_template_child (widget_class, CordonRuleRow, remove_button);
  gtk_widget_class_bind_template_callback (widget_class, on_mode_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_clicked);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "rulerow");
}

static void
cordon_rule_row_init (CordonRuleRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_widget_set_has_tooltip (GTK_WIDGET (self->kind_icon), TRUE);
  g_signal_connect (self->kind_icon, "query-tooltip", G_CALLBACK (on_query_tooltip), self);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self->path_label), TRUE);
  g_signal_connect (self->path_label, "query-tooltip", G_CALLBACK (on_query_tooltip), self);
}

GtkWidget *
cordon_rule_row_new (void)
{
  return g_object_new (CORDON_TYPE_RULE_ROW, NULL);
}

CordonFsCapability *
cordon_rule_row_get_capability (CordonRuleRow *self)
{
  g_return_val_if_fail (CORDON_IS_RULE_ROW (self), NULL);
  return self->capability;
}

void
cordon_rule_row_set_capability (CordonRuleRow      *self,
                                CordonFsCapability *capability)
{
  g_return_if_fail (CORDON_IS_RULE_ROW (self));
  g_return_if_fail (capability == NULL || CORDON_IS_FS_CAPABILITY (capability));

  if (!g_set_object (&self->capability, capability))
    return;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAPABILITY]);
}

gboolean
cordon_rule_row_get_missing (CordonRuleRow *self)
{
  g_return_val_if_fail (CORDON_IS_RULE_ROW (self), FALSE);
  return self->missing;
}

void
cordon_rule_row_focus_mode (CordonRuleRow *self)
{
  g_return_if_fail (CORDON_IS_RULE_ROW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->mode_selector));
}
