/* cordon-sandbox-state.c: reading and writing profiles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cordon-i18n-private.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <json-glib/json-glib.h>

#include "cordon-bus-policy-private.h"
#include "cordon-capability-set-private.h"
#include "cordon-error.h"
#include "cordon-json-private.h"
#include "cordon-path-private.h"
#include "cordon-read-private.h"
#include "cordon-sandbox-state.h"

typedef struct
{
  char             *original; /* NULL when the profile did not record one */
  char             *path;     /* resolved, as recorded */
  CordonAccessMode  access;
  gboolean          is_file;
} Entry;

struct _CordonSandboxState
{
  GObject   parent_instance;

  GArray   *entries; /* of Entry */
  GArray   *sockets; /* of Entry; access unused */
  gboolean  network_blocked;
  CordonBusPolicy *bus_policy; /* "dbus_session"; NULL: no bus */
};

/**
 * CordonStateFormat:
 * @CORDON_STATE_FORMAT_CORDON: `{"path", "access": "ReadWrite", "is_file"}`,
 *   the format Cordon writes
 * @CORDON_STATE_FORMAT_NATIVE: `{"original", "resolved", "access":
 *   "read+write", "is_file"}`, the reference library's native format
 *
 * The JSON layout of filesystem rules in a profile.
 */

/**
 * CordonToCapsFlags:
 * @CORDON_TO_CAPS_DEFAULT: every path must still exist, as recorded
 * @CORDON_TO_CAPS_KEEP_MISSING: keep rules whose path vanished, for an
 *   editor to flag; never for applying
 *
 * Options of cordon_sandbox_state_to_caps_full().
 */

/**
 * CORDON_STATE_MAX_BYTES:
 *
 * The largest profile the reader accepts, in bytes.
 */

/**
 * CORDON_STATE_MAX_RULES:
 *
 * The most filesystem rules a profile may have.
 */

/**
 * CordonSandboxState:
 *
 * A #CordonCapabilitySet as JSON: to save a profile, read one back, or pass
 * one to another process (cordon-run reads the same format).
 */
G_DEFINE_FINAL_TYPE (CordonSandboxState, cordon_sandbox_state, G_TYPE_OBJECT)

static void
entry_clear (gpointer data)
{
  Entry *entry = data;

  g_clear_pointer (&entry->original, g_free);
  g_clear_pointer (&entry->path, g_free);
}

static void
cordon_sandbox_state_finalize (GObject *object)
{
  CordonSandboxState *self = CORDON_SANDBOX_STATE (object);

  g_array_unref (self->entries);
  g_array_unref (self->sockets);
  g_clear_object (&self->bus_policy);

  G_OBJECT_CLASS (cordon_sandbox_state_parent_class)->finalize (object);
}

static void
cordon_sandbox_state_class_init (CordonSandboxStateClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cordon_sandbox_state_finalize;
}

static void
cordon_sandbox_state_init (CordonSandboxState *self)
{
  self->entries = g_array_new (FALSE, TRUE, sizeof (Entry));
  g_array_set_clear_func (self->entries, entry_clear);
  self->sockets = g_array_new (FALSE, TRUE, sizeof (Entry));
  g_array_set_clear_func (self->sockets, entry_clear);
}

/**
 * cordon_sandbox_state_from_caps:
 * @caps: a capability set
 *
 * Takes a snapshot of @caps, ready to be written as JSON.
 *
 * Returns: (transfer full): a new state
 */
