/* cordon-run-tracer.c: see what the sandbox refused, with a seccomp-filtered
 * ptrace from the supervisor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Why ptrace, as `strace --seccomp-bpf` does it: the report must be the
 * kernel's answer, not a prediction, and only the return value of a call
 * says whether Landlock refused it. Seccomp user notification sees calls
 * before they run, never their result; LD_PRELOAD misses static binaries
 * and raw system calls; Landlock's own audit records need CAP_AUDIT_READ.
 * A seccomp filter stops the traced process only at the calls Landlock can
 * refuse (SECCOMP_RET_TRACE), so every other call runs at full speed; at
 * such a stop the tracer asks for the call's exit, and only a failure with
 * EACCES, EPERM or EXDEV costs more than the two stops. An open the rules
 * grant needs no exit stop (cordon-run-prediction.c says which), and the
 * filter itself lets pass the opens nothing can refuse: O_PATH ones, and
 * with Read on "/" those that only read.
 *
 * Sockets of the families the sandbox denies are refused by the engine's
 * filter with SECCOMP_RET_ERRNO, which outranks RET_TRACE: no tracer ever
 * sees them. With the network blocked, this filter therefore matches the
 * same calls (domain ≠ AF_UNIX, compared exactly as the engine does) with
 * SECCOMP_RET_TRAP, which outranks ERRNO: the tracer sees the SIGSYS,
 * records the family, discards the signal and makes the call return
 * EACCES, the engine's answer. The family is a register, so no other
 * thread can change it between the check and the record. Should the
 * supervisor die, nothing discards the SIGSYS and the process dies: fail
 * closed, never open.
 *
 * Paths are read from the traced process's memory, at the stop and again
 * after the call failed; a refused open is reported only if both reads
 * agree. Another thread could still change a path and back while the
 * kernel reads it; that misleads the report about a call the kernel
 * refused anyway (or hides one), never the sandbox.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <sched.h>
#include <seccomp.h>
#include <signal.h>
#include <stddef.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cordon-run-learner.h"
#include "cordon-run-prediction.h"
#include "cordon-run-tracer.h"

/* How long the supervisor keeps asking for the next stop, yielding its
 * CPU between asks, before it sleeps in poll(): see reap(). On an idle
 * machine (a desktop, most of the time) a supervisor asleep in poll() lets
 * its CPU halt, and each stop then pays that CPU's wake-up: spinning about
 * one round trip halved the walk of bench-report there, for less CPU in
 * all. Under load it buys nothing and costs some CPU (BENCHMARKS.md,
 * section 7). */
#define DEFAULT_SPIN_US 50

#ifndef __WALL
#define __WALL 0x40000000
#endif

typedef enum
{
  SHAPE_OPEN,       /* flags argument */
  SHAPE_CREAT,      /* creat(): O_CREAT|O_WRONLY|O_TRUNC */
  SHAPE_OPENAT2,    /* flags in struct open_how */
  SHAPE_EXEC,
  SHAPE_CREATE,
  SHAPE_REMOVE,
  SHAPE_RENAME,     /* two paths */
  SHAPE_LINK,       /* the new name */
  SHAPE_TRUNCATE,
  SHAPE_FTRUNCATE,  /* a descriptor */
  SHAPE_SOCKET,     /* --learn only: a socket of a family but AF_UNIX */
  SHAPE_CHDIR,      /* reporting only: the working folder the prediction remembers moves */
} Shape;

/* Where a call keeps its path: dirfd argument (-1: relative to the working
 * folder), path argument; and for rename the second pair. */
typedef struct
{
  long  nr;
  Shape shape;
  int   dirfd;
  int   path;
  int   dirfd2;
  int   path2;
  int   flags;
} Call;

static const Call calls[] = {
#ifdef __NR_open
  { __NR_open, SHAPE_OPEN, -1, 0, -1, -1, 1 },
  { __NR_creat, SHAPE_CREAT, -1, 0, -1, -1, -1 },
  { __NR_mkdir, SHAPE_CREATE, -1, 0, -1, -1, -1 },
  { __NR_mknod, SHAPE_CREATE, -1, 0, -1, -1, -1 },
  { __NR_symlink, SHAPE_CREATE, -1, 1, -1, -1, -1 },
  { __NR_unlink, SHAPE_REMOVE, -1, 0, -1, -1, -1 },
  { __NR_rmdir, SHAPE_REMOVE, -1, 0, -1, -1, -1 },
  { __NR_rename, SHAPE_RENAME, -1, 0, -1, 1, -1 },
  { __NR_link, SHAPE_LINK, -1, 1, -1, -1, -1 },
#endif
  { __NR_openat, SHAPE_OPEN, 0, 1, -1, -1, 2 },
  { __NR_openat2, SHAPE_OPENAT2, 0, 1, -1, -1, 2 },
  { __NR_execve, SHAPE_EXEC, -1, 0, -1, -1, -1 },
  { __NR_execveat, SHAPE_EXEC, 0, 1, -1, -1, -1 },
  { __NR_mkdirat, SHAPE_CREATE, 0, 1, -1, -1, -1 },
  { __NR_mknodat, SHAPE_CREATE, 0, 1, -1, -1, -1 },
  { __NR_symlinkat, SHAPE_CREATE, 1, 2, -1, -1, -1 },
  { __NR_unlinkat, SHAPE_REMOVE, 0, 1, -1, -1, -1 },
  { __NR_renameat, SHAPE_RENAME, 0, 1, 2, 3, -1 },
  { __NR_renameat2, SHAPE_RENAME, 0, 1, 2, 3, -1 },
  { __NR_linkat, SHAPE_LINK, 2, 3, -1, -1, -1 },
  { __NR_truncate, SHAPE_TRUNCATE, -1, 0, -1, -1, -1 },
  { __NR_ftruncate, SHAPE_FTRUNCATE, -1, 0, -1, -1, -1 },
  /* Traced only when learning. */
  { __NR_socket, SHAPE_SOCKET, -1, -1, -1, -1, -1 },
  /* Traced only when reporting. */
  { __NR_chdir, SHAPE_CHDIR, -1, -1, -1, -1, -1 },
  { __NR_fchdir, SHAPE_CHDIR, -1, -1, -1, -1, -1 },
};

