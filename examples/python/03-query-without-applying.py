#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Step 3: ask what a capability set allows, without applying it.

The answer is the kernel's: every rule covering a path counts, and the path
is looked up the way the kernel will walk it.
"""

import json
import sys

import gi

gi.require_version("Cordon", "1.0")
from gi.repository import Cordon  # noqa: E402


def main():
    caps = Cordon.CapabilitySet()
    caps.allow_path("/tmp", Cordon.AccessMode.READ)

    ctx = Cordon.QueryContext.new(caps)

    result = ctx.query_path("/tmp/file.txt", Cordon.AccessMode.READ)
    print(result.to_json())
    assert result.is_allowed()
    assert result.get_reason() == Cordon.QueryReason.GRANTED_PATH
    assert result.get_granted_path() == "/tmp"

    result = ctx.query_path("/tmp/file.txt", Cordon.AccessMode.WRITE)
    print(result.to_json())
    assert not result.is_allowed()
    assert result.get_reason() == Cordon.QueryReason.INSUFFICIENT_ACCESS

    result = ctx.query_path("/etc/passwd", Cordon.AccessMode.READ)
    print(result.to_json())
    assert json.loads(result.to_json()) == {"status": "denied", "reason": "path_not_granted"}

    result = ctx.query_network()
    print(result.to_json())
    assert result.get_reason() == Cordon.QueryReason.NETWORK_ALLOWED

    # A context is a snapshot: block the network, then ask a new one.
    caps.block_network()
    result = Cordon.QueryContext.new(caps).query_network()
    print(result.to_json())
    assert result.get_status() == Cordon.QueryStatus.DENIED
    return 0


if __name__ == "__main__":
    sys.exit(main())
