/* test-links.c: a rule's path swapped for a link between check and grant
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A run of the same profile still going can replace a folder it may write
 * with a link after cordon-run checked the rules but before Landlock opened
 * them. The grant must land on what was checked or nowhere: apply opens
 * rule paths without following links (openat2 RESOLVE_NO_SYMLINKS, or one
 * name at a time where a container's policy hides openat2).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <seccomp.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "cordon-apply-private.h"
#include "cordon-fs-capability-private.h"
#include "cordon-sandbox-state-private.h"
#include "enforce-util.h"

#define ERRNO_OF(call) ((call) < 0 ? errno : 0)

typedef struct
{
  char *root;
  char *parent;  /* root/parent: the rule is root/parent/granted */
  char *granted;
  char *secret;  /* root/secret, with a "granted" folder inside too */
} Fixture;

static void
fixture_setup (Fixture *fixture, gconstpointer data)
{
  g_autofree char *file = NULL;
  g_autofree char *decoy = NULL;

  fixture->root = enforce_tree_new ();
  fixture->parent = g_build_filename (fixture->root, "parent", NULL);
  fixture->granted = g_build_filename (fixture->parent, "granted", NULL);
  fixture->secret = g_build_filename (fixture->root, "secret", NULL);
  g_assert_no_errno (g_mkdir_with_parents (fixture->granted, 0700));
  decoy = g_build_filename (fixture->secret, "granted", NULL);
  g_assert_no_errno (g_mkdir_with_parents (decoy, 0700));

  file = g_build_filename (fixture->granted, "data", NULL);
  enforce_write_file (file, "granted\n");
  g_free (file);
  file = g_build_filename (fixture->secret, "data", NULL);
  enforce_write_file (file, "secret\n");
  g_free (file);
  file = g_build_filename (decoy, "data", NULL);
  enforce_write_file (file, "secret\n");
}

static void
fixture_teardown (Fixture *fixture, gconstpointer data)
{
  g_clear_pointer (&fixture->parent, g_free);
  g_clear_pointer (&fixture->granted, g_free);
  g_clear_pointer (&fixture->secret, g_free);
  enforce_tree_free (g_steal_pointer (&fixture->root));
}

/* Moves @path aside and puts a link to @target in its place. */
static void
swap_for_link (const char *path,
               const char *target)
{
  g_autofree char *aside = g_strconcat (path, ".old", NULL);

  g_assert_no_errno (g_rename (path, aside));
  g_assert_no_errno (symlink (target, path));
}

static int
read_data (gpointer data)
{
  const char *folder = data;
  g_autofree char *file = g_build_filename (folder, "data", NULL);
  char c;
  int fd = open (file, O_RDONLY | O_CLOEXEC);

  if (fd < 0)
    return errno;
  if (read (fd, &c, 1) != 1)
    {
      int saved_errno = errno;
      close (fd);
      return saved_errno;
    }
  close (fd);
  return 0;
}

static int
hide_openat2 (gpointer data)
{
  scmp_filter_ctx ctx = seccomp_init (SCMP_ACT_ALLOW);
  int r;

  if (ctx == NULL)
    return ENOMEM;
  r = seccomp_rule_add (ctx, SCMP_ACT_ERRNO (ENOSYS), SCMP_SYS (openat2), 0);
  if (r == 0 && prctl (PR_SET_NO_NEW_PRIVS, 1UL, 0UL, 0UL, 0UL) != 0)
    r = -errno;
  if (r == 0)
    r = seccomp_load (ctx);
  seccomp_release (ctx);
  return -r;
}

static void
assert_refused (CordonCapabilitySet *caps,
                EnforceCheck         prepare,
                Fixture             *fixture)
{
  EnforceOutcome outcome;

  enforce_run_prepared (caps, 0, prepare, read_data, fixture->granted, &outcome);
  g_assert_true (outcome.reported);
  g_assert_false (outcome.applied);
  g_assert_cmpint (outcome.error_code, ==, CORDON_ERROR_INVALID_PATH);
  g_assert_nonnull (strstr (outcome.message, "symbolic link"));
  g_assert_nonnull (strstr (outcome.message, fixture->granted));
}

