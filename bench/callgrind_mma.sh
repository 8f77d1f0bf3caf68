#!/usr/bin/env bash
# Host instructions per simulated tile MMA (deterministic, not a test): callgrind counts the
# instructions of `tilesim run` on bench/mma_loop.c (2^20 int8 MMAs, values and timing) for each
# binary given, divided by the MMA count; with two binaries it prints new/old.
#   bench/callgrind_mma.sh NEW_TILESIM [OLD_TILESIM]   (the guest: $BUILD/bench/mma_loop.elf)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
elf="${ELF:-$root/build/bench/mma_loop.elf}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
per=()
for bin in "$@"; do
  valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.out" "$bin" run -q --elf "$elf" >/dev/null 2>"$tmp/log"
  ir=$(grep -m1 '^summary:' "$tmp/cg.out" | awk '{print $2}')
  p=$(awk -v ir="$ir" 'BEGIN { printf "%.1f", ir / 1048576 }')
  per+=("$p")
  echo "$bin: $ir instructions, $p per MMA"
done
if [ "$#" -eq 2 ]; then
  awk -v a="${per[0]}" -v b="${per[1]}" 'BEGIN { printf "new/old instructions per MMA: %.4f\n", a / b }'
fi
