/* test-run-dbus-address.c: the bus addresses cordon-run writes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cordon-run escapes socket paths into D-Bus addresses itself (it loads no
 * GIO). What it writes must be an address GIO accepts, naming the same
 * path, whatever the runtime folder is called.
 */
#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "cordon-run-dbus-address.h"

/* VALUE, %XX decoded; only what the specification lets stand unescaped
 * may appear as it is. */
static char *
unescape (const char *value)
{
  GString *path = g_string_new (NULL);

  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '%')
        {
          int high = g_ascii_xdigit_value (p[1]);
          int low = high >= 0 ? g_ascii_xdigit_value (p[2]) : -1;

          g_assert_cmpint (low, >=, 0);
          g_string_append_c (path, (char) (high * 16 + low));
          p += 2;
        }
      else
        {
          g_assert_true (g_ascii_isalnum (*p) || strchr ("-_/.", *p) != NULL);
          g_string_append_c (path, *p);
        }
    }
  return g_string_free (path, FALSE);
}

static void
assert_escaped (const char *path)
{
  g_autofree char *escaped = cordon_run_dbus_address_escape (path);
  g_autofree char *address = g_strconcat ("unix:path=", escaped, NULL);
  g_autofree char *again = unescape (escaped);
  g_autofree char *gio_escaped = g_dbus_address_escape_value (path);
  g_autoptr (GError) error = NULL;

  if (!g_dbus_is_supported_address (address, &error))
    g_error ("%s: GIO refuses “%s”: %s", path, address, error->message);
  g_assert_cmpstr (again, ==, path);
  /* GIO leaves "\" and "*" as they are; everything else is the same. */
  if (strpbrk (path, "\\*") == NULL)
    g_assert_cmpstr (escaped, ==, gio_escaped);
}

static void
test_hostile_paths (void)
{
  static const char *const paths[] = {
    "/run/user/1000/cordon/bus-Ab12cd/bus", "/tmp/a b,c=d;e/bus", "/tmp/100%/bus",
    "/tmp/é€😀/bus", "/tmp/back\\slash*star/bus", "/tmp/quote\"'$(x)`/bus",
    "/tmp/new\nline\ttab/bus", "/tmp/~user/+plus:colon/bus", "",
  };
  GString *every_byte = g_string_new ("/");

  for (gsize i = 0; i < G_N_ELEMENTS (paths); i++)
    assert_escaped (paths[i]);
  for (int c = 1; c < 256; c++)
    g_string_append_c (every_byte, c);
  assert_escaped (every_byte->str);
  g_string_free (every_byte, TRUE);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/run/dbus-address/hostile-paths", test_hostile_paths);

  return g_test_run ();
}
