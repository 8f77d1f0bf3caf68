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
  // Everything the loop touches lives in locals (few enough to stay in registers: a spilled
  // loop variable puts a store-to-load round trip on the critical path).
  const uint64_t num = num_, xfer = xfer_, cap = cap_;
  // Data may start moving once the request has been served, so that an idle DRAM delivers the
  // whole burst exactly `latency` cycles after the request (but never before the request):
  // transfer start = issue + max(0, latency - transfer time), in time units.
  const uint64_t lat_t = latency_ * num, off = lat_t > xfer ? lat_t - xfer : 0;
  const uint64_t round = num - 1;
  const int shift = num_shift_;
  Bucket* const ring = ring_.data();
  uint64_t k = last_k_, base = last_base_;
  uint64_t* const slot_free = w.slot_free.data();
  uint64_t* const slot_end = slot_free + w.slot_free.size();
  uint64_t* slot = slot_free + w.next;
  uint64_t last = w.last_issue, done = start;
  auto load = [ring](uint64_t kk) {
    const Bucket& b = ring[kk & (kRing - 1)];
    return b.tag == kk ? b.fill : 0;  // another tag: a bucket long past, reused
  };
  auto store = [ring](uint64_t kk, uint64_t f) { ring[kk & (kRing - 1)] = Bucket{kk, f}; };
  // The bucket being filled is cached in (k, fc): the next burst mostly lands in it.
  uint64_t fc = load(k);
  uint64_t full_from = 0, full_to = 0;  // a run of buckets known to be full (empty: none)
  for (uint64_t i = count; i; --i) {
    last = std::max(last, std::max(start, *slot));  // a free slot, and not before the previous burst
    const uint64_t xfer_start = last * num + off;
    // Bucket of xfer_start: requests mostly move forward in time, so step from the previous
    // burst's bucket instead of dividing.
    if (xfer_start < base || xfer_start - base >= cap) {
      store(k, fc);
      if (xfer_start >= base && xfer_start - base < 2 * cap) {
        ++k;
        base += cap;
      } else {
        k = xfer_start / cap;
        base = k * cap;
      }
      fc = load(k);
    }
    // Fill the bus from bucket k on; the bytes of a bucket drain at the bus rate from its start.
    uint64_t end = xfer_start + xfer;
    uint64_t take = std::min(xfer, cap - fc);
    fc += take;
    if (take) end = std::max(end, base + fc);
    if (take < xfer) {  // spills into the following buckets (left there; the next burst steps on)
      uint64_t remaining = xfer - take, kk = k + 1, bb = base + cap, f;
      store(k, fc);
      // Buckets [full_from, full_to) were found full by an earlier burst of this call (fill never
      // shrinks), so a burst spilling from inside that run skips to its end.
      if (kk >= full_from && kk < full_to && full_to - full_from < kRing) {
        bb += (full_to - kk) * cap;
        kk = full_to;
      } else {
        full_from = kk;
      }
      for (;; ++kk, bb += cap) {
        f = load(kk);
        take = std::min(remaining, cap - f);
        if (!take) continue;
        f += take;
        remaining -= take;
        end = std::max(end, bb + f);
        store(kk, f);
        if (!remaining) break;
      }
      full_to = kk;  // the bucket that took the last bytes; those before it are full
    }
    const uint64_t d = shift >= 0 ? (end + round) >> shift : (end + round) / num;
    *slot = d;
    if (++slot == slot_end) slot = slot_free;
    done = std::max(done, d);
  }
  store(k, fc);
  bursts_ += count;
  last_k_ = k;
  last_base_ = base;
  w.next = static_cast<size_t>(slot - slot_free);
  w.last_issue = last;
  return done;
}

}  // namespace mem
