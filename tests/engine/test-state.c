/* test-state.c: the profile file, CordonSandboxState
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "cordon.h"
#include "engine-test-util.h"

typedef struct
{
  char *root;
  char *tmp;  /* a directory, <root>/tmp */
  char *file; /* a file, <root>/hosts */
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->root = engine_test_make_tmpdir ();
  fixture->tmp = engine_test_mkdir (fixture->root, "tmp");
  fixture->file = engine_test_touch (fixture->root, "hosts");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  engine_test_rm_rf (fixture->root);
  g_free (fixture->root);
  g_free (fixture->tmp);
  g_free (fixture->file);
}

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

static void
assert_message_has (GError     *error,
                    const char *words)
{
  if (strstr (error->message, words) == NULL)
    g_error ("error “%s” does not contain “%s”", error->message, words);
}

/* Parsing must fail with INVALID_STATE and a message naming @words. */
static void
assert_invalid (const char *json,
                gssize      length,
                const char *words)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CordonSandboxState) state = cordon_sandbox_state_from_json (json, length, &error);

  g_assert_null (state);
  g_assert_error (error, CORDON_ERROR, CORDON_ERROR_INVALID_STATE);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  assert_message_has (error, words);
}

static CordonSandboxState *
parse_ok (const char *json)
{
  g_autoptr (GError) error = NULL;
  CordonSandboxState *state = cordon_sandbox_state_from_json (json, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (state);
  return state;
}

static CordonCapabilitySet *
make_caps (Fixture *fixture)
{
  CordonCapabilitySet *caps = cordon_capability_set_new ();
  g_autoptr (GError) error = NULL;

  g_assert_true (cordon_capability_set_allow_path (caps, fixture->tmp, CORDON_ACCESS_READ_WRITE,
                                                   &error));
  g_assert_true (cordon_capability_set_allow_file (caps, fixture->file, CORDON_ACCESS_READ,
                                                   &error));
  g_assert_no_error (error);
  cordon_capability_set_block_network (caps);
  return caps;
}

static char *
expected_cordon_json (Fixture *fixture)
{
  return g_strdup_printf ("{\n"
                          "  \"fs\": [\n"
                          "    {\n"
                          "      \"path\": \"%s\",\n"
                          "      \"access\": \"ReadWrite\",\n"
                          "      \"is_file\": false\n"
                          "    },\n"
                          "    {\n"
                          "      \"path\": \"%s\",\n"
                          "      \"access\": \"Read\",\n"
                          "      \"is_file\": true\n"
                          "    }\n"
                          "  ],\n"
                          "  \"net_blocked\": true\n"
                          "}\n",
                          fixture->tmp, fixture->file);
}

/* ---- writing -------------------------------------------------------- */

static void
test_to_json_exact (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr (CordonCapabilitySet) caps = make_caps (fixture);
  g_autoptr (CordonSandboxState) state = cordon_sandbox_state_from_caps (caps);
  g_autofree char *json = cordon_sandbox_state_to_json (state, CORDON_STATE_FORMAT_CORDON);
  g_autofree char *expected = expected_cordon_json (fixture);

  g_assert_cmpstr (json, ==, expected);
  g_assert_true (cordon_sandbox_state_get_network_blocked (state));
  g_assert_cmpuint (cordon_sandbox_state_get_n_rules (state), ==, 2);
}

static void
test_to_json_empty (void)
{
  g_autoptr (CordonCapabilitySet) caps = cordon_capability_set_new ();
  g_autoptr (CordonSandboxState) state = cordon_sandbox_state_from_caps (caps);
  g_autofree char *json = cordon_sandbox_state_to_json (state, CORDON_STATE_FORMAT_CORDON);

  g_assert_cmpstr (json, ==, "{\n  \"fs\": [],\n  \"net_blocked\": false\n}\n");
}

static void
test_to_json_native (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr (CordonCapabilitySet) caps = cordon_capability_set_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *link = engine_test_symlink (fixture->root, "tmp-link", "tmp");
  g_autoptr (CordonSandboxState) state = NULL;
  g_autofree char *json = NULL;
  g_autofree char *expected = NULL;

  g_assert_true (cordon_capability_set_allow_path (caps, link, CORDON_ACCESS_WRITE, &error));
  g_assert_no_error (error);
  state = cordon_sandbox_state_from_caps (caps);
  json = cordon_sandbox_state_to_json (state, CORDON_STATE_FORMAT_NATIVE);
  expected = g_strdup_printf ("{\n"
                              "  \"fs\": [\n"
                              "    {\n"
                              "      \"original\": \"%s\",\n"
                              "      \"resolved\": \"%s\",\n"
                              "      \"access\": \"write\",\n"
                              "      \"is_file\": false\n"
                              "    }\n"
                              "  ],\n"
                              "  \"net_blocked\": false\n"
                              "}\n",
                              link, fixture->tmp);
  g_assert_cmpstr (json, ==, expected);
}

/* Quotes, backslashes and control characters are legal in file names. */
static void
test_to_json_escapes (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr (CordonCapabilitySet) caps = cordon_capability_set_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *odd = engine_test_mkdir (fixture->root, "a \"quoted\" \\ name\t\x01 é");
  g_autoptr (CordonSandboxState) state = NULL;
  g_autoptr (CordonSandboxState) back = NULL;
  g_autoptr (CordonCapabilitySet) caps_back = NULL;
  g_autoptr (CordonFsCapability) cap = NULL;
  g_autofree char *json = NULL;

  g_assert_true (cordon_capability_set_allow_path (caps, odd, CORDON_ACCESS_READ, &error));
  g_assert_no_error (error);
  state = cordon_sandbox_state_from_caps (caps);
  json = cordon_sandbox_state_to_json (state, CORDON_STATE_FORMAT_CORDON);
  g_assert_nonnull (strstr (json, "a \\\"quoted\\\" \\\\ name\\t\\u0001 é"));

  back = parse_ok (json);
  caps_back = cordon_sandbox_state_to_caps (back, &error);
  g_assert_no_error (error);
  cap = g_list_model_get_item (G_LIST_MODEL (caps_back), 0);
  g_assert_cmpstr (cordon_fs_capability_get_resolved (cap), ==, odd);
}

/* ---- round trips ---------------------------------------------------- */

static void
test_round_trip_cordon (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *json = expected_cordon_json (fixture);
  g_autoptr (CordonSandboxState) state = parse_ok (json);
  g_autoptr (CordonCapabilitySet) caps = NULL;
  g_autoptr (CordonSandboxState) again = NULL;
  g_autofree char *out = NULL;
  g_autoptr (GError) error = NULL;

  caps = cordon_sandbox_state_to_caps (state, &error);
  g_assert_no_error (error);
  g_assert_true (cordon_capability_set_is_network_blocked (caps));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (caps)), ==, 2);

  again = cordon_sandbox_state_from_caps (caps);
  out = cordon_sandbox_state_to_json (again, CORDON_STATE_FORMAT_CORDON);
  g_assert_cmpstr (out, ==, json);
}

