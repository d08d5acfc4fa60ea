/* cordon-export-flow.h: "Add to Applications", from the button to the toast
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "cordon-document.h"

G_BEGIN_DECLS

/* Adds a menu entry that runs @argv under @document's file. The entry runs
 * the file on disk, so an unsaved or changed profile is saved first, after
 * asking (through the app's one save flow). Success is a toast on the
 * overlay above @widget; a failure is explained in a dialog. */
void  cordon_export_flow_run   (GtkWidget          *widget,
                                CordonDocument     *document,
                                const char * const *argv);
/* The last step alone, for a saved, unmodified @document: writes the entry
 * and shows the toast. Returns the file written. */
char *cordon_export_flow_write (GtkWidget          *widget,
                                CordonDocument     *document,
                                const char * const *argv,
                                GError            **error);

G_END_DECLS
