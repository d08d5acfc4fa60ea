/* bench-launch.c: what starting a program through cordon-run costs, as a
 * ratio to the kernel's own cost (issues 6, 3 and 15)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each command is started with posix_spawn() and waited for, many rounds;
 * every round runs every command once, in a rotating order, so a burst of
 * load on the machine hits them all alike. Medians, and ratios of medians
 * from the same run.
 *
 * The baseline is bench-launch-floor (static, libc only): the same Landlock
 * calls cordon-run makes for the same profile, then exec. Each launch is
 * printed as a ratio to the floor with the same rules; /bin/true and bwrap
 * (when installed) as a ratio to the 50-rule floor. The profiles' rules are
 * siblings (none covers another), but for one profile of 5,000 rules inside
 * one writable folder, which cordon-run reduces to the folder's rule.
 *
 * Wall time is what the targets are about; CPU time (user + system, from
 * wait4) is printed too, since on a busy machine a process also waits for
 * a CPU and the wall time grows with the load, not with the work.
 *
 * Usage: bench-launch [CORDON-RUN [BENCH-EXEC-FLOOR [BENCH-SUPERVISE-FLOOR
 *                     [CORDON-RUN-IN-PLACE [BENCH-LAUNCH-FLOOR]]]]]
 *        (default: $CORDON_RUN, the floors next to this program, and
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
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench-util.h"
#include "cordon-apply-private.h"
#include "cordon-landlock-private.h"
#include "cordon.h"

extern char **environ;

typedef struct
{
  const char *name;
  char      **argv;
  int         baseline; /* index of the command its ratio is to; -1: none */
  double     *samples;  /* wall, µs */
  double     *cpu;      /* user + system, µs */
} Command;

typedef struct
{
  char *profile; /* JSON, for cordon-run */
  char *plan;    /* the same ruleset, for bench-launch-floor */
} Profile;

/* The ruleset cordon-run builds for @caps at @abi, as bench-launch-floor
 * reads it: the engine's functions decide every right and which rules an
 * ancestor covers. */
static char *
write_plan (CordonCapabilitySet *caps,
            int                  abi,
            const char          *dir,
            const char          *name)
{
  g_autoptr (GString) plan = g_string_new ("cordon-launch-floor 1\n");
  g_autofree guint64 *inherited = cordon_landlock_inherited_rights (caps, abi);
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (caps));
  guint64 handled_net = 0;
  guint64 scoped = 0;

  if (abi >= 4 && cordon_capability_set_is_network_blocked (caps))
    handled_net = CORDON_LL_NET_BIND_TCP | CORDON_LL_NET_CONNECT_TCP;
  if (abi >= 6)
    scoped = CORDON_LL_SCOPE_ABSTRACT_UNIX_SOCKET | CORDON_LL_SCOPE_SIGNAL;
  g_string_append_printf (plan, "%" G_GSIZE_FORMAT " %" G_GINT64_MODIFIER "x %"
                          G_GINT64_MODIFIER "x %" G_GINT64_MODIFIER "x\n",
                          cordon_landlock_ruleset_attr_size (abi), cordon_landlock_handled_fs (abi),
                          handled_net, scoped);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr (CordonFsCapability) capability = g_list_model_get_item (G_LIST_MODEL (caps), i);
      const char *resolved = cordon_fs_capability_get_resolved (capability);
      gboolean is_file = cordon_fs_capability_get_is_file (capability);
      gboolean device_ok = FALSE;
      guint64 rights;
      struct stat st;

      if (is_file)
        device_ok = stat (resolved, &st) == 0 && (S_ISCHR (st.st_mode) || S_ISBLK (st.st_mode));
      else
        device_ok = g_str_equal (resolved, "/dev") || g_str_has_prefix (resolved, "/dev/");
      rights = cordon_landlock_rule_access (cordon_fs_capability_get_access (capability), is_file,
                                            device_ok, abi);
      if ((rights & ~inherited[i]) == 0)
        continue;
      g_string_append_printf (plan, "%" G_GINT64_MODIFIER "x %c %s\n", rights,
                              is_file ? 'f' : 'd', resolved);
    }

  if (!g_file_set_contents (path, plan->str, (gssize) plan->len, &error))
    g_error ("%s", error->message);
  return path;
}

/* /usr and /etc to run /bin/true, then @n - 2 rules on sibling directories;
 * with @nested, the scratch root read-write and @n - 3 directories in it. */
