#pragma once
// The 2-D DMA engine's timing: queues with bounded bursts in flight against the DRAM target.
// The tile unit asks it (TLM b_transport, DmaRequest as the data) when a transfer whose data
// the functional model already moved would complete.
#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>
#include <tlm_utils/simple_target_socket.h>

#include <cstdint>
#include <vector>

#include "sim/cfg/hw_config.h"
#include "sim/mem/dram_timing.h"

namespace mem {

struct DmaRequest {
  uint32_t queue = 0;
  uint64_t start = 0;  ///< cycle the transfer is dispatched
  uint64_t floor = 0;  ///< no later request starts before this cycle (the tile unit's dispatch time)
  const std::vector<std::pair<uint32_t, uint32_t>>* segments = nullptr;  ///< DRAM (address, bytes)
  uint64_t done = 0;   ///< out: cycle the last burst completes
  uint32_t bursts = 0; ///< out: bursts issued
};

class Dma : public sc_core::sc_module {
 public:
  tlm_utils::simple_target_socket<Dma> req;        ///< from the tile unit
  tlm_utils::simple_initiator_socket<Dma> mem;     ///< to DRAM

  Dma(sc_core::sc_module_name name, const cfg::DmaConfig& c);

 private:
  void b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay);
  cfg::DmaConfig cfg_;
  std::vector<InFlightWindow> windows_;
};

}  // namespace mem
