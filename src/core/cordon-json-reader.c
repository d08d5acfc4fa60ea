/* cordon-json-reader.c: strict JSON (RFC 8259) for profiles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * json-glib's parser is lenient (single quotes, hexadecimal), cuts strings
 * at "\u0000", turns lone surrogates into bytes that are not UTF-8,
 * recurses once per nesting level, keeps the last of two equal keys and
 * builds every node before anything could be counted. So profiles are read
 * here: one recursive-descent reader that judges the text and builds the
 * engine's own tree (cordon-json-value.c) in one walk. A hostile text costs
 * memory only as far as it is valid JSON within the limits (values, lists
 * and objects, depth, 16 MiB), which bound the tree: the tree's pool is
 * touched as the walk goes, never sized ahead.
 */
#include "config.h"

#include "cordon-i18n-private.h"

#include <string.h>

#include "cordon-error.h"
#include "cordon-json-reader-private.h"
#include "cordon-sandbox-state.h"

#define MAX_CONTAINERS (4 * CORDON_STATE_MAX_RULES)
#define MAX_VALUES (10 * CORDON_STATE_MAX_RULES)

#define RULES_LIMIT_HINT _("a profile holds at most 100000 rules")
G_STATIC_ASSERT (CORDON_STATE_MAX_RULES == 100000);

typedef struct
{
  const char *text;   /* after a byte order mark */
  gsize       length;
  gsize       pos;
  guint       depth;
  gsize       containers;
  gsize       values;
  GError    **error;
  CordonJsonPool *pool;
  /* The elements of the open lists and the members of the open objects,
   * innermost last: each is copied to the pool, closed, when it ends. */
  CordonJsonValue  **elements;
  gsize              n_elements;
  gsize              elements_room;
  CordonJsonMember  *members;
  gsize              n_members;
  gsize              members_room;
  /* The first key found twice in an object: a message only if the text
   * has nothing else wrong (syntax and limits are judged first, as when
   * the reader walked twice and met duplicates only building). */
  gsize       duplicate_at;
  char       *duplicate_key; /* in the pool; NULL: none */
  /* Short strings seen lately, for the next equal one: a profile repeats
   * its keys and access modes in every rule, and pooled strings and values
   * never change, so one copy can serve them all. */
  struct
  {
    char            *string;
    gsize            length;
    CordonJsonValue *value;  /* a string value of it, once one was read */
  } recent[16];
  gint        recent_hit; /* the slot read_string () last took a string from, or -1 */
} Reader;

/* Strings up to this long are looked for among the recent ones. */
#define RECENT_MAX 15

/* Line and column of @offset, counted in characters as an editor shows
 * them. Only computed for a message. */
static void
position (const Reader *reader,
          gsize         offset,
          guint        *line,
          guint        *column)
{
  *line = 1;
  *column = 1;
  for (gsize i = 0; i < offset && i < reader->length; i++)
    {
      guchar c = reader->text[i];

      if (c == '\n')
        {
          (*line)++;
          *column = 1;
        }
      else if ((c & 0xc0) != 0x80)
        (*column)++;
    }
}

static gboolean
syntax_error (Reader     *reader,
              gsize       offset,
              const char *words)
{
  guint line, column;

  position (reader, offset, &line, &column);
  g_set_error (reader->error, CORDON_ERROR, CORDON_ERROR_INVALID_STATE,
               _("The profile is not valid JSON: line %u, column %u: %s"), line, column, words);
  return FALSE;
}

/* "The profile <words> (line L, column C)[; <hint>]" */
static gboolean
structure_error (Reader     *reader,
                 gsize       offset,
                 const char *hint,
                 const char *words)
{
  guint line, column;

  position (reader, offset, &line, &column);
  /* Two whole sentences, not a pasted "; ": languages punctuate it differently. */
  if (hint != NULL)
    g_set_error (reader->error, CORDON_ERROR, CORDON_ERROR_INVALID_STATE,
                 /* Translators: the first %s completes "The profile …" (e.g. "is nested
                  * deeper than 64 levels"), the last %s is a hint */
                 _("The profile %s (line %u, column %u); %s"), words, line, column, hint);
  else
    g_set_error (reader->error, CORDON_ERROR, CORDON_ERROR_INVALID_STATE,
                 /* Translators: %s completes "The profile …", e.g. "is nested deeper
                  * than 64 levels" */
                 _("The profile %s (line %u, column %u)"), words, line, column);
  return FALSE;
}