static void
test_round_trip_native (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *link = engine_test_symlink (fixture->root, "tmp-link", "tmp");
  /* Compact, other key order, the native access spelling, and a stale
   * "resolved": "original" is what counts. */
  g_autofree char *json = g_strdup_printf (
    "{\"net_blocked\":true,\"fs\":["
    "{\"is_file\":false,\"access\":\"read+write\",\"resolved\":\"/stale\",\"original\":\"%s\"},"
    "{\"original\":\"%s\",\"resolved\":\"%s\",\"access\":\"read\",\"is_file\":true}]}",
    link, fixture->file, fixture->file);
  g_autoptr (CordonSandboxState) state = parse_ok (json);
  g_autoptr (CordonCapabilitySet) caps = NULL;
  g_autoptr (CordonSandboxState) again = NULL;
  g_autoptr (CordonFsCapability) first = NULL;
  g_autofree char *out = NULL;
  g_autofree char *expected = expected_cordon_json (fixture);
  g_autoptr (GError) error = NULL;

  caps = cordon_sandbox_state_to_caps (state, &error);
  g_assert_no_error (error);
  first = g_list_model_get_item (G_LIST_MODEL (caps), 0);
  g_assert_cmpstr (cordon_fs_capability_get_original (first), ==, link);
  g_assert_cmpstr (cordon_fs_capability_get_resolved (first), ==, fixture->tmp);

  again = cordon_sandbox_state_from_caps (caps);
  out = cordon_sandbox_state_to_json (again, CORDON_STATE_FORMAT_CORDON);
  g_assert_cmpstr (out, ==, expected);
}

