/* cordon-probe.c: tries one thing from inside a sandbox and says what happened
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints "ok" (exit 0) or "error <ERRNO NAME>" (exit 1), so a test can tell
 * a sandbox refusal (EACCES, EPERM…) from a broken test set-up (ENOENT…).
 * Plain libc, so the profile only needs /usr and this directory.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#ifndef SYS_io_uring_setup
#define SYS_io_uring_setup 425
#endif
#ifndef SYS_landlock_create_ruleset
#define SYS_landlock_create_ruleset 444
#endif

extern char **environ;

static int
result (int ret)
{
  if (ret < 0)
    {
      const char *name = strerrorname_np (errno);

      printf ("error %s\n", name != NULL ? name : "unknown");
      return 1;
    }
  printf ("ok\n");
  return 0;
}

static int
probe_read (const char *path)
{
  char c;
  int fd = open (path, O_RDONLY | O_CLOEXEC);

  if (fd < 0)
    return result (-1);
  if (read (fd, &c, 1) < 0)
    return result (-1);
  return result (0);
}

static int
probe_open_write (const char *path,
                  int         flags)
{
  int fd = open (path, O_WRONLY | O_CLOEXEC | flags, 0644);

  if (fd < 0)
    return result (-1);
  if (write (fd, "x", 1) < 0)
    return result (-1);
  return result (close (fd));
}

static int
probe_fd (const char *number)
{
  char c;
  int fd = atoi (number);

  if (read (fd, &c, 1) < 0)
    return result (-1);
  return result (0);
}

static int
probe_inet (int         type,
            const char *port)
{
  struct sockaddr_in addr = { 0 };
  int fd = socket (AF_INET, type | SOCK_CLOEXEC, 0);

  if (fd < 0)
    return result (-1);
  addr.sin_family = AF_INET;
  addr.sin_port = htons ((unsigned short) atoi (port));
  addr.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  if (type == SOCK_DGRAM)
    return result ((int) sendto (fd, "x", 1, 0, (struct sockaddr *) &addr, sizeof addr));
  return result (connect (fd, (struct sockaddr *) &addr, sizeof addr));
}

static int
probe_socket (const char *family)
{
  int fd;

  if (strcmp (family, "packet") == 0)
    fd = socket (AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, htons (0x0003 /* ETH_P_ALL */));
  else if (strcmp (family, "raw") == 0)
    fd = socket (AF_INET, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_ICMP);
  else if (strcmp (family, "netlink") == 0)
    fd = socket (AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, 0);
  else if (strcmp (family, "inet6") == 0)
    fd = socket (AF_INET6, SOCK_STREAM | SOCK_CLOEXEC, 0);
  else if (strcmp (family, "unix") == 0)
    fd = socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  else
    {
      fprintf (stderr, "unknown family %s\n", family);
      return 2;
    }
  return result (fd);
}

static socklen_t
abstract_address (const char         *name,
                  struct sockaddr_un *addr)
{
  size_t len = strlen (name);

  memset (addr, 0, sizeof *addr);
  addr->sun_family = AF_UNIX;
  if (len > sizeof addr->sun_path - 1)
    len = sizeof addr->sun_path - 1;
  memcpy (addr->sun_path + 1, name, len);
  return (socklen_t) (offsetof (struct sockaddr_un, sun_path) + 1 + len);
}

static int
probe_abstract (const char *name,
                int         listen_first)
{
  struct sockaddr_un addr;
  socklen_t len = abstract_address (name, &addr);
  int fd;

  if (listen_first)
    {
      int server = socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

      if (server < 0 || bind (server, (struct sockaddr *) &addr, len) < 0
          || listen (server, 1) < 0)
        return result (-1);
    }
  fd = socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0)
    return result (-1);
  return result (connect (fd, (struct sockaddr *) &addr, len));
}

static int
probe_tiocsti (int high_bits)
{
  char c = ' ';
  unsigned long request = TIOCSTI;

  /* The kernel truncates the request to 32 bits; a filter that compares
   * all 64 would miss this one. */
  if (high_bits)
    request |= 1UL << 32;
  return result ((int) syscall (SYS_ioctl, 0, request, &c));
}

