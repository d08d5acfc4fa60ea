/* test-differential.c: the query's answer equals what the kernel does
 *
 * The preview in the app and `cordon-run --query` are only worth something
 * if they tell the truth. This test generates random rule sets over a
 * small tree (with symlinks, "..", missing paths and a dangling link),
 * asks CordonQueryContext about every (path, mode), and compares with what
 * a child sandboxed with the same set really gets. One child per rule set
 * tries every path, so thousands of cases take well under a second.
 *
 * The seed is fixed (printed; CORDON_DIFF_SEED overrides it) so a failure
 * can be replayed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <stddef.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "cordon-landlock-private.h"
#include "enforce-util.h"

#define DEFAULT_SEED 20250611
#define N_RULE_SETS  40

typedef enum
{
  KIND_FILE,
  KIND_DIR,
  KIND_MISSING,
  KIND_DANGLING, /* a symlink whose target is missing: creating makes the target */
} Kind;

/* Relative to the tree root. */
static const char *const dirs[] = { "a", "a/b", "a/b/c", "d", "d/e", "f", NULL };
static const char *const files[] = { "x", "a/x", "a/b/y", "a/b/c/z", "d/w", "d/e/v", "f/u", NULL };

/* Where rules may point: directories, files, and paths through symlinks
 * (the model resolves them; the kernel sees the target). */
static const char *const rule_dirs[] = { "", "a", "a/b", "a/b/c", "d", "d/e", "f", "a/to-d" };
static const char *const rule_files[] = { "x", "a/x", "a/b/y", "a/b/c/z", "d/w", "f/u",
                                          "d/e/to-y" };

static const char *const probes[] = {
  /* directories */
  "", "a", "a/b", "a/b/c", "d", "d/e", "f", "a/to-d", "a/to-d/e",
  /* files, some through a symlink or a ".." the kernel resolves physically */
  "x", "a/x", "a/b/y", "a/b/c/z", "d/w", "d/e/v", "f/u", "a/to-d/w", "d/e/to-y",
  "a/b/../x", "a/to-d/../x", "a/to-d/e/v", "a/b/c/../../b/y",
  /* missing, to be created */
  "new", "a/new", "a/b/new", "a/b/c/new", "d/new", "d/e/new", "f/new2", "a/to-d/new",
  "a/b/../new", "a/to-d/../new2", "a/dangle",
};

static const CordonAccessMode modes[] = {
  CORDON_ACCESS_READ, CORDON_ACCESS_WRITE, CORDON_ACCESS_READ_WRITE,
};

typedef struct
{
  char            *path;
  Kind             kind;
  CordonAccessMode mode;
  gboolean         expected; /* the query's answer */
} Case;

typedef struct
{
  gint32 allowed;
  gint32 error; /* errno of the first refused step, 0 if allowed */
} Actual;

typedef struct
{
  const char *root;
  const char *dangle_target;
  GArray     *cases;
  int         result_fd;
} Run;

static char *
tree_new (void)
{
  g_autofree char *tmp = enforce_tree_new ();
  char *root = realpath (tmp, NULL);

  g_assert_nonnull (root);
  for (guint i = 0; dirs[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (root, dirs[i], NULL);
      g_assert_no_errno (mkdir (path, 0755));
    }
  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (root, files[i], NULL);
      enforce_write_file (path, files[i]);
    }

  {
    g_autofree char *to_d = g_build_filename (root, "a", "to-d", NULL);
    g_autofree char *to_y = g_build_filename (root, "d", "e", "to-y", NULL);
    g_autofree char *dangle = g_build_filename (root, "a", "dangle", NULL);
    g_autofree char *y = g_build_filename (root, "a", "b", "y", NULL);

    g_assert_no_errno (symlink ("../d", to_d));
    g_assert_no_errno (symlink (y, to_y));
    g_assert_no_errno (symlink ("../f/new", dangle));
  }

  return root;
}

static Kind
kind_of (const char *path)
{
  struct stat st;

  if (stat (path, &st) == 0)
    return S_ISDIR (st.st_mode) ? KIND_DIR : KIND_FILE;
  g_assert_cmpint (errno, ==, ENOENT);
  return lstat (path, &st) == 0 ? KIND_DANGLING : KIND_MISSING;
}

