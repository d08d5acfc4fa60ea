/* test-query.c: the preview must say what the kernel will do
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cordon.h"
#include "cordon-path-private.h"
#include "engine-test-util.h"

#define ADD ENGINE_TEST_ADD

/* <root>/<relative> as a string, for paths that need not exist. */
static char *
at (EngineFixture *fixture,
    const char *relative)
{
  return g_build_filename (fixture->root, relative, NULL);
}

static void
allow_dir (CordonCapabilitySet *caps,
           EngineFixture       *fixture,
           const char          *relative,
           CordonAccessMode     mode)
{
  g_autofree char *path = engine_test_mkdir (fixture->root, relative);
  g_autoptr (GError) error = NULL;

  g_assert_true (cordon_capability_set_allow_path (caps, path, mode, &error));
  g_assert_no_error (error);
}

static void
allow_file (CordonCapabilitySet *caps,
            EngineFixture       *fixture,
            const char          *relative,
            CordonAccessMode     mode)
{
  g_autofree char *path = engine_test_touch (fixture->root, relative);
  g_autoptr (GError) error = NULL;

  g_assert_true (cordon_capability_set_allow_file (caps, path, mode, &error));
  g_assert_no_error (error);
}

static CordonQueryResult *
query (CordonCapabilitySet *caps,
       const char          *path,
       CordonAccessMode     requested)
{
  g_autoptr (CordonQueryContext) context = cordon_query_context_new (caps);
  g_autoptr (GError) error = NULL;
  CordonQueryResult *result = cordon_query_context_query_path (context, path, requested, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

/* @granted_relative NULL: no rule expected. */
static void
assert_result (CordonQueryResult *result,
               EngineFixture     *fixture,
               CordonQueryReason  reason,
               const char        *granted_relative,
               CordonAccessMode   access)
{
  g_autofree char *granted = granted_relative != NULL ? at (fixture, granted_relative) : NULL;

  g_assert_cmpint (cordon_query_result_get_reason (result), ==, reason);
  g_assert_cmpint (cordon_query_result_is_allowed (result), ==,
                   reason == CORDON_QUERY_REASON_GRANTED_PATH);
  g_assert_cmpint (cordon_query_result_get_status (result), ==,
                   reason == CORDON_QUERY_REASON_GRANTED_PATH ? CORDON_QUERY_STATUS_ALLOWED
                                                              : CORDON_QUERY_STATUS_DENIED);
  g_assert_cmpstr (cordon_query_result_get_granted_path (result), ==, granted);
  g_assert_cmpint (cordon_query_result_get_access (result), ==, access);
}

static void
check (CordonCapabilitySet *caps,
       EngineFixture       *fixture,
       const char          *relative,
       CordonAccessMode     requested,
       CordonQueryReason    reason,
       const char          *granted_relative,
       CordonAccessMode     access)
{
  g_autofree char *path = at (fixture, relative);
  g_autoptr (CordonQueryResult) result = query (caps, path, requested);

  assert_result (result, fixture, reason, granted_relative, access);
}

/* ---- union of rules --------------------------------------------------- */

static void
test_overlapping_rules (EngineFixture *fixture,
                        gconstpointer  data)
{
  g_autoptr (CordonCapabilitySet) caps = cordon_capability_set_new ();

  allow_dir (caps, fixture, "a", CORDON_ACCESS_READ);
  allow_dir (caps, fixture, "a/b", CORDON_ACCESS_WRITE);
  g_free (engine_test_touch (fixture->root, "a/b/f"));

  check (caps, fixture, "a/b/f", CORDON_ACCESS_READ_WRITE, CORDON_QUERY_REASON_GRANTED_PATH,
         "a/b", CORDON_ACCESS_READ_WRITE);
  check (caps, fixture, "a/f", CORDON_ACCESS_READ, CORDON_QUERY_REASON_GRANTED_PATH, "a",
         CORDON_ACCESS_READ);
  check (caps, fixture, "a/f", CORDON_ACCESS_WRITE, CORDON_QUERY_REASON_INSUFFICIENT_ACCESS, "a",
         CORDON_ACCESS_READ);
}

/* "Granted by" names the rule the access comes from, not merely the
 * deepest rule that covers the path. */
static void
test_granted_by_the_rule_that_gives_it (EngineFixture *fixture,
                                        gconstpointer  data)
{
  g_autoptr (CordonCapabilitySet) caps = cordon_capability_set_new ();

  allow_dir (caps, fixture, "etc", CORDON_ACCESS_READ_WRITE);
  allow_dir (caps, fixture, "etc/ssl", CORDON_ACCESS_READ);

  check (caps, fixture, "etc/ssl/x", CORDON_ACCESS_WRITE, CORDON_QUERY_REASON_GRANTED_PATH,
         "etc", CORDON_ACCESS_READ_WRITE);
  check (caps, fixture, "etc/ssl/x", CORDON_ACCESS_READ_WRITE, CORDON_QUERY_REASON_GRANTED_PATH,
         "etc", CORDON_ACCESS_READ_WRITE);
  check (caps, fixture, "etc/ssl/x", CORDON_ACCESS_READ, CORDON_QUERY_REASON_GRANTED_PATH,
         "etc/ssl", CORDON_ACCESS_READ_WRITE);
}

static void
test_same_dir_twice (EngineFixture *fixture,
                     gconstpointer  data)
{
  g_autoptr (CordonCapabilitySet) caps = cordon_capability_set_new ();

  allow_dir (caps, fixture, "d", CORDON_ACCESS_READ);
  allow_dir (caps, fixture, "d", CORDON_ACCESS_WRITE);

  check (caps, fixture, "d/x", CORDON_ACCESS_READ_WRITE, CORDON_QUERY_REASON_GRANTED_PATH, "d",
         CORDON_ACCESS_READ_WRITE);
  check (caps, fixture, "d", CORDON_ACCESS_READ_WRITE, CORDON_QUERY_REASON_GRANTED_PATH, "d",
         CORDON_ACCESS_READ_WRITE);
}

static void
test_order_independent (EngineFixture *fixture,
                        gconstpointer  data)
{
  static const char *paths[] = { "a", "a/b", "a/b/f", "a/c", "a/b/g/h", "e", "e/file", "x" };
  g_autoptr (CordonCapabilitySet) forward = cordon_capability_set_new ();
  g_autoptr (CordonCapabilitySet) backward = cordon_capability_set_new ();
  guint n;

  allow_dir (forward, fixture, "a", CORDON_ACCESS_READ);
  allow_dir (forward, fixture, "a/b", CORDON_ACCESS_WRITE);
  allow_dir (forward, fixture, "a/b", CORDON_ACCESS_READ);
  allow_file (forward, fixture, "a/b/f", CORDON_ACCESS_WRITE);
  allow_dir (forward, fixture, "e", CORDON_ACCESS_WRITE);
  allow_file (forward, fixture, "e/file", CORDON_ACCESS_READ);

  n = g_list_model_get_n_items (G_LIST_MODEL (forward));
  for (guint i = n; i > 0; i--)
    {
      g_autoptr (CordonFsCapability) cap = g_list_model_get_item (G_LIST_MODEL (forward), i - 1);
      cordon_capability_set_insert (backward, G_MAXUINT, cap);
    }

  for (gsize i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      for (guint mode = CORDON_ACCESS_READ; mode <= CORDON_ACCESS_READ_WRITE; mode++)
        {
          g_autofree char *path = at (fixture, paths[i]);
          g_autoptr (CordonQueryResult) a = query (forward, path, mode);
          g_autoptr (CordonQueryResult) b = query (backward, path, mode);
          g_autofree char *json_a = cordon_query_result_to_json (a);
          g_autofree char *json_b = cordon_query_result_to_json (b);

          g_assert_cmpstr (json_a, ==, json_b);
        }
    }

  /* And the answers are the union, not whichever rule came first; a/b
   * alone gives Read & Write, so it is the one named. */
  check (backward, fixture, "a/b/f", CORDON_ACCESS_READ_WRITE, CORDON_QUERY_REASON_GRANTED_PATH,
         "a/b", CORDON_ACCESS_READ_WRITE);
  check (backward, fixture, "e/file", CORDON_ACCESS_READ_WRITE, CORDON_QUERY_REASON_GRANTED_PATH,
         "e/file", CORDON_ACCESS_READ_WRITE);
}

/* ---- file rules ------------------------------------------------------- */

static void
test_file_rule_vs_sibling (EngineFixture *fixture,
                           gconstpointer  data)
{
  g_autoptr (CordonCapabilitySet) caps = cordon_capability_set_new ();

  g_free (engine_test_mkdir (fixture->root, "etc"));
  allow_file (caps, fixture, "etc/hosts", CORDON_ACCESS_READ);
  g_free (engine_test_touch (fixture->root, "etc/passwd"));

  check (caps, fixture, "etc/hosts", CORDON_ACCESS_READ, CORDON_QUERY_REASON_GRANTED_PATH,
         "etc/hosts", CORDON_ACCESS_READ);
  check (caps, fixture, "etc/hosts", CORDON_ACCESS_WRITE,
         CORDON_QUERY_REASON_INSUFFICIENT_ACCESS, "etc/hosts", CORDON_ACCESS_READ);
  check (caps, fixture, "etc/passwd", CORDON_ACCESS_READ, CORDON_QUERY_REASON_PATH_NOT_GRANTED,
         NULL, 0);
  check (caps, fixture, "etc/hosts2", CORDON_ACCESS_READ, CORDON_QUERY_REASON_PATH_NOT_GRANTED,
         NULL, 0);
  /* A file rule covers nothing but itself: not its directory... */
  check (caps, fixture, "etc", CORDON_ACCESS_READ, CORDON_QUERY_REASON_PATH_NOT_GRANTED, NULL, 0);
  /* ...and nothing "below" it. */
  check (caps, fixture, "etc/hosts/x", CORDON_ACCESS_READ, CORDON_QUERY_REASON_PATH_NOT_GRANTED,
         NULL, 0);
}

/* The exact file rule is the most specific one, even under a dir rule. */
static void
test_file_rule_inside_dir_rule (EngineFixture *fixture,
                                gconstpointer  data)
{
  g_autoptr (CordonCapabilitySet) caps = cordon_capability_set_new ();

  allow_dir (caps, fixture, "d", CORDON_ACCESS_READ);
  allow_file (caps, fixture, "d/f", CORDON_ACCESS_WRITE);

  check (caps, fixture, "d/f", CORDON_ACCESS_READ_WRITE, CORDON_QUERY_REASON_GRANTED_PATH, "d/f",
         CORDON_ACCESS_READ_WRITE);
  check (caps, fixture, "d/g", CORDON_ACCESS_WRITE, CORDON_QUERY_REASON_INSUFFICIENT_ACCESS, "d",
         CORDON_ACCESS_READ);
}

/* ---- paths the kernel walks differently from their text --------------- */

static void
test_missing_under_granted (EngineFixture *fixture,
                            gconstpointer  data)
{
  g_autoptr (CordonCapabilitySet) caps = cordon_capability_set_new ();
  g_autofree char *missing = at (fixture, "out/new/deeper/file.txt");
  g_autoptr (CordonQueryResult) result = NULL;

  allow_dir (caps, fixture, "out", CORDON_ACCESS_WRITE);

  result = query (caps, missing, CORDON_ACCESS_WRITE);
  assert_result (result, fixture, CORDON_QUERY_REASON_GRANTED_PATH, "out", CORDON_ACCESS_WRITE);
  g_assert_cmpstr (cordon_query_result_get_path (result), ==, missing);

  check (caps, fixture, "elsewhere/new", CORDON_ACCESS_WRITE,
         CORDON_QUERY_REASON_PATH_NOT_GRANTED, NULL, 0);
}

/* <root>/granted is a link to <root>/real/inside, so "granted/.." is
 * <root>/real for the kernel, while the text says <root>. */
static void
test_physical_dotdot (EngineFixture *fixture,
                      gconstpointer  data)
{
  g_autoptr (CordonCapabilitySet) physical = cordon_capability_set_new ();
  g_autoptr (CordonCapabilitySet) textual = cordon_capability_set_new ();
  g_autofree char *path = at (fixture, "granted/../elsewhere/new");
  g_autofree char *canonical = at (fixture, "real/elsewhere/new");
  g_autoptr (CordonQueryResult) result = NULL;
  g_autoptr (CordonQueryResult) not_textual = NULL;

  g_free (engine_test_mkdir (fixture->root, "real/inside"));
  g_free (engine_test_symlink (fixture->root, "granted", "real/inside"));
  allow_dir (physical, fixture, "real", CORDON_ACCESS_READ_WRITE);
  allow_dir (textual, fixture, "elsewhere", CORDON_ACCESS_READ_WRITE);

  result = query (physical, path, CORDON_ACCESS_WRITE);
  assert_result (result, fixture, CORDON_QUERY_REASON_GRANTED_PATH, "real",
                 CORDON_ACCESS_READ_WRITE);
  g_assert_cmpstr (cordon_query_result_get_path (result), ==, canonical);

  not_textual = query (textual, path, CORDON_ACCESS_WRITE);
  assert_result (not_textual, fixture, CORDON_QUERY_REASON_PATH_NOT_GRANTED, NULL, 0);
}

static void
test_symlink_escape (EngineFixture *fixture,
                     gconstpointer  data)
{
  g_autoptr (CordonCapabilitySet) caps = cordon_capability_set_new ();
  g_autofree char *outside = engine_test_mkdir (fixture->root, "outside");
  g_autofree char *secret = engine_test_touch (fixture->root, "outside/secret");
  g_autoptr (CordonQueryResult) result = NULL;
  g_autofree char *via_link = NULL;

  allow_dir (caps, fixture, "granted", CORDON_ACCESS_READ_WRITE);
  g_free (engine_test_symlink (fixture->root, "granted/link", outside));
  g_free (engine_test_symlink (fixture->root, "granted/file-link", secret));

  via_link = at (fixture, "granted/link/secret");
  result = query (caps, via_link, CORDON_ACCESS_READ);
  assert_result (result, fixture, CORDON_QUERY_REASON_PATH_NOT_GRANTED, NULL, 0);
  g_assert_cmpstr (cordon_query_result_get_path (result), ==, secret);

  check (caps, fixture, "granted/file-link", CORDON_ACCESS_READ,
         CORDON_QUERY_REASON_PATH_NOT_GRANTED, NULL, 0);
  check (caps, fixture, "granted/link/new-file", CORDON_ACCESS_WRITE,
         CORDON_QUERY_REASON_PATH_NOT_GRANTED, NULL, 0);
}

/* Creating through a dangling link creates its target: where the target
 * would be is what counts, both ways. */
static void
test_dangling_symlink (EngineFixture *fixture,
                       gconstpointer  data)
{
  g_autoptr (CordonCapabilitySet) caps = cordon_capability_set_new ();
  g_autofree char *target_inside = at (fixture, "granted/not-yet");
  g_autofree char *target_outside = at (fixture, "outside/not-yet");

  allow_dir (caps, fixture, "granted", CORDON_ACCESS_WRITE);
  g_free (engine_test_mkdir (fixture->root, "outside"));
  g_free (engine_test_symlink (fixture->root, "outside/in", target_inside));
  g_free (engine_test_symlink (fixture->root, "granted/out", target_outside));
  g_free (engine_test_symlink (fixture->root, "granted/relative-out", "../outside/x"));

  check (caps, fixture, "outside/in", CORDON_ACCESS_WRITE, CORDON_QUERY_REASON_GRANTED_PATH,
         "granted", CORDON_ACCESS_WRITE);
  check (caps, fixture, "granted/out", CORDON_ACCESS_WRITE, CORDON_QUERY_REASON_PATH_NOT_GRANTED,
         NULL, 0);
  check (caps, fixture, "granted/relative-out", CORDON_ACCESS_WRITE,
         CORDON_QUERY_REASON_PATH_NOT_GRANTED, NULL, 0);
}

static void
test_component_prefix (EngineFixture *fixture,
                       gconstpointer  data)
{
  g_autoptr (CordonCapabilitySet) caps = cordon_capability_set_new ();

  allow_dir (caps, fixture, "tmp", CORDON_ACCESS_READ_WRITE);
  g_free (engine_test_mkdir (fixture->root, "tmpfoo"));

  check (caps, fixture, "tmpfoo", CORDON_ACCESS_READ, CORDON_QUERY_REASON_PATH_NOT_GRANTED, NULL,
         0);
  check (caps, fixture, "tmpfoo/x", CORDON_ACCESS_READ, CORDON_QUERY_REASON_PATH_NOT_GRANTED,
         NULL, 0);
  check (caps, fixture, "tmp/foo", CORDON_ACCESS_READ, CORDON_QUERY_REASON_GRANTED_PATH, "tmp",
         CORDON_ACCESS_READ_WRITE);
}

static void
test_root_rule (void)
{
  g_autoptr (CordonCapabilitySet) caps = cordon_capability_set_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (CordonQueryResult) deep = NULL;
  g_autoptr (CordonQueryResult) root = NULL;

  g_assert_true (cordon_capability_set_allow_path (caps, "/", CORDON_ACCESS_READ, &error));
  g_assert_no_error (error);

  deep = query (caps, "/usr/share/no/such/thing", CORDON_ACCESS_READ);
  g_assert_true (cordon_query_result_is_allowed (deep));
  g_assert_cmpstr (cordon_query_result_get_granted_path (deep), ==, "/");
  root = query (caps, "/", CORDON_ACCESS_WRITE);
  g_assert_cmpint (cordon_query_result_get_reason (root), ==,
                   CORDON_QUERY_REASON_INSUFFICIENT_ACCESS);
}

static void
test_no_rules (void)
{
  g_autoptr (CordonCapabilitySet) caps = cordon_capability_set_new ();
  g_autoptr (CordonQueryResult) result = query (caps, "/", CORDON_ACCESS_READ);

  g_assert_false (cordon_query_result_is_allowed (result));
  g_assert_cmpint (cordon_query_result_get_reason (result), ==,
                   CORDON_QUERY_REASON_PATH_NOT_GRANTED);
}

static void
test_snapshot (EngineFixture *fixture,
               gconstpointer  data)
{
  g_autoptr (CordonCapabilitySet) caps = cordon_capability_set_new ();
  g_autoptr (CordonQueryContext) context = NULL;
  g_autoptr (CordonQueryResult) before = NULL;
  g_autoptr (CordonQueryResult) network = NULL;
  g_autofree char *path = at (fixture, "d/x");

  allow_dir (caps, fixture, "d", CORDON_ACCESS_READ);
  context = cordon_query_context_new (caps);

  cordon_capability_set_set_access (caps, 0, CORDON_ACCESS_WRITE);
  cordon_capability_set_block_network (caps);

  before = cordon_query_context_query_path (context, path, CORDON_ACCESS_READ, NULL);
  g_assert_true (cordon_query_result_is_allowed (before));
  network = cordon_query_context_query_network (context);
  g_assert_true (cordon_query_result_is_allowed (network));
}

static void
test_invalid_paths (EngineFixture *fixture,
                    gconstpointer  data)
{
  g_autoptr (CordonCapabilitySet) caps = cordon_capability_set_new ();
  g_autoptr (CordonQueryContext) context = cordon_query_context_new (caps);
  g_autoptr (GError) error = NULL;
  g_autofree char *loop = engine_test_symlink (fixture->root, "loop", "loop");
  g_autofree char *below_loop = g_build_filename (loop, "x", NULL);
  static const char *relative[] = { "tmp", "", "./x" };

  for (gsize i = 0; i < G_N_ELEMENTS (relative); i++)
    {
      g_assert_null (
        cordon_query_context_query_path (context, relative[i], CORDON_ACCESS_READ, &error));
      g_assert_error (error, CORDON_ERROR, CORDON_ERROR_INVALID_PATH);
      g_assert_nonnull (strstr (error->message, "absolute"));
      g_clear_error (&error);
    }

  g_assert_null (cordon_query_context_query_path (context, below_loop, CORDON_ACCESS_READ, &error));
  g_assert_error (error, CORDON_ERROR, CORDON_ERROR_INVALID_PATH);
  g_assert_nonnull (strstr (error->message, below_loop));
  g_clear_error (&error);

  g_assert_null (
    cordon_query_context_query_path (context, "/tmp/caf\xe9", CORDON_ACCESS_READ, &error));
  g_assert_error (error, CORDON_ERROR, CORDON_ERROR_INVALID_PATH);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
}

/* ---- canonicalization on its own ------------------------------------ */

static void
assert_canonical (EngineFixture *fixture,
                  const char *relative,
                  const char *expected_relative)
{
  g_autofree char *path = g_strconcat (fixture->root, "/", relative, NULL);
  g_autofree char *expected = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *canonical = cordon_path_canonicalize_for_query (path, &error);

  if (expected_relative[0] == '\0')
    expected = g_strdup (fixture->root);
  else
    expected = g_build_filename (fixture->root, expected_relative, NULL);
  g_assert_no_error (error);
  g_assert_cmpstr (canonical, ==, expected);
}

static void
test_canonicalize (EngineFixture *fixture,
                   gconstpointer  data)
{
  g_autofree char *root_parent = g_path_get_dirname (fixture->root);
  g_autofree char *up = NULL;

  g_free (engine_test_mkdir (fixture->root, "a/b"));
  g_free (engine_test_touch (fixture->root, "a/file"));
  g_free (engine_test_symlink (fixture->root, "link", "a/b"));
  g_free (engine_test_symlink (fixture->root, "a/b/up", ".."));
  g_free (engine_test_symlink (fixture->root, "chain1", "chain2"));
  g_free (engine_test_symlink (fixture->root, "chain2", "a/missing/x"));

  assert_canonical (fixture, "a/b", "a/b");
  assert_canonical (fixture, "a//b/", "a/b");
  assert_canonical (fixture, "./a/./b/.", "a/b");
  assert_canonical (fixture, "link", "a/b");
  assert_canonical (fixture, "link/..", "a");
  assert_canonical (fixture, "link/up/file", "a/file");
  assert_canonical (fixture, "link/new/../other", "a/b/other");
  assert_canonical (fixture, "new/./x/../y", "new/y");
  assert_canonical (fixture, "chain1", "a/missing/x");
  assert_canonical (fixture, "chain1/deeper", "a/missing/x/deeper");
  assert_canonical (fixture, "a/file/x", "a/file/x");
  assert_canonical (fixture, "a/b/..", "a");
  assert_canonical (fixture, "", "");

  up = cordon_path_canonicalize_for_query ("/../../..", NULL);
  g_assert_cmpstr (up, ==, "/");
  g_clear_pointer (&up, g_free);
  up = cordon_path_canonicalize_for_query ("//", NULL);
  g_assert_cmpstr (up, ==, "/");
  g_clear_pointer (&up, g_free);
  up = g_strconcat (fixture->root, "/..", NULL);
  {
    g_autofree char *canonical = cordon_path_canonicalize_for_query (up, NULL);
    g_assert_cmpstr (canonical, ==, root_parent);
  }
}

static void
test_canonicalize_loop (EngineFixture *fixture,
                        gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *a = engine_test_symlink (fixture->root, "a", "b");
  g_autofree char *b = engine_test_symlink (fixture->root, "b", "a");
  g_autofree char *canonical = cordon_path_canonicalize_for_query (a, &error);
  g_autofree char *chain = NULL;

  g_assert_null (canonical);
  g_assert_error (error, CORDON_ERROR, CORDON_ERROR_INVALID_PATH);
  g_assert_nonnull (strstr (error->message, a));
  g_clear_error (&error);

  /* 40 links in a row resolve, as in the kernel; 41 do not. */
  for (guint i = 0; i < 41; i++)
    {
      g_autofree char *name = g_strdup_printf ("l%u", i);
      g_autofree char *next = g_strdup_printf ("l%u", i + 1);
      g_free (engine_test_symlink (fixture->root, name, next));
    }
  chain = g_build_filename (fixture->root, "l1", NULL);
  canonical = cordon_path_canonicalize_for_query (chain, &error);
  g_assert_no_error (error);
  g_clear_pointer (&canonical, g_free);
  g_free (chain);
  chain = g_build_filename (fixture->root, "l0", NULL);
  canonical = cordon_path_canonicalize_for_query (chain, &error);
  g_assert_null (canonical);
  g_assert_error (error, CORDON_ERROR, CORDON_ERROR_INVALID_PATH);
}

/* For paths that exist, the walk must agree with the C library's realpath():
 * every sequence of up to three names from a tree with relative, absolute,
 * chained and upward links. */
static void
test_canonicalize_matches_realpath (EngineFixture *fixture,
                                    gconstpointer  data)
{
  static const char *names[] = { "a", "b", "file", "rel", "abs", "up", "chain", ".", "..", "" };
  g_autofree char *abs_target = g_build_filename (fixture->root, "a", "b", NULL);
  guint n = G_N_ELEMENTS (names);
  guint compared = 0;

  g_free (engine_test_mkdir (fixture->root, "a/b"));
  g_free (engine_test_touch (fixture->root, "a/b/file"));
  g_free (engine_test_symlink (fixture->root, "a/rel", "b"));
  g_free (engine_test_symlink (fixture->root, "a/b/abs", abs_target));
  g_free (engine_test_symlink (fixture->root, "a/b/up", "../.."));
  g_free (engine_test_symlink (fixture->root, "a/b/chain", "../rel/up/a"));

  for (guint i = 0; i < n * n * n; i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/a/%s/%s/%s", fixture->root, names[i % n],
                                               names[i / n % n], names[i / n / n]);
      g_autofree char *expected = realpath (path, NULL);
      g_autoptr (GError) error = NULL;
      g_autofree char *canonical = cordon_path_canonicalize_for_query (path, &error);

      if (expected == NULL)
        continue;
      g_assert_no_error (error);
      if (g_strcmp0 (canonical, expected) != 0)
        g_error ("“%s”: walked to “%s”, realpath() says “%s”", path, canonical, expected);
      compared++;
    }

  g_assert_cmpuint (compared, >, 100);
}

/* ---- JSON ------------------------------------------------------------- */

static void
test_json (EngineFixture *fixture,
           gconstpointer  data)
{
  g_autoptr (CordonCapabilitySet) caps = cordon_capability_set_new ();
  g_autoptr (CordonQueryContext) context = NULL;
  g_autoptr (CordonQueryResult) allowed = NULL;
  g_autoptr (CordonQueryResult) denied = NULL;
  g_autoptr (CordonQueryResult) insufficient = NULL;
  g_autoptr (CordonQueryResult) network = NULL;
  g_autoptr (CordonQueryResult) blocked = NULL;
  g_autofree char *rw = at (fixture, "rw");
  g_autofree char *inside = at (fixture, "rw/x");
  g_autofree char *ro = at (fixture, "ro/x");
  g_autofree char *json = NULL;
  g_autofree char *expected = NULL;

  allow_dir (caps, fixture, "rw", CORDON_ACCESS_READ_WRITE);
  allow_dir (caps, fixture, "ro", CORDON_ACCESS_READ);
  context = cordon_query_context_new (caps);

  allowed = cordon_query_context_query_path (context, inside, CORDON_ACCESS_WRITE, NULL);
  json = cordon_query_result_to_json (allowed);
  expected = g_strdup_printf (
    "{\"status\":\"allowed\",\"reason\":\"granted_path\",\"granted_path\":\"%s\","
    "\"access\":\"ReadWrite\"}", rw);
  g_assert_cmpstr (json, ==, expected);
  g_clear_pointer (&json, g_free);

  denied = cordon_query_context_query_path (context, "/", CORDON_ACCESS_READ, NULL);
  json = cordon_query_result_to_json (denied);
  g_assert_cmpstr (json, ==, "{\"status\":\"denied\",\"reason\":\"path_not_granted\"}");
  g_clear_pointer (&json, g_free);

  insufficient = cordon_query_context_query_path (context, ro, CORDON_ACCESS_WRITE, NULL);
  json = cordon_query_result_to_json (insufficient);
  g_assert_cmpstr (json, ==,
                   "{\"status\":\"denied\",\"reason\":\"insufficient_access\","
                   "\"granted\":\"Read\",\"requested\":\"Write\"}");
  g_clear_pointer (&json, g_free);

  network = cordon_query_context_query_network (context);
  json = cordon_query_result_to_json (network);
  g_assert_cmpstr (json, ==, "{\"status\":\"allowed\",\"reason\":\"network_allowed\"}");
  g_clear_pointer (&json, g_free);

  cordon_capability_set_block_network (caps);
  g_clear_object (&context);
  context = cordon_query_context_new (caps);
  blocked = cordon_query_context_query_network (context);
  g_assert_false (cordon_query_result_is_allowed (blocked));
  json = cordon_query_result_to_json (blocked);
  g_assert_cmpstr (json, ==, "{\"status\":\"denied\",\"reason\":\"network_blocked\"}");
}

static void
test_json_escapes (EngineFixture *fixture,
                   gconstpointer  data)
{
  g_autoptr (CordonCapabilitySet) caps = cordon_capability_set_new ();
  g_autofree char *odd = at (fixture, "say \"hi\"\\");
  g_autoptr (CordonQueryResult) result = NULL;
  g_autofree char *json = NULL;

  allow_dir (caps, fixture, "say \"hi\"\\", CORDON_ACCESS_READ);
  result = query (caps, odd, CORDON_ACCESS_READ);
  json = cordon_query_result_to_json (result);
  g_assert_nonnull (strstr (json, "say \\\"hi\\\"\\\\\""));
}

static void
test_strings (void)
{
  g_assert_cmpstr (cordon_query_status_to_string (CORDON_QUERY_STATUS_ALLOWED), ==, "allowed");
  g_assert_cmpstr (cordon_query_status_to_string (CORDON_QUERY_STATUS_DENIED), ==, "denied");
  g_assert_cmpstr (cordon_query_reason_to_string (CORDON_QUERY_REASON_GRANTED_PATH), ==,
                   "granted_path");
  g_assert_cmpstr (cordon_query_reason_to_string (CORDON_QUERY_REASON_PATH_NOT_GRANTED), ==,
                   "path_not_granted");
  g_assert_cmpstr (cordon_query_reason_to_string (CORDON_QUERY_REASON_INSUFFICIENT_ACCESS), ==,
                   "insufficient_access");
  g_assert_cmpstr (cordon_query_reason_to_string (CORDON_QUERY_REASON_NETWORK_ALLOWED), ==,
                   "network_allowed");
  g_assert_cmpstr (cordon_query_reason_to_string (CORDON_QUERY_REASON_NETWORK_BLOCKED), ==,
                   "network_blocked");
  g_assert_true (G_TYPE_IS_ENUM (CORDON_TYPE_QUERY_STATUS));
  g_assert_true (G_TYPE_IS_ENUM (CORDON_TYPE_QUERY_REASON));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("/query/overlapping-rules", test_overlapping_rules);
  ADD ("/query/granted-by-the-rule-that-gives-it", test_granted_by_the_rule_that_gives_it);
  ADD ("/query/same-dir-twice", test_same_dir_twice);
  ADD ("/query/order-independent", test_order_independent);
  ADD ("/query/file-rule-vs-sibling", test_file_rule_vs_sibling);
  ADD ("/query/file-rule-inside-dir-rule", test_file_rule_inside_dir_rule);
  ADD ("/query/missing-under-granted", test_missing_under_granted);
  ADD ("/query/physical-dotdot", test_physical_dotdot);
  ADD ("/query/symlink-escape", test_symlink_escape);
  ADD ("/query/dangling-symlink", test_dangling_symlink);
  ADD ("/query/component-prefix", test_component_prefix);
  g_test_add_func ("/query/root-rule", test_root_rule);
  g_test_add_func ("/query/no-rules", test_no_rules);
  ADD ("/query/snapshot", test_snapshot);
  ADD ("/query/invalid-paths", test_invalid_paths);
  ADD ("/query/canonicalize/walk", test_canonicalize);
  ADD ("/query/canonicalize/loop", test_canonicalize_loop);
  ADD ("/query/canonicalize/matches-realpath", test_canonicalize_matches_realpath);
  ADD ("/query/json/exact", test_json);
  ADD ("/query/json/escapes", test_json_escapes);
  g_test_add_func ("/query/strings", test_strings);

  return g_test_run ();
}
