/* cordon-query-context.c: what the sandbox will do, without applying it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cordon-error.h"
#include "cordon-path-private.h"
#include "cordon-query-context.h"
#include "cordon-query-result-private.h"

/* Every rule on one resolved path, merged: Landlock ORs them, so order and
 * duplicates never matter. */
typedef struct
{
  CordonAccessMode dir_mode;
  CordonAccessMode file_mode;
} Modes;

struct _CordonQueryContext
{
  GObject     parent_instance;

  GHashTable *index; /* resolved path → Modes */
  gboolean    network_blocked;
  GHashTable *sockets; /* resolved path → SOCKET_FILE | SOCKET_FOLDER */
};

enum
{
  SOCKET_FILE = 1 << 0,
  SOCKET_FOLDER = 1 << 1,
};

/**
 * CordonQueryContext:
 *
 * Asks what a #CordonCapabilitySet allows without applying it. The answer
 * is the one the kernel will give: every rule that covers a path counts.
 */
G_DEFINE_FINAL_TYPE (CordonQueryContext, cordon_query_context, G_TYPE_OBJECT)

static void
cordon_query_context_finalize (GObject *object)
{
  CordonQueryContext *self = CORDON_QUERY_CONTEXT (object);

  g_hash_table_unref (self->index);
  g_hash_table_unref (self->sockets);

  G_OBJECT_CLASS (cordon_query_context_parent_class)->finalize (object);
}

static void
cordon_query_context_class_init (CordonQueryContextClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cordon_query_context_finalize;
}

static void
cordon_query_context_init (CordonQueryContext *self)
{
  self->index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->sockets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/**
 * cordon_query_context_new:
 * @caps: the capability set to ask about
 *
 * Takes a snapshot of @caps: later changes to it are not seen, make a new
 * context then. Nothing is applied.
 *
 * Returns: (transfer full): a new query context
 */
CordonQueryContext *
cordon_query_context_new (CordonCapabilitySet *caps)
{
  CordonQueryContext *self;
  GListModel *sockets;
  guint n;

  g_return_val_if_fail (CORDON_IS_CAPABILITY_SET (caps), NULL);

  self = g_object_new (CORDON_TYPE_QUERY_CONTEXT, NULL);
  self->network_blocked = cordon_capability_set_is_network_blocked (caps);

  n = g_list_model_get_n_items (G_LIST_MODEL (caps));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (CordonFsCapability) cap = g_list_model_get_item (G_LIST_MODEL (caps), i);
      const char *resolved = cordon_fs_capability_get_resolved (cap);
      Modes *modes = g_hash_table_lookup (self->index, resolved);

      if (modes == NULL)
        {
          modes = g_new0 (Modes, 1);
          g_hash_table_insert (self->index, g_strdup (resolved), modes);
        }

      if (cordon_fs_capability_get_is_file (cap))
        modes->file_mode |= cordon_fs_capability_get_access (cap);
      else
        modes->dir_mode |= cordon_fs_capability_get_access (cap);
    }

  sockets = cordon_capability_set_get_sockets (caps);
  n = g_list_model_get_n_items (sockets);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (CordonSocketCapability) cap = g_list_model_get_item (sockets, i);
      const char *resolved = cordon_socket_capability_get_resolved (cap);
      guint kinds = GPOINTER_TO_UINT (g_hash_table_lookup (self->sockets, resolved));

      kinds |= cordon_socket_capability_get_is_file (cap) ? SOCKET_FILE : SOCKET_FOLDER;
      g_hash_table_insert (self->sockets, g_strdup (resolved), GUINT_TO_POINTER (kinds));
    }

  return self;
}

/* Which rule to name as "granted by": the most specific one that gives the
 * whole request on its own, else the most specific one that gives part of
 * it, else the most specific one at all. With /etc ReadWrite and
 * /etc/ssl Read, a Write under /etc/ssl is granted by /etc, not /etc/ssl. */
typedef struct
{
  char *whole;
  char *part;
  char *any;
} Granter;

static void
granter_consider (Granter          *granter,
                  const char       *rule_path,
                  CordonAccessMode  rule_mode,
                  CordonAccessMode  requested)
{
  if (granter->whole == NULL && (requested & ~rule_mode) == 0)
    granter->whole = g_strdup (rule_path);
  if (granter->part == NULL && (requested & rule_mode) != 0)
    granter->part = g_strdup (rule_path);
  if (granter->any == NULL)
    granter->any = g_strdup (rule_path);
}

static char *
granter_steal (Granter *granter)
{
  char *best;

  if (granter->whole != NULL)
    best = g_steal_pointer (&granter->whole);
  else if (granter->part != NULL)
    best = g_steal_pointer (&granter->part);
  else
    best = g_steal_pointer (&granter->any);

  g_clear_pointer (&granter->whole, g_free);
  g_clear_pointer (&granter->part, g_free);
  g_clear_pointer (&granter->any, g_free);
  return best;
}

/**
 * cordon_query_context_query_path:
 * @self: a query context
 * @path: an absolute path; it need not exist
 * @requested: the access to ask about
 * @error: return location for a #GError in the %CORDON_ERROR domain
 *
 * Tells whether the sandbox would allow @requested on @path, exactly as the
 * kernel will decide: the path is canonicalized the way the kernel walks it
 * (symlinks followed, even dangling; `..` resolved physically), and the
 * modes of every rule that covers it are combined.
 *
 * Errors: %CORDON_ERROR_INVALID_PATH if @path is relative or cannot be
 * canonicalized.
 *
 * Returns: (transfer full): the answer, or %NULL with @error set
 */
