/* cordon-desktop-export.h: "Add to Applications": a menu entry that runs a program sandboxed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gdesktopappinfo.h>

G_BEGIN_DECLS

/* One argument quoted for an Exec key as the Desktop Entry Specification
 * wants it: double quotes when a reserved character is in it (with ", `, $
 * and \ escaped inside), and every % doubled. Not yet escaped for the key
 * file itself (GKeyFile does that). */
char            *cordon_desktop_exec_quote_arg  (const char        *arg);
/* The quoted arguments joined by spaces. Fails when one is not UTF-8, which
 * a desktop file cannot hold. */
char            *cordon_desktop_exec_line       (const char *const *argv,
                                                 GError           **error);
/* "io.github.cordon.Cordon.sandboxed-<program>-<profile>": stable, so
 * adding the same program with the same profile again replaces the entry. */
char            *cordon_desktop_export_file_id  (const char        *program,
                                                 const char        *profile_path);
/* The installed desktop entry whose Exec runs @program (a path or a name
 * looked up in PATH), or NULL. Entries Cordon wrote are never matched. */
GDesktopAppInfo *cordon_desktop_export_find_app (const char        *program);
/* What an Exec line starts with to reach cordon-run: its path, or inside
 * the Flatpak, `flatpak run --command=cordon-run <app id>` (the host has no
 * /app/bin/cordon-run). */
GStrv            cordon_desktop_export_launcher (GError           **error);
/* The whole .desktop file: Exec runs `@launcher… --profile @profile_path
 * -- @argv…`; Name and Icon come from the program's own entry when it has
 * one. @out_name (nullable) gets the Name written. */
char            *cordon_desktop_export_build    (const char *const *launcher,
                                                 const char        *profile_path,
                                                 const char *const *argv,
                                                 char             **out_name,
                                                 GError           **error);
/* Builds the entry with the cordon-run the app uses and writes it
 * atomically to $XDG_DATA_HOME/applications/ (inside the Flatpak, to the
 * host's ~/.local/share/applications/, which --filesystem=host reaches and
 * the desktop reads). Returns the file's path. */
char            *cordon_desktop_export_write    (const char        *profile_path,
                                                 const char *const *argv,
                                                 char             **out_name,
                                                 GError           **error);

G_END_DECLS
