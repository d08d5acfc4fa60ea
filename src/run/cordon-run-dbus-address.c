/* cordon-run-dbus-address.c: D-Bus addresses, without GIO
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cordon-run loads no GIO (issue 15), so it escapes the socket paths it
 * names in addresses itself; tests/run/test-run-dbus-address.c checks the
 * result with GIO.
 */
#include "config.h"

#include <string.h>

#include "cordon-run-dbus-address.h"

/* "%XX" may stand for any byte; GIO also leaves "\" and "*" unescaped,
 * which the specification's grammar is unclear about: escaped here. */
char *
cordon_run_dbus_address_escape (const char *value)
{
  GString *escaped = g_string_new (NULL);

  for (const char *p = value; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p) || strchr ("-_/.", *p) != NULL)
        g_string_append_c (escaped, *p);
      else
        g_string_append_printf (escaped, "%%%02X", (guchar) *p);
    }
  return g_string_free (escaped, FALSE);
}