static CordonCapabilitySet *
random_rules (GRand      *rand,
              const char *root,
              GString    *description)
{
  g_autoptr (CordonCapabilitySet) caps = cordon_capability_set_new ();
  int n_rules = g_rand_int_range (rand, 0, 5);

  cordon_capability_set_block_network (caps);
  for (int i = 0; i < n_rules; i++)
    {
      gboolean is_file = g_rand_int_range (rand, 0, 3) == 0;
      const char *rel = is_file ? rule_files[g_rand_int_range (rand, 0, G_N_ELEMENTS (rule_files))]
                                : rule_dirs[g_rand_int_range (rand, 0, G_N_ELEMENTS (rule_dirs))];
      CordonAccessMode mode = modes[g_rand_int_range (rand, 0, G_N_ELEMENTS (modes))];
      g_autofree char *path = g_build_filename (root, rel, NULL);
      g_autoptr (GError) error = NULL;

      if (is_file)
        cordon_capability_set_allow_file (caps, path, mode, &error);
      else
        cordon_capability_set_allow_path (caps, path, mode, &error);
      g_assert_no_error (error);
      g_string_append_printf (description, " %s:%s%s", *rel ? rel : "/",
                              cordon_access_mode_to_string (mode), is_file ? "(file)" : "");
    }

  return g_steal_pointer (&caps);
}

/* What the sandboxed child really manages to do, step by step. */

static int
try_read (const Case *c)
{
  if (c->kind == KIND_DIR)
    {
      DIR *dir = opendir (c->path);

      if (dir == NULL)
        return errno;
      while (readdir (dir) != NULL)
        ;
      closedir (dir);
      return 0;
    }

  {
    int fd = open (c->path, O_RDONLY | O_CLOEXEC);

    if (fd < 0)
      return errno;
    close (fd);
    return 0;
  }
}

static int
try_create (const char *path,
            int         flags,
            const char *remove_path)
{
  int fd = open (path, flags | O_CREAT | O_CLOEXEC, 0644);
  int saved_errno;

  if (fd < 0)
    {
      /* O_RDWR in a Write-only directory creates the file, then fails to
       * open it for reading: remove it so later cases see the same tree. */
      saved_errno = errno;
      unlink (remove_path);
      return saved_errno;
    }
  close (fd);
  return unlink (remove_path) < 0 ? errno : 0;
}

static int
try_case (const Run  *run,
          const Case *c,
          guint       index)
{
  int access = (c->mode & CORDON_ACCESS_READ) ? O_RDWR : O_WRONLY;

  switch (c->kind)
    {
    case KIND_MISSING:
      /* Read alone on a missing path is never asked; ReadWrite creates
       * for reading and writing, which needs both. */
      return try_create (c->path, access | O_EXCL, c->path);

    case KIND_DANGLING:
      /* O_EXCL would refuse the link itself; without it the target is
       * made, and is what gets removed. */
      return try_create (c->path, access, run->dangle_target);

    case KIND_DIR:
      if (c->mode & CORDON_ACCESS_READ)
        {
          int r = try_read (c);
          if (r != 0)
            return r;
        }
      if (c->mode & CORDON_ACCESS_WRITE)
        {
          g_autofree char *inside = g_strdup_printf ("%s/.probe-%u", c->path, index);
          return try_create (inside, O_WRONLY | O_EXCL, inside);
        }
      return 0;

    case KIND_FILE:
    default:
      if (c->mode == CORDON_ACCESS_READ)
        return try_read (c);
      {
        /* No O_TRUNC: this checks writing, not truncation. */
        int fd = open (c->path, access | O_CLOEXEC);

        if (fd < 0)
          return errno;
        close (fd);
        return 0;
      }
    }
}

static int
check_all (gpointer data)
{
  Run *run = data;

  for (guint i = 0; i < run->cases->len; i++)
    {
      const Case *c = &g_array_index (run->cases, Case, i);
      int r = try_case (run, c, i);
      Actual actual = { r == 0, r };

      if (write (run->result_fd, &actual, sizeof actual) != sizeof actual)
        return EIO;
    }
  return 0;
}

static void
case_clear (Case *c)
{
  g_free (c->path);
}

static guint32
get_seed (void)
{
  const char *env = g_getenv ("CORDON_DIFF_SEED");

  return env != NULL ? (guint32) g_ascii_strtoull (env, NULL, 10) : DEFAULT_SEED;
}

