/* bench-profile.c: loading and saving a 10,000-rule profile (issue 6,
 * benchmark 2)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Load = read the file, parse and check the JSON, then re-resolve every path
 * against the disk (cordon_sandbox_state_to_caps), which is what cordon-run
 * and the app do. Save = write the JSON and replace the file atomically.
 */
#include "config.h"

#include <stdio.h>
#include <sys/stat.h>

#include "bench-util.h"
#include "cordon.h"

#define N_RULES 10000

int
main (int    argc,
      char **argv)
{
  BenchReport report = { 0 };
  g_autofree char *root = bench_make_tmpdir ("profile");
  g_autofree char *file = g_build_filename (root, "profile.json", NULL);
  g_autoptr (CordonCapabilitySet) caps = bench_make_profile_caps (root, N_RULES);
  g_autoptr (CordonSandboxState) state = cordon_sandbox_state_from_caps (caps);
  guint runs = bench_runs (21);
  g_autofree double *parse = g_new0 (double, runs);
  g_autofree double *resolve = g_new0 (double, runs);
  g_autofree double *load = g_new0 (double, runs);
  g_autofree double *save = g_new0 (double, runs);
  double load_ms, save_ms;
  struct stat st;

  /* Written once so the first load reads a file like the others. */
  if (!cordon_sandbox_state_save_file (state, file, CORDON_STATE_FORMAT_CORDON, NULL))
    g_error ("cannot save the profile");

  for (guint r = 0; r < runs + 1; r++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (CordonSandboxState) loaded = NULL;
      g_autoptr (CordonCapabilitySet) loaded_caps = NULL;
      gint64 t0, t1, t2, t3;

      t0 = bench_now_ns ();
      loaded = cordon_sandbox_state_load_file (file, &error);
      t1 = bench_now_ns ();
      if (loaded != NULL)
        loaded_caps = cordon_sandbox_state_to_caps (loaded, &error);
      t2 = bench_now_ns ();
      if (loaded_caps == NULL)
        g_error ("load: %s", error->message);
      if (g_list_model_get_n_items (G_LIST_MODEL (loaded_caps)) != N_RULES)
        g_error ("load: %u rules, expected %u",
                 g_list_model_get_n_items (G_LIST_MODEL (loaded_caps)), N_RULES);

      if (!cordon_sandbox_state_save_file (loaded, file, CORDON_STATE_FORMAT_CORDON, &error))
        g_error ("save: %s", error->message);
      t3 = bench_now_ns ();

      /* The first round warms caches and is not counted. */
      if (r == 0)
        continue;
      parse[r - 1] = (t1 - t0) / 1e6;
      resolve[r - 1] = (t2 - t1) / 1e6;
      load[r - 1] = (t2 - t0) / 1e6;
      save[r - 1] = (t3 - t2) / 1e6;
    }

  if (stat (file, &st) != 0)
    g_error ("profile vanished");
  printf ("# profile: %u rules (%u files), %.1f KiB; median of %u runs, ms\n", N_RULES,
          N_RULES / 10, st.st_size / 1024.0, runs);
  printf ("read + parse + check JSON   %8.2f ms\n", bench_median (parse, runs));
  printf ("re-resolve every path       %8.2f ms\n", bench_median (resolve, runs));
  load_ms = bench_median (load, runs);
  printf ("load total                  %8.2f ms (fastest %.2f)\n", load_ms, bench_min (load, runs));
  save_ms = bench_median (save, runs);
  printf ("save (atomic replace)       %8.2f ms (fastest %.2f)\n", save_ms, bench_min (save, runs));

  bench_target (&report, load_ms < 100.0, "load of 10,000 rules: %.1f ms (< 100 ms)", load_ms);
  bench_target (&report, save_ms < 100.0, "save of 10,000 rules: %.1f ms (< 100 ms)", save_ms);

  bench_rm_rf (root);
  return bench_finish (&report);
}
