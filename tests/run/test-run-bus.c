/* test-run-bus.c: the session bus through xdg-dbus-proxy, or no bus at all
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under dbus-run-session (build-aux/dev test). This process owns two
 * names on the real bus; the sandboxed dbus-send tries to reach them.
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gio/gio.h>
#include <gio/gunixsocketaddress.h>

#include "run-util.h"

#define LISTED "io.github.cordon.Test.Listed"
#define HIDDEN "io.github.cordon.Test.Hidden"

static GDBusConnection *bus;

static gboolean
have_bus_and_proxy (void)
{
  g_autofree char *proxy = g_find_program_in_path ("xdg-dbus-proxy");

  if (bus == NULL)
    {
      g_test_skip ("no session bus (build-aux/dev test runs the tests under dbus-run-session)");
      return FALSE;
    }
  if (proxy == NULL)
    {
      g_test_skip ("xdg-dbus-proxy is not installed (build-aux/dev installs it)");
      return FALSE;
    }
  return TRUE;
}

static void
own_name (const char *name)
{
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GError) error = NULL;
  guint32 result;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "RequestName",
                                       g_variant_new ("(su)", name, 0), G_VARIANT_TYPE ("(u)"),
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(u)", &result);
  g_assert_cmpuint (result, ==, 1); /* DBUS_REQUEST_NAME_REPLY_PRIMARY_OWNER */
}

/* The base rules, then @extra, then "--" and a shell command. */
static RunResult *
run_sandboxed (const char * const *extra,
               const char         *command)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (args, g_strdup ("--preset"));
  g_ptr_array_add (args, g_strdup ("run-programs"));
  g_ptr_array_add (args, g_strdup ("--block-network"));
  for (guint i = 0; extra != NULL && extra[i] != NULL; i++)
    g_ptr_array_add (args, g_strdup (extra[i]));
  g_ptr_array_add (args, g_strdup ("--"));
  g_ptr_array_add (args, g_strdup ("/bin/sh"));
  g_ptr_array_add (args, g_strdup ("-c"));
  g_ptr_array_add (args, g_strdup (command));
  g_ptr_array_add (args, NULL);
  return run_cordon ((const char * const *) args->pdata, NULL);
}

#define PING(name) \
  "dbus-send --session --print-reply --dest=" name " / org.freedesktop.DBus.Peer.Ping"

/* The address the program was given, from its first line of output. */
static char *
socket_of (const char *out)
{
  const char *start = strstr (out, "unix:path=");
  const char *end;

  g_assert_nonnull (start);
  start += strlen ("unix:path=");
  end = strchr (start, '\n');
  return g_strndup (start, end != NULL ? (gsize) (end - start) : strlen (start));
}

/* The proxy names its sockets through its descriptor 4 of the folder
 * cordon-run made (so that a folder moved away and replaced by a link
 * cannot redirect it): a proxy for @socket is an xdg-dbus-proxy whose
 * descriptor 4 is that folder — deleted, or moved to a name beside it. */
static gboolean
proxy_runs_for (const char *socket)
{
  g_autoptr (GDir) proc = g_dir_open ("/proc", 0, NULL);
  g_autofree char *dir = g_path_get_dirname (socket);
  const char *name;

  while ((name = g_dir_read_name (proc)) != NULL)
    {
      g_autofree char *path = g_build_filename ("/proc", name, "cmdline", NULL);
      g_autofree char *fd = g_build_filename ("/proc", name, "fd", "4", NULL);
      g_autofree char *cmdline = NULL;
      g_autofree char *program = NULL;
      g_autofree char *folder = NULL;

      if (!g_ascii_isdigit (name[0]) || !g_file_get_contents (path, &cmdline, NULL, NULL))
        continue;
      program = g_path_get_basename (cmdline);
      if (!g_str_equal (program, "xdg-dbus-proxy"))
        continue;
      folder = g_file_read_link (fd, NULL);
      if (folder != NULL && g_str_has_prefix (folder, dir))
        return TRUE;
    }
  return FALSE;
}

