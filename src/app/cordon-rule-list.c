/* cordon-rule-list.c: the permissions list, and the ways to add to it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cordon-app-util.h"
#include "cordon-rule-group.h"
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

  GtkSearchEntry      *filter_entry;

  CordonCapabilitySet *caps;
  GPtrArray           *groups;     /* CordonRuleGroup, one per preset */
  GListStore          *top;        /* own rules, then groups */
  GtkTreeListModel    *tree;
  GtkCustomFilter     *filter;
  GtkFilterListModel  *filtered;
  CordonFsCapability  *revealing;  /* to focus once its row exists */
  guint                reveal_source;
};

/* From this many rules on, the list offers a filter. */
#define FILTER_FROM 12

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

/* The model -------------------------------------------------------------
 *
 * The list shows the person's own rules first, then one collapsed row per
 * preset holding the rules that preset added ("Run programs — 29 rules").
 * Which rules a preset added comes from the engine's presets (see
 * CordonRuleGroup). With a filter typed, it shows every matching rule,
 * flat. */

static guint
position_in_caps (CordonRuleList     *self,
                  CordonFsCapability *rule)
{
  GListModel *caps = G_LIST_MODEL (self->caps);

  for (guint i = 0; i < g_list_model_get_n_items (caps); i++)
    {
      g_autoptr(CordonFsCapability) item = g_list_model_get_item (caps, i);

      if (item == rule)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

static CordonRuleGroup *
group_of (CordonRuleList     *self,
          CordonFsCapability *rule)
{
  for (guint i = 0; i < self->groups->len; i++)
    if (cordon_rule_group_matches (self->groups->pdata[i], rule))
      return self->groups->pdata[i];
  return NULL;
}

static void
regroup (CordonRuleList *self)
{
  g_autoptr(GPtrArray) top = g_ptr_array_new ();
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  guint n = self->caps != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->caps)) : 0;

  for (guint g = 0; g < self->groups->len; g++)
    g_ptr_array_add (members, g_ptr_array_new ());
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CordonFsCapability) rule = g_list_model_get_item (G_LIST_MODEL (self->caps), i);
      CordonRuleGroup *group = group_of (self, rule);
      guint g;

      if (group == NULL)
        {
          g_ptr_array_add (top, rule);
          continue;
        }
      g_ptr_array_find (self->groups, group, &g);
      g_ptr_array_add (members->pdata[g], rule);
    }
  for (guint g = 0; g < self->groups->len; g++)
    {
      GPtrArray *rules = members->pdata[g];

      cordon_rule_group_set_rules (self->groups->pdata[g], rules);
      if (rules->len > 0)
        g_ptr_array_add (top, self->groups->pdata[g]);
    }
  /* The rules above are borrowed from the set, which holds them meanwhile. */
  cordon_app_splice_changed (self->top, top);
}

static GListModel *
create_children (gpointer item,
                 gpointer user_data)
{
  if (CORDON_IS_RULE_GROUP (item))
    return g_object_ref (cordon_rule_group_get_rules (item));
  return NULL;
}

static gboolean
matches_filter (gpointer item,
                gpointer user_data)
{
  CordonRuleList *self = user_data;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->filter_entry));
  const char *resolved = cordon_fs_capability_get_resolved (item);
  g_autofree char *display = cordon_path_to_display (resolved);
  g_autofree char *needle = g_utf8_casefold (text, -1);
  g_autofree char *hay = g_utf8_casefold (resolved, -1);
  g_autofree char *hay_display = g_utf8_casefold (display, -1);

  return strstr (hay, needle) != NULL || strstr (hay_display, needle) != NULL;
}

