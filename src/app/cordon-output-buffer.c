/* cordon-output-buffer.c: a program's output, as the run panel shows it
 *
 * The program writes standard output and error to two pipes, which are
 * read separately, so a chunk of one can end in the middle of a line when
 * a chunk of the other arrives. Holding each stream's unfinished line back
 * until its newline keeps every line whole.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cordon-output-buffer.h"

/* Trimming goes a little below the cap, so it happens once in a while
 * rather than on every append. */
#define TRIM_TO (CORDON_OUTPUT_BUFFER_CAP - CORDON_OUTPUT_BUFFER_CAP / 16)

struct _CordonOutputBuffer
{
  GtkTextBuffer parent_instance;

  GtkTextTag *stderr_tag;
  GtkTextTag *notice_tag;
  GString    *pending[2];      /* each stream's unfinished line */
  GString    *escape[2];       /* an escape sequence cut by a chunk's end */
  int         open_line;       /* the stream whose line the buffer ends in, or -1 */
  gsize       output_bytes;
  gboolean    trimmed;
};

G_DEFINE_FINAL_TYPE (CordonOutputBuffer, cordon_output_buffer, GTK_TYPE_TEXT_BUFFER)

/* Escape sequences ------------------------------------------------------- */

typedef enum
{
  ESC_NONE,
  ESC_START,   /* after ESC */
  ESC_CSI,     /* ESC [ … final byte 0x40–0x7e */
  ESC_STRING,  /* ESC ] (OSC), P (DCS), X, ^, _ … BEL or ESC \ */
  ESC_STRING_ESC,
} EscState;

/* Appends @text to @out without terminal escape sequences. A sequence cut
 * by the end of @text is kept in @carry for the next chunk. */
static void
strip_escapes (GString    *carry,
               const char *text,
               GString    *out)
{
  g_autoptr(GString) input = g_string_new (carry->str);
  EscState state = ESC_NONE;
  gsize seq_start = 0;

  g_string_append (input, text);
  g_string_truncate (carry, 0);

  for (gsize i = 0; i < input->len; i++)
    {
      guchar c = input->str[i];

      switch (state)
        {
        case ESC_NONE:
          if (c == 0x1b)
            {
              state = ESC_START;
              seq_start = i;
            }
          else
            g_string_append_c (out, c);
          break;
        case ESC_START:
          if (c == '[')
            state = ESC_CSI;
          else if (c == ']' || c == 'P' || c == 'X' || c == '^' || c == '_')
            state = ESC_STRING;
          else if (c >= 0x20 && c <= 0x2f)
            ; /* intermediate bytes: ESC ( B and the like */
          else
            {
              /* Two-byte sequences (ESC 7, ESC M) end here; a stray ESC
               * before text leaves the text alone. */
              state = ESC_NONE;
              if (c >= 0x80 || c == '\n')
                g_string_append_c (out, c);
            }
          break;
        case ESC_CSI:
          if (c >= 0x40 && c <= 0x7e)
            state = ESC_NONE;
          break;
        case ESC_STRING:
          if (c == 0x07)
            state = ESC_NONE;
          else if (c == 0x1b)
            state = ESC_STRING_ESC;
          break;
        case ESC_STRING_ESC:
        default:
          state = c == '\\' ? ESC_NONE : ESC_STRING;
          break;
        }
    }

  if (state != ESC_NONE)
    {
      /* A runaway "sequence" is text after all, not something to hold. */
      if (input->len - seq_start > 256)
        g_string_append_len (out, input->str + seq_start + 1, input->len - seq_start - 1);
      else
        g_string_append_len (carry, input->str + seq_start, input->len - seq_start);
    }
}

/* Trimming --------------------------------------------------------------- */

