#!/usr/bin/env bash
# The many-core measurements of issue 12 (not a test): GEMM, GEMV, BitNet and attention on h100-scale,
# GEMM on h200-scale, the one-core issue ceiling with and without the block MMA, and GEMM
# scaling on the multicore preset. Prints one line per run: simulated cycles, % of peak,
# achieved TOPS, DRAM (HBM) and L2 use, load imbalance, host seconds. Results do not depend on
# THREADS (sim.host_threads), only the host time does.
#   bench/many_core_runs.sh [BUILD_DIR] [THREADS] [quick]     (quick: skips the long ones)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$root/build}"
threads="${2:-2}"
quick="${3:-}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
run() {
  local name=$1 cfg=$2
  shift 2
  "$build/tilesim" run --config "$root/configs/$cfg.yaml" -q --no-check --set sim.host_threads="$threads" \
    --stats-json "$tmp/$name.json" "$@" >/dev/null
  python3 - "$tmp/$name.json" "$name" "$cfg" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
cyc = max(1, j["cycles"])
print(f"{sys.argv[2]:<22} {sys.argv[3]:<11} {j['cycles']:>11,} cycles  {j['mac_utilization_pct']:5.1f}% of peak"
      f"  {j['achieved_tops']:7.1f} TOPS  DRAM {j['dram_busy_pct']:5.1f}% ({j['dram_gb_s']:6.0f} GB/s)"
      f"  L2 hit {j['l2_hit_pct']:5.1f}% busy {100 * j['l2_busy'] / cyc:5.1f}%  imbalance {j['load_imbalance_pct']:4.1f}%"
      f"  host {j['host_seconds_sim']:6.2f} s")
PY
}
run gemm-4096 h100-scale --workload gemm --m 4096 --n 4096 --k 4096
run gemm-4096-ternary h100-scale --workload gemm --m 4096 --n 4096 --k 4096 --dtype ternary
run gemm-4096 h200-scale --workload gemm --m 4096 --n 4096 --k 4096
for dt in int8 ternary; do
  for v in 1 16; do run "gemv-8192-$dt-v$v" h100-scale --workload gemv --rows 8192 --cols 8192 --dtype "$dt" --vectors "$v"; done
done
run gemv-8192-int8-v1 h200-scale --workload gemv --rows 8192 --cols 8192
run bitnet-mlp-256 h100-scale --workload bitnet --tokens 256 --in-features 4096 --hidden 4096 --out-features 4096
run bitnet-2b-1tok h200-scale --workload bitnet --tokens 1 --in-features 2560 --hidden 6912 --out-features 2560
run bitnet-2b-1024 h200-scale --workload bitnet --tokens 1024 --in-features 2560 --out-features 6912 --layers 1
run ceiling-tiles h100-scale --set chip.cores=1 --workload gemm --m 512 --n 512 --k 4096 --schedule tiles
run ceiling-block h100-scale --set chip.cores=1 --workload gemm --m 512 --n 512 --k 4096 --schedule block
for n in 1 2 4 8 16; do run "scale-gemm1024-x$n" multicore --workload gemm --m 1024 --n 1024 --k 1024 --set chip.cores="$n"; done
if [ "$quick" != quick ]; then
  run gemm-8192 h100-scale --workload gemm --m 8192 --n 8192 --k 8192
  for d in 64 128; do
    run "attention-d$d" h100-scale --workload attention --batch 4 --heads 16 --seq 4096 --head-dim "$d"
    run "attention-d$d-causal" h100-scale --workload attention --batch 4 --heads 16 --seq 4096 --head-dim "$d" --causal
  done
fi
