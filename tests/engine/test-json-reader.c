/* test-json-reader.c: the strict JSON reader behind every profile
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "cordon.h"
#include "cordon-json-reader-private.h"

/* The engine's tree as a json-glib tree, to compare with json-glib's parser. */
static JsonNode *
to_json_glib (const CordonJsonValue *value)
{
  JsonNode *node = json_node_alloc ();

  switch (cordon_json_value_get_kind (value))
    {
    case CORDON_JSON_NULL:
      return json_node_init_null (node);
    case CORDON_JSON_BOOLEAN:
      return json_node_init_boolean (node, cordon_json_value_get_boolean (value));
    case CORDON_JSON_INT:
      return json_node_init_int (node, cordon_json_value_get_int (value));
    case CORDON_JSON_DOUBLE:
      return json_node_init_double (node, cordon_json_value_get_double (value));
    case CORDON_JSON_STRING:
      return json_node_init_string (node, cordon_json_value_get_string (value));
    case CORDON_JSON_ARRAY:
      {
        g_autoptr (JsonArray) array = json_array_new ();

        for (guint i = 0; i < cordon_json_array_get_length (value); i++)
          json_array_add_element (array, to_json_glib (cordon_json_array_get (value, i)));
        return json_node_init_array (node, array);
      }
    case CORDON_JSON_OBJECT:
      {
        g_autoptr (JsonObject) object = json_object_new ();

        for (guint i = 0; i < cordon_json_object_get_size (value); i++)
          json_object_set_member (object, cordon_json_object_get_key (value, i),
                                  to_json_glib (cordon_json_object_get_value (value, i)));
        return json_node_init_object (node, object);
      }
    default:
      g_assert_not_reached ();
    }
}

/* The tree the engine reads, as json-glib nodes; NULL with @error set. */
static JsonNode *
strict_tree (const char  *json,
             gsize        length,
             GError     **error)
{
  g_autoptr (CordonJsonValue) value = cordon_json_read (json, length, error);

  return value != NULL ? to_json_glib (value) : NULL;
}

/* What json-glib's own parser makes of @json (it read profiles before). */
static JsonNode *
lenient_tree (const char *json,
              gsize       length)
{
  g_autoptr (JsonParser) parser = json_parser_new ();

  if (!json_parser_load_from_data (parser, json, length, NULL)
      || json_parser_get_root (parser) == NULL)
    return NULL;
  return json_node_copy (json_parser_get_root (parser));
}

static void
assert_same_tree (const char *json)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) strict = strict_tree (json, strlen (json), &error);
  g_autoptr (JsonNode) lenient = lenient_tree (json, strlen (json));

  g_assert_no_error (error);
  g_assert_nonnull (strict);
  g_assert_nonnull (lenient);
  if (!json_node_equal (strict, lenient))
    g_error ("the strict reader and json-glib read “%s” differently", json);
}

static void
test_valid (void)
{
  static const char *valid[] = {
    "{}",
    "[]",
    "\"\"",
    "0",
    "-0",
    "-12.5e-3",
    "1E+2",
    "9223372036854775807",
    "-9223372036854775808",
    "true",
    "null",
    " \t\r\n{ \"a\" : [ 1 , 2 , { \"b\" : false } ] , \"c\" : null } \n",
    "{\"fs\": [{\"path\": \"/tmp\", \"access\": \"Read\", \"is_file\": false}], "
    "\"net_blocked\": true}",
    "[\"\\\"\\\\\\/\\b\\f\\n\\r\\t\", \"\\u00e9\\u20AC\", \"\\ud83d\\ude00\", \"é€😀\"]",
    "{\"\": 1, \"a\\u0062\": 2}",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (valid); i++)
    assert_same_tree (valid[i]);
}

/* Refused, naming the first wrong character's line and column (in
 * characters, as an editor counts them) and saying what is wrong. */
