/* run-test-util.c: what the run tests share: a bounded wait, a default profile
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>

#include "cordon-path-private.h"
#include "run-test-util.h"

static gboolean
on_timeout (gpointer data)
{
  gboolean *timed_out = data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
run_test_wait_for (gboolean (*condition) (gpointer),
                   gpointer  data,
                   guint     seconds)
{
  gboolean timed_out = FALSE;
  guint source = g_timeout_add_seconds (seconds, on_timeout, &timed_out);
  gboolean result;

  while (!(result = condition (data)) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (source);
  return result;
}

/* The build tree may sit under /tmp (CI clones there), which "Temporary
 * files" grants: the tests' "outside" files would be inside. Drop whatever
 * covers the build tree, so outside means outside wherever the tree is. */
static void
forget_build_tree (CordonCapabilitySet *caps)
{
  g_autofree char *built = realpath (g_test_get_dir (G_TEST_BUILT), NULL);

  g_assert_nonnull (built);
  for (guint i = g_list_model_get_n_items (G_LIST_MODEL (caps)); i > 0; i--)
    {
      g_autoptr (CordonFsCapability) rule = g_list_model_get_item (G_LIST_MODEL (caps), i - 1);

      if (!cordon_fs_capability_get_is_file (rule) &&
          cordon_path_is_within (built, cordon_fs_capability_get_resolved (rule)))
        cordon_capability_set_remove (caps, i - 1);
    }
}

CordonDocument *
run_test_default_document (void)
{
  CordonDocument *document = cordon_document_new ();
  CordonCapabilitySet *caps = cordon_document_get_caps (document);
  static const char * const ids[] = { "run-programs", "temporary-files" };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CordonPreset) preset = cordon_preset_lookup (ids[i], &error);

      g_assert_no_error (error);
      cordon_preset_apply (preset, caps, NULL, NULL);
    }
  forget_build_tree (caps);
  cordon_document_set_network_blocked (document, TRUE);
  cordon_document_set_modified (document, FALSE);
  return document;
}

char *
run_test_make_outside_dir (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *template = g_build_filename (g_test_get_dir (G_TEST_BUILT),
                                                "run-test-XXXXXX", NULL);
  char *dir = g_mkdtemp (g_steal_pointer (&template));

  g_assert_nonnull (dir);
  return dir;
}
