/* cordon-capability-set-links.c: rules redirected by a link the sandbox planted
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A profile grants Write on scratch/ and Read on scratch/ref. A first run
 * replaces scratch/ref with a symbolic link to a secret folder; the next run
 * of the same profile would resolve the rule through it and grant the
 * secret. A rule loaded from a profile therefore must lead where the profile
 * recorded, unless every link that now redirects it lies where no program
 * under these rules can write (/lib → usr/lib is the system's, not theirs).
 */
#include "config.h"

#include "cordon-i18n-private.h"

#include "cordon-capability-set-private.h"
#include "cordon-error.h"
#include "cordon-fs-capability-private.h"
#include "cordon-path-private.h"

/* Where a sandboxed program can make or replace entries: every folder rule
 * with Write, by the path it has now and the one the profile recorded. */
static GPtrArray *
writable_folders (CordonCapabilitySet *self)
{
  GPtrArray *folders = g_ptr_array_new_with_free_func (g_free);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (CordonFsCapability) cap = g_list_model_get_item (G_LIST_MODEL (self), i);
      const char *recorded = cordon_fs_capability_get_recorded (cap);

      if (cordon_fs_capability_get_is_file (cap) ||
          (cordon_fs_capability_get_access (cap) & CORDON_ACCESS_WRITE) == 0)
        continue;
      g_ptr_array_add (folders, g_strdup (cordon_fs_capability_get_resolved (cap)));
      if (recorded != NULL)
        g_ptr_array_add (folders, g_strdup (recorded));
    }
  return folders;
}

/* The first link on the path @looked_up that lies in one of @folders (making or
 * replacing it takes Write on the folder it lies in), or NULL. */
static char *
find_planted_link (const char *looked_up,
                   GPtrArray  *folders,
                   GError    **error)
{
  g_autoptr (GPtrArray) links = NULL;

  links = cordon_path_list_links (looked_up, error);
  if (links == NULL)
    return NULL;

  for (guint i = 0; i < links->len; i++)
    {
      const char *link = g_ptr_array_index (links, i);
      g_autofree char *parent = g_path_get_dirname (link);

      for (guint j = 0; j < folders->len; j++)
        if (cordon_path_is_within (parent, g_ptr_array_index (folders, j)))
          return g_strdup (link);
    }
  return NULL;
}

static void
set_planted_error_for (GError    **error,
                       const char *rule_path,
                       const char *resolved,
                       const char *link)
{
  g_autofree char *rule = g_filename_display_name (rule_path);
  g_autofree char *now = g_filename_display_name (resolved);
  g_autofree char *display_link = g_filename_display_name (link);

  g_set_error (error, CORDON_ERROR, CORDON_ERROR_INVALID_PATH,
               _("The rule for “%s” now leads to “%s” through the symbolic link “%s”, which a "
                 "program run with these rules could have made; if that is intended, grant "
                 "“%s” itself"),
               rule, now, display_link, now);
}

static void
set_planted_error (GError            **error,
                   CordonFsCapability *cap,
                   const char         *link)
{
  /* The rule as the user gave it (in the nono form that may be the link),
   * unless that was relative. */
  const char *original = cordon_fs_capability_get_original (cap);

  set_planted_error_for (error,
                         g_path_is_absolute (original) ? original
                                                       : cordon_fs_capability_get_recorded (cap),
                         cordon_fs_capability_get_resolved (cap), link);
}

