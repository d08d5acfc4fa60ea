/* cordon-mediator.c: named UNIX sockets below Landlock ABI 9
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sandboxed program's connect, bind, sendto (with an address), sendmsg
 * and sendmmsg stop in the kernel and come here as seccomp notifications.
 * For each call the mediator copies the program's arguments once, decides
 * on that copy, and then does the call itself on the program's own socket
 * (taken with pidfd_getfd) towards an inode it has pinned with O_PATH
 * ("/proc/self/fd/N" as the address). The program cannot change anything
 * between the decision and the use: the kernel never reads its memory
 * again. SECCOMP_USER_NOTIF_FLAG_CONTINUE is used only for bind, where the
 * mediator decides nothing (Landlock decides whether the file may be made)
 * and only notes which socket may become the program's own.
 *
 * Calls can block (a full backlog, a full queue, a slow TCP connect), so
 * the mediator's own threads receive and serve them, one receiving at a
 * time while the others serve; a blocked call holds only its thread, and
 * the caller's poll loop never does any of it (it only learns the end).
 */
#include "config.h"

#include "cordon-i18n-private.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <linux/seccomp.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <unistd.h>

#include "cordon-capability-set-private.h"
#include "cordon-error.h"
#include "cordon-mediator-private.h"
#include "cordon-unix-diag-private.h"

#ifndef PIDFD_THREAD
#define PIDFD_THREAD O_EXCL
#endif
#ifndef SO_COOKIE
#define SO_COOKIE 57
#endif

/* A stream send is copied and sent in pieces of this size; a datagram must
 * go whole, and the kernel refuses any bigger than the send buffer anyway. */
#define STREAM_CHUNK   (256 * 1024)
#define DATAGRAM_MAX   (8 * 1024 * 1024)
#define CONTROL_MAX    (64 * 1024)
#define IOV_MAX_COUNT  1024

/* A notification whose task is gone gets no answer. */
#define DROP G_MININT64 /* not an errno: -EPERM is -1 */

typedef struct
{
  guint64 ino;    /* sockfs inode */
  guint64 cookie; /* SO_COOKIE: tells a reused inode number apart */
} OwnSocket;

/* What the workers share with the mediator; it lives until the last call
 * being served ends, so free() never waits for a blocked connect. */
typedef struct
{
  CordonCapabilitySet   *caps;
  int                    listener_fd;
  gboolean               network_blocked;
  gsize                  notif_size;
  gsize                  resp_size;
  dev_t                  root_dev;
  ino_t                  root_ino;
  int                    abstract_refusal_errno;

  GMutex                 lock; /* everything below, and caps */
  GArray                *own;  /* OwnSocket: sockets the program bound */
  int                    diag_fd;
  CordonMediatorObserver observer;
  gpointer               observer_data;
  GDestroyNotify         observer_destroy;

  GMutex                 receive_lock; /* one worker receives at a time */
  GMutex                 workers_lock; /* n_idle */
  guint                  n_idle;       /* workers not serving a call */
  int                    done;         /* atomic: no more calls will come */
  int                    wake_fd;      /* eventfd: free() wakes the receiver */
  int                    hup_pipe[2];  /* [0] for the supervisor's poll() */
  int                    hup_write_fd_open; /* atomic */
} Shared;

struct _CordonMediator
{
  Shared  *shared;
  gboolean started;
  gboolean start_failed;
};

typedef struct
{
  Shared               *shared;
  const struct seccomp_notif *notif;
  const char           *name;
  pid_t                 tid;
  int                   pidfd;
  int                   sock;   /* our copy of the program's socket */
  int                   domain; /* its family */
  int                   type;
  int                   root_fd;
  int                   cwd_fd;
  int                   mem_fd; /* the caller's memory, see child_memory() */
  GArray               *close_fds;
} Call;

/* The address the mediator really uses. */
typedef struct
{
  struct sockaddr_storage addr;
  socklen_t               len;
} Target;

static void
shared_clear (Shared *shared)
{
  if (shared->observer_destroy != NULL)
    shared->observer_destroy (shared->observer_data);
  g_clear_object (&shared->caps);
  g_clear_pointer (&shared->own, g_array_unref);
  if (shared->diag_fd >= 0)
    close (shared->diag_fd);
  if (shared->listener_fd >= 0)
    close (shared->listener_fd);
  if (shared->hup_write_fd_open)
    close (shared->hup_pipe[1]);
  close (shared->hup_pipe[0]);
  close (shared->wake_fd);
  g_mutex_clear (&shared->lock);
  g_mutex_clear (&shared->receive_lock);
  g_mutex_clear (&shared->workers_lock);
}

static void
shared_unref (Shared *shared)
{
  g_atomic_rc_box_release_full (shared, (GDestroyNotify) shared_clear);
}

static void
close_fd (int *fd)
{
  if (*fd >= 0)
    close (*fd);
  *fd = -1;
}

/* ---- the program's view ------------------------------------------------ */

