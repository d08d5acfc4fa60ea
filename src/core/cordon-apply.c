/* cordon-apply.c: put the calling process in the sandbox
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cordon-i18n-private.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cordon-apply-private.h"
#include "cordon-capability-set-private.h"
#include "cordon-error.h"
#include "cordon-landlock-private.h"
#include "cordon-mediator-private.h"
#include "cordon-seccomp-private.h"

static gboolean
check_single_threaded (GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GDir) dir = NULL;
  guint n_threads = 0;

  /* Landlock and seccomp restrict only the calling thread: a second thread
   * would stay outside, free to act for the sandboxed one. */
  dir = g_dir_open ("/proc/self/task", 0, &local_error);
  if (dir == NULL)
    {
      /* Inside another Landlock sandbox /proc is there but out of reach:
       * "is /proc mounted?" would send the user looking in the wrong place. */
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_ACCES)
          || g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_PERM))
        g_set_error (error, CORDON_ERROR, CORDON_ERROR_APPLY_FAILED,
                     _("Cannot count this process's threads: reading /proc/self/task is not "
                     "allowed here (%s). If this runs inside another sandbox, that sandbox "
                     "must allow reading /proc"),
                     local_error->message);
      else if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_set_error (error, CORDON_ERROR, CORDON_ERROR_APPLY_FAILED,
                     _("Cannot count this process's threads (is /proc mounted?): %s"),
                     local_error->message);
      else
        g_set_error (error, CORDON_ERROR, CORDON_ERROR_APPLY_FAILED,
                     _("Cannot count this process's threads: %s"), local_error->message);
      return FALSE;
    }
  while (g_dir_read_name (dir) != NULL)
    n_threads++;

  if (n_threads != 1)
    {
      g_set_error (error, CORDON_ERROR, CORDON_ERROR_APPLY_FAILED,
                   _("Cannot sandbox a process with %u threads: Landlock and seccomp would "
                   "restrict only one of them; apply before starting any thread"),
                   n_threads);
      return FALSE;
    }
  return TRUE;
}

