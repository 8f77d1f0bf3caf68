#pragma once
// Where the wgmma GEMM (wgmma.cu) puts A and B in shared memory, and the matrix descriptor that
// names it: the no-swizzle ("interleave") K-major canonical layout of the PTX ISA's "Matrix
// Descriptor Format" (CUTLASS: ((8,m),(T,2)):((1T,SBO),(1,LBO)) in 16-byte units). A k32 slice of
// R rows (R = 64 for A, 128 for B) is (R / 8) x 2 core matrices of 8 rows x 16 bytes, each 128
// contiguous bytes; the two core matrices along K are LBO = 128 bytes apart, row groups SBO = 256.
// tests/unit/test_cuda_host.cpp checks the offsets against that layout function, with LBO and SBO
// read back from the descriptor's bit fields.
#include <cstdint>

#include "workloads/cuda/hd.h"

namespace tsgpu {

constexpr uint32_t kWgmmaLbo = 128, kWgmmaSbo = 256;

/// Bytes of one k32 slice of `rows` rows.
TS_HD constexpr int wgmma_slice_bytes(int rows) { return rows / 8 * kWgmmaSbo; }

/// Byte offset of element (row, k) (k in 0..31) in its slice.
TS_HD constexpr uint32_t wgmma_offset(int row, int k) {
  return uint32_t(row / 8) * kWgmmaSbo + uint32_t(k / 16) * kWgmmaLbo + uint32_t(row % 8) * 16 + uint32_t(k % 16);
}

/// The 64-bit descriptor of a slice at shared-memory address `addr`: start address, LBO, SBO in
/// 16-byte units (bits 0-13, 16-29, 32-45), base offset 0, layout type 0 (no swizzle, bits 62-63).
TS_HD constexpr uint64_t wgmma_desc(uint32_t addr) {
  return uint64_t((addr >> 4) & 0x3FFF) | uint64_t((kWgmmaLbo >> 4) & 0x3FFF) << 16 | uint64_t((kWgmmaSbo >> 4) & 0x3FFF) << 32;
}

}  // namespace tsgpu
