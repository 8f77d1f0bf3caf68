#include "sim/cfg/area_config.h"

#include <stdexcept>

#include "sim/cfg/hw_config.h"

namespace cfg {

bool area_node(const std::string& node, double& gate_um2, double& bitcell_um2) {
#define AREA_NODE(name, gate, cell, doc) \
  if (node == name) {                     \
    gate_um2 = gate;                      \
    bitcell_um2 = cell;                   \
    return true;                          \
  }
#include "sim/cfg/area.def"
#undef AREA_NODE
  return false;
}

void resolve_area(HwConfig& c) {
  double gate = 0, cell = 0;
  // energy.node is a choice among the same names: validation has refused any other.
  if (!area_node(c.energy.node, gate, cell)) throw std::logic_error("area: node " + c.energy.node + " has no area defaults");
  if (c.area.gate_um2 < 0) c.area.gate_um2 = gate;
  if (c.area.sram_bitcell_um2 < 0) c.area.sram_bitcell_um2 = cell;
}

}  // namespace cfg
