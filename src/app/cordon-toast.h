/* cordon-toast.h: showing a toast from anywhere inside a window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Shows @toast (taken) on the AdwToastOverlay nearest above @widget, as
 * Text Editor's pages do; without one (a widget not in a window yet) the
 * toast is dropped. Children never need to know which window they are in. */
void cordon_toast_show      (GtkWidget  *widget,
                             AdwToast   *toast);
void cordon_toast_show_text (GtkWidget  *widget,
                             const char *text);

G_END_DECLS