static void
assert_proxy_gone (const char *socket)
{
  g_autofree char *dir = g_path_get_dirname (socket);

  /* The supervisor reaps the proxy before it passes the status on. */
  g_assert_false (proxy_runs_for (socket));
  g_assert_false (g_file_test (socket, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
}

static void
check_talk (const char * const *extra)
{
  g_autoptr (RunResult) result = NULL;
  g_autofree char *socket = NULL;

  result = run_sandboxed (extra, "echo $DBUS_SESSION_BUS_ADDRESS; "
                                 PING (LISTED) " >/dev/null && echo listed answers; "
                                 PING (HIDDEN) " >/dev/null 2>&1 || echo hidden is hidden");
  g_test_message ("%s%s", result->out, result->err);
  g_assert_cmpint (run_result_exit_code (result), ==, 0);
  g_assert_nonnull (strstr (result->out, "listed answers\n"));
  g_assert_nonnull (strstr (result->out, "hidden is hidden\n"));

  socket = socket_of (result->out);
  assert_proxy_gone (socket);
}

static void
test_talk_from_options (void)
{
  const char *extra[] = { "--dbus-talk", LISTED, NULL };

  if (!have_bus_and_proxy ())
    return;
  check_talk (extra);
}

static void
test_talk_from_profile (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *profile = NULL;
  const char *extra[] = { "-p", NULL, NULL };

  if (!have_bus_and_proxy ())
    return;
  dir = run_make_temp_dir ("cordon-bus-profile-XXXXXX");
  profile = g_build_filename (dir, "profile.json", NULL);
  run_write_file (profile, "{\"fs\": [], \"net_blocked\": true,"
                           " \"dbus_session\": {\"talk\": [\"io.github.cordon.Test.*\"]}}");
  extra[1] = profile;

  /* A prefix covers both: the filter, not luck, hid the other one before. */
  {
    g_autoptr (RunResult) result = NULL;

    result = run_sandboxed (extra, PING (LISTED) " >/dev/null && " PING (HIDDEN) " >/dev/null "
                                   "&& echo both answer");
    g_test_message ("%s%s", result->out, result->err);
    g_assert_cmpint (run_result_exit_code (result), ==, 0);
    g_assert_cmpstr (result->out, ==, "both answer\n");
  }

  run_write_file (profile, "{\"fs\": [], \"net_blocked\": true,"
                           " \"dbus_session\": {\"talk\": [\"" LISTED "\"]}}");
  check_talk (extra);
  run_rm_rf (dir);
}

static void
test_own (void)
{
  const char *owning[] = { "--dbus-own", "io.github.cordon.Test.Mine", NULL };
  const char *talking[] = { "--dbus-talk", "io.github.cordon.Test.Mine", NULL };
  static const char request[] =
    "dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus "
    "org.freedesktop.DBus.RequestName string:io.github.cordon.Test.Mine uint32:0";
  g_autoptr (RunResult) owned = NULL;
  g_autoptr (RunResult) refused = NULL;

  if (!have_bus_and_proxy ())
    return;
  owned = run_sandboxed (owning, request);
  g_test_message ("%s%s", owned->out, owned->err);
  g_assert_cmpint (run_result_exit_code (owned), ==, 0);
  g_assert_nonnull (strstr (owned->out, "uint32 1"));

  /* Talking is not owning. */
  refused = run_sandboxed (talking, request);
  g_test_message ("%s%s", refused->out, refused->err);
  g_assert_cmpint (run_result_exit_code (refused), !=, 0);
}

static void
test_no_key_no_bus (void)
{
  g_autoptr (RunResult) result = NULL;

  if (!have_bus_and_proxy ())
    return;
  /* No address is handed over (one that names a TCP bus would be
   * reachable whenever the network is allowed), and the real bus's address,
   * which is no secret, stays closed when the program uses it anyway. */
  {
    const char *real = g_getenv ("DBUS_SESSION_BUS_ADDRESS");
    g_autofree char *setenv = g_strconcat ("REAL_BUS=", real, NULL);
    const char *extra[] = { "--setenv", setenv, NULL };

    result = run_sandboxed (extra,
                            "echo \"session:${DBUS_SESSION_BUS_ADDRESS-unset}\"; "
                            "echo \"a11y:${AT_SPI_BUS_ADDRESS-unset}\"; "
                            PING (LISTED) " >/dev/null 2>&1 && echo reached the bus; "
                            "DBUS_SESSION_BUS_ADDRESS=$REAL_BUS " PING (LISTED)
                            " >/dev/null 2>&1 && echo reached the real bus; echo done");
  }
  g_test_message ("%s%s", result->out, result->err);
  g_assert_cmpint (run_result_exit_code (result), ==, 0);
  g_assert_cmpstr (result->out, ==, "session:unset\na11y:unset\ndone\n");
}

/* With a filtered bus, the real one stays closed (its address is no
 * secret), and none of the proxy's descriptors reach the program. */
static void
test_real_bus_stays_closed (void)
{
  const char *real = g_getenv ("DBUS_SESSION_BUS_ADDRESS");
  g_autofree char *setenv = NULL;
  const char *extra[] = { "--dbus-talk", LISTED, "--setenv", NULL, NULL };
  g_autoptr (RunResult) result = NULL;

  if (!have_bus_and_proxy ())
    return;
  setenv = g_strconcat ("REAL_BUS=", real, NULL);
  extra[3] = setenv;
  result = run_sandboxed (extra,
                          /* gdbus: it says Hello, as a real client would. */
                          "gdbus call --address \"$REAL_BUS\" --dest " HIDDEN " --object-path / "
                          "--method org.freedesktop.DBus.Peer.Ping >/dev/null 2>&1 "
                          "&& echo real bus; "
                          PING (HIDDEN) " >/dev/null 2>&1 && echo hidden answered; "
                          "for fd in 3 4 5 6 7 8 9; do "
                          "  (: <&$fd) 2>/dev/null && echo descriptor $fd; "
                          "  (: >&$fd) 2>/dev/null && echo descriptor $fd; "
                          "done; echo done");
  g_test_message ("%s%s", result->out, result->err);
  g_assert_cmpint (run_result_exit_code (result), ==, 0);
  g_assert_cmpstr (result->out, ==, "done\n");

  /* The allowed twin: the same call outside the sandbox reaches it. */
  {
    g_autofree char *gdbus = g_find_program_in_path ("gdbus");
    const char *argv[] = { gdbus, "call", "--address", real, "--dest", HIDDEN,
                           "--object-path", "/", "--method", "org.freedesktop.DBus.Peer.Ping",
                           NULL };
    g_autoptr (RunResult) twin = NULL;

    g_assert_nonnull (gdbus);
    twin = run_spawn (argv, NULL);
    g_assert_cmpint (run_result_exit_code (twin), ==, 0);
  }
}

static void
test_missing_proxy (void)
{
  const char *args[] = { "--dbus-talk", LISTED, "--", "/bin/true", NULL };
  g_auto (GStrv) envp = NULL;
  RunOptions options = { 0 };
  g_autoptr (RunResult) result = NULL;

  /* Without a bus cordon-run refuses before it looks for the proxy. */
  if (bus == NULL)
    {
      g_test_skip ("no session bus (build-aux/dev test runs the tests under dbus-run-session)");
      return;
    }
  envp = g_environ_setenv (g_get_environ (), "PATH", "/nonexistent", TRUE);
  options.envp = envp;
  result = run_cordon (args, &options);
  /* Never the unfiltered bus instead. */
  run_assert_one_line_error (result, 125, "xdg-dbus-proxy is not installed");
}

/* cordon-run killed with SIGKILL: the proxy sees its pipe close and goes. */
static void
test_proxy_gone_when_killed (void)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GDataInputStream) lines = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *line = NULL;
  g_autofree char *socket = NULL;
  g_autofree char *dir = NULL;
  gint64 deadline;

  if (!have_bus_and_proxy ())
    return;
  g_ptr_array_add (argv, (gpointer) run_cordon_path ());
  g_ptr_array_add (argv, "--preset");
  g_ptr_array_add (argv, "run-programs");
  g_ptr_array_add (argv, "--dbus-talk");
  g_ptr_array_add (argv, LISTED);
  g_ptr_array_add (argv, "--");
  g_ptr_array_add (argv, "/bin/sh");
  g_ptr_array_add (argv, "-c");
  g_ptr_array_add (argv, "echo $DBUS_SESSION_BUS_ADDRESS; exec sleep 60");
  g_ptr_array_add (argv, NULL);
  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  line = g_data_input_stream_read_line (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  socket = socket_of (line);
  g_assert_true (proxy_runs_for (socket));

  g_subprocess_send_signal (process, SIGKILL);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);

  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (proxy_runs_for (socket) && g_get_monotonic_time () < deadline)
    g_usleep (20000);
  g_assert_false (proxy_runs_for (socket));
  /* A killed cordon-run leaves the proxy's folder; in /tmp (no runtime
   * directory) no later run removes it. */
  dir = g_path_get_dirname (socket);
  run_rm_rf (dir);
}

