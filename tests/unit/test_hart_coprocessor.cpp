// The hart's side of the coprocessor contract, with a mock coprocessor: the burst loop that sends
// runs of MMAs and tile loads/stores to the fast entries must charge every instruction's stall,
// pass the right operands and cycles, stop at page boundaries and budgets, and hand a faulting
// instruction in the middle of a run to execute(); the general entry writes rd back.
#include <catch2/catch.hpp>

#include <vector>

#include "tests/unit/asm.h"
#include "tests/unit/machine.h"

using namespace t;

namespace {

/// Records every call; a fast-entry call returns `cycle + stall[rd]` (a stall per destination
/// tile), or kUseExecute for an MMA writing tile `refuse_rd` (a real coprocessor refuses a
/// faulting instruction every time); execute() faults on a tile instruction and otherwise
/// returns rd_value = 1000 + its x1 after 7 cycles.
struct MockCop : core::Coprocessor {
  struct Call {
    isa::Op op;
    unsigned rd;
    uint32_t a, b;  // tile fields (MMA) or x1, x2 (tile load/store)
    uint64_t cycle;
    bool fast;
  };
  std::vector<Call> calls;
  uint64_t stall[32] = {};
  unsigned refuse_rd = 99;
  size_t refuse_from = 0;  // ... once this many calls were made

  uint64_t mma(isa::Op op, unsigned rd, unsigned ra, unsigned rb, uint64_t cycle) override {
    calls.push_back({op, rd, ra, rb, cycle, true});
    return rd == refuse_rd && calls.size() > refuse_from ? kUseExecute : cycle + stall[rd];
  }
  uint64_t tile_mem(isa::Op op, unsigned rd, uint32_t x1, uint32_t x2, uint64_t cycle) override {
    calls.push_back({op, rd, x1, x2, cycle, true});
    return cycle + stall[rd];
  }
  void execute(const core::XtInsn& in, core::XtResult& out) override {
    calls.push_back({in.op, in.rd, in.rs1_val, in.rs2_val, in.cycle, false});
    if (isa::row(in.op).cls == isa::Cls::TileMac || isa::row(in.op).cls == isa::Cls::TileMem) {
      out.fault = true;
      out.message = "mock: refused";
      return;
    }
    out.rd_value = 1000 + in.rs1_val;
    out.resume_cycle = in.cycle + 7;
  }
};

uint32_t mma(Op op, unsigned td, unsigned ta, unsigned tb) { return R(op, td, ta, tb); }
uint32_t tld(unsigned td, unsigned rs1, unsigned rs2) { return R(Op::XT_TLD_B, td, rs1, rs2); }

constexpr uint32_t kIssue = 2;  // core.timing.tile: issue cost of an Xtile instruction

struct CopMachine : Machine {
  MockCop cop;
  CopMachine() : Machine(core_cfg()) { hart.set_coprocessor(&cop); }
  static cfg::CoreConfig core_cfg() {
    cfg::CoreConfig c;
    c.timing.tile = kIssue;
    return c;
  }
};

/// `body` run `times` times (s11 counts down; the loop branch is taken times - 1 times), then
/// exit. The first pass meets undecoded instructions, so each tile instruction is a run of its
/// own; later passes go through the burst loop, which must give the same timing.
std::vector<uint32_t> looped(const std::vector<uint32_t>& body, unsigned times, unsigned pad_to = 0) {
  std::vector<uint32_t> p;
  li(p, 27, times);
  while (p.size() < pad_to) p.push_back(I(Op::ADDI, zero, zero, 0));
  p.insert(p.end(), body.begin(), body.end());
  p.push_back(I(Op::ADDI, 27, 27, -1));
  p.push_back(B(Op::BNE, 27, zero, -int32_t(4 * (body.size() + 1))));
  exit_(p);
  return p;
}

/// The calls of pass `pass` (each pass makes `per_pass` calls).
std::vector<MockCop::Call> pass_calls(const MockCop& c, size_t per_pass, size_t pass) {
  return {c.calls.begin() + per_pass * pass, c.calls.begin() + per_pass * (pass + 1)};
}

}  // namespace

