/* test-run-cli.c: cordon-run's options, profile sources and exit statuses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every test spawns the built binary, as a user or a script would.
 */
#include "config.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "cordon.h"
#include "run-util.h"

typedef struct
{
  char *dir;     /* a scratch directory, removed afterwards */
  char *sub;     /* dir/sub, a directory */
  char *file;    /* dir/file, a regular file */
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = run_make_temp_dir ("cordon-run-cli-XXXXXX");
  fixture->sub = g_build_filename (fixture->dir, "sub", NULL);
  fixture->file = g_build_filename (fixture->dir, "file", NULL);
  g_assert_no_errno (g_mkdir (fixture->sub, 0755));
  run_write_file (fixture->file, "hello\n");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  run_rm_rf (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->sub);
  g_free (fixture->file);
}

static char *
write_profile (Fixture    *fixture,
               const char *name,
               const char *json)
{
  char *path = g_build_filename (fixture->dir, name, NULL);

  run_write_file (path, json);
  return path;
}

/* The realistic profile as arguments, then @first… (NULL-terminated). */
static GPtrArray *
system_args (const char *first,
             ...)
{
  GPtrArray *args = g_ptr_array_new_with_free_func (g_free);
  va_list ap;

  run_add_system_rules (args);
  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, g_strdup (arg));
  va_end (ap);
  g_ptr_array_add (args, NULL);
  return args;
}

static RunResult *
run_args (GPtrArray        *args,
          const RunOptions *options)
{
  return run_cordon ((const char *const *) args->pdata, options);
}

/* --- --version, --help, the man page ------------------------------------ */

