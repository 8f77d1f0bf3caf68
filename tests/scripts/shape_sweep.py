#!/usr/bin/python3
"""Shape sweep: every workload x dtype x mode x chip x core count, dimensions from the kernels' block edges.

Cases are generated pairwise (every pair of values of any two axes of a workload appears in at
least one case, greedy AETG-style), plus random extra cases, from a printed seed; each runs
`tilesim run --workload ...` and must PASS bit-exactly. A failure prints a one-line command that
reproduces it.

  shape_sweep.py TILESIM CONFIG_DIR [--seed S] [--extra N] [--jobs J] [--set big] [--list]
"""
import argparse
import concurrent.futures
import itertools
import os
import random
import re
import shlex
import subprocess
import sys
import time

# Dimension families around the kernels' block edges (16-row tiles; 32/64-row blocks; 64-key and
# 256-key chunks; 256-column K chunks; 128/512-column GEMV slabs) and a random one.
FAMILIES = {
    "tiny": list(range(1, 18)),
    "64": [63, 64, 65],
    "128": [127, 128, 129],
    "256": [255, 256, 257],
    "1k": list(range(1000, 1031)),
    "rand": None,  # uniform in [1, 600]
}
# Some families are too big on some axes for a CI budget: a product of three 1k dims, say.
SMALL_FAMILIES = ["tiny", "64", "128", "256", "rand"]

CHIPS = {
    "default": [],
    "edge": ["@edge"],
    "large": ["@large"],
    "regs16": ["tile.registers=16"],
    "spad128": ["scratchpad.size_kib=128"],
    "spad64": ["scratchpad.size_kib=64"],
    "banks8": ["scratchpad.banks=8"],
    "bankw32": ["scratchpad.bank_width=32"],
    "engines2": ["tile.mac.engines=2"],
    "mac8x8": ["tile.mac.rows=8", "tile.mac.cols=8"],
    "edge-q1": ["@edge", "dma.queues=1"],
    "ports2": ["scratchpad.ports=2", "tile.queue_depth=3"],
    # block-MMA GEMM schedules: arrays larger than a tile; 16 engines with an accumulator SRAM
    "mac32": ["tile.mac.rows=32", "tile.mac.cols=32", "scratchpad.size_kib=512"],
    "eng16acc": ["tile.mac.engines=16", "scratchpad.acc_kib=256", "tile.queue_depth=32"],
}
BIG_CHIPS = {"h100-scale": ["@h100-scale"]}  # (big shapes only: 132 cores are slow for the pairwise set)

# Core counts (chip.cores): the kernels split their work; 132 is the H100's SM count.
CORES = ["1", "2", "3", "8", "132"]

# Per workload: axes (name -> values); dims are family names, drawn into sizes per case.
WORKLOADS = {
    "gemm": {
        "chip": list(CHIPS),
        "cores": CORES,
        "dtype": ["int8", "ternary", "int4"],
        "mode": ["int32", "requant"],
        "m": list(FAMILIES),
        "n": list(FAMILIES),
        "k": list(FAMILIES),
    },
    "gemv": {
        "chip": list(CHIPS),
        "cores": CORES,
        "dtype": ["int8", "ternary"],
        "vectors": ["1", "few", "16"],
        "rows": list(FAMILIES),
        "cols": list(FAMILIES),
    },
    "bitnet": {
        "chip": list(CHIPS),
        "cores": CORES,
        "layers": ["1", "2"],
        "tokens": SMALL_FAMILIES,
        "in-features": list(FAMILIES),
        "out-features": SMALL_FAMILIES,
        "hidden": SMALL_FAMILIES,
    },
    "attention": {
        "chip": list(CHIPS),
        "cores": CORES,
        "head-dim": ["64", "128"],
        "causal": ["no", "yes"],
        "heads": ["1", "2"],
        "seq": list(FAMILIES),
    },
}

