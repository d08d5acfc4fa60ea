/* cordon-run-dbus-proxy.c: the filtered session bus (xdg-dbus-proxy)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * xdg-dbus-proxy's --fd=N protocol: it writes one byte on N once its socket
 * listens, and exits when N reports an error, which for the write end of a
 * pipe means the last reader closed. cordon-run keeps the read end, so the
 * proxy can never outlive it.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cordon-run-dbus-address.h"
#include "cordon-run-dbus-proxy.h"

#define PROXY_PROGRAM "xdg-dbus-proxy"
/* Asks org.a11y.Bus, with GDBus, so that cordon-run loads no GIO. */
#define A11Y_HELPER "cordon-a11y-address"
/* Long enough for a loaded machine running sanitized tests. */
#define READY_TIMEOUT_MS 30000
/* The folder made, in the proxy: its sockets are named through it. */
#define PROXY_DIR_FD 4

struct _CordonRunDbusProxy
{
  pid_t  pid;     /* 0 once reaped */
  int    pidfd;   /* -1: none; the supervisor may reap the proxy first */
  int    sync_fd; /* -1 once closed */
  char  *dir;     /* private, 0700: no other user can plant a socket there */
  int    dir_fd;  /* the folder made, whatever its path leads to later */
  char  *socket;
  char  *address;
  char  *a11y_socket;  /* NULL: no accessibility bus */
  char  *a11y_address;
};

/* Flatpak's filter for the accessibility bus: the program may embed its
 * own accessible tree in the registry's and ask what the registry listens
 * to, and it can reach no other program's objects, so it can neither read
 * other windows nor press their buttons. --sloppy-names lets screen readers
 * reach the program's unique name. */
static const char * const a11y_rules[] = {
  "--filter",
  "--sloppy-names",
  "--call=org.a11y.atspi.Registry=org.a11y.atspi.Socket.Embed@/org/a11y/atspi/accessible/root",
  "--call=org.a11y.atspi.Registry=org.a11y.atspi.Socket.Unembed@/org/a11y/atspi/accessible/root",
  "--call=org.a11y.atspi.Registry=org.a11y.atspi.Registry.GetRegisteredEvents@/org/a11y/atspi/registry",
  "--call=org.a11y.atspi.Registry=org.a11y.atspi.DeviceEventController.GetKeystrokeListeners"
  "@/org/a11y/atspi/registry/deviceeventcontroller",
  "--call=org.a11y.atspi.Registry=org.a11y.atspi.DeviceEventController.GetDeviceEventListeners"
  "@/org/a11y/atspi/registry/deviceeventcontroller",
  "--call=org.a11y.atspi.Registry=org.a11y.atspi.DeviceEventController.NotifyListenersSync"
  "@/org/a11y/atspi/registry/deviceeventcontroller",
  "--call=org.a11y.atspi.Registry=org.a11y.atspi.DeviceEventController.NotifyListenersAsync"
  "@/org/a11y/atspi/registry/deviceeventcontroller",
};

char *
cordon_run_dbus_proxy_find_bus (const char * const *envp)
{
  const char *address = g_environ_getenv ((char **) envp, "DBUS_SESSION_BUS_ADDRESS");
  const char *runtime_dir = g_environ_getenv ((char **) envp, "XDG_RUNTIME_DIR");
  g_autofree char *bus = NULL;
  g_autofree char *escaped = NULL;

  if (address != NULL && address[0] != '\0')
    return g_strdup (address);
  /* Where systemd's user bus lives, as libdbus and GDBus look too. */
  if (runtime_dir == NULL || !g_path_is_absolute (runtime_dir))
    return NULL;
  bus = g_build_filename (runtime_dir, "bus", NULL);
  if (!g_file_test (bus, G_FILE_TEST_EXISTS))
    return NULL;
  escaped = cordon_run_dbus_address_escape (bus);
  return g_strconcat ("unix:path=", escaped, NULL);
}

