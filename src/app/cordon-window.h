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
/* Takes @toast. */
void            cordon_window_show_toast   (CordonWindow      *self,
                                            AdwToast          *toast);
/* Closes after asking about unsaved changes; when @then_quit, the
 * application's quit continues once this window is gone. */
void            cordon_window_request_close (CordonWindow     *self,
                                             gboolean          then_quit);

G_END_DECLS
