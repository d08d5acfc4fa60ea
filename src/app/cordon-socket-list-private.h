/* cordon-socket-list-private.h: what tests reach inside Local Services
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cordon-socket-list.h"

G_BEGIN_DECLS

GtkListBox  *cordon_socket_list_get_list_box         (CordonSocketList *self);
AdwEntryRow *cordon_socket_list_get_path_entry       (CordonSocketList *self);
GtkLabel    *cordon_socket_list_get_validation_label (CordonSocketList *self);
GtkButton   *cordon_socket_list_get_add_button       (CordonSocketList *self);
/* What the file chooser's answer does, without the chooser. */
gboolean     cordon_socket_list_add_path             (CordonSocketList *self,
                                                      const char       *path,
                                                      GError          **error);

G_END_DECLS
