// The timed tile unit: closed-form cycle counts from the configured geometry and latencies.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <cstring>
#include <map>
#include <numeric>
#include <random>
#include <set>
#include <vector>

#include "sim/cfg/chip_params.h"
#include "sim/cfg/config_io.h"
#include "sim/timing/dma_timing.h"
#include "sim/timing/dram_bus.h"
#include "sim/timing/memory_system.h"
#include "sim/timing/mac_engine.h"
#include "sim/timing/command_queue.h"
#include "sim/timing/spad_interlock.h"
#include "sim/timing/tile_timing.h"

using isa::Op;

namespace {
/// The timing models of one chip's tile unit, plain C++ without a simulation context: guest
/// memory (zero pages from calloc), the DRAM bus, the DMA queues and the tile timing.
struct TimedTile {
  cfg::HwConfig c;
  std::unique_ptr<uint8_t, decltype(&std::free)> mem;
  timing::MemorySystem bus;
  timing::DmaTiming dma;
  timing::TileTiming tile;
  explicit TimedTile(const cfg::HwConfig& hw)
      : c(hw), mem(static_cast<uint8_t*>(std::calloc(size_t(hw.memory.dram_size_mib) << 20, 1)), &std::free),
        bus(cfg::chip_params(hw)), dma(hw.dma, bus),
        tile(cfg::chip_params(hw), xtile::DramView{mem.get(), uint32_t(hw.memory.dram_base), uint64_t(hw.memory.dram_size_mib) << 20},
             dma) {}
  uint8_t* host(uint32_t addr) { return mem.get() + (addr - uint32_t(c.memory.dram_base)); }
};

/// Drives the tile unit the way the core does: one instruction per cycle, stalling when told.
struct Driver {
  TimedTile chip;
  uint64_t now = 0;
  explicit Driver(const std::vector<std::string>& sets = {}) : chip(cfg::load_config("", sets)) {}
  timing::TileTiming& tu() { return chip.tile; }
  core::XtResult issue(Op op, uint8_t rd, uint8_t rs1 = 0, uint8_t rs2 = 0, uint32_t x1 = 0, uint32_t x2 = 0, uint32_t x3 = 0) {
    core::XtInsn in;
    in.op = op;
    in.rd = rd; in.rs1 = rs1; in.rs2 = rs2;
    in.rs1_val = x1; in.rs2_val = x2; in.rs3_val = x3;
    in.cycle = now;
    core::XtResult r;
    tu().execute(in, r);
    REQUIRE_FALSE(r.fault);
    now = std::max(now + 1, r.resume_cycle);
    return r;
  }
  uint64_t fence() { return issue(Op::XT_FENCE, 0).resume_cycle; }
  uint64_t last_done() { return tu().stats().last_done; }
  /// Writes a DMA descriptor into DRAM and returns its address.
  uint32_t desc(uint32_t slot, uint32_t base, uint32_t rows, uint32_t cols, uint32_t pitch, uint32_t box_rows,
                uint32_t box_cols, uint32_t elem, uint32_t queue, uint32_t spad_pitch) {
    const uint32_t addr = 0x80100000u + slot * 32;
    const uint32_t w[8] = {base, rows, cols, pitch, box_rows | (box_cols << 16), elem | (queue << 16), spad_pitch, 0};
    std::memcpy(chip.host(addr), w, sizeof w);
    return addr;
  }
};
}  // namespace

TEST_CASE("MAC timing formula: II and latency follow from geometry and pipeline depth", "[xtile][timing]") {
  cfg::MacConfig m;  // 16x16, depth 2, ternary x4
  using isa::Format;
  CHECK(timing::MacTiming::ii(m, Format::Int8SS) == 16);
  CHECK(timing::MacTiming::latency(m, Format::Int8UU) == 16 + 15 + 15 + 2);
  CHECK(timing::MacTiming::ii(m, Format::Ternary) == 4);
  CHECK(timing::MacTiming::latency(m, Format::Ternary) == 4 + 30 + 2);
  CHECK(timing::MacTiming::ii(m, Format::Int4) == 16);  // 32 k at 2 per cycle: the int8 II, twice the MACs
  m.rows = 8; m.cols = 4; m.pipeline_depth = 5; m.rate(Format::Ternary) = 2; m.rate(Format::Int4) = 4;
  CHECK(timing::MacTiming::ii(m, Format::Int8SU) == 2 * 4 * 16);
  CHECK(timing::MacTiming::latency(m, Format::Int8US) == 128 + 7 + 3 + 5);
  CHECK(timing::MacTiming::ii(m, Format::Ternary) == 8 * 8);
  CHECK(timing::MacTiming::ii(m, Format::Int4) == 8 * 8);
}

