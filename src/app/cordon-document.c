/* cordon-document.c: one profile being edited: the rules, its file, unsaved changes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cordon-app-util.h"
#include "cordon-document.h"

struct _CordonDocument
{
  GObject              parent_instance;

  CordonCapabilitySet *caps;
  GFile               *file;
  gboolean             modified;
  guint                serial;    /* counts edits, so a save knows what it wrote */
  CordonStateFormat    format;    /* the file's, kept when it is saved */
};

G_DEFINE_FINAL_TYPE (CordonDocument, cordon_document, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CAPS,
  PROP_FILE,
  PROP_MODIFIED,
  PROP_NETWORK_BLOCKED,
  PROP_TITLE,
  PROP_SUBTITLE,
  PROP_FORMAT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
on_items_changed (CordonDocument *self)
{
  self->serial++;
  cordon_document_set_modified (self, TRUE);
}

static void
on_network_blocked_changed (CordonDocument *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NETWORK_BLOCKED]);
  self->serial++;
  cordon_document_set_modified (self, TRUE);
}

static void
set_caps (CordonDocument      *self,
          CordonCapabilitySet *caps)
{
  gboolean was_blocked = FALSE;

  if (self->caps != NULL)
    {
      was_blocked = cordon_capability_set_is_network_blocked (self->caps);
      g_signal_handlers_disconnect_by_data (self->caps, self);
      g_signal_handlers_disconnect_by_data (cordon_capability_set_get_sockets (self->caps), self);
    }
  g_set_object (&self->caps, caps);
  g_signal_connect_object (caps, "items-changed",
                           G_CALLBACK (on_items_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (cordon_capability_set_get_sockets (caps), "items-changed",
                           G_CALLBACK (on_items_changed), self, G_CONNECT_SWAPPED);
  /* Switching the bus on or off, and every name added or removed. */
  g_signal_connect_object (caps, "notify::bus-policy",
                           G_CALLBACK (on_items_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (caps, "notify::network-blocked",
                           G_CALLBACK (on_network_blocked_changed), self, G_CONNECT_SWAPPED);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAPS]);
  if (was_blocked != cordon_capability_set_is_network_blocked (caps))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NETWORK_BLOCKED]);
}

static void
cordon_document_dispose (GObject *object)
{
  CordonDocument *self = CORDON_DOCUMENT (object);

  if (self->caps != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->caps, self);
      g_signal_handlers_disconnect_by_data (cordon_capability_set_get_sockets (self->caps), self);
    }
  g_clear_object (&self->caps);
  g_clear_object (&self->file);

  G_OBJECT_CLASS (cordon_document_parent_class)->dispose (object);
}

