/* test-output-buffer.c: the run panel's output on its own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>

#include "cordon-output-buffer.h"

static char *
buffer_text (CordonOutputBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (buffer), &start, &end);
  return gtk_text_buffer_get_text (GTK_TEXT_BUFFER (buffer), &start, &end, TRUE);
}

/* The text carrying the stderr tag, in order. */
static char *
stderr_text (CordonOutputBuffer *buffer)
{
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (GTK_TEXT_BUFFER (buffer)),
                                               "stderr");
  GString *out = g_string_new (NULL);
  GtkTextIter iter;

  gtk_text_buffer_get_start_iter (GTK_TEXT_BUFFER (buffer), &iter);
  do
    {
      if (gtk_text_iter_has_tag (&iter, tag))
        g_string_append_unichar (out, gtk_text_iter_get_char (&iter));
    }
  while (gtk_text_iter_forward_char (&iter));
  return g_string_free (out, FALSE);
}

/* The case: `seq 1 30000; echo LAST >&2` showed "1277LAST" then
 * "4": a chunk of standard output ended inside "12774". */
static void
test_lines_stay_whole (void)
{
  g_autoptr(CordonOutputBuffer) buffer = cordon_output_buffer_new ();
  g_autofree char *text = NULL;
  g_autofree char *errors = NULL;

  cordon_output_buffer_append (buffer, CORDON_OUTPUT_STDOUT, "12772\n12773\n1277");
  g_assert_true (cordon_output_buffer_get_has_pending (buffer));
  cordon_output_buffer_append (buffer, CORDON_OUTPUT_STDERR, "LAST\n");
  cordon_output_buffer_append (buffer, CORDON_OUTPUT_STDOUT, "4\n12775\n");
  g_assert_false (cordon_output_buffer_get_has_pending (buffer));

  text = buffer_text (buffer);
  g_assert_cmpstr (text, ==, "12772\n12773\nLAST\n12774\n12775\n");
  errors = stderr_text (buffer);
  g_assert_cmpstr (errors, ==, "LAST\n");
}

/* Any chunking, any interleaving: every line whole, each stream's lines in
 * the order written. */
static void
test_random_chunks (void)
{
  g_autoptr(CordonOutputBuffer) buffer = cordon_output_buffer_new ();
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) err = g_string_new (NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  gsize out_at = 0, err_at = 0;
  guint next_out = 1, next_err = 1;

  for (guint i = 1; i <= 3000; i++)
    g_string_append_printf (out, "%u\n", i);
  for (guint i = 1; i <= 300; i++)
    g_string_append_printf (err, "error %u\n", i);

  while (out_at < out->len || err_at < err->len)
    {
      gboolean use_err = err_at < err->len && (out_at >= out->len || g_test_rand_bit ());
      GString *from = use_err ? err : out;
      gsize *at = use_err ? &err_at : &out_at;
      gsize n = MIN ((gsize) g_test_rand_int_range (1, 40), from->len - *at);
      g_autofree char *chunk = g_strndup (from->str + *at, n);

      cordon_output_buffer_append (buffer, use_err ? CORDON_OUTPUT_STDERR : CORDON_OUTPUT_STDOUT,
                                   chunk);
      *at += n;
      /* Now and then the run panel shows an unfinished line (a prompt). */
      if (g_test_rand_int_range (0, 50) == 0)
        cordon_output_buffer_flush (buffer);
    }
  cordon_output_buffer_finish (buffer);

  text = buffer_text (buffer);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_autofree char *expected_out = g_strdup_printf ("%u", next_out);
      g_autofree char *expected_err = g_strdup_printf ("error %u", next_err);

      if (g_str_equal (lines[i], expected_out))
        next_out++;
      else if (g_str_equal (lines[i], expected_err))
        next_err++;
      else
        g_error ("line %u is “%s”; expected “%s” or “%s”", i, lines[i], expected_out,
                 expected_err);
    }
  g_assert_cmpuint (next_out, ==, 3001);
  g_assert_cmpuint (next_err, ==, 301);
}

/* A prompt has no newline: flushing shows it, the same stream goes on in
 * the same line, and the other stream's lines go above it, so it stays
 * whole however long its end takes. */
static void
test_flush_and_open_line (void)
{
  g_autoptr(CordonOutputBuffer) buffer = cordon_output_buffer_new ();
  g_autofree char *before = NULL;
  g_autofree char *text = NULL;

  cordon_output_buffer_append (buffer, CORDON_OUTPUT_STDOUT, "Password: ");
  before = buffer_text (buffer);
  g_assert_true (cordon_output_buffer_get_has_pending (buffer));
  g_assert_cmpstr (before, ==, "");
  cordon_output_buffer_flush (buffer);
  cordon_output_buffer_append (buffer, CORDON_OUTPUT_STDOUT, "***");
  cordon_output_buffer_append (buffer, CORDON_OUTPUT_STDERR, "denied\n");
  cordon_output_buffer_append (buffer, CORDON_OUTPUT_STDOUT, "bye\n");
  text = buffer_text (buffer);
  g_assert_cmpstr (text, ==, "denied\nPassword: ***bye\n");
}

