// The in-order pipeline model: closed-form cycle counts from the configured latencies.
#include <catch2/catch.hpp>

#include "tests/unit/asm.h"
#include "tests/unit/machine.h"

using namespace t;

namespace {
cfg::CoreConfig distinct_latencies() {
  cfg::CoreConfig c;  // every class a different number so a mix-up shows
  auto& t = c.timing;
  t.alu = 2; t.branch = 3; t.branch_taken_penalty = 5; t.jump = 7; t.jump_penalty = 11;
  t.load = 13; t.load_use_penalty = 17; t.store = 19; t.mul = 23; t.div = 29; t.csr = 31; t.system = 37;
  return c;
}
uint64_t cycles_of(const std::vector<uint32_t>& body, uint64_t* instret = nullptr) {
  Machine m(distinct_latencies());
  std::vector<uint32_t> p = body;
  p.push_back(SYS(Op::ECALL));  // a0 = 0, a7 = 0 -> ENOSYS... use exit below
  p.back() = I(Op::ADDI, 17, zero, 93);
  p.push_back(SYS(Op::ECALL));
  REQUIRE(m.run(p) == core::Stop::Exit);
  if (instret) *instret = m.hart.instret();
  return m.hart.cycle() - 2 - 37;  // minus the exit sequence (addi + ecall)
}
}  // namespace

TEST_CASE("each instruction class costs its configured latency", "[timing]") {
  std::vector<uint32_t> alu(100, I(Op::ADDI, a1, a1, 1));
  uint64_t n = 0;
  CHECK(cycles_of(alu, &n) == 200);
  CHECK(n == 102);
  CHECK(cycles_of({R(Op::MUL, a1, a1, a1)}) == 23);
  CHECK(cycles_of({R(Op::DIV, a1, a1, a1), R(Op::REMU, a1, a1, a1)}) == 58);
  CHECK(cycles_of({CSR(Op::CSRRS, a1, 0xC00, zero)}) == 31);
  CHECK(cycles_of({SYS(Op::FENCE_I)}) == 37);
}

TEST_CASE("taken branches and jumps pay their refill penalty, not-taken branches do not", "[timing]") {
  CHECK(cycles_of({B(Op::BNE, zero, zero, 8), I(Op::ADDI, a1, a1, 1)}) == 3 + 2);
  CHECK(cycles_of({B(Op::BEQ, zero, zero, 8), I(Op::ADDI, a1, a1, 1)}) == 3 + 5);
  CHECK(cycles_of({J(zero, 4)}) == 7 + 11);
}

TEST_CASE("a load followed by a use of its result stalls load_use_penalty cycles", "[timing]") {
  std::vector<uint32_t> use_next;
  li(use_next, s0, kBase + 0x1000);  // 2 alu = 4 cycles
  use_next.push_back(I(Op::LW, a1, s0, 0));
  use_next.push_back(R(Op::ADD, a2, a1, zero));  // uses a1 as rs1
  CHECK(cycles_of(use_next) == 4 + 13 + 2 + 17);

  std::vector<uint32_t> use_rs2 = use_next;
  use_rs2.back() = R(Op::ADD, a2, zero, a1);  // uses a1 as rs2
  CHECK(cycles_of(use_rs2) == 4 + 13 + 2 + 17);

  std::vector<uint32_t> gap = use_next;
  gap.insert(gap.end() - 1, I(Op::ADDI, a3, zero, 0));  // one independent instruction between
  CHECK(cycles_of(gap) == 4 + 13 + 2 + 2);

  std::vector<uint32_t> to_x0 = use_next;  // a load into x0 has no consumer
  to_x0[2] = I(Op::LW, zero, s0, 0);
  to_x0[3] = R(Op::ADD, a2, zero, zero);
  CHECK(cycles_of(to_x0) == 4 + 13 + 2);

  std::vector<uint32_t> store_after;
  li(store_after, s0, kBase + 0x1000);
  store_after.push_back(I(Op::LW, a1, s0, 0));
  store_after.push_back(S(Op::SW, a1, s0, 4));  // store data depends on the load
  CHECK(cycles_of(store_after) == 4 + 13 + 19 + 17);
}

TEST_CASE("the guest's cycle and instret CSRs agree with the simulator's counters", "[timing]") {
  Machine m(distinct_latencies());
  std::vector<uint32_t> p{CSR(Op::CSRRS, s0, 0xC00, zero)};
  for (int i = 0; i < 10; ++i) p.push_back(I(Op::ADDI, a1, a1, 1));
  p.push_back(CSR(Op::CSRRS, s1, 0xC00, zero));
  p.push_back(CSR(Op::CSRRS, a2, 0xC02, zero));
  exit_(p);
  REQUIRE(m.run(p) == core::Stop::Exit);
  CHECK(m.hart.reg(s1) - m.hart.reg(s0) == 31 + 10 * 2);
  CHECK(m.hart.reg(a2) == 12);
  CHECK(m.hart.instret() == 15);
}
