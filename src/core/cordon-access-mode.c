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

gboolean
cordon_access_mode_is_valid (guint mode)
{
  return mode == CORDON_ACCESS_READ || mode == CORDON_ACCESS_WRITE ||
         mode == CORDON_ACCESS_READ_WRITE;
}
