/* test-session-bus.c: the window's Session Bus group
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "app-test-util.h"
#include "cordon-session-bus-private.h"
#include "cordon-window-private.h"

static CordonApplication *app;

static void
discard_and_destroy (CordonWindow *window)
{
  cordon_document_set_modified (cordon_window_get_document (window), FALSE);
  app_test_destroy_window (GTK_WINDOW (window));
}

static CordonCapabilitySet *
caps_of (CordonWindow *window)
{
  return cordon_document_get_caps (cordon_window_get_document (window));
}

/* The names shown, as "name [Talk]" lines in the order of the rows. */
static char *
shown_names (CordonSessionBus *bus)
{
  GtkWidget *list = GTK_WIDGET (cordon_session_bus_get_name_list (bus));
  g_autoptr(GString) out = g_string_new (NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      g_autoptr(GPtrArray) labels = NULL;
      const char *access = "?";

      if (!ADW_IS_ACTION_ROW (row))
        continue;
      labels = app_test_find_widgets (row, GTK_TYPE_LABEL);
      for (guint i = 0; i < labels->len; i++)
        {
          const char *text = gtk_label_get_label (labels->pdata[i]);

          if (g_str_equal (text, "Talk") || g_str_equal (text, "Own"))
            access = text;
        }
      g_string_append_printf (out, "%s [%s]\n",
                              adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), access);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
type_and_add (CordonSessionBus *bus,
              const char       *name,
              guint             access)
{
  AdwEntryRow *entry = cordon_session_bus_get_name_entry (bus);

  gtk_drop_down_set_selected (cordon_session_bus_get_access (bus), access);
  gtk_editable_set_text (GTK_EDITABLE (entry), name);
  g_signal_emit_by_name (entry, "entry-activated");
  app_test_spin ();
}

static GtkLabel *
error_label (CordonSessionBus *bus)
{
  g_autoptr(GPtrArray) labels = app_test_find_widgets (GTK_WIDGET (bus), GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    if (gtk_widget_has_css_class (labels->pdata[i], "error"))
      return labels->pdata[i];
  g_assert_not_reached ();
}

static void
test_off_by_default (void)
{
  CordonWindow *window = app_test_new_window ();
  CordonSessionBus *bus = cordon_window_get_session_bus (window);

  /* A new profile has no bus at all. */
  g_assert_null (cordon_capability_set_get_bus_policy (caps_of (window)));
  g_assert_false (gtk_switch_get_active (cordon_session_bus_get_switch (bus)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (cordon_session_bus_get_name_list (bus))) &&
                  gtk_widget_get_mapped (GTK_WIDGET (cordon_session_bus_get_name_list (bus))));
  discard_and_destroy (window);
}

static void
test_switch_and_names (void)
{
  CordonWindow *window = app_test_new_window ();
  CordonSessionBus *bus = cordon_window_get_session_bus (window);
  CordonDocument *document = cordon_window_get_document (window);
  GtkSwitch *bus_switch = cordon_session_bus_get_switch (bus);
  CordonBusPolicy *policy;
  g_autofree char *names = NULL;

  gtk_switch_set_active (bus_switch, TRUE);
  policy = cordon_capability_set_get_bus_policy (caps_of (window));
  g_assert_nonnull (policy);
  g_assert_true (cordon_document_get_modified (document));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (cordon_session_bus_get_name_list (bus))));

  /* A name that is not one says why, in words, and adds nothing. */
  type_and_add (bus, "org.*", 0);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label (bus))));
  g_assert_nonnull (strstr (gtk_label_get_label (error_label (bus)), "“org.*” is not a bus name"));
  g_assert_null (cordon_bus_policy_get_talk (policy)[0]);
  /* Typing again clears the complaint. */
  gtk_editable_set_text (GTK_EDITABLE (cordon_session_bus_get_name_entry (bus)), "org.");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (error_label (bus))));

  type_and_add (bus, " org.freedesktop.portal.* ", 0);
  type_and_add (bus, "org.example.App", 1);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (cordon_session_bus_get_name_entry (bus))),
                   ==, "");
  g_assert_cmpint (cordon_bus_policy_lookup (policy, "org.freedesktop.portal.*"), ==,
                   CORDON_BUS_ACCESS_TALK);
  g_assert_cmpint (cordon_bus_policy_lookup (policy, "org.example.App"), ==,
                   CORDON_BUS_ACCESS_OWN);
  names = shown_names (bus);
  g_assert_cmpstr (names, ==, "org.example.App [Own]\norg.freedesktop.portal.* [Talk]\n");

  /* Off, then on again: the names come back. */
  gtk_switch_set_active (bus_switch, FALSE);
  g_assert_null (cordon_capability_set_get_bus_policy (caps_of (window)));
  gtk_switch_set_active (bus_switch, TRUE);
  g_assert_true (cordon_capability_set_get_bus_policy (caps_of (window)) == policy);
  g_free (names);
  names = shown_names (bus);
  g_assert_cmpstr (names, ==, "org.example.App [Own]\norg.freedesktop.portal.* [Talk]\n");

  discard_and_destroy (window);
}

static GtkButton *
find_button (GtkWidget  *root,
             const char *label_or_tooltip)
{
  g_autoptr(GPtrArray) buttons = app_test_find_widgets (root, GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_label (buttons->pdata[i]), label_or_tooltip) == 0
        || g_strcmp0 (gtk_widget_get_tooltip_text (buttons->pdata[i]), label_or_tooltip) == 0)
      return buttons->pdata[i];
  return NULL;
}

