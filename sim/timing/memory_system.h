#pragma once
// The chip's memory below the DMA engines (plain C++; one instance per chip, shared by the DMA
// queues of every core): per-core links into an interconnect, an optional shared L2, and DRAM as
// independent channels (HBM). docs/memory.md describes the model and what it approximates.
//
// Each granule of a transfer (a DMA burst; with an L2, a line) crosses a chain of bandwidth
// lanes - read: DRAM channel (no L2, or a miss), L2, interconnect, the core's link; write: link,
// interconnect, then the L2 (write-back, write-allocate) or the channel. A lane is a DramBus of
// its bandwidth (buckets of capacity, so requests of all cores interleave without ticking). The
// granule enters the first lane so that, idle, it completes the sum of the latencies after it
// issued; each later lane starts no earlier than the previous one's end minus its own transfer
// time (cut-through), so a queue in one lane delays the rest. Lanes of unlimited bandwidth are
// left out. With one channel, no L2 and an unlimited interconnect of latency 0 (the default chip)
// the chain is the single DramBus of old, taken through exactly its old path.
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "sim/cfg/chip_params.h"
#include "sim/timing/dram_bus.h"
#include "sim/timing/l2_cache.h"

namespace timing {

/// Traffic and contention of one core's DMA through the memory system.
struct CoreTraffic {
  uint64_t bytes_read = 0, bytes_written = 0;  ///< granule bytes (whole bursts / lines)
  uint64_t l2_hits = 0, l2_misses = 0;
  uint64_t multicast = 0;          ///< read granules that rode a cluster peer's transfer (no L2 access)
  uint64_t queue_cycles = 0;       ///< sum over granules of completion minus idle completion
};

class MemorySystem {
 public:
  explicit MemorySystem(const cfg::ChipParams& p);
  /// A transfer of core `core`'s queue window `w` from cycle `start` (no later request of any
  /// core starts before `floor`) touching `segments` (DRAM address, bytes); `write` = towards
  /// DRAM. The data already moved (golden model); this is its timing.
  BusTransfer transfer(unsigned core, InFlightWindow& w, uint64_t start, uint64_t floor, bool write,
                       const std::vector<std::pair<uint32_t, uint32_t>>& segments);

  /// DRAM data-bus busy cycles, averaged over the channels (the xt.stat dram_busy counter).
  uint64_t dram_busy_cycles() const;
  /// True when the chip is the one shared bus (default chip: the old model exactly).
  bool single_bus() const { return single_; }
  unsigned channels() const { return static_cast<unsigned>(channels_.size()); }
  /// Busy cycles of channel c / of the L2 / the interconnect lane / core link (0 when unlimited).
  uint64_t channel_busy(unsigned c) const { return channels_[c]->busy_cycles(); }
  uint64_t channel_bursts(unsigned c) const { return channels_[c]->bursts(); }
  uint64_t l2_busy() const { return l2_lane_ ? l2_lane_->busy_cycles() : 0; }
  uint64_t interconnect_busy() const { return ic_lane_ ? ic_lane_->busy_cycles() : 0; }
  uint64_t link_busy(unsigned core) const { return links_.empty() ? 0 : links_[core]->busy_cycles(); }
  const L2Cache* l2() const { return l2_.get(); }
  const CoreTraffic& traffic(unsigned core) const { return traffic_[core]; }
  uint32_t granule_bytes() const { return granule_; }
  /// Host state that must stay bounded (tests): the largest bucket ring of any lane.
  size_t max_ring_size() const;
  /// ... and the multicast table's slots (fixed when built).
  size_t flight_slots() const { return flights_.size(); }
  unsigned cluster_cores() const { return cluster_; }

 private:
  /// One granule at `addr` issued at `iss`: its completion cycle.
  uint64_t granule(unsigned core, uint32_t addr, uint64_t iss, bool write);
  unsigned channel_of(uint32_t addr) const {
    const uint32_t u = addr >> interleave_shift_;
    return hash_channels_ ? static_cast<unsigned>((uint64_t(u * 0x9E3779B1u) * channels_.size()) >> 32)
                          : static_cast<unsigned>(u % channels_.size());
  }

  /// A read granule of a cluster in flight: its line and when its data leaves the shared lanes
  /// into the links. A later read of the line by a core of the cluster issued by `out` rides it.
  struct Flight {
    uint32_t line = ~0u;
    uint64_t out = 0;
  };
  /// The cluster's slot for a line (direct-mapped: a collision only loses a multicast).
  Flight& flight(unsigned core, uint32_t addr) {
    const uint32_t line = addr >> granule_shift_;
    return flights_[(size_t(core / cluster_) << flight_bits_) + ((line * 0x9E3779B1u) >> (32 - flight_bits_))];
  }
  /// The multicast port: a rider's completion, or 0 when the line has no flight to join.
  uint64_t ride(unsigned core, uint32_t addr, uint64_t iss);

  bool single_;
  unsigned cluster_ = 1, flight_bits_ = 0, granule_shift_ = 0;
  std::vector<Flight> flights_;  // 2^flight_bits_ slots per cluster
  bool hash_channels_ = true;
  uint32_t granule_;
  unsigned interleave_shift_;
  uint64_t dram_lat_, l2_lat_, ic_lat_;
  std::vector<std::unique_ptr<DramBus>> channels_;  // single_: channels_[0] is the old bus (with its latency)
  std::unique_ptr<DramBus> l2_lane_, ic_lane_;
  std::vector<std::unique_ptr<DramBus>> links_;  // per core; empty when unlimited
  std::unique_ptr<L2Cache> l2_;
  std::vector<CoreTraffic> traffic_;
  std::vector<DramBus*> lanes_;  // scratch: the chain of one granule
};

}  // namespace timing
