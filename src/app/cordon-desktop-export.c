/* cordon-desktop-export.c: "Add to Applications": a menu entry that runs a program sandboxed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "cordon-desktop-export.h"
#include "cordon-runner.h"

#define GROUP G_KEY_FILE_DESKTOP_GROUP
#define ID_PREFIX APP_ID ".sandboxed-"

/* The Desktop Entry Specification's reserved characters: an argument
 * holding one must be quoted. */
#define RESERVED " \t\n\"'\\><~|&;$*?#()`"

char *
cordon_desktop_exec_quote_arg (const char *arg)
{
  GString *out;
  gboolean quote;

  g_return_val_if_fail (arg != NULL, NULL);

  quote = *arg == '\0' || strpbrk (arg, RESERVED) != NULL;
  out = g_string_new (quote ? "\"" : "");
  for (const char *p = arg; *p != '\0'; p++)
    {
      if (*p == '%')
        g_string_append (out, "%%");  /* or it reads as a field code */
      else if (quote && strchr ("\"`$\\", *p) != NULL)
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
        }
      else
        g_string_append_c (out, *p);
    }
  if (quote)
    g_string_append_c (out, '"');
  return g_string_free (out, FALSE);
}

char *
cordon_desktop_exec_line (const char *const *argv,
                          GError           **error)
{
  g_autoptr(GString) line = g_string_new (NULL);

  g_return_val_if_fail (argv != NULL && argv[0] != NULL, NULL);

  for (guint i = 0; argv[i] != NULL; i++)
    {
      g_autofree char *quoted = NULL;

      if (!g_utf8_validate (argv[i], -1, NULL))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("A menu entry can only hold text: argument %u is not valid UTF-8"),
                       i + 1);
          return NULL;
        }
      quoted = cordon_desktop_exec_quote_arg (argv[i]);
      if (i > 0)
        g_string_append_c (line, ' ');
      g_string_append (line, quoted);
    }
  return g_string_free (g_steal_pointer (&line), FALSE);
}

/* Lowercase letters, digits and single dashes: safe in a desktop file id. */
static void
append_slug (GString    *out,
             const char *text)
{
  gboolean dash = TRUE;
  gsize start = out->len;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p))
        {
          g_string_append_c (out, g_ascii_tolower (*p));
          dash = FALSE;
        }
      else if (!dash)
        {
          g_string_append_c (out, '-');
          dash = TRUE;
        }
    }
  if (out->len > start && out->str[out->len - 1] == '-')
    g_string_truncate (out, out->len - 1);
  if (out->len == start)
    g_string_append (out, "program");
}

char *
cordon_desktop_export_file_id (const char *program,
                               const char *profile_path)
{
  g_autofree char *program_name = g_path_get_basename (program);
  g_autofree char *profile_name = g_path_get_basename (profile_path);
  GString *id = g_string_new (ID_PREFIX);

  if (g_str_has_suffix (profile_name, ".json"))
    profile_name[strlen (profile_name) - strlen (".json")] = '\0';
  append_slug (id, program_name);
  g_string_append_c (id, '-');
  append_slug (id, profile_name);
  return g_string_free (id, FALSE);
}

/* The real file a program name or path runs, or NULL. */
static char *
resolve_program (const char *program)
{
  g_autofree char *found = NULL;

  if (program == NULL || *program == '\0')
    return NULL;
  if (strchr (program, '/') == NULL)
    {
      if ((found = g_find_program_in_path (program)) == NULL)
        return NULL;
      program = found;
    }
  return realpath (program, NULL);
}

GDesktopAppInfo *
cordon_desktop_export_find_app (const char *program)
{
  g_autofree char *wanted = resolve_program (program);
  g_autolist(GAppInfo) apps = NULL;
  GDesktopAppInfo *hidden_match = NULL;

  if (wanted == NULL)
    return NULL;

  apps = g_app_info_get_all ();
  for (GList *l = apps; l != NULL; l = l->next)
    {
      const char *id = g_app_info_get_id (l->data);
      g_autofree char *executable = NULL;

      if (!G_IS_DESKTOP_APP_INFO (l->data) || (id != NULL && g_str_has_prefix (id, ID_PREFIX)))
        continue;
      executable = resolve_program (g_app_info_get_executable (l->data));
      if (executable == NULL || !g_str_equal (executable, wanted))
        continue;
      /* An entry people see in their menus names the app best. */
      if (g_app_info_should_show (l->data))
        {
          g_clear_object (&hidden_match);
          return g_object_ref (l->data);
        }
      if (hidden_match == NULL)
        hidden_match = g_object_ref (l->data);
    }
  return hidden_match;
}

static gboolean
in_flatpak (void)
{
  return g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS);
}

GStrv
cordon_desktop_export_launcher (GError **error)
{
  g_autofree char *cordon_run = NULL;
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  if (in_flatpak ())
    {
      g_strv_builder_add_many (builder, "flatpak", "run", "--command=cordon-run", APP_ID, NULL);
      return g_strv_builder_end (builder);
    }

  if ((cordon_run = cordon_runner_find_cordon_run (error)) == NULL)
    return NULL;
  g_strv_builder_add (builder, cordon_run);
  return g_strv_builder_end (builder);
}

