/* test-filesystem.c: Landlock filesystem rules, for real, at every ABI 1–7
 *
 * Each case forks a child that applies the sandbox (the ABI capped with
 * the test knob, so ABI 1–6 code paths run on a newer kernel too) and then
 * really tries the access. The parent checks the errno and the tree.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "enforce-util.h"

/* ro/ Read, rw/ and rw2/ ReadWrite, wo/ Write, out/ no rule,
 * files/allowed a Read file rule (files/sibling none). */
typedef struct
{
  char *root;
  int   abi;
  CordonCapabilitySet *caps;
} Tree;

static char *
tree_path (Tree       *tree,
           const char *rel)
{
  return g_build_filename (tree->root, rel, NULL);
}

static void
tree_mkdir (Tree       *tree,
            const char *rel)
{
  g_autofree char *path = tree_path (tree, rel);

  g_assert_no_errno (mkdir (path, 0755));
}

static void
tree_file (Tree       *tree,
           const char *rel,
           const char *contents)
{
  g_autofree char *path = tree_path (tree, rel);

  enforce_write_file (path, contents);
}

static void
tree_setup (Tree          *tree,
            gconstpointer  data)
{
  g_autofree char *ro = NULL, *rw = NULL, *rw2 = NULL, *wo = NULL, *allowed = NULL;

  tree->abi = GPOINTER_TO_INT (data);
  if (enforce_skip_unless_abi (tree->abi, "the ABI this case runs at"))
    return;

  tree->root = enforce_tree_new ();
  for (const char *const *d = (const char *const[]){ "ro", "rw", "rw2", "wo", "out", "files", NULL };
       *d != NULL; d++)
    tree_mkdir (tree, *d);
  tree_file (tree, "ro/file", "read only");
  tree_file (tree, "rw/file", "read write");
  tree_file (tree, "wo/file", "write only");
  tree_file (tree, "out/file", "outside");
  tree_file (tree, "files/allowed", "allowed");
  tree_file (tree, "files/sibling", "sibling");

  ro = tree_path (tree, "ro");
  rw = tree_path (tree, "rw");
  rw2 = tree_path (tree, "rw2");
  wo = tree_path (tree, "wo");
  allowed = tree_path (tree, "files/allowed");
  tree->caps = enforce_caps (TRUE,
                             ro, CORDON_ACCESS_READ,
                             rw, CORDON_ACCESS_READ_WRITE,
                             rw2, CORDON_ACCESS_READ_WRITE,
                             wo, CORDON_ACCESS_WRITE,
                             allowed, CORDON_ACCESS_READ,
                             NULL);
}

static void
tree_teardown (Tree          *tree,
               gconstpointer  data)
{
  g_clear_object (&tree->caps);
  enforce_tree_free (g_steal_pointer (&tree->root));
}

static int
run (Tree         *tree,
     EnforceCheck  check)
{
  return enforce_run_applied (tree->caps, tree->abi, check, tree);
}

static void
assert_contents (Tree       *tree,
                 const char *rel,
                 const char *expected)
{
  g_autofree char *path = tree_path (tree, rel);
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, expected);
}

static void
assert_exists (Tree       *tree,
               const char *rel,
               gboolean    exists)
{
  g_autofree char *path = tree_path (tree, rel);
  struct stat st;

  g_assert_cmpint (lstat (path, &st) == 0, ==, exists);
}

/* A move or link across directories is refused with EACCES, or with EXDEV
 * (below ABI 2 always, from ABI 2 when the file would gain rights by the
 * move): programs then fall back to a copy, which Landlock checks as usual.
 * Both leave the tree as it was, which the callers check. */
static void
assert_refused_move (Tree *tree,
                     int   result)
{
  if (result != EXDEV)
    g_assert_cmpint (result, ==, EACCES);
}

/* 0 when @path opens with @flags, else the errno. */
static int
try_open (Tree       *tree,
          const char *rel,
          int         flags)
{
  g_autofree char *path = tree_path (tree, rel);
  int fd = open (path, flags | O_CLOEXEC, 0644);

  if (fd < 0)
    return errno;
  close (fd);
  return 0;
}

