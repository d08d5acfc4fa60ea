/* cordon-run-status.c: --status-fd, what happens to the run as JSON lines
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The shape follows bubblewrap's --json-status-fd ({"child-pid": N} first,
 * {"exit-code": N} last), so a caller never has to read meaning out of
 * standard error, which belongs to the program. Each line goes out in one
 * write(): a line is a record, never interleaved with another.
 */
#include "config.h"

#include <errno.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cordon-json-private.h"
#include "cordon-run-status.h"

/* Process-wide like stderr, which it stands beside; set once in main. */
static int status_fd = -1;

void
cordon_run_status_set_fd (int fd)
{
  status_fd = fd;
}

int
cordon_run_status_get_fd (void)
{
  return status_fd;
}

static void
write_line (GString *line)
{
  const char *p = line->str;
  gsize left;

  if (status_fd < 0)
    return;
  g_string_append_c (line, '\n');
  left = line->len;
  while (left > 0)
    {
      /* A socket that lost its reader must not kill cordon-run with
       * SIGPIPE: the program's exit status still has to be passed on. */
      ssize_t n = send (status_fd, p, left, MSG_NOSIGNAL);

      if (n < 0 && errno == ENOTSOCK)
        n = write (status_fd, p, left);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return;
      p += n;
      left -= (gsize) n;
    }
}

void
cordon_run_status_error (const char *message)
{
  g_autoptr (GString) line = g_string_new ("{\"error\":");
  g_autofree char *valid = g_utf8_make_valid (message, -1);

  cordon_json_append_string (line, valid);
  g_string_append_c (line, '}');
  write_line (line);
}

void
cordon_run_status_started (pid_t pid)
{
  g_autoptr (GString) line = g_string_new (NULL);

  g_string_printf (line, "{\"child-pid\":%d}", (int) pid);
  write_line (line);
}

void
cordon_run_status_blocked (const char *record)
{
  g_autoptr (GString) line = g_string_new ("{\"blocked\":");

  g_string_append (line, record);
  g_string_append_c (line, '}');
  write_line (line);
}

void
cordon_run_status_exited (int wait_status)
{
  g_autoptr (GString) line = g_string_new (NULL);

  if (WIFSIGNALED (wait_status))
    g_string_printf (line, "{\"signal\":%d}", WTERMSIG (wait_status));
  else
    g_string_printf (line, "{\"exit-code\":%d}", WEXITSTATUS (wait_status));
  write_line (line);
}
