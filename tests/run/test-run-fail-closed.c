/* test-run-fail-closed.c: no Landlock, no program
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A forked child hides Landlock with a seccomp filter (the landlock_* system
 * calls fail with ENOSYS, as on a kernel built without it) and then execs
 * cordon-run. It must refuse with 125 and never run the program.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <seccomp.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "run-util.h"

static void
hide_landlock_setup (gpointer data)
{
  static const char *const syscalls[] = {
    "landlock_create_ruleset", "landlock_add_rule", "landlock_restrict_self",
  };
  scmp_filter_ctx ctx = seccomp_init (SCMP_ACT_ALLOW);

  if (ctx == NULL)
    _exit (97);
  for (gsize i = 0; i < G_N_ELEMENTS (syscalls); i++)
    {
      int nr = seccomp_syscall_resolve_name (syscalls[i]);

      if (nr == __NR_SCMP_ERROR
          || seccomp_rule_add (ctx, SCMP_ACT_ERRNO (ENOSYS), nr, 0) != 0)
        _exit (97);
    }
  if (prctl (PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 || seccomp_load (ctx) != 0)
    _exit (97);
  seccomp_release (ctx);
}

static void
test_no_landlock_refuses (void)
{
  g_autofree char *work = run_make_temp_dir ("cordon-run-fail-closed-XXXXXX");
  g_autofree char *marker = g_build_filename (work, "marker", NULL);
  g_autoptr (GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  RunOptions hidden = { .setup = hide_landlock_setup };
  g_autoptr (RunResult) refused = NULL;
  g_autoptr (RunResult) twin = NULL;
  g_autoptr (RunResult) support = NULL;
  const char *support_args[] = { "--support", NULL };

  run_add_system_rules (args);
  g_ptr_array_add (args, g_strdup ("--rw"));
  g_ptr_array_add (args, g_strdup (work));
  g_ptr_array_add (args, g_strdup ("--"));
  g_ptr_array_add (args, g_strdup (run_probe_path ()));
  g_ptr_array_add (args, g_strdup ("create"));
  g_ptr_array_add (args, g_strdup (marker));
  g_ptr_array_add (args, NULL);

  refused = run_cordon ((const char *const *) args->pdata, &hidden);
  g_assert_cmpint (run_result_exit_code (refused), !=, 97);
  run_assert_one_line_error (refused, 125, "Landlock");
  g_assert_cmpstr (refused->out, ==, "");
  g_assert_false (g_file_test (marker, G_FILE_TEST_EXISTS));

  /* --support tells the same story, and says so in its exit status. */
  support = run_cordon (support_args, &hidden);
  g_assert_cmpint (run_result_exit_code (support), ==, 1);
  g_assert_nonnull (strstr (support->out, "Landlock ABI: 0\n"));

  /* The twin: without the filter the same command writes the marker. */
  if (run_landlock_abi () == 0)
    {
      g_test_skip ("this kernel has no Landlock, so there is no allowed twin");
      run_rm_rf (work);
      return;
    }
  twin = run_cordon ((const char *const *) args->pdata, NULL);
  g_assert_cmpint (run_result_exit_code (twin), ==, 0);
  g_assert_true (g_file_test (marker, G_FILE_TEST_EXISTS));
  run_rm_rf (work);
}

/* A careless parent in a container whose seccomp policy hides close_range:
 * it leaves a file open on a high number, then lowers RLIMIT_NOFILE (soft
 * and hard) below it. Neither the limit nor a /proc that the sandbox hides
 * may stand between that descriptor and its closing. */
#define HIGH_FD 200

/* The parent is the forked test, still under valgrind until it execs. */
#define VALGRIND_KEEPS_NOFILE \
  "valgrind refuses to lower RLIMIT_NOFILE's hard limit (EPERM), which the parent here must do"

typedef struct
{
  int      secret_fd;
  gboolean hide_proc;
} HiddenCloseRange;

