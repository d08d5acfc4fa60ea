/* cordon-preset.c: named sets of rules a profile can start from
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Presets are parsed once into entries whose paths are templates; the
 * templates are expanded on the parsed strings when applied, never by
 * editing JSON text, so a home folder with a quote in its name cannot
 * change a document's structure.
 */
#include "config.h"

#include "cordon-i18n-private.h"

#include "cordon-bus-policy-private.h"
#include "cordon-json-reader-private.h"
#include "cordon-error.h"
#include "cordon-path-private.h"
#include "cordon-preset-private.h"
#include "cordon-presets-table-private.h"
#include "cordon-query-context.h"
#include "cordon-sandbox-state.h"

/* The built-in presets in the order a menu shows them; others follow by id. */
static const char * const builtin_order[] = {
  "run-programs", "temporary-files", "desktop-app", "home-read-only",
};

/* The built-in presets' names and descriptions, for xgettext: the JSON files
 * hold the same English text, the msgid looked up at run time, and a test
 * checks that every one of them is here. */
static const char * const builtin_texts[] = {
  N_("Run programs"),
  N_("Read-only system files a dynamically linked program needs to start: programs, "
     "libraries, the loader's configuration, users and hosts databases, certificates, "
     "time zone, and the harmless devices."),
  N_("Temporary files"),
  N_("Create, change and delete files in the shared temporary folders."),
  N_("Desktop app"),
  N_("What a graphical program needs to open a window and play sound: fonts, icon and GTK "
     "themes, shared data, the display (Wayland or X11) and sound sockets, the graphics "
     "card, and a filtered session bus that reaches only the desktop portals and the "
     "accessibility bus."),
  N_("Home folder, read-only"),
  N_("Read everything in the home folder, including private keys and browser data; "
     "change nothing."),
  NULL
};

static const char * const known_variables[] = {
  "HOME", "XDG_RUNTIME_DIR", "WAYLAND_DISPLAY", "XAUTHORITY", "X11_SOCKET",
};

typedef struct
{
  char             *path; /* a template */
  CordonAccessMode  access;
  gboolean          is_file;
} FsEntry;

typedef struct
{
  char     *path; /* a template */
  gboolean  is_file;
} SocketEntry;

struct _CordonPreset
{
  GObject          parent_instance;

  char            *id;
  char            *name;
  char            *description;
  gboolean         is_builtin;

  GArray          *fs;         /* of FsEntry */
  GArray          *sockets;    /* of SocketEntry */
  CordonBusPolicy *bus_policy; /* NULL: the preset says nothing about the bus */
};

/**
 * CordonPreset:
 *
 * A named set of rules a profile can start from: built into the library,
 * or the user's own in $XDG_DATA_HOME/cordon/presets. Add one to a
 * #CordonCapabilitySet with cordon_preset_apply().
 */
G_DEFINE_FINAL_TYPE (CordonPreset, cordon_preset, G_TYPE_OBJECT)

static void
fs_entry_clear (gpointer data)
{
  g_free (((FsEntry *) data)->path);
}

static void
socket_entry_clear (gpointer data)
{
  g_free (((SocketEntry *) data)->path);
}

static void
cordon_preset_finalize (GObject *object)
{
  CordonPreset *self = CORDON_PRESET (object);

  g_free (self->id);
  g_free (self->name);
  g_free (self->description);
  g_array_unref (self->fs);
  g_array_unref (self->sockets);
  g_clear_object (&self->bus_policy);

  G_OBJECT_CLASS (cordon_preset_parent_class)->finalize (object);
}

static void
cordon_preset_class_init (CordonPresetClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cordon_preset_finalize;
}

static void
cordon_preset_init (CordonPreset *self)
{
  self->fs = g_array_new (FALSE, TRUE, sizeof (FsEntry));
  g_array_set_clear_func (self->fs, fs_entry_clear);
  self->sockets = g_array_new (FALSE, TRUE, sizeof (SocketEntry));
  g_array_set_clear_func (self->sockets, socket_entry_clear);
}