static Profile
write_profile (const char *root,
               GPtrArray  *dirs,
               guint       n,
               gboolean    nested,
               int         abi)
{
  g_autoptr (CordonCapabilitySet) caps = cordon_capability_set_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("profile-%u%s.json", n, nested ? "-nested" : "");
  g_autofree char *plan_name = g_strdup_printf ("plan-%u%s", n, nested ? "-nested" : "");
  guint first = nested ? 3 : 2;
  Profile profile;

  if (!cordon_capability_set_allow_path (caps, "/usr", CORDON_ACCESS_READ, &error) ||
      !cordon_capability_set_allow_path (caps, "/etc", CORDON_ACCESS_READ, &error) ||
      (nested && !cordon_capability_set_allow_path (caps, root, CORDON_ACCESS_READ_WRITE, &error)))
    g_error ("%s", error->message);
  for (guint i = 0; i + first < n; i++)
    if (!cordon_capability_set_allow_path (caps, g_ptr_array_index (dirs, i), CORDON_ACCESS_READ,
                                           &error))
      g_error ("%s", error->message);

  profile.profile = bench_save_profile (caps, root, name);
  profile.plan = write_plan (caps, abi, root, plan_name);
  return profile;
}

static void
profile_clear (Profile *profile)
{
  g_free (profile->profile);
  g_free (profile->plan);
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
             int         baseline,
             char      **argv)
{
  Command command = { name, argv, baseline, NULL, NULL };

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

static double
ratio (const double *medians,
       int           i,
       int           baseline)
{
  return i >= 0 && baseline >= 0 ? medians[i] / medians[baseline] : 0;
}

int
main (int    argc,
      char **argv)
{
  BenchReport report = { 0 };
  const char *cordon_run = bench_cordon_run (argc, argv);
  g_autofree char *exec_floor = bench_helper_path (argc, argv, 2, "bench-exec-floor");
  g_autofree char *supervise_floor = bench_helper_path (argc, argv, 3, "bench-supervise-floor");
  const char *in_place = argc > 4 && argv[4][0] != '\0' ? argv[4]
                                                         : g_getenv ("CORDON_RUN_IN_PLACE");
  g_autofree char *floor = bench_helper_path (argc, argv, 5, "bench-launch-floor");
  g_autofree char *root = bench_make_tmpdir ("launch");
  g_autofree char *check_root = NULL;
  g_autofree char *p10k = NULL;
  g_autoptr (GPtrArray) dirs = NULL;
  g_autoptr (CordonCapabilitySet) caps10k = NULL;
  g_autofree char *bwrap = g_find_program_in_path ("bwrap");
  g_autoptr (GArray) commands = g_array_new (FALSE, FALSE, sizeof (Command));
  guint rounds = bench_runs (100);
  int abi = cordon_landlock_probe_abi ();
  Profile p50, p5000, p5000_nested;
  double medians[16] = { 0 };
  double cpu_medians[16] = { 0 };
  int i_true, i_floor50, i_floor5000, i_floor_fork, i_50, i_5000, i_nested, i_check;
  int i_bwrap;

  if (cordon_run == NULL)
    return 77;
  if (abi == 0 || !g_file_test (floor, G_FILE_TEST_IS_EXECUTABLE))
    {
      printf ("# skipped: %s\n", abi == 0 ? "no Landlock here" : "bench-launch-floor not built");
      return 77;
    }

  dirs = bench_make_rule_dirs (root, 5000);
  p50 = write_profile (root, dirs, 50, FALSE, abi);
  p5000 = write_profile (root, dirs, 5000, FALSE, abi);
  p5000_nested = write_profile (root, dirs, 5000, TRUE, abi);
  check_root = bench_mkdir (root, "check");
  caps10k = bench_make_profile_caps (check_root, 10000);
  p10k = bench_save_profile (caps10k, root, "profile-10k.json");

  i_floor50 = add_command (commands, "floor, 50 rules", -1,
                           command_argv (floor, p50.plan, "/bin/true", NULL));
  i_floor5000 = add_command (commands, "floor, 5,000 rules", -1,
                             command_argv (floor, p5000.plan, "/bin/true", NULL));
  i_floor_fork = add_command (commands, "floor --fork, 50 rules", i_floor50,
                              command_argv (floor, "--fork", p50.plan, "/bin/true", NULL));
  i_true = add_command (commands, "/bin/true", i_floor50, command_argv ("/bin/true", NULL));
  i_50 = add_command (commands, "cordon-run, 50 rules", i_floor50,
                      command_argv (cordon_run, "-p", p50.profile, "--", "/bin/true", NULL));
  i_5000 = add_command (commands, "cordon-run, 5,000 rules", i_floor5000,
                        command_argv (cordon_run, "-p", p5000.profile, "--", "/bin/true", NULL));
  /* Its floor is one rule more than the 50-rule floor's 2: compare with that. */
  i_nested = add_command (commands, "cordon-run, 5,000 nested", i_floor50,
                          command_argv (cordon_run, "-p", p5000_nested.profile, "--",
                                        "/bin/true", NULL));
  i_check = add_command (commands, "cordon-run --check, 10k", i_floor50,
                         command_argv (cordon_run, "-p", p10k, "--check", NULL));
  add_command (commands, "same libraries, then exec", i_floor50,
               command_argv (g_file_test (exec_floor, G_FILE_TEST_IS_EXECUTABLE) ? exec_floor
                                                                                 : NULL,
                             "/bin/true", NULL));
  add_command (commands, "same libraries, supervise", i_floor50,
               command_argv (g_file_test (supervise_floor, G_FILE_TEST_IS_EXECUTABLE)
                             ? supervise_floor : NULL,
                             "/bin/true", NULL));
  add_command (commands, "cordon-run in place, 50", i_floor50,
               command_argv (in_place, "-p", p50.profile, "--", "/bin/true", NULL));
  i_bwrap = add_command (commands, "bwrap --unshare-net", i_floor50,
                         command_argv (bwrap, "--ro-bind", "/", "/", "--unshare-net", "/bin/true",
                                       NULL));
  if (i_true < 0 || i_floor50 < 0 || i_floor5000 < 0 || i_50 < 0 || i_5000 < 0 || i_check < 0)
    g_error ("cordon-run, the floor or /bin/true does not work here; see the lines above");
  g_assert (commands->len <= G_N_ELEMENTS (medians));

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

  for (guint c = 0; c < commands->len; c++)
    {
      Command *command = &g_array_index (commands, Command, c);

      medians[c] = bench_median (command->samples, rounds);
      cpu_medians[c] = bench_median (command->cpu, rounds);
    }

  printf ("# launch: median of %u runs each; µs from spawn to exit (wall) and of CPU;\n"
          "# ratios to the floor with the same rules (Landlock ABI %d)\n", rounds, abi);
  printf ("%-27s %9s %9s %9s %9s %9s\n", "command", "wall", "fastest", "ratio", "CPU", "ratio");
  for (guint c = 0; c < commands->len; c++)
    {
      Command *command = &g_array_index (commands, Command, c);
      double fastest = bench_min (command->samples, rounds);

      if (command->baseline < 0)
        printf ("%-27s %9.0f %9.0f %9s %9.0f %9s\n", command->name, medians[c], fastest, "—",
                cpu_medians[c], "—");
      else
        printf ("%-27s %9.0f %9.0f %8.2f× %9.0f %8.2f×\n", command->name, medians[c], fastest,
                ratio (medians, (int) c, command->baseline), cpu_medians[c],
                ratio (cpu_medians, (int) c, command->baseline));
    }
  if (i_bwrap >= 0)
    printf ("cordon-run 50 rules / bwrap: %.2f× wall, %.2f× CPU\n",
            ratio (medians, i_50, i_bwrap), ratio (cpu_medians, i_50, i_bwrap));
  printf ("cordon-run 50 rules / floor --fork (both supervise): %.2f× wall, %.2f× CPU\n",
          ratio (medians, i_50, i_floor_fork), ratio (cpu_medians, i_50, i_floor_fork));

  bench_target (&report, ratio (medians, i_50, i_floor50) <= 1.5,
                "cordon-run with 50 rules: %.2f× the floor (≤ 1.5×)",
                ratio (medians, i_50, i_floor50));
  if (i_bwrap >= 0)
    bench_target (&report, medians[i_50] < medians[i_bwrap],
                  "cordon-run with 50 rules: %.2f× bwrap --ro-bind / / --unshare-net (< 1×)",
                  ratio (medians, i_50, i_bwrap));
  else
    printf ("# bwrap not installed: its target not checked\n");
  bench_target (&report, ratio (medians, i_5000, i_floor5000) <= 1.5,
                "cordon-run with 5,000 sibling rules: %.2f× the floor (≤ 1.5×)",
                ratio (medians, i_5000, i_floor5000));
  bench_target (&report, medians[i_check] < 100000,
                "cordon-run --check, 10,000 rules, fresh process: %.1f ms (< 100 ms)",
                medians[i_check] / 1000);
  printf ("# cordon-run stays behind as a supervisor below Landlock ABI 9 (here: ABI %d), so its rows\n"
          "# include it%s\n", abi,
          abi < 9 ? "; the in-place launch is measured only with CORDON_RUN_IN_PLACE" : "");
  (void) i_nested;

  for (guint c = 0; c < commands->len; c++)
    {
      g_strfreev (g_array_index (commands, Command, c).argv);
      g_free (g_array_index (commands, Command, c).samples);
      g_free (g_array_index (commands, Command, c).cpu);
    }
  profile_clear (&p50);
  profile_clear (&p5000);
  profile_clear (&p5000_nested);
  bench_rm_rf (root);
  return bench_finish (&report);
}
