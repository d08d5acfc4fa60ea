/* cordon-session-bus.h: the "Session Bus" group: no bus, or a filtered one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "cordon.h"

G_BEGIN_DECLS

#define CORDON_TYPE_SESSION_BUS (cordon_session_bus_get_type ())
G_DECLARE_FINAL_TYPE (CordonSessionBus, cordon_session_bus, CORDON, SESSION_BUS, GtkWidget)

GtkWidget           *cordon_session_bus_new      (void);
CordonCapabilitySet *cordon_session_bus_get_caps (CordonSessionBus    *self);
void                 cordon_session_bus_set_caps (CordonSessionBus    *self,
                                                  CordonCapabilitySet *caps);

G_END_DECLS
