/* cordon-query-result-private.h: only the query makes results
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cordon-query-result.h"

G_BEGIN_DECLS

CordonQueryResult *cordon_query_result_new (CordonQueryStatus  status,
                                            CordonQueryReason  reason,
                                            const char        *path,
                                            const char        *granted_path,
                                            CordonAccessMode   access,
                                            CordonAccessMode   requested);

G_END_DECLS