static void
test_remove_and_undo (void)
{
  CordonWindow *window = app_test_new_window ();
  CordonSessionBus *bus = cordon_window_get_session_bus (window);
  CordonBusPolicy *policy;
  GtkButton *remove;
  GtkButton *undo;
  g_autofree char *names = NULL;

  gtk_switch_set_active (cordon_session_bus_get_switch (bus), TRUE);
  type_and_add (bus, "org.example.App", 1);
  type_and_add (bus, "org.a11y.Bus", 0);
  policy = cordon_capability_set_get_bus_policy (caps_of (window));

  remove = find_button (GTK_WIDGET (bus), "Remove org.example.App");
  g_assert_nonnull (remove);
  g_signal_emit_by_name (remove, "clicked");
  app_test_spin ();
  g_assert_cmpint (cordon_bus_policy_lookup (policy, "org.example.App"), ==,
                   CORDON_BUS_ACCESS_NONE);
  names = shown_names (bus);
  g_assert_cmpstr (names, ==, "org.a11y.Bus [Talk]\n");

  /* The toast's Undo brings it back with the access it had. */
  undo = find_button (GTK_WIDGET (window), "_Undo");
  g_assert_nonnull (undo);
  g_signal_emit_by_name (undo, "clicked");
  app_test_spin ();
  g_assert_cmpint (cordon_bus_policy_lookup (policy, "org.example.App"), ==,
                   CORDON_BUS_ACCESS_OWN);

  discard_and_destroy (window);
}

static void
test_desktop_preset_turns_it_on (void)
{
  CordonWindow *window = app_test_new_window ();
  CordonSessionBus *bus = cordon_window_get_session_bus (window);
  g_autofree char *names = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.apply-preset", "s",
                                             "desktop-app"));
  app_test_spin ();
  g_assert_true (gtk_switch_get_active (cordon_session_bus_get_switch (bus)));
  names = shown_names (bus);
  g_assert_cmpstr (names, ==, "org.freedesktop.portal.* [Talk]\norg.a11y.Bus [Talk]\n");
  discard_and_destroy (window);
}

static void
test_saved_and_loaded (void)
{
  CordonWindow *window = app_test_new_window ();
  CordonDocument *document = cordon_window_get_document (window);
  CordonSessionBus *bus = cordon_window_get_session_bus (window);
  g_autofree char *dir = app_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "bus.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(CordonDocument) loaded = cordon_document_new ();
  CordonBusPolicy *policy;

  gtk_switch_set_active (cordon_session_bus_get_switch (bus), TRUE);
  type_and_add (bus, "org.example.App", 1);
  g_assert_true (app_test_save_document (document, file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "  \"dbus_session\": {\n    \"talk\": [],\n"
                                      "    \"own\": [\"org.example.App\"]\n  },\n"));

  g_assert_true (app_test_load_document (loaded, file, &error));
  g_assert_no_error (error);
  policy = cordon_capability_set_get_bus_policy (cordon_document_get_caps (loaded));
  g_assert_nonnull (policy);
  g_assert_cmpint (cordon_bus_policy_lookup (policy, "org.example.App"), ==,
                   CORDON_BUS_ACCESS_OWN);

  /* The window follows a profile whose bus is off. */
  gtk_switch_set_active (cordon_session_bus_get_switch (bus), FALSE);
  g_assert_true (app_test_save_document (document, file, &error));
  g_assert_true (app_test_load_document (document, file, &error));
  g_assert_no_error (error);
  app_test_spin ();
  g_assert_false (gtk_switch_get_active (cordon_session_bus_get_switch (bus)));

  discard_and_destroy (window);
  app_test_remove_tree (dir);
}

static void
test_describe (void)
{
  static const struct
  {
    const char *name;
    gboolean    escapes;
    const char *words;
  } cases[] = {
    { "org.freedesktop.portal.*", FALSE, "Desktop portals" },
    { "org.freedesktop.portal.Desktop", FALSE, "Desktop portals" },
    { "org.a11y.Bus", FALSE, "Accessibility" },
    { "org.example.App", FALSE, "the service named org.example.App" },
    { "org.example.*", FALSE, "named org.example or any name below it" },
    { "org.freedesktop.systemd1", TRUE, "start any program" },
    /* A prefix that covers a way out is one too, and so is a name below one. */
    { "org.freedesktop.*", TRUE, NULL },
    { "org.gtk.vfs.Daemon", TRUE, "Virtual file systems" },
    { "ca.desrt.dconf", TRUE, "every setting" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gboolean escapes = !cases[i].escapes;
      g_autofree char *words = cordon_session_bus_describe_name (cases[i].name,
                                                                 CORDON_BUS_ACCESS_TALK,
                                                                 &escapes);

      g_test_message ("%s: %s", cases[i].name, words);
      g_assert_cmpint (escapes, ==, cases[i].escapes);
      if (cases[i].words != NULL)
        g_assert_nonnull (strstr (words, cases[i].words));
    }
}

int
main (int    argc,
      char **argv)
{
  app = app_test_init (&argc, &argv);

  g_test_add_func ("/session-bus/off-by-default", test_off_by_default);
  g_test_add_func ("/session-bus/switch-and-names", test_switch_and_names);
  g_test_add_func ("/session-bus/remove-and-undo", test_remove_and_undo);
  g_test_add_func ("/session-bus/desktop-preset", test_desktop_preset_turns_it_on);
  g_test_add_func ("/session-bus/saved-and-loaded", test_saved_and_loaded);
  g_test_add_func ("/session-bus/describe", test_describe);

  return g_test_run ();
}
