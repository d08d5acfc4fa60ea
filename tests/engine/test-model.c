/* test-model.c: CordonFsCapability and CordonCapabilitySet
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <grp.h>
#include <unistd.h>

#include "cordon.h"
#include "cordon-path-private.h"
#include "engine-test-util.h"

#define ADD ENGINE_TEST_ADD

/* Every error a user can meet must say which path it is about. */
static void
assert_error_names (GError     *error,
                    int         code,
                    const char *path)
{
  g_assert_error (error, CORDON_ERROR, code);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  if (path != NULL && strstr (error->message, path) == NULL)
    g_error ("error “%s” does not name “%s”", error->message, path);
}

/* allow_path() (or allow_file()) refuses @path with @code, naming @named
 * (and saying @words, if given), and leaves the set as it was. */
static void
assert_refused (CordonCapabilitySet *caps,
                gboolean             as_file,
                const char          *path,
                int                  code,
                const char          *named,
                const char          *words)
{
  g_autoptr (GError) error = NULL;
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (caps));
  gboolean added;

  if (as_file)
    added = cordon_capability_set_allow_file (caps, path, CORDON_ACCESS_READ, &error);
  else
    added = cordon_capability_set_allow_path (caps, path, CORDON_ACCESS_READ, &error);

  g_assert_false (added);
  assert_error_names (error, code, named);
  if (words != NULL && strstr (error->message, words) == NULL)
    g_error ("error “%s” does not say “%s”", error->message, words);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (caps)), ==, n_items);
}

static CordonFsCapability *
item (CordonCapabilitySet *caps,
      guint                position)
{
  CordonFsCapability *cap = g_list_model_get_item (G_LIST_MODEL (caps), position);

  g_assert_nonnull (cap);
  /* The set keeps its own reference. */
  g_object_unref (cap);
  return cap;
}

/* ---- CordonFsCapability ------------------------------------------------ */

static void
test_capability_properties (void)
{
  g_autoptr (CordonFsCapability) cap =
    cordon_fs_capability_new ("/etc/../etc", "/etc", CORDON_ACCESS_READ, FALSE);
  g_autoptr (CordonFsCapability) wider = NULL;
  g_autofree char *original = NULL;
  g_autofree char *resolved = NULL;
  CordonAccessMode access = 0;
  gboolean is_file = TRUE;
  GParamSpec *pspec;

  g_object_get (cap, "original", &original, "resolved", &resolved, "access", &access,
                "is-file", &is_file, NULL);
  g_assert_cmpstr (original, ==, "/etc/../etc");
  g_assert_cmpstr (resolved, ==, "/etc");
  g_assert_cmpint (access, ==, CORDON_ACCESS_READ);
  g_assert_false (is_file);

  /* Immutable: the properties can only be set at construction. */
  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (cap), "access");
  g_assert_true (pspec->flags & G_PARAM_CONSTRUCT_ONLY);

  wider = cordon_fs_capability_copy_with_access (cap, CORDON_ACCESS_READ_WRITE);
  g_assert_true (wider != cap);
  g_assert_cmpstr (cordon_fs_capability_get_original (wider), ==, "/etc/../etc");
  g_assert_cmpstr (cordon_fs_capability_get_resolved (wider), ==, "/etc");
  g_assert_cmpint (cordon_fs_capability_get_access (wider), ==, CORDON_ACCESS_READ_WRITE);
  g_assert_cmpint (cordon_fs_capability_get_access (cap), ==, CORDON_ACCESS_READ);
}

/* ---- allow_path / allow_file ---------------------------------------- */

static void
test_allow_path_dir (EngineFixture *fixture,
                     gconstpointer  data)
{
  g_autoptr (CordonCapabilitySet) caps = cordon_capability_set_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = engine_test_mkdir (fixture->root, "data");
  CordonFsCapability *cap;

  g_assert_true (G_TYPE_CHECK_INSTANCE_TYPE (caps, G_TYPE_LIST_MODEL));
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (caps)) == CORDON_TYPE_FS_CAPABILITY);

  g_assert_true (cordon_capability_set_allow_path (caps, dir, CORDON_ACCESS_READ, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (caps)), ==, 1);

  cap = item (caps, 0);
  g_assert_cmpstr (cordon_fs_capability_get_original (cap), ==, dir);
  g_assert_cmpstr (cordon_fs_capability_get_resolved (cap), ==, dir);
  g_assert_cmpint (cordon_fs_capability_get_access (cap), ==, CORDON_ACCESS_READ);
  g_assert_false (cordon_fs_capability_get_is_file (cap));
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (caps), 1));
}

