/* test-run-pty.c: the program gets a terminal of its own (issue 12, item 5)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The test plays the user's terminal: it opens a pseudo-terminal, makes it
 * the controlling terminal of a new session and runs cordon-run there, as a
 * shell would. The program must see a terminal of its own (its size, its
 * session), the user's terminal must be raw while it runs and restored on
 * every way out, Ctrl+C must reach the program, and nothing the program
 * leaves behind may read the next line the user types.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "run-util.h"

typedef struct
{
  pid_t          pid;
  int            master;    /* the terminal emulator's side */
  int            follower;  /* the shell's side, kept to check its modes */
  struct termios before;
  GString       *out;
  gboolean       exited;
  int            status;
} Term;

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

typedef enum
{
  RUN_DIRECTLY,
  RUN_AS_JOB,              /* in the foreground, as a typed command */
  RUN_AS_BACKGROUND_JOB,   /* cmd & (or the Cordon app started from a terminal) */
} RunMode;

/* Runs in the session leader: a small shell that starts @argv as a job of
 * its own (in the foreground unless @background), and when the job stops
 * says "[stopped N]", takes the terminal back and waits for the line "fg".
 * Exits as the job did (128 + N for a signal). */
static void G_GNUC_NORETURN
mini_shell (const char *const *argv,
            int                tty,
            gboolean           background)
{
  pid_t job;
  int status;

  signal (SIGTTOU, SIG_IGN);
  job = fork ();
  if (job < 0)
    _exit (98);
  if (job == 0)
    {
      setpgid (0, 0);
      signal (SIGTTOU, SIG_DFL);
      execv (argv[0], (char **) argv);
      _exit (99);
    }
  setpgid (job, job);
  if (!background)
    tcsetpgrp (tty, job);
  for (;;)
    {
      char line[64] = "";
      char text[64];

      if (waitpid (job, &status, WUNTRACED) < 0)
        _exit (98);
      if (WIFEXITED (status))
        _exit (WEXITSTATUS (status));
      if (WIFSIGNALED (status))
        _exit (128 + WTERMSIG (status));
      tcsetpgrp (tty, getpgrp ());
      snprintf (text, sizeof text, "[stopped %d]\n", WSTOPSIG (status));
      if (write (tty, text, strlen (text)) < 0 || read (tty, line, sizeof line - 1) <= 0
          || strcmp (line, "fg\n") != 0)
        _exit (97);
      tcsetpgrp (tty, job);
      kill (-job, SIGCONT);
    }
}

static Term *
term_start_full (const char *const *argv,
                 RunMode            mode)
{
  Term *term = g_new0 (Term, 1);
  struct winsize size = { .ws_row = 33, .ws_col = 101 };
  char name[128];

  term->master = posix_openpt (O_RDWR | O_NOCTTY | O_CLOEXEC);
  g_assert_cmpint (term->master, >=, 0);
  g_assert_no_errno (grantpt (term->master));
  g_assert_no_errno (unlockpt (term->master));
  g_assert_cmpint (ptsname_r (term->master, name, sizeof name), ==, 0);
  term->follower = open (name, O_RDWR | O_NOCTTY | O_CLOEXEC);
  g_assert_cmpint (term->follower, >=, 0);
  g_assert_no_errno (ioctl (term->master, TIOCSWINSZ, &size));
  g_assert_no_errno (tcgetattr (term->follower, &term->before));
  g_assert_true (term->before.c_lflag & ICANON);
  g_assert_true (term->before.c_lflag & ECHO);
  term->out = g_string_new (NULL);

  term->pid = fork ();
  g_assert_cmpint (term->pid, >=, 0);
  if (term->pid == 0)
    {
      int follower = term->follower;

      /* Only the test holds the emulator's side: if it dies (a failed
       * assertion), the terminal hangs up and takes everything here along,
       * rather than leaving it running. */
      close (term->master);
      /* Nothing else of the Term is needed here. mini_shell () ends in
       * _exit () without exec: under valgrind that is a leak check of this
       * process, where no live variable points at the Term any more. */
      g_string_free (term->out, TRUE);
      g_free (term);
      run_default_signals ();
      /* A login shell's place: session leader, the terminal its own. */
      if (setsid () < 0 || ioctl (follower, TIOCSCTTY, 0) != 0)
        _exit (98);
      for (int fd = 0; fd <= 2; fd++)
        dup2 (follower, fd);
      if (mode != RUN_DIRECTLY)
        mini_shell (argv, STDIN_FILENO, mode == RUN_AS_BACKGROUND_JOB);
      execv (argv[0], (char **) argv);
      _exit (99);
    }
  return term;
}