TEST_CASE("N independent MMAs on E engines take (ceil(N/E) - 1) * II + latency", "[xtile][timing]") {
  for (uint32_t engines : {1u, 2u, 3u}) {
    for (uint32_t n : {1u, 8u, 24u}) {
      Driver d({"tile.mac.engines=" + std::to_string(engines), "tile.queue_depth=64"});
      for (uint32_t i = 0; i < n; ++i) d.issue(Op::XT_MMA_SS, uint8_t(i % 24), 30, 31);  // independent accumulators
      // The core issues one MMA per cycle, so engine e starts its first MMA at cycle e and then
      // every II: the last (number n-1) ends at ((n-1)/E)*II + (n-1)%E + latency, i.e.
      // (ceil(n/E) - 1) * II + latency after its engine's first start.
      const uint64_t want = (n - 1) / engines * 16 + (n - 1) % engines + 48;
      INFO("engines " << engines << ", N " << n);
      CHECK(d.last_done() == want);
      CHECK(d.tu().stats().macs == 4096ull * n);
    }
  }
}

TEST_CASE("a dependent chain of MMAs takes N x latency", "[xtile][timing]") {
  Driver d;
  for (int i = 0; i < 10; ++i) d.issue(Op::XT_MMA_SS, 0, 1, 2);  // all accumulate into tr0
  CHECK(d.last_done() == 10 * 48);
  CHECK(d.tu().stats().wait_operands > 0);
  Driver t;
  for (int i = 0; i < 10; ++i) t.issue(Op::XT_MMA_T2, 0, 1, 2);
  CHECK(t.last_done() == 10 * 36);
}

TEST_CASE("a full command queue stalls the core; xt.fence waits for everything", "[xtile][timing]") {
  Driver d({"tile.queue_depth=4"});
  uint64_t stalled_at = 0;
  for (int i = 0; i < 8; ++i) {
    const auto r = d.issue(Op::XT_MMA_SS, 0, 1, 2);  // a chain: each waits 48 cycles to dispatch
    if (i == 5) stalled_at = r.resume_cycle;
  }
  // MMA i starts at 48 i; at cycle 5 the queue holds MMAs 1..4 (starts 48..192): the 6th
  // waits until MMA 1 starts and leaves the queue.
  CHECK(stalled_at == 48);
  CHECK(d.tu().stats().stall_queue_full > 0);
  CHECK(d.fence() == 8 * 48);
}

TEST_CASE("vector ops take ceil(256/lanes) cycles each plus latency", "[xtile][timing]") {
  Driver d({"tile.vector.lanes=32", "tile.vector.latency=3"});
  for (int i = 0; i < 5; ++i) d.issue(Op::XT_ADD, uint8_t(i), 10, 11);
  CHECK(d.last_done() == 4 * 8 + 8 + 3);
  Driver e({"tile.vector.lanes=64", "tile.vector.special_latency=10"});
  e.issue(Op::XT_EXP2, 1, 2);
  CHECK(e.last_done() == 4 + 2 + 10);
}

TEST_CASE("column-wise tile access: predicted bank conflicts without swizzle, none with it", "[xtile][timing]") {
  Driver d;
  d.issue(Op::XT_TLD_B, 1, 0, 0, 0, 256);  // 16 rows 256 B apart: all in bank 0
  CHECK(d.tu().stats().bank_conflicts == 15);
  CHECK(d.tu().stats().ldst_busy == 16);
  d.issue(Op::XT_TLD_B, 2, 0, 0, 0, 16);  // packed rows: one per bank
  CHECK(d.tu().stats().bank_conflicts == 15);
  CHECK(d.tu().stats().ldst_busy == 17);
  d.issue(Op::XT_TLD_W, 3, 0, 0, 0, 64);  // int32: 4 chunks per row, 64 chunks over 16 banks
  CHECK(d.tu().stats().ldst_busy == 21);
  CHECK(d.tu().stats().bank_conflicts == 15);
  d.issue(Op::XT_CFG, 0, 0, 0, 5 /* swizzle */, 1);
  d.issue(Op::XT_TLD_B, 4, 0, 0, 0, 256);
  CHECK(d.tu().stats().bank_conflicts == 15);  // no new conflicts
  CHECK(d.tu().stats().ldst_busy == 22);
  d.issue(Op::XT_TLD_B, 5, 0, 0, 0, 512);  // pitch of two bank rows: swizzle spreads over 8 banks
  CHECK(d.tu().stats().bank_conflicts == 15 + 1);
}

TEST_CASE("a long DMA stream over all queues reaches the configured DRAM bandwidth within 2%", "[xtile][timing]") {
  Driver d;
  // 4 queues x 32 transfers of 64 rows x 256 B = 2 MiB from a 1 MiB tensor area.
  const uint32_t tensor = 0x80200000u;
  uint32_t descs[4];
  for (uint32_t q = 0; q < 4; ++q) descs[q] = d.desc(q, tensor, 4096, 256, 256, 64, 256, 1, q, 256);
  const uint64_t start = d.now;
  uint64_t bytes = 0;
  for (int i = 0; i < 32; ++i)
    for (uint32_t q = 0; q < 4; ++q) {
      d.issue(Op::XT_DMA_LD, 10, 11, 12, descs[q], (uint32_t(i * 4 + q) % 64) * 64, q * 16384);
      bytes += 64 * 256;
    }
  const uint64_t end = d.fence();
  const double achieved = double(bytes) / double(end - start);  // bytes per cycle at 1 GHz = GB/s
  INFO("achieved " << achieved << " B/cycle over " << (end - start) << " cycles");
  CHECK(achieved >= 32.0 * 0.98);
  CHECK(achieved <= 32.0 * 1.0001);
  CHECK(d.tu().stats().dma_bytes_in == bytes);
  CHECK(d.tu().stats().dram_bursts == bytes / 64);
}

