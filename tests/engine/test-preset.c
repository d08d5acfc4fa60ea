/* test-preset.c: built-in and user presets, path templates, applying
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "cordon.h"
#include "cordon-preset-private.h"
#include "engine-test-util.h"

#define ADD ENGINE_TEST_ADD

static const char * const builtin_ids[] = {
  "run-programs", "temporary-files", "desktop-app", "home-read-only",
};

static void
test_builtin_list (void)
{
  g_autoptr(GListModel) presets = cordon_preset_list_all ();
  const char * const *texts = cordon_preset_get_builtin_texts ();

  g_assert_cmpuint (g_list_model_get_n_items (presets), >=, G_N_ELEMENTS (builtin_ids));
  for (guint i = 0; i < G_N_ELEMENTS (builtin_ids); i++)
    {
      g_autoptr(CordonPreset) preset = g_list_model_get_item (presets, i);

      /* The menu's order, whatever order the resource lists them in. */
      g_assert_cmpstr (cordon_preset_get_id (preset), ==, builtin_ids[i]);
      g_assert_true (cordon_preset_get_is_builtin (preset));
      /* Translators see exactly the files' English texts (C locale here). */
      g_assert_true (g_strv_contains (texts, cordon_preset_get_name (preset)));
      g_assert_true (g_strv_contains (texts, cordon_preset_get_description (preset)));
    }
}

static void
test_x11_socket_for_display (void)
{
  static const struct
  {
    const char *display;
    const char *socket;
  } cases[] = {
    { ":0", "/tmp/.X11-unix/X0" },
    { ":12.1", "/tmp/.X11-unix/X12" },
    { "unix:3", "/tmp/.X11-unix/X3" },
    { "unix:3.0", "/tmp/.X11-unix/X3" },
    { "unix/:4", "/tmp/.X11-unix/X4" },
    /* ssh -X and remote displays are TCP: no socket file here. */
    { "localhost:10.0", NULL },
    { "example.org:0", NULL },
    { "tcp/localhost:1", NULL },
    { "/private/tmp/com.apple.launchd.x/org.xquartz:0", NULL },
    { ":", NULL },
    { ":x", NULL },
    { ":1x", NULL },
    { ":1/../../etc", NULL },
    { "", NULL },
    { NULL, NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *socket = cordon_preset_x11_socket_for_display (cases[i].display);

      g_test_message ("DISPLAY=%s", cases[i].display);
      g_assert_cmpstr (socket, ==, cases[i].socket);
    }
}

static void
test_expand_path (void)
{
  static const char * const env[] = {
    "HOME=/home/o\"quote",
    "XDG_RUNTIME_DIR=/run/user/7",
    "WAYLAND_DISPLAY=wayland-1",
    "DISPLAY=:5",
    NULL,
  };
  static const char * const absolute_wayland[] = {
    "HOME=/h", "WAYLAND_DISPLAY=/run/w/socket", "XDG_RUNTIME_DIR=/run/user/7",
    "XAUTHORITY=/run/user/7/xauth", NULL,
  };
  static const char * const bare[] = { "HOME=/h", "XDG_RUNTIME_DIR=relative", NULL };
  static const char * const dollar_home[] = {
    "HOME=/h/${WAYLAND_DISPLAY}", "XDG_RUNTIME_DIR=/run/${HOME}", "WAYLAND_DISPLAY=w", NULL,
  };
  static const struct
  {
    const char * const *env;
    const char         *template;
    const char         *expanded;
  } cases[] = {
    /* A quote in a value stays text: nothing is re-parsed. */
    { env, "~", "/home/o\"quote" },
    { env, "~/.fonts", "/home/o\"quote/.fonts" },
    /* Values are never expanded again: a home named like a variable stays text. */
    { dollar_home, "~", "/h/${WAYLAND_DISPLAY}" },
    { dollar_home, "${XDG_RUNTIME_DIR}/x", "/run/${HOME}/x" },
    { env, "${HOME}/.icons", "/home/o\"quote/.icons" },
    { env, "${XDG_RUNTIME_DIR}/pulse/native", "/run/user/7/pulse/native" },
    { env, "${XDG_RUNTIME_DIR}/${WAYLAND_DISPLAY}", "/run/user/7/wayland-1" },
    { env, "${X11_SOCKET}", "/tmp/.X11-unix/X5" },
    /* libXau's default. */
    { env, "${XAUTHORITY}", "/home/o\"quote/.Xauthority" },
    { env, "/usr/share", "/usr/share" },
    /* The Wayland protocol allows an absolute WAYLAND_DISPLAY. */
    { absolute_wayland, "${XDG_RUNTIME_DIR}/${WAYLAND_DISPLAY}", "/run/w/socket" },
    { absolute_wayland, "${XAUTHORITY}", "/run/user/7/xauth" },
    /* Unset, or unusable: the entry is skipped. */
    { absolute_wayland, "${X11_SOCKET}", NULL },
    { bare, "${XDG_RUNTIME_DIR}/bus", NULL },
    { bare, "${XDG_RUNTIME_DIR}/${WAYLAND_DISPLAY}", NULL },
    { bare, "${X11_SOCKET}", NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *expanded = cordon_preset_expand_path (cases[i].template, cases[i].env);

      g_test_message ("%s", cases[i].template);
      g_assert_cmpstr (expanded, ==, cases[i].expanded);
    }
}

static void
assert_refused (const char *json,
                const char *words)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CordonPreset) preset = cordon_preset_new_from_data ("bad", json, -1, &error);

  g_assert_null (preset);
  g_assert_error (error, CORDON_ERROR, CORDON_ERROR_INVALID_STATE);
  if (strstr (error->message, words) == NULL)
    g_error ("“%s” does not say “%s”", error->message, words);
}