/* Queries every probe (and @extra_probes, may be NULL) under @caps, runs
 * them in a child sandboxed with @caps at @abi (0: the kernel's), and
 * reports each disagreement; returns how many. */
static guint
compare_with_kernel (const char          *root,
                     const char          *dangle_target,
                     CordonCapabilitySet *caps,
                     int                  abi,
                     const char *const   *extra_probes,
                     const char          *label,
                     guint               *n_cases,
                     guint               *n_allowed)
{
  g_autoptr (CordonQueryContext) context = cordon_query_context_new (caps);
  g_autoptr (GArray) cases = g_array_new (FALSE, TRUE, sizeof (Case));
  g_autoptr (GPtrArray) all_probes = g_ptr_array_new ();
  g_autoptr (GArray) actual = NULL;
  Run run = { root, dangle_target, cases, -1 };
  guint n_mismatches = 0;
  int fds[2];

  g_array_set_clear_func (cases, (GDestroyNotify) case_clear);
  for (gsize p = 0; p < G_N_ELEMENTS (probes); p++)
    g_ptr_array_add (all_probes, (gpointer) probes[p]);
  for (gsize p = 0; extra_probes != NULL && extra_probes[p] != NULL; p++)
    g_ptr_array_add (all_probes, (gpointer) extra_probes[p]);

  for (guint p = 0; p < all_probes->len; p++)
    for (gsize m = 0; m < G_N_ELEMENTS (modes); m++)
      {
        g_autoptr (CordonQueryResult) result = NULL;
        g_autoptr (GError) error = NULL;
        Case c = { 0 };

        c.path = g_build_filename (root, g_ptr_array_index (all_probes, p), NULL);
        c.kind = kind_of (c.path);
        c.mode = modes[m];
        if ((c.kind == KIND_MISSING || c.kind == KIND_DANGLING) && c.mode == CORDON_ACCESS_READ)
          {
            g_free (c.path);
            continue;
          }

        result = cordon_query_context_query_path (context, c.path, c.mode, &error);
        g_assert_no_error (error);
        c.expected = cordon_query_result_is_allowed (result);
        g_array_append_val (cases, c);
      }

  g_assert_no_errno (pipe2 (fds, O_CLOEXEC));
  /* One result per case, far below a pipe's buffer. */
  g_assert_cmpuint (cases->len * sizeof (Actual), <, 16384);
  run.result_fd = fds[1];
  g_assert_cmpint (enforce_run_applied (caps, abi, check_all, &run), ==, 0);
  close (fds[1]);

  actual = g_array_sized_new (FALSE, TRUE, sizeof (Actual), cases->len);
  g_array_set_size (actual, cases->len);
  g_assert_cmpint (read (fds[0], actual->data, cases->len * sizeof (Actual)), ==,
                   (gssize) (cases->len * sizeof (Actual)));
  close (fds[0]);

  for (guint i = 0; i < cases->len; i++)
    {
      const Case *c = &g_array_index (cases, Case, i);
      const Actual *a = &g_array_index (actual, Actual, i);
      /* A refusal must be the sandbox's (EACCES), never an accident
       * of the test such as ENOENT or EEXIST. */
      gboolean bad_errno = !a->allowed && a->error != EACCES;

      (*n_cases)++;
      *n_allowed += a->allowed;
      if (a->allowed == c->expected && !bad_errno)
        continue;

      n_mismatches++;
      g_test_message ("MISMATCH %s | %s %s: query says %s, kernel %s (%s)", label,
                      c->path + strlen (root), cordon_access_mode_to_string (c->mode),
                      c->expected ? "allowed" : "denied", a->allowed ? "allowed" : "denied",
                      g_strerror (a->error));
    }
  return n_mismatches;
}

