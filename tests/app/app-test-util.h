/* app-test-util.h: driving the real app in tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cordon-application.h"
#include "cordon-document.h"
#include "cordon-window.h"

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
/* The toasts on screen or queued on the toast overlay around @widget (or
 * inside it, for a window), oldest first, read off the real toast widgets;
 * each is dismissed once read. NULL-terminated; empty when there are none. */
GStrv              app_test_take_toasts   (GtkWidget *widget);
/* The newest of app_test_take_toasts (), or NULL. */
char              *app_test_last_toast    (GtkWidget *widget);
/* The document's asynchronous load and save, waited for. */
gboolean           app_test_load_document (CordonDocument *document,
                                           GFile          *file,
                                           GError        **error);
gboolean           app_test_save_document (CordonDocument *document,
                                           GFile          *file,
                                           GError        **error);
/* A new window of the default application, shown and settled. */
CordonWindow      *app_test_new_window    (void);
/* The profile the window edits. */
CordonCapabilitySet *app_test_window_caps (CordonWindow *window);
/* app_test_wait () conditions: some window of the default application
 * shows the GFile @data; the CordonDocument @data has no unsaved changes. */
gboolean           app_test_file_is_open  (gpointer data);
gboolean           app_test_document_is_saved (gpointer data);
/* A fresh directory under the system's temporary folder. */
char              *app_test_make_tmp_dir  (void);
/* rm -r, for what the tests made */
void               app_test_remove_tree   (const char *path);
char              *app_test_write_file    (const char *dir,
                                           const char *name,
                                           const char *contents);

G_END_DECLS