static void
test_allow_path_symlinked (EngineFixture *fixture,
                           gconstpointer  data)
{
  g_autoptr (CordonCapabilitySet) caps = cordon_capability_set_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *real = engine_test_mkdir (fixture->root, "real/dir");
  g_autofree char *link = engine_test_symlink (fixture->root, "link", "real");
  g_autofree char *via_link = g_build_filename (link, "dir", NULL);
  CordonFsCapability *cap;

  g_assert_true (cordon_capability_set_allow_path (caps, via_link, CORDON_ACCESS_WRITE, &error));
  g_assert_no_error (error);

  cap = item (caps, 0);
  g_assert_cmpstr (cordon_fs_capability_get_original (cap), ==, via_link);
  g_assert_cmpstr (cordon_fs_capability_get_resolved (cap), ==, real);
}

static void
test_allow_path_dotdot (EngineFixture *fixture,
                        gconstpointer  data)
{
  g_autoptr (CordonCapabilitySet) caps = cordon_capability_set_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *a G_GNUC_UNUSED = engine_test_mkdir (fixture->root, "a");
  g_autofree char *b = engine_test_mkdir (fixture->root, "b");
  g_autofree char *messy = g_strdup_printf ("%s//./a/../b/", fixture->root);

  g_assert_true (cordon_capability_set_allow_path (caps, messy, CORDON_ACCESS_READ, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (cordon_fs_capability_get_resolved (item (caps, 0)), ==, b);
  g_assert_cmpstr (cordon_fs_capability_get_original (item (caps, 0)), ==, messy);
}

static void
test_allow_path_not_found (EngineFixture *fixture,
                           gconstpointer  data)
{
  g_autoptr (CordonCapabilitySet) caps = cordon_capability_set_new ();
  g_autofree char *missing = g_build_filename (fixture->root, "missing", NULL);

  assert_refused (caps, FALSE, missing, CORDON_ERROR_PATH_NOT_FOUND, missing, NULL);
}

static void
test_allow_file_not_found (EngineFixture *fixture,
                           gconstpointer  data)
{
  g_autoptr (CordonCapabilitySet) caps = cordon_capability_set_new ();
  g_autofree char *missing = g_build_filename (fixture->root, "no", "such", "file", NULL);

  assert_refused (caps, TRUE, missing, CORDON_ERROR_PATH_NOT_FOUND, missing, NULL);
}

static void
test_allow_path_dangling_symlink (EngineFixture *fixture,
                                  gconstpointer  data)
{
  g_autoptr (CordonCapabilitySet) caps = cordon_capability_set_new ();
  g_autofree char *link = engine_test_symlink (fixture->root, "dangling", "nowhere");

  assert_refused (caps, FALSE, link, CORDON_ERROR_PATH_NOT_FOUND, link, NULL);
}

static void
test_allow_path_relative (void)
{
  static const char *relative[] = { "tmp", "./tmp", "../tmp", "", "~/x" };

  for (gsize i = 0; i < G_N_ELEMENTS (relative); i++)
    {
      g_autoptr (CordonCapabilitySet) caps = cordon_capability_set_new ();

      assert_refused (caps, FALSE, relative[i], CORDON_ERROR_INVALID_PATH, relative[i], "absolute");

      assert_refused (caps, TRUE, relative[i], CORDON_ERROR_INVALID_PATH, relative[i], NULL);
    }
}

static void
test_allow_path_expected_directory (EngineFixture *fixture,
                                    gconstpointer  data)
{
  g_autoptr (CordonCapabilitySet) caps = cordon_capability_set_new ();
  g_autofree char *file = engine_test_touch (fixture->root, "notes.txt");

  assert_refused (caps, FALSE, file, CORDON_ERROR_EXPECTED_DIRECTORY, file, NULL);
}

static void
test_allow_file_expected_file (EngineFixture *fixture,
                               gconstpointer  data)
{
  g_autoptr (CordonCapabilitySet) caps = cordon_capability_set_new ();
  g_autofree char *dir = engine_test_mkdir (fixture->root, "dir");
  g_autofree char *link = engine_test_symlink (fixture->root, "to-dir", "dir");

  assert_refused (caps, TRUE, dir, CORDON_ERROR_EXPECTED_FILE, dir, NULL);

  /* A link to a directory is a directory. */
  assert_refused (caps, TRUE, link, CORDON_ERROR_EXPECTED_FILE, link, NULL);
}

static void
test_allow_file_regular (EngineFixture *fixture,
                         gconstpointer  data)
{
  g_autoptr (CordonCapabilitySet) caps = cordon_capability_set_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *file = engine_test_touch (fixture->root, "hosts");
  g_autofree char *link = engine_test_symlink (fixture->root, "hosts-link", file);
  CordonFsCapability *cap;

  g_assert_true (cordon_capability_set_allow_file (caps, link, CORDON_ACCESS_READ, &error));
  g_assert_no_error (error);
  cap = item (caps, 0);
  g_assert_cmpstr (cordon_fs_capability_get_original (cap), ==, link);
  g_assert_cmpstr (cordon_fs_capability_get_resolved (cap), ==, file);
  g_assert_true (cordon_fs_capability_get_is_file (cap));
}

/* FIFOs and devices are not directories, so they are file rules. */
static void
test_allow_file_special (EngineFixture *fixture,
                         gconstpointer  data)
{
  g_autoptr (CordonCapabilitySet) caps = cordon_capability_set_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *fifo = g_build_filename (fixture->root, "fifo", NULL);

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_true (cordon_capability_set_allow_file (caps, fifo, CORDON_ACCESS_WRITE, &error));
  g_assert_no_error (error);
  g_assert_true (cordon_capability_set_allow_file (caps, "/dev/null", CORDON_ACCESS_READ_WRITE,
                                                   &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (caps)), ==, 2);

  assert_refused (caps, FALSE, fifo, CORDON_ERROR_EXPECTED_DIRECTORY, fifo, NULL);
}

/* "file/" names a directory that is not there: the kernel says ENOTDIR,
 * and so must we, never silently dropping the slash. */
static void
test_allow_file_trailing_slash (EngineFixture *fixture,
                                gconstpointer  data)
{
  g_autoptr (CordonCapabilitySet) caps = cordon_capability_set_new ();
  g_autofree char *file = engine_test_touch (fixture->root, "file");
  g_autofree char *slashed = g_strconcat (file, "/", NULL);

  assert_refused (caps, TRUE, slashed, CORDON_ERROR_PATH_NOT_FOUND, slashed, NULL);
  assert_refused (caps, FALSE, slashed, CORDON_ERROR_PATH_NOT_FOUND, slashed, NULL);
}

static void
test_allow_path_trailing_slash (EngineFixture *fixture,
                                gconstpointer  data)
{
  g_autoptr (CordonCapabilitySet) caps = cordon_capability_set_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = engine_test_mkdir (fixture->root, "dir");
  g_autofree char *slashed = g_strconcat (dir, "//", NULL);

  g_assert_true (cordon_capability_set_allow_path (caps, slashed, CORDON_ACCESS_READ, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (cordon_fs_capability_get_resolved (item (caps, 0)), ==, dir);
  g_assert_cmpstr (cordon_fs_capability_get_original (item (caps, 0)), ==, slashed);
}

static void
test_allow_path_invalid_utf8 (EngineFixture *fixture,
                              gconstpointer  data)
{
  g_autoptr (CordonCapabilitySet) caps = cordon_capability_set_new ();
  g_autofree char *bad = g_strdup_printf ("%s/caf\xe9", fixture->root);
  g_autofree char *target = g_strdup_printf ("%s/\xff\xfe", fixture->root);
  g_autofree char *link = g_build_filename (fixture->root, "to-latin1", NULL);

  /* Even when it exists: a path that is not text cannot be saved or shown. */
  g_assert_cmpint (mkdir (bad, 0755), ==, 0);
  assert_refused (caps, FALSE, bad, CORDON_ERROR_INVALID_PATH, fixture->root, "UTF-8");

  /* Valid text that leads somewhere that is not. */
  g_assert_cmpint (mkdir (target, 0755), ==, 0);
  g_assert_cmpint (symlink (target, link), ==, 0);
  assert_refused (caps, FALSE, link, CORDON_ERROR_INVALID_PATH, link, NULL);
}

static void
test_allow_path_symlink_loop (EngineFixture *fixture,
                              gconstpointer  data)
{
  g_autoptr (CordonCapabilitySet) caps = cordon_capability_set_new ();
  g_autofree char *a = engine_test_symlink (fixture->root, "a", "b");
  g_autofree char *b G_GNUC_UNUSED = engine_test_symlink (fixture->root, "b", "a");

  assert_refused (caps, FALSE, a, CORDON_ERROR_INVALID_PATH, a, "symbolic links");
}

static void
test_allow_path_name_too_long (EngineFixture *fixture,
                               gconstpointer  data)
{
  g_autoptr (CordonCapabilitySet) caps = cordon_capability_set_new ();
  g_autofree char *name = g_strnfill (300, 'x');
  g_autofree char *path = g_build_filename (fixture->root, name, NULL);

  assert_refused (caps, FALSE, path, CORDON_ERROR_INVALID_PATH, name, "too long");
}

/* Root looks through permissions, so the lookup runs as an unprivileged
 * user in a subprocess. */
static void
test_allow_path_permission_denied (void)
{
  g_autofree char *root = NULL;
  g_autofree char *locked = NULL;
  g_autofree char *inner = NULL;

  if (g_test_subprocess ())
    {
      g_autoptr (CordonCapabilitySet) caps = cordon_capability_set_new ();
      const char *path = g_getenv ("CORDON_TEST_LOCKED");

      g_assert_nonnull (path);
      if (setgroups (0, NULL) != 0 || setgid (65534) != 0 || setuid (65534) != 0)
        g_error ("cannot become nobody: %s", g_strerror (errno));

      assert_refused (caps, FALSE, path, CORDON_ERROR_INVALID_PATH, path, "permission denied");
      return;
    }

  root = engine_test_make_tmpdir ();
  locked = engine_test_mkdir (root, "locked");
  inner = engine_test_mkdir (root, "locked/inner");
  g_assert_cmpint (chmod (root, 0755), ==, 0);
  g_assert_cmpint (chmod (locked, geteuid () == 0 ? 0700 : 0), ==, 0);

  if (geteuid () == 0)
    {
      g_setenv ("CORDON_TEST_LOCKED", inner, TRUE);
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
    }
  else
    {
      g_autoptr (CordonCapabilitySet) caps = cordon_capability_set_new ();

      assert_refused (caps, FALSE, inner, CORDON_ERROR_INVALID_PATH, inner, "permission denied");
      g_assert_cmpint (chmod (locked, 0700), ==, 0);
    }

  engine_test_rm_rf (root);
}

/* ---- paths -------------------------------------------------------------- */

static void
test_path_is_within (void)
{
  g_assert_true (cordon_path_is_within ("/tmp", "/tmp"));
  g_assert_true (cordon_path_is_within ("/tmp/x", "/tmp"));
  g_assert_true (cordon_path_is_within ("/tmp/x/y", "/tmp/x"));
  g_assert_false (cordon_path_is_within ("/tmpfoo", "/tmp"));
  g_assert_false (cordon_path_is_within ("/tmpfoo/x", "/tmp"));
  g_assert_false (cordon_path_is_within ("/homeevil", "/home"));
  g_assert_false (cordon_path_is_within ("/tm", "/tmp"));
  g_assert_false (cordon_path_is_within ("/", "/tmp"));
  g_assert_true (cordon_path_is_within ("/", "/"));
  g_assert_true (cordon_path_is_within ("/anything/at/all", "/"));
}

static void
test_path_covered (EngineFixture *fixture,
                   gconstpointer  data)
{
  g_autoptr (CordonCapabilitySet) caps = cordon_capability_set_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *tmp = engine_test_mkdir (fixture->root, "tmp");
  g_autofree char *tmpfoo = engine_test_mkdir (fixture->root, "tmpfoo");
  g_autofree char *file = engine_test_touch (fixture->root, "file");
  g_autofree char *inside = g_build_filename (tmp, "a", "b", NULL);
  g_autofree char *below_file = g_build_filename (file, "x", NULL);

  g_assert_false (cordon_capability_set_path_covered (caps, tmp));

  g_assert_true (cordon_capability_set_allow_path (caps, tmp, CORDON_ACCESS_READ, &error));
  g_assert_true (cordon_capability_set_allow_file (caps, file, CORDON_ACCESS_READ, &error));
  g_assert_no_error (error);

  g_assert_true (cordon_capability_set_path_covered (caps, tmp));
  g_assert_true (cordon_capability_set_path_covered (caps, inside));
  g_assert_false (cordon_capability_set_path_covered (caps, tmpfoo));
  g_assert_false (cordon_capability_set_path_covered (caps, fixture->root));
  /* Only directory rules cover anything. */
  g_assert_false (cordon_capability_set_path_covered (caps, file));
  g_assert_false (cordon_capability_set_path_covered (caps, below_file));
}

/* ---- items-changed ---------------------------------------------------- */

typedef struct
{
  guint position;
  guint removed;
  guint added;
  guint n_items; /* at emission time */
} Change;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GArray     *changes)
{
  Change change = { position, removed, added, g_list_model_get_n_items (model) };

  g_array_append_val (changes, change);
}

static GArray *
record_changes (CordonCapabilitySet *caps)
{
  GArray *changes = g_array_new (FALSE, FALSE, sizeof (Change));

  g_signal_connect (caps, "items-changed", G_CALLBACK (on_items_changed), changes);
  return changes;
}

static void
assert_change (GArray *changes,
               guint   index,
               guint   position,
               guint   removed,
               guint   added)
{
  Change *change;

  g_assert_cmpuint (index, <, changes->len);
  change = &g_array_index (changes, Change, index);
  g_assert_cmpuint (change->position, ==, position);
  g_assert_cmpuint (change->removed, ==, removed);
  g_assert_cmpuint (change->added, ==, added);
}

static CordonCapabilitySet *
make_abc (EngineFixture *fixture)
{
  CordonCapabilitySet *caps = cordon_capability_set_new ();
  const char *names[] = { "a", "b", "c" };

  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *dir = engine_test_mkdir (fixture->root, names[i]);
      g_autoptr (GError) error = NULL;

      g_assert_true (cordon_capability_set_allow_path (caps, dir, CORDON_ACCESS_READ, &error));
      g_assert_no_error (error);
    }
  return caps;
}

static const char *
resolved_at (CordonCapabilitySet *caps,
             guint                position)
{
  return cordon_fs_capability_get_resolved (item (caps, position));
}

static void
test_items_changed_allow (EngineFixture *fixture,
                          gconstpointer  data)
{
  g_autoptr (CordonCapabilitySet) caps = cordon_capability_set_new ();
  g_autoptr (GArray) changes = record_changes (caps);
  g_autoptr (GError) error = NULL;
  g_autofree char *a = engine_test_mkdir (fixture->root, "a");
  g_autofree char *missing = g_build_filename (fixture->root, "missing", NULL);

  g_assert_true (cordon_capability_set_allow_path (caps, a, CORDON_ACCESS_READ, &error));
  g_assert_true (cordon_capability_set_allow_path (caps, a, CORDON_ACCESS_WRITE, &error));
  g_assert_no_error (error);
  g_assert_false (cordon_capability_set_allow_path (caps, missing, CORDON_ACCESS_READ, &error));

  g_assert_cmpuint (changes->len, ==, 2);
  assert_change (changes, 0, 0, 0, 1);
  assert_change (changes, 1, 1, 0, 1);
  g_assert_cmpuint (g_array_index (changes, Change, 1).n_items, ==, 2);
}

static void
test_items_changed_insert (EngineFixture *fixture,
                           gconstpointer  data)
{
  g_autoptr (CordonCapabilitySet) caps = make_abc (fixture);
  g_autoptr (GArray) changes = record_changes (caps);
  g_autoptr (CordonFsCapability) x =
    cordon_fs_capability_new ("/x", "/x", CORDON_ACCESS_READ, FALSE);
  g_autoptr (CordonFsCapability) y =
    cordon_fs_capability_new ("/y", "/y", CORDON_ACCESS_WRITE, TRUE);

  cordon_capability_set_insert (caps, 1, x);
  cordon_capability_set_insert (caps, 99, y);

  g_assert_cmpuint (changes->len, ==, 2);
  assert_change (changes, 0, 1, 0, 1);
  assert_change (changes, 1, 4, 0, 1);
  g_assert_true (item (caps, 1) == x);
  g_assert_true (item (caps, 4) == y);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (caps)), ==, 5);
}

