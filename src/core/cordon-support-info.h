/* cordon-support-info.h: can this kernel sandbox, and how well
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include "cordon-version-macros.h"

G_BEGIN_DECLS

#define CORDON_TYPE_SUPPORT_INFO (cordon_support_info_get_type ())
CORDON_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (CordonSupportInfo, cordon_support_info, CORDON, SUPPORT_INFO, GObject)

CORDON_AVAILABLE_IN_ALL
gboolean     cordon_is_supported (void);
/* Probes the kernel each call (cheap: one syscall and a seccomp check). */
CORDON_AVAILABLE_IN_ALL
CordonSupportInfo *cordon_support_info_get (void);

CORDON_AVAILABLE_IN_ALL
gboolean     cordon_support_info_get_is_supported  (CordonSupportInfo *self);
CORDON_AVAILABLE_IN_ALL
const char  *cordon_support_info_get_platform      (CordonSupportInfo *self);
/* 0 when Landlock is missing or disabled. */
CORDON_AVAILABLE_IN_ALL
int          cordon_support_info_get_landlock_abi  (CordonSupportInfo *self);
CORDON_AVAILABLE_IN_ALL
gboolean     cordon_support_info_get_seccomp       (CordonSupportInfo *self);
/* In words, e.g. "Landlock ABI 7: filesystem, …; seccomp available". */
CORDON_AVAILABLE_IN_ALL
const char  *cordon_support_info_get_details       (CordonSupportInfo *self);
CORDON_AVAILABLE_IN_ALL
char        *cordon_support_info_to_json           (CordonSupportInfo *self);

G_END_DECLS
