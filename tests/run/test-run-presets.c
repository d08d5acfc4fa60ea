/* test-run-presets.c: cordon-run --preset, --list-presets, --dbus-talk/--dbus-own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "run-util.h"

typedef struct
{
  char  *data_home; /* XDG_DATA_HOME for cordon-run */
  char  *presets;   /* …/cordon/presets */
  char **envp;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->data_home = run_make_temp_dir ("cordon-presets-XXXXXX");
  fixture->presets = g_build_filename (fixture->data_home, "cordon", "presets", NULL);
  g_assert_cmpint (g_mkdir_with_parents (fixture->presets, 0700), ==, 0);
  fixture->envp = g_environ_setenv (g_get_environ (), "XDG_DATA_HOME", fixture->data_home, TRUE);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  run_rm_rf (fixture->data_home);
  g_free (fixture->data_home);
  g_free (fixture->presets);
  g_strfreev (fixture->envp);
}

static void
write_preset (Fixture    *fixture,
              const char *id,
              const char *json)
{
  g_autofree char *basename = g_strconcat (id, ".json", NULL);
  g_autofree char *path = g_build_filename (fixture->presets, basename, NULL);

  run_write_file (path, json);
}

static RunResult *
run_in (Fixture           *fixture,
        const char *const *args)
{
  RunOptions options = { .envp = fixture->envp };

  return run_cordon (args, &options);
}

static void
test_list (Fixture       *fixture,
           gconstpointer  data)
{
  const char *args[] = { "--list-presets", NULL };
  g_autoptr (RunResult) result = NULL;
  g_auto (GStrv) lines = NULL;

  write_preset (fixture, "mine", "{\"name\": \"Mine\", \"description\": \"Two\\nlines\", \"fs\": []}");
  write_preset (fixture, "broken", "{\"fs\": [");
  result = run_in (fixture, args);
  g_assert_cmpint (run_result_exit_code (result), ==, 0);
  lines = g_strsplit (result->out, "\n", -1);
  /* The built-ins first, in the menu's order; one line each. */
  g_assert_true (g_str_has_prefix (lines[0], "run-programs     Run programs: "));
  g_assert_true (g_str_has_prefix (lines[1], "temporary-files  Temporary files: "));
  g_assert_true (g_str_has_prefix (lines[2], "desktop-app      Desktop app: "));
  g_assert_true (g_str_has_prefix (lines[3], "home-read-only   Home folder, read-only: "));
  g_assert_cmpstr (lines[4], ==, "mine             Mine: Two lines");
  g_assert_cmpstr (lines[5], ==, "");
  g_assert_null (lines[6]);

  {
    const char *bad[] = { "--list-presets", "--ro", "/usr", NULL };
    g_autoptr (RunResult) refused = run_in (fixture, bad);

    run_assert_one_line_error (refused, 125, "--list-presets");
  }
}

static void
test_unknown (Fixture       *fixture,
              gconstpointer  data)
{
  const char *args[] = { "--preset", "run-programs", "--preset", "nope", "--check", NULL };
  const char *broken_args[] = { "--preset", "broken", "--check", NULL };
  g_autoptr (RunResult) result = run_in (fixture, args);
  g_autoptr (RunResult) broken = NULL;

  run_assert_one_line_error (result, 125, "--preset nope: No preset is called “nope”");

  write_preset (fixture, "broken", "{\"fs\": [{\"path\": \"relative\", \"access\": \"Read\"}]}");
  broken = run_in (fixture, broken_args);
  run_assert_one_line_error (broken, 125, "broken.json");
  g_assert_nonnull (strstr (broken->err, "fs[0].path"));
}

/* A preset travels: what this computer lacks (/libx32, a Wayland socket, a
 * display) is left out, and the program still runs. */
