#include "sim/report/chip_report.h"

#include <algorithm>

namespace report {

namespace {
/// A core's busy cycles: its MAC engines' occupancy divided by their number (cycles the core's
/// array set was computing), the figure load balance compares.
double core_mac_busy(const cfg::HwConfig& c, const sys::RunResult::Core& k) { return double(k.tile.mac_busy) / c.tile.mac.engines; }
}  // namespace

void add_chip_entries(Report& rep, const cfg::HwConfig& c, const sys::RunResult& r) {
  rep.section("cores");
  rep.add("cores", "cores", uint64_t(r.cores.size()));
  double busy_min = 0, busy_max = 0, busy_sum = 0;
  uint64_t fin_min = ~uint64_t(0), fin_max = 0;
  for (size_t i = 0; i < r.cores.size(); ++i) {
    const double b = core_mac_busy(c, r.cores[i]);
    busy_min = i == 0 ? b : std::min(busy_min, b);
    busy_max = std::max(busy_max, b);
    busy_sum += b;
    fin_min = std::min(fin_min, r.cores[i].cycles);
    fin_max = std::max(fin_max, r.cores[i].cycles);
  }
  const double mean = r.cores.empty() ? 0 : busy_sum / double(r.cores.size());
  rep.add("core_mac_busy_min", "MAC busy, least core", uint64_t(busy_min), "cycles");
  rep.add("core_mac_busy_max", "MAC busy, busiest core", uint64_t(busy_max), "cycles");
  rep.add("core_mac_busy_mean", "MAC busy, mean", uint64_t(mean + 0.5), "cycles");
  rep.add("load_imbalance_pct", "load imbalance", mean > 0 ? 100.0 * (busy_max / mean - 1.0) : 0.0, "%");
  rep.add("core_finish_min", "first core done", r.cores.empty() ? 0 : fin_min, "cycle");
  rep.add("core_finish_max", "last core done", fin_max, "cycle");

  const sys::RunResult::Memory& m = r.memory;
  rep.section("memory system");
  rep.add("dram_channels", "DRAM channels", uint64_t(m.channels));
  rep.add("dram_busy_avg", "channel busy, mean", m.dram_busy, "cycles");
  rep.add("dram_busy_max", "channel busy, busiest", m.channel_busy_max, "cycles");
  rep.add("dram_busy_pct", "DRAM bandwidth used", r.cycles ? 100.0 * double(m.dram_busy) / double(r.cycles) : 0.0, "%");
  uint64_t rd = 0, wr = 0;
  for (const auto& k : r.cores) {
    rd += k.mem_bytes_read;
    wr += k.mem_bytes_written;
  }
  rep.add("mem_bytes_read", "traffic to cores", rd, "B");
  rep.add("mem_bytes_written", "traffic from cores", wr, "B");
  rep.add("l2_kib", "L2", m.l2_size_kib, "KiB");
  const uint64_t acc = m.l2_hits + m.l2_misses;
  rep.add("l2_hits", "L2 hits", m.l2_hits);
  rep.add("l2_misses", "L2 misses", m.l2_misses);
  rep.add("l2_hit_pct", "L2 hit rate", acc ? 100.0 * double(m.l2_hits) / double(acc) : 0.0, "%");
  rep.add("l2_writebacks", "L2 write-backs", m.l2_writebacks);
  rep.add("cluster_cores", "cores per multicast cluster", uint64_t(m.cluster_cores));
  rep.add("multicast_lines", "reads multicast to a cluster peer", m.multicast);
  rep.add("l2_busy", "L2 busy", m.l2_busy, "cycles");
  rep.add("interconnect_busy", "interconnect busy", m.interconnect_busy, "cycles");
  rep.add("link_busy_max", "busiest core link", m.link_busy_max, "cycles");
  rep.add("mem_queue_cycles", "contention (granule delay)", m.queue_cycles, "cycles");
}

nlohmann::json chip_detail_json(const cfg::HwConfig& c, const sys::RunResult& r) {
  nlohmann::json j;
  nlohmann::json per = nlohmann::json::array();
  for (size_t i = 0; i < r.cores.size(); ++i) {
    const auto& k = r.cores[i];
    per.push_back({{"core", i},
                   {"cycles", k.cycles},
                   {"instructions", k.instret},
                   {"parked", k.parked},
                   {"macs", k.tile.macs},
                   {"mac_busy", k.tile.mac_busy},
                   {"mac_busy_per_engine", core_mac_busy(c, k)},
                   {"tile_mmas", k.tile.mma_int8 + k.tile.mma_ternary + k.tile.mma_int4},
                   {"dma_bytes_in", k.tile.dma_bytes_in},
                   {"dma_bytes_out", k.tile.dma_bytes_out},
                   {"mem_bytes_read", k.mem_bytes_read},
                   {"mem_bytes_written", k.mem_bytes_written},
                   {"l2_hits", k.l2_hits},
                   {"l2_misses", k.l2_misses},
                   {"multicast", k.multicast},
                   {"mem_queue_cycles", k.mem_queue_cycles},
                   {"stall_dma_wait", k.tile.stall_dma_wait},
                   {"stall_queue_full", k.tile.stall_queue_full}});
  }
  j["per_core"] = per;
  const auto& m = r.memory;
  j["memory"] = {{"single_bus", m.single_bus},       {"channels", m.channels},
                 {"granule_bytes", m.granule_bytes}, {"channel_busy_min", m.channel_busy_min},
                 {"channel_busy_max", m.channel_busy_max}, {"dram_busy_avg", m.dram_busy},
                 {"l2_size_kib", m.l2_size_kib},     {"l2_hits", m.l2_hits},
                 {"l2_misses", m.l2_misses},         {"l2_writebacks", m.l2_writebacks},
                 {"l2_dirty_lines", m.l2_dirty_lines}, {"l2_busy", m.l2_busy},
                 {"interconnect_busy", m.interconnect_busy}, {"link_busy_max", m.link_busy_max},
                 {"cluster_cores", m.cluster_cores}, {"multicast", m.multicast},
                 {"queue_cycles", m.queue_cycles}};
  return j;
}

}  // namespace report
