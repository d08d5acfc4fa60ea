/* cordon-blocked-access.h: one access the sandbox refused in a run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "cordon.h"

G_BEGIN_DECLS

typedef enum
{
  CORDON_BLOCKED_FS,
  CORDON_BLOCKED_NETWORK,
  CORDON_BLOCKED_SOCKET,
} CordonBlockedKind;

#define CORDON_TYPE_BLOCKED_ACCESS (cordon_blocked_access_get_type ())
G_DECLARE_FINAL_TYPE (CordonBlockedAccess, cordon_blocked_access, CORDON, BLOCKED_ACCESS, GObject)

/* From one record of cordon-run's report ({"kind":"fs",…}); NULL when
 * it is not one this version understands (a newer kind is skipped). */
CordonBlockedAccess *cordon_blocked_access_new_from_json (JsonObject          *record);

CordonBlockedKind    cordon_blocked_access_get_kind      (CordonBlockedAccess *self);
/* Absolute and canonical; NULL for the network. */
const char          *cordon_blocked_access_get_path      (CordonBlockedAccess *self);
CordonAccessMode     cordon_blocked_access_get_access    (CordonBlockedAccess *self);
/* "open", "create", "exec", "list", "remove", "rename", "link", "truncate" */
const char          *cordon_blocked_access_get_operation (CordonBlockedAccess *self);
/* "inet", "inet6", "netlink"…; NULL unless the network. */
const char          *cordon_blocked_access_get_family    (CordonBlockedAccess *self);
/* One line in words, ~ for the home folder: "Wanted to write ~/.config/x". */
char                *cordon_blocked_access_describe      (CordonBlockedAccess *self);

G_END_DECLS