static void
test_differential (void)
{
  g_autofree char *root = tree_new ();
  g_autofree char *dangle_target = g_build_filename (root, "f", "new", NULL);
  guint32 seed = get_seed ();
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
  int kernel_abi = enforce_kernel_abi ();
  guint n_cases = 0;
  guint n_allowed = 0;
  guint n_mismatches = 0;

  if (enforce_skip_unless_abi (1, "Landlock, to compare the query with the kernel"))
    return;
  g_test_message ("differential seed %u (set CORDON_DIFF_SEED to replay)", seed);

  for (int set = 0; set < N_RULE_SETS; set++)
    {
      g_autoptr (GString) description = g_string_new (NULL);
      g_autoptr (CordonCapabilitySet) caps = random_rules (rand, root, description);
      /* Most sets at this kernel's ABI, some at the lower ABIs (Debian 12
       * has 2): the answer must not depend on it. */
      int abi = set % 3 == 0 ? 1 + set / 3 % kernel_abi : 0;
      g_autofree char *label = g_strdup_printf ("seed %u set %d (ABI %d) rules:%s", seed, set,
                                                abi ? abi : kernel_abi,
                                                description->len ? description->str : " (none)");

      n_mismatches += compare_with_kernel (root, dangle_target, caps, abi, NULL, label, &n_cases,
                                           &n_allowed);
    }

  g_test_message ("%u cases, %u allowed by the kernel, %u mismatches", n_cases, n_allowed,
                  n_mismatches);
  g_assert_cmpuint (n_mismatches, ==, 0);
  /* The generator must exercise both answers, or the test proves nothing. */
  g_assert_cmpuint (n_cases, >=, 300);
  g_assert_cmpuint (n_allowed, >=, n_cases / 10);
  g_assert_cmpuint (n_allowed, <=, n_cases - n_cases / 10);

  enforce_tree_free (g_steal_pointer (&root));
}

/* Rules inside a rule that grants at least as much are dropped at apply
 * time (cordon_landlock_inherited_rights): the kernel must still do what
 * the query says, at every ABI. Hard links to the files of dropped rules,
 * outside any rule, are where the kernel would otherwise have granted more
 * than the query (Landlock attaches a rule to the inode); once the rule is
 * dropped they are refused, as the query says. */
static void
test_differential_nested (void)
{
  g_autofree char *root = tree_new ();
  g_autofree char *dangle_target = g_build_filename (root, "f", "new", NULL);
  /* Not to f/u: its rule is kept, and the kernel grants it through any
   * link (the query's known blind spot, which dropping does not widen). */
  static const char *const hard_links[] = { "hl-y", "hl-z", NULL };
  static const char *const linked[] = { "a/b/y", "a/b/c/z" };
  static const struct
  {
    const char      *rel;
    gboolean         is_file;
    CordonAccessMode mode;
    gboolean         added; /* reaches the kernel */
  } rules[] = {
    { "a/b", FALSE, CORDON_ACCESS_READ, FALSE },       /* before its parent in the list */
    { "a", FALSE, CORDON_ACCESS_READ_WRITE, TRUE },
    { "a/b/c", FALSE, CORDON_ACCESS_READ_WRITE, FALSE },
    { "a/b/y", TRUE, CORDON_ACCESS_READ, FALSE },
    { "a/b/c/z", TRUE, CORDON_ACCESS_READ_WRITE, FALSE }, /* a regular file: opened, not added */
    { "d", FALSE, CORDON_ACCESS_READ, TRUE },
    { "d/e", FALSE, CORDON_ACCESS_READ_WRITE, TRUE },    /* more than its parent: kept */
    { "d/w", TRUE, CORDON_ACCESS_WRITE, TRUE },
    { "f", FALSE, CORDON_ACCESS_WRITE, TRUE },
    { "f/u", TRUE, CORDON_ACCESS_READ_WRITE, TRUE },     /* Read is not in its parent */
  };
  g_autoptr (CordonCapabilitySet) caps = cordon_capability_set_new ();
  int kernel_abi = enforce_kernel_abi ();
  guint n_expected = 0;
  guint n_cases = 0;
  guint n_allowed = 0;
  guint n_mismatches = 0;

  if (enforce_skip_unless_abi (1, "Landlock, to compare the query with the kernel"))
    return;

  for (guint i = 0; hard_links[i] != NULL; i++)
    {
      g_autofree char *target = g_build_filename (root, linked[i], NULL);
      g_autofree char *link_path = g_build_filename (root, hard_links[i], NULL);

      g_assert_no_errno (link (target, link_path));
    }

  cordon_capability_set_block_network (caps);
  for (gsize i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      g_autofree char *path = g_build_filename (root, rules[i].rel, NULL);
      g_autoptr (GError) error = NULL;

      if (rules[i].is_file)
        cordon_capability_set_allow_file (caps, path, rules[i].mode, &error);
      else
        cordon_capability_set_allow_path (caps, path, rules[i].mode, &error);
      g_assert_no_error (error);
      n_expected += rules[i].added;
    }

  for (int abi = 1; abi <= kernel_abi; abi++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *label = g_strdup_printf ("nested rules, ABI %d", abi);
      guint n_added = 0;
      int fd = cordon_landlock_build_ruleset_counted (caps, abi, &n_added, &error);

      g_assert_no_error (error);
      g_assert_cmpint (fd, >=, 0);
      close (fd);
      g_assert_cmpuint (n_added, ==, n_expected);

      n_mismatches += compare_with_kernel (root, dangle_target, caps, abi, hard_links, label,
                                           &n_cases, &n_allowed);
    }

  g_test_message ("%u cases, %u allowed by the kernel, %u mismatches", n_cases, n_allowed,
                  n_mismatches);
  g_assert_cmpuint (n_mismatches, ==, 0);
  g_assert_cmpuint (n_allowed, >=, n_cases / 10);
  g_assert_cmpuint (n_allowed, <=, n_cases - n_cases / 10);

  enforce_tree_free (g_steal_pointer (&root));
}