CordonSandboxState *
cordon_sandbox_state_from_caps (CordonCapabilitySet *caps)
{
  CordonSandboxState *self;
  GListModel *sockets;
  guint n;

  g_return_val_if_fail (CORDON_IS_CAPABILITY_SET (caps), NULL);

  self = g_object_new (CORDON_TYPE_SANDBOX_STATE, NULL);
  self->network_blocked = cordon_capability_set_is_network_blocked (caps);
  if (cordon_capability_set_get_bus_policy (caps) != NULL)
    self->bus_policy = cordon_bus_policy_copy (cordon_capability_set_get_bus_policy (caps));

  n = g_list_model_get_n_items (G_LIST_MODEL (caps));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (CordonFsCapability) cap = g_list_model_get_item (G_LIST_MODEL (caps), i);
      Entry entry = {
        .original = g_strdup (cordon_fs_capability_get_original (cap)),
        .path = g_strdup (cordon_fs_capability_get_resolved (cap)),
        .access = cordon_fs_capability_get_access (cap),
        .is_file = cordon_fs_capability_get_is_file (cap),
      };

      g_array_append_val (self->entries, entry);
    }

  sockets = cordon_capability_set_get_sockets (caps);
  n = g_list_model_get_n_items (sockets);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (CordonSocketCapability) cap = g_list_model_get_item (sockets, i);
      Entry entry = {
        .original = g_strdup (cordon_socket_capability_get_original (cap)),
        .path = g_strdup (cordon_socket_capability_get_resolved (cap)),
        .is_file = cordon_socket_capability_get_is_file (cap),
      };

      g_array_append_val (self->sockets, entry);
    }

  return self;
}

/* ---- reading ---------------------------------------------------------- */

static void
offset_to_position (const char *json,
                    gsize       offset,
                    guint      *line,
                    guint      *column)
{
  *line = 1;
  *column = 1;
  for (gsize i = 0; i < offset; i++)
    {
      if (json[i] == '\n')
        {
          (*line)++;
          *column = 1;
        }
      else
        (*column)++;
    }
}

/* json-glib silently cuts a string at "\u0000", which would turn
 * "/home/me\u0000/x" into "/home/me". Find such escapes before parsing. */
static gboolean
find_nul_escape (const char *json,
                 gsize       length,
                 gsize      *out_offset)
{
  gboolean in_string = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      if (!in_string)
        {
          in_string = json[i] == '"';
          continue;
        }

      if (json[i] == '"')
        in_string = FALSE;
      else if (json[i] == '\\' && i + 1 < length)
        {
          if (json[i + 1] == 'u' && i + 5 < length && strncmp (json + i + 2, "0000", 4) == 0)
            {
              *out_offset = i;
              return TRUE;
            }
          i++; /* skip the escaped character, which may be a quote */
        }
    }

  return FALSE;
}

/* Limits checked before json-glib builds anything. json-glib recurses once
 * per nesting level (100,000 levels overflow the stack), builds every node
 * of a list before we could count it (a million empty rules cost 300 MB),
 * and keeps only the last of several top-level values, leaking the others.
 * A profile is three levels deep; the rest is room for newer keys. */
#define MAX_DEPTH 64
#define MAX_CONTAINERS (4 * CORDON_STATE_MAX_RULES)
#define MAX_VALUES (10 * CORDON_STATE_MAX_RULES)

#define RULES_LIMIT_HINT _("a profile holds at most 100000 rules")
G_STATIC_ASSERT (CORDON_STATE_MAX_RULES == 100000);

/* "The profile <words> (line L, column C)[; <hint>]" */
G_GNUC_PRINTF (5, 6)
static gboolean
set_structure_error (GError    **error,
                     const char *json,
                     gsize       offset,
                     const char *hint,
                     const char *format,
                     ...)
{
  g_autofree char *words = NULL;
  va_list args;
  guint line, column;

  va_start (args, format);
  words = g_strdup_vprintf (format, args);
  va_end (args);

  offset_to_position (json, offset, &line, &column);
  /* Two whole sentences, not a pasted "; ": languages punctuate it differently. */
  if (hint != NULL)
    g_set_error (error, CORDON_ERROR, CORDON_ERROR_INVALID_STATE,
                 /* Translators: the first %s completes "The profile …" (e.g. "is nested
                  * deeper than 64 levels"), the last %s is a hint */
                 _("The profile %s (line %u, column %u); %s"), words, line, column, hint);
  else
    g_set_error (error, CORDON_ERROR, CORDON_ERROR_INVALID_STATE,
                 /* Translators: %s completes "The profile …", e.g. "is nested deeper
                  * than 64 levels" */
                 _("The profile %s (line %u, column %u)"), words, line, column);
  return FALSE;
}

/* Only counts brackets, commas and colons outside strings; json-glib still
 * judges the syntax and says what is wrong with it. *@out_members is the
 * number of object members written (one colon each). */
