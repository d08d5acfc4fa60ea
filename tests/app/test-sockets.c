/* test-sockets.c: Local Services, driven through the real window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "app-test-util.h"
#include "cordon-check-panel-private.h"
#include "cordon-runner.h"
#include "cordon-socket-list-private.h"
#include "cordon-window-private.h"

#define WAY_OUT "lets the program start programs outside the sandbox"

static CordonApplication *app;
/* Our own runtime folder, set before GLib reads it: the Desktop app preset
 * and the session bus warning are about $XDG_RUNTIME_DIR. */
static char *runtime_dir;

static char *
make_socket (const char *dir,
             const char *name)
{
  char *path = g_build_filename (dir, name, NULL);
  struct sockaddr_un addr = { .sun_family = AF_UNIX };
  int fd;

  g_assert_cmpuint (strlen (path), <, sizeof addr.sun_path);
  strcpy (addr.sun_path, path);
  fd = socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  g_assert_cmpint (fd, >=, 0);
  g_assert_no_errno (bind (fd, (struct sockaddr *) &addr, sizeof addr));
  close (fd);
  return path;
}

static GListModel *
window_sockets (CordonWindow *window)
{
  return cordon_capability_set_get_sockets (app_test_window_caps (window));
}

/* The rows on screen, in order. */
static GPtrArray *
socket_rows (CordonWindow *window)
{
  GtkListBox *box = cordon_socket_list_get_list_box (cordon_window_get_socket_list (window));
  GPtrArray *rows = g_ptr_array_new ();

  for (int i = 0; gtk_list_box_get_row_at_index (box, i) != NULL; i++)
    g_ptr_array_add (rows, gtk_list_box_get_row_at_index (box, i));
  return rows;
}

static void
discard_and_destroy (CordonWindow *window)
{
  cordon_document_set_modified (cordon_window_get_document (window), FALSE);
  app_test_destroy_window (GTK_WINDOW (window));
}

/* Lets idle handlers (the check panel answers on idle) run. */
static void
settle (void)
{
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
}

/* Tests ------------------------------------------------------------------ */

