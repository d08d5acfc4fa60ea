/* main.c: cordon, the GTK app
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "cordon-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CordonApplication) app = NULL;
  const char *localedir;

  setlocale (LC_ALL, "");
  /* build-aux/dev run points this at the build's catalogues, so a
   * translation can be tried without installing it. */
  localedir = g_getenv ("CORDON_LOCALEDIR");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && localedir[0] != '\0' ? localedir
                                                                              : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = cordon_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
