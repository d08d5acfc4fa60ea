/* test-run-links.c: a link planted by one run must not redirect the next
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The red-team case of issue 12: a profile grants Write on scratch/ and Read
 * on scratch/ref, and is saved. Run 1 (anything it runs) replaces
 * scratch/ref with a symbolic link to a secret folder. Run 2 of the same
 * profile must refuse, and so must --check and --query. Links the sandbox
 * could not have written stay fine.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "run-util.h"

typedef struct
{
  char *root;
  char *scratch;  /* granted ReadWrite by the profile */
  char *ref;      /* scratch/ref, granted Read */
  char *secret;   /* root/secret, granted nothing */
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *ref_file = NULL;
  g_autofree char *secret_file = NULL;

  fixture->root = run_make_temp_dir ("cordon-run-links-XXXXXX");
  fixture->scratch = g_build_filename (fixture->root, "scratch", NULL);
  fixture->ref = g_build_filename (fixture->scratch, "ref", NULL);
  fixture->secret = g_build_filename (fixture->root, "secret", NULL);
  g_assert_no_errno (g_mkdir (fixture->scratch, 0700));
  g_assert_no_errno (g_mkdir (fixture->ref, 0700));
  g_assert_no_errno (g_mkdir (fixture->secret, 0700));
  ref_file = g_build_filename (fixture->ref, "data", NULL);
  secret_file = g_build_filename (fixture->secret, "data", NULL);
  run_write_file (ref_file, "reference\n");
  run_write_file (secret_file, "secret\n");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  run_rm_rf (fixture->root);
  g_free (fixture->root);
  g_free (fixture->scratch);
  g_free (fixture->ref);
  g_free (fixture->secret);
}

/* The profile as cordon-run itself prints it (what the app saves too), in
 * @format ("cordon" or "nono"), written to root/profile-FORMAT.json. */
static char *
save_profile (Fixture    *fixture,
              const char *format,
              const char *first_rule,
              ...)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *name = g_strdup_printf ("profile-%s.json", format);
  char *path = g_build_filename (fixture->root, name, NULL);
  g_autoptr (RunResult) printed = NULL;
  va_list ap;

  va_start (ap, first_rule);
  for (const char *arg = first_rule; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, g_strdup (arg));
  va_end (ap);
  g_ptr_array_add (args, g_strdup ("--print-profile"));
  g_ptr_array_add (args, g_strdup ("--format"));
  g_ptr_array_add (args, g_strdup (format));
  g_ptr_array_add (args, NULL);

  printed = run_cordon ((const char *const *) args->pdata, NULL);
  g_assert_cmpint (run_result_exit_code (printed), ==, 0);
  run_write_file (path, printed->out);
  return path;
}

/* What run 1 leaves behind: scratch/ref is now a link to the secret. */
static void
plant_link (Fixture *fixture)
{
  g_autofree char *moved = g_build_filename (fixture->scratch, "ref.old", NULL);

  g_assert_no_errno (g_rename (fixture->ref, moved));
  g_assert_no_errno (symlink (fixture->secret, fixture->ref));
}

/* cordon-run -p @profile [@extra…] -- cordon-probe read REF/data */
static RunResult *
read_through_ref (Fixture    *fixture,
                  const char *profile,
                  const char *extra)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *data = g_build_filename (fixture->ref, "data", NULL);

  g_ptr_array_add (args, g_strdup ("-p"));
  g_ptr_array_add (args, g_strdup (profile));
  run_add_system_rules (args);
  if (extra != NULL)
    {
      g_ptr_array_add (args, g_strdup ("--rw"));
      g_ptr_array_add (args, g_strdup (extra));
    }
  g_ptr_array_add (args, g_strdup ("--"));
  g_ptr_array_add (args, g_strdup (run_probe_path ()));
  g_ptr_array_add (args, g_strdup ("read"));
  g_ptr_array_add (args, g_steal_pointer (&data));
  g_ptr_array_add (args, NULL);
  return run_cordon ((const char *const *) args->pdata, NULL);
}