/* After a SIGKILL the socket stays; the next run removes folders whose
 * proxy is gone, and only those. */
static void
test_stale_sockets_removed (void)
{
  g_autofree char *runtime = NULL;
  g_autofree char *cordon = NULL;
  g_autofree char *stale = NULL;
  g_autofree char *stale_socket = NULL;
  g_autofree char *other = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *expected_prefix = NULL;
  g_auto (GStrv) envp = NULL;
  const char *args[] = {
    "--preset", "run-programs", "--dbus-talk", LISTED, "--", "/bin/sh", "-c",
    "echo $DBUS_SESSION_BUS_ADDRESS", NULL,
  };
  RunOptions options = { 0 };
  g_autoptr (RunResult) result = NULL;
  g_autoptr (GSocket) dead = NULL;
  g_autoptr (GSocketAddress) address = NULL;
  g_autoptr (GError) error = NULL;

  if (!have_bus_and_proxy ())
    return;
  runtime = run_make_temp_dir ("cordon-bus-runtime-XXXXXX");
  cordon = g_build_filename (runtime, "cordon", NULL);
  stale = g_build_filename (cordon, "bus-stale", NULL);
  stale_socket = g_build_filename (stale, "bus", NULL);
  other = g_build_filename (cordon, "bus-not-a-socket", NULL);
  g_assert_cmpint (g_mkdir_with_parents (stale, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (other, 0700), ==, 0);
  kept = g_build_filename (other, "keep", NULL);
  run_write_file (kept, "x");
  /* A socket nobody listens on any more: bound, then closed. */
  dead = g_socket_new (G_SOCKET_FAMILY_UNIX, G_SOCKET_TYPE_STREAM, 0, &error);
  g_assert_no_error (error);
  address = g_unix_socket_address_new (stale_socket);
  g_assert_true (g_socket_bind (dead, address, FALSE, &error));
  g_socket_close (dead, NULL);

  envp = g_environ_setenv (g_get_environ (), "XDG_RUNTIME_DIR", runtime, TRUE);
  options.envp = envp;
  result = run_cordon (args, &options);
  g_assert_cmpint (run_result_exit_code (result), ==, 0);
  /* The proxy's own folder is in the runtime folder, and gone again. */
  expected_prefix = g_strconcat ("unix:path=", cordon, "/bus-", NULL);
  g_assert_true (g_str_has_prefix (result->out, expected_prefix));
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (other, G_FILE_TEST_IS_DIR));
  run_rm_rf (runtime);
}