const char * const *
cordon_preset_get_builtin_texts (void)
{
  return builtin_texts;
}

/* Templates ---------------------------------------------------------------- */

static gboolean
is_known_variable (const char *name,
                   gsize       length)
{
  for (gsize i = 0; i < G_N_ELEMENTS (known_variables); i++)
    if (strlen (known_variables[i]) == length && strncmp (known_variables[i], name, length) == 0)
      return TRUE;
  return FALSE;
}

/* "fs[3].path: " and a whole translated sentence, as the profile reader
 * words its messages. */
static gboolean G_GNUC_PRINTF (3, 4)
set_field_error (GError    **error,
                 const char *where,
                 const char *format,
                 ...)
{
  g_autofree char *words = NULL;
  va_list args;

  va_start (args, format);
  words = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, CORDON_ERROR, CORDON_ERROR_INVALID_STATE, "%s: %s", where, words);
  return FALSE;
}

/* The form is checked when the preset is read, so a mistake shows at once,
 * not only on a computer where the variable happens to be set. */
static gboolean
check_template (const char  *path,
                const char  *where,
                GError     **error)
{
  const char *p = path;

  if (!g_utf8_validate (path, -1, NULL))
    return set_field_error (error, where, "%s", _("the path is not valid text"));
  if (path[0] == '~' && (path[1] == '\0' || path[1] == '/'))
    p = path + 1;
  else if (path[0] != '/' && !g_str_has_prefix (path, "${"))
    return set_field_error (error, where,
                            _("“%s” is not an absolute path (start it with /, ~ or ${HOME})"),
                            path);

  while ((p = strstr (p, "${")) != NULL)
    {
      const char *end = strchr (p, '}');

      if (end == NULL)
        return set_field_error (error, where, _("“%s” has a “${” without its “}”"), path);
      if (!is_known_variable (p + 2, end - p - 2))
        return set_field_error (error, where,
                                _("“%s” uses a variable presets do not know; use ${HOME}, "
                                  "${XDG_RUNTIME_DIR}, ${WAYLAND_DISPLAY}, ${XAUTHORITY} "
                                  "or ${X11_SOCKET}"),
                                path);
      p = end + 1;
    }
  return TRUE;
}

/* ":0", ":0.1", "unix:0" → /tmp/.X11-unix/X0. A display on another host (or
 * on TCP, as ssh -X makes) has no socket file here. */
char *
cordon_preset_x11_socket_for_display (const char *display)
{
  const char *colon;
  const char *host;
  gsize host_length;
  const char *number;
  gsize digits;

  if (display == NULL || display[0] == '/')
    return NULL;
  colon = strrchr (display, ':');
  if (colon == NULL)
    return NULL;

  host = display;
  if (g_str_has_prefix (host, "unix/"))
    host += strlen ("unix/");
  else if (strchr (host, '/') != NULL && strchr (host, '/') < colon)
    return NULL; /* "tcp/host:0" and the like */
  host_length = colon - host;
  if (!(host_length == 0 || (host_length == 4 && strncmp (host, "unix", 4) == 0)))
    return NULL;

  number = colon + 1;
  digits = strspn (number, "0123456789");
  if (digits == 0 || digits > 9 || (number[digits] != '\0' && number[digits] != '.'))
    return NULL;
  return g_strdup_printf ("/tmp/.X11-unix/X%.*s", (int) digits, number);
}