static Term *
term_start (const char *const *argv)
{
  return term_start_full (argv, RUN_DIRECTLY);
}

/* With cordon-run as a job of a shell (mini_shell), as when a user types
 * the command: job control needs that. */
static Term *
term_start_job (const char *const *argv)
{
  return term_start_full (argv, RUN_AS_JOB);
}

static void
term_read_some (Term *term,
                int   timeout_ms)
{
  struct pollfd fd = { term->master, POLLIN, 0 };
  char chunk[512];
  ssize_t n;

  if (poll (&fd, 1, timeout_ms) <= 0)
    return;
  n = read (term->master, chunk, sizeof chunk);
  if (n > 0)
    g_string_append_len (term->out, chunk, n);
}

/* Reads the terminal until @needle shows (10 s at most). */
static void
term_expect (Term       *term,
             const char *needle)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (strstr (term->out->str, needle) == NULL)
    {
      if (g_get_monotonic_time () > deadline)
        {
          g_autofree char *escaped = g_strescape (term->out->str, NULL);

          g_error ("“%s” never showed; the terminal said: %s", needle, escaped);
        }
      term_read_some (term, 100);
    }
}

static void
term_write (Term       *term,
            const char *text)
{
  g_assert_cmpint (write (term->master, text, strlen (text)), ==, (gssize) strlen (text));
}

static int
term_wait (Term *term)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!term->exited)
    {
      pid_t pid = waitpid (term->pid, &term->status, WNOHANG);

      g_assert_cmpint (pid, >=, 0);
      if (pid == term->pid)
        term->exited = TRUE;
      else if (g_get_monotonic_time () > deadline)
        g_error ("cordon-run did not exit; the terminal said: %s", term->out->str);
      else
        term_read_some (term, 20);
    }
  return term->status;
}

/* The user's terminal is as it was before cordon-run started. */
static void
assert_restored (Term *term)
{
  struct termios now;

  g_assert_no_errno (tcgetattr (term->follower, &now));
  g_assert_cmpuint (now.c_lflag, ==, term->before.c_lflag);
  g_assert_cmpuint (now.c_iflag, ==, term->before.c_iflag);
  g_assert_cmpuint (now.c_oflag, ==, term->before.c_oflag);
  g_assert_cmpuint (now.c_cflag, ==, term->before.c_cflag);
}

static void
assert_raw (Term *term)
{
  struct termios now;

  g_assert_no_errno (tcgetattr (term->follower, &now));
  g_assert_false (now.c_lflag & (ICANON | ECHO | ISIG));
}

/* Waits (10 s at most) until cordon-run has made the user's terminal raw,
 * which it does once the program is already running. */
static void
term_wait_raw (Term *term)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  struct termios now;

  for (;;)
    {
      g_assert_no_errno (tcgetattr (term->follower, &now));
      if (!(now.c_lflag & (ICANON | ECHO | ISIG)))
        return;
      if (g_get_monotonic_time () > deadline)
        g_error ("cordon-run never made the terminal raw; it said: %s", term->out->str);
      term_read_some (term, 20);
    }
}

/* From /proc/PID/stat: the name, the parent, the process group and the
 * foreground group of the process's terminal. FALSE once it is gone. */
