// Xtile golden model: every instruction's semantics against independently written expectations
// (hand-computed cases and plain reference loops), with the extremes.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <random>
#include <set>
#include <utility>
#include <vector>

#include "sim/xtile/spad.h"
#include "sim/xtile/ops.h"
#include "sim/xtile/machine.h"

using namespace xtile;

namespace {
constexpr int32_t kMax = std::numeric_limits<int32_t>::max(), kMin = std::numeric_limits<int32_t>::min();
Tile random_tile(std::mt19937& rng) {
  Tile t;
  for (auto& b : t.b) b = static_cast<uint8_t>(rng());
  return t;
}
Tile filled(int32_t v) {
  Tile t;
  fill(t, v);
  return t;
}
// The fast kernels of the table (the AVX2 ones on an AVX2 host, whatever TILESIM_KERNELS says).
isa::Format i8_format(bool as, bool bs) {
  return as ? (bs ? isa::Format::Int8SS : isa::Format::Int8SU) : (bs ? isa::Format::Int8US : isa::Format::Int8UU);
}
void mma_i8(Tile& d, const Tile& a, const Tile& b, bool as, bool bs) { mma_kernel(i8_format(as, bs), KernelSet::Fast)(d, a, b); }
uint32_t mma_t2(Tile& d, const Tile& a, const Tile& w) { return mma_kernel(isa::Format::Ternary, KernelSet::Fast)(d, a, w); }
uint32_t mma_s4(Tile& d, const Tile& a, const Tile& b) { return mma_kernel(isa::Format::Int4, KernelSet::Fast)(d, a, b); }
}  // namespace

TEST_CASE("int8 MMA matches a reference loop for every signedness", "[xtile][func]") {
  std::mt19937 rng(7);
  for (int trial = 0; trial < 20; ++trial) {
    const Tile a = random_tile(rng), b = random_tile(rng), d0 = random_tile(rng);
    for (int mode = 0; mode < 4; ++mode) {
      const bool as = mode < 2, bs = mode % 2 == 0;
      Tile d = d0;
      mma_i8(d, a, b, as, bs);
      for (int m = 0; m < 16; ++m)
        for (int n = 0; n < 16; ++n) {
          int64_t want = d0.w(m, n);
          for (int k = 0; k < 16; ++k)
            want += int64_t(as ? int8_t(a.b[m * 16 + k]) : a.b[m * 16 + k]) * (bs ? int8_t(b.b[n * 16 + k]) : b.b[n * 16 + k]);
          REQUIRE(d.w(m, n) == int32_t(uint32_t(want)));
        }
    }
  }
}

TEST_CASE("elementwise tile ops (vectorized loops) equal their per-element definition", "[xtile][func]") {
  // Random words and the edge values (overflowing sums and products, saturating MulQ, shift
  // amounts beyond 31), every op, tile-tile and tile-scalar, several fixed-point fracs.
  std::mt19937 rng(8);
  const int32_t edge[] = {0, 1, -1, 2, 31, 32, 33, -32, INT32_MAX, INT32_MIN, INT32_MAX - 1, INT32_MIN + 1, 65536, -65536};
  auto word = [&] { return rng() % 4 ? static_cast<int32_t>(rng()) : edge[rng() % (sizeof edge / sizeof edge[0])]; };
  for (int trial = 0; trial < 40; ++trial) {
    Tile a, b;
    for (int r = 0; r < 16; ++r)
      for (int c = 0; c < 16; ++c) a.set_w(r, c, word()), b.set_w(r, c, word());
    const int32_t s = word();
    for (Ew op : {Ew::Add, Ew::Sub, Ew::Max, Ew::Min, Ew::Mul, Ew::MulQ, Ew::Sra})
      for (uint32_t frac : {0u, 1u, 16u, 24u}) {
        Tile d, e = a;
        elementwise(op, d, a, b, frac);
        elementwise_x(op, e, e, s, frac);  // in place
        for (int r = 0; r < 16; ++r)
          for (int c = 0; c < 16; ++c) {
            INFO("op " << int(op) << " frac " << frac << " a " << a.w(r, c) << " b " << b.w(r, c) << " s " << s);
            REQUIRE(d.w(r, c) == ew_scalar(op, a.w(r, c), b.w(r, c), frac));
            REQUIRE(e.w(r, c) == ew_scalar(op, a.w(r, c), s, frac));
          }
      }
  }
}

TEST_CASE("the fast (AVX2) MMA kernel of every format equals its reference loop", "[xtile][func]") {
  INFO("CPU has AVX2: " << cpu_has_avx2() << "; kernel set of this process: " << kernel_set_name());
  std::mt19937 rng(21);
  for (int trial = 0; trial < 200; ++trial) {
    const Tile a = random_tile(rng), b = random_tile(rng), d0 = random_tile(rng);
    for (const auto& f : isa::kFormats) {
      INFO(f.name);
      Tile x = d0, y = d0;
      CHECK(mma_kernel(f.id, KernelSet::Fast)(x, a, b) == mma_ref(f.id, y, a, b));
      REQUIRE(std::memcmp(x.b, y.b, sizeof x.b) == 0);
      Tile z = d0;  // the Ref set is the reference
      mma_kernel(f.id, KernelSet::Ref)(z, a, b);
      REQUIRE(std::memcmp(z.b, y.b, sizeof z.b) == 0);
    }
  }
}