static void
test_items_changed_remove (EngineFixture *fixture,
                           gconstpointer  data)
{
  g_autoptr (CordonCapabilitySet) caps = make_abc (fixture);
  g_autoptr (GArray) changes = record_changes (caps);
  g_autofree char *a = g_build_filename (fixture->root, "a", NULL);
  g_autofree char *c = g_build_filename (fixture->root, "c", NULL);

  cordon_capability_set_remove (caps, 1);

  g_assert_cmpuint (changes->len, ==, 1);
  assert_change (changes, 0, 1, 1, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (caps)), ==, 2);
  g_assert_cmpstr (resolved_at (caps, 0), ==, a);
  g_assert_cmpstr (resolved_at (caps, 1), ==, c);
}

static void
test_items_changed_set_access (EngineFixture *fixture,
                               gconstpointer  data)
{
  g_autoptr (CordonCapabilitySet) caps = make_abc (fixture);
  g_autoptr (GArray) changes = record_changes (caps);
  g_autoptr (CordonFsCapability) before = g_list_model_get_item (G_LIST_MODEL (caps), 2);
  CordonFsCapability *after;

  cordon_capability_set_set_access (caps, 2, CORDON_ACCESS_READ_WRITE);

  g_assert_cmpuint (changes->len, ==, 1);
  assert_change (changes, 0, 2, 1, 1);
  after = item (caps, 2);
  g_assert_cmpint (cordon_fs_capability_get_access (after), ==, CORDON_ACCESS_READ_WRITE);
  g_assert_cmpstr (cordon_fs_capability_get_resolved (after), ==,
                   cordon_fs_capability_get_resolved (before));
  /* The old item is untouched: whoever holds it (undo) still sees Read. */
  g_assert_cmpint (cordon_fs_capability_get_access (before), ==, CORDON_ACCESS_READ);

  /* No change, no signal. */
  cordon_capability_set_set_access (caps, 2, CORDON_ACCESS_READ_WRITE);
  g_assert_cmpuint (changes->len, ==, 1);
}