static gboolean
read_stat (pid_t  pid,
           char **out_name,
           pid_t *out_ppid,
           pid_t *out_pgrp,
           pid_t *out_tpgid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", (int) pid);
  g_autofree char *contents = NULL;
  const char *open_paren;
  const char *close_paren;
  int ppid, pgrp, tpgid;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return FALSE;
  /* The name may hold spaces and ')': it ends at the last one. */
  open_paren = strchr (contents, '(');
  close_paren = strrchr (contents, ')');
  if (open_paren == NULL || close_paren == NULL || close_paren < open_paren
      || sscanf (close_paren + 2, "%*c %d %d %*d %*d %d", &ppid, &pgrp, &tpgid) != 3)
    return FALSE;
  if (out_name != NULL)
    *out_name = g_strndup (open_paren + 1, close_paren - open_paren - 1);
  *out_ppid = ppid;
  *out_pgrp = pgrp;
  *out_tpgid = tpgid;
  return TRUE;
}

static gboolean
is_below (pid_t pid,
          pid_t ancestor)
{
  for (int depth = 0; depth < 64 && pid > 1; depth++)
    {
      pid_t pgrp, tpgid;

      if (pid == ancestor)
        return TRUE;
      if (!read_stat (pid, NULL, &pid, &pgrp, &tpgid))
        return FALSE;
    }
  return FALSE;
}

/* Waits (10 s at most) until a process named @name, started below this
 * terminal's session, is in the foreground of its own terminal: what is
 * typed now reaches it, not the shell that started it. */
static void
term_wait_foreground (Term       *term,
                      const char *name)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  for (;;)
    {
      g_autoptr (GDir) proc = g_dir_open ("/proc", 0, NULL);
      const char *entry;

      g_assert_nonnull (proc);
      while ((entry = g_dir_read_name (proc)) != NULL)
        {
          g_autofree char *comm = NULL;
          pid_t pid, ppid, pgrp, tpgid;

          if (!g_ascii_isdigit (entry[0]))
            continue;
          pid = (pid_t) atoi (entry);
          if (read_stat (pid, &comm, &ppid, &pgrp, &tpgid) && g_str_equal (comm, name)
              && pgrp == tpgid && is_below (ppid, term->pid))
            return;
        }
      if (g_get_monotonic_time () > deadline)
        g_error ("no “%s” got the foreground; the terminal said: %s", name, term->out->str);
      term_read_some (term, 20);
    }
}

static void
term_free (Term *term)
{
  if (!term->exited)
    {
      kill (term->pid, SIGKILL);
      waitpid (term->pid, NULL, 0);
    }
  close (term->master);
  close (term->follower);
  g_string_free (term->out, TRUE);
  g_free (term);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Term, term_free)

/* A session and a terminal of its own, as large as the user's. */
static void
test_own_terminal (void)
{
  g_autoptr (GPtrArray) args = system_args ("--", run_probe_path (), "session", NULL);
  g_autoptr (Term) term = term_start ((const char *const *) args->pdata);
  int status;

  term_expect (term, "session-leader=1 tty=1 foreground=1 rows=33 cols=101");
  status = term_wait (term);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  assert_restored (term);
}

/* Neither end of the new terminal but the standard streams, nor the
 * caller's terminal, reaches the program. */
static void
test_no_descriptor_leaks (void)
{
  g_autoptr (GPtrArray) args = system_args ("--", run_probe_path (), "fds", NULL);
  g_autoptr (Term) term = term_start ((const char *const *) args->pdata);
  int status;

  status = term_wait (term);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  term_expect (term, "fds:\r\n");
}

/* Output the program wrote just before it exited still reaches the user's
 * terminal: the relay drains it before cordon-run exits. */
static void
test_all_output_arrives (void)
{
  g_autoptr (GPtrArray) args = system_args ("--", run_probe_path (), "spew", "4000", NULL);
  g_autoptr (Term) term = term_start ((const char *const *) args->pdata);
  gint64 deadline;
  gsize count = 0;
  int status;

  status = term_wait (term);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  do
    {
      term_read_some (term, 100);
      count = 0;
      for (const char *p = term->out->str; *p != '\0'; p++)
        count += *p == 'x';
    }
  while (count < 4000 * 63 && g_get_monotonic_time () < deadline);
  g_assert_cmpuint (count, ==, 4000 * 63);
}

