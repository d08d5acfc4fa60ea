/* cordon-run-options.h: cordon-run's command line, parsed without side effects
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "cordon-access-mode.h"
#include "cordon-sandbox-state.h"

G_BEGIN_DECLS

typedef enum
{
  CORDON_RUN_ACTION_EXEC,
  CORDON_RUN_ACTION_QUERY,
  CORDON_RUN_ACTION_QUERY_NETWORK,
  CORDON_RUN_ACTION_QUERY_SOCKET,
  CORDON_RUN_ACTION_CHECK,
  CORDON_RUN_ACTION_PRINT_PROFILE,
  CORDON_RUN_ACTION_SUPPORT,
  CORDON_RUN_ACTION_LIST_PRESETS,
  CORDON_RUN_ACTION_HELP,
  CORDON_RUN_ACTION_VERSION,
} CordonRunAction;

typedef enum
{
  CORDON_RUN_NETWORK_FROM_PROFILE,
  CORDON_RUN_NETWORK_BLOCK,
  CORDON_RUN_NETWORK_ALLOW,
} CordonRunNetwork;

/* One --ro/--rw/--wo, in command-line order. The path is as typed. */
typedef struct
{
  char             *path;
  CordonAccessMode  mode;
} CordonRunRule;

typedef struct
{
  CordonRunAction    action;

  /* At most one of these two is set; CORDON_PROFILE is the caller's business. */
  char              *profile_file; /* "-" is standard input */
  int                profile_fd;   /* -1 when not given */

  GPtrArray         *rules;        /* of CordonRunRule */
  GPtrArray         *sockets;      /* --socket paths as typed, in order */
  CordonRunNetwork   network;
  GPtrArray         *presets;      /* --preset ids, in order */
  GPtrArray         *dbus_talk;    /* --dbus-talk names, in order */
  GPtrArray         *dbus_own;     /* --dbus-own names, in order */

  char              *query_path;   /* --query's or --query-socket's */
  CordonAccessMode   query_mode;
  CordonStateFormat  format;
  gboolean           json;

  gboolean           clear_env;
  GPtrArray         *setenv;       /* of "KEY=VALUE", NULL-terminated */
  char              *chdir;

  int                status_fd;    /* --status-fd, -1 when not given */
  char              *report_file;  /* --report */
  int                report_fd;    /* --report-fd, -1 when not given */
  char              *learn_file;   /* --learn */

  char             **argv;         /* PROGRAM and its arguments, or NULL */
  char              *help;         /* --help text, always filled in */
} CordonRunOptions;

/* Parses @argv (not modified, not kept) into a new CordonRunOptions. Never
 * prints, never exits, never touches files or the environment, so it can be
 * fuzzed. Errors are G_OPTION_ERROR with a message meant to follow
 * "cordon-run: ". */
CordonRunOptions *cordon_run_options_parse (int          argc,
                                            char       **argv,
                                            GError     **error);
void              cordon_run_options_free  (CordonRunOptions *options);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CordonRunOptions, cordon_run_options_free)

G_END_DECLS
