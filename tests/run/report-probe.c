/* report-probe.c: the program of the --report test, linked statically
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: report-probe DIR SOCKET
 * Under a sandbox that grants none of DIR, does exactly these things, with
 * raw system calls and no C library start-up beyond a static binary's:
 *   reads DIR/read-me twice (relative to the working folder, which is DIR),
 *   creates DIR/out/created (relative to a descriptor of DIR/out),
 *   lists DIR/listed,
 *   opens a UDP socket,
 *   connects to the named socket SOCKET (unless SOCKET is "-"),
 *   forks a child that reads DIR/child-reads (as DIR/out/../child-reads),
 *   starts a thread that reads DIR/thread-reads.
 * Exits 0 when every one of them was refused, 1 and says which was not.
 */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

static int failures;

static void
expect_refused (long        result,
                const char *what)
{
  if (result >= 0)
    {
      fprintf (stderr, "report-probe: %s was allowed\n", what);
      failures++;
    }
}

static void *
thread_main (void *data)
{
  return (void *) (long) (syscall (SYS_open, "thread-reads", O_RDONLY) >= 0);
}

int
main (int    argc,
      char **argv)
{
  struct sockaddr_un addr = { .sun_family = AF_UNIX };
  int out_fd;
  int unix_fd;
  int status;
  pid_t pid;
  pthread_t thread;
  void *thread_result;

  if (argc != 3 || chdir (argv[1]) != 0 || strlen (argv[2]) >= sizeof addr.sun_path)
    return 2;

  expect_refused (syscall (SYS_openat, AT_FDCWD, "read-me", O_RDONLY), "read");
  expect_refused (syscall (SYS_openat, AT_FDCWD, "./read-me", O_RDONLY), "read again");

  /* O_PATH needs no right: only the creation below is refused. */
  out_fd = (int) syscall (SYS_openat, AT_FDCWD, "out", O_PATH | O_DIRECTORY);
  if (out_fd < 0)
    return 2;
  expect_refused (syscall (SYS_openat, out_fd, "created", O_WRONLY | O_CREAT | O_EXCL, 0600),
                  "create");

  expect_refused (syscall (SYS_openat, AT_FDCWD, "listed", O_RDONLY | O_DIRECTORY), "list");

  expect_refused (syscall (SYS_socket, AF_INET, SOCK_DGRAM, 0), "UDP socket");

  if (strcmp (argv[2], "-") != 0)
    {
      unix_fd = (int) syscall (SYS_socket, AF_UNIX, SOCK_STREAM, 0);
      if (unix_fd < 0)
        return 2;
      strcpy (addr.sun_path, argv[2]);
      expect_refused (syscall (SYS_connect, unix_fd, &addr, sizeof addr), "connect");
    }

  pid = fork ();
  if (pid == 0)
    _exit (syscall (SYS_openat, out_fd, "../child-reads", O_RDONLY) >= 0 ? 1 : 0);
  if (pid < 0 || waitpid (pid, &status, 0) != pid || !WIFEXITED (status))
    return 2;
  if (WEXITSTATUS (status) != 0)
    expect_refused (0, "the child's read");

  if (pthread_create (&thread, NULL, thread_main, NULL) != 0
      || pthread_join (thread, &thread_result) != 0)
    return 2;
  if (thread_result != NULL)
    expect_refused (0, "the thread's read");

  return failures == 0 ? 0 : 1;
}
