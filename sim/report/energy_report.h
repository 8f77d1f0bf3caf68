#pragma once
// The energy section of a report (docs/energy.md): the run's counters as energy actions
// (energy::Activity), the breakdown by unit, pJ per MAC, power, TOPS/W and the overhead.
#include <nlohmann/json.hpp>

#include "sim/cfg/hw_config.h"
#include "sim/energy/energy_model.h"
#include "sim/report/report.h"
#include "sim/system/system.h"

namespace report {

/// The report key of a unit name: "MAC arrays" -> "mac_arrays" (energy_<unit>_pj, area_<unit>_mm2).
std::string unit_key(const std::string& unit);
/// What the run did, as the energy model's counts.
energy::Activity activity_of(const cfg::HwConfig& c, const sys::RunResult& r);
/// Section "energy": totals, per unit, pJ per MAC (of `macs`: the workload's useful MACs, or the
/// executed ones), average power, TOPS/W, the overhead over the MAC arithmetic and the tile
/// MMAs' split.
void add_energy_entries(Report& rep, const cfg::HwConfig& c, const sys::RunResult& r, double macs);
/// {"node", "total_pj", "lines": [{unit, key, count, each, pj}], "units": {unit: pj}} for the stats JSON.
nlohmann::json energy_detail_json(const cfg::HwConfig& c, const sys::RunResult& r);

}  // namespace report
