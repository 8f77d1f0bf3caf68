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
#include "workloads/common/wl_args.h"
#include "sim/system/run_control.h"
#include "sim/report/npy.h"
#include "sim/report/report.h"
#include "sim/report/chip_report.h"
#include "sim/report/area_report.h"
#include "sim/report/energy_report.h"
#include "sim/report/workload_report.h"
#include "sim/report/stats_file.h"
#include "sim/system/dram.h"
#include "sim/system/system.h"

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
  const std::unique_ptr<stats::Trace> trace = attach_trace(o.trace, system);
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
  wl::Memory mem{d.host_ptr(d.base()), d.base(), d.size() - system.stack_reserve_bytes(), end};  // below the harts' stacks

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
    rc.progress = [&](uint64_t cyc, uint64_t ins) {
      const timing::TileStats s = system.tile_stats();
      progress.update(cyc, ins, s.mma_int8 + s.mma_ternary + s.mma_int4);
    };
  }
  const sys::RunResult r = system.run();
  if (trace) write_trace(o.trace, *trace, c, system.cores(), w->metrics().key);
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
  report::HostTimes ht{t_inputs, t_check, seconds_since(t_start), o.check && !interrupted};
  const report::Report rep = report::workload_report(c, r, m, verdict, detail, ht);
  if (!o.quiet) std::cout << "\n== tilesim " << m.description << " on '" << c.name << "' ==\n" << rep.text();
  if (!o.stats_json.empty()) {
    nlohmann::json j = rep.json();
    j["chip"] = report::chip_detail_json(c, r);
    j["energy"] = report::energy_detail_json(c, r);
    j["area"] = report::area_detail_json(c);
    j["seed"] = o.seed;  // tilesim compare: same seed as a tilesim-gpu run = the same inputs
    report::write_stats(o.stats_json, j, r.tile, r.macs_per_engine, cfg::dump_yaml(c));
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
