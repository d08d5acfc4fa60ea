/* test-run-supervisor.c: cordon-run as the program's supervisor (issue 11)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cordon-run forks, and its parent stays behind: the caller must not see
 * the difference. Exit status, each forwarded signal, death by signal, job
 * control, descriptors, a new session, a killed supervisor, and refusing
 * to run where the kernel cannot mediate.
 */
#include "config.h"

#include <errno.h>
#include <grp.h>
#include <fcntl.h>
#include <linux/seccomp.h>
#include <poll.h>
#include <sched.h>
#include <seccomp.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "run-util.h"

#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif

/* cordon-run with the realistic profile, then @first… (NULL-terminated). */
static GPtrArray *
system_args (const char *first,
             ...)
{
  GPtrArray *args = g_ptr_array_new_with_free_func (g_free);
  va_list ap;

  g_ptr_array_add (args, g_strdup (run_cordon_path ()));
  run_add_system_rules (args);
  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, g_strdup (arg));
  va_end (ap);
  g_ptr_array_add (args, NULL);
  return args;
}

/* A cordon-run the test talks to: its standard input and output are pipes. */
typedef struct
{
  pid_t    pid;
  int      in;
  int      out;
  GString *buffer;
} Live;

static Live *
live_start (GPtrArray *args)
{
  Live *live = g_new0 (Live, 1);
  int in_pipe[2], out_pipe[2];

  g_assert_no_errno (pipe2 (in_pipe, O_CLOEXEC));
  g_assert_no_errno (pipe2 (out_pipe, O_CLOEXEC));
  live->pid = fork ();
  g_assert_cmpint (live->pid, >=, 0);
  if (live->pid == 0)
    {
      /* A job of its own, as a shell starts it: its group's parent (the
       * test) is in the same session, so the kernel does not count it as
       * orphaned and lets SIGTSTP stop it, whatever group meson gave us. */
      setpgid (0, 0);
      run_default_signals ();
      dup2 (in_pipe[0], STDIN_FILENO);
      dup2 (out_pipe[1], STDOUT_FILENO);
      execv (g_ptr_array_index (args, 0), (char **) args->pdata);
      _exit (99);
    }
  close (in_pipe[0]);
  close (out_pipe[1]);
  live->in = in_pipe[1];
  live->out = out_pipe[0];
  live->buffer = g_string_new (NULL);
  return live;
}

/* The next line of output (without its newline), waiting up to 10 s. */
static char *
live_read_line (Live *live)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  for (;;)
    {
      const char *newline = strchr (live->buffer->str, '\n');
      struct pollfd fd = { live->out, POLLIN, 0 };
      char chunk[256];
      ssize_t n;

      if (newline != NULL)
        {
          char *line = g_strndup (live->buffer->str, newline - live->buffer->str);

          g_string_erase (live->buffer, 0, newline - live->buffer->str + 1);
          return line;
        }
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      if (poll (&fd, 1, 100) <= 0)
        continue;
      n = read (live->out, chunk, sizeof chunk);
      if (n <= 0)
        return NULL;
      g_string_append_len (live->buffer, chunk, n);
    }
}

/* "ready PID PPID" from cordon-probe interact: the program's pid. */
static pid_t
live_wait_ready (Live  *live,
                 pid_t *out_ppid)
{
  g_autofree char *line = live_read_line (live);
  int pid = 0, ppid = 0;

  g_assert_nonnull (line);
  g_assert_cmpint (sscanf (line, "ready %d %d", &pid, &ppid), ==, 2);
  if (out_ppid != NULL)
    *out_ppid = ppid;
  return pid;
}

/* Ends the program's input (it exits 0 then), unless @keep_input: a test
 * that expects a signal to end it must not race that with end of file. */
static int
live_finish_full (Live     *live,
                  gboolean  keep_input)
{
  int status;

  if (!keep_input)
    close (live->in);
  while (waitpid (live->pid, &status, 0) < 0)
    g_assert_cmpint (errno, ==, EINTR);
  if (keep_input)
    close (live->in);
  close (live->out);
  g_string_free (live->buffer, TRUE);
  g_free (live);
  return status;
}

static int
live_finish (Live *live)
{
  return live_finish_full (live, FALSE);
}

/* --- exit status and signals -------------------------------------------- */

static void
test_exit_status (void)
{
  g_autoptr (GPtrArray) args = system_args ("--", run_probe_path (), "exit", "42", NULL);
  g_autoptr (RunResult) result = run_spawn ((const char *const *) args->pdata, NULL);

  g_assert_cmpint (run_result_exit_code (result), ==, 42);
}

