/* fuzz-tree.h: the small fixed tree the fuzz targets resolve paths against
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <stddef.h>
#include <stdint.h>

G_BEGIN_DECLS

#define FUZZ_TREE "/tmp/cordon-fuzz-tree"

/* Creates FUZZ_TREE once (idempotent, so parallel runs share it):
 * directories, files, a FIFO, and symlinks that are relative, absolute,
 * dangling, looping and pointing up. Aborts if it cannot. */
void fuzz_tree_create (void);

/* Criticals and warnings are bugs the fuzzer should report as crashes. */
void fuzz_make_warnings_fatal (void);

/* libFuzzer's entry points, declared for -Wmissing-prototypes. */
int LLVMFuzzerInitialize (int    *argc,
                          char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

G_END_DECLS
