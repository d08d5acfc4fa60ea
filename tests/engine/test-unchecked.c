/* test-unchecked.c: rules loaded for a launch, kept as fields until asked for
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cordon-run loads a profile's rules unchecked (CORDON_TO_CAPS_UNCHECKED)
 * and the capability set keeps them as their fields: the launch reads them
 * with cordon_capability_set_peek_rule () and no object is made unless
 * someone asks for one. Whatever the set holds, the fields must be what the
 * object says, before and after it is made, in copies too, and the object
 * must be what cordon_fs_capability_new_unchecked () makes.
 */
#include "config.h"

#include <string.h>

#include "cordon.h"
#include "cordon-capability-set-private.h"
#include "cordon-fs-capability-private.h"
#include "cordon-sandbox-state-private.h"
#include "engine-test-util.h"

static void
assert_view_is_object (const CordonRuleView *view,
                       CordonFsCapability   *cap)
{
  g_assert_cmpstr (view->original, ==, cordon_fs_capability_get_original (cap));
  g_assert_cmpstr (view->resolved, ==, cordon_fs_capability_get_resolved (cap));
  g_assert_cmpstr (view->recorded, ==, cordon_fs_capability_get_recorded (cap));
  g_assert_cmpstr (view->planted_link, ==, cordon_fs_capability_get_planted_link (cap));
  g_assert_cmpuint (view->access, ==, cordon_fs_capability_get_access (cap));
  g_assert_cmpint (view->is_file, ==, cordon_fs_capability_get_is_file (cap));
  g_assert_cmpint (view->unchecked, ==, cordon_fs_capability_is_unchecked (cap));
}

static void
assert_same_rule (CordonFsCapability *a,
                  CordonFsCapability *b)
{
  g_assert_cmpstr (cordon_fs_capability_get_original (a), ==,
                   cordon_fs_capability_get_original (b));
  g_assert_cmpstr (cordon_fs_capability_get_resolved (a), ==,
                   cordon_fs_capability_get_resolved (b));
  g_assert_cmpstr (cordon_fs_capability_get_recorded (a), ==,
                   cordon_fs_capability_get_recorded (b));
  g_assert_cmpstr (cordon_fs_capability_get_planted_link (a), ==,
                   cordon_fs_capability_get_planted_link (b));
  g_assert_cmpuint (cordon_fs_capability_get_access (a), ==,
                    cordon_fs_capability_get_access (b));
  g_assert_cmpint (cordon_fs_capability_get_is_file (a), ==,
                   cordon_fs_capability_get_is_file (b));
  g_assert_cmpint (cordon_fs_capability_is_unchecked (a), ==,
                   cordon_fs_capability_is_unchecked (b));
}

/* A profile mixing what is loaded unchecked (canonical recorded paths,
 * with and without a relative nono original) with what is resolved at
 * once (a nono original through a link, a path that is not canonical
 * text), files and folders, every mode. */
static CordonSandboxState *
mixed_profile (const char *root)
{
  g_autofree char *dir = engine_test_mkdir (root, "dir");
  g_autofree char *file = engine_test_touch (root, "dir/file");
  g_autofree char *other = engine_test_mkdir (root, "other");
  g_autofree char *link = engine_test_symlink (root, "link", "dir");
  g_autofree char *json = NULL;
  g_autoptr (GError) error = NULL;
  CordonSandboxState *state;

  json = g_strdup_printf ("{\"fs\": ["
                          "{\"path\": \"%s\", \"access\": \"Read\", \"is_file\": false},"
                          "{\"path\": \"%s\", \"access\": \"ReadWrite\", \"is_file\": true},"
                          "{\"path\": \"%s\", \"access\": \"Write\", \"is_file\": false},"
                          "{\"original\": \".\", \"resolved\": \"%s\", \"access\": \"read\","
                          " \"is_file\": false},"
                          "{\"original\": \"%s\", \"resolved\": \"%s\", \"access\": \"read\","
                          " \"is_file\": false},"
                          "{\"path\": \"%s/../dir\", \"access\": \"ReadWrite\", \"is_file\": false}"
                          "], \"net_blocked\": true}",
                          dir, file, other, other, link, dir, other);
  state = cordon_sandbox_state_from_json (json, -1, &error);
  g_assert_no_error (error);
  return state;
}

