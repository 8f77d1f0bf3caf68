#pragma once
// The DRAM bus of the chip (plain C++; its one instance is the chip's, shared by every DMA
// queue): a shared data bus of fixed bandwidth plus a fixed latency per burst. The bus is
// accounted in buckets of 32 cycles (longer when one burst takes longer than that on the bus:
// a power of two of cycles holding at least one burst), capacity = bandwidth x bucket length, so
// bursts of different queues interleave in time without ticking cycles; long streams converge to
// the peak. Buckets live in a ring that grows whenever a bucket still in use would be reused
// (no aliasing however far ahead bursts are booked); buckets before the floor (no later request
// starts earlier) are dead and may be reused.
// Exact integer arithmetic: bandwidth is the fraction num/den bytes per cycle (MB/s over MHz,
// reduced), time is kept in units of 1/num cycle and bytes in units of 1/den byte, so moving
// one scaled byte takes one time unit.
#include <cstdint>
#include <utility>
#include <vector>

#include "sim/cfg/chip_params.h"

namespace timing {

/// Per-queue window of bursts in flight: a burst may issue only when one of the queue's
/// `max_in_flight` slots is free, and never before the queue's previous burst.
struct InFlightWindow {
  std::vector<uint64_t> slot_free;
  size_t next = 0;
  uint64_t last_issue = 0;
};

/// What one DMA transfer cost on the bus.
struct BusTransfer {
  uint64_t done = 0;    ///< cycle the last burst completes (the start when there is none)
  uint32_t bursts = 0;  ///< aligned bursts issued
};

class DramBus {
 public:
  /// bandwidth_mb_s / freq_mhz bytes per cycle.
  DramBus(uint64_t bandwidth_mb_s, uint64_t freq_mhz, uint64_t latency_cycles, uint32_t burst_bytes);
  /// The chip's bus: dram.bandwidth_mb_s, its latency in core cycles, dma.burst_bytes.
  explicit DramBus(const cfg::ChipParams& p);
  /// A transfer touching `segments` (DRAM address, bytes; the data already moved through the
  /// golden model) of a queue with in-flight window w, from cycle `start`; no later transfer
  /// starts before `floor`. The segments split into aligned bursts; each waits for a free slot
  /// of the window and issues no earlier than the queue's previous one. The bus model does not
  /// depend on addresses, only on how many bursts there are.
  BusTransfer transfer(InFlightWindow& w, uint64_t start, uint64_t floor,
                       const std::vector<std::pair<uint32_t, uint32_t>>& segments);
  /// `count` bursts of one queue, requested from cycle `start` on: each waits for a free slot of
  /// the queue's in-flight window and issues no earlier than the queue's previous burst. Returns
  /// the completion of the last one to finish (or `start` for none).
  uint64_t bursts(InFlightWindow& w, uint64_t start, uint64_t count);
  /// One burst requested at `start`, on its own (no queue window): the cycle it has passed
  /// (a lane of the memory hierarchy: memory_system.h).
  /// (bursts() of one burst on a window of one free slot, without the window: the same result.)
  uint64_t book(uint64_t start);
  /// Cycles one burst occupies the bus, rounded up.
  uint64_t burst_cycles() const { return (xfer_ + num_ - 1) / num_; }
  uint64_t bursts() const { return bursts_; }
  /// Cycles the data bus spent transferring (bursts x burst / bandwidth, rounded).
  uint64_t busy_cycles() const { return (bursts_ * xfer_ + num_ / 2) / num_; }
  uint32_t burst_bytes() const { return burst_; }
  /// No request from now on starts before cycle `c` (monotonic; lower values are ignored).
  void set_floor(uint64_t c) {
    const uint64_t k = c * num_ / cap_;
    if (k > floor_k_) floor_k_ = k;
  }
  uint64_t bucket_cycles() const { return bucket_; }
  size_t ring_size() const { return ring_.size(); }

 private:
  struct Bucket { uint64_t tag = ~0ull, fill = 0; };
  uint64_t get(uint64_t k) const {
    const Bucket& b = ring_[k & mask_];
    return b.tag == k ? b.fill : 0;  // another tag: a bucket long past, reused
  }
  void put(uint64_t k, uint64_t f) {
    Bucket& b = ring_[k & mask_];
    if (b.tag != k && b.tag != ~0ull && b.tag >= floor_k_) return grow_and_put(k, f);
    b = Bucket{k, f};
  }
  void grow_and_put(uint64_t k, uint64_t f);
  /// The bucket a transfer is filling (k, its start time base, its fill) and a run of buckets
  /// [full_from, full_to) known to be full.
  struct Cursor { uint64_t k, base, fill, full_from, full_to; };
  /// Puts one burst whose transfer starts at xs (time units) on the bus; returns when it ends.
  uint64_t fill(Cursor& c, uint64_t xs);
  uint64_t place(Cursor& c, uint64_t xs);
  template <bool kPow2>  // num_ a power of two: shifts for the time unit conversions
  uint64_t bursts_loop(InFlightWindow& w, uint64_t start, uint64_t count);
  uint64_t num_, den_;  // bytes per cycle = num_ / den_
  uint64_t xfer_;       // one burst on the bus, in time units (burst x den)
  uint64_t cap_;        // bucket capacity in scaled bytes (= its length in time units)
  int num_shift_ = 0;   // log2(num_) when num_ is a power of two, else -1
  uint64_t latency_;
  uint32_t burst_;
  uint64_t bucket_ = 32;                 // bucket length in cycles (a power of two)
  uint64_t last_k_ = 0, last_base_ = 0;  // bucket of the previous burst's transfer start, and its start time
  // Buckets [run_from_, run_to_) found full by an earlier spill (fills never shrink, so they stay
  // full; one below the floor is dead and never needed again): a later spill into the run skips
  // it, so a congested lane costs O(1) per burst, not a walk over the queue.
  uint64_t run_from_ = 0, run_to_ = 0;
  uint64_t floor_k_ = 0;                 // buckets below this are dead
  std::vector<Bucket> ring_;
  uint64_t mask_;
  uint64_t bursts_ = 0;
};


}  // namespace timing
