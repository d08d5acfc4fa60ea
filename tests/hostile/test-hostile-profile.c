/* test-hostile-profile.c: profiles built to break the reader
 *
 * Each one must be refused with a clear CORDON_ERROR_INVALID_STATE, in
 * bounded time and memory, never with a crash.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "hostile-util.h"

#define EMPTY_PROFILE "{\"fs\": [], \"net_blocked\": true}"

static char *
nested (const char *open,
        const char *close,
        guint       levels)
{
  GString *json = g_string_new (NULL);

  for (guint i = 0; i < levels; i++)
    g_string_append (json, open);
  g_string_append (json, "1");
  for (guint i = 0; i < levels; i++)
    g_string_append (json, close);
  return g_string_free (json, FALSE);
}

/* json-glib recurses once per level: 100,000 levels would overflow the
 * stack, so the reader refuses anything deeper than its limit first. */
static void
test_deep_nesting (void)
{
  g_autofree char *arrays = nested ("[", "]", 100000);
  g_autofree char *objects = nested ("{\"a\":", "}", 100000);
  g_autofree char *unclosed = g_strnfill (100000, '[');

  hostile_assert_invalid_json (arrays, strlen (arrays), "nested deeper than 64 levels");
  hostile_assert_invalid_json (objects, strlen (objects), "nested deeper than 64 levels");
  hostile_assert_invalid_json (unclosed, strlen (unclosed), "nested deeper than 64 levels");
}

