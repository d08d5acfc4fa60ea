/* cordon-run-mediation-stub.h: TEMPORARY stand-in for the engine's
 * cordon_apply_supervised() and CordonMediator (SOCKETS-API.md), dropped
 * when the real ones land on main. Same declarations.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cordon.h"

G_BEGIN_DECLS

gboolean cordon_apply_supervised (CordonCapabilitySet *caps,
                                  int                  max_abi,
                                  int                 *out_listener_fd,
                                  GError             **error);

typedef struct _CordonMediator CordonMediator;

CordonMediator *cordon_mediator_new          (CordonCapabilitySet *caps,
                                              int                  listener_fd,
                                              GError             **error);
int             cordon_mediator_get_fd       (CordonMediator      *self);
gboolean        cordon_mediator_handle       (CordonMediator      *self,
                                              GError             **error);
void            cordon_mediator_free         (CordonMediator      *self);
gboolean        cordon_mediator_check_kernel (GError             **error);
gboolean        cordon_mediator_send_listener    (int                  sock_fd,
                                                  int                  listener_fd,
                                                  GError             **error);
int             cordon_mediator_receive_listener (int                  sock_fd,
                                                  int                  child_pidfd,
                                                  GError             **error);

G_END_DECLS
