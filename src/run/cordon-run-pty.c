/* cordon-run-pty.c: a pseudo-terminal of its own for the program, relayed
 * to the caller's terminal (as sudo's use_pty)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Why: a program that shares the caller's terminal can leave a process
 * behind that reads the next line the user types into their shell, even
 * from a session of its own (reading a terminal that is not one's
 * controlling terminal is not subject to job control). On a terminal of
 * its own, whatever outlives the program reads from a terminal whose other
 * end cordon-run closed when the program exited.
 *
 * Every standard stream that is a terminal is replaced, not only standard
 * input: terminals are usually opened read-write, so standard output would
 * do for reading just as well.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include <glib-unix.h>

#include "cordon-run-pty.h"

#define BUFFER_SIZE 4096

typedef struct
{
  char  data[BUFFER_SIZE];
  gsize start;
  gsize end;
} Buffer;

struct _CordonRunPty
{
  int                  master;
  int                  follower;
  gboolean             replaces[3];   /* which standard streams were terminals */
  int                  input;         /* the caller's terminal as standard input, or -1 */
  int                  output;        /* where the program's terminal output goes, or -1 */
  int                  control;       /* a descriptor of the caller's terminal */
  struct termios       saved;
  gboolean             have_saved;
  gboolean             raw;
  gboolean             input_open;
  gboolean             master_open;
  Buffer               to_program;
  Buffer               to_user;
  CordonRunSupervisor *supervisor;
  guint                input_job;
  guint                master_job;
  guint                output_job;
};

static gboolean
set_error_errno (GError    **error,
                 const char *what)
{
  int saved_errno = errno;

  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
               "cannot give the program a terminal of its own (%s): %s", what,
               g_strerror (saved_errno));
  return FALSE;
}

