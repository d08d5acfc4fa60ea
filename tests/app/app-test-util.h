/* app-test-util.h: driving the real app in tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cordon-application.h"

G_BEGIN_DECLS

/* g_test_init, GTK and libadwaita, and a registered, non-unique application
 * (tests run in parallel, each with its own). Recently used files go to a
 * temporary XDG_DATA_HOME. */
CordonApplication *app_test_init          (int    *argc,
                                           char ***argv);
/* Runs the main context until @condition (NULL: nothing is pending) or five
 * seconds pass; returns whether @condition held. */
gboolean           app_test_wait          (gboolean (*condition) (gpointer),
                                           gpointer  data);
void               app_test_spin          (void);
/* Lets @widget's frame clock run @n frames: layout and drawing happen there. */
void               app_test_wait_frames   (GtkWidget *widget,
                                           guint      n);
/* Destroys @window and asserts it is finalized, i.e. nothing leaked a
 * reference to it. */
void               app_test_destroy_window (GtkWindow *window);
/* Every descendant of @widget of @type, depth-first. */
GPtrArray         *app_test_find_widgets  (GtkWidget *widget,
                                           GType      type);
/* The AdwMessageDialog transient for @parent, or NULL. */
AdwMessageDialog  *app_test_find_dialog   (GtkWindow *parent);
/* A fresh directory under the system's temporary folder. */
char              *app_test_make_tmp_dir  (void);
/* rm -r, for what the tests made */
void               app_test_remove_tree   (const char *path);
char              *app_test_write_file    (const char *dir,
                                           const char *name,
                                           const char *contents);

G_END_DECLS
