/* cordon-seccomp-prebuilt.c: the seccomp programs generated at build time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Building the filter with libseccomp at every launch costs more than
 * loading it; the program is fixed by three booleans, so meson runs
 * cordon-seccomp-gen.c, which builds each variant with
 * cordon_seccomp_build() and libseccomp and writes the BPF out.
 */
#include "config.h"

#include "cordon-seccomp-private.h"

#ifdef CORDON_SECCOMP_PREBUILT
#include "cordon-seccomp-programs.h"
#endif

const CordonSeccompProgram *
cordon_seccomp_prebuilt (guint variant)
{
#ifdef CORDON_SECCOMP_PREBUILT
  G_STATIC_ASSERT (G_N_ELEMENTS (cordon_seccomp_programs) == CORDON_SECCOMP_N_VARIANTS);

  g_return_val_if_fail (variant < CORDON_SECCOMP_N_VARIANTS, NULL);
  return &cordon_seccomp_programs[variant];
#else
  /* A cross build could not run the generator. */
  return NULL;
#endif
}
