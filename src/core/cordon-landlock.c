/* cordon-landlock.c: the Landlock ruleset for a capability set
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cordon-i18n-private.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "cordon-apply-private.h"
#include "cordon-capability-set-private.h"
#include "cordon-error.h"
#include "cordon-fs-capability-private.h"
#include "cordon-landlock-private.h"

#define READ_RIGHTS (CORDON_LL_FS_READ_FILE | CORDON_LL_FS_READ_DIR | CORDON_LL_FS_EXECUTE)

/* MAKE_CHAR and MAKE_BLOCK are deliberately absent: a device node made in
 * a writable directory would reach any device, whatever the rules say. */
#define WRITE_RIGHTS                                                                                \
  (CORDON_LL_FS_WRITE_FILE | CORDON_LL_FS_REMOVE_DIR | CORDON_LL_FS_REMOVE_FILE |                   \
   CORDON_LL_FS_MAKE_DIR | CORDON_LL_FS_MAKE_REG | CORDON_LL_FS_MAKE_SOCK |                         \
   CORDON_LL_FS_MAKE_FIFO | CORDON_LL_FS_MAKE_SYM | CORDON_LL_FS_REFER | CORDON_LL_FS_TRUNCATE)

int
cordon_landlock_probe (int *out_errno)
{
  long abi = syscall (CORDON_NR_LANDLOCK_CREATE_RULESET, NULL, (gsize) 0,
                      CORDON_LANDLOCK_CREATE_RULESET_VERSION);

  if (abi < 0)
    {
      if (out_errno != NULL)
        *out_errno = errno;
      return 0;
    }
  if (out_errno != NULL)
    *out_errno = 0;
  return (int) MIN (abi, CORDON_LANDLOCK_ABI_MAX);
}

int
cordon_landlock_probe_abi (void)
{
  return cordon_landlock_probe (NULL);
}

const char *
cordon_landlock_unavailable_reason (int probe_errno)
{
  switch (probe_errno)
    {
    case ENOSYS:
      return _("not built into this kernel (Linux 5.13 or later with CONFIG_SECURITY_LANDLOCK)");
    case EOPNOTSUPP:
      return _("disabled at boot; add “landlock” to the lsm= kernel parameter");
    default:
      return g_strerror (probe_errno);
    }
}

guint64
cordon_landlock_handled_fs (int abi)
{
  guint64 rights = 0;

  if (abi >= 1)
    rights |= READ_RIGHTS | WRITE_RIGHTS | CORDON_LL_FS_MAKE_CHAR | CORDON_LL_FS_MAKE_BLOCK;
  if (abi < 2)
    rights &= ~CORDON_LL_FS_REFER;
  if (abi < 3)
    rights &= ~CORDON_LL_FS_TRUNCATE;
  if (abi >= 5)
    rights |= CORDON_LL_FS_IOCTL_DEV;
  /* Handled, and granted only by socket rules: a writable folder never
   * opens a socket made outside (/tmp holds tmux's and ssh-agent's). */
  if (abi >= CORDON_LANDLOCK_ABI_RESOLVE_UNIX)
    rights |= CORDON_LL_FS_RESOLVE_UNIX;

  return rights;
}

gsize
cordon_landlock_ruleset_attr_size (int abi)
{
  /* An older kernel refuses a bigger struct whose extra fields are set, and
   * a capped ABI must not send fields the kernel would then enforce. */
  if (abi >= 6)
    return sizeof (struct cordon_landlock_ruleset_attr);
  if (abi >= 4)
    return G_STRUCT_OFFSET (struct cordon_landlock_ruleset_attr, scoped);
  return G_STRUCT_OFFSET (struct cordon_landlock_ruleset_attr, handled_access_net);
}

