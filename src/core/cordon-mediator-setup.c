/* cordon-mediator-setup.c: can the kernel mediate, and getting the listener there
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cordon-i18n-private.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/seccomp.h>
#include <poll.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "cordon-error.h"
#include "cordon-mediator-private.h"

static gboolean
unsupported (GError    **error,
             const char *what)
{
  g_set_error (error, CORDON_ERROR, CORDON_ERROR_UNSUPPORTED,
               _("named UNIX sockets need a supervisor here (Landlock below ABI 9), and this "
                 "kernel lacks %s"),
               what);
  return FALSE;
}

gboolean
cordon_mediator_check_kernel (GError **error)
{
  guint32 action = SECCOMP_RET_USER_NOTIF;
  g_autofree char *scope = NULL;
  int pidfd;
  int fd;

  struct seccomp_notif_sizes sizes;

  if (syscall (SYS_seccomp, SECCOMP_GET_ACTION_AVAIL, 0U, &action) < 0 ||
      syscall (SYS_seccomp, SECCOMP_GET_NOTIF_SIZES, 0U, &sizes) < 0)
    return unsupported (error, _("seccomp user notification (Linux 5.0)"));

  pidfd = syscall (SYS_pidfd_open, getpid (), 0U);
  if (pidfd < 0)
    return unsupported (error, _("pidfd_open (Linux 5.3)"));
  /* Descriptor 0 may be closed: EBADF still proves the call exists. */
  fd = syscall (SYS_pidfd_getfd, pidfd, 0, 0U);
  if (fd < 0 && errno != EBADF)
    {
      close (pidfd);
      return unsupported (error, _("pidfd_getfd (Linux 5.6)"));
    }
  if (fd >= 0)
    close (fd);
  close (pidfd);

  /* openat2 came in the same release as pidfd_getfd (5.6), so it is not
   * checked here: were it hidden, each mediated call would fail instead. */

  /* The mediator reads the program's memory and takes its descriptors,
   * which ptrace access rules govern. */
  if (g_file_get_contents ("/proc/sys/kernel/yama/ptrace_scope", &scope, NULL, NULL) &&
      g_ascii_strtoll (scope, NULL, 10) >= 2)
    return unsupported (error, _("ptrace access to the sandboxed program (Yama ptrace_scope "
                                 "is 2 or more)"));
  return TRUE;
}

static gboolean
write_all (int         fd,
           gconstpointer data,
           gsize       size)
{
  const char *p = data;

  while (size > 0)
    {
      ssize_t n = write (fd, p, size);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      p += n;
      size -= n;
    }
  return TRUE;
}

static gboolean
read_all (int      fd,
          gpointer data,
          gsize    size)
{
  char *p = data;

  while (size > 0)
    {
      ssize_t n = read (fd, p, size);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      p += n;
      size -= n;
    }
  return TRUE;
}

gboolean
cordon_mediator_send_listener (int      sock_fd,
                               int      listener_fd,
                               GError **error)
{
  gint32 number = listener_fd;
  char ack;

  /* The listener must stay open here until the supervisor holds its own
   * copy: with no copy left, every mediated call would fail. */
  if (!write_all (sock_fd, &number, sizeof number) || !read_all (sock_fd, &ack, 1) || ack != 'k')
    {
      g_set_error_literal (error, CORDON_ERROR, CORDON_ERROR_APPLY_FAILED,
                           _("The supervisor did not take the socket mediator's listener"));
      return FALSE;
    }
  return TRUE;
}

int
cordon_mediator_receive_listener (int      sock_fd,
                                  int      child_pidfd,
                                  GError **error)
{
  gint32 number;
  int saved_errno;
  int fd;

  if (!read_all (sock_fd, &number, sizeof number))
    {
      g_set_error_literal (error, CORDON_ERROR, CORDON_ERROR_APPLY_FAILED,
                           _("The sandboxed process did not hand over its socket listener"));
      return -1;
    }
  fd = syscall (SYS_pidfd_getfd, child_pidfd, number, 0U);
  if (fd < 0)
    {
      saved_errno = errno;
      g_set_error (error, CORDON_ERROR, CORDON_ERROR_APPLY_FAILED,
                   _("Cannot take the sandboxed process's socket listener: %s"),
                   g_strerror (saved_errno));
      return -1;
    }
  if (!write_all (sock_fd, "k", 1))
    {
      close (fd);
      g_set_error_literal (error, CORDON_ERROR, CORDON_ERROR_APPLY_FAILED,
                           _("The sandboxed process went away while handing over its listener"));
      return -1;
    }
  return fd;
}

void
cordon_mediator_serve (CordonCapabilitySet *caps,
                       int                  listener_fd)
{
  CordonMediator *mediator = cordon_mediator_new (caps, listener_fd, NULL);
  struct pollfd pfd;

  if (mediator == NULL)
    return;

  pfd.fd = cordon_mediator_get_fd (mediator);
  pfd.events = POLLIN;
  for (;;)
    {
      pfd.revents = 0;
      if (poll (&pfd, 1, -1) < 0)
        {
          if (errno == EINTR)
            continue;
          break;
        }
      if (pfd.revents & POLLIN)
        {
          if (!cordon_mediator_handle (mediator, NULL))
            break;
          continue;
        }
      if (pfd.revents & (POLLHUP | POLLERR | POLLNVAL))
        break;
    }
  cordon_mediator_free (mediator);
}
