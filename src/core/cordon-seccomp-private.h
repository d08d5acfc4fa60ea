/* cordon-seccomp-private.h: the seccomp filter that completes Landlock
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <linux/filter.h>
#include <seccomp.h>

G_BEGIN_DECLS

/* What cordon_seccomp_build() depends on, as bits of a variant's index:
 * nothing else at all (the architecture is the build's own). */
enum
{
  CORDON_SECCOMP_VARIANT_BLOCK_NETWORK = 1 << 0,
  CORDON_SECCOMP_VARIANT_OLD_ABI = 1 << 1, /* Landlock ABI below 3 */
  CORDON_SECCOMP_VARIANT_MEDIATE = 1 << 2,
  CORDON_SECCOMP_N_VARIANTS = 1 << 3,
};

guint cordon_seccomp_variant (gboolean block_network,
                              int      landlock_abi,
                              gboolean mediate_sockets);

/* A BPF program: an array of instructions. */
typedef struct
{
  const struct sock_filter *filter;
  gsize                     len;
} CordonSeccompProgram;

/* The program of @variant as libseccomp generated it at build time
 * (cordon-seccomp-gen.c), or NULL where none was (a cross build): then
 * build it with cordon_seccomp_build(). */
const CordonSeccompProgram *cordon_seccomp_prebuilt (guint variant);

/* The BPF libseccomp generates for @filter, @out_length bytes (free with
 * g_free()); NULL with @error set. */
guint8 *cordon_seccomp_export (scmp_filter_ctx filter,
                               gsize          *out_length,
                               GError        **error);

/* Loads @program; with @out_listener_fd, with a user-notification listener
 * returned there (close-on-exec). Needs no_new_privs set. */
gboolean cordon_seccomp_load_program (const CordonSeccompProgram *program,
                                      int                        *out_listener_fd,
                                      GError                    **error);

/* Builds (never loads) the filter: always TIOCSTI/TIOCLINUX; with
 * @block_network "deny unless AF_UNIX" sockets and io_uring; below
 * Landlock ABI 3 (@landlock_abi) truncation emulation and io_uring; with
 * @mediate_sockets connect/bind/sendto(address)/sendmsg/sendmmsg go to a
 * user-notification listener, and io_uring is closed. */
scmp_filter_ctx cordon_seccomp_build (gboolean block_network,
                                      int      landlock_abi,
                                      gboolean mediate_sockets,
                                      GError **error);

/* Loads a filter with user-notification rules and returns its listener
 * (close-on-exec) in @out_listener_fd. Needs no_new_privs set. */
gboolean cordon_seccomp_load_with_listener (scmp_filter_ctx filter,
                                            int            *out_listener_fd,
                                            GError        **error);

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
