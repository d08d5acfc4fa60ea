/* cordon-run-launch.c: start the program in a child of cordon-run, which
 * stays behind as its supervisor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The listener of the child's seccomp filter must reach the parent. It
 * cannot travel by SCM_RIGHTS: once the filter is loaded, sendmsg() itself
 * waits for the listener's owner, which is nobody yet. So the child writes
 * the listener's number on a socketpair made before fork, the parent takes
 * the descriptor with pidfd_getfd() (the call the mediator needs anyway) and
 * acknowledges; only then does the child close its copy and exec.
 *
 * Usually there is no fork and no hand-over: the child is started the way
 * posix_spawn() starts one (spawn_sharing ()), and its listener is made in
 * the descriptor table it still shares with the supervisor.
 */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cordon-run-exec.h"
#include "cordon-run-launch.h"
#include "cordon-apply-private.h"
#include "cordon-mediator-private.h"
#include "cordon-run-pty.h"
#include "cordon-run-status.h"
#include "cordon-run-supervisor.h"

#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif
#ifndef SYS_close_range
#define SYS_close_range 436
#endif

/* Fork, the listener's hand-over (a round trip) and the program's exit
 * each wake the other process. Woken on an idle CPU, a process first waits
 * for that CPU to leave its idle state: a halted virtual CPU takes about
 * 25 us (BENCHMARKS.md section 8), a deep C-state on a laptop as long.
 * Woken on the CPU the other side has just left, it runs at once, and
 * neither side has work to run in parallel. So the child is kept on the
 * CPU cordon-run runs on until it execs, and the caller's CPUs are given
 * back to it before it does: the program inherits the caller's affinity,
 * as it would without cordon-run. */
typedef struct
{
  gboolean  pinned;
  cpu_set_t cpus;
} Affinity;

static void
affinity_pin (Affinity *affinity)
{
  cpu_set_t here;
  int cpu;

  affinity->pinned = FALSE;
  /* More CPUs than a cpu_set_t holds (EINVAL), or only one: leave it. */
  if (sched_getaffinity (0, sizeof affinity->cpus, &affinity->cpus) != 0
      || CPU_COUNT (&affinity->cpus) < 2)
    return;
  cpu = sched_getcpu ();
  if (cpu < 0 || cpu >= CPU_SETSIZE || !CPU_ISSET (cpu, &affinity->cpus))
    return;
  CPU_ZERO (&here);
  CPU_SET (cpu, &here);
  affinity->pinned = sched_setaffinity (0, sizeof here, &here) == 0;
}

static gboolean
affinity_restore (const Affinity *affinity)
{
  return !affinity->pinned
         || sched_setaffinity (0, sizeof affinity->cpus, &affinity->cpus) == 0;
}

static void G_GNUC_PRINTF (1, 2)
print_error (const char *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_strdelimit (message, "\n", ' ');
  fprintf (stderr, "cordon-run: %s\n", message);
  cordon_run_status_error (message);
}

typedef struct
{
  CordonCapabilitySet *caps;
  int                  max_abi;
  char               **argv;
  char               **envp;
  const sigset_t      *old_mask;
  struct sigaction    *old_sigchld;
  pid_t                parent;
  int                  channel;
  CordonRunPty        *pty;
  CordonRunTracer     *tracer;
  const char          *profile_what;
  const Affinity      *affinity;
  /* Started by spawn_sharing (): the child writes its listener here, in
   * the memory it shares with the supervisor, and the descriptor is in the
   * table it shared when it made it. */
  gboolean             shares_memory;
  int                  listener;
} Child;

/* The pseudo-terminal's side and the inherited descriptors: only the
 * channel (close-on-exec, for the hand-over), the status descriptor
 * (close-on-exec: kept only to say why an exec failed) and the tracer's
 * stay. FALSE once it has said why not. */
