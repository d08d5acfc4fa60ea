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

/* Most tests want one fresh tree each, removed afterwards. */
typedef struct
{
  char *root;
} EngineFixture;

void engine_fixture_set_up    (EngineFixture *fixture,
                               gconstpointer  data);
void engine_fixture_tear_down (EngineFixture *fixture,
                               gconstpointer  data);

#define ENGINE_TEST_ADD(name, func) \
  g_test_add (name, EngineFixture, NULL, engine_fixture_set_up, func, engine_fixture_tear_down)

G_END_DECLS