static void
test_rule_swapped (Fixture *fixture, gconstpointer data)
{
  EnforceCheck prepare = data != NULL ? hide_openat2 : NULL;
  g_autoptr (CordonCapabilitySet) caps =
    enforce_caps (FALSE, fixture->granted, CORDON_ACCESS_READ, NULL);
  EnforceOutcome outcome;

  /* The allowed twin: before the swap the rule applies and grants. */
  enforce_run_prepared (caps, 0, prepare, read_data, fixture->granted, &outcome);
  g_assert_true (outcome.applied);
  g_assert_cmpint (outcome.result, ==, 0);

  swap_for_link (fixture->granted, fixture->secret);
  assert_refused (caps, prepare, fixture);
}

static void
test_parent_swapped (Fixture *fixture, gconstpointer data)
{
  EnforceCheck prepare = data != NULL ? hide_openat2 : NULL;
  g_autoptr (CordonCapabilitySet) caps =
    enforce_caps (FALSE, fixture->granted, CORDON_ACCESS_READ, NULL);

  /* parent/ now leads to secret/, which has a "granted" folder of its own. */
  swap_for_link (fixture->parent, fixture->secret);
  assert_refused (caps, prepare, fixture);
}

/* cordon-run's launch path: the profile is loaded without looking at the
 * filesystem (CORDON_TO_CAPS_UNCHECKED) and apply's open is the check. A
 * profile granting Write on parent/ and Read on parent/granted, saved and
 * loaded so; all of its rules are unchecked. */
static CordonCapabilitySet *
load_unchecked (Fixture *fixture)
{
  g_autoptr (CordonCapabilitySet) made = cordon_capability_set_new ();
  g_autoptr (CordonSandboxState) saved = NULL;
  g_autoptr (CordonSandboxState) loaded = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *json = NULL;
  CordonCapabilitySet *caps;
  guint n;

  /* Interned before the fork, so the child's error names the same quark. */
  g_assert_true (CORDON_APPLY_PROFILE_ERROR != 0);
  g_assert_true (cordon_capability_set_allow_path (made, fixture->parent,
                                                   CORDON_ACCESS_READ_WRITE, &error));
  g_assert_true (cordon_capability_set_allow_path (made, fixture->granted, CORDON_ACCESS_READ,
                                                   &error));
  saved = cordon_sandbox_state_from_caps (made);
  json = cordon_sandbox_state_to_json (saved, CORDON_STATE_FORMAT_CORDON);
  loaded = cordon_sandbox_state_from_json (json, -1, &error);
  g_assert_no_error (error);
  caps = cordon_sandbox_state_to_caps_full (loaded, CORDON_TO_CAPS_UNCHECKED, &error);
  g_assert_no_error (error);
  n = g_list_model_get_n_items (G_LIST_MODEL (caps));
  g_assert_cmpuint (n, ==, 2);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (CordonFsCapability) cap = g_list_model_get_item (G_LIST_MODEL (caps), i);

      g_assert_true (cordon_fs_capability_is_unchecked (cap));
    }
  return caps;
}

static void
assert_profile_error (const EnforceOutcome *outcome,
                      CordonError           code,
                      const char           *path)
{
  g_assert_true (outcome->reported);
  g_assert_false (outcome->applied);
  g_assert_true (outcome->error_domain == CORDON_APPLY_PROFILE_ERROR);
  g_assert_cmpint (outcome->error_code, ==, code);
  g_assert_nonnull (strstr (outcome->message, path));
}

/* The planted-link guarantee (issue 12) with nothing checked at load: run 1
 * swaps parent/granted (parent/ is writable) for a link to secret/ after
 * run 2 loaded the profile and before it applies. Refused, in loading's
 * words: the rule, where it leads now, the link. */
