#!/usr/bin/env bash
# Energy and area of the issue-13 workload set on the default chip and on h100-scale (not a
# test): one table row per run with pJ/MAC, TOPS/W, average power, the overhead over the MAC
# arithmetic and the tile MMAs' overhead, the chip's mm^2, achieved TOPS/mm^2 and TOPS/W/mm^2,
# from each run's stats JSON. docs/energy.md and docs/area.md quote it.
#   bench/energy_runs.sh [BUILD_DIR] [quick]      (quick: skips the 4096^3 runs)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$root/build}"
quick="${2:-}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
runs=(
  "default|gemm --m 1024 --n 1024 --k 1024"
  "default|gemm --m 1024 --n 1024 --k 1024 --dtype ternary"
  "default|gemm --m 1024 --n 1024 --k 1024 --dtype int4"
  "default|attention --seq 2048"
  "default|gemv --rows 4096 --cols 4096"
  "default|gemv --rows 4096 --cols 4096 --dtype ternary"
  "default|bitnet --tokens 64 --in-features 1024 --out-features 1024 --layers 1"
  "h100-scale|gemm --m 1024 --n 1024 --k 1024"
  "h100-scale|gemm --m 1024 --n 1024 --k 1024 --dtype ternary"
  "h100-scale|gemm --m 1024 --n 1024 --k 1024 --dtype int4"
  "h100-scale|attention --batch 4 --heads 16 --seq 2048"
  "h100-scale|gemv --rows 8192 --cols 8192"
  "h100-scale|gemv --rows 8192 --cols 8192 --dtype ternary"
  "h100-scale|bitnet --tokens 256 --in-features 4096 --out-features 4096 --layers 1"
)
if [ "$quick" != quick ]; then
  runs+=("default|gemm --m 4096 --n 4096 --k 4096" "default|gemm --m 4096 --n 4096 --k 4096 --dtype ternary"
         "default|gemm --m 4096 --n 4096 --k 4096 --dtype int4" "h100-scale|gemm --m 4096 --n 4096 --k 4096"
         "h100-scale|gemm --m 4096 --n 4096 --k 4096 --dtype ternary" "h100-scale|gemm --m 4096 --n 4096 --k 4096 --dtype int4")
fi
i=0
for r in "${runs[@]}"; do
  chip="${r%%|*}"; args="${r#*|}"; i=$((i + 1))
  "$build/tilesim" run --config "$root/configs/$chip.yaml" --workload $args --no-check -q --stats-json "$tmp/$i.json"
  echo "$chip|$args" > "$tmp/$i.txt"
done
/usr/bin/python3 - "$tmp" "$i" <<'PY'
import json, sys
tmp, n = sys.argv[1], int(sys.argv[2])
print("| chip | run | util % | pJ/MAC | TOPS/W | W | overhead / arith | tile MMA overhead / arith | mm2 | TOPS/mm2 | TOPS/W/mm2 | biggest shares |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|")
for i in range(1, n + 1):
    j = json.load(open(f"{tmp}/{i}.json"))
    chip, args = open(f"{tmp}/{i}.txt").read().strip().split("|")
    units = j["energy"]["units"]
    tot = j["energy"]["total_pj"]
    top = sorted(units.items(), key=lambda kv: -kv[1])[:3]
    shares = ", ".join(f"{k} {100 * v / tot:.0f}%" for k, v in top)
    print(f"| {chip} | {args} | {j['mac_utilization_pct']:.1f} | {j['pj_per_mac']:.3f} | {j['tops_per_w']:.2f} | {j['power_w']:.1f} | "
          f"{j['overhead_x_arith']:.1f}x | {j['tile_overhead_x_arith']:.2f}x | {j['area']['total_mm2']:.2f} | {j['tops_per_mm2']:.3f} | "
          f"{j['tops_per_w_per_mm2']:.4f} | {shares} |")
PY
