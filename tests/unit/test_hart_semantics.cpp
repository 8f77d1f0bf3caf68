// Every RV32IM instruction's semantics, including the edge cases the spec calls out.
#include <catch2/catch.hpp>

#include "tests/unit/asm.h"
#include "tests/unit/machine.h"

using namespace t;

namespace {
uint32_t run_r(Op op, uint32_t a, uint32_t b) {
  Machine m;
  std::vector<uint32_t> p;
  li(p, a1, a);
  li(p, a2, b);
  p.push_back(R(op, a0, a1, a2));
  exit_(p);
  REQUIRE(m.run(p) == core::Stop::Exit);
  return m.hart.reg(a0);
}
uint32_t run_i(Op op, uint32_t a, int32_t imm) {
  Machine m;
  std::vector<uint32_t> p;
  li(p, a1, a);
  p.push_back(I(op, a0, a1, imm));
  exit_(p);
  REQUIRE(m.run(p) == core::Stop::Exit);
  return m.hart.reg(a0);
}
}  // namespace

TEST_CASE("integer register-register ALU ops", "[hart]") {
  CHECK(run_r(Op::ADD, 0x7fffffff, 1) == 0x80000000u);
  CHECK(run_r(Op::SUB, 0, 1) == 0xffffffffu);
  CHECK(run_r(Op::SLL, 1, 33) == 2);  // shift amount uses the low 5 bits
  CHECK(run_r(Op::SRL, 0x80000000u, 31) == 1);
  CHECK(run_r(Op::SRA, 0x80000000u, 31) == 0xffffffffu);
  CHECK(run_r(Op::SRA, 0x80000000u, 32) == 0x80000000u);
  CHECK(run_r(Op::SLT, 0xffffffffu, 0) == 1);
  CHECK(run_r(Op::SLTU, 0xffffffffu, 0) == 0);
  CHECK(run_r(Op::XOR, 0xf0f0f0f0u, 0xff00ff00u) == 0x0ff00ff0u);
  CHECK(run_r(Op::OR, 0xf0f0f0f0u, 0x0f000000u) == 0xfff0f0f0u);
  CHECK(run_r(Op::AND, 0xf0f0f0f0u, 0xff00ff00u) == 0xf000f000u);
}

TEST_CASE("immediate ALU ops sign-extend their 12-bit immediate", "[hart]") {
  CHECK(run_i(Op::ADDI, 5, -6) == 0xffffffffu);
  CHECK(run_i(Op::SLTIU, 5, -1) == 1);  // -1 compares as 0xffffffff
  CHECK(run_i(Op::SLTI, 5, -1) == 0);
  CHECK(run_i(Op::XORI, 0x12345678u, -1) == ~0x12345678u);
  CHECK(run_i(Op::ORI, 0, -2048) == 0xfffff800u);
  CHECK(run_i(Op::ANDI, 0xffffffffu, 0x7ff) == 0x7ffu);
  CHECK(run_i(Op::SLLI, 3, 31) == 0x80000000u);
  CHECK(run_i(Op::SRLI, 0xffffffffu, 28) == 0xfu);
  CHECK(run_i(Op::SRAI, 0x80000000u, 4) == 0xf8000000u);
}

TEST_CASE("multiplies return the right half for every signedness", "[hart]") {
  CHECK(run_r(Op::MUL, 0x80000000u, 0xffffffffu) == 0x80000000u);
  CHECK(run_r(Op::MULH, 0x80000000u, 0x80000000u) == 0x40000000u);
  CHECK(run_r(Op::MULH, 0xffffffffu, 0xffffffffu) == 0);
  CHECK(run_r(Op::MULHU, 0xffffffffu, 0xffffffffu) == 0xfffffffeu);
  CHECK(run_r(Op::MULHSU, 0xffffffffu, 0xffffffffu) == 0xffffffffu);  // -1 * (2^32-1)
  CHECK(run_r(Op::MULHSU, 0x80000000u, 0xffffffffu) == 0x80000000u);
  CHECK(run_r(Op::MULHU, 0x80000000u, 2) == 1);
}

TEST_CASE("division by zero and signed overflow follow the spec, no host trap", "[hart]") {
  CHECK(run_r(Op::DIV, 7, 0) == 0xffffffffu);
  CHECK(run_r(Op::DIVU, 7, 0) == 0xffffffffu);
  CHECK(run_r(Op::REM, 7, 0) == 7);
  CHECK(run_r(Op::REMU, 7, 0) == 7);
  CHECK(run_r(Op::DIV, 0x80000000u, 0xffffffffu) == 0x80000000u);
  CHECK(run_r(Op::REM, 0x80000000u, 0xffffffffu) == 0);
  CHECK(run_r(Op::DIV, uint32_t(-7), 2) == uint32_t(-3));  // rounds toward zero
  CHECK(run_r(Op::REM, uint32_t(-7), 2) == uint32_t(-1));  // sign of the dividend
  CHECK(run_r(Op::DIVU, 0xfffffffeu, 2) == 0x7fffffffu);
  CHECK(run_r(Op::REMU, 0xffffffffu, 10) == 5);
}