/* Raw while it runs; typed lines and Ctrl+D go through the program's own
 * line discipline; the user's modes come back. */
static void
test_relay_and_restore (void)
{
  g_autoptr (GPtrArray) args = system_args ("--", run_probe_path (), "interact", NULL);
  g_autoptr (Term) term = term_start ((const char *const *) args->pdata);
  int status;

  term_expect (term, "ready ");
  assert_raw (term);
  term_write (term, "hello\r");
  term_expect (term, "got hello");
  term_write (term, "\x04");
  status = term_wait (term);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  assert_restored (term);
}

/* Ctrl+C is a byte to the user's raw terminal; the program's terminal
 * makes it SIGINT, and cordon-run dies of it too, terminal restored. */
static void
test_ctrl_c (void)
{
  g_autoptr (GPtrArray) args = system_args ("--", run_probe_path (), "interact", NULL);
  g_autoptr (Term) term = term_start ((const char *const *) args->pdata);
  int status;

  term_expect (term, "ready ");
  term_write (term, "\x03");
  status = term_wait (term);
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, SIGINT);
  assert_restored (term);
}

/* SIGTERM or SIGHUP to cordon-run: forwarded, the program dies, the
 * terminal is restored before cordon-run dies of the same signal. */
static void
test_signal_restores (gconstpointer data)
{
  int signo = GPOINTER_TO_INT (data);
  g_autoptr (GPtrArray) args = system_args ("--", run_probe_path (), "interact", NULL);
  g_autoptr (Term) term = term_start ((const char *const *) args->pdata);
  int status;

  term_expect (term, "ready ");
  assert_raw (term);
  g_assert_no_errno (kill (term->pid, signo));
  status = term_wait (term);
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, signo);
  assert_restored (term);
}

/* The user resizes the window: the program's terminal follows. */
static void
test_window_size (void)
{
  g_autoptr (GPtrArray) args = system_args ("--", run_probe_path (), "interact", NULL);
  g_autoptr (Term) term = term_start ((const char *const *) args->pdata);
  struct winsize size = { .ws_row = 40, .ws_col = 120 };
  gint64 deadline;

  term_expect (term, "ready ");
  g_assert_no_errno (ioctl (term->master, TIOCSWINSZ, &size));
  /* SIGWINCH and the typed line race inside cordon-run; ask until the news
   * has arrived. */
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (strstr (term->out->str, "size 40 120") == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      term_write (term, "size\r");
      term_read_some (term, 200);
    }
  term_write (term, "\x04");
  g_assert_cmpint (WEXITSTATUS (term_wait (term)), ==, 0);
}

/* Ctrl+Z: the program's own session would discard the SIGTSTP its
 * terminal makes, so cordon-run stops it and itself, gives the terminal
 * back to the shell, and resumes both, raw again, on fg. */
static void
test_ctrl_z (gconstpointer data)
{
  /* With --report the program is traced: its stops are ptrace stops too. */
  g_autofree char *dir = run_make_temp_dir ("cordon-pty-report-XXXXXX");
  g_autofree char *report = g_build_filename (dir, "report", NULL);
  g_autoptr (GPtrArray) args = GPOINTER_TO_INT (data)
    ? system_args ("--report", report, "--", run_probe_path (), "interact", NULL)
    : system_args ("--", run_probe_path (), "interact", NULL);
  g_autoptr (Term) term = term_start_job ((const char *const *) args->pdata);
  const char *ready;
  int program = 0;
  int status;

  term_expect (term, "ready ");
  ready = strstr (term->out->str, "ready ");
  g_assert_cmpint (sscanf (ready, "ready %d", &program), ==, 1);
  assert_raw (term);

  term_write (term, "\x1a");
  term_expect (term, "[stopped 20]");
  /* A traced process stopped by job control shows as "t" (tracing stop). */
  run_wait_for_state (program, GPOINTER_TO_INT (data) ? 't' : 'T');
  assert_restored (term);

  term_write (term, "fg\n");
  run_wait_for_state (program, 'S');
  term_write (term, "after\r");
  term_expect (term, "got after");
  assert_raw (term);
  term_write (term, "\x04");
  status = term_wait (term);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  assert_restored (term);
  run_rm_rf (dir);
}