static void
test_refused (void)
{
  assert_refused ("[]", "JSON object");
  assert_refused ("{\"fs\": [", "JSON");
  assert_refused ("{\"fs\": {}}", "fs: expected a list");
  assert_refused ("{\"fs\": [{\"path\": \"usr\", \"access\": \"Read\"}]}",
                  "fs[0].path: “usr” is not an absolute path");
  assert_refused ("{\"fs\": [{\"path\": \"/usr\", \"access\": \"Read\"},"
                  "{\"path\": \"${SHELL}/x\", \"access\": \"Read\"}]}",
                  "fs[1].path: “${SHELL}/x” uses a variable");
  assert_refused ("{\"fs\": [{\"path\": \"${HOME\", \"access\": \"Read\"}]}", "without its");
  assert_refused ("{\"fs\": [{\"path\": \"/usr\", \"access\": \"All\"}]}", "fs[0].access: expected");
  assert_refused ("{\"fs\": [{\"path\": \"/usr\", \"access\": \"Read\", \"is_file\": 1}]}",
                  "fs[0].is_file: expected true or false");
  assert_refused ("{\"unix_sockets\": [{\"path\": \"~x\"}]}", "unix_sockets[0].path");
  assert_refused ("{\"dbus_session\": []}", "dbus_session: expected an object");
  assert_refused ("{\"dbus_session\": {\"talk\": [7]}}", "dbus_session.talk[0]: expected");
  assert_refused ("{\"dbus_session\": {\"own\": [\"org.*\"]}}", "dbus_session.own[0]: “org.*”");
  /* The profiles' strict reader: no key twice. */
  assert_refused ("{\"fs\": [], \"fs\": []}", "fs");
}

static char *
make_socket (const char *dir,
             const char *name)
{
  struct sockaddr_un address = { .sun_family = AF_UNIX };
  char *path = g_build_filename (dir, name, NULL);
  int fd = socket (AF_UNIX, SOCK_STREAM, 0);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpuint (strlen (path), <, sizeof address.sun_path);
  strcpy (address.sun_path, path);
  g_assert_cmpint (bind (fd, (struct sockaddr *) &address, sizeof address), ==, 0);
  close (fd);
  return path;
}

