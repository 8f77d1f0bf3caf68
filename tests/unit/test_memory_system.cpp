// The memory system below the DMA engines in closed form: channels, shared channels, the core
// links, L2 hit vs miss latency, capacity eviction and write-backs, and the default chip's
// single bus (sim/timing/memory_system.h; docs/many-cores.md).
#include <catch2/catch.hpp>

#include "sim/cfg/chip_params.h"
#include "sim/cfg/config_io.h"
#include "sim/timing/memory_system.h"

namespace {
using Segs = std::vector<std::pair<uint32_t, uint32_t>>;
constexpr uint32_t kBase = 0x80000000u;

timing::InFlightWindow window(size_t slots) {
  timing::InFlightWindow w;
  w.slot_free.assign(slots, 0);
  return w;
}
/// A chip of `cores` cores at 1 GHz, DRAM 64 GB/s over 4 channels (16 B/cycle each), 100 ns,
/// 64-byte bursts, interleave 256 mapped u mod channels, L2 sets n mod sets: plus `more`.
cfg::ChipParams chip(unsigned cores, std::vector<std::string> more = {}) {
  std::vector<std::string> s = {"chip.cores=" + std::to_string(cores), "dram.channels=4", "dram.bandwidth_mb_s=64000",
                                "dram.latency_ns=100", "dma.burst_bytes=64", "dram.interleave_bytes=256",
                                "dram.channel_map=interleave", "l2.set_index=modulo"};
  s.insert(s.end(), more.begin(), more.end());
  return cfg::chip_params(cfg::load_config("", s));
}
/// n bursts of 64 B, all in channel 0 (addresses 1 KiB apart: interleave 256 x 4 channels).
Segs one_channel(uint32_t n, uint32_t base = kBase) {
  Segs s;
  for (uint32_t i = 0; i < n; ++i) s.push_back({base + i * 1024, 64});
  return s;
}
}  // namespace

TEST_CASE("memory: one core streams at one channel's peak, or at four channels' when it spreads", "[memory]") {
  timing::MemorySystem m(chip(1));
  REQUIRE_FALSE(m.single_bus());
  auto w = window(1024);
  // 256 bursts in channel 0: 4 cycles each on its 16 B/cycle after the 100-cycle latency.
  const auto t = m.transfer(0, w, 0, 0, false, one_channel(256));
  CHECK(t.bursts == 256);
  CHECK(t.done >= 100 + 255 * 4);
  CHECK(t.done <= 100 + 256 * 4 + 32);  // buckets of 32 cycles
  // The same bytes contiguous: 4 channels, a quarter of the time.
  timing::MemorySystem m4(chip(1));
  auto w4 = window(1024);
  const auto t4 = m4.transfer(0, w4, 0, 0, false, {{kBase, 256 * 64}});
  CHECK(t4.done >= 100 + 63 * 4);
  CHECK(t4.done <= 100 + 64 * 4 + 32);
  CHECK(m4.channel_bursts(0) == 64);
  CHECK(m4.channel_bursts(3) == 64);
}

TEST_CASE("memory: N cores sharing a channel take N times as long", "[memory]") {
  for (unsigned n : {1u, 2u, 5u}) {
    timing::MemorySystem m(chip(n));
    uint64_t last = 0;
    for (unsigned c = 0; c < n; ++c) {  // all at cycle 0, each 100 bursts into channel 0
      auto w = window(1024);
      last = std::max(last, m.transfer(c, w, 0, 0, false, one_channel(100, kBase + c * 1024 * 100)).done);
    }
    INFO(n << " cores");
    CHECK(last >= 100 + (100 * n - 1) * 4);
    CHECK(last <= 100 + 100 * n * 4 + 32);
    CHECK(m.channel_busy(0) == 400 * n);
    CHECK(m.dram_busy_cycles() == (400 * n + 2) / 4);  // the mean over 4 channels
  }
}

TEST_CASE("memory: a core's link bounds its bandwidth", "[memory]") {
  // Link 8 GB/s = 8 B/cycle: a 64-byte burst takes 8 cycles on it, longer than on the channels.
  timing::MemorySystem m(chip(1, {"interconnect.link_bandwidth_mb_s=8000"}));
  auto w = window(1024);
  const auto t = m.transfer(0, w, 0, 0, false, {{kBase, 200 * 64}});
  CHECK(t.done >= 100 + 199 * 8);
  CHECK(t.done <= 100 + 200 * 8 + 32);
  CHECK(m.link_busy(0) == 1600);
}

