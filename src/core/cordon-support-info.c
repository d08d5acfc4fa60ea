/* cordon-support-info.c: can this kernel sandbox, and how well
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <unistd.h>

#include "cordon-json-value-private.h"
#include "cordon-landlock-private.h"
#include "cordon-mediator-private.h"
#include "cordon-seccomp-private.h"
#include "cordon-support-info.h"
#include "cordon-support-info-private.h"

struct _CordonSupportInfo
{
  GObject parent_instance;

  int      landlock_abi;
  gboolean seccomp;
  gboolean mediator_ok; /* named sockets can be enforced */
  char    *details;
};

/**
 * CordonSupportInfo:
 *
 * Whether this kernel can sandbox, and how well: the Landlock ABI, seccomp,
 * and the details in words.
 */
G_DEFINE_FINAL_TYPE (CordonSupportInfo, cordon_support_info, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_IS_SUPPORTED,
  PROP_PLATFORM,
  PROP_LANDLOCK_ABI,
  PROP_SECCOMP,
  PROP_DETAILS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cordon_support_info_finalize (GObject *object)
{
  CordonSupportInfo *self = CORDON_SUPPORT_INFO (object);

  g_free (self->details);

  G_OBJECT_CLASS (cordon_support_info_parent_class)->finalize (object);
}

static void
cordon_support_info_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CordonSupportInfo *self = CORDON_SUPPORT_INFO (object);

  switch (prop_id)
    {
    case PROP_IS_SUPPORTED:
      g_value_set_boolean (value, cordon_support_info_get_is_supported (self));
      break;
    case PROP_PLATFORM:
      g_value_set_string (value, cordon_support_info_get_platform (self));
      break;
    case PROP_LANDLOCK_ABI:
      g_value_set_int (value, self->landlock_abi);
      break;
    case PROP_SECCOMP:
      g_value_set_boolean (value, self->seccomp);
      break;
    case PROP_DETAILS:
      g_value_set_string (value, self->details);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cordon_support_info_class_init (CordonSupportInfoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = cordon_support_info_finalize;
  object_class->get_property = cordon_support_info_get_property;

  properties[PROP_IS_SUPPORTED] =
    g_param_spec_boolean ("is-supported", NULL, NULL, FALSE, flags);
  properties[PROP_PLATFORM] = g_param_spec_string ("platform", NULL, NULL, "linux", flags);
  properties[PROP_LANDLOCK_ABI] =
    g_param_spec_int ("landlock-abi", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties[PROP_SECCOMP] = g_param_spec_boolean ("seccomp", NULL, NULL, FALSE, flags);
  properties[PROP_DETAILS] = g_param_spec_string ("details", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cordon_support_info_init (CordonSupportInfo *self)
{
}

/* What each ABI adds, in the words the details use. */
static const char *const abi_features[] = {
  NULL,
  "filesystem",
  "rename across directories",
  "truncate",
  "TCP network",
  "device ioctl",
  "IPC scoping",
  "audit logging",
  "thread synchronisation",
  "named UNIX sockets",
};

char *
cordon_support_info_describe (int         abi,
                              int         probe_errno,
                              gboolean    seccomp,
                              const char *seccomp_reason,
                              const char *mediator_missing)
{
  g_autoptr (GString) text = g_string_new (NULL);

  G_STATIC_ASSERT (G_N_ELEMENTS (abi_features) == CORDON_LANDLOCK_ABI_MAX + 1);

  if (abi == 0)
    {
      g_string_append_printf (text, "Landlock is not available in this kernel (%s)",
                              cordon_landlock_unavailable_reason (probe_errno));
    }
  else
    {
      /* ABI 7 adds only audit logging and ABI 8 thread synchronisation,
       * which Cordon does not rely on; the list says what is enforced. */
      g_string_append_printf (text, "Landlock ABI %d: ", abi);
      for (int i = 1; i <= MIN (abi, 6); i++)
        g_string_append_printf (text, "%s%s", i > 1 ? ", " : "", abi_features[i]);
      if (abi >= CORDON_LANDLOCK_ABI_RESOLVE_UNIX)
        g_string_append_printf (text, ", %s", abi_features[CORDON_LANDLOCK_ABI_RESOLVE_UNIX]);

      /* What is missing below ABI 6, and what stands in for it. */
      if (abi < 2)
        g_string_append (text, "; renaming or linking across directories always refused");
      if (abi < 3)
        g_string_append (text, "; truncate blocked by seccomp");
      if (abi < 4)
        g_string_append (text, "; network blocked by seccomp only");
      if (abi < 5)
        g_string_append (text, "; device ioctls not restricted");
      if (abi < 6)
        g_string_append (text, "; no IPC scoping (signals reach outside the sandbox; abstract "
                               "UNIX sockets are kept in by the supervisor)");
    }

  if (seccomp)
    g_string_append (text, "; seccomp available");
  else
    g_string_append_printf (text, "; seccomp not available (%s)", seccomp_reason);

  /* Which mechanism keeps named UNIX sockets made outside out of reach. */
  if (abi >= CORDON_LANDLOCK_ABI_RESOLVE_UNIX)
    g_string_append (text, "; named sockets: Landlock");
  else if (abi > 0 && mediator_missing == NULL)
    g_string_append (text, "; named sockets: supervisor");
  else if (abi > 0)
    g_string_append_printf (text, "; named sockets: cannot be enforced (%s)", mediator_missing);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * cordon_support_info_get:
 *
 * Probes the kernel (Landlock ABI, seccomp) each time it is called.
 *
 * Returns: (transfer full): what this kernel can enforce
 */
CordonSupportInfo *
cordon_support_info_get (void)
{
  CordonSupportInfo *self = g_object_new (CORDON_TYPE_SUPPORT_INFO, NULL);
  g_autofree char *seccomp_reason = NULL;
  g_autoptr (GError) mediator_error = NULL;
  int probe_errno = 0;

  self->landlock_abi = cordon_landlock_probe (&probe_errno);
  self->seccomp = cordon_seccomp_probe (&seccomp_reason);
  if (self->landlock_abi > 0 && self->landlock_abi < CORDON_LANDLOCK_ABI_RESOLVE_UNIX &&
      !cordon_mediator_check_kernel (&mediator_error))
    self->mediator_ok = FALSE;
  else
    self->mediator_ok = TRUE;
  self->details = cordon_support_info_describe (self->landlock_abi, probe_errno, self->seccomp,
                                                seccomp_reason,
                                                mediator_error != NULL ? mediator_error->message
                                                                       : NULL);
  if (geteuid () == 0)
    {
      char *with_note = g_strconcat (self->details, CORDON_SUPPORT_ROOT_NOTE, NULL);

      g_free (self->details);
      self->details = with_note;
    }

  return self;
}

/**
 * cordon_is_supported:
 *
 * Whether sandboxing is available here: Landlock and seccomp both work.
 * See cordon_support_info_get() for the details in words.
 *
 * Returns: %TRUE if cordon_apply() can work on this kernel
 */
gboolean
cordon_is_supported (void)
{
  g_autoptr (CordonSupportInfo) info = cordon_support_info_get ();

  return cordon_support_info_get_is_supported (info);
}

/**
 * cordon_support_info_get_is_supported:
 * @self: support info
 *
 * Whether sandboxing is available: Landlock and seccomp both work.
 *
 * Returns: %TRUE if sandboxing is available
 */
gboolean
cordon_support_info_get_is_supported (CordonSupportInfo *self)
{
  g_return_val_if_fail (CORDON_IS_SUPPORT_INFO (self), FALSE);

  return self->landlock_abi >= 1 && self->seccomp && self->mediator_ok;
}

/**
 * cordon_support_info_get_platform:
 * @self: support info
 *
 * The platform the probe ran on.
 *
 * Returns: the platform, "linux"
 */
const char *
cordon_support_info_get_platform (CordonSupportInfo *self)
{
  g_return_val_if_fail (CORDON_IS_SUPPORT_INFO (self), NULL);

  return "linux";
}

/**
 * cordon_support_info_get_landlock_abi:
 * @self: support info
 *
 * The Landlock ABI version of the running kernel.
 *
 * Returns: the Landlock ABI version the kernel offers, 0 when Landlock is
 *   missing or disabled
 */
int
cordon_support_info_get_landlock_abi (CordonSupportInfo *self)
{
  g_return_val_if_fail (CORDON_IS_SUPPORT_INFO (self), 0);

  return self->landlock_abi;
}

/**
 * cordon_support_info_get_seccomp:
 * @self: support info
 *
 * Whether seccomp is available for the filters Cordon installs.
 *
 * Returns: %TRUE if seccomp filters with the actions Cordon uses can load
 */
gboolean
cordon_support_info_get_seccomp (CordonSupportInfo *self)
{
  g_return_val_if_fail (CORDON_IS_SUPPORT_INFO (self), FALSE);

  return self->seccomp;
}

/**
 * cordon_support_info_get_details:
 * @self: support info
 *
 * What the kernel can enforce, in words, e.g. "Landlock ABI 7: filesystem,
 * …; seccomp available", or why sandboxing is unavailable.
 *
 * Returns: the details
 */
const char *
cordon_support_info_get_details (CordonSupportInfo *self)
{
  g_return_val_if_fail (CORDON_IS_SUPPORT_INFO (self), NULL);

  return self->details;
}

/**
 * cordon_support_info_to_json:
 * @self: support info
 *
 * The support info as JSON, as `cordon-run --support --json` prints it.
 *
 * Returns: (transfer full): one JSON object with the same fields
 */
char *
cordon_support_info_to_json (CordonSupportInfo *self)
{
  g_autoptr (CordonJsonValue) root = NULL;
  GString *out;

  g_return_val_if_fail (CORDON_IS_SUPPORT_INFO (self), NULL);

  root = cordon_json_value_new_object ();
  cordon_json_object_add (root, "is_supported",
                          cordon_json_value_new_boolean (cordon_support_info_get_is_supported (self)));
  cordon_json_object_add (root, "platform",
                          cordon_json_value_new_string (cordon_support_info_get_platform (self)));
  cordon_json_object_add (root, "landlock_abi", cordon_json_value_new_int (self->landlock_abi));
  cordon_json_object_add (root, "seccomp", cordon_json_value_new_boolean (self->seccomp));
  cordon_json_object_add (root, "details", cordon_json_value_new_string (self->details));

  out = g_string_new (NULL);
  cordon_json_value_write (root, out);
  return g_string_free (out, FALSE);
}
