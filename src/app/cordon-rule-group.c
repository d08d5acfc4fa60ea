/* cordon-rule-group.c: the rules of a profile that one preset put there
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cordon-app-util.h"
#include "cordon-rule-group.h"

struct _CordonRuleGroup
{
  GObject     parent_instance;

  char       *id;
  char       *name;
  GHashTable *keys;   /* "resolved\nkind\nmode" of the preset's own rules */
  GListStore *rules;
};

G_DEFINE_FINAL_TYPE (CordonRuleGroup, cordon_rule_group, G_TYPE_OBJECT)

static char *
rule_key (CordonFsCapability *rule)
{
  return g_strdup_printf ("%s\n%d\n%d", cordon_fs_capability_get_resolved (rule),
                          cordon_fs_capability_get_is_file (rule),
                          (int) cordon_fs_capability_get_access (rule));
}

static void
cordon_rule_group_finalize (GObject *object)
{
  CordonRuleGroup *self = CORDON_RULE_GROUP (object);

  g_free (self->id);
  g_free (self->name);
  g_hash_table_unref (self->keys);
  g_object_unref (self->rules);

  G_OBJECT_CLASS (cordon_rule_group_parent_class)->finalize (object);
}

static void
cordon_rule_group_class_init (CordonRuleGroupClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cordon_rule_group_finalize;
}

static void
cordon_rule_group_init (CordonRuleGroup *self)
{
  self->keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->rules = g_list_store_new (CORDON_TYPE_FS_CAPABILITY);
}

CordonRuleGroup *
cordon_rule_group_new (CordonPreset *preset)
{
  CordonRuleGroup *self = g_object_new (CORDON_TYPE_RULE_GROUP, NULL);
  g_autoptr(CordonCapabilitySet) own = cordon_capability_set_new ();

  g_return_val_if_fail (CORDON_IS_PRESET (preset), NULL);

  self->id = g_strdup (cordon_preset_get_id (preset));
  self->name = g_strdup (cordon_preset_get_name (preset));
  /* What the preset adds to an empty profile on this computer is what it
   * would have added to this one. */
  cordon_preset_apply (preset, own, NULL, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (own)); i++)
    {
      g_autoptr(CordonFsCapability) rule = g_list_model_get_item (G_LIST_MODEL (own), i);

      g_hash_table_add (self->keys, rule_key (rule));
    }
  return self;
}

const char *
cordon_rule_group_get_id (CordonRuleGroup *self)
{
  g_return_val_if_fail (CORDON_IS_RULE_GROUP (self), NULL);
  return self->id;
}

const char *
cordon_rule_group_get_name (CordonRuleGroup *self)
{
  g_return_val_if_fail (CORDON_IS_RULE_GROUP (self), NULL);
  return self->name;
}

gboolean
cordon_rule_group_matches (CordonRuleGroup    *self,
                           CordonFsCapability *rule)
{
  g_autofree char *key = rule_key (rule);

  return g_hash_table_contains (self->keys, key);
}

GListModel *
cordon_rule_group_get_rules (CordonRuleGroup *self)
{
  g_return_val_if_fail (CORDON_IS_RULE_GROUP (self), NULL);
  return G_LIST_MODEL (self->rules);
}

void
cordon_rule_group_set_rules (CordonRuleGroup *self,
                             GPtrArray       *rules)
{
  g_return_if_fail (CORDON_IS_RULE_GROUP (self));
  cordon_app_splice_changed (self->rules, rules);
}
