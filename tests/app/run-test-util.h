/* run-test-util.h: what the run tests share: a bounded wait, a default profile
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cordon-document.h"

G_BEGIN_DECLS

/* Iterates the main context until @condition holds or @seconds pass, so a
 * broken run fails the test instead of hanging it. */
gboolean        run_test_wait_for         (gboolean (*condition) (gpointer),
                                           gpointer  data,
                                           guint     seconds);
/* What a new window starts with: "Run programs" and "Temporary files",
 * network blocked, not modified; less any rule that covers the build tree
 * (it may lie under /tmp), so run_test_make_outside_dir() stays outside. */
CordonDocument *run_test_default_document (void);
/* A fresh directory outside every preset's paths (under the build tree). */
char           *run_test_make_outside_dir (void);

G_END_DECLS
