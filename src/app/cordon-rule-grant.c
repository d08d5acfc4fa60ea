/* cordon-rule-grant.c: what Allow does to a profile for one refused access,
 * and how to take it back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include <adwaita.h>

#include "cordon-app-util.h"
#include "cordon-rule-grant.h"
#include "cordon-toast.h"

typedef enum
{
  GRANT_ADDED_RULE,
  GRANT_WIDENED_RULE,
  GRANT_NETWORK,
  GRANT_SOCKET,
} GrantKind;

struct _CordonRuleGrant
{
  GrantKind  kind;
  GObject   *item;       /* the rule added, or the widened one */
  CordonAccessMode old_mode;
  char      *summary;
};

void
cordon_rule_grant_free (CordonRuleGrant *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->item);
  g_free (self->summary);
  g_free (self);
}

const char *
cordon_rule_grant_get_summary (CordonRuleGrant *self)
{
  return self->summary;
}

static gboolean
find_item (GListModel *model,
           gpointer    item,
           guint      *out_position)
{
  for (guint i = 0, n = g_list_model_get_n_items (model); i < n; i++)
    {
      g_autoptr (GObject) other = g_list_model_get_item (model, i);

      if ((gpointer) other == item)
        {
          *out_position = i;
          return TRUE;
        }
    }
  return FALSE;
}

/* @path is the rule's own (canonical) path: the toast names exactly what
 * the profile now grants, escaped as the row was. */
static char *
describe (const char       *path,
          CordonAccessMode  mode,
          gboolean          is_folder)
{
  g_autofree char *shown = cordon_path_to_display_escaped (path);

  if (is_folder)
    {
      if (mode == CORDON_ACCESS_READ)
        /* Translators: %s is a folder */
        return g_strdup_printf (_("Allowed reading in %s"), shown);
      if (mode == CORDON_ACCESS_WRITE)
        /* Translators: %s is a folder */
        return g_strdup_printf (_("Allowed writing in %s"), shown);
      /* Translators: %s is a folder */
      return g_strdup_printf (_("Allowed reading and writing in %s"), shown);
    }
  if (mode == CORDON_ACCESS_READ)
    /* Translators: %s is a file */
    return g_strdup_printf (_("Allowed reading %s"), shown);
  if (mode == CORDON_ACCESS_WRITE)
    /* Translators: %s is a file */
    return g_strdup_printf (_("Allowed writing %s"), shown);
  /* Translators: %s is a file */
  return g_strdup_printf (_("Allowed reading and writing %s"), shown);
}

static const char *
resolved_of (CordonRuleGrant *grant)
{
  return cordon_fs_capability_get_resolved (CORDON_FS_CAPABILITY (grant->item));
}

static CordonRuleGrant *
grant_fs (CordonCapabilitySet *caps,
          CordonBlockedAccess *access,
          gboolean             folder,
          GError             **error)
{
  const char *path = cordon_blocked_access_get_path (access);
  const char *operation = cordon_blocked_access_get_operation (access);
  CordonAccessMode mode = cordon_blocked_access_get_access (access);
  GListModel *rules = G_LIST_MODEL (caps);
  g_autofree char *target = NULL;
  CordonRuleGrant *grant;
  gboolean is_folder;
  guint n;

  /* A folder to list, or (with @folder) the folder to allow, is itself
   * the rule; a file to create, or to allow with its folder, needs the
   * folder that holds it: a file rule cannot make a new file. */
  if (g_str_equal (operation, "list") || g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      target = g_strdup (path);
      is_folder = TRUE;
    }
  else if (folder || !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      target = g_path_get_dirname (path);
      is_folder = TRUE;
    }
  else
    {
      target = g_strdup (path);
      is_folder = FALSE;
    }

  grant = g_new0 (CordonRuleGrant, 1);
  n = g_list_model_get_n_items (rules);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (CordonFsCapability) rule = g_list_model_get_item (rules, i);

      if (cordon_fs_capability_get_is_file (rule) == !is_folder
          && g_strcmp0 (cordon_fs_capability_get_resolved (rule), target) == 0)
        {
          grant->kind = GRANT_WIDENED_RULE;
          grant->old_mode = cordon_fs_capability_get_access (rule);
          /* Rules are immutable: the widened one is a new item. */
          cordon_capability_set_set_access (caps, i, grant->old_mode | mode);
          grant->item = g_list_model_get_item (rules, i);
          grant->summary = describe (resolved_of (grant), grant->old_mode | mode, is_folder);
          return grant;
        }
    }

  if (!(is_folder ? cordon_capability_set_allow_path (caps, target, mode, error)
                  : cordon_capability_set_allow_file (caps, target, mode, error)))
    {
      cordon_rule_grant_free (grant);
      return NULL;
    }
  grant->kind = GRANT_ADDED_RULE;
  grant->item = g_list_model_get_item (rules, g_list_model_get_n_items (rules) - 1);
  grant->summary = describe (resolved_of (grant), mode, is_folder);
  return grant;
}