TEST_CASE("int4 MMA: 16x16x32 of signed nibbles, element k in byte k/2 low nibble first", "[xtile][func]") {
  // Written from the packing rule, not from Tile::s4.
  auto nib = [](const Tile& t, int r, int k) {
    const unsigned v = (t.b[16 * r + k / 2] >> (4 * (k % 2))) & 15u;
    return int(v) - (v >= 8 ? 16 : 0);
  };
  std::mt19937 rng(44);
  for (int trial = 0; trial < 30; ++trial) {
    const Tile a = random_tile(rng), b = random_tile(rng), d0 = random_tile(rng);
    Tile d = d0, r = d0;
    CHECK(mma_s4(d, a, b) == 0);
    mma_s4_ref(r, a, b);
    for (int m = 0; m < 16; ++m)
      for (int n = 0; n < 16; ++n) {
        int64_t want = d0.w(m, n);
        for (int k = 0; k < 32; ++k) want += nib(a, m, k) * nib(b, n, k);
        REQUIRE(d.w(m, n) == int32_t(uint32_t(want)));
        REQUIRE(r.w(m, n) == int32_t(uint32_t(want)));
      }
  }
  Tile a, b;
  std::memset(a.b, 0x88, 256);  // every element -8
  std::memset(b.b, 0x88, 256);
  Tile d = filled(1);
  mma_s4(d, a, b);
  CHECK(d.w(9, 4) == 1 + 32 * 64);
  std::memset(b.b, 0x78, 256);  // elements -8 (even k), 7 (odd k)
  Tile e = filled(0);
  mma_s4(e, a, b);
  CHECK(e.w(0, 15) == 16 * 64 + 16 * -56);
}

TEST_CASE("MMA of -128 x -128 accumulates to 262144 per element and int32 accumulation wraps", "[xtile][func]") {
  Tile a, b;
  std::memset(a.b, 0x80, 256);
  std::memset(b.b, 0x80, 256);
  Tile d = filled(0);
  mma_i8(d, a, b, true, true);
  CHECK(d.w(0, 0) == 16 * 16384);
  CHECK(d.w(15, 15) == 262144);
  Tile w = filled(kMax);
  mma_i8(w, a, b, true, true);
  CHECK(w.w(3, 4) == int32_t(uint32_t(kMax) + 262144u));  // wrapped, negative
  CHECK(w.w(3, 4) < 0);
  // unsigned 255 x 255 x 16
  std::memset(a.b, 0xff, 256);
  std::memset(b.b, 0xff, 256);
  Tile u = filled(0);
  mma_i8(u, a, b, false, false);
  CHECK(u.w(7, 7) == 16 * 255 * 255);
  Tile su = filled(0);
  mma_i8(su, a, b, true, false);  // -1 x 255
  CHECK(su.w(1, 2) == -16 * 255);
}

TEST_CASE("ternary MMA: codes 0,1,3 mean 0, +1, -1 and 2 is invalid (0, counted)", "[xtile][func]") {
  Tile a, w;
  a.clear();
  w.clear();
  for (int k = 0; k < 16; ++k) a.set_8(0, k, static_cast<uint8_t>(int8_t(k - 8)));  // -8..7
  for (int k = 0; k < 16; ++k) w.set_code(0, k, unsigned(k % 4));                 // 0,1,2,3,...
  Tile d = filled(100);
  const uint32_t invalid = mma_t2(d, a, w);
  int want = 100;
  for (int k = 0; k < 16; ++k) want += (k - 8) * (k % 4 == 1 ? 1 : k % 4 == 3 ? -1 : 0);
  CHECK(d.w(0, 0) == want);
  CHECK(d.w(1, 0) == 100);  // row 1 of A is zero
  // Rows of W other than 0 are all code 0 (zero weight)
  CHECK(d.w(0, 5) == 100);
  CHECK(invalid == 4);
  std::mt19937 rng(3);
  for (int trial = 0; trial < 20; ++trial) {
    const Tile ra = random_tile(rng), rw = random_tile(rng);
    Tile rd = filled(0);
    mma_t2(rd, ra, rw);
    for (int m = 0; m < 16; ++m)
      for (int n = 0; n < 16; ++n) {
        int32_t s = 0;
        for (int k = 0; k < 16; ++k) {
          const unsigned code = (rw.b[n * 4 + k / 4] >> (2 * (k % 4))) & 3;
          s += int8_t(ra.b[m * 16 + k]) * (code == 1 ? 1 : code == 3 ? -1 : 0);
        }
        REQUIRE(rd.w(m, n) == s);
      }
  }
}

TEST_CASE("elementwise int32 ops wrap, saturate and shift as specified", "[xtile][func]") {
  Tile a = filled(kMax), b = filled(1), d;
  elementwise(Ew::Add, d, a, b, 0);
  CHECK(d.w(0, 0) == kMin);
  elementwise(Ew::Sub, d, filled(kMin), b, 0);
  CHECK(d.w(5, 5) == kMax);
  elementwise(Ew::Mul, d, filled(0x10000), filled(0x10000), 0);
  CHECK(d.w(0, 0) == 0);
  // mulq: (a*b + 2^(f-1)) >> f with saturation both ways
  elementwise(Ew::MulQ, d, filled(3 << 16), filled(1 << 15), 16);  // 3.0 * 0.5
  CHECK(d.w(0, 0) == 3 << 15);
  elementwise(Ew::MulQ, d, filled(kMax), filled(kMax), 16);
  CHECK(d.w(0, 0) == kMax);
  elementwise(Ew::MulQ, d, filled(kMin), filled(kMax), 16);
  CHECK(d.w(0, 0) == kMin);
  elementwise(Ew::MulQ, d, filled(3), filled(1), 1);  // 1.5 rounds half up to 2
  CHECK(d.w(0, 0) == 2);
  elementwise(Ew::MulQ, d, filled(-3), filled(1), 1);  // -1.5 rounds half up to -1
  CHECK(d.w(0, 0) == -1);
  elementwise(Ew::Sra, d, filled(-256), filled(36), 0);  // shift amount & 31 = 4
  CHECK(d.w(0, 0) == -16);
  elementwise_x(Ew::Max, d, filled(-5), 3, 0);
  CHECK(d.w(2, 9) == 3);
  elementwise_x(Ew::Min, d, filled(-5), 3, 0);
  CHECK(d.w(2, 9) == -5);
  // in-place (d aliases a)
  Tile x = filled(10);
  elementwise(Ew::Add, x, x, x, 0);
  CHECK(x.w(15, 0) == 20);
}

