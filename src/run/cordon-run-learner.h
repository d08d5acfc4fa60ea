/* cordon-run-learner.h: --learn, what a program used, as a minimal profile
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cordon.h"

G_BEGIN_DECLS

/* Folders with more files than this, all used the same way, become one
 * rule for the folder (never for a folder above it). */
#define CORDON_RUN_LEARN_GROUP_THRESHOLD 32

typedef struct _CordonRunLearner CordonRunLearner;

/* The profile goes to @file, on top of @base (copied), when finish runs. */
CordonRunLearner *cordon_run_learner_new          (CordonCapabilitySet *base,
                                                   const char          *file);
/* Shared with the socket mediator's worker threads: reference-counted,
 * every add_* thread-safe. */
CordonRunLearner *cordon_run_learner_ref          (CordonRunLearner *self);
void              cordon_run_learner_unref        (CordonRunLearner *self);

/* A call that succeeded. @path absolute; @operation as in --report
 * ("open", "create", "exec", "list", "remove", "rename", "link", "truncate"). */
void              cordon_run_learner_add_fs       (CordonRunLearner *self,
                                                   const char       *path,
                                                   CordonAccessMode  access,
                                                   const char       *operation);
void              cordon_run_learner_add_network  (CordonRunLearner *self);
void              cordon_run_learner_add_socket   (CordonRunLearner *self,
                                                   const char       *path);

/* The base's rules plus what was used, saved atomically to the file. */
gboolean          cordon_run_learner_write        (CordonRunLearner    *self,
                                                   GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CordonRunLearner, cordon_run_learner_unref)

G_END_DECLS
