/* cordon-json-value.c: the JSON tree the engine reads profiles into
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cordon-json-value-private.h"

/* Up to this many members a scan of the keys is cheaper than hashing; a
 * profile's objects hold three to five. */
#define INDEX_FROM 9

typedef struct
{
  char            *key;
  CordonJsonValue *value;
} Member;

enum
{
  POOLED = 1 << 0,    /* in a pool, with its string or keys */
  OWNS_POOL = 1 << 1, /* the root of a pool's tree */
};

struct _CordonJsonValue
{
  CordonJsonKind kind;
  guint          flags;
  union
  {
    gboolean   boolean;
    gint64     integer;
    double     number;
    char      *string;
    GPtrArray *elements;
    struct
    {
      GArray     *members; /* of Member */
      GHashTable *index;   /* key → position + 1, once INDEX_FROM members */
    } object;
  };
};

struct _CordonJsonPool
{
  gsize           n_values;
  gsize           used_values;
  char           *bytes;
  gsize           n_bytes;
  gsize           used_bytes;
  gsize           string_start;
  CordonJsonValue values[];
};

/* Containers start with room for a profile rule's members. */
#define CONTAINER_START 4

static void
value_init (CordonJsonValue *value,
            CordonJsonKind   kind)
{
  value->kind = kind;
  if (kind == CORDON_JSON_ARRAY)
    value->elements = g_ptr_array_sized_new (CONTAINER_START);
  else if (kind == CORDON_JSON_OBJECT)
    value->object.members = g_array_sized_new (FALSE, FALSE, sizeof (Member), CONTAINER_START);
}

static CordonJsonValue *
value_new (CordonJsonKind kind)
{
  CordonJsonValue *value = g_new0 (CordonJsonValue, 1);

  value_init (value, kind);
  return value;
}

CordonJsonValue *
cordon_json_value_new_null (void)
{
  return value_new (CORDON_JSON_NULL);
}

CordonJsonValue *
cordon_json_value_new_boolean (gboolean value)
{
  CordonJsonValue *self = value_new (CORDON_JSON_BOOLEAN);

  self->boolean = value != FALSE;
  return self;
}

CordonJsonValue *
cordon_json_value_new_int (gint64 value)
{
  CordonJsonValue *self = value_new (CORDON_JSON_INT);

  self->integer = value;
  return self;
}

CordonJsonValue *
cordon_json_value_new_double (double value)
{
  CordonJsonValue *self = value_new (CORDON_JSON_DOUBLE);

  self->number = value;
  return self;
}

CordonJsonValue *
cordon_json_value_new_string_take (char *value)
{
  CordonJsonValue *self = value_new (CORDON_JSON_STRING);

  g_return_val_if_fail (value != NULL, self);
  self->string = value;
  return self;
}

CordonJsonValue *
cordon_json_value_new_string (const char *value)
{
  return cordon_json_value_new_string_take (g_strdup (value));
}

CordonJsonValue *
cordon_json_value_new_array (void)
{
  return value_new (CORDON_JSON_ARRAY);
}

CordonJsonValue *
cordon_json_value_new_object (void)
{
  return value_new (CORDON_JSON_OBJECT);
}

static void value_free (CordonJsonValue *value);

/* What @value holds; a pooled value's string and keys are the pool's. */
static void
value_clear (CordonJsonValue *value)
{
  switch (value->kind)
    {
    case CORDON_JSON_STRING:
      if (!(value->flags & POOLED))
        g_free (value->string);
      break;
    case CORDON_JSON_ARRAY:
      for (guint i = 0; i < value->elements->len; i++)
        value_free (value->elements->pdata[i]);
      g_ptr_array_free (value->elements, TRUE);
      break;
    case CORDON_JSON_OBJECT:
      for (guint i = 0; i < value->object.members->len; i++)
        {
          Member *member = &g_array_index (value->object.members, Member, i);

          if (!(value->flags & POOLED))
            g_free (member->key);
          value_free (member->value);
        }
      g_clear_pointer (&value->object.index, g_hash_table_unref);
      g_array_free (value->object.members, TRUE);
      break;
    case CORDON_JSON_NULL:
    case CORDON_JSON_BOOLEAN:
    case CORDON_JSON_INT:
    case CORDON_JSON_DOUBLE:
    default:
      break;
    }
}

