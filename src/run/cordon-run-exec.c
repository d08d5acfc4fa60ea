/* cordon-run-exec.c: descriptors and exec for cordon-run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "cordon-run-exec.h"
#include "cordon-run-refusal.h"

/* What execvp() uses when PATH is unset, minus the current directory. */
#define DEFAULT_PATH "/usr/local/bin:/usr/bin:/bin"

gboolean
cordon_run_ensure_std_fds (GError **error)
{
  for (int fd = 0; fd <= 2; fd++)
    {
      int null_fd;

      if (fcntl (fd, F_GETFD) >= 0 || errno != EBADF)
        continue;
      /* The lowest free number is @fd itself, since it is closed. */
      null_fd = open ("/dev/null", O_RDWR);
      if (null_fd < 0)
        {
          int saved_errno = errno;

          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                       "/dev/null: %s", g_strerror (saved_errno));
          return FALSE;
        }
      if (null_fd != fd)
        {
          /* Only possible if a lower descriptor was closed too, which the
           * loop handled already; keep the invariant anyway. */
          if (dup2 (null_fd, fd) < 0)
            {
              int saved_errno = errno;

              close (null_fd);
              g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                           "descriptor %d: %s", fd, g_strerror (saved_errno));
              return FALSE;
            }
          close (null_fd);
        }
    }
  return TRUE;
}

static gboolean
is_kept (int         fd,
         const int  *keep,
         gsize       n_keep)
{
  for (gsize i = 0; i < n_keep; i++)
    if (keep[i] == fd)
      return TRUE;
  return FALSE;
}

static int
compare_fds (gconstpointer a,
             gconstpointer b)
{
  return *(const int *) a - *(const int *) b;
}

/* close_range() on every gap between the kept descriptors. FALSE (nothing
 * or only part closed) when the kernel or a seccomp policy refuses it. */
static gboolean
close_with_close_range (const int *keep,
                        gsize      n_keep)
{
  g_autofree int *sorted = g_memdup2 (keep, n_keep * sizeof (int));
  unsigned int first = 3;

  if (n_keep > 0)
    qsort (sorted, n_keep, sizeof (int), compare_fds);
  for (gsize i = 0; i < n_keep; i++)
    {
      if (sorted[i] < (int) first)
        continue;
      if ((unsigned int) sorted[i] > first &&
          syscall (SYS_close_range, first, (unsigned int) sorted[i] - 1, 0U) != 0)
        return FALSE;
      first = (unsigned int) sorted[i] + 1;
    }
  return syscall (SYS_close_range, first, ~0U, 0U) == 0;
}

/* Every open descriptor, as /proc lists them. FALSE when /proc cannot be
 * read: not mounted, or hidden by a sandbox already applied. */
static gboolean
close_listed_in_proc (const int *keep,
                      gsize      n_keep)
{
  g_autoptr (GArray) fds = NULL;
  struct dirent *entry;
  DIR *dir;

  dir = opendir ("/proc/self/fd");
  if (dir == NULL)
    return FALSE;

  /* Collect first: closing while reading the directory would skip entries. */
  fds = g_array_new (FALSE, FALSE, sizeof (int));
  while ((entry = readdir (dir)) != NULL)
    {
      gint64 fd;

      if (g_ascii_string_to_signed (entry->d_name, 10, 3, G_MAXINT, &fd, NULL) &&
          fd != dirfd (dir) && !is_kept ((int) fd, keep, n_keep))
        {
          int value = (int) fd;

          g_array_append_val (fds, value);
        }
    }
  closedir (dir);

  for (guint i = 0; i < fds->len; i++)
    close (g_array_index (fds, int, i));
  return TRUE;
}

gboolean
cordon_run_close_fds_except (const int  *keep,
                             gsize       n_keep,
                             GError    **error)
{
  if (close_with_close_range (keep, n_keep))
    return TRUE;

  /* close_range() is older than Landlock, so this only happens when a
   * container's seccomp policy hides it. /proc lists what is open; it
   * must be read before the sandbox is applied, which hides it. */
  if (close_listed_in_proc (keep, n_keep))
    return TRUE;

  /* Neither: the limits cannot stand in for a list, since a parent may
   * lower RLIMIT_NOFILE, soft and hard, after opening a high descriptor,
   * which stays open. Without /proc cordon_apply () refuses anyway (it
   * counts threads there), so refusing here costs nothing real. */
  g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                       "cannot close inherited descriptors: close_range () is not available "
                       "and /proc/self/fd cannot be read");
  return FALSE;
}

gboolean
cordon_run_close_fds (GError **error)
{
  return cordon_run_close_fds_except (NULL, 0, error);
}

static int
exit_status_for_errno (int errsv)
{
  return errsv == ENOENT ? CORDON_RUN_EXIT_NOT_FOUND : CORDON_RUN_EXIT_CANNOT_EXECUTE;
}

/* @path is the file execve() was given, when there is one to look at. */
static int
report_exec_error (const char  *program,
                   const char  *path,
                   int          errsv,
                   GError     **error)
{
  int status = exit_status_for_errno (errsv);

  if (errsv == ENOENT)
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT, "%s: not found", program);
  else if (errsv == EACCES || errsv == EPERM)
    {
      g_autofree char *refused = path != NULL ? cordon_run_explain_refusal (path) : NULL;

      if (refused != NULL)
        g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errsv),
                     "%s: cannot execute: %s", program, refused);
      else
        g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errsv),
                     "%s: cannot execute: %s (not executable, or the sandbox does not allow it)",
                     program, g_strerror (errsv));
    }
  else if (errsv == ENOEXEC)
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                 "%s: cannot execute: not a program this system can run", program);
  else
    g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errsv),
                 "%s: cannot execute: %s", program, g_strerror (errsv));
  return status;
}

int
cordon_run_exec (char  **argv,
                 char  **envp,
                 GError **error)
{
  const char *program = argv[0];
  const char *search;
  g_autofree char *refused = NULL; /* the first candidate that gave EACCES */
  int last_errno = ENOENT;

  if (program[0] == '\0')
    return report_exec_error ("(empty program name)", NULL, ENOENT, error);

  if (strchr (program, '/') != NULL)
    {
      execve (program, argv, envp);
      return report_exec_error (program, program, errno, error);
    }

  /* The program's PATH, as env(1) would use it. */
  search = g_environ_getenv (envp, "PATH");
  if (search == NULL)
    search = DEFAULT_PATH;

  for (const char *p = search;; p++)
    {
      const char *end = strchrnul (p, ':');
      g_autofree char *dir = g_strndup (p, end - p);
      g_autofree char *candidate = NULL;

      /* An empty element means the current directory, as in execvp(). */
      candidate = g_build_filename (dir[0] != '\0' ? dir : ".", program, NULL);
      execve (candidate, argv, envp);

      switch (errno)
        {
        case EACCES:
          /* Keep looking, but if nothing better turns up, this is 126. */
          if (refused == NULL)
            refused = g_strdup (candidate);
          break;
        case ENOENT:
        case ENOTDIR:
        case ESTALE:
        case ENODEV:
        case ETIMEDOUT:
          break;
        default:
          last_errno = errno;
          return report_exec_error (program, candidate, last_errno, error);
        }

      if (*end == '\0')
        break;
      p = end;
    }

  return report_exec_error (program, refused, refused != NULL ? EACCES : last_errno, error);
}
