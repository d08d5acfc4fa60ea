/* cordon-sandbox-state-private.h: what the profile's reader and writer share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cordon-bus-policy-private.h"
#include "cordon-sandbox-state.h"

G_BEGIN_DECLS

typedef struct
{
  char             *original; /* NULL when the profile did not record one; may be
                               * relative (nono writes "." as the user typed it) */
  char             *path;     /* resolved, as recorded; always absolute */
  CordonAccessMode  access;
  gboolean          is_file;
  gboolean          native;   /* read from nono's "original"/"resolved" form */
} CordonStateEntry;

struct _CordonSandboxState
{
  GObject            parent_instance;

  GArray            *entries; /* of CordonStateEntry */
  GArray            *sockets; /* of CordonStateEntry; access unused */
  gboolean           network_blocked;
  CordonBusPolicy   *bus_policy; /* "dbus_session"; NULL: no bus */
  CordonStateFormat  format;  /* the form the file was read in */
};

G_END_DECLS