static void
test_typed_path (void)
{
  CordonWindow *window = app_test_new_window ();
  CordonSocketList *list = cordon_window_get_socket_list (window);
  GtkEditable *entry = GTK_EDITABLE (cordon_socket_list_get_path_entry (list));
  GtkLabel *label = cordon_socket_list_get_validation_label (list);
  GtkWidget *add = GTK_WIDGET (cordon_socket_list_get_add_button (list));
  g_autofree char *dir = app_test_make_tmp_dir ();
  g_autofree char *sock = make_socket (dir, "service");
  g_autofree char *file = app_test_write_file (dir, "notes.txt", "x");
  g_autofree char *missing = g_build_filename (dir, "missing", NULL);
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *toast = g_strdup_printf ("Added “%s”", sock);
  g_autofree char *last = NULL;
  guint fs_rules = g_list_model_get_n_items (G_LIST_MODEL (app_test_window_caps (window)));
  CordonSocketCapability *added;

  /* A new profile lists no socket, and says what that means. */
  g_assert_cmpuint (g_list_model_get_n_items (window_sockets (window)), ==, 0);
  g_assert_false (cordon_document_get_modified (cordon_window_get_document (window)));

  gtk_editable_set_text (entry, "relative");
  g_assert_cmpstr (gtk_label_get_label (label), ==, "Type a full path, starting with / or ~");
  g_assert_false (gtk_widget_get_sensitive (add));
  gtk_editable_set_text (entry, missing);
  g_assert_cmpstr (gtk_label_get_label (label), ==, "Nothing exists at this path");
  g_assert_false (gtk_widget_get_sensitive (add));
  /* A regular file cannot be connected to. */
  gtk_editable_set_text (entry, file);
  g_assert_true (g_str_has_prefix (gtk_label_get_label (label), "Not a socket"));
  g_assert_false (gtk_widget_get_sensitive (add));
  gtk_editable_set_text (entry, dir);
  g_assert_cmpstr (gtk_label_get_label (label), ==, "A folder: every socket inside it");
  g_assert_true (gtk_widget_get_sensitive (add));
  gtk_editable_set_text (entry, sock);
  g_assert_cmpstr (gtk_label_get_label (label), ==, "A socket");
  g_assert_true (gtk_widget_get_sensitive (add));

  g_signal_emit_by_name (add, "clicked");
  g_assert_cmpuint (g_list_model_get_n_items (window_sockets (window)), ==, 1);
  added = g_list_model_get_item (window_sockets (window), 0);
  g_object_unref (added);
  g_assert_cmpstr (cordon_socket_capability_get_resolved (added), ==, sock);
  g_assert_true (cordon_socket_capability_get_is_file (added));
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "");
  last = app_test_last_toast (GTK_WIDGET (window));
  g_assert_cmpstr (last, ==, toast);
  g_assert_true (cordon_document_get_modified (cordon_window_get_document (window)));
  /* A socket rule is no file rule. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (app_test_window_caps (window))), ==, fs_rules);

  /* Enter adds too; a folder becomes a folder entry. */
  gtk_editable_set_text (entry, dir);
  g_signal_emit_by_name (entry, "entry-activated");
  rows = socket_rows (window);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpstr (adw_preferences_row_get_title (rows->pdata[0]), ==, sock);
  g_assert_cmpstr (adw_action_row_get_subtitle (rows->pdata[0]), ==, "This socket");
  g_assert_cmpstr (adw_action_row_get_subtitle (rows->pdata[1]), ==,
                   "Every socket in this folder");

  discard_and_destroy (window);
  app_test_remove_tree (dir);
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *icon_name)
{
  if (GTK_IS_BUTTON (widget)
      && g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)), icon_name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, icon_name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_remove_and_undo (void)
{
  CordonWindow *window = app_test_new_window ();
  CordonSocketList *list = cordon_window_get_socket_list (window);
  g_autofree char *dir = app_test_make_tmp_dir ();
  g_autofree char *first = make_socket (dir, "first");
  g_autofree char *second = make_socket (dir, "second");
  g_autofree char *toast = g_strdup_printf ("Removed “%s”", first);
  g_autofree char *last = NULL;
  g_autoptr(CordonSocketCapability) removed = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *trash;

  g_assert_true (cordon_socket_list_add_path (list, first, &error));
  g_assert_true (cordon_socket_list_add_path (list, second, &error));
  g_assert_no_error (error);
  removed = g_list_model_get_item (window_sockets (window), 0);
  cordon_document_set_modified (cordon_window_get_document (window), FALSE);

  /* The row's own button, as a click would. */
  rows = socket_rows (window);
  trash = find_button (rows->pdata[0], "user-trash-symbolic");
  g_assert_nonnull (trash);
  g_signal_emit_by_name (trash, "clicked");
  g_assert_cmpuint (g_list_model_get_n_items (window_sockets (window)), ==, 1);
  last = app_test_last_toast (GTK_WIDGET (window));
  g_assert_cmpstr (last, ==, toast);
  g_assert_true (cordon_document_get_modified (cordon_window_get_document (window)));
  g_assert_false (cordon_capability_set_socket_covered (app_test_window_caps (window), first));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (list), "sockets.undo-remove", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (window_sockets (window)), ==, 2);
  {
    g_autoptr(CordonSocketCapability) back = g_list_model_get_item (window_sockets (window), 0);
    g_assert_true (back == removed);
  }
  g_assert_true (cordon_capability_set_socket_covered (app_test_window_caps (window), first));

  /* Undo happens once. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (list), "sockets.undo-remove", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (window_sockets (window)), ==, 2);

  /* The action, by position. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (list), "sockets.remove", "u", 1));
  g_assert_cmpuint (g_list_model_get_n_items (window_sockets (window)), ==, 1);

  discard_and_destroy (window);
  app_test_remove_tree (dir);
}

static void
assert_way_out (const char *path,
                gboolean    is_file,
                const char *words)
{
  g_autofree char *warning = cordon_socket_dup_warning (path, is_file);

  if (warning == NULL || strstr (warning, words) == NULL || strstr (warning, WAY_OUT) == NULL)
    g_error ("%s (%s): warning “%s”, expected “%s”", path, is_file ? "file" : "folder",
             warning, words);
}

/* An X server is a way out too, through the windows it lets a client type into. */
static void
assert_way_out_x11 (const char *path,
                    gboolean    is_file)
{
  g_autofree char *warning = cordon_socket_dup_warning (path, is_file);

  if (warning == NULL || strstr (warning, "An X server") == NULL
      || strstr (warning, "start programs outside the sandbox") == NULL)
    g_error ("%s: warning “%s”, expected the X server's", path, warning);
}

