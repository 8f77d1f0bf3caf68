// The CUDA reference's fixed-point flash attention (kernels.h): every arithmetic step is a
// function of attention_steps.h, the same ones the host test holds to the golden model, so the
// int8 output is bit-identical to tilesim's. Q, K, V, O: (batch x heads) slices of seq x dim int8.
#include <cuda_runtime.h>

#include "workloads/cuda/attention_steps.h"
#include "workloads/cuda/fragments.h"
#include "workloads/cuda/kernels.h"
#include "workloads/cuda/mma_ops.h"

namespace tsgpu {
namespace {

// ---- CUDA cores: one thread per query row (attention_row), the first reference --------------
__global__ void __launch_bounds__(128) attention_simt_kernel(const int8_t* q, const int8_t* k, const int8_t* v, int8_t* out, int seq, int dim,
                                                             bool causal, int32_t c, int32_t out_mul, uint32_t shift, const int64_t* lut_g) {
  __shared__ int64_t lut[kExp2Entries];
  for (int i = threadIdx.x; i < kExp2Entries; i += blockDim.x) lut[i] = lut_g[i];
  __syncthreads();
  const int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= seq) return;
  const uint64_t base = uint64_t(blockIdx.y) * seq * dim;
  int32_t o_acc[128];
  attention_row(q + base, k + base, v + base, seq, dim, causal, i, c, out_mul, shift, lut, o_acc, out + base + uint64_t(i) * dim);
}

// ---- Tensor cores: one warp per 16-query block, four per CTA ---------------------------------
// S = Q K^T of a 16 x 16 block with mma.sync m16n8k32 s8 (Q fragments held in registers for
// the whole row of key blocks), through shared memory to 16 lanes that each run their row's
// softmax_step, then u8 P V with mma.sync u8 x s8 (keys 16..31 of the k32 step zero) and the
// rescale of the O accumulators (registers, C layout) by each row's alpha.
template <int D>
__global__ void __launch_bounds__(128) attention_mma_kernel(const int8_t* q, const int8_t* k, const int8_t* v, int8_t* out, int seq, bool causal,
                                                            int32_t c, int32_t out_mul, uint32_t shift, const int64_t* lut_g) {
  constexpr int KS = D / 32, NT = D / 8, PITCH = 20;
  __shared__ int64_t lut[kExp2Entries];
  __shared__ int32_t sc[4][16][17];
  __shared__ __align__(16) uint8_t pb[4][16][PITCH];
  __shared__ int32_t al[4][16];
  __shared__ __align__(16) int8_t vt[4][D][PITCH];
  for (int i = threadIdx.x; i < kExp2Entries; i += blockDim.x) lut[i] = lut_g[i];
  __syncthreads();
  const int warp = threadIdx.x / 32, lane = threadIdx.x % 32, g = lane >> 2;
  const int q0 = (blockIdx.x * 4 + warp) * kAttnBlock;
  if (q0 >= seq) return;
  const uint64_t base = uint64_t(blockIdx.y) * seq * D;
  const int8_t *qs = q + base, *ks = k + base, *vs = v + base;
  uint32_t qf[KS][4];
  for (int s = 0; s < KS; ++s)
    for (int r = 0; r < 4; ++r) {
      const Coord e = mma_a(lane, 4 * r);
      const int row = q0 + e.row;
      qf[s][r] = row < seq ? *reinterpret_cast<const uint32_t*>(qs + uint64_t(row) * D + s * 32 + e.col) : 0u;
    }
  uint32_t o[NT][4] = {};
  SoftmaxRow st;  // lanes 0..15: the state of row `lane`
  const int kend = causal ? min(q0 + kAttnBlock, seq) : seq;
  for (int k0 = 0; k0 < kend; k0 += kAttnBlock) {
    uint32_t s[2][4] = {};
    for (int nt = 0; nt < 2; ++nt)
      for (int ss = 0; ss < KS; ++ss) {
        uint32_t b[2];
        for (int r = 0; r < 2; ++r) {
          const Coord e = mma_b(lane, 4 * r);  // (k = d, n = key)
          const int key = k0 + nt * 8 + e.col;
          b[r] = key < seq ? *reinterpret_cast<const uint32_t*>(ks + uint64_t(key) * D + ss * 32 + e.row) : 0u;
        }
        mma_m16n8k32(s[nt], qf[ss], b);
      }
    for (int nt = 0; nt < 2; ++nt)
      for (int i = 0; i < 4; ++i) {
        const Coord e = mma_c(lane, i);
        sc[warp][e.row][nt * 8 + e.col] = int32_t(s[nt][i]);
      }
    for (int idx = lane; idx < kAttnBlock * D; idx += 32) {
      const int j = idx / D, d = idx % D;
      vt[warp][d][j] = k0 + j < seq ? vs[uint64_t(k0 + j) * D + d] : int8_t(0);
    }
    __syncwarp();
    if (lane < kAttnBlock) {
      int32_t sv[kAttnBlock];
      for (int j = 0; j < kAttnBlock; ++j) sv[j] = attn_score(sc[warp][lane][j], c, causal && k0 == q0 && j > lane, k0 + j >= seq);
      uint8_t pu[kAttnBlock];
      al[warp][lane] = softmax_step(st, sv, pu, lut);
      for (int j = 0; j < kAttnBlock; ++j) pb[warp][lane][j] = pu[j];
    }
    __syncwarp();
    const Coord e0 = mma_a(lane, 0), e1 = mma_a(lane, 4);  // rows g and g + 8, keys 4t..4t+3
    const uint32_t pa[4] = {*reinterpret_cast<const uint32_t*>(&pb[warp][e0.row][e0.col]),
                            *reinterpret_cast<const uint32_t*>(&pb[warp][e1.row][e1.col]), 0u, 0u};
    const int32_t a_lo = al[warp][g], a_hi = al[warp][g + 8];
    for (int nt = 0; nt < NT; ++nt) {
      const Coord e = mma_b(lane, 0);  // (k = key, n = d)
      const uint32_t b[2] = {*reinterpret_cast<const uint32_t*>(&vt[warp][nt * 8 + e.col][e.row]), 0u};
      uint32_t acc[4] = {};
      mma_m16n8k32_u8s8(acc, pa, b);
      for (int i = 0; i < 4; ++i) o[nt][i] = uint32_t(attn_rescale(int32_t(o[nt][i]), i < 2 ? a_lo : a_hi, int32_t(acc[i])));
    }
    __syncwarp();
  }
  if (lane < kAttnBlock) al[warp][lane] = attn_recip(st.l);
  __syncwarp();
  for (int nt = 0; nt < NT; ++nt)
    for (int i = 0; i < 4; ++i) {
      const Coord e = mma_c(lane, i);
      const int row = q0 + e.row;
      if (row < seq) out[base + uint64_t(row) * D + nt * 8 + e.col] = attn_out(int32_t(o[nt][i]), al[warp][e.row], out_mul, shift);
    }
}

}  // namespace

void attention_simt(const AttentionArgs& a) {
  attention_simt_kernel<<<dim3((a.seq + 127) / 128, a.slices), 128>>>(a.q, a.k, a.v, a.out, a.seq, a.dim, a.causal, a.c, a.out_mul, a.shift,
                                                                     a.lut);
}

void attention_mma(const AttentionArgs& a) {
  const dim3 grid((a.seq + 63) / 64, a.slices);
  if (a.dim == 64) attention_mma_kernel<64><<<grid, 128>>>(a.q, a.k, a.v, a.out, a.seq, a.causal, a.c, a.out_mul, a.shift, a.lut);
  else attention_mma_kernel<128><<<grid, 128>>>(a.q, a.k, a.v, a.out, a.seq, a.causal, a.c, a.out_mul, a.shift, a.lut);
}

}  // namespace tsgpu
