/* cordon-query-result.h: the answer to "would this be allowed?"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "cordon-access-mode.h"
#include "cordon-version-macros.h"

G_BEGIN_DECLS

typedef enum
{
  CORDON_QUERY_STATUS_ALLOWED,
  CORDON_QUERY_STATUS_DENIED,
} CordonQueryStatus;

typedef enum
{
  CORDON_QUERY_REASON_GRANTED_PATH,        /* allowed; granted_path + access */
  CORDON_QUERY_REASON_PATH_NOT_GRANTED,    /* denied; no rule covers it */
  CORDON_QUERY_REASON_INSUFFICIENT_ACCESS, /* denied; granted (effective) + requested */
  CORDON_QUERY_REASON_NETWORK_ALLOWED,
  CORDON_QUERY_REASON_NETWORK_BLOCKED,
  CORDON_QUERY_REASON_GRANTED_SOCKET,      /* allowed; granted_path = the socket rule */
  CORDON_QUERY_REASON_SOCKET_NOT_GRANTED,  /* denied; no socket rule covers it */
} CordonQueryReason;

/* CORDON_TYPE_QUERY_STATUS and CORDON_TYPE_QUERY_REASON come from cordon-enums.h. */

#define CORDON_TYPE_QUERY_RESULT (cordon_query_result_get_type ())
CORDON_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (CordonQueryResult, cordon_query_result, CORDON, QUERY_RESULT, GObject)

CORDON_AVAILABLE_IN_ALL
CordonQueryStatus  cordon_query_result_get_status       (CordonQueryResult *self);
CORDON_AVAILABLE_IN_ALL
gboolean           cordon_query_result_is_allowed       (CordonQueryResult *self);
CORDON_AVAILABLE_IN_ALL
CordonQueryReason  cordon_query_result_get_reason       (CordonQueryResult *self);
/* The canonical path that was looked up (NULL for network queries). */
CORDON_AVAILABLE_IN_ALL
const char        *cordon_query_result_get_path         (CordonQueryResult *self);
/* The most specific contributing rule's resolved path, or NULL. */
CORDON_AVAILABLE_IN_ALL
const char        *cordon_query_result_get_granted_path (CordonQueryResult *self);
/* Effective mode: the union of every covering rule (0 when none). */
CORDON_AVAILABLE_IN_ALL
CordonAccessMode   cordon_query_result_get_access       (CordonQueryResult *self);
CORDON_AVAILABLE_IN_ALL
CordonAccessMode   cordon_query_result_get_requested    (CordonQueryResult *self);
/* "status", "reason", then the reason's own keys, in DESIGN.md's order. */
CORDON_AVAILABLE_IN_ALL
char              *cordon_query_result_to_json          (CordonQueryResult *self);

/* "allowed"/"denied", "granted_path"/"path_not_granted"/… */
CORDON_AVAILABLE_IN_ALL
const char *cordon_query_status_to_string (CordonQueryStatus status);
CORDON_AVAILABLE_IN_ALL
const char *cordon_query_reason_to_string (CordonQueryReason reason);

G_END_DECLS