/* Without "original", the native entry's "resolved" is used. */
static void
test_native_resolved_only (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *json = g_strdup_printf (
    "{\"fs\":[{\"resolved\":\"%s\",\"access\":\"write\",\"is_file\":false}],"
    "\"net_blocked\":false}", fixture->tmp);
  g_autoptr (CordonSandboxState) state = parse_ok (json);
  g_autoptr (CordonCapabilitySet) caps = NULL;
  g_autoptr (CordonFsCapability) cap = NULL;
  g_autoptr (GError) error = NULL;

  caps = cordon_sandbox_state_to_caps (state, &error);
  g_assert_no_error (error);
  cap = g_list_model_get_item (G_LIST_MODEL (caps), 0);
  g_assert_cmpstr (cordon_fs_capability_get_resolved (cap), ==, fixture->tmp);
  g_assert_cmpint (cordon_fs_capability_get_access (cap), ==, CORDON_ACCESS_WRITE);
  g_assert_false (cordon_capability_set_is_network_blocked (caps));
}

static void
test_unknown_keys_ignored (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *json = g_strdup_printf (
    "{\"version\": 7, \"comment\": {\"nested\": [1, 2]},"
    " \"fs\": [{\"path\": \"%s\", \"access\": \"Read\", \"is_file\": false, \"why\": null}],"
    " \"net_blocked\": false, \"future\": \"yes\"}", fixture->tmp);
  g_autoptr (CordonSandboxState) state = parse_ok (json);

  g_assert_cmpuint (cordon_sandbox_state_get_n_rules (state), ==, 1);
  g_assert_false (cordon_sandbox_state_get_network_blocked (state));
}

/* ---- malformed input ---------------------------------------------------- */

static void
test_invalid_syntax (void)
{
  assert_invalid ("{\n  \"fs\": [],\n  \"net_blocked\": tru\n}", -1, "line 3, column");
  assert_invalid ("{\"fs\": [], \"net_blocked\": true,}", -1, "line 1, column");
  assert_invalid ("{\"fs\": [", -1, "not valid JSON");
  assert_invalid ("", -1, "empty");
  assert_invalid ("   \n", -1, "empty");
}

static void
test_invalid_not_object (void)
{
  assert_invalid ("[]", -1, "must be a JSON object");
  assert_invalid ("\"fs\"", -1, "not a string");
  assert_invalid ("null", -1, "not null");
  assert_invalid ("42", -1, "not a number");
}

static void
test_invalid_fs (void)
{
  assert_invalid ("{\"net_blocked\": true}", -1, "fs: missing");
  assert_invalid ("{\"fs\": {}, \"net_blocked\": true}", -1, "fs: expected a list");
  assert_invalid ("{\"fs\": null, \"net_blocked\": true}", -1, "found null");
  assert_invalid ("{\"fs\": [\"/tmp\"], \"net_blocked\": true}", -1, "fs[0]: expected an object");
}

/* The rule's number, in full, in the field a message names. */
static void
test_invalid_field_index (void)
{
  static const guint indexes[] = { 9, 12, 100, 1230 };

  for (gsize i = 0; i < G_N_ELEMENTS (indexes); i++)
    {
      g_autoptr (GString) json = g_string_new ("{\"fs\": [");
      g_autofree char *expected = g_strdup_printf ("fs[%u].is_file: missing", indexes[i]);

      for (guint k = 0; k < indexes[i]; k++)
        g_string_append (json, "{\"path\": \"/tmp\", \"access\": \"Read\", \"is_file\": false}, ");
      g_string_append (json, "{\"path\": \"/tmp\", \"access\": \"Read\"}], \"net_blocked\": true}");
      assert_invalid (json->str, -1, expected);
    }
}

