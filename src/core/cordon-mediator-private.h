/* cordon-mediator-private.h: named UNIX sockets below Landlock ABI 9
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sys/types.h>

#include "cordon-capability-set.h"

G_BEGIN_DECLS

/* The sandboxed program's connect/bind/sendto(address)/sendmsg/sendmmsg
 * arrive here through a seccomp user-notification listener. The mediator
 * decides from the socket rules and the program's own sockets, and acts on
 * the program's behalf on a pinned inode; it never lets the kernel resume a
 * call it decided about. Runs in an unconfined process (cordon-run's parent,
 * or the process cordon_apply() forks). */
typedef struct _CordonMediator CordonMediator;

/* One decision about a named or abstract UNIX socket, for observers. */
typedef struct
{
  pid_t       pid;           /* thread id of the caller */
  const char *call;          /* "connect", "sendto", "sendmsg", "sendmmsg" */
  const char *path;          /* the socket's canonical path, or the path as
                                given when it did not resolve; NULL when abstract */
  const char *abstract_name; /* "@name" with non-printable bytes escaped; NULL when a path */
  gboolean    allowed;
  const char *reason;        /* "granted_socket", "own_socket", "socket_not_granted",
                                "abstract_not_own", "not_a_socket", "not_resolved" */
  int         error;         /* the errno the program got when refused, else 0 */
} CordonMediatorEvent;

/* Called once per decision, from one of the mediator's worker threads,
 * never two at once. Keep it short: the program waits meanwhile. */
typedef void (*CordonMediatorObserver) (const CordonMediatorEvent *event,
                                        gpointer                   user_data);

/* @caps is copied; @listener_fd is owned (closed by free, or on error). */
CordonMediator *cordon_mediator_new (CordonCapabilitySet *caps,
                                     int                  listener_fd,
                                     GError             **error);

/* The mediator's own threads receive and serve the calls: a call that
 * blocks (a full backlog, a full queue) blocks only its thread, never the
 * caller's poll loop, and no call waits for that loop. They start with the
 * first call of this function: set the observer and the refusal errno
 * before. poll() the fd: POLLHUP means no sandboxed process is left (or no
 * thread could start) and nothing more will come; it never becomes readable. */
int cordon_mediator_get_fd (CordonMediator *self);

/* Instead of cordon_mediator_get_fd(), for a poll loop that lasts as long
 * as the program (cordon-run's supervisor), so that no thread starts for a
 * program that never makes a mediated call: poll the listener itself,
 * returned here, for POLLIN, and call cordon_mediator_start() once it is
 * readable (the call stays queued in the kernel for the first worker to
 * receive). From then on poll it for no event: it still reports POLLHUP
 * once no sandboxed process is left. Set the observer and the refusal
 * errno before. */
int      cordon_mediator_get_listener_fd (CordonMediator *self);

/* Starts the worker threads (once). FALSE if none could start: the
 * listener is then closed, so the waiting call and every later one fail
 * (ENOSYS) instead of hanging; stop polling it. */
gboolean cordon_mediator_start (CordonMediator *self);

/* Kept for callers that dispatch on POLLIN: there is nothing to do. */
gboolean cordon_mediator_handle (CordonMediator *self,
                                 GError        **error);

/* Stops taking notifications. Calls being served finish in their workers,
 * which keep what they need alive; the listener closes after the last one. */
void cordon_mediator_free (CordonMediator *self);

/* Whether this kernel has what mediation needs (seccomp user notification,
 * pidfd_open, pidfd_getfd, ptrace access to the program);
 * CORDON_ERROR_UNSUPPORTED naming what is missing otherwise. */
gboolean cordon_mediator_check_kernel (GError **error);

void cordon_mediator_set_observer (CordonMediator        *self,
                                   CordonMediatorObserver observer,
                                   gpointer               user_data,
                                   GDestroyNotify         destroy);

/* The errno for a refused abstract connect (default EPERM, as Landlock's
 * scoping answers). Issue 13 sets ECONNREFUSED so X11 clients fall back
 * from the abstract socket to the path one. */
void cordon_mediator_set_abstract_refusal_errno (CordonMediator *self,
                                                 int             error);

/* Handing the listener from the sandboxed child to its supervisor. Not with
 * SCM_RIGHTS: once the filter is loaded, the child's sendmsg() itself waits
 * for a mediator. Only read()/write() on @sock_fd (one end of a
 * socketpair made before fork), and pidfd_getfd in the supervisor. */
gboolean cordon_mediator_send_listener    (int      sock_fd,
                                           int      listener_fd,
                                           GError **error);
/* Returns the listener (owned, close-on-exec) or -1 with @error set. */
int      cordon_mediator_receive_listener (int      sock_fd,
                                           int      child_pidfd,
                                           GError **error);

/* Serves @listener_fd until no sandboxed process is left (the body of the
 * mediator process cordon_apply() forks). */
void cordon_mediator_serve (CordonCapabilitySet *caps,
                            int                  listener_fd);

G_END_DECLS
