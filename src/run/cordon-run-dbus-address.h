/* cordon-run-dbus-address.h: D-Bus addresses, without GIO
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* @value (a socket path) escaped for "unix:path=VALUE": bytes the D-Bus
 * specification lets stand as they are, every other one as %XX. */
char *cordon_run_dbus_address_escape (const char *value);

G_END_DECLS
