/* cordon-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cordon-error.h"

G_DEFINE_QUARK (cordon-error-quark, cordon_error)
