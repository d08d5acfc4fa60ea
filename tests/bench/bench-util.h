/* bench-util.h: timing, statistics and scratch trees for the benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sys/types.h>

#include "cordon.h"

G_BEGIN_DECLS

/* Targets and whether each was met, printed at the end. A missed target
 * fails the run only with CORDON_BENCH_STRICT=1: on a shared machine one
 * noisy run must not look like a regression. */
typedef struct
{
  guint n_met;
  guint n_missed;
} BenchReport;

gint64   bench_now_ns       (void);
/* Sorts @values in place. */
double   bench_median       (double *values,
                             guint   n);
double   bench_min          (const double *values,
                             guint         n);

/* A fresh directory under $TMPDIR (or /tmp), removed by bench_rm_rf(). */
char    *bench_make_tmpdir  (const char *tag);
void     bench_rm_rf        (const char *path);
/* @parent/@name, made with its parents; aborts the benchmark on failure. */
char    *bench_mkdir        (const char *parent,
                             const char *name);
void     bench_write_file   (const char *path,
                             const char *contents,
                             gsize       length);
/* @n directories @root/rules/NNNNN (spread over subdirectories of 100 so no
 * directory gets huge); returns their paths. */
GPtrArray *bench_make_rule_dirs (const char *root,
                                 guint       n);

/* @n_rules rules over fresh directories under @root, one in ten a file
 * (Read), the others directories (ReadWrite), as a hand-made profile has. */
CordonCapabilitySet *bench_make_profile_caps (const char *root,
                                              guint       n_rules);
/* Saves @caps as @dir/@name in the written format; returns the path. */
char    *bench_save_profile (CordonCapabilitySet *caps,
                             const char          *dir,
                             const char          *name);

/* Starts @argv[0] (a path, not searched) with its standard output on a
 * pipe and returns the pipe's reading end. With @setup, the child is
 * forked and runs @setup (@data) before exec; otherwise posix_spawn(). */
typedef void (*BenchChildSetup) (gpointer data);
int      bench_spawn_piped  (char            **argv,
                             BenchChildSetup   setup,
                             gpointer          data,
                             pid_t            *out_pid);
/* Reads @fd to its end into @buffer (cut at @size - 1 bytes, always
 * NUL-terminated), closes it, and waits for @pid: its wait status. */
int      bench_collect      (int    fd,
                             pid_t  pid,
                             char  *buffer,
                             gsize  size);

/* The programs a benchmark drives: cordon-run is argv[1] or $CORDON_RUN
 * (NULL, after saying so, if it is not there: the benchmark skips); a
 * helper is argv[@index] or @name next to this program, made absolute. */
const char *bench_cordon_run  (int         argc,
                               char      **argv);
char       *bench_helper_path (int         argc,
                               char      **argv,
                               int         index,
                               const char *name);

/* How many times to repeat: CORDON_BENCH_RUNS overrides @fallback. */
guint    bench_runs         (guint fallback);

void     bench_target       (BenchReport *report,
                             gboolean     met,
                             const char  *format,
                             ...) G_GNUC_PRINTF (3, 4);
int      bench_finish       (BenchReport *report);

/* Peak resident memory of this process in KiB (VmHWM), or 0. */
guint64  bench_peak_rss_kib (void);

G_END_DECLS
