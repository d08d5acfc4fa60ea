/* test-support.c: support info, and the rights each rule is given
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <json-glib/json-glib.h>

#include "cordon-landlock-private.h"
#include "cordon-support-info-private.h"
#include "enforce-util.h"

static void
test_support_probe (void)
{
  g_autoptr (CordonSupportInfo) info = cordon_support_info_get ();
  g_autofree char *platform = NULL;
  g_autofree char *details = NULL;
  gboolean is_supported, seccomp;
  int abi;

  g_object_get (info, "is-supported", &is_supported, "platform", &platform, "landlock-abi", &abi,
                "seccomp", &seccomp, "details", &details, NULL);

  g_assert_cmpint (abi, ==, enforce_kernel_abi ());
  g_assert_cmpint (abi, ==, cordon_support_info_get_landlock_abi (info));
  g_assert_cmpstr (platform, ==, "linux");
  g_assert_cmpint (seccomp, ==, cordon_support_info_get_seccomp (info));
  g_assert_cmpint (is_supported, ==, abi >= 1 && seccomp);
  g_assert_cmpint (is_supported, ==, cordon_is_supported ());
  g_assert_cmpstr (details, ==, cordon_support_info_get_details (info));

  /* This machine is a supported one; the suite's other tests rely on it. */
  g_assert_true (seccomp);
  g_assert_nonnull (strstr (details, "; seccomp available; named sockets: "));
  if (geteuid () == 0)
    g_assert_true (g_str_has_suffix (details, CORDON_SUPPORT_ROOT_NOTE));
  if (abi >= 1)
    {
      g_autofree char *prefix = g_strdup_printf ("Landlock ABI %d: filesystem", abi);

      g_assert_true (g_str_has_prefix (details, prefix));
    }
}

/* The root note is there for root only: checked from both sides when the
 * suite runs as root, by dropping to nobody in a child. */
static void
test_support_root_note (void)
{
  g_autoptr (CordonSupportInfo) info = cordon_support_info_get ();
  const char *details = cordon_support_info_get_details (info);
  int status;
  pid_t pid;

  g_assert_cmpint (strstr (details, CORDON_SUPPORT_ROOT_NOTE) != NULL, ==, geteuid () == 0);
  if (geteuid () != 0)
    {
      g_test_skip ("the suite does not run as root: only the user's side was checked");
      return;
    }

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      g_autoptr (CordonSupportInfo) as_nobody = NULL;

      if (setresgid (65534, 65534, 65534) != 0 || setresuid (65534, 65534, 65534) != 0)
        _exit (2);
      as_nobody = cordon_support_info_get ();
      _exit (strstr (cordon_support_info_get_details (as_nobody), "root") == NULL ? 0 : 1);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
}

static void
test_support_json (void)
{
  g_autoptr (CordonSupportInfo) info = cordon_support_info_get ();
  g_autofree char *json = cordon_support_info_to_json (info);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GList) members = NULL;
  static const char *const keys[] = { "is_supported", "platform", "landlock_abi", "seccomp",
                                      "details" };
  JsonObject *object;
  guint i = 0;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));

  members = json_object_get_members (object);
  g_assert_cmpuint (g_list_length (members), ==, G_N_ELEMENTS (keys));
  for (GList *l = members; l != NULL; l = l->next)
    g_assert_cmpstr (l->data, ==, keys[i++]);

  g_assert_cmpint (json_object_get_boolean_member (object, "is_supported"), ==,
                   cordon_support_info_get_is_supported (info));
  g_assert_cmpstr (json_object_get_string_member (object, "platform"), ==, "linux");
  g_assert_cmpint (json_object_get_int_member (object, "landlock_abi"), ==,
                   cordon_support_info_get_landlock_abi (info));
  g_assert_cmpint (json_object_get_boolean_member (object, "seccomp"), ==,
                   cordon_support_info_get_seccomp (info));
  g_assert_cmpstr (json_object_get_string_member (object, "details"), ==,
                   cordon_support_info_get_details (info));
}

/* Byte for byte what json-glib's generator wrote when the engine used it:
 * scripts may compare the text. */
