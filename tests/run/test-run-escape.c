/* test-run-escape.c: a program under cordon-run tries to get out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The profile is a realistic one: /usr, /etc and /lib* read-only, the probe's
 * directory read-only, and a read-write work directory. cordon-probe tries
 * one thing and prints "ok" or "error <ERRNO>". Every refusal has an allowed
 * twin, so a sandbox that refuses everything (or a broken set-up) fails.
 */
#include "config.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <termios.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "run-util.h"

typedef struct
{
  char *work;     /* granted ReadWrite */
  char *ro;       /* granted Read */
  char *outside;  /* not granted */
  char *secret;   /* outside/secret */
  char *ro_file;  /* ro/file */
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->work = run_make_temp_dir ("cordon-run-work-XXXXXX");
  fixture->ro = run_make_temp_dir ("cordon-run-ro-XXXXXX");
  fixture->outside = run_make_temp_dir ("cordon-run-outside-XXXXXX");
  fixture->secret = g_build_filename (fixture->outside, "secret", NULL);
  fixture->ro_file = g_build_filename (fixture->ro, "file", NULL);
  run_write_file (fixture->secret, "secret\n");
  run_write_file (fixture->ro_file, "read me\n");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  run_rm_rf (fixture->work);
  run_rm_rf (fixture->ro);
  run_rm_rf (fixture->outside);
  g_free (fixture->work);
  g_free (fixture->ro);
  g_free (fixture->outside);
  g_free (fixture->secret);
  g_free (fixture->ro_file);
}

static char *
work_path (Fixture    *fixture,
           const char *name)
{
  return g_build_filename (fixture->work, name, NULL);
}

/* Runs cordon-probe @probe_args… under the realistic profile (plus @extra,
 * a NULL-terminated list of cordon-run options, or NULL). */
static RunResult *
probe_full (Fixture           *fixture,
            const char *const *extra,
            const RunOptions  *options,
            const char        *first,
            va_list            ap)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new_with_free_func (g_free);

  run_add_system_rules (args);
  g_ptr_array_add (args, g_strdup ("--ro"));
  g_ptr_array_add (args, g_strdup (fixture->ro));
  g_ptr_array_add (args, g_strdup ("--rw"));
  g_ptr_array_add (args, g_strdup (fixture->work));
  for (gsize i = 0; extra != NULL && extra[i] != NULL; i++)
    g_ptr_array_add (args, g_strdup (extra[i]));
  g_ptr_array_add (args, g_strdup ("--"));
  g_ptr_array_add (args, g_strdup (run_probe_path ()));
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, g_strdup (arg));
  g_ptr_array_add (args, NULL);
  return run_cordon ((const char *const *) args->pdata, options);
}

static RunResult * G_GNUC_NULL_TERMINATED
probe (Fixture    *fixture,
       const char *first,
       ...)
{
  RunResult *result;
  va_list ap;

  va_start (ap, first);
  result = probe_full (fixture, NULL, NULL, first, ap);
  va_end (ap);
  return result;
}

static RunResult * G_GNUC_NULL_TERMINATED
probe_with (Fixture           *fixture,
            const char *const *extra,
            const RunOptions  *options,
            const char        *first,
            ...)
{
  RunResult *result;
  va_list ap;

  va_start (ap, first);
  result = probe_full (fixture, extra, options, first, ap);
  va_end (ap);
  return result;
}

/* cordon-probe without any sandbox: proves a refusal is the sandbox's. */
static RunResult * G_GNUC_NULL_TERMINATED
probe_unsandboxed (const RunOptions *options,
                   const char       *first,
                   ...)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  va_list ap;

  g_ptr_array_add (argv, (gpointer) run_probe_path ());
  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  return run_spawn ((const char *const *) argv->pdata, options);
}

static void
assert_ok (RunResult *result)
{
  if (run_result_exit_code (result) != 0 || g_strcmp0 (result->out, "ok\n") != 0)
    g_error ("expected ok, got status %d, stdout “%s”, stderr “%s”", result->wait_status,
             result->out, result->err);
}

/* Refused, with one of the errno names in @allowed ("EACCES|EPERM"). */
static void
assert_refused (RunResult  *result,
                const char *allowed)
{
  g_auto (GStrv) names = g_strsplit (allowed, "|", -1);

  if (run_result_exit_code (result) == 1)
    {
      for (guint i = 0; names[i] != NULL; i++)
        {
          g_autofree char *line = g_strdup_printf ("error %s\n", names[i]);

          if (g_str_equal (result->out, line))
            return;
        }
    }
  g_error ("expected error %s, got status %d, stdout “%s”, stderr “%s”", allowed,
           result->wait_status, result->out, result->err);
}