static void
value_free (CordonJsonValue *value)
{
  value_clear (value);
  if (value->flags & OWNS_POOL)
    g_free ((char *) value - G_STRUCT_OFFSET (CordonJsonPool, values));
  else if (!(value->flags & POOLED))
    g_free (value);
}

void
cordon_json_value_free (CordonJsonValue *value)
{
  if (value != NULL)
    value_free (value);
}

CordonJsonKind
cordon_json_value_get_kind (const CordonJsonValue *value)
{
  return value->kind;
}

gboolean
cordon_json_value_get_boolean (const CordonJsonValue *value)
{
  return value->kind == CORDON_JSON_BOOLEAN && value->boolean;
}

gint64
cordon_json_value_get_int (const CordonJsonValue *value)
{
  return value->kind == CORDON_JSON_INT ? value->integer : 0;
}

double
cordon_json_value_get_double (const CordonJsonValue *value)
{
  if (value->kind == CORDON_JSON_DOUBLE)
    return value->number;
  return value->kind == CORDON_JSON_INT ? (double) value->integer : 0.0;
}

const char *
cordon_json_value_get_string (const CordonJsonValue *value)
{
  return value->kind == CORDON_JSON_STRING ? value->string : NULL;
}

void
cordon_json_array_append (CordonJsonValue *array,
                          CordonJsonValue *element)
{
  g_return_if_fail (array->kind == CORDON_JSON_ARRAY);
  g_return_if_fail (element != NULL);
  /* A pooled value goes with its root, and only into its own tree. */
  g_return_if_fail (!(element->flags & POOLED) || (array->flags & POOLED));
  g_ptr_array_add (array->elements, element);
}

guint
cordon_json_array_get_length (const CordonJsonValue *array)
{
  return array->kind == CORDON_JSON_ARRAY ? array->elements->len : 0;
}

CordonJsonValue *
cordon_json_array_get (const CordonJsonValue *array,
                       guint                  index)
{
  g_return_val_if_fail (index < cordon_json_array_get_length (array), NULL);
  return g_ptr_array_index (array->elements, index);
}

/* The position of @key in @object's members, or -1. */
static gssize
find_member (const CordonJsonValue *object,
             const char            *key)
{
  GArray *members = object->object.members;

  if (object->object.index != NULL)
    return GPOINTER_TO_SIZE (g_hash_table_lookup (object->object.index, key)) - 1;
  for (guint i = 0; i < members->len; i++)
    if (strcmp (g_array_index (members, Member, i).key, key) == 0)
      return i;
  return -1;
}

static void object_add (CordonJsonValue *object,
                        char            *key,
                        CordonJsonValue *member);

void
cordon_json_object_add (CordonJsonValue *object,
                        const char      *key,
                        CordonJsonValue *member)
{
  g_return_if_fail (object->kind == CORDON_JSON_OBJECT && !(object->flags & POOLED));
  g_return_if_fail (key != NULL && member != NULL && !(member->flags & POOLED));
  g_return_if_fail (find_member (object, key) < 0);

  object_add (object, g_strdup (key), member);
}

CordonJsonValue *
cordon_json_object_get (const CordonJsonValue *object,
                        const char            *key)
{
  gssize i;

  if (object->kind != CORDON_JSON_OBJECT)
    return NULL;
  i = find_member (object, key);
  return i < 0 ? NULL : g_array_index (object->object.members, Member, i).value;
}

gboolean
cordon_json_object_has (const CordonJsonValue *object,
                        const char            *key)
{
  return cordon_json_object_get (object, key) != NULL;
}

guint
cordon_json_object_get_size (const CordonJsonValue *object)
{
  return object->kind == CORDON_JSON_OBJECT ? object->object.members->len : 0;
}

const char *
cordon_json_object_get_key (const CordonJsonValue *object,
                            guint                  index)
{
  g_return_val_if_fail (index < cordon_json_object_get_size (object), NULL);
  return g_array_index (object->object.members, Member, index).key;
}

CordonJsonValue *
cordon_json_object_get_value (const CordonJsonValue *object,
                              guint                  index)
{
  g_return_val_if_fail (index < cordon_json_object_get_size (object), NULL);
  return g_array_index (object->object.members, Member, index).value;
}

/* Same kind and contents; members in the same order (what a round trip
 * through the writer keeps). */
