/* cordon-blocked-access.c: one access the sandbox refused in a run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>

#include <glib/gi18n.h>

#include "cordon-app-util.h"
#include "cordon-blocked-access.h"

struct _CordonBlockedAccess
{
  GObject           parent_instance;

  CordonBlockedKind kind;
  char             *path;
  CordonAccessMode  access;
  char             *operation;
  char             *family;
};

G_DEFINE_FINAL_TYPE (CordonBlockedAccess, cordon_blocked_access, G_TYPE_OBJECT)

static void
cordon_blocked_access_finalize (GObject *object)
{
  CordonBlockedAccess *self = CORDON_BLOCKED_ACCESS (object);

  g_free (self->path);
  g_free (self->operation);
  g_free (self->family);
  G_OBJECT_CLASS (cordon_blocked_access_parent_class)->finalize (object);
}

static void
cordon_blocked_access_class_init (CordonBlockedAccessClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cordon_blocked_access_finalize;
}

static void
cordon_blocked_access_init (CordonBlockedAccess *self)
{
}

static const char *
member_string (JsonObject *record,
               const char *name)
{
  JsonNode *node = json_object_get_member (record, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static char *
realpath_dup (const char *path)
{
  char *real = realpath (path, NULL);
  char *copy = g_strdup (real);

  free (real);
  return copy;
}

/* The path as a rule would hold it: Allow canonicalizes (symlinks
 * followed), so the row names that path, not the one the program spelled
 * — a planted link cannot make the row read as a harmless file. A path
 * that does not exist (yet) keeps its name under its canonical folder. */
static char *
canonical_path (const char *path)
{
  g_autofree char *folder = NULL;
  g_autofree char *name = NULL;
  g_autofree char *real_folder = NULL;
  char *real;

  if ((real = realpath_dup (path)) != NULL)
    return real;
  folder = g_path_get_dirname (path);
  name = g_path_get_basename (path);
  if ((real_folder = realpath_dup (folder)) != NULL && !g_str_equal (name, "..")
      && !g_str_equal (name, ".") && !g_str_equal (name, "/"))
    return g_build_filename (real_folder, name, NULL);
  return g_strdup (path);
}

CordonBlockedAccess *
cordon_blocked_access_new_from_json (JsonObject *record)
{
  g_autoptr (CordonBlockedAccess) self = g_object_new (CORDON_TYPE_BLOCKED_ACCESS, NULL);
  const char *kind = member_string (record, "kind");
  const char *path = member_string (record, "path");

  if (kind == NULL)
    return NULL;
  if (g_str_equal (kind, "fs"))
    {
      const char *access = member_string (record, "access");
      const char *operation = member_string (record, "operation");

      if (path == NULL || !g_path_is_absolute (path) || access == NULL || operation == NULL
          || !cordon_access_mode_from_string (access, &self->access))
        return NULL;
      self->kind = CORDON_BLOCKED_FS;
      self->path = canonical_path (path);
      self->operation = g_strdup (operation);
    }
  else if (g_str_equal (kind, "network"))
    {
      const char *family = member_string (record, "family");

      if (family == NULL)
        return NULL;
      self->kind = CORDON_BLOCKED_NETWORK;
      self->family = g_strdup (family);
    }
  else if (g_str_equal (kind, "socket"))
    {
      if (path == NULL || !g_path_is_absolute (path))
        return NULL;
      self->kind = CORDON_BLOCKED_SOCKET;
      self->path = canonical_path (path);
    }
  else
    return NULL;
  return g_steal_pointer (&self);
}

CordonBlockedKind
cordon_blocked_access_get_kind (CordonBlockedAccess *self)
{
  g_return_val_if_fail (CORDON_IS_BLOCKED_ACCESS (self), CORDON_BLOCKED_FS);
  return self->kind;
}

const char *
cordon_blocked_access_get_path (CordonBlockedAccess *self)
{
  g_return_val_if_fail (CORDON_IS_BLOCKED_ACCESS (self), NULL);
  return self->path;
}

CordonAccessMode
cordon_blocked_access_get_access (CordonBlockedAccess *self)
{
  g_return_val_if_fail (CORDON_IS_BLOCKED_ACCESS (self), CORDON_ACCESS_READ);
  return self->access;
}

const char *
cordon_blocked_access_get_operation (CordonBlockedAccess *self)
{
  g_return_val_if_fail (CORDON_IS_BLOCKED_ACCESS (self), NULL);
  return self->operation;
}

const char *
cordon_blocked_access_get_family (CordonBlockedAccess *self)
{
  g_return_val_if_fail (CORDON_IS_BLOCKED_ACCESS (self), NULL);
  return self->family;
}

char *
cordon_blocked_access_describe (CordonBlockedAccess *self)
{
  g_autofree char *shown = NULL;

  g_return_val_if_fail (CORDON_IS_BLOCKED_ACCESS (self), NULL);

  if (self->kind == CORDON_BLOCKED_NETWORK)
    /* Translators: %s is an address family, e.g. "inet" or "netlink" */
    return g_strdup_printf (_("Wanted to use the network (%s)"), self->family);
  /* The program chose this name: escaped, so it reads as what Allow grants. */
  shown = cordon_path_to_display_escaped (self->path);
  if (self->kind == CORDON_BLOCKED_SOCKET)
    /* Translators: %s is the path of a local (UNIX) socket */
    return g_strdup_printf (_("Wanted to connect to %s"), shown);

  if (g_str_equal (self->operation, "create"))
    /* Translators: %s is a path */
    return g_strdup_printf (_("Wanted to create %s"), shown);
  if (g_str_equal (self->operation, "exec"))
    /* Translators: %s is the path of a program */
    return g_strdup_printf (_("Wanted to run %s"), shown);
  if (g_str_equal (self->operation, "list"))
    /* Translators: %s is the path of a folder */
    return g_strdup_printf (_("Wanted to list %s"), shown);
  if (g_str_equal (self->operation, "remove"))
    /* Translators: %s is a path */
    return g_strdup_printf (_("Wanted to remove %s"), shown);
  if (g_str_equal (self->operation, "rename"))
    /* Translators: %s is a path */
    return g_strdup_printf (_("Wanted to rename %s"), shown);
  if (self->access == CORDON_ACCESS_READ)
    /* Translators: %s is a path */
    return g_strdup_printf (_("Wanted to read %s"), shown);
  if (self->access == CORDON_ACCESS_WRITE)
    /* Translators: %s is a path */
    return g_strdup_printf (_("Wanted to write %s"), shown);
  /* Translators: %s is a path */
  return g_strdup_printf (_("Wanted to read and write %s"), shown);
}