static gboolean
child_setup_descriptors (Child *child)
{
  g_autoptr (GError) error = NULL;
  int keep[3];
  gsize n_keep = 0;

  if (child->pty != NULL && !cordon_run_pty_child_setup (child->pty, &error))
    {
      print_error ("%s", error->message);
      return FALSE;
    }
  if (child->channel >= 0)
    keep[n_keep++] = child->channel;
  if (cordon_run_status_get_fd () >= 0)
    keep[n_keep++] = cordon_run_status_get_fd ();
  if (child->tracer != NULL)
    keep[n_keep++] = cordon_run_tracer_get_child_fd (child->tracer);
  if (!cordon_run_close_fds_except (keep, n_keep, &error))
    {
      print_error ("%s", error->message);
      return FALSE;
    }
  return TRUE;
}

/* In the child: never returns. Errors are printed here, on the program's
 * own standard error (the new terminal, when there is one and the child was
 * forked), and end the child with 125: the parent passes that status on. */
static void G_GNUC_NORETURN
child_main (Child *child)
{
  g_autoptr (GError) error = NULL;
  int listener = -1;
  int status;

  /* If the supervisor dies, so does the program: nothing would answer its
   * mediated calls, and a caller that killed cordon-run meant to stop it. */
  if (prctl (PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) != 0 || getppid () != child->parent)
    _exit (CORDON_RUN_EXIT_FAILURE);

  /* A session of its own: no way back to the caller's terminal, whose
   * foreground it could otherwise take after cordon-run exits. */
  if (setsid () < 0)
    {
      print_error ("cannot start a new session: %s", g_strerror (errno));
      _exit (CORDON_RUN_EXIT_FAILURE);
    }
  sigaction (SIGCHLD, child->old_sigchld, NULL);

  /* Forked: before applying, since the fallback for a missing close_range ()
   * reads /proc, which the sandbox hides. Sharing the supervisor's table:
   * after, once the table is the child's own. */
  if (!child->shares_memory && !child_setup_descriptors (child))
    _exit (CORDON_RUN_EXIT_FAILURE);

  if (!cordon_apply_supervised (child->caps, child->max_abi, &listener, &error))
    {
      g_autofree char *message = cordon_run_apply_failure (error, child->profile_what);

      print_error ("%s", message);
      _exit (CORDON_RUN_EXIT_FAILURE);
    }

  if (child->shares_memory)
    {
      /* The listener was made in the table the supervisor shares: it holds
       * it already. Closing it and the rest must not close the
       * supervisor's: a table of the child's own first (exec would make one
       * too, but only then). */
      child->listener = listener;
      if (unshare (CLONE_FILES) != 0)
        {
          print_error ("cannot give the program descriptors of its own (unshare): %s",
                       g_strerror (errno));
          _exit (CORDON_RUN_EXIT_FAILURE);
        }
      if (listener >= 0)
        close (listener);
      if (!child_setup_descriptors (child))
        _exit (CORDON_RUN_EXIT_FAILURE);
    }
  else
    {
      if (listener >= 0)
        {
          /* Until the parent holds its copy, closing ours would leave the
           * filter without a listener. */
          if (!cordon_mediator_send_listener (child->channel, listener, &error))
            _exit (CORDON_RUN_EXIT_FAILURE);
          close (listener);
        }
      close (child->channel);
    }

  /* Never a program pinned where its caller was not. */
  if (!affinity_restore (child->affinity))
    {
      print_error ("cannot give the program the caller's CPUs back (sched_setaffinity): %s",
                   g_strerror (errno));
      _exit (CORDON_RUN_EXIT_FAILURE);
    }

  /* Last, so that only the program's own calls are traced. */
  if (child->tracer != NULL && !cordon_run_tracer_child_setup (child->tracer, &error))
    {
      print_error ("%s", error->message);
      _exit (CORDON_RUN_EXIT_FAILURE);
    }

  sigprocmask (SIG_SETMASK, child->old_mask, NULL);
  status = cordon_run_exec (child->argv, child->envp, &error);
  print_error ("%s", error->message);
  _exit (status);
}

static int
shared_child_main (void *data)
{
  child_main (data);
}

/* The child's stack: reserved, not committed (MAP_NORESERVE), so only the
 * pages it uses cost anything; applying the sandbox needs a few dozen KiB. */
#define SHARED_STACK_SIZE (1024 * 1024)

