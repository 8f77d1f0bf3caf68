// The vector unit's operations without a fast twin: row reductions, reciprocal, widening, fill,
// transpose, causal mask (each loop is its own definition).
#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

#include "sim/xtile/ops.h"
#include "sim/xtile/ops/int_math.h"

namespace xtile {

using namespace ops_detail;

void row_reduce(Row op, Tile& d, const Tile& a) {
  int32_t red[kDim];
  for (int r = 0; r < kDim; ++r) {
    int64_t acc = op == Row::Sum ? 0 : std::numeric_limits<int32_t>::min();
    for (int c = 0; c < kDim; ++c) {
      const int64_t v = a.w(r, c);
      if (op == Row::Max) acc = std::max(acc, v);
      if (op == Row::AbsMax) acc = std::max(acc, std::min<int64_t>(std::abs(v), std::numeric_limits<int32_t>::max()));
      if (op == Row::Sum) acc += v;
    }
    red[r] = op == Row::Sum ? wrap(acc) : static_cast<int32_t>(acc);
  }
  for (int r = 0; r < kDim; ++r)
    for (int c = 0; c < kDim; ++c) {
      const int32_t old = d.w(r, c);
      d.set_w(r, c, op == Row::Sum ? wrap(int64_t(old) + red[r]) : std::max(old, red[r]));
    }
}

int32_t rcp_fixed(int32_t x, uint32_t frac) {
  if (x == 0) return std::numeric_limits<int32_t>::max();
  const int64_t num = int64_t(1) << (2 * frac);
  const int64_t mag = std::abs(int64_t(x));
  const int64_t q = (num + mag / 2) / mag;  // half away from zero for the magnitude
  return sat32(x < 0 ? -q : q);
}

void rcp_tile(Tile& d, const Tile& a, uint32_t frac) {
  Tile t;
  for (int r = 0; r < kDim; ++r)
    for (int c = 0; c < kDim; ++c) t.set_w(r, c, rcp_fixed(a.w(r, c), frac));
  d = t;
}

void widen(Tile& d, const Tile& a, bool is_signed) {
  Tile t;
  for (int r = 0; r < kDim; ++r)
    for (int c = 0; c < kDim; ++c) t.set_w(r, c, is_signed ? a.s8(r, c) : a.u8(r, c));
  d = t;
}

void fill(Tile& d, int32_t v) {
  for (int r = 0; r < kDim; ++r)
    for (int c = 0; c < kDim; ++c) d.set_w(r, c, v);
}

void transpose32(Tile& d, const Tile& a) {
  Tile t;
  for (int r = 0; r < kDim; ++r)
    for (int c = 0; c < kDim; ++c) t.set_w(r, c, a.w(c, r));
  d = t;
}

void causal_mask(Tile& d, const Tile& a, int32_t offset) {
  Tile t;
  for (int r = 0; r < kDim; ++r)
    for (int c = 0; c < kDim; ++c) t.set_w(r, c, int64_t(c) > int64_t(r) + offset ? kNegInf : a.w(r, c));
  d = t;
}

}  // namespace xtile
