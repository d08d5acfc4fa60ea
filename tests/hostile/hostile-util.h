/* hostile-util.h: shared checks for the hostile input tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cordon.h>

G_BEGIN_DECLS

/* Parsing @json (@length bytes) must fail with INVALID_STATE and a UTF-8
 * message that contains @words. */
void hostile_assert_invalid_json (const char *json,
                                  gsize       length,
                                  const char *words);

/* @error must be @code in CORDON_ERROR, with a UTF-8 message containing @words. */
void hostile_assert_error (const GError *error,
                           int           code,
                           const char   *words);

/* A path of exactly @length bytes under @dir, made of short names. */
char *hostile_long_path (const char *dir,
                         gsize       length);

/* TRUE, after g_test_skip () with @why, under `meson test --setup valgrind`,
 * where a case cannot run (valgrind has no landlock_*(2) or seccomp(2)). */
gboolean hostile_skip_under_valgrind (const char *why);

/* Peak resident memory of this process so far, in KiB. */
glong hostile_max_rss_kib (void);

G_END_DECLS