static gboolean
character_error (Reader     *reader,
                 gsize       offset,
                 const char *problem)
{
  guint line, column;

  position (reader, offset, &line, &column);
  g_set_error (reader->error, CORDON_ERROR, CORDON_ERROR_INVALID_STATE,
               _("The profile has %s (line %u, column %u); that is not a character"),
               problem, line, column);
  return FALSE;
}

static gboolean
at_end (const Reader *reader)
{
  return reader->pos >= reader->length;
}

static char
peek (const Reader *reader)
{
  return at_end (reader) ? '\0' : reader->text[reader->pos];
}

static gboolean
looking_at (const Reader *reader,
            const char   *word)
{
  gsize n = strlen (word);

  return reader->length - reader->pos >= n && memcmp (reader->text + reader->pos, word, n) == 0;
}

/* Eight bytes of @p, the first in the lowest byte whatever the machine. */
static inline guint64
load_word (const char *p)
{
  guint64 word;

  memcpy (&word, p, sizeof word);
  return GUINT64_FROM_LE (word);
}

/* The first of eight bytes whose mask byte is set; @mask is not 0. Masks
 * below come from subtractions, whose borrows run only towards the later
 * bytes: a false mark only ever follows a true one. */
static inline guint
first_marked (guint64 mask)
{
  return __builtin_ctzll (mask) / 8;
}

#define BYTES(c) (G_GUINT64_CONSTANT (0x0101010101010101) * (c))

