/* cordon-run-panel-private.h: what tests reach inside the Run area
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cordon-output-buffer.h"
#include "cordon-run-panel.h"
#include "cordon-runner.h"

G_BEGIN_DECLS

GtkEntry      *cordon_run_panel_get_command_entry (CordonRunPanel *self);
GtkLabel      *cordon_run_panel_get_command_error (CordonRunPanel *self);
GtkLabel      *cordon_run_panel_get_status_label  (CordonRunPanel *self);
GtkTextView   *cordon_run_panel_get_output_view   (CordonRunPanel *self);
CordonOutputBuffer *cordon_run_panel_get_output   (CordonRunPanel *self);
CordonRunner  *cordon_run_panel_get_runner        (CordonRunPanel *self);
GMenuModel    *cordon_run_panel_get_recent_menu   (CordonRunPanel *self);
/* What choosing a program does: the command becomes that program alone. */
void           cordon_run_panel_set_program       (CordonRunPanel *self,
                                                   const char     *program);
void           cordon_run_panel_set_working_dir   (CordonRunPanel *self,
                                                   const char     *path);
const char    *cordon_run_panel_get_working_dir   (CordonRunPanel *self);
/* As if the kernel could not enforce a sandbox (@details: why). */
void           cordon_run_panel_set_unsupported   (CordonRunPanel *self,
                                                   const char     *details);
/* Exports the command as a menu entry for the saved, unmodified profile,
 * without the dialogs; returns the file written. */
char          *cordon_run_panel_export_desktop    (CordonRunPanel *self,
                                                   GError        **error);

G_END_DECLS