typedef struct
{
  const Call *call;
  guint64     args[6];
  gboolean    created;    /* --learn: an O_CREAT open of a path not there before */
  char       *path;       /* an open followed: its path as read at the stop */
  gboolean    in_root;    /* openat2 with RESOLVE_IN_ROOT: "/" is its dirfd */
} Pending;

static void
pending_free (gpointer data)
{
  Pending *pending = data;

  g_free (pending->path);
  g_free (pending);
}

struct _CordonRunTracer
{
  CordonRunReport *report;
  gboolean         block_network;
  int              sync[2];      /* the child waits on [0] until traced */
  pid_t            pid;
  GHashTable      *pending;      /* tid → Pending, between a call's stop and its exit */
  gboolean         resuming;     /* drop the SIGSTOP of a job-control stop that is over */
  gboolean         exited;       /* the program's exit was reported */
  GHashTable      *tracees;      /* tids seen traced and not yet gone */
  gboolean         other_children; /* cordon-run has children it does not trace */
  CordonRunLearner *learner;     /* --learn: successes are recorded, not refusals */
  CordonRunPrediction *prediction; /* which opens need no second stop */
  gint64           spin_us;
};

CordonRunTracer *
cordon_run_tracer_new (CordonRunReport      *report,
                       CordonCapabilitySet  *caps,
                       gboolean              block_network,
                       GError              **error)
{
  CordonRunTracer *self;
  int sync[2];

  if (pipe2 (sync, O_CLOEXEC) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "cannot prepare the report (pipe): %s", g_strerror (saved_errno));
      cordon_run_report_unref (report);
      return NULL;
    }
  self = g_new0 (CordonRunTracer, 1);
  self->report = report;
  self->block_network = block_network;
  self->sync[0] = sync[0];
  self->sync[1] = sync[1];
  self->pending = g_hash_table_new_full (NULL, NULL, NULL, pending_free);
  self->tracees = g_hash_table_new (NULL, NULL);
  self->prediction = cordon_run_prediction_new (caps);
  self->spin_us = DEFAULT_SPIN_US;
  /* For the benchmark (bench-report): the latency it buys against the CPU. */
  if (g_getenv ("CORDON_RUN_TRACE_SPIN_US") != NULL)
    self->spin_us = g_ascii_strtoll (g_getenv ("CORDON_RUN_TRACE_SPIN_US"), NULL, 10);
  return self;
}

void
cordon_run_tracer_free (CordonRunTracer *self)
{
  if (self == NULL)
    return;
  if (self->sync[0] >= 0)
    close (self->sync[0]);
  if (self->sync[1] >= 0)
    close (self->sync[1]);
  g_hash_table_unref (self->pending);
  g_hash_table_unref (self->tracees);
  if (self->learner != NULL)
    cordon_run_learner_unref (self->learner);
  cordon_run_prediction_free (self->prediction);
  cordon_run_report_unref (self->report);
  g_free (self);
}

CordonRunLearner *
cordon_run_tracer_get_learner (CordonRunTracer *self)
{
  return self->learner;
}

CordonRunReport *
cordon_run_tracer_get_report (CordonRunTracer *self)
{
  return self->report;
}

int
cordon_run_tracer_get_child_fd (CordonRunTracer *self)
{
  return self->sync[0];
}

/* The child ---------------------------------------------------------------- */

/* Reporting, the opens that never stop: O_PATH ones (Landlock does not
 * check them), and with Read granted on "/" every open that only reads
 * (nothing can refuse it). Their flags are a register, so the filter
 * decides; the kernel reads only the low 32 bits, as the masks do. */
static gboolean
add_open_rules (scmp_filter_ctx filter,
                gsize           i,
                gboolean        reads_everything)
{
  /* Any of these asks for more than reading. */
  static const guint64 beyond_read[] = { O_WRONLY, O_RDWR, O_CREAT, O_TRUNC, __O_TMPFILE };
  unsigned int arg = (unsigned int) calls[i].flags;

  if (!reads_everything)
    return seccomp_rule_add (filter, SCMP_ACT_TRACE ((guint32) i), (int) calls[i].nr, 1,
                             SCMP_CMP (arg, SCMP_CMP_MASKED_EQ, O_PATH, 0)) == 0;
  /* One comparison per argument and rule (libseccomp): an O_PATH open
   * with one of these bits still stops, and goes on at its first stop. */
  for (gsize k = 0; k < G_N_ELEMENTS (beyond_read); k++)
    if (seccomp_rule_add (filter, SCMP_ACT_TRACE ((guint32) i), (int) calls[i].nr, 1,
                          SCMP_CMP (arg, SCMP_CMP_MASKED_EQ, beyond_read[k], beyond_read[k])) != 0)
      return FALSE;
  return TRUE;
}

