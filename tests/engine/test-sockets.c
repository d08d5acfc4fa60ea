/* test-sockets.c: local-socket rules in the model, the query and the profile
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "cordon.h"
#include "engine-test-util.h"

#define ADD ENGINE_TEST_ADD

/* A named stream socket at <root>/<relative>, left on disk after its
 * descriptor is closed, as a server that died leaves one. */
static char *
make_socket (EngineFixture *fixture,
             const char    *relative)
{
  char *path = g_build_filename (fixture->root, relative, NULL);
  struct sockaddr_un addr = { .sun_family = AF_UNIX };
  int fd;

  g_assert_cmpuint (strlen (path), <, sizeof addr.sun_path);
  strcpy (addr.sun_path, path);
  fd = socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  g_assert_cmpint (fd, >=, 0);
  g_assert_no_errno (bind (fd, (struct sockaddr *) &addr, sizeof addr));
  close (fd);
  return path;
}

static char *
at (EngineFixture *fixture,
    const char    *relative)
{
  return g_build_filename (fixture->root, relative, NULL);
}

static void
allow (CordonCapabilitySet *caps,
       const char          *path)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (cordon_capability_set_allow_socket (caps, path, &error));
  g_assert_no_error (error);
}

static CordonSocketCapability *
socket_at (CordonCapabilitySet *caps,
           guint                position)
{
  GListModel *sockets = cordon_capability_set_get_sockets (caps);
  CordonSocketCapability *cap = g_list_model_get_item (sockets, position);

  g_assert_nonnull (cap);
  /* The model owns a reference; the test only looks. */
  g_object_unref (cap);
  return cap;
}

/* ---- the model --------------------------------------------------------- */

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *count)
{
  (*count)++;
}

static void
test_allow_file_and_folder (EngineFixture *fixture,
                            gconstpointer  data)
{
  g_autoptr (CordonCapabilitySet) caps = cordon_capability_set_new ();
  g_autofree char *dir = engine_test_mkdir (fixture->root, "run");
  g_autofree char *sock = make_socket (fixture, "run/bus");
  GListModel *sockets = cordon_capability_set_get_sockets (caps);
  guint changes = 0;
  CordonSocketCapability *cap;

  g_assert_true (g_list_model_get_item_type (sockets) == CORDON_TYPE_SOCKET_CAPABILITY);
  g_signal_connect (sockets, "items-changed", G_CALLBACK (on_items_changed), &changes);

  allow (caps, sock);
  allow (caps, dir);

  g_assert_cmpuint (changes, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (sockets), ==, 2);
  /* Socket rules are a list of their own: no filesystem rule appeared. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (caps)), ==, 0);

  cap = socket_at (caps, 0);
  g_assert_cmpstr (cordon_socket_capability_get_resolved (cap), ==, sock);
  g_assert_cmpstr (cordon_socket_capability_get_original (cap), ==, sock);
  g_assert_true (cordon_socket_capability_get_is_file (cap));
  cap = socket_at (caps, 1);
  g_assert_cmpstr (cordon_socket_capability_get_resolved (cap), ==, dir);
  g_assert_false (cordon_socket_capability_get_is_file (cap));
}

static void
test_allow_resolves_symlinks (EngineFixture *fixture,
                              gconstpointer  data)
{
  g_autoptr (CordonCapabilitySet) caps = cordon_capability_set_new ();
  g_autofree char *dir = engine_test_mkdir (fixture->root, "real");
  g_autofree char *sock = make_socket (fixture, "real/agent");
  g_autofree char *link = engine_test_symlink (fixture->root, "link", sock);
  g_autofree char *dotted = g_build_filename (dir, "..", "link", NULL);
  g_autofree char *original = NULL;
  CordonSocketCapability *cap;

  allow (caps, dotted);
  cap = socket_at (caps, 0);
  /* The rule names where the kernel ends up, and keeps what was typed. */
  g_assert_cmpstr (cordon_socket_capability_get_resolved (cap), ==, sock);
  g_assert_cmpstr (cordon_socket_capability_get_original (cap), ==, dotted);
  g_assert_true (cordon_socket_capability_get_is_file (cap));
  g_object_get (cap, "original", &original, NULL);
  g_assert_cmpstr (original, ==, dotted);
}

