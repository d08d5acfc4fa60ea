/* cordon-recent-commands.c: the commands last run with each profile
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cordon-recent-commands.h"

#define KEY "recent-commands"

GSettings *
cordon_recent_commands_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, KEY))
    return NULL;
  return g_settings_new_full (schema, NULL, NULL);
}

char **
cordon_recent_commands_get (GSettings  *settings,
                            const char *profile_key)
{
  g_autoptr(GVariant) all = NULL;
  const char **commands = NULL;

  g_return_val_if_fail (profile_key != NULL, NULL);

  if (settings == NULL)
    return g_new0 (char *, 1);
  all = g_settings_get_value (settings, KEY);
  if (!g_variant_lookup (all, profile_key, "^a&s", &commands))
    return g_new0 (char *, 1);
  /* Only the container is ours; the strings belong to @all. */
  {
    char **copy = g_strdupv ((char **) commands);

    g_free (commands);
    return copy;
  }
}

void
cordon_recent_commands_add (GSettings  *settings,
                            const char *profile_key,
                            const char *command)
{
  g_auto(GStrv) old = NULL;
  g_autoptr(GVariant) all = NULL;
  g_auto(GVariantBuilder) profiles = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a{sas}"));
  GVariantBuilder commands;
  GVariantIter iter;
  const char *key;
  GVariant *value;
  guint n_profiles = 1;
  guint n_commands = 1;

  g_return_if_fail (profile_key != NULL);
  g_return_if_fail (command != NULL);

  if (settings == NULL)
    return;

  old = cordon_recent_commands_get (settings, profile_key);
  g_variant_builder_init (&commands, G_VARIANT_TYPE_STRING_ARRAY);
  g_variant_builder_add (&commands, "s", command);
  for (guint i = 0; old[i] != NULL && n_commands < CORDON_RECENT_COMMANDS_MAX; i++)
    {
      if (g_str_equal (old[i], command))
        continue;
      g_variant_builder_add (&commands, "s", old[i]);
      n_commands++;
    }

  /* The profile used last goes first, so the oldest fall off the end. */
  g_variant_builder_add (&profiles, "{s@as}", profile_key, g_variant_builder_end (&commands));
  all = g_settings_get_value (settings, KEY);
  g_variant_iter_init (&iter, all);
  while (n_profiles < CORDON_RECENT_PROFILES_MAX
         && g_variant_iter_next (&iter, "{&s@as}", &key, &value))
    {
      if (!g_str_equal (key, profile_key))
        {
          g_variant_builder_add (&profiles, "{s@as}", key, value);
          n_profiles++;
        }
      g_variant_unref (value);
    }
  g_settings_set_value (settings, KEY, g_variant_builder_end (&profiles));
}
