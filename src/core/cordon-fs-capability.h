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

G_END_DECLS