static void
test_invalid_path (void)
{
  assert_invalid ("{\"fs\": [{\"access\": \"Read\", \"is_file\": false}], \"net_blocked\": true}",
                  -1, "fs[0].path: missing");
  assert_invalid ("{\"fs\": [{\"path\": 5, \"access\": \"Read\", \"is_file\": false}],"
                  " \"net_blocked\": true}", -1, "fs[0].path: expected a path as a string");
  assert_invalid ("{\"fs\": [{\"path\": \"/\", \"access\": \"Read\", \"is_file\": false},"
                  " {\"path\": \"tmp\", \"access\": \"Read\", \"is_file\": false}],"
                  " \"net_blocked\": true}", -1, "fs[1].path: “tmp” is not an absolute path");
  assert_invalid ("{\"fs\": [{\"original\": \"rel\", \"access\": \"read\", \"is_file\": false}],"
                  " \"net_blocked\": true}", -1, "fs[0].original: “rel” is not an absolute path");
  assert_invalid ("{\"fs\": [{\"resolved\": [], \"access\": \"read\", \"is_file\": false}],"
                  " \"net_blocked\": true}", -1, "fs[0].resolved: expected a path");
}

static void
test_invalid_access (void)
{
  assert_invalid ("{\"fs\": [{\"path\": \"/\", \"access\": \"Read\", \"is_file\": false},"
                  " {\"path\": \"/\", \"access\": \"Read\", \"is_file\": false},"
                  " {\"path\": \"/\", \"access\": \"Read\", \"is_file\": false},"
                  " {\"path\": \"/\", \"access\": \"rw\", \"is_file\": false}],"
                  " \"net_blocked\": true}",
                  -1, "fs[3].access: unknown access “rw” (expected Read, Write or ReadWrite)");
  assert_invalid ("{\"fs\": [{\"path\": \"/\", \"is_file\": false}], \"net_blocked\": true}",
                  -1, "fs[0].access: missing");
  assert_invalid ("{\"fs\": [{\"path\": \"/\", \"access\": 3, \"is_file\": false}],"
                  " \"net_blocked\": true}", -1, "fs[0].access: expected Read, Write or ReadWrite");
}

static void
test_invalid_is_file (void)
{
  assert_invalid ("{\"fs\": [{\"path\": \"/\", \"access\": \"Read\", \"is_file\": \"false\"}],"
                  " \"net_blocked\": true}", -1, "fs[0].is_file: expected true or false");
  assert_invalid ("{\"fs\": [{\"path\": \"/\", \"access\": \"Read\", \"is_file\": 0}],"
                  " \"net_blocked\": true}", -1, "found a number");
  assert_invalid ("{\"fs\": [{\"path\": \"/\", \"access\": \"Read\"}], \"net_blocked\": true}",
                  -1, "fs[0].is_file: missing");
}

static void
test_invalid_net_blocked (void)
{
  assert_invalid ("{\"fs\": []}", -1, "net_blocked: missing");
  assert_invalid ("{\"fs\": [], \"net_blocked\": \"yes\"}", -1, "net_blocked: expected true");
  assert_invalid ("{\"fs\": [], \"net_blocked\": null}", -1, "found null");
}

/* json-glib would cut "/tmp\u0000/x" to "/tmp": a rule for a different path. */
static void
test_invalid_nul (void)
{
  static const char with_nul[] = "{\"fs\": [], \"net_blocked\": true}\0trailing";

  assert_invalid ("{\"fs\": [{\"path\": \"/tmp\\u0000/x\", \"access\": \"Read\","
                  " \"is_file\": false}], \"net_blocked\": true}", -1, "NUL");
  assert_invalid ("{\"fs\": [], \"x\": \"\\u0000\", \"net_blocked\": true}", -1, "line 1, column");
  /* A raw NUL byte inside the given length. */
  assert_invalid (with_nul, sizeof with_nul - 1, "NUL byte");

  /* An escaped backslash followed by "u0000" is just text. */
  {
    g_autoptr (CordonSandboxState) state =
      parse_ok ("{\"fs\": [], \"x\": \"\\\\u0000\", \"net_blocked\": true}");
    g_assert_true (cordon_sandbox_state_get_network_blocked (state));
  }
}