static void
test_version (void)
{
  g_autoptr (RunResult) result = run_cordon_va ("--version", NULL);

  g_assert_cmpint (run_result_exit_code (result), ==, 0);
  g_assert_cmpstr (result->out, ==, "cordon-run " PACKAGE_VERSION "\n");
  g_assert_cmpstr (result->err, ==, "");
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* Every "--long-option" token in @text, sorted, without duplicates. */
static GPtrArray *
long_options_in (const char *text)
{
  g_autoptr (GRegex) regex = g_regex_new ("(?<![A-Za-z0-9-])--([a-z][a-z-]*[a-z])", 0, 0, NULL);
  g_autoptr (GMatchInfo) match = NULL;
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *found = g_ptr_array_new_with_free_func (g_free);

  g_regex_match (regex, text, 0, &match);
  while (g_match_info_matches (match))
    {
      char *name = g_match_info_fetch (match, 1);

      if (g_hash_table_contains (seen, name))
        g_free (name);
      else
        {
          g_hash_table_add (seen, name);
          g_ptr_array_add (found, name);
        }
      g_match_info_next (match, NULL);
    }
  g_ptr_array_sort (found, compare_strings);
  return found;
}

static char *
options_as_text (GPtrArray *options)
{
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; i < options->len; i++)
    g_string_append_printf (text, "--%s ", (char *) g_ptr_array_index (options, i));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
test_help (void)
{
  g_autoptr (RunResult) result = run_cordon_va ("--help", NULL);
  g_autoptr (RunResult) short_result = run_cordon_va ("-h", NULL);
  g_autoptr (GPtrArray) options = NULL;
  g_autofree char *listed = NULL;
  const char *expected[] = {
    "profile", "profile-fd", "ro", "rw", "wo", "socket", "block-network", "allow-network",
    "query", "mode", "query-network", "query-socket", "check", "print-profile", "format", "support", "json",
    "clear-env", "setenv", "chdir", "help", "version",
  };

  g_assert_cmpint (run_result_exit_code (result), ==, 0);
  g_assert_true (g_str_has_prefix (result->out, "Usage:\n  cordon-run [OPTION…]"));
  g_assert_cmpstr (result->err, ==, "");
  g_assert_cmpint (run_result_exit_code (short_result), ==, 0);
  g_assert_cmpstr (short_result->out, ==, result->out);

  options = long_options_in (result->out);
  listed = options_as_text (options);
  for (gsize i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *option = g_strdup_printf ("--%s ", expected[i]);

      if (strstr (listed, option) == NULL)
        g_error ("--help does not list %s", option);
    }
}

/* GNU convention: a program's own --help after PROGRAM is PROGRAM's. */
static void
test_help_after_program (void)
{
  g_autoptr (GPtrArray) args = system_args (run_probe_path (), "exit", "5", "--help", NULL);
  g_autoptr (RunResult) result = run_args (args, NULL);

  g_assert_cmpint (run_result_exit_code (result), ==, 5);
}

static char *
read_man_page (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "cordon-run.1",
                                                 NULL);
  g_autoptr (GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static void
test_man_page_matches_help (void)
{
  g_autoptr (RunResult) result = run_cordon_va ("--help", NULL);
  g_autofree char *man = read_man_page ();
  g_autoptr (GRegex) font = g_regex_new ("\\\\f[BIRP]", 0, 0, NULL);
  g_autofree char *plain = g_regex_replace_literal (font, man, -1, 0, "", 0, NULL);
  g_autoptr (GString) unescaped = g_string_new (plain);
  g_autoptr (GPtrArray) help_options = long_options_in (result->out);
  g_autoptr (GPtrArray) man_options = NULL;
  g_autofree char *help_text = NULL;
  g_autofree char *man_text = NULL;

  /* roff writes a literal minus as "\-", and changes fonts with "\fB". */
  g_string_replace (unescaped, "\\-", "-", 0);
  man_options = long_options_in (unescaped->str);
  help_text = options_as_text (help_options);
  man_text = options_as_text (man_options);
  g_assert_cmpstr (man_text, ==, help_text);

  /* The man page's version must be the program's. */
  g_assert_nonnull (strstr (man, "\"cordon-run " PACKAGE_VERSION "\""));
}

static void
test_man_page_renders_cleanly (void)
{
  g_autofree char *groff = g_find_program_in_path ("groff");
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "cordon-run.1",
                                                 NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (GError) error = NULL;
  int status = 0;
  const char *argv[] = { NULL, "-man", "-ww", "-z", "-rCHECKSTYLE=3", path, NULL };

  if (groff == NULL)
    {
      g_test_skip ("groff is not installed");
      return;
    }
  argv[0] = groff;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                &error);
  g_assert_no_error (error);
  g_assert_cmpstr (err, ==, "");
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

/* --- the command line itself -------------------------------------------- */

static void
test_unknown_option (void)
{
  g_autoptr (RunResult) result = run_cordon_va ("--bogus", "/bin/true", NULL);

  run_assert_one_line_error (result, 125, "--bogus");
}

static void
test_missing_argument (void)
{
  g_autoptr (RunResult) result = run_cordon_va ("--ro", NULL);

  run_assert_one_line_error (result, 125, "--ro");
}

static void
test_no_program (void)
{
  g_autoptr (RunResult) result = run_cordon_va ("--ro", "/usr", NULL);
  g_autoptr (RunResult) dashes = run_cordon_va ("--ro", "/usr", "--", NULL);

  run_assert_one_line_error (result, 125, "no program");
  run_assert_one_line_error (dashes, 125, "no program");
}

static void
test_conflicting_network (void)
{
  g_autoptr (RunResult) result = run_cordon_va ("--block-network", "--allow-network",
                                                "--query-network", NULL);

  run_assert_one_line_error (result, 125, "--allow-network");
}

static void
test_conflicting_actions (void)
{
  g_autoptr (RunResult) result = run_cordon_va ("--ro", "/usr", "--check", "--print-profile",
                                                NULL);
  g_autoptr (RunResult) with_program = run_cordon_va ("--ro", "/usr", "--check", "/bin/true",
                                                      NULL);

  run_assert_one_line_error (result, 125, "--check");
  run_assert_one_line_error (with_program, 125, "/bin/true");
}

static void
test_option_without_its_action (void)
{
  struct
  {
    const char *args[6];
    const char *needle;
  } cases[] = {
    { { "--ro", "/usr", "--mode", "write", NULL }, "--mode" },
    { { "--ro", "/usr", "--format", "nono", NULL }, "--format" },
    { { "--json", "/bin/true", NULL }, "--json" },
    { { "--ro", "/usr", "--chdir", "/", "--check" }, "--chdir" },
    { { "--support", "--ro", "/usr", NULL }, "--support" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (RunResult) result = run_cordon (cases[i].args, NULL);

      run_assert_one_line_error (result, 125, cases[i].needle);
    }
}

static void
test_unknown_mode (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr (RunResult) result = run_cordon_va ("--rw", fixture->dir, "--query", fixture->file,
                                                "--mode", "execute", NULL);

  run_assert_one_line_error (result, 125, "“execute”");
  g_assert_cmpstr (result->out, ==, "");
}

static void
test_unknown_format (void)
{
  g_autoptr (RunResult) result = run_cordon_va ("--ro", "/usr", "--print-profile", "--format",
                                                "yaml", NULL);

  run_assert_one_line_error (result, 125, "“yaml”");
}

static void
test_bad_setenv (void)
{
  g_autoptr (RunResult) result = run_cordon_va ("--ro", "/usr", "--setenv", "NOEQUALS",
                                                "/bin/true", NULL);

  run_assert_one_line_error (result, 125, "NOEQUALS");
}

/* --- profile sources ---------------------------------------------------- */

#define EMPTY_PROFILE "{ \"fs\": [], \"net_blocked\": false }"

static void
test_two_sources (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *profile = write_profile (fixture, "p.json", EMPTY_PROFILE);
  g_auto (GStrv) env = g_environ_setenv (g_get_environ (), "CORDON_PROFILE", EMPTY_PROFILE,
                                         TRUE);
  RunOptions with_env = { .envp = env };
  const char *file_and_fd[] = { "-p", profile, "--profile-fd", "5", "--check", NULL };
  const char *file_and_env[] = { "-p", profile, "--check", NULL };
  const char *stdin_and_env[] = { "-p", "-", "--check", NULL };
  g_autoptr (RunResult) r1 = run_cordon (file_and_fd, NULL);
  g_autoptr (RunResult) r2 = run_cordon (file_and_env, &with_env);
  g_autoptr (RunResult) r3 = run_cordon (stdin_and_env, &with_env);
  g_autoptr (RunResult) r4 = run_cordon_va ("-p", profile, "-p", profile, "--check", NULL);

  run_assert_one_line_error (r1, 125, "more than one profile");
  run_assert_one_line_error (r2, 125, "CORDON_PROFILE");
  run_assert_one_line_error (r3, 125, "CORDON_PROFILE");
  run_assert_one_line_error (r4, 125, "more than one profile");
}

static void
test_profile_fd_closed (void)
{
  /* run_spawn() passes nothing above 2, so 57 is closed in cordon-run. */
  g_autoptr (RunResult) result = run_cordon_va ("--profile-fd", "57", "--check", NULL);

  run_assert_one_line_error (result, 125, "57");
}

static void
test_profile_fd_standard_stream (void)
{
  g_autoptr (RunResult) result = run_cordon_va ("--profile-fd", "0", "--check", NULL);

  run_assert_one_line_error (result, 125, "-p -");
}

static void
test_profile_fd (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *json = run_profile_json (fixture->dir, "ReadWrite", TRUE);
  g_autofree char *profile = write_profile (fixture, "p.json", json);
  int fd = open (profile, O_RDONLY | O_CLOEXEC);
  RunDupFd dup = { fd, 5 };
  RunOptions options = { .setup = run_dup_fd_setup, .setup_data = &dup };
  g_autoptr (GPtrArray) args = system_args ("--profile-fd", "5", "--", run_probe_path (), "fd",
                                            "5", NULL);
  g_autoptr (RunResult) check = NULL;
  g_autoptr (RunResult) probe = NULL;
  const char *check_args[] = { "--profile-fd", "5", "--check", NULL };

  g_assert_cmpint (fd, >=, 0);
  check = run_cordon (check_args, &options);
  g_assert_cmpint (run_result_exit_code (check), ==, 0);
  g_assert_nonnull (strstr (check->out, fixture->dir));
  g_assert_nonnull (strstr (check->out, "blocked"));

  /* The profile's descriptor is closed before PROGRAM runs. */
  g_assert_no_errno (lseek (fd, 0, SEEK_SET));
  probe = run_args (args, &options);
  g_assert_cmpint (run_result_exit_code (probe), ==, 1);
  g_assert_cmpstr (probe->out, ==, "error EBADF\n");
  close (fd);
}

static void
test_profile_stdin (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *json = run_profile_json (fixture->sub, "Read", FALSE);
  RunOptions options = { .stdin_text = json };
  const char *args[] = { "-p", "-", "--query", fixture->sub, NULL };
  g_autoptr (RunResult) result = run_cordon (args, &options);
  g_autofree char *expected = run_granted_json (fixture->sub, "Read");

  g_assert_cmpint (run_result_exit_code (result), ==, 0);
  g_assert_cmpstr (result->out, ==, expected);
}

static void
test_profile_env (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *json = run_profile_json (run_probe_dir (), "Read", FALSE);
  g_autofree char *env_json = g_strdup_printf ("CORDON_PROFILE=%s", json);
  /* Exactly this environment in; exactly the same minus the profile out. */
  char *env[] = { "FOO=bar", env_json, "PATH=/usr/bin:/bin", NULL };
  RunOptions options = { .envp = env };
  g_autoptr (GPtrArray) args = system_args ("--", run_probe_path (), "env", NULL);
  g_autoptr (RunResult) result = NULL;
  g_autoptr (RunResult) query = NULL;
  const char *query_args[] = { "--query", run_probe_path (), NULL };

  /* The environment's profile is the only one: /usr is not in it. */
  query = run_cordon (query_args, &options);
  g_assert_cmpint (run_result_exit_code (query), ==, 0);

  result = run_args (args, &options);
  g_assert_cmpint (run_result_exit_code (result), ==, 0);
  g_assert_cmpstr (result->out, ==, "FOO=bar\nPATH=/usr/bin:/bin\n");
}

static void
test_bad_json (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *profile = write_profile (fixture, "bad.json",
                                            "{\n  \"fs\": [],\n  \"net_blocked\": tru\n}\n");
  g_autofree char *quoted = g_strdup_printf ("“%s”", profile);
  g_autoptr (RunResult) result = run_cordon_va ("-p", profile, "--", "/bin/true", NULL);

  run_assert_one_line_error (result, 125, quoted);
  g_assert_nonnull (strstr (result->err, "line 3"));
  g_assert_nonnull (strstr (result->err, "column"));
}

static void
test_bad_json_stdin (void)
{
  RunOptions options = { .stdin_text = "{ \"fs\": [ }" };
  const char *args[] = { "-p", "-", "--check", NULL };
  g_autoptr (RunResult) result = run_cordon (args, &options);

  run_assert_one_line_error (result, 125, "standard input");
  g_assert_nonnull (strstr (result->err, "line 1"));
}

static void
test_profile_missing_path (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (fixture->dir, "vanished", NULL);
  g_autofree char *json = run_profile_json (missing, "Read", FALSE);
  g_autofree char *profile = write_profile (fixture, "p.json", json);
  g_autoptr (RunResult) run = run_cordon_va ("-p", profile, "--", "/bin/true", NULL);
  g_autoptr (RunResult) check = run_cordon_va ("-p", profile, "--check", NULL);

  g_autoptr (RunResult) run_file = NULL;
  g_autoptr (RunResult) check_file = NULL;

  run_assert_one_line_error (run, 125, missing);
  run_assert_one_line_error (check, 125, missing);
  g_assert_cmpstr (check->out, ==, "");
  /* A launch checks a rule only when it opens it (issue 15), and says what
   * --check says, word for word. */
  g_assert_cmpstr (run->err, ==, check->err);

  /* The folder rule's path is a file now. */
  run_write_file (missing, "");
  run_file = run_cordon_va ("-p", profile, "--", "/bin/true", NULL);
  check_file = run_cordon_va ("-p", profile, "--check", NULL);
  run_assert_one_line_error (check_file, 125, "not a directory");
  g_assert_cmpstr (run_file->err, ==, check_file->err);
  g_assert_cmpint (run_result_exit_code (run_file), ==, 125);
}

static void
test_rule_missing_path (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (fixture->dir, "nothing-here", NULL);
  g_autoptr (RunResult) result = run_cordon_va ("--ro", "/usr", "--rw", missing, "--check",
                                                NULL);

  run_assert_one_line_error (result, 125, missing);
}

static void
test_profile_file_missing (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *profile = g_build_filename (fixture->dir, "none.json", NULL);
  g_autoptr (RunResult) result = run_cordon_va ("-p", profile, "--check", NULL);

  run_assert_one_line_error (result, 125, profile);
}

/* --- exit statuses ------------------------------------------------------ */

static void
test_empty_profile_cannot_execute (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autofree char *profile = write_profile (fixture, "empty.json", EMPTY_PROFILE);
  g_autoptr (RunResult) result = run_cordon_va ("-p", profile, "--", "/bin/true", NULL);

  run_assert_one_line_error (result, 126, "/bin/true");
}

static void
test_not_found (void)
{
  g_autoptr (RunResult) bare = run_cordon_va ("--ro", "/usr", "--", "cordon-no-such-program",
                                              NULL);
  g_autoptr (RunResult) absolute = run_cordon_va ("--ro", "/usr", "--",
                                                  "/usr/bin/cordon-no-such-program", NULL);

  run_assert_one_line_error (bare, 127, "cordon-no-such-program: not found");
  run_assert_one_line_error (absolute, 127, "/usr/bin/cordon-no-such-program: not found");
}

static void
test_not_executable (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr (GPtrArray) args = system_args ("--rw", fixture->dir, "--", fixture->file, NULL);
  g_autoptr (RunResult) result = run_args (args, NULL);

  run_assert_one_line_error (result, 126, fixture->file);
}

static void
test_exit_status_passes_through (void)
{
  g_autoptr (GPtrArray) args = system_args ("--", run_probe_path (), "exit", "42", NULL);
  g_autoptr (RunResult) result = run_args (args, NULL);

  g_assert_cmpint (run_result_exit_code (result), ==, 42);
}

static void
test_killed_by_signal (void)
{
  g_autoptr (GPtrArray) args = system_args ("--block-network", "--", run_probe_path (),
                                            "signal", "9", NULL);
  g_autoptr (RunResult) result = run_args (args, NULL);

  /* The caller sees the program's own death, supervised or not. */
  g_assert_true (WIFSIGNALED (result->wait_status));
  g_assert_cmpint (WTERMSIG (result->wait_status), ==, SIGKILL);
}

static void
test_path_search (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *decoy = g_build_filename (fixture->sub, "cordon-probe", NULL);
  g_autofree char *path = g_strdup_printf ("PATH=%s:%s", fixture->sub, run_probe_dir ());
  g_autoptr (GPtrArray) args = NULL;
  g_autoptr (RunResult) result = NULL;

  /* Like execvp(): a match that cannot be executed does not stop the search. */
  run_write_file (decoy, "not a program\n");
  args = system_args ("--ro", fixture->dir, "--setenv", path, "--", "cordon-probe", "exit", "7",
                      NULL);
  result = run_args (args, NULL);
  g_assert_cmpint (run_result_exit_code (result), ==, 7);
}

/* --- environment and working directory ---------------------------------- */

static void
test_clear_env_and_setenv (void)
{
  g_autoptr (GPtrArray) args = system_args ("--clear-env", "--setenv", "A=1", "--setenv",
                                            "B=x=y", "--setenv", "A=2", "--",
                                            run_probe_path (), "env", NULL);
  g_autoptr (RunResult) result = run_args (args, NULL);

  g_assert_cmpint (run_result_exit_code (result), ==, 0);
  g_assert_cmpstr (result->out, ==, "A=2\nB=x=y\n");
}

static void
test_setenv_keeps_the_rest (void)
{
  char *env[] = { "KEEP=me", "CHANGE=old", NULL };
  RunOptions options = { .envp = env };
  g_autoptr (GPtrArray) args = system_args ("--setenv", "CHANGE=new", "--", run_probe_path (),
                                            "env", NULL);
  g_autoptr (RunResult) result = run_args (args, &options);

  g_assert_cmpint (run_result_exit_code (result), ==, 0);
  g_assert_cmpstr (result->out, ==, "KEEP=me\nCHANGE=new\n");
}

static void
test_chdir (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *expected = g_strdup_printf ("%s\n", fixture->sub);
  /* The sandbox does not grant fixture->sub: the change happens before. */
  g_autoptr (GPtrArray) args = system_args ("--chdir", fixture->sub, "--", run_probe_path (),
                                            "cwd", NULL);
  g_autoptr (RunResult) result = run_args (args, NULL);
  g_autofree char *missing = g_build_filename (fixture->dir, "missing", NULL);
  g_autoptr (GPtrArray) bad_args = system_args ("--chdir", missing, "--", run_probe_path (),
                                                "cwd", NULL);
  g_autoptr (RunResult) bad = run_args (bad_args, NULL);

  g_assert_cmpint (run_result_exit_code (result), ==, 0);
  g_assert_cmpstr (result->out, ==, expected);
  run_assert_one_line_error (bad, 125, missing);
}

static void
chdir_setup (gpointer data)
{
  if (chdir (data) != 0)
    _exit (98);
}

static void
test_relative_rule (Fixture       *fixture,
                    gconstpointer  data)
{
  RunOptions options = { .setup = chdir_setup, .setup_data = fixture->dir };
  const char *args[] = { "--ro", "sub/../file", "--query", "file", NULL };
  g_autoptr (RunResult) result = run_cordon (args, &options);
  g_autofree char *expected = run_granted_json (fixture->file, "Read");

  g_assert_cmpint (run_result_exit_code (result), ==, 0);
  g_assert_cmpstr (result->out, ==, expected);
}

/* --- --print-profile, --check, --query, --support ----------------------- */

static void
test_print_profile_round_trip (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr (RunResult) first = run_cordon_va ("--ro", "/usr", "--rw", fixture->dir,
                                               "--ro", fixture->file, "--block-network",
                                               "--print-profile", NULL);
  g_autofree char *profile = NULL;
  g_autoptr (RunResult) second = NULL;
  g_autoptr (RunResult) native = NULL;
  g_autofree char *native_profile = NULL;
  g_autoptr (RunResult) from_native = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GError) error = NULL;
  JsonObject *object;
  JsonArray *fs;

  g_assert_cmpint (run_result_exit_code (first), ==, 0);
  root = json_from_string (first->out, &error);
  g_assert_no_error (error);
  object = json_node_get_object (root);
  g_assert_true (json_object_get_boolean_member (object, "net_blocked"));
  fs = json_object_get_array_member (object, "fs");
  g_assert_cmpuint (json_array_get_length (fs), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (fs, 1),
                                                  "access"), ==, "ReadWrite");
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (fs, 2),
                                                 "is_file"));

  profile = write_profile (fixture, "p.json", first->out);
  second = run_cordon_va ("-p", profile, "--print-profile", NULL);
  g_assert_cmpint (run_result_exit_code (second), ==, 0);
  g_assert_cmpstr (second->out, ==, first->out);

  native = run_cordon_va ("-p", profile, "--print-profile", "--format", "nono", NULL);
  g_assert_cmpint (run_result_exit_code (native), ==, 0);
  g_assert_nonnull (strstr (native->out, "\"resolved\""));
  g_assert_nonnull (strstr (native->out, "\"read+write\""));
  native_profile = write_profile (fixture, "native.json", native->out);
  from_native = run_cordon_va ("-p", native_profile, "--print-profile", NULL);
  g_assert_cmpint (run_result_exit_code (from_native), ==, 0);
  g_assert_cmpstr (from_native->out, ==, first->out);
}

