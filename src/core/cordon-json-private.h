/* cordon-json-private.h: writing JSON text by hand, where layout is a contract
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Appends @value (UTF-8) as a JSON string literal. Only what JSON requires
 * is escaped, so paths stay readable in the file (cordon-json-value.c
 * writes both styles). */
void cordon_json_append_string (GString    *out,
                                const char *value);

G_END_DECLS