static void
assert_no_warning (const char *path,
                   gboolean    is_file)
{
  g_autofree char *warning = cordon_socket_dup_warning (path, is_file);

  if (warning != NULL)
    g_error ("%s: unexpected warning “%s”", path, warning);
}

static void
test_ways_out (void)
{
  g_autofree char *bus = g_build_filename (runtime_dir, "bus", NULL);
  g_autofree char *user_systemd = g_build_filename (runtime_dir, "systemd", "private", NULL);
  g_autofree char *wayland = g_build_filename (runtime_dir, "wayland-0", NULL);
  g_autofree char *pulse = g_build_filename (runtime_dir, "pulse", NULL);
  g_autofree char *old_agent = g_strdup (g_getenv ("SSH_AUTH_SOCK"));
  g_autofree char *runtime_tmux = g_build_filename (runtime_dir, "tmux-1000", "default", NULL);

  assert_way_out (bus, TRUE, "session bus");
  assert_way_out (runtime_dir, FALSE, "session bus");
  assert_way_out ("/", FALSE, "");
  assert_way_out ("/run/dbus/system_bus_socket", TRUE, "system bus");
  assert_way_out ("/run/dbus", FALSE, "system bus");
  assert_way_out ("/run/systemd/private", TRUE, "systemd");
  assert_way_out (user_systemd, TRUE, "systemd");
  assert_way_out ("/run/docker.sock", TRUE, "container engine");
  assert_way_out ("/srv/ci/docker.sock", TRUE, "container engine");
  assert_way_out ("/tmp/tmux-1000/default", TRUE, "tmux");
  assert_way_out ("/tmp/tmux-1000", FALSE, "tmux");
  assert_way_out (runtime_tmux, TRUE, "tmux");
  assert_way_out ("/tmp", FALSE, "");
  assert_way_out ("/tmp/ssh-XXXXabcd/agent.4242", TRUE, "ssh-agent");
  assert_way_out ("/tmp/ssh-XXXXabcd", FALSE, "ssh-agent");
  g_setenv ("SSH_AUTH_SOCK", "/home/someone/.ssh/agent.sock", TRUE);
  assert_way_out ("/home/someone/.ssh/agent.sock", TRUE, "ssh-agent");
  assert_way_out ("/home/someone/.ssh", FALSE, "ssh-agent");

  assert_way_out_x11 ("/tmp/.X11-unix/X0", TRUE);
  assert_way_out_x11 ("/tmp/.X11-unix", FALSE);

  /* What a desktop program needs is no way out. */
  assert_no_warning (wayland, TRUE);
  assert_no_warning (pulse, FALSE);
  assert_no_warning ("/tmp/.X11-unix-not-tmux", FALSE);
  assert_no_warning ("/run/dbus-other", FALSE);
  assert_no_warning ("/tmp/agent.1", TRUE);

  if (old_agent != NULL)
    g_setenv ("SSH_AUTH_SOCK", old_agent, TRUE);
  else
    g_unsetenv ("SSH_AUTH_SOCK");
}

/* A row for a way out says so, in the row itself. */
static void
test_warning_row (void)
{
  CordonWindow *window = app_test_new_window ();
  CordonSocketList *list = cordon_window_get_socket_list (window);
  g_autofree char *dir = app_test_make_tmp_dir ();
  g_autofree char *tmux_dir = g_build_filename (dir, "tmux-1000", NULL);
  g_autofree char *tmux = NULL;
  g_autofree char *plain = make_socket (dir, "plain");
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  GtkEditable *entry = GTK_EDITABLE (cordon_socket_list_get_path_entry (list));
  GtkLabel *label = cordon_socket_list_get_validation_label (list);

  g_assert_no_errno (g_mkdir (tmux_dir, 0700));
  tmux = make_socket (tmux_dir, "default");

  /* Typed, it is still allowed, knowingly: the check says why it matters. */
  gtk_editable_set_text (entry, tmux);
  g_assert_nonnull (strstr (gtk_label_get_label (label), WAY_OUT));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (label), "error"));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (cordon_socket_list_get_add_button (list))));
  gtk_editable_set_text (entry, "");

  g_assert_true (cordon_socket_list_add_path (list, tmux, &error));
  g_assert_true (cordon_socket_list_add_path (list, plain, &error));
  g_assert_no_error (error);
  rows = socket_rows (window);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_true (gtk_widget_has_css_class (rows->pdata[0], "way-out"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (rows->pdata[0]), "A tmux server"));
  g_assert_false (gtk_widget_has_css_class (rows->pdata[1], "way-out"));
  g_assert_null (strstr (adw_action_row_get_subtitle (rows->pdata[1]), WAY_OUT));

  discard_and_destroy (window);
  app_test_remove_tree (dir);
}

