/* prediction-probe.c: the program of the --report prediction tests, static
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cordon-run --report lets an open the rules grant run without following
 * it to its exit. These are the opens where a lexical reading of the path
 * would say "granted" but the kernel refuses, and their allowed twins.
 * Raw system calls throughout.
 *
 * Usage: prediction-probe paths DIR
 *   Under --ro DIR/allowed --rw DIR/rw --wo DIR/wo, with the links the test
 *   made (allowed/link-* lead into DIR/refused, allowed/dirlink is
 *   DIR/refused): every open below either succeeds or is refused, as its
 *   comment says. Exits 0 when each did, 1 (saying which) otherwise.
 * Usage: prediction-probe cwd DIR
 *   Same profile as paths. Opens the same names (twin-*, in DIR/allowed and
 *   DIR/refused) relative to the working folder after it moved: by chdir,
 *   fchdir, another thread's chdir, in a child, and by renaming it.
 * Usage: prediction-probe creates DIR
 *   Same profile as paths. Opens with O_CREAT: granted in DIR/rw and (write
 *   only) DIR/wo, refused in DIR/allowed, and through links in DIR/rw that
 *   lead to names not made yet in DIR/refused.
 * Usage: prediction-probe writes DIR
 *   Under --ro / --rw DIR/rw (every read granted, so the tracing filter
 *   lets reads pass without a stop): the opens that ask for more than
 *   reading outside DIR/rw are refused, their twins inside it are not.
 * Usage: prediction-probe swap DIR N
 *   One thread keeps exchanging DIR/rw/racy (a file) with DIR/rw/racy-link
 *   (a link to DIR/refused/secret) while the main thread opens DIR/rw/racy
 *   N times; prints how many of those opens the kernel refused.
 * Usage: prediction-probe flip DIR N
 *   One thread keeps rewriting a path between DIR/allowed/ok and
 *   DIR/refused/no while the main thread opens it N times; prints how many
 *   of those opens the kernel refused.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static int failures;

static void
expect (long        result,
        int         allowed,
        const char *what)
{
  if (allowed && result < 0)
    {
      fprintf (stderr, "prediction-probe: %s was refused (%s)\n", what, strerror (errno));
      failures++;
    }
  else if (!allowed && (result >= 0 || errno != EACCES))
    {
      fprintf (stderr, "prediction-probe: %s was not refused\n", what);
      failures++;
    }
  if (result >= 0)
    syscall (SYS_close, result);
}

static char *
join (const char *dir,
      const char *name)
{
  static char buffers[16][4096];
  static int next;
  char *out = buffers[next++ % 16];

  snprintf (out, 4096, "%s/%s", dir, name);
  return out;
}

static const char *dir;

static void *
thread_main (void *data)
{
  expect (syscall (SYS_openat, AT_FDCWD, join (dir, "allowed/ok"), O_RDONLY), 1,
          "the thread's allowed read");
  expect (syscall (SYS_openat, AT_FDCWD, join (dir, "allowed/link-thread"), O_RDONLY), 0,
          "the thread's read through a link");
  return NULL;
}

static int
paths (void)
{
  pthread_t thread;
  int allowed_fd, moved_fd, status;
  pid_t pid;

  /* Granted, by every way of naming it. */
  expect (syscall (SYS_openat, AT_FDCWD, join (dir, "allowed/ok"), O_RDONLY), 1, "absolute");
  allowed_fd = (int) syscall (SYS_openat, AT_FDCWD, join (dir, "allowed"), O_RDONLY | O_DIRECTORY);
  if (allowed_fd < 0)
    return 2;
  expect (syscall (SYS_openat, allowed_fd, "ok", O_RDONLY), 1, "relative to a descriptor");
  expect (syscall (SYS_openat, allowed_fd, "sub/../ok", O_RDONLY), 1, "through ..");
  /* Never checked by Landlock, wherever it is. */
  expect (syscall (SYS_openat, AT_FDCWD, join (dir, "refused/secret"), O_PATH), 1, "O_PATH");
  expect (syscall (SYS_openat, allowed_fd, "ok", O_RDONLY | O_NOFOLLOW), 1, "O_NOFOLLOW");
  /* A link with O_NOFOLLOW fails before Landlock is asked. */
  if (syscall (SYS_openat, allowed_fd, "link-out", O_RDONLY | O_NOFOLLOW) >= 0 || errno != ELOOP)
    expect (0, 0, "a link with O_NOFOLLOW");
  /* Missing: the walk fails before Landlock is asked. */
  if (syscall (SYS_openat, allowed_fd, "missing", O_RDONLY) >= 0 || errno != ENOENT)
    expect (0, 0, "a missing file");

  /* Under the granted folder by name, refused where they lead. */
  expect (syscall (SYS_openat, allowed_fd, "link-out", O_RDONLY), 0, "a link out");
  expect (syscall (SYS_openat, allowed_fd, "dirlink/inner", O_RDONLY), 0,
          "through a folder link");
  expect (syscall (SYS_openat, allowed_fd, "../refused/via-dotdot", O_RDONLY), 0, "out by ..");
  /* Granted a read only. */
  expect (syscall (SYS_openat, allowed_fd, "ok", O_WRONLY), 0, "a write");

  /* openat2 with RESOLVE_IN_ROOT: "/name" is a name in the descriptor. */
  {
    struct open_how how = { .flags = O_RDONLY, .resolve = RESOLVE_IN_ROOT };
    int refused_fd = (int) syscall (SYS_openat, AT_FDCWD, join (dir, "refused"),
                                    O_PATH | O_DIRECTORY);

    if (refused_fd < 0)
      return 2;
    expect (syscall (SYS_openat2, allowed_fd, "/ok", &how, sizeof how), 1, "/ok in its root");
    expect (syscall (SYS_openat2, refused_fd, "/in-root", &how, sizeof how), 0,
            "/in-root in its root");
    syscall (SYS_close, refused_fd);
  }

  /* Reopened through /proc magic links: Landlock checks the file. */
  {
    char name[64];
    int path_fd = (int) syscall (SYS_openat, AT_FDCWD, join (dir, "refused/by-fd"), O_PATH);

    if (path_fd < 0)
      return 2;
    snprintf (name, sizeof name, "/dev/fd/%d", path_fd);
    expect (syscall (SYS_openat, AT_FDCWD, name, O_RDONLY), 0, "a reopening by /dev/fd");
    snprintf (name, sizeof name, "/proc/self/fd/%d", path_fd);
    expect (syscall (SYS_openat, AT_FDCWD, name, O_RDONLY), 0, "a reopening by /proc/self/fd");
    syscall (SYS_close, path_fd);
  }

  /* Relative to the working folder. */
  if (syscall (SYS_chdir, join (dir, "allowed")) != 0)
    return 2;
  expect (syscall (SYS_open, "ok", O_RDONLY), 1, "relative to the working folder");
  expect (syscall (SYS_open, "link-cwd", O_RDONLY), 0, "a link, from the working folder");

  /* A folder moved from a granted place to a write-only one, under a
   * descriptor opened before: the name the tracer saw first is stale. */
  moved_fd = (int) syscall (SYS_openat, AT_FDCWD, join (dir, "rw/moved"), O_RDONLY | O_DIRECTORY);
  if (moved_fd < 0)
    return 2;
  expect (syscall (SYS_openat, moved_fd, "f", O_RDONLY), 1, "in the folder before the move");
  if (syscall (SYS_renameat, AT_FDCWD, join (dir, "rw/moved"), AT_FDCWD,
               join (dir, "wo/moved")) != 0)
    {
      fprintf (stderr, "prediction-probe: the move failed: %s\n", strerror (errno));
      return 2;
    }
  expect (syscall (SYS_openat, moved_fd, "f", O_RDONLY), 0, "in the folder after the move");

  pid = fork ();
  if (pid == 0)
    {
      expect (syscall (SYS_openat, AT_FDCWD, join (dir, "allowed/ok"), O_RDONLY), 1,
              "the child's allowed read");
      expect (syscall (SYS_openat, AT_FDCWD, join (dir, "allowed/sub/../link-child"), O_RDONLY),
              0, "the child's read through a link");
      _exit (failures == 0 ? 0 : 1);
    }
  if (pid < 0 || waitpid (pid, &status, 0) != pid || !WIFEXITED (status))
    return 2;
  if (WEXITSTATUS (status) != 0)
    failures++;

  if (pthread_create (&thread, NULL, thread_main, NULL) != 0
      || pthread_join (thread, NULL) != 0)
    return 2;
  return failures == 0 ? 0 : 1;
}

