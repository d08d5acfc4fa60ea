/* cordon-mode-selector.h: pick Read, Write or Read & Write
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "cordon.h"

G_BEGIN_DECLS

#define CORDON_TYPE_MODE_SELECTOR (cordon_mode_selector_get_type ())
G_DECLARE_FINAL_TYPE (CordonModeSelector, cordon_mode_selector, CORDON, MODE_SELECTOR, GtkWidget)

GtkWidget        *cordon_mode_selector_new      (void);
CordonAccessMode  cordon_mode_selector_get_mode (CordonModeSelector *self);
void              cordon_mode_selector_set_mode (CordonModeSelector *self,
                                                 CordonAccessMode    mode);

G_END_DECLS
