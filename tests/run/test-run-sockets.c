/* test-run-sockets.c: --socket and --query-socket, and unix_sockets in profiles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The options and the profile key, spawned as a script would. Whether the
 * kernel then keeps unlisted sockets out is tests/enforce's business.
 */
#include "config.h"

#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "run-util.h"

typedef struct
{
  char *dir;     /* scratch, removed afterwards */
  char *run;     /* dir/run, a directory with one socket */
  char *bus;     /* dir/run/bus, a socket */
  char *agent;   /* dir/agent, a socket outside run */
} Fixture;

static char *
make_socket (const char *path)
{
  struct sockaddr_un addr = { .sun_family = AF_UNIX };
  int fd;

  g_assert_cmpuint (strlen (path), <, sizeof addr.sun_path);
  strcpy (addr.sun_path, path);
  fd = socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  g_assert_cmpint (fd, >=, 0);
  g_assert_no_errno (bind (fd, (struct sockaddr *) &addr, sizeof addr));
  close (fd);
  return g_strdup (path);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *bus = NULL;
  g_autofree char *agent = NULL;

  fixture->dir = run_make_temp_dir ("cordon-run-sock-XXXXXX");
  fixture->run = g_build_filename (fixture->dir, "run", NULL);
  g_assert_no_errno (g_mkdir (fixture->run, 0755));
  bus = g_build_filename (fixture->run, "bus", NULL);
  agent = g_build_filename (fixture->dir, "agent", NULL);
  fixture->bus = make_socket (bus);
  fixture->agent = make_socket (agent);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  run_rm_rf (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->run);
  g_free (fixture->bus);
  g_free (fixture->agent);
}

static char *
granted (const char *path)
{
  return g_strdup_printf ("{\"status\":\"allowed\",\"reason\":\"granted_socket\","
                          "\"granted_path\":\"%s\"}\n", path);
}

#define NOT_GRANTED "{\"status\":\"denied\",\"reason\":\"socket_not_granted\"}\n"

static void
test_query_socket (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *by_file = granted (fixture->bus);
  g_autofree char *by_folder = granted (fixture->run);
  g_autofree char *later = g_build_filename (fixture->run, "later", NULL);
  g_autoptr (RunResult) file = run_cordon_va ("--socket", fixture->bus, "--query-socket",
                                              fixture->bus, NULL);
  g_autoptr (RunResult) folder = run_cordon_va ("--socket", fixture->run, "--query-socket",
                                                later, NULL);
  g_autoptr (RunResult) outside = run_cordon_va ("--socket", fixture->run, "--query-socket",
                                                 fixture->agent, NULL);
  /* A writable folder and the network switch open no socket. */
  g_autoptr (RunResult) writable = run_cordon_va ("--rw", fixture->dir, "--allow-network",
                                                  "--query-socket", fixture->agent, NULL);

  g_assert_cmpint (run_result_exit_code (file), ==, 0);
  g_assert_cmpstr (file->out, ==, by_file);
  g_assert_cmpint (run_result_exit_code (folder), ==, 0);
  g_assert_cmpstr (folder->out, ==, by_folder);
  g_assert_cmpint (run_result_exit_code (outside), ==, 1);
  g_assert_cmpstr (outside->out, ==, NOT_GRANTED);
  g_assert_cmpint (run_result_exit_code (writable), ==, 1);
  g_assert_cmpstr (writable->out, ==, NOT_GRANTED);
  g_assert_cmpstr (writable->err, ==, "");
}

static void
chdir_setup (gpointer data)
{
  if (chdir (data) != 0)
    _exit (98);
}

/* Relative paths are taken from the current directory, links followed. */
static void
test_relative_and_symlink (Fixture       *fixture,
                           gconstpointer  data)
{
  RunOptions options = { .setup = chdir_setup, .setup_data = fixture->dir };
  g_autofree char *link = g_build_filename (fixture->run, "to-agent", NULL);
  g_autofree char *expected = granted (fixture->agent);
  const char *args[] = { "--socket", "run/../agent", "--query-socket", "run/to-agent", NULL };
  const char *folder_args[] = { "--socket", "run", "--query-socket", "run/to-agent", NULL };
  g_autoptr (RunResult) result = NULL;
  g_autoptr (RunResult) through_folder = NULL;

  g_assert_no_errno (symlink (fixture->agent, link));
  result = run_cordon (args, &options);
  g_assert_cmpint (run_result_exit_code (result), ==, 0);
  g_assert_cmpstr (result->out, ==, expected);

  /* A link planted in a listed folder does not reach a socket outside it. */
  through_folder = run_cordon (folder_args, &options);
  g_assert_cmpint (run_result_exit_code (through_folder), ==, 1);
  g_assert_cmpstr (through_folder->out, ==, NOT_GRANTED);
}

