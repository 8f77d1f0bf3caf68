#include "sim/mem/dram_timing.h"

#include <algorithm>
#include <cmath>

namespace mem {

DramTiming::DramTiming(double bytes_per_cycle, uint64_t latency_cycles, uint32_t burst_bytes)
    : bpc_(bytes_per_cycle), xfer_(burst_bytes / bytes_per_cycle), latency_(latency_cycles), burst_(burst_bytes),
      ring_(kRing) {}

uint64_t DramTiming::burst(uint64_t issue) {
  ++bursts_;
  // Data may start moving once the request has been served, so that an idle DRAM delivers the
  // whole burst exactly `latency` cycles after the request (but never before the request).
  const double xfer_start = std::max<double>(double(issue), double(issue + latency_) - xfer_);
  const double cap = bpc_ * kBucket;
  uint64_t k = static_cast<uint64_t>(xfer_start) / kBucket;
  double remaining = burst_;
  double end = xfer_start;
  for (;;) {
    Bucket& b = ring_[k % kRing];
    if (b.tag != k) b = Bucket{k, 0.0};
    const double take = std::min(remaining, cap - b.fill);
    if (take > 0) {
      b.fill += take;
      remaining -= take;
      // The bytes of this bucket drain at the bus rate from the bucket's start.
      end = std::max(end, double(k * kBucket) + b.fill / bpc_);
    }
    if (remaining <= 0) break;
    ++k;
  }
  end = std::max(end, xfer_start + xfer_);
  return static_cast<uint64_t>(std::ceil(end));
}

}  // namespace mem
