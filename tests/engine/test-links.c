/* test-links.c: profile rules redirected by a planted link (issue 12)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Loading only; applying is tested in tests/enforce and tests/run.
 */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include <cordon.h>

#include "engine-test-util.h"

typedef struct
{
  char *scratch;
  char *ref;
  char *secret;
} Tree;

/* root/scratch (granted Write), root/scratch/ref (Read), root/secret;
 * then ref is replaced by a link to secret, as a run could have done. */
static void
tree_plant (EngineFixture *fixture,
            Tree          *tree)
{
  g_autofree char *aside = NULL;

  tree->scratch = engine_test_mkdir (fixture->root, "scratch");
  tree->ref = engine_test_mkdir (fixture->root, "scratch/ref");
  tree->secret = engine_test_mkdir (fixture->root, "secret");
  aside = g_strconcat (tree->ref, ".old", NULL);
  g_assert_no_errno (g_rename (tree->ref, aside));
  g_assert_no_errno (symlink (tree->secret, tree->ref));
}

static void
tree_clear (Tree *tree)
{
  g_free (tree->scratch);
  g_free (tree->ref);
  g_free (tree->secret);
}

static char *
profile_json (Tree     *tree,
              gboolean  nono)
{
  if (nono)
    return g_strdup_printf ("{ \"fs\": [ { \"original\": \"%s\", \"resolved\": \"%s\", "
                            "\"access\": \"read+write\", \"is_file\": false }, "
                            "{ \"original\": \"%s\", \"resolved\": \"%s\", \"access\": \"read\", "
                            "\"is_file\": false } ], \"net_blocked\": false }",
                            tree->scratch, tree->scratch, tree->ref, tree->ref);
  return g_strdup_printf ("{ \"fs\": [ { \"path\": \"%s\", \"access\": \"ReadWrite\", "
                          "\"is_file\": false }, { \"path\": \"%s\", \"access\": \"Read\", "
                          "\"is_file\": false } ], \"net_blocked\": false }",
                          tree->scratch, tree->ref);
}

static void
test_planted (EngineFixture *fixture,
              gconstpointer  data)
{
  gboolean nono = GPOINTER_TO_INT (data);
  CordonStateFormat format = nono ? CORDON_STATE_FORMAT_NATIVE : CORDON_STATE_FORMAT_CORDON;
  g_autoptr (CordonSandboxState) state = NULL;
  g_autoptr (CordonSandboxState) saved = NULL;
  g_autoptr (CordonSandboxState) reloaded = NULL;
  g_autoptr (CordonCapabilitySet) caps = NULL;
  g_autoptr (CordonCapabilitySet) again = NULL;
  g_autoptr (CordonFsCapability) rule = NULL;
  g_autoptr (CordonFsCapability) edited = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *written = NULL;
  Tree tree = { 0 };

  tree_plant (fixture, &tree);
  json = profile_json (&tree, nono);
  state = cordon_sandbox_state_from_json (json, -1, &error);
  g_assert_no_error (error);

  /* Plain loading refuses, naming the rule, where it leads and the link. */
  caps = cordon_sandbox_state_to_caps (state, &error);
  g_assert_null (caps);
  g_assert_error (error, CORDON_ERROR, CORDON_ERROR_INVALID_PATH);
  g_assert_nonnull (strstr (error->message, tree.ref));
  g_assert_nonnull (strstr (error->message, tree.secret));
  g_clear_error (&error);

  /* An editor keeps it, flagged; check_links still refuses the set. */
  caps = cordon_sandbox_state_to_caps_full (state, CORDON_TO_CAPS_KEEP_PLANTED, &error);
  g_assert_no_error (error);
  rule = g_list_model_get_item (G_LIST_MODEL (caps), 1);
  g_assert_cmpstr (cordon_fs_capability_get_planted_link (rule), ==, tree.ref);
  g_assert_cmpstr (cordon_fs_capability_get_recorded (rule), ==, tree.ref);
  g_assert_cmpstr (cordon_fs_capability_get_resolved (rule), ==, tree.secret);
  g_assert_false (cordon_capability_set_check_links (caps, &error));
  g_assert_error (error, CORDON_ERROR, CORDON_ERROR_INVALID_PATH);
  g_clear_error (&error);

  /* Changing its mode does not launder it. */
  cordon_capability_set_set_access (caps, 1, CORDON_ACCESS_READ_WRITE);
  edited = g_list_model_get_item (G_LIST_MODEL (caps), 1);
  g_assert_cmpstr (cordon_fs_capability_get_planted_link (edited), ==, tree.ref);

  /* Saved, it is written as recorded, so the next load flags it again. */
  saved = cordon_sandbox_state_from_caps (caps);
  written = cordon_sandbox_state_to_json (saved, format);
  g_assert_null (strstr (written, tree.secret));
  reloaded = cordon_sandbox_state_from_json (written, -1, &error);
  g_assert_no_error (error);
  again = cordon_sandbox_state_to_caps (reloaded, &error);
  g_assert_null (again);
  g_assert_error (error, CORDON_ERROR, CORDON_ERROR_INVALID_PATH);

  tree_clear (&tree);
}

