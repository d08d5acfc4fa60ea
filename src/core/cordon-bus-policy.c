/* cordon-bus-policy.c: which session bus names a sandboxed program may reach
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cordon-i18n-private.h"

#include "cordon-bus-policy-private.h"
#include "cordon-error.h"
#include "cordon-json-private.h"

struct _CordonBusPolicy
{
  GObject    parent_instance;

  /* NULL-terminated, so the getters hand them out as they are. */
  GPtrArray *talk;
  GPtrArray *own;
};

G_DEFINE_FINAL_TYPE (CordonBusPolicy, cordon_bus_policy, G_TYPE_OBJECT)

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
cordon_bus_policy_finalize (GObject *object)
{
  CordonBusPolicy *self = CORDON_BUS_POLICY (object);

  g_ptr_array_unref (self->talk);
  g_ptr_array_unref (self->own);

  G_OBJECT_CLASS (cordon_bus_policy_parent_class)->finalize (object);
}

static void
cordon_bus_policy_class_init (CordonBusPolicyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cordon_bus_policy_finalize;

  /**
   * CordonBusPolicy::changed:
   *
   * A name was added, removed, or its access changed.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static GPtrArray *
new_name_list (void)
{
  GPtrArray *list = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (list, NULL);
  return list;
}

static void
cordon_bus_policy_init (CordonBusPolicy *self)
{
  self->talk = new_name_list ();
  self->own = new_name_list ();
}

/**
 * cordon_bus_policy_new:
 *
 * A filtered session bus with no names yet: the sandboxed program reaches
 * only the bus itself (org.freedesktop.DBus). A capability set without a
 * policy gives no bus at all.
 *
 * Returns: (transfer full): a new, empty policy
 */
CordonBusPolicy *
cordon_bus_policy_new (void)
{
  return g_object_new (CORDON_TYPE_BUS_POLICY, NULL);
}

static void
copy_names (GPtrArray *to,
            GPtrArray *from)
{
  for (guint i = 0; i + 1 < from->len; i++)
    g_ptr_array_insert (to, to->len - 1, g_strdup (g_ptr_array_index (from, i)));
}

/**
 * cordon_bus_policy_copy:
 * @self: a bus policy
 *
 * Copies the names and their access.
 *
 * Returns: (transfer full): a new policy
 */
CordonBusPolicy *
cordon_bus_policy_copy (CordonBusPolicy *self)
{
  CordonBusPolicy *copy;

  g_return_val_if_fail (CORDON_IS_BUS_POLICY (self), NULL);

  copy = cordon_bus_policy_new ();
  copy_names (copy->talk, self->talk);
  copy_names (copy->own, self->own);
  return copy;
}

/* A well-known bus name as the D-Bus specification ("Bus names") defines
 * it, checked here rather than with GIO's g_dbus_is_name () so the engine
 * does not load GIO's D-Bus code (tests/engine/test-bus-policy.c compares
 * the two): at most 255 bytes, two or more dot-separated elements, none
 * empty, of [A-Za-z0-9_-], none starting with a digit. The specification
 * allows a leading "-", which no service uses and which reads like a
 * command-line option: refused. A unique name (":1.42") has a ":", which
 * no element may hold. */
static gboolean
is_well_known_name (const char *name)
{
  gsize length = strlen (name);
  guint elements = 1;
  gboolean element_start = TRUE;

  if (length == 0 || length > 255 || name[0] == '-')
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    {
      if (*p == '.')
        {
          if (element_start)
            return FALSE;
          elements++;
          element_start = TRUE;
          continue;
        }
      if (!g_ascii_isalnum (*p) && *p != '_' && *p != '-')
        return FALSE;
      if (element_start && g_ascii_isdigit (*p))
        return FALSE;
      element_start = FALSE;
    }
  return elements >= 2 && !element_start;
}

/**
 * cordon_bus_policy_check_name:
 * @name: a bus name
 * @error: return location for a #GError in the %CORDON_ERROR domain
 *
 * Whether @name can be listed: a well-known name ("org.gnome.Foo") or a
 * prefix ending in ".*" ("org.freedesktop.portal.*": the name and every
 * name beneath it).
 *
 * Errors: %CORDON_ERROR_INVALID_BUS_NAME for unique names (":1.42") and
 * malformed names.
 *
 * Returns: %TRUE if @name is valid
 */
gboolean
cordon_bus_policy_check_name (const char  *name,
                              GError     **error)
{
  g_autofree char *prefix = NULL;

  g_return_val_if_fail (name != NULL, FALSE);

  /* A prefix needs two elements of its own: "org.*" would be most of the bus. */
  if (g_str_has_suffix (name, ".*"))
    prefix = g_strndup (name, strlen (name) - 2);
  if (is_well_known_name (prefix != NULL ? prefix : name))
    return TRUE;

  if (g_utf8_validate (name, -1, NULL))
    g_set_error (error, CORDON_ERROR, CORDON_ERROR_INVALID_BUS_NAME,
                 _("“%s” is not a bus name; write a name like org.gnome.Example, or "
                   "org.freedesktop.portal.* for a name and every name beneath it"),
                 name);
  else
    g_set_error_literal (error, CORDON_ERROR, CORDON_ERROR_INVALID_BUS_NAME,
                         _("A bus name is not valid text"));
  return FALSE;
}

static gboolean
find_name (GPtrArray  *list,
           const char *name,
           guint      *out_index)
{
  for (guint i = 0; i + 1 < list->len; i++)
    {
      if (g_str_equal (g_ptr_array_index (list, i), name))
        {
          *out_index = i;
          return TRUE;
        }
    }
  return FALSE;
}

/**
 * cordon_bus_policy_lookup:
 * @self: a bus policy
 * @name: a bus name, as listed
 *
 * The access the policy lists for @name.
 *
 * Returns: the access, %CORDON_BUS_ACCESS_NONE if @name is not listed
 */
CordonBusAccess
cordon_bus_policy_lookup (CordonBusPolicy *self,
                          const char      *name)
{
  guint index;

  g_return_val_if_fail (CORDON_IS_BUS_POLICY (self), CORDON_BUS_ACCESS_NONE);
  g_return_val_if_fail (name != NULL, CORDON_BUS_ACCESS_NONE);

  if (find_name (self->own, name, &index))
    return CORDON_BUS_ACCESS_OWN;
  if (find_name (self->talk, name, &index))
    return CORDON_BUS_ACCESS_TALK;
  return CORDON_BUS_ACCESS_NONE;
}

/**
 * cordon_bus_policy_add:
 * @self: a bus policy
 * @name: a bus name (see cordon_bus_policy_check_name())
 * @access: %CORDON_BUS_ACCESS_TALK or %CORDON_BUS_ACCESS_OWN
 * @error: return location for a #GError in the %CORDON_ERROR domain
 *
 * Lists @name. A name already there keeps the wider access. Emits
 * #CordonBusPolicy::changed.
 *
 * Returns: %TRUE on success, %FALSE with @error set for an invalid name
 */
gboolean
cordon_bus_policy_add (CordonBusPolicy  *self,
                       const char       *name,
                       CordonBusAccess   access,
                       GError          **error)
{
  CordonBusAccess current;
  guint index;

  g_return_val_if_fail (CORDON_IS_BUS_POLICY (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (access == CORDON_BUS_ACCESS_TALK || access == CORDON_BUS_ACCESS_OWN,
                        FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!cordon_bus_policy_check_name (name, error))
    return FALSE;

  current = cordon_bus_policy_lookup (self, name);
  if (current >= access)
    return TRUE;
  if (current == CORDON_BUS_ACCESS_TALK && find_name (self->talk, name, &index))
    g_ptr_array_remove_index (self->talk, index);

  if (access == CORDON_BUS_ACCESS_OWN)
    g_ptr_array_insert (self->own, self->own->len - 1, g_strdup (name));
  else
    g_ptr_array_insert (self->talk, self->talk->len - 1, g_strdup (name));
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

/**
 * cordon_bus_policy_remove:
 * @self: a bus policy
 * @name: a bus name
 *
 * Takes @name out of the policy, emitting #CordonBusPolicy::changed.
 *
 * Returns: %FALSE if @name was not there
 */
gboolean
cordon_bus_policy_remove (CordonBusPolicy *self,
                          const char      *name)
{
  guint index;

  g_return_val_if_fail (CORDON_IS_BUS_POLICY (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (find_name (self->own, name, &index))
    g_ptr_array_remove_index (self->own, index);
  else if (find_name (self->talk, name, &index))
    g_ptr_array_remove_index (self->talk, index);
  else
    return FALSE;
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

/**
 * cordon_bus_policy_get_talk:
 * @self: a bus policy
 *
 * The names the program may talk to (and not own), in the order they were
 * added.
 *
 * Returns: (transfer none) (array zero-terminated=1): the names, valid until
 *   the policy changes
 */
const char * const *
cordon_bus_policy_get_talk (CordonBusPolicy *self)
{
  g_return_val_if_fail (CORDON_IS_BUS_POLICY (self), NULL);

  return (const char * const *) self->talk->pdata;
}

/**
 * cordon_bus_policy_get_own:
 * @self: a bus policy
 *
 * The names the program may own (and talk to), in the order they were
 * added.
 *
 * Returns: (transfer none) (array zero-terminated=1): the names, valid until
 *   the policy changes
 */
const char * const *
cordon_bus_policy_get_own (CordonBusPolicy *self)
{
  g_return_val_if_fail (CORDON_IS_BUS_POLICY (self), NULL);

  return (const char * const *) self->own->pdata;
}

/**
 * cordon_bus_policy_equal:
 * @a: a bus policy
 * @b: another bus policy
 *
 * Whether both list the same names with the same access.
 *
 * Returns: %TRUE if the policies are the same
 */
gboolean
cordon_bus_policy_equal (CordonBusPolicy *a,
                         CordonBusPolicy *b)
{
  g_return_val_if_fail (CORDON_IS_BUS_POLICY (a), FALSE);
  g_return_val_if_fail (CORDON_IS_BUS_POLICY (b), FALSE);

  return g_strv_equal ((const char * const *) a->talk->pdata,
                       (const char * const *) b->talk->pdata)
         && g_strv_equal ((const char * const *) a->own->pdata,
                          (const char * const *) b->own->pdata);
}

/* Profiles and presets ------------------------------------------------------ */

static gboolean
set_json_error (GError    **error,
                const char *field,
                const char *words)
{
  g_set_error (error, CORDON_ERROR, CORDON_ERROR_INVALID_STATE, "%s: %s", field, words);
  return FALSE;
}

static gboolean
read_names (CordonBusPolicy  *policy,
            CordonJsonValue  *object,
            const char       *member,
            CordonBusAccess   access,
            GError          **error)
{
  g_autofree char *field = g_strconcat ("dbus_session.", member, NULL);
  CordonJsonValue *node = cordon_json_object_get (object, member);
  CordonJsonValue *names;

  if (node == NULL)
    return TRUE;
  if (cordon_json_value_get_kind (node) != CORDON_JSON_ARRAY)
    return set_json_error (error, field, _("expected a list of bus names"));
  names = node;
  for (guint i = 0; i < cordon_json_array_get_length (names); i++)
    {
      CordonJsonValue *name = cordon_json_array_get (names, i);
      g_autofree char *item = g_strdup_printf ("%s[%u]", field, i);
      g_autoptr(GError) local_error = NULL;

      if (cordon_json_value_get_kind (name) != CORDON_JSON_STRING)
        return set_json_error (error, item, _("expected a bus name in quotes"));
      if (!cordon_bus_policy_add (policy, cordon_json_value_get_string (name), access, &local_error))
        return set_json_error (error, item, local_error->message);
    }
  return TRUE;
}

gboolean
cordon_bus_policy_read_json (CordonJsonValue  *root,
                             CordonBusPolicy **out_policy,
                             GError          **error)
{
  CordonJsonValue *node = cordon_json_object_get (root, "dbus_session");
  g_autoptr(CordonBusPolicy) policy = NULL;

  *out_policy = NULL;
  if (node == NULL)
    return TRUE;
  if (cordon_json_value_get_kind (node) != CORDON_JSON_OBJECT)
    return set_json_error (error, "dbus_session",
                           _("expected an object with “talk” and “own” lists"));

  policy = cordon_bus_policy_new ();
  if (!read_names (policy, node, "talk", CORDON_BUS_ACCESS_TALK, error)
      || !read_names (policy, node, "own", CORDON_BUS_ACCESS_OWN, error))
    return FALSE;
  *out_policy = g_steal_pointer (&policy);
  return TRUE;
}

static void
write_names (GString            *out,
             const char         *member,
             const char * const *names)
{
  g_string_append_printf (out, "    \"%s\": [", member);
  for (guint i = 0; names[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      cordon_json_append_string (out, names[i]);
    }
  g_string_append (out, "]");
}

void
cordon_bus_policy_write_json (CordonBusPolicy *policy,
                              GString         *out)
{
  if (policy == NULL)
    return;
  g_string_append (out, "  \"dbus_session\": {\n");
  write_names (out, "talk", cordon_bus_policy_get_talk (policy));
  g_string_append (out, ",\n");
  write_names (out, "own", cordon_bus_policy_get_own (policy));
  g_string_append (out, "\n  },\n");
}
