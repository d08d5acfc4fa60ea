/* test-desktop-export.c: "Add to Applications" writes an entry that validates and really runs sandboxed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "app-test-util.h"
#include "cordon-desktop-export.h"
#include "cordon-run-panel-private.h"
#include "cordon-runner.h"
#include "run-test-util.h"

static CordonApplication *app;
/* A program with its own desktop entry, written before GIO first reads
 * the installed entries (it caches them). */
static char *tool_dir;
static char *tool_path;

static void
test_quote_arg (void)
{
  static const struct { const char *arg, *quoted; } cases[] = {
    { "ls", "ls" },
    { "/usr/bin/true", "/usr/bin/true" },
    { "--flag=value", "--flag=value" },
    { "", "\"\"" },
    { "two words", "\"two words\"" },
    { "say \"hi\"", "\"say \\\"hi\\\"\"" },
    { "$HOME", "\"\\$HOME\"" },
    { "`id`", "\"\\`id\\`\"" },
    { "back\\slash", "\"back\\\\slash\"" },
    { "it's", "\"it's\"" },
    { "a;b|c&d", "\"a;b|c&d\"" },
    { "~", "\"~\"" },
    { "*.txt", "\"*.txt\"" },
    { "100%", "100%%" },
    { "%f and %u", "\"%%f and %%u\"" },
    { "tab\there", "\"tab\there\"" },
    { "ünïcode", "ünïcode" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *quoted = cordon_desktop_exec_quote_arg (cases[i].arg);

      g_assert_cmpstr (quoted, ==, cases[i].quoted);
    }
}

static void
test_exec_line (void)
{
  const char *argv[] = { "/opt/my tools/run", "--name", "a b", NULL };
  const char *bad[] = { "/bin/echo", "\377", NULL };
  g_autofree char *line = cordon_desktop_exec_line (argv, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (line, ==, "\"/opt/my tools/run\" --name \"a b\"");
  g_assert_null (cordon_desktop_exec_line (bad, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "argument 2"));
}

static void
test_file_id (void)
{
  g_autofree char *plain = cordon_desktop_export_file_id ("/usr/bin/ls", "/home/a/work.json");
  g_autofree char *odd = cordon_desktop_export_file_id ("My Tool++", "/x/Web Stuff (2).json");
  g_autofree char *empty = cordon_desktop_export_file_id ("+++", "/x/.json");

  g_assert_cmpstr (plain, ==, "io.github.cordon.Cordon.sandboxed-ls-work");
  g_assert_cmpstr (odd, ==, "io.github.cordon.Cordon.sandboxed-my-tool-web-stuff-2");
  g_assert_cmpstr (empty, ==, "io.github.cordon.Cordon.sandboxed-program-program");
}

/* Saves the default profile plus @extra_rw (read-write) as a file. */
static char *
save_profile (const char *dir,
              const char *extra_rw)
{
  g_autoptr(CordonDocument) document = run_test_default_document ();
  g_autofree char *path = g_build_filename (dir, "web stuff.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  if (extra_rw != NULL)
    cordon_capability_set_allow_path (cordon_document_get_caps (document), extra_rw,
                                      CORDON_ACCESS_READ_WRITE, &error);
  g_assert_no_error (error);
  g_assert_true (app_test_save_document (document, file, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

static void
assert_validates (const char *path)
{
  const char *argv[] = { "desktop-file-validate", path, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (g_find_program_in_path ("desktop-file-validate") == NULL)
    {
      g_test_skip ("desktop-file-validate is not installed");
      return;
    }
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status,
                &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL) || strstr (out, "error") != NULL)
    g_error ("desktop-file-validate %s:\n%s%s", path, out, err);
}

static gboolean
file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

/* The entry, launched the way a desktop launches it, runs the program with
 * its arguments intact, inside the saved profile's sandbox. */
static void
test_entry_runs_sandboxed (void)
{
  g_autofree char *work = run_test_make_outside_dir ();
  g_autofree char *outside = run_test_make_outside_dir ();
  g_autofree char *secret = app_test_write_file (outside, "secret", "hidden\n");
  g_autofree char *marker = g_build_filename (work, "marker", NULL);
  g_autofree char *done = g_build_filename (work, "done", NULL);
  g_autofree char *profile = save_profile (work, work);
  g_autofree char *name = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GDesktopAppInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;
  const char *argv[] = {
    "/bin/sh", "-c",
    "printf '%s\\n' \"$1\" > \"$2\"; cat \"$3\" >> \"$2\" 2>&1 || echo DENIED >> \"$2\"; "
    "touch \"$4\"",
    "sh", "tricky: \"quotes\" $HOME `id` 100% back\\slash", marker, secret, done, NULL
  };

  written = cordon_desktop_export_write (profile, argv, &name, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (written, g_get_user_data_dir ()));
  g_assert_true (g_str_has_suffix (written,
                                   "/applications/io.github.cordon.Cordon.sandboxed-sh-web-stuff"
                                   ".desktop"));
  assert_validates (written);

  info = g_desktop_app_info_new_from_filename (written);
  g_assert_nonnull (info);
  g_assert_cmpstr (g_app_info_get_name (G_APP_INFO (info)), ==, name);
  g_assert_cmpstr (g_desktop_app_info_get_string (info, "X-Cordon-Profile"), ==, profile);
  g_assert_true (g_app_info_launch (G_APP_INFO (info), NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (run_test_wait_for (file_exists, done, 20));

  g_assert_true (g_file_get_contents (marker, &contents, NULL, NULL));
  /* The arguments arrive intact, and the file outside the profile stays shut. */
  expected = g_strdup_printf ("%s\ncat: %s: Permission denied\nDENIED\n", argv[4], secret);
  g_assert_cmpstr (contents, ==, expected);

  g_unlink (written);
  app_test_remove_tree (work);
  app_test_remove_tree (outside);
}

/* A program with a desktop entry lends its name and icon; one without gets
 * its file name and a generic icon. */
static void
test_name_and_icon (void)
{
  g_autofree char *dir = app_test_make_tmp_dir ();
  g_autofree char *profile = save_profile (dir, NULL);
  const char *with_entry[] = { tool_path, "--some-option", NULL };
  const char *without[] = { "/bin/echo", "hi", NULL };
  const char *host_launcher[] = { "/usr/bin/cordon-run", NULL };
  g_autofree char *name = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GKeyFile) keys = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *icon = NULL;
  g_autoptr(GDesktopAppInfo) found = cordon_desktop_export_find_app (tool_path);

  g_assert_nonnull (found);
  g_assert_cmpstr (g_app_info_get_id (G_APP_INFO (found)), ==, "cordon-test-tool.desktop");

  contents = cordon_desktop_export_build (host_launcher, profile, with_entry, &name, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (name, ==, "Test Tool (Sandboxed)");
  g_assert_true (g_key_file_load_from_data (keys, contents, -1, G_KEY_FILE_NONE, &error));
  icon = g_key_file_get_string (keys, "Desktop Entry", "Icon", NULL);
  g_assert_cmpstr (icon, ==, "cordon-test-tool-icon");
  g_clear_pointer (&name, g_free);
  g_clear_pointer (&contents, g_free);
  g_clear_pointer (&icon, g_free);

  g_assert_null (cordon_desktop_export_find_app ("/bin/echo"));
  contents = cordon_desktop_export_build (host_launcher, profile, without, &name, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (name, ==, "echo (Sandboxed)");
  g_assert_true (g_key_file_load_from_data (keys, contents, -1, G_KEY_FILE_NONE, &error));
  icon = g_key_file_get_string (keys, "Desktop Entry", "Icon", NULL);
  g_assert_cmpstr (icon, ==, "application-x-executable");
  app_test_remove_tree (dir);
}

typedef struct
{
  GtkWindow      *window;
  CordonRunPanel *panel;
  CordonDocument *document;
} Panel;

static void
panel_open (Panel *p)
{
  GtkWidget *overlay;

  p->document = run_test_default_document ();
  p->panel = CORDON_RUN_PANEL (cordon_run_panel_new ());
  cordon_run_panel_set_document (p->panel, p->document);
  p->window = GTK_WINDOW (adw_window_new ());
  overlay = adw_toast_overlay_new ();
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (p->panel));
  adw_window_set_content (ADW_WINDOW (p->window), overlay);
  gtk_window_present (p->window);
  gtk_editable_set_text (GTK_EDITABLE (cordon_run_panel_get_command_entry (p->panel)),
                         "/bin/echo from the menu");
}

static void
panel_close (Panel *p)
{
  app_test_destroy_window (p->window);
  g_assert_finalize_object (p->document);
}

static char *
entry_path (const char *profile)
{
  g_autofree char *id = cordon_desktop_export_file_id ("/bin/echo", profile);

  return g_strdup_printf ("%s/applications/%s.desktop", g_get_user_data_dir (), id);
}

/* A profile never saved, or with changes, is saved first (asked); a saved
 * one is exported at once and the person is told where. */
static void
test_panel_asks_to_save (void)
{
  g_autofree char *dir = app_test_make_tmp_dir ();
  g_autofree char *profile = save_profile (dir, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (profile);
  g_autofree char *written = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) toasts = NULL;
  g_autofree char *last = NULL;
  AdwMessageDialog *dialog;
  Panel p;

  panel_open (&p);
  gtk_widget_activate_action (GTK_WIDGET (p.panel), "run.add-to-applications", NULL);
  dialog = app_test_find_dialog (p.window);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Save the Profile First?");
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  app_test_spin ();
  toasts = app_test_take_toasts (GTK_WIDGET (p.panel));
  g_assert_cmpuint (g_strv_length (toasts), ==, 0);

  /* Saved but changed since: "Save" saves it, then writes the entry. */
  g_assert_true (app_test_load_document (p.document, file, &error));
  cordon_document_set_network_blocked (p.document, FALSE);
  g_assert_true (cordon_document_get_modified (p.document));
  gtk_widget_activate_action (GTK_WIDGET (p.panel), "run.add-to-applications", NULL);
  dialog = app_test_find_dialog (p.window);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "save");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (app_test_wait (app_test_document_is_saved, p.document));
  written = entry_path (profile);
  g_assert_true (g_file_test (written, G_FILE_TEST_IS_REGULAR));
  /* Short enough to show whole; the menu is where to look for the entry. */
  last = app_test_last_toast (GTK_WIDGET (p.panel));
  g_assert_cmpstr (last, ==, "Added “echo (Sandboxed)” to Applications");
  assert_validates (written);
  g_unlink (written);

  /* Saved and unchanged: no question. */
  gtk_widget_activate_action (GTK_WIDGET (p.panel), "run.add-to-applications", NULL);
  g_assert_null (app_test_find_dialog (p.window));
  g_assert_true (g_file_test (written, G_FILE_TEST_IS_REGULAR));
  g_unlink (written);

  panel_close (&p);
  app_test_remove_tree (dir);
}

static void
write_tool_entry (void)
{
  g_autofree char *apps = g_build_filename (g_get_user_data_dir (), "applications", NULL);
  g_autofree char *entry = NULL;
  g_autofree char *entry_file = NULL;

  tool_dir = app_test_make_tmp_dir ();
  tool_path = app_test_write_file (tool_dir, "cordon-test-tool", "#!/bin/sh\nexit 0\n");
  g_assert_cmpint (g_chmod (tool_path, 0755), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (apps, 0755), ==, 0);
  entry = g_strdup_printf ("[Desktop Entry]\nType=Application\nName=Test Tool\n"
                           "Icon=cordon-test-tool-icon\nExec=%s %%U\n", tool_path);
  entry_file = app_test_write_file (apps, "cordon-test-tool.desktop", entry);
}

/* Inside the Flatpak the host has no /app/bin/cordon-run: the entry must
 * go through `flatpak run`, and menus must hide it without flatpak. */
static void
test_flatpak_launcher (void)
{
  const char *launcher[] = { "flatpak", "run", "--command=cordon-run", APP_ID, NULL };
  const char *argv[] = { "/bin/echo", "hi there", NULL };
  g_autoptr (GKeyFile) keys = g_key_file_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *exec = NULL;
  g_autofree char *try_exec = NULL;

  contents = cordon_desktop_export_build (launcher, "/home/u/p.json", argv, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_key_file_load_from_data (keys, contents, -1, G_KEY_FILE_NONE, &error));
  exec = g_key_file_get_string (keys, "Desktop Entry", "Exec", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (exec, ==,
                   "flatpak run --command=cordon-run " APP_ID
                   " --profile /home/u/p.json -- /bin/echo \"hi there\"");
  try_exec = g_key_file_get_string (keys, "Desktop Entry", "TryExec", &error);
  g_assert_cmpstr (try_exec, ==, "flatpak");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  app = app_test_init (&argc, &argv);
  write_tool_entry ();

  g_test_add_func ("/desktop-export/quote-arg", test_quote_arg);
  g_test_add_func ("/desktop-export/exec-line", test_exec_line);
  g_test_add_func ("/desktop-export/file-id", test_file_id);
  g_test_add_func ("/desktop-export/entry-runs-sandboxed", test_entry_runs_sandboxed);
  g_test_add_func ("/desktop-export/name-and-icon", test_name_and_icon);
  g_test_add_func ("/desktop-export/flatpak-launcher", test_flatpak_launcher);
  g_test_add_func ("/desktop-export/panel-asks-to-save", test_panel_asks_to_save);

  status = g_test_run ();
  app_test_remove_tree (tool_dir);
  return status;
}
