// The CUDA reference's host-testable parts (workloads/cuda/): the fragment-ownership functions
// against the layouts as the PTX ISA states them (register by register, and that every element
// of a fragment has exactly one owner), and the shared integer steps against the golden models.
#include <catch2/catch.hpp>

#include <random>
#include <set>

#include "workloads/cuda/fixed_point.h"
#include "workloads/cuda/fragments.h"
#include "workloads/host/golden/golden.h"

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
