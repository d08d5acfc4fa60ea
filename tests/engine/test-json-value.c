/* test-json-value.c: the engine's JSON tree and its writer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The writer must write what json-glib's JsonGenerator wrote (it did
 * before), and whatever it writes the strict reader must read back the same.
 */
#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "cordon.h"
#include "cordon-json-private.h"
#include "cordon-json-reader-private.h"

/* Strings that have broken JSON writers: every ASCII byte, quotes and
 * backslashes in a row, what JavaScript takes for line ends, a slash
 * (which JSON may but need not escape), text outside the BMP. */
static GPtrArray *
hostile_strings (void)
{
  GPtrArray *strings = g_ptr_array_new_with_free_func (g_free);
  GString *all_ascii = g_string_new (NULL);

  for (int c = 1; c < 0x80; c++)
    g_string_append_c (all_ascii, c);
  g_ptr_array_add (strings, g_string_free (all_ascii, FALSE));
  for (int c = 1; c < 0x80; c++)
    g_ptr_array_add (strings, g_strdup_printf ("a%cb", c));
  g_ptr_array_add (strings, g_strdup (""));
  g_ptr_array_add (strings, g_strdup ("\"\\\"\\\\\"\"\\"));
  g_ptr_array_add (strings, g_strdup ("\\u0000 \\ud800 \\/ \\"));
  g_ptr_array_add (strings, g_strdup ("line\u2028separator\u2029paragraph"));
  g_ptr_array_add (strings, g_strdup ("/home/me/</script>/é€😀\u00a0\ufeff"));
  g_ptr_array_add (strings, g_strdup ("\x7f\xc2\x80\xc2\x9f\xef\xbf\xbf\xf4\x8f\xbf\xbf"));
  return strings;
}

static char *
write_value (const CordonJsonValue *value)
{
  GString *out = g_string_new (NULL);

  cordon_json_value_write (value, out);
  return g_string_free (out, FALSE);
}

static char *
generate (JsonNode *node)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

/* Objects keep their members in order and find each, small or hashed. */
static void
test_object (void)
{
  for (guint size = 0; size < 40; size++)
    {
      g_autoptr (CordonJsonValue) object = cordon_json_value_new_object ();

      for (guint i = 0; i < size; i++)
        {
          g_autofree char *key = g_strdup_printf ("k%u", (size - i) * 7);

          cordon_json_object_add (object, key, cordon_json_value_new_int (i));
        }
      g_assert_cmpuint (cordon_json_object_get_size (object), ==, size);
      for (guint i = 0; i < size; i++)
        {
          g_autofree char *key = g_strdup_printf ("k%u", (size - i) * 7);
          CordonJsonValue *member = cordon_json_object_get (object, key);

          g_assert_cmpstr (cordon_json_object_get_key (object, i), ==, key);
          g_assert_nonnull (member);
          g_assert_true (member == cordon_json_object_get_value (object, i));
          g_assert_cmpint (cordon_json_value_get_int (member), ==, i);
        }
      g_assert_null (cordon_json_object_get (object, "k1"));
      g_assert_false (cordon_json_object_has (object, ""));
      g_assert_false (cordon_json_object_has (object, "k"));
    }
}

/* Asking a value for another kind answers nothing, never crashes. */
static void
test_other_kinds (void)
{
  g_autoptr (CordonJsonValue) text = cordon_json_value_new_string ("true");
  g_autoptr (CordonJsonValue) integer = cordon_json_value_new_int (-3);

  g_assert_null (cordon_json_object_get (text, "true"));
  g_assert_cmpuint (cordon_json_array_get_length (text), ==, 0);
  g_assert_cmpuint (cordon_json_object_get_size (text), ==, 0);
  g_assert_false (cordon_json_value_get_boolean (text));
  g_assert_null (cordon_json_value_get_string (integer));
  g_assert_cmpfloat (cordon_json_value_get_double (integer), ==, -3.0);
  g_assert_cmpint (cordon_json_value_get_int (text), ==, 0);
}

/* Byte for byte what JsonGenerator writes, except U+001F, which
 * json-glib 1.6 writes raw (not JSON). */