static void
test_invalid_utf8 (void)
{
  assert_invalid ("{\"fs\": [{\"path\": \"/caf\xe9\", \"access\": \"Read\", \"is_file\": false}],"
                  " \"net_blocked\": true}", -1, "UTF-8");
}

static void
test_too_many_rules (void)
{
  GString *json = g_string_new ("{\"fs\": [");

  for (guint i = 0; i <= CORDON_STATE_MAX_RULES; i++)
    g_string_append (json, i == 0 ? "{}" : ",{}");
  g_string_append (json, "], \"net_blocked\": true}");

  assert_invalid (json->str, json->len, "100000");
  g_string_free (json, TRUE);
}

static void
test_too_big (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *big = g_build_filename (fixture->root, "big.json", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (CordonSandboxState) state = NULL;
  gsize size = 20 * 1024 * 1024;
  g_autofree char *json = g_malloc (size + 1);

  /* Valid JSON, so only the size can be the reason. */
  memset (json, ' ', size);
  memcpy (json, "{\"fs\": [], \"net_blocked\": true}", 31);
  json[size] = '\0';

  assert_invalid (json, size, "16 MiB");

  g_assert_true (g_file_set_contents (big, json, size, &error));
  state = cordon_sandbox_state_load_file (big, &error);
  g_assert_null (state);
  g_assert_error (error, CORDON_ERROR, CORDON_ERROR_INVALID_STATE);
  assert_message_has (error, "16 MiB");
  assert_message_has (error, big);
}

/* ---- to_caps re-validates ------------------------------------------------ */

static char *
one_rule (const char *path,
          gboolean    is_file)
{
  return g_strdup_printf ("{\"fs\": [{\"path\": \"%s\", \"access\": \"Read\", \"is_file\": %s}],"
                          " \"net_blocked\": false}",
                          path, is_file ? "true" : "false");
}

static void
test_to_caps_vanished (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *gone = engine_test_mkdir (fixture->root, "gone");
  g_autofree char *json = one_rule (gone, FALSE);
  g_autoptr (CordonSandboxState) state = parse_ok (json);
  g_autoptr (CordonCapabilitySet) caps = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_cmpint (g_rmdir (gone), ==, 0);
  caps = cordon_sandbox_state_to_caps (state, &error);
  g_assert_null (caps);
  g_assert_error (error, CORDON_ERROR, CORDON_ERROR_PATH_NOT_FOUND);
  assert_message_has (error, gone);
}

static void
test_to_caps_keep_missing (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *gone = g_build_filename (fixture->root, "gone", NULL);
  g_autofree char *json = g_strdup_printf (
    "{\"fs\": [{\"path\": \"%s\", \"access\": \"Read\", \"is_file\": false},"
    " {\"path\": \"%s\", \"access\": \"Write\", \"is_file\": true}], \"net_blocked\": true}",
    gone, fixture->file);
  g_autoptr (CordonSandboxState) state = parse_ok (json);
  g_autoptr (CordonCapabilitySet) caps = NULL;
  g_autoptr (CordonFsCapability) kept = NULL;
  g_autoptr (GError) error = NULL;

  caps = cordon_sandbox_state_to_caps_full (state, CORDON_TO_CAPS_KEEP_MISSING, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (caps)), ==, 2);
  kept = g_list_model_get_item (G_LIST_MODEL (caps), 0);
  g_assert_cmpstr (cordon_fs_capability_get_resolved (kept), ==, gone);
  g_assert_cmpint (cordon_fs_capability_get_access (kept), ==, CORDON_ACCESS_READ);
  g_assert_false (cordon_fs_capability_get_is_file (kept));
  g_assert_true (cordon_capability_set_is_network_blocked (caps));
}