static int
try_list (Tree       *tree,
          const char *rel)
{
  g_autofree char *path = tree_path (tree, rel);
  DIR *dir = opendir (path);
  int found = 0;

  if (dir == NULL)
    return errno;
  while (readdir (dir) != NULL)
    found++;
  closedir (dir);
  /* "." and ".." at least: the listing really was read. */
  return found >= 2 ? 0 : ENODATA;
}

/* The first failure of a sequence, so one child can try several things. */
#define TRY(expr)                                                                                  \
  G_STMT_START                                                                                     \
  {                                                                                                \
    int try_result_ = (expr);                                                                      \
    if (try_result_ != 0)                                                                          \
      return try_result_;                                                                          \
  }                                                                                                \
  G_STMT_END

#define ERRNO_OF(call) ((call) < 0 ? errno : 0)

/* A Read directory: read and list work. */
static int
check_ro_read (gpointer data)
{
  TRY (try_open (data, "ro/file", O_RDONLY));
  return try_list (data, "ro");
}

static void
test_ro_read (Tree *tree, gconstpointer data)
{
  if (tree->root != NULL)
    g_assert_cmpint (run (tree, check_ro_read), ==, 0);
}

static int
check_ro_create (gpointer data)
{
  return try_open (data, "ro/new", O_WRONLY | O_CREAT | O_EXCL);
}

static void
test_ro_create (Tree *tree, gconstpointer data)
{
  if (tree->root == NULL)
    return;
  g_assert_cmpint (run (tree, check_ro_create), ==, EACCES);
  assert_exists (tree, "ro/new", FALSE);
}

static int
check_ro_unlink (gpointer data)
{
  g_autofree char *path = tree_path (data, "ro/file");

  return ERRNO_OF (unlink (path));
}

static void
test_ro_unlink (Tree *tree, gconstpointer data)
{
  if (tree->root == NULL)
    return;
  g_assert_cmpint (run (tree, check_ro_unlink), ==, EACCES);
  assert_contents (tree, "ro/file", "read only");
}

static int
check_ro_rename_in (gpointer data)
{
  g_autofree char *from = tree_path (data, "rw/file");
  g_autofree char *to = tree_path (data, "ro/moved");

  return ERRNO_OF (rename (from, to));
}

static void
test_ro_rename_in (Tree *tree, gconstpointer data)
{
  if (tree->root == NULL)
    return;
  assert_refused_move (tree, run (tree, check_ro_rename_in));
  assert_exists (tree, "ro/moved", FALSE);
  assert_contents (tree, "rw/file", "read write");
}

static int
check_ro_write (gpointer data)
{
  return try_open (data, "ro/file", O_WRONLY);
}

static void
test_ro_write (Tree *tree, gconstpointer data)
{
  if (tree->root == NULL)
    return;
  g_assert_cmpint (run (tree, check_ro_write), ==, EACCES);
  assert_contents (tree, "ro/file", "read only");
}

static int
check_ro_truncate (gpointer data)
{
  g_autofree char *path = tree_path (data, "ro/file");

  return ERRNO_OF (truncate (path, 0));
}

static void
test_ro_truncate (Tree *tree, gconstpointer data)
{
  if (tree->root == NULL)
    return;
  /* Landlock from ABI 3, the seccomp emulation below: EACCES either way. */
  g_assert_cmpint (run (tree, check_ro_truncate), ==, EACCES);
  assert_contents (tree, "ro/file", "read only");
}

/* O_TRUNC with a read-only access mode, and with the odd mode 3: both
 * truncate without opening for writing. */
static int
check_ro_open_trunc (gpointer data)
{
  int r = try_open (data, "ro/file", O_RDONLY | O_TRUNC);

  if (r != EACCES)
    return r == 0 ? -1 : r;
  return try_open (data, "ro/file", O_ACCMODE | O_TRUNC);
}

static void
test_ro_open_trunc (Tree *tree, gconstpointer data)
{
  if (tree->root == NULL)
    return;
  g_assert_cmpint (run (tree, check_ro_open_trunc), ==, EACCES);
  assert_contents (tree, "ro/file", "read only");
}

