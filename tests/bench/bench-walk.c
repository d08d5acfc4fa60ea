/* bench-walk.c: the file-heavy workload of the run-time benchmark
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-walk DIR
 * Walks DIR recursively, opens and reads every regular file, then prints
 * "<files> <bytes> <nanoseconds>" on stdout: the nanoseconds are the walk
 * alone, without the start of the process. Plain libc, so that under
 * cordon-run nothing but the sandbox differs.
 */
#include "config.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

typedef struct
{
  unsigned long long files;
  unsigned long long bytes;
} Totals;

static int walk (int dir_fd, Totals *totals);

static int
read_file (int         dir_fd,
           const char *name,
           Totals     *totals)
{
  char buffer[65536];
  ssize_t n;
  int fd = openat (dir_fd, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);

  if (fd < 0)
    {
      perror (name);
      return -1;
    }
  while ((n = read (fd, buffer, sizeof buffer)) > 0)
    totals->bytes += (unsigned long long) n;
  close (fd);
  if (n < 0)
    {
      perror (name);
      return -1;
    }
  totals->files++;
  return 0;
}

static int
walk (int     dir_fd,
      Totals *totals)
{
  DIR *dir = fdopendir (dir_fd);
  struct dirent *entry;
  int status = 0;

  if (dir == NULL)
    {
      perror ("fdopendir");
      close (dir_fd);
      return -1;
    }

  while (status == 0 && (entry = readdir (dir)) != NULL)
    {
      if (strcmp (entry->d_name, ".") == 0 || strcmp (entry->d_name, "..") == 0)
        continue;
      if (entry->d_type == DT_DIR)
        {
          int child = openat (dirfd (dir), entry->d_name,
                              O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);

          if (child < 0)
            {
              perror (entry->d_name);
              status = -1;
            }
          else
            status = walk (child, totals);
        }
      else if (entry->d_type == DT_REG)
        status = read_file (dirfd (dir), entry->d_name, totals);
    }

  closedir (dir);
  return status;
}

int
main (int    argc,
      char **argv)
{
  Totals totals = { 0, 0 };
  struct timespec start, end;
  int fd;

  if (argc != 2)
    {
      fprintf (stderr, "usage: %s DIR\n", argv[0]);
      return 2;
    }

  clock_gettime (CLOCK_MONOTONIC, &start);
  fd = open (argv[1], O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0)
    {
      perror (argv[1]);
      return 1;
    }
  if (walk (fd, &totals) != 0)
    return 1;
  clock_gettime (CLOCK_MONOTONIC, &end);

  printf ("%llu %llu %lld\n", totals.files, totals.bytes,
          (long long) (end.tv_sec - start.tv_sec) * 1000000000LL + (end.tv_nsec - start.tv_nsec));
  return 0;
}
