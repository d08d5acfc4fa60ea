/* cordon-rule-list.c: the permissions list, and the ways to add to it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cordon-app-util.h"
#include "cordon-rule-list-private.h"
#include "cordon-rule-row.h"
#include "cordon-toast.h"

struct _CordonRuleList
{
  GtkWidget            parent_instance;

  GtkLabel            *count_label;
  AdwEntryRow         *path_entry;
  GtkButton           *add_button;
  GtkLabel            *validation_label;
  GtkStack            *stack;
  GtkListView         *list_view;
  GtkNoSelection      *selection;
  GtkScrolledWindow   *scroller;
  AdwButtonContent    *add_folder_content;
  AdwButtonContent    *add_file_content;
  GtkWidget           *add_folder_icon;
  GtkWidget           *add_file_icon;

  CordonCapabilitySet *caps;
  gboolean             scroll_pending;
};

G_DEFINE_FINAL_TYPE (CordonRuleList, cordon_rule_list, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CAPS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_toast (CordonRuleList *self,
            const char     *title)
{
  cordon_toast_show_text (GTK_WIDGET (self), title);
}

static void
on_vadjustment_changed (GtkAdjustment  *adjustment,
                        CordonRuleList *self)
{
  if (!self->scroll_pending)
    return;
  self->scroll_pending = FALSE;
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment)
                                          - gtk_adjustment_get_page_size (adjustment));
}

/* New rules are appended: show them. The list's height is only known after
 * the next layout, hence the adjustment's "changed". */
static void
scroll_to_end (CordonRuleList *self)
{
  self->scroll_pending = TRUE;
}

static void
update_count (CordonRuleList *self)
{
  guint n = self->caps ? g_list_model_get_n_items (G_LIST_MODEL (self->caps)) : 0;
  g_autofree char *text = NULL;

  /* Translators: how many rules the profile has */
  text = g_strdup_printf (ngettext ("%u rule", "%u rules", n), n);
  gtk_label_set_label (self->count_label, text);
  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
}

static void
on_row_remove_requested (CordonRuleRow *row,
                         GtkListItem   *list_item)
{
  guint position = gtk_list_item_get_position (list_item);

  if (position != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (row), "win.remove-rule", "u", position);
}

static CordonRuleRow *
find_row_in (GtkWidget          *widget,
             CordonFsCapability *capability)
{
  if (CORDON_IS_RULE_ROW (widget))
    return cordon_rule_row_get_capability (CORDON_RULE_ROW (widget)) == capability
             ? CORDON_RULE_ROW (widget)
             : NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      CordonRuleRow *row = find_row_in (child, capability);

      if (row != NULL)
        return row;
    }
  return NULL;
}

/* Only rows on screen exist, so this walks a few hundred widgets at most. */
static CordonRuleRow *
find_row_for (CordonRuleList     *self,
              CordonFsCapability *capability)
{
  return find_row_in (GTK_WIDGET (self->list_view), capability);
}

static void
on_row_mode_requested (CordonRuleRow    *row,
                       CordonAccessMode  mode,
                       GtkListItem      *list_item)
{
  CordonRuleList *self = CORDON_RULE_LIST (gtk_widget_get_ancestor (GTK_WIDGET (row),
                                                                     CORDON_TYPE_RULE_LIST));
  guint position = gtk_list_item_get_position (list_item);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (row));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  gboolean had_focus = focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (row));
  g_autoptr(CordonFsCapability) replacement = NULL;
  CordonRuleRow *new_row;

  if (self == NULL || self->caps == NULL || position == GTK_INVALID_LIST_POSITION)
    return;

  /* Rules are immutable: the set replaces this one, and the list view
   * rebinds a row for the new rule, focusing its first button. Someone
   * using the keyboard expects to stay on the mode they just chose. */
  cordon_capability_set_set_access (self->caps, position, mode);
  if (!had_focus)
    return;
  replacement = g_list_model_get_item (G_LIST_MODEL (self->caps), position);
  if ((new_row = find_row_for (self, replacement)) != NULL)
    cordon_rule_row_focus_mode (new_row);
}

static void
on_factory_setup (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item)
{
  GtkWidget *row = cordon_rule_row_new ();

  /* The row's buttons and mode selector are what takes focus. */
  gtk_list_item_set_activatable (list_item, FALSE);
  gtk_list_item_set_child (list_item, row);
  g_signal_connect (row, "remove-requested", G_CALLBACK (on_row_remove_requested), list_item);
  g_signal_connect (row, "mode-requested", G_CALLBACK (on_row_mode_requested), list_item);
}

static void
on_factory_bind (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item)
{
  cordon_rule_row_set_capability (CORDON_RULE_ROW (gtk_list_item_get_child (list_item)),
                                  gtk_list_item_get_item (list_item));
}

