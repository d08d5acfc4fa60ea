/* cordon-bus-policy.h: which session bus names a sandboxed program may reach
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include "cordon-version-macros.h"

G_BEGIN_DECLS

/**
 * CordonBusAccess:
 * @CORDON_BUS_ACCESS_NONE: the name is not in the policy
 * @CORDON_BUS_ACCESS_TALK: call the name's owner and receive its signals
 * @CORDON_BUS_ACCESS_OWN: also take the name (own includes talk)
 *
 * Flatpak's meaning, as xdg-dbus-proxy enforces it.
 */
typedef enum
{
  CORDON_BUS_ACCESS_NONE,
  CORDON_BUS_ACCESS_TALK,
  CORDON_BUS_ACCESS_OWN,
} CordonBusAccess;

#define CORDON_TYPE_BUS_POLICY (cordon_bus_policy_get_type ())
CORDON_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (CordonBusPolicy, cordon_bus_policy, CORDON, BUS_POLICY, GObject)

/* A filtered session bus with no names yet: the program reaches only the
 * bus itself (org.freedesktop.DBus). No policy at all means no bus. */
CORDON_AVAILABLE_IN_ALL
CordonBusPolicy    *cordon_bus_policy_new    (void);
CORDON_AVAILABLE_IN_ALL
CordonBusPolicy    *cordon_bus_policy_copy   (CordonBusPolicy  *self);

/* A well-known name ("org.gnome.Foo") or a prefix ending in ".*"
 * ("org.freedesktop.portal.*": the name and every name beneath it).
 * Unique names (":1.42") and malformed names are CORDON_ERROR_INVALID_BUS_NAME. */
CORDON_AVAILABLE_IN_ALL
gboolean            cordon_bus_policy_check_name (const char  *name,
                                                  GError     **error);

/* Adding a name already there keeps the wider access. Emits "changed". */
CORDON_AVAILABLE_IN_ALL
gboolean            cordon_bus_policy_add    (CordonBusPolicy  *self,
                                              const char       *name,
                                              CordonBusAccess   access,
                                              GError          **error);
/* FALSE if @name was not there. Emits "changed" otherwise. */
CORDON_AVAILABLE_IN_ALL
gboolean            cordon_bus_policy_remove (CordonBusPolicy  *self,
                                              const char       *name);
CORDON_AVAILABLE_IN_ALL
CordonBusAccess     cordon_bus_policy_lookup (CordonBusPolicy  *self,
                                              const char       *name);
/* The names in the order they were added, NULL-terminated, transfer none:
 * valid until the policy changes. A name is in exactly one of the two. */
CORDON_AVAILABLE_IN_ALL
const char * const *cordon_bus_policy_get_talk (CordonBusPolicy *self);
CORDON_AVAILABLE_IN_ALL
const char * const *cordon_bus_policy_get_own  (CordonBusPolicy *self);
CORDON_AVAILABLE_IN_ALL
gboolean            cordon_bus_policy_equal    (CordonBusPolicy *a,
                                                CordonBusPolicy *b);

G_END_DECLS
