/* cordon-runner.c: one program run through cordon-run, its output and its end
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include <json-glib/json-glib.h>

#include "cordon-blocked-access.h"
#include "cordon-runner.h"

/* The descriptor cordon-run reads the profile from. */
#define PROFILE_FD 3
#define READ_CHUNK (64 * 1024)
/* After the program exits, how long a grandchild may keep its output open. */
#define DRAIN_MS 1000
/* cordon-run's --status-fd lines are short; anything longer is not one. */
#define MAX_STATUS_LINE 65536
#define STATUS_FD 4

typedef struct
{
  GInputStream *input;
  /* An incomplete UTF-8 sequence left at the end of the last read. */
  GString      *carry;
  gboolean      open;
} OutputPipe;

struct _CordonRunner
{
  GObject         parent_instance;

  GSubprocess    *process;
  GCancellable   *read_cancellable;
  GCancellable   *wait_cancellable;
  OutputPipe      pipes[2];  /* 0 stdout, 1 stderr */
  /* cordon-run's --status-fd: its failures and the accesses it refused,
   * as data, never read out of the program's stderr. */
  GDataInputStream *status_input;
  gboolean        status_open;
  char           *error_message;
  GListStore     *blocked;   /* of CordonBlockedAccess, this run's */
  char           *learn_file;  /* the next start only */
  gboolean        exited;
  guint           kill_source;
  guint           drain_source;

  CordonRunState  state;
  int             exit_status;
  int             term_signal;
  char           *status;
};

G_DEFINE_ENUM_TYPE (CordonRunState, cordon_run_state,
                    G_DEFINE_ENUM_VALUE (CORDON_RUN_STATE_IDLE, "idle"),
                    G_DEFINE_ENUM_VALUE (CORDON_RUN_STATE_RUNNING, "running"),
                    G_DEFINE_ENUM_VALUE (CORDON_RUN_STATE_EXITED, "exited"),
                    G_DEFINE_ENUM_VALUE (CORDON_RUN_STATE_SIGNALED, "signaled"),
                    G_DEFINE_ENUM_VALUE (CORDON_RUN_STATE_FAILED, "failed"))

G_DEFINE_FINAL_TYPE (CordonRunner, cordon_runner, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATE,
  PROP_RUNNING,
  PROP_STATUS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_OUTPUT,
  SIGNAL_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

char *
cordon_runner_find_cordon_run (GError **error)
{
  const char *env = g_getenv ("CORDON_RUN");
  const char *path = env != NULL && *env != '\0' ? env : CORDON_RUN_PATH;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   /* Translators: %s is a path */
                   _("cordon-run was not found at %s"), path);
      return NULL;
    }
  if (!g_file_test (path, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   /* Translators: %s is a path */
                   _("cordon-run at %s cannot be executed"), path);
      return NULL;
    }
  return g_strdup (path);
}

static void
set_state (CordonRunner   *self,
           CordonRunState  state,
           char           *status)
{
  gboolean was_running = self->state == CORDON_RUN_STATE_RUNNING;

  self->state = state;
  g_free (self->status);
  self->status = status;

  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
  if (was_running != (state == CORDON_RUN_STATE_RUNNING))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  g_object_thaw_notify (G_OBJECT (self));
}

/* Output ----------------------------------------------------------------- */

/* Valid UTF-8 out of @data, with what a read split off kept in @carry and
 * bytes that are not UTF-8 shown as U+FFFD. */
static char *
decode_output (GString      *carry,
               const guint8 *data,
               gsize         length,
               gboolean      at_end)
{
  GString *out = g_string_sized_new (carry->len + length);
  const char *p, *end;

  g_string_append_len (carry, (const char *) data, length);
  p = carry->str;
  end = carry->str + carry->len;
  while (p < end)
    {
      const char *valid_end;
      gunichar c;

      g_utf8_validate_len (p, end - p, &valid_end);
      g_string_append_len (out, p, valid_end - p);
      p = valid_end;
      if (p == end)
        break;
      c = g_utf8_get_char_validated (p, end - p);
      if (c == (gunichar) -2 && !at_end)
        break;  /* the rest of the character is in the next read */
      g_string_append (out, "\357\277\275");
      p++;
    }
  g_string_erase (carry, 0, p - carry->str);
  return g_string_free (out, FALSE);
}

