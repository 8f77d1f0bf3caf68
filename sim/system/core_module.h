#pragma once
// The RV32IM hart as a SystemC module: a TLM-2.0 initiator on temporal decoupling, with DMI for RAM.
#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>

#include <memory>

#include "sim/cfg/hw_config.h"
#include "sim/core/hart.h"

namespace sys {

/// How the core stopped.
enum class Outcome { Exit, Fault, Watchdog, Interrupted };

class CoreModule : public sc_core::sc_module, private core::Bus {
 public:
  tlm_utils::simple_initiator_socket<CoreModule> socket;  ///< memory

  /// The hart issues its Xtile instructions to `tile` by plain calls (timing by annotation, never
  /// by wait(), so results do not depend on the quantum).
  CoreModule(sc_core::sc_module_name name, const cfg::HwConfig& c, core::HostWrite out, core::Coprocessor* tile);

  core::Hart& hart() { return *hart_; }
  Outcome outcome() const { return outcome_; }
  /// Number of times the core synchronised with SystemC time (one per quantum).
  uint64_t syncs() const { return syncs_; }

 private:
  void thread();
  bool read(uint32_t addr, uint8_t* data, unsigned len) override;
  bool write(uint32_t addr, const uint8_t* data, unsigned len) override;
  bool transport(tlm::tlm_command cmd, uint32_t addr, uint8_t* data, unsigned len);

  std::unique_ptr<core::Hart> hart_;
  sc_core::sc_time period_;
  uint64_t quantum_cycles_, max_cycles_;
  Outcome outcome_ = Outcome::Exit;
  uint64_t syncs_ = 0;
};

}  // namespace sys
