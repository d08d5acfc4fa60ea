/* cordon-output-buffer.h: a program's output, as the run panel shows it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum
{
  CORDON_OUTPUT_STDOUT,
  CORDON_OUTPUT_STDERR,
} CordonOutputStream;

/* Output beyond this many bytes is dropped from the start, and the buffer
 * says so in its first line. */
#define CORDON_OUTPUT_BUFFER_CAP (2 * 1024 * 1024)
/* A line longer than this is shown before its end arrives. */
#define CORDON_OUTPUT_BUFFER_MAX_PENDING 4096

#define CORDON_TYPE_OUTPUT_BUFFER (cordon_output_buffer_get_type ())
G_DECLARE_FINAL_TYPE (CordonOutputBuffer, cordon_output_buffer, CORDON, OUTPUT_BUFFER,
                      GtkTextBuffer)

CordonOutputBuffer *cordon_output_buffer_new    (void);
/* Adds @text (valid UTF-8) that arrived on @stream. Each stream's lines
 * stay whole: complete lines appear at once, in the order they arrived,
 * and an unfinished line waits for its end, so output from the other
 * stream never lands inside it (a line shown before its end, like a
 * prompt, stays last: the other stream's lines go above it). Terminal
 * escape sequences (colours, cursor
 * movement, titles) are removed. Error output carries the "stderr" tag. */
void                cordon_output_buffer_append (CordonOutputBuffer *self,
                                                 CordonOutputStream  stream,
                                                 const char         *text);
/* Shows an unfinished line now, for a prompt ("Password: ") that waited
 * long enough, when that cannot cut a line: only one stream waits, and the
 * last line shown is not the other stream's. */
void                cordon_output_buffer_flush  (CordonOutputBuffer *self);
/* Shows everything still waiting: the end of a run. */
void                cordon_output_buffer_finish (CordonOutputBuffer *self);
/* Whether an unfinished line waits. */
gboolean            cordon_output_buffer_get_has_pending (CordonOutputBuffer *self);
void                cordon_output_buffer_clear  (CordonOutputBuffer *self);
/* The bytes of program output shown (the notice not counted). */
gsize               cordon_output_buffer_get_output_bytes (CordonOutputBuffer *self);

G_END_DECLS