guint64
cordon_landlock_rule_access (CordonAccessMode mode,
                             gboolean         is_file,
                             gboolean         device_ok,
                             int              abi)
{
  guint64 rights = 0;

  if (mode & CORDON_ACCESS_READ)
    rights |= READ_RIGHTS;
  if (mode & CORDON_ACCESS_WRITE)
    {
      rights |= WRITE_RIGHTS;
      if (device_ok)
        rights |= CORDON_LL_FS_IOCTL_DEV;
    }

  rights &= cordon_landlock_handled_fs (abi);
  if (is_file)
    rights &= CORDON_LL_FS_FILE_RIGHTS;

  return rights;
}

static gboolean
is_under_dev (const char *resolved)
{
  return g_str_equal (resolved, "/dev") || g_str_has_prefix (resolved, "/dev/");
}

/* The descriptors of added rules, closed a batch at a time: with thousands
 * of rules, one close_range() per batch instead of a close() per rule. */
#define FD_BATCH 64

typedef struct
{
  int   fds[FD_BATCH];
  guint n;
} FdBatch;

static void
fd_batch_flush (FdBatch *batch)
{
  guint i = 0;

  while (i < batch->n)
    {
      int first = batch->fds[i];
      int last = first;
      guint j = i + 1;

      /* Each open takes the lowest free number, so they mostly follow on. */
      while (j < batch->n && batch->fds[j] == last + 1)
        last = batch->fds[j++];
      if (last == first || syscall (SYS_close_range, (unsigned) first, (unsigned) last, 0U) != 0)
        for (guint k = i; k < j; k++)
          close (batch->fds[k]);
      i = j;
    }
  batch->n = 0;
}

static void
fd_batch_add (FdBatch *batch,
              int      fd)
{
  if (batch->n == FD_BATCH)
    fd_batch_flush (batch);
  batch->fds[batch->n++] = fd;
}

/* openat2() hidden (a container's seccomp policy): one name at a time,
 * none of them a link. */
static int
open_walking (const char *path,
              gboolean    directory)
{
  g_auto (GStrv) names = g_strsplit (path, "/", -1);
  int fd = open ("/", O_PATH | O_DIRECTORY | O_CLOEXEC);

  for (guint i = 0; fd >= 0 && names[i] != NULL; i++)
    {
      struct stat st;
      int next;

      if (names[i][0] == '\0')
        continue;
      next = openat (fd, names[i], O_PATH | O_NOFOLLOW | O_CLOEXEC);
      close (fd);
      fd = next;
      if (fd < 0)
        return -1;
      if (fstat (fd, &st) != 0)
        {
          int saved_errno = errno;

          close (fd);
          errno = saved_errno;
          return -1;
        }
      if (S_ISLNK (st.st_mode) ||
          (!S_ISDIR (st.st_mode) && (directory || names[i + 1] != NULL)))
        {
          close (fd);
          errno = S_ISLNK (st.st_mode) ? ELOOP : ENOTDIR;
          return -1;
        }
    }
  return fd;
}

/* A rule's path is canonical when it is checked (no link on the way, see
 * cordon_capability_set_check_links), so it is opened without following
 * any: a link planted in between, by a run of the same profile still going,
 * cannot redirect what is granted. */
static int
open_rule_path (const char *path,
                gboolean    directory)
{
  struct open_how how = {
    .flags = O_PATH | O_CLOEXEC | (directory ? O_DIRECTORY : 0),
    .resolve = RESOLVE_NO_SYMLINKS,
  };
  int fd = syscall (SYS_openat2, AT_FDCWD, path, &how, sizeof how);

  if (fd < 0 && errno == ENOSYS)
    fd = open_walking (path, directory);
  return fd;
}