static inline gboolean
is_space (char c)
{
  return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

static inline void
skip_space (Reader *reader)
{
  const char *p = reader->text + reader->pos;
  const char *end = reader->text + reader->length;

  /* Most calls find no space at all. */
  while (p < end && is_space (*p))
    {
      p++;
      /* Profiles are indented with runs of spaces: eight at a time. */
      while (end - p >= 8)
        {
          guint64 other = load_word (p) ^ BYTES (' ');

          if (other != 0)
            {
              p += first_marked (other);
              break;
            }
          p += 8;
        }
    }
  reader->pos = p - reader->text;
}

static gboolean
is_word_char (char c)
{
  return g_ascii_isalnum (c) || c == '_' || c == '$' || (guchar) c >= 0x80;
}

/* What is at the reader's position is not what the grammar allows there.
 * The common non-JSON spellings get their own words; @expected otherwise. */
static gboolean
unexpected (Reader     *reader,
            const char *expected)
{
  if (at_end (reader))
    return syntax_error (reader, reader->pos,
                         _("the text ends before the profile is complete"));
  if (looking_at (reader, "//") || looking_at (reader, "/*"))
    return syntax_error (reader, reader->pos, _("JSON has no comments"));
  if (peek (reader) == '\'')
    return syntax_error (reader, reader->pos,
                         _("strings are written in double quotes, not single quotes"));
  return syntax_error (reader, reader->pos, expected);
}

/* For the functions that return a value: an error was set. */
static inline CordonJsonValue *
fail (gboolean set)
{
  g_assert (!set);
  return NULL;
}

static gboolean
count_value (Reader *reader)
{
  if (++reader->values > MAX_VALUES)
    {
      g_autofree char *words = g_strdup_printf (_("has more than %u values"), MAX_VALUES);
      return structure_error (reader, reader->pos, RULES_LIMIT_HINT, words);
    }
  return TRUE;
}

static CordonJsonValue *read_value (Reader *reader);

/* Four hexadecimal digits at @offset; -1 if they are not there. */
static int
hex4 (const Reader *reader,
      gsize         offset)
{
  int value = 0;

  if (offset > reader->length || reader->length - offset < 4)
    return -1;
  for (int k = 0; k < 4; k++)
    {
      int digit = g_ascii_xdigit_value (reader->text[offset + k]);

      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }
  return value;
}

/* A "\uXXXX" escape at the reader's position (on the backslash), decoded
 * to *@out, which it moves past the character. */
static gboolean
read_unicode_escape (Reader  *reader,
                     char   **out)
{
  gsize start = reader->pos;
  int value = hex4 (reader, start + 2);
  gunichar c;

  if (value < 0)
    return character_error (reader, start, _("a \\u escape without four hexadecimal digits"));
  reader->pos += 6;

  if (value == 0)
    {
      guint line, column;

      /* json-glib would have cut "/home/me\u0000/x" to "/home/me". */
      position (reader, start, &line, &column);
      g_set_error (reader->error, CORDON_ERROR, CORDON_ERROR_INVALID_STATE,
                   _("The profile contains a NUL character (\\u0000) in a string "
                   "(line %u, column %u); no path can contain one"),
                   line, column);
      return FALSE;
    }
  if (value >= 0xdc00 && value <= 0xdfff)
    return character_error (reader, start,
                            _("the second half of a UTF-16 surrogate pair without its first half"));
  if (value >= 0xd800 && value <= 0xdbff)
    {
      int low = looking_at (reader, "\\u") ? hex4 (reader, reader->pos + 2) : -1;

      if (low < 0xdc00 || low > 0xdfff)
        return character_error (reader, start,
                                _("the first half of a UTF-16 surrogate pair without its "
                                "second half"));
      reader->pos += 6;
      c = 0x10000 + ((value - 0xd800) << 10) + (low - 0xdc00);
    }
  else
    c = value;

  *out += g_unichar_to_utf8 (c, *out);
  return TRUE;
}

/* The bytes a string holds as they are: not its quote, not a backslash,
 * not a control character. */
static const guchar plain_byte[256] = {
  [0x20] = 1, [0x21] = 1, [0x23 ... 0x5b] = 1, [0x5d ... 0xff] = 1,
};

/* The first byte from @p on (to @end) that is not plain_byte[]. */
static inline const char *
skip_plain (const char *p,
            const char *end)
{
  while (end - p >= 8)
    {
      guint64 word = load_word (p);
      guint64 quote = word ^ BYTES ('"');
      guint64 backslash = word ^ BYTES ('\\');
      /* A byte is marked where it is 0 in quote or backslash, or below
       * 0x20 in word (a byte from 0x80 is never marked). */
      guint64 mask = ((quote - BYTES (0x01)) & ~quote) | ((backslash - BYTES (0x01)) & ~backslash)
                     | ((word - BYTES (0x20)) & ~word);

      mask &= BYTES (0x80);
      if (mask != 0)
        return p + first_marked (mask);
      p += 8;
    }
  while (p < end && plain_byte[(guchar) *p])
    p++;
  return p;
}

/* A string, the reader on its opening quote, decoded into the pool. */
static gboolean
read_string (Reader  *reader,
             char   **out)
{
  gsize opening = reader->pos;
  const char *start = reader->text + opening + 1;
  const char *end = reader->text + reader->length;
  const char *p = start;
  const char *stop;
  char *buffer;
  char *q;

  p = skip_plain (p, end);

  /* Most strings have no escape: copied at once, or not at all when a
   * recent one is the same. */
  reader->recent_hit = -1;
  if (p < end && *p == '"')
    {
      gsize n = p - start;
      guint slot = ((guchar) start[0] + n) % G_N_ELEMENTS (reader->recent);

      reader->pos = p + 1 - reader->text;
      if (n > RECENT_MAX)
        slot = G_MAXUINT;
      else if (reader->recent[slot].string != NULL && reader->recent[slot].length == n &&
               memcmp (reader->recent[slot].string, start, n) == 0)
        {
          reader->recent_hit = slot;
          *out = reader->recent[slot].string;
          return TRUE;
        }

      buffer = cordon_json_pool_reserve (reader->pool, n + 1);
      memcpy (buffer, start, n);
      buffer[n] = '\0';
      cordon_json_pool_commit (reader->pool, n + 1);
      if (slot != G_MAXUINT)
        {
          reader->recent[slot].string = buffer;
          reader->recent[slot].length = n;
          reader->recent[slot].value = NULL;
          reader->recent_hit = slot;
        }
      *out = buffer;
      return TRUE;
    }

  /* Room for the string's text up to its closing quote (or to where it
   * must fail): what an escape decodes to is never longer than it. */
  stop = p;
  while (stop < end && *stop != '"' && (guchar) *stop >= 0x20)
    stop += *stop == '\\' ? 2 : 1;
  stop = MIN (stop, end);
  buffer = cordon_json_pool_reserve (reader->pool, (stop - start) + 1);
  memcpy (buffer, start, p - start);
  q = buffer + (p - start);
  reader->pos = p - reader->text;

  for (;;)
    {
      gsize run = reader->pos;
      guchar c;

      p = skip_plain (reader->text + run, end);
      reader->pos = p - reader->text;
      memcpy (q, reader->text + run, reader->pos - run);
      q += reader->pos - run;

      if (at_end (reader))
        return syntax_error (reader, opening, _("this string is never closed"));

      c = reader->text[reader->pos];
      if (c == '"')
        {
          reader->pos++;
          *q++ = '\0';
          g_assert (q - buffer <= (stop - start) + 1);
          cordon_json_pool_commit (reader->pool, q - buffer);
          *out = buffer;
          return TRUE;
        }
      if (c < 0x20)
        return syntax_error (reader, reader->pos,
                             _("a control character (such as a tab or a line break) in a "
                             "string must be written as an escape: \\t, \\n or \\u00XX"));

      /* A backslash. */
      if (reader->pos + 1 >= reader->length)
        return syntax_error (reader, opening, _("this string is never closed"));
      switch (reader->text[reader->pos + 1])
        {
        case '"':
        case '\\':
        case '/':
          c = reader->text[reader->pos + 1];
          break;
        case 'b':
          c = '\b';
          break;
        case 'f':
          c = '\f';
          break;
        case 'n':
          c = '\n';
          break;
        case 'r':
          c = '\r';
          break;
        case 't':
          c = '\t';
          break;
        case 'u':
          if (!read_unicode_escape (reader, &q))
            return FALSE;
          continue;
        default:
          return syntax_error (reader, reader->pos,
                               _("an escape JSON does not have (it has \\\" \\\\ \\/ \\b \\f "
                               "\\n \\r \\t and \\u followed by four hexadecimal digits)"));
        }
      *q++ = c;
      reader->pos += 2;
    }
}

static gboolean
read_digits (Reader     *reader,
             const char *missing)
{
  if (!g_ascii_isdigit (peek (reader)))
    return syntax_error (reader, reader->pos, missing);
  while (g_ascii_isdigit (peek (reader)))
    reader->pos++;
  return TRUE;
}

static CordonJsonValue *
read_number (Reader *reader)
{
  gsize start = reader->pos;
  gboolean integer = TRUE;

  if (peek (reader) == '-')
    reader->pos++;
  if (looking_at (reader, "Infinity"))
    return fail (syntax_error (reader, start, _("NaN and Infinity are not JSON numbers")));

  if (peek (reader) == '0')
    {
      reader->pos++;
      if (peek (reader) == 'x' || peek (reader) == 'X')
        return fail (syntax_error (reader, start, _("hexadecimal numbers are not JSON; write the "
                                                    "number in decimal")));
      if (g_ascii_isdigit (peek (reader)))
        return fail (syntax_error (reader, start, _("a number cannot start with a zero followed "
                                                    "by more digits")));
    }
  else if (!read_digits (reader, _("a number needs a digit here")))
    return NULL;

  if (peek (reader) == '.')
    {
      integer = FALSE;
      reader->pos++;
      if (!read_digits (reader, _("a number needs digits after its decimal point")))
        return NULL;
    }
  if (peek (reader) == 'e' || peek (reader) == 'E')
    {
      integer = FALSE;
      reader->pos++;
      if (peek (reader) == '+' || peek (reader) == '-')
        reader->pos++;
      if (!read_digits (reader, _("a number needs digits in its exponent")))
        return NULL;
    }

  {
    g_autofree char *copy = g_strndup (reader->text + start, reader->pos - start);
    gint64 value;

    /* Integers that fit stay integers, as json-glib reads them. */
    if (integer && g_ascii_string_to_signed (copy, 10, G_MININT64, G_MAXINT64, &value, NULL))
      return cordon_json_pool_new_int (reader->pool, value);
    return cordon_json_pool_new_double (reader->pool, g_ascii_strtod (copy, NULL));
  }
}

static CordonJsonValue *
read_word (Reader *reader)
{
  static const char *words[] = { "true", "false", "null" };
  gsize start = reader->pos;

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      gsize n = strlen (words[i]);

      if (reader->text[reader->pos] != words[i][0] || !looking_at (reader, words[i])
          || (reader->pos + n < reader->length && is_word_char (reader->text[reader->pos + n])))
        continue;
      reader->pos += n;
      return i == 2 ? cordon_json_pool_new_null (reader->pool)
                    : cordon_json_pool_new_boolean (reader->pool, i == 0);
    }

  if (looking_at (reader, "NaN") || looking_at (reader, "Infinity"))
    return fail (syntax_error (reader, start, _("NaN and Infinity are not JSON numbers")));
  return fail (syntax_error (reader, start,
                             _("expected a value: an object, a list, a string in double "
                             "quotes, a number, true, false or null")));
}

