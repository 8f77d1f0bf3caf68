#include "sim/report/run_summary.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>

#include "sim/cfg/config_io.h"
#include "sim/report/chip_report.h"
#include "sim/report/area_report.h"
#include "sim/report/energy_report.h"
#include "sim/report/stats_file.h"
#include "sim/xtile/kernels.h"

namespace report {

const char* outcome_name(sys::Outcome o) {
  switch (o) {
    case sys::Outcome::Exit: return "exit";
    case sys::Outcome::Fault: return "guest-fault";
    case sys::Outcome::Watchdog: return "watchdog";
    case sys::Outcome::Interrupted: return "interrupted";
  }
  return "?";
}

std::string with_commas(uint64_t v) {
  std::string s = std::to_string(v);
  for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3) s.insert(static_cast<size_t>(i), ",");
  return s;
}

void print_run_summary(const std::string& elf, const cfg::HwConfig& c, const sys::RunResult& r, int status) {
  const double ipc = r.cycles ? double(r.instret) / double(r.cycles) : 0.0;
  const double mips = r.host_seconds > 0 ? double(r.instret) / r.host_seconds / 1e6 : 0.0;
  std::fprintf(stderr, "\n== tilesim run: %s (config '%s') ==\n", elf.c_str(), c.name.c_str());
  std::fprintf(stderr, "  %-18s %s (exit status %d)\n", "outcome", outcome_name(r.outcome), status);
  std::fprintf(stderr, "  %-18s %s\n", "cycles", with_commas(r.cycles).c_str());
  std::fprintf(stderr, "  %-18s %s\n", "instructions", with_commas(r.instret).c_str());
  if (r.cores.size() > 1) {
    uint64_t first = ~uint64_t(0), last = 0, parked = 0;
    for (const auto& k : r.cores) {
      first = std::min(first, k.cycles);
      last = std::max(last, k.cycles);
      parked += k.parked;
    }
    std::fprintf(stderr, "  %-18s %zu (hart %u ended the run; %llu parked in wfi; core cycles %s .. %s)\n", "cores", r.cores.size(),
                 r.ended_by, static_cast<unsigned long long>(parked), with_commas(first).c_str(), with_commas(last).c_str());
  }
  std::fprintf(stderr, "  %-18s %.3f\n", "IPC", ipc);
  std::fprintf(stderr, "  %-18s %.3f us at %llu MHz\n", "simulated time", r.sim_seconds * 1e6,
               static_cast<unsigned long long>(c.clock.freq_mhz));
  std::fprintf(stderr, "  %-18s %.4f s\n", "host time", r.host_seconds);
  std::fprintf(stderr, "  %-18s %.1f MIPS (golden kernels: %s)\n", "simulation speed", mips, xtile::kernel_set_name().c_str());
  const timing::TileStats& t = r.tile;
  if (t.insn_mac + t.insn_vec + t.insn_mem + t.insn_dma + t.insn_sync == 0) return;
  const double peak = double(c.tile.mac.rows) * c.tile.mac.cols * c.tile.mac.engines;  // int8 MACs per cycle
  std::fprintf(stderr, "  -- tile unit --\n");
  std::fprintf(stderr, "  %-18s %s int8, %s ternary, %s int4 (%s MACs)\n", "tile MMAs", with_commas(t.mma_int8).c_str(),
               with_commas(t.mma_ternary).c_str(), with_commas(t.mma_int4).c_str(), with_commas(t.macs).c_str());
  std::fprintf(stderr, "  %-18s %.1f%% of %.0f int8 MACs/cycle\n", "MAC utilization",
               r.cycles ? 100.0 * double(t.macs) / (double(r.cycles) * peak) : 0.0, peak);
  std::fprintf(stderr, "  %-18s %s vector ops, %s tile loads, %s tile stores\n", "other units", with_commas(t.vec_ops).c_str(),
               with_commas(t.tile_loads).c_str(), with_commas(t.tile_stores).c_str());
  std::fprintf(stderr, "  %-18s %s cycles\n", "bank conflicts", with_commas(t.bank_conflicts).c_str());
  std::fprintf(stderr, "  %-18s %s B in, %s B out, %s bursts\n", "DMA", with_commas(t.dma_bytes_in).c_str(),
               with_commas(t.dma_bytes_out).c_str(), with_commas(t.dram_bursts).c_str());
  std::fprintf(stderr, "  %-18s queue full %s, xt.wait %s, fence %s (core)\n", "stall cycles",
               with_commas(t.stall_queue_full).c_str(), with_commas(t.stall_dma_wait).c_str(), with_commas(t.stall_sync).c_str());
  std::fprintf(stderr, "  %-18s operands %s, busy unit %s, DMA data %s (tile unit)\n", "wait cycles",
               with_commas(t.wait_operands).c_str(), with_commas(t.wait_unit).c_str(), with_commas(t.wait_dma).c_str());
  std::fprintf(stderr, "  %-18s %s cycles busy\n", "DRAM bus", with_commas(t.dram_busy).c_str());
}

void write_run_stats(const std::string& path, const std::string& version, const std::string& elf, const cfg::HwConfig& c,
                     const sys::RunResult& r, int status) {
  nlohmann::json j;
  j["schema_version"] = 1;
  j["tilesim_version"] = version;
  j["config_name"] = c.name;
  j["elf"] = elf;
  j["outcome"] = outcome_name(r.outcome);
  j["exit_status"] = status;
  j["guest_exit_code"] = r.exit_code;
  j["message"] = r.message;
  j["cycles"] = r.cycles;
  j["instructions"] = r.instret;
  j["ipc"] = r.cycles ? double(r.instret) / double(r.cycles) : 0.0;
  j["clock_mhz"] = c.clock.freq_mhz;
  j["simulated_seconds"] = r.sim_seconds;
  j["host_seconds"] = r.host_seconds;
  j["simulated_mips"] = r.host_seconds > 0 ? double(r.instret) / r.host_seconds / 1e6 : 0.0;
  j["quantum_syncs"] = r.syncs;
  j["kernels"] = xtile::kernel_set_name();
  j["cores"] = r.cores.size();
  j["chip"] = chip_detail_json(c, r);
  j["energy"] = energy_detail_json(c, r);
  j["area"] = area_detail_json(c);
  write_stats(path, j, r.tile, r.macs_per_engine, cfg::dump_yaml(c));
}


}  // namespace report
