/* cordon-query-result.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cordon-enums.h"
#include "cordon-json-private.h"
#include "cordon-query-result-private.h"

struct _CordonQueryResult
{
  GObject            parent_instance;

  CordonQueryStatus  status;
  CordonQueryReason  reason;
  char              *path;
  char              *granted_path;
  CordonAccessMode   access;
  CordonAccessMode   requested;
};

/**
 * CordonQueryStatus:
 * @CORDON_QUERY_STATUS_ALLOWED: the access would be allowed
 * @CORDON_QUERY_STATUS_DENIED: the access would be denied
 *
 * The verdict of a query.
 */

/**
 * CordonQueryReason:
 * @CORDON_QUERY_REASON_GRANTED_PATH: allowed: rules cover the path with enough access
 * @CORDON_QUERY_REASON_PATH_NOT_GRANTED: denied: no rule covers the path
 * @CORDON_QUERY_REASON_INSUFFICIENT_ACCESS: denied: rules cover the path, but
 *   grant less than was requested
 * @CORDON_QUERY_REASON_NETWORK_ALLOWED: the network is allowed
 * @CORDON_QUERY_REASON_NETWORK_BLOCKED: the network is blocked
 *
 * Why a query was answered the way it was.
 */

/**
 * CordonQueryResult:
 *
 * The answer of a #CordonQueryContext: allowed or denied, and why.
 */
