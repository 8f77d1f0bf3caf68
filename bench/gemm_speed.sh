#!/usr/bin/env bash
# GEMM simulation speed (not a test): int8 GEMM 1024^3 with values and timing; the host seconds
# of the simulation alone (not input generation or the golden check) next to the bare arithmetic
# of the same 262,144 tile MMAs through the golden kernel, measured in the same run. The two
# alternate, REPEATS rounds (the first checks the result against the golden GEMM, the others
# skip the check to leave time for more rounds); shown: best of each (the machine's noise only
# ever adds time) and the median of the per-round ratios.
#   bench/gemm_speed.sh [BUILD_DIR] [REPEATS]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$root/build}"
reps="${2:-15}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for i in $(seq "$reps"); do
  check=--no-check
  [ "$i" = 1 ] && check=
  "$build/tilesim" run --workload gemm --m 1024 --n 1024 --k 1024 $check --stats-json "$tmp/g$i.json" >/dev/null
  "$build/bench/mma_bare" 262144 >>"$tmp/bare.txt"
done
python3 - "$tmp" "$reps" <<'PY'
import json, statistics, sys
tmp, reps = sys.argv[1], int(sys.argv[2])
runs = [json.load(open(f"{tmp}/g{i}.json")) for i in range(1, reps + 1)]
bare = [float(l.split()[1]) for l in open(f"{tmp}/bare.txt")]
sims = [r["host_seconds_sim"] for r in runs]
r = runs[0]
print(f"gemm int8 1024^3: {r['result']}, {r['cycles']:,} cycles, MAC utilization {r['mac_utilization_pct']:.1f}%")
print(f"simulation host time   {min(sims):.3f} s (best of {reps}; median {statistics.median(sims):.3f})")
print(f"input generation       {r['host_seconds_inputs']:.3f} s, golden check {r['host_seconds_check']:.3f} s (not included)")
print(f"bare arithmetic        {min(bare):.3f} s for the same 262,144 MMAs (golden kernel in a C++ loop; median {statistics.median(bare):.3f})")
ratios = [s / b for s, b in zip(sims, bare)]
print(f"ratio                  {min(sims) / min(bare):.2f}x best/best, {statistics.median(ratios):.2f}x median of the rounds   (targets: < 0.15 s, ratio < 2)")
PY
