/* cordon-run.c: apply a Cordon profile and run a program in it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * This process must stay single-threaded until the sandbox is applied
 * (Landlock and seccomp restrict the calling thread only), so it uses plain
 * system calls and never a GIO API that starts a worker thread.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cordon.h"
#include "cordon-apply-private.h"
#include "cordon-landlock-private.h"
#include "cordon-run-dbus-proxy.h"
#include "cordon-run-exec.h"
#include "cordon-run-launch.h"
#include "cordon-mediator-private.h"
#include "cordon-run-options.h"
#include "cordon-read-private.h"
#include "cordon-sandbox-state-private.h"
#include "cordon-run-presets.h"
#include "cordon-run-status.h"
#include "cordon-run-tracer.h"

#define PROFILE_ENV "CORDON_PROFILE"
/* TEST KNOB, for the test suite only: cap the Landlock ABI cordon-run uses,
 * as cordon_apply_with_abi_limit() does for the engine's tests. */
#define ABI_LIMIT_ENV "CORDON_RUN_TEST_ABI_LIMIT"
/* From this ABI on, Landlock keeps named sockets closed by itself
 * (LANDLOCK_ACCESS_FS_RESOLVE_UNIX); below it the supervisor mediates. */
#define RESOLVE_UNIX_ABI 9

/* Output is written as the UTF-8 it is, never converted to the locale's
 * charset as g_print() would: JSON and profiles are for programs to read, and
 * skipping setlocale() keeps start-up cheap. */
static void
print_out (const char *text)
{
  fputs (text, stdout);
}

static void
print_error (char *message)
{
  /* A message is one line even if a path in it holds a newline. */
  g_strdelimit (message, "\n", ' ');
  fprintf (stderr, "cordon-run: %s\n", message);
  cordon_run_status_error (message);
}

/* One line on stderr, then 125: the contract scripts rely on. */
static int G_GNUC_PRINTF (1, 2)
fail (const char *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  print_error (message);
  return CORDON_RUN_EXIT_FAILURE;
}

/* A mistake on the command line: GNU's pointer to --help ends the line. */
static int
fail_usage (const char *message)
{
  return fail ("%s. Try 'cordon-run --help' for more information.", message);
}

/* Quoted "~/x" reaches us unexpanded; the shell expands ~ only when it is
 * unquoted and starts a word. Returns "" when there is nothing to say. */
static const char *
tilde_hint (const char *path)
{
  if (path == NULL || path[0] != '~')
    return "";
  return " (“~” is not expanded here: the shell expands it only unquoted at the start of a "
         "word, so write ~/… without quotes, or $HOME/…)";
}

/* Reads @fd to its end. Profiles are small; anything past the engine's limit
 * is refused here rather than buffered. */
static char *
read_fd_to_end (int      fd,
                gsize   *out_length,
                GError **error)
{
  g_autoptr (GError) local_error = NULL;
  char *text = cordon_read_fd_bounded (fd, CORDON_STATE_MAX_BYTES, out_length, &local_error);

  if (text != NULL)
    return text;
  if (g_error_matches (local_error, CORDON_ERROR, CORDON_ERROR_INVALID_STATE))
    g_set_error (error, CORDON_ERROR, CORDON_ERROR_INVALID_STATE,
                 "larger than %d bytes", CORDON_STATE_MAX_BYTES);
  else
    g_set_error (error, G_FILE_ERROR, local_error->code, "cannot read: %s",
                 local_error->message);
  return NULL;
}

static char *
absolute_path (const char *path)
{
  g_autofree char *cwd = NULL;

  if (g_path_is_absolute (path))
    return g_strdup (path);
  /* Joined, not normalized: ".." must be resolved by the engine against the
   * real directories, never by text. */
  cwd = g_get_current_dir ();
  return g_build_filename (cwd, path, NULL);
}

typedef struct
{
  char   *what;  /* "profile (standard input)", for messages */
  char   *text;  /* JSON, when not read from a named file */
  gsize   length;
} ProfileSource;

