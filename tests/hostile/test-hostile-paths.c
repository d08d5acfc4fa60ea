/* test-hostile-paths.c: paths built to break resolving, querying, applying
 *
 * Too long, looping, not UTF-8, or naming a FIFO or a device: each gives a
 * clear CordonError or works as a rule, and nothing hangs. Sandboxes are
 * applied only in forked children.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "enforce-util.h"
#include "hostile-util.h"

typedef struct
{
  char *root;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->root = enforce_tree_new ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  enforce_tree_free (fixture->root);
}

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

/* Every way a path enters the engine must give @code with @words (a query
 * about a missing path is fine: it is simply not granted). */
static void
assert_path_refused (const char *path,
                     int         code,
                     const char *words)
{
  g_autoptr (CordonCapabilitySet) caps = cordon_capability_set_new ();
  g_autoptr (CordonQueryContext) query = cordon_query_context_new (caps);
  g_autoptr (CordonQueryResult) result = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_false (cordon_capability_set_allow_path (caps, path, CORDON_ACCESS_READ, &error));
  hostile_assert_error (error, code, words);
  g_clear_error (&error);

  g_assert_false (cordon_capability_set_allow_file (caps, path, CORDON_ACCESS_READ, &error));
  hostile_assert_error (error, code, words);
  g_clear_error (&error);

  result = cordon_query_context_query_path (query, path, CORDON_ACCESS_READ, &error);
  if (code == CORDON_ERROR_PATH_NOT_FOUND)
    {
      g_assert_no_error (error);
      g_assert_false (cordon_query_result_is_allowed (result));
      return;
    }
  g_assert_null (result);
  hostile_assert_error (error, code, words);
}

static CordonSandboxState *
one_rule_state (const char *path,
                gboolean    is_file)
{
  g_autoptr (GString) json = g_string_new ("{\"fs\": [{\"path\": ");
  g_autoptr (GError) error = NULL;
  CordonSandboxState *state;

  g_string_append_c (json, '"');
  g_string_append (json, path); /* test paths need no escaping */
  g_string_append_printf (json, "\", \"access\": \"ReadWrite\", \"is_file\": %s}], "
                          "\"net_blocked\": true}", is_file ? "true" : "false");
  state = cordon_sandbox_state_from_json (json->str, json->len, &error);
  g_assert_no_error (error);
  return state;
}

/* PATH_MAX counts the NUL: the kernel refuses 4,096 bytes and more in any
 * call, however the path would resolve. */
static void
test_long_paths (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *fits = hostile_long_path (fixture->root, PATH_MAX - 1);
  g_autofree char *exact = hostile_long_path (fixture->root, PATH_MAX);
  g_autofree char *over = hostile_long_path (fixture->root, PATH_MAX + 1);
  g_autoptr (GString) dots = g_string_new (fixture->root);
  g_autoptr (CordonSandboxState) state = NULL;
  g_autoptr (CordonCapabilitySet) caps = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_cmpuint (strlen (exact), ==, 4096);
  g_assert_cmpuint (strlen (over), ==, 4097);

  /* 4,095 bytes is an ordinary path that does not exist. */
  assert_path_refused (fits, CORDON_ERROR_PATH_NOT_FOUND, "does not exist");
  assert_path_refused (exact, CORDON_ERROR_INVALID_PATH, "longer than 4095 bytes");
  assert_path_refused (over, CORDON_ERROR_INVALID_PATH, "longer than 4095 bytes");

  /* Even where every name exists, as "/." repeated. */
  while (dots->len < PATH_MAX)
    g_string_append (dots, "/.");
  assert_path_refused (dots->str, CORDON_ERROR_INVALID_PATH, "longer than 4095 bytes");

  state = one_rule_state (over, FALSE);
  caps = cordon_sandbox_state_to_caps (state, &error);
  g_assert_null (caps);
  hostile_assert_error (error, CORDON_ERROR_INVALID_PATH, "longer than 4095 bytes");
}

static void
test_long_name (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *name = g_strnfill (NAME_MAX + 1, 'n');
  g_autofree char *path = g_build_filename (fixture->root, name, NULL);

  assert_path_refused (path, CORDON_ERROR_INVALID_PATH, "too long");
}

static void
test_symlink_loops (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *one = g_build_filename (fixture->root, "one", NULL);
  g_autofree char *two = g_build_filename (fixture->root, "two", NULL);
  g_autofree char *self = g_build_filename (fixture->root, "self", NULL);
  g_autofree char *below = g_build_filename (one, "x", NULL);
  g_autoptr (CordonSandboxState) state = NULL;
  g_autoptr (CordonCapabilitySet) caps = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_no_errno (symlink ("two", one));
  g_assert_no_errno (symlink ("one", two));
  g_assert_no_errno (symlink (self, self));

  assert_path_refused (one, CORDON_ERROR_INVALID_PATH, "too many levels of symbolic links");
  assert_path_refused (self, CORDON_ERROR_INVALID_PATH, "too many levels of symbolic links");
  assert_path_refused (below, CORDON_ERROR_INVALID_PATH, "too many levels of symbolic links");

  state = one_rule_state (one, TRUE);
  caps = cordon_sandbox_state_to_caps (state, &error);
  g_assert_null (caps);
  hostile_assert_error (error, CORDON_ERROR_INVALID_PATH, "symbolic links");
}

