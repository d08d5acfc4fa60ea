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

/* Remembers the directories it resolved, so that loading many rules under
 * the same parent costs one lstat() each instead of a full resolution.
 * Scoped to one load: a directory may become a symlink later, so never
 * keep one beyond the batch it was made for. */
typedef struct _CordonPathResolver CordonPathResolver;

CordonPathResolver *cordon_path_resolver_new  (void);
void                cordon_path_resolver_free (CordonPathResolver *resolver);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CordonPathResolver, cordon_path_resolver_free)

/* cordon_path_resolve_existing(), with @resolver (may be NULL) to reuse. The
 * answer and the errors are the same. */
char *cordon_path_resolve_existing_with (CordonPathResolver *resolver,
                                         const char         *path,
                                         CordonPathKind     *out_kind,
                                         GError            **error);

/* The path the kernel will walk for @path, which need not exist: symlinks
 * followed even when dangling, ".." resolved physically, a missing tail
 * appended to its deepest existing ancestor. */
char *cordon_path_canonicalize_for_query (const char *path,
                                          GError    **error);

/* The symbolic links an existing @path leads through, in the order the
 * kernel follows them: where each one lies (its canonical parent and its
 * name), not where it points. Empty for a canonical path. */
GPtrArray *cordon_path_list_links (const char *path,
                                   GError    **error);

/* "/a/b" covers "/a/b" and "/a/b/c", never "/a/bc". Both canonical. */
gboolean cordon_path_is_within (const char *path,
                                const char *ancestor);

/* Whether @path is absolute, UTF-8, shorter than PATH_MAX and has no empty,
 * "." or ".." name and no trailing "/": the form a resolved path has. Text
 * only; whether a link lies on the way is for the kernel to say. */
gboolean cordon_path_is_canonical_text (const char *path);

G_END_DECLS
