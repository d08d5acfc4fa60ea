/* cordon-run-learner.c: --learn, what a program used, as a minimal profile
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every path is kept with the rights it needed. At the end:
 * - a file read or executed → a Read rule for the file; written → Write
 *   (ReadWrite if also read);
 * - a folder listed → a Read rule for the folder (Landlock has no
 *   "this folder but not beneath");
 * - a file created, removed, renamed or linked, a folder made → Write on
 *   the folder that holds it (a rule for the file cannot make a file);
 * - more than CORDON_RUN_LEARN_GROUP_THRESHOLD files of one folder used
 *   the same way → one rule for that folder, never one above it;
 * - never a rule for "/", nor for a path that is gone by the end (a
 *   temporary file: its folder's rule covers it), nor for /proc/PID (the
 *   next run has another PID).
 */
#include "config.h"

#include <sys/stat.h>

#include "cordon-path-private.h"
#include "cordon-run-learner.h"

typedef enum
{
  USE_READ  = 1 << 0,
  USE_WRITE = 1 << 1,
  USE_LIST  = 1 << 2,   /* a folder, Read */
  USE_MAKE  = 1 << 3,   /* a folder in which something was made or removed */
} Use;

struct _CordonRunLearner
{
  gatomicrefcount ref_count;
  GMutex          lock;
  GHashTable     *uses;      /* canonical path → Use */
  GPtrArray      *sockets;   /* canonical paths, first seen first */
  gboolean        network;
  CordonCapabilitySet *base;
  char           *file;
};

CordonRunLearner *
cordon_run_learner_new (CordonCapabilitySet *base,
                        const char          *file)
{
  CordonRunLearner *self = g_new0 (CordonRunLearner, 1);

  self->base = cordon_capability_set_copy (base);
  self->file = g_strdup (file);
  g_atomic_ref_count_init (&self->ref_count);
  g_mutex_init (&self->lock);
  self->uses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->sockets = g_ptr_array_new_with_free_func (g_free);
  return self;
}

CordonRunLearner *
cordon_run_learner_ref (CordonRunLearner *self)
{
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
cordon_run_learner_unref (CordonRunLearner *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_mutex_clear (&self->lock);
  g_hash_table_unref (self->uses);
  g_ptr_array_unref (self->sockets);
  g_object_unref (self->base);
  g_free (self->file);
  g_free (self);
}

static void
add_use (CordonRunLearner *self,
         char             *canonical,  /* taken */
         Use               use)
{
  Use old = GPOINTER_TO_UINT (g_hash_table_lookup (self->uses, canonical));

  g_hash_table_replace (self->uses, canonical, GUINT_TO_POINTER (old | use));
}

void
cordon_run_learner_add_fs (CordonRunLearner *self,
                           const char       *path,
                           CordonAccessMode  access,
                           const char       *operation)
{
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  char *canonical = cordon_path_canonicalize_for_query (path, NULL);
  gboolean makes = g_str_equal (operation, "create") || g_str_equal (operation, "remove")
                   || g_str_equal (operation, "rename") || g_str_equal (operation, "link");
  struct stat st;

  if (canonical == NULL)
    return;
  if (makes)
    {
      add_use (self, g_path_get_dirname (canonical), USE_MAKE);
      g_free (canonical);
      return;
    }
  if ((access & CORDON_ACCESS_READ) && stat (canonical, &st) == 0 && S_ISDIR (st.st_mode))
    {
      add_use (self, canonical, USE_LIST);
      return;
    }
  add_use (self, canonical, ((access & CORDON_ACCESS_READ) ? USE_READ : 0)
                            | ((access & CORDON_ACCESS_WRITE) ? USE_WRITE : 0));
}

void
cordon_run_learner_add_network (CordonRunLearner *self)
{
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->lock);

  self->network = TRUE;
}

void
cordon_run_learner_add_socket (CordonRunLearner *self,
                               const char       *path)
{
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  char *canonical = cordon_path_canonicalize_for_query (path, NULL);

  if (canonical == NULL)
    return;
  if (g_ptr_array_find_with_equal_func (self->sockets, canonical, g_str_equal, NULL))
    g_free (canonical);
  else
    g_ptr_array_add (self->sockets, canonical);
}