static int
call_open_pidfd (Call *call)
{
  g_autofree char *status = NULL;
  g_autofree char *path = NULL;
  const char *tgid_line;
  pid_t tgid;

  /* The caller may be any thread: its own pidfd (Linux 6.9), else its
   * process's, which shares the descriptor table unless it unshared it. */
  call->pidfd = syscall (SYS_pidfd_open, call->tid, PIDFD_THREAD);
  if (call->pidfd >= 0)
    return 0;
  call->pidfd = syscall (SYS_pidfd_open, call->tid, 0U);
  if (call->pidfd >= 0)
    return 0;
  if (errno != EINVAL)
    return errno;

  path = g_strdup_printf ("/proc/%d/status", (int) call->tid);
  if (!g_file_get_contents (path, &status, NULL, NULL) ||
      (tgid_line = strstr (status, "\nTgid:")) == NULL ||
      (tgid = (pid_t) g_ascii_strtoll (tgid_line + 6, NULL, 10)) <= 0)
    return ESRCH;
  call->pidfd = syscall (SYS_pidfd_open, tgid, 0U);
  return call->pidfd >= 0 ? 0 : errno;
}

static int
call_take_socket (Call     *call,
                  guint64   fd_arg)
{
  socklen_t len = sizeof (int);
  int r;

  if ((r = call_open_pidfd (call)) != 0)
    return r;
  /* The kernel reads the descriptor as an int. */
  call->sock = syscall (SYS_pidfd_getfd, call->pidfd, (int) fd_arg, 0U);
  if (call->sock < 0)
    return errno == EPERM ? EPERM : EBADF;
  if (getsockopt (call->sock, SOL_SOCKET, SO_DOMAIN, &call->domain, &len) < 0)
    return errno;
  len = sizeof (int);
  if (getsockopt (call->sock, SOL_SOCKET, SO_TYPE, &call->type, &len) < 0)
    return errno;
  return 0;
}

/* After every read of the program's memory: the task is still the one that
 * made the call (its pid was not reused), and still waits for the answer. */
static gboolean
notification_valid (Call *call)
{
  guint64 id = call->notif->id;

  return ioctl (call->shared->listener_fd, SECCOMP_IOCTL_NOTIF_ID_VALID, &id) == 0;
}

/* Every access to the caller's memory goes through its /proc/TID/mem,
 * opened once, before the notification is (re)checked. A send can block for
 * as long as the peer wants, and a fatal signal still ends the caller
 * meanwhile; its pid can then be reused by a process outside. What is read
 * after the send (the rest of a stream) or written (sendmmsg's lengths) is
 * not followed by a check that could still help, so it must not go by pid:
 * the descriptor holds the address space of the process that made the call,
 * and reads nothing (EOF) once that one exited or replaced it by exec.
 * Unlike process_vm_writev, a write here may go to a read-only private
 * mapping (a copy, the caller's own memory): the caller asked for it. */
static int
child_memory (Call     *call,
              gboolean  write_to,
              guint64   address,
              gpointer  buffer,
              gsize     size)
{
  char *p = buffer;

  if (size == 0)
    return 0;
  if (address == 0)
    return EFAULT;
  if (call->mem_fd < 0)
    {
      g_autofree char *path = g_strdup_printf ("/proc/%d/mem", (int) call->tid);

      call->mem_fd = open (path, O_RDWR | O_CLOEXEC);
      if (call->mem_fd < 0)
        return errno == ENOENT || errno == ESRCH ? ESRCH : EFAULT;
      /* Opened while the caller still waited: it is the caller's. */
      if (!notification_valid (call))
        {
          close_fd (&call->mem_fd);
          return ESRCH;
        }
    }

  while (size > 0)
    {
      ssize_t n = write_to ? pwrite (call->mem_fd, p, size, (off_t) address)
                           : pread (call->mem_fd, p, size, (off_t) address);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return EFAULT;
      p += n;
      address += (gsize) n;
      size -= (gsize) n;
    }
  return 0;
}

static int
read_child (Call    *call,
            guint64  address,
            gpointer buffer,
            gsize    size)
{
  return child_memory (call, FALSE, address, buffer, size);
}

static int
open_task_dir (Call       *call,
               const char *which)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/%s", (int) call->tid, which);

  return open (path, O_PATH | O_DIRECTORY | O_CLOEXEC);
}

/* Opens @path as the program would find it: from its root and its working
 * directory. Magic links (/proc/self/fd/…) are refused: here "self" would
 * be the mediator. */
static int
resolve_in_child (Call       *call,
                  const char *path,
                  int        *out_fd)
{
  struct open_how how = { .flags = O_PATH | O_CLOEXEC, .resolve = RESOLVE_NO_MAGICLINKS };
  struct stat st;
  int dirfd;
  int fd = -1;

  if (call->root_fd < 0 && (call->root_fd = open_task_dir (call, "root")) < 0)
    return errno == ENOENT ? ESRCH : errno;

  if (path[0] == '/')
    {
      dirfd = call->root_fd;
      how.resolve |= RESOLVE_IN_ROOT;
    }
  else
    {
      if (call->cwd_fd < 0 && (call->cwd_fd = open_task_dir (call, "cwd")) < 0)
        return errno == ENOENT ? ESRCH : errno;
      /* A relative path under a chroot would need both the working
       * directory as start and the root as limit; openat2 has one. */
      if (fstat (call->root_fd, &st) < 0 || st.st_dev != call->shared->root_dev ||
          st.st_ino != call->shared->root_ino)
        return EACCES;
      dirfd = call->cwd_fd;
    }

  for (int attempt = 0; attempt < 8 && fd < 0; attempt++)
    {
      fd = syscall (SYS_openat2, dirfd, path, &how, sizeof how);
      if (fd < 0 && errno != EAGAIN)
        break;
    }
  if (fd < 0)
    return errno;
  *out_fd = fd;
  return 0;
}

/* ---- the program's own sockets ------------------------------------------ */