/* An interactive shell inside has job control of its own: Ctrl+Z stops
 * its job, not cordon-run, and the shell goes on. */
static void
test_job_control_inside (gconstpointer data)
{
  g_autofree char *bash = g_find_program_in_path ("bash");
  g_autofree char *dir = run_make_temp_dir ("cordon-pty-report-XXXXXX");
  g_autofree char *report = g_build_filename (dir, "report", NULL);
  g_autoptr (GPtrArray) args = NULL;
  g_autoptr (Term) term = NULL;
  int status;

  if (bash == NULL)
    {
      g_test_skip ("bash is not installed");
      return;
    }
  args = GPOINTER_TO_INT (data)
    ? system_args ("--report", report, "--setenv", "PS1=inside> ", "--", bash, "--norc",
                   "--noprofile", "-i", NULL)
    : system_args ("--setenv", "PS1=inside> ", "--", bash, "--norc", "--noprofile", "-i", NULL);
  term = term_start_job ((const char *const *) args->pdata);
  term_expect (term, "inside> ");
  term_write (term, "sleep 30\r");
  /* Ctrl+Z typed before the job has the terminal would go to the shell,
   * which ignores it. */
  term_wait_foreground (term, "sleep");
  term_write (term, "\x1a");
  term_expect (term, "Stopped");
  /* The shell says its job is stopped and exits at the second asking. */
  term_write (term, "exit 7\r");
  term_expect (term, "stopped jobs");
  term_write (term, "exit 7\r");
  status = term_wait (term);
  g_assert_null (strstr (term->out->str, "[stopped"));
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 7);
  run_rm_rf (dir);
  assert_restored (term);
}

/* Started in the background, cordon-run leaves the terminal's modes and
 * what is typed there to the shell, and neither it nor the program stops. */
static void
test_background_leaves_input_alone (void)
{
  g_autoptr (GPtrArray) args = system_args ("--", run_probe_path (), "interact", NULL);
  g_autoptr (Term) term = term_start_full ((const char *const *) args->pdata,
                                           RUN_AS_BACKGROUND_JOB);
  struct pollfd shell = { 0, POLLIN, 0 };
  char line[64] = "";
  int program = 0;
  int status;

  term_expect (term, "ready ");
  g_assert_cmpint (sscanf (strstr (term->out->str, "ready "), "ready %d", &program), ==, 1);
  assert_restored (term);

  term_write (term, "typed\n");
  g_usleep (300000);
  g_assert_cmpint (run_process_state (program), ==, 'S');
  shell.fd = term->follower;
  g_assert_cmpint (poll (&shell, 1, 5000), ==, 1);
  g_assert_cmpint (read (term->follower, line, sizeof line - 1), ==, 6);
  g_assert_cmpstr (line, ==, "typed\n");
  g_assert_null (strstr (term->out->str, "[stopped"));

  g_assert_no_errno (kill (program, SIGTERM));
  status = term_wait (term);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 128 + SIGTERM);
  assert_restored (term);
}

static char *
wait_for_file (const char *path)
{
  char *contents = NULL;

  for (int i = 0; i < 1000 && !g_file_get_contents (path, &contents, NULL, NULL); i++)
    g_usleep (10000);
  g_assert_nonnull (contents);
  return contents;
}

/* The line the user types after the program has exited goes to the user's
 * shell (here: the test reading its side), never to a process the program
 * left behind. The twin without cordon-run shows the attack works. */
