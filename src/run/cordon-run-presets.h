/* cordon-run-presets.h: --preset, --list-presets, --dbus-talk, --dbus-own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cordon.h"
#include "cordon-run-options.h"

G_BEGIN_DECLS

/* Prints one line per preset (id, name, description); returns the exit status. */
int      cordon_run_list_presets     (void);

/* Adds the --preset and --dbus-* options to @caps, expanding the presets'
 * paths with @envp (PROGRAM's environment, which names its display). The
 * error names the option. */
gboolean cordon_run_add_named_rules  (CordonCapabilitySet  *caps,
                                      CordonRunOptions     *options,
                                      const char * const   *envp,
                                      GError              **error);

G_END_DECLS