static void
own_add (Shared *shared,
         int     sock)
{
  socklen_t len = sizeof (guint64);
  OwnSocket entry = { 0 };
  struct stat st;

  if (fstat (sock, &st) < 0 ||
      getsockopt (sock, SOL_SOCKET, SO_COOKIE, &entry.cookie, &len) < 0)
    return;
  entry.ino = st.st_ino;

  g_mutex_lock (&shared->lock);
  for (guint i = 0; i < shared->own->len; i++)
    if (g_array_index (shared->own, OwnSocket, i).cookie == entry.cookie)
      {
        g_mutex_unlock (&shared->lock);
        return;
      }
  g_array_append_val (shared->own, entry);
  g_mutex_unlock (&shared->lock);
}

/* Whether one of the program's sockets is bound to the file @st, or to
 * the abstract @name. Sockets that are gone are forgotten on the way.
 * Called with the lock held. */
static gboolean
own_find (Shared            *shared,
          const struct stat *st,
          const char        *name,
          gsize              name_len)
{
  if (shared->diag_fd < 0)
    shared->diag_fd = cordon_unix_diag_open ();
  if (shared->diag_fd < 0)
    return FALSE;

  for (guint i = shared->own->len; i-- > 0;)
    {
      OwnSocket *entry = &g_array_index (shared->own, OwnSocket, i);
      CordonUnixDiagInfo info;
      int r = cordon_unix_diag_lookup (shared->diag_fd, entry->ino, entry->cookie, &info);

      if (r == -ENOENT || r == -ESTALE)
        {
          g_array_remove_index_fast (shared->own, i);
          continue;
        }
      if (r < 0)
        continue;
      /* The kernel reports 32-bit inode numbers. */
      if (st != NULL && info.has_vfs && info.vfs_ino == (guint32) st->st_ino &&
          cordon_unix_diag_same_dev (info.vfs_dev, st->st_dev))
        return TRUE;
      if (name != NULL && info.name_len == name_len && memcmp (info.name, name, name_len) == 0)
        return TRUE;
    }
  return FALSE;
}

/* ---- decisions ---------------------------------------------------------- */

static void
report (Call       *call,
        const char *path,
        const char *abstract_name,
        gboolean    allowed,
        const char *reason,
        int         error)
{
  Shared *shared = call->shared;
  CordonMediatorEvent event = {
    call->tid, call->name, path, abstract_name, allowed, reason, allowed ? 0 : error,
  };

  g_mutex_lock (&shared->lock);
  if (shared->observer != NULL)
    shared->observer (&event, shared->observer_data);
  g_mutex_unlock (&shared->lock);
}

static char *
abstract_display (const char *name,
                  gsize       len)
{
  GString *text = g_string_new ("@");

  for (gsize i = 1; i < len; i++)
    {
      guchar c = name[i];

      if (g_ascii_isprint (c) && c != '\\')
        g_string_append_c (text, c);
      else
        g_string_append_printf (text, "\\x%02x", c);
    }
  return g_string_free (text, FALSE);
}

static int
decide_abstract (Call       *call,
                 const char *name,
                 gsize       len)
{
  Shared *shared = call->shared;
  g_autofree char *display = NULL;
  gboolean own;

  /* Landlock's scoping (ABI 6) would let the program reach only abstract
   * sockets made inside its sandbox; the mediator's own connect is not
   * scoped, so it keeps that rule itself, on every ABI. */
  g_mutex_lock (&shared->lock);
  own = own_find (shared, NULL, name, len);
  g_mutex_unlock (&shared->lock);

  display = abstract_display (name, len);
  if (own)
    {
      report (call, NULL, display, TRUE, "own_socket", 0);
      return 0;
    }
  report (call, NULL, display, FALSE, "abstract_not_own",
          g_atomic_int_get (&shared->abstract_refusal_errno));
  return g_atomic_int_get (&shared->abstract_refusal_errno);
}

/* Whether the pinned socket @data (its stat) is the one @rule_path's rule
 * meant: the file rule's own inode, or a socket beneath the very folder the
 * rule was made on, reached without a link. A socket or a folder renamed in
 * over the listed one keeps the path but is not what was listed (and is not
 * what Landlock ABI 9, which grants inodes, would let through). */
typedef struct
{
  const char        *canonical;
  const struct stat *st;
} Found;

static gboolean
rule_holds (const char            *rule_path,
            gboolean               is_file,
            const CordonSocketPin *pin,
            gpointer               data)
{
  const Found *found = data;
  const struct stat *sock = found->st;
  struct open_how how = {
    .flags = O_PATH | O_CLOEXEC | O_NOFOLLOW,
    .resolve = RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS,
  };
  const char *rest;
  struct stat st;
  gboolean same;
  int dir, fd;

  if (is_file)
    return sock->st_dev == pin->dev && sock->st_ino == pin->ino;

  dir = syscall (SYS_openat2, AT_FDCWD, rule_path, &how, sizeof how);
  if (dir < 0)
    return FALSE;
  if (fstat (dir, &st) < 0 || st.st_dev != pin->dev || st.st_ino != pin->ino)
    {
      close (dir);
      return FALSE;
    }
  rest = found->canonical + strlen (rule_path);
  while (*rest == '/')
    rest++;
  if (*rest == '\0')
    {
      /* The folder itself is no socket. */
      close (dir);
      return FALSE;
    }
  how.resolve |= RESOLVE_BENEATH;
  fd = syscall (SYS_openat2, dir, rest, &how, sizeof how);
  close (dir);
  if (fd < 0)
    return FALSE;
  same = fstat (fd, &st) == 0 && st.st_dev == sock->st_dev && st.st_ino == sock->st_ino;
  close (fd);
  return same;
}

