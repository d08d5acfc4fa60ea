/* cordon-document.h: one profile being edited: the rules, its file, unsaved changes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cordon.h"

G_BEGIN_DECLS

#define CORDON_TYPE_DOCUMENT (cordon_document_get_type ())
G_DECLARE_FINAL_TYPE (CordonDocument, cordon_document, CORDON, DOCUMENT, GObject)

CordonDocument      *cordon_document_new                 (void);

/* The model every widget edits. Loading a file replaces it (notify::caps). */
CordonCapabilitySet *cordon_document_get_caps            (CordonDocument *self);
/* The profile's file, or NULL for a profile never saved. */
GFile               *cordon_document_get_file            (CordonDocument *self);
gboolean             cordon_document_get_modified        (CordonDocument *self);
void                 cordon_document_set_modified        (CordonDocument *self,
                                                          gboolean        modified);
gboolean             cordon_document_get_network_blocked (CordonDocument *self);
void                 cordon_document_set_network_blocked (CordonDocument *self,
                                                          gboolean        blocked);
/* The format the file is saved in: the opened file's, CORDON for a new one. */
CordonStateFormat    cordon_document_get_format          (CordonDocument *self);
void                 cordon_document_set_format          (CordonDocument    *self,
                                                          CordonStateFormat  format);
/* A fresh profile nobody has touched: opening a file may reuse its window. */
gboolean             cordon_document_is_pristine         (CordonDocument *self);

/* The file name, or "New Profile". */
char                *cordon_document_dup_title           (CordonDocument *self);
/* The folder holding the file ("~/…"), or NULL. */
char                *cordon_document_dup_subtitle        (CordonDocument *self);

/* Reads @file asynchronously. On any error the document is left exactly
 * as it was. Rules whose paths vanished, or that a planted link redirects,
 * are kept for the editor to flag (saving writes the latter back as the
 * file had them). */
void                 cordon_document_load_async          (CordonDocument      *self,
                                                          GFile               *file,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
gboolean             cordon_document_load_finish         (CordonDocument      *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);
/* Writes the profile as it is now to @file (NULL: the current file),
 * atomically. Edits made while it is written leave the document modified;
 * on failure it stays modified. */
void                 cordon_document_save_async          (CordonDocument      *self,
                                                          GFile               *file,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
gboolean             cordon_document_save_finish         (CordonDocument      *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);
/* The profile as it is now, unsaved edits included, in the written format. */
char                *cordon_document_to_json             (CordonDocument *self);

G_END_DECLS