static void
assert_file_contents (const char *path,
                      const char *expected)
{
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, expected);
}

/* --- filesystem --------------------------------------------------------- */

static void
test_symlink_out (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *link = work_path (fixture, "link");
  g_autofree char *own = work_path (fixture, "own");
  g_autofree char *own_link = work_path (fixture, "own-link");
  g_autoptr (RunResult) refused = NULL;
  g_autoptr (RunResult) allowed = NULL;

  run_write_file (own, "mine\n");
  g_assert_no_errno (symlink (fixture->secret, link));
  g_assert_no_errno (symlink (own, own_link));

  refused = probe (fixture, "read", link, NULL);
  assert_refused (refused, "EACCES");
  allowed = probe (fixture, "read", own_link, NULL);
  assert_ok (allowed);
}

/* Moving or linking an outside file into the work directory would give it
 * the work directory's access. @command is "link" or "rename". */
static void
check_bring_in (Fixture    *fixture,
                const char *command)
{
  g_autofree char *target = work_path (fixture, "stolen");
  g_autofree char *own = work_path (fixture, "own");
  g_autofree char *own_target = work_path (fixture, "own-moved");
  g_autoptr (RunResult) refused = NULL;
  g_autoptr (RunResult) allowed = NULL;

  run_write_file (own, "mine\n");
  refused = probe (fixture, command, fixture->secret, target, NULL);
  assert_refused (refused, "EACCES|EXDEV|EPERM");
  g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
  assert_file_contents (fixture->secret, "secret\n");

  allowed = probe (fixture, command, own, own_target, NULL);
  assert_ok (allowed);
  g_assert_true (g_file_test (own_target, G_FILE_TEST_EXISTS));
}

static void
test_hard_link_in (Fixture       *fixture,
                   gconstpointer  data)
{
  check_bring_in (fixture, "link");
}

static void
test_rename_in (Fixture       *fixture,
                gconstpointer  data)
{
  check_bring_in (fixture, "rename");
}

/* Only <dir>/a is granted; <dir>/ab shares its prefix, not its component. */
static void
test_prefix_sibling (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *a = g_build_filename (fixture->outside, "a", NULL);
  g_autofree char *ab = g_build_filename (fixture->outside, "ab", NULL);
  g_autofree char *a_file = g_build_filename (a, "f", NULL);
  g_autofree char *ab_file = g_build_filename (ab, "f", NULL);
  const char *extra[] = { "--rw", a, NULL };
  g_autoptr (RunResult) refused_read = NULL;
  g_autoptr (RunResult) refused_create = NULL;
  g_autoptr (RunResult) allowed = NULL;

  g_assert_no_errno (g_mkdir (a, 0755));
  g_assert_no_errno (g_mkdir (ab, 0755));
  run_write_file (a_file, "a\n");
  run_write_file (ab_file, "ab\n");

  refused_read = probe_with (fixture, extra, NULL, "read", ab_file, NULL);
  assert_refused (refused_read, "EACCES");
  refused_create = probe_with (fixture, extra, NULL, "create", ab, NULL);
  assert_refused (refused_create, "EACCES|EEXIST");
  allowed = probe_with (fixture, extra, NULL, "read", a_file, NULL);
  assert_ok (allowed);
}