static void
test_fields_are_the_objects (EngineFixture *fixture,
                             gconstpointer  data)
{
  g_autoptr (CordonSandboxState) state = mixed_profile (fixture->root);
  g_autoptr (GError) error = NULL;
  g_autoptr (CordonCapabilitySet) caps =
    cordon_sandbox_state_to_caps_full (state, CORDON_TO_CAPS_UNCHECKED, &error);
  g_autoptr (CordonCapabilitySet) copy = NULL;
  guint n;
  guint n_unchecked = 0;

  g_assert_no_error (error);
  n = g_list_model_get_n_items (G_LIST_MODEL (caps));
  g_assert_cmpuint (n, ==, 6);

  /* Copied before any object is made: the copy makes its own. */
  copy = cordon_capability_set_copy (caps);

  for (guint i = 0; i < n; i++)
    {
      CordonRuleView before;
      CordonRuleView after;
      g_autoptr (CordonFsCapability) cap = NULL;
      g_autoptr (CordonFsCapability) again = NULL;
      g_autoptr (CordonFsCapability) copied = NULL;

      cordon_capability_set_peek_rule (caps, i, &before);
      cap = g_list_model_get_item (G_LIST_MODEL (caps), i);
      cordon_capability_set_peek_rule (caps, i, &after);
      assert_view_is_object (&before, cap);
      assert_view_is_object (&after, cap);

      /* One object per rule, whoever asks. */
      again = g_list_model_get_item (G_LIST_MODEL (caps), i);
      g_assert_true (cap == again);

      copied = g_list_model_get_item (G_LIST_MODEL (copy), i);
      assert_same_rule (cap, copied);

      if (before.unchecked)
        {
          g_autoptr (CordonFsCapability) made =
            cordon_fs_capability_new_unchecked (before.original, before.recorded,
                                                before.access, before.is_file);

          assert_same_rule (cap, made);
          n_unchecked++;
        }
    }
  /* All but the two resolved at once. */
  g_assert_cmpuint (n_unchecked, ==, 4);
}

/* Loading unchecked keeps every rule's meaning: the same fields as the
 * checked load, where the paths are canonical, and the same summary. */
static void
test_same_as_checked (EngineFixture *fixture,
                      gconstpointer  data)
{
  g_autoptr (CordonSandboxState) state = mixed_profile (fixture->root);
  g_autoptr (GError) error = NULL;
  g_autoptr (CordonCapabilitySet) unchecked =
    cordon_sandbox_state_to_caps_full (state, CORDON_TO_CAPS_UNCHECKED, &error);
  g_autoptr (CordonCapabilitySet) checked =
    cordon_sandbox_state_to_caps_full (state, CORDON_TO_CAPS_DEFAULT, &error);
  g_autofree char *summary_unchecked = NULL;
  g_autofree char *summary_checked = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (checked));

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (unchecked)), ==, n);
  /* Before any object is made, and after. */
  for (guint round = 0; round < 2; round++)
    {
      summary_unchecked = cordon_capability_set_summary (unchecked);
      summary_checked = cordon_capability_set_summary (checked);
      g_assert_cmpstr (summary_unchecked, ==, summary_checked);
      g_clear_pointer (&summary_unchecked, g_free);
      g_clear_pointer (&summary_checked, g_free);
      for (guint i = 0; i < n; i++)
        {
          CordonRuleView a;
          CordonRuleView b;

          cordon_capability_set_peek_rule (unchecked, i, &a);
          cordon_capability_set_peek_rule (checked, i, &b);
          g_assert_cmpstr (a.original, ==, b.original);
          g_assert_cmpstr (a.resolved, ==, b.resolved);
          g_assert_cmpstr (a.recorded, ==, b.recorded);
          g_assert_cmpuint (a.access, ==, b.access);
          g_assert_cmpint (a.is_file, ==, b.is_file);
          g_assert_cmpint (cordon_capability_set_path_covered (unchecked, a.resolved), ==,
                           cordon_capability_set_path_covered (checked, a.resolved));
          if (round == 1)
            {
              g_autoptr (CordonFsCapability) made =
                g_list_model_get_item (G_LIST_MODEL (unchecked), i);
            }
        }
    }
}