static gboolean
get_caps (struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3],
          GError                      **error)
{
  struct __user_cap_header_struct header = { _LINUX_CAPABILITY_VERSION_3, 0 };
  int saved_errno;

  if (syscall (SYS_capget, &header, data) < 0)
    {
      saved_errno = errno;
      g_set_error (error, CORDON_ERROR, CORDON_ERROR_APPLY_FAILED,
                   _("Cannot read this process's capabilities: %s"), g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

static gboolean
caps_empty (const struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3])
{
  /* Ambient capabilities are a subset of permitted ∩ inheritable. */
  for (guint i = 0; i < _LINUX_CAPABILITY_U32S_3; i++)
    if (data[i].effective != 0 || data[i].permitted != 0 || data[i].inheritable != 0)
      return FALSE;
  return TRUE;
}

/* A root (or capable) process bypasses file modes and can chmod, chown or
 * mknod anything, none of which Landlock mediates: it gives all of that up. */
static gboolean
drop_capabilities (GError **error)
{
  struct __user_cap_header_struct header = { _LINUX_CAPABILITY_VERSION_3, 0 };
  struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3] = { { 0 } };
  gboolean had_setpcap;
  int saved_errno;

  if (!get_caps (data, error))
    return FALSE;
  if (caps_empty (data))
    return TRUE;

  had_setpcap = (data[CAP_TO_INDEX (CAP_SETPCAP)].effective & CAP_TO_MASK (CAP_SETPCAP)) != 0;

  /* The bounding set caps what any later exec can grant, root's included.
   * Walked until the kernel says the number is past its last capability
   * (EINVAL): one call more than reading /proc/sys/kernel/cap_last_cap
   * first, which costs five. */
  for (int cap = 0; cap < 64; cap++)
    {
      if (prctl (PR_CAPBSET_DROP, (unsigned long) cap, 0UL, 0UL, 0UL) == 0)
        continue;
      saved_errno = errno;
      if (saved_errno == EINVAL)
        break; /* past the kernel's last capability */
      /* Without CAP_SETPCAP nothing can be dropped, nor could it be used:
       * the permitted set is emptied below, and no_new_privs keeps exec
       * from filling it again. */
      if (saved_errno == EPERM && !had_setpcap)
        break;
      g_set_error (error, CORDON_ERROR, CORDON_ERROR_APPLY_FAILED,
                   _("Cannot drop capability %d from the bounding set: %s"), cap,
                   g_strerror (saved_errno));
      return FALSE;
    }

  if (prctl (PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0UL, 0UL, 0UL) < 0 && errno != EINVAL)
    {
      saved_errno = errno;
      g_set_error (error, CORDON_ERROR, CORDON_ERROR_APPLY_FAILED,
                   _("Cannot clear the ambient capabilities: %s"), g_strerror (saved_errno));
      return FALSE;
    }

  memset (data, 0, sizeof data);
  if (syscall (SYS_capset, &header, data) < 0)
    {
      saved_errno = errno;
      g_set_error (error, CORDON_ERROR, CORDON_ERROR_APPLY_FAILED,
                   _("Cannot drop this process's capabilities: %s"), g_strerror (saved_errno));
      return FALSE;
    }

  if (!get_caps (data, error))
    return FALSE;
  if (!caps_empty (data))
    {
      g_set_error_literal (error, CORDON_ERROR, CORDON_ERROR_APPLY_FAILED,
                           _("Capabilities are still present after dropping them all"));
      return FALSE;
    }
  return TRUE;
}

/* The body of the mediator process cordon_apply() forks: outside the
 * sandbox, holding none of the program's descriptors (a pipe it kept open
 * would keep a reader waiting for as long as the mediator lives). */
static void G_GNUC_NORETURN
own_mediator_main (CordonCapabilitySet *caps,
                   int                  sock,
                   int                  program_pidfd)
{
  int listener;

  sock = fcntl (sock, F_DUPFD_CLOEXEC, 100);
  program_pidfd = fcntl (program_pidfd, F_DUPFD_CLOEXEC, 101);
  if (sock != 100 || program_pidfd != 101)
    _exit (1);
  syscall (SYS_close_range, 0U, 99U, 0U);
  syscall (SYS_close_range, 102U, ~0U, 0U);
  for (int i = 0; i < 3; i++)
    if (open ("/dev/null", O_RDWR) != i)
      _exit (1);
  /* MSG_NOSIGNAL covers sends; nothing else should kill the mediator. */
  signal (SIGPIPE, SIG_IGN);

  listener = cordon_mediator_receive_listener (sock, program_pidfd, NULL);
  close (sock);
  close (program_pidfd);
  if (listener >= 0)
    cordon_mediator_serve (caps, listener);
  _exit (0);
}

/* Forks (twice, so the program never has it as a child to wait for) an
 * unconfined mediator; returns the end of the socketpair the listener is
 * handed over on. */
static int
fork_own_mediator (CordonCapabilitySet *caps,
                   GError             **error)
{
  pid_t program = getpid ();
  pid_t mediator = 0;
  int status = 0;
  int saved_errno;
  int sv[2];
  pid_t pid;

  if (socketpair (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0)
    goto fail;
  pid = fork ();
  if (pid < 0)
    {
      saved_errno = errno;
      close (sv[0]);
      close (sv[1]);
      errno = saved_errno;
      goto fail;
    }
  if (pid == 0)
    {
      int pidfd = syscall (SYS_pidfd_open, program, 0U);

      close (sv[0]);
      /* Still the parent's child: the pidfd names the program, not a reuse. */
      if (pidfd < 0 || getppid () != program)
        _exit (1);
      /* Its own session: Ctrl+C at the terminal reaches the program, not
       * the mediator, which leaves when the program's last process does. */
      setsid ();
      pid = fork ();
      if (pid == 0)
        own_mediator_main (caps, sv[1], pidfd);
      _exit (pid > 0 && write (sv[1], &pid, sizeof pid) == sizeof pid ? 0 : 1);
    }

  close (sv[1]);
  while (waitpid (pid, &status, 0) < 0 && errno == EINTR)
    ;
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0 ||
      read (sv[0], &mediator, sizeof mediator) != sizeof mediator)
    {
      close (sv[0]);
      g_set_error_literal (error, CORDON_ERROR, CORDON_ERROR_APPLY_FAILED,
                           _("Cannot start the socket mediator process"));
      return -1;
    }
  /* It is not this process's ancestor: under Yama's ptrace_scope 1 it may
   * read this process's memory only when allowed (no Yama: EINVAL). */
  prctl (PR_SET_PTRACER, (unsigned long) mediator, 0UL, 0UL, 0UL);
  return sv[0];

fail:
  saved_errno = errno;
  g_set_error (error, CORDON_ERROR, CORDON_ERROR_APPLY_FAILED,
               _("Cannot start the socket mediator process: %s"), g_strerror (saved_errno));
  return -1;
}

G_DEFINE_QUARK (cordon-apply-profile-error, cordon_apply_profile_error)

/* @out_listener_fd NULL: fork a mediator of our own where one is needed. */
static gboolean
apply (CordonCapabilitySet *caps,
       int                  max_abi,
       int                 *out_listener_fd,
       GError             **error)
{
  g_auto (scmp_filter_ctx) filter = NULL;
  const CordonSeccompProgram *program;
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GError) build_error = NULL;
  g_autoptr (CordonCapabilitySet) checked = NULL;
  int probe_errno = 0;
  int handoff_fd = -1;
  int listener_fd = -1;
  int ruleset_fd;
  gboolean mediate;
  gboolean ok;
  int abi;

  abi = cordon_landlock_probe (&probe_errno);
  if (abi == 0)
    {
      g_set_error (error, CORDON_ERROR, CORDON_ERROR_UNSUPPORTED,
                   _("Landlock is not available in this kernel (%s); nothing was applied"),
                   cordon_landlock_unavailable_reason (probe_errno));
      return FALSE;
    }
  abi = MIN (abi, max_abi);

  /* Checked now: a filter that fails to load after Landlock is in place
   * would still fail closed, but with half a sandbox already applied. */
  if (!cordon_seccomp_check_kernel (&local_error))
    {
      g_set_error (error, CORDON_ERROR, CORDON_ERROR_UNSUPPORTED,
                   _("seccomp is not available: %s; nothing was applied"), local_error->message);
      return FALSE;
    }

  /* Below ABI 9 Landlock does not stop connect() to a named socket: never
   * run without the mediator then. cordon_apply_supervised()'s caller has
   * checked the kernel before forking (its contract): its supervisor is
   * the mediator, and it refuses to start on a kernel that cannot. */
  mediate = abi < CORDON_LANDLOCK_ABI_RESOLVE_UNIX;
  if (mediate && out_listener_fd == NULL && !cordon_mediator_check_kernel (&local_error))
    {
      g_set_error (error, CORDON_ERROR, CORDON_ERROR_UNSUPPORTED,
                   _("%s; nothing was applied"), local_error->message);
      return FALSE;
    }

  if (!check_single_threaded (error))
    return FALSE;

  /* Everything that can fail for ordinary reasons (a vanished path, a
   * libseccomp problem) fails here, before anything irreversible. A rule
   * that a link planted by an earlier run redirects is refused. */
  if (!cordon_capability_set_check_links (caps, error))
    return FALSE;
  ruleset_fd = cordon_landlock_build_ruleset (caps, abi, &build_error);
  if (ruleset_fd < 0 && g_error_matches (build_error, CORDON_LANDLOCK_UNCHECKED_ERROR, 0))
    {
      /* A rule loaded unchecked did not open as recorded: check them all as
       * loading does. Either loading would have refused, and says why in
       * its words, or the rules resolve elsewhere now through links no
       * program under them could have planted (/lib → usr/lib), and the
       * checked rules are applied, as they would have been. */
      g_clear_error (&build_error);
      checked = cordon_capability_set_check_unchecked (caps, &build_error);
      if (checked == NULL)
        {
          g_set_error_literal (error, CORDON_APPLY_PROFILE_ERROR, build_error->code,
                               build_error->message);
          return FALSE;
        }
      caps = checked;
      ruleset_fd = cordon_landlock_build_ruleset (caps, abi, &build_error);
    }
  if (ruleset_fd < 0)
    {
      g_propagate_error (error, g_steal_pointer (&build_error));
      return FALSE;
    }

  /* Generated at build time by the same code and libseccomp; built here
   * only where the build could not (a cross build). */
  program = cordon_seccomp_prebuilt (
    cordon_seccomp_variant (cordon_capability_set_is_network_blocked (caps), abi, mediate));
  if (program == NULL)
    {
      filter = cordon_seccomp_build (cordon_capability_set_is_network_blocked (caps), abi,
                                     mediate, error);
      if (filter == NULL)
        {
          close (ruleset_fd);
          return FALSE;
        }
    }

  /* Forked before anything is restricted, so the mediator is not. */
  if (mediate && out_listener_fd == NULL && (handoff_fd = fork_own_mediator (caps, error)) < 0)
    {
      close (ruleset_fd);
      return FALSE;
    }

  if (!drop_capabilities (error))
    goto fail;

  /* Required by landlock_restrict_self for an unprivileged process, and
   * what keeps a setuid program from leaving the sandbox's limits. */
  if (prctl (PR_SET_NO_NEW_PRIVS, 1UL, 0UL, 0UL, 0UL) < 0)
    {
      int saved_errno = errno;
      g_set_error (error, CORDON_ERROR, CORDON_ERROR_APPLY_FAILED,
                   _("Cannot set no_new_privs: %s"), g_strerror (saved_errno));
      goto fail;
    }

  ok = cordon_landlock_restrict_self (ruleset_fd, error);
  close (ruleset_fd);
  ruleset_fd = -1;
  if (!ok)
    goto fail;

  if (!mediate)
    {
      if (out_listener_fd != NULL)
        *out_listener_fd = -1;
      return program != NULL ? cordon_seccomp_load_program (program, NULL, error)
                             : cordon_seccomp_load (filter, error);
    }

  if (program != NULL ? !cordon_seccomp_load_program (program, &listener_fd, error)
                      : !cordon_seccomp_load_with_listener (filter, &listener_fd, error))
    goto fail;
  if (out_listener_fd != NULL)
    {
      *out_listener_fd = listener_fd;
      return TRUE;
    }

  /* Only read()/write() here: the filter already holds sendmsg(). */
  ok = cordon_mediator_send_listener (handoff_fd, listener_fd, error);
  close (listener_fd);
  close (handoff_fd);
  return ok;

fail:
  if (ruleset_fd >= 0)
    close (ruleset_fd);
  if (handoff_fd >= 0)
    close (handoff_fd);
  return FALSE;
}

