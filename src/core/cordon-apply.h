/* cordon-apply.h: Landlock + seccomp + no_new_privs on the calling process
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "cordon-capability-set.h"
#include "cordon-version-macros.h"

G_BEGIN_DECLS

/* Irreversible. Restricts the calling (single-threaded) process and every
 * child it will have. Fails closed: on error the caller must not run the
 * program (some restrictions may already be in place). Never call this in a
 * GUI process; cordon-run is the place. */
CORDON_AVAILABLE_IN_ALL
gboolean cordon_apply (CordonCapabilitySet *caps,
                       GError             **error);

G_END_DECLS