gboolean
cordon_run_pty_new (CordonRunPty **out,
                    GError       **error)
{
  g_autofree CordonRunPty *self = g_new0 (CordonRunPty, 1);
  char name[128];
  struct winsize size;
  int control = -1;

  *out = NULL;
  for (int fd = 0; fd <= 2; fd++)
    {
      self->replaces[fd] = isatty (fd);
      if (self->replaces[fd] && control < 0)
        control = fd;
    }
  if (control < 0)
    return TRUE;

  self->control = control;
  self->input = self->replaces[0] ? 0 : -1;
  self->output = self->replaces[1] ? 1 : self->replaces[2] ? 2 : 0;

  self->master = posix_openpt (O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (self->master < 0)
    return set_error_errno (error, "posix_openpt");
  if (grantpt (self->master) != 0 || unlockpt (self->master) != 0
      || ptsname_r (self->master, name, sizeof name) != 0)
    {
      set_error_errno (error, "ptsname");
      close (self->master);
      return FALSE;
    }
  self->follower = open (name, O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (self->follower < 0)
    {
      set_error_errno (error, name);
      close (self->master);
      return FALSE;
    }

  /* The program's terminal starts as the caller's was: same modes, size. */
  if (tcgetattr (control, &self->saved) == 0)
    {
      self->have_saved = TRUE;
      tcsetattr (self->follower, TCSANOW, &self->saved);
    }
  if (ioctl (control, TIOCGWINSZ, &size) == 0)
    ioctl (self->follower, TIOCSWINSZ, &size);

  *out = g_steal_pointer (&self);
  return TRUE;
}

gboolean
cordon_run_pty_child_setup (CordonRunPty *self,
                            GError      **error)
{
  if (ioctl (self->follower, TIOCSCTTY, 0) != 0)
    return set_error_errno (error, "TIOCSCTTY");
  for (int fd = 0; fd <= 2; fd++)
    if (self->replaces[fd] && dup2 (self->follower, fd) < 0)
      return set_error_errno (error, "dup2");
  close (self->follower);
  close (self->master);
  return TRUE;
}

static gboolean
in_foreground (CordonRunPty *self)
{
  return tcgetpgrp (self->control) == getpgrp ();
}

static void
restore_terminal (CordonRunPty *self)
{
  if (!self->raw)
    return;
  /* TCSADRAIN: the program's last output reaches the screen in raw mode,
   * and nothing the user typed meanwhile is thrown away. */
  while (tcsetattr (self->control, TCSADRAIN, &self->saved) != 0 && errno == EINTR)
    ;
  self->raw = FALSE;
}

/* Raw only while cordon-run is in the foreground and reads the terminal:
 * Ctrl+C, Ctrl+Z and the rest then reach the program's terminal as bytes,
 * and its line discipline makes the signals, inside its own session. */
static void
make_raw (CordonRunPty *self)
{
  struct termios raw;

  if (self->raw || !self->have_saved || self->input < 0 || !in_foreground (self))
    return;
  raw = self->saved;
  cfmakeraw (&raw);
  if (tcsetattr (self->control, TCSADRAIN, &raw) == 0)
    self->raw = TRUE;
}

static void
copy_window_size (CordonRunPty *self)
{
  struct winsize size;

  /* The kernel sends SIGWINCH to the program's foreground group. */
  if (ioctl (self->control, TIOCGWINSZ, &size) == 0)
    ioctl (self->master, TIOCSWINSZ, &size);
}

static void
update_events (CordonRunPty *self)
{
  short master_events = 0;

  if (self->master_open)
    {
      if (self->to_user.end == self->to_user.start)
        master_events |= POLLIN;
      if (self->to_program.end > self->to_program.start)
        master_events |= POLLOUT;
    }
  cordon_run_supervisor_set_events (self->supervisor, self->master_job, master_events);
  if (self->input >= 0)
    cordon_run_supervisor_set_events (self->supervisor, self->input_job,
                                      self->input_open && self->master_open
                                      && self->to_program.end == self->to_program.start
                                      ? POLLIN : 0);
  cordon_run_supervisor_set_events (self->supervisor, self->output_job,
                                    self->to_user.end > self->to_user.start ? POLLOUT : 0);
}

/* Whether signal @signo has its default action in process @pid (neither
 * ignored nor caught), from /proc/PID/status. */
static gboolean
has_default_action (pid_t pid,
                    int   signo)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/status", (int) pid);
  g_autofree char *status = NULL;
  guint64 bit = G_GUINT64_CONSTANT (1) << (signo - 1);

  static const char *const masks[] = { "\nSigIgn:\t", "\nSigCgt:\t" };

  if (!g_file_get_contents (path, &status, NULL, NULL))
    return FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (masks); i++)
    {
      const char *line = strstr (status, masks[i]);

      if (line == NULL || (g_ascii_strtoull (line + strlen (masks[i]), NULL, 16) & bit) != 0)
        return FALSE;
    }
  return TRUE;
}

/* The suspend character typed while the program itself has the foreground
 * of its terminal. The kernel would discard the SIGTSTP it makes: the
 * program leads a session whose parent (cordon-run) is in another one, an
 * "orphaned" process group. So cordon-run does what a shell's job would:
 * stop the program and itself, terminal restored, until fg. A job of a shell
 * running inside (another group) gets the character and its shell's job
 * control; a program that catches or ignores SIGTSTP gets it too. */
static gssize
find_suspend (CordonRunPty *self,
              const char   *data,
              gsize         length)
{
  struct termios inner;
  const char *found;
  pid_t program = cordon_run_supervisor_get_pid (self->supervisor);

  if (tcgetattr (self->master, &inner) != 0 || (inner.c_lflag & ISIG) == 0
      || inner.c_cc[VSUSP] == _POSIX_VDISABLE)
    return -1;
  found = memchr (data, inner.c_cc[VSUSP], length);
  if (found == NULL || tcgetpgrp (self->master) != program
      || !has_default_action (program, SIGTSTP))
    return -1;
  return found - data;
}

/* What the kernel does when a terminal hangs up, for the program's: its
 * foreground group gets SIGHUP (and SIGCONT, should it be stopped). Its
 * terminal itself stays open, so what it writes last is still relayed. */
