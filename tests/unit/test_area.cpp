// The area model (sim/area/area_model.h, docs/area.md): the arithmetic from a fixture of gate
// counts (NAND2 equivalents, the array = rows x cols PEs + feeder, a geometry the table lacks),
// SRAM areas in closed form, node defaults and overrides, units summing to the total, cores
// and L2, and facts of the synthesized table itself.
#include <catch2/catch.hpp>

#include "sim/area/area_model.h"
#include "sim/cfg/config_io.h"

namespace {
area::GateCounts row(const char* formats, uint32_t r, uint32_t c, uint32_t d, uint32_t tf, const char* part, uint32_t nand2, uint32_t inv,
                     uint32_t xor2, uint32_t mux2, uint32_t dff, uint32_t dffe) {
  return {formats, r, c, d, tf, part, 0, nand2, 0, 0, xor2, 0, mux2, inv, dff, dffe, 0, 0};
}
const std::vector<area::GateCounts> kFixture = {
    row("all", 16, 16, 2, 4, "pe", 100, 10, 20, 5, 8, 0),   // 100 + 10*0.532/0.798 + 20*2 + 5*1.862/0.798 + 8*4.522/0.798
    row("all", 16, 16, 2, 4, "top", 1000, 0, 0, 0, 0, 100),  // 1000 + 100*(4.522+1.862)/0.798
    row("int8", 16, 16, 2, 4, "pe", 50, 0, 0, 0, 0, 0),
};
double pe_ge() { return 100 + 10 * 0.532 / 0.798 + 20 * 1.596 / 0.798 + 5 * 1.862 / 0.798 + 8 * 4.522 / 0.798; }
double top_ge() { return 1000 + 100 * (4.522 + 1.862) / 0.798; }
}  // namespace