# Big shapes (CTest label `big`): one dimension past 32,767 per workload, and the LM head.
BIG = [
    ("gemm", "large", ["--m", "16", "--n", "131072", "--k", "4096"]),
    ("gemm", "default", ["--m", "32769", "--n", "17", "--k", "65"]),
    ("gemm", "edge", ["--m", "20", "--n", "40000", "--k", "33", "--dtype", "ternary"]),
    ("gemm", "default", ["--m", "3", "--n", "5", "--k", "70000", "--requant"]),
    ("gemm", "edge", ["--m", "33", "--n", "17", "--k", "70001", "--dtype", "int4"]),
    ("gemm", "large", ["--m", "40000", "--n", "31", "--k", "129", "--dtype", "int4", "--requant"]),
    ("gemv", "default", ["--rows", "40000", "--cols", "300"]),
    ("gemv", "edge", ["--rows", "100", "--cols", "70001", "--dtype", "ternary"]),
    ("bitnet", "default", ["--tokens", "40000", "--in-features", "64", "--out-features", "20", "--layers", "1"]),
    ("bitnet", "default", ["--tokens", "5", "--in-features", "40000", "--out-features", "33", "--hidden", "17"]),
    ("attention", "default", ["--seq", "4111", "--causal"]),
    # ... and on many cores (the kernels split their work)
    ("gemm", "default", ["--m", "32769", "--n", "17", "--k", "65", "--set", "chip.cores=132"]),
    ("gemv", "edge", ["--rows", "40000", "--cols", "300", "--dtype", "ternary", "--set", "chip.cores=8"]),
    ("attention", "large", ["--seq", "4111", "--causal", "--set", "chip.cores=132"]),
    ("bitnet", "default", ["--tokens", "40000", "--in-features", "64", "--out-features", "20", "--layers", "1", "--set", "chip.cores=3"]),
    # ... and the block-MMA GEMM schedule at H100 scale
    ("gemm", "h100-scale", ["--m", "40000", "--n", "129", "--k", "257", "--dtype", "int4"]),
    ("gemm", "h100-scale", ["--m", "1000", "--n", "70001", "--k", "33", "--requant"]),
    ("gemm", "h100-scale", ["--m", "300", "--n", "500", "--k", "40000", "--dtype", "ternary"]),
    # ... and BitNet's block schedule (quantization split over the cores, C blocks) at H100 scale
    ("bitnet", "h100-scale", ["--tokens", "40000", "--in-features", "64", "--out-features", "20", "--layers", "1"]),
    ("bitnet", "h100-scale", ["--tokens", "5", "--in-features", "40000", "--out-features", "33", "--hidden", "17"]),
    ("bitnet", "h100-scale", ["--tokens", "17", "--in-features", "130", "--hidden", "257", "--out-features", "65"]),
]


def pairwise(axes, rng, candidates=40):
    """Greedy covering array of strength 2 over `axes` (dict name -> values)."""
    names = list(axes)
    uncovered = set()
    for a, b in itertools.combinations(range(len(names)), 2):
        for va in axes[names[a]]:
            for vb in axes[names[b]]:
                uncovered.add((a, va, b, vb))
    rows = []
    while uncovered:
        # Seed each candidate from one uncovered pair so every step makes progress.
        a, va, b, vb = min(uncovered, key=lambda p: (p[0], p[2], str(p[1]), str(p[3])))
        best, best_gain = None, -1
        for _ in range(candidates):
            row = [rng.choice(axes[n]) for n in names]
            row[a], row[b] = va, vb
            gain = sum(1 for x, y in itertools.combinations(range(len(names)), 2) if (x, row[x], y, row[y]) in uncovered)
            if gain > best_gain:
                best, best_gain = row, gain
        for x, y in itertools.combinations(range(len(names)), 2):
            uncovered.discard((x, best[x], y, best[y]))
        rows.append(dict(zip(names, best)))
    return rows


def draw(family, rng):
    vals = FAMILIES[family]
    return rng.randint(1, 600) if vals is None else rng.choice(vals)


