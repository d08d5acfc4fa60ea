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

/* A rule loaded for launching without looking at the filesystem: its
 * recorded path, canonical as text, taken as resolved. Opening it without
 * following links (cordon_landlock_build_ruleset) is its check; if that
 * fails, cordon_capability_set_check_unchecked() does what loading does and
 * says why in loading's words. Never for --check, --query or an editor. */
CordonFsCapability *cordon_fs_capability_new_unchecked (const char       *original,
                                                        const char       *recorded,
                                                        CordonAccessMode  access,
                                                        gboolean          is_file);
gboolean            cordon_fs_capability_is_unchecked  (CordonFsCapability *self);

G_END_DECLS