static gboolean
add_trace_rules (CordonRunTracer *self,
                 scmp_filter_ctx  filter,
                 gboolean         block_network,
                 gboolean         learning)
{
  struct scmp_arg_cmp not_unix = SCMP_A0 (SCMP_CMP_NE, AF_UNIX);
  gboolean reads_everything = cordon_run_prediction_reads_everything (self->prediction);

  for (gsize i = 0; i < G_N_ELEMENTS (calls); i++)
    {
      if (calls[i].shape == SHAPE_CHDIR)
        {
          if (!learning
              && seccomp_rule_add (filter, SCMP_ACT_TRACE ((guint32) i), (int) calls[i].nr, 0) < 0)
            return FALSE;
          continue;
        }
      if (calls[i].shape == SHAPE_OPEN && !learning)
        {
          if (!add_open_rules (filter, i, reads_everything))
            return FALSE;
          continue;
        }
      if (calls[i].shape == SHAPE_SOCKET)
        {
          if (learning
              && seccomp_rule_add (filter, SCMP_ACT_TRACE ((guint32) i), (int) calls[i].nr, 1,
                                   not_unix) < 0)
            return FALSE;
          continue;
        }
      if (seccomp_rule_add (filter, SCMP_ACT_TRACE ((guint32) i), (int) calls[i].nr, 0) < 0)
        return FALSE;
    }
  (void) block_network;
#if defined(__x86_64__)
  /* Only where on_sigsys can answer the call: elsewhere the SIGSYS would
   * reach the program, so refused sockets are not reported there. */
  if (block_network)
    {
      /* Exactly the engine's condition (cordon-seccomp.c). */
      if (seccomp_rule_add (filter, SCMP_ACT_TRAP, SCMP_SYS (socket), 1, not_unix) < 0
          || seccomp_rule_add (filter, SCMP_ACT_TRAP, SCMP_SYS (socketpair), 1, not_unix) < 0)
        return FALSE;
    }
#endif
  return TRUE;
}

gboolean
cordon_run_tracer_child_setup (CordonRunTracer  *self,
                               GError          **error)
{
  scmp_filter_ctx filter;
  char byte;
  ssize_t n;
  int r;

  /* Until the parent traces us, a stop at a traced call would have no one
   * to answer it, and the call would fail with ENOSYS. */
  close (self->sync[1]);
  self->sync[1] = -1;
  do
    n = read (self->sync[0], &byte, 1);
  while (n < 0 && errno == EINTR);
  close (self->sync[0]);
  self->sync[0] = -1;
  if (n != 1)
    {
      g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                           "cannot report: the supervisor did not start tracing");
      return FALSE;
    }

  filter = seccomp_init (SCMP_ACT_ALLOW);
  if (filter == NULL || !add_trace_rules (self, filter, self->block_network, self->learner != NULL))
    {
      if (filter != NULL)
        seccomp_release (filter);
      g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                           "cannot report: cannot build the tracing filter");
      return FALSE;
    }
  r = seccomp_load (filter);
  seccomp_release (filter);
  if (r < 0)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (-r),
                   "cannot report: cannot load the tracing filter: %s", g_strerror (-r));
      return FALSE;
    }
  return TRUE;
}

/* The parent --------------------------------------------------------------- */

gboolean
cordon_run_tracer_attach (CordonRunTracer  *self,
                          pid_t             pid,
                          GError          **error)
{
  long options = PTRACE_O_TRACESECCOMP | PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEFORK
                 | PTRACE_O_TRACEVFORK | PTRACE_O_TRACECLONE | PTRACE_O_TRACEEXEC;
  char byte = 1;
  gboolean ok;

  close (self->sync[0]);
  self->sync[0] = -1;
  ok = ptrace (PTRACE_SEIZE, pid, NULL, (void *) options) == 0;
  if (!ok)
    {
      int saved_errno = errno;

      /* The child learns by the closed pipe, and exits 125 untraced. */
      close (self->sync[1]);
      self->sync[1] = -1;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "cannot report: cannot trace the program (ptrace: %s%s)",
                   g_strerror (saved_errno),
                   saved_errno == EPERM ? "; see /proc/sys/kernel/yama/ptrace_scope" : "");
      return FALSE;
    }
  self->pid = pid;
  g_hash_table_add (self->tracees, GINT_TO_POINTER (pid));
  if (write (self->sync[1], &byte, 1) != 1)
    ok = FALSE;
  close (self->sync[1]);
  self->sync[1] = -1;
  if (!ok)
    g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                         "cannot report: the program did not wait to be traced");
  return ok;
}

/* Up to PATH_MAX bytes of a string in @tid's memory, page by page: a
 * string that ends just before an unmapped page is still read. */