static void
test_writer_matches_json_glib (void)
{
  g_autoptr (GPtrArray) strings = hostile_strings ();
  g_autoptr (CordonJsonValue) ours = cordon_json_value_new_object ();
  g_autoptr (CordonJsonValue) list = cordon_json_value_new_array ();
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) theirs = NULL;
  g_autofree char *written = NULL;
  g_autofree char *generated = NULL;
  static const gint64 integers[] = { 0, -1, 7, G_MAXINT64, G_MININT64 };
  static const double doubles[] = { 0.1, -0.0, 2.0, 1.5, 5e-324, 1e16, 1.2345678901234568e+17 };

  json_builder_begin_object (builder);
  for (guint i = 0; i < strings->len; i++)
    {
      const char *text = strings->pdata[i];
      g_autofree char *key = g_strdup_printf ("%u%s", i, text);

      if (strchr (text, 0x1f) != NULL)
        continue;
      cordon_json_object_add (ours, key, cordon_json_value_new_string (text));
      json_builder_set_member_name (builder, key);
      json_builder_add_string_value (builder, text);
    }
  json_builder_set_member_name (builder, "values");
  json_builder_begin_array (builder);
  for (guint i = 0; i < G_N_ELEMENTS (integers); i++)
    {
      cordon_json_array_append (list, cordon_json_value_new_int (integers[i]));
      json_builder_add_int_value (builder, integers[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (doubles); i++)
    {
      cordon_json_array_append (list, cordon_json_value_new_double (doubles[i]));
      json_builder_add_double_value (builder, doubles[i]);
    }
  cordon_json_array_append (list, cordon_json_value_new_boolean (TRUE));
  cordon_json_array_append (list, cordon_json_value_new_boolean (FALSE));
  cordon_json_array_append (list, cordon_json_value_new_null ());
  cordon_json_array_append (list, cordon_json_value_new_array ());
  cordon_json_array_append (list, cordon_json_value_new_object ());
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_add_boolean_value (builder, FALSE);
  json_builder_add_null_value (builder);
  json_builder_begin_array (builder);
  json_builder_end_array (builder);
  json_builder_begin_object (builder);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  cordon_json_object_add (ours, "values", g_steal_pointer (&list));

  theirs = json_builder_get_root (builder);
  written = write_value (ours);
  generated = generate (theirs);
  g_assert_cmpstr (written, ==, generated);
}

/* Where json-glib 1.6 wrote something that is not JSON, the writer does not. */
static void
test_writer_stays_json (void)
{
  g_autoptr (CordonJsonValue) unit_separator = cordon_json_value_new_string ("a\x1f" "b");
  g_autoptr (CordonJsonValue) big = cordon_json_value_new_double (1e20);
  g_autofree char *separator_text = write_value (unit_separator);
  g_autofree char *big_text = write_value (big);

  g_assert_cmpstr (separator_text, ==, "\"a\\u001fb\"");
  g_assert_cmpstr (big_text, ==, "1e+20");
}

static void
assert_reads_back (const char            *text,
                   const CordonJsonValue *expected)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CordonJsonValue) again = cordon_json_read (text, strlen (text), &error);

  g_assert_no_error (error);
  if (!cordon_json_value_equal (again, expected))
    g_error ("“%s” reads back as something else", text);
}

/* A string of random valid UTF-8, control characters and quotes often. */
static char *
random_string (void)
{
  static const gunichar awkward[] = { '"', '\\', '/', '\b', '\f', '\n', '\r', '\t', 0x1f,
                                      0x7f, 0x80, 0x2028, 0x2029, 0xfeff, 0xfffd, 0x1f600,
                                      0x10ffff, 'u', '0' };
  GString *text = g_string_new (NULL);
  guint length = g_test_rand_int_range (0, 24);

  for (guint i = 0; i < length; i++)
    {
      gunichar c;

      switch (g_test_rand_int_range (0, 4))
        {
        case 0:
          c = awkward[g_test_rand_int_range (0, G_N_ELEMENTS (awkward))];
          break;
        case 1:
          c = g_test_rand_int_range (1, 0x20);
          break;
        case 2:
          c = g_test_rand_int_range (0x20, 0x80);
          break;
        default:
          do
            c = g_test_rand_int_range (0x80, 0x110000);
          while (!g_unichar_validate (c));
        }
      g_string_append_unichar (text, c);
    }
  return g_string_free (text, FALSE);
}

/* reader (writer (x)) == x, for both writers: the tree writer and the
 * string escaper the profile writer uses. */
static void
test_round_trip (void)
{
  g_autoptr (GPtrArray) strings = hostile_strings ();

  for (guint i = 0; i < 2000; i++)
    g_ptr_array_add (strings, random_string ());

  for (guint i = 0; i < strings->len; i++)
    {
      const char *text = strings->pdata[i];
      g_autoptr (CordonJsonValue) object = cordon_json_value_new_object ();
      g_autoptr (CordonJsonValue) string = cordon_json_value_new_string (text);
      g_autoptr (CordonJsonValue) list = cordon_json_value_new_array ();
      g_autofree char *written = NULL;
      g_autofree char *other_key = g_strconcat (text, "!", NULL);
      g_autoptr (GString) escaped = g_string_new (NULL);

      cordon_json_array_append (list, cordon_json_value_new_string (text));
      cordon_json_array_append (list, cordon_json_value_new_int (i));
      cordon_json_object_add (object, text, g_steal_pointer (&list));
      cordon_json_object_add (object, other_key, cordon_json_value_new_null ());
      written = write_value (object);
      assert_reads_back (written, object);

      cordon_json_append_string (escaped, text);
      assert_reads_back (escaped->str, string);
    }
}

/* The two styles of the one string writer: a profile names only what JSON
 * requires (paths stay readable); the tree writes what JsonGenerator
 * wrote, \b \f \r by name and DEL escaped, except U+001F, which
 * json-glib 1.6 left raw and which is not JSON. */
static void
test_string_styles (void)
{
  static const char odd[] = "\"\\\n\t\b\f\r\x1f\x7f/é";
  g_autoptr (GString) profile = g_string_new (NULL);
  g_autoptr (GString) tree = g_string_new (NULL);

  cordon_json_append_string (profile, odd);
  cordon_json_write_string (tree, odd);
  g_assert_cmpstr (profile->str, ==,
                   "\"\\\"\\\\\\n\\t\\u0008\\u000c\\u000d\\u001f\x7f/é\"");
  g_assert_cmpstr (tree->str, ==, "\"\\\"\\\\\\n\\t\\b\\f\\r\\u001f\\u007f/é\"");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json-value/object", test_object);
  g_test_add_func ("/json-value/other-kinds", test_other_kinds);
  g_test_add_func ("/json-value/writer/json-glib", test_writer_matches_json_glib);
  g_test_add_func ("/json-value/writer/stays-json", test_writer_stays_json);
  g_test_add_func ("/json-value/round-trip", test_round_trip);
  g_test_add_func ("/json-value/writer/string-styles", test_string_styles);

  return g_test_run ();
}