/* Rules an ancestor already covers add nothing in the kernel: within one
 * Landlock layer an access is allowed when any rule on the walk from the
 * file up to the root grants it, so a rule whose rights the directory rules
 * above it grant together (the union, not one of them) changes no answer
 * for a path under those ancestors. Dropping it saves its open and its
 * landlock_add_rule() at every launch.
 *
 * Dropping a rule can only ever deny more, never grant more (Landlock rules
 * only allow). What it denies more is access to the covered inode reached
 * by a path that does not pass through the ancestor: a hard link to a
 * covered file elsewhere, a bind mount of a covered directory elsewhere, or
 * the file or directory renamed out of the ancestor after launch. The kernel
 * granted those through the rule on the inode itself; the query, which
 * answers by path (DESIGN.md, "Query"), never did: so dropping brings the
 * kernel closer to the query, and the query stays truthful. Renames within
 * the sandbox (REFER) are judged on the union of the rights above source
 * and destination, which a covered rule does not change.
 *
 * Returns, for each filesystem rule of @caps in list order, the union of the
 * rights of the directory rules strictly above it (0 for none). */
/* The directory rules by resolved path, for the walk up from every rule:
 * open addressing on a hash that extends one byte at a time (FNV-1a), so a
 * rule's ancestors are looked up in one pass over its path instead of
 * hashing each prefix again. At 5,000 sibling rules the GHashTable this
 * replaced spent 0.9 ms of every launch hashing prefixes that are no rule
 * (BENCHMARKS.md section 8). */
typedef struct
{
  guint32 hash;
  guint32 rule; /* index + 1 of the first rule on the path; 0: empty */
} DirSlot;

#define FNV_OFFSET 2166136261u
#define FNV_PRIME 16777619u

static inline guint32
hash_extend (guint32 hash,
             guchar  byte)
{
  return (hash ^ byte) * FNV_PRIME;
}

/* The slot of the rule on @path (@length bytes, not NUL-terminated), or
 * the empty slot where it would go. */
static DirSlot *
dir_slot (DirSlot              *slots,
          guint32               mask,
          const CordonRuleView *rules,
          guint32               hash,
          const char           *path,
          gsize                 length)
{
  for (guint32 at = hash & mask;; at = (at + 1) & mask)
    {
      DirSlot *slot = &slots[at];
      const char *resolved;

      if (slot->rule == 0)
        return slot;
      if (slot->hash != hash)
        continue;
      resolved = rules[slot->rule - 1].resolved;
      if (strncmp (resolved, path, length) == 0 && resolved[length] == '\0')
        return slot;
    }
}

guint64 *
cordon_landlock_inherited_rights (CordonCapabilitySet *caps,
                                  int                  abi)
{
  GListModel *model = G_LIST_MODEL (caps);
  guint n_items = g_list_model_get_n_items (model);
  guint64 *inherited = g_new0 (guint64, MAX (n_items, 1));
  g_autofree guint64 *own = NULL;
  g_autofree CordonRuleView *rules = NULL;
  g_autofree DirSlot *slots = NULL;
  guint32 mask;
  guint n_dirs = 0;

  if (n_items < 2)
    return inherited;

  rules = g_new (CordonRuleView, n_items);
  for (guint i = 0; i < n_items; i++)
    {
      cordon_capability_set_peek_rule (caps, i, &rules[i]);
      if (!rules[i].is_file)
        n_dirs++;
    }
  if (n_dirs == 0)
    return inherited;
  /* At most two thirds full: a probe always ends at an empty slot. */
  for (mask = 3; mask / 3 * 2 < n_dirs; mask = mask * 2 + 1)
    ;

  own = g_new0 (guint64, n_items);
  slots = g_new0 (DirSlot, (gsize) mask + 1);
  for (guint i = 0; i < n_items; i++)
    {
      const char *resolved = rules[i].resolved;
      guint32 hash = FNV_OFFSET;
      gsize length = 0;
      DirSlot *slot;

      if (rules[i].is_file)
        continue;
      own[i] = cordon_landlock_rule_access (rules[i].access, FALSE, is_under_dev (resolved), abi);
      for (; resolved[length] != '\0'; length++)
        hash = hash_extend (hash, resolved[length]);
      slot = dir_slot (slots, mask, rules, hash, resolved, length);
      if (slot->rule != 0)
        own[slot->rule - 1] |= own[i];
      else
        *slot = (DirSlot) { hash, i + 1 };
    }

  for (guint i = 0; i < n_items; i++)
    {
      /* Resolved paths are canonical: absolute, no trailing slash but "/".
       * The ancestors are "/" and every prefix that ends before a '/'. */
      const char *resolved = rules[i].resolved;
      guint32 hash = FNV_OFFSET;

      for (gsize length = 1; resolved[length - 1] != '\0' && resolved[length] != '\0'; length++)
        {
          DirSlot *slot;

          hash = hash_extend (hash, resolved[length - 1]);
          if (length > 1 && resolved[length] != '/')
            continue;
          slot = dir_slot (slots, mask, rules, hash, resolved, length);
          if (slot->rule != 0)
            inherited[i] |= own[slot->rule - 1];
        }
    }

  return inherited;
}