static char *
variable_value (const char * const *envp,
                const char         *name)
{
  const char *value = g_environ_getenv ((char **) envp, name);

  if (g_str_equal (name, "HOME"))
    return g_strdup (value != NULL && g_path_is_absolute (value) ? value : g_get_home_dir ());
  if (g_str_equal (name, "X11_SOCKET"))
    return cordon_preset_x11_socket_for_display (g_environ_getenv ((char **) envp, "DISPLAY"));
  if (g_str_equal (name, "XAUTHORITY") && (value == NULL || value[0] == '\0'))
    {
      /* libXau's default. */
      g_autofree char *home = variable_value (envp, "HOME");

      return g_build_filename (home, ".Xauthority", NULL);
    }
  if (value == NULL || value[0] == '\0')
    return NULL;
  if (g_str_equal (name, "XDG_RUNTIME_DIR") && !g_path_is_absolute (value))
    return NULL;
  return g_strdup (value);
}

/* NULL when a variable it uses cannot be made here: the entry is skipped. A
 * value that is an absolute path stands for the whole path so far, as
 * WAYLAND_DISPLAY may ("${XDG_RUNTIME_DIR}/${WAYLAND_DISPLAY}" with
 * WAYLAND_DISPLAY=/run/w is /run/w). */
char *
cordon_preset_expand_path (const char         *template,
                           const char * const *envp)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *p = template;

  if (template[0] == '~' && (template[1] == '\0' || template[1] == '/'))
    {
      g_autofree char *home = variable_value (envp, "HOME");

      g_string_append (out, home);
      p++;
    }

  while (*p != '\0')
    {
      const char *start = strstr (p, "${");
      const char *end;
      g_autofree char *name = NULL;
      g_autofree char *value = NULL;

      if (start == NULL)
        {
          g_string_append (out, p);
          break;
        }
      g_string_append_len (out, p, start - p);
      end = strchr (start, '}');
      if (end == NULL)
        return NULL;
      name = g_strndup (start + 2, end - start - 2);
      value = variable_value (envp, name);
      if (value == NULL)
        return NULL;
      if (g_path_is_absolute (value))
        g_string_truncate (out, 0);
      g_string_append (out, value);
      p = end + 1;
    }

  if (!g_path_is_absolute (out->str))
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Reading ------------------------------------------------------------------ */

static gboolean
get_string (CordonJsonValue  *object,
            const char       *member,
            const char       *where,
            const char      **out,
            GError          **error)
{
  CordonJsonValue *node = cordon_json_object_get (object, member);

  if (node == NULL || cordon_json_value_get_kind (node) != CORDON_JSON_STRING
      || cordon_json_value_get_string (node)[0] == '\0')
    return set_field_error (error, where, "%s", _("expected a path in quotes"));
  *out = cordon_json_value_get_string (node);
  return TRUE;
}

static gboolean
get_is_file (CordonJsonValue  *object,
             const char       *where,
             gboolean         *out,
             GError          **error)
{
  CordonJsonValue *node = cordon_json_object_get (object, "is_file");

  if (node == NULL)
    {
      *out = FALSE;
      return TRUE;
    }
  if (cordon_json_value_get_kind (node) != CORDON_JSON_BOOLEAN)
    return set_field_error (error, where, "%s", _("expected true or false"));
  *out = cordon_json_value_get_boolean (node);
  return TRUE;
}

static CordonJsonValue *
get_list (CordonJsonValue  *object,
          const char       *member,
          GError          **error)
{
  CordonJsonValue *node = cordon_json_object_get (object, member);

  if (node == NULL)
    return NULL;
  if (cordon_json_value_get_kind (node) != CORDON_JSON_ARRAY)
    {
      set_field_error (error, member, "%s", _("expected a list"));
      return NULL;
    }
  return node;
}