/* JSON is UTF-8 whatever the locale: a C locale must not turn “é” into “?”. */
static void
test_print_profile_utf8 (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (fixture->dir, "caf\xc3\xa9", NULL);
  g_autofree char *expected = g_strdup_printf ("\"path\": \"%s\"", dir);
  char *env[] = { "LC_ALL=C", NULL };
  RunOptions options = { .envp = env };
  const char *args[] = { "--rw", dir, "--print-profile", NULL };
  g_autoptr (RunResult) result = NULL;

  g_assert_no_errno (g_mkdir (dir, 0755));
  result = run_cordon (args, &options);
  g_assert_cmpint (run_result_exit_code (result), ==, 0);
  g_assert_nonnull (strstr (result->out, expected));
}

static void
test_print_profile_merges (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr (RunResult) merged = run_cordon_va ("--ro", fixture->dir, "--wo", fixture->dir,
                                                "--print-profile", NULL);
  g_autoptr (RunResult) single = run_cordon_va ("--rw", fixture->dir, "--print-profile", NULL);

  g_assert_cmpint (run_result_exit_code (merged), ==, 0);
  g_assert_cmpstr (merged->out, ==, single->out);
}

static void
test_rules_on_top_of_profile (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *json = run_profile_json (fixture->dir, "Read", TRUE);
  g_autofree char *profile = write_profile (fixture, "p.json", json);
  g_autoptr (RunResult) write_query = run_cordon_va ("-p", profile, "--wo", fixture->sub,
                                                     "--query", fixture->sub, "--mode",
                                                     "readwrite", NULL);
  g_autoptr (RunResult) network = run_cordon_va ("-p", profile, "--allow-network",
                                                 "--query-network", NULL);

  /* Read from the profile's rule, Write from --wo: the kernel ORs them. */
  g_assert_cmpint (run_result_exit_code (write_query), ==, 0);
  g_assert_cmpint (run_result_exit_code (network), ==, 0);
  g_assert_cmpstr (network->out, ==, "{\"status\":\"allowed\",\"reason\":\"network_allowed\"}\n");
}