TEST_CASE("DRAM bus accounting equals a plain reference for any bandwidth, clock and latency", "[xtile][timing]") {
  // The reference recomputes everything per burst with divisions (bus buckets in a map); the
  // model steps through buckets in integer time units of 1/num cycle. Fractional bytes per cycle
  // and latencies shorter than a burst's transfer included.
  std::mt19937 rng(3);
  struct Ref {
    uint64_t num, den, xfer, cap, lat;
    std::map<uint64_t, uint64_t> fill;
    uint64_t burst(uint64_t issue) {
      const uint64_t served = (issue + lat) * num;
      const uint64_t xs = std::max(issue * num, served > xfer ? served - xfer : 0);
      uint64_t remaining = xfer, end = xs + xfer;
      for (uint64_t k = xs / cap; remaining; ++k) {
        const uint64_t take = std::min(remaining, cap - fill[k]);
        fill[k] += take;
        remaining -= take;
        if (take) end = std::max(end, k * cap + fill[k]);
      }
      return (end + num - 1) / num;
    }
  };
  for (int trial = 0; trial < 40; ++trial) {
    const uint64_t bw = 50 + rng() % 200000, mhz = 100 + rng() % 3000, lat = rng() % 300;
    const uint32_t burst = 4u << (rng() % 8);
    timing::DramBus t(bw, mhz, lat, burst);
    const uint64_t g = std::gcd(bw, mhz);
    Ref ref{bw / g, mhz / g, burst * (mhz / g), t.bucket_cycles() * (bw / g), lat, {}};
    uint64_t want_bucket = 32;  // a power of two of cycles holding at least one burst
    while (want_bucket * (bw / g) < burst * (mhz / g)) want_bucket *= 2;
    CHECK(t.bucket_cycles() == want_bucket);
    timing::InFlightWindow w[2];
    uint64_t slots[2][8] = {}, last[2] = {0, 0};
    size_t next[2] = {0, 0};
    for (auto& x : w) x.slot_free.assign(8, 0);
    uint64_t now = 0;
    for (int i = 0; i < 300; ++i) {
      const unsigned q = rng() % 2;
      const uint64_t n = 1 + rng() % 40;
      now += rng() % 500;
      const uint64_t got = t.bursts(w[q], now, n);
      uint64_t want = now;
      for (uint64_t b = 0; b < n; ++b) {
        const uint64_t issue = std::max({now, slots[q][next[q]], last[q]});
        const uint64_t d = ref.burst(issue);
        slots[q][next[q]] = d;
        next[q] = (next[q] + 1) % 8;
        last[q] = issue;
        want = std::max(want, d);
      }
      INFO("trial " << trial << " bw " << bw << " MHz " << mhz << " latency " << lat << " burst " << burst << " call " << i);
      REQUIRE(got == want);
    }
  }
}

TEST_CASE("DRAM bus: a bucket still in use is never reused, however far ahead bursts are booked", "[xtile][timing]") {
  // 32 B/cycle, 32-cycle buckets of 1024 B, a ring of 16384 buckets: a burst booked 16384
  // buckets ahead lands in the slot of bucket 0, which later requests (floor 0) still fill.
  timing::DramBus t(32000, 1000, 0, 64);
  timing::InFlightWindow a, b, c;
  for (auto* w : {&a, &b, &c}) w->slot_free.assign(64, 0);
  t.set_floor(0);
  CHECK(t.bursts(a, 0, 1) == 2);                  // bucket 0: 64 of 1024 B
  const uint64_t far = 16384ull * 32;
  CHECK(t.bursts(b, far, 1) == far + 2);          // bucket 16384: the same ring slot
  CHECK(t.bursts(c, 0, 16) == 34);                // bucket 0 holds 64 + 960 B, one burst spills: 34, not 32
  CHECK(t.ring_size() > 16384);
  // Below the floor buckets are dead and their slots reused: the ring stays small.
  timing::DramBus u(32000, 1000, 0, 64);
  timing::InFlightWindow w;
  w.slot_free.assign(16, 0);
  for (uint64_t i = 0; i < 200; ++i) {
    u.set_floor(i * 100000);
    u.bursts(w, i * 100000, 8);
  }
  CHECK(u.ring_size() == 16384);
}

TEST_CASE("one DMA queue is bounded by bursts in flight (Little's law)", "[xtile][timing]") {
  Driver d;
  const uint32_t desc = d.desc(0, 0x80200000u, 4096, 256, 256, 64, 256, 1, 0, 256);
  const uint64_t start = d.now;
  for (int i = 0; i < 32; ++i) d.issue(Op::XT_DMA_LD, 10, 11, 12, desc, uint32_t(i % 64) * 64, 0);
  const uint64_t end = d.fence();
  const double achieved = 32.0 * 64 * 256 / double(end - start);
  const double bound = 16.0 * 64 / 100;  // in flight x burst / latency
  INFO("achieved " << achieved << " B/cycle, bound " << bound);
  CHECK(achieved <= bound * 1.01);
  CHECK(achieved >= bound * 0.95);
}

