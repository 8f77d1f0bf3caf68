#!/usr/bin/env bash
# RTL-in-the-loop speed (not a test), measured in one run:
#  1. verify-rtl: the Verilated array alone, driven back to back (tile MMAs/s, array cycles/s);
#  2. a GEMM with --mac rtl against the same GEMM with the C++ engine (slowdown).
# With a second build (e.g. of an older commit: git worktree add /tmp/old REV and build it),
# the same measurements of that build follow, and the ratios of this build to it.
#   bench/rtl_speed.sh [BUILD_DIR] [BASELINE_BUILD_DIR]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
builds=("${1:-$root/build}")
[ -n "${2:-}" ] && builds+=("$2")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
t() { local s=$(date +%s.%N); "$@" >/dev/null 2>&1; echo "$(date +%s.%N) - $s" | bc; }
n=3000
for b in "${!builds[@]}"; do
  build="${builds[$b]}"
  v=$(t "$build/tilesim" verify-rtl --cases $n)
  cycles=$("$build/tilesim" verify-rtl --cases $n | sed -n 's/.*; \([0-9]*\) RTL cycles.*/\1/p')
  echo "$cycles $v" > "$tmp/verify$b"
  for mac in cpp rtl; do
    "$build/tilesim" run --workload gemm --m 128 --n 128 --k 256 --mac $mac --stats-json "$tmp/$b$mac.json" >/dev/null
  done
done
/usr/bin/python3 - "$tmp" "${builds[@]}" <<'PY'
import json, sys
tmp, builds = sys.argv[1], sys.argv[2:]
res = []
for b, path in enumerate(builds):
    cycles, secs = open(f"{tmp}/verify{b}").read().split()
    c = json.load(open(f"{tmp}/{b}cpp.json")); r = json.load(open(f"{tmp}/{b}rtl.json"))
    kcps = int(cycles) / float(secs) / 1e3
    mmas = 1024 / r["host_seconds_sim"]
    res.append((kcps, mmas))
    print(f"{path}:\n  verify-rtl 16x16: 3000 MMAs, {cycles} array cycles in {float(secs):.2f} s -> {3000 / float(secs):.0f} MMAs/s, {kcps:.1f} k cycles/s")
    print(f"  gemm 128x128x256 (1024 tile MMAs): cpp {c['host_seconds_sim']:.4f} s, rtl {r['host_seconds_sim']:.3f} s -> "
          f"{r['host_seconds_sim'] / c['host_seconds_sim']:.0f}x slower, {mmas:.0f} MMAs/s; cycles equal: {c['cycles'] == r['cycles']}, "
          f"results: {c['result']}/{r['result']}")
if len(res) == 2:
    print(f"this build / baseline: verify-rtl {res[0][0] / res[1][0]:.2f}x the cycles/s, --mac rtl GEMM {res[0][1] / res[1][1]:.2f}x the MMAs/s")
PY
