/* cordon-json-reader.c: strict JSON (RFC 8259) for profiles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * json-glib's parser is lenient (single quotes, hexadecimal), cuts strings
 * at "\u0000", turns lone surrogates into bytes that are not UTF-8,
 * recurses once per nesting level, keeps the last of two equal keys and
 * builds every node before anything could be counted. So profiles are read
 * here: one recursive-descent reader that first walks the text only to
 * judge it (no allocation, so a hostile file costs no memory), then walks
 * it again to build the tree (the engine's own, cordon-json-value.c). Both
 * walks are the same code.
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
  CordonJsonPool *pool; /* the second walk's, where it builds the tree */
} Reader;

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

static void
skip_space (Reader *reader)
{
  while (!at_end (reader))
    {
      char c = reader->text[reader->pos];

      if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
        return;
      reader->pos++;
    }
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

static gboolean read_value (Reader           *reader,
                            CordonJsonValue **out);

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

/* A "\uXXXX" escape at the reader's position (on the backslash). */
static gboolean
read_unicode_escape (Reader  *reader,
                     gboolean build)
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

  if (build)
    cordon_json_pool_append_unichar (reader->pool, c);
  return TRUE;
}

/* A string, the reader on its opening quote. @out is NULL on the first
 * walk; on the second, the string is built in the pool. */
