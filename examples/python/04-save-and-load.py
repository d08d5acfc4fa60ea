#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Step 4: save and load the state.

A SandboxState is a capability set as JSON: persist it in a file, pass it
to another process, and validate a file before using it. cordon-run reads
the same files (cordon-run -p FILE -- PROGRAM).
"""

import os
import subprocess
import sys
import tempfile

import gi

gi.require_version("Cordon", "1.0")
from gi.repository import Cordon, GLib  # noqa: E402


def persist(work):
    """Save a configuration to a file and load it back."""
    caps = Cordon.CapabilitySet()
    caps.allow_path(work, Cordon.AccessMode.READ_WRITE)
    caps.allow_file("/etc/hosts", Cordon.AccessMode.READ)
    caps.block_network()

    state = Cordon.SandboxState.from_caps(caps)
    path = os.path.join(work, "sandbox.json")
    # Atomic: if saving fails, the previous file is left whole.
    state.save_file(path, Cordon.StateFormat.CORDON)
    with open(path, encoding="utf-8") as f:
        print(f.read(), end="")

    loaded = Cordon.SandboxState.load_file(path)
    restored = loaded.to_caps()
    print(f"Network blocked: {restored.is_network_blocked()}")
    print(f"Capabilities: {len(restored)}")
    for cap in restored:
        print(f"  {cap.get_resolved()}: {Cordon.access_mode_to_string(cap.get_access())}")
    assert restored.is_network_blocked() and len(restored) == 2
    return path


def pass_across_processes(work):
    """Hand the configuration to a child process in an environment variable."""
    caps = Cordon.CapabilitySet()
    caps.allow_path(work, Cordon.AccessMode.READ_WRITE)
    config = Cordon.SandboxState.from_caps(caps).to_json(Cordon.StateFormat.CORDON)

    env = dict(os.environ, SANDBOX_CONFIG=config)
    child = subprocess.run([sys.executable, __file__, "--child"], env=env, check=False)
    assert child.returncode == 0, f"the child failed with {child.returncode}"


def child():
    """The child: decode the configuration and apply it to itself."""
    config = os.environ.get("SANDBOX_CONFIG")
    state = Cordon.SandboxState.from_json(config, -1)
    caps = state.to_caps()
    Cordon.apply(caps)
    print(f"Child {os.getpid()}: sandbox applied, {state.get_n_rules()} rule(s)")
    return 0


def load_sandbox_config(path):
    """Load and validate a configuration file; None (and why) if unusable."""
    try:
        state = Cordon.SandboxState.load_file(path)
    except GLib.Error as error:
        if error.matches(Cordon.error_quark(), Cordon.Error.PATH_NOT_FOUND):
            print(f"Config file not found: {error.message}")
        else:
            print(f"Invalid config: {error.message}")
        return None
    try:
        return state.to_caps()
    except GLib.Error as error:
        print(f"Path no longer exists or changed: {error.message}")
        return None


def validate(work, good):
    assert load_sandbox_config(good) is not None
    print(f"Valid: {good}")

    assert load_sandbox_config(os.path.join(work, "missing.json")) is None

    broken = os.path.join(work, "broken.json")
    with open(broken, "w", encoding="utf-8") as f:
        f.write('{"fs": [{"path": "/tmp", "access": "Everything", "is_file": false}],'
                ' "net_blocked": true}')
    assert load_sandbox_config(broken) is None

    gone = os.path.join(work, "gone")
    os.mkdir(gone)
    caps = Cordon.CapabilitySet()
    caps.allow_path(gone, Cordon.AccessMode.READ)
    stale = os.path.join(work, "stale.json")
    Cordon.SandboxState.from_caps(caps).save_file(stale, Cordon.StateFormat.CORDON)
    os.rmdir(gone)
    assert load_sandbox_config(stale) is None


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        return child()
    with tempfile.TemporaryDirectory(prefix="cordon-example-") as work:
        good = persist(work)
        pass_across_processes(work)
        validate(work, good)
    return 0


if __name__ == "__main__":
    sys.exit(main())
