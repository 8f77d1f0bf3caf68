// The golden machine's MMA through its one dispatcher (execute() and mma()), for every row of
// isa/formats.def, held to element formulas written here from the ISA text. Kills mutation M3
// (xt.mma.ss computed as unsigned x unsigned) and any swap of formats or kernels in the table.
#include <catch2/catch.hpp>

#include <cstring>
#include <random>

#include "isa/formats.h"
#include "sim/xtile/machine.h"

using isa::Format;
using isa::Op;
using xtile::Tile;

namespace {

/// Element k of row r of operand `t` in format f (A when is_a, else B), from the packing rules.
int element(Format f, bool is_a, const Tile& t, int r, int k) {
  const isa::FormatRow& row = isa::format(f);
  const bool sgn = is_a ? row.a_signed : row.b_signed;
  const int bits = is_a ? row.a_bits : row.b_bits;
  if (bits == 8) return sgn ? int(int8_t(t.b[16 * r + k])) : int(t.b[16 * r + k]);
  if (bits == 4) {
    const int v = (t.b[16 * r + k / 2] >> (4 * (k % 2))) & 15;
    return v >= 8 ? v - 16 : v;
  }
  const int code = (t.b[4 * r + k / 4] >> (2 * (k % 4))) & 3;  // ternary
  return code == 1 ? 1 : code == 3 ? -1 : 0;
}

int32_t expected(Format f, const Tile& c, const Tile& a, const Tile& b, int m, int n) {
  int64_t acc = c.w(m, n);
  for (int k = 0; k < int(isa::format(f).k); ++k) acc += int64_t(element(f, true, a, m, k)) * element(f, false, b, n, k);
  return int32_t(uint32_t(uint64_t(acc)));
}

xtile::XtileMachine make_machine() { return xtile::XtileMachine(32, 4096, 4, 16, 1, xtile::DramView{}, 1); }

}  // namespace

TEST_CASE("machine: every MMA opcode computes its format's product (signed x signed is signed)", "[xtile][machine]") {
  std::mt19937 rng(5);
  xtile::XtileMachine m = make_machine();
  for (int trial = 0; trial < 8; ++trial) {
    Tile a, b, c;
    for (auto* t : {&a, &b, &c})
      for (auto& x : t->b) x = static_cast<uint8_t>(rng());
    if (trial == 0) {  // negative x negative everywhere: unsigned reading would give 128 * 128 * 16 more
      std::memset(a.b, 0x80, 256);
      std::memset(b.b, 0xff, 256);
    }
    for (const auto& f : isa::kFormats) {
      INFO(isa::row(f.op).mnemonic << " trial " << trial);
      m.tile(1) = a;
      m.tile(2) = b;
      m.tile(3) = c;
      core::XtInsn in;
      in.op = f.op;
      in.rd = 3;
      in.rs1 = 1;
      in.rs2 = 2;
      xtile::ExecInfo info;
      m.execute(in, info);
      REQUIRE(info.fault.empty());
      for (int i = 0; i < 16; ++i)
        for (int j = 0; j < 16; ++j) REQUIRE(m.tile(3).w(i, j) == expected(f.id, c, a, b, i, j));
      // mma() is the same dispatcher.
      Tile d = c;
      m.mma(f.id, d, a, b);
      REQUIRE(std::memcmp(d.b, m.tile(3).b, sizeof d.b) == 0);
    }
  }
}

TEST_CASE("machine: xt.mma.ss of -1 x -1 is +16 per element; each signedness differs", "[xtile][machine]") {
  xtile::XtileMachine m = make_machine();
  Tile ones;
  std::memset(ones.b, 0xff, sizeof ones.b);  // int8 -1, uint8 255
  auto run = [&](Op op) {
    m.tile(1) = ones;
    m.tile(2) = ones;
    xtile::fill(m.tile(0), 0);
    core::XtInsn in;
    in.op = op;
    in.rs1 = 1;
    in.rs2 = 2;
    xtile::ExecInfo info;
    m.execute(in, info);
    return m.tile(0).w(4, 9);
  };
  CHECK(run(Op::XT_MMA_SS) == 16);
  CHECK(run(Op::XT_MMA_SU) == -16 * 255);
  CHECK(run(Op::XT_MMA_US) == -16 * 255);
  CHECK(run(Op::XT_MMA_UU) == 16 * 255 * 255);
  CHECK(run(Op::XT_MMA_S4) == 32);     // every nibble -1
  CHECK(run(Op::XT_MMA_T2) == 16);     // A = -1, every code 3 = -1
}

TEST_CASE("machine: an MMA naming a tile beyond tile.registers faults and changes nothing", "[xtile][machine]") {
  xtile::XtileMachine m(8, 4096, 4, 16, 1, xtile::DramView{}, 1);
  xtile::fill(m.tile(0), 5);
  core::XtInsn in;
  in.op = Op::XT_MMA_S4;
  in.rs1 = 9;
  xtile::ExecInfo info;
  m.execute(in, info);
  CHECK(info.fault.find("tile tr9 out of range in xt.mma.s4") != std::string::npos);
  CHECK(m.tile(0).w(0, 0) == 5);
}
