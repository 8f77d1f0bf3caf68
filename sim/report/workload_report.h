#pragma once
// The report of a workload run (`tilesim run --workload`): time, compute against the roofline,
// memory, stalls, instructions, host times, accuracy; as a report::Report (text, JSON, CSV).
#include <string>

#include "sim/cfg/hw_config.h"
#include "sim/report/report.h"
#include "sim/system/system.h"
#include "workloads/host/workload.h"

namespace report {

/// Host seconds of the phases around the simulation.
struct HostTimes {
  double inputs = 0, check = 0, total = 0;
  bool checked = false;  ///< the golden check ran
};

Report workload_report(const cfg::HwConfig& c, const sys::RunResult& r, const wl::WorkMetrics& m, const std::string& verdict,
                       const std::string& detail, const HostTimes& h);

}  // namespace report
