#pragma once
// The fixed-point flash attention of docs/workloads.md (workloads/attention/kernel.c, golden model
// workloads/attention/golden.cpp), step by step as __host__ __device__ functions: the CUDA
// kernels call them, and tests/unit/test_cuda_host.cpp runs them on the host against the golden
// model. Query blocks of 16 rows, key blocks of 16 keys; integer only.
#include <cstdint>

#include "workloads/cuda/fixed_point.h"

namespace tsgpu {

constexpr int32_t kNegInf = -(1 << 30);  ///< a masked score: exp2 of it (relative to any real max) is 0
constexpr int kAttnBlock = 16;

/// Score of key j of a block for query row r of its block: mulq16(dot, c), or kNegInf for a key
/// past the sequence (pad) or above the diagonal of the causal diagonal block (masked).
TS_HD int32_t attn_score(int32_t dot, int32_t c, bool masked, bool pad) { return (masked || pad) ? kNegInf : mulq16(dot, c); }

/// A query row's running softmax state: the max m and the Q16 row sum l.
struct SoftmaxRow {
  int32_t m = kNegInf, l = 0;
};

/// One key block's online-softmax step for one row: the 16 scores -> u8 P (round(p x 255 / 2^16)),
/// and the factor alpha = exp2(m_old - m_new) by which the row's sums are rescaled; updates m, l.
TS_HD int32_t softmax_step(SoftmaxRow& st, const int32_t* sv, uint8_t* pu, const int64_t* lut) {
  int32_t mn = st.m;
  for (int j = 0; j < kAttnBlock; ++j) mn = sv[j] > mn ? sv[j] : mn;
  int64_t rowsum = 0;
  for (int j = 0; j < kAttnBlock; ++j) {
    const int32_t p = exp2_q16(wrap32(int64_t(sv[j]) - mn), lut);
    rowsum += p;
    const int64_t q = round_away(int64_t(p) * 255, 16);
    pu[j] = static_cast<uint8_t>(q < 0 ? 0 : q > 255 ? 255 : q);
  }
  const int32_t alpha = exp2_q16(wrap32(int64_t(st.m) - mn), lut);
  st.l = wrap32(int64_t(mulq16(st.l, alpha)) + wrap32(rowsum));
  st.m = mn;
  return alpha;
}

/// o <- o x alpha + (u8 P V of the block) (wrapping).
TS_HD int32_t attn_rescale(int32_t o, int32_t alpha, int32_t pv) { return wrap32(int64_t(mulq16(o, alpha)) + pv); }

/// round(2^32 / l), saturated; INT32_MAX for l = 0.
TS_HD int32_t attn_recip(int32_t l) {
  if (l == 0) return INT32_MAX;
  const int64_t mag = l < 0 ? -int64_t(l) : int64_t(l);
  return sat32(((int64_t(1) << 32) + mag / 2) / mag * (l < 0 ? -1 : 1));
}

/// The int8 output: sat8(round_away(mulq16(o, rcp) x out_mul / 2^shift)).
TS_HD int8_t attn_out(int32_t o, int32_t rcp, int32_t out_mul, uint32_t shift) {
  const int64_t y = round_away(int64_t(mulq16(o, rcp)) * out_mul, shift);
  return static_cast<int8_t>(y < -128 ? -128 : y > 127 ? 127 : y);
}

/// One query row i of one (batch, head) slice, start to end, as the CUDA-core reference kernel runs
/// it (one thread per row): q, k, v point at the slice (seq x dim int8, row major), o_acc is dim
/// int32 of scratch, out the row's dim int8 outputs.
TS_HD void attention_row(const int8_t* q, const int8_t* k, const int8_t* v, uint32_t seq, uint32_t dim, bool causal, uint32_t i, int32_t c,
                         int32_t out_mul, uint32_t shift, const int64_t* lut, int32_t* o_acc, int8_t* out) {
  const uint32_t q0 = i / kAttnBlock * kAttnBlock, r = i - q0;
  const uint32_t kend = causal ? (q0 + kAttnBlock < seq ? q0 + kAttnBlock : seq) : seq;
  const int8_t* qr = q + uint64_t(i) * dim;
  for (uint32_t d = 0; d < dim; ++d) o_acc[d] = 0;
  SoftmaxRow st;
  for (uint32_t k0 = 0; k0 < kend; k0 += kAttnBlock) {
    int32_t sv[kAttnBlock];
    uint8_t pu[kAttnBlock];
    for (uint32_t j = 0; j < kAttnBlock; ++j) {
      const bool pad = k0 + j >= seq;
      uint32_t dot = 0;
      if (!pad)
        for (uint32_t d = 0; d < dim; ++d) dot += uint32_t(int32_t(qr[d]) * int32_t(k[uint64_t(k0 + j) * dim + d]));
      sv[j] = attn_score(int32_t(dot), c, causal && k0 == q0 && j > r, pad);
    }
    const int32_t alpha = softmax_step(st, sv, pu, lut);
    for (uint32_t d = 0; d < dim; ++d) {
      int32_t pv = 0;
      for (uint32_t j = 0; j < kAttnBlock && k0 + j < seq; ++j) pv += int32_t(pu[j]) * v[uint64_t(k0 + j) * dim + d];
      o_acc[d] = attn_rescale(o_acc[d], alpha, pv);
    }
  }
  const int32_t rcp = attn_recip(st.l);
  for (uint32_t d = 0; d < dim; ++d) out[d] = attn_out(o_acc[d], rcp, out_mul, shift);
}

}  // namespace tsgpu
