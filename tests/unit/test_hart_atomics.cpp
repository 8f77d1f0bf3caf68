// RV32A on one hart: every amo*.w's read-modify-write and result, lr.w/sc.w reservations
// (success, failure without or after a lost reservation, a different address, a trap in between),
// alignment and access faults, and the encoding/disassembly of the aq/rl bits.
#include <catch2/catch.hpp>

#include "tests/unit/asm.h"
#include "tests/unit/machine.h"

using namespace t;

namespace {
constexpr uint32_t kData = kBase + 0x8000;

uint32_t A(Op op, unsigned rd, unsigned rs1, unsigned rs2, unsigned aqrl = 0) {
  isa::Decoded d;
  d.op = op; d.rd = uint8_t(rd); d.rs1 = uint8_t(rs1); d.rs2 = uint8_t(rs2); d.imm = int32_t(aqrl);
  return isa::encode(d);
}

/// mem[kData] = old; a0 = amo(op, kData, src); returns (a0, mem[kData]).
std::pair<uint32_t, uint32_t> run_amo(Op op, uint32_t old, uint32_t src) {
  Machine m;
  m.poke(kData, old);
  std::vector<uint32_t> p;
  li(p, a1, kData);
  li(p, a2, src);
  p.push_back(A(op, a0, a1, a2));
  exit_(p);
  REQUIRE(m.run(p) == core::Stop::Exit);
  return {m.hart.reg(a0), m.word(kData)};
}
}  // namespace

TEST_CASE("amo*.w: rd gets the old word, memory the operation's result", "[hart][rv32a]") {
  using P = std::pair<uint32_t, uint32_t>;
  CHECK(run_amo(Op::AMOSWAP_W, 5, 9) == P{5, 9});
  CHECK(run_amo(Op::AMOADD_W, 0xffffffffu, 2) == P{0xffffffffu, 1});  // wraps
  CHECK(run_amo(Op::AMOXOR_W, 0xf0f0u, 0xff00u) == P{0xf0f0u, 0x0ff0u});
  CHECK(run_amo(Op::AMOAND_W, 0xf0f0u, 0xff00u) == P{0xf0f0u, 0xf000u});
  CHECK(run_amo(Op::AMOOR_W, 0xf0f0u, 0xff00u) == P{0xf0f0u, 0xfff0u});
  CHECK(run_amo(Op::AMOMIN_W, 0xffffffffu, 1) == P{0xffffffffu, 0xffffffffu});   // -1 < 1 signed
  CHECK(run_amo(Op::AMOMAX_W, 0xffffffffu, 1) == P{0xffffffffu, 1});
  CHECK(run_amo(Op::AMOMINU_W, 0xffffffffu, 1) == P{0xffffffffu, 1});           // 1 < 2^32-1 unsigned
  CHECK(run_amo(Op::AMOMAXU_W, 0xffffffffu, 1) == P{0xffffffffu, 0xffffffffu});
  CHECK(run_amo(Op::AMOMIN_W, 0x80000000u, 0x7fffffffu) == P{0x80000000u, 0x80000000u});
}

TEST_CASE("lr.w/sc.w: sc succeeds once on the reserved word and fails otherwise", "[hart][rv32a]") {
  Machine m;
  m.poke(kData, 41);
  std::vector<uint32_t> p;
  li(p, a1, kData);
  li(p, a2, 7);
  p.push_back(A(Op::SC_W, s0, a1, a2));      // no reservation: fails (1), memory untouched
  p.push_back(A(Op::LR_W, a0, a1, 0));       // a0 = 41, reserve
  p.push_back(I(Op::ADDI, a2, a0, 1));
  p.push_back(A(Op::SC_W, s1, a1, a2));      // succeeds (0): mem = 42
  p.push_back(A(Op::SC_W, a3, a1, a2, 3));   // the reservation is gone: fails
  p.push_back(A(Op::LR_W, a4, a1, 0, 2));    // reserve kData ...
  li(p, a5, kData + 4);
  p.push_back(A(Op::SC_W, a6, a5, a2));      // ... an sc elsewhere fails and ends it
  p.push_back(A(Op::SC_W, t2, a1, a2));      // fails too
  exit_(p);
  REQUIRE(m.run(p) == core::Stop::Exit);
  CHECK(m.hart.reg(s0) == 1);
  CHECK(m.hart.reg(a0) == 41);
  CHECK(m.hart.reg(s1) == 0);
  CHECK(m.word(kData) == 42);
  CHECK(m.hart.reg(a3) == 1);
  CHECK(m.hart.reg(a4) == 42);
  CHECK(m.hart.reg(a6) == 1);
  CHECK(m.word(kData + 4) == 0);
  CHECK(m.hart.reg(t2) == 1);
}

