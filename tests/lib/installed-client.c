/* installed-client.c: a program that uses an installed libcordon the way an
 * outside project would: #include <cordon.h>, flags from
 * `pkg-config --cflags --libs cordon-1`, nothing from Cordon's source tree.
 * check-installed-lib builds it against the installed tree and runs it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <cordon.h>

#include <glib/gstdio.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static int failures;

static void
check (gboolean    ok,
       const char *what)
{
  printf ("%s: %s\n", ok ? "ok" : "FAIL", what);
  if (!ok)
    failures++;
}

/* In a forked child: apply, then write inside @dir (allowed) and read
 * /etc/passwd (denied). Exit status 0 when both behave. */
static int
sandboxed_child (CordonCapabilitySet *caps,
                 const char          *dir)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *inside = g_build_filename (dir, "out.txt", NULL);
  int fd;

  if (!cordon_apply (caps, &error))
    {
      fprintf (stderr, "apply: %s\n", error->message);
      return 2;
    }
  fd = open (inside, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (fd < 0)
    return 3;
  close (fd);
  fd = open ("/etc/passwd", O_RDONLY);
  if (fd >= 0 || errno != EACCES)
    return 4;
  return 0;
}

int
main (void)
{
  g_autoptr (CordonSupportInfo) info = cordon_support_info_get ();
  g_autoptr (CordonCapabilitySet) caps = cordon_capability_set_new ();
  g_autoptr (CordonCapabilitySet) restored = NULL;
  g_autoptr (CordonQueryContext) query = NULL;
  g_autoptr (CordonQueryResult) answer = NULL;
  g_autoptr (CordonSandboxState) state = NULL;
  g_autoptr (CordonSandboxState) reread = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("cordon-client-XXXXXX", NULL);
  g_autofree char *json = NULL;
  CordonAccessMode mode = 0;
  pid_t pid;
  int status;

  printf ("# %s\n", cordon_support_info_get_details (info));

  check (cordon_capability_set_allow_path (caps, dir, CORDON_ACCESS_READ_WRITE, &error),
         "allow_path on a temporary directory");
  g_clear_error (&error);
  check (!cordon_capability_set_allow_path (caps, "/nonexistent/cordon", CORDON_ACCESS_READ,
                                            &error) &&
             g_error_matches (error, CORDON_ERROR, CORDON_ERROR_PATH_NOT_FOUND),
         "a missing path fails with CORDON_ERROR_PATH_NOT_FOUND");
  g_clear_error (&error);
  cordon_capability_set_block_network (caps);

  query = cordon_query_context_new (caps);
  answer = cordon_query_context_query_path (query, "/etc/passwd", CORDON_ACCESS_READ, &error);
  check (answer != NULL && !cordon_query_result_is_allowed (answer) &&
             cordon_query_result_get_reason (answer) == CORDON_QUERY_REASON_PATH_NOT_GRANTED,
         "the query denies /etc/passwd");

  state = cordon_sandbox_state_from_caps (caps);
  json = cordon_sandbox_state_to_json (state, CORDON_STATE_FORMAT_CORDON);
  reread = cordon_sandbox_state_from_json (json, -1, &error);
  restored = reread != NULL ? cordon_sandbox_state_to_caps (reread, &error) : NULL;
  check (restored != NULL && cordon_capability_set_is_network_blocked (restored) &&
             g_list_model_get_n_items (G_LIST_MODEL (restored)) == 1,
         "the state survives a JSON round trip");

  check (cordon_access_mode_from_string ("read+write", &mode) &&
             mode == CORDON_ACCESS_READ_WRITE,
         "access modes parse");
  check (g_type_is_a (CORDON_TYPE_CAPABILITY_SET, G_TYPE_OBJECT) &&
             G_TYPE_IS_ENUM (CORDON_TYPE_QUERY_REASON),
         "the GTypes are exported");

  if (cordon_support_info_get_is_supported (info))
    {
      fflush (stdout);
      pid = fork ();
      if (pid == 0)
        _exit (sandboxed_child (caps, dir));
      check (pid > 0 && waitpid (pid, &status, 0) == pid && WIFEXITED (status) &&
                 WEXITSTATUS (status) == 0,
             "a sandboxed child writes in its folder and cannot read /etc/passwd");
    }
  else
    printf ("# skipped applying: this kernel cannot sandbox\n");

  {
    g_autofree char *out = g_build_filename (dir, "out.txt", NULL);
    g_unlink (out);
    g_rmdir (dir);
  }
  return failures == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
