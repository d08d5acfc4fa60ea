/* cordon-run-prediction.c: which opens the profile cannot refuse, decided
 * cheaply at the tracer's first stop
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Why: following a call to its exit costs a second ptrace stop, about as
 * much as the open itself. An open the profile grants cannot be refused by
 * Landlock, so the tracer lets it run without that second stop; only the
 * opens that may be refused are followed, and what is reported is still
 * the kernel's answer to those.
 *
 * Landlock decides on the object the kernel reaches, walking up its real
 * ancestors; a rule is attached to an inode. The lexical path equals that
 * walk only when no component is a symbolic link, so a prediction is made
 * only after the supervisor saw none on the way: a single name in a folder
 * the kernel named (the thread's working folder, or a descriptor's) needs
 * one fstatat() of that name, none with O_NOFOLLOW (a link then fails with
 * ELOOP); any other path is opened (O_PATH, which Landlock does not check)
 * with RESOLVE_NO_SYMLINKS. With a link on the way, or a path the rules do
 * not grant by name, the supervisor opens it as the program would (O_PATH,
 * never through a /proc magic link) and looks up where it landed (its
 * name in /proc/self/fd): a granted file behind /lib -> usr/lib needs no
 * second stop either, a link out of a granted folder is followed, and so
 * is anything under /proc. A path that does not exist cannot be refused
 * by Landlock: the walk fails first. The rules are looked up the way the
 * query engine looks them up (the union of the rules on the path and its
 * ancestors: what Landlock grants), one hash lookup per path component.
 * An open with O_CREAT may make the file (MAKE_REG in its folder) and then
 * opens it: its folder's rules must grant Write and the access asked, and
 * any link on the way means "follow it" (a dangling one would be made at
 * its target).
 *
 * The rules may be a --status-fd launch's, loaded unchecked by their
 * recorded paths (issue 15). A rule whose path held a link at launch was
 * applied where the link led, not at the recorded path: a prediction by
 * that path grants only a path with no link on the way, so it never vouches
 * for the applied folder (its opens are followed: slower, not wrong), and
 * it vouches for the recorded path only once nothing on it is a link any
 * more, which is the case below of a rule's folder replaced since launch.
 *
 * What it cannot see (documented in the README): a path changed between
 * this check and the kernel's walk (another thread rewriting the buffer, a
 * rename or a new symlink by another process), and a rule's folder that
 * was replaced since the launch (the rule follows the old inode). The
 * program's own renames and removals make it forget the folder names it
 * remembered for directory descriptors and working folders; a chdir() or
 * fchdir() makes it forget the working folders. Those are our own duplicates
 * (pidfd_getfd(), close-on-exec), at most MAX_FOLDERS of them: they keep
 * the folders open until the run ends or they are forgotten.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/kcmp.h>
#include <linux/openat2.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "cordon-run-prediction.h"

#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif
#ifndef SYS_pidfd_getfd
#define SYS_pidfd_getfd 438
#endif
#ifndef SYS_openat2
#define SYS_openat2 437
#endif
/* pidfd_open() of a thread that does not lead its group (Linux 6.9). */
#ifndef PIDFD_THREAD
#define PIDFD_THREAD O_EXCL
#endif

/* Directory descriptors and working folders remembered at once; all are
 * forgotten past it. */
#define MAX_FOLDERS 256

typedef struct
{
  CordonAccessMode dir_mode;
  CordonAccessMode file_mode;
} Modes;

/* A directory descriptor of a traced thread: our duplicate of the same
 * open file (kcmp() says cheaply whether the thread's descriptor is still
 * it) and where it was when first seen. */
typedef struct
{
  int   fd;
  char *path;
} Folder;

struct _CordonRunPrediction
{
  GHashTable *rules;    /* resolved rule path → Modes */
  GHashTable *folders;  /* (tid << 32 | fd) → Folder */
  GHashTable *cwds;     /* tid → its working folder, until a chdir or a rename */
  CordonAccessMode any; /* what some rule grants somewhere */
  pid_t       self;
};

static void
folder_free (gpointer data)
{
  Folder *folder = data;

  close (folder->fd);
  g_free (folder->path);
  g_free (folder);
}

