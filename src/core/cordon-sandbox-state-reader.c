/* cordon-sandbox-state-reader.c: reading and validating profiles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The text is judged by the strict JSON reader (cordon-json-reader.c); here
 * the tree is checked field by field, each message naming its field.
 */
#include "config.h"

#include "cordon-i18n-private.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cordon-error.h"
#include "cordon-json-reader-private.h"
#include "cordon-read-private.h"
#include "cordon-sandbox-state-private.h"

typedef CordonStateEntry Entry;

static const char *
node_kind (const CordonJsonValue *node)
{
  switch (cordon_json_value_get_kind (node))
    {
    case CORDON_JSON_OBJECT:
      return _("an object");
    case CORDON_JSON_ARRAY:
      return _("an array");
    case CORDON_JSON_NULL:
      return _("null");
    case CORDON_JSON_STRING:
      return _("a string");
    case CORDON_JSON_BOOLEAN:
      return _("a boolean");
    case CORDON_JSON_INT:
    case CORDON_JSON_DOUBLE:
    default:
      return _("a number");
    }
}

static gboolean
node_is (const CordonJsonValue *node,
         CordonJsonKind         kind)
{
  return cordon_json_value_get_kind (node) == kind;
}

/* The field a message is about: "net_blocked", "fs[12]" (@indexed) or
 * "fs[12].access" (with @member). Only a message spells it out: every
 * rule's fields are named, and spelling them for every rule, even on the
 * stack, was 6 % of the instructions of a 5,000-rule launch (issue 15). */
typedef struct
{
  const char *list;
  guint       index;
  gboolean    indexed;
  const char *member;
} Field;

#define TOP_FIELD(name) (&(const Field) { name, 0, FALSE, NULL })

/* Every validation message starts with the field it is about. */
G_GNUC_PRINTF (3, 4)
static void
set_field_error (GError      **error,
                 const Field  *field,
                 const char   *format,
                 ...)
{
  va_list args;
  g_autofree char *words = NULL;
  g_autofree char *name = NULL;

  va_start (args, format);
  words = g_strdup_vprintf (format, args);
  va_end (args);

  if (field->indexed)
    name = g_strdup_printf ("%s[%u]%s", field->list, field->index,
                            field->member != NULL ? field->member : "");
  else
    name = g_strdup (field->list);
  g_set_error (error, CORDON_ERROR, CORDON_ERROR_INVALID_STATE, "%s: %s", name, words);
}

/* @prefix's field @member (".access"). */
static Field
member_field (const Field *prefix,
              const char  *member)
{
  Field field = *prefix;

  field.member = member;
  return field;
}

/* The value of a boolean field: @node, NULL when the field is missing. */
static gboolean
boolean_value (CordonJsonValue  *node,
               const Field      *field,
               gboolean         *out_value,
               GError          **error)
{
  if (node == NULL)
    {
      set_field_error (error, field, _("missing (expected true or false)"));
      return FALSE;
    }
  if (!node_is (node, CORDON_JSON_BOOLEAN))
    {
      set_field_error (error, field, _("expected true or false, found %s"), node_kind (node));
      return FALSE;
    }

  *out_value = cordon_json_value_get_boolean (node);
  return TRUE;
}

static gboolean
get_boolean (CordonJsonValue  *object,
             const char       *member,
             const Field      *field,
             gboolean         *out_value,
             GError          **error)
{
  return boolean_value (cordon_json_object_get (object, member), field, out_value, error);
}

/* The value of a path field: @node, NULL when the field is missing.
 * Returns FALSE with @error set, or TRUE with *@out_value NULL when the
 * member is absent and @optional. The path is the tree's string: the
 * reader gives only UTF-8 (it refuses other bytes and lone surrogates). */
