/* test-runner.c: programs really run through cordon-run, as the Run panel runs them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>

#include <glib/gstdio.h>

#include "cordon-blocked-access.h"
#include "cordon-runner.h"
#include "run-test-util.h"

typedef struct
{
  CordonRunner *runner;
  GString      *out;
  GString      *err;
  guint         n_finished;
} Run;

static void
on_output (CordonRunner *runner,
           const char   *text,
           gboolean      is_stderr,
           Run          *run)
{
  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_string_append (is_stderr ? run->err : run->out, text);
}

static void
on_finished (CordonRunner *runner,
             Run          *run)
{
  g_assert_false (cordon_runner_get_running (runner));
  run->n_finished++;
}

static void
run_init (Run *run)
{
  run->runner = cordon_runner_new ();
  run->out = g_string_new (NULL);
  run->err = g_string_new (NULL);
  run->n_finished = 0;
  g_signal_connect (run->runner, "output", G_CALLBACK (on_output), run);
  g_signal_connect (run->runner, "finished", G_CALLBACK (on_finished), run);
}

static void
run_clear (Run *run)
{
  g_assert_finalize_object (run->runner);
  g_string_free (run->out, TRUE);
  g_string_free (run->err, TRUE);
}

static gboolean
is_finished (gpointer data)
{
  return ((Run *) data)->n_finished > 0;
}

static gboolean
has_output (gpointer data)
{
  return ((Run *) data)->out->len > 0;
}

static char *
default_profile (void)
{
  g_autoptr(CordonDocument) document = run_test_default_document ();

  return cordon_document_to_json (document);
}

/* Starts @argv under the default profile and waits for its end. */
static void
run_to_end (Run               *run,
            const char *const *argv,
            const char        *working_dir)
{
  g_autofree char *profile = default_profile ();
  g_autoptr(GError) error = NULL;

  g_assert_true (cordon_runner_start (run->runner, profile, argv, working_dir, &error));
  g_assert_no_error (error);
  g_assert_true (cordon_runner_get_running (run->runner));
  g_assert_cmpstr (cordon_runner_get_status (run->runner), ==, "Running…");
  g_assert_true (run_test_wait_for (is_finished, run, 20));
  g_assert_cmpuint (run->n_finished, ==, 1);
}

static void
test_echo (void)
{
  const char *argv[] = { "/bin/echo", "hello", NULL };
  Run run;

  run_init (&run);
  g_assert_cmpint (cordon_runner_get_state (run.runner), ==, CORDON_RUN_STATE_IDLE);
  g_assert_null (cordon_runner_get_status (run.runner));
  run_to_end (&run, argv, NULL);
  g_assert_cmpstr (run.out->str, ==, "hello\n");
  g_assert_cmpstr (run.err->str, ==, "");
  g_assert_cmpint (cordon_runner_get_state (run.runner), ==, CORDON_RUN_STATE_EXITED);
  g_assert_cmpint (cordon_runner_get_exit_status (run.runner), ==, 0);
  g_assert_cmpstr (cordon_runner_get_status (run.runner), ==, "Exited with status 0");
  run_clear (&run);
}

static void
test_both_streams (void)
{
  const char *argv[] = { "/bin/sh", "-c", "echo to-out; echo to-err >&2; exit 3", NULL };
  Run run;

  run_init (&run);
  run_to_end (&run, argv, NULL);
  g_assert_cmpstr (run.out->str, ==, "to-out\n");
  g_assert_cmpstr (run.err->str, ==, "to-err\n");
  g_assert_cmpstr (cordon_runner_get_status (run.runner), ==, "Exited with status 3");
  run_clear (&run);
}

/* A program's own 127 is not cordon-run's: no "cordon-run:" line, no
 * "Could not start". */
static void
test_program_own_127 (void)
{
  const char *argv[] = { "/bin/sh", "-c", "echo mine >&2; exit 127", NULL };
  Run run;

  run_init (&run);
  run_to_end (&run, argv, NULL);
  g_assert_cmpint (cordon_runner_get_state (run.runner), ==, CORDON_RUN_STATE_EXITED);
  g_assert_cmpstr (cordon_runner_get_status (run.runner), ==, "Exited with status 127");
  run_clear (&run);
}

