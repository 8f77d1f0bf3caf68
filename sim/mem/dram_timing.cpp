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
  InFlightWindow unbounded;  // one burst: no window to wait for
  unbounded.slot_free.assign(1, 0);
  return bursts(unbounded, issue, 1);
}

uint64_t DramTiming::bursts(InFlightWindow& w, uint64_t start, uint64_t count) {
  // Everything the loop touches lives in locals (the compiler cannot keep members in registers
  // across the stores into the ring).
  const uint64_t num = num_, xfer = xfer_, cap = cap_, lat = latency_;
  const uint64_t lat_t = lat * num;  // latency in time units
  Bucket* const ring = ring_.data();
  uint64_t k = last_k_, base = last_base_;
  const size_t slots = w.slot_free.size();
  size_t next = w.next;
  uint64_t last = w.last_issue, done = start;
  uint64_t* const slot_free = w.slot_free.data();
  for (uint64_t i = 0; i < count; ++i) {
    const uint64_t issue = std::max({start, slot_free[next], last});
    // Data may start moving once the request has been served, so that an idle DRAM delivers the
    // whole burst exactly `latency` cycles after the request (but never before the request).
    const uint64_t it = issue * num;
    const uint64_t xfer_start = lat_t >= xfer ? it + (lat_t - xfer) : std::max(it, it + lat_t > xfer ? it + lat_t - xfer : 0);
    // Bucket of xfer_start: requests mostly move forward in time, so step from the previous
    // burst's bucket instead of dividing.
    const uint64_t ahead = xfer_start - base;
    if (xfer_start >= base && ahead < cap) {
      // same bucket
    } else if (xfer_start >= base && ahead < 2 * cap) {
      ++k;
      base += cap;
    } else {
      k = xfer_start / cap;
      base = k * cap;
    }
    uint64_t remaining = xfer, end = xfer_start + xfer, kk = k, bb = base;
    for (;;) {
      Bucket& b = ring[kk & (kRing - 1)];
      if (b.tag != kk) b = Bucket{kk, 0};
      const uint64_t take = std::min(remaining, cap - b.fill);
      if (take) {
        b.fill += take;
        remaining -= take;
        // The bytes of this bucket drain at the bus rate from the bucket's start.
        end = std::max(end, bb + b.fill);
      }
      if (!remaining) break;
      ++kk;
      bb += cap;
    }
    const uint64_t d = num_shift_ >= 0 ? (end + num - 1) >> num_shift_ : (end + num - 1) / num;
    slot_free[next] = d;
    if (++next == slots) next = 0;
    last = issue;
    done = std::max(done, d);
  }
  bursts_ += count;
  last_k_ = k;
  last_base_ = base;
  w.next = next;
  w.last_issue = last;
  return done;
}

}  // namespace mem