static void *
chdir_main (void *data)
{
  return (void *) syscall (SYS_chdir, join (dir, "refused"));
}

static int
cwd (void)
{
  pthread_t thread;
  void *result;
  int refused_fd, status;
  pid_t pid;

  if (syscall (SYS_chdir, join (dir, "allowed")) != 0)
    return 2;
  expect (syscall (SYS_open, "twin-a", O_RDONLY), 1, "twin-a in the granted folder");
  if (syscall (SYS_chdir, join (dir, "refused")) != 0)
    return 2;
  expect (syscall (SYS_open, "twin-a", O_RDONLY), 0, "twin-a after chdir");

  refused_fd = (int) syscall (SYS_open, ".", O_PATH | O_DIRECTORY);
  if (refused_fd < 0 || syscall (SYS_chdir, join (dir, "allowed")) != 0)
    return 2;
  expect (syscall (SYS_open, "twin-b", O_RDONLY), 1, "twin-b in the granted folder");
  if (syscall (SYS_fchdir, refused_fd) != 0)
    return 2;
  expect (syscall (SYS_open, "twin-b", O_RDONLY), 0, "twin-b after fchdir");

  /* Threads share the working folder. */
  if (syscall (SYS_chdir, join (dir, "allowed")) != 0)
    return 2;
  expect (syscall (SYS_open, "twin-c", O_RDONLY), 1, "twin-c in the granted folder");
  if (pthread_create (&thread, NULL, chdir_main, NULL) != 0
      || pthread_join (thread, &result) != 0 || result != NULL)
    return 2;
  expect (syscall (SYS_open, "twin-c", O_RDONLY), 0, "twin-c after a thread's chdir");

  /* A child's is its own. */
  if (syscall (SYS_chdir, join (dir, "allowed")) != 0)
    return 2;
  expect (syscall (SYS_open, "twin-d", O_RDONLY), 1, "twin-d in the granted folder");
  pid = fork ();
  if (pid == 0)
    {
      if (syscall (SYS_chdir, join (dir, "refused")) != 0)
        _exit (2);
      expect (syscall (SYS_open, "twin-d", O_RDONLY), 0, "twin-d in the child");
      _exit (failures == 0 ? 0 : 1);
    }
  if (pid < 0 || waitpid (pid, &status, 0) != pid || !WIFEXITED (status)
      || WEXITSTATUS (status) != 0)
    failures++;
  expect (syscall (SYS_open, "twin-d", O_RDONLY), 1, "twin-d in the parent after the child");

  /* The working folder moved to where reading is refused. */
  if (syscall (SYS_chdir, join (dir, "rw/moved")) != 0)
    return 2;
  expect (syscall (SYS_open, "f", O_RDONLY), 1, "f before the move");
  if (syscall (SYS_renameat, AT_FDCWD, join (dir, "rw/moved"), AT_FDCWD,
               join (dir, "wo/moved")) != 0)
    return 2;
  expect (syscall (SYS_open, "f", O_RDONLY), 0, "f after the move");
  return failures == 0 ? 0 : 1;
}

