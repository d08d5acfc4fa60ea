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

/* An object's member. */
typedef struct
{
  char            *key;
  CordonJsonValue *value;
} CordonJsonMember;

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
/* The members in order, *@n of them (0 for a value that is not an
 * object); borrowed. For loops over every member of thousands of objects. */
const CordonJsonMember *cordon_json_object_peek_members (const CordonJsonValue *object,
                                                         guint                 *n);
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

/* For the reader: a tree built in a pool, in one walk of the text. The
 * pool hands out memory from a few large chunks, so a profile costs a
 * handful of allocations instead of several per rule, and memory is touched
 * only as the text is read (a chunk's untouched tail costs no page). Values
 * taken from a pool belong to it: freeing one does nothing; the pool goes
 * at once, without a walk, with cordon_json_pool_free () or with the root
 * cordon_json_pool_take_root () made. Lists and objects are made closed,
 * from their elements or members: nothing is appended to them after. */
typedef struct _CordonJsonPool CordonJsonPool;

/* From this many members an object finds a key through a hash table
 * (key → position + 1); below it a scan of the keys is cheaper. A
 * profile's objects hold three to five. */
#define CORDON_JSON_INDEX_FROM 9

/* @size_hint: about how many bytes the tree will take (it may take more). */
CordonJsonPool  *cordon_json_pool_new              (gsize                  size_hint);
/* Frees the pool and every value taken from it. */
void             cordon_json_pool_free             (CordonJsonPool        *pool);
/* An empty value of @kind, or one of: */
CordonJsonValue *cordon_json_pool_new_value        (CordonJsonPool        *pool,
                                                    CordonJsonKind         kind);
/* Nulls and booleans are shared: the pool has one of each. */
CordonJsonValue *cordon_json_pool_new_null         (CordonJsonPool        *pool);
CordonJsonValue *cordon_json_pool_new_boolean      (CordonJsonPool        *pool,
                                                    gboolean               boolean);
CordonJsonValue *cordon_json_pool_new_int          (CordonJsonPool        *pool,
                                                    gint64                 integer);
CordonJsonValue *cordon_json_pool_new_double       (CordonJsonPool        *pool,
                                                    double                 number);
/* Room for @n bytes (a string and its NUL) at the pool's end, not yet
 * taken: cordon_json_pool_commit () takes the first @used of them, which
 * is what a string decoded there holds, and may be fewer. */
char            *cordon_json_pool_reserve          (CordonJsonPool        *pool,
                                                    gsize                  n);
void             cordon_json_pool_commit           (CordonJsonPool        *pool,
                                                    gsize                  used);
/* A string value of @text, a string in the pool. */
CordonJsonValue *cordon_json_pool_new_string       (CordonJsonPool        *pool,
                                                    char                  *text);
/* A list of @n values of the pool, copied from @elements. */
CordonJsonValue *cordon_json_pool_new_array        (CordonJsonPool        *pool,
                                                    CordonJsonValue *const *elements,
                                                    guint                  n);
/* An object of @n members (keys and values of the pool, no key twice),
 * copied from @members. @index (taken) is their hash table when the
 * caller built one (key → position + 1), or NULL. */
CordonJsonValue *cordon_json_pool_new_object       (CordonJsonPool        *pool,
                                                    const CordonJsonMember *members,
                                                    guint                  n,
                                                    GHashTable            *index);
/* The root of the pool's tree: a copy of @value (nothing may point to
 * @value) that frees the whole pool when it is freed. */
CordonJsonValue *cordon_json_pool_take_root        (CordonJsonPool        *pool,
                                                    CordonJsonValue       *value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CordonJsonValue, cordon_json_value_free)

G_END_DECLS
