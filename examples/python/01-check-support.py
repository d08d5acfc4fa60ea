#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Step 1: check that this kernel can sandbox before relying on it."""

import sys

import gi

gi.require_version("Cordon", "1.0")
from gi.repository import Cordon  # noqa: E402


def main():
    info = Cordon.SupportInfo.get()
    if not Cordon.is_supported():
        print(f"Sandboxing not available: {info.get_details()}")
        return 1

    print(f"Sandboxing available on {info.get_platform()}")
    print(f"  Landlock ABI: {info.get_landlock_abi()}")
    print(f"  seccomp: {'yes' if info.get_seccomp() else 'no'}")
    print(f"  {info.get_details()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
