/* test-process.c: exec, capabilities, device ioctls and failing closed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <seccomp.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "enforce-util.h"

#define ERRNO_OF(call) ((call) < 0 ? errno : 0)

typedef struct
{
  char *root;
} Fixture;

static void
fixture_setup (Fixture *fixture, gconstpointer data)
{
  fixture->root = enforce_tree_new ();
}

static void
fixture_teardown (Fixture *fixture, gconstpointer data)
{
  enforce_tree_free (g_steal_pointer (&fixture->root));
}

static void
copy_true (const char *to)
{
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;
  gsize length;

  g_file_get_contents ("/bin/true", &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (to, contents, length, &error);
  g_assert_no_error (error);
  g_assert_no_errno (chmod (to, 0755));
}

/* Exit status of @path run in a child of the sandboxed process, or the
 * errno of a failed execve. */
static int
run_program (const char *path)
{
  int fds[2];
  int exec_errno = 0;
  int status;
  pid_t pid;

  if (pipe2 (fds, O_CLOEXEC) < 0)
    return errno;
  pid = fork ();
  if (pid < 0)
    return errno;
  if (pid == 0)
    {
      char *argv[] = { (char *) path, NULL };

      execv (path, argv);
      exec_errno = errno;
      if (write (fds[1], &exec_errno, sizeof exec_errno) < 0)
        _exit (126);
      _exit (127);
    }
  close (fds[1]);
  if (read (fds[0], &exec_errno, sizeof exec_errno) != sizeof exec_errno)
    exec_errno = 0;
  close (fds[0]);
  waitpid (pid, &status, 0);
  if (exec_errno != 0)
    return exec_errno;
  return WIFEXITED (status) ? WEXITSTATUS (status) : 1000 + WTERMSIG (status);
}

static int
check_exec (gpointer data)
{
  Fixture *fixture = data;
  g_autofree char *inside = g_build_filename (fixture->root, "bin", "true", NULL);
  g_autofree char *outside = g_build_filename (fixture->root, "out", "true", NULL);
  int r;

  r = run_program (inside);
  if (r != 0)
    return 2000 + r;
  return run_program (outside);
}

static void
test_exec (Fixture *fixture, gconstpointer data)
{
  g_autofree char *bin = g_build_filename (fixture->root, "bin", NULL);
  g_autofree char *out = g_build_filename (fixture->root, "out", NULL);
  g_autofree char *bin_true = g_build_filename (bin, "true", NULL);
  g_autofree char *out_true = g_build_filename (out, "true", NULL);
  g_autoptr (CordonCapabilitySet) caps = NULL;

  if (enforce_skip_unless_abi (1, "Landlock"))
    return;

  g_assert_no_errno (mkdir (bin, 0755));
  g_assert_no_errno (mkdir (out, 0755));
  copy_true (bin_true);
  copy_true (out_true);

  /* The loader and libraries live under /usr (merged /usr) and /lib*. */
  caps = enforce_caps (TRUE, "/usr", CORDON_ACCESS_READ, "/etc", CORDON_ACCESS_READ,
                       bin, CORDON_ACCESS_READ, NULL);
  for (const char *const *lib = (const char *const[]){ "/lib", "/lib64", NULL }; *lib; lib++)
    if (g_file_test (*lib, G_FILE_TEST_IS_DIR))
      g_assert_true (cordon_capability_set_allow_path (caps, *lib, CORDON_ACCESS_READ, NULL));

  /* Inside the Read dir it runs (exit 0); outside, execve is EACCES. */
  g_assert_cmpint (enforce_run_applied (caps, 0, check_exec, fixture), ==, EACCES);
}

static gboolean
caps_all_empty (void)
{
  struct __user_cap_header_struct header = { _LINUX_CAPABILITY_VERSION_3, 0 };
  struct __user_cap_data_struct caps[_LINUX_CAPABILITY_U32S_3] = { { 0 } };

  if (syscall (SYS_capget, &header, caps) < 0)
    return FALSE;
  for (guint i = 0; i < _LINUX_CAPABILITY_U32S_3; i++)
    if (caps[i].effective || caps[i].permitted || caps[i].inheritable)
      return FALSE;
  return TRUE;
}