static gboolean
read_fs (CordonPreset     *self,
         CordonJsonValue  *root,
         GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  CordonJsonValue *list = get_list (root, "fs", &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  for (guint i = 0; list != NULL && i < cordon_json_array_get_length (list); i++)
    {
      CordonJsonValue *node = cordon_json_array_get (list, i);
      g_autofree char *where = g_strdup_printf ("fs[%u]", i);
      g_autofree char *path_where = g_strdup_printf ("fs[%u].path", i);
      g_autofree char *access_where = g_strdup_printf ("fs[%u].access", i);
      g_autofree char *is_file_where = g_strdup_printf ("fs[%u].is_file", i);
      FsEntry entry = { 0 };
      const char *path;
      const char *access;

      if (cordon_json_value_get_kind (node) != CORDON_JSON_OBJECT)
        return set_field_error (error, where, "%s", _("expected an object"));
      if (!get_string (node, "path", path_where, &path, error)
          || !check_template (path, path_where, error)
          || !get_string (node, "access", access_where, &access, error)
          || !get_is_file (node, is_file_where, &entry.is_file, error))
        return FALSE;
      if (!cordon_access_mode_from_string (access, &entry.access))
        return set_field_error (error, access_where, "%s",
                                _("expected Read, Write or ReadWrite"));
      entry.path = g_strdup (path);
      g_array_append_val (self->fs, entry);
    }
  return TRUE;
}

static gboolean
read_sockets (CordonPreset     *self,
              CordonJsonValue  *root,
              GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  CordonJsonValue *list = get_list (root, "unix_sockets", &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  for (guint i = 0; list != NULL && i < cordon_json_array_get_length (list); i++)
    {
      CordonJsonValue *node = cordon_json_array_get (list, i);
      g_autofree char *where = g_strdup_printf ("unix_sockets[%u]", i);
      g_autofree char *path_where = g_strdup_printf ("unix_sockets[%u].path", i);
      g_autofree char *is_file_where = g_strdup_printf ("unix_sockets[%u].is_file", i);
      SocketEntry entry = { 0 };
      const char *path;

      if (cordon_json_value_get_kind (node) != CORDON_JSON_OBJECT)
        return set_field_error (error, where, "%s", _("expected an object"));
      if (!get_string (node, "path", path_where, &path, error)
          || !check_template (path, path_where, error)
          || !get_is_file (node, is_file_where, &entry.is_file, error))
        return FALSE;
      entry.path = g_strdup (path);
      g_array_append_val (self->sockets, entry);
    }
  return TRUE;
}

static const char *
get_optional_text (CordonJsonValue *root,
                   const char      *member)
{
  CordonJsonValue *node = cordon_json_object_get (root, member);

  if (node == NULL || cordon_json_value_get_kind (node) != CORDON_JSON_STRING)
    return NULL;
  return cordon_json_value_get_string (node);
}

/**
 * cordon_preset_new_from_data:
 * @id: the preset's id
 * @json: the JSON text, UTF-8
 * @length: the length of @json in bytes, or -1 if it is NUL-terminated
 * @error: return location for a #GError in the %CORDON_ERROR domain
 *
 * A preset from JSON: a profile's keys ("fs", "unix_sockets",
 * "dbus_session"; "net_blocked" is ignored, a preset never changes the
 * network setting) plus "name" and "description". Paths may start with "~"
 * and use ${HOME}, ${XDG_RUNTIME_DIR}, ${WAYLAND_DISPLAY}, ${XAUTHORITY} and
 * ${X11_SOCKET}.
 *
 * Errors: %CORDON_ERROR_INVALID_STATE, naming the field.
 *
 * Returns: (transfer full): a new preset, or %NULL with @error set
 */
CordonPreset *
cordon_preset_new_from_data (const char  *id,
                             const char  *json,
                             gssize       length,
                             GError     **error)
{
  g_autoptr(CordonPreset) self = NULL;
  g_autoptr(CordonJsonValue) root = NULL;
  CordonJsonValue *object;
  const char *name;
  const char *description;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (json != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length < 0)
    length = strlen (json);
  if ((gsize) length > CORDON_STATE_MAX_BYTES)
    {
      g_set_error (error, CORDON_ERROR, CORDON_ERROR_INVALID_STATE,
                   _("The preset is larger than %d bytes"), CORDON_STATE_MAX_BYTES);
      return NULL;
    }
  /* The profiles' strict reader: a key given twice is refused, not
   * silently the last one. */
  root = cordon_json_read (json, length, error);
  if (root == NULL)
    return NULL;
  if (cordon_json_value_get_kind (root) != CORDON_JSON_OBJECT)
    {
      g_set_error_literal (error, CORDON_ERROR, CORDON_ERROR_INVALID_STATE,
                           _("A preset must be a JSON object"));
      return NULL;
    }
  object = root;

  self = g_object_new (CORDON_TYPE_PRESET, NULL);
  self->id = g_strdup (id);
  name = get_optional_text (object, "name");
  description = get_optional_text (object, "description");
  self->name = g_strdup (name != NULL && name[0] != '\0' ? name : id);
  self->description = g_strdup (description != NULL ? description : "");

  if (!read_fs (self, object, error) || !read_sockets (self, object, error)
      || !cordon_bus_policy_read_json (object, &self->bus_policy, error))
    return NULL;
  return g_steal_pointer (&self);
}

/* Finding presets ---------------------------------------------------------- */

static gboolean
id_is_valid (const char *id)
{
  return id[0] != '\0' && id[0] != '.' && strchr (id, '/') == NULL
         && g_utf8_validate (id, -1, NULL);
}

static char *
translate (const char *text)
{
  /* gettext ("") is the catalogue's header, not an empty text. */
  return g_strdup (text[0] != '\0' ? _(text) : "");
}

/* The text built into the library (cordon-presets-table-private.h), or NULL. */
static const CordonBuiltinPresetText *
builtin_text (const char *id)
{
  for (guint i = 0; i < cordon_n_builtin_preset_texts; i++)
    if (g_str_equal (cordon_builtin_preset_texts[i].id, id))
      return &cordon_builtin_preset_texts[i];
  return NULL;
}

static CordonPreset *
load_builtin (const char *id)
{
  const CordonBuiltinPresetText *text = builtin_text (id);
  g_autoptr(GError) error = NULL;
  CordonPreset *preset;
  char *translated;

  if (text == NULL)
    return NULL;
  preset = cordon_preset_new_from_data (id, text->json, text->length, &error);
  /* Built into the library and tested: a failure here is a build defect. */
  if (preset == NULL)
    g_error ("Built-in preset %s: %s", id, error->message);
  preset->is_builtin = TRUE;
  translated = translate (preset->name);
  g_free (preset->name);
  preset->name = translated;
  translated = translate (preset->description);
  g_free (preset->description);
  preset->description = translated;
  return preset;
}

static guint
builtin_rank (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (builtin_order); i++)
    if (g_str_equal (id, builtin_order[i]))
      return i;
  return G_N_ELEMENTS (builtin_order);
}

static int
compare_builtin_ids (gconstpointer a,
                     gconstpointer b)
{
  const char *id_a = *(const char * const *) a;
  const char *id_b = *(const char * const *) b;
  guint rank_a = builtin_rank (id_a);
  guint rank_b = builtin_rank (id_b);

  if (rank_a != rank_b)
    return rank_a < rank_b ? -1 : 1;
  return strcmp (id_a, id_b);
}

/* Ids from file names ending in ".json" (unsorted). */
static GPtrArray *
ids_from_names (char **names)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      if (g_str_has_suffix (names[i], ".json"))
        {
          char *id = g_strndup (names[i], strlen (names[i]) - strlen (".json"));

          if (id_is_valid (id))
            g_ptr_array_add (ids, id);
          else
            g_free (id);
        }
    }
  return ids;
}

