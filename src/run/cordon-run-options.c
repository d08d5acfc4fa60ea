/* cordon-run-options.c: cordon-run's command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cordon-run-options.h"

#define USAGE_PARAMETERS "[--] PROGRAM [ARGUMENT…]"

#define SUMMARY                                                                          \
  "Run PROGRAM in place under a Landlock + seccomp sandbox made from a profile\n"         \
  "and/or the --ro, --rw, --wo, --socket and network options.\n"                         \
  "\n"                                                                                   \
  "Other forms:\n"                                                                       \
  "  cordon-run [PROFILE] [RULES] --query PATH [--mode read|write|readwrite]\n"          \
  "  cordon-run [PROFILE] [RULES] --query-network\n"                                     \
  "  cordon-run [PROFILE] [RULES] --query-socket PATH\n"                                  \
  "  cordon-run [PROFILE] [RULES] --check\n"                                             \
  "  cordon-run [PROFILE] [RULES] --print-profile [--format cordon|nono]\n"              \
  "  cordon-run [PROFILE] [RULES] --report FILE|--report-fd N [--status-fd N] -- PROGRAM\n" \
  "  cordon-run --learn OUT.json [PROFILE] [RULES] -- PROGRAM   (runs PROGRAM unconfined)\n" \
  "  cordon-run --support [--json]\n"                                                  \
  "  cordon-run --list-presets"

#define DESCRIPTION                                                                      \
  "The profile comes from at most one of -p, --profile-fd or the CORDON_PROFILE\n"        \
  "environment variable (JSON text; removed from PROGRAM's environment).\n"             \
  "\n"                                                                                   \
  "Defaults: without a profile, PROGRAM may use only the paths given with --ro,\n"       \
  "--rw and --wo (nothing at all without them, so PROGRAM itself must be among\n"       \
  "them). The network is allowed unless the profile or --block-network blocks it.\n"    \
  "The environment is passed on unchanged unless --clear-env or --setenv is used.\n"    \
  "\n"                                                                                   \
  "Exit status: PROGRAM's own; 125 if cordon-run itself failed; 126 if PROGRAM\n"        \
  "could not be executed or the sandbox denied it; 127 if PROGRAM was not found.\n"     \
  "--query, --query-network and --query-socket exit 0 when allowed, 1 when denied.\n"   \
  "\n"                                                                                   \
  "--report writes one JSON line per distinct access the sandbox refused, with a\n"     \
  "count; --status-fd writes the run's events as JSON lines (child-pid, blocked,\n"     \
  "error, exit-code or signal).\n"                                                       \
  "\n"                                                                                   \
  "See cordon-run(1)."

typedef struct
{
  CordonRunOptions *options;
  gboolean          profile_fd_given;
  char             *mode;
  char             *format;
  int               n_actions;
  CordonRunAction   first_action;
  gboolean          own_error;
} ParseState;

static void
rule_free (gpointer data)
{
  CordonRunRule *rule = data;

  g_free (rule->path);
  g_free (rule);
}

static const char *
action_option (CordonRunAction action)
{
  switch (action)
    {
    case CORDON_RUN_ACTION_QUERY:
      return "--query";
    case CORDON_RUN_ACTION_QUERY_NETWORK:
      return "--query-network";
    case CORDON_RUN_ACTION_QUERY_SOCKET:
      return "--query-socket";
    case CORDON_RUN_ACTION_CHECK:
      return "--check";
    case CORDON_RUN_ACTION_PRINT_PROFILE:
      return "--print-profile";
    case CORDON_RUN_ACTION_SUPPORT:
      return "--support";
    case CORDON_RUN_ACTION_LIST_PRESETS:
      return "--list-presets";
    case CORDON_RUN_ACTION_HELP:
      return "--help";
    case CORDON_RUN_ACTION_VERSION:
      return "--version";
    case CORDON_RUN_ACTION_EXEC:
    default:
      return "running a program";
    }
}

static void
note_action (ParseState      *state,
             CordonRunAction  action)
{
  /* --help and --version win over everything else, as GNU tools do. */
  if (state->options->action == CORDON_RUN_ACTION_HELP
      || state->options->action == CORDON_RUN_ACTION_VERSION)
    return;
  if (action == CORDON_RUN_ACTION_HELP || action == CORDON_RUN_ACTION_VERSION)
    {
      state->options->action = action;
      return;
    }
  if (state->options->action == action)
    return;
  state->n_actions++;
  state->options->action = action;
  if (state->first_action == CORDON_RUN_ACTION_EXEC)
    state->first_action = action;
}

