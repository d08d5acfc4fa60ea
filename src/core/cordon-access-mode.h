/* cordon-access-mode.h: Read, Write and Read & Write
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include "cordon-version-macros.h"

G_BEGIN_DECLS

/**
 * CordonAccessMode:
 * @CORDON_ACCESS_READ: read files, list directories, execute
 * @CORDON_ACCESS_WRITE: write, create, remove, rename and truncate
 * @CORDON_ACCESS_READ_WRITE: both
 *
 * Bit flags, so READ | WRITE == READ_WRITE. 0 means "no access" and is
 * only ever a query result, never a rule's mode.
 */
typedef enum /*< flags >*/
{
  CORDON_ACCESS_READ = 1 << 0,
  CORDON_ACCESS_WRITE = 1 << 1,
  CORDON_ACCESS_READ_WRITE = CORDON_ACCESS_READ | CORDON_ACCESS_WRITE,
} CordonAccessMode;

#define CORDON_TYPE_ACCESS_MODE (cordon_access_mode_get_type ())
CORDON_AVAILABLE_IN_ALL
GType cordon_access_mode_get_type (void) G_GNUC_CONST;

/* "Read", "Write", "ReadWrite"; NULL for 0 or any other value. */
CORDON_AVAILABLE_IN_ALL
const char *cordon_access_mode_to_string (CordonAccessMode mode);
/* "read", "write", "read+write": the reference library's native spelling. */
CORDON_AVAILABLE_IN_ALL
const char *cordon_access_mode_to_native_string (CordonAccessMode mode);
/* Accepts both spellings above; exact, case-sensitive. */
CORDON_AVAILABLE_IN_ALL
gboolean cordon_access_mode_from_string (const char       *str,
                                         CordonAccessMode *out_mode);
CORDON_AVAILABLE_IN_ALL
gboolean cordon_access_mode_is_valid (guint mode);

G_END_DECLS
