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

#include "cordon-landlock-private.h"
#include "enforce-util.h"

/* ro/ Read, rw/ and rw2/ ReadWrite, wo/ Write, out/ no rule,
 * files/allowed a Read file rule (files/sibling none). */
typedef struct _FsCase FsCase;

typedef struct
{
  int           abi;
  const FsCase *fs_case;
} Param;

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

  const Param *param = data;

  tree->abi = param->abi;
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

/* The same, for a step that must be refused by the sandbox (-1 if it
 * worked, the errno if refused some other way). */
#define TRY_DENIED(expr)                                                                           \
  G_STMT_START                                                                                     \
  {                                                                                                \
    int try_result_ = (expr);                                                                      \
    if (try_result_ != EACCES)                                                                     \
      return try_result_ == 0 ? -1 : try_result_;                                                  \
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

static int
check_ro_create (gpointer data)
{
  return try_open (data, "ro/new", O_WRONLY | O_CREAT | O_EXCL);
}

static int
check_ro_unlink (gpointer data)
{
  g_autofree char *path = tree_path (data, "ro/file");

  return ERRNO_OF (unlink (path));
}

static int
check_ro_rename_in (gpointer data)
{
  g_autofree char *from = tree_path (data, "rw/file");
  g_autofree char *to = tree_path (data, "ro/moved");

  return ERRNO_OF (rename (from, to));
}

static int
check_ro_write (gpointer data)
{
  return try_open (data, "ro/file", O_WRONLY);
}

static int
check_ro_truncate (gpointer data)
{
  g_autofree char *path = tree_path (data, "ro/file");

  return ERRNO_OF (truncate (path, 0));
}

/* O_TRUNC with a read-only access mode, and with the odd mode 3: both
 * truncate without opening for writing. */
static int
check_ro_open_trunc (gpointer data)
{
  TRY_DENIED (try_open (data, "ro/file", O_RDONLY | O_TRUNC));
  return try_open (data, "ro/file", O_ACCMODE | O_TRUNC);
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

static int
check_wo (gpointer data)
{
  TRY (try_open (data, "wo/new", O_WRONLY | O_CREAT | O_EXCL));
  TRY (try_open (data, "wo/file", O_WRONLY));
  TRY_DENIED (try_open (data, "wo/file", O_RDONLY));
  return try_list (data, "wo");
}

static int
check_outside (gpointer data)
{
  TRY_DENIED (try_open (data, "out/file", O_RDONLY));
  TRY_DENIED (try_list (data, "out"));
  return try_open (data, "out/new", O_WRONLY | O_CREAT | O_EXCL);
}

static int
check_file_rule (gpointer data)
{
  TRY (try_open (data, "files/allowed", O_RDONLY));
  TRY_DENIED (try_open (data, "files/allowed", O_WRONLY));
  TRY_DENIED (try_list (data, "files"));
  return try_open (data, "files/sibling", O_RDONLY);
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

static int
check_link_in (gpointer data)
{
  g_autofree char *from = tree_path (data, "out/file");
  g_autofree char *to = tree_path (data, "rw/stolen");

  return ERRNO_OF (link (from, to));
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

static int
check_make_device (gpointer data)
{
  g_autofree char *fifo = tree_path (data, "rw/fifo");
  g_autofree char *node = tree_path (data, "rw/null");

  TRY (ERRNO_OF (mkfifo (fifo, 0600)));
  TRY_DENIED (ERRNO_OF (mknod (node, S_IFCHR | 0600, makedev (1, 3))));
  return ERRNO_OF (mknod (node, S_IFBLK | 0600, makedev (7, 0)));
}

/* A refused move or link across directories: EACCES, or EXDEV (below
 * ABI 2 always, from ABI 2 when the file would gain rights by the move).
 * Programs then fall back to a copy, which Landlock checks as usual. */
#define MOVE_REFUSED (-2)

struct _FsCase
{
  const char  *name;
  EnforceCheck check;
  int          below;    /* expected result below ABI @from… */
  int          from;
  int          at_from;  /* …and from it on */
  const char  *same;     /* a file whose contents must be @contents afterwards */
  const char  *contents;
  const char  *absent;   /* must not exist afterwards */
  const char  *present;  /* must exist afterwards */
  int          last_abi; /* registered only up to this ABI (0: all)… */
  int          first_abi; /* …or only from this one */
};

static const FsCase cases[] = {
  { "read-only-dir/read", check_ro_read, 0, 1, 0 },
  { "read-only-dir/create", check_ro_create, EACCES, 1, EACCES, .absent = "ro/new" },
  { "read-only-dir/unlink", check_ro_unlink, EACCES, 1, EACCES, "ro/file", "read only" },
  { "read-only-dir/rename-in", check_ro_rename_in, MOVE_REFUSED, 1, MOVE_REFUSED, "rw/file",
    "read write", .absent = "ro/moved" },
  { "read-only-dir/write", check_ro_write, EACCES, 1, EACCES, "ro/file", "read only" },
  /* Landlock from ABI 3, the seccomp emulation below: EACCES either way. */
  { "read-only-dir/truncate", check_ro_truncate, EACCES, 1, EACCES, "ro/file", "read only" },
  { "read-only-dir/open-trunc", check_ro_open_trunc, EACCES, 1, EACCES, "ro/file", "read only" },
  /* seccomp cannot read openat2's flags: below ABI 3 it is ENOSYS (the C
   * library falls back to openat); from ABI 3 Landlock refuses. */
  { "read-only-dir/openat2-trunc", check_ro_openat2_trunc, ENOSYS, 3, EACCES, "ro/file",
    "read only" },
  { "read-write-dir/everything", check_rw_everything, 0, 1, 0, .absent = "rw/new" },
  { "read-write-dir/truncate", check_rw_truncate, EACCES, 3, 0, "rw/file", "" },
  { "write-only-dir", check_wo, EACCES, 1, EACCES, .present = "wo/new" },
  { "outside", check_outside, EACCES, 1, EACCES, .absent = "out/new" },
  { "file-rule", check_file_rule, EACCES, 1, EACCES },
  /* Below ABI 2 the kernel refuses every move across directories. */
  { "rename-link-across-dirs/refused", check_across, EXDEV, 1, EXDEV, "rw/file", "read write",
    .absent = "rw2/linked", .last_abi = 1 },
  { "rename-link-across-dirs/allowed", check_across, 0, 1, 0, "rw2/moved", "read write",
    .absent = "rw/file", .present = "rw2/linked", .first_abi = 2 },
  { "hard-link-in-from-outside", check_link_in, MOVE_REFUSED, 1, MOVE_REFUSED, "out/file",
    "outside", .absent = "rw/stolen" },
  { "symlink-to-outside", check_symlink_out, EACCES, 1, EACCES },
  /* EACCES is Landlock's answer (checked before CAP_MKNOD's EPERM). */
  { "make-device-never-granted", check_make_device, EACCES, 1, EACCES, .present = "rw/fifo",
    .absent = "rw/null" },
};

static void
test_case (Tree          *tree,
           gconstpointer  data)
{
  const FsCase *fs_case = ((const Param *) data)->fs_case;
  int expected = tree->abi < fs_case->from ? fs_case->below : fs_case->at_from;
  int result;

  if (tree->root == NULL)
    return; /* skipped in setup */

  result = run (tree, fs_case->check);
  if (expected == MOVE_REFUSED && result == EXDEV)
    expected = EXDEV;
  else if (expected == MOVE_REFUSED)
    expected = EACCES;
  g_assert_cmpint (result, ==, expected);

  if (fs_case->same != NULL)
    assert_contents (tree, fs_case->same, fs_case->contents);
  if (fs_case->absent != NULL)
    assert_exists (tree, fs_case->absent, FALSE);
  if (fs_case->present != NULL)
    assert_exists (tree, fs_case->present, TRUE);
}

int
main (int argc, char **argv)
{
  static Param params[CORDON_LANDLOCK_ABI_MAX * G_N_ELEMENTS (cases)];
  guint n = 0;

  g_test_init (&argc, &argv, NULL);

  for (int abi = 1; abi <= CORDON_LANDLOCK_ABI_MAX; abi++)
    for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autofree char *path = g_strdup_printf ("/enforce/abi%d/%s", abi, cases[i].name);

        if ((cases[i].last_abi != 0 && abi > cases[i].last_abi) || abi < cases[i].first_abi)
          continue;
        params[n] = (Param){ abi, &cases[i] };
        g_test_add (path, Tree, &params[n++], tree_setup, test_case, tree_teardown);
      }

  return g_test_run ();
}