static void
test_refused (void)
{
  static const struct
  {
    const char *json;
    const char *where;
    const char *words;
  } cases[] = {
    { "{'fs': []}", "line 1, column 2", "double quotes, not single quotes" },
    { "{\"fs\": ['/tmp']}", "line 1, column 9", "double quotes, not single quotes" },
    { "{\"n\": 0x1F}", "line 1, column 7", "hexadecimal" },
    { "{\"n\": -0X1F}", "line 1, column 7", "hexadecimal" },
    { "// profile\n{}", "line 1, column 1", "no comments" },
    { "{\n  \"fs\": [] /* none */\n}", "line 2, column 12", "no comments" },
    { "{\n  \"a\": 1,\n  // b\n  \"b\": 2}", "line 3, column 3", "no comments" },
    { "{fs: []}", "line 1, column 2", "key must be a string in double quotes" },
    { "{\"a\": 1,\n net_blocked: true}", "line 2, column 2", "key must be a string" },
    { "{\"n\": NaN}", "line 1, column 7", "NaN and Infinity" },
    { "{\"n\": Infinity}", "line 1, column 7", "NaN and Infinity" },
    { "{\"n\": -Infinity}", "line 1, column 7", "NaN and Infinity" },
    { "{\"n\": 007}", "line 1, column 7", "zero followed by more digits" },
    { "{\"n\": -01}", "line 1, column 7", "zero followed by more digits" },
    { "{\"n\": +1}", "line 1, column 7", "cannot start with “+”" },
    { "{\"n\": .5}", "line 1, column 7", "digit before its decimal point" },
    { "{\"n\": 1.}", "line 1, column 9", "digits after its decimal point" },
    { "{\"n\": 1e}", "line 1, column 9", "digits in its exponent" },
    { "{\"s\": \"a\tb\"}", "line 1, column 9", "control character" },
    { "{\"s\": \"a\nb\"}", "line 1, column 9", "control character" },
    { "{\"s\": \"a\\x41\"}", "line 1, column 9", "an escape JSON does not have" },
    { "{\"s\": \"abc}", "line 1, column 7", "never closed" },
    { "{\"a\": 1,}", "line 1, column 9", "comma must be followed by another entry" },
    { "[1, 2,]", "line 1, column 7", "comma must be followed by another entry" },
    { "{\"a\" 1}", "line 1, column 6", "expected “:”" },
    { "{\"a\": 1 \"b\": 2}", "line 1, column 9", "expected “,” or “}”" },
    { "[1 2]", "line 1, column 4", "expected “,” or “]”" },
    { "{\"a\": tru}", "line 1, column 7", "expected a value" },
    { "{\"a\": True}", "line 1, column 7", "expected a value" },
    { "{\"a\": nullx}", "line 1, column 7", "expected a value" },
    { "{\"a\": }", "line 1, column 7", "expected a value" },
    { "{\"a\": [", "line 1, column 8", "ends before the profile is complete" },
    { "{} {}", "line 1, column 4", "goes on after its end" },
    /* Columns count characters, not bytes. */
    { "{\"é€😀\": 1,, }", "line 1, column 11", "expected a key" },
    /* A lone surrogate, a \u0000 and a short \u escape. */
    { "[\"\\ud800x\"]", "line 1, column 3", "first half of a UTF-16 surrogate pair" },
    { "[\"\\udc00\"]", "line 1, column 3", "second half of a UTF-16 surrogate pair" },
    { "[\"a\\u0000\"]", "line 1, column 4", "NUL character" },
    { "[\"\\u12\"]", "line 1, column 3", "four hexadecimal digits" },
    { "{\"a\": 1, \"b\": 2, \"a\": 3}", "line 1, column 18", "key “a” twice" },
    { "{\"a\": 1, \"\\u0061\": 3}", "line 1, column 10", "key “a” twice" },
    /* Found while the tree is half built: what was built is let go. */
    { "{\"x\": [1, {\"s\": \"t\"}, [{\"a\": \"\\u00e9\", \"a\": 2}]], \"y\": 0}",
      "line 1, column 40", "key “a” twice" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (CordonJsonValue) node = cordon_json_read (cases[i].json, strlen (cases[i].json),
                                                           &error);

      if (node != NULL)
        g_error ("“%s” was accepted", cases[i].json);
      g_assert_error (error, CORDON_ERROR, CORDON_ERROR_INVALID_STATE);
      if (strstr (error->message, cases[i].where) == NULL
          || strstr (error->message, cases[i].words) == NULL)
        g_error ("“%s”: the message “%s” should say “%s” and “%s”", cases[i].json,
                 error->message, cases[i].where, cases[i].words);
    }
}

/* RFC 8259 lets a reader skip a byte order mark; positions are counted
 * after it, as an editor shows the text. Only at the start. */
static void
test_bom (void)
{
  const char *with_bom = "\xef\xbb\xbf{\"a\": [1]}";
  const char *bad_after_bom = "\xef\xbb\xbf{\"a\": x}";
  const char *bom_inside = "{\"a\": \xef\xbb\xbf 1}";
  g_autoptr (GError) error = NULL;
  g_autoptr (CordonJsonValue) node = cordon_json_read (with_bom, strlen (with_bom), &error);
  g_autoptr (CordonJsonValue) bad = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (cordon_json_value_get_kind (node), ==, CORDON_JSON_OBJECT);

  bad = cordon_json_read (bad_after_bom, strlen (bad_after_bom), &error);
  g_assert_null (bad);
  g_assert_nonnull (strstr (error->message, "line 1, column 7"));
  g_clear_error (&error);

  bad = cordon_json_read (bom_inside, strlen (bom_inside), &error);
  g_assert_null (bad);
  g_assert_nonnull (strstr (error->message, "line 1, column 7"));
}

/* A length cuts the text, and a NUL byte inside it is refused. */
static void
test_length (void)
{
  static const char text[] = "[1]\0[2]";
  g_autoptr (GError) error = NULL;
  g_autoptr (CordonJsonValue) cut = cordon_json_read (text, 3, &error);
  g_autoptr (CordonJsonValue) whole = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (cordon_json_value_get_kind (cut), ==, CORDON_JSON_ARRAY);
  whole = cordon_json_read (text, sizeof text - 1, &error);
  g_assert_null (whole);
  g_assert_nonnull (strstr (error->message, "NUL byte (line 1, column 4)"));
}

/* ---- the corpus against the reader it replaced ---------------------------
 *
 * tests/engine/corpus-profiles/ holds what the reader before this one
 * (json-glib underneath three hand-written scanners, commit 8f49106) wrote
 * back for each fuzz-corpus input it accepted: NAME.cordon and NAME.nono.
 * Every one must still give that same profile, except the inputs it
 * accepted although they are not JSON. Inputs it refused must still be
 * refused, except the two forms this reader accepts on purpose. Inputs
 * added to the corpus later are compared with json-glib's tree instead. */

static const char *const not_json[] = {
  "single-quotes.json", "hex.json", "leading-zero.json", "control-char.json",
};
static const char *const now_accepted[] = {
  "bom.json",           /* RFC 8259 §8.1 */
  "relative-original.json", /* nono's own files: a relative "original" */
};

static gboolean
listed (const char *const *list,
        gsize              n,
        const char        *name)
{
  for (gsize i = 0; i < n; i++)
    if (g_str_equal (list[i], name))
      return TRUE;
  return FALSE;
}

static char *
golden (const char *name,
        const char *suffix)
{
  g_autofree char *file = g_strconcat (name, suffix, NULL);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "engine", "corpus-profiles", file,
                                                 NULL);
  char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return NULL;
  return contents;
}

