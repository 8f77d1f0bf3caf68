// Flash-attention forward in the integer formulation of workloads/attention.c, step by
// step on the host (its own exp2 table, reciprocal and rounding), plus float64 attention on the
// same int8 inputs for the error report.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>

#include "workloads/attention/golden.h"
#include "workloads/host/golden/golden.h"
#include "workloads/host/golden/int8_gemm.h"
#include "workloads/host/golden/parallel.h"

namespace golden {
namespace {
constexpr int32_t kNegInf = -(1 << 30);
int32_t sat32(int64_t v) { return static_cast<int32_t>(std::clamp<int64_t>(v, INT32_MIN, INT32_MAX)); }
int32_t wrap32(int64_t v) { return static_cast<int32_t>(static_cast<uint32_t>(static_cast<uint64_t>(v))); }
int32_t mulq16(int32_t a, int32_t b) { return sat32((int64_t(a) * b + 32768) >> 16); }
int64_t round_away(int64_t v, unsigned s) {
  const int64_t mag = v < 0 ? -v : v;
  const int64_t q = (mag + (int64_t(1) << (s - 1))) >> s;
  return v < 0 ? -q : q;
}
/// 2^(x / 2^16) in Q16 for x <= 0: the table of 2^(-i/256) in Q30 with linear interpolation.
int32_t exp2_q16(int32_t x) {
  static const std::array<int64_t, 257> lut = [] {
    std::array<int64_t, 257> t{};
    for (int i = 0; i <= 256; ++i) t[i] = std::llround(std::ldexp(std::exp2(-i / 256.0), 30));
    return t;
  }();
  if (x >= 0) return 1 << 16;
  const uint64_t mag = uint64_t(-int64_t(x)), n = mag >> 16, f = mag & 0xffff;
  const uint64_t idx = f >> 8, rem = f & 0xff;
  const int64_t v = lut[idx] - (((lut[idx] - lut[idx + 1]) * int64_t(rem) + 128) >> 8);
  const uint64_t shift = 14 + n;
  if (shift >= 62) return 0;
  return static_cast<int32_t>((v + (int64_t(1) << (shift - 1))) >> shift);
}
/// Q K^T for the (up to) 16 query rows at q0 against keys [0, keys) of slice `base`: strip[r][j].
void qk_strip(const AttentionShape& s, const std::vector<int8_t>& q, const std::vector<int8_t>& k, size_t base, uint32_t q0,
              uint32_t keys, std::vector<int32_t>& strip) {
  const uint32_t rows = std::min(16u, s.seq - q0), D = s.dim;
  strip.resize(size_t(16) * keys);
  gemm_i8_into(&q[base + size_t(q0) * D], D, &k[base], D, rows, keys, D, strip.data(), keys, best_gemm_kernel(), false);
}
}  // namespace

// The fast versions: the same steps as the _ref ones below, with the Q K^T dot products of 16
// query rows at a time as one int8 GEMM (shared by the fixed-point and the float64 model when
// both are wanted), the 16 rows' online softmax advancing together, u8(P) V as a GEMM, the float
// P V sums key-outer so they vectorize, and the (batch x head, query block) items spread over
// the host's cores. Bit-identical (tests/unit/test_golden.cpp).
namespace {

/// Keys the 16-query block at q0 attends to (both models): up to the diagonal block if causal.
uint32_t block_keys(const AttentionShape& s, uint32_t q0) { return std::min(s.causal ? q0 + 16 : s.seq, s.seq); }

void fixed_block(const AttentionShape& s, const std::vector<int8_t>& v, size_t base, uint32_t q0, const std::vector<int32_t>& strip,
                 int32_t c, int32_t out_mul, uint32_t out_shift, std::vector<int8_t>& out) {
  // u8(P) V of a key block is one int8 GEMM: u8(P) = P8 + 128 with P8 = u8(P) - 128 in int8, so
  // u8(P) V = P8 V + 128 colsum(V) (exact integers; sums of 16 products fit int32 either way).
  const uint32_t S = s.seq, D = s.dim, kend = block_keys(s, q0), rows = std::min(16u, S - q0);
  std::vector<int32_t> o(size_t(16) * D, 0), acc(size_t(16) * D), colsum(D);
  std::vector<int8_t> p8(16 * 16), vt(size_t(D) * 16);
  int32_t m[16], l[16], alpha[16];
  for (uint32_t r = 0; r < 16; ++r) m[r] = kNegInf, l[r] = 0;
  for (uint32_t k0 = 0; k0 < kend; k0 += 16) {
    for (uint32_t r = 0; r < rows; ++r) {
      int32_t sv[16];
      for (uint32_t j = 0; j < 16; ++j) {
        sv[j] = k0 + j < S ? mulq16(strip[size_t(r) * kend + k0 + j], c) : 0;
        if (s.causal && k0 == q0 && j > r) sv[j] = kNegInf;
        if (k0 + j >= S) sv[j] = std::min(sv[j], kNegInf);
      }
      int32_t mn = m[r];
      for (int32_t x : sv) mn = std::max(mn, x);
      int64_t rowsum = 0;
      for (uint32_t j = 0; j < 16; ++j) {
        const int32_t p = exp2_q16(wrap32(int64_t(sv[j]) - mn));
        rowsum += p;
        const int64_t pu = std::clamp<int64_t>(round_away(int64_t(p) * 255, 16), 0, 255);
        p8[r * 16 + j] = static_cast<int8_t>(pu - 128);
      }
      alpha[r] = exp2_q16(wrap32(int64_t(m[r]) - mn));
      l[r] = wrap32(int64_t(mulq16(l[r], alpha[r])) + wrap32(rowsum));
      m[r] = mn;
    }
    for (uint32_t d = 0; d < D; ++d) {  // the V block transposed ([d][key], keys past S zero), column sums
      int32_t cs = 0;
      for (uint32_t j = 0; j < 16; ++j) {
        const int8_t x = k0 + j < S ? v[base + size_t(k0 + j) * D + d] : 0;
        vt[size_t(d) * 16 + j] = x;
        cs += x;
      }
      colsum[d] = cs;
    }
    gemm_i8_into(p8.data(), 16, vt.data(), 16, rows, D, 16, acc.data(), D, best_gemm_kernel(), false);
    for (uint32_t r = 0; r < rows; ++r)
      for (uint32_t d = 0; d < D; ++d) {
        int32_t& x = o[size_t(r) * D + d];
        x = wrap32(int64_t(mulq16(x, alpha[r])) + acc[size_t(r) * D + d] + 128 * colsum[d]);
      }
  }
  for (uint32_t r = 0; r < rows; ++r) {
    const int32_t rcp = l[r] == 0 ? INT32_MAX : sat32(((int64_t(1) << 32) + std::llabs(int64_t(l[r])) / 2) / std::llabs(int64_t(l[r])) * (l[r] < 0 ? -1 : 1));
    for (uint32_t d = 0; d < D; ++d) {
      const int32_t x = mulq16(o[size_t(r) * D + d], rcp);
      out[base + size_t(q0 + r) * D + d] = static_cast<int8_t>(std::clamp<int64_t>(round_away(int64_t(x) * out_mul, out_shift), -128, 127));
    }
  }
}

void float_block(const AttentionShape& s, const std::vector<double>& vd, size_t base, uint32_t q0, const std::vector<int32_t>& strip,
                 double qk_scale, std::vector<double>& out) {
  // Integer dot products are exact in double too, so the weights, their sum (keys in order) and
  // each output's sum (keys in order) are the reference's, operation for operation.
  const uint32_t S = s.seq, D = s.dim, keys = block_keys(s, q0);
  std::vector<double> w(keys), acc(D);
  for (uint32_t r = 0; r < 16 && q0 + r < S; ++r) {
    const uint32_t i = q0 + r, n = s.causal ? i + 1 : S;
    double mx = -1e300;
    for (uint32_t j = 0; j < n; ++j) mx = std::max(mx, w[j] = double(strip[size_t(r) * keys + j]) * qk_scale);
    double sum = 0;
    for (uint32_t j = 0; j < n; ++j) sum += (w[j] = std::exp(w[j] - mx));
    std::fill(acc.begin(), acc.end(), 0.0);
    for (uint32_t j = 0; j < n; ++j) {
      const double* vr = &vd[base + size_t(j) * D];
      const double wj = w[j];
      for (uint32_t d = 0; d < D; ++d) acc[d] += wj * vr[d];
    }
    for (uint32_t d = 0; d < D; ++d) out[base + size_t(i) * D + d] = acc[d] / sum;
  }
}

std::vector<double> as_double(const std::vector<int8_t>& v) {
  std::vector<double> vd(v.size());
  parallel_for((v.size() + 65535) / 65536, [&](uint64_t c) {
    for (size_t i = c * 65536; i < std::min(v.size(), (c + 1) * 65536); ++i) vd[i] = v[i];
  });
  return vd;
}

/// Runs `fn(base, q0, strip)` for every (batch x head, query block) item on the host's cores.
template <class Fn>
void for_blocks(const AttentionShape& s, const std::vector<int8_t>& q, const std::vector<int8_t>& k, Fn&& fn) {
  const uint32_t qblocks = (s.seq + 15) / 16;
  parallel_for(uint64_t(s.batch) * s.heads * qblocks, [&](uint64_t item) {
    const size_t base = size_t(item / qblocks) * s.seq * s.dim;
    const uint32_t q0 = static_cast<uint32_t>(item % qblocks) * 16;
    std::vector<int32_t> strip;
    qk_strip(s, q, k, base, q0, block_keys(s, q0), strip);
    fn(base, q0, strip);
  });
}

}  // namespace

std::vector<int8_t> attention_fixed(const AttentionShape& s, const std::vector<int8_t>& q, const std::vector<int8_t>& k,
                                    const std::vector<int8_t>& v, int32_t c, int32_t out_mul, uint32_t out_shift) {
  std::vector<int8_t> out(q.size());
  for_blocks(s, q, k, [&](size_t base, uint32_t q0, const std::vector<int32_t>& strip) {
    fixed_block(s, v, base, q0, strip, c, out_mul, out_shift, out);
  });
  return out;
}

std::vector<double> attention_float(const AttentionShape& s, const std::vector<int8_t>& q, const std::vector<int8_t>& k,
                                    const std::vector<int8_t>& v, double qk_scale) {
  std::vector<double> out(q.size());
  const std::vector<double> vd = as_double(v);
  for_blocks(s, q, k, [&](size_t base, uint32_t q0, const std::vector<int32_t>& strip) { float_block(s, vd, base, q0, strip, qk_scale, out); });
  return out;
}

void attention_both(const AttentionShape& s, const std::vector<int8_t>& q, const std::vector<int8_t>& k, const std::vector<int8_t>& v,
                    int32_t c, int32_t out_mul, uint32_t out_shift, double qk_scale, std::vector<int8_t>& fixed,
                    std::vector<double>& flt) {
  fixed.assign(q.size(), 0);
  flt.assign(q.size(), 0.0);
  const std::vector<double> vd = as_double(v);
  for_blocks(s, q, k, [&](size_t base, uint32_t q0, const std::vector<int32_t>& strip) {
    fixed_block(s, v, base, q0, strip, c, out_mul, out_shift, fixed);
    float_block(s, vd, base, q0, strip, qk_scale, flt);
  });
}

std::vector<int8_t> attention_fixed_ref(const AttentionShape& s, const std::vector<int8_t>& q, const std::vector<int8_t>& k,
                                    const std::vector<int8_t>& v, int32_t c, int32_t out_mul, uint32_t out_shift) {
  const uint32_t S = s.seq, D = s.dim;
  std::vector<int8_t> out(q.size());
  std::vector<int32_t> o(D), p(16);
  for (uint32_t bh = 0; bh < s.batch * s.heads; ++bh) {
    const size_t base = size_t(bh) * S * D;
    for (uint32_t q0 = 0; q0 < S; q0 += 16) {
      const uint32_t kend = std::min(s.causal ? q0 + 16 : S, S);
      for (uint32_t r = 0; r < 16 && q0 + r < S; ++r) {
        const int8_t* qr = &q[base + size_t(q0 + r) * D];
        int32_t m = kNegInf, l = 0;
        std::fill(o.begin(), o.end(), 0);
        for (uint32_t k0 = 0; k0 < kend; k0 += 16) {
          int32_t sv[16];
          for (uint32_t j = 0; j < 16; ++j) {
            int64_t dot = 0;
            if (k0 + j < S)
              for (uint32_t d = 0; d < D; ++d) dot += int32_t(qr[d]) * k[base + size_t(k0 + j) * D + d];
            sv[j] = mulq16(wrap32(dot), c);
            if (s.causal && k0 == q0 && j > r) sv[j] = kNegInf;
            if (k0 + j >= S) sv[j] = std::min(sv[j], kNegInf);
          }
          int32_t mn = m;
          for (int32_t x : sv) mn = std::max(mn, x);
          int64_t rowsum = 0;
          for (uint32_t j = 0; j < 16; ++j) {
            p[j] = exp2_q16(wrap32(int64_t(sv[j]) - mn));
            rowsum += p[j];
          }
          const int32_t alpha = exp2_q16(wrap32(int64_t(m) - mn));
          l = wrap32(int64_t(mulq16(l, alpha)) + wrap32(rowsum));
          for (uint32_t d = 0; d < D; ++d) {
            int64_t acc = 0;
            for (uint32_t j = 0; j < 16; ++j) {
              const int64_t pu = std::clamp<int64_t>(round_away(int64_t(p[j]) * 255, 16), 0, 255);
              const int8_t vv = k0 + j < S ? v[base + size_t(k0 + j) * D + d] : 0;
              acc += pu * vv;
            }
            o[d] = wrap32(int64_t(mulq16(o[d], alpha)) + wrap32(acc));
          }
          m = mn;
        }
        const int32_t rcp = l == 0 ? INT32_MAX : sat32(((int64_t(1) << 32) + std::llabs(int64_t(l)) / 2) / std::llabs(int64_t(l)) * (l < 0 ? -1 : 1));
        for (uint32_t d = 0; d < D; ++d) {
          const int32_t x = mulq16(o[d], rcp);
          out[base + size_t(q0 + r) * D + d] =
              static_cast<int8_t>(std::clamp<int64_t>(round_away(int64_t(x) * out_mul, out_shift), -128, 127));
        }
      }
    }
  }
  return out;
}

std::vector<double> attention_float_ref(const AttentionShape& s, const std::vector<int8_t>& q, const std::vector<int8_t>& k,
                                    const std::vector<int8_t>& v, double qk_scale) {
  const uint32_t S = s.seq, D = s.dim;
  std::vector<double> out(q.size()), w(S);
  for (uint32_t bh = 0; bh < s.batch * s.heads; ++bh) {
    const size_t base = size_t(bh) * S * D;
    for (uint32_t i = 0; i < S; ++i) {
      const uint32_t n = s.causal ? i + 1 : S;
      double mx = -1e300;
      for (uint32_t j = 0; j < n; ++j) {
        double dot = 0;
        for (uint32_t d = 0; d < D; ++d) dot += double(q[base + size_t(i) * D + d]) * k[base + size_t(j) * D + d];
        w[j] = dot * qk_scale;
        mx = std::max(mx, w[j]);
      }
      double sum = 0;
      for (uint32_t j = 0; j < n; ++j) sum += (w[j] = std::exp(w[j] - mx));
      for (uint32_t d = 0; d < D; ++d) {
        double acc = 0;
        for (uint32_t j = 0; j < n; ++j) acc += w[j] * v[base + size_t(j) * D + d];
        out[base + size_t(i) * D + d] = acc / sum;
      }
    }
  }
  return out;
}

}  // namespace golden