static int
check_capabilities (gpointer data)
{
  Fixture *fixture = data;
  g_autofree char *file = g_build_filename (fixture->root, "file", NULL);
  int r;

  /* Codes above 1000 never collide with the errno the caller expects. */
  if (!caps_all_empty ())
    return 1001;
  /* The bounding set is what a later exec (even of a setuid root
   * program) could get back. */
  for (int cap = 0; cap <= CAP_LAST_CAP; cap++)
    if (prctl (PR_CAPBSET_READ, (unsigned long) cap, 0UL, 0UL, 0UL) == 1)
      return 1002;
  if (prctl (PR_GET_NO_NEW_PRIVS, 0UL, 0UL, 0UL, 0UL) != 1)
    return 1003;
  /* Landlock does not mediate chown: only the dropped CAP_CHOWN stops it. */
  r = ERRNO_OF (chown (file, 65534, 65534));
  return r == 0 ? 1004 : r;
}

static void
test_capabilities_dropped (Fixture *fixture, gconstpointer data)
{
  g_autofree char *file = g_build_filename (fixture->root, "file", NULL);
  g_autoptr (CordonCapabilitySet) caps = NULL;
  struct stat st;

  if (enforce_skip_unless_abi (1, "Landlock"))
    return;

  if (geteuid () != 0)
    {
      g_test_skip ("needs root: an unprivileged runner has no capabilities to drop");
      return;
    }

  enforce_write_file (file, "root's");
  caps = enforce_caps (TRUE, fixture->root, CORDON_ACCESS_READ_WRITE, NULL);
  g_assert_cmpint (enforce_run_applied (caps, 0, check_capabilities, fixture), ==, EPERM);
  g_assert_no_errno (stat (file, &st));
  g_assert_cmpint (st.st_uid, ==, 0);
}

/* What a refused apply must leave untouched. */
typedef struct
{
  gboolean had_caps;
  int      first_nr; /* syscalls made to fail, for the broken-kernel cases */
  int      last_nr;
  int      fail_errno;
  int      had_no_new_privs; /* set by the preparation, in the child */
} Untouched;

/* Set already when the tests run under something that sets it (a
 * container, a service with NoNewPrivileges=yes). */
static int
no_new_privs (void)
{
  return prctl (PR_GET_NO_NEW_PRIVS, 0UL, 0UL, 0UL, 0UL);
}

static int
check_untouched (gpointer data)
{
  Untouched *before = data;
  g_autofree char *status = NULL;

  if (no_new_privs () != before->had_no_new_privs)
    return 1;
  if (before->had_caps && caps_all_empty ())
    return 2;
  /* No Landlock domain: reading outside any rule still works. */
  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 3;
  return 0;
}

static void
assert_refused (EnforceOutcome *outcome,
                int             code,
                const char     *in_message)
{
  g_assert_true (WIFEXITED (outcome->wait_status));
  g_assert_cmpint (WEXITSTATUS (outcome->wait_status), ==, 0);
  g_assert_true (outcome->reported);
  g_assert_false (outcome->applied);
  g_assert_cmpint (outcome->error_code, ==, code);
  g_assert_nonnull (strstr (outcome->message, in_message));
  g_assert_cmpint (outcome->result, ==, 0);
}

static void
test_refuse_vanished_path (Fixture *fixture, gconstpointer data)
{
  g_autofree char *gone = g_build_filename (fixture->root, "gone", NULL);
  g_autoptr (CordonCapabilitySet) caps = NULL;
  Untouched before = { geteuid () == 0, .had_no_new_privs = no_new_privs () };
  EnforceOutcome outcome;

  if (enforce_skip_unless_abi (1, "Landlock"))
    return;

  g_assert_no_errno (mkdir (gone, 0755));
  caps = enforce_caps (TRUE, "/usr", CORDON_ACCESS_READ, gone, CORDON_ACCESS_READ_WRITE, NULL);
  g_assert_no_errno (rmdir (gone));

  enforce_run (caps, 0, check_untouched, &before, &outcome);
  assert_refused (&outcome, CORDON_ERROR_PATH_NOT_FOUND, gone);
}