static gboolean
check_structure (const char  *json,
                 gsize        length,
                 gsize       *out_members,
                 GError     **error)
{
  guint entries[MAX_DEPTH + 1] = { 0 };
  guint depth = 0;
  gsize containers = 0;
  gsize values = 0;
  gboolean in_string = FALSE;
  gboolean top_scalar = FALSE;
  gboolean ended = FALSE; /* the top-level value is complete */

  *out_members = 0;
  for (gsize i = 0; i < length; i++)
    {
      char c = json[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            {
              in_string = FALSE;
              ended = depth == 0;
            }
          continue;
        }

      if (depth == 0)
        {
          gboolean space = c == ' ' || c == '\t' || c == '\n' || c == '\r';

          /* A number or word at the top ends where anything else starts. */
          if (top_scalar && (space || strchr ("{}[]\",:", c) != NULL))
            {
              top_scalar = FALSE;
              ended = TRUE;
            }
          if (ended && !space)
            return set_structure_error (error, json, i, _("a profile is one JSON object"),
                                        _("goes on after its end"));
          if (!space && strchr ("{[\"", c) == NULL)
            {
              top_scalar = TRUE;
              continue;
            }
        }

      switch (c)
        {
        case '"':
          in_string = TRUE;
          break;
        case '{':
        case '[':
          if (depth == MAX_DEPTH)
            return set_structure_error (error, json, i, NULL, _("is nested deeper than %u levels"),
                                        MAX_DEPTH);
          if (++containers > MAX_CONTAINERS || ++values > MAX_VALUES)
            return set_structure_error (error, json, i, RULES_LIMIT_HINT,
                                        _("has more than %u objects and lists"), MAX_CONTAINERS);
          entries[++depth] = 1;
          break;
        case '}':
        case ']':
          /* Unbalanced brackets are json-glib's to report. */
          if (depth > 0 && --depth == 0)
            ended = TRUE;
          break;
        case ':':
          (*out_members)++;
          break;
        case ',':
          if (depth > 0 && ++entries[depth] > CORDON_STATE_MAX_RULES)
            return set_structure_error (error, json, i, RULES_LIMIT_HINT,
                                        _("has a list or object of more than %u entries"),
                                        CORDON_STATE_MAX_RULES);
          if (++values > MAX_VALUES)
            return set_structure_error (error, json, i, RULES_LIMIT_HINT,
                                        _("has more than %u values"), MAX_VALUES);
          break;
        default:
          break;
        }
    }

  return TRUE;
}

/* Reads the four hex digits of a "\\u" escape at @json[@i]; -1 if malformed. */
static int
unicode_escape_at (const char *json,
                   gsize       length,
                   gsize       i)
{
  int value = 0;

  if (i + 6 > length || json[i] != '\\' || json[i + 1] != 'u')
    return -1;
  for (int k = 2; k < 6; k++)
    {
      int digit = g_ascii_xdigit_value (json[i + k]);
      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }
  return value;
}

/* A lone UTF-16 surrogate ("\\ud800") is no character; json-glib turns it
 * into bytes that are not UTF-8, and leaks memory on a malformed pair.
 * Refuse both, and malformed escapes, before it sees them. */
static gboolean
check_unicode_escapes (const char  *json,
                       gsize        length,
                       GError     **error)
{
  gboolean in_string = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      const char *problem = NULL;
      int value;

      if (!in_string)
        {
          in_string = json[i] == '"';
          continue;
        }
      if (json[i] == '"')
        {
          in_string = FALSE;
          continue;
        }
      if (json[i] != '\\' || i + 1 >= length)
        continue;
      if (json[i + 1] != 'u')
        {
          i++; /* the escaped character, which may be a quote */
          continue;
        }

      value = unicode_escape_at (json, length, i);
      if (value < 0)
        problem = _("a \\u escape without four hexadecimal digits");
      else if (value >= 0xdc00 && value <= 0xdfff)
        problem = _("the second half of a UTF-16 surrogate pair without its first half");
      else if (value >= 0xd800 && value <= 0xdbff)
        {
          int low = unicode_escape_at (json, length, i + 6);
          if (low < 0xdc00 || low > 0xdfff)
            problem = _("the first half of a UTF-16 surrogate pair without its second half");
          else
            i += 6;
        }

      if (problem != NULL)
        {
          guint line, column;

          offset_to_position (json, i, &line, &column);
          g_set_error (error, CORDON_ERROR, CORDON_ERROR_INVALID_STATE,
                       _("The profile has %s (line %u, column %u); that is not a character"),
                       problem, line, column);
          return FALSE;
        }
      i += 5;
    }

  return TRUE;
}