/* Callbacks name the option themselves; GOption's own messages get a
 * "what" added in cordon_run_options_parse(). */
static gboolean G_GNUC_PRINTF (3, 4)
callback_error (ParseState  *state,
                GError     **error,
                const char  *format,
                ...)
{
  va_list args;

  va_start (args, format);
  state->own_error = TRUE;
  g_propagate_error (error, g_error_new_valist (G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                                                format, args));
  va_end (args);
  return FALSE;
}

static gboolean
refuse_second_profile (ParseState  *state,
                       GError     **error)
{
  if (state->options->profile_file == NULL && !state->profile_fd_given)
    return TRUE;
  return callback_error (state, error, "%s",
                         "profile: more than one profile given (use one of -p, --profile-fd "
                         "or CORDON_PROFILE)");
}

static gboolean
on_rule (const char  *option_name,
         const char  *value,
         gpointer     data,
         GError     **error)
{
  ParseState *state = data;
  CordonRunRule *rule;
  CordonAccessMode mode;

  if (g_str_equal (option_name, "--ro"))
    mode = CORDON_ACCESS_READ;
  else if (g_str_equal (option_name, "--rw"))
    mode = CORDON_ACCESS_READ_WRITE;
  else
    mode = CORDON_ACCESS_WRITE;

  if (value[0] == '\0')
    return callback_error (state, error, "%s: the path is empty", option_name);

  rule = g_new0 (CordonRunRule, 1);
  rule->path = g_strdup (value);
  rule->mode = mode;
  g_ptr_array_add (state->options->rules, rule);
  return TRUE;
}

static gboolean
on_socket (const char  *option_name,
           const char  *value,
           gpointer     data,
           GError     **error)
{
  ParseState *state = data;

  if (value[0] == '\0')
    return callback_error (state, error, "%s: the path is empty", option_name);
  g_ptr_array_add (state->options->sockets, g_strdup (value));
  return TRUE;
}

static gboolean
on_profile (const char  *option_name,
            const char  *value,
            gpointer     data,
            GError     **error)
{
  ParseState *state = data;

  if (!refuse_second_profile (state, error))
    return FALSE;
  if (value[0] == '\0')
    return callback_error (state, error, "%s", "--profile: the file name is empty");
  state->options->profile_file = g_strdup (value);
  return TRUE;
}

static gboolean
on_profile_fd (const char  *option_name,
               const char  *value,
               gpointer     data,
               GError     **error)
{
  ParseState *state = data;
  gint64 fd;

  if (!refuse_second_profile (state, error))
    return FALSE;
  if (!g_ascii_string_to_signed (value, 10, 0, G_MAXINT, &fd, NULL))
    return callback_error (state, error, "--profile-fd: “%s” is not a file descriptor number",
                           value);
  /* Closing 0, 1 or 2 after reading would leave PROGRAM a standard stream
   * that its next open() silently takes over. */
  if (fd <= 2)
    return callback_error (state, error,
                           "--profile-fd: %d is a standard stream "
                           "(use “-p -” for standard input)",
                           (int) fd);
  state->profile_fd_given = TRUE;
  state->options->profile_fd = (int) fd;
  return TRUE;
}

/* --status-fd and --report-fd: a descriptor the caller opened for us. */
static gboolean
on_output_fd (const char  *option_name,
              const char  *value,
              gpointer     data,
              GError     **error)
{
  ParseState *state = data;
  gint64 fd;

  if (!g_ascii_string_to_signed (value, 10, 0, G_MAXINT, &fd, NULL))
    return callback_error (state, error, "%s: “%s” is not a file descriptor number", option_name,
                           value);
  /* The program's own output must not be mixed with records. */
  if (fd <= 2)
    return callback_error (state, error, "%s: %d is a standard stream", option_name, (int) fd);
  if (g_str_equal (option_name, "--status-fd"))
    state->options->status_fd = (int) fd;
  else
    state->options->report_fd = (int) fd;
  return TRUE;
}

