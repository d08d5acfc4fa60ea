/* cordon-unix-diag-private.h: ask the kernel about one UNIX socket (sock_diag)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What the kernel says about one socket: the file it is bound to (the
 * kernel reports 32-bit inode numbers and its own dev_t encoding) and its
 * name (a path, or an abstract name starting with a NUL byte). */
typedef struct
{
  gboolean has_vfs;
  guint32  vfs_ino;
  guint32  vfs_dev;  /* kernel encoding: major << 20 | minor */
  guint    name_len; /* 0: not bound */
  char     name[108];
} CordonUnixDiagInfo;

/* A NETLINK_SOCK_DIAG socket (close-on-exec), or -1 with errno set. */
int cordon_unix_diag_open (void);

/* The socket with sockfs inode @ino and cookie @cookie (SO_COOKIE), in
 * the diag socket's network namespace: 0 with @out filled, or -ENOENT
 * (gone), -ESTALE (the inode number now names another socket), or another
 * negative errno. */
int cordon_unix_diag_lookup (int                 diag_fd,
                             guint64             ino,
                             guint64             cookie,
                             CordonUnixDiagInfo *out);

/* Does a dev_t from stat() name the same device as @kernel_dev? */
gboolean cordon_unix_diag_same_dev (guint32 kernel_dev,
                                    guint64 stat_dev);

G_END_DECLS
