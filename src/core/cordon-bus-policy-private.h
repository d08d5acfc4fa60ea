/* cordon-bus-policy-private.h: the "dbus_session" key of profiles and presets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cordon-bus-policy.h"
#include "cordon-json-value-private.h"

G_BEGIN_DECLS

/* Reads {"talk": [NAME…], "own": [NAME…]} (both lists optional) from
 * @root's "dbus_session". A missing key is no bus: TRUE with *@out_policy
 * NULL. Errors are CORDON_ERROR_INVALID_STATE naming the field. */
gboolean cordon_bus_policy_read_json  (CordonJsonValue   *root,
                                       CordonBusPolicy  **out_policy,
                                       GError           **error);
/* Appends the "dbus_session" member at the profile's top level, ending in
 * ",\n"; nothing when @policy is NULL, so a profile without a bus keeps the
 * seed format byte for byte. */
void     cordon_bus_policy_write_json (CordonBusPolicy   *policy,
                                       GString           *out);

G_END_DECLS