static void
test_support_json_text (void)
{
  g_autoptr (CordonSupportInfo) info = cordon_support_info_get ();
  g_autofree char *json = cordon_support_info_to_json (info);
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *generated = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "is_supported");
  json_builder_add_boolean_value (builder, cordon_support_info_get_is_supported (info));
  json_builder_set_member_name (builder, "platform");
  json_builder_add_string_value (builder, cordon_support_info_get_platform (info));
  json_builder_set_member_name (builder, "landlock_abi");
  json_builder_add_int_value (builder, cordon_support_info_get_landlock_abi (info));
  json_builder_set_member_name (builder, "seccomp");
  json_builder_add_boolean_value (builder, cordon_support_info_get_seccomp (info));
  json_builder_set_member_name (builder, "details");
  json_builder_add_string_value (builder, cordon_support_info_get_details (info));
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  generated = json_generator_to_data (generator, NULL);

  g_assert_cmpstr (json, ==, generated);
}

static void
test_support_details_per_abi (void)
{
  g_autofree char *abi7 = cordon_support_info_describe (7, 0, TRUE, NULL, NULL);
  g_autofree char *abi6 = cordon_support_info_describe (6, 0, TRUE, NULL, NULL);
  g_autofree char *abi2 = cordon_support_info_describe (2, 0, TRUE, NULL, NULL);
  g_autofree char *abi1 = cordon_support_info_describe (1, 0, TRUE, NULL, NULL);
  g_autofree char *none = cordon_support_info_describe (0, ENOSYS, TRUE, NULL, NULL);
  g_autofree char *off = cordon_support_info_describe (0, EOPNOTSUPP, TRUE, NULL, NULL);
  g_autofree char *no_seccomp = cordon_support_info_describe (7, 0, FALSE, "no filters here", NULL);
  g_autofree char *abi9 = cordon_support_info_describe (9, 0, TRUE, NULL, NULL);
  g_autofree char *no_mediator =
    cordon_support_info_describe (7, 0, TRUE, NULL, "pidfd_getfd (Linux 5.6)");

  g_assert_cmpstr (abi7, ==,
                   "Landlock ABI 7: filesystem, rename across directories, truncate, TCP network, "
                   "device ioctl, IPC scoping; seccomp available; named sockets: supervisor");
  g_assert_cmpstr (abi6, ==,
                   "Landlock ABI 6: filesystem, rename across directories, truncate, TCP network, "
                   "device ioctl, IPC scoping; seccomp available; named sockets: supervisor");
  /* Debian 12's kernel: what is missing, and what Cordon does instead. */
  g_assert_cmpstr (abi2, ==,
                   "Landlock ABI 2: filesystem, rename across directories; truncate blocked by "
                   "seccomp; network blocked by seccomp only; device ioctls not restricted; no IPC "
                   "scoping (signals reach outside the sandbox; abstract UNIX sockets are kept in by "
                   "the supervisor); "
                   "seccomp available; named sockets: supervisor");
  /* Linux 7.1: Landlock itself keeps named sockets made outside away. */
  g_assert_cmpstr (abi9, ==,
                   "Landlock ABI 9: filesystem, rename across directories, truncate, TCP network, "
                   "device ioctl, IPC scoping, named UNIX sockets; seccomp available; named "
                   "sockets: Landlock");
  g_assert_true (g_str_has_suffix (no_mediator, "; named sockets: cannot be enforced "
                                                "(pidfd_getfd (Linux 5.6))"));
  g_assert_true (g_str_has_prefix (abi1, "Landlock ABI 1: filesystem; renaming or linking across "
                                         "directories always refused; truncate blocked"));
  g_assert_true (g_str_has_prefix (none, "Landlock is not available in this kernel (not built"));
  g_assert_nonnull (strstr (off, "lsm="));
  g_assert_nonnull (strstr (no_seccomp, "; seccomp not available (no filters here)"));
}

#define READ_RIGHTS (CORDON_LL_FS_READ_FILE | CORDON_LL_FS_READ_DIR | CORDON_LL_FS_EXECUTE)