/* Opens an object or list: the limits are checked before anything is built. */
static gboolean
enter_container (Reader *reader)
{
  if (reader->depth == CORDON_JSON_MAX_DEPTH)
    {
      g_autofree char *words = g_strdup_printf (_("is nested deeper than %u levels"),
                                                CORDON_JSON_MAX_DEPTH);
      return structure_error (reader, reader->pos, NULL, words);
    }
  if (++reader->containers > MAX_CONTAINERS)
    {
      g_autofree char *words = g_strdup_printf (_("has more than %u objects and lists"),
                                                MAX_CONTAINERS);
      return structure_error (reader, reader->pos, RULES_LIMIT_HINT, words);
    }
  reader->depth++;
  reader->pos++;
  return TRUE;
}

/* After a comma: one more entry in a list or object. */
static gboolean
count_entry (Reader *reader,
             guint  *entries)
{
  if (++(*entries) > CORDON_STATE_MAX_RULES)
    {
      g_autofree char *words = g_strdup_printf (_("has a list or object of more than %u "
                                                "entries"), CORDON_STATE_MAX_RULES);
      return structure_error (reader, reader->pos, RULES_LIMIT_HINT, words);
    }
  return TRUE;
}

static gboolean
read_key (Reader   *reader,
          gboolean  after_comma,
          char    **out)
{
  char c = peek (reader);

  if (c == '"')
    return read_string (reader, out);
  if (c == '}' && after_comma)
    return syntax_error (reader, reader->pos,
                         _("a comma must be followed by another entry, not by the end of the "
                         "object"));
  if (is_word_char (c) && !at_end (reader))
    return syntax_error (reader, reader->pos,
                         _("a key must be a string in double quotes"));
  return unexpected (reader, _("expected a key in double quotes"));
}