CordonRunPrediction *
cordon_run_prediction_new (CordonCapabilitySet *caps)
{
  CordonRunPrediction *self = g_new0 (CordonRunPrediction, 1);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (caps));

  self->rules = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->folders = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, folder_free);
  self->cwds = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->self = getpid ();
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (CordonFsCapability) cap = g_list_model_get_item (G_LIST_MODEL (caps), i);
      const char *resolved = cordon_fs_capability_get_resolved (cap);
      Modes *modes = g_hash_table_lookup (self->rules, resolved);

      if (modes == NULL)
        {
          modes = g_new0 (Modes, 1);
          g_hash_table_insert (self->rules, g_strdup (resolved), modes);
        }
      if (cordon_fs_capability_get_is_file (cap))
        modes->file_mode |= cordon_fs_capability_get_access (cap);
      else
        modes->dir_mode |= cordon_fs_capability_get_access (cap);
      self->any |= cordon_fs_capability_get_access (cap);
    }
  return self;
}

void
cordon_run_prediction_free (CordonRunPrediction *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->rules);
  g_hash_table_unref (self->folders);
  g_hash_table_unref (self->cwds);
  g_free (self);
}

gboolean
cordon_run_prediction_reads_everything (CordonRunPrediction *self)
{
  Modes *modes = g_hash_table_lookup (self->rules, "/");

  return modes != NULL && (modes->dir_mode & CORDON_ACCESS_READ) != 0;
}

void
cordon_run_prediction_forget (CordonRunPrediction *self)
{
  g_hash_table_remove_all (self->folders);
  g_hash_table_remove_all (self->cwds);
}

void
cordon_run_prediction_forget_cwds (CordonRunPrediction *self)
{
  g_hash_table_remove_all (self->cwds);
}

void
cordon_run_prediction_forget_thread (CordonRunPrediction *self,
                                     pid_t                tid)
{
  g_hash_table_remove (self->cwds, GINT_TO_POINTER (tid));
}

/* @tid's working folder, read from /proc once and then remembered: only a
 * chdir() or fchdir() (traced, and forgetting them all) or a rename moves it. */
static const char *
lookup_cwd (CordonRunPrediction *self,
            pid_t                tid)
{
  char link[64];
  char target[PATH_MAX];
  ssize_t len;
  char *cwd = g_hash_table_lookup (self->cwds, GINT_TO_POINTER (tid));

  if (cwd != NULL)
    return cwd;
  g_snprintf (link, sizeof link, "/proc/%d/cwd", (int) tid);
  len = readlink (link, target, sizeof target - 1);
  if (len <= 0 || target[0] != '/')
    return NULL;
  target[len] = '\0';
  if (g_str_has_suffix (target, " (deleted)"))
    return NULL;
  if (g_hash_table_size (self->cwds) >= MAX_FOLDERS)
    g_hash_table_remove_all (self->cwds);
  cwd = g_strdup (target);
  g_hash_table_insert (self->cwds, GINT_TO_POINTER (tid), cwd);
  return cwd;
}

gboolean
cordon_run_prediction_normalize (char *path)
{
  char *out = path;
  const char *in = path;

  if (*in != '/')
    return FALSE;
  while (*in != '\0')
    {
      const char *name;
      gsize len;

      while (*in == '/')
        in++;
      if (*in == '\0')
        break;
      name = in;
      while (*in != '/' && *in != '\0')
        in++;
      len = (gsize) (in - name);
      if (len == 1 && name[0] == '.')
        continue;
      if (len == 2 && name[0] == '.' && name[1] == '.')
        {
          /* Back onto the slash before the last name written. */
          while (out > path && out[-1] != '/')
            out--;
          if (out > path)
            out--;
          continue;
        }
      /* Written at most as far as it was read: in place is safe. */
      *out++ = '/';
      memmove (out, name, len);
      out += len;
    }
  if (out == path)
    *out++ = '/';
  *out = '\0';
  return TRUE;
}

gboolean
cordon_run_prediction_rules_grant (CordonRunPrediction *self,
                                   const char          *path,
                                   CordonAccessMode     access)
{
  char buffer[PATH_MAX];
  gsize len = strlen (path);
  CordonAccessMode granted = 0;
  Modes *modes;

  if (len >= sizeof buffer)
    return FALSE;
  memcpy (buffer, path, len + 1);
  /* A file rule covers only its own path. */
  modes = g_hash_table_lookup (self->rules, buffer);
  if (modes != NULL)
    granted |= modes->file_mode;
  for (;;)
    {
      char *slash;

      modes = g_hash_table_lookup (self->rules, buffer);
      if (modes != NULL)
        granted |= modes->dir_mode;
      if ((access & ~granted) == 0)
        return TRUE;
      if (buffer[1] == '\0')
        return FALSE;
      slash = strrchr (buffer, '/');
      slash[slash == buffer ? 1 : 0] = '\0';
    }
}

