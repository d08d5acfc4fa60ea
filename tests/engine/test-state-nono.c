/* test-state-nono.c: profiles in nono's own form, as nono writes them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * nono keeps "original" as the user typed it, relative ("."), next to an
 * absolute "resolved". Cordon reads such files, applies "resolved", keeps
 * "original" for display and writes it back unchanged; and it remembers
 * which form a file was in, so the app can save it in that form.
 */
#include "config.h"

#include <string.h>

#include "cordon.h"
#include "engine-test-util.h"

static CordonSandboxState *
parse_ok (const char *json)
{
  g_autoptr (GError) error = NULL;
  CordonSandboxState *state = cordon_sandbox_state_from_json (json, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (state);
  return state;
}

static void
test_relative_original (EngineFixture *fixture,
                        gconstpointer  data)
{
  g_autofree char *dir = engine_test_mkdir (fixture->root, "project");
  g_autofree char *file = engine_test_touch (fixture->root, "project/notes");
  g_autofree char *json = g_strdup_printf (
    "{\"fs\": [{\"original\": \".\", \"resolved\": \"%s\", \"access\": \"read+write\", "
    "\"is_file\": false}, {\"original\": \"notes\", \"resolved\": \"%s\", \"access\": \"read\", "
    "\"is_file\": true}], \"net_blocked\": false}", dir, file);
  g_autoptr (CordonSandboxState) state = parse_ok (json);
  g_autoptr (GError) error = NULL;
  g_autoptr (CordonCapabilitySet) caps = cordon_sandbox_state_to_caps (state, &error);
  g_autoptr (CordonFsCapability) first = NULL;
  g_autoptr (CordonFsCapability) second = NULL;
  g_autoptr (CordonQueryContext) query = NULL;
  g_autoptr (CordonQueryResult) result = NULL;
  g_autofree char *written = NULL;
  g_autofree char *dot = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (caps)), ==, 2);
  first = g_list_model_get_item (G_LIST_MODEL (caps), 0);
  second = g_list_model_get_item (G_LIST_MODEL (caps), 1);
  /* "resolved" is what counts; "original" is kept as typed. */
  g_assert_cmpstr (cordon_fs_capability_get_resolved (first), ==, dir);
  g_assert_cmpstr (cordon_fs_capability_get_original (first), ==, ".");
  g_assert_cmpstr (cordon_fs_capability_get_resolved (second), ==, file);
  g_assert_cmpstr (cordon_fs_capability_get_original (second), ==, "notes");
  g_assert_cmpint (cordon_fs_capability_get_access (first), ==, CORDON_ACCESS_READ_WRITE);

  /* What the sandbox would do follows "resolved", wherever this runs. */
  query = cordon_query_context_new (caps);
  result = cordon_query_context_query_path (query, file, CORDON_ACCESS_WRITE, &error);
  g_assert_no_error (error);
  g_assert_true (cordon_query_result_is_allowed (result));

  /* Written back as nono wrote it. */
  g_clear_object (&state);
  state = cordon_sandbox_state_from_caps (caps);
  written = cordon_sandbox_state_to_json (state, CORDON_STATE_FORMAT_NATIVE);
  dot = g_strdup_printf ("\"original\": \".\",\n      \"resolved\": \"%s\"", dir);
  g_assert_nonnull (strstr (written, dot));
  g_assert_null (strstr (written, "/.\""));
}

/* A relative original with nothing absolute next to it says nowhere. */
static void
test_relative_original_alone (void)
{
  static const char *refused[][2] = {
    { "{\"fs\": [{\"original\": \".\", \"access\": \"read\", \"is_file\": false}], "
      "\"net_blocked\": false}",
      "fs[0].original: “.” is not an absolute path, and there is no “resolved” path" },
    { "{\"fs\": [{\"original\": \".\", \"resolved\": \"tmp\", \"access\": \"read\", "
      "\"is_file\": false}], \"net_blocked\": false}",
      "fs[0].resolved: “tmp” is not an absolute path" },
    { "{\"fs\": [{\"original\": \"\", \"resolved\": \"/tmp\", \"access\": \"read\", "
      "\"is_file\": false}], \"net_blocked\": false}",
      "fs[0].original: the path is empty" },
    /* Cordon's own "path" is always absolute. */
    { "{\"fs\": [{\"path\": \".\", \"access\": \"Read\", \"is_file\": false}], "
      "\"net_blocked\": false}",
      "fs[0].path: “.” is not an absolute path" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (CordonSandboxState) state =
        cordon_sandbox_state_from_json (refused[i][0], -1, &error);

      g_assert_null (state);
      g_assert_error (error, CORDON_ERROR, CORDON_ERROR_INVALID_STATE);
      if (strstr (error->message, refused[i][1]) == NULL)
        g_error ("“%s” should say “%s”", error->message, refused[i][1]);
    }
}

/* The form a file was read in, for the app to save it back in. */
static void
test_format_remembered (void)
{
  g_autoptr (CordonSandboxState) cordon =
    parse_ok ("{\"fs\": [{\"path\": \"/tmp\", \"access\": \"Read\", \"is_file\": false}], "
              "\"net_blocked\": false}");
  g_autoptr (CordonSandboxState) nono =
    parse_ok ("{\"fs\": [{\"original\": \"/tmp\", \"resolved\": \"/tmp\", \"access\": \"read\", "
              "\"is_file\": false}], \"net_blocked\": false}");
  g_autoptr (CordonSandboxState) empty = parse_ok ("{\"fs\": [], \"net_blocked\": true}");
  g_autoptr (CordonCapabilitySet) caps = cordon_capability_set_new ();
  g_autoptr (CordonSandboxState) made = cordon_sandbox_state_from_caps (caps);

  g_assert_cmpint (cordon_sandbox_state_get_format (cordon), ==, CORDON_STATE_FORMAT_CORDON);
  g_assert_cmpint (cordon_sandbox_state_get_format (nono), ==, CORDON_STATE_FORMAT_NATIVE);
  /* Nothing says nono: the seed format. */
  g_assert_cmpint (cordon_sandbox_state_get_format (empty), ==, CORDON_STATE_FORMAT_CORDON);
  g_assert_cmpint (cordon_sandbox_state_get_format (made), ==, CORDON_STATE_FORMAT_CORDON);
}

/* nono's files as they are: the byte order mark some editors add, CRLF. */
static void
test_bom_and_crlf (EngineFixture *fixture,
                   gconstpointer  data)
{
  g_autofree char *json = g_strdup_printf ("\xef\xbb\xbf{\r\n  \"fs\": [{\"original\": \".\", "
                                           "\"resolved\": \"%s\", \"access\": \"read\", "
                                           "\"is_file\": false}],\r\n  \"net_blocked\": true\r\n}"
                                           "\r\n", fixture->root);
  g_autoptr (CordonSandboxState) state = parse_ok (json);

  g_assert_cmpuint (cordon_sandbox_state_get_n_rules (state), ==, 1);
  g_assert_true (cordon_sandbox_state_get_network_blocked (state));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  ENGINE_TEST_ADD ("/state-nono/relative-original", test_relative_original);
  g_test_add_func ("/state-nono/relative-original-alone", test_relative_original_alone);
  g_test_add_func ("/state-nono/format-remembered", test_format_remembered);
  ENGINE_TEST_ADD ("/state-nono/bom-and-crlf", test_bom_and_crlf);

  return g_test_run ();
}
