#pragma once
// The SCALE-Sim-compatible section of a workload report (docs/report.md): the figures SCALE-Sim's
// COMPUTE_REPORT, BANDWIDTH_REPORT and DETAILED_ACCESS_REPORT give per layer, computed from this
// run's counters, so the CSV of either tool can sit beside the other's.
#include "sim/cfg/hw_config.h"
#include "sim/report/report.h"
#include "sim/system/system.h"

namespace report {

/// Section "SCALE-Sim compatible": `useful_macs` and `peak_macs_per_cycle` as the workload reports them.
void add_scalesim_entries(Report& rep, const cfg::HwConfig& c, const sys::RunResult& r, double useful_macs, double peak_macs_per_cycle);

}  // namespace report
