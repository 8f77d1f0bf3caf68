// The CUDA reference's host-testable parts (workloads/cuda/): the fragment-ownership functions
// against the layouts as the PTX ISA states them (register by register, and that every element
// of a fragment has exactly one owner), and the shared integer steps against the golden models.
#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <random>
#include <set>

#include "sim/xtile/ops.h"
#include "workloads/attention/golden.h"
#include "workloads/bitnet/golden.h"
#include "workloads/cuda/attention_steps.h"
#include "workloads/cuda/bitnet_steps.h"
#include "workloads/cuda/fixed_point.h"
#include "workloads/cuda/fragments.h"
#include "workloads/cuda/wgmma_layout.h"
#include "workloads/host/golden/golden.h"
#include "workloads/host/recipes.h"

TEST_CASE("cuda: mma.sync m16n8k32 A fragment is the PTX ISA's layout", "[cuda]") {
  // PTX ISA (m16n8k32, .s8): g = lane >> 2, t = lane % 4; register 0 = row g, k 4t..4t+3;
  // register 1 = row g + 8, same k; register 2 = row g, k + 16; register 3 = row g + 8, k + 16.
  std::set<std::pair<int, int>> seen;
  for (int lane = 0; lane < 32; ++lane)
    for (int reg = 0; reg < 4; ++reg)
      for (int byte = 0; byte < 4; ++byte) {
        const int g = lane / 4, t = lane % 4;
        const int row = g + (reg % 2 == 1 ? 8 : 0), k = 4 * t + byte + (reg >= 2 ? 16 : 0);
        const tsgpu::Coord e = tsgpu::mma_a(lane, 4 * reg + byte);
        INFO("lane " << lane << " reg " << reg << " byte " << byte);
        CHECK(e.row == row);
        CHECK(e.col == k);
        seen.insert({e.row, e.col});
      }
  CHECK(seen.size() == 16 * 32);  // every element of the 16 x 32 A once
}

TEST_CASE("cuda: mma.sync m16n8k32 B and C fragments are the PTX ISA's layouts", "[cuda]") {
  std::set<std::pair<int, int>> b, c;
  for (int lane = 0; lane < 32; ++lane) {
    const int g = lane / 4, t = lane % 4;
    for (int reg = 0; reg < 2; ++reg)  // B: register 0 = column g, k 4t..4t+3; register 1: k + 16
      for (int byte = 0; byte < 4; ++byte) {
        const tsgpu::Coord e = tsgpu::mma_b(lane, 4 * reg + byte);
        CHECK(e.row == 4 * t + byte + 16 * reg);
        CHECK(e.col == g);
        b.insert({e.row, e.col});
      }
    for (int i = 0; i < 4; ++i) {  // C: c0, c1 row g, c2, c3 row g + 8; column 2t + (i & 1)
      const tsgpu::Coord e = tsgpu::mma_c(lane, i);
      CHECK(e.row == g + (i < 2 ? 0 : 8));
      CHECK(e.col == 2 * t + i % 2);
      c.insert({e.row, e.col});
    }
  }
  CHECK(b.size() == 32 * 8);
  CHECK(c.size() == 16 * 8);
}

TEST_CASE("cuda: the wgmma m64nNk32 accumulator layout covers 64 x N once (CUTLASS CLayout_64xN)", "[cuda]") {
  for (int n : {8, 16, 64, 128, 256}) {
    std::set<std::pair<int, int>> seen;
    for (int t = 0; t < 128; ++t)
      for (int v = 0; v < n / 2; ++v) {
        const tsgpu::Coord e = tsgpu::wgmma_acc(t, v);
        CHECK(e.row < 64);
        CHECK(e.col < n);
        seen.insert({e.row, e.col});
      }
    CHECK(seen.size() == size_t(64) * n);
  }
  // Warp w of the warpgroup owns rows 16w .. 16w + 15 (the m64 is four m16 slices); within a
  // warp, thread t and value v are mma.sync's C layout repeated along n every 8 columns.
  for (int t = 0; t < 128; ++t)
    for (int v = 0; v < 8; ++v) {
      const tsgpu::Coord e = tsgpu::wgmma_acc(t, v), c = tsgpu::mma_c(t % 32, v % 4);
      CHECK(e.row == 16 * (t / 32) + c.row);
      CHECK(e.col == 8 * (v / 4) + c.col);
    }
}

