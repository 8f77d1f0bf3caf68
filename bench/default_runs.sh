#!/usr/bin/env bash
# The results tables of docs/workloads.md ("Results on the default chip" and the edge / large
# comparison), regenerated: one markdown row per run from its stats JSON (not a test).
#   bench/default_runs.sh [BUILD_DIR]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$root/build}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
row() { # label, config, workload args...
  local label=$1 cfg=$2
  shift 2
  "$build/tilesim" run --config "$root/configs/$cfg.yaml" -q --stats-json "$tmp/r.json" --workload "$@" >/dev/null
  /usr/bin/python3 - "$tmp/r.json" "$label" "$cfg" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
label, cfg = sys.argv[2], sys.argv[3]
if cfg == "default":
    print(f"| {label} | {j['result']} | {j['cycles']:,} | {j['mac_utilization_pct']:.1f}% | {j['achieved_tops']:.3f} | "
          f"{j['roofline_pct']:.1f}% | {j['dram_gb_s']:.1f} |")
else:
    print(f"| {label} on {cfg} | {j['cycles']:,} cycles | {j['mac_utilization_pct']:.1f}% MAC | {j['roofline_pct']:.1f}% of roofline |")
PY
}
echo "| workload | result | cycles | MAC util. | TOPS | of roofline | DRAM GB/s |"
echo "|---|---|---|---|---|---|---|"
row "gemm int8 1024^3 -> int32" default gemm --m 1024 --n 1024 --k 1024
row "gemm ternary 1024^3 -> int32" default gemm --m 1024 --n 1024 --k 1024 --dtype ternary
row "gemm int4 1024^3 -> int32" default gemm --m 1024 --n 1024 --k 1024 --dtype int4
row "attention seq 2048, dim 64" default attention --seq 2048
row "attention seq 2048, dim 64, causal" default attention --seq 2048 --causal
row "gemv int8 4000 x 12000" default gemv --rows 4000 --cols 12000
row "gemv ternary 4000 x 12000" default gemv --rows 4000 --cols 12000 --dtype ternary
row "gemv int8 4000 x 12000, 16 vectors" default gemv --rows 4000 --cols 12000 --vectors 16
row "gemv ternary 4000 x 12000, 16 vectors" default gemv --rows 4000 --cols 12000 --dtype ternary --vectors 16
row "bitnet MLP 64 tokens 1024->2048->1024" default bitnet --tokens 64 --in-features 1024 --hidden 2048 --out-features 1024
echo
for cfg in edge large; do
  row "gemm int8 1024^3" $cfg gemm --m 1024 --n 1024 --k 1024
  row "attention seq 2048, dim 64" $cfg attention --seq 2048
  row "gemv int8 4000 x 12000" $cfg gemv --rows 4000 --cols 12000
  row "bitnet MLP default" $cfg bitnet
done
