#!/usr/bin/python3
"""--trace (docs/trace.md) against the trace-event format and the run's counters: the file is
JSON {traceEvents: [...], displayTimeUnit, otherData}; every event has a known phase and the
fields that phase needs (M: process/thread names; X: name, pid, tid, numeric ts and dur >= 0;
C: name, pid, ts and numeric args); no two complete events of one thread overlap (the format
needs them nested); the tracks are the expected ones (core stalls, MAC engines, vector unit,
load/store ports, DMA queues; counters of DMA transfers in flight and DMA bandwidth per core and
for the chip); the event counts equal the run's counters (MMAs, tile loads and stores, DMA
transfers, vector ops); timestamps are cycles / MHz; --trace-window keeps only its cycles;
--trace-max-events drops the rest and says so; bad options are refused before the run.
   trace_check.py TILESIM CONFIGS"""
import collections, json, os, subprocess, sys, tempfile

tilesim, configs = sys.argv[1], sys.argv[2]
bad = []
PHASES = {"M", "X", "C"}


def validate(path, what):
    j = json.load(open(path))
    if not isinstance(j, dict) or not isinstance(j.get("traceEvents"), list) or j.get("displayTimeUnit") not in ("ms", "ns"):
        bad.append(f"{what}: not a trace-event JSON object")
        return j, []
    ev = j["traceEvents"]
    per_thread = collections.defaultdict(list)
    for e in ev:
        ph = e.get("ph")
        if ph not in PHASES or not isinstance(e.get("name"), str) or not isinstance(e.get("pid"), int):
            bad.append(f"{what}: bad event {e}")
            break
        if ph == "M" and (e["name"] not in ("process_name", "process_sort_index", "thread_name", "thread_sort_index") or "args" not in e):
            bad.append(f"{what}: bad metadata {e}")
        if ph == "X":
            if not all(isinstance(e.get(k), (int, float)) for k in ("ts", "dur")) or e["dur"] < 0 or not isinstance(e.get("tid"), int):
                bad.append(f"{what}: bad complete event {e}")
            per_thread[(e["pid"], e["tid"])].append((e["ts"], e["ts"] + e["dur"], e["name"]))
        if ph == "C" and (not isinstance(e.get("ts"), (int, float)) or not e.get("args") or
                          not all(isinstance(v, (int, float)) for v in e["args"].values())):
            bad.append(f"{what}: bad counter {e}")
    for k, spans in per_thread.items():
        spans.sort()
        for a, b in zip(spans, spans[1:]):
            if b[0] < a[1] - 1e-9:
                bad.append(f"{what}: thread {k}: {a} and {b} overlap")
                break
    return j, ev