TEST_CASE("cuda: the shared integer steps equal the golden models", "[cuda]") {
  std::mt19937 rng(5);
  for (int i = 0; i < 200000; ++i) {
    const int32_t x = static_cast<int32_t>(rng());
    const int32_t scale = static_cast<int32_t>(rng() % (1u << 30)) + 1;
    const uint32_t shift = rng() % 63;
    REQUIRE(tsgpu::requant(x, scale, shift) == golden::requant(x, scale, shift));
  }
  for (int x : {0, 1, -1, 127, -128, 2147483647, -2147483647 - 1})
    for (uint32_t shift : {0u, 1u, 12u, 31u, 62u}) CHECK(tsgpu::requant(x, 1 << 20, shift) == golden::requant(x, 1 << 20, shift));
  for (int byte = 0; byte < 256; ++byte) {
    const uint32_t w = tsgpu::ternary_unpack4(static_cast<uint8_t>(byte));
    for (unsigned k = 0; k < 4; ++k) {
      CHECK(tsgpu::ternary_value(static_cast<uint8_t>(byte), k) == golden::ternary(static_cast<uint8_t>(byte), k));
      CHECK(static_cast<int8_t>(w >> (8 * k)) == golden::ternary(static_cast<uint8_t>(byte), k));
    }
    const uint8_t row[2] = {static_cast<uint8_t>(byte), static_cast<uint8_t>(255 - byte)};
    for (uint32_t x = 0; x < 4; ++x) CHECK(tsgpu::int4_value(row, x) == golden::int4(row, x));
  }
  CHECK(tsgpu::wrap_add(2147483647, 1) == -2147483647 - 1);
  CHECK(tsgpu::wrap_add(0x7FFFFFF0, 16) == int32_t(0x80000000u));
}

TEST_CASE("cuda: the exp2 table and exp2_q16 are xt.exp2 with 16 fraction bits", "[cuda]") {
  const auto lut = tsgpu::exp2_table();
  CHECK(lut[0] == (int64_t(1) << 30));
  CHECK(lut[256] == (int64_t(1) << 29));
  // every x in [-40, 1] in Q16 (all table entries and interpolation steps, the shifts past 2^-30
  // where the result is 0), then random x over the whole int32 range
  for (int64_t x = -40ll * 65536; x <= 65536; ++x)
    REQUIRE(tsgpu::exp2_q16(int32_t(x), lut.data()) == xtile::exp2_fixed(int32_t(x), 16));
  std::mt19937 rng(11);
  for (int i = 0; i < 200000; ++i) {
    const int32_t x = static_cast<int32_t>(rng());
    REQUIRE(tsgpu::exp2_q16(x, lut.data()) == xtile::exp2_fixed(x, 16));
  }
  CHECK(tsgpu::exp2_q16(INT32_MIN, lut.data()) == xtile::exp2_fixed(INT32_MIN, 16));
}

TEST_CASE("cuda: attention_row (the CUDA kernels' steps) equals the golden fixed-point attention", "[cuda]") {
  // Shapes across the block edges: partial query and key blocks, both head dims, causal, gains
  // 1, 2 and 4 (seq >= 64, >= 256), several slices; inputs from the recipe tilesim run uses.
  const auto lut = tsgpu::exp2_table();
  struct S {
    uint32_t b, h, seq, dim;
    bool causal;
  };
  for (const S& s : {S{1, 1, 1, 64, false}, S{1, 1, 17, 64, true}, S{1, 2, 50, 64, false}, S{2, 1, 37, 128, true}, S{1, 1, 100, 128, false},
                     S{1, 1, 300, 64, false}, S{1, 1, 129, 64, true}}) {
    const wl::recipe::Attention in = wl::recipe::attention(s.b, s.h, s.seq, s.dim, s.causal, 3);
    const golden::AttentionShape gs{s.b, s.h, s.seq, s.dim, s.causal};
    const std::vector<int8_t> want = golden::attention_fixed(gs, in.q, in.k, in.v, in.c, in.out_mul, in.out_shift);
    std::vector<int8_t> got(want.size(), 0x5a);
    std::vector<int32_t> o(s.dim);
    for (uint32_t sl = 0; sl < s.b * s.h; ++sl) {
      const size_t base = size_t(sl) * s.seq * s.dim;
      for (uint32_t i = 0; i < s.seq; ++i)
        tsgpu::attention_row(&in.q[base], &in.k[base], &in.v[base], s.seq, s.dim, s.causal, i, in.c, in.out_mul, in.out_shift, lut.data(),
                             o.data(), &got[base + size_t(i) * s.dim]);
    }
    INFO("attention " << s.b << "x" << s.h << " seq " << s.seq << " dim " << s.dim << (s.causal ? " causal" : ""));
    CHECK(got == want);
  }
  // The steps at their edges: an empty row sum, negative sums, saturation of the output.
  CHECK(tsgpu::attn_recip(0) == INT32_MAX);
  CHECK(tsgpu::attn_recip(1) == INT32_MAX);
  CHECK(tsgpu::attn_recip(65536) == 65536);
  CHECK(tsgpu::attn_recip(-65536) == -65536);
  CHECK(tsgpu::attn_out(INT32_MAX, INT32_MAX, 1 << 24, 24) == 127);
  CHECK(tsgpu::attn_out(INT32_MIN, INT32_MAX, 1 << 24, 24) == -128);
}