/* "recorded" lists the corpus as it was when the record was made. */
static gboolean
was_recorded (const char *name)
{
  g_autofree char *list = golden ("recorded", "");
  g_auto (GStrv) names = g_strsplit (list != NULL ? list : "", "\n", -1);

  return g_strv_contains ((const char *const *) names, name);
}

static void
check_corpus_file (const char *dir,
                   const char *name,
                   guint      *n_same)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *text = NULL;
  g_autofree char *cordon = golden (name, ".cordon");
  g_autofree char *nono = golden (name, ".nono");
  g_autoptr (GError) error = NULL;
  g_autoptr (CordonSandboxState) state = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &text, &length, NULL));
  state = cordon_sandbox_state_from_json (text, length, &error);

  if (cordon != NULL && !listed (not_json, G_N_ELEMENTS (not_json), name))
    {
      g_autofree char *now_cordon = NULL;
      g_autofree char *now_nono = NULL;

      if (state == NULL)
        g_error ("%s: accepted before, refused now: %s", name, error->message);
      now_cordon = cordon_sandbox_state_to_json (state, CORDON_STATE_FORMAT_CORDON);
      now_nono = cordon_sandbox_state_to_json (state, CORDON_STATE_FORMAT_NATIVE);
      g_assert_cmpstr (now_cordon, ==, cordon);
      g_assert_cmpstr (now_nono, ==, nono);
      (*n_same)++;
    }
  else if (cordon != NULL)
    {
      if (state != NULL)
        g_error ("%s is not JSON, and was accepted", name);
      g_assert_error (error, CORDON_ERROR, CORDON_ERROR_INVALID_STATE);
    }
  else if (listed (now_accepted, G_N_ELEMENTS (now_accepted), name))
    {
      if (state == NULL)
        g_error ("%s: %s", name, error->message);
    }
  else if (was_recorded (name))
    {
      if (state != NULL)
        g_error ("%s: refused before, accepted now", name);
    }
  else
    {
      /* Newer than the record: the strict tree must be json-glib's. */
      g_autoptr (GError) tree_error = NULL;
      g_autoptr (JsonNode) strict = strict_tree (text, length, &tree_error);
      g_autoptr (JsonNode) lenient = strict != NULL ? lenient_tree (text, length) : NULL;

      if (strict != NULL && (lenient == NULL || !json_node_equal (strict, lenient)))
        g_error ("%s: json-glib reads it differently", name);
    }
}

