#!/usr/bin/python3
# launch-phases.py: where one cordon-run launch spends its time (issue 15)
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Not a benchmark of the suite: a profiling aid for BENCHMARKS.md. It drives
# a throwaway build of cordon-run with launch-phases.patch applied (a
# clock_gettime probe at each phase, printed to stderr when CORDON_T0 is
# set), interleaved with /bin/true, and prints the median wall time since
# posix_spawn at which each phase ends and the CPU time the process (the
# launcher, or after "child: forked" the forked child) had used by then.
#
#   git worktree add --detach /tmp/phases HEAD && cd /tmp/phases
#   git apply tests/bench/launch-phases.patch
#   meson setup _build -Dapp=false && ninja -C _build src/run/cordon-run
#   /usr/bin/python3 tests/bench/launch-phases.py _build/src/run/cordon-run PROFILE.json 200
import os, sys, time, statistics, subprocess
cr = sys.argv[1]; prof = sys.argv[2]; n = int(sys.argv[3])
runs = []; trues = []
for i in range(n):
    for which in ((0, 1) if i % 2 == 0 else (1, 0)):
        if which == 0:
            t0 = time.monotonic_ns()
            pid = os.posix_spawn('/bin/true', ['/bin/true'], os.environ)
            os.waitpid(pid, 0); trues.append((time.monotonic_ns() - t0) / 1000)
            continue
        r, w = os.pipe()
        env = dict(os.environ, CORDON_T0='0')
        t0 = time.monotonic_ns(); env['CORDON_T0'] = str(t0)
        pid = os.posix_spawn(cr, [cr, '-p', prof, '--', '/bin/true'], env,
                             file_actions=[(os.POSIX_SPAWN_DUP2, w, 2)])
        _, st = os.waitpid(pid, 0); end = (time.monotonic_ns() - t0) / 1000
        os.close(w); out = os.read(r, 65536).decode(); os.close(r)
        assert st == 0, out
        ph = {}
        for line in out.splitlines():
            if line.startswith('PHASE '):
                name, us, cpu = line[6:].rsplit(' ', 2); ph.setdefault(name, (float(us), float(cpu)))
        ph['exit seen by the parent'] = (end, 0.0)
        runs.append(ph)
names = list(runs[0].keys())
print(f'# {n} runs; median µs since posix_spawn; /bin/true alone: {statistics.median(trues):.0f} µs')
prev = 0; prevc = 0
print(f'{"phase (ends at)":45s} {"wall":>8s} {"+wall":>8s} {"CPU of this process so far":>10s}')
for k in names:
    m = statistics.median(r[k][0] for r in runs); c = statistics.median(r[k][1] for r in runs)
    print(f'{k:45s} {m:8.0f} {m - prev:+8.0f} {c:8.0f}'); prev = m
