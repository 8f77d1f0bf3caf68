#pragma once
// The chip-level part of a report: cores and their load balance, the shared memory system
// (interconnect, L2, DRAM channels). Flat entries for the report table / JSON / CSV, and the
// per-core detail for the stats JSON (docs/report.md).
#include <nlohmann/json.hpp>

#include "sim/cfg/hw_config.h"
#include "sim/report/report.h"
#include "sim/system/system.h"

namespace report {

/// Sections "cores" and "memory system" of the report (present for every chip, one core too,
/// so tables of different chips have the same columns).
void add_chip_entries(Report& rep, const cfg::HwConfig& c, const sys::RunResult& r);
/// {"per_core": [...], "memory": {...}} for the stats JSON.
nlohmann::json chip_detail_json(const cfg::HwConfig& c, const sys::RunResult& r);

}  // namespace report
