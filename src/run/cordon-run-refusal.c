/* cordon-run-refusal.c: which path the sandbox refused to execute
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Landlock checks its EXECUTE right on the program and on every file the
 * kernel opens to run it (the "#!" interpreter, the ELF interpreter), and
 * execve() answers EACCES for all of them alike. Cordon grants EXECUTE only
 * with Read, so a file the sandbox would refuse to execute cannot be opened
 * for reading either, while access(2), which Landlock does not mediate,
 * still says the file modes allow it. That difference names the file.
 */
#include "config.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cordon-run-refusal.h"

/* The kernel follows at most 4 levels of "#!" (BINPRM_MAX_RECURSION). */
#define MAX_CHAIN 5

typedef enum
{
  ROLE_PROGRAM,
  ROLE_SCRIPT_INTERPRETER,
  ROLE_ELF_INTERPRETER,
} Role;

/* @parent: the file that needs @path, when @path is an interpreter. */
static char *
describe (const char *path,
          Role        role,
          const char *parent)
{
  g_autofree char *real = realpath (path, NULL);
  g_autofree char *shown = NULL;
  g_autofree char *what = NULL;
  const char *rule = real != NULL ? real : path;

  if (real != NULL && !g_str_equal (real, path))
    shown = g_strdup_printf ("“%s” (→ %s)", path, real);
  else
    shown = g_strdup_printf ("“%s”", path);

  if (role == ROLE_SCRIPT_INTERPRETER)
    what = g_strdup_printf (", the interpreter on the #! line of “%s”", parent);
  else if (role == ROLE_ELF_INTERPRETER)
    what = g_strdup_printf (", the program loader (ELF interpreter) of “%s”", parent);
  return g_strdup_printf ("the sandbox does not allow executing %s%s; a Read rule for it "
                          "allows it (--ro %s)", shown, what != NULL ? what : "", rule);
}

/* The interpreter a "#!" line names, or NULL. */
static char *
script_interpreter (const char *head,
                    gsize       length)
{
  gsize start = 2;
  gsize end;

  if (length < 2 || head[0] != '#' || head[1] != '!')
    return NULL;
  while (start < length && (head[start] == ' ' || head[start] == '\t'))
    start++;
  end = start;
  while (end < length && head[end] != ' ' && head[end] != '\t' && head[end] != '\n'
         && head[end] != '\0')
    end++;
  return end > start ? g_strndup (head + start, end - start) : NULL;
}

/* PT_INTERP of the ELF file open on @fd, or NULL. Both classes, native
 * byte order (a foreign one would not run here anyway). */
static char *
elf_interpreter (int fd)
{
  unsigned char ident[EI_NIDENT];
  guint64 phoff;
  gsize phentsize, phnum;
  gboolean is64;

  if (pread (fd, ident, sizeof ident, 0) != (ssize_t) sizeof ident
      || memcmp (ident, ELFMAG, SELFMAG) != 0)
    return NULL;
  is64 = ident[EI_CLASS] == ELFCLASS64;
  if (is64)
    {
      Elf64_Ehdr header;

      if (pread (fd, &header, sizeof header, 0) != (ssize_t) sizeof header)
        return NULL;
      phoff = header.e_phoff;
      phentsize = header.e_phentsize;
      phnum = header.e_phnum;
      if (phentsize != sizeof (Elf64_Phdr))
        return NULL;
    }
  else
    {
      Elf32_Ehdr header;

      if (pread (fd, &header, sizeof header, 0) != (ssize_t) sizeof header)
        return NULL;
      phoff = header.e_phoff;
      phentsize = header.e_phentsize;
      phnum = header.e_phnum;
      if (phentsize != sizeof (Elf32_Phdr))
        return NULL;
    }

  for (gsize i = 0; i < phnum && i < 256; i++)
    {
      guint64 offset, size;
      char *interp;

      if (is64)
        {
          Elf64_Phdr ph;

          if (pread (fd, &ph, sizeof ph, phoff + i * phentsize) != (ssize_t) sizeof ph)
            return NULL;
          if (ph.p_type != PT_INTERP)
            continue;
          offset = ph.p_offset;
          size = ph.p_filesz;
        }
      else
        {
          Elf32_Phdr ph;

          if (pread (fd, &ph, sizeof ph, phoff + i * phentsize) != (ssize_t) sizeof ph)
            return NULL;
          if (ph.p_type != PT_INTERP)
            continue;
          offset = ph.p_offset;
          size = ph.p_filesz;
        }

      if (size == 0 || size > 4096)
        return NULL;
      interp = g_malloc0 (size + 1);
      if (pread (fd, interp, size, offset) != (ssize_t) size || interp[0] != '/')
        {
          g_free (interp);
          return NULL;
        }
      return interp;
    }
  return NULL;
}

char *
cordon_run_explain_refusal (const char *program)
{
  g_autofree char *path = g_strdup (program);
  g_autofree char *parent = NULL;
  Role role = ROLE_PROGRAM;

  for (int level = 0; level < MAX_CHAIN; level++)
    {
      char head[256];
      ssize_t n;
      char *next;
      int fd;

      /* What the file modes say, which the sandbox does not change. */
      if (access (path, X_OK) != 0)
        return NULL;
      fd = open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
      if (fd < 0)
        {
          if ((errno == EACCES || errno == EPERM) && access (path, R_OK) == 0)
            return describe (path, role, parent);
          return NULL;
        }

      n = pread (fd, head, sizeof head, 0);
      next = n > 0 ? script_interpreter (head, n) : NULL;
      if (next != NULL)
        role = ROLE_SCRIPT_INTERPRETER;
      else if ((next = elf_interpreter (fd)) != NULL)
        role = ROLE_ELF_INTERPRETER;
      close (fd);

      if (next == NULL)
        return NULL;
      g_free (parent);
      parent = g_steal_pointer (&path);
      path = next;
    }
  return NULL;
}
