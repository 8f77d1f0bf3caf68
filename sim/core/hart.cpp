// Hart construction, decode, traps, memory slow paths and host interfaces (ecall, HTIF).
#include "sim/core/hart.h"

#include <algorithm>
#include <cstdio>
#include <cstring>

#include "sim/core/slot.h"

namespace core {

using isa::Cls;
using isa::Op;

namespace {
constexpr uint32_t kMstatusMIE = 1u << 3, kMstatusMPIE = 1u << 7, kMstatusMPP = 3u << 11;
constexpr uint32_t kMstatusMPRV = 1u << 17;
constexpr int64_t kENOSYS = -38, kEFAULT = -14, kEBADF = -9;

std::string hex32(uint32_t v) {
  char b[16];
  std::snprintf(b, sizeof b, "0x%08x", v);
  return b;
}

const char* cause_text(uint32_t cause) {
  switch (cause) {
    case kInsnMisaligned: return "instruction address misaligned";
    case kInsnAccessFault: return "instruction access fault";
    case kIllegalInsn: return "illegal instruction";
    case kBreakpoint: return "breakpoint (ebreak)";
    case kLoadMisaligned: return "misaligned load";
    case kLoadAccessFault: return "load access fault";
    case kStoreMisaligned: return "misaligned store";
    case kStoreAccessFault: return "store access fault";
    case kEcallU: return "ecall from U-mode";
    case kEcallM: return "ecall from M-mode";
    default: return "exception";
  }
}
}  // namespace

Hart::Hart(const cfg::CoreConfig& c, Bus& bus, HostWrite out) : bus_(bus), out_(std::move(out)) {
  const auto& t = c.timing;
  for (const isa::InsnRow* r = isa::rows_begin(); r != isa::rows_end(); ++r) {
    uint32_t cost = 1;
    switch (r->cls) {
      case Cls::Alu: cost = t.alu; break;
      case Cls::Branch: cost = t.branch; break;
      case Cls::Jump: cost = t.jump + t.jump_penalty; break;
      case Cls::Load: cost = t.load; break;
      case Cls::Store: cost = t.store; break;
      case Cls::Mul: cost = t.mul; break;
      case Cls::Div: cost = t.div; break;
      case Cls::Csr: cost = t.csr; break;
      case Cls::System: cost = t.system; break;
      case Cls::Amo: cost = t.load + t.store; break;  // a read and a write of one word
      case Cls::TileMac: case Cls::TileVec: case Cls::TileMem: case Cls::TileDma: case Cls::TileSync: case Cls::TileBlk:
        cost = t.tile;
        break;
    }
    op_cost_[static_cast<int>(r->op)] = cost;
  }
  op_cost_[kIllegal] = t.system;
  taken_penalty_ = t.branch_taken_penalty;
  load_use_penalty_ = t.load_use_penalty;
  trap_cost_ = t.system + t.jump_penalty;
  misalign_mask_ = c.misaligned == "trap" ? ~0u : 0u;
}

Hart::~Hart() = default;

void Hart::set_dmi(uint8_t* mem, uint32_t base, uint32_t size) {
  mem_ = mem;
  mem_base_ = base;
  mem_size_ = size;
  pages_.clear();
  pages_.resize(((uint64_t(size) + 4095) / 4096 + 1023) / 1024);
  live_pages_.clear();
}

void Hart::set_htif(uint32_t tohost, uint32_t tohost_size, uint32_t fromhost) {
  htif_ = tohost & ~7u;
  htif_size_ = tohost_size == 4 ? 4 : 8;
  fromhost_ = fromhost;
}

void Hart::reset(uint32_t entry_pc) {
  std::memset(x_, 0, sizeof x_);
  resv_->drop(hart_id_);
  resv_->clear_waiting(hart_id_);
  waiting_ = false;
  waiting_resv_ = false;
  pc_ = entry_pc;
  priv_ = Priv::Machine;
  mstatus_ = mtvec_ = mepc_ = mcause_ = mtval_ = mscratch_ = mie_ = mcounteren_ = 0;
  cycle_ = instret_ = 0;
  cycle_offset_ = 0;
  load_rd_ = 0;
  state_ = Stop::Running;
  exit_code_ = 0;
  fault_.clear();
  flush_decode_cache();
}

void Hart::decode_into(Slot& s, uint32_t word) {
  const isa::Decoded d = isa::decode(word);
  s.raw = word;
  s.rs1_field = static_cast<uint8_t>((word >> 15) & 31);
  if (d.op == Op::Invalid) {
    s.op = kIllegal;
    s.rd = 32;
    s.rs1 = s.rs2 = 0;
    s.imm = 0;
    return;
  }
  s.op = static_cast<uint8_t>(d.op);
  s.rd = d.rd == 0 ? 32 : d.rd;
  s.rs1 = d.rs1;
  s.rs2 = d.rs2;
  s.imm = d.imm;
  const isa::Fmt f = isa::row(d.op).fmt;
  if (f == isa::Fmt::Csr || f == isa::Fmt::CsrI) s.imm = d.csr;
  if (f == isa::Fmt::CsrI) s.rs1 = 0;  // the field is an immediate, not a register
  // Tile-number fields are not general registers: keep them out of the load-use check.
  if (f == isa::Fmt::TTT || f == isa::Fmt::TT || f == isa::Fmt::TTX) s.rs1 = 0;
  if (f == isa::Fmt::TTT || f == isa::Fmt::TT || f == isa::Fmt::TX) s.rs2 = 0;
}

std::string Hart::where(uint32_t pc) const {
  std::string s = "pc " + hex32(pc);
  const uint32_t off = pc - mem_base_;
  if (off < mem_size_ && off + 4 <= mem_size_ && mem_) {
    uint32_t w;
    std::memcpy(&w, mem_ + off, 4);
    s += ": " + hex32(w) + " (" + isa::disassemble(w, pc) + ")";
  }
  return s;
}

void Hart::stop_fault(const std::string& what, uint32_t pc) {
  state_ = Stop::Fault;
  fault_ = what + " at " + where(pc);
}

void Hart::trap(uint32_t cause, uint32_t tval) {
  resv_->drop(hart_id_);  // a trap ends lr.w's reservation (an sc.w after it fails)
  if (mtvec_ == 0) {
    // No handler installed: the guest cannot recover; stop with a readable description.
    std::string what = cause_text(cause);
    if (cause == kLoadAccessFault || cause == kStoreAccessFault || cause == kLoadMisaligned ||
        cause == kStoreMisaligned || cause == kInsnAccessFault || cause == kInsnMisaligned) {
      what += " (address " + hex32(tval);
      if (cause == kLoadAccessFault || cause == kStoreAccessFault || cause == kInsnAccessFault)
        what += ", outside DRAM " + hex32(mem_base_) + ".." + hex32(mem_base_ + mem_size_ - 1);
      what += ")";
    }
    if (cause == kIllegalInsn && priv_ == Priv::User) what += " in U-mode";
    stop_fault(what, pc_);
    return;
  }
  mepc_ = pc_;
  mcause_ = cause;
  mtval_ = tval;
  uint32_t st = mstatus_ & ~(kMstatusMPIE | kMstatusMPP | kMstatusMIE);
  if (mstatus_ & kMstatusMIE) st |= kMstatusMPIE;
  st |= static_cast<uint32_t>(priv_) << 11;
  mstatus_ = st;
  priv_ = Priv::Machine;
  pc_ = mtvec_ & ~3u;  // synchronous exceptions always go to the base, vectored or not
}

void Hart::mret() {
  const Priv to = static_cast<Priv>((mstatus_ >> 11) & 3) == Priv::Machine ? Priv::Machine : Priv::User;
  uint32_t st = mstatus_ & ~(kMstatusMIE | kMstatusMPP);
  if (mstatus_ & kMstatusMPIE) st |= kMstatusMIE;
  st |= kMstatusMPIE;  // MPP <- U (least privileged mode), MPIE <- 1
  if (to != Priv::Machine) st &= ~kMstatusMPRV;
  mstatus_ = st;
  priv_ = to;
  pc_ = mepc_;
}

bool Hart::ecall() {
  // While the guest has no trap handler (mtvec at its reset value 0), ecall is a host call
  // with the Linux/qemu-user convention; once a handler exists, ecall traps as the spec says.
  if (mtvec_ == 0) {
    host_call();
    return false;
  }
  trap(priv_ == Priv::User ? kEcallU : kEcallM, 0);
  return true;
}

void Hart::guest_write(int fd, uint32_t buf, uint32_t len, int64_t& ret) {
  if (fd != 1 && fd != 2) { ret = kEBADF; return; }
  const uint32_t off = buf - mem_base_;
  if (len == 0) { ret = 0; return; }
  if (off >= mem_size_ || len > mem_size_ - off) { ret = kEFAULT; return; }
  out_(fd, reinterpret_cast<const char*>(mem_ + off), len);
  ret = len;
}

void Hart::host_call() {
  const uint32_t nr = x_[17];  // a7
  int64_t ret = kENOSYS;
  switch (nr) {
    case 93:  // exit
    case 94:  // exit_group
      state_ = Stop::Exit;
      exit_code_ = static_cast<int32_t>(x_[10]);
      return;
    case 64:  // write(fd, buf, len)
      guest_write(static_cast<int>(x_[10]), x_[11], x_[12], ret);
      break;
    default: break;
  }
  x_[10] = static_cast<uint32_t>(ret);
}

uint64_t Hart::xt_exec(const Slot& s, uint64_t cost) {
  if (!cop_) {
    trap(kIllegalInsn, s.raw);
    return 0;
  }
  // Every Xtile format keeps its fields at the R/R4 positions: no table lookup needed.
  const uint32_t w = s.raw;
  XtInsn in;
  in.op = static_cast<Op>(s.op);
  in.raw = w;
  in.pc = pc_;
  in.rd = (w >> 7) & 31; in.rs1 = (w >> 15) & 31; in.rs2 = (w >> 20) & 31; in.rs3 = w >> 27;
  in.rs1_val = x_[in.rs1]; in.rs2_val = x_[in.rs2]; in.rs3_val = x_[in.rs3];
  in.cycle = cycle_;
  XtResult r;
  cop_->execute(in, r);
  if (r.fault) {
    stop_fault(std::string(r.message), pc_);
    return 0;
  }
  // s.rd: 32 when rd is x0.
  if (xt_writes_rd(isa::row(in.op).fmt)) x_[s.rd] = r.rd_value;
  return std::max<uint64_t>(cost, r.resume_cycle > cycle_ ? r.resume_cycle - cycle_ : 0);
}

bool Hart::slow_load(uint32_t addr, unsigned len, uint32_t& value) {
  if ((addr & (len - 1)) & misalign_mask_) { trap(kLoadMisaligned, addr); return false; }
  value = 0;
  const uint32_t off = addr - mem_base_;
  if (off < mem_size_ && len <= mem_size_ - off) {
    std::memcpy(&value, mem_ + off, len);
    return true;
  }
  uint8_t b[4] = {};
  if (!bus_.read(addr, b, len)) { trap(kLoadAccessFault, addr); return false; }
  std::memcpy(&value, b, len);
  return true;
}

bool Hart::slow_store(uint32_t addr, unsigned len, uint32_t value) {
  if ((addr & (len - 1)) & misalign_mask_) { trap(kStoreMisaligned, addr); return false; }
  const uint32_t off = addr - mem_base_;
  if (off < mem_size_ && len <= mem_size_ - off) {
    std::memcpy(mem_ + off, &value, len);
    resv_->stored(hart_id_, addr, len, cycle_);
    if ((addr & ~7u) == htif_) htif_store(addr);
    return true;
  }
  uint8_t b[4];
  std::memcpy(b, &value, 4);
  if (!bus_.write(addr, b, len)) { trap(kStoreAccessFault, addr); return false; }
  return true;
}

bool Hart::amo(isa::Op op, uint32_t addr, uint32_t src, uint32_t& result) {
  using isa::Op;
  const bool lr = op == Op::LR_W;
  if (addr & 3) { trap(lr ? kLoadMisaligned : kStoreMisaligned, addr); return false; }
  if (op == Op::SC_W) {  // succeeds only on the reserved word; either way the reservation ends
    const bool ok = resv_->take(hart_id_, addr);
    if (!ok) { result = 1; return true; }
    if (!slow_store(addr, 4, src)) return false;
    result = 0;
    return true;
  }
  uint32_t old = 0;
  const uint32_t off = addr - mem_base_;
  if (off < mem_size_ && 4 <= mem_size_ - off) {
    std::memcpy(&old, mem_ + off, 4);
  } else {
    uint8_t b[4] = {};
    if (!bus_.read(addr, b, 4)) { trap(lr ? kLoadAccessFault : kStoreAccessFault, addr); return false; }
    std::memcpy(&old, b, 4);
  }
  if (lr) {
    resv_->reserve(hart_id_, addr);
    result = old;
    return true;
  }
  const int32_t so = static_cast<int32_t>(old), ss = static_cast<int32_t>(src);
  uint32_t v = 0;
  switch (op) {
    case Op::AMOSWAP_W: v = src; break;
    case Op::AMOADD_W: v = old + src; break;
    case Op::AMOXOR_W: v = old ^ src; break;
    case Op::AMOAND_W: v = old & src; break;
    case Op::AMOOR_W: v = old | src; break;
    case Op::AMOMIN_W: v = static_cast<uint32_t>(so < ss ? so : ss); break;
    case Op::AMOMAX_W: v = static_cast<uint32_t>(so > ss ? so : ss); break;
    case Op::AMOMINU_W: v = old < src ? old : src; break;
    case Op::AMOMAXU_W: v = old > src ? old : src; break;
    default: break;
  }
  if (!slow_store(addr, 4, v)) return false;
  result = old;
  return true;
}

void Hart::htif_store(uint32_t addr) {
  // A 64-bit tohost is written low word then high word: act on the high word.
  // A 32-bit tohost acts on its only word.
  const uint32_t trigger = htif_size_ == 4 ? htif_ : htif_ + 4;
  if (addr != trigger) return;
  uint8_t* box = mem_ + (htif_ - mem_base_);
  uint64_t cmd = 0;
  std::memcpy(&cmd, box, htif_size_);
  if (cmd == 0) return;
  const unsigned dev = static_cast<unsigned>(cmd >> 56), op = static_cast<unsigned>((cmd >> 48) & 0xff);
  const uint64_t payload = cmd & 0xffffffffffffull;
  std::memset(box, 0, htif_size_);  // the host consumed the command
  uint64_t reply = 0;
  if (dev == 0 && op == 0) {
    if (payload & 1) {  // exit: 1 = pass, odd v = fail with code v >> 1
      state_ = Stop::Exit;
      exit_code_ = static_cast<int64_t>(payload >> 1);
      return;
    }
    // Proxied syscall: payload points at uint64_t args[8] = {nr, a0, a1, a2, ...}.
    const uint32_t off = static_cast<uint32_t>(payload) - mem_base_;
    if (off < mem_size_ && mem_size_ - off >= 64) {
      uint64_t args[4];
      std::memcpy(args, mem_ + off, sizeof args);
      int64_t ret = kENOSYS;
      if (args[0] == 64) guest_write(static_cast<int>(args[1]), static_cast<uint32_t>(args[2]), static_cast<uint32_t>(args[3]), ret);
      std::memcpy(mem_ + off, &ret, 8);
    }
    reply = 1;
  } else if (dev == 1 && op == 1) {  // console putchar
    const char c = static_cast<char>(payload & 0xff);
    out_(1, &c, 1);
    reply = (uint64_t(1) << 56) | (uint64_t(1) << 48);
  } else {
    return;  // unknown device/command: ignored, as the HTIF spec allows
  }
  if (fromhost_) {
    const uint32_t off = fromhost_ - mem_base_;
    if (off < mem_size_ && mem_size_ - off >= 8) std::memcpy(mem_ + off, &reply, 8);
  }
}

}  // namespace core
