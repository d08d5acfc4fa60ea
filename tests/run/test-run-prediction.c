/* test-run-prediction.c: --report follows only the opens that may be refused
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The tracer lets an open the rules grant run without a second stop. Each
 * test here is an open that a reading of the path string would call
 * granted while the kernel refuses it (links out of a granted folder, ..,
 * a folder moved after its descriptor was opened, a write to a read-only
 * file), from a descriptor, the working folder, a thread and a child; the
 * report must still name each, and nothing that was allowed.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "cordon-run-prediction.h"
#include "run-util.h"

typedef struct
{
  char *dir;
  char *report_dir;
  char *report;
} Fixture;

static char *
in_dir (Fixture    *fixture,
        const char *name)
{
  return g_build_filename (fixture->dir, name, NULL);
}

static void
make_link (Fixture    *fixture,
           const char *target,
           const char *name)
{
  g_autofree char *to = in_dir (fixture, target);
  g_autofree char *at = in_dir (fixture, name);

  g_assert_no_errno (symlink (to, at));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *made = run_make_temp_dir ("cordon-prediction-XXXXXX");
  const char *dirs[] = { "allowed", "allowed/sub", "refused", "rw", "rw/moved", "wo" };
  const char *files[] = {
    "allowed/ok", "refused/secret", "refused/inner", "refused/via-dotdot", "refused/via-cwd",
    "refused/from-child", "refused/from-thread", "refused/no", "refused/by-fd", "refused/in-root",
    "rw/moved/f",
    "allowed/twin-a", "allowed/twin-b", "allowed/twin-c", "allowed/twin-d",
    "refused/twin-a", "refused/twin-b", "refused/twin-c", "refused/twin-d",
  };

  fixture->dir = realpath (made, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *path = in_dir (fixture, dirs[i]);

      g_assert_no_errno (g_mkdir (path, 0700));
    }
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = in_dir (fixture, files[i]);

      run_write_file (path, "x\n");
    }
  make_link (fixture, "refused/secret", "allowed/link-out");
  make_link (fixture, "refused", "allowed/dirlink");
  make_link (fixture, "refused/via-cwd", "allowed/link-cwd");
  make_link (fixture, "refused/from-child", "allowed/link-child");
  make_link (fixture, "refused/from-thread", "allowed/link-thread");

  fixture->report_dir = run_make_temp_dir ("cordon-prediction-out-XXXXXX");
  fixture->report = g_build_filename (fixture->report_dir, "report.jsonl", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  run_rm_rf (fixture->dir);
  run_rm_rf (fixture->report_dir);
  free (fixture->dir);
  g_free (fixture->report_dir);
  g_free (fixture->report);
}

static const char *
probe_path (void)
{
  static char *path;

  if (path == NULL)
    path = g_build_filename (run_probe_dir (), "prediction-probe", NULL);
  return path;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(char *const *) a, *(char *const *) b);
}

/* Runs the probe with --report; with @read_all under --ro / --rw DIR/rw,
 * otherwise under --ro DIR/allowed --rw DIR/rw --wo DIR/wo. Returns the
 * report as sorted "path access operation ×count" lines. */
