/* cordon-support-info-private.h: the support details, for any ABI
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The details text for a kernel with Landlock @abi (0: none, then
 * @probe_errno says why), seccomp (else @seccomp_reason says why) and,
 * below ABI 9, what the socket mediator lacks (@mediator_missing, NULL if
 * nothing). Separate from the probe so every ABI's wording can be tested. */
char *cordon_support_info_describe (int         abi,
                                    int         probe_errno,
                                    gboolean    seccomp,
                                    const char *seccomp_reason,
                                    const char *mediator_missing);

/* Appended to the details when the caller is root: seccomp refuses the
 * set-user-ID and set-group-ID bits, but root still owns most of the
 * system, and Landlock does not mediate chmod. */
#define CORDON_SUPPORT_ROOT_NOTE \
  "; running as root: a program can still change the permissions of files root owns " \
  "wherever it can reach them, though never to set-user-ID or set-group-ID"

G_END_DECLS
