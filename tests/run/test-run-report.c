/* test-run-report.c: --report, --report-fd and --status-fd
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The program is report-probe, linked statically and making raw system
 * calls: what the report names must come from the kernel's answers, not
 * from the C library. Each refused access is named once, with its count,
 * and nothing else is.
 */
#include "config.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "run-util.h"

typedef struct
{
  char *dir;      /* canonical scratch folder, granted nothing */
  char *socket;   /* dir/sock, listening */
  int   listener;
  char *report;   /* outside dir: the report file */
  char *report_dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *made = run_make_temp_dir ("cordon-report-XXXXXX");
  struct sockaddr_un addr = { .sun_family = AF_UNIX };
  g_autofree char *out = NULL;
  g_autofree char *listed = NULL;
  g_autofree char *read_me = NULL;
  g_autofree char *child_reads = NULL;
  g_autofree char *thread_reads = NULL;

  fixture->dir = realpath (made, NULL);
  out = g_build_filename (fixture->dir, "out", NULL);
  listed = g_build_filename (fixture->dir, "listed", NULL);
  g_assert_no_errno (g_mkdir (out, 0700));
  g_assert_no_errno (g_mkdir (listed, 0700));
  read_me = g_build_filename (fixture->dir, "read-me", NULL);
  child_reads = g_build_filename (fixture->dir, "child-reads", NULL);
  thread_reads = g_build_filename (fixture->dir, "thread-reads", NULL);
  run_write_file (read_me, "secret\n");
  run_write_file (child_reads, "secret\n");
  run_write_file (thread_reads, "secret\n");

  fixture->socket = g_build_filename (fixture->dir, "sock", NULL);
  g_assert_cmpuint (strlen (fixture->socket), <, sizeof addr.sun_path);
  strcpy (addr.sun_path, fixture->socket);
  fixture->listener = socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  g_assert_cmpint (fixture->listener, >=, 0);
  g_assert_no_errno (bind (fixture->listener, (struct sockaddr *) &addr, sizeof addr));
  g_assert_no_errno (listen (fixture->listener, 4));

  fixture->report_dir = run_make_temp_dir ("cordon-report-out-XXXXXX");
  fixture->report = g_build_filename (fixture->report_dir, "report.jsonl", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  close (fixture->listener);
  run_rm_rf (fixture->dir);
  run_rm_rf (fixture->report_dir);
  free (fixture->dir);
  g_free (fixture->socket);
  g_free (fixture->report);
  g_free (fixture->report_dir);
}

static const char *
report_probe_path (void)
{
  static char *path;

  if (path == NULL)
    path = g_build_filename (run_probe_dir (), "report-probe", NULL);
  return path;
}

/* Each line parsed; the test fails on anything that is not one object. */
static GPtrArray *
read_lines (const char *text)
{
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  GPtrArray *objects = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr (GError) error = NULL;
      JsonNode *node;

      if (*lines[i] == '\0')
        continue;
      node = json_from_string (lines[i], &error);
      g_assert_no_error (error);
      g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
      g_ptr_array_add (objects, node);
    }
  return objects;
}

/* The record as "kind path access operation ×count", for one comparison. */
static char *
describe (JsonObject *record)
{
  const char *kind = json_object_get_string_member (record, "kind");

  if (g_str_equal (kind, "network"))
    return g_strdup_printf ("network %s ×%" G_GINT64_FORMAT,
                            json_object_get_string_member (record, "family"),
                            json_object_get_int_member (record, "count"));
  if (g_str_equal (kind, "socket"))
    return g_strdup_printf ("socket %s ×%" G_GINT64_FORMAT,
                            json_object_get_string_member (record, "path"),
                            json_object_get_int_member (record, "count"));
  return g_strdup_printf ("fs %s %s %s ×%" G_GINT64_FORMAT,
                          json_object_get_string_member (record, "path"),
                          json_object_get_string_member (record, "access"),
                          json_object_get_string_member (record, "operation"),
                          json_object_get_int_member (record, "count"));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(char *const *) a, *(char *const *) b);
}