static int
probe_caps (void)
{
  struct __user_cap_header_struct header = { _LINUX_CAPABILITY_VERSION_3, 0 };
  struct __user_cap_data_struct data[2] = { 0 };
  int ambient = 0;

  if (syscall (SYS_capget, &header, data) < 0)
    return result (-1);
  for (int cap = 0; cap <= CAP_LAST_CAP; cap++)
    if (prctl (PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, cap, 0, 0) == 1)
      ambient++;
  printf ("effective=%08x%08x permitted=%08x%08x inheritable=%08x%08x ambient=%d\n",
          data[1].effective, data[0].effective, data[1].permitted, data[0].permitted,
          data[1].inheritable, data[0].inheritable, ambient);
  return (data[0].effective | data[1].effective | data[0].permitted | data[1].permitted
          | ambient) != 0;
}

/* Descriptors above 2 that are open: nothing of cordon-run's may be. */
static int
probe_fds (void)
{
  int n = 0;

  printf ("fds:");
  for (int fd = 3; fd < 65536; fd++)
    if (fcntl (fd, F_GETFD) >= 0)
      {
        printf (" %d", fd);
        n++;
      }
  printf ("\n");
  return n != 0;
}

static int
probe_session (void)
{
  struct winsize size = { 0 };

  ioctl (STDIN_FILENO, TIOCGWINSZ, &size);
  printf ("session-leader=%d tty=%d foreground=%d rows=%d cols=%d\n", getsid (0) == getpid (),
          isatty (STDIN_FILENO), tcgetpgrp (STDIN_FILENO) == getpgrp (), size.ws_row,
          size.ws_col);
  return 0;
}

/* Async-signal-safe: says so and exits, whenever the signal comes. */
static void
on_signal (int signo)
{
  char text[] = "caught 00\n";

  text[7] = (char) ('0' + signo / 10);
  text[8] = (char) ('0' + signo % 10);
  if (signo < 10)
    {
      text[7] = text[8];
      text[8] = '\n';
      text[9] = '\0';
    }
  if (write (STDOUT_FILENO, text, strlen (text)) < 0)
    _exit (1);
  _exit (0);
}

/* Says "ready PID PPID", then echoes lines ("got LINE"; "size" prints the
 * terminal size) until end of input;
 * with "catch", a signal ends it with "caught N" and exit 0, else the
 * signal's default action does. */
static int
probe_interact (int catch_signals)
{
  char line[256];
  size_t len = 0;

  if (catch_signals)
    {
      struct sigaction action = { .sa_handler = on_signal };

      for (int signo = 1; signo < 32; signo++)
        if (signo != SIGKILL && signo != SIGSTOP && signo != SIGCHLD && signo != SIGCONT
            && signo != SIGWINCH)
          sigaction (signo, &action, NULL);
    }
  printf ("ready %d %d\n", (int) getpid (), (int) getppid ());
  for (;;)
    {
      char c;
      ssize_t n = read (STDIN_FILENO, &c, 1);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return 0;
      if (c == '\n' || len == sizeof line - 1)
        {
          struct winsize size = { 0 };

          line[len] = '\0';
          if (strcmp (line, "size") == 0 && ioctl (STDIN_FILENO, TIOCGWINSZ, &size) == 0)
            printf ("size %d %d\n", size.ws_row, size.ws_col);
          else
            printf ("got %s\n", line);
          len = 0;
          continue;
        }
      line[len++] = c;
    }
}

/* Forks a child that outlives the program, in a process group of its own
 * (in the background), deaf to the terminal's hang-up; once the program is
 * gone it reads standard input and writes what it got into @file. */
static int
probe_outlive (const char *file)
{
  pid_t parent = getpid ();
  pid_t pid;

  /* Before fork: the hang-up may come as soon as this process exits. */
  signal (SIGHUP, SIG_IGN);
  pid = fork ();

  if (pid < 0)
    return result (-1);
  if (pid > 0)
    {
      printf ("ready %d\n", (int) pid);
      return 0;
    }

  signal (SIGTTIN, SIG_IGN);
  signal (SIGTTOU, SIG_IGN);
  setpgid (0, 0);
  while (getppid () == parent)
    usleep (10000);
  /* Take the terminal's foreground, where it is still ours to take. */
  tcsetpgrp (STDIN_FILENO, getpgrp ());

  {
    struct pollfd in = { STDIN_FILENO, POLLIN, 0 };
    char buffer[256] = "";
    char out[300];
    char temp[4096];
    ssize_t n = -1;
    int fd;

    if (poll (&in, 1, 5000) == 1)
      n = read (STDIN_FILENO, buffer, sizeof buffer - 1);
    if (n > 0)
      snprintf (out, sizeof out, "read:%.*s", (int) n, buffer);
    else if (n == 0)
      snprintf (out, sizeof out, "eof");
    else if (in.revents == 0)
      snprintf (out, sizeof out, "timeout");
    else
      snprintf (out, sizeof out, "error %s", strerrorname_np (errno));
    /* Whole or not at all: the test reads it as soon as it exists. */
    snprintf (temp, sizeof temp, "%s.tmp", file);
    fd = open (temp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0 || write (fd, out, strlen (out)) < 0 || close (fd) < 0 || rename (temp, file) < 0)
      _exit (1);
  }
  _exit (0);
}