static void
on_filter_changed (CordonRuleList *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->filter_entry));

  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  gtk_no_selection_set_model (self->selection,
                              text[0] != '\0' ? G_LIST_MODEL (self->filtered)
                                              : G_LIST_MODEL (self->tree));
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
  /* A filter that is in use stays, however short the list got. */
  gtk_widget_set_visible (GTK_WIDGET (self->filter_entry),
                          n >= FILTER_FROM
                          || gtk_editable_get_text (GTK_EDITABLE (self->filter_entry))[0] != '\0');
}

static void
on_rules_changed (CordonRuleList *self)
{
  regroup (self);
  update_count (self);
}

/* Rows ------------------------------------------------------------------- */

static CordonFsCapability *
rule_of_item (GtkListItem *list_item)
{
  gpointer item = gtk_list_item_get_item (list_item);

  if (GTK_IS_TREE_LIST_ROW (item))
    item = gtk_tree_list_row_get_item (item), g_object_unref (item);
  return CORDON_IS_FS_CAPABILITY (item) ? item : NULL;
}

static CordonRuleList *
list_of (GtkWidget *widget)
{
  return CORDON_RULE_LIST (gtk_widget_get_ancestor (widget, CORDON_TYPE_RULE_LIST));
}

static void
on_row_remove_requested (CordonRuleRow *row,
                         GtkListItem   *list_item)
{
  CordonRuleList *self = list_of (GTK_WIDGET (row));
  CordonFsCapability *rule = cordon_rule_row_get_capability (row);
  guint position;

  if (self == NULL || rule == NULL)
    return;
  position = position_in_caps (self, rule);
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
  CordonRuleList *self = list_of (GTK_WIDGET (row));
  CordonFsCapability *rule = cordon_rule_row_get_capability (row);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (row));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  gboolean had_focus = focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (row));
  g_autoptr(CordonFsCapability) replacement = NULL;
  guint position;

  if (self == NULL || self->caps == NULL || rule == NULL)
    return;
  if ((position = position_in_caps (self, rule)) == GTK_INVALID_LIST_POSITION)
    return;

  /* Rules are immutable: the set replaces this one, and the list view
   * rebinds a row for the new rule (a changed preset rule moves up to the
   * person's own). Someone using the keyboard expects to stay on the mode
   * they just chose. */
  cordon_capability_set_set_access (self->caps, position, mode);
  replacement = g_list_model_get_item (G_LIST_MODEL (self->caps), position);
  if (had_focus)
    cordon_rule_list_reveal (self, replacement);
}

static void
on_group_remove_clicked (GtkButton   *button,
                         GtkListItem *list_item)
{
  CordonRuleList *self = list_of (GTK_WIDGET (button));
  gpointer item = gtk_list_item_get_item (list_item);
  g_autoptr(CordonRuleGroup) group = NULL;
  g_auto(GVariantBuilder) positions = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("au"));
  GListModel *rules;

  if (self == NULL || !GTK_IS_TREE_LIST_ROW (item))
    return;
  group = gtk_tree_list_row_get_item (item);
  if (!CORDON_IS_RULE_GROUP (group))
    return;
  rules = cordon_rule_group_get_rules (group);
  for (guint i = 0; i < g_list_model_get_n_items (rules); i++)
    {
      g_autoptr(CordonFsCapability) rule = g_list_model_get_item (rules, i);

      g_variant_builder_add (&positions, "u", position_in_caps (self, rule));
    }
  gtk_widget_activate_action (GTK_WIDGET (button), "win.remove-rules", "(s@au)",
                              cordon_rule_group_get_name (group),
                              g_variant_builder_end (&positions));
}

/* A preset's row: its name, how many rules, and a Remove for all of them. */
static GtkWidget *
new_group_row (GtkListItem *list_item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (_("From a preset. Expand to see or change its rules."));
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_widget_add_css_class (box, "group-row");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_wrap (GTK_LABEL (subtitle), TRUE);
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_box_append (GTK_BOX (labels), title);
  gtk_box_append (GTK_BOX (labels), subtitle);
  gtk_box_append (GTK_BOX (box), labels);
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove the Preset’s Rules"));
  g_signal_connect (remove, "clicked", G_CALLBACK (on_group_remove_clicked), list_item);
  gtk_box_append (GTK_BOX (box), remove);
  return box;
}

