#pragma once
// The 2-D DMA engine's timing (plain C++): per queue a window of bursts in flight, a setup time
// per transfer, against the chip's DRAM bus. The tile timing asks it when a transfer whose data
// the golden model already moved would complete.
#include <cstdint>
#include <utility>
#include <vector>

#include "sim/cfg/hw_config.h"
#include "sim/timing/dram_bus.h"

namespace timing {

class DmaTiming {
 public:
  DmaTiming(const cfg::DmaConfig& c, DramBus& bus);
  /// A transfer on `queue` dispatched at `start` (no later one starts before `floor`) touching
  /// `segments` of DRAM.
  BusTransfer transfer(uint32_t queue, uint64_t start, uint64_t floor, const std::vector<std::pair<uint32_t, uint32_t>>& segments);
  const DramBus& bus() const { return bus_; }

 private:
  cfg::DmaConfig cfg_;
  DramBus& bus_;
  std::vector<InFlightWindow> windows_;
};

}  // namespace timing
