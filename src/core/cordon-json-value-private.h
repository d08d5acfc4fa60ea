/* cordon-json-value-private.h: the JSON tree the engine reads profiles into
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The engine's own small tree, so that libcordon (and cordon-run, which
 * links it statically) needs neither json-glib nor the GIO it pulls in:
 * loading them was half of cordon-run's start-up (BENCHMARKS.md, issue 15).
 * Values are owned by their container; objects keep their members in the
 * order they were added and find a key through a hash table once they are
 * large enough for a scan to cost more than one.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  CORDON_JSON_NULL,
  CORDON_JSON_BOOLEAN,
  CORDON_JSON_INT,
  CORDON_JSON_DOUBLE,
  CORDON_JSON_STRING,
  CORDON_JSON_ARRAY,
  CORDON_JSON_OBJECT,
} CordonJsonKind;

typedef struct _CordonJsonValue CordonJsonValue;

CordonJsonValue *cordon_json_value_new_null        (void);
CordonJsonValue *cordon_json_value_new_boolean     (gboolean               value);
CordonJsonValue *cordon_json_value_new_int         (gint64                 value);
CordonJsonValue *cordon_json_value_new_double      (double                 value);
CordonJsonValue *cordon_json_value_new_string      (const char            *value);
CordonJsonValue *cordon_json_value_new_string_take (char                  *value);
CordonJsonValue *cordon_json_value_new_array       (void);
CordonJsonValue *cordon_json_value_new_object      (void);
/* Never for a value inside a tree: only roots (see pools below). */
void             cordon_json_value_free            (CordonJsonValue       *value);

CordonJsonKind   cordon_json_value_get_kind        (const CordonJsonValue *value);
/* These return FALSE, 0 or NULL for a value of another kind; an int is
 * also a double, as in json-glib. */
gboolean         cordon_json_value_get_boolean     (const CordonJsonValue *value);
gint64           cordon_json_value_get_int         (const CordonJsonValue *value);
double           cordon_json_value_get_double      (const CordonJsonValue *value);
const char      *cordon_json_value_get_string      (const CordonJsonValue *value);
gboolean         cordon_json_value_equal           (const CordonJsonValue *a,
                                                    const CordonJsonValue *b);

/* Takes @element. */
void             cordon_json_array_append          (CordonJsonValue       *array,
                                                    CordonJsonValue       *element);
/* 0 for a value that is not an array. */
guint            cordon_json_array_get_length      (const CordonJsonValue *array);
CordonJsonValue *cordon_json_array_get             (const CordonJsonValue *array,
                                                    guint                  index);

/* Takes @member. A key already present is a programming error: the
 * reader refuses a key twice before it adds it. */
void             cordon_json_object_add            (CordonJsonValue       *object,
                                                    const char            *key,
                                                    CordonJsonValue       *member);
/* NULL when @object is not an object or has no member @key. */
CordonJsonValue *cordon_json_object_get            (const CordonJsonValue *object,
                                                    const char            *key);
gboolean         cordon_json_object_has            (const CordonJsonValue *object,
                                                    const char            *key);
guint            cordon_json_object_get_size       (const CordonJsonValue *object);
const char      *cordon_json_object_get_key        (const CordonJsonValue *object,
                                                    guint                  index);
CordonJsonValue *cordon_json_object_get_value      (const CordonJsonValue *object,
                                                    guint                  index);

/* Appends @value as compact JSON text, byte for byte as json-glib's
 * JsonGenerator wrote it (what cordon_support_info_to_json has always
 * returned). */
void             cordon_json_value_write           (const CordonJsonValue *value,
                                                    GString               *out);
/* A string literal escaped as JsonGenerator escapes it. */
void             cordon_json_write_string          (GString               *out,
                                                    const char            *value);

/* For the reader: a tree built in one block. The first walk counts the
 * values and the text bounds the bytes of their strings, so a whole
 * profile costs one allocation plus one per object and list, instead of
 * about ten per rule. Values taken from a pool belong to it: freeing one
 * only clears what it holds (the reader does so for a tree it abandons),
 * and the pool goes with the first value taken from it (the root), once
 * cordon_json_pool_give_to_root () says so. */
typedef struct _CordonJsonPool CordonJsonPool;

/* Room for @n_values values and @n_bytes bytes of strings, NULs included. */
CordonJsonPool  *cordon_json_pool_new              (gsize                  n_values,
                                                    gsize                  n_bytes);
/* Only for a pool no root owns yet. Clears nothing: free the values
 * taken from it first. */
void             cordon_json_pool_free             (CordonJsonPool        *pool);
/* A null, an empty list or an empty object; or a value: */
CordonJsonValue *cordon_json_pool_new_value        (CordonJsonPool        *pool,
                                                    CordonJsonKind         kind);
CordonJsonValue *cordon_json_pool_new_boolean      (CordonJsonPool        *pool,
                                                    gboolean               boolean);
CordonJsonValue *cordon_json_pool_new_int          (CordonJsonPool        *pool,
                                                    gint64                 integer);
CordonJsonValue *cordon_json_pool_new_double       (CordonJsonPool        *pool,
                                                    double                 number);
/* Strings: begin, append, end (which adds the NUL and returns the start). */
void             cordon_json_pool_string_begin     (CordonJsonPool        *pool);
void             cordon_json_pool_append           (CordonJsonPool        *pool,
                                                    const char            *bytes,
                                                    gsize                  length);
void             cordon_json_pool_append_unichar   (CordonJsonPool        *pool,
                                                    gunichar               c);
char            *cordon_json_pool_string_end       (CordonJsonPool        *pool);
/* A string value of @text, which cordon_json_pool_string_end () returned. */
CordonJsonValue *cordon_json_pool_new_string       (CordonJsonPool        *pool,
                                                    char                  *text);
/* Adds @member under @key, which cordon_json_pool_string_end () returned. */
void             cordon_json_pool_object_add       (CordonJsonValue       *object,
                                                    char                  *key,
                                                    CordonJsonValue       *member);
/* @root, the first value taken from @pool, now frees it. */
void             cordon_json_pool_give_to_root     (CordonJsonPool        *pool,
                                                    CordonJsonValue       *root);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CordonJsonValue, cordon_json_value_free)

G_END_DECLS
