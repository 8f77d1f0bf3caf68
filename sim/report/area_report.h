#pragma once
// The area section of a report (docs/area.md): mm^2 per unit and in all at the node, the MAC
// array's gates, and the run's throughput per mm^2 (peak and achieved TOPS, TOPS/W per mm^2).
#include <nlohmann/json.hpp>

#include "sim/area/area_model.h"
#include "sim/cfg/hw_config.h"
#include "sim/report/report.h"
#include "sim/system/system.h"

namespace report {

/// Section "area": `macs` are the workload's useful MACs (or the executed ones), as for energy.
void add_area_entries(Report& rep, const cfg::HwConfig& c, const sys::RunResult& r, double macs);
/// {"node", "total_mm2", "per_core_mm2", "mac_array": {...}, "units": [{unit, mm2, basis}]} for the stats JSON.
nlohmann::json area_detail_json(const cfg::HwConfig& c);

}  // namespace report
