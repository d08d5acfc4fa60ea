/* cordon-apply-private.h: test knobs for cordon_apply()
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cordon-apply.h"

G_BEGIN_DECLS

/* TEST KNOB, for the test suite only: behave as if the kernel offered at most
 * Landlock ABI @max_abi (1 and up), so one machine can cover the code paths of
 * older kernels (Debian 12's 6.1 has ABI 2). Lower ABIs are still fail-closed:
 * what Landlock cannot do there, seccomp does or the call refuses. */
gboolean cordon_apply_with_abi_limit (CordonCapabilitySet *caps,
                                      int                  max_abi,
                                      GError             **error);

/* The ABI the running kernel offers, 0 if none. */
int cordon_landlock_probe_abi (void);

G_END_DECLS
