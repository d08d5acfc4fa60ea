/* bench-runtime.c: what the sandbox costs a running program (issue 6,
 * benchmark 4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bench-walk reads a generated tree of 20,000 small files, bare and under
 * cordon-run with a profile that allows it, alternately, many rounds.
 * Reported: the walk as the walker times it (what Landlock adds to each
 * open and lookup) and the whole run from spawn to exit (that plus
 * cordon-run's start).
 *
 * To say where the cost comes from, two more variants apply one half of the
 * sandbox each in a forked child before exec (the engine's own Landlock
 * and seccomp code, no_new_privs in both): Landlock alone, seccomp alone.
 *
 * Usage: bench-runtime [CORDON-RUN [BENCH-WALK]]
 *        (default: $CORDON_RUN and bench-walk next to this program)
 */
#include "config.h"

#include <stdio.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench-util.h"
#include "cordon.h"
#include "cordon-landlock-private.h"
#include "cordon-seccomp-private.h"

#define N_DIRS 200
#define FILES_PER_DIR 100

typedef struct
{
  double walk_ms;  /* as the walker measured it */
  double total_ms; /* spawn to exit */
} Sample;

typedef enum
{
  APPLY_NOTHING,  /* bare, or cordon-run in argv */
  APPLY_LANDLOCK, /* only the engine's Landlock ruleset */
  APPLY_SECCOMP,  /* only the engine's seccomp filter */
} Apply;

/* In the forked child: exits 125 on any failure. */
static void
apply_half (Apply                apply,
            CordonCapabilitySet *caps)
{
  g_autoptr (GError) error = NULL;

  if (prctl (PR_SET_NO_NEW_PRIVS, 1UL, 0UL, 0UL, 0UL) != 0)
    _exit (125);
  if (apply == APPLY_LANDLOCK)
    {
      int abi = cordon_landlock_probe (NULL);
      int fd = abi > 0 ? cordon_landlock_build_ruleset (caps, abi, &error) : -1;

      if (fd < 0 || !cordon_landlock_restrict_self (fd, &error))
        _exit (125);
    }
  else if (apply == APPLY_SECCOMP)
    {
      scmp_filter_ctx filter = cordon_seccomp_build (TRUE, cordon_landlock_probe (NULL), FALSE, &error);

      if (filter == NULL || !cordon_seccomp_load (filter, &error))
        _exit (125);
    }
}

static void
make_tree (const char *tree)
{
  g_autofree char *contents = g_malloc (4096);

  for (guint i = 0; i < 4096; i++)
    contents[i] = 'a' + i % 26;
  for (guint d = 0; d < N_DIRS; d++)
    {
      g_autofree char *name = g_strdup_printf ("d%03u", d);
      g_autofree char *dir = bench_mkdir (tree, name);

      for (guint f = 0; f < FILES_PER_DIR; f++)
        {
          g_autofree char *file_name = g_strdup_printf ("f%03u.txt", f);
          g_autofree char *file = g_build_filename (dir, file_name, NULL);

          /* 100 bytes to 4 KiB: small files, not all alike. */
          bench_write_file (file, contents, 100 + (d * FILES_PER_DIR + f) % 3997);
        }
    }
}

static CordonCapabilitySet *
make_caps (const char *tree,
           const char *walker)
{
  g_autoptr (CordonCapabilitySet) caps = cordon_capability_set_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *walker_dir = g_path_get_dirname (walker);

  if (!cordon_capability_set_allow_path (caps, "/usr", CORDON_ACCESS_READ, &error) ||
      !cordon_capability_set_allow_path (caps, "/etc", CORDON_ACCESS_READ, &error) ||
      !cordon_capability_set_allow_path (caps, walker_dir, CORDON_ACCESS_READ, &error) ||
      !cordon_capability_set_allow_path (caps, tree, CORDON_ACCESS_READ, &error))
    g_error ("%s", error->message);
  cordon_capability_set_block_network (caps);
  return g_steal_pointer (&caps);
}

typedef struct
{
  Apply                apply;
  CordonCapabilitySet *caps;
} HalfSandbox;

static void
apply_in_child (gpointer data)
{
  HalfSandbox *half = data;

  apply_half (half->apply, half->caps);
}