TEST_CASE("DMA overlapped with MMAs hides behind compute", "[xtile][timing]") {
  // Compute alone: 64 independent MMAs = 63 * 16 + 48 cycles.
  Driver c({"tile.queue_depth=16"});
  for (int i = 0; i < 64; ++i) c.issue(Op::XT_MMA_SS, uint8_t(i % 8), 30, 31);
  const uint64_t compute = c.fence();
  // Same MMAs with 16 KiB of DMA traffic (16 boxes of 1 KiB: 512 cycles at 32 B/cycle) interleaved.
  Driver d({"tile.queue_depth=16"});
  uint32_t descs[4];
  for (uint32_t q = 0; q < 4; ++q) descs[q] = d.desc(q, 0x80200000u, 4096, 256, 256, 16, 64, 1, q, 64);
  for (int i = 0; i < 64; ++i) {
    d.issue(Op::XT_MMA_SS, uint8_t(i % 8), 30, 31);
    if (i % 16 == 0)
      for (uint32_t q = 0; q < 4; ++q) d.issue(Op::XT_DMA_LD, 10, 11, 12, descs[q], uint32_t(i) * 16, 65536 + q * 4096);
  }
  const uint64_t both = d.fence();
  INFO("compute " << compute << " cycles, compute + DMA " << both);
  CHECK(both <= compute + 32);  // a few dispatch slots, no DMA time
}

TEST_CASE("a tile load waits for the DMA that fills its scratchpad rows", "[xtile][timing]") {
  Driver d;
  const uint32_t desc = d.desc(0, 0x80200000u, 16, 16, 16, 16, 16, 1, 0, 16);
  d.issue(Op::XT_DMA_LD, 10, 11, 12, desc, 0, 4096);
  const uint64_t dma_done = d.last_done();
  d.issue(Op::XT_TLD_B, 1, 0, 0, 4096, 16);  // same rows: must wait
  CHECK(d.last_done() == dma_done + 1 + 2);
  CHECK(d.tu().stats().wait_dma > 0);
  d.issue(Op::XT_TLD_B, 2, 0, 0, 8192, 16);  // other rows: no wait
  CHECK(d.tu().stats().ldst_busy == 2);
}

TEST_CASE("xt.wait returns once at most n transfers of the queue are outstanding", "[xtile][timing]") {
  Driver d;
  const uint32_t desc = d.desc(0, 0x80200000u, 4096, 256, 256, 16, 256, 1, 2, 256);
  std::vector<uint64_t> tickets;
  for (int i = 0; i < 3; ++i) tickets.push_back(d.issue(Op::XT_DMA_LD, 10, 11, 12, desc, uint32_t(i) * 16, uint32_t(i) * 4096).rd_value);
  CHECK(tickets == std::vector<uint64_t>{1, 2, 3});
  const uint64_t all_done = d.last_done();
  const uint64_t after_one = d.issue(Op::XT_WAIT, 0, 0, 0, 2, 1).resume_cycle;  // <= 1 outstanding
  CHECK(after_one < all_done);
  CHECK(d.issue(Op::XT_WAIT, 0, 0, 0, 2, 0).resume_cycle == all_done);
}

TEST_CASE("xt.stat reads counters after draining the tile unit", "[xtile][timing]") {
  Driver d;
  d.issue(Op::XT_MMA_SS, 0, 1, 2);
  const auto r = d.issue(Op::XT_STAT, 5, 0, 0, 3 /* macs */);
  CHECK(r.rd_value == 4096);
  CHECK(r.resume_cycle == 48);
  CHECK(d.issue(Op::XT_STAT, 5, 0, 0, 3 | 0x100).rd_value == 0);  // high half
}

TEST_CASE("two tile ports serve two conflicting accesses at once", "[xtile][timing]") {
  for (uint32_t ports : {1u, 2u}) {
    Driver d({"scratchpad.ports=" + std::to_string(ports)});
    d.issue(Op::XT_TLD_B, 1, 0, 0, 0, 256);     // 16 cycles (all rows in one bank)
    d.issue(Op::XT_TLD_B, 2, 0, 0, 4096, 256);  // another 16
    INFO(ports << " ports");
    CHECK(d.last_done() == (ports == 1 ? 32u : 17u) + 2);
  }
}

TEST_CASE("the edge chip's 8x8 array needs four passes per MMA", "[xtile][timing]") {
  TimedTile s(cfg::load_config(TILESIM_SOURCE_DIR "/configs/edge.yaml"));
  core::XtInsn in;
  in.op = Op::XT_MMA_SS;
  in.rd = 0; in.rs1 = 1; in.rs2 = 2;
  core::XtResult r;
  s.tile.execute(in, r);
  CHECK(s.tile.stats().last_done == 64 + 7 + 7 + 1);
}

