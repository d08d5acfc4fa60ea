/* cordon-query-context.h: ask what a capability set allows, without applying it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "cordon-capability-set.h"
#include "cordon-query-result.h"
#include "cordon-version-macros.h"

G_BEGIN_DECLS

#define CORDON_TYPE_QUERY_CONTEXT (cordon_query_context_get_type ())
CORDON_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (CordonQueryContext, cordon_query_context, CORDON, QUERY_CONTEXT, GObject)

/* Takes a snapshot: later changes to @caps are not seen; make a new context. */
CORDON_AVAILABLE_IN_ALL
CordonQueryContext *cordon_query_context_new (CordonCapabilitySet *caps);

/* @path must be absolute (INVALID_PATH otherwise). It need not exist. */
CORDON_AVAILABLE_IN_ALL
CordonQueryResult *cordon_query_context_query_path    (CordonQueryContext *self,
                                                       const char         *path,
                                                       CordonAccessMode    requested,
                                                       GError            **error);
CORDON_AVAILABLE_IN_ALL
CordonQueryResult *cordon_query_context_query_network (CordonQueryContext *self);
/* Would connecting to (or sending to) the named socket at @path reach it?
 * Only the socket rules count: a filesystem rule, even a writable folder,
 * never opens a socket made outside the sandbox; nor does the network
 * switch. @path must be absolute; it need not exist. */
CORDON_AVAILABLE_IN_ALL
CordonQueryResult *cordon_query_context_query_socket  (CordonQueryContext *self,
                                                       const char         *path,
                                                       GError            **error);

G_END_DECLS
