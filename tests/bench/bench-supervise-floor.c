/* bench-supervise-floor.c: the least a launcher linked like cordon-run can
 * cost when it stays behind as a supervisor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-supervise-floor PROGRAM [ARG…]
 * bench-exec-floor, plus what cordon-run's supervisor does around the
 * program and nothing of the sandbox: block the forwarded signals, fork,
 * exec PROGRAM in the child (new session), and in the parent open a pidfd
 * and a signalfd, poll until the child exits, reap it and pass its status
 * on. Next to bench-exec-floor in bench-launch, it shows what the fork
 * and the loop cost by themselves.
 */
#include "config.h"

#include <poll.h>
#include <seccomp.h>
#include <signal.h>
#include <stdio.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif

int
main (int    argc,
      char **argv)
{
  const struct scmp_version *version = seccomp_version ();
  static const int handled[] = {
    SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGTSTP, SIGTTIN, SIGTTOU, SIGCONT,
    SIGWINCH, SIGCHLD,
  };
  sigset_t set, old_mask;
  int status;
  int pidfd;
  int signal_fd;
  pid_t pid;

  if (g_list_model_get_type () == 0 || json_parser_get_type () == 0 || version == NULL)
    return 125;
  if (argc < 2)
    return 0;

  sigemptyset (&set);
  for (gsize i = 0; i < G_N_ELEMENTS (handled); i++)
    sigaddset (&set, handled[i]);
  sigprocmask (SIG_BLOCK, &set, &old_mask);

  pid = fork ();
  if (pid < 0)
    return 125;
  if (pid == 0)
    {
      setsid ();
      sigprocmask (SIG_SETMASK, &old_mask, NULL);
      execv (argv[1], argv + 1);
      perror (argv[1]);
      _exit (127);
    }

  pidfd = (int) syscall (SYS_pidfd_open, pid, 0);
  signal_fd = signalfd (-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
  for (;;)
    {
      struct pollfd fds[2] = { { signal_fd, POLLIN, 0 }, { pidfd, POLLIN, 0 } };

      if (waitpid (pid, &status, WNOHANG) == pid)
        break;
      poll (fds, 2, -1);
    }
  close (pidfd);
  close (signal_fd);
  return WIFEXITED (status) ? WEXITSTATUS (status) : 128 + WTERMSIG (status);
}
