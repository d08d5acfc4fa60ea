/* cordon-session-bus-private.h: what tests reach inside the Session Bus group
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cordon-session-bus.h"

G_BEGIN_DECLS

GtkSwitch   *cordon_session_bus_get_switch     (CordonSessionBus *self);
AdwEntryRow *cordon_session_bus_get_name_entry (CordonSessionBus *self);
GtkDropDown *cordon_session_bus_get_access     (CordonSessionBus *self);
/* The rows shown for the names, in order: AdwActionRow. */
GtkListBox  *cordon_session_bus_get_name_list  (CordonSessionBus *self);
/* What a name lets the program do, in words; *out_escapes when it (or a
 * name it covers) can start programs outside the sandbox. */
char        *cordon_session_bus_describe_name  (const char      *name,
                                                CordonBusAccess  access,
                                                gboolean        *out_escapes);

G_END_DECLS