static Sample
run_walk (char               **argv,
          Apply                apply,
          CordonCapabilitySet *caps)
{
  HalfSandbox half = { apply, caps };
  char output[256];
  guint64 files = 0, bytes = 0;
  gint64 walk_ns = 0;
  gint64 start;
  pid_t pid;
  int status;
  int fd;

  start = bench_now_ns ();
  fd = bench_spawn_piped (argv, apply == APPLY_NOTHING ? NULL : apply_in_child, &half, &pid);
  status = bench_collect (fd, pid, output, sizeof output);

  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0 ||
      sscanf (output, "%" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT " %" G_GINT64_FORMAT, &files,
              &bytes, &walk_ns) != 3 ||
      files != N_DIRS * FILES_PER_DIR)
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
  g_autofree char *root = bench_make_tmpdir ("runtime");
  g_autofree char *tree = NULL;
  g_autofree char *profile = NULL;
  g_autoptr (CordonCapabilitySet) caps = NULL;
  guint rounds = bench_runs (21);
  g_autofree double *bare_walk = g_new0 (double, rounds);
  g_autofree double *bare_total = g_new0 (double, rounds);
  g_autofree double *boxed_walk = g_new0 (double, rounds);
  g_autofree double *boxed_total = g_new0 (double, rounds);
  g_autofree double *landlock_walk = g_new0 (double, rounds);
  g_autofree double *seccomp_walk = g_new0 (double, rounds);
  char *bare_argv[3];
  char *boxed_argv[7];
  double walk_ratio, total_ratio;
  double bw, bt, sw, st, lw, cw;

  if (cordon_run == NULL)
    return 77;

  tree = bench_mkdir (root, "tree");
  make_tree (tree);
  caps = make_caps (tree, walker);
  profile = bench_save_profile (caps, root, "profile.json");

  bare_argv[0] = walker;
  bare_argv[1] = tree;
  bare_argv[2] = NULL;
  boxed_argv[0] = (char *) cordon_run;
  boxed_argv[1] = (char *) "-p";
  boxed_argv[2] = profile;
  boxed_argv[3] = (char *) "--";
  boxed_argv[4] = walker;
  boxed_argv[5] = tree;
  boxed_argv[6] = NULL;

  /* Warm the page cache and dentries for all. */
  run_walk (bare_argv, APPLY_NOTHING, NULL);
  run_walk (boxed_argv, APPLY_NOTHING, NULL);
  run_walk (bare_argv, APPLY_LANDLOCK, caps);
  run_walk (bare_argv, APPLY_SECCOMP, caps);

  for (guint r = 0; r < rounds; r++)
    for (guint k = 0; k < 4; k++)
      {
        /* A rotating order: none of the four always runs first. */
        switch ((r + k) % 4)
          {
          case 0:
            {
              Sample bare = run_walk (bare_argv, APPLY_NOTHING, NULL);

              bare_walk[r] = bare.walk_ms;
              bare_total[r] = bare.total_ms;
            }
            break;
          case 1:
            {
              Sample boxed = run_walk (boxed_argv, APPLY_NOTHING, NULL);

              boxed_walk[r] = boxed.walk_ms;
              boxed_total[r] = boxed.total_ms;
            }
            break;
          case 2:
            landlock_walk[r] = run_walk (bare_argv, APPLY_LANDLOCK, caps).walk_ms;
            break;
          default:
            seccomp_walk[r] = run_walk (bare_argv, APPLY_SECCOMP, caps).walk_ms;
            break;
          }
      }

  bw = bench_median (bare_walk, rounds);
  bt = bench_median (bare_total, rounds);
  sw = bench_median (boxed_walk, rounds);
  st = bench_median (boxed_total, rounds);
  lw = bench_median (landlock_walk, rounds);
  cw = bench_median (seccomp_walk, rounds);
  walk_ratio = sw / bw;
  total_ratio = st / bt;

  printf ("# run-time: %u files in %u directories read; median of %u runs each, ms\n",
          N_DIRS * FILES_PER_DIR, N_DIRS, rounds);
  printf ("%-28s %10s %12s\n", "", "walk only", "spawn→exit");
  printf ("%-28s %10.1f %12.1f\n", "bare", bw, bt);
  printf ("%-28s %10.1f %12.1f\n", "under cordon-run", sw, st);
  printf ("%-28s %9.3f× %11.3f×\n", "ratio", walk_ratio, total_ratio);
  printf ("%-28s %10.1f %11.3f× bare\n", "Landlock alone (walk)", lw, lw / bw);
  printf ("%-28s %10.1f %11.3f× bare\n", "seccomp alone (walk)", cw, cw / bw);

  bench_target (&report, walk_ratio <= 1.10,
                "walking 20,000 files under cordon-run: %.3f× bare (≤ 1.10×)", walk_ratio);
  bench_target (&report, total_ratio <= 1.10,
                "the same, counting cordon-run's start: %.3f× bare (≤ 1.10×)", total_ratio);

  bench_rm_rf (root);
  return bench_finish (&report);
}
