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

namespace {
/// Two harts on one memory sharing their LR/SC reservations (a chip of two cores).
struct TwoHarts {
  Machine m;  // hart 0 and the memory
  core::Reservations resv{2};
  core::Hart h1;
  TwoHarts() : h1(cfg::CoreConfig{}, m, [](int, const char*, size_t) {}) {
    h1.set_dmi(m.mem.data(), kBase, uint32_t(m.mem.size()));
    m.hart.set_hart_id(0);
    h1.set_hart_id(1);
    m.hart.set_reservations(&resv);
    h1.set_reservations(&resv);
  }
  /// Runs hart h one instruction at a time until its pc is `pc`.
  static void step_to(core::Hart& h, uint32_t pc) {
    for (int i = 0; i < 100 && h.pc() != pc; ++i) h.run(h.cycle() + 1);
    REQUIRE(h.pc() == pc);
  }
};

/// Hart 0: lr.w a0, (kData); a2 = a0 + 1; sc.w s1, a2, (kData); exit. Returns the pc of its sc.w.
uint32_t lr_sc_program(std::vector<uint32_t>& p) {
  li(p, a1, kData);
  p.push_back(A(Op::LR_W, a0, a1, 0));
  p.push_back(I(Op::ADDI, a2, a0, 1));
  const uint32_t sc_pc = kBase + 4 * uint32_t(p.size());
  p.push_back(A(Op::SC_W, s1, a1, a2));
  exit_(p);
  return sc_pc;
}
}  // namespace

TEST_CASE("lr.w/sc.w across harts: another hart's store to the word breaks the reservation", "[hart][rv32a][cores]") {
  for (const char* how : {"sw", "amoadd", "sw elsewhere", "nothing"}) {
    TwoHarts t;
    t.m.poke(kData, 41);
    std::vector<uint32_t> p0;
    const uint32_t sc_pc = lr_sc_program(p0);
    t.m.load(p0);
    t.m.hart.reset(kBase);
    // Hart 1 at kBase + 0x1000: one store (or AMO) and exit.
    const std::string h(how);
    std::vector<uint32_t> p1;
    li(p1, a1, h == "sw elsewhere" ? kData + 4 : kData);
    li(p1, a2, 100);
    p1.push_back(h == "amoadd" ? A(Op::AMOADD_W, a3, a1, a2) : S(Op::SW, a2, a1, 0));
    exit_(p1);
    t.m.load(p1, kBase + 0x1000);
    t.h1.reset(kBase + 0x1000);
    TwoHarts::step_to(t.m.hart, sc_pc);  // hart 0 holds the reservation
    CHECK(t.resv.held(0));
    if (h != "nothing") REQUIRE(t.h1.run(1000) == core::Stop::Exit);
    REQUIRE(t.m.hart.run(1000) == core::Stop::Exit);
    INFO(how);
    const bool broken = h == "sw" || h == "amoadd";
    CHECK(t.m.hart.reg(s1) == (broken ? 1u : 0u));  // sc.w: 0 success, 1 failure
    CHECK(t.m.word(kData) == (h == "sw" ? 100u : h == "amoadd" ? 141u : 42u));
    CHECK_FALSE(t.resv.held(0));  // sc.w ends it either way
  }
}

TEST_CASE("Zawrs: wrs.nto waits until another hart's store ends the reservation; without one it is a no-op", "[hart][rv32a][cores]") {
  const uint32_t kWrsNto = 0x00d00073, kWrsSto = 0x01d00073;
  {  // no reservation: both complete at once (wrs.sto without its stall)
    Machine m;
    std::vector<uint32_t> p = {kWrsNto, kWrsSto};
    exit_(p);
    REQUIRE(m.run(p) == core::Stop::Exit);
  }
  {  // wrs.sto with a reservation: a short stall
    Machine a, b;
    std::vector<uint32_t> p;
    li(p, a1, kData);
    p.push_back(A(Op::LR_W, a0, a1, 0));
    p.push_back(kWrsSto);
    exit_(p);
    std::vector<uint32_t> q;  // the same program with a nop for wrs.sto
    for (uint32_t w : p) q.push_back(w == kWrsSto ? I(Op::ADDI, 0, 0, 0) : w);
    REQUIRE(a.run(p) == core::Stop::Exit);
    REQUIRE(b.run(q) == core::Stop::Exit);
    CHECK(a.hart.cycle() - b.hart.cycle() == core::Hart::kWrsStoCycles);
  }
  TwoHarts t;
  t.m.poke(kData, 7);
  // Hart 1 at kBase + 0x1000: lr.w; wrs.nto; exit.
  std::vector<uint32_t> p1;
  li(p1, a1, kData);
  p1.push_back(A(Op::LR_W, a0, a1, 0));
  p1.push_back(kWrsNto);
  exit_(p1);
  t.m.load(p1, kBase + 0x1000);
  t.h1.reset(kBase + 0x1000);
  REQUIRE(t.h1.run(1000) == core::Stop::Wrs);
  CHECK(t.h1.waiting_on_reservation());
  CHECK(t.h1.run(1000) == core::Stop::Wrs);  // stays until woken
  // Hart 0: an amoadd on the word at its cycle c wakes hart 1 at c + 1.
  std::vector<uint32_t> p0;
  li(p0, a1, kData);
  li(p0, a2, 1);
  p0.push_back(A(Op::AMOADD_W, a3, a1, a2));
  exit_(p0);
  t.m.load(p0);
  t.m.hart.reset(kBase);
  REQUIRE_FALSE(t.resv.any_woken());
  // The AMO wakes hart 1; hart 0's next synchronising instruction (its exit ecall) now waits for
  // hart 1 to catch up (the clamp), as the scheduler would make it.
  REQUIRE(t.m.hart.run(1000) == core::Stop::Sync);
  const auto woken = t.resv.take_woken();
  REQUIRE(woken.size() == 1);
  CHECK(woken[0].first == 1u);
  CHECK(t.resv.clamp() == woken[0].second + 1);  // hart 0 (id 0 < 1) may sync up to the wake cycle inclusive
  t.resv.reset_clamp();
  REQUIRE(t.m.hart.run(1000) == core::Stop::Exit);
  t.h1.wake(woken[0].second);
  CHECK(t.h1.cycle() >= woken[0].second);
  REQUIRE(t.h1.run(t.h1.cycle() + 1000) == core::Stop::Exit);
  CHECK(t.m.word(kData) == 8u);
}
