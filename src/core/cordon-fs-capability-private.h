/* cordon-fs-capability-private.h: rules as loaders make them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cordon-fs-capability.h"

G_BEGIN_DECLS

/* cordon_fs_capability_new() with what a profile recorded (@recorded) and,
 * for a redirected rule, the link that redirects it (@planted_link); both
 * may be NULL. */
CordonFsCapability *cordon_fs_capability_new_full (const char       *original,
                                                   const char       *resolved,
                                                   const char       *recorded,
                                                   const char       *planted_link,
                                                   CordonAccessMode  access,
                                                   gboolean          is_file);

G_END_DECLS