/* Where @key already is among the members of the object being read,
 * which start at @base; -1 if it is not. */
static gssize
find_key (Reader     *reader,
          gsize       base,
          GHashTable *index,
          const char *key)
{
  gsize n = reader->n_members - base;

  if (index != NULL)
    return GPOINTER_TO_SIZE (g_hash_table_lookup (index, key)) - 1;
  /* Indexed, not reader->members + base: the stack is NULL until the first
   * member, and NULL + 0 is undefined. */
  for (gsize i = 0; i < n; i++)
    {
      const CordonJsonMember *member = &reader->members[base + i];

      if (member->key[0] == key[0] && strcmp (member->key, key) == 0)
        return i;
    }
  return -1;
}

/* Room for one more element or member on the reader's stacks. The limits
 * on values bound them. */
static void
push_element (Reader          *reader,
              CordonJsonValue *element)
{
  if (reader->n_elements == reader->elements_room)
    {
      reader->elements_room = MAX (64, 2 * reader->elements_room);
      reader->elements = g_renew (CordonJsonValue *, reader->elements, reader->elements_room);
    }
  reader->elements[reader->n_elements++] = element;
}

static void
push_member (Reader                 *reader,
             const CordonJsonMember *member)
{
  if (reader->n_members == reader->members_room)
    {
      reader->members_room = MAX (64, 2 * reader->members_room);
      reader->members = g_renew (CordonJsonMember, reader->members, reader->members_room);
    }
  reader->members[reader->n_members++] = *member;
}

