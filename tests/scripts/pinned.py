#!/usr/bin/python3
"""Pinned cycles and counters: reference runs whose every reported counter is checked in.

  pinned.py check  TILESIM CONFIG_DIR TABLE   run each reference run, diff against TABLE
  pinned.py update TILESIM CONFIG_DIR TABLE   rewrite TABLE from the current simulator

Pinned per run: cycles, instructions, every integer of the report and every tile counter of the
stats JSON (host times excluded), MAC utilization rounded to 1e-3 %. A deliberate timing change
runs `update` and says why in the commit message; anything else that moves a number fails
`check` with a readable diff.
"""
import json
import os
import subprocess
import sys
import tempfile

# name -> (config, workload options)
RUNS = [
    ("gemm int8 256x256x512 (A panels)", "default", "--workload gemm --m 256 --n 256 --k 512"),
    ("gemm ternary 192x64x300 (streamed A, tails)", "default", "--workload gemm --m 192 --n 64 --k 300 --dtype ternary"),
    ("gemm int8 requant 100x70x333", "default", "--workload gemm --m 100 --n 70 --k 333 --requant --scale 7 --shift 10"),
    ("gemv int8 1000x1030", "default", "--workload gemv --rows 1000 --cols 1030"),
    ("gemv ternary 300x600, 16 vectors", "default", "--workload gemv --rows 300 --cols 600 --vectors 16 --dtype ternary"),
    ("bitnet mlp 33 tokens 64->256->48", "default", "--workload bitnet --tokens 33 --in-features 64 --hidden 256 --out-features 48"),
    ("attention seq 256 dim 64 (paired blocks)", "default", "--workload attention --seq 256"),
    ("attention seq 100 dim 128 causal", "default", "--workload attention --seq 100 --head-dim 128 --causal"),
    ("gemm int8 200x130x300 on edge", "edge", "--workload gemm --m 200 --n 130 --k 300"),
    ("attention seq 100 dim 64 on edge (lean)", "edge", "--workload attention --seq 100"),
    ("bitnet linear 20 tokens 130->90 on edge", "edge", "--workload bitnet --tokens 20 --in-features 130 --out-features 90 --layers 1"),
    ("gemv int8 500x700 on large", "large", "--workload gemv --rows 500 --cols 700"),
    ("gemm int8 300x200x256 on large", "large", "--workload gemm --m 300 --n 200 --k 256"),
    ("gemm int8 64x48x96 --mac rtl", "default", "--workload gemm --m 64 --n 48 --k 96 --mac rtl"),
    ("gemm int8 300x200x256 on multicore (8 cores, L2, 4 channels)", "multicore", "--workload gemm --m 300 --n 200 --k 256"),
    ("attention seq 300 causal 2 heads on multicore", "multicore", "--workload attention --seq 300 --causal --heads 2"),
    ("gemv ternary 2000x1030 on multicore", "multicore", "--workload gemv --rows 2000 --cols 1030 --dtype ternary"),
    ("gemm int8 512x512x256 on multicore, clusters of 2 (multicast)", "multicore", "--workload gemm --m 512 --n 512 --k 256 --set interconnect.cluster_cores=2"),
]

SKIP = {"effective_config", "sim_mcycles_per_s", "kernels"}  # host facts, not simulated ones


def measure(tilesim, config_dir, config, args):
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "s.json")
        cmd = [tilesim, "run", "--config", os.path.join(config_dir, config + ".yaml")] + args.split() + ["--stats-json", path]
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if p.returncode != 0:
            raise SystemExit(f"pinned: {' '.join(cmd)} exited {p.returncode}: {p.stderr.strip()}")
        r = json.load(open(path))
    out = {}
    for k, v in sorted(r.items()):
        if k in SKIP or k.startswith("host_"):
            continue
        if k == "tile":
            for tk, tv in sorted(v.items()):
                out["tile." + tk] = tv
        elif isinstance(v, (int, str)) and not isinstance(v, bool):
            out[k] = v
        elif k == "mac_utilization_pct":
            out[k] = round(v, 3)
    return out


def main():
    if len(sys.argv) != 5 or sys.argv[1] not in ("check", "update"):
        print(__doc__)
        return 64
    mode, tilesim, config_dir, table = sys.argv[1:]
    now = {name: {"config": cfg, "args": args, "counters": measure(tilesim, config_dir, cfg, args)} for name, cfg, args in RUNS}
    if mode == "update":
        with open(table, "w") as f:
            json.dump(now, f, indent=1, sort_keys=False)
            f.write("\n")
        print(f"pinned: wrote {len(now)} runs to {table}")
        return 0
    pinned = json.load(open(table))
    bad = 0
    for name, run in now.items():
        want = pinned.get(name)
        if want is None or want["args"] != run["args"] or want["config"] != run["config"]:
            print(f"{name}: not in the pinned table (or its command changed): run `pinned.py update`")
            bad += 1
            continue
        a, b = want["counters"], run["counters"]
        diffs = []
        for k in sorted(set(a) | set(b)):
            if a.get(k) != b.get(k):
                va, vb = a.get(k, "(absent)"), b.get(k, "(absent)")
                delta = ""
                if isinstance(va, (int, float)) and isinstance(vb, (int, float)):
                    d = vb - va
                    delta = (f"  ({d:+,}" if isinstance(d, int) else f"  ({d:+,.3f}") + (f", {100.0 * d / va:+.2f}%" if va else "") + ")"
                fa = f"{va:,}" if isinstance(va, (int, float)) else va
                fb = f"{vb:,}" if isinstance(vb, (int, float)) else vb
                diffs.append(f"    {k:28s} pinned {fa:>16}  now {fb:>16}{delta}")
        if diffs:
            bad += 1
            print(f"{name}: {len(diffs)} counters differ (tilesim run --config {run['config']} {run['args']}):")
            print("\n".join(diffs))
        else:
            print(f"{name}: {len(b)} counters as pinned (cycles {b.get('cycles'):,})")
    for name in pinned:
        if name not in now:
            print(f"{name}: pinned but no longer run: run `pinned.py update`")
            bad += 1
    if bad:
        print(f"pinned: {bad} of {len(now)} runs differ. A deliberate timing change: "
              f"tests/scripts/pinned.py update {tilesim} {config_dir} {table}, and say why in the commit message.")
        return 1
    print(f"pinned: all {len(now)} runs as pinned")
    return 0


if __name__ == "__main__":
    sys.exit(main())