static GPtrArray *
builtin_ids (void)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < cordon_n_builtin_preset_texts; i++)
    if (id_is_valid (cordon_builtin_preset_texts[i].id))
      g_ptr_array_add (ids, g_strdup (cordon_builtin_preset_texts[i].id));
  g_ptr_array_sort (ids, compare_builtin_ids);
  return ids;
}

static gboolean
is_builtin_id (const char *id)
{
  return builtin_text (id) != NULL;
}

static char *
user_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "cordon", "presets", NULL);
}

static CordonPreset *
load_user (const char  *id,
           GError     **error)
{
  g_autofree char *dir = user_dir ();
  g_autofree char *basename = g_strconcat (id, ".json", NULL);
  g_autofree char *path = g_build_filename (dir, basename, NULL);
  g_autofree char *display = g_filename_display_name (path);
  g_autoptr(GMappedFile) file = NULL;
  g_autoptr(GError) local_error = NULL;
  CordonPreset *preset;

  file = g_mapped_file_new (path, FALSE, &local_error);
  if (file == NULL)
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_set_error (error, CORDON_ERROR, CORDON_ERROR_UNKNOWN_PRESET,
                     _("No preset is called “%s”; cordon-run --list-presets lists them"), id);
      else
        g_set_error (error, CORDON_ERROR, CORDON_ERROR_INVALID_STATE, "%s",
                     local_error->message);
      return NULL;
    }
  preset = cordon_preset_new_from_data (id, g_mapped_file_get_contents (file),
                                        g_mapped_file_get_length (file), error);
  if (preset == NULL)
    /* Translators: %s is a preset file; the reason follows */
    g_prefix_error (error, _("Preset “%s”: "), display);
  return preset;
}

