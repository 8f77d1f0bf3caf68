#include <catch2/catch.hpp>

#include <fstream>
#include <random>
#include <sstream>
#include <set>

#include "isa/isa.h"

using isa::Fmt;
using isa::Op;

TEST_CASE("no two rows of the encoding table match the same word", "[isa]") {
  for (auto* a = isa::rows_begin(); a != isa::rows_end(); ++a)
    for (auto* b = a + 1; b != isa::rows_end(); ++b) {
      // Two rows overlap when some word satisfies both: the fixed bits they share agree.
      const uint32_t common = a->mask & b->mask;
      INFO(a->mnemonic << " vs " << b->mnemonic);
      CHECK((a->match & common) != (b->match & common));
    }
}

TEST_CASE("every row's match bits lie inside its mask and mnemonics are unique", "[isa]") {
  std::set<std::string> names;
  for (auto* r = isa::rows_begin(); r != isa::rows_end(); ++r) {
    INFO(r->mnemonic);
    CHECK((r->match & ~r->mask) == 0);
    CHECK(names.insert(r->mnemonic).second);
    CHECK(isa::decode(r->match).op == r->op);
  }
  CHECK(names.size() == size_t(isa::kNumOps));
}

namespace {
isa::Decoded random_fields(Op op, std::mt19937& rng) {
  isa::Decoded d;
  d.op = op;
  auto r5 = [&] { return uint8_t(rng() & 31); };
  auto simm = [&](int bits) { return int32_t(rng() << (32 - bits)) >> (32 - bits); };
  switch (isa::row(op).fmt) {
    case Fmt::R: d.rd = r5(); d.rs1 = r5(); d.rs2 = r5(); break;
    case Fmt::I: case Fmt::Load: case Fmt::Jalr: d.rd = r5(); d.rs1 = r5(); d.imm = simm(12); break;
    case Fmt::Shift: d.rd = r5(); d.rs1 = r5(); d.imm = int32_t(rng() & 31); break;
    case Fmt::S: d.rs1 = r5(); d.rs2 = r5(); d.imm = simm(12); break;
    case Fmt::B: d.rs1 = r5(); d.rs2 = r5(); d.imm = simm(13) & ~1; break;
    case Fmt::U: d.rd = r5(); d.imm = int32_t(rng() & 0xfffff000u); break;
    case Fmt::J: d.rd = r5(); d.imm = simm(21) & ~1; break;
    case Fmt::Csr: case Fmt::CsrI: d.rd = r5(); d.rs1 = r5(); d.csr = uint16_t(rng() & 0xfff); break;
    case Fmt::Fence: d.imm = int32_t(rng() & 0xff); break;
    case Fmt::None: break;
    case Fmt::Amo: d.rd = r5(); d.rs1 = r5(); d.rs2 = r5(); d.imm = int32_t(rng() & 3); break;
    case Fmt::Lr: d.rd = r5(); d.rs1 = r5(); d.imm = int32_t(rng() & 3); break;
    case Fmt::TTT: case Fmt::TTX: case Fmt::TLd: case Fmt::TSt: d.rd = r5(); d.rs1 = r5(); d.rs2 = r5(); break;
    case Fmt::TT: case Fmt::TX: case Fmt::XX: d.rd = r5(); d.rs1 = r5(); break;
    case Fmt::XWait: d.rs1 = r5(); d.rs2 = r5(); break;
    case Fmt::R4: d.rd = r5(); d.rs1 = r5(); d.rs2 = r5(); d.rs3 = r5(); break;
  }
  return d;
}
}  // namespace

TEST_CASE("every row round-trips encode -> decode -> disassemble", "[isa]") {
  std::mt19937 rng(1234);
  for (auto* r = isa::rows_begin(); r != isa::rows_end(); ++r) {
    for (int i = 0; i < 200; ++i) {
      const isa::Decoded d = random_fields(r->op, rng);
      const uint32_t w = isa::encode(d);
      const isa::Decoded e = isa::decode(w);
      INFO(r->mnemonic << " word " << std::hex << w);
      REQUIRE(e.op == d.op);
      CHECK(e.rd == d.rd);
      CHECK(e.rs1 == d.rs1);
      CHECK(e.rs2 == d.rs2);
      CHECK(e.imm == d.imm);
      CHECK(e.csr == d.csr);
      CHECK(e.rs3 == d.rs3);
      CHECK(isa::encode(e) == w);
      const std::string text = isa::disassemble(w, 0x80000000u);
      CHECK(text.rfind(r->op == Op::FENCE && text == "fence.tso" ? "fence.tso" : r->mnemonic, 0) == 0);
    }
  }
}

TEST_CASE("disassembly uses GNU syntax with ABI names and absolute branch targets", "[isa]") {
  CHECK(isa::disassemble(0x00a50533, 0) == "add a0, a0, a0");
  CHECK(isa::disassemble(0xfff00293, 0) == "addi t0, zero, -1");
  CHECK(isa::disassemble(0x00812403, 0) == "lw s0, 8(sp)");
  CHECK(isa::disassemble(0xfe112e23, 0) == "sw ra, -4(sp)");
  CHECK(isa::disassemble(0x00b50463, 0x80000000u) == "beq a0, a1, 0x80000008");
  CHECK(isa::disassemble(0x123452b7, 0) == "lui t0, 0x12345");
  CHECK(isa::disassemble(0x30529073, 0) == "csrrw zero, mtvec, t0");
  CHECK(isa::disassemble(0xc0002573, 0) == "csrrs a0, cycle, zero");
  CHECK(isa::disassemble(0x0ff0000f, 0) == "fence iorw, iorw");
  CHECK(isa::disassemble(0x30200073, 0) == "mret");
  CHECK(isa::disassemble(0x02b54533, 0) == "div a0, a0, a1");
  CHECK(isa::disassemble(0xffffffff, 0) == ".word 0xffffffff");
}

TEST_CASE("words that match no row decode as invalid", "[isa]") {
  for (uint32_t w : {0x00000000u, 0xffffffffu, 0x0000707fu /* custom/reserved */, 0x00001063u | (2u << 12) /* branch funct3 2 */,
                     0x00007003u /* load funct3 7 */, 0x42000033u /* bad funct7 */, 0x00000077u /* ecall-like wrong opcode */,
                     0x00200073u /* uret: not in M+U without N */}) {
    INFO(std::hex << w);
    CHECK(isa::decode(w).op == Op::Invalid);
  }
}

TEST_CASE("docs/isa-table.md is the generated encoding table", "[isa]") {
  std::ifstream in(TILESIM_SOURCE_DIR "/docs/isa-table.md");
  std::stringstream ss;
  ss << in.rdbuf();
  CHECK(ss.str() == isa::table_markdown());
}
