#!/usr/bin/env bash
# case-options.sh CASE: the `tilesim run` options of a case key (scripts/gpu-cases.txt), e.g.
#   attention:int8:4x32x4096x64:causal -> --workload attention --batch 4 --heads 32 --seq 4096 --head-dim 64 --causal
set -euo pipefail
IFS=: read -r wl dtype shape flag <<<"$1"
IFS=x read -r -a d <<<"$shape"
bad() { echo "case-options.sh: $1: $2" >&2; exit 64; }
case "$wl" in
  gemm) [ ${#d[@]} = 3 ] || bad "$1" "gemm shape is MxNxK"
        echo "--workload gemm --m ${d[0]} --n ${d[1]} --k ${d[2]} --dtype $dtype${flag:+ --$flag}" ;;
  gemv) [ ${#d[@]} = 2 ] || [ ${#d[@]} = 3 ] || bad "$1" "gemv shape is ROWSxCOLS[xVECTORS]"
        echo "--workload gemv --rows ${d[0]} --cols ${d[1]}${d[2]:+ --vectors ${d[2]}} --dtype $dtype" ;;
  attention) [ ${#d[@]} = 4 ] || bad "$1" "attention shape is BATCHxHEADSxSEQxDIM"
        echo "--workload attention --batch ${d[0]} --heads ${d[1]} --seq ${d[2]} --head-dim ${d[3]}${flag:+ --$flag}" ;;
  bitnet) if [ ${#d[@]} = 4 ]; then
          echo "--workload bitnet --tokens ${d[0]} --in-features ${d[1]} --hidden ${d[2]} --out-features ${d[3]} --layers 2"
        elif [ ${#d[@]} = 3 ]; then
          echo "--workload bitnet --tokens ${d[0]} --in-features ${d[1]} --out-features ${d[2]} --layers 1"
        else bad "$1" "bitnet shape is TOKENSxINxOUT or TOKENSxINxHIDDENxOUT"; fi ;;
  *) bad "$1" "unknown workload $wl" ;;
esac