static void
on_factory_unbind (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item)
{
  cordon_rule_row_set_capability (CORDON_RULE_ROW (gtk_list_item_get_child (list_item)), NULL);
}

gboolean
cordon_rule_list_add_path (CordonRuleList  *self,
                           const char      *path,
                           GError         **error)
{
  g_return_val_if_fail (CORDON_IS_RULE_LIST (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (self->caps == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                           _("There is no profile to add to"));
      return FALSE;
    }

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    return cordon_capability_set_allow_path (self->caps, path, CORDON_ACCESS_READ, error);
  return cordon_capability_set_allow_file (self->caps, path, CORDON_ACCESS_READ, error);
}

static void
on_path_entry_changed (CordonRuleList *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->path_entry));
  g_autofree char *message = NULL;
  CordonPathCheck check = cordon_path_check (text, NULL, &message);
  gboolean usable = check == CORDON_PATH_CHECK_FOLDER || check == CORDON_PATH_CHECK_FILE;

  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), usable);
  gtk_label_set_label (self->validation_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->validation_label), message != NULL);
  /* An empty entry (after an add, too) is not a mistake. */
  if (usable || check == CORDON_PATH_CHECK_EMPTY)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->validation_label), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->path_entry), "error");
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->validation_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->path_entry), "error");
    }
}

static void
on_add_typed_path (CordonRuleList *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->path_entry));
  g_autofree char *path = NULL;
  g_autofree char *display = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GError) error = NULL;
  CordonPathCheck check = cordon_path_check (text, &path, NULL);

  if (check != CORDON_PATH_CHECK_FOLDER && check != CORDON_PATH_CHECK_FILE)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }

  if (!cordon_rule_list_add_path (self, path, &error))
    {
      gtk_label_set_label (self->validation_label, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->validation_label), "error");
      gtk_widget_set_visible (GTK_WIDGET (self->validation_label), TRUE);
      return;
    }

  display = cordon_path_to_display (path);
  /* Translators: %s is a path */
  title = g_strdup_printf (_("Added “%s”"), display);
  show_toast (self, title);
  gtk_editable_set_text (GTK_EDITABLE (self->path_entry), "");
  scroll_to_end (self);
}

guint
cordon_rule_list_drop_files (CordonRuleList *self,
                             const GValue   *value)
{
  g_autofree char *title = NULL;
  g_autoptr(GError) first_error = NULL;
  GdkFileList *file_list;
  GSList *files;
  guint added = 0;

  g_return_val_if_fail (CORDON_IS_RULE_LIST (self), 0);
  g_return_val_if_fail (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST), 0);

  file_list = g_value_get_boxed (value);
  files = file_list != NULL ? gdk_file_list_get_files (file_list) : NULL;
  for (GSList *l = files; l != NULL; l = l->next)
    {
      g_autofree char *path = g_file_get_path (l->data);
      g_autoptr(GError) error = NULL;

      if (path == NULL)
        {
          g_autofree char *uri = g_file_get_uri (l->data);

          g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       _("“%s” is not on this computer"), uri);
        }
      else if (cordon_rule_list_add_path (self, path, &error))
        added++;

      if (error != NULL && first_error == NULL)
        first_error = g_steal_pointer (&error);
    }
  g_slist_free (files);

  if (first_error != NULL)
    show_toast (self, first_error->message);
  else if (added > 0)
    {
      title = g_strdup_printf (ngettext ("Added %u rule", "Added %u rules", added), added);
      show_toast (self, title);
      scroll_to_end (self);
    }
  return added;
}

static gboolean
on_drop (GtkDropTarget  *target,
         const GValue   *value,
         double          x,
         double          y,
         CordonRuleList *self)
{
  return cordon_rule_list_drop_files (self, value) > 0;
}

