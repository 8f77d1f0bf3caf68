#pragma once
// DRAM timing: a shared data bus of fixed bandwidth plus a fixed latency per burst. The bus is
// accounted in 32-cycle buckets (capacity = bandwidth x 32 cycles), so bursts of different
// queues interleave in time without ticking cycles; long streams converge to the peak.
#include <cstdint>
#include <vector>

#include <tlm>

namespace mem {

class DramTiming {
 public:
  DramTiming(double bytes_per_cycle, uint64_t latency_cycles, uint32_t burst_bytes);
  /// A burst requested at cycle `issue` completes (all data moved) at the returned cycle.
  uint64_t burst(uint64_t issue);
  uint64_t bursts() const { return bursts_; }
  /// Cycles the data bus spent transferring (bursts x burst / bandwidth).
  uint64_t busy_cycles() const { return static_cast<uint64_t>(double(bursts_) * xfer_ + 0.5); }
  double bytes_per_cycle() const { return bpc_; }
  uint64_t latency() const { return latency_; }

 private:
  static constexpr uint64_t kBucket = 32;
  static constexpr size_t kRing = 1 << 14;
  struct Bucket { uint64_t tag = ~0ull; double fill = 0; };
  double bpc_, xfer_;
  uint64_t latency_;
  uint32_t burst_;
  std::vector<Bucket> ring_;
  uint64_t bursts_ = 0;
};

/// Per-queue window of bursts in flight: a burst may issue only when one of the queue's
/// `max_in_flight` slots is free, and never before the queue's previous burst.
struct InFlightWindow {
  std::vector<uint64_t> slot_free;
  size_t next = 0;
  uint64_t last_issue = 0;
};

/// TLM extension a DMA engine attaches to ask the DRAM target for the timing of a transfer
/// (the data itself already moved through the functional model). In: start cycle, the aligned
/// burst addresses, the queue's window. Out: the cycle the last burst completes.
struct DramTransferExt : tlm::tlm_extension<DramTransferExt> {
  uint64_t start = 0;
  const std::vector<uint32_t>* bursts = nullptr;
  InFlightWindow* window = nullptr;
  uint64_t done = 0;
  tlm::tlm_extension_base* clone() const override { return new DramTransferExt(*this); }
  void copy_from(const tlm::tlm_extension_base& e) override { *this = static_cast<const DramTransferExt&>(e); }
};

}  // namespace mem
