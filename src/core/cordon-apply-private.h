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

/* As cordon_apply_with_abi_limit(), but where named sockets need mediation
 * (Landlock below ABI 9) the filter sends the socket calls to a seccomp
 * user-notification listener returned in *@out_listener_fd (else -1), and
 * no mediator is forked: the caller hands the listener to an unconfined
 * supervisor running a CordonMediator (cordon_mediator_send_listener; not
 * SCM_RIGHTS, which the filter already holds) and closes its own copy
 * before exec. The caller must have checked cordon_mediator_check_kernel()
 * where mediation is needed, and refused if it failed: this does not check
 * it again. Used by cordon-run, which checks before it forks. */
gboolean cordon_apply_supervised (CordonCapabilitySet *caps,
                                  int                  max_abi,
                                  int                 *out_listener_fd,
                                  GError             **error);

/* The domain (codes: CordonError's) of an error that loading the profile
 * would have given: a rule loaded unchecked (CORDON_TO_CAPS_UNCHECKED) did
 * not open as recorded, and checking it as loading does refused it. The
 * message is loading's; the caller words it as a profile error. Only rules
 * loaded that way can fail so. */
#define CORDON_APPLY_PROFILE_ERROR (cordon_apply_profile_error_quark ())
GQuark cordon_apply_profile_error_quark (void);

/* The ABI the running kernel offers, 0 if none. */
int cordon_landlock_probe_abi (void);

G_END_DECLS