static int
creates (void)
{
  int rw_fd = (int) syscall (SYS_openat, AT_FDCWD, join (dir, "rw"), O_PATH | O_DIRECTORY);

  if (rw_fd < 0)
    return 2;
  expect (syscall (SYS_openat, AT_FDCWD, join (dir, "rw/new-1"), O_WRONLY | O_CREAT, 0600), 1,
          "a creation in a granted folder");
  expect (syscall (SYS_openat, rw_fd, "new-2", O_RDWR | O_CREAT | O_EXCL, 0600), 1,
          "a creation relative to a descriptor");
  expect (syscall (SYS_openat, rw_fd, "new-1", O_RDWR | O_CREAT, 0600), 1,
          "O_CREAT of an existing file");
  expect (syscall (SYS_openat, AT_FDCWD, join (dir, "wo/new-3"), O_WRONLY | O_CREAT, 0600), 1,
          "a creation in a write-only folder");
  expect (syscall (SYS_openat, AT_FDCWD, join (dir, "allowed/new-4"), O_WRONLY | O_CREAT, 0600),
          0, "a creation in a read-only folder");
  expect (syscall (SYS_openat, AT_FDCWD, join (dir, "rw/link-create"), O_WRONLY | O_CREAT, 0600),
          0, "a creation through a link");
  expect (syscall (SYS_openat, rw_fd, "link-create-2", O_WRONLY | O_CREAT, 0600), 0,
          "a creation through a link, relative to a descriptor");
  expect (syscall (SYS_creat, join (dir, "rw/sub-link/new-5"), 0600), 0,
          "a creation through a folder link");
  return failures == 0 ? 0 : 1;
}

