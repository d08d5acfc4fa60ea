/* engine-test-util.h: temporary trees for the engine tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A fresh directory under $TMPDIR, canonical (so tests can compare
 * resolved paths with it). */
char *engine_test_make_tmpdir (void);
/* Removes @path and everything below it; never follows symlinks. */
void  engine_test_rm_rf       (const char *path);

/* Create below @root; the path is relative to @root. Abort on failure. */
char *engine_test_mkdir   (const char *root,
                           const char *relative);
char *engine_test_touch   (const char *root,
                           const char *relative);
char *engine_test_symlink (const char *root,
                           const char *relative,
                           const char *target);

G_END_DECLS
