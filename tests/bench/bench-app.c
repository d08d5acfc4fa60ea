/* bench-app.c: the app's start and a 10,000-rule profile (issue 6,
 * benchmark 5)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The driver starts this program again as a child, several times, each a
 * fresh process, and takes medians of what the children report:
 *  - first frame: from just before the spawn to the main window's first
 *    painted frame (GdkFrameClock::after-paint), so exec, loading GTK and
 *    building the window all count;
 *  - open: cordon_window_open_file() on a 10,000-rule profile (parse,
 *    re-resolve every path, hand the model to the list) until a row of the
 *    new profile is painted and an idle callback runs, i.e. the window
 *    answers again;
 *  - scrolling: the list scrolled a page per frame to its end, the time
 *    between painted frames;
 *  - peak memory (VmHWM) after the first frame and at the end.
 * It needs a display: run it under xvfb-run (see BENCHMARKS.md).
 */
#include "config.h"

#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench-util.h"
#include "cordon-application.h"
#include "cordon-rule-list-private.h"
#include "cordon-rule-row.h"
#include "cordon-window-private.h"

#define N_RULES 10000
#define SCROLL_FRAMES 60
/* Longer than any healthy step here; a hang must not hang the benchmark. */
#define STEP_TIMEOUT_NS (G_GINT64_CONSTANT (20) * 1000000000)

typedef struct
{
  gint64  first_paint;
  gint64  last_paint;
  guint   n_paints;
  GArray *intervals; /* of double, ms, while recording */
} Frames;

static void
on_after_paint (GdkFrameClock *clock,
                Frames        *frames)
{
  gint64 now = bench_now_ns ();

  if (frames->first_paint == 0)
    frames->first_paint = now;
  if (frames->intervals != NULL && frames->last_paint != 0)
    {
      double ms = (now - frames->last_paint) / 1e6;

      g_array_append_val (frames->intervals, ms);
    }
  frames->last_paint = now;
  frames->n_paints++;
}

static void
on_realize (GtkWidget *widget,
            Frames    *frames)
{
  g_signal_connect (gtk_widget_get_frame_clock (widget), "after-paint",
                    G_CALLBACK (on_after_paint), frames);
}

static void
iterate_until (gboolean (*condition) (gpointer),
               gpointer    data,
               const char *what)
{
  gint64 deadline = bench_now_ns () + STEP_TIMEOUT_NS;

  while (!condition (data))
    {
      if (bench_now_ns () > deadline)
        g_error ("timed out waiting for %s", what);
      g_main_context_iteration (NULL, TRUE);
    }
}

static gboolean
painted_once (gpointer data)
{
  return ((Frames *) data)->first_paint != 0;
}

typedef struct
{
  Frames     *frames;
  GtkWidget  *list;
  const char *expected; /* resolved path of a rule of the opened profile */
  guint       paints_when_shown;
  gboolean    shown;
  gboolean    idle_ran;
  gint64      idle_time;
} OpenWait;

static gboolean
row_shows (GtkWidget  *widget,
           const char *resolved)
{
  if (CORDON_IS_RULE_ROW (widget))
    {
      CordonFsCapability *rule = cordon_rule_row_get_capability (CORDON_RULE_ROW (widget));

      return rule != NULL && g_str_equal (cordon_fs_capability_get_resolved (rule), resolved);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (row_shows (child, resolved))
      return TRUE;
  return FALSE;
}

static gboolean
open_done (gpointer data)
{
  OpenWait *wait = data;

  if (!wait->shown && row_shows (wait->list, wait->expected))
    {
      wait->shown = TRUE;
      wait->paints_when_shown = wait->frames->n_paints;
    }
  /* Shown means painted: one frame more after the row exists. */
  return wait->shown && wait->frames->n_paints > wait->paints_when_shown && wait->idle_ran;
}

static gboolean
on_idle (gpointer data)
{
  OpenWait *wait = data;

  wait->idle_ran = TRUE;
  wait->idle_time = bench_now_ns ();
  return G_SOURCE_REMOVE;
}

typedef struct
{
  Frames *frames;
  guint   target;
} PaintWait;

static gboolean
painted_again (gpointer data)
{
  PaintWait *wait = data;

  return wait->frames->n_paints >= wait->target;
}

static char *
first_rule_path (const char *profile)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CordonSandboxState) state = cordon_sandbox_state_load_file (profile, &error);
  g_autoptr (CordonCapabilitySet) caps = NULL;
  g_autoptr (CordonFsCapability) rule = NULL;

  if (state == NULL || (caps = cordon_sandbox_state_to_caps (state, &error)) == NULL)
    g_error ("%s", error->message);
  rule = g_list_model_get_item (G_LIST_MODEL (caps), 0);
  return g_strdup (cordon_fs_capability_get_resolved (rule));
}

