/* enforce-util.c: run a check inside a real sandbox, in a forked child
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdarg.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cordon-apply-private.h"
#include "enforce-util.h"

void
enforce_run (CordonCapabilitySet *caps,
             int                  abi,
             EnforceCheck         check,
             gpointer             data,
             EnforceOutcome      *outcome)
{
  enforce_run_prepared (caps, abi, NULL, check, data, outcome);
}

void
enforce_run_prepared (CordonCapabilitySet *caps,
                      int                  abi,
                      EnforceCheck         prepare,
                      EnforceCheck         check,
                      gpointer             data,
                      EnforceOutcome      *outcome)
{
  int fds[2];
  pid_t pid;
  gssize n;
  gsize got = 0;

  memset (outcome, 0, sizeof *outcome);
  g_assert_no_errno (pipe2 (fds, O_CLOEXEC));

  /* Buffered TAP output must not be written twice by the child. */
  fflush (stdout);
  fflush (stderr);

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      EnforceOutcome out = { 0 };
      g_autoptr (GError) error = NULL;
      gboolean ok;

      close (fds[0]);
      if (prepare != NULL && prepare (data) != 0)
        _exit (4);
      if (abi == ENFORCE_NO_SANDBOX)
        ok = FALSE;
      else if (abi > 0)
        ok = cordon_apply_with_abi_limit (caps, abi, &error);
      else
        ok = cordon_apply (caps, &error);
      out.reported = TRUE;
      if (ok)
        {
          out.applied = TRUE;
          out.result = check (data);
        }
      else
        {
          if (error != NULL)
            {
              out.error_code = error->code;
              out.error_domain = error->domain;
              g_strlcpy (out.message, error->message, sizeof out.message);
            }
          if (check != NULL)
            out.result = check (data);
        }
      if (write (fds[1], &out, sizeof out) != sizeof out)
        _exit (3);
      _exit (0);
    }

  close (fds[1]);
  while (got < sizeof *outcome &&
         ((n = read (fds[0], (char *) outcome + got, sizeof *outcome - got)) > 0 ||
          (n < 0 && errno == EINTR)))
    got += MAX (n, 0);
  close (fds[0]);
  if (got != sizeof *outcome)
    memset (outcome, 0, sizeof *outcome);

  while (waitpid (pid, &outcome->wait_status, 0) < 0)
    g_assert_cmpint (errno, ==, EINTR);
}

int
enforce_run_applied (CordonCapabilitySet *caps,
                     int                  abi,
                     EnforceCheck         check,
                     gpointer             data)
{
  EnforceOutcome outcome;

  enforce_run (caps, abi, check, data, &outcome);
  g_assert_true (WIFEXITED (outcome.wait_status));
  g_assert_cmpint (WEXITSTATUS (outcome.wait_status), ==, 0);
  g_assert_true (outcome.reported);
  if (!outcome.applied)
    g_error ("cordon_apply failed in the child: %s", outcome.message);
  return outcome.result;
}

int
enforce_run_unsandboxed (EnforceCheck prepare,
                         EnforceCheck check,
                         gpointer     data)
{
  EnforceOutcome outcome;

  enforce_run_prepared (NULL, ENFORCE_NO_SANDBOX, prepare, check, data, &outcome);
  g_assert_true (WIFEXITED (outcome.wait_status));
  g_assert_cmpint (WEXITSTATUS (outcome.wait_status), ==, 0);
  g_assert_true (outcome.reported);
  return outcome.result;
}

int
enforce_kernel_abi (void)
{
  return cordon_landlock_probe_abi ();
}

gboolean
enforce_skip_unless_abi (int         needed,
                         const char *feature)
{
  int abi = enforce_kernel_abi ();

  if (abi >= needed)
    return FALSE;

  g_test_skip_printf ("needs Landlock ABI %d (%s); this kernel has ABI %d", needed, feature, abi);
  return TRUE;
}

char *
enforce_tree_new (void)
{
  g_autoptr (GError) error = NULL;
  char *root = g_dir_make_tmp ("cordon-enforce-XXXXXX", &error);

  g_assert_no_error (error);
  return root;
}

static int
remove_one (const char        *path,
            const struct stat *st,
            int                type,
            struct FTW        *ftw)
{
  return remove (path) < 0 ? -1 : 0;
}

void
enforce_tree_free (char *root)
{
  if (root == NULL)
    return;
  nftw (root, remove_one, 16, FTW_DEPTH | FTW_PHYS);
  g_free (root);
}

void
enforce_write_file (const char *path,
                    const char *contents)
{
  g_autoptr (GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

CordonCapabilitySet *
enforce_caps (gboolean block_network,
              ...)
{
  g_autoptr (CordonCapabilitySet) caps = cordon_capability_set_new ();
  const char *path;
  va_list args;

  cordon_capability_set_set_network_blocked (caps, block_network);

  va_start (args, block_network);
  while ((path = va_arg (args, const char *)) != NULL)
    {
      CordonAccessMode mode = va_arg (args, int);
      g_autoptr (GError) error = NULL;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        cordon_capability_set_allow_path (caps, path, mode, &error);
      else
        cordon_capability_set_allow_file (caps, path, mode, &error);
      g_assert_no_error (error);
    }
  va_end (args);

  return g_steal_pointer (&caps);
}
