#include "sim/cfg/energy_config.h"

#include <algorithm>
#include <cmath>

#include "sim/cfg/hw_config.h"

namespace cfg {

bool node_factors(const std::string& node, double& logic, double& sram, double& wire) {
#define NODE(name, l, s, w, doc) \
  if (node == name) {            \
    logic = l;                   \
    sram = s;                    \
    wire = w;                    \
    return true;                 \
  }
#include "sim/cfg/energy.def"
#undef NODE
  return false;
}

double sram_pj_per_byte_45nm(double bytes, double width) {
  // Horowitz's three points, log-log; outside them the nearest segment's slope.
  static const double kb[3] = {8.0 * 1024, 32.0 * 1024, 1024.0 * 1024}, pj[3] = {5, 10, 50};
  const double x = std::log(std::max(bytes, 64.0));
  const int seg = x < std::log(kb[1]) ? 0 : 1;
  const double x0 = std::log(kb[seg]), x1 = std::log(kb[seg + 1]);
  const double y = std::log(pj[seg]) + (x - x0) * (std::log(pj[seg + 1]) - std::log(pj[seg])) / (x1 - x0);
  const double e32 = std::exp(y);
  return e32 * (0.5 + 0.5 * width / 4.0) / width;
}

void resolve_energy(HwConfig& c) {
  double logic = 1, sram = 1, wire = 1;
  node_factors(c.energy.node, logic, sram, wire);  // the schema admits only known nodes
  const auto& sp = c.scratchpad;
  const double treg = sram * sram_pj_per_byte_45nm(double(c.tile.registers) * 1024, 64);
  const double spad = sram * sram_pj_per_byte_45nm(double(sp.size_kib) * 1024 / sp.banks, sp.bank_width);
  const double acc = sram * sram_pj_per_byte_45nm(std::max(1.0, double(sp.acc_kib) * 1024 / sp.banks), sp.bank_width);
  const double l2 = sram * sram_pj_per_byte_45nm(std::min(double(c.l2.size_kib) * 1024, 1024.0 * 1024), c.l2.line_bytes);
  auto scaled = [&](EnergyScale kind, double base) {
    switch (kind) {
      case Logic: return base * logic;
      case TregSram: return base * treg;
      case SpadSram: return base * spad;
      case AccSram: return base * acc;
      case L2Sram: return base * l2;
      case Wire: return base * wire;
      default: return base;  // None, Static
    }
  };
#define ENERGY(key, unit, scale, base, doc) \
  if (c.energy.key < 0) c.energy.key = scaled(scale, base);
#include "sim/cfg/energy.def"
#undef ENERGY
}

}  // namespace cfg