static void
assert_refused_naming (RunResult *result,
                       Fixture   *fixture)
{
  run_assert_one_line_error (result, 125, fixture->ref);
  g_assert_nonnull (strstr (result->err, fixture->secret));
  g_assert_nonnull (strstr (result->err, "symbolic link"));
  g_assert_cmpstr (result->out, ==, "");
}

static void
test_planted_link (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *format = data;
  g_autofree char *profile = save_profile (fixture, format, "--rw", fixture->scratch, "--ro",
                                           fixture->ref, NULL);
  g_autofree char *secret_data = g_build_filename (fixture->secret, "data", NULL);
  g_autoptr (RunResult) before = NULL;
  g_autoptr (RunResult) after = NULL;
  g_autoptr (RunResult) check = NULL;
  g_autoptr (RunResult) query = NULL;
  const char *check_args[] = { "-p", profile, "--check", NULL };
  const char *query_args[] = { "-p", profile, "--query", secret_data, NULL };

  /* The allowed twin: run 1 of the profile works and reads the reference. */
  before = read_through_ref (fixture, profile, NULL);
  g_assert_cmpint (run_result_exit_code (before), ==, 0);
  g_assert_cmpstr (before->out, ==, "ok\n");

  plant_link (fixture);

  after = read_through_ref (fixture, profile, NULL);
  assert_refused_naming (after, fixture);
  check = run_cordon (check_args, NULL);
  assert_refused_naming (check, fixture);
  /* The launch found the link when it opened the rule (issue 15): the
   * same words as --check, which resolved it at load. */
  g_assert_cmpstr (after->err, ==, check->err);
  query = run_cordon (query_args, NULL);
  assert_refused_naming (query, fixture);
}

/* A folder made writable on the command line counts as much as one in the
 * profile: a run with the same command could have planted the link. */
static void
test_planted_link_command_line_write (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autofree char *profile = save_profile (fixture, "cordon", "--ro", fixture->ref, NULL);
  g_autoptr (RunResult) with_rw = NULL;
  g_autoptr (RunResult) without = NULL;

  plant_link (fixture);

  with_rw = read_through_ref (fixture, profile, fixture->scratch);
  assert_refused_naming (with_rw, fixture);

  /* Rules that write nowhere near the link could not have planted it: the
   * link is the user's, followed as any link is. */
  without = read_through_ref (fixture, profile, NULL);
  g_assert_cmpint (run_result_exit_code (without), ==, 0);
}

/* Links no program under the rules can write stay fine: the system's
 * (/lib → usr/lib on a merged-/usr system), and the user's own. */
static void
test_links_outside_writable (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *user_link = g_build_filename (fixture->root, "current", NULL);
  g_autofree char *nono = NULL;
  g_autofree char *cordon = NULL;
  g_autofree char *nono_path = g_build_filename (fixture->root, "nono.json", NULL);
  g_autofree char *cordon_path = g_build_filename (fixture->root, "cordon.json", NULL);
  g_autoptr (RunResult) nono_check = NULL;
  g_autoptr (RunResult) cordon_check = NULL;
  g_autofree char *lib = g_file_read_link ("/lib", NULL);
  g_autofree char *lib_resolved = realpath ("/lib", NULL);
  const char *nono_args[] = { "-p", nono_path, "--check", NULL };
  const char *cordon_args[] = { "-p", cordon_path, "--check", NULL };

  /* The user's link, retargeted by the user after the profile was saved:
   * root/ is no rule's to write. */
  g_assert_no_errno (symlink (fixture->ref, user_link));

  nono = g_strdup_printf ("{ \"fs\": [ { \"original\": \"%s\", \"resolved\": \"%s\", "
                          "\"access\": \"read+write\", \"is_file\": false }%s%s%s ], "
                          "\"net_blocked\": false }",
                          user_link, fixture->ref,
                          lib != NULL ? ", { \"original\": \"/lib\", \"resolved\": \"" : "",
                          lib != NULL ? lib_resolved : "",
                          lib != NULL ? "\", \"access\": \"read\", \"is_file\": false }" : "");
  cordon = g_strdup_printf ("{ \"fs\": [ { \"path\": \"%s\", \"access\": \"ReadWrite\", "
                            "\"is_file\": false }%s ], \"net_blocked\": false }",
                            user_link,
                            lib != NULL ? ", { \"path\": \"/lib\", \"access\": \"Read\", "
                                          "\"is_file\": false }" : "");
  run_write_file (nono_path, nono);
  run_write_file (cordon_path, cordon);
  g_assert_no_errno (g_unlink (user_link));
  g_assert_no_errno (symlink (fixture->secret, user_link));

  nono_check = run_cordon (nono_args, NULL);
  g_assert_cmpint (run_result_exit_code (nono_check), ==, 0);
  g_assert_nonnull (strstr (nono_check->out, fixture->secret));
  cordon_check = run_cordon (cordon_args, NULL);
  g_assert_cmpint (run_result_exit_code (cordon_check), ==, 0);
  if (lib == NULL)
    g_test_message ("/lib is no link here: only the user's link was checked");
}

