/* cordon-run-supervisor.c: the one loop cordon-run's parent runs while the
 * program runs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Why one poll() loop with pluggable jobs, and not a process or a thread per
 * task: every task of the supervisor (answering the mediator's seccomp
 * notifications, noticing the program's exit through its pidfd, forwarding
 * signals through a signalfd, relaying a pseudo-terminal, and later the
 * xdg-dbus-proxy's lifetime and the --report/--status-fd writers) is "a
 * descriptor became ready, do a little work". One loop over a table of
 * descriptors serves them all with no locking, no second supervisor to keep
 * alive or to kill, and no thread: a thread in the parent would cost start-up
 * time (launch is benchmarked against a bare exec) and GLib's main loop would
 * pull in more than this needs. A new job is one CordonRunJobClass and one
 * cordon_run_supervisor_add_job() call.
 *
 * Signals arrive through a signalfd, never an asynchronous handler, so each
 * one is handled between two dispatches, never in the middle of one.
 */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cordon-run-supervisor.h"

#ifndef SYS_pidfd_send_signal
#define SYS_pidfd_send_signal 424
#endif

/* A wait status saying "exited with 125" (cordon-run failed). */
#define CORDON_RUN_LOST_STATUS (125 << 8)

typedef struct
{
  const CordonRunJobClass *klass;
  gpointer                 data;
  int                      fd;
  short                    events;
  gboolean                 removed;
} Job;

struct _CordonRunSupervisor
{
  pid_t   pid;
  int     pidfd;
  int     signal_fd;
  GArray *jobs;         /* of Job */
  gboolean exited;
  int     wait_status;
  sigset_t ignored;     /* ignored by cordon-run's caller: left alone */
  CordonRunReaper reap;
  gpointer reap_data;
};

/* Sent on to the program's process group: what a terminal would send it,
 * and what `kill` or the Cordon app send cordon-run to stop it. */
static const int forwarded_signals[] = {
  SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2,
};

/* Job control: the supervisor stops the program and then itself. */
static const int stop_signals[] = { SIGTSTP, SIGTTIN, SIGTTOU };

static void
fill_handled_set (sigset_t *set)
{
  sigemptyset (set);
  for (gsize i = 0; i < G_N_ELEMENTS (forwarded_signals); i++)
    sigaddset (set, forwarded_signals[i]);
  for (gsize i = 0; i < G_N_ELEMENTS (stop_signals); i++)
    sigaddset (set, stop_signals[i]);
  sigaddset (set, SIGCONT);
  sigaddset (set, SIGWINCH);
  /* Wakes the loop where pidfd_open is missing. */
  sigaddset (set, SIGCHLD);
}

void
cordon_run_supervisor_block_signals (sigset_t *old_mask)
{
  sigset_t set;

  fill_handled_set (&set);
  sigprocmask (SIG_BLOCK, &set, old_mask);
}

CordonRunSupervisor *
cordon_run_supervisor_new (pid_t    pid,
                           int      pidfd,
                           GError **error)
{
  CordonRunSupervisor *self;
  sigset_t set;
  int signal_fd;

  fill_handled_set (&set);
  signal_fd = signalfd (-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
  if (signal_fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "cannot watch signals (signalfd): %s", g_strerror (saved_errno));
      if (pidfd >= 0)
        close (pidfd);
      return NULL;
    }
  /* A relay writing to a terminal or pipe that went away gets EPIPE
   * instead of dying: the program's exit status still has to be passed on. */
  signal (SIGPIPE, SIG_IGN);

  self = g_new0 (CordonRunSupervisor, 1);
  self->pid = pid;
  self->pidfd = pidfd;
  self->signal_fd = signal_fd;
  self->jobs = g_array_new (FALSE, TRUE, sizeof (Job));

  /* A signal the caller set to be ignored (nohup, a background job of a
   * script) is ignored by the program too; it must not stop cordon-run. */
  sigemptyset (&self->ignored);
  for (int signo = 1; signo < NSIG; signo++)
    {
      struct sigaction action;

      if (sigismember (&set, signo) == 1 && sigaction (signo, NULL, &action) == 0
          && action.sa_handler == SIG_IGN)
        sigaddset (&self->ignored, signo);
    }
  return self;
}

void
cordon_run_supervisor_free (CordonRunSupervisor *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < self->jobs->len; i++)
    {
      Job *job = &g_array_index (self->jobs, Job, i);

      if (job->klass->free != NULL)
        job->klass->free (job->data);
    }
  g_array_unref (self->jobs);
  close (self->signal_fd);
  if (self->pidfd >= 0)
    close (self->pidfd);
  g_free (self);
}