static void
test_allow_errors (EngineFixture *fixture,
                   gconstpointer  data)
{
  g_autoptr (CordonCapabilitySet) caps = cordon_capability_set_new ();
  g_autofree char *missing = at (fixture, "no-such-socket");
  struct
  {
    const char *path;
    int         code;
  } cases[] = {
    { missing, CORDON_ERROR_PATH_NOT_FOUND },
    { "relative/bus", CORDON_ERROR_INVALID_PATH },
    { "", CORDON_ERROR_INVALID_PATH },
    { "/tmp/\xff", CORDON_ERROR_INVALID_PATH },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;

      g_assert_false (cordon_capability_set_allow_socket (caps, cases[i].path, &error));
      g_assert_error (error, CORDON_ERROR, cases[i].code);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
    }
  g_assert_cmpuint (g_list_model_get_n_items (cordon_capability_set_get_sockets (caps)), ==, 0);
}

static void
test_covered (EngineFixture *fixture,
              gconstpointer  data)
{
  g_autoptr (CordonCapabilitySet) caps = cordon_capability_set_new ();
  g_autofree char *dir = engine_test_mkdir (fixture->root, "a");
  g_autofree char *deep = engine_test_mkdir (fixture->root, "a/b/c");
  g_autofree char *sibling = engine_test_mkdir (fixture->root, "ab");
  g_autofree char *file_sock = make_socket (fixture, "ab/one");
  g_autofree char *neighbour = make_socket (fixture, "ab/two");
  g_autofree char *in_deep = at (fixture, "a/b/c/s");
  g_autofree char *in_sibling = at (fixture, "ab/x");

  allow (caps, dir);
  allow (caps, file_sock);

  g_assert_true (cordon_capability_set_socket_covered (caps, dir));
  g_assert_true (cordon_capability_set_socket_covered (caps, in_deep));
  g_assert_true (cordon_capability_set_socket_covered (caps, file_sock));
  /* Component-wise: /a never covers /ab; a file entry only itself. */
  g_assert_false (cordon_capability_set_socket_covered (caps, in_sibling));
  g_assert_false (cordon_capability_set_socket_covered (caps, neighbour));
  g_assert_false (cordon_capability_set_socket_covered (caps, sibling));
  g_assert_false (cordon_capability_set_socket_covered (caps, fixture->root));
  g_assert_false (cordon_capability_set_socket_covered (caps, "/"));
}

/* A file entry and a folder entry on one path are different rules. */
static void
test_covered_kinds_do_not_mix (EngineFixture *fixture,
                               gconstpointer  data)
{
  g_autoptr (CordonCapabilitySet) caps = cordon_capability_set_new ();
  g_autofree char *dir = engine_test_mkdir (fixture->root, "d");
  g_autofree char *below = at (fixture, "d/s");
  g_autoptr (CordonSocketCapability) as_file = cordon_socket_capability_new (NULL, dir, TRUE);

  cordon_capability_set_insert_socket (caps, 0, as_file);
  g_assert_true (cordon_capability_set_socket_covered (caps, dir));
  g_assert_false (cordon_capability_set_socket_covered (caps, below));
}

static void
test_remove_and_undo (EngineFixture *fixture,
                      gconstpointer  data)
{
  g_autoptr (CordonCapabilitySet) caps = cordon_capability_set_new ();
  g_autofree char *sock = make_socket (fixture, "s");
  g_autoptr (CordonSocketCapability) removed = NULL;
  GListModel *sockets = cordon_capability_set_get_sockets (caps);

  allow (caps, sock);
  allow (caps, sock);
  removed = g_list_model_get_item (sockets, 1);

  /* Duplicates are allowed: removing one leaves the other in force. */
  cordon_capability_set_remove_socket (caps, 1);
  g_assert_true (cordon_capability_set_socket_covered (caps, sock));
  cordon_capability_set_remove_socket (caps, 0);
  g_assert_false (cordon_capability_set_socket_covered (caps, sock));
  g_assert_cmpuint (g_list_model_get_n_items (sockets), ==, 0);

  /* Undo puts the very rule back. */
  cordon_capability_set_insert_socket (caps, 7, removed);
  g_assert_cmpuint (g_list_model_get_n_items (sockets), ==, 1);
  g_assert_true (socket_at (caps, 0) == removed);
  g_assert_true (cordon_capability_set_socket_covered (caps, sock));

  cordon_capability_set_clear (caps);
  g_assert_cmpuint (g_list_model_get_n_items (sockets), ==, 0);
  g_assert_false (cordon_capability_set_socket_covered (caps, sock));
}

