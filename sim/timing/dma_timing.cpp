#include "sim/timing/dma_timing.h"

namespace timing {

DmaTiming::DmaTiming(const cfg::DmaConfig& c, MemorySystem& mem, unsigned core) : cfg_(c), mem_(mem), core_(core), windows_(c.queues) {
  for (auto& w : windows_) w.slot_free.assign(c.max_in_flight, 0);
}

BusTransfer DmaTiming::transfer(uint32_t queue, uint64_t start, uint64_t floor, bool write,
                                const std::vector<std::pair<uint32_t, uint32_t>>& segments) {
  const uint64_t s = start + cfg_.setup_cycles;
  BusTransfer t = mem_.transfer(core_, windows_[queue], s, floor, write, segments);
  if (segments.empty()) t.done = s;
  return t;
}

}  // namespace timing