TEST_CASE("row reductions accumulate into the destination and broadcast across the row", "[xtile][func]") {
  Tile a;
  for (int r = 0; r < 16; ++r)
    for (int c = 0; c < 16; ++c) a.set_w(r, c, (c - 8) * (r + 1));
  a.set_w(3, 2, kMin);
  Tile mx = filled(kMin), am = filled(0), sm = filled(1000);
  row_reduce(Row::Max, mx, a);
  row_reduce(Row::AbsMax, am, a);
  row_reduce(Row::Sum, sm, a);
  for (int c = 0; c < 16; ++c) {
    CHECK(mx.w(0, c) == 7);
    CHECK(mx.w(4, c) == 35);
    CHECK(am.w(0, c) == 8);
    CHECK(am.w(3, c) == kMax);  // |INT32_MIN| saturates
    CHECK(sm.w(0, c) == 1000 - 8);
  }
  Tile higher = filled(100);
  row_reduce(Row::Max, higher, a);  // accumulating: keeps the larger old value
  CHECK(higher.w(0, 0) == 100);
  CHECK(higher.w(15, 0) == 112);
}

TEST_CASE("fixed-point exp2 stays within 0.6 ULP of 2^x over [-24, 0] (exhaustive at frac 16)", "[xtile][func]") {
  for (uint32_t frac : {16u, 12u, 8u}) {
    double worst = 0;
    for (int64_t x = -(int64_t(24) << frac); x <= 0; x += (frac == 16 ? 1 : 1)) {
      const double exact = std::exp2(double(x) / double(1u << frac)) * double(1u << frac);
      worst = std::max(worst, std::fabs(exp2_fixed(int32_t(x), frac) - exact));
    }
    INFO("frac " << frac << " worst error " << worst << " ULP");
    CHECK(worst <= 0.6);
  }
  {  // the tile op is the element function over the tile
    std::mt19937 rng(4);
    Tile a, d;
    const int32_t edge[] = {0, -1, 1, INT32_MIN, INT32_MAX, -(1 << 24), -(1 << 30), -65536, -65537, -255, -256, -257};
    for (int r = 0; r < 16; ++r)
      for (int c = 0; c < 16; ++c)
        a.set_w(r, c, r == 15 && c < 12 ? edge[c] : -static_cast<int32_t>(rng() % (40u << 16)) + (r == 0 ? 70000 : 0));
    for (uint32_t frac : {0u, 1u, 4u, 7u, 8u, 9u, 16u, 23u, 24u}) {
      exp2_tile(d, a, frac);
      for (int r = 0; r < 16; ++r)
        for (int c = 0; c < 16; ++c) REQUIRE(d.w(r, c) == exp2_fixed(a.w(r, c), frac));
    }
  }
  CHECK(exp2_fixed(0, 16) == 65536);
  CHECK(exp2_fixed(5 << 16, 16) == 65536);  // positive inputs clamp to 1.0
  CHECK(exp2_fixed(-(1 << 16), 16) == 32768);
  CHECK(exp2_fixed(kMin, 16) == 0);
}

TEST_CASE("fixed-point reciprocal is correctly rounded and saturates", "[xtile][func]") {
  CHECK(rcp_fixed(1 << 16, 16) == 1 << 16);
  CHECK(rcp_fixed(2 << 16, 16) == 1 << 15);
  CHECK(rcp_fixed(-(4 << 16), 16) == -(1 << 14));
  CHECK(rcp_fixed(3 << 16, 16) == 21845);  // 65536/3 = 21845.33
  CHECK(rcp_fixed(0, 16) == kMax);
  CHECK(rcp_fixed(1, 16) == kMax);  // 2^32 saturates
  std::mt19937 rng(11);
  for (int i = 0; i < 100000; ++i) {
    const int32_t x = int32_t(rng() % 2000000) + 40000;
    const double exact = std::ldexp(1.0, 32) / x;
    CHECK(std::fabs(rcp_fixed(x, 16) - exact) <= 0.5);
  }
}

TEST_CASE("quant tile ops (hoisted, vectorized loops) equal requant per element", "[xtile][func]") {
  std::mt19937 rng(12);
  const int32_t edge[] = {0, 1, -1, 5, -5, 7, -7, 127, 128, -128, -129, 255, 256, INT32_MAX, INT32_MIN, 1 << 20, -(1 << 20)};
  auto word = [&] { return rng() % 3 ? static_cast<int32_t>(rng()) >> (rng() % 31) : edge[rng() % (sizeof edge / sizeof edge[0])]; };
  for (int trial = 0; trial < 30; ++trial) {
    Tile a, sc;
    for (int r = 0; r < 16; ++r)
      for (int c = 0; c < 16; ++c) a.set_w(r, c, word()), sc.set_w(r, c, word() >> (rng() % 16));
    const int32_t scale = word() >> (rng() % 20);
    for (uint32_t shift : {0u, 1u, 2u, 7u, 16u, 31u, 40u, 62u})
      for (uint32_t round = 0; round < 3; ++round)
        for (bool u : {false, true}) {
          Tile d = filled(-1), e = a;
          quant(d, a, scale, shift, round, u);
          quant_rows(e, e, sc, shift, round, u);  // in place
          for (int r = 0; r < 16; ++r)
            for (int c = 0; c < 16; ++c) {
              INFO("x " << a.w(r, c) << " scale " << scale << " row scale " << sc.w(r, 0) << " shift " << shift << " round " << round << " unsigned " << u);
              REQUIRE(d.u8(r, c) == uint8_t(requant(a.w(r, c), scale, shift, round, u)));
              REQUIRE(e.u8(r, c) == uint8_t(requant(a.w(r, c), sc.w(r, 0), shift, round, u)));
            }
          for (int i = 256; i < 1024; ++i) REQUIRE((d.b[i] == 0 && e.b[i] == 0));
        }
  }
}

