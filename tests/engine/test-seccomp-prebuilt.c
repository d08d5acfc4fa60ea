/* test-seccomp-prebuilt.c: the programs generated at build time are the
 * ones libseccomp builds at run time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * apply loads the BPF that cordon-seccomp-gen wrote at build time (issue
 * 15). It must be, byte for byte, what cordon_seccomp_build() and this
 * machine's libseccomp make now for the same variant: otherwise a change to
 * the filter's rules, or a libseccomp that generates differently, would go
 * unnoticed. The enforce suite tests what the loaded programs refuse.
 */
#include "config.h"

#include <string.h>

#include "cordon-seccomp-private.h"

static void
test_same_as_run_time (void)
{
  /* As cordon-seccomp-gen does: the programs are made for the kernels that
   * will load them, not for the one libseccomp sees here, which may lack
   * SCMP_ACT_KILL_PROCESS or the notify action. (Under valgrind, which
   * answers seccomp (2) with ENOSYS, libseccomp would see API level 1.) */
  if (seccomp_api_get () < 6)
    g_assert_cmpint (seccomp_api_set (6), ==, 0);

  for (guint variant = 0; variant < CORDON_SECCOMP_N_VARIANTS; variant++)
    {
      gboolean block_network = (variant & CORDON_SECCOMP_VARIANT_BLOCK_NETWORK) != 0;
      gboolean mediate = (variant & CORDON_SECCOMP_VARIANT_MEDIATE) != 0;
      /* Every ABI the engine knows, each mapping to its variant. */
      for (int abi = 1; abi <= 9; abi++)
        {
          const CordonSeccompProgram *prebuilt = NULL;
          g_auto (scmp_filter_ctx) filter = NULL;
          g_autoptr (GError) error = NULL;
          g_autofree guint8 *bytes = NULL;
          gsize length = 0;

          if ((abi < 3) != ((variant & CORDON_SECCOMP_VARIANT_OLD_ABI) != 0))
            continue;
          g_assert_cmpuint (cordon_seccomp_variant (block_network, abi, mediate), ==, variant);
          /* Tests run where the build ran its generator: never missing here. */
          prebuilt = cordon_seccomp_prebuilt (variant);
          g_assert_nonnull (prebuilt);

          filter = cordon_seccomp_build (block_network, abi, mediate, &error);
          g_assert_no_error (error);
          bytes = cordon_seccomp_export (filter, &length, &error);
          g_assert_no_error (error);

          g_test_message ("variant %u, ABI %d: %" G_GSIZE_FORMAT " instructions", variant, abi,
                          prebuilt->len);
          g_assert_cmpmem (prebuilt->filter, prebuilt->len * sizeof (struct sock_filter), bytes,
                           length);
        }
    }
}

/* Each variant is its own program: a table that repeated one would pass
 * the test above for that variant only by accident of its index. */
static void
test_variants_differ (void)
{
  for (guint a = 0; a < CORDON_SECCOMP_N_VARIANTS; a++)
    for (guint b = a + 1; b < CORDON_SECCOMP_N_VARIANTS; b++)
      {
        const CordonSeccompProgram *pa = cordon_seccomp_prebuilt (a);
        const CordonSeccompProgram *pb = cordon_seccomp_prebuilt (b);

        g_assert_true (pa->len != pb->len ||
                       memcmp (pa->filter, pb->filter, pa->len * sizeof *pa->filter) != 0);
      }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/seccomp/prebuilt/same-as-run-time", test_same_as_run_time);
  g_test_add_func ("/seccomp/prebuilt/variants-differ", test_variants_differ);

  return g_test_run ();
}
