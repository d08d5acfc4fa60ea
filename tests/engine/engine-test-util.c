/* engine-test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "engine-test-util.h"

char *
engine_test_make_tmpdir (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("cordon-engine-XXXXXX", &error);
  char *canonical;

  g_assert_no_error (error);
  canonical = realpath (dir, NULL);
  g_assert_nonnull (canonical);
  return canonical;
}

void
engine_test_rm_rf (const char *path)
{
  GDir *dir;
  const char *name;

  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      dir = g_dir_open (path, 0, NULL);
      if (dir != NULL)
        {
          while ((name = g_dir_read_name (dir)) != NULL)
            {
              g_autofree char *child = g_build_filename (path, name, NULL);
              engine_test_rm_rf (child);
            }
          g_dir_close (dir);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

char *
engine_test_mkdir (const char *root,
                   const char *relative)
{
  char *path = g_build_filename (root, relative, NULL);

  g_assert_cmpint (g_mkdir_with_parents (path, 0755), ==, 0);
  return path;
}

char *
engine_test_touch (const char *root,
                   const char *relative)
{
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (root, relative, NULL);

  g_file_set_contents (path, "", 0, &error);
  g_assert_no_error (error);
  return path;
}

char *
engine_test_symlink (const char *root,
                     const char *relative,
                     const char *target)
{
  char *path = g_build_filename (root, relative, NULL);

  if (symlink (target, path) != 0)
    g_error ("symlink %s → %s: %s", path, target, g_strerror (errno));
  return path;
}

void
engine_fixture_set_up (EngineFixture *fixture,
                       gconstpointer  data)
{
  fixture->root = engine_test_make_tmpdir ();
}

void
engine_fixture_tear_down (EngineFixture *fixture,
                          gconstpointer  data)
{
  engine_test_rm_rf (fixture->root);
  g_free (fixture->root);
}