static void
hang_up_program (CordonRunPty *self)
{
  if (self->master_open)
    {
      ioctl (self->master, TIOCSIG, SIGHUP);
      ioctl (self->master, TIOCSIG, SIGCONT);
    }
}

static gboolean
input_dispatch (CordonRunSupervisor *supervisor,
                short                revents,
                gpointer             data)
{
  CordonRunPty *self = data;
  ssize_t n = read (self->input, self->to_program.data, BUFFER_SIZE);

  if (n > 0)
    {
      gssize suspend_at = find_suspend (self, self->to_program.data, n);

      self->to_program.start = 0;
      self->to_program.end = n;
      if (suspend_at >= 0)
        {
          memmove (self->to_program.data + suspend_at, self->to_program.data + suspend_at + 1,
                   n - suspend_at - 1);
          self->to_program.end--;
          cordon_run_supervisor_suspend (supervisor, SIGTSTP);
        }
    }
  else if (n < 0 && errno == EIO && (revents & (POLLHUP | POLLERR | POLLNVAL)) == 0
           && !in_foreground (self))
    {
      /* In the background (cmd &, or the Cordon app started from a
       * terminal): what is typed there is the shell's. Stop reading until
       * fg continues cordon-run, without stopping the program: it may never
       * need input. */
      self->input_open = FALSE;
    }
  else if ((revents & (POLLHUP | POLLERR | POLLNVAL)) != 0 || (n < 0 && errno == EIO))
    {
      /* The user's terminal hung up (its window closed): the program's
       * hangs up too, as a real one would. poll () reports a hung-up
       * descriptor on every turn whatever it is asked, so it is no longer
       * watched. */
      self->input_open = FALSE;
      self->input = -1;
      hang_up_program (self);
      update_events (self);
      return FALSE;
    }
  else if (n == 0 || (errno != EINTR && errno != EAGAIN))
    {
      /* End of input: the program sees end of file when it reads its
       * terminal empty (VEOF), as on a real one. */
      self->input_open = FALSE;
    }
  update_events (self);
  return TRUE;
}

static void
drop_output (CordonRunPty *self)
{
  self->to_user.start = self->to_user.end = 0;
}

