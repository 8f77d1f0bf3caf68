#pragma once
// Integer helpers shared by the vector-unit kernels (sim/xtile/ops/*.cpp).
#include <algorithm>
#include <cstdint>
#include <limits>

#include "sim/xtile/tile.h"

namespace xtile::ops_detail {

inline int32_t sat32(int64_t v) {
  return static_cast<int32_t>(std::clamp<int64_t>(v, std::numeric_limits<int32_t>::min(), std::numeric_limits<int32_t>::max()));
}
inline int32_t wrap(int64_t v) { return static_cast<int32_t>(static_cast<uint32_t>(static_cast<uint64_t>(v))); }

/// Arithmetic right shift of a 64-bit value with rounding mode (0 away, 1 even, 2 floor).
inline int64_t round_shift(int64_t v, uint32_t shift, uint32_t round) {
  if (shift == 0) return v;
  const int64_t floor = v >> shift;  // arithmetic: rounds toward -inf
  if (round == kRound_FLOOR) return floor;
  const int64_t rem = v - int64_t(uint64_t(floor) << shift);  // 0 .. 2^shift - 1 (unsigned shift: floor may be negative)
  const int64_t half = int64_t(1) << (shift - 1);
  if (rem > half) return floor + 1;
  if (rem < half) return floor;
  // exactly half
  if (round == kRound_EVEN) return (floor & 1) ? floor + 1 : floor;
  return v >= 0 ? floor + 1 : floor;  // half away from zero
}


}  // namespace xtile::ops_detail
