/* cordon-presets.h: the built-in sets of rules (data/presets/NAME.json)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cordon.h"

G_BEGIN_DECLS

/* PKGDATADIR/presets, or $CORDON_PRESETS_DIR (development and tests). */
char      *cordon_presets_dup_dir    (void);
/* Preset ids (file names without ".json"), the built-in ones first. */
char     **cordon_presets_list       (void);
/* The translated name of a built-in preset, else the file's "name", else @id. */
char      *cordon_presets_dup_name   (const char *id);
/* A preset's JSON with "~" and "${XDG_RUNTIME_DIR}" (or "${HOME}") at the
 * start of each "path" replaced, ready for the engine's reader. */
char      *cordon_presets_expand     (const char  *json,
                                      GError     **error);
/* Adds the preset's rules whose paths exist on this computer and that the
 * set does not allow already. Never touches the network setting. */
gboolean   cordon_presets_apply      (CordonCapabilitySet *caps,
                                      const char          *id,
                                      guint               *n_added,
                                      GError             **error);

G_END_DECLS
