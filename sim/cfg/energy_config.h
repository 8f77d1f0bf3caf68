#pragma once
// The `energy:` section of the config: a technology node and an energy (or static power) per
// action, one key per row of sim/cfg/energy.def. A negative value (the default) takes the
// node's value, filled in when the config is loaded (resolve_energy), so the effective config
// shows the numbers a run used. docs/energy.md gives the sources and the SRAM formula.
#include <string>

namespace cfg {

struct HwConfig;

/// How a row of energy.def moves from 45 nm to the node (its `scale` column).
enum EnergyScale { Logic, TregSram, SpadSram, AccSram, L2Sram, Wire, None, Static };

struct EnergyConfig {
  std::string node = "7nm";
#define ENERGY(key, unit, scale, base, doc) double key = -1;
#include "sim/cfg/energy.def"
#undef ENERGY
  template <class V> void visit(V& v) {
    v.choice("node", node,
             {
#define NODE(name, logic, sram, wire, doc) name,
#include "sim/cfg/energy.def"
#undef NODE
             },
             "Technology node whose defaults the energy keys take: the 45 nm values (Horowitz, ISSCC 2014) times the "
             "node's logic / SRAM / wire factor (docs/energy.md).");
#define ENERGY(key, unit, scale, base, doc) v.real(#key, key, -1.0, 1e9, unit, doc ". Negative: the node's default.");
#include "sim/cfg/energy.def"
#undef ENERGY
  }
};

/// Fills every negative energy key of `c` with its default at `c.energy.node` for this chip's
/// geometry (the SRAM rows depend on sizes, banks and widths).
void resolve_energy(HwConfig& c);

/// The 45 nm SRAM formula (docs/energy.md): pJ per byte of an access `width` bytes wide to an
/// array of `bytes`: Horowitz's 32-bit read energy at that size (log-log through 8 KB 5 pJ,
/// 32 KB 10 pJ, 1 MB 50 pJ) x (0.5 + 0.5 x width / 4) / width (half of it per access, half per bit).
double sram_pj_per_byte_45nm(double bytes, double width);

/// The node's factors; false for an unknown node.
bool node_factors(const std::string& node, double& logic, double& sram, double& wire);

}  // namespace cfg