static void
test_check (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr (RunResult) result = run_cordon_va ("--ro", "/usr", "--rw", fixture->dir, "--wo",
                                                fixture->file, "--block-network", "--check",
                                                NULL);
  g_autoptr (CordonCapabilitySet) caps = cordon_capability_set_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *file_line = g_strdup_printf ("  %s [Write] (file)\n", fixture->file);

  g_assert_cmpint (run_result_exit_code (result), ==, 0);
  g_assert_nonnull (strstr (result->out, "Filesystem:\n  /usr [Read] (dir)\n"));
  g_assert_nonnull (strstr (result->out, file_line));
  g_assert_nonnull (strstr (result->out, "  outbound: blocked"));

  /* And it is the engine's summary, not a copy of it. */
  cordon_capability_set_allow_path (caps, "/usr", CORDON_ACCESS_READ, &error);
  g_assert_no_error (error);
  cordon_capability_set_allow_path (caps, fixture->dir, CORDON_ACCESS_READ_WRITE, &error);
  g_assert_no_error (error);
  cordon_capability_set_allow_file (caps, fixture->file, CORDON_ACCESS_WRITE, &error);
  g_assert_no_error (error);
  cordon_capability_set_block_network (caps);
  summary = cordon_capability_set_summary (caps);
  g_assert_true (g_str_has_prefix (result->out, summary));
}

