/* test-run-messages.c: what cordon-run says when something goes wrong
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each message is read as a user reads it: it must point at --help after a
 * mistake on the command line, explain a quoted "~", name a profile in one
 * way, and name the file the sandbox refused to execute.
 */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "run-util.h"

#define TRY_HELP "Try 'cordon-run --help' for more information.\n"

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = run_make_temp_dir ("cordon-run-messages-XXXXXX");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  run_rm_rf (fixture->dir);
  g_free (fixture->dir);
}

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

static void
assert_has (const char *text,
            const char *words)
{
  if (strstr (text, words) == NULL)
    g_error ("“%s” does not say “%s”", text, words);
}

static void
assert_lacks (const char *text,
              const char *words)
{
  if (strstr (text, words) != NULL)
    g_error ("“%s” should not say “%s”", text, words);
}

/* --- the command line -------------------------------------------------- */

static void
test_usage_errors_point_to_help (void)
{
  static const char *const cases[][4] = {
    { "--bogus", "/bin/true", NULL },
    { "--ro", NULL },
    { NULL },
    { "--mode", "read", "--check", NULL },
    { "--profile-fd", "1", "--check", NULL },
    { "--block-network", "--allow-network", "/bin/true", NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (RunResult) result = run_cordon (cases[i], NULL);

      run_assert_one_line_error (result, 125, NULL);
      g_assert_true (g_str_has_suffix (result->err, ". " TRY_HELP));
    }
}

/* Only mistakes in the command line get the pointer: a missing path or a
 * broken profile is not answered by --help. */
static void
test_other_errors_do_not (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (fixture->dir, "missing", NULL);
  g_autoptr (RunResult) result = run_cordon_va ("--ro", missing, "--check", NULL);

  run_assert_one_line_error (result, 125, missing);
  assert_lacks (result->err, "--help");
}

static void
test_help_states_defaults (void)
{
  g_autoptr (RunResult) result = run_cordon_va ("--help", NULL);

  g_assert_cmpint (run_result_exit_code (result), ==, 0);
  assert_has (result->out, "The network is allowed unless the profile or --block-network "
                           "blocks it.");
  assert_has (result->out, "without a profile, PROGRAM may use only the paths given with --ro");
  assert_has (result->out, "read (default)");
  assert_has (result->out, "cordon (default)");
}

/* A quoted ~ reaches cordon-run as it is; say so where a path is taken. */
static void
test_tilde_hint (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr (RunResult) rule = run_cordon_va ("--ro", "~/cordon-no-such-dir", "--check", NULL);
  g_autoptr (RunResult) profile = run_cordon_va ("-p", "~/cordon-no-such.json", "--check",
                                                 NULL);
  g_autoptr (RunResult) query = NULL;
  g_autoptr (RunResult) plain = run_cordon_va ("--ro", "cordon-no-such-dir", "--check", NULL);

  query = run_cordon_va ("--query", "~/x/cordon-no-such", "--ro", "/", NULL);
  g_autoptr (RunResult) socket = run_cordon_va ("--socket", "~/cordon-no-such.sock", "--check",
                                                NULL);

  run_assert_one_line_error (socket, 125, "“~” is not expanded here");
  run_assert_one_line_error (rule, 125, "“~” is not expanded here");
  run_assert_one_line_error (profile, 125, "“~” is not expanded here");
  assert_has (rule->err, "$HOME/");
  /* --query answers for a missing path; the hint only comes with an error. */
  g_assert_cmpint (run_result_exit_code (query), !=, 125);
  run_assert_one_line_error (plain, 125, "does not exist");
  assert_lacks (plain->err, "“~”");
}

/* One shape for every profile message: "profile <source>: <what>". */
static void
test_profile_prefix (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *none = g_build_filename (fixture->dir, "none.json", NULL);
  g_autofree char *bad = g_build_filename (fixture->dir, "bad.json", NULL);
  g_autofree char *vanished = g_build_filename (fixture->dir, "vanished.json", NULL);
  g_autofree char *gone = g_build_filename (fixture->dir, "gone", NULL);
  g_autofree char *gone_json = run_profile_json (gone, "Read", FALSE);
  const char *paths[] = { none, bad, vanished, fixture->dir };

  run_write_file (bad, "{\"fs\": [], \"net_blocked\": tru}");
  run_write_file (vanished, gone_json);
  for (gsize i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr (RunResult) result = run_cordon_va ("-p", paths[i], "--check", NULL);
      g_autofree char *prefix = g_strdup_printf ("cordon-run: profile “%s”: ", paths[i]);

      run_assert_one_line_error (result, 125, NULL);
      g_assert_true (g_str_has_prefix (result->err, prefix));
      /* Named once. */
      g_assert_null (strstr (result->err + strlen (prefix), paths[i]));
    }
}

/* --- inside another sandbox ---------------------------------------------- */

/* cordon-run counts its threads in /proc before applying. Run inside a
 * sandbox that does not grant /proc it must say so, not "is /proc
 * mounted?". */
static void
test_nested_without_proc (void)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *run_dir = g_path_get_dirname (run_cordon_path ());
  g_autoptr (RunResult) result = NULL;

#ifdef CORDON_TESTS_SANITIZED
  g_test_skip ("a sanitized cordon-run cannot start without /proc");
  return;
#endif
  run_add_system_rules (args);
  g_ptr_array_add (args, g_strdup ("--ro"));
  g_ptr_array_add (args, g_strdup (run_dir));
  g_ptr_array_add (args, g_strdup ("--"));
  g_ptr_array_add (args, g_strdup (run_cordon_path ()));
  g_ptr_array_add (args, g_strdup ("--ro"));
  g_ptr_array_add (args, g_strdup ("/usr"));
  g_ptr_array_add (args, g_strdup ("--"));
  g_ptr_array_add (args, g_strdup ("/bin/true"));
  g_ptr_array_add (args, NULL);
  result = run_cordon ((const char *const *) args->pdata, NULL);

  run_assert_one_line_error (result, 125, "reading /proc/self/task is not allowed here");
  assert_has (result->err, "that sandbox must allow reading /proc");
  assert_lacks (result->err, "mounted");
}

