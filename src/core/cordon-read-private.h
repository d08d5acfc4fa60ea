/* cordon-read-private.h: reading a descriptor to its end, within a limit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Reads @fd from where it is to its end (EINTR retried; @fd is not
 * closed). More than @limit bytes fails with CORDON_ERROR_INVALID_STATE
 * as soon as the limit is passed, so a huge file or a pipe that never ends
 * is refused without being held in memory. A read error is a
 * G_FILE_ERROR, and errno is left as the read set it. The text is
 * NUL-terminated; @out_length does not count the NUL. */
char *cordon_read_fd_bounded (int      fd,
                              gsize    limit,
                              gsize   *out_length,
                              GError **error);

G_END_DECLS