static void
test_denied_outside (void)
{
  g_autofree char *dir = run_test_make_outside_dir ();
  g_autofree char *secret = g_build_filename (dir, "secret.txt", NULL);
  const char *argv[] = { "/bin/cat", secret, NULL };
  Run run;

  g_assert_true (g_file_set_contents (secret, "do not read\n", -1, NULL));
  run_init (&run);
  run_to_end (&run, argv, NULL);
  g_assert_cmpstr (run.out->str, ==, "");
  g_assert_nonnull (strstr (run.err->str, "Permission denied"));
  g_assert_cmpint (cordon_runner_get_state (run.runner), ==, CORDON_RUN_STATE_EXITED);
  g_assert_cmpint (cordon_runner_get_exit_status (run.runner), !=, 0);
  /* cordon-run's status channel said what it refused. */
  {
    GListModel *blocked = cordon_runner_get_blocked (run.runner);
    g_autoptr (CordonBlockedAccess) access = NULL;
    g_autofree char *canonical = realpath (secret, NULL);
    g_autofree char *words = NULL;

    g_assert_cmpuint (g_list_model_get_n_items (blocked), ==, 1);
    access = g_list_model_get_item (blocked, 0);
    g_assert_cmpint (cordon_blocked_access_get_kind (access), ==, CORDON_BLOCKED_FS);
    g_assert_cmpstr (cordon_blocked_access_get_path (access), ==, canonical);
    g_assert_cmpint (cordon_blocked_access_get_access (access), ==, CORDON_ACCESS_READ);
    words = cordon_blocked_access_describe (access);
    g_assert_true (g_str_has_prefix (words, "Wanted to read "));
  }
  run_clear (&run);
  g_unlink (secret);
  g_rmdir (dir);
}

/* The program's stderr is the program's: a line that looks like
 * cordon-run's, with cordon-run's exit status, is still the program's. */
static void
test_program_mimics_cordon_run (void)
{
  const char *argv[] = { "/bin/sh", "-c", "echo 'cordon-run: fake' >&2; exit 126", NULL };
  Run run;

  run_init (&run);
  run_to_end (&run, argv, NULL);
  g_assert_cmpint (cordon_runner_get_state (run.runner), ==, CORDON_RUN_STATE_EXITED);
  g_assert_cmpstr (cordon_runner_get_status (run.runner), ==, "Exited with status 126");
  g_assert_cmpuint (g_list_model_get_n_items (cordon_runner_get_blocked (run.runner)), ==, 0);
  run_clear (&run);
}

static void
test_missing_program (void)
{
  const char *argv[] = { "cordon-no-such-program", NULL };
  Run run;

  run_init (&run);
  run_to_end (&run, argv, NULL);
  g_assert_cmpint (cordon_runner_get_state (run.runner), ==, CORDON_RUN_STATE_FAILED);
  g_assert_cmpint (cordon_runner_get_exit_status (run.runner), ==, 127);
  g_assert_cmpstr (cordon_runner_get_status (run.runner), ==,
                   "Could not start: cordon-no-such-program: not found");
  run_clear (&run);
}

static void
test_working_dir (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cordon-run-cwd-XXXXXX", NULL);
  g_autofree char *expected = g_strconcat (dir, "\n", NULL);
  const char *argv[] = { "/bin/pwd", NULL };
  Run run;

  run_init (&run);
  run_to_end (&run, argv, dir);
  g_assert_cmpstr (run.out->str, ==, expected);
  g_assert_cmpstr (cordon_runner_get_status (run.runner), ==, "Exited with status 0");
  run_clear (&run);

  /* A folder that is gone: cordon-run refuses, and says so. */
  g_rmdir (dir);
  run_init (&run);
  run_to_end (&run, argv, dir);
  g_assert_cmpint (cordon_runner_get_state (run.runner), ==, CORDON_RUN_STATE_FAILED);
  g_assert_true (g_str_has_prefix (cordon_runner_get_status (run.runner),
                                   "Could not start: --chdir"));
  run_clear (&run);
}