TEST_CASE("memory: L2 hit vs miss latency, and the interconnect's", "[memory]") {
  // L2 30 ns, DRAM 100 ns, interconnect 10 ns; unlimited L2 bandwidth.
  timing::MemorySystem m(chip(1, {"l2.size_kib=64", "l2.line_bytes=64", "l2.latency_ns=30", "interconnect.latency_ns=10"}));
  auto w = window(64);
  const auto miss = m.transfer(0, w, 1000, 1000, false, {{kBase, 64}});
  CHECK(miss.done == 1000 + 10 + 30 + 100);
  const auto hit = m.transfer(0, w, 2000, 2000, false, {{kBase, 64}});
  CHECK(hit.done == 2000 + 10 + 30);
  CHECK(m.l2()->hits() == 1);
  CHECK(m.l2()->misses() == 1);
  CHECK(m.traffic(0).l2_hits == 1);
  // A write stops in the L2 (write-back): no DRAM latency.
  const auto wr = m.transfer(0, w, 3000, 3000, true, {{kBase + 4096, 64}});
  CHECK(wr.done == 3000 + 10 + 30);
  CHECK(m.l2()->dirty_lines() == 1);
}

TEST_CASE("memory: L2 capacity, LRU eviction and write-backs", "[memory]") {
  // 4 KiB of 64-byte lines, 4 ways: 16 sets.
  timing::MemorySystem m(chip(1, {"l2.size_kib=4", "l2.line_bytes=64", "l2.ways=4"}));
  auto w = window(64);
  uint64_t t = 0;
  auto read = [&](uint32_t off, uint32_t bytes, bool write = false) { t = m.transfer(0, w, t, t, write, {{kBase + off, bytes}}).done; };
  read(0, 2048);  // 32 misses
  read(0, 2048);  // 32 hits: it fits
  CHECK(m.l2()->misses() == 32);
  CHECK(m.l2()->hits() == 32);
  read(0, 8192);  // 2x the capacity: the first 4 KiB are evicted by the last 4 KiB
  read(0, 2048);  // misses again (LRU)
  CHECK(m.l2()->hits() == 32 + 32);  // (the first 2 KiB of the 8 KiB read hit)
  CHECK(m.l2()->misses() == 32 + 96 + 32);
  CHECK(m.l2()->writebacks() == 0);
  read(16384, 4096, true);  // 64 dirty lines fill the cache
  CHECK(m.l2()->dirty_lines() == 64);
  read(32768, 4096);        // evicts them all: 64 write-backs to DRAM
  CHECK(m.l2()->writebacks() == 64);
  CHECK(m.l2()->dirty_lines() == 0);
}

TEST_CASE("memory: hashed channels spread a power-of-two stride that interleaving puts on one channel", "[memory]") {
  // 80 channels, rows 8 KiB apart (a GEMV's W rows): u = 32 r, and 32 r mod 80 takes 5 values.
  for (const char* map : {"interleave", "hash"}) {
    timing::MemorySystem m(chip(1, {"dram.channels=80", "dram.bandwidth_mb_s=80000", std::string("dram.channel_map=") + map}));
    auto w = window(1024);
    Segs s;
    for (uint32_t r = 0; r < 800; ++r) s.push_back({kBase + r * 8192, 64});
    m.transfer(0, w, 0, 0, false, s);
    unsigned used = 0;
    uint64_t most = 0;
    for (unsigned c = 0; c < m.channels(); ++c) {
      used += m.channel_bursts(c) > 0;
      most = std::max(most, m.channel_bursts(c));
    }
    INFO(map);
    if (std::string(map) == "interleave") {
      CHECK(used == 5);
      CHECK(most == 160);
    } else {
      CHECK(used >= 75);
      CHECK(most <= 25);
    }
  }
}

