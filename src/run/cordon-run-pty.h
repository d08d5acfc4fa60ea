/* cordon-run-pty.h: a pseudo-terminal of its own for the program, relayed
 * to the caller's terminal (as sudo's use_pty)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "cordon-run-supervisor.h"

G_BEGIN_DECLS

typedef struct _CordonRunPty CordonRunPty;

/* In cordon-run, before fork. *@out is NULL when none of the standard
 * streams is a terminal (then the program needs no terminal of its own). */
gboolean cordon_run_pty_new         (CordonRunPty       **out,
                                     GError             **error);
/* In the child, after setsid(): the new terminal becomes its controlling
 * terminal and replaces each standard stream that was a terminal. */
gboolean cordon_run_pty_child_setup (CordonRunPty        *self,
                                     GError             **error);
/* In the parent: puts the caller's terminal in raw mode and relays through
 * @supervisor's loop, which owns @self from now on and gives the terminal
 * back on every way out but SIGKILL. */
void     cordon_run_pty_attach      (CordonRunPty        *self,
                                     CordonRunSupervisor *supervisor);
void     cordon_run_pty_free        (CordonRunPty        *self);

G_END_DECLS
