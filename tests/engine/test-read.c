/* test-read.c: the one bounded descriptor reader (engine and cordon-run)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "cordon-error.h"
#include "cordon-read-private.h"

/* A pipe holding @n bytes of 'x', its write end closed. */
static int
pipe_with (gsize n)
{
  g_autofree char *data = g_strnfill (n, 'x');
  int fds[2];

  g_assert_no_errno (pipe (fds));
  g_assert_no_errno (fcntl (fds[1], F_SETPIPE_SZ, 1 << 20));
  g_assert_cmpint (write (fds[1], data, n), ==, (gssize) n);
  close (fds[1]);
  return fds[0];
}

static void
test_within_limit (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;
  int fd = pipe_with (1000);

  text = cordon_read_fd_bounded (fd, 1000, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, ==, 1000);
  g_assert_cmpint (text[1000], ==, '\0');
  close (fd);

  fd = pipe_with (0);
  g_clear_pointer (&text, g_free);
  text = cordon_read_fd_bounded (fd, 1000, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, ==, 0);
  g_assert_cmpstr (text, ==, "");
  close (fd);
}

/* One byte over is refused; so is a stream that never ends (here: more
 * than a small limit, from a pipe whose writer stays open). */
static void
test_over_limit (void)
{
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  int fd = pipe_with (1001);
  int fds[2];

  g_assert_null (cordon_read_fd_bounded (fd, 1000, &length, &error));
  g_assert_error (error, CORDON_ERROR, CORDON_ERROR_INVALID_STATE);
  close (fd);
  g_clear_error (&error);

  g_assert_no_errno (pipe (fds));
  g_assert_cmpint (write (fds[1], "0123456789", 10), ==, 10);
  /* The write end stays open: without the bound this read would block. */
  g_assert_null (cordon_read_fd_bounded (fds[0], 5, &length, &error));
  g_assert_error (error, CORDON_ERROR, CORDON_ERROR_INVALID_STATE);
  close (fds[0]);
  close (fds[1]);
}

/* A regular file is read into a buffer of its size, from where the
 * descriptor is; one over the limit is refused all the same. */
static void
test_regular_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;
  int fd = g_file_open_tmp ("cordon-read-XXXXXX", &path, &error);

  g_assert_no_error (error);
  g_assert_cmpint (write (fd, "0123456789", 10), ==, 10);
  g_assert_cmpint (lseek (fd, 3, SEEK_SET), ==, 3);
  text = cordon_read_fd_bounded (fd, 1000, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, ==, 7);
  g_assert_cmpstr (text, ==, "3456789");
  g_clear_pointer (&text, g_free);

  /* Past the end: nothing. */
  g_assert_cmpint (lseek (fd, 20, SEEK_SET), ==, 20);
  text = cordon_read_fd_bounded (fd, 1000, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, ==, 0);
  g_clear_pointer (&text, g_free);

  g_assert_cmpint (lseek (fd, 0, SEEK_SET), ==, 0);
  g_assert_null (cordon_read_fd_bounded (fd, 9, &length, &error));
  g_assert_error (error, CORDON_ERROR, CORDON_ERROR_INVALID_STATE);
  g_clear_error (&error);

  g_assert_cmpint (lseek (fd, 0, SEEK_SET), ==, 0);
  text = cordon_read_fd_bounded (fd, 10, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "0123456789");
  close (fd);
  g_unlink (path);
}

static void
test_read_error (void)
{
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  int fd = open ("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  g_assert_null (cordon_read_fd_bounded (fd, 1000, &length, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_ISDIR);
  g_assert_cmpint (errno, ==, EISDIR);
  close (fd);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/read/within-limit", test_within_limit);
  g_test_add_func ("/read/over-limit", test_over_limit);
  g_test_add_func ("/read/read-error", test_read_error);
  g_test_add_func ("/read/regular-file", test_regular_file);
  return g_test_run ();
}