/* --- a refused exec names the file ---------------------------------------- */

static char *
write_script (const char *dir,
              const char *name,
              const char *text)
{
  char *path = g_build_filename (dir, name, NULL);

  run_write_file (path, text);
  g_assert_no_errno (g_chmod (path, 0755));
  return path;
}

static char *
copy_true (const char *dir)
{
  g_autofree char *contents = NULL;
  gsize length;
  char *path = g_build_filename (dir, "true-copy", NULL);

  g_assert_true (g_file_get_contents ("/bin/true", &contents, &length, NULL));
  g_assert_true (g_file_set_contents (path, contents, length, NULL));
  g_assert_no_errno (g_chmod (path, 0755));
  return path;
}

static void
test_refused_script_interpreter (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *script = write_script (fixture->dir, "s.sh", "#! /bin/sh -e\necho hi\n");
  g_autofree char *sh = realpath ("/bin/sh", NULL);
  g_autofree char *rule = g_strdup_printf ("(--ro %s)", sh);
  g_autoptr (RunResult) refused = run_cordon_va ("--ro", fixture->dir, "--", script, NULL);
  g_autoptr (RunResult) allowed = NULL;
  g_autoptr (GPtrArray) args = g_ptr_array_new_with_free_func (g_free);

  run_assert_one_line_error (refused, 126, "the sandbox does not allow executing “/bin/sh”");
  assert_has (refused->err, "the interpreter on the #! line of");
  assert_has (refused->err, rule);

  /* The allowed twin: with the system granted, the same script runs. */
  run_add_system_rules (args);
  g_ptr_array_add (args, g_strdup ("--ro"));
  g_ptr_array_add (args, g_strdup (fixture->dir));
  g_ptr_array_add (args, g_strdup (script));
  g_ptr_array_add (args, NULL);
  allowed = run_cordon ((const char *const *) args->pdata, NULL);
  g_assert_cmpint (run_result_exit_code (allowed), ==, 0);
  g_assert_cmpstr (allowed->out, ==, "hi\n");
}

