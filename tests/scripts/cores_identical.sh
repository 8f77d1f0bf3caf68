#!/bin/sh
# Bit-identical outputs for every core count: runs one workload case on chips of 1, 2, 3, 8 and
# 132 cores (chip.cores), each must PASS its golden check, and every dumped tensor (.npy: the
# inputs and the output) must be byte-identical to the one-core run's.
#   cores_identical.sh TILESIM WORKDIR WORKLOAD-OPTIONS...
set -eu
tilesim=$1; work=$2; shift 2
rm -rf "$work"; mkdir -p "$work"
for n in 1 2 3 8 132; do
  out=$("$tilesim" run "$@" --set chip.cores=$n --dump "$work/c$n") || { echo "cores=$n: exit $?"; exit 1; }
  echo "$out" | grep -Eq '^  result +PASS$' || { echo "cores=$n: no PASS"; exit 1; }
  cyc=$(echo "$out" | awk '/^  cycles /{print $2}')
  if [ "$n" != 1 ]; then
    for f in "$work"/c1/*.npy; do
      cmp -s "$f" "$work/c$n/$(basename "$f")" || { echo "cores=$n: $(basename "$f") differs from the one-core run"; exit 1; }
    done
  fi
  echo "cores=$n: PASS, $(ls "$work/c$n" | wc -l) tensors identical to cores=1, $cyc cycles"
done