static int
decide_path (Call       *call,
             const char *path,
             Target     *target)
{
  Shared *shared = call->shared;
  struct sockaddr_un *pinned = (struct sockaddr_un *) &target->addr;
  g_autofree char *link = NULL;
  g_autofree char *canonical = NULL;
  const char *reason;
  struct stat st;
  gboolean allowed;
  int fd = -1;
  int r;

  if ((r = resolve_in_child (call, path, &fd)) != 0)
    {
      report (call, path, NULL, FALSE, "not_resolved", r);
      return r;
    }
  g_array_append_val (call->close_fds, fd);

  if (fstat (fd, &st) < 0)
    return errno;
  /* What the kernel answers for a file that is not a socket. */
  if (!S_ISSOCK (st.st_mode))
    {
      report (call, path, NULL, FALSE, "not_a_socket", ECONNREFUSED);
      return ECONNREFUSED;
    }

  /* The pinned inode's path, as the rules are written: symlinks already
   * followed, so a link in a listed folder to a socket elsewhere is judged
   * by where the socket is. A socket whose file was removed meanwhile is
   * judged only as the program's own. */
  link = g_strdup_printf ("/proc/self/fd/%d", fd);
  canonical = g_file_read_link (link, NULL);

  g_mutex_lock (&shared->lock);
  if (canonical != NULL && canonical[0] == '/' && st.st_nlink > 0 &&
      cordon_capability_set_socket_covered_by (shared->caps, canonical, rule_holds,
                                               &(Found) { canonical, &st }))
    {
      allowed = TRUE;
      reason = "granted_socket";
    }
  else
    {
      allowed = own_find (shared, &st, NULL, 0);
      reason = allowed ? "own_socket" : "socket_not_granted";
    }
  g_mutex_unlock (&shared->lock);

  report (call, canonical != NULL ? canonical : path, NULL, allowed, reason, EACCES);
  if (!allowed)
    return EACCES; /* what Landlock's RESOLVE_UNIX answers (ABI 9) */

  memset (pinned, 0, sizeof *pinned);
  pinned->sun_family = AF_UNIX;
  g_snprintf (pinned->sun_path, sizeof pinned->sun_path, "/proc/self/fd/%d", fd);
  target->len = offsetof (struct sockaddr_un, sun_path) + strlen (pinned->sun_path) + 1;
  return 0;
}

/* Decides on the address the program gave (already copied), and fills
 * @target with the one the mediator will use; 0 or the errno to answer. */
static int
decide_address (Call                          *call,
                const struct sockaddr_storage *given,
                socklen_t                      len,
                Target                        *target)
{
  const struct sockaddr_un *unix_addr = (const struct sockaddr_un *) given;
  gsize path_bytes;
  char path[sizeof unix_addr->sun_path + 1];

  memcpy (&target->addr, given, sizeof *given);
  target->len = len;

  if (call->domain != AF_UNIX)
    /* Landlock would stop a TCP connect; the mediator's own would not. */
    return call->shared->network_blocked ? EACCES : 0;

  /* Unnamed, or not AF_UNIX: nothing is looked up; the kernel answers
   * (EINVAL, or AF_UNSPEC's disconnect). */
  if (len <= offsetof (struct sockaddr_un, sun_path) || given->ss_family != AF_UNIX)
    return 0;

  path_bytes = MIN ((gsize) len - offsetof (struct sockaddr_un, sun_path),
                    sizeof unix_addr->sun_path);
  if (unix_addr->sun_path[0] == '\0')
    return decide_abstract (call, unix_addr->sun_path, path_bytes);

  /* The kernel reads the path up to the first NUL, at most the whole field. */
  memcpy (path, unix_addr->sun_path, path_bytes);
  path[path_bytes] = '\0';
  return decide_path (call, path, target);
}

/* ---- the calls ---------------------------------------------------------- */

/* A socket already bound was bound by whoever made it: the program may
 * hold one made outside (inherited by a library caller, or passed by a
 * listed service), and binding it again changes nothing (or fails), but
 * noting it would make the outside socket's file "own". */
static gboolean
socket_bound (int sock)
{
  struct sockaddr_un addr;
  socklen_t len = sizeof addr;

  /* On error: say bound, and note nothing. */
  if (getsockname (sock, (struct sockaddr *) &addr, &len) < 0)
    return TRUE;
  return len > offsetof (struct sockaddr_un, sun_path);
}

static gint64
handle_bind (Call     *call,
             guint32  *flags)
{
  /* No decision is made here: Landlock decides whether the socket's file
   * may be made. The socket is only noted as possibly the program's own;
   * if the program swaps the descriptor meanwhile, the socket it really
   * binds is not noted, which errs on the safe side. The notification is
   * checked first: a pid reused since would name another process's
   * descriptor. */
  if (call_take_socket (call, call->notif->data.args[0]) == 0 && call->domain == AF_UNIX &&
      notification_valid (call) && !socket_bound (call->sock))
    own_add (call->shared, call->sock);
  *flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
  return 0;
}

static gint64
handle_connect (Call *call)
{
  const __u64 *args = call->notif->data.args;
  struct sockaddr_storage given = { 0 };
  int len = (int) args[2];
  Target target;
  int r;

  if ((r = call_take_socket (call, args[0])) != 0)
    return -r;
  if (len < 0 || (gsize) len > sizeof given)
    return -EINVAL;
  if ((r = read_child (call, args[1], &given, len)) != 0)
    return -r;
  r = decide_address (call, &given, len, &target);
  if (!notification_valid (call))
    return DROP;
  if (r != 0)
    return -r;

  if (connect (call->sock, (struct sockaddr *) &target.addr, target.len) < 0)
    return -errno;
  return 0;
}

