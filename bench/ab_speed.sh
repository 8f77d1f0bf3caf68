#!/usr/bin/env bash
# Old against new binary in the same run (not a test): the int8 GEMM 1024^3 of bench/gemm_speed.sh
# (simulation host seconds, no golden check) and the 2^20-MMA guest loop of bench/mma_loop.c,
# alternating the two binaries REPEATS times; prints the best of each and new/old ratios (best
# and median of the per-round ratios: the machine's noise only ever adds time).
#   bench/ab_speed.sh OLD_TILESIM NEW_TILESIM [REPEATS] [MMA_LOOP_ELF]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
old="$1" new="$2" reps="${3:-9}" elf="${4:-$root/build/bench/mma_loop.elf}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for i in $(seq "$reps"); do
  for who in old new; do
    bin=$old; [ "$who" = new ] && bin=$new
    "$bin" run -q --workload gemm --m 1024 --n 1024 --k 1024 --no-check --stats-json "$tmp/g_${who}_$i.json" >/dev/null
    "$bin" run -q --elf "$elf" --stats-json "$tmp/l_${who}_$i.json" >/dev/null
  done
done
python3 - "$tmp" "$reps" <<'PY'
import json, statistics, sys
tmp, reps = sys.argv[1], int(sys.argv[2])
def series(kind, who, key):
    return [json.load(open(f"{tmp}/{kind}_{who}_{i}.json"))[key] for i in range(1, reps + 1)]
for kind, key, what in (("g", "host_seconds_sim", "gemm int8 1024^3 simulation"), ("l", "host_seconds", "2^20 MMAs guest loop")):
    o, n = series(kind, "old", key), series(kind, "new", key)
    r = [b / a for a, b in zip(o, n)]
    print(f"{what:30s} old {min(o):.4f} s  new {min(n):.4f} s  new/old {min(n) / min(o):.3f} best/best, {statistics.median(r):.3f} median of {reps} rounds")
PY