static void
emit_output (CordonRunner *self,
             guint         index,
             const guint8 *data,
             gsize         length,
             gboolean      at_end)
{
  g_autofree char *text = decode_output (self->pipes[index].carry, data, length, at_end);

  if (*text == '\0')
    return;
  g_signal_emit (self, signals[SIGNAL_OUTPUT], 0, text, index == 1);
}

/* The end ---------------------------------------------------------------- */

static char *
describe_exit (CordonRunner   *self,
               CordonRunState *state)
{
  if (self->term_signal != 0)
    {
      *state = CORDON_RUN_STATE_SIGNALED;
      /* Translators: the first %d is a signal number, %s its name, e.g. "Terminated" */
      return g_strdup_printf (_("Killed by signal %d (%s)"), self->term_signal,
                              g_strsignal (self->term_signal));
    }

  /* cordon-run said on its status channel that it (or the exec) failed;
   * a program that exits 125–127 itself says nothing there. */
  if (self->error_message != NULL)
    {
      *state = CORDON_RUN_STATE_FAILED;
      /* Translators: %s is cordon-run's explanation, e.g. "ls2: not found" */
      return g_strdup_printf (_("Could not start: %s"), self->error_message);
    }

  *state = CORDON_RUN_STATE_EXITED;
  /* Translators: %d is a program's exit status */
  return g_strdup_printf (_("Exited with status %d"), self->exit_status);
}

static void
maybe_finish (CordonRunner *self)
{
  CordonRunState state;
  char *status;

  if (self->state != CORDON_RUN_STATE_RUNNING || !self->exited)
    return;
  if (self->pipes[0].open || self->pipes[1].open || self->status_open)
    return;

  g_clear_handle_id (&self->drain_source, g_source_remove);
  g_clear_handle_id (&self->kill_source, g_source_remove);
  for (guint i = 0; i < G_N_ELEMENTS (self->pipes); i++)
    emit_output (self, i, NULL, 0, TRUE);

  status = describe_exit (self, &state);
  g_clear_object (&self->process);
  g_clear_object (&self->read_cancellable);
  g_clear_object (&self->wait_cancellable);
  set_state (self, state, status);
  g_signal_emit (self, signals[SIGNAL_FINISHED], 0);
}

static void close_pipe (CordonRunner *self,
                        guint         index);

static gboolean
on_drain_timeout (gpointer data)
{
  CordonRunner *self = data;

  /* Something the program left behind still holds the output open: the
   * program is done, so its run is too. */
  self->drain_source = 0;
  g_cancellable_cancel (self->read_cancellable);
  for (guint i = 0; i < G_N_ELEMENTS (self->pipes); i++)
    close_pipe (self, i);
  self->status_open = FALSE;
  maybe_finish (self);
  return G_SOURCE_REMOVE;
}

static void
on_wait_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CordonRunner) self = user_data;
  GSubprocess *process = G_SUBPROCESS (source);

  /* Only a cancelled wait fails, and nothing cancels it but dispose. */
  if (!g_subprocess_wait_finish (process, result, NULL) || process != self->process)
    return;

  self->exited = TRUE;
  g_clear_handle_id (&self->kill_source, g_source_remove);
  if (g_subprocess_get_if_signaled (process))
    self->term_signal = g_subprocess_get_term_sig (process);
  else
    self->exit_status = g_subprocess_get_exit_status (process);

  if (self->pipes[0].open || self->pipes[1].open || self->status_open)
    self->drain_source = g_timeout_add (DRAIN_MS, on_drain_timeout, self);
  maybe_finish (self);
}

/* Reading ---------------------------------------------------------------- */

static void read_next (CordonRunner *self,
                       guint         index);

static void
close_pipe (CordonRunner *self,
            guint         index)
{
  OutputPipe *pipe = &self->pipes[index];

  if (!pipe->open)
    return;
  pipe->open = FALSE;
  g_clear_object (&pipe->input);
}

static void
on_read_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CordonRunner) self = user_data;
  GInputStream *input = G_INPUT_STREAM (source);
  g_autoptr(GBytes) bytes = g_input_stream_read_bytes_finish (input, result, NULL);
  guint index;

  /* A pipe closed meanwhile, or one of an earlier run, has no slot now. */
  for (index = 0; index < G_N_ELEMENTS (self->pipes); index++)
    if (self->pipes[index].open && self->pipes[index].input == input)
      break;
  if (index == G_N_ELEMENTS (self->pipes))
    return;

  if (bytes == NULL || g_bytes_get_size (bytes) == 0)
    {
      close_pipe (self, index);
      maybe_finish (self);
      return;
    }
  emit_output (self, index, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), FALSE);
  read_next (self, index);
}