/* Copies [offset, offset + size) of the program's iovecs into @buffer. */
static int
read_iov_range (Call               *call,
                const struct iovec *remote,
                gsize               n_remote,
                gsize               offset,
                gpointer            buffer,
                gsize               size)
{
  char *p = buffer;
  int r;
  gsize want = size;

  for (gsize i = 0; i < n_remote && want > 0; i++)
    {
      gsize length = remote[i].iov_len;

      if (offset >= length)
        {
          offset -= length;
          continue;
        }
      length = MIN (length - offset, want);
      if ((r = read_child (call, (guintptr) remote[i].iov_base + offset, p, length)) != 0)
        return r;
      p += length;
      want -= length;
      offset = 0;
    }
  return want == 0 ? 0 : EFAULT;
}

/* Whether @line ("Uid:" or "Gid:") of the task's status lists @id among
 * its real, effective and saved ids. */
static gboolean
status_id_matches (const char *status,
                   const char *line,
                   guint32     id)
{
  const char *p = strstr (status, line);
  char *end;

  if (p == NULL)
    return FALSE;
  p += strlen (line);
  for (int i = 0; i < 3; i++)
    {
      guint64 value = g_ascii_strtoull (p, &end, 10);

      if (end == p)
        return FALSE;
      if (value == id)
        return TRUE;
      p = end;
    }
  return FALSE;
}

/* SCM_CREDENTIALS goes out with the mediator's privileges, not the
 * program's: run as root, the kernel would let it claim any pid, uid or
 * gid, which the program itself (its capabilities dropped) cannot. So only
 * what the kernel lets an unprivileged sender claim passes: its own
 * process id, one of its own user and group ids. */
static int
check_credentials (Call               *call,
                   const struct ucred *cred)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/status", (int) call->tid);
  g_autofree char *status = NULL;
  const char *tgid;

  if (!g_file_get_contents (path, &status, NULL, NULL))
    return ESRCH;
  tgid = strstr (status, "\nTgid:");
  if (tgid == NULL || g_ascii_strtoll (tgid + 6, NULL, 10) != cred->pid ||
      !status_id_matches (status, "\nUid:", cred->uid) ||
      !status_id_matches (status, "\nGid:", cred->gid))
    return EPERM;
  return 0;
}

/* Replaces the program's descriptor numbers in SCM_RIGHTS with ours, and
 * refuses credentials the program could not send itself. */
static int
translate_rights (Call          *call,
                  struct msghdr *msg)
{
  const char *end = (const char *) msg->msg_control + msg->msg_controllen;

  for (struct cmsghdr *cmsg = CMSG_FIRSTHDR (msg); cmsg != NULL; cmsg = CMSG_NXTHDR (msg, cmsg))
    {
      int *fds;
      gsize n;

      if (cmsg->cmsg_len < CMSG_LEN (0) || (const char *) cmsg + cmsg->cmsg_len > end)
        return EINVAL;
      if (cmsg->cmsg_level == SOL_SOCKET && cmsg->cmsg_type == SCM_CREDENTIALS)
        {
          struct ucred cred;
          int r;

          if (cmsg->cmsg_len != CMSG_LEN (sizeof cred))
            return EINVAL;
          memcpy (&cred, CMSG_DATA (cmsg), sizeof cred);
          if ((r = check_credentials (call, &cred)) != 0)
            return r;
          /* Not root, the kernel lets the mediator claim no pid but its
           * own (EPERM otherwise, and GDBus sends credentials as it
           * connects); the listening side sees it as the sender anyway. */
          if (geteuid () != 0)
            {
              cred.pid = getpid ();
              memcpy (CMSG_DATA (cmsg), &cred, sizeof cred);
            }
          continue;
        }
      if (cmsg->cmsg_level != SOL_SOCKET || cmsg->cmsg_type != SCM_RIGHTS)
        continue;
      fds = (int *) CMSG_DATA (cmsg);
      n = (cmsg->cmsg_len - CMSG_LEN (0)) / sizeof (int);
      for (gsize i = 0; i < n; i++)
        {
          int ours = syscall (SYS_pidfd_getfd, call->pidfd, fds[i], 0U);

          if (ours < 0)
            return EBADF;
          g_array_append_val (call->close_fds, ours);
          fds[i] = ours;
        }
    }
  return 0;
}

static void
raise_sigpipe (Call *call,
               int   flags,
               int   error)
{
  /* The mediator sends with MSG_NOSIGNAL; the program asked for a signal. */
  if (error == EPIPE && (flags & MSG_NOSIGNAL) == 0)
    syscall (SYS_pidfd_send_signal, call->pidfd, SIGPIPE, NULL, 0U);
}

/* One message: copy it, decide on its address, send it. Returns the bytes
 * sent, -errno, or DROP. @remote_msg's pointers are the program's, except
 * msg_iov when @iov_copied (sendto's single buffer, made here). */