static gboolean
on_network (const char  *option_name,
            const char  *value,
            gpointer     data,
            GError     **error)
{
  ParseState *state = data;
  CordonRunNetwork wanted = g_str_equal (option_name, "--block-network")
                              ? CORDON_RUN_NETWORK_BLOCK
                              : CORDON_RUN_NETWORK_ALLOW;

  /* Contradicting flags are a mistake in a script; guessing which one the
   * author meant would make the sandbox depend on argument order. */
  if (state->options->network != CORDON_RUN_NETWORK_FROM_PROFILE
      && state->options->network != wanted)
    return callback_error (state, error, "%s",
                           "--block-network and --allow-network: use only one of them");
  state->options->network = wanted;
  return TRUE;
}

/* --preset, --dbus-talk, --dbus-own: kept as typed; the engine checks them
 * (an unknown preset or a malformed bus name) with its own words. */
static gboolean
on_named (const char  *option_name,
          const char  *value,
          gpointer     data,
          GError     **error)
{
  ParseState *state = data;
  GPtrArray *list;

  if (g_str_equal (option_name, "--preset"))
    list = state->options->presets;
  else if (g_str_equal (option_name, "--dbus-talk"))
    list = state->options->dbus_talk;
  else
    list = state->options->dbus_own;

  if (value[0] == '\0')
    return callback_error (state, error, "%s: the name is empty", option_name);
  g_ptr_array_add (list, g_strdup (value));
  return TRUE;
}

static gboolean
on_setenv (const char  *option_name,
           const char  *value,
           gpointer     data,
           GError     **error)
{
  ParseState *state = data;
  const char *equals = strchr (value, '=');

  if (equals == NULL || equals == value)
    return callback_error (state, error, "--setenv: “%s” is not KEY=VALUE", value);
  g_ptr_array_insert (state->options->setenv, state->options->setenv->len - 1,
                      g_strdup (value));
  return TRUE;
}

static gboolean
on_query (const char  *option_name,
          const char  *value,
          gpointer     data,
          GError     **error)
{
  ParseState *state = data;
  CordonRunAction action = g_str_equal (option_name, "--query-socket")
                             ? CORDON_RUN_ACTION_QUERY_SOCKET
                             : CORDON_RUN_ACTION_QUERY;

  /* A second --query-socket after --query is the "cannot be combined"
   * error that validate() gives, not this one. */
  if (state->options->query_path != NULL && state->options->action == action)
    return callback_error (state, error, "%s: give only one path", option_name);
  if (value[0] == '\0')
    return callback_error (state, error, "%s: the path is empty", option_name);
  g_free (state->options->query_path);
  state->options->query_path = g_strdup (value);
  note_action (state, action);
  return TRUE;
}

static gboolean
on_flag_action (const char  *option_name,
                const char  *value,
                gpointer     data,
                GError     **error)
{
  ParseState *state = data;
  static const struct
  {
    const char      *name;
    CordonRunAction  action;
  } actions[] = {
    { "--query-network", CORDON_RUN_ACTION_QUERY_NETWORK },
    { "--check", CORDON_RUN_ACTION_CHECK },
    { "--print-profile", CORDON_RUN_ACTION_PRINT_PROFILE },
    { "--support", CORDON_RUN_ACTION_SUPPORT },
    { "--list-presets", CORDON_RUN_ACTION_LIST_PRESETS },
    { "--help", CORDON_RUN_ACTION_HELP },
    { "-h", CORDON_RUN_ACTION_HELP },
    { "--version", CORDON_RUN_ACTION_VERSION },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      if (g_str_equal (option_name, actions[i].name))
        {
          note_action (state, actions[i].action);
          return TRUE;
        }
    }
  g_assert_not_reached ();
}

