/* cordon-socket-capability.h: one local-socket rule, immutable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include "cordon-version-macros.h"

G_BEGIN_DECLS

#define CORDON_TYPE_SOCKET_CAPABILITY (cordon_socket_capability_get_type ())
CORDON_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (CordonSocketCapability, cordon_socket_capability, CORDON, SOCKET_CAPABILITY,
                      GObject)

/* A file entry names one socket; a folder entry (@is_file FALSE) every
 * socket beneath it. No validation: the capability set and the state
 * reader validate user input first; this is for undo and for profiles whose
 * paths vanished. */
CORDON_AVAILABLE_IN_ALL
CordonSocketCapability *cordon_socket_capability_new (const char *original,
                                                      const char *resolved,
                                                      gboolean    is_file);

CORDON_AVAILABLE_IN_ALL
const char *cordon_socket_capability_get_original (CordonSocketCapability *self);
CORDON_AVAILABLE_IN_ALL
const char *cordon_socket_capability_get_resolved (CordonSocketCapability *self);
CORDON_AVAILABLE_IN_ALL
gboolean    cordon_socket_capability_get_is_file  (CordonSocketCapability *self);

G_END_DECLS
