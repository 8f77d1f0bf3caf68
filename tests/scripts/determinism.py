#!/usr/bin/python3
"""Determinism of a many-core run: the same program, inputs and config give the same cycles and
counters every run, and neither the quantum (sim.quantum_cycles) nor the host threads
(sim.host_threads) change anything.

  determinism.py TILESIM VARIANTS WORKLOAD-OPTIONS...

VARIANTS is a comma-separated list of QUANTUM or QUANTUM:THREADS. Runs the case twice with the
first variant, then once with each other, and compares every simulated number of the stats JSON
(the report, the tile counters, and per core and memory-system detail; host times and SystemC
sync counts excluded).
"""
import json
import os
import subprocess
import sys
import tempfile

HOST = {"effective_config", "sim_mcycles_per_s", "simulated_mips", "kernels", "quantum_syncs"}


def measure(tilesim, variant, args):
    quantum, _, threads = variant.partition(":")
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "s.json")
        cmd = [tilesim, "run", "-q", "--set", f"sim.quantum_cycles={quantum}", "--set", f"sim.host_threads={threads or 1}",
               "--stats-json", path] + args
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if p.returncode != 0:
            raise SystemExit(f"determinism: {' '.join(cmd)} exited {p.returncode}: {p.stderr.strip()}")
        j = json.load(open(path))
    return {k: v for k, v in j.items() if k not in HOST and not k.startswith("host_")}


def diff(a, b, path=""):
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b)):
            yield from diff(a.get(k), b.get(k), f"{path}.{k}" if path else k)
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b)):
            yield from diff(x, y, f"{path}[{i}]")
    elif a != b:
        yield f"{path}: {a} vs {b}"


def main():
    if len(sys.argv) < 4:
        print(__doc__)
        return 64
    tilesim, variants, args = sys.argv[1], sys.argv[2].split(","), sys.argv[3:]
    name = lambda v: f"quantum {v.partition(':')[0]}, {v.partition(':')[2] or 1} host thread(s)"
    ref = measure(tilesim, variants[0], args)
    runs = [(f"second run, {name(variants[0])}", measure(tilesim, variants[0], args))]
    runs += [(name(v), measure(tilesim, v, args)) for v in variants[1:]]
    bad = 0
    for label, r in runs:
        d = list(diff(ref, r))
        if d:
            bad += 1
            print(f"{label} differs from {name(variants[0])} in {len(d)} values:")
            for line in d[:20]:
                print("   ", line)
        else:
            print(f"{label}: identical ({ref['cycles']} cycles, {len(ref['chip']['per_core'])} cores)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