static int
writes (void)
{
  expect (syscall (SYS_openat, AT_FDCWD, join (dir, "refused/secret"), O_RDONLY), 1, "a read");
  expect (syscall (SYS_openat, AT_FDCWD, join (dir, "refused/secret"), O_WRONLY), 0, "a write");
  expect (syscall (SYS_openat, AT_FDCWD, join (dir, "refused/secret"), O_RDWR), 0,
          "a read and write");
  expect (syscall (SYS_open, join (dir, "refused/secret"), O_RDONLY | O_TRUNC), 0,
          "a truncation");
  expect (syscall (SYS_openat, AT_FDCWD, join (dir, "refused/new"), O_WRONLY | O_CREAT, 0600), 0,
          "a creation");
  expect (syscall (SYS_openat, AT_FDCWD, join (dir, "rw/moved/f"), O_RDWR | O_TRUNC), 1,
          "a granted write");
  expect (syscall (SYS_open, join (dir, "rw/new"), O_WRONLY | O_CREAT, 0600), 1,
          "a granted creation");
  return failures == 0 ? 0 : 1;
}

static volatile int swapping = 1;

static void *
swap_main (void *data)
{
  const char *racy = join (dir, "rw/racy");
  const char *link = join (dir, "rw/racy-link");

  while (swapping)
    if (syscall (SYS_renameat2, AT_FDCWD, racy, AT_FDCWD, link, 2 /* RENAME_EXCHANGE */) != 0)
      return (void *) 1L;
  return NULL;
}

static int
swap (long n)
{
  char racy[4096];
  pthread_t thread;
  void *result;
  long refusals = 0;

  snprintf (racy, sizeof racy, "%s/rw/racy", dir);
  if (pthread_create (&thread, NULL, swap_main, NULL) != 0)
    return 2;
  for (long i = 0; i < n; i++)
    {
      long fd = syscall (SYS_openat, AT_FDCWD, racy, O_RDONLY);

      if (fd >= 0)
        syscall (SYS_close, fd);
      else if (errno == EACCES)
        refusals++;
    }
  swapping = 0;
  if (pthread_join (thread, &result) != 0 || result != NULL)
    return 2;
  printf ("%ld\n", refusals);
  return 0;
}

static char flip_path[4096];
static char granted[4096];
static char refused[4096];
static volatile int flipping = 1;

static void *
flip_main (void *data)
{
  size_t len = strlen (granted);

  while (flipping)
    {
      memcpy (flip_path, refused, len);
      memcpy (flip_path, granted, len);
    }
  return NULL;
}

static int
flip (long n)
{
  pthread_t thread;
  long refusals = 0;

  snprintf (granted, sizeof granted, "%s/allowed/ok", dir);
  snprintf (refused, sizeof refused, "%s/refused/no", dir);
  if (strlen (granted) != strlen (refused))
    return 2;
  memcpy (flip_path, granted, strlen (granted) + 1);
  if (pthread_create (&thread, NULL, flip_main, NULL) != 0)
    return 2;
  for (long i = 0; i < n; i++)
    {
      long fd = syscall (SYS_openat, AT_FDCWD, flip_path, O_RDONLY);

      if (fd >= 0)
        syscall (SYS_close, fd);
      else if (errno == EACCES)
        refusals++;
    }
  flipping = 0;
  pthread_join (thread, NULL);
  printf ("%ld\n", refusals);
  return 0;
}

int
main (int    argc,
      char **argv)
{
  if (argc == 3 && strcmp (argv[1], "paths") == 0)
    {
      dir = argv[2];
      return paths ();
    }
  if (argc == 3 && strcmp (argv[1], "cwd") == 0)
    {
      dir = argv[2];
      return cwd ();
    }
  if (argc == 3 && strcmp (argv[1], "creates") == 0)
    {
      dir = argv[2];
      return creates ();
    }
  if (argc == 3 && strcmp (argv[1], "writes") == 0)
    {
      dir = argv[2];
      return writes ();
    }
  if (argc == 4 && strcmp (argv[1], "swap") == 0)
    {
      dir = argv[2];
      return swap (atol (argv[3]));
    }
  if (argc == 4 && strcmp (argv[1], "flip") == 0)
    {
      dir = argv[2];
      return flip (atol (argv[3]));
    }
  return 2;
}