static gboolean
parse_mode (const char        *text,
            CordonAccessMode  *out_mode,
            GError           **error)
{
  if (g_str_equal (text, "read"))
    *out_mode = CORDON_ACCESS_READ;
  else if (g_str_equal (text, "write"))
    *out_mode = CORDON_ACCESS_WRITE;
  else if (g_str_equal (text, "readwrite") || g_str_equal (text, "read+write"))
    *out_mode = CORDON_ACCESS_READ_WRITE;
  else
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--mode: unknown mode “%s” (use read, write or readwrite)", text);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_format (const char         *text,
              CordonStateFormat  *out_format,
              GError            **error)
{
  if (g_str_equal (text, "cordon"))
    *out_format = CORDON_STATE_FORMAT_CORDON;
  else if (g_str_equal (text, "nono"))
    *out_format = CORDON_STATE_FORMAT_NATIVE;
  else
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--format: unknown format “%s” (use cordon or nono)", text);
      return FALSE;
    }
  return TRUE;
}

static gboolean
refuse_unless (gboolean     condition,
               const char  *option,
               const char  *needs,
               GError     **error)
{
  if (condition)
    return TRUE;
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               "%s: only makes sense with %s", option, needs);
  return FALSE;
}

static gboolean
has_named_rules (CordonRunOptions *options)
{
  return options->sockets->len > 0 || options->presets->len > 0 || options->dbus_talk->len > 0
         || options->dbus_own->len > 0;
}

/* Options that would silently do nothing are refused: a user who wrote them
 * expected an effect. */
static gboolean
validate (ParseState  *state,
          GError     **error)
{
  CordonRunOptions *options = state->options;
  gboolean has_program = options->argv != NULL && options->argv[0] != NULL;
  gboolean runs = options->action == CORDON_RUN_ACTION_EXEC;

  if (options->action == CORDON_RUN_ACTION_HELP || options->action == CORDON_RUN_ACTION_VERSION)
    return TRUE;

  if (state->n_actions > 1)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "%s: cannot be combined with another of --query, --query-network, "
                   "--query-socket, --check, --print-profile, --support, --list-presets",
                   action_option (state->first_action));
      return FALSE;
    }

  if (state->mode != NULL
      && (!refuse_unless (options->action == CORDON_RUN_ACTION_QUERY, "--mode", "--query", error)
          || !parse_mode (state->mode, &options->query_mode, error)))
    return FALSE;
  if (state->format != NULL
      && (!refuse_unless (options->action == CORDON_RUN_ACTION_PRINT_PROFILE, "--format",
                          "--print-profile", error)
          || !parse_format (state->format, &options->format, error)))
    return FALSE;
  if (options->json
      && !refuse_unless (options->action == CORDON_RUN_ACTION_SUPPORT, "--json", "--support",
                         error))
    return FALSE;

  if (options->clear_env && !refuse_unless (runs, "--clear-env", "a program to run", error))
    return FALSE;
  if (options->setenv->len > 1 && !refuse_unless (runs, "--setenv", "a program to run", error))
    return FALSE;
  if (options->chdir != NULL && !refuse_unless (runs, "--chdir", "a program to run", error))
    return FALSE;
  if (options->report_file != NULL
      && !refuse_unless (runs, "--report", "a program to run", error))
    return FALSE;
  if (options->report_fd >= 0 && !refuse_unless (runs, "--report-fd", "a program to run", error))
    return FALSE;
  if (options->status_fd >= 0 && !refuse_unless (runs, "--status-fd", "a program to run", error))
    return FALSE;
  if (options->learn_file != NULL && !refuse_unless (runs, "--learn", "a program to run", error))
    return FALSE;
  if (options->learn_file != NULL && (options->report_file != NULL || options->report_fd >= 0))
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "--learn: runs without the sandbox, so there is nothing to --report");
      return FALSE;
    }
  if (options->learn_file != NULL && *options->learn_file == '\0')
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "--learn: the file name is empty");
      return FALSE;
    }
  if (options->report_file != NULL && options->report_fd >= 0)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "--report and --report-fd: give only one");
      return FALSE;
    }
  if (options->report_file != NULL && *options->report_file == '\0')
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "--report: the file name is empty");
      return FALSE;
    }
  if (options->status_fd >= 0
      && (options->status_fd == options->report_fd || options->status_fd == options->profile_fd))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--status-fd: %d is already used by another option", options->status_fd);
      return FALSE;
    }

  if (runs && !has_program)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "no program given");
      return FALSE;
    }
  if (!runs && has_program)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "%s: does not run a program, but “%s” was given",
                   action_option (options->action), options->argv[0]);
      return FALSE;
    }

  if (options->action == CORDON_RUN_ACTION_SUPPORT
      && (options->profile_file != NULL || state->profile_fd_given || options->rules->len > 0
          || options->network != CORDON_RUN_NETWORK_FROM_PROFILE || has_named_rules (options)))
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "--support: describes the kernel and takes no profile or rules");
      return FALSE;
    }
  if (options->action == CORDON_RUN_ACTION_LIST_PRESETS
      && (options->profile_file != NULL || state->profile_fd_given || options->rules->len > 0
          || options->network != CORDON_RUN_NETWORK_FROM_PROFILE || has_named_rules (options)))
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "--list-presets: lists the presets and takes no profile or rules");
      return FALSE;
    }

  return TRUE;
}