static void
hide_close_range_setup (gpointer data)
{
  HiddenCloseRange *hidden = data;
  struct rlimit low = { 64, 64 };
  scmp_filter_ctx ctx;

  if (dup2 (hidden->secret_fd, HIGH_FD) != HIGH_FD || setrlimit (RLIMIT_NOFILE, &low) != 0)
    _exit (97);
  /* An empty /proc in a mount namespace of this child's own. */
  if (hidden->hide_proc &&
      (unshare (CLONE_NEWNS) != 0 || mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0 ||
       mount ("tmpfs", "/proc", "tmpfs", 0, NULL) != 0))
    _exit (97);
  ctx = seccomp_init (SCMP_ACT_ALLOW);
  if (ctx == NULL ||
      seccomp_rule_add (ctx, SCMP_ACT_ERRNO (ENOSYS), SCMP_SYS (close_range), 0) != 0 ||
      prctl (PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 || seccomp_load (ctx) != 0)
    _exit (97);
  seccomp_release (ctx);
}

static void
test_no_close_range_closes_high_fd (void)
{
  g_autofree char *work = run_make_temp_dir ("cordon-run-fail-closed-XXXXXX");
  g_autofree char *secret = g_build_filename (work, "secret", NULL);
  g_autoptr (GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  HiddenCloseRange hidden = { -1 };
  RunOptions options = { .setup = hide_close_range_setup, .setup_data = &hidden };
  const char *twin_argv[] = { run_probe_path (), "fd", G_STRINGIFY (HIGH_FD), NULL };
  g_autoptr (RunResult) closed = NULL;
  g_autoptr (RunResult) twin = NULL;

  if (run_skip_under_valgrind (VALGRIND_KEEPS_NOFILE))
    {
      run_rm_rf (work);
      return;
    }
  run_write_file (secret, "secret\n");
  hidden.secret_fd = open (secret, O_RDONLY | O_CLOEXEC);
  g_assert_cmpint (hidden.secret_fd, >=, 0);

  /* No rule on /proc: the sandbox hides it, as most profiles do. */
  run_add_system_rules (args);
  g_ptr_array_add (args, g_strdup ("--"));
  g_ptr_array_add (args, g_strdup (run_probe_path ()));
  g_ptr_array_add (args, g_strdup ("fd"));
  g_ptr_array_add (args, g_strdup (G_STRINGIFY (HIGH_FD)));
  g_ptr_array_add (args, NULL);

  closed = run_cordon ((const char *const *) args->pdata, &options);
  g_assert_cmpint (run_result_exit_code (closed), ==, 1);
  g_assert_cmpstr (closed->out, ==, "error EBADF\n");

  /* The twin: the same parent without cordon-run, and the file arrives. */
  twin = run_spawn (twin_argv, &options);
  g_assert_cmpint (run_result_exit_code (twin), ==, 0);
  g_assert_cmpstr (twin->out, ==, "ok\n");

  close (hidden.secret_fd);
  run_rm_rf (work);
}

/* Without close_range and without /proc there is no list of what is open,
 * and the limits are no substitute: cordon-run refuses to guess. */
static void
test_no_close_range_no_proc_refuses (void)
{
  g_autofree char *work = run_make_temp_dir ("cordon-run-fail-closed-XXXXXX");
  g_autofree char *secret = g_build_filename (work, "secret", NULL);
  g_autoptr (GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  HiddenCloseRange hidden = { -1, TRUE };
  RunOptions options = { .setup = hide_close_range_setup, .setup_data = &hidden };
  g_autoptr (RunResult) refused = NULL;

  if (run_skip_under_valgrind (VALGRIND_KEEPS_NOFILE))
    {
      run_rm_rf (work);
      return;
    }
#ifdef CORDON_TESTS_SANITIZED
  g_test_skip ("a sanitized cordon-run cannot start without /proc");
  run_rm_rf (work);
  return;
#endif
  if (geteuid () != 0)
    {
      g_test_skip ("hiding /proc takes a mount namespace, here only as root");
      run_rm_rf (work);
      return;
    }

  run_write_file (secret, "secret\n");
  hidden.secret_fd = open (secret, O_RDONLY | O_CLOEXEC);
  g_assert_cmpint (hidden.secret_fd, >=, 0);
  run_add_system_rules (args);
  g_ptr_array_add (args, g_strdup ("--"));
  g_ptr_array_add (args, g_strdup (run_probe_path ()));
  g_ptr_array_add (args, g_strdup ("fd"));
  g_ptr_array_add (args, g_strdup (G_STRINGIFY (HIGH_FD)));
  g_ptr_array_add (args, NULL);

  refused = run_cordon ((const char *const *) args->pdata, &options);
  g_assert_cmpint (run_result_exit_code (refused), !=, 97);
  run_assert_one_line_error (refused, 125, "inherited descriptors");
  g_assert_cmpstr (refused->out, ==, "");

  close (hidden.secret_fd);
  run_rm_rf (work);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/run/fail-closed/no-landlock", test_no_landlock_refuses);
  g_test_add_func ("/run/fail-closed/no-close-range-high-fd", test_no_close_range_closes_high_fd);
  g_test_add_func ("/run/fail-closed/no-close-range-no-proc", test_no_close_range_no_proc_refuses);

  return g_test_run ();
}
