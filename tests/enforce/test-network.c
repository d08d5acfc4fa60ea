/* test-network.c: network, io_uring, terminal injection, IPC scopes, foreign ABIs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/io_uring.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "enforce-util.h"

#define ERRNO_OF(call) ((call) < 0 ? errno : 0)

/* Listeners made by the parent, outside any sandbox. */
typedef struct
{
  int                tcp_fd;
  struct sockaddr_in tcp_addr;
  int                udp_fd;
  struct sockaddr_in udp_addr;
  int                abstract_fd;
  struct sockaddr_un abstract_addr;
  socklen_t          abstract_len;
  int                spare_tcp_fd; /* an unconnected TCP socket the child inherits */
  CordonCapabilitySet *blocked;
  CordonCapabilitySet *allowed;
} Net;

static void
bind_loopback (int                 fd,
               struct sockaddr_in *addr)
{
  socklen_t len = sizeof *addr;

  memset (addr, 0, sizeof *addr);
  addr->sin_family = AF_INET;
  addr->sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  g_assert_no_errno (bind (fd, (struct sockaddr *) addr, sizeof *addr));
  g_assert_no_errno (getsockname (fd, (struct sockaddr *) addr, &len));
}

static void
net_setup (Net *net, gconstpointer data)
{
  g_autofree char *name = g_strdup_printf ("cordon-enforce-%d-%u", (int) getpid (),
                                           g_random_int ());

  net->tcp_fd = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  g_assert_cmpint (net->tcp_fd, >=, 0);
  bind_loopback (net->tcp_fd, &net->tcp_addr);
  g_assert_no_errno (listen (net->tcp_fd, 8));

  net->udp_fd = socket (AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  g_assert_cmpint (net->udp_fd, >=, 0);
  bind_loopback (net->udp_fd, &net->udp_addr);

  net->abstract_fd = socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  g_assert_cmpint (net->abstract_fd, >=, 0);
  net->abstract_addr.sun_family = AF_UNIX;
  memcpy (net->abstract_addr.sun_path + 1, name, strlen (name));
  net->abstract_len = offsetof (struct sockaddr_un, sun_path) + 1 + strlen (name);
  g_assert_no_errno (bind (net->abstract_fd, (struct sockaddr *) &net->abstract_addr,
                           net->abstract_len));
  g_assert_no_errno (listen (net->abstract_fd, 8));

  net->spare_tcp_fd = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  g_assert_cmpint (net->spare_tcp_fd, >=, 0);

  /* The sandbox may read nothing at all: only the network part matters. */
  net->blocked = cordon_capability_set_new ();
  cordon_capability_set_block_network (net->blocked);
  net->allowed = cordon_capability_set_new ();
}

static void
net_teardown (Net *net, gconstpointer data)
{
  close (net->tcp_fd);
  close (net->udp_fd);
  close (net->abstract_fd);
  close (net->spare_tcp_fd);
  g_clear_object (&net->blocked);
  g_clear_object (&net->allowed);
}

/* Denied with @denied_errno from Landlock ABI @abi on, and let through at
 * @abi - 1 (the twin that shows the check can see the access work). */
static void
assert_from_abi (int                  abi,
                 const char          *feature,
                 CordonCapabilitySet *caps,
                 EnforceCheck         check,
                 gpointer             data,
                 int                  denied_errno)
{
  if (enforce_skip_unless_abi (abi, feature))
    return;
  g_assert_cmpint (enforce_run_applied (caps, 0, check, data), ==, denied_errno);
  g_assert_cmpint (enforce_run_applied (caps, abi - 1, check, data), ==, 0);
}

static int
check_tcp_connect (gpointer data)
{
  Net *net = data;
  int fd = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  int r;

  if (fd < 0)
    return errno;
  r = ERRNO_OF (connect (fd, (struct sockaddr *) &net->tcp_addr, sizeof net->tcp_addr));
  close (fd);
  return r;
}

static void
test_blocked_tcp (Net *net, gconstpointer data)
{
  g_assert_cmpint (enforce_run_applied (net->blocked, 0, check_tcp_connect, net), ==, EACCES);
}

static void
test_allowed_tcp (Net *net, gconstpointer data)
{
  g_assert_cmpint (enforce_run_applied (net->allowed, 0, check_tcp_connect, net), ==, 0);
}

static int
check_udp_sendto (gpointer data)
{
  Net *net = data;
  int fd = socket (AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  int r;

  if (fd < 0)
    return errno;
  r = ERRNO_OF (sendto (fd, "leak", 4, 0, (struct sockaddr *) &net->udp_addr,
                        sizeof net->udp_addr));
  close (fd);
  return r;
}

static gboolean
udp_received (Net *net)
{
  char buf[8];

  return recv (net->udp_fd, buf, sizeof buf, MSG_DONTWAIT) == 4;
}

static void
test_blocked_udp (Net *net, gconstpointer data)
{
  g_assert_cmpint (enforce_run_applied (net->blocked, 0, check_udp_sendto, net), ==, EACCES);
  g_assert_false (udp_received (net));
}

static void
test_allowed_udp (Net *net, gconstpointer data)
{
  g_assert_cmpint (enforce_run_applied (net->allowed, 0, check_udp_sendto, net), ==, 0);
  g_assert_true (udp_received (net));
}

/* Every family but AF_UNIX is refused, whatever the type. */
static int
check_other_families (gpointer data)
{
  static const int kinds[][2] = {
    { AF_INET6, SOCK_STREAM },    { AF_INET6, SOCK_DGRAM }, { AF_INET, SOCK_RAW },
    { AF_PACKET, SOCK_RAW },      { AF_NETLINK, SOCK_RAW }, { AF_INET, SOCK_SEQPACKET },
    { AF_VSOCK, SOCK_STREAM },    { AF_BLUETOOTH, SOCK_RAW },
  };
  int pair[2];

  for (gsize i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      int fd = socket (kinds[i][0], kinds[i][1] | SOCK_CLOEXEC, 0);

      if (fd >= 0)
        return 1000 + (int) i;
      if (errno != EACCES)
        return 2000 + (int) i;
    }
  if (socketpair (AF_INET, SOCK_STREAM, 0, pair) == 0 || errno != EACCES)
    return 3000;
  /* AF_INET with garbage above the int: the kernel reads AF_INET. */
  if (syscall (SYS_socket, (G_GUINT64_CONSTANT (1) << 32) | AF_INET, SOCK_STREAM, 0) >= 0 ||
      errno != EACCES)
    return 3001;
  return 0;
}

static void
test_blocked_families (Net *net, gconstpointer data)
{
  g_assert_cmpint (enforce_run_applied (net->blocked, 0, check_other_families, net), ==, 0);
}

static int
check_unix_works (gpointer data)
{
  int pair[2];
  char c = 0;
  int fd;

  if (socketpair (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) < 0)
    return errno;
  if (write (pair[0], "u", 1) != 1 || read (pair[1], &c, 1) != 1 || c != 'u')
    return EIO;
  close (pair[0]);
  close (pair[1]);
  fd = socket (AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0)
    return errno;
  close (fd);
  return 0;
}

static void
test_blocked_unix_works (Net *net, gconstpointer data)
{
  g_assert_cmpint (enforce_run_applied (net->blocked, 0, check_unix_works, net), ==, 0);
}

/* A TCP socket made before the sandbox (an inherited descriptor): only
 * Landlock's TCP rights (ABI 4) stand between it and the network. */
static int
check_inherited_socket (gpointer data)
{
  Net *net = data;

  return ERRNO_OF (connect (net->spare_tcp_fd, (struct sockaddr *) &net->tcp_addr,
                            sizeof net->tcp_addr));
}

static void
test_blocked_inherited_socket (Net *net, gconstpointer data)
{
  /* ABI 3 has no network rights, but below ABI 9 every connect goes
   * through the socket mediator, which refuses any but AF_UNIX while the
   * network is blocked (cordon-run closes inherited descriptors anyway). */
  g_assert_cmpint (enforce_run_applied (net->blocked, 0, check_inherited_socket, net), ==, EACCES);
  g_assert_cmpint (enforce_run_applied (net->blocked, 3, check_inherited_socket, net), ==, EACCES);
  /* The twin: the network allowed, the mediator connects it. */
  g_assert_cmpint (enforce_run_applied (net->allowed, 3, check_inherited_socket, net), ==, 0);
}

static int
check_io_uring (gpointer data)
{
  struct io_uring_params params = { 0 };
  long fd = syscall (SYS_io_uring_setup, 4, &params);

  if (fd < 0)
    return errno;
  close ((int) fd);
  return 0;
}

static void
test_io_uring (Net *net, gconstpointer data)
{
  int unsandboxed = enforce_run_unsandboxed (NULL, check_io_uring, net);

  g_assert_cmpint (enforce_run_applied (net->blocked, 0, check_io_uring, net), ==, ENOSYS);
  /* Below ABI 3 io_uring could truncate behind the seccomp emulation. */
  g_assert_cmpint (enforce_run_applied (net->allowed, 2, check_io_uring, net), ==, ENOSYS);

  if (unsandboxed != 0)
    {
      g_test_skip_printf ("io_uring is not usable here (%s): the allowed twin cannot run",
                          g_strerror (unsandboxed));
      return;
    }
  /* Below ABI 9 io_uring could connect to a named socket behind the
   * socket mediator's back. */
  g_assert_cmpint (enforce_run_applied (net->allowed, 8, check_io_uring, net), ==, ENOSYS);
  if (enforce_skip_unless_abi (9, "named UNIX sockets (the allowed twin needs Linux 7.1)"))
    return;
  g_assert_cmpint (enforce_run_applied (net->allowed, 0, check_io_uring, net), ==, 0);
}

/* The child leads a new session whose controlling terminal is a fresh
 * pty: TIOCSTI on it would work if nothing stopped it. */
typedef struct
{
  int master;
  int slave;
} Pty;

static int
prepare_pty (gpointer data)
{
  Pty *pty = data;

  if (setsid () < 0)
    return 1;
  pty->master = posix_openpt (O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (pty->master < 0 || grantpt (pty->master) < 0 || unlockpt (pty->master) < 0)
    return 2;
  pty->slave = open (ptsname (pty->master), O_RDWR | O_CLOEXEC);
  return pty->slave < 0 ? 3 : 0;
}

static int
check_tiocsti (gpointer data)
{
  Pty *pty = data;
  char c = 'x';

  return ERRNO_OF (ioctl (pty->slave, TIOCSTI, &c));
}

static int
check_tiocsti_high_bits (gpointer data)
{
  Pty *pty = data;
  char c = 'x';

  /* The tty layer truncates the request to 32 bits: still TIOCSTI. */
  return ERRNO_OF (ioctl (pty->slave, TIOCSTI | (G_GUINT64_CONSTANT (1) << 32), &c));
}

static int
check_tioclinux (gpointer data)
{
  Pty *pty = data;
  char subcode = 6; /* TIOCL_GETSHIFTSTATE: harmless */

  return ERRNO_OF (ioctl (pty->slave, TIOCLINUX, &subcode));
}

static gboolean
legacy_tiocsti_enabled (void)
{
  g_autofree char *value = NULL;

  /* Without the sysctl file (kernels before 6.2) TIOCSTI is always on. */
  if (!g_file_get_contents ("/proc/sys/dev/tty/legacy_tiocsti", &value, NULL, NULL))
    return TRUE;
  return value[0] == '1';
}

static int
run_with_pty (CordonCapabilitySet *caps,
              EnforceCheck         check)
{
  EnforceOutcome outcome;
  Pty pty = { -1, -1 };

  enforce_run_prepared (caps, caps == NULL ? ENFORCE_NO_SANDBOX : 0, prepare_pty, check, &pty,
                        &outcome);
  g_assert_true (WIFEXITED (outcome.wait_status));
  g_assert_cmpint (WEXITSTATUS (outcome.wait_status), ==, 0);
  g_assert_true (outcome.reported);
  g_assert_true (caps == NULL || outcome.applied);
  return outcome.result;
}

static void
test_tiocsti (Net *net, gconstpointer data)
{
  /* EPERM is the filter's: the pty is the child's controlling terminal, so
   * the kernel's own refusal would be EIO (legacy_tiocsti off) or none. */
  g_assert_cmpint (run_with_pty (net->allowed, check_tiocsti), ==, EPERM);
  g_assert_cmpint (run_with_pty (net->allowed, check_tiocsti_high_bits), ==, EPERM);
  g_assert_cmpint (run_with_pty (net->allowed, check_tioclinux), ==, EPERM);
  g_assert_cmpint (run_with_pty (NULL, check_tioclinux), !=, EPERM);

  if (!legacy_tiocsti_enabled () && geteuid () != 0)
    {
      g_test_skip ("TIOCSTI is disabled in this kernel: the allowed twin cannot run");
      return;
    }
  g_assert_cmpint (run_with_pty (NULL, check_tiocsti), ==, 0);
  g_assert_cmpint (run_with_pty (NULL, check_tiocsti_high_bits), ==, 0);
}

static int
check_signal_parent (gpointer data)
{
  if (kill (getpid (), 0) < 0)
    return 1000 + errno;
  return ERRNO_OF (kill (getppid (), 0));
}

static void
test_scope_signal (Net *net, gconstpointer data)
{
  assert_from_abi (6, "IPC scoping", net->allowed, check_signal_parent, net, EPERM);
}

static int
check_abstract_connect (gpointer data)
{
  Net *net = data;
  int fd = socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  int r;

  if (fd < 0)
    return 1000 + errno;
  r = ERRNO_OF (connect (fd, (struct sockaddr *) &net->abstract_addr, net->abstract_len));
  close (fd);
  return r;
}

static void
test_scope_abstract_unix (Net *net, gconstpointer data)
{
  /* Landlock scopes abstract sockets from ABI 6; below ABI 9 the socket
   * mediator, which sees every connect, keeps the same rule on any ABI. */
  g_assert_cmpint (enforce_run_applied (net->blocked, 0, check_abstract_connect, net), ==, EPERM);
  g_assert_cmpint (enforce_run_applied (net->blocked, 5, check_abstract_connect, net), ==, EPERM);
  g_assert_cmpint (enforce_run_applied (net->blocked, 1, check_abstract_connect, net), ==, EPERM);
  g_assert_cmpint (enforce_run_unsandboxed (NULL, check_abstract_connect, net), ==, 0);
}

#if defined(__x86_64__)
static int
check_int80_getpid (gpointer data)
{
  long ret;

  /* i386's getpid (20) through the 32-bit entry point. */
  __asm__ volatile ("int $0x80"
                    : "=a"(ret)
                    : "a"(20L)
                    : "rcx", "r8", "r9", "r10", "r11", "memory", "cc");
  return ret == getpid () ? 0 : 1;
}

static void
test_foreign_abi (Net *net, gconstpointer data)
{
  EnforceOutcome outcome;

  enforce_run_prepared (NULL, ENFORCE_NO_SANDBOX, NULL, check_int80_getpid, net, &outcome);
  if (!WIFEXITED (outcome.wait_status) || !outcome.reported || outcome.result != 0)
    {
      g_test_skip ("this kernel has no 32-bit syscall entry (ia32 emulation off)");
      return;
    }

  enforce_run (net->allowed, 0, check_int80_getpid, net, &outcome);
  g_assert_true (WIFSIGNALED (outcome.wait_status));
  g_assert_cmpint (WTERMSIG (outcome.wait_status), ==, SIGSYS);
}
#endif

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Net, NULL, net_setup, func, net_teardown)
  ADD ("/enforce/network/blocked/tcp-connect", test_blocked_tcp);
  ADD ("/enforce/network/blocked/udp-sendto", test_blocked_udp);
  ADD ("/enforce/network/blocked/other-families", test_blocked_families);
  ADD ("/enforce/network/blocked/unix-works", test_blocked_unix_works);
  ADD ("/enforce/network/blocked/inherited-tcp-socket", test_blocked_inherited_socket);
  ADD ("/enforce/network/allowed/tcp-connect", test_allowed_tcp);
  ADD ("/enforce/network/allowed/udp-sendto", test_allowed_udp);
  ADD ("/enforce/io-uring", test_io_uring);
  ADD ("/enforce/tty/tiocsti-tioclinux", test_tiocsti);
  ADD ("/enforce/scope/signal-parent", test_scope_signal);
  ADD ("/enforce/scope/abstract-unix-socket", test_scope_abstract_unix);
#if defined(__x86_64__)
  ADD ("/enforce/seccomp/foreign-abi-killed", test_foreign_abi);
#endif
#undef ADD

  return g_test_run ();
}
