/* cordon-rule-group.h: the rules of a profile that one preset put there
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cordon.h"

G_BEGIN_DECLS

#define CORDON_TYPE_RULE_GROUP (cordon_rule_group_get_type ())
G_DECLARE_FINAL_TYPE (CordonRuleGroup, cordon_rule_group, CORDON, RULE_GROUP, GObject)

/* Membership comes from the engine's presets: a rule belongs to @preset's
 * group while it is exactly one the preset would add (same resolved path,
 * kind and mode). A rule the person changed is theirs again. */
CordonRuleGroup *cordon_rule_group_new       (CordonPreset       *preset);
const char      *cordon_rule_group_get_id    (CordonRuleGroup    *self);
const char      *cordon_rule_group_get_name  (CordonRuleGroup    *self);
/* Whether @rule is one of the preset's own rules. */
gboolean         cordon_rule_group_matches   (CordonRuleGroup    *self,
                                              CordonFsCapability *rule);
/* The profile's rules in this group, in profile order (a GListModel of
 * CordonFsCapability). */
GListModel      *cordon_rule_group_get_rules (CordonRuleGroup    *self);
/* Replaces the rules shown, touching the model only where it changes. */
void             cordon_rule_group_set_rules (CordonRuleGroup    *self,
                                              GPtrArray          *rules);

G_END_DECLS
