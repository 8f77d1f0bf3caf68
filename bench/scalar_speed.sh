#!/usr/bin/env bash
# Scalar-core speed benchmark (not a test): the same compute-bound RV32IM ELF (~1e9
# instructions) under tilesim (timing on) and qemu-riscv32 (JIT, no timing) in the same run.
#   bench/scalar_speed.sh [BUILD_DIR]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$root/build}"
elf="$build/bench/scalar_loop.elf"
[ -x "$build/tilesim" ] && [ -f "$elf" ] || { echo "build first: scripts/setup.sh"; exit 1; }
now() { date +%s.%N; }

stats=$(mktemp)
trap 'rm -f "$stats" "${stats%.json}.config.yaml"' EXIT
t0=$(now); "$build/tilesim" run -q --elf "$elf" --stats-json "$stats" >/dev/null; t1=$(now)
t2=$(now); qemu-riscv32 "$elf" >/dev/null; t3=$(now)
python3 - "$stats" "$t0" "$t1" "$t2" "$t3" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
t0, t1, t2, t3 = map(float, sys.argv[2:6])
n = s["instructions"]
sim = s["host_seconds"]                 # simulation alone (tilesim's own measurement)
tilesim_wall, qemu_wall = t1 - t0, t3 - t2
print(f"instructions            {n:,}")
print(f"tilesim (timing on)     {sim:7.3f} s simulation, {tilesim_wall:7.3f} s process  -> {n / sim / 1e6:7.1f} MIPS")
print(f"qemu-riscv32 (JIT)      {qemu_wall:7.3f} s process                    -> {n / qemu_wall / 1e6:7.1f} MIPS")
print(f"ratio qemu/tilesim      {(n / qemu_wall) / (n / sim):7.2f}x")
print(f"target                  >= 100 MIPS with timing on: {'met' if n / sim / 1e6 >= 100 else 'NOT met'}")
PY
