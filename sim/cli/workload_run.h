#pragma once
// `tilesim run --workload NAME`: host driver + simulation + golden check + report.
#include <string>

#include "sim/cfg/hw_config.h"
#include "sim/cli/trace_output.h"
#include "workloads/host/workload.h"

namespace cli {

struct WorkloadRunOptions {
  std::string name, elf, stats_json, csv, dump_dir;
  uint64_t seed = 1;
  bool check = true;
  bool quiet = false;    ///< no report table (messages and files still)
  bool corrupt = false;  ///< flip one output byte before the check (a self-test of the checker)
  TraceOptions trace;
};

/// Exit status: 0 PASS (or check skipped), 98 FAIL, guest/tool codes otherwise.
int run_workload(const WorkloadRunOptions& o, const wl::Options& params, const cfg::HwConfig& c);

constexpr int kExitMismatch = 98;

}  // namespace cli
