/* cordon-seccomp.c: what Landlock cannot say, said with seccomp
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cordon-i18n-private.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "cordon-error.h"
#include "cordon-seccomp-private.h"

/* The kernel reads the ioctl request as an unsigned int, so only the low 32
 * bits count: TIOCSTI | 1 << 32 is TIOCSTI to the tty driver. */
#define IOCTL_REQUEST_MASK G_GUINT64_CONSTANT (0xffffffff)

#define TRUNCATE_OPEN_MASK ((guint64) (O_ACCMODE | O_TRUNC))

/* fchmodat2 (Linux 6.6) is newer than Debian 12's headers and libseccomp.
 * Syscalls added since 5.1 have one number on every architecture but alpha. */
#ifndef __NR_fchmodat2
#define __NR_fchmodat2 452
#endif

static gboolean
add_rule (scmp_filter_ctx            filter,
          guint32                    action,
          int                        syscall_nr,
          const char                *what,
          unsigned int               n_args,
          const struct scmp_arg_cmp *args,
          GError                   **error)
{
  int r = seccomp_rule_add_array (filter, action, syscall_nr, n_args, args);

  if (r < 0)
    {
      g_set_error (error, CORDON_ERROR, CORDON_ERROR_APPLY_FAILED,
                   _("Cannot build the seccomp rule for %s: %s"), what, g_strerror (-r));
      return FALSE;
    }
  return TRUE;
}

static gboolean
add_tty_injection_rules (scmp_filter_ctx filter,
                         GError        **error)
{
  /* TIOCSTI types into the terminal the program shares with its parent
   * (whose shell then runs it); TIOCLINUX can do the same on a console. */
  struct scmp_arg_cmp sti = SCMP_A1 (SCMP_CMP_MASKED_EQ, IOCTL_REQUEST_MASK, TIOCSTI);
  struct scmp_arg_cmp linux_ = SCMP_A1 (SCMP_CMP_MASKED_EQ, IOCTL_REQUEST_MASK, TIOCLINUX);

  return add_rule (filter, SCMP_ACT_ERRNO (EPERM), SCMP_SYS (ioctl), "ioctl (TIOCSTI)", 1, &sti,
                   error) &&
         add_rule (filter, SCMP_ACT_ERRNO (EPERM), SCMP_SYS (ioctl), "ioctl (TIOCLINUX)", 1,
                   &linux_, error);
}

static gboolean
add_keyring_rules (scmp_filter_ctx filter,
                   GError        **error)
{
  /* The kernel keyrings are not files: Landlock cannot see them, and the
   * caller's session keyring (Kerberos tickets, fscrypt and ecryptfs keys)
   * would be readable and writable inside. EPERM, as Flatpak answers. */
  return add_rule (filter, SCMP_ACT_ERRNO (EPERM), SCMP_SYS (add_key), "add_key", 0, NULL,
                   error) &&
         add_rule (filter, SCMP_ACT_ERRNO (EPERM), SCMP_SYS (keyctl), "keyctl", 0, NULL, error) &&
         add_rule (filter, SCMP_ACT_ERRNO (EPERM), SCMP_SYS (request_key), "request_key", 0,
                   NULL, error);
}

static gboolean
add_setid_mode_rules (scmp_filter_ctx filter,
                      int             syscall_nr,
                      unsigned int    mode_arg,
                      const char     *what,
                      GError        **error)
{
  /* The kernel reads the mode as a 16-bit umode_t; both bits sit in its low
   * half, so a masked compare cannot be dodged by padding the argument. */
  struct scmp_arg_cmp setuid_ = { mode_arg, SCMP_CMP_MASKED_EQ, S_ISUID, S_ISUID };
  struct scmp_arg_cmp setgid_ = { mode_arg, SCMP_CMP_MASKED_EQ, S_ISGID, S_ISGID };

  return add_rule (filter, SCMP_ACT_ERRNO (EPERM), syscall_nr, what, 1, &setuid_, error) &&
         add_rule (filter, SCMP_ACT_ERRNO (EPERM), syscall_nr, what, 1, &setgid_, error);
}

static gboolean
add_setid_rules (scmp_filter_ctx filter,
                 GError        **error)
{
  /* Landlock does not mediate chmod: a program run as root could leave a
   * set-user-ID root binary behind for later, outside the sandbox. The
   * modes without these bits stay allowed (programs chmod their files). */
  return add_setid_mode_rules (filter, SCMP_SYS (chmod), 1, "chmod", error) &&
         add_setid_mode_rules (filter, SCMP_SYS (fchmod), 1, "fchmod", error) &&
         add_setid_mode_rules (filter, SCMP_SYS (fchmodat), 2, "fchmodat", error) &&
         add_setid_mode_rules (filter, __NR_fchmodat2, 2, "fchmodat2", error);
}

