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
/* Adds @path as a folder rule or a file rule, whichever it is, with Read,
 * and shows it. A place that has a rule already (the same path, or a link
 * to it) is not added twice: that rule is shown, with an offer to widen it,
 * and this fails with G_IO_ERROR_EXISTS. */
gboolean             cordon_rule_list_add_path (CordonRuleList      *self,
                                                const char          *path,
                                                GError             **error);

/* Scrolls @rule's row into view (opening its preset's group) and gives
 * its mode buttons the keyboard focus. */
void                 cordon_rule_list_reveal   (CordonRuleList      *self,
                                                CordonFsCapability  *rule);

G_END_DECLS