static void
test_corpus (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "fuzz", "corpus", "fuzz-state",
                                                NULL);
  g_autoptr (GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n_files = 0;
  guint n_same = 0;

  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      check_corpus_file (dir, name, &n_same);
      n_files++;
    }
  g_test_message ("%u corpus files, %u giving the recorded profile", n_files, n_same);
  /* The record is not silently lost. */
  g_assert_cmpuint (n_same, >=, 13);
}

/* The reader's UTF-8 check skips ASCII a word at a time and gives GLib
 * only the runs of other bytes: it must answer exactly what GLib answers
 * for the whole text, and point at the same byte. */
static void
test_utf8_fast_path (void)
{
  static const char *const pieces[] = {
    "a", "0123456789abcdef", "é", "€", "😀", "\xef\xbf\xbf", "\xf4\x8f\xbf\xbf",
    "\x80", "\xbf", "\xc0\xaf", "\xc2", "\xe2\x82", "\xf0\x9f\x98", "\xed\xa0\x80",
    "\xf4\x90\x80\x80", "\xff", "\xfe", "\x7f", "\n",
  };

  for (guint i = 0; i < 20000; i++)
    {
      g_autoptr (GString) text = g_string_new (NULL);
      guint n = g_test_rand_int_range (0, 24);
      const char *bad_ours = NULL;
      const char *bad_glib = NULL;
      gboolean ours;
      gboolean glib;

      for (guint k = 0; k < n; k++)
        g_string_append (text, pieces[g_test_rand_int_range (0, G_N_ELEMENTS (pieces))]);
      ours = cordon_json_validate_utf8 (text->str, text->len, &bad_ours);
      glib = g_utf8_validate_len (text->str, text->len, &bad_glib);
      g_assert_cmpint (ours, ==, glib);
      if (!glib)
        g_assert_true (bad_ours == bad_glib);
    }
}

