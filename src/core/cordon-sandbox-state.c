/* cordon-sandbox-state.c: a profile, between its file and a capability set
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading and validating the file is cordon-sandbox-state-reader.c, writing
 * it cordon-sandbox-state-writer.c; this file holds the object and the way
 * to and from a capability set.
 */
#include "config.h"

#include "cordon-bus-policy-private.h"
#include "cordon-capability-set-private.h"
#include "cordon-fs-capability-private.h"
#include "cordon-error.h"
#include "cordon-path-private.h"
#include "cordon-sandbox-state-private.h"

typedef CordonStateEntry Entry;

/**
 * CordonStateFormat:
 * @CORDON_STATE_FORMAT_CORDON: `{"path", "access": "ReadWrite", "is_file"}`,
 *   the format Cordon writes
 * @CORDON_STATE_FORMAT_NATIVE: `{"original", "resolved", "access":
 *   "read+write", "is_file"}`, the reference library's native format
 *
 * The JSON layout of filesystem rules in a profile.
 */

/**
 * CordonToCapsFlags:
 * @CORDON_TO_CAPS_DEFAULT: every path must still exist, as recorded
 * @CORDON_TO_CAPS_KEEP_MISSING: keep rules whose path vanished, for an
 *   editor to flag; never for applying
 *
 * Options of cordon_sandbox_state_to_caps_full().
 */

/**
 * CORDON_STATE_MAX_BYTES:
 *
 * The largest profile the reader accepts, in bytes.
 */

/**
 * CORDON_STATE_MAX_RULES:
 *
 * The most filesystem rules a profile may have.
 */

/**
 * CordonSandboxState:
 *
 * A #CordonCapabilitySet as JSON: to save a profile, read one back, or pass
 * one to another process (cordon-run reads the same format).
 */
G_DEFINE_FINAL_TYPE (CordonSandboxState, cordon_sandbox_state, G_TYPE_OBJECT)

static void
entry_clear (gpointer data)
{
  Entry *entry = data;

  if (entry->borrowed)
    return;
  g_clear_pointer (&entry->original, g_free);
  g_clear_pointer (&entry->path, g_free);
}

static void
cordon_sandbox_state_finalize (GObject *object)
{
  CordonSandboxState *self = CORDON_SANDBOX_STATE (object);

  g_array_unref (self->entries);
  g_array_unref (self->sockets);
  g_clear_object (&self->bus_policy);
  g_clear_pointer (&self->tree, g_bytes_unref);

  G_OBJECT_CLASS (cordon_sandbox_state_parent_class)->finalize (object);
}

static void
cordon_sandbox_state_class_init (CordonSandboxStateClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cordon_sandbox_state_finalize;
}

static void
cordon_sandbox_state_init (CordonSandboxState *self)
{
  self->entries = g_array_new (FALSE, TRUE, sizeof (Entry));
  g_array_set_clear_func (self->entries, entry_clear);
  self->sockets = g_array_new (FALSE, TRUE, sizeof (Entry));
  g_array_set_clear_func (self->sockets, entry_clear);
}

/**
 * cordon_sandbox_state_from_caps:
 * @caps: a capability set
 *
 * Takes a snapshot of @caps, ready to be written as JSON.
 *
 * Returns: (transfer full): a new state
 */
CordonSandboxState *
cordon_sandbox_state_from_caps (CordonCapabilitySet *caps)
{
  CordonSandboxState *self;
  GListModel *sockets;
  guint n;

  g_return_val_if_fail (CORDON_IS_CAPABILITY_SET (caps), NULL);

  self = g_object_new (CORDON_TYPE_SANDBOX_STATE, NULL);
  self->network_blocked = cordon_capability_set_is_network_blocked (caps);
  if (cordon_capability_set_get_bus_policy (caps) != NULL)
    self->bus_policy = cordon_bus_policy_copy (cordon_capability_set_get_bus_policy (caps));

  n = g_list_model_get_n_items (G_LIST_MODEL (caps));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (CordonFsCapability) cap = g_list_model_get_item (G_LIST_MODEL (caps), i);
      /* A rule redirected by a planted link is written back as the
       * profile had it, so the next load flags it again. */
      const char *path = cordon_fs_capability_get_planted_link (cap) != NULL
                           ? cordon_fs_capability_get_recorded (cap)
                           : cordon_fs_capability_get_resolved (cap);
      Entry entry = {
        .original = g_strdup (cordon_fs_capability_get_original (cap)),
        .path = g_strdup (path),
        .access = cordon_fs_capability_get_access (cap),
        .is_file = cordon_fs_capability_get_is_file (cap),
      };

      g_array_append_val (self->entries, entry);
    }

  sockets = cordon_capability_set_get_sockets (caps);
  n = g_list_model_get_n_items (sockets);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (CordonSocketCapability) cap = g_list_model_get_item (sockets, i);
      Entry entry = {
        .original = g_strdup (cordon_socket_capability_get_original (cap)),
        .path = g_strdup (cordon_socket_capability_get_resolved (cap)),
        .is_file = cordon_socket_capability_get_is_file (cap),
      };

      g_array_append_val (self->sockets, entry);
    }

  return self;
}