static void
test_stop (void)
{
  g_autofree char *profile = default_profile ();
  const char *argv[] = { "/bin/sh", "-c", "echo started; exec sleep 60", NULL };
  g_autoptr(GError) error = NULL;
  gint64 stopped;
  Run run;

  run_init (&run);
  g_assert_true (cordon_runner_start (run.runner, profile, argv, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (run_test_wait_for (has_output, &run, 20));

  /* One program at a time per runner. */
  g_assert_false (cordon_runner_start (run.runner, profile, argv, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_BUSY);

  /* From the stop on: how long the program took to start is not the
   * grace time's business. */
  stopped = g_get_monotonic_time ();
  cordon_runner_stop (run.runner);
  g_assert_true (run_test_wait_for (is_finished, &run, 20));
  g_assert_cmpint (cordon_runner_get_state (run.runner), ==, CORDON_RUN_STATE_SIGNALED);
  g_assert_cmpint (cordon_runner_get_term_signal (run.runner), ==, 15);
  g_assert_cmpstr (cordon_runner_get_status (run.runner), ==, "Killed by signal 15 (Terminated)");
  /* SIGTERM did it, not the SIGKILL after the grace time. */
  g_assert_cmpint (g_get_monotonic_time () - stopped, <, CORDON_RUNNER_STOP_GRACE_MS * 1000);
  run_clear (&run);
}

/* A program that ignores SIGTERM is killed after the grace time, together
 * with what it started. */
static void
test_stop_escalates (void)
{
  g_autofree char *profile = default_profile ();
  const char *argv[] = { "/bin/sh", "-c",
                         "trap '' TERM; echo started; while :; do sleep 1; done", NULL };
  g_autoptr(GError) error = NULL;
  gint64 stopped;
  Run run;

  run_init (&run);
  g_assert_true (cordon_runner_start (run.runner, profile, argv, NULL, &error));
  g_assert_true (run_test_wait_for (has_output, &run, 20));
  stopped = g_get_monotonic_time ();
  cordon_runner_stop (run.runner);
  g_assert_true (run_test_wait_for (is_finished, &run, 20));
  g_assert_cmpint (g_get_monotonic_time () - stopped, >=, CORDON_RUNNER_STOP_GRACE_MS * 1000);
  g_assert_cmpstr (cordon_runner_get_status (run.runner), ==, "Killed by signal 9 (Killed)");
  run_clear (&run);
}

static void
test_missing_cordon_run (void)
{
  g_autofree char *saved = g_strdup (g_getenv ("CORDON_RUN"));
  g_autofree char *profile = default_profile ();
  const char *argv[] = { "/bin/true", NULL };
  g_autoptr(GError) error = NULL;
  Run run;

  g_setenv ("CORDON_RUN", "/nonexistent/cordon-run", TRUE);
  run_init (&run);
  g_assert_false (cordon_runner_start (run.runner, profile, argv, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_cmpuint (run.n_finished, ==, 1);
  g_assert_cmpint (cordon_runner_get_state (run.runner), ==, CORDON_RUN_STATE_FAILED);
  g_assert_cmpstr (cordon_runner_get_status (run.runner), ==,
                   "Could not start: cordon-run was not found at /nonexistent/cordon-run");
  run_clear (&run);
  g_setenv ("CORDON_RUN", saved, TRUE);
}

/* Far more than a pipe holds: the profile is written while cordon-run
 * reads it, and all of it arrives. */
static void
test_large_profile (void)
{
  g_autofree char *profile = default_profile ();
  g_autoptr(GString) padded = g_string_new ("{ \"padding\": \"");
  const char *argv[] = { "/bin/echo", "read it all", NULL };
  g_autoptr(GError) error = NULL;
  Run run;

  for (guint i = 0; i < 4 * 1024 * 1024 / 64; i++)
    g_string_append (padded, "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
  g_string_append (padded, "\", ");
  g_string_append (padded, strchr (profile, '{') + 1);

  run_init (&run);
  g_assert_true (cordon_runner_start (run.runner, padded->str, argv, NULL, &error));
  g_assert_true (run_test_wait_for (is_finished, &run, 30));
  g_assert_cmpstr (run.out->str, ==, "read it all\n");
  g_assert_cmpstr (cordon_runner_get_status (run.runner), ==, "Exited with status 0");
  run_clear (&run);
}

/* Output that is not UTF-8, and a character split across reads. */
static void
test_not_utf8 (void)
{
  const char *argv[] = { "/bin/sh", "-c", "printf 'a\\377b\\303'; sleep 0.2; printf '\\251\\n'",
                         NULL };
  Run run;

  run_init (&run);
  run_to_end (&run, argv, NULL);
  g_assert_cmpstr (run.out->str, ==, "a\357\277\275b\303\251\n");
  run_clear (&run);
}

/* The runner's reads hold it while its program runs; once done it goes. */
static void
test_runs_again (void)
{
  const char *first[] = { "/bin/echo", "one", NULL };
  const char *second[] = { "/bin/echo", "two", NULL };
  Run run;

  run_init (&run);
  run_to_end (&run, first, NULL);
  run.n_finished = 0;
  run_to_end (&run, second, NULL);
  g_assert_cmpstr (run.out->str, ==, "one\ntwo\n");
  run_clear (&run);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/runner/echo", test_echo);
  g_test_add_func ("/runner/both-streams", test_both_streams);
  g_test_add_func ("/runner/program-own-127", test_program_own_127);
  g_test_add_func ("/runner/denied-outside", test_denied_outside);
  g_test_add_func ("/runner/missing-program", test_missing_program);
  g_test_add_func ("/runner/program-mimics-cordon-run", test_program_mimics_cordon_run);
  g_test_add_func ("/runner/working-dir", test_working_dir);
  g_test_add_func ("/runner/stop", test_stop);
  g_test_add_func ("/runner/stop-escalates", test_stop_escalates);
  g_test_add_func ("/runner/missing-cordon-run", test_missing_cordon_run);
  g_test_add_func ("/runner/large-profile", test_large_profile);
  g_test_add_func ("/runner/not-utf8", test_not_utf8);
  g_test_add_func ("/runner/runs-again", test_runs_again);

  return g_test_run ();
}