/* ---- sockets: query_socket against a real connect ---------------------- */

#define N_SOCKET_SETS 24

/* Sockets made by the test (outside any sandbox), relative to the root. */
static const char *const socket_files[] = { "a/s", "a/b/s", "a/b/c/s", "d/s", "d/e/s", "f/s" };
/* Where socket rules may point: folders, sockets, and paths through links. */
static const char *const socket_rule_dirs[] = { "", "a", "a/b", "a/b/c", "d", "d/e", "f", "a/to-d" };
static const char *const socket_rule_files[] = { "a/s", "a/b/s", "d/s", "d/e/s", "f/s",
                                                 "a/to-d/s", "f/to-ds" };
static const char *const socket_probes[] = {
  "a/s", "a/b/s", "a/b/c/s", "d/s", "d/e/s", "f/s",
  /* through a folder link, a file link and ".." */
  "a/to-d/s", "a/to-d/e/s", "f/to-ds", "a/b/../s", "a/to-d/../a/b/s",
};

typedef struct
{
  GPtrArray *paths;
  int        result_fd;
} SocketRun;

static int
check_sockets (gpointer data)
{
  SocketRun *run = data;

  for (guint i = 0; i < run->paths->len; i++)
    {
      const char *path = run->paths->pdata[i];
      struct sockaddr_un addr = { .sun_family = AF_UNIX };
      int fd = socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
      Actual actual;

      g_strlcpy (addr.sun_path, path, sizeof addr.sun_path);
      actual.allowed = connect (fd, (struct sockaddr *) &addr, sizeof addr) == 0;
      actual.error = actual.allowed ? 0 : errno;
      close (fd);
      if (write (run->result_fd, &actual, sizeof actual) != sizeof actual)
        return EIO;
    }
  return 0;
}