/* nono writes "original": "." for a rule given as the current folder; only
 * the recorded path means anything then, and it is what is checked. */
static void
test_relative_original (EngineFixture *fixture,
                        gconstpointer  data)
{
  g_autoptr (CordonSandboxState) state = NULL;
  g_autoptr (CordonCapabilitySet) caps = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *json = NULL;
  Tree tree = { 0 };

  tree_plant (fixture, &tree);
  json = g_strdup_printf ("{ \"fs\": [ { \"original\": \"%s\", \"resolved\": \"%s\", "
                          "\"access\": \"read+write\", \"is_file\": false }, "
                          "{ \"original\": \".\", \"resolved\": \"%s\", \"access\": \"read\", "
                          "\"is_file\": false } ], \"net_blocked\": false }",
                          tree.scratch, tree.scratch, tree.ref);
  state = cordon_sandbox_state_from_json (json, -1, &error);
  g_assert_no_error (error);
  caps = cordon_sandbox_state_to_caps (state, &error);
  g_assert_null (caps);
  g_assert_error (error, CORDON_ERROR, CORDON_ERROR_INVALID_PATH);
  g_assert_nonnull (strstr (error->message, tree.secret));
  tree_clear (&tree);
}

/* Rules made by hand (not from a profile) have nothing recorded: the
 * link is the user's choice, followed as given. */
static void
test_not_from_profile (EngineFixture *fixture,
                       gconstpointer  data)
{
  g_autoptr (CordonCapabilitySet) caps = cordon_capability_set_new ();
  g_autoptr (CordonFsCapability) rule = NULL;
  g_autoptr (GError) error = NULL;
  Tree tree = { 0 };

  tree_plant (fixture, &tree);
  g_assert_true (cordon_capability_set_allow_path (caps, tree.scratch, CORDON_ACCESS_READ_WRITE,
                                                   &error));
  g_assert_true (cordon_capability_set_allow_path (caps, tree.ref, CORDON_ACCESS_READ, &error));
  g_assert_no_error (error);
  rule = g_list_model_get_item (G_LIST_MODEL (caps), 1);
  g_assert_null (cordon_fs_capability_get_recorded (rule));
  g_assert_true (cordon_capability_set_check_links (caps, &error));
  g_assert_no_error (error);
  tree_clear (&tree);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/links/planted/cordon-format", EngineFixture, GINT_TO_POINTER (FALSE),
              engine_fixture_set_up, test_planted, engine_fixture_tear_down);
  g_test_add ("/links/planted/nono-format", EngineFixture, GINT_TO_POINTER (TRUE),
              engine_fixture_set_up, test_planted, engine_fixture_tear_down);
  ENGINE_TEST_ADD ("/links/relative-original", test_relative_original);
  ENGINE_TEST_ADD ("/links/not-from-profile", test_not_from_profile);

  return g_test_run ();
}