gboolean
cordon_json_value_equal (const CordonJsonValue *a,
                         const CordonJsonValue *b)
{
  if (a->kind != b->kind)
    return FALSE;
  switch (a->kind)
    {
    case CORDON_JSON_NULL:
      return TRUE;
    case CORDON_JSON_BOOLEAN:
      return a->boolean == b->boolean;
    case CORDON_JSON_INT:
      return a->integer == b->integer;
    case CORDON_JSON_DOUBLE:
      return memcmp (&a->number, &b->number, sizeof a->number) == 0;
    case CORDON_JSON_STRING:
      return strcmp (a->string, b->string) == 0;
    case CORDON_JSON_ARRAY:
      if (a->elements->len != b->elements->len)
        return FALSE;
      for (guint i = 0; i < a->elements->len; i++)
        if (!cordon_json_value_equal (a->elements->pdata[i], b->elements->pdata[i]))
          return FALSE;
      return TRUE;
    case CORDON_JSON_OBJECT:
      if (a->object.members->len != b->object.members->len)
        return FALSE;
      for (guint i = 0; i < a->object.members->len; i++)
        {
          Member *ma = &g_array_index (a->object.members, Member, i);
          Member *mb = &g_array_index (b->object.members, Member, i);

          if (strcmp (ma->key, mb->key) != 0 || !cordon_json_value_equal (ma->value, mb->value))
            return FALSE;
        }
      return TRUE;
    default:
      g_assert_not_reached ();
    }
}

/* ---- pools --------------------------------------------------------------- */

CordonJsonPool *
cordon_json_pool_new (gsize n_values,
                      gsize n_bytes)
{
  CordonJsonPool *pool;
  gsize size;

  /* At most 10 × 100,000 values and 16 MiB of text: no overflow. */
  g_return_val_if_fail (n_values <= G_MAXSIZE / 2 / sizeof (CordonJsonValue), NULL);
  size = sizeof (CordonJsonPool) + n_values * sizeof (CordonJsonValue);
  g_return_val_if_fail (n_bytes <= G_MAXSIZE / 2 - size, NULL);

  pool = g_malloc (size + n_bytes);
  pool->n_values = n_values;
  pool->used_values = 0;
  pool->bytes = (char *) &pool->values[n_values];
  pool->n_bytes = n_bytes;
  pool->used_bytes = 0;
  pool->string_start = 0;
  return pool;
}

void
cordon_json_pool_free (CordonJsonPool *pool)
{
  g_free (pool);
}

CordonJsonValue *
cordon_json_pool_new_value (CordonJsonPool *pool,
                            CordonJsonKind  kind)
{
  CordonJsonValue *value;

  /* The reader counted: running out is a bug, never the input's doing. */
  g_assert (pool->used_values < pool->n_values);
  value = &pool->values[pool->used_values++];
  memset (value, 0, sizeof *value);
  value->flags = POOLED;
  value_init (value, kind);
  return value;
}

void
cordon_json_pool_string_begin (CordonJsonPool *pool)
{
  pool->string_start = pool->used_bytes;
}

void
cordon_json_pool_append (CordonJsonPool *pool,
                         const char     *bytes,
                         gsize           length)
{
  /* One byte stays free for the NUL. */
  g_assert (length < pool->n_bytes - pool->used_bytes);
  memcpy (pool->bytes + pool->used_bytes, bytes, length);
  pool->used_bytes += length;
}

void
cordon_json_pool_append_unichar (CordonJsonPool *pool,
                                 gunichar        c)
{
  char utf8[6];

  cordon_json_pool_append (pool, utf8, g_unichar_to_utf8 (c, utf8));
}

char *
cordon_json_pool_string_end (CordonJsonPool *pool)
{
  g_assert (pool->used_bytes < pool->n_bytes);
  pool->bytes[pool->used_bytes++] = '\0';
  return pool->bytes + pool->string_start;
}

CordonJsonValue *
cordon_json_pool_new_boolean (CordonJsonPool *pool,
                              gboolean        boolean)
{
  CordonJsonValue *value = cordon_json_pool_new_value (pool, CORDON_JSON_BOOLEAN);

  value->boolean = boolean != FALSE;
  return value;
}

CordonJsonValue *
cordon_json_pool_new_int (CordonJsonPool *pool,
                          gint64          integer)
{
  CordonJsonValue *value = cordon_json_pool_new_value (pool, CORDON_JSON_INT);

  value->integer = integer;
  return value;
}