static void
cordon_document_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CordonDocument *self = CORDON_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_CAPS:
      g_value_set_object (value, self->caps);
      break;
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, self->modified);
      break;
    case PROP_NETWORK_BLOCKED:
      g_value_set_boolean (value, cordon_document_get_network_blocked (self));
      break;
    case PROP_TITLE:
      g_value_take_string (value, cordon_document_dup_title (self));
      break;
    case PROP_SUBTITLE:
      g_value_take_string (value, cordon_document_dup_subtitle (self));
      break;
    case PROP_FORMAT:
      g_value_set_enum (value, self->format);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cordon_document_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CordonDocument *self = CORDON_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_MODIFIED:
      cordon_document_set_modified (self, g_value_get_boolean (value));
      break;
    case PROP_NETWORK_BLOCKED:
      cordon_document_set_network_blocked (self, g_value_get_boolean (value));
      break;
    case PROP_FORMAT:
      cordon_document_set_format (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cordon_document_class_init (CordonDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cordon_document_dispose;
  object_class->get_property = cordon_document_get_property;
  object_class->set_property = cordon_document_set_property;

  properties[PROP_CAPS] =
    g_param_spec_object ("caps", NULL, NULL, CORDON_TYPE_CAPABILITY_SET,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NETWORK_BLOCKED] =
    g_param_spec_boolean ("network-blocked", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The file's format: kept from the file that was opened, so a nono
   * profile is saved back as nono; Save As can change it. */
  properties[PROP_FORMAT] =
    g_param_spec_enum ("format", NULL, NULL, CORDON_TYPE_STATE_FORMAT,
                       CORDON_STATE_FORMAT_CORDON,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cordon_document_init (CordonDocument *self)
{
  g_autoptr(CordonCapabilitySet) caps = cordon_capability_set_new ();

  set_caps (self, caps);
}

CordonDocument *
cordon_document_new (void)
{
  return g_object_new (CORDON_TYPE_DOCUMENT, NULL);
}

CordonCapabilitySet *
cordon_document_get_caps (CordonDocument *self)
{
  g_return_val_if_fail (CORDON_IS_DOCUMENT (self), NULL);
  return self->caps;
}

GFile *
cordon_document_get_file (CordonDocument *self)
{
  g_return_val_if_fail (CORDON_IS_DOCUMENT (self), NULL);
  return self->file;
}

gboolean
cordon_document_get_modified (CordonDocument *self)
{
  g_return_val_if_fail (CORDON_IS_DOCUMENT (self), FALSE);
  return self->modified;
}

void
cordon_document_set_modified (CordonDocument *self,
                              gboolean        modified)
{
  g_return_if_fail (CORDON_IS_DOCUMENT (self));

  modified = !!modified;
  if (self->modified == modified)
    return;
  self->modified = modified;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

gboolean
cordon_document_get_network_blocked (CordonDocument *self)
{
  g_return_val_if_fail (CORDON_IS_DOCUMENT (self), FALSE);
  return cordon_capability_set_is_network_blocked (self->caps);
}

void
cordon_document_set_network_blocked (CordonDocument *self,
                                     gboolean        blocked)
{
  g_return_if_fail (CORDON_IS_DOCUMENT (self));

  /* The set notifies, and on_network_blocked_changed passes it on. */
  if (!!blocked != !!cordon_capability_set_is_network_blocked (self->caps))
    cordon_capability_set_set_network_blocked (self->caps, blocked);
}

CordonStateFormat
cordon_document_get_format (CordonDocument *self)
{
  g_return_val_if_fail (CORDON_IS_DOCUMENT (self), CORDON_STATE_FORMAT_CORDON);
  return self->format;
}

void
cordon_document_set_format (CordonDocument    *self,
                            CordonStateFormat  format)
{
  g_return_if_fail (CORDON_IS_DOCUMENT (self));

  if (self->format == format)
    return;
  self->format = format;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FORMAT]);
}

gboolean
cordon_document_is_pristine (CordonDocument *self)
{
  g_return_val_if_fail (CORDON_IS_DOCUMENT (self), FALSE);
  return self->file == NULL && !self->modified;
}

char *
cordon_document_dup_title (CordonDocument *self)
{
  g_return_val_if_fail (CORDON_IS_DOCUMENT (self), NULL);

  if (self->file == NULL)
    return g_strdup (_("New Profile"));
  return g_file_get_basename (self->file);
}

char *
cordon_document_dup_subtitle (CordonDocument *self)
{
  g_autoptr(GFile) parent = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (CORDON_IS_DOCUMENT (self), NULL);

  if (self->file == NULL || (parent = g_file_get_parent (self->file)) == NULL)
    return NULL;
  if ((path = g_file_get_path (parent)) == NULL)
    return g_file_get_uri (parent);
  return cordon_path_to_display (path);
}

static void
set_file (CordonDocument *self,
          GFile          *file)
{
  if (self->file != NULL && file != NULL && g_file_equal (self->file, file))
    return;
  g_set_object (&self->file, file);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBTITLE]);
}

static char *
local_path (GFile   *file,
            GError **error)
{
  char *path = g_file_get_path (file);

  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("“%s” is not on this computer; only local files can be used"), uri);
    }
  return path;
}