/**
 * cordon_preset_lookup:
 * @id: a preset id, such as "run-programs"
 * @error: return location for a #GError in the %CORDON_ERROR domain
 *
 * Finds a built-in or user preset by id.
 *
 * Errors: %CORDON_ERROR_UNKNOWN_PRESET naming @id, or why its file is
 * refused.
 *
 * Returns: (transfer full): the preset, or %NULL with @error set
 */
CordonPreset *
cordon_preset_lookup (const char  *id,
                      GError     **error)
{
  CordonPreset *preset;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!id_is_valid (id))
    {
      g_autofree char *display = g_utf8_make_valid (id, -1);

      g_set_error (error, CORDON_ERROR, CORDON_ERROR_UNKNOWN_PRESET,
                   _("No preset is called “%s”; cordon-run --list-presets lists them"), display);
      return NULL;
    }
  /* A user file never shadows a built-in: "--preset run-programs" means the
   * same thing on every computer. */
  preset = load_builtin (id);
  if (preset != NULL)
    return preset;
  return load_user (id, error);
}

/**
 * cordon_preset_list_all:
 *
 * The built-in presets (compiled into the library), then the user's own
 * ($XDG_DATA_HOME/cordon/presets/ID.json), by id. A user file that cannot
 * be read, or that takes a built-in's id, is left out; cordon_preset_lookup()
 * says why.
 *
 * Returns: (transfer full): a #GListModel of #CordonPreset
 */
GListModel *
cordon_preset_list_all (void)
{
  GListStore *store = g_list_store_new (CORDON_TYPE_PRESET);
  g_autoptr(GPtrArray) ids = builtin_ids ();
  g_autofree char *dir_path = user_dir ();
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) user_ids = NULL;
  const char *name;

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(CordonPreset) preset = load_builtin (g_ptr_array_index (ids, i));

      g_list_store_append (store, preset);
    }

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_add (names, NULL);
  user_ids = ids_from_names ((char **) names->pdata);
  g_ptr_array_sort (user_ids, compare_builtin_ids);
  for (guint i = 0; i < user_ids->len; i++)
    {
      const char *id = g_ptr_array_index (user_ids, i);
      g_autoptr(CordonPreset) preset = NULL;
      g_autoptr(GError) error = NULL;

      if (is_builtin_id (id))
        continue;
      preset = load_user (id, &error);
      if (preset == NULL)
        {
          g_debug ("Leaving out preset %s: %s", id, error->message);
          continue;
        }
      g_list_store_append (store, preset);
    }
  return G_LIST_MODEL (store);
}