guint
cordon_run_supervisor_add_job (CordonRunSupervisor     *self,
                               int                      fd,
                               short                    events,
                               const CordonRunJobClass *klass,
                               gpointer                 data)
{
  Job job = { klass, data, fd, events, FALSE };

  g_array_append_val (self->jobs, job);
  return self->jobs->len - 1;
}

void
cordon_run_supervisor_set_events (CordonRunSupervisor *self,
                                  guint                job,
                                  short                events)
{
  g_return_if_fail (job < self->jobs->len);
  g_array_index (self->jobs, Job, job).events = events;
}

pid_t
cordon_run_supervisor_get_pid (CordonRunSupervisor *self)
{
  return self->pid;
}

void
cordon_run_supervisor_set_reaper (CordonRunSupervisor *self,
                                  CordonRunReaper      reap,
                                  gpointer             data)
{
  self->reap = reap;
  self->reap_data = data;
}

void
cordon_run_supervisor_set_exited (CordonRunSupervisor *self,
                                  int                  wait_status)
{
  if (self->exited)
    return;
  self->exited = TRUE;
  self->wait_status = wait_status;
}

/* The program's group: it leads a session of its own, and whatever it
 * started in its group is stopped with it, as a terminal would. The number
 * cannot be reused before the program is reaped, and nothing is sent after. */
static void
signal_program (CordonRunSupervisor *self,
                int                  signo)
{
  if (self->exited)
    return;
  if (kill (-self->pid, signo) == 0)
    return;
  /* The group is gone but the program (a zombie, or it changed its group) is
   * not: the pidfd names exactly this process. */
  if (self->pidfd >= 0 && syscall (SYS_pidfd_send_signal, self->pidfd, signo, NULL, 0) == 0)
    return;
  kill (self->pid, signo);
}

typedef void (*JobHook) (gpointer data);

static void
each_job_hook (CordonRunSupervisor *self,
               gsize                hook_offset)
{
  for (guint i = 0; i < self->jobs->len; i++)
    {
      Job *job = &g_array_index (self->jobs, Job, i);
      JobHook hook = G_STRUCT_MEMBER (JobHook, job->klass, hook_offset);

      if (hook != NULL)
        hook (job->data);
    }
}

/* Ctrl+Z at the caller's terminal (or kill -TSTP): stop the program, give
 * the terminal back, and stop cordon-run itself with the same signal so the
 * caller's shell shows the job as stopped. SIGSTOP, because the program's
 * group lives in a session of its own, which the kernel counts as orphaned:
 * it ignores a SIGTSTP whose action is the default. */
void
cordon_run_supervisor_suspend (CordonRunSupervisor *self,
                               int                  signo)
{
  sigset_t one;

  signal_program (self, SIGSTOP);
  each_job_hook (self, G_STRUCT_OFFSET (CordonRunJobClass, suspend));

  sigemptyset (&one);
  sigaddset (&one, signo);
  /* The default action stops; it happens when the signal is unblocked. */
  signal (signo, SIG_DFL);
  raise (signo);
  sigprocmask (SIG_UNBLOCK, &one, NULL);
  sigprocmask (SIG_BLOCK, &one, NULL);

  /* Continued (fg, bg or kill -CONT). */
  each_job_hook (self, G_STRUCT_OFFSET (CordonRunJobClass, resume));
  signal_program (self, SIGCONT);
}

static void
handle_signal (CordonRunSupervisor *self,
               int                  signo)
{
  if (sigismember (&self->ignored, signo) == 1)
    return;
  for (guint i = 0; i < self->jobs->len; i++)
    {
      Job *job = &g_array_index (self->jobs, Job, i);

      if (job->klass->signal != NULL)
        job->klass->signal (self, signo, job->data);
    }

  for (gsize i = 0; i < G_N_ELEMENTS (forwarded_signals); i++)
    if (signo == forwarded_signals[i])
      {
        signal_program (self, signo);
        return;
      }
  for (gsize i = 0; i < G_N_ELEMENTS (stop_signals); i++)
    if (signo == stop_signals[i])
      {
        cordon_run_supervisor_suspend (self, signo);
        return;
      }
  if (signo == SIGCONT)
    {
      /* Sent to cordon-run alone, without a stop first. */
      signal_program (self, SIGCONT);
    }
}