static gboolean
check_text (const char  *json,
            gsize        length,
            gsize       *out_members,
            GError     **error)
{
  const char *end = NULL;
  gsize offset;
  guint line, column;

  if (length > CORDON_STATE_MAX_BYTES)
    {
      g_autofree char *size = g_format_size_full (length, G_FORMAT_SIZE_IEC_UNITS);
      g_set_error (error, CORDON_ERROR, CORDON_ERROR_INVALID_STATE,
                   _("The profile is %s, more than the largest allowed (16 MiB)"), size);
      return FALSE;
    }

  end = memchr (json, '\0', length);
  if (end != NULL)
    {
      offset_to_position (json, end - json, &line, &column);
      g_set_error (error, CORDON_ERROR, CORDON_ERROR_INVALID_STATE,
                   _("The profile contains a NUL byte (line %u, column %u)"), line, column);
      return FALSE;
    }

  if (!g_utf8_validate_len (json, length, &end))
    {
      offset_to_position (json, end - json, &line, &column);
      g_set_error (error, CORDON_ERROR, CORDON_ERROR_INVALID_STATE,
                   _("The profile is not valid UTF-8 text (line %u, column %u)"), line, column);
      return FALSE;
    }

  if (find_nul_escape (json, length, &offset))
    {
      offset_to_position (json, offset, &line, &column);
      g_set_error (error, CORDON_ERROR, CORDON_ERROR_INVALID_STATE,
                   _("The profile contains a NUL character (\\u0000) in a string "
                   "(line %u, column %u); no path can contain one"),
                   line, column);
      return FALSE;
    }

  return check_unicode_escapes (json, length, error) &&
         check_structure (json, length, out_members, error);
}

typedef struct
{
  guint line;
  guint column;

  /* json-glib keeps the last of two equal keys. Which one a reader takes
   * is a guess that tools may make differently, so such a profile is
   * refused: the first duplicate found, and where. */
  GHashTable *keys; /* JsonObject* → GHashTable set of its keys seen */
  char       *duplicate;
  guint       duplicate_line;
  guint       duplicate_column;
} ParsePosition;

static void
on_object_member (JsonParser    *parser,
                  JsonObject    *object,
                  const char    *name,
                  ParsePosition *position)
{
  GHashTable *seen = g_hash_table_lookup (position->keys, object);

  if (seen == NULL)
    {
      seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_hash_table_insert (position->keys, object, seen);
    }
  if (g_hash_table_add (seen, g_strdup (name)) || position->duplicate != NULL)
    return;

  position->duplicate = g_strdup (name);
  position->duplicate_line = json_parser_get_current_line (parser);
  position->duplicate_column = json_parser_get_current_pos (parser);
}

static void
on_object_end (JsonParser    *parser,
               JsonObject    *object,
               ParsePosition *position)
{
  g_hash_table_remove (position->keys, object);
}

static void
on_parse_error (JsonParser    *parser,
                gpointer       gerror,
                ParsePosition *position)
{
  position->line = json_parser_get_current_line (parser);
  position->column = json_parser_get_current_pos (parser);
}

/* json-glib says "<data>:2:10: Parse error: unexpected …": keep the words,
 * say where in a way a person reads. */
static const char *
parse_error_words (const char *message)
{
  const char *words = message;

  if (g_str_has_prefix (words, "<data>:"))
    {
      for (int colons = 0; colons < 3 && words != NULL; colons++)
        {
          words = strchr (words, ':');
          if (words != NULL)
            words++;
        }
      if (words == NULL)
        return message;
      while (*words == ' ')
        words++;
    }
  if (g_str_has_prefix (words, "Parse error: "))
    words += strlen ("Parse error: ");

  return words;
}