static void
test_query (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *inside = g_build_filename (fixture->sub, "new-file", NULL);
  g_autofree char *allowed = run_granted_json (fixture->sub, "ReadWrite");
  g_autofree char *insufficient = g_strdup_printf ("{\"status\":\"denied\",\"reason\":"
                                                   "\"insufficient_access\",\"granted\":"
                                                   "\"Read\",\"requested\":\"Write\"}\n");
  g_autoptr (RunResult) r_allowed = run_cordon_va ("--ro", fixture->dir, "--rw", fixture->sub,
                                                   "--query", inside, "--mode", "write", NULL);
  g_autoptr (RunResult) r_insufficient = run_cordon_va ("--ro", fixture->dir, "--query",
                                                        fixture->file, "--mode", "write", NULL);
  g_autoptr (RunResult) r_not_granted = run_cordon_va ("--ro", fixture->sub, "--query",
                                                       fixture->file, NULL);
  g_autoptr (RunResult) r_blocked = run_cordon_va ("--block-network", "--query-network", NULL);
  g_autoptr (RunResult) r_default = run_cordon_va ("--query-network", NULL);

  g_assert_cmpint (run_result_exit_code (r_allowed), ==, 0);
  g_assert_cmpstr (r_allowed->out, ==, allowed);
  g_assert_cmpint (run_result_exit_code (r_insufficient), ==, 1);
  g_assert_cmpstr (r_insufficient->out, ==, insufficient);
  g_assert_cmpint (run_result_exit_code (r_not_granted), ==, 1);
  g_assert_cmpstr (r_not_granted->out, ==,
                   "{\"status\":\"denied\",\"reason\":\"path_not_granted\"}\n");
  g_assert_cmpint (run_result_exit_code (r_blocked), ==, 1);
  g_assert_cmpstr (r_blocked->out, ==, "{\"status\":\"denied\",\"reason\":\"network_blocked\"}\n");
  g_assert_cmpint (run_result_exit_code (r_default), ==, 0);
  g_assert_cmpstr (r_default->out, ==, "{\"status\":\"allowed\",\"reason\":\"network_allowed\"}\n");
}