static char *
read_string (pid_t    tid,
             guint64  address)
{
  g_autoptr (GString) out = g_string_new (NULL);
  long page = sysconf (_SC_PAGESIZE);

  if (address == 0)
    return NULL;
  while (out->len < 4096)
    {
      char buffer[4096];
      gsize chunk = (gsize) (page - (long) (address % (guint64) page));
      struct iovec local, remote;
      ssize_t n;
      const char *end;

      chunk = MIN (chunk, sizeof buffer);
      local.iov_base = buffer;
      local.iov_len = chunk;
      remote.iov_base = (void *) (guintptr) address;
      remote.iov_len = chunk;
      n = process_vm_readv (tid, &local, 1, &remote, 1, 0);
      if (n <= 0)
        return NULL;
      end = memchr (buffer, '\0', (gsize) n);
      if (end != NULL)
        {
          g_string_append_len (out, buffer, end - buffer);
          return g_string_free (g_steal_pointer (&out), FALSE);
        }
      g_string_append_len (out, buffer, n);
      address += (guint64) n;
    }
  return NULL;
}

static char *
read_link (const char *format,
           ...) G_GNUC_PRINTF (1, 2);

static char *
read_link (const char *format,
           ...)
{
  g_autofree char *name = NULL;
  va_list args;

  va_start (args, format);
  name = g_strdup_vprintf (format, args);
  va_end (args);
  return g_file_read_link (name, NULL);
}

/* Links every Linux system has into the calling process's /proc/self. */
static const struct
{
  const char *name;
} self_links[] = {
  { "/dev/fd" }, { "/dev/stdin" }, { "/dev/stdout" }, { "/dev/stderr" },
};

/* The absolute path a call meant: relative to its dirfd, or to the
 * working folder of the thread that made it. */
static char *
absolute_path (pid_t          tid,
               const Pending *pending,
               int            dirfd_arg,
               int            path_arg)
{
  g_autofree char *path = read_string (tid, pending->args[path_arg]);
  g_autofree char *base = NULL;
  int dirfd = dirfd_arg >= 0 ? (int) pending->args[dirfd_arg] : AT_FDCWD;

  if (path == NULL)
    return NULL;
  if (pending->in_root)
    {
      /* Every name, even "/x", is looked up under the descriptor. */
      const char *rest = path;

      while (*rest == '/')
        rest++;
      memmove (path, rest, strlen (rest) + 1);
    }
  /* Seen from here, /proc/self would be cordon-run. */
  if (g_str_has_prefix (path, "/proc/self/") || g_str_equal (path, "/proc/self")
      || g_str_has_prefix (path, "/proc/thread-self/") || g_str_equal (path, "/proc/thread-self"))
    {
      const char *rest = strchr (path + strlen ("/proc/"), '/');

      return g_strdup_printf ("/proc/%d%s", (int) tid, rest != NULL ? rest : "");
    }
  /* The same through the standard links to it (/dev/fd/3 would be the
   * report's own descriptor). */
  for (gsize i = 0; i < G_N_ELEMENTS (self_links); i++)
    {
      gsize len = strlen (self_links[i].name);

      if (strncmp (path, self_links[i].name, len) == 0 && (path[len] == '\0' || path[len] == '/'))
        {
          g_autofree char *target = g_file_read_link (self_links[i].name, NULL);

          if (target == NULL || !g_str_has_prefix (target, "/proc/self/"))
            break;
          return g_strdup_printf ("/proc/%d%s%s", (int) tid, target + strlen ("/proc/self"),
                                  path + len);
        }
    }
  if (g_path_is_absolute (path))
    return g_steal_pointer (&path);
  if (dirfd == AT_FDCWD)
    base = read_link ("/proc/%d/cwd", (int) tid);
  else
    base = read_link ("/proc/%d/fd/%d", (int) tid, dirfd);
  if (base == NULL || !g_path_is_absolute (base))
    return NULL;
  if (*path == '\0')
    return g_steal_pointer (&base);
  return g_build_filename (base, path, NULL);
}

static void
note_fs (CordonRunTracer  *self,
         const char       *path,
         CordonAccessMode  access,
         const char       *operation)
{
  if (self->learner != NULL)
    cordon_run_learner_add_fs (self->learner, path, access, operation);
  else
    cordon_run_report_add_fs (self->report, path, access, operation);
}

static CordonAccessMode
open_access (guint64 flags)
{
  CordonAccessMode access;

  switch (flags & O_ACCMODE)
    {
    case O_WRONLY:
      access = CORDON_ACCESS_WRITE;
      break;
    case O_RDWR:
      access = CORDON_ACCESS_READ_WRITE;
      break;
    default:
      access = CORDON_ACCESS_READ;
    }
  if (flags & O_TRUNC)
    access |= CORDON_ACCESS_WRITE;
  return access;
}

static void
record_open (CordonRunTracer *self,
             pid_t            tid,
             const Pending   *pending,
             guint64          flags)
{
  g_autofree char *path = absolute_path (tid, pending, pending->call->dirfd, pending->call->path);
  CordonAccessMode access = open_access (flags);

  if (path == NULL)
    return;
  /* Refused while creating: the file is not there, so the folder lacked
   * the right to make it. Learning, the call succeeded: whether the file
   * was there was seen at the call. */
  if ((flags & O_CREAT)
      && (self->learner != NULL ? pending->created : !g_file_test (path, G_FILE_TEST_EXISTS)))
    {
      note_fs (self, path, CORDON_ACCESS_WRITE, "create");
      return;
    }
  note_fs (self, path, access, (flags & O_TRUNC) ? "truncate" : "open");
}