static int
connect_path (const char *path)
{
  struct sockaddr_un addr = { .sun_family = AF_UNIX };
  int fd = socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  int ret;

  if (fd < 0)
    return -1;
  strncpy (addr.sun_path, path, sizeof addr.sun_path - 1);
  ret = connect (fd, (struct sockaddr *) &addr, sizeof addr);
  close (fd);
  return ret;
}

/* Forks a child that connects to @path at once (unless not @connect_first)
 * and again once this process (the program) is gone, and writes both
 * outcomes into @file ("ok ok", "ok ENOSYS", "none ENOSYS"…). This process
 * says "ready PID" and waits for end of input. */
static int
probe_connect_twice (const char *path,
                     const char *file,
                     int         connect_first)
{
  pid_t parent = getpid ();
  int done[2];
  pid_t pid;

  signal (SIGHUP, SIG_IGN);
  if (pipe2 (done, O_CLOEXEC) < 0)
    return result (-1);
  pid = fork ();
  if (pid < 0)
    return result (-1);
  if (pid > 0)
    {
      char c;

      /* Ready only once the first attempt is made. */
      close (done[1]);
      if (read (done[0], &c, 1) != 1)
        return result (-1);
      printf ("ready %d\n", (int) pid);
      while (read (STDIN_FILENO, &c, 1) > 0)
        ;
      return 0;
    }

  {
    char out[128];
    char temp[4096];
    int first = connect_first ? connect_path (path) : -1;
    const char *first_name = !connect_first ? "none"
                             : first == 0   ? "ok"
                                            : strerrorname_np (errno);
    int second;
    int fd;

    close (done[0]);
    if (write (done[1], "x", 1) != 1)
      _exit (1);
    close (done[1]);

    setpgid (0, 0);
    while (getppid () == parent)
      usleep (10000);
    second = connect_path (path);
    snprintf (out, sizeof out, "%s %s", first_name, second == 0 ? "ok" : strerrorname_np (errno));
    snprintf (temp, sizeof temp, "%s.tmp", file);
    fd = open (temp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0 || write (fd, out, strlen (out)) < 0 || close (fd) < 0 || rename (temp, file) < 0)
      _exit (1);
  }
  _exit (0);
}

/* connect-on-line PATH: says "ready PID PPID", connects to @path when a
 * line arrives on standard input and says "connect ok" or "connect
 * ERRNAME", then waits for end of input: a program whose first mediated
 * call comes when the test says so. */
static int
probe_connect_on_line (const char *path)
{
  char c;

  printf ("ready %d %d\n", (int) getpid (), (int) getppid ());
  while (read (STDIN_FILENO, &c, 1) == 1 && c != '\n')
    ;
  if (connect_path (path) == 0)
    printf ("connect ok\n");
  else
    printf ("connect %s\n", strerrorname_np (errno));
  while (read (STDIN_FILENO, &c, 1) > 0)
    ;
  return 0;
}

typedef struct
{
  const char        *path;
  pthread_barrier_t *start;
  int                result;
} BurstThread;

static void *
burst_connect (void *data)
{
  BurstThread *thread = data;

  pthread_barrier_wait (thread->start);
  thread->result = connect_path (thread->path) == 0 ? 0 : errno;
  return NULL;
}

/* connect-burst PATH N: N threads connect to @path at once, as the
 * program's first mediated calls; says "connected K" for the K that did,
 * and for the others what they failed with. */
