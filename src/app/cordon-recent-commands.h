/* cordon-recent-commands.h: the commands last run with each profile
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* How many commands are kept per profile, and how many profiles. */
#define CORDON_RECENT_COMMANDS_MAX 10
#define CORDON_RECENT_PROFILES_MAX 50

/* The settings holding "recent-commands", or NULL when the schema is not
 * installed (run from the build tree): then nothing is remembered. */
GSettings  *cordon_recent_commands_settings (void);
/* Newest first. @profile_key: the profile file's path, "" when unsaved. */
char      **cordon_recent_commands_get      (GSettings  *settings,
                                             const char *profile_key);
/* Puts @command first for @profile_key, dropping an older copy of it. */
void        cordon_recent_commands_add      (GSettings  *settings,
                                             const char *profile_key,
                                             const char *command);

G_END_DECLS
