#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Step 2: build the capabilities a program will have.

Grant the least the program needs: a folder to write in, what it reads,
and no network. Nothing is enforced yet (see 05-apply-in-child.py).
"""

import sys
import tempfile

import gi

gi.require_version("Cordon", "1.0")
from gi.repository import Cordon, GLib  # noqa: E402


def main():
    caps = Cordon.CapabilitySet()

    with tempfile.TemporaryDirectory(prefix="cordon-example-") as work:
        # Directories: the rule covers everything beneath them.
        caps.allow_path(work, Cordon.AccessMode.READ_WRITE)
        caps.allow_path("/usr/share", Cordon.AccessMode.READ)
        # One file.
        caps.allow_file("/etc/hosts", Cordon.AccessMode.READ)
        caps.block_network()

        # Read | Write is ReadWrite: the modes are bit flags.
        assert Cordon.AccessMode.READ | Cordon.AccessMode.WRITE == Cordon.AccessMode.READ_WRITE

        print("Capabilities:")
        print(caps.summary(), end="")

        # The set is a list of rules (a Gio.ListModel).
        for cap in caps:
            kind = "file" if cap.get_is_file() else "dir"
            print(f"  {cap.get_resolved()}: {Cordon.access_mode_to_string(cap.get_access())} ({kind})")

        # Bad paths are refused with a GLib.Error in the Cordon domain.
        try:
            caps.allow_path(work + "/missing", Cordon.AccessMode.READ)
        except GLib.Error as error:
            assert error.matches(Cordon.error_quark(), Cordon.Error.PATH_NOT_FOUND), error
            print(f"Refused: {error.message}")
        else:
            print("a missing directory was accepted", file=sys.stderr)
            return 1

        try:
            caps.allow_path("/etc/hosts", Cordon.AccessMode.READ)
        except GLib.Error as error:
            assert error.matches(Cordon.error_quark(), Cordon.Error.EXPECTED_DIRECTORY), error
            print(f"Refused: {error.message}")
        else:
            print("a file was accepted as a directory", file=sys.stderr)
            return 1

        # Access modes also come from their names, in both spellings.
        ok, mode = Cordon.access_mode_from_string("read+write")
        assert ok and mode == Cordon.AccessMode.READ_WRITE
    return 0


if __name__ == "__main__":
    sys.exit(main())