char *
cordon_desktop_export_build (const char *const *launcher,
                             const char        *profile_path,
                             const char *const *argv,
                             char             **out_name,
                             GError           **error)
{
  g_autoptr(GKeyFile) keys = g_key_file_new ();
  g_autoptr(GDesktopAppInfo) app = NULL;
  g_autoptr(GPtrArray) command = g_ptr_array_new ();
  g_autofree char *exec = NULL;
  g_autofree char *name = NULL;
  g_autofree char *icon = NULL;
  g_autofree char *comment = NULL;
  g_autofree char *program_name = NULL;
  g_autofree char *profile_name = NULL;

  g_return_val_if_fail (launcher != NULL && launcher[0] != NULL, NULL);
  g_return_val_if_fail (profile_path != NULL, NULL);
  g_return_val_if_fail (argv != NULL && argv[0] != NULL, NULL);

  for (guint i = 0; launcher[i] != NULL; i++)
    g_ptr_array_add (command, (char *) launcher[i]);
  g_ptr_array_add (command, (char *) "--profile");
  g_ptr_array_add (command, (char *) profile_path);
  g_ptr_array_add (command, (char *) "--");
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (command, (char *) argv[i]);
  g_ptr_array_add (command, NULL);
  if ((exec = cordon_desktop_exec_line ((const char * const *) command->pdata, error)) == NULL)
    return NULL;

  program_name = g_path_get_basename (argv[0]);
  profile_name = g_path_get_basename (profile_path);
  if ((app = cordon_desktop_export_find_app (argv[0])) != NULL)
    {
      GIcon *app_icon = g_app_info_get_icon (G_APP_INFO (app));

      /* Translators: %s is an application's name, e.g. "Firefox" */
      name = g_strdup_printf (_("%s (Sandboxed)"), g_app_info_get_name (G_APP_INFO (app)));
      if (app_icon != NULL)
        icon = g_icon_to_string (app_icon);
    }
  else
    {
      g_autofree char *utf8 = g_filename_display_name (program_name);

      name = g_strdup_printf (_("%s (Sandboxed)"), utf8);
    }
  if (icon == NULL)
    icon = g_strdup ("application-x-executable");
  /* Translators: the first %s is a program, the second a profile's file name */
  comment = g_strdup_printf (_("Runs %s in the sandbox of the Cordon profile %s"),
                             program_name, profile_name);

  g_key_file_set_comment (keys, NULL, NULL,
                          " Written by Cordon (Add to Applications). Remove this file to remove "
                          "the entry.", NULL);
  g_key_file_set_string (keys, GROUP, G_KEY_FILE_DESKTOP_KEY_TYPE,
                         G_KEY_FILE_DESKTOP_TYPE_APPLICATION);
  g_key_file_set_string (keys, GROUP, G_KEY_FILE_DESKTOP_KEY_NAME, name);
  g_key_file_set_string (keys, GROUP, G_KEY_FILE_DESKTOP_KEY_COMMENT, comment);
  g_key_file_set_string (keys, GROUP, G_KEY_FILE_DESKTOP_KEY_ICON, icon);
  /* Without cordon-run the entry cannot work: menus hide it then. */
  g_key_file_set_string (keys, GROUP, G_KEY_FILE_DESKTOP_KEY_TRY_EXEC, launcher[0]);
  g_key_file_set_string (keys, GROUP, G_KEY_FILE_DESKTOP_KEY_EXEC, exec);
  g_key_file_set_boolean (keys, GROUP, G_KEY_FILE_DESKTOP_KEY_TERMINAL,
                          app != NULL && g_desktop_app_info_get_boolean (app, "Terminal"));
  g_key_file_set_string (keys, GROUP, "X-Cordon-Profile", profile_path);

  if (out_name != NULL)
    *out_name = g_steal_pointer (&name);
  return g_key_file_to_data (keys, NULL, NULL);
}

char *
cordon_desktop_export_write (const char        *profile_path,
                             const char *const *argv,
                             char             **out_name,
                             GError           **error)
{
  g_auto (GStrv) launcher = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *id = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (profile_path != NULL, NULL);
  g_return_val_if_fail (argv != NULL && argv[0] != NULL, NULL);

  if ((launcher = cordon_desktop_export_launcher (error)) == NULL)
    return NULL;
  if ((contents = cordon_desktop_export_build ((const char *const *) launcher, profile_path, argv,
                                               out_name, error)) == NULL)
    return NULL;

  /* Inside the Flatpak the user data dir is the app's own, which the
   * desktop never reads. */
  if (in_flatpak ())
    dir = g_build_filename (g_get_home_dir (), ".local", "share", "applications", NULL);
  else
    dir = g_build_filename (g_get_user_data_dir (), "applications", NULL);
  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   /* Translators: the first %s is a folder, the second the system's reason */
                   _("Could not make the folder %s: %s"), dir, g_strerror (saved_errno));
      return NULL;
    }
  id = cordon_desktop_export_file_id (argv[0], profile_path);
  path = g_strconcat (dir, G_DIR_SEPARATOR_S, id, ".desktop", NULL);
  if (!g_file_set_contents_full (path, contents, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0644, error))
    return NULL;
  return g_steal_pointer (&path);
}