static gboolean
nobody_listens (const char *socket_path)
{
  struct sockaddr_un address = { .sun_family = AF_UNIX };
  int fd;
  gboolean refused;

  if (strlen (socket_path) >= sizeof address.sun_path)
    return FALSE;
  strcpy (address.sun_path, socket_path);
  fd = socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0)
    return FALSE;
  refused = connect (fd, (struct sockaddr *) &address, sizeof address) != 0
            && (errno == ECONNREFUSED || errno == ENOENT);
  close (fd);
  return refused;
}

/* A cordon-run killed with SIGKILL cannot remove its proxy's socket; the
 * next one does, for every folder whose proxy is gone. Only in our own
 * folder of the runtime directory, which nobody else can write. */
static void
remove_stale_dirs (const char *parent)
{
  g_autoptr(GDir) dir = g_dir_open (parent, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autofree char *socket_path = NULL;
      struct stat st;
      int fd;

      if (!g_str_has_prefix (name, "bus-"))
        continue;
      path = g_build_filename (parent, name, NULL);
      /* Only folders we made, held open: a link swapped in after the check
       * (a sandboxed program may write here) is never followed. */
      fd = open (path, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      if (fd < 0)
        continue;
      socket_path = g_strdup_printf ("/proc/self/fd/%d/bus", fd);
      if (fstat (fd, &st) == 0 && st.st_uid == getuid () && nobody_listens (socket_path) &&
          (unlinkat (fd, "bus", 0) == 0 || errno == ENOENT))
        {
          unlinkat (fd, "a11y", 0);
          rmdir (path); /* follows no link */
        }
      close (fd);
    }
}

/* Installed in libexecdir; in the build tree, beside cordon-run. */
static char *
find_a11y_helper (void)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = self != NULL ? g_path_get_dirname (self) : NULL;
  g_autofree char *beside = dir != NULL ? g_build_filename (dir, A11Y_HELPER, NULL) : NULL;

  if (beside != NULL && g_file_test (beside, G_FILE_TEST_IS_EXECUTABLE))
    return g_steal_pointer (&beside);
  return g_build_filename (CORDON_LIBEXECDIR, A11Y_HELPER, NULL);
}

/* What the helper printed: an address, so printable text on one line. */
static gboolean
looks_like_address (const char *text)
{
  if (text[0] == '\0' || !g_utf8_validate (text, -1, NULL))
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      return FALSE;
  return strchr (text, ':') != NULL;
}

char *
cordon_run_dbus_proxy_find_a11y_bus (const char         *bus_address,
                                     const char * const *envp)
{
  const char *address = g_environ_getenv ((char **) envp, "AT_SPI_BUS_ADDRESS");
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *helper = NULL;
  int fds[2];
  pid_t pid;
  int status;

  if (address != NULL && address[0] != '\0')
    return g_strdup (address);
  helper = find_a11y_helper ();
  if (pipe2 (fds, O_CLOEXEC) != 0)
    return NULL;
  pid = fork ();
  if (pid == 0)
    {
      const char *argv[] = { helper, bus_address, NULL };

      /* dup2 onto itself would keep close-on-exec. */
      if (fds[1] == STDOUT_FILENO ? fcntl (fds[1], F_SETFD, 0) < 0
                                  : dup2 (fds[1], STDOUT_FILENO) < 0)
        _exit (127);
      execv (helper, (char **) argv);
      _exit (127);
    }
  close (fds[1]);
  if (pid < 0)
    {
      close (fds[0]);
      return NULL;
    }
  /* The helper's own call times out after five seconds. */
  for (;;)
    {
      char buffer[512];
      ssize_t n = read (fds[0], buffer, sizeof buffer);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0 || text->len > 4096)
        break;
      g_string_append_len (text, buffer, n);
    }
  close (fds[0]);
  while (waitpid (pid, &status, 0) < 0 && errno == EINTR)
    ;
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0 || text->len == 0
      || !looks_like_address (text->str))
    return NULL;
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
make_private_dir (GError **error)
{
  const char *runtime_dir = g_getenv ("XDG_RUNTIME_DIR");
  g_autofree char *parent = NULL;
  g_autofree char *template = NULL;
  struct stat st;

  /* The runtime folder is the user's own and emptied at log-out; /tmp is
   * the fallback, where mkdtemp's 0700 folder keeps others out. */
  if (runtime_dir != NULL && g_path_is_absolute (runtime_dir)
      && g_file_test (runtime_dir, G_FILE_TEST_IS_DIR))
    {
      parent = g_build_filename (runtime_dir, "cordon", NULL);
      if ((g_mkdir (parent, 0700) != 0 && errno != EEXIST)
          || lstat (parent, &st) != 0 || !S_ISDIR (st.st_mode) || st.st_uid != getuid ())
        g_clear_pointer (&parent, g_free);
    }
  if (parent != NULL)
    {
      remove_stale_dirs (parent);
      template = g_build_filename (parent, "bus-XXXXXX", NULL);
    }
  else
    {
      parent = g_strdup (g_get_tmp_dir ());
      template = g_build_filename (parent, "cordon-bus-XXXXXX", NULL);
    }

  if (g_mkdtemp_full (template, 0700) == NULL)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "cannot make a folder for the session bus proxy in %s: %s", parent,
                   g_strerror (saved_errno));
      return NULL;
    }
  return g_steal_pointer (&template);
}