/* A program that could write the runtime folder planted "cordon" as a link
 * to a folder of its choosing: the proxy's socket must not go there. */
static void
test_planted_link (void)
{
  g_autofree char *runtime = NULL;
  g_autofree char *elsewhere = NULL;
  g_autofree char *link = NULL;
  g_auto (GStrv) envp = NULL;
  g_autoptr (GDir) dir = NULL;
  const char *args[] = {
    "--preset", "run-programs", "--dbus-talk", LISTED, "--", "/bin/sh", "-c",
    "echo $DBUS_SESSION_BUS_ADDRESS", NULL,
  };
  RunOptions options = { 0 };
  g_autoptr (RunResult) result = NULL;
  g_autoptr (GError) error = NULL;

  if (!have_bus_and_proxy ())
    return;
  runtime = run_make_temp_dir ("cordon-bus-runtime-XXXXXX");
  elsewhere = run_make_temp_dir ("cordon-bus-elsewhere-XXXXXX");
  link = g_build_filename (runtime, "cordon", NULL);
  g_assert_no_errno (symlink (elsewhere, link));

  envp = g_environ_setenv (g_get_environ (), "XDG_RUNTIME_DIR", runtime, TRUE);
  options.envp = envp;
  result = run_cordon (args, &options);
  g_assert_cmpint (run_result_exit_code (result), ==, 0);
  g_assert_null (strstr (result->out, runtime));
  g_assert_null (strstr (result->out, elsewhere));
  dir = g_dir_open (elsewhere, 0, &error);
  g_assert_no_error (error);
  g_assert_null (g_dir_read_name (dir));
  run_rm_rf (runtime);
  run_rm_rf (elsewhere);
}

