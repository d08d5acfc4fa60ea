/* cordon-capability-set.c: the model every part of Cordon reads and edits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include "cordon-i18n-private.h"

#include "cordon-capability-set-private.h"
#include "cordon-error.h"
#include "cordon-fs-capability-private.h"
#include "cordon-path-private.h"

struct _CordonCapabilitySet
{
  GObject    parent_instance;

  GArray     *items;  /* of Rule */
  GPtrArray  *blocks; /* of GBytes: what keeps the strings of rules loaded unchecked */
  gboolean    network_blocked;

  GListStore *sockets;      /* of CordonSocketCapability */
  GHashTable *socket_index; /* resolved path → SocketCount, for socket_covered () */
  CordonBusPolicy *bus_policy; /* NULL: no session bus at all */
};

/* A filesystem rule: its object, or only its fields for a rule loaded
 * unchecked (cordon_capability_set_append_unchecked), whose object is made
 * the first time someone asks for it. A launch reads thousands of rules
 * once, by their fields (cordon_capability_set_peek_rule), and making an
 * object for each was a fifth of cordon-run's instructions (issue 15). */
typedef struct
{
  CordonFsCapability *object;   /* NULL until made; set once, atomically */
  const char         *original; /* the unchecked rule's, kept by one of the set's blocks */
  const char         *recorded;
  CordonAccessMode    access;
  gboolean            is_file;
} Rule;

/* How many entries of each kind name one resolved path: duplicates are
 * allowed, so removing one must not forget the others. */
typedef struct
{
  guint files;
  guint folders;
  CordonSocketPin file_pin;   /* of the last file rule added with this path */
  CordonSocketPin folder_pin; /* of the last folder rule */
} SocketCount;

/* The inode a socket rule's path held when the rule was made, kept on the
 * rule object itself so that copies and undo carry it. */
#define SOCKET_PIN_KEY "cordon-socket-pin"

static void cordon_capability_set_list_model_init (GListModelInterface *iface);

/**
 * CordonCapabilitySet:
 *
 * What a sandboxed process may do: filesystem rules (a #GListModel of
 * #CordonFsCapability, in the order they were added), local-socket rules
 * (cordon_capability_set_get_sockets()) and whether the network is blocked.
 *
 * Build one with cordon_capability_set_allow_path(),
 * cordon_capability_set_allow_file(), cordon_capability_set_allow_socket()
 * and cordon_capability_set_block_network(); preview it with a
 * #CordonQueryContext, save it through #CordonSandboxState and enforce it
 * with cordon_apply().
 */
G_DEFINE_FINAL_TYPE_WITH_CODE (CordonCapabilitySet, cordon_capability_set, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      cordon_capability_set_list_model_init))

enum
{
  PROP_0,
  PROP_NETWORK_BLOCKED,
  PROP_N_ITEMS,
  PROP_BUS_POLICY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
cordon_capability_set_get_item_type (GListModel *model)
{
  return CORDON_TYPE_FS_CAPABILITY;
}

static guint
cordon_capability_set_get_n_items (GListModel *model)
{
  return CORDON_CAPABILITY_SET (model)->items->len;
}

/* The rule's object, made now if it is not yet. Asking is reading: two
 * threads may ask at once (a report thread while the supervisor runs), so
 * the first object made is the one kept. */
static CordonFsCapability *
rule_object (Rule *rule)
{
  CordonFsCapability *object = g_atomic_pointer_get (&rule->object);
  CordonFsCapability *made;

  if (object != NULL)
    return object;
  made = cordon_fs_capability_new_unchecked (rule->original, rule->recorded, rule->access,
                                             rule->is_file);
  if (g_atomic_pointer_compare_and_exchange (&rule->object, NULL, made))
    return made;
  g_object_unref (made);
  return g_atomic_pointer_get (&rule->object);
}

static CordonFsCapability *
object_at (CordonCapabilitySet *self,
           guint                position)
{
  return rule_object (&g_array_index (self->items, Rule, position));
}

static void
rule_clear (gpointer data)
{
  Rule *rule = data;

  g_clear_object (&rule->object);
}

static gpointer
cordon_capability_set_get_item (GListModel *model,
                                guint       position)
{
  CordonCapabilitySet *self = CORDON_CAPABILITY_SET (model);

  if (position >= self->items->len)
    return NULL;

  return g_object_ref (object_at (self, position));
}

static void
cordon_capability_set_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = cordon_capability_set_get_item_type;
  iface->get_n_items = cordon_capability_set_get_n_items;
  iface->get_item = cordon_capability_set_get_item;
}