TEST_CASE("the command queue admits like a plain list of queued start cycles", "[xtile][timing]") {
  std::mt19937 rng(9);
  for (uint32_t depth : {1u, 2u, 3u, 8u, 13u}) {
    timing::CommandQueue q(depth);
    std::vector<uint64_t> ref;  // start cycles of the queued commands
    uint64_t t = 0, mac = 0, other = 0;
    for (int i = 0; i < 20000; ++i) {
      t += rng() % 4;
      auto leave = [&](uint64_t now) { ref.erase(std::remove_if(ref.begin(), ref.end(), [&](uint64_t s) { return s <= now; }), ref.end()); };
      leave(t);
      uint64_t want = t;
      if (ref.size() >= depth) {
        want = *std::min_element(ref.begin(), ref.end());
        leave(want);
      }
      const uint64_t got = q.admit(t);
      INFO("depth " << depth << " step " << i);
      REQUIRE(got == want);
      t = got;
      if (rng() % 8 == 0) continue;  // a sync instruction: does not enter the queue
      const bool is_mac = rng() % 3 != 0;
      // MMAs start in order; the others mostly in order, sometimes earlier (a DMA without waits).
      uint64_t start;
      if (is_mac) start = mac = std::max(mac, t) + rng() % 20;
      else start = other = rng() % 5 ? std::max(other, t) + rng() % 6 : t + rng() % 3;
      if (is_mac) q.push_mac(start);
      else q.push_other(start);
      ref.push_back(start);
    }
  }
}

TEST_CASE("scratchpad interlock regions: strided rows overlap exactly, not by bounding box", "[xtile][timing]") {
  timing::SpadInterlock il(4);  // 16-byte chunks
  il.mark({0, 256, 16, 16}, 100);     // a 16-row column of 16-byte rows, 256 apart
  CHECK(il.ready({16, 256, 16, 16}) == 0);   // the next column: inside the bounding box, no shared chunk
  CHECK(il.ready({256, 16, 1, 16}) == 100);  // row 1 of the column
  CHECK(il.ready({8, 0, 1, 16}) == 100);     // unaligned: touches chunks 0 and 1
  il.mark({4096, 16, 64, 16}, 300);  // a contiguous 1 KiB box
  CHECK(il.ready({4096 + 512, 1024, 2, 16}) == 300);
  CHECK(il.ready({4096 + 1024, 16, 1, 16}) == 0);
  il.mark({8192, 20, 4, 4}, 50);     // rows not chunk-aligned apart: tracked row by row
  CHECK(il.ready({8192 + 60, 0, 1, 4}) == 50);
  CHECK(il.ready({8192 + 64, 0, 1, 4}) == 0);
  il.prune(100);                      // marks ending by cycle 100 can no longer delay anything
  CHECK(il.ready({0, 256, 16, 16}) == 0);
  CHECK(il.ready({4096, 16, 1, 16}) == 300);
}

TEST_CASE("scratchpad interlock regions equal a brute-force table of chunks", "[xtile][timing]") {
  // Random strided regions (tile accesses and DMA boxes, chunk-aligned apart or not), marks,
  // prunes and queries against sets of 16-byte chunks.
  std::mt19937 rng(5);
  timing::SpadInterlock il(4);
  struct Mark { std::set<uint32_t> chunks; uint64_t t; };
  std::vector<Mark> marks;
  uint64_t now = 0;
  const uint32_t strides[] = {0, 16, 32, 48, 64, 256, 272, 20, 36, 4};
  const uint32_t widths[] = {4, 12, 16, 32, 64, 256};
  auto random_region = [&] {
    timing::SpadRegion r;
    r.addr = 4 * (rng() % 4096);
    r.rows = 1 + rng() % 24;
    r.stride = strides[rng() % 10];
    r.row_bytes = widths[rng() % 6];
    if (r.stride && r.stride < r.row_bytes) r.stride = r.row_bytes;
    if (!r.stride) r.rows = 1;
    return r;
  };
  auto chunks = [](const timing::SpadRegion& r) {
    std::set<uint32_t> c;
    for (uint32_t i = 0; i < r.rows; ++i)
      for (uint32_t b = 0; b < r.row_bytes; ++b) c.insert((r.addr + i * r.stride + b) >> 4);
    return c;
  };
  for (int step = 0; step < 4000; ++step) {
    const unsigned what = rng() % 8;
    if (what < 3) {
      const timing::SpadRegion r = random_region();
      const uint64_t t = now + 1 + rng() % 200;
      il.mark(r, t);
      marks.push_back({chunks(r), t});
    } else if (what == 3) {
      now += rng() % 60;
      il.prune(now);
    } else {
      const timing::SpadRegion q = random_region();
      const std::set<uint32_t> qc = chunks(q);
      uint64_t want = 0;
      for (const Mark& m : marks) {
        if (m.t <= now || m.t <= want) continue;
        for (uint32_t c : qc)
          if (m.chunks.count(c)) {
            want = m.t;
            break;
          }
      }
      INFO("step " << step << " query addr " << q.addr << " stride " << q.stride << " rows " << q.rows << " bytes " << q.row_bytes);
      REQUIRE(il.ready(q) == want);
    }
  }
}