/* Moves @iter forward by at most @bytes of text, to a character boundary. */
static gsize
forward_bytes (GtkTextIter *iter,
               gsize        bytes)
{
  gsize moved = 0;

  while (moved < bytes && !gtk_text_iter_is_end (iter))
    {
      gsize left_in_line = gtk_text_iter_get_bytes_in_line (iter)
                           - gtk_text_iter_get_line_index (iter);

      if (moved + left_in_line <= bytes)
        {
          moved += left_in_line;
          if (!gtk_text_iter_forward_line (iter))
            break;
        }
      else
        {
          /* A line longer than what is left to drop: cut inside it. */
          GtkTextIter line_end = *iter;
          g_autofree char *rest = NULL;
          const char *cut;

          gtk_text_iter_forward_to_line_end (&line_end);
          rest = gtk_text_iter_get_text (iter, &line_end);
          cut = g_utf8_find_next_char (rest + (bytes - moved) - 1, NULL);
          gtk_text_iter_forward_chars (iter, g_utf8_pointer_to_offset (rest, cut));
          moved += cut - rest;
          break;
        }
    }
  return moved;
}

/* Keeps the last TRIM_TO bytes, the rest of their line included, so the
 * view starts at a line whenever it can, and says output was dropped. */
static void
trim (CordonOutputBuffer *self)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self);
  GtkTextIter start, cut;
  gsize removed;

  gtk_text_buffer_get_start_iter (buffer, &start);
  if (!self->trimmed)
    {
      g_autofree char *notice = NULL;

      /* Translators: %d is a size in MiB */
      notice = g_strdup_printf (_("Earlier output was dropped (kept the last %d MiB)"),
                                CORDON_OUTPUT_BUFFER_CAP / (1024 * 1024));
      gtk_text_buffer_insert_with_tags (buffer, &start, notice, -1, self->notice_tag, NULL);
      gtk_text_buffer_insert_with_tags (buffer, &start, "\n", -1, self->notice_tag, NULL);
      self->trimmed = TRUE;
    }
  /* The notice is the first line; the output starts after it. */
  gtk_text_buffer_get_iter_at_line (buffer, &start, 1);
  cut = start;
  removed = forward_bytes (&cut, self->output_bytes - TRIM_TO);
  if (!gtk_text_iter_starts_line (&cut) && !gtk_text_iter_is_end (&cut))
    {
      gsize left_in_line = gtk_text_iter_get_bytes_in_line (&cut)
                           - gtk_text_iter_get_line_index (&cut);

      /* Unless the line is huge, drop the rest of it too. */
      if (left_in_line < 4096)
        removed += forward_bytes (&cut, left_in_line);
    }
  gtk_text_buffer_delete (buffer, &start, &cut);
  self->output_bytes -= removed;
}

/* Showing ---------------------------------------------------------------- */

static void
insert (CordonOutputBuffer *self,
        CordonOutputStream  stream,
        const char         *text,
        gsize               length)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self);
  GtkTextTag *tag = stream == CORDON_OUTPUT_STDERR ? self->stderr_tag : NULL;
  GtkTextIter at;

  if (length == 0)
    return;
  gtk_text_buffer_get_end_iter (buffer, &at);
  if (self->open_line >= 0 && self->open_line != (int) stream)
    {
      /* The last line was shown before its end (a prompt, a huge line)
       * and belongs to the other stream: these lines go above it, so it
       * stays whole and can go on. */
      gtk_text_iter_set_line_offset (&at, 0);
      gtk_text_buffer_insert_with_tags (buffer, &at, text, length, tag, NULL);
      self->output_bytes += length;
      if (text[length - 1] != '\n')
        {
          gtk_text_buffer_insert_with_tags (buffer, &at, "\n", 1, tag, NULL);
          self->output_bytes++;
        }
    }
  else
    {
      gtk_text_buffer_insert_with_tags (buffer, &at, text, length, tag, NULL);
      self->output_bytes += length;
      self->open_line = text[length - 1] == '\n' ? -1 : (int) stream;
    }
  if (self->output_bytes > CORDON_OUTPUT_BUFFER_CAP)
    trim (self);
}

static void
flush_stream (CordonOutputBuffer *self,
              CordonOutputStream  stream)
{
  GString *pending = self->pending[stream];

  insert (self, stream, pending->str, pending->len);
  g_string_truncate (pending, 0);
}

