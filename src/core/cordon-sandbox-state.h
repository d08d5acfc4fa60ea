/* cordon-sandbox-state.h: the profile file (JSON)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cordon-capability-set.h"
#include "cordon-version-macros.h"

G_BEGIN_DECLS

/* The largest profile the reader accepts, in bytes, and in rules. */
#define CORDON_STATE_MAX_BYTES (16 * 1024 * 1024)
#define CORDON_STATE_MAX_RULES 100000

typedef enum
{
  CORDON_STATE_FORMAT_CORDON, /* {"path", "access": "ReadWrite", "is_file"} */
  CORDON_STATE_FORMAT_NATIVE, /* {"original", "resolved", "access": "read+write", "is_file"} */
} CordonStateFormat;

typedef enum /*< flags >*/
{
  CORDON_TO_CAPS_DEFAULT = 0,
  /* Keep rules whose path vanished, as recorded, for an editor to flag.
   * Never use this for applying: cordon_apply() would then fail anyway. */
  CORDON_TO_CAPS_KEEP_MISSING = 1 << 0,
  /* Keep rules that now lead elsewhere through a link a sandboxed program
   * could have planted, flagged (cordon_fs_capability_get_planted_link),
   * instead of failing; saving writes them back as recorded. Never use this
   * for applying: cordon_apply() refuses such rules. */
  CORDON_TO_CAPS_KEEP_PLANTED = 1 << 1,
} CordonToCapsFlags;

#define CORDON_TYPE_SANDBOX_STATE (cordon_sandbox_state_get_type ())
CORDON_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (CordonSandboxState, cordon_sandbox_state, CORDON, SANDBOX_STATE, GObject)

CORDON_AVAILABLE_IN_ALL
CordonSandboxState  *cordon_sandbox_state_from_caps  (CordonCapabilitySet *caps);
CORDON_AVAILABLE_IN_ALL
CordonSandboxState  *cordon_sandbox_state_from_json  (const char          *json,
                                                      gssize               length,
                                                      GError             **error);
CORDON_AVAILABLE_IN_ALL
CordonSandboxState  *cordon_sandbox_state_load_file  (const char          *filename,
                                                      GError             **error);
/* Pretty-printed UTF-8, ending in a newline. */
CORDON_AVAILABLE_IN_ALL
char                *cordon_sandbox_state_to_json    (CordonSandboxState  *self,
                                                      CordonStateFormat    format);
/* Atomic: on any failure the previous file is left as it was. */
CORDON_AVAILABLE_IN_ALL
gboolean             cordon_sandbox_state_save_file  (CordonSandboxState  *self,
                                                      const char          *filename,
                                                      CordonStateFormat    format,
                                                      GError             **error);
CORDON_AVAILABLE_IN_ALL
CordonCapabilitySet *cordon_sandbox_state_to_caps    (CordonSandboxState  *self,
                                                      GError             **error);
CORDON_AVAILABLE_IN_ALL
CordonCapabilitySet *cordon_sandbox_state_to_caps_full (CordonSandboxState *self,
                                                        CordonToCapsFlags   flags,
                                                        GError            **error);
CORDON_AVAILABLE_IN_ALL
gboolean             cordon_sandbox_state_get_network_blocked (CordonSandboxState *self);
CORDON_AVAILABLE_IN_ALL
guint                cordon_sandbox_state_get_n_rules     (CordonSandboxState *self);
/* The form the profile was read in: NATIVE when a rule used nono's
 * "original"/"resolved" entries, CORDON otherwise (and when made from a
 * capability set). An editor saves the file back in it. */
CORDON_AVAILABLE_IN_ALL
CordonStateFormat    cordon_sandbox_state_get_format      (CordonSandboxState *self);

G_END_DECLS