TEST_CASE("area: NAND2 equivalents of a part are its cells' Nangate areas over the NAND2's", "[area]") {
  CHECK(area::nand2_equivalents(kFixture[0]) == Approx(pe_ge()).epsilon(1e-12));
  CHECK(area::nand2_equivalents(kFixture[1]) == Approx(top_ge()).epsilon(1e-12));
  area::GateCounts one{"all", 1, 1, 1, 1, "pe", 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
  CHECK(area::nand2_equivalents(one) * 0.798 ==
        Approx(1.064 * 2 + 0.798 * 2 + 1.596 * 2 + 1.862 + 0.532 + 4.522 + (4.522 + 1.862) + (4.522 + 1.064) + (4.522 + 1.862 + 1.064)));
}

TEST_CASE("area: a synthesized geometry is rows x cols PEs plus the feeder; another is scaled from the nearest", "[area]") {
  cfg::MacConfig m;  // 16x16, depth 2, ternary factor 4
  const area::ArrayGates a = area::mac_array_gates(m, kFixture);
  CHECK(a.exact);
  CHECK(a.ge == Approx(256 * pe_ge() + top_ge()).epsilon(1e-12));
  CHECK(area::mac_array_gates(m, kFixture, "int8").exact == false);  // int8 has no top row: estimated
  m.rows = 8;
  m.cols = 16;
  const area::ArrayGates e = area::mac_array_gates(m, kFixture);
  CHECK_FALSE(e.exact);
  CHECK(e.ge == Approx(128 * pe_ge() + top_ge() * 24.0 / 32.0).epsilon(1e-12));
  CHECK(e.basis.find("16x16") != std::string::npos);
  CHECK_THROWS(area::mac_array_gates(m, kFixture, "int2"));
}

TEST_CASE("area: SRAMs are bytes x 8 x bit cell / efficiency; logic is gates x gate area / utilization; units sum", "[area]") {
  const cfg::HwConfig c = cfg::load_config("", {"area.gate_um2=0.5", "area.sram_bitcell_um2=0.1", "area.logic_utilization=0.5",
                                               "area.spad_array_efficiency=0.8", "area.treg_array_efficiency=0.25", "area.core_kge=10",
                                               "area.dma_kge=0", "area.tile_control_kge=0", "area.vector_kge_per_lane=0"});
  const area::Breakdown b = area::estimate(c, kFixture);
  CHECK(b.mm2("scratchpad") == Approx(256.0 * 1024 * 8 * 0.1 / 0.8 * 1e-6).epsilon(1e-12));
  CHECK(b.mm2("tile registers") == Approx(32.0 * 1024 * 8 * 0.1 / 0.25 * 1e-6).epsilon(1e-12));
  CHECK(b.mm2("MAC arrays") == Approx((256 * pe_ge() + top_ge()) * 0.5 / 0.5 * 1e-6).epsilon(1e-12));
  CHECK(b.mm2("core") == Approx(10e3 * 0.5 / 0.5 * 1e-6).epsilon(1e-12));
  CHECK(b.mm2("DMA") == 0);  // a zero estimate is no unit
  double sum = 0;
  for (const auto& u : b.units) sum += u.mm2;
  CHECK(sum == Approx(b.total_mm2).epsilon(1e-12));
  CHECK(b.mm2("L2") == 0);  // the default chip has none
}

TEST_CASE("area: cores multiply the per-core units, the L2 is the chip's; engines multiply the arrays", "[area]") {
  const cfg::HwConfig one = cfg::load_config("", {});
  const cfg::HwConfig many = cfg::load_config("", {"chip.cores=4", "l2.size_kib=1024", "l2.bandwidth_mb_s=100000", "l2.latency_ns=20",
                                                  "tile.mac.engines=2"});
  const area::Breakdown a = area::estimate(one, kFixture), b = area::estimate(many, kFixture);
  CHECK(b.mm2("MAC arrays") == Approx(8 * a.mm2("MAC arrays")).epsilon(1e-12));
  CHECK(b.mm2("scratchpad") == Approx(4 * a.mm2("scratchpad")).epsilon(1e-12));
  CHECK(b.mm2("L2") == Approx(1024.0 * 1024 * 8 * many.area.sram_bitcell_um2 / many.area.l2_array_efficiency * 1e-6).epsilon(1e-12));
  CHECK(b.mm2("interconnect") > 0);
  CHECK(b.total_mm2 == Approx(4 * b.per_core_mm2 + b.mm2("L2")).epsilon(1e-12));
  CHECK(area::peak_int8_tops(many) == Approx(4 * 2 * 256 * 2 * 1e9 / 1e12).epsilon(1e-12));
}

TEST_CASE("area: node defaults fill negative keys; an explicit value stays", "[area]") {
  const cfg::HwConfig c7 = cfg::load_config("", {});
  CHECK(c7.energy.node == "7nm");
  CHECK(c7.area.gate_um2 == 0.0439);
  CHECK(c7.area.sram_bitcell_um2 == 0.027);
  const cfg::HwConfig c45 = cfg::load_config("", {"energy.node=45nm", "area.sram_bitcell_um2=0.5"});
  CHECK(c45.area.gate_um2 == 0.798);
  CHECK(c45.area.sram_bitcell_um2 == 0.5);
  // A smaller node is smaller, unit by unit.
  const cfg::HwConfig c5 = cfg::load_config("", {"energy.node=5nm"});
  const area::Breakdown b7 = area::estimate(c7), b5 = area::estimate(c5), b45 = area::estimate(c45);
  for (const auto& u : b7.units) {
    CHECK(b5.mm2(u.unit) < u.mm2);
    CHECK(b45.mm2(u.unit) > u.mm2);
  }
  CHECK_THROWS(cfg::load_config("", {"area.logic_utilization=0"}));
}

TEST_CASE("area: the synthesized table (rtl/gate_counts.def) covers the presets' arrays and the format variants", "[area]") {
  const auto& t = area::synthesized();
  cfg::MacConfig def, edge;
  edge.rows = edge.cols = 8;
  edge.pipeline_depth = 1;
  CHECK(area::mac_array_gates(def, t).exact);
  CHECK(area::mac_array_gates(edge, t).exact);
  // A ternary MAC (TF products per PE step, no multiplier) costs fewer gates than an int8 MAC; the
  // array with every format costs more than the int8 one alone.
  const double int8 = area::mac_array_gates(def, t, "int8").ge, ternary = area::mac_array_gates(def, t, "ternary").ge,
               all = area::mac_array_gates(def, t, "all").ge;
  CHECK(ternary / 4 < int8 / 3);  // per MAC and cycle: at least 3x fewer gates
  CHECK(all > int8);
  CHECK(all > ternary);
}