/* In the nono form a link may be what the user gave; it is fine under a
 * writable folder as long as it still leads where the profile recorded. */
static void
test_link_unchanged (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *link = g_build_filename (fixture->scratch, "current", NULL);
  g_autofree char *profile = NULL;
  g_autoptr (RunResult) kept = NULL;
  g_autoptr (RunResult) moved = NULL;
  const char *args[] = { NULL, NULL, "--check", NULL };

  g_assert_no_errno (symlink ("ref", link));
  profile = save_profile (fixture, "nono", "--rw", fixture->scratch, "--ro", link, NULL);
  args[0] = "-p";
  args[1] = profile;

  kept = run_cordon (args, NULL);
  g_assert_cmpint (run_result_exit_code (kept), ==, 0);

  g_assert_no_errno (g_unlink (link));
  g_assert_no_errno (symlink (fixture->secret, link));
  moved = run_cordon (args, NULL);
  run_assert_one_line_error (moved, 125, link);
  g_assert_nonnull (strstr (moved->err, fixture->secret));
}

/* A named socket at @path, left behind as a service would leave it. */
static void
make_socket (const char *path)
{
  struct sockaddr_un addr = { .sun_family = AF_UNIX };
  int fd = socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpuint (strlen (path), <, sizeof addr.sun_path);
  strcpy (addr.sun_path, path);
  g_assert_no_errno (bind (fd, (struct sockaddr *) &addr, sizeof addr));
  close (fd);
}

/* A socket rule in a writable folder: a link planted there would hand the
 * next run the session bus. */
static void
test_planted_socket_link (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *own = g_build_filename (fixture->scratch, "app.sock", NULL);
  g_autofree char *aside = g_build_filename (fixture->scratch, "app.sock.old", NULL);
  g_autofree char *bus = g_build_filename (fixture->secret, "bus", NULL);
  g_autofree char *profile = NULL;
  g_autoptr (RunResult) before = NULL;
  g_autoptr (RunResult) after = NULL;
  const char *args[] = { "-p", NULL, "--check", NULL };

  make_socket (own);
  make_socket (bus);
  profile = save_profile (fixture, "cordon", "--rw", fixture->scratch, "--socket", own, NULL);
  args[1] = profile;

  before = run_cordon (args, NULL);
  g_assert_cmpint (run_result_exit_code (before), ==, 0);

  g_assert_no_errno (g_rename (own, aside));
  g_assert_no_errno (symlink (bus, own));
  after = run_cordon (args, NULL);
  run_assert_one_line_error (after, 125, own);
  g_assert_nonnull (strstr (after->err, bus));
}

#define ADD(path, data, func) \
  g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  ADD ("/run/links/planted/cordon-format", "cordon", test_planted_link);
  ADD ("/run/links/planted/nono-format", "nono", test_planted_link);
  ADD ("/run/links/planted/command-line-write", NULL, test_planted_link_command_line_write);
  ADD ("/run/links/planted/socket", NULL, test_planted_socket_link);
  ADD ("/run/links/outside-writable", NULL, test_links_outside_writable);
  ADD ("/run/links/unchanged", NULL, test_link_unchanged);

  return g_test_run ();
}