TEST_CASE("cuda: the BitNet steps with a ternary GEMM between them equal the golden layer", "[cuda]") {
  auto layer = [](const std::vector<int32_t>& x, const std::vector<uint8_t>& w, uint32_t t, uint32_t in, uint32_t out, int32_t k, bool relu) {
    std::vector<int8_t> xq(size_t(t) * in);
    std::vector<int32_t> amax(t), y(size_t(t) * out);
    for (uint32_t r = 0; r < t; ++r) {  // quantize_kernel
      int64_t m = 0;
      for (uint32_t i = 0; i < in; ++i) m = std::max(m, tsgpu::abs64(x[size_t(r) * in + i]));
      amax[r] = tsgpu::bitnet_absmax_clamp(m);
      const int32_t sc = tsgpu::bitnet_scale(amax[r]);
      for (uint32_t i = 0; i < in; ++i) xq[size_t(r) * in + i] = tsgpu::bitnet_quant(x[size_t(r) * in + i], sc);
    }
    const std::vector<int32_t> acc = golden::gemm_t2(xq, w, t, out, in);  // what gemm_t2_* compute (held to it on the GPU)
    for (size_t e = 0; e < y.size(); ++e) y[e] = tsgpu::bitnet_out(acc[e], amax[e / out], k, relu);  // epilogue_kernel
    return y;
  };
  for (auto [t, in, hidden, out] : {std::array<uint32_t, 4>{1, 4, 8, 3}, {17, 100, 90, 70}, {33, 64, 256, 48}, {20, 130, 90, 50}}) {
    const wl::recipe::Bitnet b = wl::recipe::bitnet(t, in, hidden, out, 2, 9);
    std::vector<int32_t> x = b.x;
    x[0] = INT32_MIN, x[1] = INT32_MAX;                         // extreme activations
    std::fill(x.end() - in, x.end(), 0);                        // an all-zero token (absmax clamps to 1)
    const auto h = golden::bitnet_linear(x, b.l1.packed, t, in, hidden, b.l1.k, true);
    INFO("bitnet " << t << " tokens " << in << "->" << hidden << "->" << out);
    CHECK(layer(x, b.l1.packed, t, in, hidden, b.l1.k, true) == h);
    CHECK(layer(h, b.l2.packed, t, hidden, out, b.l2.k, false) == golden::bitnet_linear(h, b.l2.packed, t, hidden, out, b.l2.k, false));
  }
}

TEST_CASE("cuda: the wgmma GEMM's shared-memory layout is the no-swizzle K-major canonical layout its descriptor names", "[cuda]") {
  // PTX ISA "Matrix Descriptor Format": start address >> 4 in bits 0-13, leading byte offset >> 4
  // in 16-29, stride byte offset >> 4 in 32-45, layout type (0: no swizzle) in 62-63. K-major,
  // no swizzle (CUTLASS make_gmma_desc<Major::K>, INTERLEAVE): element (row, k) of a k32 slice
  // sits at (row % 8) x 16 + (row / 8) x SBO + (k % 16) + (k / 16) x LBO bytes.
  const uint64_t d = tsgpu::wgmma_desc(0x1230);
  CHECK((d & 0x3FFF) == 0x123);
  CHECK((d >> 62) == 0);
  CHECK(((d >> 49) & 7) == 0);
  const uint32_t lbo = uint32_t((d >> 16) & 0x3FFF) * 16, sbo = uint32_t((d >> 32) & 0x3FFF) * 16;
  for (int rows : {8, 64, 128}) {
    std::set<uint32_t> seen;
    for (int row = 0; row < rows; ++row)
      for (int k = 0; k < 32; ++k) {
        const uint32_t off = tsgpu::wgmma_offset(row, k);
        CHECK(off == uint32_t(row % 8) * 16 + uint32_t(row / 8) * sbo + uint32_t(k % 16) + uint32_t(k / 16) * lbo);
        CHECK(off < uint32_t(tsgpu::wgmma_slice_bytes(rows)));
        seen.insert(off);
      }
    CHECK(seen.size() == size_t(rows) * 32);  // a slice is exactly its elements, no gaps
  }
  // 16 consecutive k of a row are 16 contiguous bytes: what each cp.async copies
  for (int row = 0; row < 64; ++row)
    for (int kc = 0; kc < 2; ++kc)
      for (int j = 0; j < 16; ++j) CHECK(tsgpu::wgmma_offset(row, 16 * kc + j) == tsgpu::wgmma_offset(row, 16 * kc) + uint32_t(j));
}