static int
probe_connect_burst (const char *path,
                     const char *count)
{
  int n = atoi (count);
  pthread_barrier_t start;
  BurstThread *threads;
  pthread_t *ids;
  int connected = 0;

  if (n < 1 || n > 256)
    return 2;
  threads = calloc (n, sizeof *threads);
  ids = calloc (n, sizeof *ids);
  if (threads == NULL || ids == NULL || pthread_barrier_init (&start, NULL, n) != 0)
    return result (-1);
  for (int i = 0; i < n; i++)
    {
      threads[i].path = path;
      threads[i].start = &start;
      if (pthread_create (&ids[i], NULL, burst_connect, &threads[i]) != 0)
        return result (-1);
    }
  for (int i = 0; i < n; i++)
    {
      pthread_join (ids[i], NULL);
      if (threads[i].result == 0)
        connected++;
      else
        printf ("failed %s\n", strerrorname_np (threads[i].result));
    }
  printf ("connected %d\n", connected);
  free (threads);
  free (ids);
  return 0;
}

/* open-twice PATH FILE: as connect-twice, for open(PATH) under --report:
 * once the supervisor (the tracer) is gone, a traced call of a survivor
 * fails (ENOSYS), it never runs untraced. FILE is opened first, since
 * the open that would make it later is itself traced. */