static gboolean
path_value (CordonJsonValue  *node,
            const Field      *field,
            gboolean          optional,
            gboolean          relative_ok,
            char            **out_value,
            GError          **error)
{
  const char *value;

  *out_value = NULL;
  if (node == NULL)
    {
      if (optional)
        return TRUE;
      set_field_error (error, field, _("missing (expected an absolute path)"));
      return FALSE;
    }
  if (!node_is (node, CORDON_JSON_STRING))
    {
      set_field_error (error, field, _("expected a path as a string, found %s"), node_kind (node));
      return FALSE;
    }

  value = cordon_json_value_get_string (node);
  if (value[0] == '\0' && relative_ok)
    {
      set_field_error (error, field, _("the path is empty"));
      return FALSE;
    }
  if (value[0] != '/' && !relative_ok)
    {
      set_field_error (error, field, _("“%s” is not an absolute path"), value);
      return FALSE;
    }

  *out_value = (char *) value;
  return TRUE;
}

/* The members a rule is read from, found in one pass over its object (a
 * lookup per field compared each key again, 7 times a rule). */
enum
{
  FIELD_PATH,
  FIELD_ORIGINAL,
  FIELD_RESOLVED,
  FIELD_ACCESS,
  FIELD_IS_FILE,
  N_FIELDS
};

typedef struct
{
  CordonJsonValue *field[N_FIELDS]; /* NULL: missing */
} EntryMembers;

/* The keys of a rule's fields, and its last access mode, as the rules
 * before it had them: the JSON reader gives equal short strings one copy,
 * so the next rule's are the same pointers, known without a comparison. */
typedef struct
{
  const char       *keys[N_FIELDS]; /* NULL: not seen yet */
  const char       *access_name;
  CordonAccessMode  access;
} Seen;

/* Which field @key names, or -1. */
static int
entry_field (const char *key)
{
  static const char *const names[N_FIELDS] = {
    [FIELD_PATH] = "path", [FIELD_ORIGINAL] = "original", [FIELD_RESOLVED] = "resolved",
    [FIELD_ACCESS] = "access", [FIELD_IS_FILE] = "is_file",
  };

  for (guint f = 0; f < G_N_ELEMENTS (names); f++)
    if (key[0] == names[f][0] && g_str_equal (key, names[f]))
      return f;
  return -1;
}

static void
find_entry_members (CordonJsonValue *object,
                    Seen            *seen,
                    EntryMembers    *members)
{
  guint n;
  const CordonJsonMember *entries = cordon_json_object_peek_members (object, &n);

  *members = (EntryMembers) { { NULL } };
  for (guint i = 0; i < n; i++)
    {
      const char *key = entries[i].key;
      int f = -1;

      for (guint k = 0; k < G_N_ELEMENTS (seen->keys); k++)
        if (key == seen->keys[k])
          {
            f = k;
            break;
          }
      if (f < 0)
        {
          f = entry_field (key);
          if (f < 0)
            continue;
          seen->keys[f] = key;
        }
      /* The reader refuses a key twice: each field is set once. */
      members->field[f] = entries[i].value;
    }
}

/* "path", or the reference library's "original"/"resolved". The entry's
 * strings are the tree's, which the state keeps. */
static gboolean
read_entry_path (const EntryMembers *members,
                 const Field        *prefix,
                 Entry              *entry,
                 GError            **error)
{
  CordonJsonValue *const *field = members->field;
  char *resolved = NULL;

  entry->borrowed = TRUE;
  if (field[FIELD_PATH] != NULL || (field[FIELD_ORIGINAL] == NULL && field[FIELD_RESOLVED] == NULL))
    {
      Field path_field = member_field (prefix, ".path");

      if (!path_value (field[FIELD_PATH], &path_field, FALSE, FALSE, &entry->path, error))
        return FALSE;
    }
  else
    {
      Field original_field = member_field (prefix, ".original");
      Field resolved_field = member_field (prefix, ".resolved");

      /* The reference library's own entries: re-resolve from what the user
       * gave, as it does. It keeps "original" as typed, so it may be
       * relative ("."); then only "resolved" says where, and must. */
      entry->native = TRUE;
      if (!path_value (field[FIELD_ORIGINAL], &original_field, TRUE, TRUE, &entry->original,
                       error))
        return FALSE;
      if (!path_value (field[FIELD_RESOLVED], &resolved_field, TRUE, FALSE, &resolved, error))
        return FALSE;
      if (resolved == NULL && entry->original != NULL && entry->original[0] != '/')
        {
          set_field_error (error, &original_field,
                           _("“%s” is not an absolute path, and there is no “resolved” path "
                           "to say where it is"), entry->original);
          return FALSE;
        }
      entry->path = resolved != NULL ? resolved : entry->original;
    }

  return TRUE;
}