with tempfile.TemporaryDirectory() as tmp:
    tr, st = os.path.join(tmp, "t.json"), os.path.join(tmp, "s.json")
    subprocess.run([tilesim, "run", "--workload", "attention", "--seq", "40", "--set", "tile.mac.engines=2", "--trace", tr, "--stats-json", st,
                    "-q"], check=True)
    j, ev = validate(tr, "attention")
    s = json.load(open(st))
    t = s["tile"]
    names = {e["args"]["name"] for e in ev if e["name"] == "thread_name"}
    for want in ("core: stalls", "MAC engine 0", "MAC engine 1", "vector unit 0", "load/store port 0", "DMA queue 0"):
        if want not in names:
            bad.append(f"attention: no track '{want}' (tracks: {sorted(names)})")
    counters = collections.Counter((e["pid"], e["name"]) for e in ev if e["ph"] == "C")
    for want in ((0, "DMA transfers in flight"), (0, "DMA bandwidth GB/s"), (1, "DMA bandwidth GB/s")):
        if not counters[want]:
            bad.append(f"attention: no counter track {want}")
    x = collections.Counter(e["name"] for e in ev if e["ph"] == "X")
    mmas = sum(v for k, v in x.items() if k.startswith("xt.mma"))
    checks = {"MMAs": (mmas, t["mma_int8"] + t["mma_ternary"] + t["mma_int4"]), "tile loads": (x["tile load"], t["tile_loads"]),
              "tile stores": (x["tile store"], t["tile_stores"]), "DMA transfers": (x["dma load"] + x["dma store"], t["dma_transfers"]),
              "vector ops": (sum(v for k, v in x.items() if k.startswith("xt.") and not k.startswith("xt.mma")), t["vec_ops"])}
    for what, (got, want) in checks.items():
        if got != want:
            bad.append(f"attention: {got} {what} in the trace, the run counted {want}")
    last = max(e["ts"] + e["dur"] for e in ev if e["ph"] == "X")
    if not (s["cycles"] * 0.5 <= last * s["clock_mhz"] <= s["cycles"] * 1.0001):
        bad.append(f"attention: the last event ends at {last} us, the run took {s['cycles']} cycles at {s['clock_mhz']} MHz")
    # a window: only its cycles
    w = os.path.join(tmp, "w.json")
    subprocess.run([tilesim, "run", "--workload", "attention", "--seq", "40", "--trace", w, "--trace-window", "4000:6000", "-q"], check=True)
    jw, evw = validate(w, "window")
    ts = [e["ts"] for e in evw if e["ph"] == "X"] + [e["ts"] + e["dur"] for e in evw if e["ph"] == "X"]
    if not ts or min(ts) < 4.0 - 1e-9 or max(ts) > 6.0 + 1e-9 or jw["otherData"]["window_cycles"] != "4000:6000" or len(evw) >= len(ev):
        bad.append(f"window 4000:6000 at 1 GHz: spans from {min(ts) if ts else '-'} to {max(ts) if ts else '-'} us")
    # the size bound
    m = os.path.join(tmp, "m.json")
    r = subprocess.run([tilesim, "run", "--workload", "attention", "--seq", "40", "--trace", m, "--trace-max-events", "50", "-q"],
                       capture_output=True, text=True)
    jm, evm = validate(m, "bounded")
    if r.returncode != 0 or jm["otherData"]["events_kept"] != 50 or jm["otherData"]["events_dropped"] <= 0 or "dropped" not in r.stderr:
        bad.append(f"--trace-max-events 50: exit {r.returncode}, {jm['otherData']}, stderr {r.stderr.strip()}")
    # many cores: a process per core
    c = os.path.join(tmp, "c.json")
    subprocess.run([tilesim, "run", "--workload", "gemm", "--m", "96", "--n", "64", "--k", "64", "--set", "chip.cores=3", "--trace", c, "-q"],
                   check=True)
    jc, evc = validate(c, "3 cores")
    procs = {e["args"]["name"] for e in evc if e["name"] == "process_name"}
    if procs != {"core 0", "core 1", "core 2", "chip memory"}:
        bad.append(f"3 cores: processes {sorted(procs)}")
    # the shared memory system: DRAM channels and the L2 as counters of the chip's process
    h = os.path.join(tmp, "h.json")
    subprocess.run([tilesim, "run", "--workload", "gemm", "--m", "256", "--n", "256", "--k", "512", "--set", "chip.cores=2", "--set", "dram.channels=2",
                    "--set", "l2.size_kib=1024", "--trace", h, "-q"], check=True)
    jh, evh = validate(h, "memory")
    mem = {e["name"] for e in evh if e["ph"] == "C" and e["pid"] == 2}
    for want in ("DRAM channel 0 busy %", "DRAM channel 1 busy %", "L2 busy %", "DMA bandwidth GB/s"):
        if want not in mem:
            bad.append(f"memory: no chip counter '{want}' (has {sorted(mem)})")
    # busy % of a shared unit stays within 0..100 (bookings run ahead of the data: the excess
    # of a window is carried into the next ones, not shown as 300 %)
    over = [(e["name"], e["args"]["value"]) for e in evh if e["ph"] == "C" and e["name"].endswith("busy %") and not 0 <= e["args"]["value"] <= 100]
    if over:
        bad.append(f"memory: {len(over)} busy % samples outside 0..100, e.g. {over[:3]}")
    # an ELF run traces too
    elf = os.path.join(tmp, "e.json")
    sieve = os.path.join(os.path.dirname(tilesim), "workloads", "sieve.elf")
    if os.path.exists(sieve):
        r = subprocess.run([tilesim, "run", "--elf", sieve, "--trace", elf, "-q"], capture_output=True)
        validate(elf, "ELF run")
    # refused before the run
    for args in (["--trace-window", "5:1", "--trace", os.path.join(tmp, "x.json")], ["--trace-window", "7", "--trace", os.path.join(tmp, "x.json")],
                 ["--trace-window", "0:10"], ["--trace-max-events", "0", "--trace", os.path.join(tmp, "x.json")]):
        r = subprocess.run([tilesim, "run", "--workload", "gemm", *args, "-q"], capture_output=True, text=True)
        if r.returncode != 64:
            bad.append(f"run {' '.join(args)}: exit {r.returncode}, expected 64")
    r = subprocess.run([tilesim, "run", "--workload", "gemm", "--trace", os.path.join(tmp, "no", "such", "t.json"), "-q"], capture_output=True)
    if r.returncode != 73:
        bad.append(f"--trace into a missing folder: exit {r.returncode}, expected 73")
for b in bad:
    print(b)
print(f"trace: {len(bad)} problem(s)")
sys.exit(1 if bad else 0)