static void
bind_group_row (GtkWidget       *box,
                CordonRuleGroup *group)
{
  GtkWidget *labels = gtk_widget_get_first_child (box);
  GtkWidget *title = gtk_widget_get_first_child (labels);
  GtkWidget *remove = gtk_widget_get_last_child (box);
  guint n = g_list_model_get_n_items (cordon_rule_group_get_rules (group));
  g_autofree char *text = NULL;
  g_autofree char *remove_label = NULL;

  /* Translators: a preset's name and how many of the profile's rules came
   * from it, e.g. "Run programs — 29 rules" */
  text = g_strdup_printf (ngettext ("%s — %u rule", "%s — %u rules", n),
                          cordon_rule_group_get_name (group), n);
  gtk_label_set_label (GTK_LABEL (title), text);
  /* Translators: %s is a preset's name */
  remove_label = g_strdup_printf (_("Remove the rules of “%s”"), cordon_rule_group_get_name (group));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  remove_label, -1);
}

static void
on_factory_setup (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item)
{
  GtkWidget *expander = gtk_tree_expander_new ();
  GtkWidget *stack = gtk_stack_new ();
  GtkWidget *row = cordon_rule_row_new ();

  gtk_stack_set_hhomogeneous (GTK_STACK (stack), FALSE);
  gtk_stack_set_vhomogeneous (GTK_STACK (stack), FALSE);
  gtk_stack_add_named (GTK_STACK (stack), row, "rule");
  gtk_stack_add_named (GTK_STACK (stack), new_group_row (list_item), "group");
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), stack);
  /* The row's buttons and mode selector are what takes focus. */
  gtk_list_item_set_activatable (list_item, FALSE);
  gtk_list_item_set_child (list_item, expander);
  g_signal_connect (row, "remove-requested", G_CALLBACK (on_row_remove_requested), list_item);
  g_signal_connect (row, "mode-requested", G_CALLBACK (on_row_mode_requested), list_item);
}

static void
on_list_activate (GtkListView    *list_view,
                  guint           position,
                  CordonRuleList *self)
{
  GListModel *shown = gtk_no_selection_get_model (self->selection);
  g_autoptr(GObject) item = g_list_model_get_item (shown, position);

  if (GTK_IS_TREE_LIST_ROW (item) && gtk_tree_list_row_is_expandable (GTK_TREE_LIST_ROW (item)))
    gtk_tree_list_row_set_expanded (GTK_TREE_LIST_ROW (item),
                                    !gtk_tree_list_row_get_expanded (GTK_TREE_LIST_ROW (item)));
}

static GtkStack *
stack_of (GtkListItem *list_item)
{
  return GTK_STACK (gtk_tree_expander_get_child (GTK_TREE_EXPANDER (gtk_list_item_get_child (list_item))));
}

static void
on_factory_bind (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item)
{
  GtkTreeExpander *expander = GTK_TREE_EXPANDER (gtk_list_item_get_child (list_item));
  gpointer item = gtk_list_item_get_item (list_item);
  GtkStack *stack = stack_of (list_item);
  CordonFsCapability *rule = rule_of_item (list_item);

  gtk_tree_expander_set_list_row (expander, GTK_IS_TREE_LIST_ROW (item) ? item : NULL);
  /* A preset's row opens and closes with Enter or a click on it; a rule's
   * row leaves the keyboard to its buttons. */
  gtk_list_item_set_activatable (list_item, rule == NULL);
  if (rule != NULL)
    {
      cordon_rule_row_set_capability (CORDON_RULE_ROW (gtk_stack_get_child_by_name (stack, "rule")),
                                      rule);
      gtk_stack_set_visible_child_name (stack, "rule");
    }
  else
    {
      g_autoptr(CordonRuleGroup) group = gtk_tree_list_row_get_item (item);

      bind_group_row (gtk_stack_get_child_by_name (stack, "group"), group);
      gtk_stack_set_visible_child_name (stack, "group");
    }
}

