/* enforce-util.h: run a check inside a real sandbox, in a forked child
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cordon.h>

G_BEGIN_DECLS

/* Runs in the sandboxed child; returns 0 or an errno (or any small code
 * the test defines). */
typedef int (*EnforceCheck) (gpointer data);

/* What came back from the child. */
typedef struct
{
  gboolean applied;     /* cordon_apply… succeeded */
  int      error_code;  /* CordonError code when !applied */
  GQuark   error_domain; /* its domain: compare with a quark the parent
                         * interned before the fork */
  char     message[512]; /* the GError message when !applied */
  int      result;      /* the check's return value when applied */
  gboolean reported;    /* the child wrote an outcome before exiting */
  int      wait_status; /* from waitpid, for checks that expect a signal */
} EnforceOutcome;

/* Forks; the child applies @caps with the ABI capped at @abi (0: no cap)
 * and runs @check. The test runner itself is never sandboxed. The child's
 * fate is in @outcome (reported, wait_status): callers assert on it. */
void enforce_run (CordonCapabilitySet *caps,
                  int                  abi,
                  EnforceCheck         check,
                  gpointer             data,
                  EnforceOutcome      *outcome);

/* The same, with @prepare (may be NULL) run in the child before apply,
 * and @abi == ENFORCE_NO_SANDBOX to skip apply (for the allowed twins that
 * prove a test would see the access work). */
#define ENFORCE_NO_SANDBOX (-1)
void enforce_run_prepared (CordonCapabilitySet *caps,
                           int                  abi,
                           EnforceCheck         prepare,
                           EnforceCheck         check,
                           gpointer             data,
                           EnforceOutcome      *outcome);

/* @check's result in a child that is not sandboxed (after @prepare). */
int enforce_run_unsandboxed (EnforceCheck prepare,
                             EnforceCheck check,
                             gpointer     data);

/* enforce_run, asserting that apply worked; returns the check's result. */
int enforce_run_applied (CordonCapabilitySet *caps,
                         int                  abi,
                         EnforceCheck         check,
                         gpointer             data);

/* The kernel's Landlock ABI (capped to what Cordon knows). */
int enforce_kernel_abi (void);

/* TRUE (and g_test_skip with a message naming @feature) when the kernel
 * offers less than @needed. */
gboolean enforce_skip_unless_abi (int         needed,
                                  const char *feature);

/* A fresh temporary directory, removed with its contents by
 * enforce_tree_free. */
char *enforce_tree_new (void);
void  enforce_tree_free (char *root);

void enforce_write_file (const char *path,
                         const char *contents);

/* A caps set with one rule per (path, mode); is_file decided by stat. */
CordonCapabilitySet *enforce_caps (gboolean block_network,
                                   ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
