/* cordon-run-prediction.h: which opens the profile cannot refuse, decided
 * cheaply at the tracer's first stop
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sys/types.h>

#include "cordon.h"

G_BEGIN_DECLS

typedef struct _CordonRunPrediction CordonRunPrediction;

/* A snapshot of @caps's filesystem rules. */
CordonRunPrediction *cordon_run_prediction_new          (CordonCapabilitySet *caps);
void                 cordon_run_prediction_free         (CordonRunPrediction *self);

/* TRUE only when the open @tid is making, of @path (as the program passed
 * it) relative to @dirfd (AT_FDCWD: its working folder) with the open
 * @flags and @access, reaches a file the rules grant (links resolved as
 * the kernel will), or cannot reach Landlock at all (the path does not
 * exist). FALSE: it may be refused, so follow it to its exit. */
gboolean             cordon_run_prediction_open_granted (CordonRunPrediction *self,
                                                         pid_t                tid,
                                                         int                  dirfd,
                                                         const char          *path,
                                                         guint64              flags,
                                                         CordonAccessMode     access);
/* A rule grants Read on "/": no open that only reads can be refused. */
gboolean             cordon_run_prediction_reads_everything (CordonRunPrediction *self);
/* The program renamed or removed something: folder names remembered for
 * its directory descriptors and working folders may be out of date. */
void                 cordon_run_prediction_forget       (CordonRunPrediction *self);
/* A thread is changing its working folder (and every thread or process
 * sharing it with CLONE_FS): forget them all, at the call's start and end. */
void                 cordon_run_prediction_forget_cwds  (CordonRunPrediction *self);
/* @tid is gone (its number may come back as another thread). */
void                 cordon_run_prediction_forget_thread (CordonRunPrediction *self,
                                                          pid_t                tid);

/* Exposed for tests: @path made absolute-clean in place ("//", "." and
 * ".." removed lexically); FALSE if it is not absolute. */
gboolean             cordon_run_prediction_normalize    (char                *path);
/* Exposed for tests: the rules alone, on a clean absolute @path. */
gboolean             cordon_run_prediction_rules_grant  (CordonRunPrediction *self,
                                                         const char          *path,
                                                         CordonAccessMode     access);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CordonRunPrediction, cordon_run_prediction_free)

G_END_DECLS
