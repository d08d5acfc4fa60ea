/* cordon-runner.h: one program run through cordon-run, its output and its end
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  CORDON_RUN_STATE_IDLE,       /* nothing run yet */
  CORDON_RUN_STATE_RUNNING,
  CORDON_RUN_STATE_EXITED,     /* see cordon_runner_get_exit_status () */
  CORDON_RUN_STATE_SIGNALED,   /* see cordon_runner_get_term_signal () */
  CORDON_RUN_STATE_FAILED,     /* never ran: cordon-run or the exec refused */
} CordonRunState;

#define CORDON_TYPE_RUN_STATE (cordon_run_state_get_type ())
GType cordon_run_state_get_type (void);

#define CORDON_TYPE_RUNNER (cordon_runner_get_type ())
G_DECLARE_FINAL_TYPE (CordonRunner, cordon_runner, CORDON, RUNNER, GObject)

/* How long Stop waits after SIGTERM before SIGKILL. */
#define CORDON_RUNNER_STOP_GRACE_MS 3000

CordonRunner   *cordon_runner_new             (void);

/* The cordon-run to use: $CORDON_RUN when set, else the installed one.
 * Fails with a message in words when it is missing or not executable. */
char           *cordon_runner_find_cordon_run (GError        **error);

/* Spawns `cordon-run --profile-fd 3 [--chdir DIR] -- ARGV…` and hands it
 * @profile_json on that descriptor. Output arrives through ::output, the
 * end through ::finished. Fails (state FAILED, status set) when cordon-run
 * cannot be found or spawned, and refuses while a program runs. */
gboolean        cordon_runner_start           (CordonRunner   *self,
                                               const char     *profile_json,
                                               const char *const *argv,
                                               const char     *working_dir,
                                               GError        **error);
/* SIGTERM to the program's process group, SIGKILL after the grace time. */
void            cordon_runner_stop            (CordonRunner   *self);
/* The next start runs the program unconfined and learns a profile into
 * @file (cordon-run --learn); only that start. The caller must have asked
 * the person first. */
void            cordon_runner_set_learn_file  (CordonRunner   *self,
                                               const char     *file);

CordonRunState  cordon_runner_get_state       (CordonRunner   *self);
gboolean        cordon_runner_get_running     (CordonRunner   *self);
int             cordon_runner_get_exit_status (CordonRunner   *self);
int             cordon_runner_get_term_signal (CordonRunner   *self);
/* "Running…", "Exited with status 0", "Killed by signal 15 (Terminated)",
 * "Could not start: …"; NULL before the first run. */
const char     *cordon_runner_get_status      (CordonRunner   *self);
/* What the sandbox refused in the current (or last) run, filled live, one
 * item per distinct access: CordonBlockedAccess. Emptied by start. */
GListModel     *cordon_runner_get_blocked     (CordonRunner   *self);

G_END_DECLS