static gboolean
add_network_rules (scmp_filter_ctx filter,
                   GError        **error)
{
  /* Deny unless AF_UNIX: every other family (UDP, raw, packet, netlink,
   * MPTCP, TCP Fast Open, listen without bind…) is out of Landlock's reach.
   * The domain is an int, and the comparison is on all 64 bits: the only
   * value let through is exactly AF_UNIX, which the kernel cannot read as
   * anything else; garbage in the high half is denied, erring safe. */
  struct scmp_arg_cmp not_unix = SCMP_A0 (SCMP_CMP_NE, AF_UNIX);

  return add_rule (filter, SCMP_ACT_ERRNO (EACCES), SCMP_SYS (socket), "socket", 1, &not_unix,
                   error) &&
         add_rule (filter, SCMP_ACT_ERRNO (EACCES), SCMP_SYS (socketpair), "socketpair", 1,
                   &not_unix, error);
}

static gboolean
add_io_uring_rules (scmp_filter_ctx filter,
                    GError        **error)
{
  /* io_uring runs socket and open operations without the syscalls this
   * filter sees. ENOSYS, not EACCES: programs read it as "no io_uring
   * here" and fall back to plain syscalls, as they do on older kernels. */
  return add_rule (filter, SCMP_ACT_ERRNO (ENOSYS), SCMP_SYS (io_uring_setup), "io_uring_setup",
                   0, NULL, error) &&
         add_rule (filter, SCMP_ACT_ERRNO (ENOSYS), SCMP_SYS (io_uring_enter), "io_uring_enter",
                   0, NULL, error) &&
         add_rule (filter, SCMP_ACT_ERRNO (ENOSYS), SCMP_SYS (io_uring_register),
                   "io_uring_register", 0, NULL, error);
}

static gboolean
add_socket_mediation_rules (scmp_filter_ctx filter,
                            GError        **error)
{
  /* Every call that can name a peer on a UNIX socket goes to the mediator,
   * which acts on the program's behalf (see cordon-mediator.c); bind, so it
   * knows the program's own sockets. sendto() names a peer only with a
   * non-NULL address, and that register is a copy the program cannot change
   * afterwards; sendmsg's msghdr is in memory, so every sendmsg goes. */
  struct scmp_arg_cmp with_address = SCMP_A4 (SCMP_CMP_NE, 0);

  return add_rule (filter, SCMP_ACT_NOTIFY, SCMP_SYS (connect), "connect", 0, NULL, error) &&
         add_rule (filter, SCMP_ACT_NOTIFY, SCMP_SYS (bind), "bind", 0, NULL, error) &&
         add_rule (filter, SCMP_ACT_NOTIFY, SCMP_SYS (sendto), "sendto", 1, &with_address,
                   error) &&
         add_rule (filter, SCMP_ACT_NOTIFY, SCMP_SYS (sendmsg), "sendmsg", 0, NULL, error) &&
         add_rule (filter, SCMP_ACT_NOTIFY, SCMP_SYS (sendmmsg), "sendmmsg", 0, NULL, error);
}

static gboolean
add_open_truncate_rules (scmp_filter_ctx filter,
                         int             syscall_nr,
                         unsigned int    flags_arg,
                         const char     *what,
                         GError        **error)
{
  /* Landlock below ABI 3 checks an open against the file mode (read or
   * write), but O_TRUNC with a read-only mode, or with the "no access"
   * mode 3, truncates without FMODE_WRITE. A writable open (O_WRONLY or
   * O_RDWR, with or without O_TRUNC, and creat(2)) is left alone: Landlock
   * mediates it as WRITE_FILE, and Write grants truncation anyway. */
  struct scmp_arg_cmp rdonly = {
    flags_arg, SCMP_CMP_MASKED_EQ, TRUNCATE_OPEN_MASK, O_RDONLY | O_TRUNC
  };
  struct scmp_arg_cmp noaccess = {
    flags_arg, SCMP_CMP_MASKED_EQ, TRUNCATE_OPEN_MASK, O_ACCMODE | O_TRUNC
  };

  return add_rule (filter, SCMP_ACT_ERRNO (EACCES), syscall_nr, what, 1, &rdonly, error) &&
         add_rule (filter, SCMP_ACT_ERRNO (EACCES), syscall_nr, what, 1, &noaccess, error);
}

