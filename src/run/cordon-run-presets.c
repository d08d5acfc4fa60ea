/* cordon-run-presets.c: --preset, --list-presets, --dbus-talk, --dbus-own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>

#include "cordon-run-presets.h"

int
cordon_run_list_presets (void)
{
  g_autoptr(GListModel) presets = cordon_preset_list_all ();
  guint n = g_list_model_get_n_items (presets);
  int width = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CordonPreset) preset = g_list_model_get_item (presets, i);

      width = MAX (width, (int) strlen (cordon_preset_get_id (preset)));
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CordonPreset) preset = g_list_model_get_item (presets, i);
      g_autofree char *description = g_strdup (cordon_preset_get_description (preset));

      /* One line each, whatever a user's file holds. */
      g_strdelimit (description, "\n\r", ' ');
      printf ("%-*s  %s%s%s\n", width, cordon_preset_get_id (preset),
              cordon_preset_get_name (preset), description[0] != '\0' ? ": " : "", description);
    }
  return 0;
}

static CordonBusPolicy *
ensure_bus_policy (CordonCapabilitySet *caps)
{
  if (cordon_capability_set_get_bus_policy (caps) == NULL)
    {
      g_autoptr(CordonBusPolicy) policy = cordon_bus_policy_new ();

      cordon_capability_set_set_bus_policy (caps, policy);
    }
  return cordon_capability_set_get_bus_policy (caps);
}

static gboolean
add_bus_names (CordonCapabilitySet  *caps,
               GPtrArray            *names,
               CordonBusAccess       access,
               const char           *option,
               GError              **error)
{
  for (guint i = 0; i < names->len; i++)
    {
      if (!cordon_bus_policy_add (ensure_bus_policy (caps), g_ptr_array_index (names, i), access,
                                  error))
        {
          g_prefix_error (error, "%s: ", option);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
cordon_run_add_named_rules (CordonCapabilitySet  *caps,
                            CordonRunOptions     *options,
                            const char * const   *envp,
                            GError              **error)
{
  for (guint i = 0; i < options->presets->len; i++)
    {
      const char *id = g_ptr_array_index (options->presets, i);
      g_autoptr(CordonPreset) preset = cordon_preset_lookup (id, error);

      if (preset == NULL)
        {
          g_prefix_error (error, "--preset %s: ", id);
          return FALSE;
        }
      cordon_preset_apply (preset, caps, envp, NULL);
    }

  return add_bus_names (caps, options->dbus_talk, CORDON_BUS_ACCESS_TALK, "--dbus-talk", error)
         && add_bus_names (caps, options->dbus_own, CORDON_BUS_ACCESS_OWN, "--dbus-own", error);
}