static void
test_print_profile_and_check (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr (RunResult) first = run_cordon_va ("--socket", fixture->bus, "--socket",
                                               fixture->run, "--socket", fixture->bus,
                                               "--ro", "/usr", "--print-profile", NULL);
  g_autoptr (RunResult) native = NULL;
  g_autoptr (RunResult) again = NULL;
  g_autoptr (RunResult) from_native = NULL;
  g_autoptr (RunResult) check = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *profile = g_build_filename (fixture->dir, "p.json", NULL);
  g_autofree char *native_profile = g_build_filename (fixture->dir, "native.json", NULL);
  g_autofree char *check_lines = g_strdup_printf ("Local sockets:\n  %s (file)\n  %s (dir)\n",
                                                  fixture->bus, fixture->run);
  JsonArray *sockets;

  g_assert_cmpint (run_result_exit_code (first), ==, 0);
  root = json_from_string (first->out, &error);
  g_assert_no_error (error);
  sockets = json_object_get_array_member (json_node_get_object (root), "unix_sockets");
  /* The effective profile: the repeated socket is one rule. */
  g_assert_cmpuint (json_array_get_length (sockets), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (sockets, 0),
                                                  "path"), ==, fixture->bus);
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (sockets, 0),
                                                 "is_file"));
  g_assert_false (json_object_get_boolean_member (json_array_get_object_element (sockets, 1),
                                                  "is_file"));

  run_write_file (profile, first->out);
  again = run_cordon_va ("-p", profile, "--print-profile", NULL);
  g_assert_cmpint (run_result_exit_code (again), ==, 0);
  g_assert_cmpstr (again->out, ==, first->out);

  native = run_cordon_va ("-p", profile, "--print-profile", "--format", "nono", NULL);
  g_assert_cmpint (run_result_exit_code (native), ==, 0);
  g_assert_nonnull (strstr (native->out, "\"unix_sockets\""));
  run_write_file (native_profile, native->out);
  from_native = run_cordon_va ("-p", native_profile, "--print-profile", NULL);
  g_assert_cmpint (run_result_exit_code (from_native), ==, 0);
  g_assert_cmpstr (from_native->out, ==, first->out);

  check = run_cordon_va ("-p", profile, "--check", NULL);
  g_assert_cmpint (run_result_exit_code (check), ==, 0);
  g_assert_nonnull (strstr (check->out, check_lines));
}

static void
test_on_top_of_profile (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *json = g_strdup_printf ("{\"fs\": [], \"unix_sockets\": [{\"path\": \"%s\", "
                                           "\"is_file\": false}], \"net_blocked\": true}",
                                           fixture->run);
  g_autofree char *profile = g_build_filename (fixture->dir, "p.json", NULL);
  g_autoptr (RunResult) from_profile = NULL;
  g_autoptr (RunResult) added = NULL;
  g_autoptr (RunResult) seed = NULL;
  g_autofree char *by_folder = granted (fixture->run);
  g_autofree char *by_file = granted (fixture->agent);

  run_write_file (profile, json);
  from_profile = run_cordon_va ("-p", profile, "--query-socket", fixture->bus, NULL);
  added = run_cordon_va ("-p", profile, "--socket", fixture->agent, "--query-socket",
                         fixture->agent, NULL);
  g_assert_cmpint (run_result_exit_code (from_profile), ==, 0);
  g_assert_cmpstr (from_profile->out, ==, by_folder);
  g_assert_cmpint (run_result_exit_code (added), ==, 0);
  g_assert_cmpstr (added->out, ==, by_file);

  /* A seed-format profile has no key: no socket. */
  run_write_file (profile, "{\"fs\": [], \"net_blocked\": false}");
  seed = run_cordon_va ("-p", profile, "--query-socket", fixture->bus, NULL);
  g_assert_cmpint (run_result_exit_code (seed), ==, 1);
  g_assert_cmpstr (seed->out, ==, NOT_GRANTED);
}

static void
test_errors (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *gone = g_build_filename (fixture->dir, "gone", NULL);
  g_autofree char *vanished = g_strdup_printf ("{\"fs\": [], \"unix_sockets\": [{\"path\": "
                                               "\"%s\", \"is_file\": true}], "
                                               "\"net_blocked\": false}", gone);
  g_autofree char *now_a_folder = g_strdup_printf ("{\"fs\": [], \"unix_sockets\": [{\"path\": "
                                                   "\"%s\", \"is_file\": true}], "
                                                   "\"net_blocked\": false}", fixture->run);
  g_autofree char *profile = g_build_filename (fixture->dir, "p.json", NULL);
  g_autofree char *profile2 = g_build_filename (fixture->dir, "p2.json", NULL);
  struct
  {
    const char *args[7];
    const char *needle;
  } cases[] = {
    { { "--socket", gone, "--check", NULL }, "--socket: " },
    { { "--socket", "", "--check", NULL }, "--socket: the path is empty" },
    { { "--socket", NULL }, "--socket" },
    { { "--query-socket", "", NULL }, "--query-socket: the path is empty" },
    { { "--query-socket", "/a", "--query-socket", "/b", NULL }, "--query-socket" },
    { { "--query", "/a", "--query-socket", "/b", NULL }, "cannot be combined" },
    { { "--query-socket", "/a", "--query-network", NULL }, "cannot be combined" },
    { { "--query-socket", "/a", "/bin/true", NULL }, "/bin/true" },
    { { "--query-socket", "/a", "--mode", "write", NULL }, "--mode" },
    { { "--support", "--socket", fixture->bus, NULL }, "--support" },
    { { "-p", profile, "--check", NULL }, gone },
    { { "-p", profile2, "--query-socket", fixture->bus, NULL }, fixture->run },
  };

  run_write_file (profile, vanished);
  run_write_file (profile2, now_a_folder);
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (RunResult) result = run_cordon (cases[i].args, NULL);

      run_assert_one_line_error (result, 125, cases[i].needle);
      g_assert_cmpstr (result->out, ==, "");
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/run/sockets/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("query", test_query_socket);
  ADD ("relative-and-symlink", test_relative_and_symlink);
  ADD ("print-profile-and-check", test_print_profile_and_check);
  ADD ("on-top-of-profile", test_on_top_of_profile);
  ADD ("errors", test_errors);

  return g_test_run ();
}
