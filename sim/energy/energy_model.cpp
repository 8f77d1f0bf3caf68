#include "sim/energy/energy_model.h"

#include <algorithm>
#include <cstring>

namespace energy {

double Breakdown::unit_pj(const std::string& unit) const {
  double s = 0;
  for (const auto& l : lines)
    if (l.unit == unit) s += l.pj;
  return s;
}

std::vector<std::string> Breakdown::units() const {
  std::vector<std::string> u;
  for (const auto& l : lines)
    if (std::find(u.begin(), u.end(), l.unit) == u.end()) u.push_back(l.unit);
  return u;
}

namespace {
/// SRAM of one core (tile registers, scratchpad, accumulator SRAM) in MiB.
double core_sram_mib(const cfg::HwConfig& c) {
  return (double(c.tile.registers) + double(c.scratchpad.size_kib) + double(c.scratchpad.acc_kib)) / 1024.0;
}
struct StaticUnits {
  double cores, arrays, lane_groups, sram_mib, channels;
};
StaticUnits static_units(const cfg::HwConfig& c) {
  const double n = c.chip.cores;
  return {n, n * c.tile.mac.engines * double(c.tile.mac.rows) * c.tile.mac.cols / 256.0, n * c.tile.vector.lanes / 32.0,
          n * core_sram_mib(c) + double(c.l2.size_kib) / 1024.0, double(c.dram.channels)};
}
}  // namespace

double static_watts(const cfg::HwConfig& c) {
  const StaticUnits u = static_units(c);
  const cfg::EnergyConfig& e = c.energy;
  return 1e-3 * (u.cores * e.core_static_mw + u.arrays * e.mac_static_mw + u.lane_groups * e.vector_static_mw +
                 u.sram_mib * e.sram_static_mw_per_mib + u.channels * e.dram_static_mw_per_channel);
}

Breakdown estimate(const cfg::HwConfig& c, const Activity& a) {
  const cfg::EnergyConfig& e = c.energy;
  Breakdown b;
  auto add = [&](const char* unit, const char* key, double count, double each) {
    b.lines.push_back({unit, key, count, each, count * each});
    b.total_pj += count * each;
  };
  add("MAC arrays", "mac_int8_pj", double(a.macs_int8), e.mac_int8_pj);
  add("MAC arrays", "mac_ternary_pj", double(a.macs_ternary), e.mac_ternary_pj);
  add("MAC arrays", "mac_int4_pj", double(a.macs_int4), e.mac_int4_pj);
  add("MAC arrays", "acc_update_pj", 256.0 * double(a.tile_mmas), e.acc_update_pj);
  b.arith_pj = b.total_pj;
  add("tile registers", "treg_read_pj_per_byte", double(a.treg_read), e.treg_read_pj_per_byte);
  add("tile registers", "treg_write_pj_per_byte", double(a.treg_write), e.treg_write_pj_per_byte);
  add("scratchpad", "spad_read_pj_per_byte", double(a.spad_read), e.spad_read_pj_per_byte);
  add("scratchpad", "spad_write_pj_per_byte", double(a.spad_write), e.spad_write_pj_per_byte);
  add("accumulator SRAM", "acc_read_pj_per_byte", double(a.acc_read), e.acc_read_pj_per_byte);
  add("accumulator SRAM", "acc_write_pj_per_byte", double(a.acc_write), e.acc_write_pj_per_byte);
  add("vector unit", "vector_lane_op_pj", double(a.vec_elems), e.vector_lane_op_pj);
  add("DMA", "dma_pj_per_byte", double(a.dma_bytes), e.dma_pj_per_byte);
  add("interconnect", "interconnect_pj_per_byte", double(a.link_bytes), e.interconnect_pj_per_byte);
  add("L2", "l2_hit_pj_per_byte", double(a.l2_hit_bytes), e.l2_hit_pj_per_byte);
  add("L2", "l2_miss_pj_per_byte", double(a.l2_miss_bytes), e.l2_miss_pj_per_byte);
  add("DRAM", "dram_pj_per_bit", 8.0 * double(a.dram_bytes), e.dram_pj_per_bit);
  add("cores", "core_insn_pj", double(a.instructions), e.core_insn_pj);
  // Static rows: count = units, each = mW; energy = units x mW x seconds.
  const StaticUnits u = static_units(c);
  const double dyn = b.total_pj;
  auto stat = [&](const char* key, double units, double mw) {
    b.lines.push_back({"static", key, units, mw, units * mw * 1e-3 * a.seconds * 1e12});
    b.total_pj += b.lines.back().pj;
  };
  stat("core_static_mw", u.cores, e.core_static_mw);
  stat("mac_static_mw", u.arrays, e.mac_static_mw);
  stat("vector_static_mw", u.lane_groups, e.vector_static_mw);
  stat("sram_static_mw_per_mib", u.sram_mib, e.sram_static_mw_per_mib);
  stat("dram_static_mw_per_channel", u.channels, e.dram_static_mw_per_channel);
  b.static_pj = b.total_pj - dyn;
  b.tile_arith_pj = b.arith_pj;
  b.tile_operand_pj = double(a.mma_treg_read) * e.treg_read_pj_per_byte + double(a.mma_treg_write) * e.treg_write_pj_per_byte +
                      double(a.mma_spad_read) * e.spad_read_pj_per_byte + double(a.mma_spad_write) * e.spad_write_pj_per_byte +
                      double(a.mma_acc_read) * e.acc_read_pj_per_byte + double(a.mma_acc_write) * e.acc_write_pj_per_byte;
  b.tile_control_pj = double(a.mma_instructions) * e.core_insn_pj;
  return b;
}

const std::vector<CounterRole>& counter_roles() {
  static const char* const kTime = "a time or occupancy (static power is charged on the run's time)";
  static const char* const kStall = "a stall or wait (time, not an action)";
  static const char* const kCfg = "a property of the config";
  static const char* const kResult = "a figure derived from other counters";
  static const std::vector<CounterRole> roles = {
      // The tile unit's counters (isa/xtile_abi.def)
      {"cycles", "", kTime},
      {"mma_int8", "mac_int8_pj acc_update_pj", "its MACs (4,096 each) and 256 accumulator updates each"},
      {"mma_ternary", "mac_ternary_pj acc_update_pj", "its MACs and accumulator updates"},
      {"mma_int4", "mac_int4_pj acc_update_pj", "its MACs (8,192 each) and accumulator updates"},
      {"macs", "", "the sum of the per-format MMAs' MACs, charged by format (mma_*)"},
      {"mac_busy", "", kTime},
      {"vec_ops", "", "charged per element (vec_elems)"},
      {"vec_busy", "", kTime},
      {"tile_loads", "", "charged per byte (treg_write_bytes, spad/acc_read_bytes)"},
      {"tile_stores", "", "charged per byte (treg_read_bytes, spad/acc_write_bytes)"},
      {"ldst_busy", "", kTime},
      {"bank_conflicts", "", kStall},
      {"dma_transfers", "", "charged per byte (dma_bytes_in, dma_bytes_out)"},
      {"dma_bytes_in", "dma_pj_per_byte", "the DMA engine's work per byte (the SRAM write is in spad/acc_write_bytes)"},
      {"dma_bytes_out", "dma_pj_per_byte", "the DMA engine's work per byte"},
      {"dram_bursts", "", "granules the DMAs booked (with an L2: lines, hits too); DRAM is charged on the bytes that reached it"},
      {"stall_queue_full", "", kStall},
      {"stall_sync", "", kStall},
      {"wait_operands", "", kStall},
      {"wait_unit", "", kStall},
      {"wait_dma", "", kStall},
      {"insn_mac", "", "of the cores' instructions (charged there); the tile MMAs' control share"},
      {"insn_vec", "", "of the cores' instructions (charged there)"},
      {"insn_mem", "", "of the cores' instructions (charged there)"},
      {"insn_dma", "", "of the cores' instructions (charged there)"},
      {"insn_sync", "", "of the cores' instructions (charged there)"},
      {"ternary_invalid", "", "a property of the data"},
      {"last_done", "", kTime},
      {"stall_dma_wait", "", kStall},
      {"dram_busy", "", kTime},
      {"treg_read_bytes", "treg_read_pj_per_byte", "tile-register reads"},
      {"treg_write_bytes", "treg_write_pj_per_byte", "tile-register writes"},
      {"spad_read_bytes", "spad_read_pj_per_byte", "scratchpad reads"},
      {"spad_write_bytes", "spad_write_pj_per_byte", "scratchpad writes"},
      {"acc_read_bytes", "acc_read_pj_per_byte", "accumulator-SRAM reads"},
      {"acc_write_bytes", "acc_write_pj_per_byte", "accumulator-SRAM writes"},
      {"vec_elems", "vector_lane_op_pj", "vector/row-unit work"},
      {"mma_treg_read_bytes", "", "of treg_read_bytes (charged there); the tile MMAs' operand share"},
      {"mma_treg_write_bytes", "", "of treg_write_bytes (charged there); the tile MMAs' operand share"},
      {"mma_spad_read_bytes", "", "of spad_read_bytes (charged there); the tile MMAs' operand share"},
      {"mma_spad_write_bytes", "", "of spad_write_bytes (charged there); the tile MMAs' operand share"},
      {"mma_acc_read_bytes", "", "of acc_read_bytes (charged there); the tile MMAs' operand share"},
      {"mma_acc_write_bytes", "", "of acc_write_bytes (charged there); the tile MMAs' operand share"},
      // The report's integers beyond the tile counters
      {"clock_mhz", "", kCfg},
      {"useful_macs", "", "the workload's MACs (the executed ones are charged, by format)"},
      {"executed_macs", "", "= macs"},
      {"tile_mmas", "", "the sum of mma_int8, mma_ternary, mma_int4 (charged there)"},
      {"peak_macs_per_cycle", "", kCfg},
      {"min_dram_bytes", "", "the workload's compulsory traffic (the moved bytes are charged)"},
      {"instructions", "core_insn_pj", "instructions the cores retired"},
      {"xtile_instructions", "", "of instructions (charged there)"},
      {"cores", "core_static_mw mac_static_mw vector_static_mw sram_static_mw_per_mib", "the units static power is charged on"},
      {"core_mac_busy_min", "", kTime},
      {"core_mac_busy_max", "", kTime},
      {"core_mac_busy_mean", "", kTime},
      {"core_finish_min", "", kTime},
      {"core_finish_max", "", kTime},
      {"dram_channels", "dram_static_mw_per_channel", "the units DRAM static power is charged on"},
      {"dram_busy_avg", "", kTime},
      {"dram_busy_max", "", kTime},
      {"mem_bytes_read", "interconnect_pj_per_byte", "bytes through the cores' links into the cores"},
      {"mem_bytes_written", "interconnect_pj_per_byte", "bytes through the cores' links out of the cores"},
      {"l2_kib", "sram_static_mw_per_mib", "L2 capacity (static power)"},
      {"l2_hits", "l2_hit_pj_per_byte", "lines the L2 served"},
      {"l2_misses", "l2_miss_pj_per_byte dram_pj_per_bit", "lines the L2 filled (read misses from DRAM)"},
      {"l2_writebacks", "dram_pj_per_bit", "dirty lines written to DRAM"},
      {"cluster_cores", "", kCfg},
      {"multicast_lines", "", "of mem_bytes_read (charged there): lines that took no L2 access"},
      {"l2_busy", "", kTime},
      {"interconnect_busy", "", kTime},
      {"link_busy_max", "", kTime},
      {"mem_queue_cycles", "", kStall},
      {"dram_bytes", "dram_pj_per_bit", "bytes read from and written to DRAM"},
      // The SCALE-Sim-compatible section: other views of counters above
      {"scalesim_total_cycles", "", kTime},
      {"scalesim_compute_cycles", "", kTime},
      {"scalesim_stall_cycles", "", kTime},
      {"scalesim_sram_read_bytes", "", "spad_read_bytes + acc_read_bytes (charged there)"},
      {"scalesim_sram_write_bytes", "", "spad_write_bytes + acc_write_bytes (charged there)"},
      {"scalesim_dram_read_bytes", "", "= dma_bytes_in (charged as dram_bytes)"},
      {"scalesim_dram_write_bytes", "", "= dma_bytes_out (charged as dram_bytes)"},
      // The energy section's own integers
      {"energy_pj", "", kResult},
      {"energy_dynamic_pj", "", kResult},
      {"energy_static_pj", "", kResult},
      {"energy_arith_pj", "", kResult},
      {"energy_tile_arith_pj", "", kResult},
      {"energy_tile_operand_pj", "", kResult},
      {"energy_tile_control_pj", "", kResult},
  };
  return roles;
}

const CounterRole* role_of(const std::string& counter) {
  for (const auto& r : counter_roles())
    if (counter == r.counter) return &r;
  // The report's per-unit energies are results too.
  if (counter.rfind("energy_", 0) == 0 && counter.size() > 10 && counter.compare(counter.size() - 3, 3, "_pj") == 0) {
    static const CounterRole unit{"energy_<unit>_pj", "", "a figure derived from other counters"};
    return &unit;
  }
  return nullptr;
}

}  // namespace energy
