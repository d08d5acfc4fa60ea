/* cordon-application.c: the app, its actions and its windows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cordon-application.h"
#include "cordon-window.h"

struct _CordonApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (CordonApplication, cordon_application, ADW_TYPE_APPLICATION)

static CordonWindow *
new_window (CordonApplication *self)
{
  CordonWindow *window = cordon_window_new (self);

  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
new_window_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  new_window (CORDON_APPLICATION (user_data));
}

/* Quitting asks each window in turn, one question at a time, and closes
 * nothing until every window has answered "close": a Cancel anywhere leaves
 * every window, and every running program, as it was. */
typedef struct
{
  GList *windows;  /* still to ask, then all of them */
  GList *next;
} Quit;

static void ask_next (Quit *quit);

static void
quit_free (Quit *quit)
{
  g_list_free_full (quit->windows, g_object_unref);
  g_free (quit);
}

static void
on_window_answered (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Quit *quit = user_data;

  if (!cordon_window_confirm_close_finish (CORDON_WINDOW (source), result, NULL))
    {
      quit_free (quit);
      return;
    }
  quit->next = quit->next->next;
  ask_next (quit);
}

static void
ask_next (Quit *quit)
{
  while (quit->next != NULL && !CORDON_IS_WINDOW (quit->next->data))
    quit->next = quit->next->next;
  if (quit->next != NULL)
    {
      cordon_window_confirm_close_async (quit->next->data, NULL, on_window_answered, quit);
      return;
    }

  for (GList *l = quit->windows; l != NULL; l = l->next)
    {
      if (CORDON_IS_WINDOW (l->data))
        cordon_window_close_without_asking (l->data);
      else
        gtk_window_destroy (l->data);
    }
  quit_free (quit);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  Quit *quit = g_new0 (Quit, 1);

  quit->windows = g_list_copy_deep (gtk_application_get_windows (app),
                                    (GCopyFunc) (void (*) (void)) g_object_ref, NULL);
  quit->next = quit->windows;
  ask_next (quit);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  static const char *developers[] = { "The Cordon contributors", NULL };
  AdwAboutWindow *about;

  about = ADW_ABOUT_WINDOW (adw_about_window_new ());
  gtk_window_set_transient_for (GTK_WINDOW (about), gtk_application_get_active_window (app));
  adw_about_window_set_application_name (about, _("Cordon"));
  adw_about_window_set_application_icon (about, APP_ID);
  adw_about_window_set_version (about, PACKAGE_VERSION);
  adw_about_window_set_developer_name (about, _("The Cordon contributors"));
  adw_about_window_set_developers (about, developers);
  adw_about_window_set_comments (about,
                                 _("Decide which folders and files a program may use, and "
                                   "whether it may use the network, then run it in exactly "
                                   "that sandbox. Built on the Linux kernel’s Landlock and "
                                   "seccomp."));
  adw_about_window_set_license_type (about, GTK_LICENSE_GPL_3_0);
  adw_about_window_set_website (about, "https://github.com/cordon/cordon");
  adw_about_window_set_issue_url (about, "https://github.com/cordon/cordon/issues");
  /* Translators: put your names here, one per line */
  adw_about_window_set_translator_credits (about, _("translator-credits"));
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { .name = "new-window", .activate = new_window_action },
  { .name = "quit", .activate = quit_action },
  { .name = "about", .activate = about_action },
};

static void
cordon_application_startup (GApplication *application)
{
  GtkApplication *app = GTK_APPLICATION (application);
  static const struct
  {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.new-window", { "<Primary>n", NULL } },
    { "app.quit", { "<Primary>q", NULL } },
    { "win.open", { "<Primary>o", NULL } },
    { "win.save", { "<Primary>s", NULL } },
    { "win.save-as", { "<Primary><Shift>s", NULL } },
    { "win.close", { "<Primary>w", NULL } },
    { "win.run", { "<Primary>r", NULL } },
  };

  G_APPLICATION_CLASS (cordon_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions),
                                   app);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (app, accels[i].action, accels[i].accels);
}

static void
cordon_application_activate (GApplication *application)
{
  new_window (CORDON_APPLICATION (application));
}

static void
cordon_application_open (GApplication  *application,
                         GFile        **files,
                         int            n_files,
                         const char    *hint)
{
  CordonApplication *self = CORDON_APPLICATION (application);

  for (int i = 0; i < n_files; i++)
    {
      GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));
      CordonWindow *window;

      /* open_file itself makes a new window when this one holds work. */
      if (CORDON_IS_WINDOW (active))
        window = CORDON_WINDOW (active);
      else
        window = new_window (self);
      cordon_window_open_file (window, files[i]);
    }
}

/* Handled here, in the launching process, before any window or bus. */
static int
cordon_application_handle_local_options (GApplication *application,
                                         GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("cordon %s\n", PACKAGE_VERSION);
      return 0;
    }
  return -1;
}

static void
cordon_application_class_init (CordonApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->handle_local_options = cordon_application_handle_local_options;
  app_class->startup = cordon_application_startup;
  app_class->activate = cordon_application_activate;
  app_class->open = cordon_application_open;
}

static void
cordon_application_init (CordonApplication *self)
{
  GApplication *application = G_APPLICATION (self);

  g_application_add_main_option (application, "version", 0, G_OPTION_FLAG_NONE,
                                 G_OPTION_ARG_NONE, _("Show the version and exit"), NULL);
  /* Translators: the command line's arguments, as in "cordon [OPTION…] [FILE…]" */
  g_application_set_option_context_parameter_string (application, _("[FILE…]"));
  g_application_set_option_context_summary (application,
                                            _("Author sandbox profiles and run programs in "
                                              "them. Each FILE is a profile, in Cordon’s "
                                              "format or nono’s, and opens in a window."));
  g_application_set_option_context_description (application, _("See cordon(1)."));
}

CordonApplication *
cordon_application_new (void)
{
  return g_object_new (CORDON_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}
