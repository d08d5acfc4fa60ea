/* test-resolver.c: loading many rules through the parent-directory cache
 * gives exactly what resolving each path alone gives
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <limits.h>
#include <stdlib.h>

#include <glib/gstdio.h>

#include "cordon.h"
#include "cordon-path-private.h"
#include "engine-test-util.h"

/* real/, real/sub/f, real/g, link -> real, real/sub/lnk -> ../g,
 * dangling -> nowhere. */
static void
make_tree (const char *root)
{
  g_free (engine_test_mkdir (root, "real/sub/deeper"));
  g_free (engine_test_touch (root, "real/sub/f"));
  g_free (engine_test_touch (root, "real/g"));
  g_free (engine_test_symlink (root, "link", "real"));
  g_free (engine_test_symlink (root, "real/sub/lnk", "../g"));
  g_free (engine_test_symlink (root, "dangling", "nowhere"));
}

/* Paths in an order where the cache is warm when it matters: parents seen
 * first through one spelling, then reached through another. */
static const char *const paths[] = {
  "real",
  "real/sub",
  "real/sub/f",
  "link/sub/f",
  "link/sub",
  "real/sub/lnk",
  "link/sub/lnk",
  "real/sub/../g",
  "link/../real/g",
  "real/./sub/f",
  "real//sub/f",
  "real/sub/deeper",
  "link/sub/deeper/..",
  "link",
  "real/missing",
  "real/sub/f/x",
  "dangling",
  "link/sub/missing/x",
};

static void
test_same_as_alone (EngineFixture *fixture,
                    gconstpointer  data)
{
  g_autoptr (CordonPathResolver) resolver = cordon_path_resolver_new ();

  make_tree (fixture->root);

  /* Twice: cold, then with everything cached. */
  for (guint round = 0; round < 2; round++)
    for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
      {
        g_autofree char *path = g_build_filename (fixture->root, paths[i], NULL);
        g_autoptr (GError) cached_error = NULL;
        g_autoptr (GError) alone_error = NULL;
        CordonPathKind cached_kind = CORDON_PATH_KIND_OTHER;
        CordonPathKind alone_kind = CORDON_PATH_KIND_OTHER;
        g_autofree char *cached =
          cordon_path_resolve_existing_with (resolver, path, &cached_kind, &cached_error);
        g_autofree char *alone =
          cordon_path_resolve_existing_with (NULL, path, &alone_kind, &alone_error);
        g_autofree char *expected = realpath (path, NULL);

        g_test_message ("%s", paths[i]);
        g_assert_cmpstr (cached, ==, alone);
        g_assert_cmpstr (cached, ==, expected);
        if (cached != NULL)
          g_assert_cmpint (cached_kind, ==, alone_kind);
        else
          g_assert_true (g_error_matches (cached_error, alone_error->domain, alone_error->code));
      }
}

/* The cache lives for one load: a directory replaced by a symlink between
 * two loads is seen as what it has become. */
static void
test_fresh_per_load (EngineFixture *fixture,
                     gconstpointer  data)
{
  g_autofree char *json = NULL;
  g_autofree char *moved = g_build_filename (fixture->root, "moved", NULL);
  g_autofree char *sub = NULL;
  g_autoptr (CordonSandboxState) state = NULL;
  g_autoptr (CordonCapabilitySet) first = NULL;
  g_autoptr (CordonCapabilitySet) second = NULL;
  g_autoptr (CordonFsCapability) rule = NULL;
  g_autoptr (GError) error = NULL;

  make_tree (fixture->root);
  sub = g_build_filename (fixture->root, "real", "sub", NULL);
  json = g_strdup_printf ("{\"fs\": [{\"path\": \"%s\", \"access\": \"Read\", \"is_file\": false},"
                          " {\"path\": \"%s/f\", \"access\": \"Read\", \"is_file\": true}],"
                          " \"net_blocked\": false}",
                          sub, sub);
  state = cordon_sandbox_state_from_json (json, -1, &error);
  g_assert_no_error (error);
  first = cordon_sandbox_state_to_caps (state, &error);
  g_assert_no_error (error);

  /* real/sub becomes a symlink to a directory elsewhere. */
  g_assert_cmpint (g_rename (sub, moved), ==, 0);
  g_free (engine_test_symlink (fixture->root, "real/sub", moved));

  second = cordon_sandbox_state_to_caps (state, &error);
  g_assert_no_error (error);
  rule = g_list_model_get_item (G_LIST_MODEL (second), 1);
  g_assert_true (g_str_has_prefix (cordon_fs_capability_get_resolved (rule), moved));
}

/* A launch takes a recorded path as resolved only when it is what resolving
 * gives for a path without links (issue 15): anything else is resolved. */
static void
test_canonical_text (void)
{
  const char *canonical[] = { "/", "/usr", "/usr/lib", "/a/.b/c..", "/...", "/a b/ü",
                              "/ü/€/😀/\x7f" };
  /* Bytes that are not UTF-8 anywhere: GLib judges what is not ASCII. */
  const char *other[] = { "", "usr", "./usr", "//usr", "/usr/", "/usr//lib", "/usr/./lib",
                          "/usr/.", "/usr/..", "/usr/../etc", "/.", "/..", "/\xff",
                          "/a/\xc3", "/\xed\xa0\x80/a", "/abcdefgh/\xc0\xaf" };
  g_autofree char *long_path = g_strnfill (PATH_MAX, 'a');

  for (gsize i = 0; i < G_N_ELEMENTS (canonical); i++)
    g_assert_true (cordon_path_is_canonical_text (canonical[i]));
  for (gsize i = 0; i < G_N_ELEMENTS (other); i++)
    g_assert_false (cordon_path_is_canonical_text (other[i]));
  g_assert_false (cordon_path_is_canonical_text (NULL));
  long_path[0] = '/';
  g_assert_false (cordon_path_is_canonical_text (long_path));
  long_path[PATH_MAX - 1] = '\0';
  g_assert_true (cordon_path_is_canonical_text (long_path));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/resolver/canonical-text", test_canonical_text);
  ENGINE_TEST_ADD ("/resolver/same-as-alone", test_same_as_alone);
  ENGINE_TEST_ADD ("/resolver/fresh-per-load", test_fresh_per_load);

  return g_test_run ();
}
