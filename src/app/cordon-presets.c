/* cordon-presets.c: the built-in sets of rules (data/presets/NAME.json)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "cordon-presets.h"

/* The file's own "name" is English; these are what translators see. */
static const struct
{
  const char *id;
  const char *name;
} builtin_presets[] = {
  { "run-programs", N_("Run programs") },
  { "temporary-files", N_("Temporary files") },
  { "desktop-app", N_("Desktop app") },
  { "home-read-only", N_("Home folder, read-only") },
};

char *
cordon_presets_dup_dir (void)
{
  const char *dir = g_getenv ("CORDON_PRESETS_DIR");

  if (dir != NULL && dir[0] != '\0')
    return g_strdup (dir);
  return g_build_filename (PKGDATADIR, "presets", NULL);
}

static gboolean
id_is_valid (const char *id)
{
  return id != NULL && id[0] != '\0' && id[0] != '.' && strchr (id, '/') == NULL;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  const char *id_a = *(const char * const *) a;
  const char *id_b = *(const char * const *) b;
  guint rank_a = G_N_ELEMENTS (builtin_presets);
  guint rank_b = G_N_ELEMENTS (builtin_presets);

  for (guint i = 0; i < G_N_ELEMENTS (builtin_presets); i++)
    {
      if (g_str_equal (id_a, builtin_presets[i].id))
        rank_a = i;
      if (g_str_equal (id_b, builtin_presets[i].id))
        rank_b = i;
    }
  if (rank_a != rank_b)
    return rank_a < rank_b ? -1 : 1;
  return g_strcmp0 (id_a, id_b);
}

char **
cordon_presets_list (void)
{
  g_autofree char *dir_path = cordon_presets_dup_dir ();
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      if (g_str_has_suffix (name, ".json") && name[0] != '.')
        g_ptr_array_add (ids, g_strndup (name, strlen (name) - strlen (".json")));
    }
  g_ptr_array_sort (ids, compare_ids);
  g_ptr_array_add (ids, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&ids), FALSE);
}

static char *
dup_preset_path (const char  *id,
                 GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *basename = NULL;

  if (!id_is_valid (id))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a preset name"), id != NULL ? id : "");
      return NULL;
    }
  dir = cordon_presets_dup_dir ();
  basename = g_strconcat (id, ".json", NULL);
  return g_build_filename (dir, basename, NULL);
}

char *
cordon_presets_dup_name (const char *id)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autofree char *path = NULL;
  JsonNode *root;

  for (guint i = 0; i < G_N_ELEMENTS (builtin_presets); i++)
    if (g_strcmp0 (id, builtin_presets[i].id) == 0)
      return g_strdup (_(builtin_presets[i].name));

  if ((path = dup_preset_path (id, NULL)) == NULL)
    return g_strdup (id);
  parser = json_parser_new ();
  if (json_parser_load_from_file (parser, path, NULL)
      && (root = json_parser_get_root (parser)) != NULL
      && JSON_NODE_HOLDS_OBJECT (root))
    {
      const char *name = json_object_get_string_member_with_default (json_node_get_object (root),
                                                                      "name", NULL);
      if (name != NULL && name[0] != '\0')
        return g_strdup (name);
    }
  return g_strdup (id);
}

static char *
expand_path (const char  *path,
             GError     **error)
{
  static const char runtime_var[] = "${XDG_RUNTIME_DIR}";
  static const char home_var[] = "${HOME}";

  if (path[0] == '~' && (path[1] == '\0' || path[1] == '/'))
    return g_strconcat (g_get_home_dir (), path + 1, NULL);
  if (g_str_has_prefix (path, runtime_var))
    return g_strconcat (g_get_user_runtime_dir (), path + strlen (runtime_var), NULL);
  if (g_str_has_prefix (path, home_var))
    return g_strconcat (g_get_home_dir (), path + strlen (home_var), NULL);
  if (strstr (path, "${") != NULL)
    {
      g_set_error (error, CORDON_ERROR, CORDON_ERROR_INVALID_STATE,
                   _("“%s” uses a variable presets cannot use; only ~, ${HOME} and "
                     "${XDG_RUNTIME_DIR}, at the start of a path, are known"),
                   path);
      return NULL;
    }
  return g_strdup (path);
}