TEST_CASE("requantization rounds by mode and saturates both ways", "[xtile][func]") {
  // x * scale / 2^shift with x*scale = 5 * 2^(shift-1) -> 2.5 exactly
  CHECK(requant(5, 1, 1, 0, false) == 3);   // half away from zero
  CHECK(requant(-5, 1, 1, 0, false) == -3);
  CHECK(requant(5, 1, 1, 1, false) == 2);   // half to even
  CHECK(requant(7, 1, 1, 1, false) == 4);
  CHECK(requant(-5, 1, 1, 1, false) == -2);
  CHECK(requant(5, 1, 1, 2, false) == 2);   // floor
  CHECK(requant(-5, 1, 1, 2, false) == -3);
  CHECK(requant(1000, 1, 0, 0, false) == 127);
  CHECK(requant(-1000, 1, 0, 0, false) == -128);
  CHECK(requant(1000, 1, 0, 0, true) == 255);
  CHECK(requant(-3, 1, 0, 0, true) == 0);
  CHECK(requant(kMax, kMax, 62, 0, false) == 1);  // (2^31-1)^2 / 2^62 = 0.99999999953: exact product, rounded
  Tile a = filled(300), t;
  quant(t, a, 1, 2, 0, false);  // 75
  CHECK(t.s8(0, 0) == 75);
  CHECK(t.b[256] == 0);  // rest of the register cleared
  Tile scales;
  for (int r = 0; r < 16; ++r) scales.set_w(r, 0, r);
  quant_rows(t, filled(4), scales, 0, 0, false);
  CHECK(t.s8(5, 3) == 20);
  quant_rows(t, filled(-4), scales, 0, 0, true);
  CHECK(t.u8(5, 3) == 0);
}

TEST_CASE("widen, fill, move, transpose and causal mask", "[xtile][func]") {
  Tile a;
  a.clear();
  a.set_8(2, 3, 0xff);
  Tile d;
  widen(d, a, true);
  CHECK(d.w(2, 3) == -1);
  widen(d, a, false);
  CHECK(d.w(2, 3) == 255);
  Tile m;
  for (int r = 0; r < 16; ++r)
    for (int c = 0; c < 16; ++c) m.set_w(r, c, r * 100 + c);
  transpose32(d, m);
  CHECK(d.w(3, 7) == 703);
  transpose32(m, m);  // in place
  CHECK(m.w(3, 7) == 703);
  causal_mask(d, filled(5), 0);
  CHECK(d.w(4, 4) == 5);
  CHECK(d.w(4, 5) == kNegInf);
  causal_mask(d, filled(5), -2);  // diagonal block shifted
  CHECK(d.w(4, 2) == 5);
  CHECK(d.w(4, 3) == kNegInf);
}

TEST_CASE("tile loads and stores honour tails of 1 and 15 and zero-fill outside", "[xtile][func]") {
  Scratchpad sp(4096, 16, 16);
  for (uint32_t i = 0; i < 4096; ++i) sp.data()[i] = static_cast<uint8_t>(i * 7 + 1);
  for (uint32_t tail : {1u, 15u, 16u}) {
    XtConfigState cfg;
    cfg.rows = tail;
    cfg.cols = 16 - (tail == 16 ? 0 : tail - 1);  // 16, 2, 16
    TileAccess acc;
    REQUIRE(tile_access(TileLayout::Int8, 32, 48, cfg, sp.size(), acc) == "");
    Tile t;
    std::memset(t.b, 0xaa, sizeof t.b);
    tile_load(t, sp, TileLayout::Int8, acc, cfg);
    for (uint32_t r = 0; r < 16; ++r)
      for (uint32_t c = 0; c < 16; ++c) {
        const uint8_t want = (r < cfg.rows && c < cfg.cols) ? sp.data()[32 + r * 48 + c] : 0;
        REQUIRE(t.u8(int(r), int(c)) == want);
      }
    CHECK(t.b[600] == 0);  // bytes beyond the int8 view are cleared
    // Store writes only inside the tail.
    Scratchpad out(4096, 16, 16);
    tile_store(out, t, TileLayout::Int8, acc, cfg);
    CHECK(out.data()[32] == sp.data()[32]);
    CHECK(out.data()[32 + (cfg.rows - 1) * 48 + cfg.cols] == 0);  // first byte past the tail
  }
  // int32 tail of 1 column: 4 bytes per row
  XtConfigState cfg;
  cfg.cols = 1;
  TileAccess acc;
  REQUIRE(tile_access(TileLayout::Int32, 0, 64, cfg, sp.size(), acc) == "");
  Tile t;
  tile_load(t, sp, TileLayout::Int32, acc, cfg);
  CHECK(t.w(1, 0) == int32_t(sp.data()[64] | sp.data()[65] << 8 | sp.data()[66] << 16 | uint32_t(sp.data()[67]) << 24));
  CHECK(t.w(1, 1) == 0);
  // ternary tail: outside codes are 0 (a zero weight)
  cfg = XtConfigState{};
  cfg.cols = 5;
  cfg.rows = 2;
  REQUIRE(tile_access(TileLayout::Ternary, 0, 4, cfg, sp.size(), acc) == "");
  tile_load(t, sp, TileLayout::Ternary, acc, cfg);
  CHECK(t.code(0, 4) == ((sp.data()[1] >> 0) & 3u));
  CHECK(t.code(0, 5) == 0u);
  CHECK(t.code(2, 0) == 0u);
}

