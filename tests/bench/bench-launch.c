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
 * Wall time is what the targets are about; CPU time (user + system, from
 * wait4) is printed too, since on a busy machine a process also waits for
 * a CPU and the wall time grows with the load, not with the work.
 *
 * Usage: bench-launch [CORDON-RUN [BENCH-EXEC-FLOOR [BENCH-SUPERVISE-FLOOR
 *                     [CORDON-RUN-IN-PLACE]]]]
 *        (default: $CORDON_RUN, the two floors next to this program, and
 *        $CORDON_RUN_IN_PLACE if set: a cordon-run that execs in place, such
 *        as one built from before the supervisor, for a same-run comparison
 *        on a kernel where today's cordon-run always supervises)
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench-util.h"
#include "cordon.h"

extern char **environ;

typedef struct
{
  const char *name;
  char      **argv;
  double     *samples; /* wall, µs */
  double     *cpu;     /* user + system, µs */
} Command;

/* /usr and /etc to run /bin/true, the scratch root read-write, and the rest
 * of the @n rules on directories of their own. */
static char *
write_profile (const char *root,
               GPtrArray  *dirs,
               guint       n)
{
  g_autoptr (CordonCapabilitySet) caps = cordon_capability_set_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("profile-%u.json", n);

  if (!cordon_capability_set_allow_path (caps, "/usr", CORDON_ACCESS_READ, &error) ||
      !cordon_capability_set_allow_path (caps, "/etc", CORDON_ACCESS_READ, &error) ||
      !cordon_capability_set_allow_path (caps, root, CORDON_ACCESS_READ_WRITE, &error))
    g_error ("%s", error->message);
  for (guint i = 0; i + 3 < n; i++)
    if (!cordon_capability_set_allow_path (caps, g_ptr_array_index (dirs, i), CORDON_ACCESS_READ,
                                           &error))
      g_error ("%s", error->message);

  return bench_save_profile (caps, root, name);
}

/* Wall time of one start to exit, in µs; -1 if it did not exit with 0.
 * @out_cpu (may be NULL) gets the child's user + system time in µs. */
static double
run_once (char  **argv,
          double *out_cpu)
{
  struct rusage usage;
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
  while (wait4 (pid, &status, 0, &usage) < 0)
    if (errno != EINTR)
      return -1;
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    return -1;
  if (out_cpu != NULL)
    *out_cpu = usage.ru_utime.tv_sec * 1e6 + usage.ru_utime.tv_usec +
               usage.ru_stime.tv_sec * 1e6 + usage.ru_stime.tv_usec;
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

/* Adds @argv if it works here and returns its index; says why not and
 * returns -1 otherwise. */
static int
add_command (GArray     *commands,
             const char *name,
             char      **argv)
{
  Command command = { name, argv, NULL, NULL };

  if (argv[0] == NULL || run_once (argv, NULL) < 0)
    {
      printf ("# skipped %s: %s\n", name,
              argv[0] == NULL ? "not installed" : "it does not run here (exit status ≠ 0)");
      g_strfreev (argv);
      return -1;
    }
  g_array_append_val (commands, command);
  return (int) commands->len - 1;
}

int
main (int    argc,
      char **argv)
{
  BenchReport report = { 0 };
  const char *cordon_run = bench_cordon_run (argc, argv);
  g_autofree char *floor = bench_helper_path (argc, argv, 2, "bench-exec-floor");
  g_autofree char *supervise_floor = bench_helper_path (argc, argv, 3, "bench-supervise-floor");
  const char *in_place = argc > 4 ? argv[4] : g_getenv ("CORDON_RUN_IN_PLACE");
  g_autofree char *root = bench_make_tmpdir ("launch");
  g_autoptr (GPtrArray) dirs = NULL;
  g_autofree char *p50 = NULL;
  g_autofree char *p5000 = NULL;
  g_autofree char *bwrap = g_find_program_in_path ("bwrap");
  g_autofree char *firejail = g_find_program_in_path ("firejail");
  g_autoptr (GArray) commands = g_array_new (FALSE, FALSE, sizeof (Command));
  guint rounds = bench_runs (200);
  double medians[10] = { 0 };
  double cpu_medians[10] = { 0 };
  int i_true, i_50, i_5000, i_floor, i_supervise_floor, i_in_place;

  if (cordon_run == NULL)
    return 77;

  dirs = bench_make_rule_dirs (root, 5000);
  p50 = write_profile (root, dirs, 50);
  p5000 = write_profile (root, dirs, 5000);

  i_true = add_command (commands, "/bin/true", command_argv ("/bin/true", NULL));
  i_50 = add_command (commands, "cordon-run, 50 rules",
                      command_argv (cordon_run, "-p", p50, "--", "/bin/true", NULL));
  i_5000 = add_command (commands, "cordon-run, 5,000 rules",
                        command_argv (cordon_run, "-p", p5000, "--", "/bin/true", NULL));
  i_floor = add_command (commands, "same libraries, then exec",
                         command_argv (g_file_test (floor, G_FILE_TEST_IS_EXECUTABLE) ? floor
                                                                                       : NULL,
                                       "/bin/true", NULL));
  i_supervise_floor = add_command (commands, "same libraries, supervise",
                                   command_argv (g_file_test (supervise_floor,
                                                              G_FILE_TEST_IS_EXECUTABLE)
                                                 ? supervise_floor : NULL,
                                                 "/bin/true", NULL));
  i_in_place = add_command (commands, "cordon-run in place, 50",
                            command_argv (in_place, "-p", p50, "--", "/bin/true", NULL));
  add_command (commands, "bwrap --ro-bind / /",
               command_argv (bwrap, "--ro-bind", "/", "/", "/bin/true", NULL));
  add_command (commands, "firejail --noprofile",
               command_argv (firejail, "--quiet", "--noprofile", "/bin/true", NULL));
  if (i_true < 0 || i_50 < 0 || i_5000 < 0)
    g_error ("cordon-run or /bin/true does not work here; see the lines above");

  for (guint c = 0; c < commands->len; c++)
    {
      g_array_index (commands, Command, c).samples = g_new0 (double, rounds);
      g_array_index (commands, Command, c).cpu = g_new0 (double, rounds);
    }

  for (guint r = 0; r < rounds; r++)
    for (guint k = 0; k < commands->len; k++)
      {
        Command *command = &g_array_index (commands, Command, (r + k) % commands->len);
        double us = run_once (command->argv, &command->cpu[r]);

        if (us < 0)
          g_error ("%s failed", command->name);
        command->samples[r] = us;
      }

  printf ("# launch: median of %u runs each; µs from spawn to exit (wall) and of CPU\n", rounds);
  printf ("%-26s %9s %9s %9s %9s %9s\n", "command", "wall", "fastest", "ratio", "CPU",
          "ratio");
  for (guint c = 0; c < commands->len; c++)
    {
      Command *command = &g_array_index (commands, Command, c);
      double fastest = bench_min (command->samples, rounds);

      medians[c] = bench_median (command->samples, rounds);
      cpu_medians[c] = bench_median (command->cpu, rounds);
      printf ("%-26s %9.0f %9.0f %8.2f× %9.0f %8.2f×\n", command->name, medians[c], fastest,
              medians[c] / medians[i_true], cpu_medians[c], cpu_medians[c] / cpu_medians[i_true]);
    }
  printf ("cordon-run 5,000 rules / 50 rules: %.2f× wall, %.2f× CPU\n",
          medians[i_5000] / medians[i_50], cpu_medians[i_5000] / cpu_medians[i_50]);
  if (i_floor >= 0)
    printf ("cordon-run 50 rules / same libraries and exec: %.2f× wall, %.2f× CPU\n",
            medians[i_50] / medians[i_floor], cpu_medians[i_50] / cpu_medians[i_floor]);

  if (i_floor >= 0 && i_supervise_floor >= 0)
    printf ("supervising / exec, same libraries: %.2f× wall, %.2f× CPU\n",
            medians[i_supervise_floor] / medians[i_floor],
            cpu_medians[i_supervise_floor] / cpu_medians[i_floor]);
  if (i_in_place >= 0)
    printf ("cordon-run 50 rules, supervised / in place: %.2f× wall, %.2f× CPU\n",
            medians[i_50] / medians[i_in_place], cpu_medians[i_50] / cpu_medians[i_in_place]);

  bench_target (&report, medians[i_50] / medians[i_true] <= 2.0,
                "cordon-run with 50 rules: %.2f× /bin/true (≤ 2.0×)",
                medians[i_50] / medians[i_true]);
  bench_target (&report, medians[i_5000] / medians[i_50] <= 1.5,
                "cordon-run with 5,000 rules: %.2f× 50 rules (≤ 1.5×)",
                medians[i_5000] / medians[i_50]);

  for (guint c = 0; c < commands->len; c++)
    {
      g_strfreev (g_array_index (commands, Command, c).argv);
      g_free (g_array_index (commands, Command, c).samples);
      g_free (g_array_index (commands, Command, c).cpu);
    }
  bench_rm_rf (root);
  return bench_finish (&report);
}
