/* run-test-util.c: what the run tests share: a bounded wait, a default profile
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cordon-presets.h"
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

CordonDocument *
run_test_default_document (void)
{
  CordonDocument *document = cordon_document_new ();
  CordonCapabilitySet *caps = cordon_document_get_caps (document);
  g_autoptr(GError) error = NULL;

  cordon_presets_apply (caps, "run-programs", NULL, &error);
  g_assert_no_error (error);
  cordon_presets_apply (caps, "temporary-files", NULL, &error);
  g_assert_no_error (error);
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