static void
test_supervised_here (void)
{
  g_autoptr (GPtrArray) args = system_args ("--", run_probe_path (), "interact", NULL);
  Live *live = live_start (args);
  pid_t ppid = 0;
  pid_t pid = live_wait_ready (live, &ppid);

  /* On this kernel (Landlock below ABI 9) named sockets need the supervisor:
   * the program is cordon-run's child, not cordon-run itself. */
  if (run_landlock_abi () < 9)
    {
      g_assert_cmpint (ppid, ==, live->pid);
      g_assert_cmpint (pid, !=, live->pid);
    }
  g_assert_cmpint (WEXITSTATUS (live_finish (live)), ==, 0);
}

/* Each signal a user or the app sends cordon-run reaches the program, which
 * catches it and says so. */
static void
test_forwarded (gconstpointer data)
{
  int signo = GPOINTER_TO_INT (data);
  g_autoptr (GPtrArray) args = system_args ("--", run_probe_path (), "interact", "catch", NULL);
  Live *live = live_start (args);
  g_autofree char *line = NULL;
  g_autofree char *expected = g_strdup_printf ("caught %d", signo);
  int status;

  live_wait_ready (live, NULL);
  g_assert_no_errno (kill (live->pid, signo));
  line = live_read_line (live);
  g_assert_cmpstr (line, ==, expected);
  status = live_finish (live);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
}

/* The program dies of the forwarded signal; cordon-run dies of it too. */
static void
test_death_by_forwarded_signal (gconstpointer data)
{
  int signo = GPOINTER_TO_INT (data);
  g_autoptr (GPtrArray) args = system_args ("--", run_probe_path (), "interact", NULL);
  Live *live = live_start (args);
  int status;

  live_wait_ready (live, NULL);
  g_assert_no_errno (kill (live->pid, signo));
  status = live_finish_full (live, TRUE);
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, signo);
}

/* A program that crashes: the caller sees the same signal, and cordon-run
 * writes no core file of its own over the program's. */
static void
test_death_by_own_signal (void)
{
  g_autoptr (GPtrArray) args = system_args ("--", run_probe_path (), "signal", "11", NULL);
  g_autoptr (RunResult) result = run_spawn ((const char *const *) args->pdata, NULL);

  g_assert_true (WIFSIGNALED (result->wait_status));
  g_assert_cmpint (WTERMSIG (result->wait_status), ==, SIGSEGV);
  g_assert_false (WCOREDUMP (result->wait_status));
}

/* Ctrl+Z at the caller's terminal: the program stops (its session is its
 * own, so cordon-run stops it), cordon-run stops as the shell expects, and
 * both continue on SIGCONT. */
static void
test_stop_and_continue (void)
{
  g_autoptr (GPtrArray) args = system_args ("--", run_probe_path (), "interact", NULL);
  Live *live = live_start (args);
  g_autofree char *line = NULL;
  pid_t program = live_wait_ready (live, NULL);
  int status;

  g_assert_no_errno (kill (live->pid, SIGTSTP));
  g_assert_cmpint (waitpid (live->pid, &status, WUNTRACED), ==, live->pid);
  g_assert_true (WIFSTOPPED (status));
  g_assert_cmpint (WSTOPSIG (status), ==, SIGTSTP);
  run_wait_for_state (program, 'T');

  g_assert_no_errno (kill (live->pid, SIGCONT));
  run_wait_for_state (program, 'S');
  g_assert_cmpint (write (live->in, "again\n", 6), ==, 6);
  line = live_read_line (live);
  g_assert_cmpstr (line, ==, "got again");

  status = live_finish (live);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
}

/* --- descriptors, session, a killed supervisor -------------------------- */

/* Nothing of the supervisor (its socketpair, pidfd, signalfd, the seccomp
 * listener) nor anything the caller leaked reaches the program. */
static void
test_no_descriptor_leaks (void)
{
  g_autoptr (GPtrArray) args = system_args ("--", run_probe_path (), "fds", NULL);
  g_autoptr (RunResult) result = NULL;
  int pair[2];
  RunDupFd leak;
  RunOptions options = { .setup = run_dup_fd_setup, .setup_data = &leak };

  g_assert_no_errno (socketpair (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair));
  leak.from = pair[0];
  leak.to = 40;
  result = run_spawn ((const char *const *) args->pdata, &options);
  close (pair[0]);
  close (pair[1]);
  g_assert_cmpint (run_result_exit_code (result), ==, 0);
  g_assert_cmpstr (result->out, ==, "fds:\n");
}

/* "Cpus_allowed_list" of /proc/PID/status, as the kernel words it. */
static char *
allowed_cpus (pid_t pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/status", (int) pid);
  g_autofree char *status = NULL;
  const char *line;

  g_assert_true (g_file_get_contents (path, &status, NULL, NULL));
  line = strstr (status, "\nCpus_allowed_list:");
  g_assert_nonnull (line);
  line += strlen ("\nCpus_allowed_list:");
  return g_strstrip (g_strndup (line, strcspn (line, "\n")));
}