/* Whether the child can run in cordon-run's memory (spawn_sharing ()). */
static gboolean
can_spawn_sharing (const Child *child)
{
#if defined(__SANITIZE_ADDRESS__)
  /* AddressSanitizer cannot follow a thread onto a stack it did not make,
   * and LeakSanitizer would count what the child allocated here as lost. */
  (void) child;
  return FALSE;
#else
  /* The tracer's child stops for the supervisor before it execs, and the
   * supervisor waits for the exec: fork. The descriptors are closed after
   * the sandbox is applied, which needs close_range () (its fallback reads
   * /proc): first > last is EINVAL where the call exists. */
  return child->tracer == NULL && syscall (SYS_close_range, 1U, 0U, 0U) < 0 && errno == EINVAL;
#endif
}

/* posix_spawn ()'s way: the child runs in cordon-run's memory, on a stack
 * of its own, while cordon-run's thread waits (CLONE_VFORK) until the
 * child execs or exits. Nothing is copied: no page tables, and no
 * copy-on-write fault in either process afterwards (57 fewer page faults,
 * 0.14 ms of a 2.1 ms launch, BENCHMARKS.md section 8). It shares the
 * descriptor table too until its seccomp filter is loaded, so the listener
 * is the supervisor's without a hand-over.
 *
 * Safe because this thread is stopped while the child uses its memory and
 * thread-local state (errno, malloc's cache) and holds no lock then; and
 * because no handler can run in the child: the signals cordon-run handles
 * are blocked, the others have their default action or are ignored, as the
 * caller left them. -1 with errno set if the kernel refuses the clone. */
static pid_t
spawn_sharing (Child *child)
{
  long page = sysconf (_SC_PAGESIZE);
  char *stack;
  pid_t pid;
  int saved_errno;

  stack = mmap (NULL, SHARED_STACK_SIZE + page, PROT_READ | PROT_WRITE,
                MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK | MAP_NORESERVE, -1, 0);
  if (stack == MAP_FAILED)
    return -1;
  /* A guard page: an overflow ends the child instead of writing over the
   * supervisor's memory. */
  if (mprotect (stack, page, PROT_NONE) != 0)
    {
      saved_errno = errno;
      munmap (stack, SHARED_STACK_SIZE + page);
      errno = saved_errno;
      return -1;
    }
  child->shares_memory = TRUE;
  child->listener = -1;
  pid = clone (shared_child_main, stack + page + SHARED_STACK_SIZE,
               CLONE_VM | CLONE_VFORK | CLONE_FILES | SIGCHLD, child);
  saved_errno = errno;
  /* The child has exec'd or exited: its stack is nobody's any more. */
  munmap (stack, SHARED_STACK_SIZE + page);
  errno = saved_errno;
  return pid;
}

char *
cordon_run_apply_failure (const GError *error,
                          const char   *profile_what)
{
  if (error->domain == CORDON_APPLY_PROFILE_ERROR)
    return g_strdup_printf ("%s: %s", profile_what != NULL ? profile_what : "profile",
                            error->message);
  return g_strdup_printf ("cannot apply the sandbox: %s", error->message);
}

static void
kill_and_reap (pid_t pid)
{
  kill (pid, SIGKILL);
  while (waitpid (pid, NULL, 0) < 0 && errno == EINTR)
    ;
}

/* Whether the child is about to hand over its listener: FALSE when it
 * closed the channel instead, having failed (it said why, and exits 125). */
static gboolean
child_sends_listener (int channel)
{
  char byte;
  ssize_t n;

  do
    n = recv (channel, &byte, 1, MSG_PEEK);
  while (n < 0 && errno == EINTR);
  return n == 1;
}

/* The supervisor polls the listener itself until the program's first
 * mediated call: a program that never makes one costs no thread. */
typedef struct
{
  CordonMediator *mediator;
  guint           job;
} MediatorJob;

static gboolean
mediator_dispatch (CordonRunSupervisor *supervisor,
                   short                revents,
                   gpointer             data)
{
  MediatorJob *job = data;

  if ((revents & POLLIN) == 0)
    {
      /* POLLHUP: every process under the filter is gone. */
      return FALSE;
    }
  /* The first call: its worker receives it. From here on only the hang-up
   * matters to this loop, so the listener is polled for no event. */
  if (!cordon_mediator_start (job->mediator))
    {
      print_error ("mediator: cannot start a thread; the program's socket calls fail");
      return FALSE;
    }
  cordon_run_supervisor_set_events (supervisor, job->job, 0);
  return TRUE;
}