G_DEFINE_FINAL_TYPE (CordonQueryResult, cordon_query_result, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_STATUS,
  PROP_REASON,
  PROP_PATH,
  PROP_GRANTED_PATH,
  PROP_ACCESS,
  PROP_REQUESTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cordon_query_result_finalize (GObject *object)
{
  CordonQueryResult *self = CORDON_QUERY_RESULT (object);

  g_free (self->path);
  g_free (self->granted_path);

  G_OBJECT_CLASS (cordon_query_result_parent_class)->finalize (object);
}

static void
cordon_query_result_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CordonQueryResult *self = CORDON_QUERY_RESULT (object);

  switch (prop_id)
    {
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case PROP_REASON:
      g_value_set_enum (value, self->reason);
      break;
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_GRANTED_PATH:
      g_value_set_string (value, self->granted_path);
      break;
    case PROP_ACCESS:
      g_value_set_flags (value, self->access);
      break;
    case PROP_REQUESTED:
      g_value_set_flags (value, self->requested);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cordon_query_result_class_init (CordonQueryResultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = cordon_query_result_finalize;
  object_class->get_property = cordon_query_result_get_property;

  /* Read-only, so a UI can bind to a result it shows. */
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, CORDON_TYPE_QUERY_STATUS,
                       CORDON_QUERY_STATUS_DENIED, flags);
  properties[PROP_REASON] =
    g_param_spec_enum ("reason", NULL, NULL, CORDON_TYPE_QUERY_REASON,
                       CORDON_QUERY_REASON_PATH_NOT_GRANTED, flags);
  properties[PROP_PATH] = g_param_spec_string ("path", NULL, NULL, NULL, flags);
  properties[PROP_GRANTED_PATH] = g_param_spec_string ("granted-path", NULL, NULL, NULL, flags);
  properties[PROP_ACCESS] =
    g_param_spec_flags ("access", NULL, NULL, CORDON_TYPE_ACCESS_MODE, 0, flags);
  properties[PROP_REQUESTED] =
    g_param_spec_flags ("requested", NULL, NULL, CORDON_TYPE_ACCESS_MODE, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cordon_query_result_init (CordonQueryResult *self)
{
}

CordonQueryResult *
cordon_query_result_new (CordonQueryStatus  status,
                         CordonQueryReason  reason,
                         const char        *path,
                         const char        *granted_path,
                         CordonAccessMode   access,
                         CordonAccessMode   requested)
{
  CordonQueryResult *self = g_object_new (CORDON_TYPE_QUERY_RESULT, NULL);

  self->status = status;
  self->reason = reason;
  self->path = g_strdup (path);
  self->granted_path = g_strdup (granted_path);
  self->access = access;
  self->requested = requested;

  return self;
}

/**
 * cordon_query_result_get_status:
 * @self: a query result
 *
 * The verdict: allowed or denied.
 *
 * Returns: whether the access would be allowed or denied
 */
CordonQueryStatus
cordon_query_result_get_status (CordonQueryResult *self)
{
  g_return_val_if_fail (CORDON_IS_QUERY_RESULT (self), CORDON_QUERY_STATUS_DENIED);
  return self->status;
}

/**
 * cordon_query_result_is_allowed:
 * @self: a query result
 *
 * Whether the access would be allowed.
 *
 * Returns: %TRUE if the access would be allowed
 */
gboolean
cordon_query_result_is_allowed (CordonQueryResult *self)
{
  g_return_val_if_fail (CORDON_IS_QUERY_RESULT (self), FALSE);
  return self->status == CORDON_QUERY_STATUS_ALLOWED;
}

/**
 * cordon_query_result_get_reason:
 * @self: a query result
 *
 * Why the access would be allowed or denied.
 *
 * Returns: why the access would be allowed or denied
 */
CordonQueryReason
cordon_query_result_get_reason (CordonQueryResult *self)
{
  g_return_val_if_fail (CORDON_IS_QUERY_RESULT (self), CORDON_QUERY_REASON_PATH_NOT_GRANTED);
  return self->reason;
}

/**
 * cordon_query_result_get_path:
 * @self: a query result
 *
 * The path that was looked up.
 *
 * Returns: (nullable): the canonical path that was looked up, the way the
 *   kernel will walk it; %NULL for a network query
 */
const char *
cordon_query_result_get_path (CordonQueryResult *self)
{
  g_return_val_if_fail (CORDON_IS_QUERY_RESULT (self), NULL);
  return self->path;
}

/**
 * cordon_query_result_get_granted_path:
 * @self: a query result
 *
 * The rule that grants access to the path, if any.
 *
 * Returns: (nullable): the resolved path of the most specific rule that
 *   contributes access, or %NULL when no rule covers the path
 */
const char *
cordon_query_result_get_granted_path (CordonQueryResult *self)
{
  g_return_val_if_fail (CORDON_IS_QUERY_RESULT (self), NULL);
  return self->granted_path;
}

/**
 * cordon_query_result_get_access:
 * @self: a query result
 *
 * The effective mode: the union of every rule that covers the path, as the
 * kernel combines them.
 *
 * Returns: the effective mode, 0 when no rule covers the path
 */
CordonAccessMode
cordon_query_result_get_access (CordonQueryResult *self)
{
  g_return_val_if_fail (CORDON_IS_QUERY_RESULT (self), 0);
  return self->access;
}

/**
 * cordon_query_result_get_requested:
 * @self: a query result
 *
 * The mode that was asked about.
 *
 * Returns: the mode that was asked about (0 for a network query)
 */
CordonAccessMode
cordon_query_result_get_requested (CordonQueryResult *self)
{
  g_return_val_if_fail (CORDON_IS_QUERY_RESULT (self), 0);
  return self->requested;
}

static void
append_member (GString    *out,
               const char *key,
               const char *value)
{
  g_string_append_c (out, out->len == 0 ? '{' : ',');
  cordon_json_append_string (out, key);
  g_string_append_c (out, ':');
  cordon_json_append_string (out, value);
}

/**
 * cordon_query_result_to_json:
 * @self: a query result
 *
 * One JSON object: "status", "reason", then the reason's own keys, e.g.
 * `{"status":"allowed","reason":"granted_path","granted_path":"/tmp","access":"ReadWrite"}`.
 *
 * Returns: (transfer full): the JSON text
 */
char *
cordon_query_result_to_json (CordonQueryResult *self)
{
  GString *out;

  g_return_val_if_fail (CORDON_IS_QUERY_RESULT (self), NULL);

  out = g_string_new (NULL);
  append_member (out, "status", cordon_query_status_to_string (self->status));
  append_member (out, "reason", cordon_query_reason_to_string (self->reason));

  switch (self->reason)
    {
    case CORDON_QUERY_REASON_GRANTED_PATH:
      append_member (out, "granted_path", self->granted_path);
      append_member (out, "access", cordon_access_mode_to_string (self->access));
      break;
    case CORDON_QUERY_REASON_GRANTED_SOCKET:
      append_member (out, "granted_path", self->granted_path);
      break;
    case CORDON_QUERY_REASON_INSUFFICIENT_ACCESS:
      append_member (out, "granted", cordon_access_mode_to_string (self->access));
      append_member (out, "requested", cordon_access_mode_to_string (self->requested));
      break;
    case CORDON_QUERY_REASON_PATH_NOT_GRANTED:
    case CORDON_QUERY_REASON_NETWORK_ALLOWED:
    case CORDON_QUERY_REASON_NETWORK_BLOCKED:
    case CORDON_QUERY_REASON_SOCKET_NOT_GRANTED:
    default:
      break;
    }

  g_string_append_c (out, '}');
  return g_string_free (out, FALSE);
}

/**
 * cordon_query_status_to_string:
 * @status: a query status
 *
 * The name of a status, as the query's JSON writes it.
 *
 * Returns: (nullable): "allowed" or "denied"; %NULL for an unknown value
 */
const char *
cordon_query_status_to_string (CordonQueryStatus status)
{
  switch (status)
    {
    case CORDON_QUERY_STATUS_ALLOWED:
      return "allowed";
    case CORDON_QUERY_STATUS_DENIED:
      return "denied";
    default:
      return NULL;
    }
}

/**
 * cordon_query_reason_to_string:
 * @reason: a query reason
 *
 * The name of a reason, as the query's JSON writes it.
 *
 * Returns: (nullable): "granted_path", "path_not_granted",
 *   "insufficient_access", "network_allowed" or "network_blocked"; %NULL for
 *   an unknown value
 */
const char *
cordon_query_reason_to_string (CordonQueryReason reason)
{
  switch (reason)
    {
    case CORDON_QUERY_REASON_GRANTED_PATH:
      return "granted_path";
    case CORDON_QUERY_REASON_PATH_NOT_GRANTED:
      return "path_not_granted";
    case CORDON_QUERY_REASON_INSUFFICIENT_ACCESS:
      return "insufficient_access";
    case CORDON_QUERY_REASON_NETWORK_ALLOWED:
      return "network_allowed";
    case CORDON_QUERY_REASON_NETWORK_BLOCKED:
      return "network_blocked";
    case CORDON_QUERY_REASON_GRANTED_SOCKET:
      return "granted_socket";
    case CORDON_QUERY_REASON_SOCKET_NOT_GRANTED:
      return "socket_not_granted";
    default:
      return NULL;
    }
}