/* Neither a writable folder nor the network switch opens a socket. */
static void
test_independent_of_fs_and_network (EngineFixture *fixture,
                                    gconstpointer  data)
{
  g_autoptr (CordonCapabilitySet) caps = cordon_capability_set_new ();
  g_autoptr (CordonQueryContext) context = NULL;
  g_autoptr (CordonQueryResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *sock = make_socket (fixture, "tmux-1000");

  g_assert_true (cordon_capability_set_allow_path (caps, fixture->root, CORDON_ACCESS_READ_WRITE,
                                                   &error));
  g_assert_true (cordon_capability_set_allow_file (caps, sock, CORDON_ACCESS_READ_WRITE, &error));
  g_assert_no_error (error);
  cordon_capability_set_set_network_blocked (caps, FALSE);

  g_assert_false (cordon_capability_set_socket_covered (caps, sock));
  context = cordon_query_context_new (caps);
  result = cordon_query_context_query_socket (context, sock, &error);
  g_assert_no_error (error);
  g_assert_false (cordon_query_result_is_allowed (result));
  g_assert_cmpint (cordon_query_result_get_reason (result), ==,
                   CORDON_QUERY_REASON_SOCKET_NOT_GRANTED);
}

static void
test_copy_and_deduplicate (EngineFixture *fixture,
                           gconstpointer  data)
{
  g_autoptr (CordonCapabilitySet) caps = cordon_capability_set_new ();
  g_autoptr (CordonCapabilitySet) copy = NULL;
  g_autofree char *dir = engine_test_mkdir (fixture->root, "pulse");
  g_autofree char *sock = make_socket (fixture, "pulse/native");
  g_autofree char *link = engine_test_symlink (fixture->root, "native-link", sock);
  g_autofree char *summary = NULL;
  g_autofree char *expected = NULL;

  allow (caps, sock);
  allow (caps, dir);
  allow (caps, link);
  allow (caps, dir);

  copy = cordon_capability_set_copy (caps);
  cordon_capability_set_deduplicate (copy);
  /* The same socket through a link is the same rule; the first keeps its place. */
  g_assert_cmpuint (g_list_model_get_n_items (cordon_capability_set_get_sockets (copy)), ==, 2);
  g_assert_cmpstr (cordon_socket_capability_get_original (socket_at (copy, 0)), ==, sock);
  g_assert_cmpstr (cordon_socket_capability_get_resolved (socket_at (copy, 1)), ==, dir);
  g_assert_true (cordon_capability_set_socket_covered (copy, sock));

  /* The copy is its own: editing it leaves the original as it was. */
  g_assert_cmpuint (g_list_model_get_n_items (cordon_capability_set_get_sockets (caps)), ==, 4);
  cordon_capability_set_remove_socket (copy, 1);
  cordon_capability_set_remove_socket (copy, 0);
  g_assert_false (cordon_capability_set_socket_covered (copy, sock));
  g_assert_true (cordon_capability_set_socket_covered (caps, sock));

  cordon_capability_set_deduplicate (caps);
  summary = cordon_capability_set_summary (caps);
  expected = g_strdup_printf ("Filesystem:\n"
                              "  no filesystem rules: nothing can be read or written\n"
                              "Local sockets:\n"
                              "  %s (file)\n"
                              "  %s (dir)\n"
                              "Network:\n"
                              "  outbound: allowed\n"
                              "Session bus:\n"
                              "  none\n",
                              sock, dir);
  g_assert_cmpstr (summary, ==, expected);
}

/* ---- the query --------------------------------------------------------- */

static char *
query_json (CordonCapabilitySet *caps,
            const char          *path)
{
  g_autoptr (CordonQueryContext) context = cordon_query_context_new (caps);
  g_autoptr (CordonQueryResult) result = NULL;
  g_autoptr (GError) error = NULL;

  result = cordon_query_context_query_socket (context, path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_true (cordon_query_result_is_allowed (result) ==
                 (cordon_query_result_get_reason (result) == CORDON_QUERY_REASON_GRANTED_SOCKET));
  return cordon_query_result_to_json (result);
}

static char *
granted (const char *path)
{
  return g_strdup_printf ("{\"status\":\"allowed\",\"reason\":\"granted_socket\","
                          "\"granted_path\":\"%s\"}", path);
}

#define NOT_GRANTED "{\"status\":\"denied\",\"reason\":\"socket_not_granted\"}"

static void
test_query (EngineFixture *fixture,
            gconstpointer  data)
{
  g_autoptr (CordonCapabilitySet) caps = cordon_capability_set_new ();
  g_autofree char *outer = engine_test_mkdir (fixture->root, "run");
  g_autofree char *inner = engine_test_mkdir (fixture->root, "run/user");
  g_autofree char *wayland = make_socket (fixture, "run/user/wayland-0");
  g_autofree char *other = engine_test_mkdir (fixture->root, "other");
  g_autofree char *lone = make_socket (fixture, "other/lone");
  g_autofree char *stranger = make_socket (fixture, "other/stranger");
  g_autofree char *future = at (fixture, "run/user/not-yet/s");
  g_autofree char *beside = at (fixture, "runner");
  g_autofree char *link_out = engine_test_symlink (outer, "to-stranger", stranger);
  g_autofree char *link_in = engine_test_symlink (other, "to-wayland", wayland);
  g_autofree char *expected = NULL;
  g_autofree char *json = NULL;

  allow (caps, outer);
  allow (caps, inner);
  allow (caps, lone);

  /* The nearest folder entry is the one named. */
  json = query_json (caps, wayland);
  expected = granted (inner);
  g_assert_cmpstr (json, ==, expected);
  g_clear_pointer (&json, g_free);
  g_clear_pointer (&expected, g_free);

  json = query_json (caps, lone);
  expected = granted (lone);
  g_assert_cmpstr (json, ==, expected);
  g_clear_pointer (&json, g_free);
  g_clear_pointer (&expected, g_free);

  /* A socket that does not exist yet, under a listed folder. */
  json = query_json (caps, future);
  expected = granted (inner);
  g_assert_cmpstr (json, ==, expected);
  g_clear_pointer (&json, g_free);

  json = query_json (caps, stranger);
  g_assert_cmpstr (json, ==, NOT_GRANTED);
  g_clear_pointer (&json, g_free);
  json = query_json (caps, beside);
  g_assert_cmpstr (json, ==, NOT_GRANTED);
  g_clear_pointer (&json, g_free);

  /* A link inside a listed folder to a socket outside reaches the socket
   * outside: not granted. A link from outside to a listed socket is fine. */
  json = query_json (caps, link_out);
  g_assert_cmpstr (json, ==, NOT_GRANTED);
  g_clear_pointer (&json, g_free);
  g_clear_pointer (&expected, g_free);
  json = query_json (caps, link_in);
  expected = granted (inner);
  g_assert_cmpstr (json, ==, expected);
}

static void
test_query_result_fields (EngineFixture *fixture,
                          gconstpointer  data)
{
  g_autoptr (CordonCapabilitySet) caps = cordon_capability_set_new ();
  g_autofree char *sock = make_socket (fixture, "s");
  g_autofree char *dotted = g_build_filename (fixture->root, ".", "s", NULL);
  g_autoptr (CordonQueryContext) context = NULL;
  g_autoptr (CordonQueryResult) result = NULL;
  g_autoptr (CordonQueryResult) bad = NULL;
  g_autoptr (GError) error = NULL;

  allow (caps, sock);
  context = cordon_query_context_new (caps);
  /* A snapshot: what changes afterwards is not seen. */
  cordon_capability_set_remove_socket (caps, 0);

  result = cordon_query_context_query_socket (context, dotted, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cordon_query_result_get_status (result), ==, CORDON_QUERY_STATUS_ALLOWED);
  g_assert_cmpstr (cordon_query_result_get_path (result), ==, sock);
  g_assert_cmpstr (cordon_query_result_get_granted_path (result), ==, sock);
  g_assert_cmpstr (cordon_query_reason_to_string (CORDON_QUERY_REASON_GRANTED_SOCKET), ==,
                   "granted_socket");
  g_assert_cmpstr (cordon_query_reason_to_string (CORDON_QUERY_REASON_SOCKET_NOT_GRANTED), ==,
                   "socket_not_granted");

  bad = cordon_query_context_query_socket (context, "relative", &error);
  g_assert_null (bad);
  g_assert_error (error, CORDON_ERROR, CORDON_ERROR_INVALID_PATH);
}

/* ---- the profile -------------------------------------------------------- */

static char *
to_json (CordonCapabilitySet *caps,
         CordonStateFormat    format)
{
  g_autoptr (CordonSandboxState) state = cordon_sandbox_state_from_caps (caps);

  return cordon_sandbox_state_to_json (state, format);
}

static CordonCapabilitySet *
load (const char         *json,
      CordonToCapsFlags   flags,
      GError            **error)
{
  g_autoptr (CordonSandboxState) state = cordon_sandbox_state_from_json (json, -1, error);

  if (state == NULL)
    return NULL;
  return cordon_sandbox_state_to_caps_full (state, flags, error);
}

static void
test_state_round_trip (EngineFixture *fixture,
                       gconstpointer  data)
{
  g_autoptr (CordonCapabilitySet) caps = cordon_capability_set_new ();
  g_autoptr (CordonCapabilitySet) again = NULL;
  g_autoptr (CordonCapabilitySet) from_native = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = engine_test_mkdir (fixture->root, "pipewire");
  g_autofree char *sock = make_socket (fixture, "wayland-0");
  g_autofree char *json = NULL;
  g_autofree char *native = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *json_again = NULL;
  g_autofree char *native_again = NULL;

  g_assert_true (cordon_capability_set_allow_path (caps, dir, CORDON_ACCESS_READ, &error));
  g_assert_no_error (error);
  allow (caps, sock);
  allow (caps, dir);
  cordon_capability_set_block_network (caps);

  json = to_json (caps, CORDON_STATE_FORMAT_CORDON);
  expected = g_strdup_printf ("{\n"
                              "  \"fs\": [\n"
                              "    {\n"
                              "      \"path\": \"%s\",\n"
                              "      \"access\": \"Read\",\n"
                              "      \"is_file\": false\n"
                              "    }\n"
                              "  ],\n"
                              "  \"unix_sockets\": [\n"
                              "    {\n"
                              "      \"path\": \"%s\",\n"
                              "      \"is_file\": true\n"
                              "    },\n"
                              "    {\n"
                              "      \"path\": \"%s\",\n"
                              "      \"is_file\": false\n"
                              "    }\n"
                              "  ],\n"
                              "  \"net_blocked\": true\n"
                              "}\n",
                              dir, sock, dir);
  g_assert_cmpstr (json, ==, expected);

  again = load (json, CORDON_TO_CAPS_DEFAULT, &error);
  g_assert_no_error (error);
  json_again = to_json (again, CORDON_STATE_FORMAT_CORDON);
  g_assert_cmpstr (json_again, ==, json);
  g_assert_true (cordon_capability_set_socket_covered (again, sock));

  /* nono's format carries the same key, in the same shape. */
  native = to_json (caps, CORDON_STATE_FORMAT_NATIVE);
  g_assert_nonnull (strstr (native, "\"resolved\""));
  g_assert_nonnull (strstr (native, "  \"unix_sockets\": [\n    {\n      \"path\": "));
  from_native = load (native, CORDON_TO_CAPS_DEFAULT, &error);
  g_assert_no_error (error);
  native_again = to_json (from_native, CORDON_STATE_FORMAT_CORDON);
  g_assert_cmpstr (native_again, ==, json);
}

static void
test_state_missing_key_is_none (EngineFixture *fixture,
                                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CordonCapabilitySet) caps =
    load ("{\"fs\": [], \"net_blocked\": false}", CORDON_TO_CAPS_DEFAULT, &error);
  g_autoptr (CordonCapabilitySet) empty_list =
    load ("{\"fs\": [], \"unix_sockets\": [], \"net_blocked\": false}", CORDON_TO_CAPS_DEFAULT,
          &error);
  g_autofree char *json = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (cordon_capability_set_get_sockets (caps)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (cordon_capability_set_get_sockets (empty_list)), ==,
                    0);
  /* None is written as no key: a seed-format file stays byte for byte. */
  json = to_json (empty_list, CORDON_STATE_FORMAT_CORDON);
  g_assert_cmpstr (json, ==, "{\n  \"fs\": [],\n  \"net_blocked\": false\n}\n");
}

static void
test_state_native_entries_and_unknown_keys (EngineFixture *fixture,
                                            gconstpointer  data)
{
  g_autofree char *sock = make_socket (fixture, "agent");
  g_autofree char *link = engine_test_symlink (fixture->root, "agent-link", sock);
  g_autofree char *json = g_strdup_printf ("{\"fs\": [], \"net_blocked\": false, "
                                           "\"future\": {\"x\": 1}, \"unix_sockets\": ["
                                           "{\"original\": \"%s\", \"resolved\": \"/gone\", "
                                           "\"is_file\": true, \"mode\": \"whatever\"}]}",
                                           link);
  g_autoptr (GError) error = NULL;
  g_autoptr (CordonCapabilitySet) caps = load (json, CORDON_TO_CAPS_DEFAULT, &error);
  CordonSocketCapability *cap;

  g_assert_no_error (error);
  /* Re-resolved from what the user gave, as for nono's fs entries. */
  cap = socket_at (caps, 0);
  g_assert_cmpstr (cordon_socket_capability_get_original (cap), ==, link);
  g_assert_cmpstr (cordon_socket_capability_get_resolved (cap), ==, sock);
}

static void
test_state_invalid (void)
{
  struct
  {
    const char *json;
    const char *words;
  } cases[] = {
    { "{\"fs\": [], \"unix_sockets\": {}, \"net_blocked\": true}", "unix_sockets: " },
    { "{\"fs\": [], \"unix_sockets\": \"/run\", \"net_blocked\": true}", "unix_sockets: " },
    { "{\"fs\": [], \"unix_sockets\": null, \"net_blocked\": true}", "unix_sockets: " },
    { "{\"fs\": [], \"unix_sockets\": [\"/run/bus\"], \"net_blocked\": true}",
      "unix_sockets[0]: " },
    { "{\"fs\": [], \"unix_sockets\": [{\"is_file\": true}], \"net_blocked\": true}",
      "unix_sockets[0].path: " },
    { "{\"fs\": [], \"unix_sockets\": [{\"path\": \"/a\", \"is_file\": true}, "
      "{\"path\": \"run/bus\", \"is_file\": true}], \"net_blocked\": true}",
      "unix_sockets[1].path: " },
    { "{\"fs\": [], \"unix_sockets\": [{\"path\": 7, \"is_file\": true}], \"net_blocked\": true}",
      "unix_sockets[0].path: " },
    { "{\"fs\": [], \"unix_sockets\": [{\"path\": \"/a\"}], \"net_blocked\": true}",
      "unix_sockets[0].is_file: " },
    { "{\"fs\": [], \"unix_sockets\": [{\"path\": \"/a\", \"is_file\": \"yes\"}], "
      "\"net_blocked\": true}", "unix_sockets[0].is_file: " },
    { "{\"fs\": [], \"unix_sockets\": [{\"original\": \"x\", \"is_file\": true}], "
      "\"net_blocked\": true}", "unix_sockets[0].original: " },
    { "{\"fs\": [], \"unix_sockets\": [], \"unix_sockets\": [], \"net_blocked\": true}",
      "unix_sockets" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (CordonSandboxState) state = cordon_sandbox_state_from_json (cases[i].json, -1,
                                                                             &error);

      g_assert_null (state);
      g_assert_error (error, CORDON_ERROR, CORDON_ERROR_INVALID_STATE);
      if (strstr (error->message, cases[i].words) == NULL)
        g_error ("case %" G_GSIZE_FORMAT ": “%s” does not name “%s”", i, error->message,
                 cases[i].words);
    }
}

static void
test_state_revalidates (EngineFixture *fixture,
                        gconstpointer  data)
{
  g_autofree char *dir = engine_test_mkdir (fixture->root, "dir");
  g_autofree char *sock = make_socket (fixture, "sock");
  g_autofree char *gone = at (fixture, "gone");
  struct
  {
    const char *path;
    gboolean    is_file;
    int         code;
  } cases[] = {
    { gone, TRUE, CORDON_ERROR_PATH_NOT_FOUND },
    { dir, TRUE, CORDON_ERROR_EXPECTED_FILE },
    { sock, FALSE, CORDON_ERROR_EXPECTED_DIRECTORY },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"fs\": [], \"unix_sockets\": [{\"path\": "
                                               "\"%s\", \"is_file\": %s}], \"net_blocked\": "
                                               "false}",
                                               cases[i].path, cases[i].is_file ? "true" : "false");
      g_autoptr (GError) error = NULL;
      g_autoptr (CordonCapabilitySet) caps = load (json, CORDON_TO_CAPS_DEFAULT, &error);

      g_assert_null (caps);
      g_assert_error (error, CORDON_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].path));
    }
}

