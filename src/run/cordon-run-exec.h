/* cordon-run-exec.h: the last steps before the program runs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CORDON_RUN_EXIT_FAILURE        125
#define CORDON_RUN_EXIT_CANNOT_EXECUTE 126
#define CORDON_RUN_EXIT_NOT_FOUND      127

/* Opens /dev/null on any of 0, 1, 2 that is closed, so no file the launcher
 * opens, and no file PROGRAM opens, can become its standard output. */
gboolean cordon_run_ensure_std_fds (GError **error);

/* Closes every descriptor above 2: an inherited socket or file would carry
 * access the sandbox does not grant. Call it before the sandbox is applied:
 * where close_range () is missing (hidden by a container's seccomp policy),
 * the open descriptors are listed in /proc, which Landlock then hides. Fails
 * when it cannot be sure every one is closed. */
gboolean cordon_run_close_fds (GError **error);

/* The same, sparing the @n_keep descriptors in @keep (the launcher's own,
 * still needed between applying the sandbox and exec; make them
 * close-on-exec). */
gboolean cordon_run_close_fds_except (const int *keep,
                                      gsize      n_keep,
                                      GError   **error);

/* Executes @argv[0] in place with @envp, searching PATH (from @envp, or a
 * default) like execvp() when the name has no slash. Returns only on failure:
 * 126 or 127, with @error saying why in one line. */
int cordon_run_exec (char  **argv,
                     char  **envp,
                     GError **error);

G_END_DECLS
