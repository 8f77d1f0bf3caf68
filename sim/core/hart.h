#pragma once
// The RV32IM hart: an instruction-set simulator with an in-order timing model. No SystemC here:
// memory is a DMI window (plain pointer) plus a Bus for everything else, and time is a cycle
// count the caller bounds with run(until_cycle).
#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "isa/isa.h"
#include "sim/cfg/hw_config.h"
#include "sim/core/coprocessor.h"
#include "sim/core/reservations.h"

namespace core {

/// Slow-path memory for addresses outside the DMI window (devices, unmapped space).
class Bus {
 public:
  virtual ~Bus() = default;
  /// false = access error (unmapped or refused); the hart raises an access fault.
  virtual bool read(uint32_t addr, uint8_t* data, unsigned len) = 0;
  virtual bool write(uint32_t addr, const uint8_t* data, unsigned len) = 0;
};

/// Where guest output (ecall write, HTIF console) goes: fd 1 = stdout, 2 = stderr.
using HostWrite = std::function<void(int fd, const char* data, size_t len)>;

enum class Priv : uint8_t { User = 0, Machine = 3 };

/// Why run() returned.
enum class Stop : uint8_t {
  Running,  ///< cycle budget reached; call run() again
  Exit,     ///< the guest exited (ecall 93/94 or HTIF tohost); see exit_code()
  Fault,    ///< a guest fault with no trap handler installed; see fault()
  Sync,     ///< stopped before a synchronising instruction at cycle >= the sync limit (see
            ///< set_sync_limit); call run() again once the limit allows it
  Wfi,      ///< waiting in wfi for an interrupt (none exist yet: the hart stays parked)
  Wrs,      ///< waiting in wrs.nto until another hart's store ends its reservation (wake())
};

/// Exception causes (mcause values) used by the hart.
enum Cause : uint32_t {
  kInsnMisaligned = 0, kInsnAccessFault = 1, kIllegalInsn = 2, kBreakpoint = 3,
  kLoadMisaligned = 4, kLoadAccessFault = 5, kStoreMisaligned = 6, kStoreAccessFault = 7,
  kEcallU = 8, kEcallM = 11,
};

class Hart {
 public:
  Hart(const cfg::CoreConfig& cfg, Bus& bus, HostWrite out);
  ~Hart();

  /// Memory the hart may touch directly: [base, base + size), size a multiple of 4 KiB.
  void set_dmi(uint8_t* mem, uint32_t base, uint32_t size);
  /// HTIF mailbox (symbols `tohost`/`fromhost`); tohost_size 4 or 8 bytes.
  void set_htif(uint32_t tohost, uint32_t tohost_size, uint32_t fromhost);
  void reset(uint32_t entry_pc);

  /// Execute until cycle() >= until_cycle or the hart stops. Returns the state.
  Stop run(uint64_t until_cycle);

  /// Multi-hart chips. The hart's number (mhartid) and the chip's reservations (shared by all
  /// its harts; by default the hart has its own).
  void set_hart_id(unsigned id) { hart_id_ = id; }
  unsigned hart_id() const { return hart_id_; }
  void set_reservations(Reservations* r) { resv_ = r ? r : &own_resv_; }
  /// Synchronising instructions - lr.w, sc.w, amo*.w, fence, ecall, a store to tohost and the
  /// Xtile DMA instructions - execute only while cycle() < limit; at one issued later run()
  /// returns Stop::Sync before it (nothing changed). The chip's scheduler sets the limit so that
  /// they happen in simulated-time order across harts. Default: no limit.
  void set_sync_limit(uint64_t limit) { sync_limit_ = limit; }
  /// In wfi (parked until an interrupt; see Stop::Wfi).
  bool waiting() const { return waiting_; }
  /// Zawrs: in wrs.nto; wake() resumes it at cycle max(cycle(), at).
  bool waiting_on_reservation() const { return waiting_resv_; }
  void wake(uint64_t at) {
    waiting_resv_ = false;
    if (at > cycle_) cycle_ = at;
  }
  /// Cycles wrs.sto stalls while the reservation holds (its "short timeout").
  static constexpr uint32_t kWrsStoCycles = 32;

  Stop state() const { return state_; }
  int64_t exit_code() const { return exit_code_; }    ///< guest's exit value (untruncated)
  const std::string& fault() const { return fault_; }  ///< fault description with pc and disasm
  uint64_t cycle() const { return cycle_; }            ///< core cycles since reset
  uint64_t instret() const { return instret_; }        ///< instructions retired since reset
  uint32_t pc() const { return pc_; }
  uint32_t reg(unsigned i) const { return i == 0 ? 0 : x_[i]; }
  void set_reg(unsigned i, uint32_t v) { if (i) x_[i] = v; }
  Priv priv() const { return priv_; }