/* The most a rule can grant before its path is opened: a file rule's
 * IOCTL_DEV depends on whether the file is a device, known only then. */
static guint64
rule_access_bound (const CordonRuleView *rule,
                   int                   abi)
{
  return cordon_landlock_rule_access (rule->access, rule->is_file,
                                      rule->is_file || is_under_dev (rule->resolved), abi);
}

G_DEFINE_QUARK (cordon-landlock-unchecked-error, cordon_landlock_unchecked_error)

/* An unchecked rule that did not open as recorded: whatever the reason, the
 * caller checks the rules as loading does and says what loading says. */
static gboolean
set_unchecked_error (GError    **error,
                     const char *resolved)
{
  g_set_error (error, CORDON_LANDLOCK_UNCHECKED_ERROR, 0, "“%s” did not open as recorded",
               resolved);
  return FALSE;
}

static gboolean
add_rule (int                   ruleset_fd,
          const CordonRuleView *rule,
          int                   abi,
          guint64               inherited,
          FdBatch              *batch,
          guint                *n_added,
          GError              **error)
{
  const char *resolved = rule->resolved;
  gboolean is_file = rule->is_file;
  struct cordon_landlock_path_beneath_attr attr = { 0 };
  gboolean device_ok;
  struct stat st;
  int saved_errno;
  int fd;

  /* The path may have changed kind since the rule was made. For a
   * directory rule O_DIRECTORY checks that in the open itself. */
  fd = open_rule_path (resolved, !is_file);
  if (fd < 0 && rule->unchecked)
    return set_unchecked_error (error, resolved);
  if (fd < 0 && errno == ELOOP)
    {
      g_set_error (error, CORDON_ERROR, CORDON_ERROR_INVALID_PATH,
                   _("“%s” leads through a symbolic link now, though it was checked without "
                     "one: it changed while the sandbox was being set up"),
                   resolved);
      return FALSE;
    }
  if (fd < 0 && errno == ENOTDIR && !is_file)
    {
      g_set_error (error, CORDON_ERROR, CORDON_ERROR_EXPECTED_DIRECTORY,
                   _("“%s” is not a directory now, but its rule is for a directory"), resolved);
      return FALSE;
    }
  if (fd < 0)
    {
      saved_errno = errno;
      g_set_error (error, CORDON_ERROR,
                   saved_errno == ENOENT ? CORDON_ERROR_PATH_NOT_FOUND
                                         : CORDON_ERROR_APPLY_FAILED,
                   _("Cannot open “%s” to grant access to it: %s"), resolved,
                   g_strerror (saved_errno));
      return FALSE;
    }

  if (is_file)
    {
      if (fstat (fd, &st) < 0)
        {
          saved_errno = errno;
          close (fd);
          g_set_error (error, CORDON_ERROR, CORDON_ERROR_APPLY_FAILED,
                       _("Cannot inspect “%s”: %s"), resolved, g_strerror (saved_errno));
          return FALSE;
        }
      /* A file rule landing on a directory would grant every file beneath
       * it, so refuse. */
      if (S_ISDIR (st.st_mode))
        {
          close (fd);
          if (rule->unchecked)
            return set_unchecked_error (error, resolved);
          g_set_error (error, CORDON_ERROR, CORDON_ERROR_EXPECTED_FILE,
                       _("“%s” is a directory now, but its rule is for a single file"), resolved);
          return FALSE;
        }
    }

  device_ok = is_file ? (S_ISCHR (st.st_mode) || S_ISBLK (st.st_mode)) : is_under_dev (resolved);
  attr.allowed_access = cordon_landlock_rule_access (rule->access, is_file, device_ok, abi);
  attr.parent_fd = fd;

  /* A rule granting nothing is refused by the kernel (ENOMSG); it would
   * add nothing anyway, nor would one its ancestors cover (a regular file
   * whose rule could only have been dropped before the open if it were a
   * device: see cordon_landlock_inherited_rights). */
  if ((attr.allowed_access & ~inherited) == 0)
    {
      fd_batch_add (batch, fd);
      return TRUE;
    }
  if (syscall (CORDON_NR_LANDLOCK_ADD_RULE, ruleset_fd, CORDON_LANDLOCK_RULE_PATH_BENEATH, &attr,
               0U) < 0)
    {
      saved_errno = errno;
      close (fd);
      g_set_error (error, CORDON_ERROR, CORDON_ERROR_APPLY_FAILED,
                   _("Cannot add the Landlock rule for “%s”: %s"), resolved,
                   g_strerror (saved_errno));
      return FALSE;
    }

  fd_batch_add (batch, fd);
  (*n_added)++;
  return TRUE;
}