static gboolean
read_string (Reader  *reader,
             char   **out)
{
  gsize opening = reader->pos;
  gboolean build = out != NULL;

  if (build)
    cordon_json_pool_string_begin (reader->pool);
  reader->pos++;
  for (;;)
    {
      gsize run = reader->pos;
      const char *p = reader->text + run;
      const char *end = reader->text + reader->length;
      guchar c;

      /* Plain characters are copied in runs. The scan keeps its place in
       * a local: every string byte passes here twice (one walk to judge,
       * one to build), and reader->pos, which a char read may alias, was
       * stored and loaded again for each. */
      while (p < end && *p != '"' && *p != '\\' && (guchar) *p >= 0x20)
        p++;
      reader->pos = p - reader->text;
      if (build && reader->pos > run)
        cordon_json_pool_append (reader->pool, reader->text + run, reader->pos - run);

      if (at_end (reader))
        return syntax_error (reader, opening, _("this string is never closed"));

      c = reader->text[reader->pos];
      if (c == '"')
        {
          reader->pos++;
          if (build)
            *out = cordon_json_pool_string_end (reader->pool);
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
          if (!read_unicode_escape (reader, build))
            return FALSE;
          continue;
        default:
          return syntax_error (reader, reader->pos,
                               _("an escape JSON does not have (it has \\\" \\\\ \\/ \\b \\f "
                               "\\n \\r \\t and \\u followed by four hexadecimal digits)"));
        }
      if (build)
        cordon_json_pool_append (reader->pool, (const char *) &c, 1);
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

static gboolean
read_number (Reader           *reader,
             CordonJsonValue **out)
{
  gsize start = reader->pos;
  gboolean integer = TRUE;

  if (peek (reader) == '-')
    reader->pos++;
  if (looking_at (reader, "Infinity"))
    return syntax_error (reader, start, _("NaN and Infinity are not JSON numbers"));

  if (peek (reader) == '0')
    {
      reader->pos++;
      if (peek (reader) == 'x' || peek (reader) == 'X')
        return syntax_error (reader, start,
                             _("hexadecimal numbers are not JSON; write the number in decimal"));
      if (g_ascii_isdigit (peek (reader)))
        return syntax_error (reader, start,
                             _("a number cannot start with a zero followed by more digits"));
    }
  else if (!read_digits (reader, _("a number needs a digit here")))
    return FALSE;

  if (peek (reader) == '.')
    {
      integer = FALSE;
      reader->pos++;
      if (!read_digits (reader, _("a number needs digits after its decimal point")))
        return FALSE;
    }
  if (peek (reader) == 'e' || peek (reader) == 'E')
    {
      integer = FALSE;
      reader->pos++;
      if (peek (reader) == '+' || peek (reader) == '-')
        reader->pos++;
      if (!read_digits (reader, _("a number needs digits in its exponent")))
        return FALSE;
    }

  if (out != NULL)
    {
      g_autofree char *copy = g_strndup (reader->text + start, reader->pos - start);
      gint64 value;

      /* Integers that fit stay integers, as json-glib reads them. */
      if (integer && g_ascii_string_to_signed (copy, 10, G_MININT64, G_MAXINT64, &value, NULL))
        *out = cordon_json_pool_new_int (reader->pool, value);
      else
        *out = cordon_json_pool_new_double (reader->pool, g_ascii_strtod (copy, NULL));
    }
  return TRUE;
}

static gboolean
read_word (Reader           *reader,
           CordonJsonValue **out)
{
  static const char *words[] = { "true", "false", "null" };
  gsize start = reader->pos;

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      gsize n = strlen (words[i]);

      if (!looking_at (reader, words[i])
          || (reader->pos + n < reader->length && is_word_char (reader->text[reader->pos + n])))
        continue;
      reader->pos += n;
      if (out != NULL)
        *out = i == 2 ? cordon_json_pool_new_value (reader->pool, CORDON_JSON_NULL)
                      : cordon_json_pool_new_boolean (reader->pool, i == 0);
      return TRUE;
    }

  if (looking_at (reader, "NaN") || looking_at (reader, "Infinity"))
    return syntax_error (reader, start, _("NaN and Infinity are not JSON numbers"));
  return syntax_error (reader, start,
                       _("expected a value: an object, a list, a string in double quotes, a "
                       "number, true, false or null"));
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

static gboolean
read_object (Reader           *reader,
             CordonJsonValue **out)
{
  g_autoptr (CordonJsonValue) object = NULL;
  guint entries = 1;

  if (!enter_container (reader))
    return FALSE;
  if (out != NULL)
    object = cordon_json_pool_new_value (reader->pool, CORDON_JSON_OBJECT);

  skip_space (reader);
  if (peek (reader) == '}')
    reader->pos++;
  else
    for (gboolean after_comma = FALSE;; after_comma = TRUE)
      {
        gsize key_start;
        char *key = NULL;
        CordonJsonValue *member = NULL;

        skip_space (reader);
        key_start = reader->pos;
        if (!read_key (reader, after_comma, out != NULL ? &key : NULL))
          return FALSE;

        /* Which of two equal keys counts is a guess readers make
         * differently; "pa\u0074h" is "path" too. */
        if (object != NULL && cordon_json_object_has (object, key))
          {
            guint line, column;

            position (reader, key_start, &line, &column);
            g_set_error (reader->error, CORDON_ERROR, CORDON_ERROR_INVALID_STATE,
                         _("The profile has the key “%s” twice in one object (line %u, column "
                         "%u); remove one of them"),
                         key, line, column);
            return FALSE;
          }

        skip_space (reader);
        if (peek (reader) != ':')
          return unexpected (reader, _("expected “:” after the key"));
        reader->pos++;

        if (!read_value (reader, out != NULL ? &member : NULL))
          return FALSE;
        if (object != NULL)
          cordon_json_pool_object_add (object, key, member);

        skip_space (reader);
        if (peek (reader) == '}')
          {
            reader->pos++;
            break;
          }
        if (peek (reader) != ',')
          return unexpected (reader, _("expected “,” or “}”"));
        if (!count_entry (reader, &entries))
          return FALSE;
        reader->pos++;
      }

  reader->depth--;
  if (out != NULL)
    *out = g_steal_pointer (&object);
  return TRUE;
}

static gboolean
read_array (Reader           *reader,
            CordonJsonValue **out)
{
  g_autoptr (CordonJsonValue) array = NULL;
  guint entries = 1;

  if (!enter_container (reader))
    return FALSE;
  if (out != NULL)
    array = cordon_json_pool_new_value (reader->pool, CORDON_JSON_ARRAY);

  skip_space (reader);
  if (peek (reader) == ']')
    reader->pos++;
  else
    for (;;)
      {
        CordonJsonValue *element = NULL;

        skip_space (reader);
        if (peek (reader) == ']')
          return syntax_error (reader, reader->pos,
                               _("a comma must be followed by another entry, not by the end "
                               "of the list"));
        if (!read_value (reader, out != NULL ? &element : NULL))
          return FALSE;
        if (array != NULL)
          cordon_json_array_append (array, element);

        skip_space (reader);
        if (peek (reader) == ']')
          {
            reader->pos++;
            break;
          }
        if (peek (reader) != ',')
          return unexpected (reader, _("expected “,” or “]”"));
        if (!count_entry (reader, &entries))
          return FALSE;
        reader->pos++;
      }

  reader->depth--;
  if (out != NULL)
    *out = g_steal_pointer (&array);
  return TRUE;
}

/* @out is NULL on the first walk. */
static gboolean
read_value (Reader           *reader,
            CordonJsonValue **out)
{
  char c;

  skip_space (reader);
  if (!count_value (reader))
    return FALSE;

  c = peek (reader);
  if (at_end (reader))
    return unexpected (reader, NULL);
  if (c == '{')
    return read_object (reader, out);
  if (c == '[')
    return read_array (reader, out);
  if (c == '"')
    {
      char *text = NULL;

      if (!read_string (reader, out != NULL ? &text : NULL))
        return FALSE;
      if (out != NULL)
        *out = cordon_json_pool_new_string (reader->pool, text);
      return TRUE;
    }
  if (c == '-' || g_ascii_isdigit (c))
    return read_number (reader, out);
  if (c == '+')
    return syntax_error (reader, reader->pos, _("a number cannot start with “+”"));
  if (c == '.')
    return syntax_error (reader, reader->pos,
                         _("a number needs a digit before its decimal point"));
  if (g_ascii_isalpha (c))
    return read_word (reader, out);
  return unexpected (reader,
                     _("expected a value: an object, a list, a string in double quotes, a "
                     "number, true, false or null"));
}

/* The whole text: one value, nothing after it but spaces. */
static gboolean
read_text (Reader           *reader,
           CordonJsonValue **out)
{
  if (!read_value (reader, out))
    return FALSE;
  skip_space (reader);
  if (!at_end (reader))
    {
      if (out != NULL)
        g_clear_pointer (out, cordon_json_value_free);
      return structure_error (reader, reader->pos, _("a profile is one JSON object"),
                              _("goes on after its end"));
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

  if (!g_utf8_validate_len (text, length, &bad))
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

  /* First walk: judge only. */
  if (!read_text (&reader, NULL))
    return NULL;

  /* Second walk: build, in one block sized by the first (a decoded string
   * and its NUL are shorter than it is in the text, quotes included; the
   * rest is a margin).
   * Only a duplicate key can still fail. */
  reader.pool = cordon_json_pool_new (reader.values, reader.length + 2 * reader.values + 1);
  reader.pos = 0;
  reader.depth = 0;
  reader.containers = 0;
  reader.values = 0;
  if (!read_text (&reader, &root))
    {
      cordon_json_pool_free (reader.pool);
      return NULL;
    }
  cordon_json_pool_give_to_root (reader.pool, root);
  return root;
}
