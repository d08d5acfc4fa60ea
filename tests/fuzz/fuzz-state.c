/* fuzz-state.c: the profile reader, both formats, through to_caps and back
 *
 * Any input must give a profile or a CORDON_ERROR, never a crash; a profile
 * that was read must write itself out and read back the same; what to_caps
 * accepted must survive from_caps → to_json → from_json → to_caps.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cordon.h"
#include "fuzz-tree.h"

static void
require (gboolean    condition,
         const char *what)
{
  if (!condition)
    {
      g_printerr ("fuzz-state: invariant broken: %s\n", what);
      abort ();
    }
}

static void
require_cordon_error (GError *error)
{
  require (error != NULL && error->domain == CORDON_ERROR && error->message[0] != '\0',
           "a failure without a CORDON_ERROR that says something");
  require (g_utf8_validate (error->message, -1, NULL), "error messages are UTF-8 text");
}

static void
check_round_trip (CordonSandboxState *state,
                  CordonStateFormat   format)
{
  g_autofree char *json = cordon_sandbox_state_to_json (state, format);
  g_autoptr (GError) error = NULL;
  g_autoptr (CordonSandboxState) again = cordon_sandbox_state_from_json (json, -1, &error);
  g_autofree char *json_again = NULL;

  if (again == NULL)
    g_printerr ("fuzz-state: cannot read back what was written: %s\n%s", error->message, json);
  require (again != NULL, "what to_json wrote reads back");
  require (cordon_sandbox_state_get_n_rules (again) == cordon_sandbox_state_get_n_rules (state),
           "round trip keeps the number of rules");
  require (cordon_sandbox_state_get_network_blocked (again)
             == cordon_sandbox_state_get_network_blocked (state),
           "round trip keeps net_blocked");
  json_again = cordon_sandbox_state_to_json (again, format);
  require (g_str_equal (json, json_again), "to_json is stable across a round trip");
}

static void
check_caps (CordonCapabilitySet *caps)
{
  g_autoptr (CordonSandboxState) state = cordon_sandbox_state_from_caps (caps);
  g_autofree char *json = cordon_sandbox_state_to_json (state, CORDON_STATE_FORMAT_CORDON);
  g_autoptr (GError) error = NULL;
  g_autoptr (CordonSandboxState) again = cordon_sandbox_state_from_json (json, -1, &error);
  g_autoptr (CordonCapabilitySet) caps_again = NULL;
  g_autofree char *summary = cordon_capability_set_summary (caps);

  require (again != NULL, "a profile made from a capability set reads back");
  caps_again = cordon_sandbox_state_to_caps (again, &error);
  require (caps_again != NULL, "accepted rules are accepted again after a round trip");
  require (g_list_model_get_n_items (G_LIST_MODEL (caps_again))
             == g_list_model_get_n_items (G_LIST_MODEL (caps)),
           "the round trip keeps every rule");
  require (g_list_model_get_n_items (cordon_capability_set_get_sockets (caps_again))
             == g_list_model_get_n_items (cordon_capability_set_get_sockets (caps)),
           "the round trip keeps every socket rule");

  cordon_capability_set_deduplicate (caps_again);
  require (summary != NULL, "summary");
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_make_warnings_fatal ();
  fuzz_tree_create ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CordonSandboxState) state = NULL;
  g_autoptr (CordonCapabilitySet) caps = NULL;
  g_autoptr (CordonCapabilitySet) kept = NULL;

  /* Exactly @size bytes, no terminator: the reader must honour the length. */
  state = cordon_sandbox_state_from_json ((const char *) data, size, &error);
  if (state == NULL)
    {
      require_cordon_error (error);
      return 0;
    }

  check_round_trip (state, CORDON_STATE_FORMAT_CORDON);
  check_round_trip (state, CORDON_STATE_FORMAT_NATIVE);

  caps = cordon_sandbox_state_to_caps (state, &error);
  if (caps != NULL)
    check_caps (caps);
  else
    require_cordon_error (error);
  g_clear_error (&error);

  kept = cordon_sandbox_state_to_caps_full (state, CORDON_TO_CAPS_KEEP_MISSING, &error);
  if (kept == NULL)
    require_cordon_error (error);

  return 0;
}
