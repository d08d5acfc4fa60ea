/* bench-query.c: what one query costs, and that it does not grow with the
 * number of rules (issue 6, benchmark 1)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Profiles of 10, 1,000 and 10,000 directory rules over a scratch tree;
 * paths of depth 3 and 12 (counted in components from "/"), existing and
 * not. Sizes and cases are interleaved round by round, so a burst of load
 * on the machine hits them all alike and the ratios stay fair.
 */
#include "config.h"

#include <stdio.h>

#include "bench-util.h"
#include "cordon.h"

#define N_SIZES 3
#define N_CASES 4

static const guint sizes[N_SIZES] = { 10, 1000, 10000 };

typedef struct
{
  const char *name;
  char       *path;
  gboolean    allowed;
} Case;

/* The scratch root is two components deep ($TMPDIR/cordon-bench-…), so
 * a name right under it is at depth 3. */
static void
make_cases (const char *root,
            Case        cases[N_CASES])
{
  g_autofree char *deep_dir = bench_mkdir (root, "granted/d4/d5/d6/d7/d8/d9/d10/d11");
  g_autofree char *shallow = g_build_filename (root, "q3", NULL);

  bench_write_file (shallow, "x", 1);
  cases[0] = (Case) { "depth 3, existing", g_strdup (shallow), TRUE };
  cases[1] = (Case) { "depth 3, missing", g_build_filename (root, "none", NULL), FALSE };
  cases[2] = (Case) { "depth 12, existing", g_build_filename (deep_dir, "f12", NULL), TRUE };
  bench_write_file (cases[2].path, "x", 1);
  /* Missing from depth 7 on: the engine looks up the existing part, then
   * takes the rest as text. Still under the granted directory. */
  cases[3] = (Case) { "depth 12, missing",
                      g_build_filename (root, "granted/d4/d5/d6/m7/m8/m9/m10/m11/m12", NULL),
                      TRUE };

  for (guint i = 0; i < N_CASES; i++)
    {
      g_auto (GStrv) parts = g_strsplit (cases[i].path + 1, "/", -1);
      guint depth = g_strv_length (parts);
      guint expected = i < 2 ? 3 : 12;

      if (depth != expected)
        g_error ("case “%s” has depth %u, not %u (is $TMPDIR deeper than /tmp?): %s",
                 cases[i].name, depth, expected, cases[i].path);
    }
}

/* @n rules: the file q3 and the directory "granted" (so the existing
 * paths are allowed), the rest on other directories. */
static CordonQueryContext *
make_context (const char *root,
              GPtrArray  *rule_dirs,
              guint       n)
{
  g_autoptr (CordonCapabilitySet) caps = cordon_capability_set_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *granted = g_build_filename (root, "granted", NULL);
  g_autofree char *shallow = g_build_filename (root, "q3", NULL);

  if (!cordon_capability_set_allow_file (caps, shallow, CORDON_ACCESS_READ, &error) ||
      !cordon_capability_set_allow_path (caps, granted, CORDON_ACCESS_READ_WRITE, &error))
    g_error ("%s", error->message);
  for (guint i = 0; i + 2 < n; i++)
    if (!cordon_capability_set_allow_path (caps, g_ptr_array_index (rule_dirs, i),
                                           i % 2 ? CORDON_ACCESS_READ : CORDON_ACCESS_WRITE,
                                           &error))
      g_error ("%s", error->message);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (caps)), ==, n);

  return cordon_query_context_new (caps);
}

/* Nanoseconds per query over a batch of @batch queries. */
static double
time_batch (CordonQueryContext *context,
            const Case         *c,
            guint               batch)
{
  gint64 start = bench_now_ns ();

  for (guint i = 0; i < batch; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (CordonQueryResult) result =
        cordon_query_context_query_path (context, c->path, CORDON_ACCESS_READ, &error);

      if (result == NULL)
        g_error ("query %s: %s", c->path, error->message);
      /* Checked every time: a wrong answer fast is no result. */
      if (cordon_query_result_is_allowed (result) != c->allowed)
        g_error ("query %s: expected %s", c->path, c->allowed ? "allowed" : "denied");
    }

  return (double) (bench_now_ns () - start) / batch;
}

int
main (int    argc,
      char **argv)
{
  BenchReport report = { 0 };
  g_autofree char *root = bench_make_tmpdir ("query");
  g_autoptr (GPtrArray) rule_dirs = NULL;
  CordonQueryContext *contexts[N_SIZES];
  Case cases[N_CASES];
  guint rounds = bench_runs (31);
  guint batch = 1000;
  double *samples[N_SIZES][N_CASES];
  double medians[N_SIZES][N_CASES];

  make_cases (root, cases);
  rule_dirs = bench_make_rule_dirs (root, sizes[N_SIZES - 1]);
  for (guint s = 0; s < N_SIZES; s++)
    {
      contexts[s] = make_context (root, rule_dirs, sizes[s]);
      for (guint c = 0; c < N_CASES; c++)
        samples[s][c] = g_new0 (double, rounds);
    }

  /* Warm the dentry cache and the allocator. */
  for (guint s = 0; s < N_SIZES; s++)
    for (guint c = 0; c < N_CASES; c++)
      time_batch (contexts[s], &cases[c], batch);

  for (guint r = 0; r < rounds; r++)
    for (guint s = 0; s < N_SIZES; s++)
      for (guint c = 0; c < N_CASES; c++)
        samples[s][c][r] = time_batch (contexts[s], &cases[c], batch);

  printf ("# query: median of %u rounds of %u queries each, µs per query\n", rounds, batch);
  printf ("%-20s %12s %12s %12s %14s\n", "path", "10 rules", "1,000 rules", "10,000 rules",
          "10,000 / 10");
  for (guint c = 0; c < N_CASES; c++)
    {
      for (guint s = 0; s < N_SIZES; s++)
        medians[s][c] = bench_median (samples[s][c], rounds) / 1000.0;
      printf ("%-20s %12.2f %12.2f %12.2f %13.2f×\n", cases[c].name, medians[0][c],
              medians[1][c], medians[2][c], medians[2][c] / medians[0][c]);
    }

  for (guint c = 0; c < N_CASES; c++)
    bench_target (&report, medians[2][c] / medians[0][c] <= 1.5,
                  "query %s: 10,000 rules cost %.2f× 10 rules (≤ 1.5×)", cases[c].name,
                  medians[2][c] / medians[0][c]);
  bench_target (&report, medians[2][2] < 20.0,
                "query depth 12, existing, 10,000 rules: %.2f µs (< 20 µs)", medians[2][2]);

  for (guint s = 0; s < N_SIZES; s++)
    {
      g_object_unref (contexts[s]);
      for (guint c = 0; c < N_CASES; c++)
        g_free (samples[s][c]);
    }
  for (guint c = 0; c < N_CASES; c++)
    g_free (cases[c].path);
  bench_rm_rf (root);

  return bench_finish (&report);
}