static void
test_query_component_boundary (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *a = g_build_filename (fixture->dir, "a", NULL);
  g_autofree char *ab = g_build_filename (fixture->dir, "ab", NULL);
  g_autoptr (RunResult) result = NULL;

  g_assert_no_errno (g_mkdir (a, 0755));
  result = run_cordon_va ("--rw", a, "--query", ab, NULL);
  g_assert_cmpint (run_result_exit_code (result), ==, 1);
}

static void
test_support (void)
{
  g_autoptr (RunResult) text = run_cordon_va ("--support", NULL);
  g_autoptr (RunResult) json = run_cordon_va ("--support", "--json", NULL);
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *abi_line = g_strdup_printf ("Landlock ABI: %d\n", run_landlock_abi ());
  JsonObject *object;
  int expected_status = run_landlock_abi () > 0 ? 0 : 1;

  g_assert_cmpint (run_result_exit_code (text), ==, expected_status);
  g_assert_nonnull (strstr (text->out, abi_line));
  g_assert_nonnull (strstr (text->out, "Platform: linux\n"));

  g_assert_cmpint (run_result_exit_code (json), ==, expected_status);
  root = json_from_string (json->out, &error);
  g_assert_no_error (error);
  object = json_node_get_object (root);
  g_assert_cmpint (json_object_get_int_member (object, "landlock_abi"), ==, run_landlock_abi ());
  g_assert_cmpstr (json_object_get_string_member (object, "platform"), ==, "linux");
}