gboolean
cordon_apply_with_abi_limit (CordonCapabilitySet *caps,
                             int                  max_abi,
                             GError             **error)
{
  g_return_val_if_fail (CORDON_IS_CAPABILITY_SET (caps), FALSE);
  g_return_val_if_fail (max_abi >= 1, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return apply (caps, max_abi, NULL, error);
}

gboolean
cordon_apply_supervised (CordonCapabilitySet *caps,
                         int                  max_abi,
                         int                 *out_listener_fd,
                         GError             **error)
{
  g_return_val_if_fail (CORDON_IS_CAPABILITY_SET (caps), FALSE);
  g_return_val_if_fail (max_abi >= 1, FALSE);
  g_return_val_if_fail (out_listener_fd != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *out_listener_fd = -1;
  return apply (caps, max_abi, out_listener_fd, error);
}

/**
 * cordon_apply:
 * @caps: what the process may still do
 * @error: return location for a #GError in the %CORDON_ERROR domain
 *
 * Sandboxes the calling process and every child it will have: Landlock,
 * seccomp and no_new_privs. Irreversible.
 *
 * The process must be single-threaded (Landlock and seccomp apply per
 * thread); never call this in a GUI process, start a child for it.
 *
 * Fails closed: when the kernel cannot enforce what @caps asks, this fails
 * with %CORDON_ERROR_UNSUPPORTED or %CORDON_ERROR_APPLY_FAILED, and the
 * caller must not go on to run untrusted code (some restrictions may
 * already be in place).
 *
 * Named UNIX sockets: below Landlock ABI 9 the kernel does not check
 * connect() or sendmsg() on a socket file, so this call first forks a
 * small unconfined process (a grandchild, in a session of its own) that
 * answers the program's socket calls: only the sockets @caps lists, and
 * the program's own, are reachable. It leaves when the last sandboxed
 * process does. If it dies, those calls fail (ENOSYS), never go through.
 *
 * Returns: %TRUE once the sandbox is in force
 */
gboolean
cordon_apply (CordonCapabilitySet *caps,
              GError             **error)
{
  return cordon_apply_with_abi_limit (caps, CORDON_LANDLOCK_ABI_MAX, error);
}
