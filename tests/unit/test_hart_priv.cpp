// CSRs, traps, privilege modes, host calls and HTIF of the hart.
#include <catch2/catch.hpp>

#include "tests/unit/asm.h"
#include "tests/unit/machine.h"

using namespace t;

namespace {
enum : uint16_t { MSTATUS = 0x300, MISA = 0x301, MIE = 0x304, MTVEC = 0x305, MCOUNTEREN = 0x306, MSCRATCH = 0x340,
                  MEPC = 0x341, MCAUSE = 0x342, MTVAL = 0x343, MIP = 0x344, MHARTID = 0xF14, MCYCLE = 0xB00,
                  MINSTRET = 0xB02, CYCLE = 0xC00, INSTRET = 0xC02, MHPMCOUNTER3 = 0xB03 };
constexpr uint32_t kHandler = kBase + 0x800;
enum : unsigned { s2 = 18, s3, s4, s5, s6, s7, s8, s9, s10, t6 = 31 };

/// Program prologue that installs the recording handler at kHandler.
std::vector<uint32_t> with_handler() {
  std::vector<uint32_t> p;
  li(p, t0, kHandler);
  p.push_back(CSR(Op::CSRRW, zero, MTVEC, t0));
  return p;
}
/// Pads to kHandler and appends: s2 = mcause, s3 = mepc, s4 = mtval, ++s5, mepc += 4, mret.
void finish_with_handler(std::vector<uint32_t>& p) {
  REQUIRE(p.size() <= 512);
  p.resize(512, I(Op::ADDI, zero, zero, 0));
  p.push_back(CSR(Op::CSRRS, s2, MCAUSE, zero));
  p.push_back(CSR(Op::CSRRS, s3, MEPC, zero));
  p.push_back(CSR(Op::CSRRS, s4, MTVAL, zero));
  p.push_back(I(Op::ADDI, s5, s5, 1));
  p.push_back(I(Op::ADDI, t6, s3, 4));
  p.push_back(CSR(Op::CSRRW, zero, MEPC, t6));
  p.push_back(SYS(Op::MRET));
}
/// Exit through HTIF (works with a handler installed): tohost = (code << 1) | 1, both words.
void htif_exit(std::vector<uint32_t>& p, uint32_t tohost, uint32_t code) {
  li(p, t0, tohost);
  li(p, t1, (code << 1) | 1);
  p.push_back(S(Op::SW, t1, t0, 0));
  p.push_back(S(Op::SW, zero, t0, 4));
}
constexpr uint32_t kToHost = kBase + 0x10000;
}  // namespace

TEST_CASE("machine CSRs read their architectural values and WARL fields legalise writes", "[csr]") {
  Machine m;
  std::vector<uint32_t> p;
  p.push_back(CSR(Op::CSRRS, a1, MISA, zero));
  p.push_back(CSR(Op::CSRRS, a2, MHARTID, zero));
  p.push_back(I(Op::ADDI, t0, zero, -1));
  p.push_back(CSR(Op::CSRRW, zero, MSTATUS, t0));
  p.push_back(CSR(Op::CSRRS, a3, MSTATUS, zero));
  p.push_back(CSR(Op::CSRRW, zero, MEPC, t0));
  p.push_back(CSR(Op::CSRRS, a4, MEPC, zero));
  p.push_back(CSR(Op::CSRRW, zero, MIE, t0));
  p.push_back(CSR(Op::CSRRS, a5, MIE, zero));
  p.push_back(CSR(Op::CSRRW, zero, MIP, t0));
  p.push_back(CSR(Op::CSRRS, a6, MIP, zero));
  p.push_back(CSR(Op::CSRRWI, zero, MSCRATCH, 21));
  p.push_back(CSR(Op::CSRRCI, s1, MSCRATCH, 1));  // s1 = 21, mscratch = 20
  p.push_back(CSR(Op::CSRRS, s0, MSCRATCH, zero));
  p.push_back(CSR(Op::CSRRW, zero, MHPMCOUNTER3, t0));  // hardwired zero: write ignored
  p.push_back(CSR(Op::CSRRS, t2, MHPMCOUNTER3, zero));
  exit_(p);
  REQUIRE(m.run(p) == core::Stop::Exit);
  CHECK(m.hart.reg(a1) == 0x40101101u);  // RV32, A, I, M, U
  CHECK(m.hart.reg(a2) == 0);
  CHECK(m.hart.reg(a3) == 0x00221888u);  // MIE, MPIE, MPP=M, MPRV, TW
  CHECK(m.hart.reg(a4) == 0xfffffffcu);  // IALIGN=32
  CHECK(m.hart.reg(a5) == 0x888u);
  CHECK(m.hart.reg(a6) == 0);
  CHECK(m.hart.reg(s1) == 21);
  CHECK(m.hart.reg(s0) == 20);
  CHECK(m.hart.reg(t2) == 0);
}

