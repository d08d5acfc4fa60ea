/* cordon-window-private.h: what tests reach inside the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cordon-check-panel.h"
#include "cordon-rule-list.h"
#include "cordon-run-panel.h"
#include "cordon-session-bus.h"
#include "cordon-socket-list.h"
#include "cordon-window.h"

G_BEGIN_DECLS

CordonRuleList   *cordon_window_get_rule_list        (CordonWindow *self);
CordonCheckPanel *cordon_window_get_check_panel      (CordonWindow *self);
CordonSessionBus *cordon_window_get_session_bus      (CordonWindow *self);
CordonSocketList *cordon_window_get_socket_list      (CordonWindow *self);
GtkSwitch        *cordon_window_get_network_switch   (CordonWindow *self);
GtkRevealer      *cordon_window_get_support_banner   (CordonWindow *self);
AdwWindowTitle   *cordon_window_get_window_title     (CordonWindow *self);
/* Network, Local Services and Check Access: beside the rules, or folded. */
AdwFlap          *cordon_window_get_side_flap        (CordonWindow *self);
GtkWidget        *cordon_window_get_run_area         (CordonWindow *self);
CordonRunPanel   *cordon_window_get_run_panel        (CordonWindow *self);

G_END_DECLS
