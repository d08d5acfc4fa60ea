/* cordon-save-flow.h: the one way the app saves a profile
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "cordon-document.h"

G_BEGIN_DECLS

/* Saves @document to its file or, when it has none or @choose_file, to one
 * the person picks (starting next to the current file, else in the home
 * folder). A failure is explained in a dialog over @parent and the document
 * stays modified. Saved files go to the recently used list.
 *
 * Finishes TRUE once saved; FALSE with G_IO_ERROR_CANCELLED when the
 * person cancelled the chooser, or with the error already explained. */
void     cordon_save_flow_run_async  (GtkWindow           *parent,
                                      CordonDocument      *document,
                                      gboolean             choose_file,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
gboolean cordon_save_flow_run_finish (GAsyncResult        *result,
                                      GError             **error);

G_END_DECLS
