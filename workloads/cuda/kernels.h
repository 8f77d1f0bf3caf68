#pragma once
// The CUDA reference kernels (workloads/cuda/kernels.cu), launched on device buffers on the
// default stream. Same contracts as the golden models (workloads/host/golden/golden.h): int32
// results wrap mod 2^32, so every kernel must match the golden model bit for bit.
#include <cstdint>

namespace tsgpu {

/// C (M x N int32) = A (M x K int8) x B^T, B N x K int8: CUDA cores, the first reference.
void gemm_i8_simt(const int8_t* a, const int8_t* b, int32_t* c, int m, int n, int k);
/// The same on the tensor cores: mma.sync.m16n8k32.row.col.s32.s8.s8.s32 (no .satfinite).
void gemm_i8_mma(const int8_t* a, const int8_t* b, int32_t* c, int m, int n, int k);
/// B ternary, packed four 2-bit codes per byte (rows of ceil(K/4) bytes): CUDA cores.
void gemm_t2_simt(const int8_t* a, const uint8_t* b, int32_t* c, int m, int n, int k);
/// B ternary unpacked to int8 in registers on the way to shared memory, then mma.sync.
void gemm_t2_mma(const int8_t* a, const uint8_t* b, int32_t* c, int m, int n, int k);
/// Y[r][v] = sum_k W[r][k] X[v][k]: W rows x cols int8 (or ternary packed), X vectors x cols.
void gemv_i8(const int8_t* w, const int8_t* x, int32_t* y, int rows, int cols, int vectors);
void gemv_t2(const uint8_t* w, const int8_t* x, int32_t* y, int rows, int cols, int vectors);

}  // namespace tsgpu
