/* cordon-seccomp-private.h: the seccomp filter that completes Landlock
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <seccomp.h>

G_BEGIN_DECLS

/* Builds (never loads) the filter: always TIOCSTI/TIOCLINUX; with
 * @block_network "deny unless AF_UNIX" sockets and io_uring; below
 * Landlock ABI 3 (@landlock_abi) truncation emulation and io_uring. */
scmp_filter_ctx cordon_seccomp_build (gboolean block_network,
                                      int      landlock_abi,
                                      GError **error);

gboolean cordon_seccomp_load (scmp_filter_ctx filter,
                              GError        **error);

/* Whether this kernel can load filters with the actions Cordon uses;
 * CORDON_ERROR_UNSUPPORTED otherwise. Loads nothing. */
gboolean cordon_seccomp_check_kernel (GError **error);

/* Whether this kernel can load a filter with the actions Cordon uses, and
 * libseccomp can generate it; on FALSE, @out_reason (may be NULL) says why. */
gboolean cordon_seccomp_probe (char **out_reason);

/* scmp_filter_ctx is itself a pointer: use g_auto (scmp_filter_ctx). */
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (scmp_filter_ctx, seccomp_release, NULL)

G_END_DECLS
