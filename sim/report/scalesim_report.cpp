#include "sim/report/scalesim_report.h"

#include <algorithm>

namespace report {

void add_scalesim_entries(Report& rep, const cfg::HwConfig& c, const sys::RunResult& r, double useful_macs, double peak_macs_per_cycle) {
  const timing::TileStats& t = r.tile;
  const double cores = std::max<size_t>(1, r.cores.size());
  // Compute cycles: the cycles a core's MAC arrays were computing (their occupancy over their
  // number), averaged over the cores; the rest of the run is stall (SCALE-Sim's split).
  const uint64_t compute = std::min<uint64_t>(r.cycles, uint64_t(double(t.mac_busy) / c.tile.mac.engines / cores + 0.5));
  rep.section("SCALE-Sim compatible");
  rep.add("scalesim_total_cycles", "total cycles", r.cycles);
  rep.add("scalesim_compute_cycles", "compute cycles", compute);
  rep.add("scalesim_stall_cycles", "stall cycles", r.cycles - compute);
  rep.add("scalesim_overall_util_pct", "overall utilization", r.cycles ? 100.0 * useful_macs / (double(r.cycles) * peak_macs_per_cycle) : 0.0, "%");
  rep.add("scalesim_mapping_efficiency_pct", "mapping efficiency", t.macs ? 100.0 * useful_macs / double(t.macs) : 0.0, "%");
  rep.add("scalesim_compute_util_pct", "compute utilization", compute ? 100.0 * useful_macs / (double(compute) * peak_macs_per_cycle) : 0.0, "%");
  rep.add("scalesim_sram_read_bytes", "SRAM reads", t.spad_read_bytes + t.acc_read_bytes, "B");
  rep.add("scalesim_sram_write_bytes", "SRAM writes", t.spad_write_bytes + t.acc_write_bytes, "B");
  rep.add("scalesim_dram_read_bytes", "DRAM reads", t.dma_bytes_in, "B");
  rep.add("scalesim_dram_write_bytes", "DRAM writes", t.dma_bytes_out, "B");
  const double cyc = r.cycles ? double(r.cycles) : 1.0;
  rep.add("scalesim_avg_sram_bw_bytes_per_cycle", "average SRAM bandwidth",
          double(t.spad_read_bytes + t.acc_read_bytes + t.spad_write_bytes + t.acc_write_bytes) / cyc, "B/cycle");
  rep.add("scalesim_avg_dram_bw_bytes_per_cycle", "average DRAM bandwidth", double(t.dma_bytes_in + t.dma_bytes_out) / cyc, "B/cycle");
}

}  // namespace report
