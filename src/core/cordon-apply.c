/* cordon-apply.c: put the calling process in the sandbox
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cordon-i18n-private.h"

#include <errno.h>
#include <linux/capability.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "cordon-apply-private.h"
#include "cordon-error.h"
#include "cordon-landlock-private.h"
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

static int
read_last_cap (void)
{
  g_autofree char *contents = NULL;
  gint64 value;

  if (g_file_get_contents ("/proc/sys/kernel/cap_last_cap", &contents, NULL, NULL) &&
      (value = g_ascii_strtoll (contents, NULL, 10)) > 0 && value < 64)
    return (int) value;

  /* Without /proc, walk until the kernel says the number is too big. */
  return 63;
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
  int last_cap;
  int saved_errno;

  if (!get_caps (data, error))
    return FALSE;
  if (caps_empty (data))
    return TRUE;

  had_setpcap = (data[CAP_TO_INDEX (CAP_SETPCAP)].effective & CAP_TO_MASK (CAP_SETPCAP)) != 0;
  last_cap = read_last_cap ();

  /* The bounding set caps what any later exec can grant, root's included. */
  for (int cap = 0; cap <= last_cap; cap++)
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

gboolean
cordon_apply_with_abi_limit (CordonCapabilitySet *caps,
                             int                  max_abi,
                             GError             **error)
{
  g_auto (scmp_filter_ctx) filter = NULL;
  g_autoptr (GError) local_error = NULL;
  int probe_errno = 0;
  int ruleset_fd;
  gboolean ok;
  int abi;

  g_return_val_if_fail (CORDON_IS_CAPABILITY_SET (caps), FALSE);
  g_return_val_if_fail (max_abi >= 1, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

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

  if (!check_single_threaded (error))
    return FALSE;

  /* Everything that can fail for ordinary reasons (a vanished path, a
   * libseccomp problem) fails here, before anything irreversible. A rule
   * that a link planted by an earlier run redirects is refused. */
  if (!cordon_capability_set_check_links (caps, error))
    return FALSE;
  ruleset_fd = cordon_landlock_build_ruleset (caps, abi, error);
  if (ruleset_fd < 0)
    return FALSE;

  filter = cordon_seccomp_build (cordon_capability_set_is_network_blocked (caps), abi, error);
  if (filter == NULL)
    {
      close (ruleset_fd);
      return FALSE;
    }

  if (!drop_capabilities (error))
    {
      close (ruleset_fd);
      return FALSE;
    }

  /* Required by landlock_restrict_self for an unprivileged process, and
   * what keeps a setuid program from leaving the sandbox's limits. */
  if (prctl (PR_SET_NO_NEW_PRIVS, 1UL, 0UL, 0UL, 0UL) < 0)
    {
      int saved_errno = errno;
      close (ruleset_fd);
      g_set_error (error, CORDON_ERROR, CORDON_ERROR_APPLY_FAILED,
                   _("Cannot set no_new_privs: %s"), g_strerror (saved_errno));
      return FALSE;
    }

  ok = cordon_landlock_restrict_self (ruleset_fd, error);
  close (ruleset_fd);
  if (!ok)
    return FALSE;

  return cordon_seccomp_load (filter, error);
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
 * Local-socket rules (cordon_capability_set_allow_socket()) need more than
 * this call below Landlock ABI 9: a supervisor process answers the
 * sandboxed program's connections to named UNIX sockets from outside the
 * sandbox, which is `cordon-run`'s job. Applied alone, this call does not
 * stop connections to named sockets the program can reach by path.
 *
 * Returns: %TRUE once the sandbox is in force
 */
gboolean
cordon_apply (CordonCapabilitySet *caps,
              GError             **error)
{
  return cordon_apply_with_abi_limit (caps, CORDON_LANDLOCK_ABI_MAX, error);
}
