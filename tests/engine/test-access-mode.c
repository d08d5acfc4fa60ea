/* test-access-mode.c: the mode strings profiles and the CLI rely on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cordon.h"

static void
test_bits (void)
{
  g_assert_cmpint (CORDON_ACCESS_READ | CORDON_ACCESS_WRITE, ==, CORDON_ACCESS_READ_WRITE);
  g_assert_true (cordon_access_mode_is_valid (CORDON_ACCESS_READ));
  g_assert_true (cordon_access_mode_is_valid (CORDON_ACCESS_WRITE));
  g_assert_true (cordon_access_mode_is_valid (CORDON_ACCESS_READ_WRITE));
  g_assert_false (cordon_access_mode_is_valid (0));
  g_assert_false (cordon_access_mode_is_valid (4));
  g_assert_false (cordon_access_mode_is_valid (CORDON_ACCESS_READ_WRITE | 8));
}

static void
test_to_string (void)
{
  g_assert_cmpstr (cordon_access_mode_to_string (CORDON_ACCESS_READ), ==, "Read");
  g_assert_cmpstr (cordon_access_mode_to_string (CORDON_ACCESS_WRITE), ==, "Write");
  g_assert_cmpstr (cordon_access_mode_to_string (CORDON_ACCESS_READ_WRITE), ==, "ReadWrite");
  g_assert_null (cordon_access_mode_to_string (0));
  g_assert_null (cordon_access_mode_to_string (4));

  g_assert_cmpstr (cordon_access_mode_to_native_string (CORDON_ACCESS_READ), ==, "read");
  g_assert_cmpstr (cordon_access_mode_to_native_string (CORDON_ACCESS_WRITE), ==, "write");
  g_assert_cmpstr (cordon_access_mode_to_native_string (CORDON_ACCESS_READ_WRITE), ==,
                   "read+write");
  g_assert_null (cordon_access_mode_to_native_string (0));
}

static void
test_from_string (void)
{
  static const struct
  {
    const char       *text;
    CordonAccessMode  mode;
  } good[] = {
    { "Read", CORDON_ACCESS_READ },
    { "Write", CORDON_ACCESS_WRITE },
    { "ReadWrite", CORDON_ACCESS_READ_WRITE },
    { "read", CORDON_ACCESS_READ },
    { "write", CORDON_ACCESS_WRITE },
    { "read+write", CORDON_ACCESS_READ_WRITE },
  };
  static const char *bad[] = {
    "", "rw", "READ", "Read ", "readwrite", "Read+Write", "ReadWrite\n", "read-write", "none",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (good); i++)
    {
      CordonAccessMode mode = 0;

      g_assert_true (cordon_access_mode_from_string (good[i].text, &mode));
      g_assert_cmpint (mode, ==, good[i].mode);
    }

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      CordonAccessMode mode = 0;

      g_assert_false (cordon_access_mode_from_string (bad[i], &mode));
      g_assert_cmpint (mode, ==, 0);
    }

  g_assert_false (cordon_access_mode_from_string (NULL, NULL));
}

static void
test_round_trip (void)
{
  for (guint mode = CORDON_ACCESS_READ; mode <= CORDON_ACCESS_READ_WRITE; mode++)
    {
      CordonAccessMode back = 0;

      g_assert_true (cordon_access_mode_from_string (cordon_access_mode_to_string (mode), &back));
      g_assert_cmpint (back, ==, mode);
      g_assert_true (
        cordon_access_mode_from_string (cordon_access_mode_to_native_string (mode), &back));
      g_assert_cmpint (back, ==, mode);
    }
}

static void
test_gtype (void)
{
  GFlagsClass *klass;
  GFlagsValue *value;

  g_assert_true (G_TYPE_IS_FLAGS (CORDON_TYPE_ACCESS_MODE));
  klass = g_type_class_ref (CORDON_TYPE_ACCESS_MODE);
  value = g_flags_get_first_value (klass, CORDON_ACCESS_WRITE);
  g_assert_nonnull (value);
  g_assert_cmpstr (value->value_nick, ==, "write");
  g_assert_cmpuint (klass->mask, ==, CORDON_ACCESS_READ_WRITE);
  g_type_class_unref (klass);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/access-mode/bits", test_bits);
  g_test_add_func ("/access-mode/to-string", test_to_string);
  g_test_add_func ("/access-mode/from-string", test_from_string);
  g_test_add_func ("/access-mode/round-trip", test_round_trip);
  g_test_add_func ("/access-mode/gtype", test_gtype);

  return g_test_run ();
}
