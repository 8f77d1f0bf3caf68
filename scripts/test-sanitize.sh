#!/usr/bin/env bash
# The sanitizer pass (CI runs it before the main test run): an ASan+UBSan build (halt on the
# first error) in build-sanitize/ with the Makefile generator, then the unit and workload tests.
# The Verilated MAC models are built without instrumentation.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/setup.sh" --deps-only
build="${TILESIM_SANITIZE_BUILD_DIR:-$root/build-sanitize}"
export CCACHE_BASEDIR="$root"  # CI clones elsewhere: cache hits need relative paths
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$root" -B "$build" -G "Unix Makefiles" -DCMAKE_BUILD_TYPE=Release -DTILESIM_SANITIZE=address,undefined
fi
cmake --build "$build" -j "$(nproc)"
cd "$build"
export ASAN_OPTIONS=halt_on_error=1:detect_leaks=0 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
ctest --output-on-failure -j "$(nproc)" -R '^(unit:|workload:|cli: workload:|xtile:|cores:|spmd:)' "$@"