static void
profile_source_clear (ProfileSource *source)
{
  g_clear_pointer (&source->what, g_free);
  g_clear_pointer (&source->text, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ProfileSource, profile_source_clear)

/* A named profile is read here, not by the engine, so that every profile
 * message has one shape: "profile <source>: <what is wrong>". */
static char *
read_profile_file (const char  *filename,
                   gsize       *out_length,
                   GError     **error)
{
  struct stat st;
  char *text;
  int fd;

  /* O_NONBLOCK: opening a FIFO with no writer must not hang. */
  fd = open (filename, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  if (fd < 0 || fstat (fd, &st) != 0)
    {
      int saved_errno = errno;

      if (fd >= 0)
        close (fd);
      g_set_error_literal (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                           g_strerror (saved_errno));
      return NULL;
    }
  if (S_ISDIR (st.st_mode))
    {
      close (fd);
      g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_ISDIR,
                           "is a directory, not a profile");
      return NULL;
    }
  if (S_ISREG (st.st_mode) && st.st_size > CORDON_STATE_MAX_BYTES)
    {
      close (fd);
      g_set_error_literal (error, CORDON_ERROR, CORDON_ERROR_INVALID_STATE,
                           "larger than the largest allowed profile (16 MiB)");
      return NULL;
    }
  fcntl (fd, F_SETFL, fcntl (fd, F_GETFL) & ~O_NONBLOCK);
  text = read_fd_to_end (fd, out_length, error);
  close (fd);
  return text;
}

/* --profile-fd is read first, and always closed, so a writer on the other
 * end of a pipe is never left blocked whatever goes wrong next. */
static gboolean
read_profile_fd (CordonRunOptions  *options,
                 ProfileSource     *source,
                 GError           **error)
{
  g_autoptr (GError) local_error = NULL;
  int fd = options->profile_fd;

  source->what = g_strdup_printf ("profile (--profile-fd %d)", fd);
  source->text = read_fd_to_end (fd, &source->length, &local_error);
  close (fd);
  if (source->text == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

static gboolean reports (CordonRunOptions *options);

/* Only the program will see these rules: the kernel is given them at once,
 * so the open that grants each one is also its check (see
 * CORDON_TO_CAPS_UNCHECKED), as in the child no path can be looked up any
 * earlier than it is opened. --check, --query and --print-profile say what
 * is wrong with a rule now; --report and --learn write files that word the
 * program's refusals by the rules' paths, which are checked first.
 * --status-fd alone (the app, on every launch) takes this path too: its
 * "blocked" lines are judged by rules resolved at the first refusal
 * (cordon-run-report.c says why that is what the child applied), and the
 * tracer's prediction follows a call it cannot vouch for
 * (cordon-run-prediction.c). */
static gboolean
launch_only (CordonRunOptions *options)
{
  return options->action == CORDON_RUN_ACTION_EXEC && options->report_file == NULL
         && options->report_fd < 0 && options->learn_file == NULL;
}

static CordonCapabilitySet *
caps_from_profile (CordonRunOptions  *options,
                   ProfileSource     *source,
                   const char        *env_profile,
                   int               *out_status)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CordonSandboxState) state = NULL;
  g_autoptr (CordonCapabilitySet) caps = NULL;

  if (options->profile_fd >= 0)
    {
      /* Already read in main(). */
      state = cordon_sandbox_state_from_json (source->text, source->length, &error);
    }
  else if (options->profile_file != NULL && g_str_equal (options->profile_file, "-"))
    {
      source->what = g_strdup ("profile (standard input)");
      source->text = read_fd_to_end (STDIN_FILENO, &source->length, &error);
      if (source->text != NULL)
        state = cordon_sandbox_state_from_json (source->text, source->length, &error);
    }
  else if (options->profile_file != NULL)
    {
      g_autofree char *display = g_filename_display_name (options->profile_file);

      source->what = g_strdup_printf ("profile “%s”", display);
      source->text = read_profile_file (options->profile_file, &source->length, &error);
      if (source->text != NULL)
        state = cordon_sandbox_state_from_json (source->text, source->length, &error);
    }
  else if (env_profile != NULL)
    {
      source->what = g_strdup ("profile (" PROFILE_ENV ")");
      state = cordon_sandbox_state_from_json (env_profile, -1, &error);
    }
  else
    {
      /* No profile: only the command-line rules, network allowed. */
      return cordon_capability_set_new ();
    }

  if (state != NULL)
    caps = cordon_sandbox_state_to_caps_full (state, launch_only (options)
                                                        ? CORDON_TO_CAPS_UNCHECKED
                                                        : CORDON_TO_CAPS_DEFAULT,
                                              &error);
  if (caps == NULL)
    {
      *out_status = fail ("%s: %s%s", source->what, error->message,
                          tilde_hint (options->profile_file));
      return NULL;
    }
  return g_steal_pointer (&caps);
}

static gboolean
add_rule (CordonCapabilitySet  *caps,
          CordonRunRule        *rule,
          GError              **error)
{
  g_autofree char *path = absolute_path (rule->path);
  struct stat st;

  gboolean is_file;
  guint last;
  g_autoptr (CordonFsCapability) added = NULL;
  g_autoptr (CordonFsCapability) as_given = NULL;

  /* The engine follows symlinks, so stat() (not lstat) decides the kind.
   * When stat fails the engine reports why, in its own words. */
  is_file = stat (path, &st) == 0 && !S_ISDIR (st.st_mode);
  if (is_file ? !cordon_capability_set_allow_file (caps, path, rule->mode, error)
              : !cordon_capability_set_allow_path (caps, path, rule->mode, error))
    return FALSE;
  if (g_str_equal (path, rule->path))
    return TRUE;

  /* The rule keeps what the user typed as its original ("--rw ." is
   * "original": "." in the nono format, as nono itself writes it), not the
   * joined "/cwd/." the engine was given. */
  last = g_list_model_get_n_items (G_LIST_MODEL (caps)) - 1;
  added = g_list_model_get_item (G_LIST_MODEL (caps), last);
  as_given = cordon_fs_capability_new (rule->path, cordon_fs_capability_get_resolved (added),
                                       rule->mode, is_file);
  cordon_capability_set_remove (caps, last);
  cordon_capability_set_insert (caps, last, as_given);
  return TRUE;
}

static const char *
rule_option (CordonAccessMode mode)
{
  switch (mode)
    {
    case CORDON_ACCESS_READ:
      return "--ro";
    case CORDON_ACCESS_WRITE:
      return "--wo";
    case CORDON_ACCESS_READ_WRITE:
    default:
      return "--rw";
    }
}

static char **program_environment (CordonRunOptions *options);

static CordonCapabilitySet *
build_caps (CordonRunOptions *options,
            ProfileSource    *source,
            const char       *env_profile,
            int              *out_status)
{
  g_autoptr (CordonCapabilitySet) caps = NULL;
  g_autoptr (GError) links_error = NULL;

  caps = caps_from_profile (options, source, env_profile, out_status);
  if (caps == NULL)
    return NULL;

  for (guint i = 0; i < options->rules->len; i++)
    {
      CordonRunRule *rule = g_ptr_array_index (options->rules, i);
      g_autoptr (GError) error = NULL;

      if (!add_rule (caps, rule, &error))
        {
          /* The engine's message quotes the path. */
          *out_status = fail ("%s: %s%s", rule_option (rule->mode), error->message,
                              tilde_hint (rule->path));
          return NULL;
        }
    }

  for (guint i = 0; i < options->sockets->len; i++)
    {
      const char *typed = g_ptr_array_index (options->sockets, i);
      g_autofree char *path = absolute_path (typed);
      g_autoptr (GError) error = NULL;

      /* File or folder entry by what is on disk, as --ro decides. */
      if (!cordon_capability_set_allow_socket (caps, path, &error))
        {
          *out_status = fail ("--socket: %s%s", error->message, tilde_hint (typed));
          return NULL;
        }
    }

  {
    g_autoptr (GError) error = NULL;
    /* The program's environment names the display its presets need. */
    g_auto (GStrv) envp = program_environment (options);

    if (!cordon_run_add_named_rules (caps, options, (const char * const *) envp, &error))
      {
        *out_status = fail ("%s", error->message);
        return NULL;
      }
  }

  /* Again with the command line's rules: a --rw folder is one more place
   * where an earlier run could have planted a link. */
  if (!cordon_capability_set_check_links (caps, &links_error))
    {
      *out_status = fail ("%s", links_error->message);
      return NULL;
    }

  if (options->network == CORDON_RUN_NETWORK_BLOCK)
    cordon_capability_set_set_network_blocked (caps, TRUE);
  else if (options->network == CORDON_RUN_NETWORK_ALLOW)
    cordon_capability_set_set_network_blocked (caps, FALSE);

  return g_steal_pointer (&caps);
}

/* Which mechanism keeps unlisted named sockets closed on this kernel. */
static void
print_named_sockets (int abi)
{
  g_autoptr (GError) error = NULL;

  if (abi >= RESOLVE_UNIX_ABI)
    printf ("named sockets: Landlock\n");
  else if (cordon_mediator_check_kernel (&error))
    printf ("named sockets: supervisor\n");
  else
    printf ("named sockets: cannot be enforced (%s)\n", error->message);
}

static int
print_support (gboolean as_json)
{
  g_autoptr (CordonSupportInfo) info = cordon_support_info_get ();

  if (as_json)
    {
      g_autofree char *json = cordon_support_info_to_json (info);

      print_out (json);
      if (!g_str_has_suffix (json, "\n"))
        print_out ("\n");
    }
  else
    {
      printf ("Supported: %s\n", cordon_support_info_get_is_supported (info) ? "yes" : "no");
      printf ("Platform: %s\n", cordon_support_info_get_platform (info));
      printf ("Landlock ABI: %d\n", cordon_support_info_get_landlock_abi (info));
      printf ("seccomp: %s\n", cordon_support_info_get_seccomp (info) ? "yes" : "no");
      print_named_sockets (cordon_support_info_get_landlock_abi (info));
      printf ("%s\n", cordon_support_info_get_details (info));
    }
  /* Scripts can ask "can this machine sandbox?" with the exit status alone. */
  return cordon_support_info_get_is_supported (info) ? 0 : 1;
}

static int
print_query (CordonCapabilitySet *caps,
             CordonRunOptions    *options)
{
  g_autoptr (CordonQueryContext) context = cordon_query_context_new (caps);
  g_autoptr (CordonQueryResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *json = NULL;

  if (options->action == CORDON_RUN_ACTION_QUERY_NETWORK)
    {
      result = cordon_query_context_query_network (context);
    }
  else if (options->action == CORDON_RUN_ACTION_QUERY_SOCKET)
    {
      g_autofree char *path = absolute_path (options->query_path);

      result = cordon_query_context_query_socket (context, path, &error);
      if (result == NULL)
        return fail ("--query-socket %s: %s%s", options->query_path, error->message,
                     tilde_hint (options->query_path));
    }
  else
    {
      g_autofree char *path = absolute_path (options->query_path);

      result = cordon_query_context_query_path (context, path, options->query_mode, &error);
      if (result == NULL)
        return fail ("--query %s: %s%s", options->query_path, error->message,
                     tilde_hint (options->query_path));
    }

  json = cordon_query_result_to_json (result);
  print_out (json);
  print_out ("\n");
  return cordon_query_result_is_allowed (result) ? 0 : 1;
}

static int
print_profile (CordonCapabilitySet *caps,
               CordonStateFormat    format)
{
  g_autoptr (CordonSandboxState) state = NULL;
  g_autofree char *json = NULL;

  /* The effective profile: "--ro /usr --rw /usr" is one ReadWrite rule. */
  cordon_capability_set_deduplicate (caps);
  state = cordon_sandbox_state_from_caps (caps);
  json = cordon_sandbox_state_to_json (state, format);
  print_out (json);
  return 0;
}

static char **
program_environment (CordonRunOptions *options)
{
  char **envp = options->clear_env ? g_new0 (char *, 1) : g_get_environ ();

  /* The profile is the launcher's input, not the program's business. */
  envp = g_environ_unsetenv (envp, PROFILE_ENV);
  envp = g_environ_unsetenv (envp, ABI_LIMIT_ENV);
  for (guint i = 0; options->setenv->pdata[i] != NULL; i++)
    {
      const char *assignment = options->setenv->pdata[i];
      const char *equals = strchr (assignment, '=');
      g_autofree char *key = g_strndup (assignment, equals - assignment);

      envp = g_environ_setenv (envp, key, equals + 1, TRUE);
    }
  return envp;
}

static gboolean
any_std_stream_is_a_terminal (void)
{
  return isatty (STDIN_FILENO) || isatty (STDOUT_FILENO) || isatty (STDERR_FILENO);
}

/* Starts the filtering proxy outside the sandbox, lists its socket for
 * the program and points the program's DBUS_SESSION_BUS_ADDRESS at it.
 * Never falls back to the real bus. */
static CordonRunDbusProxy *
start_bus_proxy (CordonCapabilitySet   *caps,
                 char                ***envp,
                 int                   *out_status)
{
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) own_environ = g_get_environ ();
  g_autofree char *bus = cordon_run_dbus_proxy_find_bus ((const char * const *) own_environ);
  g_autofree char *a11y = NULL;
  g_autoptr (CordonRunDbusProxy) proxy = NULL;

  if (bus == NULL)
    {
      *out_status = fail ("the profile asks for a filtered session bus, but there is no session "
                          "bus to filter (DBUS_SESSION_BUS_ADDRESS is not set)");
      return NULL;
    }
  /* Talking to org.a11y.Bus is asking where the accessibility bus is: the
   * program gets a filtered one, never the real one. */
  if (cordon_bus_policy_lookup (cordon_capability_set_get_bus_policy (caps), "org.a11y.Bus")
      != CORDON_BUS_ACCESS_NONE)
    a11y = cordon_run_dbus_proxy_find_a11y_bus (bus, (const char * const *) own_environ);
  proxy = cordon_run_dbus_proxy_start (bus, cordon_capability_set_get_bus_policy (caps), a11y,
                                       &error);
  if (proxy == NULL)
    {
      *out_status = fail ("%s", error->message);
      return NULL;
    }
  if (!cordon_capability_set_allow_socket (caps, cordon_run_dbus_proxy_get_socket (proxy),
                                           &error))
    {
      *out_status = fail ("the session bus proxy's socket: %s", error->message);
      return NULL;
    }
  *envp = g_environ_setenv (*envp, "DBUS_SESSION_BUS_ADDRESS",
                            cordon_run_dbus_proxy_get_address (proxy), TRUE);
  if (cordon_run_dbus_proxy_get_a11y_socket (proxy) != NULL)
    {
      if (!cordon_capability_set_allow_socket (caps, cordon_run_dbus_proxy_get_a11y_socket (proxy),
                                               &error))
        {
          *out_status = fail ("the accessibility bus proxy's socket: %s", error->message);
          return NULL;
        }
      *envp = g_environ_setenv (*envp, "AT_SPI_BUS_ADDRESS",
                                cordon_run_dbus_proxy_get_a11y_address (proxy), TRUE);
    }
  return g_steal_pointer (&proxy);
}

/* CordonRunAddJobs: from here on the supervisor stops the proxy. */
static void
hand_over_proxy (CordonRunSupervisor *supervisor,
                 gpointer             data)
{
  CordonRunDbusProxy **proxy = data;

  cordon_run_dbus_proxy_add_job (g_steal_pointer (proxy), supervisor);
}

/* Someone listens to the run: it must be supervised to be told about. */
static gboolean
reports (CordonRunOptions *options)
{
  return options->report_file != NULL || options->report_fd >= 0 || options->status_fd >= 0;
}

/* --report, --report-fd, and --status-fd's "blocked" lines: the tracer.
 * The report file is opened here, before the sandbox, so it may lie
 * anywhere the caller can write. */
static gboolean
start_report (CordonCapabilitySet  *caps,
              CordonRunOptions     *options,
              CordonRunTracer     **out_tracer,
              int                  *out_status)
{
  g_autoptr (GError) error = NULL;
  CordonRunReport *report;
  int fd = -1;

  *out_tracer = NULL;
  if (!reports (options))
    return TRUE;
  if (options->report_file != NULL)
    {
      struct stat st;

      /* Opened unconfined, often in a folder an earlier sandboxed run could
       * write: a link planted there is not followed (it would truncate the
       * file it leads to), a FIFO does not hang the run. */
      fd = open (options->report_file,
                 O_WRONLY | O_CREAT | O_CLOEXEC | O_NOCTTY | O_NOFOLLOW | O_NONBLOCK, 0666);
      if (fd < 0)
        {
          int saved_errno = errno;

          if (saved_errno == ELOOP)
            *out_status = fail ("--report %s: it is a symbolic link; give the file itself "
                                "(a sandboxed program may have planted the link)",
                                options->report_file);
          else
            *out_status = fail ("--report %s: %s%s", options->report_file,
                                g_strerror (saved_errno), tilde_hint (options->report_file));
          return FALSE;
        }
      if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode) || ftruncate (fd, 0) != 0 ||
          fcntl (fd, F_SETFL, 0) != 0)
        {
          close (fd);
          *out_status = fail ("--report %s: not a regular file", options->report_file);
          return FALSE;
        }
    }
  else if (options->report_fd >= 0)
    fd = options->report_fd;

  report = cordon_run_report_new (caps, fd);
  *out_tracer = cordon_run_tracer_new (report, caps, cordon_capability_set_is_network_blocked (caps),
                                       &error);
  if (*out_tracer == NULL)
    {
      *out_status = fail ("%s", error->message);
      return FALSE;
    }
  return TRUE;
}