static int
check_ro_openat2_trunc (gpointer data)
{
  g_autofree char *path = tree_path (data, "ro/file");
  struct open_how how = { .flags = O_RDONLY | O_TRUNC | O_CLOEXEC };
  long fd = syscall (SYS_openat2, AT_FDCWD, path, &how, sizeof how);

  if (fd >= 0)
    {
      close ((int) fd);
      return 0;
    }
  return errno;
}

static void
test_ro_openat2_trunc (Tree *tree, gconstpointer data)
{
  if (tree->root == NULL)
    return;
  /* seccomp cannot read openat2's flags: below ABI 3 it is ENOSYS (the C
   * library falls back to openat); from ABI 3 Landlock refuses. */
  g_assert_cmpint (run (tree, check_ro_openat2_trunc), ==, tree->abi < 3 ? ENOSYS : EACCES);
  assert_contents (tree, "ro/file", "read only");
}

static int
check_rw_everything (gpointer data)
{
  g_autofree char *path = tree_path (data, "rw/new");
  g_autofree char *dir = tree_path (data, "rw/newdir");
  char buf[8] = { 0 };
  int fd;

  fd = open (path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0)
    return errno;
  if (write (fd, "hello", 5) != 5 || pread (fd, buf, 5, 0) != 5 || !g_str_equal (buf, "hello"))
    return EIO;
  close (fd);
  TRY (try_open (data, "rw/file", O_RDWR));
  TRY (try_list (data, "rw"));
  TRY (ERRNO_OF (mkdir (dir, 0755)));
  TRY (ERRNO_OF (rmdir (dir)));
  return ERRNO_OF (unlink (path));
}

static void
test_rw_everything (Tree *tree, gconstpointer data)
{
  if (tree->root == NULL)
    return;
  g_assert_cmpint (run (tree, check_rw_everything), ==, 0);
  assert_exists (tree, "rw/new", FALSE);
}

/* Writing through a descriptor opened for writing truncates at every ABI;
 * truncate(2) by path only from ABI 3 (seccomp refuses it below). */
static int
check_rw_truncate (gpointer data)
{
  g_autofree char *path = tree_path (data, "rw/file");
  int fd;

  TRY (try_open (data, "rw/file", O_WRONLY | O_TRUNC));
  fd = open (path, O_WRONLY | O_CLOEXEC);
  if (fd < 0)
    return errno;
  TRY (ERRNO_OF (ftruncate (fd, 0)));
  close (fd);
  return ERRNO_OF (truncate (path, 0));
}

static void
test_rw_truncate (Tree *tree, gconstpointer data)
{
  if (tree->root == NULL)
    return;
  g_assert_cmpint (run (tree, check_rw_truncate), ==, tree->abi < 3 ? EACCES : 0);
  assert_contents (tree, "rw/file", "");
}

static int
check_wo (gpointer data)
{
  int r;

  TRY (try_open (data, "wo/new", O_WRONLY | O_CREAT | O_EXCL));
  TRY (try_open (data, "wo/file", O_WRONLY));
  r = try_open (data, "wo/file", O_RDONLY);
  if (r != EACCES)
    return r == 0 ? -1 : r;
  return try_list (data, "wo");
}

static void
test_wo (Tree *tree, gconstpointer data)
{
  if (tree->root == NULL)
    return;
  g_assert_cmpint (run (tree, check_wo), ==, EACCES);
  assert_exists (tree, "wo/new", TRUE);
}

static int
check_outside (gpointer data)
{
  int r = try_open (data, "out/file", O_RDONLY);

  if (r != EACCES)
    return r == 0 ? -1 : r;
  r = try_list (data, "out");
  if (r != EACCES)
    return r == 0 ? -1 : r;
  return try_open (data, "out/new", O_WRONLY | O_CREAT | O_EXCL);
}

static void
test_outside (Tree *tree, gconstpointer data)
{
  if (tree->root == NULL)
    return;
  g_assert_cmpint (run (tree, check_outside), ==, EACCES);
  assert_exists (tree, "out/new", FALSE);
}

static int
check_file_rule (gpointer data)
{
  int r;

  TRY (try_open (data, "files/allowed", O_RDONLY));
  r = try_open (data, "files/allowed", O_WRONLY);
  if (r != EACCES)
    return r == 0 ? -1 : r;
  r = try_list (data, "files");
  if (r != EACCES)
    return r == 0 ? -1 : r;
  return try_open (data, "files/sibling", O_RDONLY);
}

