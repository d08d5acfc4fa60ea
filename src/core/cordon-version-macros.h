/* cordon-version-macros.h: what libcordon exports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libcordon is built with -fvisibility=hidden: only declarations marked
 * CORDON_AVAILABLE_IN_ALL are part of libcordon-1.so, so a helper that the
 * public headers do not declare can never become API by accident.
 */
#pragma once

#if defined(CORDON_COMPILATION) && defined(__GNUC__)
#define _CORDON_EXTERN __attribute__ ((visibility ("default"))) extern
#else
#define _CORDON_EXTERN extern
#endif

/**
 * CORDON_AVAILABLE_IN_ALL:
 *
 * Marks a declaration as part of libcordon's public API (exported from the
 * shared library).
 */
#define CORDON_AVAILABLE_IN_ALL _CORDON_EXTERN
