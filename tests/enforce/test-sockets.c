/* test-sockets.c: a named UNIX socket is reachable only when listed (issue 11)
 *
 * Every case runs in a forked, sandboxed child that really connects or
 * sends; the parent holds the "outside" sockets and checks what reached
 * them. Each refusal has an allowed twin. The supervisor path (the socket
 * mediator, Landlock below ABI 9) runs on every kernel by capping the ABI
 * at 8; the Landlock path (ABI 9, RESOLVE_UNIX) only where the kernel has it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <linux/sched.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cordon-apply-private.h"
#include "cordon-mediator-private.h"
#include "enforce-util.h"

#define SUPERVISOR_ABI 8

typedef struct
{
  char *root;
  char *outside;  /* made by the test, not listed */
  char *listed;   /* a listed folder */
  char *writable; /* a folder the sandbox may write */
  char *staging;  /* another writable folder, for the rename attack */
  int   outside_stream;
  int   outside_dgram;
  int   outside_seqpacket;
  int   listed_stream;
  int   listed_dgram;
  int   listed_seqpacket;
  int   file_listed;      /* outside/file-listed, listed as one file */
  int   writable_foreign; /* writable/foreign, made by the test */
  int   staging_victim;   /* staging/victim, made by the test */
  int   inherited;        /* outside/inherited: bound outside, open in the child */
  int   abstract;
  char  abstract_name[64];
  CordonCapabilitySet *caps;
} Tree;

static Tree tree;

typedef struct
{
  const char  *name;
  EnforceCheck refused;
  int          refused_errno;
  EnforceCheck allowed;
} Case;

typedef struct
{
  const Case *c;
  int         abi; /* SUPERVISOR_ABI, or 0: the kernel's own */
} Param;

/* ---- helpers ------------------------------------------------------------ */

static socklen_t
make_addr (struct sockaddr_un *addr,
           const char         *path)
{
  memset (addr, 0, sizeof *addr);
  addr->sun_family = AF_UNIX;
  g_assert_cmpuint (strlen (path), <, sizeof addr->sun_path);
  strcpy (addr->sun_path, path);
  return offsetof (struct sockaddr_un, sun_path) + strlen (path) + 1;
}

static char *
in (const char *dir,
    const char *name)
{
  return g_build_filename (dir, name, NULL);
}

static int
bind_socket (int         type,
             const char *path)
{
  struct sockaddr_un addr;
  socklen_t len = make_addr (&addr, path);
  /* Non-blocking: drain() must never wait. */
  int fd = socket (AF_UNIX, type | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);

  g_assert_no_errno (fd);
  g_assert_no_errno (bind (fd, (struct sockaddr *) &addr, len));
  if (type != SOCK_DGRAM)
    g_assert_no_errno (listen (fd, 4096));
  return fd;
}

/* In the child: 0 or errno. */
static int
connect_path (int         type,
              const char *path)
{
  struct sockaddr_un addr;
  socklen_t len = make_addr (&addr, path);
  int fd = socket (AF_UNIX, type | SOCK_CLOEXEC, 0);
  int r;

  if (fd < 0)
    return errno;
  r = connect (fd, (struct sockaddr *) &addr, len) == 0 ? 0 : errno;
  close (fd);
  return r;
}

static int
sendto_path (int         fd,
             const char *path)
{
  struct sockaddr_un addr;
  socklen_t len = make_addr (&addr, path);

  return sendto (fd, "x", 1, MSG_DONTWAIT, (struct sockaddr *) &addr, len) == 1 ? 0 : errno;
}