/* Loading -------------------------------------------------------------- */

/* Reading stops one byte past the engine's limit, so a huge file costs no
 * more than that, and the engine's reader refuses it in its own words. */
static gboolean
read_more (const char *contents,
           goffset     size,
           gpointer    user_data)
{
  return size <= CORDON_STATE_MAX_BYTES;
}

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CordonDocument *self = g_task_get_source_object (task);
  GFile *file = G_FILE (source);
  g_autoptr(CordonSandboxState) state = NULL;
  g_autoptr(CordonCapabilitySet) caps = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  if (!g_file_load_partial_contents_finish (file, result, &contents, &length, NULL, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if ((state = cordon_sandbox_state_from_json (contents, length, &error)) == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);

      /* Translators: %s is a file; the reason follows */
      g_prefix_error (&error, _("“%s”: "), name);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  caps = cordon_sandbox_state_to_caps_full (state,
                                            CORDON_TO_CAPS_KEEP_MISSING |
                                            CORDON_TO_CAPS_KEEP_PLANTED,
                                            &error);
  if (caps == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  set_caps (self, caps);
  set_file (self, file);
  cordon_document_set_format (self, cordon_sandbox_state_get_format (state));
  cordon_document_set_modified (self, FALSE);
  g_task_return_boolean (task, TRUE);
}

void
cordon_document_load_async (CordonDocument      *self,
                            GFile               *file,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;
  GError *error = NULL;

  g_return_if_fail (CORDON_IS_DOCUMENT (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cordon_document_load_async);
  if ((path = local_path (file, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_file_load_partial_contents_async (file, cancellable, read_more, on_loaded,
                                      g_steal_pointer (&task));
}

gboolean
cordon_document_load_finish (CordonDocument  *self,
                             GAsyncResult    *result,
                             GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Saving --------------------------------------------------------------- */

typedef struct
{
  GFile *file;
  guint  serial;  /* the edit the written text is from */
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_object (&data->file);
  g_free (data);
}

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CordonDocument *self = g_task_get_source_object (task);
  SaveData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  set_file (self, data->file);
  /* An edit made while the file was written is not in it. */
  if (self->serial == data->serial)
    cordon_document_set_modified (self, FALSE);
  g_task_return_boolean (task, TRUE);
}

void
cordon_document_save_async (CordonDocument      *self,
                            GFile               *file,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CordonSandboxState) state = NULL;
  g_autofree char *path = NULL;
  SaveData *data;
  GError *error = NULL;
  char *json;

  g_return_if_fail (CORDON_IS_DOCUMENT (self));
  g_return_if_fail (file == NULL || G_IS_FILE (file));
  g_return_if_fail (file != NULL || self->file != NULL);

  if (file == NULL)
    file = self->file;
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cordon_document_save_async);
  if ((path = local_path (file, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  data = g_new0 (SaveData, 1);
  data->file = g_object_ref (file);
  data->serial = self->serial;
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);

  /* In the file's own format: a nono profile stays nono. */
  state = cordon_sandbox_state_from_caps (self->caps);
  json = cordon_sandbox_state_to_json (state, self->format);
  bytes = g_bytes_new_take (json, strlen (json));
  /* Replacing writes a temporary file and renames it over the old one: the
   * previous profile survives any failure. */
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_NONE,
                                       cancellable, on_saved, g_steal_pointer (&task));
}

gboolean
cordon_document_save_finish (CordonDocument  *self,
                             GAsyncResult    *result,
                             GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

char *
cordon_document_to_json (CordonDocument *self)
{
  g_autoptr(CordonSandboxState) state = NULL;

  g_return_val_if_fail (CORDON_IS_DOCUMENT (self), NULL);

  state = cordon_sandbox_state_from_caps (self->caps);
  return cordon_sandbox_state_to_json (state, CORDON_STATE_FORMAT_CORDON);
}