TEST_CASE("mstatus.MPP accepts only M and U; mtvec ignores reserved modes", "[csr]") {
  Machine m;
  std::vector<uint32_t> p;
  li(p, t0, 1u << 11);  // MPP = S: not supported -> U
  p.push_back(CSR(Op::CSRRW, zero, MSTATUS, t0));
  p.push_back(CSR(Op::CSRRS, a1, MSTATUS, zero));
  li(p, t0, kBase + 0x101);  // vectored
  p.push_back(CSR(Op::CSRRW, zero, MTVEC, t0));
  li(p, t0, kBase + 0x202);  // mode 2: reserved, write ignored
  p.push_back(CSR(Op::CSRRW, zero, MTVEC, t0));
  p.push_back(CSR(Op::CSRRS, a2, MTVEC, zero));
  p.push_back(CSR(Op::CSRRW, zero, MTVEC, zero));  // back to "no handler" so ecall exits
  exit_(p);
  REQUIRE(m.run(p) == core::Stop::Exit);
  CHECK(m.hart.reg(a1) == 0);
  CHECK(m.hart.reg(a2) == kBase + 0x101);
}

TEST_CASE("a missing CSR or a write to a read-only CSR is an illegal instruction", "[csr]") {
  for (uint32_t bad : {CSR(Op::CSRRS, a0, 0x7C0, zero), CSR(Op::CSRRW, a0, CYCLE, t0), CSR(Op::CSRRW, zero, MHARTID, t0),
                       CSR(Op::CSRRS, a0, 0xC01 /* time: not implemented */, zero)}) {
    Machine m;
    std::vector<uint32_t> p = with_handler();
    p.push_back(bad);
    htif_exit(p, kToHost, 0);
    finish_with_handler(p);
    m.hart.set_htif(kToHost, 8, 0);
    INFO(isa::disassemble(bad, 0));
    REQUIRE(m.run(p) == core::Stop::Exit);
    CHECK(m.hart.reg(s2) == core::kIllegalInsn);
    CHECK(m.hart.reg(s3) == kBase + 12);
    CHECK(m.hart.reg(s4) == bad);  // mtval holds the instruction word
  }
  // csrrs with rs1 = x0 does not write, so reading a read-only counter is fine.
  Machine m;
  std::vector<uint32_t> p{CSR(Op::CSRRS, a1, CYCLE, zero), CSR(Op::CSRRSI, a2, INSTRET, 0)};
  exit_(p);
  REQUIRE(m.run(p) == core::Stop::Exit);
  CHECK(m.hart.reg(a2) == 1);
}

TEST_CASE("ecall, ebreak and mret in M-mode with a handler installed", "[trap]") {
  Machine m;
  std::vector<uint32_t> p = with_handler();  // 0..2
  p.push_back(SYS(Op::ECALL));               // 3
  p.push_back(I(Op::ADDI, a1, s2, 0));       // 4: cause of the ecall
  p.push_back(SYS(Op::EBREAK));              // 5
  p.push_back(I(Op::ADDI, a2, s4, 0));       // 6: mtval of ebreak = its pc
  p.push_back(CSR(Op::CSRRS, a3, MSTATUS, zero));  // after mret: MPP = U, MPIE = 1
  htif_exit(p, kToHost, 0);
  finish_with_handler(p);
  m.hart.set_htif(kToHost, 8, 0);
  REQUIRE(m.run(p) == core::Stop::Exit);
  CHECK(m.hart.exit_code() == 0);
  CHECK(m.hart.reg(a1) == core::kEcallM);
  CHECK(m.hart.reg(s2) == core::kBreakpoint);
  CHECK(m.hart.reg(a2) == kBase + 20);
  CHECK(m.hart.reg(s5) == 2);
  CHECK((m.hart.reg(a3) & 0x1888u) == 0x80u);
}

