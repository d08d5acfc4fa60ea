/* test-desktop-programs.c: X11 and GTK 4 programs under the Desktop app preset
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb (build-aux/dev test). libxcb tries the X server's
 * abstract socket first, which the sandbox refuses, and falls back to
 * /tmp/.X11-unix/X<n> only on ENOENT or ECONNREFUSED: these tests are what
 * show the refusal is answered so that it does.
 */
#include "config.h"

#include <string.h>

#include "run-util.h"

static gboolean
have_x11 (const char *program)
{
  g_autofree char *path = g_find_program_in_path (program);
  const char *display = g_getenv ("DISPLAY");

  if (display == NULL || display[0] == '\0')
    {
      g_test_skip ("no X display (build-aux/dev test runs the tests under Xvfb)");
      return FALSE;
    }
  if (path == NULL)
    {
      g_test_skip_printf ("%s is not installed (build-aux/dev installs it)", program);
      return FALSE;
    }
  return TRUE;
}

static RunResult *
run_with (const char * const *rules,
          const char * const *command)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new ();

  for (guint i = 0; rules[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer) rules[i]);
  g_ptr_array_add (args, "--");
  for (guint i = 0; command[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer) command[i]);
  g_ptr_array_add (args, NULL);
  return run_cordon ((const char * const *) args->pdata, NULL);
}

static void
test_xdpyinfo (void)
{
  const char *rules[] = { "--preset", "run-programs", "--preset", "desktop-app", NULL };
  const char *command[] = { "xdpyinfo", "-queryExtensions", NULL };
  g_autoptr (RunResult) result = NULL;

  if (!have_x11 ("xdpyinfo"))
    return;
  result = run_with (rules, command);
  g_test_message ("stderr: %s", result->err);
  g_assert_cmpint (run_result_exit_code (result), ==, 0);
  g_assert_true (g_str_has_prefix (result->out, "name of display:"));
}

/* The display is reachable because the preset lists its socket, not
 * because the sandbox leaks: without the socket rule, no display. */
static void
test_socket_not_listed (void)
{
  const char *xauthority = g_getenv ("XAUTHORITY");
  const char *rules[] = { "--preset", "run-programs", "--preset", "temporary-files",
                          xauthority != NULL ? "--ro" : NULL, xauthority, NULL };
  const char *command[] = { "xdpyinfo", NULL };
  g_autoptr (RunResult) result = NULL;

  if (!have_x11 ("xdpyinfo"))
    return;
  result = run_with (rules, command);
  g_assert_cmpint (run_result_exit_code (result), !=, 0);
  g_assert_nonnull (strstr (result->err, "unable to open display"));
}

static void
test_from_profile (void)
{
  const char *make[] = { "--preset", "run-programs", "--preset", "desktop-app",
                         "--print-profile", NULL };
  const char *command[] = { "xdpyinfo", NULL };
  g_autoptr (RunResult) printed = NULL;
  g_autoptr (RunResult) result = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *profile = NULL;
  const char *rules[] = { "-p", NULL, NULL };

  if (!have_x11 ("xdpyinfo"))
    return;
  printed = run_cordon (make, NULL);
  g_assert_cmpint (run_result_exit_code (printed), ==, 0);
  /* The X socket is a socket rule, the bus a filtered one. */
  g_assert_nonnull (strstr (printed->out, "\"unix_sockets\""));
  g_assert_nonnull (strstr (printed->out, "/tmp/.X11-unix/X"));
  g_assert_nonnull (strstr (printed->out, "\"dbus_session\""));

  dir = run_make_temp_dir ("cordon-desktop-XXXXXX");
  profile = g_build_filename (dir, "desktop.json", NULL);
  run_write_file (profile, printed->out);
  rules[1] = profile;
  result = run_with (rules, command);
  g_test_message ("stderr: %s", result->err);
  g_assert_cmpint (run_result_exit_code (result), ==, 0);
  g_assert_true (g_str_has_prefix (result->out, "name of display:"));
  run_rm_rf (dir);
}

static void
test_gtk_window (void)
{
  g_autofree char *probe = g_test_build_filename (G_TEST_BUILT, "desktop", "cordon-gtk-probe", NULL);
  g_autofree char *probe_dir = g_path_get_dirname (probe);
  /* X11 even where a Wayland display is set too: that is what is tested. */
  const char *rules[] = { "--preset", "run-programs", "--preset", "desktop-app",
                          "--ro", probe_dir, "--setenv", "GDK_BACKEND=x11", NULL };
  const char *command[] = { probe, NULL };
  g_autoptr (RunResult) result = NULL;

  if (!have_x11 ("xdpyinfo"))
    return;
  result = run_with (rules, command);
  g_test_message ("stderr: %s", result->err);
  g_assert_cmpint (run_result_exit_code (result), ==, 0);
  g_assert_true (g_str_has_prefix (result->out, "window shown on "));
  g_assert_nonnull (strstr (result->out, "(GdkX11Display)"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/desktop/x11/xdpyinfo", test_xdpyinfo);
  g_test_add_func ("/desktop/x11/socket-not-listed", test_socket_not_listed);
  g_test_add_func ("/desktop/x11/from-profile", test_from_profile);
  g_test_add_func ("/desktop/gtk/window", test_gtk_window);

  return g_test_run ();
}
