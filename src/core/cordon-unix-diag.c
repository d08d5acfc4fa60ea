/* cordon-unix-diag.c: ask the kernel about one UNIX socket (sock_diag)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "cordon-unix-diag-private.h"

int
cordon_unix_diag_open (void)
{
  return socket (AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
}

static void
parse_attributes (const struct unix_diag_msg *msg,
                  gsize                       len,
                  CordonUnixDiagInfo         *out)
{
  const struct rtattr *attr = (const struct rtattr *) (msg + 1);
  int remaining = (int) (len - NLMSG_ALIGN (sizeof *msg));

  for (; RTA_OK (attr, remaining); attr = RTA_NEXT (attr, remaining))
    {
      gsize payload = RTA_PAYLOAD (attr);

      if (attr->rta_type == UNIX_DIAG_VFS && payload >= sizeof (struct unix_diag_vfs))
        {
          const struct unix_diag_vfs *vfs = RTA_DATA (attr);

          out->has_vfs = TRUE;
          out->vfs_ino = vfs->udiag_vfs_ino;
          out->vfs_dev = vfs->udiag_vfs_dev;
        }
      else if (attr->rta_type == UNIX_DIAG_NAME)
        {
          out->name_len = MIN (payload, sizeof out->name);
          memcpy (out->name, RTA_DATA (attr), out->name_len);
        }
    }
}

int
cordon_unix_diag_lookup (int                 diag_fd,
                         guint64             ino,
                         guint64             cookie,
                         CordonUnixDiagInfo *out)
{
  struct
  {
    struct nlmsghdr      header;
    struct unix_diag_req request;
  } query = { 0 };
  union
  {
    struct nlmsghdr header;
    char            bytes[8192];
  } reply;
  struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
  const struct nlmsghdr *header;
  ssize_t n;

  memset (out, 0, sizeof *out);
  if (ino > G_MAXUINT32)
    return -ENOENT;

  query.header.nlmsg_len = sizeof query;
  query.header.nlmsg_type = SOCK_DIAG_BY_FAMILY;
  query.header.nlmsg_flags = NLM_F_REQUEST;
  query.request.sdiag_family = AF_UNIX;
  query.request.udiag_states = G_MAXUINT32;
  query.request.udiag_ino = (guint32) ino;
  query.request.udiag_show = UDIAG_SHOW_VFS | UDIAG_SHOW_NAME;
  /* The cookie tells a reused inode number from the socket first seen. */
  query.request.udiag_cookie[0] = (guint32) cookie;
  query.request.udiag_cookie[1] = (guint32) (cookie >> 32);

  if (sendto (diag_fd, &query, sizeof query, 0, (struct sockaddr *) &kernel, sizeof kernel) < 0)
    return -errno;

  do
    n = recv (diag_fd, &reply, sizeof reply, 0);
  while (n < 0 && errno == EINTR);
  if (n < 0)
    return -errno;

  header = &reply.header;
  if (!NLMSG_OK (header, (gsize) n))
    return -EPROTO;
  if (header->nlmsg_type == NLMSG_ERROR)
    {
      const struct nlmsgerr *err = NLMSG_DATA (header);

      return err->error < 0 ? err->error : -EPROTO;
    }
  if (header->nlmsg_type != SOCK_DIAG_BY_FAMILY ||
      header->nlmsg_len < NLMSG_LENGTH (sizeof (struct unix_diag_msg)))
    return -EPROTO;

  parse_attributes (NLMSG_DATA (header), header->nlmsg_len - NLMSG_HDRLEN, out);
  return 0;
}

gboolean
cordon_unix_diag_same_dev (guint32 kernel_dev,
                           guint64 stat_dev)
{
  /* The kernel's dev_t is major << 20 | minor; stat's is glibc's encoding. */
  return (kernel_dev >> 20) == major (stat_dev) && (kernel_dev & 0xfffff) == minor (stat_dev);
}