TEST_CASE("U-mode: mret enters it, privileged CSRs and mret trap, ecall reports cause 8", "[trap]") {
  Machine m;
  std::vector<uint32_t> p = with_handler();              // 0..2
  li(p, t0, kBase + 4 * 9);                               // 3,4: user code at index 9
  p.push_back(CSR(Op::CSRRW, zero, MEPC, t0));            // 5
  p.push_back(CSR(Op::CSRRW, zero, MSTATUS, zero));       // 6: MPP = U
  p.push_back(SYS(Op::MRET));                             // 7
  p.push_back(I(Op::ADDI, zero, zero, 0));                // 8
  p.push_back(CSR(Op::CSRRS, a1, MSTATUS, zero));         // 9 (U): illegal
  p.push_back(I(Op::ADDI, s6, s2, 0));                    // 10
  p.push_back(CSR(Op::CSRRS, a2, CYCLE, zero));           // 11 (U): illegal, mcounteren = 0
  p.push_back(I(Op::ADDI, s7, s2, 0));                    // 12
  p.push_back(SYS(Op::MRET));                             // 13 (U): illegal
  p.push_back(I(Op::ADDI, s8, s2, 0));                    // 14
  p.push_back(SYS(Op::ECALL));                            // 15 (U): cause 8, handler returns to M
  p.push_back(I(Op::ADDI, s9, s2, 0));                    // 16: back in U (MPP was U)
  htif_exit(p, kToHost, 5);
  finish_with_handler(p);
  m.hart.set_htif(kToHost, 8, 0);
  REQUIRE(m.run(p) == core::Stop::Exit);
  CHECK(m.hart.exit_code() == 5);
  CHECK(m.hart.reg(s6) == core::kIllegalInsn);
  CHECK(m.hart.reg(s7) == core::kIllegalInsn);
  CHECK(m.hart.reg(s8) == core::kIllegalInsn);
  CHECK(m.hart.reg(s9) == core::kEcallU);
  CHECK(m.hart.reg(s3) == kBase + 4 * 15);
  CHECK(m.hart.reg(s5) == 4);
  CHECK(m.hart.priv() == core::Priv::User);
}

TEST_CASE("mcounteren lets U-mode read cycle and instret", "[csr]") {
  Machine m;
  std::vector<uint32_t> p = with_handler();              // 0..2
  p.push_back(I(Op::ADDI, t0, zero, 5));                 // 3: CY | IR
  p.push_back(CSR(Op::CSRRW, zero, MCOUNTEREN, t0));     // 4
  li(p, t0, kBase + 4 * 10);                             // 5,6
  p.push_back(CSR(Op::CSRRW, zero, MEPC, t0));           // 7
  p.push_back(CSR(Op::CSRRW, zero, MSTATUS, zero));      // 8
  p.push_back(SYS(Op::MRET));                            // 9
  p.push_back(CSR(Op::CSRRS, a1, INSTRET, zero));        // 10 (U)
  p.push_back(CSR(Op::CSRRS, a2, CYCLE, zero));          // 11 (U)
  htif_exit(p, kToHost, 0);
  finish_with_handler(p);
  m.hart.set_htif(kToHost, 8, 0);
  REQUIRE(m.run(p) == core::Stop::Exit);
  CHECK(m.hart.reg(s5) == 0);  // no traps
  CHECK(m.hart.reg(a1) == 10);
  CHECK(m.hart.reg(a2) >= 10);
}

TEST_CASE("a write to minstret is seen by the next instruction; mcycle writes move only the view", "[csr]") {
  Machine m;
  std::vector<uint32_t> p;
  li(p, t0, 1000);
  p.push_back(CSR(Op::CSRRW, zero, MINSTRET, t0));
  p.push_back(CSR(Op::CSRRS, a1, MINSTRET, zero));
  p.push_back(CSR(Op::CSRRW, zero, MCYCLE, zero));
  p.push_back(CSR(Op::CSRRS, a2, MCYCLE, zero));
  exit_(p);
  REQUIRE(m.run(p) == core::Stop::Exit);
  CHECK(m.hart.reg(a1) == 1000);
  CHECK(m.hart.reg(a2) == 1);  // one csr cycle after the write
  CHECK(m.hart.cycle() > 5);   // simulated time itself did not go back
}

