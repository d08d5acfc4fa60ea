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
  gboolean          borrowed; /* original and path are the state's JSON tree's */
} CordonStateEntry;

struct _CordonSandboxState
{
  GObject            parent_instance;

  GArray            *entries; /* of CordonStateEntry */
  GArray            *sockets; /* of CordonStateEntry; access unused */
  gboolean           network_blocked;
  CordonBusPolicy   *bus_policy; /* "dbus_session"; NULL: no bus */
  CordonStateFormat  format;  /* the form the file was read in */
  /* Keeps the tree the profile was read into, whose strings its entries
   * are (a copy of each was two allocations a rule), and which rules
   * loaded from them keep in turn; NULL when the entries own theirs. */
  GBytes            *tree;
};

/* cordon_sandbox_state_to_caps_full(): rules whose recorded path is
 * canonical text, and is what was looked up, are taken as recorded, without
 * looking at the filesystem (cordon_fs_capability_new_unchecked): the launch
 * path of cordon-run, where apply opens each path anyway and that open is
 * the check. Sockets are checked as usual. Never for --check, --query or an
 * editor: they must say now what is wrong. */
#define CORDON_TO_CAPS_UNCHECKED ((CordonToCapsFlags) (1 << 16))

G_END_DECLS
