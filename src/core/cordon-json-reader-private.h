/* cordon-json-reader-private.h: strict JSON (RFC 8259) for profiles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cordon-json-value-private.h"

G_BEGIN_DECLS

/* How deep a profile may nest: a profile is three levels deep; the rest is
 * room for newer keys. */
#define CORDON_JSON_MAX_DEPTH 64

/* Reads @length bytes of @text as one JSON value, strictly as RFC 8259
 * says, except that a leading byte order mark is skipped (which the RFC
 * lets a reader do). Refuses, with CORDON_ERROR_INVALID_STATE and the line
 * and column (in characters, from 1) of the first problem: anything that is
 * not JSON (single quotes, comments, unquoted keys, hexadecimal, NaN,
 * leading zeros, raw control characters in strings, trailing commas), NUL
 * bytes and NUL characters, text that is not UTF-8, lone UTF-16 surrogates,
 * a key twice in one object, more than one value, and sizes past the
 * profile limits. Returns the value as the engine's JSON tree. */
CordonJsonValue *cordon_json_read (const char  *text,
                                   gsize        length,
                                   GError     **error);

/* g_utf8_validate_len () of @text, with the same answer and *@bad, and
 * quicker on ASCII; the reader's own, here for its tests. */
gboolean cordon_json_validate_utf8 (const char  *text,
                                    gsize        length,
                                    const char **bad);

G_END_DECLS