static int
probe_open_twice (const char *path,
                  const char *file)
{
  pid_t parent = getpid ();
  int done[2];
  pid_t pid;

  signal (SIGHUP, SIG_IGN);
  if (pipe2 (done, O_CLOEXEC) < 0)
    return result (-1);
  pid = fork ();
  if (pid < 0)
    return result (-1);
  if (pid > 0)
    {
      char c;

      close (done[1]);
      if (read (done[0], &c, 1) != 1)
        return result (-1);
      printf ("ready %d\n", (int) pid);
      while (read (STDIN_FILENO, &c, 1) > 0)
        ;
      return 0;
    }

  {
    char out[128];
    int out_fd = open (file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    int first = open (path, O_RDONLY | O_CLOEXEC);
    const char *first_name = first >= 0 ? "ok" : strerrorname_np (errno);
    int second;

    close (done[0]);
    if (out_fd < 0 || write (done[1], "x", 1) != 1)
      _exit (1);
    close (done[1]);

    setpgid (0, 0);
    while (getppid () == parent)
      usleep (10000);
    second = open (path, O_RDONLY | O_CLOEXEC);
    snprintf (out, sizeof out, "%s %s", first_name, second >= 0 ? "ok" : strerrorname_np (errno));
    if (write (out_fd, out, strlen (out)) < 0 || close (out_fd) < 0)
      _exit (1);
  }
  _exit (0);
}

/* Leaves a grandchild behind (its parent exits) that then connects to
 * @path: "ok" when the connect worked, the grandchild was reparented to
 * cordon-run (the program's parent), not to init, and was reaped there.
 * The grandchild exits 42, which must not become the program's status. */
static int
probe_orphan_connect (const char *path)
{
  struct sockaddr_un addr = { .sun_family = AF_UNIX };
  int report[2], hold[2];
  int info[3]; /* pid, parent after reparenting, connect's errno */
  pid_t middle;
  int pidfd;

  if (strlen (path) >= sizeof addr.sun_path || pipe2 (report, O_CLOEXEC) < 0 ||
      pipe2 (hold, O_CLOEXEC) < 0)
    return result (-1);
  strcpy (addr.sun_path, path);
  middle = fork ();
  if (middle < 0)
    return result (-1);
  if (middle == 0)
    {
      /* Not the variable `middle`: fork () made it 0 in this process and
       * in the orphan, which would then not wait for its reparenting. */
      pid_t self = getpid ();
      pid_t orphan = fork ();

      if (orphan == 0)
        {
          int fd;
          char c;

          close (hold[1]);
          for (int i = 0; i < 5000 && getppid () == self; i++)
            usleep (1000);
          fd = socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
          info[0] = getpid ();
          info[1] = getppid ();
          info[2] = fd >= 0 && connect (fd, (struct sockaddr *) &addr, sizeof addr) == 0 ? 0
                                                                                        : errno;
          if (write (report[1], info, sizeof info) != sizeof info)
            _exit (1);
          /* Until the program holds a pidfd on it. */
          while (read (hold[0], &c, 1) < 0 && errno == EINTR)
            ;
          _exit (42);
        }
      _exit (orphan > 0 ? 0 : 1);
    }
  close (report[1]);
  close (hold[0]);
  if (waitpid (middle, NULL, 0) != middle || read (report[0], info, sizeof info) != sizeof info)
    return result (-1);
  if (info[2] != 0)
    {
      errno = info[2];
      return result (-1);
    }
  if (info[1] != getppid ())
    {
      printf ("error reparented to %d, not %d\n", info[1], (int) getppid ());
      return 1;
    }
  pidfd = syscall (SYS_pidfd_open, info[0], 0U);
  if (pidfd < 0)
    return result (-1);
  close (hold[1]);
  /* A zombie still takes signal 0; a reaped process does not. */
  for (int i = 0; i < 10000; i++)
    {
      if (syscall (SYS_pidfd_send_signal, pidfd, 0, NULL, 0U) < 0 && errno == ESRCH)
        return result (0);
      usleep (1000);
    }
  printf ("error not reaped\n");
  return 1;
}

/* Sends one datagram to @path carrying the program's own credentials
 * (SCM_CREDENTIALS), as GDBus does when it connects to a bus. */
static int
probe_send_credentials (const char *path)
{
  struct sockaddr_un addr = { .sun_family = AF_UNIX };
  union
  {
    struct cmsghdr header;
    char           buffer[CMSG_SPACE (sizeof (struct ucred))];
  } control;
  struct ucred cred = { getpid (), getuid (), getgid () };
  struct iovec iov = { (char *) "x", 1 };
  struct msghdr msg = { &addr, sizeof addr, &iov, 1, control.buffer, sizeof control.buffer, 0 };
  struct cmsghdr *cmsg;
  int fd = socket (AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);

  if (fd < 0 || strlen (path) >= sizeof addr.sun_path)
    return result (-1);
  strcpy (addr.sun_path, path);
  memset (&control, 0, sizeof control);
  cmsg = CMSG_FIRSTHDR (&msg);
  if (cmsg == NULL)
    return result (-1);
  cmsg->cmsg_level = SOL_SOCKET;
  cmsg->cmsg_type = SCM_CREDENTIALS;
  cmsg->cmsg_len = CMSG_LEN (sizeof cred);
  memcpy (CMSG_DATA (cmsg), &cred, sizeof cred);
  return result (sendmsg (fd, &msg, 0) == 1 ? 0 : -1);
}

/* Kills the supervisor (the parent), then creates @path as soon as the
 * supervisor is gone, as if nobody watched any more. Gone means its pidfd
 * says it exited, which the kernel reports only after it sent the parent's
 * death signal to its children: a program that dies with its supervisor is
 * already dying then, however long the supervisor took to die. */
static int
probe_kill_parent_then (const char *path)
{
  pid_t parent = getppid ();
  /* Before the kill: the pidfd names the supervisor, whoever gets its pid later. */
  int pidfd = (int) syscall (SYS_pidfd_open, parent, 0U);
  struct pollfd gone = { pidfd, POLLIN, 0 };

  if (pidfd < 0 || kill (parent, SIGKILL) < 0)
    return result (-1);
  while (poll (&gone, 1, -1) < 0)
    if (errno != EINTR)
      return result (-1);
  return probe_open_write (path, O_CREAT | O_EXCL);
}

int
main (int    argc,
      char **argv)
{
  const char *cmd = argc > 1 ? argv[1] : "";
  const char *a = argc > 2 ? argv[2] : NULL;
  const char *b = argc > 3 ? argv[3] : NULL;

  setvbuf (stdout, NULL, _IOLBF, 0);

  if (strcmp (cmd, "read") == 0 && a)
    return probe_read (a);
  if (strcmp (cmd, "write") == 0 && a)
    return probe_open_write (a, O_APPEND);
  if (strcmp (cmd, "create") == 0 && a)
    return probe_open_write (a, O_CREAT | O_EXCL);
  if (strcmp (cmd, "open-trunc") == 0 && a)
    return probe_open_write (a, O_TRUNC);
  if (strcmp (cmd, "truncate") == 0 && a)
    return result (truncate (a, 0));
  if (strcmp (cmd, "unlink") == 0 && a)
    return result (unlink (a));
  if (strcmp (cmd, "mkdir") == 0 && a)
    return result (mkdir (a, 0755));
  if (strcmp (cmd, "rename") == 0 && a && b)
    return result (rename (a, b));
  if (strcmp (cmd, "link") == 0 && a && b)
    return result (link (a, b));
  if (strcmp (cmd, "chmod") == 0 && a && b)
    return result (chmod (a, (mode_t) strtol (b, NULL, 8)));
  if (strcmp (cmd, "exec") == 0 && a)
    {
      execv (a, argv + 2);
      return result (-1);
    }
  if (strcmp (cmd, "fd") == 0 && a)
    return probe_fd (a);
  if (strcmp (cmd, "tcp") == 0 && a)
    return probe_inet (SOCK_STREAM, a);
  if (strcmp (cmd, "udp") == 0 && a)
    return probe_inet (SOCK_DGRAM, a);
  if (strcmp (cmd, "socket") == 0 && a)
    return probe_socket (a);
  if (strcmp (cmd, "io-uring") == 0)
    {
      unsigned char params[120] = { 0 }; /* struct io_uring_params */

      return result ((int) syscall (SYS_io_uring_setup, 1, params));
    }
  if (strcmp (cmd, "tiocsti") == 0)
    return probe_tiocsti (a != NULL && strcmp (a, "high") == 0);
  if (strcmp (cmd, "kill-parent") == 0)
    return result (kill (getppid (), 0));
  if (strcmp (cmd, "ptrace-parent") == 0)
    return result ((int) ptrace (PTRACE_SEIZE, getppid (), 0, 0));
  if (strcmp (cmd, "send-credentials") == 0 && a)
    return probe_send_credentials (a);
  if (strcmp (cmd, "kill-parent-then") == 0 && a)
    return probe_kill_parent_then (a);
  if (strcmp (cmd, "kill-self") == 0)
    return result (kill (getpid (), 0));
  if (strcmp (cmd, "orphan-connect") == 0 && a)
    return probe_orphan_connect (a);
  if (strcmp (cmd, "abstract") == 0 && a)
    return probe_abstract (a, 0);
  if (strcmp (cmd, "abstract-self") == 0 && a)
    return probe_abstract (a, 1);
  if (strcmp (cmd, "caps") == 0)
    return probe_caps ();
  if (strcmp (cmd, "landlock-abi") == 0)
    {
      long abi = syscall (SYS_landlock_create_ruleset, NULL, 0, 1U /* VERSION */);

      printf ("%ld\n", abi < 0 ? 0 : abi);
      return 0;
    }
  if (strcmp (cmd, "env") == 0)
    {
      for (char **e = environ; *e != NULL; e++)
        printf ("%s\n", *e);
      return 0;
    }
  if (strcmp (cmd, "getenv") == 0 && a)
    {
      const char *value = getenv (a);

      printf ("%s\n", value != NULL ? value : "(unset)");
      return 0;
    }
  if (strcmp (cmd, "cwd") == 0)
    {
      char buffer[4096];

      if (getcwd (buffer, sizeof buffer) == NULL)
        return result (-1);
      printf ("%s\n", buffer);
      return 0;
    }
  if (strcmp (cmd, "exit") == 0 && a)
    return atoi (a);
  if (strcmp (cmd, "fds") == 0)
    return probe_fds ();
  if (strcmp (cmd, "session") == 0)
    return probe_session ();
  if (strcmp (cmd, "interact") == 0)
    return probe_interact (a != NULL && strcmp (a, "catch") == 0);
  if (strcmp (cmd, "outlive") == 0 && a)
    return probe_outlive (a);
  if (strcmp (cmd, "spew") == 0 && a)
    {
      /* @a lines of 63 'x' and a newline, then exit at once. */
      for (long i = atol (a); i > 0; i--)
        fputs ("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n", stdout);
      return 0;
    }
  if (strcmp (cmd, "connect-burst") == 0 && a && b)
    return probe_connect_burst (a, b);
  if (strcmp (cmd, "connect-on-line") == 0 && a)
    return probe_connect_on_line (a);
  if (strcmp (cmd, "connect-twice") == 0 && a && b)
    return probe_connect_twice (a, b, 1);
  /* connect-when-orphaned PATH FILE: connect-twice without the first. */
  if (strcmp (cmd, "connect-when-orphaned") == 0 && a && b)
    return probe_connect_twice (a, b, 0);
  if (strcmp (cmd, "open-twice") == 0 && a && b)
    return probe_open_twice (a, b);
  if (strcmp (cmd, "signal") == 0 && a)
    {
      raise (atoi (a));
      return 3;
    }

  fprintf (stderr, "usage: cordon-probe COMMAND [ARG…] (see tests/run/cordon-probe.c)\n");
  return 2;
}
