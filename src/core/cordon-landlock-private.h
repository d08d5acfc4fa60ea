/* cordon-landlock-private.h: our own Landlock UAPI for ABI 1–9, and the ruleset builder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sys/syscall.h>

#include "cordon-capability-set.h"

G_BEGIN_DECLS

/* Debian 12's <linux/landlock.h> stops at ABI 2, so Cordon carries the
 * kernel's UAPI values itself (include/uapi/linux/landlock.h). The names are
 * prefixed so they never clash with a newer system header. */

/* The Landlock syscalls have the same numbers on every architecture that
 * uses the generic table (x86_64, aarch64, riscv64…). */
#ifdef __NR_landlock_create_ruleset
#define CORDON_NR_LANDLOCK_CREATE_RULESET __NR_landlock_create_ruleset
#else
#define CORDON_NR_LANDLOCK_CREATE_RULESET 444
#endif
#ifdef __NR_landlock_add_rule
#define CORDON_NR_LANDLOCK_ADD_RULE __NR_landlock_add_rule
#else
#define CORDON_NR_LANDLOCK_ADD_RULE 445
#endif
#ifdef __NR_landlock_restrict_self
#define CORDON_NR_LANDLOCK_RESTRICT_SELF __NR_landlock_restrict_self
#else
#define CORDON_NR_LANDLOCK_RESTRICT_SELF 446
#endif

#define CORDON_LANDLOCK_CREATE_RULESET_VERSION (1U << 0)
#define CORDON_LANDLOCK_RULE_PATH_BENEATH      1

/* ABI 8 (Linux 7.0): landlock_restrict_self() can restrict every thread of
 * the process at once. Cordon applies in a single-threaded process and does
 * not need it; the value is here so the ABI's facts are in one place. */
#define CORDON_LANDLOCK_RESTRICT_SELF_TSYNC (1U << 3)

/* The newest ABI whose rights Cordon knows. A newer kernel is used as this one. */
#define CORDON_LANDLOCK_ABI_MAX 9

/* The first ABI that mediates named UNIX sockets itself; below it the
 * seccomp filter hands socket calls to a CordonMediator. */
#define CORDON_LANDLOCK_ABI_RESOLVE_UNIX 9

/* Filesystem rights, and the ABI that introduced them. */
#define CORDON_LL_FS_EXECUTE     (G_GUINT64_CONSTANT (1) << 0)
#define CORDON_LL_FS_WRITE_FILE  (G_GUINT64_CONSTANT (1) << 1)
#define CORDON_LL_FS_READ_FILE   (G_GUINT64_CONSTANT (1) << 2)
#define CORDON_LL_FS_READ_DIR    (G_GUINT64_CONSTANT (1) << 3)
#define CORDON_LL_FS_REMOVE_DIR  (G_GUINT64_CONSTANT (1) << 4)
#define CORDON_LL_FS_REMOVE_FILE (G_GUINT64_CONSTANT (1) << 5)
#define CORDON_LL_FS_MAKE_CHAR   (G_GUINT64_CONSTANT (1) << 6)
#define CORDON_LL_FS_MAKE_DIR    (G_GUINT64_CONSTANT (1) << 7)
#define CORDON_LL_FS_MAKE_REG    (G_GUINT64_CONSTANT (1) << 8)
#define CORDON_LL_FS_MAKE_SOCK   (G_GUINT64_CONSTANT (1) << 9)
#define CORDON_LL_FS_MAKE_FIFO   (G_GUINT64_CONSTANT (1) << 10)
#define CORDON_LL_FS_MAKE_BLOCK  (G_GUINT64_CONSTANT (1) << 11)
#define CORDON_LL_FS_MAKE_SYM    (G_GUINT64_CONSTANT (1) << 12)
#define CORDON_LL_FS_REFER       (G_GUINT64_CONSTANT (1) << 13) /* ABI 2 */
#define CORDON_LL_FS_TRUNCATE    (G_GUINT64_CONSTANT (1) << 14) /* ABI 3 */
#define CORDON_LL_FS_IOCTL_DEV   (G_GUINT64_CONSTANT (1) << 15) /* ABI 5 */
/* ABI 9 (Linux 7.1): connect()/sendmsg() to a named UNIX socket needs this
 * right on the socket's path, unless the socket was made inside the same
 * Landlock domain. Refusals are EACCES. */