/* Below Landlock ABI 6 the program may signal processes outside its
 * sandbox, cordon-run included. SIGKILL leaves nothing behind to restore
 * the user's terminal: it stays raw (documented in SECURITY.md; `stty
 * sane` or `reset` repairs it). At ABI 6 the same kill is refused, and the
 * program's exit restores the terminal. */
static void
test_supervisor_killed_from_inside (gconstpointer data)
{
  int abi = GPOINTER_TO_INT (data);
  g_autofree char *limit = g_strdup_printf ("%d", abi);
  g_autoptr (GPtrArray) args =
    system_args ("--", "/bin/sh", "-c", "read go; kill -KILL $PPID || echo refused; exit 3",
                 NULL);
  g_autoptr (Term) term = NULL;
  int status;

  if (run_landlock_abi () < abi)
    {
      g_test_skip ("the kernel's Landlock ABI is lower than this case needs");
      return;
    }
  g_setenv ("CORDON_RUN_TEST_ABI_LIMIT", limit, TRUE);
  term = term_start ((const char *const *) args->pdata);
  g_unsetenv ("CORDON_RUN_TEST_ABI_LIMIT");
  /* The program runs before cordon-run sets the terminal up: killed
   * before that, it would leave the terminal as it was. The case is the
   * supervisor killed while it relays, so the kill waits for that. */
  term_wait_raw (term);
  term_write (term, "go\n");
  status = term_wait (term);
  g_test_message ("status %d, the terminal said: %s", status, term->out->str);
  if (abi < 6)
    {
      g_assert_true (WIFSIGNALED (status));
      g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);
      assert_raw (term);
    }
  else
    {
      term_expect (term, "refused");
      g_assert_true (WIFEXITED (status));
      g_assert_cmpint (WEXITSTATUS (status), ==, 3);
      assert_restored (term);
    }
}

static void
test_outliving_child_cannot_read (gconstpointer data)
{
  gboolean through_cordon = GPOINTER_TO_INT (data);
  g_autofree char *work = run_make_temp_dir ("cordon-run-pty-XXXXXX");
  g_autofree char *file = g_build_filename (work, "stolen", NULL);
  g_autoptr (GPtrArray) args = through_cordon
    ? system_args ("--rw", work, "--", run_probe_path (), "outlive", file, NULL)
    : NULL;
  const char *direct[] = { run_probe_path (), "outlive", file, NULL };
  g_autoptr (Term) term = term_start (through_cordon ? (const char *const *) args->pdata
                                                     : direct);
  g_autofree char *stolen = NULL;
  struct pollfd shell = { 0, POLLIN, 0 };
  char line[64] = "";
  int status;

  term_expect (term, "ready ");
  status = term_wait (term);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  assert_restored (term);

  term_write (term, "secret\n");
  stolen = wait_for_file (file);
  g_test_message ("the left-behind process got: %s", stolen);
  if (!through_cordon)
    {
      g_assert_cmpstr (stolen, ==, "read:secret\n");
      run_rm_rf (work);
      return;
    }
  g_assert_null (strstr (stolen, "secret"));
  /* …and the shell still gets it. */
  shell.fd = term->follower;
  g_assert_cmpint (poll (&shell, 1, 5000), ==, 1);
  g_assert_cmpint (read (term->follower, line, sizeof line - 1), ==, 7);
  g_assert_cmpstr (line, ==, "secret\n");
  run_rm_rf (work);
}

/* The user's terminal goes away (its window closed) while the program,
 * like nohup, ignores the hang-up and goes on. poll () reports a hung-up
 * descriptor whatever events it was asked for, so cordon-run must stop
 * watching that terminal rather than wake for it forever: it sleeps until
 * the program ends. */
/* Spinning, cordon-run would be running or runnable at nearly every look;
 * asleep in poll () it is at almost none. */