static void
test_unchecked_planted (Fixture *fixture, gconstpointer data)
{
  EnforceCheck prepare = data != NULL ? hide_openat2 : NULL;
  g_autoptr (CordonCapabilitySet) caps = load_unchecked (fixture);
  g_autofree char *secret_data = g_build_filename (fixture->secret, "data", NULL);
  EnforceOutcome outcome;

  /* The allowed twin: as loaded, the rules apply and grant. */
  enforce_run_prepared (caps, 0, prepare, read_data, fixture->granted, &outcome);
  g_assert_true (outcome.applied);
  g_assert_cmpint (outcome.result, ==, 0);

  swap_for_link (fixture->granted, fixture->secret);
  enforce_run_prepared (caps, 0, prepare, read_data, fixture->granted, &outcome);
  assert_profile_error (&outcome, CORDON_ERROR_INVALID_PATH, fixture->granted);
  g_assert_nonnull (strstr (outcome.message, "symbolic link"));
  g_assert_nonnull (strstr (outcome.message, fixture->secret));
  /* Nothing ran: the sandbox was never half applied around a granted link. */
  g_assert_cmpint (outcome.result, ==, 0);
  g_assert_true (g_file_test (secret_data, G_FILE_TEST_EXISTS));
}

/* The parent itself swapped: the writable folder's rule is what now leads
 * elsewhere, through a link in root/, which no rule lets a program write.
 * Loading follows such a link (the user's, like /lib → usr/lib) and so does
 * the unchecked load once its open failed: parent/ now grants secret/,
 * and nothing outside it. */
static void
test_unchecked_followed (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CordonCapabilitySet) caps = load_unchecked (fixture);
  g_autofree char *outside = g_build_filename (fixture->root, "outside", NULL);
  g_autofree char *outside_data = g_build_filename (outside, "data", NULL);
  EnforceOutcome outcome;

  g_assert_no_errno (g_mkdir (outside, 0700));
  enforce_write_file (outside_data, "outside\n");
  swap_for_link (fixture->parent, fixture->secret);

  enforce_run (caps, 0, read_data, fixture->secret, &outcome);
  g_assert_true (outcome.applied);
  g_assert_cmpint (outcome.result, ==, 0);
  /* The denied twin: the same sandbox, a folder no rule leads to. */
  enforce_run (caps, 0, read_data, outside, &outcome);
  g_assert_true (outcome.applied);
  g_assert_cmpint (outcome.result, ==, EACCES);
}

/* Vanished, or a folder rule's path now a file: loading's errors. */
static void
test_unchecked_vanished (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CordonCapabilitySet) caps = load_unchecked (fixture);
  g_autofree char *aside = g_strconcat (fixture->granted, ".old", NULL);
  EnforceOutcome outcome;

  g_assert_no_errno (g_rename (fixture->granted, aside));
  enforce_run (caps, 0, read_data, fixture->granted, &outcome);
  assert_profile_error (&outcome, CORDON_ERROR_PATH_NOT_FOUND, fixture->granted);

  enforce_write_file (fixture->granted, "a file now\n");
  enforce_run (caps, 0, read_data, fixture->granted, &outcome);
  assert_profile_error (&outcome, CORDON_ERROR_EXPECTED_DIRECTORY, fixture->granted);
}

#define ADD(path, data, func) \
  g_test_add (path, Fixture, data, fixture_setup, func, fixture_teardown)

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  ADD ("/enforce/links/rule-swapped", NULL, test_rule_swapped);
  ADD ("/enforce/links/parent-swapped", NULL, test_parent_swapped);
  ADD ("/enforce/links/rule-swapped/no-openat2", "hidden", test_rule_swapped);
  ADD ("/enforce/links/parent-swapped/no-openat2", "hidden", test_parent_swapped);

  ADD ("/enforce/links/unchecked/planted", NULL, test_unchecked_planted);
  ADD ("/enforce/links/unchecked/planted/no-openat2", "hidden", test_unchecked_planted);
  ADD ("/enforce/links/unchecked/followed", NULL, test_unchecked_followed);
  ADD ("/enforce/links/unchecked/vanished", NULL, test_unchecked_vanished);

  return g_test_run ();
}
