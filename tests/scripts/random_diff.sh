#!/usr/bin/env bash
# Random instruction sequences, tilesim vs qemu-riscv32: final registers and memory must agree.
#   random_diff.sh TILESIM RANDPROG LINK_SCRIPT FIRST_SEED COUNT N_INSNS
set -u
tilesim=$1 randprog=$2 ld=$3 first=$4 count=$5 n=$6
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
for ((seed = first; seed < first + count; seed++)); do
  "$randprog" "$seed" "$n" >"$tmp/p.S" 2>>"$tmp/counts" || { echo "generator failed"; exit 1; }
  if ! riscv64-unknown-elf-gcc -march=rv32im -mabi=ilp32 -nostdlib -nostartfiles -static -T "$ld" \
       -o "$tmp/p.elf" "$tmp/p.S" 2>"$tmp/as.err"; then
    echo "seed $seed: GNU as rejected the generated program:"; head -5 "$tmp/as.err"; fails=$((fails + 1)); continue
  fi
  if ! out=$("$here/diff_qemu.sh" "$tilesim" "$tmp/p.elf"); then
    echo "seed $seed: MISMATCH"; echo "$out"; cp "$tmp/p.S" "random_fail_$seed.S"; fails=$((fails + 1))
  fi
done
echo "instructions exercised over $count programs of $n:"
awk '{c[$2] += $3} END {for (k in c) printf "  %-8s %d\n", k, c[k]}' "$tmp/counts" | sort
echo "$count programs, $fails mismatches"
exit $((fails > 0))
