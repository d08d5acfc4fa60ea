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

CordonQueryStatus
cordon_query_result_get_status (CordonQueryResult *self)
{
  g_return_val_if_fail (CORDON_IS_QUERY_RESULT (self), CORDON_QUERY_STATUS_DENIED);
  return self->status;
}

gboolean
cordon_query_result_is_allowed (CordonQueryResult *self)
{
  g_return_val_if_fail (CORDON_IS_QUERY_RESULT (self), FALSE);
  return self->status == CORDON_QUERY_STATUS_ALLOWED;
}

CordonQueryReason
cordon_query_result_get_reason (CordonQueryResult *self)
{
  g_return_val_if_fail (CORDON_IS_QUERY_RESULT (self), CORDON_QUERY_REASON_PATH_NOT_GRANTED);
  return self->reason;
}

const char *
cordon_query_result_get_path (CordonQueryResult *self)
{
  g_return_val_if_fail (CORDON_IS_QUERY_RESULT (self), NULL);
  return self->path;
}

const char *
cordon_query_result_get_granted_path (CordonQueryResult *self)
{
  g_return_val_if_fail (CORDON_IS_QUERY_RESULT (self), NULL);
  return self->granted_path;
}

CordonAccessMode
cordon_query_result_get_access (CordonQueryResult *self)
{
  g_return_val_if_fail (CORDON_IS_QUERY_RESULT (self), 0);
  return self->access;
}

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