TEST_CASE("a run of MMAs charges each instruction's stall, not only the first's", "[hart][cop]") {
  CopMachine m;
  const std::vector<uint32_t> body = {mma(Op::XT_MMA_SS, 1, 2, 3), mma(Op::XT_MMA_SU, 4, 5, 6),
                                      mma(Op::XT_MMA_UU, 7, 8, 9), mma(Op::XT_MMA_T2, 10, 11, 12)};
  m.cop.stall[1] = 10;
  m.cop.stall[4] = 0;  // the issue cost is the floor
  m.cop.stall[7] = 25;
  m.cop.stall[10] = 1;
  REQUIRE(m.run(looped(body, 3)) == core::Stop::Exit);
  REQUIRE(m.cop.calls.size() == 12);
  const uint64_t gap[3] = {10, kIssue, 25};  // from each MMA's issue to the next one's
  for (size_t pass = 0; pass < 3; ++pass) {
    const auto c = pass_calls(m.cop, 4, pass);
    for (size_t i = 0; i < 4; ++i) {
      CAPTURE(pass, i);
      CHECK(c[i].fast);
      CHECK(c[i].op == isa::decode(body[i]).op);
      CHECK((c[i].rd == 3 * i + 1 && c[i].a == 3 * i + 2 && c[i].b == 3 * i + 3));
      if (i < 3) CHECK(c[i + 1].cycle - c[i].cycle == gap[i]);
    }
  }
  // pass: 37 + last MMA 2 + addi 1 + taken bne (1 + 2) = 43 cycles; the last pass's bne falls through
  CHECK(m.cop.calls[4].cycle - m.cop.calls[0].cycle == 43);
  CHECK(m.cop.calls[8].cycle - m.cop.calls[4].cycle == 43);
  CHECK(m.hart.cycle() == 2 + 43 * 3 - 2 + 2);
}

TEST_CASE("tile loads in a run get their general-register operands and stalls", "[hart][cop]") {
  CopMachine m;
  const std::vector<uint32_t> body = {tld(3, a1, a2), mma(Op::XT_MMA_SS, 0, 3, 3), tld(4, a2, a1)};
  std::vector<uint32_t> prog;
  li(prog, a1, 0x1234);
  li(prog, a2, 64);
  const std::vector<uint32_t> loop = looped(body, 2);
  prog.insert(prog.end(), loop.begin(), loop.end());
  m.cop.stall[3] = 5;
  m.cop.stall[0] = 9;
  m.cop.stall[4] = 3;
  REQUIRE(m.run(prog) == core::Stop::Exit);
  REQUIRE(m.cop.calls.size() == 6);
  for (size_t pass = 0; pass < 2; ++pass) {
    const auto c = pass_calls(m.cop, 3, pass);
    CAPTURE(pass);
    CHECK((c[0].a == 0x1234 && c[0].b == 64 && c[0].rd == 3));
    CHECK(c[1].cycle - c[0].cycle == 5);
    CHECK(c[2].cycle - c[1].cycle == 9);
    CHECK((c[2].a == 64 && c[2].b == 0x1234 && c[2].rd == 4));
  }
  CHECK(m.cop.calls[3].cycle - m.cop.calls[0].cycle == 5 + 9 + 3 + 1 + 3);
}

TEST_CASE("a run that crosses a 4 KiB page boundary goes on in the next page", "[hart][cop]") {
  CopMachine m;
  // The loop body starts 4 instructions before the end of the first page: 8 MMAs, 4 in each page.
  std::vector<uint32_t> body;
  for (unsigned i = 0; i < 8; ++i) body.push_back(mma(Op::XT_MMA_SS, i, i + 8, i + 16));
  for (unsigned i = 0; i < 8; ++i) m.cop.stall[i] = 6 + i;
  REQUIRE(m.run(looped(body, 3, 1020)) == core::Stop::Exit);
  REQUIRE(m.cop.calls.size() == 24);
  for (size_t pass = 0; pass < 3; ++pass) {
    const auto c = pass_calls(m.cop, 8, pass);
    for (size_t i = 0; i < 8; ++i) {
      CAPTURE(pass, i);
      CHECK(c[i].rd == i);
      if (i < 7) CHECK(c[i + 1].cycle - c[i].cycle == 6 + i);
    }
  }
  CHECK(m.cop.calls[8].cycle - m.cop.calls[0].cycle == (6 + 7 + 8 + 9 + 10 + 11 + 12 + 13) + 1 + 3);
}

