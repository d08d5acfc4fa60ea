/* test-app-cli.c: cordon's own command line, as a user types it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include <glib.h>

static char *
run_app (const char *option,
         int        *out_status,
         char      **out_err)
{
  const char *app = g_getenv ("CORDON_APP");
  const char *argv[] = { app, option, NULL };
  g_autoptr (GError) error = NULL;
  char *out = NULL;
  int wait_status;

  g_assert_nonnull (app);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out,
                               out_err, &wait_status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  *out_status = WEXITSTATUS (wait_status);
  return out;
}

static void
test_version (void)
{
  g_autofree char *err = NULL;
  int status;
  g_autofree char *out = run_app ("--version", &status, &err);

  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (out, ==, "cordon " PACKAGE_VERSION "\n");
  g_assert_cmpstr (err, ==, "");
}

static void
test_help (void)
{
  g_autofree char *err = NULL;
  int status;
  g_autofree char *out = run_app ("--help", &status, &err);

  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "[FILE…]"));
  g_assert_nonnull (strstr (out, "Each FILE is a profile"));
  g_assert_nonnull (strstr (out, "--version"));
}

/* The man page documents what --help lists. */
static void
test_man_page (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "cordon.1", NULL);
  g_autofree char *man = NULL;
  g_autofree char *err = NULL;
  g_autofree char *help = NULL;
  int status;

  g_assert_true (g_file_get_contents (path, &man, NULL, NULL));
  help = run_app ("--help", &status, &err);
  g_assert_nonnull (strstr (help, "--version"));
  g_assert_nonnull (strstr (man, "\\-\\-version"));
  g_assert_nonnull (strstr (man, ".RI [ file ...]"));
  g_assert_nonnull (strstr (man, "cordon " PACKAGE_VERSION));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/app-cli/version", test_version);
  g_test_add_func ("/app-cli/help", test_help);
  g_test_add_func ("/app-cli/man-page", test_man_page);

  return g_test_run ();
}