static void
cordon_rule_list_dispose (GObject *object)
{
  CordonRuleList *self = CORDON_RULE_LIST (object);

  if (self->caps != NULL)
    g_signal_handlers_disconnect_by_data (self->caps, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), CORDON_TYPE_RULE_LIST);
  /* dispose_template only unparents the children it bound to fields. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->caps);

  G_OBJECT_CLASS (cordon_rule_list_parent_class)->dispose (object);
}

static void
cordon_rule_list_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CordonRuleList *self = CORDON_RULE_LIST (object);

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
cordon_rule_list_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CordonRuleList *self = CORDON_RULE_LIST (object);

  switch (prop_id)
    {
    case PROP_CAPS:
      cordon_rule_list_set_caps (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cordon_rule_list_class_init (CordonRuleListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cordon_rule_list_dispose;
  object_class->get_property = cordon_rule_list_get_property;
  object_class->set_property = cordon_rule_list_set_property;

  properties[PROP_CAPS] =
    g_param_spec_object ("caps", NULL, NULL, CORDON_TYPE_CAPABILITY_SET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/cordon-rule-list.ui");
  gtk_widget_class_bind_template_child (widget_class, CordonRuleList, count_label);
  gtk_widget_class_bind_template_child (widget_class, CordonRuleList, path_entry);
  gtk_widget_class_bind_template_child (widget_class, CordonRuleList, add_button);
  gtk_widget_class_bind_template_child (widget_class, CordonRuleList, validation_label);
  gtk_widget_class_bind_template_child (widget_class, CordonRuleList, stack);
  gtk_widget_class_bind_template_child (widget_class, CordonRuleList, list_view);
  gtk_widget_class_bind_template_child (widget_class, CordonRuleList, selection);
  gtk_widget_class_bind_template_child (widget_class, CordonRuleList, scroller);
  gtk_widget_class_bind_template_child (widget_class, CordonRuleList, add_folder_content);
  gtk_widget_class_bind_template_child (widget_class, CordonRuleList, add_file_content);
  gtk_widget_class_bind_template_child (widget_class, CordonRuleList, add_folder_icon);
  gtk_widget_class_bind_template_child (widget_class, CordonRuleList, add_file_icon);
  gtk_widget_class_bind_template_callback (widget_class, on_path_entry_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_add_typed_path);
  gtk_widget_class_bind_template_callback (widget_class, on_factory_setup);
  gtk_widget_class_bind_template_callback (widget_class, on_factory_bind);
  gtk_widget_class_bind_template_callback (widget_class, on_factory_unbind);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "rulelist");
}

/* The label's words without the mnemonic marks: "Add _Folder…" reads
 * "Add Folder…", and "__" is a literal "_". */
static char *
without_mnemonic (const char *label)
{
  GString *text = g_string_new (NULL);

  for (const char *p = label; *p != '\0'; p++)
    {
      if (*p == '_')
        {
          p++;
          if (*p == '\0')
            break;
        }
      g_string_append_c (text, *p);
    }
  return g_string_free (text, FALSE);
}

/* An icon-only button is named by its labelled twin, so both say the same
 * in every language, and the twin's tooltip becomes the description. */
static void
name_icon_button (GtkWidget        *icon_button,
                  AdwButtonContent *labelled)
{
  GtkWidget *twin = gtk_widget_get_parent (GTK_WIDGET (labelled));
  g_autofree char *name = without_mnemonic (adw_button_content_get_label (labelled));
  const char *description = gtk_widget_get_tooltip_text (twin);

  gtk_widget_set_tooltip_text (icon_button, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static void
cordon_rule_list_init (CordonRuleList *self)
{
  GtkDropTarget *target;

  gtk_widget_init_template (GTK_WIDGET (self));
  name_icon_button (self->add_folder_icon, self->add_folder_content);
  name_icon_button (self->add_file_icon, self->add_file_content);

  target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (target, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self->stack), GTK_EVENT_CONTROLLER (target));

  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->scroller), "changed",
                           G_CALLBACK (on_vadjustment_changed), self, 0);

  update_count (self);
}

GtkWidget *
cordon_rule_list_new (void)
{
  return g_object_new (CORDON_TYPE_RULE_LIST, NULL);
}

CordonCapabilitySet *
cordon_rule_list_get_caps (CordonRuleList *self)
{
  g_return_val_if_fail (CORDON_IS_RULE_LIST (self), NULL);
  return self->caps;
}

void
cordon_rule_list_set_caps (CordonRuleList      *self,
                           CordonCapabilitySet *caps)
{
  g_return_if_fail (CORDON_IS_RULE_LIST (self));
  g_return_if_fail (caps == NULL || CORDON_IS_CAPABILITY_SET (caps));

  if (self->caps == caps)
    return;
  if (self->caps != NULL)
    g_signal_handlers_disconnect_by_data (self->caps, self);
  g_set_object (&self->caps, caps);
  if (caps != NULL)
    g_signal_connect_object (caps, "items-changed", G_CALLBACK (update_count), self,
                             G_CONNECT_SWAPPED);

  gtk_no_selection_set_model (self->selection, G_LIST_MODEL (caps));
  update_count (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAPS]);
}

GtkListView *
cordon_rule_list_get_list_view (CordonRuleList *self)
{
  return self->list_view;
}

AdwEntryRow *
cordon_rule_list_get_path_entry (CordonRuleList *self)
{
  return self->path_entry;
}

GtkLabel *
cordon_rule_list_get_validation_label (CordonRuleList *self)
{
  return self->validation_label;
}

GtkButton *
cordon_rule_list_get_add_button (CordonRuleList *self)
{
  return self->add_button;
}
