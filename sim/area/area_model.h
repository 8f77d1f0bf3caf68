#pragma once
// The area model (docs/area.md): mm^2 per unit of the chip at the configured node. The MAC
// array from the gate counts yosys synthesized from rtl/ (rtl/gate_counts.def, scripts/synth.sh)
// times a gate area; SRAMs (tile registers, accumulator SRAM, scratchpad, L2) from a bit cell
// and an array efficiency; the core, tile control, vector unit, DMA and interconnect port as
// stated gate-count estimates (area:). Plain C++: it knows the config, nothing of a run.
#include <cstdint>
#include <string>
#include <vector>

#include "sim/cfg/hw_config.h"

namespace area {

/// One row of rtl/gate_counts.def: the generic cells of one part of a synthesized array.
struct GateCounts {
  std::string formats;  ///< "all", "int8", "ternary", "int4": the datapaths the PEs have
  uint32_t rows, cols, depth, tf;
  std::string part;  ///< "pe" (one PE; the array has rows x cols) or "top" (feeder and skew)
  uint32_t and2, nand2, or2, nor2, xor2, xnor2, mux2, inv, dff, dffe, sdff, sdffe;
};
/// The synthesized table compiled in from rtl/gate_counts.def.
const std::vector<GateCounts>& synthesized();
/// NAND2 equivalents of a part: each cell's Nangate 45 nm area over the NAND2's (docs/area.md).
double nand2_equivalents(const GateCounts& g);

/// A MAC array's size in NAND2 equivalents, and how it was found.
struct ArrayGates {
  double ge = 0;
  bool exact = false;  ///< this geometry and these formats were synthesized
  std::string basis;   ///< the variant it comes from
};
/// `formats`: the datapaths (the simulator's array has "all"). A geometry the table lacks takes
/// the PE of the nearest variant with those formats (same ternary factor and depth first) times
/// rows x cols, and that variant's feeder and skew scaled by (rows + cols).
ArrayGates mac_array_gates(const cfg::MacConfig& m, const std::vector<GateCounts>& table, const std::string& formats = "all");

struct UnitArea {
  std::string unit;   ///< "MAC arrays", "tile registers", ...
  double mm2 = 0;     ///< the whole chip's (per-core units x cores)
  std::string basis;  ///< how it was computed, for the JSON detail
};
struct Breakdown {
  std::vector<UnitArea> units;
  double total_mm2 = 0, per_core_mm2 = 0;
  ArrayGates array;  ///< one MAC array
  double mm2(const std::string& unit) const;
};
Breakdown estimate(const cfg::HwConfig& c, const std::vector<GateCounts>& table = synthesized());

/// Peak dense int8 TOPS of the chip: cores x engines x rows x cols MACs per cycle x 2 x clock.
double peak_int8_tops(const cfg::HwConfig& c);

}  // namespace area
