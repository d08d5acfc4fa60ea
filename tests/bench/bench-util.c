/* bench-util.c: timing, statistics and scratch trees for the benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "bench-util.h"

gint64
bench_now_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (gint64) ts.tv_sec * G_GINT64_CONSTANT (1000000000) + ts.tv_nsec;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

double
bench_median (double *values,
              guint   n)
{
  g_return_val_if_fail (n > 0, 0.0);

  qsort (values, n, sizeof (double), compare_doubles);
  if (n % 2 == 1)
    return values[n / 2];
  return (values[n / 2 - 1] + values[n / 2]) / 2.0;
}

double
bench_min (const double *values,
           guint         n)
{
  double min = values[0];

  for (guint i = 1; i < n; i++)
    min = MIN (min, values[i]);
  return min;
}

char *
bench_make_tmpdir (const char *tag)
{
  g_autofree char *template = g_strdup_printf ("cordon-bench-%s-XXXXXX", tag);
  g_autoptr (GError) error = NULL;
  char *dir = g_dir_make_tmp (template, &error);

  if (dir == NULL)
    g_error ("cannot make a scratch directory: %s", error->message);
  return dir;
}

static int
remove_one (const char        *path,
            const struct stat *st,
            int                flag,
            struct FTW        *ftw)
{
  if (remove (path) != 0 && errno != ENOENT)
    g_printerr ("cannot remove %s: %s\n", path, g_strerror (errno));
  return 0;
}

void
bench_rm_rf (const char *path)
{
  nftw (path, remove_one, 64, FTW_DEPTH | FTW_PHYS);
}

char *
bench_mkdir (const char *parent,
             const char *name)
{
  char *path = g_build_filename (parent, name, NULL);

  if (g_mkdir_with_parents (path, 0755) != 0)
    g_error ("cannot make %s: %s", path, g_strerror (errno));
  return path;
}

void
bench_write_file (const char *path,
                  const char *contents,
                  gsize       length)
{
  g_autoptr (GError) error = NULL;

  if (!g_file_set_contents (path, contents, length, &error))
    g_error ("cannot write %s: %s", path, error->message);
}

GPtrArray *
bench_make_rule_dirs (const char *root,
                      guint       n)
{
  GPtrArray *dirs = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("rules/g%03u/r%05u", i / 100, i);

      g_ptr_array_add (dirs, bench_mkdir (root, name));
    }
  return dirs;
}

CordonCapabilitySet *
bench_make_profile_caps (const char *root,
                         guint       n_rules)
{
  g_autoptr (CordonCapabilitySet) caps = cordon_capability_set_new ();
  g_autoptr (GPtrArray) dirs = bench_make_rule_dirs (root, n_rules);
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < n_rules; i++)
    {
      const char *dir = g_ptr_array_index (dirs, i);
      gboolean ok;

      if (i % 10 == 0)
        {
          g_autofree char *file = g_build_filename (dir, "file", NULL);

          bench_write_file (file, "x", 1);
          ok = cordon_capability_set_allow_file (caps, file, CORDON_ACCESS_READ, &error);
        }
      else
        ok = cordon_capability_set_allow_path (caps, dir, CORDON_ACCESS_READ_WRITE, &error);
      if (!ok)
        g_error ("%s", error->message);
    }
  cordon_capability_set_block_network (caps);
  return g_steal_pointer (&caps);
}

char *
bench_save_profile (CordonCapabilitySet *caps,
                    const char          *dir,
                    const char          *name)
{
  g_autoptr (CordonSandboxState) state = cordon_sandbox_state_from_caps (caps);
  g_autoptr (GError) error = NULL;
  char *file = g_build_filename (dir, name, NULL);

  if (!cordon_sandbox_state_save_file (state, file, CORDON_STATE_FORMAT_CORDON, &error))
    g_error ("%s", error->message);
  return file;
}

extern char **environ;

int
bench_spawn_piped (char            **argv,
                   BenchChildSetup   setup,
                   gpointer          data,
                   pid_t            *out_pid)
{
  int fds[2];
  int err = 0;

  if (pipe2 (fds, O_CLOEXEC) != 0)
    g_error ("pipe: %s", g_strerror (errno));

  if (setup == NULL)
    {
      posix_spawn_file_actions_t actions;

      posix_spawn_file_actions_init (&actions);
      posix_spawn_file_actions_adddup2 (&actions, fds[1], STDOUT_FILENO);
      err = posix_spawn (out_pid, argv[0], &actions, NULL, argv, environ);
      posix_spawn_file_actions_destroy (&actions);
    }
  else
    {
      *out_pid = fork ();
      if (*out_pid < 0)
        err = errno;
      else if (*out_pid == 0)
        {
          if (dup2 (fds[1], STDOUT_FILENO) < 0)
            _exit (125);
          setup (data);
          execv (argv[0], argv);
          _exit (127);
        }
    }

  close (fds[1]);
  if (err != 0)
    g_error ("cannot start %s: %s", argv[0], g_strerror (err));
  return fds[0];
}

int
bench_collect (int    fd,
               pid_t  pid,
               char  *buffer,
               gsize  size)
{
  gsize used = 0;
  char scratch[256];
  ssize_t n;
  int status;

  /* Read to the end even past @size, so the child never blocks on a full
   * pipe. */
  while ((n = read (fd, used < size - 1 ? buffer + used : scratch,
                    used < size - 1 ? size - 1 - used : sizeof scratch)) != 0)
    {
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        break;
      if (used < size - 1)
        used += n;
    }
  close (fd);
  buffer[used] = '\0';

  while (waitpid (pid, &status, 0) < 0)
    if (errno != EINTR)
      g_error ("waitpid: %s", g_strerror (errno));
  return status;
}