/* --learn: the program runs with every path, socket and the network open
 * to it (said on stderr), traced; what it used becomes a profile on top
 * of the one given. Still under Landlock and seccomp (devices nodes,
 * TIOCSTI, set-user-ID bits stay refused), still supervised. */
static int
learn_program (CordonCapabilitySet *base,
               CordonRunOptions    *options,
               char               **envp,
               int                  max_abi,
               int                  abi)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CordonCapabilitySet) open_caps = cordon_capability_set_new ();
  g_autoptr (CordonRunLearner) learner = NULL;
  CordonRunTracer *tracer;

  if (!cordon_capability_set_allow_path (open_caps, "/", CORDON_ACCESS_READ_WRITE, &error)
      || !cordon_capability_set_allow_socket (open_caps, "/", &error))
    return fail ("--learn: %s", error->message);
  cordon_capability_set_set_network_blocked (open_caps, FALSE);

  /* Refuse now rather than after the run: the profile must be writable. */
  learner = cordon_run_learner_new (base, options->learn_file);
  if (!cordon_run_learner_write (learner, &error))
    return fail ("--learn %s: %s", options->learn_file, error->message);

  tracer = cordon_run_tracer_new (cordon_run_report_new (base, -1), base, FALSE, &error);
  if (tracer == NULL)
    return fail ("%s", error->message);
  cordon_run_tracer_set_learner (tracer, learner);

  fprintf (stderr, "cordon-run: --learn: running %s WITHOUT filesystem, network and socket "
           "restriction, to record what it uses\n", options->argv[0]);
  return cordon_run_launch_supervised (open_caps, max_abi, abi < RESOLVE_UNIX_ABI, options->argv,
                                       envp, tracer, NULL, NULL, NULL);
}

