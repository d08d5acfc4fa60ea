/* cordon-fs-capability.h: one filesystem rule, immutable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "cordon-access-mode.h"

G_BEGIN_DECLS

#define CORDON_TYPE_FS_CAPABILITY (cordon_fs_capability_get_type ())
G_DECLARE_FINAL_TYPE (CordonFsCapability, cordon_fs_capability, CORDON, FS_CAPABILITY, GObject)

/* No validation: the capability set and the state reader are the only
 * places rules are made from user input, and they validate first. */
CordonFsCapability *cordon_fs_capability_new (const char       *original,
                                              const char       *resolved,
                                              CordonAccessMode  access,
                                              gboolean          is_file);
CordonFsCapability *cordon_fs_capability_copy_with_access (CordonFsCapability *self,
                                                           CordonAccessMode    access);

const char       *cordon_fs_capability_get_original (CordonFsCapability *self);
const char       *cordon_fs_capability_get_resolved (CordonFsCapability *self);
CordonAccessMode  cordon_fs_capability_get_access   (CordonFsCapability *self);
gboolean          cordon_fs_capability_get_is_file  (CordonFsCapability *self);

G_END_DECLS
