/* test-run-learn.c: --learn, then a run under what it learned
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "run-util.h"
#include "cordon-run-learner.h"

typedef struct
{
  char *dir;
  char *profile;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *made = run_make_temp_dir ("cordon-learn-XXXXXX");
  const char *subdirs[] = { "data", "out", "listed", "many", "base" };

  fixture->dir = realpath (made, NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (subdirs); i++)
    {
      g_autofree char *sub = g_build_filename (fixture->dir, subdirs[i], NULL);

      g_assert_no_errno (g_mkdir (sub, 0700));
    }
  fixture->profile = g_build_filename (fixture->dir, "learned.json", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  run_rm_rf (fixture->dir);
  free (fixture->dir);
  g_free (fixture->profile);
}

static char *
at (Fixture    *fixture,
    const char *name)
{
  return g_build_filename (fixture->dir, name, NULL);
}

/* The learned rules as "path Mode dir|file" lines. */
static char *
rule_of (JsonArray  *fs,
         const char *path)
{
  for (guint i = 0; i < json_array_get_length (fs); i++)
    {
      JsonObject *rule = json_array_get_object_element (fs, i);

      if (g_str_equal (json_object_get_string_member (rule, "path"), path))
        return g_strdup_printf ("%s %s", json_object_get_string_member (rule, "access"),
                                json_object_get_boolean_member (rule, "is_file") ? "file" : "dir");
    }
  return NULL;
}

static void
test_learn_then_run (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *read_me = at (fixture, "data/read-me");
  g_autofree char *sibling = at (fixture, "data/sibling");
  g_autofree char *written = at (fixture, "data/written");
  g_autofree char *out = at (fixture, "out");
  g_autofree char *created = at (fixture, "out/created");
  g_autofree char *listed = at (fixture, "listed");
  g_autofree char *many = at (fixture, "many");
  g_autofree char *base = at (fixture, "base");
  g_autofree char *data_dir = at (fixture, "data");
  g_autofree char *script = NULL;
  g_autoptr (RunResult) learned = NULL;
  g_autoptr (RunResult) again = NULL;
  g_autoptr (RunResult) sibling_query = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *r = NULL;
  JsonObject *root;
  JsonArray *fs;

  run_write_file (read_me, "hello\n");
  run_write_file (sibling, "untouched\n");
  run_write_file (written, "old\n");
  for (guint i = 0; i <= CORDON_RUN_LEARN_GROUP_THRESHOLD; i++)
    {
      g_autofree char *name = g_strdup_printf ("many/f%02u", i);
      g_autofree char *path = at (fixture, name);

      run_write_file (path, "x");
    }
  script = g_strdup_printf ("cat %s && echo more >> %s && echo new > %s && ls %s >/dev/null "
                            "&& cat %s/* >/dev/null",
                            read_me, written, created, listed, many);

  learned = run_cordon_va ("--ro", base, "--learn", fixture->profile, "--", "/bin/sh", "-c",
                           script, NULL);
  g_assert_cmpint (run_result_exit_code (learned), ==, 0);
  g_assert_cmpstr (learned->out, ==, "hello\n");
  g_assert_nonnull (strstr (learned->err, "WITHOUT filesystem, network and socket restriction"));

  g_assert_true (json_parser_load_from_file (parser, fixture->profile, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  fs = json_object_get_array_member (root, "fs");
  g_assert_true (json_object_get_boolean_member (root, "net_blocked"));

  r = rule_of (fs, read_me);
  g_assert_cmpstr (r, ==, "Read file");
  g_clear_pointer (&r, g_free);
  r = rule_of (fs, written);
  g_assert_cmpstr (r, ==, "Write file");
  g_clear_pointer (&r, g_free);
  r = rule_of (fs, out);       /* created in it */
  g_assert_cmpstr (r, ==, "Write dir");
  g_clear_pointer (&r, g_free);
  r = rule_of (fs, listed);
  g_assert_cmpstr (r, ==, "Read dir");
  g_clear_pointer (&r, g_free);
  r = rule_of (fs, many);      /* above the threshold: the folder, not above it */
  g_assert_cmpstr (r, ==, "Read dir");
  g_clear_pointer (&r, g_free);
  r = rule_of (fs, base);      /* the base profile's rule is kept */
  g_assert_cmpstr (r, ==, "Read dir");
  g_clear_pointer (&r, g_free);
  g_assert_null (rule_of (fs, "/"));
  g_assert_null (rule_of (fs, data_dir));
  g_assert_null (rule_of (fs, fixture->dir));
  g_assert_null (rule_of (fs, g_get_home_dir ()));

  /* The same run under what was learned works… */
  g_assert_no_errno (g_unlink (created));
  again = run_cordon_va ("-p", fixture->profile, "--", "/bin/sh", "-c", script, NULL);
  g_assert_cmpstr (again->err, ==, "");
  g_assert_cmpint (run_result_exit_code (again), ==, 0);
  g_assert_cmpstr (again->out, ==, "hello\n");

  /* …and a file it never touched stays out of reach. */
  sibling_query = run_cordon_va ("-p", fixture->profile, "--query", sibling, NULL);
  g_assert_cmpint (run_result_exit_code (sibling_query), ==, 1);
}

static void
test_learn_refusals (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr (RunResult) with_report = run_cordon_va ("--learn", fixture->profile, "--report",
                                                     "/dev/null", "--", "/bin/true", NULL);

  run_assert_one_line_error (with_report, 125, "--learn");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/run/learn/learn-then-run", Fixture, NULL, fixture_set_up, test_learn_then_run,
              fixture_tear_down);
  g_test_add ("/run/learn/refusals", Fixture, NULL, fixture_set_up, test_learn_refusals,
              fixture_tear_down);
  return g_test_run ();
}
