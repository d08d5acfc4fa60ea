/* cordon.h: libcordon, the Cordon sandboxing engine
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#define CORDON_INSIDE

#include "cordon-error.h"
#include "cordon-access-mode.h"
#include "cordon-fs-capability.h"
#include "cordon-socket-capability.h"
#include "cordon-capability-set.h"
#include "cordon-query-result.h"
#include "cordon-query-context.h"
#include "cordon-sandbox-state.h"
#include "cordon-support-info.h"
#include "cordon-apply.h"
#include "cordon-bus-policy.h"
#include "cordon-preset.h"
#include "cordon-enums.h"

#undef CORDON_INSIDE
