/* bench-link.c: does a launcher start faster with libcordon linked in
 * statically or loaded as libcordon-1.so? (issue 16)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two builds of the same launcher (bench-link-launcher.c: load a profile,
 * apply it, exec), one linking the static archive as cordon-run does, one
 * linking the shared library. Each round runs both, in alternating order,
 * for a command that only starts and answers (--support: no exec of another
 * program) and for a real launch of /bin/true under a small profile.
 * Medians of wall and CPU time, and the shared build's ratio to the static
 * one, measured in the same run.
 *
 * Usage: bench-link [STATIC-LAUNCHER [SHARED-LAUNCHER]]
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

extern char **environ;

/* Wall time of one start to exit in µs (-1 if it did not exit with 0);
 * the child's user + system time in *@out_cpu. */
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
  *out_cpu = usage.ru_utime.tv_sec * 1e6 + usage.ru_utime.tv_usec +
             usage.ru_stime.tv_sec * 1e6 + usage.ru_stime.tv_usec;
  return (bench_now_ns () - start) / 1000.0;
}

typedef struct
{
  const char *what;
  char       *argv[8];
  double     *wall;
  double     *cpu;
} Command;

int
main (int    argc,
      char **argv)
{
  BenchReport report = { 0 };
  g_autofree char *launcher = bench_helper_path (argc, argv, 1, "bench-link-static");
  g_autofree char *shared = bench_helper_path (argc, argv, 2, "bench-link-shared");
  g_autofree char *root = bench_make_tmpdir ("link");
  g_autoptr (CordonCapabilitySet) caps = cordon_capability_set_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *profile = NULL;
  guint rounds = bench_runs (300);
  Command commands[4];
  double wall[4], cpu[4];

  if (!g_file_test (launcher, G_FILE_TEST_IS_EXECUTABLE) ||
      !g_file_test (shared, G_FILE_TEST_IS_EXECUTABLE))
    {
      printf ("# skipped: %s or %s is not built\n", launcher, shared);
      return 77;
    }

  if (!cordon_capability_set_allow_path (caps, "/usr", CORDON_ACCESS_READ, &error) ||
      !cordon_capability_set_allow_path (caps, "/etc", CORDON_ACCESS_READ, &error) ||
      !cordon_capability_set_allow_path (caps, root, CORDON_ACCESS_READ_WRITE, &error))
    g_error ("%s", error->message);
  profile = bench_save_profile (caps, root, "profile.json");

  for (guint c = 0; c < 4; c++)
    {
      const char *exe = c % 2 == 0 ? launcher : shared;
      Command *command = &commands[c];

      command->what = c < 2 ? "P --support" : "P -- /bin/true";
      command->argv[0] = (char *) exe;
      command->argv[1] = profile;
      if (c < 2)
        {
          command->argv[2] = (char *) "--support";
          command->argv[3] = NULL;
        }
      else
        {
          command->argv[2] = (char *) "--";
          command->argv[3] = (char *) "/bin/true";
          command->argv[4] = NULL;
        }
      command->wall = g_new0 (double, rounds);
      command->cpu = g_new0 (double, rounds);
      if (run_once (command->argv, &command->cpu[0]) < 0)
        g_error ("%s %s does not run here", exe, command->what);
    }

  /* Alternate which build goes first, so neither always finds the page
   * cache or the CPU frequency in the other's wake. */
  for (guint r = 0; r < rounds; r++)
    for (guint k = 0; k < 4; k++)
      {
        guint c = r % 2 == 0 ? k : k ^ 1;

        commands[c].wall[r] = run_once (commands[c].argv, &commands[c].cpu[r]);
        if (commands[c].wall[r] < 0)
          g_error ("%s %s failed", commands[c].argv[0], commands[c].what);
      }

  printf ("# link: median of %u runs each, µs from spawn to exit (wall) and of CPU\n", rounds);
  printf ("%-20s %-8s %9s %9s %9s %9s\n", "command", "libcordon", "wall", "ratio", "CPU", "ratio");
  for (guint c = 0; c < 4; c++)
    {
      wall[c] = bench_median (commands[c].wall, rounds);
      cpu[c] = bench_median (commands[c].cpu, rounds);
      printf ("%-20s %-8s %9.0f %8.2fx %9.0f %8.2fx\n", commands[c].what,
              c % 2 == 0 ? "static" : "shared", wall[c], wall[c] / wall[c & ~1u], cpu[c],
              cpu[c] / cpu[c & ~1u]);
      g_free (commands[c].wall);
      g_free (commands[c].cpu);
    }

  /* The choice the build makes: cordon-run stays static while that is
   * not slower to start than the shared build. */
  bench_target (&report, cpu[0] <= cpu[1] * 1.02,
                "static launcher --support CPU ≤ 1.02 × shared (%.0f vs %.0f µs)", cpu[0],
                cpu[1]);
  bench_target (&report, cpu[2] <= cpu[3] * 1.02,
                "static launcher -- /bin/true CPU ≤ 1.02 × shared (%.0f vs %.0f µs)", cpu[2],
                cpu[3]);

  bench_rm_rf (root);
  return bench_finish (&report);
}
