/* cordon-blocked-list.c: "Blocked in This Run", each refused access with Allow
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row per access the sandbox refused in the run, in words, as
 * cordon-run reported it on its status channel; Allow changes the profile
 * on screen (the next run has it), with an undo toast. The list shows only
 * while it has rows.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cordon-blocked-access.h"
#include "cordon-blocked-list.h"
#include "cordon-rule-grant.h"
#include "cordon-toast.h"

#define RESOURCE_PREFIX "/io/github/cordon/Cordon"

struct _CordonBlockedList
{
  GtkWidget            parent_instance;

  GtkListBox          *list_box;
  GListModel          *model;
  CordonCapabilitySet *caps;
};

G_DEFINE_FINAL_TYPE (CordonBlockedList, cordon_blocked_list, GTK_TYPE_WIDGET)

/* Undo for one Allow: the grant, and the row whose buttons come back. */
typedef struct
{
  CordonBlockedList *list;     /* weak */
  CordonRuleGrant   *grant;
  GtkWidget         *row;      /* weak */
} Undo;

static void
undo_free (gpointer data)
{
  Undo *undo = data;

  g_clear_weak_pointer (&undo->list);
  g_clear_weak_pointer (&undo->row);
  cordon_rule_grant_free (undo->grant);
  g_free (undo);
}

static void
set_row_allowed (GtkWidget *row,
                 gboolean   allowed)
{
  GtkWidget *buttons = g_object_get_data (G_OBJECT (row), "cordon-buttons");

  gtk_widget_set_sensitive (buttons, !allowed);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               allowed ? _("Allowed: the next run has the new rule") : "");
}

static void
on_undo_clicked (AdwToast *toast,
                 Undo     *undo)
{
  if (undo->list == NULL || undo->list->caps == NULL)
    return;
  cordon_rule_grant_undo (undo->grant, undo->list->caps);
  if (undo->row != NULL)
    set_row_allowed (undo->row, FALSE);
}

static void
allow (CordonBlockedList *self,
       guint              position,
       gboolean           folder)
{
  g_autoptr (CordonBlockedAccess) access = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *markup = NULL;
  CordonRuleGrant *grant;
  GtkListBoxRow *row;
  AdwToast *toast;
  Undo *undo;

  if (self->model == NULL || self->caps == NULL
      || (access = g_list_model_get_item (self->model, position)) == NULL)
    return;

  grant = cordon_rule_grant_apply (self->caps, access, folder, &error);
  if (grant == NULL)
    {
      cordon_toast_show_text (GTK_WIDGET (self), error->message);
      return;
    }

  row = gtk_list_box_get_row_at_index (self->list_box, (int) position);
  if (row != NULL)
    set_row_allowed (GTK_WIDGET (row), TRUE);

  undo = g_new0 (Undo, 1);
  undo->grant = grant;
  g_set_weak_pointer (&undo->list, self);
  if (row != NULL)
    g_set_weak_pointer (&undo->row, GTK_WIDGET (row));
  /* A toast's title is markup (libadwaita 1.2); the path in it is the
   * program's choice, so a "<" or "&" in it stays text. */
  markup = g_markup_escape_text (cordon_rule_grant_get_summary (grant), -1);
  toast = adw_toast_new (markup);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_clicked), undo,
                         (GClosureNotify) (void (*) (void)) undo_free, 0);
  cordon_toast_show (GTK_WIDGET (self), toast);
}

static void
allow_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  allow (CORDON_BLOCKED_LIST (widget), g_variant_get_uint32 (parameter), FALSE);
}

static void
allow_folder_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  allow (CORDON_BLOCKED_LIST (widget), g_variant_get_uint32 (parameter), TRUE);
}

static GtkWidget *
make_button (const char *label,
             const char *tooltip,
             const char *action,
             guint       position)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "u", position);
  return button;
}

static GtkWidget *
create_row (gpointer item,
            gpointer data)
{
  CordonBlockedList *self = data;
  CordonBlockedAccess *access = item;
  g_autofree char *title = cordon_blocked_access_describe (access);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  guint position = 0;

  /* The model only grows during a run: a new row is the last. */
  position = g_list_model_get_n_items (self->model);
  for (guint i = 0; i < position; i++)
    {
      g_autoptr (GObject) other = g_list_model_get_item (self->model, i);

      if ((gpointer) other == item)
        {
          position = i;
          break;
        }
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_box_append (GTK_BOX (buttons),
                  make_button (_("_Allow"), _("Add the rule that allows this to the profile"),
                               "blocked.allow", position));
  if (cordon_blocked_access_get_kind (access) != CORDON_BLOCKED_NETWORK)
    gtk_box_append (GTK_BOX (buttons),
                    make_button (_("Allow _Folder"),
                                 _("Allow the whole folder that holds it"),
                                 "blocked.allow-folder", position));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), buttons);
  g_object_set_data (G_OBJECT (row), "cordon-buttons", buttons);
  return row;
}

static void
update_visible (CordonBlockedList *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self),
                          self->model != NULL && g_list_model_get_n_items (self->model) > 0);
}

static void
on_items_changed (CordonBlockedList *self)
{
  update_visible (self);
}

void
cordon_blocked_list_set_model (CordonBlockedList *self,
                               GListModel        *model)
{
  g_return_if_fail (CORDON_IS_BLOCKED_LIST (self));

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_set_object (&self->model, model);
  gtk_list_box_bind_model (self->list_box, model, model != NULL ? create_row : NULL, self, NULL);
  if (model != NULL)
    g_signal_connect_object (model, "items-changed", G_CALLBACK (on_items_changed), self,
                             G_CONNECT_SWAPPED);
  update_visible (self);
}

void
cordon_blocked_list_set_caps (CordonBlockedList   *self,
                              CordonCapabilitySet *caps)
{
  g_return_if_fail (CORDON_IS_BLOCKED_LIST (self));
  g_set_object (&self->caps, caps);
}

GtkWidget *
cordon_blocked_list_new (void)
{
  return g_object_new (CORDON_TYPE_BLOCKED_LIST, NULL);
}

static void
cordon_blocked_list_dispose (GObject *object)
{
  CordonBlockedList *self = CORDON_BLOCKED_LIST (object);

  if (self->list_box != NULL)
    gtk_list_box_bind_model (self->list_box, NULL, NULL, NULL, NULL);
  g_clear_object (&self->model);
  g_clear_object (&self->caps);
  gtk_widget_dispose_template (GTK_WIDGET (self), CORDON_TYPE_BLOCKED_LIST);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (cordon_blocked_list_parent_class)->dispose (object);
}

static void
cordon_blocked_list_class_init (CordonBlockedListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cordon_blocked_list_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/cordon-blocked-list.ui");
  gtk_widget_class_bind_template_child (widget_class, CordonBlockedList, list_box);
  gtk_widget_class_install_action (widget_class, "blocked.allow", "u", allow_action);
  gtk_widget_class_install_action (widget_class, "blocked.allow-folder", "u",
                                   allow_folder_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "blockedlist");
}

static void
cordon_blocked_list_init (CordonBlockedList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_visible (self);
}