static void
test_items_changed_clear (EngineFixture *fixture,
                          gconstpointer  data)
{
  g_autoptr (CordonCapabilitySet) caps = make_abc (fixture);
  g_autoptr (GArray) changes = record_changes (caps);

  cordon_capability_set_clear (caps);
  g_assert_cmpuint (changes->len, ==, 1);
  assert_change (changes, 0, 0, 3, 0);
  g_assert_cmpuint (g_array_index (changes, Change, 0).n_items, ==, 0);

  cordon_capability_set_clear (caps);
  g_assert_cmpuint (changes->len, ==, 1);
}

static void
test_deduplicate (EngineFixture *fixture,
                  gconstpointer  data)
{
  g_autoptr (CordonCapabilitySet) caps = cordon_capability_set_new ();
  g_autoptr (GArray) changes = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *a = engine_test_mkdir (fixture->root, "a");
  g_autofree char *b = engine_test_mkdir (fixture->root, "b");
  g_autofree char *f = engine_test_touch (fixture->root, "a/f");
  g_autofree char *a_link = engine_test_symlink (fixture->root, "a-link", "a");

  /* 0 a Read, 1 b Read, 2 a(link) Write, 3 f Read (file), 4 b Read */
  g_assert_true (cordon_capability_set_allow_path (caps, a, CORDON_ACCESS_READ, &error));
  g_assert_true (cordon_capability_set_allow_path (caps, b, CORDON_ACCESS_READ, &error));
  g_assert_true (cordon_capability_set_allow_path (caps, a_link, CORDON_ACCESS_WRITE, &error));
  g_assert_true (cordon_capability_set_allow_file (caps, f, CORDON_ACCESS_READ, &error));
  g_assert_true (cordon_capability_set_allow_path (caps, b, CORDON_ACCESS_READ, &error));
  g_assert_no_error (error);

  changes = record_changes (caps);
  cordon_capability_set_deduplicate (caps);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (caps)), ==, 3);
  g_assert_cmpstr (resolved_at (caps, 0), ==, a);
  g_assert_cmpint (cordon_fs_capability_get_access (item (caps, 0)), ==,
                   CORDON_ACCESS_READ_WRITE);
  /* The first occurrence keeps its place, and what the user typed. */
  g_assert_cmpstr (cordon_fs_capability_get_original (item (caps, 0)), ==, a);
  g_assert_cmpstr (resolved_at (caps, 1), ==, b);
  g_assert_cmpint (cordon_fs_capability_get_access (item (caps, 1)), ==, CORDON_ACCESS_READ);
  g_assert_cmpstr (resolved_at (caps, 2), ==, f);
  g_assert_true (cordon_fs_capability_get_is_file (item (caps, 2)));

  /* Removal of 2 (a-link), access change of 0, removal of the last b (now at 3). */
  g_assert_cmpuint (changes->len, ==, 3);
  assert_change (changes, 0, 2, 1, 0);
  assert_change (changes, 1, 0, 1, 1);
  assert_change (changes, 2, 3, 1, 0);

  /* Nothing left to merge: nothing happens. */
  cordon_capability_set_deduplicate (caps);
  g_assert_cmpuint (changes->len, ==, 3);
}