static gboolean
read_entry (CordonJsonValue  *node,
            guint             index,
            Seen             *seen,
            Entry            *entry,
            GError          **error)
{
  const Field prefix = { "fs", index, TRUE, NULL };
  const Field field = member_field (&prefix, ".access");
  const Field is_file_field = member_field (&prefix, ".is_file");
  EntryMembers members;
  CordonJsonValue *access;

  if (cordon_json_value_get_kind (node) != CORDON_JSON_OBJECT)
    {
      set_field_error (error, &prefix, _("expected an object with “path”, “access” and "
                       "“is_file”, found %s"), node_kind (node));
      return FALSE;
    }
  find_entry_members (node, seen, &members);

  if (!read_entry_path (&members, &prefix, entry, error))
    return FALSE;

  access = members.field[FIELD_ACCESS];
  if (access == NULL)
    {
      set_field_error (error, &field, _("missing (expected Read, Write or ReadWrite)"));
      return FALSE;
    }
  if (!node_is (access, CORDON_JSON_STRING))
    {
      set_field_error (error, &field, _("expected Read, Write or ReadWrite, found %s"),
                       node_kind (access));
      return FALSE;
    }
  if (cordon_json_value_get_string (access) == seen->access_name)
    entry->access = seen->access;
  else if (cordon_access_mode_from_string (cordon_json_value_get_string (access), &entry->access))
    {
      seen->access_name = cordon_json_value_get_string (access);
      seen->access = entry->access;
    }
  else
    {
      set_field_error (error, &field, _("unknown access “%s” (expected Read, Write or ReadWrite)"),
                       cordon_json_value_get_string (access));
      return FALSE;
    }

  return boolean_value (members.field[FIELD_IS_FILE], &is_file_field, &entry->is_file, error);
}

static gboolean
read_socket_entry (CordonJsonValue  *node,
                   guint             index,
                   Seen             *seen,
                   Entry            *entry,
                   GError          **error)
{
  const Field prefix = { "unix_sockets", index, TRUE, NULL };
  const Field is_file_field = member_field (&prefix, ".is_file");
  EntryMembers members;

  if (cordon_json_value_get_kind (node) != CORDON_JSON_OBJECT)
    {
      set_field_error (error, &prefix, _("expected an object with “path” and “is_file”, found %s"),
                       node_kind (node));
      return FALSE;
    }
  find_entry_members (node, seen, &members);

  if (!read_entry_path (&members, &prefix, entry, error))
    return FALSE;

  return boolean_value (members.field[FIELD_IS_FILE], &is_file_field, &entry->is_file, error);
}

/* Optional: a profile without the key lists no socket (seed-format files
 * predate it), which is the closed answer. */
static gboolean
read_sockets (CordonJsonValue     *object,
              CordonSandboxState  *self,
              GError             **error)
{
  CordonJsonValue *node = cordon_json_object_get (object, "unix_sockets");
  CordonJsonValue *array;
  Seen seen = { { NULL } };
  guint n;

  if (node == NULL)
    return TRUE;
  if (cordon_json_value_get_kind (node) != CORDON_JSON_ARRAY)
    {
      set_field_error (error, TOP_FIELD ("unix_sockets"), _("expected a list of sockets, found %s"),
                       node_kind (node));
      return FALSE;
    }
  array = node;
  n = cordon_json_array_get_length (array);
  if (n > CORDON_STATE_MAX_RULES)
    {
      set_field_error (error, TOP_FIELD ("unix_sockets"), _("%u rules, more than the limit of %u"), n,
                       (guint) CORDON_STATE_MAX_RULES);
      return FALSE;
    }

  g_array_set_size (self->sockets, n);
  for (guint i = 0; i < n; i++)
    {
      if (!read_socket_entry (cordon_json_array_get (array, i), i, &seen,
                              &g_array_index (self->sockets, Entry, i), error))
        return FALSE;
    }
  return TRUE;
}