/* cordon-run keeps its child on its own CPU until the exec (a cheaper
 * hand-over): the program, and the supervisor once the program runs, must
 * have the caller's CPUs again, whatever they were. */
static void
check_affinity_kept (const cpu_set_t *caller)
{
  g_autoptr (GPtrArray) args = system_args ("--", run_probe_path (), "interact", NULL);
  g_autofree char *expected = NULL;
  g_autofree char *program_cpus = NULL;
  g_autofree char *supervisor_cpus = NULL;
  cpu_set_t saved;
  Live *live;
  pid_t pid, ppid;

  g_assert_no_errno (sched_getaffinity (0, sizeof saved, &saved));
  g_assert_no_errno (sched_setaffinity (0, sizeof *caller, caller));
  expected = allowed_cpus (getpid ());
  live = live_start (args);
  g_assert_no_errno (sched_setaffinity (0, sizeof saved, &saved));

  pid = live_wait_ready (live, &ppid);
  program_cpus = allowed_cpus (pid);
  supervisor_cpus = allowed_cpus (ppid);
  g_assert_cmpint (live_finish (live), ==, 0);
  g_assert_cmpstr (program_cpus, ==, expected);
  g_assert_cmpstr (supervisor_cpus, ==, expected);
}

static void
test_affinity_kept (void)
{
  cpu_set_t caller;
  cpu_set_t two;
  int n = 0;

  g_assert_no_errno (sched_getaffinity (0, sizeof caller, &caller));
  if (CPU_COUNT (&caller) < 2)
    {
      g_test_skip ("needs two CPUs: with one, cordon-run pins nothing");
      return;
    }
  check_affinity_kept (&caller);

  /* Two of them (not all, not one), where there are more. */
  if (CPU_COUNT (&caller) < 3)
    return;
  CPU_ZERO (&two);
  for (int cpu = CPU_SETSIZE - 1; cpu >= 0 && n < 2; cpu--)
    if (CPU_ISSET (cpu, &caller))
      {
        CPU_SET (cpu, &two);
        n++;
      }
  check_affinity_kept (&two);
}

/* Without a terminal: a plain session of its own, led by the program. */
static void
test_new_session (void)
{
  g_autoptr (GPtrArray) args = system_args ("--", run_probe_path (), "session", NULL);
  g_autoptr (RunResult) result = run_spawn ((const char *const *) args->pdata, NULL);

  g_assert_cmpint (run_result_exit_code (result), ==, 0);
  g_assert_true (g_str_has_prefix (result->out, "session-leader=1 tty=0 "));
}

/* Whether @pid, not our child, has ended (or does within ten seconds). */
static gboolean
wait_for_exit (pid_t pid)
{
  int pidfd = (int) syscall (SYS_pidfd_open, pid, 0);
  struct pollfd fd = { pidfd, POLLIN, 0 };
  gboolean exited;

  /* valgrind 3.19 answers pidfd_open (2) with ENOSYS: watch /proc instead,
   * where an ended process is gone or a zombie its new parent has not reaped. */
  if (pidfd < 0 && errno == ENOSYS)
    {
      for (int i = 0; i < 1000; i++)
        {
          char state = run_process_state (pid);

          if (state == '?' || state == 'Z')
            return TRUE;
          g_usleep (10000);
        }
      return FALSE;
    }
  if (pidfd < 0)
    return errno == ESRCH;
  exited = poll (&fd, 1, 10000) == 1;
  close (pidfd);
  return exited;
}

/* SIGKILL cannot be forwarded or handled: the kernel ends the program with
 * its supervisor, so it never runs on without one. */
static void
test_supervisor_killed (void)
{
  g_autoptr (GPtrArray) args = system_args ("--", run_probe_path (), "interact", NULL);
  Live *live = live_start (args);
  pid_t program = live_wait_ready (live, NULL);
  int status;

  g_assert_cmpint (program, !=, live->pid);
  g_assert_no_errno (kill (live->pid, SIGKILL));
  status = live_finish_full (live, TRUE);
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);
  g_assert_true (wait_for_exit (program));
}

