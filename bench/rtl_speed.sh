#!/usr/bin/env bash
# RTL-in-the-loop speed (not a test), measured in one run:
#  1. verify-rtl: the Verilated array alone, driven back to back (tile MMAs/s, array cycles/s);
#  2. a GEMM with --mac rtl against the same GEMM with the C++ engine (slowdown).
#   bench/rtl_speed.sh [BUILD_DIR]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$root/build}"
t() { local s=$(date +%s.%N); "$@" >/dev/null 2>&1; echo "$(date +%s.%N) - $s" | bc; }
n=3000
v=$(t "$build/tilesim" verify-rtl --cases $n)
cycles=$("$build/tilesim" verify-rtl --cases $n | sed -n 's/.*; \([0-9]*\) RTL cycles.*/\1/p')
printf "verify-rtl 16x16: %d MMAs, %d array cycles in %.2f s -> %.0f MMAs/s, %.1f k cycles/s\n" $n "$cycles" "$v" \
  "$(echo "$n / $v" | bc -l)" "$(echo "$cycles / $v / 1000" | bc -l)"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for mac in cpp rtl; do
  "$build/tilesim" run --workload gemm --m 128 --n 128 --k 256 --mac $mac --stats-json "$tmp/$mac.json" >/dev/null
done
python3 - "$tmp" <<'PY'
import json, sys
c = json.load(open(sys.argv[1] + "/cpp.json")); r = json.load(open(sys.argv[1] + "/rtl.json"))
print(f"gemm 128x128x256 (1024 tile MMAs): cpp {c['host_seconds_sim']:.4f} s, rtl {r['host_seconds_sim']:.3f} s "
      f"-> {r['host_seconds_sim'] / c['host_seconds_sim']:.0f}x slower, {1024 / r['host_seconds_sim']:.0f} MMAs/s; "
      f"cycles equal: {c['cycles'] == r['cycles']}, results: {c['result']}/{r['result']}")
PY
