/* cordon-rule-list-private.h: what tests reach inside the permissions list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cordon-rule-list.h"

G_BEGIN_DECLS

GtkListView *cordon_rule_list_get_list_view        (CordonRuleList *self);
AdwEntryRow *cordon_rule_list_get_path_entry       (CordonRuleList *self);
GtkLabel    *cordon_rule_list_get_validation_label (CordonRuleList *self);
GtkButton   *cordon_rule_list_get_add_button       (CordonRuleList *self);
/* Shown when the list is long; text in it shows matching rules, flat. */
GtkEditable *cordon_rule_list_get_filter_entry     (CordonRuleList *self);
/* What a drop of @value (a GdkFileList) does: the number of rules added. */
guint        cordon_rule_list_drop_files           (CordonRuleList *self,
                                                    const GValue   *value);

G_END_DECLS