static int
run_program (CordonCapabilitySet *caps,
             CordonRunOptions    *options,
             const char          *profile_what,
             int                  max_abi)
{
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) envp = program_environment (options);
  g_autoptr (CordonRunTracer) tracer = NULL;
  int abi = MIN (cordon_landlock_probe_abi (), max_abi);
  int status;

  /* Before applying, so the sandbox need not grant the way there. */
  if (options->chdir != NULL && chdir (options->chdir) != 0)
    {
      int saved_errno = errno;

      return fail ("--chdir %s: %s%s", options->chdir, g_strerror (saved_errno),
                   tilde_hint (options->chdir));
    }

  if (options->learn_file != NULL && abi > 0)
    return learn_program (caps, options, envp, max_abi, abi);

  /* The real buses' addresses are not the program's business: without a
   * policy it has no bus, and an address left behind would still reach a
   * bus that listens on TCP while the network is allowed. The proxy sets
   * the ones the policy gives. */
  envp = g_environ_unsetenv (envp, "DBUS_SESSION_BUS_ADDRESS");
  envp = g_environ_unsetenv (envp, "AT_SPI_BUS_ADDRESS");

  /* A bus policy: the program's bus is the proxy's socket, nothing else.
   * Without Landlock the in-place path below refuses, so no proxy then. */
  if (cordon_capability_set_get_bus_policy (caps) != NULL && abi > 0)
    {
      g_autoptr (CordonRunDbusProxy) proxy = NULL;

      proxy = start_bus_proxy (caps, &envp, &status);
      if (proxy == NULL)
        return status;
      if (!start_report (caps, options, &tracer, &status))
        return status;
      if (tracer != NULL)
        cordon_run_tracer_set_other_children (tracer, TRUE);
      status = cordon_run_launch_supervised (caps, max_abi, abi < RESOLVE_UNIX_ABI,
                                             options->argv, envp, g_steal_pointer (&tracer),
                                             hand_over_proxy, &proxy, profile_what);
      /* Still ours if the program never started: stopped and removed here. */
      return status;
    }

  /* Exec in place only when there is nothing to supervise: Landlock keeps
   * named sockets closed by itself, no terminal needs relaying, and a new
   * session can be had without forking (a process group leader, as the
   * Cordon app and interactive shells make cordon-run, cannot). Without
   * Landlock at all, the in-place path says so. */
  if (abi > 0
      && (abi < RESOLVE_UNIX_ABI || reports (options) || any_std_stream_is_a_terminal ()
          || setsid () < 0))
    {
      if (!start_report (caps, options, &tracer, &status))
        return status;
      return cordon_run_launch_supervised (caps, max_abi, abi < RESOLVE_UNIX_ABI, options->argv,
                                           envp, g_steal_pointer (&tracer), NULL, NULL,
                                           profile_what);
    }

  /* Before applying: the fallback for a missing close_range () reads
   * /proc, which the sandbox hides. Nothing opened from here to exec is
   * inheritable (the engine opens close-on-exec, and closes). */
  if (!cordon_run_close_fds (&error))
    return fail ("%s", error->message);

  if (!cordon_apply_with_abi_limit (caps, max_abi, &error))
    {
      g_autofree char *message = cordon_run_apply_failure (error, profile_what);

      return fail ("%s", message);
    }

  status = cordon_run_exec (options->argv, envp, &error);
  print_error (error->message);
  return status;
}

