#!/usr/bin/env bash
# Host time of the five runs of issue 10's section 4: input generation, simulation and golden
# check of gemm 1024^3 int8 and ternary, attention 8 heads x 2048, default gemv and bitnet, best
# of ROUNDS (default 3) each, with the ratios to the simulation's host time (target <= 2).
#   bench/host_times.sh [build dir]
set -euo pipefail
build="${1:-$(cd "$(dirname "$0")/.." && pwd)/build}"
rounds="${ROUNDS:-3}"
runs=("gemm --m 1024 --n 1024 --k 1024" "gemm --m 1024 --n 1024 --k 1024 --dtype ternary"
      "attention --heads 8 --seq 2048" "gemv" "bitnet")
printf "%-48s %9s %9s %9s %9s %7s %7s\n" run inputs_s sim_s check_s total_s in/sim chk/sim
for r in "${runs[@]}"; do
  best=""
  for _ in $(seq "$rounds"); do
    j=$(mktemp)
    # shellcheck disable=SC2086
    "$build/tilesim" run --workload $r --stats-json "$j" -q
    line=$(/usr/bin/python3 -c "import json,sys; d=json.load(open('$j')); print(d['host_seconds_inputs'], d['host_seconds_sim'], d['host_seconds_check'], d['host_seconds_total'])")
    rm -f "$j" "${j%.json}.config.yaml" "$j.config.yaml"
    best=$(printf "%s\n%s\n" "$best" "$line" | awk 'NF==4' | sort -g -k4 | head -1)
  done
  read -r ti ts tc tt <<<"$best"
  awk -v r="$r" -v ti="$ti" -v ts="$ts" -v tc="$tc" -v tt="$tt" \
    'BEGIN { printf "%-48s %9.3f %9.3f %9.3f %9.3f %7.2f %7.2f\n", r, ti, ts, tc, tt, ti / ts, tc / ts }'
done
