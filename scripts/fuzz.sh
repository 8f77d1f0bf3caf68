#!/usr/bin/env bash
# libFuzzer targets (tests/fuzz/): the decoder, the config loader, the ELF loader, built with
# clang (ASan + UBSan + libFuzzer) in build-fuzz/, each run for a fixed number of executions
# (FUZZ_RUNS, default 20000) from a seed corpus of the project's own configs and ELFs.
#   scripts/fuzz.sh [extra libFuzzer flags, e.g. -max_total_time=600]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${TILESIM_FUZZ_BUILD_DIR:-$root/build-fuzz}"
runs="${FUZZ_RUNS:-20000}"
export CCACHE_BASEDIR="$root"
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$root/tests/fuzz" -B "$build" -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Release
fi
cmake --build "$build" -j "$(nproc)"
corpus="$build/corpus"
mkdir -p "$corpus/decoder" "$corpus/config" "$corpus/sweep" "$corpus/elf"
cp "$root"/configs/*.yaml "$root"/tests/programs/bad/*.yaml "$corpus/config/"
cp "$root"/bench/sweeps/*.yaml "$root"/tests/fixtures/sweep/*.yaml "$corpus/sweep/"
for e in "$root"/build/workloads/*.elf "$root"/build/tests/bad/*.elf; do
  [ -f "$e" ] && cp "$e" "$corpus/elf/" && head -c 4096 "$e" > "$corpus/decoder/$(basename "$e").head"
done
status=0
for t in decoder config sweep elf; do
  log="$build/fuzz_$t.log"
  if (cd "$build" && ASAN_OPTIONS=detect_leaks=0 ./fuzz_$t -runs="$runs" -max_len=65536 -rss_limit_mb=2048 -timeout=10 \
        "$@" "$corpus/$t") > "$log" 2>&1; then
    echo "fuzz: $t: $(grep -E '^Done' "$log" | tail -1)"
  else
    echo "fuzz: $t FAILED (the crashing input is in $build; log $log):"
    grep -E '==[0-9]+==ERROR|SUMMARY|runtime error|Test unit written' "$log" | head -5
    status=1
  fi
done
exit $status