/**
 * cordon_preset_get_id:
 * @self: a preset
 *
 * The preset's id, as `cordon-run --preset` takes it.
 *
 * Returns: the id
 */
const char *
cordon_preset_get_id (CordonPreset *self)
{
  g_return_val_if_fail (CORDON_IS_PRESET (self), NULL);
  return self->id;
}

/**
 * cordon_preset_get_name:
 * @self: a preset
 *
 * The preset's name for people (translated for built-in presets).
 *
 * Returns: the name
 */
const char *
cordon_preset_get_name (CordonPreset *self)
{
  g_return_val_if_fail (CORDON_IS_PRESET (self), NULL);
  return self->name;
}

/**
 * cordon_preset_get_description:
 * @self: a preset
 *
 * What the preset is for, in a sentence (translated for built-in presets).
 *
 * Returns: the description
 */
const char *
cordon_preset_get_description (CordonPreset *self)
{
  g_return_val_if_fail (CORDON_IS_PRESET (self), NULL);
  return self->description;
}

/**
 * cordon_preset_get_is_builtin:
 * @self: a preset
 *
 * Whether the preset is compiled into the library rather than a user file.
 *
 * Returns: %TRUE for a built-in preset
 */
gboolean
cordon_preset_get_is_builtin (CordonPreset *self)
{
  g_return_val_if_fail (CORDON_IS_PRESET (self), FALSE);
  return self->is_builtin;
}

/* Applying ----------------------------------------------------------------- */

static gboolean
already_allowed (CordonCapabilitySet *caps,
                 const char          *resolved,
                 CordonAccessMode     mode)
{
  g_autoptr(CordonQueryContext) context = cordon_query_context_new (caps);
  g_autoptr(CordonQueryResult) result = NULL;

  result = cordon_query_context_query_path (context, resolved, mode, NULL);
  return result != NULL && cordon_query_result_is_allowed (result);
}

static void
note_added (GPtrArray *added,
            GListModel *model)
{
  if (added != NULL)
    g_ptr_array_add (added, g_list_model_get_item (model, g_list_model_get_n_items (model) - 1));
}

static guint
apply_fs (CordonPreset        *self,
          CordonCapabilitySet *caps,
          const char * const  *envp,
          GPtrArray           *added)
{
  guint n = 0;

  for (guint i = 0; i < self->fs->len; i++)
    {
      FsEntry *entry = &g_array_index (self->fs, FsEntry, i);
      g_autofree char *path = cordon_preset_expand_path (entry->path, envp);
      g_autofree char *resolved = NULL;
      g_autoptr(GError) error = NULL;
      CordonPathKind kind;
      gboolean ok;

      if (path == NULL)
        continue;
      resolved = cordon_path_resolve_existing (path, &kind, NULL);
      if (resolved == NULL)
        continue;
      /* /bin is /usr/bin on merged-/usr systems: one rule is enough. */
      if (already_allowed (caps, resolved, entry->access))
        continue;
      if (entry->is_file)
        ok = cordon_capability_set_allow_file (caps, path, entry->access, &error);
      else
        ok = cordon_capability_set_allow_path (caps, path, entry->access, &error);
      if (!ok)
        {
          g_debug ("Preset %s: skipping %s: %s", self->id, path, error->message);
          continue;
        }
      note_added (added, G_LIST_MODEL (caps));
      n++;
    }
  return n;
}

