/* fuzz-run-options.c: cordon-run's option parser
 *
 * The input is split at NUL bytes into argv (after "cordon-run"). Parsing
 * must give options or a G_OPTION_ERROR with a message, never crash, and
 * what it gives must hold together. Nothing is opened, applied or run.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cordon-run-options.h"
#include "fuzz-tree.h"

#define MAX_ARGS 256

static void
require (gboolean    condition,
         const char *what)
{
  if (!condition)
    {
      g_printerr ("fuzz-run-options: invariant broken: %s\n", what);
      abort ();
    }
}

static void
check_options (const CordonRunOptions *options)
{
  gboolean has_program = options->argv != NULL && options->argv[0] != NULL;

  require (options->profile_file == NULL || options->profile_fd < 0,
           "at most one profile source");
  require (options->profile_fd < 0 || options->profile_fd > 2,
           "--profile-fd never takes a standard stream");
  require (options->profile_file == NULL || options->profile_file[0] != '\0',
           "no empty profile file name");
  require (options->help != NULL || options->action != CORDON_RUN_ACTION_HELP,
           "--help has its text");
  require (options->setenv->len >= 1
             && g_ptr_array_index (options->setenv, options->setenv->len - 1) == NULL,
           "setenv is NULL-terminated");

  for (guint i = 0; i < options->rules->len; i++)
    {
      const CordonRunRule *rule = g_ptr_array_index (options->rules, i);
      require (rule->path != NULL && rule->path[0] != '\0', "rules have a path");
      require (cordon_access_mode_is_valid (rule->mode), "rules have a valid mode");
    }
  for (guint i = 0; i + 1 < options->setenv->len; i++)
    {
      const char *pair = g_ptr_array_index (options->setenv, i);
      require (strchr (pair, '=') != NULL && pair[0] != '=', "--setenv is KEY=VALUE");
    }

  switch (options->action)
    {
    case CORDON_RUN_ACTION_EXEC:
      require (has_program, "running needs a program");
      break;
    case CORDON_RUN_ACTION_QUERY:
      require (options->query_path != NULL && !has_program, "--query has a path, no program");
      break;
    case CORDON_RUN_ACTION_HELP:
    case CORDON_RUN_ACTION_VERSION:
      break;
    default:
      require (!has_program, "only running takes a program");
      break;
    }
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_make_warnings_fatal ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_malloc (size + 1);
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  g_autoptr (CordonRunOptions) options = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char **copy = NULL;
  const char *end;

  memcpy (text, data, size);
  text[size] = '\0';
  end = text + size;

  g_ptr_array_add (args, (char *) "cordon-run");
  for (char *arg = text; arg < end && args->len < MAX_ARGS; arg += strlen (arg) + 1)
    g_ptr_array_add (args, arg);
  g_ptr_array_add (args, NULL);

  /* The parser promises to leave the caller's argv alone. */
  copy = g_memdup2 (args->pdata, sizeof (char *) * args->len);

  options = cordon_run_options_parse (args->len - 1, (char **) args->pdata, &error);
  require (memcmp (copy, args->pdata, sizeof (char *) * args->len) == 0,
           "the caller's argv is left as it was");
  if (options == NULL)
    {
      require (error != NULL && error->domain == G_OPTION_ERROR && error->message[0] != '\0',
               "a failure without a G_OPTION_ERROR that says something");
      require (g_utf8_validate (error->message, -1, NULL), "error messages are UTF-8 text");
      return 0;
    }

  require (error == NULL, "no error on success");
  check_options (options);
  return 0;
}
