/* fuzz-tree.c: the small fixed tree the fuzz targets resolve paths against
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "fuzz-tree.h"

static void
check (int         result,
       const char *what,
       const char *path)
{
  if (result != 0 && errno != EEXIST)
    {
      fprintf (stderr, "fuzz tree: %s %s: %s\n", what, path, g_strerror (errno));
      abort ();
    }
}

static void
make_dir (const char *name)
{
  g_autofree char *path = g_build_filename (FUZZ_TREE, name, NULL);
  check (mkdir (path, 0755), "mkdir", path);
}

static void
make_file (const char *name)
{
  g_autofree char *path = g_build_filename (FUZZ_TREE, name, NULL);
  int fd = open (path, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);

  check (fd < 0 ? -1 : 0, "create", path);
  close (fd);
}

static void
make_link (const char *name,
           const char *target)
{
  g_autofree char *path = g_build_filename (FUZZ_TREE, name, NULL);
  check (symlink (target, path), "symlink", path);
}

void
fuzz_tree_create (void)
{
  check (mkdir (FUZZ_TREE, 0755), "mkdir", FUZZ_TREE);
  make_dir ("a");
  make_dir ("a/b");
  make_dir ("ro");
  make_file ("a/f");
  make_file ("a/b/g");
  make_file ("ro/h");
  make_link ("link", "a");
  make_link ("flink", "a/f");
  make_link ("abs", FUZZ_TREE "/a/b");
  make_link ("dangling", "nowhere/x");
  make_link ("loop1", "loop2");
  make_link ("loop2", "loop1");
  make_link ("a/up", "..");
  make_link ("a/b/self", ".");
  {
    g_autofree char *fifo = g_build_filename (FUZZ_TREE, "fifo", NULL);
    check (mkfifo (fifo, 0644), "mkfifo", fifo);
  }
  {
    /* A named socket left behind by a server, for unix_sockets entries. */
    struct sockaddr_un addr = { .sun_family = AF_UNIX, .sun_path = FUZZ_TREE "/a/sock" };
    int fd = socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    int result = fd < 0 ? -1 : bind (fd, (struct sockaddr *) &addr, sizeof addr);

    /* A tree left by an earlier run already has it. */
    if (result != 0 && errno == EADDRINUSE)
      result = 0;
    check (result, "bind", addr.sun_path);
    close (fd);
  }
}

void
fuzz_make_warnings_fatal (void)
{
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
}