/* The accessibility bus, with its registry started and answering: what
 * is tested below is the filter, not how fast at-spi starts on a busy
 * machine. */
static gboolean
a11y_registry_answers (void)
{
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GVariant) events = NULL;
  g_autoptr (GDBusConnection) a11y = NULL;
  const char *address;

  reply = g_dbus_connection_call_sync (bus, "org.a11y.Bus", "/org/a11y/bus", "org.a11y.Bus",
                                       "GetAddress", NULL, G_VARIANT_TYPE ("(s)"),
                                       G_DBUS_CALL_FLAGS_NONE, 20000, NULL, NULL);
  if (reply == NULL)
    return FALSE;
  g_variant_get (reply, "(&s)", &address);
  a11y = g_dbus_connection_new_for_address_sync (address,
                                                 G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT
                                                 | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                 NULL, NULL, NULL);
  if (a11y == NULL)
    return FALSE;
  /* The registry opens the display as it starts; now and then (seen under
   * load) it cannot, and leaves with the call unanswered ("NoReply"). The
   * next call starts it again. */
  for (guint attempt = 0; attempt < 3 && events == NULL; attempt++)
    {
      g_autoptr (GError) error = NULL;

      events = g_dbus_connection_call_sync (a11y, "org.a11y.atspi.Registry",
                                            "/org/a11y/atspi/registry", "org.a11y.atspi.Registry",
                                            "GetRegisteredEvents", NULL, NULL,
                                            G_DBUS_CALL_FLAGS_NONE, 20000, NULL, &error);
      if (events == NULL)
        g_test_message ("at-spi's registry did not answer: %s", error->message);
    }
  return events != NULL;
}

/* Talking to org.a11y.Bus gives the accessibility bus, filtered as Flatpak
 * does: the program may register its own tree, not call anyone else's. */