/* A directory and a file rule on the same path are different rules. */
static void
test_deduplicate_keeps_kind (void)
{
  g_autoptr (CordonCapabilitySet) caps = cordon_capability_set_new ();
  g_autoptr (CordonFsCapability) dir =
    cordon_fs_capability_new ("/x", "/x", CORDON_ACCESS_READ, FALSE);
  g_autoptr (CordonFsCapability) file =
    cordon_fs_capability_new ("/x", "/x", CORDON_ACCESS_WRITE, TRUE);

  cordon_capability_set_insert (caps, 0, dir);
  cordon_capability_set_insert (caps, 1, file);
  cordon_capability_set_deduplicate (caps);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (caps)), ==, 2);
  g_assert_cmpint (cordon_fs_capability_get_access (item (caps, 0)), ==, CORDON_ACCESS_READ);
}

/* ---- network --------------------------------------------------------- */

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           guint      *count)
{
  (*count)++;
}

static void
test_network_notify (void)
{
  g_autoptr (CordonCapabilitySet) caps = cordon_capability_set_new ();
  guint count = 0;
  gboolean blocked = TRUE;

  g_signal_connect (caps, "notify::network-blocked", G_CALLBACK (on_notify), &count);

  g_assert_false (cordon_capability_set_is_network_blocked (caps));
  cordon_capability_set_set_network_blocked (caps, FALSE);
  g_assert_cmpuint (count, ==, 0);

  cordon_capability_set_block_network (caps);
  g_assert_true (cordon_capability_set_is_network_blocked (caps));
  g_assert_cmpuint (count, ==, 1);
  cordon_capability_set_block_network (caps);
  cordon_capability_set_set_network_blocked (caps, TRUE);
  g_assert_cmpuint (count, ==, 1);

  g_object_set (caps, "network-blocked", FALSE, NULL);
  g_assert_cmpuint (count, ==, 2);
  g_object_set (caps, "network-blocked", FALSE, NULL);
  g_assert_cmpuint (count, ==, 2);
  g_object_get (caps, "network-blocked", &blocked, NULL);
  g_assert_false (blocked);
}

