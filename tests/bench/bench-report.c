/* bench-report.c: what --report costs a file-heavy program (issue 14)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bench-walk opens and reads a generated tree of 10,000 small files under
 * cordon-run: without tracing, with --report, with --report and the
 * supervisor sleeping at once instead of spinning first (its default;
 * CORDON_RUN_TRACE_SPIN_US=0), and
 * with --status-fd alone (what the app passes on every run), interleaved
 * round by round in the same run: the machine may be shared, so only the
 * ratios of one run mean something. Every file is opened with a path the
 * profile grants (one ptrace stop each), so this is the worst case for a
 * program that reads: one that mostly computes or reads from descriptors
 * it has pays next to nothing. The last pair has a profile that grants
 * Read on / (the tracing filter then lets every read-only open pass).
 *
 * Then the floor, measured here too: what one seccomp-triggered ptrace
 * stop costs a bare tracer that only says "continue", against a bare
 * system call, with the tracer on another CPU and on the same one.
 *
 * Usage: bench-report [CORDON-RUN [BENCH-WALK]]
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench-util.h"
#include "cordon.h"

#define N_DIRS 100
#define FILES_PER_DIR 100
#define N_FILES (N_DIRS * FILES_PER_DIR)

typedef enum
{
  PLAIN,
  REPORT,
  REPORT_NO_SPIN,
  STATUS_FD,
  PLAIN_READ_ALL,
  REPORT_READ_ALL,
  N_CASES
} Case;

static const char *const case_names[N_CASES] = {
  "cordon-run",
  "cordon-run --report",
  "  --report, no spin",
  "cordon-run --status-fd",
  "cordon-run, Read on /",
  "cordon-run --report, Read on /",
};

typedef struct
{
  double walk_ms;
  double total_ms;
  double cpu_ms;
} Sample;

static void
make_tree (const char *tree)
{
  for (guint d = 0; d < N_DIRS; d++)
    {
      g_autofree char *name = g_strdup_printf ("d%03u", d);
      g_autofree char *dir = bench_mkdir (tree, name);

      for (guint f = 0; f < FILES_PER_DIR; f++)
        {
          g_autofree char *file_name = g_strdup_printf ("f%03u.txt", f);
          g_autofree char *file = g_build_filename (dir, file_name, NULL);

          bench_write_file (file, "some text\n", 10);
        }
    }
}

static double
children_cpu_ms (void)
{
  struct rusage usage;

  getrusage (RUSAGE_CHILDREN, &usage);
  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3
         + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3;
}

/* In the forked child, before exec: the case's environment and
 * descriptors (the bench is single-threaded, so setenv() is fine here). */
static void
child_setup (gpointer data)
{
  Case c = GPOINTER_TO_INT (data);

  /* The other cases spin as cordon-run does by default. */
  if (c == REPORT_NO_SPIN)
    setenv ("CORDON_RUN_TRACE_SPIN_US", "0", TRUE);
  else
    unsetenv ("CORDON_RUN_TRACE_SPIN_US");
  if (c == STATUS_FD)
    {
      int fd = open ("/dev/null", O_WRONLY);

      if (fd < 0 || dup2 (fd, 3) != 3)
        _exit (125);
    }
}

static Sample
run_walk (char **argv,
          Case   c)
{
  char output[256];
  guint64 files = 0, bytes = 0;
  gint64 walk_ns = 0;
  double cpu = children_cpu_ms ();
  gint64 start = bench_now_ns ();
  pid_t pid;
  int fd = bench_spawn_piped (argv, child_setup, GINT_TO_POINTER (c), &pid);
  int status = bench_collect (fd, pid, output, sizeof output);

  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0
      || sscanf (output, "%" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT " %" G_GINT64_FORMAT, &files,
                 &bytes, &walk_ns) != 3
      || files != N_FILES)
    g_error ("%s did not walk the whole tree (status %d, output “%s”)", argv[0], status, output);
  return (Sample) { walk_ns / 1e6, (bench_now_ns () - start) / 1e6, children_cpu_ms () - cpu };
}

/* The floor ---------------------------------------------------------------- */

/* @n getppid() calls in a child, each stopped by a seccomp filter
 * (SECCOMP_RET_TRACE) for this process to continue, or not traced at all;
 * µs per call as the child timed it. With @one_cpu both run on one CPU. */
