/* bench-sockets.c: what deciding one connect costs, and that it does not
 * grow with the number of socket rules (issue 11)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The supervisor asks cordon_capability_set_socket_covered () for every
 * connect and send to a named socket, so its cost is part of each one. Sets
 * of 10, 1,000 and 10,000 folder entries; paths of depth 3 and 12, one
 * covered and one not. Sizes and cases are interleaved round by round, so
 * a burst of load on the machine hits them all alike.
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
  gboolean    covered;
} Case;

static CordonCapabilitySet *
make_caps (const char *listed,
           GPtrArray  *rule_dirs,
           guint       n)
{
  CordonCapabilitySet *caps = cordon_capability_set_new ();
  g_autoptr (GError) error = NULL;

  if (!cordon_capability_set_allow_socket (caps, listed, &error))
    g_error ("%s", error->message);
  for (guint i = 0; i + 1 < n; i++)
    if (!cordon_capability_set_allow_socket (caps, g_ptr_array_index (rule_dirs, i), &error))
      g_error ("%s", error->message);
  g_assert_cmpuint (g_list_model_get_n_items (cordon_capability_set_get_sockets (caps)), ==, n);
  return caps;
}

/* Nanoseconds per lookup over a batch of @batch. */
static double
time_batch (CordonCapabilitySet *caps,
            const Case          *c,
            guint                batch)
{
  gint64 start = bench_now_ns ();

  for (guint i = 0; i < batch; i++)
    /* Checked every time: a wrong answer fast is no result. */
    if (cordon_capability_set_socket_covered (caps, c->path) != c->covered)
      g_error ("%s: expected %s", c->path, c->covered ? "covered" : "not covered");

  return (double) (bench_now_ns () - start) / batch;
}

int
main (int    argc,
      char **argv)
{
  BenchReport report = { 0 };
  g_autofree char *root = bench_make_tmpdir ("sockets");
  g_autofree char *listed = bench_mkdir (root, "run/user");
  g_autoptr (GPtrArray) rule_dirs = NULL;
  CordonCapabilitySet *sets[N_SIZES];
  Case cases[N_CASES] = {
    { "depth 3, not covered", g_build_filename (root, "bus", NULL), FALSE },
    /* "run" itself is no rule: the walk goes on up past it. */
    { "depth 4, not covered", g_build_filename (root, "run", "s", NULL), FALSE },
    { "depth 12, covered", g_build_filename (listed, "a/b/c/d/e/f/g/wayland-0", NULL), TRUE },
    { "depth 12, not covered", g_build_filename (root, "run/x/a/b/c/d/e/f/g/h", NULL), FALSE },
  };
  guint rounds = bench_runs (31);
  guint batch = 10000;
  double *samples[N_SIZES][N_CASES];
  double medians[N_SIZES][N_CASES];

  rule_dirs = bench_make_rule_dirs (root, sizes[N_SIZES - 1]);
  for (guint s = 0; s < N_SIZES; s++)
    {
      sets[s] = make_caps (listed, rule_dirs, sizes[s]);
      for (guint c = 0; c < N_CASES; c++)
        samples[s][c] = g_new0 (double, rounds);
    }

  for (guint s = 0; s < N_SIZES; s++)
    for (guint c = 0; c < N_CASES; c++)
      time_batch (sets[s], &cases[c], batch);

  for (guint r = 0; r < rounds; r++)
    for (guint s = 0; s < N_SIZES; s++)
      for (guint c = 0; c < N_CASES; c++)
        samples[s][c][r] = time_batch (sets[s], &cases[c], batch);

  printf ("# sockets: socket_covered (), median of %u rounds of %u lookups, ns per lookup\n",
          rounds, batch);
  printf ("%-24s %10s %12s %13s %12s\n", "path", "10 rules", "1,000 rules", "10,000 rules",
          "10,000 / 10");
  for (guint c = 0; c < N_CASES; c++)
    {
      for (guint s = 0; s < N_SIZES; s++)
        medians[s][c] = bench_median (samples[s][c], rounds);
      printf ("%-24s %10.0f %12.0f %13.0f %11.2f×\n", cases[c].name, medians[0][c],
              medians[1][c], medians[2][c], medians[2][c] / medians[0][c]);
    }

  for (guint c = 0; c < N_CASES; c++)
    bench_target (&report, medians[2][c] / medians[0][c] <= 1.5,
                  "socket_covered %s: 10,000 rules cost %.2f× 10 rules (≤ 1.5×)", cases[c].name,
                  medians[2][c] / medians[0][c]);
  /* A small part of the 50 µs a mediated connect may add. */
  bench_target (&report, medians[2][2] < 5000.0,
                "socket_covered depth 12, 10,000 rules: %.2f µs (< 5 µs)",
                medians[2][2] / 1000.0);

  for (guint s = 0; s < N_SIZES; s++)
    {
      g_object_unref (sets[s]);
      for (guint c = 0; c < N_CASES; c++)
        g_free (samples[s][c]);
    }
  for (guint c = 0; c < N_CASES; c++)
    g_free (cases[c].path);
  bench_rm_rf (root);

  return bench_finish (&report);
}