static void
test_refuse_file_became_dir (Fixture *fixture, gconstpointer data)
{
  g_autofree char *path = g_build_filename (fixture->root, "thing", NULL);
  g_autoptr (CordonCapabilitySet) caps = NULL;
  Untouched before = { geteuid () == 0, .had_no_new_privs = no_new_privs () };
  EnforceOutcome outcome;

  if (enforce_skip_unless_abi (1, "Landlock"))
    return;

  enforce_write_file (path, "a file for now");
  caps = enforce_caps (TRUE, path, CORDON_ACCESS_READ, NULL);
  g_assert_no_errno (unlink (path));
  g_assert_no_errno (mkdir (path, 0755));

  /* A file rule on a directory would grant every file under it. */
  enforce_run (caps, 0, check_untouched, &before, &outcome);
  assert_refused (&outcome, CORDON_ERROR_EXPECTED_FILE, path);
}

static gpointer
idle_thread (gpointer data)
{
  int *fds = data;
  char c;

  /* Blocks until the main thread is done trying to apply. */
  if (read (fds[0], &c, 1) < 0)
    return NULL;
  return NULL;
}

static int
check_threaded_apply (gpointer data)
{
  CordonCapabilitySet *caps = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GThread) thread = NULL;
  int had_no_new_privs = no_new_privs ();
  int fds[2];
  int result;

  if (pipe (fds) < 0)
    return 100;
  thread = g_thread_new ("idle", idle_thread, fds);
  if (cordon_apply (caps, &error))
    result = 101;
  else if (!g_error_matches (error, CORDON_ERROR, CORDON_ERROR_APPLY_FAILED) ||
           strstr (error->message, "threads") == NULL)
    result = 102;
  else if (no_new_privs () != had_no_new_privs)
    result = 103;
  else
    result = 0;
  if (write (fds[1], "x", 1) != 1)
    return 104;
  g_thread_join (g_steal_pointer (&thread));
  return result;
}

static int
no_check (gpointer data)
{
  return 0;
}

static void
test_refuse_threaded (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CordonCapabilitySet) caps = enforce_caps (TRUE, "/usr", CORDON_ACCESS_READ, NULL);
  EnforceOutcome outcome;
  int status;
  pid_t pid;

  if (enforce_skip_unless_abi (1, "Landlock"))
    return;

  /* The twin: the same set applies in a single-threaded child. */
  enforce_run (caps, 0, no_check, NULL, &outcome);
  g_assert_true (outcome.applied);

  /* enforce_run applies before the check; here the child must first start
   * a thread, so it forks by hand and calls apply itself. */
  fflush (stdout);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    _exit (check_threaded_apply (caps));
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
}

/* Makes some syscalls fail with @fail_errno in the child, as on a kernel
 * that lacks them, before apply runs. */
static int
prepare_broken_kernel (gpointer data)
{
  Untouched *before = data;
  scmp_filter_ctx filter = seccomp_init (SCMP_ACT_ALLOW);
  int r;

  if (filter == NULL)
    return 1;
  /* As root the filter can go in without no_new_privs, so the check can
   * see that apply did not set it. Without root the filter needs it: then
   * the check can only see that apply left it as it was. */
  if (before->had_caps)
    seccomp_attr_set (filter, SCMP_FLTATR_CTL_NNP, 0);
  for (int nr = before->first_nr; nr <= before->last_nr; nr++)
    if (seccomp_rule_add (filter, SCMP_ACT_ERRNO (before->fail_errno), nr, 0) < 0)
      return 2;
  r = seccomp_load (filter);
  seccomp_release (filter);
  before->had_no_new_privs = no_new_privs ();
  return r < 0 ? 3 : 0;
}

