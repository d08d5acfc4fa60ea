/* cordon-capability-set.h: the model, a GListModel of CordonFsCapability
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cordon-access-mode.h"
#include "cordon-fs-capability.h"

G_BEGIN_DECLS

#define CORDON_TYPE_CAPABILITY_SET (cordon_capability_set_get_type ())
G_DECLARE_FINAL_TYPE (CordonCapabilitySet, cordon_capability_set, CORDON, CAPABILITY_SET, GObject)

CordonCapabilitySet *cordon_capability_set_new (void);
CordonCapabilitySet *cordon_capability_set_copy (CordonCapabilitySet *self);

/* A directory, recursively. @path must be absolute and exist; it is
 * canonicalized (realpath). Appends one item on success. */
gboolean cordon_capability_set_allow_path (CordonCapabilitySet *self,
                                           const char          *path,
                                           CordonAccessMode     mode,
                                           GError             **error);
/* One non-directory. */
gboolean cordon_capability_set_allow_file (CordonCapabilitySet *self,
                                           const char          *path,
                                           CordonAccessMode     mode,
                                           GError             **error);

/* For undo, and for loading profiles whose paths vanished: takes an already
 * made rule as is. @position past the end appends. */
void cordon_capability_set_insert     (CordonCapabilitySet *self,
                                       guint                position,
                                       CordonFsCapability  *capability);
void cordon_capability_set_remove     (CordonCapabilitySet *self,
                                       guint                position);
void cordon_capability_set_set_access (CordonCapabilitySet *self,
                                       guint                position,
                                       CordonAccessMode     mode);
/* Removes every rule; one items-changed. */
void cordon_capability_set_clear      (CordonCapabilitySet *self);

void     cordon_capability_set_block_network       (CordonCapabilitySet *self);
void     cordon_capability_set_set_network_blocked (CordonCapabilitySet *self,
                                                    gboolean             blocked);
gboolean cordon_capability_set_is_network_blocked  (CordonCapabilitySet *self);

/* Merges entries with the same (resolved, is_file); the first keeps its place. */
void     cordon_capability_set_deduplicate  (CordonCapabilitySet *self);
/* TRUE when a directory rule covers @path (component-wise, as given; not resolved). */
gboolean cordon_capability_set_path_covered (CordonCapabilitySet *self,
                                             const char          *path);
char    *cordon_capability_set_summary      (CordonCapabilitySet *self);

G_END_DECLS