static int
run_child (gint64      t0,
           const char *profile)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CordonApplication) app = NULL;
  g_autoptr (GFile) file = g_file_new_for_path (profile);
  g_autofree char *expected = NULL;
  Frames frames = { 0 };
  OpenWait open_wait = { 0 };
  CordonWindow *window;
  GtkAdjustment *adjustment;
  GtkWidget *list_view;
  guint64 hwm_start, hwm_end;
  gint64 t_open, t_open_returned, t_main, t_init, t_built;
  double first_frame_ms, open_ms, load_ms;

  t_main = bench_now_ns ();

  /* As g_application_run() would; recently used files need a name. */
  g_set_prgname ("cordon");
  gtk_init ();
  adw_init ();
  app = g_object_new (CORDON_TYPE_APPLICATION,
                      "application-id", APP_ID,
                      "flags", G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE,
                      "resource-base-path", RESOURCE_PREFIX,
                      NULL);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("cannot register the application: %s", error->message);
  g_application_hold (G_APPLICATION (app));
  t_init = bench_now_ns ();

  window = cordon_window_new (app);
  t_built = bench_now_ns ();
  g_signal_connect (window, "realize", G_CALLBACK (on_realize), &frames);
  gtk_window_present (GTK_WINDOW (window));
  iterate_until (painted_once, &frames, "the first frame");
  first_frame_ms = (frames.first_paint - t0) / 1e6;
  hwm_start = bench_peak_rss_kib ();

  /* Known before timing, so that finding it costs nothing inside. */
  expected = first_rule_path (profile);

  list_view = GTK_WIDGET (cordon_rule_list_get_list_view (cordon_window_get_rule_list (window)));
  open_wait.frames = &frames;
  open_wait.list = list_view;
  open_wait.expected = expected;

  t_open = bench_now_ns ();
  cordon_window_open_file (window, file);
  t_open_returned = bench_now_ns ();
  g_idle_add (on_idle, &open_wait);
  iterate_until (open_done, &open_wait, "the opened profile's rows");
  open_ms = (MAX (frames.last_paint, open_wait.idle_time) - t_open) / 1e6;
  load_ms = (t_open_returned - t_open) / 1e6;

  /* A page per frame, to the end of the list. */
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list_view));
  frames.intervals = g_array_new (FALSE, FALSE, sizeof (double));
  frames.last_paint = 0;
  for (guint i = 0; i < SCROLL_FRAMES; i++)
    {
      PaintWait paint_wait = { &frames, frames.n_paints + 1 };
      double value = gtk_adjustment_get_value (adjustment) +
                     MAX (gtk_adjustment_get_page_size (adjustment), 200.0) * 7;

      gtk_adjustment_set_value (adjustment, value);
      iterate_until (painted_again, &paint_wait, "a frame while scrolling");
    }
  hwm_end = bench_peak_rss_kib ();

  {
    double *intervals = (double *) (void *) frames.intervals->data;
    guint n = frames.intervals->len;
    double max = n > 0 ? intervals[0] : 0;

    for (guint i = 1; i < n; i++)
      max = MAX (max, intervals[i]);
    printf ("RESULT %.3f %.3f %.3f %.3f %.3f %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT
            " %u %.0f %.3f %.3f %.3f\n",
            first_frame_ms, open_ms, load_ms, n > 0 ? bench_median (intervals, n) : 0.0, max,
            hwm_start, hwm_end, g_list_model_get_n_items (G_LIST_MODEL (cordon_document_get_caps (
              cordon_window_get_document (window)))),
            gtk_adjustment_get_value (adjustment), (t_main - t0) / 1e6, (t_init - t_main) / 1e6,
            (t_built - t_init) / 1e6);
  }
  fflush (stdout);
  g_array_unref (frames.intervals);
  frames.intervals = NULL;
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}

#define N_VALUES 12