  /// The tile unit that executes Xtile instructions (none: they are illegal instructions).
  void set_coprocessor(Coprocessor* c) { cop_ = c; }

  /// Drop every decoded instruction (fence.i; also after the host changes code).
  void flush_decode_cache();

 private:
  struct Slot;  // one pre-decoded instruction
  Slot* page_for(uint32_t pc);
  void decode_into(Slot& s, uint32_t word);

  // Slow paths; they read and write the synchronised members (pc_, cycle_, instret_).
  bool slow_load(uint32_t addr, unsigned len, uint32_t& value);    // false = trap taken
  bool slow_store(uint32_t addr, unsigned len, uint32_t value);    // false = trap taken
  /// RV32A: lr.w, sc.w and the amo*.w read-modify-writes at addr with operand src; `result` is
  /// what rd receives (the old word; sc.w: 0 success, 1 failure). False = trap taken. AMOs are
  /// never emulated when misaligned (store/AMO address misaligned; lr.w: load address misaligned).
  bool amo(isa::Op op, uint32_t addr, uint32_t src, uint32_t& result);
  void trap(uint32_t cause, uint32_t tval);
  bool ecall();  // true = trapped to the handler
  void mret();
  bool csr_op(isa::Op op, uint16_t csr, uint32_t src, bool do_write, unsigned rd);
  bool csr_read(uint16_t csr, uint32_t& v) const;
  bool csr_write(uint16_t csr, uint32_t v);
  bool csr_accessible(uint16_t csr, bool write) const;
  void host_call();
  /// Hands an Xtile instruction to the coprocessor's general entry. Returns the cycles it takes
  /// the core (issue cost plus stalls), or 0 when it trapped or faulted.
  uint64_t xt_exec(const Slot& s, uint64_t cost);
  void htif_store(uint32_t addr);
  void guest_write(int fd, uint32_t buf, uint32_t len, int64_t& ret);
  void stop_fault(const std::string& what, uint32_t pc);
  std::string where(uint32_t pc) const;

  // --- architectural state ---
  uint32_t x_[33] = {};  // x_[32] is a sink for writes to x0
  unsigned hart_id_ = 0;
  Reservations own_resv_{1};
  Reservations* resv_ = &own_resv_;  // lr.w's reservation lives here (shared by a chip's harts)
  uint64_t sync_limit_ = ~uint64_t(0);
  bool waiting_ = false;
  bool waiting_resv_ = false;
  uint32_t pc_ = 0;
  Priv priv_ = Priv::Machine;
  uint32_t mstatus_ = 0, mtvec_ = 0, mepc_ = 0, mcause_ = 0, mtval_ = 0, mscratch_ = 0;
  uint32_t mie_ = 0, mcounteren_ = 0;
  uint64_t cycle_ = 0, instret_ = 0;
  int64_t cycle_offset_ = 0;  // guest writes to mcycle move only its view, never sim time
  uint32_t load_rd_ = 0;      // destination of the last instruction if it was a load

  // --- run state ---
  Stop state_ = Stop::Running;
  int64_t exit_code_ = 0;
  std::string fault_;

  // --- configuration ---
  Bus& bus_;
  Coprocessor* cop_ = nullptr;
  HostWrite out_;
  uint32_t op_cost_[isa::kNumOps + 2] = {};
  uint32_t taken_penalty_, jump_penalty_, load_use_penalty_, trap_cost_;
  uint32_t misalign_mask_;  // all-ones when misaligned accesses trap

  // --- memory ---
  uint8_t* mem_ = nullptr;
  uint32_t mem_base_ = 0, mem_size_ = 0;
  uint32_t htif_ = 1, htif_size_ = 8, fromhost_ = 0;  // htif_ == 1: no mailbox (never matches)

  // --- decode cache: one lazily decoded slot array per 4 KiB page of DMI memory, found through
  // a two-level table (1024 pages per group) so that a hart's host memory and set-up do not grow
  // with the DRAM size (a chip of 132 harts on 2 GiB held 69 M empty page pointers) ---
  using PageGroup = std::array<std::unique_ptr<Slot[]>, 1024>;
  std::vector<std::unique_ptr<PageGroup>> pages_;
  std::unique_ptr<Slot[]>& page_slot(uint32_t page);
 public:
  /// Decoded pages held at most (16 KiB of host memory each); decoded_pages() <= this.
  static constexpr size_t kMaxDecodedPages = 1024;
  size_t decoded_pages() const { return live_pages_.size(); }
 private:
  std::vector<uint32_t> live_pages_;
};

}  // namespace core