static void
read_signals (CordonRunSupervisor *self)
{
  struct signalfd_siginfo info[8];
  ssize_t n;

  /* A short read means none is left: no second read to learn EAGAIN (a
   * traced program wakes this loop at every stop). */
  do
    {
      n = read (self->signal_fd, info, sizeof info);
      for (ssize_t i = 0; i < n / (ssize_t) sizeof info[0]; i++)
        handle_signal (self, (int) info[i].ssi_signo);
    }
  while (n == (ssize_t) sizeof info);
}

static void
check_exit (CordonRunSupervisor *self)
{
  int status;
  pid_t pid;

  if (self->exited)
    return;
  if (self->reap != NULL)
    {
      self->reap (self, self->reap_data);
      return;
    }
  /* Any child: cordon-run is a subreaper, and what the program left
   * behind is reparented to it; none stays a zombie. The program's own
   * status is the one kept. */
  for (;;)
    {
      pid = waitpid (-1, &status, WNOHANG);
      if (pid < 0 && errno == EINTR)
        continue;
      if (pid <= 0)
        break;
      if (pid == self->pid && (WIFEXITED (status) || WIFSIGNALED (status)))
        {
          self->exited = TRUE;
          self->wait_status = status;
        }
    }
  if (!self->exited && pid < 0 && errno == ECHILD)
    {
      /* Cannot happen: only this loop reaps. Say so rather than hang. */
      g_warning ("the program vanished without an exit status");
      self->exited = TRUE;
      self->wait_status = CORDON_RUN_LOST_STATUS;
    }
}

int
cordon_run_supervisor_run (CordonRunSupervisor *self)
{
  g_autoptr (GArray) fds = g_array_new (FALSE, TRUE, sizeof (struct pollfd));
  g_autoptr (GArray) owners = g_array_new (FALSE, FALSE, sizeof (guint));

  check_exit (self);
  while (!self->exited)
    {
      struct pollfd fixed[2] = {
        { self->signal_fd, POLLIN, 0 },
        { self->pidfd, POLLIN, 0 },
      };
      int n;

      g_array_set_size (fds, 0);
      g_array_set_size (owners, 0);
      g_array_append_vals (fds, fixed, self->pidfd >= 0 ? 2 : 1);
      for (guint i = 0; i < self->jobs->len; i++)
        {
          Job *job = &g_array_index (self->jobs, Job, i);
          struct pollfd entry = { job->fd, job->events, 0 };

          if (job->removed || job->fd < 0 || job->klass->dispatch == NULL)
            continue;
          g_array_append_val (fds, entry);
          g_array_append_val (owners, i);
        }

      n = poll ((struct pollfd *) fds->data, fds->len, -1);
      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          g_warning ("poll: %s", g_strerror (errno));
          /* Never spin; the program's exit still ends the loop. */
          g_usleep (10000);
          check_exit (self);
          continue;
        }

      /* Jobs first: the mediator's pending calls and the program's last
       * output come before the news of its exit. */
      for (guint k = 0; k < owners->len; k++)
        {
          struct pollfd *entry = &g_array_index (fds, struct pollfd, (self->pidfd >= 0 ? 2 : 1) + k);
          Job *job = &g_array_index (self->jobs, Job, g_array_index (owners, guint, k));

          if (entry->revents == 0 || job->removed)
            continue;
          if (!job->klass->dispatch (self, entry->revents, job->data))
            job->removed = TRUE;
        }
      if (g_array_index (fds, struct pollfd, 0).revents != 0)
        read_signals (self);
      /* SIGCHLD or the pidfd: either way, ask. */
      check_exit (self);
    }

  each_job_hook (self, G_STRUCT_OFFSET (CordonRunJobClass, finish));
  return self->wait_status;
}

int
cordon_run_supervisor_pass_status (int wait_status)
{
  struct rlimit no_core = { 0, 0 };
  sigset_t one;
  int signo;

  if (WIFEXITED (wait_status))
    return WEXITSTATUS (wait_status);

  signo = WTERMSIG (wait_status);
  /* The program wrote its core file, if any; a second one, of cordon-run,
   * would only overwrite it. */
  setrlimit (RLIMIT_CORE, &no_core);
  signal (signo, SIG_DFL);
  sigemptyset (&one);
  sigaddset (&one, signo);
  sigprocmask (SIG_UNBLOCK, &one, NULL);
  raise (signo);
  /* Still here: a signal that does not kill by default. The shell's
   * convention for "killed by N". */
  return 128 + signo;
}
