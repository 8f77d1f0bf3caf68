#pragma once
// The chip's harts as one SystemC module: a TLM-2.0 initiator (DMI for RAM, b_transport for
// the rest) whose one thread runs every hart through the deterministic HartScheduler and lets
// SystemC time catch up once per quantum.
#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>

#include <memory>
#include <vector>

#include "sim/cfg/hw_config.h"
#include "sim/core/hart.h"
#include "sim/system/hart_scheduler.h"

namespace sys {

/// How the chip stopped.
enum class Outcome { Exit, Fault, Watchdog, Interrupted };

class ChipModule : public sc_core::sc_module, private core::Bus {
 public:
  tlm_utils::simple_initiator_socket<ChipModule> socket;  ///< memory

  /// `c.chip.cores` harts (mhartid 0..N-1) sharing `resv`; hart i issues its Xtile instructions
  /// to `tiles[i]` by plain calls (timing by annotation, never by wait(), so results do not
  /// depend on the quantum).
  ChipModule(sc_core::sc_module_name name, const cfg::HwConfig& c, core::HostWrite out,
             const std::vector<core::Coprocessor*>& tiles, core::Reservations& resv);

  unsigned harts() const { return static_cast<unsigned>(harts_.size()); }
  core::Hart& hart(unsigned i) { return *harts_[i]; }
  Outcome outcome() const { return outcome_; }
  /// The hart that ended the run (exit, fault), else 0.
  unsigned ended_by() const { return ended_by_; }
  /// True when every hart was parked in wfi before any exited (the run ended as a fault).
  bool all_parked() const { return all_parked_; }
  /// Times the chip synchronised with SystemC time (one per quantum), and hart slices run.
  uint64_t syncs() const { return syncs_; }
  uint64_t slices() const { return slices_; }

 private:
  void thread();
  bool read(uint32_t addr, uint8_t* data, unsigned len) override;
  bool write(uint32_t addr, const uint8_t* data, unsigned len) override;
  bool transport(tlm::tlm_command cmd, uint32_t addr, uint8_t* data, unsigned len);

  std::vector<std::unique_ptr<core::Hart>> harts_;
  sc_core::sc_time period_;
  uint64_t quantum_cycles_, max_cycles_;
  core::Reservations* resv_;  // the harts' (Zawrs wake-ups go through it)
  Outcome outcome_ = Outcome::Exit;
  unsigned ended_by_ = 0;
  bool all_parked_ = false;
  uint64_t syncs_ = 0, slices_ = 0;
};

}  // namespace sys
