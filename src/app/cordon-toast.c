/* cordon-toast.c: showing a toast from anywhere inside a window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cordon-toast.h"

void
cordon_toast_show (GtkWidget *widget,
                   AdwToast  *toast)
{
  GtkWidget *overlay;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (ADW_IS_TOAST (toast));

  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (overlay == NULL)
    {
      g_object_unref (toast);
      return;
    }
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

void
cordon_toast_show_text (GtkWidget  *widget,
                        const char *text)
{
  cordon_toast_show (widget, adw_toast_new (text));
}