static void
test_non_utf8 (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *raw = g_build_filename (fixture->root, "caf\xe9", NULL);
  g_autofree char *link = g_build_filename (fixture->root, "nice", NULL);

  /* Typed in, and reached through a link with a proper name. */
  assert_path_refused (raw, CORDON_ERROR_INVALID_PATH, "not valid UTF-8");
  g_assert_no_errno (mkdir (raw, 0755));
  g_assert_no_errno (symlink (raw, link));
  assert_path_refused (link, CORDON_ERROR_INVALID_PATH, "not valid UTF-8");
}

static int
arm_alarm (gpointer data)
{
  /* A rule that opened a FIFO for reading would block here for ever. */
  alarm (10);
  return 0;
}

static int
write_then_read_fifo (gpointer data)
{
  const char *fifo = data;
  char byte = 0;
  int fd = open (fifo, O_RDWR | O_CLOEXEC); /* O_RDWR: no wait for a peer */

  if (fd < 0)
    return errno;
  if (write (fd, "x", 1) != 1 || read (fd, &byte, 1) != 1 || byte != 'x')
    return EIO;
  close (fd);
  return 0;
}

/* A FIFO is a file to Landlock: a file rule for it works, and neither
 * to_caps nor apply opens it in a way that waits for a writer. */
static void
test_fifo_as_file (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *fifo = g_build_filename (fixture->root, "pipe", NULL);
  g_autoptr (CordonSandboxState) state = NULL;
  g_autoptr (CordonSandboxState) as_dir = NULL;
  g_autoptr (CordonCapabilitySet) caps = NULL;
  g_autoptr (GError) error = NULL;
  EnforceOutcome outcome;

  g_assert_no_errno (mkfifo (fifo, 0600));

  as_dir = one_rule_state (fifo, FALSE);
  g_assert_null (cordon_sandbox_state_to_caps (as_dir, &error));
  hostile_assert_error (error, CORDON_ERROR_EXPECTED_DIRECTORY, NULL);
  g_clear_error (&error);

  state = one_rule_state (fifo, TRUE);
  caps = cordon_sandbox_state_to_caps (state, &error);
  g_assert_no_error (error);

  if (hostile_skip_under_valgrind ("it applies Landlock and seccomp")
      || enforce_skip_unless_abi (1, "Landlock"))
    return;
  enforce_run_prepared (caps, 0, arm_alarm, write_then_read_fifo, fifo, &outcome);
  g_assert_true (WIFEXITED (outcome.wait_status));
  g_assert_true (outcome.applied);
  g_assert_cmpint (outcome.result, ==, 0);
}

static int
write_null_read_passwd (gpointer data)
{
  int fd = open ("/dev/null", O_WRONLY | O_CLOEXEC);

  if (fd < 0)
    return errno;
  if (write (fd, "x", 1) != 1)
    return EIO;
  close (fd);

  /* Only the device was granted. */
  fd = open ("/etc/passwd", O_RDONLY | O_CLOEXEC);
  if (fd >= 0)
    {
      close (fd);
      return EEXIST;
    }
  return errno == EACCES ? 0 : errno;
}

static void
test_device_as_file (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr (CordonSandboxState) state = one_rule_state ("/dev/null", TRUE);
  g_autoptr (CordonSandboxState) as_dir = one_rule_state ("/dev/null", FALSE);
  g_autoptr (CordonCapabilitySet) caps = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_null (cordon_sandbox_state_to_caps (as_dir, &error));
  hostile_assert_error (error, CORDON_ERROR_EXPECTED_DIRECTORY, NULL);
  g_clear_error (&error);

  caps = cordon_sandbox_state_to_caps (state, &error);
  g_assert_no_error (error);

  if (hostile_skip_under_valgrind ("it applies Landlock and seccomp")
      || enforce_skip_unless_abi (1, "Landlock"))
    return;
  g_assert_cmpint (enforce_run_applied (caps, 0, write_null_read_passwd, NULL), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  ADD ("/hostile/paths/long", test_long_paths);
  ADD ("/hostile/paths/long-name", test_long_name);
  ADD ("/hostile/paths/symlink-loops", test_symlink_loops);
  ADD ("/hostile/paths/non-utf8", test_non_utf8);
  ADD ("/hostile/paths/fifo-as-file", test_fifo_as_file);
  ADD ("/hostile/paths/device-as-file", test_device_as_file);

  return g_test_run ();
}