/* Our duplicate of @tid's descriptor @fd and the folder it names, or NULL. */
static Folder *
lookup_folder (CordonRunPrediction *self,
               pid_t                tid,
               int                  fd)
{
  gint64 key = ((gint64) tid << 32) | (guint32) fd;
  Folder *folder = g_hash_table_lookup (self->folders, &key);
  char link[64];
  char target[PATH_MAX];
  ssize_t len;
  int pidfd;
  int copy;

  if (folder != NULL)
    {
      if (syscall (SYS_kcmp, tid, self->self, KCMP_FILE, fd, folder->fd) == 0)
        return folder;
      g_hash_table_remove (self->folders, &key);
    }
  pidfd = (int) syscall (SYS_pidfd_open, tid, PIDFD_THREAD);
  if (pidfd < 0)
    pidfd = (int) syscall (SYS_pidfd_open, tid, 0);
  if (pidfd < 0)
    return NULL;
  copy = (int) syscall (SYS_pidfd_getfd, pidfd, fd, 0);
  close (pidfd);
  if (copy < 0)
    return NULL;
  g_snprintf (link, sizeof link, "/proc/self/fd/%d", copy);
  len = readlink (link, target, sizeof target - 1);
  if (len <= 0 || target[0] != '/')
    {
      close (copy);
      return NULL;
    }
  target[len] = '\0';
  if (g_str_has_suffix (target, " (deleted)"))
    {
      close (copy);
      return NULL;
    }
  if (g_hash_table_size (self->folders) >= MAX_FOLDERS)
    g_hash_table_remove_all (self->folders);
  folder = g_new (Folder, 1);
  folder->fd = copy;
  folder->path = g_strdup (target);
  g_hash_table_insert (self->folders, g_memdup2 (&key, sizeof key), folder);
  return folder;
}

/* Where the kernel will go for @path from @base_fd, without a symbolic
 * link on the way? TRUE: it gets there, or stops (ENOENT, ENOTDIR) before
 * Landlock is asked. */
static gboolean
walk_without_links (int         base_fd,
                    const char *path)
{
  struct open_how how = {
    .flags = O_PATH | O_CLOEXEC,
    .resolve = RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS,
  };
  int fd = (int) syscall (SYS_openat2, base_fd, path, &how, sizeof how);

  if (fd >= 0)
    {
      close (fd);
      return TRUE;
    }
  return errno == ENOENT || errno == ENOTDIR;
}

/* One name in a folder (@base_fd, or the absolute @full): only that name
 * can be a link, and with O_NOFOLLOW a link there fails (ELOOP) before
 * Landlock is asked. */
static gboolean
name_is_no_link (int         base_fd,
                 const char *full,
                 const char *name,
                 gboolean    nofollow)
{
  struct stat st;

  if (nofollow)
    return TRUE;
  if (fstatat (base_fd, base_fd == AT_FDCWD ? full : name, &st, AT_SYMLINK_NOFOLLOW) == 0)
    return !S_ISLNK (st.st_mode);
  return errno == ENOENT;
}

/* Opens @path from @base_fd as the program would (following links unless
 * O_NOFOLLOW), but never through a /proc magic link (which would be the
 * supervisor's), and looks up where it landed. TRUE also when it is not
 * there: the program's open fails the same way before Landlock is asked. */
