/* test-layout.c: the window fits its minimum size in every language it speaks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "app-test-util.h"
#include "cordon-window-private.h"
#include "cordon-window.h"

/* The window's width-request in ui/cordon-window.ui: translations must not
 * push the real minimum above it. */
#define MIN_WIDTH 760
#define DEFAULT_WIDTH 1040

static CordonApplication *app;
static const char *test_locale;

/* gettext ignores LANGUAGE under the C locale, and only then. */
static const char *const candidate_locales[] = {
  "C.UTF-8",
  "en_US.UTF-8",
  "de_DE.UTF-8",
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
use_language (const char *language)
{
  g_setenv ("LANGUAGE", language, TRUE);
  /* setlocale drops what gettext cached under the previous LANGUAGE. */
  setlocale (LC_ALL, test_locale);
}

static CordonWindow *
new_window (int width)
{
  CordonWindow *window = cordon_window_new (app);

  gtk_window_set_default_size (GTK_WINDOW (window), width, 780);
  gtk_window_present (GTK_WINDOW (window));
  app_test_wait_frames (GTK_WIDGET (window), 3);
  return window;
}

static gboolean
is_mapped_in (GtkWidget  *widget,
              const char *action)
{
  GtkWidget *button = gtk_widget_get_ancestor (widget, GTK_TYPE_BUTTON);

  return button != NULL && gtk_widget_get_mapped (widget)
         && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), action) == 0;
}

/* Whether a button for @action shows its words (not only an icon). */
static gboolean
shows_label_for (GtkWidget  *window,
                 const char *action)
{
  g_autoptr(GPtrArray) contents = app_test_find_widgets (window, ADW_TYPE_BUTTON_CONTENT);

  for (guint i = 0; i < contents->len; i++)
    if (is_mapped_in (contents->pdata[i], action))
      return TRUE;
  return FALSE;
}

/* Whether some button for @action can be clicked right now. */
static gboolean
offers (GtkWidget  *window,
        const char *action)
{
  g_autoptr(GPtrArray) buttons = app_test_find_widgets (window, GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    if (gtk_widget_get_mapped (buttons->pdata[i])
        && g_strcmp0 (gtk_actionable_get_action_name (buttons->pdata[i]), action) == 0)
      return TRUE;
  return FALSE;
}

/* Whether a label reading @text is shown on a single line, as it would be
 * with all the room it wants (not wrapped a letter per line). */
static gboolean
shows_on_one_line (GtkWidget  *window,
                   const char *text)
{
  g_autoptr(GPtrArray) labels = app_test_find_widgets (window, GTK_TYPE_LABEL);
  gboolean found = FALSE;

  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = labels->pdata[i];
      int one_line = 0;

      if (!gtk_widget_get_mapped (label) || g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), text) != 0)
        continue;
      gtk_widget_measure (label, GTK_ORIENTATION_VERTICAL, -1, NULL, &one_line, NULL, NULL);
      if (gtk_widget_get_height (label) > one_line)
        return FALSE;
      found = TRUE;
    }
  return found;
}

static void
test_minimum_width (gconstpointer data)
{
  const char *language = data;
  CordonWindow *window;
  GtkWidget *content;
  int minimum = 0;

  use_language (language);
  window = new_window (MIN_WIDTH);
  content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (window));
  gtk_widget_measure (content, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_test_message ("%s: the content needs at least %d px", language, minimum);
  g_assert_cmpint (minimum, <=, MIN_WIDTH);
  /* The window did not grow to fit (it may be a little narrower than asked:
   * without a compositor, GTK counts the frame in the default size). */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, MIN_WIDTH);

  /* Narrow, the side column folds away behind a button; opened, it sits
   * over the rules at its own width. */
  if (adw_flap_get_folded (cordon_window_get_side_flap (window)))
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-side", NULL));
      app_test_wait_frames (GTK_WIDGET (window), 20);
    }
  /* The Check Access panel's mode title, in the narrow side column.
   * (g_dgettext decides once whether to translate: plain dgettext.) */
  g_assert_true (shows_on_one_line (GTK_WIDGET (window), dgettext (GETTEXT_PACKAGE, "Access")));

  /* Squeezed, the add buttons are still there, if only as icons. */
  g_assert_true (offers (GTK_WIDGET (window), "win.add-folder"));
  g_assert_true (offers (GTK_WIDGET (window), "win.add-file"));

  app_test_destroy_window (GTK_WINDOW (window));
}

static void
test_default_width_shows_labels (gconstpointer data)
{
  const char *language = data;
  CordonWindow *window;

  use_language (language);
  window = new_window (DEFAULT_WIDTH);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, DEFAULT_WIDTH);
  g_assert_true (shows_label_for (GTK_WIDGET (window), "win.add-folder"));
  g_assert_true (shows_label_for (GTK_WIDGET (window), "win.add-file"));

  app_test_destroy_window (GTK_WINDOW (window));
}

static void
test_no_locale (void)
{
  g_test_skip ("No UTF-8 locale other than C is available (tried C.UTF-8, en_US.UTF-8, "
               "de_DE.UTF-8); gettext ignores LANGUAGE under C");
}

int
main (int   argc,
      char *argv[])
{
  static const char *const languages[] = { "en", "de", "fr" };
  g_autoptr(CordonApplication) owned_app = NULL;

  /* Before GTK starts: gtk_init calls setlocale (LC_ALL, "") itself. */
  test_locale = find_locale ();
  if (test_locale == NULL)
    {
      g_test_init (&argc, &argv, NULL);
      g_test_add_func ("/layout/no-locale", test_no_locale);
      return g_test_run ();
    }
  g_setenv ("LC_ALL", test_locale, TRUE);

  /* The catalogues the build made, not whatever is installed in LOCALEDIR. */
  for (gsize i = 1; i < G_N_ELEMENTS (languages); i++)
    {
      g_autofree char *mo = g_build_filename (TEST_LOCALEDIR, languages[i], "LC_MESSAGES",
                                              GETTEXT_PACKAGE ".mo", NULL);

      if (!g_file_test (mo, G_FILE_TEST_IS_REGULAR))
        g_error ("The catalogue %s was not built", mo);
    }
  bindtextdomain (GETTEXT_PACKAGE, TEST_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  owned_app = app = app_test_init (&argc, &argv);

  for (gsize i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_autofree char *min_path = g_strdup_printf ("/layout/%s/minimum-width", languages[i]);
      g_autofree char *default_path = g_strdup_printf ("/layout/%s/default-width-labels",
                                                       languages[i]);

      g_test_add_data_func (min_path, languages[i], test_minimum_width);
      g_test_add_data_func (default_path, languages[i], test_default_width_shows_labels);
    }
  return g_test_run ();
}
