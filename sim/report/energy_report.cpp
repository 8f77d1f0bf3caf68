#include "sim/report/energy_report.h"

#include <cmath>

namespace report {

energy::Activity activity_of(const cfg::HwConfig& c, const sys::RunResult& r) {
  const timing::TileStats& t = r.tile;
  energy::Activity a;
  a.macs_int8 = t.mma_int8 * 4096;
  a.macs_ternary = t.mma_ternary * 4096;
  a.macs_int4 = t.mma_int4 * 8192;
  a.tile_mmas = t.mma_int8 + t.mma_ternary + t.mma_int4;
  a.treg_read = t.treg_read_bytes;
  a.treg_write = t.treg_write_bytes;
  a.spad_read = t.spad_read_bytes;
  a.spad_write = t.spad_write_bytes;
  a.acc_read = t.acc_read_bytes;
  a.acc_write = t.acc_write_bytes;
  a.mma_treg_read = t.mma_treg_read_bytes;
  a.mma_treg_write = t.mma_treg_write_bytes;
  a.mma_spad_read = t.mma_spad_read_bytes;
  a.mma_spad_write = t.mma_spad_write_bytes;
  a.mma_acc_read = t.mma_acc_read_bytes;
  a.mma_acc_write = t.mma_acc_write_bytes;
  a.vec_elems = t.vec_elems;
  a.dma_bytes = t.dma_bytes_in + t.dma_bytes_out;
  for (const auto& k : r.cores) a.link_bytes += k.mem_bytes_read + k.mem_bytes_written;
  const uint64_t line = c.l2.line_bytes;
  a.l2_hit_bytes = r.memory.l2_hits * line;
  a.l2_miss_bytes = r.memory.l2_misses * line;
  a.dram_bytes = r.memory.dram_bytes;
  a.instructions = r.instret;
  a.mma_instructions = t.insn_mac;
  a.seconds = r.sim_seconds;
  return a;
}

std::string unit_key(const std::string& unit) {
  std::string s;
  for (char ch : unit) s += (ch == ' ') ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return s;
}

namespace {
uint64_t pj_int(double pj) { return static_cast<uint64_t>(std::llround(pj)); }
}  // namespace

void add_energy_entries(Report& rep, const cfg::HwConfig& c, const sys::RunResult& r, double macs) {
  const energy::Breakdown b = energy::estimate(c, activity_of(c, r));
  rep.section("energy (" + c.energy.node + ")");
  rep.add("energy_node", "node", c.energy.node);
  rep.add("energy_pj", "total", pj_int(b.total_pj), "pJ");
  rep.add("energy_dynamic_pj", "dynamic", pj_int(b.total_pj - b.static_pj), "pJ");
  for (const auto& u : b.units()) rep.add("energy_" + unit_key(u) + "_pj", "  " + u, pj_int(b.unit_pj(u)), "pJ");
  rep.add("energy_arith_pj", "MAC arithmetic", pj_int(b.arith_pj), "pJ");
  rep.add("pj_per_mac", "energy per MAC", macs > 0 ? b.total_pj / macs : 0.0, "pJ");
  rep.add("power_w", "average power", r.sim_seconds > 0 ? b.total_pj * 1e-12 / r.sim_seconds : 0.0, "W");
  rep.add("tops_per_w", "TOPS/W", b.total_pj > 0 ? 2.0 * macs / b.total_pj : 0.0, "TOPS/W");  // ops/pJ = TOPS/W
  rep.add("overhead_x_arith", "overhead / arithmetic", b.arith_pj > 0 ? (b.total_pj - b.arith_pj) / b.arith_pj : 0.0, "x");
  rep.add("overhead_pct", "overhead / total", b.total_pj > 0 ? 100.0 * (b.total_pj - b.arith_pj) / b.total_pj : 0.0, "%");
  rep.add("energy_tile_arith_pj", "tile MMAs: arithmetic", pj_int(b.tile_arith_pj), "pJ");
  rep.add("energy_tile_operand_pj", "tile MMAs: operand delivery", pj_int(b.tile_operand_pj), "pJ");
  rep.add("energy_tile_control_pj", "tile MMAs: control", pj_int(b.tile_control_pj), "pJ");
  rep.add("tile_overhead_x_arith", "tile MMAs: overhead / arithmetic",
          b.tile_arith_pj > 0 ? (b.tile_operand_pj + b.tile_control_pj) / b.tile_arith_pj : 0.0, "x");
}

nlohmann::json energy_detail_json(const cfg::HwConfig& c, const sys::RunResult& r) {
  const energy::Breakdown b = energy::estimate(c, activity_of(c, r));
  nlohmann::json j;
  j["node"] = c.energy.node;
  j["total_pj"] = b.total_pj;
  j["static_pj"] = b.static_pj;
  j["static_w"] = energy::static_watts(c);
  nlohmann::json lines = nlohmann::json::array(), units = nlohmann::json::object();
  for (const auto& l : b.lines) lines.push_back({{"unit", l.unit}, {"key", l.key}, {"count", l.count}, {"each", l.each_pj}, {"pj", l.pj}});
  for (const auto& u : b.units()) units[u] = b.unit_pj(u);
  j["lines"] = lines;
  j["units"] = units;
  j["tile"] = {{"arith_pj", b.tile_arith_pj}, {"operand_pj", b.tile_operand_pj}, {"control_pj", b.tile_control_pj}};
  return j;
}

}  // namespace report