/* ---- back to a capability set ------------------------------------------ */

/* What to resolve again: what the user gave, as the reference library does,
 * unless that was relative ("original": "." as nono writes it), which only
 * means something where it was typed: then the recorded absolute path. */
static const char *
lookup_path (const Entry *entry)
{
  if (entry->original != NULL && entry->original[0] == '/')
    return entry->original;
  return entry->path;
}

/* The rule just added keeps a relative original, for display and for
 * writing back as the user gave it. */
static void
keep_relative_original (CordonCapabilitySet *caps,
                        const Entry         *entry)
{
  guint last = g_list_model_get_n_items (G_LIST_MODEL (caps)) - 1;
  g_autoptr (CordonFsCapability) added = NULL;
  g_autoptr (CordonFsCapability) kept = NULL;

  if (entry->original == NULL || entry->original[0] == '/')
    return;
  added = g_list_model_get_item (G_LIST_MODEL (caps), last);
  kept = cordon_fs_capability_new_full (entry->original, cordon_fs_capability_get_resolved (added),
                                        cordon_fs_capability_get_recorded (added), NULL,
                                        cordon_fs_capability_get_access (added),
                                        cordon_fs_capability_get_is_file (added));
  cordon_capability_set_remove (caps, last);
  cordon_capability_set_insert (caps, last, kept);
}

/**
 * cordon_sandbox_state_to_caps:
 * @self: a state
 * @error: return location for a #GError in the %CORDON_ERROR domain
 *
 * Makes a capability set from the state, validating every path again.
 *
 * Errors: %CORDON_ERROR_PATH_NOT_FOUND if a path vanished,
 * %CORDON_ERROR_EXPECTED_FILE or %CORDON_ERROR_EXPECTED_DIRECTORY if a
 * path changed kind, %CORDON_ERROR_INVALID_PATH if it cannot be resolved.
 *
 * Returns: (transfer full): a new capability set, or %NULL with @error set
 */
CordonCapabilitySet *
cordon_sandbox_state_to_caps (CordonSandboxState *self,
                              GError            **error)
{
  return cordon_sandbox_state_to_caps_full (self, CORDON_TO_CAPS_DEFAULT, error);
}

/**
 * cordon_sandbox_state_to_caps_full:
 * @self: a state
 * @flags: %CORDON_TO_CAPS_KEEP_MISSING keeps rules whose path vanished, as
 *   recorded, for an editor to show (never use it for applying)
 * @error: return location for a #GError in the %CORDON_ERROR domain
 *
 * cordon_sandbox_state_to_caps() with options.
 *
 * Returns: (transfer full): a new capability set, or %NULL with @error set
 */