/* The rules outlive main (): cordon-run exits right after its one use of
 * them, and the kernel takes the memory back at once, where freeing 5,000
 * rules one by one cost 1.8 ms of CPU at exit (issue 15). Kept in a static,
 * not merely dropped: memory still reachable at exit is not a leak to
 * LeakSanitizer or to valgrind's "definitely lost", so both stay able to
 * report any real leak, and the build under test is the build that ships
 * (no sanitizer-only free). The set's teardown is the engine's, tested by
 * the engine's own suites. Written once, by main (), before the only use;
 * volatile, since a static that is never read is a store the compiler may
 * drop, and with it the reference. */
static CordonCapabilitySet *volatile rules_kept_until_exit;

/* The test knob's value, or the engine's own limit when it is not set. */
static gboolean
read_abi_limit (int *out_abi)
{
  const char *text = g_getenv (ABI_LIMIT_ENV);
  gint64 value;

  *out_abi = CORDON_LANDLOCK_ABI_MAX;
  if (text == NULL)
    return TRUE;
  if (!g_ascii_string_to_signed (text, 10, 1, CORDON_LANDLOCK_ABI_MAX, &value, NULL))
    return FALSE;
  *out_abi = (int) value;
  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CordonRunOptions) options = NULL;
  CordonCapabilitySet *caps;
  g_auto (ProfileSource) source = { 0 };
  const char *env_profile;
  int status = CORDON_RUN_EXIT_FAILURE;
  int max_abi;

  g_set_prgname ("cordon-run");

  if (!cordon_run_ensure_std_fds (&error))
    return fail ("%s", error->message);

  options = cordon_run_options_parse (argc, argv, &error);
  if (options == NULL)
    return fail_usage (error->message);

  /* Both stay out of the program: close-on-exec, and closed before exec. */
  if (options->status_fd >= 0)
    {
      if (fcntl (options->status_fd, F_SETFD, FD_CLOEXEC) != 0)
        return fail ("--status-fd %d: %s", options->status_fd, g_strerror (errno));
      cordon_run_status_set_fd (options->status_fd);
    }
  if (options->report_fd >= 0 && fcntl (options->report_fd, F_SETFD, FD_CLOEXEC) != 0)
    return fail ("--report-fd %d: %s", options->report_fd, g_strerror (errno));

  if (options->profile_fd >= 0 && !read_profile_fd (options, &source, &error))
    return fail ("%s: %s", source.what, error->message);

  switch (options->action)
    {
    case CORDON_RUN_ACTION_HELP:
      print_out (options->help);
      return 0;
    case CORDON_RUN_ACTION_VERSION:
      print_out ("cordon-run " PACKAGE_VERSION "\n");
      return 0;
    case CORDON_RUN_ACTION_SUPPORT:
      return print_support (options->json);
    case CORDON_RUN_ACTION_LIST_PRESETS:
      return cordon_run_list_presets ();
    default:
      break;
    }

  if (!read_abi_limit (&max_abi))
    return fail ("%s must be a Landlock ABI from 1 to %d (a test setting)", ABI_LIMIT_ENV,
                 CORDON_LANDLOCK_ABI_MAX);

  env_profile = g_getenv (PROFILE_ENV);
  if (env_profile != NULL && (options->profile_file != NULL || options->profile_fd >= 0))
    {
      g_autofree char *message =
        g_strdup_printf ("profile: more than one profile given (%s is set, and %s was used)",
                         PROFILE_ENV, options->profile_file != NULL ? "--profile" : "--profile-fd");
      return fail_usage (message);
    }

  caps = build_caps (options, &source, env_profile, &status);
  if (caps == NULL)
    return status;
  rules_kept_until_exit = caps;

  switch (options->action)
    {
    case CORDON_RUN_ACTION_QUERY:
    case CORDON_RUN_ACTION_QUERY_NETWORK:
    case CORDON_RUN_ACTION_QUERY_SOCKET:
      return print_query (caps, options);
    case CORDON_RUN_ACTION_CHECK:
      {
        g_autofree char *summary = cordon_capability_set_summary (caps);

        print_out (summary);
        if (!g_str_has_suffix (summary, "\n"))
          print_out ("\n");
        return 0;
      }
    case CORDON_RUN_ACTION_PRINT_PROFILE:
      return print_profile (caps, options->format);
    case CORDON_RUN_ACTION_EXEC:
      return run_program (caps, options, source.what, max_abi);
    case CORDON_RUN_ACTION_HELP:
    case CORDON_RUN_ACTION_VERSION:
    case CORDON_RUN_ACTION_SUPPORT:
    case CORDON_RUN_ACTION_LIST_PRESETS:
    default:
      g_assert_not_reached ();
    }
}