TEST_CASE("a cycle budget that ends inside a run resumes it where it stopped", "[hart][cop]") {
  std::vector<uint32_t> body;
  for (unsigned i = 0; i < 12; ++i) body.push_back(mma(Op::XT_MMA_SS, i, 1, 2));
  const std::vector<uint32_t> p = looped(body, 3);
  CopMachine whole, sliced;
  for (unsigned i = 0; i < 12; ++i) whole.cop.stall[i] = sliced.cop.stall[i] = 9;
  REQUIRE(whole.run(p) == core::Stop::Exit);
  sliced.load(p);
  sliced.hart.reset(kBase);
  core::Stop s = core::Stop::Running;
  for (uint64_t until = 5; s == core::Stop::Running; until += 5) s = sliced.hart.run(until);
  REQUIRE(s == core::Stop::Exit);
  CHECK(sliced.hart.cycle() == whole.hart.cycle());
  REQUIRE(sliced.cop.calls.size() == 36);
  REQUIRE(whole.cop.calls.size() == 36);
  for (size_t i = 0; i < 36; ++i) CHECK(sliced.cop.calls[i].cycle == whole.cop.calls[i].cycle);
}

TEST_CASE("an instruction the fast entry refuses in the middle of a run goes to execute() and faults there",
          "[hart][cop]") {
  CopMachine m;
  const std::vector<uint32_t> body = {mma(Op::XT_MMA_SS, 1, 2, 3), mma(Op::XT_MMA_SS, 4, 5, 6),
                                      mma(Op::XT_MMA_SS, 7, 8, 9), mma(Op::XT_MMA_SS, 10, 11, 12)};
  for (unsigned r : {1u, 4u, 7u, 10u}) m.cop.stall[r] = 4;
  // Pass 1 (one instruction per run) is accepted whole; in pass 2 (the burst loop) tile 7's
  // MMA is refused.
  m.cop.refuse_rd = 7;
  m.cop.refuse_from = 4;
  const std::vector<uint32_t> p = looped(body, 2);
  REQUIRE(m.run(p) == core::Stop::Fault);
  for (auto& c : m.cop.calls) UNSCOPED_INFO("call rd " << c.rd << " cycle " << c.cycle << " fast " << c.fast);
  REQUIRE(m.cop.calls.size() >= 7);
  const auto p2 = pass_calls(m.cop, 4, 1);
  CHECK((p2[0].rd == 1 && p2[1].rd == 4 && p2[2].rd == 7 && p2[2].fast));
  CHECK(p2[1].cycle - p2[0].cycle == 4);
  CHECK(p2[2].cycle - p2[1].cycle == 4);
  const auto& last = m.cop.calls.back();
  CHECK_FALSE(last.fast);
  CHECK((last.rd == 7 && last.cycle == p2[2].cycle));
  size_t executes = 0;
  for (size_t i = 4; i < m.cop.calls.size(); ++i) {
    executes += !m.cop.calls[i].fast;
    CHECK(m.cop.calls[i].rd != 10);  // nothing after the fault
  }
  CHECK(executes == 1);
  CHECK(m.hart.pc() == kBase + 4 * 2 + 8);  // li (2), MMAs of tiles 1 and 4
  CHECK(m.hart.instret() == 2 + 6 + 2);     // li, pass 1 (4 MMAs, addi, bne), tiles 1 and 4
  CHECK(m.hart.fault().find("mock: refused") != std::string::npos);
}

TEST_CASE("the general entry writes rd back and charges its stall", "[hart][cop]") {
  CopMachine m;
  std::vector<uint32_t> p;
  li(p, a1, 5);
  isa::Decoded d;
  d.op = Op::XT_CFGR;
  d.rd = a0;
  d.rs1 = a1;
  p.push_back(isa::encode(d));
  d.rd = zero;  // rd x0 stays 0
  p.push_back(isa::encode(d));
  p.push_back(R(Op::ADD, a3, a0, zero));
  exit_(p);
  REQUIRE(m.run(p) == core::Stop::Exit);
  CHECK(m.hart.reg(a3) == 1005);
  CHECK(m.hart.reg(zero) == 0);
  REQUIRE(m.cop.calls.size() == 2);
  CHECK_FALSE(m.cop.calls[0].fast);
  CHECK(m.cop.calls[0].cycle == 2);
  CHECK(m.cop.calls[1].cycle == 9);
  CHECK(m.hart.cycle() == 2 + 7 + 7 + 1 + 1 + 1);
}
