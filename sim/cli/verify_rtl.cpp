// `tilesim verify-rtl`: options and progress around the RTL harness (rtl/sim/verify.h): random and
// corner-case MMAs through the Verilated MAC array and the golden model; every output element and
// every operation's cycle count must agree.
#include <sys/stat.h>

#include <boost/program_options.hpp>

#include <iostream>

#include "rtl/sim/verify.h"
#include "sim/cfg/config_io.h"
#include "sim/cli/commands.h"
#include "sim/cli/options.h"
#include "sim/cli/progress.h"
#include "sim/cli/workload_run.h"

namespace po = boost::program_options;

namespace cli {
namespace {

}  // namespace

int cmd_verify_rtl(const std::vector<std::string>& args) {
  std::string config, vcd;
  std::vector<std::string> sets;
  std::string cases_text = "2000", seed_text = "1", inject_text = "0";
  po::options_description d("tilesim verify-rtl options");
  d.add_options()("help,h", "this text")("config,c", po::value(&config), "YAML config (its tile.mac selects the RTL variant)")
      ("set,s", po::value(&sets)->composing(), "key.path=value")("cases", po::value(&cases_text), "number of MMAs, 1..10^9 (default 2000; generated as they run)")
      ("seed", po::value(&seed_text), "random seed, 0..2^32-1 (default 1)")("vcd", po::value(&vcd), "write a VCD waveform here (a regular file)")
      ("inject-latency-error", po::value(&inject_text), "add this many cycles (0..1000) to the model's latency (tests that a mismatch is caught)");
  const char* usage = "usage: tilesim verify-rtl --config FILE [--cases N] [--seed S] [--vcd PATH]\n";
  po::variables_map vm;
  uint32_t cases = 0, seed = 0, inject = 0;
  try {
    vm = parse_command_line(args, d, "verify-rtl");
    cases = static_cast<uint32_t>(parse_unsigned("--cases", cases_text, 1, 1000000000));
    seed = static_cast<uint32_t>(parse_unsigned("--seed", seed_text, 0, UINT32_MAX));
    inject = static_cast<uint32_t>(parse_unsigned("--inject-latency-error", inject_text, 0, 1000));
  } catch (UsageError& e) {
    e.usage = usage;
    throw;
  }
  if (vm.count("help")) {
    std::cout << usage << "\n" << d;
    return 0;
  }
  if (!vcd.empty()) {
    struct stat st;
    if (::stat(vcd.c_str(), &st) == 0 && !S_ISREG(st.st_mode))
      throw CantCreate("--vcd " + vcd + ": not a regular file (a waveform is written to a file)");
    check_output_file("--vcd", vcd);
  }
  const cfg::HwConfig c = cfg::load_config(config, sets);
  rtl::VerifyOptions vo;
  vo.cases = cases;
  vo.seed = seed;
  vo.inject = inject;
  vo.vcd = vcd;
  Progress progress(progress_wanted());
  progress.phase("verify-rtl", cases, " MMAs");
  vo.progress = [&](uint32_t done) { progress.set_done(done); };
  const int status = rtl::verify(c, vo);
  progress.end_phase();
  return status == rtl::kMismatch ? kExitMismatch : status;
}

}  // namespace cli