static gboolean
add_truncate_rules (scmp_filter_ctx filter,
                    GError        **error)
{
  /* truncate(2) by path cannot be told apart by rights here, so it fails
   * everywhere; ftruncate(2) needs a descriptor opened for writing, which
   * Landlock did mediate. */
  if (!add_rule (filter, SCMP_ACT_ERRNO (EACCES), SCMP_SYS (truncate), "truncate", 0, NULL, error))
    return FALSE;
#ifdef __NR_truncate64
  if (!add_rule (filter, SCMP_ACT_ERRNO (EACCES), SCMP_SYS (truncate64), "truncate64", 0, NULL,
                 error))
    return FALSE;
#endif
#ifdef __NR_open
  if (!add_open_truncate_rules (filter, SCMP_SYS (open), 1, "open (O_TRUNC)", error))
    return FALSE;
#endif
  if (!add_open_truncate_rules (filter, SCMP_SYS (openat), 2, "openat (O_TRUNC)", error))
    return FALSE;
  /* openat2 keeps its flags in a struct seccomp cannot read. ENOSYS makes
   * the C library fall back to openat, which is checked above.
   * open_by_handle_at needs CAP_DAC_READ_SEARCH, which apply drops. */
  return add_rule (filter, SCMP_ACT_ERRNO (ENOSYS), SCMP_SYS (openat2), "openat2", 0, NULL,
                   error);
}

scmp_filter_ctx
cordon_seccomp_build (gboolean block_network,
                      int      landlock_abi,
                      gboolean mediate_sockets,
                      GError **error)
{
  g_auto (scmp_filter_ctx) filter = NULL;
  int r;

  filter = seccomp_init (SCMP_ACT_ALLOW);
  if (filter == NULL)
    {
      g_set_error_literal (error, CORDON_ERROR, CORDON_ERROR_UNSUPPORTED,
                           _("libseccomp cannot make a filter for this architecture"));
      return NULL;
    }

  /* A syscall of a foreign ABI (i386 via int 0x80, x32) would bypass every
   * rule above, which are written for the native numbers. Kill the whole
   * process rather than return ENOSYS: such a program cannot work in the
   * sandbox anyway, and dying by SIGSYS says so plainly instead of failing
   * in some confusing way further on. */
  r = seccomp_attr_set (filter, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_KILL_PROCESS);
  if (r < 0)
    {
      g_set_error (error, CORDON_ERROR, CORDON_ERROR_UNSUPPORTED,
                   _("Cannot set the seccomp action for foreign system calls: %s"), g_strerror (-r));
      return NULL;
    }

  /* The system calls in a binary tree rather than a list: the same rules,
   * fewer comparisons for every call the program makes, and the kernel
   * loads it faster (it runs the filter for each system call number once,
   * to cache the ones always allowed): 44 -> 28 us at launch
   * (BENCHMARKS.md section 8). An older libseccomp keeps the list. */
  (void) seccomp_attr_set (filter, SCMP_FLTATR_CTL_OPTIMIZE, 2);

  if (!add_tty_injection_rules (filter, error) || !add_keyring_rules (filter, error) ||
      !add_setid_rules (filter, error))
    return NULL;
  if (block_network && !add_network_rules (filter, error))
    return NULL;
  if (mediate_sockets && !add_socket_mediation_rules (filter, error))
    return NULL;
  /* io_uring connects and sends without the syscalls the filter sees. */
  if ((block_network || landlock_abi < 3 || mediate_sockets) && !add_io_uring_rules (filter, error))
    return NULL;
  if (landlock_abi < 3 && !add_truncate_rules (filter, error))
    return NULL;

  return g_steal_pointer (&filter);
}

gboolean
cordon_seccomp_load (scmp_filter_ctx filter,
                     GError        **error)
{
  int r = seccomp_load (filter);

  if (r < 0)
    {
      g_set_error (error, CORDON_ERROR, CORDON_ERROR_APPLY_FAILED,
                   _("Cannot load the seccomp filter: %s"), g_strerror (-r));
      return FALSE;
    }
  return TRUE;
}

/* Not in Debian 12's headers (Linux 5.19): once the mediator has received a
 * notification, only a fatal signal interrupts the wait, so a signal cannot
 * restart a connect() the mediator has already made. */
#ifndef SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV
#define SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV (1UL << 5)
#endif

guint
cordon_seccomp_variant (gboolean block_network,
                        int      landlock_abi,
                        gboolean mediate_sockets)
{
  return (block_network ? CORDON_SECCOMP_VARIANT_BLOCK_NETWORK : 0) |
         (landlock_abi < 3 ? CORDON_SECCOMP_VARIANT_OLD_ABI : 0) |
         (mediate_sockets ? CORDON_SECCOMP_VARIANT_MEDIATE : 0);
}

