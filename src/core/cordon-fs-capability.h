/* cordon-fs-capability.h: one filesystem rule, immutable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "cordon-access-mode.h"
#include "cordon-version-macros.h"

G_BEGIN_DECLS

#define CORDON_TYPE_FS_CAPABILITY (cordon_fs_capability_get_type ())
CORDON_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (CordonFsCapability, cordon_fs_capability, CORDON, FS_CAPABILITY, GObject)

/* No validation: the capability set and the state reader are the only
 * places rules are made from user input, and they validate first. */
CORDON_AVAILABLE_IN_ALL
CordonFsCapability *cordon_fs_capability_new (const char       *original,
                                              const char       *resolved,
                                              CordonAccessMode  access,
                                              gboolean          is_file);
CORDON_AVAILABLE_IN_ALL
CordonFsCapability *cordon_fs_capability_copy_with_access (CordonFsCapability *self,
                                                           CordonAccessMode    access);

CORDON_AVAILABLE_IN_ALL
const char       *cordon_fs_capability_get_original (CordonFsCapability *self);
CORDON_AVAILABLE_IN_ALL
const char       *cordon_fs_capability_get_resolved (CordonFsCapability *self);
CORDON_AVAILABLE_IN_ALL
CordonAccessMode  cordon_fs_capability_get_access   (CordonFsCapability *self);
CORDON_AVAILABLE_IN_ALL
gboolean          cordon_fs_capability_get_is_file  (CordonFsCapability *self);

/* For a rule loaded from a profile: the canonical path the profile recorded
 * (its "path", or in the nono form its "resolved"); NULL for a rule made
 * any other way. */
CORDON_AVAILABLE_IN_ALL
const char       *cordon_fs_capability_get_recorded (CordonFsCapability *self);
/* Set on a rule whose path now leads somewhere other than the profile
 * recorded, through a symbolic link lying where a program sandboxed by the
 * same rules could have written it (a folder they grant Write): that link.
 * Such a rule is never applied; loaders keep it only when asked to
 * (CORDON_TO_CAPS_KEEP_PLANTED), so the app can show it. NULL normally. */
CORDON_AVAILABLE_IN_ALL
const char       *cordon_fs_capability_get_planted_link (CordonFsCapability *self);

G_END_DECLS
