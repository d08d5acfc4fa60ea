/* cordon-rule-list.h: the permissions list, and the ways to add to it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "cordon.h"

G_BEGIN_DECLS

#define CORDON_TYPE_RULE_LIST (cordon_rule_list_get_type ())
G_DECLARE_FINAL_TYPE (CordonRuleList, cordon_rule_list, CORDON, RULE_LIST, GtkWidget)

GtkWidget           *cordon_rule_list_new      (void);
CordonCapabilitySet *cordon_rule_list_get_caps (CordonRuleList      *self);
void                 cordon_rule_list_set_caps (CordonRuleList      *self,
                                                CordonCapabilitySet *caps);
/* Adds @path as a folder rule or a file rule, whichever it is, with Read. */
gboolean             cordon_rule_list_add_path (CordonRuleList      *self,
                                                const char          *path,
                                                GError             **error);

G_END_DECLS
