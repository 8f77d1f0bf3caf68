#!/usr/bin/env bash
# The README's example plots (docs/plots.md), from committed results only, into results/plots/:
# roofline, stalls, energy and area of the h200-scale runs of the GPU case set, the formats sweep's
# curves, the memory sweep's Pareto front (and the formats sweep's, GEMM only).
#   scripts/make-plots.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
p() { /usr/bin/python3 "$root/scripts/plot.py" "$@"; }
out="$root/results/plots"
mkdir -p "$out"
cd "$root/results"
sims=(sim/h200-scale/gemm_int8_*.json sim/h200-scale/gemm_ternary_*.json sim/h200-scale/gemv_*.json sim/h200-scale/attention_*.json
      sim/h200-scale/bitnet_*.json)
p roofline "${sims[@]}" -o "$out/roofline"
p stalls "${sims[@]}" -o "$out/stalls"
p energy "${sims[@]}" -o "$out/energy"
p area sweeps/formats/results.csv --where workload=gemm args.dtype=int8 -o "$out/area"
p sweep sweeps/formats/results.csv --x tile.mac.rows --y tops_per_w --series workload args.dtype --logx \
  --title "energy efficiency (TOPS/W) of each format against the MAC array's side (default chip)" -o "$out/formats-tops-per-w"
p sweep sweeps/formats/results.csv --x tile.mac.rows --y tops_per_mm2 --series workload args.dtype --logx \
  --title "area efficiency (TOPS/mm^2) of each format against the MAC array's side" -o "$out/formats-tops-per-mm2"
p pareto sweeps/formats/results.csv --where workload=gemm --x simulated_us --y energy_pj --size area_mm2 --label args.dtype tile.mac.rows \
  --title "GEMM 512^3, formats x array side: time, energy, area" -o "$out/formats-pareto"
if [ -s sweeps/memory/results.csv ]; then
  p pareto sweeps/memory/results.csv --where workload=gemm --x simulated_us --y energy_pj --size area_mm2 \
    --label dram.bandwidth_mb_s scratchpad.size_kib l2.size_kib --title "h100-scale GEMM 4096^3: DRAM x scratchpad x L2" -o "$out/memory-pareto-gemm"
  p sweep sweeps/memory/results.csv --where workload=gemv --x dram.bandwidth_mb_s --y simulated_us --series scratchpad.size_kib l2.size_kib \
    --logx --title "h100-scale GEMV 16384^2: time against DRAM bandwidth" -o "$out/memory-gemv"
fi
