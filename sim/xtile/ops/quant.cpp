// xt.quant*: requantization to int8/uint8. requant() is the definition; the tile loop is one
// branch-free body compiled portable and for AVX2, picked by use_avx2().
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

int32_t requant(int32_t x, int32_t scale, uint32_t shift, uint32_t round, bool to_unsigned) {
  // |x * scale| < 2^62: the product is exact in int64.
  const int64_t v = round_shift(int64_t(x) * scale, shift, round);
  return static_cast<int32_t>(to_unsigned ? std::clamp<int64_t>(v, 0, 255) : std::clamp<int64_t>(v, -128, 127));
}

namespace {
/// out[i] = requant(x[i], scale[i / 16 * kPerRow] (kPerRow 0: scale[0] for all, 1: one per row),
/// ...) for the 256 elements: requant's rounding written without branches and with the mode
/// hoisted out of the loop. One body, compiled portable and for AVX2.
template <int kPerRow>
__attribute__((always_inline)) inline void quant_body(uint8_t* out, const int32_t* x, const int32_t* scale, uint32_t shift,
                                                      uint32_t round, bool to_unsigned) {
  const int64_t lo = to_unsigned ? 0 : -128, hi = to_unsigned ? 255 : 127;
  const int64_t half = shift ? int64_t(1) << (shift - 1) : 0;
  for (int i = 0; i < kDim * kDim; ++i) {
    const int64_t p = int64_t(x[i]) * scale[(i / kDim) * kPerRow];
    int64_t v = p;
    if (shift) {
      const int64_t floor = p >> shift, rem = p - int64_t(uint64_t(floor) << shift);
      const bool tie = rem == half;
      const bool up = round == kRound_FLOOR ? false : rem > half || (tie && (round == kRound_EVEN ? (floor & 1) != 0 : p >= 0));
      v = floor + up;
    }
    out[i] = static_cast<uint8_t>(std::clamp(v, lo, hi));
  }
}
template <int kPerRow>
void quant_portable(uint8_t* out, const int32_t* x, const int32_t* scale, uint32_t shift, uint32_t round, bool to_unsigned) {
  quant_body<kPerRow>(out, x, scale, shift, round, to_unsigned);
}
template <int kPerRow>
__attribute__((target("avx2"))) void quant_avx2(uint8_t* out, const int32_t* x, const int32_t* scale, uint32_t shift,
                                                uint32_t round, bool to_unsigned) {
  quant_body<kPerRow>(out, x, scale, shift, round, to_unsigned);
}
template <int kPerRow>
void quant_loop(uint8_t* out, const int32_t* x, const int32_t* scale, uint32_t shift, uint32_t round, bool to_unsigned) {
  if (use_avx2()) return quant_avx2<kPerRow>(out, x, scale, shift, round, to_unsigned);
  quant_portable<kPerRow>(out, x, scale, shift, round, to_unsigned);
}
}  // namespace

void quant(Tile& d, const Tile& a, int32_t scale, uint32_t shift, uint32_t round, bool to_unsigned) {
  int32_t x[kDim * kDim];  // d may be a
  std::memcpy(x, a.b, sizeof x);
  uint8_t out[kDim * kDim];
  quant_loop<0>(out, x, &scale, shift, round, to_unsigned);
  std::memcpy(d.b, out, sizeof out);
  d.clear_upper();
}

void quant_rows(Tile& d, const Tile& a, const Tile& scales, uint32_t shift, uint32_t round, bool to_unsigned) {
  int32_t x[kDim * kDim], s[kDim];
  std::memcpy(x, a.b, sizeof x);
  for (int r = 0; r < kDim; ++r) s[r] = scales.w(r, 0);
  uint8_t out[kDim * kDim];
  quant_loop<1>(out, x, s, shift, round, to_unsigned);
  std::memcpy(d.b, out, sizeof out);
  d.clear_upper();
}

}  // namespace xtile
