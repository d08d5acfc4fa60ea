/* cordon-check-panel-private.h: what tests reach inside the check panel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cordon-check-panel.h"
#include "cordon-mode-selector.h"

G_BEGIN_DECLS

AdwEntryRow        *cordon_check_panel_get_path_entry     (CordonCheckPanel *self);
CordonModeSelector *cordon_check_panel_get_mode_selector  (CordonCheckPanel *self);
/* The answers as shown now; a model change is answered on the next idle. */
const char         *cordon_check_panel_get_answer         (CordonCheckPanel *self);
/* The note under the answer (a link followed, a path not there yet), or NULL. */
const char         *cordon_check_panel_get_path_note      (CordonCheckPanel *self);
const char         *cordon_check_panel_get_network_answer (CordonCheckPanel *self);
/* The answer for connecting to the path as a socket, or NULL when that row
 * is hidden (the path is no socket and no socket rule covers it). */
const char         *cordon_check_panel_get_socket_answer  (CordonCheckPanel *self);

G_END_DECLS
