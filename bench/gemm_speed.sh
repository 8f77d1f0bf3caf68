#!/usr/bin/env bash
# GEMM simulation speed (not a test): int8 GEMM 1024^3 with values and timing; the host seconds
# of the simulation alone (not input generation or the golden check) next to the bare arithmetic
# of the same 262,144 tile MMAs through the golden kernel, measured in the same run.
#   bench/gemm_speed.sh [BUILD_DIR] [REPEATS]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$root/build}"
reps="${2:-3}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for i in $(seq "$reps"); do
  "$build/tilesim" run --workload gemm --m 1024 --n 1024 --k 1024 --stats-json "$tmp/g$i.json" >/dev/null
  "$build/bench/mma_bare" 262144 >>"$tmp/bare.txt"
done
python3 - "$tmp" "$reps" <<'PY'
import json, sys
tmp, reps = sys.argv[1], int(sys.argv[2])
runs = [json.load(open(f"{tmp}/g{i}.json")) for i in range(1, reps + 1)]
bare = [float(l.split()[1]) for l in open(f"{tmp}/bare.txt")]
sim = min(r["host_seconds_sim"] for r in runs)
b = min(bare)
r = runs[0]
print(f"gemm int8 1024^3: {r['result']}, {r['cycles']:,} cycles, MAC utilization {r['mac_utilization_pct']:.1f}%")
alls = ", ".join("%.3f" % x["host_seconds_sim"] for x in runs)
print(f"simulation host time   {sim:.3f} s (best of {reps}; all: {alls})")
print(f"input generation       {r['host_seconds_inputs']:.3f} s, golden check {r['host_seconds_check']:.3f} s (not included)")
print(f"bare arithmetic        {b:.3f} s for the same 262,144 MMAs (golden kernel in a C++ loop)")
print(f"ratio                  {sim / b:.2f}x   (targets: < 0.15 s, ratio < 2)")
PY