static gint64
send_one (Call                *call,
          const struct msghdr *remote_msg,
          gboolean             iov_copied,
          int                  flags)
{
  struct iovec remote_iov[IOV_MAX_COUNT];
  struct sockaddr_storage given = { 0 };
  g_autofree char *control = NULL;
  g_autofree char *payload = NULL;
  struct msghdr msg = { 0 };
  struct iovec local;
  Target target = { .len = 0 };
  gsize total = 0;
  gsize sent = 0;
  gsize chunk;
  int namelen = remote_msg->msg_name != NULL ? (int) remote_msg->msg_namelen : 0;
  int r;

  if (remote_msg->msg_iovlen > IOV_MAX_COUNT)
    return -EMSGSIZE;
  if (remote_msg->msg_controllen > CONTROL_MAX)
    return -ENOBUFS;
  if (iov_copied)
    memcpy (remote_iov, remote_msg->msg_iov, remote_msg->msg_iovlen * sizeof (struct iovec));
  else if ((r = read_child (call, (guintptr) remote_msg->msg_iov, remote_iov,
                            remote_msg->msg_iovlen * sizeof (struct iovec))) != 0)
    return -r;
  for (gsize i = 0; i < remote_msg->msg_iovlen; i++)
    {
      if (remote_iov[i].iov_len > G_MAXSSIZE - total)
        return -EINVAL;
      total += remote_iov[i].iov_len;
    }

  /* As the kernel: a longer name is cut to the storage's size. */
  if (namelen < 0)
    return -EINVAL;
  namelen = MIN (namelen, (int) sizeof given);
  if ((r = read_child (call, (guintptr) remote_msg->msg_name, &given, namelen)) != 0)
    return -r;

  if (remote_msg->msg_controllen > 0)
    {
      control = g_malloc0 (remote_msg->msg_controllen);
      if ((r = read_child (call, (guintptr) remote_msg->msg_control, control,
                           remote_msg->msg_controllen)) != 0)
        return -r;
      msg.msg_control = control;
      msg.msg_controllen = remote_msg->msg_controllen;
      if ((r = translate_rights (call, &msg)) != 0)
        return -r;
    }

  /* A datagram goes whole; a stream in pieces, as a signal would cut it. */
  chunk = call->type == SOCK_STREAM ? MIN (total, STREAM_CHUNK) : total;
  if (chunk > DATAGRAM_MAX)
    return -EMSGSIZE;
  payload = g_malloc (MAX (chunk, 1));
  if ((r = read_iov_range (call, remote_iov, remote_msg->msg_iovlen, 0, payload, chunk)) != 0)
    return -r;

  r = namelen > 0 ? decide_address (call, &given, namelen, &target) : 0;
  if (!notification_valid (call))
    return DROP;
  if (r != 0)
    return -r;

  if (namelen > 0)
    {
      msg.msg_name = &target.addr;
      msg.msg_namelen = target.len;
    }
  msg.msg_iov = &local;
  msg.msg_iovlen = 1;

  for (;;)
    {
      ssize_t n;

      local.iov_base = payload;
      local.iov_len = chunk;
      n = sendmsg (call->sock, &msg, flags | MSG_NOSIGNAL);
      if (n < 0)
        {
          int saved_errno = errno;

          if (sent > 0)
            return sent;
          raise_sigpipe (call, flags, saved_errno);
          return -saved_errno;
        }
      sent += n;
      if ((gsize) n < chunk || sent >= total)
        return sent;

      /* The next piece of a stream: the program still waits, so its
       * memory is read again only for data, never for a decision. */
      msg.msg_control = NULL;
      msg.msg_controllen = 0;
      chunk = MIN (total - sent, STREAM_CHUNK);
      if (read_iov_range (call, remote_iov, remote_msg->msg_iovlen, sent, payload, chunk) != 0)
        return sent;
    }
}

static gint64
handle_sendto (Call *call)
{
  const __u64 *args = call->notif->data.args;
  struct iovec iov = { (gpointer) (guintptr) args[1], (gsize) args[2] };
  struct msghdr msg = { 0 };
  int r;

  if ((r = call_take_socket (call, args[0])) != 0)
    return -r;
  msg.msg_name = (gpointer) (guintptr) args[4];
  msg.msg_namelen = (socklen_t) args[5];
  if ((int) msg.msg_namelen < 0 || msg.msg_namelen > sizeof (struct sockaddr_storage))
    return -EINVAL;
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  return send_one (call, &msg, TRUE, (int) args[3]);
}

static gint64
handle_sendmsg (Call *call)
{
  const __u64 *args = call->notif->data.args;
  struct msghdr msg;
  int r;

  if ((r = call_take_socket (call, args[0])) != 0)
    return -r;
  if ((r = read_child (call, args[1], &msg, sizeof msg)) != 0)
    return -r;
  return send_one (call, &msg, FALSE, (int) args[2]);
}

static gint64
handle_sendmmsg (Call *call)
{
  const __u64 *args = call->notif->data.args;
  guint vlen = MIN ((guint) args[2], IOV_MAX_COUNT);
  g_autofree struct mmsghdr *messages = NULL;
  guint done = 0;
  int r;

  if ((r = call_take_socket (call, args[0])) != 0)
    return -r;
  if (vlen == 0)
    return 0;
  messages = g_new (struct mmsghdr, vlen);
  if ((r = read_child (call, args[1], messages, vlen * sizeof *messages)) != 0)
    return -r;

  for (; done < vlen; done++)
    {
      gint64 n = send_one (call, &messages[done].msg_hdr, FALSE, (int) args[3]);
      guint32 length;
      guint64 remote = args[1] + done * sizeof *messages + offsetof (struct mmsghdr, msg_len);

      if (n == DROP)
        return DROP;
      if (n < 0)
        return done > 0 ? (gint64) done : n;
      length = (guint32) n;
      if (child_memory (call, TRUE, remote, &length, sizeof length) != 0)
        return done > 0 ? (gint64) done : -EFAULT;
    }
  return done;
}