static void
test_read_only_create (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *new_file = g_build_filename (fixture->ro, "new", NULL);
  g_autofree char *new_dir = g_build_filename (fixture->ro, "dir", NULL);
  g_autofree char *work_file = work_path (fixture, "new");
  g_autoptr (RunResult) file = probe (fixture, "create", new_file, NULL);
  g_autoptr (RunResult) dir = probe (fixture, "mkdir", new_dir, NULL);
  g_autoptr (RunResult) allowed = probe (fixture, "create", work_file, NULL);
  g_autoptr (RunResult) readable = probe (fixture, "read", fixture->ro_file, NULL);

  assert_refused (file, "EACCES");
  assert_refused (dir, "EACCES");
  g_assert_false (g_file_test (new_file, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (new_dir, G_FILE_TEST_EXISTS));
  assert_ok (allowed);
  assert_ok (readable);
}

static void
test_read_only_unlink (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *work_file = work_path (fixture, "doomed");
  g_autoptr (RunResult) refused = probe (fixture, "unlink", fixture->ro_file, NULL);
  g_autoptr (RunResult) allowed = NULL;

  assert_refused (refused, "EACCES");
  assert_file_contents (fixture->ro_file, "read me\n");
  run_write_file (work_file, "x");
  allowed = probe (fixture, "unlink", work_file, NULL);
  assert_ok (allowed);
}

static void
test_read_only_rename (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *renamed = g_build_filename (fixture->ro, "renamed", NULL);
  g_autofree char *moved_out = work_path (fixture, "moved");
  g_autoptr (RunResult) within = probe (fixture, "rename", fixture->ro_file, renamed, NULL);
  g_autoptr (RunResult) out = probe (fixture, "rename", fixture->ro_file, moved_out, NULL);

  assert_refused (within, "EACCES");
  assert_refused (out, "EACCES|EXDEV");
  assert_file_contents (fixture->ro_file, "read me\n");
}

static void
test_read_only_truncate (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *work_file = work_path (fixture, "long");
  g_autoptr (RunResult) by_path = probe (fixture, "truncate", fixture->ro_file, NULL);
  g_autoptr (RunResult) by_open = probe (fixture, "open-trunc", fixture->ro_file, NULL);
  g_autoptr (RunResult) write = probe (fixture, "write", fixture->ro_file, NULL);
  g_autoptr (RunResult) allowed = NULL;

  assert_refused (by_path, "EACCES");
  assert_refused (by_open, "EACCES");
  assert_refused (write, "EACCES");
  assert_file_contents (fixture->ro_file, "read me\n");

  run_write_file (work_file, "0123456789");
  allowed = probe (fixture, "truncate", work_file, NULL);
  assert_ok (allowed);
  assert_file_contents (work_file, "");
}

/* Landlock does not mediate chmod(2): a file's owner may still change its
 * mode inside a Read-only directory. What stops a root launcher's program
 * from changing anyone else's file is that cordon-run drops every capability
 * (CAP_FOWNER among them). Both halves are checked, as documented. */
static void
test_read_only_chmod (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *foreign = g_build_filename (fixture->ro, "foreign", NULL);
  g_autoptr (RunResult) own = NULL;
  g_autoptr (RunResult) not_own = NULL;
  struct stat st;

  own = probe (fixture, "chmod", fixture->ro_file, "600", NULL);
  assert_ok (own);
  g_assert_no_errno (stat (fixture->ro_file, &st));
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  if (getuid () != 0)
    {
      g_test_skip ("changing a file's owner needs root");
      return;
    }
  run_write_file (foreign, "someone else's\n");
  g_assert_no_errno (chown (foreign, 65534, 65534));
  g_assert_no_errno (chmod (foreign, 0644));
  not_own = probe (fixture, "chmod", foreign, "666", NULL);
  assert_refused (not_own, "EPERM");
  g_assert_no_errno (stat (foreign, &st));
  g_assert_cmpint (st.st_mode & 0777, ==, 0644);
}

static void
test_capabilities_dropped (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr (RunResult) sandboxed = probe (fixture, "caps", NULL);

  if (run_result_exit_code (sandboxed) != 0)
    g_error ("the program kept capabilities: %s", sandboxed->out);
  if (getuid () == 0)
    {
      g_autoptr (RunResult) unsandboxed = probe_unsandboxed (NULL, "caps", NULL);

      /* The twin: root outside the sandbox does have them. */
      g_assert_cmpint (run_result_exit_code (unsandboxed), ==, 1);
    }
}

static void
test_exec_outside (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *copy = g_build_filename (fixture->outside, "cordon-probe", NULL);
  g_autofree char *contents = NULL;
  gsize length;
  g_autoptr (GError) error = NULL;
  g_autoptr (RunResult) refused = NULL;
  g_autoptr (RunResult) allowed = NULL;
  g_autoptr (RunResult) direct = NULL;
  g_autoptr (RunResult) copy_works = NULL;

  g_file_get_contents (run_probe_path (), &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (copy, contents, length, &error);
  g_assert_no_error (error);
  g_assert_no_errno (chmod (copy, 0755));

  refused = probe (fixture, "exec", copy, "exit", "0", NULL);
  assert_refused (refused, "EACCES");
  allowed = probe (fixture, "exec", run_probe_path (), "exit", "0", NULL);
  g_assert_cmpint (run_result_exit_code (allowed), ==, 0);

  /* cordon-run itself maps the refusal to 126. */
  {
    g_autoptr (GPtrArray) args = g_ptr_array_new_with_free_func (g_free);

    run_add_system_rules (args);
    g_ptr_array_add (args, g_strdup ("--"));
    g_ptr_array_add (args, g_strdup (copy));
    g_ptr_array_add (args, g_strdup ("exit"));
    g_ptr_array_add (args, g_strdup ("0"));
    g_ptr_array_add (args, NULL);
    direct = run_cordon ((const char *const *) args->pdata, NULL);
    run_assert_one_line_error (direct, 126, copy);
  }
  copy_works = probe_unsandboxed (NULL, "exit", "0", NULL);
  g_assert_cmpint (run_result_exit_code (copy_works), ==, 0);
}

/* --- inherited descriptors ---------------------------------------------- */

static void
test_inherited_fd (Fixture       *fixture,
                   gconstpointer  data)
{
  int fd = open (fixture->secret, O_RDONLY | O_CLOEXEC);
  RunDupFd dup = { fd, 9 };
  RunOptions options = { .setup = run_dup_fd_setup, .setup_data = &dup };
  g_autoptr (RunResult) refused = NULL;
  g_autoptr (RunResult) twin = NULL;

  g_assert_cmpint (fd, >=, 0);
  refused = probe_with (fixture, NULL, &options, "fd", "9", NULL);
  assert_refused (refused, "EBADF");

  /* The same inheritance without cordon-run: the descriptor does arrive. */
  g_assert_no_errno (lseek (fd, 0, SEEK_SET));
  twin = probe_unsandboxed (&options, "fd", "9", NULL);
  assert_ok (twin);
  close (fd);
}

/* --- network ------------------------------------------------------------ */

static int
listen_loopback (int       type,
                 guint16  *out_port)
{
  struct sockaddr_in addr = { 0 };
  socklen_t len = sizeof addr;
  int fd = socket (AF_INET, type | SOCK_CLOEXEC, 0);

  g_assert_cmpint (fd, >=, 0);
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  g_assert_no_errno (bind (fd, (struct sockaddr *) &addr, sizeof addr));
  if (type == SOCK_STREAM)
    g_assert_no_errno (listen (fd, 8));
  g_assert_no_errno (getsockname (fd, (struct sockaddr *) &addr, &len));
  *out_port = ntohs (addr.sin_port);
  return fd;
}

static void
check_inet (Fixture    *fixture,
            int         type,
            const char *command)
{
  guint16 port;
  int fd = listen_loopback (type, &port);
  g_autofree char *port_text = g_strdup_printf ("%u", port);
  const char *blocked[] = { "--block-network", NULL };
  g_autoptr (RunResult) refused = probe_with (fixture, blocked, NULL, command, port_text, NULL);
  g_autoptr (RunResult) allowed = probe (fixture, command, port_text, NULL);

  assert_refused (refused, "EACCES");
  assert_ok (allowed);
  close (fd);
}

static void
test_tcp_blocked (Fixture       *fixture,
                  gconstpointer  data)
{
  check_inet (fixture, SOCK_STREAM, "tcp");
}

static void
test_udp_blocked (Fixture       *fixture,
                  gconstpointer  data)
{
  check_inet (fixture, SOCK_DGRAM, "udp");
}

static void
test_raw_sockets_blocked (Fixture       *fixture,
                          gconstpointer  data)
{
  const char *blocked[] = { "--block-network", NULL };
  const char *families[] = { "packet", "raw", "netlink", "inet6" };
  g_autoptr (RunResult) unix_socket = probe_with (fixture, blocked, NULL, "socket", "unix", NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (families); i++)
    {
      g_autoptr (RunResult) refused = probe_with (fixture, blocked, NULL, "socket", families[i],
                                                  NULL);

      /* EACCES: the seccomp filter refused it, before any capability check. */
      assert_refused (refused, "EACCES");
    }
  assert_ok (unix_socket);
}

static void
test_io_uring_blocked (Fixture       *fixture,
                       gconstpointer  data)
{
  const char *blocked[] = { "--block-network", NULL };
  g_autoptr (RunResult) twin = probe_unsandboxed (NULL, "io-uring", NULL);
  g_autoptr (RunResult) refused = NULL;

  if (run_result_exit_code (twin) != 0)
    {
      g_test_skip ("io_uring is not available here");
      return;
    }
  refused = probe_with (fixture, blocked, NULL, "io-uring", NULL);
  assert_refused (refused, "EACCES|EPERM|ENOSYS");
}

/* --- the terminal, signals, abstract sockets ---------------------------- */

static void
controlling_tty_setup (gpointer data)
{
  int slave = GPOINTER_TO_INT (data);

  /* A new session whose controlling terminal is the pty, on stdin. */
  setsid ();
  ioctl (slave, TIOCSCTTY, 0);
  dup2 (slave, STDIN_FILENO);
}

static void
test_tiocsti (Fixture       *fixture,
              gconstpointer  data)
{
  int master = posix_openpt (O_RDWR | O_NOCTTY | O_CLOEXEC);
  int slave;
  RunOptions options = { .setup = controlling_tty_setup };
  g_autoptr (RunResult) twin = NULL;
  g_autoptr (RunResult) refused = NULL;
  g_autoptr (RunResult) refused_high = NULL;

  g_assert_cmpint (master, >=, 0);
  g_assert_no_errno (grantpt (master));
  g_assert_no_errno (unlockpt (master));
  slave = open (ptsname (master), O_RDWR | O_NOCTTY | O_CLOEXEC);
  g_assert_cmpint (slave, >=, 0);
  options.setup_data = GINT_TO_POINTER (slave);

  twin = probe_unsandboxed (&options, "tiocsti", NULL);
  if (run_result_exit_code (twin) != 0)
    {
      g_test_skip ("TIOCSTI is disabled here even without a sandbox (dev.tty.legacy_tiocsti)");
      close (slave);
      close (master);
      return;
    }
  refused = probe_with (fixture, NULL, &options, "tiocsti", NULL);
  assert_refused (refused, "EPERM|EACCES|EIO");
  refused_high = probe_with (fixture, NULL, &options, "tiocsti", "high", NULL);
  assert_refused (refused_high, "EPERM|EACCES|EIO");
  close (slave);
  close (master);
}

static gboolean
require_abi (int abi)
{
  if (run_landlock_abi () >= abi)
    return TRUE;
  {
    g_autofree char *message = g_strdup_printf ("needs Landlock ABI %d, the kernel has %d", abi,
                                                run_landlock_abi ());

    g_test_skip (message);
  }
  return FALSE;
}

static void
test_signal_parent (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr (RunResult) refused = NULL;
  g_autoptr (RunResult) self = NULL;
  g_autoptr (RunResult) twin = NULL;

  if (!require_abi (6))
    return;
  /* The probe's parent is this test, outside the sandbox. */
  refused = probe (fixture, "kill-parent", NULL);
  assert_refused (refused, "EPERM");
  self = probe (fixture, "kill-self", NULL);
  assert_ok (self);
  twin = probe_unsandboxed (NULL, "kill-parent", NULL);
  assert_ok (twin);
}

static void
test_abstract_socket (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *name = g_strdup_printf ("cordon-run-test-%d", (int) getpid ());
  g_autofree char *own_name = g_strdup_printf ("cordon-run-test-own-%d", (int) getpid ());
  struct sockaddr_un addr = { .sun_family = AF_UNIX };
  socklen_t len;
  int server;
  g_autoptr (RunResult) refused = NULL;
  g_autoptr (RunResult) own = NULL;
  g_autoptr (RunResult) twin = NULL;

  if (!require_abi (6))
    return;
  server = socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  g_assert_cmpint (server, >=, 0);
  memcpy (addr.sun_path + 1, name, strlen (name));
  len = offsetof (struct sockaddr_un, sun_path) + 1 + strlen (name);
  g_assert_no_errno (bind (server, (struct sockaddr *) &addr, len));
  g_assert_no_errno (listen (server, 8));

  refused = probe (fixture, "abstract", name, NULL);
  /* The mediator (below Landlock ABI 9) answers "nobody listens there", so
   * X11 clients fall back to the socket file; Landlock's scoping alone,
   * where no mediator runs, says EPERM. Either way nothing connects. */
  assert_refused (refused, "ECONNREFUSED|EPERM");
  own = probe (fixture, "abstract-self", own_name, NULL);
  assert_ok (own);
  twin = probe_unsandboxed (NULL, "abstract", name, NULL);
  assert_ok (twin);
  close (server);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/run/escape/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("symlink-out", test_symlink_out);
  ADD ("hard-link-in", test_hard_link_in);
  ADD ("rename-in", test_rename_in);
  ADD ("prefix-sibling", test_prefix_sibling);
  ADD ("read-only/create", test_read_only_create);
  ADD ("read-only/unlink", test_read_only_unlink);
  ADD ("read-only/rename", test_read_only_rename);
  ADD ("read-only/truncate", test_read_only_truncate);
  ADD ("read-only/chmod", test_read_only_chmod);
  ADD ("capabilities-dropped", test_capabilities_dropped);
  ADD ("exec-outside", test_exec_outside);
  ADD ("inherited-fd", test_inherited_fd);
  ADD ("network/tcp", test_tcp_blocked);
  ADD ("network/udp", test_udp_blocked);
  ADD ("network/raw-sockets", test_raw_sockets_blocked);
  ADD ("network/io-uring", test_io_uring_blocked);
  ADD ("tiocsti", test_tiocsti);
  ADD ("signal-parent", test_signal_parent);
  ADD ("abstract-socket", test_abstract_socket);

  return g_test_run ();
}