static CordonJsonValue *
read_object (Reader *reader)
{
  /* Its members wait on the reader's stack until it closes. */
  gsize base = reader->n_members;
  g_autoptr (GHashTable) index = NULL;
  CordonJsonValue *object;
  guint entries = 1;

  if (!enter_container (reader))
    return NULL;

  skip_space (reader);
  if (peek (reader) == '}')
    reader->pos++;
  else
    for (gboolean after_comma = FALSE;; after_comma = TRUE)
      {
        CordonJsonMember member;
        gsize key_start;
        gboolean twice;

        skip_space (reader);
        key_start = reader->pos;
        if (!read_key (reader, after_comma, &member.key))
          return NULL;

        /* Which of two equal keys counts is a guess readers make
         * differently; "pa\u0074h" is "path" too. */
        twice = find_key (reader, base, index, member.key) >= 0;
        if (twice && reader->duplicate_key == NULL)
          {
            reader->duplicate_key = member.key;
            reader->duplicate_at = key_start;
          }

        skip_space (reader);
        if (peek (reader) != ':')
          return fail (unexpected (reader, _("expected “:” after the key")));
        reader->pos++;

        member.value = read_value (reader);
        if (member.value == NULL)
          return NULL;
        if (!twice)
          {
            push_member (reader, &member);
            if (index != NULL)
              g_hash_table_insert (index, member.key,
                                   GSIZE_TO_POINTER (reader->n_members - base));
            else if (reader->n_members - base >= CORDON_JSON_INDEX_FROM)
              {
                index = g_hash_table_new (g_str_hash, g_str_equal);
                for (gsize i = base; i < reader->n_members; i++)
                  g_hash_table_insert (index, reader->members[i].key,
                                       GSIZE_TO_POINTER (i - base + 1));
              }
          }

        skip_space (reader);
        if (peek (reader) == '}')
          {
            reader->pos++;
            break;
          }
        if (peek (reader) != ',')
          return fail (unexpected (reader, _("expected “,” or “}”")));
        if (!count_entry (reader, &entries))
          return NULL;
        reader->pos++;
      }

  reader->depth--;
  object = cordon_json_pool_new_object (reader->pool,
                                        reader->n_members > base ? &reader->members[base] : NULL,
                                        reader->n_members - base, g_steal_pointer (&index));
  reader->n_members = base;
  return object;
}

static CordonJsonValue *
read_array (Reader *reader)
{
  /* Its elements wait on the reader's stack until it closes. */
  gsize base = reader->n_elements;
  CordonJsonValue *array;
  guint entries = 1;

  if (!enter_container (reader))
    return NULL;

  skip_space (reader);
  if (peek (reader) == ']')
    reader->pos++;
  else
    for (;;)
      {
        CordonJsonValue *element;

        skip_space (reader);
        if (peek (reader) == ']')
          return fail (syntax_error (reader, reader->pos,
                                     _("a comma must be followed by another entry, not by the "
                                     "end of the list")));
        element = read_value (reader);
        if (element == NULL)
          return NULL;
        push_element (reader, element);

        skip_space (reader);
        if (peek (reader) == ']')
          {
            reader->pos++;
            break;
          }
        if (peek (reader) != ',')
          return fail (unexpected (reader, _("expected “,” or “]”")));
        if (!count_entry (reader, &entries))
          return NULL;
        reader->pos++;
      }

  reader->depth--;
  array = cordon_json_pool_new_array (reader->pool,
                                      reader->n_elements > base ? &reader->elements[base] : NULL,
                                      reader->n_elements - base);
  reader->n_elements = base;
  return array;
}

static CordonJsonValue *
read_value (Reader *reader)
{
  char c;

  skip_space (reader);
  if (!count_value (reader))
    return NULL;

  c = peek (reader);
  if (at_end (reader))
    return fail (unexpected (reader, NULL));
  if (c == '{')
    return read_object (reader);
  if (c == '[')
    return read_array (reader);
  if (c == '"')
    {
      char *text;

      if (!read_string (reader, &text))
        return NULL;
      if (reader->recent_hit >= 0)
        {
          CordonJsonValue **value = &reader->recent[reader->recent_hit].value;

          if (*value == NULL)
            *value = cordon_json_pool_new_string (reader->pool, text);
          return *value;
        }
      return cordon_json_pool_new_string (reader->pool, text);
    }
  if (c == '-' || g_ascii_isdigit (c))
    return read_number (reader);
  if (c == '+')
    return fail (syntax_error (reader, reader->pos, _("a number cannot start with “+”")));
  if (c == '.')
    return fail (syntax_error (reader, reader->pos,
                               _("a number needs a digit before its decimal point")));
  if (g_ascii_isalpha (c))
    return read_word (reader);
  return fail (unexpected (reader,
                           _("expected a value: an object, a list, a string in double quotes, "
                           "a number, true, false or null")));
}