static void
test_to_caps_dir_recorded_as_file (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autofree char *json = one_rule (fixture->tmp, TRUE);
  g_autoptr (CordonSandboxState) state = parse_ok (json);
  g_autoptr (CordonCapabilitySet) caps = NULL;
  g_autoptr (GError) error = NULL;

  caps = cordon_sandbox_state_to_caps (state, &error);
  g_assert_null (caps);
  g_assert_error (error, CORDON_ERROR, CORDON_ERROR_EXPECTED_FILE);
  assert_message_has (error, fixture->tmp);

  /* Not a missing path: keeping missing ones does not excuse it. */
  g_clear_error (&error);
  caps = cordon_sandbox_state_to_caps_full (state, CORDON_TO_CAPS_KEEP_MISSING, &error);
  g_assert_null (caps);
  g_assert_error (error, CORDON_ERROR, CORDON_ERROR_EXPECTED_FILE);
}

static void
test_to_caps_file_recorded_as_dir (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autofree char *json = one_rule (fixture->file, FALSE);
  g_autoptr (CordonSandboxState) state = parse_ok (json);
  g_autoptr (CordonCapabilitySet) caps = NULL;
  g_autoptr (GError) error = NULL;

  caps = cordon_sandbox_state_to_caps (state, &error);
  g_assert_null (caps);
  g_assert_error (error, CORDON_ERROR, CORDON_ERROR_EXPECTED_DIRECTORY);
  assert_message_has (error, fixture->file);
}

/* ---- files ------------------------------------------------------------ */