TEST_CASE("transposed int8 load reads the tile column-wise", "[xtile][func]") {
  Scratchpad sp(4096, 16, 16);
  for (uint32_t i = 0; i < 4096; ++i) sp.data()[i] = static_cast<uint8_t>(i);
  XtConfigState cfg;
  cfg.rows = 3;  // memory holds 3 rows x 16 cols -> tile has 16 rows x 3 cols
  TileAccess acc;
  REQUIRE(tile_access(TileLayout::Int8Transposed, 256, 32, cfg, sp.size(), acc) == "");
  Tile t;
  tile_load(t, sp, TileLayout::Int8Transposed, acc, cfg);
  CHECK(t.u8(5, 2) == uint8_t(256 + 2 * 32 + 5));
  CHECK(t.u8(5, 3) == 0);
}

TEST_CASE("full transposed int8 loads are the transpose of the plain load", "[xtile][func]") {
  // The fast path (16 rows, then a byte transpose) against the plain load, which is held to the
  // placement elsewhere; strides, swizzle and two bank geometries.
  std::mt19937 rng(31);
  for (uint32_t width : {16u, 8u}) {
    Scratchpad sp(65536, 16, width);
    for (uint32_t i = 0; i < sp.size(); ++i) sp.data()[i] = static_cast<uint8_t>(rng());
    for (int trial = 0; trial < 200; ++trial) {
      XtConfigState cfg;
      cfg.swizzle = rng() % 2;
      const uint32_t stride = 16 * (1 + rng() % 32), addr = 16 * (rng() % ((65536 - 15 * stride - 16) / 16));
      TileAccess acc;
      REQUIRE(tile_access(TileLayout::Int8, addr, stride, cfg, sp.size(), acc) == "");
      Tile plain, tr = filled(-1);
      tile_load(plain, sp, TileLayout::Int8, acc, cfg);
      tile_load(tr, sp, TileLayout::Int8Transposed, acc, cfg);
      for (int i = 0; i < 16; ++i)
        for (int j = 0; j < 16; ++j) REQUIRE(tr.u8(j, i) == plain.u8(i, j));
      for (int i = 256; i < 1024; ++i) REQUIRE(tr.b[i] == 0);
    }
  }
}

TEST_CASE("the machine's fast tile loads equal tile_load for every layout", "[xtile][func]") {
  // XtileMachine::tile_mem (full int8 and ternary tiles take fast paths) against the plain
  // tile_load into a fresh register; registers holding int32 data before; bank widths 16, 8, 4.
  std::mt19937 rng(41);
  std::vector<uint8_t> dram(4096);
  for (uint32_t width : {16u, 8u, 4u}) {
    XtileMachine m(32, 65536, 16, width, 4, DramView{dram.data(), 0x80000000u, dram.size()});
    for (uint32_t i = 0; i < 65536; ++i) m.spad().data()[i] = static_cast<uint8_t>(rng());
    for (int trial = 0; trial < 300; ++trial) {
      using isa::Op;
      const Op ops[] = {Op::XT_TLD_B, Op::XT_TLD_T2, Op::XT_TLD_W, Op::XT_TLD_BT};
      const Op op = ops[rng() % 4];
      const TileLayout l = op == Op::XT_TLD_B ? TileLayout::Int8 : op == Op::XT_TLD_T2 ? TileLayout::Ternary
                           : op == Op::XT_TLD_W ? TileLayout::Int32 : TileLayout::Int8Transposed;
      const uint32_t align = op == Op::XT_TLD_T2 ? 4 : 16;
      m.cfg().swizzle = rng() % 2;
      m.cfg().rows = rng() % 4 ? 16 : 1 + rng() % 16;
      m.cfg().cols = rng() % 4 ? 16 : 1 + rng() % 16;
      const uint32_t stride = align * (1 + rng() % 40), addr = align * (rng() % ((65536 - 15 * stride - 64) / align));
      const unsigned rd = rng() % 32;
      if (rng() % 2) fill(m.tile(rd), static_cast<int32_t>(rng()));  // int32 data in the register
      TileAccess acc, want_acc;
      REQUIRE(m.tile_mem(op, rd, addr, stride, acc));
      REQUIRE(tile_access(l, addr, stride, m.cfg(), m.spad().size(), want_acc) == "");
      Tile want;
      tile_load(want, m.spad(), l, want_acc, m.cfg());
      INFO("op " << int(op) << " width " << width << " rows " << m.cfg().rows << " cols " << m.cfg().cols);
      REQUIRE(std::memcmp(m.tile(rd).b, want.b, 1024) == 0);
      REQUIRE((acc.addr == want_acc.addr && acc.stride == want_acc.stride && acc.rows == want_acc.rows && acc.row_bytes == want_acc.row_bytes));
    }
  }
}

TEST_CASE("bad tile accesses are reported: alignment and scratchpad overflow", "[xtile][func]") {
  XtConfigState cfg;
  TileAccess acc;
  CHECK_THAT(tile_access(TileLayout::Int8, 8, 16, cfg, 4096, acc), Catch::Contains("multiples of 16"));
  CHECK_THAT(tile_access(TileLayout::Int8, 4096 - 16, 16, cfg, 4096, acc), Catch::Contains("overflows the scratchpad"));
  CHECK(tile_access(TileLayout::Ternary, 4, 4, cfg, 4096, acc) == "");
}