static void
on_factory_unbind (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item)
{
  GtkStack *stack = stack_of (list_item);

  cordon_rule_row_set_capability (CORDON_RULE_ROW (gtk_stack_get_child_by_name (stack, "rule")),
                                  NULL);
  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (gtk_list_item_get_child (list_item)), NULL);
}

/* Showing a rule ---------------------------------------------------------- */

static gboolean
focus_revealed (gpointer data)
{
  CordonRuleList *self = data;
  CordonRuleRow *row;

  self->reveal_source = 0;
  if (self->revealing != NULL && (row = find_row_for (self, self->revealing)) != NULL)
    cordon_rule_row_focus_mode (row);
  g_clear_object (&self->revealing);
  return G_SOURCE_REMOVE;
}

void
cordon_rule_list_reveal (CordonRuleList     *self,
                         CordonFsCapability *rule)
{
  GListModel *shown = gtk_no_selection_get_model (self->selection);
  CordonRuleGroup *group = group_of (self, rule);

  g_return_if_fail (CORDON_IS_RULE_LIST (self));
  g_return_if_fail (CORDON_IS_FS_CAPABILITY (rule));

  /* A rule inside a collapsed preset group: open the group first. */
  if (group != NULL && shown == G_LIST_MODEL (self->tree))
    {
      for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
        {
          g_autoptr(GtkTreeListRow) row = g_list_model_get_item (shown, i);
          g_autoptr(GObject) item = gtk_tree_list_row_get_item (row);

          if (item == G_OBJECT (group))
            {
              gtk_tree_list_row_set_expanded (row, TRUE);
              break;
            }
        }
    }
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (shown, i);
      g_autoptr(GObject) inner = GTK_IS_TREE_LIST_ROW (item)
                                   ? gtk_tree_list_row_get_item (GTK_TREE_LIST_ROW (item))
                                   : g_object_ref (item);

      if (inner == G_OBJECT (rule))
        {
          gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", i);
          break;
        }
    }
  /* The row exists once the list has laid it out. */
  g_set_object (&self->revealing, rule);
  if (self->reveal_source == 0)
    self->reveal_source = g_idle_add_full (G_PRIORITY_LOW, focus_revealed, self, NULL);
}

/* The rule for @path's place (links followed), or NULL. */
static CordonFsCapability *
find_rule_for_path (CordonRuleList *self,
                    const char     *path)
{
  g_autofree char *resolved = realpath (path, NULL);
  gboolean is_file = !g_file_test (path, G_FILE_TEST_IS_DIR);
  GListModel *caps = G_LIST_MODEL (self->caps);

  if (resolved == NULL)
    return NULL;
  for (guint i = 0; i < g_list_model_get_n_items (caps); i++)
    {
      g_autoptr(CordonFsCapability) rule = g_list_model_get_item (caps, i);

      if (cordon_fs_capability_get_is_file (rule) == is_file
          && g_str_equal (cordon_fs_capability_get_resolved (rule), resolved))
        return rule;
    }
  return NULL;
}

/* The same place twice, each row with its own mode, would leave the
 * person guessing which one counts (both do, combined): show the rule
 * already there instead, and offer to widen it. */