TEST_CASE("a trap between lr.w and sc.w ends the reservation", "[hart][rv32a]") {
  Machine m;
  std::vector<uint32_t> p;
  li(p, a1, kData);
  li(p, t0, kBase + 0x100);                          // handler: skip the faulting instruction
  p.push_back(CSR(Op::CSRRW, 0, 0x305, t0));         // mtvec
  p.push_back(A(Op::LR_W, a0, a1, 0));
  p.push_back(SYS(Op::EBREAK));                      // trap -> handler -> back after it
  p.push_back(A(Op::SC_W, s1, a1, a1));
  p.push_back(CSR(Op::CSRRW, 0, 0x305, 0));         // mtvec = 0: the exit ecall is a host call again
  exit_(p);
  while (p.size() < 0x40) p.push_back(I(Op::ADDI, 0, 0, 0));
  p.push_back(CSR(Op::CSRRS, t1, 0x341, 0));         // mepc
  p.push_back(I(Op::ADDI, t1, t1, 4));
  p.push_back(CSR(Op::CSRRW, 0, 0x341, t1));
  p.push_back(SYS(Op::MRET));
  REQUIRE(m.run(p) == core::Stop::Exit);
  CHECK(m.hart.reg(s1) == 1);
  CHECK(m.word(kData) == 0);
}

TEST_CASE("atomics: misaligned addresses and addresses outside memory trap", "[hart][rv32a]") {
  {  // amoadd.w at a misaligned address: store/AMO address misaligned, even where plain loads may be misaligned
    Machine m;
    std::vector<uint32_t> p;
    li(p, a1, kData + 2);
    p.push_back(A(Op::AMOADD_W, a0, a1, a1));
    exit_(p);
    REQUIRE(m.run(p) == core::Stop::Fault);
    CHECK_THAT(m.hart.fault(), Catch::StartsWith("misaligned store"));
  }
  {  // lr.w misaligned: load address misaligned
    Machine m;
    std::vector<uint32_t> p;
    li(p, a1, kData + 1);
    p.push_back(A(Op::LR_W, a0, a1, 0));
    exit_(p);
    REQUIRE(m.run(p) == core::Stop::Fault);
    CHECK_THAT(m.hart.fault(), Catch::StartsWith("misaligned load"));
  }
  {  // outside memory: store/AMO access fault, memory untouched
    Machine m;
    std::vector<uint32_t> p;
    li(p, a1, 0x10);
    p.push_back(A(Op::AMOSWAP_W, a0, a1, a1));
    exit_(p);
    REQUIRE(m.run(p) == core::Stop::Fault);
    CHECK_THAT(m.hart.fault(), Catch::StartsWith("store access fault (address 0x00000010"));
  }
}

TEST_CASE("atomics disassemble with their ordering suffix", "[isa][rv32a]") {
  CHECK(isa::disassemble(A(Op::AMOADD_W, a0, a1, a2), 0) == "amoadd.w a0, a2, (a1)");
  CHECK(isa::disassemble(A(Op::AMOSWAP_W, a0, a1, a2, 3), 0) == "amoswap.w.aqrl a0, a2, (a1)");
  CHECK(isa::disassemble(A(Op::LR_W, a0, a1, 0, 2), 0) == "lr.w.aq a0, (a1)");
  CHECK(isa::disassemble(A(Op::SC_W, a0, a1, a2, 1), 0) == "sc.w.rl a0, a2, (a1)");
  CHECK(isa::disassemble(0x1000202fu | (1u << 20), 0).rfind(".word", 0) == 0);  // lr.w needs rs2 = 0
}
