/* cordon-rule-row.h: one rule of the permissions list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "cordon.h"

G_BEGIN_DECLS

#define CORDON_TYPE_RULE_ROW (cordon_rule_row_get_type ())
G_DECLARE_FINAL_TYPE (CordonRuleRow, cordon_rule_row, CORDON, RULE_ROW, GtkWidget)

/* The row only shows a rule; it asks for changes with the signals
 * "remove-requested" and "mode-requested" (CordonAccessMode), because only
 * the list knows the rule's position in the model. */
GtkWidget          *cordon_rule_row_new            (void);
CordonFsCapability *cordon_rule_row_get_capability (CordonRuleRow      *self);
void                cordon_rule_row_set_capability (CordonRuleRow      *self,
                                                    CordonFsCapability *capability);
/* Puts the keyboard focus on the selected mode. */
void                cordon_rule_row_focus_mode     (CordonRuleRow      *self);
/* TRUE when the rule's path no longer exists. */
gboolean            cordon_rule_row_get_missing    (CordonRuleRow      *self);

G_END_DECLS