/* Members in every object of the tree; equal keys count once. */
static gsize
count_members (JsonNode *node)
{
  gsize n = 0;

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      JsonObjectIter iter;
      JsonNode *member;

      n = json_object_get_size (object);
      json_object_iter_init (&iter, object);
      while (json_object_iter_next (&iter, NULL, &member))
        n += count_members (member);
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      guint length = json_array_get_length (array);

      for (guint i = 0; i < length; i++)
        n += count_members (json_array_get_element (array, i));
    }

  return n;
}

static JsonNode *parse_finding_duplicates (const char  *json,
                                           gsize        length,
                                           GError     **error);

static void
set_syntax_error (GError              **error,
                  const GError         *parse_error,
                  const ParsePosition  *position)
{
  const char *words = parse_error_words (parse_error->message);

  if (position->line > 0)
    g_set_error (error, CORDON_ERROR, CORDON_ERROR_INVALID_STATE,
                 _("The profile is not valid JSON: line %u, column %u: %s"),
                 position->line, position->column, words);
  else
    g_set_error (error, CORDON_ERROR, CORDON_ERROR_INVALID_STATE,
                 _("The profile is not valid JSON: %s"), words);
}

/* Parses without watching every member: json-glib then emits its signals to
 * nobody, which costs next to nothing, where a handler per member cost a
 * third of the load of a 10,000-rule profile. A duplicate key shows as
 * fewer members in the tree than in the text (counted by check_structure);
 * only then is the text parsed again, watched, to say which key and where. */
static JsonNode *
parse (const char  *json,
       gsize        length,
       gsize        n_members,
       GError     **error)
{
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  g_autoptr (GError) local_error = NULL;
  ParsePosition position = { 0 };
  JsonNode *root;

  g_signal_connect (parser, "error", G_CALLBACK (on_parse_error), &position);
  if (!json_parser_load_from_data (parser, json, length, &local_error))
    {
      set_syntax_error (error, local_error, &position);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root != NULL && count_members (root) == n_members)
    return json_node_ref (root);

  return parse_finding_duplicates (json, length, error);
}

static JsonNode *
parse_finding_duplicates (const char  *json,
                          gsize        length,
                          GError     **error)
{
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GHashTable) keys =
    g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_hash_table_unref);
  g_autofree char *duplicate = NULL;
  ParsePosition position = { .keys = keys };
  JsonNode *root;
  gboolean loaded;

  g_signal_connect (parser, "error", G_CALLBACK (on_parse_error), &position);
  g_signal_connect (parser, "object-member", G_CALLBACK (on_object_member), &position);
  g_signal_connect (parser, "object-end", G_CALLBACK (on_object_end), &position);

  loaded = json_parser_load_from_data (parser, json, length, &local_error);
  duplicate = g_steal_pointer (&position.duplicate);
  if (!loaded)
    {
      set_syntax_error (error, local_error, &position);
      return NULL;
    }

  if (duplicate != NULL)
    {
      g_set_error (error, CORDON_ERROR, CORDON_ERROR_INVALID_STATE,
                   _("The profile has the key “%s” twice in one object (line %u, column %u); "
                   "remove one of them"),
                   duplicate, position.duplicate_line, position.duplicate_column);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error_literal (error, CORDON_ERROR, CORDON_ERROR_INVALID_STATE,
                           _("The profile is empty (expected a JSON object with “fs” and "
                           "“net_blocked”)"));
      return NULL;
    }

  return json_node_ref (root);
}

static const char *
node_kind (JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      return _("an object");
    case JSON_NODE_ARRAY:
      return _("an array");
    case JSON_NODE_NULL:
      return _("null");
    case JSON_NODE_VALUE:
    default:
      break;
    }

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return _("a string");
    case G_TYPE_BOOLEAN:
      return _("a boolean");
    default:
      return _("a number");
    }
}

static gboolean
node_is (JsonNode *node,
         GType     value_type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == value_type;
}

/* Every validation message starts with the field it is about. */
G_GNUC_PRINTF (3, 4)
static void
set_field_error (GError    **error,
                 const char *field,
                 const char *format,
                 ...)
{
  va_list args;
  g_autofree char *words = NULL;

  va_start (args, format);
  words = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, CORDON_ERROR, CORDON_ERROR_INVALID_STATE, "%s: %s", field, words);
}