TEST_CASE("the fast entries (mma, tile_mem) equal execute() for the same instruction stream", "[xtile][timing]") {
  // Two chips run one random stream of MMAs, tile loads/stores, DMA loads and vector ops; one
  // sends the hot classes through Coprocessor::mma / tile_mem (as the core does), the other
  // through execute(). Resume cycles, every counter and the tile registers must agree; a fast
  // entry that cannot take an instruction changes nothing.
  std::mt19937 rng(17);
  for (const char* chip : {"tile.mac.engines=1", "tile.mac.engines=3"}) {
    Driver slow({chip, "tile.registers=24"}), fast({chip, "tile.registers=24"});
    const uint32_t da = slow.desc(0, 0x80200000u, 256, 256, 256, 64, 256, 1, 0, 256);
    REQUIRE(fast.desc(0, 0x80200000u, 256, 256, 256, 64, 256, 1, 0, 256) == da);
    for (int i = 0; i < 3000; ++i) {
      const unsigned kind = rng() % 10;
      const uint8_t t0 = rng() % 24, t1 = rng() % 24, t2 = rng() % 24;
      if (kind < 5) {
        const Op op = rng() % 4 ? Op::XT_MMA_SS : Op::XT_MMA_T2;
        const uint64_t want = slow.issue(op, t0, t1, t2).resume_cycle;
        const uint64_t got = fast.tu().mma(op, t0, t1, t2, fast.now);
        REQUIRE(got == want);
        fast.now = std::max(fast.now + 1, got);
      } else if (kind < 8) {
        const Op ops[] = {Op::XT_TLD_B, Op::XT_TLD_B, Op::XT_TLD_T2, Op::XT_TLD_W, Op::XT_TST_B, Op::XT_TST_W, Op::XT_TLD_BT};
        const Op op = ops[rng() % 7];
        const uint32_t stride = 256 * (1 + rng() % 2), addr = 16 * (rng() % 4096);
        const uint64_t want = slow.issue(op, t0, 0, 0, addr, stride).resume_cycle;
        const uint64_t got = fast.tu().tile_mem(op, t0, addr, stride, fast.now);
        REQUIRE(got == want);
        fast.now = std::max(fast.now + 1, got);
      } else if (kind == 8) {
        const uint32_t row = (rng() % 4) * 64, col = (rng() % 2) * 256, spad = 16384 * (rng() % 8);
        std::memcpy(slow.chip.host(da + 28), &col, 4);  // word 7: the box's origin column
        std::memcpy(fast.chip.host(da + 28), &col, 4);
        slow.issue(Op::XT_DMA_LD, 1, 2, 3, da, row, spad);
        fast.issue(Op::XT_DMA_LD, 1, 2, 3, da, row, spad);
      } else {
        slow.issue(Op::XT_ADD, t0, t1, t2);
        fast.issue(Op::XT_ADD, t0, t1, t2);
      }
      REQUIRE(fast.now == slow.now);
    }
    // Refused without a trace: a tile beyond tile.registers, a load past the scratchpad.
    const timing::TileStats before = fast.tu().stats();
    CHECK(fast.tu().mma(Op::XT_MMA_SS, 30, 1, 2, fast.now) == core::Coprocessor::kUseExecute);
    CHECK(fast.tu().tile_mem(Op::XT_TLD_B, 1, 256 * 1024 - 64, 16, fast.now) == core::Coprocessor::kUseExecute);
    const timing::TileStats& after = fast.tu().stats();
    CHECK(after.insn_mac == before.insn_mac);
    CHECK(after.insn_mem == before.insn_mem);
    CHECK(after.stall_queue_full == before.stall_queue_full);
    CHECK(slow.fence() == fast.fence());
    uint64_t a = 0, b = 0;
    for (uint32_t id = 0; slow.tu().stats().get(id, a); ++id) {
      REQUIRE(fast.tu().stats().get(id, b));
      INFO("counter " << id);
      CHECK(a == b);
    }
    for (unsigned t = 0; t < 24; ++t)
      REQUIRE(std::memcmp(slow.tu().machine().tile(t).b, fast.tu().machine().tile(t).b, 1024) == 0);
  }
}

TEST_CASE("host state stays bounded: DMAs never waited for, xt.wait, odd-pitch boxes", "[xtile][timing][bounds]") {
  // Fuzzing found guest programs whose host cost grew without bound while few cycles passed;
  // these count what the host holds, not wall time (stable under sanitizers).
  Driver d;
  const uint32_t da = d.desc(0, 0x80200000u, 4096, 256, 256, 64, 256, 1, 0, 256);
  for (int i = 0; i < 5000; ++i) d.issue(Op::XT_DMA_LD, 1, 2, 3, da, uint32_t(i % 64) * 64, 16384 * (i % 8));
  CHECK(d.tu().dma_completions_held(0) <= 16);  // dma.queue_depth
  CHECK(d.tu().interlock_entries() <= 64);      // held only while they can delay a command
  // xt.wait on a queue with many transfers behind it: the held set shrinks, it is not copied.
  d.issue(Op::XT_WAIT, 0, 0, 0, 0, 3);
  CHECK(d.tu().dma_completions_held(0) <= 3);
  // A 4000-row box whose scratchpad pitch (20 B) is not a multiple of the 16-byte bank width:
  // marked as at most 16 strided pieces, not 4000 rows.
  Driver o;
  const uint32_t odd = o.desc(0, 0x80200000u, 4000, 16, 16, 4000, 16, 1, 0, 20);
  o.issue(Op::XT_DMA_LD, 1, 2, 3, odd, 0, 0);
  o.issue(Op::XT_DMA_LD, 1, 2, 3, odd, 0, 0);
  CHECK(o.tu().interlock_entries() <= 2 * 16);
}

