/* cordon-run-supervisor.h: the one loop cordon-run's parent runs while the
 * program runs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <signal.h>
#include <sys/types.h>

G_BEGIN_DECLS

typedef struct _CordonRunSupervisor CordonRunSupervisor;

/* What a job does. Every hook but dispatch is optional; all run in the one
 * thread of the supervisor and must never block for long (the program's
 * mediated calls wait while they run). */
typedef struct
{
  const char *name;
  /* The job's descriptor is ready (@revents from poll). FALSE: remove the
   * job (it still owns its descriptor and closes it in free). */
  gboolean  (*dispatch) (CordonRunSupervisor *supervisor,
                         short                revents,
                         gpointer             data);
  /* A signal reached cordon-run (before the supervisor forwards it). */
  void      (*signal)   (CordonRunSupervisor *supervisor,
                         int                  signo,
                         gpointer             data);
  /* cordon-run is about to stop itself (job control), or has continued. */
  void      (*suspend)  (gpointer             data);
  void      (*resume)   (gpointer             data);
  /* The program has exited: last words (drain output, restore the
   * terminal). Runs on every way out of the supervisor but SIGKILL. */
  void      (*finish)   (gpointer             data);
  void      (*free)     (gpointer             data);
} CordonRunJobClass;

/* Takes over the signals cordon-run forwards (they are already blocked, see
 * cordon_run_supervisor_block_signals) for the program @pid; @pidfd (owned,
 * may be -1 where pidfd_open is missing) tells when it exits. */
CordonRunSupervisor *cordon_run_supervisor_new          (pid_t                    pid,
                                                         int                      pidfd,
                                                         GError                 **error);
void                 cordon_run_supervisor_free         (CordonRunSupervisor     *self);

/* Returns an id for set_events. @fd stays the job's. */
guint                cordon_run_supervisor_add_job      (CordonRunSupervisor     *self,
                                                         int                      fd,
                                                         short                    events,
                                                         const CordonRunJobClass *klass,
                                                         gpointer                 data);
void                 cordon_run_supervisor_set_events   (CordonRunSupervisor     *self,
                                                         guint                    job,
                                                         short                    events);
/* Job control: stops the program, then cordon-run itself with @signo
 * (SIGTSTP, SIGTTIN, SIGTTOU); returns once continued, the program too. */
void                 cordon_run_supervisor_suspend      (CordonRunSupervisor     *self,
                                                         int                      signo);
pid_t                cordon_run_supervisor_get_pid      (CordonRunSupervisor     *self);

/* A tracer (--report) must see every wait status of every process it
 * traces, the program's included: it then does all the waiting. @reap runs
 * where the loop would call waitpid() for the program, and reports the
 * program's end with cordon_run_supervisor_set_exited(). */
typedef void (*CordonRunReaper) (CordonRunSupervisor *supervisor,
                                 gpointer             data);
void                 cordon_run_supervisor_set_reaper   (CordonRunSupervisor     *self,
                                                         CordonRunReaper          reap,
                                                         gpointer                 data);
void                 cordon_run_supervisor_set_exited   (CordonRunSupervisor     *self,
                                                         int                      wait_status);

/* Runs until the program exits; returns its wait status (as waitpid's). */
int                  cordon_run_supervisor_run          (CordonRunSupervisor     *self);

/* Blocks, in the calling process, every signal the supervisor handles, and
 * saves the previous mask in @old_mask: call before fork, so a signal sent
 * between fork and the loop is kept for the loop, and restore @old_mask in
 * the child before exec. */
void                 cordon_run_supervisor_block_signals (sigset_t               *old_mask);

/* Dies the way the program died: killed by signal N → killed by signal N,
 * without a core file of its own. Returns an exit status only when the
 * signal cannot kill (it never should). */
int                  cordon_run_supervisor_pass_status  (int                      wait_status);

G_END_DECLS