CordonCapabilitySet *
cordon_sandbox_state_to_caps_full (CordonSandboxState *self,
                                   CordonToCapsFlags   flags,
                                   GError            **error)
{
  g_autoptr (CordonCapabilitySet) caps = NULL;
  /* Rules share parents: each parent is resolved once per load. */
  g_autoptr (CordonPathResolver) resolver = cordon_path_resolver_new ();
  /* Rules loaded unchecked, waiting to be appended together: a few
   * hundred at a time, so thousands of them touch no new memory. */
  CordonUncheckedRule unchecked[256];
  guint n_unchecked = 0;

  g_return_val_if_fail (CORDON_IS_SANDBOX_STATE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  caps = cordon_capability_set_new ();
  cordon_capability_set_set_network_blocked (caps, self->network_blocked);
  if (self->bus_policy != NULL)
    {
      g_autoptr (CordonBusPolicy) policy = cordon_bus_policy_copy (self->bus_policy);

      cordon_capability_set_set_bus_policy (caps, policy);
    }

  for (guint i = 0; i < self->entries->len; i++)
    {
      const Entry *entry = &g_array_index (self->entries, Entry, i);
      const char *path = lookup_path (entry);
      g_autoptr (GError) local_error = NULL;
      gboolean ok;

      /* Resolving would give the recorded path back unless a link now lies
       * on the way, the path vanished or changed kind: all of which the
       * open at apply time finds (it follows no link), and then loading's
       * own check runs. A path given as a link (nono's "original") or not
       * canonical is resolved now. */
      if ((flags & CORDON_TO_CAPS_UNCHECKED) != 0 && g_str_equal (path, entry->path) &&
          cordon_path_is_canonical_text (path))
        {
          /* The original as loading keeps it: a relative one stays. */
          CordonUncheckedRule rule = {
            .original = entry->original != NULL && entry->original[0] != '/' ? entry->original
                                                                               : entry->path,
            .recorded = entry->path,
            .access = entry->access,
            .is_file = entry->is_file,
          };

          unchecked[n_unchecked++] = rule;
          if (n_unchecked == G_N_ELEMENTS (unchecked))
            {
              cordon_capability_set_append_unchecked (caps, unchecked, n_unchecked, self->tree);
              n_unchecked = 0;
            }
          continue;
        }
      /* In order: the unchecked rules before this one first. */
      cordon_capability_set_append_unchecked (caps, unchecked, n_unchecked, self->tree);
      n_unchecked = 0;

      ok = cordon_capability_set_allow_with (caps, resolver, path, entry->path, entry->access,
                                             entry->is_file, &local_error);

      if (ok)
        {
          keep_relative_original (caps, entry);
          continue;
        }

      if ((flags & CORDON_TO_CAPS_KEEP_MISSING) != 0 &&
          g_error_matches (local_error, CORDON_ERROR, CORDON_ERROR_PATH_NOT_FOUND))
        {
          g_autoptr (CordonFsCapability) cap =
            cordon_fs_capability_new_full (entry->original != NULL ? entry->original : path,
                                           entry->path, entry->path, NULL, entry->access,
                                           entry->is_file);
          cordon_capability_set_insert (caps, G_MAXUINT, cap);
          continue;
        }

      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  cordon_capability_set_append_unchecked (caps, unchecked, n_unchecked, self->tree);

  for (guint i = 0; i < self->sockets->len; i++)
    {
      const Entry *entry = &g_array_index (self->sockets, Entry, i);
      const char *path = lookup_path (entry);
      g_autoptr (GError) local_error = NULL;

      if (cordon_capability_set_allow_socket_with (caps, resolver, path, entry->is_file,
                                                   &local_error))
        continue;

      if ((flags & CORDON_TO_CAPS_KEEP_MISSING) != 0 &&
          g_error_matches (local_error, CORDON_ERROR, CORDON_ERROR_PATH_NOT_FOUND))
        {
          g_autoptr (CordonSocketCapability) cap =
            cordon_socket_capability_new (path, entry->path, entry->is_file);
          cordon_capability_set_insert_socket (caps, G_MAXUINT, cap);
          continue;
        }

      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  /* With every rule in: which folders they can write decides which links
   * could have been planted. */
  if (!cordon_capability_set_scan_links (caps, (flags & CORDON_TO_CAPS_KEEP_PLANTED) != 0, error))
    return NULL;
  /* Socket rules were appended one per entry, in order. An editor cannot
   * show a redirected one yet, so it is refused even there. */
  for (guint i = 0; i < self->sockets->len; i++)
    {
      const Entry *entry = &g_array_index (self->sockets, Entry, i);
      g_autoptr (CordonSocketCapability) socket =
        g_list_model_get_item (cordon_capability_set_get_sockets (caps), i);

      if (!cordon_capability_set_check_socket_link (caps, socket, entry->path, error))
        return NULL;
    }

  return g_steal_pointer (&caps);
}

/**
 * cordon_sandbox_state_get_network_blocked:
 * @self: a state
 *
 * Whether the state blocks the network.
 *
 * Returns: %TRUE if the state blocks the network
 */
gboolean
cordon_sandbox_state_get_network_blocked (CordonSandboxState *self)
{
  g_return_val_if_fail (CORDON_IS_SANDBOX_STATE (self), FALSE);
  return self->network_blocked;
}

/**
 * cordon_sandbox_state_get_n_rules:
 * @self: a state
 *
 * How many filesystem rules the state holds.
 *
 * Returns: the number of filesystem rules
 */
guint
cordon_sandbox_state_get_n_rules (CordonSandboxState *self)
{
  g_return_val_if_fail (CORDON_IS_SANDBOX_STATE (self), 0);
  return self->entries->len;
}

/**
 * cordon_sandbox_state_get_format:
 * @self: a state
 *
 * The form the profile was read in: %CORDON_STATE_FORMAT_NATIVE when a rule
 * used the reference library's `original`/`resolved` entries,
 * %CORDON_STATE_FORMAT_CORDON otherwise, and for a state made from a
 * capability set. An editor saves the file back in it.
 *
 * Returns: the format
 */
CordonStateFormat
cordon_sandbox_state_get_format (CordonSandboxState *self)
{
  g_return_val_if_fail (CORDON_IS_SANDBOX_STATE (self), CORDON_STATE_FORMAT_CORDON);
  return self->format;
}