static void
test_apply (EngineFixture *fixture,
            gconstpointer  data)
{
  g_autofree char *dir = engine_test_mkdir (fixture->root, "share");
  g_autofree char *file = engine_test_touch (fixture->root, "share/machine-id");
  g_autofree char *socket = make_socket (fixture->root, "sock");
  g_autofree char *json = NULL;
  g_autofree char *env_home = g_strconcat ("HOME=", fixture->root, NULL);
  const char *env[] = { env_home, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(CordonPreset) preset = NULL;
  g_autoptr(CordonCapabilitySet) caps = cordon_capability_set_new ();
  g_autoptr(GPtrArray) added = NULL;
  CordonBusPolicy *policy;
  GListModel *sockets = cordon_capability_set_get_sockets (caps);

  json = g_strdup_printf (
    "{\"name\": \"Test\", \"net_blocked\": true,"
    " \"fs\": ["
    "  {\"path\": \"~/share\", \"access\": \"Read\", \"is_file\": false},"
    "  {\"path\": \"${HOME}/share/machine-id\", \"access\": \"ReadWrite\", \"is_file\": true},"
    "  {\"path\": \"~/share/machine-id\", \"access\": \"Read\", \"is_file\": true},"
    "  {\"path\": \"/cordon-surely-missing\", \"access\": \"Read\"},"
    "  {\"path\": \"${XDG_RUNTIME_DIR}/dconf\", \"access\": \"ReadWrite\"},"
    "  {\"path\": \"~/share\", \"access\": \"Read\", \"is_file\": true}"
    " ],"
    " \"unix_sockets\": ["
    "  {\"path\": \"~/sock\", \"is_file\": true},"
    "  {\"path\": \"${X11_SOCKET}\", \"is_file\": true},"
    "  {\"path\": \"~/missing-sock\", \"is_file\": true}"
    " ],"
    " \"dbus_session\": {\"talk\": [\"org.freedesktop.portal.*\"], \"own\": [\"org.example.A\"]}}");
  preset = cordon_preset_new_from_data ("test", json, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cordon_preset_get_name (preset), ==, "Test");
  g_assert_false (cordon_preset_get_is_builtin (preset));

  cordon_capability_set_set_network_blocked (caps, FALSE);
  g_assert_cmpuint (cordon_preset_apply (preset, caps, env, &added), ==, 2 + 1 + 2);

  /* The directory, then the file (ReadWrite is more than the directory
   * gives); the Read file rule is covered; the rest is missing here. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (caps)), ==, 2);
  g_assert_cmpuint (added->len, ==, 3);
  g_assert_true (CORDON_IS_FS_CAPABILITY (added->pdata[0]));
  g_assert_cmpstr (cordon_fs_capability_get_resolved (added->pdata[0]), ==, dir);
  g_assert_cmpstr (cordon_fs_capability_get_resolved (added->pdata[1]), ==, file);
  g_assert_true (CORDON_IS_SOCKET_CAPABILITY (added->pdata[2]));
  g_assert_cmpstr (cordon_socket_capability_get_resolved (added->pdata[2]), ==, socket);
  g_assert_cmpuint (g_list_model_get_n_items (sockets), ==, 1);

  policy = cordon_capability_set_get_bus_policy (caps);
  g_assert_nonnull (policy);
  g_assert_cmpint (cordon_bus_policy_lookup (policy, "org.freedesktop.portal.*"), ==,
                   CORDON_BUS_ACCESS_TALK);
  g_assert_cmpint (cordon_bus_policy_lookup (policy, "org.example.A"), ==, CORDON_BUS_ACCESS_OWN);

  /* A preset never changes the network setting. */
  g_assert_false (cordon_capability_set_is_network_blocked (caps));

  /* Everything is there now. */
  g_clear_pointer (&added, g_ptr_array_unref);
  g_assert_cmpuint (cordon_preset_apply (preset, caps, env, &added), ==, 0);
  g_assert_cmpuint (added->len, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (caps)), ==, 2);
  g_assert_true (cordon_capability_set_get_bus_policy (caps) == policy);
}