TEST_CASE("writes to x0 are discarded", "[hart]") {
  Machine m;
  std::vector<uint32_t> p;
  p.push_back(I(Op::ADDI, zero, zero, 5));
  p.push_back(R(Op::ADD, a0, zero, zero));
  exit_(p);
  REQUIRE(m.run(p) == core::Stop::Exit);
  CHECK(m.hart.reg(a0) == 0);
}

TEST_CASE("loads sign- or zero-extend and stores write only their width", "[hart]") {
  Machine m;
  const uint32_t data = kBase + 0x1000;
  m.poke(data, 0x8180ff7fu);
  std::vector<uint32_t> p;
  li(p, s0, data);
  p.push_back(I(Op::LB, a1, s0, 1));   // 0xff -> -1
  p.push_back(I(Op::LBU, a2, s0, 1));  // 0xff
  p.push_back(I(Op::LH, a3, s0, 2));   // 0x8180 -> sign-extended
  p.push_back(I(Op::LHU, a4, s0, 2));
  p.push_back(I(Op::LW, a5, s0, 0));
  li(p, t0, 0x11223344u);
  p.push_back(S(Op::SB, t0, s0, 4));
  p.push_back(S(Op::SH, t0, s0, 9));   // misaligned halfword: allowed by default
  p.push_back(S(Op::SW, t0, s0, 13));  // misaligned word crossing nothing special
  exit_(p);
  REQUIRE(m.run(p) == core::Stop::Exit);
  CHECK(m.hart.reg(a1) == 0xffffffffu);
  CHECK(m.hart.reg(a2) == 0xffu);
  CHECK(m.hart.reg(a3) == 0xffff8180u);
  CHECK(m.hart.reg(a4) == 0x8180u);
  CHECK(m.hart.reg(a5) == 0x8180ff7fu);
  CHECK(m.word(data + 4) == 0x44u);
  CHECK(m.word(data + 8) == 0x00334400u);
  CHECK(m.word(data + 12) == 0x22334400u);
  CHECK(m.word(data + 16) == 0x00000011u);
}

TEST_CASE("branches compare signed and unsigned; jal and jalr link pc+4", "[hart]") {
  Machine m;
  std::vector<uint32_t> p;
  li(p, a1, 0xffffffffu);                 // 0,1
  p.push_back(I(Op::ADDI, a0, zero, 0));  // 2
  p.push_back(B(Op::BLT, a1, zero, 8));   // 3: -1 < 0, taken -> 5
  p.push_back(I(Op::ADDI, a0, a0, 100));  // 4: skipped
  p.push_back(B(Op::BLTU, a1, zero, 8));  // 5: 0xffffffff < 0 unsigned: not taken
  p.push_back(I(Op::ORI, a0, a0, 1));     // 6
  p.push_back(B(Op::BGEU, a1, zero, 8));  // 7: taken -> 9
  p.push_back(I(Op::ADDI, a0, a0, 100));  // 8: skipped
  p.push_back(J(ra, 8));                  // 9: -> 11, ra = base + 40
  p.push_back(I(Op::ADDI, a0, a0, 100));  // 10: skipped
  p.push_back(I(Op::ORI, a0, a0, 2));     // 11
  p.push_back(I(Op::JALR, t1, ra, 17));   // 12: (base + 57) & ~1 -> 14, t1 = base + 52
  p.push_back(I(Op::ADDI, a0, a0, 100));  // 13: skipped
  exit_(p);                               // 14, 15
  REQUIRE(m.run(p) == core::Stop::Exit);
  CHECK(m.hart.reg(a0) == 3);
  CHECK(m.hart.reg(ra) == kBase + 40);
  CHECK(m.hart.reg(t1) == kBase + 52);
}

namespace {
/// Runs an instruction at index 3 (a0 = 1), overwrites it with `addi a0, zero, 2`, executes
/// `between` (fence.i or a nop), and runs index 3 again. Returns the final a0.
uint32_t self_modify(uint32_t between) {
  Machine m;
  std::vector<uint32_t> p;
  li(p, s0, kBase);                       // 0,1
  p.push_back(I(Op::ADDI, s1, zero, 0));  // 2: pass counter
  p.push_back(I(Op::ADDI, a0, zero, 1));  // 3: the instruction that gets rewritten
  p.push_back(B(Op::BNE, s1, zero, 28));  // 4: second pass -> 11
  p.push_back(I(Op::ADDI, s1, zero, 1));  // 5
  li(p, t0, I(Op::ADDI, a0, zero, 2));    // 6,7
  p.push_back(S(Op::SW, t0, s0, 12));     // 8: overwrite index 3
  p.push_back(between);                   // 9
  p.push_back(J(zero, -28));              // 10: -> 3
  exit_(p);                               // 11, 12
  REQUIRE(m.run(p) == core::Stop::Exit);
  return m.hart.reg(a0);
}
}  // namespace

TEST_CASE("fence.i makes self-modified code visible", "[hart]") {
  CHECK(self_modify(SYS(Op::FENCE_I)) == 2);
}

TEST_CASE("the decode cache is what fence.i invalidates (stale without it)", "[hart]") {
  // Proves the previous test is not passing trivially: the hart does cache decoded code.
  CHECK(self_modify(I(Op::ADDI, zero, zero, 0)) == 1);
}