/* ---- summary and copy ------------------------------------------------ */

static void
test_summary (EngineFixture *fixture,
              gconstpointer  data)
{
  g_autoptr (CordonCapabilitySet) caps = cordon_capability_set_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = engine_test_mkdir (fixture->root, "dir");
  g_autofree char *file = engine_test_touch (fixture->root, "hosts");
  g_autofree char *summary = NULL;
  g_autofree char *expected = NULL;

  g_assert_true (cordon_capability_set_allow_path (caps, dir, CORDON_ACCESS_READ_WRITE, &error));
  g_assert_true (cordon_capability_set_allow_file (caps, file, CORDON_ACCESS_READ, &error));
  g_assert_no_error (error);
  cordon_capability_set_block_network (caps);

  summary = cordon_capability_set_summary (caps);
  expected = g_strdup_printf ("Filesystem:\n"
                              "  %s [ReadWrite] (dir)\n"
                              "  %s [Read] (file)\n"
                              "Local sockets:\n"
                              "  none listed\n"
                              "Network:\n"
                              "  outbound: blocked\n"
                              "Session bus:\n"
                              "  none\n",
                              dir, file);
  g_assert_cmpstr (summary, ==, expected);
}

static void
test_summary_empty (void)
{
  g_autoptr (CordonCapabilitySet) caps = cordon_capability_set_new ();
  g_autofree char *summary = cordon_capability_set_summary (caps);
  g_auto (GStrv) lines = g_strsplit (summary, "\n", -1);

  g_assert_cmpuint (g_strv_length (lines), ==, 9);
  g_assert_cmpstr (lines[0], ==, "Filesystem:");
  g_assert_nonnull (strstr (lines[1], "no filesystem rules"));
  g_assert_cmpstr (lines[2], ==, "Local sockets:");
  g_assert_cmpstr (lines[3], ==, "  none listed");
  g_assert_cmpstr (lines[4], ==, "Network:");
  g_assert_cmpstr (lines[5], ==, "  outbound: allowed");
  g_assert_cmpstr (lines[6], ==, "Session bus:");
  g_assert_cmpstr (lines[7], ==, "  none");
  g_assert_cmpstr (lines[8], ==, "");
}

