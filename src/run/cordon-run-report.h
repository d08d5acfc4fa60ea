/* cordon-run-report.h: the accesses the sandbox refused, merged with counts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cordon.h"

G_BEGIN_DECLS

typedef struct _CordonRunReport CordonRunReport;

/* Records go to @out_fd (owned; -1: none, --status-fd only) when the run
 * ends; each new one goes at once to the --status-fd, if any. @caps tells
 * which refusals are the sandbox's: an EACCES the profile would have
 * allowed came from file permissions, not from us. */
CordonRunReport *cordon_run_report_new      (CordonCapabilitySet *caps,
                                             int                  out_fd);
/* Shared with the socket mediator's worker threads, which may outlive the
 * supervisor's jobs: reference-counted, and every add_* is thread-safe. */
CordonRunReport *cordon_run_report_ref      (CordonRunReport     *self);
void             cordon_run_report_unref    (CordonRunReport     *self);

/* A refused attempt. @path is absolute (not yet canonical); @access and
 * @operation as in the record ("Read", "open"). Repeats add to the count. */
void             cordon_run_report_add_fs      (CordonRunReport *self,
                                                const char      *path,
                                                CordonAccessMode access,
                                                const char      *operation);
void             cordon_run_report_add_network (CordonRunReport *self,
                                                int              family);
void             cordon_run_report_add_socket  (CordonRunReport *self,
                                                const char      *path);

/* Writes every record, one JSON line each, in the order first seen. */
gboolean         cordon_run_report_write    (CordonRunReport     *self,
                                             GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CordonRunReport, cordon_run_report_unref)

G_END_DECLS
