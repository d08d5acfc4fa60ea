/* cordon-access-mode.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cordon-access-mode.h"

G_DEFINE_FLAGS_TYPE (CordonAccessMode, cordon_access_mode,
                     G_DEFINE_ENUM_VALUE (CORDON_ACCESS_READ, "read"),
                     G_DEFINE_ENUM_VALUE (CORDON_ACCESS_WRITE, "write"),
                     G_DEFINE_ENUM_VALUE (CORDON_ACCESS_READ_WRITE, "read-write"))

/**
 * cordon_access_mode_to_string:
 * @mode: an access mode
 *
 * The name written in profiles: "Read", "Write" or "ReadWrite".
 *
 * Returns: (nullable): the name, or %NULL when @mode is 0 or not one of the
 *   three modes
 */
const char *
cordon_access_mode_to_string (CordonAccessMode mode)
{
  switch ((guint) mode)
    {
    case CORDON_ACCESS_READ:
      return "Read";
    case CORDON_ACCESS_WRITE:
      return "Write";
    case CORDON_ACCESS_READ_WRITE:
      return "ReadWrite";
    default:
      return NULL;
    }
}

/**
 * cordon_access_mode_to_native_string:
 * @mode: an access mode
 *
 * The reference library's native spelling: "read", "write" or "read+write".
 *
 * Returns: (nullable): the name, or %NULL when @mode is 0 or not one of the
 *   three modes
 */
const char *
cordon_access_mode_to_native_string (CordonAccessMode mode)
{
  switch ((guint) mode)
    {
    case CORDON_ACCESS_READ:
      return "read";
    case CORDON_ACCESS_WRITE:
      return "write";
    case CORDON_ACCESS_READ_WRITE:
      return "read+write";
    default:
      return NULL;
    }
}

/**
 * cordon_access_mode_from_string:
 * @str: a mode name, in either spelling ("Read", "Write", "ReadWrite",
 *   "read", "write", "read+write"); exact and case-sensitive
 * @out_mode: (out): where to store the mode; untouched when @str is not a mode
 *
 * Parses the name of an access mode.
 *
 * Returns: %TRUE if @str names a mode
 */
gboolean
cordon_access_mode_from_string (const char       *str,
                                CordonAccessMode *out_mode)
{
  static const struct
  {
    const char       *name;
    CordonAccessMode  mode;
  } names[] = {
    { "Read", CORDON_ACCESS_READ },
    { "Write", CORDON_ACCESS_WRITE },
    { "ReadWrite", CORDON_ACCESS_READ_WRITE },
    { "read", CORDON_ACCESS_READ },
    { "write", CORDON_ACCESS_WRITE },
    { "read+write", CORDON_ACCESS_READ_WRITE },
  };

  if (str == NULL)
    return FALSE;

  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    {
      if (g_str_equal (str, names[i].name))
        {
          if (out_mode != NULL)
            *out_mode = names[i].mode;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * cordon_access_mode_is_valid:
 * @mode: a value that should be an access mode
 *
 * Whether @mode is one of %CORDON_ACCESS_READ, %CORDON_ACCESS_WRITE and
 * %CORDON_ACCESS_READ_WRITE: the only modes a rule can have.
 *
 * Returns: %TRUE if @mode can be a rule's mode
 */
gboolean
cordon_access_mode_is_valid (guint mode)
{
  return mode == CORDON_ACCESS_READ || mode == CORDON_ACCESS_WRITE ||
         mode == CORDON_ACCESS_READ_WRITE;
}