static void
test_differential_sockets (void)
{
  g_autofree char *root = tree_new ();
  g_autoptr (GArray) servers = g_array_new (FALSE, FALSE, sizeof (int));
  guint32 seed = get_seed ();
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
  guint n_cases = 0, n_allowed = 0, n_mismatches = 0;

  if (enforce_skip_unless_abi (1, "Landlock, to compare the query with the kernel"))
    return;

  for (gsize i = 0; i < G_N_ELEMENTS (socket_files); i++)
    {
      g_autofree char *path = g_build_filename (root, socket_files[i], NULL);
      struct sockaddr_un addr = { .sun_family = AF_UNIX };
      /* Non-blocking, so draining never waits. */
      int fd = socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);

      g_assert_cmpuint (strlen (path), <, sizeof addr.sun_path);
      g_strlcpy (addr.sun_path, path, sizeof addr.sun_path);
      g_assert_no_errno (bind (fd, (struct sockaddr *) &addr, sizeof addr));
      g_assert_no_errno (listen (fd, 1024));
      g_array_append_val (servers, fd);
    }
  {
    g_autofree char *link = g_build_filename (root, "f", "to-ds", NULL);
    g_autofree char *target = g_build_filename (root, "d", "s", NULL);

    g_assert_no_errno (symlink (target, link));
  }

  for (int set = 0; set < N_SOCKET_SETS; set++)
    {
      g_autoptr (CordonCapabilitySet) caps = cordon_capability_set_new ();
      g_autoptr (CordonQueryContext) context = NULL;
      g_autoptr (GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
      g_autoptr (GString) description = g_string_new (NULL);
      g_autoptr (GArray) expected = g_array_new (FALSE, FALSE, sizeof (gboolean));
      g_autofree Actual *actual = NULL;
      /* Below ABI 9 the mediator answers; at 9 Landlock would. */
      int abi = set % 2 == 0 ? 8 : 0;
      guint n_rules = g_rand_int_range (rand, 0, 4);
      SocketRun run = { paths, -1 };
      int fds[2];

      /* A writable folder over everything: it must open no socket. */
      if (set % 3 == 0)
        {
          g_autoptr (GError) error = NULL;

          cordon_capability_set_allow_path (caps, root, CORDON_ACCESS_READ_WRITE, &error);
          g_assert_no_error (error);
          g_string_append (description, " rw:/");
        }
      for (guint r = 0; r < n_rules; r++)
        {
          gboolean folder = g_rand_boolean (rand);
          const char *rel = folder ? socket_rule_dirs[g_rand_int_range (rand, 0, G_N_ELEMENTS (socket_rule_dirs))]
                                   : socket_rule_files[g_rand_int_range (rand, 0, G_N_ELEMENTS (socket_rule_files))];
          g_autofree char *path = g_build_filename (root, rel, NULL);
          g_autoptr (GError) error = NULL;

          cordon_capability_set_allow_socket (caps, path, &error);
          g_assert_no_error (error);
          g_string_append_printf (description, " socket:/%s", rel);
        }
      context = cordon_query_context_new (caps);

      for (gsize p = 0; p < G_N_ELEMENTS (socket_probes); p++)
        {
          g_autoptr (CordonQueryResult) result = NULL;
          g_autoptr (GError) error = NULL;
          char *path = g_build_filename (root, socket_probes[p], NULL);
          gboolean allowed;

          result = cordon_query_context_query_socket (context, path, &error);
          g_assert_no_error (error);
          allowed = cordon_query_result_is_allowed (result);
          g_array_append_val (expected, allowed);
          g_ptr_array_add (paths, path);
        }

      g_assert_no_errno (pipe2 (fds, O_CLOEXEC));
      run.result_fd = fds[1];
      g_assert_cmpint (enforce_run_applied (caps, abi, check_sockets, &run), ==, 0);
      close (fds[1]);
      actual = g_new0 (Actual, paths->len);
      g_assert_cmpint (read (fds[0], actual, paths->len * sizeof (Actual)), ==,
                       (gssize) (paths->len * sizeof (Actual)));
      close (fds[0]);
      for (guint i = 0; i < servers->len; i++)
        {
          int peer;

          /* Drain what reached the test's sockets. */
          while ((peer = accept4 (g_array_index (servers, int, i), NULL, NULL,
                                  SOCK_CLOEXEC | SOCK_NONBLOCK)) >= 0)
            close (peer);
        }

      for (guint i = 0; i < paths->len; i++)
        {
          gboolean want = g_array_index (expected, gboolean, i);
          /* A refusal must be the sandbox's (EACCES). */
          gboolean bad_errno = !actual[i].allowed && actual[i].error != EACCES;

          n_cases++;
          n_allowed += actual[i].allowed;
          if (actual[i].allowed == want && !bad_errno)
            continue;
          n_mismatches++;
          g_test_message ("MISMATCH seed %u socket set %d (ABI %d) rules:%s | %s: query says %s, "
                          "kernel %s (%s)",
                          seed, set, abi, description->len ? description->str : " (none)",
                          (char *) paths->pdata[i] + strlen (root), want ? "allowed" : "denied",
                          actual[i].allowed ? "allowed" : "denied", g_strerror (actual[i].error));
        }
    }

  g_test_message ("%u socket cases, %u allowed, %u mismatches", n_cases, n_allowed, n_mismatches);
  g_assert_cmpuint (n_mismatches, ==, 0);
  g_assert_cmpuint (n_allowed, >=, n_cases / 10);
  g_assert_cmpuint (n_allowed, <=, n_cases - n_cases / 10);

  for (guint i = 0; i < servers->len; i++)
    close (g_array_index (servers, int, i));
  enforce_tree_free (g_steal_pointer (&root));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/enforce/differential/query-matches-kernel", test_differential);
  g_test_add_func ("/enforce/differential/nested-rules-dropped", test_differential_nested);
  g_test_add_func ("/enforce/differential/sockets", test_differential_sockets);

  return g_test_run ();
}