/* The whole text: one value, nothing after it but spaces, no key twice. */
static CordonJsonValue *
read_text (Reader *reader)
{
  CordonJsonValue *value = read_value (reader);

  if (value == NULL)
    return NULL;
  skip_space (reader);
  if (!at_end (reader))
    return fail (structure_error (reader, reader->pos, _("a profile is one JSON object"),
                                  _("goes on after its end")));
  if (reader->duplicate_key != NULL)
    {
      guint line, column;

      position (reader, reader->duplicate_at, &line, &column);
      g_set_error (reader->error, CORDON_ERROR, CORDON_ERROR_INVALID_STATE,
                   _("The profile has the key “%s” twice in one object (line %u, column "
                   "%u); remove one of them"),
                   reader->duplicate_key, line, column);
      return NULL;
    }
  return value;
}

/* g_utf8_validate_len () of the whole text, with the same answer, in a
 * fraction of the time for the ASCII a profile mostly is: ASCII is skipped
 * a word at a time and GLib judges each run of other bytes. An ASCII byte
 * always ends a character, so each run starts on a character boundary,
 * and a sequence cut short by one is invalid where the run ends it. */
gboolean
cordon_json_validate_utf8 (const char  *text,
                           gsize        length,
                           const char **bad)
{
  const guchar *p = (const guchar *) text;
  const guchar *end = p + length;

  while (p < end)
    {
      const guchar *run;

      for (guint64 words[4]; end - p >= 32; p += 32)
        {
          memcpy (words, p, sizeof words);
          if (((words[0] | words[1] | words[2] | words[3]) & BYTES (0x80)) != 0)
            break;
        }
      while (p < end && *p < 0x80)
        p++;
      if (p == end)
        break;
      run = p;
      while (p < end && *p >= 0x80)
        p++;
      if (!g_utf8_validate_len ((const char *) run, p - run, bad))
        return FALSE;
    }
  return TRUE;
}

/* Before the grammar: what no JSON text may hold, whatever its shape. */
static gboolean
check_bytes (const char  *text,
             gsize        length,
             Reader      *reader)
{
  const char *bad;
  guint line, column;

  if (length > CORDON_STATE_MAX_BYTES)
    {
      g_autofree char *size = g_format_size_full (length, G_FORMAT_SIZE_IEC_UNITS);
      g_set_error (reader->error, CORDON_ERROR, CORDON_ERROR_INVALID_STATE,
                   _("The profile is %s, more than the largest allowed (16 MiB)"), size);
      return FALSE;
    }

  bad = memchr (text, '\0', length);
  if (bad != NULL)
    {
      position (reader, bad - reader->text, &line, &column);
      g_set_error (reader->error, CORDON_ERROR, CORDON_ERROR_INVALID_STATE,
                   _("The profile contains a NUL byte (line %u, column %u)"), line, column);
      return FALSE;
    }

  if (!cordon_json_validate_utf8 (text, length, &bad))
    {
      position (reader, bad - reader->text, &line, &column);
      g_set_error (reader->error, CORDON_ERROR, CORDON_ERROR_INVALID_STATE,
                   _("The profile is not valid UTF-8 text (line %u, column %u)"), line, column);
      return FALSE;
    }
  return TRUE;
}

CordonJsonValue *
cordon_json_read (const char  *text,
                  gsize        length,
                  GError     **error)
{
  static const char bom[] = "\xef\xbb\xbf";
  Reader reader = { .text = text, .length = length, .error = error };
  CordonJsonValue *root = NULL;

  g_return_val_if_fail (text != NULL || length == 0, NULL);

  /* RFC 8259 §8.1: a reader may ignore a byte order mark. Positions are
   * counted after it, as an editor shows the text. */
  if (length >= 3 && memcmp (text, bom, 3) == 0)
    {
      reader.text += 3;
      reader.length -= 3;
    }

  if (!check_bytes (text, length, &reader))
    return NULL;

  skip_space (&reader);
  if (at_end (&reader))
    {
      g_set_error_literal (error, CORDON_ERROR, CORDON_ERROR_INVALID_STATE,
                           _("The profile is empty (expected a JSON object with “fs” and "
                           "“net_blocked”)"));
      return NULL;
    }

  /* Profiles are pretty-printed: their tree takes about twice their text. */
  reader.pool = cordon_json_pool_new (2 * reader.length);
  root = read_text (&reader);
  g_free (reader.elements);
  g_free (reader.members);
  if (root == NULL)
    {
      cordon_json_pool_free (reader.pool);
      return NULL;
    }
  return cordon_json_pool_take_root (reader.pool, root);
}
