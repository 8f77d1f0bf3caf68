#pragma once
// Which thread holds which element of a tensor-core fragment (PTX ISA, "Matrix Fragments for
// mma.m16n8k32" with .s8 / .u8, and the wgmma m64nNk32 accumulator, CUTLASS's CLayout_64xN).
// The kernels use these to load and store fragments; tests/unit/test_cuda_host.cpp checks them
// on the host against the layouts as the PTX ISA states them, register by register.
#include "workloads/cuda/hd.h"

namespace tsgpu {

struct Coord {
  int row, col;
};

/// mma.sync m16n8k32, A (16 x 32, row major): element i (0..15) of lane (four .b32 registers of
/// four int8 each, low byte first) -> (row m, column k).
TS_HD Coord mma_a(int lane, int i) {
  const int g = lane >> 2, t = lane & 3;
  const int row = ((i < 4) || (i >= 8 && i < 12)) ? g : g + 8;
  const int col = t * 4 + (i & 3) + (i >= 8 ? 16 : 0);
  return {row, col};
}
/// mma.sync m16n8k32, B (32 x 8, column major): element i (0..7, two .b32 registers) -> (k, n).
TS_HD Coord mma_b(int lane, int i) {
  const int g = lane >> 2, t = lane & 3;
  return {t * 4 + (i & 3) + (i >= 4 ? 16 : 0), g};
}
/// mma.sync m16n8k32, C / D (16 x 8 s32): element i (0..3) -> (row m, column n).
TS_HD Coord mma_c(int lane, int i) {
  const int g = lane >> 2, t = lane & 3;
  return {g + (i >= 2 ? 8 : 0), t * 2 + (i & 1)};
}
/// wgmma m64nNk32 s32 accumulator: value v (0 .. N/2 - 1) of thread t (0..127) of the
/// warpgroup -> (row m, column n).
TS_HD Coord wgmma_acc(int t, int v) {
  const int t0 = t % 4, t1 = (t / 4) % 8, t2 = t / 32, v0 = v % 2, v1 = (v / 2) % 2, v2 = v / 4;
  return {t1 + 8 * v1 + 16 * t2, 2 * t0 + v0 + 8 * v2};
}

}  // namespace tsgpu
