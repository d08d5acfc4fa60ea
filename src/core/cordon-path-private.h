/* cordon-path-private.h: path canonicalization shared by the model and the query
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  CORDON_PATH_KIND_DIRECTORY,
  CORDON_PATH_KIND_OTHER, /* regular file, device, FIFO, socket… */
} CordonPathKind;

/* realpath() with CordonError errors naming @path. @path must be absolute,
 * valid UTF-8, free of NUL, and exist. */
char *cordon_path_resolve_existing (const char     *path,
                                    CordonPathKind *out_kind,
                                    GError        **error);

/* The path the kernel will walk for @path, which need not exist: symlinks
 * followed even when dangling, ".." resolved physically, a missing tail
 * appended to its deepest existing ancestor. */
char *cordon_path_canonicalize_for_query (const char *path,
                                          GError    **error);

/* "/a/b" covers "/a/b" and "/a/b/c", never "/a/bc". Both canonical. */
gboolean cordon_path_is_within (const char *path,
                                const char *ancestor);

G_END_DECLS
