/* cordon-sandbox-state-writer.c: writing profiles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cordon-i18n-private.h"

#include "cordon-error.h"
#include "cordon-json-private.h"
#include "cordon-sandbox-state-private.h"

typedef CordonStateEntry Entry;

/**
 * cordon_sandbox_state_to_json:
 * @self: a state
 * @format: %CORDON_STATE_FORMAT_CORDON (the written format) or
 *   %CORDON_STATE_FORMAT_NATIVE (the reference library's)
 *
 * Pretty-printed UTF-8 JSON, ending in a newline.
 *
 * Returns: (transfer full): the JSON text
 */
char *
cordon_sandbox_state_to_json (CordonSandboxState *self,
                              CordonStateFormat   format)
{
  GString *out;

  g_return_val_if_fail (CORDON_IS_SANDBOX_STATE (self), NULL);

  /* Written by hand: the seed format's layout ("key": value, two spaces)
   * is part of the contract, and json-glib writes "key" : value. */
  out = g_string_new ("{\n  \"fs\": [");
  for (guint i = 0; i < self->entries->len; i++)
    {
      const Entry *entry = &g_array_index (self->entries, Entry, i);

      g_string_append (out, i == 0 ? "\n    {\n" : ",\n    {\n");
      if (format == CORDON_STATE_FORMAT_NATIVE)
        {
          g_string_append (out, "      \"original\": ");
          cordon_json_append_string (out, entry->original != NULL ? entry->original : entry->path);
          g_string_append (out, ",\n      \"resolved\": ");
          cordon_json_append_string (out, entry->path);
          g_string_append_printf (out, ",\n      \"access\": \"%s\"",
                                  cordon_access_mode_to_native_string (entry->access));
        }
      else
        {
          g_string_append (out, "      \"path\": ");
          cordon_json_append_string (out, entry->path);
          g_string_append_printf (out, ",\n      \"access\": \"%s\"",
                                  cordon_access_mode_to_string (entry->access));
        }
      g_string_append_printf (out, ",\n      \"is_file\": %s\n    }",
                              entry->is_file ? "true" : "false");
    }
  if (self->entries->len > 0)
    g_string_append (out, "\n  ");
  g_string_append (out, "],\n");

  /* Only when there are some: a missing key means none, and a profile
   * without sockets stays byte for byte the seed format. The same shape in
   * both formats; the reference library has no such rules of its own. */
  if (self->sockets->len > 0)
    {
      g_string_append (out, "  \"unix_sockets\": [");
      for (guint i = 0; i < self->sockets->len; i++)
        {
          const Entry *entry = &g_array_index (self->sockets, Entry, i);

          g_string_append (out, i == 0 ? "\n    {\n" : ",\n    {\n");
          g_string_append (out, "      \"path\": ");
          cordon_json_append_string (out, entry->path);
          g_string_append_printf (out, ",\n      \"is_file\": %s\n    }",
                                  entry->is_file ? "true" : "false");
        }
      g_string_append (out, "\n  ],\n");
    }

  cordon_bus_policy_write_json (self->bus_policy, out);

  g_string_append_printf (out, "  \"net_blocked\": %s\n}\n",
                          self->network_blocked ? "true" : "false");

  return g_string_free (out, FALSE);
}

/**
 * cordon_sandbox_state_save_file:
 * @self: a state
 * @filename: (type filename): where to save
 * @format: the JSON format to write
 * @error: return location for a #GError in the %CORDON_ERROR domain
 *
 * Saves atomically: the text goes to a temporary file that replaces
 * @filename only once complete, so on any failure the previous file is
 * left as it was.
 *
 * Returns: %TRUE on success
 */
gboolean
cordon_sandbox_state_save_file (CordonSandboxState *self,
                                const char         *filename,
                                CordonStateFormat   format,
                                GError            **error)
{
  g_autofree char *json = NULL;
  g_autoptr (GError) local_error = NULL;

  g_return_val_if_fail (CORDON_IS_SANDBOX_STATE (self), FALSE);
  g_return_val_if_fail (filename != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  json = cordon_sandbox_state_to_json (self, format);

  /* A temporary file renamed over the old one: whatever fails, the old
   * profile is still there, whole. */
  if (!g_file_set_contents_full (filename, json, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0644,
                                 &local_error))
    {
      g_autofree char *display = g_filename_display_name (filename);
      CordonError code = CORDON_ERROR_INVALID_PATH;

      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT) ||
          g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOTDIR))
        code = CORDON_ERROR_PATH_NOT_FOUND;
      g_set_error (error, CORDON_ERROR, code, _("Could not save the profile “%s”: %s"), display,
                   local_error->message);
      return FALSE;
    }

  return TRUE;
}