/* The threads of process @pid, from /proc/PID/task. */
static guint
count_threads (pid_t pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/task", (int) pid);
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

/* A UNIX stream socket listening at @path, room for @backlog waiting. */
static int
listen_at (const char *path,
           int         backlog)
{
  struct sockaddr_un addr = { .sun_family = AF_UNIX };
  int server = socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

  g_assert_cmpint (server, >=, 0);
  g_assert_cmpuint (strlen (path), <, sizeof addr.sun_path);
  g_strlcpy (addr.sun_path, path, sizeof addr.sun_path);
  g_assert_no_errno (bind (server, (struct sockaddr *) &addr, sizeof addr));
  g_assert_no_errno (listen (server, backlog));
  return server;
}

typedef struct
{
  const char *probe_mode;        /* what the program and what it leaves behind do */
  gboolean    before_first_call; /* killed while the mediator has no thread yet */
  const char *expected;          /* what the probe writes once it is orphaned */
} KilledSupervisor;

/* SIGKILL the supervisor mid-run: the program dies with it, and what it
 * left behind loses mediation. A listed socket it reached a moment before
 * is now refused (the listener is closed: ENOSYS), never reached unmediated.
 *
 * The same before the program's first mediated call, while the mediator's
 * threads are not started (issue 15 starts them with that call): the
 * supervisor, one thread, is killed; what the program left behind then
 * makes its first mediated call, to a listed socket that listens. The call
 * fails (ENOSYS); it neither connects unmediated nor waits for a mediator
 * that will never come. */
static void
test_killed_supervisor (gconstpointer data)
{
  const KilledSupervisor *killed = data;
  g_autofree char *work = run_make_temp_dir ("cordon-run-supervisor-XXXXXX");
  g_autofree char *sock_path = g_build_filename (work, "listed.sock", NULL);
  g_autofree char *file = g_build_filename (work, "result", NULL);
  g_autoptr (GPtrArray) args = system_args ("--rw", work, "--socket", sock_path, "--",
                                            run_probe_path (), killed->probe_mode, sock_path,
                                            file, NULL);
  g_autofree char *line = NULL;
  g_autofree char *outcome = NULL;
  Live *live;
  int server;
  int status;

  if (run_landlock_abi () >= 9)
    {
      g_test_skip ("Landlock ABI 9 needs no supervisor for sockets");
      run_rm_rf (work);
      return;
    }
  server = listen_at (sock_path, 8);

  live = live_start (args);
  line = live_read_line (live);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "ready "));
  /* No mediated call yet: no mediator thread either. */
  if (killed->before_first_call)
    g_assert_cmpuint (count_threads (live->pid), ==, 1);
  g_assert_no_errno (kill (live->pid, SIGKILL));
  status = live_finish_full (live, TRUE);
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);

  for (int i = 0; i < 1000 && !g_file_get_contents (file, &outcome, NULL, NULL); i++)
    g_usleep (10000);
  g_assert_cmpstr (outcome, ==, killed->expected);
  close (server);
  run_rm_rf (work);
}

/* The mediator's threads start with the program's first mediated call, not
 * at launch (issue 15): until then the supervisor is one thread, polling
 * the listener itself. The call that starts them is served (the allowed
 * twin: a listed socket connects), and a call to a socket not listed is
 * refused the same way, by a worker started for it. */
static void
test_mediator_starts_on_first_call (void)
{
  g_autofree char *work = run_make_temp_dir ("cordon-run-supervisor-XXXXXX");
  g_autofree char *listed = g_build_filename (work, "listed.sock", NULL);
  g_autofree char *other = g_build_filename (work, "other.sock", NULL);
  const char *targets[] = { listed, other };
  const char *expected[] = { "connect ok", "connect EACCES" };
  int servers[2];

  if (run_landlock_abi () >= 9)
    {
      g_test_skip ("Landlock ABI 9 needs no supervisor for sockets");
      run_rm_rf (work);
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    servers[i] = listen_at (targets[i], 8);

  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      g_autoptr (GPtrArray) args = system_args ("--socket", listed, "--", run_probe_path (),
                                                "connect-on-line", targets[i], NULL);
      g_autofree char *line = NULL;
      Live *live = live_start (args);
      pid_t supervisor = 0;
      int status;

      live_wait_ready (live, &supervisor);
      g_assert_cmpint (supervisor, ==, live->pid);
      g_assert_cmpuint (count_threads (supervisor), ==, 1);

      g_assert_cmpint (write (live->in, "go\n", 3), ==, 3);
      line = live_read_line (live);
      g_assert_cmpstr (line, ==, expected[i]);
      /* The worker that served it stays for the next call. */
      g_assert_cmpuint (count_threads (supervisor), >=, 2);

      status = live_finish (live);
      g_assert_true (WIFEXITED (status));
      g_assert_cmpint (WEXITSTATUS (status), ==, 0);
    }

  close (servers[0]);
  close (servers[1]);
  run_rm_rf (work);
}

/* The attack on a lazy start: the program's first mediated calls come
 * from 32 threads at once, while the supervisor starts the first worker
 * (which starts more as calls block it). Every one is served. */