static void
test_save_load (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr (CordonCapabilitySet) caps = make_caps (fixture);
  g_autoptr (CordonSandboxState) state = cordon_sandbox_state_from_caps (caps);
  g_autoptr (CordonSandboxState) loaded = NULL;
  g_autofree char *filename = g_build_filename (fixture->root, "profile.json", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *expected = expected_cordon_json (fixture);
  g_autoptr (GError) error = NULL;

  g_assert_true (cordon_sandbox_state_save_file (state, filename, CORDON_STATE_FORMAT_CORDON,
                                                 &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (filename, &contents, NULL, &error));
  g_assert_cmpstr (contents, ==, expected);

  loaded = cordon_sandbox_state_load_file (filename, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cordon_sandbox_state_get_n_rules (loaded), ==, 2);
  g_assert_true (cordon_sandbox_state_get_network_blocked (loaded));
}

static void
test_load_errors (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (fixture->root, "missing.json", NULL);
  g_autofree char *broken = g_build_filename (fixture->root, "broken.json", NULL);
  g_autoptr (CordonSandboxState) state = NULL;
  g_autoptr (GError) error = NULL;

  state = cordon_sandbox_state_load_file (missing, &error);
  g_assert_null (state);
  g_assert_error (error, CORDON_ERROR, CORDON_ERROR_PATH_NOT_FOUND);
  assert_message_has (error, missing);

  g_clear_error (&error);
  state = cordon_sandbox_state_load_file (fixture->tmp, &error);
  g_assert_null (state);
  g_assert_error (error, CORDON_ERROR, CORDON_ERROR_INVALID_STATE);
  assert_message_has (error, fixture->tmp);
  assert_message_has (error, "directory");

  g_clear_error (&error);
  g_assert_true (g_file_set_contents (broken, "{\"fs\": []}", -1, NULL));
  state = cordon_sandbox_state_load_file (broken, &error);
  g_assert_null (state);
  g_assert_error (error, CORDON_ERROR, CORDON_ERROR_INVALID_STATE);
  assert_message_has (error, broken);
  assert_message_has (error, "net_blocked: missing");
}

static void
assert_file_is (const char *filename,
                const char *expected)
{
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (g_file_get_contents (filename, &contents, NULL, &error));
  g_assert_cmpstr (contents, ==, expected);
}

/* The temporary file cannot even be created next to the target (its name
 * is too long): the save fails and the old profile is still whole. */
static void
test_save_failure_keeps_old (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr (CordonCapabilitySet) caps = make_caps (fixture);
  g_autoptr (CordonSandboxState) state = cordon_sandbox_state_from_caps (caps);
  g_autofree char *name = g_strnfill (253, 'p');
  g_autofree char *filename = g_build_filename (fixture->root, name, NULL);
  g_autofree char *missing_dir = g_build_filename (fixture->root, "no", "profile.json", NULL);
  g_autoptr (GError) error = NULL;

  /* Written in place: a temporary name would be too long here too. */
  g_assert_true (g_file_set_contents_full (filename, "old profile", -1,
                                           G_FILE_SET_CONTENTS_NONE, 0644, &error));
  g_assert_false (cordon_sandbox_state_save_file (state, filename, CORDON_STATE_FORMAT_CORDON,
                                                  &error));
  g_assert_error (error, CORDON_ERROR, CORDON_ERROR_INVALID_PATH);
  assert_message_has (error, filename);
  assert_file_is (filename, "old profile");

  g_clear_error (&error);
  g_assert_false (cordon_sandbox_state_save_file (state, missing_dir,
                                                  CORDON_STATE_FORMAT_CORDON, &error));
  g_assert_error (error, CORDON_ERROR, CORDON_ERROR_PATH_NOT_FOUND);
  assert_message_has (error, missing_dir);
}

/* The write itself runs out of room part way (a file size limit, as a
 * full disk would): the old profile is still whole. */
static void
test_save_interrupted_write (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *filename = g_build_filename (fixture->root, "profile.json", NULL);

  g_assert_true (g_file_set_contents (filename, "old profile", -1, NULL));

  if (g_test_subprocess ())
    {
      g_autoptr (CordonCapabilitySet) caps = cordon_capability_set_new ();
      g_autoptr (CordonSandboxState) state = NULL;
      g_autoptr (GError) error = NULL;
      struct rlimit limit = { 64, 64 };

      /* Enough rules that the JSON is far over the limit. */
      for (guint i = 0; i < 20; i++)
        g_assert_true (cordon_capability_set_allow_path (caps, fixture->tmp, CORDON_ACCESS_READ,
                                                         NULL));
      state = cordon_sandbox_state_from_caps (caps);

      signal (SIGXFSZ, SIG_IGN);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
      g_assert_false (cordon_sandbox_state_save_file (state, filename,
                                                      CORDON_STATE_FORMAT_CORDON, &error));
      g_assert_nonnull (error);
      assert_message_has (error, filename);
      assert_file_is (filename, "old profile");
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  assert_file_is (filename, "old profile");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("/state/to-json/exact", test_to_json_exact);
  g_test_add_func ("/state/to-json/empty", test_to_json_empty);
  ADD ("/state/to-json/native", test_to_json_native);
  ADD ("/state/to-json/escapes", test_to_json_escapes);

  ADD ("/state/round-trip/cordon", test_round_trip_cordon);
  ADD ("/state/round-trip/native", test_round_trip_native);
  ADD ("/state/from-json/native-resolved-only", test_native_resolved_only);
  ADD ("/state/from-json/unknown-keys", test_unknown_keys_ignored);

  g_test_add_func ("/state/invalid/syntax", test_invalid_syntax);
  g_test_add_func ("/state/invalid/not-object", test_invalid_not_object);
  g_test_add_func ("/state/invalid/fs", test_invalid_fs);
  g_test_add_func ("/state/invalid/field-index", test_invalid_field_index);
  g_test_add_func ("/state/invalid/path", test_invalid_path);
  g_test_add_func ("/state/invalid/access", test_invalid_access);
  g_test_add_func ("/state/invalid/is-file", test_invalid_is_file);
  g_test_add_func ("/state/invalid/net-blocked", test_invalid_net_blocked);
  g_test_add_func ("/state/invalid/nul", test_invalid_nul);
  g_test_add_func ("/state/invalid/utf8", test_invalid_utf8);
  g_test_add_func ("/state/invalid/too-many-rules", test_too_many_rules);
  ADD ("/state/invalid/too-big", test_too_big);

  ADD ("/state/to-caps/vanished", test_to_caps_vanished);
  ADD ("/state/to-caps/keep-missing", test_to_caps_keep_missing);
  ADD ("/state/to-caps/dir-recorded-as-file", test_to_caps_dir_recorded_as_file);
  ADD ("/state/to-caps/file-recorded-as-dir", test_to_caps_file_recorded_as_dir);

  ADD ("/state/file/save-load", test_save_load);
  ADD ("/state/file/load-errors", test_load_errors);
  ADD ("/state/file/save-failure-keeps-old", test_save_failure_keeps_old);
  ADD ("/state/file/save-interrupted-write", test_save_interrupted_write);

  return g_test_run ();
}