CordonQueryResult *
cordon_query_context_query_path (CordonQueryContext *self,
                                 const char         *path,
                                 CordonAccessMode    requested,
                                 GError            **error)
{
  g_autofree char *canonical = NULL;
  g_autofree char *granted = NULL;
  g_autofree char *ancestor = NULL;
  Granter granter = { NULL, NULL, NULL };
  CordonAccessMode effective = 0;
  Modes *modes;

  g_return_val_if_fail (CORDON_IS_QUERY_CONTEXT (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (cordon_access_mode_is_valid (requested), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  canonical = cordon_path_canonicalize_for_query (path, error);
  if (canonical == NULL)
    return NULL;

  /* A file rule only ever covers its own path. */
  modes = g_hash_table_lookup (self->index, canonical);
  if (modes != NULL && modes->file_mode != 0)
    {
      effective |= modes->file_mode;
      granter_consider (&granter, canonical, modes->file_mode, requested);
    }

  /* Directory rules: the path itself and each ancestor up to "/", so the
   * cost is the path's depth, not the number of rules. */
  ancestor = g_strdup (canonical);
  for (;;)
    {
      char *slash;

      modes = g_hash_table_lookup (self->index, ancestor);
      if (modes != NULL && modes->dir_mode != 0)
        {
          effective |= modes->dir_mode;
          granter_consider (&granter, ancestor, modes->dir_mode, requested);
        }

      if (g_str_equal (ancestor, "/"))
        break;
      slash = strrchr (ancestor, '/');
      slash[slash == ancestor ? 1 : 0] = '\0';
    }
  granted = granter_steal (&granter);

  if (effective == 0)
    return cordon_query_result_new (CORDON_QUERY_STATUS_DENIED,
                                    CORDON_QUERY_REASON_PATH_NOT_GRANTED,
                                    canonical, NULL, 0, requested);

  if ((requested & ~effective) != 0)
    return cordon_query_result_new (CORDON_QUERY_STATUS_DENIED,
                                    CORDON_QUERY_REASON_INSUFFICIENT_ACCESS,
                                    canonical, granted, effective, requested);

  return cordon_query_result_new (CORDON_QUERY_STATUS_ALLOWED,
                                  CORDON_QUERY_REASON_GRANTED_PATH,
                                  canonical, granted, effective, requested);
}

/**
 * cordon_query_context_query_network:
 * @self: a query context
 *
 * Tells whether the sandbox would allow network access.
 *
 * Returns: (transfer full): the answer
 */
CordonQueryResult *
cordon_query_context_query_network (CordonQueryContext *self)
{
  g_return_val_if_fail (CORDON_IS_QUERY_CONTEXT (self), NULL);

  if (self->network_blocked)
    return cordon_query_result_new (CORDON_QUERY_STATUS_DENIED,
                                    CORDON_QUERY_REASON_NETWORK_BLOCKED, NULL, NULL, 0, 0);

  return cordon_query_result_new (CORDON_QUERY_STATUS_ALLOWED,
                                  CORDON_QUERY_REASON_NETWORK_ALLOWED, NULL, NULL, 0, 0);
}

/**
 * cordon_query_context_query_socket:
 * @self: a query context
 * @path: an absolute path; it need not exist
 * @error: return location for a #GError in the %CORDON_ERROR domain
 *
 * Tells whether the sandboxed program could connect (or send) to the named
 * socket at @path. Only socket rules count: neither a filesystem rule, even
 * a writable folder, nor the network switch opens a socket made outside the
 * sandbox.
 *
 * Errors: %CORDON_ERROR_INVALID_PATH if @path is relative or cannot be
 * canonicalized.
 *
 * Returns: (transfer full): the answer, or %NULL with @error set
 */
CordonQueryResult *
cordon_query_context_query_socket (CordonQueryContext *self,
                                   const char         *path,
                                   GError            **error)
{
  g_autofree char *canonical = NULL;
  g_autofree char *ancestor = NULL;
  guint kinds;

  g_return_val_if_fail (CORDON_IS_QUERY_CONTEXT (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* A symlink to a socket reaches the socket it names, so the rule must
   * name where the link leads, as the kernel walks it. */
  canonical = cordon_path_canonicalize_for_query (path, error);
  if (canonical == NULL)
    return NULL;

  kinds = GPOINTER_TO_UINT (g_hash_table_lookup (self->sockets, canonical));
  if ((kinds & SOCKET_FILE) != 0)
    return cordon_query_result_new (CORDON_QUERY_STATUS_ALLOWED,
                                    CORDON_QUERY_REASON_GRANTED_SOCKET,
                                    canonical, canonical, 0, 0);

  /* The nearest folder entry is the one to name: walking up from the path,
   * the first one found. */
  ancestor = g_strdup (canonical);
  for (;;)
    {
      char *slash;

      kinds = GPOINTER_TO_UINT (g_hash_table_lookup (self->sockets, ancestor));
      if ((kinds & SOCKET_FOLDER) != 0)
        return cordon_query_result_new (CORDON_QUERY_STATUS_ALLOWED,
                                        CORDON_QUERY_REASON_GRANTED_SOCKET,
                                        canonical, ancestor, 0, 0);
      if (g_str_equal (ancestor, "/"))
        break;
      slash = strrchr (ancestor, '/');
      slash[slash == ancestor ? 1 : 0] = '\0';
    }

  return cordon_query_result_new (CORDON_QUERY_STATUS_DENIED,
                                  CORDON_QUERY_REASON_SOCKET_NOT_GRANTED,
                                  canonical, NULL, 0, 0);
}