static void
assert_asleep (pid_t pid)
{
  guint running = 0;

  for (int i = 0; i < 50; i++)
    {
      char state = run_process_state (pid);

      g_assert_cmpint (state, !=, 'Z');
      if (state == 'R')
        running++;
      g_usleep (20000);
    }
  g_assert_cmpuint (running, <, 10);
}

static void
test_user_terminal_hangs_up (void)
{
  g_autoptr (GPtrArray) args = system_args ("--", "/bin/sh", "-c",
                                            "trap '' HUP; echo ready; exec sleep 60", NULL);
  g_autoptr (Term) term = term_start ((const char *const *) args->pdata);

  term_expect (term, "ready");
  term_wait_raw (term);
  /* The emulator's side closed: the terminal hangs up. The test's copy of
   * the other side only keeps its modes readable. */
  close (term->master);
  term->master = open ("/dev/null", O_RDONLY | O_CLOEXEC);
  assert_asleep (term->pid);
}

/* The program closes its terminal and goes on (a daemon's way): the
 * program's side hangs up, which poll () reports on every turn too. */
static void
test_program_closes_terminal (void)
{
  g_autoptr (GPtrArray) args = system_args (
      "--", "/bin/sh", "-c", "echo ready; exec sleep 60 <&- >&- 2>&-", NULL);
  g_autoptr (Term) term = term_start ((const char *const *) args->pdata);
  int status;

  term_expect (term, "ready");
  term_wait_raw (term);
  assert_asleep (term->pid);
  /* Still supervising: an interrupt reaches the program, whose end ends
   * cordon-run with the same signal, the user's terminal restored. */
  kill (term->pid, SIGINT);
  status = term_wait (term);
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, SIGINT);
  assert_restored (term);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/run/pty/own-terminal", test_own_terminal);
  g_test_add_func ("/run/pty/no-descriptor-leaks", test_no_descriptor_leaks);
  g_test_add_func ("/run/pty/all-output-arrives", test_all_output_arrives);
  g_test_add_func ("/run/pty/relay-and-restore", test_relay_and_restore);
  g_test_add_func ("/run/pty/ctrl-c", test_ctrl_c);
  g_test_add_data_func ("/run/pty/ctrl-z", GINT_TO_POINTER (FALSE), test_ctrl_z);
  g_test_add_data_func ("/run/pty/ctrl-z/report", GINT_TO_POINTER (TRUE), test_ctrl_z);
  g_test_add_data_func ("/run/pty/job-control-inside", GINT_TO_POINTER (FALSE),
                        test_job_control_inside);
  g_test_add_data_func ("/run/pty/job-control-inside/report", GINT_TO_POINTER (TRUE),
                        test_job_control_inside);
  g_test_add_func ("/run/pty/background-leaves-input-alone", test_background_leaves_input_alone);
  g_test_add_data_func ("/run/pty/supervisor-killed-from-inside/abi5", GINT_TO_POINTER (5),
                        test_supervisor_killed_from_inside);
  g_test_add_data_func ("/run/pty/supervisor-killed-from-inside/abi6", GINT_TO_POINTER (6),
                        test_supervisor_killed_from_inside);
  g_test_add_data_func ("/run/pty/restored-on/SIGTERM", GINT_TO_POINTER (SIGTERM),
                        test_signal_restores);
  g_test_add_data_func ("/run/pty/restored-on/SIGHUP", GINT_TO_POINTER (SIGHUP),
                        test_signal_restores);
  g_test_add_func ("/run/pty/window-size", test_window_size);
  g_test_add_func ("/run/pty/user-terminal-hangs-up", test_user_terminal_hangs_up);
  g_test_add_func ("/run/pty/program-closes-terminal", test_program_closes_terminal);
  g_test_add_data_func ("/run/pty/outliving-child/attack-without-cordon", GINT_TO_POINTER (FALSE),
                        test_outliving_child_cannot_read);
  g_test_add_data_func ("/run/pty/outliving-child/cannot-read", GINT_TO_POINTER (TRUE),
                        test_outliving_child_cannot_read);

  return g_test_run ();
}
