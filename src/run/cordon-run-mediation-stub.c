/* cordon-run-mediation-stub.c: TEMPORARY, see the header.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <linux/seccomp.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "cordon-apply-private.h"
#include "cordon-run-mediation-stub.h"

#ifndef SYS_pidfd_getfd
#define SYS_pidfd_getfd 438
#endif

struct _CordonMediator
{
  int fd;
};

gboolean
cordon_apply_supervised (CordonCapabilitySet *caps,
                         int                  max_abi,
                         int                 *out_listener_fd,
                         GError             **error)
{
  *out_listener_fd = -1;
  return cordon_apply_with_abi_limit (caps, max_abi, error);
}

CordonMediator *
cordon_mediator_new (CordonCapabilitySet *caps,
                     int                  listener_fd,
                     GError             **error)
{
  CordonMediator *self = g_new0 (CordonMediator, 1);

  self->fd = listener_fd;
  return self;
}

int
cordon_mediator_get_fd (CordonMediator *self)
{
  return self->fd;
}

gboolean
cordon_mediator_handle (CordonMediator *self,
                        GError        **error)
{
  return TRUE;
}

void
cordon_mediator_free (CordonMediator *self)
{
  if (self == NULL)
    return;
  close (self->fd);
  g_free (self);
}

gboolean
cordon_mediator_check_kernel (GError **error)
{
  struct seccomp_notif_sizes sizes;

  if (syscall (SYS_seccomp, SECCOMP_GET_NOTIF_SIZES, 0, &sizes) != 0)
    {
      g_set_error (error, CORDON_ERROR, CORDON_ERROR_UNSUPPORTED,
                   "seccomp user notification is not available (%s)", g_strerror (errno));
      return FALSE;
    }
  if (syscall (SYS_pidfd_getfd, -1, 0, 0) == 0 || errno == ENOSYS)
    {
      g_set_error (error, CORDON_ERROR, CORDON_ERROR_UNSUPPORTED,
                   "pidfd_getfd is not available (%s)", g_strerror (ENOSYS));
      return FALSE;
    }
  return TRUE;
}

gboolean
cordon_mediator_send_listener (int      sock_fd,
                               int      listener_fd,
                               GError **error)
{
  char ack;

  if (write (sock_fd, &listener_fd, sizeof listener_fd) != (ssize_t) sizeof listener_fd
      || read (sock_fd, &ack, 1) != 1)
    {
      g_set_error_literal (error, CORDON_ERROR, CORDON_ERROR_APPLY_FAILED,
                           "the supervisor did not take the listener");
      return FALSE;
    }
  return TRUE;
}

int
cordon_mediator_receive_listener (int      sock_fd,
                                  int      child_pidfd,
                                  GError **error)
{
  int number = -1;
  int listener;

  if (read (sock_fd, &number, sizeof number) != (ssize_t) sizeof number || number < 0)
    {
      g_set_error_literal (error, CORDON_ERROR, CORDON_ERROR_APPLY_FAILED,
                           "the sandboxed process did not hand over its listener");
      return -1;
    }
  listener = (int) syscall (SYS_pidfd_getfd, child_pidfd, number, 0);
  if (listener < 0)
    {
      g_set_error (error, CORDON_ERROR, CORDON_ERROR_APPLY_FAILED,
                   "cannot take the sandbox's seccomp listener (pidfd_getfd): %s",
                   g_strerror (errno));
      return -1;
    }
  if (write (sock_fd, "k", 1) != 1)
    {
      close (listener);
      g_set_error_literal (error, CORDON_ERROR, CORDON_ERROR_APPLY_FAILED,
                           "the sandboxed process went away before it ran the program");
      return -1;
    }
  return listener;
}
