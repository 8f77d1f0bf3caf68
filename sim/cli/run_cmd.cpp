// `tilesim run`: load config and ELF, simulate, print a summary, write stats.
#include <boost/program_options.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>

#include "sim/cfg/config_io.h"
#include "sim/cli/commands.h"
#include "sim/cli/options.h"
#include "sim/cli/workload_run.h"
#include "sim/report/run_summary.h"
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
  std::string trace_max;
};

/// Every option of every registered workload (one entry per name; the help of a name several
/// workloads share joins theirs): passed to the driver as strings, validated there.
const std::vector<wl::WorkloadOption>& workload_options() {
  static const std::vector<wl::WorkloadOption> all = [] {
    std::vector<wl::WorkloadOption> v;
    for (const auto& k : wl::workloads())
      for (const auto& opt : k.options) {
        auto it = std::find_if(v.begin(), v.end(), [&](const wl::WorkloadOption& x) { return x.name == opt.name; });
        if (it == v.end()) v.push_back(opt);
        else it->help += "; " + opt.help;
      }
    return v;
  }();
  return all;
}

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
      ("trace", po::value(&o.wl.trace.path), "write a Chrome / Perfetto trace-event JSON of unit activity here (docs/trace.md)")
      ("trace-window", po::value(&o.wl.trace.window), "trace only cycles FROM:TO (TO empty: to the end)")
      ("trace-max-events", po::value(&o.trace_max), "keep at most this many trace events (default 2,000,000; the rest are counted as dropped)")
      ("corrupt-output", po::bool_switch(&o.wl.corrupt), "workload: flip a bit of the output before the check (tests the checker)");
  for (const auto& p : workload_options()) {
    if (p.flag) d.add_options()(p.name.c_str(), po::bool_switch(), p.help.c_str());
    else d.add_options()(p.name.c_str(), po::value<std::string>(), p.help.c_str());
  }
  return d;
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
  for (const auto& p : workload_options()) {
    if (p.flag ? vm[p.name].as<bool>() : vm.count(p.name) != 0) params[p.name] = p.flag ? "1" : vm[p.name].as<std::string>();
  }
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
  check_trace_options(o.wl.trace, o.trace_max);
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
  const std::unique_ptr<stats::Trace> trace = attach_trace(o.wl.trace, system);
  const sys::RunResult r = system.run();
  std::fflush(stdout);
  if (trace) write_trace(o.wl.trace, *trace, c, system.cores(), o.elf);
  const int status = sys::exit_status(r);
  if (!r.message.empty()) std::fprintf(stderr, "tilesim: %s\n", r.message.c_str());
  if (!o.quiet) report::print_run_summary(o.elf, c, r, status);
  if (!o.stats_json.empty()) report::write_run_stats(o.stats_json, kVersion, o.elf, c, r, status);
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
