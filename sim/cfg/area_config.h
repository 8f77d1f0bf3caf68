#pragma once
// The `area:` section of the config: a gate area and an SRAM bit cell at the node (energy.node),
// array efficiencies and the stated estimates for the units that have no RTL here, one key per
// row of sim/cfg/area.def. Negative node-following keys are filled in when the config is loaded
// (resolve_area), so the effective config shows the numbers a run used. docs/area.md.
#include <string>

namespace cfg {

struct HwConfig;

struct AreaConfig {
#define AREA(key, unit, def, lo, hi, doc) double key = def;
#include "sim/cfg/area.def"
#undef AREA
  template <class V> void visit(V& v) {
#define AREA(key, unit, def, lo, hi, doc) v.real(#key, key, lo, hi, unit, doc ".");
#include "sim/cfg/area.def"
#undef AREA
  }
};

/// Fills the negative node-following keys of `c.area` with the defaults of `c.energy.node`.
void resolve_area(HwConfig& c);

/// The node's NAND2-equivalent area and bit cell (um^2); false for an unknown node.
bool area_node(const std::string& node, double& gate_um2, double& bitcell_um2);

}  // namespace cfg
