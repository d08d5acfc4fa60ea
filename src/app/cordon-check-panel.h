/* cordon-check-panel.h: "would the sandbox allow this?", answered live
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "cordon.h"

G_BEGIN_DECLS

#define CORDON_TYPE_CHECK_PANEL (cordon_check_panel_get_type ())
G_DECLARE_FINAL_TYPE (CordonCheckPanel, cordon_check_panel, CORDON, CHECK_PANEL, GtkWidget)

GtkWidget           *cordon_check_panel_new      (void);
CordonCapabilitySet *cordon_check_panel_get_caps (CordonCheckPanel    *self);
void                 cordon_check_panel_set_caps (CordonCheckPanel    *self,
                                                  CordonCapabilitySet *caps);

G_END_DECLS