static void
test_builtins_apply_here (void)
{
  /* Every built-in applies on this computer, whatever it lacks (/libx32,
   * a Wayland socket…), and adds only paths that exist. The isolated home
   * of this test needs making first. */
  g_assert_cmpint (g_mkdir_with_parents (g_get_home_dir (), 0700), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (builtin_ids); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CordonPreset) preset = cordon_preset_lookup (builtin_ids[i], &error);
      g_autoptr(CordonCapabilitySet) caps = cordon_capability_set_new ();
      g_autoptr(GPtrArray) added = NULL;

      g_assert_no_error (error);
      g_test_message ("%s", builtin_ids[i]);
      g_assert_cmpuint (cordon_preset_apply (preset, caps, NULL, &added), >, 0);
      for (guint j = 0; j < added->len; j++)
        {
          const char *resolved = CORDON_IS_FS_CAPABILITY (added->pdata[j])
                                   ? cordon_fs_capability_get_resolved (added->pdata[j])
                                   : cordon_socket_capability_get_resolved (added->pdata[j]);

          g_assert_true (g_file_test (resolved, G_FILE_TEST_EXISTS));
        }
    }
}

static void
test_user_presets (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "cordon", "presets", NULL);
  g_autofree char *mine = g_build_filename (dir, "mine.json", NULL);
  g_autofree char *broken = g_build_filename (dir, "broken.json", NULL);
  g_autofree char *shadow = g_build_filename (dir, "run-programs.json", NULL);
  g_autoptr(GListModel) presets = NULL;
  g_autoptr(CordonPreset) preset = NULL;
  g_autoptr(CordonPreset) builtin = NULL;
  g_autoptr(GError) error = NULL;
  gboolean found_mine = FALSE;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (mine,
                                      "{\"name\": \"Mine\", \"description\": \"Just /usr\","
                                      " \"fs\": [{\"path\": \"/usr\", \"access\": \"Read\"}]}",
                                      -1, NULL));
  g_assert_true (g_file_set_contents (broken, "{\"fs\": [", -1, NULL));
  g_assert_true (g_file_set_contents (shadow, "{\"name\": \"Evil\", \"fs\": []}", -1, NULL));

  presets = cordon_preset_list_all ();
  for (guint i = 0; i < g_list_model_get_n_items (presets); i++)
    {
      g_autoptr(CordonPreset) item = g_list_model_get_item (presets, i);

      g_assert_cmpstr (cordon_preset_get_id (item), !=, "broken");
      g_assert_cmpstr (cordon_preset_get_name (item), !=, "Evil");
      found_mine |= g_str_equal (cordon_preset_get_id (item), "mine");
    }
  g_assert_true (found_mine);

  preset = cordon_preset_lookup ("mine", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cordon_preset_get_description (preset), ==, "Just /usr");

  /* A broken file says why, naming itself. */
  g_assert_null (cordon_preset_lookup ("broken", &error));
  g_assert_error (error, CORDON_ERROR, CORDON_ERROR_INVALID_STATE);
  g_assert_nonnull (strstr (error->message, "broken.json"));
  g_clear_error (&error);

  /* A built-in's id always means the built-in. */
  builtin = cordon_preset_lookup ("run-programs", &error);
  g_assert_no_error (error);
  g_assert_true (cordon_preset_get_is_builtin (builtin));

  g_assert_null (cordon_preset_lookup ("no-such-preset", &error));
  g_assert_error (error, CORDON_ERROR, CORDON_ERROR_UNKNOWN_PRESET);
  g_assert_nonnull (strstr (error->message, "“no-such-preset”"));
  g_clear_error (&error);
  g_assert_null (cordon_preset_lookup ("../presets/mine", &error));
  g_assert_error (error, CORDON_ERROR, CORDON_ERROR_UNKNOWN_PRESET);

  engine_test_rm_rf (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/preset/builtin-list", test_builtin_list);
  g_test_add_func ("/preset/x11-socket", test_x11_socket_for_display);
  g_test_add_func ("/preset/expand-path", test_expand_path);
  g_test_add_func ("/preset/refused", test_refused);
  ADD ("/preset/apply", test_apply);
  g_test_add_func ("/preset/builtins-apply-here", test_builtins_apply_here);
  g_test_add_func ("/preset/user-presets", test_user_presets);

  return g_test_run ();
}