static void
test_ro_file_and_wo (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr (GPtrArray) read_args = system_args ("--wo", fixture->file, "--",
                                                 run_probe_path (), "read", fixture->file,
                                                 NULL);
  g_autoptr (GPtrArray) write_args = system_args ("--wo", fixture->file, "--",
                                                  run_probe_path (), "write", fixture->file,
                                                  NULL);
  g_autoptr (RunResult) read_result = run_args (read_args, NULL);
  g_autoptr (RunResult) write_result = run_args (write_args, NULL);

  g_assert_cmpint (run_result_exit_code (read_result), ==, 1);
  g_assert_cmpstr (read_result->out, ==, "error EACCES\n");
  g_assert_cmpint (run_result_exit_code (write_result), ==, 0);
  g_assert_cmpstr (write_result->out, ==, "ok\n");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD_F(path, func) \
  g_test_add ("/run/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/run/version", test_version);
  g_test_add_func ("/run/help", test_help);
  g_test_add_func ("/run/help-after-program", test_help_after_program);
  g_test_add_func ("/run/man-page/matches-help", test_man_page_matches_help);
  g_test_add_func ("/run/man-page/renders-cleanly", test_man_page_renders_cleanly);

  g_test_add_func ("/run/options/unknown", test_unknown_option);
  g_test_add_func ("/run/options/missing-argument", test_missing_argument);
  g_test_add_func ("/run/options/no-program", test_no_program);
  g_test_add_func ("/run/options/conflicting-network", test_conflicting_network);
  g_test_add_func ("/run/options/conflicting-actions", test_conflicting_actions);
  g_test_add_func ("/run/options/without-its-action", test_option_without_its_action);
  ADD_F ("options/unknown-mode", test_unknown_mode);
  g_test_add_func ("/run/options/unknown-format", test_unknown_format);
  g_test_add_func ("/run/options/bad-setenv", test_bad_setenv);

  ADD_F ("profile/two-sources", test_two_sources);
  g_test_add_func ("/run/profile/fd-closed", test_profile_fd_closed);
  g_test_add_func ("/run/profile/fd-standard-stream", test_profile_fd_standard_stream);
  ADD_F ("profile/fd", test_profile_fd);
  ADD_F ("profile/stdin", test_profile_stdin);
  ADD_F ("profile/env", test_profile_env);
  ADD_F ("profile/bad-json", test_bad_json);
  g_test_add_func ("/run/profile/bad-json-stdin", test_bad_json_stdin);
  ADD_F ("profile/missing-path", test_profile_missing_path);
  ADD_F ("profile/file-missing", test_profile_file_missing);
  ADD_F ("rules/missing-path", test_rule_missing_path);
  ADD_F ("rules/relative", test_relative_rule);
  ADD_F ("rules/on-top-of-profile", test_rules_on_top_of_profile);
  ADD_F ("rules/file-and-write-only", test_ro_file_and_wo);

  ADD_F ("exit/empty-profile-126", test_empty_profile_cannot_execute);
  g_test_add_func ("/run/exit/not-found-127", test_not_found);
  ADD_F ("exit/not-executable-126", test_not_executable);
  g_test_add_func ("/run/exit/program-status", test_exit_status_passes_through);
  g_test_add_func ("/run/exit/killed-by-signal", test_killed_by_signal);
  ADD_F ("exec/path-search", test_path_search);

  g_test_add_func ("/run/env/clear-and-set", test_clear_env_and_setenv);
  g_test_add_func ("/run/env/setenv-keeps-the-rest", test_setenv_keeps_the_rest);
  ADD_F ("env/chdir", test_chdir);

  ADD_F ("print-profile/round-trip", test_print_profile_round_trip);
  ADD_F ("print-profile/merges", test_print_profile_merges);
  ADD_F ("print-profile/utf8", test_print_profile_utf8);
  ADD_F ("check", test_check);
  ADD_F ("query/results", test_query);
  ADD_F ("query/component-boundary", test_query_component_boundary);
  g_test_add_func ("/run/support", test_support);

  return g_test_run ();
}
