/* bench-link-launcher.c: the start of a launcher, through the public API only
 * (issue 16). Built twice, linking libcordon statically and as
 * libcordon-1.so, so bench-link can compare what each start costs.
 *
 *   bench-link-launcher PROFILE --support       load the profile, print support info
 *   bench-link-launcher PROFILE -- PROGRAM…     load it, apply it, exec PROGRAM
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cordon.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr (CordonSandboxState) state = NULL;
  g_autoptr (CordonCapabilitySet) caps = NULL;
  g_autoptr (GError) error = NULL;

  if (argc < 3)
    {
      fprintf (stderr, "usage: %s PROFILE --support | PROFILE -- PROGRAM [ARG…]\n", argv[0]);
      return 2;
    }

  state = cordon_sandbox_state_load_file (argv[1], &error);
  caps = state != NULL ? cordon_sandbox_state_to_caps (state, &error) : NULL;
  if (caps == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 125;
    }

  if (strcmp (argv[2], "--support") == 0)
    {
      g_autoptr (CordonSupportInfo) info = cordon_support_info_get ();

      printf ("%s\n", cordon_support_info_get_details (info));
      return 0;
    }
  if (strcmp (argv[2], "--") != 0 || argc < 4)
    return 2;

  if (!cordon_apply (caps, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 125;
    }
  execv (argv[3], argv + 3);
  perror (argv[3]);
  return 127;
}
