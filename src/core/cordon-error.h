/* cordon-error.h: the engine's error domain
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include "cordon-version-macros.h"

G_BEGIN_DECLS

#define CORDON_ERROR (cordon_error_quark ())

/**
 * CordonError:
 * @CORDON_ERROR_PATH_NOT_FOUND: a path does not exist
 * @CORDON_ERROR_EXPECTED_DIRECTORY: a directory rule was given something else
 * @CORDON_ERROR_EXPECTED_FILE: a file rule was given a directory
 * @CORDON_ERROR_INVALID_PATH: a path cannot be used (relative, not UTF-8, loop, too long…)
 * @CORDON_ERROR_INVALID_STATE: a profile (SandboxState JSON) is malformed
 * @CORDON_ERROR_UNSUPPORTED: the kernel cannot enforce what was asked
 * @CORDON_ERROR_APPLY_FAILED: installing the sandbox failed part way
 * @CORDON_ERROR_UNKNOWN_PRESET: no built-in or user preset has that name
 * @CORDON_ERROR_INVALID_BUS_NAME: not a session bus name a policy can list
 */
typedef enum
{
  CORDON_ERROR_PATH_NOT_FOUND,
  CORDON_ERROR_EXPECTED_DIRECTORY,
  CORDON_ERROR_EXPECTED_FILE,
  CORDON_ERROR_INVALID_PATH,
  CORDON_ERROR_INVALID_STATE,
  CORDON_ERROR_UNSUPPORTED,
  CORDON_ERROR_APPLY_FAILED,
  CORDON_ERROR_UNKNOWN_PRESET,
  CORDON_ERROR_INVALID_BUS_NAME,
} CordonError;

CORDON_AVAILABLE_IN_ALL
GQuark cordon_error_quark (void);

G_END_DECLS