static void
write_fully (int         fd,
             const char *data,
             gsize       length)
{
  while (length > 0)
    {
      ssize_t n = write (fd, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return;
      data += n;
      length -= n;
    }
}

static gboolean
master_dispatch (CordonRunSupervisor *supervisor,
                 short                revents,
                 gpointer             data)
{
  CordonRunPty *self = data;

  if (revents & POLLOUT)
    {
      ssize_t n = write (self->master, self->to_program.data + self->to_program.start,
                         self->to_program.end - self->to_program.start);

      if (n > 0)
        self->to_program.start += n;
      else if (n < 0 && errno != EAGAIN && errno != EINTR)
        self->to_program.start = self->to_program.end;
      if (self->to_program.start == self->to_program.end)
        self->to_program.start = self->to_program.end = 0;
    }
  /* POLLHUP comes whether asked for or not, and keeps coming: finish the
   * output still waiting for the user's terminal first (never overwrite
   * it), or the loop would spin until that terminal takes it. */
  if ((revents & (POLLHUP | POLLERR)) != 0 && self->to_user.end > self->to_user.start)
    {
      if (self->output >= 0)
        write_fully (self->output, self->to_user.data + self->to_user.start,
                     self->to_user.end - self->to_user.start);
      drop_output (self);
    }
  if ((revents & (POLLIN | POLLHUP | POLLERR)) != 0 && self->to_user.start == self->to_user.end)
    {
      ssize_t n = read (self->master, self->to_user.data, BUFFER_SIZE);

      if (n > 0)
        {
          self->to_user.start = 0;
          self->to_user.end = n;
          if (self->output < 0)
            drop_output (self);
        }
      else if (n == 0 || (errno != EAGAIN && errno != EINTR))
        {
          /* EIO: no process has the program's terminal open any more (it
           * closed it and goes on, as a daemon does). poll () would report
           * that hang-up on every turn, so the terminal is no longer
           * watched; finish () still restores the user's. */
          self->master_open = FALSE;
          update_events (self);
          return FALSE;
        }
    }
  update_events (self);
  return TRUE;
}

static gboolean
output_dispatch (CordonRunSupervisor *supervisor,
                 short                revents,
                 gpointer             data)
{
  CordonRunPty *self = data;
  ssize_t n = write (self->output, self->to_user.data + self->to_user.start,
                     self->to_user.end - self->to_user.start);

  if (n < 0 && errno != EINTR && errno != EAGAIN)
    {
      /* The caller's terminal is gone: keep the program going, its output
       * dropped from now on, and stop watching a descriptor that poll ()
       * reports hung up on every turn. */
      self->output = -1;
      drop_output (self);
      update_events (self);
      return FALSE;
    }
  if (n > 0)
    self->to_user.start += n;
  if (self->to_user.start == self->to_user.end)
    drop_output (self);
  update_events (self);
  return TRUE;
}

static void
pty_signal (CordonRunSupervisor *supervisor,
            int                  signo,
            gpointer             data)
{
  CordonRunPty *self = data;

  if (signo == SIGWINCH)
    copy_window_size (self);
}

static void
pty_suspend (gpointer data)
{
  restore_terminal (data);
}

static void
pty_resume (gpointer data)
{
  CordonRunPty *self = data;

  /* fg: raw again. bg: stays cooked until a read says otherwise. */
  make_raw (self);
  copy_window_size (self);
  self->input_open = self->input >= 0;
  update_events (self);
}

/* What the program wrote before it exited is still in the terminal; what
 * anything it left behind writes later is not waited for. */
static void
pty_finish (gpointer data)
{
  CordonRunPty *self = data;

  if (self->output >= 0)
    write_fully (self->output, self->to_user.data + self->to_user.start,
                 self->to_user.end - self->to_user.start);
  drop_output (self);
  while (self->master_open)
    {
      ssize_t n = read (self->master, self->to_user.data, BUFFER_SIZE);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      if (self->output >= 0)
        write_fully (self->output, self->to_user.data, n);
    }
  restore_terminal (self);
  /* Closing our end hangs the program's terminal up: whatever outlives the
   * program reads end of file from now on, never the caller's terminal. */
  close (self->master);
  self->master = -1;
  self->master_open = FALSE;
}

static void
pty_free (gpointer data)
{
  cordon_run_pty_free (data);
}

/* One class for three descriptors; only the master's job owns @self. */
static const CordonRunJobClass master_job = {
  .name = "pty",
  .dispatch = master_dispatch,
  .signal = pty_signal,
  .suspend = pty_suspend,
  .resume = pty_resume,
  .finish = pty_finish,
  .free = pty_free,
};
static const CordonRunJobClass input_job = { .name = "pty input", .dispatch = input_dispatch };
static const CordonRunJobClass output_job = { .name = "pty output", .dispatch = output_dispatch };

void
cordon_run_pty_attach (CordonRunPty        *self,
                       CordonRunSupervisor *supervisor)
{
  /* Only the program holds it now, so its exit shows as EIO here. */
  close (self->follower);
  self->follower = -1;
  g_unix_set_fd_nonblocking (self->master, TRUE, NULL);

  self->supervisor = supervisor;
  self->master_open = TRUE;
  self->input_open = self->input >= 0;
  self->master_job = cordon_run_supervisor_add_job (supervisor, self->master, 0, &master_job, self);
  self->input_job = cordon_run_supervisor_add_job (supervisor, self->input, 0, &input_job, self);
  self->output_job = cordon_run_supervisor_add_job (supervisor, self->output, 0, &output_job, self);
  make_raw (self);
  update_events (self);
}

void
cordon_run_pty_free (CordonRunPty *self)
{
  if (self == NULL)
    return;
  restore_terminal (self);
  if (self->master >= 0)
    close (self->master);
  if (self->follower >= 0)
    close (self->follower);
  g_free (self);
}