TEST_CASE("memory: the default chip is the single DRAM bus, exactly", "[memory]") {
  const cfg::ChipParams p = cfg::chip_params(cfg::load_config("", {}));
  timing::MemorySystem m(p);
  timing::DramBus bus(p);
  CHECK(m.single_bus());
  auto w1 = window(16), w2 = window(16);
  uint64_t start = 0;
  for (int i = 0; i < 50; ++i) {
    const Segs s = {{kBase + uint32_t(i) * 777, 1000 + uint32_t(i) * 37}};
    const auto a = m.transfer(0, w1, start, start, i & 1, s), b = bus.transfer(w2, start, start, s);
    CHECK(a.done == b.done);
    CHECK(a.bursts == b.bursts);
    start += 90;
  }
  CHECK(m.dram_busy_cycles() == bus.busy_cycles());
}

TEST_CASE("memory: host state stays bounded over a long congested many-core stream", "[memory]") {
  // 8 cores stream 64 KiB each per round through an L2, the interconnect and 4 channels, far
  // beyond the lanes' bandwidth (so they queue), for 2,000 rounds: the lanes' bucket rings must
  // not grow with the run (dead buckets below the floor are reused).
  timing::MemorySystem m(chip(8, {"l2.size_kib=256", "l2.line_bytes=64", "l2.bandwidth_mb_s=32000",
                                  "interconnect.bandwidth_mb_s=32000", "interconnect.link_bandwidth_mb_s=8000"}));
  std::vector<timing::InFlightWindow> w;
  for (int c = 0; c < 8; ++c) w.push_back(window(64));
  uint64_t now = 0;
  size_t after_warmup = 0;
  for (uint32_t round = 0; round < 2000; ++round) {
    uint64_t done = now;
    for (unsigned c = 0; c < 8; ++c)
      done = std::max(done, m.transfer(c, w[c], now, now, round & 1, {{kBase + ((round * 8 + c) % 64) * 65536, 65536}}).done);
    now = done;  // the next round issues when this one completed (no transfer starts earlier)
    if (round == 100) after_warmup = m.max_ring_size();
  }
  INFO("ring after warm-up " << after_warmup << ", at the end " << m.max_ring_size());
  CHECK(m.max_ring_size() == after_warmup);
  CHECK(m.max_ring_size() <= (1u << 16));
}

TEST_CASE("memory: a cluster multicasts a line its cores read while it is in flight", "[memory]") {
  // L2 16 B/cycle: a 64-byte line is 4 L2 cycles. Cores 0 and 1 form a cluster, 2 and 3 another.
  const std::vector<std::string> l2 = {"l2.size_kib=64", "l2.line_bytes=64", "l2.latency_ns=30", "l2.bandwidth_mb_s=16000"};
  auto with = [&](std::vector<std::string> more) {
    more.insert(more.begin(), l2.begin(), l2.end());
    return chip(4, more);
  };
  for (const uint32_t cluster : {1u, 2u}) {
    timing::MemorySystem m(with({"interconnect.cluster_cores=" + std::to_string(cluster)}));
    CHECK(m.cluster_cores() == cluster);
    std::vector<timing::InFlightWindow> w;
    for (int c = 0; c < 4; ++c) w.push_back(window(1024));
    const Segs lines = {{kBase, 100 * 64}};
    const auto t0 = m.transfer(0, w[0], 0, 0, false, lines);
    const auto t1 = m.transfer(1, w[1], 0, 0, false, lines);
    INFO("cluster_cores " << cluster);
    CHECK(t0.bursts == 100);
    CHECK(t1.bursts == 100);
    CHECK(m.traffic(1).bytes_read == 6400);  // delivered to core 1 either way
    if (cluster == 2) {
      // Core 1's reads ride core 0's: the L2 serves the 100 lines once, core 1 gets each line
      // when core 0 does (no link limit).
      CHECK(m.traffic(1).multicast == 100);
      CHECK(m.traffic(1).l2_hits + m.traffic(1).l2_misses == 0);
      CHECK(m.l2()->misses() == 100);
      CHECK(m.l2()->hits() == 0);
      CHECK(m.l2_busy() == 400);
      CHECK(t1.done == t0.done);
    } else {
      CHECK(m.traffic(1).multicast == 0);
      CHECK(m.l2()->hits() == 100);  // the L2 marks a line present when its fill is booked
      CHECK(m.l2_busy() == 800);
      CHECK(t1.done >= 799);  // the L2 lane serves 200 lines: 800 cycles
      CHECK(t1.done > t0.done);
    }
    // Core 2 is in the other cluster: it never rides core 0's reads.
    const auto t2 = m.transfer(2, w[2], 0, 0, false, lines);
    CHECK(m.traffic(2).multicast == 0);
    CHECK(m.traffic(2).l2_hits == 100);
    CHECK(t2.done > t0.done);
  }
}