static gboolean
add_socket_rule (int                     ruleset_fd,
                 CordonSocketCapability *capability,
                 FdBatch                *batch,
                 GError                **error)
{
  const char *resolved = cordon_socket_capability_get_resolved (capability);
  gboolean is_file = cordon_socket_capability_get_is_file (capability);
  struct cordon_landlock_path_beneath_attr attr = { 0 };
  int saved_errno;
  int fd;

  /* O_DIRECTORY checks a folder entry is still one; a file entry that has
   * become a directory would grant every socket beneath it. */
  fd = open (resolved, O_PATH | O_CLOEXEC | (is_file ? 0 : O_DIRECTORY));
  if (fd >= 0 && is_file)
    {
      struct stat st;

      if (fstat (fd, &st) == 0 && S_ISDIR (st.st_mode))
        {
          close (fd);
          g_set_error (error, CORDON_ERROR, CORDON_ERROR_EXPECTED_FILE,
                       _("“%s” is a directory now, but its rule is for a single socket"),
                       resolved);
          return FALSE;
        }
    }
  if (fd < 0)
    {
      saved_errno = errno;
      g_set_error (error, CORDON_ERROR,
                   saved_errno == ENOENT    ? CORDON_ERROR_PATH_NOT_FOUND
                   : saved_errno == ENOTDIR ? CORDON_ERROR_EXPECTED_DIRECTORY
                                            : CORDON_ERROR_APPLY_FAILED,
                   _("Cannot open “%s” to grant access to its sockets: %s"), resolved,
                   g_strerror (saved_errno));
      return FALSE;
    }

  attr.allowed_access = CORDON_LL_FS_RESOLVE_UNIX;
  attr.parent_fd = fd;
  if (syscall (CORDON_NR_LANDLOCK_ADD_RULE, ruleset_fd, CORDON_LANDLOCK_RULE_PATH_BENEATH, &attr,
               0U) < 0)
    {
      saved_errno = errno;
      close (fd);
      g_set_error (error, CORDON_ERROR, CORDON_ERROR_APPLY_FAILED,
                   _("Cannot add the Landlock rule for the sockets at “%s”: %s"), resolved,
                   g_strerror (saved_errno));
      return FALSE;
    }

  fd_batch_add (batch, fd);
  return TRUE;
}

int
cordon_landlock_build_ruleset (CordonCapabilitySet *caps,
                               int                  abi,
                               GError             **error)
{
  return cordon_landlock_build_ruleset_counted (caps, abi, NULL, error);
}

