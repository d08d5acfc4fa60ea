/* bench-launch.c: what starting a program through cordon-run costs (issue 6,
 * benchmark 3; issue 3's benchmark)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each command is started with posix_spawn() and waited for, many rounds;
 * every round runs every command once, in a rotating order, so a burst of
 * load on the machine hits them all alike. Medians, and ratios of medians
 * from the same run.
 *
 * Usage: bench-launch [CORDON-RUN]   (default: $CORDON_RUN)
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench-util.h"
#include "cordon.h"

extern char **environ;

typedef struct
{
  const char *name;
  char      **argv;
  double     *samples;
} Command;

/* /usr and /etc to run /bin/true, the scratch root read-write, and the rest
 * of the @n rules on directories of their own. */
static char *
write_profile (const char *root,
               GPtrArray  *dirs,
               guint       n)
{
  g_autoptr (CordonCapabilitySet) caps = cordon_capability_set_new ();
  g_autoptr (CordonSandboxState) state = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("profile-%u.json", n);
  char *file = g_build_filename (root, name, NULL);

  if (!cordon_capability_set_allow_path (caps, "/usr", CORDON_ACCESS_READ, &error) ||
      !cordon_capability_set_allow_path (caps, "/etc", CORDON_ACCESS_READ, &error) ||
      !cordon_capability_set_allow_path (caps, root, CORDON_ACCESS_READ_WRITE, &error))
    g_error ("%s", error->message);
  for (guint i = 0; i + 3 < n; i++)
    if (!cordon_capability_set_allow_path (caps, g_ptr_array_index (dirs, i), CORDON_ACCESS_READ,
                                           &error))
      g_error ("%s", error->message);

  state = cordon_sandbox_state_from_caps (caps);
  if (!cordon_sandbox_state_save_file (state, file, CORDON_STATE_FORMAT_CORDON, &error))
    g_error ("%s", error->message);
  return file;
}

/* Wall time of one start to exit, in µs; -1 if it did not exit with 0. */
static double
run_once (char **argv)
{
  posix_spawn_file_actions_t actions;
  gint64 start;
  pid_t pid;
  int status;
  int err;

  /* Output goes nowhere, for every command alike. */
  posix_spawn_file_actions_init (&actions);
  posix_spawn_file_actions_addopen (&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen (&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);

  start = bench_now_ns ();
  err = posix_spawn (&pid, argv[0], &actions, NULL, argv, environ);
  posix_spawn_file_actions_destroy (&actions);
  if (err != 0)
    return -1;
  while (waitpid (pid, &status, 0) < 0)
    if (errno != EINTR)
      return -1;
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    return -1;
  return (bench_now_ns () - start) / 1000.0;
}

static char **
command_argv (const char *first,
              ...)
{
  GPtrArray *argv = g_ptr_array_new ();
  va_list args;

  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);
  return (char **) g_ptr_array_free (argv, FALSE);
}

/* Adds @argv if it works here; says why not otherwise. */
static void
add_command (GArray     *commands,
             const char *name,
             char      **argv)
{
  Command command = { name, argv, NULL };

  if (argv[0] == NULL || run_once (argv) < 0)
    {
      printf ("# skipped %s: %s\n", name,
              argv[0] == NULL ? "not installed" : "it does not run here (exit status ≠ 0)");
      g_strfreev (argv);
      return;
    }
  g_array_append_val (commands, command);
}

int
main (int    argc,
      char **argv)
{
  BenchReport report = { 0 };
  const char *cordon_run = argc > 1 ? argv[1] : g_getenv ("CORDON_RUN");
  g_autofree char *root = bench_make_tmpdir ("launch");
  g_autoptr (GPtrArray) dirs = NULL;
  g_autofree char *p50 = NULL;
  g_autofree char *p5000 = NULL;
  g_autofree char *bwrap = g_find_program_in_path ("bwrap");
  g_autofree char *firejail = g_find_program_in_path ("firejail");
  g_autoptr (GArray) commands = g_array_new (FALSE, FALSE, sizeof (Command));
  guint rounds = bench_runs (200);
  double medians[8] = { 0 };

  if (cordon_run == NULL || !g_file_test (cordon_run, G_FILE_TEST_IS_EXECUTABLE))
    {
      printf ("# cordon-run not found: pass its path or set CORDON_RUN\n");
      return 77;
    }

  dirs = bench_make_rule_dirs (root, 5000);
  p50 = write_profile (root, dirs, 50);
  p5000 = write_profile (root, dirs, 5000);

  /* The first three are the ones the targets are about; keep them first. */
  add_command (commands, "/bin/true", command_argv ("/bin/true", NULL));
  add_command (commands, "cordon-run, 50 rules",
               command_argv (cordon_run, "-p", p50, "--", "/bin/true", NULL));
  add_command (commands, "cordon-run, 5,000 rules",
               command_argv (cordon_run, "-p", p5000, "--", "/bin/true", NULL));
  add_command (commands, "bwrap --ro-bind / /",
               command_argv (bwrap, "--ro-bind", "/", "/", "/bin/true", NULL));
  add_command (commands, "firejail --noprofile",
               command_argv (firejail, "--quiet", "--noprofile", "/bin/true", NULL));
  if (commands->len < 3)
    g_error ("cordon-run or /bin/true does not work here; see the lines above");

  for (guint c = 0; c < commands->len; c++)
    g_array_index (commands, Command, c).samples = g_new0 (double, rounds);

  for (guint r = 0; r < rounds; r++)
    for (guint k = 0; k < commands->len; k++)
      {
        Command *command = &g_array_index (commands, Command, (r + k) % commands->len);
        double us = run_once (command->argv);

        if (us < 0)
          g_error ("%s failed", command->name);
        command->samples[r] = us;
      }

  printf ("# launch: median of %u runs each, µs from spawn to exit\n", rounds);
  printf ("%-26s %10s %10s %14s\n", "command", "median", "fastest", "/ /bin/true");
  for (guint c = 0; c < commands->len; c++)
    {
      Command *command = &g_array_index (commands, Command, c);

      medians[c] = bench_median (command->samples, rounds);
      printf ("%-26s %10.0f %10.0f %13.2f×\n", command->name, medians[c],
              bench_min (command->samples, rounds), medians[c] / medians[0]);
    }
  printf ("cordon-run 5,000 rules / 50 rules: %.2f×\n", medians[2] / medians[1]);

  bench_target (&report, medians[1] / medians[0] <= 2.0,
                "cordon-run with 50 rules: %.2f× /bin/true (≤ 2.0×)", medians[1] / medians[0]);
  bench_target (&report, medians[2] / medians[1] <= 1.5,
                "cordon-run with 5,000 rules: %.2f× 50 rules (≤ 1.5×)", medians[2] / medians[1]);

  for (guint c = 0; c < commands->len; c++)
    {
      g_strfreev (g_array_index (commands, Command, c).argv);
      g_free (g_array_index (commands, Command, c).samples);
    }
  bench_rm_rf (root);
  return bench_finish (&report);
}