static void
test_accessibility_bus (void)
{
  const char *extra[] = { "--dbus-talk", "org.a11y.Bus", NULL };
  g_autoptr (RunResult) result = NULL;
  /* gdbus, not dbus-send: dbus-send --address skips the bus's Hello. */
  static const char script[] =
    "echo $AT_SPI_BUS_ADDRESS; "
    "gdbus call --address $AT_SPI_BUS_ADDRESS --dest org.a11y.atspi.Registry "
    "--object-path /org/a11y/atspi/registry "
    "--method org.a11y.atspi.Registry.GetRegisteredEvents >/dev/null && echo registry answers; "
    "gdbus call --address $AT_SPI_BUS_ADDRESS --dest org.a11y.atspi.Registry "
    "--object-path /org/a11y/atspi/registry "
    "--method org.freedesktop.DBus.Introspectable.Introspect >/dev/null 2>&1 "
    "|| echo the rest is closed";
  g_autofree char *socket = NULL;
  g_autofree char *dir = NULL;

  if (!have_bus_and_proxy ())
    return;
  /* at-spi's registry needs a display; build-aux/dev test gives it Xvfb. */
  if (g_getenv ("DISPLAY") == NULL || !a11y_registry_answers ())
    {
      g_test_skip ("no accessibility bus here (at-spi2-core, and a display for its registry)");
      return;
    }
  result = run_sandboxed (extra, script);
  g_test_message ("%s%s", result->out, result->err);
  g_assert_cmpint (run_result_exit_code (result), ==, 0);
  socket = socket_of (result->out);
  dir = g_path_get_dirname (socket);
  /* The proxy's second socket, beside the session bus's; both gone now. */
  g_assert_true (g_str_has_suffix (socket, "/a11y"));
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
  g_assert_nonnull (strstr (result->out, "registry answers\n"));
  g_assert_nonnull (strstr (result->out, "the rest is closed\n"));
}

/* The proxy's folder lies where the program may write (here: a runtime
 * folder the profile grants). The program moves it away and puts a link to
 * another folder in its place; when it ends, cordon-run removes the proxy's
 * socket "bus" — and must not follow the link to remove a file of that name
 * elsewhere (the real session bus socket, $XDG_RUNTIME_DIR/bus). */
static void
test_planted_link_at_stop (void)
{
  g_autofree char *runtime = NULL;
  g_autofree char *elsewhere = NULL;
  g_autofree char *victim = NULL;
  g_autofree char *command = NULL;
  g_auto (GStrv) envp = NULL;
  RunOptions options = { 0 };

  if (!have_bus_and_proxy ())
    return;
  runtime = run_make_temp_dir ("cordon-bus-runtime-XXXXXX");
  elsewhere = run_make_temp_dir ("cordon-bus-elsewhere-XXXXXX");
  victim = g_build_filename (elsewhere, "bus", NULL);
  run_write_file (victim, "the user's");
  envp = g_environ_setenv (g_get_environ (), "XDG_RUNTIME_DIR", runtime, TRUE);
  options.envp = envp;

  for (int attack = 0; attack < 2; attack++)
    {
      const char *args[] = {
        "--preset", "run-programs", "--rw", runtime, "--dbus-talk", LISTED, "--", "/bin/sh",
        "-c", NULL, NULL,
      };
      g_autoptr (RunResult) result = NULL;
      g_autofree char *socket = NULL;

      g_free (command);
      if (attack)
        command = g_strdup_printf ("echo $DBUS_SESSION_BUS_ADDRESS; d=${DBUS_SESSION_BUS_ADDRESS#unix:path=}; "
                                   "d=${d%%/bus}; mv \"$d\" \"$d.moved\" && ln -s '%s' \"$d\" && "
                                   "echo planted", elsewhere);
      else
        command = g_strdup ("echo $DBUS_SESSION_BUS_ADDRESS; d=${DBUS_SESSION_BUS_ADDRESS#unix:path=}; "
                            "test -S \"$d\" && echo listening");
      args[9] = command;
      result = run_cordon (args, &options);
      g_test_message ("%s%s", result->out, result->err);
      g_assert_cmpint (run_result_exit_code (result), ==, 0);
      socket = socket_of (result->out);
      if (!attack)
        {
          /* The twin: the proxy's socket was there, and is removed. */
          g_assert_nonnull (strstr (result->out, "listening\n"));
          assert_proxy_gone (socket);
        }
      else
        {
          g_assert_nonnull (strstr (result->out, "planted\n"));
          g_assert_true (g_file_test (victim, G_FILE_TEST_IS_REGULAR));
          g_assert_false (proxy_runs_for (socket));
        }
    }
  run_rm_rf (runtime);
  run_rm_rf (elsewhere);
}