static void
test_rule_access (void)
{
  for (int abi = 1; abi <= CORDON_LANDLOCK_ABI_MAX; abi++)
    {
      guint64 handled = cordon_landlock_handled_fs (abi);

      /* Handled (so denied), never granted, whatever the rule. */
      g_assert_true (handled & CORDON_LL_FS_MAKE_CHAR);
      g_assert_true (handled & CORDON_LL_FS_MAKE_BLOCK);
      for (CordonAccessMode mode = CORDON_ACCESS_READ; mode <= CORDON_ACCESS_READ_WRITE; mode++)
        for (int is_file = 0; is_file <= 1; is_file++)
          for (int device_ok = 0; device_ok <= 1; device_ok++)
            {
              guint64 rights = cordon_landlock_rule_access (mode, is_file, device_ok, abi);

              g_assert_cmpuint (rights & ~handled, ==, 0);
              g_assert_cmpuint (rights & (CORDON_LL_FS_MAKE_CHAR | CORDON_LL_FS_MAKE_BLOCK), ==,
                                0);
              if (is_file)
                g_assert_cmpuint (rights & ~CORDON_LL_FS_FILE_RIGHTS, ==, 0);
              g_assert_cmpint (!!(rights & CORDON_LL_FS_IOCTL_DEV), ==,
                               abi >= 5 && device_ok && (mode & CORDON_ACCESS_WRITE));
              g_assert_cmpint (!!(rights & CORDON_LL_FS_REFER), ==,
                               abi >= 2 && !is_file && (mode & CORDON_ACCESS_WRITE));
              g_assert_cmpint (!!(rights & CORDON_LL_FS_TRUNCATE), ==,
                               abi >= 3 && (mode & CORDON_ACCESS_WRITE));
            }

      g_assert_cmpuint (cordon_landlock_rule_access (CORDON_ACCESS_READ, FALSE, FALSE, abi), ==,
                        READ_RIGHTS);
      g_assert_cmpuint (cordon_landlock_rule_access (CORDON_ACCESS_READ, TRUE, FALSE, abi), ==,
                        CORDON_LL_FS_READ_FILE | CORDON_LL_FS_EXECUTE);
      g_assert_cmpuint (cordon_landlock_rule_access (CORDON_ACCESS_WRITE, FALSE, FALSE, abi) &
                          READ_RIGHTS,
                        ==, 0);
    }

  g_assert_cmpuint (cordon_landlock_handled_fs (1), ==, (G_GUINT64_CONSTANT (1) << 13) - 1);
  g_assert_cmpuint (cordon_landlock_handled_fs (2), ==, (G_GUINT64_CONSTANT (1) << 14) - 1);
  g_assert_cmpuint (cordon_landlock_handled_fs (4), ==, (G_GUINT64_CONSTANT (1) << 15) - 1);
  g_assert_cmpuint (cordon_landlock_handled_fs (5), ==, (G_GUINT64_CONSTANT (1) << 16) - 1);
  g_assert_cmpuint (cordon_landlock_handled_fs (7), ==, (G_GUINT64_CONSTANT (1) << 16) - 1);
}

static void
test_attr_size (void)
{
  /* What the kernel's struct landlock_ruleset_attr was at each ABI. */
  g_assert_cmpuint (sizeof (struct cordon_landlock_path_beneath_attr), ==, 12);
  g_assert_cmpuint (cordon_landlock_ruleset_attr_size (1), ==, 8);
  g_assert_cmpuint (cordon_landlock_ruleset_attr_size (3), ==, 8);
  g_assert_cmpuint (cordon_landlock_ruleset_attr_size (4), ==, 16);
  g_assert_cmpuint (cordon_landlock_ruleset_attr_size (5), ==, 16);
  g_assert_cmpuint (cordon_landlock_ruleset_attr_size (6), ==, 24);
  g_assert_cmpuint (cordon_landlock_ruleset_attr_size (7), ==, 24);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/enforce/support-info/probe", test_support_probe);
  g_test_add_func ("/enforce/support-info/json", test_support_json);
  g_test_add_func ("/enforce/support-info/json-text", test_support_json_text);
  g_test_add_func ("/enforce/support-info/root-note", test_support_root_note);
  g_test_add_func ("/enforce/support-info/details-per-abi", test_support_details_per_abi);
  g_test_add_func ("/enforce/landlock/rule-access", test_rule_access);
  g_test_add_func ("/enforce/landlock/attr-size", test_attr_size);

  return g_test_run ();
}
