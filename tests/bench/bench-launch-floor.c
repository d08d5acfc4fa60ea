/* bench-launch-floor.c: the kernel's own cost of a Cordon launch (issue 15)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-launch-floor [--fork] PLAN PROGRAM [ARG…]
 *
 * A static, libc-only program (no GLib, no dynamic loader: see
 * tests/bench/meson.build) that makes the Landlock calls cordon-run makes
 * for a profile, then execs PROGRAM. bench-launch writes PLAN from the same
 * capability set it gives cordon-run, with the engine's own functions, so
 * the rules, their rights and the ruleset's handled rights are cordon-run's
 * (and rules an ancestor covers are left out, as cordon-run leaves them
 * out). Per rule it does what cordon-run's engine does: openat2(O_PATH,
 * RESOLVE_NO_SYMLINKS), fstat() for a file rule, landlock_add_rule(), and
 * descriptors closed 64 at a time with close_range(). Then no_new_privs,
 * landlock_restrict_self(), exec.
 *
 * It does not parse JSON, re-resolve paths, drop capabilities or load a
 * seccomp filter: what is left is the least any launcher enforcing the same
 * Landlock ruleset can cost, the floor every launch figure is a ratio to.
 *
 * --fork: fork first; the child does the above, the parent waits for it and
 * exits with its status. The floor of a launcher that stays behind as a
 * supervisor (cordon-run below Landlock ABI 9).
 *
 * PLAN (text, written by bench-launch):
 *   cordon-launch-floor 1
 *   ATTR_SIZE HANDLED_FS HANDLED_NET SCOPED      (decimal size, hex rights)
 *   RIGHTS d|f PATH                              (one line per rule, hex)
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <errno.h>
#include <inttypes.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

/* The kernel's UAPI (include/uapi/linux/landlock.h); Debian 12's headers
 * are older than the kernels this runs on. */
#define NR_LANDLOCK_CREATE_RULESET 444
#define NR_LANDLOCK_ADD_RULE       445
#define NR_LANDLOCK_RESTRICT_SELF  446
#define LANDLOCK_RULE_PATH_BENEATH 1

struct ruleset_attr
{
  uint64_t handled_access_fs;
  uint64_t handled_access_net;
  uint64_t scoped;
};

struct path_beneath_attr
{
  uint64_t allowed_access;
  int32_t  parent_fd;
} __attribute__ ((packed));

#define FD_BATCH 64

static void
die (const char *what)
{
  perror (what);
  exit (125);
}

static char *
read_plan (const char *path)
{
  struct stat st;
  char *text;
  size_t done = 0;
  int fd = open (path, O_RDONLY | O_CLOEXEC);

  if (fd < 0 || fstat (fd, &st) < 0)
    die (path);
  text = malloc ((size_t) st.st_size + 1);
  if (text == NULL)
    die ("malloc");
  while (done < (size_t) st.st_size)
    {
      ssize_t n = read (fd, text + done, (size_t) st.st_size - done);

      if (n <= 0)
        die (path);
      done += (size_t) n;
    }
  text[done] = '\0';
  close (fd);
  return text;
}

static void
close_batch (int *fds,
             int  n)
{
  /* Each open takes the lowest free number, so a batch is one range. */
  if (n > 0 && syscall (SYS_close_range, (unsigned) fds[0], (unsigned) fds[n - 1], 0U) != 0)
    for (int i = 0; i < n; i++)
      close (fds[i]);
}

static void
apply_plan (char *plan)
{
  struct ruleset_attr attr = { 0 };
  unsigned long attr_size;
  int fds[FD_BATCH];
  int n_fds = 0;
  int ruleset_fd;
  char *line;
  char *next;

  line = strchr (plan, '\n');
  if (strncmp (plan, "cordon-launch-floor 1\n", 22) != 0 || line == NULL)
    {
      fputs ("bench-launch-floor: not a plan\n", stderr);
      exit (125);
    }
  line++;
  if (sscanf (line, "%lu %" SCNx64 " %" SCNx64 " %" SCNx64, &attr_size, &attr.handled_access_fs,
              &attr.handled_access_net, &attr.scoped) != 4 ||
      attr_size > sizeof attr)
    {
      fputs ("bench-launch-floor: bad ruleset line\n", stderr);
      exit (125);
    }
  ruleset_fd = (int) syscall (NR_LANDLOCK_CREATE_RULESET, &attr, (size_t) attr_size, 0U);
  if (ruleset_fd < 0)
    die ("landlock_create_ruleset");

  for (line = strchr (line, '\n'); line != NULL && line[1] != '\0'; line = next)
    {
      struct path_beneath_attr rule = { 0 };
      struct open_how how = { 0 };
      char *end;
      char kind;
      char *path;

      line++;
      next = strchr (line, '\n');
      if (next != NULL)
        *next = '\0';
      rule.allowed_access = strtoull (line, &end, 16);
      if (end[0] != ' ' || (end[1] != 'd' && end[1] != 'f') || end[2] != ' ')
        {
          fputs ("bench-launch-floor: bad rule line\n", stderr);
          exit (125);
        }
      kind = end[1];
      path = end + 3;

      how.flags = O_PATH | O_CLOEXEC | (kind == 'd' ? O_DIRECTORY : 0);
      how.resolve = RESOLVE_NO_SYMLINKS;
      rule.parent_fd = (int32_t) syscall (SYS_openat2, AT_FDCWD, path, &how, sizeof how);
      if (rule.parent_fd < 0)
        die (path);
      if (kind == 'f')
        {
          struct stat st;

          if (fstat (rule.parent_fd, &st) < 0 || S_ISDIR (st.st_mode))
            die (path);
        }
      if (syscall (NR_LANDLOCK_ADD_RULE, ruleset_fd, LANDLOCK_RULE_PATH_BENEATH, &rule, 0U) < 0)
        die ("landlock_add_rule");

      if (n_fds == FD_BATCH)
        {
          close_batch (fds, n_fds);
          n_fds = 0;
        }
      fds[n_fds++] = rule.parent_fd;
    }
  close_batch (fds, n_fds);

  if (prctl (PR_SET_NO_NEW_PRIVS, 1UL, 0UL, 0UL, 0UL) < 0)
    die ("no_new_privs");
  if (syscall (NR_LANDLOCK_RESTRICT_SELF, ruleset_fd, 0U) < 0)
    die ("landlock_restrict_self");
  close (ruleset_fd);
}

int
main (int    argc,
      char **argv)
{
  int first = 1;
  int do_fork = 0;
  pid_t pid;
  int status;

  if (argc > 1 && strcmp (argv[1], "--fork") == 0)
    {
      do_fork = 1;
      first++;
    }
  if (argc < first + 2)
    {
      fputs ("usage: bench-launch-floor [--fork] PLAN PROGRAM [ARG…]\n", stderr);
      return 125;
    }

  if (do_fork)
    {
      pid = fork ();
      if (pid < 0)
        die ("fork");
      if (pid > 0)
        {
          while (waitpid (pid, &status, 0) < 0)
            if (errno != EINTR)
              die ("waitpid");
          return WIFEXITED (status) ? WEXITSTATUS (status) : 128 + WTERMSIG (status);
        }
    }

  apply_plan (read_plan (argv[first]));
  execv (argv[first + 1], argv + first + 1);
  perror (argv[first + 1]);
  return 127;
}