CordonJsonValue *
cordon_json_pool_new_double (CordonJsonPool *pool,
                             double          number)
{
  CordonJsonValue *value = cordon_json_pool_new_value (pool, CORDON_JSON_DOUBLE);

  value->number = number;
  return value;
}

CordonJsonValue *
cordon_json_pool_new_string (CordonJsonPool *pool,
                             char           *text)
{
  CordonJsonValue *value = cordon_json_pool_new_value (pool, CORDON_JSON_STRING);

  value->string = text;
  return value;
}

static void
object_add (CordonJsonValue *object,
            char            *key,
            CordonJsonValue *member)
{
  GArray *members = object->object.members;
  Member entry = { key, member };

  g_array_append_val (members, entry);
  if (object->object.index == NULL && members->len >= INDEX_FROM)
    {
      /* The keys are the members' own strings, which never move. */
      object->object.index = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; i < members->len; i++)
        g_hash_table_insert (object->object.index, g_array_index (members, Member, i).key,
                             GSIZE_TO_POINTER (i + 1));
    }
  else if (object->object.index != NULL)
    g_hash_table_insert (object->object.index, key, GSIZE_TO_POINTER (members->len));
}

void
cordon_json_pool_object_add (CordonJsonValue *object,
                             char            *key,
                             CordonJsonValue *member)
{
  g_return_if_fail (object->kind == CORDON_JSON_OBJECT && (object->flags & POOLED));
  g_return_if_fail (find_member (object, key) < 0);
  object_add (object, key, member);
}

void
cordon_json_pool_give_to_root (CordonJsonPool  *pool,
                               CordonJsonValue *root)
{
  g_return_if_fail (root == &pool->values[0]);
  root->flags |= OWNS_POOL;
}

/* ---- writing ------------------------------------------------------------ */

/* As JsonGenerator escapes, with one difference: json-glib 1.6 writes
 * U+001F raw, which is not JSON (and which our reader refuses), so it is
 * escaped here like every other control character. Non-ASCII text, "/"
 * and U+2028/U+2029 are written as they are. */
void
cordon_json_write_string (GString    *out,
                          const char *value)
{
  g_string_append_c (out, '"');
  for (const char *p = value; *p != '\0'; p++)
    {
      guchar c = *p;

      switch (c)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\b':
          g_string_append (out, "\\b");
          break;
        case '\f':
          g_string_append (out, "\\f");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if (c < 0x20 || c == 0x7f)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, c);
        }
    }
  g_string_append_c (out, '"');
}

/* "%.17g", and ".0" when that looks like an integer, as JsonGenerator
 * does; json-glib 1.6 also appended ".0" after an exponent ("1e+20.0"),
 * which is not JSON: not here. Profiles hold no fractions; this is for
 * completeness. */
static void
write_double (GString *out,
              double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (buffer, sizeof buffer, "%.17g", value);
  g_string_append (out, buffer);
  if (strpbrk (buffer, ".eEn") == NULL)
    g_string_append (out, ".0");
}

void
cordon_json_value_write (const CordonJsonValue *value,
                         GString               *out)
{
  switch (value->kind)
    {
    case CORDON_JSON_NULL:
      g_string_append (out, "null");
      break;
    case CORDON_JSON_BOOLEAN:
      g_string_append (out, value->boolean ? "true" : "false");
      break;
    case CORDON_JSON_INT:
      g_string_append_printf (out, "%" G_GINT64_FORMAT, value->integer);
      break;
    case CORDON_JSON_DOUBLE:
      write_double (out, value->number);
      break;
    case CORDON_JSON_STRING:
      cordon_json_write_string (out, value->string);
      break;
    case CORDON_JSON_ARRAY:
      g_string_append_c (out, '[');
      for (guint i = 0; i < value->elements->len; i++)
        {
          if (i > 0)
            g_string_append_c (out, ',');
          cordon_json_value_write (value->elements->pdata[i], out);
        }
      g_string_append_c (out, ']');
      break;
    case CORDON_JSON_OBJECT:
      g_string_append_c (out, '{');
      for (guint i = 0; i < value->object.members->len; i++)
        {
          Member *member = &g_array_index (value->object.members, Member, i);

          if (i > 0)
            g_string_append_c (out, ',');
          cordon_json_write_string (out, member->key);
          g_string_append_c (out, ':');
          cordon_json_value_write (member->value, out);
        }
      g_string_append_c (out, '}');
      break;
    default:
      g_assert_not_reached ();
    }
}