static int
dgram_sendto (const char *path)
{
  int fd = socket (AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  int r = sendto_path (fd, path);

  close (fd);
  return r;
}

/* How many connections or datagrams wait on the test's socket; drains. */
static guint
drain (int fd)
{
  guint n = 0;
  int type = 0;
  socklen_t len = sizeof type;
  char buffer[64];

  g_assert_no_errno (getsockopt (fd, SOL_SOCKET, SO_TYPE, &type, &len));
  for (;;)
    {
      if (type == SOCK_DGRAM)
        {
          if (recv (fd, buffer, sizeof buffer, MSG_DONTWAIT) < 0)
            break;
        }
      else
        {
          int peer = accept4 (fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);

          if (peer < 0)
            break;
          close (peer);
        }
      n++;
    }
  return n;
}

static void
drain_all (void)
{
  int fds[] = { tree.outside_stream, tree.outside_dgram, tree.outside_seqpacket,
                tree.listed_stream, tree.listed_dgram, tree.listed_seqpacket,
                tree.file_listed, tree.writable_foreign, tree.staging_victim, tree.inherited,
                tree.abstract };

  for (guint i = 0; i < G_N_ELEMENTS (fds); i++)
    if (fds[i] >= 0)
      drain (fds[i]);
}

static guint
reached_outside (void)
{
  return drain (tree.outside_stream) + drain (tree.outside_dgram) +
         drain (tree.outside_seqpacket) + drain (tree.writable_foreign) +
         drain (tree.staging_victim) + drain (tree.inherited) + drain (tree.abstract);
}

/* The rename attack moves the victim away; each run gets a fresh one. */
static void
refresh_victim (void)
{
  g_autofree char *path = g_build_filename (tree.staging, "victim", NULL);

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return;
  close (tree.staging_victim);
  tree.staging_victim = bind_socket (SOCK_STREAM, path);
}

#define PATH_OF(dir, name) g_autofree char *path = in (tree.dir, name)

/* ---- checks (run in the sandboxed child) -------------------------------- */

static int check_stream_outside (gpointer d) { PATH_OF (outside, "stream"); return connect_path (SOCK_STREAM, path); }
static int check_stream_listed (gpointer d) { PATH_OF (listed, "stream"); return connect_path (SOCK_STREAM, path); }
static int check_seqpacket_outside (gpointer d) { PATH_OF (outside, "seqpacket"); return connect_path (SOCK_SEQPACKET, path); }
static int check_seqpacket_listed (gpointer d) { PATH_OF (listed, "seqpacket"); return connect_path (SOCK_SEQPACKET, path); }
static int check_dgram_connect_outside (gpointer d) { PATH_OF (outside, "dgram"); return connect_path (SOCK_DGRAM, path); }
static int check_dgram_connect_listed (gpointer d) { PATH_OF (listed, "dgram"); return connect_path (SOCK_DGRAM, path); }
static int check_dgram_outside (gpointer d) { PATH_OF (outside, "dgram"); return dgram_sendto (path); }
static int check_dgram_listed (gpointer d) { PATH_OF (listed, "dgram"); return dgram_sendto (path); }
static int check_file_listed (gpointer d) { PATH_OF (outside, "file-listed"); return connect_path (SOCK_STREAM, path); }
static int check_writable_foreign (gpointer d) { PATH_OF (writable, "foreign"); return connect_path (SOCK_STREAM, path); }

static int
socketpair_sendto (const char *path)
{
  int sv[2];
  int r;

  if (socketpair (AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, sv) < 0)
    return errno;
  r = sendto_path (sv[0], path);
  close (sv[0]);
  close (sv[1]);
  return r;
}

static int check_socketpair_outside (gpointer d) { PATH_OF (outside, "dgram"); return socketpair_sendto (path); }
static int check_socketpair_listed (gpointer d) { PATH_OF (listed, "dgram"); return socketpair_sendto (path); }

static int
sendmsg_to (const char *path)
{
  struct sockaddr_un addr;
  struct iovec iov = { (char *) "hello", 5 };
  struct msghdr msg = { 0 };
  int fd = socket (AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  int r;

  msg.msg_name = &addr;
  msg.msg_namelen = make_addr (&addr, path);
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  r = sendmsg (fd, &msg, MSG_DONTWAIT) == 5 ? 0 : errno;
  close (fd);
  return r;
}

static int check_sendmsg_outside (gpointer d) { PATH_OF (outside, "dgram"); return sendmsg_to (path); }
static int check_sendmsg_listed (gpointer d) { PATH_OF (listed, "dgram"); return sendmsg_to (path); }

static int
sendmmsg_to (const char *path)
{
  struct sockaddr_un addr;
  struct iovec iov[2] = { { (char *) "one", 3 }, { (char *) "two", 3 } };
  struct mmsghdr msgs[2] = { 0 };
  socklen_t len = make_addr (&addr, path);
  int fd = socket (AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  int n;

  for (int i = 0; i < 2; i++)
    {
      msgs[i].msg_hdr.msg_name = &addr;
      msgs[i].msg_hdr.msg_namelen = len;
      msgs[i].msg_hdr.msg_iov = &iov[i];
      msgs[i].msg_hdr.msg_iovlen = 1;
    }
  n = sendmmsg (fd, msgs, 2, MSG_DONTWAIT);
  close (fd);
  if (n < 0)
    return errno;
  /* The kernel (here: the mediator) fills in each message's length. */
  return n == 2 && msgs[0].msg_len == 3 && msgs[1].msg_len == 3 ? 0 : 1000 + n;
}

static int check_sendmmsg_outside (gpointer d) { PATH_OF (outside, "dgram"); return sendmmsg_to (path); }
static int check_sendmmsg_listed (gpointer d) { PATH_OF (listed, "dgram"); return sendmmsg_to (path); }

/* A relative address is resolved from the program's working directory. */
static int
connect_relative (const char *dir)
{
  if (chdir (dir) < 0)
    return 2000 + errno;
  return connect_path (SOCK_STREAM, "stream");
}

static int check_relative_outside (gpointer d) { return connect_relative (tree.outside); }
static int check_relative_listed (gpointer d) { return connect_relative (tree.listed); }

/* The program's own socket, bound where it may write. */
static int
own_stream (gboolean from_child)
{
  g_autofree char *path = g_strdup_printf ("%s/own-%d", tree.writable, (int) getpid ());
  struct sockaddr_un addr;
  socklen_t len = make_addr (&addr, path);
  int server = socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  int status;
  pid_t pid;

  if (bind (server, (struct sockaddr *) &addr, len) < 0 || listen (server, 16) < 0)
    return 3000 + errno;
  if (!from_child)
    return connect_path (SOCK_STREAM, path);

  pid = fork ();
  if (pid == 0)
    _exit (connect_path (SOCK_STREAM, path));
  if (pid < 0 || waitpid (pid, &status, 0) < 0 || !WIFEXITED (status))
    return 4000;
  return WEXITSTATUS (status);
}

static int check_own_stream (gpointer d) { return own_stream (FALSE); }
static int check_own_from_child (gpointer d) { return own_stream (TRUE); }

/* …and one bound by a forked child of the program, reached by its parent. */
static int
check_own_of_child (gpointer d)
{
  g_autofree char *path = g_strdup_printf ("%s/child-own-%d", tree.writable, (int) getpid ());
  int ready[2];
  char byte;
  int r;
  pid_t pid;

  if (pipe (ready) < 0)
    return 5000;
  pid = fork ();
  if (pid == 0)
    {
      struct sockaddr_un addr;
      socklen_t len = make_addr (&addr, path);
      int server = socket (AF_UNIX, SOCK_STREAM, 0);

      if (bind (server, (struct sockaddr *) &addr, len) < 0 || listen (server, 4) < 0)
        _exit (1);
      if (write (ready[1], "r", 1) != 1)
        _exit (1);
      pause ();
      _exit (0);
    }
  if (read (ready[0], &byte, 1) != 1)
    return 5001;
  r = connect_path (SOCK_STREAM, path);
  kill (pid, SIGKILL);
  waitpid (pid, NULL, 0);
  return r;
}

static int
check_own_dgram (gpointer d)
{
  g_autofree char *path = g_strdup_printf ("%s/own-dgram-%d", tree.writable, (int) getpid ());
  struct sockaddr_un addr;
  socklen_t len = make_addr (&addr, path);
  int fd = socket (AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  char byte;

  if (bind (fd, (struct sockaddr *) &addr, len) < 0)
    return 3000 + errno;
  if (sendto_path (fd, path) != 0)
    return errno;
  return recv (fd, &byte, 1, MSG_DONTWAIT) == 1 ? 0 : 6000;
}

/* A symlink in a listed folder to a socket made outside. */
static int
check_symlink_listed (gpointer d)
{
  PATH_OF (listed, "link-to-outside");
  return connect_path (SOCK_STREAM, path);
}

/* One the program makes itself, in its writable folder. */
static int
check_symlink_own (gpointer d)
{
  g_autofree char *target = in (tree.outside, "stream");
  g_autofree char *link = g_strdup_printf ("%s/link-%d", tree.writable, (int) getpid ());

  if (symlink (target, link) < 0)
    return 7000 + errno;
  return connect_path (SOCK_STREAM, link);
}

/* The program binds its own socket, then renames a socket made outside
 * over it: the path is the same, the socket is not the program's. */
static int
rename_attack (gboolean do_rename)
{
  g_autofree char *own = g_strdup_printf ("%s/renamed-%d", tree.writable, (int) getpid ());
  g_autofree char *victim = in (tree.staging, "victim");
  struct sockaddr_un addr;
  socklen_t len = make_addr (&addr, own);
  int server = socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

  if (bind (server, (struct sockaddr *) &addr, len) < 0 || listen (server, 4) < 0)
    return 3000 + errno;
  if (do_rename && rename (victim, own) < 0)
    return 8000 + errno;
  return connect_path (SOCK_STREAM, own);
}

static int check_renamed_outside (gpointer d) { return rename_attack (TRUE); }
static int check_renamed_own (gpointer d) { return rename_attack (FALSE); }

/* /proc/self/fd/N of an O_PATH descriptor (which needs no right) of a
 * socket outside. */
static int
check_magic_link (gpointer d)
{
  PATH_OF (outside, "stream");
  int fd = open (path, O_PATH | O_CLOEXEC);
  g_autofree char *magic = g_strdup_printf ("/proc/self/fd/%d", fd);

  if (fd < 0)
    return 9000 + errno;
  return connect_path (SOCK_STREAM, magic);
}

static int
connect_abstract (const char *name)
{
  struct sockaddr_un addr = { .sun_family = AF_UNIX };
  socklen_t len = offsetof (struct sockaddr_un, sun_path) + 1 + strlen (name);
  int fd = socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  int r;

  memcpy (addr.sun_path + 1, name, strlen (name));
  r = connect (fd, (struct sockaddr *) &addr, len) == 0 ? 0 : errno;
  close (fd);
  return r;
}

static int check_abstract_outside (gpointer d) { return connect_abstract (tree.abstract_name); }

static int
check_abstract_own (gpointer d)
{
  g_autofree char *name = g_strdup_printf ("cordon-test-own-%d", (int) getpid ());
  struct sockaddr_un addr = { .sun_family = AF_UNIX };
  socklen_t len = offsetof (struct sockaddr_un, sun_path) + 1 + strlen (name);
  int server = socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

  memcpy (addr.sun_path + 1, name, strlen (name));
  if (bind (server, (struct sockaddr *) &addr, len) < 0 || listen (server, 4) < 0)
    return 3000 + errno;
  return connect_abstract (name);
}

/* A socket bound outside whose descriptor the program holds (a library
 * caller's, or one a listed service passed it): binding it again changes
 * nothing, and must not make it the program's own, reachable by its path. */
static int
check_inherited_bound (gpointer d)
{
  PATH_OF (outside, "inherited");
  struct sockaddr_un autobind = { .sun_family = AF_UNIX };

  /* Whatever it answers (an autobind of a bound socket "succeeds"). */
  bind (tree.inherited, (struct sockaddr *) &autobind, sizeof (sa_family_t));
  return connect_path (SOCK_STREAM, path);
}

/* A root of its own: with a user namespace (which the sandbox allows) the
 * program may chroot. Below it, it rebuilds the listed folder's path and
 * puts a socket made outside there: the path it connects to is, in its own
 * view, the listed one. The mediator must judge the real file. */
static int
enter_chroot (const char *root)
{
  if (unshare (CLONE_NEWUSER) < 0 || chroot (root) < 0 || chdir ("/") < 0)
    return 8200 + errno;
  return 0;
}

static int
check_chroot_lookalike (gpointer d)
{
  g_autofree char *fake = g_strconcat (tree.writable, tree.listed, NULL);
  g_autofree char *fake_socket = in (fake, "stream");
  g_autofree char *victim = in (tree.staging, "victim");
  PATH_OF (listed, "stream");
  int r;

  if (g_mkdir_with_parents (fake, 0700) < 0 || rename (victim, fake_socket) < 0)
    return 8000 + errno;
  if ((r = enter_chroot (tree.writable)) != 0)
    return r;
  return connect_path (SOCK_STREAM, path);
}

/* The twin: under a chroot, the listed socket by the path it has there. */
static int
check_chroot_listed (gpointer d)
{
  g_autofree char *inside = g_strconcat ("/", strrchr (tree.listed, '/') + 1, "/stream", NULL);
  int r;

  if ((r = enter_chroot (tree.root)) != 0)
    return r;
  return connect_path (SOCK_STREAM, inside);
}

static int check_missing (gpointer d) { PATH_OF (listed, "no-such-socket"); return connect_path (SOCK_STREAM, path); }
static int check_not_socket (gpointer d) { PATH_OF (listed, "plain-file"); return connect_path (SOCK_STREAM, path); }

static const Case cases[] = {
  { "stream", check_stream_outside, EACCES, check_stream_listed },
  { "seqpacket", check_seqpacket_outside, EACCES, check_seqpacket_listed },
  { "dgram-connect", check_dgram_connect_outside, EACCES, check_dgram_connect_listed },
  { "dgram-sendto", check_dgram_outside, EACCES, check_dgram_listed },
  { "socketpair-sendto", check_socketpair_outside, EACCES, check_socketpair_listed },
  { "sendmsg-name", check_sendmsg_outside, EACCES, check_sendmsg_listed },
  { "sendmmsg", check_sendmmsg_outside, EACCES, check_sendmmsg_listed },
  { "file-rule", check_stream_outside, EACCES, check_file_listed },
  { "relative", check_relative_outside, EACCES, check_relative_listed },
  { "writable-folder", check_writable_foreign, EACCES, check_own_stream },
  { "own-from-child", check_writable_foreign, EACCES, check_own_from_child },
  { "own-of-child", check_writable_foreign, EACCES, check_own_of_child },
  { "own-dgram", check_dgram_outside, EACCES, check_own_dgram },
  { "symlink-in-listed", check_symlink_listed, EACCES, check_stream_listed },
  { "symlink-own", check_symlink_own, EACCES, check_own_stream },
  { "renamed-into-writable", check_renamed_outside, EACCES, check_renamed_own },
  { "bound-outside-rebound", check_inherited_bound, EACCES, check_own_stream },
  { "chroot-lookalike", check_chroot_lookalike, EACCES, check_chroot_listed },
  { "magic-link", check_magic_link, -1, check_stream_listed },
  { "abstract", check_abstract_outside, EPERM, check_abstract_own },
  { "missing", check_missing, ENOENT, NULL },
  { "not-a-socket", check_not_socket, ECONNREFUSED, NULL },
};

static void
test_case (gconstpointer data)
{
  const Param *param = data;
  const Case *c = param->c;
  int refused;

  if (param->abi == 0 && enforce_skip_unless_abi (9, "named UNIX sockets (Linux 7.1)"))
    return;

  drain_all ();
  refresh_victim ();
  /* The twin first: it proves the refusal below is the sandbox's. */
  if (c->allowed != NULL)
    g_assert_cmpint (enforce_run_applied (tree.caps, param->abi, c->allowed, NULL), ==, 0);
  g_assert_cmpuint (reached_outside (), ==, 0);

  refresh_victim ();
  refused = enforce_run_applied (tree.caps, param->abi, c->refused, NULL);
  if (c->refused_errno > 0)
    g_assert_cmpint (refused, ==, c->refused_errno);
  else
    g_assert_cmpint (refused, !=, 0);
  g_assert_cmpuint (reached_outside (), ==, 0);

  /* And without a sandbox, every refused case would have worked: the
   * tree really holds what the cases assume. */
  if (c->refused_errno == EACCES || c->refused_errno == EPERM)
    {
      refresh_victim ();
      g_assert_cmpint (enforce_run_unsandboxed (NULL, c->refused, NULL), ==, 0);
      drain_all ();
    }
}

/* ---- another thread rewrites the address while the mediator decides ---- */

typedef struct
{
  struct sockaddr_un *addr;
  const char         *a;
  const char         *b;
  volatile gboolean   stop;
} Flipper;

static gpointer
flip (gpointer data)
{
  Flipper *f = data;

  /* Each address stays a while, so both get copied, and the switch
   * itself lands mid-copy now and then. */
  while (!f->stop)
    {
      strcpy (f->addr->sun_path, f->a);
      for (volatile int i = 0; i < 500; i++)
        ;
      strcpy (f->addr->sun_path, f->b);
      for (volatile int i = 0; i < 500; i++)
        ;
    }
  return NULL;
}

#define RACE_ROUNDS 3000

static int
check_race (gpointer data)
{
  g_autofree char *listed = in (tree.listed, "dgram");
  g_autofree char *outside = in (tree.outside, "dgram");
  /* Same length, so each write leaves one of the two whole paths, or a
   * mix of both; the mediator must judge the bytes it copied. */
  struct sockaddr_un *addr = g_new0 (struct sockaddr_un, 1);
  Flipper f = { addr, listed, outside, FALSE };
  int fd = socket (AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  guint sent = 0;
  pthread_t thread;

  g_assert_cmpuint (strlen (listed), ==, strlen (outside));
  addr->sun_family = AF_UNIX;
  strcpy (addr->sun_path, listed);
  if (pthread_create (&thread, NULL, flip, &f) != 0)
    return 1;
  for (guint i = 0; i < RACE_ROUNDS; i++)
    {
      if (sendto (fd, "r", 1, MSG_DONTWAIT, (struct sockaddr *) addr, sizeof *addr) == 1)
        sent++;
    }
  f.stop = TRUE;
  pthread_join (thread, NULL);
  /* How many reached the listed socket (its queue fills, then EAGAIN). */
  return (int) sent;
}

static void
test_race (gconstpointer data)
{
  const Param *param = data;
  int total = 0;

  if (param->abi == 0 && enforce_skip_unless_abi (9, "named UNIX sockets (Linux 7.1)"))
    return;
  /* Same length names for the two folders. */
  g_assert_cmpuint (strlen (tree.listed), ==, strlen (tree.outside));
  drain_all ();
  for (int round = 0; round < 5; round++)
    {
      int sent = enforce_run_applied (tree.caps, param->abi, check_race, NULL);

      /* Never one datagram outside, whatever the timing… */
      g_assert_cmpuint (drain (tree.outside_dgram), ==, 0);
      /* …and the listed address, copied whole, did go through. */
      g_assert_cmpuint (drain (tree.listed_dgram), ==, sent);
      total += sent;
    }
  /* On a loaded machine a round may copy only the outside address; over
   * five, the allowed twin must have happened. */
  g_assert_cmpint (total, >, 0);
}

/* ---- signals while the mediator holds a call ---------------------------- */

static void
on_alarm (int signo)
{
}

/* A program whose threads get signals all the time (Go's runtime does):
 * a handled signal must not restart a connect the mediator already made,
 * which would fail with EISCONN. */
static int
check_connect_under_signals (gpointer data)
{
  g_autofree char *path = in (tree.listed, "stream");
  struct sigaction action = { .sa_handler = on_alarm, .sa_flags = SA_RESTART };
  struct itimerval timer = { { 0, 50 }, { 0, 50 } };
  int failed = 0;

  sigaction (SIGALRM, &action, NULL);
  setitimer (ITIMER_REAL, &timer, NULL);
  for (int i = 0; i < 300 && failed == 0; i++)
    failed = connect_path (SOCK_STREAM, path);
  memset (&timer, 0, sizeof timer);
  setitimer (ITIMER_REAL, &timer, NULL);
  return failed;
}

static void
test_signals (gconstpointer data)
{
  const Param *param = data;

  if (param->abi == 0 && enforce_skip_unless_abi (9, "named UNIX sockets (Linux 7.1)"))
    return;
  drain_all ();
  g_assert_cmpint (enforce_run_applied (tree.caps, param->abi, check_connect_under_signals, NULL),
                   ==, 0);
  drain_all ();
}

/* ---- the session bus ------------------------------------------------------ */

static char *
bus_address_path (gboolean *abstract)
{
  const char *address = g_getenv ("DBUS_SESSION_BUS_ADDRESS");
  g_auto (GStrv) parts = NULL;

  if (address == NULL || !g_str_has_prefix (address, "unix:"))
    return NULL;
  parts = g_strsplit (address + 5, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (g_str_has_prefix (parts[i], "path="))
        {
          *abstract = FALSE;
          return g_uri_unescape_string (parts[i] + 5, NULL);
        }
      if (g_str_has_prefix (parts[i], "abstract="))
        {
          *abstract = TRUE;
          return g_uri_unescape_string (parts[i] + 9, NULL);
        }
    }
  return NULL;
}

static int
check_session_bus (gpointer data)
{
  gboolean abstract = FALSE;
  g_autofree char *path = bus_address_path (&abstract);

  return abstract ? connect_abstract (path) : connect_path (SOCK_STREAM, path);
}

static void
test_session_bus (gconstpointer data)
{
  const Param *param = data;
  gboolean abstract = FALSE;
  g_autofree char *path = bus_address_path (&abstract);
  g_autoptr (CordonCapabilitySet) caps = NULL;

  if (param->abi == 0 && enforce_skip_unless_abi (9, "named UNIX sockets (Linux 7.1)"))
    return;
  if (path == NULL)
    {
      g_test_skip ("no session bus with a unix: address here (build-aux/dev test runs one)");
      return;
    }
  /* Reachable without a sandbox… */
  g_assert_cmpint (enforce_run_unsandboxed (NULL, check_session_bus, NULL), ==, 0);
  /* …not from one that lets the program write everywhere the bus lives. */
  caps = enforce_caps (TRUE, "/tmp", CORDON_ACCESS_READ_WRITE, NULL);
  if (!abstract && g_file_test (g_getenv ("XDG_RUNTIME_DIR") ?: "/nonexistent", G_FILE_TEST_IS_DIR))
    {
      g_autoptr (GError) error = NULL;

      cordon_capability_set_allow_path (caps, g_getenv ("XDG_RUNTIME_DIR"),
                                        CORDON_ACCESS_READ_WRITE, &error);
      g_assert_no_error (error);
    }
  g_assert_cmpint (enforce_run_applied (caps, param->abi, check_session_bus, NULL), ==,
                   abstract ? EPERM : EACCES);
}

/* In the child, before the sandbox (which grants no /dev/null). */
static int
quiet (gpointer data)
{
  int null = open ("/dev/null", O_RDWR | O_CLOEXEC);

  if (null < 0 || dup2 (null, 1) < 0 || dup2 (null, 2) < 0)
    return 1;
  close (null);
  return 0;
}

static int
run_quietly (CordonCapabilitySet *caps,
             int                  abi,
             EnforceCheck         check,
             gpointer             data)
{
  EnforceOutcome outcome;

  enforce_run_prepared (caps, abi, quiet, check, data, &outcome);
  g_assert_true (WIFEXITED (outcome.wait_status));
  g_assert_cmpint (WEXITSTATUS (outcome.wait_status), ==, 0);
  g_assert_true (outcome.reported);
  g_assert_true (abi == ENFORCE_NO_SANDBOX || outcome.applied);
  return outcome.result;
}

/* dbus-send as a user would type it. */
static int
run_dbus_send (gpointer data)
{
  const char *dbus_send = data;
  const char *call[] = { dbus_send, "--session", "--dest=org.freedesktop.DBus", "--print-reply",
                         "/org/freedesktop/DBus", "org.freedesktop.DBus.ListNames", NULL };
  int status;
  pid_t pid = fork ();

  if (pid == 0)
    {
      execv (dbus_send, (char **) call);
      _exit (127);
    }
  if (pid < 0 || waitpid (pid, &status, 0) < 0)
    return 1000;
  return WIFEXITED (status) ? WEXITSTATUS (status) : 2000 + WTERMSIG (status);
}

static void
test_dbus_send (gconstpointer data)
{
  const Param *param = data;
  g_autofree char *dbus_send = g_find_program_in_path ("dbus-send");
  gboolean abstract = FALSE;
  g_autofree char *path = bus_address_path (&abstract);
  g_autoptr (CordonCapabilitySet) caps = NULL;

  if (param->abi == 0 && enforce_skip_unless_abi (9, "named UNIX sockets (Linux 7.1)"))
    return;
  if (path == NULL || dbus_send == NULL)
    {
      g_test_skip ("no session bus, or no dbus-send (build-aux/dev test has both)");
      return;
    }
  /* The system read-only, /tmp writable: what a user would grant. */
  caps = enforce_caps (TRUE, "/usr", CORDON_ACCESS_READ, "/etc", CORDON_ACCESS_READ, "/tmp",
                       CORDON_ACCESS_READ_WRITE, NULL);
  for (const char *const *lib = (const char *const[]) { "/lib", "/lib64", NULL }; *lib; lib++)
    if (g_file_test (*lib, G_FILE_TEST_IS_DIR))
      {
        g_autoptr (GError) error = NULL;

        cordon_capability_set_allow_path (caps, *lib, CORDON_ACCESS_READ, &error);
        g_assert_no_error (error);
      }

  g_assert_cmpint (run_quietly (NULL, ENFORCE_NO_SANDBOX, run_dbus_send, dbus_send), ==, 0);
  /* The bus socket unlisted: "Failed to connect to socket …: Permission denied". */
  g_assert_cmpint (run_quietly (caps, param->abi, run_dbus_send, dbus_send), ==, 1);
  /* The twin, in the same sandbox with the socket listed, reaches it. */
  if (!abstract)
    {
      g_autoptr (GError) error = NULL;

      cordon_capability_set_allow_socket (caps, path, &error);
      g_assert_no_error (error);
      g_assert_cmpint (run_quietly (caps, param->abi, run_dbus_send, dbus_send), ==, 0);
    }
}

/* ---- the mediator killed mid-run ---------------------------------------- */

/* Takes @child's seccomp listener from @channel (it sent it with
 * cordon_mediator_send_listener) and serves it from a forked mediator, as
 * cordon-run's supervisor would: the mediator's pid. @out_pidfd gets
 * @child's pidfd. */
static pid_t
serve_listener (int    channel,
                pid_t  child,
                int   *out_pidfd)
{
  g_autoptr (GError) error = NULL;
  int listener;
  pid_t mediator;

  *out_pidfd = syscall (SYS_pidfd_open, child, 0U);
  g_assert_no_errno (*out_pidfd);
  listener = cordon_mediator_receive_listener (channel, *out_pidfd, &error);
  g_assert_no_error (error);
  mediator = fork ();
  if (mediator == 0)
    {
      cordon_mediator_serve (tree.caps, listener);
      _exit (0);
    }
  close (listener);
  return mediator;
}


static void
test_mediator_killed (void)
{
  g_autofree char *listed = in (tree.listed, "stream");
  int sv[2], go[2], done[2];
  int pidfd;
  pid_t child, mediator;
  int results[2] = { -1, -1 };
  int status;

  g_assert_no_errno (socketpair (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv));
  g_assert_no_errno (pipe2 (go, O_CLOEXEC));
  g_assert_no_errno (pipe2 (done, O_CLOEXEC));
  fflush (stdout);
  child = fork ();
  g_assert_cmpint (child, >=, 0);
  if (child == 0)
    {
      int fd = -1;
      char byte;

      if (!cordon_apply_supervised (tree.caps, SUPERVISOR_ABI, &fd, NULL) || fd < 0 ||
          !cordon_mediator_send_listener (sv[1], fd, NULL))
        _exit (10);
      close (fd);
      results[0] = connect_path (SOCK_STREAM, listed);
      /* Wait until the test has killed the mediator. */
      if (write (done[1], &results[0], sizeof (int)) != sizeof (int) || read (go[0], &byte, 1) != 1)
        _exit (11);
      results[1] = connect_path (SOCK_STREAM, listed);
      _exit (results[1] == ENOSYS ? 0 : 12);
    }

  mediator = serve_listener (sv[0], child, &pidfd);

  g_assert_cmpint (read (done[0], &results[0], sizeof (int)), ==, sizeof (int));
  g_assert_cmpint (results[0], ==, 0);
  kill (mediator, SIGKILL);
  g_assert_no_errno (waitpid (mediator, NULL, 0));
  g_assert_cmpint (write (go[1], "g", 1), ==, 1);
  g_assert_no_errno (waitpid (child, &status, 0));
  g_assert_true (WIFEXITED (status));
  /* The kernel fails a call no listener can answer: ENOSYS, never through. */
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  g_assert_cmpuint (drain (tree.listed_stream), ==, 1);

  close (pidfd);
  for (int i = 0; i < 2; i++)
    {
      close (sv[i]);
      close (go[i]);
      close (done[i]);
    }
}

/* ---- a listed socket or folder replaced by the program ------------------ */

/* A rule names a socket (or a folder of sockets) in a folder the program may
 * write. The program renames a socket made outside over the listed one (or
 * moves the listed folder away and makes its own in its place, holding the
 * outside socket): the path is still listed, the socket is not what was.
 * Landlock ABI 9 grants the inode; the mediator must not grant the path. */
typedef struct
{
  gboolean folder;
  char    *listed; /* the listed socket's path */
  char    *victim; /* a socket made outside, in the same writable folder */
  char    *dir;    /* the listed folder, for the folder case */
} Replaced;

static int
check_replaced (gpointer data)
{
  const Replaced *r = data;

  if (r->folder)
    {
      g_autofree char *moved = g_strconcat (r->dir, "-moved", NULL);

      if (rename (r->dir, moved) < 0 || mkdir (r->dir, 0700) < 0)
        return 8000 + errno;
    }
  if (rename (r->victim, r->listed) < 0)
    return 8000 + errno;
  return connect_path (SOCK_STREAM, r->listed);
}

static int
check_replaced_twin (gpointer data)
{
  const Replaced *r = data;

  return connect_path (SOCK_STREAM, r->listed);
}

static void
test_listed_replaced (gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CordonCapabilitySet) caps = NULL;
  g_autofree char *base = NULL;
  Replaced r = { GPOINTER_TO_INT (data) };
  int listed, victim;

  base = g_strdup_printf ("%s/replaced-%s", tree.root, r.folder ? "folder" : "file");
  g_assert_no_errno (mkdir (base, 0700));
  r.dir = g_build_filename (base, "listed", NULL);
  g_assert_no_errno (mkdir (r.dir, 0700));
  r.listed = g_build_filename (r.dir, "sock", NULL);
  r.victim = g_build_filename (base, "victim", NULL);
  listed = bind_socket (SOCK_STREAM, r.listed);
  victim = bind_socket (SOCK_STREAM, r.victim);

  caps = enforce_caps (TRUE, base, CORDON_ACCESS_READ_WRITE, NULL);
  cordon_capability_set_allow_socket (caps, r.folder ? r.dir : r.listed, &error);
  g_assert_no_error (error);

  /* The twin: the listed socket itself is reached. */
  g_assert_cmpint (enforce_run_applied (caps, SUPERVISOR_ABI, check_replaced_twin, &r), ==, 0);
  g_assert_cmpuint (drain (listed), ==, 1);

  g_assert_cmpint (enforce_run_applied (caps, SUPERVISOR_ABI, check_replaced, &r), ==, EACCES);
  g_assert_cmpuint (drain (victim), ==, 0);
  /* The rename did happen: the outside socket now holds the listed path,
   * and without the sandbox it answers there. */
  g_assert_cmpint (enforce_run_unsandboxed (NULL, check_replaced_twin, &r), ==, 0);
  g_assert_cmpuint (drain (victim), ==, 1);

  close (listed);
  close (victim);
  g_free (r.dir);
  g_free (r.listed);
  g_free (r.victim);
}

/* ---- credentials claimed through the mediator ---------------------------- */

/* The mediator sends with its own privileges. Run as root, the kernel
 * would let it pass any SCM_CREDENTIALS; the program, root with its
 * capabilities dropped, must not claim another process's pid (journald,
 * polkit-style peers trust it). */
typedef struct
{
  char  *path;
  pid_t  claim_pid; /* 0: its own */
} Claim;

static int
send_credentials (gpointer data)
{
  const Claim *c = data;
  struct sockaddr_un addr;
  socklen_t len = make_addr (&addr, c->path);
  union
  {
    struct cmsghdr header;
    char           buffer[CMSG_SPACE (sizeof (struct ucred))];
  } control = { 0 };
  struct ucred cred = { c->claim_pid != 0 ? c->claim_pid : getpid (), getuid (), getgid () };
  struct iovec iov = { (char *) "x", 1 };
  struct msghdr msg = { &addr, len, &iov, 1, control.buffer, sizeof control.buffer, 0 };
  struct cmsghdr *cmsg = CMSG_FIRSTHDR (&msg);
  int fd = socket (AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  int r;

  cmsg->cmsg_level = SOL_SOCKET;
  cmsg->cmsg_type = SCM_CREDENTIALS;
  cmsg->cmsg_len = CMSG_LEN (sizeof cred);
  memcpy (CMSG_DATA (cmsg), &cred, sizeof cred);
  r = sendmsg (fd, &msg, 0) == 1 ? 0 : errno;
  close (fd);
  return r;
}

/* The pid the one waiting datagram claims, or 0 when none waits. */
static pid_t
received_pid (int fd)
{
  union
  {
    struct cmsghdr header;
    char           buffer[CMSG_SPACE (sizeof (struct ucred))];
  } control;
  char byte;
  struct iovec iov = { &byte, 1 };
  struct msghdr msg = { NULL, 0, &iov, 1, control.buffer, sizeof control.buffer, 0 };
  struct ucred cred;

  if (recvmsg (fd, &msg, MSG_DONTWAIT) != 1)
    return 0;
  g_assert_nonnull (CMSG_FIRSTHDR (&msg));
  memcpy (&cred, CMSG_DATA (CMSG_FIRSTHDR (&msg)), sizeof cred);
  return cred.pid;
}

static void
test_credentials (void)
{
  Claim claim = { in (tree.listed, "credentials"), 0 };
  int one = 1;
  int fd = bind_socket (SOCK_DGRAM, claim.path);
  pid_t got;

  g_assert_no_errno (setsockopt (fd, SOL_SOCKET, SO_PASSCRED, &one, sizeof one));

  /* The twin: a send with no claim the kernel would refuse the program.
   * Root's mediator passes the program's own pid; another user's mediator
   * may claim no pid but its own, and sends that. */
  g_assert_cmpint (enforce_run_applied (tree.caps, SUPERVISOR_ABI, send_credentials, &claim), ==,
                   0);
  got = received_pid (fd);
  g_assert_cmpint (got, >, 1);

  /* The attack: claim to be init (pid 1). */
  claim.claim_pid = 1;
  g_assert_cmpint (enforce_run_applied (tree.caps, SUPERVISOR_ABI, send_credentials, &claim), ==,
                   EPERM);
  g_assert_cmpint (received_pid (fd), ==, 0);

  close (fd);
  unlink (claim.path);
  g_free (claim.path);
}

/* ---- a stream sent in pieces ------------------------------------------- */

/* The mediator sends a stream in pieces and reads each next piece from the
 * program's memory after the send (the path a reused pid would reach): three
 * iovecs, none a multiple of a piece, each byte where the program put it. */
#define PIECES_SIZE (700 * 1024 + 13)

static guint8
piece_byte (gsize i)
{
  return (guint8) ((i * 7) ^ (i >> 11));
}

static int
check_stream_pieces (gpointer d)
{
  g_autofree guint8 *data = g_malloc (PIECES_SIZE);
  struct iovec iov[3] = {
    { data, 5 }, { data + 5, 300 * 1024 }, { data + 5 + 300 * 1024, PIECES_SIZE - 5 - 300 * 1024 },
  };
  struct msghdr msg = { .msg_iov = iov, .msg_iovlen = 3 };
  gsize sent = 0;
  int sv[2], status;
  pid_t reader;

  for (gsize i = 0; i < PIECES_SIZE; i++)
    data[i] = piece_byte (i);
  if (socketpair (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0)
    return 1000 + errno;
  reader = fork ();
  if (reader < 0)
    return 2000 + errno;
  if (reader == 0)
    {
      guint8 buffer[4096];
      gsize got = 0;
      ssize_t n;

      close (sv[0]);
      while ((n = read (sv[1], buffer, sizeof buffer)) > 0)
        for (ssize_t i = 0; i < n; i++, got++)
          if (got >= PIECES_SIZE || buffer[i] != piece_byte (got))
            _exit (3);
      _exit (got == PIECES_SIZE ? 0 : 4);
    }
  close (sv[1]);
  /* A short send (a signal) continues where it stopped, as a program does. */
  while (sent < PIECES_SIZE)
    {
      ssize_t n = sendmsg (sv[0], &msg, 0);

      if (n <= 0)
        return 3000 + errno;
      sent += (gsize) n;
      while (msg.msg_iovlen > 0 && (gsize) n >= msg.msg_iov[0].iov_len)
        {
          n -= (ssize_t) msg.msg_iov[0].iov_len;
          msg.msg_iov++;
          msg.msg_iovlen--;
        }
      if (msg.msg_iovlen > 0)
        {
          msg.msg_iov[0].iov_base = (char *) msg.msg_iov[0].iov_base + n;
          msg.msg_iov[0].iov_len -= (gsize) n;
        }
    }
  close (sv[0]);
  if (waitpid (reader, &status, 0) < 0)
    return 4000 + errno;
  return WIFEXITED (status) ? WEXITSTATUS (status) : 5000;
}

static void
test_stream_pieces (void)
{
  g_assert_cmpint (enforce_run_applied (tree.caps, SUPERVISOR_ABI, check_stream_pieces, NULL), ==,
                   0);
}

/* ---- the caller killed during a blocked send, its pid reused ----------- */

/* A stream send goes in pieces, and waits while the peer does not read. The
 * program is killed meanwhile and its pid given to a new process outside
 * (here by clone3's set_tid, which needs root; a program can cycle through
 * the pids itself). When the peer reads again, the mediator must not take
 * the rest of the data from the newcomer's memory at the same address. */
#define LEAK_ADDRESS ((void *) 0x5e0000000000UL)
#define LEAK_SIZE    (4 * 1024 * 1024)

static pid_t
clone_with_pid (pid_t pid)
{
  pid_t tid[1] = { pid };
  struct clone_args args = {
    .exit_signal = SIGCHLD,
    .set_tid = (guintptr) tid,
    .set_tid_size = 1,
  };

  return (pid_t) syscall (SYS_clone3, &args, sizeof args);
}

static void
test_pid_reused_mid_send (void)
{
  g_autofree char *path = g_strdup_printf ("%s/blocked-%d", tree.listed, (int) getpid ());
  int server = bind_socket (SOCK_STREAM, path);
  int sv[2], ready[2];
  int pidfd, peer, pending = 0;
  gsize got_secret = 0, got = 0;
  pid_t child, mediator, newcomer, keeper;
  char byte, buffer[65536];

  g_assert_no_errno (socketpair (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv));
  g_assert_no_errno (pipe2 (ready, O_CLOEXEC));
  fflush (stdout);
  child = fork ();
  g_assert_cmpint (child, >=, 0);
  if (child == 0)
    {
      struct sockaddr_un addr;
      socklen_t len;
      char *data;
      int fd = -1;

      if (!cordon_apply_supervised (tree.caps, SUPERVISOR_ABI, &fd, NULL) || fd < 0 ||
          !cordon_mediator_send_listener (sv[1], fd, NULL))
        _exit (10);
      close (fd);
      /* Keeps the filter's listener in use once this process is gone. */
      keeper = fork ();
      if (keeper == 0)
        {
          pause ();
          _exit (0);
        }
      data = mmap (LEAK_ADDRESS, LEAK_SIZE, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
      if (data != LEAK_ADDRESS)
        _exit (11);
      memset (data, 'p', LEAK_SIZE);
      fd = socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
      len = make_addr (&addr, path);
      if (connect (fd, (struct sockaddr *) &addr, len) != 0)
        _exit (12);
      if (write (ready[1], &keeper, sizeof keeper) != sizeof keeper)
        _exit (13);
      {
        /* sendmsg, which the mediator does itself (send () without an
         * address goes straight to the kernel). */
        struct iovec iov = { data, LEAK_SIZE };
        struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1 };

        sendmsg (fd, &msg, 0); /* waits for the peer, until killed */
      }
      _exit (16);
    }

  mediator = serve_listener (sv[0], child, &pidfd);

  g_assert_cmpint (read (ready[0], &keeper, sizeof keeper), ==, sizeof keeper);
  /* The mediator sends and then waits: the connection holds data. */
  do
    {
      peer = accept4 (server, NULL, NULL, SOCK_CLOEXEC);
      if (peer < 0)
        g_usleep (10000);
    }
  while (peer < 0);
  while (ioctl (peer, FIONREAD, &pending) == 0 && pending == 0)
    g_usleep (10000);
  g_usleep (200000);

  g_assert_no_errno (kill (child, SIGKILL));
  g_assert_no_errno (waitpid (child, NULL, 0));
  fflush (stdout);
  newcomer = clone_with_pid (child);
  if (newcomer == 0)
    {
      char *secret = mmap (LEAK_ADDRESS, LEAK_SIZE, PROT_READ | PROT_WRITE,
                           MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);

      if (secret != LEAK_ADDRESS)
        _exit (20);
      memset (secret, 'S', LEAK_SIZE);
      if (write (ready[1], "s", 1) != 1)
        _exit (21);
      pause ();
      _exit (0);
    }
  if (newcomer < 0)
    {
      g_test_skip ("cannot give a process a chosen pid (clone3 set_tid needs root)");
      kill (mediator, SIGKILL);
      waitpid (mediator, NULL, 0);
    }
  else
    {
      g_assert_cmpint (newcomer, ==, child);
      g_assert_cmpint (read (ready[0], &byte, 1), ==, 1);

      /* Read everything the mediator sends now, until it stops. */
      for (;;)
        {
          struct pollfd pfd = { peer, POLLIN, 0 };
          ssize_t n;

          if (poll (&pfd, 1, 1000) <= 0)
            break;
          n = read (peer, buffer, sizeof buffer);
          if (n <= 0)
            break;
          got += n;
          for (ssize_t i = 0; i < n; i++)
            got_secret += buffer[i] == 'S';
        }
      kill (newcomer, SIGKILL);
      waitpid (newcomer, NULL, 0);
      g_test_message ("read %" G_GSIZE_FORMAT " bytes after the caller died", got);
    }

  /* The filter's last process, then the mediator. */
  kill (keeper, SIGKILL);
  kill (mediator, SIGKILL);
  waitpid (mediator, NULL, 0);
  close (peer);
  close (server);
  unlink (path);
  close (pidfd);
  close (sv[0]);
  close (sv[1]);
  close (ready[0]);
  close (ready[1]);
  /* Only now, with nothing left behind to hold the test's output open. */
  if (newcomer > 0)
    {
      g_assert_cmpuint (got, >, 0); /* it was sending: the case is real */
      g_assert_cmpuint (got_secret, ==, 0);
    }
}

/* ---- the observer hook (issue 14) and the abstract refusal (issue 13) ---- */

static void
observe (const CordonMediatorEvent *event,
         gpointer                   data)
{
  int fd = GPOINTER_TO_INT (data);
  g_autofree char *line = g_strdup_printf ("%s %s %s %d %s\n", event->call,
                                           event->allowed ? "allowed" : "refused", event->reason,
                                           event->error,
                                           event->path != NULL ? event->path
                                                               : event->abstract_name);

  if (write (fd, line, strlen (line)) != (gssize) strlen (line))
    _exit (20);
}

static void
test_observer (void)
{
  g_autofree char *listed = in (tree.listed, "stream");
  g_autofree char *outside = in (tree.outside, "stream");
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) lines = g_string_new (NULL);
  int sv[2], events[2];
  int pidfd, listener, status;
  pid_t child, mediator;
  char buffer[1024];
  gssize n;

  g_assert_no_errno (socketpair (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv));
  g_assert_no_errno (pipe2 (events, O_CLOEXEC));
  fflush (stdout);
  child = fork ();
  g_assert_cmpint (child, >=, 0);
  if (child == 0)
    {
      int fd = -1;

      close (events[0]);
      close (events[1]);
      if (!cordon_apply_supervised (tree.caps, SUPERVISOR_ABI, &fd, NULL) || fd < 0 ||
          !cordon_mediator_send_listener (sv[1], fd, NULL))
        _exit (10);
      close (fd);
      if (connect_path (SOCK_STREAM, listed) != 0)
        _exit (11);
      if (connect_path (SOCK_STREAM, outside) != EACCES)
        _exit (12);
      /* Issue 13's X11 fallback: a refused abstract connect looks like
       * "nobody listens", so the client tries the path socket. */
      _exit (connect_abstract (tree.abstract_name) == ECONNREFUSED ? 0 : 13);
    }

  pidfd = syscall (SYS_pidfd_open, child, 0U);
  g_assert_no_errno (pidfd);
  listener = cordon_mediator_receive_listener (sv[0], pidfd, &error);
  g_assert_no_error (error);
  mediator = fork ();
  if (mediator == 0)
    {
      CordonMediator *m = cordon_mediator_new (tree.caps, listener, NULL);
      struct pollfd pfd;

      close (events[0]);
      if (m == NULL)
        _exit (21);
      cordon_mediator_set_observer (m, observe, GINT_TO_POINTER (events[1]), NULL);
      cordon_mediator_set_abstract_refusal_errno (m, ECONNREFUSED);
      pfd.fd = cordon_mediator_get_fd (m);
      pfd.events = POLLIN;
      /* Until no sandboxed process is left: POLLHUP. */
      while (poll (&pfd, 1, -1) >= 0 && (pfd.revents & POLLHUP) == 0)
        ;
      cordon_mediator_free (m);
      _exit (0);
    }
  close (listener);
  close (events[1]);

  g_assert_no_errno (waitpid (child, &status, 0));
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  while ((n = read (events[0], buffer, sizeof buffer)) > 0)
    g_string_append_len (lines, buffer, n);
  g_assert_no_errno (waitpid (mediator, &status, 0));
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);

  {
    g_autofree char *allowed = g_strdup_printf ("connect allowed granted_socket 0 %s\n", listed);
    g_autofree char *refused =
      g_strdup_printf ("connect refused socket_not_granted %d %s\n", EACCES, outside);
    g_autofree char *abstract = g_strdup_printf ("connect refused abstract_not_own %d @%s\n",
                                                 ECONNREFUSED, tree.abstract_name);

    g_test_message ("events:\n%s", lines->str);
    g_assert_nonnull (strstr (lines->str, allowed));
    g_assert_nonnull (strstr (lines->str, refused));
    g_assert_nonnull (strstr (lines->str, abstract));
  }
  drain_all ();
  close (pidfd);
  close (events[0]);
  close (sv[0]);
  close (sv[1]);
}

/* ---- set-up --------------------------------------------------------------- */

static char *
make_dir (const char *name)
{
  char *path = in (tree.root, name);

  g_assert_no_errno (mkdir (path, 0700));
  return path;
}

static void
tree_setup (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  struct sockaddr_un addr = { .sun_family = AF_UNIX };
  socklen_t len;

  tree.root = enforce_tree_new ();
  /* "outside" and "listed1" have the same length, for the race. */
  tree.outside = make_dir ("outside");
  tree.listed = make_dir ("listed1");
  tree.writable = make_dir ("writable");
  tree.staging = make_dir ("staging");

#define BIND(field, type, dir, name)                                                                \
  do                                                                                                \
    {                                                                                               \
      g_autofree char *p = in (tree.dir, name);                                                     \
      tree.field = bind_socket (type, p);                                                           \
    }                                                                                               \
  while (0)
  BIND (outside_stream, SOCK_STREAM, outside, "stream");
  BIND (outside_dgram, SOCK_DGRAM, outside, "dgram");
  BIND (outside_seqpacket, SOCK_SEQPACKET, outside, "seqpacket");
  BIND (listed_stream, SOCK_STREAM, listed, "stream");
  BIND (listed_dgram, SOCK_DGRAM, listed, "dgram");
  BIND (listed_seqpacket, SOCK_SEQPACKET, listed, "seqpacket");
  BIND (file_listed, SOCK_STREAM, outside, "file-listed");
  BIND (writable_foreign, SOCK_STREAM, writable, "foreign");
  BIND (staging_victim, SOCK_STREAM, staging, "victim");
  BIND (inherited, SOCK_STREAM, outside, "inherited");
#undef BIND

  {
    g_autofree char *target = in (tree.outside, "stream");
    g_autofree char *link = in (tree.listed, "link-to-outside");
    g_autofree char *plain = in (tree.listed, "plain-file");

    g_assert_no_errno (symlink (target, link));
    enforce_write_file (plain, "not a socket");
  }

  g_snprintf (tree.abstract_name, sizeof tree.abstract_name, "cordon-test-outside-%d",
              (int) getpid ());
  memcpy (addr.sun_path + 1, tree.abstract_name, strlen (tree.abstract_name));
  len = offsetof (struct sockaddr_un, sun_path) + 1 + strlen (tree.abstract_name);
  tree.abstract = socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  g_assert_no_errno (bind (tree.abstract, (struct sockaddr *) &addr, len));
  g_assert_no_errno (listen (tree.abstract, 64));

  tree.caps = enforce_caps (TRUE, tree.writable, CORDON_ACCESS_READ_WRITE, tree.staging,
                            CORDON_ACCESS_READ_WRITE, NULL);
  cordon_capability_set_allow_socket (tree.caps, tree.listed, &error);
  g_assert_no_error (error);
  path = in (tree.outside, "file-listed");
  cordon_capability_set_allow_socket (tree.caps, path, &error);
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  static Param params[2 * G_N_ELEMENTS (cases) + 4];
  static const int abis[] = { SUPERVISOR_ABI, 0 };
  static const char *const abi_names[] = { "supervisor", "landlock" };
  guint n = 0;
  int result;

  g_test_init (&argc, &argv, NULL);
  /* A refused send must not kill the test with SIGPIPE. */
  signal (SIGPIPE, SIG_IGN);
  tree_setup ();

  for (guint a = 0; a < G_N_ELEMENTS (abis); a++)
    {
      g_autofree char *race = g_strdup_printf ("/enforce/sockets/%s/race", abi_names[a]);
      g_autofree char *bus = g_strdup_printf ("/enforce/sockets/%s/session-bus", abi_names[a]);

      for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
        {
          g_autofree char *name =
            g_strdup_printf ("/enforce/sockets/%s/%s", abi_names[a], cases[i].name);

          params[n] = (Param) { &cases[i], abis[a] };
          g_test_add_data_func (name, &params[n++], test_case);
        }
      params[n] = (Param) { NULL, abis[a] };
      g_test_add_data_func (race, &params[n], test_race);
      {
        g_autofree char *signals = g_strdup_printf ("/enforce/sockets/%s/signals", abi_names[a]);

        g_test_add_data_func (signals, &params[n], test_signals);
      }
      g_test_add_data_func (bus, &params[n], test_session_bus);
      {
        g_autofree char *dbus = g_strdup_printf ("/enforce/sockets/%s/dbus-send", abi_names[a]);

        g_test_add_data_func (dbus, &params[n++], test_dbus_send);
      }
    }
  g_test_add_func ("/enforce/sockets/supervisor/mediator-killed", test_mediator_killed);
  g_test_add_func ("/enforce/sockets/supervisor/observer", test_observer);
  g_test_add_func ("/enforce/sockets/supervisor/credentials-claimed", test_credentials);
  g_test_add_func ("/enforce/sockets/supervisor/stream-pieces", test_stream_pieces);
  g_test_add_func ("/enforce/sockets/supervisor/pid-reused-mid-send", test_pid_reused_mid_send);
  g_test_add_data_func ("/enforce/sockets/supervisor/listed-file-replaced", GINT_TO_POINTER (FALSE),
                        test_listed_replaced);
  g_test_add_data_func ("/enforce/sockets/supervisor/listed-folder-replaced", GINT_TO_POINTER (TRUE),
                        test_listed_replaced);

  result = g_test_run ();
  enforce_tree_free (tree.root);
  return result;
}