TEST_CASE("dram_busy is the chip's bus counter and the guest reads it through xt.stat", "[xtile][timing]") {
  Driver d;
  const uint32_t da = d.desc(0, 0x80200000u, 64, 256, 256, 64, 256, 1, 0, 256);
  d.issue(Op::XT_DMA_LD, 1, 2, 3, da, 0, 0);  // 16 KiB: 256 bursts of 64 B
  const core::XtResult r = d.issue(Op::XT_STAT, 0, 0, 0, 28 /* dram_busy */);
  CHECK(d.chip.bus.dram_busy_cycles() > 0);
  CHECK(r.rd_value == d.chip.bus.dram_busy_cycles());
  CHECK(d.tu().stats().dram_busy == d.chip.bus.dram_busy_cycles());
}

TEST_CASE("chip parameters: every derived number from one formula", "[xtile][timing]") {
  cfg::HwConfig c;  // the defaults: 32 lanes, 16x16 depth 2, 16 banks of 16 B
  c.dram.latency_ns = 101;
  c.clock.freq_mhz = 1500;  // 151.5 cycles -> 152 (rounded up)
  const cfg::ChipParams p = cfg::chip_params(c);
  CHECK(p.vec_ii == 8);
  CHECK(p.dram_latency_cycles == 152);
  CHECK(p.bank_period == 16 * 16 * 16);
  CHECK(p.spad_bytes == c.scratchpad.size_kib * 1024);
  for (const auto& f : isa::kFormats) {
    CHECK(p.mac_ii[int(f.id)] == cfg::MacTiming::ii(c.tile.mac, f.id));
    CHECK(p.mac_latency[int(f.id)] == cfg::MacTiming::latency(c.tile.mac, f.id));
  }
  c.tile.vector.lanes = 48;  // ceil(256 / 48) = 6
  CHECK(cfg::chip_params(c).vec_ii == 6);
}

namespace {
/// Sets xt.mma.blk's fields and issues one block: returns its completion minus its issue cycle.
uint64_t block(Driver& d, uint32_t bm, uint32_t bn, uint32_t bk, uint32_t fmt, bool zero, uint32_t a = 0, uint32_t b = 65536,
               uint32_t c = 131072) {
  const uint32_t bkb = fmt == 4 ? 4 : 16;
  const uint32_t fields[][2] = {{6, bm}, {7, bn}, {8, bk}, {9, fmt}, {10, 16 * bk}, {11, bkb * bk}, {12, 64 * bn}, {13, zero ? 1u : 0u}};
  for (const auto& f : fields) d.issue(Op::XT_CFG, 0, 0, 0, f[0], f[1]);
  const uint64_t issue = d.now;
  const core::XtResult r = d.issue(Op::XT_MMA_BLK, 0, 0, 0, a, b, c);
  CHECK(r.rd_value == bm * bn * bk);
  return d.last_done() - issue;
}
}  // namespace

TEST_CASE("block MMA timing in closed form: engines, array groups, scratchpad bandwidth", "[xtile][timing][block]") {
  // done = start + max(waves x bk x II + (latency - II), scratchpad bytes / (ports x banks x width) + ldst latency);
  // waves = ceil(groups / engines); groups of (rows/16) x (cols/16) C tiles; each wave reads its
  // rows' A and its columns' B once per k step, C written (and read unless zero) once.
  {  // one 16x16 engine, 4x4 tiles x 16 k: 16 waves of one tile; 576 scratchpad cycles
    Driver d;
    CHECK(block(d, 4, 4, 16, 0, true) == 16 * 16 * 16 + 32);
    CHECK(d.tu().stats().macs == 4096ull * 256);
    CHECK(d.tu().stats().mac_busy == 16 * 16 * 16);
  }
  {  // 16 engines: one wave; MAC 256 cycles + fill 32 against 192 + 2 of scratchpad
    Driver d({"tile.mac.engines=16", "tile.queue_depth=64"});
    CHECK(block(d, 4, 4, 16, 0, true) == 16 * 16 + 32);
    CHECK(d.tu().stats().mac_busy == 16 * 256);
  }
  {  // one 64x64 array holds all 16 tiles: 16 k steps x II 16, fill 63 + 63 + 2
    Driver d({"tile.mac.rows=64", "tile.mac.cols=64"});
    CHECK(block(d, 4, 4, 16, 0, true) == 256 + 128);
  }
  {  // scratchpad-bound: 16 engines, ternary (II 4), accumulate: C read and written (32 KiB),
     // A 16 x 16 x 4 x 16 = 16 KiB, B 16 x 16 x 4 x 4 = 4 KiB: 53,248 B / 256 = 208 cycles
    Driver d({"tile.mac.engines=16", "tile.queue_depth=64"});
    CHECK(block(d, 4, 4, 16, 4, false) == 208 + 2);
  }
  {  // a 32x32 array on a 3x3 block: groups of 2x2 tiles, 4 groups (edges partial), 1 engine:
     // 4 waves x 8 k x II 16, fill 31 + 31 + 2
    Driver d({"tile.mac.rows=32", "tile.mac.cols=32"});
    CHECK(block(d, 3, 3, 8, 0, true) == 4 * 8 * 16 + 64);
  }
}

