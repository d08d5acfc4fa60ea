/* cordon-capability-set.h: the model, a GListModel of CordonFsCapability
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cordon-access-mode.h"
#include "cordon-bus-policy.h"
#include "cordon-fs-capability.h"
#include "cordon-socket-capability.h"
#include "cordon-version-macros.h"

G_BEGIN_DECLS

#define CORDON_TYPE_CAPABILITY_SET (cordon_capability_set_get_type ())
CORDON_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (CordonCapabilitySet, cordon_capability_set, CORDON, CAPABILITY_SET, GObject)

CORDON_AVAILABLE_IN_ALL
CordonCapabilitySet *cordon_capability_set_new (void);
CORDON_AVAILABLE_IN_ALL
CordonCapabilitySet *cordon_capability_set_copy (CordonCapabilitySet *self);

/* A directory, recursively. @path must be absolute and exist; it is
 * canonicalized (realpath). Appends one item on success. */
CORDON_AVAILABLE_IN_ALL
gboolean cordon_capability_set_allow_path (CordonCapabilitySet *self,
                                           const char          *path,
                                           CordonAccessMode     mode,
                                           GError             **error);
/* One non-directory. */
CORDON_AVAILABLE_IN_ALL
gboolean cordon_capability_set_allow_file (CordonCapabilitySet *self,
                                           const char          *path,
                                           CordonAccessMode     mode,
                                           GError             **error);

/* For undo, and for loading profiles whose paths vanished: takes an already
 * made rule as is. @position past the end appends. */
CORDON_AVAILABLE_IN_ALL
void cordon_capability_set_insert     (CordonCapabilitySet *self,
                                       guint                position,
                                       CordonFsCapability  *capability);
CORDON_AVAILABLE_IN_ALL
void cordon_capability_set_remove     (CordonCapabilitySet *self,
                                       guint                position);
CORDON_AVAILABLE_IN_ALL
void cordon_capability_set_set_access (CordonCapabilitySet *self,
                                       guint                position,
                                       CordonAccessMode     mode);
/* Removes every rule, filesystem and socket; one items-changed on each list. */
CORDON_AVAILABLE_IN_ALL
void cordon_capability_set_clear      (CordonCapabilitySet *self);

CORDON_AVAILABLE_IN_ALL
void     cordon_capability_set_block_network       (CordonCapabilitySet *self);
CORDON_AVAILABLE_IN_ALL
void     cordon_capability_set_set_network_blocked (CordonCapabilitySet *self,
                                                    gboolean             blocked);
CORDON_AVAILABLE_IN_ALL
gboolean cordon_capability_set_is_network_blocked  (CordonCapabilitySet *self);

/* Local sockets: a named UNIX socket made outside the sandbox is reachable
 * only when listed. A directory becomes a folder entry (every socket beneath
 * it), anything else that exists a file entry (that one socket). @path must
 * be absolute and exist; it is canonicalized like allow_path's, with the
 * same errors. Independent of the filesystem rules and of the network. */
CORDON_AVAILABLE_IN_ALL
gboolean    cordon_capability_set_allow_socket   (CordonCapabilitySet    *self,
                                                  const char             *path,
                                                  GError                **error);
/* The socket rules, a GListModel of CordonSocketCapability (transfer none,
 * lives as long as @self). Edit it only through the functions here. */
CORDON_AVAILABLE_IN_ALL
GListModel *cordon_capability_set_get_sockets    (CordonCapabilitySet    *self);
/* For undo, and for profiles whose socket vanished. @position past the end appends. */
CORDON_AVAILABLE_IN_ALL
void        cordon_capability_set_insert_socket  (CordonCapabilitySet    *self,
                                                  guint                   position,
                                                  CordonSocketCapability *capability);
CORDON_AVAILABLE_IN_ALL
void        cordon_capability_set_remove_socket  (CordonCapabilitySet    *self,
                                                  guint                   position);
/* TRUE iff a file entry's resolved path is @canonical_path, or a folder
 * entry's resolved path is it or a component-wise ancestor of it. The
 * caller canonicalizes. Costs the path's depth, not the number of rules. */
CORDON_AVAILABLE_IN_ALL
gboolean    cordon_capability_set_socket_covered (CordonCapabilitySet    *self,
                                                  const char             *canonical_path);

/* Merges entries with the same (resolved, is_file), filesystem and socket
 * rules alike; the first keeps its place. */
CORDON_AVAILABLE_IN_ALL
void     cordon_capability_set_deduplicate  (CordonCapabilitySet *self);
/* TRUE when a directory rule covers @path (component-wise, as given; not resolved). */
CORDON_AVAILABLE_IN_ALL
gboolean cordon_capability_set_path_covered (CordonCapabilitySet *self,
                                             const char          *path);
CORDON_AVAILABLE_IN_ALL
char    *cordon_capability_set_summary      (CordonCapabilitySet *self);

/* The session bus: NULL (the default) means none at all; a policy means a
 * bus filtered by xdg-dbus-proxy to its names. The set keeps @policy (not a
 * copy), so editing its names edits the set; "notify::bus-policy" tells of
 * both. */
CORDON_AVAILABLE_IN_ALL
CordonBusPolicy *cordon_capability_set_get_bus_policy (CordonCapabilitySet *self);
CORDON_AVAILABLE_IN_ALL
void             cordon_capability_set_set_bus_policy (CordonCapabilitySet *self,
                                                       CordonBusPolicy     *policy);

/* Fails (CORDON_ERROR_INVALID_PATH, naming the rule, where it now leads and
 * the link) if a rule loaded from a profile now leads somewhere other than
 * the profile recorded, through a symbolic link lying in a folder these
 * rules let a program write: a sandboxed run may have planted it. Links the
 * rules cannot write (/lib → usr/lib) are fine. Call it once every rule is
 * added; cordon_apply () does. */
CORDON_AVAILABLE_IN_ALL
gboolean cordon_capability_set_check_links (CordonCapabilitySet *self,
                                            GError             **error);

G_END_DECLS