/* The limit is exact: newer keys may nest, up to 64 levels in all. */
static void
test_nesting_limit (void)
{
  g_autofree char *inner63 = nested ("[", "]", 63);
  g_autofree char *inner64 = nested ("[", "]", 64);
  g_autofree char *ok = g_strdup_printf ("{\"fs\": [], \"net_blocked\": true, \"x\": %s}", inner63);
  g_autofree char *deep = g_strdup_printf ("{\"fs\": [], \"net_blocked\": true, \"x\": %s}",
                                           inner64);
  g_autoptr (GError) error = NULL;
  g_autoptr (CordonSandboxState) state = cordon_sandbox_state_from_json (ok, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (state);
  hostile_assert_invalid_json (deep, strlen (deep), "line 1, column 101");
}

static char *
padded_profile (gsize size)
{
  char *json = g_malloc (size + 1);

  /* Valid JSON with trailing spaces, so only the size can be the reason. */
  memset (json, ' ', size);
  memcpy (json, EMPTY_PROFILE, strlen (EMPTY_PROFILE));
  json[size] = '\0';
  return json;
}

static void
test_too_big (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cordon-hostile-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "big.json", NULL);
  g_autofree char *exact = padded_profile (CORDON_STATE_MAX_BYTES);
  g_autofree char *over = padded_profile (CORDON_STATE_MAX_BYTES + 1);
  g_autoptr (GError) error = NULL;
  g_autoptr (CordonSandboxState) state = NULL;

  hostile_assert_invalid_json (over, CORDON_STATE_MAX_BYTES + 1, "16 MiB");

  g_assert_true (g_file_set_contents (path, over, CORDON_STATE_MAX_BYTES + 1, &error));
  state = cordon_sandbox_state_load_file (path, &error);
  g_assert_null (state);
  hostile_assert_error (error, CORDON_ERROR_INVALID_STATE, "16 MiB");
  g_clear_error (&error);

  /* 16 MiB itself is allowed. */
  g_assert_true (g_file_set_contents (path, exact, CORDON_STATE_MAX_BYTES, &error));
  state = cordon_sandbox_state_load_file (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (state);

  g_unlink (path);
  g_rmdir (dir);
}

static char *
repeat_list (const char *item,
             guint       count)
{
  GString *json = g_string_new ("{\"fs\": [");

  for (guint i = 0; i < count; i++)
    {
      if (i > 0)
        g_string_append_c (json, ',');
      g_string_append (json, item);
    }
  g_string_append (json, "], \"net_blocked\": true}");
  return g_string_free (json, FALSE);
}

/* A million rules fit in 3 MB as "{}": they must be refused before
 * json-glib builds a million objects (300 MB), and quickly. */
static void
test_million_rules (void)
{
  g_autofree char *json = repeat_list ("{}", 1000000);
  glong before = hostile_max_rss_kib ();
  gint64 start = g_get_monotonic_time ();

  hostile_assert_invalid_json (json, strlen (json), "at most 100000 rules");
  g_assert_cmpint (hostile_max_rss_kib () - before, <, 32 * 1024);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
}

/* The same million objects spread over ten lists of 100,000 each. */
static void
test_million_objects_in_lists (void)
{
  GString *json = g_string_new ("{\"fs\": [], \"net_blocked\": true, \"x\": [");
  glong before;

  for (guint list = 0; list < 10; list++)
    {
      g_string_append (json, list == 0 ? "[" : ",[");
      for (guint i = 0; i < 100000; i++)
        g_string_append (json, i == 0 ? "{}" : ",{}");
      g_string_append_c (json, ']');
    }
  g_string_append (json, "]}");

  before = hostile_max_rss_kib ();
  hostile_assert_invalid_json (json->str, json->len, "objects and lists");
  g_assert_cmpint (hostile_max_rss_kib () - before, <, 32 * 1024);
  g_string_free (json, TRUE);
}

/* json-glib keeps the last of several top-level values (and leaks the
 * others); a profile is exactly one object. */
static void
test_concatenated (void)
{
  hostile_assert_invalid_json (EMPTY_PROFILE " " EMPTY_PROFILE, -1 + sizeof EMPTY_PROFILE " "
                               EMPTY_PROFILE, "goes on after its end");
  hostile_assert_invalid_json ("99" EMPTY_PROFILE, strlen ("99" EMPTY_PROFILE),
                               "line 1, column 3");
  hostile_assert_invalid_json ("\"x\"" EMPTY_PROFILE, strlen ("\"x\"" EMPTY_PROFILE),
                               "goes on after its end");
  hostile_assert_invalid_json (EMPTY_PROFILE "]", strlen (EMPTY_PROFILE "]"),
                               "goes on after its end");
}

/* Which of two equal keys counts is a guess readers make differently, so
 * the profile is refused. The escaped spelling is the same key. */
static void
test_duplicate_keys (void)
{
  const char *top = "{\"fs\": [], \"net_blocked\": false, \"net_blocked\": true}";
  const char *entry = "{\"fs\": [{\"path\": \"/\", \"access\": \"Read\", \"is_file\": false, "
                      "\"path\": \"/home\"}], \"net_blocked\": true}";
  const char *escaped = "{\"fs\": [{\"path\": \"/\", \"access\": \"Read\", \"is_file\": false, "
                        "\"pa\\u0074h\": \"/home\"}], \"net_blocked\": true}";
  const char *unknown = "{\"fs\": [], \"net_blocked\": true, \"x\": {\"y\": 1, \"y\": 2}}";
  const char *fine = "{\"fs\": [{\"path\": \"/\", \"access\": \"Read\", \"is_file\": false}, "
                     "{\"path\": \"/\", \"access\": \"Write\", \"is_file\": false}], "
                     "\"net_blocked\": true}";
  g_autoptr (GError) error = NULL;
  g_autoptr (CordonSandboxState) state = NULL;

  hostile_assert_invalid_json (top, strlen (top), "“net_blocked” twice");
  hostile_assert_invalid_json (entry, strlen (entry), "“path” twice");
  hostile_assert_invalid_json (escaped, strlen (escaped), "“path” twice");
  hostile_assert_invalid_json (unknown, strlen (unknown), "“y” twice");

  /* The same key in different objects is no duplicate. */
  state = cordon_sandbox_state_from_json (fine, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cordon_sandbox_state_get_n_rules (state), ==, 2);
}

static void
test_nul (void)
{
  const char *escaped = "{\"fs\": [{\"path\": \"/home\\u0000/x\", \"access\": \"Read\", "
                        "\"is_file\": false}], \"net_blocked\": true}";
  const char raw[] = "{\"fs\": [{\"path\": \"/home\0/x\", \"access\": \"Read\", "
                     "\"is_file\": false}], \"net_blocked\": true}";

  hostile_assert_invalid_json (escaped, strlen (escaped), "\\u0000");
  hostile_assert_invalid_json (raw, sizeof raw - 1, "NUL");
}

static void
test_non_utf8 (void)
{
  const char *raw = "{\"fs\": [{\"path\": \"/tmp/\xff\xfe\", \"access\": \"Read\", "
                    "\"is_file\": false}], \"net_blocked\": true}";
  const char *high = "{\"fs\": [{\"path\": \"/tmp/\\ud800\", \"access\": \"Read\", "
                     "\"is_file\": false}], \"net_blocked\": true}";
  const char *low = "{\"fs\": [{\"path\": \"/tmp/\\udc00x\", \"access\": \"Read\", "
                    "\"is_file\": false}], \"net_blocked\": true}";
  const char *in_access = "{\"fs\": [{\"path\": \"/tmp\", \"access\": \"\\ud800x\", "
                          "\"is_file\": false}], \"net_blocked\": true}";
  const char *bad_hex = "{\"fs\": [], \"net_blocked\": true, \"x\": \"\\u12g4\"}";
  const char *pair = "{\"fs\": [{\"path\": \"/tmp/\\ud83d\\ude00\", \"access\": \"Read\", "
                     "\"is_file\": false}], \"net_blocked\": true}";
  g_autoptr (GError) error = NULL;
  g_autoptr (CordonSandboxState) state = NULL;
  g_autofree char *written = NULL;

  hostile_assert_invalid_json (raw, strlen (raw), "not valid UTF-8");
  hostile_assert_invalid_json (high, strlen (high), "first half of a UTF-16 surrogate pair");
  hostile_assert_invalid_json (low, strlen (low), "second half of a UTF-16 surrogate pair");
  hostile_assert_invalid_json (in_access, strlen (in_access), "surrogate");
  hostile_assert_invalid_json (bad_hex, strlen (bad_hex), "four hexadecimal digits");

  /* A proper pair is one character and survives a round trip. */
  state = cordon_sandbox_state_from_json (pair, -1, &error);
  g_assert_no_error (error);
  written = cordon_sandbox_state_to_json (state, CORDON_STATE_FORMAT_CORDON);
  g_assert_nonnull (strstr (written, "\"/tmp/\xf0\x9f\x98\x80\""));
}

static void
test_wrong_types (void)
{
  static const struct
  {
    const char *json;
    const char *words;
  } cases[] = {
    { "{\"fs\": [{\"path\": 42, \"access\": \"Read\", \"is_file\": false}], \"net_blocked\": true}",
      "fs[0].path: expected a path as a string, found a number" },
    { "{\"fs\": [{\"path\": \"/\", \"access\": 1, \"is_file\": false}], \"net_blocked\": true}",
      "fs[0].access: expected Read, Write or ReadWrite, found a number" },
    { "{\"fs\": [{\"path\": \"/\", \"access\": \"Read\", \"is_file\": \"no\"}], \"net_blocked\": true}",
      "fs[0].is_file: expected true or false, found a string" },
    { "{\"fs\": [{\"original\": 7, \"access\": \"read\", \"is_file\": false}], \"net_blocked\": true}",
      "fs[0].original: expected a path as a string, found a number" },
    { "{\"fs\": [], \"net_blocked\": 0}", "net_blocked: expected true or false, found a number" },
    { "{\"fs\": 3, \"net_blocked\": true}", "fs: expected a list of rules, found a number" },
    { "{\"fs\": [17], \"net_blocked\": true}", "fs[0]: expected an object" },
    { "[]", "must be a JSON object" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    hostile_assert_invalid_json (cases[i].json, strlen (cases[i].json), cases[i].words);
}

/* unix_sockets goes through the same reader: the same limits and checks. */
static void
test_hostile_sockets (void)
{
  GString *many = g_string_new ("{\"fs\": [], \"net_blocked\": true, \"unix_sockets\": [");
  g_autofree char *dir = g_dir_make_tmp ("cordon-hostile-XXXXXX", NULL);
  g_autofree char *loop = g_build_filename (dir, "loop", NULL);
  g_autofree char *long_path = hostile_long_path (dir, 5000);
  const char *dup = "{\"fs\": [], \"net_blocked\": true, \"unix_sockets\": [{\"path\": \"/\", "
                    "\"is_file\": false, \"path\": \"/run\"}]}";
  const char *nul = "{\"fs\": [], \"net_blocked\": true, \"unix_sockets\": [{\"path\": "
                    "\"/run/user\\u0000/bus\", \"is_file\": true}]}";
  const char *surrogate = "{\"fs\": [], \"net_blocked\": true, \"unix_sockets\": [{\"path\": "
                          "\"/run/\\udc00\", \"is_file\": true}]}";
  const char *raw = "{\"fs\": [], \"net_blocked\": true, \"unix_sockets\": [{\"path\": "
                    "\"/run/\xff\", \"is_file\": true}]}";
  struct
  {
    const char *path;
    gboolean    is_file;
    int         code;
  } to_caps[] = {
    { "/", TRUE, CORDON_ERROR_EXPECTED_FILE },
    { loop, TRUE, CORDON_ERROR_INVALID_PATH },
    { long_path, TRUE, CORDON_ERROR_INVALID_PATH },
  };
  glong before;

  for (guint i = 0; i < 1000000; i++)
    g_string_append (many, i == 0 ? "{}" : ",{}");
  g_string_append (many, "]}");
  before = hostile_max_rss_kib ();
  hostile_assert_invalid_json (many->str, many->len, "at most 100000 rules");
  g_assert_cmpint (hostile_max_rss_kib () - before, <, 32 * 1024);
  g_string_free (many, TRUE);

  hostile_assert_invalid_json (dup, strlen (dup), "“path” twice");
  hostile_assert_invalid_json (nul, strlen (nul), "\\u0000");
  hostile_assert_invalid_json (surrogate, strlen (surrogate), "surrogate");
  hostile_assert_invalid_json (raw, strlen (raw), "not valid UTF-8");

  g_assert_no_errno (symlink ("loop", loop));
  for (gsize i = 0; i < G_N_ELEMENTS (to_caps); i++)
    {
      g_autoptr (GString) json = g_string_new ("{\"fs\": [], \"net_blocked\": true, "
                                               "\"unix_sockets\": [{\"path\": \"");
      g_autoptr (CordonSandboxState) state = NULL;
      g_autoptr (CordonCapabilitySet) caps = NULL;
      g_autoptr (GError) error = NULL;

      g_string_append_printf (json, "%s\", \"is_file\": %s}]}", to_caps[i].path,
                              to_caps[i].is_file ? "true" : "false");
      state = cordon_sandbox_state_from_json (json->str, json->len, &error);
      g_assert_no_error (error);
      caps = cordon_sandbox_state_to_caps_full (state, CORDON_TO_CAPS_KEEP_MISSING, &error);
      g_assert_null (caps);
      g_assert_error (error, CORDON_ERROR, to_caps[i].code);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
    }

  g_unlink (loop);
  g_rmdir (dir);
}

static void
test_file_is_directory (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cordon-hostile-XXXXXX", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (CordonSandboxState) state = cordon_sandbox_state_load_file (dir, &error);

  g_assert_null (state);
  hostile_assert_error (error, CORDON_ERROR_INVALID_STATE, "is a directory");
  g_rmdir (dir);
}

/* Runs in a forked child: loads @path and exits 0 if the load failed with
 * "Permission denied" in the message, 1 if it loaded, 2 otherwise. */
static int
load_denied_in_child (const char *path,
                      gboolean    drop_to_nobody)
{
  pid_t pid = fork ();
  int status;

  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (CordonSandboxState) state = NULL;

      if (drop_to_nobody && (setgroups (0, NULL) != 0 || setgid (65534) != 0
                             || setuid (65534) != 0))
        _exit (3);
      state = cordon_sandbox_state_load_file (path, &error);
      if (state != NULL)
        _exit (1);
      _exit (error->code == CORDON_ERROR_INVALID_STATE
             && strstr (error->message, "cannot be read: Permission denied") != NULL ? 0 : 2);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static void
test_unreadable (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cordon-hostile-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "secret.json", NULL);
  gboolean root = geteuid () == 0;
  int result;

  g_assert_true (g_file_set_contents (path, EMPTY_PROFILE, -1, NULL));
  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
  g_assert_cmpint (g_chmod (path, 0600), ==, 0);
  if (!root)
    g_assert_cmpint (g_chmod (path, 0000), ==, 0);

  /* Root reads anything, so as root the reader is tested as nobody. */
  result = load_denied_in_child (path, root);
  g_unlink (path);
  g_rmdir (dir);
  if (result == 3)
    {
      g_test_skip ("cannot switch to uid 65534 to test an unreadable profile");
      return;
    }
  g_assert_cmpint (result, ==, 0);
}

/* Whether loading @path fails with a CordonError. */
static gboolean
load_is_refused (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CordonSandboxState) state = cordon_sandbox_state_load_file (path, &error);

  return state == NULL && error->domain == CORDON_ERROR;
}

/* A FIFO nobody writes to must not hang the reader. */
static void
test_fifo_profile (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cordon-hostile-XXXXXX", NULL);
  g_autofree char *fifo = g_build_filename (dir, "profile.fifo", NULL);
  pid_t pid;
  int status;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      gboolean refused;

      alarm (10);
      refused = load_is_refused (fifo);
      /* _exit () skips the cleanups; under valgrind it is also a leak
       * check of this process, where nothing live points at these. */
      g_clear_pointer (&fifo, g_free);
      g_clear_pointer (&dir, g_free);
      _exit (refused ? 0 : 1);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_unlink (fifo);
  g_rmdir (dir);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hostile/profile/deep-nesting", test_deep_nesting);
  g_test_add_func ("/hostile/profile/nesting-limit", test_nesting_limit);
  g_test_add_func ("/hostile/profile/too-big", test_too_big);
  g_test_add_func ("/hostile/profile/million-rules", test_million_rules);
  g_test_add_func ("/hostile/profile/million-objects-in-lists", test_million_objects_in_lists);
  g_test_add_func ("/hostile/profile/concatenated", test_concatenated);
  g_test_add_func ("/hostile/profile/duplicate-keys", test_duplicate_keys);
  g_test_add_func ("/hostile/profile/nul", test_nul);
  g_test_add_func ("/hostile/profile/non-utf8", test_non_utf8);
  g_test_add_func ("/hostile/profile/wrong-types", test_wrong_types);
  g_test_add_func ("/hostile/profile/sockets", test_hostile_sockets);
  g_test_add_func ("/hostile/profile/file-is-directory", test_file_is_directory);
  g_test_add_func ("/hostile/profile/unreadable", test_unreadable);
  g_test_add_func ("/hostile/profile/fifo", test_fifo_profile);

  return g_test_run ();
}
