/* cordon-json-value.c: the JSON tree the engine reads profiles into
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cordon-json-private.h"
#include "cordon-json-value-private.h"

typedef CordonJsonMember Member;

enum
{
  POOLED = 1 << 0,    /* taken from a pool */
  OWNS_POOL = 1 << 1, /* the root of a pool's tree (a Root) */
};

struct _CordonJsonValue
{
  guint8  kind;   /* CordonJsonKind */
  guint8  flags;
  guint32 length; /* of a list or an object */
  union
  {
    gboolean          boolean;
    gint64            integer;
    double            number;
    char             *string;
    CordonJsonValue **elements;
    Member           *members;
  };
};

/* 16 bytes: a profile's tree has about two values a rule, and their size
 * is pages touched at every launch. */
G_STATIC_ASSERT (sizeof (CordonJsonValue) == 16 || GLIB_SIZEOF_VOID_P != 8);

/* An object of CORDON_JSON_INDEX_FROM members or more finds a key through
 * a hash table (key → position + 1), kept just before its first member. */
typedef struct
{
  GHashTable *index;
  gpointer    padding; /* members stay aligned as a Member array is */
} IndexSlot;

G_STATIC_ASSERT (sizeof (IndexSlot) == sizeof (Member));

static GHashTable *
object_index (const CordonJsonValue *object)
{
  if (object->length < CORDON_JSON_INDEX_FROM)
    return NULL;
  return ((IndexSlot *) object->members)[-1].index;
}

/* Where a hand-made object's members were allocated. */
static gpointer
members_block (const CordonJsonValue *object)
{
  return object->length >= CORDON_JSON_INDEX_FROM ? (gpointer) ((IndexSlot *) object->members - 1)
                                                  : (gpointer) object->members;
}

/* A chunk of a pool; its memory follows, aligned as malloc aligns. */
typedef struct _Chunk Chunk;
struct _Chunk
{
  Chunk *next;
  gsize  padding;
};

struct _CordonJsonPool
{
  char      *free;      /* the current chunk's unused part */
  char      *end;
  Chunk     *chunks;
  gsize      next_size; /* of the next chunk */
  GPtrArray *indexes;   /* the objects' hash tables, or NULL */
  /* Pooled values never change: one null, one false, one true serve the
   * whole tree (a profile has a boolean per rule). */
  CordonJsonValue *null;
  CordonJsonValue *booleans[2];
};

/* The root of a pool's tree knows its pool. */
typedef struct
{
  CordonJsonPool  *pool;
  gsize            padding;
  CordonJsonValue  value;
} Root;

#define POOL_CHUNK_MIN 4096
#define POOL_CHUNK_MAX (4 * 1024 * 1024)

/* Hand-made lists and objects have room for their length rounded up to a
 * power of two, at least this. */
#define CONTAINER_START 4

/* Whether a hand-made list or object of @length entries is full. */
static gboolean
container_full (guint length)
{
  return length == 0 || (length >= CONTAINER_START && (length & (length - 1)) == 0);
}

