#include "sim/cli/workload_run.h"

#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>

#include "sim/cfg/config_io.h"
#include "sim/cli/commands.h"
#include "sim/cli/progress.h"
#include "workloads/kernels/wl_args.h"
#include "sim/system/run_control.h"
#include "sim/report/npy.h"
#include "sim/report/report.h"
#include "sim/report/stats_file.h"
#include "sim/system/dram.h"
#include "sim/system/system.h"
#include "sim/timing/tile_timing.h"
#include "sim/xtile/kernels.h"

namespace cli {
namespace {

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

/// build/workloads/NAME.elf next to the tilesim executable.
std::string default_elf(const std::string& kernel) {
  char exe[4096];
  const ssize_t n = ::readlink("/proc/self/exe", exe, sizeof exe - 1);
  std::string dir = ".";
  if (n > 0) {
    exe[n] = 0;
    dir = exe;
    dir = dir.substr(0, dir.rfind('/'));
  }
  return dir + "/workloads/" + kernel + ".elf";
}

void dump(const std::string& dir, wl::Workload& w, wl::Memory& mem) {
  for (const auto& t : w.tensors()) report::write_npy(dir + "/" + t.name + ".npy", t.dtype, t.shape, mem.at(t.addr), t.bytes());
}

}  // namespace

int run_workload(const WorkloadRunOptions& o, const wl::Options& params, const cfg::HwConfig& c) {
  const auto t_start = std::chrono::steady_clock::now();
  auto w = wl::make_workload(o.name, params, c);
  const std::string elf_path = o.elf.empty() ? default_elf(w->kernel()) : o.elf;
  const elf::ElfImage img = elf::load_elf(elf_path);
  const auto args_sym = img.symbol("tilesim_args");
  if (!args_sym) throw elf::BadElf(elf_path + ": no tilesim_args symbol: not a workload kernel");

  sys::System system(c, [](int fd, const char* p, size_t n) { std::fwrite(p, 1, n, fd == 2 ? stderr : stdout); });
  system.load(img);
  sys::Dram& d = system.dram();
  constexpr uint32_t kArgsBytes = sizeof(tilesim_args_t);  // magic, workload id, 62 words (wl_args.h)
  if (args_sym->size < kArgsBytes || args_sym->addr % 4 || !d.contains(args_sym->addr, kArgsBytes)) {
    char at[16];
    std::snprintf(at, sizeof at, "0x%08x", args_sym->addr);
    throw elf::BadElf(elf_path + ": tilesim_args must be a word-aligned object of at least " + std::to_string(kArgsBytes) +
                      " bytes inside DRAM (it is " + std::to_string(args_sym->size) + " bytes at " + at + ")");
  }
  uint64_t end = 0;  // 64-bit: a segment may end at 2^32
  for (const auto& s : img.segments) end = std::max<uint64_t>(end, uint64_t(s.vaddr) + s.memsz);
  wl::Memory mem{d.host_ptr(d.base()), d.base(), d.size(), end};

  wl::require_fit(mem, w->buffers());  // before any input is generated

  Progress progress(progress_wanted());
  auto t0 = std::chrono::steady_clock::now();
  progress.phase("inputs");
  const wl::ArgBlock args = w->prepare(mem, o.seed);
  const double t_inputs = seconds_since(t0);
  const uint64_t expected_mmas = static_cast<uint64_t>(w->metrics().expected_mmas);
  uint32_t block[64] = {WL_MAGIC, args.workload};
  std::memcpy(block + 2, args.words.data(), std::min<size_t>(args.words.size(), 62) * 4);
  std::memcpy(mem.at(args_sym->addr), block, sizeof block);

  progress.phase("simulation", expected_mmas, " MMAs");
  sys::RunControl& rc = sys::run_control();
  if (progress.enabled()) {
    timing::TileTiming& tu = system.tile_unit();
    rc.progress = [&](uint64_t cyc, uint64_t ins) {
      const timing::TileStats& s = tu.stats();
      progress.update(cyc, ins, s.mma_int8 + s.mma_ternary + s.mma_int4);
    };
  }
  const sys::RunResult r = system.run();
  rc.progress = nullptr;
  progress.end_phase();
  std::fflush(stdout);
  int status = sys::exit_status(r);
  if (!r.message.empty()) std::fprintf(stderr, "tilesim: %s\n", r.message.c_str());
  const bool interrupted = r.outcome == sys::Outcome::Interrupted;
  if (!interrupted && (r.outcome != sys::Outcome::Exit || r.exit_code != 0)) {
    if (r.outcome == sys::Outcome::Exit)
      std::fprintf(stderr, "tilesim: kernel %s exited with %lld%s\n", elf_path.c_str(), (long long)r.exit_code,
                   r.exit_code == 2 ? " (the kernels' code for an argument block of another workload: is it this workload's kernel?)" : "");
    return status;
  }

  t0 = std::chrono::steady_clock::now();
  std::string verdict = interrupted ? "INTERRUPTED" : "SKIPPED", detail;
  if (o.corrupt) {
    const auto tensors = w->tensors();  // the output is the last tensor
    mem.at(tensors.back().addr)[tensors.back().bytes() / 2] ^= 0x40;
  }
  if (o.check && !interrupted) {
    progress.phase("check");
    detail = w->check(mem);
    progress.end_phase();
    verdict = detail.empty() ? "PASS" : "FAIL";
  }
  const double t_check = seconds_since(t0);
  if (!o.dump_dir.empty() && !interrupted) dump(o.dump_dir, *w, mem);

  const wl::WorkMetrics m = w->metrics();
  const timing::TileStats& t = r.tile;
  const double hz = double(c.clock.freq_mhz) * 1e6;
  const double peak_tops = 2.0 * m.peak_macs_per_cycle * hz / 1e12;
  const double achieved_tops = r.sim_seconds > 0 ? 2.0 * m.useful_macs / r.sim_seconds / 1e12 : 0;
  const double ai = m.min_dram_bytes > 0 ? 2.0 * m.useful_macs / m.min_dram_bytes : 0;  // ops per byte
  const double bw = double(c.dram.bandwidth_mb_s) * 1e6;                                 // bytes per second
  const double usable_tops = peak_tops * m.usable_fraction;  // compute roof for this shape
  const double roofline_tops = std::min(usable_tops, ai * bw / 1e12);
  const double dma_bytes = double(t.dma_bytes_in + t.dma_bytes_out);

  report::Report rep;
  rep.add("workload", "workload", m.description);
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
  rep.section("host");
  rep.add("host_seconds_sim", "simulation", r.host_seconds, "s");
  rep.add("host_seconds_inputs", "input generation", t_inputs, "s");
  if (o.check && !interrupted) rep.add("host_seconds_check", "golden check", t_check, "s");
  else rep.add("golden_check", "golden check", std::string("skipped"));
  rep.add("host_seconds_total", "total wall time", seconds_since(t_start), "s");
  rep.add("kernels", "golden kernels", xtile::kernel_set_name());
  rep.add("sim_mcycles_per_s", "speed", r.host_seconds > 0 ? double(r.cycles) / r.host_seconds / 1e6 : 0.0, "M cycles/s");
  if (!m.extra.empty()) rep.section("accuracy");
  for (const auto& e : m.extra) rep.add(e.key, e.label, e.value, e.unit);
  if (!detail.empty()) rep.add("mismatch", "mismatch", detail);

  if (!o.quiet) std::cout << "\n== tilesim " << m.description << " on '" << c.name << "' ==\n" << rep.text();
  if (!o.stats_json.empty()) {
    report::write_stats(o.stats_json, rep.json(), t, r.macs_per_engine, cfg::dump_yaml(c));
  }
  if (!o.csv.empty()) {
    std::ofstream f(o.csv);
    f << rep.csv();
    f.close();
    if (!f) throw CantCreate("--csv " + o.csv + ": write failed");
  }
  if (interrupted) return status;
  if (verdict == "FAIL") {
    std::fprintf(stderr, "tilesim: FAIL: %s\n", detail.c_str());
    return kExitMismatch;
  }
  return 0;
}

}  // namespace cli
