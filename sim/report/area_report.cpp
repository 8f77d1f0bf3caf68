#include "sim/report/area_report.h"

#include "sim/energy/energy_model.h"
#include "sim/report/energy_report.h"

namespace report {

void add_area_entries(Report& rep, const cfg::HwConfig& c, const sys::RunResult& r, double macs) {
  const area::Breakdown b = area::estimate(c);
  rep.section("area (" + c.energy.node + ")");
  rep.add("area_mm2", "total", b.total_mm2, "mm2");
  for (const auto& u : b.units) rep.add("area_" + unit_key(u.unit) + "_mm2", "  " + u.unit, u.mm2, "mm2");
  rep.add("area_per_core_mm2", "per core", b.per_core_mm2, "mm2");
  rep.add("mac_array_kge", std::string("one MAC array (") + (b.array.exact ? "synthesized" : "estimated") + ")", b.array.ge / 1e3, "kGE");
  const double peak = area::peak_int8_tops(c);
  rep.add("peak_tops_per_mm2", "peak int8 TOPS / mm2", b.total_mm2 > 0 ? peak / b.total_mm2 : 0.0, "TOPS/mm2");
  const double tops = r.sim_seconds > 0 ? 2.0 * macs / r.sim_seconds / 1e12 : 0.0;
  rep.add("tops_per_mm2", "achieved TOPS / mm2", b.total_mm2 > 0 ? tops / b.total_mm2 : 0.0, "TOPS/mm2");
  const energy::Breakdown e = energy::estimate(c, activity_of(c, r));
  const double tops_per_w = e.total_pj > 0 ? 2.0 * macs / e.total_pj : 0.0;
  rep.add("tops_per_w_per_mm2", "TOPS/W / mm2", b.total_mm2 > 0 ? tops_per_w / b.total_mm2 : 0.0, "TOPS/W/mm2");
}

nlohmann::json area_detail_json(const cfg::HwConfig& c) {
  const area::Breakdown b = area::estimate(c);
  nlohmann::json j;
  j["node"] = c.energy.node;
  j["gate_um2"] = c.area.gate_um2;
  j["sram_bitcell_um2"] = c.area.sram_bitcell_um2;
  j["total_mm2"] = b.total_mm2;
  j["per_core_mm2"] = b.per_core_mm2;
  j["mac_array"] = {{"nand2_equivalents", b.array.ge}, {"exact", b.array.exact}, {"basis", b.array.basis}};
  nlohmann::json units = nlohmann::json::array();
  for (const auto& u : b.units) units.push_back({{"unit", u.unit}, {"mm2", u.mm2}, {"basis", u.basis}});
  j["units"] = units;
  return j;
}

}  // namespace report
