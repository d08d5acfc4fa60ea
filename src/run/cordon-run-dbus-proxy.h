/* cordon-run-dbus-proxy.h: the filtered session bus (xdg-dbus-proxy)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "cordon-bus-policy.h"
#include "cordon-run-supervisor.h"

G_BEGIN_DECLS

typedef struct _CordonRunDbusProxy CordonRunDbusProxy;

/* Starts xdg-dbus-proxy (found on PATH) outside the sandbox, filtering the
 * session bus at @bus_address to @policy's names, and returns once its
 * socket accepts connections. With @a11y_address, the same proxy also
 * serves the accessibility bus, filtered as Flatpak does: the program may
 * put its own accessible tree there and nothing else. Call it before
 * forking the program: the proxy is a child of the supervisor, in its own
 * session so a terminal's Ctrl+C reaches the program, not the proxy. */
CordonRunDbusProxy *cordon_run_dbus_proxy_start       (const char          *bus_address,
                                                       CordonBusPolicy     *policy,
                                                       const char          *a11y_address,
                                                       GError             **error);
/* The accessibility bus's address: AT_SPI_BUS_ADDRESS in @envp, else asked
 * of org.a11y.Bus on the session bus at @bus_address (from a short-lived
 * child process, so cordon-run itself never starts GDBus's thread). NULL
 * when there is none. */
char               *cordon_run_dbus_proxy_find_a11y_bus (const char         *bus_address,
                                                         const char * const *envp);
/* The session bus address the supervisor's environment names, or NULL
 * when it has none (DBUS_SESSION_BUS_ADDRESS, else $XDG_RUNTIME_DIR/bus). */
char               *cordon_run_dbus_proxy_find_bus    (const char * const  *envp);
/* The proxy's socket, to list in the program's unix_sockets. */
const char         *cordon_run_dbus_proxy_get_socket  (CordonRunDbusProxy  *self);
/* "unix:path=…", for the program's DBUS_SESSION_BUS_ADDRESS. */
const char         *cordon_run_dbus_proxy_get_address (CordonRunDbusProxy  *self);
/* The same for the accessibility bus (AT_SPI_BUS_ADDRESS); NULL without one. */
const char         *cordon_run_dbus_proxy_get_a11y_socket  (CordonRunDbusProxy *self);
const char         *cordon_run_dbus_proxy_get_a11y_address (CordonRunDbusProxy *self);
/* The read end of the proxy's --fd pipe (close-on-exec). While it is open
 * the proxy runs; when the supervisor dies, even of SIGKILL, the kernel
 * closes it and the proxy exits. POLLHUP on it: the proxy is gone. */
int                 cordon_run_dbus_proxy_get_fd      (CordonRunDbusProxy  *self);
/* Stops the proxy, waits for it and removes its socket. Idempotent. */
void                cordon_run_dbus_proxy_stop        (CordonRunDbusProxy  *self);
/* Hands @self over to @supervisor: it is stopped once the program has
 * exited (and before cordon-run passes the status on), and freed with the
 * loop. If the proxy dies first, one line on stderr says so. */
void                cordon_run_dbus_proxy_add_job     (CordonRunDbusProxy  *self,
                                                       CordonRunSupervisor *supervisor);
/* Stops it if still running, then frees. */
void                cordon_run_dbus_proxy_free        (CordonRunDbusProxy  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CordonRunDbusProxy, cordon_run_dbus_proxy_free)

G_END_DECLS
