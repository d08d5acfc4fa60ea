/* cordon-presets-table-private.h: the built-in presets' JSON texts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Generated at build time from the JSON files in data/presets/ by
 * build-aux/embed-presets.py, sorted by id.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *id;     /* the file name without ".json" */
  const char *json;   /* NUL-terminated */
  gsize       length; /* without the NUL */
} CordonBuiltinPresetText;

extern const CordonBuiltinPresetText cordon_builtin_preset_texts[];
extern const guint cordon_n_builtin_preset_texts;

G_END_DECLS
