/* cordon-app-util.h: how the app puts paths and modes into words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cordon.h"

G_BEGIN_DECLS

typedef enum
{
  CORDON_PATH_CHECK_EMPTY,
  CORDON_PATH_CHECK_INVALID,   /* not absolute, not UTF-8… */
  CORDON_PATH_CHECK_MISSING,   /* absolute but nothing is there */
  CORDON_PATH_CHECK_FOLDER,
  CORDON_PATH_CHECK_FILE,      /* anything that is not a directory */
} CordonPathCheck;

/* "~/x" for paths under the home folder; other paths as they are. */
char            *cordon_path_to_display    (const char *path);
/* For a path the sandboxed program chose (a run's report): as
 * cordon_path_to_display(), with every character that could make it read
 * as another path made visible — control characters ("\n", "\u0007"),
 * bidirectional overrides and other invisible format marks ("\u202E"),
 * line separators, bytes that are not UTF-8 ("\xFF") — and the backslash
 * itself doubled, so a name cannot spell a fake escape. */
char            *cordon_path_to_display_escaped (const char *path);
/* The reverse, for what people type: a leading "~" becomes the home folder.
 * Returns NULL when the result is not an absolute path. */
char            *cordon_path_from_display  (const char *text);
/* What typed text names, with the reason in words in @message. */
CordonPathCheck  cordon_path_check         (const char  *text,
                                            char       **out_path,
                                            char       **message);

const char      *cordon_access_mode_to_label  (CordonAccessMode mode);
const char      *cordon_access_mode_to_effect (CordonAccessMode mode);
/* Why this rule deserves a second look (a whole system or the home folder),
 * or NULL when it is an ordinary grant. @out_severe (nullable): TRUE when
 * it lets the program change or delete far more than it likely needs. */
const char      *cordon_app_capability_get_warning (CordonFsCapability *capability,
                                                    gboolean           *out_severe);

/* "Allowed — granted by /tmp (Read & Write)", "Denied — no rule covers this
 * path", "Network: blocked — …": the check panel's answers. */
char            *cordon_app_query_result_describe  (CordonQueryResult *result);

/* Makes @store hold @items (GObjects), splicing only the part between the
 * common start and end, so rows that stay keep their widgets (and an open
 * group stays open). */
void             cordon_app_splice_changed (GListStore *store,
                                            GPtrArray  *items);

G_END_DECLS
