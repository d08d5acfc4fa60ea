/* cordon-run-refusal.h: which path the sandbox refused to execute
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Called inside the sandbox after execve (@program) failed with EACCES.
 * Finds the file the sandbox refused to execute: @program itself, its "#!"
 * interpreter or its ELF interpreter (the program loader), following a
 * chain of them. Returns a sentence naming that file and the rule that
 * would allow it, or NULL when the refusal is not the sandbox's (the file
 * modes forbid it) or cannot be found. */
char *cordon_run_explain_refusal (const char *program);

G_END_DECLS