static char *
run_probe (Fixture     *fixture,
           gboolean     read_all,
           const char  *mode,
           const char  *count,
           RunResult  **out_result)
{
  g_autofree char *allowed = in_dir (fixture, "allowed");
  g_autofree char *rw = in_dir (fixture, "rw");
  g_autofree char *wo = in_dir (fixture, "wo");
  const char *args[] = {
    "--ro", probe_path (), "--ro", allowed, "--rw", rw, "--wo", wo, "--report", fixture->report,
    "--", probe_path (), mode, fixture->dir, count, NULL,
  };
  const char *read_all_args[] = {
    "--ro", "/", "--rw", rw, "--report", fixture->report,
    "--", probe_path (), mode, fixture->dir, count, NULL,
  };
  g_autofree char *text = NULL;
  g_auto (GStrv) lines = NULL;
  g_autoptr (GPtrArray) described = g_ptr_array_new_with_free_func (g_free);

  *out_result = run_cordon (read_all ? read_all_args : args, NULL);
  g_assert_true (g_file_get_contents (fixture->report, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr (JsonNode) node = NULL;
      g_autoptr (GError) error = NULL;
      JsonObject *record;

      if (*lines[i] == '\0')
        continue;
      node = json_from_string (lines[i], &error);
      g_assert_no_error (error);
      record = json_node_get_object (node);
      g_assert_cmpstr (json_object_get_string_member (record, "kind"), ==, "fs");
      g_ptr_array_add (described,
                       g_strdup_printf ("%s %s %s ×%" G_GINT64_FORMAT,
                                        json_object_get_string_member (record, "path"),
                                        json_object_get_string_member (record, "access"),
                                        json_object_get_string_member (record, "operation"),
                                        json_object_get_int_member (record, "count")));
    }
  g_ptr_array_sort (described, compare_strings);
  g_ptr_array_add (described, NULL);
  return g_strjoinv ("\n", (char **) described->pdata);
}

/* Runs the probe in @mode, which must succeed without a word on stderr,
 * and asserts its report, as the lines @want_format makes. */
static void G_GNUC_PRINTF (4, 5)
assert_probe_reports (Fixture    *fixture,
                      gboolean    read_all,
                      const char *mode,
                      const char *want_format,
                      ...)
{
  g_autoptr (RunResult) result = NULL;
  g_autofree char *got = run_probe (fixture, read_all, mode, NULL, &result);
  g_autofree char *want = NULL;
  va_list args;

  va_start (args, want_format);
  want = g_strdup_vprintf (want_format, args);
  va_end (args);

  g_assert_cmpstr (result->err, ==, "");
  g_assert_cmpint (run_result_exit_code (result), ==, 0);
  g_assert_cmpstr (got, ==, want);
}

/* A race of 3,000 opens (cordon-probe MODE prints how many the kernel
 * refused): the report is empty or names @prefix (PATH Read open ×) with a
 * count no larger than the kernel's. */
static void
assert_race_reported (Fixture    *fixture,
                      const char *mode,
                      const char *prefix)
{
  g_autoptr (RunResult) result = NULL;
  g_autofree char *got = NULL;
  guint64 refusals = 0;

  got = run_probe (fixture, FALSE, mode, "3000", &result);
  g_assert_cmpint (run_result_exit_code (result), ==, 0);
  g_assert_true (g_ascii_string_to_unsigned (g_strstrip (result->out), 10, 0, 3000, &refusals,
                                             NULL));
  g_test_message ("the kernel refused %" G_GUINT64_FORMAT " opens; the report: %s", refusals,
                  got);
  if (*got != '\0')
    {
      guint64 counted = 0;

      g_assert_true (g_str_has_prefix (got, prefix));
      g_assert_true (g_ascii_string_to_unsigned (got + strlen (prefix), 10, 1, 3000, &counted,
                                                 NULL));
      g_assert_cmpuint (counted, <=, refusals);
    }
}

static void
test_paths (Fixture       *fixture,
            gconstpointer  data)
{
  if (run_landlock_abi () < 2)
    {
      g_test_skip ("moving a folder needs Landlock ABI 2 (REFER)");
      return;
    }
  assert_probe_reports (fixture, FALSE, "paths",
                        "%1$s/allowed/ok Write open ×1\n"
                        "%1$s/refused/by-fd Read open ×2\n"
                        "%1$s/refused/from-child Read open ×1\n"
                        "%1$s/refused/from-thread Read open ×1\n"
                        "%1$s/refused/in-root Read open ×1\n"
                        "%1$s/refused/inner Read open ×1\n"
                        "%1$s/refused/secret Read open ×1\n"
                        "%1$s/refused/via-cwd Read open ×1\n"
                        "%1$s/refused/via-dotdot Read open ×1\n"
                        "%1$s/wo/moved/f Read open ×1",
                        fixture->dir);
}

/* The working folder the supervisor remembers for relative names, moved
 * by chdir, fchdir, another thread's chdir, in a child, and by a rename:
 * each open of the same name after the move is refused and reported. */
static void
test_cwd (Fixture       *fixture,
          gconstpointer  data)
{
  if (run_landlock_abi () < 2)
    {
      g_test_skip ("moving a folder needs Landlock ABI 2 (REFER)");
      return;
    }
  assert_probe_reports (fixture, FALSE, "cwd",
                        "%1$s/refused/twin-a Read open ×1\n"
                        "%1$s/refused/twin-b Read open ×1\n"
                        "%1$s/refused/twin-c Read open ×1\n"
                        "%1$s/refused/twin-d Read open ×1\n"
                        "%1$s/wo/moved/f Read open ×1",
                        fixture->dir);
}

/* Opens that may make the file: one the rules grant runs without the exit
 * stop, and each refused one is reported, through links to names not made
 * yet (which O_CREAT would make at the link's target) included. */
static void
test_creates (Fixture       *fixture,
              gconstpointer  data)
{
  make_link (fixture, "refused/via-link", "rw/link-create");
  make_link (fixture, "refused/via-link-2", "rw/link-create-2");
  make_link (fixture, "refused", "rw/sub-link");
  assert_probe_reports (fixture, FALSE, "creates",
                        "%1$s/allowed/new-4 Write create ×1\n"
                        "%1$s/refused/new-5 Write create ×1\n"
                        "%1$s/refused/via-link Write create ×1\n"
                        "%1$s/refused/via-link-2 Write create ×1",
                        fixture->dir);
}

/* With Read granted on "/", the tracing filter lets every open that only
 * reads run without a stop; each that asks for more is still followed. */
static void
test_writes_when_reading_all (Fixture       *fixture,
                              gconstpointer  data)
{
  assert_probe_reports (fixture, TRUE, "writes",
                        "%1$s/refused/new Write create ×1\n"
                        "%1$s/refused/secret ReadWrite open ×1\n"
                        "%1$s/refused/secret ReadWrite truncate ×1\n"
                        "%1$s/refused/secret Write open ×1",
                        fixture->dir);
}

/* Another thread rewrites the path between a granted and a refused file
 * while the program opens it. Which one the kernel read at each call is
 * unknowable to a tracer; what must hold is that the report never counts
 * more refusals of the refused file than the kernel made, and names
 * nothing else (a mix of the two names does not exist: ENOENT). */
static void
test_rewritten_path (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *prefix = g_strdup_printf ("%s/refused/no Read open ×", fixture->dir);

  assert_race_reported (fixture, "flip", prefix);
}

/* The lexical clean-up a prediction is made on (only for paths without
 * links, where it is what the kernel's walk does). */
static void
test_normalize (void)
{
  const char *cases[][2] = {
    { "/", "/" },
    { "//a//b/", "/a/b" },
    { "/a/./b/.", "/a/b" },
    { "/a/b/../c", "/a/c" },
    { "/a/../../b", "/b" },
    { "/..", "/" },
    { "/a/b/..", "/a" },
    { "/a/..", "/" },
    { "/a/.../b", "/a/.../b" },
    { "/a/..b/c", "/a/..b/c" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup (cases[i][0]);

      g_assert_true (cordon_run_prediction_normalize (path));
      g_assert_cmpstr (path, ==, cases[i][1]);
    }
  {
    char relative[] = "a/b";

    g_assert_false (cordon_run_prediction_normalize (relative));
  }
}

/* The union of the rules on a path and its folders, as Landlock grants;
 * a file rule only for its own path. */
static void
test_rules_grant (void)
{
  g_autofree char *made = run_make_temp_dir ("cordon-prediction-rules-XXXXXX");
  g_autofree char *dir = realpath (made, NULL);
  g_autofree char *sub = g_build_filename (dir, "sub", NULL);
  g_autofree char *file = g_build_filename (dir, "file", NULL);
  g_autofree char *in_sub = g_build_filename (sub, "x", NULL);
  g_autofree char *sibling = g_strconcat (dir, "-sibling", NULL);
  g_autofree char *file_child = g_build_filename (file, "x", NULL);
  g_autoptr (CordonCapabilitySet) caps = cordon_capability_set_new ();
  g_autoptr (CordonRunPrediction) prediction = NULL;
  g_autoptr (CordonCapabilitySet) everything = cordon_capability_set_new ();
  g_autoptr (CordonRunPrediction) reads_all = NULL;

  g_assert_no_errno (g_mkdir (sub, 0700));
  run_write_file (file, "x");
  g_assert_true (cordon_capability_set_allow_path (caps, dir, CORDON_ACCESS_READ, NULL));
  g_assert_true (cordon_capability_set_allow_path (caps, sub, CORDON_ACCESS_WRITE, NULL));
  g_assert_true (cordon_capability_set_allow_file (caps, file, CORDON_ACCESS_WRITE, NULL));
  prediction = cordon_run_prediction_new (caps);

  g_assert_true (cordon_run_prediction_rules_grant (prediction, dir, CORDON_ACCESS_READ));
  g_assert_false (cordon_run_prediction_rules_grant (prediction, dir, CORDON_ACCESS_WRITE));
  g_assert_true (cordon_run_prediction_rules_grant (prediction, in_sub,
                                                    CORDON_ACCESS_READ_WRITE));
  g_assert_true (cordon_run_prediction_rules_grant (prediction, file, CORDON_ACCESS_READ_WRITE));
  g_assert_false (cordon_run_prediction_rules_grant (prediction, file_child,
                                                     CORDON_ACCESS_WRITE));
  g_assert_false (cordon_run_prediction_rules_grant (prediction, sibling, CORDON_ACCESS_READ));
  g_assert_false (cordon_run_prediction_rules_grant (prediction, "/", CORDON_ACCESS_READ));
  g_assert_false (cordon_run_prediction_reads_everything (prediction));

  g_assert_true (cordon_capability_set_allow_path (everything, "/", CORDON_ACCESS_READ, NULL));
  reads_all = cordon_run_prediction_new (everything);
  g_assert_true (cordon_run_prediction_reads_everything (reads_all));
  g_assert_true (cordon_run_prediction_rules_grant (reads_all, sibling, CORDON_ACCESS_READ));
  g_assert_false (cordon_run_prediction_rules_grant (reads_all, sibling, CORDON_ACCESS_WRITE));
  run_rm_rf (dir);
}

/* Another thread keeps exchanging a granted file with a link to a refused
 * one while the program opens that name: a link planted between the
 * supervisor's look and the kernel's walk. The report may miss some of
 * those refusals (README), but never names more than the kernel made, nor
 * anything else. */
static void
test_swapped_link (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *racy = in_dir (fixture, "rw/racy");
  g_autofree char *prefix = g_strdup_printf ("%s/refused/secret Read open ×", fixture->dir);

  run_write_file (racy, "x\n");
  make_link (fixture, "refused/secret", "rw/racy-link");
  assert_race_reported (fixture, "swap", prefix);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/run/report/prediction/normalize", test_normalize);
  g_test_add_func ("/run/report/prediction/rules-grant", test_rules_grant);

  g_test_add ("/run/report/prediction/paths", Fixture, NULL, fixture_set_up, test_paths,
              fixture_tear_down);
  g_test_add ("/run/report/prediction/cwd", Fixture, NULL, fixture_set_up, test_cwd,
              fixture_tear_down);
  g_test_add ("/run/report/prediction/creates", Fixture, NULL, fixture_set_up, test_creates,
              fixture_tear_down);
  g_test_add ("/run/report/prediction/writes-when-reading-all", Fixture, NULL, fixture_set_up,
              test_writes_when_reading_all, fixture_tear_down);
  g_test_add ("/run/report/prediction/swapped-link", Fixture, NULL, fixture_set_up,
              test_swapped_link, fixture_tear_down);
  g_test_add ("/run/report/prediction/rewritten-path", Fixture, NULL, fixture_set_up,
              test_rewritten_path, fixture_tear_down);
  return g_test_run ();
}