static void
record_refusal (CordonRunTracer *self,
                pid_t            tid,
                const Pending   *pending,
                int              error_number)
{
  const Call *call = pending->call;
  g_autofree char *path = NULL;

  /* EXDEV is Landlock's answer to a rename or link it may not make. */
  if (error_number == EXDEV && call->shape != SHAPE_RENAME && call->shape != SHAPE_LINK)
    return;

  switch (call->shape)
    {
    case SHAPE_OPEN:
      record_open (self, tid, pending, pending->args[call->flags]);
      return;
    case SHAPE_CREAT:
      record_open (self, tid, pending, O_CREAT | O_WRONLY | O_TRUNC);
      return;
    case SHAPE_OPENAT2:
      {
        struct open_how how = { 0 };
        struct iovec local = { &how, sizeof how.flags };
        struct iovec remote = { (void *) (guintptr) pending->args[2], sizeof how.flags };

        if (process_vm_readv (tid, &local, 1, &remote, 1, 0) == (ssize_t) sizeof how.flags)
          record_open (self, tid, pending, how.flags);
        return;
      }
    case SHAPE_FTRUNCATE:
      path = read_link ("/proc/%d/fd/%d", (int) tid, (int) pending->args[0]);
      if (path != NULL && g_path_is_absolute (path))
        note_fs (self, path, CORDON_ACCESS_WRITE, "truncate");
      return;
    case SHAPE_RENAME:
      {
        g_autofree char *to = absolute_path (tid, pending, call->dirfd2, call->path2);

        path = absolute_path (tid, pending, call->dirfd, call->path);
        if (path != NULL)
          note_fs (self, path, CORDON_ACCESS_WRITE, "rename");
        if (to != NULL)
          note_fs (self, to, CORDON_ACCESS_WRITE, "rename");
        return;
      }
    case SHAPE_SOCKET:
      if (self->learner != NULL)
        cordon_run_learner_add_network (self->learner);
      return;
    case SHAPE_EXEC:
    case SHAPE_CREATE:
    case SHAPE_REMOVE:
    case SHAPE_LINK:
    case SHAPE_TRUNCATE:
    default:
      break;
    }

  path = absolute_path (tid, pending, call->dirfd, call->path);
  if (path == NULL)
    return;
  switch (call->shape)
    {
    case SHAPE_EXEC:
      note_fs (self, path, CORDON_ACCESS_READ, "exec");
      break;
    case SHAPE_CREATE:
      note_fs (self, path, CORDON_ACCESS_WRITE, "create");
      break;
    case SHAPE_REMOVE:
      note_fs (self, path, CORDON_ACCESS_WRITE, "remove");
      break;
    case SHAPE_LINK:
      note_fs (self, path, CORDON_ACCESS_WRITE, "link");
      break;
    case SHAPE_TRUNCATE:
      note_fs (self, path, CORDON_ACCESS_WRITE, "truncate");
      break;
    default:
      break;
    }
}

/* Learning, what only the call's start can tell: whether a file opened
 * with O_CREAT was there before, and what exec ran (a successful exec
 * never comes back to its exit). */
static void
learn_at_entry (CordonRunTracer *self,
                pid_t            tid,
                Pending         *pending)
{
  const Call *call = pending->call;
  g_autofree char *path = NULL;

  if (call->shape == SHAPE_EXEC)
    {
      path = absolute_path (tid, pending, call->dirfd, call->path);
      if (path != NULL)
        cordon_run_learner_add_fs (self->learner, path, CORDON_ACCESS_READ, "exec");
      return;
    }
  if (call->shape == SHAPE_CREAT
      || ((call->shape == SHAPE_OPEN) && (pending->args[call->flags] & O_CREAT))
      || call->shape == SHAPE_OPENAT2)
    {
      path = absolute_path (tid, pending, call->dirfd, call->path);
      pending->created = path != NULL && !g_file_test (path, G_FILE_TEST_EXISTS);
    }
}

/* Learning: an exec succeeded. The kernel itself opened the program's
 * loader (ld.so), which needs a rule too: every file the new image maps. */
static void
learn_exec (CordonRunTracer *self,
            pid_t            tid)
{
  g_autofree char *name = g_strdup_printf ("/proc/%d/maps", (int) tid);
  g_autofree char *maps = NULL;
  g_auto (GStrv) lines = NULL;

  if (!g_file_get_contents (name, &maps, NULL, NULL))
    return;
  lines = g_strsplit (maps, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *path = strchr (lines[i], '/');

      if (path != NULL && !g_str_has_suffix (path, " (deleted)"))
        cordon_run_learner_add_fs (self->learner, path, CORDON_ACCESS_READ, "exec");
    }
}

/* Whether an openat2() resolves in its dirfd as root (unreadable: FALSE,
 * and the kernel fails the call with EFAULT too). */