static void
test_check_access (void)
{
  CordonWindow *window = app_test_new_window ();
  CordonCheckPanel *panel = cordon_window_get_check_panel (window);
  g_autofree char *dir = app_test_make_tmp_dir ();
  g_autofree char *sock = make_socket (dir, "service");
  g_autofree char *file = app_test_write_file (dir, "notes.txt", "x");
  g_autofree char *allowed = g_strdup_printf ("Connecting: allowed — socket rule %s", dir);
  g_autoptr(GError) error = NULL;

  gtk_editable_set_text (GTK_EDITABLE (cordon_check_panel_get_path_entry (panel)), sock);
  g_assert_cmpstr (cordon_check_panel_get_socket_answer (panel), ==,
                   "Connecting: denied — no socket rule lists it");

  /* Writing the folder is not connecting to what is in it. */
  g_assert_true (cordon_capability_set_allow_path (app_test_window_caps (window), dir,
                                                   CORDON_ACCESS_READ_WRITE, &error));
  settle ();
  g_assert_cmpstr (cordon_check_panel_get_socket_answer (panel), ==,
                   "Connecting: denied — no socket rule lists it");

  g_assert_true (cordon_socket_list_add_path (cordon_window_get_socket_list (window), dir,
                                              &error));
  g_assert_no_error (error);
  settle ();
  g_assert_cmpstr (cordon_check_panel_get_socket_answer (panel), ==, allowed);

  /* A plain file gets no socket answer. */
  gtk_editable_set_text (GTK_EDITABLE (cordon_check_panel_get_path_entry (panel)), file);
  g_assert_null (cordon_check_panel_get_socket_answer (panel));

  discard_and_destroy (window);
  app_test_remove_tree (dir);
}

/* Opening reads the file asynchronously: wait until a window shows it. */
static CordonWindow *
open_in_new_window (GFile *file)
{
  CordonWindow *window = app_test_new_window ();

  cordon_window_open_file (window, file);
  g_assert_true (app_test_wait (app_test_file_is_open, file));
  app_test_spin ();
  return window;
}

static void
test_save_and_open (void)
{
  CordonWindow *window = app_test_new_window ();
  CordonWindow *other = NULL;
  CordonDocument *document = cordon_window_get_document (window);
  g_autofree char *dir = app_test_make_tmp_dir ();
  g_autofree char *sock = make_socket (dir, "service");
  g_autofree char *json = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *path = NULL;
  g_autofree char *saved = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  g_assert_true (cordon_socket_list_add_path (cordon_window_get_socket_list (window), sock,
                                              &error));
  g_assert_no_error (error);
  json = cordon_document_to_json (document);
  expected = g_strdup_printf ("\"unix_sockets\": [\n    {\n      \"path\": \"%s\",\n"
                              "      \"is_file\": true\n    }\n  ]", sock);
  g_assert_nonnull (strstr (json, expected));

  path = app_test_write_file (dir, "profile.json", json);
  file = g_file_new_for_path (path);
  other = open_in_new_window (file);
  g_assert_cmpuint (g_list_model_get_n_items (window_sockets (other)), ==, 1);
  rows = socket_rows (other);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (adw_preferences_row_get_title (rows->pdata[0]), ==, sock);
  g_assert_false (cordon_document_get_modified (cordon_window_get_document (other)));

  /* Saving through the window's own action writes the same. */
  g_assert_true (cordon_socket_list_add_path (cordon_window_get_socket_list (other), dir,
                                              &error));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (other), "win.save", NULL));
  g_assert_true (app_test_wait (app_test_document_is_saved, cordon_window_get_document (other)));
  g_assert_true (g_file_get_contents (path, &saved, NULL, &error));
  g_free (expected);
  expected = g_strdup_printf ("\"unix_sockets\": [\n    {\n      \"path\": \"%s\",\n"
                              "      \"is_file\": true\n    },\n    {\n      \"path\": \"%s\",\n"
                              "      \"is_file\": false\n    }\n  ]", sock, dir);
  g_assert_nonnull (strstr (saved, expected));
  app_test_destroy_window (GTK_WINDOW (other));

  /* A socket that vanished is kept and flagged, not dropped. */
  g_assert_no_errno (g_unlink (sock));
  other = open_in_new_window (file);
  g_ptr_array_unref (rows);
  rows = socket_rows (other);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (rows->pdata[0]),
                                   "Missing on this computer"));

  app_test_destroy_window (GTK_WINDOW (other));
  discard_and_destroy (window);
  app_test_remove_tree (dir);
}