/* An editor keeps a vanished socket as recorded, to flag it, not to drop it. */
static void
test_state_keep_missing (EngineFixture *fixture,
                         gconstpointer  data)
{
  g_autofree char *gone = at (fixture, "gone");
  g_autofree char *json = g_strdup_printf ("{\"fs\": [], \"unix_sockets\": [{\"path\": \"%s\", "
                                           "\"is_file\": true}], \"net_blocked\": false}",
                                           gone);
  g_autoptr (GError) error = NULL;
  g_autoptr (CordonCapabilitySet) caps = load (json, CORDON_TO_CAPS_KEEP_MISSING, &error);
  g_autofree char *written = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (cordon_socket_capability_get_resolved (socket_at (caps, 0)), ==, gone);
  g_assert_true (cordon_socket_capability_get_is_file (socket_at (caps, 0)));
  written = to_json (caps, CORDON_STATE_FORMAT_CORDON);
  g_assert_nonnull (strstr (written, gone));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("/sockets/allow/file-and-folder", test_allow_file_and_folder);
  ADD ("/sockets/allow/resolves-symlinks", test_allow_resolves_symlinks);
  ADD ("/sockets/allow/errors", test_allow_errors);
  ADD ("/sockets/covered/component-wise", test_covered);
  ADD ("/sockets/covered/kinds-do-not-mix", test_covered_kinds_do_not_mix);
  ADD ("/sockets/remove-and-undo", test_remove_and_undo);
  ADD ("/sockets/independent-of-fs-and-network", test_independent_of_fs_and_network);
  ADD ("/sockets/copy-deduplicate-summary", test_copy_and_deduplicate);
  ADD ("/sockets/query/answers", test_query);
  ADD ("/sockets/query/result-fields", test_query_result_fields);
  ADD ("/sockets/state/round-trip", test_state_round_trip);
  ADD ("/sockets/state/missing-key-is-none", test_state_missing_key_is_none);
  ADD ("/sockets/state/native-entries-and-unknown-keys",
       test_state_native_entries_and_unknown_keys);
  g_test_add_func ("/sockets/state/invalid", test_state_invalid);
  ADD ("/sockets/state/revalidates", test_state_revalidates);
  ADD ("/sockets/state/keep-missing", test_state_keep_missing);

  return g_test_run ();
}