/* Two unfinished lines: a prompt's flush shows neither (either could be
 * cut); the end of the run shows both, each a whole line. */
static void
test_two_unfinished (void)
{
  g_autoptr(CordonOutputBuffer) buffer = cordon_output_buffer_new ();
  g_autofree char *before = NULL;
  g_autofree char *text = NULL;

  cordon_output_buffer_append (buffer, CORDON_OUTPUT_STDOUT, "out");
  cordon_output_buffer_append (buffer, CORDON_OUTPUT_STDERR, "err");
  cordon_output_buffer_flush (buffer);
  before = buffer_text (buffer);
  g_assert_cmpstr (before, ==, "");
  cordon_output_buffer_finish (buffer);
  text = buffer_text (buffer);
  g_assert_cmpstr (text, ==, "err\nout");
}

/* A line longer than the limit is shown before its end. */
static void
test_long_line_shown (void)
{
  g_autoptr(CordonOutputBuffer) buffer = cordon_output_buffer_new ();
  g_autofree char *line = g_strnfill (CORDON_OUTPUT_BUFFER_MAX_PENDING + 1, 'x');
  g_autofree char *text = NULL;

  cordon_output_buffer_append (buffer, CORDON_OUTPUT_STDOUT, line);
  text = buffer_text (buffer);
  g_assert_cmpstr (text, ==, line);
}

/* Colours, cursor movement and window titles are removed, also when a
 * sequence is cut between two reads; other text (UTF-8 too) stays. */
static void
test_escape_sequences (void)
{
  g_autoptr(CordonOutputBuffer) buffer = cordon_output_buffer_new ();
  g_autofree char *text = NULL;

  cordon_output_buffer_append (buffer, CORDON_OUTPUT_STDOUT,
                               "\033[1;31mred\033[0m plain\n");
  cordon_output_buffer_append (buffer, CORDON_OUTPUT_STDOUT, "\033[3");
  cordon_output_buffer_append (buffer, CORDON_OUTPUT_STDOUT, "2mgreen\033[m\n");
  cordon_output_buffer_append (buffer, CORDON_OUTPUT_STDOUT, "\033]0;a title\007titled\n");
  cordon_output_buffer_append (buffer, CORDON_OUTPUT_STDOUT, "\033]8;;http://x\033\\link\n");
  cordon_output_buffer_append (buffer, CORDON_OUTPUT_STDOUT, "\033(Bcafé\033[2K\n");
  text = buffer_text (buffer);
  g_assert_cmpstr (text, ==, "red plain\ngreen\ntitled\nlink\ncafé\n");
}

/* Beyond the cap the start goes, whole lines, and the first line says so. */
static void
test_cap (void)
{
  g_autoptr(CordonOutputBuffer) buffer = cordon_output_buffer_new ();
  g_autofree char *line = g_strnfill (99, 'y');
  g_autofree char *with_newline = g_strconcat (line, "\n", NULL);
  g_autofree char *text = NULL;
  guint n = CORDON_OUTPUT_BUFFER_CAP / 100 + 1000;

  for (guint i = 0; i < n; i++)
    cordon_output_buffer_append (buffer, CORDON_OUTPUT_STDOUT, with_newline);

  text = buffer_text (buffer);
  g_assert_cmpuint (cordon_output_buffer_get_output_bytes (buffer), <=, CORDON_OUTPUT_BUFFER_CAP);
  g_assert_true (g_str_has_prefix (text, "Earlier output was dropped"));
  g_assert_true (g_str_has_prefix (strchr (text, '\n') + 1, with_newline));

  cordon_output_buffer_clear (buffer);
  g_assert_cmpuint (cordon_output_buffer_get_output_bytes (buffer), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/output-buffer/lines-stay-whole", test_lines_stay_whole);
  g_test_add_func ("/output-buffer/random-chunks", test_random_chunks);
  g_test_add_func ("/output-buffer/flush-and-open-line", test_flush_and_open_line);
  g_test_add_func ("/output-buffer/two-unfinished", test_two_unfinished);
  g_test_add_func ("/output-buffer/long-line-shown", test_long_line_shown);
  g_test_add_func ("/output-buffer/escape-sequences", test_escape_sequences);
  g_test_add_func ("/output-buffer/cap", test_cap);
  return g_test_run ();
}