/* The reader scans strings and spaces eight bytes at a time: whatever
 * stops a scan must stop it at any place in a word, after any run. */
static void
test_word_scans (void)
{
  static const char *const stops[] = { "\\\"", "\\\\", "\\n", "\\u00e9", "é", "€", "\\/" };
  static const char spaces[] = { ' ', '\t', '\n', '\r' };

  for (guint length = 0; length < 26; length++)
    for (guint at = 0; at <= length; at++)
      {
        for (guint k = 0; k < G_N_ELEMENTS (stops); k++)
          {
            g_autoptr (GString) text = g_string_new ("[\"");

            for (guint i = 0; i < length; i++)
              g_string_append (text, i == at ? stops[k] : "x");
            g_string_append (text, "\", \"");
            g_string_append_len (text, "abcdefghijklmnopqrstuvwxyz", at);
            g_string_append (text, "\"]");
            assert_same_tree (text->str);
          }

        /* A raw control character, refused where it is. */
        {
          g_autoptr (GString) text = g_string_new ("[\"");
          g_autoptr (GError) error = NULL;
          g_autoptr (CordonJsonValue) node = NULL;
          g_autofree char *where = g_strdup_printf ("line 1, column %u", 3 + at);

          for (guint i = 0; i < length; i++)
            g_string_append_c (text, i == at ? '\x1f' : 'x');
          g_string_append (text, at == length ? "\x01\"]" : "\"]");
          node = cordon_json_read (text->str, text->len, &error);
          g_assert_null (node);
          g_assert_nonnull (strstr (error->message, "control character"));
          g_assert_nonnull (strstr (error->message, where));
        }

        /* Runs of spaces of every length, of every kind, before a token. */
        {
          g_autoptr (GString) text = g_string_new ("{");

          for (guint i = 0; i < length; i++)
            g_string_append_c (text, i == at ? spaces[length % 4] : ' ');
          g_string_append (text, "\"a\"");
          for (guint i = 0; i < at; i++)
            g_string_append_c (text, spaces[i % 4]);
          g_string_append (text, ":[1");
          for (guint i = 0; i < length; i++)
            g_string_append_c (text, ' ');
          g_string_append (text, "]}");
          assert_same_tree (text->str);
        }
      }
}

/* Short strings equal to a recent one share its copy: strings that share
 * a first byte and a length but differ, keys equal to values, escaped
 * spellings of the same text, in every order, must all read as json-glib
 * reads them. */
static void
test_recent_strings (void)
{
  /* As written, and as read. */
  static const struct
  {
    const char *json;
    const char *text;
  } words[] = {
    { "", "" }, { "a", "a" }, { "b", "b" }, { "ab", "ab" }, { "ba", "ba" }, { "aa", "aa" },
    { "é", "é" }, { "\\u00e9", "é" }, { "a\\n", "a\n" }, { "Read", "Read" }, { "Reae", "Reae" },
    { "path", "path" }, { "pat\\u0068", "path" }, { "is_file", "is_file" },
    { "0123456789abcde", "0123456789abcde" }, { "0123456789abcdf", "0123456789abcdf" },
    { "0123456789abcdef", "0123456789abcdef" }, { "0123456789abcdeg", "0123456789abcdeg" },
  };
  g_autoptr (GString) text = g_string_new ("[");

  for (guint i = 0; i < 4000; i++)
    {
      guint a = g_test_rand_int_range (0, G_N_ELEMENTS (words));
      guint b = g_test_rand_int_range (0, G_N_ELEMENTS (words));

      /* Not one key twice. */
      if (g_str_equal (words[a].text, words[b].text))
        b = (b + 1) % G_N_ELEMENTS (words);
      if (g_str_equal (words[a].text, words[b].text))
        b = (b + 1) % G_N_ELEMENTS (words);
      g_string_append_printf (text, "%s{\"%s\": \"%s\", \"%s\": [\"%s\", \"%s\"]}",
                              i > 0 ? "," : "", words[a].json, words[b].json, words[b].json,
                              words[a].json, words[a].json);
    }
  g_string_append (text, "]");
  assert_same_tree (text->str);
}

