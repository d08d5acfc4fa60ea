/* test-i18n.c: the real window speaks German under LANGUAGE=de
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "app-test-util.h"
#include "cordon-window.h"

/* gettext ignores LANGUAGE while the locale is "C", and only then, so any
 * other UTF-8 locale the system has will do. glibc ≥ 2.35 always has
 * C.UTF-8; de_DE.UTF-8 needs the locales package. */
static const char *const candidate_locales[] = {
  "de_DE.UTF-8",
  "C.UTF-8",
  "en_US.UTF-8",
};

static const char *
find_locale (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (candidate_locales); i++)
    if (setlocale (LC_ALL, candidate_locales[i]) != NULL)
      return candidate_locales[i];
  return NULL;
}

static void
collect_text (GtkWidget *widget,
              GPtrArray *texts)
{
  if (GTK_IS_LABEL (widget))
    g_ptr_array_add (texts, g_strdup (gtk_label_get_text (GTK_LABEL (widget))));
  else if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    g_ptr_array_add (texts, g_strdup (gtk_button_get_label (GTK_BUTTON (widget))));
  else if (ADW_IS_PREFERENCES_GROUP (widget))
    g_ptr_array_add (texts, g_strdup (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget))));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_text (child, texts);
}

static gboolean
shows (GPtrArray  *texts,
       const char *text)
{
  for (guint i = 0; i < texts->len; i++)
    if (g_strcmp0 (texts->pdata[i], text) == 0)
      return TRUE;
  return FALSE;
}

static void
test_window_in_german (gconstpointer data)
{
  CordonApplication *app = (CordonApplication *) data;
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  CordonWindow *window;

  window = cordon_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  app_test_spin ();

  /* The title of a new profile comes from C code, the labels from the
   * GtkBuilder templates: both paths must reach the catalogue. */
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Neues Profil");

  collect_text (GTK_WIDGET (window), texts);
  g_assert_true (shows (texts, "Neues Profil"));        /* AdwWindowTitle */
  g_assert_true (shows (texts, "Netzwerk"));            /* group title */
  g_assert_true (shows (texts, "Dateien und Ordner"));  /* rule list heading */
  g_assert_true (shows (texts, "_Öffnen"));             /* header bar button */
  /* None of the English originals is left over. */
  g_assert_false (shows (texts, "New Profile"));
  g_assert_false (shows (texts, "Files and Folders"));

  app_test_destroy_window (GTK_WINDOW (window));
}

static void
test_no_locale (void)
{
  g_test_skip ("No UTF-8 locale other than C is available (tried de_DE.UTF-8, C.UTF-8, "
               "en_US.UTF-8); gettext ignores LANGUAGE under C. Install the locales "
               "package and generate de_DE.UTF-8");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CordonApplication) app = NULL;
  g_autofree char *mo = NULL;
  const char *locale;

  /* Before GTK starts: gtk_init calls setlocale (LC_ALL, "") itself. */
  locale = find_locale ();
  if (locale == NULL)
    {
      g_test_init (&argc, &argv, NULL);
      g_test_add_func ("/i18n/window-in-german", test_no_locale);
      return g_test_run ();
    }
  g_setenv ("LC_ALL", locale, TRUE);
  g_setenv ("LANGUAGE", "de", TRUE);

  /* The catalogue the build made, not whatever is installed in LOCALEDIR. */
  mo = g_build_filename (TEST_LOCALEDIR, "de", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  if (!g_file_test (mo, G_FILE_TEST_IS_REGULAR))
    g_error ("The German catalogue %s was not built", mo);
  bindtextdomain (GETTEXT_PACKAGE, TEST_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = app_test_init (&argc, &argv);
  g_test_message ("locale %s, LANGUAGE=de", locale);

  g_test_add_data_func ("/i18n/window-in-german", app, test_window_in_german);
  return g_test_run ();
}
