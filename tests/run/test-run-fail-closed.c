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
#include <seccomp.h>
#include <sys/prctl.h>
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

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/run/fail-closed/no-landlock", test_no_landlock_refuses);

  return g_test_run ();
}