static CordonSandboxState *
read_state (const char *json,
            gsize       length,
            GError    **error)
{
  g_autoptr (CordonSandboxState) self = NULL;
  g_autoptr (CordonJsonValue) root = NULL;
  CordonJsonValue *object;
  CordonJsonValue *fs;
  CordonJsonValue *array;
  Seen seen = { { NULL } };
  guint n;

  root = cordon_json_read (json, length, error);
  if (root == NULL)
    return NULL;

  if (cordon_json_value_get_kind (root) != CORDON_JSON_OBJECT)
    {
      g_set_error (error, CORDON_ERROR, CORDON_ERROR_INVALID_STATE,
                   _("The profile must be a JSON object with “fs” and “net_blocked”, not %s"),
                   node_kind (root));
      return NULL;
    }
  object = root;

  self = g_object_new (CORDON_TYPE_SANDBOX_STATE, NULL);

  fs = cordon_json_object_get (object, "fs");
  if (fs == NULL)
    {
      set_field_error (error, TOP_FIELD ("fs"), _("missing (expected a list of rules, possibly empty)"));
      return NULL;
    }
  if (cordon_json_value_get_kind (fs) != CORDON_JSON_ARRAY)
    {
      set_field_error (error, TOP_FIELD ("fs"), _("expected a list of rules, found %s"), node_kind (fs));
      return NULL;
    }
  array = fs;
  n = cordon_json_array_get_length (array);
  if (n > CORDON_STATE_MAX_RULES)
    {
      set_field_error (error, TOP_FIELD ("fs"), _("%u rules, more than the limit of %u"), n,
                       (guint) CORDON_STATE_MAX_RULES);
      return NULL;
    }

  g_array_set_size (self->entries, n);
  for (guint i = 0; i < n; i++)
    {
      if (!read_entry (cordon_json_array_get (array, i), i, &seen,
                       &g_array_index (self->entries, Entry, i), error))
        return NULL;
      /* A file in nono's form is written back in it (the app keeps it). */
      if (g_array_index (self->entries, Entry, i).native)
        self->format = CORDON_STATE_FORMAT_NATIVE;
    }

  if (!read_sockets (object, self, error))
    return NULL;

  if (!cordon_bus_policy_read_json (object, &self->bus_policy, error))
    return NULL;

  if (!get_boolean (object, "net_blocked", TOP_FIELD ("net_blocked"), &self->network_blocked,
                    error))
    return NULL;

  /* The entries' strings are the tree's. */
  self->tree = g_bytes_new_with_free_func (NULL, 0, (GDestroyNotify) cordon_json_value_free,
                                           g_steal_pointer (&root));
  return g_steal_pointer (&self);
}

/**
 * cordon_sandbox_state_from_json:
 * @json: the JSON text, UTF-8
 * @length: the length of @json in bytes, or -1 if it is NUL-terminated
 * @error: return location for a #GError in the %CORDON_ERROR domain
 *
 * Reads a profile: the written format (`path`, `access` "ReadWrite") and the
 * reference library's native one (`original`, `resolved`, `access`
 * "read+write"). Unknown keys are ignored. Paths are not checked here; see
 * cordon_sandbox_state_to_caps().
 *
 * Errors: %CORDON_ERROR_INVALID_STATE, with a message that names the field
 * (or the line and column of a syntax error).
 *
 * Returns: (transfer full): a new state, or %NULL with @error set
 */
