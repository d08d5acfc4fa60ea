/* cordon-file-chooser.h: the one place that picks GtkFileChooserNative or GtkFileDialog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "cordon.h"

G_BEGIN_DECLS

typedef enum
{
  CORDON_CHOOSE_OPEN_FILE,
  CORDON_CHOOSE_OPEN_FOLDER,
  CORDON_CHOOSE_SAVE,
} CordonChooseMode;

/* @file is NULL when the person cancelled. */
typedef void (*CordonFileChosenFunc) (GFile    *file,
                                      gpointer  user_data);

/* Shows a modal chooser for @parent. @filter (nullable) is offered first,
 * next to "All Files". @initial_name is the suggested name when saving,
 * @initial_folder where the chooser starts (both nullable; no folder means
 * the home folder, never Recent). */
void           cordon_file_chooser_run            (GtkWindow           *parent,
                                                   CordonChooseMode     mode,
                                                   const char          *title,
                                                   const char          *accept_label,
                                                   GtkFileFilter       *filter,
                                                   const char          *initial_name,
                                                   GFile               *initial_folder,
                                                   CordonFileChosenFunc callback,
                                                   gpointer             user_data);

/* @file is NULL when the person cancelled; @format is the one chosen. */
typedef void (*CordonProfileChosenFunc) (GFile             *file,
                                         CordonStateFormat  format,
                                         gpointer           user_data);

/* Save As for a profile: a save chooser that also offers the format, as
 * its file types "Cordon (seed format)" and "nono", starting at @format. */
void           cordon_file_chooser_save_profile   (GtkWindow              *parent,
                                                   const char             *initial_name,
                                                   GFile                  *initial_folder,
                                                   CordonStateFormat       format,
                                                   CordonProfileChosenFunc callback,
                                                   gpointer                user_data);

/* "Cordon Profiles": *.json. */
GtkFileFilter *cordon_file_chooser_profile_filter (void);

G_END_DECLS