static void
test_mediator_first_calls_at_once (void)
{
  g_autofree char *work = run_make_temp_dir ("cordon-run-supervisor-XXXXXX");
  g_autofree char *listed = g_build_filename (work, "listed.sock", NULL);
  g_autoptr (GPtrArray) args = system_args ("--socket", listed, "--", run_probe_path (),
                                            "connect-burst", listed, "32", NULL);
  g_autoptr (RunResult) result = NULL;
  int server;

  if (run_landlock_abi () >= 9)
    {
      g_test_skip ("Landlock ABI 9 needs no supervisor for sockets");
      run_rm_rf (work);
      return;
    }
  /* Room for all of them: none waits for an accept. */
  server = listen_at (listed, 64);

  result = run_cordon ((const char *const *) args->pdata + 1, NULL);
  g_assert_cmpint (run_result_exit_code (result), ==, 0);
  g_assert_cmpstr (result->out, ==, "connected 32\n");
  close (server);
  run_rm_rf (work);
}

/* A grandchild whose parent exited is reparented to cordon-run (a
 * subreaper), not to init: it stays a descendant, which the mediator needs
 * under Yama's ptrace_scope 1, so its connect to a listed socket works; it
 * is reaped, and its exit status (42) is not taken for the program's. */
static void
test_orphan_reaped (void)
{
  g_autofree char *work = run_make_temp_dir ("cordon-run-supervisor-XXXXXX");
  g_autofree char *sock_path = g_build_filename (work, "listed.sock", NULL);
  g_autoptr (GPtrArray) args = system_args ("--socket", sock_path, "--", run_probe_path (),
                                            "orphan-connect", sock_path, NULL);
  g_autofree char *out = NULL;
  g_autoptr (GError) error = NULL;
  int server;
  int status;

  server = listen_at (sock_path, 8);

  g_spawn_sync (NULL, (char **) args->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (out, ==, "ok\n");
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  close (server);
  run_rm_rf (work);
}

/* The same with --report: the tracer is gone with the supervisor, and a
 * survivor's traced calls fail (ENOSYS) rather than run untraced. */
static void
test_killed_supervisor_leaves_no_tracing (void)
{
  g_autofree char *work = run_make_temp_dir ("cordon-run-supervisor-XXXXXX");
  g_autofree char *data = g_build_filename (work, "data", NULL);
  g_autofree char *file = g_build_filename (work, "result", NULL);
  g_autofree char *report = g_build_filename (work, "report", NULL);
  g_autoptr (GPtrArray) args = system_args ("--rw", work, "--report", report, "--",
                                            run_probe_path (), "open-twice", data, file, NULL);
  g_autofree char *line = NULL;
  g_autofree char *outcome = NULL;
  Live *live;
  int status;

  run_write_file (data, "x");
  live = live_start (args);
  line = live_read_line (live);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "ready "));
  g_assert_no_errno (kill (live->pid, SIGKILL));
  status = live_finish_full (live, TRUE);
  g_assert_true (WIFSIGNALED (status));

  for (int i = 0; i < 1000; i++)
    {
      g_clear_pointer (&outcome, g_free);
      if (g_file_get_contents (file, &outcome, NULL, NULL) && *outcome != '\0')
        break;
      g_usleep (10000);
    }
  g_assert_cmpstr (outcome, ==, "ok ENOSYS");
  run_rm_rf (work);
}

/* RunChildSetup: cordon-run as a normal user, nobody, when the test is root. */
static void
drop_to_nobody (gpointer data)
{
  if (setgroups (0, NULL) != 0 || setresgid (65534, 65534, 65534) != 0
      || setresuid (65534, 65534, 65534) != 0)
    _exit (97);
}

/* GDBus sends the program's own credentials as it connects to a bus. Run
 * by a normal user, the mediator may claim no pid but its own, which the
 * listening side sees as the sender anyway: the send must reach a listed
 * socket all the same, not fail (EPERM) as it did for everyone but root
 * (every GLib program's filtered session bus). As root the test runs
 * cordon-run as nobody. */
