#include "sim/mem/dram_timing.h"

#include <algorithm>
#include <numeric>

namespace mem {

DramTiming::DramTiming(uint64_t bandwidth_mb_s, uint64_t freq_mhz, uint64_t latency_cycles, uint32_t burst_bytes)
    : num_(bandwidth_mb_s / std::gcd(bandwidth_mb_s, freq_mhz)), den_(freq_mhz / std::gcd(bandwidth_mb_s, freq_mhz)),
      xfer_(burst_bytes * den_), cap_(kBucket * num_), latency_(latency_cycles), burst_(burst_bytes), ring_(kRing) {
  if ((num_ & (num_ - 1)) == 0)
    while ((uint64_t(1) << num_shift_) < num_) ++num_shift_;
  else
    num_shift_ = -1;
}

uint64_t DramTiming::burst(uint64_t issue) {
  ++bursts_;
  // Data may start moving once the request has been served, so that an idle DRAM delivers the
  // whole burst exactly `latency` cycles after the request (but never before the request).
  const uint64_t served = (issue + latency_) * num_;
  const uint64_t xfer_start = std::max(issue * num_, served > xfer_ ? served - xfer_ : 0);
  // Bucket of xfer_start: requests mostly move forward in time, so compare with the previous
  // burst's bucket instead of dividing.
  uint64_t k, base;
  const uint64_t ahead = xfer_start - last_base_;
  if (xfer_start >= last_base_ && ahead < 2 * cap_) {
    k = last_k_ + (ahead >= cap_);
    base = ahead >= cap_ ? last_base_ + cap_ : last_base_;
  } else {
    k = xfer_start / cap_;
    base = k * cap_;
  }
  last_k_ = k;
  last_base_ = base;
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
      end = std::max(end, base + b.fill);
    }
    if (!remaining) break;
    ++k;
    base += cap_;
  }
  return num_shift_ >= 0 ? (end + num_ - 1) >> num_shift_ : (end + num_ - 1) / num_;
}

uint64_t DramTiming::bursts(InFlightWindow& w, uint64_t start, uint64_t count) {
  uint64_t done = start;
  const size_t slots = w.slot_free.size();
  size_t next = w.next;
  uint64_t last = w.last_issue;
  uint64_t* slot_free = w.slot_free.data();
  for (uint64_t i = 0; i < count; ++i) {
    const uint64_t issue = std::max({start, slot_free[next], last});
    const uint64_t d = burst(issue);
    slot_free[next] = d;
    if (++next == slots) next = 0;
    last = issue;
    done = std::max(done, d);
  }
  w.next = next;
  w.last_issue = last;
  return done;
}

}  // namespace mem