TEST_CASE("swizzled placement is an involution inside a bank row that spreads a column over banks", "[xtile][func]") {
  Scratchpad sp(65536, 16, 16);
  std::set<uint32_t> banks;
  for (uint32_t r = 0; r < 16; ++r) {
    const uint32_t a = r * 256;  // one tile row per bank row: same bank without swizzle
    CHECK(sp.phys(sp.phys(a + 5, true), true) == a + 5);
    CHECK(sp.phys(a, true) / 256 == a / 256);
    banks.insert((sp.phys(a, true) / 16) % 16);
    CHECK((sp.phys(a, false) / 16) % 16 == 0);
  }
  CHECK(banks.size() == 16);
}

TEST_CASE("int8 tile loads zero the int32 view however the register was last written", "[xtile][func]") {
  // The machine skips clearing bytes 256..1023 when it knows they are zero: every other writer of
  // the register must make it forget that.
  std::vector<uint8_t> dram(4096, 0);
  XtileMachine m(32, 65536, 16, 16, 4, DramView{dram.data(), 0x80000000u, dram.size()});
  for (uint32_t i = 0; i < 65536; ++i) m.spad().data()[i] = static_cast<uint8_t>(i * 13 + 7);
  ExecInfo info;
  auto run = [&](isa::Op op, uint8_t rd, uint32_t x1 = 0, uint32_t x2 = 0, uint8_t rs1 = 0, uint8_t rs2 = 0) {
    core::XtInsn in;
    in.op = op;
    in.rd = rd; in.rs1 = rs1; in.rs2 = rs2;
    in.rs1_val = x1; in.rs2_val = x2;
    m.execute(in, info);
    REQUIRE(info.fault == "");
  };
  auto check_int8 = [&](unsigned t, uint32_t addr, uint32_t stride, bool swz) {
    const Tile& x = std::as_const(m).tile(t);
    for (uint32_t r = 0; r < 16; ++r)
      for (uint32_t c = 0; c < 16; ++c) REQUIRE(x.u8(int(r), int(c)) == m.spad().data()[m.spad().phys(addr + r * stride + c, swz)]);
    for (uint32_t i = 256; i < 1024; ++i) REQUIRE(x.b[i] == 0);
  };
  run(isa::Op::XT_TLD_W, 3, 1024, 64);  // int32 view full of non-zero bytes
  run(isa::Op::XT_TLD_B, 3, 0, 16);
  check_int8(3, 0, 16, false);
  run(isa::Op::XT_TLD_B, 3, 256, 32);  // known zero: the clear is skipped
  check_int8(3, 256, 32, false);
  run(isa::Op::XT_FILL, 3, 0x01020304u);  // a vector-unit write
  run(isa::Op::XT_TLD_B, 3, 512, 16);
  check_int8(3, 512, 16, false);
  run(isa::Op::XT_TLD_B, 4, 0, 16);
  run(isa::Op::XT_TLD_B, 5, 4096, 256);
  run(isa::Op::XT_MMA_SS, 3, 0, 0, 4, 5);  // an MMA accumulates int32 into tr3
  run(isa::Op::XT_TLD_B, 3, 768, 16);
  check_int8(3, 768, 16, false);
  m.tile(3).b[700] = 9;  // a write through the machine's writable accessor (the timed MAC engines)
  run(isa::Op::XT_TLD_B, 3, 768, 16);
  check_int8(3, 768, 16, false);
  run(isa::Op::XT_CFG, 0, kCfg_SWIZZLE, 1);  // swizzled rows, 256 bytes apart: every bank
  run(isa::Op::XT_TLD_B, 3, 8192, 256);
  check_int8(3, 8192, 256, true);
  // Swizzled int32 and int8 stores land where the placement says.
  run(isa::Op::XT_TLD_W, 6, 1024, 64);
  run(isa::Op::XT_TST_W, 6, 16384, 256);
  run(isa::Op::XT_TST_B, 3, 32768 + 48, 512);
  const Tile& w6 = std::as_const(m).tile(6);
  const Tile& b3 = std::as_const(m).tile(3);
  for (uint32_t r = 0; r < 16; ++r) {
    for (uint32_t j = 0; j < 64; ++j) REQUIRE(m.spad().data()[m.spad().phys(16384 + r * 256 + j, true)] == w6.b[64 * r + j]);
    for (uint32_t j = 0; j < 16; ++j) REQUIRE(m.spad().data()[m.spad().phys(32768 + 48 + r * 512 + j, true)] == b3.b[16 * r + j]);
  }
}