guint8 *
cordon_seccomp_export (scmp_filter_ctx filter,
                       gsize          *out_length,
                       GError        **error)
{
  g_autofree guint8 *program = NULL;
  struct stat st;
  int saved_errno;
  int memfd;
  int r;

  memfd = memfd_create ("cordon-seccomp", MFD_CLOEXEC);
  if (memfd < 0)
    {
      saved_errno = errno;
      g_set_error (error, CORDON_ERROR, CORDON_ERROR_APPLY_FAILED,
                   _("Cannot make room for the seccomp filter: %s"), g_strerror (saved_errno));
      return NULL;
    }
  r = seccomp_export_bpf (filter, memfd);
  if (r < 0 || fstat (memfd, &st) < 0 || st.st_size <= 0 ||
      st.st_size % sizeof (struct sock_filter) != 0 || st.st_size > 65536 * 8)
    {
      close (memfd);
      g_set_error (error, CORDON_ERROR, CORDON_ERROR_APPLY_FAILED,
                   _("Cannot generate the seccomp filter: %s"), g_strerror (r < 0 ? -r : EINVAL));
      return NULL;
    }
  program = g_malloc (st.st_size);
  if (pread (memfd, program, st.st_size, 0) != st.st_size)
    {
      close (memfd);
      g_set_error_literal (error, CORDON_ERROR, CORDON_ERROR_APPLY_FAILED,
                           _("Cannot read back the generated seccomp filter"));
      return NULL;
    }
  close (memfd);

  *out_length = st.st_size;
  return g_steal_pointer (&program);
}

gboolean
cordon_seccomp_load_program (const CordonSeccompProgram *program,
                             int                        *out_listener_fd,
                             GError                    **error)
{
  /* The kernel copies the program and never writes to it. */
  struct sock_fprog fprog = {
    .len = program->len,
    .filter = (struct sock_filter *) program->filter,
  };
  int saved_errno;
  int r;

  if (out_listener_fd == NULL)
    r = syscall (SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0U, &fprog);
  else
    {
      r = syscall (SYS_seccomp, SECCOMP_SET_MODE_FILTER,
                   SECCOMP_FILTER_FLAG_NEW_LISTENER | SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV,
                   &fprog);
      /* Before 5.19: a handled signal may restart a mediated call. */
      if (r < 0 && errno == EINVAL)
        r = syscall (SYS_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_NEW_LISTENER,
                     &fprog);
    }
  if (r < 0)
    {
      saved_errno = errno;
      g_set_error (error, CORDON_ERROR, CORDON_ERROR_APPLY_FAILED,
                   _("Cannot load the seccomp filter: %s"), g_strerror (saved_errno));
      return FALSE;
    }

  if (out_listener_fd != NULL)
    *out_listener_fd = r;
  return TRUE;
}

gboolean
cordon_seccomp_load_with_listener (scmp_filter_ctx filter,
                                   int            *out_listener_fd,
                                   GError        **error)
{
  g_autofree guint8 *bytes = NULL;
  CordonSeccompProgram program;
  gsize length;

  /* libseccomp 2.5 cannot set WAIT_KILLABLE_RECV, so the program it
   * generates is loaded here. */
  bytes = cordon_seccomp_export (filter, &length, error);
  if (bytes == NULL)
    return FALSE;
  program.filter = (const struct sock_filter *) bytes;
  program.len = length / sizeof (struct sock_filter);
  return cordon_seccomp_load_program (&program, out_listener_fd, error);
}

static gboolean
action_available (guint32 action)
{
  return syscall (SYS_seccomp, SECCOMP_GET_ACTION_AVAIL, 0U, &action) == 0;
}

gboolean
cordon_seccomp_check_kernel (GError **error)
{
  int saved_errno;

  /* EINVAL or ENOSYS here means a kernel without CONFIG_SECCOMP_FILTER. */
  if (!action_available (SECCOMP_RET_ERRNO) || !action_available (SECCOMP_RET_KILL_PROCESS))
    {
      saved_errno = errno;
      g_set_error (error, CORDON_ERROR, CORDON_ERROR_UNSUPPORTED,
                   _("this kernel cannot load seccomp filters (%s)"), g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

gboolean
cordon_seccomp_probe (char **out_reason)
{
  g_autoptr (GError) local_error = NULL;
  g_auto (scmp_filter_ctx) filter = NULL;
  int null_fd;
  int r;

  /* Then the biggest filter Cordon makes, generated to BPF but not loaded. */
  if (!cordon_seccomp_check_kernel (&local_error) ||
      (filter = cordon_seccomp_build (TRUE, 1, TRUE, &local_error)) == NULL)
    {
      if (out_reason != NULL)
        *out_reason = g_strdup (local_error->message);
      return FALSE;
    }

  null_fd = open ("/dev/null", O_WRONLY | O_CLOEXEC);
  if (null_fd >= 0)
    {
      r = seccomp_export_bpf (filter, null_fd);
      close (null_fd);
      if (r < 0)
        {
          if (out_reason != NULL)
            *out_reason = g_strdup_printf ("libseccomp cannot generate the filter (%s)",
                                           g_strerror (-r));
          return FALSE;
        }
    }

  if (out_reason != NULL)
    *out_reason = NULL;
  return TRUE;
}
