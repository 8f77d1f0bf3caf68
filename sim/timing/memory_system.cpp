#include "sim/timing/memory_system.h"

#include <algorithm>

namespace timing {

namespace {
uint64_t ns_to_cycles(uint64_t ns, uint64_t mhz) { return (ns * mhz + 999) / 1000; }
}  // namespace

MemorySystem::MemorySystem(const cfg::ChipParams& p) {
  const cfg::HwConfig& c = p.hw;
  const uint64_t f = c.clock.freq_mhz;
  const bool l2 = c.l2.size_kib > 0;
  single_ = c.dram.channels == 1 && !l2 && c.interconnect.link_bandwidth_mb_s == 0 && c.interconnect.bandwidth_mb_s == 0 &&
            c.interconnect.latency_ns == 0 && c.interconnect.cluster_cores == 1;
  granule_ = l2 ? c.l2.line_bytes : c.dma.burst_bytes;
  interleave_shift_ = __builtin_ctz(c.dram.interleave_bytes);
  hash_channels_ = c.dram.channel_map == "hash";
  dram_lat_ = p.dram_latency_cycles;
  l2_lat_ = l2 ? ns_to_cycles(c.l2.latency_ns, f) : 0;
  ic_lat_ = ns_to_cycles(c.interconnect.latency_ns, f);
  traffic_.resize(c.chip.cores);
  if (single_) {
    channels_.push_back(std::make_unique<DramBus>(p));
    return;
  }
  // Lanes are pure bandwidth (latency 0): the chain adds the latencies (granule()). A channel
  // has bandwidth / channels: bytes per cycle = bandwidth / (freq x channels), exactly.
  for (uint32_t i = 0; i < c.dram.channels; ++i)
    channels_.push_back(std::make_unique<DramBus>(c.dram.bandwidth_mb_s, f * c.dram.channels, 0, granule_));
  if (l2) {
    l2_ = std::make_unique<L2Cache>(c.l2.size_kib << 10, c.l2.line_bytes, c.l2.ways, L2Cache::policy_named(c.l2.replacement),
                                    c.l2.set_index == "hash");
    if (c.l2.bandwidth_mb_s) l2_lane_ = std::make_unique<DramBus>(c.l2.bandwidth_mb_s, f, 0, granule_);
  }
  if (c.interconnect.bandwidth_mb_s) ic_lane_ = std::make_unique<DramBus>(c.interconnect.bandwidth_mb_s, f, 0, granule_);
  if (c.interconnect.link_bandwidth_mb_s)
    for (uint32_t i = 0; i < c.chip.cores; ++i)
      links_.push_back(std::make_unique<DramBus>(c.interconnect.link_bandwidth_mb_s, f, 0, granule_));
  lanes_.reserve(4);
  cluster_ = std::min(c.interconnect.cluster_cores, c.chip.cores);
  if (cluster_ > 1) {
    // Room for 4x the lines the cluster's DMA windows can have in flight (at least 1,024 slots).
    const uint64_t in_flight = uint64_t(cluster_) * c.dma.queues * c.dma.max_in_flight;
    flight_bits_ = 10;
    while ((uint64_t(1) << flight_bits_) < 4 * in_flight && flight_bits_ < 24) ++flight_bits_;
    granule_shift_ = __builtin_ctz(granule_);
    flights_.assign(size_t((c.chip.cores + cluster_ - 1) / cluster_) << flight_bits_, Flight{});
  }
}

uint64_t MemorySystem::ride(unsigned core, uint32_t addr, uint64_t iss) {
  const Flight& f = flight(core, addr);
  if (f.line != addr >> granule_shift_ || iss > f.out) return 0;
  // The data comes out of the interconnect with the first read and crosses this core's link.
  uint64_t done = std::max(f.out, iss);
  if (!links_.empty()) {
    DramBus& link = *links_[core];
    const uint64_t x = link.burst_cycles();
    done = std::max(done, link.book(std::max(iss, f.out > x ? f.out - x : 0)));
  }
  ++traffic_[core].multicast;
  return done;
}

uint64_t MemorySystem::granule(unsigned core, uint32_t addr, uint64_t iss, bool write) {
  CoreTraffic& t = traffic_[core];
  if (cluster_ > 1) {
    if (!write) {
      if (const uint64_t d = ride(core, addr, iss)) return d;
    } else if (Flight& f = flight(core, addr); f.line == addr >> granule_shift_) {
      f.line = ~0u;  // a write ends the line's flight
    }
  }
  DramBus* const ch = channels_[channel_of(addr)].get();
  DramBus* const link = links_.empty() ? nullptr : links_[core].get();
  lanes_.clear();
  uint64_t lat = ic_lat_;
  bool to_dram = true;
  if (l2_) {
    const L2Cache::Result r = l2_->access(addr, write);
    (r.hit ? t.l2_hits : t.l2_misses) += 1;
    lat += l2_lat_;
    to_dram = !write && !r.hit;  // a read miss fills from DRAM; a write stops in the L2
    if (r.writeback) channels_[channel_of(r.victim)]->book(iss + lat);  // the dirty victim goes out
  }
  if (to_dram) lat += dram_lat_;
  if (write) {  // link, interconnect, then the L2 or the channel
    if (link) lanes_.push_back(link);
    if (ic_lane_) lanes_.push_back(ic_lane_.get());
    if (l2_) {
      if (l2_lane_) lanes_.push_back(l2_lane_.get());
    } else {
      lanes_.push_back(ch);
    }
  } else {  // the channel (a miss), the L2, the interconnect, the link
    if (to_dram) lanes_.push_back(ch);
    if (l2_lane_) lanes_.push_back(l2_lane_.get());
    if (ic_lane_) lanes_.push_back(ic_lane_.get());
    if (link) lanes_.push_back(link);
  }
  const uint64_t idle_done = iss + lat;
  // A read's shared lanes end where its data enters the link: a cluster peer's read of the
  // line until then rides it (multicast).
  const bool note = !write && cluster_ > 1;
  if (note && link) lanes_.pop_back();
  uint64_t xmax = 0, s = 0, e = 0;
  for (size_t i = 0; i < lanes_.size(); ++i) {
    const uint64_t x = lanes_[i]->burst_cycles();
    xmax = std::max(xmax, x);
    // Enter the first lane so that, idle, the granule is done `lat` after issue.
    s = i == 0 ? iss + (lat > x ? lat - x : 0) : std::max(s, e > x ? e - x : 0);
    e = lanes_[i]->book(s);
  }
  if (note) {
    const uint64_t out = lanes_.empty() ? idle_done : e;
    flight(core, addr) = Flight{addr >> granule_shift_, out};
    if (link) {
      const uint64_t x = link->burst_cycles();
      xmax = std::max(xmax, x);
      e = link->book(std::max(iss, out > x ? out - x : 0));
      lanes_.push_back(link);
    }
  }
  if (lanes_.empty()) return idle_done;  // an L2 hit with unlimited bandwidth everywhere
  const uint64_t done = std::max(e, idle_done);
  t.queue_cycles += done - std::min(done, std::max(idle_done, iss + xmax));  // beyond an idle chip's time
  return done;
}

BusTransfer MemorySystem::transfer(unsigned core, InFlightWindow& w, uint64_t start, uint64_t floor, bool write,
                                   const std::vector<std::pair<uint32_t, uint32_t>>& segments) {
  CoreTraffic& t = traffic_[core];
  const unsigned sh = __builtin_ctz(granule_);
  if (single_) {
    BusTransfer r = channels_[0]->transfer(w, start, floor, segments);
    (write ? t.bytes_written : t.bytes_read) += uint64_t(r.bursts) << sh;
    return r;
  }
  BusTransfer r;
  r.done = start;
  for (auto& c : channels_) c->set_floor(floor);
  if (l2_lane_) l2_lane_->set_floor(floor);
  if (ic_lane_) ic_lane_->set_floor(floor);
  for (auto& l : links_) l->set_floor(floor);
  uint64_t* const slot_free = w.slot_free.data();
  const size_t nslots = w.slot_free.size();
  uint64_t last = w.last_issue;
  for (const auto& [addr, len] : segments) {
    if (!len) continue;
    for (uint64_t g = addr >> sh, end = (uint64_t(addr) + len - 1) >> sh; g <= end; ++g) {
      uint64_t& slot = slot_free[w.next];
      last = std::max(last, std::max(slot, start));  // a free slot of the window, in order
      const uint64_t d = granule(core, static_cast<uint32_t>(g << sh), last, write);
      slot = d;
      if (++w.next == nslots) w.next = 0;
      r.done = std::max(r.done, d);
      ++r.bursts;
    }
  }
  w.last_issue = last;
  (write ? t.bytes_written : t.bytes_read) += uint64_t(r.bursts) << sh;
  return r;
}

uint64_t MemorySystem::dram_busy_cycles() const {
  uint64_t s = 0;
  for (const auto& c : channels_) s += c->busy_cycles();
  return (s + channels_.size() / 2) / channels_.size();
}

size_t MemorySystem::max_ring_size() const {
  size_t m = 0;
  for (const auto& c : channels_) m = std::max(m, c->ring_size());
  if (l2_lane_) m = std::max(m, l2_lane_->ring_size());
  if (ic_lane_) m = std::max(m, ic_lane_->ring_size());
  for (const auto& l : links_) m = std::max(m, l->ring_size());
  return m;
}

}  // namespace timing
