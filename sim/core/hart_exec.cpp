// The hart's hot loop: fetch from the decode cache, execute, charge cycles.
#include <cstring>
#include <initializer_list>

#include "sim/core/hart.h"

#include "isa/formats.h"
#include "sim/core/slot.h"

#define LIKELY(x) __builtin_expect(!!(x), 1)
#define UNLIKELY(x) __builtin_expect(!!(x), 0)

namespace core {

using isa::Op;

namespace {
constexpr bool of_class(std::initializer_list<Op> ops, isa::Cls c) {
  for (Op op : ops)
    if (isa::row(op).cls != c) return false;
  return true;
}
// The opcodes run() sends to the class entry points of the coprocessor.
constexpr bool formats_are_mmas() {
  for (const auto& f : isa::kFormats)
    if (isa::row(f.op).cls != isa::Cls::TileMac) return false;
  return true;
}
static_assert(formats_are_mmas() && isa::kNumFormats == 6, "one MMA opcode per format (the case list below names them)");
static_assert(of_class({Op::XT_TLD_B, Op::XT_TLD_W, Op::XT_TLD_T2, Op::XT_TLD_BT, Op::XT_TST_B, Op::XT_TST_W}, isa::Cls::TileMem));
// ... and they are two runs of the opcode order.
static_assert(isa::formats_in_opcode_order() && int(Op::XT_TST_W) - int(Op::XT_TLD_B) == 5);
constexpr bool is_mma(uint8_t op) { return uint8_t(op - uint8_t(isa::kFirstMma)) < isa::kNumFormats; }
constexpr bool is_tile_mem(uint8_t op) { return uint8_t(op - uint8_t(Op::XT_TLD_B)) <= 5; }
}  // namespace

std::unique_ptr<Hart::Slot[]>& Hart::page_slot(uint32_t page) {
  auto& g = pages_[page >> 10];
  if (!g) g = std::make_unique<PageGroup>();
  return (*g)[page & 1023];
}

Hart::Slot* Hart::page_for(uint32_t pc) {
  const uint32_t off = pc - mem_base_;
  if (off >= mem_size_) return nullptr;
  auto& p = page_slot(off >> 12);
  if (!p) {
    // Bounded: a program that executes more pages than this (a trap handler walking DRAM) starts
    // the cache over instead of growing it. The caller holds no other page's slots here.
    if (live_pages_.size() >= kMaxDecodedPages) flush_decode_cache();
    p.reset(new Slot[1024]());
    live_pages_.push_back(off >> 12);
  }
  return p.get();
}

void Hart::flush_decode_cache() {
  for (uint32_t i : live_pages_) page_slot(i).reset();
  live_pages_.clear();
}

Stop Hart::run(uint64_t until) {
  if (state_ != Stop::Running) return state_;
  if (waiting_) return Stop::Wfi;
  if (waiting_resv_) return Stop::Wrs;
  uint32_t pc = pc_;
  uint64_t cyc = cycle_, ret = instret_;
  uint32_t* const x = x_;
  uint8_t* const mem = mem_;
  const uint32_t base = mem_base_;
  const uint32_t mm = misalign_mask_;
  const uint32_t htif = htif_;
  const uint32_t msz = mem_size_;
  const uint32_t taken_penalty = taken_penalty_, load_use_penalty = load_use_penalty_;
  uint32_t op_cost[sizeof(op_cost_) / sizeof(op_cost_[0])];
  std::memcpy(op_cost, op_cost_, sizeof op_cost);
  Coprocessor* const cop = cop_;
  const uint64_t sync_limit = sync_limit_;   // synchronising instructions only below this cycle
  const unsigned* const resv_live = resv_->live();  // reservations held (a store may end one)
  uint32_t load_rd = load_rd_;  // rd of the previous instruction if it was a load (0 = none)
  uint32_t page_pc = 1;  // pc & ~0xfff of `slots` (1 = none)
  Slot* slots = nullptr;

#define SYNC() (pc_ = pc, cycle_ = cyc, instret_ = ret)
#define RELOAD() (pc = pc_, cyc = cycle_, ret = instret_)
#define TRAP(cause, tval) do { SYNC(); trap(cause, tval); goto trapped; } while (0)
// Before a synchronising instruction: stop unless the scheduler allows it now. It is taken again
// by the next run(), so its load-use penalty (already in `cost`) must be found again: keep a
// source register the previous load wrote.
#define SYNC_POINT()                                                                 \
  do {                                                                               \
    if (UNLIKELY(cyc >= sync_limit || cyc >= resv_->clamp())) {                     \
      load_rd = cost != op_cost[s.op] ? (s.rs1 ? s.rs1 : s.rs2) : 0;                 \
      goto blocked;                                                                  \
    }                                                                                \
  } while (0)

  while (cyc < until) {
    {
    if (UNLIKELY((pc & ~0xfffu) != page_pc)) {
      slots = page_for(pc);
      if (!slots) TRAP(kInsnAccessFault, pc);
      page_pc = pc & ~0xfffu;
    }
    Slot& s = slots[(pc >> 2) & 1023];
    if (UNLIKELY(s.op == 0)) {
      uint32_t w;
      std::memcpy(&w, mem + (pc - base), 4);
      decode_into(s, w);
    }
      uint32_t npc = pc + 4;
      uint64_t cost = op_cost[s.op];
      if (UNLIKELY(load_rd != 0) && (s.rs1 == load_rd || s.rs2 == load_rd)) cost += load_use_penalty;
      load_rd = 0;
      const uint32_t a = x[s.rs1], b = x[s.rs2];
      const uint32_t imm = static_cast<uint32_t>(s.imm);

#define LOAD(T, N)                                                          \
  do {                                                                      \
    const uint32_t addr = a + imm, off = addr - base;                       \
    uint32_t v;                                                             \
    if (LIKELY(off <= msz - (N) && !((addr & ((N)-1)) & mm))) {       \
      T t;                                                                  \
      std::memcpy(&t, mem + off, N);                                        \
      v = static_cast<uint32_t>(t);                                         \
    } else {                                                                \
      SYNC();                                                               \
      uint32_t raw;                                                         \
      if (!slow_load(addr, N, raw)) goto trapped;                           \
      T t;                                                                  \
      std::memcpy(&t, &raw, N);                                             \
      v = static_cast<uint32_t>(t);                                         \
    }                                                                       \
    x[s.rd] = v;                                                            \
    load_rd = s.rd;                                                         \
  } while (0)
#define STORE(T, N)                                                                          \
  do {                                                                                       \
    const uint32_t addr = a + imm, off = addr - base;                                        \
    if (LIKELY(off <= msz - (N) && !((addr & ((N)-1)) & mm) && (addr & ~7u) != htif)) { \
      if (UNLIKELY(*resv_live)) {  /* a store that wakes a waiting hart synchronises */      \
        if (resv_->would_wake(hart_id_, addr, N)) SYNC_POINT();                              \
        resv_->stored(hart_id_, addr, N, cyc);                                               \
      }                                                                                      \
      const T t = static_cast<T>(b);                                                         \
      std::memcpy(mem + off, &t, N);                                                         \
    } else {                                                                                 \
      if ((addr & ~7u) == htif) SYNC_POINT();                                                \
      SYNC();                                                                                \
      if (!slow_store(addr, N, b)) goto trapped;                                             \
      if (state_ != Stop::Running) { ++instret_; cycle_ += cost; return state_; }            \
    }                                                                                        \
  } while (0)
#define BRANCH(cond)                                        \
  do {                                                      \
    if (cond) {                                             \
      const uint32_t t = pc + imm;                          \
      if (UNLIKELY(t & 3)) TRAP(kInsnMisaligned, t);        \
      npc = t;                                              \
      cost += taken_penalty;                               \
    }                                                       \
  } while (0)

      switch (static_cast<Op>(s.op)) {
        case Op::LUI: x[s.rd] = imm; break;
        case Op::AUIPC: x[s.rd] = pc + imm; break;
        case Op::JAL: {
          const uint32_t t = pc + imm;
          if (UNLIKELY(t & 3)) TRAP(kInsnMisaligned, t);
          x[s.rd] = npc;
          npc = t;
          break;
        }
        case Op::JALR: {
          const uint32_t t = (a + imm) & ~1u;
          if (UNLIKELY(t & 3)) TRAP(kInsnMisaligned, t);
          x[s.rd] = npc;
          npc = t;
          break;
        }
        case Op::BEQ: BRANCH(a == b); break;
        case Op::BNE: BRANCH(a != b); break;
        case Op::BLT: BRANCH(static_cast<int32_t>(a) < static_cast<int32_t>(b)); break;
        case Op::BGE: BRANCH(static_cast<int32_t>(a) >= static_cast<int32_t>(b)); break;
        case Op::BLTU: BRANCH(a < b); break;
        case Op::BGEU: BRANCH(a >= b); break;
        case Op::LB: LOAD(int8_t, 1); break;
        case Op::LH: LOAD(int16_t, 2); break;
        case Op::LW: LOAD(uint32_t, 4); break;
        case Op::LBU: LOAD(uint8_t, 1); break;
        case Op::LHU: LOAD(uint16_t, 2); break;
        case Op::SB: STORE(uint8_t, 1); break;
        case Op::SH: STORE(uint16_t, 2); break;
        case Op::SW: STORE(uint32_t, 4); break;
        case Op::LR_W: case Op::SC_W: case Op::AMOSWAP_W: case Op::AMOADD_W: case Op::AMOXOR_W: case Op::AMOAND_W:
        case Op::AMOOR_W: case Op::AMOMIN_W: case Op::AMOMAX_W: case Op::AMOMINU_W: case Op::AMOMAXU_W: {
          SYNC_POINT();
          SYNC();
          uint32_t r;
          if (!amo(static_cast<Op>(s.op), a, b, r)) goto trapped;
          x[s.rd] = r;
          if (state_ != Stop::Running) { ++instret_; cycle_ += cost; return state_; }  // an AMO on tohost
          break;
        }
        case Op::ADDI: x[s.rd] = a + imm; break;
        case Op::SLTI: x[s.rd] = static_cast<int32_t>(a) < static_cast<int32_t>(imm); break;
        case Op::SLTIU: x[s.rd] = a < imm; break;
        case Op::XORI: x[s.rd] = a ^ imm; break;
        case Op::ORI: x[s.rd] = a | imm; break;
        case Op::ANDI: x[s.rd] = a & imm; break;
        case Op::SLLI: x[s.rd] = a << imm; break;
        case Op::SRLI: x[s.rd] = a >> imm; break;
        case Op::SRAI: x[s.rd] = static_cast<uint32_t>(static_cast<int32_t>(a) >> imm); break;
        case Op::ADD: x[s.rd] = a + b; break;
        case Op::SUB: x[s.rd] = a - b; break;
        case Op::SLL: x[s.rd] = a << (b & 31); break;
        case Op::SLT: x[s.rd] = static_cast<int32_t>(a) < static_cast<int32_t>(b); break;
        case Op::SLTU: x[s.rd] = a < b; break;
        case Op::XOR: x[s.rd] = a ^ b; break;
        case Op::SRL: x[s.rd] = a >> (b & 31); break;
        case Op::SRA: x[s.rd] = static_cast<uint32_t>(static_cast<int32_t>(a) >> (b & 31)); break;
        case Op::OR: x[s.rd] = a | b; break;
        case Op::AND: x[s.rd] = a & b; break;
        case Op::MUL: x[s.rd] = a * b; break;
        case Op::MULH:
          x[s.rd] = static_cast<uint32_t>((int64_t(int32_t(a)) * int64_t(int32_t(b))) >> 32);
          break;
        case Op::MULHSU:
          x[s.rd] = static_cast<uint32_t>((int64_t(int32_t(a)) * int64_t(uint64_t(b))) >> 32);
          break;
        case Op::MULHU: x[s.rd] = static_cast<uint32_t>((uint64_t(a) * uint64_t(b)) >> 32); break;
        case Op::DIV:
          x[s.rd] = b == 0 ? ~0u
                    : (a == 0x80000000u && b == ~0u) ? a
                    : static_cast<uint32_t>(int32_t(a) / int32_t(b));
          break;
        case Op::DIVU: x[s.rd] = b == 0 ? ~0u : a / b; break;
        case Op::REM:
          x[s.rd] = b == 0 ? a : (a == 0x80000000u && b == ~0u) ? 0 : static_cast<uint32_t>(int32_t(a) % int32_t(b));
          break;
        case Op::REMU: x[s.rd] = b == 0 ? a : a % b; break;
        case Op::FENCE: SYNC_POINT(); break;
        case Op::FENCE_I:
          flush_decode_cache();
          page_pc = 1;
          break;
        case Op::ECALL:
          SYNC_POINT();
          SYNC();
          if (ecall()) goto trapped;  // trapped to the handler
          RELOAD();
          if (state_ != Stop::Running) { ++instret_; cycle_ += cost; return state_; }
          break;
        case Op::EBREAK:
          TRAP(kBreakpoint, pc);
          break;
        case Op::MRET:
          if (priv_ != Priv::Machine) TRAP(kIllegalInsn, s.raw);
          SYNC();
          mret();
          npc = pc_;
          break;
        case Op::WRS_NTO: case Op::WRS_STO:
          // Zawrs: with a reservation held, nto waits until another hart's store ends it (the
          // scheduler wakes it), sto stalls a short fixed time (spurious wake-ups are allowed).
          SYNC_POINT();
          if (resv_->held(hart_id_)) {
            if (s.op == static_cast<uint8_t>(Op::WRS_STO)) {
              cost += Hart::kWrsStoCycles;
              break;
            }
            pc_ = npc;
            cycle_ = cyc + cost;
            instret_ = ret + 1;
            load_rd_ = 0;
            waiting_resv_ = true;
            resv_->set_waiting(hart_id_);
            return Stop::Wrs;
          }
          break;
        case Op::WFI:
          // No interrupt sources yet: wfi is a no-op in M-mode, illegal in U-mode when mstatus.TW.
          // No interrupt sources yet: in M-mode (and U-mode unless mstatus.TW) the hart parks for
          // good (Stop::Wfi); the chip ends the run when every hart has exited or parked.
          if (priv_ == Priv::User && (mstatus_ & (1u << 21))) TRAP(kIllegalInsn, s.raw);
          pc_ = npc;
          cycle_ = cyc + cost;
          instret_ = ret + 1;
          load_rd_ = 0;
          waiting_ = true;
          return Stop::Wfi;
        case Op::CSRRW: case Op::CSRRS: case Op::CSRRC:
        case Op::CSRRWI: case Op::CSRRSI: case Op::CSRRCI: {
          const bool imm_form = s.op >= static_cast<uint8_t>(Op::CSRRWI);
          const uint32_t src = imm_form ? s.rs1_field : a;
          const bool writes = s.op == static_cast<uint8_t>(Op::CSRRW) ||
                              s.op == static_cast<uint8_t>(Op::CSRRWI) || s.rs1_field != 0;
          SYNC();
          if (!csr_op(static_cast<Op>(s.op), static_cast<uint16_t>(imm), src, writes, s.rd)) {
            trap(kIllegalInsn, s.raw);
            goto trapped;
          }
          RELOAD();
          break;
        }
        // Xtile: the hot classes (MMAs, tile loads/stores) go straight to their fast entry in the
        // coprocessor, which changes no hart state; anything else (and a fault) goes through
        // xt_exec(). Kernels issue them in runs: while the next instruction of the page is one
        // of them, it is dispatched here (no general-register loads among them: no load-use
        // penalty to check).
        case Op::XT_MMA_SS: case Op::XT_MMA_SU: case Op::XT_MMA_US: case Op::XT_MMA_UU: case Op::XT_MMA_T2: case Op::XT_MMA_S4:
        case Op::XT_TLD_B: case Op::XT_TLD_W: case Op::XT_TLD_T2: case Op::XT_TLD_BT: case Op::XT_TST_B: case Op::XT_TST_W: {
          if (UNLIKELY(!cop)) goto xt_general;
          const Slot* m = &s;
          for (;;) {
            const uint32_t w = m->raw;
            const uint64_t resume =
                is_mma(m->op) ? cop->mma(static_cast<Op>(m->op), (w >> 7) & 31, (w >> 15) & 31, (w >> 20) & 31, cyc)
                              : cop->tile_mem(static_cast<Op>(m->op), (w >> 7) & 31, x[m->rs1], x[m->rs2], cyc);
            if (UNLIKELY(resume == Coprocessor::kUseExecute)) {
              if (m == &s) goto xt_general;
              goto next_insn;  // taken again from the top of the loop, where it faults
            }
            cost = std::max(cost, resume - cyc);
            pc = npc;
            ++ret;
            cyc += cost;
            if (UNLIKELY(cyc >= until) || UNLIKELY((pc & 0xfffu) == 0)) goto next_insn;
            m = &slots[(pc >> 2) & 1023];
            if (!is_mma(m->op) && !is_tile_mem(m->op)) goto next_insn;  // (not decoded yet: op 0)
            npc = pc + 4;
            cost = op_cost[m->op];
          }
        }
        default:
          if (LIKELY(s.op >= kFirstTileOp && s.op < kIllegal)) {
          xt_general:
            if (isa::row(static_cast<Op>(s.op)).cls == isa::Cls::TileDma) SYNC_POINT();  // books the shared memory
            SYNC();
            cost = xt_exec(s, cost);
            if (cost == 0) goto trapped;
            RELOAD();
            break;
          }
          TRAP(kIllegalInsn, s.raw);  // kIllegal
          break;
      }
      pc = npc;
      ++ret;
      cyc += cost;
    next_insn:
      continue;
    }
  trapped:
    RELOAD();
    cyc += trap_cost_;
    load_rd = 0;
    page_pc = 1;
    if (state_ != Stop::Running) break;
  }
  SYNC();
  load_rd_ = load_rd;  // a load-use stall may straddle two run() calls
  return state_;
blocked:  // before a synchronising instruction (nothing of it done): taken again by the next run()
  SYNC();
  load_rd_ = load_rd;
  return Stop::Sync;
#undef SYNC
#undef RELOAD
#undef TRAP
#undef SYNC_POINT
#undef LOAD
#undef STORE
#undef BRANCH
}

}  // namespace core