static gboolean
get_boolean (JsonObject  *object,
             const char  *member,
             const char  *field,
             gboolean    *out_value,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL)
    {
      set_field_error (error, field, _("missing (expected true or false)"));
      return FALSE;
    }
  if (!node_is (node, G_TYPE_BOOLEAN))
    {
      set_field_error (error, field, _("expected true or false, found %s"), node_kind (node));
      return FALSE;
    }

  *out_value = json_node_get_boolean (node);
  return TRUE;
}

/* Returns FALSE with @error set, or TRUE with *@out_value NULL when the
 * member is absent and @optional. */
static gboolean
get_path (JsonObject  *object,
          const char  *member,
          const char  *field,
          gboolean     optional,
          char       **out_value,
          GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  const char *value;

  *out_value = NULL;
  if (node == NULL)
    {
      if (optional)
        return TRUE;
      set_field_error (error, field, _("missing (expected an absolute path)"));
      return FALSE;
    }
  if (!node_is (node, G_TYPE_STRING))
    {
      set_field_error (error, field, _("expected a path as a string, found %s"), node_kind (node));
      return FALSE;
    }

  value = json_node_get_string (node);
  if (!g_utf8_validate (value, -1, NULL))
    {
      set_field_error (error, field, _("not valid UTF-8 text"));
      return FALSE;
    }
  if (value[0] != '/')
    {
      set_field_error (error, field, _("“%s” is not an absolute path"), value);
      return FALSE;
    }

  *out_value = g_strdup (value);
  return TRUE;
}

/* "path", or the reference library's "original"/"resolved". */
static gboolean
read_entry_path (JsonObject  *object,
                 const char  *prefix,
                 Entry       *entry,
                 GError     **error)
{
  g_autofree char *field = NULL;
  char *resolved = NULL;

  if (json_object_has_member (object, "path") ||
      (!json_object_has_member (object, "original") &&
       !json_object_has_member (object, "resolved")))
    {
      field = g_strconcat (prefix, ".path", NULL);
      if (!get_path (object, "path", field, FALSE, &entry->path, error))
        return FALSE;
    }
  else
    {
      /* The reference library's own entries: re-resolve from what the user
       * gave, as it does. */
      field = g_strconcat (prefix, ".original", NULL);
      if (!get_path (object, "original", field, TRUE, &entry->original, error))
        return FALSE;
      g_free (field);
      field = g_strconcat (prefix, ".resolved", NULL);
      if (!get_path (object, "resolved", field, TRUE, &resolved, error))
        return FALSE;
      entry->path = resolved != NULL ? resolved : g_strdup (entry->original);
    }

  return TRUE;
}

static gboolean
read_entry (JsonNode  *node,
            guint      index,
            Entry     *entry,
            GError   **error)
{
  g_autofree char *prefix = g_strdup_printf ("fs[%u]", index);
  g_autofree char *field = NULL;
  JsonObject *object;
  JsonNode *access;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      set_field_error (error, prefix, _("expected an object with “path”, “access” and "
                       "“is_file”, found %s"), node_kind (node));
      return FALSE;
    }
  object = json_node_get_object (node);

  if (!read_entry_path (object, prefix, entry, error))
    return FALSE;

  field = g_strconcat (prefix, ".access", NULL);
  access = json_object_get_member (object, "access");
  if (access == NULL)
    {
      set_field_error (error, field, _("missing (expected Read, Write or ReadWrite)"));
      return FALSE;
    }
  if (!node_is (access, G_TYPE_STRING))
    {
      set_field_error (error, field, _("expected Read, Write or ReadWrite, found %s"),
                       node_kind (access));
      return FALSE;
    }
  if (!cordon_access_mode_from_string (json_node_get_string (access), &entry->access))
    {
      set_field_error (error, field, _("unknown access “%s” (expected Read, Write or ReadWrite)"),
                       json_node_get_string (access));
      return FALSE;
    }

  g_free (field);
  field = g_strconcat (prefix, ".is_file", NULL);
  return get_boolean (object, "is_file", field, &entry->is_file, error);
}