/* Wayland and sound are socket rules, shown in Local Services, not file rules. */
static void
test_desktop_preset (void)
{
  CordonWindow *window = app_test_new_window ();
  CordonCapabilitySet *caps = app_test_window_caps (window);
  g_autofree char *wayland = make_socket (runtime_dir, "wayland-0");
  g_autofree char *pulse_dir = g_build_filename (runtime_dir, "pulse", NULL);
  g_autofree char *pulse = NULL;
  g_autofree char *pipewire = g_build_filename (runtime_dir, "pipewire-0", NULL);
  g_autofree char *old_display = g_strdup (g_getenv ("WAYLAND_DISPLAY"));
  g_autoptr(GPtrArray) rows = NULL;
  guint n_sockets;
  gboolean wayland_row = FALSE;

  g_assert_no_errno (g_mkdir (pulse_dir, 0700));
  pulse = make_socket (pulse_dir, "native");
  g_setenv ("WAYLAND_DISPLAY", "wayland-0", TRUE);

  cordon_capability_set_clear (caps);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.apply-preset", "s",
                                             "desktop-app"));
  g_assert_true (cordon_capability_set_socket_covered (caps, wayland));
  g_assert_true (cordon_capability_set_socket_covered (caps, pulse));
  /* Missing here: skipped, as for files. */
  g_assert_false (cordon_capability_set_socket_covered (caps, pipewire));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (caps)); i++)
    {
      g_autoptr(CordonFsCapability) rule = g_list_model_get_item (G_LIST_MODEL (caps), i);

      g_assert_false (g_str_has_prefix (cordon_fs_capability_get_resolved (rule), runtime_dir)
                      && cordon_fs_capability_get_is_file (rule));
    }
  rows = socket_rows (window);
  for (guint i = 0; i < rows->len; i++)
    wayland_row |= g_str_equal (adw_preferences_row_get_title (rows->pdata[i]), wayland);
  g_assert_true (wayland_row);

  /* Applied again, nothing is added twice. */
  n_sockets = g_list_model_get_n_items (window_sockets (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.apply-preset", "s",
                                             "desktop-app"));
  g_assert_cmpuint (g_list_model_get_n_items (window_sockets (window)), ==, n_sockets);

  if (old_display != NULL)
    g_setenv ("WAYLAND_DISPLAY", old_display, TRUE);
  else
    g_unsetenv ("WAYLAND_DISPLAY");
  g_unlink (wayland);
  g_unlink (pulse);
  g_rmdir (pulse_dir);
  discard_and_destroy (window);
}

/* From the section to the kernel: a program started the way the Run area
 * starts it reaches the listed socket, and not its neighbour in a folder
 * the profile lets it write. */
typedef struct
{
  GString *out;
  gboolean finished;
} RunState;

static void
on_run_output (CordonRunner *runner,
               const char   *text,
               gboolean      is_stderr,
               RunState     *state)
{
  if (!is_stderr)
    g_string_append (state->out, text);
}

static void
on_run_finished (CordonRunner *runner,
                 RunState     *state)
{
  state->finished = TRUE;
}

static gboolean
run_finished (gpointer data)
{
  return ((RunState *) data)->finished;
}

