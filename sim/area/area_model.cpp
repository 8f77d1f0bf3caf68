#include "sim/area/area_model.h"

#include <cmath>
#include <stdexcept>

#include "isa/formats.h"

namespace area {

const std::vector<GateCounts>& synthesized() {
  static const std::vector<GateCounts> t = {
#define GATES(formats, rows, cols, depth, tf, part, and2, nand2, or2, nor2, xor2, xnor2, mux2, inv, dff, dffe, sdff, sdffe) \
  {#formats, rows, cols, depth, tf, #part, and2, nand2, or2, nor2, xor2, xnor2, mux2, inv, dff, dffe, sdff, sdffe},
#include "rtl/gate_counts.def"
#undef GATES
  };
  return t;
}

double nand2_equivalents(const GateCounts& g) {
  // Nangate 45 nm Open Cell Library, X1 cells (um^2): NAND2 / NOR2 0.798, INV 0.532, AND2 / OR2
  // 1.064, XOR2 / XNOR2 1.596, MUX2 1.862, DFF 4.522. A flip-flop with enable is a DFF and a
  // MUX2, with synchronous reset a DFF and an AND2.
  const double dff = 4.522, mux = 1.862, and2 = 1.064;
  const double um2 = 0.798 * (g.nand2 + g.nor2) + 0.532 * g.inv + and2 * (g.and2 + g.or2) + 1.596 * (g.xor2 + g.xnor2) + mux * g.mux2 +
                     dff * g.dff + (dff + mux) * g.dffe + (dff + and2) * g.sdff + (dff + mux + and2) * g.sdffe;
  return um2 / 0.798;
}

ArrayGates mac_array_gates(const cfg::MacConfig& m, const std::vector<GateCounts>& table, const std::string& formats) {
  const uint32_t tf = m.rate(isa::Format::Ternary);
  auto find = [&](uint32_t r, uint32_t c, uint32_t d, uint32_t t, const char* part) -> const GateCounts* {
    for (const auto& g : table)
      if (g.formats == formats && g.rows == r && g.cols == c && g.depth == d && g.tf == t && g.part == part) return &g;
    return nullptr;
  };
  ArrayGates a;
  const GateCounts *pe = find(m.rows, m.cols, m.pipeline_depth, tf, "pe"), *top = find(m.rows, m.cols, m.pipeline_depth, tf, "top");
  if (pe && top) {
    a.ge = double(m.rows) * m.cols * nand2_equivalents(*pe) + nand2_equivalents(*top);
    a.exact = true;
    a.basis = "synthesized " + formats + " " + std::to_string(m.rows) + "x" + std::to_string(m.cols);
    return a;
  }
  // The nearest synthesized variant: same ternary factor, then same depth, then closest size.
  const GateCounts* best = nullptr;
  double best_score = 1e300;
  for (const auto& g : table) {
    if (g.formats != formats || g.part != std::string("pe")) continue;
    const double score = (g.tf != tf) * 1e6 + (g.depth != m.pipeline_depth) * 1e3 + std::fabs(double(g.rows) * g.cols - double(m.rows) * m.cols) / 1e3;
    if (score < best_score) best_score = score, best = &g;
  }
  if (!best) throw std::runtime_error("area: rtl/gate_counts.def has no " + formats + " variant (run scripts/synth.sh)");
  const GateCounts* btop = find(best->rows, best->cols, best->depth, best->tf, "top");
  a.ge = double(m.rows) * m.cols * nand2_equivalents(*best) +
         (btop ? nand2_equivalents(*btop) * double(m.rows + m.cols) / double(best->rows + best->cols) : 0.0);
  a.exact = false;
  a.basis = "estimated from synthesized " + formats + " " + std::to_string(best->rows) + "x" + std::to_string(best->cols) + " d" +
            std::to_string(best->depth) + " t" + std::to_string(best->tf);
  return a;
}

double Breakdown::mm2(const std::string& unit) const {
  for (const auto& u : units)
    if (u.unit == unit) return u.mm2;
  return 0;
}

Breakdown estimate(const cfg::HwConfig& c, const std::vector<GateCounts>& table) {
  const cfg::AreaConfig& a = c.area;
  const double cores = c.chip.cores;
  const double logic_mm2_per_ge = a.gate_um2 / a.logic_utilization * 1e-6;
  auto sram_mm2 = [&](double bytes, double efficiency) { return bytes * 8 * a.sram_bitcell_um2 / efficiency * 1e-6; };
  Breakdown b;
  b.array = mac_array_gates(c.tile.mac, table);
  auto add = [&](const std::string& unit, double per_core_mm2, std::string basis) {
    if (per_core_mm2 <= 0) return;
    b.units.push_back({unit, per_core_mm2 * cores, std::move(basis)});
    b.per_core_mm2 += per_core_mm2;
  };
  const auto& m = c.tile.mac;
  add("MAC arrays", m.engines * b.array.ge * logic_mm2_per_ge, std::to_string(m.engines) + " x " + b.array.basis);
  add("tile registers", sram_mm2(double(c.tile.registers) * 1024, a.treg_array_efficiency), "SRAM");
  add("accumulator SRAM", sram_mm2(double(c.scratchpad.acc_kib) * 1024, a.acc_array_efficiency), "SRAM");
  add("scratchpad", sram_mm2(double(c.scratchpad.size_kib) * 1024, a.spad_array_efficiency), "SRAM");
  add("vector unit", c.tile.vector.lanes * a.vector_kge_per_lane * 1e3 * logic_mm2_per_ge, "stated kGE per lane");
  add("tile control", a.tile_control_kge * 1e3 * logic_mm2_per_ge, "stated kGE");
  add("core", a.core_kge * 1e3 * logic_mm2_per_ge, "stated kGE");
  add("DMA", a.dma_kge * 1e3 * logic_mm2_per_ge, "stated kGE");
  if (c.chip.cores > 1 || c.l2.size_kib > 0) add("interconnect", a.interconnect_kge_per_core * 1e3 * logic_mm2_per_ge, "stated kGE per core");
  b.total_mm2 = b.per_core_mm2 * cores;
  if (c.l2.size_kib > 0) {
    const double l2 = sram_mm2(double(c.l2.size_kib) * 1024, a.l2_array_efficiency);
    b.units.push_back({"L2", l2, "SRAM"});
    b.total_mm2 += l2;
  }
  return b;
}

double peak_int8_tops(const cfg::HwConfig& c) {
  const auto& m = c.tile.mac;
  return double(c.chip.cores) * m.engines * m.rows * m.cols * 2.0 * c.clock.freq_mhz * 1e6 / 1e12;
}

}  // namespace area