static gboolean
read_socket_entry (JsonNode  *node,
                   guint      index,
                   Entry     *entry,
                   GError   **error)
{
  g_autofree char *prefix = g_strdup_printf ("unix_sockets[%u]", index);
  g_autofree char *field = NULL;
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      set_field_error (error, prefix, _("expected an object with “path” and “is_file”, found %s"),
                       node_kind (node));
      return FALSE;
    }
  object = json_node_get_object (node);

  if (!read_entry_path (object, prefix, entry, error))
    return FALSE;

  field = g_strconcat (prefix, ".is_file", NULL);
  return get_boolean (object, "is_file", field, &entry->is_file, error);
}

/* Optional: a profile without the key lists no socket (seed-format files
 * predate it), which is the closed answer. */
static gboolean
read_sockets (JsonObject          *object,
              CordonSandboxState  *self,
              GError             **error)
{
  JsonNode *node = json_object_get_member (object, "unix_sockets");
  JsonArray *array;
  guint n;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      set_field_error (error, "unix_sockets", _("expected a list of sockets, found %s"),
                       node_kind (node));
      return FALSE;
    }
  array = json_node_get_array (node);
  n = json_array_get_length (array);
  if (n > CORDON_STATE_MAX_RULES)
    {
      set_field_error (error, "unix_sockets", _("%u rules, more than the limit of %u"), n,
                       (guint) CORDON_STATE_MAX_RULES);
      return FALSE;
    }

  g_array_set_size (self->sockets, n);
  for (guint i = 0; i < n; i++)
    {
      if (!read_socket_entry (json_array_get_element (array, i), i,
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
  g_autoptr (JsonNode) root = NULL;
  JsonObject *object;
  JsonNode *fs;
  JsonArray *array;
  guint n;
  gsize n_members;

  if (!check_text (json, length, &n_members, error))
    return NULL;

  root = parse (json, length, n_members, error);
  if (root == NULL)
    return NULL;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, CORDON_ERROR, CORDON_ERROR_INVALID_STATE,
                   _("The profile must be a JSON object with “fs” and “net_blocked”, not %s"),
                   node_kind (root));
      return NULL;
    }
  object = json_node_get_object (root);

  self = g_object_new (CORDON_TYPE_SANDBOX_STATE, NULL);

  fs = json_object_get_member (object, "fs");
  if (fs == NULL)
    {
      set_field_error (error, "fs", _("missing (expected a list of rules, possibly empty)"));
      return NULL;
    }
  if (!JSON_NODE_HOLDS_ARRAY (fs))
    {
      set_field_error (error, "fs", _("expected a list of rules, found %s"), node_kind (fs));
      return NULL;
    }
  array = json_node_get_array (fs);
  n = json_array_get_length (array);
  if (n > CORDON_STATE_MAX_RULES)
    {
      set_field_error (error, "fs", _("%u rules, more than the limit of %u"), n,
                       (guint) CORDON_STATE_MAX_RULES);
      return NULL;
    }

  g_array_set_size (self->entries, n);
  for (guint i = 0; i < n; i++)
    {
      if (!read_entry (json_array_get_element (array, i), i,
                       &g_array_index (self->entries, Entry, i), error))
        return NULL;
    }

  if (!read_sockets (object, self, error))
    return NULL;

  if (!cordon_bus_policy_read_json (object, &self->bus_policy, error))
    return NULL;

  if (!get_boolean (object, "net_blocked", "net_blocked", &self->network_blocked, error))
    return NULL;

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
  if (text == NULL && g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE))
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

/* ---- writing ---------------------------------------------------------- */

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

/* ---- back to a capability set ------------------------------------------ */

/**
 * cordon_sandbox_state_to_caps:
 * @self: a state
 * @error: return location for a #GError in the %CORDON_ERROR domain
 *
 * Makes a capability set from the state, validating every path again.
 *
 * Errors: %CORDON_ERROR_PATH_NOT_FOUND if a path vanished,
 * %CORDON_ERROR_EXPECTED_FILE or %CORDON_ERROR_EXPECTED_DIRECTORY if a
 * path changed kind, %CORDON_ERROR_INVALID_PATH if it cannot be resolved.
 *
 * Returns: (transfer full): a new capability set, or %NULL with @error set
 */