static void
mediator_free (gpointer data)
{
  MediatorJob *job = data;

  cordon_mediator_free (job->mediator);
  g_free (job);
}

/* --report: the sockets the mediator refused (from its worker threads). */
static void
on_socket_decision (const CordonMediatorEvent *event,
                    gpointer                   data)
{
  /* An abstract name is not something a rule can allow. */
  if (!event->allowed && event->path != NULL && g_path_is_absolute (event->path))
    cordon_run_report_add_socket (data, event->path);
}

/* --learn: the sockets it connected to. */
static void
on_socket_learned (const CordonMediatorEvent *event,
                   gpointer                   data)
{
  if (event->allowed && event->path != NULL && g_path_is_absolute (event->path)
      && g_strcmp0 (event->reason, "own_socket") != 0)
    cordon_run_learner_add_socket (data, event->path);
}

static void
unref_learner (gpointer data)
{
  cordon_run_learner_unref (data);
}

static void
unref_report (gpointer data)
{
  cordon_run_report_unref (data);
}

static const CordonRunJobClass mediator_job = {
  .name = "mediator",
  .dispatch = mediator_dispatch,
  .free = mediator_free,
};

int
cordon_run_launch_supervised (CordonCapabilitySet *caps,
                              int                  max_abi,
                              gboolean             needs_mediation,
                              char               **argv,
                              char               **envp,
                              CordonRunTracer     *tracer,
                              CordonRunAddJobs     add_jobs,
                              gpointer             add_jobs_data,
                              const char          *profile_what)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CordonRunTracer) owned_tracer = tracer;
  CordonRunSupervisor *supervisor;
  CordonRunPty *pty = NULL;
  Affinity affinity;
  Child child;
  struct sigaction old_sigchld;
  struct sigaction default_action = { .sa_handler = SIG_DFL };
  sigset_t old_mask;
  int channel[2];
  int listener = -1;
  int pidfd;
  int wait_status;
  pid_t supervisor_pid;
  pid_t pid;

  if (needs_mediation && !cordon_mediator_check_kernel (&error))
    {
      print_error ("this kernel cannot keep named sockets closed (Landlock ABI %d needs the "
                   "supervisor): %s; nothing was run", max_abi, error->message);
      return CORDON_RUN_EXIT_FAILURE;
    }

  if (!cordon_run_pty_new (&pty, &error))
    {
      print_error ("%s", error->message);
      return CORDON_RUN_EXIT_FAILURE;
    }

  /* A caller that ignores SIGCHLD would have the kernel reap the program,
   * and its exit status would be lost. The program gets the caller's. */
  sigaction (SIGCHLD, &default_action, &old_sigchld);
  cordon_run_supervisor_block_signals (&old_mask);

  /* What the program starts and leaves behind becomes cordon-run's child,
   * not init's: it stays a descendant, so the mediator can still take its
   * sockets and read its memory under Yama's ptrace_scope 1; the
   * supervisor reaps it. Not inherited: the program does not reap. */
  prctl (PR_SET_CHILD_SUBREAPER, 1UL, 0UL, 0UL, 0UL);
  supervisor_pid = getpid ();
  affinity_pin (&affinity);
  child = (Child) {
    caps, max_abi, argv, envp, &old_mask, &old_sigchld, supervisor_pid, -1, pty, tracer,
    profile_what, &affinity, FALSE, -1,
  };
  if (can_spawn_sharing (&child) && (pid = spawn_sharing (&child)) >= 0)
    {
      pidfd = (int) syscall (SYS_pidfd_open, pid, 0);
      listener = child.listener;
      affinity_restore (&affinity);
      goto started;
    }

  if (socketpair (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, channel) != 0)
    {
      print_error ("cannot start the supervisor (socketpair): %s", g_strerror (errno));
      affinity_restore (&affinity);
      cordon_run_pty_free (pty);
      return CORDON_RUN_EXIT_FAILURE;
    }
  child.shares_memory = FALSE;
  child.channel = channel[1];
  pid = fork ();
  if (pid < 0)
    {
      print_error ("cannot start the program (fork): %s", g_strerror (errno));
      affinity_restore (&affinity);
      cordon_run_pty_free (pty);
      return CORDON_RUN_EXIT_FAILURE;
    }
  if (pid == 0)
    {
      close (channel[0]);
      child_main (&child);
    }

  close (channel[1]);
  if (tracer != NULL && !cordon_run_tracer_attach (tracer, pid, &error))
    {
      close (channel[0]);
      kill_and_reap (pid);
      cordon_run_pty_free (pty);
      print_error ("%s; the program was not run", error->message);
      return CORDON_RUN_EXIT_FAILURE;
    }
  pidfd = (int) syscall (SYS_pidfd_open, pid, 0);
  if (needs_mediation && child_sends_listener (channel[0]))
    {
      listener = pidfd >= 0 ? cordon_mediator_receive_listener (channel[0], pidfd, &error) : -1;
      if (listener < 0)
        {
          close (channel[0]);
          kill_and_reap (pid);
          cordon_run_pty_free (pty);
          if (error != NULL)
            print_error ("%s; the program was not run", error->message);
          else
            print_error ("cannot take the sandbox's seccomp listener: pidfd_open: %s; "
                         "the program was not run", g_strerror (ENOSYS));
          return CORDON_RUN_EXIT_FAILURE;
        }
    }
  close (channel[0]);
  /* The child is about to exec, with the caller's CPUs. Failing, the
   * supervisor and its mediator threads stay on this CPU: slower when
   * many calls are mediated at once, no less safe. */
  affinity_restore (&affinity);

