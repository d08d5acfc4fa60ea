/* cordon-a11y-address.c: prints the accessibility bus's address
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   cordon-a11y-address SESSION-BUS-ADDRESS
 *
 * Asks org.a11y.Bus on the session bus for the accessibility bus's
 * address and writes it to standard output, without a newline; exits 1
 * when there is none. cordon-run runs it only when a profile's filtered
 * session bus lets the program talk to org.a11y.Bus: GDBus lives here so
 * that cordon-run itself loads no GIO at launch (issue 15), and because
 * GDBus starts a worker thread, which cordon-run, about to apply a
 * sandbox, must never have.
 */
#include "config.h"

#include <gio/gio.h>
#include <string.h>
#include <unistd.h>

int
main (int    argc,
      char **argv)
{
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GVariant) reply = NULL;
  const char *address;
  gsize length;

  if (argc != 2)
    {
      g_printerr ("usage: %s SESSION-BUS-ADDRESS\n", argv[0]);
      return 2;
    }
  bus = g_dbus_connection_new_for_address_sync (argv[1],
                                                G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT
                                                | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                NULL, NULL, NULL);
  if (bus != NULL)
    reply = g_dbus_connection_call_sync (bus, "org.a11y.Bus", "/org/a11y/bus", "org.a11y.Bus",
                                         "GetAddress", NULL, G_VARIANT_TYPE ("(s)"),
                                         G_DBUS_CALL_FLAGS_NONE, 5000, NULL, NULL);
  if (reply == NULL)
    return 1;
  g_variant_get (reply, "(&s)", &address);
  /* cordon-run hands it to xdg-dbus-proxy as it is: only a real address. */
  if (!g_dbus_is_address (address))
    return 1;
  length = strlen (address);
  if (write (STDOUT_FILENO, address, length) != (gssize) length)
    return 1;
  return 0;
}
