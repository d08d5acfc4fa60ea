/* cordon-run-panel.h: the Run area: a command, its output, its end
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "cordon-document.h"

G_BEGIN_DECLS

#define CORDON_TYPE_RUN_PANEL (cordon_run_panel_get_type ())
G_DECLARE_FINAL_TYPE (CordonRunPanel, cordon_run_panel, CORDON, RUN_PANEL, GtkWidget)

GtkWidget      *cordon_run_panel_new          (void);
/* The profile programs run under; also the "document" property. */
CordonDocument *cordon_run_panel_get_document (CordonRunPanel *self);
void            cordon_run_panel_set_document (CordonRunPanel *self,
                                               CordonDocument *document);
/* Whether a program runs now; also the "running" property. */
gboolean        cordon_run_panel_get_running  (CordonRunPanel *self);
/* What Run does: checks the profile, then runs the command under it, or
 * says in the status line why it cannot. */
void            cordon_run_panel_run          (CordonRunPanel *self);
/* What Stop does: SIGTERM, SIGKILL after a grace time. */
void            cordon_run_panel_stop         (CordonRunPanel *self);
/* The first word of the command ("ls"), for asking before closing. */
char           *cordon_run_panel_dup_program_name (CordonRunPanel *self);
/* Adds @section below the output: what a run found out (the accesses the
 * sandbox blocked, the session bus it talked to). In the order added. */
void            cordon_run_panel_add_section      (CordonRunPanel *self,
                                                   GtkWidget      *section);

G_END_DECLS