TEST_CASE("memory: multicast joins only reads in flight, and a write ends the flight", "[memory]") {
  timing::MemorySystem m(chip(2, {"l2.size_kib=64", "l2.line_bytes=64", "l2.latency_ns=30", "interconnect.cluster_cores=2",
                                  "interconnect.link_bandwidth_mb_s=8000"}));
  auto w0 = window(64), w1 = window(64);
  // Core 0 misses at 1000: its data leaves the L2 at 1000 + 130 and crosses its 8 B/cycle link
  // (8 cycles a line: done at 1130).
  const auto a = m.transfer(0, w0, 1000, 1000, false, {{kBase, 64}});
  CHECK(a.done == 1000 + 30 + 100);
  // Core 1 asks at 1050, while it is in flight: it rides and crosses its own link (done with it).
  const auto b = m.transfer(1, w1, 1050, 1050, false, {{kBase, 64}});
  CHECK(m.traffic(1).multicast == 1);
  CHECK(b.done == a.done);
  // Long after: an ordinary L2 hit (30 ns).
  const auto c = m.transfer(1, w1, 5000, 5000, false, {{kBase, 64}});
  CHECK(m.traffic(1).multicast == 1);
  CHECK(m.traffic(1).l2_hits == 1);
  CHECK(c.done == 5000 + 30);
  // A read in flight that a cluster peer then writes takes no rider: core 0 reads at 6000, core 1
  // writes the line at 6001 and reads it at 6002 (from the L2, not with core 0's stale data).
  (void)m.transfer(0, w0, 6000, 6000, false, {{kBase + 4096, 64}});
  (void)m.transfer(1, w1, 6001, 6001, true, {{kBase + 4096, 64}});
  const auto d = m.transfer(1, w1, 6002, 6002, false, {{kBase + 4096, 64}});
  CHECK(m.traffic(1).multicast == 1);
  CHECK(d.done == 6002 + 30);
}

TEST_CASE("memory: the multicast table has a fixed size and collisions only lose multicasts", "[memory]") {
  // Clusters of 4, 2 queues of 64 lines: 512 lines in flight per cluster -> 2,048 slots each.
  timing::MemorySystem m(chip(8, {"l2.size_kib=256", "l2.line_bytes=64", "l2.bandwidth_mb_s=32000", "dma.queues=2",
                                  "dma.max_in_flight=64", "interconnect.link_bandwidth_mb_s=8000", "interconnect.cluster_cores=4"}));
  CHECK(m.flight_slots() == 2 * 2048);
  std::vector<timing::InFlightWindow> w;
  for (int c = 0; c < 8; ++c) w.push_back(window(64));
  // 2,000 rounds: each cluster's 4 cores read the same 64 KiB (1,024 lines; 64 MiB in all).
  uint64_t now = 0;
  for (uint32_t round = 0; round < 2000; ++round) {
    uint64_t done = now;
    for (unsigned c = 0; c < 8; ++c)
      done = std::max(done, m.transfer(c, w[c], now, now, false, {{kBase + ((round * 2 + c / 4) % 1024) * 65536, 65536}}).done);
    now = done;
  }
  CHECK(m.flight_slots() == 2 * 2048);
  // Most of the 3 followers' lines rode (a few slots collide within a round's 1,024 lines).
  const uint64_t rode = m.traffic(1).multicast + m.traffic(2).multicast + m.traffic(3).multicast;
  INFO(rode << " of " << 3 * 2000 * 1024 << " follower lines rode");
  CHECK(rode >= 3 * 2000 * 1024 * 3 / 4);
  CHECK(m.traffic(0).multicast == 0);  // core 0 always asks first
}