static void
test_own_credentials_as_user (void)
{
  g_autofree char *work = run_make_temp_dir ("cordon-run-supervisor-XXXXXX");
  g_autofree char *sock_path = g_build_filename (work, "credentials.sock", NULL);
  g_autoptr (GPtrArray) args = system_args ("--socket", sock_path, "--", run_probe_path (),
                                            "send-credentials", sock_path, NULL);
  gboolean root = getuid () == 0;
  RunOptions options = { .setup = root ? drop_to_nobody : NULL };
  g_autoptr (RunResult) result = NULL;
  struct sockaddr_un addr = { .sun_family = AF_UNIX };
  union
  {
    struct cmsghdr header;
    char           buffer[CMSG_SPACE (sizeof (struct ucred))];
  } control;
  char byte;
  struct iovec iov = { &byte, 1 };
  struct msghdr msg = { NULL, 0, &iov, 1, control.buffer, sizeof control.buffer, 0 };
  struct ucred cred;
  int one = 1;
  int server;

  server = socket (AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  g_assert_cmpint (server, >=, 0);
  g_strlcpy (addr.sun_path, sock_path, sizeof addr.sun_path);
  g_assert_no_errno (bind (server, (struct sockaddr *) &addr, sizeof addr));
  g_assert_no_errno (setsockopt (server, SOL_SOCKET, SO_PASSCRED, &one, sizeof one));
  /* Reachable by nobody. */
  g_assert_no_errno (chmod (work, 0755));
  g_assert_no_errno (chmod (sock_path, 0777));

  result = run_spawn ((const char *const *) args->pdata, &options);
  g_assert_cmpstr (result->out, ==, "ok\n");
  g_assert_cmpint (run_result_exit_code (result), ==, 0);
  g_assert_cmpint (recvmsg (server, &msg, MSG_DONTWAIT), ==, 1);
  g_assert_nonnull (CMSG_FIRSTHDR (&msg));
  memcpy (&cred, CMSG_DATA (CMSG_FIRSTHDR (&msg)), sizeof cred);
  g_assert_cmpint (cred.pid, >, 1);
  g_assert_cmpuint (cred.uid, ==, root ? 65534 : getuid ());
  close (server);
  run_rm_rf (work);
}

/* --- the ABI knob, and exec in place ------------------------------------ */

static void
test_abi_knob_refuses_nonsense (void)
{
  const char *values[] = { "0", "x", "-1", "99", "" };

  for (gsize i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autoptr (GPtrArray) args = system_args ("--", run_probe_path (), "exit", "0", NULL);
      g_auto (GStrv) envp = g_environ_setenv (g_get_environ (), "CORDON_RUN_TEST_ABI_LIMIT",
                                              values[i], TRUE);
      RunOptions options = { .envp = envp };
      g_autoptr (RunResult) result = run_spawn ((const char *const *) args->pdata, &options);

      run_assert_one_line_error (result, 125, "CORDON_RUN_TEST_ABI_LIMIT");
    }
}

/* Landlock ABI 9 keeps named sockets closed by itself: with no terminal to
 * relay, cordon-run execs in place, as before. Below 9 (here capped to 6,
 * which every kernel with ABI 9 also offers) it supervises. */
static void
test_exec_in_place_from_abi_9 (void)
{
  g_autoptr (GPtrArray) args = system_args ("--", run_probe_path (), "interact", NULL);
  g_auto (GStrv) capped = g_environ_setenv (g_get_environ (), "CORDON_RUN_TEST_ABI_LIMIT", "6",
                                            TRUE);
  RunOptions options = { .envp = capped };
  g_autoptr (RunResult) supervised = run_spawn ((const char *const *) args->pdata, &options);
  g_autoptr (RunResult) plain = NULL;
  int pid = 0, ppid = 0;

  g_assert_cmpint (run_result_exit_code (supervised), ==, 0);
  g_assert_cmpint (sscanf (supervised->out, "ready %d %d", &pid, &ppid), ==, 2);
  g_assert_cmpint (ppid, !=, getpid ());

  if (run_landlock_abi () < 9)
    {
      g_test_skip ("exec in place needs Landlock ABI 9 (LANDLOCK_ACCESS_FS_RESOLVE_UNIX); "
                   "this kernel has less");
      return;
    }
  plain = run_spawn ((const char *const *) args->pdata, NULL);
  g_assert_cmpint (run_result_exit_code (plain), ==, 0);
  g_assert_cmpint (sscanf (plain->out, "ready %d %d", &pid, &ppid), ==, 2);
  g_assert_cmpint (ppid, ==, getpid ());
}

/* --- fail closed --------------------------------------------------------- */

typedef enum
{
  HIDE_PIDFD_GETFD,
  HIDE_USER_NOTIFICATION,
} Hide;

/* Runs in the forked child before exec: a kernel without the feature, as
 * test-run-fail-closed.c fakes one without Landlock. */
static void
hide_setup (gpointer data)
{
  Hide hide = GPOINTER_TO_INT (data);
  scmp_filter_ctx ctx = seccomp_init (SCMP_ACT_ALLOW);
  int ok = 0;

  if (ctx == NULL)
    _exit (97);
  if (hide == HIDE_PIDFD_GETFD)
    ok = seccomp_rule_add (ctx, SCMP_ACT_ERRNO (ENOSYS), seccomp_syscall_resolve_name ("pidfd_getfd"), 0);
  else
    /* Every way to ask for it, or to use it, answers as an old kernel would. */
    ok = seccomp_rule_add (ctx, SCMP_ACT_ERRNO (EOPNOTSUPP), SCMP_SYS (seccomp), 1,
                           SCMP_A0 (SCMP_CMP_EQ, SECCOMP_GET_ACTION_AVAIL))
         | seccomp_rule_add (ctx, SCMP_ACT_ERRNO (EINVAL), SCMP_SYS (seccomp), 1,
                             SCMP_A0 (SCMP_CMP_EQ, SECCOMP_GET_NOTIF_SIZES))
         | seccomp_rule_add (ctx, SCMP_ACT_ERRNO (EINVAL), SCMP_SYS (seccomp), 2,
                             SCMP_A0 (SCMP_CMP_EQ, SECCOMP_SET_MODE_FILTER),
                             SCMP_A1 (SCMP_CMP_MASKED_EQ, SECCOMP_FILTER_FLAG_NEW_LISTENER,
                                      SECCOMP_FILTER_FLAG_NEW_LISTENER));
  if (ok != 0 || prctl (PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 || seccomp_load (ctx) != 0)
    _exit (97);
  seccomp_release (ctx);
}

static void
test_fail_closed (gconstpointer data)
{
  Hide hide = GPOINTER_TO_INT (data);
  g_autofree char *work = run_make_temp_dir ("cordon-run-supervisor-XXXXXX");
  g_autofree char *marker = g_build_filename (work, "marker", NULL);
  g_autoptr (GPtrArray) args = system_args ("--rw", work, "--", run_probe_path (), "create",
                                            marker, NULL);
  RunOptions hidden = { .setup = hide_setup, .setup_data = (gpointer) data };
  g_autoptr (RunResult) refused = NULL;
  g_autoptr (RunResult) twin = NULL;

  if (run_landlock_abi () >= 9)
    {
      g_test_skip ("Landlock ABI 9 needs no mediation");
      run_rm_rf (work);
      return;
    }
  /* --support says so too. */
  {
    const char *support_argv[] = { run_cordon_path (), "--support", NULL };
    g_autoptr (RunResult) support = run_spawn (support_argv, &hidden);
    g_autoptr (RunResult) plain = run_spawn (support_argv, NULL);

    g_assert_nonnull (strstr (support->out, "named sockets: cannot be enforced ("));
    g_assert_nonnull (strstr (plain->out, "named sockets: supervisor\n"));
  }

  refused = run_spawn ((const char *const *) args->pdata, &hidden);
  g_assert_cmpint (run_result_exit_code (refused), !=, 97);
  run_assert_one_line_error (refused, 125,
                             hide == HIDE_PIDFD_GETFD ? "pidfd_getfd" : "user notification");
  g_assert_false (g_file_test (marker, G_FILE_TEST_EXISTS));

  twin = run_spawn ((const char *const *) args->pdata, NULL);
  g_assert_cmpint (run_result_exit_code (twin), ==, 0);
  g_assert_true (g_file_test (marker, G_FILE_TEST_EXISTS));
  run_rm_rf (work);
}

/* --- attacks from inside ------------------------------------------------- */

/* The supervisor runs unconfined: a program that could ptrace it would
 * leave the sandbox. Landlock refuses ptrace of a process outside the
 * program's domain, whatever the uid. The twin, unsandboxed, can. */
static void
test_cannot_ptrace_supervisor (void)
{
  g_autoptr (GPtrArray) args = system_args ("--", run_probe_path (), "ptrace-parent", NULL);
  g_autoptr (RunResult) result = run_spawn ((const char *const *) args->pdata, NULL);
  const char *twin_argv[] = { run_probe_path (), "ptrace-parent", NULL };
  g_autoptr (RunResult) twin = NULL;

  g_assert_cmpint (run_result_exit_code (result), ==, 1);
  g_assert_cmpstr (result->out, ==, "error EPERM\n");

  /* Its parent is this test, which it only seizes (no stop) until it exits. */
  twin = run_spawn (twin_argv, NULL);
  if (g_strcmp0 (twin->out, "ok\n") != 0)
    g_test_message ("unsandboxed, ptrace was refused too (%s): Yama or a container policy",
                    twin->out);
}

/* Killing the supervisor from inside. With signal scoping (Landlock ABI 6)
 * the kill is refused; below it the kill works, and the kernel ends the
 * program with its supervisor, before it can act unwatched. */
static void
test_kill_supervisor_from_inside (gconstpointer data)
{
  int abi = GPOINTER_TO_INT (data);
  g_autofree char *work = run_make_temp_dir ("cordon-run-supervisor-XXXXXX");
  g_autofree char *marker = g_build_filename (work, "unwatched", NULL);
  g_autofree char *abi_text = g_strdup_printf ("%d", abi);
  g_autoptr (GPtrArray) args = system_args ("--rw", work, "--", run_probe_path (),
                                            "kill-parent-then", marker, NULL);
  g_auto (GStrv) envp = g_environ_setenv (g_get_environ (), "CORDON_RUN_TEST_ABI_LIMIT", abi_text,
                                          TRUE);
  RunOptions options = { .envp = envp };
  g_autoptr (RunResult) result = NULL;

  if (run_landlock_abi () < abi)
    {
      g_test_skip ("this kernel's Landlock ABI is lower");
      run_rm_rf (work);
      return;
    }
  result = run_spawn ((const char *const *) args->pdata, &options);
  if (abi >= 6)
    {
      g_assert_cmpint (run_result_exit_code (result), ==, 1);
      g_assert_cmpstr (result->out, ==, "error EPERM\n");
    }
  else
    {
      g_assert_true (WIFSIGNALED (result->wait_status));
      g_assert_cmpint (WTERMSIG (result->wait_status), ==, SIGKILL);
      /* No wait needed: run_spawn read the output to its end, so the
       * program, which shares it, is gone, and a program that outlived
       * its supervisor made the marker before it went. */
    }
  g_assert_false (g_file_test (marker, G_FILE_TEST_EXISTS));
  run_rm_rf (work);
}

static const KilledSupervisor killed_mid_run = { "connect-twice", FALSE, "ok ENOSYS" };
static const KilledSupervisor killed_before_first_call = { "connect-when-orphaned", TRUE,
                                                           "none ENOSYS" };

int
main (int    argc,
      char **argv)
{
  static const struct
  {
    const char *name;
    int         signo;
  } forwarded[] = {
    { "SIGINT", SIGINT }, { "SIGTERM", SIGTERM }, { "SIGHUP", SIGHUP },
    { "SIGQUIT", SIGQUIT }, { "SIGUSR1", SIGUSR1 }, { "SIGUSR2", SIGUSR2 },
  };

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/run/supervisor/exit-status", test_exit_status);
  g_test_add_func ("/run/supervisor/supervised-here", test_supervised_here);
  for (gsize i = 0; i < G_N_ELEMENTS (forwarded); i++)
    {
      g_autofree char *caught = g_strdup_printf ("/run/supervisor/forwarded/%s",
                                                 forwarded[i].name);
      g_autofree char *death = g_strdup_printf ("/run/supervisor/death-by/%s", forwarded[i].name);

      g_test_add_data_func (caught, GINT_TO_POINTER (forwarded[i].signo), test_forwarded);
      g_test_add_data_func (death, GINT_TO_POINTER (forwarded[i].signo),
                            test_death_by_forwarded_signal);
    }
  g_test_add_func ("/run/supervisor/death-by/own-SIGSEGV", test_death_by_own_signal);
  g_test_add_func ("/run/supervisor/stop-and-continue", test_stop_and_continue);
  g_test_add_func ("/run/supervisor/no-descriptor-leaks", test_no_descriptor_leaks);
  g_test_add_func ("/run/supervisor/new-session", test_new_session);
  g_test_add_func ("/run/supervisor/cpu-affinity-kept", test_affinity_kept);
  g_test_add_func ("/run/supervisor/killed", test_supervisor_killed);
  g_test_add_func ("/run/supervisor/orphan-reaped", test_orphan_reaped);
  g_test_add_func ("/run/supervisor/own-credentials-as-user", test_own_credentials_as_user);
  g_test_add_func ("/run/supervisor/mediator-starts-on-first-call",
                   test_mediator_starts_on_first_call);
  g_test_add_func ("/run/supervisor/mediator-first-calls-at-once",
                   test_mediator_first_calls_at_once);
  g_test_add_data_func ("/run/supervisor/killed-leaves-no-mediation", &killed_mid_run,
                        test_killed_supervisor);
  g_test_add_data_func ("/run/supervisor/killed-before-first-call-leaves-no-mediation",
                        &killed_before_first_call, test_killed_supervisor);
  g_test_add_func ("/run/supervisor/killed-leaves-no-tracing",
                   test_killed_supervisor_leaves_no_tracing);
  g_test_add_func ("/run/supervisor/abi-knob/refuses-nonsense", test_abi_knob_refuses_nonsense);
  g_test_add_func ("/run/supervisor/abi-knob/exec-in-place-from-9", test_exec_in_place_from_abi_9);
  g_test_add_func ("/run/supervisor/attack/ptrace-supervisor", test_cannot_ptrace_supervisor);
  g_test_add_data_func ("/run/supervisor/attack/kill-supervisor/abi5", GINT_TO_POINTER (5),
                        test_kill_supervisor_from_inside);
  g_test_add_data_func ("/run/supervisor/attack/kill-supervisor/abi6", GINT_TO_POINTER (6),
                        test_kill_supervisor_from_inside);
  g_test_add_data_func ("/run/supervisor/fail-closed/no-pidfd-getfd",
                        GINT_TO_POINTER (HIDE_PIDFD_GETFD), test_fail_closed);
  g_test_add_data_func ("/run/supervisor/fail-closed/no-user-notification",
                        GINT_TO_POINTER (HIDE_USER_NOTIFICATION), test_fail_closed);

  return g_test_run ();
}
