/* cordon-fs-capability.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cordon-fs-capability.h"
#include "cordon-fs-capability-private.h"

struct _CordonFsCapability
{
  GObject           parent_instance;

  char             *original;
  char             *resolved;
  char             *recorded;     /* what a profile recorded, if not resolved; or NULL */
  gboolean          recorded_is_resolved;
  char             *planted_link; /* see cordon_fs_capability_get_planted_link */
  CordonAccessMode  access;
  gboolean          is_file;
  gboolean          unchecked;    /* see cordon_fs_capability_new_unchecked */
};

/**
 * CordonFsCapability:
 *
 * One filesystem rule, immutable: a directory (with everything beneath it)
 * or one file, and the #CordonAccessMode granted there.
 */
G_DEFINE_FINAL_TYPE (CordonFsCapability, cordon_fs_capability, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ORIGINAL,
  PROP_RESOLVED,
  PROP_ACCESS,
  PROP_IS_FILE,
  PROP_RECORDED,
  PROP_PLANTED_LINK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cordon_fs_capability_finalize (GObject *object)
{
  CordonFsCapability *self = CORDON_FS_CAPABILITY (object);

  g_free (self->original);
  g_free (self->resolved);
  g_free (self->recorded);
  g_free (self->planted_link);

  G_OBJECT_CLASS (cordon_fs_capability_parent_class)->finalize (object);
}

static void
cordon_fs_capability_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CordonFsCapability *self = CORDON_FS_CAPABILITY (object);

  switch (prop_id)
    {
    case PROP_ORIGINAL:
      g_value_set_string (value, self->original);
      break;
    case PROP_RESOLVED:
      g_value_set_string (value, self->resolved);
      break;
    case PROP_ACCESS:
      g_value_set_flags (value, self->access);
      break;
    case PROP_IS_FILE:
      g_value_set_boolean (value, self->is_file);
      break;
    case PROP_RECORDED:
      g_value_set_string (value, cordon_fs_capability_get_recorded (self));
      break;
    case PROP_PLANTED_LINK:
      g_value_set_string (value, self->planted_link);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cordon_fs_capability_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  CordonFsCapability *self = CORDON_FS_CAPABILITY (object);

  switch (prop_id)
    {
    case PROP_ORIGINAL:
      self->original = g_value_dup_string (value);
      break;
    case PROP_RESOLVED:
      self->resolved = g_value_dup_string (value);
      break;
    case PROP_ACCESS:
      self->access = g_value_get_flags (value);
      break;
    case PROP_IS_FILE:
      self->is_file = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cordon_fs_capability_class_init (CordonFsCapabilityClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY |
                      G_PARAM_STATIC_STRINGS;

  object_class->finalize = cordon_fs_capability_finalize;
  object_class->get_property = cordon_fs_capability_get_property;
  object_class->set_property = cordon_fs_capability_set_property;

  properties[PROP_ORIGINAL] =
    g_param_spec_string ("original", NULL, NULL, NULL, flags);
  properties[PROP_RESOLVED] =
    g_param_spec_string ("resolved", NULL, NULL, NULL, flags);
  properties[PROP_ACCESS] =
    g_param_spec_flags ("access", NULL, NULL, CORDON_TYPE_ACCESS_MODE, CORDON_ACCESS_READ, flags);
  properties[PROP_IS_FILE] =
    g_param_spec_boolean ("is-file", NULL, NULL, FALSE, flags);
  /* Read-only: only loaders set them, and a construct property would cost
   * every rule made (one per profile entry) a default value set. */
  properties[PROP_RECORDED] =
    g_param_spec_string ("recorded", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PLANTED_LINK] =
    g_param_spec_string ("planted-link", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cordon_fs_capability_init (CordonFsCapability *self)
{
}

/**
 * cordon_fs_capability_new:
 * @original: the path as the caller gave it
 * @resolved: the canonical path (absolute, symlinks followed)
 * @access: what the rule grants
 * @is_file: %TRUE for a rule on one non-directory, %FALSE for a directory
 *   and everything beneath it
 *
 * Makes a rule as is, without looking at the filesystem. Use
 * cordon_capability_set_allow_path() or cordon_capability_set_allow_file()
 * to make rules from user input: they canonicalize and validate the path.
 *
 * Returns: (transfer full): a new rule
 */
CordonFsCapability *
cordon_fs_capability_new (const char       *original,
                          const char       *resolved,
                          CordonAccessMode  access,
                          gboolean          is_file)
{
  g_return_val_if_fail (resolved != NULL, NULL);
  g_return_val_if_fail (cordon_access_mode_is_valid (access), NULL);

  return g_object_new (CORDON_TYPE_FS_CAPABILITY,
                       "original", original != NULL ? original : resolved,
                       "resolved", resolved,
                       "access", access,
                       "is-file", is_file,
                       NULL);
}

/**
 * cordon_fs_capability_copy_with_access:
 * @self: a rule
 * @access: the new mode
 *
 * Rules are immutable; this is how one changes mode.
 *
 * Returns: (transfer full): a new rule on the same path, granting @access
 */
CordonFsCapability *
cordon_fs_capability_copy_with_access (CordonFsCapability *self,
                                       CordonAccessMode    access)
{
  CordonFsCapability *copy;

  g_return_val_if_fail (CORDON_IS_FS_CAPABILITY (self), NULL);

  copy = cordon_fs_capability_new_full (self->original, self->resolved, self->recorded,
                                        self->planted_link, access, self->is_file);
  /* Still to be checked where it is opened: a new mode proves nothing. */
  copy->unchecked = self->unchecked;
  return copy;
}

CordonFsCapability *
cordon_fs_capability_new_full (const char       *original,
                               const char       *resolved,
                               const char       *recorded,
                               const char       *planted_link,
                               CordonAccessMode  access,
                               gboolean          is_file)
{
  CordonFsCapability *self;

  self = cordon_fs_capability_new (original, resolved, access, is_file);
  /* Set here rather than through two more construct properties: loading a
   * profile makes one rule per entry, and each property costs. */
  if (recorded != NULL && g_str_equal (recorded, resolved))
    self->recorded_is_resolved = TRUE; /* the usual case: no copy */
  else
    self->recorded = g_strdup (recorded);
  self->planted_link = g_strdup (planted_link);
  return self;
}

CordonFsCapability *
cordon_fs_capability_new_unchecked (const char       *original,
                                    const char       *recorded,
                                    CordonAccessMode  access,
                                    gboolean          is_file)
{
  /* One per profile entry on every launch: the fields are set here, not
   * through four construct properties (which still get their defaults). */
  CordonFsCapability *self = g_object_new (CORDON_TYPE_FS_CAPABILITY, NULL);

  g_free (self->original);
  g_free (self->resolved);
  self->original = g_strdup (original);
  self->resolved = g_strdup (recorded);
  self->recorded_is_resolved = TRUE;
  self->access = access;
  self->is_file = is_file;
  self->unchecked = TRUE;
  return self;
}

gboolean
cordon_fs_capability_is_unchecked (CordonFsCapability *self)
{
  g_return_val_if_fail (CORDON_IS_FS_CAPABILITY (self), FALSE);
  return self->unchecked;
}

/**
 * cordon_fs_capability_get_original:
 * @self: a rule
 *
 * The path as the caller gave it, before canonicalization.
 *
 * Returns: the path as the caller gave it
 */
const char *
cordon_fs_capability_get_original (CordonFsCapability *self)
{
  g_return_val_if_fail (CORDON_IS_FS_CAPABILITY (self), NULL);
  return self->original;
}

/**
 * cordon_fs_capability_get_resolved:
 * @self: a rule
 *
 * The canonical path the rule applies to.
 *
 * Returns: the canonical path the sandbox grants
 */
const char *
cordon_fs_capability_get_resolved (CordonFsCapability *self)
{
  g_return_val_if_fail (CORDON_IS_FS_CAPABILITY (self), NULL);
  return self->resolved;
}

/**
 * cordon_fs_capability_get_access:
 * @self: a rule
 *
 * The mode the rule grants.
 *
 * Returns: what the rule grants
 */
CordonAccessMode
cordon_fs_capability_get_access (CordonFsCapability *self)
{
  g_return_val_if_fail (CORDON_IS_FS_CAPABILITY (self), 0);
  return self->access;
}

/**
 * cordon_fs_capability_get_is_file:
 * @self: a rule
 *
 * Whether the rule is on one non-directory rather than a directory tree.
 *
 * Returns: %TRUE for a rule on one non-directory, %FALSE for a directory
 */
gboolean
cordon_fs_capability_get_is_file (CordonFsCapability *self)
{
  g_return_val_if_fail (CORDON_IS_FS_CAPABILITY (self), FALSE);
  return self->is_file;
}

/**
 * cordon_fs_capability_get_recorded:
 * @self: a rule
 *
 * For a rule loaded from a profile, the canonical path the profile recorded
 * (its `path`, or `resolved` in the native form).
 *
 * Returns: (nullable): the recorded path, or %NULL for a rule made any other way
 */
const char *
cordon_fs_capability_get_recorded (CordonFsCapability *self)
{
  g_return_val_if_fail (CORDON_IS_FS_CAPABILITY (self), NULL);
  return self->recorded_is_resolved ? self->resolved : self->recorded;
}

/**
 * cordon_fs_capability_get_planted_link:
 * @self: a rule
 *
 * For a rule that now leads somewhere other than its profile recorded,
 * through a symbolic link lying in a folder the same rules let a program
 * write: that link. Such a rule is never applied; it is only kept, flagged,
 * by cordon_sandbox_state_to_caps_full() with %CORDON_TO_CAPS_KEEP_PLANTED.
 *
 * Returns: (nullable): the link's path, or %NULL
 */
const char *
cordon_fs_capability_get_planted_link (CordonFsCapability *self)
{
  g_return_val_if_fail (CORDON_IS_FS_CAPABILITY (self), NULL);
  return self->planted_link;
}