static void
test_missing_paths_still_run (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *there = run_make_temp_dir ("cordon-preset-there-XXXXXX");
  g_autofree char *json = g_strdup_printf (
    "{\"name\": \"Travels\", \"fs\": ["
    " {\"path\": \"%s\", \"access\": \"ReadWrite\", \"is_file\": false},"
    " {\"path\": \"/cordon-surely-missing\", \"access\": \"Read\", \"is_file\": false},"
    " {\"path\": \"${XDG_RUNTIME_DIR}/${WAYLAND_DISPLAY}\", \"access\": \"Read\", \"is_file\": true}"
    "], \"unix_sockets\": ["
    " {\"path\": \"${X11_SOCKET}\", \"is_file\": true}"
    "]}",
    there);
  g_autofree char *file = g_build_filename (there, "written", NULL);
  g_autofree char *script = g_strdup_printf ("echo hello > '%s'", file);
  const char *args[] = {
    "--preset", "run-programs", "--preset", "travels", "--setenv", "WAYLAND_DISPLAY=",
    "--setenv", "DISPLAY=", "--", "/bin/sh", "-c", script, NULL,
  };
  const char *check[] = { "--preset", "run-programs", "--check", NULL };
  g_autoptr (RunResult) result = NULL;
  g_autoptr (RunResult) summary = NULL;
  g_autofree char *contents = NULL;

  write_preset (fixture, "travels", json);
  result = run_in (fixture, args);
  g_assert_cmpstr (result->err, ==, "");
  g_assert_cmpint (run_result_exit_code (result), ==, 0);
  g_assert_true (g_file_get_contents (file, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "hello\n");

  /* run-programs names /libx32, which Debian on amd64 does not have. */
  summary = run_in (fixture, check);
  g_assert_cmpint (run_result_exit_code (summary), ==, 0);
  g_assert_nonnull (strstr (summary->out, "  /usr [Read] (dir)\n"));
  g_assert_null (strstr (summary->out, "libx32"));

  run_rm_rf (there);
}

/* The same policy from a profile file and from options, on top of what the
 * profile had. */
static void
test_bus_names_profile_and_options (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autofree char *dir = run_make_temp_dir ("cordon-preset-profile-XXXXXX");
  g_autofree char *profile = g_build_filename (dir, "profile.json", NULL);
  const char *from_file[] = { "-p", profile, "--print-profile", NULL };
  const char *from_options[] = {
    "--dbus-talk", "org.freedesktop.portal.*", "--dbus-own", "org.example.App",
    "--print-profile", NULL,
  };
  const char *added[] = {
    "-p", profile, "--dbus-talk", "org.example.Other", "--preset", "desktop-app",
    "--print-profile", NULL,
  };
  const char *bad[] = { "--dbus-own", "org.*", "--check", NULL };
  g_autoptr (RunResult) file_result = NULL;
  g_autoptr (RunResult) options_result = NULL;
  g_autoptr (RunResult) added_result = NULL;
  g_autoptr (RunResult) bad_result = NULL;

  run_write_file (profile,
                  "{\"fs\": [], \"net_blocked\": true, \"dbus_session\": "
                  "{\"talk\": [\"org.freedesktop.portal.*\"], \"own\": [\"org.example.App\"]}}");
  file_result = run_in (fixture, from_file);
  options_result = run_in (fixture, from_options);
  g_assert_cmpint (run_result_exit_code (file_result), ==, 0);
  g_assert_cmpint (run_result_exit_code (options_result), ==, 0);
  g_assert_nonnull (strstr (file_result->out,
                            "  \"dbus_session\": {\n"
                            "    \"talk\": [\"org.freedesktop.portal.*\"],\n"
                            "    \"own\": [\"org.example.App\"]\n"
                            "  },\n"));
  g_assert_nonnull (strstr (options_result->out, "  \"dbus_session\": {\n"
                                                 "    \"talk\": [\"org.freedesktop.portal.*\"],\n"
                                                 "    \"own\": [\"org.example.App\"]\n"
                                                 "  },\n"));

  /* Options and presets add to the profile's names. */
  added_result = run_in (fixture, added);
  g_assert_cmpint (run_result_exit_code (added_result), ==, 0);
  g_assert_nonnull (strstr (added_result->out,
                            "    \"talk\": [\"org.freedesktop.portal.*\", \"org.a11y.Bus\", "
                            "\"org.example.Other\"],\n"));

  bad_result = run_in (fixture, bad);
  run_assert_one_line_error (bad_result, 125, "--dbus-own: “org.*” is not a bus name");

  run_rm_rf (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/run/presets/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("list", test_list);
  ADD ("unknown", test_unknown);
  ADD ("missing-paths-still-run", test_missing_paths_still_run);
  ADD ("bus-names/profile-and-options", test_bus_names_profile_and_options);

  return g_test_run ();
}
