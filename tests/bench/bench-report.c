/* bench-report.c: what --report costs a file-heavy program (issue 14)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bench-walk opens and reads a generated tree of 20,000 small files under
 * cordon-run, with and without --report, alternately, many rounds, in the
 * same run (the machine may be shared: only the ratio means something).
 * Every open is one of the calls the report follows to its exit (two
 * ptrace stops), so this is the worst case: a program that mostly computes
 * or reads from open descriptors pays next to nothing.
 *
 * Usage: bench-report [CORDON-RUN [BENCH-WALK]]
 */
#include "config.h"

#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench-util.h"
#include "cordon.h"

#define N_DIRS 100
#define FILES_PER_DIR 100

typedef struct
{
  double walk_ms;
  double total_ms;
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

static Sample
run_walk (char **argv)
{
  char output[256];
  guint64 files = 0, bytes = 0;
  gint64 walk_ns = 0;
  gint64 start = bench_now_ns ();
  pid_t pid;
  int fd = bench_spawn_piped (argv, NULL, NULL, &pid);
  int status = bench_collect (fd, pid, output, sizeof output);

  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0
      || sscanf (output, "%" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT " %" G_GINT64_FORMAT, &files,
                 &bytes, &walk_ns) != 3
      || files != N_DIRS * FILES_PER_DIR)
    g_error ("%s did not walk the whole tree (status %d, output “%s”)", argv[0], status, output);
  return (Sample) { walk_ns / 1e6, (bench_now_ns () - start) / 1e6 };
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
  g_autofree char *report_file = NULL;
  g_autoptr (CordonCapabilitySet) caps = cordon_capability_set_new ();
  g_autoptr (GError) error = NULL;
  guint rounds = bench_runs (11);
  g_autofree double *plain_walk = g_new0 (double, rounds);
  g_autofree double *plain_total = g_new0 (double, rounds);
  g_autofree double *traced_walk = g_new0 (double, rounds);
  g_autofree double *traced_total = g_new0 (double, rounds);
  char *plain_argv[7];
  char *traced_argv[9];
  double pw, pt, tw, tt;

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
  report_file = g_build_filename (root, "report.jsonl", NULL);

  plain_argv[0] = (char *) cordon_run;
  plain_argv[1] = (char *) "-p";
  plain_argv[2] = profile;
  plain_argv[3] = (char *) "--";
  plain_argv[4] = walker;
  plain_argv[5] = tree;
  plain_argv[6] = NULL;
  traced_argv[0] = (char *) cordon_run;
  traced_argv[1] = (char *) "-p";
  traced_argv[2] = profile;
  traced_argv[3] = (char *) "--report";
  traced_argv[4] = report_file;
  traced_argv[5] = (char *) "--";
  traced_argv[6] = walker;
  traced_argv[7] = tree;
  traced_argv[8] = NULL;

  run_walk (plain_argv);
  run_walk (traced_argv);
  for (guint r = 0; r < rounds; r++)
    {
      /* Alternating which goes first. */
      Sample a = run_walk (r % 2 == 0 ? plain_argv : traced_argv);
      Sample b = run_walk (r % 2 == 0 ? traced_argv : plain_argv);
      Sample *plain = r % 2 == 0 ? &a : &b;
      Sample *traced = r % 2 == 0 ? &b : &a;

      plain_walk[r] = plain->walk_ms;
      plain_total[r] = plain->total_ms;
      traced_walk[r] = traced->walk_ms;
      traced_total[r] = traced->total_ms;
    }

  pw = bench_median (plain_walk, rounds);
  pt = bench_median (plain_total, rounds);
  tw = bench_median (traced_walk, rounds);
  tt = bench_median (traced_total, rounds);

  printf ("# --report: %u files opened and read; median of %u runs each, ms\n",
          N_DIRS * FILES_PER_DIR, rounds);
  printf ("%-28s %10s %12s\n", "", "walk only", "spawn→exit");
  printf ("%-28s %10.1f %12.1f\n", "cordon-run", pw, pt);
  printf ("%-28s %10.1f %12.1f\n", "cordon-run --report", tw, tt);
  printf ("%-28s %9.3f× %11.3f×\n", "ratio", tw / pw, tt / pt);
  printf ("%-28s %10.2f µs\n", "per open followed", (tw - pw) * 1000.0 / (N_DIRS * FILES_PER_DIR + N_DIRS));

  bench_target (&report, tt / pt <= 1.30,
                "walking %u files with --report: %.3f× without it (≤ 1.30×)",
                N_DIRS * FILES_PER_DIR, tt / pt);

  bench_rm_rf (root);
  return bench_finish (&report);
}