static char *
describe_all (GPtrArray *records)
{
  g_autoptr (GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < records->len; i++)
    g_ptr_array_add (texts, describe (json_node_get_object (g_ptr_array_index (records, i))));
  g_ptr_array_sort (texts, compare_strings);
  g_ptr_array_add (texts, NULL);
  return g_strjoinv ("\n", (char **) texts->pdata);
}

static char *
expected_records (Fixture *fixture)
{
  g_autoptr (GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (lines, g_strdup_printf ("fs %s/child-reads Read open ×1", fixture->dir));
  g_ptr_array_add (lines, g_strdup_printf ("fs %s/listed Read list ×1", fixture->dir));
  g_ptr_array_add (lines, g_strdup_printf ("fs %s/out/created Write create ×1", fixture->dir));
  g_ptr_array_add (lines, g_strdup_printf ("fs %s/read-me Read open ×2", fixture->dir));
  g_ptr_array_add (lines, g_strdup_printf ("fs %s/thread-reads Read open ×1", fixture->dir));
  g_ptr_array_add (lines, g_strdup ("network inet ×1"));
  g_ptr_array_add (lines, g_strdup_printf ("socket %s ×1", fixture->socket));
  g_ptr_array_sort (lines, compare_strings);
  g_ptr_array_add (lines, NULL);
  return g_strjoinv ("\n", (char **) lines->pdata);
}

static void
test_report_names_each_refusal (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  g_autoptr (RunResult) result = NULL;
  g_autoptr (GPtrArray) records = NULL;
  g_autofree char *text = NULL;
  g_autofree char *got = NULL;
  g_autofree char *want = NULL;

  g_ptr_array_add (args, (char *) "--ro");
  g_ptr_array_add (args, (char *) report_probe_path ());
  g_ptr_array_add (args, (char *) "--block-network");
  g_ptr_array_add (args, (char *) "--report");
  g_ptr_array_add (args, fixture->report);
  g_ptr_array_add (args, (char *) "--");
  g_ptr_array_add (args, (char *) report_probe_path ());
  g_ptr_array_add (args, fixture->dir);
  g_ptr_array_add (args, fixture->socket);
  g_ptr_array_add (args, NULL);

  result = run_cordon ((const char *const *) args->pdata, NULL);
  g_assert_cmpstr (result->err, ==, "");
  g_assert_cmpint (run_result_exit_code (result), ==, 0);

  g_assert_true (g_file_get_contents (fixture->report, &text, NULL, NULL));
  records = read_lines (text);
  got = describe_all (records);
  want = expected_records (fixture);
  g_assert_cmpstr (got, ==, want);
}

/* --status-fd on descriptor 3: the run's events, first and last fixed. */
static GPtrArray *
run_with_status (const char *const *args,
                 RunResult        **out_result)
{
  g_autoptr (GPtrArray) full = g_ptr_array_new ();
  g_autofree char *text = NULL;
  RunDupFd dup = { -1, 3 };
  RunOptions options = { .setup = run_dup_fd_setup, .setup_data = &dup };
  int fds[2];
  gsize length;
  GIOChannel *channel;

  g_assert_no_errno (pipe2 (fds, O_CLOEXEC));
  dup.from = fds[1];
  g_ptr_array_add (full, (char *) "--status-fd");
  g_ptr_array_add (full, (char *) "3");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (full, (char *) args[i]);
  g_ptr_array_add (full, NULL);
  *out_result = run_cordon ((const char *const *) full->pdata, &options);
  close (fds[1]);
  channel = g_io_channel_unix_new (fds[0]);
  g_io_channel_set_close_on_unref (channel, TRUE);
  g_assert_cmpint (g_io_channel_read_to_end (channel, &text, &length, NULL), ==,
                   G_IO_STATUS_NORMAL);
  g_io_channel_unref (channel);
  return read_lines (text);
}

static void
test_status_fd (Fixture       *fixture,
                gconstpointer  data)
{
  const char *args[] = {
    "--ro", report_probe_path (), "--block-network", "--", report_probe_path (),
    fixture->dir, fixture->socket, NULL,
  };
  g_autoptr (RunResult) result = NULL;
  g_autoptr (GPtrArray) lines = run_with_status (args, &result);
  g_autoptr (GPtrArray) blocked = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  JsonObject *first, *last;
  g_autofree char *got = NULL;
  g_autofree char *want = NULL;

  g_assert_cmpint (run_result_exit_code (result), ==, 0);
  g_assert_cmpuint (lines->len, >=, 2);
  first = json_node_get_object (g_ptr_array_index (lines, 0));
  last = json_node_get_object (g_ptr_array_index (lines, lines->len - 1));
  g_assert_cmpint (json_object_get_int_member (first, "child-pid"), >, 1);
  g_assert_true (json_object_has_member (last, "exit-code"));
  g_assert_cmpint (json_object_get_int_member (last, "exit-code"), ==, 0);

  /* Live: each access once, when first refused (so read-me counts 1). */
  for (guint i = 1; i + 1 < lines->len; i++)
    {
      JsonObject *line = json_node_get_object (g_ptr_array_index (lines, i));

      g_assert_true (json_object_has_member (line, "blocked"));
      g_ptr_array_add (blocked, json_node_copy (json_object_get_member (line, "blocked")));
    }
  got = describe_all (blocked);
  want = expected_records (fixture);
  {
    g_autofree char *read_twice = g_strdup_printf ("read-me Read open ×2");
    char *at = strstr (want, read_twice);

    g_assert_nonnull (at);
    at[strlen (read_twice) - 1] = '1';
  }
  g_assert_cmpstr (got, ==, want);
}

static void
test_status_fd_error (Fixture       *fixture,
                      gconstpointer  data)
{
  const char *args[] = { "--ro", "/usr", "--", "/nonexistent/program", NULL };
  g_autoptr (RunResult) result = NULL;
  g_autoptr (GPtrArray) lines = run_with_status (args, &result);
  JsonObject *error_line, *last;

  g_assert_cmpint (run_result_exit_code (result), ==, 127);
  g_assert_cmpuint (lines->len, ==, 3);
  error_line = json_node_get_object (g_ptr_array_index (lines, 1));
  last = json_node_get_object (g_ptr_array_index (lines, 2));
  g_assert_nonnull (strstr (json_object_get_string_member (error_line, "error"),
                            "/nonexistent/program"));
  g_assert_cmpint (json_object_get_int_member (last, "exit-code"), ==, 127);
}

/* cordon-run's own failure before anything runs: an error line only. */
static void
test_status_fd_bad_profile (Fixture       *fixture,
                            gconstpointer  data)
{
  const char *args[] = { "--ro", "/nonexistent/dir", "--", "/bin/true", NULL };
  g_autoptr (RunResult) result = NULL;
  g_autoptr (GPtrArray) lines = run_with_status (args, &result);
  JsonObject *line;

  g_assert_cmpint (run_result_exit_code (result), ==, 125);
  g_assert_cmpuint (lines->len, ==, 1);
  line = json_node_get_object (g_ptr_array_index (lines, 0));
  g_assert_nonnull (strstr (json_object_get_string_member (line, "error"), "/nonexistent/dir"));
}

/* --status-fd loads a profile's rules unchecked, by their recorded paths
 * (issue 15). A rule recorded at dir/moved, now a link to dir/real, is
 * applied at dir/real, as loading resolves it. Its "blocked" lines must be
 * judged the same way: a file under dir/real that file permissions refuse
 * is not the sandbox's refusal; a file no rule grants (dir/other) is, and
 * the file the rule grants is read (the allowed twin). */
static void
test_status_fd_moved_rule (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *real = g_build_filename (fixture->dir, "real", NULL);
  g_autofree char *moved = g_build_filename (fixture->dir, "moved", NULL);
  g_autofree char *read_me = g_build_filename (real, "read-me", NULL);
  g_autofree char *locked = g_build_filename (real, "locked", NULL);
  g_autofree char *other = g_build_filename (fixture->dir, "other", NULL);
  g_autofree char *profile = g_build_filename (fixture->report_dir, "profile.json", NULL);
  g_autofree char *json = g_strdup_printf ("{\"fs\":[{\"path\":\"%s\",\"access\":\"Read\","
                                           "\"is_file\":false}],\"net_blocked\":true}",
                                           moved);
  g_autofree char *script = g_strdup_printf ("cat %s; cat %s; cat %s; exit 0", read_me, locked,
                                             other);
  g_autoptr (GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) blocked = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  g_autoptr (GPtrArray) lines = NULL;
  g_autoptr (RunResult) result = NULL;
  g_autofree char *got = NULL;
  g_autofree char *want = NULL;

  g_assert_no_errno (g_mkdir (real, 0700));
  run_write_file (read_me, "granted\n");
  run_write_file (locked, "x");
  g_assert_no_errno (chmod (locked, 0));
  run_write_file (other, "x");
  g_assert_no_errno (symlink ("real", moved));
  run_write_file (profile, json);

  g_ptr_array_add (args, g_strdup ("-p"));
  g_ptr_array_add (args, g_strdup (profile));
  run_add_system_rules (args);
  g_ptr_array_add (args, g_strdup ("--"));
  g_ptr_array_add (args, g_strdup ("/bin/sh"));
  g_ptr_array_add (args, g_strdup ("-c"));
  g_ptr_array_add (args, g_strdup (script));
  g_ptr_array_add (args, NULL);
  lines = run_with_status ((const char *const *) args->pdata, &result);

  g_assert_cmpint (run_result_exit_code (result), ==, 0);
  g_assert_cmpstr (result->out, ==, "granted\n");
  for (guint i = 0; i < lines->len; i++)
    {
      JsonObject *line = json_node_get_object (g_ptr_array_index (lines, i));

      if (json_object_has_member (line, "blocked"))
        g_ptr_array_add (blocked, json_node_copy (json_object_get_member (line, "blocked")));
    }
  got = describe_all (blocked);
  want = g_strdup_printf ("fs %s Read open ×1", other);
  g_assert_cmpstr (got, ==, want);
}

/* Runs exactly as without it: the exit status and a death by signal pass
 * through; what the profile allows is not reported, nor is a refusal by
 * file permissions, which no rule would change. */
static void
test_report_only_the_sandbox (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *locked = g_build_filename (fixture->dir, "locked", NULL);
  g_autofree char *script = g_strdup_printf ("cat %s/read-me; cat %s; exit 3", fixture->dir,
                                             locked);
  g_autoptr (GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (RunResult) result = NULL;
  g_autoptr (RunResult) killed = NULL;
  g_autofree char *text = NULL;

  run_write_file (locked, "x");
  g_assert_no_errno (chmod (locked, 0));
  run_add_system_rules (args);
  g_ptr_array_add (args, g_strdup ("--ro"));
  g_ptr_array_add (args, g_strdup (fixture->dir));
  g_ptr_array_add (args, g_strdup ("--report"));
  g_ptr_array_add (args, g_strdup (fixture->report));
  g_ptr_array_add (args, g_strdup ("--"));
  g_ptr_array_add (args, g_strdup ("/bin/sh"));
  g_ptr_array_add (args, g_strdup ("-c"));
  g_ptr_array_add (args, g_steal_pointer (&script));
  g_ptr_array_add (args, NULL);
  result = run_cordon ((const char *const *) args->pdata, NULL);
  g_assert_cmpint (run_result_exit_code (result), ==, 3);
  g_assert_true (g_file_get_contents (fixture->report, &text, NULL, NULL));
  g_assert_cmpstr (text, ==, "");

  g_free (args->pdata[args->len - 2]);
  args->pdata[args->len - 2] = g_strdup ("kill -TERM $$");
  killed = run_cordon ((const char *const *) args->pdata, NULL);
  g_assert_true (WIFSIGNALED (killed->wait_status));
  g_assert_cmpint (WTERMSIG (killed->wait_status), ==, SIGTERM);
}

static void
test_report_fd (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "read-me", NULL);
  RunDupFd dup = { -1, 5 };
  RunOptions options = { .setup = run_dup_fd_setup, .setup_data = &dup };
  const char *args[] = {
    "--ro", "/usr", "--ro", "/lib", "--ro", "/etc", "--report-fd", "5", "--",
    "/bin/cat", path, NULL,
  };
  g_autoptr (RunResult) result = NULL;
  g_autofree char *text = NULL;
  g_autofree char *want = NULL;
  int fd;

  fd = open (fixture->report, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  g_assert_cmpint (fd, >=, 0);
  dup.from = fd;
  result = run_cordon (args, &options);
  close (fd);
  g_assert_cmpint (run_result_exit_code (result), ==, 1);
  g_assert_true (g_file_get_contents (fixture->report, &text, NULL, NULL));
  want = g_strdup_printf ("{\"kind\":\"fs\",\"path\":\"%s\",\"access\":\"Read\","
                          "\"operation\":\"open\",\"count\":1}\n", path);
  g_assert_cmpstr (text, ==, want);
}

/* Run 1 (sandboxed, allowed to write the report's folder) plants a link
 * where the next run's report goes, to a file no rule grants. Run 2 opens
 * the report before its sandbox: it must not truncate and fill the file
 * the link leads to. A FIFO planted there must not hang it either. */
static void
test_report_planted (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *victim = g_build_filename (fixture->dir, "victim", NULL);
  g_autofree char *plant_link = g_strdup_printf ("ln -s '%s' '%s'", victim, fixture->report);
  g_autofree char *plant_fifo = g_strdup_printf ("mkfifo '%s'", fixture->report);
  g_autofree char *contents = NULL;
  const char *plants[] = { plant_link, plant_fifo };

  run_write_file (victim, "the user's\n");
  for (guint i = 0; i < G_N_ELEMENTS (plants); i++)
    {
      const char *plant[] = {
        "--preset", "run-programs", "--rw", fixture->report_dir, "--", "/bin/sh", "-c",
        plants[i], NULL,
      };
      const char *report[] = {
        "--preset", "run-programs", "--report", fixture->report, "--", "/bin/true", NULL,
      };
      g_autoptr (RunResult) planted = run_cordon (plant, NULL);
      g_autoptr (RunResult) refused = NULL;
      g_autoptr (RunResult) allowed = NULL;

      g_assert_cmpint (run_result_exit_code (planted), ==, 0);
      refused = run_cordon (report, NULL);
      g_test_message ("%s", refused->err);
      g_assert_cmpint (run_result_exit_code (refused), ==, 125);
      g_assert_nonnull (strstr (refused->err, fixture->report));
      g_assert_true (g_file_get_contents (victim, &contents, NULL, NULL));
      g_assert_cmpstr (contents, ==, "the user's\n");
      g_clear_pointer (&contents, g_free);

      /* The twin: once the plant is gone, the report is written. */
      g_assert_no_errno (unlink (fixture->report));
      allowed = run_cordon (report, NULL);
      g_assert_cmpint (run_result_exit_code (allowed), ==, 0);
      g_assert_true (g_file_test (fixture->report, G_FILE_TEST_IS_REGULAR));
      g_assert_no_errno (unlink (fixture->report));
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/run/report/names-each-refusal", Fixture, NULL, fixture_set_up,
              test_report_names_each_refusal, fixture_tear_down);
  g_test_add ("/run/report/only-the-sandbox", Fixture, NULL, fixture_set_up,
              test_report_only_the_sandbox, fixture_tear_down);
  g_test_add ("/run/report/report-fd", Fixture, NULL, fixture_set_up, test_report_fd,
              fixture_tear_down);
  g_test_add ("/run/report/planted", Fixture, NULL, fixture_set_up, test_report_planted,
              fixture_tear_down);
  g_test_add ("/run/status-fd/events", Fixture, NULL, fixture_set_up, test_status_fd,
              fixture_tear_down);
  g_test_add ("/run/status-fd/exec-error", Fixture, NULL, fixture_set_up,
              test_status_fd_error, fixture_tear_down);
  g_test_add ("/run/status-fd/bad-profile", Fixture, NULL, fixture_set_up,
              test_status_fd_bad_profile, fixture_tear_down);
  g_test_add ("/run/status-fd/moved-rule", Fixture, NULL, fixture_set_up,
              test_status_fd_moved_rule, fixture_tear_down);
  return g_test_run ();
}