void
cordon_output_buffer_append (CordonOutputBuffer *self,
                             CordonOutputStream  stream,
                             const char         *text)
{
  GString *pending;
  const char *last_newline;

  g_return_if_fail (CORDON_IS_OUTPUT_BUFFER (self));
  g_return_if_fail (stream == CORDON_OUTPUT_STDOUT || stream == CORDON_OUTPUT_STDERR);
  g_return_if_fail (text != NULL);

  pending = self->pending[stream];
  strip_escapes (self->escape[stream], text, pending);

  /* If this stream's line is the one left open, it simply goes on. */
  if (self->open_line == (int) stream)
    {
      flush_stream (self, stream);
      return;
    }
  last_newline = memrchr (pending->str, '\n', pending->len);
  if (last_newline != NULL)
    {
      gsize complete = last_newline - pending->str + 1;

      insert (self, stream, pending->str, complete);
      g_string_erase (pending, 0, complete);
    }
  if (pending->len > CORDON_OUTPUT_BUFFER_MAX_PENDING)
    flush_stream (self, stream);
}

void
cordon_output_buffer_flush (CordonOutputBuffer *self)
{
  g_return_if_fail (CORDON_IS_OUTPUT_BUFFER (self));

  /* Showing an unfinished line is safe only when nothing else can end up
   * inside or above it half-written: one stream waiting, and the last line
   * not the other stream's. */
  for (guint s = 0; s < 2; s++)
    {
      guint other = 1 - s;

      if (self->pending[s]->len > 0 && self->pending[other]->len == 0
          && (self->open_line < 0 || self->open_line == (int) s))
        flush_stream (self, s);
    }
}

void
cordon_output_buffer_finish (CordonOutputBuffer *self)
{
  g_return_if_fail (CORDON_IS_OUTPUT_BUFFER (self));

  flush_stream (self, CORDON_OUTPUT_STDOUT);
  flush_stream (self, CORDON_OUTPUT_STDERR);
}

gboolean
cordon_output_buffer_get_has_pending (CordonOutputBuffer *self)
{
  g_return_val_if_fail (CORDON_IS_OUTPUT_BUFFER (self), FALSE);
  return self->pending[0]->len > 0 || self->pending[1]->len > 0;
}

void
cordon_output_buffer_clear (CordonOutputBuffer *self)
{
  g_return_if_fail (CORDON_IS_OUTPUT_BUFFER (self));

  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (self), "", 0);
  for (guint i = 0; i < 2; i++)
    {
      g_string_truncate (self->pending[i], 0);
      g_string_truncate (self->escape[i], 0);
    }
  self->open_line = -1;
  self->output_bytes = 0;
  self->trimmed = FALSE;
}

gsize
cordon_output_buffer_get_output_bytes (CordonOutputBuffer *self)
{
  g_return_val_if_fail (CORDON_IS_OUTPUT_BUFFER (self), 0);
  return self->output_bytes;
}

static void
cordon_output_buffer_finalize (GObject *object)
{
  CordonOutputBuffer *self = CORDON_OUTPUT_BUFFER (object);

  for (guint i = 0; i < 2; i++)
    {
      g_string_free (self->pending[i], TRUE);
      g_string_free (self->escape[i], TRUE);
    }

  G_OBJECT_CLASS (cordon_output_buffer_parent_class)->finalize (object);
}

static void
cordon_output_buffer_class_init (CordonOutputBufferClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cordon_output_buffer_finalize;
}

static void
cordon_output_buffer_init (CordonOutputBuffer *self)
{
  for (guint i = 0; i < 2; i++)
    {
      self->pending[i] = g_string_new (NULL);
      self->escape[i] = g_string_new (NULL);
    }
  self->open_line = -1;
}

static void
create_tags (CordonOutputBuffer *self)
{
  /* Not colour alone: the program's error output is italic as well. The
   * run panel sets the colour, which follows the light or dark style. */
  self->stderr_tag = gtk_text_buffer_create_tag (GTK_TEXT_BUFFER (self), "stderr",
                                                 "style", PANGO_STYLE_ITALIC,
                                                 NULL);
  self->notice_tag = gtk_text_buffer_create_tag (GTK_TEXT_BUFFER (self), "notice",
                                                 "style", PANGO_STYLE_ITALIC,
                                                 "weight", PANGO_WEIGHT_BOLD,
                                                 "foreground", "#77767b",
                                                 NULL);
}

CordonOutputBuffer *
cordon_output_buffer_new (void)
{
  CordonOutputBuffer *self = g_object_new (CORDON_TYPE_OUTPUT_BUFFER, NULL);

  create_tags (self);
  return self;
}
