#pragma once
// DRAM as a TLM-2.0 target for the core: blocking transport for the slow path and DMI for the
// hot path. Its bus timing (the DMAs') is the chip's timing::DramBus.
#include <systemc>
#include <tlm>
#include <tlm_utils/simple_target_socket.h>

#include <cstdint>

#include "sim/cfg/hw_config.h"

namespace sys {

class Dram : public sc_core::sc_module {
 public:
  tlm_utils::simple_target_socket<Dram> socket;    ///< the core (DMI + slow path)

  /// memory.dram_base / dram_size_mib of guest physical memory, zero-filled on demand (mmap).
  Dram(sc_core::sc_module_name name, const cfg::HwConfig& c);
  ~Dram() override;

  uint32_t base() const { return base_; }
  uint64_t size() const { return size_; }
  /// Host pointer to guest address `addr` (no bounds check: callers check with contains()).
  uint8_t* host_ptr(uint32_t addr) { return mem_ + (addr - base_); }
  bool contains(uint64_t addr, uint64_t len) const {
    return addr >= base_ && len <= size_ && addr - base_ <= size_ - len;
  }

 private:
  void b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay);
  bool get_direct_mem_ptr(tlm::tlm_generic_payload& gp, tlm::tlm_dmi& dmi);
  unsigned transport_dbg(tlm::tlm_generic_payload& gp);

  uint32_t base_;
  uint64_t size_;
  uint8_t* mem_;
  sc_core::sc_time latency_;
};

}  // namespace sys
