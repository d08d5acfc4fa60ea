/* cordon-rule-grant.h: what Allow does to a profile for one refused access,
 * and how to take it back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "cordon-blocked-access.h"

G_BEGIN_DECLS

typedef struct _CordonRuleGrant CordonRuleGrant;

/* Changes @caps so that @access is allowed next time: widens the mode of
 * the rule for exactly that path if there is one, else adds the narrowest
 * rule that allows it (the file; its folder when it was to be created;
 * the folder itself when it was to be listed). With @folder, the rule is
 * for the folder that holds the file (or the listed folder), recursive.
 * The network: unblocks it. A socket: lists it. */
CordonRuleGrant *cordon_rule_grant_apply    (CordonCapabilitySet *caps,
                                             CordonBlockedAccess *access,
                                             gboolean             folder,
                                             GError             **error);
/* "Allowed reading ~/notes.txt", for the toast. */
const char      *cordon_rule_grant_get_summary (CordonRuleGrant  *self);
/* Takes the change back, if the rule it made or widened is still there. */
void             cordon_rule_grant_undo     (CordonRuleGrant     *self,
                                             CordonCapabilitySet *caps);
void             cordon_rule_grant_free     (CordonRuleGrant     *self);
/* Takes @self: shows its summary as a toast near @widget, whose Undo takes
 * the change back from @caps. */
void             cordon_rule_grant_show_toast (CordonRuleGrant     *self,
                                               CordonCapabilitySet *caps,
                                               GtkWidget           *widget);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CordonRuleGrant, cordon_rule_grant_free)

G_END_DECLS
