#pragma once
// The 2-D DMA engine's timing (plain C++): per queue a window of bursts in flight, a setup time
// per transfer, against the chip's DRAM bus. The tile timing asks it when a transfer whose data
// the golden model already moved would complete.
#include <cstdint>
#include <utility>
#include <vector>

#include "sim/cfg/hw_config.h"
#include "sim/timing/memory_system.h"

namespace timing {

class DmaTiming {
 public:
  /// The DMA engine of core `core`, its traffic going through the chip's memory system.
  DmaTiming(const cfg::DmaConfig& c, MemorySystem& mem, unsigned core = 0);
  /// A transfer on `queue` dispatched at `start` (no later one of any core starts before
  /// `floor`) touching `segments` of DRAM; `write` = scratchpad to DRAM.
  BusTransfer transfer(uint32_t queue, uint64_t start, uint64_t floor, bool write,
                       const std::vector<std::pair<uint32_t, uint32_t>>& segments);
  const MemorySystem& memory() const { return mem_; }
  unsigned core() const { return core_; }

 private:
  cfg::DmaConfig cfg_;
  MemorySystem& mem_;
  unsigned core_;
  std::vector<InFlightWindow> windows_;
};

}  // namespace timing