TEST_CASE("DMA boxes: zero-fill outside the tensor on load, skip it on store, add on reduce", "[xtile][func]") {
  std::vector<uint8_t> dram(1 << 16, 0);
  const uint32_t base = 0x1000;
  auto* tensor = reinterpret_cast<int32_t*>(dram.data());  // 5 x 3 int32 at DRAM base
  for (int i = 0; i < 15; ++i) tensor[i] = i + 1;
  Scratchpad sp(8192, 16, 16);
  DmaDesc d;
  d.base = base; d.rows = 5; d.cols = 3; d.pitch = 12; d.box_rows = 4; d.box_cols = 4; d.elem = 4; d.spad_pitch = 16;
  DmaEffect eff;
  // Box at (3, 1): rows 3,4 in, 5,6 out; cols 1,2 in, 3,4 out.
  d.col = 1;
  REQUIRE(dma_execute(DmaDir::Load, d, 3, 64, dram.data(), base, dram.size(), sp, eff) == "");
  d.col = 0;
  auto spw = [&](uint32_t a) { int32_t v; std::memcpy(&v, sp.data() + a, 4); return v; };
  CHECK(spw(64) == 3 * 3 + 2);       // tensor[3][1]
  CHECK(spw(64 + 4) == 3 * 3 + 3);   // tensor[3][2]
  CHECK(spw(64 + 8) == 0);           // column 3: outside
  CHECK(spw(64 + 16) == 4 * 3 + 2);  // tensor[4][1]
  CHECK(spw(64 + 32) == 0);          // row 5: outside
  CHECK(eff.bytes == 2 * 2 * 4);
  CHECK(eff.dram_segments.size() == 2);
  // Store the box back shifted to (0, 0): only in-tensor elements are written.
  std::memset(sp.data() + 64, 0x11, 64);
  REQUIRE(dma_execute(DmaDir::Store, d, 0, 64, dram.data(), base, dram.size(), sp, eff) == "");
  CHECK(tensor[0] == 0x11111111);
  CHECK(tensor[3] == 0x11111111);
  CHECK(eff.bytes == 4 * 3 * 4);
  // Reduce adds int32
  for (int i = 0; i < 15; ++i) tensor[i] = 1;
  for (uint32_t k = 0; k < 64; k += 4) { int32_t two = 2; std::memcpy(sp.data() + 64 + k, &two, 4); }
  REQUIRE(dma_execute(DmaDir::Reduce, d, 0, 64, dram.data(), base, dram.size(), sp, eff) == "");
  CHECK(tensor[0] == 3);
  CHECK(tensor[14] == 1);  // row 4 is outside the 4-row box
  // Faults
  d.elem = 1;
  CHECK_THAT(dma_execute(DmaDir::Reduce, d, 0, 64, dram.data(), base, dram.size(), sp, eff), Catch::Contains("int32"));
  d.elem = 4;
  d.base = 0x10;
  CHECK_THAT(dma_execute(DmaDir::Load, d, 0, 64, dram.data(), base, dram.size(), sp, eff), Catch::Contains("outside DRAM"));
  d.base = base;
  CHECK_THAT(dma_execute(DmaDir::Load, d, 0, 8192 - 16, dram.data(), base, dram.size(), sp, eff), Catch::Contains("overflows the scratchpad"));
  const uint32_t words[8] = {base, 5, 3, 12, 4 | (4u << 16), 3, 16, 0};
  DmaDesc p;
  CHECK_THAT(parse_desc(words, 4, p), Catch::Contains("element size 3"));
  const uint32_t wq[8] = {base, 5, 3, 12, 4 | (4u << 16), 4 | (9u << 16), 16, 0};
  CHECK_THAT(parse_desc(wq, 4, p), Catch::Contains("queue 9"));
}

TEST_CASE("DMA box origins are signed 32-bit: rows and columns past 32,767 and 65,535, negative ones", "[xtile][func]") {
  // The origin row comes from rs2 and the column from descriptor word 7, both int32: boxes far
  // into a tall or a wide tensor land where they should (a 16-bit origin would wrap).
  std::vector<uint8_t> dram(1 << 18);
  for (size_t i = 0; i < dram.size(); ++i) dram[i] = static_cast<uint8_t>(i * 7 + (i >> 9));
  const uint32_t base = 0x80000000u;
  Scratchpad sp(8192, 16, 16);
  DmaEffect eff;
  DmaDesc tall;  // 80,000 rows of 3 bytes
  tall.base = base; tall.rows = 80000; tall.cols = 3; tall.pitch = 3; tall.box_rows = 2; tall.box_cols = 16; tall.elem = 1;
  tall.spad_pitch = 16;
  for (const uint32_t row : {32767u, 32768u, 65536u, 79999u}) {
    REQUIRE(dma_execute(DmaDir::Load, tall, row, 0, dram.data(), base, dram.size(), sp, eff) == "");
    CHECK(sp.data()[0] == dram[size_t(row) * 3]);
    CHECK(sp.data()[2] == dram[size_t(row) * 3 + 2]);
    CHECK(sp.data()[3] == 0);  // column 3: outside the tensor
    CHECK(sp.data()[16] == (row + 1 < 80000 ? dram[size_t(row + 1) * 3] : 0));
  }
  DmaDesc wide;  // 2 rows of 100,000 bytes
  wide.base = base; wide.rows = 2; wide.cols = 100000; wide.pitch = 100000; wide.box_rows = 2; wide.box_cols = 16; wide.elem = 1;
  wide.spad_pitch = 16;
  for (const int32_t col : {32767, 32768, 65535, 65536, 99990}) {
    wide.col = uint32_t(col);
    REQUIRE(dma_execute(DmaDir::Load, wide, 0, 0, dram.data(), base, dram.size(), sp, eff) == "");
    for (int j = 0; j < 16; ++j) {
      CHECK(sp.data()[j] == (col + j < 100000 ? dram[size_t(col + j)] : 0));
      CHECK(sp.data()[16 + j] == (col + j < 100000 ? dram[100000 + size_t(col + j)] : 0));
    }
  }
  wide.col = uint32_t(-8);  // negative origins: the part before the tensor is zero-filled
  REQUIRE(dma_execute(DmaDir::Load, wide, uint32_t(-1), 0, dram.data(), base, dram.size(), sp, eff) == "");
  for (int j = 0; j < 16; ++j) {
    CHECK(sp.data()[j] == 0);  // row -1
    CHECK(sp.data()[16 + j] == (j >= 8 ? dram[size_t(j - 8)] : 0));
  }
  const uint32_t words[8] = {base, 2, 100000, 100000, 2 | (16u << 16), 1, 16, uint32_t(-70000)};
  DmaDesc p;
  REQUIRE(parse_desc(words, 4, p) == "");
  CHECK(p.col0() == -70000);
}