static void
assert_refused_on_broken_kernel (int         first_nr,
                                 int         last_nr,
                                 int         fail_errno,
                                 const char *expected)
{
  g_autoptr (CordonCapabilitySet) caps = enforce_caps (TRUE, "/usr", CORDON_ACCESS_READ, NULL);
  Untouched before = { geteuid () == 0, first_nr, last_nr, fail_errno, no_new_privs () };
  EnforceOutcome outcome;

  enforce_run_prepared (caps, 0, prepare_broken_kernel, check_untouched, &before, &outcome);
  assert_refused (&outcome, CORDON_ERROR_UNSUPPORTED, expected);
}

static void
test_refuse_no_landlock (Fixture *fixture, gconstpointer data)
{
  assert_refused_on_broken_kernel (444, 446, ENOSYS,
                                   "Landlock is not available in this kernel (not built into");
}

static void
test_refuse_landlock_disabled (Fixture *fixture, gconstpointer data)
{
  assert_refused_on_broken_kernel (444, 446, EOPNOTSUPP,
                                   "Landlock is not available in this kernel (disabled at boot");
}

static void
test_refuse_no_seccomp (Fixture *fixture, gconstpointer data)
{
  assert_refused_on_broken_kernel (SCMP_SYS (seccomp), SCMP_SYS (seccomp), EINVAL,
                                   "seccomp is not available");
}

typedef struct
{
  const char *ptmx;
  int         flags;
} PtyOpen;

static int
check_device_ioctl (gpointer data)
{
  PtyOpen *how = data;
  unsigned int number;
  int fd = open (how->ptmx, how->flags | O_NOCTTY | O_CLOEXEC);
  int r;

  if (fd < 0)
    return 1000 + errno;
  r = ERRNO_OF (ioctl (fd, TIOCGPTN, &number));
  close (fd);
  return r;
}

static void
test_device_ioctl (Fixture *fixture, gconstpointer data)
{
  g_autofree char *ptmx = NULL;
  g_autoptr (CordonCapabilitySet) read_only = NULL;
  g_autoptr (CordonCapabilitySet) read_write = NULL;
  PtyOpen ro = { NULL, O_RDONLY };
  PtyOpen rw = { NULL, O_RDWR };

  if (enforce_skip_unless_abi (5, "device ioctl"))
    return;
  ptmx = realpath ("/dev/ptmx", NULL);
  if (ptmx == NULL || !g_str_has_prefix (ptmx, "/dev/"))
    {
      g_test_skip ("needs /dev/ptmx");
      return;
    }
  ro.ptmx = rw.ptmx = ptmx;

  /* IOCTL_DEV comes only with Write on a device: a Read rule opens the
   * device but its ioctls are refused. ABI 4 does not handle it at all. */
  read_only = enforce_caps (TRUE, ptmx, CORDON_ACCESS_READ, NULL);
  read_write = enforce_caps (TRUE, ptmx, CORDON_ACCESS_READ_WRITE, NULL);
  g_assert_cmpint (enforce_run_applied (read_only, 0, check_device_ioctl, &ro), ==, EACCES);
  g_assert_cmpint (enforce_run_applied (read_write, 0, check_device_ioctl, &rw), ==, 0);
  g_assert_cmpint (enforce_run_applied (read_only, 4, check_device_ioctl, &ro), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/enforce/exec/outside-read-refused", test_exec);
  ADD ("/enforce/capabilities/dropped", test_capabilities_dropped);
  ADD ("/enforce/device-ioctl/needs-write", test_device_ioctl);
  ADD ("/enforce/fail-closed/vanished-path", test_refuse_vanished_path);
  ADD ("/enforce/fail-closed/file-became-directory", test_refuse_file_became_dir);
  ADD ("/enforce/fail-closed/multi-threaded", test_refuse_threaded);
  ADD ("/enforce/fail-closed/no-landlock", test_refuse_no_landlock);
  ADD ("/enforce/fail-closed/landlock-disabled", test_refuse_landlock_disabled);
  ADD ("/enforce/fail-closed/no-seccomp", test_refuse_no_seccomp);
#undef ADD

  return g_test_run ();
}