/* Edits on rules not made yet: a mode change, a removal, a clear. The
 * rules' strings are the profile's tree, which the set keeps when the
 * state is gone. */
static void
test_edits (EngineFixture *fixture,
            gconstpointer  data)
{
  g_autoptr (CordonSandboxState) state = mixed_profile (fixture->root);
  g_autoptr (GError) error = NULL;
  g_autoptr (CordonCapabilitySet) caps =
    cordon_sandbox_state_to_caps_full (state, CORDON_TO_CAPS_UNCHECKED, &error);
  g_autoptr (CordonCapabilitySet) copy = NULL;
  g_autoptr (CordonFsCapability) changed = NULL;
  CordonRuleView view;

  g_assert_no_error (error);
  g_clear_object (&state);
  copy = cordon_capability_set_copy (caps);
  cordon_capability_set_set_access (caps, 0, CORDON_ACCESS_READ_WRITE);
  changed = g_list_model_get_item (G_LIST_MODEL (caps), 0);
  g_assert_cmpuint (cordon_fs_capability_get_access (changed), ==, CORDON_ACCESS_READ_WRITE);
  g_assert_true (cordon_fs_capability_is_unchecked (changed));
  cordon_capability_set_peek_rule (caps, 0, &view);
  assert_view_is_object (&view, changed);

  cordon_capability_set_remove (caps, 1);
  cordon_capability_set_peek_rule (caps, 1, &view);
  g_assert_cmpuint (view.access, ==, CORDON_ACCESS_WRITE);
  cordon_capability_set_clear (caps);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (caps)), ==, 0);

  /* The copy still holds every rule, and their strings. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (copy)), ==, 6);
  cordon_capability_set_peek_rule (copy, 0, &view);
  g_assert_cmpuint (view.access, ==, CORDON_ACCESS_READ);
  g_assert_true (g_str_has_suffix (view.resolved, "/dir"));
}

/* Two threads asking for the same rules at once get the same objects. */
static gpointer
ask_all (gpointer data)
{
  CordonCapabilitySet *caps = data;
  GPtrArray *objects = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (caps)); i++)
    g_ptr_array_add (objects, g_list_model_get_item (G_LIST_MODEL (caps), i));
  return objects;
}

