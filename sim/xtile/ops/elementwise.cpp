// Elementwise int32 ops (xt.add .. xt.sra and their .x forms): the definition of one element
// (ew_scalar), the portable tile loop, the AVX2 copy of the same loop, and the AVX2 MulQ kernel;
// elementwise() picks by use_avx2() (TILESIM_KERNELS=ref: the portable loop).
#include <immintrin.h>

#include <algorithm>
#include <array>
#include <climits>
#include <cmath>
#include <cstring>
#include <limits>

#include "sim/xtile/ops.h"
#include "sim/xtile/ops/int_math.h"

namespace xtile {

using namespace ops_detail;

int32_t ew_scalar(Ew op, int32_t a, int32_t b, uint32_t frac) {
  switch (op) {
    case Ew::Add: return wrap(int64_t(a) + b);
    case Ew::Sub: return wrap(int64_t(a) - b);
    case Ew::Max: return std::max(a, b);
    case Ew::Min: return std::min(a, b);
    case Ew::Mul: return wrap(int64_t(a) * b);
    case Ew::MulQ: {
      const int64_t p = int64_t(a) * b;
      return sat32(frac ? (p + (int64_t(1) << (frac - 1))) >> frac : p);
    }
    case Ew::Sra: return a >> (static_cast<uint32_t>(b) & 31);
  }
  return 0;
}


namespace {
/// out[i] = ew_scalar(op, x[i], y[i * kY], frac) for the 256 elements (kY = 0: a broadcast
/// scalar), with the op hoisted out of the loops so that they vectorize. One body, compiled twice:
/// portable and for AVX2 (an explicit dispatch, which TILESIM_KERNELS can steer).
template <int kY>
__attribute__((always_inline)) inline void ew_body(Ew op, int32_t* out, const int32_t* x, const int32_t* y, uint32_t frac) {
  constexpr int n = kDim * kDim;
  switch (op) {
    case Ew::Add: for (int i = 0; i < n; ++i) out[i] = int32_t(uint32_t(x[i]) + uint32_t(y[i * kY])); break;
    case Ew::Sub: for (int i = 0; i < n; ++i) out[i] = int32_t(uint32_t(x[i]) - uint32_t(y[i * kY])); break;
    case Ew::Max: for (int i = 0; i < n; ++i) out[i] = std::max(x[i], y[i * kY]); break;
    case Ew::Min: for (int i = 0; i < n; ++i) out[i] = std::min(x[i], y[i * kY]); break;
    case Ew::Mul: for (int i = 0; i < n; ++i) out[i] = int32_t(uint32_t(x[i]) * uint32_t(y[i * kY])); break;
    case Ew::MulQ:
      for (int i = 0; i < n; ++i) {
        const int64_t p = int64_t(x[i]) * y[i * kY];
        const int64_t q = frac ? (p + (int64_t(1) << (frac - 1))) >> frac : p;
        out[i] = int32_t(std::clamp<int64_t>(q, std::numeric_limits<int32_t>::min(), std::numeric_limits<int32_t>::max()));
      }
      break;
    case Ew::Sra: for (int i = 0; i < n; ++i) out[i] = x[i] >> (uint32_t(y[i * kY]) & 31); break;
  }
}
template <int kY>
void ew_loop_portable(Ew op, int32_t* out, const int32_t* x, const int32_t* y, uint32_t frac) { ew_body<kY>(op, out, x, y, frac); }
template <int kY>
__attribute__((target("avx2"))) void ew_loop_avx2(Ew op, int32_t* out, const int32_t* x, const int32_t* y, uint32_t frac) {
  ew_body<kY>(op, out, x, y, frac);
}
}  // namespace

namespace {
/// Arithmetic right shift of 64-bit lanes by n (0..63): AVX2 has only the logical one.
__attribute__((target("avx2"))) inline __m256i sra64(__m256i x, __m128i n, __m256i sign) {
  return _mm256_sub_epi64(_mm256_xor_si256(_mm256_srl_epi64(x, n), sign), sign);
}
/// Saturation of 64-bit lanes to int32.
__attribute__((target("avx2"))) inline __m256i sat32(__m256i q) {
  const __m256i lo = _mm256_set1_epi64x(INT32_MIN), hi = _mm256_set1_epi64x(INT32_MAX);
  q = _mm256_blendv_epi8(q, lo, _mm256_cmpgt_epi64(lo, q));
  return _mm256_blendv_epi8(q, hi, _mm256_cmpgt_epi64(q, hi));
}
}  // namespace

/// out[i] = sat32((x[i] * y[i * ystep] + 2^(frac-1)) >> frac) (no rounding term for frac 0), the
/// 256 elements of a MulQ; ystep 0: y is a broadcast scalar.
namespace {
__attribute__((target("avx2"))) void mulq_avx2(int32_t* out, const int32_t* x, const int32_t* y, int ystep, uint32_t frac) {
  const __m256i round = _mm256_set1_epi64x(frac ? int64_t(1) << (frac - 1) : 0);
  const __m128i n = _mm_cvtsi32_si128(int(frac));
  const __m256i sign = _mm256_set1_epi64x(static_cast<int64_t>(uint64_t(1) << (63 - frac)));
  const __m256i ys = _mm256_set1_epi32(y[0]);
  for (int i = 0; i < 256; i += 8) {
    const __m256i a = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(x + i));
    const __m256i b = ystep ? _mm256_loadu_si256(reinterpret_cast<const __m256i*>(y + i)) : ys;
    // Signed 32 x 32 -> 64 products of the even lanes, then of the odd ones.
    const __m256i pe = _mm256_mul_epi32(a, b);
    const __m256i po = _mm256_mul_epi32(_mm256_srli_epi64(a, 32), _mm256_srli_epi64(b, 32));
    const __m256i qe = sat32(sra64(_mm256_add_epi64(pe, round), n, sign));
    const __m256i qo = sat32(sra64(_mm256_add_epi64(po, round), n, sign));
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(out + i), _mm256_blend_epi32(qe, _mm256_slli_epi64(qo, 32), 0xaa));
  }
}

}  // namespace

namespace {
/// out = x (op) y over the 256 words; y a tile (kY 1) or a broadcast scalar (kY 0).
template <int kY>
void ew_apply(Ew op, int32_t* out, const int32_t* x, const int32_t* y, uint32_t frac) {
  if (!use_avx2()) return ew_loop_portable<kY>(op, out, x, y, frac);
  if (op == Ew::MulQ) return mulq_avx2(out, x, y, kY, frac);
  ew_loop_avx2<kY>(op, out, x, y, frac);
}
}  // namespace

void elementwise(Ew op, Tile& d, const Tile& a, const Tile& b, uint32_t frac) {
  int32_t x[kDim * kDim], y[kDim * kDim], out[kDim * kDim];  // d may be a or b
  std::memcpy(x, a.b, sizeof x);
  std::memcpy(y, b.b, sizeof y);
  ew_apply<1>(op, out, x, y, frac);
  std::memcpy(d.b, out, sizeof out);  // the int32 view is the whole tile
}

void elementwise_x(Ew op, Tile& d, const Tile& a, int32_t s, uint32_t frac) {
  int32_t x[kDim * kDim], out[kDim * kDim];
  std::memcpy(x, a.b, sizeof x);
  ew_apply<0>(op, out, x, &s, frac);
  std::memcpy(d.b, out, sizeof out);
}

}  // namespace xtile
