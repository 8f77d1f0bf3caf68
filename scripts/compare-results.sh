#!/usr/bin/env bash
# Regenerates results/compare/ from the committed results: the h200-scale simulations of the GPU
# run's cases (scripts/gpu-sims.sh), any measured GPU runs under results/gpu/ (scripts/gpu-run.sh)
# and the published H100 / H200 rows: the table (h200-scale.txt), its CSV and its plot.
#   scripts/compare-results.sh [BUILD_DIR]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$root/build}"
out="$root/results/compare"
mkdir -p "$out"
cd "$root/results"
sims=(sim/h200-scale/*.json)
gpus=()
for f in gpu/*.json; do [ -e "$f" ] && gpus+=("$f"); done
args=(--sim "${sims[@]}" --published --csv compare/h200-scale.csv)
[ ${#gpus[@]} -gt 0 ] && args+=(--gpu "${gpus[@]}")
"$build/tilesim" compare "${args[@]}" >compare/h200-scale.txt
/usr/bin/python3 "$root/scripts/plot_compare.py" compare/h200-scale.csv compare/h200-scale \
  --title "h200-scale (simulated, int8/ternary) beside published H100/H200 rows (TOPS)"
echo "wrote $out/h200-scale.txt, .csv, .png, .svg (${#sims[@]} simulations, ${#gpus[@]} measured GPU files)"
