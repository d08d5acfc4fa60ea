/* cordon-read.c: reading a descriptor to its end, within a limit
 *
 * The engine's profile reader and cordon-run's --profile-fd and standard
 * input all come here, so every way a profile arrives has the same bound.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cordon-error.h"
#include "cordon-read-private.h"

/* What to read first: a regular file's rest, read once into a buffer of
 * its size (a 5,000-rule profile was copied from 64 KiB reads into a
 * buffer doubled four times: pages touched twice); else 64 KiB. */
static gsize
first_room (int   fd,
            gsize limit)
{
  struct stat st;
  off_t at;

  if (fstat (fd, &st) == 0 && S_ISREG (st.st_mode) && (at = lseek (fd, 0, SEEK_CUR)) >= 0 &&
      st.st_size >= at)
    /* One more: the read that finds the end, then the NUL. */
    return MIN ((gsize) (st.st_size - at), limit) + 1;
  return 65536;
}

char *
cordon_read_fd_bounded (int      fd,
                        gsize    limit,
                        gsize   *out_length,
                        GError **error)
{
  g_autofree char *text = NULL;
  gsize room;
  gsize length = 0;

  g_return_val_if_fail (fd >= 0, NULL);
  g_return_val_if_fail (out_length != NULL, NULL);
  g_return_val_if_fail (limit < G_MAXSIZE / 2, NULL);

  room = first_room (fd, limit);
  text = g_malloc (room);
  for (;;)
    {
      ssize_t n;

      /* A file that grew, or a pipe: more room, up to the limit and one
       * byte more (reading that byte is what refuses the text). */
      if (length == room)
        {
          room = MIN (2 * room, limit + 1);
          text = g_realloc (text, room);
        }
      n = read (fd, text + length, room - length);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          g_set_error_literal (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                               g_strerror (saved_errno));
          errno = saved_errno;
          return NULL;
        }
      if (n == 0)
        break;
      if ((gsize) n > limit - MIN (limit, length))
        {
          g_set_error (error, CORDON_ERROR, CORDON_ERROR_INVALID_STATE,
                       "larger than %" G_GSIZE_FORMAT " bytes", limit);
          return NULL;
        }
      length += n;
    }

  if (length == room)
    text = g_realloc (text, room + 1);
  text[length] = '\0';
  *out_length = length;
  return g_steal_pointer (&text);
}
