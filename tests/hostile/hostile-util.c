/* hostile-util.c: shared checks for the hostile input tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/resource.h>

#include "hostile-util.h"

void
hostile_assert_error (const GError *error,
                      int           code,
                      const char   *words)
{
  g_assert_error (error, CORDON_ERROR, code);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  if (words != NULL && strstr (error->message, words) == NULL)
    g_error ("error “%s” does not contain “%s”", error->message, words);
}

void
hostile_assert_invalid_json (const char *json,
                             gsize       length,
                             const char *words)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CordonSandboxState) state = cordon_sandbox_state_from_json (json, length, &error);

  g_assert_null (state);
  hostile_assert_error (error, CORDON_ERROR_INVALID_STATE, words);
}

char *
hostile_long_path (const char *dir,
                   gsize       length)
{
  GString *path = g_string_new (dir);

  g_assert_cmpuint (path->len, <, length);
  while (path->len < length)
    g_string_append (path, "/abcdefg");
  g_string_truncate (path, length);
  if (path->str[length - 1] == '/')
    path->str[length - 1] = 'z';
  return g_string_free (path, FALSE);
}

glong
hostile_max_rss_kib (void)
{
  struct rusage usage;

  g_assert_cmpint (getrusage (RUSAGE_SELF, &usage), ==, 0);
  return usage.ru_maxrss;
}

gboolean
hostile_skip_under_valgrind (const char *why)
{
  if (g_getenv ("CORDON_UNDER_VALGRIND") == NULL)
    return FALSE;
  g_test_skip_printf ("not under valgrind: %s", why);
  return TRUE;
}
