/* bench-mediator.c: what the socket mediator adds to a connect()
 *
 * Below Landlock ABI 9 every connect() of a sandboxed program goes through
 * the mediator (seccomp user notification, a worker thread, the decision,
 * the connect made on the program's behalf). This times socket + connect +
 * close to a listed named socket from a forked child, sandboxed (ABI capped
 * at 8, so the mediator runs on every kernel) and not: the baseline in the
 * same run. Target (issue 11): at most 50 µs added per connect.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench-util.h"
#include "cordon-apply-private.h"

#define BATCH 400

typedef struct
{
  int               listener;
  volatile gboolean stop;
} Server;

static gpointer
serve (gpointer data)
{
  Server *server = data;

  while (!server->stop)
    {
      int peer = accept4 (server->listener, NULL, NULL, SOCK_CLOEXEC);

      if (peer >= 0)
        close (peer);
    }
  return NULL;
}

/* In a forked child: µs per connect over @n, or a negative errno. */
static double
time_connects (const struct sockaddr_un *addr,
               guint                     n)
{
  gint64 start = bench_now_ns ();

  for (guint i = 0; i < n; i++)
    {
      int fd = socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

      if (fd < 0 || connect (fd, (const struct sockaddr *) addr, sizeof *addr) < 0)
        return -errno;
      close (fd);
    }
  return (bench_now_ns () - start) / 1000.0 / n;
}

static double
run_child (CordonCapabilitySet      *caps,
           const struct sockaddr_un *addr)
{
  double result = -1;
  int fds[2];
  pid_t pid;

  if (pipe2 (fds, O_CLOEXEC) < 0)
    return -1;
  fflush (stdout);
  pid = fork ();
  if (pid == 0)
    {
      g_autoptr (GError) error = NULL;

      close (fds[0]);
      if (caps != NULL && !cordon_apply_with_abi_limit (caps, 8, &error))
        result = -1000;
      else
        {
          /* One call first, so the mediator's workers exist. */
          time_connects (addr, 1);
          result = time_connects (addr, BATCH);
        }
      if (write (fds[1], &result, sizeof result) != sizeof result)
        _exit (1);
      _exit (0);
    }
  close (fds[1]);
  if (read (fds[0], &result, sizeof result) != sizeof result)
    result = -1;
  close (fds[0]);
  waitpid (pid, NULL, 0);
  return result;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = bench_make_tmpdir ("sockets");
  g_autofree char *path = g_build_filename (dir, "listed", NULL);
  g_autoptr (CordonCapabilitySet) caps = cordon_capability_set_new ();
  g_autoptr (GError) error = NULL;
  struct sockaddr_un addr = { .sun_family = AF_UNIX };
  Server server = { -1, FALSE };
  guint rounds = bench_runs (15);
  g_autofree double *direct = g_new (double, rounds);
  g_autofree double *mediated = g_new (double, rounds);
  BenchReport report = { 0 };
  double direct_median, mediated_median;
  GThread *thread;

  g_strlcpy (addr.sun_path, path, sizeof addr.sun_path);
  server.listener = socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (bind (server.listener, (struct sockaddr *) &addr, sizeof addr) < 0 ||
      listen (server.listener, 4096) < 0)
    g_error ("cannot make the listed socket: %s", g_strerror (errno));
  thread = g_thread_new ("server", serve, &server);

  cordon_capability_set_allow_socket (caps, path, &error);
  g_assert_no_error (error);
  cordon_capability_set_set_network_blocked (caps, TRUE);

  /* Interleaved, so a noisy moment of a shared machine hits both. */
  for (guint r = 0; r < rounds; r++)
    {
      direct[r] = run_child (NULL, &addr);
      mediated[r] = run_child (caps, &addr);
      if (direct[r] < 0 || mediated[r] < 0)
        g_error ("a connect failed (%g, %g)", direct[r], mediated[r]);
    }
  direct_median = bench_median (direct, rounds);
  mediated_median = bench_median (mediated, rounds);

  printf ("# sockets: median of %u rounds of %u connects each (socket + connect + close)\n",
          rounds, BATCH);
  printf ("%-28s %10.2f µs\n", "direct (no sandbox)", direct_median);
  printf ("%-28s %10.2f µs\n", "mediated (ABI capped at 8)", mediated_median);
  printf ("%-28s %10.2f µs (%.1f×)\n", "added by the mediator", mediated_median - direct_median,
          mediated_median / direct_median);
  bench_target (&report, mediated_median - direct_median <= 50.0,
                "a mediated connect adds at most 50 µs (adds %.1f µs)",
                mediated_median - direct_median);

  server.stop = TRUE;
  shutdown (server.listener, SHUT_RDWR);
  close (server.listener);
  g_thread_join (thread);
  bench_rm_rf (dir);
  return bench_finish (&report);
}