static void
test_file_rule (Tree *tree, gconstpointer data)
{
  if (tree->root == NULL)
    return;
  g_assert_cmpint (run (tree, check_file_rule), ==, EACCES);
}

static int
check_across (gpointer data)
{
  g_autofree char *from = tree_path (data, "rw/file");
  g_autofree char *linked = tree_path (data, "rw2/linked");
  g_autofree char *moved = tree_path (data, "rw2/moved");

  TRY (ERRNO_OF (link (from, linked)));
  return ERRNO_OF (rename (from, moved));
}

static void
test_across (Tree *tree, gconstpointer data)
{
  if (tree->root == NULL)
    return;
  if (tree->abi < 2)
    {
      g_assert_cmpint (run (tree, check_across), ==, EXDEV);
      assert_contents (tree, "rw/file", "read write");
    }
  else
    {
      g_assert_cmpint (run (tree, check_across), ==, 0);
      assert_contents (tree, "rw2/moved", "read write");
    }
}

static int
check_link_in (gpointer data)
{
  g_autofree char *from = tree_path (data, "out/file");
  g_autofree char *to = tree_path (data, "rw/stolen");

  return ERRNO_OF (link (from, to));
}

static void
test_link_in (Tree *tree, gconstpointer data)
{
  if (tree->root == NULL)
    return;
  assert_refused_move (tree, run (tree, check_link_in));
  assert_exists (tree, "rw/stolen", FALSE);
}

static int
check_symlink_out (gpointer data)
{
  g_autofree char *target = tree_path (data, "out/file");
  g_autofree char *link_path = tree_path (data, "rw/link");

  /* Making the link is fine (MAKE_SYM); following it leads outside. */
  TRY (ERRNO_OF (symlink (target, link_path)));
  return try_open (data, "rw/link", O_RDONLY);
}

static void
test_symlink_out (Tree *tree, gconstpointer data)
{
  if (tree->root == NULL)
    return;
  g_assert_cmpint (run (tree, check_symlink_out), ==, EACCES);
}

static int
check_make_char (gpointer data)
{
  g_autofree char *fifo = tree_path (data, "rw/fifo");
  g_autofree char *node = tree_path (data, "rw/null");

  TRY (ERRNO_OF (mkfifo (fifo, 0600)));
  return ERRNO_OF (mknod (node, S_IFCHR | 0600, makedev (1, 3)));
}

static void
test_make_char (Tree *tree, gconstpointer data)
{
  if (tree->root == NULL)
    return;
  /* EACCES is Landlock's answer (checked before CAP_MKNOD's EPERM). */
  g_assert_cmpint (run (tree, check_make_char), ==, EACCES);
  assert_exists (tree, "rw/fifo", TRUE);
  assert_exists (tree, "rw/null", FALSE);
}

static const struct
{
  const char *name;
  void (*func) (Tree *, gconstpointer);
} cases[] = {
  { "read-only-dir/read", test_ro_read },
  { "read-only-dir/create", test_ro_create },
  { "read-only-dir/unlink", test_ro_unlink },
  { "read-only-dir/rename-in", test_ro_rename_in },
  { "read-only-dir/write", test_ro_write },
  { "read-only-dir/truncate", test_ro_truncate },
  { "read-only-dir/open-trunc", test_ro_open_trunc },
  { "read-only-dir/openat2-trunc", test_ro_openat2_trunc },
  { "read-write-dir/everything", test_rw_everything },
  { "read-write-dir/truncate", test_rw_truncate },
  { "write-only-dir", test_wo },
  { "outside", test_outside },
  { "file-rule", test_file_rule },
  { "rename-link-across-dirs", test_across },
  { "hard-link-in-from-outside", test_link_in },
  { "symlink-to-outside", test_symlink_out },
  { "make-char-never-granted", test_make_char },
};

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  for (int abi = 1; abi <= 7; abi++)
    for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autofree char *path = g_strdup_printf ("/enforce/abi%d/%s", abi, cases[i].name);

        g_test_add (path, Tree, GINT_TO_POINTER (abi), tree_setup, cases[i].func, tree_teardown);
      }

  return g_test_run ();
}