static void
test_copy (EngineFixture *fixture,
           gconstpointer  data)
{
  g_autoptr (CordonCapabilitySet) caps = make_abc (fixture);
  g_autoptr (CordonCapabilitySet) copy = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  cordon_capability_set_block_network (caps);
  copy = cordon_capability_set_copy (caps);
  before = cordon_capability_set_summary (caps);
  after = cordon_capability_set_summary (copy);
  g_assert_cmpstr (before, ==, after);

  /* Independent from then on. */
  cordon_capability_set_remove (copy, 0);
  cordon_capability_set_set_access (copy, 0, CORDON_ACCESS_WRITE);
  cordon_capability_set_set_network_blocked (copy, FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (caps)), ==, 3);
  g_assert_cmpint (cordon_fs_capability_get_access (item (caps, 1)), ==, CORDON_ACCESS_READ);
  g_assert_true (cordon_capability_set_is_network_blocked (caps));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/capability/properties", test_capability_properties);

  ADD ("/model/allow-path/dir", test_allow_path_dir);
  ADD ("/model/allow-path/symlinked", test_allow_path_symlinked);
  ADD ("/model/allow-path/dotdot", test_allow_path_dotdot);
  ADD ("/model/allow-path/trailing-slash", test_allow_path_trailing_slash);
  ADD ("/model/allow-path/not-found", test_allow_path_not_found);
  ADD ("/model/allow-path/dangling-symlink", test_allow_path_dangling_symlink);
  g_test_add_func ("/model/allow-path/relative", test_allow_path_relative);
  ADD ("/model/allow-path/expected-directory", test_allow_path_expected_directory);
  ADD ("/model/allow-path/invalid-utf8", test_allow_path_invalid_utf8);
  ADD ("/model/allow-path/symlink-loop", test_allow_path_symlink_loop);
  ADD ("/model/allow-path/name-too-long", test_allow_path_name_too_long);
  g_test_add_func ("/model/allow-path/permission-denied", test_allow_path_permission_denied);
  ADD ("/model/allow-file/regular", test_allow_file_regular);
  ADD ("/model/allow-file/special", test_allow_file_special);
  ADD ("/model/allow-file/not-found", test_allow_file_not_found);
  ADD ("/model/allow-file/expected-file", test_allow_file_expected_file);
  ADD ("/model/allow-file/trailing-slash", test_allow_file_trailing_slash);

  g_test_add_func ("/model/path/is-within", test_path_is_within);
  ADD ("/model/path-covered", test_path_covered);

  ADD ("/model/items-changed/allow", test_items_changed_allow);
  ADD ("/model/items-changed/insert", test_items_changed_insert);
  ADD ("/model/items-changed/remove", test_items_changed_remove);
  ADD ("/model/items-changed/set-access", test_items_changed_set_access);
  ADD ("/model/items-changed/clear", test_items_changed_clear);
  ADD ("/model/deduplicate/merge", test_deduplicate);
  g_test_add_func ("/model/deduplicate/keeps-kind", test_deduplicate_keeps_kind);

  g_test_add_func ("/model/network/notify", test_network_notify);
  ADD ("/model/summary/rules", test_summary);
  g_test_add_func ("/model/summary/empty", test_summary_empty);
  ADD ("/model/copy", test_copy);

  return g_test_run ();
}