def case_args(workload, row, rng):
    """Command-line options for one generated case (dims drawn from their families)."""
    a = []
    if workload == "gemm":
        dims = {d: draw(row[d], rng) for d in ("m", "n", "k")}
        # Keep the work bounded: at most one 1k dimension gets its full size.
        big = [d for d in dims if dims[d] >= 1000]
        for d in big[1:]:
            dims[d] = draw("tiny", rng)
        a += ["--m", dims["m"], "--n", dims["n"], "--k", dims["k"], "--dtype", row["dtype"]]
        if row["mode"] == "requant":
            a += ["--requant", "--scale", rng.randint(1, 40), "--shift", rng.randint(6, 14)]
    elif workload == "gemv":
        v = {"1": 1, "few": rng.randint(2, 15), "16": 16}[row["vectors"]]
        a += ["--rows", draw(row["rows"], rng), "--cols", draw(row["cols"], rng), "--vectors", v, "--dtype", row["dtype"]]
    elif workload == "bitnet":
        a += ["--tokens", draw(row["tokens"], rng), "--in-features", draw(row["in-features"], rng),
              "--out-features", draw(row["out-features"], rng), "--layers", row["layers"]]
        if row["layers"] == "2":
            a += ["--hidden", draw(row["hidden"], rng)]
    elif workload == "attention":
        a += ["--seq", draw(row["seq"], rng), "--head-dim", row["head-dim"], "--heads", row["heads"]]
        if row["causal"] == "yes":
            a += ["--causal"]
    return [str(x) for x in a]


def chip_args(chip, config_dir):
    out, cfg = [], "default"
    for s in {**CHIPS, **BIG_CHIPS}[chip]:
        if s.startswith("@"):
            cfg = s[1:]
        else:
            out += ["--set", s]
    return ["--config", os.path.join(config_dir, cfg + ".yaml")] + out


def run_case(tilesim, case):
    cmd = [tilesim, "run"] + case
    t0 = time.monotonic()
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    dt = time.monotonic() - t0
    ok = p.returncode == 0 and re.search(r"^  result +PASS$", p.stdout, re.M) is not None
    why = "" if ok else f"exit {p.returncode}: " + (p.stderr.strip().splitlines() or ["(no message)"])[0]
    return ok, why, dt, " ".join(shlex.quote(c) for c in cmd)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("tilesim")
    ap.add_argument("config_dir")
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--extra", type=int, default=40, help="random cases per workload on top of the pairwise ones")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--set", dest="which", choices=["small", "big"], default="small")
    ap.add_argument("--list", action="store_true", help="print the cases and exit")
    ap.add_argument("--workload", action="append", help="only these workloads")
    o = ap.parse_args()
    seed = o.seed if o.seed is not None else int.from_bytes(os.urandom(4), "little")
    rng = random.Random(seed)
    cases = []
    if o.which == "big":
        for wl, chip, args in BIG:
            cases.append(["--workload", wl] + chip_args(chip, o.config_dir) + args)
    else:
        for wl, axes in WORKLOADS.items():
            if o.workload and wl not in o.workload:
                continue
            rows = pairwise(axes, rng)
            rows += [{n: rng.choice(v) for n, v in axes.items()} for _ in range(o.extra)]
            for row in rows:
                s = rng.randrange(1 << 16)
                cores = [] if row["cores"] == "1" else ["--set", "chip.cores=" + row["cores"]]
                cases.append(["--workload", wl] + chip_args(row["chip"], o.config_dir) + cores + case_args(wl, row, rng) +
                             ["--seed", str(s)])
    print(f"shape sweep ({o.which}): {len(cases)} cases, seed {seed} (rerun: --seed {seed}), {o.jobs} jobs", flush=True)
    if o.list:
        for c in cases:
            print(" ".join(c))
        return 0
    t0 = time.monotonic()
    failures, slow = [], []
    with concurrent.futures.ThreadPoolExecutor(max_workers=o.jobs) as ex:
        for ok, why, dt, cmd in ex.map(lambda c: run_case(o.tilesim, c), cases):
            slow.append((dt, cmd))
            if not ok:
                failures.append((why, cmd))
                print(f"FAIL ({why})\n  reproduce: {cmd}", flush=True)
    slow.sort(reverse=True)
    print(f"{len(cases) - len(failures)} of {len(cases)} cases PASS in {time.monotonic() - t0:.1f} s; slowest {slow[0][0]:.2f} s: {slow[0][1]}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