TEST_CASE("with no handler, an illegal instruction stops the run with pc, word and disassembly", "[trap]") {
  Machine m;
  std::vector<uint32_t> p{I(Op::ADDI, a0, zero, 1), 0xffffffffu};
  REQUIRE(m.run(p) == core::Stop::Fault);
  CHECK(m.hart.fault() == "illegal instruction at pc 0x80000004: 0xffffffff (.word 0xffffffff)");
  Machine m2;
  std::vector<uint32_t> p2{CSR(Op::CSRRS, a0, 0x7C0, zero)};
  REQUIRE(m2.run(p2) == core::Stop::Fault);
  CHECK_THAT(m2.hart.fault(), Catch::Contains("csrrs a0, 0x7c0, zero"));
}

TEST_CASE("accesses outside DRAM are access faults: trapped with a handler, a fault without", "[trap]") {
  Machine m;
  std::vector<uint32_t> p{I(Op::LW, a0, zero, 16)};
  REQUIRE(m.run(p) == core::Stop::Fault);
  CHECK_THAT(m.hart.fault(), Catch::StartsWith("load access fault (address 0x00000010, outside DRAM 0x80000000..0x800fffff)"));
  Machine m2;
  std::vector<uint32_t> p2 = with_handler();
  p2.push_back(S(Op::SW, a0, zero, 32));
  htif_exit(p2, kToHost, 0);
  finish_with_handler(p2);
  m2.hart.set_htif(kToHost, 8, 0);
  REQUIRE(m2.run(p2) == core::Stop::Exit);
  CHECK(m2.hart.reg(s2) == core::kStoreAccessFault);
  CHECK(m2.hart.reg(s4) == 32);
  Machine m3;
  std::vector<uint32_t> p3{I(Op::JALR, zero, zero, 0x100)};
  REQUIRE(m3.run(p3) == core::Stop::Fault);
  CHECK_THAT(m3.hart.fault(), Catch::StartsWith("instruction access fault (address 0x00000100"));
}

TEST_CASE("misaligned accesses are performed by default and trap when configured", "[trap]") {
  cfg::CoreConfig c;
  c.misaligned = "trap";
  Machine m(c);
  std::vector<uint32_t> p = with_handler();
  li(p, s0, kBase + 0x1001);
  p.push_back(I(Op::LW, a1, s0, 0));
  p.push_back(I(Op::ADDI, a2, s2, 0));
  p.push_back(I(Op::ADDI, a3, s4, 0));
  p.push_back(S(Op::SH, a1, s0, 0));
  p.push_back(I(Op::LBU, a4, s0, 0));  // bytes are never misaligned
  htif_exit(p, kToHost, 0);
  finish_with_handler(p);
  m.hart.set_htif(kToHost, 8, 0);
  REQUIRE(m.run(p) == core::Stop::Exit);
  CHECK(m.hart.reg(a2) == core::kLoadMisaligned);
  CHECK(m.hart.reg(a3) == kBase + 0x1001);
  CHECK(m.hart.reg(s2) == core::kStoreMisaligned);
  CHECK(m.hart.reg(s5) == 2);
}

TEST_CASE("a jump to a target that is not 4-byte aligned raises instruction-address-misaligned", "[trap]") {
  Machine m;
  std::vector<uint32_t> p{J(zero, 6)};
  REQUIRE(m.run(p) == core::Stop::Fault);
  CHECK_THAT(m.hart.fault(), Catch::StartsWith("instruction address misaligned (address 0x80000006)"));
}

TEST_CASE("host calls: write to stdout/stderr, bad fd, unknown call, exit code", "[host]") {
  Machine m;
  const uint32_t msg = kBase + 0x2000;
  std::memcpy(m.mem.data() + 0x2000, "hi\n", 3);
  std::vector<uint32_t> p;
  auto call = [&](uint32_t nr, uint32_t x0, uint32_t x1, uint32_t x2) {
    li(p, a0, x0); li(p, a1, x1); li(p, a2, x2); li(p, a7, nr);
    p.push_back(SYS(Op::ECALL));
  };
  call(64, 1, msg, 3);
  p.push_back(I(Op::ADDI, s0, a0, 0));
  call(64, 2, msg, 2);
  call(64, 7, msg, 2);
  p.push_back(I(Op::ADDI, s1, a0, 0));
  call(214, 0, 0, 0);  // brk: not provided
  p.push_back(I(Op::ADDI, t2, a0, 0));
  call(64, 1, 0x10, 4);  // buffer outside memory
  p.push_back(I(Op::ADDI, t1, a0, 0));
  call(93, 0x1234, 0, 0);
  REQUIRE(m.run(p) == core::Stop::Exit);
  CHECK(m.out == "hi\n");
  CHECK(m.err == "hi");
  CHECK(m.hart.reg(s0) == 3);
  CHECK(int32_t(m.hart.reg(s1)) == -9);
  CHECK(int32_t(m.hart.reg(t2)) == -38);
  CHECK(int32_t(m.hart.reg(t1)) == -14);
  CHECK(m.hart.exit_code() == 0x1234);
}

