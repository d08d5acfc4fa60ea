/* cordon-run-status.h: --status-fd, what happens to the run as JSON lines
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sys/types.h>

G_BEGIN_DECLS

/* The descriptor is process-wide, as standard error is: every part of
 * cordon-run that says something on stderr says it here too. -1: none. */
void     cordon_run_status_set_fd     (int         fd);
int      cordon_run_status_get_fd     (void);

/* {"error":MESSAGE}: cordon-run (or the exec) failed, and exits 125–127. */
void     cordon_run_status_error      (const char *message);
/* {"child-pid":PID}: the program's process, once it runs. */
void     cordon_run_status_started    (pid_t       pid);
/* {"blocked":RECORD}: @record is one --report line without its newline. */
void     cordon_run_status_blocked    (const char *record);
/* {"exit-code":N} or {"signal":N}, from a waitpid status. */
void     cordon_run_status_exited     (int         wait_status);

G_END_DECLS