CordonRuleGrant *
cordon_rule_grant_apply (CordonCapabilitySet *caps,
                         CordonBlockedAccess *access,
                         gboolean             folder,
                         GError             **error)
{
  CordonRuleGrant *grant;

  g_return_val_if_fail (CORDON_IS_CAPABILITY_SET (caps), NULL);
  g_return_val_if_fail (CORDON_IS_BLOCKED_ACCESS (access), NULL);

  switch (cordon_blocked_access_get_kind (access))
    {
    case CORDON_BLOCKED_NETWORK:
      grant = g_new0 (CordonRuleGrant, 1);
      grant->kind = GRANT_NETWORK;
      cordon_capability_set_set_network_blocked (caps, FALSE);
      grant->summary = g_strdup (_("Allowed the network"));
      return grant;
    case CORDON_BLOCKED_SOCKET:
      {
        GListModel *sockets = cordon_capability_set_get_sockets (caps);
        const char *path = cordon_blocked_access_get_path (access);
        g_autofree char *target = folder ? g_path_get_dirname (path) : g_strdup (path);
        g_autofree char *shown = NULL;

        if (!cordon_capability_set_allow_socket (caps, target, error))
          return NULL;
        grant = g_new0 (CordonRuleGrant, 1);
        grant->kind = GRANT_SOCKET;
        grant->item = g_list_model_get_item (sockets, g_list_model_get_n_items (sockets) - 1);
        shown = cordon_path_to_display_escaped (
          cordon_socket_capability_get_resolved (CORDON_SOCKET_CAPABILITY (grant->item)));
        /* Translators: %s is a local socket, or a folder of them */
        grant->summary = g_strdup_printf (_("Allowed connecting to %s"), shown);
        return grant;
      }
    case CORDON_BLOCKED_FS:
    default:
      return grant_fs (caps, access, folder, error);
    }
}

void
cordon_rule_grant_undo (CordonRuleGrant     *self,
                        CordonCapabilitySet *caps)
{
  guint position;

  switch (self->kind)
    {
    case GRANT_NETWORK:
      cordon_capability_set_set_network_blocked (caps, TRUE);
      break;
    case GRANT_SOCKET:
      if (find_item (cordon_capability_set_get_sockets (caps), self->item, &position))
        cordon_capability_set_remove_socket (caps, position);
      break;
    case GRANT_WIDENED_RULE:
      if (find_item (G_LIST_MODEL (caps), self->item, &position))
        cordon_capability_set_set_access (caps, position, self->old_mode);
      break;
    case GRANT_ADDED_RULE:
    default:
      if (find_item (G_LIST_MODEL (caps), self->item, &position))
        cordon_capability_set_remove (caps, position);
      break;
    }
}

typedef struct
{
  CordonRuleGrant     *grant;
  CordonCapabilitySet *caps;
} ToastUndo;

static void
toast_undo_free (gpointer data,
                 GClosure *closure)
{
  ToastUndo *undo = data;

  cordon_rule_grant_free (undo->grant);
  g_object_unref (undo->caps);
  g_free (undo);
}

static void
on_toast_undo (AdwToast  *toast,
               ToastUndo *undo)
{
  cordon_rule_grant_undo (undo->grant, undo->caps);
}

void
cordon_rule_grant_show_toast (CordonRuleGrant     *self,
                              CordonCapabilitySet *caps,
                              GtkWidget           *widget)
{
  AdwToast *toast = adw_toast_new (self->summary);
  ToastUndo *undo = g_new0 (ToastUndo, 1);

  undo->grant = self;
  undo->caps = g_object_ref (caps);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_toast_undo), undo,
                         toast_undo_free, 0);
  cordon_toast_show (widget, toast);
}