static void
read_next (CordonRunner *self,
           guint         index)
{
  g_input_stream_read_bytes_async (self->pipes[index].input, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   self->read_cancellable, on_read_done, g_object_ref (self));
}

/* The status channel ----------------------------------------------------- */

static void read_status (CordonRunner *self);

static void
handle_status_line (CordonRunner *self,
                    const char   *line)
{
  g_autoptr (JsonNode) node = json_from_string (line, NULL);
  JsonObject *object;
  JsonNode *member;

  /* cordon-run writes one object a line; anything else is not from it. */
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return;
  object = json_node_get_object (node);
  member = json_object_get_member (object, "error");
  if (member != NULL && JSON_NODE_HOLDS_VALUE (member)
      && json_node_get_value_type (member) == G_TYPE_STRING && self->error_message == NULL)
    self->error_message = g_strdup (json_node_get_string (member));
  member = json_object_get_member (object, "blocked");
  if (member != NULL && JSON_NODE_HOLDS_OBJECT (member))
    {
      g_autoptr (CordonBlockedAccess) access =
        cordon_blocked_access_new_from_json (json_node_get_object (member));

      if (access != NULL)
        g_list_store_append (self->blocked, access);
    }
}

static void
on_status_line (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (CordonRunner) self = user_data;
  GDataInputStream *input = G_DATA_INPUT_STREAM (source);
  gsize length = 0;
  g_autofree char *line = g_data_input_stream_read_line_finish_utf8 (input, result, &length,
                                                                     NULL);

  /* A channel of an earlier run, or one closed meanwhile. */
  if (input != self->status_input || !self->status_open)
    return;
  if (line == NULL)
    {
      self->status_open = FALSE;
      g_clear_object (&self->status_input);
      maybe_finish (self);
      return;
    }
  if (length <= MAX_STATUS_LINE)
    handle_status_line (self, line);
  read_status (self);
}

static void
read_status (CordonRunner *self)
{
  g_data_input_stream_read_line_async (self->status_input, G_PRIORITY_DEFAULT,
                                       self->read_cancellable, on_status_line,
                                       g_object_ref (self));
}

/* The profile ------------------------------------------------------------ */

static void
on_profile_written (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GSocketConnection) connection = user_data;

  /* A program that exits before reading its profile makes this fail; its
   * exit status says what happened, so the error itself says nothing new. */
  g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, NULL);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
}

/* A socket rather than a pipe: writing to a reader that died raises
 * SIGPIPE on a pipe, which would kill the whole app; a socket send does
 * not. cordon-run reads either the same way. */
static gboolean
make_profile_channel (int                *child_fd,
                      GSocketConnection **connection,
                      GError            **error)
{
  g_autoptr(GSocket) socket = NULL;
  int fds[2];

  if (socketpair (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   /* Translators: %s is the system's reason */
                   _("Could not make a channel for the profile: %s"), g_strerror (saved_errno));
      return FALSE;
    }
  socket = g_socket_new_from_fd (fds[0], error);
  if (socket == NULL)
    {
      close (fds[0]);
      close (fds[1]);
      return FALSE;
    }
  *child_fd = fds[1];
  *connection = g_socket_connection_factory_create_connection (socket);
  return TRUE;
}

/* Starting and stopping -------------------------------------------------- */

/* Runs in the child between fork and exec: its own process group, so Stop
 * reaches whatever the program started too. */
static void
child_setup (gpointer data)
{
  setpgid (0, 0);
}

static void
fail_start (CordonRunner *self,
            const char   *why)
{
  /* Translators: %s says why, e.g. "cordon-run was not found at /usr/bin/cordon-run" */
  set_state (self, CORDON_RUN_STATE_FAILED, g_strdup_printf (_("Could not start: %s"), why));
  g_signal_emit (self, signals[SIGNAL_FINISHED], 0);
}

