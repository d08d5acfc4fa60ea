/* test-covered.c: the rights a rule inherits from the directory rules above it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cordon_landlock_inherited_rights () decides which rules an ancestor
 * covers, so that apply leaves them out of the kernel's ruleset. Here it is
 * compared with the plainest possible reading of "above": a directory rule
 * whose path, followed by '/', begins the rule's path (or "/"). What the
 * kernel then does with the rules left in is tests/enforce's
 * (/enforce/differential/nested-rules-dropped).
 */
#include "config.h"

#include <string.h>

#include <cordon.h>

#include "cordon-capability-set-private.h"
#include "cordon-landlock-private.h"
#include "engine-test-util.h"

static gboolean
is_strictly_above (const char *dir,
                   const char *path)
{
  gsize length = strlen (dir);

  if (strcmp (dir, path) == 0)
    return FALSE;
  if (strcmp (dir, "/") == 0)
    return TRUE;
  return strncmp (dir, path, length) == 0 && path[length] == '/';
}

static void
assert_matches_reference (CordonCapabilitySet *caps,
                          int                  abi)
{
  GListModel *model = G_LIST_MODEL (caps);
  guint n_items = g_list_model_get_n_items (model);
  g_autofree guint64 *inherited = cordon_landlock_inherited_rights (caps, abi);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr (CordonFsCapability) rule = g_list_model_get_item (model, i);
      const char *path = cordon_fs_capability_get_resolved (rule);
      guint64 expected = 0;

      for (guint j = 0; j < n_items; j++)
        {
          g_autoptr (CordonFsCapability) other = g_list_model_get_item (model, j);
          const char *dir = cordon_fs_capability_get_resolved (other);

          if (!cordon_fs_capability_get_is_file (other) && is_strictly_above (dir, path))
            expected |= cordon_landlock_rule_access (cordon_fs_capability_get_access (other),
                                                     FALSE, g_str_has_prefix (dir, "/dev"), abi);
        }
      if (inherited[i] != expected)
        g_error ("%s inherits %" G_GINT64_MODIFIER "x, expected %" G_GINT64_MODIFIER "x",
                 path, inherited[i], expected);
    }
}

static void
allow (CordonCapabilitySet *caps,
       const char          *path,
       gboolean             is_file,
       CordonAccessMode     mode)
{
  g_autoptr (GError) error = NULL;

  if (is_file)
    cordon_capability_set_allow_file (caps, path, mode, &error);
  else
    cordon_capability_set_allow_path (caps, path, mode, &error);
  g_assert_no_error (error);
}

/* The cases a prefix walk gets wrong: "/…/ab" is no ancestor of "/…/a/…",
 * a file is no ancestor, the root is everyone's, a child listed before its
 * parent, rights that add up from two ancestors. */
static void
test_tricky (EngineFixture *fixture,
             gconstpointer  data)
{
  g_autoptr (CordonCapabilitySet) caps = cordon_capability_set_new ();
  static const struct
  {
    const char      *relative;
    gboolean         is_file;
    CordonAccessMode mode;
  } rules[] = {
    { "a/b/c", FALSE, CORDON_ACCESS_READ },
    { "a", FALSE, CORDON_ACCESS_READ },
    { "ab", FALSE, CORDON_ACCESS_READ_WRITE },
    { "ab/f", TRUE, CORDON_ACCESS_READ },
    { "a/b", FALSE, CORDON_ACCESS_WRITE },
    { "a/b/c/file", TRUE, CORDON_ACCESS_READ_WRITE },
    { "a/b/c/file2", TRUE, CORDON_ACCESS_READ },
    { "x", FALSE, CORDON_ACCESS_READ },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      g_autofree char *path = rules[i].is_file
                                ? engine_test_touch (fixture->root, rules[i].relative)
                                : engine_test_mkdir (fixture->root, rules[i].relative);

      allow (caps, path, rules[i].is_file, rules[i].mode);
    }
  for (int abi = 1; abi <= CORDON_LANDLOCK_ABI_MAX; abi++)
    assert_matches_reference (caps, abi);

  allow (caps, "/", FALSE, CORDON_ACCESS_READ);
  for (int abi = 1; abi <= CORDON_LANDLOCK_ABI_MAX; abi++)
    assert_matches_reference (caps, abi);
}

/* 400 rules on random folders and files of a tree six levels deep, with
 * names that are prefixes of each other. */
static void
test_random (EngineFixture *fixture,
             gconstpointer  data)
{
  static const char *const names[] = { "a", "ab", "abc", "b" };
  static const CordonAccessMode modes[] = {
    CORDON_ACCESS_READ, CORDON_ACCESS_WRITE, CORDON_ACCESS_READ_WRITE,
  };
  GRand *rand = g_rand_new_with_seed (15);

  for (int round = 0; round < 4; round++)
    {
      g_autoptr (CordonCapabilitySet) caps = cordon_capability_set_new ();

      for (int i = 0; i < 100; i++)
        {
          g_autoptr (GString) relative = g_string_new (NULL);
          int depth = g_rand_int_range (rand, 1, 7);
          gboolean is_file = g_rand_int_range (rand, 0, 4) == 0;
          g_autofree char *path = NULL;

          for (int d = 0; d < depth; d++)
            g_string_append_printf (relative, "%s%s", d > 0 ? "/" : "",
                                    names[g_rand_int_range (rand, 0, G_N_ELEMENTS (names))]);
          g_free (engine_test_mkdir (fixture->root, relative->str));
          if (is_file)
            g_string_append (relative, "/file");
          path = is_file ? engine_test_touch (fixture->root, relative->str)
                         : engine_test_mkdir (fixture->root, relative->str);
          allow (caps, path, is_file, modes[g_rand_int_range (rand, 0, G_N_ELEMENTS (modes))]);
        }
      assert_matches_reference (caps, CORDON_LANDLOCK_ABI_MAX);
      assert_matches_reference (caps, 1);
    }
  g_rand_free (rand);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  ENGINE_TEST_ADD ("/engine/covered/tricky", test_tricky);
  ENGINE_TEST_ADD ("/engine/covered/random", test_random);
  return g_test_run ();
}