int
cordon_landlock_build_ruleset_counted (CordonCapabilitySet *caps,
                                       int                  abi,
                                       guint               *out_n_added,
                                       GError             **error)
{
  struct cordon_landlock_ruleset_attr attr = { 0 };
  FdBatch batch = { .n = 0 };
  g_autofree guint64 *inherited = NULL;
  guint n_added = 0;
  guint n_items;
  int saved_errno;
  int ruleset_fd;

  g_return_val_if_fail (CORDON_IS_CAPABILITY_SET (caps), -1);
  g_return_val_if_fail (abi >= 1 && abi <= CORDON_LANDLOCK_ABI_MAX, -1);

  attr.handled_access_fs = cordon_landlock_handled_fs (abi);
  /* No network rule is ever added: handling both rights denies every TCP
   * bind and connect. seccomp closes the rest (UDP, raw…). */
  if (abi >= 4 && cordon_capability_set_is_network_blocked (caps))
    attr.handled_access_net = CORDON_LL_NET_BIND_TCP | CORDON_LL_NET_CONNECT_TCP;
  if (abi >= 6)
    attr.scoped = CORDON_LL_SCOPE_ABSTRACT_UNIX_SOCKET | CORDON_LL_SCOPE_SIGNAL;

  ruleset_fd = syscall (CORDON_NR_LANDLOCK_CREATE_RULESET, &attr,
                        cordon_landlock_ruleset_attr_size (abi), 0U);
  if (ruleset_fd < 0)
    {
      saved_errno = errno;
      g_set_error (error, CORDON_ERROR, CORDON_ERROR_APPLY_FAILED,
                   _("Cannot create the Landlock ruleset (ABI %d): %s"), abi,
                   g_strerror (saved_errno));
      return -1;
    }

  n_items = g_list_model_get_n_items (G_LIST_MODEL (caps));
  inherited = cordon_landlock_inherited_rights (caps, abi);
  for (guint i = 0; i < n_items; i++)
    {
      CordonRuleView rule;

      cordon_capability_set_peek_rule (caps, i, &rule);

      /* Covered whatever the path turns out to be: not even opened. A
       * covered path that vanished or changed kind no longer stops the
       * launch; the sandbox is the same without it. An unchecked rule is
       * opened all the same (and not added): the open is its check, and
       * loading would have refused a vanished or redirected path. */
      if ((rule_access_bound (&rule, abi) & ~inherited[i]) == 0 && !rule.unchecked)
        continue;
      if (!add_rule (ruleset_fd, &rule, abi, inherited[i], &batch, &n_added, error))
        {
          fd_batch_flush (&batch);
          close (ruleset_fd);
          return -1;
        }
    }
  if (abi >= CORDON_LANDLOCK_ABI_RESOLVE_UNIX)
    {
      GListModel *sockets = cordon_capability_set_get_sockets (caps);

      n_items = g_list_model_get_n_items (sockets);
      for (guint i = 0; i < n_items; i++)
        {
          g_autoptr (CordonSocketCapability) socket = g_list_model_get_item (sockets, i);

          if (!add_socket_rule (ruleset_fd, socket, &batch, error))
            {
              fd_batch_flush (&batch);
              close (ruleset_fd);
              return -1;
            }
        }
    }
  fd_batch_flush (&batch);

  if (out_n_added != NULL)
    *out_n_added = n_added;
  return ruleset_fd;
}

gboolean
cordon_landlock_restrict_self (int      ruleset_fd,
                               GError **error)
{
  int saved_errno;

  if (syscall (CORDON_NR_LANDLOCK_RESTRICT_SELF, ruleset_fd, 0U) < 0)
    {
      saved_errno = errno;
      g_set_error (error, CORDON_ERROR, CORDON_ERROR_APPLY_FAILED,
                   _("Cannot enforce the Landlock ruleset: %s"), g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}
