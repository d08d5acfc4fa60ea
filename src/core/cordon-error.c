/* cordon-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cordon-error.h"

/**
 * CORDON_ERROR:
 *
 * The error domain of libcordon; the codes are #CordonError. In Python the
 * errors are `GLib.Error` with this domain.
 */

/**
 * cordon_error_quark:
 *
 * The error domain of libcordon, for #CordonError codes.
 *
 * Returns: the libcordon error domain
 */
G_DEFINE_QUARK (cordon-error-quark, cordon_error)
