#include "sim/mem/dram_timing.h"

#include <algorithm>
#include <numeric>

namespace mem {

DramTiming::DramTiming(uint64_t bandwidth_mb_s, uint64_t freq_mhz, uint64_t latency_cycles, uint32_t burst_bytes)
    : num_(bandwidth_mb_s / std::gcd(bandwidth_mb_s, freq_mhz)), den_(freq_mhz / std::gcd(bandwidth_mb_s, freq_mhz)),
      xfer_(burst_bytes * den_), cap_(kBucket * num_), latency_(latency_cycles), burst_(burst_bytes), ring_(kRing) {}

uint64_t DramTiming::burst(uint64_t issue) {
  ++bursts_;
  // Data may start moving once the request has been served, so that an idle DRAM delivers the
  // whole burst exactly `latency` cycles after the request (but never before the request).
  const uint64_t served = (issue + latency_) * num_;
  const uint64_t xfer_start = std::max(issue * num_, served > xfer_ ? served - xfer_ : 0);
  uint64_t k = xfer_start / cap_;
  uint64_t remaining = xfer_;
  uint64_t end = xfer_start + xfer_;
  for (;;) {
    Bucket& b = ring_[k % kRing];
    if (b.tag != k) b = Bucket{k, 0};
    const uint64_t take = std::min(remaining, cap_ - b.fill);
    if (take) {
      b.fill += take;
      remaining -= take;
      // The bytes of this bucket drain at the bus rate from the bucket's start.
      end = std::max(end, k * cap_ + b.fill);
    }
    if (!remaining) break;
    ++k;
  }
  return (end + num_ - 1) / num_;
}

}  // namespace mem
