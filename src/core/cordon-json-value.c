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

struct _CordonJsonValue
{
  CordonJsonKind kind;
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
  CordonJsonValue *self = value_new (CORDON_JSON_ARRAY);

  self->elements = g_ptr_array_new_with_free_func ((GDestroyNotify) cordon_json_value_free);
  return self;
}

static void
member_clear (gpointer data)
{
  Member *member = data;

  g_free (member->key);
  cordon_json_value_free (member->value);
}

CordonJsonValue *
cordon_json_value_new_object (void)
{
  CordonJsonValue *self = value_new (CORDON_JSON_OBJECT);

  self->object.members = g_array_new (FALSE, FALSE, sizeof (Member));
  g_array_set_clear_func (self->object.members, member_clear);
  return self;
}

void
cordon_json_value_free (CordonJsonValue *value)
{
  if (value == NULL)
    return;
  switch (value->kind)
    {
    case CORDON_JSON_STRING:
      g_free (value->string);
      break;
    case CORDON_JSON_ARRAY:
      g_ptr_array_unref (value->elements);
      break;
    case CORDON_JSON_OBJECT:
      g_clear_pointer (&value->object.index, g_hash_table_unref);
      g_array_unref (value->object.members);
      break;
    case CORDON_JSON_NULL:
    case CORDON_JSON_BOOLEAN:
    case CORDON_JSON_INT:
    case CORDON_JSON_DOUBLE:
    default:
      break;
    }
  g_free (value);
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

void
cordon_json_object_add (CordonJsonValue *object,
                        const char      *key,
                        CordonJsonValue *member)
{
  GArray *members;
  Member entry;

  g_return_if_fail (object->kind == CORDON_JSON_OBJECT);
  g_return_if_fail (key != NULL && member != NULL);
  g_return_if_fail (find_member (object, key) < 0);

  members = object->object.members;
  entry.key = g_strdup (key);
  entry.value = member;
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
    g_hash_table_insert (object->object.index, entry.key, GSIZE_TO_POINTER (members->len));
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