static int
listen_at (const char *path)
{
  struct sockaddr_un addr = { .sun_family = AF_UNIX };
  int fd = socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpuint (strlen (path), <, sizeof addr.sun_path);
  strcpy (addr.sun_path, path);
  g_assert_no_errno (bind (fd, (struct sockaddr *) &addr, sizeof addr));
  g_assert_no_errno (listen (fd, 4));
  return fd;
}

static void
test_run_reaches_listed_only (void)
{
  CordonWindow *window = app_test_new_window ();
  CordonDocument *document = cordon_window_get_document (window);
  g_autofree char *dir = app_test_make_tmp_dir ();
  g_autofree char *listed = g_build_filename (dir, "listed", NULL);
  g_autofree char *other = g_build_filename (dir, "other", NULL);
  g_autofree char *profile = NULL;
  g_autofree char *script = NULL;
  g_autoptr(CordonRunner) runner = cordon_runner_new ();
  g_autoptr(GError) error = NULL;
  RunState state = { g_string_new (NULL), FALSE };
  const char *argv[] = { "/usr/bin/python3", "-c", NULL, NULL };
  int listed_fd, other_fd;

  if (!g_file_test (argv[0], G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("no /usr/bin/python3 to connect with");
      discard_and_destroy (window);
      app_test_remove_tree (dir);
      return;
    }

  listed_fd = listen_at (listed);
  other_fd = listen_at (other);
  /* The folder is writable to the program: that must not be enough. */
  g_assert_true (cordon_capability_set_allow_path (app_test_window_caps (window), dir,
                                                   CORDON_ACCESS_READ_WRITE, &error));
  g_assert_true (cordon_socket_list_add_path (cordon_window_get_socket_list (window), listed,
                                              &error));
  g_assert_no_error (error);

  script = g_strdup_printf ("import socket\n"
                            "for name, path in (('listed', '%s'), ('other', '%s')):\n"
                            "    s = socket.socket(socket.AF_UNIX)\n"
                            "    try:\n"
                            "        s.connect(path)\n"
                            "        print(name, 'connected')\n"
                            "    except OSError as e:\n"
                            "        print(name, 'refused', e.errno)\n",
                            listed, other);
  argv[2] = script;
  profile = cordon_document_to_json (document);
  g_signal_connect (runner, "output", G_CALLBACK (on_run_output), &state);
  g_signal_connect (runner, "finished", G_CALLBACK (on_run_finished), &state);
  g_assert_true (cordon_runner_start (runner, profile, argv, dir, &error));
  g_assert_no_error (error);
  g_assert_true (app_test_wait (run_finished, &state));

  g_test_message ("output: %s", state.out->str);
  g_assert_nonnull (strstr (state.out->str, "listed connected\n"));
  g_assert_nonnull (strstr (state.out->str, "other refused 13\n"));

  close (listed_fd);
  close (other_fd);
  g_string_free (state.out, TRUE);
  discard_and_destroy (window);
  app_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CordonApplication) application = NULL;
  int status;

  /* Before anything asks GLib for it: g_get_user_runtime_dir () is read once. */
  runtime_dir = g_dir_make_tmp ("cordon-test-runtime-XXXXXX", NULL);
  g_assert_nonnull (runtime_dir);
  g_setenv ("XDG_RUNTIME_DIR", runtime_dir, TRUE);
  application = app_test_init (&argc, &argv);
  app = application;
  g_assert_cmpstr (g_get_user_runtime_dir (), ==, runtime_dir);

  g_test_add_func ("/sockets/typed-path", test_typed_path);
  g_test_add_func ("/sockets/remove-and-undo", test_remove_and_undo);
  g_test_add_func ("/sockets/ways-out", test_ways_out);
  g_test_add_func ("/sockets/warning-row", test_warning_row);
  g_test_add_func ("/sockets/check-access", test_check_access);
  g_test_add_func ("/sockets/save-and-open", test_save_and_open);
  g_test_add_func ("/sockets/desktop-preset", test_desktop_preset);
  g_test_add_func ("/sockets/run-reaches-listed-only", test_run_reaches_listed_only);

  status = g_test_run ();
  app_test_remove_tree (runtime_dir);
  g_free (runtime_dir);
  return status;
}
