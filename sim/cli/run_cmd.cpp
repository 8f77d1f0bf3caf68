// `tilesim run`: load config and ELF, simulate, print a summary, write stats.
#include <boost/program_options.hpp>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <fstream>
#include <iostream>

#include "sim/cfg/config_io.h"
#include "sim/cli/commands.h"
#include "sim/cli/options.h"
#include "sim/cli/workload_run.h"
#include "sim/report/stats_file.h"
#include "sim/timing/tile_timing.h"
#include "sim/xtile/kernels.h"
#include "sim/elf/elf_image.h"
#include "sim/system/run_control.h"
#include "sim/system/system.h"

namespace po = boost::program_options;

namespace cli {
namespace {

struct RunOptions {
  std::string config, elf, stats_json, max_cycles, seed;
  std::vector<std::string> sets;
  bool quiet = false;
  std::string mac;
  WorkloadRunOptions wl;
  bool no_check = false;
};

/// Workload parameters: passed to the driver as strings, validated there.
const char* const kWorkloadParams[][2] = {
    {"m", "GEMM rows of A and C"}, {"n", "GEMM columns of C (rows of B)"}, {"k", "GEMM reduction length"},
    {"dtype", "int8 | ternary (weights)"}, {"scale", "requantization multiplier"}, {"shift", "requantization right shift"},
    {"batch", "attention batch"}, {"heads", "attention heads"}, {"seq", "attention sequence length"},
    {"head-dim", "attention head dimension (64 or 128)"}, {"tokens", "BitNet tokens"},
    {"in-features", "BitNet input features"}, {"out-features", "BitNet output features"}, {"rows", "GEMV rows of W"},
    {"cols", "GEMV columns of W"}, {"vectors", "GEMV batch (1 = plain GEMV)"},
    {"hidden", "BitNet MLP hidden features"}, {"layers", "BitNet: 1 linear layer or 2 (MLP)"}};
const char* const kWorkloadFlags[][2] = {{"requant", "GEMM: int8 output requantized with --scale/--shift"},
                                         {"causal", "attention: causal mask"}};

po::options_description run_options(RunOptions& o) {
  po::options_description d("tilesim run options");
  d.add_options()("help,h", "this text")
      ("config,c", po::value(&o.config), "YAML hardware config (default: built-in defaults = configs/default.yaml)")
      ("elf,e", po::value(&o.elf), "RV32IM ELF program to run")
      ("max-cycles", po::value(&o.max_cycles), "watchdog in core cycles, >= 1 (overrides sim.max_cycles)")
      ("set,s", po::value(&o.sets)->composing(), "override a config key: --set key.path=value (repeatable)")
      ("stats-json", po::value(&o.stats_json), "write run statistics as JSON here; the effective config goes next to it")
      ("quiet,q", po::bool_switch(&o.quiet), "no summary (--elf: on stderr) or report (--workload: on stdout); messages stay")
      ("mac", po::value(&o.mac), "MAC engine: cpp (default) or rtl (the Verilated array in the loop)")
      ("workload,w", po::value(&o.wl.name), "run a workload with its host driver instead of --elf (see below)")
      ("seed", po::value(&o.seed), "workload input seed, 0..2^64-1 (default 1)")
      ("no-check", po::bool_switch(&o.no_check), "workload: skip the golden check")
      ("dump", po::value(&o.wl.dump_dir), "workload: write inputs and outputs as .npy files into this folder")
      ("csv", po::value(&o.wl.csv), "workload: write the report as CSV here")
      ("corrupt-output", po::bool_switch(&o.wl.corrupt), "workload: flip a bit of the output before the check (tests the checker)");
  for (const auto& p : kWorkloadParams) d.add_options()(p[0], po::value<std::string>(), p[1]);
  for (const auto& f : kWorkloadFlags) d.add_options()(f[0], po::bool_switch(), f[1]);
  return d;
}

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

void print_summary(const RunOptions& o, const cfg::HwConfig& c, const sys::RunResult& r, int status) {
  const double ipc = r.cycles ? double(r.instret) / double(r.cycles) : 0.0;
  const double mips = r.host_seconds > 0 ? double(r.instret) / r.host_seconds / 1e6 : 0.0;
  std::fprintf(stderr, "\n== tilesim run: %s (config '%s') ==\n", o.elf.c_str(), c.name.c_str());
  std::fprintf(stderr, "  %-18s %s (exit status %d)\n", "outcome", outcome_name(r.outcome), status);
  std::fprintf(stderr, "  %-18s %s\n", "cycles", with_commas(r.cycles).c_str());
  std::fprintf(stderr, "  %-18s %s\n", "instructions", with_commas(r.instret).c_str());
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

void write_stats(const RunOptions& o, const cfg::HwConfig& c, const sys::RunResult& r, int status) {
  nlohmann::json j;
  j["schema_version"] = 1;
  j["tilesim_version"] = kVersion;
  j["config_name"] = c.name;
  j["elf"] = o.elf;
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
  report::write_stats(o.stats_json, j, r.tile, r.macs_per_engine, cfg::dump_yaml(c));
}

}  // namespace

static const char* const kRunUsage =
    "usage: tilesim run --config FILE --elf PROG [--max-cycles N] [--set k=v]... [--stats-json PATH] [-q]\n"
    "       tilesim run --config FILE --workload NAME [workload options] [--seed S] [--dump DIR] [--csv PATH]\n"
    "(tilesim run --help: every option)\n";

static int run_checked(const std::vector<std::string>& args) {
  RunOptions o;
  auto desc = run_options(o);
  po::positional_options_description pos;
  pos.add("elf", 1);
  po::variables_map vm;
  try {
    vm = parse_command_line(args, desc, "run", &pos);
  } catch (const UsageError& e) {
    // Boost says "too many positional options"; say what it means here.
    const std::string what = e.what();
    if (what.find("too many positional options") != std::string::npos)
      throw UsageError("run: a stray argument: the ELF is given once (--elf PROG or a single PROG); options start with --");
    throw;
  }
  if (vm.count("help")) {
    std::cout << kRunUsage << "\n" << desc << "\n" << wl::workload_help();
    return 0;
  }
  if (!o.mac.empty()) {
    if (o.mac != "cpp" && o.mac != "rtl") throw UsageError("run: --mac " + o.mac + ": must be cpp or rtl");
    o.sets.push_back("tile.mac.engine=" + o.mac);
  }
  std::vector<std::string> sets = o.sets;
  if (vm.count("max-cycles"))
    sets.push_back("sim.max_cycles=" + std::to_string(parse_unsigned("--max-cycles", o.max_cycles, 1, UINT64_MAX)));
  // Refuse early: everything the options alone decide is checked before anything is loaded.
  wl::Options params;
  for (const auto& p : kWorkloadParams)
    if (vm.count(p[0])) params[p[0]] = vm[p[0]].as<std::string>();
  for (const auto& f : kWorkloadFlags)
    if (vm[f[0]].as<bool>()) params[f[0]] = "1";
  if (o.wl.name.empty()) {
    if (o.elf.empty()) throw UsageError("run: --elf PROG or --workload NAME is required");
    for (const auto& [k, v] : params) throw UsageError("run: --" + k + " is a workload option: it needs --workload NAME");
    for (const char* w : {"seed", "dump", "csv", "no-check", "corrupt-output"})
      if (vm.count(w) && !vm[w].defaulted()) throw UsageError(std::string("run: --") + w + " applies to --workload runs only");
  } else {
    o.wl.seed = vm.count("seed") ? parse_unsigned("--seed", o.seed, 0, UINT64_MAX) : 1;
  }
  if (!o.stats_json.empty()) check_output_file("--stats-json", o.stats_json);
  if (!o.wl.csv.empty()) check_output_file("--csv", o.wl.csv);
  if (!o.wl.dump_dir.empty()) check_output_dir("--dump", o.wl.dump_dir);
  sys::install_sigint_handler();
  if (!o.wl.name.empty()) {
    const cfg::HwConfig c = cfg::load_config(o.config, sets);
    o.wl.elf = o.elf;
    o.wl.stats_json = o.stats_json;
    o.wl.check = !o.no_check;
    o.wl.quiet = o.quiet;
    try {
      return run_workload(o.wl, params, c);
    } catch (const wl::ParamError& e) {
      throw UsageError(std::string("--workload ") + o.wl.name + ": " + e.what());
    }
  }
  const cfg::HwConfig c = cfg::load_config(o.config, sets);
  const elf::ElfImage img = elf::load_elf(o.elf);

  sys::System system(c, [](int fd, const char* p, size_t n) { std::fwrite(p, 1, n, fd == 2 ? stderr : stdout); });
  system.load(img);
  const sys::RunResult r = system.run();
  std::fflush(stdout);
  const int status = sys::exit_status(r);
  if (!r.message.empty()) std::fprintf(stderr, "tilesim: %s\n", r.message.c_str());
  if (!o.quiet) print_summary(o, c, r, status);
  if (!o.stats_json.empty()) write_stats(o, c, r, status);
  return status;
}

int cmd_run(const std::vector<std::string>& args) {
  try {
    return run_checked(args);
  } catch (UsageError& e) {
    if (e.usage.empty()) e.usage = kRunUsage;
    throw;
  }
}

int cmd_config(const std::vector<std::string>& args) {
  RunOptions o;
  po::options_description d("tilesim config options");
  d.add_options()("config,c", po::value(&o.config), "YAML config")("set,s", po::value(&o.sets)->composing(), "key.path=value");
  parse_command_line(args, d, "config");
  std::cout << cfg::dump_yaml(cfg::load_config(o.config, o.sets));
  return 0;
}

int cmd_config_doc(const std::vector<std::string>& args) {
  if (!args.empty()) throw UsageError("config-doc takes no arguments");
  std::cout << cfg::config_markdown();
  return 0;
}

}  // namespace cli
