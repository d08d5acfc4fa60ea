/* cordon-learn-flow.h: Learn from a Run…, asked, run unconfined, proposed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cordon-document.h"
#include "cordon-runner.h"

G_BEGIN_DECLS

/* Warns that @argv will run without the sandbox and, if the person goes
 * on, runs it through @runner with cordon-run --learn; when it has ended,
 * shows the rules it needed that @document does not have yet as a
 * checklist, and adds the checked ones. Dialogs are transient for
 * @widget's window. */
void cordon_learn_flow_run (GtkWidget          *widget,
                            CordonDocument     *document,
                            CordonRunner       *runner,
                            const char * const *argv,
                            const char         *working_dir);

G_END_DECLS
