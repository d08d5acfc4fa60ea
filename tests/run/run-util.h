/* run-util.h: spawning the built cordon-run from tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  int   wait_status;
  char *out;
  char *err;
} RunResult;

/* Runs in the forked child just before exec: async-signal-safe work only
 * (the test runner is single-threaded, so libseccomp calls are fine too). */
typedef void (*RunChildSetup) (gpointer data);

typedef struct
{
  const char    *stdin_text;  /* NULL: /dev/null */
  char         **envp;        /* NULL: the test's environment */
  RunChildSetup  setup;
  gpointer       setup_data;
} RunOptions;

/* Forks, execs @argv[0] and collects both outputs and the wait status. */
RunResult  *run_spawn (const char *const *argv,
                       const RunOptions  *options);
/* cordon-run (from $CORDON_RUN) with @args, a NULL-terminated array. */
RunResult  *run_cordon (const char *const *args,
                        const RunOptions  *options);
/* Shorthand: cordon-run with a NULL-terminated list of arguments. */
RunResult  *run_cordon_va (const char *first,
                           ...) G_GNUC_NULL_TERMINATED;
void        run_result_free (RunResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RunResult, run_result_free)

/* Asserts a normal exit and returns the status. */
int         run_result_exit_code (RunResult *result);
/* The contract for cordon-run's own failures: exit @code, exactly one line
 * on stderr starting "cordon-run: ", that contains @needle if not NULL. */
void        run_assert_one_line_error (RunResult  *result,
                                       int         code,
                                       const char *needle);

const char *run_cordon_path (void);
/* cordon-probe, built next to the test programs. */
const char *run_probe_path (void);
/* The directory that holds cordon-probe. */
const char *run_probe_dir (void);

/* The realistic base profile: read-only /usr, /etc, /lib*, /bin and /sbin
 * where they are real directories, and the probe's directory. Appends
 * "--ro PATH" pairs to @args. */
void        run_add_system_rules (GPtrArray *args);

/* A new directory under the temporary directory; removed with run_rm_rf. */
char       *run_make_temp_dir (const char *template_name);
void        run_rm_rf (const char *path);
void        run_write_file (const char *path,
                            const char *contents);

/* In a forked child before it execs cordon-run: the signals cordon-run
 * forwards or stops on get their default action and are unblocked, as in a
 * job a shell starts. cordon-run keeps a signal its caller ignores ignored
 * (nohup); the tests that send them must not depend on how they were
 * started (nohup, or in the background of a script: SIGHUP, SIGINT and
 * SIGQUIT ignored). Async-signal-safe. */
void        run_default_signals (void);

/* A RunChildSetup: dup2 (from, to), so @to is inherited without FD_CLOEXEC,
 * as a careless parent would leave it. */
typedef struct
{
  int from;
  int to;
} RunDupFd;
void        run_dup_fd_setup (gpointer data);

/* A one-rule profile, as JSON text. */
char       *run_profile_json (const char *path,
                              const char *access,
                              gboolean    net_blocked);
/* What --query prints when @path's rule grants it @access. */
char       *run_granted_json (const char *granted_path,
                              const char *access);

/* A process's state letter from /proc/PID/stat ('T' stopped, 'S' sleeping…),
 * '?' once it is gone. */
char        run_process_state (pid_t pid);
/* Waits up to five seconds for @pid to reach @state, asserting it does. */
void        run_wait_for_state (pid_t pid,
                                char  state);

/* The Landlock ABI the kernel offers, 0 if none. */
int         run_landlock_abi (void);

/* Under meson test --setup valgrind (build-aux/valgrind-test): skips the
 * case, saying @why valgrind cannot run it, and returns TRUE. */
gboolean    run_skip_under_valgrind (const char *why);

G_END_DECLS
