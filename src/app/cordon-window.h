/* cordon-window.h: one profile in one window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cordon-application.h"
#include "cordon-document.h"

G_BEGIN_DECLS

#define CORDON_TYPE_WINDOW (cordon_window_get_type ())
G_DECLARE_FINAL_TYPE (CordonWindow, cordon_window, CORDON, WINDOW, AdwApplicationWindow)

/* A new profile: the "Run programs" and "Temporary files" presets, network
 * blocked, not modified. */
CordonWindow   *cordon_window_new          (CordonApplication *application);
/* The profile this window edits; also the "document" property. */
CordonDocument *cordon_window_get_document (CordonWindow      *self);
/* Opens @file here if this window holds an untouched new profile, else in a
 * new window; presents the window already showing it, if any. A file that
 * cannot be read is explained in a dialog and changes nothing. */
void            cordon_window_open_file    (CordonWindow      *self,
                                            GFile             *file);
/* Asks what closing needs: "Stop the program?" while one runs, then
 * "Save changes?" (saving if asked to). Nothing is stopped, saved-over or
 * closed here; it finishes TRUE when the whole answer is "close". A second
 * request while one is on screen finishes FALSE (G_IO_ERROR_PENDING). */
void            cordon_window_confirm_close_async  (CordonWindow        *self,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean        cordon_window_confirm_close_finish (CordonWindow        *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
/* Stops the program, remembers the window's size and destroys the window:
 * what follows a confirmed close. */
void            cordon_window_close_without_asking (CordonWindow        *self);

G_END_DECLS