TEST_CASE("HTIF: console putchar acknowledges through fromhost; odd tohost exits with v >> 1", "[host]") {
  Machine m;
  const uint32_t fromhost = kToHost + 0x40;
  m.hart.set_htif(kToHost, 8, fromhost);
  std::vector<uint32_t> p;
  li(p, t0, kToHost);
  li(p, t1, 0x01010000u);  // device 1, command 1
  p.push_back(I(Op::ADDI, t2, zero, 'Z'));
  p.push_back(S(Op::SW, t2, t0, 0));
  p.push_back(S(Op::SW, t1, t0, 4));
  li(p, s0, fromhost);
  p.push_back(I(Op::LW, a1, s0, 4));   // reply high word
  p.push_back(I(Op::LW, a2, t0, 0));   // tohost cleared by the host
  p.push_back(I(Op::ADDI, t2, zero, 7));  // fail code 3
  p.push_back(S(Op::SW, t2, t0, 0));
  p.push_back(S(Op::SW, zero, t0, 4));
  p.push_back(J(zero, 0));  // never reached
  REQUIRE(m.run(p) == core::Stop::Exit);
  CHECK(m.out == "Z");
  CHECK(m.hart.reg(a1) == 0x01010000u);
  CHECK(m.hart.reg(a2) == 0);
  CHECK(m.hart.exit_code() == 3);
}

TEST_CASE("a 32-bit tohost symbol acts on its single word", "[host]") {
  Machine m;
  m.hart.set_htif(kToHost, 4, 0);
  std::vector<uint32_t> p;
  li(p, t0, kToHost);
  p.push_back(I(Op::ADDI, t2, zero, 1));
  p.push_back(S(Op::SW, t2, t0, 0));
  p.push_back(J(zero, 0));
  REQUIRE(m.run(p) == core::Stop::Exit);
  CHECK(m.hart.exit_code() == 0);
}

TEST_CASE("a runaway program returns when the cycle budget is spent", "[host]") {
  Machine m;
  std::vector<uint32_t> p{J(zero, 0)};
  CHECK(m.run(p, 5000) == core::Stop::Running);
  CHECK(m.hart.cycle() >= 5000);
  CHECK(m.hart.cycle() < 5000 + 10);
}

TEST_CASE("decode cache stays bounded when a trap handler walks every page of DRAM", "[trap][bounds]") {
  // Zero-filled memory is illegal instructions: each page traps to a handler that moves mepc one
  // page on. The hart decodes every page it executes; the cache must not keep them all.
  using namespace t;
  Machine m(cfg::CoreConfig{}, 8u << 20);  // 2048 pages
  std::vector<uint32_t> p;
  li(p, t0, kBase + 0x100);                        // handler
  p.push_back(CSR(Op::CSRRW, 0, MTVEC, t0));
  li(p, t1, kBase + 0x1000);                       // first victim page
  p.push_back(I(Op::JALR, 0, t1, 0));
  p.resize(0x100 / 4, I(Op::ADDI, 0, 0, 0));
  p.push_back(CSR(Op::CSRRS, t2, 0x341, 0));       // handler: t2 = mepc
  li(p, a1, 4096);
  p.push_back(R(Op::ADD, t2, t2, a1));
  p.push_back(CSR(Op::CSRRW, 0, 0x341, t2));       // mepc += 4096
  p.push_back(I(Op::ADDI, s1, s1, 1));             // pages visited
  p.push_back(SYS(Op::MRET));
  m.run(p, 200'000);
  CHECK(m.hart.reg(s1) > core::Hart::kMaxDecodedPages);  // it did walk more pages than the cap
  CHECK(m.hart.decoded_pages() <= core::Hart::kMaxDecodedPages);
}
