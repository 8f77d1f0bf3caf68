#!/usr/bin/env bash
# Tile-MMA throughput (not a test): a guest loop issuing 2^20 independent int8 MMAs under
# tilesim (values and timing), next to the same number of MMAs through the golden model's kernel
# in a bare C++ loop, measured in the same run.   bench/mma_throughput.sh [BUILD_DIR]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$root/build}"
stats=$(mktemp --suffix=.json)
trap 'rm -f "$stats" "${stats%.json}.config.yaml" "${stats%.json}.tld.json" "${stats%.json}.tld.config.yaml"' EXIT
"$build/tilesim" run -q --elf "$build/bench/mma_loop.elf" --stats-json "$stats" >/dev/null
tld="${stats%.json}.tld.json"
"$build/tilesim" run -q --elf "$build/bench/tld_loop.elf" --stats-json "$tld" >/dev/null
read -r n bare ref avx2 _ < <("$build/bench/mma_bare" $((1 << 20)))
python3 - "$stats" "$n" "$bare" "$ref" "$avx2" "$tld" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
t = json.load(open(sys.argv[6]))
n, bare, ref, avx2 = int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), sys.argv[5] == "1"
mmas = s["tile"]["mma_int8"]
assert mmas == n, (mmas, n)
sim = s["host_seconds"]
print(f"tile MMAs                    {mmas:,}")
print(f"tilesim (core + tile unit)   {sim:7.3f} s  -> {mmas / sim / 1e6:6.2f} M MMAs/s  ({s['cycles'] / sim / 1e6:.0f} M simulated cycles/s)")
print(f"bare golden kernel ({'AVX2' if avx2 else 'portable'})  {bare:7.3f} s  -> {n / bare / 1e6:6.2f} M MMAs/s")
print(f"bare portable loop           {ref:7.3f} s  -> {n / ref / 1e6:6.2f} M MMAs/s")
print(f"overhead of simulation       {sim / bare:7.2f}x the bare kernel")
loads = t["tile"]["tile_loads"]
print(f"tile loads (bench/tld_loop.c) {t['host_seconds']:6.3f} s  -> {loads / t['host_seconds'] / 1e6:6.2f} M int8 tile loads/s (swizzled, 256-byte row stride)")
print(f"MAC utilization (simulated)  {100 * s['tile']['macs'] / (s['cycles'] * 256):.1f}%")
print(f"target >= 4 M MMAs/s         {'met' if mmas / sim / 1e6 >= 4 else 'NOT met'}")
PY