#define CORDON_LL_FS_RESOLVE_UNIX (G_GUINT64_CONSTANT (1) << 16)

/* Network rights (ABI 4). */
#define CORDON_LL_NET_BIND_TCP    (G_GUINT64_CONSTANT (1) << 0)
#define CORDON_LL_NET_CONNECT_TCP (G_GUINT64_CONSTANT (1) << 1)

/* IPC scopes (ABI 6). */
#define CORDON_LL_SCOPE_ABSTRACT_UNIX_SOCKET (G_GUINT64_CONSTANT (1) << 0)
#define CORDON_LL_SCOPE_SIGNAL               (G_GUINT64_CONSTANT (1) << 1)

/* Rights that make sense on a non-directory; the kernel refuses (EINVAL)
 * any other right in a rule on a file. */
#define CORDON_LL_FS_FILE_RIGHTS                                                                    \
  (CORDON_LL_FS_EXECUTE | CORDON_LL_FS_WRITE_FILE | CORDON_LL_FS_READ_FILE |                        \
   CORDON_LL_FS_TRUNCATE | CORDON_LL_FS_IOCTL_DEV | CORDON_LL_FS_RESOLVE_UNIX)

/* The attribute grows with the ABI; the kernel is told its size, which
 * must be the one of the ABI in use (see cordon_landlock_ruleset_attr_size). */
struct cordon_landlock_ruleset_attr
{
  guint64 handled_access_fs;
  guint64 handled_access_net; /* ABI 4 */
  guint64 scoped;             /* ABI 6 */
};

struct cordon_landlock_path_beneath_attr
{
  guint64 allowed_access;
  gint32  parent_fd;
} __attribute__ ((packed));

/* ABI the kernel offers (0: none); on 0, *out_errno says why (ENOSYS: not
 * built in, EOPNOTSUPP: disabled at boot). @out_errno may be NULL. */
int cordon_landlock_probe (int *out_errno);

/* "not built into this kernel", "disabled at boot…", … for a probe errno. */
const char *cordon_landlock_unavailable_reason (int probe_errno);

/* Every filesystem right @abi has: the ruleset handles them all. */
guint64 cordon_landlock_handled_fs (int abi);
gsize   cordon_landlock_ruleset_attr_size (int abi);

/* The rights a rule grants. @is_file masks to file rights; @device_ok
 * (a device file, or a directory at or under /dev) allows IOCTL_DEV. */
guint64 cordon_landlock_rule_access (CordonAccessMode mode,
                                     gboolean         is_file,
                                     gboolean         device_ok,
                                     int              abi);

/* Opens every rule path (O_PATH) and builds the ruleset; returns its fd
 * or -1 with @error set. Nothing is enforced yet. An unchecked rule
 * (cordon_fs_capability_new_unchecked) that does not open as recorded fails
 * it with CORDON_LANDLOCK_UNCHECKED_ERROR: check the rules
 * (cordon_capability_set_check_unchecked) and build again. */
#define CORDON_LANDLOCK_UNCHECKED_ERROR (cordon_landlock_unchecked_error_quark ())
GQuark cordon_landlock_unchecked_error_quark (void);

int cordon_landlock_build_ruleset (CordonCapabilitySet *caps,
                                   int                  abi,
                                   GError             **error);

/* The same; @out_n_added (may be NULL) gets how many filesystem rules
 * reached the kernel: those their ancestors cover are dropped. */
int cordon_landlock_build_ruleset_counted (CordonCapabilitySet *caps,
                                           int                  abi,
                                           guint               *out_n_added,
                                           GError             **error);

/* For each filesystem rule of @caps, in list order, the union of the rights
 * of the directory rules above it (free with g_free()). */
guint64 *cordon_landlock_inherited_rights (CordonCapabilitySet *caps,
                                           int                  abi);

gboolean cordon_landlock_restrict_self (int      ruleset_fd,
                                        GError **error);

G_END_DECLS