CordonCapabilitySet *
cordon_sandbox_state_to_caps (CordonSandboxState *self,
                              GError            **error)
{
  return cordon_sandbox_state_to_caps_full (self, CORDON_TO_CAPS_DEFAULT, error);
}

/**
 * cordon_sandbox_state_to_caps_full:
 * @self: a state
 * @flags: %CORDON_TO_CAPS_KEEP_MISSING keeps rules whose path vanished, as
 *   recorded, for an editor to show (never use it for applying)
 * @error: return location for a #GError in the %CORDON_ERROR domain
 *
 * cordon_sandbox_state_to_caps() with options.
 *
 * Returns: (transfer full): a new capability set, or %NULL with @error set
 */
CordonCapabilitySet *
cordon_sandbox_state_to_caps_full (CordonSandboxState *self,
                                   CordonToCapsFlags   flags,
                                   GError            **error)
{
  g_autoptr (CordonCapabilitySet) caps = NULL;
  /* Rules share parents: each parent is resolved once per load. */
  g_autoptr (CordonPathResolver) resolver = cordon_path_resolver_new ();

  g_return_val_if_fail (CORDON_IS_SANDBOX_STATE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  caps = cordon_capability_set_new ();
  cordon_capability_set_set_network_blocked (caps, self->network_blocked);
  if (self->bus_policy != NULL)
    {
      g_autoptr (CordonBusPolicy) policy = cordon_bus_policy_copy (self->bus_policy);

      cordon_capability_set_set_bus_policy (caps, policy);
    }

  for (guint i = 0; i < self->entries->len; i++)
    {
      const Entry *entry = &g_array_index (self->entries, Entry, i);
      const char *path = entry->original != NULL ? entry->original : entry->path;
      g_autoptr (GError) local_error = NULL;
      gboolean ok;

      ok = cordon_capability_set_allow_with (caps, resolver, path, entry->access, entry->is_file,
                                             &local_error);

      if (ok)
        continue;

      if ((flags & CORDON_TO_CAPS_KEEP_MISSING) != 0 &&
          g_error_matches (local_error, CORDON_ERROR, CORDON_ERROR_PATH_NOT_FOUND))
        {
          g_autoptr (CordonFsCapability) cap =
            cordon_fs_capability_new (path, entry->path, entry->access, entry->is_file);
          cordon_capability_set_insert (caps, G_MAXUINT, cap);
          continue;
        }

      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  for (guint i = 0; i < self->sockets->len; i++)
    {
      const Entry *entry = &g_array_index (self->sockets, Entry, i);
      const char *path = entry->original != NULL ? entry->original : entry->path;
      g_autoptr (GError) local_error = NULL;

      if (cordon_capability_set_allow_socket_with (caps, resolver, path, entry->is_file,
                                                   &local_error))
        continue;

      if ((flags & CORDON_TO_CAPS_KEEP_MISSING) != 0 &&
          g_error_matches (local_error, CORDON_ERROR, CORDON_ERROR_PATH_NOT_FOUND))
        {
          g_autoptr (CordonSocketCapability) cap =
            cordon_socket_capability_new (path, entry->path, entry->is_file);
          cordon_capability_set_insert_socket (caps, G_MAXUINT, cap);
          continue;
        }

      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return g_steal_pointer (&caps);
}

/**
 * cordon_sandbox_state_get_network_blocked:
 * @self: a state
 *
 * Whether the state blocks the network.
 *
 * Returns: %TRUE if the state blocks the network
 */
gboolean
cordon_sandbox_state_get_network_blocked (CordonSandboxState *self)
{
  g_return_val_if_fail (CORDON_IS_SANDBOX_STATE (self), FALSE);
  return self->network_blocked;
}

/**
 * cordon_sandbox_state_get_n_rules:
 * @self: a state
 *
 * How many filesystem rules the state holds.
 *
 * Returns: the number of filesystem rules
 */
guint
cordon_sandbox_state_get_n_rules (CordonSandboxState *self)
{
  g_return_val_if_fail (CORDON_IS_SANDBOX_STATE (self), 0);
  return self->entries->len;
}
