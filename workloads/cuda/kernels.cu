// The CUDA reference kernels (kernels.h). Integer only; accumulators wrap mod 2^32 (unsigned
// arithmetic on the CUDA cores, mma.sync without .satfinite on the tensor cores), so results
// are bit-identical to the golden models whatever the tiling.
#include <cuda_runtime.h>

#include "workloads/cuda/fixed_point.h"
#include "workloads/cuda/fragments.h"
#include "workloads/cuda/kernels.h"
#include "workloads/cuda/mma_ops.h"

namespace tsgpu {
namespace {

// ---- CUDA-core GEMM: 16x16 outputs per block, K in chunks of 32 through shared memory --------
template <bool Ternary>
__global__ void gemm_simt_kernel(const int8_t* __restrict__ a, const uint8_t* __restrict__ b, int32_t* __restrict__ c, int m, int n,
                                 int k) {
  __shared__ int8_t as[16][33], bs[16][33];
  const int tx = threadIdx.x, ty = threadIdx.y;
  const int row = blockIdx.y * 16 + ty, col = blockIdx.x * 16 + tx;
  const uint64_t brow = Ternary ? (uint64_t(k) + 3) / 4 : uint64_t(k);
  uint32_t acc = 0;
  for (int k0 = 0; k0 < k; k0 += 32) {
    for (int j = tx; j < 32; j += 16) {
      const int kk = k0 + j;
      const int ar = blockIdx.y * 16 + ty, br = blockIdx.x * 16 + ty;
      as[ty][j] = (ar < m && kk < k) ? a[uint64_t(ar) * k + kk] : 0;
      int8_t bv = 0;
      if (br < n && kk < k) bv = Ternary ? int8_t(ternary_value(b[uint64_t(br) * brow + kk / 4], kk % 4)) : int8_t(b[uint64_t(br) * k + kk]);
      bs[ty][j] = bv;
    }
    __syncthreads();
    for (int j = 0; j < 32; ++j) acc += uint32_t(int32_t(as[ty][j]) * int32_t(bs[tx][j]));
    __syncthreads();
  }
  if (row < m && col < n) c[uint64_t(row) * n + col] = int32_t(acc);
}

// ---- Tensor-core GEMM: mma.sync m16n8k32 s8 -------------------------------------------------
// A block computes 64 x 64 outputs with 4 warps (2 x 2, 32 x 32 each: 2 x 4 MMAs); K in steps
// of 32 through shared memory rows of 36 bytes (conflict-free fragment loads). Out-of-range
// rows and k load as zeros, which add nothing: any M, N, K works.
constexpr int BM = 64, BN = 64, BK = 32, LDS = 36;

/// Four int8 of row r (pitch `pitch` bytes), columns kk..kk+3, zero past `rows` / `cols`.
__device__ __forceinline__ uint32_t load4_i8(const int8_t* p, uint64_t pitch, int r, int kk, int rows, int cols) {
  if (r >= rows) return 0;
  const int8_t* q = p + uint64_t(r) * pitch + kk;
  if (kk + 3 < cols && (pitch % 4) == 0) return *reinterpret_cast<const uint32_t*>(q);
  uint32_t w = 0;
  for (int j = 0; j < 4; ++j)
    if (kk + j < cols) w |= uint32_t(uint8_t(q[j])) << (8 * j);
  return w;
}

template <bool Ternary>
__global__ void __launch_bounds__(128) gemm_mma_kernel(const int8_t* __restrict__ a, const uint8_t* __restrict__ b, int32_t* __restrict__ c,
                                                       int m, int n, int k) {
  __shared__ __align__(16) uint8_t as[BM * LDS], bs[BN * LDS];
  const int tid = threadIdx.x, warp = tid / 32, lane = tid % 32;
  const int wm = warp / 2, wn = warp % 2;
  const int m0 = blockIdx.y * BM, n0 = blockIdx.x * BN;
  const uint64_t brow = Ternary ? (uint64_t(k) + 3) / 4 : uint64_t(k);
  uint32_t acc[2][4][4] = {};
  for (int k0 = 0; k0 < k; k0 += BK) {
    for (int j = 0; j < 4; ++j) {  // 64 rows x 8 words each of A and of B
      const int idx = tid + 128 * j, r = idx / 8, w = idx % 8, kk = k0 + 4 * w;
      *reinterpret_cast<uint32_t*>(&as[r * LDS + 4 * w]) = load4_i8(a, uint64_t(k), m0 + r, kk, m, k);
      uint32_t bw = 0;
      if (Ternary) {
        // kk is a multiple of 4: its four codes are one byte; codes past k are zero in the packing
        if (n0 + r < n && kk < k) bw = ternary_unpack4(b[uint64_t(n0 + r) * brow + kk / 4]);
      } else {
        bw = load4_i8(reinterpret_cast<const int8_t*>(b), uint64_t(k), n0 + r, kk, n, k);
      }
      *reinterpret_cast<uint32_t*>(&bs[r * LDS + 4 * w]) = bw;
    }
    __syncthreads();
    uint32_t af[2][4], bf[4][2];
    for (int mi = 0; mi < 2; ++mi)
      for (int r = 0; r < 4; ++r) {  // register r holds elements 4r..4r+3: one row, four k
        const Coord e = mma_a(lane, 4 * r);
        af[mi][r] = *reinterpret_cast<const uint32_t*>(&as[(wm * 32 + mi * 16 + e.row) * LDS + e.col]);
      }
    for (int ni = 0; ni < 4; ++ni)
      for (int r = 0; r < 2; ++r) {
        const Coord e = mma_b(lane, 4 * r);  // (k, n)
        bf[ni][r] = *reinterpret_cast<const uint32_t*>(&bs[(wn * 32 + ni * 8 + e.col) * LDS + e.row]);
      }
    for (int mi = 0; mi < 2; ++mi)
      for (int ni = 0; ni < 4; ++ni) mma_m16n8k32(acc[mi][ni], af[mi], bf[ni]);
    __syncthreads();
  }
  for (int mi = 0; mi < 2; ++mi)
    for (int ni = 0; ni < 4; ++ni)
      for (int i = 0; i < 4; ++i) {
        const Coord e = mma_c(lane, i);
        const int row = m0 + wm * 32 + mi * 16 + e.row, col = n0 + wn * 32 + ni * 8 + e.col;
        if (row < m && col < n) c[uint64_t(row) * n + col] = int32_t(acc[mi][ni][i]);
      }
}

// ---- GEMV: one warp per row of W, lanes across k, a wrapping warp reduction ------------------
constexpr int kMaxVectors = 16;

template <bool Ternary>
__global__ void gemv_kernel(const uint8_t* __restrict__ w, const int8_t* __restrict__ x, int32_t* __restrict__ y, int rows, int cols,
                            int vectors) {
  const int row = blockIdx.x * (blockDim.x / 32) + threadIdx.x / 32, lane = threadIdx.x % 32;
  if (row >= rows) return;
  uint32_t acc[kMaxVectors] = {};
  if (Ternary) {
    const uint64_t pitch = (uint64_t(cols) + 3) / 4;
    const uint8_t* wr = w + uint64_t(row) * pitch;
    for (uint64_t j = lane; j < pitch; j += 32) {
      const uint8_t byte = wr[j];
      for (int q = 0; q < 4; ++q) {
        const uint64_t kk = 4 * j + q;
        const int wv = ternary_value(byte, q);
        if (kk >= uint64_t(cols) || wv == 0) continue;
        for (int v = 0; v < vectors; ++v) acc[v] += uint32_t(wv * int32_t(x[uint64_t(v) * cols + kk]));
      }
    }
  } else {
    const int8_t* wr = reinterpret_cast<const int8_t*>(w) + uint64_t(row) * cols;
    for (uint64_t kk = lane; kk < uint64_t(cols); kk += 32) {
      const int32_t wv = wr[kk];
      for (int v = 0; v < vectors; ++v) acc[v] += uint32_t(wv * int32_t(x[uint64_t(v) * cols + kk]));
    }
  }
  for (int v = 0; v < vectors; ++v) {
    uint32_t s = acc[v];
    for (int off = 16; off > 0; off /= 2) s += __shfl_xor_sync(0xffffffffu, s, off);
    if (lane == 0) y[uint64_t(row) * vectors + v] = int32_t(s);
  }
}

__global__ void requant_kernel(const int32_t* c, int8_t* out, uint64_t n, int32_t scale, uint32_t shift) {
  const uint64_t e = uint64_t(blockIdx.x) * blockDim.x + threadIdx.x;
  if (e < n) out[e] = requant(c[e], scale, shift);
}

dim3 tiles(int m, int n, int bm, int bn) { return dim3((n + bn - 1) / bn, (m + bm - 1) / bm); }

}  // namespace

void gemm_i8_simt(const int8_t* a, const int8_t* b, int32_t* c, int m, int n, int k) {
  gemm_simt_kernel<false><<<tiles(m, n, 16, 16), dim3(16, 16)>>>(a, reinterpret_cast<const uint8_t*>(b), c, m, n, k);
}
void gemm_i8_mma(const int8_t* a, const int8_t* b, int32_t* c, int m, int n, int k) {
  gemm_mma_kernel<false><<<tiles(m, n, BM, BN), 128>>>(a, reinterpret_cast<const uint8_t*>(b), c, m, n, k);
}
void gemm_t2_simt(const int8_t* a, const uint8_t* b, int32_t* c, int m, int n, int k) {
  gemm_simt_kernel<true><<<tiles(m, n, 16, 16), dim3(16, 16)>>>(a, b, c, m, n, k);
}
void gemm_t2_mma(const int8_t* a, const uint8_t* b, int32_t* c, int m, int n, int k) {
  gemm_mma_kernel<true><<<tiles(m, n, BM, BN), 128>>>(a, b, c, m, n, k);
}
void requant_i8(const int32_t* c, int8_t* out, uint64_t n, int32_t scale, uint32_t shift) {
  requant_kernel<<<unsigned((n + 255) / 256), 256>>>(c, out, n, scale, shift);
}
void gemv_i8(const int8_t* w, const int8_t* x, int32_t* y, int rows, int cols, int vectors) {
  gemv_kernel<false><<<(rows + 7) / 8, 256>>>(reinterpret_cast<const uint8_t*>(w), x, y, rows, cols, vectors);
}
void gemv_t2(const uint8_t* w, const int8_t* x, int32_t* y, int rows, int cols, int vectors) {
  gemv_kernel<true><<<(rows + 7) / 8, 256>>>(w, x, y, rows, cols, vectors);
}

}  // namespace tsgpu