CordonSandboxState *
cordon_sandbox_state_from_json (const char *json,
                                gssize      length,
                                GError    **error)
{
  g_autoptr (GError) local_error = NULL;
  CordonSandboxState *self;

  g_return_val_if_fail (json != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length < 0)
    length = strlen (json);

  self = read_state (json, length, &local_error);
  if (self != NULL)
    return self;

  /* "\ud800" decodes to bytes that are not UTF-8, and messages quote what
   * the profile said (an access string, a key, json-glib's token): a
   * message must still be text that a label or a terminal can show. */
  if (!g_utf8_validate (local_error->message, -1, NULL))
    {
      char *valid = g_utf8_make_valid (local_error->message, -1);
      g_free (local_error->message);
      local_error->message = valid;
    }
  g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

static void
set_file_error (GError    **error,
                const char *filename,
                int         errsv)
{
  g_autofree char *display = g_filename_display_name (filename);

  if (errsv == ENOENT || errsv == ENOTDIR)
    g_set_error (error, CORDON_ERROR, CORDON_ERROR_PATH_NOT_FOUND,
                 _("The profile “%s” does not exist"), display);
  else if (errsv == EISDIR)
    g_set_error (error, CORDON_ERROR, CORDON_ERROR_INVALID_STATE,
                 _("“%s” is a directory, not a profile"), display);
  else
    g_set_error (error, CORDON_ERROR, CORDON_ERROR_INVALID_STATE,
                 _("The profile “%s” cannot be read: %s"), display, g_strerror (errsv));
}

static gboolean
set_too_big (GError    **error,
             const char *filename)
{
  g_autofree char *display = g_filename_display_name (filename);

  g_set_error (error, CORDON_ERROR, CORDON_ERROR_INVALID_STATE,
               _("The profile “%s” is larger than the largest allowed (16 MiB)"), display);
  return FALSE;
}

/* Reads at most CORDON_STATE_MAX_BYTES, so a huge file, or a pipe that never
 * ends, is refused without being read into memory. */
static char *
read_profile (const char  *filename,
              gsize       *out_length,
              GError     **error)
{
  g_autoptr (GError) local_error = NULL;
  struct stat st;
  int saved_errno;
  char *text;
  int fd;

  /* O_NONBLOCK so that opening a FIFO with no writer does not hang. */
  fd = open (filename, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  if (fd < 0)
    {
      set_file_error (error, filename, errno);
      return NULL;
    }

  if (fstat (fd, &st) != 0 || S_ISDIR (st.st_mode))
    {
      set_file_error (error, filename, S_ISDIR (st.st_mode) ? EISDIR : errno);
      close (fd);
      return NULL;
    }
  if (S_ISREG (st.st_mode) && st.st_size > CORDON_STATE_MAX_BYTES)
    {
      close (fd);
      set_too_big (error, filename);
      return NULL;
    }
  fcntl (fd, F_SETFL, fcntl (fd, F_GETFL) & ~O_NONBLOCK);

  text = cordon_read_fd_bounded (fd, CORDON_STATE_MAX_BYTES, out_length, &local_error);
  saved_errno = errno;
  close (fd);
  if (text == NULL && g_error_matches (local_error, CORDON_ERROR, CORDON_ERROR_INVALID_STATE))
    set_too_big (error, filename);
  else if (text == NULL)
    set_file_error (error, filename, saved_errno);
  return text;
}

/**
 * cordon_sandbox_state_load_file:
 * @filename: (type filename): the profile file
 * @error: return location for a #GError
 *
 * Reads a profile file, like cordon_sandbox_state_from_json(). Files over
 * %CORDON_STATE_MAX_BYTES are refused.
 *
 * Errors: %CORDON_ERROR_PATH_NOT_FOUND if the file is missing,
 * %CORDON_ERROR_INVALID_STATE if it is not a valid profile.
 *
 * Returns: (transfer full): a new state, or %NULL with @error set
 */
CordonSandboxState *
cordon_sandbox_state_load_file (const char *filename,
                                GError    **error)
{
  g_autofree char *contents = NULL;
  CordonSandboxState *self;
  gsize length = 0;

  g_return_val_if_fail (filename != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  contents = read_profile (filename, &length, error);
  if (contents == NULL)
    return NULL;

  self = cordon_sandbox_state_from_json (contents, length, error);
  if (self == NULL)
    {
      g_autofree char *display = g_filename_display_name (filename);
      g_prefix_error (error, _("“%s”: "), display);
    }

  return self;
}