static GPtrArray *
proxy_argv (const char      *program,
            const char      *bus_address,
            const char      *socket,
            CordonBusPolicy *policy,
            const char      *a11y_address,
            const char      *a11y_socket)
{
  GPtrArray *argv = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (argv, g_strdup (program));
  g_ptr_array_add (argv, g_strdup ("--fd=3"));
  g_ptr_array_add (argv, g_strdup (bus_address));
  g_ptr_array_add (argv, g_strdup (socket));
  g_ptr_array_add (argv, g_strdup ("--filter"));
  /* Names are checked by the policy (no leading "-"), so none can pass for
   * an option. */
  for (const char * const *name = cordon_bus_policy_get_talk (policy); *name != NULL; name++)
    g_ptr_array_add (argv, g_strconcat ("--talk=", *name, NULL));
  for (const char * const *name = cordon_bus_policy_get_own (policy); *name != NULL; name++)
    g_ptr_array_add (argv, g_strconcat ("--own=", *name, NULL));
  if (a11y_address != NULL)
    {
      g_ptr_array_add (argv, g_strdup (a11y_address));
      g_ptr_array_add (argv, g_strdup (a11y_socket));
      for (gsize i = 0; i < G_N_ELEMENTS (a11y_rules); i++)
        g_ptr_array_add (argv, g_strdup (a11y_rules[i]));
    }
  g_ptr_array_add (argv, NULL);
  return argv;
}

static void G_GNUC_NORETURN
exec_proxy (int    sync_fd,
            int    dir_fd,
            char **argv)
{
  int null_fd;

  /* Its own session: Ctrl+C in a terminal is for the program, which may
   * handle it and keep using the bus. */
  setsid ();
  /* Besides the pipe: if cordon-run dies before the pipe is watched. */
  prctl (PR_SET_PDEATHSIG, SIGTERM);
  if (getppid () == 1)
    _exit (127);

  null_fd = open ("/dev/null", O_RDWR | O_CLOEXEC);
  if (null_fd < 0 || dup2 (null_fd, STDIN_FILENO) < 0 || dup2 (null_fd, STDOUT_FILENO) < 0)
    _exit (127);
  /* Out of the way first: either may already be 3 or 4, and dup2 onto
   * itself would keep close-on-exec. */
  sync_fd = fcntl (sync_fd, F_DUPFD_CLOEXEC, 10);
  dir_fd = fcntl (dir_fd, F_DUPFD_CLOEXEC, 10);
  if (sync_fd < 0 || dir_fd < 0 || dup2 (sync_fd, 3) < 0 || dup2 (dir_fd, PROXY_DIR_FD) < 0)
    _exit (127);
  /* Nothing else of cordon-run's reaches the proxy. */
  syscall (SYS_close_range, PROXY_DIR_FD + 1, ~0U, 0);
  execv (argv[0], argv);
  _exit (127);
}

