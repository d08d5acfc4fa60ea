#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Step 5: apply the sandbox, in a child process, and run code inside it.

apply() is irreversible and covers the process and all its future
children, so it runs in a forked child: this script (the parent) stays
free. Inside, writing in the granted folder works; reading /etc/passwd and
opening a network socket are denied by the kernel.

Named UNIX sockets (tmux, ssh-agent, the session bus) stay closed too
unless the capability set lists them: below Landlock ABI 9 apply() first
forks a small mediator process outside the sandbox that answers the
child's connects, as cordon-run's supervisor does.
"""

import errno
import os
import socket
import sys
import tempfile

import gi

gi.require_version("Cordon", "1.0")
from gi.repository import Cordon, GLib  # noqa: E402


def sandboxed(caps, work):
    """Runs in the child: returns its exit status."""
    try:
        Cordon.apply(caps)
    except GLib.Error as error:
        print(f"Could not apply the sandbox: {error.message}")
        return 2
    print("Sandbox applied!")
    failures = 0

    # Allowed: the folder was granted Read & Write.
    test_file = os.path.join(work, "output.txt")
    with open(test_file, "w", encoding="utf-8") as f:
        f.write("Hello from sandbox!")
    with open(test_file, encoding="utf-8") as f:
        print(f"Wrote and read back {test_file}: {f.read()!r}")

    # Denied: nothing grants /etc/passwd.
    try:
        with open("/etc/passwd", encoding="utf-8") as f:
            f.read()
        print("FAIL: read /etc/passwd")
        failures += 1
    except PermissionError:
        print("Blocked reading /etc/passwd (expected)")

    # Denied: the network is blocked, so no socket but AF_UNIX can be made.
    for family, kind, name in ((socket.AF_INET, socket.SOCK_STREAM, "TCP"),
                               (socket.AF_INET6, socket.SOCK_DGRAM, "UDP over IPv6")):
        try:
            socket.socket(family, kind).close()
            print(f"FAIL: opened a {name} socket")
            failures += 1
        except OSError as error:
            if error.errno not in (errno.EACCES, errno.EPERM):
                raise
            print(f"Blocked a {name} socket: {os.strerror(error.errno)} (expected)")
    return 1 if failures else 0


def main():
    if not Cordon.is_supported():
        print(f"Error: {Cordon.SupportInfo.get().get_details()}")
        return 1

    with tempfile.TemporaryDirectory(prefix="cordon-example-") as work:
        caps = Cordon.CapabilitySet()
        caps.allow_path(work, Cordon.AccessMode.READ_WRITE)
        caps.block_network()
        print("Capabilities:")
        print(caps.summary(), end="")

        sys.stdout.flush()
        pid = os.fork()
        if pid == 0:
            status = 1
            try:
                status = sandboxed(caps, work)
            finally:
                sys.stdout.flush()
                os._exit(status)
        _, wait_status = os.waitpid(pid, 0)
        status = os.waitstatus_to_exitcode(wait_status)

        # The parent was never sandboxed.
        with open("/etc/passwd", encoding="utf-8") as f:
            f.readline()
        print(f"\nParent, unsandboxed, still reads /etc/passwd; child exited with {status}")
    return status


if __name__ == "__main__":
    sys.exit(main())
