/* cordon-preset.h: named sets of rules a profile can start from
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cordon-capability-set.h"
#include "cordon-version-macros.h"

G_BEGIN_DECLS

#define CORDON_TYPE_PRESET (cordon_preset_get_type ())
CORDON_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (CordonPreset, cordon_preset, CORDON, PRESET, GObject)

/* The built-in presets (compiled into the library), then the user's own,
 * $XDG_DATA_HOME/cordon/presets/ID.json, by id. A user file that cannot be
 * read, or that takes a built-in's id, is left out; cordon_preset_lookup()
 * says why. A GListModel of CordonPreset, transfer full. */
CORDON_AVAILABLE_IN_ALL
GListModel   *cordon_preset_list_all        (void);
/* CORDON_ERROR_UNKNOWN_PRESET naming @id, or the reason its file is refused. */
CORDON_AVAILABLE_IN_ALL
CordonPreset *cordon_preset_lookup          (const char    *id,
                                             GError       **error);
/* A preset from JSON text: a profile's keys ("fs", "unix_sockets",
 * "dbus_session"; "net_blocked" is ignored, a preset never changes the
 * network setting) plus "name" and "description". Paths may start with "~"
 * and use ${HOME}, ${XDG_RUNTIME_DIR}, ${WAYLAND_DISPLAY}, ${XAUTHORITY} and
 * ${X11_SOCKET} (the socket of ${DISPLAY}); anything else is
 * CORDON_ERROR_INVALID_STATE. */
CORDON_AVAILABLE_IN_ALL
CordonPreset *cordon_preset_new_from_data   (const char    *id,
                                             const char    *json,
                                             gssize         length,
                                             GError       **error);

CORDON_AVAILABLE_IN_ALL
const char   *cordon_preset_get_id          (CordonPreset  *self);
/* Translated for built-in presets. */
CORDON_AVAILABLE_IN_ALL
const char   *cordon_preset_get_name        (CordonPreset  *self);
CORDON_AVAILABLE_IN_ALL
const char   *cordon_preset_get_description (CordonPreset  *self);
CORDON_AVAILABLE_IN_ALL
gboolean      cordon_preset_get_is_builtin  (CordonPreset  *self);

/* Adds to @caps what it lacks: rules and sockets whose expanded path exists
 * here and is not covered already, and the bus names (creating a bus policy
 * if @caps has none and the preset has one). An entry whose variable is
 * unset in @envp (NULL: this process's environment), or whose path is
 * missing, is skipped: presets travel between computers. Never fails;
 * returns how many rules and names were added, and the rule objects
 * (CordonFsCapability, CordonSocketCapability) in @out_added if not NULL. */
CORDON_AVAILABLE_IN_ALL
guint         cordon_preset_apply           (CordonPreset         *self,
                                             CordonCapabilitySet  *caps,
                                             const char * const   *envp,
                                             GPtrArray           **out_added);

G_END_DECLS
