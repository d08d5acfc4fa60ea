/* bench-exec-floor.c: the least a launcher linked like cordon-run can cost
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-exec-floor PROGRAM [ARG…]
 * Loads the same shared libraries as cordon-run (GLib, GObject, GIO,
 * json-glib, libseccomp), touches one type of each, then execs PROGRAM: no
 * profile, no sandbox. bench-launch times it next to cordon-run, so the
 * part of cordon-run's cost that is only dynamic loading shows in the same
 * run.
 */
#include "config.h"

#include <seccomp.h>
#include <stdio.h>
#include <unistd.h>

#include <gio/gio.h>
#include <json-glib/json-glib.h>

int
main (int    argc,
      char **argv)
{
  const struct scmp_version *version = seccomp_version ();

  /* What any GObject program does first: register the types it uses. */
  if (g_list_model_get_type () == 0 || json_parser_get_type () == 0 || version == NULL)
    return 125;
  if (argc < 2)
    return 0;

  execv (argv[1], argv + 1);
  perror (argv[1]);
  return 127;
}
