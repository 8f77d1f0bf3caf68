// AVX2 kernels of the vector unit's heavier tile ops, dispatched at run time from tile_ops.cpp,
// whose element functions are the definitions: exp2 (exp2_fixed) and MulQ (ew_scalar).
#include <immintrin.h>

#include <climits>
#include <cstdint>
#include <cstring>

#include "sim/tile/func/tile.h"

namespace func {

/// d = exp2(a) elementwise in fixed point with `frac` fraction bits (0..24); lut as exp2_lut().
__attribute__((target("avx2"))) void exp2_tile_avx2(Tile& d, const Tile& a, uint32_t frac, const int64_t* lut) {
  // Per element (x < 0): mag = -x = n * 2^frac + f; v = 2^(-f / 2^frac) in Q30 from the table
  // (linear interpolation between entries when frac > 8); result = round_half_up(v / 2^shift),
  // shift = 30 - frac + n (srlv/sllv give 0 for counts >= 64, which the shift >= 62 case needs).
  // x >= 0: 1.0 = 2^frac.
  const __m256i fmask = _mm256_set1_epi64x((int64_t(1) << frac) - 1);
  const __m128i cfrac = _mm_cvtsi32_si128(int(frac));
  const uint32_t ish = frac >= 8 ? frac - 8 : 0, lsh = frac >= 8 ? 0 : 8 - frac;
  const __m128i cish = _mm_cvtsi32_si128(int(ish)), clsh = _mm_cvtsi32_si128(int(lsh));
  const __m256i rmask = _mm256_set1_epi64x((int64_t(1) << ish) - 1);
  const __m256i rhalf = _mm256_set1_epi64x(ish ? (int64_t(1) << ish) / 2 : 0);
  const __m256i one = _mm256_set1_epi64x(1), zero = _mm256_setzero_si256();
  const __m256i base_shift = _mm256_set1_epi64x(30 - int64_t(frac));
  const __m256i unit = _mm256_set1_epi64x(int64_t(1) << frac);
  const long long* tab = reinterpret_cast<const long long*>(lut);
  int32_t in[256], out[256];
  std::memcpy(in, a.b, sizeof in);  // d may be a
  for (int i = 0; i < 256; i += 4) {
    const __m256i x = _mm256_cvtepi32_epi64(_mm_loadu_si128(reinterpret_cast<const __m128i*>(in + i)));
    const __m256i neg = _mm256_cmpgt_epi64(zero, x);  // x < 0
    const __m256i mag = _mm256_and_si256(_mm256_sub_epi64(zero, x), neg);  // (lanes with x >= 0 become 1.0 below)
    const __m256i n = _mm256_srl_epi64(mag, cfrac);
    const __m256i f = _mm256_and_si256(mag, fmask);
    __m256i v;
    if (frac >= 8) {
      const __m256i idx = _mm256_srl_epi64(f, cish);
      const __m256i rem = _mm256_and_si256(f, rmask);
      const __m256i l0 = _mm256_i64gather_epi64(tab, idx, 8);
      const __m256i l1 = _mm256_i64gather_epi64(tab + 1, idx, 8);
      const __m256i step = _mm256_mul_epu32(_mm256_sub_epi64(l0, l1), rem);  // < 2^30 * 2^16
      v = _mm256_sub_epi64(l0, _mm256_srl_epi64(_mm256_add_epi64(step, rhalf), cish));
    } else {
      v = _mm256_i64gather_epi64(tab, _mm256_sll_epi64(f, clsh), 8);
    }
    const __m256i shift = _mm256_add_epi64(base_shift, n);
    const __m256i half = _mm256_sllv_epi64(one, _mm256_sub_epi64(shift, one));
    const __m256i r = _mm256_srlv_epi64(_mm256_add_epi64(v, half), shift);
    const __m256i res = _mm256_blendv_epi8(unit, r, neg);
    // The low 32 bits of each lane, in order.
    const __m256i packed = _mm256_permutevar8x32_epi32(res, _mm256_setr_epi32(0, 2, 4, 6, 1, 3, 5, 7));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out + i), _mm256_castsi256_si128(packed));
  }
  std::memcpy(d.b, out, sizeof out);
}

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

}  // namespace func