static gboolean
wait_until_ready (CordonRunDbusProxy  *self,
                  GError             **error)
{
  struct pollfd pfd = { .fd = self->sync_fd, .events = POLLIN };
  char byte;
  ssize_t n;
  int ready;

  do
    ready = poll (&pfd, 1, READY_TIMEOUT_MS);
  while (ready < 0 && errno == EINTR);
  if (ready == 0)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                   "the session bus proxy (%s) did not start within %d seconds", PROXY_PROGRAM,
                   READY_TIMEOUT_MS / 1000);
      return FALSE;
    }
  do
    n = read (self->sync_fd, &byte, 1);
  while (n < 0 && errno == EINTR);
  if (n != 1)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                   "the session bus proxy (%s) exited before it was ready", PROXY_PROGRAM);
      return FALSE;
    }
  return TRUE;
}

CordonRunDbusProxy *
cordon_run_dbus_proxy_start (const char       *bus_address,
                             CordonBusPolicy  *policy,
                             const char       *a11y_address,
                             GError          **error)
{
  g_autoptr(CordonRunDbusProxy) self = NULL;
  g_autoptr(GPtrArray) argv = NULL;
  g_autofree char *program = NULL;
  g_autofree char *escaped = NULL;
  int fds[2];

  g_return_val_if_fail (bus_address != NULL, NULL);
  g_return_val_if_fail (CORDON_IS_BUS_POLICY (policy), NULL);

  /* Never the unfiltered bus instead. */
  program = g_find_program_in_path (PROXY_PROGRAM);
  if (program == NULL)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT,
                   "the profile asks for a filtered session bus, but %s is not installed "
                   "(Debian package xdg-dbus-proxy)", PROXY_PROGRAM);
      return NULL;
    }

  self = g_new0 (CordonRunDbusProxy, 1);
  self->sync_fd = -1;
  self->dir_fd = -1;
  self->pidfd = -1;
  if ((self->dir = make_private_dir (error)) == NULL)
    return NULL;
  /* The folder may lie where the program can write (a runtime folder or
   * /tmp the profile grants): at the end, remove what is in the folder
   * made here, never what its path leads to by then. */
  self->dir_fd = open (self->dir, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (self->dir_fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "cannot open the session bus proxy's folder %s: %s", self->dir,
                   g_strerror (saved_errno));
      return NULL;
    }
  self->socket = g_build_filename (self->dir, "bus", NULL);
  escaped = cordon_run_dbus_address_escape (self->socket);
  self->address = g_strconcat ("unix:path=", escaped, NULL);
  if (a11y_address != NULL)
    {
      g_autofree char *a11y_escaped = NULL;

      self->a11y_socket = g_build_filename (self->dir, "a11y", NULL);
      a11y_escaped = cordon_run_dbus_address_escape (self->a11y_socket);
      self->a11y_address = g_strconcat ("unix:path=", a11y_escaped, NULL);
    }
  /* The proxy unlinks its sockets by path when its pipe closes, which may
   * come before the SIGTERM at the end, or when cordon-run is killed. By
   * then the program may have moved the folder and planted a link in its
   * place: the proxy's paths go through its own descriptor of the folder
   * made here, so they never lead anywhere else. */
  argv = proxy_argv (program, bus_address, "/proc/self/fd/" G_STRINGIFY (PROXY_DIR_FD) "/bus",
                     policy, a11y_address,
                     a11y_address != NULL
                       ? "/proc/self/fd/" G_STRINGIFY (PROXY_DIR_FD) "/a11y" : NULL);

  if (pipe2 (fds, O_CLOEXEC) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "cannot start the session bus proxy: %s", g_strerror (saved_errno));
      return NULL;
    }
  self->pid = fork ();
  if (self->pid == 0)
    exec_proxy (fds[1], self->dir_fd, (char **) argv->pdata);
  close (fds[1]);
  self->sync_fd = fds[0];
  if (self->pid > 0)
    self->pidfd = syscall (SYS_pidfd_open, self->pid, 0U);
  if (self->pid < 0)
    {
      int saved_errno = errno;

      self->pid = 0;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "cannot start the session bus proxy: %s", g_strerror (saved_errno));
      return NULL;
    }

  if (!wait_until_ready (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

const char *
cordon_run_dbus_proxy_get_socket (CordonRunDbusProxy *self)
{
  return self->socket;
}

const char *
cordon_run_dbus_proxy_get_address (CordonRunDbusProxy *self)
{
  return self->address;
}

const char *
cordon_run_dbus_proxy_get_a11y_socket (CordonRunDbusProxy *self)
{
  return self->a11y_socket;
}

const char *
cordon_run_dbus_proxy_get_a11y_address (CordonRunDbusProxy *self)
{
  return self->a11y_address;
}

int
cordon_run_dbus_proxy_get_fd (CordonRunDbusProxy *self)
{
  return self->sync_fd;
}

void
cordon_run_dbus_proxy_stop (CordonRunDbusProxy *self)
{
  if (self->sync_fd >= 0)
    {
      close (self->sync_fd);
      self->sync_fd = -1;
    }
  if (self->pid > 0)
    {
      /* Closing the pipe is enough for a proxy that reached its main loop;
       * SIGTERM covers one still starting. */
      if (self->pidfd >= 0)
        {
          /* cordon-run reaps every child it has (it is a subreaper), the
           * proxy too if it died early: its number may be another's now. */
          syscall (SYS_pidfd_send_signal, self->pidfd, SIGTERM, NULL, 0U);
          close (self->pidfd);
          self->pidfd = -1;
        }
      else
        kill (self->pid, SIGTERM);
      while (waitpid (self->pid, NULL, 0) < 0 && errno == EINTR)
        ;
      self->pid = 0;
    }
  if (self->dir_fd >= 0)
    {
      struct stat made, now;

      unlinkat (self->dir_fd, "bus", 0);
      if (self->a11y_socket != NULL)
        unlinkat (self->dir_fd, "a11y", 0);
      /* rmdir follows no link; the check keeps it to the folder made. */
      if (fstat (self->dir_fd, &made) == 0 && lstat (self->dir, &now) == 0 &&
          made.st_dev == now.st_dev && made.st_ino == now.st_ino)
        rmdir (self->dir);
      close (self->dir_fd);
      self->dir_fd = -1;
    }
}

static gboolean
proxy_job_dispatch (CordonRunSupervisor *supervisor,
                    short                revents,
                    gpointer             data)
{
  /* Its end of the pipe closed: the proxy is gone, and with it the bus. */
  fprintf (stderr, "cordon-run: the session bus proxy (%s) exited; the program has no session "
           "bus any more\n", PROXY_PROGRAM);
  return FALSE;
}

static void
proxy_job_finish (gpointer data)
{
  cordon_run_dbus_proxy_stop (data);
}

static void
proxy_job_free (gpointer data)
{
  cordon_run_dbus_proxy_free (data);
}

static const CordonRunJobClass proxy_job = {
  .name = "session bus proxy",
  .dispatch = proxy_job_dispatch,
  .finish = proxy_job_finish,
  .free = proxy_job_free,
};

void
cordon_run_dbus_proxy_add_job (CordonRunDbusProxy  *self,
                               CordonRunSupervisor *supervisor)
{
  /* Events 0: poll still reports POLLHUP, all this job waits for. */
  cordon_run_supervisor_add_job (supervisor, self->sync_fd, 0, &proxy_job, self);
}

void
cordon_run_dbus_proxy_free (CordonRunDbusProxy *self)
{
  if (self == NULL)
    return;
  cordon_run_dbus_proxy_stop (self);
  g_free (self->dir);
  g_free (self->socket);
  g_free (self->address);
  g_free (self->a11y_socket);
  g_free (self->a11y_address);
  g_free (self);
}