static CordonJsonValue *
value_new (CordonJsonKind kind)
{
  CordonJsonValue *value = g_new0 (CordonJsonValue, 1);

  value->kind = kind;
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

/* What a value made by hand holds: its children are made by hand too. */
static void
value_clear (CordonJsonValue *value)
{
  switch (value->kind)
    {
    case CORDON_JSON_STRING:
      g_free (value->string);
      break;
    case CORDON_JSON_ARRAY:
      for (guint i = 0; i < value->length; i++)
        value_free (value->elements[i]);
      g_free (value->elements);
      break;
    case CORDON_JSON_OBJECT:
      for (guint i = 0; i < value->length; i++)
        {
          g_free (value->members[i].key);
          value_free (value->members[i].value);
        }
      if (object_index (value) != NULL)
        g_hash_table_unref (object_index (value));
      g_free (members_block (value));
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
  if (value->flags & OWNS_POOL)
    cordon_json_pool_free (((Root *) ((char *) value - G_STRUCT_OFFSET (Root, value)))->pool);
  else if (!(value->flags & POOLED))
    {
      value_clear (value);
      g_free (value);
    }
  /* Any other value of a pool goes with the pool. */
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
  g_return_if_fail (array->kind == CORDON_JSON_ARRAY && !(array->flags & POOLED));
  g_return_if_fail (element != NULL && !(element->flags & POOLED));

  if (container_full (array->length))
    array->elements = g_renew (CordonJsonValue *, array->elements,
                               MAX (CONTAINER_START, 2 * array->length));
  array->elements[array->length++] = element;
}

guint
cordon_json_array_get_length (const CordonJsonValue *array)
{
  return array->kind == CORDON_JSON_ARRAY ? array->length : 0;
}

CordonJsonValue *
cordon_json_array_get (const CordonJsonValue *array,
                       guint                  index)
{
  g_return_val_if_fail (index < cordon_json_array_get_length (array), NULL);
  return array->elements[index];
}

/* The position of @key in @object's members, or -1. */
static gssize
find_member (const CordonJsonValue *object,
             const char            *key)
{
  GHashTable *index = object_index (object);

  if (index != NULL)
    return GPOINTER_TO_SIZE (g_hash_table_lookup (index, key)) - 1;
  for (guint i = 0; i < object->length; i++)
    if (strcmp (object->members[i].key, key) == 0)
      return i;
  return -1;
}

/* The keys are the members' own strings, which never move. */
static GHashTable *
index_new (const Member *members,
           guint         n)
{
  GHashTable *index = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < n; i++)
    g_hash_table_insert (index, members[i].key, GSIZE_TO_POINTER (i + 1));
  return index;
}

void
cordon_json_object_add (CordonJsonValue *object,
                        const char      *key,
                        CordonJsonValue *member)
{
  Member *entry;

  g_return_if_fail (object->kind == CORDON_JSON_OBJECT && !(object->flags & POOLED));
  g_return_if_fail (key != NULL && member != NULL && !(member->flags & POOLED));
  g_return_if_fail (find_member (object, key) < 0);

  if (container_full (object->length))
    {
      guint room = MAX (CONTAINER_START, 2 * object->length);

      if (object->length + 1 < CORDON_JSON_INDEX_FROM)
        object->members = g_renew (Member, object->members, room);
      else
        {
          /* Room for the index before the members from now on. The index
           * points at keys, not at places: it survives the move. */
          GHashTable *index = object_index (object);
          IndexSlot *block = g_renew (IndexSlot, members_block (object), room + 1);

          if (index == NULL)
            memmove (block + 1, block, object->length * sizeof (Member));
          block[0].index = index;
          object->members = (Member *) (block + 1);
        }
    }
  entry = &object->members[object->length++];
  entry->key = g_strdup (key);
  entry->value = member;
  if (object->length > CORDON_JSON_INDEX_FROM)
    g_hash_table_insert (object_index (object), entry->key, GSIZE_TO_POINTER (object->length));
  else if (object->length == CORDON_JSON_INDEX_FROM)
    ((IndexSlot *) object->members)[-1].index = index_new (object->members, object->length);
}

CordonJsonValue *
cordon_json_object_get (const CordonJsonValue *object,
                        const char            *key)
{
  gssize i;

  if (object->kind != CORDON_JSON_OBJECT)
    return NULL;
  i = find_member (object, key);
  return i < 0 ? NULL : object->members[i].value;
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
  return object->kind == CORDON_JSON_OBJECT ? object->length : 0;
}

const CordonJsonMember *
cordon_json_object_peek_members (const CordonJsonValue *object,
                                 guint                 *n)
{
  *n = cordon_json_object_get_size (object);
  return *n > 0 ? object->members : NULL;
}

const char *
cordon_json_object_get_key (const CordonJsonValue *object,
                            guint                  index)
{
  g_return_val_if_fail (index < cordon_json_object_get_size (object), NULL);
  return object->members[index].key;
}

CordonJsonValue *
cordon_json_object_get_value (const CordonJsonValue *object,
                              guint                  index)
{
  g_return_val_if_fail (index < cordon_json_object_get_size (object), NULL);
  return object->members[index].value;
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
      if (a->length != b->length)
        return FALSE;
      for (guint i = 0; i < a->length; i++)
        if (!cordon_json_value_equal (a->elements[i], b->elements[i]))
          return FALSE;
      return TRUE;
    case CORDON_JSON_OBJECT:
      if (a->length != b->length)
        return FALSE;
      for (guint i = 0; i < a->length; i++)
        {
          const Member *ma = &a->members[i];
          const Member *mb = &b->members[i];

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
cordon_json_pool_new (gsize size_hint)
{
  CordonJsonPool *pool = g_new0 (CordonJsonPool, 1);

  pool->next_size = CLAMP (size_hint, POOL_CHUNK_MIN, POOL_CHUNK_MAX);
  return pool;
}

void
cordon_json_pool_free (CordonJsonPool *pool)
{
  Chunk *next;

  if (pool->indexes != NULL)
    g_ptr_array_free (pool->indexes, TRUE);
  for (Chunk *chunk = pool->chunks; chunk != NULL; chunk = next)
    {
      next = chunk->next;
      g_free (chunk);
    }
  g_free (pool);
}

/* @n bytes at the pool's end, in a new chunk if the current one is short. */
static char *
pool_room (CordonJsonPool *pool,
           gsize           n)
{
  Chunk *chunk;
  gsize size;

  if (pool->free != NULL && (gsize) (pool->end - pool->free) >= n)
    return pool->free;

  /* Chunks double, up to a bound: few of them, and little unused. The
   * reader's text (16 MiB at most) bounds @n. */
  g_assert (n <= G_MAXSIZE / 4);
  size = MAX (pool->next_size, n);
  pool->next_size = MIN (2 * pool->next_size, POOL_CHUNK_MAX);
  chunk = g_malloc (sizeof (Chunk) + size);
  chunk->next = pool->chunks;
  pool->chunks = chunk;
  pool->free = (char *) (chunk + 1);
  pool->end = pool->free + size;
  return pool->free;
}

/* @n bytes aligned for a value or a pointer. */
static gpointer
pool_alloc (CordonJsonPool *pool,
            gsize           n)
{
  gsize misaligned = GPOINTER_TO_SIZE (pool->free) % sizeof (gpointer);
  char *start;

  /* Strings leave the end unaligned (a pool without a chunk yet is not). */
  if (misaligned != 0 && (gsize) (pool->end - pool->free) >= sizeof (gpointer) - misaligned)
    pool->free += sizeof (gpointer) - misaligned;
  start = pool_room (pool, n);
  pool->free = start + n;
  return start;
}

CordonJsonValue *
cordon_json_pool_new_value (CordonJsonPool *pool,
                            CordonJsonKind  kind)
{
  CordonJsonValue *value = pool_alloc (pool, sizeof (CordonJsonValue));

  memset (value, 0, sizeof *value);
  value->kind = kind;
  value->flags = POOLED;
  return value;
}

char *
cordon_json_pool_reserve (CordonJsonPool *pool,
                          gsize           n)
{
  return pool_room (pool, n);
}

void
cordon_json_pool_commit (CordonJsonPool *pool,
                         gsize           used)
{
  /* cordon_json_pool_reserve () made a chunk. */
  g_assert (pool->free != NULL && used <= (gsize) (pool->end - pool->free));
  pool->free += used;
}

CordonJsonValue *
cordon_json_pool_new_boolean (CordonJsonPool *pool,
                              gboolean        boolean)
{
  CordonJsonValue **shared = &pool->booleans[boolean != FALSE];

  if (*shared == NULL)
    {
      *shared = cordon_json_pool_new_value (pool, CORDON_JSON_BOOLEAN);
      (*shared)->boolean = boolean != FALSE;
    }
  return *shared;
}

CordonJsonValue *
cordon_json_pool_new_null (CordonJsonPool *pool)
{
  if (pool->null == NULL)
    pool->null = cordon_json_pool_new_value (pool, CORDON_JSON_NULL);
  return pool->null;
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

CordonJsonValue *
cordon_json_pool_new_array (CordonJsonPool         *pool,
                            CordonJsonValue *const *elements,
                            guint                   n)
{
  CordonJsonValue *value = cordon_json_pool_new_value (pool, CORDON_JSON_ARRAY);

  if (n > 0)
    {
      value->elements = pool_alloc (pool, n * sizeof (CordonJsonValue *));
      memcpy (value->elements, elements, n * sizeof (CordonJsonValue *));
    }
  value->length = n;
  return value;
}

CordonJsonValue *
cordon_json_pool_new_object (CordonJsonPool         *pool,
                             const CordonJsonMember *members,
                             guint                   n,
                             GHashTable             *index)
{
  CordonJsonValue *value = cordon_json_pool_new_value (pool, CORDON_JSON_OBJECT);

  if (n >= CORDON_JSON_INDEX_FROM)
    {
      IndexSlot *slot = pool_alloc (pool, sizeof (IndexSlot) + n * sizeof (Member));

      value->members = (Member *) (slot + 1);
      memcpy (value->members, members, n * sizeof (Member));
      if (index == NULL)
        index = index_new (value->members, n);
      g_assert (g_hash_table_size (index) == n);
      if (pool->indexes == NULL)
        pool->indexes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
      g_ptr_array_add (pool->indexes, index);
      slot->index = index;
    }
  else if (n > 0)
    {
      g_return_val_if_fail (index == NULL, value);
      value->members = pool_alloc (pool, n * sizeof (Member));
      memcpy (value->members, members, n * sizeof (Member));
    }
  value->length = n;
  return value;
}

CordonJsonValue *
cordon_json_pool_take_root (CordonJsonPool  *pool,
                            CordonJsonValue *value)
{
  Root *root;

  g_return_val_if_fail (value->flags == POOLED, NULL);
  root = pool_alloc (pool, sizeof (Root));
  root->pool = pool;
  root->value = *value;
  root->value.flags |= OWNS_POOL;
  return &root->value;
}

/* ---- writing ------------------------------------------------------------ */

/* The one string writer, in two styles. Profiles and cordon-run's lines
 * (cordon_json_append_string) escape only what JSON requires, so paths
 * stay readable in the file. The tree's writer (cordon_json_write_string)
 * escapes as JsonGenerator does: \b \f \r by name and DEL as well, with
 * one difference: json-glib 1.6 writes U+001F raw, which is not JSON (and
 * which our reader refuses), so it is escaped here like every other
 * control character. Non-ASCII text, "/" and U+2028/U+2029 are written as
 * they are in both. */
static const char *
named_escape (guchar   c,
              gboolean as_json_glib)
{
  switch (c)
    {
    case '"':
      return "\\\"";
    case '\\':
      return "\\\\";
    case '\n':
      return "\\n";
    case '\t':
      return "\\t";
    case '\b':
      return as_json_glib ? "\\b" : NULL;
    case '\f':
      return as_json_glib ? "\\f" : NULL;
    case '\r':
      return as_json_glib ? "\\r" : NULL;
    default:
      return NULL;
    }
}

static void
write_string (GString    *out,
              const char *value,
              gboolean    as_json_glib)
{
  g_string_append_c (out, '"');
  for (const char *p = value; *p != '\0'; p++)
    {
      guchar c = *p;
      const char *named = named_escape (c, as_json_glib);

      if (named != NULL)
        g_string_append (out, named);
      else if (c < 0x20 || (as_json_glib && c == 0x7f))
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, c);
    }
  g_string_append_c (out, '"');
}

void
cordon_json_write_string (GString    *out,
                          const char *value)
{
  write_string (out, value, TRUE);
}

void
cordon_json_append_string (GString    *out,
                           const char *value)
{
  write_string (out, value, FALSE);
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
      for (guint i = 0; i < value->length; i++)
        {
          if (i > 0)
            g_string_append_c (out, ',');
          cordon_json_value_write (value->elements[i], out);
        }
      g_string_append_c (out, ']');
      break;
    case CORDON_JSON_OBJECT:
      g_string_append_c (out, '{');
      for (guint i = 0; i < value->length; i++)
        {
          const Member *member = &value->members[i];

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
