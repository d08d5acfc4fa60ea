/* cordon-run-tracer.h: see what the sandbox refused, with a seccomp-filtered
 * ptrace from the supervisor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cordon-run-learner.h"
#include "cordon-run-report.h"
#include "cordon-run-supervisor.h"

G_BEGIN_DECLS

typedef struct _CordonRunTracer CordonRunTracer;

/* Before fork. Takes @report, and writes it when the program has ended.
 * @caps: the sandbox's rules (an open they grant is not followed to its
 * exit). @block_network: the sandbox refuses sockets of every family but
 * AF_UNIX, and the tracer is to see those refusals too. */
CordonRunTracer *cordon_run_tracer_new          (CordonRunReport      *report,
                                                 CordonCapabilitySet  *caps,
                                                 gboolean              block_network,
                                                 GError              **error);
CordonRunReport *cordon_run_tracer_get_report   (CordonRunTracer  *self);
CordonRunLearner *cordon_run_tracer_get_learner (CordonRunTracer  *self);
/* The descriptor the child keeps until cordon_run_tracer_child_setup. */
int              cordon_run_tracer_get_child_fd (CordonRunTracer  *self);
/* In the child, after the sandbox is applied, just before exec: waits
 * until the parent traces it, then loads the filter that stops it at the
 * calls the sandbox can refuse. */
gboolean         cordon_run_tracer_child_setup  (CordonRunTracer  *self,
                                                 GError          **error);
/* In the parent right after fork: traces @pid and its future children and
 * threads, then lets the child go on. */
gboolean         cordon_run_tracer_attach       (CordonRunTracer  *self,
                                                 pid_t             pid,
                                                 GError          **error);
/* --learn: record every access that succeeds into @learner (a reference
 * is kept) instead of the refusals into the report. Before fork. */
void             cordon_run_tracer_set_learner  (CordonRunTracer  *self,
                                                 CordonRunLearner *learner);
/* cordon-run has children besides the program (the session bus proxy):
 * the tracer then takes only the wait statuses of the processes it traces. */
void             cordon_run_tracer_set_other_children (CordonRunTracer *self,
                                                       gboolean         other_children);
/* Hands the tracer to @supervisor, which frees it: from now on the
 * tracer does all waiting for the program's processes. */
void             cordon_run_tracer_add_job      (CordonRunTracer     *self,
                                                 CordonRunSupervisor *supervisor);
void             cordon_run_tracer_free         (CordonRunTracer  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CordonRunTracer, cordon_run_tracer_free)

G_END_DECLS
