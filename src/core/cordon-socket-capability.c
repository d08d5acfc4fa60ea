/* cordon-socket-capability.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cordon-socket-capability.h"

struct _CordonSocketCapability
{
  GObject   parent_instance;

  char     *original;
  char     *resolved;
  gboolean  is_file;
};

/**
 * CordonSocketCapability:
 *
 * One local-socket rule, immutable: a named UNIX socket made outside the
 * sandbox that the sandboxed program may reach, or a folder of them.
 */
G_DEFINE_FINAL_TYPE (CordonSocketCapability, cordon_socket_capability, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ORIGINAL,
  PROP_RESOLVED,
  PROP_IS_FILE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cordon_socket_capability_finalize (GObject *object)
{
  CordonSocketCapability *self = CORDON_SOCKET_CAPABILITY (object);

  g_free (self->original);
  g_free (self->resolved);

  G_OBJECT_CLASS (cordon_socket_capability_parent_class)->finalize (object);
}

static void
cordon_socket_capability_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  CordonSocketCapability *self = CORDON_SOCKET_CAPABILITY (object);

  switch (prop_id)
    {
    case PROP_ORIGINAL:
      g_value_set_string (value, self->original);
      break;
    case PROP_RESOLVED:
      g_value_set_string (value, self->resolved);
      break;
    case PROP_IS_FILE:
      g_value_set_boolean (value, self->is_file);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cordon_socket_capability_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  CordonSocketCapability *self = CORDON_SOCKET_CAPABILITY (object);

  switch (prop_id)
    {
    case PROP_ORIGINAL:
      self->original = g_value_dup_string (value);
      break;
    case PROP_RESOLVED:
      self->resolved = g_value_dup_string (value);
      break;
    case PROP_IS_FILE:
      self->is_file = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cordon_socket_capability_class_init (CordonSocketCapabilityClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY |
                      G_PARAM_STATIC_STRINGS;

  object_class->finalize = cordon_socket_capability_finalize;
  object_class->get_property = cordon_socket_capability_get_property;
  object_class->set_property = cordon_socket_capability_set_property;

  properties[PROP_ORIGINAL] =
    g_param_spec_string ("original", NULL, NULL, NULL, flags);
  properties[PROP_RESOLVED] =
    g_param_spec_string ("resolved", NULL, NULL, NULL, flags);
  properties[PROP_IS_FILE] =
    g_param_spec_boolean ("is-file", NULL, NULL, TRUE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cordon_socket_capability_init (CordonSocketCapability *self)
{
}

/**
 * cordon_socket_capability_new:
 * @original: the path as the caller gave it
 * @resolved: the canonical path
 * @is_file: %TRUE for one socket, %FALSE for a folder (every socket beneath it)
 *
 * Makes a local-socket rule as is, without looking at the filesystem. Use
 * cordon_capability_set_allow_socket() for user input: it validates.
 *
 * Returns: (transfer full): a new socket rule
 */
CordonSocketCapability *
cordon_socket_capability_new (const char *original,
                              const char *resolved,
                              gboolean    is_file)
{
  g_return_val_if_fail (resolved != NULL, NULL);

  return g_object_new (CORDON_TYPE_SOCKET_CAPABILITY,
                       "original", original != NULL ? original : resolved,
                       "resolved", resolved,
                       "is-file", is_file,
                       NULL);
}

/**
 * cordon_socket_capability_get_original:
 * @self: a socket rule
 *
 * The path as the caller gave it, before canonicalization.
 *
 * Returns: the path as given
 */
const char *
cordon_socket_capability_get_original (CordonSocketCapability *self)
{
  g_return_val_if_fail (CORDON_IS_SOCKET_CAPABILITY (self), NULL);
  return self->original;
}

/**
 * cordon_socket_capability_get_resolved:
 * @self: a socket rule
 *
 * The canonical path of the socket, or of the folder of sockets.
 *
 * Returns: the canonical path
 */
const char *
cordon_socket_capability_get_resolved (CordonSocketCapability *self)
{
  g_return_val_if_fail (CORDON_IS_SOCKET_CAPABILITY (self), NULL);
  return self->resolved;
}

/**
 * cordon_socket_capability_get_is_file:
 * @self: a socket rule
 *
 * Whether the rule names one socket rather than a folder of them.
 *
 * Returns: %TRUE for one socket, %FALSE for a folder
 */
gboolean
cordon_socket_capability_get_is_file (CordonSocketCapability *self)
{
  g_return_val_if_fail (CORDON_IS_SOCKET_CAPABILITY (self), FALSE);
  return self->is_file;
}