/* The same planted link, and then cordon-run is killed: its clean-up never
 * runs, and the proxy, whose pipe closes before its death signal comes,
 * removes its sockets itself. It must remove its own, not what the link
 * leads to. */
static void
test_planted_link_supervisor_killed (void)
{
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GDataInputStream) lines = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *runtime = NULL;
  g_autofree char *elsewhere = NULL;
  g_autofree char *victim = NULL;
  g_autofree char *command = NULL;
  g_autofree char *address = NULL;
  g_autofree char *planted = NULL;
  g_autofree char *socket = NULL;
  gint64 deadline;

  if (!have_bus_and_proxy ())
    return;
  runtime = run_make_temp_dir ("cordon-bus-runtime-XXXXXX");
  elsewhere = run_make_temp_dir ("cordon-bus-elsewhere-XXXXXX");
  victim = g_build_filename (elsewhere, "bus", NULL);
  run_write_file (victim, "the user's");
  command = g_strdup_printf ("echo $DBUS_SESSION_BUS_ADDRESS; d=${DBUS_SESSION_BUS_ADDRESS#unix:path=}; "
                             "d=${d%%/bus}; mv \"$d\" \"$d.moved\" && ln -s '%s' \"$d\" && "
                             "echo planted; exec sleep 60", elsewhere);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_setenv (launcher, "XDG_RUNTIME_DIR", runtime, TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, run_cordon_path (), "--preset",
                                         "run-programs", "--rw", runtime, "--dbus-talk", LISTED,
                                         "--", "/bin/sh", "-c", command, NULL);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  address = g_data_input_stream_read_line (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (address);
  socket = socket_of (address);
  planted = g_data_input_stream_read_line (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (planted, ==, "planted");
  g_assert_true (proxy_runs_for (socket));

  g_subprocess_send_signal (process, SIGKILL);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (proxy_runs_for (socket) && g_get_monotonic_time () < deadline)
    g_usleep (20000);
  g_assert_false (proxy_runs_for (socket));
  g_assert_true (g_file_test (victim, G_FILE_TEST_IS_REGULAR));
  run_rm_rf (runtime);
  run_rm_rf (elsewhere);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  if (bus != NULL)
    {
      own_name (LISTED);
      own_name (HIDDEN);
    }

  g_test_add_func ("/run/bus/talk-from-options", test_talk_from_options);
  g_test_add_func ("/run/bus/talk-from-profile", test_talk_from_profile);
  g_test_add_func ("/run/bus/own", test_own);
  g_test_add_func ("/run/bus/no-key-no-bus", test_no_key_no_bus);
  g_test_add_func ("/run/bus/real-bus-stays-closed", test_real_bus_stays_closed);
  g_test_add_func ("/run/bus/missing-proxy", test_missing_proxy);
  g_test_add_func ("/run/bus/proxy-gone-when-killed", test_proxy_gone_when_killed);
  g_test_add_func ("/run/bus/stale-sockets-removed", test_stale_sockets_removed);
  g_test_add_func ("/run/bus/planted-link", test_planted_link);
  g_test_add_func ("/run/bus/accessibility-bus", test_accessibility_bus);
  g_test_add_func ("/run/bus/planted-link-at-stop", test_planted_link_at_stop);
  g_test_add_func ("/run/bus/planted-link-supervisor-killed", test_planted_link_supervisor_killed);

  return g_test_run ();
}
