/* cordon-blocked-list.h: "Blocked in This Run", each refused access with Allow
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cordon.h"

G_BEGIN_DECLS

#define CORDON_TYPE_BLOCKED_LIST (cordon_blocked_list_get_type ())
G_DECLARE_FINAL_TYPE (CordonBlockedList, cordon_blocked_list, CORDON, BLOCKED_LIST, GtkWidget)

GtkWidget *cordon_blocked_list_new       (void);
/* The run's refusals (CordonBlockedAccess items), e.g. the runner's. */
void       cordon_blocked_list_set_model (CordonBlockedList   *self,
                                          GListModel          *model);
/* The profile Allow changes. */
void       cordon_blocked_list_set_caps  (CordonBlockedList   *self,
                                          CordonCapabilitySet *caps);

G_END_DECLS