/* One child: fills @values from its RESULT line. */
static void
spawn_child (const char *self,
             const char *profile,
             double      values[N_VALUES])
{
  char output[4096];
  g_autofree char *t0_text = NULL;
  const char *line;
  char *argv[5];
  pid_t pid;
  int status;
  int fd;

  t0_text = g_strdup_printf ("%" G_GINT64_FORMAT, bench_now_ns ());
  argv[0] = (char *) self;
  argv[1] = (char *) "--child";
  argv[2] = t0_text;
  argv[3] = (char *) profile;
  argv[4] = NULL;
  fd = bench_spawn_piped (argv, NULL, NULL, &pid);
  status = bench_collect (fd, pid, output, sizeof output);

  line = strstr (output, "RESULT ");
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0 || line == NULL ||
      sscanf (line, "RESULT %lf %lf %lf %lf %lf %lf %lf %lf %lf %lf %lf %lf", &values[0],
              &values[1], &values[2], &values[3], &values[4], &values[5], &values[6], &values[7],
              &values[8], &values[9], &values[10], &values[11]) != N_VALUES)
    g_error ("the app child failed (status %d): %s", status, output);
}

int
main (int    argc,
      char **argv)
{
  BenchReport report = { 0 };
  g_autofree char *root = NULL;
  g_autofree char *profile = NULL;
  g_autofree char *data_home = NULL;
  g_autofree char *self = NULL;
  guint runs = bench_runs (7);
  double *columns[N_VALUES];
  double medians[N_VALUES];

  if (argc == 4 && g_str_equal (argv[1], "--child"))
    return run_child (g_ascii_strtoll (argv[2], NULL, 10), argv[3]);

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      printf ("# skipped: no display; run under xvfb-run -a dbus-run-session "
              "(see BENCHMARKS.md)\n");
      return 77;
    }

  self = g_file_read_link ("/proc/self/exe", NULL);
  if (self == NULL)
    self = g_strdup (argv[0]);
  root = bench_make_tmpdir ("app");
  {
    g_autoptr (CordonCapabilitySet) caps = bench_make_profile_caps (root, N_RULES);

    profile = bench_save_profile (caps, root, "profile.json");
  }
  /* Recently used files land here, not in the user's home. */
  data_home = bench_mkdir (root, "data-home");
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  for (guint k = 0; k < N_VALUES; k++)
    columns[k] = g_new0 (double, runs);
  for (guint r = 0; r < runs; r++)
    {
      double values[N_VALUES];

      spawn_child (self, profile, values);
      for (guint k = 0; k < N_VALUES; k++)
        columns[k][r] = values[k];
      if (values[7] != N_RULES)
        g_error ("the window holds %.0f rules, not %u", values[7], N_RULES);
    }
  for (guint k = 0; k < N_VALUES; k++)
    medians[k] = bench_median (columns[k], runs);

  printf ("# app: median of %u fresh processes\n", runs);
  printf ("start to first frame of the main window   %8.1f ms\n", medians[0]);
  printf ("  exec and loading libraries, to main()    %8.1f ms\n", medians[9]);
  printf ("  GTK, libadwaita and application set-up   %8.1f ms\n", medians[10]);
  printf ("  building the window                      %8.1f ms\n", medians[11]);
  printf ("  the rest: first layout and drawing       %8.1f ms\n",
          medians[0] - medians[9] - medians[10] - medians[11]);
  printf ("open 10,000 rules until shown and idle    %8.1f ms\n", medians[1]);
  printf ("  of which loading (open_file returns)    %8.1f ms\n", medians[2]);
  printf ("scrolling: frame interval median / max    %8.1f / %.1f ms (%u frames)\n", medians[3],
          medians[4], SCROLL_FRAMES);
  printf ("peak memory (VmHWM) after first frame     %8.1f MiB\n", medians[5] / 1024.0);
  printf ("peak memory (VmHWM) with 10,000 rules     %8.1f MiB\n", medians[6] / 1024.0);

  bench_target (&report, medians[0] < 500.0, "first frame: %.0f ms (< 500 ms)", medians[0]);
  bench_target (&report, medians[1] < 1000.0, "10,000-rule profile shown: %.0f ms (< 1 s)",
                medians[1]);
  bench_target (&report, medians[3] <= 33.4,
                "scrolling 10,000 rules: median frame %.1f ms (≤ 33 ms, 30 frames a second)",
                medians[3]);

  for (guint k = 0; k < N_VALUES; k++)
    g_free (columns[k]);
  bench_rm_rf (root);
  return bench_finish (&report);
}