static void
show_existing (CordonRuleList     *self,
               CordonFsCapability *rule)
{
  g_autofree char *display = cordon_path_to_display (cordon_fs_capability_get_resolved (rule));
  g_autofree char *title = NULL;
  AdwToast *toast;

  cordon_rule_list_reveal (self, rule);
  /* Translators: the first %s is a path, the second a mode, e.g. "Read" */
  title = g_strdup_printf (_("“%s” is in the list already (%s)"), display,
                           cordon_access_mode_to_label (cordon_fs_capability_get_access (rule)));
  toast = adw_toast_new (title);
  if (cordon_fs_capability_get_access (rule) != CORDON_ACCESS_READ_WRITE)
    {
      adw_toast_set_button_label (toast, _("Allow Read & _Write"));
      adw_toast_set_action_name (toast, "win.widen-rule");
      adw_toast_set_action_target_value (toast,
                                         g_variant_new_string (cordon_fs_capability_get_resolved (rule)));
    }
  cordon_toast_show (GTK_WIDGET (self), toast);
}

gboolean
cordon_rule_list_add_path (CordonRuleList  *self,
                           const char      *path,
                           GError         **error)
{
  CordonFsCapability *existing;
  gboolean added;

  g_return_val_if_fail (CORDON_IS_RULE_LIST (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (self->caps == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                           _("There is no profile to add to"));
      return FALSE;
    }

  if ((existing = find_rule_for_path (self, path)) != NULL)
    {
      g_autofree char *display = cordon_path_to_display (path);

      show_existing (self, existing);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   /* Translators: %s is a path */
                   _("“%s” is in the list already"), display);
      return FALSE;
    }

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    added = cordon_capability_set_allow_path (self->caps, path, CORDON_ACCESS_READ, error);
  else
    added = cordon_capability_set_allow_file (self->caps, path, CORDON_ACCESS_READ, error);
  if (added)
    {
      g_autoptr(CordonFsCapability) rule = NULL;
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->caps));

      rule = g_list_model_get_item (G_LIST_MODEL (self->caps), n - 1);
      cordon_rule_list_reveal (self, rule);
    }
  return added;
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
      /* Already there: the list shows that rule; the entry is done. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        {
          gtk_editable_set_text (GTK_EDITABLE (self->path_entry), "");
          return;
        }
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

      /* A rule already there was shown, with its own message. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        g_clear_error (&error);
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
  g_clear_handle_id (&self->reveal_source, g_source_remove);
  g_clear_object (&self->revealing);
  g_clear_object (&self->caps);
  g_clear_object (&self->tree);
  g_clear_object (&self->top);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_pointer (&self->groups, g_ptr_array_unref);

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
  gtk_widget_class_bind_template_child (widget_class, CordonRuleList, filter_entry);
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

  self->groups = g_ptr_array_new_with_free_func (g_object_unref);
  {
    g_autoptr(GListModel) presets = cordon_preset_list_all ();

    for (guint i = 0; i < g_list_model_get_n_items (presets); i++)
      {
        g_autoptr(CordonPreset) preset = g_list_model_get_item (presets, i);

        g_ptr_array_add (self->groups, cordon_rule_group_new (preset));
      }
  }
  self->top = g_list_store_new (G_TYPE_OBJECT);
  self->tree = gtk_tree_list_model_new (g_object_ref (G_LIST_MODEL (self->top)), FALSE, FALSE,
                                        create_children, NULL, NULL);
  self->filter = gtk_custom_filter_new (matches_filter, self, NULL);
  self->filtered = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->filter)));
  gtk_no_selection_set_model (self->selection, G_LIST_MODEL (self->tree));
  g_signal_connect_object (self->filter_entry, "search-changed", G_CALLBACK (on_filter_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list_view, "activate", G_CALLBACK (on_list_activate), self, 0);

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
    g_signal_connect_object (caps, "items-changed", G_CALLBACK (on_rules_changed), self,
                             G_CONNECT_SWAPPED);

  gtk_filter_list_model_set_model (self->filtered, G_LIST_MODEL (caps));
  on_rules_changed (self);
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

GtkEditable *
cordon_rule_list_get_filter_entry (CordonRuleList *self)
{
  return GTK_EDITABLE (self->filter_entry);
}

GtkButton *
cordon_rule_list_get_add_button (CordonRuleList *self)
{
  return self->add_button;
}