char *
cordon_presets_expand (const char  *json,
                       GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = NULL;
  JsonNode *root;
  JsonArray *fs;

  g_return_val_if_fail (json != NULL, NULL);

  /* Through the JSON tree, never by text: a home folder with a quote in its
   * name must not change the document's structure. */
  if (!json_parser_load_from_data (parser, json, -1, error))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root)
      || !json_object_has_member (json_node_get_object (root), "fs")
      || !JSON_NODE_HOLDS_ARRAY (json_object_get_member (json_node_get_object (root), "fs")))
    {
      g_set_error_literal (error, CORDON_ERROR, CORDON_ERROR_INVALID_STATE,
                           _("A preset must be a JSON object with an “fs” list"));
      return NULL;
    }

  fs = json_object_get_array_member (json_node_get_object (root), "fs");
  for (guint i = 0; i < json_array_get_length (fs); i++)
    {
      JsonNode *entry = json_array_get_element (fs, i);
      JsonObject *object;
      JsonNode *path_node;
      g_autofree char *expanded = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (entry))
        continue; /* the engine's reader says what is wrong with it */
      object = json_node_get_object (entry);
      path_node = json_object_get_member (object, "path");
      if (path_node == NULL || json_node_get_value_type (path_node) != G_TYPE_STRING)
        continue;
      if ((expanded = expand_path (json_node_get_string (path_node), error)) == NULL)
        return NULL;
      json_object_set_string_member (object, "path", expanded);
    }

  generator = json_generator_new ();
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static gboolean
already_allowed (CordonCapabilitySet *caps,
                 CordonFsCapability  *rule)
{
  g_autoptr(CordonQueryContext) context = cordon_query_context_new (caps);
  g_autoptr(CordonQueryResult) result = NULL;

  result = cordon_query_context_query_path (context,
                                            cordon_fs_capability_get_resolved (rule),
                                            cordon_fs_capability_get_access (rule),
                                            NULL);
  return result != NULL && cordon_query_result_is_allowed (result);
}

gboolean
cordon_presets_apply (CordonCapabilitySet *caps,
                      const char          *id,
                      guint               *n_added,
                      GError             **error)
{
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *expanded = NULL;
  g_autoptr(CordonSandboxState) state = NULL;
  g_autoptr(CordonCapabilitySet) rules = NULL;
  guint added = 0;

  g_return_val_if_fail (CORDON_IS_CAPABILITY_SET (caps), FALSE);

  if (n_added != NULL)
    *n_added = 0;

  if ((path = dup_preset_path (id, error)) == NULL)
    return FALSE;
  if (!g_file_get_contents (path, &contents, NULL, error))
    return FALSE;
  if ((expanded = cordon_presets_expand (contents, error)) == NULL)
    return FALSE;
  if ((state = cordon_sandbox_state_from_json (expanded, -1, error)) == NULL)
    return FALSE;
  /* A preset lists what may exist; what this computer lacks is skipped below. */
  rules = cordon_sandbox_state_to_caps_full (state, CORDON_TO_CAPS_KEEP_MISSING, error);
  if (rules == NULL)
    return FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (rules)); i++)
    {
      g_autoptr(CordonFsCapability) rule = g_list_model_get_item (G_LIST_MODEL (rules), i);
      g_autoptr(GError) local_error = NULL;
      const char *original = cordon_fs_capability_get_original (rule);
      CordonAccessMode mode = cordon_fs_capability_get_access (rule);
      gboolean ok;

      if (!g_file_test (cordon_fs_capability_get_resolved (rule), G_FILE_TEST_EXISTS))
        continue;
      /* /bin is /usr/bin on merged-/usr systems: one rule is enough. */
      if (already_allowed (caps, rule))
        continue;

      if (cordon_fs_capability_get_is_file (rule))
        ok = cordon_capability_set_allow_file (caps, original, mode, &local_error);
      else
        ok = cordon_capability_set_allow_path (caps, original, mode, &local_error);

      if (ok)
        added++;
      else
        g_debug ("Preset %s: skipping %s: %s", id, original, local_error->message);
    }

  if (n_added != NULL)
    *n_added = added;
  return TRUE;
}