gboolean
cordon_runner_start (CordonRunner      *self,
                     const char        *profile_json,
                     const char *const *argv,
                     const char        *working_dir,
                     GError           **error)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GPtrArray) args = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *cordon_run = NULL;
  g_autofree char *fd_text = NULL;
  g_autofree char *learn_file = NULL;
  g_autoptr(GSocketConnection) status_connection = NULL;
  int status_child_fd;
  GOutputStream *output;
  char *json;
  gsize json_length;
  int child_fd;

  g_return_val_if_fail (CORDON_IS_RUNNER (self), FALSE);
  g_return_val_if_fail (profile_json != NULL, FALSE);
  g_return_val_if_fail (argv != NULL && argv[0] != NULL, FALSE);

  /* For this start only, whatever happens to it. */
  learn_file = g_steal_pointer (&self->learn_file);

  if (self->state == CORDON_RUN_STATE_RUNNING)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_BUSY, _("A program is running already"));
      return FALSE;
    }

  if ((cordon_run = cordon_runner_find_cordon_run (&local_error)) == NULL
      || !make_profile_channel (&child_fd, &connection, &local_error))
    {
      fail_start (self, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (!make_profile_channel (&status_child_fd, &status_connection, &local_error))
    {
      close (child_fd);
      fail_start (self, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  fd_text = g_strdup_printf ("%d", PROFILE_FD);
  args = g_ptr_array_new ();
  g_ptr_array_add (args, cordon_run);
  g_ptr_array_add (args, (char *) "--profile-fd");
  g_ptr_array_add (args, fd_text);
  g_ptr_array_add (args, (char *) "--status-fd");
  g_ptr_array_add (args, (char *) G_STRINGIFY (STATUS_FD));
  if (learn_file != NULL)
    {
      g_ptr_array_add (args, (char *) "--learn");
      g_ptr_array_add (args, learn_file);
    }
  if (working_dir != NULL)
    {
      g_ptr_array_add (args, (char *) "--chdir");
      g_ptr_array_add (args, (char *) working_dir);
    }
  g_ptr_array_add (args, (char *) "--");
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (args, (char *) argv[i]);
  g_ptr_array_add (args, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                        | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_take_fd (launcher, child_fd, PROFILE_FD);
  g_subprocess_launcher_take_fd (launcher, status_child_fd, STATUS_FD);
  g_subprocess_launcher_set_child_setup (launcher, child_setup, NULL, NULL);

  g_clear_object (&self->process);
  self->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata,
                                                &local_error);
  /* Freeing the launcher closes our copy of the child's end. */
  g_clear_object (&launcher);
  if (self->process == NULL)
    {
      fail_start (self, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* The buffer lives as long as the connection, which the write holds. */
  json_length = strlen (profile_json);
  json = g_memdup2 (profile_json, json_length);
  g_object_set_data_full (G_OBJECT (connection), "cordon-profile", json, g_free);
  output = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  g_output_stream_write_all_async (output, json, json_length, G_PRIORITY_DEFAULT, NULL,
                                   on_profile_written, g_object_ref (connection));

  self->read_cancellable = g_cancellable_new ();
  self->wait_cancellable = g_cancellable_new ();
  self->exited = FALSE;
  self->exit_status = 0;
  self->term_signal = 0;
  g_clear_pointer (&self->error_message, g_free);
  g_list_store_remove_all (self->blocked);
  g_clear_object (&self->status_input);
  self->status_input =
    g_data_input_stream_new (g_io_stream_get_input_stream (G_IO_STREAM (status_connection)));
  /* The stream holds the connection's input; the connection must live too. */
  g_object_set_data_full (G_OBJECT (self->status_input), "cordon-connection",
                          g_steal_pointer (&status_connection), g_object_unref);
  self->status_open = TRUE;
  read_status (self);
  for (guint i = 0; i < G_N_ELEMENTS (self->pipes); i++)
    {
      OutputPipe *pipe = &self->pipes[i];

      g_string_truncate (pipe->carry, 0);
      pipe->input = g_object_ref (i == 0 ? g_subprocess_get_stdout_pipe (self->process)
                                         : g_subprocess_get_stderr_pipe (self->process));
      pipe->open = TRUE;
      read_next (self, i);
    }
  g_subprocess_wait_async (self->process, self->wait_cancellable, on_wait_done, g_object_ref (self));

  set_state (self, CORDON_RUN_STATE_RUNNING, g_strdup (_("Running…")));
  return TRUE;
}

static void
signal_group (CordonRunner *self,
              int           signum)
{
  const char *id;

  /* Once reaped, the number may belong to somebody else. */
  if (self->process == NULL || self->exited
      || (id = g_subprocess_get_identifier (self->process)) == NULL)
    return;
  if (kill (-(pid_t) g_ascii_strtoll (id, NULL, 10), signum) != 0)
    g_subprocess_send_signal (self->process, signum);
}

static gboolean
on_kill_timeout (gpointer data)
{
  CordonRunner *self = data;

  self->kill_source = 0;
  signal_group (self, SIGKILL);
  return G_SOURCE_REMOVE;
}

void
cordon_runner_stop (CordonRunner *self)
{
  g_return_if_fail (CORDON_IS_RUNNER (self));

  if (self->state != CORDON_RUN_STATE_RUNNING || self->exited)
    return;
  signal_group (self, SIGTERM);
  if (self->kill_source == 0)
    self->kill_source = g_timeout_add (CORDON_RUNNER_STOP_GRACE_MS, on_kill_timeout, self);
}

/* Properties ------------------------------------------------------------- */

CordonRunState
cordon_runner_get_state (CordonRunner *self)
{
  g_return_val_if_fail (CORDON_IS_RUNNER (self), CORDON_RUN_STATE_IDLE);
  return self->state;
}

gboolean
cordon_runner_get_running (CordonRunner *self)
{
  g_return_val_if_fail (CORDON_IS_RUNNER (self), FALSE);
  return self->state == CORDON_RUN_STATE_RUNNING;
}

int
cordon_runner_get_exit_status (CordonRunner *self)
{
  g_return_val_if_fail (CORDON_IS_RUNNER (self), 0);
  return self->exit_status;
}

int
cordon_runner_get_term_signal (CordonRunner *self)
{
  g_return_val_if_fail (CORDON_IS_RUNNER (self), 0);
  return self->term_signal;
}

void
cordon_runner_set_learn_file (CordonRunner *self,
                              const char   *file)
{
  g_return_if_fail (CORDON_IS_RUNNER (self));
  g_free (self->learn_file);
  self->learn_file = g_strdup (file);
}

GListModel *
cordon_runner_get_blocked (CordonRunner *self)
{
  g_return_val_if_fail (CORDON_IS_RUNNER (self), NULL);
  return G_LIST_MODEL (self->blocked);
}

const char *
cordon_runner_get_status (CordonRunner *self)
{
  g_return_val_if_fail (CORDON_IS_RUNNER (self), NULL);
  return self->status;
}

CordonRunner *
cordon_runner_new (void)
{
  return g_object_new (CORDON_TYPE_RUNNER, NULL);
}

static void
cordon_runner_dispose (GObject *object)
{
  CordonRunner *self = CORDON_RUNNER (object);

  /* Pending reads and the wait hold references, so a runner is only
   * disposed once its program is done: nothing is left to stop here. */
  g_clear_handle_id (&self->kill_source, g_source_remove);
  g_clear_handle_id (&self->drain_source, g_source_remove);
  g_cancellable_cancel (self->read_cancellable);
  g_cancellable_cancel (self->wait_cancellable);
  g_clear_object (&self->read_cancellable);
  g_clear_object (&self->wait_cancellable);
  g_clear_object (&self->process);
  for (guint i = 0; i < G_N_ELEMENTS (self->pipes); i++)
    g_clear_object (&self->pipes[i].input);
  g_clear_object (&self->status_input);
  g_clear_object (&self->blocked);

  G_OBJECT_CLASS (cordon_runner_parent_class)->dispose (object);
}

static void
cordon_runner_finalize (GObject *object)
{
  CordonRunner *self = CORDON_RUNNER (object);

  for (guint i = 0; i < G_N_ELEMENTS (self->pipes); i++)
    g_string_free (self->pipes[i].carry, TRUE);
  g_free (self->error_message);
  g_free (self->learn_file);
  g_free (self->status);

  G_OBJECT_CLASS (cordon_runner_parent_class)->finalize (object);
}

static void
cordon_runner_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CordonRunner *self = CORDON_RUNNER (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, cordon_runner_get_running (self));
      break;
    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cordon_runner_class_init (CordonRunnerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cordon_runner_dispose;
  object_class->finalize = cordon_runner_finalize;
  object_class->get_property = cordon_runner_get_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, CORDON_TYPE_RUN_STATE, CORDON_RUN_STATE_IDLE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* ::output (text, is_stderr): valid UTF-8, in the order each stream
   * delivered it. */
  signals[SIGNAL_OUTPUT] =
    g_signal_new ("output", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_BOOLEAN);
  /* ::finished: after the last output; the state and status say how. */
  signals[SIGNAL_FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
cordon_runner_init (CordonRunner *self)
{
  self->blocked = g_list_store_new (CORDON_TYPE_BLOCKED_ACCESS);
  for (guint i = 0; i < G_N_ELEMENTS (self->pipes); i++)
    self->pipes[i].carry = g_string_new (NULL);
}