TEST_CASE("block MMAs chain on C: a later block accumulating into C starts wave by wave", "[xtile][timing][block]") {
  // C in the accumulator SRAM (no port bytes for it). 4 engines, 4x4 tiles x 1 k: 4 waves of one
  // C tile row each, wave time II = 16, fill 48 - 16 = 32: one block takes 64 + 32.
  const std::vector<std::string> acc = {"tile.mac.engines=4", "tile.queue_depth=64", "scratchpad.acc_kib=64"};
  const uint32_t c = 256 * 1024, c2 = c + 32768;
  {  // the second block's wave i needs C row i, done 16 (i + 1) + 32 after the first start: it
     // may start when the engines are free (64), not after the first block drained (96)
    Driver d(acc);
    block(d, 4, 4, 1, 0, true, 0, 65536, c);
    block(d, 4, 4, 1, 0, false, 0, 65536, c);
    CHECK(d.last_done() == 8 + 64 + 64 + 32);  // (8 xt.cfg before the first block)
  }
  {  // one wave (16 engines): nothing to chain on, the dependent block waits for the whole C
     // (16 + 32), an independent one only for the engines (16)
    std::vector<std::string> one = acc;
    one[0] = "tile.mac.engines=16";
    Driver d(one), e(one);
    block(d, 4, 4, 1, 0, true, 0, 65536, c);
    block(d, 4, 4, 1, 0, false, 0, 65536, c);
    CHECK(d.last_done() == 8 + 48 + 48);
    block(e, 4, 4, 1, 0, true, 0, 65536, c);
    block(e, 4, 4, 1, 0, false, 0, 65536, c2);
    CHECK(e.last_done() == 8 + 16 + 48);
  }
}

namespace {
/// xt.smx.blk over m tiles (S at 0, pitch 64; state at 32 KiB; outputs at 48 KiB); cycles to done.
uint64_t smx(Driver& d, uint32_t m, bool causal, uint32_t keys, uint32_t out = 49152) {
  const uint32_t fields[][2] = {{27, m}, {28, 64}, {29, 65536}, {30, causal ? 1u : 0u}, {31, 0}, {32, keys}};
  for (const auto& f : fields) d.issue(Op::XT_CFG, 0, 0, 0, f[0], f[1]);
  const uint64_t issue = d.now;
  const core::XtResult r = d.issue(Op::XT_SMX_BLK, 0, 0, 0, 0, 32768, out);
  CHECK(r.rd_value == m);
  return d.last_done() - issue;
}
}  // namespace

TEST_CASE("softmax step timing in closed form: tiles back to back, chaining on the state", "[xtile][timing][block]") {
  // per tile pt = tile ops x ceil(256 / lanes) + ceil(48 / lanes) (at least its port time:
  // 1,600 B / 256 B per cycle = 7); done = m x pt + (tile ops - 1) x latency 2 + special 4.
  {  // default chip, 32 lanes: 6 tile ops: pt = 48 + 2 = 50; 4 tiles: 200 + 10 + 4
    Driver d;
    CHECK(smx(d, 4, false, 16) == 214);
    CHECK(d.tu().stats().vec_ops == 4 * 9);
    CHECK(d.tu().stats().vec_busy == 200);
  }
  {  // causal and 5 valid keys: 8 tile ops: pt = 66; 3 tiles: 198 + 14 + 4
    Driver d;
    CHECK(smx(d, 3, true, 5) == 216);
  }
  {  // 256 lanes: pt = 6 + 1 = 7, and the port time is 7 too; 16 tiles: 112 + 14
    Driver d({"tile.vector.lanes=256"});
    CHECK(smx(d, 16, false, 16) == 126);
  }
  {  // two steps on the same state: tile i of the second starts once tile i of the first is
     // through, so the unit stays busy: 200 + 200 + 14 (without chaining 214 + 214); the
     // outputs in another buffer (the same one would wait for the first step's last write)
    Driver d, e;
    smx(d, 4, false, 16);
    smx(d, 4, false, 16, 49152 + 16384);
    CHECK(d.last_done() == 6 + 414);  // (6 xt.cfg before the first step)
    smx(e, 4, false, 16);
    smx(e, 4, false, 16);
    CHECK(e.last_done() == 6 + 214 + 214);
  }
}

TEST_CASE("block MMA waits for the DMA that fills its operands, and a tile load of C waits for it", "[xtile][timing][block]") {
  Driver d({"tile.mac.engines=16", "tile.queue_depth=64"});
  // A DMA of 64 x 256 B into A's region: the block cannot start before it lands.
  const uint32_t desc = d.desc(0, 0x80200000u, 64, 256, 256, 64, 256, 1, 0, 256);
  d.issue(Op::XT_DMA_LD, 0, 0, 0, desc, 0, 0);
  const uint64_t dma_done = d.last_done();
  block(d, 4, 4, 16, 0, true);
  const uint64_t done = d.last_done();
  CHECK(done >= dma_done + 256);
  CHECK(d.tu().stats().wait_dma > 0);
  d.issue(Op::XT_TLD_W, 3, 0, 0, 131072, 256);  // C's first tile: after the block wrote it
  CHECK(d.last_done() >= done + 4);
}