const char *
bench_cordon_run (int    argc,
                  char **argv)
{
  const char *cordon_run = argc > 1 ? argv[1] : g_getenv ("CORDON_RUN");

  if (cordon_run == NULL || !g_file_test (cordon_run, G_FILE_TEST_IS_EXECUTABLE))
    {
      printf ("# cordon-run not found: pass its path or set CORDON_RUN\n");
      return NULL;
    }
  return cordon_run;
}

char *
bench_helper_path (int         argc,
                   char      **argv,
                   int         index,
                   const char *name)
{
  g_autofree char *self_dir = g_path_get_dirname (argv[0]);
  g_autofree char *path = argc > index ? g_strdup (argv[index])
                                       : g_build_filename (self_dir, name, NULL);
  g_autofree char *cwd = NULL;

  if (g_path_is_absolute (path))
    return g_steal_pointer (&path);
  cwd = g_get_current_dir ();
  return g_build_filename (cwd, path, NULL);
}

guint
bench_runs (guint fallback)
{
  const char *value = g_getenv ("CORDON_BENCH_RUNS");
  guint64 runs;

  if (value != NULL && g_ascii_string_to_unsigned (value, 10, 1, 1000000, &runs, NULL))
    return (guint) runs;
  return fallback;
}

void
bench_target (BenchReport *report,
              gboolean     met,
              const char  *format,
              ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  if (met)
    report->n_met++;
  else
    report->n_missed++;
  printf ("target %-6s %s\n", met ? "met" : "MISSED", what);
}

int
bench_finish (BenchReport *report)
{
  printf ("targets: %u met, %u missed\n", report->n_met, report->n_missed);
  fflush (stdout);
  if (report->n_missed > 0 && g_strcmp0 (g_getenv ("CORDON_BENCH_STRICT"), "1") == 0)
    return 1;
  return 0;
}

guint64
bench_peak_rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, "\nVmHWM:");
  if (line == NULL)
    return 0;
  return g_ascii_strtoull (line + strlen ("\nVmHWM:"), NULL, 10);
}