static gboolean
is_process_path (const char *path)
{
  const char *rest;

  if (!g_str_has_prefix (path, "/proc/"))
    return FALSE;
  rest = path + strlen ("/proc/");
  return g_ascii_isdigit (*rest);
}

static CordonAccessMode
file_mode (Use use)
{
  return ((use & USE_READ) ? CORDON_ACCESS_READ : 0) | ((use & USE_WRITE) ? CORDON_ACCESS_WRITE : 0);
}

static gboolean
add_rule (CordonCapabilitySet *caps,
          const char          *path,
          gboolean             folder,
          CordonAccessMode     mode,
          GError             **error)
{
  g_autoptr (GError) local_error = NULL;

  if (mode == 0 || g_str_equal (path, "/") || is_process_path (path))
    return TRUE;
  if (folder ? cordon_capability_set_allow_path (caps, path, mode, &local_error)
             : cordon_capability_set_allow_file (caps, path, mode, &local_error))
    return TRUE;
  /* Gone by the end: a temporary file, covered by its folder's Write. */
  if (g_error_matches (local_error, CORDON_ERROR, CORDON_ERROR_PATH_NOT_FOUND))
    return TRUE;
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

gboolean
cordon_run_learner_write (CordonRunLearner    *self,
                          GError             **error)
{
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  g_autoptr (CordonCapabilitySet) caps = cordon_capability_set_copy (self->base);
  g_autoptr (CordonSandboxState) state = NULL;
  g_autoptr (GHashTable) per_folder = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                            NULL);
  g_autoptr (GList) paths = g_hash_table_get_keys (self->uses);

  /* How many files of each folder were used, and whether all the same way. */
  for (GList *l = paths; l != NULL; l = l->next)
    {
      Use use = GPOINTER_TO_UINT (g_hash_table_lookup (self->uses, l->data));

      if (use & (USE_READ | USE_WRITE))
        {
          g_autofree char *parent = g_path_get_dirname (l->data);
          char *key_name = g_strdup_printf ("%u:%s", file_mode (use), parent);
          guint n = GPOINTER_TO_UINT (g_hash_table_lookup (per_folder, key_name));

          g_hash_table_replace (per_folder, key_name, GUINT_TO_POINTER (n + 1));
        }
    }

  paths = g_list_sort (paths, (GCompareFunc) g_strcmp0);
  for (GList *l = paths; l != NULL; l = l->next)
    {
      const char *path = l->data;
      Use use = GPOINTER_TO_UINT (g_hash_table_lookup (self->uses, path));
      CordonAccessMode folder_mode = ((use & USE_LIST) ? CORDON_ACCESS_READ : 0)
                                     | ((use & USE_MAKE) ? CORDON_ACCESS_WRITE : 0);

      if (folder_mode != 0 && !add_rule (caps, path, TRUE, folder_mode, error))
        return FALSE;
      if (use & (USE_READ | USE_WRITE))
        {
          g_autofree char *parent = g_path_get_dirname (path);
          g_autofree char *key_name = g_strdup_printf ("%u:%s", file_mode (use), parent);
          guint n = GPOINTER_TO_UINT (g_hash_table_lookup (per_folder, key_name));

          if (n > CORDON_RUN_LEARN_GROUP_THRESHOLD)
            {
              if (!add_rule (caps, parent, TRUE, file_mode (use), error))
                return FALSE;
            }
          else if (!add_rule (caps, path, FALSE, file_mode (use), error))
            return FALSE;
        }
    }
  for (guint i = 0; i < self->sockets->len; i++)
    {
      g_autoptr (GError) local_error = NULL;

      if (!cordon_capability_set_allow_socket (caps, self->sockets->pdata[i], &local_error)
          && !g_error_matches (local_error, CORDON_ERROR, CORDON_ERROR_PATH_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }
  cordon_capability_set_set_network_blocked (caps, !self->network);
  cordon_capability_set_deduplicate (caps);

  state = cordon_sandbox_state_from_caps (caps);
  return cordon_sandbox_state_save_file (state, self->file, CORDON_STATE_FORMAT_CORDON, error);
}
