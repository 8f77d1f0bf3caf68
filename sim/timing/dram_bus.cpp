#include "sim/timing/dram_bus.h"

#include <algorithm>
#include <numeric>

namespace timing {

DramBus::DramBus(const cfg::ChipParams& p)
    : DramBus(p.hw.dram.bandwidth_mb_s, p.hw.clock.freq_mhz, p.dram_latency_cycles, p.hw.dma.burst_bytes) {}

BusTransfer DramBus::transfer(InFlightWindow& w, uint64_t start, uint64_t floor,
                              const std::vector<std::pair<uint32_t, uint32_t>>& segments) {
  BusTransfer t;
  t.done = start;
  if (segments.empty()) return t;
  const unsigned sh = __builtin_ctz(burst_);  // bursts are a power of two
  uint64_t n = 0;
  for (const auto& [addr, len] : segments)
    if (len) n += ((uint64_t(addr) + len - 1) >> sh) - (addr >> sh) + 1;
  t.bursts = static_cast<uint32_t>(n);
  set_floor(floor);
  t.done = std::max(start, bursts(w, start, n));
  return t;
}

DramBus::DramBus(uint64_t bandwidth_mb_s, uint64_t freq_mhz, uint64_t latency_cycles, uint32_t burst_bytes)
    : num_(bandwidth_mb_s / std::gcd(bandwidth_mb_s, freq_mhz)), den_(freq_mhz / std::gcd(bandwidth_mb_s, freq_mhz)),
      xfer_(burst_bytes * den_), latency_(latency_cycles), burst_(burst_bytes), ring_(1 << 14), mask_((1 << 14) - 1) {
  // A bucket holds at least one burst (burst x den / num cycles), so a burst spills over at most
  // one bucket boundary and the buckets in use stay proportional to the bursts in flight.
  while (bucket_ * num_ < xfer_) bucket_ *= 2;
  cap_ = bucket_ * num_;
  if ((num_ & (num_ - 1)) == 0)
    while ((uint64_t(1) << num_shift_) < num_) ++num_shift_;
  else
    num_shift_ = -1;
}

void DramBus::grow_and_put(uint64_t k, uint64_t f) {
  // Double the ring until every live bucket (and k) has a slot of its own.
  std::vector<Bucket> live;
  for (const Bucket& b : ring_)
    if (b.tag != ~0ull && b.tag >= floor_k_ && b.tag != k) live.push_back(b);
  live.push_back(Bucket{k, f});
  for (size_t n = ring_.size() * 2;; n *= 2) {
    std::vector<Bucket> r(n);
    bool ok = true;
    for (const Bucket& b : live) {
      Bucket& s = r[b.tag & (n - 1)];
      if (s.tag != ~0ull) { ok = false; break; }
      s = b;
    }
    if (ok) {
      ring_.swap(r);
      mask_ = n - 1;
      return;
    }
  }
}

uint64_t DramBus::fill(Cursor& c, uint64_t xs) {
  const uint64_t cap = cap_, xfer = xfer_;
  auto load = [this](uint64_t kk) { return get(kk); };
  auto store = [this](uint64_t kk, uint64_t f) { put(kk, f); };
  // Bucket of xs: requests mostly move forward in time, so step from the cursor's bucket
  // instead of dividing.
  if (xs < c.base || xs - c.base >= cap) {
    store(c.k, c.fill);
    if (xs >= c.base && xs - c.base < 2 * cap) {
      ++c.k;
      c.base += cap;
    } else {
      c.k = xs / cap;
      c.base = c.k * cap;
    }
    c.fill = load(c.k);
  }
  // Fill the bus from the bucket on; the bytes of a bucket drain at the bus rate from its start.
  uint64_t end = xs + xfer;
  uint64_t take = std::min(xfer, cap - c.fill);
  c.fill += take;
  if (take) end = std::max(end, c.base + c.fill);
  if (take < xfer) {  // spills into the following buckets (left there; the next burst steps on)
    uint64_t remaining = xfer - take, kk = c.k + 1, bb = c.base + cap, f;
    store(c.k, c.fill);
    // Buckets [full_from, full_to) were found full by an earlier burst of this transfer (fill
    // never shrinks), so a burst spilling from inside that run skips to its end.
    if (kk >= c.full_from && kk < c.full_to) {
      bb += (c.full_to - kk) * cap;
      kk = c.full_to;
    } else {
      c.full_from = kk;
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
    c.full_to = kk;  // the bucket that took the last bytes; those before it are full
  }
  return end;
}

/// One burst whose transfer starts at xs (time units) onto the bus: the common case - it starts
/// in the cursor's bucket or the next and fits - inline, the rest in fill(). Returns its end.
__attribute__((always_inline)) inline uint64_t DramBus::place(Cursor& c, uint64_t xs) {
  const uint64_t cap = cap_, xfer = xfer_;
  uint64_t rel = xs - c.base;  // wraps when xs < base
  if (rel >= cap && rel - cap < cap) {  // the next bucket
    put(c.k, c.fill);
    ++c.k;
    c.base += cap;
    rel -= cap;
    c.fill = get(c.k);
  }
  if (rel < cap && cap - c.fill >= xfer) {  // (a burst may be longer than a bucket)
    c.fill += xfer;
    return xs + xfer > c.base + c.fill ? xs + xfer : c.base + c.fill;
  }
  return fill(c, xs);
}

template <bool kPow2>
uint64_t DramBus::bursts_loop(InFlightWindow& w, uint64_t start, uint64_t count) {
  const uint64_t num = num_, xfer = xfer_;
  const int shift = num_shift_;
  // Data may start moving once the request has been served, so that an idle DRAM delivers the
  // whole burst exactly `latency` cycles after the request (but never before the request):
  // transfer start = issue + max(0, latency - transfer time), in time units.
  const uint64_t lat_t = latency_ * num, off = lat_t > xfer ? lat_t - xfer : 0;
  uint64_t* const slot_free = w.slot_free.data();
  uint64_t* const slot_end = slot_free + w.slot_free.size();
  uint64_t* slot = slot_free + w.next;
  uint64_t last = w.last_issue, done = start;
  // The bucket of the previous burst and the lane's run of full buckets (fill()).
  Cursor c{last_k_, last_base_, get(last_k_), run_from_, run_to_};
  for (uint64_t i = count; i; --i) {
    const uint64_t free = *slot > start ? *slot : start;
    last = free > last ? free : last;  // a free slot, and not before the previous burst
    const uint64_t end = place(c, (kPow2 ? last << shift : last * num) + off);
    const uint64_t d = kPow2 ? (end + num - 1) >> shift : (end + num - 1) / num;
    *slot = d;
    if (++slot == slot_end) slot = slot_free;
    done = d > done ? d : done;
  }
  put(c.k, c.fill);
  bursts_ += count;
  last_k_ = c.k;
  last_base_ = c.base;
  run_from_ = c.full_from;
  run_to_ = c.full_to;
  w.next = static_cast<size_t>(slot - slot_free);
  w.last_issue = last;
  return done;
}

uint64_t DramBus::book(uint64_t start) {
  // bursts_loop for one burst whose slot is free and which follows no earlier one.
  const uint64_t num = num_, xfer = xfer_;
  const uint64_t lat_t = latency_ * num, off = lat_t > xfer ? lat_t - xfer : 0;
  Cursor c{last_k_, last_base_, get(last_k_), run_from_, run_to_};
  const uint64_t end = place(c, (num_shift_ >= 0 ? start << num_shift_ : start * num) + off);
  put(c.k, c.fill);
  ++bursts_;
  last_k_ = c.k;
  last_base_ = c.base;
  run_from_ = c.full_from;
  run_to_ = c.full_to;
  const uint64_t d = num_shift_ >= 0 ? (end + num - 1) >> num_shift_ : (end + num - 1) / num;
  return d > start ? d : start;
}

uint64_t DramBus::bursts(InFlightWindow& w, uint64_t start, uint64_t count) {
  return num_shift_ >= 0 ? bursts_loop<true>(w, start, count) : bursts_loop<false>(w, start, count);
}

}  // namespace timing