static void
cordon_capability_set_finalize (GObject *object)
{
  CordonCapabilitySet *self = CORDON_CAPABILITY_SET (object);

  g_array_unref (self->items);
  g_ptr_array_unref (self->blocks);
  g_object_unref (self->sockets);
  g_hash_table_unref (self->socket_index);
  if (self->bus_policy != NULL)
    g_signal_handlers_disconnect_by_data (self->bus_policy, self);
  g_clear_object (&self->bus_policy);

  G_OBJECT_CLASS (cordon_capability_set_parent_class)->finalize (object);
}

static void
cordon_capability_set_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  CordonCapabilitySet *self = CORDON_CAPABILITY_SET (object);

  switch (prop_id)
    {
    case PROP_NETWORK_BLOCKED:
      g_value_set_boolean (value, self->network_blocked);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->items->len);
      break;
    case PROP_BUS_POLICY:
      g_value_set_object (value, self->bus_policy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cordon_capability_set_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  CordonCapabilitySet *self = CORDON_CAPABILITY_SET (object);

  switch (prop_id)
    {
    case PROP_NETWORK_BLOCKED:
      cordon_capability_set_set_network_blocked (self, g_value_get_boolean (value));
      break;
    case PROP_BUS_POLICY:
      cordon_capability_set_set_bus_policy (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cordon_capability_set_class_init (CordonCapabilitySetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cordon_capability_set_finalize;
  object_class->get_property = cordon_capability_set_get_property;
  object_class->set_property = cordon_capability_set_set_property;

  properties[PROP_NETWORK_BLOCKED] =
    g_param_spec_boolean ("network-blocked", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Lets a UI bind "is empty" without listening to items-changed itself. */
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Notified when the policy is replaced and when its names change, so a
   * document need not follow the policy object itself. */
  properties[PROP_BUS_POLICY] =
    g_param_spec_object ("bus-policy", NULL, NULL, CORDON_TYPE_BUS_POLICY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cordon_capability_set_init (CordonCapabilitySet *self)
{
  self->items = g_array_new (FALSE, FALSE, sizeof (Rule));
  g_array_set_clear_func (self->items, rule_clear);
  self->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  self->sockets = g_list_store_new (CORDON_TYPE_SOCKET_CAPABILITY);
  self->socket_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static void
socket_index_add (CordonCapabilitySet    *self,
                  CordonSocketCapability *cap)
{
  const char *resolved = cordon_socket_capability_get_resolved (cap);
  SocketCount *count = g_hash_table_lookup (self->socket_index, resolved);
  const CordonSocketPin *pin;

  if (count == NULL)
    {
      count = g_new0 (SocketCount, 1);
      g_hash_table_insert (self->socket_index, g_strdup (resolved), count);
    }
  pin = g_object_get_data (G_OBJECT (cap), SOCKET_PIN_KEY);
  if (cordon_socket_capability_get_is_file (cap))
    {
      count->files++;
      count->file_pin = pin != NULL ? *pin : (CordonSocketPin) { 0 };
    }
  else
    {
      count->folders++;
      count->folder_pin = pin != NULL ? *pin : (CordonSocketPin) { 0 };
    }
}

static void
socket_index_remove (CordonCapabilitySet    *self,
                     CordonSocketCapability *cap)
{
  const char *resolved = cordon_socket_capability_get_resolved (cap);
  SocketCount *count = g_hash_table_lookup (self->socket_index, resolved);

  g_return_if_fail (count != NULL);
  if (cordon_socket_capability_get_is_file (cap))
    count->files--;
  else
    count->folders--;
  if (count->files == 0 && count->folders == 0)
    g_hash_table_remove (self->socket_index, resolved);
}

static void
items_changed (CordonCapabilitySet *self,
               guint                position,
               guint                removed,
               guint                added)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/**
 * cordon_capability_set_new:
 *
 * Makes an empty set: nothing on the filesystem is granted, and the network
 * is allowed.
 *
 * Returns: (transfer full): a new capability set
 */
CordonCapabilitySet *
cordon_capability_set_new (void)
{
  return g_object_new (CORDON_TYPE_CAPABILITY_SET, NULL);
}

static void
copy_sockets_into (CordonCapabilitySet *copy,
                   CordonCapabilitySet *self)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->sockets)); i++)
    {
      g_autoptr (CordonSocketCapability) cap =
        g_list_model_get_item (G_LIST_MODEL (self->sockets), i);

      g_list_store_append (copy->sockets, cap);
      socket_index_add (copy, cap);
    }
}

/**
 * cordon_capability_set_copy:
 * @self: a capability set
 *
 * Copies the rules and the network setting; later changes to either set do
 * not show in the other.
 *
 * Returns: (transfer full): a new capability set
 */
CordonCapabilitySet *
cordon_capability_set_copy (CordonCapabilitySet *self)
{
  CordonCapabilitySet *copy;

  g_return_val_if_fail (CORDON_IS_CAPABILITY_SET (self), NULL);

  copy = cordon_capability_set_new ();
  copy->network_blocked = self->network_blocked;
  if (self->bus_policy != NULL)
    {
      g_autoptr(CordonBusPolicy) policy = cordon_bus_policy_copy (self->bus_policy);

      cordon_capability_set_set_bus_policy (copy, policy);
    }
  /* Capabilities are immutable, so sharing them (and the strings of the
   * rules not made yet) is a deep enough copy. */
  for (guint i = 0; i < self->blocks->len; i++)
    g_ptr_array_add (copy->blocks, g_bytes_ref (g_ptr_array_index (self->blocks, i)));
  g_array_set_size (copy->items, self->items->len);
  for (guint i = 0; i < self->items->len; i++)
    {
      Rule *from = &g_array_index (self->items, Rule, i);
      Rule *rule = &g_array_index (copy->items, Rule, i);
      /* Another thread may be making it. */
      CordonFsCapability *object = g_atomic_pointer_get (&from->object);

      rule->object = object != NULL ? g_object_ref (object) : NULL;
      rule->original = from->original;
      rule->recorded = from->recorded;
      rule->access = from->access;
      rule->is_file = from->is_file;
    }
  copy_sockets_into (copy, self);

  return copy;
}

CordonCapabilitySet *
cordon_capability_set_copy_sockets (CordonCapabilitySet *self)
{
  CordonCapabilitySet *copy;

  g_return_val_if_fail (CORDON_IS_CAPABILITY_SET (self), NULL);

  copy = cordon_capability_set_new ();
  copy->network_blocked = self->network_blocked;
  copy_sockets_into (copy, self);
  return copy;
}

static gboolean
allow (CordonCapabilitySet *self,
       CordonPathResolver  *resolver,
       const char          *path,
       const char          *recorded,
       CordonAccessMode     mode,
       gboolean             is_file,
       GError             **error)
{
  g_autofree char *resolved = NULL;
  CordonPathKind kind;

  resolved = cordon_path_resolve_existing_with (resolver, path, &kind, error);
  if (resolved == NULL)
    return FALSE;

  if (!is_file && kind != CORDON_PATH_KIND_DIRECTORY)
    {
      g_autofree char *display = g_filename_display_name (path);
      g_set_error (error, CORDON_ERROR, CORDON_ERROR_EXPECTED_DIRECTORY,
                   _("“%s” is not a directory; add it as a file instead"), display);
      return FALSE;
    }
  if (is_file && kind == CORDON_PATH_KIND_DIRECTORY)
    {
      g_autofree char *display = g_filename_display_name (path);
      g_set_error (error, CORDON_ERROR, CORDON_ERROR_EXPECTED_FILE,
                   _("“%s” is a directory, not a file; add it as a directory instead"), display);
      return FALSE;
    }

  {
    Rule rule = { cordon_fs_capability_new_full (path, resolved, recorded, NULL, mode, is_file) };

    g_array_append_val (self->items, rule);
  }
  items_changed (self, self->items->len - 1, 0, 1);
  return TRUE;
}

/**
 * cordon_capability_set_allow_path:
 * @self: a capability set
 * @path: an absolute path to an existing directory
 * @mode: what to grant: %CORDON_ACCESS_READ, %CORDON_ACCESS_WRITE or
 *   %CORDON_ACCESS_READ_WRITE
 * @error: return location for a #GError in the %CORDON_ERROR domain
 *
 * Grants @mode on a directory and everything beneath it. The path is
 * canonicalized (symlinks followed, no `..`) and one rule is appended.
 *
 * Errors: %CORDON_ERROR_PATH_NOT_FOUND if it does not exist,
 * %CORDON_ERROR_EXPECTED_DIRECTORY if it is not a directory,
 * %CORDON_ERROR_INVALID_PATH if it is relative or cannot be resolved.
 *
 * Returns: %TRUE on success
 */
gboolean
cordon_capability_set_allow_path (CordonCapabilitySet *self,
                                  const char          *path,
                                  CordonAccessMode     mode,
                                  GError             **error)
{
  g_return_val_if_fail (CORDON_IS_CAPABILITY_SET (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (cordon_access_mode_is_valid (mode), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return allow (self, NULL, path, NULL, mode, FALSE, error);
}

/**
 * cordon_capability_set_allow_file:
 * @self: a capability set
 * @path: an absolute path to an existing non-directory
 * @mode: what to grant: %CORDON_ACCESS_READ, %CORDON_ACCESS_WRITE or
 *   %CORDON_ACCESS_READ_WRITE
 * @error: return location for a #GError in the %CORDON_ERROR domain
 *
 * Grants @mode on one file (or device, FIFO, socket). The path is
 * canonicalized and one rule is appended.
 *
 * Errors: %CORDON_ERROR_PATH_NOT_FOUND if it does not exist,
 * %CORDON_ERROR_EXPECTED_FILE if it is a directory,
 * %CORDON_ERROR_INVALID_PATH if it is relative or cannot be resolved.
 *
 * Returns: %TRUE on success
 */
gboolean
cordon_capability_set_allow_file (CordonCapabilitySet *self,
                                  const char          *path,
                                  CordonAccessMode     mode,
                                  GError             **error)
{
  g_return_val_if_fail (CORDON_IS_CAPABILITY_SET (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (cordon_access_mode_is_valid (mode), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return allow (self, NULL, path, NULL, mode, TRUE, error);
}

gboolean
cordon_capability_set_allow_with (CordonCapabilitySet *self,
                                  CordonPathResolver  *resolver,
                                  const char          *path,
                                  const char          *recorded,
                                  CordonAccessMode     mode,
                                  gboolean             is_file,
                                  GError             **error)
{
  g_return_val_if_fail (CORDON_IS_CAPABILITY_SET (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (cordon_access_mode_is_valid (mode), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return allow (self, resolver, path, recorded, mode, is_file, error);
}

/**
 * cordon_capability_set_insert:
 * @self: a capability set
 * @position: where to insert; past the end appends
 * @capability: the rule, taken as is (not validated)
 *
 * Puts back a rule made earlier, for undo, or one whose path vanished, for
 * an editor to show.
 */
void
cordon_capability_set_insert (CordonCapabilitySet *self,
                              guint                position,
                              CordonFsCapability  *capability)
{
  g_return_if_fail (CORDON_IS_CAPABILITY_SET (self));
  g_return_if_fail (CORDON_IS_FS_CAPABILITY (capability));

  position = MIN (position, self->items->len);
  {
    Rule rule = { g_object_ref (capability) };

    g_array_insert_val (self->items, position, rule);
  }
  items_changed (self, position, 0, 1);
}

void
cordon_capability_set_peek_rule (CordonCapabilitySet *self,
                                 guint                position,
                                 CordonRuleView      *view)
{
  Rule *rule;
  CordonFsCapability *object;

  g_assert (position < self->items->len);
  rule = &g_array_index (self->items, Rule, position);
  object = g_atomic_pointer_get (&rule->object);
  if (object == NULL)
    {
      /* What cordon_fs_capability_new_unchecked () makes of it. */
      *view = (CordonRuleView) {
        .original = rule->original,
        .resolved = rule->recorded,
        .recorded = rule->recorded,
        .access = rule->access,
        .is_file = rule->is_file,
        .unchecked = TRUE,
      };
      return;
    }
  *view = (CordonRuleView) {
    .original = cordon_fs_capability_get_original (object),
    .resolved = cordon_fs_capability_get_resolved (object),
    .recorded = cordon_fs_capability_get_recorded (object),
    .planted_link = cordon_fs_capability_get_planted_link (object),
    .access = cordon_fs_capability_get_access (object),
    .is_file = cordon_fs_capability_get_is_file (object),
    .unchecked = cordon_fs_capability_is_unchecked (object),
  };
}

/* A copy of @text in @block at *@next, which it moves on. */
static const char *
copy_to_block (const char  *text,
               char       **next)
{
  gsize length = strlen (text) + 1;
  const char *copy = memcpy (*next, text, length);

  *next += length;
  return copy;
}

void
cordon_capability_set_append_unchecked (CordonCapabilitySet       *self,
                                        const CordonUncheckedRule *rules,
                                        guint                      n,
                                        GBytes                    *strings)
{
  guint position = self->items->len;
  char *block = NULL;
  char *next = NULL;

  if (n == 0)
    return;

  if (strings != NULL)
    {
      if (self->blocks->len == 0 ||
          g_ptr_array_index (self->blocks, self->blocks->len - 1) != strings)
        g_ptr_array_add (self->blocks, g_bytes_ref (strings));
    }
  else
    {
      /* Their strings in one block: one allocation, not two per rule. */
      gsize size = 0;

      for (guint i = 0; i < n; i++)
        {
          size += strlen (rules[i].recorded) + 1;
          if (rules[i].original != rules[i].recorded)
            size += strlen (rules[i].original) + 1;
        }
      next = block = g_malloc (size);
      g_ptr_array_add (self->blocks, g_bytes_new_take (block, size));
    }

  g_array_set_size (self->items, position + n);
  for (guint i = 0; i < n; i++)
    {
      Rule *rule = &g_array_index (self->items, Rule, position + i);

      g_return_if_fail (cordon_access_mode_is_valid (rules[i].access));
      rule->object = NULL;
      rule->recorded = block != NULL ? copy_to_block (rules[i].recorded, &next)
                                     : rules[i].recorded;
      if (rules[i].original == rules[i].recorded)
        rule->original = rule->recorded;
      else
        rule->original = block != NULL ? copy_to_block (rules[i].original, &next)
                                       : rules[i].original;
      rule->access = rules[i].access;
      rule->is_file = rules[i].is_file;
    }
  items_changed (self, position, 0, n);
}

/**
 * cordon_capability_set_remove:
 * @self: a capability set
 * @position: the position of a rule
 *
 * Removes one rule.
 */
void
cordon_capability_set_remove (CordonCapabilitySet *self,
                              guint                position)
{
  g_return_if_fail (CORDON_IS_CAPABILITY_SET (self));
  g_return_if_fail (position < self->items->len);

  g_array_remove_index (self->items, position);
  items_changed (self, position, 1, 0);
}

/**
 * cordon_capability_set_set_access:
 * @self: a capability set
 * @position: the position of a rule
 * @mode: the new mode; must be a valid one (see cordon_access_mode_is_valid())
 *
 * Changes one rule's mode. The rule at @position is replaced by a new one,
 * so list views see an ordinary change.
 */
void
cordon_capability_set_set_access (CordonCapabilitySet *self,
                                  guint                position,
                                  CordonAccessMode     mode)
{
  CordonFsCapability *old;

  g_return_if_fail (CORDON_IS_CAPABILITY_SET (self));
  g_return_if_fail (position < self->items->len);
  g_return_if_fail (cordon_access_mode_is_valid (mode));

  old = object_at (self, position);
  if (cordon_fs_capability_get_access (old) == mode)
    return;

  /* Rules are immutable: a list row sees a new item, as for any other edit. */
  g_array_index (self->items, Rule, position).object =
    cordon_fs_capability_copy_with_access (old, mode);
  g_object_unref (old);
  items_changed (self, position, 1, 1);
}

/**
 * cordon_capability_set_clear:
 * @self: a capability set
 *
 * Removes every rule, in one #GListModel::items-changed. The network
 * setting stays.
 */
void
cordon_capability_set_clear (CordonCapabilitySet *self)
{
  guint removed;

  g_return_if_fail (CORDON_IS_CAPABILITY_SET (self));

  g_hash_table_remove_all (self->socket_index);
  g_list_store_remove_all (self->sockets);

  removed = self->items->len;
  if (removed == 0)
    return;

  g_array_set_size (self->items, 0);
  g_ptr_array_set_size (self->blocks, 0);
  items_changed (self, 0, removed, 0);
}

/* ---- local sockets ---------------------------------------------------- */

typedef enum
{
  SOCKET_KIND_FROM_DISK,
  SOCKET_KIND_FILE,
  SOCKET_KIND_FOLDER,
} SocketKind;

static gboolean
allow_socket (CordonCapabilitySet *self,
              CordonPathResolver  *resolver,
              const char          *path,
              SocketKind           wanted,
              GError             **error)
{
  g_autoptr (CordonSocketCapability) cap = NULL;
  g_autofree char *resolved = NULL;
  CordonPathKind kind;
  struct stat st;

  resolved = cordon_path_resolve_existing_with (resolver, path, &kind, error);
  if (resolved == NULL)
    return FALSE;

  /* The same words as for filesystem rules: the profile recorded one kind
   * and the disk now holds the other. */
  if (wanted == SOCKET_KIND_FOLDER && kind != CORDON_PATH_KIND_DIRECTORY)
    {
      g_autofree char *display = g_filename_display_name (path);
      g_set_error (error, CORDON_ERROR, CORDON_ERROR_EXPECTED_DIRECTORY,
                   _("“%s” is not a directory; add it as a file instead"), display);
      return FALSE;
    }
  if (wanted == SOCKET_KIND_FILE && kind == CORDON_PATH_KIND_DIRECTORY)
    {
      g_autofree char *display = g_filename_display_name (path);
      g_set_error (error, CORDON_ERROR, CORDON_ERROR_EXPECTED_FILE,
                   _("“%s” is a directory, not a file; add it as a directory instead"), display);
      return FALSE;
    }

  cap = cordon_socket_capability_new (path, resolved, kind != CORDON_PATH_KIND_DIRECTORY);
  /* Landlock (ABI 9) grants the inode it opens, not the path: a socket or
   * folder renamed in over the listed one later is not listed. The
   * mediator keeps that meaning with the inode seen here. Not following a
   * link: a path that became one meanwhile matches nothing. */
  if (lstat (resolved, &st) == 0)
    {
      CordonSocketPin pin = { st.st_dev, st.st_ino, TRUE };

      g_object_set_data_full (G_OBJECT (cap), SOCKET_PIN_KEY, g_memdup2 (&pin, sizeof pin), g_free);
    }
  cordon_capability_set_insert_socket (self, G_MAXUINT, cap);
  return TRUE;
}

/**
 * cordon_capability_set_allow_socket:
 * @self: a capability set
 * @path: an absolute path to an existing socket, or a folder of sockets
 * @error: return location for a #GError in the %CORDON_ERROR domain
 *
 * Lets the sandboxed program reach a named UNIX socket made outside the
 * sandbox (a folder: every socket beneath it). Without such a rule it
 * cannot, even in a folder it may write to. Independent of the filesystem
 * rules and of the network.
 *
 * The rule holds the socket (or folder) @path names now, as Landlock holds
 * the inode it opens: a socket or folder put in its place later, by the
 * sandboxed program or by a service that re-created its socket, is not
 * covered. Make the set shortly before applying it.
 *
 * Errors: as cordon_capability_set_allow_path(): %CORDON_ERROR_PATH_NOT_FOUND,
 * %CORDON_ERROR_INVALID_PATH.
 *
 * Returns: %TRUE on success
 */
gboolean
cordon_capability_set_allow_socket (CordonCapabilitySet  *self,
                                    const char           *path,
                                    GError              **error)
{
  g_return_val_if_fail (CORDON_IS_CAPABILITY_SET (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return allow_socket (self, NULL, path, SOCKET_KIND_FROM_DISK, error);
}

gboolean
cordon_capability_set_allow_socket_with (CordonCapabilitySet *self,
                                         CordonPathResolver  *resolver,
                                         const char          *path,
                                         gboolean             is_file,
                                         GError             **error)
{
  g_return_val_if_fail (CORDON_IS_CAPABILITY_SET (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return allow_socket (self, resolver, path, is_file ? SOCKET_KIND_FILE : SOCKET_KIND_FOLDER,
                       error);
}

/**
 * cordon_capability_set_get_sockets:
 * @self: a capability set
 *
 * The socket rules. Change them only through @self's functions.
 *
 * Returns: (transfer none): a #GListModel of #CordonSocketCapability that
 *   lives as long as @self
 */
GListModel *
cordon_capability_set_get_sockets (CordonCapabilitySet *self)
{
  g_return_val_if_fail (CORDON_IS_CAPABILITY_SET (self), NULL);
  return G_LIST_MODEL (self->sockets);
}

/**
 * cordon_capability_set_insert_socket:
 * @self: a capability set
 * @position: where to insert; past the end appends
 * @capability: the socket rule, taken as is (not validated)
 *
 * Puts back a socket rule made earlier, for undo, or one whose socket
 * vanished, for an editor to show.
 */
void
cordon_capability_set_insert_socket (CordonCapabilitySet    *self,
                                     guint                   position,
                                     CordonSocketCapability *capability)
{
  g_return_if_fail (CORDON_IS_CAPABILITY_SET (self));
  g_return_if_fail (CORDON_IS_SOCKET_CAPABILITY (capability));
  g_return_if_fail (cordon_socket_capability_get_resolved (capability)[0] == '/');

  position = MIN (position, g_list_model_get_n_items (G_LIST_MODEL (self->sockets)));
  /* Indexed first: a list watcher may already ask socket_covered (). */
  socket_index_add (self, capability);
  g_list_store_insert (self->sockets, position, capability);
}

/**
 * cordon_capability_set_remove_socket:
 * @self: a capability set
 * @position: the position of a socket rule
 *
 * Removes one socket rule.
 */
void
cordon_capability_set_remove_socket (CordonCapabilitySet *self,
                                     guint                position)
{
  g_autoptr (CordonSocketCapability) cap = NULL;

  g_return_if_fail (CORDON_IS_CAPABILITY_SET (self));

  cap = g_list_model_get_item (G_LIST_MODEL (self->sockets), position);
  g_return_if_fail (cap != NULL);

  socket_index_remove (self, cap);
  g_list_store_remove (self->sockets, position);
}

/**
 * cordon_capability_set_socket_covered:
 * @self: a capability set
 * @canonical_path: an absolute, already canonical path
 *
 * Whether a socket rule names @canonical_path, or a folder rule is it or a
 * component-wise ancestor of it.
 *
 * Returns: %TRUE if a socket rule covers the path
 */
gboolean
cordon_capability_set_socket_covered (CordonCapabilitySet *self,
                                      const char          *canonical_path)
{
  g_return_val_if_fail (CORDON_IS_CAPABILITY_SET (self), FALSE);
  g_return_val_if_fail (canonical_path != NULL && canonical_path[0] == '/', FALSE);

  return cordon_capability_set_socket_covered_by (self, canonical_path, NULL, NULL);
}

gboolean
cordon_capability_set_socket_covered_by (CordonCapabilitySet *self,
                                         const char          *canonical_path,
                                         CordonSocketRuleCheck check,
                                         gpointer             data)
{
  g_autofree char *ancestor = NULL;
  SocketCount *count;

  count = g_hash_table_lookup (self->socket_index, canonical_path);
  if (count != NULL && count->files > 0 &&
      (check == NULL || (count->file_pin.known &&
                         check (canonical_path, TRUE, &count->file_pin, data))))
    return TRUE;

  /* Folder entries: the path itself and each ancestor up to "/". */
  ancestor = g_strdup (canonical_path);
  for (;;)
    {
      char *slash;

      count = g_hash_table_lookup (self->socket_index, ancestor);
      if (count != NULL && count->folders > 0 &&
          (check == NULL || (count->folder_pin.known &&
                             check (ancestor, FALSE, &count->folder_pin, data))))
        return TRUE;
      if (g_str_equal (ancestor, "/"))
        return FALSE;
      slash = strrchr (ancestor, '/');
      slash[slash == ancestor ? 1 : 0] = '\0';
    }
}

/**
 * cordon_capability_set_block_network:
 * @self: a capability set
 *
 * Blocks the network for the sandboxed process: TCP through Landlock where
 * the kernel has it, and every socket family but AF_UNIX through seccomp.
 */
void
cordon_capability_set_block_network (CordonCapabilitySet *self)
{
  cordon_capability_set_set_network_blocked (self, TRUE);
}

/**
 * cordon_capability_set_set_network_blocked:
 * @self: a capability set
 * @blocked: whether the network is blocked
 *
 * Sets whether the network is blocked (see cordon_capability_set_block_network()).
 */
void
cordon_capability_set_set_network_blocked (CordonCapabilitySet *self,
                                           gboolean             blocked)
{
  g_return_if_fail (CORDON_IS_CAPABILITY_SET (self));

  blocked = !!blocked;
  if (self->network_blocked == blocked)
    return;

  self->network_blocked = blocked;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NETWORK_BLOCKED]);
}

/**
 * cordon_capability_set_is_network_blocked:
 * @self: a capability set
 *
 * Whether the network is blocked for the sandboxed process.
 *
 * Returns: %TRUE if the network is blocked
 */
gboolean
cordon_capability_set_is_network_blocked (CordonCapabilitySet *self)
{
  g_return_val_if_fail (CORDON_IS_CAPABILITY_SET (self), FALSE);
  return self->network_blocked;
}

static gboolean
same_target (CordonFsCapability *a,
             CordonFsCapability *b)
{
  return cordon_fs_capability_get_is_file (a) == cordon_fs_capability_get_is_file (b) &&
         g_str_equal (cordon_fs_capability_get_resolved (a),
                      cordon_fs_capability_get_resolved (b));
}

/**
 * cordon_capability_set_deduplicate:
 * @self: a capability set
 *
 * Merges rules on the same resolved path and kind (directory or file): the
 * first keeps its place and gets the union of the modes.
 */
void
cordon_capability_set_deduplicate (CordonCapabilitySet *self)
{
  g_return_if_fail (CORDON_IS_CAPABILITY_SET (self));

  /* Quadratic, but only an explicit user action calls it; what matters is
   * that each change is reported at the position it happened. */
  for (guint i = 0; i < self->items->len; i++)
    {
      CordonFsCapability *first = object_at (self, i);
      CordonAccessMode merged = cordon_fs_capability_get_access (first);

      for (guint j = i + 1; j < self->items->len;)
        {
          CordonFsCapability *other = object_at (self, j);

          if (!same_target (first, other))
            {
              j++;
              continue;
            }

          merged |= cordon_fs_capability_get_access (other);
          g_array_remove_index (self->items, j);
          items_changed (self, j, 1, 0);
        }

      cordon_capability_set_set_access (self, i, merged);
    }

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->sockets)); i++)
    {
      g_autoptr (CordonSocketCapability) first =
        g_list_model_get_item (G_LIST_MODEL (self->sockets), i);

      for (guint j = i + 1; j < g_list_model_get_n_items (G_LIST_MODEL (self->sockets));)
        {
          g_autoptr (CordonSocketCapability) other =
            g_list_model_get_item (G_LIST_MODEL (self->sockets), j);

          if (cordon_socket_capability_get_is_file (first) ==
                cordon_socket_capability_get_is_file (other) &&
              g_str_equal (cordon_socket_capability_get_resolved (first),
                           cordon_socket_capability_get_resolved (other)))
            cordon_capability_set_remove_socket (self, j);
          else
            j++;
        }
    }
}

/**
 * cordon_capability_set_path_covered:
 * @self: a capability set
 * @path: an absolute path, compared as given (not resolved)
 *
 * Whether a directory rule covers @path, compared by whole path components:
 * `/home` covers `/home/me` but never `/homeevil`.
 *
 * Returns: %TRUE if some directory rule covers @path
 */
gboolean
cordon_capability_set_path_covered (CordonCapabilitySet *self,
                                    const char          *path)
{
  g_return_val_if_fail (CORDON_IS_CAPABILITY_SET (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  for (guint i = 0; i < self->items->len; i++)
    {
      CordonRuleView rule;

      cordon_capability_set_peek_rule (self, i, &rule);
      if (!rule.is_file && cordon_path_is_within (path, rule.resolved))
        return TRUE;
    }

  return FALSE;
}

static void
append_bus_summary (GString         *out,
                    CordonBusPolicy *policy)
{
  g_string_append (out, "Session bus:\n");
  if (policy == NULL)
    {
      g_string_append (out, "  none\n");
      return;
    }
  g_string_append (out, "  filtered\n");
  for (const char * const *name = cordon_bus_policy_get_talk (policy); *name != NULL; name++)
    g_string_append_printf (out, "  %s [talk]\n", *name);
  for (const char * const *name = cordon_bus_policy_get_own (policy); *name != NULL; name++)
    g_string_append_printf (out, "  %s [own]\n", *name);
}

/**
 * cordon_capability_set_summary:
 * @self: a capability set
 *
 * Plain text for people: one line per rule under "Filesystem:", then
 * "Network:" and whether outbound connections are blocked.
 *
 * Returns: (transfer full): the summary
 */
char *
cordon_capability_set_summary (CordonCapabilitySet *self)
{
  GString *out;
  guint n_sockets;

  g_return_val_if_fail (CORDON_IS_CAPABILITY_SET (self), NULL);

  out = g_string_new ("Filesystem:\n");
  if (self->items->len == 0)
    g_string_append (out, "  no filesystem rules: nothing can be read or written\n");

  for (guint i = 0; i < self->items->len; i++)
    {
      CordonRuleView rule;

      cordon_capability_set_peek_rule (self, i, &rule);
      g_string_append_printf (out, "  %s [%s] (%s)\n", rule.resolved,
                              cordon_access_mode_to_string (rule.access),
                              rule.is_file ? "file" : "dir");
    }

  g_string_append (out, "Local sockets:\n");
  n_sockets = g_list_model_get_n_items (G_LIST_MODEL (self->sockets));
  if (n_sockets == 0)
    g_string_append (out, "  none listed\n");
  for (guint i = 0; i < n_sockets; i++)
    {
      g_autoptr (CordonSocketCapability) cap =
        g_list_model_get_item (G_LIST_MODEL (self->sockets), i);

      g_string_append_printf (out, "  %s (%s)\n", cordon_socket_capability_get_resolved (cap),
                              cordon_socket_capability_get_is_file (cap) ? "file" : "dir");
    }

  g_string_append_printf (out, "Network:\n  outbound: %s\n",
                          self->network_blocked ? "blocked" : "allowed");
  append_bus_summary (out, self->bus_policy);

  return g_string_free (out, FALSE);
}

static void
on_bus_policy_changed (CordonCapabilitySet *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUS_POLICY]);
}

/**
 * cordon_capability_set_get_bus_policy:
 * @self: a capability set
 *
 * The session bus the sandboxed program gets: %NULL (the default) for none
 * at all, or a bus filtered by xdg-dbus-proxy to the policy's names.
 * Editing the policy edits the set.
 *
 * Returns: (transfer none) (nullable): the policy, or %NULL for no bus
 */
CordonBusPolicy *
cordon_capability_set_get_bus_policy (CordonCapabilitySet *self)
{
  g_return_val_if_fail (CORDON_IS_CAPABILITY_SET (self), NULL);
  return self->bus_policy;
}

/**
 * cordon_capability_set_set_bus_policy:
 * @self: a capability set
 * @policy: (nullable): the policy to keep (not a copy), or %NULL for no bus
 *
 * Sets the session bus policy. #CordonCapabilitySet:bus-policy is notified
 * when it is replaced and when its names change.
 */
void
cordon_capability_set_set_bus_policy (CordonCapabilitySet *self,
                                      CordonBusPolicy     *policy)
{
  g_return_if_fail (CORDON_IS_CAPABILITY_SET (self));
  g_return_if_fail (policy == NULL || CORDON_IS_BUS_POLICY (policy));

  if (self->bus_policy == policy)
    return;
  if (self->bus_policy != NULL)
    g_signal_handlers_disconnect_by_data (self->bus_policy, self);
  g_set_object (&self->bus_policy, policy);
  if (policy != NULL)
    g_signal_connect_swapped (policy, "changed", G_CALLBACK (on_bus_policy_changed), self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUS_POLICY]);
}
