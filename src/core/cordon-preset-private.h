/* cordon-preset-private.h: what the tests check of presets from inside
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cordon-preset.h"

G_BEGIN_DECLS

/* The built-in presets' names and descriptions marked for translation. */
const char * const *cordon_preset_get_builtin_texts (void);
/* "/tmp/.X11-unix/X<n>" for a local DISPLAY, else NULL. */
char *cordon_preset_x11_socket_for_display (const char *display);
/* A path template with its variables filled in from @envp; NULL when one
 * cannot be made here or the result is not absolute. */
char *cordon_preset_expand_path (const char         *template,
                                 const char * const *envp);

G_END_DECLS
