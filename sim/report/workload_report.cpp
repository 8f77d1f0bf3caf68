#include "sim/report/workload_report.h"

#include <algorithm>

#include "sim/report/chip_report.h"
#include "sim/report/area_report.h"
#include "sim/report/energy_report.h"
#include "sim/report/scalesim_report.h"
#include "sim/xtile/kernels.h"

namespace report {

Report workload_report(const cfg::HwConfig& c, const sys::RunResult& r, const wl::WorkMetrics& m, const std::string& verdict,
                       const std::string& detail, const HostTimes& h) {
  const timing::TileStats& t = r.tile;
  const double hz = double(c.clock.freq_mhz) * 1e6;
  const double peak_tops = 2.0 * m.peak_macs_per_cycle * hz / 1e12;
  const double achieved_tops = r.sim_seconds > 0 ? 2.0 * m.useful_macs / r.sim_seconds / 1e12 : 0;
  const double ai = m.min_dram_bytes > 0 ? 2.0 * m.useful_macs / m.min_dram_bytes : 0;  // ops per byte
  const double bw = double(c.dram.bandwidth_mb_s) * 1e6;                                 // bytes per second, all channels
  const double usable_tops = peak_tops * m.usable_fraction;  // compute roof for this shape
  const double roofline_tops = std::min(usable_tops, ai * bw / 1e12);
  const double dma_bytes = double(t.dma_bytes_in + t.dma_bytes_out);

  Report rep;
  rep.add("workload", "workload", m.description);
  rep.add("case", "case (tilesim compare)", m.key);
  rep.add("config", "config", c.name);
  rep.add("mac_engine", "MAC engine", c.tile.mac.engine);
  rep.add("result", "result", verdict);
  rep.section("time");
  rep.add("cycles", "cycles", r.cycles);
  rep.add("simulated_us", "simulated time", r.sim_seconds * 1e6, "us");
  rep.add("clock_mhz", "clock", c.clock.freq_mhz, "MHz");
  rep.section("compute");
  rep.add("useful_macs", "MACs (useful)", uint64_t(m.useful_macs));
  rep.add("executed_macs", "MACs (executed, tiles)", t.macs);
  rep.add("tile_mmas", "tile MMAs", t.mma_int8 + t.mma_ternary + t.mma_int4);
  rep.add("peak_macs_per_cycle", "peak MACs/cycle", m.peak_macs_per_cycle);
  rep.add("mac_utilization_pct", "MAC utilization", r.cycles ? 100.0 * m.useful_macs / (double(r.cycles) * m.peak_macs_per_cycle) : 0.0, "%");
  rep.add("achieved_tops", "achieved", achieved_tops, "TOPS");
  rep.add("peak_tops", "peak", peak_tops, "TOPS");
  rep.add("usable_tops", "usable by this shape", usable_tops, "TOPS");
  rep.add("arithmetic_intensity", "arithmetic intensity", ai, "ops/byte");
  rep.add("roofline_tops", "roofline bound", roofline_tops, "TOPS");
  rep.add("roofline_pct", "of roofline", roofline_tops > 0 ? 100.0 * achieved_tops / roofline_tops : 0.0, "%");
  rep.section("memory");
  rep.add("dma_bytes_in", "DMA DRAM->scratchpad", t.dma_bytes_in, "B");
  rep.add("dma_bytes_out", "DMA scratchpad->DRAM", t.dma_bytes_out, "B");
  rep.add("min_dram_bytes", "compulsory traffic", uint64_t(m.min_dram_bytes), "B");
  rep.add("dram_gb_s", "achieved DRAM bandwidth", r.sim_seconds > 0 ? dma_bytes / r.sim_seconds / 1e9 : 0.0, "GB/s");
  rep.add("dram_peak_gb_s", "DRAM peak", bw / 1e9, "GB/s");
  rep.add("bank_conflicts", "bank conflict cycles", t.bank_conflicts);
  rep.section("stalls (cycles)");
  rep.add("stall_queue_full", "core: queue full", t.stall_queue_full);
  rep.add("stall_dma_wait", "core: xt.wait", t.stall_dma_wait);
  rep.add("stall_sync", "core: fence/stat", t.stall_sync);
  rep.add("wait_operands", "tile: operands", t.wait_operands);
  rep.add("wait_unit", "tile: busy unit", t.wait_unit);
  rep.add("wait_dma", "tile: DMA data", t.wait_dma);
  rep.section("instructions");
  rep.add("instructions", "core instructions", r.instret);
  rep.add("xtile_instructions", "Xtile instructions", t.insn_mac + t.insn_vec + t.insn_mem + t.insn_dma + t.insn_sync);
  add_chip_entries(rep, c, r);
  add_energy_entries(rep, c, r, m.useful_macs);
  add_area_entries(rep, c, r, m.useful_macs);
  add_scalesim_entries(rep, c, r, m.useful_macs, m.peak_macs_per_cycle);
  rep.section("host");
  rep.add("host_seconds_sim", "simulation", r.host_seconds, "s");
  rep.add("host_seconds_inputs", "input generation", h.inputs, "s");
  if (h.checked) rep.add("host_seconds_check", "golden check", h.check, "s");
  else rep.add("golden_check", "golden check", std::string("skipped"));
  rep.add("host_seconds_total", "total wall time", h.total, "s");
  rep.add("kernels", "golden kernels", xtile::kernel_set_name());
  rep.add("sim_mcycles_per_s", "speed", r.host_seconds > 0 ? double(r.cycles) / r.host_seconds / 1e6 : 0.0, "M cycles/s");
  if (!m.extra.empty()) rep.section("accuracy");
  for (const auto& e : m.extra) rep.add(e.key, e.label, e.value, e.unit);
  if (!detail.empty()) rep.add("mismatch", "mismatch", detail);

  return rep;
}

}  // namespace report
