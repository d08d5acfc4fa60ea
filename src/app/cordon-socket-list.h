/* cordon-socket-list.h: Local Services, the named sockets a program may reach
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "cordon.h"

G_BEGIN_DECLS

#define CORDON_TYPE_SOCKET_LIST (cordon_socket_list_get_type ())
G_DECLARE_FINAL_TYPE (CordonSocketList, cordon_socket_list, CORDON, SOCKET_LIST, GtkWidget)

GtkWidget           *cordon_socket_list_new      (void);
CordonCapabilitySet *cordon_socket_list_get_caps (CordonSocketList    *self);
void                 cordon_socket_list_set_caps (CordonSocketList    *self,
                                                  CordonCapabilitySet *caps);

/* Why a socket rule opens a way out of the sandbox (the session bus, tmux…),
 * or NULL. A folder entry is judged by the sockets it holds. */
char                *cordon_socket_dup_warning   (const char          *resolved,
                                                  gboolean             is_file);

G_END_DECLS