static gint64
dispatch (Call    *call,
          guint32 *flags)
{
  int nr = call->notif->data.nr;

  if (nr == SYS_bind)
    return handle_bind (call, flags);
  if (nr == SYS_connect)
    return (call->name = "connect", handle_connect (call));
  if (nr == SYS_sendto)
    return (call->name = "sendto", handle_sendto (call));
  if (nr == SYS_sendmsg)
    return (call->name = "sendmsg", handle_sendmsg (call));
  if (nr == SYS_sendmmsg)
    return (call->name = "sendmmsg", handle_sendmmsg (call));
  return -ENOSYS;
}

static void
serve_notification (Shared                     *shared,
                    const struct seccomp_notif *notif)
{
  g_autofree struct seccomp_notif_resp *resp = g_malloc0 (shared->resp_size);
  Call call = {
    .shared = shared, .notif = notif, .name = "bind", .tid = (pid_t) notif->pid,
    .pidfd = -1, .sock = -1, .root_fd = -1, .cwd_fd = -1, .mem_fd = -1,
    .close_fds = g_array_new (FALSE, FALSE, sizeof (int)),
  };
  guint32 flags = 0;
  gint64 result;

  result = dispatch (&call, &flags);

  if (result != DROP)
    {
      resp->id = notif->id;
      resp->flags = flags;
      if (result < 0 && flags == 0)
        resp->error = (int) result;
      else
        resp->val = result;
      /* ENOENT: the task was killed meanwhile; nothing to answer. */
      ioctl (shared->listener_fd, SECCOMP_IOCTL_NOTIF_SEND, resp);
    }

  for (guint i = 0; i < call.close_fds->len; i++)
    close (g_array_index (call.close_fds, int, i));
  g_array_unref (call.close_fds);
  close_fd (&call.sock);
  close_fd (&call.pidfd);
  close_fd (&call.root_fd);
  close_fd (&call.cwd_fd);
  close_fd (&call.mem_fd);
}

/* ---- the workers -------------------------------------------------------- */

/* Idle workers kept after a burst. */
#define MAX_IDLE_WORKERS 4

static gpointer worker_main (gpointer data);

static gboolean
spawn_worker (Shared *shared)
{
  GThread *thread = g_thread_try_new ("cordon-mediator", worker_main,
                                      g_atomic_rc_box_acquire (shared), NULL);

  if (thread != NULL)
    {
      g_thread_unref (thread);
      return TRUE;
    }
  /* No thread: the ones there still receive, one call at a time. */
  g_mutex_lock (&shared->workers_lock);
  shared->n_idle--;
  g_mutex_unlock (&shared->workers_lock);
  shared_unref (shared);
  return FALSE;
}

/* Every sandboxed process is gone (or the mediator was freed): the
 * supervisor learns it from POLLHUP on its end of the pipe. */
static void
finish (Shared *shared)
{
  g_atomic_int_set (&shared->done, TRUE);
  if (g_atomic_int_compare_and_exchange (&shared->hup_write_fd_open, TRUE, FALSE))
    close (shared->hup_pipe[1]);
}

/* One worker at a time waits for the next call and receives it (the
 * receive lock); it then serves the call itself, so a call costs no hand
 * over between threads, and a connect that blocks blocks only this worker:
 * before serving, it makes sure another one is ready to receive. */
static gpointer
worker_main (gpointer data)
{
  Shared *shared = data;
  struct seccomp_notif *notif = g_malloc0 (shared->notif_size);

  for (;;)
    {
      struct pollfd pfds[2] = {
        { shared->listener_fd, POLLIN, 0 },
        { shared->wake_fd, POLLIN, 0 },
      };
      gboolean keep;
      int r;

      g_mutex_lock (&shared->receive_lock);
      if (g_atomic_int_get (&shared->done))
        {
          g_mutex_unlock (&shared->receive_lock);
          break;
        }
      do
        r = poll (pfds, 2, -1);
      while (r < 0 && errno == EINTR);
      if (r < 0 || pfds[1].revents != 0 || (pfds[0].revents & POLLIN) == 0)
        {
          /* POLLHUP: no process is left under the filter; or freed. */
          finish (shared);
          g_mutex_unlock (&shared->receive_lock);
          break;
        }
      memset (notif, 0, shared->notif_size);
      if (ioctl (shared->listener_fd, SECCOMP_IOCTL_NOTIF_RECV, notif) < 0)
        {
          /* ENOENT: the caller was killed before it was received. */
          g_mutex_unlock (&shared->receive_lock);
          continue;
        }

      g_mutex_lock (&shared->workers_lock);
      if (--shared->n_idle == 0)
        {
          shared->n_idle++;
          g_mutex_unlock (&shared->workers_lock);
          spawn_worker (shared);
        }
      else
        g_mutex_unlock (&shared->workers_lock);
      g_mutex_unlock (&shared->receive_lock);

      serve_notification (shared, notif);

      g_mutex_lock (&shared->workers_lock);
      keep = shared->n_idle < MAX_IDLE_WORKERS;
      if (keep)
        shared->n_idle++;
      g_mutex_unlock (&shared->workers_lock);
      if (!keep)
        break;
    }

  g_free (notif);
  shared_unref (shared);
  return NULL;
}

/* ---- the mediator ------------------------------------------------------- */