/* Messages quote arguments, which are bytes, not necessarily UTF-8 text. */
static void
propagate_as_text (GError **dest,
                   GError  *src)
{
  if (!g_utf8_validate (src->message, -1, NULL))
    {
      char *valid = g_utf8_make_valid (src->message, -1);
      g_free (src->message);
      src->message = valid;
    }
  g_propagate_error (dest, src);
}

static void
state_clear (ParseState *state)
{
  g_clear_pointer (&state->options, cordon_run_options_free);
  g_clear_pointer (&state->mode, g_free);
  g_clear_pointer (&state->format, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ParseState, state_clear)

CordonRunOptions *
cordon_run_options_parse (int      argc,
                          char   **argv,
                          GError **error)
{
  g_auto (ParseState) state = { 0 };
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char **args = NULL;
  GOptionGroup *group;
  int n_args;

  /* --help and --version are our own entries: GOption's would print and
   * exit() from inside the parser. */
  const GOptionEntry entries[] = {
    { "profile", 'p', G_OPTION_FLAG_FILENAME, G_OPTION_ARG_CALLBACK, on_profile,
      "Read the profile from FILE (“-” for standard input)", "FILE" },
    { "profile-fd", 0, G_OPTION_FLAG_FILENAME, G_OPTION_ARG_CALLBACK, on_profile_fd,
      "Read the profile from file descriptor N to its end, then close it", "N" },
    { "ro", 0, G_OPTION_FLAG_FILENAME, G_OPTION_ARG_CALLBACK, on_rule,
      "Allow reading (and executing) PATH, a directory or a file", "PATH" },
    { "rw", 0, G_OPTION_FLAG_FILENAME, G_OPTION_ARG_CALLBACK, on_rule,
      "Allow reading and writing PATH", "PATH" },
    { "wo", 0, G_OPTION_FLAG_FILENAME, G_OPTION_ARG_CALLBACK, on_rule,
      "Allow writing PATH, not reading it", "PATH" },
    { "socket", 0, G_OPTION_FLAG_FILENAME, G_OPTION_ARG_CALLBACK, on_socket,
      "Allow connecting to the UNIX socket PATH (a directory: every socket in it)", "PATH" },
    { "block-network", 0, G_OPTION_FLAG_NO_ARG, G_OPTION_ARG_CALLBACK, on_network,
      "Block network access (overrides the profile)", NULL },
    { "allow-network", 0, G_OPTION_FLAG_NO_ARG, G_OPTION_ARG_CALLBACK, on_network,
      "Allow network access (overrides the profile)", NULL },
    { "preset", 0, 0, G_OPTION_ARG_CALLBACK, on_named,
      "Add the rules, sockets and bus names of preset NAME (repeatable; see --list-presets)",
      "NAME" },
    { "dbus-talk", 0, 0, G_OPTION_ARG_CALLBACK, on_named,
      "Give PROGRAM a filtered session bus on which it may call NAME (repeatable; "
      "org.example.* for a name and every name beneath it)", "NAME" },
    { "dbus-own", 0, 0, G_OPTION_ARG_CALLBACK, on_named,
      "Give PROGRAM a filtered session bus on which it may own NAME (repeatable)", "NAME" },
    { "query", 0, G_OPTION_FLAG_FILENAME, G_OPTION_ARG_CALLBACK, on_query,
      "Print whether PATH would be allowed, as JSON, and exit", "PATH" },
    /* FILENAME, not STRING, here and for --profile-fd: GOption's
     * conversion of a value that is not UTF-8 fails with a G_CONVERT_ERROR
     * that names no option; our own checks compare bytes and name it. */
    { "mode", 0, 0, G_OPTION_ARG_FILENAME, &state.mode,
      "Access to ask --query about: read (default), write or readwrite", "MODE" },
    { "query-network", 0, G_OPTION_FLAG_NO_ARG, G_OPTION_ARG_CALLBACK, on_flag_action,
      "Print whether network access would be allowed, as JSON, and exit", NULL },
    { "query-socket", 0, G_OPTION_FLAG_FILENAME, G_OPTION_ARG_CALLBACK, on_query,
      "Print whether connecting to the socket PATH would be allowed, as JSON, and exit", "PATH" },
    { "check", 0, G_OPTION_FLAG_NO_ARG, G_OPTION_ARG_CALLBACK, on_flag_action,
      "Check the profile and rules (every path must exist) and print a summary", NULL },
    { "print-profile", 0, G_OPTION_FLAG_NO_ARG, G_OPTION_ARG_CALLBACK, on_flag_action,
      "Print the effective profile as JSON and exit", NULL },
    { "format", 0, 0, G_OPTION_ARG_FILENAME, &state.format,
      "Format for --print-profile: cordon (default) or nono", "FORMAT" },
    { "support", 0, G_OPTION_FLAG_NO_ARG, G_OPTION_ARG_CALLBACK, on_flag_action,
      "Print what this kernel can enforce and exit", NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, NULL, "Print --support as JSON", NULL },
    { "list-presets", 0, G_OPTION_FLAG_NO_ARG, G_OPTION_ARG_CALLBACK, on_flag_action,
      "List the built-in and your own presets, one a line, and exit", NULL },
    { "clear-env", 0, 0, G_OPTION_ARG_NONE, NULL, "Start PROGRAM with an empty environment",
      NULL },
    { "setenv", 0, G_OPTION_FLAG_FILENAME, G_OPTION_ARG_CALLBACK, on_setenv,
      "Set KEY to VALUE in PROGRAM's environment (repeatable)", "KEY=VALUE" },
    { "chdir", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      "Change to directory DIR before applying the sandbox", "DIR" },
    { "report", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      "Write the accesses the sandbox refused to FILE, as JSON lines", "FILE" },
    { "report-fd", 0, G_OPTION_FLAG_FILENAME, G_OPTION_ARG_CALLBACK, on_output_fd,
      "Write the same report to descriptor N", "N" },
    { "learn", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      "Run PROGRAM WITHOUT filesystem, network and socket restriction, record what it uses, "
      "and write a profile that allows it (the profile and rules given are kept) to FILE",
      "FILE" },
    { "status-fd", 0, G_OPTION_FLAG_FILENAME, G_OPTION_ARG_CALLBACK, on_output_fd,
      "Write the run's events to descriptor N, as JSON lines", "N" },
    { "help", 'h', G_OPTION_FLAG_NO_ARG, G_OPTION_ARG_CALLBACK, on_flag_action,
      "Show this help and exit", NULL },
    { "version", 0, G_OPTION_FLAG_NO_ARG, G_OPTION_ARG_CALLBACK, on_flag_action,
      "Show the version and exit", NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, NULL, NULL, NULL },
    G_OPTION_ENTRY_NULL,
  };
  GOptionEntry mutable_entries[G_N_ELEMENTS (entries)];

  g_return_val_if_fail (argc >= 0, NULL);
  g_return_val_if_fail (argv != NULL || argc == 0, NULL);

  state.options = g_new0 (CordonRunOptions, 1);
  state.options->profile_fd = -1;
  state.options->status_fd = -1;
  state.options->report_fd = -1;
  state.options->rules = g_ptr_array_new_with_free_func (rule_free);
  state.options->sockets = g_ptr_array_new_with_free_func (g_free);
  state.options->presets = g_ptr_array_new_with_free_func (g_free);
  state.options->dbus_talk = g_ptr_array_new_with_free_func (g_free);
  state.options->dbus_own = g_ptr_array_new_with_free_func (g_free);
  state.options->setenv = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (state.options->setenv, NULL);
  state.options->query_mode = CORDON_ACCESS_READ;
  state.options->format = CORDON_STATE_FORMAT_CORDON;

  /* Entries that store into the result need its addresses. */
  memcpy (mutable_entries, entries, sizeof entries);
  for (gsize i = 0; i < G_N_ELEMENTS (mutable_entries) - 1; i++)
    {
      GOptionEntry *entry = &mutable_entries[i];

      if (g_str_equal (entry->long_name, "json"))
        entry->arg_data = &state.options->json;
      else if (g_str_equal (entry->long_name, "clear-env"))
        entry->arg_data = &state.options->clear_env;
      else if (g_str_equal (entry->long_name, "chdir"))
        entry->arg_data = &state.options->chdir;
      else if (g_str_equal (entry->long_name, "report"))
        entry->arg_data = &state.options->report_file;
      else if (g_str_equal (entry->long_name, "learn"))
        entry->arg_data = &state.options->learn_file;
      else if (g_str_equal (entry->long_name, G_OPTION_REMAINING))
        entry->arg_data = &state.options->argv;
    }

  context = g_option_context_new (USAGE_PARAMETERS);
  g_option_context_set_summary (context, SUMMARY);
  g_option_context_set_description (context, DESCRIPTION);
  g_option_context_set_help_enabled (context, FALSE);
  /* Everything after PROGRAM belongs to PROGRAM, even without "--". */
  g_option_context_set_strict_posix (context, TRUE);
  group = g_option_group_new (NULL, NULL, NULL, &state, NULL);
  g_option_group_add_entries (group, mutable_entries);
  g_option_context_set_main_group (context, group);

  /* g_option_context_parse() rearranges the array it is given (never the
   * strings, which it copies), so the caller's argv stays intact. */
  args = g_new0 (char *, argc + 1);
  memcpy (args, argv, sizeof (char *) * argc);
  n_args = argc;
  if (!g_option_context_parse (context, &n_args, &args, &local_error))
    {
      /* Any other value GOption would convert fails the same way; callers
       * are promised G_OPTION_ERROR. */
      if (local_error->domain != G_OPTION_ERROR)
        {
          GError *option_error = g_error_new (G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                                              "an option's value is not valid text (%s)",
                                              local_error->message);
          g_error_free (local_error);
          local_error = option_error;
        }
      /* Our callbacks name the option; GOption's own messages need a "what". */
      if (!state.own_error)
        g_prefix_error (&local_error, "command line: ");
      propagate_as_text (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (state.options->action == CORDON_RUN_ACTION_HELP)
    state.options->help = g_option_context_get_help (context, TRUE, NULL);

  if (!validate (&state, &local_error))
    {
      propagate_as_text (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return g_steal_pointer (&state.options);
}

void
cordon_run_options_free (CordonRunOptions *options)
{
  if (options == NULL)
    return;
  g_free (options->profile_file);
  g_ptr_array_unref (options->rules);
  g_ptr_array_unref (options->sockets);
  g_ptr_array_unref (options->presets);
  g_ptr_array_unref (options->dbus_talk);
  g_ptr_array_unref (options->dbus_own);
  g_free (options->query_path);
  g_ptr_array_unref (options->setenv);
  g_free (options->chdir);
  g_free (options->report_file);
  g_free (options->learn_file);
  g_strfreev (options->argv);
  g_free (options->help);
  g_free (options);
}
