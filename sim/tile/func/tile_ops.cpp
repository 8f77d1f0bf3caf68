#include "sim/tile/func/tile_ops.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <limits>

namespace func {
namespace {

int32_t sat32(int64_t v) {
  return static_cast<int32_t>(std::clamp<int64_t>(v, std::numeric_limits<int32_t>::min(), std::numeric_limits<int32_t>::max()));
}
int32_t wrap(int64_t v) { return static_cast<int32_t>(static_cast<uint32_t>(static_cast<uint64_t>(v))); }

/// Arithmetic right shift of a 64-bit value with rounding mode (0 away, 1 even, 2 floor).
int64_t round_shift(int64_t v, uint32_t shift, uint32_t round) {
  if (shift == 0) return v;
  const int64_t floor = v >> shift;  // arithmetic: rounds toward -inf
  if (round == 2) return floor;
  const int64_t rem = v - int64_t(uint64_t(floor) << shift);  // 0 .. 2^shift - 1 (unsigned shift: floor may be negative)
  const int64_t half = int64_t(1) << (shift - 1);
  if (rem > half) return floor + 1;
  if (rem < half) return floor;
  // exactly half
  if (round == 1) return (floor & 1) ? floor + 1 : floor;
  return v >= 0 ? floor + 1 : floor;  // half away from zero
}

}  // namespace

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
/// scalar), with the op hoisted out of the loops so that they vectorize; cloned for AVX2.
template <int kY>
__attribute__((target_clones("avx2", "default"))) void ew_loop(Ew op, int32_t* out, const int32_t* x, const int32_t* y,
                                                               uint32_t frac) {
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

/// lut[i] = round(2^30 * 2^(-i/256)), i = 0..256.
const std::array<int64_t, 257>& exp2_lut() {
  static const std::array<int64_t, 257> lut = [] {
    std::array<int64_t, 257> t{};
    for (int i = 0; i <= 256; ++i) t[i] = std::llround(std::ldexp(std::exp2(-i / 256.0), 30));
    return t;
  }();
  return lut;
}

}  // namespace

bool XtConfigState::set(uint32_t id, uint32_t v) {
  switch (id) {
    case kCfgRows: if (v < 1 || v > 16) return false; rows = v; return true;
    case kCfgCols: if (v < 1 || v > 16) return false; cols = v; return true;
    case kCfgFrac: if (v > 24) return false; frac = v; return true;
    case kCfgQShift: if (v > 62) return false; qshift = v; return true;
    case kCfgRound: if (v > 2) return false; round = v; return true;
    case kCfgSwizzle: if (v > 1) return false; swizzle = v; return true;
    default: return false;
  }
}

bool XtConfigState::get(uint32_t id, uint32_t& v) const {
  switch (id) {
    case kCfgRows: v = rows; return true;
    case kCfgCols: v = cols; return true;
    case kCfgFrac: v = frac; return true;
    case kCfgQShift: v = qshift; return true;
    case kCfgRound: v = round; return true;
    case kCfgSwizzle: v = swizzle; return true;
    default: return false;
  }
}

void mma_i8_avx2(Tile& d, const Tile& a, const Tile& b, bool a_signed, bool b_signed);
uint32_t mma_t2_avx2(Tile& d, const Tile& a, const Tile& w);

void mma_i8(Tile& d, const Tile& a, const Tile& b, bool a_signed, bool b_signed) {
  if (have_avx2()) return mma_i8_avx2(d, a, b, a_signed, b_signed);
  mma_i8_ref(d, a, b, a_signed, b_signed);
}

uint32_t mma_t2(Tile& d, const Tile& a, const Tile& w) {
  if (have_avx2()) return mma_t2_avx2(d, a, w);
  return mma_t2_ref(d, a, w);
}

void mma_i8_ref(Tile& d, const Tile& a, const Tile& b, bool a_signed, bool b_signed) {
  int32_t av[kDim][kDim], bv[kDim][kDim];
  for (int r = 0; r < kDim; ++r)
    for (int k = 0; k < kDim; ++k) {
      av[r][k] = a_signed ? a.s8(r, k) : a.u8(r, k);
      bv[r][k] = b_signed ? b.s8(r, k) : b.u8(r, k);
    }
  for (int m = 0; m < kDim; ++m)
    for (int n = 0; n < kDim; ++n) {
      int32_t acc = 0;  // |sum| <= 16 * 255 * 255: no overflow inside one MMA
      for (int k = 0; k < kDim; ++k) acc += av[m][k] * bv[n][k];
      d.set_w(m, n, wrap(int64_t(d.w(m, n)) + acc));
    }
}

uint32_t mma_t2_ref(Tile& d, const Tile& a, const Tile& w) {
  int32_t wv[kDim][kDim];
  uint32_t invalid = 0;
  for (int n = 0; n < kDim; ++n)
    for (int k = 0; k < kDim; ++k) {
      const unsigned c = w.code(n, k);
      invalid += c == kTernaryInvalid;
      wv[n][k] = ternary_value(c);
    }
  for (int m = 0; m < kDim; ++m)
    for (int n = 0; n < kDim; ++n) {
      int32_t acc = 0;
      for (int k = 0; k < kDim; ++k) acc += a.s8(m, k) * wv[n][k];
      d.set_w(m, n, wrap(int64_t(d.w(m, n)) + acc));
    }
  return invalid;
}

void mulq_avx2(int32_t* out, const int32_t* x, const int32_t* y, int ystep, uint32_t frac);

namespace {
/// out = x (op) y over the 256 words; y a tile (kY 1) or a broadcast scalar (kY 0).
template <int kY>
void ew_apply(Ew op, int32_t* out, const int32_t* x, const int32_t* y, uint32_t frac) {
  if (op == Ew::MulQ && have_avx2()) return mulq_avx2(out, x, y, kY, frac);
  ew_loop<kY>(op, out, x, y, frac);
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

namespace {
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

void exp2_tile_avx2(Tile& d, const Tile& a, uint32_t frac, const int64_t* lut);

void exp2_tile(Tile& d, const Tile& a, uint32_t frac) {
  const int64_t* lut = exp2_lut().data();
  if (have_avx2()) return exp2_tile_avx2(d, a, frac, lut);
  int32_t x[kDim * kDim];  // d may be a
  std::memcpy(x, a.b, sizeof x);
  for (int i = 0; i < kDim * kDim; ++i) {
    const int32_t v = exp2_with(lut, x[i], frac);
    std::memcpy(d.b + 4 * i, &v, 4);
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

int32_t requant(int32_t x, int32_t scale, uint32_t shift, uint32_t round, bool to_unsigned) {
  // |x * scale| < 2^62: the product is exact in int64.
  const int64_t v = round_shift(int64_t(x) * scale, shift, round);
  return static_cast<int32_t>(to_unsigned ? std::clamp<int64_t>(v, 0, 255) : std::clamp<int64_t>(v, -128, 127));
}

namespace {
/// out[i] = requant(x[i], scale[i / 16 * kPerRow] (kPerRow 0: scale[0] for all, 1: one per row),
/// ...) for the 256 elements: requant's rounding written without branches and with the mode
/// hoisted out of the loop; cloned for AVX2.
template <int kPerRow>
__attribute__((target_clones("avx2", "default"))) void quant_loop(uint8_t* out, const int32_t* x, const int32_t* scale,
                                                                  uint32_t shift, uint32_t round, bool to_unsigned) {
  const int64_t lo = to_unsigned ? 0 : -128, hi = to_unsigned ? 255 : 127;
  const int64_t half = shift ? int64_t(1) << (shift - 1) : 0;
  for (int i = 0; i < kDim * kDim; ++i) {
    const int64_t p = int64_t(x[i]) * scale[(i / kDim) * kPerRow];
    int64_t v = p;
    if (shift) {
      const int64_t floor = p >> shift, rem = p - int64_t(uint64_t(floor) << shift);
      const bool tie = rem == half;
      const bool up = round == 2 ? false : rem > half || (tie && (round == 1 ? (floor & 1) != 0 : p >= 0));
      v = floor + up;
    }
    out[i] = static_cast<uint8_t>(std::clamp(v, lo, hi));
  }
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

}  // namespace func