static void
test_threads (EngineFixture *fixture,
              gconstpointer  data)
{
  g_autoptr (GArray) rules = g_array_new (FALSE, FALSE, sizeof (CordonUncheckedRule));
  g_autoptr (CordonCapabilitySet) caps = cordon_capability_set_new ();
  g_autoptr (GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  GThread *threads[4];
  GPtrArray *seen[G_N_ELEMENTS (threads)];

  for (guint i = 0; i < 2000; i++)
    {
      CordonUncheckedRule rule = { NULL, NULL, CORDON_ACCESS_READ, FALSE };

      g_ptr_array_add (paths, g_strdup_printf ("/nowhere/%u", i));
      rule.original = rule.recorded = g_ptr_array_index (paths, i);
      g_array_append_val (rules, rule);
    }
  /* Strings copied: the set does not keep @paths. */
  cordon_capability_set_append_unchecked (caps, (CordonUncheckedRule *) rules->data, rules->len,
                                          NULL);
  g_ptr_array_set_size (paths, 0);
  for (guint i = 0; i < 2000; i++)
    g_ptr_array_add (paths, g_strdup_printf ("/nowhere/%u", i));

  for (guint t = 0; t < G_N_ELEMENTS (threads); t++)
    threads[t] = g_thread_new ("ask", ask_all, caps);
  for (guint t = 0; t < G_N_ELEMENTS (threads); t++)
    seen[t] = g_thread_join (threads[t]);
  for (guint i = 0; i < rules->len; i++)
    {
      g_assert_cmpstr (cordon_fs_capability_get_resolved (seen[0]->pdata[i]), ==,
                       g_ptr_array_index (paths, i));
      for (guint t = 1; t < G_N_ELEMENTS (threads); t++)
        g_assert_true (seen[t]->pdata[i] == seen[0]->pdata[i]);
    }
  for (guint t = 0; t < G_N_ELEMENTS (threads); t++)
    g_ptr_array_unref (seen[t]);
}

/* The reader finds a rule's fields by the keys the rules before it had
 * and remembers their last access mode: keys in any order, spelled with
 * escapes, unknown keys between them and every spelling of every mode must
 * still give each rule its own fields. */
static void
test_fields_in_any_order (void)
{
  static const char *const modes[][2] = {
    { "Read", "Read" }, { "Write", "Write" }, { "ReadWrite", "ReadWrite" },
    { "read", "Read" }, { "write", "Write" }, { "read+write", "ReadWrite" },
    { "Re\\u0061d", "Read" },
  };
  static const char *const path_keys[] = { "path", "pa\\u0074h" };
  g_autoptr (GString) json = g_string_new ("{\"fs\": [");
  g_autoptr (CordonSandboxState) state = NULL;
  g_autoptr (CordonCapabilitySet) caps = NULL;
  g_autoptr (GError) error = NULL;
  const guint n = 300;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = g_strdup_printf ("\"%s\": \"/r/%u\"", path_keys[i % 5 == 4], i);
      g_autofree char *access = g_strdup_printf ("\"access\": \"%s\"", modes[i % 7][0]);
      const char *is_file = i % 3 == 0 ? "\"is_file\": true" : "\"is_file\": false";
      const char *first = i % 2 ? path : access;
      const char *second = i % 2 ? access : path;

      g_string_append_printf (json, "%s{%s%s, %s, %s}", i > 0 ? ", " : "",
                              i % 4 == 1 ? "\"x\": [\"path\"], " : "",
                              i % 3 == 2 ? is_file : first, i % 3 == 2 ? first : second,
                              i % 3 == 2 ? second : is_file);
    }
  g_string_append (json, "], \"net_blocked\": false}");

  state = cordon_sandbox_state_from_json (json->str, -1, &error);
  g_assert_no_error (error);
  caps = cordon_sandbox_state_to_caps_full (state, CORDON_TO_CAPS_UNCHECKED, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (caps)), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = g_strdup_printf ("/r/%u", i);
      CordonRuleView rule;

      cordon_capability_set_peek_rule (caps, i, &rule);
      g_assert_cmpstr (rule.resolved, ==, path);
      g_assert_cmpstr (cordon_access_mode_to_string (rule.access), ==, modes[i % 7][1]);
      g_assert_cmpint (rule.is_file, ==, i % 3 == 0);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  ENGINE_TEST_ADD ("/unchecked/fields-are-the-objects", test_fields_are_the_objects);
  ENGINE_TEST_ADD ("/unchecked/same-as-checked", test_same_as_checked);
  ENGINE_TEST_ADD ("/unchecked/edits", test_edits);
  ENGINE_TEST_ADD ("/unchecked/threads", test_threads);
  g_test_add_func ("/unchecked/fields-in-any-order", test_fields_in_any_order);

  return g_test_run ();
}
