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
/// The same with wgmma.mma_async m64n128k32 (sm_90a, wgmma.cu); _supported: this GPU and K allow it.
bool gemm_i8_wgmma_supported(int m, int n, int k);
void gemm_i8_wgmma(const int8_t* a, const int8_t* b, int32_t* c, int m, int n, int k);
/// B ternary, packed four 2-bit codes per byte (rows of ceil(K/4) bytes): CUDA cores.
void gemm_t2_simt(const int8_t* a, const uint8_t* b, int32_t* c, int m, int n, int k);
/// B ternary unpacked to int8 in registers on the way to shared memory, then mma.sync.
void gemm_t2_mma(const int8_t* a, const uint8_t* b, int32_t* c, int m, int n, int k);
/// out[e] = requant(c[e], scale, shift) (fixed_point.h): GEMM's int8 output, integer only.
void requant_i8(const int32_t* c, int8_t* out, uint64_t n, int32_t scale, uint32_t shift);
/// Y[r][v] = sum_k W[r][k] X[v][k]: W rows x cols int8 (or ternary packed), X vectors x cols.
void gemv_i8(const int8_t* w, const int8_t* x, int32_t* y, int rows, int cols, int vectors);
void gemv_t2(const uint8_t* w, const int8_t* x, int32_t* y, int rows, int cols, int vectors);

/// Fixed-point flash attention (attention_steps.h) on `slices` = batch x heads slices of seq x dim
/// int8 (dim 64 or 128 for the tensor-core kernel, <= 128 for the CUDA-core one); lut: the exp2
/// table (exp2_table()) in device memory.
struct AttentionArgs {
  const int8_t *q, *k, *v;
  int8_t* out;
  int slices, seq, dim;
  bool causal;
  int32_t c, out_mul;
  uint32_t shift;
  const int64_t* lut;
};
void attention_simt(const AttentionArgs& a);
void attention_mma(const AttentionArgs& a);

/// One BitNet b1.58 layer on device buffers (bitnet_steps.h): x int32 Q8 [tokens][in] ->
/// y int32 Q8 [tokens][out]; xq (tokens x in int8), amax (tokens), acc (tokens x out) scratch.
struct BitnetLayerArgs {
  const int32_t* x;
  const uint8_t* w;
  int32_t* y;
  int8_t* xq;
  int32_t *amax, *acc;
  int tokens, in, out;
  int32_t k;
  bool relu;
};
void bitnet_layer(const BitnetLayerArgs& l, bool tensor_cores);

}  // namespace tsgpu
