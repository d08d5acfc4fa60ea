/* cordon-run-launch.h: start the program in a child of cordon-run, which
 * stays behind as its supervisor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cordon.h"
#include "cordon-apply-private.h"
#include "cordon-run-supervisor.h"
#include "cordon-run-tracer.h"

G_BEGIN_DECLS

/* Forks; the child leads a session of its own (on a new pseudo-terminal
 * when the caller's standard streams are a terminal), applies @caps with the
 * engine's Landlock ABI capped at @max_abi, and execs @argv with @envp. The
 * parent supervises it (cordon-run-supervisor.h) and returns the program's
 * exit status, or dies of the signal that killed it. With @needs_mediation
 * the kernel must offer what the mediator needs, or nothing runs (125).
 * @add_jobs (may be NULL) adds the caller's own jobs to the loop once the
 * program runs (issue 13's bus proxy). @tracer (may be NULL, then owned)
 * watches what the sandbox refuses (--report). The --status-fd, if any,
 * hears of the program's start and end. @profile_what ("profile “P”", may
 * be NULL) words an error that loading the profile would have given, met
 * when the child opened a rule loaded unchecked (CORDON_APPLY_PROFILE_ERROR),
 * as cordon-run words it at load. */
typedef void (*CordonRunAddJobs) (CordonRunSupervisor *supervisor,
                                  gpointer             data);

int cordon_run_launch_supervised (CordonCapabilitySet *caps,
                                  int                  max_abi,
                                  gboolean             needs_mediation,
                                  char               **argv,
                                  char               **envp,
                                  CordonRunTracer     *tracer,
                                  CordonRunAddJobs     add_jobs,
                                  gpointer             add_jobs_data,
                                  const char          *profile_what);

/* The line cordon-run prints when applying fails: a profile error as
 * loading words it ("profile “P”: …", @profile_what), anything else as
 * "cannot apply the sandbox: …". */
char *cordon_run_apply_failure (const GError *error,
                                const char   *profile_what);

G_END_DECLS
