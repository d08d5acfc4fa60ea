/* run-util.c: spawning the built cordon-run from tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "run-util.h"

#ifndef SYS_landlock_create_ruleset
#define SYS_landlock_create_ruleset 444
#endif

const char *
run_cordon_path (void)
{
  const char *path = g_getenv ("CORDON_RUN");

  g_assert_nonnull (path);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_EXECUTABLE));
  return path;
}

const char *
run_probe_dir (void)
{
  static char *dir;

  if (dir == NULL)
    {
      g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);

      g_assert_nonnull (self);
      dir = g_path_get_dirname (self);
    }
  return dir;
}

const char *
run_probe_path (void)
{
  static char *path;

  if (path == NULL)
    path = g_build_filename (run_probe_dir (), "cordon-probe", NULL);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_EXECUTABLE));
  return path;
}

void
run_add_system_rules (GPtrArray *args)
{
  static const char *const candidates[] = {
    "/usr", "/etc", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      struct stat st;

      /* On a merged-/usr system /bin and /lib* are links into /usr. */
      if (lstat (candidates[i], &st) != 0 || !S_ISDIR (st.st_mode))
        continue;
      g_ptr_array_add (args, g_strdup ("--ro"));
      g_ptr_array_add (args, g_strdup (candidates[i]));
    }
  g_ptr_array_add (args, g_strdup ("--ro"));
  g_ptr_array_add (args, g_strdup (run_probe_dir ()));
}

void
run_default_signals (void)
{
  static const int signals[] = {
    SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGUSR1, SIGUSR2, SIGTSTP, SIGTTIN, SIGTTOU, SIGCONT,
    SIGWINCH,
  };
  sigset_t set;

  sigemptyset (&set);
  for (gsize i = 0; i < G_N_ELEMENTS (signals); i++)
    {
      signal (signals[i], SIG_DFL);
      sigaddset (&set, signals[i]);
    }
  sigprocmask (SIG_UNBLOCK, &set, NULL);
}

static void
set_cloexec (int fd)
{
  fcntl (fd, F_SETFD, FD_CLOEXEC);
}

RunResult *
run_spawn (const char *const *argv,
           const RunOptions  *options)
{
  static const RunOptions defaults = { 0 };
  RunResult *result = g_new0 (RunResult, 1);
  g_autoptr (GString) out = g_string_new (NULL);
  g_autoptr (GString) err = g_string_new (NULL);
  g_auto (GStrv) inherited = NULL;
  char **envp;
  int in_pipe[2], out_pipe[2], err_pipe[2];
  gsize stdin_written = 0;
  gsize stdin_len;
  pid_t pid;

  if (options == NULL)
    options = &defaults;
  envp = options->envp;
  if (envp == NULL)
    {
      inherited = g_get_environ ();
      envp = inherited;
    }
  stdin_len = options->stdin_text != NULL ? strlen (options->stdin_text) : 0;

  g_assert_no_errno (pipe2 (in_pipe, O_CLOEXEC));
  g_assert_no_errno (pipe2 (out_pipe, O_CLOEXEC));
  g_assert_no_errno (pipe2 (err_pipe, O_CLOEXEC));

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      if (options->stdin_text != NULL)
        dup2 (in_pipe[0], STDIN_FILENO);
      else
        {
          int null_fd = open ("/dev/null", O_RDONLY | O_CLOEXEC);

          dup2 (null_fd, STDIN_FILENO);
        }
      dup2 (out_pipe[1], STDOUT_FILENO);
      dup2 (err_pipe[1], STDERR_FILENO);
      run_default_signals ();
      if (options->setup != NULL)
        options->setup (options->setup_data);
      execve (argv[0], (char **) argv, envp);
      _exit (99);
    }

  close (in_pipe[0]);
  close (out_pipe[1]);
  close (err_pipe[1]);
  set_cloexec (in_pipe[1]);
  if (options->stdin_text == NULL)
    {
      close (in_pipe[1]);
      in_pipe[1] = -1;
    }

  for (;;)
    {
      struct pollfd fds[3] = {
        { out_pipe[0], POLLIN, 0 },
        { err_pipe[0], POLLIN, 0 },
        { in_pipe[1], POLLOUT, 0 },
      };
      char buffer[4096];
      int n_open = (fds[0].fd >= 0) + (fds[1].fd >= 0);

      if (n_open == 0)
        break;
      if (poll (fds, 3, -1) < 0)
        {
          g_assert_cmpint (errno, ==, EINTR);
          continue;
        }
      for (int i = 0; i < 2; i++)
        {
          ssize_t n;

          if (fds[i].fd < 0 || fds[i].revents == 0)
            continue;
          n = read (fds[i].fd, buffer, sizeof buffer);
          if (n > 0)
            g_string_append_len (i == 0 ? out : err, buffer, n);
          else if (n == 0 || errno != EINTR)
            {
              close (fds[i].fd);
              if (i == 0)
                out_pipe[0] = -1;
              else
                err_pipe[0] = -1;
            }
        }
      if (in_pipe[1] >= 0 && fds[2].revents != 0)
        {
          ssize_t n = write (in_pipe[1], options->stdin_text + stdin_written,
                             stdin_len - stdin_written);

          if (n > 0)
            stdin_written += n;
          if (n < 0 || stdin_written == stdin_len)
            {
              close (in_pipe[1]);
              in_pipe[1] = -1;
            }
        }
    }
  if (in_pipe[1] >= 0)
    close (in_pipe[1]);

  while (waitpid (pid, &result->wait_status, 0) < 0)
    g_assert_cmpint (errno, ==, EINTR);

  result->out = g_string_free (g_steal_pointer (&out), FALSE);
  result->err = g_string_free (g_steal_pointer (&err), FALSE);
  if (g_test_verbose ())
    g_test_message ("status %d; stdout: %s; stderr: %s", result->wait_status, result->out,
                    result->err);
  return result;
}