static guint
apply_sockets (CordonPreset        *self,
               CordonCapabilitySet *caps,
               const char * const  *envp,
               GPtrArray           *added)
{
  GListModel *sockets = cordon_capability_set_get_sockets (caps);
  guint n = 0;

  for (guint i = 0; i < self->sockets->len; i++)
    {
      SocketEntry *entry = &g_array_index (self->sockets, SocketEntry, i);
      g_autofree char *path = cordon_preset_expand_path (entry->path, envp);
      g_autofree char *resolved = NULL;
      g_autoptr(GError) error = NULL;
      CordonPathKind kind;

      if (path == NULL)
        continue;
      resolved = cordon_path_resolve_existing (path, &kind, NULL);
      if (resolved == NULL || (entry->is_file != (kind != CORDON_PATH_KIND_DIRECTORY)))
        continue;
      if (cordon_capability_set_socket_covered (caps, resolved))
        continue;
      if (!cordon_capability_set_allow_socket (caps, path, &error))
        {
          g_debug ("Preset %s: skipping socket %s: %s", self->id, path, error->message);
          continue;
        }
      note_added (added, sockets);
      n++;
    }
  return n;
}

static guint
apply_bus_policy (CordonPreset        *self,
                  CordonCapabilitySet *caps)
{
  CordonBusPolicy *policy;
  const char * const *talk;
  const char * const *own;
  guint n = 0;

  if (self->bus_policy == NULL)
    return 0;
  policy = cordon_capability_set_get_bus_policy (caps);
  if (policy == NULL)
    {
      g_autoptr(CordonBusPolicy) fresh = cordon_bus_policy_new ();

      cordon_capability_set_set_bus_policy (caps, fresh);
      policy = cordon_capability_set_get_bus_policy (caps);
    }

  talk = cordon_bus_policy_get_talk (self->bus_policy);
  own = cordon_bus_policy_get_own (self->bus_policy);
  for (guint i = 0; talk[i] != NULL; i++)
    if (cordon_bus_policy_lookup (policy, talk[i]) == CORDON_BUS_ACCESS_NONE
        && cordon_bus_policy_add (policy, talk[i], CORDON_BUS_ACCESS_TALK, NULL))
      n++;
  for (guint i = 0; own[i] != NULL; i++)
    if (cordon_bus_policy_lookup (policy, own[i]) != CORDON_BUS_ACCESS_OWN
        && cordon_bus_policy_add (policy, own[i], CORDON_BUS_ACCESS_OWN, NULL))
      n++;
  return n;
}

/**
 * cordon_preset_apply:
 * @self: a preset
 * @caps: the capability set to add to
 * @envp: (nullable) (array zero-terminated=1): the environment to expand
 *   variables from, or %NULL for this process's
 * @out_added: (out) (optional) (transfer full) (element-type GObject): the
 *   rules added (#CordonFsCapability and #CordonSocketCapability)
 *
 * Adds to @caps what it lacks: rules and sockets whose expanded path exists
 * here and is not covered already, and the bus names (creating a bus policy
 * if @caps has none and the preset has one). An entry whose variable is
 * unset, or whose path is missing, is skipped: presets travel between
 * computers. Never fails.
 *
 * Returns: how many rules and names were added
 */
guint
cordon_preset_apply (CordonPreset         *self,
                     CordonCapabilitySet  *caps,
                     const char * const   *envp,
                     GPtrArray           **out_added)
{
  g_auto(GStrv) own_environ = NULL;
  g_autoptr(GPtrArray) added = NULL;
  guint n;

  g_return_val_if_fail (CORDON_IS_PRESET (self), 0);
  g_return_val_if_fail (CORDON_IS_CAPABILITY_SET (caps), 0);

  /* GLib's idea of the home folder, which its test isolation moves. */
  if (envp == NULL)
    envp = (const char * const *) (own_environ = g_environ_setenv (g_get_environ (), "HOME",
                                                                   g_get_home_dir (), TRUE));
  if (out_added != NULL)
    added = g_ptr_array_new_with_free_func (g_object_unref);

  n = apply_fs (self, caps, envp, added);
  n += apply_sockets (self, caps, envp, added);
  n += apply_bus_policy (self, caps);

  if (out_added != NULL)
    *out_added = g_steal_pointer (&added);
  return n;
}