static gboolean
openat2_in_root (pid_t          tid,
                 const Pending *pending)
{
  struct open_how how = { 0 };
  struct iovec local = { &how, sizeof how };
  struct iovec remote = { (void *) (guintptr) pending->args[2], sizeof how };

  if (pending->args[3] < sizeof how
      || process_vm_readv (tid, &local, 1, &remote, 1, 0) != (ssize_t) sizeof how)
    return FALSE;
  return (how.resolve & RESOLVE_IN_ROOT) != 0;
}

/* The open flags of a call at its stop, or FALSE if they cannot be read. */
static gboolean
open_flags (pid_t          tid,
            const Pending *pending,
            guint64       *out_flags)
{
  const Call *call = pending->call;

  switch (call->shape)
    {
    case SHAPE_OPEN:
      *out_flags = pending->args[call->flags];
      return TRUE;
    case SHAPE_OPENAT2:
      {
        struct open_how how = { 0 };
        struct iovec local = { &how, sizeof how.flags };
        struct iovec remote = { (void *) (guintptr) pending->args[2], sizeof how.flags };

        if (process_vm_readv (tid, &local, 1, &remote, 1, 0) != (ssize_t) sizeof how.flags)
          return FALSE;
        *out_flags = how.flags;
        return TRUE;
      }
    default:
      return FALSE;
    }
}

/* Reporting, at an open's stop: TRUE if it needs no exit stop, because
 * Landlock never refuses it (O_PATH) or the rules grant it (see
 * cordon-run-prediction.c). Otherwise the path read now is kept, so that
 * the report names it only if the exit finds the same one. */
static gboolean
open_needs_no_exit (CordonRunTracer *self,
                    pid_t            tid,
                    Pending         *pending)
{
  const Call *call = pending->call;
  guint64 flags = 0;
  int dirfd;

  if ((call->shape != SHAPE_OPEN && call->shape != SHAPE_OPENAT2)
      || !open_flags (tid, pending, &flags))
    return FALSE;
  if (flags & O_PATH)
    return TRUE;
  g_clear_pointer (&pending->path, g_free);
  pending->path = read_string (tid, pending->args[call->path]);
  /* O_TMPFILE is always followed; so is a lookup in a root of the
   * program's choosing. */
  if (pending->path == NULL || (flags & __O_TMPFILE) || pending->in_root)
    return FALSE;
  dirfd = call->dirfd >= 0 ? (int) pending->args[call->dirfd] : AT_FDCWD;
  return cordon_run_prediction_open_granted (self->prediction, tid, dirfd, pending->path, flags,
                                             open_access (flags));
}

/* At the stop the filter's data says which call it is (its index in
 * calls[]); one PTRACE_GET_SYSCALL_INFO gives it with the arguments. An
 * open the rules grant goes on without an exit stop; every other call is
 * followed to its exit, where the kernel's answer is read. */
static void
on_seccomp_stop (CordonRunTracer *self,
                 pid_t            tid)
{
  struct __ptrace_syscall_info info = { 0 };
  Pending *pending;

  if (ptrace (PTRACE_GET_SYSCALL_INFO, tid, (void *) sizeof info, &info) <= 0
      || info.op != PTRACE_SYSCALL_INFO_SECCOMP || info.seccomp.ret_data >= G_N_ELEMENTS (calls))
    {
      ptrace (PTRACE_CONT, tid, NULL, NULL);
      return;
    }
  pending = g_hash_table_lookup (self->pending, GINT_TO_POINTER (tid));
  if (pending == NULL)
    {
      pending = g_new0 (Pending, 1);
      g_hash_table_insert (self->pending, GINT_TO_POINTER (tid), pending);
    }
  pending->call = &calls[info.seccomp.ret_data];
  pending->created = FALSE;
  pending->in_root = FALSE;
  g_clear_pointer (&pending->path, g_free);
  memcpy (pending->args, info.seccomp.args, sizeof pending->args);
  if (pending->call->shape == SHAPE_OPENAT2)
    pending->in_root = openat2_in_root (tid, pending);
  /* Forgotten at the start and at the end: between the two, a thread
   * sharing the working folder reads it afresh. */
  if (pending->call->shape == SHAPE_CHDIR)
    cordon_run_prediction_forget_cwds (self->prediction);
  else if (self->learner != NULL)
    learn_at_entry (self, tid, pending);
  else if (open_needs_no_exit (self, tid, pending))
    {
      pending->call = NULL;
      ptrace (PTRACE_CONT, tid, NULL, NULL);
      return;
    }
  /* Since Linux 4.8 the next stop is this call's exit. */
  ptrace (PTRACE_SYSCALL, tid, NULL, NULL);
}

/* A refused open whose path is no longer the one read at its stop: another
 * thread rewrote it meanwhile, and what the kernel saw is unknown. */
static gboolean
path_changed (pid_t          tid,
              const Pending *pending)
{
  g_autofree char *now = NULL;

  if (pending->path == NULL)
    return FALSE;
  now = read_string (tid, pending->args[pending->call->path]);
  return now == NULL || !g_str_equal (now, pending->path);
}