RunResult *
run_cordon (const char *const *args,
            const RunOptions  *options)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (gpointer) run_cordon_path ());
  for (gsize i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  if (g_test_verbose ())
    {
      g_autofree char *line = g_strjoinv (" ", (char **) argv->pdata);

      g_test_message ("running %s", line);
    }
  return run_spawn ((const char *const *) argv->pdata, options);
}

RunResult *
run_cordon_va (const char *first,
               ...)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  va_list ap;

  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  return run_cordon ((const char *const *) args->pdata, NULL);
}

void
run_result_free (RunResult *result)
{
  if (result == NULL)
    return;
  g_free (result->out);
  g_free (result->err);
  g_free (result);
}

int
run_result_exit_code (RunResult *result)
{
  if (!WIFEXITED (result->wait_status))
    g_error ("not a normal exit: wait status %d; stderr: %s", result->wait_status,
             result->err);
  return WEXITSTATUS (result->wait_status);
}

void
run_assert_one_line_error (RunResult  *result,
                           int         code,
                           const char *needle)
{
  const char *newline;

  g_assert_cmpint (run_result_exit_code (result), ==, code);
  g_assert_true (g_str_has_prefix (result->err, "cordon-run: "));
  newline = strchr (result->err, '\n');
  g_assert_nonnull (newline);
  g_assert_cmpstr (newline + 1, ==, "");
  if (needle != NULL && strstr (result->err, needle) == NULL)
    g_error ("stderr “%s” does not mention “%s”", result->err, needle);
}

char *
run_make_temp_dir (const char *template_name)
{
  g_autoptr (GError) error = NULL;
  char *dir = g_dir_make_tmp (template_name, &error);

  g_assert_no_error (error);
  return dir;
}

void
run_rm_rf (const char *path)
{
  struct stat st;

  if (lstat (path, &st) != 0)
    return;
  if (S_ISDIR (st.st_mode))
    {
      g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      /* A test may have made the directory unreadable. */
      chmod (path, 0700);
      if (dir == NULL)
        dir = g_dir_open (path, 0, NULL);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          run_rm_rf (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

void
run_write_file (const char *path,
                const char *contents)
{
  g_autoptr (GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

int
run_landlock_abi (void)
{
  long abi;

  /* valgrind answers landlock_*(2) with ENOSYS for the process it runs,
   * not for the cordon-run that process spawns: ask the kernel from a
   * spawned cordon-probe, which runs outside valgrind. */
  if (g_getenv ("CORDON_UNDER_VALGRIND") != NULL)
    {
      const char *argv[] = { run_probe_path (), "landlock-abi", NULL };
      g_autoptr (RunResult) probe = run_spawn (argv, NULL);

      g_assert_cmpint (run_result_exit_code (probe), ==, 0);
      return (int) g_ascii_strtoll (probe->out, NULL, 10);
    }
  abi = syscall (SYS_landlock_create_ruleset, NULL, 0, 1U /* VERSION */);
  return abi < 0 ? 0 : (int) abi;
}

gboolean
run_skip_under_valgrind (const char *why)
{
  if (g_getenv ("CORDON_UNDER_VALGRIND") == NULL)
    return FALSE;
  g_test_skip_printf ("not under valgrind: %s", why);
  return TRUE;
}

void
run_dup_fd_setup (gpointer data)
{
  RunDupFd *dup = data;

  dup2 (dup->from, dup->to);
}

char *
run_profile_json (const char *path,
                  const char *access,
                  gboolean    net_blocked)
{
  return g_strdup_printf ("{ \"fs\": [ { \"path\": \"%s\", \"access\": \"%s\", "
                          "\"is_file\": false } ], \"net_blocked\": %s }",
                          path, access, net_blocked ? "true" : "false");
}

char *
run_granted_json (const char *granted_path,
                  const char *access)
{
  return g_strdup_printf ("{\"status\":\"allowed\",\"reason\":\"granted_path\","
                          "\"granted_path\":\"%s\",\"access\":\"%s\"}\n",
                          granted_path, access);
}

char
run_process_state (pid_t pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", (int) pid);
  g_autofree char *contents = NULL;
  const char *paren;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return '?';
  /* The name in parentheses may hold spaces and ')': the state follows the last one. */
  paren = strrchr (contents, ')');
  g_assert_nonnull (paren);
  return paren[2];
}

void
run_wait_for_state (pid_t pid,
                    char  state)
{
  for (int i = 0; i < 500 && run_process_state (pid) != state; i++)
    g_usleep (10000);
  g_assert_cmpint (run_process_state (pid), ==, state);
}