/* A key twice is judged after the rest of the text, as when the reader
 * met duplicates only on a second walk: any other fault is named first,
 * and of two duplicates the first in the text. */
static void
test_duplicate_after_syntax (void)
{
  static const struct
  {
    const char *json;
    const char *words;
  } cases[] = {
    { "{\"a\": 1, \"a\": 2, \"b\": x}", "expected a value" },
    { "{\"a\": 1, \"a\": 2} {}", "goes on after its end" },
    { "{\"a\": 1, \"a\": 2, \"c\": [1,]}", "comma must be followed" },
    { "{\"x\": {\"b\": 1, \"b\": 2}, \"x\": 3}", "key “b” twice" },
    { "{\"x\": 1, \"y\": 2, \"x\": 3, \"y\": 4}", "key “x” twice in one object (line 1, column 18)" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (CordonJsonValue) node = cordon_json_read (cases[i].json, strlen (cases[i].json),
                                                           &error);

      g_assert_null (node);
      g_assert_error (error, CORDON_ERROR, CORDON_ERROR_INVALID_STATE);
      if (strstr (error->message, cases[i].words) == NULL)
        g_error ("“%s”: the message “%s” should say “%s”", cases[i].json, error->message,
                 cases[i].words);
    }
}

/* A tree many times larger than its text (the pool grows in chunks), and
 * strings long enough to need a chunk of their own, with and without
 * escapes: the same tree as json-glib's. */
static void
test_large (void)
{
  g_autoptr (GString) text = g_string_new ("[[");
  g_autoptr (GString) escaped = g_string_new (NULL);

  /* Lists hold at most 100,000 entries. */
  for (guint i = 0; i < 200000; i++)
    g_string_append (text, i % 50000 == 49999 ? "0], [" :
                           i % 5 == 0 ? "[]," : i % 5 == 1 ? "{}," : "0,");
  for (guint i = 0; i < 20000; i++)
    g_string_append (escaped, i % 3 == 0 ? "\\u00e9\\n" : i % 3 == 1 ? "/x" : "\\ud83d\\ude00");
  g_string_append_printf (text, "\"%s\", \"%s\", {\"%s\": \"%s\"}, \"\"]]", escaped->str,
                          escaped->str + 1000, escaped->str, escaped->str + 2);
  /* A key of 9 or more members is found through a hash table. */
  g_string_append (text, "\n");
  g_string_prepend (text, "{\"k1\": 1, \"k2\": 2, \"k3\": 3, \"k4\": 4, \"k5\": 5, \"k6\": 6, "
                    "\"k7\": 7, \"k8\": 8, \"k9\": 9, \"k10\": 10, \"list\": ");
  g_string_append (text, "}");
  assert_same_tree (text->str);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json-reader/valid", test_valid);
  g_test_add_func ("/json-reader/refused", test_refused);
  g_test_add_func ("/json-reader/bom", test_bom);
  g_test_add_func ("/json-reader/length", test_length);
  g_test_add_func ("/json-reader/corpus", test_corpus);
  g_test_add_func ("/json-reader/utf8-fast-path", test_utf8_fast_path);
  g_test_add_func ("/json-reader/duplicate-after-syntax", test_duplicate_after_syntax);
  g_test_add_func ("/json-reader/large", test_large);
  g_test_add_func ("/json-reader/word-scans", test_word_scans);
  g_test_add_func ("/json-reader/recent-strings", test_recent_strings);

  return g_test_run ();
}
