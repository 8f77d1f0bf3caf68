#pragma once
// The energy model (docs/energy.md): what a run did, as counts of actions, times the config's
// energy per action (energy:), plus static power over the run's time. Plain C++: it knows the
// config and the counters, nothing of how they were simulated.
#include <cstdint>
#include <string>
#include <vector>

#include "sim/cfg/hw_config.h"

namespace energy {

/// What the chip did: the counts the actions are charged on (filled from a run's counters).
struct Activity {
  uint64_t macs_int8 = 0, macs_ternary = 0, macs_int4 = 0;
  uint64_t tile_mmas = 0;  ///< 16x16xk MMAs, inside block MMAs too (256 accumulator updates each)
  uint64_t treg_read = 0, treg_write = 0, spad_read = 0, spad_write = 0, acc_read = 0, acc_write = 0;  ///< bytes
  uint64_t mma_treg_read = 0, mma_treg_write = 0, mma_spad_read = 0, mma_spad_write = 0, mma_acc_read = 0,
           mma_acc_write = 0;  ///< of those, the bytes MMAs moved (their operands)
  uint64_t vec_elems = 0;
  uint64_t dma_bytes = 0;        ///< both directions
  uint64_t link_bytes = 0;       ///< granule bytes through the cores' links (both directions)
  uint64_t l2_hit_bytes = 0, l2_miss_bytes = 0;
  uint64_t dram_bytes = 0;       ///< read from and written to DRAM (fills, write-backs; no L2: every burst)
  uint64_t instructions = 0;     ///< retired by all cores
  uint64_t mma_instructions = 0; ///< Xtile MMA and block-MMA instructions issued
  double seconds = 0;            ///< simulated time (static power)
};

/// One charged action.
struct Line {
  std::string unit;    ///< where it is spent: "MAC arrays", "tile registers", ...
  std::string key;     ///< the energy: key (its count x its value)
  double count = 0;    ///< actions (MACs, bytes, bits, instructions; static rows: watts x seconds)
  double each_pj = 0;  ///< the key's value (static rows: mW)
  double pj = 0;
};

struct Breakdown {
  std::vector<Line> lines;
  double total_pj = 0, static_pj = 0;
  double arith_pj = 0;  ///< MAC arithmetic: MACs and accumulator updates
  /// The tile MMAs alone (the like-for-like comparison with a GPU's IMMA): their arithmetic, the
  /// delivery of their operands (tile registers, scratchpad, accumulator SRAM) and their control
  /// (issuing the MMA instructions).
  double tile_arith_pj = 0, tile_operand_pj = 0, tile_control_pj = 0;
  double unit_pj(const std::string& unit) const;
  std::vector<std::string> units() const;  ///< in the order of lines
};

/// Static power of the chip (W): cores, MAC arrays, vector units, SRAM, DRAM channels.
double static_watts(const cfg::HwConfig& c);

Breakdown estimate(const cfg::HwConfig& c, const Activity& a);

/// Every counter the simulator reports, and what it is to the energy model: the energy keys
/// it is charged on (an action), or empty with the reason it is not an action. A test holds
/// the tile counters and the report's integers to this list (a counter without an entry fails).
struct CounterRole {
  const char* counter;
  const char* keys;  ///< energy keys, space separated; "" = not an action
  const char* why;
};
const std::vector<CounterRole>& counter_roles();
const CounterRole* role_of(const std::string& counter);

}  // namespace energy