CordonMediator *
cordon_mediator_new (CordonCapabilitySet *caps,
                     int                  listener_fd,
                     GError             **error)
{
  struct seccomp_notif_sizes sizes = { 0 };
  CordonMediator *self;
  Shared *shared;
  struct stat root;
  int hup_pipe[2] = { -1, -1 };
  int wake_fd = -1;
  int saved_errno;

  g_return_val_if_fail (CORDON_IS_CAPABILITY_SET (caps), NULL);
  g_return_val_if_fail (listener_fd >= 0, NULL);

  if (syscall (SYS_seccomp, SECCOMP_GET_NOTIF_SIZES, 0U, &sizes) < 0 || stat ("/", &root) < 0 ||
      pipe2 (hup_pipe, O_CLOEXEC) < 0 || (wake_fd = eventfd (0, EFD_CLOEXEC)) < 0)
    {
      saved_errno = errno;
      close (listener_fd);
      close_fd (&hup_pipe[0]);
      close_fd (&hup_pipe[1]);
      g_set_error (error, CORDON_ERROR, CORDON_ERROR_UNSUPPORTED,
                   _("Cannot start the socket mediator: %s"), g_strerror (saved_errno));
      return NULL;
    }

  shared = g_atomic_rc_box_new0 (Shared);
  /* A copy: the caller's set may change; this one is read by the workers.
   * Only its socket rules and network setting are ever read. */
  shared->caps = cordon_capability_set_copy_sockets (caps);
  shared->listener_fd = listener_fd;
  shared->network_blocked = cordon_capability_set_is_network_blocked (caps);
  shared->notif_size = MAX (sizes.seccomp_notif, sizeof (struct seccomp_notif));
  shared->resp_size = MAX (sizes.seccomp_notif_resp, sizeof (struct seccomp_notif_resp));
  shared->root_dev = root.st_dev;
  shared->root_ino = root.st_ino;
  shared->abstract_refusal_errno = EPERM;
  shared->hup_pipe[0] = hup_pipe[0];
  shared->hup_pipe[1] = hup_pipe[1];
  shared->hup_write_fd_open = TRUE;
  shared->wake_fd = wake_fd;
  g_mutex_init (&shared->lock);
  g_mutex_init (&shared->receive_lock);
  g_mutex_init (&shared->workers_lock);
  shared->own = g_array_new (FALSE, FALSE, sizeof (OwnSocket));
  shared->diag_fd = -1;

  self = g_new0 (CordonMediator, 1);
  self->shared = shared;
  return self;
}

/* The first worker, once; FALSE when its thread could not start. */
static gboolean
start_workers (CordonMediator *self)
{
  if (!self->started)
    {
      self->started = TRUE;
      self->shared->n_idle = 1;
      self->start_failed = !spawn_worker (self->shared);
    }
  return !self->start_failed;
}

int
cordon_mediator_get_fd (CordonMediator *self)
{
  Shared *shared;

  g_return_val_if_fail (self != NULL, -1);

  shared = self->shared;
  /* Serving starts here, so hooks set after new() see every call.
   * Without a thread nothing is served: say it is over, and the sandboxed
   * calls fail once the listener closes (free). */
  if (!start_workers (self))
    finish (shared);
  return shared->hup_pipe[0];
}

int
cordon_mediator_get_listener_fd (CordonMediator *self)
{
  g_return_val_if_fail (self != NULL, -1);
  g_return_val_if_fail (!self->started, -1);

  return self->shared->listener_fd;
}

gboolean
cordon_mediator_start (CordonMediator *self)
{
  Shared *shared;

  g_return_val_if_fail (self != NULL, FALSE);

  shared = self->shared;
  if (start_workers (self))
    return TRUE;
  /* Nobody would ever answer: with the listener closed, the call waiting
   * now and every later one fail (ENOSYS) instead of hanging. No worker
   * holds it (none started). */
  finish (shared);
  if (shared->listener_fd >= 0)
    {
      close (shared->listener_fd);
      shared->listener_fd = -1;
    }
  return FALSE;
}

gboolean
cordon_mediator_handle (CordonMediator *self,
                        GError        **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  /* The workers receive by themselves; nothing is ever written on the fd
   * get_fd() returns, which only hangs up at the end. */
  return TRUE;
}

void
cordon_mediator_free (CordonMediator *self)
{
  guint64 one = 1;

  if (self == NULL)
    return;

  /* Workers waiting to receive leave; one serving a blocked call keeps
   * what it needs until the call returns. */
  g_atomic_int_set (&self->shared->done, TRUE);
  if (write (self->shared->wake_fd, &one, sizeof one) != sizeof one)
    g_warning ("cannot wake the socket mediator's threads: %s", g_strerror (errno));
  shared_unref (self->shared);
  g_free (self);
}

void
cordon_mediator_set_observer (CordonMediator        *self,
                              CordonMediatorObserver observer,
                              gpointer               user_data,
                              GDestroyNotify         destroy)
{
  Shared *shared;

  g_return_if_fail (self != NULL);

  shared = self->shared;
  g_mutex_lock (&shared->lock);
  if (shared->observer_destroy != NULL)
    shared->observer_destroy (shared->observer_data);
  shared->observer = observer;
  shared->observer_data = user_data;
  shared->observer_destroy = destroy;
  g_mutex_unlock (&shared->lock);
}

void
cordon_mediator_set_abstract_refusal_errno (CordonMediator *self,
                                            int             error)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (error > 0);

  g_atomic_int_set (&self->shared->abstract_refusal_errno, error);
}
