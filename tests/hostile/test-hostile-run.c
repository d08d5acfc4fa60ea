/* test-hostile-run.c: hostile profiles and arguments through cordon-run
 *
 * cordon-run must refuse each with exit status 125 and one line on
 * standard error that is UTF-8 text and says what is wrong; and its option
 * parser must report every failure as a G_OPTION_ERROR.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <limits.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "cordon-run-options.h"
#include "hostile-util.h"
#include "run-util.h"

typedef struct
{
  char *dir;
  char *profile; /* <dir>/profile.json, written by each test */
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = run_make_temp_dir ("cordon-hostile-run-XXXXXX");
  fixture->profile = g_build_filename (fixture->dir, "profile.json", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  run_rm_rf (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->profile);
}

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

static void
assert_refused (RunResult  *result,
                const char *words)
{
  run_assert_one_line_error (result, 125, words);
  g_assert_true (g_utf8_validate (result->err, -1, NULL));
}

static void
check_profile_file (Fixture    *fixture,
                    const char *json,
                    gsize       length,
                    const char *words)
{
  g_autoptr (RunResult) result = NULL;

  g_assert_true (g_file_set_contents (fixture->profile, json, length, NULL));
  result = run_cordon_va ("-p", fixture->profile, "--check", NULL);
  assert_refused (result, words);
}

static void
test_deep_nesting (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *open = g_strnfill (100000, '[');

  check_profile_file (fixture, open, strlen (open), "nested deeper than 64 levels");
}

static void
test_too_big (Fixture       *fixture,
              gconstpointer  data)
{
  gsize size = CORDON_STATE_MAX_BYTES + 1;
  g_autofree char *json = g_malloc (size);
  g_autoptr (RunResult) piped = NULL;
  RunOptions options = { 0 };

  memset (json, ' ', size);
  memcpy (json, "{\"fs\": [], \"net_blocked\": true}", 31);
  check_profile_file (fixture, json, size, "larger than");

  /* Standard input has no size to look at first. */
  options.stdin_text = g_strndup (json, size);
  piped = run_cordon ((const char *const[]){ "-p", "-", "--check", NULL }, &options);
  g_free ((char *) options.stdin_text);
  assert_refused (piped, "larger than");
}

static void
test_duplicate_keys (Fixture       *fixture,
                     gconstpointer  data)
{
  const char *json = "{\"fs\": [], \"net_blocked\": true, \"net_blocked\": false}";

  check_profile_file (fixture, json, strlen (json), "“net_blocked” twice");
}

static void
test_lone_surrogate_in_environment (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_auto (GStrv) envp = g_environ_setenv (g_get_environ (), "CORDON_PROFILE",
                                          "{\"fs\": [{\"path\": \"/\\ud800\", \"access\": "
                                          "\"Read\", \"is_file\": false}], \"net_blocked\": true}",
                                          TRUE);
  RunOptions options = { .envp = envp };
  g_autoptr (RunResult) result = run_cordon ((const char *const[]){ "--check", NULL }, &options);

  assert_refused (result, "surrogate");
}

static void
test_profile_is_directory (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr (RunResult) result = run_cordon_va ("-p", fixture->dir, "--check", NULL);

  assert_refused (result, "is a directory");
}

static void
test_long_rule_path (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *path = hostile_long_path (fixture->dir, PATH_MAX + 1);
  g_autoptr (RunResult) result = run_cordon_va ("--ro", path, "--check", NULL);

  assert_refused (result, "longer than 4095 bytes");
}

static void
test_symlink_loop_rule (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *loop = g_build_filename (fixture->dir, "loop", NULL);
  g_autoptr (RunResult) result = NULL;

  g_assert_no_errno (symlink (loop, loop));
  result = run_cordon_va ("--rw", loop, "--check", NULL);
  assert_refused (result, "too many levels of symbolic links");
}

/* GOption converts option values to UTF-8 and fails with a
 * G_CONVERT_ERROR, naming no option, on bytes that are not text. */
static void
test_non_utf8_option_value (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr (RunResult) result = run_cordon_va ("--print-profile", "--format", "\xee" "ono",
                                                NULL);
  const char *argv[] = { "cordon-run", "--print-profile", "--format", "\xee" "ono", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (CordonRunOptions) options =
    cordon_run_options_parse (G_N_ELEMENTS (argv) - 1, (char **) argv, &error);

  const char *fd_argv[] = { "cordon-run", "--profile-fd", "\xff", "--check", NULL };
  g_autoptr (CordonRunOptions) fd_options = NULL;
  g_autoptr (RunResult) fd_result = run_cordon_va ("--profile-fd", "\xff", "--check", NULL);

  assert_refused (result, "--format");
  g_assert_null (options);
  g_assert_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_clear_error (&error);

  assert_refused (fd_result, "--profile-fd");
  fd_options = cordon_run_options_parse (G_N_ELEMENTS (fd_argv) - 1, (char **) fd_argv, &error);
  g_assert_null (fd_options);
  g_assert_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
}

/* Messages quote arguments; arguments are bytes, messages are text. */
static void
test_non_utf8_in_message (Fixture       *fixture,
                          gconstpointer  data)
{
  const char *argv[] = { "cordon-run", "--check", "caf\xe9", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (CordonRunOptions) options =
    cordon_run_options_parse (G_N_ELEMENTS (argv) - 1, (char **) argv, &error);
  g_autoptr (RunResult) result = run_cordon_va ("--setenv", "\xff", "--check", NULL);

  g_assert_null (options);
  g_assert_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_nonnull (strstr (error->message, "does not run a program"));

  assert_refused (result, "--setenv");
}

/* A FIFO nobody writes to is an empty profile, not a hang. */
static void
test_fifo_profile (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr (RunResult) result = NULL;

  g_assert_no_errno (mkfifo (fixture->profile, 0600));
  result = run_cordon_va ("-p", fixture->profile, "--check", NULL);
  assert_refused (result, NULL);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  ADD ("/hostile/run/deep-nesting", test_deep_nesting);
  ADD ("/hostile/run/too-big", test_too_big);
  ADD ("/hostile/run/duplicate-keys", test_duplicate_keys);
  ADD ("/hostile/run/lone-surrogate-in-environment", test_lone_surrogate_in_environment);
  ADD ("/hostile/run/profile-is-directory", test_profile_is_directory);
  ADD ("/hostile/run/long-rule-path", test_long_rule_path);
  ADD ("/hostile/run/symlink-loop-rule", test_symlink_loop_rule);
  ADD ("/hostile/run/non-utf8-option-value", test_non_utf8_option_value);
  ADD ("/hostile/run/non-utf8-in-message", test_non_utf8_in_message);
  ADD ("/hostile/run/fifo-profile", test_fifo_profile);

  return g_test_run ();
}