started:
  supervisor = cordon_run_supervisor_new (pid, pidfd, &error);
  if (supervisor == NULL)
    {
      if (listener >= 0)
        close (listener);
      kill_and_reap (pid);
      cordon_run_pty_free (pty);
      print_error ("%s", error->message);
      return CORDON_RUN_EXIT_FAILURE;
    }

  if (listener >= 0)
    {
      CordonMediator *mediator = cordon_mediator_new (caps, listener, &error);
      MediatorJob *job;

      if (mediator == NULL)
        {
          cordon_run_supervisor_free (supervisor);
          kill_and_reap (pid);
          cordon_run_pty_free (pty);
          print_error ("cannot start the mediator: %s", error->message);
          return CORDON_RUN_EXIT_FAILURE;
        }
      if (owned_tracer != NULL && cordon_run_tracer_get_learner (owned_tracer) != NULL)
        cordon_mediator_set_observer (mediator, on_socket_learned,
                                      cordon_run_learner_ref (
                                        cordon_run_tracer_get_learner (owned_tracer)),
                                      unref_learner);
      else if (owned_tracer != NULL)
        cordon_mediator_set_observer (mediator, on_socket_decision,
                                      cordon_run_report_ref (
                                        cordon_run_tracer_get_report (owned_tracer)),
                                      unref_report);
      /* "Nobody listens there", not Landlock's EPERM: libxcb tries the X
       * server's abstract socket first and falls back to the socket file
       * (which the profile must list) only on ENOENT or ECONNREFUSED. */
      cordon_mediator_set_abstract_refusal_errno (mediator, ECONNREFUSED);
      job = g_new0 (MediatorJob, 1);
      job->mediator = mediator;
      job->job = cordon_run_supervisor_add_job (supervisor,
                                                cordon_mediator_get_listener_fd (mediator),
                                                POLLIN, &mediator_job, job);
    }
  if (pty != NULL)
    cordon_run_pty_attach (pty, supervisor);
  if (tracer != NULL)
    cordon_run_tracer_add_job (g_steal_pointer (&owned_tracer), supervisor);
  if (add_jobs != NULL)
    add_jobs (supervisor, add_jobs_data);

  cordon_run_status_started (pid);
  wait_status = cordon_run_supervisor_run (supervisor);
  cordon_run_supervisor_free (supervisor);
  cordon_run_status_exited (wait_status);
  return cordon_run_supervisor_pass_status (wait_status);
}
