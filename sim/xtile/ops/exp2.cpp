// xt.exp2: the definition (exp2_fixed: a 257-entry table and linear interpolation), its tile
// loop, and the AVX2 kernel of the same arithmetic; exp2_tile() picks by use_avx2().
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

namespace {
/// lut[i] = round(2^30 * 2^(-i/256)), i = 0..256.
const std::array<int64_t, 257>& exp2_lut() {
  static const std::array<int64_t, 257> lut = [] {
    std::array<int64_t, 257> t{};
    for (int i = 0; i <= 256; ++i) t[i] = std::llround(std::ldexp(std::exp2(-i / 256.0), 30));
    return t;
  }();
  return lut;
}

/// exp2_fixed with the table in hand (the tile loop looks it up once).
__attribute__((always_inline)) inline int32_t exp2_with(const int64_t* lut, int32_t x, uint32_t frac) {
  if (x >= 0) return int32_t(1) << frac;
  const uint64_t mag = uint64_t(-int64_t(x));  // x = -(n + f / 2^frac)
  const uint64_t n = mag >> frac;
  const uint64_t f = mag & ((uint64_t(1) << frac) - 1);
  int64_t v;  // 2^(-f/2^frac) in Q30
  if (frac >= 8) {
    const uint64_t idx = f >> (frac - 8), rem = f & ((uint64_t(1) << (frac - 8)) - 1);
    v = lut[idx] - (((lut[idx] - lut[idx + 1]) * int64_t(rem) + (int64_t(1) << (frac - 8)) / 2) >> (frac - 8));
  } else {
    v = lut[f << (8 - frac)];
  }
  const uint64_t shift = 30 - frac + n;  // result = v / 2^shift, rounded half up
  if (shift >= 62) return 0;
  return static_cast<int32_t>((v + (int64_t(1) << (shift - 1))) >> shift);
}
}  // namespace

int32_t exp2_fixed(int32_t x, uint32_t frac) { return exp2_with(exp2_lut().data(), x, frac); }

/// d = exp2(a) elementwise in fixed point with `frac` fraction bits (0..24); lut as exp2_lut().
namespace {
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
}  // namespace

void exp2_tile(Tile& d, const Tile& a, uint32_t frac) {
  const int64_t* lut = exp2_lut().data();
  if (use_avx2()) return exp2_tile_avx2(d, a, frac, lut);
  int32_t x[kDim * kDim];  // d may be a
  std::memcpy(x, a.b, sizeof x);
  for (int i = 0; i < kDim * kDim; ++i) {
    const int32_t v = exp2_with(lut, x[i], frac);
    std::memcpy(d.b + 4 * i, &v, 4);
  }
}

}  // namespace xtile
