/* cordon-i18n-private.h: the engine's messages reach people (the app shows
 * them in dialogs), so they are translated in the "cordon" domain. Whoever
 * calls setlocale() gets them translated; cordon-run does not, and speaks
 * English.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib/gi18n-lib.h>
