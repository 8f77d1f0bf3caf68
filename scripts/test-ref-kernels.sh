#!/usr/bin/env bash
# The reference-kernel pass (CI runs it before the main test run): the whole suite again on the
# main build with TILESIM_KERNELS=ref, so that every reference kernel and the portable twin of
# every SIMD path (MMA, elementwise, exp2, quant, scratchpad row copies, the golden GEMM) runs
# and is held to the same outputs, pinned cycles and shape sweep as the fast ones.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${TILESIM_BUILD_DIR:-$root/build}"
cd "$build"
TILESIM_KERNELS=ref ctest --output-on-failure -j "$(nproc)" "$@"