static double
stop_round_trip_us (guint    n,
                    gboolean traced,
                    gboolean one_cpu)
{
  int go[2], result[2];
  pid_t pid;
  gint64 ns = 0;
  int status;

  if (pipe (go) != 0 || pipe (result) != 0)
    g_error ("pipe: %s", g_strerror (errno));
  pid = fork ();
  if (pid == 0)
    {
      struct sock_filter filter[] = {
        BPF_STMT (BPF_LD | BPF_W | BPF_ABS, offsetof (struct seccomp_data, nr)),
        BPF_JUMP (BPF_JMP | BPF_JEQ | BPF_K, __NR_getppid, 0, 1),
        BPF_STMT (BPF_RET | BPF_K, SECCOMP_RET_TRACE),
        BPF_STMT (BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
      };
      struct sock_fprog program = { G_N_ELEMENTS (filter), filter };
      char byte;
      gint64 start;

      if (read (go[0], &byte, 1) != 1)
        _exit (1);
      if (traced
          && (prctl (PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0
              || prctl (PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &program) != 0))
        _exit (1);
      start = g_get_monotonic_time ();
      for (guint i = 0; i < n; i++)
        syscall (__NR_getppid);
      start = (g_get_monotonic_time () - start) * 1000;
      if (write (result[1], &start, sizeof start) != sizeof start)
        _exit (1);
      _exit (0);
    }
  if (pid < 0)
    g_error ("fork: %s", g_strerror (errno));
  if (one_cpu)
    {
      cpu_set_t set;

      CPU_ZERO (&set);
      CPU_SET (sched_getcpu (), &set);
      sched_setaffinity (0, sizeof set, &set);
      sched_setaffinity (pid, sizeof set, &set);
    }
  if (traced && ptrace (PTRACE_SEIZE, pid, NULL, (void *) (long) PTRACE_O_TRACESECCOMP) != 0)
    g_error ("ptrace: %s", g_strerror (errno));
  if (write (go[1], "x", 1) != 1)
    g_error ("write: %s", g_strerror (errno));
  while (waitpid (pid, &status, __WALL) == pid && WIFSTOPPED (status))
    ptrace (PTRACE_CONT, pid, NULL, NULL);
  if (read (result[0], &ns, sizeof ns) != sizeof ns)
    g_error ("the stop-cost child failed");
  if (one_cpu)
    {
      cpu_set_t all;

      CPU_ZERO (&all);
      for (int cpu = 0; cpu < CPU_SETSIZE; cpu++)
        CPU_SET (cpu, &all);
      sched_setaffinity (0, sizeof all, &all);
    }
  close (go[0]);
  close (go[1]);
  close (result[0]);
  close (result[1]);
  return ns / 1e3 / n;
}

int
main (int    argc,
      char **argv)
{
  BenchReport report = { 0 };
  const char *cordon_run = bench_cordon_run (argc, argv);
  g_autofree char *walker = bench_helper_path (argc, argv, 2, "bench-walk");
  g_autofree char *root = bench_make_tmpdir ("report");
  g_autofree char *walker_dir = NULL;
  g_autofree char *tree = NULL;
  g_autofree char *profile = NULL;
  g_autofree char *read_all_profile = NULL;
  g_autoptr (CordonCapabilitySet) read_all = cordon_capability_set_new ();
  g_autofree char *report_file = NULL;
  g_autoptr (CordonCapabilitySet) caps = cordon_capability_set_new ();
  g_autoptr (GError) error = NULL;
  guint rounds = bench_runs (11);
  double *samples[N_CASES][3];
  double median[N_CASES][3];
  char **case_argv[N_CASES];
  double load[3] = { 0 };
  double floor_native, floor_other, floor_one;

  if (cordon_run == NULL)
    return 77;

  tree = bench_mkdir (root, "tree");
  make_tree (tree);
  walker_dir = g_path_get_dirname (walker);
  if (!cordon_capability_set_allow_path (caps, "/usr", CORDON_ACCESS_READ, &error)
      || !cordon_capability_set_allow_path (caps, "/etc", CORDON_ACCESS_READ, &error)
      || !cordon_capability_set_allow_path (caps, walker_dir, CORDON_ACCESS_READ, &error)
      || !cordon_capability_set_allow_path (caps, tree, CORDON_ACCESS_READ, &error))
    g_error ("%s", error->message);
  profile = bench_save_profile (caps, root, "profile.json");
  if (!cordon_capability_set_allow_path (read_all, "/", CORDON_ACCESS_READ, &error))
    g_error ("%s", error->message);
  read_all_profile = bench_save_profile (read_all, root, "read-all.json");
  report_file = g_build_filename (root, "report.jsonl", NULL);

  for (Case c = 0; c < N_CASES; c++)
    {
      GPtrArray *args = g_ptr_array_new ();

      g_ptr_array_add (args, (char *) cordon_run);
      g_ptr_array_add (args, (char *) "-p");
      g_ptr_array_add (args, c >= PLAIN_READ_ALL ? read_all_profile : profile);
      if (c == REPORT || c == REPORT_NO_SPIN || c == REPORT_READ_ALL)
        {
          g_ptr_array_add (args, (char *) "--report");
          g_ptr_array_add (args, report_file);
        }
      if (c == STATUS_FD)
        {
          g_ptr_array_add (args, (char *) "--status-fd");
          g_ptr_array_add (args, (char *) "3");
        }
      g_ptr_array_add (args, (char *) "--");
      g_ptr_array_add (args, walker);
      g_ptr_array_add (args, tree);
      g_ptr_array_add (args, NULL);
      case_argv[c] = (char **) g_ptr_array_free (args, FALSE);
      for (guint k = 0; k < 3; k++)
        samples[c][k] = g_new0 (double, rounds);
      run_walk (case_argv[c], c);
    }

  if (getloadavg (load, 3) < 0)
    load[0] = -1;
  printf ("# load average at the start: %.2f %.2f %.2f\n", load[0], load[1], load[2]);
  for (guint r = 0; r < rounds; r++)
    for (guint k = 0; k < N_CASES; k++)
      {
        /* Each round in another order, so that a burst of load hits all alike. */
        Case c = (k + r) % N_CASES;
        Sample s = run_walk (case_argv[c], c);

        samples[c][0][r] = s.walk_ms;
        samples[c][1][r] = s.total_ms;
        samples[c][2][r] = s.cpu_ms;
      }
  for (Case c = 0; c < N_CASES; c++)
    for (guint k = 0; k < 3; k++)
      median[c][k] = bench_median (samples[c][k], rounds);

  floor_native = stop_round_trip_us (20000, FALSE, FALSE);
  floor_other = stop_round_trip_us (20000, TRUE, FALSE);
  floor_one = stop_round_trip_us (20000, TRUE, TRUE);
  if (getloadavg (load, 3) < 0)
    load[0] = -1;

  printf ("# --report: %u files opened and read; median of %u runs each, ms\n", N_FILES, rounds);
  printf ("%-32s %10s %7s %12s %7s %9s %7s %9s\n", "", "walk", "ratio", "spawn→exit", "ratio",
          "CPU", "ratio", "µs/open");
  for (Case c = 0; c < N_CASES; c++)
    {
      /* Each to the untraced run with the same profile. */
      Case base = c >= PLAIN_READ_ALL ? PLAIN_READ_ALL : PLAIN;

      printf ("%-32s %10.1f %6.2f× %12.1f %6.2f× %9.1f %6.2f× %9.2f\n", case_names[c],
              median[c][0], median[c][0] / median[base][0], median[c][1],
              median[c][1] / median[base][1], median[c][2], median[c][2] / median[base][2],
              (median[c][0] - median[base][0]) * 1000.0 / (N_FILES + N_DIRS));
    }
  printf ("# one open+read+close, untraced: %.2f µs\n", median[PLAIN][0] * 1000.0 / N_FILES);
  printf ("# the floor: a bare system call %.2f µs; one ptrace stop adds %.2f µs (tracer free to "
          "run on another CPU), %.2f µs (both on one CPU)\n",
          floor_native, floor_other - floor_native, floor_one - floor_native);
  printf ("# load average at the end: %.2f %.2f %.2f\n", load[0], load[1], load[2]);

  bench_target (&report, median[REPORT][1] / median[PLAIN][1] <= 1.30,
                "walking %u files with --report: %.3f× without it (≤ 1.30×)", N_FILES,
                median[REPORT][1] / median[PLAIN][1]);
  bench_target (&report, median[REPORT_READ_ALL][1] / median[PLAIN_READ_ALL][1] <= 1.30,
                "the same with a profile granting Read on /: %.3f× (≤ 1.30×)",
                median[REPORT_READ_ALL][1] / median[PLAIN_READ_ALL][1]);

  for (Case c = 0; c < N_CASES; c++)
    {
      g_free (case_argv[c]);
      for (guint k = 0; k < 3; k++)
        g_free (samples[c][k]);
    }
  bench_rm_rf (root);
  return bench_finish (&report);
}