static void
on_syscall_exit (CordonRunTracer *self,
                 pid_t            tid)
{
  Pending *pending = g_hash_table_lookup (self->pending, GINT_TO_POINTER (tid));
  int error_number = -1;

  if (pending != NULL && pending->call != NULL)
    {
#if defined(__x86_64__)
      struct user_regs_struct regs;

      /* The arguments are still in their registers (the kernel clobbers
       * only rax, rcx and r11), as they were at the stop. */
      if (ptrace (PTRACE_GETREGS, tid, NULL, &regs) == 0)
        error_number = (long long) regs.rax < 0 ? (int) -(long long) regs.rax : 0;
#else
      struct __ptrace_syscall_info info = { 0 };

      if (ptrace (PTRACE_GET_SYSCALL_INFO, tid, (void *) sizeof info, &info) > 0
          && info.op == PTRACE_SYSCALL_INFO_EXIT)
        error_number = info.exit.is_error ? (int) -info.exit.rval : 0;
#endif
      if (pending->call->shape == SHAPE_CHDIR)
        cordon_run_prediction_forget_cwds (self->prediction);
      else if (self->learner != NULL)
        {
          if (error_number == 0)
            record_refusal (self, tid, pending, 0);
        }
      else if ((error_number == EACCES || error_number == EPERM || error_number == EXDEV)
               && !path_changed (tid, pending))
        record_refusal (self, tid, pending, error_number);
      else if (error_number == 0
               && (pending->call->shape == SHAPE_RENAME || pending->call->shape == SHAPE_REMOVE))
        cordon_run_prediction_forget (self->prediction);
      pending->call = NULL;
      g_clear_pointer (&pending->path, g_free);
    }
  ptrace (PTRACE_CONT, tid, NULL, NULL);
}

/* SIGSYS from this filter's socket rule: record the family, answer as the
 * engine would (EACCES), drop the signal. Anything else is the program's. */
static gboolean
on_sigsys (CordonRunTracer *self,
           pid_t            tid)
{
#if defined(__x86_64__)
  siginfo_t info;
  struct user_regs_struct regs;

  if (ptrace (PTRACE_GETSIGINFO, tid, NULL, &info) != 0 || info.si_code != 1 /* SYS_SECCOMP */
      || (info.si_syscall != __NR_socket && info.si_syscall != __NR_socketpair)
      || ptrace (PTRACE_GETREGS, tid, NULL, &regs) != 0 || (int) regs.rdi == AF_UNIX)
    return FALSE;
  regs.rax = (unsigned long long) -EACCES;
  if (ptrace (PTRACE_SETREGS, tid, NULL, &regs) != 0)
    return FALSE;
  cordon_run_report_add_network (self->report, (int) regs.rdi);
  return TRUE;
#else
  return FALSE;
#endif
}

static void
on_stop (CordonRunTracer *self,
         pid_t            tid,
         int              status)
{
  int signo = WSTOPSIG (status);
  int event = status >> 16;

  if (event == PTRACE_EVENT_SECCOMP)
    {
      on_seccomp_stop (self, tid);
      return;
    }
  if (signo == (SIGTRAP | 0x80))
    {
      on_syscall_exit (self, tid);
      return;
    }
  if (event == PTRACE_EVENT_STOP)
    {
      /* A group stop (job control) stays a stop; the first stop of a new
       * child or thread, reported as SIGTRAP, lets it run. */
      if (signo == SIGSTOP || signo == SIGTSTP || signo == SIGTTIN || signo == SIGTTOU)
        ptrace (PTRACE_LISTEN, tid, NULL, NULL);
      else
        ptrace (PTRACE_CONT, tid, NULL, NULL);
      return;
    }
  if (event != 0)
    {
      if (event == PTRACE_EVENT_EXEC)
        {
          unsigned long former = 0;

          /* The call succeeded; a thread that exec'd took the leader's id. */
          ptrace (PTRACE_GETEVENTMSG, tid, NULL, &former);
          g_hash_table_remove (self->pending, GINT_TO_POINTER ((pid_t) former));
          g_hash_table_remove (self->pending, GINT_TO_POINTER (tid));
          cordon_run_prediction_forget_thread (self->prediction, (pid_t) former);
          if (self->learner != NULL)
            learn_exec (self, tid);
        }
      ptrace (PTRACE_CONT, tid, NULL, NULL);
      return;
    }
  if (signo == SIGSYS && on_sigsys (self, tid))
    {
      ptrace (PTRACE_CONT, tid, NULL, NULL);
      return;
    }
  if (signo == SIGSTOP && self->resuming)
    signo = 0;
  ptrace (PTRACE_CONT, tid, NULL, (void *) (long) signo);
}

static void
handle_status (CordonRunTracer     *self,
               CordonRunSupervisor *supervisor,
               pid_t                tid,
               int                  status)
{
  if (WIFSTOPPED (status))
    {
      g_hash_table_add (self->tracees, GINT_TO_POINTER (tid));
      on_stop (self, tid, status);
      return;
    }
  g_hash_table_remove (self->pending, GINT_TO_POINTER (tid));
  g_hash_table_remove (self->tracees, GINT_TO_POINTER (tid));
  cordon_run_prediction_forget_thread (self->prediction, tid);
  if (tid == self->pid)
    {
      self->exited = TRUE;
      cordon_run_supervisor_set_exited (supervisor, status);
    }
}

/* One pass over the processes known to be traced, for when the first
 * child waitid() offers is not one of them. */