static void
test_refused_elf_interpreter (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *program = copy_true (fixture->dir);
  g_autoptr (RunResult) result = run_cordon_va ("--ro", fixture->dir, "--", program, NULL);

  run_assert_one_line_error (result, 126, "the program loader (ELF interpreter) of");
  assert_has (result->err, "ld-linux");
  assert_has (result->err, "a Read rule for it allows it (--ro /");
}

/* Write does not include executing: the program itself is named. */
static void
test_refused_program (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *program = copy_true (fixture->dir);
  g_autofree char *words = g_strdup_printf ("the sandbox does not allow executing “%s”;",
                                            program);
  g_autoptr (RunResult) result = run_cordon_va ("--wo", fixture->dir, "--", program, NULL);

  run_assert_one_line_error (result, 126, words);
}

/* Not executable by its mode: that is no refusal of the sandbox's. */
static void
test_not_executable_is_not_blamed_on_the_sandbox (Fixture       *fixture,
                                                  gconstpointer  data)
{
  g_autofree char *program = copy_true (fixture->dir);
  g_autoptr (RunResult) result = NULL;

  g_assert_no_errno (g_chmod (program, 0644));
  result = run_cordon_va ("--ro", fixture->dir, "--", program, NULL);
  run_assert_one_line_error (result, 126, "Permission denied");
  assert_lacks (result->err, "the sandbox does not allow executing");
}

/* --- what --print-profile writes ------------------------------------------ */

static void
chdir_setup (gpointer data)
{
  if (chdir (data) != 0)
    _exit (99);
}

/* "--rw ." is written as nono writes it, "original": ".", never the joined
 * "/cwd/."; and such a profile reads back, from anywhere. */
static void
test_print_profile_keeps_typed_path (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autofree char *sub = g_build_filename (fixture->dir, "sub", NULL);
  g_autofree char *resolved = g_strdup_printf ("\"original\": \".\",\n      \"resolved\": \"%s\"",
                                               fixture->dir);
  RunOptions in_dir = { .setup = chdir_setup, .setup_data = fixture->dir };
  const char *args[] = { "--rw", ".", "--ro", "sub", "--print-profile", "--format", "nono",
                         NULL };
  g_autoptr (RunResult) printed = NULL;
  g_autoptr (RunResult) checked = NULL;
  RunOptions from_stdin = { 0 };

  g_assert_no_errno (g_mkdir (sub, 0755));
  printed = run_cordon (args, &in_dir);
  g_assert_cmpint (run_result_exit_code (printed), ==, 0);
  assert_has (printed->out, resolved);
  assert_has (printed->out, "\"original\": \"sub\"");
  assert_lacks (printed->out, "/.\"");

  from_stdin.stdin_text = printed->out;
  checked = run_cordon ((const char *const[]){ "-p", "-", "--check", NULL }, &from_stdin);
  g_assert_cmpint (run_result_exit_code (checked), ==, 0);
  assert_has (checked->out, fixture->dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/run-messages/usage-errors-point-to-help", test_usage_errors_point_to_help);
  ADD ("/run-messages/other-errors-do-not", test_other_errors_do_not);
  g_test_add_func ("/run-messages/help-states-defaults", test_help_states_defaults);
  ADD ("/run-messages/tilde-hint", test_tilde_hint);
  ADD ("/run-messages/profile-prefix", test_profile_prefix);
  g_test_add_func ("/run-messages/nested-without-proc", test_nested_without_proc);
  ADD ("/run-messages/refused/script-interpreter", test_refused_script_interpreter);
  ADD ("/run-messages/refused/elf-interpreter", test_refused_elf_interpreter);
  ADD ("/run-messages/refused/program", test_refused_program);
  ADD ("/run-messages/refused/not-executable", test_not_executable_is_not_blamed_on_the_sandbox);
  ADD ("/run-messages/print-profile/keeps-typed-path", test_print_profile_keeps_typed_path);

  return g_test_run ();
}