static gboolean
resolved_granted (CordonRunPrediction *self,
                  int                  base_fd,
                  const char          *path,
                  guint64              flags,
                  CordonAccessMode     access)
{
  struct open_how how = {
    .flags = O_PATH | O_CLOEXEC | (flags & O_NOFOLLOW),
    .resolve = RESOLVE_NO_MAGICLINKS,
  };
  char link[64];
  char target[PATH_MAX];
  ssize_t len;
  int fd = (int) syscall (SYS_openat2, base_fd, path, &how, sizeof how);

  if (fd < 0)
    return errno == ENOENT || errno == ENOTDIR;
  g_snprintf (link, sizeof link, "/proc/self/fd/%d", fd);
  len = readlink (link, target, sizeof target - 1);
  close (fd);
  if (len <= 0 || target[0] != '/')
    return FALSE;
  target[len] = '\0';
  /* /proc/self, reached through an ordinary link, is the supervisor's. */
  if (g_str_has_suffix (target, " (deleted)") || g_str_has_prefix (target, "/proc/")
      || g_str_equal (target, "/proc"))
    return FALSE;
  return cordon_run_prediction_rules_grant (self, target, access);
}

/* One name relative to a folder: "x", not "x/y", "/x", "." or "..". */
static gboolean
single_name (const char *path)
{
  return *path != '/' && strchr (path, '/') == NULL && !g_str_equal (path, ".")
         && !g_str_equal (path, "..");
}

gboolean
cordon_run_prediction_open_granted (CordonRunPrediction *self,
                                    pid_t                tid,
                                    int                  dirfd,
                                    const char          *path,
                                    guint64              flags,
                                    CordonAccessMode     access)
{
  char full[PATH_MAX];
  int base_fd = AT_FDCWD;

  /* No rule grants it anywhere (a write under a read-only profile): no
   * need to look, it is refused if the file is there. */
  if (*path == '\0' || (access & ~self->any) != 0)
    return FALSE;
  if (*path == '/')
    {
      if (g_strlcpy (full, path, sizeof full) >= sizeof full)
        return FALSE;
    }
  else if (dirfd == AT_FDCWD)
    {
      const char *cwd = lookup_cwd (self, tid);

      if (cwd == NULL || g_strlcpy (full, cwd, sizeof full) >= sizeof full
          || g_strlcat (full, "/", sizeof full) >= sizeof full
          || g_strlcat (full, path, sizeof full) >= sizeof full)
        return FALSE;
    }
  else
    {
      Folder *folder = lookup_folder (self, tid, dirfd);

      if (folder == NULL
          || g_strlcpy (full, folder->path, sizeof full) >= sizeof full
          || g_strlcat (full, "/", sizeof full) >= sizeof full
          || g_strlcat (full, path, sizeof full) >= sizeof full)
        return FALSE;
      base_fd = folder->fd;
    }

  /* /proc/self is the tracer's, and /proc is full of magic links. */
  if (g_str_has_prefix (full, "/proc/") || g_str_equal (full, "/proc"))
    return FALSE;
  {
    char clean[PATH_MAX];

    memcpy (clean, full, sizeof clean);
    if (!cordon_run_prediction_normalize (clean) || g_str_has_prefix (clean, "/proc/")
        || g_str_equal (clean, "/proc"))
      return FALSE;
    if ((flags & O_CREAT) != 0)
      {
        /* The file may be made: its folder must grant making it (Write)
         * and the access asked, by folder rules, which then cover an
         * existing file of that name too. With a link anywhere (even a
         * dangling one, which O_CREAT would follow to make its target
         * elsewhere), it is followed. */
        char *slash = strrchr (clean, '/');

        if (clean[1] == '\0')
          return FALSE;
        slash[slash == clean ? 1 : 0] = '\0';
        if (!cordon_run_prediction_rules_grant (self, clean, access | CORDON_ACCESS_WRITE))
          return FALSE;
        if (single_name (path))
          return name_is_no_link (base_fd, full, path, (flags & O_NOFOLLOW) != 0);
        return walk_without_links (base_fd, base_fd == AT_FDCWD ? full : path);
      }
    if (cordon_run_prediction_rules_grant (self, clean, access))
      {
        /* A folder's own name, from the kernel (its descriptor or the
         * working folder), has no links; a single name in it needs one
         * look. Relative to a descriptor, walk from the very folder it
         * holds. */
        if (single_name (path))
          {
            if (name_is_no_link (base_fd, full, path, (flags & O_NOFOLLOW) != 0))
              return TRUE;
          }
        else if (walk_without_links (base_fd, base_fd == AT_FDCWD ? full : path))
          return TRUE;
      }
  }
  /* A link on the way, or not granted by name: where it really leads. */
  return resolved_granted (self, base_fd, base_fd == AT_FDCWD ? full : path, flags, access);
}