static gboolean
reap_known (CordonRunTracer     *self,
            CordonRunSupervisor *supervisor)
{
  g_autofree gpointer *tids = NULL;
  guint n = 0;
  gboolean progress = FALSE;

  tids = g_hash_table_get_keys_as_array (self->tracees, &n);
  for (guint i = 0; i < n; i++)
    {
      pid_t tid = GPOINTER_TO_INT (tids[i]);
      int status;

      if (waitpid (tid, &status, WNOHANG | __WALL) == tid)
        {
          handle_status (self, supervisor, tid, status);
          progress = TRUE;
        }
    }
  return progress;
}

/* Every status of every traced process, until none is left to read. Only
 * those: cordon-run has other children (the session bus proxy), whose end
 * is their own job's business, so a child is peeked at first (WNOWAIT) and
 * taken only if it is traced. */
static void
reap (CordonRunSupervisor *supervisor,
      gpointer             data)
{
  CordonRunTracer *self = data;

  gint64 spin_until = 0;

  /* The common case: every child of cordon-run is traced. */
  while (!self->other_children)
    {
      int status;
      pid_t tid = waitpid (-1, &status, WNOHANG | __WALL);

      if (tid < 0 && errno == EINTR)
        continue;
      if (tid == 0 && self->spin_us > 0)
        {
          gint64 now = g_get_monotonic_time ();

          if (spin_until == 0)
            spin_until = now + self->spin_us;
          if (now < spin_until)
            {
              sched_yield ();
              continue;
            }
        }
      if (tid > 0)
        spin_until = 0;
      if (tid < 0 && errno == ECHILD && !self->exited)
        {
          g_warning ("the program vanished without an exit status");
          cordon_run_supervisor_set_exited (supervisor, 125 << 8);
        }
      if (tid <= 0)
        return;
      handle_status (self, supervisor, tid, status);
    }

  for (;;)
    {
      siginfo_t info = { 0 };
      int status;
      pid_t tid;

      if (waitid (P_ALL, 0, &info, WEXITED | WSTOPPED | WNOHANG | WNOWAIT | __WALL) != 0)
        {
          if (errno == EINTR)
            continue;
          if (errno == ECHILD && !self->exited)
            {
              /* Cannot happen while the program lives: say so, never hang. */
              g_warning ("the program vanished without an exit status");
              cordon_run_supervisor_set_exited (supervisor, 125 << 8);
            }
          return;
        }
      tid = info.si_pid;
      if (tid == 0)
        return;
      /* A stop for the tracer is a tracee's, even one whose parent's fork
       * event is still to come. */
      if (!g_hash_table_contains (self->tracees, GINT_TO_POINTER (tid))
          && info.si_code != CLD_TRAPPED)
        {
          if (!reap_known (self, supervisor))
            return;
          continue;
        }
      if (waitpid (tid, &status, WNOHANG | __WALL) != tid)
        return;
      handle_status (self, supervisor, tid, status);
    }
}

/* Job control: cordon-run continues. A SIGSTOP still waiting to be
 * delivered belongs to the stop that just ended: delivered now, it would
 * stop the program again after the SIGCONT. Exits are only peeked at
 * (WNOWAIT) and left for the loop, which must see the program's. */
static void
tracer_resume (gpointer data)
{
  CordonRunTracer *self = data;

  self->resuming = TRUE;
  for (;;)
    {
      siginfo_t info = { 0 };
      int status;

      if (waitid (P_ALL, 0, &info, WEXITED | WSTOPPED | WNOHANG | WNOWAIT | __WALL) != 0
          || info.si_pid == 0 || info.si_code != CLD_TRAPPED)
        break;
      if (waitpid (info.si_pid, &status, WNOHANG | __WALL) != info.si_pid)
        break;
      if (WIFSTOPPED (status))
        {
          g_hash_table_add (self->tracees, GINT_TO_POINTER (info.si_pid));
          on_stop (self, info.si_pid, status);
        }
    }
  self->resuming = FALSE;
}

static void
tracer_finish (gpointer data)
{
  CordonRunTracer *self = data;
  g_autoptr (GError) error = NULL;

  if (self->learner != NULL)
    {
      if (!cordon_run_learner_write (self->learner, &error))
        g_printerr ("cordon-run: --learn: the profile was not written: %s\n", error->message);
      return;
    }
  if (!cordon_run_report_write (self->report, &error))
    g_printerr ("cordon-run: %s\n", error->message);
}

static void
tracer_free (gpointer data)
{
  cordon_run_tracer_free (data);
}

static const CordonRunJobClass tracer_job = {
  .name = "tracer",
  .resume = tracer_resume,
  .finish = tracer_finish,
  .free = tracer_free,
};

void
cordon_run_tracer_set_learner (CordonRunTracer  *self,
                               CordonRunLearner *learner)
{
  self->learner = cordon_run_learner_ref (learner);
}

void
cordon_run_tracer_set_other_children (CordonRunTracer *self,
                                      gboolean         other_children)
{
  self->other_children = other_children;
}

void
cordon_run_tracer_add_job (CordonRunTracer     *self,
                           CordonRunSupervisor *supervisor)
{
  cordon_run_supervisor_set_reaper (supervisor, reap, self);
  cordon_run_supervisor_add_job (supervisor, -1, 0, &tracer_job, self);
}
