/* cordon-read.c: reading a descriptor to its end, within a limit
 *
 * The engine's profile reader and cordon-run's --profile-fd and standard
 * input all come here, so every way a profile arrives has the same bound.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <unistd.h>

#include "cordon-error.h"
#include "cordon-read-private.h"

char *
cordon_read_fd_bounded (int      fd,
                        gsize    limit,
                        gsize   *out_length,
                        GError **error)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();

  g_return_val_if_fail (fd >= 0, NULL);
  g_return_val_if_fail (out_length != NULL, NULL);

  for (;;)
    {
      guint8 buffer[65536];
      ssize_t n = read (fd, buffer, sizeof buffer);

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
      if ((gsize) n > limit - MIN (limit, data->len))
        {
          g_set_error (error, CORDON_ERROR, CORDON_ERROR_INVALID_STATE,
                       "larger than %" G_GSIZE_FORMAT " bytes", limit);
          return NULL;
        }
      g_byte_array_append (data, buffer, n);
    }

  *out_length = data->len;
  g_byte_array_append (data, (const guint8 *) "", 1);
  return (char *) g_byte_array_free (g_steal_pointer (&data), FALSE);
}