TEST_CASE("DMA boxes land byte for byte where the placement says, swizzled or not, for every bank geometry", "[xtile][func]") {
  // Random boxes (chunk-aligned full rows take the fast copy paths, others the general walk)
  // against a byte-by-byte model of the placement: scratchpad byte phys(a) holds logical byte a.
  std::mt19937 rng(11);
  std::vector<uint8_t> dram(1 << 18);
  for (auto& b : dram) b = static_cast<uint8_t>(rng());
  const uint32_t base = 0x80000000u;
  for (const auto& [banks, width] : std::vector<std::pair<uint32_t, uint32_t>>{{16, 16}, {8, 16}, {16, 32}, {4, 64}, {16, 8}}) {
    Scratchpad sp(65536, banks, width);
    for (int trial = 0; trial < 300; ++trial) {
      DmaDesc d;
      d.elem = 1u << (rng() % 3);
      d.rows = 1 + rng() % 64;
      d.cols = (16 + rng() % 512) / d.elem;
      d.pitch = d.cols * d.elem + 16 * (rng() % 4);
      d.base = base + 16 * (rng() % 64);
      d.box_rows = 1 + rng() % 40;
      d.box_cols = (rng() % 2 ? 256 : 16 * (1 + rng() % 24)) / d.elem;
      d.swizzle = rng() % 2;
      d.spad_pitch = d.box_cols * d.elem + 16 * (rng() % 3);
      const uint32_t spad_addr = (rng() % 2 ? 256 * (rng() % 64) : 16 * (rng() % 1024)) & ~(d.elem - 1);
      const int32_t r0 = int32_t(rng() % 80) - 8, c0 = (int32_t(rng() % 600) - 40) / int32_t(d.elem);
      d.col = uint32_t(c0);
      const bool store = rng() % 2;
      if (uint64_t(d.base - base) + uint64_t(d.rows) * d.pitch > dram.size()) continue;
      if (spad_addr + (d.box_rows - 1) * d.spad_pitch + d.box_cols * d.elem > sp.size()) continue;
      for (uint32_t i = 0; i < sp.size(); ++i) sp.data()[i] = static_cast<uint8_t>(rng());
      const std::vector<uint8_t> sp0(sp.data(), sp.data() + sp.size()), dram0 = dram;
      DmaEffect eff;
      REQUIRE(dma_execute(store ? DmaDir::Store : DmaDir::Load, d, uint32_t(r0), spad_addr, dram.data(), base, dram.size(), sp, eff) == "");
      uint64_t bad = 0;
      std::string first;
      for (uint32_t i = 0; i < d.box_rows; ++i)
        for (uint32_t j = 0; j < d.box_cols * d.elem; ++j) {
          const int64_t tr = r0 + int64_t(i), tc = c0 + int64_t(j / d.elem);
          const bool in = tr >= 0 && tr < int64_t(d.rows) && tc >= 0 && tc < int64_t(d.cols);
          const uint32_t sa = sp.phys(spad_addr + i * d.spad_pitch + j, d.swizzle);
          const uint64_t da = in ? uint64_t(d.base - base) + uint64_t(tr) * d.pitch + uint64_t(tc) * d.elem + j % d.elem : 0;
          const bool ok = store ? (!in || dram[da] == sp0[sa]) : sp.data()[sa] == (in ? dram[da] : 0);
          if (!ok && !bad++) first = "box row " + std::to_string(i) + " byte " + std::to_string(j);
        }
      INFO("banks " << banks << " width " << width << " trial " << trial << (store ? " store" : " load") << ": first bad " << first);
      REQUIRE(bad == 0);
      if (store) std::copy(dram0.begin(), dram0.end(), dram.begin());
    }
  }
}

TEST_CASE("config fields accept only their ranges", "[xtile][func]") {
  XtConfigState c;
  CHECK_FALSE(c.set(kCfg_ROWS, 0));
  CHECK_FALSE(c.set(kCfg_ROWS, 17));
  CHECK(c.set(kCfg_ROWS, 1));
  CHECK_FALSE(c.set(kCfg_FRAC, 25));
  CHECK_FALSE(c.set(kCfg_ROUND, 3));
  CHECK_FALSE(c.set(6, 0));
  uint32_t v = 0;
  CHECK(c.get(kCfg_ROWS, v));
  CHECK(v == 1);
}

TEST_CASE("the full-tile row loaders (AVX2 and portable) follow the placement formula for every bank geometry", "[xtile][func]") {
  std::mt19937 rng(29);
  for (uint32_t banks : {1u, 2u, 4u, 8u, 16u, 32u})
    for (uint32_t width : {16u, 32u, 64u}) {
      Scratchpad sp(1u << 18, banks, width);
      for (uint32_t i = 0; i < sp.size(); ++i) sp.data()[i] = static_cast<uint8_t>(rng());
      for (int trial = 0; trial < 60; ++trial) {
        const bool swz = rng() % 2;
        const uint32_t stride = 16 * (1 + rng() % 64), addr = 16 * (rng() % ((sp.size() - 16 * stride) / 16));
        uint8_t want[256];
        for (uint32_t r = 0; r < 16; ++r) std::memcpy(want + 16 * r, sp.data() + sp.phys(addr + r * stride, swz), 16);
        for (KernelSet ks : {KernelSet::Fast, KernelSet::Ref}) {
          uint8_t got[256];
          rows16_kernel(ks)(got, sp.data(), addr, stride, sp.row_shift(), swz ? banks - 1 : 0, sp.bank_width_shift());
          INFO("banks " << banks << " width " << width << " swizzle " << swz << " set " << (ks == KernelSet::Fast ? "fast" : "ref"));
          REQUIRE(std::memcmp(got, want, 256) == 0);
        }
      }
    }
}