gboolean
cordon_capability_set_scan_links (CordonCapabilitySet *self,
                                  gboolean             keep,
                                  GError             **error)
{
  g_autoptr (GPtrArray) folders = NULL;
  guint n;

  g_return_val_if_fail (CORDON_IS_CAPABILITY_SET (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  n = g_list_model_get_n_items (G_LIST_MODEL (self));
  for (guint i = 0; i < n; i++)
    {
      /* Its fields only, no object: this runs over every rule at each
       * launch, and a flagged copy replaces the rule only after its last use. */
      CordonRuleView rule;
      g_autoptr (CordonFsCapability) cap = NULL;
      g_autoptr (CordonFsCapability) flagged = NULL;
      g_autoptr (GError) local_error = NULL;
      g_autofree char *link = NULL;
      const char *recorded;
      const char *resolved;
      const char *looked_up;

      cordon_capability_set_peek_rule (self, i, &rule);
      recorded = rule.recorded;
      resolved = rule.resolved;
      if (rule.planted_link != NULL)
        {
          if (keep)
            continue;
          cap = g_list_model_get_item (G_LIST_MODEL (self), i);
          set_planted_error (error, cap, rule.planted_link);
          return FALSE;
        }

      /* Only a rule from a profile has a place to be redirected from; one
       * that leads where it was recorded is fine, whatever it went through. */
      if (recorded == NULL || recorded == resolved || g_str_equal (recorded, resolved))
        continue;
      cap = g_list_model_get_item (G_LIST_MODEL (self), i);

      if (folders == NULL)
        folders = writable_folders (self);
      /* What was looked up: the original, unless that was relative (the
       * nono form's "."), when the recorded path was. */
      looked_up = cordon_fs_capability_get_original (cap);
      if (!g_path_is_absolute (looked_up))
        looked_up = recorded;
      link = find_planted_link (looked_up, folders, &local_error);
      if (local_error != NULL)
        {
          /* It resolved a moment ago: changing under our feet is no reason
           * to trust it. */
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (link == NULL)
        continue;

      if (!keep)
        {
          set_planted_error (error, cap, link);
          return FALSE;
        }
      flagged = cordon_fs_capability_new_full (cordon_fs_capability_get_original (cap),
                                               cordon_fs_capability_get_resolved (cap), recorded,
                                               link, cordon_fs_capability_get_access (cap),
                                               cordon_fs_capability_get_is_file (cap));
      cordon_capability_set_remove (self, i);
      cordon_capability_set_insert (self, i, flagged);
    }
  return TRUE;
}

/**
 * cordon_capability_set_check_links:
 * @self: a capability set
 * @error: return location for a #GError in the %CORDON_ERROR domain
 *
 * Checks that no rule loaded from a profile now leads somewhere other than
 * the profile recorded through a symbolic link lying in a folder these
 * rules grant Write: a program run with them may have planted it. Links
 * the rules cannot write (`/lib` → `usr/lib`) are fine. Call it once every
 * rule is added; cordon_apply() does.
 *
 * Errors: %CORDON_ERROR_INVALID_PATH naming the rule, where it now leads
 * and the link.
 *
 * Returns: %TRUE if no rule is redirected that way
 */
gboolean
cordon_capability_set_check_links (CordonCapabilitySet *self,
                                   GError             **error)
{
  return cordon_capability_set_scan_links (self, FALSE, error);
}

gboolean
cordon_capability_set_check_socket_link (CordonCapabilitySet    *self,
                                         CordonSocketCapability *socket,
                                         const char             *recorded,
                                         GError                **error)
{
  const char *looked_up = cordon_socket_capability_get_original (socket);
  const char *resolved = cordon_socket_capability_get_resolved (socket);
  g_autoptr (GPtrArray) folders = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *link = NULL;

  /* A socket rule in a writable folder is the likeliest target of all: a
   * link there would hand the next run the session bus or docker.sock. */
  if (recorded == NULL || g_str_equal (recorded, resolved))
    return TRUE;
  if (!g_path_is_absolute (looked_up))
    looked_up = recorded;

  folders = writable_folders (self);
  link = find_planted_link (looked_up, folders, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (link == NULL)
    return TRUE;

  set_planted_error_for (error, looked_up, resolved, link);
  return FALSE;
}

CordonCapabilitySet *
cordon_capability_set_check_unchecked (CordonCapabilitySet *self,
                                       GError             **error)
{
  g_autoptr (CordonCapabilitySet) checked = NULL;
  g_autoptr (CordonCapabilitySet) scratch = NULL;
  g_autoptr (CordonPathResolver) resolver = NULL;
  guint n;

  g_return_val_if_fail (CORDON_IS_CAPABILITY_SET (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  checked = cordon_capability_set_copy (self);
  scratch = cordon_capability_set_new ();
  resolver = cordon_path_resolver_new ();
  n = g_list_model_get_n_items (G_LIST_MODEL (checked));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (CordonFsCapability) cap = g_list_model_get_item (G_LIST_MODEL (checked), i);
      g_autoptr (CordonFsCapability) added = NULL;
      g_autoptr (CordonFsCapability) kept = NULL;
      const char *original = cordon_fs_capability_get_original (cap);
      const char *recorded = cordon_fs_capability_get_recorded (cap);

      if (!cordon_fs_capability_is_unchecked (cap))
        continue;
      /* As cordon_sandbox_state_to_caps_full() would have, and in its
       * words: an unchecked rule's original is its recorded path, or a
       * relative one that was not looked up. */
      if (!cordon_capability_set_allow_with (scratch, resolver, recorded, recorded,
                                             cordon_fs_capability_get_access (cap),
                                             cordon_fs_capability_get_is_file (cap), error))
        return NULL;
      added = g_list_model_get_item (G_LIST_MODEL (scratch),
                                     g_list_model_get_n_items (G_LIST_MODEL (scratch)) - 1);
      kept = cordon_fs_capability_new_full (original, cordon_fs_capability_get_resolved (added),
                                            recorded, NULL, cordon_fs_capability_get_access (cap),
                                            cordon_fs_capability_get_is_file (cap));
      cordon_capability_set_remove (checked, i);
      cordon_capability_set_insert (checked, i, kept);
    }

  /* Every rule in, with the paths they have now: as loading ends. */
  if (!cordon_capability_set_scan_links (checked, FALSE, error))
    return NULL;
  return g_steal_pointer (&checked);
}
